//! The search index cut into files (`render/search/shards.rs`), searched the
//! way `static/search.js` searches them: for every query, the same entries in
//! the same order as a search of the whole index (`tests/search.rs`), with
//! one shard fetched per query word.

use std::collections::BTreeMap;
use std::path::Path;

use minhbach::model::Site;
use minhbach::render::search::shards::{files, Budget};
use minhbach::render::search::{fold, index_files, index_json};
use serde_json::Value;

fn example() -> Site {
    let (site, diags) =
        minhbach::load::load_site(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/content")));
    assert!(!diags.has_errors(), "{diags:?}");
    site.expect("the example site loads")
}

/// The files of one language's index, by path, the manifest parsed.
struct Index {
    manifest: Value,
    files: BTreeMap<String, String>,
}

impl Index {
    fn new(json: &str, budget: Budget) -> Index {
        let files: BTreeMap<String, String> = files(json, budget).into_iter().collect();
        let manifest = serde_json::from_str(&files["search-index.json"]).unwrap();
        Index { manifest, files }
    }

    fn terms(&self) -> &Vec<Value> {
        self.manifest["t"].as_array().unwrap()
    }

    fn shard(&self, i: usize) -> Vec<Value> {
        let name = format!("search/t-{}.json", self.terms()[i][1].as_str().unwrap());
        serde_json::from_str(&self.files[&name]).unwrap()
    }

    fn shard_of(&self, key: &str) -> usize {
        self.terms()
            .partition_point(|t| t[0].as_str().unwrap() <= key)
            .saturating_sub(1)
    }

    /// search.js's `plan`: the shard of a query word, and the term (`q*`) or prefix.
    fn plan(&self, q: &str) -> (usize, Option<String>) {
        let a = self.shard_of(q);
        if a == self.shard_of(&format!("{q}~")) {
            (a, None)
        } else {
            (self.shard_of(&format!("{q}*")), Some(format!("{q}*")))
        }
    }

    /// search.js's `lookup`.
    fn lookup(&self, q: &str) -> BTreeMap<u64, u64> {
        let (shard, exact) = self.plan(q);
        let mut found = BTreeMap::new();
        for term in self.shard(shard) {
            let w = term[0].as_str().unwrap();
            let wanted = match &exact {
                Some(e) => w == e,
                None => w.starts_with(q) && !w.contains('*'),
            };
            if !wanted {
                continue;
            }
            let mut id = 0;
            for v in term[1].as_array().unwrap() {
                let v = v.as_u64().unwrap();
                id += v >> 1;
                *found.entry(id).or_insert(0) |= v & 1;
            }
        }
        found
    }

    /// search.js's `search`: entry ids, best first.
    fn search(&self, query: &str) -> Vec<u64> {
        let mut q: Vec<String> = Vec::new();
        for w in fold(query).split(' ').filter(|w| !w.is_empty()) {
            if !q.iter().any(|x| x == w) {
                q.push(w.to_string());
            }
        }
        if q.is_empty() {
            return Vec::new();
        }
        let lists: Vec<BTreeMap<u64, u64>> = q.iter().map(|w| self.lookup(w)).collect();
        let agencies: Vec<u64> = self.manifest["ag"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect();
        let mut hits: Vec<(u64, u64)> = lists[0]
            .iter()
            .filter_map(|(&id, &bit)| {
                let mut all = bit;
                for l in &lists[1..] {
                    all &= l.get(&id)?;
                }
                let rank = if all == 1 {
                    0
                } else if agencies.contains(&id) {
                    1
                } else {
                    2
                };
                Some((rank, id))
            })
            .collect();
        hits.sort();
        hits.into_iter().map(|(_, id)| id).collect()
    }

    /// An entry as its document chunk gives it.
    fn entry(&self, id: u64) -> Value {
        let c = self.manifest["c"].as_u64().unwrap();
        let name = format!(
            "search/d-{}.json",
            self.manifest["d"][(id / c) as usize].as_str().unwrap()
        );
        let chunk: Value = serde_json::from_str(&self.files[&name]).unwrap();
        chunk[(id % c) as usize].clone()
    }
}

/// The search of tests/search.rs over the whole index: entry ids, best first.
fn flat_search(entries: &[Value], query: &str) -> Vec<u64> {
    let q = fold(query);
    let q: Vec<&str> = q.split(' ').filter(|w| !w.is_empty()).collect();
    if q.is_empty() {
        return Vec::new();
    }
    let has_all = |haystack: &str| {
        q.iter()
            .all(|q| haystack.split(' ').any(|w| w.starts_with(q)))
    };
    let s = |e: &Value, f: &str| e[f].as_str().unwrap_or("").to_string();
    let mut hits: Vec<(u8, u64)> = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| has_all(&s(e, "k")))
        .map(|(i, e)| {
            let rank = if has_all(&fold(&s(e, "n"))) {
                0
            } else if s(e, "t") == "agency" {
                1
            } else {
                2
            };
            (rank, i as u64)
        })
        .collect();
    hits.sort();
    hits.into_iter().map(|(_, i)| i).collect()
}

/// Queries: the given ones, and prefixes of the words of every tenth title.
fn queries(entries: &[Value]) -> Vec<String> {
    let mut q: Vec<String> = [
        "chinh quyen so",
        "Chính quyền số",
        "chinh quy s",
        "dien tu",
        "ĐIỆN TỬ",
        "so tttt",
        "Sở TT&TT",
        "records-online",
        "VP UBND tỉnh",
        "dang chinh quyen tich cuc",
        "d",
        "s",
        "c",
        "ch",
        "2023",
        "1",
        "zzzz qqqq",
        " !! ",
        "so so",
        "digital government",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for e in entries.iter().step_by(10) {
        let n = fold(e["n"].as_str().unwrap());
        let words: Vec<&str> = n.split(' ').collect();
        for (i, w) in words.iter().enumerate().take(3) {
            let cut = &w[..w.len().min(1 + i * 2)];
            q.push(cut.to_string());
            q.push(format!("{} {cut}", words[0]));
        }
    }
    q
}

#[test]
fn sharded_search_finds_what_the_whole_index_finds() {
    let site = example();
    for lang in ["vi", "en"] {
        let json = index_json(&site, lang);
        let entries: Vec<Value> = serde_json::from_str(&json).unwrap();
        let qs = queries(&entries);
        for budget in [
            Budget::default(),
            Budget {
                shard_bytes: 200,
                chunk_entries: 7,
            },
            Budget {
                shard_bytes: 1,
                chunk_entries: 1,
            },
        ] {
            let index = Index::new(&json, budget);
            if budget.shard_bytes < 1000 {
                assert!(
                    index.terms().len() > 20,
                    "{budget:?}: {}",
                    index.terms().len()
                );
            }
            for q in &qs {
                assert_eq!(
                    index.search(q),
                    flat_search(&entries, q),
                    "{lang} {budget:?}: {q:?}"
                );
            }
            // The chunks give every entry without its keywords.
            for (id, e) in entries.iter().enumerate() {
                let mut e = e.clone();
                e.as_object_mut().unwrap().remove("k");
                assert_eq!(index.entry(id as u64), e);
            }
        }
    }
}

#[test]
fn folded_prefixes_find_vietnamese_titles() {
    let site = example();
    let json = index_json(&site, "vi");
    let index = Index::new(
        &json,
        Budget {
            shard_bytes: 500,
            chunk_entries: 16,
        },
    );
    let titles = |q: &str| -> Vec<String> {
        index
            .search(q)
            .into_iter()
            .map(|id| index.entry(id)["n"].as_str().unwrap().to_string())
            .collect()
    };
    let hits = titles("chinh quyen so");
    assert!(hits.iter().any(|t| t == "Chính quyền số"), "{hits:?}");
    assert!(fold(&hits[0]).contains("chinh quyen so"), "{hits:?}");
    let hits = titles("dien tu");
    assert!(!hits.is_empty());
    assert!(hits[0].to_lowercase().contains("điện tử"), "{hits:?}");
    assert_eq!(
        titles("chinh quy s").first(),
        titles("chinh quyen so").first()
    );
    assert!(titles("zzzz").is_empty());
}

#[test]
fn shards_keep_to_their_budget() {
    let site = example();
    let json = index_json(&site, "vi");
    let entries: Vec<Value> = serde_json::from_str(&json).unwrap();
    for shard_bytes in [200, 1000, 4000] {
        let budget = Budget {
            shard_bytes,
            chunk_entries: 10,
        };
        let index = Index::new(&json, budget);
        let n = index.terms().len();
        assert!(n > 1, "{shard_bytes}: {n} shards");
        for i in 0..n {
            let shard = index.shard(i);
            // The words of the shard, without the unions that cross boundaries.
            let words: Vec<&Value> = shard
                .iter()
                .filter(|t| !t[0].as_str().unwrap().ends_with('*'))
                .collect();
            let size: usize = words.iter().map(|t| t.to_string().len() + 1).sum::<usize>() + 1;
            assert!(
                size <= shard_bytes || words.len() == 1,
                "{shard_bytes}: shard {i} has {size} bytes in {} words",
                words.len()
            );
            // Its name is the hash of its bytes; the manifest gives its size.
            let name = format!("search/t-{}.json", index.terms()[i][1].as_str().unwrap());
            assert_eq!(
                index.files[&name].len() as u64,
                index.terms()[i][2].as_u64().unwrap()
            );
            // Words in byte order, from the shard's first word.
            let keys: Vec<&str> = shard.iter().map(|t| t[0].as_str().unwrap()).collect();
            assert!(keys.windows(2).all(|w| w[0] < w[1]), "{keys:?}");
        }
        let chunks = index.manifest["d"].as_array().unwrap().len();
        assert_eq!(chunks, entries.len().div_ceil(10));
        assert_eq!(index.manifest["n"].as_u64().unwrap(), entries.len() as u64);
    }
}

#[test]
fn index_files_are_deterministic_and_placed_per_language() {
    let site = example();
    let fragments = |lang: &str| -> Vec<String> {
        site.reports
            .iter()
            .map(|r| minhbach::render::search::report_fragment(&site, r, lang))
            .collect()
    };
    for lang in ["vi", "en"] {
        let f = fragments(lang);
        let a = index_files(&site, lang, f.iter().map(String::as_str));
        let b = index_files(&example(), lang, f.iter().map(String::as_str));
        assert_eq!(a, b, "{lang}");
        let prefix = if lang == "vi" { "" } else { "en/" };
        assert_eq!(a[0].0, format!("{prefix}search-index.json"));
        for (path, bytes) in &a[1..] {
            assert!(path.starts_with(&format!("{prefix}search/")), "{path}");
            serde_json::from_str::<Value>(bytes).expect("JSON");
        }
        // A small site: one term shard.
        let manifest: Value = serde_json::from_str(&a[0].1).unwrap();
        assert_eq!(manifest["t"].as_array().unwrap().len(), 1, "{lang}");
        assert_eq!(manifest["d"].as_array().unwrap().len(), 1, "{lang}");
    }
}
