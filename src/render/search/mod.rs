//! Site search without a server: one small JSON index per language, searched
//! in the browser by `static/search.js`.
//!
//! The index is an array of entries, in a fixed order (for each report in site
//! order: the report, its groups, indicators, sections, datasets and projects
//! in content order; then the agencies in `agencies.yaml` order):
//!
//! ```json
//! {"t":"indicator","n":"Title in the language","r":"Report title","u":"reports/x/indicators/y/","k":"folded keywords"}
//! ```
//!
//! - `t`: the kind of page: `report`, `group`, `indicator`, `section`,
//!   `dataset`, `project`, `agency` or `compare` (a shared indicator code
//!   compared across areas, after the agencies);
//! - `n`: the title shown in the results;
//! - `r`: the title of the report the entry belongs to (absent for reports and agencies);
//! - `u`: the link, relative to the language root (absent when there is no page);
//! - `k`: the searchable words, [`fold`]ed, each word once: the title's words
//!   first, then synonyms (agency names, short names and aliases, ids with
//!   dashes as spaces, section headings and the start of the section text).
//!
//! A query matches an entry when every folded query word is the start of a
//! word of `k`; entries whose title holds every query word come first.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use std::hash::Hasher;
use std::sync::Arc;

use memchr::memmem;
use rustc_hash::{FxHashMap, FxHasher};

use crate::model::{AgencyRef, Report, Site};

/// Every shared indicator code's comparison, as [`crate::model::shared_codes`] gives them.
pub type SharedCodes<'s> = std::collections::BTreeMap<&'s str, crate::model::SharedCode<'s>>;

mod part;
pub mod shards;

pub use part::Part;

/// How many characters of a section's text (after its title and headings) go into the index.
const SECTION_TEXT_CHARS: usize = 200;

/// Fold text for searching: Vietnamese (and other) diacritics removed, `đ` as
/// `d`, lowercase, every run of other characters than `a-z` and `0-9` as one
/// space, trimmed. `fold("Chính quyền số") == "chinh quyen so"`.
///
/// `static/search.js` folds queries the same way.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Appends the [`fold`]ed words of `s` to `out`, after a space if `out` is
/// not empty.
///
/// The same as folding the transliteration of `deunicode::deunicode` (with `đ`
/// and `Đ` as `d` first), without building it: that transliteration is the
/// characters up to the first one from `U+007F` on as they are, then every
/// character's `deunicode_char` (`[?]` when it has none; a trailing space it
/// drops is a separator either way). After that first one, printable ASCII
/// is its own `deunicode_char` (see the tests), so it is taken as it is too.
fn fold_into(s: &str, out: &mut String) {
    fold_words(s, out, |_, _| {});
}

/// [`fold_into`], calling `word(out, start)` after each word it appends,
/// which starts at `start` in `out` (after its space).
#[inline(always)]
fn fold_words(s: &str, out: &mut String, mut word: impl FnMut(&mut String, usize)) {
    /// Appends a folded byte (0 for a separator).
    #[inline(always)]
    fn push<W: FnMut(&mut String, usize)>(
        folded: u8,
        out: &mut String,
        start: &mut Option<usize>,
        word: &mut W,
    ) {
        if folded != 0 {
            if start.is_none() {
                if !out.is_empty() {
                    out.push(' ');
                }
                *start = Some(out.len());
            }
            out.push(folded as char);
        } else if let Some(at) = start.take() {
            word(out, at);
        }
    }
    // Where the word being appended starts, if one is.
    let mut start = None;
    out.reserve(s.len() + 1);
    // Still in the part that deunicode copies as it is.
    let mut verbatim = true;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x7F && (verbatim || b >= 0x20) {
            push(ALNUM_LOWER[b as usize], out, &mut start, &mut word);
            i += 1;
            continue;
        }
        let c = s[i..].chars().next().expect("not at the end");
        i += c.len_utf8();
        if c == 'đ' || c == 'Đ' {
            // As `d`, which does not end the verbatim part.
            push(b'd', out, &mut start, &mut word);
            continue;
        }
        verbatim = false;
        match deunicode::deunicode_char(c) {
            Some(ascii) => {
                for b in ascii.bytes() {
                    push(ALNUM_LOWER[b as usize], out, &mut start, &mut word);
                }
            }
            None => push(0, out, &mut start, &mut word),
        }
    }
    push(0, out, &mut start, &mut word);
}

