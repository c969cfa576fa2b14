//! Slugs: the ids and folder names that become parts of addresses (report
//! folders, section files, ids of indicators, heading anchors).

/// A slug is lowercase ASCII letters, digits and `-`.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// A suggestion for turning `s` into a slug.
pub fn slugify(s: &str) -> String {
    let ascii = deunicode::deunicode(s).to_lowercase();
    let mut out = String::new();
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("hai-duong-2023"));
        assert!(!is_slug("Hai-Duong"));
        assert!(!is_slug("../x"));
        assert!(!is_slug(""));
        assert_eq!(slugify("Chính quyền số Đà Nẵng"), "chinh-quyen-so-da-nang");
    }
}
