//! Areas and indicators shared across reports: what makes the same measure
//! in two provinces comparable, and the comparison of one shared code.
//!
//! A report states the area it covers (`area:` in report.yaml, a code of
//! content/areas.yaml); an indicator may carry a `code:` shared by the
//! reports of every area. The comparison of a code takes, for each period
//! (a report's period), each area's report for that period and that
//! report's indicator with the code: its status is the report's own,
//! honest status (a 2022 baseline in a 2023 plan is not a 2023 result), and
//! only a value for the period itself is ranked.

use std::collections::BTreeMap;

use super::{
    covers, Better, Date, Indicator, IndicatorPart, Measurement, Op, Period, Report, Site, Target,
    Text,
};

/// An area reports may cover (a province, a city, a district), from the
/// site-wide list `areas.yaml`.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    /// The code reports use (`area: hai-duong`), e.g. the statistical
    /// office's code.
    pub code: String,
    pub name: Text,
    /// The areas that took this one's place from [`Area::from`]: one for a
    /// merger, several for a split. Empty while the area exists.
    pub replaced_by: Vec<String>,
    /// The day the replacement took effect.
    pub from: Option<Date>,
    /// A compared area, or the nation or a region whose figure is shown
    /// beside them as a reference (never ranked).
    pub kind: AreaKind,
}

/// What an area of areas.yaml is to a comparison (`kind:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AreaKind {
    /// An area compared with the others (no `kind:`).
    Area,
    /// The whole country (`kind: national`): its figure is a reference.
    National,
    /// A region (`kind: region`): its figure is a reference.
    Region,
}

impl AreaKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AreaKind::Area => "area",
            AreaKind::National => "national",
            AreaKind::Region => "region",
        }
    }

    /// Whether its figures are shown as references rather than ranked.
    pub fn is_reference(self) -> bool {
        self != AreaKind::Area
    }
}

impl Area {
    /// Whether the area no longer existed when `period` started.
    pub fn replaced_before(&self, period: Period) -> bool {
        !self.replaced_by.is_empty() && self.from.is_some_and(|d| d <= period.start())
    }
}

/// Which way is better for an indicator, as its target or `better:` says.
pub fn direction(i: &Indicator) -> Option<Better> {
    match &i.target {
        Some(Target::Numeric { op, .. }) => match op {
            Op::Ge | Op::Gt => Some(Better::Higher),
            Op::Le | Op::Lt => Some(Better::Lower),
            Op::Eq => i.better,
        },
        _ => i.better,
    }
}

/// One area's figure in one period of a comparison.
#[derive(Debug, Clone, Copy)]
pub struct CompareRow<'a> {
    pub area: &'a Area,
    pub report: &'a Report,
    pub indicator: &'a Indicator,
    /// The value for the period itself (not a proxy): the only kind ranked.
    pub value: Option<&'a Measurement>,
    /// Place among the rows with a value (1 = best), when it has one.
    pub rank: Option<usize>,
}

impl<'a> CompareRow<'a> {
    /// The row's part `id`, if its indicator has one, with its value for
    /// the period itself (not a proxy).
    pub fn part(&self, id: &str) -> Option<(&'a IndicatorPart, Option<&'a Measurement>)> {
        let part = self.indicator.parts.iter().find(|p| p.id == id)?;
        Some((part, values_for(&part.values, self.report.period)))
    }
}

/// The rows of one period: ranked rows first, best first, then the areas
/// with no value for the period, in the order of areas.yaml; and the
/// figures of the nation or regions for the period, never ranked.
#[derive(Debug, Clone)]
pub struct ComparePeriod<'a> {
    pub period: Period,
    pub rows: Vec<CompareRow<'a>>,
    /// Rows of areas whose [`AreaKind`] is a reference, in areas.yaml order.
    pub references: Vec<CompareRow<'a>>,
}

/// One part (by level, district …) of a compared measure: the same id in
/// every area's report is the same part.
#[derive(Debug, Clone, Copy)]
pub struct ComparePart<'a> {
    pub id: &'a str,
    /// Its name in the newest report that has it.
    pub name: &'a Text,
}

/// The comparison of one shared code across areas.
#[derive(Debug, Clone)]
pub struct SharedCode<'a> {
    pub code: &'a str,
    /// Which way the rows are ranked (higher first when no indicator says).
    pub better: Better,
    /// Newest period first.
    pub periods: Vec<ComparePeriod<'a>>,
    /// The parts any area's indicator has, in the order of the newest
    /// report that names each first.
    pub parts: Vec<ComparePart<'a>>,
    /// What the parts split the measure by, as the newest report says.
    pub breakdown: Option<&'a Text>,
}

impl<'a> SharedCode<'a> {
    /// The indicator of the newest row: its name and unit name the page.
    pub fn latest(&self) -> &'a Indicator {
        self.periods[0].rows[0].indicator
    }

    /// Areas of the comparison that were replaced (merged or split), in the
    /// order of areas.yaml, each once.
    pub fn replaced(&self, areas: &'a [Area]) -> Vec<&'a Area> {
        areas
            .iter()
            .filter(|a| !a.replaced_by.is_empty())
            .filter(|a| {
                self.periods.iter().any(|p| {
                    p.rows
                        .iter()
                        .any(|r| r.area.code == a.code || a.replaced_by.contains(&r.area.code))
                })
            })
            .collect()
    }
}

