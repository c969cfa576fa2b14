//! The same SVG bytes as [`super::plotters_svg`], written directly (history
//! charts), plus the shared header, escaping and `<g>` grouping of runs.

use super::*;
use crate::helpers::escape::{push_escaped, push_svg_escaped};

/// [`render`]'s bytes, written directly: for the history charts, one on
/// every indicator page (44,000 on a national portal), where going through
/// plotters and compacting its output cost 12% of a build. The test
/// `direct_svg_matches_plotters` holds the two to the same output.
pub(super) fn render_direct(text: &ChartText, height: i32, canvas: &Canvas) -> String {
    let height = height.clamp(1, 1_000_000);
    let id = sanitize_id(&text.id);
    let mut out = String::with_capacity(
        raw_size_hint(canvas) + 2 * id.len() + text.title.len() + text.desc.len(),
    );
    push_header(
        &mut out,
        &id,
        text,
        (canvas.width, canvas.display_width),
        height,
    );
    with_scratch(|body, lines| {
        write_ops(body, lines, height, canvas);
        group_lines(body, lines, &mut out);
    });
    out.push_str("</svg>\n");
    out
}

/// Runs `f` on an empty body and line list reused from chart to chart.
pub(super) fn with_scratch<R>(f: impl FnOnce(&mut String, &mut Lines) -> R) -> R {
    type Scratch = std::cell::RefCell<(String, Lines)>;
    thread_local! {
        static SCRATCH: Scratch = Scratch::default();
    }
    let run = |(body, lines): &mut (String, Lines)| {
        body.clear();
        lines.at.clear();
        let r = f(body, lines);
        if body.capacity() > 1 << 20 {
            *body = String::new();
            lines.at = Vec::new();
        }
        r
    };
    SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
        Ok(mut scratch) => run(&mut scratch),
        Err(_) => run(&mut Default::default()),
    })
}

/// Presentation attributes a child inherits from a `<g>`, as the chart
/// bodies write them.
pub(super) const INHERITED: [&str; 7] = [
    "fill",
    "stroke",
    "stroke-dasharray",
    "stroke-width",
    "font-size",
    "font-weight",
    "text-anchor",
];

/// Where each element of a chart body starts and where its [`INHERITED`]
/// attributes are (one contiguous run of ` name="value"` in every element
/// the bodies have), as byte offsets into the body.
#[derive(Default)]
pub(super) struct Lines {
    /// (line start, attributes start, attributes end).
    pub(super) at: Vec<(u32, u32, u32)>,
}

impl Lines {
    pub(super) fn push(&mut self, start: usize, style: usize, style_end: usize) {
        self.at.push((start as u32, style as u32, style_end as u32));
    }

    /// The elements of `body` as plotters' compacted output writes them,
    /// one a line (`<name a="v" …/>`), a text's content possibly over
    /// several (`<text a="v" …>…</text>`). A line that is not an element, or
    /// an element whose [`INHERITED`] attributes are not side by side, is
    /// noted with none.
    pub(super) fn of(body: &str) -> Lines {
        const TEXT_END: &str = "</text>\n";
        let mut lines = Lines::default();
        let mut start = 0;
        while start < body.len() {
            let rest = &body[start..];
            let len = if rest.starts_with("<text") {
                rest.find(TEXT_END)
                    .map_or(rest.len(), |i| i + TEXT_END.len())
            } else {
                rest.find('\n').map_or(rest.len(), |i| i + 1)
            };
            let (a, b) = inherited_span(&rest[..len]).unwrap_or((0, 0));
            lines.push(start, start + a, start + b);
            start += len;
        }
        lines
    }
}

