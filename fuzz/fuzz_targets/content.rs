//! Fuzz the whole build: the input is split into up to four parts on
//! `\n@@@\n` and written as a minimal content folder:
//!
//! | part | file |
//! | ---- | ---- |
//! | 0 | `content/site.yaml` |
//! | 1 | `content/reports/r/report.yaml` |
//! | 2 | `content/reports/r/indicators.yaml` |
//! | 3 | `content/reports/r/s.md` (Markdown with YAML front matter) |
//!
//! Missing parts leave their file out. `minhbach::build` must never panic or
//! hang: every problem has to come back as a diagnostic.
#![no_main]

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

const SEP: &[u8] = b"\n@@@\n";
const MAX_LEN: usize = 64 * 1024;
const FILES: [&str; 4] = [
    "site.yaml",
    "reports/r/report.yaml",
    "reports/r/indicators.yaml",
    "reports/r/s.md",
];

struct Dir {
    /// Kept alive for the whole process; removed when it exits normally.
    _tmp: tempfile::TempDir,
    content: PathBuf,
}

fn dir() -> &'static Dir {
    static DIR: OnceLock<Dir> = OnceLock::new();
    DIR.get_or_init(|| {
        let shm = Path::new("/dev/shm");
        let base = if shm.is_dir() {
            shm.to_path_buf()
        } else {
            std::env::temp_dir()
        };
        let tmp = tempfile::Builder::new()
            .prefix("minhbach-fuzz-")
            .tempdir_in(base)
            .expect("create temp dir");
        let content = tmp.path().join("content");
        fs::create_dir_all(content.join("reports/r")).expect("create content dir");
        Dir { _tmp: tmp, content }
    })
}

/// Split `data` on `SEP` into at most `n` parts (the last one keeps the rest).
fn split(data: &[u8], n: usize) -> Vec<&[u8]> {
    let mut parts = Vec::with_capacity(n);
    let mut rest = data;
    while parts.len() + 1 < n {
        match rest.windows(SEP.len()).position(|w| w == SEP) {
            Some(i) => {
                parts.push(&rest[..i]);
                rest = &rest[i + SEP.len()..];
            }
            None => break,
        }
    }
    parts.push(rest);
    parts
}

fuzz_target!(|data: &[u8]| {
    if data.len() > MAX_LEN {
        return;
    }
    let dir = dir();
    let parts = split(data, FILES.len());
    for (i, file) in FILES.iter().enumerate() {
        let path = dir.content.join(file);
        match parts.get(i) {
            Some(bytes) => fs::write(&path, bytes).expect("write content file"),
            None => {
                let _ = fs::remove_file(&path);
            }
        }
    }
    let _ = minhbach::build(&dir.content, &Default::default());
});
