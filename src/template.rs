//! `minhbach template [SLUG]`: an `.xlsx` for keeping a report's indicators
//! in Excel. Its columns are those the loader reads (docs/content-format.md,
//! "Indicators in a spreadsheet"); groups, units, comparisons, agencies and
//! directions are drop-down lists; the report's indicators, if any, are
//! filled in (estimates shown `~8,48`, proxies in their own columns, a
//! measure's parts in rows under it), so that the file saved as
//! `indicators.xlsx` builds the same site.

use std::path::Path;

use crate::diagnostics::{Lang, Msg};
use rust_xlsxwriter::{DataValidation, Format, Formula, Worksheet, XlsxError};

use crate::model::*;

/// Rows below the header that the drop-down lists cover.
const ROWS: u32 = 1000;

/// The workbook for `report` of `site` (or an empty one for a site without
/// reports), as bytes.
pub fn indicators_template(site: &Site, report: Option<&Report>) -> Result<Vec<u8>, XlsxError> {
    let langs = &site.config.languages;
    let mut book = crate::helpers::xlsx::workbook();
    let bold = Format::new().set_bold().set_text_wrap();
    // Periods: those with values, else the baseline and the report's own.
    let mut periods: Vec<Period> = Vec::new();
    if let Some(r) = report {
        for m in all_values(r) {
            if !periods.contains(&m.period) {
                periods.push(m.period);
            }
        }
        if periods.is_empty() {
            periods.extend(r.baseline_period);
            periods.push(r.period);
        }
    }
    periods.sort_by_key(|p| (p.end(), p.start()));
    let header = header(langs, report, &periods);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or(0) as u16;

    // The lists live on a second sheet: a list typed into a validation is
    // limited to 255 characters, agency names are not.
    let groups: Vec<String> = report
        .map(|r| r.groups.iter().map(|g| g.id.clone()).collect())
        .unwrap_or_default();
    let units: Vec<String> = ["percent", "count", "per-100", "currency:VND"]
        .map(String::from)
        .into();
    let ops: Vec<String> = [">=", ">", "<=", "<", "="].map(String::from).into();
    let mut agencies: Vec<String> = site
        .agencies
        .iter()
        .map(|a| a.short.clone().unwrap_or_else(|| a.name.default.clone()))
        .collect();
    agencies.push("-".into());
    let directions: Vec<String> = BETTER.map(|(word, _)| word.to_string()).into();

    let ws = book.add_worksheet();
    ws.set_name("Chỉ tiêu")?;
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &bold)?;
        ws.set_column_width(c as u16, if c < 2 { 24 } else { 18 })?;
    }
    ws.set_freeze_panes(1, 1)?;
    let lists: [(&str, &[String], u16, &str); 5] = [
        (
            "Nhóm",
            &groups,
            col("Nhóm"),
            "Nhóm chỉ tiêu (report.yaml, groups)",
        ),
        (
            "Đơn vị",
            &units,
            col("Đơn vị"),
            "percent, count, per-100, currency:VND",
        ),
        (
            "So sánh",
            &ops,
            col("So sánh"),
            ">= là không thấp hơn mục tiêu",
        ),
        (
            "Chủ trì",
            &agencies,
            col("Chủ trì"),
            "Đơn vị chủ trì (agencies.yaml); - nếu kế hoạch không giao",
        ),
        (
            "Chiều tốt",
            &directions,
            col("Chiều tốt"),
            "Khi không có mục tiêu bằng số: tăng là tốt, hay giảm là tốt",
        ),
    ];
    for (n, (name, items, c, help)) in lists.iter().enumerate() {
        if items.is_empty() {
            continue;
        }
        let letter = crate::load::column_letters(n);
        let dv = DataValidation::new()
            .allow_list_formula(Formula::new(format!(
                "='Danh sách'!${letter}$2:${letter}${}",
                items.len() + 1
            )))
            .set_input_title(*name)?
            .set_input_message(*help)?;
        ws.add_data_validation(1, *c, ROWS, *c, &dv)?;
    }
    // How to mark an estimate or a proxy, shown when a cell is selected.
    for (c, h) in header.iter().enumerate() {
        let help = if h.starts_with("Giá trị ") {
            "Số liệu của kỳ này. Số ước tính (văn bản ghi «khoảng», «ước đạt»): gõ ~8,48 hoặc khoảng 8,48; trang hiển thị «~8,48»."
        } else if h.starts_with("Gián tiếp ") {
            "Chỉ ghi khi số liệu đo một thứ khác với chỉ tiêu: ghi nó đo gì. Số liệu gián tiếp không dùng để đánh giá mục tiêu."
        } else if h.starts_with("Đơn vị gián tiếp ") {
            "Đơn vị riêng của số liệu gián tiếp (ví dụ per-100), khi khác đơn vị của chỉ tiêu."
        } else if h == PART_OF {
            "Chỉ ghi ở dòng của một phần (theo cấp, địa bàn, lĩnh vực…): mã của chỉ tiêu ở dòng ngay trên. Phần có mã, tên, mục tiêu và số liệu riêng; nhóm, đơn vị, chủ trì theo chỉ tiêu."
        } else {
            continue;
        };
        let dv = DataValidation::new()
            .allow_any_value()
            .set_input_title(h.chars().take(32).collect::<String>())?
            .set_input_message(help)?;
        ws.add_data_validation(1, c as u16, ROWS, c as u16, &dv)?;
    }
    if let Some(r) = report {
        fill(ws, r, langs, &header)?;
    }

    let lists_sheet = book.add_worksheet();
    lists_sheet.set_name("Danh sách")?;
    for (n, (name, items, _, _)) in lists.iter().enumerate() {
        lists_sheet.write_string_with_format(0, n as u16, *name, &bold)?;
        for (i, item) in items.iter().enumerate() {
            lists_sheet.write_string(i as u32 + 1, n as u16, item)?;
        }
        lists_sheet.set_column_width(n as u16, 28)?;
    }
    book.save_to_buffer()
}

