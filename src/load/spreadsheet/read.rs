//! Reading a sheet: the first sheet of a workbook (calamine) or a CSV file
//! (csv + encoding_rs), as rows of cells, with where each cell is.

use std::path::Path;

use crate::diagnostics::{Cell, Diagnostic, Msg, Pos};

/// A cell as read: Excel numbers stay numbers (no text round trip).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Number(f64),
    /// An Excel number shown with `~` by its format (`"~"0.00`): an estimate.
    About(f64),
    Text(String),
}

/// One table: rows of cells (the first row names the columns) and where
/// each cell is, for messages.
pub struct Table {
    pub rows: Vec<Vec<Value>>,
    pub(super) places: Places,
    /// The text of a CSV file, for the source line under a message.
    pub src: Option<String>,
}

pub(super) enum Places {
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

    /// The row `row` as the editor finds it: a sheet's row number, or a
    /// CSV file's line (and `true`).
    pub(super) fn row_number(&self, row: usize) -> (usize, bool) {
        match &self.places {
            Places::Sheet(_, (r0, _)) => (*r0 as usize + row + 1, false),
            Places::Csv(lines) => (lines.get(row).map_or(1, |l| l.0), true),
        }
    }

    pub(super) fn header(&self, col: usize) -> String {
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
    let meta = std::fs::metadata(path).map_err(|e| crate::load::files::io_error(shown, &e))?;
    if meta.len() > crate::load::files::MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            shown,
            None,
            msg!("file-too-large",
                en: "file is too large ({} bytes; the limit is {} bytes)",
                vi: "tệp quá lớn ({} byte; giới hạn là {} byte)",
                meta.len(),
                crate::load::files::MAX_FILE_BYTES
            ),
        ));
    }
    if ext == "csv" {
        let bytes = std::fs::read(path).map_err(|e| crate::load::files::io_error(shown, &e))?;
        read_csv(&bytes, shown, warnings)
    } else {
        read_workbook(path, shown)
    }
}

/// The XML of `name` (`content.xml`, `styles.xml`) in the `.ods` at
/// `path`, empty when it cannot be read (calamine then says why).
fn ods_part(path: &Path, name: &str) -> String {
    use std::io::Read;
    let mut xml = String::new();
    let Ok(file) = std::fs::File::open(path) else {
        return xml;
    };
    let Ok(mut zip) = zip::ZipArchive::new(file) else {
        return xml;
    };
    let Ok(part) = zip.by_name(name) else {
        return xml;
    };
    // The content of a content file is no larger than the file's limit.
    let _ = part
        .take(crate::load::files::MAX_FILE_BYTES * 8)
        .read_to_string(&mut xml);
    xml
}

/// Whether the `.ods` at `path` has cells formatted as percentages, which
/// calamine gives as their fraction (0.572 for 57,2 %) with no style to tell.
fn ods_has_percentages(path: &Path) -> bool {
    ods_part(path, "content.xml").contains("office:value-type=\"percentage\"")
}

/// Whether the `.ods` at `path` has a number format that shows `~` (an
/// estimate), which calamine does not give: the mark would be lost.
fn ods_has_estimate_formats(path: &Path) -> bool {
    ["content.xml", "styles.xml"]
        .iter()
        .any(|part| ods_part(path, part).contains("<number:text>~</number:text>"))
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
    if is_ods && ods_has_estimate_formats(path) {
        return Err(Diagnostic::error(
            shown,
            None,
            msg!("ods-estimates",
                en: "a number format that shows `~` in an .ods file is not read: its estimates would be published as exact figures",
                vi: "trong tệp .ods, định dạng số hiện dấu `~` không được đọc: các số ước tính sẽ bị đăng như số chính xác"),
        )
        .with_hint(msg!("ods-estimates",
            en: "save the file as .xlsx (File → Save As → Excel 2007-365), or type the mark in the cell: ~8,48",
            vi: "lưu tệp thành .xlsx (File → Save As/Lưu thành → Excel 2007-365), hoặc gõ dấu ngay trong ô: ~8,48")));
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
            let format = styles
                .as_ref()
                .and_then(|s| s.get(abs))
                .and_then(|s| s.number_format.as_ref());
            let percent = format.is_some_and(|f| {
                f.format_code.contains('%') || matches!(f.format_id, Some(9 | 10))
            });
            // What the editor sees is what is published: `~8,48` is an estimate.
            let about = format.is_some_and(|f| f.format_code.contains('~'));
            out.push(match cell {
                Data::Empty => Value::Empty,
                Data::Int(i) if about => Value::About(*i as f64),
                Data::Int(i) => Value::Number(*i as f64),
                Data::Float(f) if percent && about => {
                    Value::About(crate::load::number::round(*f * 100.0))
                }
                Data::Float(f) if percent => Value::Number(crate::load::number::round(*f * 100.0)),
                Data::Float(f) if about => Value::About(*f),
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
pub(super) fn sniff_delimiter(text: &str) -> u8 {
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
}
