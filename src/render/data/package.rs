//! The data package of a report: `datapackage.json` (the schema of every
//! CSV file), `SHA256SUMS` and the zip of them all.

use super::*;

pub(in crate::render) fn sha256_hex(bytes: &[u8]) -> String {
    // As the PNG cache names its entries: the digest's own lower-hex form.
    format!("{:x}", Sha256::digest(bytes))
}

/// `<hex>  <path>` lines, sorted by path, as `sha256sum` writes them.
pub(super) fn sha256sums(files: &BTreeMap<String, Vec<u8>>) -> Vec<u8> {
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
pub(super) fn zip_archive(r: &Report, files: &BTreeMap<String, Vec<u8>>) -> Vec<u8> {
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
pub(super) struct Field {
    pub(super) name: &'static str,
    pub(super) kind: &'static str,
    pub(super) description: &'static str,
}

pub(super) const fn field(
    name: &'static str,
    kind: &'static str,
    description: &'static str,
) -> Field {
    Field {
        name,
        kind,
        description,
    }
}

/// What a period looks like in the data files (`Period`'s display form).
pub(super) const PERIOD_PATTERN: &str =
    r"[0-9]{4}(-(H[12]|Q[1-4]|[0-9]{2}(-[0-9]{2}(\.\.[0-9]{4}-[0-9]{2}-[0-9]{2})?)?))?";
pub(super) const PERIOD_HELP: &str = "a year `2023`, half `2023-H1`, quarter `2023-Q2`, month `2023-06`, day `2023-06-30` or range `2023-01-01..2023-06-30`";

/// The schema of indicators.csv, column by column (same order as [`INDICATOR_COLUMNS`]).
pub(super) const INDICATOR_FIELDS: &[Field] = &[
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
    field("part", "string", "For a row of a part of the measure (by level, district …), the part's id; its target, values and status are the part's own. Empty on the indicator's own rows."),
    field("part_name", "string", "The part's name in the site's default language; empty on the indicator's own rows."),
];

/// The schema of projects.csv (same order as [`PROJECT_COLUMNS`]).
pub(super) const PROJECT_FIELDS: &[Field] = &[
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
pub(super) const INDICATOR_REQUIRED: &[&str] = &[
    "report",
    "indicator_id",
    "group_id",
    "indicator_name",
    "unit",
    "is_latest",
    "status",
];

/// Columns of projects.csv that are never empty.
pub(super) const PROJECT_REQUIRED: &[&str] = &["report", "number", "name"];

/// A field as JSON, with its constraints: `required` names the columns that
/// are never empty, `statuses` the values of the `status` column.
pub(super) fn field_json(f: &Field, required: &[&str], statuses: &[&str]) -> Value {
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

pub(super) fn indicators_schema() -> Value {
    let statuses = StatusKind::ALL.map(StatusKind::as_str);
    let fields: Vec<Value> = INDICATOR_FIELDS
        .iter()
        .map(|f| field_json(f, INDICATOR_REQUIRED, &statuses))
        .collect();
    json!({ "fields": fields, "missingValues": [""] })
}

pub(super) fn projects_schema() -> Value {
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
pub(super) fn column_type(d: &Dataset, k: usize) -> &'static str {
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

pub(super) fn dataset_schema(d: &Dataset) -> Value {
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
pub(super) fn resource_name(s: &str) -> String {
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
pub(super) fn datapackage(
    config: &SiteConfig,
    r: &Report,
    files: &BTreeMap<String, Vec<u8>>,
) -> Value {
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
    let lang = config.default_language();
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
    if let Some(publisher) = &config.publisher {
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
        "homepage": format!("{}{}", config.base_url, crate::render::paths::report_dir(&r.slug)),
        "sources": sources,
        "resources": resources,
    });
    if !contributors.is_empty() {
        package["contributors"] = json!(contributors);
    }
    if let Some(l) = &config.license {
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

pub(in crate::render) fn pretty<T: serde::Serialize + ?Sized>(v: &T) -> Vec<u8> {
    let mut s = serde_json::to_vec_pretty(v).unwrap_or_default();
    s.push(b'\n');
    s
}