/// The byte range of the [`INHERITED`] attributes (with their leading
/// spaces) of an element written on one line, when they are side by side.
pub(super) fn inherited_span(line: &str) -> Option<(usize, usize)> {
    let b = line.as_bytes();
    if b.first() != Some(&b'<') || b.get(1).is_none_or(|c| !c.is_ascii_alphabetic()) {
        return None;
    }
    let mut i = 1;
    while i < b.len() && b[i].is_ascii_alphabetic() {
        i += 1;
    }
    let mut span: Option<(usize, usize)> = None;
    while b.get(i) == Some(&b' ') {
        let start = i;
        let eq = i + 1 + line[i + 1..].find("=\"")?;
        let close = eq + 2 + line[eq + 2..].find('"')?;
        if INHERITED.contains(&&line[start + 1..eq]) {
            span = match span {
                None => Some((start, close + 1)),
                Some((a, end)) if end == start => Some((a, close + 1)),
                Some(_) => return None,
            };
        }
        i = close + 1;
    }
    matches!(b.get(i), Some(b'/' | b'>')).then_some(span.unwrap_or((0, 0)))
}

/// Copies the chart body `body`, whose elements `lines` notes, to `out`,
/// with each run of two or more elements whose [`INHERITED`] attributes are
/// the same put in a `<g>` that carries them once: a chart's gridlines,
/// bars, tick labels and value labels each share their colours and font,
/// and written on every element they were a quarter of a history chart's
/// bytes. What is drawn does not change (the attributes are inherited; the
/// test `grouping_changes_no_element` takes them back down and compares,
/// and the charts of the national corpus were compared in Chromium pixel
/// for pixel).
pub(super) fn group_lines(body: &str, lines: &Lines, out: &mut String) {
    out.reserve(body.len());
    let at = &lines.at;
    let end_of = |k: usize| at.get(k + 1).map_or(body.len(), |l| l.0 as usize);
    let style = |k: usize| &body[at[k].1 as usize..at[k].2 as usize];
    // Text before the first element (none in the bodies written here).
    out.push_str(&body[..at.first().map_or(body.len(), |l| l.0 as usize)]);
    let mut k = 0;
    while k < at.len() {
        let shared = style(k);
        let mut j = k + 1;
        while !shared.is_empty() && j < at.len() && style(j) == shared {
            j += 1;
        }
        if j - k >= 2 {
            out.push_str("<g");
            out.push_str(shared);
            out.push_str(">\n");
            for l in k..j {
                let (start, a, b) = at[l];
                out.push_str(&body[start as usize..a as usize]);
                out.push_str(&body[b as usize..end_of(l)]);
            }
            out.push_str("</g>\n");
        } else {
            out.push_str(&body[at[k].0 as usize..end_of(k)]);
        }
        k = j;
    }
}

/// An SVG with only its title and description.
pub(super) fn empty_chart(text: &ChartText) -> String {
    let id = sanitize_id(&text.id);
    let mut out = String::with_capacity(500 + text.title.len() + text.desc.len());
    push_header(&mut out, &id, text, (WIDTH, DISPLAY_WIDTH), 40);
    out.push_str("</svg>\n");
    out
}

/// `id` reduced to `[a-z0-9-]`, never empty and never starting with a digit.
pub(super) fn sanitize_id(id: &str) -> String {
    let mut out = String::with_capacity(id.len().min(80) + 6);
    for c in id.chars().take(80) {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "chart".to_string()
    } else if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "chart-");
        out
    } else {
        out
    }
}

pub(super) const FONT_STACK: &str =
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif";

/// `escape(&clean(s))` appended to `out`, without the intermediate strings.
pub(super) fn push_clean_escaped(out: &mut String, s: &str) {
    if is_clean(s) {
        push_escaped(out, s);
    } else {
        push_escaped(out, &clean_slow(s));
    }
}

/// The root tag, title and description of a chart whose sanitized id is `id`.
pub(super) fn push_header(
    out: &mut String,
    id: &str,
    text: &ChartText,
    (width, display): (i32, i32),
    height: i32,
) {
    out.push_str("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ");
    push_int(out, i64::from(width));
    out.push(' ');
    push_int(out, i64::from(height));
    out.push_str("\" role=\"img\" aria-labelledby=\"");
    out.push_str(id);
    out.push_str("-title ");
    out.push_str(id);
    out.push_str("-desc\" preserveAspectRatio=\"xMinYMin meet\" font-family=\"");
    out.push_str(FONT_STACK);
    out.push_str("\" style=\"display:block;width:100%;max-width:");
    push_int(out, i64::from(display));
    out.push_str("px;height:auto\"><title id=\"");
    out.push_str(id);
    out.push_str("-title\">");
    push_clean_escaped(out, &text.title);
    out.push_str("</title><desc id=\"");
    out.push_str(id);
    out.push_str("-desc\">");
    push_clean_escaped(out, &text.desc);
    out.push_str("</desc>\n");
}

