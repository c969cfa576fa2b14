//! Numbers as editors type them. YAML reads `1.970` as 1.97 where a
//! Vietnamese reader means 1970, and `56,6` as text where they mean 56.6:
//! this module spells out every reading of what was typed, so that a form
//! that reads two ways is stopped and one that reads one way gets the exact
//! text to write.

use std::collections::HashMap;

use super::raw::RawNumber;
use crate::diagnostics::{Diagnostics, Msg, Pos};
use crate::model::Unit;

/// One way of reading a typed number, and the text that says it to YAML
/// without doubt.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub value: f64,
    /// What to write in YAML for this value: `1970`, `1.97`, `12.3450`.
    pub write: String,
    /// "the Vietnamese way (a dot groups thousands, a comma marks decimals)" …,
    /// in English and in Vietnamese.
    pub how: (&'static str, &'static str),
}

const VI: (&str, &str) = (
    "the Vietnamese way (a dot groups thousands, a comma marks decimals)",
    "theo cách viết Việt Nam (dấu chấm ngăn cách hàng nghìn, dấu phẩy ngăn phần thập phân)",
);
const EN: (&str, &str) = (
    "the YAML and English way (a dot marks decimals, a comma groups thousands)",
    "theo cách của YAML và tiếng Anh (dấu chấm ngăn phần thập phân, dấu phẩy ngăn cách hàng nghìn)",
);

/// The text of a number without what surrounds it: `57,2 %` → (`57,2`, true).
pub fn strip_percent(text: &str) -> (&str, bool) {
    let t = text.trim();
    match t.strip_suffix('%') {
        Some(rest) => (rest.trim_end(), true),
        None => (t, false),
    }
}

/// Every distinct reading of `text` (a number with `.`/`,`/space separators,
/// an optional sign and `%`), the YAML/English one first. Empty when the
/// text is not a number in either convention.
pub fn readings(text: &str) -> Vec<Reading> {
    let (t, _) = strip_percent(text);
    // Spaces (also no-break and thin spaces) group thousands in both conventions.
    let t: String = t
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}'))
        .collect();
    let (sign, digits) = match t.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", t.strip_prefix('+').unwrap_or(&t)),
    };
    if digits.is_empty()
        || !digits.starts_with(|c: char| c.is_ascii_digit())
        || !digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Vec::new();
    }
    let mut out: Vec<Reading> = Vec::new();
    for (group, decimal, how) in [(',', '.', EN), ('.', ',', VI)] {
        if let Some(plain) = convert(digits, group, decimal) {
            let text = format!("{sign}{plain}");
            if let Ok(value) = text.parse::<f64>() {
                if out.iter().all(|r| r.value != value) {
                    out.push(Reading {
                        value,
                        write: exact_text(&text),
                        how,
                    });
                }
            }
        }
    }
    out
}

/// `digits` with `group` as the thousands separator and `decimal` as the
/// decimal mark, as plain YAML digits (`2.266.097` → `2266097`); `None`
/// when the separators do not fit the convention.
fn convert(digits: &str, group: char, decimal: char) -> Option<String> {
    let (int, frac) = match digits.split_once(decimal) {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    if let Some(f) = frac {
        if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
    }
    let parts: Vec<&str> = int.split(group).collect();
    if parts[0].is_empty() || !parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    if parts.len() > 1 && (parts[0].len() > 3 || parts[1..].iter().any(|p| p.len() != 3)) {
        return None;
    }
    let mut s = parts.concat();
    if let Some(f) = frac {
        s.push('.');
        s.push_str(f);
    }
    Some(s)
}

/// The shortest text YAML reads as this number that cannot itself be taken
/// for a Vietnamese thousands group: `1.970` → `1.97`, `12.345` → `12.3450`.
fn exact_text(plain: &str) -> String {
    let Some((int, frac)) = plain.split_once('.') else {
        return plain.to_string();
    };
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        return int.to_string();
    }
    let mut s = format!("{int}.{frac}");
    if is_ambiguous(&s) {
        s.push('0');
    }
    s
}

