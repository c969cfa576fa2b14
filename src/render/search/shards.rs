//! The search index cut into files, so that a query fetches a few small ones
//! instead of the whole index (which is over 10 MiB on a national portal).
//!
//! From the index's entries (see the module above), numbered from 0 in index
//! order, each language gets:
//!
//! - the **manifest**, at [`super::index_path`]:
//!   `{"v":2,"n":entries,"c":entries per chunk,"ag":[agency ids],"t":[[first word,hash,bytes],…],"d":[hash,…]}`;
//! - **term shards** `search/t-<hash>.json`: the folded words in byte order,
//!   cut where a shard would pass [`Budget::shard_bytes`]; shard `i` holds the
//!   words from its first word (`t[i][0]`) up to the next shard's. Each is
//!   `[[word,[v,…]],…]` where `v` is the entry's id minus the previous id in
//!   the list (the first one counts from 0), times 2, plus 1 when the word is
//!   in the entry's title;
//! - **document chunks** `search/d-<hash>.json`: entries `c·i` to `c·(i+1)-1`
//!   without their keywords, `[{"t":…,"n":…,"r":…,"u":…},…]`, fetched only for
//!   the results shown. When the words fit one shard (a small site), all
//!   entries are one chunk, and search.js fetches the shard and the chunk as
//!   the page opens: no request per query, as with one file.
//!
//! A query word `q` matches the words that start with it. They are all in one
//! shard, unless the words starting with `q` go on past a shard's first word:
//! then that shard boundary's first word starts with `q`, and the shard that
//! `q*` falls in holds the term `q*`, the union of the lists of every word
//! starting with `q` (`*` sorts before digits and letters). So every query word
//! needs one shard. The browser finds the shard of a key as the last one
//! whose first word is not after the key (the first shard for a key before all).
//!
//! File names carry a hash of their bytes: a shard that did not change keeps
//! its name, and a browser may cache it for good.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use rustc_hash::FxHashMap;
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// How the index is cut.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// A term shard is cut before the word that would make it longer than
    /// this (a single word's list may be longer).
    pub shard_bytes: usize,
    /// Entries per document chunk.
    pub chunk_entries: usize,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            shard_bytes: 24 * 1024,
            chunk_entries: 64,
        }
    }
}

/// One entry of the index as written in its JSON.
#[derive(Deserialize)]
struct Entry<'a> {
    #[serde(borrow)]
    t: std::borrow::Cow<'a, str>,
    #[serde(borrow)]
    n: std::borrow::Cow<'a, str>,
    #[serde(borrow, default)]
    r: Option<std::borrow::Cow<'a, str>>,
    #[serde(borrow, default)]
    u: Option<std::borrow::Cow<'a, str>>,
    #[serde(borrow)]
    k: std::borrow::Cow<'a, str>,
}