/// The two-digit numbers 00 to 99, one after another.
pub(super) const DIGIT_PAIRS: &str = "0001020304050607080910111213141516171819202122232425262728293031323334353637383940414243444546474849\
                           5051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899";

/// `v` in decimal, as `format!("{v}")` writes it.
#[inline]
pub(super) fn push_int(out: &mut String, v: i64) {
    // Coordinates: almost always below 10 000.
    if (0..10_000).contains(&v) {
        let n = v as usize;
        let pair = |k: usize, full: bool| {
            let from = 2 * k + usize::from(!full && k < 10);
            &DIGIT_PAIRS[from..2 * k + 2]
        };
        if n < 100 {
            out.push_str(pair(n, false));
        } else {
            out.push_str(pair(n / 100, false));
            out.push_str(pair(n % 100, true));
        }
        return;
    }
    use std::fmt::Write;
    let _ = write!(out, "{v}");
}

/// ` name="#RRGGBB"`.
#[inline]
pub(super) fn push_colour_attr(out: &mut String, name: &str, c: RGBColor) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    out.reserve(8);
    for b in hex_colour(c) {
        out.push(char::from(b));
    }
    out.push('"');
}

/// `x,y x,y … ` of clamped points, as plotters writes a `points` attribute.
pub(super) fn push_points(
    out: &mut String,
    points: &[(i32, i32)],
    clamp: impl Fn(&(i32, i32)) -> (i32, i32),
) {
    out.push_str(" points=\"");
    for p in points {
        let (x, y) = clamp(p);
        push_int(out, i64::from(x));
        out.push(',');
        push_int(out, i64::from(y));
        out.push(' ');
    }
    out.push_str("\"/>\n");
}

/// A `<polyline>` in `color` (the dashed target line for [`DASH_SENTINEL`]),
/// noting its line in `lines`.
pub(super) fn push_polyline(
    out: &mut String,
    lines: &mut Lines,
    points: &[(i32, i32)],
    color: RGBColor,
    width: u32,
    clamp: impl Fn(&(i32, i32)) -> (i32, i32),
) {
    let start = out.len();
    out.push_str("<polyline");
    let style = out.len();
    out.push_str(" fill=\"none\"");
    if color == DASH_SENTINEL {
        push_colour_attr(out, "stroke", TARGET_LINE);
        out.push_str(" stroke-dasharray=\"");
        out.push_str(DASH_PATTERN);
        out.push('"');
    } else {
        push_colour_attr(out, "stroke", color);
    }
    if width != 1 {
        out.push_str(" stroke-width=\"");
        push_int(out, i64::from(width));
        out.push('"');
    }
    lines.push(start, style, out.len());
    push_points(out, points, clamp);
}

/// The `font-size` value [`compact_into`] makes of what the SVG backend
/// writes for `size` (see [`text_style`]): `size * 1.24 / 1.24`, rounded to
/// one decimal.
pub(super) fn font_size_text(size: u32) -> String {
    let v = f64::from(size) * 1.24 / 1.24;
    format!("{}", (v * 10.0).round() / 10.0)
}

