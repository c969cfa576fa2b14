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
//!   `dataset`, `project` or `agency`;
//! - `n`: the title shown in the results;
//! - `r`: the title of the report the entry belongs to (absent for reports and agencies);
//! - `u`: the link, relative to the language root (absent when there is no page);
//! - `k`: the searchable words, [`fold`]ed, each word once: the title's words
//!   first, then synonyms (agency names, short names and aliases, ids with
//!   dashes as spaces, section headings and the start of the section text).
//!
//! A query matches an entry when every folded query word is the start of a
//! word of `k`; entries whose title holds every query word come first.

use std::collections::HashSet;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::model::{AgencyRef, Report, Site};

/// How many characters of a section's text (after its title and headings) go into the index.
const SECTION_TEXT_CHARS: usize = 200;

/// Fold text for searching: Vietnamese (and other) diacritics removed, `đ` as
/// `d`, lowercase, every run of other characters than `a-z` and `0-9` as one
/// space, trimmed. `fold("Chính quyền số") == "chinh quyen so"`.
///
/// `static/search.js` folds queries the same way.
pub fn fold(s: &str) -> String {
    let mapped: String = s
        .chars()
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c,
        })
        .collect();
    let ascii = deunicode::deunicode(&mapped);
    let mut out = String::with_capacity(ascii.len());
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

/// Where an agency's page is, relative to the language root.
pub fn agency_href(id: &str) -> String {
    format!("agencies/{id}/")
}

/// One entry of the index. Field names are short: they are repeated in every entry.
#[derive(Debug, Serialize)]
struct Entry {
    t: &'static str,
    n: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    r: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    u: Option<String>,
    k: String,
}

/// Collects the searchable words of one entry, each word once, in order.
struct Keywords {
    seen: HashSet<String>,
    words: Vec<String>,
}

impl Keywords {
    fn new() -> Keywords {
        Keywords {
            seen: HashSet::new(),
            words: Vec::new(),
        }
    }

    fn add(&mut self, text: &str) -> &mut Self {
        for w in fold(text).split(' ').filter(|w| !w.is_empty()) {
            if self.seen.insert(w.to_string()) {
                self.words.push(w.to_string());
            }
        }
        self
    }

    /// An id like `records-online-province` as words.
    fn id(&mut self, id: &str) -> &mut Self {
        self.add(&id.replace(['-', '_'], " "))
    }

