//! One address, one file: nothing the content says makes two files of one
//! path, a link to another host, or output the reader cannot trust; and the
//! messages about content are safe to print.

mod common;

use std::time::{Duration, Instant};

use common::*;

const SECTION: &str = "reports/demo-2024/ket-qua.md";

#[test]
fn a_language_named_like_a_site_folder_is_refused() {
    for code in ["search", "agencies", "reports", "static"] {
        let site = Site::fixture("minimal");
        site.edit(
            "site.yaml",
            "languages: [vi, en]",
            &format!("languages: [vi, en, {code}]"),
        );
        let run = site.run(&["check"]);
        assert_eq!(run.code, Some(1), "{code}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!(
                "language code `{code}` is the name of one of the site's own folders"
            )),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("content/site.yaml:"), "{}", run.stderr);
    }
}

#[test]
fn a_dataset_in_two_files_is_an_error_even_without_strict() {
    let site = Site::fixture("minimal");
    let yaml = site.read("reports/demo-2024/datasets/infrastructure.yaml");
    site.write("reports/demo-2024/datasets/infrastructure.yml", &yaml);
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("dataset `infrastructure` is defined twice: in infrastructure.yaml and in infrastructure.yml"),
        "{}",
        run.stderr
    );
}

#[test]
fn base_url_is_an_address_of_this_site() {
    for bad in [
        "//evil.example/",
        "/\\\\evil.example/",
        "https://example.org/?x=1",
        "https://example.org/#top",
        "https://exa mple.org/",
        "https:///x/",
    ] {
        let site = Site::fixture("minimal");
        let yaml = site.read("site.yaml");
        let line = yaml.lines().find(|l| l.starts_with("base_url:")).unwrap();
        site.write(
            "site.yaml",
            &yaml.replacen(line, &format!("base_url: \"{bad}\""), 1),
        );
        let run = site.run(&["check"]);
        assert_eq!(run.code, Some(1), "{bad}: {}", run.stderr);
        assert!(
            run.stderr.contains("is not a site address"),
            "{bad}: {}",
            run.stderr
        );
    }
    let site = Site::fixture("minimal");
    for bad in ["//evil.example/", "/\\evil.example/", "https://x.org/a b/"] {
        let run = site.run(&["build", "--base-url", bad]);
        assert_eq!(run.code, Some(1), "{bad}: {}", run.stderr);
        assert!(run.stderr.contains("--base-url"), "{}", run.stderr);
    }
    site.run(&["build", "--base-url", "/sub/"]).ok();
}

#[test]
fn a_heading_named_like_a_part_of_the_page_gets_its_own_id() {
    let site = Site::fixture("minimal");
    let text = site.read(SECTION);
    site.write(SECTION, &format!("{text}\n## Main\n\nx\n"));
    site.build().ok();
    let page = site.page("reports/demo-2024/ket-qua/index.html");
    assert_eq!(page.matches("id=\"main\"").count(), 1, "the theme's <main>");
    assert!(page.contains("<h2 id=\"main-2\">Main</h2>"), "{page}");
}

#[test]
fn a_shortcode_in_a_heading_is_text_in_the_table_of_contents() {
    let site = Site::fixture("minimal");
    let text = site.read(SECTION);
    site.write(
        SECTION,
        &format!("{text}\n## Tỷ lệ {{{{ value(indicator=\"online-dossier-rate\") }}}}\n\n![Tỷ lệ {{{{ value(indicator=\"online-dossier-rate\") }}}}](https://example.org/a.png)\n"),
    );
    site.build().ok();
    let page = site.page("reports/demo-2024/ket-qua/index.html");
    assert!(
        !page.contains(['\u{e000}', '\u{e001}']),
        "marker characters in the page"
    );
    assert!(!page.contains("-0\""), "an id made of a marker: {page}");
    let alt = between(&page, "alt=\"Tỷ lệ ", "\"");
    assert!(!alt.contains('<'), "markup in the alt text: {alt}");
}

#[test]
fn a_broken_link_with_vietnamese_letters_is_blamed_on_its_line() {
    let site = Site::fixture("minimal");
    let text = site.read(SECTION);
    let line = text.lines().count() + 2;
    site.write(SECTION, &format!("{text}\n[xem](../kết-quả-khác/)\n"));
    let run = site.run(&["check"]);
    let at = format!("content/{SECTION}:{line}:1: warning: broken link `../kết-quả-khác/`");
    assert!(run.stderr.contains(&at), "want {at} in:\n{}", run.stderr);
    assert!(
        !run.stderr.contains("comes from the theme"),
        "{}",
        run.stderr
    );
}

#[test]
fn escape_sequences_from_content_are_shown_escaped() {
    let site = Site::fixture("minimal");
    let text = site.read(SECTION);
    site.write(
        SECTION,
        &format!("{text}\n\u{1b}]0;pwned\u{7}\u{1b}[2J {{{{ nope(a=\"1\") }}}}\n"),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        !run.stderr.contains('\u{1b}'),
        "raw escape: {:?}",
        run.stderr
    );
    assert!(run.stderr.contains("\\u{1b}]0;pwned"), "{}", run.stderr);
    let run = site.run(&["check", "--format", "github"]);
    assert!(!run.stdout.contains('\u{1b}'), "{:?}", run.stdout);
}

/// Run `check` in `site`, killing it after 20 s: its exit code and stderr.
#[cfg(unix)]
fn check_within_20_s(site: &Site) -> (Option<i32>, String) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .env("MINHBACH_LANG", "en")
        .arg("check")
        .current_dir(site.dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("check waits on a named pipe");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[cfg(unix)]
fn mkfifo(path: &std::path::Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap()
        .success();
    assert!(ok);
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_not_waited_on() {
    let site = Site::fixture("minimal");
    mkfifo(&site.path("reports/demo-2024/pipe.md"));
    let (code, stderr) = check_within_20_s(&site);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("pipe.md: error: not an ordinary file"),
        "{stderr}"
    );

    let site = Site::fixture("minimal");
    let yaml = site.read("site.yaml");
    site.write("site.yaml", &format!("{yaml}\ntheme: mine\n"));
    // A named pipe in a theme is skipped; a link to one would be read.
    let fifo = site.dir.path().join("themes/mine/static/real-pipe");
    mkfifo(&fifo);
    std::os::unix::fs::symlink(&fifo, site.dir.path().join("themes/mine/static/pipe.css")).unwrap();
    let (code, stderr) = check_within_20_s(&site);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("pipe.css: error: not an ordinary file"),
        "{stderr}"
    );
}

#[test]
fn the_target_operator_is_not_taken_for_a_formula() {
    let site = Site::fixture("minimal");
    let ind = site.read("reports/demo-2024/indicators.yaml");
    let first_target = ind
        .lines()
        .find(|l| l.trim_start().starts_with("target:"))
        .unwrap();
    let indent = &first_target[..first_target.len() - first_target.trim_start().len()];
    site.write(
        "reports/demo-2024/indicators.yaml",
        &ind.replacen(
            first_target,
            &format!("{indent}target: {{ value: 100, op: \"=\" }}"),
            1,
        ),
    );
    site.build().ok();
    let csv = std::fs::read_to_string(site.public().join("reports/demo-2024/data/indicators.csv"))
        .or_else(|_| {
            std::fs::read_to_string(site.public().join("reports/demo-2024/indicators.csv"))
        })
        .unwrap();
    assert!(!csv.contains("'="), "{csv}");
    assert!(csv.contains(",=,"), "{csv}");
}