/// For each byte: itself in lowercase if it is an ASCII letter or digit, else 0.
const ALNUM_LOWER: [u8; 256] = {
    let mut t = [0; 256];
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphanumeric() {
            t[b] = (b as u8).to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// Where an agency's page is, relative to the language root.
pub fn agency_href(id: &str) -> String {
    super::paths::agency_dir(id)
}

/// Appends the concatenation of `parts` as a JSON string, exactly as `serde_json` writes it.
fn push_json_str(out: &mut String, parts: &[&str]) {
    let plain = parts
        .iter()
        .all(|p| !p.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\'));
    if plain {
        out.push('"');
        for p in parts {
            out.push_str(p);
        }
        out.push('"');
    } else {
        let s = parts.concat();
        out.push_str(&serde_json::to_string(&s).expect("a string"));
    }
}

/// The words of a text that are new: a hash table of words in a text
/// (their start and length), emptied in O(1) by a new generation.
struct Unique {
    slots: Vec<Slot>,
    generation: u32,
    count: usize,
}

#[derive(Clone, Copy, Default)]
struct Slot {
    /// The word's bytes (up to 8), or its hash.
    key: u64,
    start: u32,
    len: u32,
    /// The slot is empty unless this is the table's generation.
    generation: u32,
}

impl Unique {
    fn new() -> Unique {
        Unique {
            slots: vec![Slot::default(); 64],
            generation: 1,
            count: 0,
        }
    }

    fn clear(&mut self) {
        self.count = 0;
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.slots.fill(Slot::default());
            self.generation = 1;
        }
    }

    fn index(&self, key: u64) -> usize {
        let bits = self.slots.len().trailing_zeros();
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
    }

    /// The key of a word in the table.
    #[inline]
    fn key(w: &[u8]) -> u64 {
        if w.len() <= 8 {
            // Words have no zero bytes: the same length and key is the same word.
            let mut b = [0; 8];
            b[..w.len()].copy_from_slice(w);
            u64::from_le_bytes(b)
        } else {
            let mut h = FxHasher::default();
            h.write(w);
            h.finish()
        }
    }

    /// Whether the word `w` (whose key is `key`) is not in the table yet:
    /// then it is now, as the word at `start` in `text` (the words in the
    /// table are in `text`).
    #[inline]
    fn insert(&mut self, key: u64, w: &[u8], text: &str, start: usize) -> bool {
        if (self.count + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut i = self.index(key);
        loop {
            let s = self.slots[i];
            if s.generation != self.generation {
                self.slots[i] = Slot {
                    key,
                    start: start as u32,
                    len: w.len() as u32,
                    generation: self.generation,
                };
                self.count += 1;
                return true;
            }
            if s.key == key
                && s.len as usize == w.len()
                && (w.len() <= 8 || &text.as_bytes()[s.start as usize..][..w.len()] == w)
            {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); size]);
        let mask = self.slots.len() - 1;
        for s in old.into_iter().filter(|s| s.generation == self.generation) {
            let mut i = self.index(s.key);
            while self.slots[i].generation == self.generation {
                i = (i + 1) & mask;
            }
            self.slots[i] = s;
        }
    }

    /// Appends the folded words of `text` to `out` (separated by spaces) that
    /// are not in the table yet, and adds them to it.
    fn add(&mut self, text: &str, out: &mut String) {
        fold_words(text, out, |out, start| {
            let w = &out.as_bytes()[start..];
            if !self.insert(Unique::key(w), w, out, start) {
                out.truncate(start.saturating_sub(1));
            }
        });
    }

    /// Appends the words of `words` to `out` that are not in the table yet, as [`Unique::add`].
    fn add_folded(&mut self, words: &Folded, out: &mut String) {
        for &(key, start, len) in &words.words {
            let w = &words.text[start as usize..][..len as usize];
            let at = if out.is_empty() { 0 } else { out.len() + 1 };
            if self.insert(key, w.as_bytes(), out, at) {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(w);
            }
        }
    }
}

/// Folded text, each word once, with its words' keys and places.
#[derive(Default)]
struct Folded {
    text: String,
    words: Vec<(u64, u32, u32)>,
}

impl Folded {
    fn add(&mut self, text: &str, unique: &mut Unique) {
        let Folded { text: out, words } = self;
        fold_words(text, out, |out, start| {
            let w = &out.as_bytes()[start..];
            let key = Unique::key(w);
            if unique.insert(key, w, out, start) {
                words.push((key, start as u32, w.len() as u32));
            } else {
                out.truncate(start.saturating_sub(1));
            }
        });
    }
}

/// Writes entries of the index into a [`Part`]: each entry's document, in
/// this order (field names are short: they are repeated in every entry),
/// `{"t":kind,"n":title[,"r":report title][,"u":link]}`, and its keywords.
struct Entries<'s> {
    part: Part,
    /// The folded title of the entry being written.
    title: String,
    /// The keywords of the entry being written: each word once, in order.
    words: String,
    /// The words in `words`.
    unique: Unique,
    /// For [`Entries::agencies`].
    scratch: Unique,
    /// The folded names of the agencies referred to, each word once, by id
    /// (none for an unknown id).
    agency_words: FxHashMap<&'s str, Option<Folded>>,
}

impl<'s> Entries<'s> {
    fn new(capacity: usize) -> Entries<'s> {
        let mut part = Part::default();
        part.doc_mut().reserve(capacity);
        Entries {
            part,
            title: String::new(),
            words: String::with_capacity(1024),
            unique: Unique::new(),
            scratch: Unique::new(),
            agency_words: FxHashMap::default(),
        }
    }

    /// The entries written, in no more memory than they need: a report's
    /// are kept until the index is made (and by `serve` after).
    fn finish(mut self) -> Part {
        self.part.shrink_to_fit();
        self.part
    }

    /// Adds the words of `text` to the entry being written.
    fn add(&mut self, text: &str) -> &mut Self {
        self.unique.add(text, &mut self.words);
        self
    }

    /// Adds an id like `records-online-province` as words (folding makes
    /// dashes and underscores spaces).
    fn id(&mut self, id: &str) -> &mut Self {
        self.add(id)
    }

    /// Writes the entry with the words added since the last one.
    /// `r` is already JSON; `u` is the parts of the link.
    fn entry(&mut self, t: &str, n: &str, r: Option<&str>, u: &[&str]) {
        let json = self.part.doc_mut();
        json.push_str("{\"t\":\"");
        json.push_str(t);
        json.push_str("\",\"n\":");
        push_json_str(json, &[n]);
        if let Some(r) = r {
            json.push_str(",\"r\":");
            json.push_str(r);
        }
        if !u.is_empty() {
            json.push_str(",\"u\":");
            push_json_str(json, u);
        }
        json.push('}');
        self.title.clear();
        fold_into(n, &mut self.title);
        self.part.end_entry(&self.words, &self.title);
        self.words.clear();
        self.unique.clear();
    }

    /// Adds the names an agency goes by: as written, and when known its name
    /// in `lang` and the default language, its short name and aliases.
    fn agencies(
        &mut self,
        site: &'s Site,
        lang: &str,
        refs: impl Iterator<Item = &'s AgencyRef>,
    ) -> &mut Self {
        let Entries {
            words,
            unique,
            scratch,
            agency_words,
            ..
        } = self;
        for a in refs {
            unique.add(&a.written, words);
            let Some(id) = &a.id else { continue };
            let folded = agency_words.entry(id).or_insert_with(|| {
                let x = site.agencies.iter().find(|x| &x.id == id)?;
                let mut f = Folded::default();
                scratch.clear();
                f.add(x.name.in_lang(lang), scratch);
                f.add(&x.name.default, scratch);
                if let Some(s) = &x.short {
                    f.add(s, scratch);
                }
                for alias in &x.aliases {
                    f.add(alias, scratch);
                }
                Some(f)
            });
            if let Some(folded) = folded {
                unique.add_folded(folded, words);
            }
        }
        self
    }
}

