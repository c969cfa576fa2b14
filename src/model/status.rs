//! Indicator status against its target: computed, never typed by an editor.

use super::{Indicator, Measurement, Op, Period, Target};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StatusKind {
    Met,
    NotMet,
    NoData,
    NoTarget,
}

impl StatusKind {
    pub const ALL: [StatusKind; 4] = [
        StatusKind::Met,
        StatusKind::NotMet,
        StatusKind::NoData,
        StatusKind::NoTarget,
    ];

    /// The stable identifier used in data files, CSS classes and i18n keys.
    pub fn as_str(self) -> &'static str {
        match self {
            StatusKind::Met => "met",
            StatusKind::NotMet => "not-met",
            StatusKind::NoData => "no-data",
            StatusKind::NoTarget => "no-target",
        }
    }
}

/// How the latest value compares with a numeric target.
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
}

#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub kind: StatusKind,
    /// Index into the indicator's values of the value the status is based on.
    pub latest: Option<usize>,
    pub comparison: Option<Comparison>,
}

/// Status of one indicator in a report whose targets are for `report_period`.
/// `values` must be sorted by period end.
pub fn compute_status(
    values: &[Measurement],
    target: Option<&Target>,
    report_period: Period,
) -> Status {
    let cutoff = report_period.end();
    let latest = values.iter().rposition(|m| m.period.end() <= cutoff);
    let (target_value, op) = match target {
        Some(Target::Numeric { value, op, .. }) => (*value, *op),
        _ => {
            return Status {
                kind: StatusKind::NoTarget,
                latest,
                comparison: None,
            }
        }
    };
    let Some(li) = latest else {
        return Status {
            kind: StatusKind::NoData,
            latest,
            comparison: None,
        };
    };
    let value = values[li].value;
    let attainment = match op {
        Op::Ge | Op::Gt | Op::Eq if target_value > 0.0 => Some(value / target_value),
        Op::Le | Op::Lt if value > 0.0 => Some(target_value / value),
        _ => None,
    };
    let progress = (li > 0)
        .then(|| values[0].value)
        .filter(|first| (target_value - first).abs() > f64::EPSILON)
        .map(|first| (value - first) / (target_value - first));
    let kind = if op.holds(value, target_value) {
        StatusKind::Met
    } else {
        StatusKind::NotMet
    };
    Status {
        kind,
        latest,
        comparison: Some(Comparison {
            value,
            target: target_value,
            op,
            attainment,
            progress,
        }),
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct StatusCounts {
    pub met: usize,
    pub not_met: usize,
    pub no_data: usize,
    pub no_target: usize,
}

impl StatusCounts {
    pub fn of<'a>(indicators: impl Iterator<Item = &'a Indicator>) -> StatusCounts {
        let mut c = StatusCounts::default();
        for i in indicators {
            c.add(i.status.kind);
        }
        c
    }

    pub fn add(&mut self, kind: StatusKind) {
        match kind {
            StatusKind::Met => self.met += 1,
            StatusKind::NotMet => self.not_met += 1,
            StatusKind::NoData => self.no_data += 1,
            StatusKind::NoTarget => self.no_target += 1,
        }
    }

    pub fn get(&self, kind: StatusKind) -> usize {
        match kind {
            StatusKind::Met => self.met,
            StatusKind::NotMet => self.not_met,
            StatusKind::NoData => self.no_data,
            StatusKind::NoTarget => self.no_target,
        }
    }

    pub fn total(&self) -> usize {
        self.met + self.not_met + self.no_data + self.no_target
    }

    /// Indicators with a numeric target, i.e. the ones that are scored.
    pub fn scored(&self) -> usize {
        self.met + self.not_met + self.no_data
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(period: &str, value: f64) -> Measurement {
        Measurement {
            period: Period::parse(period).unwrap(),
            value,
            source: None,
            at: Default::default(),
        }
    }

    fn target(value: f64, op: Op) -> Target {
        Target::Numeric {
            value,
            op,
            by: Period::year(2023),
            source: None,
        }
    }

    #[test]
    fn digital_economy_share_is_not_met() {
        let s = compute_status(
            &[m("2022", 8.48)],
            Some(&target(10.0, Op::Ge)),
            Period::year(2023),
        );
        assert_eq!(s.kind, StatusKind::NotMet);
        let c = s.comparison.unwrap();
        assert!((c.attainment.unwrap() - 0.848).abs() < 1e-9);
        assert_eq!(c.progress, None);
    }

    #[test]
    fn online_dossiers_are_met() {
        let s = compute_status(
            &[m("2022", 56.60)],
            Some(&target(50.0, Op::Ge)),
            Period::year(2023),
        );
        assert_eq!(s.kind, StatusKind::Met);
    }

    #[test]
    fn strict_and_upper_bounds() {
        let p = Period::year(2023);
        assert_eq!(
            compute_status(&[m("2022", 150.0)], Some(&target(150.0, Op::Gt)), p).kind,
            StatusKind::NotMet
        );
        assert_eq!(
            compute_status(&[m("2022", 3.0)], Some(&target(5.0, Op::Le)), p).kind,
            StatusKind::Met
        );
        assert_eq!(
            compute_status(&[m("2022", 5.0)], Some(&target(5.0, Op::Lt)), p).kind,
            StatusKind::NotMet
        );
        assert_eq!(
            compute_status(&[m("2022", 5.0)], Some(&target(5.0, Op::Eq)), p).kind,
            StatusKind::Met
        );
    }

    #[test]
    fn values_after_the_report_period_do_not_count() {
        let s = compute_status(
            &[m("2024-06", 99.0)],
            Some(&target(50.0, Op::Ge)),
            Period::year(2023),
        );
        assert_eq!(s.kind, StatusKind::NoData);
        assert_eq!(s.latest, None);
    }

    #[test]
    fn latest_is_the_last_period_and_progress_uses_the_first() {
        let vals = [m("2021", 40.0), m("2022-H1", 45.0), m("2022", 48.0)];
        let s = compute_status(&vals, Some(&target(50.0, Op::Ge)), Period::year(2023));
        assert_eq!(s.latest, Some(2));
        assert_eq!(s.kind, StatusKind::NotMet);
        assert!((s.comparison.unwrap().progress.unwrap() - 0.8).abs() < 1e-9);
    }

    #[test]
    fn text_targets_and_missing_targets_are_not_scored() {
        let t = Target::Text {
            text: super::super::Text::default(),
            by: None,
            source: None,
        };
        assert_eq!(
            compute_status(&[m("2022", 1.0)], Some(&t), Period::year(2023)).kind,
            StatusKind::NoTarget
        );
        let s = compute_status(&[m("2022", 1.0)], None, Period::year(2023));
        assert_eq!((s.kind, s.latest), (StatusKind::NoTarget, Some(0)));
    }
}
