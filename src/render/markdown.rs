//! Markdown → HTML for narrative sections. Content is not trusted: raw HTML is
//! escaped (a few attribute-less tags excepted), link and image URLs are limited
//! to safe schemes, headings get ids, footnote ids are prefixed so that several
//! sections can share a page, and `{{ name(arg="...") }}` shortcodes are
//! expanded by the caller.

use std::collections::{BTreeMap, HashSet};

use crate::diagnostics::Msg;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::is_safe_url;

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

/// What expanding a shortcode gives: trusted HTML, or a message and a hint.
pub type Expansion = Result<String, (Msg, Option<Msg>)>;

/// A parsed call: its name and arguments, or why it does not parse.
type ParsedCall = Result<(String, BTreeMap<String, String>), Msg>;

pub const SHORTCODES: &[&str] = &["value", "target", "status", "chart"];

/// Render `markdown`. `expand` turns a shortcode into HTML (trusted output) or an error.
pub fn render(
    markdown: &str,
    footnote_prefix: &str,
    expand: &mut dyn FnMut(&Shortcode) -> Expansion,
) -> (Rendered, Vec<MarkdownError>) {
    let mut errors = Vec::new();
    let (text, calls) = extract_shortcodes(markdown, &mut errors);
    let mut outputs = Vec::with_capacity(calls.len());
    for call in &calls {
        if !SHORTCODES.contains(&call.name.as_str()) {
            // Already reported by the extraction, with a suggestion.
            outputs.push(String::new());
            continue;
        }
        match expand(call) {
            Ok(html) => outputs.push(html),
            Err((message, hint)) => {
                errors.push(MarkdownError {
                    line: call.line,
                    col: call.col,
                    message,
                    hint,
                    warning: false,
                });
                outputs.push(String::new());
            }
        }
    }

    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |offset: usize| line_starts.partition_point(|s| *s <= offset);
    let mut links = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    for (ev, range) in Parser::new_ext(&text, options).into_offset_iter() {
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = &ev {
            let line = line_of(range.start);
            if is_safe_url(dest_url) {
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
        }
        events.push(ev);
    }
    let (events, headings) = transform(events, footnote_prefix);
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());

    // Put shortcode output in place; a shortcode alone in a paragraph replaces it.
    if !outputs.is_empty() {
        for (i, out) in outputs.iter().enumerate() {
            let mark = format!("{MARK_OPEN}{i}{MARK_CLOSE}");
            let block = format!("<p>{mark}</p>");
            if out.starts_with("<figure") && html.contains(&block) {
                html = html.replacen(&block, out, 1);
            } else {
                html = html.replacen(&mark, out, 1);
            }
        }
    }
    (
        Rendered {
            html,
            headings,
            links,
        },
        errors,
    )
}

fn transform<'a>(events: Vec<Event<'a>>, footnote_prefix: &str) -> (Vec<Event<'a>>, Vec<Heading>) {
    let mut out = Vec::with_capacity(events.len());
    let mut headings = Vec::new();
    let mut used_ids: HashSet<String> = HashSet::new();
    // For each open link/image: whether it was dropped as unsafe.
    let mut dropped: Vec<bool> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let ev = events[i].clone();
        match ev {
            Event::Html(s) | Event::InlineHtml(s) => {
                let t = s.trim();
                if ALLOWED_TAGS.iter().any(|a| a.eq_ignore_ascii_case(t)) {
                    out.push(Event::InlineHtml(CowStr::from(t.to_ascii_lowercase())));
                } else {
                    out.push(Event::Text(s));
                }
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                // Gather the heading's text to make its id.
                let mut text = String::new();
                let mut j = i + 1;
                while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                    if let Event::Text(t) | Event::Code(t) = &events[j] {
                        text.push_str(t);
                    }
                    j += 1;
                }
                let base = id.map(|s| s.to_string()).unwrap_or_else(|| {
                    let s = crate::load::slugify(&text);
                    if s.is_empty() {
                        "section".into()
                    } else {
                        s
                    }
                });
                let mut unique = base.clone();
                let mut n = 2;
                while !used_ids.insert(unique.clone()) {
                    unique = format!("{base}-{n}");
                    n += 1;
                }
                headings.push(Heading {
                    level: heading_level(level),
                    id: unique.clone(),
                    text: text.trim().to_string(),
                });
                out.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(unique)),
                    classes,
                    attrs,
                }));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let safe = is_safe_url(&dest_url);
                dropped.push(!safe);
                if safe {
                    out.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Link) => {
                if !dropped.pop().unwrap_or(false) {
                    out.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let safe = is_safe_url(&dest_url);
                dropped.push(!safe);
                if safe {
                    out.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Image) => {
                if !dropped.pop().unwrap_or(false) {
                    out.push(Event::End(TagEnd::Image));
                }
            }
            Event::FootnoteReference(label) => {
                out.push(Event::FootnoteReference(CowStr::from(format!(
                    "{footnote_prefix}-{label}"
                ))));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                out.push(Event::Start(Tag::FootnoteDefinition(CowStr::from(
                    format!("{footnote_prefix}-{label}"),
                ))));
            }
            Event::Start(Tag::Table(align)) => {
                out.push(Event::Html(CowStr::from(
                    "<div class=\"table-scroll\" tabindex=\"0\">",
                )));
                out.push(Event::Start(Tag::Table(align)));
            }
            Event::End(TagEnd::Table) => {
                out.push(Event::End(TagEnd::Table));
                out.push(Event::Html(CowStr::from("</div>")));
            }
            other => out.push(other),
        }
        i += 1;
    }
    (out, headings)
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

