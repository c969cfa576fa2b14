//! A dataset's rows kept in a spreadsheet (with or without its YAML).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::indicators::split_lang;
use super::read::{Places, Table, Value};
use super::{cell_error, cell_text, file_name, number_of, semicolons, Cells};
use crate::diagnostics::{did_you_mean, Diagnostic};
use crate::helpers::text::match_key;
use crate::load::number::readings;
use crate::load::raw::*;
use crate::load::Doc;

/// The dataset column (and language) each column of the sheet fills.
type Targets = Vec<Option<(String, Option<String>)>>;

impl crate::load::Loader<'_> {
    /// A dataset kept in a spreadsheet: its rows, and with `yaml` (the
    /// dataset's YAML file without `rows`) its title, columns and chart;
    /// without, columns named by the header row.
    pub(in crate::load) fn dataset_sheet<'l>(
        &mut self,
        sheet: &Path,
        yaml: Option<(Option<RawDataset>, Doc<'l>)>,
        langs: &'l [String],
    ) -> Option<(Option<RawDataset>, Doc<'l>)> {
        let shown = self.shown(sheet);
        let table = self.open_sheet(sheet, &shown)?;
        let semicolons = semicolons(sheet, &table);
        let mut cells = Cells {
            shown: shown.clone(),
            src: table.src.clone().unwrap_or_default(),
            rows_only: yaml.is_some(),
            ..Cells::default()
        };
        let (mut raw, doc) = match yaml {
            Some((raw, doc)) => self.dataset_yaml(sheet, raw, doc)?,
            None => self.dataset_of_header(sheet, &table, &shown, langs),
        };
        let targets = match column_targets(&table, &raw, langs, &shown) {
            Ok(targets) => targets,
            Err(errors) => {
                for e in errors {
                    self.diags.push(e);
                }
                return None;
            }
        };
        let mut rows = Vec::new();
        for r in 1..table.rows.len() {
            cells.set(format!("rows.{}", rows.len()), table.place(r, 0));
            let row = self.dataset_row(&table, r, &targets, semicolons, &shown, |c, col| {
                cells.set(format!("rows.{}.{col}", rows.len()), table.place(r, c));
            });
            rows.push(row);
        }
        raw.rows = Some(rows);
        let doc = Doc {
            cells: Some(cells),
            ..doc
        };
        Some((Some(raw), doc))
    }

    /// The dataset's YAML, which must have no rows of its own.
    fn dataset_yaml<'l>(
        &mut self,
        sheet: &Path,
        raw: Option<RawDataset>,
        doc: Doc<'l>,
    ) -> Option<(RawDataset, Doc<'l>)> {
        let Some(raw) = raw else {
            self.diags.push(
                Diagnostic::error(
                    doc.shown,
                    None,
                    msg!("empty-file", en: "dataset file is empty", vi: "tệp bảng số liệu trống"),
                )
                .with_hint(msg!("empty-file",
                        en: "it needs `title` and `columns`; the rows come from the spreadsheet",
                        vi: "cần có `title` và `columns`; các dòng lấy từ bảng tính")),
            );
            return None;
        };
        if raw.rows.is_some() {
            self.diags.push(
                doc.err(
                    "rows",
                    msg!("rows-twice",
                        en: "rows are both here and in `{}`",
                        vi: "các dòng vừa có ở đây vừa có trong `{}`",
                        file_name(sheet)),
                )
                .with_hint(msg!("rows-twice",
                    en: "keep them in one place: delete `rows:` here, or the spreadsheet",
                    vi: "chỉ giữ ở một chỗ: xóa `rows:` ở đây, hoặc xóa bảng tính")),
            );
            return None;
        }
        Some((raw, doc))
    }

    /// A dataset without YAML: its columns are the header row, its title
    /// the sheet's name (or the file's, with a warning).
    fn dataset_of_header<'l>(
        &mut self,
        sheet: &Path,
        table: &Table,
        shown: &Path,
        langs: &'l [String],
    ) -> (RawDataset, Doc<'l>) {
        let id = sheet
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let header: Vec<String> = (0..table.rows.first().map_or(0, Vec::len))
            .map(|c| table.header(c))
            .collect();
        let mut columns: Vec<RawColumn> = Vec::new();
        for h in header.iter().filter(|h| !h.is_empty()) {
            let (stem, _) = split_lang(h, langs);
            let cid = crate::load::slugify(stem);
            if !columns.iter().any(|c| c.id == cid) {
                columns.push(RawColumn {
                    id: cid,
                    name: RawText::Plain(stem.to_string()),
                    unit: None,
                });
            }
        }
        let title = match &table.places {
            Places::Sheet(name, _)
                if !name.starts_with("Sheet") && !name.starts_with("Trang tính") =>
            {
                name.clone()
            }
            _ => {
                self.diags.push(
                    Diagnostic::warning(shown, None, msg!("dataset-no-title",
                        en: "dataset `{id}` has no title; its file name is shown",
                        vi: "bảng số liệu `{id}` không có tiêu đề; tên tệp được hiển thị thay"))
                        .with_hint(msg!("dataset-no-title",
                            en: "name the sheet after the table, or add datasets/{id}.yaml with `title:` and `columns:`",
                            vi: "đặt tên trang tính theo tên bảng, hoặc thêm tệp datasets/{id}.yaml có `title:` và `columns:`")),
                );
                id.clone()
            }
        };
        let raw = RawDataset {
            title: RawText::Plain(title),
            description: None,
            source: None,
            columns,
            rows: None,
            chart: None,
        };
        let doc = Doc {
            shown: shown.to_path_buf(),
            src: table.src.clone().unwrap_or_default(),
            spans: std::cell::OnceCell::from(crate::yaml::Spans::default()),
            langs,
            typed: std::cell::OnceCell::from(HashMap::new()),
            cells: None,
        };
        (raw, doc)
    }

    /// Row `r` of the sheet as a dataset row; `placed` is told each
    /// column filled (its sheet column and dataset column).
    fn dataset_row(
        &mut self,
        table: &Table,
        r: usize,
        targets: &Targets,
        semicolons: bool,
        shown: &Path,
        mut placed: impl FnMut(usize, &str),
    ) -> BTreeMap<String, RawCell> {
        let mut out: BTreeMap<String, RawCell> = Default::default();
        for (c, v) in table.rows[r].iter().enumerate() {
            let Some(Some((col, lang))) = targets.get(c) else {
                continue;
            };
            if *v == Value::Empty {
                continue;
            }
            placed(c, col);
            let cell = match (lang, v) {
                (Some(lang), v) => {
                    let mut map = match out.remove(col) {
                        Some(RawCell::Text(RawText::Map(m))) => m,
                        _ => Default::default(),
                    };
                    map.insert(lang.clone(), cell_text(v));
                    RawCell::Text(RawText::Map(map))
                }
                (None, Value::Number(n)) => RawCell::Number(*n),
                // A dataset has no estimates: the `~` stays in the text.
                (None, Value::About(_)) => RawCell::Text(RawText::Plain(cell_text(v))),
                (None, Value::Text(t)) => match number_of(v, semicolons) {
                    Some(RawNumber::Number(n)) => RawCell::Number(n),
                    // A number that reads two ways is not published as either.
                    Some(RawNumber::Text(typed)) if readings(&typed).len() > 1 => {
                        let (m, h) = crate::load::number::explain(&typed, &readings(&typed));
                        self.diags
                            .push(cell_error(table, r, c, shown, m).with_hint(h));
                        RawCell::Null
                    }
                    _ => RawCell::Text(RawText::Plain(t.trim().to_string())),
                },
                (None, Value::Empty) => RawCell::Null,
            };
            out.insert(col.clone(), cell);
        }
        out
    }
}

