//! `check` skips the bytes nobody reads (workbooks, archives, checksums,
//! search entries) but must still see every file a build writes: the same
//! counts, and the same diagnostics for links to those files.

mod common;

use common::*;
use minhbach::BuildOptions;

/// Diagnostics as the user reads them, in order.
fn messages(diags: &minhbach::diagnostics::Diagnostics) -> Vec<String> {
    diags.iter().map(|d| format!("{d:?}")).collect()
}

#[test]
fn check_names_every_file_a_build_writes_and_finds_the_same_links() {
    let site = Site::fixture("minimal");
    // Links from a section to the files `check` does not pack, and one to a
    // file no build writes.
    let section = "reports/demo-2024/han-che.md";
    let text = site.read(section);
    site.write(
        section,
        &format!(
            "{text}\n[zip](../data/demo-2024-data.zip), [sheet](../data/indicators.xlsx), \
             [dataset sheet](../data/datasets/infrastructure.xlsx), [sums](../data/SHA256SUMS), \
             [package](../data/datapackage.json), [json](../data/projects.json), \
             [indicator](../indicators/digital-firms/digital-firms.json), [missing](../data/nothing.xlsx)\n"
        ),
    );
    let options = BuildOptions::default();
    let (built, build_diags, _) = minhbach::build_to_dir(&site.content(), &site.public(), &options);
    let built = built.expect("writes").expect("builds");
    let (checked, check_diags) = minhbach::check(&site.content(), &options);
    let checked = checked.expect("checks");

    assert_eq!(checked, built);
    assert_eq!(messages(&check_diags), messages(&build_diags));
    // The links above were checked: on the Vietnamese page only the missing
    // file is reported (the English page, without a translation, shows the
    // same text one folder deeper, where every one of them is broken).
    let broken: Vec<String> = messages(&build_diags)
        .into_iter()
        .filter(|m| m.contains("data/") && !m.contains("English page"))
        .collect();
    assert_eq!(broken.len(), 1, "{broken:#?}");
    assert!(broken[0].contains("nothing.xlsx"), "{broken:#?}");
    for rel in [
        "indicators.xlsx",
        "SHA256SUMS",
        "demo-2024-data.zip",
        "datapackage.json",
        "projects.json",
    ] {
        let bytes = std::fs::read(site.public().join("reports/demo-2024/data").join(rel)).unwrap();
        assert!(!bytes.is_empty(), "{rel} is written whole by a build");
    }
}
