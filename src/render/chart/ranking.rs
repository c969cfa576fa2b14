//! Ranking chart: one bar per area for one shared indicator and period,
//! best first, on one scale in the indicator's unit, with the nation's or
//! a region's figure as a dashed reference mark across every bar.

use super::group::caption_axis;
use super::*;

/// One area's bar in a [`ranking_chart`].
pub struct RankRow {
    /// The area, with its rank: "1. Hải Dương".
    pub label: String,
    /// The figure the bar draws (below 0 draws an empty bar).
    pub value: f64,
    /// The figure as the page writes it, e.g. "86,5 %".
    pub value_text: String,
    /// The area's status against its own target, shown by symbol and word.
    pub status: StatusKind,
    pub status_text: String,
}

/// The scale every bar of a ranking chart shares.
pub struct RankAxis {
    /// What a bar shows, in the unit stated: "Thanh: tỷ lệ (%)".
    pub caption: String,
    /// The value at the right end of the bars (100 for a percentage).
    pub max: f64,
    /// Labels of the ticks at 0, half and all of `max`.
    pub ticks: [String; 3],
    /// Figures drawn as references (the nation's, a region's), never ranked.
    pub references: Vec<RankReference>,
}

/// A reference figure on a [`ranking_chart`]: a dashed mark across each bar
/// at `value`, explained by `label` in a legend above the bars.
pub struct RankReference {
    /// What it is, its figure and where it comes from: "Cả nước: 61,3 %
    /// (Số 15/BC-BTTTT, 20/02/2025)".
    pub label: String,
    pub value: f64,
}

/// Height of a ranking bar: it carries no text, so it is kept thin and a
/// row is hardly taller than its line of text.
pub(super) const RANK_BAR_H: i32 = 20;
/// Space above and below the rule between two rows.
pub(super) const RANK_ROW_GAP: i32 = 8;
/// Least space between a row's label and its figure on the same line.
const RANK_TEXT_GAP: f64 = 16.0;

/// A ranked bar chart: the scale (caption and three ticks), then for each
/// row a line of text and under it a thin bar as long as its value on the
/// shared scale in its status fill. The line holds the label at the left
/// and the value (bold, the rows' values in one column) and the status
/// symbol and word at the right; when
/// they do not fit on one line the label wraps over the chart's width
/// (never cut) and the value and status go on the line under it. Rows are
/// parted by a rule and drawn in the order given (the caller ranks them):
/// about 70 units a row, so 63 areas stay a readable length. Each reference
/// has a legend line under the scale (a dashed swatch, then its label,
/// which states its figure: several references are told apart by where
/// their marks stand on the scale) and a dashed mark across every bar at
/// its value. Text is [`PHONE_LABEL_SIZE`] and [`PHONE_SMALL_SIZE`] units:
/// at least 12 CSS px on a 375 px phone.
pub fn ranking_chart(text: &ChartText, axis: &RankAxis, rows: &[RankRow]) -> String {
    if rows.is_empty() {
        return empty_chart(text);
    }
    let mut c = Canvas::new(WIDTH);
    let height = layout_ranking(&mut c, axis, rows);
    render(text, height, &c)
}

/// Rows from which a ranking also has a wide layout ([`ranking_chart_wide`]).
pub const RANK_WIDE_FROM: usize = 12;
/// Gap between the two columns of the wide layout.
const RANK_COLUMN_GAP: i32 = 32;

/// The wide layout of a [`ranking_chart`], for screens with room for it:
/// the same rows in two columns side by side (the first half of the ranking
/// on the left, each column with the scale above it), so a long ranking is
/// half as tall. Each column is [`WIDTH`] units wide and the chart is shown
/// at most twice [`DISPLAY_WIDTH`] wide, so its text is as large as the
/// narrow layout's wherever it is shown at least 630 CSS px wide. `None`
/// under [`RANK_WIDE_FROM`] rows, where one column is short enough.
pub fn ranking_chart_wide(text: &ChartText, axis: &RankAxis, rows: &[RankRow]) -> Option<String> {
    if rows.len() < RANK_WIDE_FROM {
        return None;
    }
    let (left, right) = rows.split_at(rows.len().div_ceil(2));
    let mut c = Canvas::new(2 * WIDTH + RANK_COLUMN_GAP);
    c.display_width = 2 * DISPLAY_WIDTH + RANK_COLUMN_GAP * DISPLAY_WIDTH / WIDTH;
    let mut height = 0;
    for (half, dx) in [(left, 0), (right, WIDTH + RANK_COLUMN_GAP)] {
        let mut column = Canvas::new(WIDTH);
        height = height.max(layout_ranking(&mut column, axis, half));
        c.background
            .extend(column.background.into_iter().map(|op| op.shifted(dx)));
        c.ops
            .extend(column.ops.into_iter().map(|op| op.shifted(dx)));
    }
    Some(render(text, height, &c))
}

