//! Where a url written on a page leads, inside the output.

use super::*;

/// What the output file a url leads to depends on, besides the url.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Depends {
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
    pub(super) fn of(raw: &str) -> Depends {
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

pub(super) fn is_external(url: &str) -> bool {
    let starts = |p: &str| {
        url.as_bytes()
            .get(..p.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(p.as_bytes()))
    };
    starts("http:") || starts("https:") || starts("mailto:") || url.starts_with("//")
}

/// The output file `url` (written on `page`) points to, and its fragment.
#[cfg(test)]
pub(super) fn resolve(page: &str, url: &str, base_path: &str) -> Option<(String, Option<String>)> {
    let fragment = url.split_once('#').map(|(_, f)| f.to_string());
    resolve_target(page, url, base_path).map(|t| (t, fragment))
}

/// The output file `url` (written on `page`) points to.
#[cfg(test)]
pub(super) fn resolve_target(page: &str, url: &str, base_path: &str) -> Option<String> {
    let mut target = String::new();
    resolve_into(page, url, base_path, &mut target).then_some(target)
}

/// Put in `target` the output file `url` (written on `page`) points to;
/// false when it leads outside the site.
pub(super) fn resolve_into(page: &str, url: &str, base_path: &str, target: &mut String) -> bool {
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
        *target = crate::helpers::url::percent_decode(target);
    }
    true
}

pub(super) fn unescape(s: &str) -> Cow<'_, str> {
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
