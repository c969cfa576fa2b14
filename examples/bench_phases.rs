//! Wall time of each phase of one build, for profiling (see docs/performance.md).
//!
//! ```sh
//! cargo run --release --example bench_phases -- CONTENT_DIR [OUTPUT_DIR]
//! ```
//!
//! Runs the phases of `minhbach build` one by one — load (YAML, Markdown
//! front matter, histories), theme and templates, the units (site pages, and
//! each report's pages, charts and data files) in parallel, then the
//! whole-site files (search indexes, feeds, sitemap) with the link check —
//! and prints the time of each, the slowest units, and the output's sizes.
//! With OUTPUT_DIR the units are also written there (not atomically: this is
//! a measuring tool).

use std::alloc::{GlobalAlloc, Layout};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use minhbach::render::{Output, RenderUnit, Renderer};
use rayon::prelude::*;

// As the command does (src/main.rs), counting the bytes held.
#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// mimalloc, counting the bytes allocated and not yet freed, and their
/// peak: the heap itself, where the peak RSS also holds what the allocator
/// keeps of freed memory.
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

impl Counting {
    fn add(n: usize) {
        let now = HELD.fetch_add(n, Ordering::Relaxed) + n;
        PEAK.fetch_max(now, Ordering::Relaxed);
    }
}

// SAFETY: every call is passed on to mimalloc unchanged. (A measuring
// tool's only unsafe code; the program itself has none.)
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        Counting::add(layout.size());
        unsafe { mimalloc::MiMalloc.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        Counting::add(layout.size());
        unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            Counting::add(new_size - layout.size());
        } else {
            HELD.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
    }
}

