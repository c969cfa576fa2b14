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

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::sync::Arc;

use rustc_hash::FxHashMap;
use sha2::{Digest, Sha256};

use super::part::{Entry, Part};

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

/// The files of the index of one language, from its entries (the JSON array
/// of [`super::index_json`]), as (path relative to the language root, bytes);
/// the manifest first. The same entries always give the same files.
pub fn files(index_json: &str, budget: Budget) -> Vec<(String, String)> {
    let (_, mut files) = Index::new(vec![Arc::new(Part::from_json(index_json))], budget);
    let at = files
        .iter()
        .position(|(p, _)| p == MANIFEST)
        .expect("a manifest");
    let manifest = files.remove(at);
    files.insert(0, manifest);
    files
}

const MANIFEST: &str = "search-index.json";

/// The index of one language: what its files were made of, so that the
/// files after an edit are made from it, redoing only what the changed
/// entries touch (see [`Index::update`]).
pub struct Index {
    budget: Budget,
    /// The entries, in index order: entry ids count on over the parts.
    parts: Vec<Arc<Part>>,
    /// Every word, in byte order.
    words: Vec<Arc<Term>>,
    /// The union term (`p*`) of each prefix `p` that crosses a shard boundary.
    unions: FxHashMap<Box<str>, Arc<Term>>,
    shards: Vec<Shard>,
    /// Entries per chunk, and each chunk's hash.
    chunk: usize,
    chunks: Vec<String>,
    manifest: String,
}

/// A word (or a prefix's union, `p*`) and the entries that have it.
struct Term {
    word: Box<str>,
    /// `id << 1 | title bit`, in increasing order.
    list: Vec<u32>,
    /// `["word",[v,…]]`.
    json: Box<str>,
}

impl Term {
    fn new(word: &str, list: Vec<u32>) -> Arc<Term> {
        Arc::new(Term {
            json: term_json(word, &list).into_boxed_str(),
            word: word.into(),
            list,
        })
    }
}

/// One term shard.
struct Shard {
    /// Its first word (unions aside), as the manifest gives it.
    first: Box<str>,
    terms: Vec<Arc<Term>>,
    hash: String,
    len: usize,
}

/// What changed between two lists of parts with the same entries' ids.
struct Changes<'p> {
    /// Ids of the entries whose keywords changed, in increasing order, with
    /// their keywords before and now.
    words: Vec<(u32, Entry<'p>, Entry<'p>)>,
    /// Ids of the entries whose documents changed, in increasing order.
    docs: Vec<u32>,
}

impl Index {
    /// The index of `parts`, and its files (path relative to the language
    /// root, bytes), all of them.
    pub fn new(parts: Vec<Arc<Part>>, budget: Budget) -> (Index, Vec<(String, String)>) {
        // Every word's list of entries, with the title bit.
        let total: usize = parts.iter().map(|p| p.len()).sum();
        let mut lists: FxHashMap<&str, Vec<u32>> =
            FxHashMap::with_capacity_and_hasher(total + 1024, Default::default());
        for (id, e) in parts.iter().flat_map(|p| p.entries()).enumerate() {
            for (w, bit) in e.keywords() {
                lists
                    .entry(w)
                    .or_default()
                    .push((id as u32) << 1 | u32::from(bit));
            }
        }
        let mut words: Vec<(&str, Vec<u32>)> = lists.into_iter().collect();
        words.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let words = words.into_iter().map(|(w, l)| Term::new(w, l)).collect();
        Index::make(budget, parts, words, None)
    }

