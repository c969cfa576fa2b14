//! Markdown → HTML for narrative sections. Content is not trusted: raw HTML is
//! escaped (a few attribute-less tags excepted), link and image URLs are limited
//! to safe schemes, headings get ids, footnote ids are prefixed so that several
//! sections can share a page, and `{{ name(arg="...") }}` shortcodes are
//! expanded by the caller.

mod nesting;

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::diagnostics::Msg;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::is_safe_url;
use crate::helpers::shortcode;
pub use nesting::MAX_NESTING;

/// Whether `markdown` nests block quotes and lists past [`MAX_NESTING`]
/// (then [`render`] refuses it, and nothing else should parse it).
pub fn too_deep(markdown: &str) -> bool {
    nesting::too_deep(markdown).is_some()
}

/// Ids the theme's pages use for their own parts; a heading gets another
/// (`## Main` → `main-2`), else links to the part would land on the heading.
pub const THEME_IDS: &[&str] = &[
    "main",
    "page-toc-h",
    "toc-h",
    "summary-h",
    "changes-h",
    "groups-h",
    "more-h",
    "history",
    "indicators",
    "projects",
    "sections",
    "search-form",
    "search-q",
    "search-results",
    "search-status",
    "search-more",
];

/// Raw HTML tags that carry no attributes and no behaviour; anything else is shown as text.
const ALLOWED_TAGS: &[&str] = &[
    "<br>", "<br/>", "<br />", "<sup>", "</sup>", "<sub>", "</sub>",
];

/// Characters from Unicode's private use area mark where a shortcode's output goes.
const MARK_OPEN: char = '\u{e000}';
const MARK_CLOSE: char = '\u{e001}';

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    /// Link and image targets the editor wrote, with their lines, for link checking.
    pub links: Vec<(String, usize)>,
}

/// A shortcode as written, with its position in the Markdown (1-based line and column).
#[derive(Debug, Clone, PartialEq)]
pub struct Shortcode {
    pub name: String,
    pub args: BTreeMap<String, String>,
    pub line: usize,
    pub col: usize,
}

/// A shortcode's output, as the caller expanded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expanded {
    /// HTML that goes where the shortcode was written: in the text, or as
    /// its plain text inside a tag (an image's description, a link's title).
    Inline(String),
    /// A figure (a drawn chart): it replaces the paragraph it stands alone
    /// in, and has no place inside a tag.
    Figure(String),
}

impl Expanded {
    pub fn html(&self) -> &str {
        match self {
            Expanded::Inline(h) | Expanded::Figure(h) => h,
        }
    }

    fn is_figure(&self) -> bool {
        matches!(self, Expanded::Figure(_))
    }
}

/// An error in the Markdown with its position (1-based, relative to the text given).
#[derive(Debug, Clone, PartialEq)]
pub struct MarkdownError {
    pub line: usize,
    pub col: usize,
    pub message: Msg,
    pub hint: Option<Msg>,
    /// The output is safe anyway (e.g. an unsafe link was dropped).
    pub warning: bool,
}

