//! Open data files for every report: indicators and projects as CSV and JSON,
//! each dataset as CSV and JSON. Language-neutral: codes and default-language
//! text, with translations in JSON.
//!
//! Beside them, in the same `reports/<slug>/data/` folder:
//! - `datapackage.json`, a Frictionless tabular data package (spec v1) that
//!   describes every CSV file: its schema, encoding, dialect, size and sha256;
//! - `SHA256SUMS`, `sha256sum -c` compatible, for every CSV and JSON file and
//!   the data package;
//! - `<slug>-data.zip`, all of the above in one archive with deterministic
//!   bytes (fixed times and permissions, sorted entries), so two builds of the
//!   same content publish the same file.

use std::collections::BTreeMap;
use std::io::{Cursor, Write};

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::{provenance, Output};
use crate::model::*;

/// Excel only detects UTF-8 in a CSV that starts with a byte order mark;
/// without it Vietnamese text turns into mojibake there.
const BOM: &str = "\u{feff}";

/// The folder of a report's data files, relative to the output root.
fn data_dir(r: &Report) -> String {
    let mut dir = super::paths::data_dir(&r.slug);
    dir.pop();
    dir
}

/// The file name of the report's archive of all its data files.
fn zip_name(r: &Report) -> String {
    format!("{}-data.zip", r.slug)
}

const DATAPACKAGE: &str = "datapackage.json";
const CHECKSUMS: &str = "SHA256SUMS";

/// Add a report's data files to `out`. Unless `packed` (`check`, which
/// reads no file) the workbooks, checksums and archive are named but empty:
/// packing them is most of the open data's cost.
pub(super) fn write_report_data(site: &Site, r: &Report, packed: bool, out: &mut Output) {
    let dir = data_dir(r);
    for (rel, bytes) in report_files(site, r, packed) {
        out.add(format!("{dir}/{rel}"), bytes);
    }
}

/// Every data file of a report, by path relative to its data folder.
fn report_files(site: &Site, r: &Report, packed: bool) -> BTreeMap<String, Vec<u8>> {
    // Unpacked, the CSV tables are still made: whether a table makes a
    // workbook (and so a file to link to) depends on its cells.
    let json = |value: &dyn Fn() -> Value| if packed { pretty(&value()) } else { Vec::new() };
    let mut files = BTreeMap::new();
    files.insert("indicators.csv".to_string(), indicators_csv(r));
    files.insert(
        "indicators.json".to_string(),
        json(&|| indicators_json(site, r)),
    );
    files.insert("projects.csv".to_string(), projects_csv(r));
    files.insert(
        "projects.json".to_string(),
        json(&|| projects_json(site, r)),
    );
    for d in &r.datasets {
        files.insert(format!("datasets/{}.csv", d.id), dataset_csv(d));
        files.insert(format!("datasets/{}.json", d.id), json(&|| dataset_json(d)));
    }
    if let Some(f) = &r.document.file {
        // Read when published: the loader checked it and took its digest.
        if let Ok(bytes) = std::fs::read(&f.path) {
            files.insert(provenance::attachment_rel(f), bytes);
        }
    }
    let package = json(&|| datapackage(site, r, &files));
    files.insert(DATAPACKAGE.to_string(), package);
    // Each table as .xlsx too, for editors and readers who work in Excel.
    let tables: Vec<(String, Vec<u8>)> = files
        .iter()
        .filter_map(|(name, bytes)| {
            let stem = name.strip_suffix(".csv")?;
            let sheet = stem.rsplit('/').next().unwrap_or(stem);
            let xlsx = if packed {
                crate::helpers::xlsx::from_csv(bytes, sheet).ok()?
            } else {
                crate::helpers::xlsx::workbook_from_csv(bytes, sheet).ok()?;
                Vec::new()
            };
            Some((format!("{stem}.xlsx"), xlsx))
        })
        .collect();
    files.extend(tables);
    let sums = if packed {
        sha256sums(&files)
    } else {
        Vec::new()
    };
    files.insert(CHECKSUMS.to_string(), sums);
    let zip = if packed {
        zip_archive(r, &files)
    } else {
        Vec::new()
    };
    files.insert(zip_name(r), zip);
    files
}

