//! What a page may claim about a target (issue 13): verdicts only from a
//! value for the target's own period, honest counts, the trend outlook, the
//! as-of date. Built as a resident would see it, in both languages.

mod common;

use common::Site;

const EXAMPLE: &str = "reports/hai-duong-2023";
const DEMO: &str = "reports/demo-2024";

fn text(html: &str) -> String {
    // Tags out, entities and spaces normalised: what a reader sees.
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_example_never_judges_a_2022_figure_against_a_2023_target() {
    let site = Site::fixture("example");
    site.build().ok();
    let page = text(&site.page(&format!(
        "{EXAMPLE}/indicators/digital-economy-share/index.html"
    )));
    assert!(
        page.contains("Mức năm 2022 (năm cơ sở): ~8,48 %; mục tiêu ≥ 10 % năm 2023, còn cách 1,52 điểm phần trăm"),
        "{page}"
    );
    assert!(!page.contains("Chưa đạt"), "{page}");
    let en = text(&site.page(&format!(
        "en/{EXAMPLE}/indicators/digital-economy-share/index.html"
    )));
    assert!(
        en.contains(
            "Level in 2022 (baseline): ~8.48%; target ≥ 10% in 2023, 1.52 percentage points to go"
        ),
        "{en}"
    );
    // No page, feed or data file states met / not met.
    for rel in [
        "index.html".to_string(),
        format!("{EXAMPLE}/index.html"),
        format!("{EXAMPLE}/groups/information-security/index.html"),
        format!("{EXAMPLE}/groups/digital-government/index.html"),
        "en/index.html".to_string(),
    ] {
        let html = site.page(&rel);
        for bad in [
            "status-met",
            "status-not-met",
            "count-met",
            "count-not-met",
            "0 chưa đạt",
            "0 not met",
            "0/3",
            "1/16",
            "0 of 3",
        ] {
            assert!(!html.contains(bad), "{rel} says {bad:?}");
        }
    }
    let json: serde_json::Value =
        serde_json::from_str(&site.page(&format!("{EXAMPLE}/data/indicators.json"))).unwrap();
    for i in json["indicators"].as_array().unwrap() {
        let s = i["status"].as_str().unwrap();
        assert!(s != "met" && s != "not-met", "{}: {s}", i["id"]);
    }
    let de = json["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "digital-economy-share")
        .unwrap();
    assert_eq!(de["verdict"], false);
    assert_eq!(de["evidence"], "earlier");
    assert!((de["gap"].as_f64().unwrap() - 1.52).abs() < 1e-9);
    let feed = site.page("atom.xml");
    assert!(
        feed.contains("0 with a figure for the target period (0 met, 0 not met)"),
        "{feed}"
    );
}

#[test]
fn the_home_page_and_overview_show_the_honest_breakdown_each_count_a_link() {
    let site = Site::fixture("example");
    site.build().ok();
    for rel in ["index.html".to_string(), format!("{EXAMPLE}/index.html")] {
        let html = site.page(&rel);
        let p = text(&html);
        assert!(
            p.contains("33 chỉ tiêu: 0 có số liệu của kỳ đánh giá"),
            "{rel}: {p}"
        );
        // The fibre figure (FTTH subscriptions per 100 households) is a
        // proxy for household coverage: counted apart, not as a level.
        assert!(
            p.contains("4 ◷ chỉ có số liệu trước kỳ đánh giá (2 đã ở mức mục tiêu, 2 chưa) 24 – chưa có số liệu 1 ≈ chỉ có số liệu gián tiếp 4 ○ cam kết không định lượng"),
            "{rel}: {p}"
        );
        // As of the plan's own date (05/06/2023) no 2023 target is overdue.
        assert!(!p.contains("đã qua kỳ đánh giá"), "{rel}: {p}");
        assert!(html.contains("indicators/#earlier\""), "{rel}");
        assert!(html.contains("indicators/#no-value\""), "{rel}");
    }
    // The list each count links to holds those indicators.
    let list = site.page(&format!("{EXAMPLE}/indicators/index.html"));
    let earlier = common::between(&list, "<section id=\"earlier\"", "</section>");
    assert!(earlier.contains("digital-economy-share/"), "{earlier}");
    assert!(!earlier.contains("records-online/"));
    // An agency's counts of the indicators it leads link its rows of them.
    let agency = site.page("agencies/so-khdt/index.html");
    assert!(
        agency.contains("href=\"#earlier-hai-duong-2023\""),
        "{agency}"
    );
    let rows = common::between(&agency, "<tbody id=\"earlier-hai-duong-2023\">", "</tbody>");
    assert!(rows.contains("digital-economy-share/"), "{rows}");
    assert!(!rows.contains("records-online/"));
    let group = site.page(&format!("{EXAMPLE}/index.html"));
    assert!(group.contains("indicators/#no-value-information-security\""));
    assert!(list.contains("id=\"no-value-information-security\""));
}

/// The demo site with one indicator measured 2020–2023 toward a 2025 target.
fn trend_site() -> Site {
    let site = Site::fixture("minimal");
    let mut inds = site.read(&format!("{DEMO}/indicators.yaml"));
    inds.push_str(
        r#"- id: trend
  group: digital-government
  name: { vi: Tỷ lệ xu hướng, en: Trend share }
  unit: percent
  target: { value: 90, op: ">=", by: 2025 }
  values:
    - { period: 2020, value: 40 }
    - { period: 2021, value: 50 }
    - { period: 2022, value: 60 }
    - { period: 2023, value: 70 }
"#,
    );
    site.write(&format!("{DEMO}/indicators.yaml"), &inds);
    site
}

/// By hand: CAGR = (70/40)^(1/3) − 1 = 20.5 %; needed (90/40)^(1/5) − 1 =
/// 17.6 %; R = 0.2051/0.1761 = 1.16 ≥ 0.95 × (1 − 0.4^4.44 = 0.98): on track.
#[test]
fn a_2020_2023_trend_toward_2025_shows_its_outlook_in_both_languages() {
    let site = trend_site();
    site.build().ok();
    let vi = text(&site.page(&format!("{DEMO}/indicators/trend/index.html")));
    assert!(
        vi.contains("Xu hướng: từ 40 % năm 2020 đến 70 % năm 2023, +20,5 % mỗi năm; để đạt ≥ 90 % năm 2025 cần +17,6 % mỗi năm từ 2020: tỷ số R = 1,16, đúng hướng để đạt mục tiêu."),
        "{vi}"
    );
    assert!(vi.contains("Chưa đến kỳ đánh giá"), "{vi}");
    let en = text(&site.page(&format!("en/{DEMO}/indicators/trend/index.html")));
    assert!(
        en.contains("Trend: from 40% in 2020 to 70% in 2023, +20.5% a year; reaching ≥ 90% in 2025 needed +17.6% a year from 2020: R = 1.16, on track to meet the target."),
        "{en}"
    );
}

#[test]
fn an_as_of_date_past_the_target_period_makes_a_missing_figure_overdue() {
    let site = Site::fixture("minimal");
    let rel = format!("{DEMO}/report.yaml");
    site.edit(
        &rel,
        "baseline_period: 2023",
        "baseline_period: 2023\nas_of: 2025-02-01",
    );
    site.build().ok();
    let p = text(&site.page(&format!(
        "{DEMO}/indicators/digital-economy-share/index.html"
    )));
    assert!(p.contains("Quá hạn, chưa có số liệu"), "{p}");
    assert!(p.contains("tính đến 01/02/2025"), "{p}");
    let home = text(&site.page("index.html"));
    assert!(
        home.contains("đã qua kỳ đánh giá mà chưa có số liệu (tính đến 01/02/2025)"),
        "{home}"
    );
    // The clock never decides: without as_of the document date does.
    let site = Site::fixture("minimal");
    site.build().ok();
    let p = text(&site.page(&format!(
        "{DEMO}/indicators/digital-economy-share/index.html"
    )));
    assert!(p.contains("Chưa đến kỳ đánh giá"), "{p}");
}

#[test]
fn a_proxy_figure_is_shown_as_such_and_gives_no_verdict() {
    let site = Site::fixture("minimal");
    let rel = format!("{DEMO}/indicators.yaml");
    site.edit(
        &rel,
        "    - { period: 2023, value: 56.6, source: \"Phần I, mục 7\" }",
        r#"    - { period: 2024, value: 66, unit: per-100, proxy: { vi: "số thuê bao trên 100 hộ, không phải tỷ lệ hộ được phủ", en: "subscriptions per 100 households, not the share of households covered" } }"#,
    );
    site.build().ok();
    let p = text(&site.page(&format!("{DEMO}/indicators/online-dossier-rate/index.html")));
    assert!(
        p.contains("Chỉ có số liệu gián tiếp: 66,00/100 năm 2024 — số thuê bao trên 100 hộ"),
        "{p}"
    );
    assert!(!p.contains("Đạt"), "{p}");
    // A unit of its own is only for a proxy.
    let site = Site::fixture("minimal");
    site.edit(
        &rel,
        "value: 56.6, source",
        "value: 56.6, unit: per-100, source",
    );
    let run = site.build();
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("a value has its own `unit` only as a proxy"),
        "{}",
        run.stderr
    );
}

#[test]
fn projects_show_due_dates_and_are_overdue_as_of_the_report_date() {
    let site = Site::fixture("minimal");
    let report = format!("{DEMO}/report.yaml");
    site.edit(
        &report,
        "baseline_period: 2023",
        "baseline_period: 2023\nas_of: 2025-01-15",
    );
    site.build().ok();
    let p = text(&site.page(&format!("{DEMO}/projects/index.html")));
    assert!(p.contains("31/12/2024"), "{p}");
    assert!(
        p.contains("Đang thực hiện · ! Quá hạn, chưa báo cáo hoàn thành"),
        "{p}"
    );
    assert!(
        p.contains("1 quá hạn mà chưa báo cáo hoàn thành (tính đến 15/01/2025)"),
        "{p}"
    );
    let overview = text(&site.page(&format!("{DEMO}/index.html")));
    assert!(
        overview.contains("1 quá hạn mà chưa báo cáo hoàn thành (tính đến 15/01/2025)"),
        "{overview}"
    );
    let agency = text(&site.page("agencies/so-tttt/index.html"));
    assert!(
        agency.contains("1 quá hạn mà chưa báo cáo hoàn thành (tính đến 15/01/2025)"),
        "{agency}"
    );
    let en = text(&site.page(&format!("en/{DEMO}/projects/index.html")));
    assert!(en.contains("31 December 2024"), "{en}");
    assert!(en.contains("Overdue, not reported done"), "{en}");
    // Done is never overdue; before the due date nothing is.
    site.edit(
        &format!("{DEMO}/projects.yaml"),
        "status: in-progress",
        "status: done",
    );
    site.build().ok();
    let p = text(&site.page(&format!("{DEMO}/projects/index.html")));
    assert!(!p.contains("Quá hạn"), "{p}");
    let site = Site::fixture("minimal");
    site.build().ok();
    let p = text(&site.page(&format!("{DEMO}/projects/index.html")));
    assert!(p.contains("31/12/2024") && !p.contains("Quá hạn"), "{p}");
}

#[test]
fn provenance_licence_dates_and_the_attached_document_are_published() {
    let site = Site::fixture("example");
    site.build().ok();
    let seed = std::fs::read(site.path(&format!("{EXAMPLE}/ke-hoach-1914-KH-UBND.txt"))).unwrap();
    let published = std::fs::read(
        site.public()
            .join(format!("{EXAMPLE}/data/source/ke-hoach-1914-KH-UBND.txt")),
    )
    .unwrap();
    assert_eq!(seed, published);
    let sums = site.page(&format!("{EXAMPLE}/data/SHA256SUMS"));
    assert!(sums.contains("source/ke-hoach-1914-KH-UBND.txt"), "{sums}");
    let package: serde_json::Value =
        serde_json::from_str(&site.page(&format!("{EXAMPLE}/data/datapackage.json"))).unwrap();
    assert_eq!(package["licenses"][0]["name"], "CC-BY-4.0");
    assert_eq!(
        package["sources"][0]["path"],
        "source/ke-hoach-1914-KH-UBND.txt"
    );
    assert_eq!(package["sources"][0]["bytes"], seed.len());
    let hash = package["sources"][0]["hash"].as_str().unwrap();
    assert!(sums.contains(&format!(
        "{}  source/ke-hoach",
        hash.trim_start_matches("sha256:")
    )));
    // Every page's footer: publisher and licence; a report's pages: dates,
    // the document with its size and digest, how to cite.
    for rel in [
        "index.html".to_string(),
        "agencies/index.html".to_string(),
        format!("{EXAMPLE}/indicators/digital-economy-share/index.html"),
        format!("en/{EXAMPLE}/projects/index.html"),
    ] {
        let p = site.page(&rel);
        assert!(p.contains("rel=\"license\""), "{rel}");
        assert!(
            p.contains("https://creativecommons.org/licenses/by/4.0/"),
            "{rel}"
        );
    }
    let p = text(&site.page(&format!(
        "{EXAMPLE}/indicators/digital-economy-share/index.html"
    )));
    assert!(p.contains("Công bố ngày 05/06/2023"), "{p}");
    let home = text(&site.page("index.html"));
    assert!(home.contains("Cập nhật gần nhất ngày 05/06/2023"), "{home}");
    assert!(p.contains("Số liệu tính đến 05/06/2023"), "{p}");
    assert!(
        p.contains("ke-hoach-1914-KH-UBND.txt (65,5 KB, SHA-256"),
        "{p}"
    );
    assert!(p.contains("Trích dẫn:"), "{p}");
    assert!(p.contains("Dấu ~ đánh dấu số ước tính"), "{p}");
    // The indicator's own CSV and JSON, linked from its page.
    let html = site.page(&format!(
        "{EXAMPLE}/indicators/digital-economy-share/index.html"
    ));
    assert!(html.contains("digital-economy-share/digital-economy-share.csv\""));
    assert!(html.contains("digital-economy-share/digital-economy-share.json\""));
    let en = site.page(&format!(
        "en/{EXAMPLE}/indicators/digital-economy-share/index.html"
    ));
    assert!(en.contains("href=\"../../../../../reports/hai-duong-2023/indicators/digital-economy-share/digital-economy-share.csv\""), "{en}");
    let csv = site.page(&format!(
        "{EXAMPLE}/indicators/digital-economy-share/digital-economy-share.csv"
    ));
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(csv.contains("8.48") && csv.contains("not-yet-due"), "{csv}");
    let json: serde_json::Value = serde_json::from_str(&site.page(&format!(
        "{EXAMPLE}/indicators/digital-economy-share/digital-economy-share.json"
    )))
    .unwrap();
    assert_eq!(json["indicator"]["values"][0]["estimate"], true);
    assert_eq!(json["license"]["id"], "CC-BY-4.0");
    assert_eq!(json["as_of"], "2023-06-05");
    // The figure's source links the document it comes from.
    assert!(en.contains("<td><a href=\"../../../../../reports/hai-duong-2023/data/source/ke-hoach-1914-KH-UBND.txt\">Part I, section I.8</a></td>"), "{en}");
    // English pages say where figures come from in English.
    let en = text(&en);
    assert!(en.contains("Part I, section I.8"), "{en}");
    assert!(!en.contains("Phần I"), "{en}");
}

#[test]
fn a_bad_as_of_date_or_attached_file_is_an_error_at_its_place() {
    let site = Site::fixture("minimal");
    let rel = format!("{DEMO}/report.yaml");
    site.edit(
        &rel,
        "baseline_period: 2023",
        "baseline_period: 2023\nas_of: 2024-13-01",
    );
    site.edit(
        &rel,
        "  date: 2024-03-05",
        "  date: 2024-03-05\n  file: ../../site.yaml",
    );
    let run = site.build();
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("report.yaml:4:8: error: `2024-13-01` is not a date"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("error: `../../site.yaml` is not a file name in the report folder"),
        "{}",
        run.stderr
    );
    site.edit(&rel, "file: ../../site.yaml", "file: ke-hoach.pdf");
    let run = site.build();
    assert!(
        run.stderr
            .contains("`ke-hoach.pdf` is not in the report folder"),
        "{}",
        run.stderr
    );
    assert!(!site.public().exists(), "a failed build writes nothing");
}

/// A group chart's takeaway, when nothing was measured in the target period,
/// says whole what the earlier figures are ("trước kỳ" alone was cut short).
#[test]
fn an_unmeasured_group_takeaway_is_a_whole_sentence() {
    let site = Site::fixture("example");
    site.build().ok();
    let vi = text(&site.page(&format!("{EXAMPLE}/groups/digital-economy/index.html")));
    assert!(
        vi.contains("3 trong 5 chỉ tiêu có số liệu trước kỳ đánh giá"),
        "{vi}"
    );
    let en = text(&site.page(&format!("en/{EXAMPLE}/groups/digital-economy/index.html")));
    assert!(en.contains("3 of 5 have earlier figures"), "{en}");
}
