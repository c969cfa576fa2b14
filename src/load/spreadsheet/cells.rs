//! Where each value of a sheet came from, for messages.

use std::collections::HashMap;

use super::read::Place;
use crate::diagnostics::{Cell, Diagnostic, Msg, Pos};

/// Paths (as the loader names them, e.g. `3.values.1.value`) and the cells
/// they came from, with the nearest ancestor as fallback like YAML positions.
#[derive(Default)]
pub struct Cells {
    pub(super) by_path: HashMap<String, Place>,
    /// The spreadsheet, as shown in messages, and a CSV file's text.
    pub(super) shown: std::path::PathBuf,
    pub(super) src: String,
    /// Only paths below `rows` come from the sheet (a dataset whose title
    /// and columns are in YAML): others are the YAML's.
    pub(super) rows_only: bool,
}

impl Cells {
    /// A diagnostic at the cell `at` came from; `None` when `at` is not
    /// from the sheet.
    pub(in crate::load) fn diagnostic(
        &self,
        at: &str,
        warning: bool,
        message: Msg,
    ) -> Option<Diagnostic> {
        if self.rows_only && !(at == "rows" || at.starts_with("rows.")) {
            return None;
        }
        let (pos, label) = self.at(at);
        let mut d = if warning {
            Diagnostic::warning(&self.shown, pos, message)
        } else {
            Diagnostic::error(&self.shown, pos, message)
        }
        .with_source(&self.src);
        if !label.is_empty() {
            d = d.with_cell(label);
        }
        Some(d)
    }

    pub(super) fn set(&mut self, path: String, place: Place) {
        self.by_path.entry(path).or_insert(place);
    }

    pub fn at(&self, path: &str) -> Place {
        let mut p = path;
        loop {
            if let Some(place) = self.by_path.get(p) {
                return place.clone();
            }
            match p.rfind('.') {
                Some(i) => p = &p[..i],
                None => return (None, Cell::default()),
            }
        }
    }

    /// Line positions for the loader's checks that count lines
    /// ("first defined at line N"): the CSV line, or the sheet row.
    pub fn positions(&self) -> HashMap<String, Pos> {
        self.by_path
            .iter()
            .map(|(k, (pos, label))| {
                let pos = pos.unwrap_or_else(|| Pos::new(row_of(label.en()), 1));
                (k.clone(), pos)
            })
            .collect()
    }
}

/// The row number in `Sheet "X"!E14`.
fn row_of(label: &str) -> usize {
    let digits: String = label
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    digits
        .chars()
        .rev()
        .collect::<String>()
        .parse()
        .unwrap_or(1)
}
