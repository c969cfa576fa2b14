//! Places in a document as Vietnamese writes them ("Phần II, mục II.2.2",
//! "Phụ lục 1, mục I.3", "Điều 2, khoản 1") in English, so that an English
//! page does not show "Source: Phần II, mục II.2.2" when content gives only
//! the Vietnamese locator.

/// Vietnamese structural words and their English names, longest first.
const WORDS: &[(&str, &str)] = &[
    ("Phụ lục", "Annex"),
    ("phụ lục", "annex"),
    ("Phần", "Part"),
    ("phần", "part"),
    ("Chương", "Chapter"),
    ("chương", "chapter"),
    ("Mục", "Section"),
    ("mục", "section"),
    ("Điều", "Article"),
    ("điều", "article"),
    ("Khoản", "Clause"),
    ("khoản", "clause"),
    ("Điểm", "Point"),
    ("điểm", "point"),
    ("Bảng", "Table"),
    ("bảng", "table"),
    ("Trang", "Page"),
    ("trang", "page"),
    ("và", "and"),
];

/// The English form of a locator, or `None` when it holds anything but
/// structural words, numbers and punctuation (then it is shown as written).
pub fn to_english(locator: &str) -> Option<String> {
    let mut out = String::with_capacity(locator.len());
    let mut rest = locator;
    'outer: while !rest.is_empty() {
        for (vi, en) in WORDS {
            if let Some(after) = rest.strip_prefix(vi) {
                // A whole word only: "Phần" but not "Phầnx".
                if after.chars().next().is_none_or(|c| !c.is_alphabetic()) {
                    out.push_str(en);
                    rest = after;
                    continue 'outer;
                }
            }
        }
        let c = rest.chars().next()?;
        // Roman and Arabic numerals, letters of points ("điểm a"), separators.
        if !(c.is_ascii() || c == '–' || c == '—') {
            return None;
        }
        if c.is_ascii_alphabetic() {
            // A run of ASCII letters must be a numeral or a single letter.
            let word: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            let roman = word.chars().all(|c| "IVXLCDM".contains(c));
            if !(roman || word.len() == 1) {
                return None;
            }
            out.push_str(&word);
            rest = &rest[word.len()..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structural_words_are_translated() {
        assert_eq!(
            to_english("Phần II, mục II.2.2").as_deref(),
            Some("Part II, section II.2.2")
        );
        assert_eq!(
            to_english("Phụ lục 1, mục I.3").as_deref(),
            Some("Annex 1, section I.3")
        );
        assert_eq!(
            to_english("Phần I, mục I.4 và I.7").as_deref(),
            Some("Part I, section I.4 and I.7")
        );
        assert_eq!(
            to_english("Điều 2, khoản 1, điểm a").as_deref(),
            Some("Article 2, clause 1, point a")
        );
    }

    #[test]
    fn other_text_is_left_as_written() {
        assert_eq!(to_english("Báo cáo của Sở TTTT"), None);
        assert_eq!(to_english("Phần I, mục I.7 theo Phụ lục"), None);
        assert_eq!(to_english("Page five"), None);
    }
}