/// Replace every `{{ name(args) }}` with a marker and return the calls in order.
fn extract_shortcodes(src: &str, errors: &mut Vec<MarkdownError>) -> (String, Vec<Shortcode>) {
    let mut out = String::with_capacity(src.len());
    let mut calls = Vec::new();
    let mut rest = src;
    let mut consumed = 0;
    while let Some(start) = rest.find("{{") {
        let abs = consumed + start;
        let (line, col) = line_col(src, abs);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        let inner = &after[..end];
        if inner.contains('\n') && !inner.trim_start().contains('(') {
            out.push_str(&rest[..start + 2]);
            consumed += start + 2;
            rest = after;
            continue;
        }
        match parse_call(inner) {
            Some(Ok((name, args))) => {
                if !SHORTCODES.contains(&name.as_str()) {
                    let hint = crate::diagnostics::did_you_mean(&name, SHORTCODES.iter().copied())
                        .map(|b| msg!("did-you-mean", en: "did you mean `{b}`?", vi: "có phải là `{b}`?"))
                        .unwrap_or_else(|| msg!("unknown-shortcode", en: "shortcodes: {}", vi: "các mã ngắn: {}", SHORTCODES.join(", ")));
                    errors.push(MarkdownError {
                        line,
                        col,
                        message: msg!("unknown-shortcode", en: "unknown shortcode `{name}`", vi: "mã ngắn `{name}` không tồn tại"),
                        hint: Some(hint),
                        warning: false,
                    });
                }
                out.push_str(&rest[..start]);
                out.push(MARK_OPEN);
                out.push_str(&calls.len().to_string());
                out.push(MARK_CLOSE);
                calls.push(Shortcode {
                    name,
                    args,
                    line,
                    col,
                });
            }
            Some(Err(msg)) => {
                errors.push(MarkdownError {
                    line,
                    col,
                    message: msg,
                    hint: Some(
                        msg!("shortcode-syntax", en: "write shortcodes as {{{{ value(indicator=\"online-dossier-rate\") }}}}", vi: "viết mã ngắn như {{{{ value(indicator=\"online-dossier-rate\") }}}}"),
                    ),
                    warning: false,
                });
                out.push_str(&rest[..start]);
            }
            None => {
                // Not a shortcode: keep the text as written.
                out.push_str(&rest[..start + 2 + end + 2]);
            }
        }
        consumed += start + 2 + end + 2;
        rest = &rest[start + 2 + end + 2..];
    }
    out.push_str(rest);
    (out, calls)
}

/// `value(indicator="x")` → name and arguments. `None` when it does not look like a call.
fn parse_call(inner: &str) -> Option<ParsedCall> {
    let s = inner.trim();
    let open = s.find('(')?;
    let name = s[..open].trim();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    let Some(body) = s[open + 1..].strip_suffix(')') else {
        return Some(Err(msg!("shortcode-syntax",
            en: "shortcode `{name}` is missing its closing `)`",
            vi: "mã ngắn `{name}` thiếu dấu `)` đóng"
        )));
    };
    let mut args = BTreeMap::new();
    let mut rest = body.trim();
    while !rest.is_empty() {
        let Some(eq) = rest.find('=') else {
            return Some(Err(
                msg!("shortcode-syntax", en: "shortcode `{name}`: expected key=\"value\"", vi: "mã ngắn `{name}`: cần dạng khóa=\"giá trị\""),
            ));
        };
        let key = rest[..eq].trim().to_string();
        let after = rest[eq + 1..].trim_start();
        let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'');
        let Some(q) = quote else {
            return Some(Err(msg!("shortcode-syntax",
                en: "shortcode `{name}`: the value of `{key}` must be quoted",
                vi: "mã ngắn `{name}`: giá trị của `{key}` phải đặt trong ngoặc kép"
            )));
        };
        let Some(close) = after[1..].find(q) else {
            return Some(Err(msg!("shortcode-syntax",
                en: "shortcode `{name}`: unterminated quote in `{key}`",
                vi: "mã ngắn `{name}`: ngoặc kép chưa đóng ở `{key}`"
            )));
        };
        args.insert(key, after[1..1 + close].to_string());
        rest = after[1 + close + 1..]
            .trim_start()
            .trim_start_matches(',')
            .trim_start();
    }
    Some(Ok((name.to_string(), args)))
}

fn line_col(src: &str, byte: usize) -> (usize, usize) {
    let before = &src[..byte];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(s: &str) -> (Rendered, Vec<MarkdownError>) {
        render(s, "s", &mut |c| {
            Ok(format!(
                "[{}:{}]",
                c.name,
                c.args.get("indicator").cloned().unwrap_or_default()
            ))
        })
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
        let (_, errs) = md("x\n  {{ valeu(indicator=\"x\") }}\n");
        assert_eq!((errs[0].line, errs[0].col), (2, 3));
        assert!(errs[0].message.contains("unknown shortcode `valeu`"));
        assert_eq!(errs[0].hint.as_deref(), Some("did you mean `value`?"));
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
}
