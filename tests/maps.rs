//! Maps on the comparison pages (issue 18, item 3): boundary files declared
//! in site.yaml, checked against the reports' areas, and a choropleth per
//! comparison and period drawn with the set valid for the period.

mod common;

use common::*;
use minhbach::incremental::Incremental;
use minhbach::BuildOptions;

/// A square feature with property `code`, from (x, y) one degree wide.
fn square(code: &str, x: f64, y: f64, w: f64) -> String {
    format!(
        "{{\"type\":\"Feature\",\"properties\":{{\"code\":\"{code}\",\"name\":\"{code}\"}},\
         \"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[[{x},{y}],[{x2},{y}],[{x2},{y2}],[{x},{y2}],[{x},{y}]]]}}}}",
        x2 = x + w,
        y2 = y + 1.0,
    )
}

fn collection(features: &[String]) -> String {
    format!(
        "{{\"type\":\"FeatureCollection\",\"features\":[\n{}\n]}}\n",
        features.join(",\n")
    )
}

/// Hà Nội, Hải Dương and Hải Phòng side by side, west to east.
fn before() -> String {
    collection(&[
        square("ha-noi", 105.0, 20.0, 1.0),
        square("hai-duong", 106.0, 20.0, 1.0),
        square("hai-phong", 107.0, 20.0, 1.0),
    ])
}

/// From the merger: Hải Phòng covers Hải Dương's square too.
fn after() -> String {
    collection(&[
        square("ha-noi", 105.0, 20.0, 1.0),
        square("hai-phong", 106.0, 20.0, 2.0),
    ])
}

const BOUNDARIES: &str = "boundaries:
  - { file: boundaries/tinh-2008.geojson, until: 2025-06-30 }
  - { file: boundaries/tinh-2025.geojson, from: 2025-07-01 }
";

/// The three provinces of tests/common/areas.rs and the two boundary sets.
fn mapped() -> Site {
    let site = three_areas();
    let text = site.read("site.yaml");
    site.write("site.yaml", &format!("{text}{BOUNDARIES}"));
    site.write("boundaries/tinh-2008.geojson", &before());
    site.write("boundaries/tinh-2025.geojson", &after());
    site
}

/// The map's SVG in a page.
fn map_svg(page: &str) -> &str {
    let start = page
        .find("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640")
        .and_then(|_| page.find("aria-labelledby=\"map-"))
        .map(|i| page[..i].rfind("<svg").unwrap())
        .expect("a map in the page");
    let rest = &page[start..];
    &rest[..rest.find("</svg>").unwrap() + 6]
}

/// Each region's (title, fill), in order.
fn regions(svg: &str) -> Vec<(String, String)> {
    svg.split("<path d=\"")
        .skip(1)
        .map(|p| {
            let fill = between(p, "fill=\"", "\"").to_string();
            let title = between(p, "<title>", "</title>").to_string();
            (title, fill)
        })
        .collect()
}

