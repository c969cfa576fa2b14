//! datasets/: tables of figures (YAML, or a spreadsheet beside it) and
//! their charts.

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics};
use crate::model::*;

use super::doc::Doc;
use super::indicators::parse_unit;
use super::raw::*;
use super::report::ReportScope;
use super::{files, is_slug, number, slugify, spreadsheet, traps, Loader};

impl Loader<'_> {
    pub(super) fn datasets(
        &mut self,
        dir: &Path,
        langs: &[String],
        scope: &ReportScope,
    ) -> Vec<Dataset> {
        if !dir.is_dir() {
            return Vec::new();
        }
        let entries = match files::list_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                self.diags.push(files::io_error(&self.shown(dir), &e));
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        let mut seen_ids: HashMap<String, String> = Default::default();
        for path in entries {
            out.extend(self.dataset_file(dir, &path, &mut seen_ids, langs, scope));
        }
        out
    }

    /// One file of datasets/: its name checked, then read (with the
    /// spreadsheet beside it that holds its rows, if any).
    fn dataset_file(
        &mut self,
        dir: &Path,
        path: &Path,
        seen_ids: &mut HashMap<String, String>,
        langs: &[String],
        scope: &ReportScope,
    ) -> Option<Dataset> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let sheet = spreadsheet::stem(&name);
        let Some(id) = name
            .strip_suffix(".yaml")
            .or_else(|| name.strip_suffix(".yml"))
            .or(sheet)
        else {
            self.diags.push(Diagnostic::warning(
                self.shown(path),
                None,
                msg!("file-ignored", en: "file ignored: datasets/ holds .yaml files and spreadsheets (.xlsx, .ods, .csv)", vi: "bỏ qua tệp: datasets/ chỉ chứa các tệp .yaml và bảng tính (.xlsx, .ods, .csv)"),
            ));
            return None;
        };
        // A spreadsheet beside `<id>.yaml` holds that dataset's rows.
        let yaml = ["yaml", "yml"].map(|e| dir.join(format!("{id}.{e}")));
        if sheet.is_some() && yaml.iter().any(|y| y.is_file()) {
            return None;
        }
        if !is_slug(id) {
            self.diags.push(
                Diagnostic::error(
                    self.shown(path),
                    None,
                    msg!("invalid-slug", en: "dataset file name `{id}` is not a valid id", vi: "tên tệp bảng số liệu `{id}` không hợp lệ"),
                )
                .with_hint(msg!("invalid-slug", en: "rename it to `{}.yaml`", vi: "đổi tên thành `{}.yaml`", slugify(id))),
            );
            return None;
        }
        // `x.yaml` and `x.yml` would both be the page datasets/x/.
        if let Some(first) = seen_ids.insert(id.to_string(), name.clone()) {
            self.diags.push(
                Diagnostic::error(
                    self.shown(path),
                    None,
                    msg!("duplicate-dataset", en: "dataset `{id}` is defined twice: in {first} and in {name}", vi: "bảng dữ liệu `{id}` được khai báo hai lần: trong {first} và trong {name}"),
                )
                .with_hint(msg!("duplicate-dataset", en: "keep one of the two files, or rename one (the file name is the dataset's id)", vi: "giữ một trong hai tệp, hoặc đổi tên một tệp (tên tệp là mã của bảng)")),
            );
            return None;
        }
        let parsed = match sheet {
            Some(_) => self.dataset_sheet(path, None, langs),
            None => match spreadsheet::find_beside(path) {
                Some(rows) => {
                    let parsed = self.parse::<RawDataset>(path, langs);
                    parsed.and_then(|yaml| self.dataset_sheet(&rows, Some(yaml), langs))
                }
                None => self.parse::<RawDataset>(path, langs),
            },
        };
        let (raw, doc) = parsed?;
        let Some(raw) = raw else {
            self.diags.push(
                Diagnostic::error(doc.shown, None, msg!("empty-file", en: "dataset file is empty", vi: "tệp bảng số liệu trống"))
                    .with_hint(msg!("empty-file", en: "it needs `title`, `columns` and `rows`", vi: "cần có `title`, `columns` và `rows`")),
            );
            return None;
        };
        let mut d = Diagnostics::new();
        let dataset = dataset(&doc, id, &raw, scope, &mut d);
        self.diags.extend(d);
        Some(dataset)
    }
}

