//! The site's areas (content/areas.yaml) and the checks that tie reports and
//! shared indicator codes to them: a report's `area:` must be a known area,
//! one report uses a code once, and a code means one measure everywhere
//! (one unit, one direction, one way of splitting it into parts).

use std::collections::HashMap;
use std::sync::Arc;

use super::raw::{RawArea, RawAreaKind};
use super::*;
use crate::diagnostics::did_you_mean;

/// The file that lists the areas.
pub(super) const AREAS_FILE: &str = "areas.yaml";

/// What an indicator's code says about it, for comparing two uses.
#[derive(Clone, Copy)]
struct CodeUse<'r> {
    report: &'r Report,
    index: usize,
    indicator: &'r Indicator,
}

/// How the reports so far split a code into parts: the first `breakdown`
/// given, the first use with parts, and each part id with the use that
/// gave it first.
#[derive(Default)]
struct CodeSplit<'r> {
    breakdown: Option<CodeUse<'r>>,
    with_parts: Option<CodeUse<'r>>,
    parts: Vec<(&'r IndicatorPart, CodeUse<'r>)>,
}

impl Loader<'_> {
    /// Read `areas.yaml` (absent: no areas).
    pub(super) fn areas(&mut self, langs: &[String]) -> Vec<Area> {
        let path = self.root.join(AREAS_FILE);
        if !path.exists() {
            return Vec::new();
        }
        let Some((raw, doc)) = self.parse::<Vec<RawArea>>(&path, langs) else {
            return Vec::new();
        };
        let raw = raw.unwrap_or_default();
        let mut d = Diagnostics::new();
        let mut out = Vec::new();
        for (i, a) in raw.iter().enumerate() {
            let code = a.code.trim().to_string();
            doc.slug(
                &code,
                &format!("{i}.code"),
                ["area code", "mã địa bàn"],
                &mut d,
            );
            let replaced_by: Vec<String> = a
                .replaced_by
                .as_ref()
                .map(|n| n.0.iter().map(|c| c.trim().to_string()).collect())
                .unwrap_or_default();
            let from = a
                .from
                .as_ref()
                .and_then(|f| doc.date(f, &format!("{i}.from"), &mut d));
            if !replaced_by.is_empty() && a.from.is_none() {
                d.push(
                    doc.err(&format!("{i}.replaced_by"), msg!("area-from-missing",
                        en: "area `{code}` is replaced without a date: `replaced_by` needs `from`",
                        vi: "địa bàn `{code}` được thay thế mà không có ngày: `replaced_by` cần có `from`"))
                        .with_hint(msg!("area-from-missing",
                            en: "add the day the change took effect, e.g. `from: 2025-07-01`",
                            vi: "thêm ngày thay đổi có hiệu lực, ví dụ `from: 2025-07-01`")),
                );
            }
            if replaced_by.is_empty() && a.from.is_some() {
                d.push(doc.err(&format!("{i}.from"), msg!("area-from-missing",
                    en: "`from` says when area `{code}` was replaced, but `replaced_by` names no area",
                    vi: "`from` cho biết ngày địa bàn `{code}` được thay thế, nhưng `replaced_by` không nêu địa bàn nào")));
            }
            out.push(Area {
                code,
                name: doc.text(&a.name, &format!("{i}.name"), &mut d),
                replaced_by,
                from,
                kind: match a.kind {
                    None => AreaKind::Area,
                    Some(RawAreaKind::National) => AreaKind::National,
                    Some(RawAreaKind::Region) => AreaKind::Region,
                },
            });
        }
        doc.duplicates(
            &out.iter()
                .enumerate()
                .map(|(i, a)| (a.code.clone(), format!("{i}.code")))
                .collect::<Vec<_>>(),
            ["area code", "mã địa bàn"],
            &mut d,
        );
        let codes: Vec<&str> = out.iter().map(|a| a.code.as_str()).collect();
        for (i, a) in out.iter().enumerate() {
            for (j, next) in a.replaced_by.iter().enumerate() {
                let at = if doc.spans().exact(&format!("{i}.replaced_by.0")).is_some() {
                    format!("{i}.replaced_by.{j}")
                } else {
                    format!("{i}.replaced_by")
                };
                if next == &a.code {
                    d.push(doc.err(
                        &at,
                        msg!("unknown-area",
                        en: "area `{next}` cannot replace itself",
                        vi: "địa bàn `{next}` không thể tự thay thế chính nó"),
                    ));
                } else if !codes.contains(&next.as_str()) {
                    d.push(unknown_area(
                        doc.err(&at, unknown_area_msg(next)),
                        next,
                        &out,
                    ));
                }
            }
        }
        self.diags.extend(d);
        out
    }

    /// Reports' areas and indicators' codes, checked against the areas and
    /// against each other.
    pub(super) fn check_areas_and_codes(&mut self, areas: &[Area], reports: &[Arc<Report>]) {
        let mut d = Diagnostics::new();
        // The first use of each code in site order (newest report first).
        let mut first: HashMap<&str, CodeUse> = HashMap::new();
        let mut splits: HashMap<&str, CodeSplit> = HashMap::new();
        for report in reports {
            let report_yaml = report.dir.join("report.yaml");
            match report.area.as_deref() {
                Some(code) => match areas.iter().find(|a| a.code == code) {
                    None => {
                        let e = self.error_at(&report_yaml, "area", unknown_area_msg(code));
                        d.push(unknown_area(e, code, areas));
                    }
                    Some(a) if a.replaced_before(report.period) => {
                        let next = a.replaced_by.join(", ");
                        let from = a.from.map(|f| f.to_string()).unwrap_or_default();
                        d.push(
                            self.warning_at(&report_yaml, "area", msg!("area-replaced",
                                en: "area `{code}` was replaced by {next} from {from}, before period {period} starts",
                                vi: "địa bàn `{code}` đã được thay bằng {next} từ {from}, trước khi kỳ {period} bắt đầu",
                                period = report.period))
                            .with_hint(msg!("area-replaced",
                                en: "state the area that exists in this period ({next}), or correct `from` in areas.yaml",
                                vi: "ghi địa bàn tồn tại trong kỳ này ({next}), hoặc sửa `from` trong areas.yaml")),
                        );
                    }
                    Some(_) => {}
                },
                None => {
                    if let Some((i, ind)) = report
                        .indicators
                        .iter()
                        .enumerate()
                        .find(|(_, i)| i.code.is_some())
                    {
                        let code = ind.code.as_deref().unwrap_or_default();
                        d.push(
                            self.warning_at(&indicators_file(report), &format!("{i}.code"), msg!("code-without-area",
                                en: "indicator `{id}` has the shared code `{code}`, but report.yaml states no `area`: it is left out of the comparison",
                                vi: "chỉ tiêu `{id}` có mã dùng chung `{code}`, nhưng report.yaml không ghi `area`: chỉ tiêu không được đưa vào trang so sánh",
                                id = ind.id))
                            .with_hint(msg!("code-without-area",
                                en: "add the area the report covers to report.yaml, e.g. `area: hai-duong`",
                                vi: "thêm địa bàn của báo cáo vào report.yaml, ví dụ `area: hai-duong`")),
                        );
                    }
                }
            }
            // One code, one indicator in a report.
            let mut own: HashMap<&str, usize> = HashMap::new();
            for (i, ind) in report.indicators.iter().enumerate() {
                let Some(code) = ind.code.as_deref() else {
                    continue;
                };
                if let Some(&j) = own.get(code) {
                    let other = &report.indicators[j];
                    let line = self.line_of(&indicators_file(report), &format!("{j}.code"));
                    d.push(
                        self.error_at(&indicators_file(report), &format!("{i}.code"), msg!("duplicate-code",
                            en: "indicators `{}` and `{id}` of one report have the same code `{code}`",
                            vi: "hai chỉ tiêu `{}` và `{id}` của cùng một báo cáo có cùng mã `{code}`",
                            other.id, id = ind.id))
                        .with_hint(msg!("duplicate-code",
                            en: "a code names one measure of a report (`{}`{line}); give this one its own code, or none",
                            vi: "mỗi mã chỉ một chỉ tiêu của báo cáo (`{}`{line}); đặt cho chỉ tiêu này mã khác, hoặc bỏ mã", other.id)),
                    );
                    continue;
                }
                own.insert(code, i);
                let here = CodeUse {
                    report,
                    index: i,
                    indicator: ind,
                };
                match first.get(code) {
                    None => {
                        first.insert(code, here);
                    }
                    Some(there) => self.same_measure(code, there, &here, &mut d),
                }
                if !ind.parts.is_empty() {
                    self.same_split(code, splits.entry(code).or_default(), here, &mut d);
                }
            }
        }
        self.diags.extend(d);
    }

    /// A code is one measure: the same unit and, where both say, the same
    /// direction in every report.
    fn same_measure(&self, code: &str, there: &CodeUse, here: &CodeUse, d: &mut Diagnostics) {
        let (a, b) = (there.indicator, here.indicator);
        let same_unit = a.unit.kind == b.unit.kind
            && (!matches!(a.unit.kind, Unit::Other | Unit::Currency) || a.unit.raw == b.unit.raw);
        // Both found only when a message names them: each is a file lookup
        // (reading the YAML again; asking which spreadsheet exists), and a
        // national corpus has 22,050 uses. Done eagerly, loading was 17x
        // slower, and each `serve` rebuild spent 16 ms on file checks.
        let place = || self.place_of(there);
        let file = || indicators_file(here.report);
        let at = format!("{}.code", here.index);
        if !same_unit {
            let place = place();
            d.push(
                self.error_at(&file(), &at, msg!("code-unit-differs",
                    en: "code `{code}` is measured in `{}` here but in `{}` at {place} (indicator `{}`)",
                    vi: "mã `{code}` ở đây tính bằng `{}` nhưng ở {place} (chỉ tiêu `{}`) tính bằng `{}`",
                    b.unit.raw, a.unit.raw, a.id))
                .with_hint(msg!("code-unit-differs",
                    en: "one code is one measure in one unit: write the value in `{}`, or give this indicator another code",
                    vi: "một mã là một chỉ tiêu với một đơn vị: ghi giá trị theo `{}`, hoặc đặt mã khác cho chỉ tiêu này", a.unit.raw)),
            );
        }
        if let (Some(x), Some(y)) = (direction(a), direction(b)) {
            if x != y {
                let place = place();
                let word = |b: Better| match b {
                    Better::Higher => ("higher", "cao hơn"),
                    Better::Lower => ("lower", "thấp hơn"),
                };
                let ((xe, xv), (ye, yv)) = (word(x), word(y));
                d.push(
                    self.error_at(&file(), &at, msg!("code-direction-differs",
                        en: "code `{code}`: {ye} is better here, but {xe} is better at {place} (indicator `{}`)",
                        vi: "mã `{code}`: ở đây {yv} là tốt hơn, nhưng ở {place} (chỉ tiêu `{}`) {xv} là tốt hơn",
                        a.id))
                    .with_hint(msg!("code-direction-differs",
                        en: "check the target's `op` (>= or <=) or `better:` of the two indicators",
                        vi: "kiểm tra `op` của mục tiêu (>= hay <=) hoặc `better:` của hai chỉ tiêu")),
                );
            }
        }
    }

    /// A code is split one way: where two reports give parts, the same
    /// `breakdown` (where both say it), the same id for the same part, and
    /// at least one part in common. A report may give fewer parts than
    /// another (a province with no district level): the comparison shows
    /// those cells as "không có". Each use with parts is checked against
    /// every earlier one, then adds what it brings.
    fn same_split<'r>(
        &self,
        code: &str,
        split: &mut CodeSplit<'r>,
        here: CodeUse<'r>,
        d: &mut Diagnostics,
    ) {
        let b = here.indicator;
        let file = || indicators_file(here.report);
        let at = |rest: &str| format!("{}.{rest}", here.index);
        let ids = |parts: &mut dyn Iterator<Item = &str>| {
            parts
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if let (Some(there), Some(theirs)) = (split.breakdown, b.breakdown.as_ref()) {
            let ours = there.indicator.breakdown.as_ref().expect("a breakdown");
            if !same_text(ours, theirs) {
                let place = self.place_at(&there, "breakdown");
                let (this, that) = (&theirs.default, &ours.default);
                let parts = ids(&mut there.indicator.parts.iter().map(|p| p.id.as_str()));
                d.push(
                    self.error_at(&file(), &at("breakdown"), msg!("code-breakdown-differs",
                        en: "code `{code}` is split by `{this}` here but by `{that}` at {place} (indicator `{}`)",
                        vi: "mã `{code}` ở đây chia theo `{this}` nhưng ở {place} (chỉ tiêu `{}`) chia theo `{that}`",
                        there.indicator.id))
                    .with_hint(msg!("code-breakdown-differs",
                        en: "a shared code is split one way in every report: split it by `{that}` (parts {parts}), or give this indicator another code",
                        vi: "một mã dùng chung được chia một cách ở mọi báo cáo: chia theo `{that}` (các phần {parts}), hoặc đặt mã khác cho chỉ tiêu này")),
                );
                return;
            }
        }
        let mut wrong = false;
        for (j, p) in b.parts.iter().enumerate() {
            if split.parts.iter().any(|(q, _)| q.id == p.id) {
                continue;
            }
            let Some((q, there)) = split
                .parts
                .iter()
                .find(|(q, _)| same_text(&q.name, &p.name))
            else {
                continue;
            };
            wrong = true;
            let place = self.place_at(there, &format!("parts.{}.id", part_index(there, &q.id)));
            let (id, name, other) = (&p.id, &p.name.default, &q.id);
            d.push(
                self.error_at(&file(), &at(&format!("parts.{j}.id")), msg!("code-breakdown-differs",
                    en: "code `{code}`: part `{id}` here is `{name}`, which is part `{other}` at {place} (indicator `{}`)",
                    vi: "mã `{code}`: phần `{id}` ở đây là `{name}`, tức phần `{other}` ở {place} (chỉ tiêu `{}`)",
                    there.indicator.id))
                .with_hint(msg!("code-breakdown-differs",
                    en: "one part has one id in every report: write `id: {other}`",
                    vi: "một phần có một mã ở mọi báo cáo: ghi `id: {other}`")),
            );
        }
        if wrong {
            return;
        }
        if let Some(there) = split.with_parts {
            if !b
                .parts
                .iter()
                .any(|p| split.parts.iter().any(|(q, _)| q.id == p.id))
            {
                let place = self.place_at(&there, "parts.0.id");
                let these = ids(&mut b.parts.iter().map(|p| p.id.as_str()));
                let those = ids(&mut split.parts.iter().map(|(q, _)| q.id.as_str()));
                d.push(
                    self.error_at(&file(), &at("parts.0.id"), msg!("code-breakdown-differs",
                        en: "code `{code}`: none of the parts here ({these}) is a part at {place} (indicator `{}`: {those})",
                        vi: "mã `{code}`: không phần nào ở đây ({these}) là một phần ở {place} (chỉ tiêu `{}`: {those})",
                        there.indicator.id))
                    .with_hint(msg!("code-breakdown-differs",
                        en: "a shared code is split one way in every report: give the parts the ids used there ({those}), or give this indicator another code",
                        vi: "một mã dùng chung được chia một cách ở mọi báo cáo: đặt cho các phần mã như ở đó ({those}), hoặc đặt mã khác cho chỉ tiêu này")),
                );
                return;
            }
        }
        if split.breakdown.is_none() && b.breakdown.is_some() {
            split.breakdown = Some(here);
        }
        split.with_parts.get_or_insert(here);
        for p in &b.parts {
            if !split.parts.iter().any(|(q, _)| q.id == p.id) {
                split.parts.push((p, here));
            }
        }
    }

    /// `path:line` of a code's use, as a message names the other place.
    fn place_of(&self, u: &CodeUse) -> String {
        self.place_at(u, "code")
    }

    /// `path:line` of `rest` (`code`, `breakdown`, `parts.0.id`) of the
    /// indicator of a code's use.
    fn place_at(&self, u: &CodeUse, rest: &str) -> String {
        let file = indicators_file(u.report);
        let (shown, pos, _) = self.locate(&file, &format!("{}.{rest}", u.index));
        match pos {
            Some(p) => format!("{}:{}", shown.display(), p.line),
            None => shown.display().to_string(),
        }
    }

    /// " (line N)" of a path in a file, or nothing.
    fn line_of(&self, file: &Path, at: &str) -> String {
        match self.locate(file, at).1 {
            Some(p) => format!(", {}", p.line),
            None => String::new(),
        }
    }

    /// The shown path, position and text of `at` in a content file, read
    /// again (loading keeps no text): only a diagnostic needs it.
    fn locate(&self, file: &Path, at: &str) -> (PathBuf, Option<Pos>, Option<String>) {
        let shown = self.shown(file);
        if !file.is_file() {
            return (shown, None, None);
        }
        let src = self.read_text(file, &shown).ok();
        let pos = src.as_deref().and_then(|s| yaml::position(s, 0, at));
        (shown, pos, src)
    }

    pub(super) fn error_at(
        &self,
        file: &Path,
        at: &str,
        message: crate::diagnostics::Msg,
    ) -> Diagnostic {
        let (shown, pos, src) = self.locate(file, at);
        let d = Diagnostic::error(shown, pos, message);
        match src {
            Some(s) => d.with_source(&s),
            None => d,
        }
    }

    fn warning_at(&self, file: &Path, at: &str, message: crate::diagnostics::Msg) -> Diagnostic {
        let (shown, pos, src) = self.locate(file, at);
        let d = Diagnostic::warning(shown, pos, message);
        match src {
            Some(s) => d.with_source(&s),
            None => d,
        }
    }
}

