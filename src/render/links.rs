//! Link checking over the rendered site: every relative `href` and `src` must
//! lead to a file of the output, and every `#anchor` to an id on that page.
//! A broken link an editor wrote in Markdown is reported at its file and line.
//!
//! Pages are scanned part by part as they are rendered ([`scan`]), so that
//! their bytes can be written and dropped; the check itself ([`check_scans`])
//! runs once every part is known, on the scans alone.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::hash::BuildHasher;
use std::path::PathBuf;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::Output;
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};

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
    urls: Strs,
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

/// What the output file a url leads to depends on, besides the url.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Depends {
    /// Not checked: it leads to another site.
    External,
    /// Nothing (a root-absolute url).
    Nothing,
    /// The page it is on (`#anchor` alone, `?query` alone, or empty).
    Page,
    /// The folders of the page but the last `n`, which `..` leave.
    Folder(usize),
}

impl Depends {
    /// Mirrors [`resolve`].
    fn of(raw: &str) -> Depends {
        if is_external(raw) {
            return Depends::External;
        }
        let url = unescape(raw);
        let rest = url.split('#').next().unwrap_or("");
        let rest = rest.split('?').next().unwrap_or("");
        if rest.is_empty() {
            return Depends::Page;
        }
        if rest.starts_with('/') {
            return Depends::Nothing;
        }
        // `..` past the segments the url itself adds leave a folder of the page.
        let (mut depth, mut up) = (0usize, 0usize);
        for seg in rest.split('/') {
            match seg {
                "" | "." => {}
                ".." if depth > 0 => depth -= 1,
                ".." => up += 1,
                _ => depth += 1,
            }
        }
        Depends::Folder(up)
    }
}

/// The attributes the link check reads.
#[derive(Clone, Copy)]
enum Attr {
    Id,
    Name,
    Href,
    Src,
}

/// Call `f` with the raw value of every `id`, `name`, `href` and `src`
/// attribute in `html` (double-quoted, as the theme and the Markdown
/// renderer write them), in the order they appear. One pass over `="`
/// finds exactly what a search for each of ` id="`, ` name="`, ` href="`
/// and ` src="` would: occurrences of `="` cannot overlap.
fn each_attribute<'h>(html: &'h [u8], mut f: impl FnMut(Attr, &'h str)) {
    for at in memchr::memmem::find_iter(html, b"=\"") {
        let before = &html[..at];
        let attr = if before.ends_with(b" href") {
            Attr::Href
        } else if before.ends_with(b" src") {
            Attr::Src
        } else if before.ends_with(b" id") {
            Attr::Id
        } else if before.ends_with(b" name") {
            Attr::Name
        } else {
            continue;
        };
        let from = at + 2;
        let Some(len) = memchr::memchr(b'"', &html[from..]) else {
            break;
        };
        if let Ok(v) = std::str::from_utf8(&html[from..from + len]) {
            f(attr, v);
        }
    }
}

/// A distinct url of a part: what its target depends on.
struct Url {
    depends: Depends,
    /// The page it was last met on, which does not count it twice.
    page: u32,
    /// The link it makes when it resolves the same on every page (context
    /// 0), once known.
    link: u32,
}

/// The contexts of one page a url may resolve from (see [`Depends`]), as
/// ids given by `Contexts`, computed when first needed.
struct Contexts<'o> {
    ids: FxHashMap<&'o str, u32>,
    /// The `/` of the current page, and its contexts so far: keeping its
    /// first `i` folders at `i`, the page itself last.
    slashes: Vec<usize>,
    page: Vec<u32>,
}

const NONE: u32 = u32::MAX;
const UNKNOWN: u32 = u32::MAX - 1;