/// The words of the `Chiều tốt` column, as the template writes them.
const BETTER: [(&str, Better); 2] = [("tăng", Better::Higher), ("giảm", Better::Lower)];

/// The column that names, on a part's row, the measure it is a part of.
const PART_OF: &str = "Phần của";

/// Every value of `report`'s indicators and of their parts.
fn all_values(report: &Report) -> impl Iterator<Item = &Measurement> {
    report.indicators.iter().flat_map(|i| {
        i.values
            .iter()
            .chain(i.parts.iter().flat_map(|p| &p.values))
    })
}

/// The periods of `report` with a proxy value, which get its columns.
fn proxy_periods(report: Option<&Report>) -> Vec<Period> {
    let mut out = Vec::new();
    for m in report.into_iter().flat_map(all_values) {
        if m.proxy.is_some() && !out.contains(&m.period) {
            out.push(m.period);
        }
    }
    out
}

/// The header row: per period its value and source, and for a period with a proxy value what the proxy
/// measures (per language) and its unit.
fn header(langs: &[String], report: Option<&Report>, periods: &[Period]) -> Vec<String> {
    // A report with parts gets their columns: `Phần của` beside `Mã`, so
    // that a part's row reads "province | records-online | … | cấp tỉnh".
    let parts = report.is_some_and(|r| r.indicators.iter().any(|i| !i.parts.is_empty()));
    let mut header: Vec<String> = vec!["Mã".into()];
    if parts {
        header.push(PART_OF.into());
    }
    header.push("Nhóm".into());
    header.extend(langs.iter().map(|l| format!("Tên ({l})")));
    if parts {
        header.extend(langs.iter().map(|l| format!("Chia theo ({l})")));
    }
    header.extend(
        [
            "Đơn vị",
            "Số chữ số thập phân",
            "Mục tiêu",
            "So sánh",
            "Thời hạn",
            "Nguồn mục tiêu",
        ]
        .map(String::from),
    );
    header.extend(langs.iter().map(|l| format!("Mục tiêu (lời) ({l})")));
    header.extend(["Chủ trì", "Phối hợp"].map(String::from));
    header.extend(langs.iter().map(|l| format!("Ghi chú ({l})")));
    header.push("Chiều tốt".into());
    let proxies = proxy_periods(report);
    for p in periods {
        header.push(format!("Giá trị {p}"));
        header.push(format!("Nguồn {p}"));
        if proxies.contains(p) {
            header.extend(langs.iter().map(|l| format!("Gián tiếp {p} ({l})")));
            header.push(format!("Đơn vị gián tiếp {p}"));
        }
    }
    header
}

