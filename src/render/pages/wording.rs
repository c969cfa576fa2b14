//! Sentences and phrases of indicator values, targets, sources and periods.

use super::*;

impl Lang<'_> {
    pub(super) fn source(&self, report: &Report, s: &Source) -> String {
        match s {
            Source::Text(t) => self.locator(t),
            Source::Ref { id, at, .. } => {
                let title = report
                    .reference(id)
                    .map(|r| self.text(&r.title))
                    .unwrap_or_else(|| id.clone());
                match at {
                    Some(at) => fill(
                        self.tr("source_at"),
                        &[("title", &title), ("at", &self.locator_str(at))],
                    ),
                    None => title,
                }
            }
        }
    }

    /// The address where a source can be read, from a page whose path to the
    /// output root is `asset_root`: a `ref:` source's own `url` or its reference's, else the
    /// report's document (its `url`, or the attached file).
    pub(super) fn source_href(
        &self,
        report: &Report,
        s: &Source,
        asset_root: &str,
    ) -> Option<String> {
        let document = || {
            report.document.url.clone().or_else(|| {
                report.document.file.as_ref().map(|f| {
                    // Data files sit under the output root, for every language.
                    format!("{asset_root}{}", paths::source_file(&report.slug, &f.name))
                })
            })
        };
        match s {
            Source::Text(_) => document(),
            Source::Ref { id, url, .. } => url
                .clone()
                .or_else(|| report.reference(id).and_then(|r| r.url.clone())),
        }
    }

    /// A place in a document in this page's language: its own translation,
    /// else, on an English page, the Vietnamese locator's words in English.
    pub(super) fn locator(&self, t: &Text) -> String {
        match t.get(self.code) {
            (s, false) => s.to_string(),
            (s, true) => self.locator_str(s),
        }
    }

    pub(super) fn locator_str(&self, s: &str) -> String {
        match self.style {
            Style::En => crate::render::locator::to_english(s).unwrap_or_else(|| s.to_string()),
            Style::Vi => s.to_string(),
        }
    }

    /// "năm 2023" in Vietnamese, "2023" in English: what follows "up to".
    pub(super) fn period_upto(&self, p: Period) -> String {
        match self.style {
            Style::Vi => format::period_phrase(p, self.style),
            Style::En => format::period(p, self.style),
        }
    }

    pub(super) fn value_text(&self, ind: &Indicator, v: f64) -> String {
        format::indicator_value(ind, v, self.style)
    }

    pub(super) fn target_text(&self, ind: &Indicator) -> String {
        match &ind.target {
            // Targets are round numbers: no padding with the indicator's decimals.
            Some(Target::Numeric { value, op, .. }) => {
                format!(
                    "{} {}",
                    op.symbol(),
                    format::with_unit(*value, None, &ind.unit, self.style)
                )
            }
            Some(Target::Text { text, .. }) => self.text(text),
            // A measure whose targets are in its parts: each part's target.
            None if ind.parts.iter().any(|p| p.target.is_some()) => ind
                .parts
                .iter()
                .filter(|p| p.target.is_some())
                .map(|p| {
                    fill(
                        self.tr("part_target"),
                        &[
                            ("part", &self.text(&p.name)),
                            ("target", &self.target_text(&p.as_indicator(ind))),
                        ],
                    )
                })
                .collect::<Vec<_>>()
                .join(self.tr("part_targets_separator")),
            None => self.tr("status_no_target").to_string(),
        }
    }

    /// The sentence that explains a status with the numbers plugged in:
    /// a verdict only from a value for the target period (see
    /// [`crate::model::compute_status`]), else the gap and whether it is due.
    pub(super) fn sentence(&self, report: &Report, ind: &Indicator) -> String {
        let st = self.style;
        let by = match &ind.target {
            Some(Target::Numeric { by, .. }) => *by,
            Some(Target::Text { text, .. }) => {
                return fill(
                    self.tr("sentence_text_target"),
                    &[("text", &self.text(text))],
                )
            }
            None if ind.status.kind != StatusKind::NoTarget => {
                return self.parts_sentence(ind);
            }
            None => return self.tr("sentence_no_target").to_string(),
        };
        let latest = ind.latest();
        let value = latest
            .map(|m| self.measurement_text(ind, m))
            .unwrap_or_default();
        let period = latest
            .map(|m| self.value_period_phrase(report, m.period))
            .unwrap_or_default();
        let gap = ind
            .status
            .comparison
            .map(|c| self.gap_text(ind, c.gap))
            .unwrap_or_default();
        let at_level = ind.status.comparison.is_some_and(|c| c.at_target_level);
        let as_of = format::date(report.as_of, st);
        let proxy = latest
            .and_then(|m| m.proxy.as_ref())
            .map(|p| self.text(&p.note))
            .unwrap_or_default();
        let key = match ind.status.kind {
            StatusKind::Met => "sentence_met",
            StatusKind::NotMet => "sentence_not_met",
            StatusKind::NotYetDue if at_level => "sentence_progress_at_level",
            StatusKind::NotYetDue => "sentence_progress",
            StatusKind::Overdue if ind.status.comparison.is_none() => "sentence_overdue",
            StatusKind::Overdue if at_level => "sentence_overdue_progress_at_level",
            StatusKind::Overdue => "sentence_overdue_progress",
            StatusKind::NoData => "sentence_no_data",
            StatusKind::Proxy => "sentence_proxy",
            StatusKind::NoTarget => "sentence_no_target",
        };
        let mut out = fill(
            self.tr(key),
            &[
                ("value", &value),
                ("period", &period),
                ("target", &self.target_text(ind)),
                ("by", &format::period_phrase(by, st)),
                ("by_end", &format::date(by.end(), st)),
                ("gap", &gap),
                ("as_of", &as_of),
                ("proxy", &proxy),
            ],
        );
        // An overdue indicator may still show a proxy figure: say what it is.
        if ind.status.kind == StatusKind::Overdue && !proxy.is_empty() {
            out.push(' ');
            out.push_str(&fill(
                self.tr("sentence_proxy_shown"),
                &[("value", &value), ("period", &period), ("proxy", &proxy)],
            ));
        }
        out
    }

    /// A measure whose targets are in its parts: the rule (met only when
    /// every part is), then what the parts' figures for their target period
    /// say, never "0 of 3 met" when none has one.
    fn parts_sentence(&self, ind: &Indicator) -> String {
        let scored: Vec<StatusKind> = ind
            .parts
            .iter()
            .map(|p| p.status.kind)
            .filter(|k| *k != StatusKind::NoTarget)
            .collect();
        let n = scored.len().to_string();
        let mut out = fill(self.tr("sentence_parts"), &[("n", &n)]);
        let count = |kind| scored.iter().filter(|k| **k == kind).count();
        let verdicts: Vec<String> = [
            (StatusKind::Met, "parts_met"),
            (StatusKind::NotMet, "parts_not_met"),
        ]
        .into_iter()
        .filter(|(kind, _)| count(*kind) > 0)
        .map(|(kind, key)| fill(self.tr(key), &[("count", &count(kind).to_string())]))
        .collect();
        out.push(' ');
        if verdicts.is_empty() {
            out.push_str(self.tr("sentence_parts_unmeasured"));
        } else {
            let measured = count(StatusKind::Met) + count(StatusKind::NotMet);
            out.push_str(&fill(
                self.tr("sentence_parts_measured"),
                &[
                    ("measured", &measured.to_string()),
                    ("n", &n),
                    ("verdicts", &verdicts.join(", ")),
                ],
            ));
        }
        out
    }

    /// The trend outlook in a sentence with the numbers used, when there is
    /// one to give: a numeric target not yet due, or no numeric target and a
    /// direction (`better`). See [`crate::model::outlook`].
    pub(super) fn outlook_sentence(&self, report: &Report, ind: &Indicator) -> Option<String> {
        let shown = match ind.status.kind {
            StatusKind::NotYetDue => true,
            StatusKind::NoTarget => ind.better.is_some(),
            _ => false,
        };
        if !shown {
            return None;
        }
        let o = ind.outlook(report.period).ok()?;
        let st = self.style;
        let pct = |x: f64| {
            let n = format::number((x * 100.0).abs(), Some(1), st);
            let sign = if x < 0.0 { "−" } else { "+" };
            match st {
                Style::Vi => format!("{sign}{n}\u{a0}%"),
                Style::En => format!("{sign}{n}%"),
            }
        };
        let value = |v: f64| format::with_unit(v, ind.decimals, &ind.unit, st);
        let word = self.tr(&format!("outlook_{}", o.kind.as_str())).to_string();
        let mut args: Vec<(&str, String)> = vec![
            ("first", value(o.first.1)),
            ("first_period", format::period_phrase(o.first.0, st)),
            ("first_plain", format::period(o.first.0, st)),
            ("latest", value(o.latest.1)),
            ("latest_period", format::period_phrase(o.latest.0, st)),
            ("cagr", pct(o.cagr)),
            ("word", word),
            ("target", self.target_text(ind)),
            ("r", format::number(o.score, Some(2), st)),
            ("p", pct(o.score)),
        ];
        if let Some(Target::Numeric { by, .. }) = &ind.target {
            args.push(("by", format::period_phrase(*by, st)));
        }
        if let Some(n) = o.cagr_needed {
            args.push(("needed", pct(n)));
        }
        let key = match (o.kind, o.cagr_needed) {
            (OutlookKind::AlreadyMet, _) => "outlook_sentence_met",
            (_, Some(_)) => "outlook_sentence",
            (_, None) => "outlook_sentence_no_target",
        };
        let refs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let mut out = fill(self.tr(key), &refs);
        if o.correction < 1.0 && o.kind != OutlookKind::AlreadyMet {
            out.push(' ');
            out.push_str(&fill(
                self.tr("outlook_limit"),
                &[("c", &format::number(o.correction, Some(2), st))],
            ));
        }
        Some(out)
    }

    /// "năm 2022", or "năm 2022 (năm cơ sở)" for the report's baseline period.
    pub(super) fn value_period_phrase(&self, report: &Report, p: Period) -> String {
        let phrase = format::period_phrase(p, self.style);
        if report.baseline_period == Some(p) {
            fill(
                self.tr("period_baseline"),
                &[("period", &phrase), ("baseline", self.tr("baseline_word"))],
            )
        } else {
            phrase
        }
    }

    /// A value as shown: "~8,48 %" for an estimate, in its own unit for a proxy.
    pub(super) fn measurement_text(&self, ind: &Indicator, m: &Measurement) -> String {
        let unit = m
            .proxy
            .as_ref()
            .and_then(|p| p.unit.as_ref())
            .unwrap_or(&ind.unit);
        let v = format::with_unit(m.value, ind.decimals, unit, self.style);
        if m.estimate {
            self.estimate(&v)
        } else {
            v
        }
    }

    /// A value marked as an estimate: "~8,48 %".
    pub(super) fn estimate(&self, value: &str) -> String {
        fill(self.tr("value_estimate"), &[("value", value)])
    }

    /// How far a value is from its target, in the target's unit: percentage
    /// points for a percentage.
    pub(super) fn gap_text(&self, ind: &Indicator, gap: f64) -> String {
        match ind.unit.kind {
            Unit::Percent => fill(
                self.plural("percentage_points", usize::from(gap == 1.0)),
                &[("n", &format::number(gap, ind.decimals, self.style))],
            ),
            _ => format::with_unit(gap, ind.decimals, &ind.unit, self.style),
        }
    }
}
