//! History chart of an indicator: one bar per period, the target line and
//! the deadline marker.

use super::*;

// History chart
// ---------------------------------------------------------------------------

/// One measured value of an indicator's history.
pub struct HistoryPoint {
    /// Period, already formatted, e.g. "2022", "quý 2/2023".
    pub label: String,
    /// `None` (or a non-finite value) = no figure for that period: no bar,
    /// a "–" instead.
    pub value: Option<f64>,
    /// Already formatted value, e.g. "56,60 %"; when empty, `fmt(value)` is shown.
    pub value_text: String,
}

/// The target drawn on a history chart.
pub struct HistoryTarget {
    /// A non-finite value draws no target at all.
    pub value: f64,
    /// E.g. "Mục tiêu ≥ 50 % (2023)".
    pub text: String,
    /// The period label of the deadline, e.g. "2023"; a column for it is added
    /// if no point has that label (none when empty).
    pub deadline_label: String,
}

/// Height of the plot area of a history chart (from the lowest to the
/// highest tick).
pub(super) const HISTORY_PLOT_H: i32 = 260;
/// Widest bar of a history chart.
pub(super) const HISTORY_BAR_MAX: f64 = 100.0;
/// Share of its column a history bar takes.
pub(super) const HISTORY_BAR_SHARE: f64 = 0.6;
/// Half the diagonal of the deadline marker (a diamond), and of its white halo.
pub(super) const MARKER_R: i32 = 8;
pub(super) const MARKER_HALO: i32 = 11;
/// Length of the dashed line in the target key.
pub(super) const KEY_LINE: i32 = 44;

/// Indicator history: vertical bars (one per period, in the given order,
/// chronological) with the value labelled above each bar, and the target as a
/// horizontal dashed line across the plot with a diamond marker at the
/// deadline's column; the target's text is the line's key above the plot (a
/// dashed sample with the marker, then the text).
///
/// The value axis starts at 0 (lower when a value is negative; negative bars
/// hang from the zero line and keep their label above it) and includes the
/// target, with 4–6 ticks formatted by `fmt`. Missing values get a "–" on the
/// zero line. Value labels that would collide with each other, a bar, the
/// marker or a tick label are lifted above the obstacle; a white backing keeps
/// the dashed line from running through them. Period labels below the axis
/// are wrapped into their column and thinned when they cannot fit.
///
/// When no point has the deadline's label a column is added for it: at its
/// place in the order when every label is a whole number (a year), else last.
pub fn history_chart(
    text: &ChartText,
    points: &[HistoryPoint],
    target: Option<&HistoryTarget>,
    fmt: &dyn Fn(f64) -> String,
) -> String {
    if points.is_empty() {
        return empty_chart(text);
    }
    let mut c = Canvas::new(WIDTH);
    let height = layout_history(&mut c, points, target, fmt);
    render_direct(text, height, &c)
}

/// One column of a history chart.
pub(super) struct HistoryColumn {
    pub(super) label: String,
    /// The finite value, if any.
    pub(super) value: Option<f64>,
    /// What is written above the bar ("–" when there is no value); empty for
    /// an added deadline column.
    pub(super) value_label: String,
}

/// The chart's columns and the index of the deadline's column.
pub(super) fn history_columns(
    points: &[HistoryPoint],
    target: Option<&HistoryTarget>,
    fmt: &dyn Fn(f64) -> String,
) -> (Vec<HistoryColumn>, Option<usize>) {
    let mut cols: Vec<HistoryColumn> = points
        .iter()
        .map(|p| {
            let value = p.value.filter(|v| v.is_finite());
            let value_label = match value {
                Some(v) => {
                    let t = clean(&p.value_text);
                    if t.is_empty() {
                        clean_owned(fmt(v))
                    } else {
                        t
                    }
                }
                None => "–".to_string(),
            };
            HistoryColumn {
                label: clean(&p.label),
                value,
                value_label,
            }
        })
        .collect();
    let deadline = target.map(|t| clean(&t.deadline_label)).unwrap_or_default();
    if deadline.is_empty() {
        return (cols, None);
    }
    if let Some(i) = cols.iter().position(|c| c.label == deadline) {
        return (cols, Some(i));
    }
    let year = |s: &str| s.parse::<i64>().ok();
    let at = match year(&deadline) {
        Some(d) if cols.iter().all(|c| year(&c.label).is_some()) => cols
            .iter()
            .position(|c| year(&c.label).is_some_and(|y| y > d))
            .unwrap_or(cols.len()),
        _ => cols.len(),
    };
    cols.insert(
        at,
        HistoryColumn {
            label: deadline,
            value: None,
            value_label: String::new(),
        },
    );
    (cols, Some(at))
}

