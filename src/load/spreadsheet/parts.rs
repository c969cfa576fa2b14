//! A measure's parts in an indicators sheet (docs/content-format.md, 2.6a):
//! one row per part right under the measure's row (or under its other
//! parts), the measure's `Mã` in `Phần của`, the part's own id, name,
//! target and values in the usual columns. What belongs to the whole
//! measure (group, unit, agencies, `Chia theo` …) stays on the measure's
//! row; a part's row leaves it empty or repeats it.

use std::path::Path;

use super::indicators::Field;
use super::read::{Table, Value};
use super::{cell_error, cell_text};
use crate::diagnostics::{did_you_mean, Diagnostic};
use crate::helpers::text::normalize;

/// Where the measures and their parts are in a sheet.
pub(super) struct Layout<'a> {
    table: &'a Table,
    fields: &'a [Option<Field>],
    /// The columns of `Phần của` and `Mã`.
    part_of: Option<usize>,
    id: Option<usize>,
}

impl<'a> Layout<'a> {
    pub fn of(table: &'a Table, fields: &'a [Option<Field>]) -> Self {
        let column = |f: &Field| fields.iter().position(|x| x.as_ref() == Some(f));
        Layout {
            table,
            fields,
            part_of: column(&Field::PartOf),
            id: column(&Field::Id),
        }
    }

    /// The text of column `c` in row `r`, as names are compared.
    fn text(&self, r: usize, c: Option<usize>) -> String {
        c.and_then(|c| self.table.rows[r].get(c))
            .map(|v| normalize(&cell_text(v)))
            .unwrap_or_default()
    }

    /// The `Mã` of row `r`.
    pub fn id(&self, r: usize) -> String {
        self.text(r, self.id)
    }

    /// For a part's row, the column of `Phần của` and the measure it names.
    pub fn part_of(&self, r: usize) -> Option<(usize, String)> {
        let c = self.part_of?;
        let of = self.text(r, Some(c));
        (!of.is_empty()).then_some((c, of))
    }

    fn blank(&self, r: usize) -> bool {
        self.table.rows[r].iter().all(|v| *v == Value::Empty)
    }

