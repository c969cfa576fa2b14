//! `minhbach template` (issue 15): an .xlsx with drop-down lists for groups,
//! units, comparisons and agencies, filled with the report's indicators, so
//! that saved as indicators.xlsx it builds the same site as the YAML.

mod common;

use std::io::Read;

use common::{snapshot, Site};

#[test]
fn the_template_has_drop_downs_and_builds_the_same_site() {
    let site = Site::fixture("example");
    site.run(&["build"]).ok();
    let expected = snapshot(&site.public());

    let run = site.run(&["template", "hai-duong-2023"]);
    run.ok();
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
