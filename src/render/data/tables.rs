//! The tables of a report as CSV and JSON: indicators, projects, datasets.

use std::borrow::Cow;

use super::*;

/// Whether a spreadsheet could read `s` as a formula: a sign with
/// something after it that is not a number. A sign alone (the target
/// operator `=`) is text to every spreadsheet and stays as it is.
pub(super) fn looks_like_formula(s: &str) -> bool {
    s.len() > 1 && s.starts_with(['=', '+', '-', '@']) && s.parse::<f64>().is_err()
}

pub(super) fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || looks_like_formula(s) {
        // Quote; a leading formula character is neutralised with a quote mark
        // so a spreadsheet shows the text instead of evaluating it.
        let s = if looks_like_formula(s) {
            format!("'{s}")
        } else {
            s.to_string()
        };
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub(in crate::render) fn csv(header: &[&str], rows: Vec<Vec<String>>) -> Vec<u8> {
    let mut s = String::from(BOM);
    s.push_str(&header.join(","));
    s.push_str("\r\n");
    for row in rows {
        s.push_str(
            &row.iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        s.push_str("\r\n");
    }
    s.into_bytes()
}

pub(in crate::render) fn num(v: f64) -> String {
    // Shortest representation that round-trips; never locale-formatted.
    let s = format!("{v}");
    s
}

pub(in crate::render) fn source_text(r: &Report, s: Option<&Source>) -> String {
    match s {
        None => String::new(),
        Some(Source::Text(t)) => t.default.clone(),
        Some(Source::Ref { id, at, .. }) => {
            let title = r
                .reference(id)
                .map(|x| x.title.default.clone())
                .unwrap_or_else(|| id.clone());
            match at {
                Some(at) => format!("{title}, {at}"),
                None => title,
            }
        }
    }
}

pub(super) fn agency_list(list: &[AgencyRef]) -> String {
    list.iter()
        .map(|a| a.written.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

pub(in crate::render) fn text_json(t: &Text) -> Value {
    json!(t.translations)
}

pub const INDICATOR_COLUMNS: &[&str] = &[
    "report",
    "indicator_id",
    "group_id",
    "group_name",
    "indicator_name",
    "unit",
    "target_op",
    "target_value",
    "target_text",
    "target_by",
    "target_source",
    "period",
    "value",
    "value_source",
    "is_latest",
    "status",
    "lead",
    "partners",
    "better",
    "value_estimate",
    "value_proxy",
    "value_proxy_unit",
    "part",
    "part_name",
];

pub(super) fn indicators_csv(r: &Report) -> Vec<u8> {
    let mut rows = Vec::new();
    for i in &r.indicators {
        indicator_rows(r, i, &mut rows);
    }
    csv(INDICATOR_COLUMNS, rows)
}

/// One indicator's rows of `indicators.csv`: one per value (or one without),
/// then the same for each of its parts, under the indicator's id and name
/// with the part's id and name, target, values and status.
pub(super) fn indicator_rows(r: &Report, i: &Indicator, rows: &mut Vec<Vec<String>>) {
    value_rows(r, i, i, None, rows);
    for p in &i.parts {
        value_rows(r, i, &p.as_indicator(i), Some(p), rows);
    }
}

/// The rows of `i` (the indicator itself, or one of its parts as an
/// indicator) written as indicator `of`.
fn value_rows(
    r: &Report,
    of: &Indicator,
    i: &Indicator,
    part: Option<&IndicatorPart>,
    rows: &mut Vec<Vec<String>>,
) {
    {
        let (op, tv, tt, by, ts) = match &i.target {
            Some(Target::Numeric {
                value,
                op,
                by,
                source,
            }) => (
                op.as_str().to_string(),
                num(*value),
                String::new(),
                by.to_string(),
                source_text(r, source.as_ref()),
            ),
            Some(Target::Text { text, by, source }) => (
                String::new(),
                String::new(),
                text.default.clone(),
                by.map(|b| b.to_string()).unwrap_or_default(),
                source_text(r, source.as_ref()),
            ),
            None => Default::default(),
        };
        let group_name = r
            .group(&i.group)
            .map(|g| g.name.default.clone())
            .unwrap_or_default();
        let better = match i.better {
            Some(Better::Higher) => "higher",
            Some(Better::Lower) => "lower",
            None => "",
        };
        let base = |period: String,
                    value: String,
                    vsource: String,
                    latest: bool,
                    m: Option<&Measurement>| {
            let proxy = m.and_then(|m| m.proxy.as_ref());
            vec![
                r.slug.clone(),
                of.id.clone(),
                i.group.clone(),
                group_name.clone(),
                of.name.default.clone(),
                i.unit.raw.clone(),
                op.clone(),
                tv.clone(),
                tt.clone(),
                by.clone(),
                ts.clone(),
                period,
                value,
                vsource,
                if latest {
                    "true".into()
                } else {
                    "false".into()
                },
                i.status.kind.as_str().to_string(),
                i.lead
                    .as_ref()
                    .map(|a| a.written.clone())
                    .unwrap_or_default(),
                agency_list(&i.partners),
                better.to_string(),
                m.map_or("", |m| if m.estimate { "true" } else { "false" })
                    .to_string(),
                proxy.map_or(String::new(), |p| p.note.default.clone()),
                proxy
                    .and_then(|p| p.unit.as_ref())
                    .map_or(String::new(), |u| u.raw.clone()),
                part.map_or(String::new(), |p| p.id.clone()),
                part.map_or(String::new(), |p| p.name.default.clone()),
            ]
        };
        if i.values.is_empty() {
            rows.push(base(
                String::new(),
                String::new(),
                String::new(),
                false,
                None,
            ));
        }
        for (k, m) in i.values.iter().enumerate() {
            rows.push(base(
                m.period.to_string(),
                num(m.value),
                source_text(r, m.source.as_ref()),
                i.status.latest == Some(k),
                Some(m),
            ));
        }
    }
}

pub(super) fn indicators_json(config: &SiteConfig, r: &Report) -> Vec<u8> {
    // Written straight from structs (fields in the sorted order a
    // `serde_json::Value` map gives them): no tree of maps per indicator.
    #[derive(serde::Serialize)]
    struct File<'a> {
        as_of: String,
        counts: Value,
        document: Value,
        indicators: Vec<IndicatorJson<'a>>,
        license: Value,
        period: String,
        report: &'a str,
        sources: Value,
    }
    pretty(&File {
        as_of: r.as_of.to_string(),
        counts: serde_json::to_value(r.counts()).unwrap_or_default(),
        document: json!({ "number": r.document.number, "date": r.document.date.to_string() }),
        indicators: r.indicators.iter().map(|i| indicator_json(r, i)).collect(),
        license: provenance::license_json(config),
        period: r.period.to_string(),
        report: &r.slug,
        sources: provenance::sources_json(r),
    })
}

/// An agency as the JSON names it: as written, and its id when it resolved.
#[derive(serde::Serialize)]
pub(super) struct AgencyJson<'a> {
    agency: Option<Cow<'a, str>>,
    name: Cow<'a, str>,
}

impl<'a> AgencyJson<'a> {
    fn of(a: &'a AgencyRef) -> Self {
        AgencyJson {
            agency: a.id.as_deref().map(Cow::Borrowed),
            name: Cow::Borrowed(&a.written),
        }
    }

    fn into_owned(self) -> AgencyJson<'static> {
        AgencyJson {
            agency: self.agency.map(|a| Cow::Owned(a.into_owned())),
            name: Cow::Owned(self.name.into_owned()),
        }
    }
}

/// One value of an indicator in its JSON (fields in sorted order).
#[derive(serde::Serialize)]
pub(super) struct ValueJson {
    estimate: bool,
    period: String,
    proxy: Option<Value>,
    source: String,
    value: f64,
}

/// One indicator as `indicators.json` and its own JSON file give it, with
/// its fields in the sorted order a `serde_json::Value` map gives them (so
/// the bytes are those of the map it replaces).
#[derive(serde::Serialize)]
pub(super) struct IndicatorJson<'a> {
    at_target_level: Option<bool>,
    attainment: Option<f64>,
    /// Only for a measure with parts (other indicators' JSON is as it was).
    #[serde(skip_serializing_if = "Option::is_none")]
    breakdown: Option<Option<Value>>,
    evidence: &'static str,
    gap: Option<f64>,
    group: String,
    id: String,
    latest_period: Option<String>,
    lead: Option<AgencyJson<'a>>,
    name: Value,
    note: Option<Value>,
    outlook: Value,
    partners: Vec<AgencyJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parts: Option<Vec<IndicatorJson<'static>>>,
    status: &'static str,
    target: Value,
    target_period: Option<String>,
    unit: String,
    values: Vec<ValueJson>,
    verdict: bool,
}

