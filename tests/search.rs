//! The search index of the example site, searched the way `static/search.js`
//! searches it: every folded query word must start a word of `k`; entries whose
//! title holds every word come first, then agencies, then the rest, each in
//! index order.

use std::path::Path;

use minhbach::model::Site;
use minhbach::render::search::{fold, index_json, index_path, report_links};
use serde_json::Value;

fn example() -> Site {
    let (site, diags) =
        minhbach::load::load_site(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/content")));
    assert!(!diags.has_errors(), "{diags:?}");
    site.expect("the example site loads")
}

fn index(site: &Site, lang: &str) -> Vec<Value> {
    let json = index_json(site, lang);
    match serde_json::from_str(&json).expect("the index is JSON") {
        Value::Array(entries) => entries,
        other => panic!("the index is not an array: {other}"),
    }
}

fn s<'a>(e: &'a Value, field: &str) -> &'a str {
    e[field].as_str().unwrap_or("")
}

fn has_all(haystack: &str, query: &[&str]) -> bool {
    query
        .iter()
        .all(|q| haystack.split(' ').any(|w| w.starts_with(q)))
}

/// The same algorithm as `search()` in search.js.
fn search<'a>(index: &'a [Value], query: &str) -> Vec<&'a Value> {
    let q = fold(query);
    let q: Vec<&str> = q.split(' ').filter(|w| !w.is_empty()).collect();
    if q.is_empty() {
        return Vec::new();
    }
    let rank = |e: &Value| {
        if has_all(&fold(s(e, "n")), &q) {
            0
        } else if s(e, "t") == "agency" {
            1
        } else {
            2
        }
    };
    let mut hits: Vec<(u8, usize, &Value)> = index
        .iter()
        .enumerate()
        .filter(|(_, e)| has_all(s(e, "k"), &q))
        .map(|(i, e)| (rank(e), i, e))
        .collect();
    hits.sort_by_key(|&(rank, i, _)| (rank, i));
    hits.into_iter().map(|(_, _, e)| e).collect()
}

#[test]
fn chinh_quyen_so_finds_the_group_first() {
    let site = example();
    let vi = index(&site, "vi");
    for query in [
        "chinh quyen so",
        "Chính quyền số",
        "CHINH QUYEN",
        "chinh quy s",
    ] {
        let hits = search(&vi, query);
        assert!(!hits.is_empty(), "{query}");
        assert!(
            hits.iter()
                .any(|e| s(e, "t") == "group" && s(e, "n") == "Chính quyền số"),
            "{query}: the group is found"
        );
        // Title matches come before matches in the keywords only.
        let first_non_title = hits
            .iter()
            .position(|e| !has_all(&fold(s(e, "n")), &["chinh", "quy", "s"]))
            .unwrap_or(hits.len());
        let group_at = hits.iter().position(|e| s(e, "t") == "group").unwrap();
        assert!(group_at < first_non_title, "{query}");
    }
}

#[test]
fn d_finds_dj() {
    let site = example();
    let vi = index(&site, "vi");
    let hits = search(&vi, "dien tu");
    assert!(
        hits.iter()
            .any(|e| s(e, "n").to_lowercase().contains("điện tử")),
        "`dien tu` finds entries with “điện tử” in their title"
    );
    assert_eq!(search(&vi, "điện tử").len(), hits.len());
    assert_eq!(search(&vi, "ĐIỆN TỬ").len(), hits.len());
    // An agency by its short name, its alias and its name.
    for q in ["so tttt", "Sở TT&TT", "thong tin va truyen thong"] {
        let hits = search(&vi, q);
        assert!(
            hits.iter()
                .any(|e| s(e, "t") == "agency" && s(e, "u") == "agencies/so-tttt/"),
            "{q}"
        );
    }
    // Agencies come before what they lead when the title does not match.
    assert_eq!(s(search(&vi, "so tttt")[0], "u"), "agencies/so-tttt/");
    // Indicators can be found by the agency that leads them, under any of its names.
    let by_short = search(&vi, "VP UBND tỉnh");
    assert!(by_short.iter().any(|e| s(e, "t") == "indicator"));
    // And by their id.
    let by_id = search(&vi, "records-online");
    assert_eq!(
        s(by_id[0], "u"),
        "reports/hai-duong-2023/indicators/records-online/"
    );
    // Words of a section's first lines.
    assert!(search(&vi, "dang chinh quyen tich cuc")
        .iter()
        .any(|e| s(e, "t") == "section"));
    assert!(search(&vi, "zzzz qqqq").is_empty());
    assert!(search(&vi, " !! ").is_empty());
}