/// Render `markdown`. `expand` turns the shortcode that parsed `i`-th into
/// HTML (trusted output) and says whether it is a figure; what a shortcode
/// means was checked while loading.
pub fn render(
    markdown: &str,
    footnote_prefix: &str,
    expand: &mut dyn FnMut(usize, &Shortcode) -> Expanded,
) -> (Rendered, Vec<MarkdownError>) {
    let mut errors = Vec::new();
    if let Some((line, col, depth)) = nesting::too_deep(markdown) {
        errors.push(MarkdownError {
            line,
            col,
            message: msg!("markdown-too-deep", en: "block quotes and lists are nested {depth} levels deep here; at most {MAX_NESTING} are allowed", vi: "trích dẫn và danh sách lồng nhau {depth} cấp ở đây; chỉ được tối đa {MAX_NESTING} cấp"),
            hint: Some(msg!("markdown-too-deep", en: "remove the extra `>` or list markers at the start of this line", vi: "xóa các dấu `>` hoặc dấu danh sách thừa ở đầu dòng này")),
            warning: false,
        });
        return (Rendered::default(), errors);
    }
    let (text, calls) = extract_shortcodes(markdown);
    let outputs: Vec<Expanded> = calls
        .iter()
        .enumerate()
        .map(|(i, c)| expand(i, c))
        .collect();

    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |offset: usize| line_starts.partition_point(|s| *s <= offset);
    let mut links = Vec::new();
    let as_text: Vec<String> = outputs.iter().map(html_text).collect();
    let mut note_link = |ev: &Event, start: usize, errors: &mut Vec<MarkdownError>| {
        let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = ev else {
            return;
        };
        let line = line_of(start);
        if let Some(i) = mark_in(dest_url) {
            let call = &calls[i.min(calls.len().saturating_sub(1))];
            let name = &call.name;
            errors.push(MarkdownError {
                line: call.line,
                col: call.col,
                message: msg!("shortcode-in-address", en: "shortcode `{name}` cannot stand in a link address", vi: "mã chèn `{name}` không thể đứng trong địa chỉ liên kết"),
                hint: Some(msg!("shortcode-in-address", en: "write the address itself; shortcodes give text, not addresses", vi: "viết chính địa chỉ; mã chèn cho ra chữ, không cho ra địa chỉ")),
                warning: false,
            });
        } else if is_safe_url(dest_url) {
            links.push((dest_url.to_string(), line));
        } else {
            errors.push(MarkdownError {
                line,
                col: 1,
                message: msg!("unsafe-link", en: "link to `{dest_url}` removed: only http, https, mailto and relative links are allowed", vi: "đã bỏ liên kết tới `{dest_url}`: chỉ cho phép liên kết http, https, mailto và liên kết tương đối"),
                hint: Some(msg!("unsafe-link", en: "link to a web address (https://...) or to another page of the site", vi: "liên kết tới một địa chỉ web (https://...) hoặc tới một trang khác của trang này")),
                warning: true,
            });
        }
    };
    // Events stream from the parser through the changes into the HTML
    // writer; only a heading's events are held, to make its id from its text.
    let mut parser = Parser::new_ext(&text, options).into_offset_iter();
    let mut changes = Transform::new(footnote_prefix, &as_text);
    let mut ready: std::collections::VecDeque<Event> = std::collections::VecDeque::new();
    let mut html = String::with_capacity(text.len() * 3 / 2);
    {
        let errors = &mut errors;
        let events = std::iter::from_fn(|| loop {
            if let Some(ev) = ready.pop_front() {
                return Some(ev);
            }
            let (ev, range) = parser.next()?;
            note_link(&ev, range.start, errors);
            if matches!(ev, Event::Start(Tag::Heading { .. })) {
                let mut heading = vec![ev];
                for (ev, range) in parser.by_ref() {
                    note_link(&ev, range.start, errors);
                    let end = matches!(ev, Event::End(TagEnd::Heading(_)));
                    heading.push(ev);
                    if end {
                        break;
                    }
                }
                changes.heading(heading, &mut ready);
            } else {
                changes.event(ev, &mut ready);
            }
        });
        pulldown_cmark::html::push_html(&mut html, events);
    }
    let headings = changes.headings;
    let html = if outputs.is_empty() {
        html
    } else {
        put_in_place(&html, &outputs, &as_text, &calls, &mut errors)
    };
    (
        Rendered {
            html,
            headings,
            links,
        },
        errors,
    )
}

/// The changes made to the parser's events: safe links, unique heading
/// ids, prefixed footnotes, tables in a scrolling box, raw HTML as text.
/// `as_text` is each shortcode's output as plain text, for the headings'
/// ids and names in the table of contents.
struct Transform<'p> {
    footnote_prefix: &'p str,
    as_text: &'p [String],
    headings: Vec<Heading>,
    ids: UniqueIds,
    /// For each open link/image: whether it was dropped as unsafe.
    dropped: Vec<bool>,
}