    /// The index of `parts` made from this one, and the files that are new
    /// or changed (a build of `parts` with [`Index::new`] gives the same
    /// files). When every part has as many entries as before, entries keep
    /// their ids: only the words of the entries that changed are looked at
    /// again, and only the shards and chunks they touch made again.
    pub fn update(&self, parts: Vec<Arc<Part>>) -> (Index, Vec<(String, String)>) {
        let same_ids = self.parts.len() == parts.len()
            && self
                .parts
                .iter()
                .zip(&parts)
                .all(|(a, b)| a.len() == b.len());
        if !same_ids {
            return Index::new(parts, self.budget);
        }
        let mut changes = Changes {
            words: Vec::new(),
            docs: Vec::new(),
        };
        let mut id = 0u32;
        for (old, new) in self.parts.iter().zip(&parts) {
            if !Arc::ptr_eq(old, new) && old != new {
                for (i, (a, b)) in old.entries().zip(new.entries()).enumerate() {
                    let id = id + i as u32;
                    if a.doc != b.doc {
                        changes.docs.push(id);
                    }
                    if !a.same_keywords(&b) {
                        changes.words.push((id, a, b));
                    }
                }
            }
            id += old.len() as u32;
        }
        // The lists of the words of the changed entries, without them and
        // then with them as they are now.
        let mut edits: BTreeMap<&str, (Vec<u32>, Vec<u32>)> = BTreeMap::new();
        for (id, before, now) in &changes.words {
            for (w, _) in before.keywords() {
                edits.entry(w).or_default().0.push(*id);
            }
            for (w, bit) in now.keywords() {
                edits.entry(w).or_default().1.push(id << 1 | u32::from(bit));
            }
        }
        let mut words = Vec::with_capacity(self.words.len() + edits.len());
        // The words whose lists changed (came, went or differ), in order.
        let mut changed: Vec<&str> = Vec::new();
        let mut old = self.words.iter().peekable();
        for (w, (gone, came)) in edits {
            while let Some(t) = old.next_if(|t| &*t.word < w) {
                words.push(t.clone());
            }
            let before = old.next_if(|t| &*t.word == w);
            let kept = before
                .map_or(&[][..], |t| &t.list)
                .iter()
                .copied()
                .filter(|v| gone.binary_search(&(v >> 1)).is_err());
            let list = merge(kept, came.into_iter());
            match before {
                Some(t) if t.list == list => words.push(t.clone()),
                _ => {
                    changed.push(w);
                    if !list.is_empty() {
                        words.push(Term::new(w, list));
                    }
                }
            }
        }
        words.extend(old.cloned());
        // `changes` borrows the parts: the index takes another handle on each.
        Index::make(
            self.budget,
            parts.clone(),
            words,
            Some((self, &changes, &changed)),
        )
    }