#[test]
fn entries_are_well_formed() {
    let site = example();
    let kinds = [
        "report",
        "group",
        "indicator",
        "section",
        "dataset",
        "project",
        "agency",
    ];
    for lang in ["vi", "en"] {
        let entries = index(&site, lang);
        assert!(entries.len() > 100, "{lang}: {}", entries.len());
        for e in &entries {
            assert!(kinds.contains(&s(e, "t")), "{e}");
            assert!(!s(e, "n").is_empty(), "{e}");
            assert_eq!(fold(s(e, "k")), s(e, "k"), "keywords are folded: {e}");
            assert!(
                has_all(s(e, "k"), &fold(s(e, "n")).split(' ').collect::<Vec<_>>()),
                "{e}"
            );
            let u = s(e, "u");
            assert!(!u.is_empty(), "every entry has a page: {e}");
            assert!(
                !u.starts_with('/')
                    && !u.contains("://")
                    && !u.contains("..")
                    && !u.starts_with("en/")
                    && u.ends_with('/'),
                "`u` is relative to the language root: {u}"
            );
            assert!(
                u.starts_with("reports/hai-duong-2023/") || u.starts_with("agencies/"),
                "{u}"
            );
            if s(e, "t") != "report" && s(e, "t") != "agency" {
                assert!(!s(e, "r").is_empty(), "{e}");
            }
        }
        for kind in kinds {
            assert!(
                entries.iter().any(|e| s(e, "t") == kind),
                "{lang}: no {kind}"
            );
        }
        let count = |t: &str| entries.iter().filter(|e| s(e, "t") == t).count();
        let r = &site.reports[0];
        assert_eq!(count("indicator"), r.indicators.len());
        assert_eq!(count("project"), r.projects.len());
        assert_eq!(count("section"), r.sections.len());
        assert_eq!(count("dataset"), r.datasets.len());
        assert_eq!(count("group"), r.groups.len());
        assert_eq!(count("agency"), site.agencies.len());
    }
}

#[test]
fn english_index_is_in_english() {
    let site = example();
    let en = index(&site, "en");
    let group = en
        .iter()
        .find(|e| s(e, "u") == "reports/hai-duong-2023/groups/digital-government/")
        .unwrap();
    assert_eq!(s(group, "n"), "Digital government");
    assert_eq!(
        s(group, "r"),
        "Hải Dương province digital transformation plan for 2023"
    );
    let hits = search(&en, "digital government");
    assert_eq!(s(hits[0], "n"), "Digital government");
    // Agencies keep their Vietnamese names as synonyms in English.
    assert!(search(&en, "so tttt")
        .iter()
        .any(|e| s(e, "n") == "Department of Information and Communications"));
    let report = en.iter().find(|e| s(e, "t") == "report").unwrap();
    assert_eq!(s(report, "n"), site.reports[0].title.in_lang("en"));
    assert!(en
        .iter()
        .any(|e| s(e, "t") == "section" && s(e, "n").contains("Digital")));
}

#[test]
fn index_size() {
    let site = example();
    for lang in ["vi", "en"] {
        let json = index_json(&site, lang);
        println!(
            "{}: {} bytes, {} entries",
            index_path(&site, lang),
            json.len(),
            index(&site, lang).len()
        );
        assert!(json.len() < 60_000, "{lang}: {} bytes", json.len());
        assert_eq!(json, index_json(&site, lang), "deterministic");
    }
    assert_eq!(index_path(&site, "vi"), "search-index.json");
    assert_eq!(index_path(&site, "en"), "en/search-index.json");
    let links = report_links(&site.reports, "en");
    assert_eq!(links[0].href, "reports/hai-duong-2023/");
    assert_eq!(links[0].title, site.reports[0].title.in_lang("en"));
}

/// Writes the indexes for checking search.js with node: set MINHBACH_SEARCH_DUMP to a folder.
#[test]
fn dump_for_node() {
    if let Ok(dir) = std::env::var("MINHBACH_SEARCH_DUMP") {
        let site = example();
        for lang in ["vi", "en"] {
            std::fs::write(
                Path::new(&dir).join(format!("{lang}.json")),
                index_json(&site, lang),
            )
            .unwrap();
            let root = if lang == "vi" { "../" } else { "../../en/" };
            let asset_root = if lang == "vi" { "../" } else { "../../" };
            std::fs::write(
                Path::new(&dir).join(format!("{lang}.html")),
                render_page(&site, lang, root, asset_root),
            )
            .unwrap();
        }
    }
}

