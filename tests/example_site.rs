//! The bundled example (Hải Dương 2023) built end to end: pages exist, numbers
//! on the pages equal those in the YAML, statuses and their sentences are right.

mod common;

use common::{between, Site};
use serde_yaml::Value;

const REPORT: &str = "reports/hai-duong-2023";

fn yaml(site: &Site, rel: &str) -> Value {
    serde_yaml::from_str(&site.read(rel)).unwrap()
}

fn built() -> Site {
    let site = Site::fixture("example");
    let run = site.build();
    run.ok();
    assert!(run.stderr.contains("Built"), "{}", run.stderr);
    site
}

#[test]
fn every_group_page_exists_and_embeds_its_chart() {
    let site = built();
    let report = yaml(&site, &format!("{REPORT}/report.yaml"));
    let groups = report["groups"].as_sequence().unwrap();
    assert_eq!(groups.len(), 4);
    let mut drawn = 0;
    for g in groups {
        let id = g["id"].as_str().unwrap();
        for prefix in ["", "en/"] {
            let page = site.page(&format!("{prefix}{REPORT}/groups/{id}/index.html"));
            // A group with nothing measured lists its indicators in text
            // and draws no chart (digital-society, information-security).
            if !site
                .public()
                .join(format!("{prefix}{REPORT}/groups/{id}/chart.svg"))
                .exists()
            {
                assert!(!page.contains("class=\"chart-svg\""), "{prefix}{id}");
                continue;
            }
            drawn += 1;
            assert!(page.contains("<svg"), "{prefix}{id}: no inline chart");
            assert!(
                page.contains("role=\"img\""),
                "{prefix}{id}: chart without role=img"
            );
            assert!(
                page.contains(&format!("chart-{id}-title")),
                "{prefix}{id}: chart without title id"
            );
            let svg = site.page(&format!("{prefix}{REPORT}/groups/{id}/chart.svg"));
            assert!(
                svg.starts_with("<svg") || svg.starts_with("<?xml"),
                "{id}: chart.svg is not SVG"
            );
            assert!(svg.contains("<title"), "{id}: chart.svg has no title");
            assert!(svg.contains("<desc"), "{id}: chart.svg has no desc");
        }
    }
    assert_eq!(drawn, 4, "two groups drawn, in two languages");
    // The overview shows a chart figure for every group too (two with
    // their list and table only).
    let overview = site.page(&format!("{REPORT}/index.html"));
    assert_eq!(overview.matches("<figure class=\"chart\">").count(), 4);
    assert_eq!(overview.matches("<div class=\"chart-svg\">").count(), 2);
}

#[test]
fn indicator_and_project_counts_on_pages_equal_the_yaml() {
    let site = built();
    let indicators = yaml(&site, &format!("{REPORT}/indicators.yaml"));
    let indicators = indicators.as_sequence().unwrap();
    let projects = yaml(&site, &format!("{REPORT}/projects.yaml"));
    let projects = projects.as_sequence().unwrap();

    let report = yaml(&site, &format!("{REPORT}/report.yaml"));
    let mut rows_on_pages = 0;
    for g in report["groups"].as_sequence().unwrap() {
        let id = g["id"].as_str().unwrap();
        let expected = indicators
            .iter()
            .filter(|i| i["group"].as_str() == Some(id))
            .count();
        let page = site.page(&format!("{REPORT}/groups/{id}/index.html"));
        let table = between(&page, "<table class=\"indicators", "</table>");
        let rows = table.matches("<tr id=").count();
        assert_eq!(rows, expected, "group {id}");
        rows_on_pages += rows;
        // Every indicator has its own page.
        for i in indicators
            .iter()
            .filter(|i| i["group"].as_str() == Some(id))
        {
            let iid = i["id"].as_str().unwrap();
            assert!(
                site.public()
                    .join(format!("{REPORT}/indicators/{iid}/index.html"))
                    .is_file(),
                "{iid}"
            );
        }
    }
    assert_eq!(rows_on_pages, indicators.len());

    let page = site.page(&format!("{REPORT}/projects/index.html"));
    // Rows of the project tables (the charts' own data tables are separate).
    let rows: usize = page
        .split("<table class=\"projects stack\">")
        .skip(1)
        .map(|t| {
            let t = &t[..t.find("</table>").unwrap()];
            t.matches("<tr>").count() - t.matches("<thead><tr>").count()
        })
        .sum();
    assert_eq!(rows, projects.len());
    assert_eq!(projects.len(), 45, "Annex 1 has 45 rows");
    assert!(page.contains(&format!("— {} ", projects.len())));
}