/// The report's indicators, one per row, each measure's parts in rows
/// right under it.
fn fill(
    ws: &mut Worksheet,
    r: &Report,
    langs: &[String],
    header: &[String],
) -> Result<(), XlsxError> {
    let rows = Rows {
        header,
        langs,
        about: Format::new().set_num_format("\"~\"General"),
    };
    let mut row = 0;
    for ind in &r.indicators {
        row += 1;
        rows.put(ws, row, "Mã", &ind.id)?;
        rows.put(ws, row, "Nhóm", &ind.group)?;
        rows.localized(ws, row, "Tên", &ind.name)?;
        if let Some(n) = &ind.note {
            rows.localized(ws, row, "Ghi chú", n)?;
        }
        if let Some(b) = &ind.breakdown {
            rows.localized(ws, row, "Chia theo", b)?;
        }
        rows.put(ws, row, "Đơn vị", &ind.unit.raw)?;
        rows.target(ws, row, ind.target.as_ref())?;
        rows.put(
            ws,
            row,
            "Chủ trì",
            ind.lead.as_ref().map_or("-", |a| a.written.as_str()),
        )?;
        let partners: Vec<&str> = ind.partners.iter().map(|a| a.written.as_str()).collect();
        rows.put(ws, row, "Phối hợp", &partners.join("\n"))?;
        if let (Some(d), Some(c)) = (ind.decimals, rows.col("Số chữ số thập phân")) {
            ws.write_number(row, c, f64::from(d))?;
        }
        if let Some(b) = ind.better {
            let word = BETTER.iter().find(|(_, x)| *x == b).map_or("", |(w, _)| w);
            rows.put(ws, row, "Chiều tốt", word)?;
        }
        rows.values(ws, row, &ind.values)?;
        for part in &ind.parts {
            row += 1;
            rows.put(ws, row, "Mã", &part.id)?;
            rows.put(ws, row, PART_OF, &ind.id)?;
            rows.localized(ws, row, "Tên", &part.name)?;
            rows.target(ws, row, part.target.as_ref())?;
            rows.values(ws, row, &part.values)?;
        }
    }
    Ok(())
}

/// Writes the cells of an indicator's or a part's row by column name.
struct Rows<'a> {
    header: &'a [String],
    langs: &'a [String],
    /// An estimate: a number shown `~8,48`.
    about: Format,
}

impl Rows<'_> {
    fn col(&self, name: &str) -> Option<u16> {
        self.header.iter().position(|h| h == name).map(|c| c as u16)
    }

    fn put(&self, ws: &mut Worksheet, row: u32, name: &str, text: &str) -> Result<(), XlsxError> {
        if let (Some(c), false) = (self.col(name), text.is_empty()) {
            ws.write_string(row, c, text)?;
        }
        Ok(())
    }

    /// A text in its column per language, `Tên (vi)`, `Tên (en)`.
    fn localized(
        &self,
        ws: &mut Worksheet,
        row: u32,
        name: &str,
        text: &Text,
    ) -> Result<(), XlsxError> {
        for l in self.langs {
            let t = text.translations.get(l).map_or("", |s| s);
            self.put(ws, row, &format!("{name} ({l})"), t)?;
        }
        Ok(())
    }

    fn target(
        &self,
        ws: &mut Worksheet,
        row: u32,
        target: Option<&Target>,
    ) -> Result<(), XlsxError> {
        match target {
            Some(Target::Numeric {
                value,
                op,
                by,
                source: s,
            }) => {
                self.put(ws, row, "So sánh", op.as_str())?;
                self.put(ws, row, "Thời hạn", &by.to_string())?;
                self.put(ws, row, "Nguồn mục tiêu", &source(s))?;
                if let Some(c) = self.col("Mục tiêu") {
                    ws.write_number(row, c, *value)?;
                }
            }
            Some(Target::Text {
                text,
                by,
                source: s,
            }) => {
                self.localized(ws, row, "Mục tiêu (lời)", text)?;
                if let Some(by) = by {
                    self.put(ws, row, "Thời hạn", &by.to_string())?;
                }
                self.put(ws, row, "Nguồn mục tiêu", &source(s))?;
            }
            None => {}
        }
        Ok(())
    }

    fn values(
        &self,
        ws: &mut Worksheet,
        row: u32,
        values: &[Measurement],
    ) -> Result<(), XlsxError> {
        for m in values {
            let Some(c) = self.col(&format!("Giá trị {}", m.period)) else {
                continue;
            };
            // An estimate stays a number, shown `~8,48` by its format.
            if m.estimate {
                ws.write_number_with_format(row, c, m.value, &self.about)?;
            } else {
                ws.write_number(row, c, m.value)?;
            }
            self.put(ws, row, &format!("Nguồn {}", m.period), &source(&m.source))?;
            if let Some(proxy) = &m.proxy {
                self.localized(ws, row, &format!("Gián tiếp {}", m.period), &proxy.note)?;
                let unit = proxy.unit.as_ref().map_or("", |u| u.raw.as_str());
                self.put(ws, row, &format!("Đơn vị gián tiếp {}", m.period), unit)?;
            }
        }
        Ok(())
    }
}

