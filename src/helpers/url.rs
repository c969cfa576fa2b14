//! URL helpers every stage may use: which link targets are safe, the path
//! part of the site address, percent-decoding.

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

/// The path part of the site address: `https://x.org/sub/` → `/sub/`.
pub fn base_path(base_url: &str) -> String {
    let after_scheme = base_url
        .split_once("://")
        .map(|(_, r)| r)
        .unwrap_or(base_url);
    match after_scheme.find('/') {
        Some(i) if base_url.contains("://") => after_scheme[i..].to_string(),
        _ if base_url.starts_with('/') => base_url.to_string(),
        _ => "/".to_string(),
    }
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