/// The JSON search index of `lang`: the same site and language always give the same bytes.
pub fn index_json(site: &Site, lang: &str) -> String {
    let fragments: Vec<String> = site
        .reports
        .iter()
        .map(|r| report_fragment(site, r, lang))
        .collect();
    assemble(site, lang, fragments.iter().map(String::as_str))
}

/// The entries of one report, as the part of the index's JSON array they
/// make (entries joined by commas, no brackets): [`report_part`] as JSON.
pub fn report_fragment(site: &Site, report: &Report, lang: &str) -> String {
    report_part(site, report, lang).to_json()
}

/// The entries of one report in `lang`. Made with the report, so that a
/// rebuild redoes only the reports that changed.
pub fn report_part(site: &Site, report: &Report, lang: &str) -> Part {
    report_entries(site, report, lang, site.config.default_language())
}

/// The index of `lang` as one JSON array, from the reports' fragments, in
/// site order, and the agencies.
pub fn assemble<'f>(
    site: &Site,
    lang: &str,
    reports: impl Iterator<Item = &'f str> + Clone,
) -> String {
    let agencies = agency_entries(site, lang).to_json();
    let compare = compare_entries(&crate::model::shared_codes(site), lang).to_json();
    // Sized once: the index of a national portal is over 10 MiB.
    let len =
        reports.clone().map(|p| p.len() + 1).sum::<usize>() + agencies.len() + compare.len() + 3;
    let mut out = String::with_capacity(len);
    out.push('[');
    let mut push = |part: &str| {
        if !part.is_empty() {
            if out.len() > 1 {
                out.push(',');
            }
            out.push_str(part);
        }
    };
    for part in reports {
        push(part);
    }
    push(&agencies);
    push(&compare);
    out.push(']');
    out
}