/// One downloadable data file of a report, for the pages that list them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(super) struct DataFile {
    /// Relative to the output root, e.g. `reports/x/data/indicators.csv`.
    pub path: String,
    /// The file name, e.g. `indicators.csv`.
    pub name: String,
    pub bytes: usize,
    /// `zip`, `datapackage`, `csv`, `xlsx`, `json`, `source` (the attached
    /// source document) or `checksums`.
    pub kind: &'static str,
}

/// The data files of `report` found in `out` (so after [`write_report_data`]) with
/// their sizes: the zip, the data package, then CSV and JSON pairs
/// (indicators, projects, each dataset in report order), then the checksums.
pub(super) fn downloads(report: &Report, out: &Output) -> Vec<DataFile> {
    let mut list: Vec<(String, &'static str)> = vec![
        (zip_name(report), "zip"),
        (DATAPACKAGE.to_string(), "datapackage"),
        ("indicators.csv".to_string(), "csv"),
        ("indicators.xlsx".to_string(), "xlsx"),
        ("indicators.json".to_string(), "json"),
        ("projects.csv".to_string(), "csv"),
        ("projects.xlsx".to_string(), "xlsx"),
        ("projects.json".to_string(), "json"),
    ];
    for d in &report.datasets {
        list.push((format!("datasets/{}.csv", d.id), "csv"));
        list.push((format!("datasets/{}.xlsx", d.id), "xlsx"));
        list.push((format!("datasets/{}.json", d.id), "json"));
    }
    if let Some(f) = &report.document.file {
        list.push((provenance::attachment_rel(f), "source"));
    }
    list.push((CHECKSUMS.to_string(), "checksums"));
    let dir = data_dir(report);
    list.into_iter()
        .filter_map(|(rel, kind)| {
            let path = format!("{dir}/{rel}");
            let bytes = out.files.get(&path)?.len();
            let name = rel.rsplit('/').next().unwrap_or(&rel).to_string();
            Some(DataFile {
                path,
                name,
                bytes,
                kind,
            })
        })
        .collect()
}

pub(super) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `<hex>  <path>` lines, sorted by path, as `sha256sum` writes them.
fn sha256sums(files: &BTreeMap<String, Vec<u8>>) -> Vec<u8> {
    let mut s = String::new();
    for (path, bytes) in files {
        s.push_str(&sha256_hex(bytes));
        s.push_str("  ");
        s.push_str(path);
        s.push('\n');
    }
    s.into_bytes()
}

/// A zip of `files` under one folder `<slug>-data/`, with the same bytes for
/// the same files: entries in path order, each dated the report's document
/// date at 00:00 (1980-01-01 when the date is outside what zip can store),
/// mode 0644, deflated.
fn zip_archive(r: &Report, files: &BTreeMap<String, Vec<u8>>) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, DateTime};

    let d = r.document.date;
    let time = u16::try_from(d.year)
        .ok()
        .and_then(|y| DateTime::from_date_and_time(y, d.month, d.day, 0, 0, 0).ok())
        .unwrap_or_default();
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(time)
        .unix_permissions(0o644);
    let folder = format!("{}-data", r.slug);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (path, bytes) in files {
        zip.start_file(format!("{folder}/{path}"), options)
            .and_then(|()| zip.write_all(bytes).map_err(Into::into))
            .expect("writing a zip in memory cannot fail");
    }
    zip.finish()
        .expect("writing a zip in memory cannot fail")
        .into_inner()
}

/// A field of a table schema.
struct Field {
    name: &'static str,
    kind: &'static str,
    description: &'static str,
}

const fn field(name: &'static str, kind: &'static str, description: &'static str) -> Field {
    Field {
        name,
        kind,
        description,
    }
}

/// What a period looks like in the data files (`Period`'s display form).
const PERIOD_PATTERN: &str =
    r"[0-9]{4}(-(H[12]|Q[1-4]|[0-9]{2}(-[0-9]{2}(\.\.[0-9]{4}-[0-9]{2}-[0-9]{2})?)?))?";
const PERIOD_HELP: &str = "a year `2023`, half `2023-H1`, quarter `2023-Q2`, month `2023-06`, day `2023-06-30` or range `2023-01-01..2023-06-30`";

