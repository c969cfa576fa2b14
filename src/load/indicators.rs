//! indicators.yaml (or its spreadsheet): targets, values, agencies, status.

use std::path::Path;

use crate::diagnostics::Diagnostics;
use crate::model::*;

use super::doc::Doc;
use super::raw::*;
use super::report::ReportScope;
use super::{provenance, spreadsheet, Loader};

impl Loader<'_> {
    pub(super) fn indicators(
        &mut self,
        path: &Path,
        langs: &[String],
        scope: &ReportScope,
    ) -> Vec<Indicator> {
        // Indicators may be kept in a spreadsheet instead (spreadsheet/).
        let parsed = match spreadsheet::find(path) {
            Some(sheet) => self.indicators_sheet(path, &sheet, langs),
            None if !path.exists() => return Vec::new(),
            None => self.parse::<Vec<RawIndicator>>(path, langs),
        };
        let Some((raw, doc)) = parsed else {
            return Vec::new();
        };
        let raw = raw.unwrap_or_default();
        let mut d = Diagnostics::new();
        let mut out = Vec::new();
        for (i, r) in raw.iter().enumerate() {
            let at = |f: &str| format!("{i}.{f}");
            doc.slug(&r.id, &at("id"), ["indicator id", "mã chỉ tiêu"], &mut d);
            let code = r.code.as_deref().map(str::trim);
            if let Some(c) = code {
                doc.slug(c, &at("code"), ["shared code", "mã dùng chung"], &mut d);
            }
            scope.check_group(&doc, &r.group, &at("group"), &mut d);
            let name = doc.text(&r.name, &at("name"), &mut d);
            let unit = parse_unit(r.unit.as_deref().unwrap_or("count"));
            if r.decimals.is_some_and(|x| !(0..=6).contains(&x)) {
                d.push(doc.err(&at("decimals"), msg!("invalid-decimals", en: "`decimals` must be between 0 and 6", vi: "`decimals` phải từ 0 đến 6")));
            }
            let target = r
                .target
                .as_ref()
                .and_then(|t| self_target(&doc, t, &at("target"), scope, &mut d));
            let values = measurements(
                &doc,
                &r.values,
                &i.to_string(),
                i,
                unit.kind,
                target.as_ref(),
                scope,
                &mut d,
            );
            let parts = parts(&doc, r, i, unit.kind, scope, &mut d);
            let lead = match &r.lead {
                Some(Some(n)) => Some(scope.lookup.resolve(&doc, n, || at("lead"), &mut d)),
                Some(None) => None,
                None => {
                    d.push(
                        doc.warn(&at("id"), msg!("missing-lead",
                            en: "indicator `{}` has no `lead`",
                            vi: "chỉ tiêu `{}` chưa có cơ quan chủ trì (`lead`)",
                            r.id))
                            .with_hint(msg!("missing-lead",
                                en: "name the agency in charge (chủ trì): `lead: Sở TTTT`; if the plan names none, write `lead: ~`",
                                vi: "ghi cơ quan chủ trì: `lead: Sở TTTT`; nếu kế hoạch không nêu cơ quan nào, ghi `lead: ~`")),
                    );
                    None
                }
            };
            let partners = scope
                .lookup
                .rejoin(&doc, &r.partners.0, |j| format!("{i}.partners.{j}"), &mut d)
                .into_iter()
                .map(|(j, n)| {
                    scope
                        .lookup
                        .resolve(&doc, &n, || format!("{i}.partners.{j}"), &mut d)
                })
                .collect();
            let rules = StatusRules {
                report_period: scope.period,
                as_of: scope.as_of,
            };
            let mut status = compute_status(&values, target.as_ref(), &rules);
            // A measure whose targets are all in its parts takes its status
            // from them (model::combine_parts), not "no numeric target".
            if target.is_none() {
                if let Some(combined) = combine_parts(parts.iter().map(|p| &p.status)) {
                    status = combined;
                }
            }
            out.push(Indicator {
                id: r.id.clone(),
                group: crate::helpers::text::normalize(&r.group),
                name,
                unit,
                decimals: r
                    .decimals
                    .and_then(|d| u8::try_from(d).ok())
                    .filter(|d| *d <= 6),
                target,
                values,
                lead,
                partners,
                note: r.note.as_ref().map(|t| doc.text(t, &at("note"), &mut d)),
                better: r.better.map(|b| match b {
                    RawBetter::Higher => Better::Higher,
                    RawBetter::Lower => Better::Lower,
                }),
                status,
                code: code.map(str::to_string),
                breakdown: r
                    .breakdown
                    .as_ref()
                    .map(|b| doc.text(b, &at("breakdown"), &mut d)),
                parts,
            });
        }
        doc.duplicates(
            &raw.iter()
                .enumerate()
                .map(|(i, r)| (r.id.clone(), format!("{i}.id")))
                .collect::<Vec<_>>(),
            ["indicator id", "mã chỉ tiêu"],
            &mut d,
        );
        self.diags.extend(d);
        out
    }
}

