//! Spreadsheets as sources: indicators (and dataset tables) kept as `.xlsx`,
//! `.ods` (read with calamine) or `.csv` (csv + encoding_rs), turned into the
//! same raw shapes as the YAML so that every check runs alike, with each
//! problem placed by cell: `Sheet "Chỉ tiêu"!E14`, or a CSV line and column.
//!
//! Layout of an indicators sheet (docs/content-format.md): the first row
//! names the columns, then one row per indicator and one column per period.

use std::collections::HashMap;
use std::path::Path;

use super::number::{readings, strip_percent};
use super::raw::*;
use crate::diagnostics::{did_you_mean, Cell, Diagnostic, Msg, Pos};

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
    /// A dataset kept in a spreadsheet: its rows, and with `yaml` (the
    /// dataset's YAML file without `rows`) its title, columns and chart;
    /// without, columns named by the header row.
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

    pub(super) fn dataset_sheet<'l>(
        &mut self,
        sheet: &Path,
        yaml: Option<(Option<RawDataset>, super::Doc<'l>)>,
        langs: &'l [String],
    ) -> Option<(Option<RawDataset>, super::Doc<'l>)> {
        let shown = self.shown(sheet);
        let table = self.open_sheet(sheet, &shown)?;
        let semicolons = semicolons(sheet, &table);
        let id = sheet
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut cells = Cells {
            shown: shown.clone(),
            src: table.src.clone().unwrap_or_default(),
            rows_only: yaml.is_some(),
            ..Cells::default()
        };
        let (mut raw, doc) = match yaml {
            Some((raw, doc)) => {
                let Some(raw) = raw else {
                    self.diags.push(
                        Diagnostic::error(doc.shown, None, msg!("empty-file", en: "dataset file is empty", vi: "tệp bảng số liệu trống")).with_hint(
                            msg!("empty-file",
                                en: "it needs `title` and `columns`; the rows come from the spreadsheet",
                                vi: "cần có `title` và `columns`; các dòng lấy từ bảng tính"),
                        ),
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
                (raw, doc)
            }
            None => {
                let header: Vec<String> = (0..table.rows.first().map_or(0, Vec::len))
                    .map(|c| table.header(c))
                    .collect();
                let mut columns: Vec<RawColumn> = Vec::new();
                for h in header.iter().filter(|h| !h.is_empty()) {
                    let (stem, _) = split_lang(h, langs);
                    let cid = super::slugify(stem);
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
                            Diagnostic::warning(&shown, None, msg!("dataset-no-title",
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
                let doc = super::Doc {
                    shown: shown.clone(),
                    src: table.src.clone().unwrap_or_default(),
                    spans: std::cell::OnceCell::from(crate::yaml::Spans::default()),
                    langs,
                    typed: std::cell::OnceCell::from(HashMap::new()),
                    cells: None,
                };
                (raw, doc)
            }
        };
        // Each header names a column (by id or by name, in any language),
        // perhaps with a language: `Hạng mục (en)`.
        let mut targets: Vec<Option<(String, Option<String>)>> = Vec::new();
        let mut errors = Vec::new();
        for c in 0..table.rows.first().map_or(0, Vec::len) {
            let h = table.header(c);
            if h.is_empty() {
                targets.push(None);
                continue;
            }
            let (stem, lang) = split_lang(&h, langs);
            let key = crate::helpers::text::match_key(stem);
            let found = raw.columns.iter().find(|col| {
                crate::helpers::text::match_key(&col.id) == key
                    || match &col.name {
                        RawText::Plain(n) => crate::helpers::text::match_key(n) == key,
                        RawText::Map(m) => m
                            .values()
                            .any(|n| crate::helpers::text::match_key(n) == key),
                    }
            });
            match found {
                Some(col) => targets.push(Some((col.id.clone(), lang))),
                None => {
                    let ids: Vec<&str> = raw.columns.iter().map(|c| c.id.as_str()).collect();
                    let mut d = cell_error(
                        &table,
                        0,
                        c,
                        &shown,
                        msg!("unknown-column",
                        en: "unknown column `{h}`",
                        vi: "cột `{h}` không có trong `columns`"),
                    );
                    d = match did_you_mean(stem, ids.iter().copied()) {
                        Some(b) => d.with_hint(msg!("did-you-mean", en: "did you mean `{b}`?", vi: "có phải là `{b}`?")),
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
        if !errors.is_empty() {
            for e in errors {
                self.diags.push(e);
            }
            return None;
        }
        let mut rows = Vec::new();
        for (r, row) in table.rows.iter().enumerate().skip(1) {
            let i = rows.len();
            let mut out: std::collections::BTreeMap<String, RawCell> = Default::default();
            cells.set(format!("rows.{i}"), table.place(r, 0));
            for (c, v) in row.iter().enumerate() {
                let Some(Some((col, lang))) = targets.get(c) else {
                    continue;
                };
                if *v == Value::Empty {
                    continue;
                }
                cells.set(format!("rows.{i}.{col}"), table.place(r, c));
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
                    (None, Value::Text(t)) => match number_of(v, semicolons) {
                        Some(RawNumber::Number(n)) => RawCell::Number(n),
                        // A number that reads two ways is not published as either.
                        Some(RawNumber::Text(typed)) if readings(&typed).len() > 1 => {
                            let (m, h) = super::number::explain(&typed, &readings(&typed));
                            self.diags
                                .push(cell_error(&table, r, c, &shown, m).with_hint(h));
                            RawCell::Null
                        }
                        _ => RawCell::Text(RawText::Plain(t.trim().to_string())),
                    },
                    (None, Value::Empty) => RawCell::Null,
                };
                out.insert(col.clone(), cell);
            }
            rows.push(out);
        }
        raw.rows = Some(rows);
        let doc = super::Doc {
            cells: Some(cells),
            ..doc
        };
        Some((Some(raw), doc))
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

/// A cell as read: Excel numbers stay numbers (no text round trip).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Number(f64),
    Text(String),
}

/// One table: rows of cells (the first row names the columns) and where
/// each cell is, for messages.
pub struct Table {
    pub rows: Vec<Vec<Value>>,
    places: Places,
    /// The text of a CSV file, for the source line under a message.
    pub src: Option<String>,
}

enum Places {
    /// A sheet: its name and the absolute (row, column) of `rows[0][0]`.
    Sheet(String, (u32, u32)),
    /// A CSV file: per record, its line and each field's character column.
    Csv(Vec<(usize, Vec<usize>)>),
}

/// Where a cell is: a position (CSV) and a label such as `Sheet "X"!E14`
/// or `column "2023"` (empty when unknown).
pub type Place = (Option<Pos>, Cell);

impl Table {
    /// The place of the cell at `row`, `col` of [`Table::rows`].
    pub fn place(&self, row: usize, col: usize) -> Place {
        match &self.places {
            Places::Sheet(name, (r0, c0)) => (
                None,
                Cell::sheet(
                    name,
                    &format!(
                        "{}{}",
                        column_letters(*c0 as usize + col),
                        *r0 as usize + row + 1
                    ),
                ),
            ),
            Places::Csv(lines) => {
                let (line, cols) = lines.get(row).cloned().unwrap_or((1, Vec::new()));
                let header = match self.rows.first().and_then(|h| h.get(col)) {
                    Some(Value::Text(t)) => t.clone(),
                    Some(Value::Number(n)) => n.to_string(),
                    _ => format!("{}", col + 1),
                };
                (
                    Some(Pos::new(line, cols.get(col).copied().unwrap_or(1))),
                    Cell::column(&header),
                )
            }
        }
    }

    fn header(&self, col: usize) -> String {
        match self.rows.first().and_then(|h| h.get(col)) {
            Some(Value::Text(t)) => t.trim().to_string(),
            Some(Value::Number(n)) => format!("{n}"),
            _ => String::new(),
        }
    }
}

/// `A`, `B`, … `Z`, `AA`: a 0-based column as Excel names it.
pub fn column_letters(mut col: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Read the first sheet of a workbook, or a CSV file. Warnings (a CSV file
/// decoded from a legacy encoding) go to `warnings`.
pub fn read_table(
    path: &Path,
    shown: &Path,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Table, Diagnostic> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let meta = std::fs::metadata(path).map_err(|e| super::files::io_error(shown, &e))?;
    if meta.len() > super::files::MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            shown,
            None,
            msg!("file-too-large",
                en: "file is too large ({} bytes; the limit is {} bytes)",
                vi: "tệp quá lớn ({} byte; giới hạn là {} byte)",
                meta.len(),
                super::files::MAX_FILE_BYTES
            ),
        ));
    }
    if ext == "csv" {
        let bytes = std::fs::read(path).map_err(|e| super::files::io_error(shown, &e))?;
        read_csv(&bytes, shown, warnings)
    } else {
        read_workbook(path, shown)
    }
}

/// Whether the `.ods` at `path` has cells formatted as percentages, which
/// calamine gives as their fraction (0.572 for 57,2 %) with no style to tell.
fn ods_has_percentages(path: &Path) -> bool {
    use std::io::Read;
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let Ok(mut zip) = zip::ZipArchive::new(file) else {
        return false;
    };
    let Ok(content) = zip.by_name("content.xml") else {
        return false;
    };
    let mut xml = String::new();
    // The content of a content file is no larger than the file's limit.
    let _ = content
        .take(super::files::MAX_FILE_BYTES * 8)
        .read_to_string(&mut xml);
    xml.contains("office:value-type=\"percentage\"")
}

fn read_workbook(path: &Path, shown: &Path) -> Result<Table, Diagnostic> {
    use calamine::{open_workbook_auto, Data, Reader};
    let is_ods = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ods"));
    if is_ods && ods_has_percentages(path) {
        return Err(Diagnostic::error(
            shown,
            None,
            msg!("ods-percentages",
                en: "cells formatted as percentages in an .ods file would be read as fractions (0.572 for 57,2 %)",
                vi: "trong tệp .ods, ô định dạng phần trăm sẽ bị đọc thành phân số (0.572 thay cho 57,2 %)"),
        )
        .with_hint(msg!("ods-percentages",
            en: "save the file as .xlsx (File → Save As → Excel 2007-365), or format those cells as numbers and type 57,2",
            vi: "lưu tệp thành .xlsx (File → Save As/Lưu thành → Excel 2007-365), hoặc định dạng các ô đó là số và gõ 57,2")));
    }
    let refuse = |e: Msg| {
        let (en, vi) = (e.en(), e.vi());
        Diagnostic::error(
            shown,
            None,
            msg!("unreadable-spreadsheet",
            en: "cannot read the spreadsheet: {en}",
            vi: "không đọc được bảng tính: {vi}"),
        )
        .with_hint(msg!("unreadable-spreadsheet",
                en: "save it again from Excel or LibreOffice as .xlsx (or .ods)",
                vi: "mở tệp bằng Excel hoặc LibreOffice rồi lưu lại thành .xlsx (hoặc .ods)"))
    };
    // calamine's reasons are English only: kept as they are in both languages.
    let reason = |e: String| msg!("unreadable-spreadsheet", en: "{e}", vi: "{e}");
    let mut book = open_workbook_auto(path).map_err(|e| refuse(reason(e.to_string())))?;
    let name = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| {
            refuse(msg!("unreadable-spreadsheet", en: "it has no sheet", vi: "tệp không có trang tính nào"))
        })?;
    let range = book
        .worksheet_range(&name)
        .map_err(|e| refuse(reason(e.to_string())))?;
    // A cell formatted as a percentage holds 0.572 for 57.2 %: the style says so.
    let styles = book.worksheet_style(&name).ok();
    let start = range.start().unwrap_or((0, 0));
    let mut rows = Vec::new();
    for (r, row) in range.rows().enumerate() {
        let mut out = Vec::with_capacity(row.len());
        for (c, cell) in row.iter().enumerate() {
            let abs = (start.0 + r as u32, start.1 + c as u32);
            let percent = styles
                .as_ref()
                .and_then(|s| s.get(abs))
                .and_then(|s| s.number_format.as_ref())
                .is_some_and(|f| {
                    f.format_code.contains('%') || matches!(f.format_id, Some(9 | 10))
                });
            out.push(match cell {
                Data::Empty => Value::Empty,
                Data::Int(i) => Value::Number(*i as f64),
                Data::Float(f) if percent => Value::Number(super::number::round(*f * 100.0)),
                Data::Float(f) => Value::Number(*f),
                Data::String(s) if s.trim().is_empty() => Value::Empty,
                Data::String(s) => Value::Text(s.clone()),
                Data::Bool(b) => Value::Text(b.to_string()),
                Data::DateTime(d) => Value::Text(crate::helpers::text::excel_date(d.as_f64())),
                Data::DateTimeIso(s) => Value::Text(s.get(..10).unwrap_or(s).to_string()),
                Data::DurationIso(s) => Value::Text(s.clone()),
                Data::Error(e) => Value::Text(format!("#{e:?}")),
            });
        }
        rows.push(out);
    }
    Ok(Table {
        rows,
        places: Places::Sheet(name, start),
        src: None,
    })
}

/// CSV as a Vietnamese office saves it: UTF-8 with or without BOM, UTF-16
/// (Excel's "Unicode text"), or Windows-1258; `;` or `,` between fields.
fn read_csv(
    bytes: &[u8],
    shown: &Path,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Table, Diagnostic> {
    let text = decode(bytes, shown, warnings)?;
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let lines: Vec<&str> = text.lines().collect();
    let mut rows = Vec::new();
    let mut places = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line() as usize);
            // The csv crate's reason is English only.
            Diagnostic::error(
                shown,
                line.map(|l| Pos::new(l, 1)),
                msg!("csv-syntax",
                en: "CSV: {e}",
                vi: "tệp CSV sai cú pháp: {e}"),
            )
            .with_hint(msg!("csv-syntax",
                    en: "check the quotes on this line",
                    vi: "kiểm tra các dấu ngoặc kép trên dòng này"))
            .with_source(&text)
        })?;
        let line = record.position().map_or(1, |p| p.line() as usize);
        let cols = field_columns(lines.get(line - 1).copied().unwrap_or(""), delimiter);
        let cells: Vec<Value> = record
            .iter()
            .map(|f| {
                let f = f.trim();
                if f.is_empty() {
                    Value::Empty
                } else {
                    Value::Text(f.to_string())
                }
            })
            .collect();
        if cells.iter().all(|c| *c == Value::Empty) {
            continue;
        }
        rows.push(cells);
        places.push((line, cols));
    }
    Ok(Table {
        rows,
        places: Places::Csv(places),
        src: Some(text),
    })
}

fn decode(
    bytes: &[u8],
    shown: &Path,
    warnings: &mut Vec<Diagnostic>,
) -> Result<String, Diagnostic> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(Diagnostic::error(
                shown,
                None,
                msg!("not-utf8",
                    en: "file is not valid {}",
                    vi: "tệp không phải {} hợp lệ",
                    enc.name()),
            )
            .with_hint(msg!("not-utf8",
                en: "save it again as \"CSV UTF-8 (Comma delimited)\"",
                vi: "lưu lại tệp dưới dạng \"CSV UTF-8 (Comma delimited)\"")));
        }
        return Ok(text.into_owned());
    }
    match std::str::from_utf8(bytes) {
        Ok(t) => Ok(t.to_string()),
        Err(e) => {
            // Vietnamese Windows saves "CSV (Comma delimited)" as Windows-1258.
            let (text, _, had_errors) = encoding_rs::WINDOWS_1258.decode(bytes);
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
            if had_errors || text.contains('\u{0}') {
                return Err(Diagnostic::error(
                    shown,
                    None,
                    msg!("not-utf8",
                        en: "file is not UTF-8 (invalid byte at line {line})",
                        vi: "tệp không phải UTF-8 (byte sai ở dòng {line})"),
                )
                .with_hint(msg!("not-utf8",
                    en: "in Excel: File → Save As → \"CSV UTF-8 (Comma delimited) (*.csv)\"",
                    vi: "trong Excel: File → Save As/Lưu thành → \"CSV UTF-8 (Comma delimited) (*.csv)\"")));
            }
            warnings.push(
                Diagnostic::warning(
                    shown,
                    None,
                    msg!("csv-windows-1258",
                        en: "file is not UTF-8 (line {line}); read as Windows-1258 (Vietnamese Windows)",
                        vi: "tệp không phải UTF-8 (dòng {line}); đã đọc theo bảng mã Windows-1258 (Windows tiếng Việt)"),
                )
                .with_hint(msg!("csv-windows-1258",
                    en: "check the accents on the site, then save the file as \"CSV UTF-8 (Comma delimited) (*.csv)\" to silence this",
                    vi: "kiểm tra dấu tiếng Việt trên trang, rồi lưu tệp dưới dạng \"CSV UTF-8 (Comma delimited) (*.csv)\" để hết cảnh báo này")),
            );
            Ok(text.into_owned())
        }
    }
}

