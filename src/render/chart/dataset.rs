//! Dataset charts: grouped bars or lines over categories.

use super::*;

// Dataset charts
// ---------------------------------------------------------------------------

/// Dataset chart: bar (grouped bars when several series) or line chart over
/// categories. Bars are horizontal, one row per category with its label above
/// the bars; lines run over the categories left to right. The value axis
/// starts at 0 (lower for negative values in a line chart) with 4–6 ticks
/// formatted by `fmt`; missing values are drawn as nothing with a "–" label.
pub fn dataset_chart(
    text: &ChartText,
    kind: DatasetChartKind,
    categories: &[String],
    series: &[Series],
    fmt: &dyn Fn(f64) -> String,
) -> String {
    if categories.is_empty() || series.is_empty() {
        return empty_chart(text);
    }
    let mut c = Canvas::new(WIDTH);
    let height = match kind {
        DatasetChartKind::Bar => layout_bars(&mut c, categories, series, fmt),
        DatasetChartKind::Line => layout_lines(&mut c, categories, series, fmt),
    };
    render(text, height, &c)
}

/// The finite value of `series` for category `i`.
pub(super) fn value_at(series: &Series, i: usize) -> Option<f64> {
    series
        .values
        .get(i)
        .copied()
        .flatten()
        .filter(|v| v.is_finite())
}

pub(super) fn layout_bars(
    c: &mut Canvas,
    categories: &[String],
    series: &[Series],
    fmt: &dyn Fn(f64) -> String,
) -> i32 {
    let multi = series.len() > 1;
    let mut y = 8;
    if multi {
        let items = series
            .iter()
            .enumerate()
            .map(|(i, s)| LegendItem {
                text: clean(&s.name),
                font: Font::new(SMALL_SIZE, TEXT),
                key: swatch(series_colour(i)),
            })
            .collect();
        y = legend(c, y, items) + 10;
    }
    let max = series
        .iter()
        .flat_map(|s| (0..categories.len()).filter_map(|i| value_at(s, i)))
        .fold(0.0, f64::max);
    let ticks = nice_ticks(0.0, max);
    let top_value = ticks.last().copied().filter(|t| *t > 0.0).unwrap_or(1.0);
    let x_of = move |v: f64| PAD + bar_len(v, top_value, INNER);
    y = top_axis(c, y, &ticks, &x_of, fmt);
    let plot_top = y;
    c.line(vec![(PAD, y), (X_END, y)], AXIS, 1);
    y += 8;

    let label_font = Font::new(LABEL_SIZE, TEXT);
    let (bar_h, gap, value_size) = if multi {
        (28, 4, SMALL_SIZE)
    } else {
        (30, 0, SMALL_SIZE)
    };
    for (ci, category) in categories.iter().enumerate() {
        if ci > 0 {
            y += 14;
        }
        for line in wrap(category, label_font, f64::from(INNER), MAX_LABEL_LINES) {
            c.text_owned(
                PAD,
                y + (LABEL_LINE - LABEL_SIZE as i32) / 2,
                line,
                label_font,
            );
            y += LABEL_LINE;
        }
        y += 4;
        for (si, s) in series.iter().enumerate() {
            let color = series_colour(si);
            let top = centred_top(y + bar_h / 2, value_size);
            let outside = Font::new(value_size, TEXT).bold();
            match value_at(s, ci) {
                Some(v) => {
                    let end = x_of(v);
                    c.rect(PAD, y, end, y + bar_h, color);
                    let label =
                        ellipsize_owned(clean_owned(fmt(v)), outside, f64::from(INNER) - 8.0);
                    let w = outside.width(&label);
                    if f64::from(end) + 6.0 + w <= f64::from(X_END) {
                        c.text(end + 6, top, &label, outside);
                    } else if f64::from(end - PAD) >= w + 12.0 {
                        let inside = Font::new(value_size, WHITE_BG).bold().anchor(Anchor::End);
                        c.text(end - 6, top, &label, inside);
                    } else {
                        c.text(X_END, top, &label, outside.anchor(Anchor::End));
                    }
                }
                None => {
                    let font = Font::new(LABEL_SIZE, TEXT_MUTED).bold();
                    c.text(PAD + 4, centred_top(y + bar_h / 2, LABEL_SIZE), "–", font);
                }
            }
            y += bar_h + gap;
        }
        y -= gap;
    }
    y += 8;
    for t in &ticks {
        let x = x_of(*t);
        c.grid_line(vec![(x, plot_top), (x, y)], GRID);
    }
    y + 6
}

/// Draws the marker of series `i` centred at `(x, y)`.
pub(super) fn marker(c: &mut Canvas, i: usize, x: i32, y: i32, color: RGBColor) {
    match (i / SERIES.len() + i) % 4 {
        0 => c.circle((x, y), 5, color),
        1 => c.rect(x - 5, y - 5, x + 5, y + 5, color),
        2 => c.poly(vec![(x, y - 6), (x + 6, y + 5), (x - 6, y + 5)], color),
        _ => c.poly(vec![(x, y - 7), (x + 6, y), (x, y + 7), (x - 6, y)], color),
    }
}

