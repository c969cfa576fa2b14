//! Link checking over the rendered site: every relative `href` and `src` must
//! lead to a file of the output, and every `#anchor` to an id on that page.
//! A broken link an editor wrote in Markdown is reported at its file and line.
//!
//! Pages are scanned part by part as they are rendered ([`scan`]), so that
//! their bytes can be written and dropped; the check itself ([`check_scans`])
//! runs once every part is known, on the scans alone.

mod broken;
mod resolve;
mod scan;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::hash::BuildHasher;
use std::path::PathBuf;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::Output;
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};

pub use broken::{broken, report, Broken};
use resolve::*;
pub use scan::scan;

/// A link written by an editor, and where it was written.
#[derive(Debug, Clone)]
pub struct EditorLink {
    /// The output page it appears on.
    pub page: String,
    pub url: String,
    pub source: PathBuf,
    pub line: usize,
    /// Which version of the page, when it is not the default language's
    /// (a fallback page shows the default text under another language's pages).
    pub version: Option<String>,
}

/// What the link check needs to know of some rendered pages: the ids on each
/// page and every internal link, resolved to the output file it names.
#[derive(Debug, Default, Clone)]
pub struct LinkScan {
    /// Scanned pages, in output order.
    pages: Strs,
    /// Ids (and `name`s) of every scanned page, page after page.
    ids: Strs,
    /// Where each page's ids end in `ids`, by index into `pages`.
    page_ids: Vec<u32>,
    /// Each distinct internal link's url, by link.
    urls: Prefixed,
    /// Where each link's pages end in `on`. The output file a link leads to
    /// is not kept: it is what its url resolves to from its first page.
    links: Vec<u32>,
    /// The pages each link appears on, link after link.
    on: Vec<u32>,
    editor: Vec<EditorLink>,
    /// The path part of the site's address, which root-absolute urls start with.
    base_path: String,
}

/// A list of strings kept in one buffer: the scans of a large site hold
/// about a million ids until the end of the build.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Strs {
    text: String,
    /// Where each string ends in `text`.
    ends: Vec<u32>,
}

impl Strs {
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(offset(self.text.len()));
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.get(i))
    }

    fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// A list of strings read in order, each kept as the bytes that follow
/// what it shares with the one before: a part's urls are mostly
/// `../../en/reports/<slug>/…` again and again (a national portal's scans
/// held 42 MB of them until the end of the build).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Prefixed {
    /// What each string has after its shared start.
    rest: Strs,
    /// How many bytes each string shares with the one before.
    shared: Vec<u16>,
}

impl Prefixed {
    fn new(all: &Strs) -> Self {
        let mut p = Prefixed::default();
        p.shared.reserve_exact(all.len());
        let mut before = "";
        for s in all.iter() {
            let mut n = before
                .bytes()
                .zip(s.bytes())
                .take(u16::MAX as usize)
                .take_while(|(a, b)| a == b)
                .count();
            while !s.is_char_boundary(n) {
                n -= 1;
            }
            p.shared.push(n as u16);
            p.rest.push(&s[n..]);
            before = s;
        }
        p.rest.shrink_to_fit();
        p
    }

    /// The strings from the first, one by one.
    fn cursor(&self) -> Cursor<'_> {
        Cursor {
            all: self,
            next: 0,
            current: String::new(),
        }
    }
}

/// Reads a [`Prefixed`] in order.
struct Cursor<'p> {
    all: &'p Prefixed,
    next: usize,
    current: String,
}

impl Cursor<'_> {
    /// The next string (there must be one).
    fn next_str(&mut self) -> &str {
        let i = self.next;
        self.current.truncate(self.all.shared[i] as usize);
        self.current.push_str(self.all.rest.get(i));
        self.next += 1;
        &self.current
    }
}

fn offset(n: usize) -> u32 {
    u32::try_from(n).expect("the link scan of one part stays under 4 GiB")
}

/// The ids of one page.
#[derive(Debug, Clone, Copy)]
pub struct Ids<'a> {
    all: &'a Strs,
    from: usize,
    to: usize,
}

impl<'a> Ids<'a> {
    pub fn contains(&self, id: &str) -> bool {
        self.iter().any(|i| i == id)
    }

    pub fn len(&self) -> usize {
        self.to - self.from
    }

    pub fn is_empty(&self) -> bool {
        self.to == self.from
    }

    fn iter(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        let all = self.all;
        (self.from..self.to).map(move |i| all.get(i))
    }
}

/// Check every internal link of `out`. `base_path` is the path part of the
/// site's address (`/` or `/sub/`), against which root-absolute links resolve.
pub fn check(out: &Output, base_path: &str) -> Diagnostics {
    let s = scan(out, base_path);
    let paths: Vec<&str> = out.files.keys().map(String::as_str).collect();
    check_scans(&[&s], &paths)
}

/// Check the links of every scan against the files of the whole output
/// (`exists`) and the ids of every scanned page.
pub fn check_scans(scans: &[&LinkScan], paths: &[&str]) -> Diagnostics {
    let exists: FxHashSet<&str> = paths.iter().copied().collect();
    let ids = page_ids(scans);
    let found: Vec<Broken> = scans
        .par_iter()
        .map(|s| broken(s, &|p| exists.contains(p), &|p| ids.get(p).copied()))
        .collect();
    report(&found.iter().collect::<Vec<_>>())
}

/// The ids of every scanned page, by page.
pub fn page_ids<'s>(scans: &[&'s LinkScan]) -> FxHashMap<&'s str, Ids<'s>> {
    let mut ids = FxHashMap::default();
    ids.reserve(scans.iter().map(|s| s.pages.len()).sum());
    for s in scans {
        ids.extend(
            s.pages
                .iter()
                .enumerate()
                .map(|(i, page)| (page, s.ids_of(i))),
        );
    }
    ids
}

/// What links are checked against: every file of the output and the ids of
/// every scanned page. Kept between rebuilds while neither changes.
#[derive(Debug, Default)]
pub struct Targets {
    paths: FxHashSet<String>,
    /// Each page's ids, as the range of them in `ids`.
    pages: FxHashMap<String, (u32, u32)>,
    ids: Strs,
}

impl Targets {
    pub fn exists(&self, path: &str) -> bool {
        self.paths.contains(path)
    }

    pub fn ids(&self, page: &str) -> Option<Ids<'_>> {
        self.pages.get(page).map(|&(from, to)| Ids {
            all: &self.ids,
            from: from as usize,
            to: to as usize,
        })
    }

    pub fn new(paths: &[&str], scans: &[&LinkScan]) -> Self {
        let mut t = Targets {
            paths: paths.iter().map(|p| p.to_string()).collect(),
            ..Default::default()
        };
        for s in scans {
            for (i, page) in s.pages.iter().enumerate() {
                let from = offset(t.ids.len());
                for id in s.ids_of(i).iter() {
                    t.ids.push(id);
                }
                t.pages
                    .insert(page.to_string(), (from, offset(t.ids.len())));
            }
        }
        t.ids.shrink_to_fit();
        t
    }
}

impl LinkScan {
    /// Whether two scans have the same pages with the same ids: links into
    /// them are then as good or as broken as before.
    pub fn same_targets(&self, other: &LinkScan) -> bool {
        self.pages == other.pages && self.page_ids == other.page_ids && self.ids == other.ids
    }

    /// The ids of the `i`th scanned page.
    fn ids_of(&self, i: usize) -> Ids<'_> {
        Ids {
            all: &self.ids,
            from: if i == 0 {
                0
            } else {
                self.page_ids[i - 1] as usize
            },
            to: self.page_ids[i] as usize,
        }
    }
}
