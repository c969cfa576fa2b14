//! Scales and ticks, category labels and legends shared by several chart kinds.

use super::*;

/// Length of a bar for `ratio` of `cap` on a scale `full` units long
/// (NaN gives 0, values are clamped to `0..=cap`).
pub(super) fn bar_len(ratio: f64, cap: f64, full: i32) -> i32 {
    let r = if ratio.is_nan() {
        0.0
    } else {
        ratio.clamp(0.0, cap)
    };
    px(r / cap * f64::from(full))
}

/// Nice axis ticks covering `lo..=hi` (which must include 0): 4–6 ticks at a
/// step of 1, 2, 2.5 or 5 times a power of ten.
pub(super) fn nice_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let (lo, hi) = (lo.min(0.0), hi.max(0.0));
    let (lo, hi) = if lo.is_finite() && hi.is_finite() {
        (lo, hi)
    } else {
        (0.0, 1.0)
    };
    let span = if hi - lo > 0.0 && (hi - lo).is_finite() {
        hi - lo
    } else {
        1.0
    };
    let (lo, hi) = if hi - lo > 0.0 { (lo, hi) } else { (0.0, 1.0) };
    let base = (span / 5.0).log10().floor() as i32;
    for exp in base - 1..=base + 2 {
        for m10 in [10u32, 20, 25, 50] {
            // step = m10 * 10^(exp - 1), kept exact for small steps.
            let e = exp - 1;
            let scale = |k: f64| {
                if e >= 0 {
                    k * 10f64.powi(e)
                } else {
                    k / 10f64.powi(-e)
                }
            };
            let step = scale(f64::from(m10));
            if !(step > 0.0 && step.is_finite()) {
                continue;
            }
            let first = (lo / step).floor();
            let last = (hi / step).ceil();
            if last - first <= 5.0 && last - first >= 1.0 {
                let (first, last) = (first as i64, last as i64);
                return (first..=last)
                    .map(|k| scale(k as f64 * f64::from(m10)))
                    .collect();
            }
        }
    }
    vec![lo, hi]
}

/// Horizontal extents (left, right) of labels of the given widths centred at
/// `xs`, moved inside the chart where they would stick out.
/// The value axis on the left of a line or bar chart: its font, its tick
/// labels, and where the plot starts to the right of the widest label.
pub(super) fn value_ticks(ticks: &[f64], fmt: &dyn Fn(f64) -> String) -> (Font, Vec<String>, i32) {
    let font = Font::new(TICK_SIZE, TEXT_MUTED).anchor(Anchor::End);
    let labels: Vec<String> = ticks
        .iter()
        .map(|t| ellipsize_owned(clean_owned(fmt(*t)), font, f64::from(INNER) / 2.0))
        .collect();
    let widest = labels.iter().map(|l| font.width(l)).fold(0.0, f64::max);
    (font, labels, PAD + px(widest) + 8)
}

pub(super) fn label_boxes(xs: &[i32], widths: &[f64]) -> Vec<(f64, f64)> {
    xs.iter()
        .zip(widths)
        .map(|(x, w)| {
            let left = (f64::from(*x) - w / 2.0)
                .min(f64::from(X_END) - w)
                .max(f64::from(PAD));
            (left, left + w)
        })
        .collect()
}

/// The smallest `every` such that showing every `every`-th label (from the
/// first) leaves at least `gap` between neighbours.
pub(super) fn thinning(boxes: &[(f64, f64)], gap: f64) -> usize {
    (1..boxes.len().max(1))
        .find(|every| {
            let shown: Vec<&(f64, f64)> = boxes.iter().step_by(*every).collect();
            shown.windows(2).all(|w| w[0].1 + gap <= w[1].0)
        })
        .unwrap_or(boxes.len().max(1))
}

/// Axis tick labels at the top of a horizontal-bar chart; thins the labels
/// when they would collide. Returns the y below them.
pub(super) fn top_axis(
    c: &mut Canvas,
    y: i32,
    ticks: &[f64],
    x_of: &dyn Fn(f64) -> i32,
    fmt: &dyn Fn(f64) -> String,
) -> i32 {
    let font = Font::new(TICK_SIZE, TEXT_MUTED);
    let labels: Vec<String> = ticks
        .iter()
        .map(|t| ellipsize_owned(clean_owned(fmt(*t)), font, f64::from(INNER) / 2.0))
        .collect();
    let xs: Vec<i32> = ticks.iter().map(|t| x_of(*t)).collect();
    let widths: Vec<f64> = labels.iter().map(|l| font.width(l)).collect();
    let boxes = label_boxes(&xs, &widths);
    let every = thinning(&boxes, 10.0);
    for (i, (label, (left, right))) in labels.iter().zip(&boxes).enumerate() {
        if i % every == 0 {
            c.text(
                px((left + right) / 2.0),
                y,
                label,
                font.anchor(Anchor::Middle),
            );
        }
    }
    y + TICK_SIZE as i32 + 6
}

