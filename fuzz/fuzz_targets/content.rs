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

/// The content folder of this process: `<tmp>/minhbach-fuzz-<pid>/content`,
/// made once and rewritten on every run. libFuzzer leaves with `exit()`, so no
/// destructor would remove it: instead each process removes the folders of
/// processes that are gone when it starts.
fn content_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let shm = Path::new("/dev/shm");
        let base = if shm.is_dir() {
            shm.to_path_buf()
        } else {
            std::env::temp_dir()
        };
        remove_stale(&base);
        let root = base.join(format!("{PREFIX}{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let content = root.join("content");
        fs::create_dir_all(content.join("reports/r")).expect("create content dir");
        content
    })
}

const PREFIX: &str = "minhbach-fuzz-";

/// Remove `<base>/minhbach-fuzz-<pid>` folders whose process has exited.
fn remove_stale(base: &Path) {
    let Ok(entries) = fs::read_dir(base) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|n| n.strip_prefix(PREFIX)) else {
            continue;
        };
        if pid.parse::<u32>().is_ok() && !Path::new("/proc").join(pid).exists() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
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
    let content = content_dir();
    let parts = split(data, FILES.len());
    for (i, file) in FILES.iter().enumerate() {
        let path = content.join(file);
        match parts.get(i) {
            Some(bytes) => fs::write(&path, bytes).expect("write content file"),
            None => {
                let _ = fs::remove_file(&path);
            }
        }
    }
    let _ = minhbach::build(content, &Default::default());
});