/// A dataset's table and chart, checked and converted.
fn dataset(
    doc: &Doc,
    id: &str,
    raw: &RawDataset,
    scope: &ReportScope,
    d: &mut Diagnostics,
) -> Dataset {
    let columns = columns(doc, raw, d);
    let ids: Vec<&str> = columns.iter().map(|c| c.id.as_str()).collect();
    if raw.rows.is_none() {
        d.push(doc.err("", msg!("missing-field", en: "missing field `rows`", vi: "thiếu trường `rows`")).with_hint(msg!("missing-field",
            en: "add `rows:`, or keep the rows in {id}.xlsx or {id}.csv beside this file",
            vi: "thêm `rows:`, hoặc để các dòng trong tệp {id}.xlsx hoặc {id}.csv bên cạnh tệp này"
        )));
    }
    let rows = rows(doc, raw, &columns, &ids, d);
    // A count with a fraction, a percentage kept as a fraction (number.rs).
    for (k, c) in columns.iter().enumerate() {
        if let Some(unit) = &c.unit {
            let figures: Vec<(String, f64)> = rows
                .iter()
                .enumerate()
                .filter_map(|(i, r): (usize, &Vec<Cell>)| match r[k] {
                    Cell::Number(v) => Some((format!("rows.{i}.{}", c.id), v)),
                    _ => None,
                })
                .collect();
            doc.unit_checks(unit.kind, &figures, None, d);
        }
    }
    let chart = raw
        .chart
        .as_ref()
        .and_then(|c| chart(doc, c, &ids, &rows, d));
    Dataset {
        id: id.to_string(),
        title: doc.text(&raw.title, "title", d),
        description: raw
            .description
            .as_ref()
            .map(|t| doc.text(t, "description", d)),
        source: raw
            .source
            .as_ref()
            .map(|s| doc.source(s, "source", scope.references, d)),
        columns,
        rows,
        chart,
    }
}

fn columns(doc: &Doc, raw: &RawDataset, d: &mut Diagnostics) -> Vec<Column> {
    let mut columns = Vec::new();
    for (i, c) in raw.columns.iter().enumerate() {
        doc.slug(
            &c.id,
            &format!("columns.{i}.id"),
            ["column id", "mã cột"],
            d,
        );
        columns.push(Column {
            id: c.id.clone(),
            name: doc.text(&c.name, &format!("columns.{i}.name"), d),
            unit: c.unit.as_deref().map(parse_unit),
        });
    }
    if columns.is_empty() {
        d.push(doc.err("columns", msg!("no-columns", en: "a dataset needs at least one column", vi: "bảng số liệu cần ít nhất một cột")));
    }
    doc.duplicates(
        &raw.columns
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), format!("columns.{i}.id")))
            .collect::<Vec<_>>(),
        ["column id", "mã cột"],
        d,
    );
    columns
}

fn rows(
    doc: &Doc,
    raw: &RawDataset,
    columns: &[Column],
    ids: &[&str],
    d: &mut Diagnostics,
) -> Vec<Vec<Cell>> {
    // A column holds numbers when it has a unit or a number in any row.
    let numeric: Vec<bool> = columns
        .iter()
        .map(|c| {
            c.unit.is_some()
                || raw
                    .rows
                    .iter()
                    .flatten()
                    .any(|r| matches!(r.get(&c.id), Some(RawCell::Number(_))))
        })
        .collect();
    let mut rows = Vec::new();
    for (i, row) in raw.rows.iter().flatten().enumerate() {
        for key in row.keys() {
            if !ids.contains(&key.as_str()) {
                let mut e = doc.err(
                    &format!("rows.{i}.{key}"),
                    msg!("unknown-column", en: "unknown column `{key}`", vi: "cột `{key}` không có trong `columns`"),
                );
                // `{ value: 56,6 }`: a decimal comma made `6` a column.
                let split = e
                    .source_line
                    .as_deref()
                    .and_then(|l| traps::split_decimal(l, key));
                e = match (split, did_you_mean(key, ids.iter().copied())) {
                    (Some((typed, fixed)), _) => e.with_hint(msg!("number-format",
                        en: "inside {{ }} a comma separates fields, so `{typed}` reads as two: write `{fixed}`",
                        vi: "trong {{ }} dấu phẩy ngăn cách các trường, nên `{typed}` bị đọc thành hai: hãy viết `{fixed}`")),
                    (None, Some(b)) => e.with_hint(msg!("did-you-mean", en: "did you mean `{b}`?", vi: "có phải là `{b}`?")),
                    (None, None) => e.with_hint(msg!("unknown-column", en: "columns: {}", vi: "các cột: {}", ids.join(", "))),
                };
                d.push(e);
            }
        }
        let cells = columns
            .iter()
            .enumerate()
            .map(|(k, c)| match row.get(&c.id) {
                None | Some(RawCell::Null) => Cell::Empty,
                Some(RawCell::Number(v)) => doc
                    .checked_number(*v, &format!("rows.{i}.{}", c.id), d)
                    .map_or(Cell::Empty, Cell::Number),
                // `56,6` or `2.266.097` in a column of numbers: a number
                // typed the Vietnamese way, not text.
                Some(RawCell::Text(RawText::Plain(t)))
                    if numeric[k] && !number::readings(t).is_empty() =>
                {
                    let (m, h) = number::explain(t.trim(), &number::readings(t));
                    d.push(doc.err(&format!("rows.{i}.{}", c.id), m).with_hint(h));
                    Cell::Empty
                }
                Some(RawCell::Text(t)) => Cell::Text(doc.text(t, &format!("rows.{i}.{}", c.id), d)),
            })
            .collect();
        rows.push(cells);
    }
    rows
}