/// The schema of indicators.csv, column by column (same order as [`INDICATOR_COLUMNS`]).
const INDICATOR_FIELDS: &[Field] = &[
    field("report", "string", "Slug of the report."),
    field("indicator_id", "string", "Stable identifier of the indicator within the report."),
    field("group_id", "string", "Identifier of the target group the indicator belongs to."),
    field("group_name", "string", "Name of the target group, in the site's default language."),
    field("indicator_name", "string", "Name of the indicator, in the site's default language."),
    field("unit", "string", "Unit of `value` and `target_value`: `percent`, `count`, `per-100`, `currency:<ISO 4217 code>` or another unit as written."),
    field("target_op", "string", "How a value is compared with `target_value`: `>=`, `>`, `<=`, `<` or `=`; empty for a target with no number."),
    field("target_value", "number", "The numeric target, in the unit of the `unit` column; empty for a target with no number."),
    field("target_text", "string", "A target with no number, in the site's default language."),
    field("target_by", "string", "Period by which the target is to be met: "),
    field("target_source", "string", "Where the target is set: a place in the report's document, or another document with a place in it."),
    field("period", "string", "Period the measured value refers to: "),
    field("value", "number", "Measured value, in the unit of the `unit` column; empty when the indicator has no value yet."),
    field("value_source", "string", "Where the measured value comes from."),
    field("is_latest", "boolean", "Whether this is the latest value, the one compared with the target."),
    field("status", "string", "Status of the indicator, computed: `met` or `not-met` only from a value for the target's own period; `not-yet-due` (only earlier values, target period not over by the report's as-of date), `overdue` (target period over, no value for it), `no-data`, `proxy` (only figures measuring something else) or `no-target` (the same on every row of an indicator)."),
    field("lead", "string", "Agency that leads the work, as written in the report."),
    field("partners", "string", "Partner agencies, as written, separated by `; `."),
    field("better", "string", "Which way is better for an indicator without a numeric target: `higher` or `lower`; empty when not given."),
    field("value_estimate", "boolean", "Whether the source calls this value an estimate (shown \"~8,48 %\"); empty when there is no value."),
    field("value_proxy", "string", "For a proxy value, what it measures instead of the indicator, in the site's default language; a proxy never gives a verdict. Empty otherwise."),
    field("value_proxy_unit", "string", "A proxy value's own unit, when it differs from `unit`; empty otherwise."),
];

/// The schema of projects.csv (same order as [`PROJECT_COLUMNS`]).
const PROJECT_FIELDS: &[Field] = &[
    field("report", "string", "Slug of the report."),
    field(
        "number",
        "integer",
        "Position of the project in the report's list, from 1.",
    ),
    field(
        "name",
        "string",
        "Name of the project or task, in the site's default language.",
    ),
    field(
        "category",
        "string",
        "Heading the project is listed under, in the site's default language.",
    ),
    field(
        "group_id",
        "string",
        "Identifier of the target group the project serves.",
    ),
    field(
        "lead",
        "string",
        "Agencies that lead the project, as written, separated by `; `.",
    ),
    field(
        "partners",
        "string",
        "Partner agencies, as written, separated by `; `.",
    ),
    field(
        "timeframe",
        "string",
        "Timeframe as written in the report, in the site's default language.",
    ),
    field("due", "date", "Date by which the project is due."),
    field(
        "status",
        "string",
        "Progress of the project: `planned`, `in-progress`, `done`, `delayed` or `cancelled`.",
    ),
    field(
        "source",
        "string",
        "Where the project is listed in the report's document.",
    ),
];

/// Columns of indicators.csv that are never empty.
const INDICATOR_REQUIRED: &[&str] = &[
    "report",
    "indicator_id",
    "group_id",
    "indicator_name",
    "unit",
    "is_latest",
    "status",
];

/// Columns of projects.csv that are never empty.
const PROJECT_REQUIRED: &[&str] = &["report", "number", "name"];

