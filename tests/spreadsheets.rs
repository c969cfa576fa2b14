//! Indicators kept in a spreadsheet (issue 15): the Hải Dương indicators as
//! an `.xlsx` (percentages in cells formatted as %) and as a Vietnamese-locale
//! `.csv` (`;`, decimal commas, thousands dots, BOM) build the same site as
//! the YAML, byte for byte; an error in a cell names the sheet and cell.

mod common;

use common::{snapshot, Site};
use serde_yaml::Value;

const IND: &str = "reports/hai-duong-2023/indicators.yaml";

/// One row per indicator, one column per period: the layout of docs/content-format.md.
struct Sheet {
    header: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

#[derive(Clone)]
enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A value of a percent indicator.
    Percent(f64),
    /// A value the source calls an estimate (`estimate: true`).
    Estimate(Box<Cell>),
}

fn text(v: &Value, key: &str, lang: &str) -> Cell {
    match v.get(key) {
        Some(Value::String(s)) if lang == "vi" => Cell::Text(s.clone()),
        Some(Value::Mapping(m)) => m
            .get(lang)
            .and_then(Value::as_str)
            .map_or(Cell::Empty, |s| Cell::Text(s.into())),
        _ => Cell::Empty,
    }
}

fn sheet_of_yaml(src: &str) -> Sheet {
    let list: Vec<Value> = serde_yaml::from_str(src).unwrap();
    // A measure's parts are rows of their own, right under it.
    let parts = |ind: &Value| -> Vec<Value> {
        ind.get("parts")
            .and_then(Value::as_sequence)
            .cloned()
            .unwrap_or_default()
    };
    let mut periods: Vec<String> = Vec::new();
    // Periods with a proxy value get the proxy's columns.
    let mut proxies: Vec<String> = Vec::new();
    for ind in list
        .iter()
        .flat_map(|i| std::iter::once(i.clone()).chain(parts(i)))
    {
        for v in ind
            .get("values")
            .and_then(Value::as_sequence)
            .into_iter()
            .flatten()
        {
            let p = serde_yaml::to_string(&v["period"])
                .unwrap()
                .trim()
                .to_string();
            if v.get("proxy").is_some() && !proxies.contains(&p) {
                proxies.push(p.clone());
            }
            if !periods.contains(&p) {
                periods.push(p);
            }
        }
    }
    let mut header: Vec<String> = [
        "Mã",
        "Nhóm",
        "Tên (vi)",
        "Tên (en)",
        "Đơn vị",
        "Số chữ số thập phân",
        "Mục tiêu",
        "So sánh",
        "Thời hạn",
        "Nguồn mục tiêu",
        "Mục tiêu (lời) (vi)",
        "Mục tiêu (lời) (en)",
        "Chủ trì",
        "Phối hợp",
        "Ghi chú (vi)",
        "Ghi chú (en)",
        "Chiều tốt",
        "Phần của",
        "Chia theo (vi)",
        "Chia theo (en)",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for p in &periods {
        header.push(format!("Giá trị {p}"));
        header.push(format!("Nguồn {p}"));
        if proxies.contains(p) {
            header.push(format!("Gián tiếp {p} (vi)"));
            header.push(format!("Gián tiếp {p} (en)"));
            header.push(format!("Đơn vị gián tiếp {p}"));
        }
    }
    let s = |v: Option<&Value>| match v {
        Some(Value::String(s)) => Cell::Text(s.clone()),
        Some(Value::Number(n)) => Cell::Number(n.as_f64().unwrap()),
        _ => Cell::Empty,
    };
    // A row of a measure (`of` is `None`) or of a part of the measure `of`.
    let row_of = |ind: &Value, of: Option<&Value>| {
        let t = ind.get("target");
        let percent = of.unwrap_or(ind).get("unit").and_then(Value::as_str) == Some("percent");
        let mut row = vec![
            s(ind.get("id")),
            s(ind.get("group")),
            text(ind, "name", "vi"),
            text(ind, "name", "en"),
            s(ind.get("unit")),
            s(ind.get("decimals")),
            s(t.and_then(|t| t.get("value"))),
            s(t.and_then(|t| t.get("op"))),
            // A year, as Excel shows it: no thousands dot.
            match s(t.and_then(|t| t.get("by"))) {
                Cell::Number(n) => Cell::Text(n.to_string()),
                c => c,
            },
            s(t.and_then(|t| t.get("source"))),
            t.map_or(Cell::Empty, |t| text(t, "text", "vi")),
            t.map_or(Cell::Empty, |t| text(t, "text", "en")),
            match ind.get("lead") {
                Some(Value::Null) => Cell::Text("-".into()),
                lead => s(lead),
            },
            ind.get("partners")
                .and_then(Value::as_sequence)
                .map_or(Cell::Empty, |p| {
                    Cell::Text(
                        p.iter()
                            .map(|x| x.as_str().unwrap())
                            .collect::<Vec<_>>()
                            .join("\n"),
                    )
                }),
            text(ind, "note", "vi"),
            text(ind, "note", "en"),
            match ind.get("better").and_then(Value::as_str) {
                Some("higher") => Cell::Text("tăng".into()),
                Some("lower") => Cell::Text("giảm".into()),
                _ => Cell::Empty,
            },
            of.map_or(Cell::Empty, |m| s(m.get("id"))),
            text(ind, "breakdown", "vi"),
            text(ind, "breakdown", "en"),
        ];
        for p in &periods {
            let v = ind
                .get("values")
                .and_then(Value::as_sequence)
                .into_iter()
                .flatten()
                .find(|v| serde_yaml::to_string(&v["period"]).unwrap().trim() == p);
            match v {
                Some(v) => {
                    let n = v["value"].as_f64().unwrap();
                    // A proxy with its own unit is no percentage.
                    let cell = if percent && v.get("unit").is_none() {
                        Cell::Percent(n)
                    } else {
                        Cell::Number(n)
                    };
                    row.push(match v.get("estimate") {
                        Some(Value::Bool(true)) => Cell::Estimate(Box::new(cell)),
                        _ => cell,
                    });
                    row.push(s(v.get("source")));
                    if proxies.contains(p) {
                        row.push(
                            v.get("proxy")
                                .map_or(Cell::Empty, |_| text(v, "proxy", "vi")),
                        );
                        row.push(
                            v.get("proxy")
                                .map_or(Cell::Empty, |_| text(v, "proxy", "en")),
                        );
                        row.push(s(v.get("unit")));
                    }
                }
                None if proxies.contains(p) => row.extend(vec![Cell::Empty; 5]),
                None => row.extend([Cell::Empty, Cell::Empty]),
            }
        }
        row
    };
    let rows = list
        .iter()
        .flat_map(|ind| {
            let mut rows = vec![row_of(ind, None)];
            rows.extend(parts(ind).iter().map(|p| row_of(p, Some(ind))));
            rows
        })
        .collect();
    Sheet { header, rows }
}

fn write_xlsx(sheet: &Sheet, path: &std::path::Path) {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Chỉ tiêu").unwrap();
    let pct = Format::new().set_num_format("0.0%");
    // An estimate typed as a number, shown with `~` by its format.
    let about_pct = Format::new().set_num_format("\"~\"0.00%");
    for (c, h) in sheet.header.iter().enumerate() {
        ws.write_string(0, c as u16, h).unwrap();
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Empty => {}
                Cell::Text(t) => {
                    ws.write_string(r, c, t).unwrap();
                }
                Cell::Number(n) => {
                    ws.write_number(r, c, *n).unwrap();
                }
                // Excel keeps 57.2 % as 0.572 in a cell formatted as %.
                Cell::Percent(n) => {
                    ws.write_number_with_format(r, c, n / 100.0, &pct).unwrap();
                }
                Cell::Estimate(cell) => match &**cell {
                    Cell::Percent(n) => {
                        ws.write_number_with_format(r, c, n / 100.0, &about_pct)
                            .unwrap();
                    }
                    // Or typed as text, as Excel keeps `~66`.
                    Cell::Number(n) => {
                        ws.write_string(r, c, format!("~{}", vietnamese(*n)))
                            .unwrap();
                    }
                    _ => unreachable!(),
                },
            }
        }
    }
    book.save(path).unwrap();
}

