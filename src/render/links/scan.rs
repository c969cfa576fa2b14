//! Scanning a part of the site as it is rendered: its pages, ids and
//! links, kept as compact tables once the bytes are gone.

use super::*;

/// The attributes the link check reads.
#[derive(Clone, Copy)]
pub(super) enum Attr {
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
pub(super) fn each_attribute<'h>(html: &'h [u8], mut f: impl FnMut(Attr, &'h str)) {
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
pub(super) struct Url {
    pub(super) depends: Depends,
    /// The page it was last met on, which does not count it twice.
    pub(super) page: u32,
    /// The link it makes when it resolves the same on every page (context
    /// 0), once known.
    pub(super) link: u32,
}

/// The contexts of one page a url may resolve from (see [`Depends`]), as
/// ids given by `Contexts`, computed when first needed.
pub(super) struct Contexts<'o> {
    pub(super) ids: FxHashMap<&'o str, u32>,
    /// The `/` of the current page, and its contexts so far: keeping its
    /// first `i` folders at `i`, the page itself last.
    pub(super) slashes: Vec<usize>,
    pub(super) page: Vec<u32>,
}

pub(super) const NONE: u32 = u32::MAX;
pub(super) const UNKNOWN: u32 = u32::MAX - 1;

impl<'o> Contexts<'o> {
    pub(super) fn start(&mut self, page: &str) {
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
    pub(super) fn of(&mut self, depends: Depends, page: &'o str) -> u32 {
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
pub(super) type Met = FxHashMap<(u32, u32), u32>;

/// Scan the pages of `out` (one part of the site) for ids and internal links.
pub fn scan<'o>(out: &'o Output, base_path: &str) -> LinkScan {
    let mut s = LinkScan {
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
    s.editor = possibly_broken(&s, &out.links);
    s.pages.shrink_to_fit();
    s.ids.shrink_to_fit();
    s.page_ids.shrink_to_fit();
    s
}

/// The links editors wrote that the check may find broken: those met as
/// a kept link on their page (see [`broken`](super::broken)). The others
/// lead outside the site or to a file of this same part; most links of a
/// text-heavy site do, and each kept one costs about 300 bytes until the end.
fn possibly_broken(s: &LinkScan, written: &[EditorLink]) -> Vec<EditorLink> {
    if written.is_empty() {
        return Vec::new();
    }
    let mut kept: FxHashSet<(&str, Cow<str>)> = FxHashSet::default();
    let (mut from, mut urls) = (0, s.urls.cursor());
    for &end in &s.links {
        let url: Cow<str> = Cow::Owned(broken::decoded(urls.next_str()).into_owned());
        for &p in &s.on[from..end as usize] {
            kept.insert((s.pages.get(p as usize), url.clone()));
        }
        from = end as usize;
    }
    written
        .iter()
        .filter(|l| kept.contains(&(l.page.as_str(), broken::decoded(&l.url))))
        .cloned()
        .collect()
}

/// The urls of a part and the links they make. Most urls are the theme's,
/// the same on every page: each distinct url is resolved once for all the
/// pages it resolves the same on.
pub(super) struct Urls<'o, 'b> {
    /// The part's files.
    pub(super) files: FxHashSet<&'o str>,
    pub(super) base_path: &'b str,
    /// Each distinct url by its raw value, and what is known of it.
    pub(super) ids: FxHashMap<&'o str, u32>,
    pub(super) info: Vec<Url>,
    pub(super) contexts: Contexts<'o>,
    pub(super) met: Met,
    pub(super) links: LinksBuilder,
}

impl<'o> Urls<'o, '_> {
    /// Note url `raw` on `page` (the `at`th scanned).
    pub(super) fn met(&mut self, raw: &'o str, page: &'o str, at: u32, pages: &Strs) {
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
pub(super) struct LinksBuilder {
    /// A link by the hash of its target and url...
    pub(super) by_hash: FxHashMap<u64, u32>,
    /// ...or, when another link has that hash, by its target and url.
    pub(super) collided: FxHashMap<(Option<String>, String), u32>,
    pub(super) urls: Strs,
    /// The page each link was first met on, and whether it leads inside the site.
    pub(super) first: Vec<u32>,
    pub(super) inside: Vec<bool>,
    /// (link, page) as met.
    pub(super) pairs: Vec<(u32, u32)>,
    /// The target being resolved, another one, and `{target}/index.html`.
    pub(super) target: String,
    pub(super) other: String,
    pub(super) folder: String,
}

impl LinksBuilder {
    /// The link `raw` on the `at`th page of `pages` makes, added if new;
    /// `NONE` when there is nothing to check: it leads to a file of this
    /// same part, without an anchor (keeping only the others keeps scans
    /// small).
    pub(super) fn add(
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
    pub(super) fn finish(self, s: &mut LinkScan) {
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
        s.urls = Prefixed::new(&self.urls);
    }
}
