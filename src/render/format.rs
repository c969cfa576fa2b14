//! Numbers, dates and periods formatted for the page's language.
//! Vietnamese: 1.970 and 56,6 %; English: 1,970 and 56.6%.

use crate::model::{Date, Indicator, Period, PeriodKind, Unit, UnitSpec};

/// Non-breaking space: keeps "56,6 %" on one line.
const NBSP: char = '\u{a0}';

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Vi,
    En,
}

impl Style {
    /// Languages other than English use Vietnamese-style separators, as most
    /// continental conventions do.
    pub fn for_lang(lang: &str) -> Style {
        if lang == "en" {
            Style::En
        } else {
            Style::Vi
        }
    }

    fn separators(self) -> (char, char) {
        match self {
            Style::Vi => ('.', ','),
            Style::En => (',', '.'),
        }
    }
}

/// Format `v` with `decimals` fixed digits, or "as many as the data needs, at most 2".
pub fn number(v: f64, decimals: Option<u8>, style: Style) -> String {
    let text = match decimals {
        Some(d) => format!("{:.*}", d as usize, v),
        None => {
            let t = format!("{v:.2}");
            let t = t.trim_end_matches('0').trim_end_matches('.').to_string();
            t
        }
    };
    let text = if text == "-0" { "0".to_string() } else { text };
    let (neg, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let (thousands, decimal) = style.separators();
    let mut grouped = String::new();
    let bytes = int.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 && (bytes.len() - i) % 3 == 0 {
            grouped.push(thousands);
        }
        grouped.push(*b as char);
    }
    let mut out = String::new();
    if neg {
        out.push('−');
    }
    out.push_str(&grouped);
    if !frac.is_empty() {
        out.push(decimal);
        out.push_str(frac);
    }
    out
}

/// A value with its unit: "56,60 %", "114", "66/100", "616 tỷ đồng".
pub fn with_unit(v: f64, decimals: Option<u8>, unit: &UnitSpec, style: Style) -> String {
    let n = number(v, decimals, style);
    match (unit.kind, style) {
        (Unit::Percent, Style::Vi) => format!("{n}{NBSP}%"),
        (Unit::Percent, Style::En) => format!("{n}%"),
        (Unit::Count, _) => n,
        (Unit::Per100, Style::Vi) => format!("{n}/100"),
        (Unit::Per100, Style::En) => format!("{n} per 100"),
        (Unit::Currency, _) => {
            let code = unit.raw.trim_start_matches("currency:");
            match (code, style) {
                ("VND", Style::Vi) => format!("{n}{NBSP}đồng"),
                _ => format!("{n}{NBSP}{code}"),
            }
        }
        (Unit::Other, _) => format!("{n}{NBSP}{}", unit.raw),
    }
}

/// An indicator's value formatted with its own decimals and unit.
pub fn indicator_value(ind: &Indicator, v: f64, style: Style) -> String {
    with_unit(v, ind.decimals, &ind.unit, style)
}

pub fn date(d: Date, style: Style) -> String {
    match style {
        Style::Vi => format!("{:02}/{:02}/{}", d.day, d.month, d.year),
        Style::En => format!("{} {} {}", d.day, MONTHS_EN[(d.month - 1) as usize], d.year),
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A period for reading: "2023", "6 tháng đầu năm 2023", "Q2 2023", "tháng 6/2023".
pub fn period(p: Period, style: Style) -> String {
    match (p.kind, style) {
        (PeriodKind::Year(y), _) => y.to_string(),
        (PeriodKind::Half(y, 1), Style::Vi) => format!("6 tháng đầu năm {y}"),
        (PeriodKind::Half(y, _), Style::Vi) => format!("6 tháng cuối năm {y}"),
        (PeriodKind::Half(y, h), Style::En) => format!("H{h} {y}"),
        (PeriodKind::Quarter(y, q), Style::Vi) => format!("quý {q}/{y}"),
        (PeriodKind::Quarter(y, q), Style::En) => format!("Q{q} {y}"),
        (PeriodKind::Month(y, m), Style::Vi) => format!("tháng {m}/{y}"),
        (PeriodKind::Month(y, m), Style::En) => format!("{} {y}", MONTHS_EN[(m - 1) as usize]),
        (PeriodKind::Day(d), s) => date(d, s),
        (PeriodKind::Range(a, b), s) => format!("{}–{}", date(a, s), date(b, s)),
    }
}

/// A period as used inside a sentence: "năm 2022", "quý 2/2023"; "in 2022", "in Q2 2023".
pub fn period_phrase(p: Period, style: Style) -> String {
    match (p.kind, style) {
        (PeriodKind::Year(y), Style::Vi) => format!("năm {y}"),
        (PeriodKind::Day(d), Style::Vi) => format!("ngày {}", date(d, style)),
        (PeriodKind::Range(a, b), Style::Vi) => {
            format!("từ {} đến {}", date(a, style), date(b, style))
        }
        (_, Style::Vi) => period(p, style),
        (PeriodKind::Day(d), Style::En) => format!("on {}", date(d, style)),
        (PeriodKind::Range(a, b), Style::En) => {
            format!("from {} to {}", date(a, style), date(b, style))
        }
        (_, Style::En) => format!("in {}", period(p, style)),
    }
}

/// Fill `{name}` placeholders of an interface string.
pub fn fill(pattern: &str, args: &[(&str, &str)]) -> String {
    let mut s = pattern.to_string();
    for (k, v) in args {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(raw: &str, kind: Unit) -> UnitSpec {
        UnitSpec {
            kind,
            raw: raw.into(),
        }
    }

    #[test]
    fn vietnamese_numbers() {
        assert_eq!(number(1970.0, None, Style::Vi), "1.970");
        assert_eq!(number(2266097.0, None, Style::Vi), "2.266.097");
        assert_eq!(number(56.6, None, Style::Vi), "56,6");
        assert_eq!(number(56.6, Some(2), Style::Vi), "56,60");
        assert_eq!(number(8.48, None, Style::Vi), "8,48");
        assert_eq!(number(-1234.5, None, Style::Vi), "−1.234,5");
        assert_eq!(number(0.0, None, Style::Vi), "0");
        assert_eq!(
            with_unit(56.6, None, &unit("percent", Unit::Percent), Style::Vi),
            "56,6\u{a0}%"
        );
    }

    #[test]
    fn english_numbers() {
        assert_eq!(number(1970.0, None, Style::En), "1,970");
        assert_eq!(
            with_unit(56.6, None, &unit("percent", Unit::Percent), Style::En),
            "56.6%"
        );
        assert_eq!(
            with_unit(
                616.0,
                None,
                &unit("currency:VND", Unit::Currency),
                Style::En
            ),
            "616\u{a0}VND"
        );
    }

    #[test]
    fn dates_and_periods() {
        let d = Date::parse("2023-06-05").unwrap();
        assert_eq!(date(d, Style::Vi), "05/06/2023");
        assert_eq!(date(d, Style::En), "5 June 2023");
        assert_eq!(
            period(Period::parse("2023-Q2").unwrap(), Style::Vi),
            "quý 2/2023"
        );
        assert_eq!(
            period(Period::parse("2023-H1").unwrap(), Style::En),
            "H1 2023"
        );
    }
}