/// Writes the display list as the chart's body, before grouping: the same
/// text that drawing it with plotters' SVG backend ([`draw_ops`]) and
/// compacting the result ([`compact_into`]) gives, written directly. Every
/// point is clamped to the chart and rectangle corners are ordered, as a
/// drawing area does. Each element's line and its [`INHERITED`] attributes
/// are noted in `lines`, for [`group_lines`].
///
/// In that output (all colours opaque, so `opacity="1"` is dropped
/// everywhere) a filled rectangle is `<rect x y width height fill/>`, a path
/// `<polyline fill="none" stroke [stroke-dasharray] [stroke-width≠1]
/// points/>`, a polygon `<polygon fill points/>`, a filled circle `<circle cx
/// cy r fill/>` and a text `<text x y dy="0.76em" [text-anchor≠start]
/// font-size fill [font-weight]>…</text>`, each followed by a newline; text
/// is escaped as plotters escapes it.
pub(super) fn write_ops(out: &mut String, lines: &mut Lines, height: i32, canvas: &Canvas) {
    let (w, h) = (canvas.width.max(0), height.max(0));
    let clamp = move |&(x, y): &(i32, i32)| (x.min(w).max(0), y.min(h).max(0));
    // Font sizes in use, with their text (a chart uses a handful).
    let mut sizes: Vec<(u32, String)> = Vec::with_capacity(4);
    let rect =
        |out: &mut String, lines: &mut Lines, a: (i32, i32), c: (i32, i32), color: RGBColor| {
            let start = out.len();
            let (x0, y0) = (a.0.min(c.0), a.1.min(c.1));
            out.push_str("<rect x=\"");
            push_int(out, i64::from(x0));
            out.push_str("\" y=\"");
            push_int(out, i64::from(y0));
            out.push_str("\" width=\"");
            push_int(out, i64::from(a.0.max(c.0) - x0));
            out.push_str("\" height=\"");
            push_int(out, i64::from(a.1.max(c.1) - y0));
            out.push('"');
            let style = out.len();
            push_colour_attr(out, "fill", color);
            lines.push(start, style, out.len());
            out.push_str("/>\n");
        };
    rect(out, lines, (0, 0), (w, h), WHITE_BG);
    for op in canvas.background.iter().chain(&canvas.ops) {
        match op {
            DrawOp::Rect {
                x0,
                y0,
                x1,
                y1,
                color,
            } => rect(out, lines, clamp(&(*x0, *y0)), clamp(&(*x1, *y1)), *color),
            DrawOp::Path {
                points,
                color,
                width,
            } => push_polyline(out, lines, points, *color, *width, clamp),
            DrawOp::Dashed { points, width } => {
                push_polyline(out, lines, points, DASH_SENTINEL, *width, clamp);
            }
            DrawOp::Poly { points, color } => {
                let start = out.len();
                out.push_str("<polygon");
                let style = out.len();
                push_colour_attr(out, "fill", *color);
                lines.push(start, style, out.len());
                push_points(out, points, clamp);
            }
            DrawOp::Circle {
                center,
                radius,
                color,
            } => {
                let start = out.len();
                let (x, y) = clamp(center);
                out.push_str("<circle cx=\"");
                push_int(out, i64::from(x));
                out.push_str("\" cy=\"");
                push_int(out, i64::from(y));
                out.push_str("\" r=\"");
                push_int(out, i64::from((*radius as i32).max(0)));
                out.push('"');
                let style = out.len();
                push_colour_attr(out, "fill", *color);
                lines.push(start, style, out.len());
                out.push_str("/>\n");
            }
            DrawOp::Text { x, y, text, font } => {
                let start = out.len();
                let (x, y) = clamp(&(*x, *y));
                out.push_str("<text x=\"");
                push_int(out, i64::from(x));
                out.push_str("\" y=\"");
                push_int(out, i64::from(y));
                out.push_str("\" dy=\"0.76em\"");
                let style = out.len();
                out.push_str(match font.anchor {
                    Anchor::Start => " font-size=\"",
                    Anchor::Middle => " text-anchor=\"middle\" font-size=\"",
                    Anchor::End => " text-anchor=\"end\" font-size=\"",
                });
                let k = match sizes.iter().position(|(s, _)| *s == font.size) {
                    Some(k) => k,
                    None => {
                        sizes.push((font.size, font_size_text(font.size)));
                        sizes.len() - 1
                    }
                };
                out.push_str(&sizes[k].1);
                out.push('"');
                push_colour_attr(out, "fill", font.color);
                if font.bold {
                    out.push_str(" font-weight=\"bold\"");
                }
                lines.push(start, style, out.len());
                out.push('>');
                push_svg_escaped(out, text);
                out.push_str("</text>\n");
            }
        }
    }
}