pub(super) fn layout_lines(
    c: &mut Canvas,
    categories: &[String],
    series: &[Series],
    fmt: &dyn Fn(f64) -> String,
) -> i32 {
    const PLOT_H: i32 = 280;
    let multi = series.len() > 1;
    let mut y = 8;
    if series.iter().any(|s| !clean(&s.name).is_empty()) {
        let items = series
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let color = series_colour(i);
                LegendItem {
                    text: clean(&s.name),
                    font: Font::new(SMALL_SIZE, TEXT),
                    key: Box::new(move |c: &mut Canvas, x: i32, mid: i32| {
                        c.line(vec![(x - 2, mid), (x + 16, mid)], color, 2);
                        marker(c, i, x + 7, mid, color);
                    }) as KeyFn,
                }
            })
            .collect();
        y = legend(c, y, items) + 8;
    }
    let n = categories.len();
    let values = || {
        series
            .iter()
            .flat_map(|s| (0..n).filter_map(move |i| value_at(s, i)))
    };
    let max = values().fold(0.0, f64::max);
    let min = values().fold(0.0, f64::min);
    let ticks = nice_ticks(min, max);
    let lo = ticks.first().copied().unwrap_or(0.0);
    let hi = ticks
        .last()
        .copied()
        .filter(|h| *h > lo)
        .unwrap_or(lo + 1.0);

    let (tick_font, tick_labels, left) = value_ticks(&ticks, fmt);
    let right = X_END - 4;
    // Room for the top tick label, or for a value label above the highest point.
    let plot_top = y + if multi { 16 } else { 28 };
    let plot_bottom = plot_top + PLOT_H;
    let y_of = |v: f64| plot_bottom - px((v - lo) / (hi - lo) * f64::from(PLOT_H));
    let slot = f64::from(right - left) / n as f64;
    let x_of = |i: usize| left + px(slot * (i as f64 + 0.5));

    for (t, label) in ticks.iter().zip(&tick_labels) {
        let ty = y_of(*t);
        c.grid_line(
            vec![(left, ty), (right, ty)],
            if *t == 0.0 { AXIS } else { GRID },
        );
        c.text(left - 8, centred_top(ty, TICK_SIZE), label, tick_font);
    }
    c.line(vec![(left, plot_bottom), (right, plot_bottom)], AXIS, 1);

    let below = column_labels(c, categories, &x_of, slot, plot_bottom + 22, TICK_SIZE);

    // Lines, markers, missing-value dashes and (single series) value labels.
    let value_font = Font::new(SMALL_SIZE, TEXT).bold().anchor(Anchor::Middle);
    let label_all = !multi
        && (0..n).all(|i| {
            value_at(&series[0], i)
                .is_none_or(|v| value_font.width(&clean_owned(fmt(v))) + 6.0 <= slot)
        });
    for (si, s) in series.iter().enumerate() {
        let color = series_colour(si);
        let mut run: Vec<(i32, i32)> = Vec::new();
        let flush = |c: &mut Canvas, run: &mut Vec<(i32, i32)>| {
            if run.len() > 1 {
                c.line(std::mem::take(run), color, 3);
            }
            run.clear();
        };
        let last = (0..n).rev().find(|i| value_at(s, *i).is_some());
        for i in 0..n {
            match value_at(s, i) {
                Some(v) => run.push((x_of(i), y_of(v))),
                None => flush(c, &mut run),
            }
        }
        flush(c, &mut run);
        for i in 0..n {
            let x = x_of(i);
            match value_at(s, i) {
                Some(v) => {
                    let py = y_of(v);
                    marker(c, si, x, py, color);
                    if !multi && (label_all || Some(i) == last) {
                        let label = ellipsize_owned(
                            clean_owned(fmt(v)),
                            value_font,
                            f64::from(INNER) / 2.0,
                        );
                        let w = value_font.width(&label);
                        let lx = px(f64::from(x)
                            .clamp(f64::from(PAD) + w / 2.0, f64::from(X_END) - w / 2.0));
                        // Above the "–" of a missing value the label reaches over.
                        let over_dash = (0..n).any(|j| {
                            value_at(s, j).is_none()
                                && (f64::from(x_of(j) - lx)).abs() <= w / 2.0 + 12.0
                        });
                        let dash_top = plot_bottom - 12 - px(0.4 * f64::from(LABEL_SIZE)) - 4;
                        let ly = if over_dash {
                            (py - 26).min(dash_top - value_font.size as i32 - 6)
                        } else {
                            py - 26
                        };
                        c.text(lx, ly, &label, value_font);
                    }
                }
                None => {
                    // Stacked above the axis, one per series.
                    let font = Font::new(LABEL_SIZE, color).bold().anchor(Anchor::Middle);
                    let mid = plot_bottom - 12 - si as i32 * 16;
                    c.text(x, centred_top(mid, font.size), "–", font);
                }
            }
        }
    }
    below + 8
}

// ---------------------------------------------------------------------------