impl<'o> Contexts<'o> {
    fn start(&mut self, page: &str) {
        self.slashes.clear();
        self.slashes.extend(
            page.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'/')
                .map(|(i, _)| i),
        );
        self.page.clear();
        self.page.resize(self.slashes.len() + 2, NONE);
    }

    /// The id of what a url that `depends` so resolves the same from, on
    /// every page: `NONE` when it leaves the site (too many `..`), which it
    /// does from every page as deep.
    fn of(&mut self, depends: Depends, page: &'o str) -> u32 {
        let (slot, text) = match depends {
            Depends::External | Depends::Nothing => return 0,
            Depends::Page => (self.slashes.len() + 1, page),
            // The first folders the `..` leave, each with its `/`.
            Depends::Folder(up) => match self.slashes.len().checked_sub(up) {
                None => return NONE,
                Some(0) => return 0,
                Some(keep) => (keep, &page[..self.slashes[keep - 1] + 1]),
            },
        };
        if self.page[slot] == NONE {
            let next = self.ids.len() as u32 + 1;
            self.page[slot] = *self.ids.entry(text).or_insert(next);
        }
        self.page[slot]
    }
}

/// A url met from a context: the link it makes (`NONE` when there is
/// nothing to check).
type Met = FxHashMap<(u32, u32), u32>;

/// Scan the pages of `out` (one part of the site) for ids and internal links.
pub fn scan<'o>(out: &'o Output, base_path: &str) -> LinkScan {
    let mut s = LinkScan {
        editor: out.links.clone(),
        base_path: base_path.to_string(),
        ..Default::default()
    };
    let mut urls = Urls {
        files: out.files.keys().map(String::as_str).collect(),
        base_path,
        ids: FxHashMap::default(),
        info: Vec::new(),
        contexts: Contexts {
            ids: FxHashMap::default(),
            slashes: Vec::new(),
            page: Vec::new(),
        },
        met: FxHashMap::default(),
        links: LinksBuilder::default(),
    };
    let (mut names, mut srcs): (Vec<&'o str>, Vec<&'o str>) = Default::default();
    for (page, bytes) in &out.files {
        if !page.ends_with(".html") || page.ends_with("404.html") {
            continue;
        }
        let at = offset(s.pages.len());
        s.pages.push(page);
        names.clear();
        srcs.clear();
        urls.contexts.start(page);
        // Ids, then names; links in `href`, then in `src`.
        each_attribute(bytes, |attr, v| match attr {
            Attr::Id => s.ids.push(&unescape(v)),
            Attr::Name => names.push(v),
            Attr::Href => urls.met(v, page, at, &s.pages),
            Attr::Src => srcs.push(v),
        });
        for v in &names {
            s.ids.push(&unescape(v));
        }
        s.page_ids.push(offset(s.ids.len()));
        for raw in &srcs {
            urls.met(raw, page, at, &s.pages);
        }
    }
    urls.links.finish(&mut s);
    s.pages.shrink_to_fit();
    s.ids.shrink_to_fit();
    s.page_ids.shrink_to_fit();
    s
}

/// The urls of a part and the links they make. Most urls are the theme's,
/// the same on every page: each distinct url is resolved once for all the
/// pages it resolves the same on.
struct Urls<'o, 'b> {
    /// The part's files.
    files: FxHashSet<&'o str>,
    base_path: &'b str,
    /// Each distinct url by its raw value, and what is known of it.
    ids: FxHashMap<&'o str, u32>,
    info: Vec<Url>,
    contexts: Contexts<'o>,
    met: Met,
    links: LinksBuilder,
}

impl<'o> Urls<'o, '_> {
    /// Note url `raw` on `page` (the `at`th scanned).
    fn met(&mut self, raw: &'o str, page: &'o str, at: u32, pages: &Strs) {
        let next = self.info.len() as u32;
        let u = *self.ids.entry(raw).or_insert(next);
        if u == next {
            self.info.push(Url {
                depends: Depends::of(raw),
                page: NONE,
                link: UNKNOWN,
            });
        }
        let info = &mut self.info[u as usize];
        if info.depends == Depends::External || info.page == at {
            return;
        }
        info.page = at;
        let (files, links, base_path) = (&self.files, &mut self.links, self.base_path);
        let link = match self.contexts.of(info.depends, page) {
            0 => {
                if info.link == UNKNOWN {
                    info.link = links.add(files, pages, at, raw, base_path);
                }
                info.link
            }
            context => *self
                .met
                .entry((u, context))
                .or_insert_with(|| links.add(files, pages, at, raw, base_path)),
        };
        if link != NONE {
            links.pairs.push((link, at));
        }
    }
}

