//! `minhbach template` (issue 15): an .xlsx with drop-down lists for groups,
//! units, comparisons and agencies, filled with the report's indicators, so
//! that saved as indicators.xlsx it builds the same site as the YAML.

mod common;

use std::io::Read;

use common::{snapshot, Site};

#[test]
fn the_template_has_drop_downs_and_builds_the_same_site() {
    // The example's estimates and proxies (issue 13) have no column in a
    // sheet: the template says so.
    let site = Site::fixture("example");
    let run = site.run(&["template", "hai-duong-2023"]);
    run.ok();
    assert!(
        run.stderr
            .contains("warning: the sheet leaves out 2 estimate, proxy or `better` mark(s)"),
        "{}",
        run.stderr
    );
    let run = site.run_in_language(
        Some("vi"),
        &["template", "hai-duong-2023", "--output", "b.xlsx"],
    );
    assert!(
        run.stderr.contains("cảnh báo: bảng tính bỏ mất 2 đánh dấu"),
        "{}",
        run.stderr
    );

    // Without them, the same site.
    let site = Site::fixture("example");
    let ind = "reports/hai-duong-2023/indicators.yaml";
    let plain: String = site
        .read(ind)
        .lines()
        .filter(|l| {
            let t = l.trim_start();
            let indent = l.len() - t.len();
            !(indent == 6 && (t == "estimate: true" || t.starts_with("unit: ") || t == "proxy:"))
                && indent < 8
        })
        .map(|l| l.replace(", estimate: true", "") + "\n")
        .collect();
    std::fs::write(site.path(ind), plain).unwrap();
    site.run(&["build"]).ok();
    let expected = snapshot(&site.public());

    let run = site.run(&["template", "hai-duong-2023"]);
    run.ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let path = site.dir.path().join("hai-duong-2023-indicators.xlsx");
    assert!(
        run.stderr
            .contains("created hai-duong-2023-indicators.xlsx"),
        "{}",
        run.stderr
    );
    // A second run does not overwrite the editor's work.
    assert_eq!(site.run(&["template", "hai-duong-2023"]).code, Some(2));

    // The drop-down lists, as Excel stores them.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut sheet = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    assert_eq!(
        sheet.matches("<dataValidation type=\"list\"").count(),
        4,
        "{sheet}"
    );
    let mut strings = String::new();
    zip.by_name("xl/sharedStrings.xml")
        .unwrap()
        .read_to_string(&mut strings)
        .unwrap();
    for item in [
        "digital-government",
        "percent",
        "&gt;=",
        "Sở TTTT",
        "Giá trị 2022",
    ] {
        assert!(strings.contains(item), "{item} missing");
    }

    // Saved in place of indicators.yaml: the same site, byte for byte.
    std::fs::remove_file(site.path("reports/hai-duong-2023/indicators.yaml")).unwrap();
    std::fs::rename(&path, site.path("reports/hai-duong-2023/indicators.xlsx")).unwrap();
    std::fs::remove_dir_all(site.public()).unwrap();
    site.run(&["build", "--strict"]).ok();
    let got = snapshot(&site.public());
    assert_eq!(
        expected.iter().map(|(n, _)| n).collect::<Vec<_>>(),
        got.iter().map(|(n, _)| n).collect::<Vec<_>>()
    );
    for ((name, a), (_, b)) in expected.iter().zip(&got) {
        assert!(a == b, "{name} differs");
    }
}
