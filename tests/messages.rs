//! Messages in the editor's language: a site whose first language is `vi`
//! gets its errors, hints and summaries in Vietnamese; `en` first, English;
//! `--lang` and MINHBACH_LANG choose over the site.

mod common;
use common::{Run, Site};

const IND: &str = "reports/demo-2024/indicators.yaml";
const REP: &str = "reports/demo-2024/report.yaml";
const KQ: &str = "reports/demo-2024/ket-qua.md";
const HC: &str = "reports/demo-2024/han-che.md";

/// English words that only an untranslated message would print (the
/// source lines quoted under a message, ` N | …`, are the editor's own).
const ENGLISH: &[&str] = &[
    "error:",
    "warning:",
    "hint:",
    " the ",
    " is not",
    "unknown",
    "expected",
    "missing",
    "invalid",
    "duplicate",
    "did you mean",
    "must ",
    "cannot",
    "syntax",
    "not defined",
    "broken link",
    "no errors",
];

fn assert_vietnamese(run: &Run) {
    let text = format!("{}{}", run.stderr, run.stdout);
    for line in text.lines().filter(|l| !l.contains(" | ")) {
        // Text between backquotes is quoted from the content.
        let words: String = line
            .split('`')
            .step_by(2)
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        for english in ENGLISH {
            assert!(
                !words.contains(english),
                "English {english:?} in the line:\n{line}\n\nall output:\n{text}"
            );
        }
    }
}

/// Each mistake, the Vietnamese text it must produce.
fn mistakes() -> Vec<(&'static str, &'static str, &'static str, &'static str)> {
    vec![
        // (file, from, to, expected Vietnamese text)
        (
            IND,
            "  decimals: 2",
            "  decimls: 2",
            "lỗi: trường `decimls` không hợp lệ ở đây",
        ),
        (
            IND,
            "value: 56.6",
            "value: \"56,60\"",
            "lỗi: YAML không đọc `56,60` là số (nó là chữ)",
        ),
        (
            IND,
            "  unit: percent\n  decimals",
            "  unit: percent\n decimals",
            "lỗi: cú pháp YAML sai",
        ),
        (
            IND,
            "period: 2023, value: 56.6",
            "period: 2023-13, value: 56.6",
            "không phải là kỳ",
        ),
        (
            IND,
            "group: digital-government",
            "group: digital-govt",
            "nhóm `digital-govt` chưa được khai báo",
        ),
        (
            IND,
            "lead: Sở TTTT",
            "lead: Sở Thông tin",
            "cảnh báo: cơ quan `Sở Thông tin` không có trong agencies.yaml",
        ),
        (
            KQ,
            "{{ value(indicator=",
            "{{ valeu(indicator=",
            "mã ngắn `valeu` không tồn tại",
        ),
        (
            KQ,
            "group: digital-government",
            "group: nope",
            "nhóm `nope` chưa được khai báo trong report.yaml",
        ),
        (REP, "title:", "titel:", "= gợi ý: có phải là `title`?"),
    ]
}

#[test]
fn a_vietnamese_first_site_gets_its_errors_in_vietnamese() {
    for (file, from, to, expected) in mistakes() {
        let site = Site::fixture("minimal");
        site.edit(file, from, to);
        let check = site.run_in_language(None, &["check"]);
        assert!(check.stderr.contains(expected), "{to}:\n{}", check.stderr);
        assert!(
            check.stderr.contains(" lỗi, ") || check.stderr.contains("ổn: không có lỗi"),
            "{}",
            check.stderr
        );
        assert_vietnamese(&check);
        // The same in the other output formats: the code stays English.
        let json = site.run_in_language(None, &["check", "--format", "json"]);
        let first: serde_json::Value =
            serde_json::from_str(json.stdout.lines().next().unwrap()).unwrap();
        let code = first["code"].as_str().unwrap();
        assert!(
            !code.is_empty() && code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
            "{code}"
        );
    }
}

