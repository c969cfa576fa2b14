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
    // And a measure split into parts (the level targets): each part is a
    // row under its measure, naming it in `Phần của`.
    assert!(src.contains("  parts:\n"));
    let at = src.find("- id: mobile-4g-5g-smartphones").unwrap();
    let lead = at + src[at..].find("  lead: Sở TTTT\n").unwrap();
    let with_better = format!(
        "{}  unit: percent\n  values:\n    - {{ period: 2021, value: 60 }}\n    - {{ period: 2022, value: 70 }}\n  better: higher\n{}",
        &src[..lead],
        &src[lead..]
    );
    // A part's figures too: one with a source, one an estimate.
    let province = "      name: { vi: cấp tỉnh, en: provincial level }\n      target: { value: 80, op: \">=\", by: 2023, source: \"Phần II, mục II.2.1\" }\n";
    assert!(with_better.contains(province));
    let with_better = with_better.replace(
        province,
        &format!("{province}      values:\n        - {{ period: 2021, value: 60.5, estimate: true }}\n        - {{ period: 2022, value: 79.91, source: \"Phần I, mục 1\" }}\n"),
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
        "Phần của",
        "Chia theo (vi)",
        "cấp hành chính",
        "level of government",
        "provincial level",
        "commune",
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
