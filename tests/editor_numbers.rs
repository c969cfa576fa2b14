//! Numbers as editors type them (issue 15): a form that reads one way in
//! Vietnamese and another in YAML is stopped with both readings and the text
//! to write for each; a value its unit cannot mean is a warning; a target
//! written as text is read and shown back, or refused with the form to write.

mod common;

use common::Site;

const IND: &str = "reports/demo-2024/indicators.yaml";
const DS: &str = "reports/demo-2024/datasets/infrastructure.yaml";

/// `check`'s output after one edit of the minimal fixture.
fn check_after(file: &str, from: &str, to: &str, strict: bool) -> common::Run {
    let site = Site::fixture("minimal");
    site.edit(file, from, to);
    let args: &[&str] = if strict {
        &["check", "--strict"]
    } else {
        &["check"]
    };
    site.run(args)
}

fn assert_error(run: &common::Run, head: &str, parts: &[&str]) {
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let line = run
        .stderr
        .lines()
        .find(|l| l.starts_with(head) && l.contains(": error: "))
        .unwrap_or_else(|| panic!("no error at {head}:\n{}", run.stderr));
    for p in parts {
        assert!(
            line.contains(p) || run.stderr.contains(p),
            "`{p}` missing:\n{}",
            run.stderr
        );
    }
}

#[test]
fn a_thousands_dot_is_stopped_with_both_readings() {
    // 1.140 firms: YAML reads 1.14, a Vietnamese reader 1140.
    let run = check_after(IND, "value: 1140", "value: 1.140", false);
    assert_error(
        &run,
        &format!("content/{IND}:26:"),
        &[
            "`1.140` reads two ways: 1.14",
            "but 1140 the Vietnamese way",
            "hint: for 1140 write `1140`; for 1.14 write `1.14`",
        ],
    );
    // In a target, in a dataset cell, and where a decimal has three digits.
    let run = check_after(
        IND,
        "target: { value: 1500,",
        "target: { value: 1.500,",
        false,
    );
    assert_error(
        &run,
        &format!("content/{IND}:24:"),
        &["for 1500 write `1500`; for 1.5 write `1.5`"],
    );
    let run = check_after(DS, "value: 3229", "value: 3.229", false);
    assert_error(
        &run,
        &format!("content/{DS}:8:"),
        &["for 3229 write `3229`; for 3.229 write `3.2290`"],
    );
    let run = check_after(IND, "target: 80", "target: 80.125", false);
    assert_error(
        &run,
        &format!("content/{IND}:37:"),
        &["for 80125 write `80125`; for 80.125 write `80.1250`"],
    );
    // A decimal YAML and Vietnamese read alike is no error.
    let site = Site::fixture("minimal");
    site.edit(IND, "value: 1140", "value: 1140.5");
    assert!(!site.run(&["check"]).stderr.contains("reads two ways"));
}

#[test]
fn text_numbers_get_the_number_to_write() {
    for (typed, write, line) in [
        ("\"57.2%\"", "write `57.2` (without `%`", 8),
        ("\"57,2%\"", "write `57.2` (without `%`", 8),
        ("57,2%", "`57,2%` reads as two: write `57.2`", 8),
        ("\"2.266.097\"", "write `2266097`", 8),
        ("\"1,500\"", "for 1.5 write `1.5`; for 1500 write `1500`", 8),
    ] {
        let run = check_after(IND, "value: 56.6,", &format!("value: {typed},"), false);
        assert_error(&run, &format!("content/{IND}:{line}:"), &[write]);
    }
    // In a dataset's column of numbers, such text is not published as text.
    let run = check_after(DS, "value: 3229", "value: \"2.266.097\"", false);
    assert_error(&run, &format!("content/{DS}:8:"), &["write `2266097`"]);
    let run = check_after(DS, "value: 3229", "value: 32,29", false);
    assert_error(
        &run,
        &format!("content/{DS}:8:"),
        &["`32,29` reads as two: write `32.29`"],
    );
    // A decimal comma inside { } splits the mapping: the hint joins it again.
    let run = check_after(IND, "value: 56.6,", "value: 56,6,", false);
    assert_error(
        &run,
        &format!("content/{IND}:8:"),
        &["`56,6` reads as two: write `56.6`"],
    );
}