#[test]
fn a_comparison_page_has_a_map_with_one_named_region_per_area() {
    let site = mapped();
    site.run(&["build", "--strict"]).ok();
    let page = site.page("compare/online-dossiers/index.html");
    let svg = map_svg(&page);
    assert!(svg.contains("role=\"group\""), "{svg}");
    assert!(svg.contains("<title id=\"map-online-dossiers-title\">"));
    let r = regions(svg);
    assert_eq!(
        r.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(),
        [
            "Hà Nội: 42,00\u{a0}%",
            "Hải Dương: Chưa có số liệu",
            "Hải Phòng: 71,20\u{a0}%"
        ],
        "one path per area of the set, in the file's order, named with its figure"
    );
    // 42 and 71.2: classes of 10 from 40 to 80; 42 in the lightest, 71.2
    // in the darkest of four.
    assert_eq!(r[0].1, "#C6DBEF");
    assert_eq!(r[2].1, "#08519C");
    // No data: the hatched pattern, which the legend shows too.
    assert_eq!(r[1].1, "url(#map-online-dossiers-nodata)");
    assert!(svg.contains("<pattern id=\"map-online-dossiers-nodata\""));
    assert_eq!(svg.matches("url(#map-online-dossiers-nodata)").count(), 2);
    for class in [
        "40\u{a0}% – 50\u{a0}%",
        "70\u{a0}% – 80\u{a0}%",
        "Chưa có số liệu",
    ] {
        assert!(
            svg.contains(&format!(">{class}</text>")),
            "legend {class}: {svg}"
        );
    }
    // The map as a file beside the page, the same in both languages but its words.
    let file =
        std::fs::read_to_string(site.public().join("compare/online-dossiers/map.svg")).unwrap();
    assert_eq!(file, svg.to_string() + "\n");
    let en = site.page("en/compare/online-dossiers/index.html");
    let en_svg = map_svg(&en);
    assert!(
        en_svg.contains("<title>Hai Duong: No data</title>"),
        "{en_svg}"
    );
    assert!(
        en_svg.contains("<title>Hai Phong: 71.20%</title>"),
        "{en_svg}"
    );
    // The table stays beside it.
    assert!(page.contains("id=\"p-2024\""));
}

#[test]
fn each_period_is_drawn_with_the_boundaries_valid_when_it_starts() {
    let site = mapped();
    // A 2026 report of Hải Phòng, after the merger.
    add_area_report(&site, "hp-2026", "hai-phong", "2026", Some("80"), "");
    site.run(&["build", "--strict"]).ok();
    // The newest period (2026) is on the main page: two regions, Hải
    // Phòng's spanning the old Hải Dương.
    let page = site.page("compare/online-dossiers/index.html");
    let r = regions(map_svg(&page));
    assert_eq!(
        r.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(),
        ["Hà Nội: Chưa có số liệu", "Hải Phòng: 80,00\u{a0}%"]
    );
    assert!(page.contains("Ranh giới: boundaries/tinh-2025.geojson."));
    // 2024 keeps the three provinces of its time.
    let p2024 = site.page("compare/online-dossiers/2024/index.html");
    assert_eq!(regions(map_svg(&p2024)).len(), 3);
    assert!(p2024.contains("Ranh giới: boundaries/tinh-2008.geojson."));
}

