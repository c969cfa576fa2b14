//! Small multiples: one small line chart per area, every one on the same
//! scale and the same periods, for a shared indicator's history, with the
//! nation's or a region's history as a dashed line in each.

use super::*;

/// One area's small chart in [`small_multiples`].
pub struct Multiple {
    /// The area's name (wrapped in its column, never cut).
    pub label: String,
    /// One value per period of the chart, oldest first; `None`: no figure.
    pub values: Vec<Option<f64>>,
    /// The latest figure as the page writes it, with its period (wrapped
    /// in its column, never cut: "45,30 %" over "(2024)" on a phone).
    pub last_text: String,
}

/// What every small chart shares.
pub struct MultiplesAxis {
    /// The periods and the scale in words: "2019–2024, 0–100 %".
    pub caption: String,
    /// The value at the top of every small chart.
    pub max: f64,
    /// Histories drawn in every small chart as a dashed line (the nation's,
    /// a region's), never one of the areas.
    pub references: Vec<MultipleReference>,
}

/// A reference history on [`small_multiples`]: a dashed line through its
/// figures in every small chart, explained by `label` in a legend above.
pub struct MultipleReference {
    /// What it is, its latest figure and where it comes from: "Cả nước:
    /// 61,30 % (2024) (văn bản 15/BC-BTTTT ngày 20/02/2025)".
    pub label: String,
    /// One value per period of the chart, as [`Multiple::values`].
    pub values: Vec<Option<f64>>,
}

/// Columns of small charts.
pub(super) const MULTIPLES_COLUMNS: i32 = 3;
/// Gap between columns.
pub(super) const MULTIPLES_GAP: i32 = 16;
/// Height of one small chart's plot.
pub(super) const MULTIPLES_PLOT_H: i32 = 64;

/// A grid of small line charts, [`MULTIPLES_COLUMNS`] a row, in the order
/// given: each the area's name, a plot of its values on the shared scale
/// (a baseline, a line through consecutive figures, a dot at each figure)
/// and its latest figure in bold. Each reference has a legend line under
/// the caption (a dashed swatch, then its label) and a dashed line through
/// its figures in every small chart, under the area's own line, as the
/// ranked chart marks it across every bar. Text is [`PHONE_SMALL_SIZE`]
/// units: at least 12 CSS px on a 375 px phone.
pub fn small_multiples(text: &ChartText, axis: &MultiplesAxis, items: &[Multiple]) -> String {
    if items.is_empty() {
        return empty_chart(text);
    }
    let mut c = Canvas::new(WIDTH);
    let height = layout_multiples(&mut c, axis, items);
    render(text, height, &c)
}

