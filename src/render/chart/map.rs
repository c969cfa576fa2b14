//! Choropleth map: one region per area of a boundary set, filled by the
//! class of its value on a colour-blind-safe sequential palette (ColorBrewer
//! Blues), "no data" hatched grey, with a legend of the class bounds.
//!
//! Written directly (plotters' SVG backend has no `<path>` with a `<title>`
//! child): the legend's text and swatches go through the display list and
//! [`write_ops`] like every chart, the regions are `<path>` elements after
//! it. Structure a test can rely on: the root has `role="group"` and
//! `aria-labelledby` (its `<title>` and `<desc>`), so that each region, a
//! `<path d="…" fill="…"><title>name: value</title></path>`, can be reached
//! by a screen reader; there is exactly one `<path>` per region, in the
//! order given, inside one `<g>`; a region with a value is filled with
//! [`MAP_CLASSES`]`[class]`, one without with `url(#<id>-nodata)`, the
//! hatched pattern the legend's last swatch also uses. Coordinates are
//! whole units, so the same regions give the same bytes.

use super::*;
use crate::model::{Region, PLANE_WIDTH};

/// The five class colours, lightest (lowest values) first: ColorBrewer
/// Blues, its six-class scheme without the near-white first colour, so that
/// the lowest class still stands out from the background and from "no data".
pub const MAP_CLASSES: [&str; 5] = ["#C6DBEF", "#9ECAE1", "#6BAED6", "#3182BD", "#08519C"];
/// Background and lines of the "no data" hatching.
const NO_DATA_BG: &str = "#F3F4F6";
const NO_DATA_LINE: &str = "#6B7280";
/// Borders between regions.
const BORDER: &str = "#FFFFFF";
/// The tallest a map is drawn (units): a long country is narrowed to fit.
pub(super) const MAP_MAX_H: i32 = 720;
/// Height of a legend row.
const LEGEND_ROW: i32 = 34;

/// One region of a [`choropleth_map`].
pub struct MapRegion<'a> {
    pub region: &'a Region,
    /// What its `<title>` says: "Hải Dương: 86,5 %".
    pub label: String,
    /// Its class (index into the legend's classes); `None`: no data.
    pub class: Option<usize>,
}

/// The legend of a [`choropleth_map`].
pub struct MapLegend {
    /// What the colours show, in the unit stated.
    pub caption: String,
    /// One label per class, lowest first: "40 % – 50 %" (at most five).
    pub classes: Vec<String>,
    /// The label of regions without a figure.
    pub no_data: String,
}

/// The bounds of the classes of `values`: equal steps of 1, 2, 2.5 or 5
/// times a power of ten, from a multiple of the step at or below the lowest
/// value to the first at or above the highest, at most five classes (one
/// more bound than classes). A value on a bound belongs to the class above
/// it (the last class holds its upper bound). Empty without a finite value.
pub fn class_bounds(values: &[f64]) -> Vec<f64> {
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let Some(lo) = finite.iter().copied().reduce(f64::min) else {
        return Vec::new();
    };
    let hi = finite.iter().copied().fold(lo, f64::max);
    if hi - lo < 1e-9 * hi.abs().max(1.0) {
        return vec![lo, hi];
    }
    let raw = (hi - lo) / 5.0;
    let mut p = 10f64.powf(raw.log10().floor());
    loop {
        for s in [1.0, 2.0, 2.5, 5.0] {
            let step = s * p;
            if step < raw {
                continue;
            }
            let start = (lo / step).floor() * step;
            let n = ((hi - start) / step).ceil().max(1.0) as usize;
            if n <= 5 {
                // Rounded so that 0.1 + 0.2 is 0.3: divided by a whole
                // power of ten below 1, which rounds right.
                let whole = if p < 1.0 { (1.0 / p).round() } else { 1.0 };
                return (0..=n)
                    .map(|k| ((start + k as f64 * step) * whole * 1e6).round() / 1e6 / whole)
                    .collect();
            }
        }
        p *= 10.0;
    }
}

/// The class of `v` given [`class_bounds`]: `None` outside them.
pub fn class_of(bounds: &[f64], v: f64) -> Option<usize> {
    let n = bounds.len().checked_sub(1)?;
    if !(v.is_finite() && v >= bounds[0] && v <= bounds[n]) {
        return None;
    }
    Some((1..n).take_while(|&k| v >= bounds[k]).count())
}

/// The colour of class `k` of `n`: spread over the palette, darkest last.
pub fn class_colour(k: usize, n: usize) -> &'static str {
    let last = MAP_CLASSES.len() - 1;
    let i = match n {
        0 | 1 => last / 2 + 1,
        _ => (k.min(n - 1) * last + (n - 1) / 2) / (n - 1),
    };
    MAP_CLASSES[i.min(last)]
}

