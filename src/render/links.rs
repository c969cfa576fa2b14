//! Link checking over the rendered site: every relative `href` and `src` must
//! lead to a file of the output, and every `#anchor` to an id on that page.
//! A broken link an editor wrote in Markdown is reported at its file and line.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

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

/// Check every internal link of `out`. `base_path` is the path part of the
/// site's address (`/` or `/sub/`), against which root-absolute links resolve.
pub fn check(out: &Output, base_path: &str) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let written: HashMap<(&str, &str), &EditorLink> = out
        .links
        .iter()
        .map(|l| ((l.page.as_str(), l.url.as_str()), l))
        .collect();
    // Scanning pages is the costly part and pages are independent: scan them
    // in parallel, then resolve links against the collected ids in order.
    use rayon::prelude::*;
    let scanned: Vec<(&str, Vec<String>, HashSet<String>)> = out
        .files
        .par_iter()
        .filter(|(page, _)| page.ends_with(".html") && !page.ends_with("404.html"))
        .map(|(page, bytes)| {
            let html = String::from_utf8_lossy(bytes);
            let mut seen = HashSet::new();
            let urls = attribute_values(&html, &["href", "src"])
                .into_iter()
                .filter(|u| !is_external(u) && seen.insert(u.clone()))
                .collect();
            (
                page.as_str(),
                urls,
                attribute_values(&html, &["id", "name"])
                    .into_iter()
                    .collect(),
            )
        })
        .collect();
    let mut ids: HashMap<&str, HashSet<String>> = HashMap::with_capacity(scanned.len());
    let mut pages: Vec<(&str, Vec<String>)> = Vec::with_capacity(scanned.len());
    for (page, urls, page_ids) in scanned {
        ids.insert(page, page_ids);
        pages.push((page, urls));
    }
    type Found = Vec<(Option<String>, String)>;
    let mut editor: std::collections::BTreeMap<(PathBuf, usize, String), Found> =
        Default::default();
    let mut theme: std::collections::BTreeMap<(String, String), Vec<String>> = Default::default();
    for (page, urls) in pages {
        for url in urls {
            let (target, fragment) = resolve(page, &url, base_path).unwrap_or_default();
            // Messages do not name the page, so the same broken link on the
            // Vietnamese page and its English fallback is reported once.
            let problem = if target.is_empty() {
                Some("it leads outside the site".to_string())
            } else if let Some(file) = find(out, &target) {
                fragment.filter(|f| !f.is_empty()).and_then(|f| {
                    let page_ids = ids.entry(file).or_insert_with(|| {
                        attribute_values(
                            &String::from_utf8_lossy(&out.files[file]),
                            &["id", "name"],
                        )
                        .into_iter()
                        .collect()
                    });
                    (!page_ids.contains(&f))
                        .then(|| format!("there is no anchor `#{f}` on the page it leads to"))
                })
            } else {
                Some("there is no page at that address".to_string())
            };
            if let Some(problem) = problem {
                match written.get(&(page, url.as_str())) {
                    Some(l) => editor
                        .entry((l.source.clone(), l.line, url.clone()))
                        .or_default()
                        .push((l.version.clone(), problem)),
                    None => theme
                        .entry((url.clone(), problem))
                        .or_default()
                        .push(page.to_string()),
                }
            }
        }
    }
    // A broken link from the templates is usually on every page: say it once.
    for ((url, problem), pages) in theme {
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
    // versions; one broken only in a translation says which.
    for ((source, line, url), found) in editor {
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
    let lower = url.to_ascii_lowercase();
    lower.starts_with("http:")
        || lower.starts_with("https:")
        || lower.starts_with("mailto:")
        || lower.starts_with("//")
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

fn find<'a>(out: &'a Output, target: &str) -> Option<&'a str> {
    out.files
        .get_key_value(target)
        .or_else(|| out.files.get_key_value(&format!("{target}/index.html")))
        .map(|(k, _)| k.as_str())
}

/// Values of the given attributes in `html` (double-quoted, as the theme and
/// the Markdown renderer write them), with `&amp;` and friends decoded.
fn attribute_values(html: &str, names: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for name in names {
        let key = format!(" {name}=\"");
        let mut rest = html;
        while let Some(i) = rest.find(&key) {
            rest = &rest[i + key.len()..];
            let Some(end) = rest.find('"') else { break };
            out.push(unescape(&rest[..end]));
            rest = &rest[end..];
        }
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
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
