//! Indicator status against its target: computed, never typed by an editor.
//!
//! A verdict (met / not met) is drawn only from a value for the target's own
//! period. A value from before it is progress toward the target, shown with
//! its gap; the report's as-of date (from content, never the clock) decides
//! whether the target is still ahead or overdue for reporting. The rules are
//! written out in docs/content-format.md, "Status".

use super::{Date, Indicator, Measurement, Op, Period, Target};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StatusKind {
    /// A value for the target period meets the target.
    Met,
    /// A value for the target period does not meet the target.
    NotMet,
    /// Only values from before the target period, which has not ended by the
    /// as-of date: progress, no verdict.
    NotYetDue,
    /// The target period ended before the as-of date and no value for it is
    /// in the content (earlier values may be).
    Overdue,
    /// No value at all, and the target period has not ended by the as-of date.
    NoData,
    /// Only figures that measure something other than the target (proxies).
    Proxy,
    /// No numeric target: a commitment without a number, or no target.
    NoTarget,
}

impl StatusKind {
    pub const ALL: [StatusKind; 7] = [
        StatusKind::Met,
        StatusKind::NotMet,
        StatusKind::NotYetDue,
        StatusKind::Overdue,
        StatusKind::NoData,
        StatusKind::Proxy,
        StatusKind::NoTarget,
    ];

    /// The stable identifier used in data files, CSS classes and i18n keys.
    pub fn as_str(self) -> &'static str {
        match self {
            StatusKind::Met => "met",
            StatusKind::NotMet => "not-met",
            StatusKind::NotYetDue => "not-yet-due",
            StatusKind::Overdue => "overdue",
            StatusKind::NoData => "no-data",
            StatusKind::Proxy => "proxy",
            StatusKind::NoTarget => "no-target",
        }
    }

    /// Whether the status is a verdict on the target (met or not met).
    pub fn is_verdict(self) -> bool {
        matches!(self, StatusKind::Met | StatusKind::NotMet)
    }
}

/// How the shown value compares with a numeric target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Comparison {
    pub value: f64,
    pub target: f64,
    pub op: Op,
    /// Share of the target reached (value / target for `>=`/`>`, target / value
    /// for `<=`/`<`), when it is meaningful.
    pub attainment: Option<f64>,
    /// Share of the way from the earliest value to the target, when an earlier
    /// value exists and differs from the target.
    pub progress: Option<f64>,
    /// How far the value is from the target, in the target's unit (0 when the
    /// value already satisfies it).
    pub gap: f64,
    /// Whether the value satisfies the target's rule (for a value from before
    /// the target period: "already at the target's level", not a verdict).
    pub at_target_level: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub kind: StatusKind,
    /// Index into the indicator's values of the value the page shows: the
    /// value for the target period when there is one, else the latest value.
    pub latest: Option<usize>,
    /// The shown value against a numeric target (absent for proxies).
    pub comparison: Option<Comparison>,
    /// The period the target is for.
    pub target_period: Option<Period>,
}

impl Status {
    /// What is known of the indicator, the categories the honest counts
    /// partition indicators into: `met`, `not-met` (a value for the target
    /// period), `earlier` (only values from before it), `no-value`, `proxy`,
    /// `no-target`.
    pub fn evidence(&self) -> &'static str {
        match self.kind {
            StatusKind::Met => "met",
            StatusKind::NotMet => "not-met",
            StatusKind::NotYetDue | StatusKind::Overdue if self.comparison.is_some() => "earlier",
            // Without a comparison, a shown value can only be a proxy.
            StatusKind::Overdue if self.latest.is_some() => "proxy",
            StatusKind::NotYetDue | StatusKind::Overdue | StatusKind::NoData => "no-value",
            StatusKind::Proxy => "proxy",
            StatusKind::NoTarget => "no-target",
        }
    }
}

/// The categories of [`Status::evidence`], in the order pages list them.
pub const EVIDENCE: [&str; 6] = [
    "met",
    "not-met",
    "earlier",
    "no-value",
    "proxy",
    "no-target",
];

/// What a status depends on besides the indicator: the report's period (its
/// targets' default period, and the last period whose values count) and the
/// date the report states its figures as of.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StatusRules {
    pub report_period: Period,
    pub as_of: Date,
}

