//! A build never deletes a file it did not create, and however it is
//! stopped it leaves the previous site or the new one, whole, and no debris.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;

/// Folders beside `public` whose name marks them as a build's staging folder.
fn staging_folders(parent: &Path) -> Vec<String> {
    fs::read_dir(parent)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // Staging folders (`.public.minhbach-new-<pid>`, `…-old-<pid>`), not
        // the cache of chart images (`.minhbach-cache`).
        .filter(|n| n.contains(".minhbach-new-") || n.contains(".minhbach-old-"))
        .collect()
}

#[test]
fn a_folder_of_other_files_is_not_an_output() {
    let site = Site::fixture("minimal");
    let docs = site.dir.path().join("mydocs");
    fs::create_dir_all(&docs).unwrap();
    fs::write(docs.join("thesis.docx"), "years of work").unwrap();
    let run = site.run(&["build", "--output", "mydocs"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("not empty"), "{}", run.stderr);
    assert!(run.stderr.contains("thesis.docx"), "{}", run.stderr);
    assert!(
        run.stderr.contains("--output"),
        "the way out: {}",
        run.stderr
    );
    assert_eq!(
        fs::read_to_string(docs.join("thesis.docx")).unwrap(),
        "years of work"
    );
    assert!(staging_folders(site.dir.path()).is_empty());
}

/// A file put into an earlier output by hand (a CNAME for GitHub Pages, a
/// report someone copied there) is not the tool's to delete: the marker
/// lists every file the build wrote, and anything else stops the next build.
#[test]
fn a_file_added_to_an_earlier_output_by_hand_is_not_deleted() {
    let site = Site::fixture("minimal");
    let first = site.run(&["build"]);
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    let public = site.dir.path().join("public");
    let marker = fs::read_to_string(public.join(".minhbach-output")).unwrap();
    assert!(marker.lines().any(|l| l == "index.html"), "{marker}");
    fs::write(public.join("CNAME"), "minhbach.example.gov.vn").unwrap();
    fs::create_dir_all(public.join("extra")).unwrap();
    fs::write(public.join("extra/bao-cao.pdf"), "a report").unwrap();
    let again = site.run(&["build"]);
    assert_eq!(again.code, Some(2), "{}", again.stderr);
    assert!(again.stderr.contains("CNAME"), "{}", again.stderr);
    assert!(
        again.stderr.contains("extra/bao-cao.pdf"),
        "{}",
        again.stderr
    );
    assert_eq!(
        fs::read_to_string(public.join("CNAME")).unwrap(),
        "minhbach.example.gov.vn"
    );
    assert!(public.join("extra/bao-cao.pdf").exists());
    assert!(staging_folders(site.dir.path()).is_empty());
    // Moved away, the next build goes through and leaves no stray file.
    fs::remove_file(public.join("CNAME")).unwrap();
    fs::remove_dir_all(public.join("extra")).unwrap();
    let last = site.run(&["build"]);
    assert_eq!(last.code, Some(0), "{}", last.stderr);
}

#[test]
fn the_themes_folder_is_never_an_output() {
    let site = Site::fixture("minimal");
    let theme = site.dir.path().join("themes/default/static");
    fs::create_dir_all(&theme).unwrap();
    fs::write(theme.join("extra.css"), "body{}").unwrap();
    for out in ["themes", "themes/default"] {
        let run = site.run(&["build", "--output", out]);
        assert_eq!(run.code, Some(2), "{out}: {}", run.stderr);
        assert!(run.stderr.contains("theme"), "{}", run.stderr);
    }
    assert!(theme.join("extra.css").exists());
}

#[test]
fn the_current_folder_holding_a_project_is_not_an_output() {
    let site = Site::fixture("minimal");
    let proj = site.dir.path().join("proj");
    fs::create_dir_all(&proj).unwrap();
    fs::write(proj.join("main.c"), "int main(){}").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .env("MINHBACH_LANG", "en")
        .args(["build", "--content", "../content", "--output", "."])
        .current_dir(&proj)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(proj.join("main.c").exists());
    // The folder holding the content, even written as `.`.
    let run = site.run(&["build", "--output", "."]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(site.path("site.yaml").exists());
}

#[test]
fn an_empty_folder_and_an_earlier_output_are_outputs() {
    let site = Site::fixture("minimal");
    fs::create_dir_all(site.public()).unwrap();
    site.build().ok();
    assert!(site.public().join(".minhbach-output").is_file());
    // The second build replaces the first, files of its own included: a page
    // an earlier build wrote (listed in its marker) that this one does not.
    fs::write(site.public().join("left-over.html"), "x").unwrap();
    let marker = site.public().join(".minhbach-output");
    let listed = fs::read_to_string(&marker).unwrap() + "left-over.html\n";
    fs::write(&marker, listed).unwrap();
    site.build().ok();
    assert!(!site.public().join("left-over.html").exists());
    assert!(site.public().join("index.html").exists());
}

/// Every file of a folder with its bytes.
type Files = Vec<(String, Vec<u8>)>;

/// The example site, with its output built once, and the site a changed
/// title gives built beside it.
fn two_versions() -> (Site, Files, Files) {
    let site = Site::fixture("example");
    site.build().ok();
    let first = snapshot(&site.public());
    site.edit(
        "site.yaml",
        "  vi: Minh bạch",
        "  vi: Phiên bản mới, minh bạch",
    );
    site.run(&["build", "--output", "second"]).ok();
    let second = snapshot(&site.dir.path().join("second"));
    assert_ne!(first, second);
    fs::remove_dir_all(site.dir.path().join("second")).unwrap();
    (site, first, second)
}

fn spawn_build(site: &Site) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .env("MINHBACH_LANG", "en")
        .args(["build", "--quiet"])
        .current_dir(site.dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn a_killed_build_leaves_a_whole_site_and_the_next_build_no_debris() {
    let (site, first, second) = two_versions();
    // Kill at many points of the build: early, while writing, near the swap.
    for delay in (0..400).step_by(20) {
        let mut child = spawn_build(&site);
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let now = snapshot(&site.public());
        assert!(
            now == first || now == second,
            "after SIGKILL at {delay} ms public/ is neither the old site nor the new one ({} files)",
            now.len()
        );
    }
    site.build().ok();
    assert_eq!(snapshot(&site.public()), second);
    assert_eq!(staging_folders(site.dir.path()), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn ctrl_c_and_sigterm_remove_the_staging_folder() {
    let (site, first, second) = two_versions();
    let mut stopped_early = 0;
    for signal in ["INT", "TERM"] {
        for delay in [20, 50, 80, 110, 140] {
            let mut child = spawn_build(&site);
            std::thread::sleep(Duration::from_millis(delay));
            Command::new("kill")
                .args([&format!("-{signal}"), &child.id().to_string()])
                .status()
                .unwrap();
            let status = child.wait().unwrap();
            if !status.success() {
                stopped_early += 1;
            }
            let now = snapshot(&site.public());
            assert!(now == first || now == second, "SIG{signal} at {delay} ms");
            assert_eq!(
                staging_folders(site.dir.path()),
                Vec::<String>::new(),
                "SIG{signal} at {delay} ms"
            );
        }
    }
    assert!(stopped_early > 0, "no build was stopped before it finished");
}