/// Heap held now and its peak so far, in MiB; the peak starts again.
fn heap_mib() -> (f64, f64) {
    let now = HELD.load(Ordering::Relaxed);
    let peak = PEAK.swap(now, Ordering::Relaxed);
    let mib = |n: usize| n as f64 / 1048576.0;
    (mib(now), mib(peak))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(content) = args.next().map(PathBuf::from) else {
        eprintln!("usage: bench_phases CONTENT_DIR [OUTPUT_DIR]");
        std::process::exit(2);
    };
    let output = args.next().map(PathBuf::from);
    let total = Instant::now();

    let t = Instant::now();
    let (site, diags) = minhbach::load::load_site(&content);
    let load = t.elapsed();
    let rss_load = peak_rss_mib();
    let heap_load = heap_mib();
    let Some(site) = site.filter(|_| !diags.has_errors()) else {
        eprintln!("the content has errors; run minhbach check");
        std::process::exit(1);
    };

    let t = Instant::now();
    let root = content
        .parent()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."));
    let (theme, _) = minhbach::load::theme::load_theme(&root, &site.config.theme);
    let Ok(renderer) = Renderer::new(&site, &theme).map(Renderer::releasing) else {
        eprintln!("the theme has errors");
        std::process::exit(1);
    };
    let theme_t = t.elapsed();

    // Sizes by file type, and the largest files.
    let sizes: Mutex<BTreeMap<String, (usize, usize)>> = Mutex::default();
    let largest: Mutex<Vec<(usize, String)>> = Mutex::default();
    let account = |out: &Output| {
        let mut sizes = sizes.lock().unwrap();
        let mut largest = largest.lock().unwrap();
        for (path, bytes) in &out.files {
            let name = path.rsplit('/').next().unwrap_or(path);
            let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or(name);
            let e = sizes.entry(ext.to_string()).or_default();
            e.0 += 1;
            e.1 += bytes.len();
            largest.push((bytes.len(), path.clone()));
        }
        largest.sort_by(|a, b| b.cmp(a));
        largest.truncate(8);
    };
    let write = |out: &Output| {
        if let Some(dir) = &output {
            for (rel, bytes) in &out.files {
                let p = dir.join(rel);
                std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                std::fs::write(p, bytes).unwrap();
            }
        }
    };

    let t = Instant::now();
    let statics = renderer.static_files();
    account(&statics);
    write(&statics);
    let units: Vec<(RenderUnit, Duration, minhbach::render::Rendered)> = renderer
        .units()
        .into_par_iter()
        .map(|unit| {
            let t = Instant::now();
            let (out, rendered) = renderer.render_scanned(&unit);
            let took = t.elapsed();
            account(&out);
            write(&out);
            (unit, took, rendered)
        })
        .collect();
    let units_t = t.elapsed();
    let rss_units = peak_rss_mib();
    let heap_units = heap_mib();

    let t = Instant::now();
    let mut paths: Vec<&str> = statics.files.keys().map(String::as_str).collect();
    for (_, _, r) in &units {
        paths.extend(r.paths.iter().map(String::as_str));
    }
    let refs: Vec<(&RenderUnit, &minhbach::render::Rendered)> =
        units.iter().map(|(u, _, r)| (u, r)).collect();
    let (last, diags) = renderer.finish(&refs, &paths);
    let finish_t = t.elapsed();
    account(&last);
    write(&last);
    let all = total.elapsed();
    let heap_end = heap_mib();

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("load (YAML, front matter, histories)  {:9.1} ms", ms(load));
    println!(
        "theme and templates                   {:9.1} ms",
        ms(theme_t)
    );
    println!(
        "units ({} in parallel{})      {:9.1} ms",
        units.len(),
        if output.is_some() { ", written" } else { "" },
        ms(units_t)
    );
    let sum: Duration = units.iter().map(|u| u.1).sum();
    println!("  sum of unit times (CPU in units)    {:9.1} ms", ms(sum));
    let mut slow: Vec<&(RenderUnit, Duration, _)> = units.iter().collect();
    slow.sort_by_key(|u| std::cmp::Reverse(u.1));
    for (unit, took, _) in slow.iter().take(3) {
        println!(
            "  slowest: {:<28} {:9.1} ms",
            format!("{unit:?}"),
            ms(*took)
        );
    }
    let mut kinds: BTreeMap<&str, Vec<Duration>> = BTreeMap::new();
    for (unit, took, _) in &units {
        let kind = match unit {
            RenderUnit::SitePages => "site pages",
            RenderUnit::HomePage(_) => "home page",
            RenderUnit::AgencyPage(..) => "agency page",
            RenderUnit::Report(_) => "report but indicators",
            RenderUnit::Indicators(..) => "report's indicators",
            RenderUnit::CompareIndex => "list of comparisons",
            RenderUnit::Compare(_) => "comparison",
        };
        kinds.entry(kind).or_default().push(*took);
    }
    for (kind, mut times) in kinds {
        times.sort();
        println!(
            "  {kind:<22} {:5} units, median {:7.1} ms, sum {:9.1} ms",
            times.len(),
            ms(times[times.len() / 2]),
            ms(times.iter().sum())
        );
    }
    println!(
        "search, feeds, sitemap, link check    {:9.1} ms",
        ms(finish_t)
    );
    println!("total                                 {:9.1} ms", ms(all));
    // Where the peak is reached: after loading (the model), after the
    // units (the model, what each unit keeps for the link check and the
    // search, and the outputs in flight), at the end (with the whole-site files).
    println!(
        "peak RSS: after load {rss_load:.0} MiB, after units {rss_units:.0} MiB, at the end {:.0} MiB",
        peak_rss_mib()
    );
    println!(
        "heap (held, peak of the phase): after load {:.0}, {:.0} MiB; after units {:.0}, {:.0} MiB; at the end {:.0}, {:.0} MiB",
        heap_load.0, heap_load.1, heap_units.0, heap_units.1, heap_end.0, heap_end.1
    );
    println!("({} diagnostics)", diags.iter().count());

    let sizes = sizes.into_inner().unwrap();
    let (n, b) = sizes
        .values()
        .fold((0, 0), |(n, b), (n2, b2)| (n + n2, b + b2));
    println!("output: {n} files, {:.1} MiB", b as f64 / 1048576.0);
    for (ext, (n, b)) in &sizes {
        println!("  {ext:<10} {n:7} files {:9.1} MiB", *b as f64 / 1048576.0);
    }
    println!("largest files:");
    for (n, p) in largest.into_inner().unwrap() {
        println!("  {:9.1} KiB  {p}", n as f64 / 1024.0);
    }
}

/// The process's peak resident memory so far (Linux `VmHWM`), 0 elsewhere.
fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse::<f64>().ok()
        })
        .map_or(0.0, |kb| kb / 1024.0)
}
