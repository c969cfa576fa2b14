//! The open data of one comparison (a shared indicator code across areas):
//! `comparison.csv` (one row per period and area), `comparison.json` (the
//! same, nested by period, with the areas replaced and by what) and a
//! `datapackage.json` describing both, beside the comparison's page.

use serde_json::{json, Value};

use super::data::{csv, num, pretty, sha256_hex, text_json};
use super::{paths, provenance, Output};
use crate::model::{Area, Better, CompareRow, SharedCode, Site, Target};

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
fn figure<'a>(r: &CompareRow<'a>) -> Option<&'a crate::model::Measurement> {
    r.value.or_else(|| r.indicator.latest())
}

fn target_fields(r: &CompareRow) -> (String, String, String) {
    match &r.indicator.target {
        Some(Target::Numeric { value, op, by, .. }) => {
            (op.as_str().to_string(), num(*value), by.to_string())
        }
        _ => Default::default(),
    }
}

fn comparison_csv(shared: &SharedCode) -> Vec<u8> {
    let mut rows = Vec::new();
    for p in &shared.periods {
        for r in &p.rows {
            let fig = figure(r);
            let (op, target, by) = target_fields(r);
            rows.push(vec![
                p.period.to_string(),
                r.rank.map(|n| n.to_string()).unwrap_or_default(),
                r.area.code.clone(),
                r.area.name.default.clone(),
                r.report.slug.clone(),
                r.indicator.id.clone(),
                r.indicator.name.default.clone(),
                r.indicator.unit.raw.clone(),
                fig.map(|m| num(m.value)).unwrap_or_default(),
                fig.map(|m| m.period.to_string()).unwrap_or_default(),
                r.indicator.status.kind.as_str().to_string(),
                op,
                target,
                by,
                r.area.replaced_by.join(";"),
                r.area.from.map(|d| d.to_string()).unwrap_or_default(),
            ]);
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
    })
}

fn comparison_json(site: &Site, shared: &SharedCode) -> Value {
    let ind = shared.latest();
    let periods: Vec<Value> = shared
        .periods
        .iter()
        .map(|p| {
            let rows: Vec<Value> = p
                .rows
                .iter()
                .map(|r| {
                    let fig = figure(r);
                    json!({
                        "rank": r.rank,
                        "area": r.area.code,
                        "report": r.report.slug,
                        "indicator": r.indicator.id,
                        "page": paths::indicator_dir(&r.report.slug, &r.indicator.id),
                        "value": fig.map(|m| m.value),
                        "value_period": fig.map(|m| m.period.to_string()),
                        "value_is_for_period": r.value.is_some(),
                        "status": r.indicator.status.kind.as_str(),
                        "target": match &r.indicator.target {
                            Some(Target::Numeric { value, op, by, .. }) => json!({
                                "op": op.as_str(), "value": value, "by": by.to_string(),
                            }),
                            _ => Value::Null,
                        },
                    })
                })
                .collect();
            json!({ "period": p.period.to_string(), "rows": rows })
        })
        .collect();
    let areas: Vec<Value> = {
        let mut codes: Vec<&str> = shared
            .periods
            .iter()
            .flat_map(|p| p.rows.iter().map(|r| r.area.code.as_str()))
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