/// The file a report's indicators were read from (a spreadsheet has no
/// YAML positions: its diagnostics name the file).
fn indicators_file(r: &Report) -> PathBuf {
    let yaml = r.dir.join("indicators.yaml");
    spreadsheet::find(&yaml).unwrap_or(yaml)
}

/// The index of part `id` among the parts of a use's indicator.
fn part_index(u: &CodeUse, id: &str) -> usize {
    u.indicator
        .parts
        .iter()
        .position(|p| p.id == id)
        .unwrap_or_default()
}

/// Whether two texts say the same in a language both give (case and
/// Unicode forms aside): a translation worded differently is not a
/// different breakdown.
fn same_text(a: &Text, b: &Text) -> bool {
    let key = crate::helpers::text::match_key;
    a.translations
        .iter()
        .any(|(lang, x)| b.translations.get(lang).is_some_and(|y| key(x) == key(y)))
        || key(&a.default) == key(&b.default)
}

fn unknown_area_msg(code: &str) -> crate::diagnostics::Msg {
    msg!("unknown-area",
        en: "area `{code}` is not in areas.yaml",
        vi: "địa bàn `{code}` không có trong areas.yaml")
}

/// The hint for an unknown area: an area whose name was written (`Hải
/// Dương` for `hai-duong`), else the closest code, else where areas are listed.
fn unknown_area(e: Diagnostic, written: &str, areas: &[Area]) -> Diagnostic {
    let key = crate::helpers::text::match_key(written);
    let by_name = areas.iter().find(|a| {
        a.name
            .translations
            .values()
            .any(|n| crate::helpers::text::match_key(n) == key)
    });
    if let Some(a) = by_name {
        let code = &a.code;
        return e.with_hint(msg!("did-you-mean",
            en: "did you mean `{code}`? an area is written by its code",
            vi: "có phải là `{code}`? địa bàn được ghi bằng mã"));
    }
    match did_you_mean(written, areas.iter().map(|a| a.code.as_str())) {
        Some(best) => e.with_hint(
            msg!("did-you-mean", en: "did you mean `{best}`?", vi: "có phải là `{best}`?"),
        ),
        None if areas.is_empty() => e.with_hint(msg!("unknown-area",
            en: "list the areas in content/areas.yaml (code and name of each)",
            vi: "liệt kê các địa bàn trong content/areas.yaml (mã và tên của từng địa bàn)")),
        None => e.with_hint(msg!("unknown-area",
            en: "areas.yaml lists {} areas; write the code of one of them",
            vi: "areas.yaml có {} địa bàn; ghi mã của một trong số đó", areas.len())),
    }
}
