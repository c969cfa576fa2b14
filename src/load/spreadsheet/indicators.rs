//! An indicators sheet: its columns (2.6a) and its rows, read as the YAML
//! would give them.

use std::path::Path;

use super::read::{Table, Value};
use super::{cell_error, cell_text, number_of, Cells};
use crate::diagnostics::{did_you_mean, Diagnostic};
use crate::load::raw::*;

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
pub(super) fn split_lang<'a>(header: &'a str, langs: &[String]) -> (&'a str, Option<String>) {
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
                    if let crate::load::number::TextTarget::Read(read_op, v) =
                        crate::load::number::text_target(t)
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
                                    crate::load::number::fmt(v)),
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
        });
    }
    (out, cells)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn dates() {
        assert_eq!(dmy_to_iso("30/06/2023"), "2023-06-30");
        assert_eq!(dmy_to_iso("6/2023"), "2023-06");
        assert_eq!(dmy_to_iso("2023"), "2023");
    }
}