    /// Every file's path, relative to the language root.
    pub fn paths(&self) -> impl Iterator<Item = String> + '_ {
        let shards = self
            .shards
            .iter()
            .map(|s| format!("search/t-{}.json", s.hash));
        let chunks = self.chunks.iter().map(|h| format!("search/d-{h}.json"));
        let mut paths: Vec<String> = shards.chain(chunks).collect();
        paths.sort();
        paths.dedup();
        std::iter::once(MANIFEST.to_string()).chain(paths)
    }

    /// The index of `parts`, whose `words` are made; with `last`, the index
    /// before and how the entries changed since, to take from it what did
    /// not change. Its files: those made again.
    fn make(
        budget: Budget,
        parts: Vec<Arc<Part>>,
        words: Vec<Arc<Term>>,
        last: Option<(&Index, &Changes, &[&str])>,
    ) -> (Index, Vec<(String, String)>) {
        let mut out = Vec::new();

        // Cut into shards by the size of their JSON.
        let mut starts = Vec::new();
        // The bytes of the shard being filled: `[`, each term and a comma or `]`.
        let mut size = usize::MAX;
        for (i, t) in words.iter().enumerate() {
            if size.saturating_add(t.json.len() + 1) > budget.shard_bytes && size != 1 {
                starts.push(i);
                size = 1;
            }
            size += t.json.len() + 1;
        }
        if starts.is_empty() {
            starts.push(0);
        }
        let firsts: Vec<&str> = starts
            .iter()
            .map(|&i| words.get(i).map_or("", |t| &*t.word))
            .collect();

        // The prefixes whose words cross a shard boundary: each gets its union.
        let prefixes: BTreeSet<&str> = firsts
            .iter()
            .skip(1)
            .flat_map(|f| (1..f.len()).map(move |n| &f[..n]))
            .collect();
        let mut unions: FxHashMap<Box<str>, Arc<Term>> = FxHashMap::default();
        let mut placed: Vec<Vec<Arc<Term>>> = vec![Vec::new(); starts.len()];
        // The entries whose keywords changed.
        let ids: Vec<u32> = last
            .iter()
            .flat_map(|(_, changes, _)| changes.words.iter().map(|(id, _, _)| *id))
            .collect();
        for p in prefixes {
            let before = last.and_then(|(l, changes, changed)| {
                let union = l.unions.get(p)?;
                // Changed words with the prefix: the union changes with
                // the entries whose keywords changed.
                let at = changed.partition_point(|w| *w < p);
                if !changed.get(at).is_some_and(|w| w.starts_with(p)) {
                    return Some(union.clone());
                }
                let kept = union
                    .list
                    .iter()
                    .copied()
                    .filter(|v| ids.binary_search(&(v >> 1)).is_err());
                let came = changes.words.iter().filter_map(|(id, _, now)| {
                    let mut has = None;
                    for (_, bit) in now.keywords().filter(|(w, _)| w.starts_with(p)) {
                        *has.get_or_insert(0) |= u32::from(bit);
                    }
                    has.map(|bit| id << 1 | bit)
                });
                let list = merge(kept, came);
                Some(if list == union.list {
                    union.clone()
                } else {
                    Term::new(&union.word, list)
                })
            });
            let union = before.unwrap_or_else(|| {
                let from = words.partition_point(|t| &*t.word < p);
                let to = from + words[from..].partition_point(|t| t.word.starts_with(p));
                let mut union: Vec<u32> = words[from..to]
                    .iter()
                    .flat_map(|t| t.list.iter().copied())
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
                Term::new(&format!("{p}*"), union)
            });
            placed[shard_of(&firsts, &union.word)].push(union.clone());
            unions.insert(p.into(), union);
        }

        // The shards' files: a shard with the same terms as before keeps its file.
        let before: FxHashMap<&str, &Shard> = last
            .iter()
            .flat_map(|(l, _, _)| &l.shards)
            .map(|s| (&*s.first, s))
            .collect();
        let mut shards = Vec::with_capacity(starts.len());
        for (i, mut extra) in placed.into_iter().enumerate() {
            let end = starts.get(i + 1).copied().unwrap_or(words.len());
            let own = &words[starts[i]..end];
            // The unions among the words, in byte order.
            extra.sort_by(|a, b| a.word.cmp(&b.word));
            let mut terms = Vec::with_capacity(own.len() + extra.len());
            let mut extra = extra.into_iter().peekable();
            for t in own {
                while let Some(u) = extra.next_if(|u| u.word < t.word) {
                    terms.push(u);
                }
                terms.push(t.clone());
            }
            terms.extend(extra);
            let first = firsts[i];
            let same = before.get(first).filter(|s| {
                s.terms.len() == terms.len()
                    && s.terms.iter().zip(&terms).all(|(a, b)| Arc::ptr_eq(a, b))
            });
            let (hash, len) = match same {
                Some(s) => (s.hash.clone(), s.len),
                None => {
                    let mut json =
                        String::with_capacity(terms.iter().map(|t| t.json.len() + 1).sum());
                    json.push('[');
                    for (j, t) in terms.iter().enumerate() {
                        if j > 0 {
                            json.push(',');
                        }
                        json.push_str(&t.json);
                    }
                    json.push(']');
                    let hash = hash(&json);
                    let len = json.len();
                    out.push((format!("search/t-{hash}.json"), json));
                    (hash, len)
                }
            };
            shards.push(Shard {
                first: first.into(),
                terms,
                hash,
                len,
            });
        }

        // The document chunks.
        // A small site's words fit one shard: then its entries go in one chunk
        // too, and search.js fetches both as the page opens.
        let n: usize = parts.iter().map(|p| p.len()).sum();
        let chunk = match shards.len() {
            1 => n.max(1),
            _ => budget.chunk_entries.max(1),
        };
        // Where each part's entries start.
        let starts: Vec<usize> = parts
            .iter()
            .scan(0, |n, p| {
                let at = *n;
                *n += p.len();
                Some(at)
            })
            .collect();
        let mut chunks = Vec::with_capacity(n.div_ceil(chunk));
        for from in (0..n).step_by(chunk) {
            let to = (from + chunk).min(n);
            let same = last.and_then(|(l, changes, _)| {
                let at = changes.docs.partition_point(|id| (*id as usize) < from);
                let untouched = changes.docs.get(at).is_none_or(|id| *id as usize >= to);
                l.chunks
                    .get(from / chunk)
                    .filter(|_| l.chunk == chunk && untouched)
            });
            let hash = match same {
                Some(h) => h.clone(),
                None => {
                    let mut json = String::from("[");
                    let first = starts.partition_point(|s| *s <= from) - 1;
                    let docs = parts[first..]
                        .iter()
                        .flat_map(|p| p.entries().map(|e| e.doc))
                        .skip(from - starts[first])
                        .take(to - from);
                    for (j, doc) in docs.enumerate() {
                        if j > 0 {
                            json.push(',');
                        }
                        json.push_str(doc);
                    }
                    json.push(']');
                    let hash = hash(&json);
                    out.push((format!("search/d-{hash}.json"), json));
                    hash
                }
            };
            chunks.push(hash);
        }

        let mut manifest = String::with_capacity(64 + 40 * (shards.len() + chunks.len()));
        let _ = write!(manifest, "{{\"v\":2,\"n\":{n},\"c\":{chunk},\"ag\":[");
        let agencies = parts
            .iter()
            .zip(&starts)
            .flat_map(|(p, s)| p.agencies().map(move |i| s + i));
        for (j, i) in agencies.enumerate() {
            if j > 0 {
                manifest.push(',');
            }
            push_u32(&mut manifest, i as u32);
        }
        manifest.push_str("],\"t\":[");
        for (i, s) in shards.iter().enumerate() {
            if i > 0 {
                manifest.push(',');
            }
            let _ = write!(manifest, "[\"{}\",\"{}\",{}]", s.first, s.hash, s.len);
        }
        manifest.push_str("],\"d\":[");
        for (i, h) in chunks.iter().enumerate() {
            if i > 0 {
                manifest.push(',');
            }
            let _ = write!(manifest, "\"{h}\"");
        }
        manifest.push_str("]}");
        if last.is_none_or(|(l, _, _)| l.manifest != manifest) {
            out.push((MANIFEST.to_string(), manifest.clone()));
        }
        // Two chunks with the same bytes are one file.
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out.dedup_by(|a, b| a.0 == b.0);
        let index = Index {
            budget,
            parts,
            words,
            unions,
            shards,
            chunk,
            chunks,
            manifest,
        };
        (index, out)
    }
}