/// The distinct links of a part, as they are found.
#[derive(Default)]
struct LinksBuilder {
    /// A link by the hash of its target and url...
    by_hash: FxHashMap<u64, u32>,
    /// ...or, when another link has that hash, by its target and url.
    collided: FxHashMap<(Option<String>, String), u32>,
    urls: Strs,
    /// The page each link was first met on, and whether it leads inside the site.
    first: Vec<u32>,
    inside: Vec<bool>,
    /// (link, page) as met.
    pairs: Vec<(u32, u32)>,
    /// The target being resolved, another one, and `{target}/index.html`.
    target: String,
    other: String,
    folder: String,
}

impl LinksBuilder {
    /// The link `raw` on the `at`th page of `pages` makes, added if new;
    /// `NONE` when there is nothing to check: it leads to a file of this
    /// same part, without an anchor (keeping only the others keeps scans
    /// small).
    fn add(
        &mut self,
        files: &FxHashSet<&str>,
        pages: &Strs,
        at: u32,
        raw: &str,
        base_path: &str,
    ) -> u32 {
        let page = pages.get(at as usize);
        let url = unescape(raw);
        let inside = resolve_into(page, &url, base_path, &mut self.target);
        if inside && !url.contains('#') {
            self.folder.clear();
            self.folder.push_str(&self.target);
            self.folder.push_str("/index.html");
            if files.contains(self.target.as_str()) || files.contains(self.folder.as_str()) {
                return NONE;
            }
        }
        let target = inside.then_some(self.target.as_str());
        let hash = rustc_hash::FxBuildHasher.hash_one((target, &*url));
        let collided = match self.by_hash.get(&hash) {
            None => false,
            Some(&i) => {
                let i = i as usize;
                let same = self.urls.get(i) == url
                    && self.inside[i] == inside
                    && (!inside || {
                        let first = pages.get(self.first[i] as usize);
                        resolve_into(first, &url, base_path, &mut self.other);
                        self.other == self.target
                    });
                if same {
                    return i as u32;
                }
                let key = (target.map(str::to_string), url.to_string());
                if let Some(&i) = self.collided.get(&key) {
                    return i;
                }
                true
            }
        };
        let i = offset(self.inside.len());
        if collided {
            self.collided
                .insert((target.map(str::to_string), url.to_string()), i);
        } else {
            self.by_hash.insert(hash, i);
        }
        self.urls.push(&url);
        self.first.push(at);
        self.inside.push(inside);
        i
    }