#[test]
fn values_their_unit_cannot_mean_are_warnings_and_errors_when_strict() {
    // A percentage kept as a fraction beside percentages above 1.
    let site = Site::fixture("minimal");
    site.edit(
        IND,
        "{ period: 2023, value: 8.48,",
        "{ period: 2023, value: 0.0848,",
    );
    let run = site.run(&["check"]);
    run.ok();
    assert!(
        run.stderr.contains(&format!("content/{IND}:18:")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("0.0848 % looks like a fraction"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("write `8.48`"), "{}", run.stderr);
    assert_eq!(site.run(&["check", "--strict"]).code, Some(1));
    // A real small percentage is not one: 1.62 % late dossiers, then 0.2 %.
    let site = Site::fixture("minimal");
    site.edit(
        IND,
        "{ period: 2022, value: 7.5 }",
        "{ period: 2022, value: 1.62 }",
    );
    site.edit(
        IND,
        "{ period: 2023, value: 8.48,",
        "{ period: 2023, value: 0.2,",
    );
    site.edit(
        IND,
        "target: { value: 10, by: 2024",
        "target: { value: 0, op: \"<=\", by: 2024",
    );
    let run = site.run(&["check", "--strict"]);
    assert!(
        !run.stderr.contains("looks like a fraction"),
        "{}",
        run.stderr
    );
    // A single value beside a target above 1.
    let run = check_after(
        IND,
        "  target: 80\n",
        "  target: 80\n  values: [{ period: 2024, value: 0.85 }]\n",
        false,
    );
    assert!(
        run.stderr.contains(&format!("content/{IND}:38:")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("0.85 % looks like a fraction"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("write `85`"), "{}", run.stderr);
    // A dataset column counted with a fraction.
    let run = check_after(DS, "value: 3229", "value: 32.29", false);
    assert!(
        run.stderr.contains(&format!("content/{DS}:8:")) && run.stderr.contains("a count of 32.29"),
        "{}",
        run.stderr
    );
    // A count with a fraction.
    let run = check_after(IND, "value: 1140", "value: 11.4", false);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains("a count of 11.4 is not a whole number"),
        "{}",
        run.stderr
    );
    let run = check_after(IND, "value: 1140", "value: 11.4", true);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
}

#[test]
fn text_targets_are_read_and_shown_back_or_refused_with_the_form() {
    let site = Site::fixture("minimal");
    site.edit(IND, "target: 80", "target: \"≥ 50%\"");
    let run = site.run(&["check"]);
    run.ok();
    assert!(
        run.stderr.contains("target `≥ 50%` is read as >= 50"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("target: { value: 50, op: \">=\" }"),
        "{}",
        run.stderr
    );
    assert_eq!(site.run(&["check", "--strict"]).code, Some(1));
    site.run(&["build"]).ok();
    for (typed, read) in [("trên 150", "> 150"), ("tối thiểu 80%", ">= 80")] {
        let run = check_after(IND, "target: 80", &format!("target: \"{typed}\""), false);
        run.ok();
        assert!(
            run.stderr.contains(&format!("is read as {read}")),
            "{}",
            run.stderr
        );
    }
    let run = check_after(IND, "target: 80", "target: \"tối thiểu 1.500\"", false);
    assert_error(
        &run,
        &format!("content/{IND}:37:"),
        &["for 1500 write `target: { value: 1500, op: \">=\" }`"],
    );
    let run = check_after(IND, "target: 80", "target: hoàn thành", false);
    assert_error(
        &run,
        &format!("content/{IND}:37:"),
        &["target: { text: \"hoàn thành\" }"],
    );
}