/// The values `raw` (of the item at `base`, in indicator `indicator`),
/// checked, sorted by period, two values for one period reported.
#[allow(clippy::too_many_arguments)]
fn measurements(
    doc: &Doc,
    raw: &[RawValue],
    base: &str,
    indicator: usize,
    unit: Unit,
    target: Option<&Target>,
    scope: &ReportScope,
    d: &mut Diagnostics,
) -> Vec<Measurement> {
    let mut values = Vec::new();
    let mut typed = Vec::new();
    for (j, v) in raw.iter().enumerate() {
        let vat = format!("{base}.values.{j}");
        let period = doc.period(&v.period, &format!("{vat}.period"), d);
        let value = doc.typed_number(&v.value, &format!("{vat}.value"), d);
        let source = v
            .source
            .as_ref()
            .map(|s| doc.source(s, &format!("{vat}.source"), scope.references, d));
        let proxy = provenance::proxy(doc, v, &vat, d);
        if let (Some(period), Some(value)) = (period, value) {
            typed.push((format!("{vat}.value"), value));
            values.push((
                j,
                Measurement {
                    period,
                    value,
                    source,
                    estimate: v.estimate,
                    proxy,
                    at: ValueAt {
                        indicator,
                        value: j,
                    },
                },
            ));
        }
    }
    let target_value = match target {
        Some(Target::Numeric { value, .. }) => Some(*value),
        _ => None,
    };
    doc.unit_checks(unit, &typed, target_value, d);
    values.sort_by_key(|(_, m)| (m.period.end(), m.period.start()));
    for w in values.windows(2) {
        if w[0].1.period == w[1].1.period {
            d.push(
                doc.err(
                    &format!("{base}.values.{}.period", w[1].0),
                    msg!("duplicate-period", en: "period `{}` has two values", vi: "kỳ `{}` có hai giá trị", w[1].1.period),
                )
                .with_hint(msg!("duplicate-period", en: "the other is item {} of `values`", vi: "giá trị kia là mục thứ {} của `values`", w[0].0 + 1)),
            );
        }
    }
    values.into_iter().map(|(_, m)| m).collect()
}

/// The parts of indicator `r` (item `i`), each with its status.
fn parts(
    doc: &Doc,
    r: &RawIndicator,
    i: usize,
    unit: Unit,
    scope: &ReportScope,
    d: &mut Diagnostics,
) -> Vec<IndicatorPart> {
    if r.breakdown.is_some() && r.parts.is_empty() {
        d.push(
            doc.err(&format!("{i}.breakdown"), msg!("breakdown-without-parts",
                en: "`breakdown` names what the parts split the measure by, but this indicator has no `parts`",
                vi: "`breakdown` cho biết chỉ tiêu được chia theo gì, nhưng chỉ tiêu này không có `parts`"))
                .with_hint(msg!("breakdown-without-parts",
                    en: "add `parts:` (each with `id`, `name`, `target`, `values`), or remove `breakdown`",
                    vi: "thêm `parts:` (mỗi phần có `id`, `name`, `target`, `values`), hoặc xoá `breakdown`")),
        );
    }
    let rules = StatusRules {
        report_period: scope.period,
        as_of: scope.as_of,
    };
    let out: Vec<IndicatorPart> = r
        .parts
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let base = format!("{i}.parts.{k}");
            doc.slug(&p.id, &format!("{base}.id"), ["part id", "mã phần"], d);
            let target = p
                .target
                .as_ref()
                .and_then(|t| self_target(doc, t, &format!("{base}.target"), scope, d));
            let values = measurements(doc, &p.values, &base, i, unit, target.as_ref(), scope, d);
            let status = compute_status(&values, target.as_ref(), &rules);
            IndicatorPart {
                id: p.id.clone(),
                name: doc.text(&p.name, &format!("{base}.name"), d),
                target,
                values,
                status,
            }
        })
        .collect();
    doc.duplicates(
        &out.iter()
            .enumerate()
            .map(|(k, p)| (p.id.clone(), format!("{i}.parts.{k}.id")))
            .collect::<Vec<_>>(),
        ["part id", "mã phần"],
        d,
    );
    out
}