#[test]
fn a_failed_build_and_a_broken_link_are_told_in_vietnamese() {
    let site = Site::fixture("minimal");
    site.edit(HC, "---\n", "---\n");
    site.write(HC, &format!("{}\n[xem](../khong-co/)\n", site.read(HC)));
    let build = site.run_in_language(None, &["build"]);
    assert_eq!(build.code, Some(0), "{}", build.stderr);
    assert!(
        build
            .stderr
            .contains("cảnh báo: liên kết hỏng `../khong-co/`: không có trang nào ở địa chỉ đó"),
        "{}",
        build.stderr
    );
    assert!(build.stderr.contains("Đã xuất bản "), "{}", build.stderr);
    assert!(build.stderr.contains("(1 cảnh báo)"), "{}", build.stderr);
    assert_vietnamese(&build);

    site.edit(IND, "  decimals: 2", "  decimls: 2");
    let failed = site.run_in_language(None, &["build"]);
    assert_eq!(failed.code, Some(1));
    assert!(
        failed
            .stderr
            .contains("lỗi: xuất bản không thành công vì có 1 lỗi; public không bị thay đổi"),
        "{}",
        failed.stderr
    );
    assert_vietnamese(&failed);
}

#[test]
fn the_bundled_example_checks_and_builds_in_vietnamese() {
    let site = Site::fixture("example");
    let check = site.run_in_language(None, &["check"]);
    assert_eq!(check.code, Some(0), "{}", check.stderr);
    assert!(
        check.stderr.contains("ổn: không có lỗi (0 cảnh báo)"),
        "{}",
        check.stderr
    );
    assert_vietnamese(&check);
    let build = site.run_in_language(None, &["build", "--quiet"]);
    assert_eq!(build.code, Some(0), "{}", build.stderr);
    // A mistake in the example: message and hint in Vietnamese.
    let ind = "reports/hai-duong-2023/indicators.yaml";
    let text = site.read(ind);
    let first_target = text.find("target:").expect("a target in the example");
    site.write(
        ind,
        &format!(
            "{}targte:{}",
            &text[..first_target],
            &text[first_target + 7..]
        ),
    );
    let bad = site.run_in_language(None, &["check"]);
    assert_eq!(bad.code, Some(1));
    assert!(
        bad.stderr
            .contains("lỗi: trường `targte` không hợp lệ ở đây"),
        "{}",
        bad.stderr
    );
    assert!(
        bad.stderr.contains("= gợi ý: có phải là `target`?"),
        "{}",
        bad.stderr
    );
    assert!(bad.stderr.contains("1 lỗi, 0 cảnh báo"), "{}", bad.stderr);
    assert_vietnamese(&bad);
}

#[test]
fn an_english_first_site_gets_english() {
    let site = Site::fixture("minimal");
    site.edit("site.yaml", "languages: [vi, en]", "languages: [en, vi]");
    site.edit(IND, "  decimals: 2", "  decimls: 2");
    let check = site.run_in_language(None, &["check"]);
    assert!(
        check.stderr.contains("error: unknown field `decimls`"),
        "{}",
        check.stderr
    );
    assert!(check.stderr.contains("= hint: did you mean `decimals`?"));
    assert!(check.stderr.contains(" error"), "{}", check.stderr);
    assert!(!check.stderr.contains("lỗi"), "{}", check.stderr);
}

#[test]
fn the_option_and_the_environment_choose_over_the_site() {
    let site = Site::fixture("minimal");
    site.edit(IND, "  decimals: 2", "  decimls: 2");
    let en = site.run_in_language(None, &["check", "--lang", "en"]);
    assert!(
        en.stderr.contains("error: unknown field `decimls`"),
        "{}",
        en.stderr
    );
    let env_en = site.run_in_language(Some("en"), &["check"]);
    assert!(
        env_en.stderr.contains("error: unknown field"),
        "{}",
        env_en.stderr
    );
    // The option wins over the environment.
    let both = site.run_in_language(Some("en"), &["check", "--lang", "vi"]);
    assert!(
        both.stderr.contains("lỗi: trường `decimls`"),
        "{}",
        both.stderr
    );
    assert_vietnamese(&both);
    // No site: English, unless asked.
    let empty = Site::fixture("minimal");
    std::fs::remove_dir_all(empty.content()).unwrap();
    let none = empty.run_in_language(None, &["check"]);
    assert!(
        none.stderr.contains("error: content folder not found"),
        "{}",
        none.stderr
    );
    let asked = empty.run_in_language(Some("vi"), &["check"]);
    assert!(
        asked
            .stderr
            .contains("lỗi: không tìm thấy thư mục nội dung"),
        "{}",
        asked.stderr
    );
    assert_vietnamese(&asked);
}

