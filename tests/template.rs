//! `minhbach template` (issue 15): an .xlsx with drop-down lists for groups,
//! units, comparisons and agencies, filled with the report's indicators, so
//! that saved as indicators.xlsx it builds the same site as the YAML.

mod common;

use std::io::Read;

use common::{snapshot, Site};

#[test]
fn the_template_has_drop_downs_and_builds_the_same_site() {
    // Everything indicators.yaml can say has a column: the example's
    // estimates and proxy, and `better`.
    let site = Site::fixture("example");
    let ind = "reports/hai-duong-2023/indicators.yaml";
    let src = site.read(ind);
    assert!(src.contains("estimate: true") && src.contains("proxy:"));
    // A sheet cannot hold a measure's parts: the template refuses rather
    // than drop them, and the rest is checked without the example's one
    // measure with parts (the level targets).
    let run = site.run(&["template", "hai-duong-2023"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("indicator `records-online` is split into parts (`parts:`), which a spreadsheet cannot hold yet"),
        "{}",
        run.stderr
    );
    let at = src.find("- id: records-online\n").unwrap();
    let end = at + 1 + src[at + 1..].find("\n- id: ").unwrap() + 1;
    let src = format!("{}{}", &src[..at], &src[end..]);
    assert!(!src.contains("  parts:"));
    let at = src.find("- id: mobile-4g-5g-smartphones").unwrap();
    let lead = at + src[at..].find("  lead: Sở TTTT\n").unwrap();
    let with_better = format!(
        "{}  unit: percent\n  values:\n    - {{ period: 2021, value: 60 }}\n    - {{ period: 2022, value: 70 }}\n  better: higher\n{}",
        &src[..lead],
        &src[lead..]
    );
    std::fs::write(site.path(ind), with_better).unwrap();
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
        5,
        "{sheet}"
    );
    // Selecting a value cell says how to mark an estimate.
    assert!(sheet.contains("gõ ~8,48 hoặc khoảng 8,48"), "{sheet}");
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
        "Chiều tốt",
        "tăng",
        "Gián tiếp 2022 (en)",
        "Đơn vị gián tiếp 2022",
        "per-100",
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