pub(super) fn layout_ranking(c: &mut Canvas, axis: &RankAxis, rows: &[RankRow]) -> i32 {
    let label_font = Font::new(PHONE_LABEL_SIZE, TEXT);
    let value_font = Font::new(PHONE_SMALL_SIZE, TEXT).bold();
    let max = if axis.max.is_finite() && axis.max > 0.0 {
        axis.max
    } else {
        1.0
    };
    let mut y = caption_axis(c, &axis.caption, &axis.ticks, 1.0, 8);
    let legend_font = Font::new(PHONE_SMALL_SIZE, TEXT);
    let marks: Vec<i32> = axis
        .references
        .iter()
        .map(|r| PAD + bar_len(r.value / max, 1.0, INNER))
        .collect();
    for r in &axis.references {
        let mid = y + PHONE_SMALL_LINE / 2;
        c.dashed(vec![(PAD, mid), (PAD + 28, mid)], 2);
        let indent = PAD + 36;
        for line in wrap(&clean(&r.label), legend_font, f64::from(X_END - indent), 4) {
            c.text_owned(
                indent,
                y + (PHONE_SMALL_LINE - PHONE_SMALL_SIZE as i32) / 2,
                line,
                legend_font,
            );
            y += PHONE_SMALL_LINE;
        }
    }
    if !axis.references.is_empty() {
        y += 6;
    }
    // Figures stand in one column, right-aligned before the widest status
    // of the rows that have their texts on one line, so that a reader runs
    // down them as down a table's.
    let status_column = rows
        .iter()
        .filter_map(|r| {
            let (lw, vw, sw) = row_widths(r, label_font, value_font);
            (lw + RANK_TEXT_GAP + vw + RANK_STATUS_GAP + sw <= f64::from(INNER)).then_some(sw)
        })
        .fold(0.0, f64::max);
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            y += RANK_ROW_GAP;
            c.line(vec![(PAD, y), (X_END, y)], GRID, 1);
            y += RANK_ROW_GAP;
        }
        y = rank_row_text(c, y, row, [label_font, value_font], status_column);
        let (bar_top, bottom) = (y, y + RANK_BAR_H);
        c.rect(PAD, bar_top, X_END, bottom, TRACK_OVER);
        let len = bar_len(row.value / max, 1.0, INNER);
        c.rect(PAD, bar_top, PAD + len, bottom, status_fill(row.status));
        if row.status == StatusKind::NoTarget && len > 0 {
            c.outline(PAD, bar_top, PAD + len, bottom, NO_TARGET_OUTLINE);
        }
        for x in &marks {
            c.dashed(vec![(*x, bar_top - 4), (*x, bottom + 4)], 2);
        }
        y = bottom;
    }
    y + 10
}

/// A row's status: its symbol and word, in the status's colour (bold),
/// never wider than the chart.
fn status_label(row: &RankRow) -> (String, Font) {
    let font = Font::new(PHONE_SMALL_SIZE, status_text_colour(row.status)).bold();
    let mut status = String::from(status_symbol(row.status));
    status.push(' ');
    status.push_str(&clean(&row.status_text));
    (ellipsize_owned(status, font, f64::from(INNER)), font)
}

/// A row's value as shown: never wider than the chart.
fn value_label(row: &RankRow, font: Font) -> String {
    ellipsize_owned(clean(&row.value_text), font, f64::from(INNER))
}

/// The widths of a row's label, value and status.
fn row_widths(row: &RankRow, label_font: Font, value_font: Font) -> (f64, f64, f64) {
    let (status, status_font) = status_label(row);
    (
        label_font.width(&clean(&row.label)),
        value_font.width(&value_label(row, value_font)),
        status_font.width(&status),
    )
}

/// Space between a row's value and its status on the same line.
const RANK_STATUS_GAP: f64 = 14.0;

/// A row's texts above its bar: the label at the left and the value and
/// status (symbol and word) at the right on one line when they fit (the
/// value right-aligned before `status_column`, the width of the widest
/// such status, when that fits too), else the label wrapped over the
/// chart's width (never cut) and under it the value at the left and the
/// status at the right (or under the value when they do not fit side by
/// side). Returns the y below them.
fn rank_row_text(
    c: &mut Canvas,
    mut y: i32,
    row: &RankRow,
    fonts: [Font; 2],
    status_column: f64,
) -> i32 {
    const GAP: f64 = RANK_STATUS_GAP;
    let [label_font, value_font] = fonts;
    let (status, status_font) = status_label(row);
    let label = clean(&row.label);
    let value = value_label(row, value_font);
    let (lw, vw, sw) = row_widths(row, label_font, value_font);
    let label_top = |y: i32| y + (PHONE_LABEL_LINE - PHONE_LABEL_SIZE as i32) / 2;
    if lw + RANK_TEXT_GAP + vw + GAP + sw <= f64::from(INNER) {
        // One line: the statuses end at the right edge, the figures in one
        // column before them where the line has room.
        let column = status_column.max(sw);
        let before = if lw + RANK_TEXT_GAP + vw + GAP + column <= f64::from(INNER) {
            column
        } else {
            sw
        };
        let top = y + (PHONE_LABEL_LINE - PHONE_SMALL_SIZE as i32) / 2;
        c.text_owned(PAD, label_top(y), label, label_font);
        c.text(
            X_END - px(before + GAP),
            top,
            &value,
            value_font.anchor(Anchor::End),
        );
        c.text(X_END, top, &status, status_font.anchor(Anchor::End));
        return y + PHONE_LABEL_LINE + 4;
    }
    for line in wrap(&label, label_font, f64::from(INNER), PHONE_MAX_LABEL_LINES) {
        c.text_owned(PAD, label_top(y), line, label_font);
        y += PHONE_LABEL_LINE;
    }
    let top = |y: i32| y + (PHONE_SMALL_LINE - PHONE_SMALL_SIZE as i32) / 2;
    c.text(PAD, top(y), &value, value_font);
    if vw + GAP + sw > f64::from(INNER) {
        y += PHONE_SMALL_LINE;
    }
    c.text(X_END, top(y), &status, status_font.anchor(Anchor::End));
    y + PHONE_SMALL_LINE + 4
}
