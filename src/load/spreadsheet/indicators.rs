//! An indicators sheet: its columns (2.6a) and its rows, read as the YAML
//! would give them.

use std::path::Path;

use super::parts::Layout;
use super::read::{Table, Value};
use super::{cell_error, cell_text, number_of, Cells};
use crate::diagnostics::{did_you_mean, Diagnostic, Msg};
use crate::helpers::text::match_key;
use crate::load::raw::*;

/// What a column of an indicators sheet holds.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Field {
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
    Better,
    Value(String),
    ValueSource(String),
    /// What a proxy value of the period measures (in a language, or plain).
    ValueProxy(String, Option<String>),
    /// A proxy value's own unit.
    ValueUnit(String),
    /// On a part's row, the `Mã` of the measure it is a part of.
    PartOf,
    /// What a measure's parts split it by (`Chia theo (vi)`).
    Breakdown(Option<String>),
}

impl Field {
    /// A column that says something about a whole measure, which its parts
    /// take from it (a part's row leaves it empty or repeats it).
    pub(super) fn of_the_measure(&self) -> bool {
        matches!(
            self,
            Field::Group
                | Field::Unit
                | Field::Decimals
                | Field::Lead
                | Field::Partners
                | Field::Note(_)
                | Field::Better
                | Field::Breakdown(_)
        )
    }

