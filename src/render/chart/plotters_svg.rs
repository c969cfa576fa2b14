//! Writing a display list with plotters' SVG backend, then making the root
//! accessible and compacting the body ([`finish`]).

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::*;

pub(super) type DrawResult = Result<(), Box<dyn std::error::Error>>;

pub(super) fn shape(color: RGBColor, filled: bool, width: u32) -> ShapeStyle {
    ShapeStyle {
        color: color.to_rgba(),
        filled,
        stroke_width: width,
    }
}

/// Draws the display list with plotters' SVG backend into `buf`.
///
/// The backend is driven directly, the way a root drawing area would drive
/// it (`DrawingArea::fill` / `draw` of `Rectangle`, `PathElement`, `Polygon`,
/// `Circle` and `Text`): every point is clamped to the area and rectangle
/// corners are ordered, so the output is the same, without the area's
/// per-element point vectors.
pub(super) fn draw_ops(buf: &mut String, height: i32, canvas: &Canvas) -> DrawResult {
    let size = (canvas.width as u32, height as u32);
    let (w, h) = (size.0 as i32, size.1 as i32);
    let clamp = move |&(x, y): &(i32, i32)| (x.min(w).max(0), y.min(h).max(0));
    let mut styles: Vec<(Font, TextStyle)> = Vec::new();
    let mut backend = SVGBackend::with_string(buf, size);
    let b = &mut backend;
    b.ensure_prepared()?;
    b.draw_rect((0, 0), (w, h), &WHITE_BG.to_backend_color(), true)?;
    for op in canvas.background.iter().chain(&canvas.ops) {
        match op {
            DrawOp::Rect {
                x0,
                y0,
                x1,
                y1,
                color,
            } => {
                let (a, c) = (clamp(&(*x0, *y0)), clamp(&(*x1, *y1)));
                let style = shape(*color, true, 1);
                b.draw_rect(
                    (a.0.min(c.0), a.1.min(c.1)),
                    (a.0.max(c.0), a.1.max(c.1)),
                    &style,
                    style.filled,
                )?;
            }
            DrawOp::Path {
                points,
                color,
                width,
            } => {
                b.draw_path(points.iter().map(clamp), &shape(*color, false, *width))?;
            }
            DrawOp::Dashed { points, width } => {
                let style = shape(DASH_SENTINEL, false, *width);
                b.draw_path(points.iter().map(clamp), &style)?;
            }
            DrawOp::Poly { points, color } => {
                b.fill_polygon(points.iter().map(clamp), &color.to_backend_color())?;
            }
            DrawOp::Circle {
                center,
                radius,
                color,
            } => {
                let style = shape(*color, true, 1);
                let r = (*radius as i32).max(0) as u32;
                b.draw_circle(clamp(center), r, &style, style.filled)?;
            }
            DrawOp::Text { x, y, text, font } => {
                // A chart uses a handful of fonts: build each style once.
                let k = match styles.iter().position(|(f, _)| f == font) {
                    Some(k) => k,
                    None => {
                        styles.push((*font, text_style(font)));
                        styles.len() - 1
                    }
                };
                b.draw_text(text, &styles[k].1, clamp(&(*x, *y)))?;
            }
        }
    }
    b.present()?;
    Ok(())
}

/// The plotters style of a text drawn in `font`, positioned by its top.
pub(super) fn text_style(font: &Font) -> TextStyle<'_> {
    let style = if font.bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    // The SVG backend writes font-size = size / 1.24.
    let desc = FontDesc::new(FontFamily::SansSerif, f64::from(font.size) * 1.24, style);
    let h = match font.anchor {
        Anchor::Start => HPos::Left,
        Anchor::Middle => HPos::Center,
        Anchor::End => HPos::Right,
    };
    TextStyle::from(desc)
        .color(&font.color)
        .pos(Pos::new(h, VPos::Top))
}