/// `;` when the header line has more semicolons than commas outside quotes
/// (Excel's choice where a comma marks decimals), else `,`.
fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let (mut semi, mut comma, mut quoted) = (0, 0, false);
    for c in first.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => semi += 1,
            ',' if !quoted => comma += 1,
            _ => {}
        }
    }
    if semi > comma {
        b';'
    } else {
        b','
    }
}

/// The 1-based character column where each field of `line` starts.
fn field_columns(line: &str, delimiter: u8) -> Vec<usize> {
    let mut cols = vec![1];
    let mut quoted = false;
    for (i, c) in line.chars().enumerate() {
        if c == '"' {
            quoted = !quoted;
        } else if !quoted && c as u32 == delimiter as u32 {
            cols.push(i + 2);
        }
    }
    cols
}

/// Paths (as the loader names them, e.g. `3.values.1.value`) and the cells
/// they came from, with the nearest ancestor as fallback like YAML positions.
#[derive(Default)]
pub struct Cells {
    by_path: HashMap<String, Place>,
    /// The spreadsheet, as shown in messages, and a CSV file's text.
    shown: std::path::PathBuf,
    src: String,
    /// Only paths below `rows` come from the sheet (a dataset whose title
    /// and columns are in YAML): others are the YAML's.
    rows_only: bool,
}

