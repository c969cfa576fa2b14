//! Wall time of each phase of one build, for profiling (see docs/performance.md).
//!
//! ```sh
//! cargo run --release --example bench_phases -- CONTENT_DIR [OUTPUT_DIR]
//! ```
//!
//! Runs the phases of `minhbach::build` one by one — load (YAML, Markdown
//! front matter, histories), theme, render (pages, charts, data files, search
//! index, feeds, link check), write — and prints the time of each. The link
//! check and the search index are run a second time on their own to show their
//! share of the render phase. Prints the output's size in memory and its
//! largest files.

use std::path::PathBuf;
use std::time::Instant;

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
    let theme_t = t.elapsed();

    let t = Instant::now();
    let (out, _) = minhbach::render::render_site(&site, &theme);
    let render = t.elapsed();
    let Some(out) = out else {
        eprintln!("render failed");
        std::process::exit(1);
    };

    let t = Instant::now();
    let _ =
        minhbach::render::links::check(&out, &minhbach::render::base_path(&site.config.base_url));
    let links = t.elapsed();

    let t = Instant::now();
    let mut search_bytes = 0;
    for lang in &site.config.languages {
        search_bytes += minhbach::render::search::index_json(&site, lang).len();
    }
    let search = t.elapsed();

    let write = output.as_ref().map(|dir| {
        let t = Instant::now();
        if let Err(e) = minhbach::write::write_output(&out, dir, &content) {
            eprintln!("write failed: {e}");
            std::process::exit(2);
        }
        t.elapsed()
    });
    let all = total.elapsed();

    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    println!("load (YAML, front matter, histories)  {:9.1} ms", ms(load));
    println!(
        "theme (templates, i18n, static)       {:9.1} ms",
        ms(theme_t)
    );
    println!(
        "render (everything below, as built)   {:9.1} ms",
        ms(render)
    );
    println!("  of which link check (re-run alone)  {:9.1} ms", ms(links));
    println!(
        "  of which search index (re-run)      {:9.1} ms",
        ms(search)
    );
    if let Some(w) = write {
        println!("write (staging folder, swap)          {:9.1} ms", ms(w));
    }
    println!("total                                 {:9.1} ms", ms(all));

    let mut by_ext: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
    for (path, bytes) in &out.files {
        let name = path.rsplit('/').next().unwrap_or(path);
        let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or(name);
        let e = by_ext.entry(ext).or_default();
        e.0 += 1;
        e.1 += bytes.len();
    }
    let total_bytes: usize = out.files.values().map(Vec::len).sum();
    println!(
        "output in memory: {} files, {:.1} MiB (search indexes {:.1} MiB)",
        out.files.len(),
        total_bytes as f64 / 1048576.0,
        search_bytes as f64 / 1048576.0
    );
    for (ext, (n, b)) in &by_ext {
        println!("  {ext:<10} {n:7} files {:9.1} MiB", *b as f64 / 1048576.0);
    }
    let mut largest: Vec<(&String, usize)> = out.files.iter().map(|(p, b)| (p, b.len())).collect();
    largest.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    println!("largest files:");
    for (p, n) in largest.iter().take(8) {
        println!("  {:9.1} KiB  {p}", *n as f64 / 1024.0);
    }
}