    /// Put the links in `s`, their pages grouped by link, in the order met.
    fn finish(mut self, s: &mut LinkScan) {
        let mut ends = vec![0u32; self.inside.len()];
        for &(link, _) in &self.pairs {
            ends[link as usize] += 1;
        }
        let mut end = 0;
        for e in &mut ends {
            end += *e;
            *e = end;
        }
        s.links = ends.clone();
        // Fill each link's pages from its end, backwards, keeping their order.
        s.on = vec![0; self.pairs.len()];
        for &(link, page) in self.pairs.iter().rev() {
            let e = &mut ends[link as usize];
            *e -= 1;
            s.on[*e as usize] = page;
        }
        self.urls.shrink_to_fit();
        s.urls = self.urls;
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

/// The broken links of one scan, before they are merged into diagnostics.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Broken {
    /// (url, problem, page) of links from the theme's templates.
    theme: Vec<(String, crate::diagnostics::Msg, String)>,
    /// (source, line, url, version, problem) of links editors wrote.
    editor: Vec<(
        PathBuf,
        usize,
        String,
        Option<String>,
        crate::diagnostics::Msg,
    )>,
    /// (page, id) of ids found more than once on a page.
    duplicate_ids: Vec<(String, String)>,
}

/// Pages with this many ids or more are looked up through a set: a long
/// page's table of contents links to each of its many headings.
const IDS_SET_FROM: usize = 32;

/// The broken links of one scan.
/// `exists` tells whether the output has a file, `ids` the ids of a page.
pub fn broken<'i>(
    s: &LinkScan,
    exists: &(dyn Fn(&str) -> bool + Sync),
    ids: &(dyn Fn(&str) -> Option<Ids<'i>> + Sync),
) -> Broken {
    // By the url as written: the page has it percent-encoded (`k%E1%BA%BFt`
    // for `kết`), so both sides are decoded to find who wrote it.
    let written: FxHashMap<(&str, Cow<str>), &EditorLink> = s
        .editor
        .iter()
        .map(|l| ((l.page.as_str(), decoded(&l.url)), l))
        .collect();
    let mut found = Broken::default();
    let mut id_sets: FxHashMap<String, FxHashSet<&'i str>> = FxHashMap::default();
    for (i, page) in s.pages.iter().enumerate() {
        let mut seen = FxHashSet::default();
        for id in s.ids_of(i).iter() {
            if !seen.insert(id) {
                found.duplicate_ids.push((page.to_string(), id.to_string()));
            }
        }
    }
    let (mut from, mut target) = (0, String::new());
    for (i, &end) in s.links.iter().enumerate() {
        let pages = &s.on[from..end as usize];
        from = end as usize;
        let url = s.urls.get(i);
        // What the url resolves to from its first page, as from every other.
        let first = s.pages.get(pages[0] as usize);
        let inside = resolve_into(first, url, &s.base_path, &mut target);
        let problem = match inside.then_some(target.as_str()) {
            None => Some(msg!("broken-link", en: "it leads outside the site", vi: "nó dẫn ra ngoài trang")),
            Some(target) => match find(exists, target) {
                Some(file) => url
                    .split_once('#')
                    .map(|(_, f)| f)
                    .filter(|f| !f.is_empty())
                    .and_then(|f| {
                        let has = ids(&file).is_some_and(|ids| {
                            if ids.len() < IDS_SET_FROM {
                                ids.contains(f)
                            } else {
                                id_sets
                                    .entry(file.to_string())
                                    .or_insert_with(|| ids.iter().collect())
                                    .contains(f)
                            }
                        });
                        (!has).then(|| msg!("broken-link", en: "there is no anchor `#{f}` on the page it leads to", vi: "trang được dẫn tới không có neo `#{f}`"))
                    }),
                None => Some(msg!("broken-link", en: "there is no page at that address", vi: "không có trang nào ở địa chỉ đó")),
            },
        };
        let Some(problem) = problem else { continue };
        for &p in pages {
            let page = s.pages.get(p as usize);
            match written.get(&(page, decoded(url))) {
                // The url as the editor wrote it, not as encoded in the page.
                Some(l) => found.editor.push((
                    l.source.clone(),
                    l.line,
                    l.url.clone(),
                    l.version.clone(),
                    problem.clone(),
                )),
                None => found
                    .theme
                    .push((url.to_string(), problem.clone(), page.to_string())),
            }
        }
    }
    found
}

/// `url` with `%xx` escapes decoded, borrowed when it has none.
fn decoded(url: &str) -> Cow<'_, str> {
    if url.contains('%') {
        Cow::Owned(super::percent_decode(url))
    } else {
        Cow::Borrowed(url)
    }
}

/// The output file `target` names: itself or, for a folder, its `index.html`.
fn find<'t>(exists: &dyn Fn(&str) -> bool, target: &'t str) -> Option<Cow<'t, str>> {
    if exists(target) {
        Some(Cow::Borrowed(target))
    } else {
        let index = format!("{target}/index.html");
        exists(&index).then_some(Cow::Owned(index))
    }
}

