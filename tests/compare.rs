//! Areas, shared indicator codes and the comparison pages (issue 18): the
//! same measure in several provinces' reports, compared on one page with
//! honest statuses, a ranked chart, the merger stated, and open data.

mod common;

use common::*;

#[test]
fn a_comparison_page_ranks_figures_for_the_period_and_keeps_baselines_apart() {
    let site = three_areas();
    site.run(&["build", "--strict"]).ok();
    let page = site.page("compare/online-dossiers/index.html");
    let rows = row_texts(&page, "2024");
    assert_eq!(rows.len(), 3, "{rows:#?}");
    assert!(
        rows[0].starts_with("1 Hải Phòng 71,20 %") && rows[0].contains("Đạt"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].starts_with("2 Hà Nội 42,00 %") && rows[1].contains("Chưa đạt"),
        "{}",
        rows[1]
    );
    // A 2023 baseline in a 2024 plan is not a 2024 result: not ranked,
    // shown with its period, and the status is the report's own.
    assert!(
        rows[2].starts_with("– Hải Dương –")
            && rows[2].contains("56,60 % (2023)")
            && rows[2].contains("Chưa đến kỳ đánh giá"),
        "{}",
        rows[2]
    );
    assert!(page.contains("2/3 địa bàn có số liệu của chính kỳ 2024."));
    // The merger is stated where the merged area is used.
    assert!(
        page.contains("Hải Dương → Hải Phòng (từ 01/07/2025)"),
        "{}",
        between(&page, "<main", "</main>")
    );
    // The ranked chart: the two figures for 2024, best first, beside the page.
    let svg =
        std::fs::read_to_string(site.public().join("compare/online-dossiers/chart.svg")).unwrap();
    let (a, b) = (
        svg.find("1. Hải Phòng").expect("first bar"),
        svg.find("2. Hà Nội").expect("second bar"),
    );
    assert!(a < b);
    assert!(!svg.contains("Hải Dương"), "no bar for a baseline");
    assert!(page.contains("<svg"), "the chart is in the page too");
    // The list of codes, and the indicator pages' links to the comparison.
    let list = site.page("compare/index.html");
    assert!(
        list.contains("href=\"../compare/online-dossiers/\""),
        "{list}"
    );
    let ind = site.page("reports/hp-2024/indicators/hp-2024-online-dossier-rate/index.html");
    assert!(ind.contains(
        "<p class=\"compare-link\"><a href=\"../../../../compare/online-dossiers/\">So với các tỉnh khác</a></p>"
    ));
    let en = site.page("en/reports/hp-2024/indicators/hp-2024-online-dossier-rate/index.html");
    assert!(en.contains("Compare with other provinces"));
    let en = site.page("en/compare/online-dossiers/index.html");
    assert!(
        en.contains("Hai Duong → Hai Phong (from 1 July 2025)"),
        "{en}"
    );
    // An indicator without a code links nowhere.
    let other = site.page("reports/hp-2024/indicators/hp-2024-digital-firms/index.html");
    assert!(!other.contains("compare-link"));
    // Small multiples of each area's history, with their table.
    assert!(page.contains(
        "<a href=\"../../compare/online-dossiers/history/\">Diễn biến của từng địa bàn</a>"
    ));
    let history = site.page("compare/online-dossiers/history/index.html");
    let multiples = between(&history, "id=\"history\"", "</figure>");
    assert!(multiples.contains("<svg"), "{multiples}");
    assert!(
        multiples.contains("<th scope=\"row\">Hải Dương</th><td>56,60\u{a0}%</td><td>–</td>"),
        "{multiples}"
    );
    // In search, found by its name without diacritics, labelled on the search page.
    // The index before it is cut into shards (tests/search_shards.rs holds
    // the shards to the same results).
    let (model, _) = minhbach::load::load_site(&site.content());
    let index = minhbach::render::search::index_json(&model.expect("loads"), "vi");
    let entry = index
        .split("},{")
        .find(|e| e.contains("\"t\":\"compare\""))
        .expect("a comparison in the search index");
    assert!(
        entry.contains("\"u\":\"compare/online-dossiers/\""),
        "{entry}"
    );
    assert!(entry.contains("ty le ho so truc tuyen"), "{entry}");
    assert!(site
        .page("search/index.html")
        .contains("data-type-compare=\"So sánh giữa các địa bàn\""));
    // In the sitemap.
    let sitemap = std::fs::read_to_string(site.public().join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("compare/online-dossiers/"), "{sitemap}");
}

