//! Time of `serve`'s rebuild after one edit, step by step (see docs/performance.md).
//!
//! ```sh
//! cargo run --release --example bench_rebuild -- CONTENT_DIR [RUNS]
//! ```
//!
//! Builds the site once in memory as `serve` does, then, RUNS times (3 by
//! default) for each kind of edit, changes one file, rebuilds incrementally
//! and prints the time of each step and the number of units rendered. The
//! edits: a sentence in one section of the newest report; one indicator value
//! of the oldest report of a province (its history shows in every later
//! report of that province). Files are restored at the end.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use minhbach::incremental::Incremental;
use minhbach::BuildOptions;

// As the command does (src/main.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(content) = args.next().map(PathBuf::from) else {
        eprintln!("usage: bench_rebuild CONTENT_DIR [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let options = BuildOptions {
        base_url: Some("http://127.0.0.1:1111/".into()),
        strict: false,
    };
    let mut site = Incremental::new(&content, options);
    // The load cache trusts no file modified in the last two seconds (see
    // `load/cache.rs`): a corpus copied just before would be read again on
    // the first edit, which would then measure a load, not an edit.
    std::thread::sleep(Duration::from_millis(2100));
    let t = Instant::now();
    let first = site.rebuild();
    assert!(first.ok, "the content has errors; run minhbach check");
    println!(
        "first build: {} units, {} files, {:.0} ms",
        first.units,
        first.files.files.len(),
        ms(t.elapsed())
    );
    drop(first);

    let reports = {
        let mut r: Vec<PathBuf> = std::fs::read_dir(content.join("reports"))
            .expect("a reports folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir())
            .collect();
        r.sort();
        r
    };
    let section = reports
        .iter()
        .rev()
        .find_map(|dir| first_file(dir, |n| n.ends_with(".md") && !n.ends_with(".en.md")))
        .expect("a section");
    let indicators = reports[0].join("indicators.yaml");

    type Edit<'a> = (&'a str, &'a Path, &'a dyn Fn(&str, usize) -> String);
    let edits: [Edit; 2] = [
        ("a sentence of one section", &section, &|text, i| {
            format!("{text}\nMột câu thêm số {i}.\n")
        }),
        ("a value in the oldest report", &indicators, &|text, i| {
            bump_first_value(text, i)
        }),
    ];
    for (what, path, edit) in edits {
        let original = std::fs::read_to_string(path).expect("readable");
        let mut walls = Vec::new();
        for i in 1..=runs {
            std::fs::write(path, edit(&original, i)).expect("writable");
            let t = Instant::now();
            // As `serve` does: its file watcher says which file changed.
            let update = site.rebuild_after(Some(&[path.to_path_buf()]));
            let wall = t.elapsed();
            assert!(update.ok, "{what}: the edit broke the content");
            let steps: Vec<String> = update
                .timings
                .iter()
                .map(|(step, took)| format!("{step} {:.0}", ms(*took)))
                .collect();
            println!(
                "{what}: {:.0} ms, {} of {} units, {} files ({})",
                ms(wall),
                update.rendered,
                update.units,
                update.files.files.len(),
                steps.join(", ")
            );
            walls.push(wall);
        }
        std::fs::write(path, &original).expect("writable");
        site.rebuild();
        walls.sort();
        println!("{what}: median {:.0} ms", ms(walls[walls.len() / 2]));
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn first_file(dir: &Path, want: impl Fn(&str) -> bool) -> Option<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(&want))
        .collect();
    files.sort();
    files.into_iter().next()
}

/// Change the first `value: N` of a values list to another number.
fn bump_first_value(text: &str, i: usize) -> String {
    let key = "value: ";
    let Some(at) = text
        .find("values:")
        .and_then(|v| text[v..].find(key).map(|k| v + k))
    else {
        panic!("no value to edit");
    };
    let start = at + key.len();
    let end = start
        + text[start..]
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(0);
    format!("{}{}{}", &text[..start], i, &text[end..])
}
