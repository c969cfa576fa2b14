//! Render the model into output files: HTML pages through Tera, SVG charts
//! through plotters, and open data files. Nothing here touches the disk; the
//! result is a map of relative paths to bytes that [`crate::write`] puts in place.

pub mod chart;
mod data;
mod feeds;
pub mod format;
pub mod links;
pub mod markdown;
mod pages;
pub mod search;

use std::collections::BTreeMap;

use rayon::prelude::*;
use std::path::PathBuf;

use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::load::theme::Theme;
use crate::model::Site;

/// Every file of a built site, by path relative to the output folder (`/`-separated).
#[derive(Debug, Default, Clone)]
pub struct Output {
    pub files: BTreeMap<String, Vec<u8>>,
    /// Links editors wrote, for the link check to report at their source.
    pub links: Vec<links::EditorLink>,
}

impl Output {
    pub fn add(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }

    pub fn pages(&self) -> usize {
        self.files.keys().filter(|k| k.ends_with(".html")).count()
    }

    pub fn charts(&self) -> usize {
        self.files.keys().filter(|k| k.ends_with(".svg")).count()
    }
}

/// Render the whole site and check its links. Errors (a shortcode naming an
/// unknown indicator, a broken theme template) and warnings (a broken link)
/// come back as diagnostics with their file and line; the output only when
/// there is no error.
pub fn render_site(site: &Site, theme: &Theme) -> (Option<Output>, Diagnostics) {
    let tera = match build_tera(theme) {
        Ok(t) => t,
        Err(d) => return (None, d),
    };
    let mut out = Output::default();
    let mut diags = Diagnostics::new();
    for (name, bytes) in &theme.static_files {
        out.add(format!("static/{name}"), bytes.clone());
    }
    let mut data = Output::default();
    data::write_data(site, &mut data);
    // Every (language, report) is independent: render them in parallel, each
    // into its own output, then merge in a fixed order so bytes never depend
    // on scheduling.
    let parts: Vec<(&str, pages::Part)> = site
        .config
        .languages
        .iter()
        .flat_map(|l| {
            std::iter::once((l.as_str(), pages::Part::SitePages)).chain(
                site.reports
                    .iter()
                    .map(move |r| (l.as_str(), pages::Part::Report(r))),
            )
        })
        .collect();
    let rendered: Vec<(Output, Diagnostics)> = parts
        .into_par_iter()
        .map(|(lang, part)| pages::render_part(site, theme, &tera, &data, lang, part))
        .collect();
    out.files.append(&mut data.files);
    for (mut part, part_diags) in rendered {
        out.files.append(&mut part.files);
        out.links.append(&mut part.links);
        diags.extend(part_diags);
    }
    search::write_index(site, &mut out);
    feeds::write_feeds(site, &mut out);
    let links = links::check(&out, &base_path(&site.config.base_url));
    diags.extend(links);
    if diags.has_errors() {
        (None, diags)
    } else {
        (Some(out), diags)
    }
}

fn build_tera(theme: &Theme) -> Result<tera::Tera, Diagnostics> {
    let mut tera = tera::Tera::new();
    let origins: BTreeMap<&str, &PathBuf> = theme
        .templates
        .iter()
        .map(|t| (t.name.as_str(), &t.origin))
        .collect();
    let sources: BTreeMap<&str, &str> = theme
        .templates
        .iter()
        .map(|t| (t.name.as_str(), t.source.as_str()))
        .collect();
    tera.add_raw_templates(
        theme
            .templates
            .iter()
            .map(|t| (t.name.as_str(), t.source.as_str())),
    )
    .map_err(|e| {
        let mut d = Diagnostics::new();
        for x in template_errors(&e, &origins, &sources) {
            d.push(x);
        }
        d
    })?;
    Ok(tera)
}

/// A Tera error as diagnostics pointing into the template files.
fn template_errors(
    e: &tera::Error,
    origins: &BTreeMap<&str, &PathBuf>,
    sources: &BTreeMap<&str, &str>,
) -> Vec<Diagnostic> {
    let at = |name: &str, line: usize, col: usize, message: &str| {
        let path = origins
            .get(name)
            .map(|p| p.to_path_buf())
            .unwrap_or_else(|| PathBuf::from(name));
        let d = Diagnostic::error(
            path,
            Some(Pos::new(line, col)),
            format!("template: {message}"),
        );
        match sources.get(name) {
            Some(src) => d.with_source(src),
            None => d,
        }
    };
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let span = r.span();
            vec![at(
                r.filename(),
                span.start_line,
                span.start_col + 1,
                r.message(),
            )]
        }
        _ => {
            // Checks made when templates are added (unknown filters, tests,
            // functions) arrive as text reports: "error: MSG" then " --> name:line:col".
            let text = e.to_string();
            let mut out = Vec::new();
            let mut message: Option<&str> = None;
            for line in text.lines() {
                let l = line.trim();
                if let Some(m) = l.rsplit("error: ").next().filter(|_| l.contains("error: ")) {
                    message = Some(m);
                } else if let (Some(loc), Some(m)) = (l.strip_prefix("--> "), message) {
                    let mut parts = loc.rsplitn(3, ':');
                    let (col, line, name) = (parts.next(), parts.next(), parts.next());
                    if let (Some(col), Some(line), Some(name)) = (col, line, name) {
                        if let (Ok(line), Ok(col)) = (line.parse(), col.parse()) {
                            out.push(at(name, line, col, m));
                            message = None;
                        }
                    }
                }
            }
            if out.is_empty() {
                out.push(Diagnostic::error(
                    "themes",
                    None,
                    format!("template: {text}"),
                ));
            }
            out
        }
    }
}

/// The path part of a site address: `https://x.org/sub/` → `/sub/`.
pub fn base_path(base_url: &str) -> String {
    pages::base_path(base_url)
}

/// Whether a link target is allowed in content: http, https, mailto, or a
/// relative reference. Browsers ignore tabs and newlines inside a scheme, so
/// those are removed before looking.
pub fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    let lower = cleaned.to_ascii_lowercase();
    match lower.find([':', '/', '?', '#']) {
        Some(i) if lower.as_bytes()[i] == b':' => {
            let scheme = &lower[..i];
            matches!(scheme, "http" | "https" | "mailto")
        }
        // No scheme: a relative or same-site reference.
        _ => true,
    }
}

/// Decode `%XX` escapes of a URL path (invalid ones are kept as written).
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Escape text for HTML and XML (content and attribute values).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_urls() {
        for ok in [
            "https://x.org",
            "http://x",
            "mailto:a@b",
            "../a/",
            "a.html#x",
            "#top",
            "/abs",
            "?q=1",
        ] {
            assert!(is_safe_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JAVASCRIPT:x",
            "java\nscript:x",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc/passwd",
        ] {
            assert!(!is_safe_url(bad), "{bad}");
        }
    }
}