/// Two lists of `id << 1 | bit` in increasing order, with no id in both, as one.
fn merge(a: impl Iterator<Item = u32>, b: impl Iterator<Item = u32>) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.size_hint().0 + b.size_hint().0);
    let mut b = b.peekable();
    for x in a {
        while let Some(y) = b.next_if(|y| *y < x) {
            out.push(y);
        }
        out.push(x);
    }
    out.extend(b);
    out
}

/// The shard a key falls in: the last one whose first word is not after it.
fn shard_of(firsts: &[&str], key: &str) -> usize {
    firsts.partition_point(|f| *f <= key).saturating_sub(1)
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::Value;

    use super::*;

    /// The example site's entries of `lang`, as JSON objects, in parts: its
    /// report's cut in parts of 9 entries (as several reports would be) and
    /// an empty one, the agencies' and the compared codes'.
    fn example(lang: &str) -> Vec<Vec<Value>> {
        let site = super::super::tests::example();
        let json = |p: Part| -> Vec<Value> {
            serde_json::from_str(&format!("[{}]", p.to_json())).expect("JSON")
        };
        let mut parts = Vec::new();
        for r in &site.reports {
            let entries = json(super::super::report_part(&site, r, lang));
            parts.extend(entries.chunks(9).map(<[Value]>::to_vec));
            // A report without entries in this language.
            parts.push(Vec::new());
        }
        parts.push(json(super::super::agency_entries(&site, lang)));
        let codes = crate::model::shared_codes(&site);
        parts.push(json(super::super::compare_entries(&codes, lang)));
        parts
    }

    fn parts(entries: &[Vec<Value>]) -> Vec<Arc<Part>> {
        entries
            .iter()
            .map(|p| Arc::new(Part::from_json(&serde_json::to_string(p).unwrap())))
            .collect()
    }

    /// The index of `entries` made from `last` (whose files `files` are, as
    /// `serve` keeps them): the files must be those of a clean build.
    /// Returns the new index, its files and how many were written.
    fn update(
        last: &Index,
        files: &BTreeMap<String, String>,
        entries: &[Vec<Value>],
        what: &str,
    ) -> (Index, BTreeMap<String, String>, usize) {
        let (index, written) = last.update(parts(entries));
        let (_, clean) = Index::new(parts(entries), last.budget);
        let clean: BTreeMap<String, String> = clean.into_iter().collect();
        let paths: BTreeSet<String> = index.paths().collect();
        let count = written.len();
        let mut now = files.clone();
        now.retain(|p, _| paths.contains(p));
        for (p, bytes) in written {
            assert!(paths.contains(&p), "{what}: {p} written but not a file");
            now.insert(p, bytes);
        }
        assert_eq!(
            now.keys().collect::<Vec<_>>(),
            clean.keys().collect::<Vec<_>>(),
            "{what}: paths"
        );
        for (p, bytes) in &clean {
            assert_eq!(&now[p], bytes, "{what}: {p}");
        }
        (index, now, count)
    }

    fn keywords(e: &Value) -> Vec<String> {
        e["k"]
            .as_str()
            .unwrap()
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect()
    }

    fn set_keywords(e: &mut Value, words: &[String]) {
        e["k"] = Value::String(words.join(" "));
    }

    /// The first word of each shard, from the manifest.
    fn firsts(files: &BTreeMap<String, String>) -> Vec<String> {
        let m: Value = serde_json::from_str(&files[MANIFEST]).unwrap();
        m["t"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t[0].as_str().unwrap().to_string())
            .collect()
    }

    const SMALL: Budget = Budget {
        shard_bytes: 400,
        chunk_entries: 7,
    };

    #[test]
    fn small_budgets_cut_several_shards_and_chunks() {
        let entries = example("vi");
        let (index, files) = Index::new(parts(&entries), SMALL);
        let files: BTreeMap<String, String> = files.into_iter().collect();
        assert!(index.shards.len() > 20, "{}", index.shards.len());
        assert!(index.chunks.len() > 5, "{}", index.chunks.len());
        assert!(!index.unions.is_empty());
        assert_eq!(
            files.keys().cloned().collect::<Vec<_>>(),
            index
                .paths()
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect::<Vec<_>>()
        );
        // The same as cutting the index's JSON array.
        let all: Vec<Value> = entries.concat();
        let json = serde_json::to_string(&all).unwrap();
        let whole: BTreeMap<String, String> = files_of(&json, SMALL);
        assert_eq!(whole, files);
        // Shards keep to the budget, unions aside, unless one word is over it.
        for s in &index.shards {
            let words: Vec<&Arc<Term>> =
                s.terms.iter().filter(|t| !t.word.ends_with('*')).collect();
            let size: usize = words.iter().map(|t| t.json.len() + 1).sum::<usize>() + 1;
            assert!(size <= SMALL.shard_bytes || words.len() == 1, "{size}");
        }
    }

    fn files_of(json: &str, budget: Budget) -> BTreeMap<String, String> {
        files(json, budget).into_iter().collect()
    }

    #[test]
    fn nothing_changed_writes_nothing() {
        let entries = example("en");
        let (index, files) = Index::new(parts(&entries), SMALL);
        let files = files.into_iter().collect();
        let (index, files, written) = update(&index, &files, &entries, "same");
        assert_eq!(written, 0);
        // Nor do the same parts, not copies.
        let (_, written) = index.update(index.parts.clone());
        assert!(written.is_empty());
        drop(files);
    }

    #[test]
    fn edits_make_again_only_what_they_touch() {
        let mut entries = example("vi");
        let (mut index, files) = Index::new(parts(&entries), SMALL);
        let mut files: BTreeMap<String, String> = files.into_iter().collect();
        let total = files.len();

        // A keyword added to a section and another taken away.
        let e = &mut entries[1][3];
        let mut k = keywords(e);
        k.remove(k.len() - 1);
        k.push("zzzkhongcotruoc".to_string());
        set_keywords(e, &k);
        let written;
        (index, files, written) = update(&index, &files, &entries, "a keyword");
        // The shards of the two words (the documents are the same) and the manifest.
        assert!(written <= 3, "{written} of {total}");
        assert!(files.values().any(|f| f.contains("\"zzzkhongcotruoc\"")));

        // A title changed: its document (one chunk) and its title bits.
        entries[0][0]["n"] = Value::String("Kế hoạch chuyển đổi số mới".into());
        let written;
        (index, files, written) = update(&index, &files, &entries, "a title");
        assert!(written < total / 2, "{written} of {total}");

        // Many new words at the start of the words: shard boundaries move.
        let before = firsts(&files);
        let e = &mut entries[2][1];
        let mut k = keywords(e);
        k.extend((0..60).map(|i| format!("a{i:03}moi")));
        set_keywords(e, &k);
        (index, files, _) = update(&index, &files, &entries, "boundaries moved");
        assert_ne!(firsts(&files), before);

        // And taken away again: the boundaries as they were.
        let e = &mut entries[2][1];
        let k: Vec<String> = keywords(e)
            .into_iter()
            .filter(|w| !w.ends_with("moi"))
            .collect();
        set_keywords(e, &k);
        (index, files, _) = update(&index, &files, &entries, "boundaries back");
        assert_eq!(firsts(&files), before);

        // A word under a prefix that crosses a boundary: its union changes.
        let prefix = index
            .unions
            .keys()
            .max_by_key(|p| p.len())
            .unwrap()
            .to_string();
        let e = &mut entries[3][0];
        let mut k = keywords(e);
        k.push(format!("{prefix}zzz"));
        set_keywords(e, &k);
        (index, files, _) = update(&index, &files, &entries, "a union");
        assert!(files.values().any(|f| f.contains(&format!("{prefix}zzz"))));

        // An entry more: ids move on, everything is made again.
        let extra = entries[1][0].clone();
        entries[1].insert(2, extra);
        let written;
        (index, files, written) = update(&index, &files, &entries, "an entry more");
        assert!(written > total / 2, "{written} of {total}");
        drop((index, files));
    }

    /// A small random number generator: the same edits on every run.
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) as usize) % n.max(1)
        }
    }

    #[test]
    fn random_edits_give_what_a_clean_build_gives() {
        for (lang, budget, seed) in [
            ("vi", SMALL, 1),
            ("en", SMALL, 2),
            (
                "vi",
                Budget {
                    shard_bytes: 1,
                    chunk_entries: 1,
                },
                3,
            ),
            (
                "en",
                Budget {
                    shard_bytes: 2000,
                    chunk_entries: 30,
                },
                4,
            ),
            ("vi", Budget::default(), 5),
        ] {
            let mut rng = Lcg(seed);
            let mut entries = example(lang);
            let vocabulary: Vec<String> = {
                let mut v: Vec<String> = entries.iter().flatten().flat_map(keywords).collect();
                v.sort();
                v.dedup();
                v
            };
            let (mut index, files) = Index::new(parts(&entries), budget);
            let mut files: BTreeMap<String, String> = files.into_iter().collect();
            for step in 0..40 {
                // One to three edits per rebuild.
                for _ in 0..1 + rng.below(3) {
                    let p = rng.below(entries.len());
                    if entries[p].is_empty() {
                        continue;
                    }
                    let i = rng.below(entries[p].len());
                    let e = &mut entries[p][i];
                    let mut k = keywords(e);
                    match rng.below(9) {
                        0 | 1 => {
                            // A word of the site, or one under a known
                            // word's prefix.
                            let w = &vocabulary[rng.below(vocabulary.len())];
                            let w = match rng.below(2) {
                                0 => w.clone(),
                                _ => format!("{}q{}", &w[..1 + rng.below(w.len())], step),
                            };
                            if !k.contains(&w) {
                                k.insert(rng.below(k.len() + 1), w);
                            }
                        }
                        2 | 3 if !k.is_empty() => {
                            k.remove(rng.below(k.len()));
                        }
                        4 => {
                            let other = &vocabulary[rng.below(vocabulary.len())];
                            e["n"] = Value::String(format!("{} {other}", k.join(" ")));
                        }
                        5 => {
                            e["u"] = Value::String(format!("x/{step}/"));
                        }
                        6 => {
                            // Many words: boundaries move.
                            for j in 0..30 {
                                let w = format!("{}{j}", &vocabulary[rng.below(vocabulary.len())]);
                                if !k.contains(&w) {
                                    k.push(w);
                                }
                            }
                        }
                        7 if rng.below(4) == 0 => {
                            // An entry more or less.
                            if rng.below(2) == 0 {
                                let copy = e.clone();
                                entries[p].insert(i, copy);
                            } else {
                                entries[p].remove(i);
                            }
                            continue;
                        }
                        _ => k.reverse(),
                    }
                    set_keywords(e, &k);
                }
                let what = format!("{lang} {budget:?} step {step}");
                (index, files, _) = update(&index, &files, &entries, &what);
            }
        }
    }
}
