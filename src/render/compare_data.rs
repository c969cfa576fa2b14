//! The open data of one comparison (a shared indicator code across areas):
//! `comparison.csv` (one row per period and area, the nation's or a
//! region's first, each followed by a row per part of its measure, as in
//! `indicators.csv`), `comparison.json` (the same, nested by period, with
//! the areas replaced and by what) and a `datapackage.json` describing
//! both, beside the comparison's page. Every row names the report and the
//! document its figure comes from.

use serde_json::{json, Value};

use super::data::{csv, num, pretty, sha256_hex, source_text, text_json};
use super::{paths, provenance, Output};
use crate::model::{
    Area, Better, CompareRow, Indicator, IndicatorPart, Measurement, SharedCode, Site, Status,
    Target,
};

pub const COMPARE_COLUMNS: &[&str] = &[
    "period",
    "rank",
    "area_code",
    "area_name",
    "report",
    "indicator_id",
    "indicator_name",
    "unit",
    "value",
    "value_period",
    "status",
    "target_op",
    "target_value",
    "target_by",
    "area_replaced_by",
    "area_replaced_from",
    "area_kind",
    "value_source",
    "document",
    "document_date",
    "part",
    "part_name",
];

const CSV_NAME: &str = "comparison.csv";
const JSON_NAME: &str = "comparison.json";
const PACKAGE_NAME: &str = "datapackage.json";

/// The data files of `shared`, into `out`; when not `packed` (`check`,
/// which drops every file unread), named but empty.
pub(super) fn write_compare_data(site: &Site, shared: &SharedCode, packed: bool, out: &mut Output) {
    let code = shared.code;
    if !packed {
        for name in [CSV_NAME, JSON_NAME, PACKAGE_NAME] {
            out.add(paths::compare_file(code, name), Vec::new());
        }
        return;
    }
    let csv_bytes = comparison_csv(shared);
    let json_bytes = pretty(&comparison_json(site, shared));
    let package = datapackage(site, shared, &csv_bytes, &json_bytes);
    out.add(paths::compare_file(code, CSV_NAME), csv_bytes);
    out.add(paths::compare_file(code, JSON_NAME), json_bytes);
    out.add(paths::compare_file(code, PACKAGE_NAME), pretty(&package));
}

/// The row's figure: the value for the period, else the value its report
/// shows (an earlier one), with the period it is for.
fn figure<'a>(r: &CompareRow<'a>) -> Option<&'a Measurement> {
    r.value.or_else(|| r.indicator.latest())
}

/// A part's figure: its value for the period, else its latest.
fn part_figure<'a>(
    part: &'a IndicatorPart,
    value: Option<&'a Measurement>,
) -> Option<&'a Measurement> {
    value.or_else(|| part.status.latest.map(|i| &part.values[i]))
}

fn target_fields(target: Option<&Target>) -> (String, String, String) {
    match target {
        Some(Target::Numeric { value, op, by, .. }) => {
            (op.as_str().to_string(), num(*value), by.to_string())
        }
        _ => Default::default(),
    }
}

fn target_json(target: Option<&Target>) -> Value {
    match target {
        Some(Target::Numeric { value, op, by, .. }) => json!({
            "op": op.as_str(), "value": value, "by": by.to_string(),
        }),
        _ => Value::Null,
    }
}

/// The row of one figure (the measure's, or a part's when `part` is given).
fn csv_row(
    period: &str,
    r: &CompareRow,
    fig: Option<&Measurement>,
    status: &Status,
    target: Option<&Target>,
    part: Option<&IndicatorPart>,
) -> Vec<String> {
    let (op, target, by) = target_fields(target);
    vec![
        period.to_string(),
        match part {
            None => r.rank.map(|n| n.to_string()).unwrap_or_default(),
            Some(_) => String::new(),
        },
        r.area.code.clone(),
        r.area.name.default.clone(),
        r.report.slug.clone(),
        r.indicator.id.clone(),
        r.indicator.name.default.clone(),
        r.indicator.unit.raw.clone(),
        fig.map(|m| num(m.value)).unwrap_or_default(),
        fig.map(|m| m.period.to_string()).unwrap_or_default(),
        status.kind.as_str().to_string(),
        op,
        target,
        by,
        r.area.replaced_by.join(";"),
        r.area.from.map(|d| d.to_string()).unwrap_or_default(),
        r.area.kind.as_str().to_string(),
        fig.map(|m| source_text(r.report, m.source.as_ref()))
            .unwrap_or_default(),
        r.report.document.number.clone(),
        r.report.document.date.to_string(),
        part.map(|p| p.id.clone()).unwrap_or_default(),
        part.map(|p| p.name.default.clone()).unwrap_or_default(),
    ]
}

