//! Each indicator's values merged across reports, by period.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Pos};
use crate::model::*;
use crate::yaml;

use super::cache::{CachedHistories, HistoryWarnings};
use super::{spreadsheet, Loader};

impl Loader<'_> {
    /// The histories of `reports`, with their warnings given; from the load
    /// cache for the indicators of reports that did not change.
    pub(super) fn merged_histories(&mut self, reports: &[Arc<Report>]) -> Arc<Histories> {
        let cached = self.cache.as_deref_mut().and_then(|c| c.histories.take());
        let changed = cached.as_ref().and_then(|h| h.changed_ids(reports));
        let (histories, warnings) = match (cached.as_ref(), changed) {
            // No report's indicators changed: the same histories.
            (Some(h), Some(ids)) if ids.is_empty() => (Arc::clone(&h.histories), h.diags.clone()),
            // Some did: merge the histories of their ids again, keep the others.
            (Some(h), Some(ids)) => {
                let (fresh, fresh_warnings) = self.histories(reports, Some(&ids));
                let mut histories = (*h.histories).clone();
                let mut warnings = h.diags.clone();
                for id in &ids {
                    histories.remove(*id);
                    warnings.remove(*id);
                }
                histories.extend(fresh);
                warnings.extend(fresh_warnings);
                (Arc::new(histories), warnings)
            }
            _ => {
                let (histories, warnings) = self.histories(reports, None);
                (Arc::new(histories), warnings)
            }
        };
        for d in warnings.values() {
            self.diags.extend(d.clone());
        }
        if let Some(cache) = self.cache.as_deref_mut() {
            cache.histories = Some(CachedHistories {
                reports: reports.to_vec(),
                histories: Arc::clone(&histories),
                diags: warnings,
            });
        }
        histories
    }

    /// Merge each indicator's values across reports by period (of the ids
    /// in `only`, when given). Two reports giving different values for one
    /// period is a warning (returned by id); the later wins.
    pub(super) fn histories(
        &self,
        reports: &[Arc<Report>],
        only: Option<&HashSet<&str>>,
    ) -> (Histories, HistoryWarnings) {
        // The winning measurement and its report's slug, by period (end,
        // start); entries are built for the winners only.
        type Merged<'r> = BTreeMap<(Date, Date), (&'r Measurement, &'r str)>;
        let mut by_id: BTreeMap<&str, Merged> = BTreeMap::new();
        let mut warnings = HistoryWarnings::new();
        // The positions of each report's values, read when a warning needs
        // one (the file again: loading does not keep its text).
        let mut positions: HashMap<&str, Vec<Vec<Option<Pos>>>> = HashMap::new();
        // Oldest report first, so that later reports overwrite.
        for report in reports.iter().rev() {
            for ind in &report.indicators {
                if only.is_some_and(|ids| !ids.contains(ind.id.as_str())) {
                    continue;
                }
                let merged = by_id.entry(ind.id.as_str()).or_default();
                for m in &ind.values {
                    let key = (m.period.end(), m.period.start());
                    if let Some((prev, prev_report)) = merged.get(&key) {
                        if prev.value != m.value && *prev_report != report.slug {
                            let yaml = report.dir.join("indicators.yaml");
                            let path = spreadsheet::find(&yaml).unwrap_or(yaml);
                            let shown = self.shown(&path);
                            let at = positions
                                .entry(report.slug.as_str())
                                .or_insert_with(|| {
                                    self.read_text(&path, &shown)
                                        .map(|src| {
                                            yaml::nested_positions(&src, 0, "values", "value")
                                        })
                                        .unwrap_or_default()
                                })
                                .get(m.at.indicator)
                                .and_then(|v| v.get(m.at.value).copied().flatten());
                            warnings.entry(ind.id.clone()).or_default().push(
                                Diagnostic::warning(shown, at, msg!("history-conflict",
                                    en: "indicator `{id}`: {period} is {value} here but {prev} in report `{other}`; this report's value is used",
                                    vi: "chỉ tiêu `{id}`: {period} ở đây là {value} nhưng ở báo cáo `{other}` là {prev}; dùng giá trị của báo cáo này",
                                    id = ind.id, period = m.period, value = m.value, prev = prev.value, other = prev_report
                                ))
                                .with_hint(msg!("history-conflict", en: "correct one of the two, or explain the revision in the indicator's note", vi: "sửa một trong hai, hoặc giải thích việc điều chỉnh trong ghi chú (note) của chỉ tiêu")),
                            );
                        }
                    }
                    merged.insert(key, (m, &report.slug));
                }
            }
        }
        let histories = by_id
            .into_iter()
            .map(|(id, m)| {
                let entries = m
                    .into_values()
                    .map(|(m, report)| HistoryEntry {
                        period: m.period,
                        value: m.value,
                        source: m.source.clone(),
                        report: report.to_string(),
                        estimate: m.estimate,
                        proxy: m.proxy.is_some(),
                    })
                    .collect();
                (id.to_string(), entries)
            })
            .collect();
        (histories, warnings)
    }
}
