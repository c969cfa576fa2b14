//! Link checking over the rendered site: every relative `href` and `src` must
//! lead to a file of the output, and every `#anchor` to an id on that page.
//! A broken link an editor wrote in Markdown is reported at its file and line.
//!
//! Pages are scanned part by part as they are rendered ([`scan`]), so that
//! their bytes can be written and dropped; the check itself ([`check_scans`])
//! runs once every part is known, on the scans alone.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::BTreeMap;
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
    links: Vec<Link>,
    editor: Vec<EditorLink>,
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

    fn iter(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        let all = self.all;
        (self.from..self.to).map(move |i| all.get(i))
    }
}

/// One distinct internal link of a part, and the pages it appears on.
#[derive(Debug, Clone)]
struct Link {
    url: String,
    /// The output file it leads to; `None` when it leads outside the site.
    target: Option<String>,
    fragment: Option<String>,
    pages: Vec<u32>,
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

    /// The part of `page` (whose `/` are at `slashes`) a url depending on
    /// this resolves the same from, on every page: `None` when it leaves the
    /// site (too many `..`), which it does from any page as deep.
    fn context<'p>(self, page: &'p str, slashes: &[usize]) -> Option<&'p str> {
        match self {
            Depends::External | Depends::Nothing => Some(""),
            Depends::Page => Some(page),
            // The first folders the `..` leave, each with its `/`.
            Depends::Folder(up) => match slashes.len().checked_sub(up)? {
                0 => Some(""),
                keep => Some(&page[..slashes[keep - 1] + 1]),
            },
        }
    }
}

/// A url met in a part: the link it makes (`None` when there is nothing to
/// check), and the last page it was met on.
struct Met {
    link: Option<u32>,
    page: u32,
}

/// Scan the pages of `out` (one part of the site) for ids and internal links.
pub fn scan<'o>(out: &'o Output, base_path: &str) -> LinkScan {
    let mut s = LinkScan {
        editor: out.links.clone(),
        ..Default::default()
    };
    let finders = Finders::new();
    // Most urls are the theme's, the same on every page: each distinct url
    // is resolved once for all pages it resolves the same on.
    let mut depends: FxHashMap<&'o str, Depends> = FxHashMap::default();
    let mut met: FxHashMap<(&'o str, Option<&'o str>), Met> = FxHashMap::default();
    let mut index: FxHashMap<(Option<String>, Option<String>, String), u32> = FxHashMap::default();
    let mut srcs: Vec<&'o str> = Vec::new();
    let mut slashes = Vec::new();
    for (page, bytes) in &out.files {
        if !page.ends_with(".html") || page.ends_with("404.html") {
            continue;
        }
        let at = offset(s.pages.len());
        s.pages.push(page);
        for f in &finders.ids {
            each_value(bytes, f, |v| s.ids.push(&unescape(v)));
        }
        s.page_ids.push(offset(s.ids.len()));
        slashes.clear();
        slashes.extend(page.match_indices('/').map(|(i, _)| i));
        let [hrefs, srcs_finder] = &finders.urls;
        srcs.clear();
        each_value(bytes, srcs_finder, |raw| srcs.push(raw));
        let mut each_url = |raw: &'o str| {
            let d = *depends.entry(raw).or_insert_with(|| Depends::of(raw));
            if d == Depends::External {
                return;
            }
            let link = match met.entry((raw, d.context(page, &slashes))) {
                Entry::Occupied(mut e) => {
                    let m = e.get_mut();
                    if m.page == at {
                        return;
                    }
                    m.page = at;
                    m.link
                }
                Entry::Vacant(e) => {
                    let link = resolve_link(out, page, raw, base_path, &mut index, &mut s.links);
                    e.insert(Met { link, page: at });
                    link
                }
            };
            if let Some(i) = link {
                s.links[i as usize].pages.push(at);
            }
        };
        each_value(bytes, hrefs, &mut each_url);
        srcs.iter().for_each(|raw| each_url(raw));
    }
    s.pages.shrink_to_fit();
    s.ids.shrink_to_fit();
    s.page_ids.shrink_to_fit();
    s.links.shrink_to_fit();
    for link in &mut s.links {
        link.pages.shrink_to_fit();
    }
    s
}

/// The link `raw` on `page` makes, added to `links` if new; `None` when
/// there is nothing to check: it leads to a file of this same part, without
/// an anchor (keeping only the others keeps scans small).
fn resolve_link(
    out: &Output,
    page: &str,
    raw: &str,
    base_path: &str,
    index: &mut FxHashMap<(Option<String>, Option<String>, String), u32>,
    links: &mut Vec<Link>,
) -> Option<u32> {
    let url = unescape(raw).into_owned();
    let (target, fragment) = match resolve(page, &url, base_path) {
        Some((t, f)) => (Some(t), f),
        None => (None, None),
    };
    if fragment.is_none()
        && target.as_ref().is_some_and(|t| {
            out.files.contains_key(t) || out.files.contains_key(&format!("{t}/index.html"))
        })
    {
        return None;
    }
    let key = (target, fragment, url);
    if let Some(&i) = index.get(&key) {
        return Some(i);
    }
    let i = offset(links.len());
    let (target, fragment, url) = key.clone();
    index.insert(key, i);
    links.push(Link {
        url,
        target,
        fragment,
        pages: Vec::new(),
    });
    Some(i)
}

