//! Outlook from a trend: will the indicator reach its target in time?
//!
//! The method is the one Open SDG documents for its progress status
//! (docs/progress.md and docs/progress-methodology.md of open-sdg;
//! sdg/ProgressMeasure.py of sdg-build), which follows Statistics Canada,
//! itself after Eurostat: the compound annual growth rate (CAGR) observed from
//! the first to the latest value, compared with the growth needed from the
//! first value to reach the target by its date. docs/content-format.md,
//! "Outlook", writes out the formulas and thresholds.

use super::{Measurement, Op, Period, Target};

/// Which way is better for an indicator without a numeric target to say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    Higher,
    Lower,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutlookKind {
    /// The latest value already satisfies the target.
    AlreadyMet,
    /// R ≥ 0.95 (times the natural-limit correction).
    OnTrack,
    /// 0.60 ≤ R < 0.95: moderate progress, acceleration needed.
    Moderate,
    /// 0 ≤ R < 0.60.
    Limited,
    /// R < 0.
    MovingAway,
    /// Without a numeric target: P ≥ 1.5 % a year.
    Substantial,
    /// 0.5 % ≤ P < 1.5 %.
    ModerateTrend,
    /// 0 ≤ P < 0.5 %.
    LimitedTrend,
    /// P < 0.
    Deterioration,
}

impl OutlookKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OutlookKind::AlreadyMet => "already-met",
            OutlookKind::OnTrack => "on-track",
            OutlookKind::Moderate => "moderate",
            OutlookKind::Limited => "limited",
            OutlookKind::MovingAway => "moving-away",
            OutlookKind::Substantial => "substantial",
            OutlookKind::ModerateTrend => "moderate-trend",
            OutlookKind::LimitedTrend => "limited-trend",
            OutlookKind::Deterioration => "deterioration",
        }
    }
}

/// The outlook and every input used, so that anyone can recompute it.
#[derive(Debug, Clone, PartialEq)]
pub struct Outlook {
    pub kind: OutlookKind,
    /// First and latest value, with their periods and times (years, at the
    /// end of the period: 2023 → 2024.0, 2023-H1 → 2023.5).
    pub first: (Period, f64),
    pub latest: (Period, f64),
    pub t0: f64,
    pub t: f64,
    /// The target value and the time it is due, when numeric.
    pub target: Option<(f64, f64)>,
    /// +1 when higher is better, -1 when lower is better.
    pub direction: i8,
    /// -1 when the first value is negative, else +1.
    pub sign: i8,
    /// Observed compound annual growth.
    pub cagr: f64,
    /// Growth needed from the first value to reach the target by its date.
    pub cagr_needed: Option<f64>,
    /// R = s·d·CAGR / |CAGRn| with a target, P = s·d·CAGR without.
    pub score: f64,
    /// The natural-limit correction C the positive thresholds were
    /// multiplied by (1 when there is no limit).
    pub correction: f64,
}

/// Zero cannot be a base or target of a growth rate: Open SDG uses 0.001.
const ZERO: f64 = 0.001;
/// The exponent of the natural-limit correction (Open SDG).
const LIMIT_EXPONENT: f64 = 4.44;

/// A period's end as a year with a fraction: 2023 → 2024.0, 2023-H1 → 2023.5,
/// 2023-06-15 → 2023 + (5 + 15/30)/12.
pub fn year_time(p: Period) -> f64 {
    let e = p.end();
    let dim = f64::from(super::period::days_in_month(e.year, e.month));
    f64::from(e.year) + (f64::from(e.month) - 1.0 + f64::from(e.day) / dim) / 12.0
}