/// Whether the site has any comparison: a report of an area (not the
/// nation or a region) with an indicator carrying a shared code (a built
/// site's areas are all known).
pub fn has_shared_codes(site: &Site) -> bool {
    let compared = |code: &str| {
        site.areas
            .iter()
            .any(|a| a.code == code && !a.kind.is_reference())
    };
    site.reports.iter().any(|r| {
        r.area.as_deref().is_some_and(compared) && r.indicators.iter().any(|i| i.code.is_some())
    })
}

/// The value of `i` for `period` itself (its latest, not a proxy).
pub fn value_for(i: &Indicator, period: Period) -> Option<&Measurement> {
    values_for(&i.values, period)
}

/// The latest of `values` (sorted by period) for `period` itself, not a proxy.
fn values_for(values: &[Measurement], period: Period) -> Option<&Measurement> {
    values
        .iter()
        .rev()
        .find(|m| m.proxy.is_none() && covers(m.period, period))
}

/// Every shared code of the site with at least one report of a known area
/// (not a reference: the nation alone compares nothing), by code, with the
/// periods such a report covers. A report states one area; when two
/// reports of one area share a period, the first in site order (newest,
/// then by slug) is used.
pub fn shared_codes(site: &Site) -> BTreeMap<&str, SharedCode<'_>> {
    let order: BTreeMap<&str, (usize, &Area)> = site
        .areas
        .iter()
        .enumerate()
        .map(|(i, a)| (a.code.as_str(), (i, a)))
        .collect();
    // code → period (by end, start) → area index → row
    type Rows<'s> = BTreeMap<(Date, Date), (Period, BTreeMap<usize, CompareRow<'s>>)>;
    let mut by_code: BTreeMap<&str, Rows> = BTreeMap::new();
    for report in &site.reports {
        let Some(&(ai, area)) = report.area.as_deref().and_then(|c| order.get(c)) else {
            continue;
        };
        for ind in &report.indicators {
            let Some(code) = ind.code.as_deref() else {
                continue;
            };
            by_code
                .entry(code)
                .or_default()
                .entry((report.period.end(), report.period.start()))
                .or_insert_with(|| (report.period, BTreeMap::new()))
                .1
                .entry(ai)
                .or_insert(CompareRow {
                    area,
                    report,
                    indicator: ind,
                    value: value_for(ind, report.period),
                    rank: None,
                });
        }
    }
    by_code
        .into_iter()
        .map(|(code, periods)| {
            let better = periods
                .values()
                .rev()
                .flat_map(|(_, rows)| rows.values())
                .find_map(|r| direction(r.indicator))
                .unwrap_or(Better::Higher);
            let periods: Vec<ComparePeriod> = periods
                .into_values()
                .rev()
                .filter_map(|(period, rows)| {
                    let (references, rows): (Vec<CompareRow>, Vec<CompareRow>) =
                        rows.into_values().partition(|r| r.area.kind.is_reference());
                    (!rows.is_empty()).then(|| ComparePeriod {
                        period,
                        rows: ranked(rows, better),
                        references,
                    })
                })
                .collect();
            let mut parts: Vec<ComparePart> = Vec::new();
            let mut breakdown = None;
            for r in periods.iter().flat_map(|p| p.rows.iter()) {
                breakdown = breakdown.or(r.indicator.breakdown.as_ref());
                for p in &r.indicator.parts {
                    if !parts.iter().any(|q| q.id == p.id) {
                        parts.push(ComparePart {
                            id: &p.id,
                            name: &p.name,
                        });
                    }
                }
            }
            let shared = SharedCode {
                code,
                better,
                periods,
                parts,
                breakdown,
            };
            (code, shared)
        })
        .filter(|(_, s)| !s.periods.is_empty())
        .collect()
}

/// Rows with a value first, best first (ties in area order), then the rest
/// in area order (the order `rows` come in).
fn ranked(rows: Vec<CompareRow>, better: Better) -> Vec<CompareRow> {
    let (mut valued, rest): (Vec<CompareRow>, Vec<CompareRow>) =
        rows.into_iter().partition(|r| r.value.is_some());
    let v = |r: &CompareRow| r.value.map_or(0.0, |m| m.value);
    valued.sort_by(|a, b| match better {
        Better::Higher => v(b).total_cmp(&v(a)),
        Better::Lower => v(a).total_cmp(&v(b)),
    });
    for (i, r) in valued.iter_mut().enumerate() {
        r.rank = Some(i + 1);
    }
    valued.extend(rest);
    valued
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_area_is_replaced_for_periods_that_start_after_the_change() {
        let a = Area {
            code: "hai-duong".into(),
            name: Text::new("vi", "Hải Dương"),
            replaced_by: vec!["hai-phong".into()],
            from: Date::new(2025, 7, 1),
            kind: AreaKind::Area,
        };
        let p = |s: &str| Period::parse(s).unwrap();
        assert!(
            !a.replaced_before(p("2025")),
            "a 2025 plan predates the merger"
        );
        assert!(a.replaced_before(p("2026")));
        assert!(a.replaced_before(p("2025-07")));
        let kept = Area {
            replaced_by: vec![],
            ..a
        };
        assert!(!kept.replaced_before(p("2030")));
    }
}
