//! Count bars: horizontal bars of counts by category.

use super::*;

// Count bars
// ---------------------------------------------------------------------------

/// Height of a count bar.
pub(super) const COUNT_BAR_H: i32 = 26;

/// Horizontal bars of counts by category (e.g. projects by status or by lead
/// agency), in the order given: each category's label on its own line(s)
/// above its bar (wrapped, at most three lines), the count at the bar's end.
/// The longest bar plus its count fills the width; bars are proportional to
/// the counts (0 gives an empty bar with "0").
pub fn count_bars(text: &ChartText, items: &[(String, usize)]) -> String {
    if items.is_empty() {
        return empty_chart(text);
    }
    let mut c = Canvas::new(WIDTH);
    let height = layout_counts(&mut c, items);
    render(text, height, &c)
}

/// A count as text: plain digits, grouped by thousands with a narrow
/// no-break space from 10 000 on (readable in both languages).
pub(super) fn count_text(n: usize) -> String {
    let digits = n.to_string();
    if n < 10_000 {
        return digits;
    }
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202F}');
        }
        out.push(ch);
    }
    out
}

pub(super) fn layout_counts(c: &mut Canvas, items: &[(String, usize)]) -> i32 {
    let label_font = Font::new(PHONE_LABEL_SIZE, TEXT);
    let count_font = Font::new(PHONE_SMALL_SIZE, TEXT).bold();
    let counts: Vec<String> = items.iter().map(|(_, n)| count_text(*n)).collect();
    let widest = counts
        .iter()
        .map(|t| count_font.width(t))
        .fold(0.0, f64::max);
    let full = (INNER - px(widest) - 8).max(1);
    let max = items.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let mut y = 8;
    for (i, ((label, n), count)) in items.iter().zip(&counts).enumerate() {
        if i > 0 {
            y += 14;
        }
        for line in wrap(label, label_font, f64::from(INNER), PHONE_MAX_LABEL_LINES) {
            c.text_owned(
                PAD,
                y + (PHONE_LABEL_LINE - PHONE_LABEL_SIZE as i32) / 2,
                line,
                label_font,
            );
            y += PHONE_LABEL_LINE;
        }
        y += 4;
        let len = if max == 0 {
            0
        } else {
            bar_len(*n as f64 / max as f64, 1.0, full)
        };
        c.rect(PAD, y, PAD + len, y + COUNT_BAR_H, series_colour(0));
        c.text(
            PAD + len + 6,
            centred_top(y + COUNT_BAR_H / 2, PHONE_SMALL_SIZE),
            count,
            count_font,
        );
        y += COUNT_BAR_H;
    }
    y + 10
}