pub(super) fn self_target(
    doc: &Doc,
    t: &RawTarget,
    at: &str,
    scope: &ReportScope,
    d: &mut Diagnostics,
) -> Option<Target> {
    match t {
        RawTarget::Number(v) => doc.checked_number(*v, at, d).map(|value| Target::Numeric {
            value,
            op: Op::Ge,
            by: scope.period,
            source: None,
        }),
        RawTarget::Text(t) => doc.text_target(t, at, d).and_then(|(op, value)| {
            Some(Target::Numeric {
                value,
                op: parse_op(op)?,
                by: scope.period,
                source: None,
            })
        }),
        RawTarget::Full(m) => {
            let by = match &m.by {
                Some(p) => doc.period(p, &format!("{at}.by"), d),
                None => Some(scope.period),
            };
            let source = m
                .source
                .as_ref()
                .map(|s| doc.source(s, &format!("{at}.source"), scope.references, d));
            match (&m.value, &m.text) {
                (Some(_), Some(_)) => {
                    d.push(doc.err(at, msg!("target-value-and-text", en: "a target has either `value` (a number) or `text` (a commitment without a number), not both", vi: "mục tiêu chỉ có `value` (một số) hoặc `text` (cam kết không có số), không có cả hai")));
                    None
                }
                (None, None) => {
                    d.push(
                        doc.err(at, msg!("target-empty", en: "a target needs `value` (a number) or `text`", vi: "mục tiêu cần `value` (một số) hoặc `text`"))
                            .with_hint(msg!("target-empty", en: "e.g. target: {{ value: 50, op: \">=\" }}", vi: "ví dụ target: {{ value: 50, op: \">=\" }}")),
                    );
                    None
                }
                (None, Some(text)) => {
                    if m.op.is_some() {
                        d.push(doc.err(
                            &format!("{at}.op"),
                            msg!("target-text-op", en: "`op` applies to a numeric `value`; a text target has none", vi: "`op` chỉ dùng với `value` là số; mục tiêu dạng chữ không có `op`"),
                        ));
                    }
                    Some(Target::Text {
                        text: doc.text(text, &format!("{at}.text"), d),
                        by: m.by.as_ref().and(by),
                        source,
                    })
                }
                (Some(v), None) => {
                    let op = match m.op.as_deref().map(str::trim) {
                        None => Some(Op::Ge),
                        Some(known) if parse_op(known).is_some() => parse_op(known),
                        Some(other) => {
                            d.push(
                                doc.err(
                                    &format!("{at}.op"),
                                    msg!("unknown-op", en: "unknown comparison `{other}`", vi: "phép so sánh `{other}` không hợp lệ"),
                                )
                                .with_hint(msg!("unknown-op", en: "use one of >=, >, <=, <, = (quote it: op: \">=\")", vi: "dùng một trong >=, >, <=, <, = (đặt trong ngoặc kép: op: \">=\")")),
                            );
                            None
                        }
                    };
                    let value = doc.typed_number(v, &format!("{at}.value"), d);
                    Some(Target::Numeric {
                        value: value?,
                        op: op?,
                        by: by?,
                        source,
                    })
                }
            }
        }
    }
}

/// A comparison as written in `op:`.
pub(super) fn parse_op(op: &str) -> Option<Op> {
    match op {
        ">=" | "≥" => Some(Op::Ge),
        ">" => Some(Op::Gt),
        "<=" | "≤" => Some(Op::Le),
        "<" => Some(Op::Lt),
        "=" | "==" => Some(Op::Eq),
        _ => None,
    }
}

pub(super) fn parse_unit(raw: &str) -> UnitSpec {
    let raw = raw.trim();
    let kind = match raw {
        "percent" | "%" => Unit::Percent,
        "count" | "" => Unit::Count,
        "per-100" => Unit::Per100,
        _ if raw.starts_with("currency:") => Unit::Currency,
        _ => Unit::Other,
    };
    UnitSpec {
        kind,
        raw: raw.to_string(),
    }
}