    /// The period of a column that says something about a period's value
    /// (its source, proxy or unit), which needs that value's column.
    fn companion_period(&self) -> Option<&str> {
        match self {
            Field::ValueSource(p) | Field::ValueProxy(p, _) | Field::ValueUnit(p) => Some(p),
            _ => None,
        }
    }
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
    ("better", |_| Field::Better),
    ("chiều tốt", |_| Field::Better),
    ("phần của", |_| Field::PartOf),
    ("part of", |_| Field::PartOf),
    ("part_of", |_| Field::PartOf),
    ("chia theo", Field::Breakdown),
    ("breakdown", Field::Breakdown),
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

/// What a column about a period's value holds, by the words before the
/// period (`Nguồn 2023`) or after it (`2023.source`); longer words first.
type MakePeriodField = fn(String, Option<String>) -> Field;

const PERIOD_COLUMNS: &[(&str, &str, MakePeriodField)] = &[
    ("nguồn ", ".source", |p, _| Field::ValueSource(p)),
    ("source ", ".source", |p, _| Field::ValueSource(p)),
    ("đơn vị gián tiếp ", ".unit", |p, _| {
        Field::ValueUnit(p)
    }),
    ("proxy unit ", ".unit", |p, _| Field::ValueUnit(p)),
    ("số liệu gián tiếp ", ".proxy", Field::ValueProxy),
    ("gián tiếp ", ".proxy", Field::ValueProxy),
    ("proxy ", ".proxy", Field::ValueProxy),
];

/// A period column: `2023`, `2023-Q2`, `Giá trị 2023`, `value 2023`, `30/06/2023`;
/// a period's source: `nguồn 2023`, `source 2023`, `2023.source`; a proxy
/// value's text, `gián tiếp 2023 (vi)`, `proxy 2023`, `2023.proxy`, and
/// its unit, `đơn vị gián tiếp 2023`, `proxy unit 2023`, `2023.unit`.
fn period_field(header: &str, lang: Option<String>) -> Option<Field> {
    let h = header.trim().to_lowercase();
    let is_period = |p: &str| crate::model::Period::parse(p).is_ok();
    for (prefix, suffix, make) in PERIOD_COLUMNS {
        if let Some(p) = h.strip_prefix(prefix).or_else(|| h.strip_suffix(suffix)) {
            let p = dmy_to_iso(p.trim());
            return is_period(&p).then(|| make(p, lang));
        }
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
    let key = match_key(stem);
    FIELDS
        .iter()
        .find(|(n, _)| *n == key)
        .map(|(_, f)| f(lang.clone()))
        .or_else(|| period_field(stem, lang))
}

/// The indicators of a sheet as the YAML would give them, and where each
/// came from. Errors in the header row stop the reading. A row whose
/// `Phần của` names a measure is one of that measure's parts and comes
/// right under it (or under its other parts): see [`super::parts`].
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
    let fields = header(table, langs, errors, shown);
    if !errors.is_empty() {
        return (Vec::new(), cells);
    }
    let layout = Layout::of(table, &fields);
    let mut out: Vec<RawIndicator> = Vec::new();
    // The row of each indicator read.
    let mut rows_of = Vec::new();
    // The measure the rows being read belong to: its id, its row and its
    // index in `out` (`None` when its row could not be read).
    let mut measure: Option<(String, usize, Option<usize>)> = None;
    for r in 1..table.rows.len() {
        if table.rows[r].iter().all(|v| *v == Value::Empty) {
            continue;
        }
        let row = |at: String| Row {
            table,
            fields: &fields,
            langs,
            semicolons: delimiter_is_semicolon,
            shown,
            r,
            at,
        };
        let mut part_of = layout.part_of(r);
        // A measure's own row with its own id in `Phần của`: said, and read
        // as the measure, so that its parts below are not misplaced.
        if let Some((c, of)) = part_of.as_ref().filter(|(_, of)| *of == layout.id(r)) {
            errors.push(layout.own_part(r, *c, of, shown));
            part_of = None;
        }
        let Some((c, of)) = part_of else {
            let read = row(out.len().to_string()).indicator(&mut cells, errors);
            measure = Some((layout.id(r), r, read.is_some().then_some(out.len())));
            if let Some(ind) = read {
                out.push(ind);
                rows_of.push(r);
            }
            continue;
        };
        match &measure {
            Some((id, mr, index)) if *id == of => {
                layout.measure_cells(r, *mr, errors, shown);
                // A measure whose row has an error has no parts to add to.
                if let Some(i) = *index {
                    let k = out[i].parts.len();
                    let at = format!("{i}.parts.{k}");
                    if let Some(part) = row(at).part(&of, &mut cells, errors) {
                        out[i].parts.push(part);
                    }
                }
            }
            above => errors.push(layout.misplaced(
                r,
                c,
                &of,
                above.as_ref().map(|m| m.0.as_str()),
                shown,
            )),
        }
    }
    for (ind, r) in out.iter_mut().zip(rows_of) {
        if ind.breakdown.is_some() && ind.parts.is_empty() {
            if let Some(e) = layout.breakdown_alone(r, &ind.id, shown) {
                errors.push(e);
                ind.breakdown = None;
            }
        }
    }
    (out, cells)
}

/// The field of each column (`None` for an empty header); unknown names and
/// columns about a period that has no column of values are errors.
fn header(
    table: &Table,
    langs: &[String],
    errors: &mut Vec<Diagnostic>,
    shown: &Path,
) -> Vec<Option<Field>> {
    let Some(first) = table.rows.first() else {
        return Vec::new();
    };
    let mut fields = Vec::new();
    for c in 0..first.len() {
        let h = table.header(c);
        if h.is_empty() {
            fields.push(None);
            continue;
        }
        let field = field_of(&h, langs);
        if field.is_none() {
            let mut d = cell_error(
                table,
                0,
                c,
                shown,
                msg!("unknown-column",
                    en: "unknown column `{h}`",
                    vi: "không có cột `{h}`"),
            );
            let names = field_names();
            d = match did_you_mean(&h.to_lowercase(), names.iter().copied()) {
                Some(b) => d.with_hint(msg!("did-you-mean", en: "did you mean `{b}`?", vi: "có phải là `{b}`?")),
                None => d.with_hint(msg!("unknown-column",
                    en: "columns: {}, and one per period (2022, 2023, …) with `nguồn 2023` for its source (and `gián tiếp 2023`, `đơn vị gián tiếp 2023` for a proxy)",
                    vi: "các cột: {}, và mỗi kỳ một cột (2022, 2023, …) kèm cột `nguồn 2023` cho nguồn của kỳ đó (và `gián tiếp 2023`, `đơn vị gián tiếp 2023` cho số liệu gián tiếp)",
                    names.join(", ")
                )),
            };
            errors.push(d);
        }
        fields.push(field);
    }
    let periods: Vec<&str> = fields
        .iter()
        .filter_map(|f| match f {
            Some(Field::Value(p)) => Some(p.as_str()),
            _ => None,
        })
        .collect();
    for (c, f) in fields.iter().enumerate() {
        let Some(p) = f.as_ref().and_then(Field::companion_period) else {
            continue;
        };
        if !periods.contains(&p) {
            errors.push(alone(table, c, p, &periods, shown));
        }
    }
    fields
}

/// A column about period `p`'s values where there is no column of them.
fn alone(table: &Table, c: usize, p: &str, periods: &[&str], shown: &Path) -> Diagnostic {
    let h = table.header(c);
    let d = cell_error(
        table,
        0,
        c,
        shown,
        msg!("period-column-alone",
            en: "column `{h}` is for the {p} values, but there is no column for them",
            vi: "cột `{h}` dành cho giá trị kỳ {p}, nhưng không có cột giá trị kỳ đó"),
    );
    let others: Vec<String> = periods
        .iter()
        .filter(|_| h.contains(p))
        .map(|o| format!("`{}`", h.replacen(p, o, 1)))
        .collect();
    d.with_hint(match others.split_last() {
        Some((last, [])) => msg!("period-column-alone",
            en: "add a column `Giá trị {p}`, or write the period of the existing column: {last}",
            vi: "thêm cột `Giá trị {p}`, hoặc ghi đúng kỳ của cột đã có: {last}"),
        Some((last, rest)) => msg!("period-column-alone",
            en: "add a column `Giá trị {p}`, or write the period of an existing column: {} or {last}",
            vi: "thêm cột `Giá trị {p}`, hoặc ghi đúng kỳ của một cột đã có: {} hoặc {last}",
            rest.join(", ")),
        None => msg!("period-column-alone",
            en: "add a column `Giá trị {p}` for the figures",
            vi: "thêm cột `Giá trị {p}` cho các số liệu"),
    })
}

/// One row of an indicators sheet being read.
struct Row<'a> {
    table: &'a Table,
    fields: &'a [Option<Field>],
    langs: &'a [String],
    /// A `;`-separated CSV: numbers are read the Vietnamese way.
    semicolons: bool,
    shown: &'a Path,
    /// The row in the table, and where what it holds goes: `3` for the
    /// fourth indicator, `3.parts.1` for its second part.
    r: usize,
    at: String,
}