/// The files of the search index of `lang` (see [`shards`]), as (output
/// path, bytes), the manifest at [`index_path`] first; from the reports'
/// fragments as [`assemble`] takes them.
pub fn index_files<'f>(
    site: &Site,
    lang: &str,
    reports: impl Iterator<Item = &'f str> + Clone,
) -> Vec<(String, String)> {
    let parts = reports.map(|f| Arc::new(Part::from_json(&format!("[{f}]"))));
    let codes = crate::model::shared_codes(site);
    let mut made = index(site, &codes, lang, parts, None);
    // The manifest first.
    let manifest = index_path(site, lang);
    made.written.sort_by(|a, b| {
        (a.0 != manifest)
            .cmp(&(b.0 != manifest))
            .then_with(|| a.0.cmp(&b.0))
    });
    made.written
}

/// The search index of one language as a build made it: what the next
/// rebuild makes its own from.
pub struct LangIndex {
    lang: String,
    /// Where its files go: the language's root.
    root: String,
    index: shards::Index,
}

/// The search index of one language, made or brought up to date.
pub struct Made {
    pub index: LangIndex,
    /// The files that are new or changed since `last` (every file without
    /// it), as (output path, bytes).
    pub written: Vec<(String, String)>,
    /// Every file of the index, written or not.
    pub paths: Vec<String>,
}

