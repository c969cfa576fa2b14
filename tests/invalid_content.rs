//! A corpus of invalid and hostile sites, each differing from the valid
//! `tests/fixtures/minimal` site in one way, each with the diagnostic an editor
//! must see: file, line, a message fragment, and exit code 1 from `check`.

mod common;

use common::Site;

const IND: &str = "reports/demo-2024/indicators.yaml";
const REP: &str = "reports/demo-2024/report.yaml";
const PRJ: &str = "reports/demo-2024/projects.yaml";
const DS: &str = "reports/demo-2024/datasets/infrastructure.yaml";
const KQ: &str = "reports/demo-2024/ket-qua.md";
const HC: &str = "reports/demo-2024/han-che.md";

struct Case {
    name: &'static str,
    change: fn(&Site),
    /// Path of the diagnostic relative to the site folder.
    file: &'static str,
    /// Line, or 0 for a diagnostic about a whole file.
    line: usize,
    message: &'static str,
    hint: Option<&'static str>,
}

fn cases() -> Vec<Case> {
    vec![
        Case { name: "unknown field with suggestion", change: |s| s.edit(IND, "  decimals: 2", "  decimls: 2"), file: IND, line: 5, message: "unknown field `decimls`", hint: Some("did you mean `decimals`?") },
        Case { name: "misspelt target", change: |s| s.edit(IND, "  target: { value: 50", "  tagret: { value: 50"), file: IND, line: 6, message: "unknown field `tagret`", hint: Some("did you mean `target`?") },
        Case { name: "decimal comma", change: |s| s.edit(IND, "value: 56.6,", "value: \"56,6\","), file: IND, line: 8, message: "`56,6` is not a number YAML reads", hint: Some("write `56.6`") },
        Case { name: "undefined group", change: |s| s.edit(IND, "group: digital-economy\n", "group: digital-econ\n"), file: IND, line: 12, message: "group `digital-econ` is not defined in report.yaml", hint: Some("did you mean `digital-economy`?") },
        Case { name: "duplicate indicator id", change: |s| s.edit(IND, "- id: digital-firms", "- id: online-dossier-rate"), file: IND, line: 20, message: "duplicate indicator id `online-dossier-rate`", hint: Some("first defined at line 1") },
        Case { name: "invalid period", change: |s| s.edit(IND, "period: 2023, value: 56.6", "period: 2023-13, value: 56.6"), file: IND, line: 8, message: "`2023-13` is not a period", hint: None },
        Case { name: "unknown comparison", change: |s| s.edit(IND, "op: \">=\"", "op: \"=>\""), file: IND, line: 6, message: "unknown comparison `=>`", hint: Some("use one of >=, >, <=, <, =") },
        Case { name: "NaN value", change: |s| s.edit(IND, "value: 56.6,", "value: .nan,"), file: IND, line: 8, message: "number must be finite", hint: None },
        Case { name: "infinite target", change: |s| s.edit(IND, "target: 80", "target: .inf"), file: IND, line: 37, message: "number must be finite", hint: None },
        Case { name: "missing required name", change: |s| s.edit(IND, "  name: Mức độ hài lòng\n", ""), file: IND, line: 33, message: "missing field `name`", hint: None },
        Case { name: "unknown reference", change: |s| s.edit(IND, "ref: qd-1", "ref: qd-9"), file: IND, line: 15, message: "reference `qd-9` is not defined in report.yaml", hint: None },
        Case { name: "id that is not a slug", change: |s| s.edit(IND, "- id: digital-firms", "- id: Digital Firms"), file: IND, line: 20, message: "indicator id `Digital Firms` is not a valid id", hint: Some("digital-firms") },
        Case { name: "target with value and text", change: |s| s.edit(IND, "target: { text:", "target: { value: 3, text:"), file: IND, line: 31, message: "either `value`", hint: None },
        Case { name: "two values for one period", change: |s| s.edit(IND, "period: 2022, value: 7.5", "period: 2023, value: 7.5"), file: IND, line: 18, message: "period `2023` has two values", hint: None },
        Case { name: "yaml syntax error", change: |s| s.edit(IND, "  unit: percent\n  decimals", "  unit: \"percent\n  decimals"), file: IND, line: 6, message: "YAML syntax: did not find expected comment or line break, while scanning a block scalar", hint: Some("check quotes") },
        Case { name: "site without title", change: |s| s.edit("site.yaml", "title: { vi: Minh bạch thử nghiệm, en: Test transparency }\n", ""), file: "site.yaml", line: 1, message: "missing field `title`", hint: None },
        Case { name: "unknown language in localized text", change: |s| s.edit("site.yaml", "en: Test transparency }", "en: Test transparency, fr: Transparence }"), file: "site.yaml", line: 1, message: "unknown language `fr`", hint: Some("languages of this site (site.yaml): vi, en") },
        Case { name: "localized text without the default language", change: |s| s.edit(REP, "title: { vi: Kế hoạch thử năm 2024, en: Test plan 2024 }", "title: { en: Test plan 2024 }"), file: REP, line: 1, message: "text has no `vi` version", hint: None },
        Case { name: "invalid base_url", change: |s| s.edit("site.yaml", "base_url: https://example.org/test/", "base_url: example.org"), file: "site.yaml", line: 2, message: "`example.org` is not a site address", hint: None },
        Case { name: "missing theme folder", change: |s| s.edit("site.yaml", "languages: [vi, en]", "languages: [vi, en]\ntheme: fancy"), file: "site.yaml", line: 4, message: "theme `fancy` not found", hint: None },
        Case { name: "empty report.yaml", change: |s| s.write(REP, "# nothing yet\n"), file: REP, line: 0, message: "report.yaml is empty", hint: None },
        Case { name: "report without groups", change: |s| { let t = s.read(REP); s.write(REP, &t[..t.find("groups:").unwrap()]) }, file: REP, line: 1, message: "missing field `groups`", hint: None },
        Case { name: "impossible document date", change: |s| s.edit(REP, "date: 2024-03-05", "date: 2024-02-30"), file: REP, line: 6, message: "`2024-02-30` is not a date", hint: Some("YYYY-MM-DD") },
        Case { name: "duplicate group id", change: |s| s.edit(REP, "- id: digital-economy", "- id: digital-government"), file: REP, line: 13, message: "duplicate group id `digital-government`", hint: Some("first defined at line 11") },
        Case { name: "unknown section kind", change: |s| s.edit(HC, "kind: limitations", "kind: limitation"), file: HC, line: 3, message: "unknown value `limitation`", hint: Some("did you mean `limitations`?") },
        Case { name: "unknown front matter key", change: |s| s.edit(HC, "order: 2", "oder: 2"), file: HC, line: 4, message: "unknown field `oder`", hint: Some("did you mean `order`?") },
        Case { name: "unterminated front matter", change: |s| s.edit(HC, "order: 2\n---\n", "order: 2\n"), file: HC, line: 1, message: "front matter is not closed", hint: None },
        Case { name: "no front matter", change: |s| s.write(HC, "Chỉ có nội dung.\n"), file: HC, line: 1, message: "section has no front matter", hint: None },
        Case { name: "section tied to an undefined group", change: |s| s.edit(KQ, "group: digital-government", "group: digital-govt"), file: KQ, line: 4, message: "group `digital-govt` is not defined", hint: Some("did you mean `digital-government`?") },
        Case { name: "shortcode with unknown indicator", change: |s| s.edit(KQ, "value(indicator=\"online-dossier-rate\")", "value(indicator=\"online-dossier\")"), file: KQ, line: 8, message: "indicator `online-dossier` is not defined", hint: Some("did you mean `online-dossier-rate`?") },
        Case { name: "unknown shortcode", change: |s| s.edit(KQ, "{{ chart(", "{{ chrt("), file: KQ, line: 16, message: "unknown shortcode `chrt`", hint: Some("did you mean `chart`?") },
        Case { name: "chart shortcode with unknown group", change: |s| s.edit(KQ, "chart(group=\"digital-economy\")", "chart(group=\"economy\")"), file: KQ, line: 16, message: "group `economy` is not defined", hint: None },
        Case { name: "translation in an unknown language", change: |s| s.write("reports/demo-2024/ket-qua.fr.md", "---\ntitle: X\nkind: other\n---\n"), file: "reports/demo-2024/ket-qua.fr.md", line: 0, message: "unknown language `fr`", hint: None },
        Case { name: "translation without an original", change: |s| s.write("reports/demo-2024/only.en.md", "---\ntitle: X\nkind: other\n---\n"), file: "reports/demo-2024/only.en.md", line: 0, message: "translation without a `vi` original", hint: None },
        Case { name: "reserved section slug", change: |s| s.write("reports/demo-2024/projects.md", "---\ntitle: X\nkind: other\n---\n"), file: "reports/demo-2024/projects.md", line: 0, message: "`projects` is reserved", hint: None },
        Case { name: "section file name that is not a slug", change: |s| s.write("reports/demo-2024/Kết quả.md", "---\ntitle: X\nkind: other\n---\n"), file: "reports/demo-2024/Kết quả.md", line: 0, message: "is not a valid slug", hint: Some("ket-qua") },
        Case { name: "report folder that is not a slug", change: |s| s.write("reports/Demo 2025/report.yaml", "title: x\n"), file: "reports/Demo 2025", line: 0, message: "report folder `Demo 2025` is not a valid slug", hint: Some("demo-2025") },
        Case { name: "non-UTF-8 bytes", change: |s| std::fs::write(s.path(HC), b"---\ntitle: H\xe1n\nkind: other\n---\n").unwrap(), file: HC, line: 0, message: "not valid UTF-8: invalid byte at offset 12 (line 2)", hint: None },
        Case { name: "dataset chart naming an unknown column", change: |s| s.edit(DS, "y: value }", "y: valeu }"), file: DS, line: 10, message: "`valeu` is not one", hint: None },
        Case { name: "dataset row with an unknown column", change: |s| s.edit(DS, "value: 349", "vlue: 349"), file: DS, line: 7, message: "unknown column `vlue`", hint: Some("did you mean `value`?") },
        Case { name: "project with an unknown status", change: |s| s.edit(PRJ, "status: in-progress", "status: ongoing"), file: PRJ, line: 8, message: "unknown value `ongoing`", hint: None },
        Case { name: "project in an undefined group", change: |s| s.edit(PRJ, "group: digital-economy", "group: economy"), file: PRJ, line: 11, message: "group `economy` is not defined", hint: None },
        Case { name: "alias bomb", change: |s| s.write(IND, &hostile_source(&alias_bomb())), file: IND, line: 0, message: "repetition limit exceeded", hint: None },
        Case { name: "deep nesting", change: |s| s.write(IND, &hostile_source(&format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)))), file: IND, line: 0, message: "nesting is too deep: more than 32 levels", hint: None },
        Case { name: "file over the size limit", change: |s| s.write(DS, &format!("# {}\n", "x".repeat(5 * 1024 * 1024))), file: DS, line: 0, message: "file is too large", hint: None },
        Case { name: "link leading outside the content folder", change: |s| { std::os::unix::fs::symlink("/etc/hostname", s.path("reports/demo-2024/datasets/outside.yaml")).unwrap() }, file: "reports/demo-2024/datasets/outside.yaml", line: 0, message: "symbolic link leads outside the content folder", hint: None },
        Case { name: "unsafe document url", change: |s| s.edit(REP, "  issuer:", "  url: \"javascript:alert(1)\"\n  issuer:"), file: REP, line: 7, message: "uses a scheme that is not allowed", hint: None },
    ]
}