/// Whether a value's period is the target period for a verdict: it lies
/// within the target period and ends on its last day (`2023`, `2023-Q4`,
/// `2023-12` or `2023-12-31` for a 2023 target; `2023-H1` or `2023-06` for
/// `2023-H1`).
pub fn covers(value: Period, target: Period) -> bool {
    value.end() == target.end() && value.start() >= target.start()
}

/// Status of one indicator; `values` must be sorted by period end.
pub fn compute_status(
    values: &[Measurement],
    target: Option<&Target>,
    rules: &StatusRules,
) -> Status {
    let cutoff = rules.report_period.end();
    let counted = |m: &Measurement| m.period.end() <= cutoff;
    let latest_any = values.iter().rposition(counted);
    let (target_value, op, by) = match target {
        Some(Target::Numeric { value, op, by, .. }) => (*value, *op, *by),
        _ => {
            return Status {
                kind: StatusKind::NoTarget,
                latest: latest_any,
                comparison: None,
                target_period: target.and_then(Target::by),
            }
        }
    };
    let real = |m: &Measurement| counted(m) && m.proxy.is_none();
    let verdict = values.iter().rposition(|m| real(m) && covers(m.period, by));
    let earlier = values.iter().rposition(real);
    let due = rules.as_of > by.end();
    let (kind, shown) = match (verdict, earlier) {
        (Some(i), _) => {
            let met = op.holds(values[i].value, target_value);
            (
                if met {
                    StatusKind::Met
                } else {
                    StatusKind::NotMet
                },
                Some(i),
            )
        }
        (None, _) if due => (StatusKind::Overdue, earlier),
        (None, Some(i)) => (StatusKind::NotYetDue, Some(i)),
        (None, None) if latest_any.is_some() => (StatusKind::Proxy, None),
        (None, None) => (StatusKind::NoData, None),
    };
    let comparison = shown.map(|li| {
        let value = values[li].value;
        let first = values.iter().position(real).filter(|f| *f < li);
        compare(value, first.map(|f| values[f].value), target_value, op)
    });
    Status {
        kind,
        latest: shown.or(latest_any),
        comparison,
        target_period: Some(by),
    }
}

/// The status of a measure whose targets are all in its parts ("cấp tỉnh
/// ≥ 80 %, cấp huyện ≥ 70 %, cấp xã ≥ 60 %"), so that it is counted once,
/// as the document states it, and never reads "no numeric target". Met only
/// when every part with a numeric target is met; not met as soon as one part
/// is not met (a verdict on that part's own period); otherwise the least
/// known of the parts' statuses (overdue, then not yet due, then no data,
/// then proxy), with that part's comparison. `None` when no part has a
/// numeric target.
pub fn combine_parts<'a>(parts: impl IntoIterator<Item = &'a Status>) -> Option<Status> {
    let scored: Vec<&Status> = parts
        .into_iter()
        .filter(|s| s.kind != StatusKind::NoTarget)
        .collect();
    let order = [
        StatusKind::NotMet,
        StatusKind::Overdue,
        StatusKind::NotYetDue,
        StatusKind::NoData,
        StatusKind::Proxy,
        StatusKind::Met,
    ];
    let kind = *order
        .iter()
        .find(|k| scored.iter().any(|s| s.kind == **k))?;
    // The part that decides the measure's status: among those of that kind,
    // the one furthest from its target.
    let decisive = scored.iter().filter(|s| s.kind == kind).min_by(|a, b| {
        let at = |s: &&&Status| s.comparison.and_then(|c| c.attainment).unwrap_or(f64::MAX);
        at(a).total_cmp(&at(b))
    })?;
    Some(Status {
        kind,
        // The measure has no values of its own: its parts have them.
        latest: None,
        comparison: decisive.comparison,
        target_period: scored
            .iter()
            .filter_map(|s| s.target_period)
            .max_by_key(|p| p.end()),
    })
}

fn compare(value: f64, first: Option<f64>, target: f64, op: Op) -> Comparison {
    let attainment = match op {
        Op::Ge | Op::Gt | Op::Eq if target > 0.0 => Some(value / target),
        Op::Le | Op::Lt if value > 0.0 => Some(target / value),
        _ => None,
    };
    let progress = first
        .filter(|first| (target - first).abs() > f64::EPSILON)
        .map(|first| (value - first) / (target - first));
    let at_target_level = op.holds(value, target);
    let gap = if at_target_level {
        0.0
    } else {
        (target - value).abs()
    };
    Comparison {
        value,
        target,
        op,
        attainment,
        progress,
        gap,
        at_target_level,
    }
}