#[test]
fn an_area_without_a_boundary_is_an_error_listing_the_files_codes() {
    let site = mapped();
    site.write(
        "boundaries/tinh-2008.geojson",
        &collection(&[
            square("ha-noii", 105.0, 20.0, 1.0),
            square("hai-duong", 106.0, 20.0, 1.0),
            square("hai-phong", 107.0, 20.0, 1.0),
        ]),
    );
    let run = site.build();
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/reports/hn-2024/report.yaml:3:7: error: area `ha-noi` has no boundary in \
             `boundaries/tinh-2008.geojson`, the boundary set for period 2024"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("did you mean `ha-noii`? the file's codes: ha-noii, hai-duong, hai-phong"),
        "{}",
        run.stderr
    );
    assert!(!site.public().exists(), "nothing is written");
    // Without a close code, the list and what to do.
    site.write(
        "boundaries/tinh-2008.geojson",
        &collection(&[
            square("hai-duong", 106.0, 20.0, 1.0),
            square("hai-phong", 107.0, 20.0, 1.0),
        ]),
    );
    let run = site.build();
    assert!(
        run.stderr.contains(
            "the file's codes: hai-duong, hai-phong; add a feature for `ha-noi`, or correct the code"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn malformed_boundary_files_are_errors_not_panics() {
    let site = mapped();
    let cases: [(&str, String, &str); 6] = [
        (
            "truncated",
            before()[..200].to_string(),
            "content/boundaries/tinh-2008.geojson:2:",
        ),
        (
            "no code property",
            before().replace("\"code\":\"ha-noi\"", "\"cod\":\"ha-noi\""),
            "feature 0 (`features[0]`) has no area code in property `code`",
        ),
        (
            "a point",
            collection(&[
                "{\"type\":\"Feature\",\"properties\":{\"code\":\"ha-noi\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[105,21]}}".into(),
                square("hai-duong", 106.0, 20.0, 1.0),
                square("hai-phong", 107.0, 20.0, 1.0),
            ]),
            "feature 0 (`ha-noi`) is a Point, not an area",
        ),
        (
            "projected",
            before().replace("[105,20]", "[580000,2210000]"),
            "which is not a longitude and latitude",
        ),
        (
            "a bare geometry",
            "{\"type\":\"Polygon\",\"coordinates\":[[[105,20],[106,20],[106,21],[105,20]]]}".into(),
            "the file holds a bare geometry",
        ),
        ("empty", "{\"type\":\"FeatureCollection\",\"features\":[]}".into(), "the file has no features"),
    ];
    for (what, text, expected) in cases {
        site.write("boundaries/tinh-2008.geojson", &text);
        let run = site.run(&["check"]);
        assert_eq!(run.code, Some(1), "{what}: {}", run.stderr);
        assert!(run.stderr.contains(expected), "{what}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{what}: {}", run.stderr);
    }
    // site.yaml's own mistakes point at its lines.
    site.write("boundaries/tinh-2008.geojson", &before());
    let text = site.read("site.yaml");
    site.write(
        "site.yaml",
        &text.replace("tinh-2025.geojson, from", "tinh-2026.geojson, from"),
    );
    let run = site.run(&["check"]);
    assert!(
        run.stderr
            .contains("error: boundary file `boundaries/tinh-2026.geojson` not found"),
        "{}",
        run.stderr
    );
    assert!(run
        .stderr
        .contains("did you mean `boundaries/tinh-2025.geojson`?"));
    site.write(
        "site.yaml",
        &text.replace("from: 2025-07-01", "from: 2025-06-01"),
    );
    let run = site.run(&["check"]);
    assert!(
        run.stderr.contains("is valid on some of the same days as"),
        "{}",
        run.stderr
    );
}

#[test]
fn two_builds_give_the_same_bytes() {
    let site = mapped();
    site.run(&["build"]).ok();
    let first = snapshot(&site.public());
    std::fs::remove_dir_all(site.public()).unwrap();
    site.run(&["build"]).ok();
    assert!(first == snapshot(&site.public()));
}

#[test]
fn a_rebuild_after_a_boundary_file_changed_equals_a_clean_build() {
    let site = mapped();
    let options = BuildOptions {
        base_url: Some("http://127.0.0.1:1111/".into()),
        strict: false,
    };
    let mut inc = Incremental::new(&site.content(), options.clone());
    let mut files = std::collections::BTreeMap::new();
    let mut rebuild = |what: &str| {
        let mut update = inc.rebuild();
        assert!(update.ok, "{what}");
        for p in &update.removed {
            files.remove(p);
        }
        files.append(&mut update.files.files);
        let clean = minhbach::build(&site.content(), &options).0.unwrap().files;
        assert!(
            files == clean,
            "{what}: the rebuild differs from a clean build"
        );
        let map = files.get("compare/online-dossiers/map.svg").cloned();
        (update.rendered, update.units, map)
    };
    let (_, _, first) = rebuild("first build");
    // Hà Nội's square grows westward: its path changes, nothing else but
    // the comparison's pages is rendered again.
    site.write(
        "boundaries/tinh-2008.geojson",
        &collection(&[
            square("ha-noi", 104.0, 20.0, 2.0),
            square("hai-duong", 106.0, 20.0, 1.0),
            square("hai-phong", 107.0, 20.0, 1.0),
        ]),
    );
    let (rendered, units, changed) = rebuild("a boundary file changed");
    assert!(rendered < units, "{rendered} of {units}");
    assert!(
        first.is_some() && changed != first,
        "the map follows the file"
    );
    // The boundary set dropped: the map goes.
    let text = site.read("site.yaml");
    site.write("site.yaml", &text.replace(BOUNDARIES, ""));
    let (_, _, gone) = rebuild("the boundaries dropped");
    assert_eq!(gone, None);
}