/// A number as Vietnamese Excel saves it: `1.615`, `56,6`.
fn vietnamese(n: f64) -> String {
    let s = format!("{n}");
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    if frac.is_empty() {
        grouped
    } else {
        format!("{grouped},{frac}")
    }
}

fn write_csv(sheet: &Sheet, path: &std::path::Path) {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    w.write_record(&sheet.header).unwrap();
    for row in &sheet.rows {
        w.write_record(row.iter().map(|c| match c {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Number(n) => vietnamese(*n),
            Cell::Percent(n) => format!("{}%", vietnamese(*n)),
            Cell::Estimate(cell) => match &**cell {
                Cell::Percent(n) => format!("~{}%", vietnamese(*n)),
                // The source's own word for an estimate.
                Cell::Number(n) => format!("khoảng {}", vietnamese(*n)),
                _ => unreachable!(),
            },
        }))
        .unwrap();
    }
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(w.into_inner().unwrap());
    std::fs::write(path, bytes).unwrap();
}

fn built(site: &Site) -> Vec<(String, Vec<u8>)> {
    let run = site.run(&["build", "--strict"]);
    run.ok();
    snapshot(&site.public())
}

#[test]
fn hai_duong_indicators_as_xlsx_and_csv_build_the_same_site() {
    let yaml = Site::fixture("example");
    // Everything the YAML can say: estimates and a proxy with its own unit
    // (the example's), and `better` for an indicator without a number.
    let src = yaml.read(IND);
    assert!(
        src.contains("estimate: true") && src.contains("proxy:") && src.contains("unit: per-100")
    );
    // And the measure split by level (`records-online`), its parts as rows
    // under it, here with figures of their own.
    assert!(src.contains("  breakdown: ") && src.contains("  parts:\n"));
    let plain = built(&yaml);
    with_better(&yaml);
    with_part_values(&yaml);
    let expected = built(&yaml);
    assert_ne!(
        plain, expected,
        "`better` and the parts' values show on the site"
    );
    let sheet = sheet_of_yaml(&yaml.read(IND));
    assert!(sheet.rows.len() > 30);
    let part_of = sheet.header.iter().position(|h| h == "Phần của").unwrap();
    let parts: Vec<usize> = (0..sheet.rows.len())
        .filter(|&r| matches!(&sheet.rows[r][part_of], Cell::Text(t) if t == "records-online"))
        .collect();
    assert_eq!(parts, [1, 2, 3], "three level rows right under the measure");
    assert!(sheet.header.contains(&"Gián tiếp 2022 (en)".to_string()));

    let xlsx = Site::fixture("example");
    std::fs::remove_file(xlsx.path(IND)).unwrap();
    write_xlsx(&sheet, &xlsx.path("reports/hai-duong-2023/indicators.xlsx"));
    let got = built(&xlsx);
    assert_same(&expected, &got, "xlsx");

    let csv = Site::fixture("example");
    std::fs::remove_file(csv.path(IND)).unwrap();
    write_csv(&sheet, &csv.path("reports/hai-duong-2023/indicators.csv"));
    let text = std::fs::read_to_string(csv.path("reports/hai-duong-2023/indicators.csv")).unwrap();
    for typed in ["56,6%", "~8,48%", "khoảng 66", ";tăng;"] {
        assert!(text.contains(typed), "{typed}");
    }
    let got = built(&csv);
    assert_same(&expected, &got, "csv");
}