/// The search index of `lang` from the reports' entries (in site order),
/// the agencies' and the compared codes' (`codes`: the site's); made from
/// `last`'s where entries are the same (the files are those a build without
/// `last` makes).
pub fn index(
    site: &Site,
    codes: &SharedCodes,
    lang: &str,
    reports: impl Iterator<Item = Arc<Part>>,
    last: Option<&[LangIndex]>,
) -> Made {
    let mut parts: Vec<Arc<Part>> = reports.collect();
    parts.push(Arc::new(agency_entries(site, lang)));
    parts.push(Arc::new(compare_entries(codes, lang)));
    let manifest = index_path(site, lang);
    let root = manifest
        .strip_suffix("search-index.json")
        .unwrap_or("")
        .to_string();
    let last = last
        .into_iter()
        .flatten()
        .find(|l| l.lang == lang && l.root == root);
    let (index, written) = match last {
        Some(l) => l.index.update(parts),
        None => shards::Index::new(parts, shards::Budget::default()),
    };
    let written = written
        .into_iter()
        .map(|(path, bytes)| (format!("{root}{path}"), bytes))
        .collect();
    let paths = index.paths().map(|p| format!("{root}{p}")).collect();
    Made {
        index: LangIndex {
            lang: lang.to_string(),
            root,
            index,
        },
        written,
        paths,
    }
}

/// Where the index of `lang` goes in the output.
pub fn index_path(site: &Site, lang: &str) -> String {
    if lang == site.config.default_language() {
        "search-index.json".to_string()
    } else {
        format!("{lang}/search-index.json")
    }
}

/// A report for the search page's list of reports (shown without JavaScript).
#[derive(Debug, Clone, Serialize)]
pub struct ReportLink {
    /// Relative to the language root: `reports/<slug>/`.
    pub href: String,
    pub title: String,
}

/// The reports of the site, for the `reports` variable of `search.html`.
pub fn report_links(reports: &[Arc<Report>], lang: &str) -> Vec<ReportLink> {
    reports
        .iter()
        .map(|r| ReportLink {
            href: super::paths::report_dir(&r.slug),
            title: r.title.in_lang(lang).to_string(),
        })
        .collect()
}

fn agency_entries(site: &Site, lang: &str) -> Part {
    let mut e = Entries::new(site.agencies.len() * 256);
    for a in &site.agencies {
        let name = a.name.in_lang(lang);
        e.add(name);
        if let Some(s) = &a.short {
            e.add(s);
        }
        for alias in &a.aliases {
            e.add(alias);
        }
        for other in a.name.translations.values() {
            e.add(other);
        }
        e.add(&a.name.default).id(&a.id);
        e.entry("agency", name, None, &[&super::paths::agency_dir(&a.id)]);
    }
    e.finish()
}

/// One entry (`t: "compare"`) per shared indicator code: its comparison page,
/// found by the indicator's name in any language and by the code.
fn compare_entries(codes: &SharedCodes, lang: &str) -> Part {
    let mut e = Entries::new(codes.len() * 256);
    for (code, shared) in codes {
        let ind = shared.latest();
        let name = ind.name.in_lang(lang);
        e.add(name);
        for other in ind.name.translations.values() {
            e.add(other);
        }
        e.id(code);
        e.entry("compare", name, None, &[&super::paths::compare_dir(code)]);
    }
    e.finish()
}