/// The interface strings `search.html` uses, as proposed for the i18n files.
const KEYS: &[(&str, &str, &str)] = &[
    ("search", "Tìm kiếm", "Search"),
    (
        "search_label",
        "Tìm chỉ tiêu, dự án, cơ quan, nội dung",
        "Search indicators, projects, agencies and text",
    ),
    ("search_button", "Tìm", "Search"),
    (
        "search_placeholder",
        "Ví dụ: dịch vụ công, Sở TTTT",
        "e.g. public services, broadband",
    ),
    (
        "search_no_js",
        "Tìm kiếm cần JavaScript. Bạn vẫn có thể xem nội dung từ trang tổng quan của từng báo cáo:",
        "Search needs JavaScript. You can still browse everything from each report's overview:",
    ),
    ("search_results_count", "{n} kết quả", "Results found: {n}"),
    (
        "search_no_results",
        "Không tìm thấy kết quả nào. Hãy thử từ khác hoặc ít từ hơn.",
        "No results. Try other or fewer words.",
    ),
    (
        "search_error",
        "Không tải được dữ liệu tìm kiếm. Hãy tải lại trang.",
        "The search data could not be loaded. Please reload the page.",
    ),
    ("search_more", "Xem thêm kết quả", "More results"),
    ("type_report", "Báo cáo", "Report"),
    ("type_group", "Nhóm mục tiêu", "Target group"),
    ("type_indicator", "Chỉ tiêu", "Indicator"),
    ("type_section", "Nội dung", "Section"),
    ("type_dataset", "Bảng số liệu", "Table"),
    ("type_project", "Dự án, nhiệm vụ", "Project"),
    ("type_agency", "Cơ quan", "Agency"),
];

/// `search.html` rendered with the variables the page gets, for a page at
/// `search/` of `lang`; a stub `base.html` keeps this about the search template only.
fn render_page(site: &Site, lang: &str, root: &str, asset_root: &str) -> String {
    let source = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/themes/default/templates/search.html"
    ))
    .unwrap();
    let mut tera = tera::Tera::new();
    tera.add_raw_templates([
        (
            "base.html",
            "<!doctype html><html><body><main>{% block content %}{% endblock content %}</main></body></html>",
        ),
        ("search.html", source.as_str()),
    ])
    .unwrap();
    let mut ctx = tera::Context::new();
    ctx.insert("t", &strings(lang));
    ctx.insert("root", root);
    ctx.insert("asset_root", asset_root);
    ctx.insert("reports", &report_links(&site.reports, lang));
    tera.render("search.html", &ctx).unwrap()
}

fn strings(lang: &str) -> std::collections::BTreeMap<&'static str, &'static str> {
    KEYS.iter()
        .map(|(k, vi, en)| (*k, if lang == "vi" { *vi } else { *en }))
        .collect()
}

#[test]
fn search_template_renders() {
    let site = example();
    for (lang, root, asset_root) in [("vi", "../", "../"), ("en", "../../en/", "../../")] {
        let t = strings(lang);
        let html = render_page(&site, lang, root, asset_root);
        let has = |needle: &str| assert!(html.contains(needle), "{lang}: no {needle} in\n{html}");
        has(r#"<label for="search-q">"#);
        has(r#"<input id="search-q" type="search" name="q""#);
        has(r#"method="get" action="./""#);
        has(r#"<button type="submit">"#);
        has(r#"aria-live="polite""#);
        has(r#"<ol id="search-results""#);
        has(&format!(r#"data-index="{root}search-index.json""#));
        has(&format!(r#"data-root="{root}""#));
        has(&format!(
            r#"<script src="{asset_root}static/search.js" defer></script>"#
        ));
        has(&format!(
            r#"<a href="{root}reports/hai-duong-2023/">{}</a>"#,
            site.reports[0].title.in_lang(lang)
        ));
        for (k, _, _) in KEYS.iter().filter(|(k, _, _)| k.starts_with("type_")) {
            has(&format!(r#"data-{}="{}""#, k.replace('_', "-"), t[k]));
        }
        has(&format!(r#"data-count="{}""#, t["search_results_count"]));
    }
}