pub(super) fn layout_multiples(c: &mut Canvas, axis: &MultiplesAxis, items: &[Multiple]) -> i32 {
    let caption_font = Font::new(PHONE_SMALL_SIZE, TEXT_MUTED);
    let label_font = Font::new(PHONE_SMALL_SIZE, TEXT);
    let value_font = Font::new(PHONE_SMALL_SIZE, TEXT).bold();
    let max = if axis.max.is_finite() && axis.max > 0.0 {
        axis.max
    } else {
        1.0
    };
    let col_w = (INNER - (MULTIPLES_COLUMNS - 1) * MULTIPLES_GAP) / MULTIPLES_COLUMNS;
    let top_of = |y: i32| y + (PHONE_SMALL_LINE - PHONE_SMALL_SIZE as i32) / 2;
    let mut y = 8;
    for line in wrap(&axis.caption, caption_font, f64::from(INNER), 3) {
        c.text_owned(PAD, top_of(y), line, caption_font);
        y += PHONE_SMALL_LINE;
    }
    let legend_font = Font::new(PHONE_SMALL_SIZE, TEXT);
    for r in &axis.references {
        let mid = y + PHONE_SMALL_LINE / 2;
        c.dashed(vec![(PAD, mid), (PAD + 28, mid)], 2);
        let indent = PAD + 36;
        for line in wrap(&clean(&r.label), legend_font, f64::from(X_END - indent), 4) {
            c.text_owned(indent, top_of(y), line, legend_font);
            y += PHONE_SMALL_LINE;
        }
    }
    y += 8;
    for row in items.chunks(MULTIPLES_COLUMNS as usize) {
        // Names and latest figures wrap in their column, never cut; a row
        // of charts is as tall as its longest of each.
        let labels: Vec<Vec<String>> = row
            .iter()
            .map(|m| {
                wrap(
                    &m.label,
                    label_font,
                    f64::from(col_w),
                    PHONE_MAX_LABEL_LINES,
                )
            })
            .collect();
        let label_lines = labels.iter().map(Vec::len).max().unwrap_or(1) as i32;
        let lasts: Vec<Vec<String>> = row
            .iter()
            .map(|m| {
                wrap(
                    &m.last_text,
                    value_font,
                    f64::from(col_w),
                    PHONE_MAX_LABEL_LINES,
                )
            })
            .collect();
        let last_lines = lasts.iter().map(Vec::len).max().unwrap_or(1).max(1) as i32;
        let plot_top = y + label_lines * PHONE_SMALL_LINE + 6;
        let plot_bottom = plot_top + MULTIPLES_PLOT_H;
        for (k, ((m, lines), last)) in row.iter().zip(labels).zip(lasts).enumerate() {
            let x0 = PAD + k as i32 * (col_w + MULTIPLES_GAP);
            for (i, line) in lines.into_iter().enumerate() {
                c.text_owned(
                    x0,
                    top_of(y + i as i32 * PHONE_SMALL_LINE),
                    line,
                    label_font,
                );
            }
            c.line(vec![(x0, plot_bottom), (x0 + col_w, plot_bottom)], GRID, 1);
            let n = m.values.len();
            let x_of = |i: usize| {
                if n <= 1 {
                    x0 + col_w / 2
                } else {
                    x0 + 6 + px(i as f64 * f64::from(col_w - 12) / (n - 1) as f64)
                }
            };
            let y_of = |v: f64| plot_bottom - bar_len(v / max, 1.0, MULTIPLES_PLOT_H - 6);
            for r in &axis.references {
                for run in runs(&r.values) {
                    let mut points: Vec<(i32, i32)> =
                        run.iter().map(|&(i, v)| (x_of(i), y_of(v))).collect();
                    if let [(x, y)] = points[..] {
                        // A lone figure: a short dash at its height.
                        points = vec![(x - 8, y), (x + 8, y)];
                    }
                    c.dashed(points, 2);
                }
            }
            let mut run: Vec<(i32, i32)> = Vec::new();
            let mut dots = Vec::new();
            for (i, v) in m.values.iter().enumerate() {
                match v.filter(|v| v.is_finite()) {
                    Some(v) => {
                        run.push((x_of(i), y_of(v)));
                        dots.push((x_of(i), y_of(v)));
                    }
                    None => {
                        if run.len() > 1 {
                            c.line(std::mem::take(&mut run), series_colour(0), 3);
                        }
                        run.clear();
                    }
                }
            }
            if run.len() > 1 {
                c.line(run, series_colour(0), 3);
            }
            for d in dots {
                c.circle(d, 4, series_colour(0));
            }
            for (i, line) in last.into_iter().enumerate() {
                let top = top_of(plot_bottom + 6 + i as i32 * PHONE_SMALL_LINE);
                c.text_owned(x0, top, line, value_font);
            }
        }
        y = plot_bottom + 6 + last_lines * PHONE_SMALL_LINE + 18;
    }
    y
}

/// The runs of consecutive figures of `values` (a gap ends a run), each
/// figure with its period's index.
fn runs(values: &[Option<f64>]) -> Vec<Vec<(usize, f64)>> {
    let mut out: Vec<Vec<(usize, f64)>> = Vec::new();
    let mut run = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match v.filter(|v| v.is_finite()) {
            Some(v) => run.push((i, v)),
            None if !run.is_empty() => out.push(std::mem::take(&mut run)),
            None => {}
        }
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}