/// Diagnostics for the broken links of every scan.
pub fn report(found: &[&Broken]) -> Diagnostics {
    let mut theme: BTreeMap<(String, crate::diagnostics::Msg), Vec<String>> = BTreeMap::new();
    type Versions = Vec<(Option<String>, crate::diagnostics::Msg)>;
    let mut editor: BTreeMap<(PathBuf, usize, String), Versions> = BTreeMap::new();
    for b in found {
        for (url, problem, page) in b.theme.iter().cloned() {
            theme.entry((url, problem)).or_default().push(page);
        }
        for (source, line, url, version, problem) in b.editor.iter().cloned() {
            editor
                .entry((source, line, url))
                .or_default()
                .push((version, problem));
        }
    }
    let mut diags = Diagnostics::new();
    let mut twice: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for b in found {
        for (page, id) in &b.duplicate_ids {
            twice.entry(page).or_default().push(id);
        }
    }
    for (page, ids) in twice {
        let list = ids
            .iter()
            .map(|i| format!("`{i}`"))
            .collect::<Vec<_>>()
            .join(", ");
        diags.push(
            Diagnostic::warning(
                format!("(output) {page}"),
                None,
                msg!("duplicate-id", en: "the page has the same id more than once: {list}; a link to it goes to the first", vi: "trang có một id xuất hiện nhiều lần: {list}; liên kết tới id đó sẽ tới chỗ đầu tiên"),
            )
            .with_hint(msg!("duplicate-id", en: "give the headings different names, or change the id in the theme's template", vi: "đặt tên các đề mục khác nhau, hoặc đổi id trong mẫu của giao diện")),
        );
    }
    // A broken link from the templates is usually on every page: say it once.
    for ((url, problem), mut pages) in theme {
        pages.sort();
        let example = &pages[0];
        let (more, more_vi) = match pages.len() {
            1 => (String::new(), String::new()),
            n => (
                format!(" and {} other page{}", n - 1, if n == 2 { "" } else { "s" }),
                format!(" và {} trang khác", n - 1),
            ),
        };
        let (problem_en, problem_vi) = (problem.en(), problem.vi());
        diags.push(
            Diagnostic::warning(
                format!("(output) {example}"),
                None,
                msg!("broken-link", en: "broken link `{url}`{more}: {problem_en}", vi: "liên kết hỏng `{url}`{more_vi}: {problem_vi}"),
            )
            .with_hint(msg!("broken-link", en: "this link comes from the theme's templates", vi: "liên kết này nằm trong mẫu (template) của giao diện")),
        );
    }
    // A link broken in the default language's page is reported once for all
    // versions; one broken only in a translation says which. Messages do not
    // name the page, so the same problem on several pages is said once.
    for ((source, line, url), mut found) in editor {
        found.sort();
        found.dedup();
        let default_broken = found.iter().any(|(v, _)| v.is_none());
        for (version, problem) in found
            .into_iter()
            .filter(|(v, _)| !default_broken || v.is_none())
        {
            let (problem_en, problem_vi) = (problem.en(), problem.vi());
            let message = match version {
                Some(v) => {
                    msg!("broken-link", en: "broken link `{url}` ({v}): {problem_en}", vi: "liên kết hỏng `{url}` ({v}): {problem_vi}")
                }
                None => {
                    msg!("broken-link", en: "broken link `{url}`: {problem_en}", vi: "liên kết hỏng `{url}`: {problem_vi}")
                }
            };
            diags.push(
                Diagnostic::warning(&source, Some(Pos::new(line, 1)), message)
                    .with_hint(msg!("broken-link", en: "links between pages are relative, e.g. ../other-section/ ; check the spelling of the slug", vi: "liên kết giữa các trang là tương đối, ví dụ ../muc-khac/ ; kiểm tra chính tả của tên (slug)")),
            );
        }
    }
    diags
}

fn is_external(url: &str) -> bool {
    let starts = |p: &str| {
        url.as_bytes()
            .get(..p.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(p.as_bytes()))
    };
    starts("http:") || starts("https:") || starts("mailto:") || url.starts_with("//")
}

/// The output file `url` (written on `page`) points to, and its fragment.
#[cfg(test)]
fn resolve(page: &str, url: &str, base_path: &str) -> Option<(String, Option<String>)> {
    let fragment = url.split_once('#').map(|(_, f)| f.to_string());
    resolve_target(page, url, base_path).map(|t| (t, fragment))
}

/// The output file `url` (written on `page`) points to.
#[cfg(test)]
fn resolve_target(page: &str, url: &str, base_path: &str) -> Option<String> {
    let mut target = String::new();
    resolve_into(page, url, base_path, &mut target).then_some(target)
}