/// A source as the `Nguồn` columns hold it.
fn source(s: &Option<Source>) -> String {
    match s {
        Some(Source::Text(t)) => t.default.clone(),
        Some(Source::Ref { id, at, .. }) => match at {
            Some(at) => format!("{id}, {at}"),
            None => id.clone(),
        },
        None => String::new(),
    }
}

/// Write the template for the report `slug` (or the site's only report, or
/// none) of the site in `content` to `output`; the path written, or why not.
pub fn write_template(
    content: &Path,
    slug: Option<&str>,
    output: Option<&Path>,
) -> Result<std::path::PathBuf, Msg> {
    let (site, diags) = crate::load::load_site(content);
    let Some(site) = site else {
        let first = diags.into_sorted().into_iter().find(|d| d.is_error());
        let (en, vi) = first.map_or_else(Default::default, |d| {
            (
                d.display(Lang::En).to_string(),
                d.display(Lang::Vi).to_string(),
            )
        });
        return Err(msg!("template-site-errors",
            en: "the site has errors; fix them first (`minhbach check`):\n{en}",
            vi: "trang đang có lỗi; hãy sửa trước (`minhbach check`):\n{vi}"
        ));
    };
    let slugs = || {
        let slugs: Vec<&str> = site.reports.iter().map(|r| r.slug.as_str()).collect();
        slugs.join(", ")
    };
    let report = match slug {
        Some(s) => Some(site.reports.iter().find(|r| r.slug == s).ok_or_else(|| {
            msg!("unknown-report",
                en: "no report `{s}`; reports: {}",
                vi: "không có báo cáo `{s}`; các báo cáo: {}",
                slugs()
            )
        })?),
        None if site.reports.len() == 1 => site.reports.first(),
        None if site.reports.is_empty() => None,
        None => {
            return Err(msg!("unknown-report",
                en: "name the report: minhbach template SLUG ({})",
                vi: "hãy ghi tên báo cáo: minhbach template SLUG ({})",
                slugs()
            ));
        }
    };
    let path = match output {
        Some(p) => p.to_path_buf(),
        None => std::path::PathBuf::from(format!(
            "{}-indicators.xlsx",
            report.map_or("minhbach", |r| r.slug.as_str())
        )),
    };
    if path.exists() {
        return Err(msg!("template-exists",
            en: "{} already exists; move it away or pass --output FILE",
            vi: "{} đã có; hãy chuyển tệp đó đi chỗ khác hoặc dùng --output TỆP",
            path.display()
        ));
    }
    let bytes = indicators_template(&site, report.map(|r| &**r)).map_err(|e| {
        msg!("cannot-write",
            en: "{}: {e}",
            vi: "{}: không tạo được bảng tính ({e})",
            path.display()
        )
    })?;
    std::fs::write(&path, bytes).map_err(|e| {
        let reason = crate::diagnostics::io_reason(&e);
        let (en, vi) = (reason.en(), reason.vi());
        msg!("cannot-write", en: "{}: {en}", vi: "{}: {vi}", path.display())
    })?;
    Ok(path)
}