#[test]
fn the_comparison_data_match_the_reports() {
    let site = three_areas();
    site.run(&["build", "--strict"]).ok();
    let dir = site.public().join("compare/online-dossiers");
    let csv = std::fs::read_to_string(dir.join("comparison.csv")).unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert!(lines[0].starts_with("period,rank,area_code,area_name,report,indicator_id"));
    assert!(
        lines[1].starts_with("2024,1,hai-phong,Hải Phòng,hp-2024,hp-2024-online-dossier-rate,")
            && lines[1].contains(",percent,71.2,2024,met,>=,50,2024,"),
        "{}",
        lines[1]
    );
    assert!(lines[2].contains(",42,2024,not-met,"), "{}", lines[2]);
    assert!(
        lines[3].starts_with("2024,,hai-duong,")
            && lines[3].contains(",56.6,2023,not-yet-due,")
            && lines[3].contains(",hai-phong,2025-07-01,area,"),
        "{}",
        lines[3]
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("comparison.json")).unwrap())
            .unwrap();
    let rows = &json["periods"][0]["rows"];
    assert_eq!(rows[0]["value"], 71.2);
    assert_eq!(rows[2]["value_is_for_period"], false);
    assert_eq!(json["replaced"][0]["code"], "hai-duong");
    let package: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("datapackage.json")).unwrap())
            .unwrap();
    assert_eq!(package["resources"][0]["path"], "comparison.csv");
    assert_eq!(
        package["resources"][0]["bytes"].as_u64(),
        Some(csv.len() as u64)
    );
}

#[test]
fn a_site_without_areas_has_no_comparisons() {
    let site = Site::fixture("minimal");
    site.run(&["build", "--strict"]).ok();
    assert!(!site.public().join("compare").exists());
}

#[test]
fn an_unknown_area_is_an_error_with_the_code_to_write() {
    let site = three_areas();
    site.edit(
        "reports/hn-2024/report.yaml",
        "area: ha-noi",
        "area: Hà Nội",
    );
    let out = check(&site);
    assert!(
        out.contains("reports/hn-2024/report.yaml:3:7: error: area `Hà Nội` is not in areas.yaml"),
        "{out}"
    );
    assert!(out.contains("did you mean `ha-noi`?"), "{out}");
    site.edit(
        "reports/hn-2024/report.yaml",
        "area: Hà Nội",
        "area: ha-nio",
    );
    let out = check(&site);
    assert!(out.contains("did you mean `ha-noi`?"), "{out}");
}

#[test]
fn a_code_is_one_measure_in_one_unit_and_one_direction() {
    let site = three_areas();
    let i = "reports/hn-2024/indicators.yaml";
    site.edit(
        i,
        "  code: online-dossiers\n  unit: percent",
        "  code: online-dossiers\n  unit: count",
    );
    let out = check(&site);
    assert!(
        out.contains("error: code `online-dossiers` is measured in `count` here but in `percent` at content/reports/"),
        "{out}"
    );
    let site = three_areas();
    site.edit(
        i,
        "value: 50, op: \">=\", by: 2024",
        "value: 50, op: \"<=\", by: 2024",
    );
    let out = check(&site);
    assert!(
        out.contains("code `online-dossiers`: lower is better here, but higher is better at content/reports/"),
        "{out}"
    );
    // Two indicators of one report with one code.
    let site = three_areas();
    site.edit(
        i,
        "  unit: percent\n  target: { value: 10",
        "  code: online-dossiers\n  unit: percent\n  target: { value: 10",
    );
    let out = check(&site);
    assert!(
        out.contains("error: indicators `hn-2024-online-dossier-rate` and `hn-2024-digital-economy-share` of one report have the same code `online-dossiers`"),
        "{out}"
    );
}

#[test]
fn an_area_replaced_before_the_period_is_a_warning_naming_its_successor() {
    let site = three_areas();
    site.edit("areas.yaml", "from: 2025-07-01", "from: 2024-01-01");
    let out = check(&site);
    assert!(
        out.contains("warning: area `hai-duong` was replaced by hai-phong from 2024-01-01, before period 2024 starts"),
        "{out}"
    );
    site.edit(
        "areas.yaml",
        "replaced_by: [hai-phong]",
        "replaced_by: [hai-phogn]",
    );
    let out = check(&site);
    assert!(
        out.contains("area `hai-phogn` is not in areas.yaml"),
        "{out}"
    );
    assert!(out.contains("did you mean `hai-phong`?"), "{out}");
}

#[allow(dead_code)]
#[path = "../examples/gen_corpus/main.rs"]
mod gen_corpus;