/// Rough size of plotters' output for a canvas, to size buffers once.
pub(super) fn raw_size_hint(canvas: &Canvas) -> usize {
    let text: usize = canvas
        .ops
        .iter()
        .map(|op| match op {
            DrawOp::Text { text, .. } => text.len() + 200,
            DrawOp::Path { points, .. }
            | DrawOp::Dashed { points, .. }
            | DrawOp::Poly { points, .. } => 120 + 10 * points.len(),
            _ => 110,
        })
        .sum();
    400 + text + 130 * canvas.background.len()
}

/// Draws the canvas as the final SVG with plotters' SVG backend, then makes
/// its root tag accessible and compacts the body.
pub(super) fn render(text: &ChartText, height: i32, canvas: &Canvas) -> String {
    thread_local! {
        /// plotters' output, reused from chart to chart.
        static RAW: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    let height = height.clamp(1, 1_000_000);
    let draw = |raw: &mut String| {
        raw.clear();
        raw.reserve(raw_size_hint(canvas));
        if draw_ops(raw, height, canvas).is_err() {
            raw.clear();
        }
        let svg = finish(raw, text, (canvas.width, canvas.display_width), height);
        if raw.capacity() > 1 << 20 {
            *raw = String::new();
        }
        svg
    };
    RAW.with(|raw| match raw.try_borrow_mut() {
        Ok(mut raw) => draw(&mut raw),
        Err(_) => draw(&mut String::new()),
    })
}

/// What follows plotters' root `<svg …>` tag (empty when there is none).
pub(super) fn svg_body(raw: &str) -> &str {
    match raw.find("<svg") {
        Some(start) => match raw[start..].find('>') {
            Some(end) => &raw[start + end + 1..],
            None => "",
        },
        None => "",
    }
}

/// Replaces plotters' root tag by an accessible, scalable one and compacts
/// the body. `raw` is plotters' output (or empty).
pub(super) fn finish(
    raw: &str,
    text: &ChartText,
    (width, display): (i32, i32),
    height: i32,
) -> String {
    let id = sanitize_id(&text.id);
    let body = svg_body(raw);
    let mut out =
        String::with_capacity(body.len() + 500 + 2 * id.len() + text.title.len() + text.desc.len());
    push_header(&mut out, &id, text, (width, display), height);

    // The body after `compact` and `trim_start`. Leading whitespace followed
    // by a tag other than `</text>` is never part of a pattern `compact`
    // replaces, so it can be skipped first (plotters' body starts "\n<rect").
    let start = out.len();
    with_scratch(|compacted, _| {
        let trimmed = body.trim_start();
        let compacted = if trimmed.starts_with('<') && !trimmed.starts_with("</text>") {
            compact_into(compacted, trimmed);
            compacted.as_str()
        } else {
            compact_into(compacted, body);
            compacted.trim_start()
        };
        group_lines(compacted, &Lines::of(compacted), &mut out);
    });
    if !out[start..].trim_end().ends_with("</svg>") {
        out.truncate(start);
        out.push_str("</svg>\n");
    }
    out
}

/// The index of the first byte of `b` from `i` on where a pattern of
/// [`compact_into`] can start (a space, `\n`, `>` or `f`), or `b.len()`.
/// Looks at eight bytes at a time: markup has long runs without them.
#[inline]
pub(super) fn next_special(b: &[u8], mut i: usize) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // The high bit of every byte of `w` equal to `c`, and possibly of bytes
    // above one that is: the lowest set bit is exact.
    #[inline]
    fn eq(w: u64, c: u8) -> u64 {
        let x = w ^ (LO * u64::from(c));
        x.wrapping_sub(LO) & !x & HI
    }
    while let Some(chunk) = b.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let m = eq(w, b' ') | eq(w, b'\n') | eq(w, b'>') | eq(w, b'f');
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && !matches!(b[i], b' ' | b'\n' | b'>' | b'f') {
        i += 1;
    }
    i
}

/// Attributes that repeat SVG defaults, dropped by [`compact_into`].
pub(super) const DEFAULT_ATTRS: [&str; 5] = [
    " opacity=\"1\"",
    " font-family=\"sans-serif\"",
    " text-anchor=\"start\"",
    " stroke=\"none\"",
    " stroke-width=\"1\"",
];