/// Each header names a column (by id or by name, in any language),
/// perhaps with a language: `Hạng mục (en)`; an unknown one is an error.
fn column_targets(
    table: &Table,
    raw: &RawDataset,
    langs: &[String],
    shown: &Path,
) -> Result<Targets, Vec<Diagnostic>> {
    let mut targets: Targets = Vec::new();
    let mut errors = Vec::new();
    for c in 0..table.rows.first().map_or(0, Vec::len) {
        let h = table.header(c);
        if h.is_empty() {
            targets.push(None);
            continue;
        }
        let (stem, lang) = split_lang(&h, langs);
        let key = match_key(stem);
        let found = raw.columns.iter().find(|col| {
            match_key(&col.id) == key
                || match &col.name {
                    RawText::Plain(n) => match_key(n) == key,
                    RawText::Map(m) => m.values().any(|n| match_key(n) == key),
                }
        });
        match found {
            Some(col) => targets.push(Some((col.id.clone(), lang))),
            None => {
                let ids: Vec<&str> = raw.columns.iter().map(|c| c.id.as_str()).collect();
                let mut d = cell_error(
                    table,
                    0,
                    c,
                    shown,
                    msg!("unknown-column",
                    en: "unknown column `{h}`",
                    vi: "cột `{h}` không có trong `columns`"),
                );
                d = match did_you_mean(stem, ids.iter().copied()) {
                    Some(b) => d.with_hint(
                        msg!("did-you-mean", en: "did you mean `{b}`?", vi: "có phải là `{b}`?"),
                    ),
                    None => d.with_hint(msg!("unknown-column",
                        en: "columns of this dataset: {}",
                        vi: "các cột của bảng này: {}",
                        ids.join(", "))),
                };
                errors.push(d);
                targets.push(None);
            }
        }
    }
    if errors.is_empty() {
        Ok(targets)
    } else {
        Err(errors)
    }
}