/// A field as JSON, with its constraints: `required` names the columns that
/// are never empty, `statuses` the values of the `status` column.
fn field_json(f: &Field, required: &[&str], statuses: &[&str]) -> Value {
    let mut v = json!({ "name": f.name, "type": f.kind });
    let mut constraints = serde_json::Map::new();
    let mut description = f.description.to_string();
    if matches!(f.name, "period" | "target_by") {
        description.push_str(PERIOD_HELP);
        description.push('.');
        constraints.insert("pattern".into(), json!(PERIOD_PATTERN));
    }
    v["description"] = json!(description);
    if required.contains(&f.name) {
        constraints.insert("required".into(), json!(true));
    }
    let choices: Option<Vec<&str>> = match f.name {
        "target_op" => Some(
            [Op::Ge, Op::Gt, Op::Le, Op::Lt, Op::Eq]
                .map(Op::as_str)
                .to_vec(),
        ),
        "status" => Some(statuses.to_vec()),
        _ => None,
    };
    if let Some(choices) = choices {
        constraints.insert("enum".into(), json!(choices));
    }
    if matches!(f.name, "value" | "target_value") {
        // The unit differs from row to row: it is in the `unit` column.
        v["unitField"] = json!("unit");
    }
    if !constraints.is_empty() {
        v["constraints"] = Value::Object(constraints);
    }
    v
}

fn indicators_schema() -> Value {
    let statuses = StatusKind::ALL.map(StatusKind::as_str);
    let fields: Vec<Value> = INDICATOR_FIELDS
        .iter()
        .map(|f| field_json(f, INDICATOR_REQUIRED, &statuses))
        .collect();
    json!({ "fields": fields, "missingValues": [""] })
}

fn projects_schema() -> Value {
    let statuses = [
        ProjectStatus::Planned,
        ProjectStatus::InProgress,
        ProjectStatus::Done,
        ProjectStatus::Delayed,
        ProjectStatus::Cancelled,
    ]
    .map(ProjectStatus::as_str);
    let fields: Vec<Value> = PROJECT_FIELDS
        .iter()
        .map(|f| field_json(f, PROJECT_REQUIRED, &statuses))
        .collect();
    json!({ "fields": fields, "missingValues": [""], "primaryKey": ["number"] })
}

/// The Frictionless type of a dataset column, from its cells: `integer` when
/// every number is a whole number a double holds exactly, `number` when there
/// are only numbers, `string` otherwise (or when the column is empty).
fn column_type(d: &Dataset, k: usize) -> &'static str {
    let mut kind = None;
    for cell in d.rows.iter().filter_map(|row| row.get(k)) {
        match cell {
            Cell::Empty => {}
            Cell::Text(_) => return "string",
            Cell::Number(v) => {
                let whole = v.fract() == 0.0 && v.abs() < 9_007_199_254_740_992.0;
                kind = match (kind, whole) {
                    (None | Some("integer"), true) => Some("integer"),
                    _ => Some("number"),
                };
            }
        }
    }
    kind.unwrap_or("string")
}

fn dataset_schema(d: &Dataset) -> Value {
    let fields: Vec<Value> = d
        .columns
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let mut v = json!({ "name": c.id, "type": column_type(d, k), "title": c.name.default });
            if let Some(u) = &c.unit {
                v["unit"] = json!(u.raw);
            }
            v
        })
        .collect();
    json!({ "fields": fields, "missingValues": [""] })
}

/// A resource name as the spec wants it: lowercase `[a-z0-9._-]`.
fn resource_name(s: &str) -> String {
    let name: String = deunicode::deunicode(s)
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '-'
            }
        })
        .collect();
    if name.is_empty() {
        "data".to_string()
    } else {
        name
    }
}