/// A box: left, top, right, bottom.
pub(super) type Bounds = (i32, i32, i32, i32);

pub(super) fn collides(a: Bounds, b: Bounds) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// The top of a box spanning `x0..x1`, `h` high, whose bottom is at most
/// `bottom`, lifted until it hits none of `taken` (keeping `gap` above what it
/// had hit). Every lift clears all boxes hit so far for good, so this takes
/// at most `taken.len()` lifts.
pub(super) fn lift(x0: i32, x1: i32, h: i32, bottom: i32, taken: &[Bounds], gap: i32) -> i32 {
    let mut top = bottom - h;
    for _ in 0..=taken.len() {
        let b = (x0, top, x1, top + h);
        match taken.iter().filter(|t| collides(b, **t)).map(|t| t.1).min() {
            Some(t) => top = t - gap - h,
            None => break,
        }
    }
    top
}

/// A diamond centred at `(x, y)` with a white halo, so it stays visible on a bar.
pub(super) fn diamond(c: &mut Canvas, x: i32, y: i32) {
    let d = |r: i32| vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y)];
    c.poly(d(MARKER_HALO), WHITE_BG);
    c.poly(d(MARKER_R), TARGET_LINE);
}

/// The target's key at the top: a dashed sample with the marker, then the
/// text (at most two lines). Returns the y below it (`y` when there is no text).
pub(super) fn target_key(c: &mut Canvas, y: i32, text: &str) -> i32 {
    let font = Font::new(SMALL_SIZE, TEXT);
    let text_x = PAD + KEY_LINE + 12;
    let lines = wrap(text, font, f64::from(X_END - text_x), 2);
    if lines.is_empty() {
        return y;
    }
    let mid = y + SMALL_LINE / 2;
    c.dashed(vec![(PAD, mid), (PAD + KEY_LINE, mid)], 3);
    diamond(c, PAD + KEY_LINE / 2, mid);
    let mut y = y;
    for line in lines {
        c.text_owned(text_x, y + (SMALL_LINE - SMALL_SIZE as i32) / 2, line, font);
        y += SMALL_LINE;
    }
    y
}

/// `s` split at one of its spaces into two lines that fit `max_w`, the
/// longer line as short as possible ("1.502,5" / "tỷ đồng"); `None` if no
/// split fits.
pub(super) fn two_lines(s: &str, font: Font, max_w: f64) -> Option<Vec<String>> {
    s.match_indices(' ')
        .map(|(i, _)| (&s[..i], &s[i + 1..]))
        .filter(|(a, b)| !a.is_empty() && !b.is_empty())
        .map(|(a, b)| (font.width(a).max(font.width(b)), a, b))
        .filter(|(w, _, _)| *w <= max_w)
        .min_by(|x, y| x.0.total_cmp(&y.0))
        .map(|(_, a, b)| vec![a.to_string(), b.to_string()])
}

/// The value labels of a history chart as lines, and their size: the larger
/// size when every label fits its column on one line, else the smaller one
/// with labels that do not fit wrapped at spaces into two lines (never
/// inside a word or at a no-break space; such labels stay on one line).
pub(super) fn value_label_lines(cols: &[HistoryColumn], slot: f64) -> (u32, Vec<Vec<String>>) {
    let room = slot - 6.0;
    let one_line = |size: u32| {
        let font = Font::new(size, TEXT).bold();
        cols.iter().all(|col| font.width(&col.value_label) <= room)
    };
    let texts = |size: u32| -> Vec<Vec<String>> {
        let font = Font::new(size, TEXT).bold();
        cols.iter()
            .map(|col| {
                let label = ellipsize(&col.value_label, font, f64::from(INNER) / 2.0);
                if label.is_empty() || font.width(&label) <= room {
                    return vec![label].into_iter().filter(|l| !l.is_empty()).collect();
                }
                two_lines(&label, font, room).unwrap_or_else(|| vec![label])
            })
            .collect()
    };
    if one_line(SMALL_SIZE) {
        (SMALL_SIZE, texts(SMALL_SIZE))
    } else {
        (TICK_SIZE, texts(TICK_SIZE))
    }
}

