//! A chart to take away: the chart with a band under it saying what it is
//! and where it comes from (title, source document and date, licence, the
//! address of its page), for the SVG and PNG downloads. A chart copied
//! into a report or an article keeps its source with it.

use super::*;

/// What the band under a downloaded chart says, in the reader's language.
pub struct Credits {
    /// The chart's title (bold, first).
    pub title: String,
    /// Source document and date, licence, …: one wrapped line each.
    pub lines: Vec<String>,
    /// The full address of the chart's page (broken after a `/` when long).
    pub address: String,
}

/// Background of the band, set apart from the chart.
const BAND: RGBColor = RGBColor(0xF3, 0xF4, 0xF6);

/// `svg` (a chart made by this module) as a file of its own: a fixed
/// `width` and `height` in CSS px (the chart's viewBox units) instead of the
/// page's fluid style, and the credits band added below the chart.
pub fn with_credits(svg: &str, credits: &Credits) -> String {
    let (Some(open_end), Some(close)) = (svg.find('>'), svg.rfind("</svg>")) else {
        return svg.to_string();
    };
    let open = &svg[..open_end];
    let Some((width, height)) = view_box(open) else {
        return svg.to_string();
    };
    let mut c = Canvas::new(width);
    let total = layout_band(&mut c, height, credits);
    // The band first (its white background covers the whole image), then
    // the chart over its own white background.
    let band = with_scratch(|body, lines| {
        write_ops(body, lines, total, &c);
        let mut out = String::with_capacity(body.len() + 64);
        group_lines(body, lines, &mut out);
        out
    });
    let mut out = String::with_capacity(svg.len() + band.len() + 128);
    // The root: fixed size, no page style.
    let mut root = open.replace(
        &format!("viewBox=\"0 0 {width} {height}\""),
        &format!("width=\"{width}\" height=\"{total}\" viewBox=\"0 0 {width} {total}\""),
    );
    if let Some(i) = root.find(" style=\"") {
        let end = root[i + 8..]
            .find('"')
            .map_or(root.len(), |e| i + 8 + e + 1);
        root.replace_range(i..end, "");
    }
    root = root.replace(" preserveAspectRatio=\"xMinYMin meet\"", "");
    out.push_str(&root);
    out.push('>');
    // The title and description stay first, as the accessible name.
    let rest = &svg[open_end + 1..close];
    let (head, body) = match rest.find("</desc>") {
        Some(i) => rest.split_at(i + "</desc>".len()),
        None => ("", rest),
    };
    out.push_str(head);
    out.push('\n');
    out.push_str(&band);
    out.push_str(body.trim_start_matches('\n'));
    out.push_str("</svg>\n");
    out
}

/// Width and height of `viewBox="0 0 W H"` in an opening tag.
fn view_box(open: &str) -> Option<(i32, i32)> {
    let i = open.find("viewBox=\"0 0 ")? + "viewBox=\"0 0 ".len();
    let v = &open[i..i + open[i..].find('"')?];
    let (w, h) = v.split_once(' ')?;
    Some((w.parse().ok()?, h.parse().ok()?))
}

/// The band from `top` down; returns the image's full height.
fn layout_band(c: &mut Canvas, top: i32, credits: &Credits) -> i32 {
    let inner = f64::from(c.inner());
    // Smaller than the chart's own text: the image is shown whole, at its
    // width, in a document.
    let title_font = Font::new(22, TEXT).bold();
    let font = Font::new(18, TEXT_MUTED);
    let mut lines: Vec<(String, Font, i32)> = Vec::new();
    for l in wrap(&credits.title, title_font, inner, PHONE_MAX_LABEL_LINES) {
        lines.push((l, title_font, 28));
    }
    for line in &credits.lines {
        for l in wrap(line, font, inner, PHONE_MAX_LABEL_LINES) {
            lines.push((l, font, 24));
        }
    }
    for l in url_lines(&clean(&credits.address), font, inner) {
        lines.push((l, font, 24));
    }
    let height: i32 = 12 + lines.iter().map(|l| l.2).sum::<i32>() + 12;
    c.rect(0, top, c.width, top + height, BAND);
    c.line(vec![(0, top), (c.width, top)], GRID, 2);
    let mut y = top + 12;
    for (text, font, line) in lines {
        c.text_owned(PAD, y + (line - font.size as i32) / 2, text, font);
        y += line;
    }
    top + height
}

/// An address broken after `/` (or anywhere, for a part too long) into
/// lines that fit `max_w`; never cut.
pub(super) fn url_lines(url: &str, font: Font, max_w: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for part in url.split_inclusive('/') {
        if !cur.is_empty() && font.width(&cur) + font.width(part) > max_w {
            lines.push(std::mem::take(&mut cur));
        }
        for ch in part.chars() {
            if !cur.is_empty() && font.width(&cur) + font.char_width(ch) > max_w {
                lines.push(std::mem::take(&mut cur));
            }
            cur.push(ch);
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}