/// The data package of a report, describing its CSV files in `files`.
fn datapackage(site: &Site, r: &Report, files: &BTreeMap<String, Vec<u8>>) -> Value {
    let resource = |path: &str, name: String, title: &str, schema: Value| -> Value {
        let bytes = files.get(path).map(Vec::as_slice).unwrap_or_default();
        json!({
            "profile": "tabular-data-resource",
            "name": name,
            "path": path,
            "title": title,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8-sig",
            "dialect": {
                "delimiter": ",",
                "lineTerminator": "\r\n",
                "quoteChar": "\"",
                "doubleQuote": true,
                "header": true,
            },
            "bytes": bytes.len(),
            "hash": format!("sha256:{}", sha256_hex(bytes)),
            "schema": schema,
        })
    };
    let lang = site.config.default_language();
    let mut resources = vec![
        resource(
            "indicators.csv",
            "indicators".into(),
            "Indicators: targets and measured values (one row per value)",
            indicators_schema(),
        ),
        resource(
            "projects.csv",
            "projects".into(),
            "Projects and tasks",
            projects_schema(),
        ),
    ];
    let mut names: Vec<String> = vec!["indicators".into(), "projects".into()];
    for d in &r.datasets {
        let base = format!("dataset-{}", resource_name(&d.id));
        let mut name = base.clone();
        let mut n = 2;
        while names.contains(&name) {
            name = format!("{base}-{n}");
            n += 1;
        }
        names.push(name.clone());
        let mut res = resource(
            &format!("datasets/{}.csv", d.id),
            name,
            &d.title.default,
            dataset_schema(d),
        );
        if let Some(desc) = &d.description {
            res["description"] = json!(desc.default);
        }
        if d.source.is_some() {
            res["sources"] = json!([{ "title": source_text(r, d.source.as_ref()) }]);
        }
        resources.push(res);
    }

    let doc = &r.document;
    let mut document = json!({
        "title": format!("{} ({}, {})", r.title.default, doc.number, doc.date),
        "number": doc.number,
        "date": doc.date.to_string(),
    });
    if let Some(issuer) = &doc.issuer {
        document["issuer"] = json!(issuer.default);
    }
    if let Some(url) = &doc.url {
        document["path"] = json!(url);
    }
    if let Some(f) = &doc.file {
        document["path"] = json!(provenance::attachment_rel(f));
        document["bytes"] = json!(f.size);
        document["hash"] = json!(format!("sha256:{}", f.sha256));
    }
    let mut sources = vec![document];
    for x in &r.references {
        let mut s = json!({ "title": x.title.default, "id": x.id });
        if let Some(date) = x.date {
            s["date"] = json!(date.to_string());
        }
        if let Some(url) = &x.url {
            s["path"] = json!(url);
        }
        sources.push(s);
    }
    let mut contributors = Vec::new();
    if let Some(issuer) = &doc.issuer {
        contributors.push(json!({ "title": issuer.default, "role": "author" }));
    }
    if let Some(publisher) = &site.config.publisher {
        contributors.push(json!({ "title": publisher.default, "role": "publisher" }));
    }

    let description = format!(
        "Open data of {} ({}, {}): {} indicators with their targets and measured values, {} projects and tasks, and {} tables. \
         Text is in the site's default language ({lang}); the JSON files beside the CSV files carry every translation. \
         CSV files are UTF-8 with a byte order mark and CRLF line ends.",
        r.title.in_lang("en"),
        doc.number,
        doc.date,
        r.indicators.len(),
        r.projects.len(),
        r.datasets.len(),
    );
    let mut package = json!({
        "profile": "tabular-data-package",
        "name": resource_name(&r.slug),
        "title": r.title.default,
        "description": description,
        "homepage": format!("{}{}", site.config.base_url, super::paths::report_dir(&r.slug)),
        "sources": sources,
        "resources": resources,
    });
    if !contributors.is_empty() {
        package["contributors"] = json!(contributors);
    }
    if let Some(l) = &site.config.license {
        let mut lic = json!({ "name": l.id, "title": l.title.default });
        if let Some(u) = &l.url {
            lic["path"] = json!(u);
        }
        package["licenses"] = json!([lic]);
    }
    if let Some(d) = r.updated.or(r.published) {
        package["created"] = json!(format!("{d}T00:00:00Z"));
    }
    package
}

pub(super) fn pretty(v: &Value) -> Vec<u8> {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s.into_bytes()
}

/// Whether a spreadsheet could read `s` as a formula: a sign with
/// something after it that is not a number. A sign alone (the target
/// operator `=`) is text to every spreadsheet and stays as it is.
fn looks_like_formula(s: &str) -> bool {
    s.len() > 1 && s.starts_with(['=', '+', '-', '@']) && s.parse::<f64>().is_err()
}

