//! YAML traps explained by their cause (issue 15): commas inside `{ }`, tabs,
//! a file saved with `.txt` after its name.

mod common;

use common::Site;

const IND: &str = "reports/demo-2024/indicators.yaml";

#[test]
fn commas_inside_braces_say_to_quote_the_text() {
    let site = Site::fixture("minimal");
    site.edit(
        "agencies.yaml",
        "name: { vi: \"Các sở, ban, ngành\", en: \"Provincial departments and agencies\" }",
        "name: { vi: UBND các huyện, thị xã, thành phố, en: District people's committees }",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("content/agencies.yaml:10:37: error: `thị xã` is not a language: inside { } a comma ends the text"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("hint: put the text in quotes: name: { vi: \"UBND các huyện, thị xã, thành phố\", en: District people's committees }"),
        "{}",
        run.stderr
    );
    // Once, not once per piece; and never "add the language to site.yaml".
    assert!(!run.stderr.contains("thành phố` is not"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("languages of this site"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_tab_is_named() {
    let site = Site::fixture("minimal");
    site.edit(
        IND,
        "  unit: percent\n  decimals",
        "\tunit: percent\n  decimals",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "content/{IND}:4:1: error: YAML syntax: this line has a tab (column 1)"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("replace the tab with spaces"),
        "{}",
        run.stderr
    );
    // Inside a list item too.
    let site = Site::fixture("minimal");
    site.edit(
        IND,
        "    - { period: 2023, value: 56.6",
        "  \t- { period: 2023, value: 56.6",
    );
    let run = site.run(&["check"]);
    assert!(
        run.stderr.contains("this line has a tab (column 3)"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_file_saved_as_txt_is_named_as_the_cause_first() {
    let site = Site::fixture("minimal");
    std::fs::rename(site.path(IND), site.path(&format!("{IND}.txt"))).unwrap();
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let first = run.stderr.lines().next().unwrap_or_default();
    assert_eq!(
        first,
        format!("content/{IND}.txt: error: `indicators.yaml.txt` is not read: the file must be named `indicators.yaml`, so what it holds is missing from the site"),
        "{}",
        run.stderr
    );
    // The same for report.yaml and site.yaml, which stop everything else.
    let site = Site::fixture("minimal");
    let rep = "reports/demo-2024/report.yaml";
    std::fs::rename(site.path(rep), site.path(&format!("{rep}.txt"))).unwrap();
    let run = site.run(&["check"]);
    assert!(
        run.stderr.starts_with(&format!(
            "content/{rep}.txt: error: `report.yaml.txt` is not read"
        )),
        "{}",
        run.stderr
    );
    let site = Site::fixture("minimal");
    std::fs::rename(site.path("site.yaml"), site.path("site.yaml.txt")).unwrap();
    let run = site.run(&["check"]);
    assert!(
        run.stderr
            .starts_with("content/site.yaml.txt: error: `site.yaml.txt` is not read"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_value_starting_with_a_comparison_sign_is_to_be_quoted() {
    let site = Site::fixture("minimal");
    site.edit(IND, "  target: 80\n", "  target: >= 50%\n");
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "hint: a value that starts with `>` or `|` must be in quotes: target: \">= 50%\""
        ),
        "{}",
        run.stderr
    );
    // Quoted, it is read as the target it says.
    let site = Site::fixture("minimal");
    site.edit(IND, "  target: 80\n", "  target: \">= 50%\"\n");
    let run = site.run(&["check"]);
    run.ok();
    assert!(
        run.stderr.contains("target `>= 50%` is read as >= 50"),
        "{}",
        run.stderr
    );
}