/// One indicator as `indicators.json` and its own JSON file give it.
pub(super) fn indicator_json<'a>(r: &Report, i: &'a Indicator) -> IndicatorJson<'a> {
    let target = match &i.target {
        Some(Target::Numeric {
            value,
            op,
            by,
            source,
        }) => json!({
            "value": value, "op": op.as_str(), "by": by.to_string(), "source": source_text(r, source.as_ref())
        }),
        Some(Target::Text { text, by, source }) => json!({
            "text": text_json(text), "by": by.map(|b| b.to_string()), "source": source_text(r, source.as_ref())
        }),
        None => Value::Null,
    };
    let (breakdown, parts) = if i.parts.is_empty() {
        (None, None)
    } else {
        let parts = i
            .parts
            .iter()
            .map(|p| {
                // A part's indicator is made here and dropped: its JSON owns what it shows.
                let part = p.as_indicator(i);
                let mut json = owned_indicator_json(r, &part);
                json.id = p.id.clone();
                json
            })
            .collect();
        (Some(i.breakdown.as_ref().map(text_json)), Some(parts))
    };
    let comparison = i.status.comparison;
    IndicatorJson {
        at_target_level: comparison.map(|c| c.at_target_level),
        attainment: comparison.and_then(|c| c.attainment),
        breakdown,
        evidence: i.status.evidence(),
        gap: comparison.map(|c| c.gap),
        group: i.group.clone(),
        id: i.id.clone(),
        latest_period: i.latest().map(|m| m.period.to_string()),
        lead: i.lead.as_ref().map(AgencyJson::of),
        name: text_json(&i.name),
        note: i.note.as_ref().map(text_json),
        outlook: provenance::outlook_json(i, r.period),
        partners: i.partners.iter().map(AgencyJson::of).collect(),
        parts,
        status: i.status.kind.as_str(),
        target,
        target_period: i.status.target_period.map(|p| p.to_string()),
        unit: i.unit.raw.clone(),
        values: i
            .values
            .iter()
            .map(|m| ValueJson {
                estimate: m.estimate,
                period: m.period.to_string(),
                proxy: m.proxy.as_ref().map(|p| json!({ "note": text_json(&p.note), "unit": p.unit.as_ref().map(|u| u.raw.clone()) })),
                source: source_text(r, m.source.as_ref()),
                value: m.value,
            })
            .collect(),
        verdict: i.status.kind.is_verdict(),
    }
}

