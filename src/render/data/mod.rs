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

mod package;
mod tables;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::io::{Cursor, Write};

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::{provenance, Output};
use crate::model::*;

use package::*;
use tables::*;

// For the comparison data (render/compare_data.rs): one writer of CSV and JSON.
pub(super) use package::{pretty, sha256_hex};
pub(super) use tables::{csv, num, source_text, text_json};

/// Excel only detects UTF-8 in a CSV that starts with a byte order mark;
/// without it Vietnamese text turns into mojibake there.
const BOM: &str = "\u{feff}";

/// The folder of a report's data files, relative to the output root.
fn data_dir(r: &Report) -> String {
    let mut dir = crate::render::paths::data_dir(&r.slug);
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
pub(super) fn write_report_data(config: &SiteConfig, r: &Report, packed: bool, out: &mut Output) {
    let dir = data_dir(r);
    for (rel, bytes) in report_files(config, r, packed) {
        out.add(format!("{dir}/{rel}"), bytes);
    }
}

/// Every data file of a report, by path relative to its data folder.
fn report_files(config: &SiteConfig, r: &Report, packed: bool) -> BTreeMap<String, Vec<u8>> {
    // Unpacked, the CSV tables are still made: whether a table makes a
    // workbook (and so a file to link to) depends on its cells.
    let json = |value: &dyn Fn() -> Value| if packed { pretty(&value()) } else { Vec::new() };
    let mut files = BTreeMap::new();
    files.insert("indicators.csv".to_string(), indicators_csv(r));
    files.insert(
        "indicators.json".to_string(),
        if packed {
            indicators_json(config, r)
        } else {
            Vec::new()
        },
    );
    files.insert("projects.csv".to_string(), projects_csv(r));
    files.insert(
        "projects.json".to_string(),
        json(&|| projects_json(config, r)),
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
    let package = json(&|| datapackage(config, r, &files));
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

/// `reports/<slug>/indicators/<id>/<id>.csv` and `.json`: one indicator's
/// periods, values, sources, target, status and outlook, with the licence and
/// sources of the report (linked from its page and chart), for `indicators`
/// of report `r`; unless `packed` (`check`), named but empty.
pub(super) fn write_indicator_data(
    config: &SiteConfig,
    r: &Report,
    indicators: &[&Indicator],
    packed: bool,
    out: &mut Output,
) {
    // The same for every indicator of the report: made once.
    #[derive(serde::Serialize)]
    struct File<'a> {
        as_of: &'a str,
        indicator: IndicatorJson<'a>,
        license: &'a Value,
        report: &'a str,
        sources: &'a Value,
    }
    let shared = packed.then(|| {
        (
            r.as_of.to_string(),
            provenance::license_json(config),
            provenance::sources_json(r),
        )
    });
    for &i in indicators {
        let dir = indicator_data_dir(r, i);
        let Some((as_of, license, sources)) = &shared else {
            out.add(format!("{dir}{}.csv", i.id), Vec::new());
            out.add(format!("{dir}{}.json", i.id), Vec::new());
            continue;
        };
        let mut rows = Vec::new();
        indicator_rows(r, i, &mut rows);
        out.add(format!("{dir}{}.csv", i.id), csv(INDICATOR_COLUMNS, rows));
        // Fields in the sorted order of the `serde_json::Value` map it replaces.
        let json = File {
            as_of,
            indicator: indicator_json(r, i),
            license,
            report: &r.slug,
            sources,
        };
        out.add(format!("{dir}{}.json", i.id), pretty(&json));
    }
}

/// The folder of an indicator's page and its own data files.
pub(super) fn indicator_data_dir(r: &Report, i: &Indicator) -> String {
    crate::render::paths::indicator_dir(&r.slug, &i.id)
}