/// Put in `target` the output file `url` (written on `page`) points to;
/// false when it leads outside the site.
fn resolve_into(page: &str, url: &str, base_path: &str, target: &mut String) -> bool {
    target.clear();
    let rest = url.split('#').next().unwrap_or("");
    let rest = rest.split('?').next().unwrap_or("");
    if rest.is_empty() {
        target.push_str(page);
        return true;
    }
    // The path segments so far, joined by `/` in `target`.
    let mut parts = 0;
    let tail = if rest.starts_with('/') {
        match rest.strip_prefix(base_path) {
            Some(tail) => tail,
            None => return false,
        }
    } else {
        // The page's folders.
        if let Some(end) = page.rfind('/') {
            target.push_str(&page[..end]);
            parts = page.bytes().filter(|&b| b == b'/').count();
        }
        rest
    };
    for seg in tail.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts == 0 {
                    return false;
                }
                parts -= 1;
                // Segments hold no `/`: the last one follows the last `/`.
                target.truncate(target.rfind('/').unwrap_or(0));
            }
            s => {
                if parts > 0 {
                    target.push('/');
                }
                target.push_str(s);
                parts += 1;
            }
        }
    }
    if tail.is_empty() || tail.ends_with('/') {
        target.push_str(if target.is_empty() {
            "index.html"
        } else {
            "/index.html"
        });
    }
    if target.contains('%') {
        *target = super::percent_decode(target);
    }
    true
}