/// Nine to the sixteenth expansions if followed: a "billion laughs".
fn alias_bomb() -> String {
    let mut s = String::from("{ a: &a [x, x, x, x, x, x, x, x, x]");
    let mut prev = 'a';
    for c in 'b'..='p' {
        s.push_str(&format!(", {c}: &{c} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]"));
        prev = c;
    }
    s.push('}');
    s
}

/// An otherwise valid indicator whose `source` map (the one place that accepts
/// free-form values) carries `payload`, so the parser really has to expand it.
fn hostile_source(payload: &str) -> String {
    format!("- id: x\n  group: digital-government\n  name: X\n  target:\n    value: 1\n    source: {{ ref: qd-1, at: {payload} }}\n")
}

#[test]
fn the_valid_fixture_has_no_diagnostics() {
    let site = Site::fixture("minimal");
    let run = site.run(&["check", "--strict"]);
    run.ok();
    assert!(
        run.stderr.contains("ok: no errors (0 warnings)"),
        "{}",
        run.stderr
    );
}

#[test]
fn every_invalid_site_gets_its_diagnostic() {
    let cases = cases();
    assert!(cases.len() >= 40, "the corpus has {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let site = Site::fixture("minimal");
        (case.change)(&site);
        let start = std::time::Instant::now();
        let run = site.run(&["check"]);
        // A hang guard, not a timing: alias bombs and deep nesting must end, fast or slow.
        let elapsed = start.elapsed();
        let head = if case.line > 0 {
            format!("content/{}:{}:", case.file, case.line)
        } else {
            format!("content/{}", case.file)
        };
        let found = run
            .stderr
            .lines()
            .any(|l| l.starts_with(&head) && l.contains(": error: ") && l.contains(case.message));
        let hint_ok = case.hint.is_none_or(|h| run.stderr.contains(h));
        if run.code != Some(1)
            || !found
            || !hint_ok
            || run.stderr.contains("panicked")
            || elapsed.as_secs() > 60
        {
            failures.push(format!(
                "{}: exit {:?}, expected `{head} ... error: ... {}`{}\n{}",
                case.name,
                run.code,
                case.message,
                case.hint
                    .map(|h| format!(" with hint `{h}`"))
                    .unwrap_or_default(),
                run.stderr
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n-----\n")
    );
}

#[test]
fn diagnostics_show_the_line_and_a_caret() {
    let site = Site::fixture("minimal");
    site.edit(IND, "  decimals: 2", "  decimls: 2");
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("content/reports/demo-2024/indicators.yaml:5:3: error: unknown field `decimls`\n 5 |   decimls: 2\n   |   ^\n  = hint: did you mean `decimals`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn all_errors_are_reported_sorted_with_a_count() {
    let site = Site::fixture("minimal");
    site.edit(KQ, "group: digital-government", "group: nope");
    site.edit(IND, "group: digital-economy\n", "group: nope\n");
    site.edit(IND, "- id: digital-firms", "- id: Bad Id");
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1));
    let heads: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains(": error: "))
        .collect();
    assert_eq!(heads.len(), 3, "{}", run.stderr);
    assert!(heads[0].starts_with("content/reports/demo-2024/indicators.yaml:12:"));
    assert!(heads[1].starts_with("content/reports/demo-2024/indicators.yaml:20:"));
    assert!(heads[2].starts_with("content/reports/demo-2024/ket-qua.md:4:"));
    assert!(run.stderr.contains("3 errors, "), "{}", run.stderr);
}

#[test]
fn unknown_agency_is_a_warning_and_an_error_when_strict() {
    let site = Site::fixture("minimal");
    site.edit(IND, "lead: Sở TTTT", "lead: Sở Không Tồn Tại");
    let run = site.run(&["check"]);
    run.ok();
    assert!(
        run.stderr.contains(
            "indicators.yaml:9:9: warning: agency `Sở Không Tồn Tại` is not in agencies.yaml"
        ),
        "{}",
        run.stderr
    );
    let strict = site.run(&["check", "--strict"]);
    assert_eq!(strict.code, Some(1));
    assert!(strict.stderr.contains("indicators.yaml:9:9: error: agency"));
}

#[test]
fn machine_readable_formats() {
    let site = Site::fixture("minimal");
    site.edit(IND, "  decimals: 2", "  decimls: 2");
    let json = site.run(&["check", "--format", "json"]);
    assert_eq!(json.code, Some(1));
    let v: serde_json::Value = serde_json::from_str(json.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(v["file"], "content/reports/demo-2024/indicators.yaml");
    assert_eq!(
        (v["line"].as_u64(), v["column"].as_u64()),
        (Some(5), Some(3))
    );
    assert_eq!(v["severity"], "error");
    assert_eq!(v["code"], "unknown-field");
    assert_eq!(v["message"], "unknown field `decimls`");
    let gh = site.run(&["check", "--format", "github"]);
    assert!(gh.stdout.starts_with("::error file=content/reports/demo-2024/indicators.yaml,line=5,col=3,title=unknown-field::unknown field `decimls`"), "{}", gh.stdout);
    // In Vietnamese the code stays, the message is translated.
    let vi = site.run(&["check", "--format", "json", "--lang", "vi"]);
    let v: serde_json::Value = serde_json::from_str(vi.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(v["code"], "unknown-field");
    assert_eq!(v["message"], "trường `decimls` không hợp lệ ở đây");
    assert_eq!(v["hint"], "có phải là `decimals`?");
}

#[test]
fn empty_list_files_are_empty_lists() {
    let site = Site::fixture("minimal");
    site.write(PRJ, "");
    site.write(IND, "# no indicators yet\n");
    site.edit(KQ, "{{ chart(group=\"digital-economy\") }}", "");
    let t = site.read(KQ);
    site.write(KQ, &t[..t.find("Tỷ lệ").unwrap()]);
    site.write(
        "reports/demo-2024/ket-qua.en.md",
        "---\ntitle: A\nkind: achievements\ngroup: digital-government\norder: 1\n---\n",
    );
    site.run(&["check"]).ok();
}

#[test]
fn bom_and_crlf_are_accepted() {
    let site = Site::fixture("minimal");
    for rel in [IND, HC, "site.yaml"] {
        let t = site.read(rel).replace('\n', "\r\n");
        site.write(rel, &format!("\u{feff}{t}"));
    }
    site.run(&["check", "--strict"]).ok();
    // Positions stay right in CRLF files.
    site.edit(IND, "  decimals: 2", "  decimls: 2");
    let run = site.run(&["check"]);
    assert!(
        run.stderr
            .contains("indicators.yaml:5:3: error: unknown field `decimls`"),
        "{}",
        run.stderr
    );
}

#[test]
fn broken_links_in_markdown_are_reported_where_they_were_written() {
    let site = Site::fixture("minimal");
    site.edit(HC, "2. Hạ tầng", "2. Xem [kết quả](../ket-qua/) và [giải pháp](../giai-phap/), [mục](#khong-co).\n3. Hạ tầng");
    let run = site.run(&["check"]);
    run.ok();
    assert!(run.stderr.contains("content/reports/demo-2024/han-che.md:7:1: warning: broken link `../giai-phap/`: there is no page at that address"), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "han-che.md:7:1: warning: broken link `#khong-co`: there is no anchor `#khong-co`"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.matches("broken link").count(),
        2,
        "each broken link once: {}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("`../ket-qua/`"),
        "a good link passes: {}",
        run.stderr
    );
    let strict = site.run(&["build", "--strict"]);
    assert_eq!(strict.code, Some(1), "{}", strict.stderr);
    assert!(!site.public().exists());
}

#[test]
fn an_anchor_missing_only_in_a_translation_names_the_version() {
    let site = Site::fixture("minimal");
    // ket-qua.md has "## Hạ tầng"; its English translation has no such heading.
    site.edit(
        HC,
        "2. Hạ tầng",
        "2. Xem [hạ tầng](../ket-qua/#ha-tang).\n3. Hạ tầng",
    );
    let run = site.run(&["check"]);
    run.ok();
    assert!(run.stderr.contains("han-che.md:7:1: warning: broken link `../ket-qua/#ha-tang` (English page): there is no anchor `#ha-tang`"), "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("broken link").count(),
        1,
        "{}",
        run.stderr
    );
}

#[test]
fn unsafe_markdown_links_are_dropped_with_a_warning() {
    let site = Site::fixture("minimal");
    site.edit(
        HC,
        "2. Hạ tầng",
        "2. [bấm](javascript:alert(1))\n3. Hạ tầng",
    );
    let run = site.run(&["check"]);
    run.ok();
    assert!(
        run.stderr
            .contains("han-che.md:7:1: warning: link to `javascript:alert(1)` removed"),
        "{}",
        run.stderr
    );
}

/// Shortcodes are checked while loading: a wrong one is reported together
/// with the other files' errors (the site is never rendered then), once,
/// with its place; a translation's wrong shortcode is reported in its file.
#[test]
fn shortcodes_are_checked_with_the_other_content() {
    let site = Site::fixture("minimal");
    site.edit(IND, "  decimals: 2", "  decimls: 2");
    site.edit(
        KQ,
        "chart(group=\"digital-economy\")",
        "chart(group=\"economy\")",
    );
    site.write(
        "reports/demo-2024/ket-qua.en.md",
        "---\ntitle: Results\nkind: achievements\n---\nText {{ statsu(indicator=\"x\") }}\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains(": error: "))
        .collect();
    let chart: Vec<&&str> = errors
        .iter()
        .filter(|l| l.contains("group `economy` is not defined"))
        .collect();
    assert_eq!(chart.len(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("unknown field `decimls`"),
        "{}",
        run.stderr
    );
    assert!(
        chart[0].starts_with(&format!("content/{KQ}:16:")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("hint: defined groups: digital-government, digital-economy"),
        "{}",
        run.stderr
    );
    assert!(
        errors.iter().any(|l| l.starts_with(
            "content/reports/demo-2024/ket-qua.en.md:5:6: error: unknown shortcode `statsu`"
        )),
        "{}",
        run.stderr
    );
}