/// A value label placed above its bar: its box (with room for diacritics),
/// x, lines and font.
type PlacedLabel<'t> = (Bounds, i32, &'t Vec<String>, Font);

/// Each value label just above its bar (or the zero line), lifted on
/// collision with what is in `taken`, which gains the labels' boxes.
fn place_value_labels<'t>(
    cols: &[HistoryColumn],
    bars: &[Option<(i32, i32)>],
    texts: &'t [Vec<String>],
    value_size: u32,
    zero: i32,
    x_of: &dyn Fn(usize) -> i32,
    taken: &mut Vec<Bounds>,
) -> Vec<PlacedLabel<'t>> {
    let mut labels: Vec<PlacedLabel<'t>> = Vec::new();
    for (i, ((col, bar), lines)) in cols.iter().zip(bars).zip(texts).enumerate() {
        // A missing value's "–" is drawn larger, as in the bar chart.
        let font = if col.value.is_some() {
            Font::new(value_size, TEXT)
        } else {
            Font::new(LABEL_SIZE, TEXT_MUTED)
        };
        let font = font.bold().anchor(Anchor::Middle);
        let Some(w) = lines.iter().map(|l| font.width(l)).reduce(f64::max) else {
            continue;
        };
        let x = f64::from(x_of(i)).clamp(f64::from(PAD) + w / 2.0, f64::from(X_END) - w / 2.0);
        let (x0, x1) = (px(x - w / 2.0) - 2, px(x + w / 2.0) + 2);
        let line_h = font.size as i32 + 4;
        let h = 4 + lines.len() as i32 * line_h - 2;
        let base = bar.map_or(zero, |(top, _)| top) - 4;
        let top = lift(x0, x1, h, base, taken, 4);
        let b = (x0, top, x1, top + h);
        taken.push(b);
        labels.push((b, px(x), lines, font));
    }
    labels
}

/// Value labels on a white backing (the target line may pass behind
/// them). Label boxes never overlap, so all backings can come first and
/// the labels after them, which lets each kind share its attributes.
fn draw_value_labels(c: &mut Canvas, labels: &[PlacedLabel], off: i32) {
    for (b, _, _, _) in labels {
        c.rect(b.0, off + b.1, b.2, off + b.3, WHITE_BG);
    }
    for (b, x, lines, font) in labels {
        for (k, line) in lines.iter().enumerate() {
            let line_h = font.size as i32 + 4;
            c.text(*x, off + b.1 + 4 + k as i32 * line_h, line, *font);
        }
    }
}