/// The outlook of an indicator, or why there is none. `values` are sorted;
/// proxies and values after `cutoff_end` are left out. `limit` is the
/// natural limit (100 for a percentage).
pub fn outlook(
    values: &[Measurement],
    target: Option<&Target>,
    better: Option<Better>,
    limit: Option<f64>,
    cutoff: Period,
) -> Result<Outlook, &'static str> {
    let real: Vec<&Measurement> = values
        .iter()
        .filter(|m| m.proxy.is_none() && m.period.end() <= cutoff.end())
        .collect();
    let (Some(first), Some(last)) = (real.first(), real.last()) else {
        return Err("no values");
    };
    if real.len() < 2 {
        return Err("fewer than two values");
    }
    let (t0, t) = (year_time(first.period), year_time(last.period));
    if t <= t0 {
        return Err("the values span no time");
    }
    let numeric = match target {
        Some(Target::Numeric { value, op, by, .. }) => Some((*value, *op, year_time(*by))),
        _ => None,
    };
    let direction: i8 = match (numeric, better) {
        (Some((_, Op::Ge | Op::Gt, _)), _) => 1,
        (Some((_, Op::Le | Op::Lt, _)), _) => -1,
        (_, Some(Better::Higher)) => 1,
        (_, Some(Better::Lower)) => -1,
        (Some((yt, Op::Eq, _)), None) => {
            if first.value <= yt {
                1
            } else {
                -1
            }
        }
        (None, None) => return Err("no direction: give `better: higher` or `better: lower`"),
    };
    let signs_differ = |a: f64, b: f64| (a < 0.0 && b > 0.0) || (a > 0.0 && b < 0.0);
    if real.iter().any(|m| signs_differ(m.value, first.value))
        || numeric.is_some_and(|(yt, _, _)| signs_differ(yt, first.value))
    {
        return Err("values of both signs have no growth rate");
    }
    let nz = |v: f64| if v == 0.0 { ZERO } else { v };
    let (y0, yt) = (nz(first.value), nz(last.value));
    let sign: i8 = if y0 < 0.0 { -1 } else { 1 };
    let cagr = (yt / y0).powf(1.0 / (t - t0)) - 1.0;
    if !cagr.is_finite() {
        return Err("the growth rate is too large to compute");
    }
    let sd = f64::from(sign) * f64::from(direction);
    let correction = match limit {
        Some(lim) if direction > 0 && y0 <= lim => 1.0 - (y0 / lim).powf(LIMIT_EXPONENT),
        Some(lim) if direction > 0 && y0 < 2.0 * lim => {
            1.0 - ((2.0 * lim - y0) / lim).powf(LIMIT_EXPONENT)
        }
        _ => 1.0,
    };
    let base = Outlook {
        kind: OutlookKind::AlreadyMet,
        first: (first.period, first.value),
        latest: (last.period, last.value),
        t0,
        t,
        target: numeric.map(|(v, _, tt)| (v, tt)),
        direction,
        sign,
        cagr,
        cagr_needed: None,
        score: 0.0,
        correction,
    };
    match numeric {
        Some((target_value, op, tt)) => {
            if op.holds(last.value, target_value) {
                return Ok(base);
            }
            if tt <= t0 {
                return Err("the target is due before the first value");
            }
            let needed = (nz(target_value) / y0).powf(1.0 / (tt - t0)) - 1.0;
            if needed == 0.0 || !needed.is_finite() {
                return Err(
                    "the target equals the first value, or is out of reach of a growth rate",
                );
            }
            let r = sd * cagr / needed.abs();
            let kind = if r >= 0.95 * correction {
                OutlookKind::OnTrack
            } else if r >= 0.60 * correction {
                OutlookKind::Moderate
            } else if r >= 0.0 {
                OutlookKind::Limited
            } else {
                OutlookKind::MovingAway
            };
            Ok(Outlook {
                kind,
                cagr_needed: Some(needed),
                score: r,
                ..base
            })
        }
        None => {
            let p = sd * cagr;
            let kind = if p >= 0.015 * correction {
                OutlookKind::Substantial
            } else if p >= 0.005 * correction {
                OutlookKind::ModerateTrend
            } else if p >= 0.0 {
                OutlookKind::LimitedTrend
            } else {
                OutlookKind::Deterioration
            };
            Ok(Outlook {
                kind,
                score: p,
                ..base
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::testing::{m, target};

    fn close(a: f64, b: f64, eps: f64) {
        assert!((a - b).abs() < eps, "{a} vs {b}");
    }

    const Y2023: Period = Period {
        kind: super::super::PeriodKind::Year(2023),
    };

    #[test]
    fn years_are_counted_at_the_end_of_the_period() {
        close(year_time(Period::year(2023)), 2024.0, 1e-12);
        close(year_time(Period::parse("2023-H1").unwrap()), 2023.5, 1e-12);
        close(year_time(Period::parse("2023-Q1").unwrap()), 2023.25, 1e-12);
    }

    /// The design brief's example, by hand: (56.6/52.1)^(1/2) − 1 = 0.04229;
    /// (80/52.1)^(1/4) − 1 = 0.11318; R = 0.04229 / 0.11318 = 0.3737;
    /// C = 1 − 0.521^4.44 = 0.9447, so the thresholds are 0.897 and 0.567:
    /// limited progress.
    #[test]
    fn rising_toward_a_2025_target() {
        let vals = [m("2021", 52.1), m("2022", 54.0), m("2023", 56.6)];
        let o = outlook(
            &vals,
            Some(&target(80.0, Op::Ge, "2025")),
            None,
            Some(100.0),
            Y2023,
        )
        .unwrap();
        close(o.cagr, 0.04229, 5e-5);
        close(o.cagr_needed.unwrap(), 0.11318, 5e-5);
        close(o.score, 0.3737, 5e-4);
        close(o.correction, 0.9447, 5e-4);
        assert_eq!(o.kind, OutlookKind::Limited);
        assert_eq!((o.t0, o.t), (2022.0, 2024.0));
    }

    /// 2020–2023 and a 2025 target: (70/40)^(1/3) − 1 = 0.20507;
    /// (90/40)^(1/5) − 1 = 0.17608; R = 1.1647; C = 1 − 0.4^4.44 = 0.9829,
    /// threshold 0.9338: on track.
    #[test]
    fn on_track_from_2020_to_2023() {
        let vals = [
            m("2020", 40.0),
            m("2021", 50.0),
            m("2022", 60.0),
            m("2023", 70.0),
        ];
        let o = outlook(
            &vals,
            Some(&target(90.0, Op::Ge, "2025")),
            None,
            Some(100.0),
            Y2023,
        )
        .unwrap();
        close(o.cagr, 0.20507, 5e-5);
        close(o.cagr_needed.unwrap(), 0.17608, 5e-5);
        close(o.score, 1.1647, 5e-4);
        assert_eq!(o.kind, OutlookKind::OnTrack);
    }

    /// Lower is better: 20 → 16 in two years, ≤ 10 by 2025 from 2021:
    /// CAGR = 0.8^(1/2) − 1 = −0.10557; needed = 0.5^(1/4) − 1 = −0.15910;
    /// R = (+1)(−1)(−0.10557)/0.15910 = 0.6635: moderate. No limit applies
    /// to a falling indicator.
    #[test]
    fn falling_is_good() {
        let vals = [m("2021", 20.0), m("2023", 16.0)];
        let o = outlook(
            &vals,
            Some(&target(10.0, Op::Le, "2025")),
            None,
            Some(100.0),
            Y2023,
        )
        .unwrap();
        close(o.cagr, -0.10557, 5e-5);
        close(o.cagr_needed.unwrap(), -0.15910, 5e-5);
        close(o.score, 0.6635, 5e-4);
        assert_eq!((o.direction, o.correction), (-1, 1.0));
        assert_eq!(o.kind, OutlookKind::Moderate);
        // Rising when falling is good is moving away.
        let vals = [m("2021", 20.0), m("2023", 22.0)];
        let o = outlook(
            &vals,
            Some(&target(10.0, Op::Le, "2025")),
            None,
            None,
            Y2023,
        )
        .unwrap();
        assert_eq!(o.kind, OutlookKind::MovingAway);
    }

    /// A zero base is replaced by 0.001: (5/0.001)^(1/2) − 1 = 69.71;
    /// needed (10/0.001)^(1/4) − 1 = 9.0; R = 7.75: on track.
    #[test]
    fn zero_base() {
        let vals = [m("2021", 0.0), m("2023", 5.0)];
        let o = outlook(
            &vals,
            Some(&target(10.0, Op::Ge, "2025")),
            None,
            None,
            Y2023,
        )
        .unwrap();
        close(o.cagr, 69.7107, 1e-3);
        close(o.cagr_needed.unwrap(), 9.0, 1e-9);
        close(o.score, 7.7456, 1e-3);
        assert_eq!(o.kind, OutlookKind::OnTrack);
    }

    /// Negative values of one sign: −5 → −3 in two years, higher is better:
    /// CAGR = 0.6^(1/2) − 1 = −0.22540; s = −1, so P = 0.2254: substantial.
    /// Values of both signs are refused.
    #[test]
    fn negative_values() {
        let vals = [m("2021", -5.0), m("2023", -3.0)];
        let o = outlook(&vals, None, Some(Better::Higher), None, Y2023).unwrap();
        assert_eq!(o.sign, -1);
        close(o.score, 0.22540, 5e-5);
        assert_eq!(o.kind, OutlookKind::Substantial);
        let mixed = [m("2021", -5.0), m("2023", 3.0)];
        assert!(outlook(&mixed, None, Some(Better::Higher), None, Y2023).is_err());
        assert!(
            outlook(&vals, None, None, None, Y2023).is_err(),
            "no direction"
        );
    }

    /// Without a target: 100 → 101 over two years is (1.01)^(1/2) − 1 =
    /// 0.4988 % a year: limited (under 0.5 %); 100 → 102 is 0.995 %: moderate.
    #[test]
    fn thresholds_without_a_target() {
        let k = |v: f64| {
            outlook(
                &[m("2021", 100.0), m("2023", v)],
                None,
                Some(Better::Higher),
                None,
                Y2023,
            )
            .unwrap()
            .kind
        };
        assert_eq!(k(101.0), OutlookKind::LimitedTrend);
        assert_eq!(k(102.0), OutlookKind::ModerateTrend);
        assert_eq!(k(104.0), OutlookKind::Substantial);
        assert_eq!(k(99.0), OutlookKind::Deterioration);
    }

    /// Near a natural limit the thresholds shrink: 95 → 96 in two years
    /// against ≥ 99 by 2025 is CAGR 0.005249, needed 0.010367, R = 0.5063,
    /// limited without a limit; from 95 % the correction is
    /// 1 − 0.95^4.44 = 0.2036, so it is on track (≥ 0.95 × 0.2036 = 0.1934).
    #[test]
    fn natural_limit_correction() {
        let vals = [m("2021", 95.0), m("2023", 96.0)];
        let t = target(99.0, Op::Ge, "2025");
        let o = outlook(&vals, Some(&t), None, Some(100.0), Y2023).unwrap();
        close(o.correction, 0.2036, 5e-4);
        close(o.score, 0.5063, 5e-4);
        assert_eq!(o.kind, OutlookKind::OnTrack);
        let o = outlook(&vals, Some(&t), None, None, Y2023).unwrap();
        assert_eq!(o.kind, OutlookKind::Limited);
    }

    #[test]
    fn a_target_already_met_is_said_so() {
        let vals = [m("2021", 40.0), m("2023", 85.0)];
        let o = outlook(
            &vals,
            Some(&target(80.0, Op::Ge, "2025")),
            None,
            None,
            Y2023,
        )
        .unwrap();
        assert_eq!(o.kind, OutlookKind::AlreadyMet);
    }

    /// Half years count as halves: 2022-H2 (2023.0) → 2023-H1 (2023.5),
    /// 50 → 55: CAGR = 1.1^2 − 1 = 0.21; needed to 60 by 2023 (2024.0):
    /// 1.2^1 − 1 = 0.2; R = 1.05: on track.
    #[test]
    fn half_years() {
        let vals = [m("2022-H2", 50.0), m("2023-H1", 55.0)];
        let o = outlook(
            &vals,
            Some(&target(60.0, Op::Ge, "2023")),
            None,
            None,
            Y2023,
        )
        .unwrap();
        close(o.t - o.t0, 0.5, 1e-12);
        close(o.cagr, 0.21, 1e-9);
        close(o.cagr_needed.unwrap(), 0.2, 1e-9);
        close(o.score, 1.05, 1e-9);
        assert_eq!(o.kind, OutlookKind::OnTrack);
    }

    #[test]
    fn huge_ratios_give_no_outlook_rather_than_nonsense() {
        let vals = [m("2023-06-01", 0.0), m("2023-06-02", 1e300)];
        assert!(outlook(
            &vals,
            Some(&target(1e308, Op::Ge, "2025")),
            None,
            None,
            Y2023
        )
        .is_err());
    }

    #[test]
    fn proxies_and_single_values_give_none() {
        assert!(outlook(
            &[m("2022", 8.48)],
            Some(&target(10.0, Op::Ge, "2023")),
            None,
            None,
            Y2023
        )
        .is_err());
    }
}