/// A plain YAML number that a Vietnamese reader takes for a whole number:
/// one to three digits (not a lone 0), a dot, exactly three digits.
pub fn is_ambiguous(typed: &str) -> bool {
    let t = typed.trim();
    let t = t.strip_prefix('-').unwrap_or(t);
    let Some((int, frac)) = t.split_once('.') else {
        return false;
    };
    !int.is_empty()
        && int.len() <= 3
        && !int.starts_with('0')
        && int.chars().all(|c| c.is_ascii_digit())
        && frac.len() == 3
        && frac.chars().all(|c| c.is_ascii_digit())
}

/// Whether `src` may hold a number that [`is_ambiguous`] as a whole value
/// (after `:`, `-`, `[` or `,`, and before the end of the line, `,`, `}`,
/// `]` or a comment): a cheap scan that spares most files the walk that
/// finds each number's typed text, also those whose prose writes numbers
/// the Vietnamese way ("381.662 thuê bao").
pub fn may_hold_ambiguous(src: &str) -> bool {
    let b = src.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    memchr::memchr_iter(b'.', b).any(|i| {
        if !(i > 0 && digit(i - 1) && digit(i + 1) && digit(i + 2) && digit(i + 3) && !digit(i + 4))
        {
            return false;
        }
        let mut start = i;
        while start > 0 && digit(start - 1) {
            start -= 1;
        }
        let mut k = start;
        while k > 0 && matches!(b[k - 1], b' ' | b'\t') {
            k -= 1;
        }
        let before = if k == 0 { b'\n' } else { b[k - 1] };
        let mut after = i + 4;
        while matches!(b.get(after), Some(b' ' | b'\t')) {
            after += 1;
        }
        let after = b.get(after).copied().unwrap_or(b'\n');
        matches!(before, b':' | b'-' | b'[' | b',' | b'{' | b'\n')
            && matches!(after, b'\n' | b'\r' | b',' | b'}' | b']' | b'#')
    })
}

/// The message and hint for a number typed `typed` that reads two ways
/// (or, given only the readings YAML refuses, one way).
pub fn explain(typed: &str, readings: &[Reading]) -> (Msg, Msg) {
    let (note_en, note_vi) = percent_note(typed);
    match readings {
        [one] => (
            msg!("number-as-text",
                en: "`{typed}` is not a number YAML reads (it is text)",
                vi: "YAML không đọc `{typed}` là số (nó là chữ)"),
            msg!("number-as-text",
                en: "write `{}`{note_en}",
                vi: "hãy viết `{}`{note_vi}",
                one.write),
        ),
        [first, second, ..] => {
            let (a, b) = (fmt(first.value), fmt(second.value));
            let ((a_en, a_vi), (b_en, b_vi)) = (first.how, second.how);
            (
                msg!("number-two-ways",
                    en: "`{typed}` reads two ways: {a} {a_en}, but {b} {b_en}",
                    vi: "`{typed}` có hai cách hiểu: {a} {a_vi}, nhưng {b} {b_vi}"),
                msg!("number-two-ways",
                    en: "for {b} write `{}`; for {a} write `{}`{note_en}",
                    vi: "nếu là {b} hãy viết `{}`; nếu là {a} hãy viết `{}`{note_vi}",
                    second.write, first.write),
            )
        }
        [] => (
            msg!("number-as-text",
                en: "`{typed}` is not a number",
                vi: "`{typed}` không phải là số"),
            msg!("number-as-text",
                en: "write digits with a dot for decimals and no thousands separators, e.g. 1970 or 56.6",
                vi: "viết chữ số, dùng dấu chấm cho phần thập phân và không có dấu ngăn cách hàng nghìn, ví dụ 1970 hoặc 56.6"),
        ),
    }
}

fn percent_note(typed: &str) -> (&'static str, &'static str) {
    if strip_percent(typed).1 {
        (
            " (without `%`: `unit: percent` shows it)",
            " (bỏ dấu `%`: `unit: percent` sẽ hiển thị nó)",
        )
    } else {
        ("", "")
    }
}

/// A number as a message shows it: no exponent, no needless zeros.
pub fn fmt(v: f64) -> String {
    format!("{v}")
}