/// A choropleth map of `regions` on a plane [`PLANE_WIDTH`] wide and
/// `plane_height` high: the regions fitted into the chart's width (at most
/// [`MAP_MAX_H`] high, centred), then the legend under them.
pub fn choropleth_map(
    text: &ChartText,
    plane_height: f64,
    regions: &[MapRegion],
    legend: &MapLegend,
) -> String {
    if regions.is_empty() {
        return empty_chart(text);
    }
    let id = sanitize_id(&text.id);
    let plane_height = if plane_height.is_finite() && plane_height > 0.0 {
        plane_height
    } else {
        PLANE_WIDTH
    };
    let scale = (f64::from(INNER) / PLANE_WIDTH).min(f64::from(MAP_MAX_H) / plane_height);
    let map_w = px(PLANE_WIDTH * scale);
    let map_h = px(plane_height * scale);
    let (x0, y0) = (PAD + (INNER - map_w) / 2, 8);

    let mut c = Canvas::new(WIDTH);
    let font = Font::new(PHONE_SMALL_SIZE, TEXT);
    let top_of = |y: i32| y + (LEGEND_ROW - PHONE_SMALL_SIZE as i32) / 2;
    let mut y = y0 + map_h + 16;
    for line in wrap(&legend.caption, font, f64::from(INNER), 3) {
        c.text_owned(
            PAD,
            top_of(y),
            line,
            Font::new(PHONE_SMALL_SIZE, TEXT_MUTED),
        );
        y += PHONE_SMALL_LINE;
    }
    y += 4;
    // Two columns: the classes, then "no data".
    let n = legend.classes.len();
    let entries = n + 1;
    let rows = entries.div_ceil(2) as i32;
    let col_w = INNER / 2;
    let swatch = |k: usize| {
        let (col, row) = ((k as i32) / rows, (k as i32) % rows);
        (PAD + col * col_w, y + row * LEGEND_ROW)
    };
    let label_w = f64::from(col_w - 44);
    for (k, label) in legend.classes.iter().enumerate() {
        let (sx, sy) = swatch(k);
        let colour = class_rgb(class_colour(k, n));
        c.rect(sx, sy + 4, sx + 34, sy + LEGEND_ROW - 6, colour);
        c.text_owned(
            sx + 42,
            top_of(sy),
            ellipsize_owned(clean(label), font, label_w),
            font,
        );
    }
    let (nx, ny) = swatch(n);
    c.text_owned(
        nx + 42,
        top_of(ny),
        ellipsize_owned(clean(&legend.no_data), font, label_w),
        font,
    );
    let height = y + rows * LEGEND_ROW + 8;

    let mut out = String::with_capacity(4096 + regions.len() * 400);
    push_map_header(&mut out, &id, text, height);
    out.push_str("<defs><pattern id=\"");
    out.push_str(&id);
    out.push_str("-nodata\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\"><rect width=\"8\" height=\"8\" fill=\"");
    out.push_str(NO_DATA_BG);
    out.push_str("\"/><path stroke=\"");
    out.push_str(NO_DATA_LINE);
    out.push_str("\" stroke-width=\"1.5\" d=\"M-2,2 2,-2M0,8 8,0M6,10 10,6\"/></pattern></defs>\n");
    with_scratch(|body, lines| {
        write_ops(body, lines, height, &c);
        group_lines(body, lines, &mut out);
    });
    // The "no data" swatch, outlined like the regions' hatching.
    out.push_str("<rect x=\"");
    push_int(&mut out, i64::from(nx));
    out.push_str("\" y=\"");
    push_int(&mut out, i64::from(ny + 4));
    out.push_str("\" width=\"34\" height=\"");
    push_int(&mut out, i64::from(LEGEND_ROW - 10));
    out.push_str("\" fill=\"url(#");
    out.push_str(&id);
    out.push_str("-nodata)\" stroke=\"");
    out.push_str(NO_DATA_LINE);
    out.push_str("\"/>\n<g stroke=\"");
    out.push_str(BORDER);
    out.push_str("\" stroke-linejoin=\"round\" fill-rule=\"evenodd\">\n");
    for r in regions {
        out.push_str("<path d=\"");
        push_region(&mut out, r.region, scale, (x0, y0));
        out.push_str("\" fill=\"");
        match r.class {
            Some(k) => out.push_str(class_colour(k, n)),
            None => {
                out.push_str("url(#");
                out.push_str(&id);
                out.push_str("-nodata)");
            }
        }
        out.push_str("\"><title>");
        push_clean_escaped(&mut out, &r.label);
        out.push_str("</title></path>\n");
    }
    out.push_str("</g>\n</svg>\n");
    out
}

/// `#RRGGBB` as a colour of the display list.
fn class_rgb(hex: &str) -> RGBColor {
    let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0);
    RGBColor((v >> 16) as u8, (v >> 8) as u8, v as u8)
}

/// The root tag, title and description of a map: like every chart's
/// ([`push_header`]) but a group, whose regions are read one by one.
fn push_map_header(out: &mut String, id: &str, text: &ChartText, height: i32) {
    let start = out.len();
    push_header(out, id, text, (WIDTH, DISPLAY_WIDTH), height);
    if let Some(at) = out[start..].find(" role=\"img\"") {
        let at = start + at;
        out.replace_range(at..at + " role=\"img\"".len(), " role=\"group\"");
    }
}

/// The path data of a region: each ring as `M x,y x,y …Z` in whole units,
/// repeated points left out. A ring that shrinks below three points at this
/// size is left out, unless the region would have none.
fn push_region(out: &mut String, region: &Region, scale: f64, (x0, y0): (i32, i32)) {
    let point = |&(x, y): &(f64, f64)| (x0 + px(x * scale), y0 + px(y * scale));
    let mut rings: Vec<Vec<(i32, i32)>> = region
        .rings
        .iter()
        .map(|ring| {
            let mut pts: Vec<(i32, i32)> = ring.iter().map(point).collect();
            pts.dedup();
            if pts.len() > 1 && pts.first() == pts.last() {
                pts.pop();
            }
            pts
        })
        .collect();
    if rings.iter().all(|r| r.len() < 3) {
        // A region smaller than a unit: its largest ring as it comes.
        rings.sort_by_key(|r| std::cmp::Reverse(r.len()));
        rings.truncate(1);
    } else {
        rings.retain(|r| r.len() >= 3);
    }
    for ring in rings {
        for (i, (x, y)) in ring.iter().enumerate() {
            out.push(if i == 0 { 'M' } else { ' ' });
            push_int(out, i64::from(*x));
            out.push(',');
            push_int(out, i64::from(*y));
        }
        out.push('Z');
    }
    if out.ends_with("d=\"") {
        out.push_str("M0,0Z");
    }
}
