//! Calendar dates and reporting periods (`2023`, `2023-H1`, `2023-Q2`, `2023-06`,
//! `2023-06-30`, `2023-01-01..2023-06-30`). A period's end orders it.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        ((1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month)
            && (1000..=9999).contains(&year))
        .then_some(Date { year, month, day })
    }

    /// `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        let mut it = text.trim().splitn(3, '-');
        let (y, m, d) = (it.next()?, it.next()?, it.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PeriodKind {
    Year(i32),
    Half(i32, u8),
    Quarter(i32, u8),
    Month(i32, u8),
    Day(Date),
    Range(Date, Date),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    pub kind: PeriodKind,
}

impl Period {
    pub fn year(y: i32) -> Period {
        Period {
            kind: PeriodKind::Year(y),
        }
    }

    pub fn parse(text: &str) -> Result<Period, crate::diagnostics::Msg> {
        let t = text.trim();
        let bad = || {
            msg!("invalid-period",
                en: "`{t}` is not a period: write a year `2023`, a half `2023-H1`, a quarter `2023-Q2`, a month `2023-06`, a day `2023-06-30` or a range `2023-01-01..2023-06-30`",
                vi: "`{t}` không phải là kỳ: viết năm `2023`, nửa năm `2023-H1`, quý `2023-Q2`, tháng `2023-06`, ngày `2023-06-30` hoặc khoảng `2023-01-01..2023-06-30`")
        };
        if let Some((a, b)) = t.split_once("..") {
            let (a, b) = (
                Date::parse(a).ok_or_else(bad)?,
                Date::parse(b).ok_or_else(bad)?,
            );
            if b < a {
                return Err(
                    msg!("invalid-period", en: "the range `{t}` ends before it starts", vi: "khoảng `{t}` kết thúc trước khi bắt đầu"),
                );
            }
            return Ok(Period {
                kind: PeriodKind::Range(a, b),
            });
        }
        let year = |s: &str| -> Result<i32, crate::diagnostics::Msg> {
            if s.len() == 4 && s.chars().all(|c| c.is_ascii_digit()) {
                s.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let parts: Vec<&str> = t.split('-').collect();
        let kind = match parts.as_slice() {
            [y] => PeriodKind::Year(year(y)?),
            [y, h] if h.eq_ignore_ascii_case("h1") || h.eq_ignore_ascii_case("h2") => {
                PeriodKind::Half(year(y)?, h[1..].parse().map_err(|_| bad())?)
            }
            [y, q] if q.len() == 2 && (q.starts_with('Q') || q.starts_with('q')) => {
                let n: u8 = q[1..].parse().map_err(|_| bad())?;
                if !(1..=4).contains(&n) {
                    return Err(bad());
                }
                PeriodKind::Quarter(year(y)?, n)
            }
            [y, m] if m.len() == 2 => {
                let m: u8 = m.parse().map_err(|_| bad())?;
                if !(1..=12).contains(&m) {
                    return Err(bad());
                }
                PeriodKind::Month(year(y)?, m)
            }
            [_, _, _] => PeriodKind::Day(Date::parse(t).ok_or_else(bad)?),
            _ => return Err(bad()),
        };
        Ok(Period { kind })
    }

    /// The last day the period covers; it orders periods.
    pub fn end(&self) -> Date {
        let last = |y: i32, m: u8| Date {
            year: y,
            month: m,
            day: days_in_month(y, m),
        };
        match self.kind {
            PeriodKind::Year(y) => last(y, 12),
            PeriodKind::Half(y, h) => last(y, h * 6),
            PeriodKind::Quarter(y, q) => last(y, q * 3),
            PeriodKind::Month(y, m) => last(y, m),
            PeriodKind::Day(d) => d,
            PeriodKind::Range(_, b) => b,
        }
    }

    pub fn start(&self) -> Date {
        let first = |y: i32, m: u8| Date {
            year: y,
            month: m,
            day: 1,
        };
        match self.kind {
            PeriodKind::Year(y) => first(y, 1),
            PeriodKind::Half(y, h) => first(y, h * 6 - 5),
            PeriodKind::Quarter(y, q) => first(y, q * 3 - 2),
            PeriodKind::Month(y, m) => first(y, m),
            PeriodKind::Day(d) => d,
            PeriodKind::Range(a, _) => a,
        }
    }
}

impl fmt::Display for Period {
    /// The canonical form an editor writes, also used in data files.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            PeriodKind::Year(y) => write!(f, "{y}"),
            PeriodKind::Half(y, h) => write!(f, "{y}-H{h}"),
            PeriodKind::Quarter(y, q) => write!(f, "{y}-Q{q}"),
            PeriodKind::Month(y, m) => write!(f, "{y}-{m:02}"),
            PeriodKind::Day(d) => write!(f, "{d}"),
            PeriodKind::Range(a, b) => write!(f, "{a}..{b}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form_and_orders_by_end() {
        let ends: Vec<String> = [
            "2023",
            "2023-H1",
            "2023-Q2",
            "2023-06",
            "2023-06-30",
            "2023-01-01..2023-06-30",
            "2024-02",
        ]
        .iter()
        .map(|t| Period::parse(t).unwrap().end().to_string())
        .collect();
        assert_eq!(
            ends,
            [
                "2023-12-31",
                "2023-06-30",
                "2023-06-30",
                "2023-06-30",
                "2023-06-30",
                "2023-06-30",
                "2024-02-29"
            ]
        );
        assert_eq!(
            Period::parse("2023-Q2").unwrap().start().to_string(),
            "2023-04-01"
        );
        assert_eq!(Period::parse("2023-Q2").unwrap().to_string(), "2023-Q2");
    }

    #[test]
    fn rejects_bad_periods() {
        for t in [
            "23",
            "2023-13",
            "2023-Q5",
            "2023-02-30",
            "2023-06-30..2023-01-01",
            "2023/06",
            "",
        ] {
            assert!(Period::parse(t).is_err(), "{t}");
        }
    }
}