impl<'p> Transform<'p> {
    fn new(footnote_prefix: &'p str, as_text: &'p [String]) -> Self {
        Transform {
            footnote_prefix,
            as_text,
            headings: Vec::new(),
            ids: UniqueIds::default(),
            dropped: Vec::new(),
        }
    }

    /// A heading's events, from its start to its end.
    fn heading<'a>(
        &mut self,
        events: Vec<Event<'a>>,
        out: &mut std::collections::VecDeque<Event<'a>>,
    ) {
        let mut events = events.into_iter();
        let Some(Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        })) = events.next()
        else {
            return;
        };
        let rest: Vec<Event<'a>> = events.collect();
        // Gather the heading's text to make its id.
        let mut text = String::new();
        for ev in &rest {
            if let Event::Text(t) | Event::Code(t) = ev {
                push_as_text(&mut text, t, self.as_text);
            }
        }
        let base = id.map(|s| s.to_string()).unwrap_or_else(|| {
            let s = crate::helpers::slug::slugify(&text);
            if s.is_empty() {
                "section".into()
            } else {
                s
            }
        });
        let unique = self.ids.unique(base);
        self.headings.push(Heading {
            level: heading_level(level),
            id: unique.clone(),
            text: text.trim().to_string(),
        });
        out.push_back(Event::Start(Tag::Heading {
            level,
            id: Some(CowStr::from(unique)),
            classes,
            attrs,
        }));
        for ev in rest {
            self.event(ev, out);
        }
    }

    /// Any other event.
    fn event<'a>(&mut self, ev: Event<'a>, out: &mut std::collections::VecDeque<Event<'a>>) {
        let footnote_prefix = self.footnote_prefix;
        let dropped = &mut self.dropped;
        match ev {
            Event::Html(s) | Event::InlineHtml(s) => {
                let t = s.trim();
                if ALLOWED_TAGS.iter().any(|a| a.eq_ignore_ascii_case(t)) {
                    out.push_back(Event::InlineHtml(CowStr::from(t.to_ascii_lowercase())));
                } else {
                    out.push_back(Event::Text(s));
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let safe = is_safe_url(&dest_url) && mark_in(&dest_url).is_none();
                dropped.push(!safe);
                if safe {
                    out.push_back(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Link) => {
                if !dropped.pop().unwrap_or(false) {
                    out.push_back(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let safe = is_safe_url(&dest_url) && mark_in(&dest_url).is_none();
                dropped.push(!safe);
                if safe {
                    out.push_back(Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Image) => {
                if !dropped.pop().unwrap_or(false) {
                    out.push_back(Event::End(TagEnd::Image));
                }
            }
            Event::FootnoteReference(label) => {
                out.push_back(Event::FootnoteReference(CowStr::from(format!(
                    "{footnote_prefix}-{label}"
                ))));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                out.push_back(Event::Start(Tag::FootnoteDefinition(CowStr::from(
                    format!("{footnote_prefix}-{label}"),
                ))));
            }
            Event::Start(Tag::Table(align)) => {
                out.push_back(Event::Html(CowStr::from(
                    "<div class=\"table-scroll\" tabindex=\"0\">",
                )));
                out.push_back(Event::Start(Tag::Table(align)));
            }
            Event::End(TagEnd::Table) => {
                out.push_back(Event::End(TagEnd::Table));
                out.push_back(Event::Html(CowStr::from("</div>")));
            }
            other => out.push_back(other),
        }
    }
}

fn heading_level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Replace every `{{ name(args) }}` with a marker and return the calls in
/// order; a call that does not parse is dropped (load reported it).
fn extract_shortcodes(src: &str) -> (String, Vec<Shortcode>) {
    // Marker characters typed in the text would be taken for ours.
    let cleaned;
    let src = if src.contains([MARK_OPEN, MARK_CLOSE]) {
        cleaned = src.replace([MARK_OPEN, MARK_CLOSE], "\u{fffd}");
        cleaned.as_str()
    } else {
        src
    };
    let mut out = String::with_capacity(src.len());
    let mut calls = Vec::new();
    let mut copied = 0;
    for found in shortcode::scan(src) {
        out.push_str(&src[copied..found.range.start]);
        copied = found.range.end;
        if let Ok(call) = found.call {
            out.push(MARK_OPEN);
            out.push_str(&calls.len().to_string());
            out.push(MARK_CLOSE);
            calls.push(Shortcode {
                name: call.name,
                args: call.args,
                line: found.line,
                col: found.col,
            });
        }
    }
    out.push_str(&src[copied..]);
    (out, calls)
}

/// Heading ids, each new one made unique with `-2`, `-3`... The next number
/// to try is kept for each id, so many equal headings cost one try each.
struct UniqueIds {
    used: HashSet<String>,
    next: HashMap<String, usize>,
}

impl Default for UniqueIds {
    fn default() -> Self {
        UniqueIds {
            used: THEME_IDS.iter().map(|s| s.to_string()).collect(),
            next: HashMap::new(),
        }
    }
}

impl UniqueIds {
    fn unique(&mut self, base: String) -> String {
        if !self.used.contains(&base) {
            self.used.insert(base.clone());
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(2);
        loop {
            let candidate = format!("{base}-{n}");
            *n += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

/// The number of the first shortcode marker in `s`.
fn mark_in(s: &str) -> Option<usize> {
    let open = s.find(MARK_OPEN)?;
    let rest = &s[open + MARK_OPEN.len_utf8()..];
    rest[..rest.find(MARK_CLOSE)?].parse().ok()
}

/// `t` with each shortcode marker replaced by the shortcode's text.
fn push_as_text(out: &mut String, t: &str, as_text: &[String]) {
    let mut rest = t;
    while let Some(open) = rest.find(MARK_OPEN) {
        out.push_str(&rest[..open]);
        let after = &rest[open + MARK_OPEN.len_utf8()..];
        let Some(close) = after.find(MARK_CLOSE) else {
            rest = after;
            continue;
        };
        if let Some(text) = after[..close]
            .parse::<usize>()
            .ok()
            .and_then(|i| as_text.get(i))
        {
            out.push_str(text);
        }
        rest = &after[close + MARK_CLOSE.len_utf8()..];
    }
    out.push_str(rest);
}

/// The text a reader sees of a shortcode's HTML: tags dropped, the five
/// escapes undone. A figure has none that fits in a line.
fn html_text(output: &Expanded) -> String {
    let html = match output {
        Expanded::Figure(_) => return String::new(),
        Expanded::Inline(html) => html,
    };
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Put each shortcode's output where its marker is, in one pass: its HTML
/// in text, its plain text (escaped) inside a tag, as in an image's
/// description or a link's title. A chart alone in a paragraph replaces it.
fn put_in_place(
    html: &str,
    outputs: &[Expanded],
    as_text: &[String],
    calls: &[Shortcode],
    errors: &mut Vec<MarkdownError>,
) -> String {
    let mut out =
        String::with_capacity(html.len() + outputs.iter().map(|o| o.html().len()).sum::<usize>());
    let mut in_tag = false;
    let mut rest = html;
    loop {
        let Some(at) = rest.find(['<', '>', MARK_OPEN]) else {
            out.push_str(rest);
            break;
        };
        out.push_str(&rest[..at]);
        let c = rest[at..].chars().next().unwrap_or(MARK_OPEN);
        rest = &rest[at + c.len_utf8()..];
        if c != MARK_OPEN {
            in_tag = c == '<';
            out.push(c);
            continue;
        }
        let Some((i, after)) = rest
            .split_once(MARK_CLOSE)
            .and_then(|(n, after)| Some((n.parse::<usize>().ok()?, after)))
            .filter(|(i, _)| *i < outputs.len())
        else {
            continue;
        };
        rest = after;
        let output = &outputs[i];
        if in_tag {
            if output.is_figure() {
                let call = &calls[i];
                errors.push(MarkdownError {
                    line: call.line,
                    col: call.col,
                    message: msg!("chart-in-text", en: "a chart cannot stand in an image description or a link title", vi: "biểu đồ không thể đứng trong mô tả ảnh hay tiêu đề liên kết"),
                    hint: Some(msg!("chart-in-text", en: "put the chart shortcode on a line of its own", vi: "đặt mã chèn biểu đồ trên một dòng riêng")),
                    warning: false,
                });
            }
            out.push_str(&super::escape(&as_text[i]));
        } else if output.is_figure() && out.ends_with("<p>") && rest.starts_with("</p>") {
            out.truncate(out.len() - "<p>".len());
            out.push_str(output.html());
            rest = &rest["</p>".len()..];
        } else {
            out.push_str(output.html());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(s: &str) -> (Rendered, Vec<MarkdownError>) {
        render(s, "s", &mut |_, c| {
            Expanded::Inline(format!(
                "[{}:{}]",
                c.name,
                c.args.get("indicator").cloned().unwrap_or_default()
            ))
        })
    }

    /// Every shortcode a figure, or HTML that only looks like one.
    fn md_figure(s: &str, figure: bool) -> (Rendered, Vec<MarkdownError>) {
        render(s, "s", &mut |_, _| {
            let html = "<figure class=\"chart\"><svg></svg></figure>".to_string();
            if figure {
                Expanded::Figure(html)
            } else {
                Expanded::Inline(html)
            }
        })
    }

    #[test]
    fn a_figure_alone_takes_its_paragraph_s_place() {
        let (r, errs) = md_figure("Text.\n\n{{ chart(group=\"g\") }}\n", true);
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(
            r.html,
            "<p>Text.</p>\n<figure class=\"chart\"><svg></svg></figure>\n"
        );
        // Inline HTML stays in its paragraph, whatever it starts with.
        let (r, _) = md_figure("{{ chart(group=\"g\") }}\n", false);
        assert!(r.html.starts_with("<p><figure"), "{}", r.html);
    }

    #[test]
    fn a_figure_inside_a_link_title_is_an_error() {
        let (r, errs) = md_figure("[a](b/ \"{{ chart(group=\"g\") }}\")\n", true);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!((errs[0].line, errs[0].col), (1, 9));
        assert!(r.html.contains("title=\"\""), "{}", r.html);
        let (_, errs) = md_figure("[a](b/ \"{{ chart(group=\"g\") }}\")\n", false);
        assert!(errs.is_empty(), "{errs:?}");
    }

    #[test]
    fn raw_html_is_escaped() {
        let (r, _) = md("Hi <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n");
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("<img"), "{}", r.html);
        assert!(r.html.contains("&lt;script&gt;"));
    }

    #[test]
    fn allowed_tags_pass() {
        let (r, _) = md("H<sub>2</sub>O<br>x");
        assert!(r.html.contains("<sub>2</sub>"));
    }

    #[test]
    fn unsafe_links_lose_their_href() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:x",
            "data:text/html,x",
            "vbscript:x",
        ] {
            let (r, _) = md(&format!("[click]({url}) ![img]({url})"));
            assert!(!r.html.contains("href"), "{url}: {}", r.html);
            assert!(!r.html.contains("<img"), "{url}: {}", r.html);
            assert!(r.html.contains("click"));
        }
        let (r, _) = md("[ok](https://example.org) [rel](../x/) [m](mailto:a@b.c)");
        assert_eq!(r.html.matches("href").count(), 3);
    }

    #[test]
    fn headings_get_unique_ids() {
        let (r, _) = md("## Chính quyền số\n\n## Chính quyền số\n");
        assert!(r.html.contains("<h2 id=\"chinh-quyen-so\">"));
        assert!(r.html.contains("<h2 id=\"chinh-quyen-so-2\">"));
        assert_eq!(r.headings.len(), 2);
    }

    #[test]
    fn footnotes_are_prefixed() {
        let (r, _) = md("Text[^1]\n\n[^1]: Note\n");
        assert!(r.html.contains("#s-1"), "{}", r.html);
        assert!(r.html.contains("id=\"s-1\""), "{}", r.html);
    }

    #[test]
    fn shortcodes_expand_with_positions() {
        let (r, errs) = md("a\nb {{ value(indicator=\"x-1\") }} c\n");
        assert!(errs.is_empty());
        assert!(r.html.contains("b [value:x-1] c"), "{}", r.html);
        // A call that does not parse is left out (load reported it).
        let (r, errs) = md("x {{ value(indicator=x) }} y\n");
        assert!(errs.is_empty());
        assert!(r.html.contains("x  y"), "{}", r.html);
        let (r, errs) = md("Not a call: {{ braces }}\n");
        assert!(errs.is_empty());
        assert!(r.html.contains("{{ braces }}"));
    }

    #[test]
    fn tables_scroll_in_their_own_box() {
        let (r, _) = md("| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(r
            .html
            .contains("<div class=\"table-scroll\" tabindex=\"0\"><table>"));
    }

    /// A shortcode whose HTML carries markup, as `value` does.
    fn md_markup(s: &str) -> (Rendered, Vec<MarkdownError>) {
        render(s, "s", &mut |_, _| {
            Expanded::Inline("<data value=\"56.6\">56,6 % &amp; more</data>".to_string())
        })
    }

    fn no_markers(html: &str) {
        assert!(
            !html.contains([MARK_OPEN, MARK_CLOSE]),
            "marker characters in the output: {html}"
        );
    }

    #[test]
    fn shortcodes_in_headings_are_text_in_ids_and_contents() {
        let (r, errs) = md_markup("## Tỷ lệ {{ value(indicator=\"x\") }}\n");
        assert!(errs.is_empty(), "{errs:?}");
        no_markers(&r.html);
        assert_eq!(r.headings[0].text, "Tỷ lệ 56,6 % & more");
        assert_eq!(r.headings[0].id, "ty-le-56-6-more");
        assert!(r.html.contains("<h2 id=\"ty-le-56-6-more\">Tỷ lệ <data value=\"56.6\">56,6 % &amp; more</data></h2>"), "{}", r.html);
    }

    #[test]
    fn shortcodes_in_alt_text_and_titles_are_escaped_text() {
        let (r, errs) = md_markup(
            "![Tỷ lệ {{ value(indicator=\"x\") }}](a.png \"t {{ value(indicator=\"x\") }}\") [l](b/ \"{{ value(indicator=\"x\") }}\")\n",
        );
        assert!(errs.is_empty(), "{errs:?}");
        no_markers(&r.html);
        assert!(
            r.html.contains("alt=\"Tỷ lệ 56,6 % &amp; more\""),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("title=\"t 56,6 % &amp; more\""),
            "{}",
            r.html
        );
        assert!(r.html.contains("title=\"56,6 % &amp; more\""), "{}", r.html);
        assert!(
            !r.html
                .contains("<data value=\"56.6\">56,6 % &amp; more</data>\""),
            "{}",
            r.html
        );
    }

    #[test]
    fn a_shortcode_in_a_link_address_is_an_error_at_its_place() {
        let (r, errs) = md_markup("x\n[l](/a/{{ value(indicator=\"x\") }}/)\n");
        no_markers(&r.html);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!((errs[0].line, errs[0].col), (2, 8));
        assert!(
            errs[0].message.contains("link address"),
            "{}",
            errs[0].message
        );
    }

    #[test]
    fn marker_characters_typed_in_the_text_stay_text() {
        let (r, _) = md("a \u{e000}0\u{e001} b {{ value(indicator=\"x\") }}\n");
        no_markers(&r.html);
        assert_eq!(r.html.matches("[value:x]").count(), 1, "{}", r.html);
    }

    #[test]
    fn heading_ids_avoid_the_themes_ids_and_each_other() {
        let (r, _) = md("## Main\n\n## h-2\n\n## h\n\n## h\n\n## h\n");
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["main-2", "h-2", "h", "h-3", "h-4"]);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_long_parse() {
        let (r, errs) = md(&format!("ok\n\n{}", "> ".repeat(1000)));
        assert!(r.html.is_empty());
        assert_eq!(errs[0].line, 3);
        assert!(
            errs[0].message.contains("at most 32"),
            "{}",
            errs[0].message
        );
    }
}