/// What a target written as text means.
#[derive(Debug, PartialEq)]
pub enum TextTarget {
    /// `"≥ 50%"`: an operator (`>=`, `>`, `<=`, `<`, `=`) and one number.
    Read(&'static str, f64),
    /// The number reads two ways: the operator and each reading.
    Ambiguous(&'static str, Vec<Reading>),
    /// No number after the operator.
    NotANumber,
}

/// Read a target written as text: `"≥ 50%"`, `"trên 150"`, `"tối thiểu 80%"`.
/// Without an operator the number is a minimum, as `target: 50` is.
pub fn text_target(text: &str) -> TextTarget {
    let lower = text.trim().to_lowercase();
    // Longest match wins: `>=` over `>`, "không dưới" over "dưới".
    const OPS: &[(&str, &str)] = &[
        (">=", ">="),
        ("=>", ">="),
        ("≥", ">="),
        ("<=", "<="),
        ("=<", "<="),
        ("≤", "<="),
        (">", ">"),
        ("<", "<"),
        ("=", "="),
        ("tối thiểu", ">="),
        ("ít nhất", ">="),
        ("không dưới", ">="),
        ("không thấp hơn", ">="),
        ("từ", ">="),
        ("đạt", ">="),
        ("trên", ">"),
        ("hơn", ">"),
        ("tối đa", "<="),
        ("không quá", "<="),
        ("không vượt quá", "<="),
        ("dưới", "<"),
        ("at least", ">="),
        ("minimum", ">="),
        ("more than", ">"),
        ("over", ">"),
        ("above", ">"),
        ("at most", "<="),
        ("maximum", "<="),
        ("less than", "<"),
        ("below", "<"),
    ];
    let mut best: Option<(&str, &'static str)> = None;
    for (word, op) in OPS {
        if lower.starts_with(word) && best.is_none_or(|(w, _)| w.len() < word.len()) {
            best = Some((word, op));
        }
    }
    let (op, rest) = match best {
        Some((word, op)) => (op, lower[word.len()..].trim()),
        None => (">=", lower.as_str()),
    };
    let rest = rest.strip_prefix("mức").unwrap_or(rest).trim();
    let mut r = readings(rest);
    match r.len() {
        0 => TextTarget::NotANumber,
        1 => TextTarget::Read(op, r.remove(0).value),
        _ => TextTarget::Ambiguous(op, r),
    }
}

/// Checks of typed numbers as the loader meets them in a file.
impl super::Doc<'_> {
    /// The plain numbers of this file that read two ways, by path; the
    /// file is walked again only when a cheap scan finds one may be there.
    fn ambiguous(&self) -> &HashMap<String, (Pos, String)> {
        self.typed.get_or_init(|| {
            if may_hold_ambiguous(&self.src) {
                crate::yaml::plain_scalars(&self.src, 0, is_ambiguous)
            } else {
                HashMap::new()
            }
        })
    }

    /// The number at `at` as typed: `None` (with an error) when it is
    /// text, not finite, or reads two ways.
    pub(super) fn typed_number(
        &self,
        raw: &RawNumber,
        at: &str,
        d: &mut Diagnostics,
    ) -> Option<f64> {
        match raw {
            RawNumber::Number(v) => self.checked_number(*v, at, d),
            RawNumber::Text(t) => {
                let (m, h) = explain(t.trim(), &readings(t));
                d.push(self.err(at, m).with_hint(h));
                None
            }
        }
    }

    /// [`Self::typed_number`] for a number YAML read.
    pub(super) fn checked_number(&self, v: f64, at: &str, d: &mut Diagnostics) -> Option<f64> {
        if !self.number(v, at, d) {
            return None;
        }
        if let Some((_, typed)) = self.ambiguous().get(at) {
            let (m, h) = explain(typed, &readings(typed));
            d.push(self.err(at, m).with_hint(h));
            return None;
        }
        Some(v)
    }

    /// A target written as text: read (with a warning showing how) or refused
    /// with the structured form to write.
    pub(super) fn text_target(
        &self,
        text: &str,
        at: &str,
        d: &mut Diagnostics,
    ) -> Option<(&'static str, f64)> {
        let form = |op: &str, write: &str| format!("target: {{ value: {write}, op: \"{op}\" }}");
        match text_target(text) {
            TextTarget::Read(op, v) => {
                d.push(
                    self.warn(
                        at,
                        msg!("target-read-as",
                            en: "target `{}` is read as {op} {}",
                            vi: "mục tiêu `{}` được hiểu là {op} {}",
                            text.trim(), fmt(v)),
                    )
                    .with_hint(msg!("target-read-as",
                        en: "write it as `{}` to say so without a warning",
                        vi: "hãy viết `{}` để nói rõ điều đó mà không bị cảnh báo",
                        form(op, &fmt(v))
                    )),
                );
                Some((op, v))
            }
            TextTarget::Ambiguous(op, r) => {
                let (m, _) = explain(text.trim(), &r);
                let (m_en, m_vi) = (m.en(), m.vi());
                let forms = |vi: bool| {
                    let forms: Vec<String> = r
                        .iter()
                        .map(|x| {
                            let (v, f) = (fmt(x.value), form(op, &x.write));
                            if vi {
                                format!("nếu là {v} hãy viết `{f}`")
                            } else {
                                format!("for {v} write `{f}`")
                            }
                        })
                        .collect();
                    forms.join("; ")
                };
                let (forms_en, forms_vi) = (forms(false), forms(true));
                d.push(
                    self.err(
                        at,
                        msg!("number-two-ways", en: "target {m_en}", vi: "mục tiêu {m_vi}"),
                    )
                    .with_hint(msg!("number-two-ways", en: "{forms_en}", vi: "{forms_vi}")),
                );
                None
            }
            TextTarget::NotANumber => {
                d.push(
                    self.err(at, msg!("target-not-a-number",
                        en: "target `{}` is not a number with an operator",
                        vi: "mục tiêu `{}` không phải là một con số kèm phép so sánh",
                        text.trim()))
                        .with_hint(msg!("target-not-a-number",
                            en: "write `{}`, or for a commitment without a number `target: {{ text: \"{}\" }}`",
                            vi: "hãy viết `{}`, hoặc với cam kết không có con số: `target: {{ text: \"{}\" }}`",
                            form(">=", "50"),
                            text.trim()
                        )),
                );
                None
            }
        }
    }

    /// Values that cannot be what their unit says: a count with a fraction
    /// (often a thousands dot: `1.615` firms), a percentage between 0 and 1
    /// among percentages above 1 (a fraction from a spreadsheet). Warnings;
    /// `--strict` makes them errors.
    pub(super) fn unit_checks(
        &self,
        unit: Unit,
        values: &[(String, f64)],
        target: Option<f64>,
        d: &mut Diagnostics,
    ) {
        match unit {
            Unit::Count => {
                for (at, v) in values {
                    if v.fract() != 0.0 {
                        d.push(
                            self.warn(at, msg!("count-not-whole",
                                en: "a count of {} is not a whole number",
                                vi: "số đếm {} không phải là số nguyên",
                                fmt(*v)))
                                .with_hint(msg!("count-not-whole",
                                    en: "counts are whole numbers: if a dot grouped thousands, write the digits without it; if this is not a count, set `unit:` (e.g. percent, per-100)",
                                    vi: "số đếm là số nguyên: nếu dấu chấm dùng để ngăn cách hàng nghìn, hãy viết các chữ số liền nhau; nếu đây không phải số đếm, hãy ghi `unit:` (ví dụ percent, per-100)")),
                        );
                    }
                }
            }
            Unit::Percent => {
                // The scale of the figures above 1 beside it: 0.572 among
                // 50–60 is a fraction of 57.2; 0.2 after 1.62 is a real 0.2 %.
                let scale = values
                    .iter()
                    .map(|(_, v)| *v)
                    .chain(target)
                    .filter(|v| *v > 1.0)
                    .fold(None, |acc: Option<(f64, f64)>, v| {
                        Some(acc.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))))
                    });
                for (at, v) in values {
                    let fits =
                        scale.is_some_and(|(lo, hi)| (lo / 2.0..=hi * 2.0).contains(&(v * 100.0)));
                    if *v > 0.0 && *v < 1.0 && fits {
                        d.push(
                            self.warn(
                                at,
                                msg!("percent-as-fraction",
                                    en: "{} % looks like a fraction: the other figures beside it are above 1 %",
                                    vi: "{} % có vẻ là phân số: các số liệu khác bên cạnh đều trên 1 %",
                                    fmt(*v)),
                            )
                            .with_hint(msg!("percent-as-fraction",
                                en: "percentages are out of 100: write `{}`",
                                vi: "phần trăm tính trên 100: hãy viết `{}`",
                                fmt(round(*v * 100.0)))),
                        );
                    }
                }
            }
            _ => {}
        }
    }
}

