//! Writing `.xlsx` workbooks (rust_xlsxwriter): the open data's tables, and
//! `minhbach template`'s sheet for editors. Workbooks are written with a
//! fixed creation date so that two builds of the same content publish the
//! same bytes.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

/// A workbook whose metadata does not depend on when it was written.
pub fn workbook() -> Workbook {
    let mut book = Workbook::new();
    if let Ok(date) = ExcelDateTime::from_ymd(2000, 1, 1) {
        book.set_properties(&DocProperties::new().set_creation_datetime(&date));
    }
    book
}

/// A CSV table (as the open data writes it: UTF-8 with BOM, `,`) as an
/// `.xlsx` of one sheet: the header in bold, numbers as numbers (only where
/// the number reads back as the same text: `001` stays text).
pub fn from_csv(csv_bytes: &[u8], sheet: &str) -> Result<Vec<u8>, XlsxError> {
    workbook_from_csv(csv_bytes, sheet)?.save_to_buffer()
}

/// [`from_csv`]'s workbook, not yet packed: whether the table makes a
/// workbook at all, for `check`, which needs no bytes.
pub fn workbook_from_csv(csv_bytes: &[u8], sheet: &str) -> Result<Workbook, XlsxError> {
    let text = String::from_utf8_lossy(csv_bytes);
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut book = workbook();
    let ws = book.add_worksheet();
    ws.set_name(sheet_name(sheet))?;
    let bold = Format::new().set_bold();
    for (r, record) in reader.records().enumerate() {
        let Ok(record) = record else { continue };
        for (c, field) in record.iter().enumerate() {
            write_cell(ws, r as u32, c as u16, field, (r == 0).then_some(&bold))?;
        }
    }
    if reader.position().line() > 1 {
        ws.set_freeze_panes(1, 0)?;
    }
    Ok(book)
}

fn write_cell(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    field: &str,
    format: Option<&Format>,
) -> Result<(), XlsxError> {
    if field.is_empty() {
        return Ok(());
    }
    let number = field
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && format!("{v}") == field);
    match (number, format) {
        (Some(v), None) => ws.write_number(r, c, v).map(|_| ()),
        (_, Some(f)) => ws.write_string_with_format(r, c, field, f).map(|_| ()),
        // A CSV neutralises a leading formula character with `'`: a sheet
        // cell written as text is never a formula, so the mark can go.
        (None, None) => ws
            .write_string(r, c, field.strip_prefix('\'').unwrap_or(field))
            .map(|_| ()),
    }
}

/// Excel's limits for a sheet name: 31 characters, none of `[]:*?/\`.
pub fn sheet_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .take(31)
        .collect();
    if clean.trim().is_empty() {
        "Sheet1".to_string()
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_bytes_every_time_and_numbers_stay_numbers() {
        let csv = "\u{feff}id,value,code\r\na,56.6,001\r\nb,\"1,5\",'=1+1\r\n";
        let a = from_csv(csv.as_bytes(), "indicators").unwrap();
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let b = from_csv(csv.as_bytes(), "indicators").unwrap();
        assert_eq!(a, b);
        // Read back with the reader the loader uses.
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.xlsx");
        std::fs::write(&p, &a).unwrap();
        use calamine::{open_workbook_auto, Data, Reader};
        let mut book = open_workbook_auto(&p).unwrap();
        let range = book.worksheet_range("indicators").unwrap();
        assert_eq!(range.get((1, 1)), Some(&Data::Float(56.6)));
        assert_eq!(range.get((1, 2)), Some(&Data::String("001".into())));
        assert_eq!(range.get((2, 1)), Some(&Data::String("1,5".into())));
        assert_eq!(range.get((2, 2)), Some(&Data::String("=1+1".into())));
    }
}
