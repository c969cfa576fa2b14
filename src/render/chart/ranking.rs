//! Ranking chart: one bar per area for one shared indicator and period,
//! best first, on one scale in the indicator's unit, with the nation's or
//! a region's figure as a dashed reference mark across every bar.

use super::group::{caption_axis, row_label};
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

/// Height of a ranking bar.
pub(super) const RANK_BAR_H: i32 = 26;

/// A ranked bar chart: the scale (caption and three ticks), then for each
/// row its label (wrapped, never cut), a bar as long as its value on the
/// shared scale in its status fill, and under it the value (bold) and the
/// status symbol and word at the right end. Rows are drawn in the order
/// given (the caller ranks them). Each reference has a legend line under
/// the scale (a dashed swatch, then its label, which states its figure:
/// several references are told apart by where their marks stand on the
/// scale) and a dashed mark across every bar at its value. Text is [`PHONE_LABEL_SIZE`] and
/// [`PHONE_SMALL_SIZE`] units: at least 12 CSS px on a 375 px phone.
pub fn ranking_chart(text: &ChartText, axis: &RankAxis, rows: &[RankRow]) -> String {
    if rows.is_empty() {
        return empty_chart(text);
    }
    let mut c = Canvas::new(WIDTH);
    let height = layout_ranking(&mut c, axis, rows);
    render(text, height, &c)
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
    for (i, row) in rows.iter().enumerate() {
        y = row_label(c, y, i == 0, &row.label, label_font);
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
        y = bottom + 7;
        let status_font = Font::new(PHONE_SMALL_SIZE, status_text_colour(row.status)).bold();
        let value = ellipsize_owned(clean(&row.value_text), value_font, f64::from(INNER));
        let mut status = String::from(status_symbol(row.status));
        status.push(' ');
        status.push_str(&clean(&row.status_text));
        let status = ellipsize_owned(status, status_font, f64::from(INNER));
        let side_by_side =
            value_font.width(&value) + 14.0 + status_font.width(&status) <= f64::from(INNER);
        let text_top = |y: i32| y + (PHONE_SMALL_LINE - PHONE_SMALL_SIZE as i32) / 2;
        c.text(PAD, text_top(y), &value, value_font);
        if !side_by_side {
            y += PHONE_SMALL_LINE;
        }
        c.text(X_END, text_top(y), &status, status_font.anchor(Anchor::End));
        y += PHONE_SMALL_LINE;
    }
    y + 10
}