impl<'a> Row<'a> {
    fn column(&self, f: &Field) -> Option<usize> {
        self.fields.iter().position(|x| x.as_ref() == Some(f))
    }

    /// The column of `f` and its cell in this row, unless empty.
    fn get(&self, f: &Field) -> Option<(usize, &'a Value)> {
        let c = self.column(f)?;
        self.table.rows[self.r]
            .get(c)
            .filter(|v| **v != Value::Empty)
            .map(|v| (c, v))
    }

    fn text(&self, f: &Field, key: &str, cells: &mut Cells) -> Option<String> {
        let (c, v) = self.get(f)?;
        cells.set(format!("{}.{key}", self.at), self.table.place(self.r, c));
        Some(cell_text(v))
    }

    /// A text in one column, or one column per language (`Tên (vi)`, `Tên (en)`).
    fn localized(
        &self,
        make: impl Fn(Option<String>) -> Field,
        key: &str,
        cells: &mut Cells,
    ) -> Option<RawText> {
        let (r, i) = (self.r, &self.at);
        if let Some((c, v)) = self.get(&make(None)) {
            cells.set(format!("{i}.{key}"), self.table.place(r, c));
            return Some(RawText::Plain(cell_text(v)));
        }
        let mut map = std::collections::BTreeMap::new();
        for lang in self.langs {
            if let Some((c, v)) = self.get(&make(Some(lang.clone()))) {
                cells.set(format!("{i}.{key}"), self.table.place(r, c));
                cells.set(format!("{i}.{key}.{lang}"), self.table.place(r, c));
                map.insert(lang.clone(), cell_text(v));
            }
        }
        (!map.is_empty()).then_some(RawText::Map(map))
    }

