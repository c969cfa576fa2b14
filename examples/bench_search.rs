//! CPU time of building the search index's entries: `report_fragment` for
//! every report and language, several rounds, on one thread.
//!
//! ```sh
//! cargo run --release --example bench_search -- CONTENT_DIR [ROUNDS]
//! ```
//!
//! Prints the median CPU time of a round (from `/proc/thread-self/schedstat`,
//! wall time where there is none: others may use the machine too) and a checksum of the fragments (the
//! same content must give the same checksum before and after a change).

use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use minhbach::render::search;

// As the command does (src/main.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The CPU time of this thread, if Linux says it.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(content) = args.next().map(PathBuf::from) else {
        eprintln!("usage: bench_search CONTENT_DIR [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(7);
    let (site, diags) = minhbach::load::load_site(&content);
    let Some(site) = site.filter(|_| !diags.has_errors()) else {
        eprintln!("the content has errors; run minhbach check");
        std::process::exit(1);
    };
    let mut times = Vec::new();
    let mut bytes = 0;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for round in 0..rounds {
        let t = Instant::now();
        let cpu = cpu_time();
        let mut total = 0;
        for r in &site.reports {
            for lang in &site.config.languages {
                let f = search::report_fragment(&site, r, lang);
                total += f.len();
                if round == 0 {
                    f.hash(&mut hasher);
                }
                std::hint::black_box(f);
            }
        }
        times.push(match (cpu, cpu_time()) {
            (Some(a), Some(b)) => b - a,
            _ => t.elapsed(),
        });
        bytes = total;
    }
    times.sort();
    println!(
        "{} reports, {} bytes, checksum {:016x}: median {:.1} ms, min {:.1} ms",
        site.reports.len(),
        bytes,
        hasher.finish(),
        times[times.len() / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
    );
}