/// [`indicator_json`] of an indicator that does not outlive it (a part's):
/// the agencies copied.
fn owned_indicator_json(r: &Report, i: &Indicator) -> IndicatorJson<'static> {
    let json = indicator_json(r, i);
    IndicatorJson {
        lead: json.lead.map(AgencyJson::into_owned),
        partners: json
            .partners
            .into_iter()
            .map(AgencyJson::into_owned)
            .collect(),
        ..json
    }
}
pub const PROJECT_COLUMNS: &[&str] = &[
    "report",
    "number",
    "name",
    "category",
    "group_id",
    "lead",
    "partners",
    "timeframe",
    "due",
    "status",
    "source",
];

pub(super) fn projects_csv(r: &Report) -> Vec<u8> {
    let rows = r
        .projects
        .iter()
        .enumerate()
        .map(|(k, p)| {
            vec![
                r.slug.clone(),
                (k + 1).to_string(),
                p.name.default.clone(),
                p.category
                    .as_ref()
                    .map(|c| c.default.clone())
                    .unwrap_or_default(),
                p.group.clone().unwrap_or_default(),
                agency_list(&p.lead),
                agency_list(&p.partners),
                p.timeframe
                    .as_ref()
                    .map(|c| c.default.clone())
                    .unwrap_or_default(),
                p.due.map(|d| d.to_string()).unwrap_or_default(),
                p.status.map(|s| s.as_str().to_string()).unwrap_or_default(),
                source_text(r, p.source.as_ref()),
            ]
        })
        .collect();
    csv(PROJECT_COLUMNS, rows)
}

pub(super) fn projects_json(config: &SiteConfig, r: &Report) -> Value {
    let items: Vec<Value> = r
        .projects
        .iter()
        .map(|p| {
            json!({
                "name": text_json(&p.name),
                "category": p.category.as_ref().map(text_json),
                "group": p.group,
                "lead": p.lead.iter().map(|a| json!({ "name": a.written, "agency": a.id })).collect::<Vec<_>>(),
                "partners": p.partners.iter().map(|a| json!({ "name": a.written, "agency": a.id })).collect::<Vec<_>>(),
                "timeframe": p.timeframe.as_ref().map(text_json),
                "due": p.due.map(|d| d.to_string()),
                "status": p.status.map(|s| s.as_str()),
                "source": source_text(r, p.source.as_ref()),
            })
        })
        .collect();
    json!({
        "report": r.slug,
        "as_of": r.as_of.to_string(),
        "license": provenance::license_json(config),
        "projects": items,
    })
}

pub(super) fn dataset_csv(d: &Dataset) -> Vec<u8> {
    let header: Vec<&str> = d.columns.iter().map(|c| c.id.as_str()).collect();
    let rows = d
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Cell::Empty => String::new(),
                    Cell::Number(v) => num(*v),
                    Cell::Text(t) => t.default.clone(),
                })
                .collect()
        })
        .collect();
    csv(&header, rows)
}

pub(super) fn dataset_json(d: &Dataset) -> Value {
    json!({
        "id": d.id,
        "title": text_json(&d.title),
        "columns": d.columns.iter().map(|c| json!({ "id": c.id, "name": text_json(&c.name), "unit": c.unit.as_ref().map(|u| &u.raw) })).collect::<Vec<_>>(),
        "rows": d.rows.iter().map(|row| {
            let obj: serde_json::Map<String, Value> = d.columns.iter().zip(row).map(|(c, cell)| (c.id.clone(), match cell {
                Cell::Empty => Value::Null,
                Cell::Number(v) => json!(v),
                Cell::Text(t) => text_json(t),
            })).collect();
            Value::Object(obj)
        }).collect::<Vec<_>>(),
    })
}
