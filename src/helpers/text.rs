//! Text compared as people see it. Unikey's "Unicode tổ hợp" types `Sở` as
//! S + o + combining horn + combining hook (NFD) and a copy from a web page
//! may carry a zero-width space: both look like the same name and must match
//! it. Used wherever names are matched (agencies, aliases, groups, columns).

use unicode_normalization::UnicodeNormalization;

/// Characters that show nothing: zero-width space, joiners, word joiner,
/// BOM, soft hyphen.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
    )
}

/// NFC, invisible characters removed, runs of spaces folded to one, trimmed.
pub fn normalize(text: &str) -> String {
    // Most names are NFC already and have nothing invisible: fold the spaces only.
    let visible: std::borrow::Cow<str> = if has_hidden_form(text) {
        text.chars()
            .filter(|c| !is_invisible(*c))
            .nfc()
            .collect::<String>()
            .into()
    } else {
        text.into()
    };
    let mut out = String::with_capacity(visible.len());
    for word in visible.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// [`normalize`]d and lowercased: the key two names are compared by.
pub fn match_key(text: &str) -> String {
    normalize(text).to_lowercase()
}

/// Whether `text` holds something [`normalize`] would change besides spaces:
/// decomposed letters or invisible characters.
pub fn has_hidden_form(text: &str) -> bool {
    text.chars().any(is_invisible)
        || !unicode_normalization::is_nfc_quick(text.chars())
            .eq(&unicode_normalization::IsNormalized::Yes)
}

/// A 0-based count of days since 1899-12-30 (Excel's serial dates) as
/// `YYYY-MM-DD`.
pub fn excel_date(serial: f64) -> String {
    // Days from 1970-01-01, then the civil-from-days algorithm (H. Hinnant).
    let z = serial.floor() as i64 - 25569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_typed_differently_match() {
        let nfd = "So\u{31b}\u{309} TTTT"; // Sở typed as combining marks
        assert_ne!(nfd, "Sở TTTT");
        assert_eq!(match_key(nfd), match_key("Sở TTTT"));
        assert_eq!(match_key("Sở\u{200b} TTTT"), match_key("sở  tttt"));
        assert!(has_hidden_form(nfd));
        assert!(has_hidden_form("Sở\u{200b}"));
        assert!(!has_hidden_form("Sở TTTT"));
    }

    #[test]
    fn excel_dates() {
        assert_eq!(excel_date(45107.0), "2023-06-30");
        assert_eq!(excel_date(25569.0), "1970-01-01");
    }
}