    fn error(&self, c: usize, message: Msg) -> Diagnostic {
        cell_error(self.table, self.r, c, self.shown, message)
    }

    fn indicator(&self, cells: &mut Cells, errors: &mut Vec<Diagnostic>) -> Option<RawIndicator> {
        let i = &self.at;
        cells.set(i.clone(), self.table.place(self.r, 0));
        let id = self.text(&Field::Id, "id", cells).unwrap_or_default();
        let group = self.text(&Field::Group, "group", cells).unwrap_or_default();
        let name = self.localized(Field::Name, "name", cells);
        let note = self.localized(Field::Note, "note", cells);
        let unit = self.text(&Field::Unit, "unit", cells);
        let decimals = self.get(&Field::Decimals).and_then(|(c, v)| {
            cells.set(format!("{i}.decimals"), self.table.place(self.r, c));
            match number_of(v, self.semicolons) {
                Some(RawNumber::Number(n)) if n.fract() == 0.0 => Some(n as i64),
                _ => {
                    errors.push(self.error(
                        c,
                        msg!("invalid-decimals",
                            en: "`decimals` must be a whole number from 0 to 6",
                            vi: "`decimals` phải là số nguyên từ 0 đến 6"),
                    ));
                    None
                }
            }
        });
        let target = self.target(cells, errors);
        // `-` (or "không", "none") says the plan names no agency in charge.
        let lead = match self.text(&Field::Lead, "lead", cells) {
            Some(l) if ["-", "—", "~", "không", "none"].contains(&l.to_lowercase().as_str()) => {
                Some(None)
            }
            other => other.map(Some),
        };
        let partners = self
            .get(&Field::Partners)
            .map(|(c, v)| {
                let names: Vec<String> = cell_text(v)
                    .split(['\n', ';'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect();
                for j in 0..names.len() {
                    cells.set(format!("{i}.partners.{j}"), self.table.place(self.r, c));
                }
                names
            })
            .unwrap_or_default();
        let values = self.values(cells, errors);
        let better = self.better(cells, errors);
        let breakdown = self.localized(Field::Breakdown, "breakdown", cells);
        let Some(name) = name else {
            errors.push(self.error(
                0,
                msg!("missing-field",
                    en: "this indicator has no `name`",
                    vi: "chỉ tiêu này thiếu `name` (tên)"),
            ));
            return None;
        };
        Some(RawIndicator {
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
            better,
            code: None,
            breakdown,
            parts: Vec::new(),
        })
    }

    /// A part of the measure `of`: its id, name, target and values, in the
    /// columns an indicator has them.
    fn part(&self, of: &str, cells: &mut Cells, errors: &mut Vec<Diagnostic>) -> Option<RawPart> {
        cells.set(self.at.clone(), self.table.place(self.r, 0));
        let id = self.text(&Field::Id, "id", cells).unwrap_or_default();
        let name = self.localized(Field::Name, "name", cells);
        let target = self.target(cells, errors);
        let values = self.values(cells, errors);
        let Some(name) = name else {
            let c = self
                .fields
                .iter()
                .position(|f| matches!(f, Some(Field::Name(_))))
                .unwrap_or(0);
            errors.push(self.error(
                c,
                msg!("missing-field",
                    en: "part `{id}` of `{of}` has no `name`",
                    vi: "phần `{id}` của `{of}` thiếu `name` (tên)"),
            ));
            return None;
        };
        Some(RawPart {
            id,
            name,
            target,
            values,
        })
    }

    fn target(&self, cells: &mut Cells, errors: &mut Vec<Diagnostic>) -> Option<RawTarget> {
        let i = &self.at;
        let text = self.localized(Field::TargetText, "target.text", cells);
        let op = self.text(&Field::Op, "target.op", cells);
        let by = self.get(&Field::By).map(|(c, v)| {
            cells.set(format!("{i}.target.by"), self.table.place(self.r, c));
            RawPeriod(dmy_to_iso(&cell_text(v)))
        });
        let source = self
            .text(&Field::TargetSource, "target.source", cells)
            .map(|s| RawSource::Text(RawText::Plain(s)));
        let cell = self.get(&Field::Target).map(|(c, v)| {
            cells.set(format!("{i}.target"), self.table.place(self.r, c));
            cells.set(format!("{i}.target.value"), self.table.place(self.r, c));
            (c, v)
        });
        match (cell, text) {
            (None, None) => None,
            (Some((_, Value::Text(t))), None)
                if op.is_none()
                    && by.is_none()
                    && source.is_none()
                    && number_of(&Value::Text(t.clone()), self.semicolons)
                        .is_none_or(|n| matches!(n, RawNumber::Text(_))) =>
            {
                Some(RawTarget::Text(t.clone()))
            }
            (cell, text) => {
                let mut value = cell.and_then(|(_, v)| number_of(v, self.semicolons));
                let mut op = op;
                // `≥ 50%` beside a deadline or a source: read, and shown back.
                if let (Some(RawNumber::Text(t)), Some((c, _))) = (&value, cell) {
                    if let crate::load::number::TextTarget::Read(read_op, v) =
                        crate::load::number::text_target(t)
                    {
                        let (pos, label) = self.table.place(self.r, c);
                        let written = op.get_or_insert_with(|| read_op.to_string()).clone();
                        errors.push(
                            Diagnostic::warning(
                                self.shown,
                                pos,
                                msg!("target-read-as",
                                    en: "target `{t}` is read as {written} {}",
                                    vi: "mục tiêu `{t}` được hiểu là {written} {}",
                                    crate::load::number::fmt(v)),
                            )
                            .with_cell(label)
                            .with_source(self.table.src.as_deref().unwrap_or(""))
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
                    source,
                }))
            }
        }
    }

    /// `Chiều tốt`: `tăng` / `higher`, `giảm` / `lower`.
    fn better(&self, cells: &mut Cells, errors: &mut Vec<Diagnostic>) -> Option<RawBetter> {
        let (c, v) = self.get(&Field::Better)?;
        cells.set(format!("{}.better", self.at), self.table.place(self.r, c));
        let typed = cell_text(v);
        match match_key(&typed).as_str() {
            "tăng" | "higher" | "cao hơn" | "tăng là tốt" => Some(RawBetter::Higher),
            "giảm" | "lower" | "thấp hơn" | "giảm là tốt" => Some(RawBetter::Lower),
            _ => {
                let d = self.error(
                    c,
                    msg!("invalid-better",
                        en: "`{typed}` is not a direction (whether a rise or a fall is good)",
                        vi: "`{typed}` không phải là một chiều (tăng là tốt hay giảm là tốt)"),
                );
                let words = ["tăng", "giảm", "higher", "lower"];
                errors.push(match did_you_mean(&typed.to_lowercase(), words) {
                    Some(b) => d.with_hint(
                        msg!("did-you-mean", en: "did you mean `{b}`?", vi: "có phải là `{b}`?"),
                    ),
                    None => d.with_hint(msg!("invalid-better",
                        en: "write `tăng` (higher is better) or `giảm` (lower is better)",
                        vi: "ghi `tăng` (tăng là tốt) hoặc `giảm` (giảm là tốt)")),
                });
                None
            }
        }
    }

    /// One value per period column with a figure, with its source and,
    /// for a proxy, what it measures and its unit.
    fn values(&self, cells: &mut Cells, errors: &mut Vec<Diagnostic>) -> Vec<RawValue> {
        let (r, i) = (self.r, &self.at);
        let row = &self.table.rows[r];
        let mut values = Vec::new();
        for (c, f) in self.fields.iter().enumerate() {
            let Some(Field::Value(period)) = f else {
                continue;
            };
            let Some(v) = row.get(c).filter(|v| **v != Value::Empty) else {
                self.nothing_to_describe(period, c, errors);
                continue;
            };
            let j = values.len();
            let at = format!("{i}.values.{j}");
            cells.set(at.clone(), self.table.place(r, c));
            cells.set(format!("{at}.period"), self.table.place(0, c));
            let source = self
                .get(&Field::ValueSource(period.clone()))
                .map(|(sc, s)| {
                    cells.set(format!("{at}.source"), self.table.place(r, sc));
                    RawSource::Text(RawText::Plain(cell_text(s)))
                });
            let Some((estimate, v)) = self.estimate(c, v, errors) else {
                continue;
            };
            let Some(value) = number_of(&v, self.semicolons) else {
                continue;
            };
            let proxy = self.localized(
                |lang| Field::ValueProxy(period.clone(), lang),
                &format!("values.{j}.proxy"),
                cells,
            );
            let unit = self.get(&Field::ValueUnit(period.clone())).map(|(uc, u)| {
                cells.set(format!("{at}.unit"), self.table.place(r, uc));
                if proxy.is_none() {
                    errors.push(self.unit_alone(period, uc));
                }
                cell_text(u)
            });
            values.push(RawValue {
                period: RawPeriod(period.clone()),
                value,
                source,
                estimate,
                proxy,
                unit,
            });
        }
        values
    }

    /// A proxy's text or unit in a row without the value they describe.
    fn nothing_to_describe(&self, period: &str, value_column: usize, errors: &mut Vec<Diagnostic>) {
        let value_header = self.table.header(value_column);
        for (c, f) in self.fields.iter().enumerate() {
            if !matches!(f, Some(Field::ValueProxy(p, _) | Field::ValueUnit(p)) if p == period) {
                continue;
            }
            if self.table.rows[self.r]
                .get(c)
                .is_none_or(|v| *v == Value::Empty)
            {
                continue;
            }
            let h = self.table.header(c);
            errors.push(
                self.error(
                    c,
                    msg!("proxy-without-value",
                        en: "this row has no {period} value for `{h}` to describe",
                        vi: "dòng này không có giá trị kỳ {period} để cột `{h}` mô tả"),
                )
                .with_hint(msg!("proxy-without-value",
                    en: "write the figure in `{value_header}`, or empty this cell",
                    vi: "ghi số liệu vào cột `{value_header}`, hoặc xóa ô này")),
            );
        }
    }

    /// A proxy's unit with no text saying what the proxy measures.
    fn unit_alone(&self, period: &str, c: usize) -> Diagnostic {
        let proxy_header = self
            .fields
            .iter()
            .position(|f| matches!(f, Some(Field::ValueProxy(p, _)) if p == period))
            .map_or_else(|| format!("Gián tiếp {period}"), |pc| self.table.header(pc));
        self.error(
            c,
            msg!("unit-without-proxy",
                en: "a value has its own unit only as a proxy",
                vi: "một giá trị chỉ có đơn vị riêng khi là số liệu gián tiếp"),
        )
        .with_hint(msg!("unit-without-proxy",
            en: "write in `{proxy_header}` what the figure measures instead of the indicator, or empty this cell",
            vi: "ghi vào cột `{proxy_header}` số liệu này đo gì thay cho chỉ tiêu, hoặc xóa ô này"))
    }

    /// Whether the value in column `c` is marked as an estimate (`~8,48`,
    /// `khoảng 66`, or an Excel number shown with `~`), and the value
    /// without the mark; `None` (with an error) for a mark alone.
    fn estimate(&self, c: usize, v: &Value, errors: &mut Vec<Diagnostic>) -> Option<(bool, Value)> {
        match estimate_of(v) {
            Ok(read) => Some(read),
            Err(typed) => {
                errors.push(
                    self.error(
                        c,
                        msg!("estimate-without-number",
                            en: "`{typed}` marks an estimate but gives no number",
                            vi: "`{typed}` đánh dấu số ước tính nhưng không có con số"),
                    )
                    .with_hint(msg!("estimate-without-number",
                        en: "write the figure after the mark, as in `~8,48`",
                        vi: "ghi con số sau dấu, ví dụ `~8,48`")),
                );
                None
            }
        }
    }
}

/// The marks of an estimate before a figure, as editors write them (the
/// source's own words): longer words first.
const ESTIMATE_MARKS: &[&str] = &[
    "~",
    "≈",
    "khoảng",
    "ước tính",
    "ước đạt",
    "ước",
    "approximately",
    "approx.",
    "about",
    "estimated",
];

/// `~8,48` → (true, `8,48`); `8,48` → (false, `8,48`); the cell as typed
/// when it is a mark without a number.
pub fn estimate_of(v: &Value) -> Result<(bool, Value), String> {
    let t = match v {
        Value::About(n) => return Ok((true, Value::Number(*n))),
        Value::Text(t) => t.trim(),
        other => return Ok((false, other.clone())),
    };
    for mark in ESTIMATE_MARKS {
        let Some(rest) = t
            .get(..mark.len())
            .filter(|head| head.to_lowercase() == *mark)
            .map(|_| &t[mark.len()..])
        else {
            continue;
        };
        // A word needs a space after it: `ước` is not the start of `ướcx`.
        let word = mark.chars().all(char::is_alphabetic);
        if word && !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
            continue;
        }
        let rest = rest.trim();
        if rest.is_empty() {
            return Err(t.to_string());
        }
        return Ok((true, Value::Text(rest.to_string())));
    }
    Ok((false, v.clone()))
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
    fn estimates_are_marked_as_editors_write_them() {
        let text = |s: &str| Value::Text(s.into());
        assert_eq!(estimate_of(&text("~8,48")), Ok((true, text("8,48"))));
        assert_eq!(estimate_of(&text("≈ 8,48%")), Ok((true, text("8,48%"))));
        assert_eq!(estimate_of(&text("Khoảng 66")), Ok((true, text("66"))));
        assert_eq!(estimate_of(&text("ước đạt 66")), Ok((true, text("66"))));
        assert_eq!(
            estimate_of(&Value::About(66.0)),
            Ok((true, Value::Number(66.0)))
        );
        assert_eq!(estimate_of(&text("66")), Ok((false, text("66"))));
        assert_eq!(
            estimate_of(&Value::Number(66.0)),
            Ok((false, Value::Number(66.0)))
        );
        // A word is a mark only before a space.
        assert_eq!(estimate_of(&text("ướcx")), Ok((false, text("ướcx"))));
        assert_eq!(estimate_of(&text(" ~ ")), Err("~".into()));
        let langs = vec!["vi".to_string(), "en".to_string()];
        assert_eq!(
            field_of("Gián tiếp 2022 (en)", &langs),
            Some(Field::ValueProxy("2022".into(), Some("en".into())))
        );
        assert_eq!(
            field_of("2022.proxy", &langs),
            Some(Field::ValueProxy("2022".into(), None))
        );
        assert_eq!(
            field_of("Đơn vị gián tiếp 2022", &langs),
            Some(Field::ValueUnit("2022".into()))
        );
        assert_eq!(
            field_of("proxy unit 2022", &langs),
            Some(Field::ValueUnit("2022".into()))
        );
        assert_eq!(field_of("Chiều tốt", &langs), Some(Field::Better));
    }

    #[test]
    fn dates() {
        assert_eq!(dmy_to_iso("30/06/2023"), "2023-06-30");
        assert_eq!(dmy_to_iso("6/2023"), "2023-06");
        assert_eq!(dmy_to_iso("2023"), "2023");
    }
}