/// `0.572 * 100` is 57.199999…: round to what was typed.
pub fn round(v: f64) -> f64 {
    (v * 1e9).round() / 1e9
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(t: &str) -> Vec<(f64, String)> {
        readings(t)
            .into_iter()
            .map(|r| (r.value, r.write))
            .collect()
    }

    #[test]
    fn every_reading_of_what_editors_type() {
        assert_eq!(
            values("1.970"),
            [(1.97, "1.97".into()), (1970.0, "1970".into())]
        );
        assert_eq!(
            values("1.500"),
            [(1.5, "1.5".into()), (1500.0, "1500".into())]
        );
        assert_eq!(
            values("12.345"),
            [(12.345, "12.3450".into()), (12345.0, "12345".into())]
        );
        assert_eq!(values("2.266.097"), [(2266097.0, "2266097".into())]);
        assert_eq!(values("56,6"), [(56.6, "56.6".into())]);
        assert_eq!(values("57,2%"), [(57.2, "57.2".into())]);
        assert_eq!(values("57.2%"), [(57.2, "57.2".into())]);
        assert_eq!(
            values("1,500"),
            [(1500.0, "1500".into()), (1.5, "1.5".into())]
        );
        assert_eq!(values("-3,5"), [(-3.5, "-3.5".into())]);
        assert_eq!(values("10 277"), [(10277.0, "10277".into())]);
        assert!(values("12/12").is_empty());
        assert!(values("II.2.1").is_empty());
    }

    #[test]
    fn ambiguous_forms() {
        for t in ["1.970", "1.615", "999.000", "-1.500"] {
            assert!(is_ambiguous(t), "{t}");
        }
        for t in ["0.572", "56.60", "1.2", "1970", "1234.567", "1.2345"] {
            assert!(!is_ambiguous(t), "{t}");
        }
        assert!(may_hold_ambiguous("value: 1.970\n"));
        assert!(may_hold_ambiguous("- { period: 2022, value: 1.970 }"));
        assert!(may_hold_ambiguous("target: -1.500 # note"));
        assert!(!may_hold_ambiguous("value: 56.60\nnote: II.2.1\n"));
        assert!(!may_hold_ambiguous("note: có 381.662 thuê bao\n"));
    }

    #[test]
    fn text_targets() {
        assert_eq!(text_target("≥ 50%"), TextTarget::Read(">=", 50.0));
        assert_eq!(text_target("trên 150"), TextTarget::Read(">", 150.0));
        assert_eq!(text_target("Tối thiểu 80%"), TextTarget::Read(">=", 80.0));
        assert_eq!(text_target("57,2"), TextTarget::Read(">=", 57.2));
        assert_eq!(
            text_target("không dưới 1.500"),
            TextTarget::Ambiguous(">=", readings("1.500"))
        );
        assert_eq!(text_target("hoàn thành"), TextTarget::NotANumber);
    }

    #[test]
    fn hints_name_both_texts() {
        let (m, h) = explain("1.970", &readings("1.970"));
        assert!(m.contains("1.97") && m.contains("1970"), "{m}");
        assert_eq!(h, "for 1970 write `1970`; for 1.97 write `1.97`");
        let (_, h) = explain("57.2%", &readings("57.2%"));
        assert_eq!(h, "write `57.2` (without `%`: `unit: percent` shows it)");
    }
}