/// The example's figures are all from 2022, before its 2023 targets, and its
/// as-of date is the plan's own (05/06/2023), before the end of 2023. The old version of this test wanted
/// "8,48 % năm 2022, mục tiêu ≥ 10 % năm 2023: chưa đạt" and "56,60 % năm
/// 2022 ...: đạt": verdicts on figures from before the plan. Now each page
/// shows the 2022 level, its gap, and that the target is not yet due.
#[test]
fn known_statuses_appear_with_their_sentences() {
    let site = built();
    let de = site.page(&format!(
        "{REPORT}/indicators/digital-economy-share/index.html"
    ));
    assert!(
        de.contains("status-not-yet-due") && !de.contains("status-overdue"),
        "2023 is not over as of 05/06/2023"
    );
    assert!(
        de.contains("Mức năm 2022 (năm cơ sở): ~8,48\u{a0}%; mục tiêu ≥ 10\u{a0}% năm 2023, còn cách 1,52 điểm phần trăm. Chưa đến kỳ đánh giá."),
        "{}",
        between(&de, "<p class=\"sentence", "</p>")
    );
    let od = site.page(&format!(
        "{REPORT}/indicators/online-dossier-rate/index.html"
    ));
    assert!(!od.contains("status-met"));
    assert!(od.contains(
        "Mức năm 2022 (năm cơ sở): 56,60\u{a0}%, đã ở mức mục tiêu ≥ 50\u{a0}% năm 2023."
    ));
    let firms = site.page(&format!(
        "{REPORT}/indicators/digital-technology-firms/index.html"
    ));
    assert!(
        firms.contains("Mức năm 2022 (năm cơ sở): 114; mục tiêu &gt; 150 năm 2023, còn cách 36.")
    );

    // English pages format the same numbers the English way.
    let en = site.page(&format!(
        "en/{REPORT}/indicators/digital-economy-share/index.html"
    ));
    assert!(
        en.contains("Level in 2022 (baseline): ~8.48%; target ≥ 10% in 2023, 1.52 percentage points to go. Not yet due."),
        "{}",
        between(&en, "<p class=\"sentence", "</p>")
    );
}

#[test]
fn overview_counts_match_the_computed_statuses() {
    let site = built();
    let json: serde_json::Value =
        serde_json::from_str(&site.page(&format!("{REPORT}/data/indicators.json"))).unwrap();
    let counts = &json["counts"];
    let overview = site.page(&format!("{REPORT}/index.html"));
    let summary = between(&overview, "class=\"summary\"", "</section>");
    for (key, class) in [
        ("earlier", "count-earlier"),
        ("no_value", "count-no-value"),
        ("no_target", "count-no-target"),
    ] {
        let n = counts[key].as_u64().unwrap();
        let li = between(summary, &format!("class=\"count {class}\""), "</li>");
        assert!(
            li.contains(&format!("<span class=\"count-n\">{n}</span>")),
            "{key}: {li}"
        );
    }
    // Recompute from the data file itself: a value for the target's period
    // gives a verdict; earlier values only, before the target period's end,
    // are not yet due (and targets without a figure have no data).
    let (mut earlier, mut at_level) = (0, 0);
    for i in json["indicators"].as_array().unwrap() {
        let Some(t) = i["target"]["value"].as_f64() else {
            continue;
        };
        let by = i["target"]["by"].as_str().unwrap();
        let values: Vec<&serde_json::Value> = i["values"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|v| v["proxy"].is_null())
            .collect();
        assert!(values.iter().all(|v| v["period"].as_str().unwrap() < by));
        let proxies = i["values"].as_array().unwrap().len() > values.len();
        let expected = match (values.is_empty(), proxies) {
            (false, _) => "not-yet-due",
            (true, true) => "proxy",
            (true, false) => "no-data",
        };
        assert_eq!(i["status"], expected, "{}", i["id"]);
        let Some(v) = values.last() else { continue };
        let v = v["value"].as_f64().unwrap();
        earlier += 1;
        at_level += match i["target"]["op"].as_str().unwrap() {
            ">=" => v >= t,
            ">" => v > t,
            _ => unreachable!(),
        } as u64;
    }
    assert_eq!(
        counts["met"].as_u64().unwrap() + counts["not_met"].as_u64().unwrap(),
        0
    );
    assert_eq!(counts["earlier"].as_u64().unwrap(), earlier);
    assert_eq!(counts["earlier_at_level"].as_u64().unwrap(), at_level);
    assert_eq!((earlier, at_level), (4, 2));
}

#[test]
fn vietnamese_formatting_and_document() {
    let site = built();
    let overview = site.page(&format!("{REPORT}/index.html"));
    assert!(overview.contains("1914/KH-UBND"));
    assert!(overview.contains("05/06/2023"));
    assert!(overview.contains("<html lang=\"vi\">"));
    let en = site.page(&format!("en/{REPORT}/index.html"));
    assert!(en.contains("5 June 2023"));
    assert!(en.contains("<html lang=\"en\">"));
    // The digital-government section cites the online dossier rate through a shortcode.
    let section = site.page(&format!("{REPORT}/ket-qua-chinh-quyen-so/index.html"));
    assert!(section.contains("<data value=\"56.6\">56,60\u{a0}%</data>"));
    assert!(section.contains("1.970 dịch vụ công trực tuyến"));
}

#[test]
fn every_narrative_section_has_a_page_in_both_languages() {
    let site = built();
    let dir = site.content().join(REPORT);
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        let Some(slug) = name.strip_suffix(".md").filter(|s| !s.contains('.')) else {
            continue;
        };
        n += 1;
        let vi = site.page(&format!("{REPORT}/{slug}/index.html"));
        let en = site.page(&format!("en/{REPORT}/{slug}/index.html"));
        assert!(
            !en.contains("class=\"notice\""),
            "{slug}: English version missing"
        );
        assert!(vi.contains("<article class=\"prose\">"));
    }
    assert_eq!(n, 24);
}

#[test]
fn two_builds_are_byte_identical() {
    let site = built();
    let first = common::snapshot(&site.public());
    site.build().ok();
    let second = common::snapshot(&site.public());
    assert_eq!(first.len(), second.len());
    for (a, b) in first.iter().zip(&second) {
        assert_eq!(a.0, b.0);
        assert!(a.1 == b.1, "{} differs between builds", a.0);
    }
}