/// Drops attributes that repeat SVG defaults, turns the dash sentinel into a
/// dashed target line, puts text content on the line of its tags and rounds
/// font sizes; appends the result to `out`. Caller text cannot contain a raw
/// `"`, so these patterns only ever match markup.
///
/// One pass over `body` with the result of these replacements, in this
/// order (each over the whole text): the [`DEFAULT_ATTRS`] by nothing,
/// ` stroke="<sentinel>"` by the target colour and
/// `stroke-dasharray="<DASH_PATTERN>"`, `\n</text>` by `</text>`, `">\n` by
/// `">`, and then every `font-size="v"` by `v` rounded to one decimal.
pub(super) fn compact_into(out: &mut String, body: &str) {
    use std::fmt::Write as _;
    const SENTINEL: [u8; 7] = hex_colour(DASH_SENTINEL);
    const TARGET: [u8; 7] = hex_colour(TARGET_LINE);
    const STROKE: &[u8] = b" stroke=\"";
    const FONT_SIZE: &[u8] = b"font-size=\"";
    let b = body.as_bytes();
    // body[copied..i] is still to be appended.
    let mut copied = 0;
    let mut i = 0;
    // The last font size read and its rounded text (sizes repeat).
    let mut last_size: (&str, String) = ("", String::new());
    loop {
        i = next_special(b, i);
        if i >= b.len() {
            break;
        }
        match b[i] {
            b' ' => {
                let rest = &b[i..];
                // Only the attribute whose name starts like the text can
                // match (and constant patterns compare without a call).
                let is = |k: usize| rest.starts_with(DEFAULT_ATTRS[k].as_bytes());
                let dropped = match rest.get(1) {
                    Some(b'o') if is(0) => Some(0),
                    Some(b'f') if is(1) => Some(1),
                    Some(b't') if is(2) => Some(2),
                    Some(b's') if is(3) => Some(3),
                    Some(b's') if is(4) => Some(4),
                    Some(b's') => None,
                    _ => {
                        i += 1;
                        continue;
                    }
                };
                if let Some(k) = dropped {
                    out.push_str(&body[copied..i]);
                    i += DEFAULT_ATTRS[k].len();
                    copied = i;
                    continue;
                }
                if rest.starts_with(STROKE)
                    && rest[STROKE.len()..].starts_with(&SENTINEL)
                    && rest.get(STROKE.len() + SENTINEL.len()) == Some(&b'"')
                {
                    out.push_str(&body[copied..i]);
                    out.push_str(" stroke=\"");
                    out.push_str(std::str::from_utf8(&TARGET).unwrap_or_default());
                    out.push_str("\" stroke-dasharray=\"");
                    out.push_str(DASH_PATTERN);
                    out.push('"');
                    i += STROKE.len() + SENTINEL.len() + 1;
                    copied = i;
                    continue;
                }
                i += 1;
            }
            b'\n' if b[i + 1..].starts_with(b"</text>") => {
                out.push_str(&body[copied..i]);
                i += 1;
                copied = i;
            }
            // `">\n`, where the `"` may have come before a dropped attribute.
            b'>' if b.get(i + 1) == Some(&b'\n') && {
                let prev = if i > copied {
                    b.get(i - 1)
                } else {
                    out.as_bytes().last()
                };
                prev == Some(&b'"')
            } =>
            {
                out.push_str(&body[copied..=i]);
                i += 2;
                copied = i;
            }
            b'f' if b[i..].starts_with(FONT_SIZE) => {
                let start = i + FONT_SIZE.len();
                let Some(len) = body[start..].find('"') else {
                    i += 1;
                    continue;
                };
                out.push_str(&body[copied..start]);
                let raw = &body[start..start + len];
                if raw != last_size.0 || last_size.1.is_empty() {
                    let v: f64 = raw.parse().unwrap_or(16.0);
                    let v = (v * 10.0).round() / 10.0;
                    last_size.1.clear();
                    let _ = write!(last_size.1, "{v}");
                    last_size.0 = raw;
                }
                out.push_str(&last_size.1);
                i = start + len;
                copied = i;
            }
            _ => i += 1,
        }
    }
    out.push_str(&body[copied..]);
}

// ---------------------------------------------------------------------------