#[test]
fn help_follows_the_language() {
    let site = Site::fixture("minimal");
    let vi = site.run_in_language(None, &["check", "--help"]);
    assert_eq!(vi.code, Some(0));
    assert!(
        vi.stdout.contains("Cách dùng: minhbach check"),
        "{}",
        vi.stdout
    );
    assert!(vi.stdout.contains("Kiểm tra nội dung"), "{}", vi.stdout);
    let en = site.run_in_language(None, &["check", "--help", "--lang", "en"]);
    assert!(en.stdout.contains("Usage: minhbach check"), "{}", en.stdout);
}

#[test]
fn usage_errors_follow_the_language() {
    let site = Site::fixture("minimal");
    // A Vietnamese-first site: clap's own errors in Vietnamese too.
    let cases: [(&[&str], &[&str]); 6] = [
        (
            &["check", "--foo"],
            &[
                "lỗi: không có tuỳ chọn '--foo'",
                "Cách dùng: minhbach check [TUỲ_CHỌN]",
            ],
        ),
        (
            &["check", "--stric"],
            &[
                "lỗi: không có tuỳ chọn '--stric'",
                "gợi ý: có phải là '--strict'?",
            ],
        ),
        (
            &["new", "report"],
            &[
                "lỗi: thiếu tham số bắt buộc: <SLUG>",
                "Cách dùng: minhbach new report",
            ],
        ),
        (
            &["check", "--format", "xml"],
            &[
                "lỗi: giá trị 'xml' không hợp lệ cho '--format <DẠNG>'",
                "các giá trị được chấp nhận: human, json, github",
            ],
        ),
        (
            &["buidl"],
            &[
                "lỗi: không có lệnh 'buidl'",
                "gợi ý: có phải là lệnh 'build'?",
            ],
        ),
        (
            &["build", "--quiet", "--verbose"],
            &["lỗi: không dùng được '--quiet' cùng với '--verbose'"],
        ),
    ];
    for (args, expected) in cases {
        let run = site.run_in_language(None, args);
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
        for e in expected {
            assert!(run.stderr.contains(e), "{args:?}: {e:?} in\n{}", run.stderr);
        }
        assert!(
            run.stderr.contains("Để biết thêm, chạy với '--help'."),
            "{}",
            run.stderr
        );
        for english in [
            "error:",
            "Usage",
            "For more information",
            "tip:",
            "possible values",
        ] {
            assert!(
                !run.stderr.contains(english),
                "{args:?}: {english:?} in\n{}",
                run.stderr
            );
        }
    }
    // Asked for in English (option or environment), clap's words are kept.
    let run = site.run_in_language(Some("en"), &["check", "--foo"]);
    assert!(
        run.stderr
            .contains("error: unexpected argument '--foo' found"),
        "{}",
        run.stderr
    );
    let run = site.run_in_language(None, &["check", "--foo", "--lang", "en"]);
    assert!(
        run.stderr.contains("Usage: minhbach check"),
        "{}",
        run.stderr
    );
    let run = site.run_in_language(Some("vi"), &["--lang", "vi", "--version"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

#[test]
fn init_speaks_the_language_asked_for() {
    let site = Site::fixture("minimal");
    let run = site.run_in_language(Some("vi"), &["init", "moi"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains("đã tạo moi/content/site.yaml"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("Tiếp theo: vào thư mục moi"),
        "{}",
        run.stderr
    );
    let again = site.run_in_language(Some("vi"), &["init", "moi"]);
    assert_eq!(again.code, Some(2));
    assert!(
        again.stderr.contains("lỗi: moi không trống"),
        "{}",
        again.stderr
    );
    assert_vietnamese(&again);
}

/// The codes in `msg!("code", …)` of every source file.
fn codes_in_source() -> std::collections::BTreeSet<String> {
    let mut codes = std::collections::BTreeSet::new();
    for entry in walkdir::WalkDir::new(common::repo().join("src")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for lead in ["msg!(\"", "Msg::__new(\""] {
            for (i, _) in text.match_indices(lead) {
                let rest = &text[i + lead.len()..];
                let code = &rest[..rest.find('"').unwrap()];
                if code != "test" {
                    codes.insert(code.to_string());
                }
            }
        }
    }
    codes
}

#[test]
fn the_guide_lists_every_code_and_only_real_ones() {
    let doc = std::fs::read_to_string(common::repo().join("docs/messages.md")).unwrap();
    let codes = codes_in_source();
    assert!(codes.len() > 60, "{codes:?}");
    for code in &codes {
        assert!(
            doc.contains(&format!("`{code}`")),
            "docs/messages.md does not list the code `{code}`"
        );
    }
    // Every code in the tables is one the program uses.
    let src: String = walkdir::WalkDir::new(common::repo().join("src"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    for line in doc.lines().filter(|l| l.starts_with("| `")) {
        let first = line.split('|').nth(1).unwrap();
        for code in first.split('`').skip(1).step_by(2) {
            assert!(
                src.contains(&format!("\"{code}\"")),
                "docs/messages.md lists `{code}`, which the program does not use"
            );
        }
    }
}

/// The code blocks of a guide, each as its lines without the indentation.
fn code_blocks(guide: &str) -> Vec<String> {
    let text = std::fs::read_to_string(common::repo().join(guide)).unwrap();
    let mut blocks = Vec::new();
    let mut current: Option<(usize, Vec<String>)> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            match current.take() {
                Some((_, lines)) => blocks.push(lines.join("\n")),
                None => current = Some((line.len() - trimmed.len(), Vec::new())),
            }
        } else if let Some((indent, lines)) = &mut current {
            lines.push(line.get(*indent..).unwrap_or("").to_string());
        }
    }
    blocks
}

/// What `init my-site` and then `check` print, with this year written as the
/// guides write it (2026).
fn init_and_check(lang: &str) -> (String, String) {
    let site = Site::fixture("minimal");
    let init = site.run_in_language(None, &["init", "my-site", "--lang", lang]);
    assert_eq!(init.code, Some(0), "{}", init.stderr);
    let check = Site {
        dir: tempfile::tempdir().unwrap(),
    };
    common::copy_dir(&site.dir.path().join("my-site"), check.dir.path());
    let checked = check.run_in_language(None, &["check", "--lang", lang]);
    let year = format!("ke-hoach-{}", current_year(&init.stderr));
    (
        init.stderr.replace(&year, "ke-hoach-2026"),
        checked.stderr.replace(&year, "ke-hoach-2026"),
    )
}

fn current_year(init_output: &str) -> String {
    let at = init_output.find("ke-hoach-").unwrap() + "ke-hoach-".len();
    init_output[at..at + 4].to_string()
}

#[test]
fn the_guides_show_what_init_and_the_sample_warning_really_print() {
    for (guide, lang, created) in [
        ("docs/huong-dan.md", "vi", "đã tạo my-site/"),
        ("docs/guide.md", "en", "created my-site/"),
    ] {
        let (init, check) = init_and_check(lang);
        let blocks = code_blocks(guide);
        let shown = blocks
            .iter()
            .find(|b| b.starts_with(created))
            .unwrap_or_else(|| panic!("{guide} shows no output of init"));
        assert_eq!(shown.trim_end(), init.trim_end(), "{guide}: init's output");
        let warning = blocks
            .iter()
            .find(|b| b.starts_with("content/reports/ke-hoach-2026/report.yaml:5:9:"))
            .unwrap_or_else(|| panic!("{guide} shows no sample warning"));
        assert!(
            check.starts_with(warning.trim_end()),
            "{guide}: the sample warning\n{warning}\nis not what check prints:\n{check}"
        );
    }
}

/// The text of every source file.
fn source_text() -> String {
    walkdir::WalkDir::new(common::repo().join("src"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect()
}

/// The code spans of a Markdown table cell (`` ``a `b` c`` `` and `` `a` ``).
fn code_spans(cell: &str) -> Vec<String> {
    let mut spans = Vec::new();
    let mut rest = cell;
    while let Some(start) = rest.find('`') {
        let ticks = rest[start..].chars().take_while(|c| *c == '`').count();
        let fence = "`".repeat(ticks);
        let body = &rest[start + ticks..];
        let Some(end) = body.find(&fence) else { break };
        spans.push(body[..end].trim().to_string());
        rest = &body[end + ticks..];
    }
    spans
}

/// The Vietnamese guide's tables of messages show the program's own words:
/// each piece of a message between the parts that vary (`<…>`, quoted
/// names, numbers) is in the program's Vietnamese texts, and each code is one
/// of docs/messages.md.
#[test]
fn the_vietnamese_guide_quotes_the_programs_vietnamese_messages() {
    let guide = std::fs::read_to_string(common::repo().join("docs/huong-dan.md")).unwrap();
    let codes = std::fs::read_to_string(common::repo().join("docs/messages.md")).unwrap();
    // As printed: `{{` in a format string is one `{`.
    let src = source_text().replace("{{", "{").replace("}}", "}");
    let section = &guide[guide.find("## 9. Thông báo lỗi và cách sửa").unwrap()..];
    let mut rows = 0;
    for line in section.lines().filter(|l| l.starts_with("| ")) {
        let cells: Vec<&str> = line.split(" | ").collect();
        if cells.len() < 3 || !cells[1].starts_with('`') {
            continue;
        }
        let code = cells[1].trim_matches('`');
        assert!(
            codes.contains(&format!("`{code}`")),
            "unknown code {code} in {line}"
        );
        rows += 1;
        for message in code_spans(cells[0]) {
            let mut text = message.clone();
            // What varies: placeholders, names quoted from the content, numbers.
            while let (Some(a), Some(b)) = (text.find('<'), text.find('>')) {
                if b < a {
                    break;
                }
                text.replace_range(a..=b, "\u{0}");
            }
            let parts: Vec<String> = text
                .split('`')
                .step_by(2)
                .flat_map(|p| p.split(['\u{0}', '"']))
                .flat_map(|p| p.split(": "))
                .flat_map(|p| p.split(", cần "))
                .flat_map(|p| p.split(|c: char| c.is_ascii_digit()))
                .map(|p| {
                    p.trim_matches(|c: char| c.is_whitespace() || "(),;.".contains(c))
                        .to_string()
                })
                .filter(|p| p.chars().count() >= 3)
                .collect();
            for part in parts {
                assert!(
                    src.contains(&part),
                    "docs/huong-dan.md shows {message:?}, but the program has no text {part:?}"
                );
            }
        }
    }
    assert!(rows > 80, "{rows} rows of messages");
}

/// The examples of sections 8 and 9 of both guides are what the program
/// prints, in the guide's language, for the mistakes they describe.
#[test]
fn the_guides_check_and_build_examples_are_the_programs_output() {
    for (guide, lang) in [("docs/huong-dan.md", "vi"), ("docs/guide.md", "en")] {
        let blocks = code_blocks(guide);
        let shown = |out: &str| {
            let out = out.trim_end();
            assert!(
                blocks.iter().any(|b| b.trim_end() == out),
                "{guide} does not show this output of the program:\n{out}"
            );
        };
        let site = Site::fixture("minimal");
        site.edit(IND, "lead: Sở TTTT", "lead: Sở TTT");
        shown(&site.run_in_language(Some(lang), &["check"]).stderr);
        shown(
            &site
                .run_in_language(Some(lang), &["check", "--strict"])
                .stderr,
        );
        let site = Site::fixture("minimal");
        site.edit(IND, "value: 56.6", "value: \"56,60\"");
        shown(&site.run_in_language(Some(lang), &["build"]).stderr);
        let check = site.run_in_language(Some(lang), &["check"]).stderr;
        shown(&check);
    }
}
