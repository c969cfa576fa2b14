//! Status bar: one stacked bar of status counts with a legend.

use super::*;

// Status bar
// ---------------------------------------------------------------------------

/// Status summary: one horizontal stacked bar with segment counts (met / not
/// met / no data / no target) in the order given, with a legend below
/// ("✓ 3 đạt"). Zero counts get no segment but keep their legend entry.
pub fn status_bar(text: &ChartText, counts: &[(StatusKind, usize, String)]) -> String {
    if counts.is_empty() {
        return empty_chart(text);
    }
    let mut c = Canvas::new(STATUS_WIDTH);
    let height = layout_status(&mut c, counts);
    render(text, height, &c)
}

pub(super) fn layout_status(c: &mut Canvas, counts: &[(StatusKind, usize, String)]) -> i32 {
    const BAR_H: i32 = 36;
    let top = 8;
    let bottom = top + BAR_H;
    let total: f64 = counts.iter().map(|(_, n, _)| *n as f64).sum();
    if total > 0.0 {
        let mut cum = 0.0;
        let mut bounds = Vec::new();
        for (kind, n, _) in counts {
            let x0 = PAD + px(cum / total * f64::from(c.inner()));
            cum += *n as f64;
            let x1 = PAD + px(cum / total * f64::from(c.inner()));
            if *n > 0 {
                bounds.push((*kind, *n, x0, x1));
            }
        }
        for &(kind, _, x0, x1) in &bounds {
            c.rect(x0, top, x1, bottom, status_fill(kind));
            if kind == StatusKind::NoTarget {
                c.outline(x0 + 1, top + 1, x1 - 1, bottom - 1, NO_TARGET_OUTLINE);
            }
        }
        for (k, &(kind, n, x0, x1)) in bounds.iter().enumerate() {
            if k > 0 {
                c.rect(x0 - 1, top, x0 + 1, bottom, WHITE_BG);
            }
            let label = n.to_string();
            let font = Font::new(STATUS_SIZE + 1, on_fill_text_colour(kind))
                .bold()
                .anchor(Anchor::Middle);
            if font.width(&label) + 10.0 <= f64::from(x1 - x0) {
                c.text(
                    (x0 + x1) / 2,
                    centred_top(top + BAR_H / 2, font.size),
                    &label,
                    font,
                );
            }
        }
    } else {
        c.outline(PAD, top, c.x_end(), bottom, GRID);
    }
    let items = counts
        .iter()
        .map(|(kind, n, word)| {
            let kind = *kind;
            LegendItem {
                text: clean(&format!("{} {} {}", status_symbol(kind), n, clean(word))),
                font: Font::new(STATUS_SIZE, status_text_colour(kind)).bold(),
                key: Box::new(move |c: &mut Canvas, x: i32, mid: i32| {
                    c.rect(x, mid - 7, x + 14, mid + 7, status_fill(kind));
                    if kind == StatusKind::NoTarget {
                        c.outline(x, mid - 7, x + 14, mid + 7, NO_TARGET_OUTLINE);
                    }
                }) as KeyFn,
            }
        })
        .collect();
    legend(c, bottom + 12, items) + 8
}

// ---------------------------------------------------------------------------