/// Indicators counted by what is known of them, so that no headline reads
/// "0 of 3 met" when none of the three was measured in its target period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct StatusCounts {
    pub met: usize,
    pub not_met: usize,
    pub not_yet_due: usize,
    pub overdue: usize,
    pub no_data: usize,
    pub proxy: usize,
    pub no_target: usize,
    /// Indicators with a numeric target whose shown value is from before the
    /// target period (not yet due or overdue): progress, not verdicts.
    pub earlier: usize,
    /// Of `earlier`, those whose value is already at the target's level.
    pub earlier_at_level: usize,
    /// Indicators with a numeric target and no value at all (no data, or
    /// overdue without any value).
    pub no_value: usize,
    /// Indicators with a numeric target and proxy figures only (whether
    /// overdue or not).
    pub proxy_only: usize,
}

impl StatusCounts {
    pub fn of<'a>(indicators: impl Iterator<Item = &'a Indicator>) -> StatusCounts {
        let mut c = StatusCounts::default();
        for i in indicators {
            c.add(&i.status);
        }
        c
    }

    pub fn add(&mut self, s: &Status) {
        match s.kind {
            StatusKind::Met => self.met += 1,
            StatusKind::NotMet => self.not_met += 1,
            StatusKind::NotYetDue => self.not_yet_due += 1,
            StatusKind::Overdue => self.overdue += 1,
            StatusKind::NoData => self.no_data += 1,
            StatusKind::Proxy => self.proxy += 1,
            StatusKind::NoTarget => self.no_target += 1,
        }
        match s.evidence() {
            "earlier" => {
                self.earlier += 1;
                let at_level = s.comparison.is_some_and(|c| c.at_target_level);
                self.earlier_at_level += usize::from(at_level);
            }
            "no-value" => self.no_value += 1,
            "proxy" => self.proxy_only += 1,
            _ => {}
        }
    }

    pub fn get(&self, kind: StatusKind) -> usize {
        match kind {
            StatusKind::Met => self.met,
            StatusKind::NotMet => self.not_met,
            StatusKind::NotYetDue => self.not_yet_due,
            StatusKind::Overdue => self.overdue,
            StatusKind::NoData => self.no_data,
            StatusKind::Proxy => self.proxy,
            StatusKind::NoTarget => self.no_target,
        }
    }

    pub fn total(&self) -> usize {
        StatusKind::ALL.iter().map(|k| self.get(*k)).sum()
    }

    /// Indicators with a numeric target.
    pub fn scored(&self) -> usize {
        self.total() - self.no_target
    }

    /// Indicators with a verdict: a value for their target period.
    pub fn measured(&self) -> usize {
        self.met + self.not_met
    }

    /// The count of one [`Status::evidence`] category.
    pub fn of_evidence(&self, evidence: &str) -> usize {
        match evidence {
            "met" => self.met,
            "not-met" => self.not_met,
            "earlier" => self.earlier,
            "no-value" => self.no_value,
            "proxy" => self.proxy_only,
            "no-target" => self.no_target,
            _ => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::testing::{m, target as target_by};

    fn target(value: f64, op: Op) -> Target {
        target_by(value, op, "2023")
    }

    /// A 2023 report whose figures are as of `as_of`.
    fn rules(as_of: &str) -> StatusRules {
        StatusRules {
            report_period: Period::year(2023),
            as_of: Date::parse(as_of).unwrap(),
        }
    }

    #[test]
    fn a_measure_with_parts_is_met_only_when_every_part_is() {
        let t = |v: f64| target(v, Op::Ge);
        let r = rules("2024-03-31");
        let met = compute_status(&[m("2023", 82.0)], Some(&t(80.0)), &r);
        let not_met = compute_status(&[m("2023", 61.0)], Some(&t(70.0)), &r);
        let earlier = compute_status(&[m("2022", 48.78)], Some(&t(60.0)), &rules("2023-06-05"));
        let none = compute_status(&[], None, &r);
        let all = combine_parts([&met, &met.clone(), &none]).unwrap();
        assert_eq!(all.kind, StatusKind::Met);
        assert_eq!(all.latest, None);
        let one_not = combine_parts([&met, &not_met]).unwrap();
        assert_eq!(one_not.kind, StatusKind::NotMet);
        assert!((one_not.comparison.unwrap().gap - 9.0).abs() < 1e-9);
        // A met part and one with only an earlier figure: no verdict yet.
        let s = combine_parts([&met, &earlier]).unwrap();
        assert_eq!((s.kind, s.evidence()), (StatusKind::NotYetDue, "earlier"));
        assert_eq!(combine_parts([&none]), None);
    }

    #[test]
    fn a_2022_value_is_progress_toward_a_2023_target_not_a_verdict() {
        // Was "not met": a figure from before the plan judged against its target.
        let s = compute_status(
            &[m("2022", 8.48)],
            Some(&target(10.0, Op::Ge)),
            &rules("2023-06-05"),
        );
        assert_eq!(s.kind, StatusKind::NotYetDue);
        assert_eq!(s.latest, Some(0));
        let c = s.comparison.unwrap();
        assert!((c.gap - 1.52).abs() < 1e-9, "{}", c.gap);
        assert!(!c.at_target_level);
        assert!((c.attainment.unwrap() - 0.848).abs() < 1e-9);
    }

    #[test]
    fn an_earlier_value_already_at_the_level_is_still_not_a_verdict() {
        // Was "met": 56.60 % in 2022 against ≥ 50 % in 2023.
        let s = compute_status(
            &[m("2022", 56.60)],
            Some(&target(50.0, Op::Ge)),
            &rules("2023-06-05"),
        );
        assert_eq!(s.kind, StatusKind::NotYetDue);
        let c = s.comparison.unwrap();
        assert!(c.at_target_level);
        assert_eq!(c.gap, 0.0);
    }

    #[test]
    fn the_as_of_date_past_the_target_period_makes_it_overdue() {
        let t = target(10.0, Op::Ge);
        let s = compute_status(&[m("2022", 8.48)], Some(&t), &rules("2024-01-01"));
        assert_eq!(s.kind, StatusKind::Overdue);
        assert!(s.comparison.is_some());
        // On the target period's last day it is not yet overdue.
        let s = compute_status(&[], Some(&t), &rules("2023-12-31"));
        assert_eq!(s.kind, StatusKind::NoData);
        let s = compute_status(&[], Some(&t), &rules("2024-01-01"));
        assert_eq!((s.kind, s.comparison), (StatusKind::Overdue, None));
    }

    #[test]
    fn a_value_for_the_target_period_gives_a_verdict() {
        let t = target(10.0, Op::Ge);
        let vals = [m("2022", 8.48), m("2023", 10.2)];
        let s = compute_status(&vals, Some(&t), &rules("2024-03-31"));
        assert_eq!((s.kind, s.latest), (StatusKind::Met, Some(1)));
        let vals = [m("2022", 8.48), m("2023", 9.0)];
        let s = compute_status(&vals, Some(&t), &rules("2024-03-31"));
        assert_eq!(s.kind, StatusKind::NotMet);
        assert!((s.comparison.unwrap().gap - 1.0).abs() < 1e-9);
    }

    #[test]
    fn a_2025_target_is_not_judged_by_a_2023_value() {
        // Was "85 % in 2023, target ≥ 100 % by 2025: not met".
        let s = compute_status(
            &[m("2023", 85.0)],
            Some(&target_by(100.0, Op::Ge, "2025")),
            &rules("2023-12-31"),
        );
        assert_eq!(s.kind, StatusKind::NotYetDue);
        assert_eq!(s.target_period, Some(Period::year(2025)));
    }

    #[test]
    fn half_years_quarters_and_days_cover_a_period_they_end() {
        let y = Period::year(2023);
        let p = |s: &str| Period::parse(s).unwrap();
        assert!(covers(p("2023"), y));
        assert!(covers(p("2023-Q4"), y));
        assert!(covers(p("2023-12-31"), y));
        assert!(covers(p("2023-01-01..2023-12-31"), y));
        assert!(
            !covers(p("2023-H1"), y),
            "a half-year does not cover its year"
        );
        assert!(
            !covers(p("2022-07-01..2023-12-31"), y),
            "starts before the year"
        );
        assert!(covers(p("2023-06"), p("2023-H1")));
        assert!(
            !covers(p("2023"), p("2023-H1")),
            "a year is later than its half"
        );
        // A 2023-H1 figure for a 2023 target is progress.
        let s = compute_status(
            &[m("2023-H1", 9.0)],
            Some(&target(10.0, Op::Ge)),
            &rules("2023-07-15"),
        );
        assert_eq!(s.kind, StatusKind::NotYetDue);
        // A half-year target is judged by its half.
        let s = compute_status(
            &[m("2023-H1", 9.0)],
            Some(&target_by(8.0, Op::Ge, "2023-H1")),
            &rules("2023-07-15"),
        );
        assert_eq!(s.kind, StatusKind::Met);
    }

    #[test]
    fn strict_and_upper_bounds() {
        let r = rules("2024-01-01");
        let k = |v: f64, t: Target| compute_status(&[m("2023", v)], Some(&t), &r).kind;
        assert_eq!(k(150.0, target(150.0, Op::Gt)), StatusKind::NotMet);
        assert_eq!(k(3.0, target(5.0, Op::Le)), StatusKind::Met);
        assert_eq!(k(5.0, target(5.0, Op::Lt)), StatusKind::NotMet);
        assert_eq!(k(5.0, target(5.0, Op::Eq)), StatusKind::Met);
    }

    #[test]
    fn values_after_the_report_period_do_not_count() {
        let s = compute_status(
            &[m("2024-06", 99.0)],
            Some(&target(50.0, Op::Ge)),
            &rules("2023-06-05"),
        );
        assert_eq!(s.kind, StatusKind::NoData);
        assert_eq!(s.latest, None);
    }

    #[test]
    fn progress_uses_the_first_value() {
        let vals = [m("2021", 40.0), m("2022-H1", 45.0), m("2022", 48.0)];
        let s = compute_status(&vals, Some(&target(50.0, Op::Ge)), &rules("2023-06-05"));
        assert_eq!(s.latest, Some(2));
        assert_eq!(s.kind, StatusKind::NotYetDue);
        assert!((s.comparison.unwrap().progress.unwrap() - 0.8).abs() < 1e-9);
    }

    #[test]
    fn a_proxy_gives_no_verdict() {
        let mut v = m("2023", 85.0);
        v.proxy = Some(super::super::Proxy {
            note: super::super::Text::new("vi", "thuê bao trên 100 hộ, không phải tỷ lệ phủ"),
            unit: None,
        });
        let s = compute_status(
            std::slice::from_ref(&v),
            Some(&target(80.0, Op::Gt)),
            &rules("2023-12-31"),
        );
        assert_eq!(
            (s.kind, s.latest, s.comparison),
            (StatusKind::Proxy, Some(0), None)
        );
        // Once the target period is over, the missing real figure is overdue.
        let s = compute_status(&[v], Some(&target(80.0, Op::Gt)), &rules("2024-01-01"));
        assert_eq!(s.kind, StatusKind::Overdue);
    }

    #[test]
    fn text_targets_and_missing_targets_are_not_scored() {
        let t = Target::Text {
            text: super::super::Text::default(),
            by: None,
            source: None,
        };
        let r = rules("2024-01-01");
        assert_eq!(
            compute_status(&[m("2022", 1.0)], Some(&t), &r).kind,
            StatusKind::NoTarget
        );
        let s = compute_status(&[m("2022", 1.0)], None, &r);
        assert_eq!((s.kind, s.latest), (StatusKind::NoTarget, Some(0)));
    }

    #[test]
    fn counts_say_what_is_known() {
        let r = rules("2023-06-05");
        let t = target(10.0, Op::Ge);
        let statuses = [
            compute_status(&[m("2022", 8.0)], Some(&t), &r),
            compute_status(&[m("2022", 12.0)], Some(&t), &r),
            compute_status(&[], Some(&t), &r),
            compute_status(&[], None, &r),
        ];
        let mut c = StatusCounts::default();
        for s in &statuses {
            c.add(s);
        }
        assert_eq!(c.measured(), 0);
        assert_eq!((c.earlier, c.earlier_at_level, c.no_value), (2, 1, 1));
        assert_eq!((c.not_yet_due, c.no_data, c.no_target), (2, 1, 1));
        assert_eq!((c.total(), c.scored()), (4, 3));
    }
}
