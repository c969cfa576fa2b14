//! Group chart: one bullet bar per indicator of a target group.

use super::*;

// Group chart (bullet bars)
// ---------------------------------------------------------------------------

/// Group chart: one horizontal bullet bar per row, length = ratio (the target
/// at a marked 100% line), status shown by a symbol + word as well as colour.
///
/// The chart opens with the scale every bar shares: a caption saying what a
/// bar is ("% of target") and an axis with ticks at 0, 50, 100 and 150 % of
/// the target. Each row is then the label (wrapped, never cut), the bar
/// across the full width (the target at two thirds, ratios above 1.5 capped
/// and marked with a break), then a line with the value, the target text
/// under the target line and the status symbol and word at the right end.
///
/// Text is [`PHONE_LABEL_SIZE`] and [`PHONE_SMALL_SIZE`] units: at least
/// 12 CSS px where the chart is narrowest on a 375 px phone.
pub fn group_chart(text: &ChartText, axis: &RatioAxis, rows: &[BulletRow]) -> String {
    if rows.is_empty() {
        return empty_chart(text);
    }
    let mut c = Canvas::new(WIDTH);
    let height = layout_group(&mut c, axis, rows);
    render(text, height, &c)
}

/// The shared scale of a group chart, in the reader's language.
pub struct RatioAxis {
    /// What a bar shows, e.g. "Thanh: % so với mục tiêu".
    pub caption: String,
    /// Labels of the ticks at 0, 50, 100 and 150 % of the target.
    pub ticks: [String; 4],
}

/// The caption and the axis above the rows; returns the y below them.
pub(super) fn ratio_axis(c: &mut Canvas, axis: &RatioAxis, y: i32) -> i32 {
    caption_axis(c, &axis.caption, &axis.ticks, RATIO_CAP, y)
}

/// A wrapped caption, then an axis with `ticks` at 0, 0.5, 1, … of a bar
/// that is full at `cap`; returns the y below them (group and ranking charts).
pub(super) fn caption_axis(
    c: &mut Canvas,
    caption: &str,
    ticks: &[String],
    cap: f64,
    mut y: i32,
) -> i32 {
    let caption_font = Font::new(PHONE_SMALL_SIZE, TEXT_MUTED);
    for line in wrap(caption, caption_font, f64::from(INNER), 4) {
        c.text_owned(
            PAD,
            y + (PHONE_SMALL_LINE - PHONE_SMALL_SIZE as i32) / 2,
            line,
            caption_font,
        );
        y += PHONE_SMALL_LINE;
    }
    y += 4;
    let top = y + (PHONE_SMALL_LINE - PHONE_SMALL_SIZE as i32) / 2;
    let last = ticks.len() - 1;
    for (i, label) in ticks.iter().enumerate() {
        let x = PAD + bar_len(i as f64 * 0.5, cap, INNER);
        let anchor = match i {
            0 => Anchor::Start,
            i if i == last => Anchor::End,
            _ => Anchor::Middle,
        };
        c.text(x, top, &clean(label), caption_font.anchor(anchor));
        c.line(
            vec![(x, y + PHONE_SMALL_LINE), (x, y + PHONE_SMALL_LINE + 8)],
            AXIS,
            1,
        );
    }
    y += PHONE_SMALL_LINE + 8;
    c.line(vec![(PAD, y), (X_END, y)], AXIS, 1);
    y + 12
}

/// A row's label above its bar, wrapped over the chart's width, after a grid
/// line that parts it from the row before (none before the first).
pub(super) fn row_label(c: &mut Canvas, mut y: i32, first: bool, label: &str, font: Font) -> i32 {
    if !first {
        y += 10;
        c.line(vec![(PAD, y), (X_END, y)], GRID, 1);
        y += 12;
    }
    for line in wrap(label, font, f64::from(INNER), PHONE_MAX_LABEL_LINES) {
        c.text_owned(
            PAD,
            y + (PHONE_LABEL_LINE - PHONE_LABEL_SIZE as i32) / 2,
            line,
            font,
        );
        y += PHONE_LABEL_LINE;
    }
    y + 6
}