fn report_entries(site: &Site, report: &Report, lang: &str, default: &str) -> Part {
    let rtitle = report.title.in_lang(lang);
    let mut r = String::with_capacity(rtitle.len() + 2);
    push_json_str(&mut r, &[rtitle]);
    let r = Some(r.as_str());
    let rdir: &str = &super::paths::report_dir(&report.slug);
    let entries = 1
        + report.groups.len()
        + report.indicators.len()
        + report.sections.len()
        + report.datasets.len()
        + report.projects.len();
    let mut e = Entries::new(entries * 400);

    e.add(rtitle).add(&report.document.number).id(&report.slug);
    if let Some(i) = &report.document.issuer {
        e.add(i.in_lang(lang));
    }
    e.entry("report", rtitle, None, &[rdir]);

    for g in &report.groups {
        let name = g.name.in_lang(lang);
        e.add(name).id(&g.id);
        if let Some(d) = &g.description {
            e.add(d.in_lang(lang));
        }
        e.entry("group", name, r, &[rdir, "groups/", &g.id, "/"]);
    }

    for ind in &report.indicators {
        let name = ind.name.in_lang(lang);
        e.add(name)
            .id(&ind.id)
            .agencies(site, lang, ind.lead.iter().chain(&ind.partners));
        e.entry("indicator", name, r, &[rdir, "indicators/", &ind.id, "/"]);
    }

    for s in &report.sections {
        let text = s
            .texts
            .get(lang)
            .or_else(|| s.texts.get(default))
            .or_else(|| s.texts.values().next());
        let Some(text) = text else { continue };
        let (headings, body) = plain_text(&text.markdown.text());
        e.add(&text.title);
        for h in &headings {
            e.add(h);
        }
        if let Some(src) = &s.source {
            e.add(src);
        }
        e.add(&start_of(&body, SECTION_TEXT_CHARS));
        e.entry("section", &text.title, r, &[rdir, &s.slug, "/"]);
    }

    for d in &report.datasets {
        let title = d.title.in_lang(lang);
        e.add(title).id(&d.id);
        if let Some(desc) = &d.description {
            e.add(desc.in_lang(lang));
        }
        for c in &d.columns {
            e.add(c.name.in_lang(lang));
        }
        e.entry("dataset", title, r, &[rdir, "datasets/", &d.id, "/"]);
    }

    for p in &report.projects {
        let name = p.name.in_lang(lang);
        e.add(name)
            .agencies(site, lang, p.lead.iter().chain(&p.partners));
        e.entry("project", name, r, &[rdir, "projects/"]);
    }
    e.finish()
}

/// The headings and the rest of the text of a section's Markdown, without
/// markup and without `{{ shortcode(...) }}` calls.
fn plain_text(markdown: &str) -> (Vec<String>, String) {
    if super::markdown::too_deep(markdown) {
        // Refused by the renderer; not worth the parser's time here.
        return (Vec::new(), String::new());
    }
    let text = strip_shortcodes(markdown);
    let mut headings = Vec::new();
    let mut body = String::new();
    let mut heading: Option<String> = None;
    for ev in Parser::new_ext(&text, Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES) {
        match ev {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = heading.take() {
                    headings.push(h);
                }
            }
            Event::Text(t) | Event::Code(t) => match &mut heading {
                Some(h) => h.push_str(&t),
                None => body.push_str(&t),
            },
            Event::SoftBreak | Event::HardBreak | Event::End(_) if heading.is_none() => {
                body.push(' ');
            }
            _ => {}
        }
    }
    (headings, body)
}