pub(super) fn layout_history(
    c: &mut Canvas,
    points: &[HistoryPoint],
    target: Option<&HistoryTarget>,
    fmt: &dyn Fn(f64) -> String,
) -> i32 {
    let target = target.filter(|t| t.value.is_finite());
    let (cols, deadline) = history_columns(points, target, fmt);
    let n = cols.len().max(1);

    // Scale: from 0 (or the lowest value) to the highest value or the target.
    let values = || {
        cols.iter()
            .filter_map(|c| c.value)
            .chain(target.map(|t| t.value))
    };
    let ticks = nice_ticks(values().fold(0.0, f64::min), values().fold(0.0, f64::max));
    let lo = ticks.first().copied().unwrap_or(0.0);
    let hi = ticks
        .last()
        .copied()
        .filter(|h| *h > lo)
        .unwrap_or(lo + 1.0);
    let plot_h = f64::from(HISTORY_PLOT_H);
    // y relative to the plot's top; shifted below the key once labels are placed.
    let y_rel = |v: f64| HISTORY_PLOT_H - px((v - lo) / (hi - lo) * plot_h);
    let zero = y_rel(0.0).clamp(0, HISTORY_PLOT_H);

    let mut y = 8;
    if let Some(t) = target {
        let below = target_key(c, y, &t.text);
        if below > y {
            y = below + 10;
        }
    }
    let key_bottom = y;

    // Tick labels on the left, as in the line chart.
    let (tick_font, tick_labels, left) = value_ticks(&ticks, fmt);
    let right = X_END;
    let slot = f64::from(right - left) / n as f64;
    let x_of = |i: usize| left + px(slot * (i as f64 + 0.5));
    // Value labels: one line at the larger size if all fit their column, else
    // at the smaller size, each on one line or wrapped at spaces into two.
    let (value_size, texts) = value_label_lines(&cols, slot);
    let widest = texts
        .iter()
        .flatten()
        .map(|l| Font::new(value_size, TEXT).bold().width(l))
        .fold(0.0, f64::max);
    // Bars narrow down (to a third of the column) so that labels wider than
    // their column do not reach the neighbouring bars.
    let half_bar = (slot * HISTORY_BAR_SHARE)
        .min(HISTORY_BAR_MAX)
        .min(2.0 * slot - widest - 8.0)
        .max(slot / 3.0)
        / 2.0;
    let half_bar = px(half_bar).max(1);

    // Obstacles for the value labels, relative to the plot's top.
    let mut taken: Vec<Bounds> = Vec::new();
    for (t, label) in ticks.iter().zip(&tick_labels) {
        let top = centred_top(y_rel(*t), TICK_SIZE);
        let w = px(tick_font.width(label));
        taken.push((left - 8 - w, top - 3, left - 8, top + TICK_SIZE as i32));
    }
    let bars: Vec<Option<(i32, i32)>> = cols
        .iter()
        .map(|col| col.value.map(|v| (y_rel(v).min(zero), y_rel(v).max(zero))))
        .collect();
    for (i, bar) in bars.iter().enumerate() {
        if let Some((top, bottom)) = bar {
            let x = x_of(i);
            taken.push((x - half_bar - 2, top - 2, x + half_bar + 2, *bottom));
        }
    }
    let target_y = target.map(|t| y_rel(t.value));
    let marker = target_y.zip(deadline).map(|(ty, i)| (x_of(i), ty));
    if let Some((mx, my)) = marker {
        taken.push((
            mx - MARKER_HALO,
            my - MARKER_HALO,
            mx + MARKER_HALO,
            my + MARKER_HALO,
        ));
    }

    let labels = place_value_labels(&cols, &bars, &texts, value_size, zero, &x_of, &mut taken);
    let highest = taken.iter().map(|b| b.1).min().unwrap_or(0).min(0);
    let off = key_bottom + 6 - highest;
    let plot_bottom = off + HISTORY_PLOT_H;

    // Gridlines with tick labels, bars, the zero line.
    for (t, label) in ticks.iter().zip(&tick_labels) {
        let ty = off + y_rel(*t);
        c.grid_line(vec![(left, ty), (right, ty)], GRID);
        c.text(left - 8, centred_top(ty, TICK_SIZE), label, tick_font);
    }
    for (i, bar) in bars.iter().enumerate() {
        if let Some((top, bottom)) = bar {
            let x = x_of(i);
            c.rect(
                x - half_bar,
                off + top,
                x + half_bar,
                off + bottom,
                series_colour(0),
            );
        }
    }
    c.line(vec![(left, off + zero), (right, off + zero)], AXIS, 1);

    // The target line over the bars (a white underlay keeps it visible on
    // them), and the deadline marker.
    if let Some(ty) = target_y {
        let pts = vec![(left, off + ty), (right, off + ty)];
        c.line(pts.clone(), WHITE_BG, 7);
        c.dashed(pts, 3);
    }
    if let Some((mx, my)) = marker {
        diamond(c, mx, off + my);
    }

    draw_value_labels(c, &labels, off);

    let categories: Vec<&str> = cols.iter().map(|c| c.label.as_str()).collect();
    let below = column_labels(c, &categories, &x_of, slot, plot_bottom + 22, SMALL_SIZE);
    below + 8
}

// ---------------------------------------------------------------------------