/// The example with 2022 figures for two of the level parts of
/// `records-online` (one with a source, one an estimate).
fn with_part_values(site: &Site) {
    let src = site.read(IND);
    let province = "      name: { vi: cấp tỉnh, en: provincial level }\n      target: { value: 80, op: \">=\", by: 2023, source: \"Phần II, mục II.2.1\" }\n";
    let district = "      name: { vi: cấp huyện, en: district level }\n      target: { value: 70, op: \">=\", by: 2023, source: \"Phần II, mục II.2.1\" }\n";
    assert!(src.contains(province) && src.contains(district));
    let out = src
        .replace(
            province,
            &format!("{province}      values: [{{ period: 2022, value: 79.91, source: \"Phần I, mục 1\" }}]\n"),
        )
        .replace(
            district,
            &format!("{district}      values: [{{ period: 2022, value: 24.03, estimate: true }}]\n"),
        );
    std::fs::write(site.path(IND), out).unwrap();
}

/// The example with an indicator whose target has no number given values
/// and `better: higher`, so that its outlook is shown.
fn with_better(site: &Site) {
    let src = site.read(IND);
    let at = src.find("- id: mobile-4g-5g-smartphones").unwrap();
    let lead = at + src[at..].find("  lead: Sở TTTT\n").unwrap();
    let mut out = src[..lead].to_string();
    out.push_str("  unit: percent\n  values:\n    - { period: 2021, value: 60 }\n    - { period: 2022, value: 70 }\n  better: higher\n");
    out.push_str(&src[lead..]);
    std::fs::write(site.path(IND), out).unwrap();
}

fn assert_same(a: &[(String, Vec<u8>)], b: &[(String, Vec<u8>)], what: &str) {
    let names = |s: &[(String, Vec<u8>)]| s.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(a), names(b), "{what}: different files");
    for ((name, x), (_, y)) in a.iter().zip(b) {
        assert!(x == y, "{what}: {name} differs");
    }
}

