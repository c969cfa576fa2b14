//! Writes the search index of every language of a site, whole (`flat.json`,
//! what one file per language used to be) and cut into files as a build cuts
//! it, with a chosen budget: for measuring sizes without a build
//! (`scripts/search-bench.sh` reads them).
//!
//! ```sh
//! cargo run --release --example search_files -- CONTENT_DIR OUT_DIR [SHARD_BYTES] [CHUNK_ENTRIES]
//! ```

use std::path::PathBuf;

// As the `minhbach` binary allocates, so that times compare.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use minhbach::render::search::{index_json, shards};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: search_files CONTENT_DIR OUT_DIR [SHARD_BYTES] [CHUNK_ENTRIES]");
        std::process::exit(2);
    }
    let mut budget = shards::Budget::default();
    if let Some(b) = args.get(2).and_then(|s| s.parse().ok()) {
        budget.shard_bytes = b;
    }
    if let Some(c) = args.get(3).and_then(|s| s.parse().ok()) {
        budget.chunk_entries = c;
    }
    let (site, diags) = minhbach::load::load_site(&PathBuf::from(&args[0]));
    let Some(site) = site.filter(|_| !diags.has_errors()) else {
        eprintln!("the content has errors; run minhbach check");
        std::process::exit(1);
    };
    for lang in &site.config.languages {
        let dir = PathBuf::from(&args[1]).join(lang);
        std::fs::create_dir_all(dir.join("search")).unwrap();
        let json = index_json(&site, lang);
        std::fs::write(dir.join("flat.json"), &json).unwrap();
        let t = std::time::Instant::now();
        let files = shards::files(&json, budget);
        eprintln!(
            "{lang}: cut into {} files in {:?}",
            files.len(),
            t.elapsed()
        );
        for (path, bytes) in files {
            std::fs::write(dir.join(path), bytes).unwrap();
        }
    }
}