fn comparison_csv(shared: &SharedCode) -> Vec<u8> {
    let mut rows = Vec::new();
    for p in &shared.periods {
        let period = p.period.to_string();
        for r in p.references.iter().chain(&p.rows) {
            let ind: &Indicator = r.indicator;
            rows.push(csv_row(
                &period,
                r,
                figure(r),
                &ind.status,
                ind.target.as_ref(),
                None,
            ));
            for part in &ind.parts {
                let (_, value) = r.part(&part.id).unwrap_or((part, None));
                rows.push(csv_row(
                    &period,
                    r,
                    part_figure(part, value),
                    &part.status,
                    part.target.as_ref(),
                    Some(part),
                ));
            }
        }
    }
    csv(COMPARE_COLUMNS, rows)
}

fn area_json(a: &Area) -> Value {
    json!({
        "code": a.code,
        "name": text_json(&a.name),
        "replaced_by": a.replaced_by,
        "from": a.from.map(|d| d.to_string()),
        "kind": a.kind.as_str(),
    })
}

/// One row of a period: the area's figure, status, target and parts, and
/// the report and document they come from.
fn row_json(r: &CompareRow) -> Value {
    let fig = figure(r);
    let d = &r.report.document;
    let parts: Vec<Value> = r
        .indicator
        .parts
        .iter()
        .map(|part| {
            let (_, value) = r.part(&part.id).unwrap_or((part, None));
            let fig = part_figure(part, value);
            json!({
                "id": part.id,
                "value": fig.map(|m| m.value),
                "value_period": fig.map(|m| m.period.to_string()),
                "value_is_for_period": value.is_some(),
                "status": part.status.kind.as_str(),
                "target": target_json(part.target.as_ref()),
            })
        })
        .collect();
    json!({
        "rank": r.rank,
        "area": r.area.code,
        "kind": r.area.kind.as_str(),
        "report": r.report.slug,
        "indicator": r.indicator.id,
        "page": paths::indicator_dir(&r.report.slug, &r.indicator.id),
        "value": fig.map(|m| m.value),
        "value_period": fig.map(|m| m.period.to_string()),
        "value_is_for_period": r.value.is_some(),
        "value_source": fig.map(|m| source_text(r.report, m.source.as_ref())),
        "status": r.indicator.status.kind.as_str(),
        "target": target_json(r.indicator.target.as_ref()),
        "parts": parts,
        "document": {
            "number": d.number,
            "date": d.date.to_string(),
            "issuer": d.issuer.as_ref().map(text_json),
            "url": d.url,
        },
    })
}

fn comparison_json(site: &Site, shared: &SharedCode) -> Value {
    let ind = shared.latest();
    let periods: Vec<Value> = shared
        .periods
        .iter()
        .map(|p| {
            let rows: Vec<Value> = p.rows.iter().map(row_json).collect();
            let references: Vec<Value> = p.references.iter().map(row_json).collect();
            json!({ "period": p.period.to_string(), "rows": rows, "references": references })
        })
        .collect();
    let areas: Vec<Value> = {
        let mut codes: Vec<&str> = shared
            .periods
            .iter()
            .flat_map(|p| p.references.iter().chain(&p.rows))
            .map(|r| r.area.code.as_str())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        site.areas
            .iter()
            .filter(|a| codes.binary_search(&a.code.as_str()).is_ok())
            .map(area_json)
            .collect()
    };
    json!({
        "code": shared.code,
        "name": text_json(&ind.name),
        "unit": ind.unit.raw,
        "better": match shared.better { Better::Higher => "higher", Better::Lower => "lower" },
        "areas": areas,
        "replaced": shared.replaced(&site.areas).into_iter().map(area_json).collect::<Vec<_>>(),
        "breakdown": shared.breakdown.map(text_json),
        "parts": shared
            .parts
            .iter()
            .map(|p| json!({ "id": p.id, "name": text_json(p.name) }))
            .collect::<Vec<_>>(),
        "periods": periods,
        "license": provenance::license_json(&site.config),
    })
}

fn datapackage(site: &Site, shared: &SharedCode, csv_bytes: &[u8], json_bytes: &[u8]) -> Value {
    let ind = shared.latest();
    let field = |name: &str| {
        let kind = match name {
            "rank" => "integer",
            "value" | "target_value" => "number",
            _ => "string",
        };
        json!({ "name": name, "type": kind })
    };
    let mut package = json!({
        "profile": "tabular-data-package",
        "name": format!("compare-{}", shared.code),
        "title": ind.name.default,
        "homepage": format!("{}{}", site.config.base_url, paths::compare_dir(shared.code)),
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": "comparison",
                "path": CSV_NAME,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "bytes": csv_bytes.len(),
                "hash": format!("sha256:{}", sha256_hex(csv_bytes)),
                "schema": { "fields": COMPARE_COLUMNS.iter().map(|c| field(c)).collect::<Vec<_>>() },
            },
            {
                "name": "comparison-json",
                "path": JSON_NAME,
                "format": "json",
                "mediatype": "application/json",
                "bytes": json_bytes.len(),
                "hash": format!("sha256:{}", sha256_hex(json_bytes)),
            },
        ],
    });
    if let Some(l) = &site.config.license {
        let mut lic = json!({ "name": l.id, "title": l.title.default });
        if let Some(u) = &l.url {
            lic["path"] = json!(u);
        }
        package["licenses"] = json!([lic]);
    }
    package
}
