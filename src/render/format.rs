//! Numbers, dates and periods formatted for the page's language.
//! Vietnamese: 1.970 and 56,6 %; English: 1,970 and 56.6%.

use std::fmt;

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
    let mut out = String::with_capacity(16);
    push_number(&mut out, v, decimals, style);
    out
}

/// [`number`], appended to `out`: the digits are written on the stack, and
/// grouped straight into `out` (numbers are formatted for every value of
/// every page and chart).
fn push_number(out: &mut String, v: f64, decimals: Option<u8>, style: Style) {
    fn raw(w: &mut impl fmt::Write, v: f64, decimals: Option<u8>) -> fmt::Result {
        match decimals {
            Some(d) => write!(w, "{:.*}", d as usize, v),
            None => write!(w, "{v:.2}"),
        }
    }
    let mut stack = StackText::default();
    let heap;
    let d = decimals.unwrap_or(2) as usize;
    let text = if fixed_exact(&mut stack, v, d) || raw(&mut stack, v, decimals).is_ok() {
        stack.as_str()
    } else {
        let mut s = String::new();
        let _ = raw(&mut s, v, decimals);
        heap = s;
        heap.as_str()
    };
    let text = match decimals {
        Some(_) => text,
        None => text.trim_end_matches('0').trim_end_matches('.'),
    };
    let text = if text == "-0" { "0" } else { text };
    let (neg, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let (thousands, decimal) = style.separators();
    if neg {
        out.push('−');
    }
    let bytes = int.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 && (bytes.len() - i) % 3 == 0 {
            out.push(thousands);
        }
        out.push(*b as char);
    }
    if !frac.is_empty() {
        out.push(decimal);
        out.push_str(frac);
    }
}

/// `v` with `d` decimals, as `format!("{:.d$}", v)` writes it, when that
/// needs no float formatting: when `v × 10^d` computes to an integer `n` well
/// inside the range where doubles are spaced by at most ¼, the exact product
/// is within ⅛ of `n`, so `n` is the correctly rounded result (most figures
/// of a report are such). Otherwise writes nothing and says no.
fn fixed_exact(w: &mut StackText, v: f64, d: usize) -> bool {
    const POW10: [f64; 7] = [1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6];
    let Some(scale) = POW10.get(d) else {
        return false;
    };
    let s = v * scale;
    // 2^50: doubles there are ¼ apart. `-0.0` keeps its sign in Rust's output.
    if !s.is_finite()
        || s.abs() >= 1_125_899_906_842_624.0
        || s.fract() != 0.0
        || (s == 0.0 && v.is_sign_negative())
    {
        return false;
    }
    use fmt::Write;
    // The digits of |n|, at least one before the point.
    let mut digits = StackText::default();
    if write!(digits, "{:01$}", s.abs() as u64, d + 1).is_err() {
        return false;
    }
    let (int, frac) = digits.as_str().split_at(digits.len - d);
    let sign = if s < 0.0 { "-" } else { "" };
    let point = if d > 0 { "." } else { "" };
    [sign, int, point, frac]
        .iter()
        .all(|part| w.write_str(part).is_ok())
}

/// A short text written on the stack; writing more than it holds fails.
struct StackText {
    buf: [u8; 64],
    len: usize,
}

impl Default for StackText {
    fn default() -> Self {
        StackText {
            buf: [0; 64],
            len: 0,
        }
    }
}

impl StackText {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or_default()
    }
}

impl fmt::Write for StackText {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        let dest = self.buf.get_mut(self.len..end).ok_or(fmt::Error)?;
        dest.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// A value with its unit: "56,60 %", "114", "66/100", "616 tỷ đồng".
pub fn with_unit(v: f64, decimals: Option<u8>, unit: &UnitSpec, style: Style) -> String {
    let mut s = String::with_capacity(24);
    push_number(&mut s, v, decimals, style);
    match (unit.kind, style) {
        (Unit::Percent, Style::Vi) => {
            s.push(NBSP);
            s.push('%');
        }
        (Unit::Percent, Style::En) => s.push('%'),
        (Unit::Count, _) => {}
        (Unit::Per100, Style::Vi) => s.push_str("/100"),
        (Unit::Per100, Style::En) => s.push_str(" per 100"),
        (Unit::Currency, _) => {
            let code = unit.raw.trim_start_matches("currency:");
            s.push(NBSP);
            s.push_str(match (code, style) {
                ("VND", Style::Vi) => "đồng",
                _ => code,
            });
        }
        (Unit::Other, _) => {
            s.push(NBSP);
            s.push_str(&unit.raw);
        }
    }
    s
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

/// Fill `{name}` placeholders of an interface string, in one pass: a value
/// is put in as it is (a `{…}` in an indicator's name stays as written),
/// and a placeholder without a value stays.
pub fn fill(pattern: &str, args: &[(&str, &str)]) -> String {
    let mut out =
        String::with_capacity(pattern.len() + args.iter().map(|(_, v)| v.len()).sum::<usize>());
    let mut rest = pattern;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let value = after.find('}').and_then(|j| {
            let name = &after[..j];
            args.iter().find(|(k, _)| *k == name).map(|(_, v)| (j, *v))
        });
        match value {
            Some((j, v)) => {
                out.push_str(v);
                rest = &after[j + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_puts_values_in_once() {
        let args = [("value", "8,48 %"), ("period", "năm 2022")];
        assert_eq!(
            fill("{value} {period}, {value}: {unknown} {", &args),
            "8,48 % năm 2022, 8,48 %: {unknown} {"
        );
        // A value is not read for placeholders.
        assert_eq!(
            fill(
                "{name} ({period})",
                &[("name", "Số {period} {"), ("period", "2023")]
            ),
            "Số {period} { (2023)"
        );
        assert_eq!(fill("", &args), "");
        assert_eq!(fill("{}{{value}}", &args), "{}{8,48 %}");
    }

    /// The fast path writes what Rust's float formatting writes, or nothing.
    #[test]
    fn fixed_exact_matches_float_formatting() {
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut fast = 0;
        for k in 0..400_000 {
            // Figures as written (a few decimals), and arbitrary doubles.
            let v = match k % 4 {
                0 => (next() % 2_000_000) as f64 / 10.0 - 50_000.0,
                1 => (next() % 20_000_000) as f64 / 1000.0,
                2 => f64::from_bits(next()),
                _ => (next() % 1_000_000) as f64 / 8.0 * if k % 8 == 3 { -1.0 } else { 1.0 },
            };
            for d in 0..=7 {
                let mut w = StackText::default();
                if fixed_exact(&mut w, v, d) {
                    fast += 1;
                    assert_eq!(w.as_str(), format!("{v:.d$}"), "{v:?} with {d} decimals");
                }
            }
        }
        assert!(
            fast > 200_000,
            "the fast path is taken for most figures: {fast}"
        );
        for (v, d) in [
            (0.0, 2),
            (-0.0, 2),
            (0.125, 2),
            (2.5, 0),
            (1e15, 1),
            (f64::NAN, 1),
        ] {
            let mut w = StackText::default();
            if fixed_exact(&mut w, v, d) {
                assert_eq!(w.as_str(), format!("{v:.d$}"), "{v:?} {d}");
            }
        }
    }

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