/// The chart of a dataset: `None` when it names columns that are not there
/// or hold text.
fn chart(
    doc: &Doc,
    c: &RawChart,
    ids: &[&str],
    rows: &[Vec<Cell>],
    d: &mut Diagnostics,
) -> Option<DatasetChart> {
    let kind = match c.kind {
        RawChartType::Bar => ChartType::Bar,
        RawChartType::Line => ChartType::Line,
        RawChartType::None => {
            return Some(DatasetChart {
                kind: ChartType::None,
                x: String::new(),
                y: Vec::new(),
            })
        }
    };
    let mut ok = true;
    let x = c.x.clone().unwrap_or_default();
    if c.x.is_none() {
        d.push(
            doc.err(
                "chart",
                msg!("chart-needs-x", en: "chart needs `x`: the column that names the bars or points", vi: "biểu đồ cần `x`: cột ghi tên các cột hoặc điểm"),
            )
            .with_hint(msg!("chart-needs-x", en: "columns: {}", vi: "các cột: {}", ids.join(", "))),
        );
        ok = false;
    } else if !ids.contains(&x.as_str()) {
        d.push(
            doc.err(
                "chart.x",
                msg!("chart-unknown-column", en: "chart `x` must name a column; `{x}` is not one", vi: "`x` của biểu đồ phải là tên một cột; `{x}` không phải"),
            )
            .with_hint(msg!("chart-unknown-column", en: "columns: {}", vi: "các cột: {}", ids.join(", "))),
        );
        ok = false;
    }
    let y = c.y.clone().unwrap_or_default().0;
    if y.is_empty() {
        d.push(doc.err(
            "chart",
            msg!("chart-needs-y", en: "chart needs `y`: the column (or list of columns) to draw", vi: "biểu đồ cần `y`: cột (hoặc danh sách cột) cần vẽ"),
        ));
        ok = false;
    }
    for (j, col) in y.iter().enumerate() {
        if !ids.contains(&col.as_str()) {
            let at = if doc.spans().exact("chart.y.0").is_some() {
                format!("chart.y.{j}")
            } else {
                "chart.y".into()
            };
            d.push(
                doc.err(
                    &at,
                    msg!("chart-unknown-column", en: "chart `y` must name columns; `{col}` is not one", vi: "`y` của biểu đồ phải là tên các cột; `{col}` không phải"),
                )
                .with_hint(msg!("chart-unknown-column", en: "columns: {}", vi: "các cột: {}", ids.join(", "))),
            );
            ok = false;
        } else if rows.iter().any(|r: &Vec<Cell>| {
            matches!(
                r[ids.iter().position(|x| x == col).unwrap_or(0)],
                Cell::Text(_)
            )
        }) {
            d.push(doc.err(
                "chart.y",
                msg!("chart-text-column", en: "column `{col}` holds text; a chart draws numbers", vi: "cột `{col}` chứa chữ; biểu đồ chỉ vẽ số"),
            ));
            ok = false;
        }
    }
    ok.then_some(DatasetChart { kind, x, y })
}
