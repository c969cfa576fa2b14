//! Helpers shared by the integration tests: copy a fixture site into a temp
//! folder, build it, read the pages.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copy `src` (a folder) into `dst` recursively.
pub fn copy_dir(src: &Path, dst: &Path) {
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(src).unwrap();
        let target = dst.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A temp site holding a copy of `tests/fixtures/<name>/content` (or the repo's
/// own `content/` for "example").
pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    pub fn fixture(name: &str) -> Site {
        let dir = tempfile::tempdir().unwrap();
        let src = if name == "example" {
            repo().join("content")
        } else {
            repo().join("tests/fixtures").join(name).join("content")
        };
        copy_dir(&src, &dir.path().join("content"));
        Site { dir }
    }

    pub fn content(&self) -> PathBuf {
        self.dir.path().join("content")
    }

    pub fn public(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.content().join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap()
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }

    /// Replace the first occurrence of `from` in a content file (which must contain it).
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// Run the real binary in the site folder.
    pub fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_minhbach"))
            .args(args)
            .current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            // Messages in English whatever the site's language (tests/messages.rs
            // runs the language choice itself).
            .env("MINHBACH_LANG", "en")
            .output()
            .unwrap();
        Run {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Run the real binary as an editor would, the language of messages
    /// chosen by the program (`lang`: the value of MINHBACH_LANG, if any).
    pub fn run_in_language(&self, lang: Option<&str>, args: &[&str]) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_minhbach"));
        cmd.args(args)
            .current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            .env_remove("MINHBACH_LANG");
        if let Some(lang) = lang {
            cmd.env("MINHBACH_LANG", lang);
        }
        let out = cmd.output().unwrap();
        Run {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    pub fn page(&self, rel: &str) -> String {
        let p = self.public().join(rel);
        fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }
}

pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn ok(&self) -> &Self {
        assert_eq!(
            self.code,
            Some(0),
            "stderr:\n{}\nstdout:\n{}",
            self.stderr,
            self.stdout
        );
        self
    }
}

/// Every file below `dir`, relative, with its bytes, sorted.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// Text between the first `start` and the next `end` after it.
pub fn between<'a>(s: &'a str, start: &str, end: &str) -> &'a str {
    let i = s
        .find(start)
        .unwrap_or_else(|| panic!("{start:?} not found"));
    let rest = &s[i + start.len()..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

mod ungroup;
#[allow(unused_imports)]
pub use ungroup::ungroup;

mod areas;
#[allow(unused_imports)]
pub use areas::*;

/// `rows` more indicators for a report's `indicators.yaml`, each led by
/// `Sở TTTT` or, after the first `led`, by `Sở KHĐT`: an agency named in
/// most of a report's rows, as a provincial department often is.
#[allow(dead_code)]
pub fn busy_indicators(rows: usize, led: usize) -> String {
    (0..rows)
        .map(|i| {
            let lead = if i < led { "Sở TTTT" } else { "Sở KHĐT" };
            format!(
                "- id: busy-{i:02}\n  group: digital-government\n  name: Chỉ tiêu thứ {i} của một sở rất bận\n  unit: percent\n  target: 50\n  values:\n    - {{ period: 2023, value: {} }}\n  lead: {lead}\n",
                40 + i % 20
            )
        })
        .collect()
}
