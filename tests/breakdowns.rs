//! A measure split into parts (issue 18, first step): the plan's "cấp tỉnh
//! ≥ 80 %, cấp huyện ≥ 70 %, cấp xã ≥ 60 %" as one indicator with three
//! parts, each with its own honest status.

mod common;

use common::*;

const LEVELS: &str = "\
- id: records-online
  group: digital-government
  name: { vi: Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng, en: Share of work files processed online }
  unit: percent
  breakdown: { vi: cấp hành chính, en: administrative level }
  parts:
    - { id: province, name: { vi: cấp tỉnh, en: provincial level }, target: 80, values: [{ period: 2024, value: 82.5 }] }
    - { id: district, name: { vi: cấp huyện, en: district level }, target: 70, values: [{ period: 2024, value: 61 }] }
    - { id: commune, name: { vi: cấp xã, en: commune level }, target: 60, values: [{ period: 2023, value: 48.78 }] }
  lead: Sở TTTT
";

fn with_levels() -> Site {
    let site = Site::fixture("minimal");
    let rel = "reports/demo-2024/indicators.yaml";
    site.write(rel, &format!("{}{LEVELS}", site.read(rel)));
    site
}

#[test]
fn the_level_targets_are_one_measure_with_three_parts() {
    let site = with_levels();
    site.run(&["build", "--strict"]).ok();
    let page = site.page("reports/demo-2024/indicators/records-online/index.html");
    let parts = between(&page, "<h2 id=\"parts\">", "</table>");
    assert!(parts.starts_with("Theo cấp hành chính</h2>"), "{parts}");
    let rows: Vec<&str> = parts.split("<tr>").skip(2).collect();
    assert_eq!(rows.len(), 3);
    assert!(rows[0].contains("cấp tỉnh") && rows[0].contains("82,5\u{a0}% (2024)"));
    assert!(rows[0].contains("status-met"), "{}", rows[0]);
    assert!(rows[1].contains("status-not-met"), "{}", rows[1]);
    // A 2023 figure for a 2024 target is progress, not a verdict.
    assert!(rows[2].contains("status-not-yet-due"), "{}", rows[2]);
    // The bullet chart draws the three against their own targets.
    assert!(parts.contains("<svg") && parts.contains("✓ Đạt") && parts.contains("✗ Chưa đạt"));
    let en = site.page("en/reports/demo-2024/indicators/records-online/index.html");
    assert!(en.contains("By administrative level"));
    // The indicator's JSON carries the parts with their statuses.
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            site.public()
                .join("reports/demo-2024/indicators/records-online/records-online.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let parts = &json["indicator"]["parts"];
    assert_eq!(parts[0]["id"], "province", "{json}");
    assert_eq!(parts[0]["status"], "met");
    assert_eq!(parts[2]["status"], "not-yet-due");
    assert_eq!(parts[1]["target"]["value"], 70.0);
    // Without parts, a page has no such section.
    let other = site.page("reports/demo-2024/indicators/digital-firms/index.html");
    assert!(!other.contains("id=\"parts\""));
}

#[test]
fn a_breakdown_needs_parts_and_parts_need_their_own_ids() {
    let site = Site::fixture("minimal");
    let rel = "reports/demo-2024/indicators.yaml";
    site.edit(rel, "  unit: count\n", "  unit: count\n  breakdown: cấp\n");
    let run = site.run(&["check"]);
    assert!(
        run.stderr.contains("error: `breakdown` names what the parts split the measure by, but this indicator has no `parts`"),
        "{}",
        run.stderr
    );
    let site = with_levels();
    site.edit(rel, "id: district", "id: province");
    let run = site.run(&["check"]);
    assert!(
        run.stderr.contains("duplicate part id `province`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_measure_with_parts_is_counted_once_from_its_parts_and_never_as_without_a_target() {
    let site = with_levels();
    site.run(&["build", "--strict"]).ok();
    // One part not met: the measure is not met (verdict on that part's own
    // period), counted once, never "no numeric target".
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(site.public().join("reports/demo-2024/data/indicators.json"))
            .unwrap(),
    )
    .unwrap();
    let item = json["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "records-online")
        .unwrap();
    assert_eq!(item["status"], "not-met", "{item}");
    let page = site.page("reports/demo-2024/indicators/records-online/index.html");
    assert!(!page.contains("Không có mục tiêu định lượng"), "{page}");
    assert!(page.contains("chỉ tiêu chỉ đạt khi cả 3 phần đều đạt. Có số liệu của kỳ đánh giá cho 2/3 phần: 1 đạt, 1 chưa đạt."), "{page}");
    assert!(page.contains("cấp tỉnh ≥ 80"), "{page}");
    // The list of indicators puts it under "not met", once.
    let list = site.page("reports/demo-2024/indicators/index.html");
    let not_met = between(&list, "id=\"not-met\"", "id=\"earlier\"");
    assert_eq!(not_met.matches("records-online/").count(), 1, "{not_met}");
    // The group's chart and its table show each part against its own target.
    let group = site.page("reports/demo-2024/groups/digital-government/index.html");
    for level in ["cấp tỉnh", "cấp huyện", "cấp xã"] {
        let label = format!("Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng: {level}");
        assert!(group.contains(&label), "{label}");
    }
    // indicators.csv: the measure's own row, then one row per part value.
    let csv = std::fs::read_to_string(site.public().join("reports/demo-2024/data/indicators.csv"))
        .unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    assert_eq!(header[header.len() - 2..], ["part", "part_name"]);
    let rows: Vec<&str> = csv
        .lines()
        .filter(|l| l.contains(",records-online,"))
        .collect();
    assert_eq!(rows.len(), 4, "{rows:#?}");
    assert!(rows[0].ends_with(",,"), "{}", rows[0]);
    assert!(
        rows[1].contains(",>=,80,") && rows[1].contains(",2024,82.5,"),
        "{}",
        rows[1]
    );
    assert!(rows[1].contains(",met,") && rows[1].ends_with(",province,cấp tỉnh"));
    assert!(rows[3].contains(",not-yet-due,") && rows[3].ends_with(",commune,cấp xã"));
}

#[test]
fn the_example_shows_the_level_targets_as_one_measure_with_three_parts() {
    let site = Site::fixture("example");
    site.run(&["build", "--strict"]).ok();
    let page = site.page("reports/hai-duong-2023/indicators/records-online/index.html");
    let parts = between(&page, "<h2 id=\"parts\">", "</table>");
    assert!(parts.starts_with("Theo cấp hành chính</h2>"), "{parts}");
    for (level, target) in [("cấp tỉnh", "80"), ("cấp huyện", "70"), ("cấp xã", "60")] {
        assert!(parts.contains(level), "{level}");
        assert!(
            parts.contains(&format!("≥ {target}\u{a0}% (2023)")),
            "{target}: {parts}"
        );
    }
    // No part has a figure yet: no verdict, and the measure is not "without a target".
    assert!(page.contains("Chưa phần nào có số liệu của kỳ đánh giá."));
    assert!(!page.contains("Không có mục tiêu định lượng"));
    // The group names it once among what its chart cannot draw yet.
    let group = site.page("reports/hai-duong-2023/groups/digital-government/index.html");
    let missing = between(&group, "Chưa có số liệu nên không vẽ", "</p>");
    assert_eq!(
        missing.matches("Tỷ lệ hồ sơ công việc").count(),
        1,
        "{missing}"
    );
    assert!(!missing.contains(": cấp tỉnh"), "{missing}");
}