/// `markdown` with every `{{ ... }}` replaced by a space.
fn strip_shortcodes(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown;
    let (open, close) = (memmem::Finder::new("{{"), memmem::Finder::new("}}"));
    while let Some(i) = open.find(rest.as_bytes()) {
        out.push_str(&rest[..i]);
        match close.find(&rest.as_bytes()[i..]) {
            Some(j) => {
                out.push(' ');
                rest = &rest[i + j + 2..];
            }
            None => {
                rest = &rest[i..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// About the first `n` characters of `s`, cut between words.
fn start_of(s: &str, n: usize) -> String {
    // The words joined by one space, as far as needed to know whether there are more than `n` characters.
    let mut out = String::new();
    let mut chars = 0;
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
            chars += 1;
        }
        out.push_str(w);
        chars += w.chars().count();
        if chars > n {
            break;
        }
    }
    if chars <= n {
        return out;
    }
    if let Some((i, _)) = out.char_indices().nth(n) {
        out.truncate(i);
    }
    if let Some(i) = out.rfind(' ') {
        out.truncate(i);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese() {
        assert_eq!(fold("Chính quyền số"), "chinh quyen so");
        assert_eq!(fold("đường Đồng"), "duong dong");
        assert_eq!(fold("ĐIỆN TỬ"), "dien tu");
        assert_eq!(fold("Ưu tiên ở Hải Dương"), "uu tien o hai duong");
        assert_eq!(fold("ơn, ư"), "on u");
        // All five tones and the plain vowel.
        assert_eq!(fold("a à á ả ã ạ"), "a a a a a a");
        assert_eq!(fold("Ỹ ỳ Ữ ặ Ấ"), "y y u a a");
    }

    /// [`fold`] as it was written first: through `deunicode`'s string.
    fn fold_by_deunicode(s: &str) -> String {
        let mapped: String = s
            .chars()
            .map(|c| match c {
                'đ' | 'Đ' => 'd',
                c => c,
            })
            .collect();
        let ascii = deunicode::deunicode(&mapped);
        let mut out = String::new();
        let mut space = false;
        for c in ascii.chars() {
            let c = c.to_ascii_lowercase();
            if c.is_ascii_alphanumeric() {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            } else {
                space = true;
            }
        }
        out
    }

    #[test]
    fn folds_as_deunicode_does() {
        // What `fold_into` takes as it is after deunicode's verbatim part.
        for b in 0x20..0x7F_u8 {
            let c = char::from(b);
            assert_eq!(deunicode::deunicode_char(c), Some(&*c.to_string()));
        }
        let mut unique = Unique::new();
        for u in (0..=0xFFFF).chain(0x1F300..0x1F700) {
            let Some(c) = char::from_u32(u) else { continue };
            for s in [
                format!("{c}"),
                format!("a{c}b"),
                format!("{c}\u{1}x\tY"),
                format!("é{c}\u{1}Ab-{c}"),
                format!("đ\u{1}x{c}{c}y đ"),
                format!("X{c} {c}\u{7f}{c}"),
            ] {
                assert_eq!(fold(&s), fold_by_deunicode(&s), "{s:?}");
                // Made unique as they are folded: the same words.
                let mut words = String::new();
                unique.clear();
                unique.add(&s, &mut words);
                let mut expected = Vec::new();
                let folded = fold_by_deunicode(&s);
                for w in folded.split(' ').filter(|w| !w.is_empty()) {
                    if !expected.contains(&w) {
                        expected.push(w);
                    }
                }
                assert_eq!(words, expected.join(" "), "{s:?}");
            }
        }
    }

    #[test]
    fn unique_words_survive_growing() {
        let text: String = (0..500)
            .map(|i| format!("w{} longer-word-{} ", i % 300, i % 7))
            .collect();
        let mut e = Entries::new(0);
        e.add(&text).add("w1 w299 longer word 3 new");
        e.entry("x", "X", None, &[]);
        let json = e.part.to_json();
        let k = &json[json.find("\"k\":\"").unwrap() + 5..json.len() - 2];
        let words: Vec<&str> = k.split(' ').collect();
        let mut reference = Vec::new();
        let folded = fold_by_deunicode(&format!("{text} w1 w299 longer word 3 new"));
        for w in folded.split(' ') {
            if !reference.contains(&w) {
                reference.push(w);
            }
        }
        assert_eq!(words, reference);
        assert_eq!(words.len(), 300 + 2 + 7 + 1);
    }

    #[test]
    fn entries_escape_as_serde_json() {
        #[derive(Serialize)]
        struct Entry<'a> {
            t: &'a str,
            n: &'a str,
            r: &'a str,
            u: &'a str,
            k: &'a str,
        }
        let n = "quote \" back \\ tab \t bell \u{7} del \u{7f} ư / é";
        let mut r = String::new();
        push_json_str(&mut r, &["r\u{1b}"]);
        let mut e = Entries::new(0);
        e.add("a");
        e.entry("x", n, Some(&r), &["u/", "\n"]);
        let expected = Entry {
            t: "x",
            n,
            r: "r\u{1b}",
            u: "u/\n",
            k: "a",
        };
        assert_eq!(e.part.to_json(), serde_json::to_string(&expected).unwrap());
    }

    #[test]
    fn folds_punctuation_and_space() {
        assert_eq!(
            fold("  1914/KH-UBND, 05/06/2023  "),
            "1914 kh ubnd 05 06 2023"
        );
        assert_eq!(fold("«Sở TT&TT» — (mục I.7)…"), "so tt tt muc i 7");
        assert_eq!(fold("records-online-province"), "records online province");
        assert_eq!(fold("!!!"), "");
        assert_eq!(fold(""), "");
        assert_eq!(fold("tab\there\nnew line"), "tab here new line");
    }

    #[test]
    fn folding_is_idempotent() {
        for s in ["Chính quyền số", "Sở KH&ĐT", "78,65%"] {
            assert_eq!(fold(&fold(s)), fold(s));
        }
    }

    #[test]
    fn keywords_are_unique_and_in_order() {
        let mut e = Entries::new(0);
        e.add("Sở Thông tin và Truyền thông")
            .add("Sở TTTT")
            .id("so-tttt");
        e.entry("x", "X", None, &[]);
        assert_eq!(
            e.part.to_json(),
            r#"{"t":"x","n":"X","k":"so thong tin va truyen tttt"}"#
        );
    }

    #[test]
    fn plain_text_drops_markup_and_shortcodes() {
        let md = "## Kết quả *chính*\n\nTỷ lệ {{ value(indicator=\"x\") }} đạt [điện tử](https://x.org).\n\n- một\n- hai\n";
        let (h, body) = plain_text(md);
        assert_eq!(h, vec!["Kết quả chính".to_string()]);
        let body = fold(&body);
        assert_eq!(body, "ty le dat dien tu mot hai");
        assert!(!body.contains("indicator"));
        assert_eq!(strip_shortcodes("a {{ b"), "a {{ b");
    }

    #[test]
    fn start_of_cuts_between_words() {
        assert_eq!(start_of("một hai ba", 100), "một hai ba");
        assert_eq!(start_of("một hai ba", 8), "một hai");
        assert_eq!(start_of("  a\n b  ", 10), "a b");
    }

    /// The example site (also for the tests of [`super::shards`]).
    pub(super) fn example() -> Site {
        let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/content"));
        let (site, diags) = crate::load::load_site(dir);
        assert!(!diags.has_errors(), "{diags:?}");
        site.expect("the example loads")
    }

    #[test]
    fn index_is_deterministic() {
        let site = example();
        for lang in ["vi", "en"] {
            let a = index_json(&site, lang);
            let b = index_json(&example(), lang);
            assert_eq!(a, b, "{lang}");
            let again = index_json(&site.clone(), lang);
            assert_eq!(a, again);
        }
        assert_ne!(index_json(&site, "vi"), index_json(&site, "en"));
    }

    #[test]
    fn index_paths_follow_languages() {
        let site = example();
        assert_eq!(index_path(&site, "vi"), "search-index.json");
        assert_eq!(index_path(&site, "en"), "en/search-index.json");
    }

    #[test]
    fn the_index_joins_every_report_and_agency() {
        let site = example();
        let json: Vec<serde_json::Value> =
            serde_json::from_str(&index_json(&site, "vi")).expect("a JSON array");
        let r = &site.reports[0];
        let expected = 1
            + r.groups.len()
            + r.indicators.len()
            + r.sections.len()
            + r.datasets.len()
            + r.projects.len()
            + site.agencies.len();
        assert_eq!(json.len(), expected);
        // Reports with no entries leave no stray commas.
        assert_eq!(
            assemble(&site, "vi", ["", ""].into_iter())
                .matches(",,")
                .count(),
            0
        );
        assert!(assemble(&site, "vi", std::iter::empty()).starts_with("[{"));
    }
}