/// A small generated national corpus (28 provinces, so that Hải Dương and
/// its merger into Hải Phòng are in it): every shared code has a comparison
/// page, and every figure of its data is the one its report gives.
#[test]
fn on_a_generated_corpus_every_code_has_a_comparison_whose_numbers_are_the_reports() {
    let tmp = tempfile::tempdir().unwrap();
    gen_corpus::run(&gen_corpus::Opts {
        provinces: 28,
        years: 3,
        out: tmp.path().to_path_buf(),
        seed: 1,
        indicators: 3,
        projects: 0,
        sections: 0,
        force: false,
    })
    .unwrap();
    let content = tmp.path().join("content");
    let (out, diags) = minhbach::build(&content, &Default::default());
    assert!(!diags.has_errors(), "{diags:?}");
    let out = out.unwrap().files;
    let text = |p: &str| String::from_utf8(out[p].clone()).unwrap();
    let codes = [
        "records-online",
        "digital-economy-share",
        "fibre-households",
    ];
    let mut ranked = 0;
    for code in codes {
        let page = text(&format!("compare/{code}/index.html"));
        assert!(page.contains("Tỉnh Hải Dương → Thành phố Hải Phòng (từ 01/07/2025)"));
        assert!(out.contains_key(&format!("en/compare/{code}/index.html")));
        // The newest ranked period is on the page (2025 has baselines
        // only); each other period has its own page, linked from it.
        assert!(page.contains("id=\"p-2024\""));
        assert!(!page.contains("id=\"p-2023\"") && !page.contains("id=\"p-2025\""));
        for other in ["2023", "2025"] {
            let link = format!("href=\"../../compare/{code}/{other}/\"");
            assert!(page.contains(&link), "{code} {other}");
            let p = text(&format!("compare/{code}/{other}/index.html"));
            assert!(p.contains(&format!("id=\"p-{other}\"")));
        }
        assert!(text(&format!("compare/{code}/2023/index.html")).contains("<svg"));
        assert!(out.contains_key(&format!("compare/{code}/history/index.html")));
        // A long ranking also has its layout in two columns for wide screens.
        assert!(page.contains(
            "<div class=\"chart-wide\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1312 "
        ));
        assert!(page.contains(&format!("id=\"chart-compare-{code}-wide-title\"")));
        let csv = text(&format!("compare/{code}/comparison.csv"));
        // The nation's figure is each period's reference; the records
        // processed online are split by level.
        assert!(page.contains("<td data-label=\"Hạng\" class=\"num\">Tham chiếu</td>"));
        assert!(csv.contains(",viet-nam,Cả nước,viet-nam-2024,viet-nam-"));
        assert_eq!(
            code == "records-online",
            csv.contains(",province,cấp tỉnh\r\n"),
            "{code}"
        );
        let mut last: Option<(String, f64)> = None;
        for line in csv.trim_start_matches('\u{feff}').lines().skip(1) {
            // A part's row (its `part` and `part_name` not empty): the
            // parts are checked in tests/compare_parts.rs.
            if !line.ends_with(",,") {
                continue;
            }
            let f: Vec<&str> = line.split(',').collect();
            let (period, rank, report, id, value, value_period) =
                (f[0], f[1], f[4], f[5], f[8], f[9]);
            assert_eq!(id, format!("{}-{code}", &report[..report.len() - 5]));
            // The figure is the report's own, for the period it says.
            let yaml =
                std::fs::read_to_string(content.join(format!("reports/{report}/indicators.yaml")))
                    .unwrap();
            let items: Vec<serde_yaml::Value> = serde_yaml::from_str(&yaml).unwrap();
            let item = items.iter().find(|i| i["id"].as_str() == Some(id)).unwrap();
            assert_eq!(item["code"].as_str(), Some(code));
            let given = item["values"]
                .as_sequence()
                .unwrap()
                .iter()
                .find(|v| {
                    v["period"].as_u64().map(|p| p.to_string()).as_deref() == Some(value_period)
                })
                .and_then(|v| v["value"].as_f64());
            assert_eq!(given, value.parse::<f64>().ok(), "{line}");
            // Ranked only with a figure for the period itself, best first.
            if rank.is_empty() {
                continue;
            }
            ranked += 1;
            assert_eq!(period, value_period, "{line}");
            let v: f64 = value.parse().unwrap();
            if let Some((p, before)) = &last {
                if p == period {
                    assert!(*before >= v, "{code} {period}: {before} then {v}");
                }
            }
            last = Some((period.to_string(), v));
        }
    }
    assert!(ranked > 40, "{ranked} ranked figures");
    let index = text("compare/index.html");
    for code in codes {
        assert!(index.contains(&format!("compare/{code}/")), "{code}");
    }
}

/// `check` names every comparison file a build writes (their bytes it skips).
#[test]
fn check_counts_the_comparison_files_a_build_writes() {
    let site = three_areas();
    let options = minhbach::BuildOptions::default();
    let (built, diags, _) = minhbach::build_to_dir(&site.content(), &site.public(), &options);
    assert!(!diags.has_errors(), "{diags:?}");
    let built = built.unwrap().unwrap();
    let (checked, _) = minhbach::check(&site.content(), &options);
    assert_eq!(checked.unwrap(), built);
    let csv = std::fs::read(site.public().join("compare/online-dossiers/comparison.csv")).unwrap();
    assert!(!csv.is_empty());
}