fn csv_field(s: &str) -> String {
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

pub(super) fn csv(header: &[&str], rows: Vec<Vec<String>>) -> Vec<u8> {
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

pub(super) fn num(v: f64) -> String {
    // Shortest representation that round-trips; never locale-formatted.
    let s = format!("{v}");
    s
}

fn source_text(r: &Report, s: Option<&Source>) -> String {
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

fn agency_list(list: &[AgencyRef]) -> String {
    list.iter()
        .map(|a| a.written.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

pub(super) fn text_json(t: &Text) -> Value {
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
];

fn indicators_csv(r: &Report) -> Vec<u8> {
    let mut rows = Vec::new();
    for i in &r.indicators {
        indicator_rows(r, i, &mut rows);
    }
    csv(INDICATOR_COLUMNS, rows)
}

/// One indicator's rows of `indicators.csv`: one per value (or one without).
fn indicator_rows(r: &Report, i: &Indicator, rows: &mut Vec<Vec<String>>) {
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
                i.id.clone(),
                i.group.clone(),
                group_name.clone(),
                i.name.default.clone(),
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

fn indicators_json(site: &Site, r: &Report) -> Value {
    let items: Vec<Value> = r.indicators.iter().map(|i| indicator_json(r, i)).collect();
    json!({
        "report": r.slug,
        "document": { "number": r.document.number, "date": r.document.date.to_string() },
        "period": r.period.to_string(),
        "as_of": r.as_of.to_string(),
        "license": provenance::license_json(site),
        "sources": provenance::sources_json(site, r),
        "counts": r.counts(),
        "indicators": items,
    })
}

/// One indicator as `indicators.json` and its own JSON file give it.
fn indicator_json(r: &Report, i: &Indicator) -> Value {
    {
        {
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
            let mut json = json!({
                "id": i.id,
                "group": i.group,
                "name": text_json(&i.name),
                "unit": i.unit.raw,
                "target": target,
                "values": i.values.iter().map(|m| json!({
                    "period": m.period.to_string(), "value": m.value, "source": source_text(r, m.source.as_ref()),
                    "estimate": m.estimate, "proxy": m.proxy.as_ref().map(|p| json!({ "note": text_json(&p.note), "unit": p.unit.as_ref().map(|u| u.raw.clone()) })),
                })).collect::<Vec<_>>(),
                "status": i.status.kind.as_str(),
                "verdict": i.status.kind.is_verdict(),
                "evidence": i.status.evidence(),
                "target_period": i.status.target_period.map(|p| p.to_string()),
                "latest_period": i.latest().map(|m| m.period.to_string()),
                "gap": i.status.comparison.map(|c| c.gap),
                "at_target_level": i.status.comparison.map(|c| c.at_target_level),
                "attainment": i.status.comparison.and_then(|c| c.attainment),
                "lead": i.lead.as_ref().map(|a| json!({ "name": a.written, "agency": a.id })),
                "partners": i.partners.iter().map(|a| json!({ "name": a.written, "agency": a.id })).collect::<Vec<_>>(),
                "note": i.note.as_ref().map(text_json),
                "outlook": provenance::outlook_json(i, r.period),
            });
            // A measure's parts, each as an indicator of its own (only
            // when it has some: other indicators' JSON is as it was).
            if !i.parts.is_empty() {
                json["breakdown"] = i.breakdown.as_ref().map(text_json).into();
                json["parts"] = i
                    .parts
                    .iter()
                    .map(|p| {
                        let mut part = indicator_json(r, &p.as_indicator(i));
                        part["id"] = json!(p.id);
                        part
                    })
                    .collect();
            }
            json
        }
    }
}

/// `reports/<slug>/indicators/<id>/<id>.csv` and `.json`: one indicator's
/// periods, values, sources, target, status and outlook, with the licence and
/// sources of the report (linked from its page and chart), for a report's
/// indicators of one group; unless `packed` (`check`), named but empty.
pub(super) fn write_indicator_data(
    site: &Site,
    r: &Report,
    group: &str,
    packed: bool,
    out: &mut Output,
) {
    for i in r.indicators_in(group) {
        let dir = indicator_data_dir(r, i);
        if !packed {
            out.add(format!("{dir}{}.csv", i.id), Vec::new());
            out.add(format!("{dir}{}.json", i.id), Vec::new());
            continue;
        }
        let mut rows = Vec::new();
        indicator_rows(r, i, &mut rows);
        out.add(format!("{dir}{}.csv", i.id), csv(INDICATOR_COLUMNS, rows));
        let json = json!({
            "report": r.slug,
            "as_of": r.as_of.to_string(),
            "license": provenance::license_json(site),
            "sources": provenance::sources_json(site, r),
            "indicator": indicator_json(r, i),
        });
        out.add(format!("{dir}{}.json", i.id), pretty(&json));
    }
}

/// The folder of an indicator's page and its own data files.
pub(super) fn indicator_data_dir(r: &Report, i: &Indicator) -> String {
    super::paths::indicator_dir(&r.slug, &i.id)
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

fn projects_csv(r: &Report) -> Vec<u8> {
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

fn projects_json(site: &Site, r: &Report) -> Value {
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
        "license": provenance::license_json(site),
        "projects": items,
    })
}

fn dataset_csv(d: &Dataset) -> Vec<u8> {
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

fn dataset_json(d: &Dataset) -> Value {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_name_the_csv_columns_in_order() {
        let names = |schema: Value| -> Vec<String> {
            schema["fields"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["name"].as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(names(indicators_schema()), INDICATOR_COLUMNS);
        assert_eq!(names(projects_schema()), PROJECT_COLUMNS);
    }

    #[test]
    fn downloads_list_the_zip_first_with_sizes() {
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let (site, _) = crate::load::load_site(&content);
        let site = site.expect("the example loads");
        let mut out = Output::default();
        let r = &site.reports[0];
        write_report_data(&site, r, true, &mut out);
        let list = downloads(r, &out);
        let kinds: Vec<&str> = list.iter().map(|f| f.kind).collect();
        assert_eq!(kinds[..5], ["zip", "datapackage", "csv", "xlsx", "json"]);
        assert_eq!(kinds.last(), Some(&"checksums"));
        let attached = usize::from(r.document.file.is_some());
        assert_eq!(list.len(), 3 + 3 * (2 + r.datasets.len()) + attached);
        assert_eq!(list[0].name, format!("{}-data.zip", r.slug));
        assert_eq!(
            list[0].path,
            format!("reports/{}/data/{}-data.zip", r.slug, r.slug)
        );
        let d = &r.datasets[0];
        let csv = list
            .iter()
            .find(|f| f.path.ends_with(&format!("datasets/{}.csv", d.id)))
            .unwrap();
        assert_eq!(csv.name, format!("{}.csv", d.id));
        for f in &list {
            assert_eq!(f.bytes, out.files[&f.path].len(), "{}", f.path);
            assert!(f.bytes > 0, "{}", f.path);
        }
        // Every data file of the report is listed.
        let prefix = format!("reports/{}/data/", r.slug);
        assert_eq!(
            out.files.keys().filter(|k| k.starts_with(&prefix)).count(),
            list.len()
        );
        let json = serde_json::to_value(&list[0]).unwrap();
        assert_eq!(json["kind"], "zip");
    }

    #[test]
    fn resource_names_are_lowercase_ascii() {
        assert_eq!(resource_name("Hải Dương 2023"), "hai-duong-2023");
        assert_eq!(resource_name("e-commerce_v1.2"), "e-commerce_v1.2");
        assert_eq!(resource_name(""), "data");
    }

    #[test]
    fn checksums_are_sorted_sha256sum_lines() {
        let files = BTreeMap::from([
            ("b.csv".to_string(), b"b".to_vec()),
            ("a.json".to_string(), Vec::new()),
        ]);
        assert_eq!(
            String::from_utf8(sha256sums(&files)).unwrap(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  a.json\n\
             3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d  b.csv\n"
        );
    }

    #[test]
    fn csv_quotes_and_neutralises_formulas() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "\"'=HYPERLINK(1)\"");
        assert_eq!(csv_field("-5"), "-5");
        // The target operator is not a formula.
        assert_eq!(csv_field("="), "=");
        assert_eq!(csv_field(">="), ">=");
        assert_eq!(csv_field("=1+1"), "\"'=1+1\"");
        assert_eq!(csv_field("Sở TTTT"), "Sở TTTT");
    }
}