#[test]
fn an_error_in_a_cell_names_the_sheet_and_cell() {
    let yaml = Site::fixture("example");
    let sheet = sheet_of_yaml(&yaml.read(IND));
    let mut bad = Sheet {
        header: sheet.header.clone(),
        rows: sheet.rows.clone(),
    };
    // Row 14 of the sheet: an undefined group, and a target that reads two
    // ways.
    bad.rows[12][1] = Cell::Text("chinh-quyen".into());
    bad.rows[12][6] = Cell::Text("1.500".into());
    let site = Site::fixture("example");
    std::fs::remove_file(site.path(IND)).unwrap();
    write_xlsx(&bad, &site.path("reports/hai-duong-2023/indicators.xlsx"));
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("content/reports/hai-duong-2023/indicators.xlsx: Sheet \"Chỉ tiêu\"!B14: error: group `chinh-quyen` is not defined"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("indicators.xlsx: Sheet \"Chỉ tiêu\"!G14: error: `1.500` reads two ways"),
        "{}",
        run.stderr
    );
    // In CI annotations and JSON too.
    let run = site.run(&["check", "--format", "github"]);
    assert!(
        run.stdout.contains("::error file=content/reports/hai-duong-2023/indicators.xlsx,title=unknown-group::Sheet \"Chỉ tiêu\"!B14: group `chinh-quyen`"),
        "{}",
        run.stdout
    );
    let run = site.run(&["check", "--format", "json"]);
    assert!(
        run.stdout
            .contains("\"cell\":\"Sheet \\\"Chỉ tiêu\\\"!B14\""),
        "{}",
        run.stdout
    );
    // In Vietnamese the cell is named in Vietnamese; JSON's `cell` stays English.
    let run = site.run_in_language(Some("vi"), &["check"]);
    assert!(
        run.stderr.contains("indicators.xlsx: trang tính \"Chỉ tiêu\"!B14: lỗi: nhóm `chinh-quyen` chưa được khai báo"),
        "{}",
        run.stderr
    );
    let run = site.run_in_language(Some("vi"), &["check", "--format", "json"]);
    assert!(
        run.stdout
            .contains("\"cell\":\"Sheet \\\"Chỉ tiêu\\\"!B14\""),
        "{}",
        run.stdout
    );
    // The same in a CSV: line and column header.
    let site = Site::fixture("example");
    std::fs::remove_file(site.path(IND)).unwrap();
    bad.rows[12][6] = Cell::Text("80".into());
    write_csv(&bad, &site.path("reports/hai-duong-2023/indicators.csv"));
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains("group `chinh-quyen`"))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert!(
        line.starts_with("content/reports/hai-duong-2023/indicators.csv:"),
        "{line}"
    );
    assert!(line.contains(": column \"Nhóm\": error: "), "{line}");
    let run = site.run_in_language(Some("vi"), &["check"]);
    assert!(
        run.stderr
            .contains(": cột \"Nhóm\": lỗi: nhóm `chinh-quyen`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_part_row_in_an_xlsx_is_placed_by_sheet_and_cell() {
    let yaml = Site::fixture("example");
    let mut sheet = sheet_of_yaml(&yaml.read(IND));
    // Row 4, the second level of `records-online`: a measure that is not in
    // the sheet in `Phần của` (column R).
    assert_eq!(sheet.header[17], "Phần của");
    sheet.rows[2][17] = Cell::Text("records-onlin".into());
    let site = Site::fixture("example");
    std::fs::remove_file(site.path(IND)).unwrap();
    write_xlsx(&sheet, &site.path("reports/hai-duong-2023/indicators.xlsx"));
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("content/reports/hai-duong-2023/indicators.xlsx: Sheet \"Chỉ tiêu\"!R4: error: no indicator `records-onlin` in this sheet for part `district` to belong to"),
        "{}",
        run.stderr
    );
    let run = site.run_in_language(Some("vi"), &["check"]);
    assert!(
        run.stderr.contains("indicators.xlsx: trang tính \"Chỉ tiêu\"!R4: lỗi: không có chỉ tiêu `records-onlin` trong bảng này để phần `district` thuộc về"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_csv_in_another_encoding_is_read_or_refused_with_the_fix() {
    let site = Site::fixture("example");
    let sheet = sheet_of_yaml(&site.read(IND));
    std::fs::remove_file(site.path(IND)).unwrap();
    let path = site.path("reports/hai-duong-2023/indicators.csv");
    write_csv(&sheet, &path);
    let text = std::fs::read_to_string(&path).unwrap();
    // UTF-16 with BOM (Excel's "Unicode text"): read as is.
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.trim_start_matches('\u{feff}').encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    std::fs::write(&path, &bytes).unwrap();
    site.run(&["check", "--strict"]).ok();
    // Bytes that are no text at all: refused with the way to save it.
    std::fs::write(&path, [0x81u8, 0x00, 0xff, 0xfe, 0x00]).unwrap();
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("CSV UTF-8"), "{}", run.stderr);
}

/// A dataset's rows as a sheet: one column per dataset column, or one per
/// language for a column of localized text (`item (vi)`, `item (en)`).
fn dataset_sheet(src: &str) -> (String, Sheet) {
    let mut doc: serde_yaml::Mapping = serde_yaml::from_str(src).unwrap();
    let rows = doc.remove("rows").unwrap();
    let rows = rows.as_sequence().unwrap();
    let mut header: Vec<(String, Option<String>)> = Vec::new();
    for col in doc["columns"].as_sequence().unwrap() {
        let id = col["id"].as_str().unwrap().to_string();
        let localized = rows
            .iter()
            .any(|r| r.get(&id).is_some_and(Value::is_mapping));
        if localized {
            header.push((id.clone(), Some("vi".into())));
            header.push((id, Some("en".into())));
        } else {
            header.push((id, None));
        }
    }
    let cells = rows
        .iter()
        .map(|r| {
            header
                .iter()
                .map(|(id, lang)| match (r.get(id), lang) {
                    (Some(Value::Mapping(m)), Some(l)) => m
                        .get(l.as_str())
                        .and_then(Value::as_str)
                        .map_or(Cell::Empty, |s| Cell::Text(s.into())),
                    (Some(Value::String(s)), Some(l)) if l == "vi" => Cell::Text(s.clone()),
                    (Some(Value::String(s)), None) => Cell::Text(s.clone()),
                    (Some(Value::Number(n)), _) => Cell::Number(n.as_f64().unwrap()),
                    _ => Cell::Empty,
                })
                .collect()
        })
        .collect();
    let header = header
        .into_iter()
        .map(|(id, lang)| match lang {
            Some(l) => format!("{id} ({l})"),
            None => id,
        })
        .collect();
    (
        serde_yaml::to_string(&doc).unwrap(),
        Sheet {
            header,
            rows: cells,
        },
    )
}

#[test]
fn dataset_rows_in_spreadsheets_build_the_same_site() {
    let yaml = Site::fixture("example");
    let expected = built(&yaml);
    let dir = "reports/hai-duong-2023/datasets";
    for (n, ext) in ["xlsx", "csv"].iter().enumerate() {
        let site = Site::fixture("example");
        for entry in std::fs::read_dir(site.path(dir)).unwrap() {
            let path = entry.unwrap().path();
            let (rest, sheet) = dataset_sheet(&std::fs::read_to_string(&path).unwrap());
            assert!(!rest.contains("rows:") && sheet.rows.len() > 1);
            std::fs::write(&path, rest).unwrap();
            let target = path.with_extension(if n == 0 { "xlsx" } else { "csv" });
            match *ext {
                "xlsx" => write_xlsx(&sheet, &target),
                _ => write_csv(&sheet, &target),
            }
        }
        let got = built(&site);
        assert_same(&expected, &got, ext);
    }
}

#[test]
fn a_dataset_kept_only_as_a_csv_is_published() {
    let site = Site::fixture("minimal");
    site.write(
        "reports/demo-2024/datasets/ha-tang.csv",
        "\u{feff}Hạng mục;Số lượng;Tỷ lệ\nThuê bao di động;2.266.097;56,6%\nTrạm BTS;3.229;\n",
    );
    let run = site.run(&["build"]);
    run.ok();
    assert!(
        run.stderr.contains("dataset `ha-tang` has no title"),
        "{}",
        run.stderr
    );
    let page = site.page("reports/demo-2024/datasets/ha-tang/index.html");
    assert!(page.contains("2.266.097"), "{page}");
    assert!(page.contains("56,6"), "{page}");
    // In a file separated by commas, `3.229` reads two ways: placed by line and column.
    site.write(
        "reports/demo-2024/datasets/ha-tang.csv",
        "Hạng mục,Số lượng\nThuê bao di động,2266097\nTrạm BTS,3.229\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "datasets/ha-tang.csv:3:10: column \"Số lượng\": error: `3.229` reads two ways"
        ),
        "{}",
        run.stderr
    );
}

/// A LibreOffice `.ods` of one sheet (`rows` of cells; a cell is
/// `(value-type, value)`), made by hand: the zip and its content.xml.
fn ods(rows: &[Vec<(&str, &str)>]) -> Vec<u8> {
    ods_with_styles(rows, "")
}

/// [`ods`] with automatic styles (number formats) in its content.xml.
fn ods_with_styles(rows: &[Vec<(&str, &str)>], styles: &str) -> Vec<u8> {
    use std::io::Write;
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" office:version="1.2">"#,
    );
    xml.push_str(&format!(
        "<office:automatic-styles>{styles}</office:automatic-styles>"
    ));
    xml.push_str(r#"<office:body><office:spreadsheet><table:table table:name="Chỉ tiêu">"#);
    for row in rows {
        xml.push_str("<table:table-row>");
        for (kind, v) in row {
            match *kind {
                "string" => xml.push_str(&format!(
                    r#"<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>"#
                )),
                _ => xml.push_str(&format!(
                    r#"<table:table-cell office:value-type="{kind}" office:value="{v}"><text:p>{v}</text:p></table:table-cell>"#
                )),
            }
        }
        xml.push_str("</table:table-row>");
    }
    xml.push_str("</table:table></office:spreadsheet></office:body></office:document-content>");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn an_ods_is_read_and_its_percent_cells_are_not_misread() {
    let site = Site::fixture("minimal");
    let ind = "reports/demo-2024/indicators.yaml";
    std::fs::remove_file(site.path(ind)).unwrap();
    let s = |v| ("string", v);
    let header = vec![
        s("Mã"),
        s("Nhóm"),
        s("Tên"),
        s("Đơn vị"),
        s("Mục tiêu"),
        s("Chủ trì"),
        s("2023"),
    ];
    let row = |value: (&'static str, &'static str)| {
        vec![
            s("online-dossier-rate"),
            s("digital-government"),
            s("Tỷ lệ hồ sơ trực tuyến"),
            s("percent"),
            ("float", "50"),
            s("Sở TTTT"),
            value,
        ]
    };
    let path = site.path("reports/demo-2024/indicators.ods");
    std::fs::write(&path, ods(&[header.clone(), row(("float", "56.6"))])).unwrap();
    let run = site.run(&["build", "--strict"]);
    run.ok();
    let page = site.page("reports/demo-2024/indicators/online-dossier-rate/index.html");
    assert!(page.contains("56,6"), "{page}");
    // A cell formatted as % holds 0.566: refused rather than read as 0.566.
    std::fs::write(&path, ods(&[header.clone(), row(("percentage", "0.566"))])).unwrap();
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("indicators.ods: error: cells formatted as percentages in an .ods file would be read as fractions"),
        "{}",
        run.stderr
    );
    // A number format that shows `~` is not read: refused rather than the
    // estimate published as an exact figure.
    let about = r#"<number:number-style style:name="N1"><number:text>~</number:text><number:number number:decimal-places="1"/></number:number-style>"#;
    std::fs::write(
        &path,
        ods_with_styles(&[header, row(("float", "56.6"))], about),
    )
    .unwrap();
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "indicators.ods: error: a number format that shows `~` in an .ods file is not read"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("type the mark in the cell: ~8,48"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_target_cell_with_a_comparison_is_read_and_shown_back() {
    let site = Site::fixture("minimal");
    std::fs::remove_file(site.path("reports/demo-2024/indicators.yaml")).unwrap();
    site.write(
        "reports/demo-2024/indicators.csv",
        "Mã;Nhóm;Tên;Đơn vị;Mục tiêu;Nguồn mục tiêu;Chủ trì;2023\nonline-dossier-rate;digital-government;Tỷ lệ hồ sơ trực tuyến;percent;≥ 50%;Phần II, mục 1;Sở TTTT;56,6\n",
    );
    let run = site.run(&["check"]);
    run.ok();
    assert!(
        run.stderr.contains(
            "indicators.csv:2:71: column \"Mục tiêu\": warning: target `≥ 50%` is read as >= 50"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(site.run(&["check", "--strict"]).code, Some(1));
}

/// A minimal site's indicators as a Vietnamese-locale CSV with the columns
/// for estimates, proxies and `better`; `edit` changes the text first.
fn marks_site(edit: impl Fn(String) -> String) -> Site {
    let site = Site::fixture("minimal");
    std::fs::remove_file(site.path("reports/demo-2024/indicators.yaml")).unwrap();
    let csv = "Mã;Nhóm;Tên;Đơn vị;Mục tiêu;Chủ trì;Chiều tốt;2022;2023;Gián tiếp 2023;Đơn vị gián tiếp 2023\n\
               online-dossier-rate;digital-government;Tỷ lệ hồ sơ trực tuyến;percent;50;Sở TTTT;;~40,5;56,6;;\n\
               payments;digital-economy;Thanh toán không dùng tiền mặt;percent;;-;giảm;30;20;;\n\
               firms;digital-economy;Doanh nghiệp số;count;1500;Sở KHĐT;;1.000;66;số thuê bao trên 100 hộ;per-100\n";
    site.write("reports/demo-2024/indicators.csv", &edit(csv.to_string()));
    site
}

#[test]
fn estimates_proxies_and_better_are_read_from_cells() {
    let site = marks_site(|s| s);
    site.run(&["build", "--strict"]).ok();
    let page = site.page("reports/demo-2024/indicators/online-dossier-rate/index.html");
    assert!(page.contains("~40,5"), "{page}");
    let json =
        std::fs::read_to_string(site.public().join("reports/demo-2024/data/indicators.json"))
            .unwrap();
    let data: serde_json::Value = serde_json::from_str(&json).unwrap();
    let ind = |id: &str| {
        data["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(ind("online-dossier-rate")["values"][0]["estimate"], true);
    assert_eq!(ind("online-dossier-rate")["values"][1]["estimate"], false);
    let firms = ind("firms");
    assert_eq!(firms["values"][1]["proxy"]["unit"], "per-100", "{firms}");
    assert_eq!(
        firms["values"][1]["proxy"]["note"]["vi"], "số thuê bao trên 100 hộ",
        "{firms}"
    );
    // A proxy is not the figure compared with the target.
    assert_eq!(firms["latest_period"], "2022", "{firms}");
    let payments = ind("payments");
    // Falling is good here (`giảm`): 30 → 20 is substantial progress.
    assert_eq!(payments["outlook"]["direction"], -1, "{payments}");
    assert_eq!(payments["outlook"]["status"], "substantial", "{payments}");
}

#[test]
fn a_direction_that_is_not_one_is_placed_with_the_fix() {
    let site = marks_site(|s| s.replace(";giảm;", ";giam;"));
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains("`giam`"))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert!(
        line.starts_with("content/reports/demo-2024/indicators.csv:3:")
            && line.contains(": column \"Chiều tốt\": error: `giam` is not a direction"),
        "{line}"
    );
    assert!(
        run.stderr.contains("hint: did you mean `giảm`?"),
        "{}",
        run.stderr
    );
    let run = site.run_in_language(Some("vi"), &["check"]);
    assert!(
        run.stderr
            .contains(": cột \"Chiều tốt\": lỗi: `giam` không phải là một chiều"),
        "{}",
        run.stderr
    );
    let site = marks_site(|s| s.replace(";giảm;", ";lên;"));
    let run = site.run(&["check"]);
    assert!(
        run.stderr
            .contains("hint: write `tăng` (higher is better) or `giảm` (lower is better)"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_direction_in_an_xlsx_is_placed_by_sheet_and_cell() {
    let site = Site::fixture("minimal");
    std::fs::remove_file(site.path("reports/demo-2024/indicators.yaml")).unwrap();
    let sheet = Sheet {
        header: ["Mã", "Nhóm", "Tên", "Chủ trì", "Chiều tốt", "2023"]
            .map(String::from)
            .into(),
        rows: vec![[
            Cell::Text("payments".into()),
            Cell::Text("digital-economy".into()),
            Cell::Text("Thanh toán".into()),
            Cell::Text("-".into()),
            Cell::Text("cao".into()),
            Cell::Number(20.0),
        ]
        .into()],
    };
    write_xlsx(&sheet, &site.path("reports/demo-2024/indicators.xlsx"));
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("indicators.xlsx: Sheet \"Chỉ tiêu\"!E2: error: `cao` is not a direction"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_proxy_unit_without_its_text_is_placed_with_the_column_to_fill() {
    let site = marks_site(|s| s.replace("số thuê bao trên 100 hộ;per-100", ";per-100"));
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            ": column \"Đơn vị gián tiếp 2023\": error: a value has its own unit only as a proxy"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("hint: write in `Gián tiếp 2023` what the figure measures instead of the indicator, or empty this cell"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_proxy_without_a_value_is_placed() {
    let site = marks_site(|s| s.replace(";1.000;66;số thuê bao", ";1.000;;số thuê bao"));
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains("column \"Gián tiếp 2023\""))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert!(
        line.starts_with("content/reports/demo-2024/indicators.csv:4:")
            && line.contains("error: this row has no 2023 value for `Gián tiếp 2023` to describe"),
        "{line}"
    );
    assert!(
        run.stderr
            .contains("hint: write the figure in `2023`, or empty this cell"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_column_for_a_period_without_values_is_placed() {
    let site = marks_site(|s| s.replacen("Gián tiếp 2023", "Gián tiếp 2021", 1));
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("indicators.csv:1:57: column \"Gián tiếp 2021\": error: column `Gián tiếp 2021` is for the 2021 values, but there is no column for them"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("hint: add a column `Giá trị 2021`, or write the period of an existing column: `Gián tiếp 2022` or `Gián tiếp 2023`"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_estimate_mark_without_a_number_is_placed() {
    let site = marks_site(|s| s.replace(";~40,5;", ";~;"));
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr
            .contains(": column \"2022\": error: `~` marks an estimate but gives no number"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("hint: write the figure after the mark, as in `~8,48`"),
        "{}",
        run.stderr
    );
}

/// A minimal site's indicators as a Vietnamese-locale CSV with a measure
/// split into parts: one row per part right under its measure's row, the
/// measure's `Mã` in `Phần của`; `edit` changes the text first.
fn parts_site(edit: impl Fn(String) -> String) -> Site {
    let site = Site::fixture("minimal");
    std::fs::remove_file(site.path("reports/demo-2024/indicators.yaml")).unwrap();
    let csv = "Mã;Phần của;Nhóm;Tên (vi);Tên (en);Chia theo (vi);Chia theo (en);Đơn vị;Mục tiêu;So sánh;Chủ trì;2023;Nguồn 2023;2024\n\
               records-online;;digital-government;Tỷ lệ hồ sơ xử lý trên mạng;Files processed online;cấp hành chính;level of government;percent;;;Sở TTTT;;;\n\
               province;records-online;;cấp tỉnh;provincial level;;;;80;>=;;79,91;Báo cáo 2023;85,5\n\
               district;records-online;digital-government;cấp huyện;district level;;;percent;70;;Sở TTTT;24,03;;60\n\
               online-dossier-rate;;digital-government;Tỷ lệ hồ sơ trực tuyến;Online dossiers;;;percent;50;;Sở KHĐT;40;;56,6\n";
    site.write("reports/demo-2024/indicators.csv", &edit(csv.to_string()));
    site
}

/// The first line of `stderr` that contains `what`.
fn line_with<'a>(stderr: &'a str, what: &str) -> &'a str {
    stderr
        .lines()
        .find(|l| l.contains(what))
        .unwrap_or_else(|| panic!("no line with {what}:\n{stderr}"))
}

#[test]
fn parts_are_read_from_rows_under_their_measure() {
    let site = parts_site(|s| s);
    site.run(&["build", "--strict"]).ok();
    let json =
        std::fs::read_to_string(site.public().join("reports/demo-2024/data/indicators.json"))
            .unwrap();
    let data: serde_json::Value = serde_json::from_str(&json).unwrap();
    let list = data["indicators"].as_array().unwrap();
    // Part rows are no indicators of their own.
    let ids: Vec<&str> = list.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["records-online", "online-dossier-rate"]);
    let m = &list[0];
    assert_eq!(m["breakdown"]["vi"], "cấp hành chính", "{m}");
    assert_eq!(m["breakdown"]["en"], "level of government", "{m}");
    let parts = m["parts"].as_array().unwrap();
    assert_eq!(parts.len(), 2, "{m}");
    assert_eq!(parts[0]["id"], "province");
    assert_eq!(parts[0]["name"]["en"], "provincial level");
    assert_eq!(parts[0]["target"]["value"], 80.0, "{m}");
    assert_eq!(parts[0]["values"][0]["value"], 79.91, "{m}");
    assert_eq!(parts[0]["values"][0]["source"], "Báo cáo 2023", "{m}");
    assert_eq!(parts[0]["values"][1]["value"], 85.5, "{m}");
    assert_eq!(parts[1]["id"], "district");
    assert_eq!(parts[1]["target"]["value"], 70.0, "{m}");
    assert_eq!(parts[1]["values"][1]["value"], 60.0, "{m}");
    // One part not met: the measure is not met.
    assert_eq!(parts[0]["status"], "met", "{m}");
    assert_eq!(parts[1]["status"], "not-met", "{m}");
    assert_eq!(m["status"], "not-met", "{m}");
    // The indicator's page shows its parts.
    let page = site.page("reports/demo-2024/indicators/records-online/index.html");
    assert!(page.contains("Theo cấp hành chính"), "{page}");
}

#[test]
fn a_part_whose_measure_is_not_in_the_sheet_is_placed_with_the_fix() {
    let site = parts_site(|s| s.replace("province;records-online;", "province;records-onlin;"));
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let line = line_with(&run.stderr, "records-onlin`");
    assert!(
        line.starts_with("content/reports/demo-2024/indicators.csv:3:")
            && line.contains(": column \"Phần của\": error: no indicator `records-onlin` in this sheet for part `province` to belong to"),
        "{line}"
    );
    assert!(
        run.stderr.contains("hint: did you mean `records-online`?"),
        "{}",
        run.stderr
    );
    // With nothing close, the hint names the measure above.
    let site = parts_site(|s| s.replace("province;records-online;", "province;cap-tinh;"));
    let run = site.run(&["check"]);
    assert!(
        run.stderr.contains("hint: write in `Phần của` the `Mã` of the measure this row is a part of: the measure above is `records-online`"),
        "{}",
        run.stderr
    );
    let run = site.run_in_language(Some("vi"), &["check"]);
    assert!(
        run.stderr.contains(": cột \"Phần của\": lỗi: không có chỉ tiêu `cap-tinh` trong bảng này để phần `province` thuộc về"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_part_away_from_its_measure_is_placed_with_the_row_to_move_it_to() {
    // Another measure between the measure's first part and its second.
    let site = parts_site(|s| {
        let lines: Vec<&str> = s.lines().collect();
        format!(
            "{}\n{}\n{}\n{}\n{}\n",
            lines[0], lines[1], lines[2], lines[4], lines[3]
        )
    });
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let line = line_with(&run.stderr, "is not under");
    assert!(
        line.starts_with("content/reports/demo-2024/indicators.csv:5:")
            && line.contains(": column \"Phần của\": error: part `district` of `records-online` is not under it: a part's row comes right under its measure's row (line 2) or under the measure's other parts"),
        "{line}"
    );
    assert!(
        run.stderr.contains("hint: move this row up to just below line 3, the last row of `records-online` and its parts"),
        "{}",
        run.stderr
    );
    // A part above its measure.
    let site = parts_site(|s| {
        let lines: Vec<&str> = s.lines().collect();
        format!(
            "{}\n{}\n{}\n{}\n{}\n",
            lines[0], lines[2], lines[1], lines[3], lines[4]
        )
    });
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let line = line_with(&run.stderr, "is not under");
    assert!(line.contains("indicators.csv:2:"), "{line}");
    assert!(
        run.stderr.contains("hint: move this row down to just below line 4, the last row of `records-online` and its parts"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_part_of_a_part_is_refused_with_its_measure() {
    let site = parts_site(|s| s.replace("district;records-online;", "district;province;"));
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let line = line_with(&run.stderr, "is itself a part");
    assert!(
        line.starts_with("content/reports/demo-2024/indicators.csv:4:")
            && line.contains(": column \"Phần của\": error: `province` is itself a part (of `records-online`): a measure is split one level only"),
        "{line}"
    );
    assert!(
        run.stderr
            .contains("hint: write `records-online` to make `district` another part of it"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_part_cell_that_is_the_measures_is_refused_unless_the_same() {
    // The same group, unit and lead copied down are fine (the example's
    // `district` row); another lead is not.
    let site = parts_site(|s| s.replace("percent;70;;Sở TTTT;", "percent;70;;Sở KHĐT;"));
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let line = line_with(&run.stderr, "Sở KHĐT");
    assert!(
        line.starts_with("content/reports/demo-2024/indicators.csv:4:")
            && line.contains(": column \"Chủ trì\": error: a part has its measure's `Chủ trì`: this cell says `Sở KHĐT`, the row of `records-online` (line 2) says `Sở TTTT`"),
        "{line}"
    );
    assert!(
        run.stderr
            .contains("hint: empty this cell, or copy the measure's `Sở TTTT`"),
        "{}",
        run.stderr
    );
    // A breakdown on a part, with the measure's cell empty.
    let site = parts_site(|s| {
        s.replace(
            "cấp tỉnh;provincial level;;;",
            "cấp tỉnh;provincial level;tỉnh;;",
        )
    });
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let line = line_with(&run.stderr, "`tỉnh`");
    assert!(
        line.contains(": column \"Chia theo (vi)\": error: a part has its measure's `Chia theo (vi)`: this cell says `tỉnh`, the row of `records-online` (line 2) says `cấp hành chính`"),
        "{line}"
    );
}

#[test]
fn a_breakdown_without_part_rows_is_placed_with_the_sheet_fix() {
    let site = parts_site(|s| {
        s.replace(
            "Tỷ lệ hồ sơ trực tuyến;Online dossiers;;",
            "Tỷ lệ hồ sơ trực tuyến;Online dossiers;loại;",
        )
    });
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let line = line_with(&run.stderr, "no part rows");
    assert!(
        line.starts_with("content/reports/demo-2024/indicators.csv:5:")
            && line.contains(": column \"Chia theo (vi)\": error: `Chia theo (vi)` names what the parts split the measure by, but `online-dossier-rate` has no part rows"),
        "{line}"
    );
    assert!(
        run.stderr.contains("hint: add one row per part right under this row, with `online-dossier-rate` in `Phần của`, or empty this cell"),
        "{}",
        run.stderr
    );
}

#[test]
fn part_errors_are_placed_at_the_parts_cells() {
    // Two parts with one id: the second row's `Mã`.
    let site = parts_site(|s| s.replace("district;records-online;", "province;records-online;"));
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let line = line_with(&run.stderr, "`province`");
    assert!(
        line.starts_with("content/reports/demo-2024/indicators.csv:4:1: column \"Mã\": error:"),
        "{line}"
    );
    // A part without a name.
    let site = parts_site(|s| s.replace("cấp huyện;district level;", ";;"));
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let line = line_with(&run.stderr, "no `name`");
    assert!(
        line.starts_with("content/reports/demo-2024/indicators.csv:4:")
            && line.contains("error: part `district` of `records-online` has no `name`"),
        "{line}"
    );
    // An unknown comparison in a part's target.
    let site = parts_site(|s| s.replace(";80;>=;", ";80;=>;"));
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let line = line_with(&run.stderr, "`=>`");
    assert!(
        line.starts_with("content/reports/demo-2024/indicators.csv:3:")
            && line.contains(": column \"So sánh\": error: unknown comparison `=>`"),
        "{line}"
    );
}

#[test]
fn a_measure_named_as_its_own_part_is_told_to_leave_the_cell_empty() {
    let site = parts_site(|s| {
        s.replace(
            "records-online;;digital-government",
            "records-online;records-online;digital-government",
        )
    });
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let line = line_with(&run.stderr, "part of itself");
    assert!(
        line.starts_with("content/reports/demo-2024/indicators.csv:2:")
            && line.contains(": column \"Phần của\": error: `records-online` is named as a part of itself: a measure's own row leaves `Phần của` empty"),
        "{line}"
    );
    assert!(
        run.stderr.contains("hint: empty this cell; the rows of its parts, right under it, name `records-online` in `Phần của`"),
        "{}",
        run.stderr
    );
    // Its parts below are still its parts: one error, not one per part.
    assert_eq!(run.stderr.matches(": error: ").count(), 1, "{}", run.stderr);
}
