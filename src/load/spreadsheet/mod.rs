//! Spreadsheets as sources: indicators (and dataset tables) kept as `.xlsx`,
//! `.ods` (read with calamine) or `.csv` (csv + encoding_rs), turned into the
//! same raw shapes as the YAML so that every check runs alike, with each
//! problem placed by cell: `Sheet "Chỉ tiêu"!E14`, or a CSV line and column.
//!
//! Layout of an indicators sheet (docs/content-format.md): the first row
//! names the columns, then one row per indicator and one column per period.

mod cells;
mod datasets;
mod indicators;
mod parts;
mod read;

use std::collections::HashMap;
use std::path::Path;

use super::number::{readings, strip_percent};
use super::raw::*;
use crate::diagnostics::{Diagnostic, Msg};

pub use cells::Cells;
use indicators::indicators;
use read::sniff_delimiter;
pub use read::{column_letters, read_table, Table, Value};

/// The spreadsheet extensions read, in the order they are looked for.
pub const EXTENSIONS: &[&str] = &["xlsx", "ods", "csv"];

/// The spreadsheet kept instead of the YAML file at `yaml` (same name,
/// another extension), if there is one.
pub fn find(yaml: &Path) -> Option<std::path::PathBuf> {
    EXTENSIONS
        .iter()
        .map(|e| yaml.with_extension(e))
        .find(|p| p.is_file())
}

/// `ha-tang` for `ha-tang.xlsx`, `.ods` or `.csv`.
pub fn stem(name: &str) -> Option<&str> {
    let (stem, ext) = name.rsplit_once('.')?;
    EXTENSIONS
        .iter()
        .any(|e| ext.eq_ignore_ascii_case(e))
        .then_some(stem)
}

/// The spreadsheet beside a dataset's YAML file that holds its rows.
pub fn find_beside(yaml: &Path) -> Option<std::path::PathBuf> {
    find(yaml)
}

impl super::Loader<'_> {
    /// A sheet inside the content folder, read; its warnings and any error
    /// go to the run's diagnostics.
    fn open_sheet(&mut self, sheet: &Path, shown: &Path) -> Option<Table> {
        if let Err(d) = super::files::check_inside_in(sheet, &self.resolved, shown) {
            self.diags.push(d);
            return None;
        }
        let mut warnings = Vec::new();
        match read_table(sheet, shown, &mut warnings) {
            Ok(table) => {
                warnings.into_iter().for_each(|w| self.diags.push(w));
                Some(table)
            }
            Err(d) => {
                self.diags.push(d);
                None
            }
        }
    }

    /// Read the indicators of `sheet` (kept instead of `yaml`) as the YAML
    /// would give them, with a document that places messages by cell.
    pub(super) fn indicators_sheet<'l>(
        &mut self,
        yaml: &Path,
        sheet: &Path,
        langs: &'l [String],
    ) -> Option<(Option<Vec<RawIndicator>>, super::Doc<'l>)> {
        let shown = self.shown(sheet);
        if yaml.exists() {
            self.diags.push(
                Diagnostic::error(
                    &shown,
                    None,
                    msg!("indicators-twice",
                        en: "both `{}` and `{}` hold this report's indicators",
                        vi: "cả `{}` và `{}` đều chứa các chỉ tiêu của báo cáo này",
                        file_name(yaml),
                        file_name(sheet)
                    ),
                )
                .with_hint(msg!("indicators-twice",
                    en: "keep one of them: move what the other holds into it",
                    vi: "chỉ giữ một tệp: chuyển nội dung của tệp kia vào tệp này")),
            );
            return None;
        }
        let table = self.open_sheet(sheet, &shown)?;
        let mut errors = Vec::new();
        let semicolons = semicolons(sheet, &table);
        let (raw, cells) = indicators(&table, langs, semicolons, &mut errors, &shown);
        let failed = errors.iter().any(Diagnostic::is_error);
        for e in errors {
            self.diags.push(e);
        }
        if failed {
            return None;
        }
        let spans = crate::yaml::Spans::from_positions(cells.positions());
        Some((
            Some(raw),
            super::Doc {
                shown,
                src: table.src.unwrap_or_default(),
                spans: std::cell::OnceCell::from(spans),
                langs,
                typed: std::cell::OnceCell::from(HashMap::new()),
                cells: Some(cells),
            },
        ))
    }
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn cell_error(table: &Table, r: usize, c: usize, shown: &Path, message: Msg) -> Diagnostic {
    let (pos, label) = table.place(r, c);
    let d = Diagnostic::error(shown, pos, message).with_cell(label);
    match &table.src {
        Some(src) => d.with_source(src),
        None => d,
    }
}

/// A cell as text: numbers without a needless `.0`.
fn cell_text(v: &Value) -> String {
    match v {
        Value::Empty => String::new(),
        Value::Number(n) => format!("{n}"),
        Value::About(n) => format!("~{n}"),
        Value::Text(t) => t.trim().to_string(),
    }
}

/// A cell meant as a number. Excel numbers are numbers; text is read by
/// [`readings`]: in a `;` file (saved where a comma marks decimals) the
/// Vietnamese reading wins, elsewhere a text that reads two ways stays text
/// (and the loader explains it).
fn number_of(v: &Value, vietnamese: bool) -> Option<RawNumber> {
    match v {
        Value::Empty => None,
        Value::Number(n) | Value::About(n) => Some(RawNumber::Number(*n)),
        Value::Text(t) => {
            let r = readings(t);
            let vi = r
                .iter()
                .find(|x| x.how.0.starts_with("the Vietnamese"))
                .map(|x| x.value);
            match (r.len(), vietnamese, vi) {
                (1, _, _) => Some(RawNumber::Number(r[0].value)),
                (2, true, Some(v)) => Some(RawNumber::Number(v)),
                _ => Some(RawNumber::Text(
                    strip_percent(t).0.to_string() + if strip_percent(t).1 { "%" } else { "" },
                )),
            }
        }
    }
}

/// Whether the CSV at `table` was `;`-separated (Vietnamese Excel).
pub fn semicolons(path: &Path, table: &Table) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
        && table
            .src
            .as_deref()
            .is_some_and(|s| sniff_delimiter(s) == b';')
}