/// Draws a legend key with its left edge at x, centred on y.
pub(super) type KeyFn = Box<dyn Fn(&mut Canvas, i32, i32)>;

/// One legend entry: a colour key (drawn by `key` at its left edge, 14 units
/// wide) and a text. Entries flow left to right and wrap.
pub(super) struct LegendItem {
    pub(super) text: String,
    pub(super) font: Font,
    pub(super) key: KeyFn,
}

/// Draws legend entries from `y`; returns the y below them.
pub(super) fn legend(c: &mut Canvas, y: i32, items: Vec<LegendItem>) -> i32 {
    const KEY: i32 = 20;
    const GAP: i32 = 22;
    let line = items
        .iter()
        .map(|i| i.font.size as i32 + 6)
        .max()
        .unwrap_or(SMALL_LINE);
    let mut x = PAD;
    let mut y = y;
    for item in items {
        let label = ellipsize(&item.text, item.font, f64::from(c.inner() - KEY));
        let w = KEY + px(item.font.width(&label));
        if x > PAD && x + w > c.x_end() {
            x = PAD;
            y += line + 4;
        }
        let mid = y + line / 2;
        (item.key)(c, x, mid);
        c.text_owned(
            x + KEY,
            y + (line - item.font.size as i32) / 2,
            label,
            item.font,
        );
        x += w + GAP;
    }
    y + line
}

pub(super) fn swatch(color: RGBColor) -> KeyFn {
    Box::new(move |c: &mut Canvas, x: i32, mid: i32| c.rect(x, mid - 7, x + 14, mid + 7, color))
}

/// Category labels under a plot with `categories.len()` columns `slot` wide
/// centred at `x_of(i)`: wrapped into their column (at most two lines) and
/// thinned (every k-th shown) when the widest word does not fit. Returns the
/// y below them.
pub(super) fn column_labels<S: AsRef<str>>(
    c: &mut Canvas,
    categories: &[S],
    x_of: &dyn Fn(usize) -> i32,
    slot: f64,
    top: i32,
    size: u32,
) -> i32 {
    let cat_font = Font::new(size, TEXT).anchor(Anchor::Middle);
    let widest_word = categories
        .iter()
        .flat_map(|s| s.as_ref().split(' ').map(|w| cat_font.width(w)))
        .fold(0.0, f64::max)
        .min(f64::from(INNER) / 2.0);
    let label_w = |every: usize| slot * every as f64 - 8.0;
    // Every `every`-th label is shown: the fewest skipped such that each
    // shown label fits its share of the axis in two lines, whole ("6 tháng
    // đầu" / "năm 2018", not "6" / "thá…"); if no spacing up to half the
    // labels allows that, the narrowest that fits the widest word, cut.
    let at_least = ((widest_word + 8.0) / slot.max(1.0)).ceil().max(1.0) as usize;
    let whole = |every: usize| {
        categories.iter().step_by(every).all(|s| {
            let s = clean(s.as_ref());
            wrap(&s, cat_font, label_w(every), 2).join(" ")
                == s.split(' ')
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
        })
    };
    let every = (at_least..=at_least.max(categories.len() / 2))
        .find(|&e| whole(e))
        .unwrap_or(at_least);
    let mut below = top;
    for (i, category) in categories.iter().enumerate() {
        if i % every != 0 {
            continue;
        }
        let lines = wrap(category.as_ref(), cat_font, label_w(every).max(20.0), 2);
        // Centred under its column, moved in as far as needed to stay in
        // the chart (the last label of a full axis).
        let w = lines.iter().map(|l| cat_font.width(l)).fold(0.0, f64::max);
        let x = f64::from(x_of(i)).clamp(
            f64::from(PAD) + w / 2.0,
            (f64::from(X_END) - w / 2.0).max(f64::from(PAD) + w / 2.0),
        );
        let x = px(x);
        let mut ly = top;
        for line in lines {
            c.text_owned(x, ly, line, cat_font);
            ly += size as i32 + 4;
        }
        below = below.max(ly);
    }
    below
}