pub(super) fn layout_group(c: &mut Canvas, axis: &RatioAxis, rows: &[BulletRow]) -> i32 {
    let label_font = Font::new(PHONE_LABEL_SIZE, TEXT);
    let value_font = Font::new(PHONE_SMALL_SIZE, TEXT).bold();
    let target_font = Font::new(PHONE_SMALL_SIZE, TEXT_MUTED);
    let target_x = PAD + bar_len(1.0, RATIO_CAP, INNER);
    let mut y = ratio_axis(c, axis, 8);
    for (i, row) in rows.iter().enumerate() {
        y = row_label(c, y, i == 0, &row.label, label_font);

        let (top, bottom) = (y, y + BULLET_HEIGHT);
        let has_target = row.status != StatusKind::NoTarget;
        if has_target {
            // Track: up to the target, then the zone above it.
            c.rect(PAD, top, target_x, bottom, TRACK);
            c.rect(target_x, top, X_END, bottom, TRACK_OVER);
        } else {
            c.rect(PAD, top, X_END, bottom, TRACK_OVER);
        }
        if let Some(ratio) = row.ratio.filter(|r| !r.is_nan()) {
            let len = bar_len(ratio, RATIO_CAP, INNER);
            c.rect(PAD, top, PAD + len, bottom, status_fill(row.status));
            if !has_target && len > 0 {
                c.outline(PAD, top, PAD + len, bottom, NO_TARGET_OUTLINE);
            }
            if ratio > RATIO_CAP {
                // Axis-break marks: the bar goes on beyond the chart.
                for dx in [-34, -24] {
                    let x = X_END + dx;
                    let pts = vec![(x, bottom), (x + 7, top), (x + 11, top), (x + 4, bottom)];
                    c.poly(pts, WHITE_BG);
                }
            }
        }
        if has_target {
            c.line(vec![(target_x, top - 4), (target_x, bottom + 4)], AXIS, 3);
        }
        y = bottom + 7;

        let status_font = Font::new(PHONE_SMALL_SIZE, status_text_colour(row.status)).bold();
        y = info_line(c, y, row, target_x, [value_font, target_font, status_font]);
    }
    y + 10
}

/// The value, target and status texts under a bullet bar: on one line when
/// they fit (the target centred under the target line if possible), else on
/// two or three lines. Returns the y below them.
pub(super) fn info_line(
    c: &mut Canvas,
    y: i32,
    row: &BulletRow,
    target_x: i32,
    fonts: [Font; 3],
) -> i32 {
    const GAP: f64 = 14.0;
    let [value_font, target_font, status_font] = fonts;
    let inner = f64::from(INNER);
    let status_word = clean(&row.status_text);
    let mut value = clean(&row.value_text);
    let same = if value.is_ascii() && status_word.is_ascii() {
        value.eq_ignore_ascii_case(&status_word)
    } else {
        value.to_lowercase() == status_word.to_lowercase()
    };
    if same {
        value.clear();
    }
    let value = ellipsize_owned(value, value_font, inner);
    let target = ellipsize_owned(clean(&row.target_text), target_font, inner);
    let symbol = status_symbol(row.status);
    let mut status = String::with_capacity(symbol.len() + 1 + status_word.len());
    status.push_str(symbol);
    status.push(' ');
    status.push_str(&status_word);
    let status = ellipsize_owned(clean_owned(status), status_font, inner);
    let (vw, tw, sw) = (
        value_font.width(&value),
        target_font.width(&target),
        status_font.width(&status),
    );
    let (x0, x1, tx) = (f64::from(PAD), f64::from(X_END), f64::from(target_x));
    let top = y + (PHONE_SMALL_LINE - PHONE_SMALL_SIZE as i32) / 2;

    let lo = if value.is_empty() { x0 } else { x0 + vw + GAP };
    let hi = if status.is_empty() {
        x1 - tw
    } else {
        x1 - sw - GAP - tw
    };
    let side_by_side = value.is_empty() || status.is_empty() || x0 + vw + GAP + sw <= x1;
    let one_line = if target.is_empty() {
        side_by_side
    } else {
        lo <= hi
    };

    let mut y = y;
    c.text(PAD, top, &value, value_font);
    if !value.is_empty() && !side_by_side {
        y += PHONE_SMALL_LINE;
    }
    let top = y + (PHONE_SMALL_LINE - PHONE_SMALL_SIZE as i32) / 2;
    c.text(X_END, top, &status, status_font.anchor(Anchor::End));
    if one_line || target.is_empty() {
        c.text(
            px((tx - tw / 2.0).clamp(lo, hi.max(lo))),
            top,
            &target,
            target_font,
        );
        return y + PHONE_SMALL_LINE;
    }
    y += PHONE_SMALL_LINE;
    let top = y + (PHONE_SMALL_LINE - PHONE_SMALL_SIZE as i32) / 2;
    c.text(
        px((tx - tw / 2.0).clamp(x0, (x1 - tw).max(x0))),
        top,
        &target,
        target_font,
    );
    y + PHONE_SMALL_LINE
}

// ---------------------------------------------------------------------------