    /// The rows of the measures (rows without `Phần của`) whose `Mã` is `id`.
    fn measures(&self, id: &str) -> impl Iterator<Item = usize> + '_ {
        let id = id.to_string();
        (1..self.table.rows.len())
            .filter(move |&r| !self.blank(r) && self.part_of(r).is_none() && self.id(r) == id)
    }

    /// The last row of the measure at row `m` and of the parts right under it.
    fn last_of(&self, m: usize) -> usize {
        let id = self.id(m);
        let mut last = m;
        for r in m + 1..self.table.rows.len() {
            if self.blank(r) {
                continue;
            }
            match self.part_of(r) {
                Some((_, of)) if of == id => last = r,
                _ => break,
            }
        }
        last
    }

    /// `line 3` in a CSV, `row 3` in a sheet (`dòng 3` in both).
    fn row_words(&self, r: usize) -> (String, String) {
        let (n, line) = self.table.row_number(r);
        let en = if line { "line" } else { "row" };
        (format!("{en} {n}"), format!("dòng {n}"))
    }

    fn header_or(&self, c: Option<usize>, default: &str) -> String {
        c.map_or_else(|| default.to_string(), |c| self.table.header(c))
    }

    /// A part's row (`r`) under its measure's (`m`): the measure's own
    /// cells are left empty or repeat the measure's.
    pub fn measure_cells(&self, r: usize, m: usize, errors: &mut Vec<Diagnostic>, shown: &Path) {
        let measure = self.id(m);
        let (row_en, row_vi) = self.row_words(m);
        for (c, f) in self.fields.iter().enumerate() {
            if !f.as_ref().is_some_and(Field::of_the_measure) {
                continue;
            }
            let typed = self.text(r, Some(c));
            let theirs = self.text(m, Some(c));
            if typed.is_empty() || typed == theirs {
                continue;
            }
            let h = self.table.header(c);
            let d = if theirs.is_empty() {
                cell_error(self.table, r, c, shown, msg!("part-cell",
                    en: "a part has its measure's `{h}`: this cell says `{typed}`, the row of `{measure}` ({row_en}) has none",
                    vi: "một phần dùng `{h}` của chỉ tiêu: ô này ghi `{typed}`, dòng của `{measure}` ({row_vi}) không ghi"))
                .with_hint(msg!("part-cell",
                    en: "empty this cell, or move it to the row of `{measure}` ({row_en})",
                    vi: "xoá ô này, hoặc chuyển nó sang dòng của `{measure}` ({row_vi})"))
            } else {
                cell_error(self.table, r, c, shown, msg!("part-cell",
                    en: "a part has its measure's `{h}`: this cell says `{typed}`, the row of `{measure}` ({row_en}) says `{theirs}`",
                    vi: "một phần dùng `{h}` của chỉ tiêu: ô này ghi `{typed}`, dòng của `{measure}` ({row_vi}) ghi `{theirs}`"))
                .with_hint(msg!("part-cell",
                    en: "empty this cell, or copy the measure's `{theirs}`",
                    vi: "xoá ô này, hoặc chép `{theirs}` của chỉ tiêu"))
            };
            errors.push(d);
        }
    }

    /// A part's row (`r`, `Phần của` in column `c`) that names `of`, which
    /// is not the measure right above (`above`): the measure is elsewhere,
    /// is itself a part, or is not in the sheet.
    pub fn misplaced(
        &self,
        r: usize,
        c: usize,
        of: &str,
        above: Option<&str>,
        shown: &Path,
    ) -> Diagnostic {
        let id = self.id(r);
        let error = |m| cell_error(self.table, r, c, shown, m);
        if let Some(m) = self.measures(of).min_by_key(|m| m.abs_diff(r)) {
            let last = self.last_of(m);
            let (row_en, row_vi) = self.row_words(m);
            let (last_en, last_vi) = self.row_words(last);
            let d = error(msg!("part-not-under-measure",
                en: "part `{id}` of `{of}` is not under it: a part's row comes right under its measure's row ({row_en}) or under the measure's other parts",
                vi: "phần `{id}` của `{of}` không nằm dưới chỉ tiêu đó: dòng của một phần phải ở ngay dưới dòng của chỉ tiêu ({row_vi}) hoặc dưới các phần khác của chỉ tiêu"));
            let (up_en, up_vi) = if m < r {
                ("up", "lên")
            } else {
                ("down", "xuống")
            };
            return d.with_hint(if last == m {
                msg!("part-not-under-measure",
                    en: "move this row {up_en} to just below {last_en}, the row of `{of}`",
                    vi: "chuyển dòng này {up_vi} ngay dưới {last_vi}, dòng của `{of}`")
            } else {
                msg!("part-not-under-measure",
                    en: "move this row {up_en} to just below {last_en}, the last row of `{of}` and its parts",
                    vi: "chuyển dòng này {up_vi} ngay dưới {last_vi}, dòng cuối của `{of}` và các phần của nó")
            });
        }
        let part = (1..self.table.rows.len())
            .find_map(|p| self.part_of(p).filter(|_| self.id(p) == of).map(|(_, x)| x));
        if let Some(measure) = part {
            return error(msg!("part-of-part",
                en: "`{of}` is itself a part (of `{measure}`): a measure is split one level only",
                vi: "`{of}` cũng là một phần (của `{measure}`): một chỉ tiêu chỉ được chia một cấp"))
            .with_hint(msg!("part-of-part",
                en: "write `{measure}` to make `{id}` another part of it",
                vi: "ghi `{measure}` để `{id}` là một phần nữa của chỉ tiêu đó"));
        }
        let d = error(msg!("part-without-measure",
            en: "no indicator `{of}` in this sheet for part `{id}` to belong to",
            vi: "không có chỉ tiêu `{of}` trong bảng này để phần `{id}` thuộc về"));
        let ids: Vec<String> = (1..self.table.rows.len())
            .filter(|&m| !self.blank(m) && self.part_of(m).is_none())
            .map(|m| self.id(m))
            .collect();
        let h = self.table.header(c);
        let id_h = self.header_or(self.id, "Mã");
        d.with_hint(match (did_you_mean(of, ids.iter().map(String::as_str)), above) {
            (Some(b), _) => {
                msg!("did-you-mean", en: "did you mean `{b}`?", vi: "có phải là `{b}`?")
            }
            (None, Some(a)) => msg!("part-without-measure",
                en: "write in `{h}` the `{id_h}` of the measure this row is a part of: the measure above is `{a}`",
                vi: "ghi vào cột `{h}` mã (`{id_h}`) của chỉ tiêu mà dòng này là một phần: chỉ tiêu ở trên là `{a}`"),
            (None, None) => msg!("part-without-measure",
                en: "write in `{h}` the `{id_h}` of the measure this row is a part of, with this row right under it; a measure's own row leaves `{h}` empty",
                vi: "ghi vào cột `{h}` mã (`{id_h}`) của chỉ tiêu mà dòng này là một phần, và đặt dòng này ngay dưới dòng đó; dòng của chính chỉ tiêu để trống `{h}`"),
        })
    }

    /// A measure's row (`r`) that names itself in `Phần của` (column `c`).
    pub fn own_part(&self, r: usize, c: usize, id: &str, shown: &Path) -> Diagnostic {
        let h = self.table.header(c);
        cell_error(
            self.table,
            r,
            c,
            shown,
            msg!("part-of-itself",
            en: "`{id}` is named as a part of itself: a measure's own row leaves `{h}` empty",
            vi: "`{id}` được ghi là một phần của chính nó: dòng của chỉ tiêu để trống cột `{h}`"),
        )
        .with_hint(msg!("part-of-itself",
            en: "empty this cell; the rows of its parts, right under it, name `{id}` in `{h}`",
            vi: "xoá ô này; các dòng phần của nó, ngay bên dưới, ghi `{id}` ở cột `{h}`"))
    }

    /// `Chia theo` on the row `r` of measure `id`, which has no part rows.
    pub fn breakdown_alone(&self, r: usize, id: &str, shown: &Path) -> Option<Diagnostic> {
        let c = self.fields.iter().enumerate().position(|(c, f)| {
            matches!(f, Some(Field::Breakdown(_))) && !self.text(r, Some(c)).is_empty()
        })?;
        let h = self.table.header(c);
        let part_of = self.header_or(self.part_of, "Phần của");
        Some(
            cell_error(self.table, r, c, shown, msg!("breakdown-without-parts",
                en: "`{h}` names what the parts split the measure by, but `{id}` has no part rows",
                vi: "`{h}` cho biết chỉ tiêu được chia theo gì, nhưng `{id}` không có dòng nào là phần của nó"))
            .with_hint(msg!("breakdown-without-parts",
                en: "add one row per part right under this row, with `{id}` in `{part_of}`, or empty this cell",
                vi: "thêm mỗi phần một dòng ngay dưới dòng này, ghi `{id}` ở cột `{part_of}`, hoặc xoá ô này")),
        )
    }
}