    fn done(&mut self) -> String {
        self.words.join(" ")
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
/// make (entries joined by commas, no brackets). Rendered with the report,
/// so that a rebuild redoes only the reports that changed.
pub fn report_fragment(site: &Site, report: &Report, lang: &str) -> String {
    let mut entries = Vec::new();
    report_entries(
        site,
        report,
        lang,
        site.config.default_language(),
        &mut entries,
    );
    join_entries(&entries)
}

fn join_entries(entries: &[Entry]) -> String {
    let json = serde_json::to_string(entries).expect("the index is plain strings");
    json[1..json.len() - 1].to_string()
}

/// The index of `lang` from the reports' fragments, in site order, and the agencies.
pub fn assemble<'f>(site: &Site, lang: &str, reports: impl Iterator<Item = &'f str>) -> String {
    let agencies = join_entries(&agency_entries(site, lang));
    let mut out = String::from("[");
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
    out.push(']');
    out
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
pub fn report_links(site: &Site, lang: &str) -> Vec<ReportLink> {
    site.reports
        .iter()
        .map(|r| ReportLink {
            href: format!("reports/{}/", r.slug),
            title: r.title.in_lang(lang).to_string(),
        })
        .collect()
}

fn agency_entries(site: &Site, lang: &str) -> Vec<Entry> {
    let mut out = Vec::new();
    for a in &site.agencies {
        let name = a.name.in_lang(lang);
        let mut k = Keywords::new();
        k.add(name);
        if let Some(s) = &a.short {
            k.add(s);
        }
        for alias in &a.aliases {
            k.add(alias);
        }
        for other in a.name.translations.values() {
            k.add(other);
        }
        k.add(&a.name.default).id(&a.id);
        out.push(Entry {
            t: "agency",
            n: name.to_string(),
            r: None,
            u: Some(agency_href(&a.id)),
            k: k.done(),
        });
    }
    out
}

fn report_entries(site: &Site, report: &Report, lang: &str, default: &str, out: &mut Vec<Entry>) {
    let rtitle = report.title.in_lang(lang).to_string();
    let rdir = format!("reports/{}/", report.slug);
    let entry = |t: &'static str, n: String, u: String, k: String| Entry {
        t,
        n,
        r: Some(rtitle.clone()),
        u: Some(u),
        k,
    };

    let mut k = Keywords::new();
    k.add(&rtitle).add(&report.document.number).id(&report.slug);
    if let Some(i) = &report.document.issuer {
        k.add(i.in_lang(lang));
    }
    out.push(Entry {
        t: "report",
        n: rtitle.clone(),
        r: None,
        u: Some(rdir.clone()),
        k: k.done(),
    });

    for g in &report.groups {
        let name = g.name.in_lang(lang);
        let mut k = Keywords::new();
        k.add(name).id(&g.id);
        if let Some(d) = &g.description {
            k.add(d.in_lang(lang));
        }
        out.push(entry(
            "group",
            name.to_string(),
            format!("{rdir}groups/{}/", g.id),
            k.done(),
        ));
    }

    for ind in &report.indicators {
        let name = ind.name.in_lang(lang);
        let mut k = Keywords::new();
        k.add(name).id(&ind.id);
        agencies(site, lang, ind.lead.iter().chain(&ind.partners), &mut k);
        out.push(entry(
            "indicator",
            name.to_string(),
            format!("{rdir}indicators/{}/", ind.id),
            k.done(),
        ));
    }

    for s in &report.sections {
        let text = s
            .texts
            .get(lang)
            .or_else(|| s.texts.get(default))
            .or_else(|| s.texts.values().next());
        let Some(text) = text else { continue };
        let (headings, body) = plain_text(&text.markdown);
        let mut k = Keywords::new();
        k.add(&text.title);
        for h in &headings {
            k.add(h);
        }
        if let Some(src) = &s.source {
            k.add(src);
        }
        k.add(&start_of(&body, SECTION_TEXT_CHARS));
        out.push(entry(
            "section",
            text.title.clone(),
            format!("{rdir}{}/", s.slug),
            k.done(),
        ));
    }

    for d in &report.datasets {
        let title = d.title.in_lang(lang);
        let mut k = Keywords::new();
        k.add(title).id(&d.id);
        if let Some(desc) = &d.description {
            k.add(desc.in_lang(lang));
        }
        for c in &d.columns {
            k.add(c.name.in_lang(lang));
        }
        out.push(entry(
            "dataset",
            title.to_string(),
            format!("{rdir}datasets/{}/", d.id),
            k.done(),
        ));
    }

    for p in &report.projects {
        let name = p.name.in_lang(lang);
        let mut k = Keywords::new();
        k.add(name);
        agencies(site, lang, p.lead.iter().chain(&p.partners), &mut k);
        out.push(entry(
            "project",
            name.to_string(),
            format!("{rdir}projects/"),
            k.done(),
        ));
    }
}

/// The names an agency goes by: as written, and when known its name in `lang`
/// and the default language, its short name and aliases.
fn agencies<'a>(
    site: &Site,
    lang: &str,
    refs: impl Iterator<Item = &'a AgencyRef>,
    k: &mut Keywords,
) {
    for a in refs {
        k.add(&a.written);
        let known =
            a.id.as_ref()
                .and_then(|id| site.agencies.iter().find(|x| &x.id == id));
        if let Some(x) = known {
            k.add(x.name.in_lang(lang)).add(&x.name.default);
            if let Some(s) = &x.short {
                k.add(s);
            }
            for alias in &x.aliases {
                k.add(alias);
            }
        }
    }
}

/// The headings and the rest of the text of a section's Markdown, without
/// markup and without `{{ shortcode(...) }}` calls.
fn plain_text(markdown: &str) -> (Vec<String>, String) {
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
    while let Some(i) = rest.find("{{") {
        out.push_str(&rest[..i]);
        match rest[i..].find("}}") {
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
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= n {
        return s;
    }
    let cut: String = s.chars().take(n).collect();
    match cut.rfind(' ') {
        Some(i) => cut[..i].to_string(),
        None => cut,
    }
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
        let mut k = Keywords::new();
        k.add("Sở Thông tin và Truyền thông")
            .add("Sở TTTT")
            .id("so-tttt");
        assert_eq!(k.done(), "so thong tin va truyen tttt");
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

    fn example() -> Site {
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