impl Cells {
    /// A diagnostic at the cell `at` came from; `None` when `at` is not
    /// from the sheet.
    pub(super) fn diagnostic(&self, at: &str, warning: bool, message: Msg) -> Option<Diagnostic> {
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

    fn set(&mut self, path: String, place: Place) {
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

/// What a column of an indicators sheet holds.
#[derive(Debug, Clone, PartialEq)]
enum Field {
    Id,
    Group,
    Name(Option<String>),
    Unit,
    Decimals,
    Target,
    Op,
    By,
    TargetSource,
    TargetText(Option<String>),
    Lead,
    Partners,
    Note(Option<String>),
    Value(String),
    ValueSource(String),
}

/// Column names, in English (the YAML keys) and in Vietnamese.
/// Makes the field of a column from the column's language, if it names one.
type MakeField = fn(Option<String>) -> Field;

const FIELDS: &[(&str, MakeField)] = &[
    ("id", |_| Field::Id),
    ("mã", |_| Field::Id),
    ("group", |_| Field::Group),
    ("nhóm", |_| Field::Group),
    ("name", Field::Name),
    ("tên", Field::Name),
    ("tên chỉ tiêu", Field::Name),
    ("unit", |_| Field::Unit),
    ("đơn vị", |_| Field::Unit),
    ("decimals", |_| Field::Decimals),
    ("số chữ số thập phân", |_| Field::Decimals),
    ("target", |_| Field::Target),
    ("mục tiêu", |_| Field::Target),
    ("op", |_| Field::Op),
    ("target.op", |_| Field::Op),
    ("so sánh", |_| Field::Op),
    ("by", |_| Field::By),
    ("target.by", |_| Field::By),
    ("thời hạn", |_| Field::By),
    ("target.source", |_| Field::TargetSource),
    ("nguồn mục tiêu", |_| Field::TargetSource),
    ("target.text", Field::TargetText),
    ("mục tiêu (lời)", Field::TargetText),
    ("lead", |_| Field::Lead),
    ("chủ trì", |_| Field::Lead),
    ("partners", |_| Field::Partners),
    ("phối hợp", |_| Field::Partners),
    ("note", Field::Note),
    ("ghi chú", Field::Note),
];

/// The column names an indicators sheet may use (for messages and the template).
pub fn field_names() -> Vec<&'static str> {
    FIELDS.iter().map(|(n, _)| *n).collect()
}

/// `name.vi`, `name (vi)`, `Tên [en]` → (`name`, Some(`vi`)).
fn split_lang<'a>(header: &'a str, langs: &[String]) -> (&'a str, Option<String>) {
    let h = header.trim();
    for lang in langs {
        for (open, close) in [(".", ""), (" (", ")"), ("(", ")"), (" [", "]"), ("[", "]")] {
            let suffix = format!("{open}{lang}{close}");
            if let Some(stem) = h.strip_suffix(suffix.as_str()) {
                return (stem.trim_end(), Some(lang.clone()));
            }
        }
    }
    (h, None)
}

/// A period column: `2023`, `2023-Q2`, `Giá trị 2023`, `value 2023`, `30/06/2023`;
/// a period's source: `nguồn 2023`, `source 2023`, `2023.source`.
fn period_field(header: &str) -> Option<Field> {
    let h = header.trim().to_lowercase();
    let is_period = |p: &str| crate::model::Period::parse(p).is_ok();
    for prefix in ["nguồn ", "source "] {
        if let Some(p) = h.strip_prefix(prefix) {
            let p = dmy_to_iso(p.trim());
            return is_period(&p).then_some(Field::ValueSource(p));
        }
    }
    if let Some(p) = h.strip_suffix(".source") {
        let p = dmy_to_iso(p.trim());
        return is_period(&p).then_some(Field::ValueSource(p));
    }
    let p = ["giá trị ", "value "]
        .iter()
        .find_map(|pre| h.strip_prefix(pre))
        .unwrap_or(&h);
    let p = dmy_to_iso(p.trim());
    is_period(&p).then_some(Field::Value(p))
}

/// `30/06/2023` → `2023-06-30`; `06/2023` → `2023-06`; anything else as is.
pub fn dmy_to_iso(text: &str) -> String {
    let parts: Vec<&str> = text.split('/').collect();
    let num = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    match parts.as_slice() {
        [d, m, y] if num(d) && num(m) && y.len() == 4 && num(y) => {
            format!("{y}-{:0>2}-{:0>2}", m, d)
        }
        [m, y] if num(m) && m.len() <= 2 && y.len() == 4 && num(y) => format!("{y}-{:0>2}", m),
        _ => text.to_string(),
    }
}

fn field_of(header: &str, langs: &[String]) -> Option<Field> {
    let (stem, lang) = split_lang(header, langs);
    let key = crate::helpers::text::match_key(stem);
    FIELDS
        .iter()
        .find(|(n, _)| *n == key)
        .map(|(_, f)| f(lang.clone()))
        .or_else(|| period_field(stem))
}

/// The indicators of a sheet as the YAML would give them, and where each
/// came from. Errors in the header row stop the reading.
pub fn indicators(
    table: &Table,
    langs: &[String],
    delimiter_is_semicolon: bool,
    errors: &mut Vec<Diagnostic>,
    shown: &Path,
) -> (Vec<RawIndicator>, Cells) {
    let mut cells = Cells {
        shown: shown.to_path_buf(),
        src: table.src.clone().unwrap_or_default(),
        ..Cells::default()
    };
    let Some(header) = table.rows.first() else {
        return (Vec::new(), cells);
    };
    let mut fields = Vec::new();
    for c in 0..header.len() {
        let h = table.header(c);
        if h.is_empty() {
            fields.push(None);
            continue;
        }
        match field_of(&h, langs) {
            Some(f) => fields.push(Some(f)),
            None => {
                let (pos, label) = table.place(0, c);
                let mut d = Diagnostic::error(
                    shown,
                    pos,
                    msg!("unknown-column",
                        en: "unknown column `{h}`",
                        vi: "không có cột `{h}`"),
                )
                .with_cell(label);
                let names = field_names();
                d = match did_you_mean(&h.to_lowercase(), names.iter().copied()) {
                    Some(b) => d.with_hint(msg!("did-you-mean", en: "did you mean `{b}`?", vi: "có phải là `{b}`?")),
                    None => d.with_hint(msg!("unknown-column",
                        en: "columns: {}, and one per period (2022, 2023, …) with `nguồn 2023` for its source",
                        vi: "các cột: {}, và mỗi kỳ một cột (2022, 2023, …) kèm cột `nguồn 2023` cho nguồn của kỳ đó",
                        names.join(", ")
                    )),
                };
                if let Some(src) = &table.src {
                    d = d.with_source(src);
                }
                errors.push(d);
                fields.push(None);
            }
        }
    }
    if !errors.is_empty() {
        return (Vec::new(), cells);
    }
    let mut out = Vec::new();
    for (r, row) in table.rows.iter().enumerate().skip(1) {
        let i = out.len();
        let get = |f: &Field| -> Option<(usize, &Value)> {
            fields
                .iter()
                .position(|x| x.as_ref() == Some(f))
                .and_then(|c| row.get(c).map(|v| (c, v)))
                .filter(|(_, v)| **v != Value::Empty)
        };
        let text_of = |f: &Field, path: &str, cells: &mut Cells| -> Option<String> {
            let (c, v) = get(f)?;
            cells.set(path.to_string(), table.place(r, c));
            Some(cell_text(v))
        };
        cells.set(format!("{i}"), table.place(r, 0));
        let id = text_of(&Field::Id, &format!("{i}.id"), &mut cells).unwrap_or_default();
        let group = text_of(&Field::Group, &format!("{i}.group"), &mut cells).unwrap_or_default();
        let localized =
            |make: fn(Option<String>) -> Field, key: &str, cells: &mut Cells| -> Option<RawText> {
                if let Some((c, v)) = get(&make(None)) {
                    cells.set(format!("{i}.{key}"), table.place(r, c));
                    return Some(RawText::Plain(cell_text(v)));
                }
                let mut map = std::collections::BTreeMap::new();
                for lang in langs {
                    if let Some((c, v)) = get(&make(Some(lang.clone()))) {
                        cells.set(format!("{i}.{key}"), table.place(r, c));
                        cells.set(format!("{i}.{key}.{lang}"), table.place(r, c));
                        map.insert(lang.clone(), cell_text(v));
                    }
                }
                (!map.is_empty()).then_some(RawText::Map(map))
            };
        let name = localized(Field::Name, "name", &mut cells);
        let note = localized(Field::Note, "note", &mut cells);
        let target_text = localized(Field::TargetText, "target.text", &mut cells);
        let unit = text_of(&Field::Unit, &format!("{i}.unit"), &mut cells);
        let decimals = get(&Field::Decimals).and_then(|(c, v)| {
            cells.set(format!("{i}.decimals"), table.place(r, c));
            number_of(v, delimiter_is_semicolon).and_then(|n| match n {
                RawNumber::Number(n) if n.fract() == 0.0 => Some(n as i64),
                _ => {
                    errors.push(cell_error(
                        table,
                        r,
                        c,
                        shown,
                        msg!("invalid-decimals",
                            en: "`decimals` must be a whole number from 0 to 6",
                            vi: "`decimals` phải là số nguyên từ 0 đến 6"),
                    ));
                    None
                }
            })
        });
        let op = text_of(&Field::Op, &format!("{i}.target.op"), &mut cells);
        let by = get(&Field::By).map(|(c, v)| {
            cells.set(format!("{i}.target.by"), table.place(r, c));
            RawPeriod(dmy_to_iso(&cell_text(v)))
        });
        let target_source = text_of(
            &Field::TargetSource,
            &format!("{i}.target.source"),
            &mut cells,
        )
        .map(|s| RawSource::Text(RawText::Plain(s)));
        let target_cell = get(&Field::Target).map(|(c, v)| {
            cells.set(format!("{i}.target"), table.place(r, c));
            cells.set(format!("{i}.target.value"), table.place(r, c));
            v
        });
        let target = match (target_cell, target_text) {
            (None, None) => None,
            (Some(Value::Text(t)), None)
                if op.is_none()
                    && by.is_none()
                    && target_source.is_none()
                    && number_of(&Value::Text(t.clone()), delimiter_is_semicolon)
                        .is_none_or(|n| matches!(n, RawNumber::Text(_))) =>
            {
                Some(RawTarget::Text(t.clone()))
            }
            (v, text) => {
                let mut value = v.and_then(|v| number_of(v, delimiter_is_semicolon));
                let mut op = op;
                // `≥ 50%` beside a deadline or a source: read, and shown back.
                if let Some(RawNumber::Text(t)) = &value {
                    if let super::number::TextTarget::Read(read_op, v) =
                        super::number::text_target(t)
                    {
                        let c = fields
                            .iter()
                            .position(|x| x.as_ref() == Some(&Field::Target))
                            .unwrap_or(0);
                        let (pos, label) = table.place(r, c);
                        let written = op.get_or_insert_with(|| read_op.to_string()).clone();
                        errors.push(
                            Diagnostic::warning(
                                shown,
                                pos,
                                msg!("target-read-as",
                                    en: "target `{t}` is read as {written} {}",
                                    vi: "mục tiêu `{t}` được hiểu là {written} {}",
                                    super::number::fmt(v)),
                            )
                            .with_cell(label)
                            .with_source(table.src.as_deref().unwrap_or(""))
                            .with_hint(msg!("target-read-as",
                                en: "put the number alone in this cell and the comparison in `So sánh` to say so without a warning",
                                vi: "chỉ ghi con số trong ô này và ghi phép so sánh ở cột `So sánh` để không còn cảnh báo")),
                        );
                        value = Some(RawNumber::Number(v));
                    }
                }
                Some(RawTarget::Full(RawTargetMap {
                    value,
                    op,
                    by,
                    text,
                    source: target_source,
                }))
            }
        };
        // `-` (or "không", "none") says the plan names no agency in charge.
        let lead = match text_of(&Field::Lead, &format!("{i}.lead"), &mut cells) {
            Some(l) if ["-", "—", "~", "không", "none"].contains(&l.to_lowercase().as_str()) => {
                Some(None)
            }
            other => other.map(Some),
        };
        let partners = get(&Field::Partners)
            .map(|(c, v)| {
                let names: Vec<String> = cell_text(v)
                    .split(['\n', ';'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect();
                for j in 0..names.len() {
                    cells.set(format!("{i}.partners.{j}"), table.place(r, c));
                }
                names
            })
            .unwrap_or_default();
        let mut values = Vec::new();
        for (c, f) in fields.iter().enumerate() {
            let Some(Field::Value(period)) = f else {
                continue;
            };
            let Some(v) = row.get(c).filter(|v| **v != Value::Empty) else {
                continue;
            };
            let j = values.len();
            cells.set(format!("{i}.values.{j}"), table.place(r, c));
            cells.set(format!("{i}.values.{j}.period"), table.place(0, c));
            let source = get(&Field::ValueSource(period.clone())).map(|(sc, s)| {
                cells.set(format!("{i}.values.{j}.source"), table.place(r, sc));
                RawSource::Text(RawText::Plain(cell_text(s)))
            });
            let Some(value) = number_of(v, delimiter_is_semicolon) else {
                continue;
            };
            values.push(RawValue {
                period: RawPeriod(period.clone()),
                value,
                source,
                // Estimates and proxies are written in YAML only (issue 13).
                estimate: false,
                proxy: None,
                unit: None,
            });
        }
        let Some(name) = name else {
            errors.push(cell_error(
                table,
                r,
                0,
                shown,
                msg!("missing-field",
                    en: "this indicator has no `name`",
                    vi: "chỉ tiêu này thiếu `name` (tên)"),
            ));
            continue;
        };
        out.push(RawIndicator {
            id,
            group,
            name,
            unit,
            decimals,
            target,
            values,
            lead,
            partners: RawNames(partners),
            note,
            better: None,
            code: None,
        });
    }
    (out, cells)
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
        Value::Number(n) => Some(RawNumber::Number(*n)),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_excel_does() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(4), "E");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
    }

    #[test]
    fn headers() {
        let langs = vec!["vi".to_string(), "en".to_string()];
        assert_eq!(
            field_of("Tên (en)", &langs),
            Some(Field::Name(Some("en".into())))
        );
        assert_eq!(
            field_of("name.vi", &langs),
            Some(Field::Name(Some("vi".into())))
        );
        assert_eq!(
            field_of("Giá trị 2023", &langs),
            Some(Field::Value("2023".into()))
        );
        assert_eq!(
            field_of("Nguồn 2022", &langs),
            Some(Field::ValueSource("2022".into()))
        );
        assert_eq!(
            field_of("30/06/2023", &langs),
            Some(Field::Value("2023-06-30".into()))
        );
        assert_eq!(field_of("Chủ trì", &langs), Some(Field::Lead));
        assert_eq!(field_of("colour", &langs), None);
    }

    #[test]
    fn vietnamese_csv_is_decoded() {
        let mut w = Vec::new();
        let shown = Path::new("x.csv");
        let t = read_csv("\u{feff}id;2023\na;56,6\n".as_bytes(), shown, &mut w).unwrap();
        assert_eq!(
            t.rows[1],
            [Value::Text("a".into()), Value::Text("56,6".into())]
        );
        assert_eq!(t.place(1, 1), (Some(Pos::new(2, 3)), Cell::column("2023")));
        // UTF-16 with its byte-order mark, as Excel's "Unicode text" saves it.
        let mut bytes = vec![0xFF, 0xFE];
        for u in "id,Tên\na,Sở\n".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let t = read_csv(&bytes, shown, &mut w).unwrap();
        assert_eq!(t.rows[1][1], Value::Text("Sở".into()));
        assert!(w.is_empty());
        // Windows-1258 (0xEA is ê): read, with a warning.
        let t = read_csv(b"id,T\xean\na,b\n", shown, &mut w).unwrap();
        assert_eq!(t.header(1), "Tên");
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn dates() {
        assert_eq!(dmy_to_iso("30/06/2023"), "2023-06-30");
        assert_eq!(dmy_to_iso("6/2023"), "2023-06");
        assert_eq!(dmy_to_iso("2023"), "2023");
    }
}