/// Searchers for the attributes the link check reads, built once per scan.
struct Finders {
    ids: [memchr::memmem::Finder<'static>; 2],
    urls: [memchr::memmem::Finder<'static>; 2],
}

impl Finders {
    fn new() -> Self {
        use memchr::memmem::Finder;
        Finders {
            ids: [Finder::new(" id=\""), Finder::new(" name=\"")],
            urls: [Finder::new(" href=\""), Finder::new(" src=\"")],
        }
    }
}

/// Call `f` with the raw value of every attribute `finder` finds in `html`
/// (double-quoted, as the theme and the Markdown renderer write them).
fn each_value<'h>(html: &'h [u8], finder: &memchr::memmem::Finder, mut f: impl FnMut(&'h str)) {
    for start in finder.find_iter(html) {
        let from = start + finder.needle().len();
        let Some(len) = memchr::memchr(b'"', &html[from..]) else {
            break;
        };
        if let Ok(v) = std::str::from_utf8(&html[from..from + len]) {
            f(v);
        }
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
    theme: Vec<(String, String, String)>,
    /// (source, line, url, version, problem) of links editors wrote.
    editor: Vec<(PathBuf, usize, String, Option<String>, String)>,
}

/// The broken links of one scan.
/// `exists` tells whether the output has a file, `ids` the ids of a page.
pub fn broken<'i>(
    s: &LinkScan,
    exists: &(dyn Fn(&str) -> bool + Sync),
    ids: &(dyn Fn(&str) -> Option<Ids<'i>> + Sync),
) -> Broken {
    let written: FxHashMap<(&str, &str), &EditorLink> = s
        .editor
        .iter()
        .map(|l| ((l.page.as_str(), l.url.as_str()), l))
        .collect();
    let mut found = Broken::default();
    for link in &s.links {
        let problem = match &link.target {
            None => Some("it leads outside the site".to_string()),
            Some(target) => match find(exists, target) {
                Some(file) => link
                    .fragment
                    .as_ref()
                    .filter(|f| !f.is_empty())
                    .and_then(|f| {
                        let has = ids(&file).is_some_and(|ids| ids.contains(f));
                        (!has).then(|| format!("there is no anchor `#{f}` on the page it leads to"))
                    }),
                None => Some("there is no page at that address".to_string()),
            },
        };
        let Some(problem) = problem else { continue };
        for &p in &link.pages {
            let page = s.pages.get(p as usize);
            match written.get(&(page, link.url.as_str())) {
                Some(l) => found.editor.push((
                    l.source.clone(),
                    l.line,
                    link.url.clone(),
                    l.version.clone(),
                    problem.clone(),
                )),
                None => found
                    .theme
                    .push((link.url.clone(), problem.clone(), page.to_string())),
            }
        }
    }
    found
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
    let mut theme: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    type Versions = Vec<(Option<String>, String)>;
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
    // A broken link from the templates is usually on every page: say it once.
    for ((url, problem), mut pages) in theme {
        pages.sort();
        let example = &pages[0];
        let more = match pages.len() {
            1 => String::new(),
            n => format!(" and {} other page{}", n - 1, if n == 2 { "" } else { "s" }),
        };
        diags.push(
            Diagnostic::warning(
                format!("(output) {example}"),
                None,
                format!("broken link `{url}`{more}: {problem}"),
            )
            .with_hint("this link comes from the theme's templates"),
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
            let message = match version {
                Some(v) => format!("broken link `{url}` ({v}): {problem}"),
                None => format!("broken link `{url}`: {problem}"),
            };
            diags.push(
                Diagnostic::warning(&source, Some(Pos::new(line, 1)), message)
                    .with_hint("links between pages are relative, e.g. ../other-section/ ; check the spelling of the slug"),
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
fn resolve(page: &str, url: &str, base_path: &str) -> Option<(String, Option<String>)> {
    let (rest, fragment) = match url.split_once('#') {
        Some((r, f)) => (r, Some(f.to_string())),
        None => (url, None),
    };
    let rest = rest.split('?').next().unwrap_or("");
    if rest.is_empty() {
        return Some((page.to_string(), fragment));
    }
    let mut parts: Vec<&str> = if let Some(abs) = rest.strip_prefix('/') {
        let under = format!("/{abs}");
        under.strip_prefix(base_path)?;
        Vec::new()
    } else {
        page.split('/').collect::<Vec<_>>()[..page.matches('/').count()].to_vec()
    };
    let tail = match rest.strip_prefix('/') {
        Some(abs) => format!("/{abs}")
            .strip_prefix(base_path)
            .map(str::to_string)?,
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
    Some((super::percent_decode(&target), fragment))
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
}