/// The files of the index of one language, from its entries (the JSON array
/// of [`super::index_json`]), as (path relative to the language root, bytes);
/// the manifest first. The same entries always give the same files.
pub fn files(index_json: &str, budget: Budget) -> Vec<(String, String)> {
    let entries: Vec<Entry> = serde_json::from_str(index_json).expect("the index is well-formed");
    let mut out = Vec::new();

    // Every word's list of entries, with the title bit.
    let mut lists: FxHashMap<&str, Vec<u32>> =
        FxHashMap::with_capacity_and_hasher(entries.len() + 1024, Default::default());
    let mut title = String::new();
    for (id, e) in entries.iter().enumerate() {
        title.clear();
        super::fold_into(&e.n, &mut title);
        for w in e.k.split(' ').filter(|w| !w.is_empty()) {
            let bit = u32::from(title.split(' ').any(|t| t == w));
            lists.entry(w).or_default().push((id as u32) << 1 | bit);
        }
    }
    let mut words: Vec<(&str, Vec<u32>)> = lists.into_iter().collect();
    words.sort_unstable_by(|a, b| a.0.cmp(b.0));

    // Cut into shards by the size of their JSON.
    let mut shards: Vec<Vec<(String, String)>> = Vec::new();
    // The bytes of the shard being filled: `[`, each term and a comma or `]`.
    let mut size = usize::MAX;
    for (w, list) in &words {
        let json = term_json(w, list);
        if size.saturating_add(json.len() + 1) > budget.shard_bytes && size != 1 {
            shards.push(Vec::new());
            size = 1;
        }
        size += json.len() + 1;
        shards
            .last_mut()
            .expect("a shard")
            .push((w.to_string(), json));
    }
    if shards.is_empty() {
        shards.push(Vec::new());
    }
    let firsts: Vec<String> = shards
        .iter()
        .map(|s| s.first().map_or(String::new(), |(w, _)| w.clone()))
        .collect();

    // The prefixes whose words cross a shard boundary: each gets its union.
    let prefixes: BTreeSet<&str> = firsts
        .iter()
        .skip(1)
        .flat_map(|f| (1..f.len()).map(move |n| &f[..n]))
        .collect();
    for p in prefixes {
        let from = words.partition_point(|(w, _)| *w < p);
        let to = from + words[from..].partition_point(|(w, _)| w.starts_with(p));
        let mut union: Vec<u32> = words[from..to]
            .iter()
            .flat_map(|(_, l)| l.iter().copied())
            .collect();
        union.sort_unstable();
        union.dedup_by(|b, a| {
            // `a` is kept: the same entry with or without the title bit.
            if *a >> 1 == *b >> 1 {
                *a |= *b;
                true
            } else {
                false
            }
        });
        let key = format!("{p}*");
        let shard = shard_of(&firsts, &key);
        let json = term_json(&key, &union);
        let terms = &mut shards[shard];
        let at = terms.partition_point(|(w, _)| w.as_str() < key.as_str());
        terms.insert(at, (key, json));
    }

    // The shards' files.
    let mut manifest_terms = String::from("[");
    for (i, terms) in shards.iter().enumerate() {
        let mut json = String::from("[");
        for (j, (_, t)) in terms.iter().enumerate() {
            if j > 0 {
                json.push(',');
            }
            json.push_str(t);
        }
        json.push(']');
        let hash = hash(&json);
        if i > 0 {
            manifest_terms.push(',');
        }
        let _ = write!(
            manifest_terms,
            "[\"{}\",\"{hash}\",{}]",
            firsts[i],
            json.len()
        );
        out.push((format!("search/t-{hash}.json"), json));
    }
    manifest_terms.push(']');

    // The document chunks.
    // A small site's words fit one shard: then its entries go in one chunk
    // too, and search.js fetches both as the page opens.
    let chunk = match shards.len() {
        1 => entries.len().max(1),
        _ => budget.chunk_entries.max(1),
    };
    let mut manifest_docs = String::from("[");
    for (i, part) in entries.chunks(chunk).enumerate() {
        let mut json = String::from("[");
        for (j, e) in part.iter().enumerate() {
            if j > 0 {
                json.push(',');
            }
            json.push_str("{\"t\":");
            super::push_json_str(&mut json, &[&e.t]);
            json.push_str(",\"n\":");
            super::push_json_str(&mut json, &[&e.n]);
            if let Some(r) = &e.r {
                json.push_str(",\"r\":");
                super::push_json_str(&mut json, &[r]);
            }
            if let Some(u) = &e.u {
                json.push_str(",\"u\":");
                super::push_json_str(&mut json, &[u]);
            }
            json.push('}');
        }
        json.push(']');
        let hash = hash(&json);
        if i > 0 {
            manifest_docs.push(',');
        }
        let _ = write!(manifest_docs, "\"{hash}\"");
        out.push((format!("search/d-{hash}.json"), json));
    }
    manifest_docs.push(']');

    let agencies: Vec<String> = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.t == "agency")
        .map(|(i, _)| i.to_string())
        .collect();
    let manifest = format!(
        "{{\"v\":2,\"n\":{},\"c\":{chunk},\"ag\":[{}],\"t\":{manifest_terms},\"d\":{manifest_docs}}}",
        entries.len(),
        agencies.join(","),
    );
    // Two chunks with the same bytes are one file.
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out.dedup_by(|a, b| a.0 == b.0);
    out.insert(0, ("search-index.json".to_string(), manifest));
    out
}

/// The shard a key falls in: the last one whose first word is not after it.
fn shard_of(firsts: &[String], key: &str) -> usize {
    firsts
        .partition_point(|f| f.as_str() <= key)
        .saturating_sub(1)
}

/// `["word",[v,…]]` for a list of `id << 1 | title bit` in increasing order.
fn term_json(word: &str, list: &[u32]) -> String {
    let mut json = String::with_capacity(word.len() + 6 + list.len() * 4);
    json.push_str("[\"");
    json.push_str(word);
    json.push_str("\",[");
    let mut prev = 0;
    for (i, &v) in list.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        let id = v >> 1;
        push_u32(&mut json, (id - prev) << 1 | (v & 1));
        prev = id;
    }
    json.push_str("]]");
    json
}

/// Appends `n` in decimal (the lists hold millions of numbers: no formatter).
fn push_u32(out: &mut String, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&digits[i..]).expect("ASCII digits"));
}

/// The first 12 hex digits of the SHA-256 of `text`: enough to tell versions apart.
fn hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest[..6].iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}