fn unescape(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_links() {
        let r = |url| resolve("en/reports/x/groups/g/index.html", url, "/").map(|(t, _)| t);
        assert_eq!(r("../../").as_deref(), Some("en/reports/x/index.html"));
        assert_eq!(
            r("../../../../../static/style.css").as_deref(),
            Some("static/style.css")
        );
        assert_eq!(
            r("chart.svg").as_deref(),
            Some("en/reports/x/groups/g/chart.svg")
        );
        assert_eq!(r("../../../../../../x"), None);
        assert_eq!(
            resolve("index.html", "/sub/static/a.css", "/sub/")
                .map(|(t, _)| t)
                .as_deref(),
            Some("static/a.css")
        );
        assert_eq!(resolve("index.html", "/other/a.css", "/sub/"), None);
        assert_eq!(
            resolve("a/index.html", "#top", "/").unwrap().1.as_deref(),
            Some("top")
        );
    }

    #[test]
    fn finds_broken_links_and_anchors() {
        let mut out = Output::default();
        out.add("index.html", r#"<a href="a/">a</a> <a href="a/#there">x</a> <a href="a/#nowhere">y</a> <a href="b/">b</a> <a href="https://x.org">e</a>"#);
        out.add("a/index.html", r#"<h2 id="there">t</h2>"#);
        out.links.push(EditorLink {
            page: "index.html".into(),
            url: "b/".into(),
            source: "s.md".into(),
            line: 7,
            version: None,
        });
        let diags = check(&out, "/").into_sorted();
        let text: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        assert_eq!(diags.len(), 2, "{text:?}");
        assert!(
            text.iter().any(|t| t.starts_with(
                "(output) index.html: warning: broken link `a/#nowhere`: there is no anchor"
            )),
            "{text:?}"
        );
        assert!(
            text.iter().any(|t| t.starts_with(
                "s.md:7:1: warning: broken link `b/`: there is no page at that address"
            )),
            "{text:?}"
        );
    }

    #[test]
    fn reports_an_id_twice_on_a_page_and_finds_anchors_on_long_pages() {
        let mut out = Output::default();
        let many: String = (0..100)
            .map(|i| format!("<h2 id=\"h-{i}\">x</h2>"))
            .collect();
        out.add(
            "a/index.html",
            format!(r##"<main id="main"><h2 id="main">Main</h2>{many}<a href="#h-99">l</a><a href="#h-100">l</a></main>"##),
        );
        let diags = check(&out, "/").into_sorted();
        let text: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        assert_eq!(diags.len(), 2, "{text:?}");
        assert!(
            text.iter().any(|t| t.starts_with(
                "(output) a/index.html: warning: the page has the same id more than once: `main`"
            )),
            "{text:?}"
        );
        assert!(
            text.iter().any(|t| t.contains("broken link `#h-100`")),
            "{text:?}"
        );
    }

    /// The resolution before it wrote into a buffer, to check it against.
    fn resolve_before(page: &str, url: &str, base_path: &str) -> Option<String> {
        let rest = url.split_once('#').map_or(url, |(r, _)| r);
        let rest = rest.split('?').next().unwrap_or("");
        if rest.is_empty() {
            return Some(page.to_string());
        }
        let mut parts: Vec<&str> = if rest.starts_with('/') {
            rest.strip_prefix(base_path)?;
            Vec::new()
        } else {
            page.split('/').collect::<Vec<_>>()[..page.matches('/').count()].to_vec()
        };
        let tail = match rest.strip_prefix('/') {
            Some(_) => rest.strip_prefix(base_path)?.to_string(),
            None => rest.to_string(),
        };
        for seg in tail.split('/') {
            match seg {
                "" | "." => {}
                ".." => {
                    parts.pop()?;
                }
                s => parts.push(s),
            }
        }
        let mut target = parts.join("/");
        if tail.is_empty() || tail.ends_with('/') {
            target = if target.is_empty() {
                "index.html".into()
            } else {
                format!("{target}/index.html")
            };
        }
        Some(crate::render::percent_decode(&target))
    }

    #[test]
    fn resolves_as_before() {
        let pages = [
            "index.html",
            "a.html",
            "a/index.html",
            "a/b/index.html",
            "a/b/c/d.html",
            "/x.html",
            "a//b.html",
            "x%41/y.html",
        ];
        let urls = [
            "",
            "#",
            "#top",
            "?q",
            "?q#f",
            ".",
            "./",
            "..",
            "../",
            "../..",
            "../../",
            "a",
            "a/",
            "a/../b",
            "a/./b/",
            "../a/../../b",
            "../../../../../x",
            "/",
            "/sub",
            "/sub/",
            "/sub/a/../b/",
            "/other/",
            "//x",
            "a%20b/",
            "%41",
            "a%4",
            "x?y/z#w/v",
            "a//b",
            "../%2e%2e/",
        ];
        for base in ["/", "/sub/"] {
            for page in pages {
                for url in urls {
                    assert_eq!(
                        resolve_target(page, url, base),
                        resolve_before(page, url, base),
                        "{url} on {page} under {base}"
                    );
                    // The context a url resolves from gives the same target on every page.
                    let d = Depends::of(url);
                    for other in pages {
                        let mut a = Contexts {
                            ids: FxHashMap::default(),
                            slashes: Vec::new(),
                            page: Vec::new(),
                        };
                        a.start(page);
                        let ca = a.of(d, page);
                        a.start(other);
                        let cb = a.of(d, other);
                        if ca == cb {
                            assert_eq!(
                                resolve_target(page, url, base),
                                resolve_target(other, url, base),
                                "{url} on {page} and {other} under {base}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_relative_link_resolves_from_each_page_folder() {
        let mut out = Output::default();
        let links = r##"<a href="chart.svg">c</a> <a href="../w/">w</a> <a href="../../up/">u</a> <a href="../../../x">x</a> <a href="#top">t</a> <img src="chart.svg">"##;
        out.add("a/x/index.html", format!(r#"<h1 id="top">a</h1>{links}"#));
        out.add("b/y/index.html", links);
        out.add("a/x/s/index.html", links);
        out.add("a/x/chart.svg", "");
        out.add("a/x/s/chart.svg", "");
        out.add("a/w/index.html", "");
        out.add("a/x/w/index.html", "");
        out.add("x", "");
        // `../../up/` is `up/` from a/x/ and b/y/, but `a/up/` from a/x/s/:
        // no page at either.
        let text: Vec<String> = check(&out, "/")
            .into_sorted()
            .iter()
            .map(|d| d.to_string().lines().next().unwrap_or("").to_string())
            .collect();
        assert_eq!(
            text,
            [
                "(output) a/x/index.html: warning: broken link `../../../x` and 1 other page: it leads outside the site",
                "(output) a/x/index.html: warning: broken link `../../up/` and 2 other pages: there is no page at that address",
                "(output) a/x/s/index.html: warning: broken link `#top` and 1 other page: there is no anchor `#top` on the page it leads to",
                "(output) b/y/index.html: warning: broken link `../w/`: there is no page at that address",
                "(output) b/y/index.html: warning: broken link `chart.svg`: there is no page at that address",
            ],
            "{text:#?}"
        );
    }
}
