//! Accessible, phone-friendly SVG charts in the markup of plotters' SVG backend.
//!
//! Every chart is first laid out as a small display list in a coordinate space
//! [`WIDTH`] units wide whose height grows with the content, then written as
//! SVG (rectangles, polylines, polygons, circles and real `<text>` elements
//! only, so the output is deterministic and needs no fonts): drawn with
//! plotters' `SVGBackend::with_string` and post-processed, except the history
//! charts of indicator pages (the bulk of a large site's charts), whose same
//! bytes are written directly (the test `direct_svg_matches_plotters` holds
//! the two ways to the same output). The root has `role="img"`, `aria-labelledby`, a `<title>` and a `<desc>`,
//! no fixed width and height so it scales with its container, and no
//! redundant default attributes, to keep the file small.
//!
//! Callers pass already formatted and translated strings; the only formatting
//! done here goes through the closures given to [`dataset_chart`] and
//! [`history_chart`], and [`count_bars`] writes its counts. Every caller
//! string is XML-escaped (plotters escapes text content and attribute values;
//! the title and description are escaped here) and control characters are
//! removed.
//!
//! Status is never shown by colour alone: every row and legend entry carries a
//! symbol (✓ met, ✗ not met, – no data, ○ no target) and the status word.
//!
//! Group, dataset, history and count charts are 640 units wide (shown at
//! most 480 CSS px wide), the status bar 400 (shown at most 400 px); the root has no width or
//! height attributes but `style="display:block;width:100%;max-width:…;
//! height:auto"` and `preserveAspectRatio="xMinYMin meet"`.
//!
//! A run of elements drawn in the same colours and font gets them once, from
//! a `<g>` around it ([`group_lines`]); below, an element's `fill`,
//! `stroke…`, `font-…` and `text-anchor` are its own or its group's.
//!
//! Structure a test can rely on: in [`group_chart`] every row whose ratio is
//! `Some` and not NaN emits exactly one bar `<rect>`, in row order, whose
//! `fill` is the status fill (`#0F766E` met, `#C2410C` not met, `#80868F` no
//! data, `#E5E7EB` no target) and whose `width` is
//! `round(min(max(ratio, 0), 1.5) / 1.5 * 624)`; no other `<rect>` in a group
//! chart uses those fills. In [`status_bar`] each non-zero count emits one
//! segment `<rect>` with the same fills, in the order given, followed by the
//! legend swatches (14 units wide).
//!
//! In [`history_chart`] every point with a finite value emits exactly one bar
//! `<rect>` with `fill="#1F5FAD"` (zero-high for 0), in point order (left
//! to right, equal widths); bars stand on (negative ones hang from) the zero line, so
//! `height` is `round(|value| / (top tick − bottom tick) * 260)` and
//! `y + height` (or `y` for a negative bar) is the zero line's y. No other
//! element uses that fill. The target is the only `<polyline>` carrying
//! `stroke-dasharray` that spans the plot (`stroke="#374151"`, two points at
//! the same y, ending at x = 632); the key above the plot has a second,
//! 44-unit dashed polyline. The deadline marker is a `<polygon>` diamond with
//! `fill="#374151"` centred on the target line at the deadline column's
//! centre (the key has a second one); value labels (and the "–" of missing
//! values) and counts are the bold (`font-weight="bold"`) `<text>` elements. In [`count_bars`] every item
//! emits one `<rect>` with `fill="#1F5FAD"` in order, `x = 8`, `height = 26`
//! and `width` proportional to the count (the largest count's bar plus its
//! label fills the width), followed by the count as bold text at `x + width + 6`.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

#[cfg(test)]
use super::escape;
use crate::model::StatusKind;

/// One indicator in a target group's chart.
pub struct BulletRow {
    /// Indicator name; may be long Vietnamese text.
    pub label: String,
    /// Latest value / target: 1.0 means exactly on target; `None` = no data.
    pub ratio: Option<f64>,
    /// Already formatted value, e.g. "8,48 %", or "chưa có số liệu".
    pub value_text: String,
    /// Already formatted target, e.g. "mục tiêu ≥ 10 %".
    pub target_text: String,
    pub status: StatusKind,
    /// The status word shown beside the symbol, e.g. "Chưa đạt".
    pub status_text: String,
}

/// Accessible text of a chart.
pub struct ChartText {
    /// Unique id for `<title id=...>` / `aria-labelledby`; sanitized to `[a-z0-9-]`.
    pub id: String,
    /// Accessible name.
    pub title: String,
    /// The data in words.
    pub desc: String,
}

/// One data series of a dataset chart; `values[i]` belongs to category `i`.
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

/// How a dataset chart is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatasetChartKind {
    /// Horizontal bars, one row per category (grouped bars for several series).
    Bar,
    /// Lines with markers over the categories.
    Line,
}

// ---------------------------------------------------------------------------
// Geometry and palette
// ---------------------------------------------------------------------------

/// Width of every chart's viewBox.
const WIDTH: i32 = 640;
/// Largest rendered width (CSS px) of a chart [`WIDTH`] units wide: on a
/// phone the chart shrinks to its container (the text sizes below are chosen
/// for that: a 24-unit label is about 11.5 px on a 375 px screen), on a
/// desktop it is not blown up beyond body-text size (24 units → 18 px).
const DISPLAY_WIDTH: i32 = 480;
/// Width of the status bar's viewBox: a summary, kept narrow so its text
/// stays large on phones.
const STATUS_WIDTH: i32 = 400;
/// Legend text size of the status bar (its viewBox is narrower).
const STATUS_SIZE: u32 = 17;
/// Horizontal margin.
const PAD: i32 = 8;
/// Right end of the drawing area.
const X_END: i32 = WIDTH - PAD;
/// Width available to bars and text.
const INNER: i32 = X_END - PAD;

/// Row labels (indicator and category names).
const LABEL_SIZE: u32 = 24;
const LABEL_LINE: i32 = 30;
/// Value, target and status texts, legends.
const SMALL_SIZE: u32 = 20;
const SMALL_LINE: i32 = 26;
/// Axis tick labels.
const TICK_SIZE: u32 = 18;
/// At most this many lines of a row label; the rest is cut with "…".
const MAX_LABEL_LINES: usize = 3;

/// Bullet bars show ratios up to this; longer bars are capped and marked.
const RATIO_CAP: f64 = 1.5;
const BULLET_HEIGHT: i32 = 26;

const WHITE_BG: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);
/// Main text (labels, values).
const TEXT: RGBColor = RGBColor(0x11, 0x18, 0x27);
/// Secondary text (targets, ticks, missing values).
const TEXT_MUTED: RGBColor = RGBColor(0x4B, 0x55, 0x63);
/// Track behind a bullet bar up to the target, and beyond it.
const TRACK: RGBColor = RGBColor(0xEC, 0xEE, 0xF1);
const TRACK_OVER: RGBColor = RGBColor(0xF6, 0xF7, 0xF9);
/// Gridlines and row separators.
const GRID: RGBColor = RGBColor(0xDD, 0xE1, 0xE6);
/// Axis baselines and the target line.
const AXIS: RGBColor = RGBColor(0x37, 0x41, 0x51);

/// The target line of a history chart (dashed).
const TARGET_LINE: RGBColor = AXIS;
/// Dash and gap lengths of dashed lines, as written to `stroke-dasharray`.
const DASH_PATTERN: &str = "10 6";
/// Stroke colour that stands in for [`TARGET_LINE`] while plotters draws a
/// dashed path (its SVG backend has no dashes); [`compact`] replaces it by the
/// real colour and a `stroke-dasharray`. Used for nothing else.
const DASH_SENTINEL: RGBColor = RGBColor(0x01, 0x02, 0x03);

/// Fill of bars and segments per status (≥ 3:1 against white, or outlined).
const MET_FILL: RGBColor = RGBColor(0x0F, 0x76, 0x6E);
const NOT_MET_FILL: RGBColor = RGBColor(0xC2, 0x41, 0x0C);
const NO_DATA_FILL: RGBColor = RGBColor(0x80, 0x86, 0x8F);
const NO_TARGET_FILL: RGBColor = RGBColor(0xE5, 0xE7, 0xEB);
/// Progress toward a target that is not yet due (no verdict).
const NOT_YET_DUE_FILL: RGBColor = RGBColor(0x1F, 0x5F, 0xAD);
/// A target period over with no figure for it.
const OVERDUE_FILL: RGBColor = RGBColor(0xB3, 0x59, 0x00);
/// Outline drawn around no-target fills (the fill itself is too light).
const NO_TARGET_OUTLINE: RGBColor = RGBColor(0x6B, 0x72, 0x80);

/// Text colours per status (≥ 4.5:1 against white).
const MET_TEXT: RGBColor = MET_FILL;
const NOT_MET_TEXT: RGBColor = NOT_MET_FILL;
const NO_DATA_TEXT: RGBColor = TEXT_MUTED;
const NO_TARGET_TEXT: RGBColor = TEXT_MUTED;

/// Series colours: distinguishable with common colour-vision deficiencies and
/// dark enough for white text on them (≥ 4.5:1). Repeated beyond six series,
/// where line markers still differ.
const SERIES: [RGBColor; 6] = [
    RGBColor(0x1F, 0x5F, 0xAD),
    RGBColor(0xB3, 0x59, 0x00),
    RGBColor(0x0F, 0x76, 0x6E),
    RGBColor(0xA3, 0x33, 0x6B),
    RGBColor(0x5B, 0x4B, 0x9A),
    RGBColor(0x4B, 0x55, 0x63),
];

fn status_fill(kind: StatusKind) -> RGBColor {
    match kind {
        StatusKind::Met => MET_FILL,
        StatusKind::NotMet => NOT_MET_FILL,
        StatusKind::NotYetDue => NOT_YET_DUE_FILL,
        StatusKind::Overdue => OVERDUE_FILL,
        StatusKind::NoData | StatusKind::Proxy => NO_DATA_FILL,
        StatusKind::NoTarget => NO_TARGET_FILL,
    }
}

fn status_text_colour(kind: StatusKind) -> RGBColor {
    match kind {
        StatusKind::Met => MET_TEXT,
        StatusKind::NotMet => NOT_MET_TEXT,
        StatusKind::NotYetDue => NOT_YET_DUE_FILL,
        StatusKind::Overdue => OVERDUE_FILL,
        StatusKind::NoData | StatusKind::Proxy => NO_DATA_TEXT,
        StatusKind::NoTarget => NO_TARGET_TEXT,
    }
}

/// Colour of text drawn on top of a status fill.
fn on_fill_text_colour(kind: StatusKind) -> RGBColor {
    match kind {
        StatusKind::Met | StatusKind::NotMet | StatusKind::NotYetDue | StatusKind::Overdue => {
            WHITE_BG
        }
        StatusKind::NoData | StatusKind::Proxy | StatusKind::NoTarget => TEXT,
    }
}

fn status_symbol(kind: StatusKind) -> &'static str {
    match kind {
        StatusKind::Met => "✓",
        StatusKind::NotMet => "✗",
        StatusKind::NotYetDue => "◷",
        StatusKind::Overdue => "!",
        StatusKind::NoData => "–",
        StatusKind::Proxy => "≈",
        StatusKind::NoTarget => "○",
    }
}

/// `#RRGGBB` as the SVG backend writes colours.
const fn hex_colour(c: RGBColor) -> [u8; 7] {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    [
        b'#',
        HEX[(c.0 >> 4) as usize],
        HEX[(c.0 & 15) as usize],
        HEX[(c.1 >> 4) as usize],
        HEX[(c.1 & 15) as usize],
        HEX[(c.2 >> 4) as usize],
        HEX[(c.2 & 15) as usize],
    ]
}

fn series_colour(i: usize) -> RGBColor {
    SERIES[i % SERIES.len()]
}

// ---------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anchor {
    Start,
    Middle,
    End,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Font {
    size: u32,
    bold: bool,
    color: RGBColor,
    anchor: Anchor,
}

impl Font {
    const fn new(size: u32, color: RGBColor) -> Font {
        Font {
            size,
            bold: false,
            color,
            anchor: Anchor::Start,
        }
    }

    const fn bold(self) -> Font {
        Font { bold: true, ..self }
    }

    const fn anchor(self, anchor: Anchor) -> Font {
        Font { anchor, ..self }
    }

    fn width(&self, s: &str) -> f64 {
        text_width(s, self.size, self.bold)
    }

    /// `self.width` of the one-character string `c`, without building it.
    fn char_width(&self, c: char) -> f64 {
        em_scale(em_table().em(c), self.size, self.bold)
    }
}

/// Estimated advance of a character in em (a sans-serif font like Arial,
/// Roboto or San Francisco; slightly generous so text never overflows).
fn char_em(c: char) -> f64 {
    match c {
        ' ' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' | 'i' | 'j' | 'l' | 'I' | '(' | ')'
        | '[' | ']' | '\u{a0}' => 0.3,
        'f' | 't' | 'r' | '-' | '/' => 0.37,
        'm' | 'w' | 'M' | 'W' | '%' | '@' | '—' | '…' => 0.9,
        '✓' | '✗' | '○' | '≥' | '≤' => 0.8,
        '0'..='9' => 0.57,
        c if c.is_uppercase() => 0.7,
        _ => 0.56,
    }
}

/// Fonts like San Francisco and Noto Sans run wider than the table above.
const WIDTH_SAFETY: f64 = 1.07;

/// [`char_em`] of the characters below [`EM_TABLE_LEN`] (Latin, Vietnamese,
/// punctuation, the status symbols), looked up instead of matched: the match
/// asks the Unicode tables whether a letter is upper case.
struct EmTable(Box<[u8]>);

/// Every value [`char_em`] returns; [`EmTable`] stores indices into it.
const EMS: [f64; 7] = [0.3, 0.37, 0.9, 0.8, 0.57, 0.7, 0.56];
const EM_TABLE_LEN: u32 = 0x2800;

impl EmTable {
    fn build() -> EmTable {
        let class = |u: u32| {
            let em = char::from_u32(u).map_or(0.56, char_em);
            EMS.iter().position(|e| *e == em).unwrap_or(EMS.len() - 1) as u8
        };
        EmTable((0..EM_TABLE_LEN).map(class).collect())
    }

    #[inline]
    fn em(&self, c: char) -> f64 {
        match self.0.get(c as usize) {
            Some(&k) => EMS[usize::from(k)],
            None => char_em(c),
        }
    }
}

fn em_table() -> &'static EmTable {
    static TABLE: std::sync::OnceLock<EmTable> = std::sync::OnceLock::new();
    TABLE.get_or_init(EmTable::build)
}

fn em_scale(em: f64, size: u32, bold: bool) -> f64 {
    em * f64::from(size)
        * if bold {
            1.08 * WIDTH_SAFETY
        } else {
            WIDTH_SAFETY
        }
}

fn text_width(s: &str, size: u32, bold: bool) -> f64 {
    let table = em_table();
    let em: f64 = s.chars().map(|c| table.em(c)).sum();
    em_scale(em, size, bold)
}

/// Caller text made safe to draw: control characters (including newlines and
/// tabs) become spaces, runs of spaces collapse, ends are trimmed. XML
/// escaping happens when the text is written.
fn clean(s: &str) -> String {
    if is_clean(s) {
        return s.to_string();
    }
    clean_slow(s)
}

/// Whether [`clean`] would return `s` unchanged: no control character, no
/// U+FFFE or U+FFFF, no space at either end and no two spaces in a row.
fn is_clean(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut prev_space = false;
    for (i, &x) in b.iter().enumerate() {
        match x {
            0..=0x1F | 0x7F => return false,
            b' ' => {
                if prev_space {
                    return false;
                }
                prev_space = true;
                continue;
            }
            // U+0080..=U+009F (C1 controls).
            0xC2 if matches!(b.get(i + 1), Some(0x80..=0x9F)) => return false,
            // U+FFFE, U+FFFF.
            0xEF if b.get(i + 1) == Some(&0xBF) && matches!(b.get(i + 2), Some(0xBE | 0xBF)) => {
                return false
            }
            _ => {}
        }
        prev_space = false;
    }
    true
}

fn clean_slow(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = if c.is_control() { ' ' } else { c };
        if c == '\u{FFFE}'
            || c == '\u{FFFF}'
            || (c == ' ' && (out.is_empty() || out.ends_with(' ')))
        {
            continue;
        }
        out.push(c);
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// [`clean`] of an owned string: `s` itself when it is already clean.
fn clean_owned(s: String) -> String {
    if is_clean(&s) {
        s
    } else {
        clean_slow(&s)
    }
}

/// `s` shortened with "…" until it fits `max_w`.
fn ellipsize(s: &str, font: Font, max_w: f64) -> String {
    if font.width(s) <= max_w {
        return s.to_string();
    }
    cut_with_ellipsis(s, font, max_w)
}

/// [`ellipsize`] of an owned string: `s` itself when it fits.
fn ellipsize_owned(s: String, font: Font, max_w: f64) -> String {
    if font.width(&s) <= max_w {
        return s;
    }
    cut_with_ellipsis(&s, font, max_w)
}

/// `s` with "…" appended, dropping characters from the end until it fits.
fn cut_with_ellipsis(s: &str, font: Font, max_w: f64) -> String {
    let budget = max_w - font.char_width('…');
    let mut out = String::with_capacity(s.len() + '…'.len_utf8());
    let mut w = 0.0;
    for c in s.chars() {
        let cw = font.char_width(c);
        if w + cw > budget {
            break;
        }
        w += cw;
        out.push(c);
    }
    while out.ends_with([' ', ',', ';', ':', '-', '–', '(']) {
        out.pop();
    }
    out.push('…');
    out
}

/// Greedy word wrap at spaces (a no-break space keeps words together) into at
/// most `max_lines` lines of width `max_w`; words longer than a line are
/// broken, and text beyond the last line is cut with "…".
fn wrap(s: &str, font: Font, max_w: f64, max_lines: usize) -> Vec<String> {
    let s = clean(s);
    if max_lines == 0 || s.is_empty() {
        return Vec::new();
    }
    let space = font.char_width(' ');
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut cur_w = 0.0;
    let mut truncated = false;
    for word in s.split(' ').filter(|w| !w.is_empty()) {
        if lines.len() >= max_lines {
            truncated = true;
            break;
        }
        let ww = font.width(word);
        if !cur.is_empty() && cur_w + space + ww <= max_w {
            cur.push(' ');
            cur.push_str(word);
            cur_w += space + ww;
            continue;
        }
        if !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
            cur_w = 0.0;
        }
        if ww <= max_w {
            cur.push_str(word);
            cur_w = ww;
            continue;
        }
        for c in word.chars() {
            let cw = font.char_width(c);
            if !cur.is_empty() && cur_w + cw > max_w {
                lines.push(std::mem::take(&mut cur));
                cur_w = 0.0;
                if lines.len() > max_lines {
                    break;
                }
            }
            cur.push(c);
            cur_w += cw;
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    if lines.len() > max_lines {
        truncated = true;
        lines.truncate(max_lines);
    }
    if truncated {
        if let Some(last) = lines.pop() {
            lines.push(cut_with_ellipsis(&last, font, max_w));
        }
    }
    lines
}

// ---------------------------------------------------------------------------
// Display list
// ---------------------------------------------------------------------------

enum Op {
    Rect {
        x0: i32,
        y0: i32,
        x1: i32,
        y1: i32,
        color: RGBColor,
    },
    Path {
        points: Vec<(i32, i32)>,
        color: RGBColor,
        width: u32,
    },
    /// A dashed [`TARGET_LINE`] path (see [`DASH_SENTINEL`]).
    Dashed { points: Vec<(i32, i32)>, width: u32 },
    Poly {
        points: Vec<(i32, i32)>,
        color: RGBColor,
    },
    Circle {
        center: (i32, i32),
        radius: u32,
        color: RGBColor,
    },
    Text {
        x: i32,
        y: i32,
        text: String,
        font: Font,
    },
}

/// The top of a text line of `size` whose digits and capitals are centred on
/// `center` (the SVG backend puts the baseline 0.76 em below the top).
fn centred_top(center: i32, size: u32) -> i32 {
    center - px(0.4 * f64::from(size))
}

/// Rounds a layout coordinate; non-finite values become 0.
fn px(v: f64) -> i32 {
    if v.is_finite() {
        v.round().clamp(-1.0e6, 1.0e6) as i32
    } else {
        0
    }
}

struct Canvas {
    /// Width of the viewBox.
    width: i32,
    /// Largest rendered width in CSS px.
    display_width: i32,
    /// Drawn first (gridlines), then `ops`.
    background: Vec<Op>,
    ops: Vec<Op>,
}

impl Canvas {
    fn new(width: i32) -> Canvas {
        let display_width = if width == WIDTH { DISPLAY_WIDTH } else { width };
        Canvas {
            width,
            display_width,
            background: Vec::with_capacity(8),
            ops: Vec::with_capacity(64),
        }
    }

    /// Right end of the drawing area.
    fn x_end(&self) -> i32 {
        self.width - PAD
    }

    /// Width available to bars and text.
    fn inner(&self) -> i32 {
        self.width - 2 * PAD
    }

    fn rect(&mut self, x0: i32, y0: i32, x1: i32, y1: i32, color: RGBColor) {
        self.ops.push(Op::Rect {
            x0,
            y0,
            x1,
            y1,
            color,
        });
    }

    /// A closed outline drawn with a polyline (plotters' SVG rectangles have
    /// no stroke width).
    fn outline(&mut self, x0: i32, y0: i32, x1: i32, y1: i32, color: RGBColor) {
        let points = vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)];
        self.ops.push(Op::Path {
            points,
            color,
            width: 2,
        });
    }

    fn line(&mut self, points: Vec<(i32, i32)>, color: RGBColor, width: u32) {
        self.ops.push(Op::Path {
            points,
            color,
            width,
        });
    }

    fn grid_line(&mut self, points: Vec<(i32, i32)>, color: RGBColor) {
        self.background.push(Op::Path {
            points,
            color,
            width: 1,
        });
    }

    /// A dashed line in [`TARGET_LINE`] colour.
    fn dashed(&mut self, points: Vec<(i32, i32)>, width: u32) {
        self.ops.push(Op::Dashed { points, width });
    }

    fn poly(&mut self, points: Vec<(i32, i32)>, color: RGBColor) {
        self.ops.push(Op::Poly { points, color });
    }

    fn circle(&mut self, center: (i32, i32), radius: u32, color: RGBColor) {
        self.ops.push(Op::Circle {
            center,
            radius,
            color,
        });
    }

    /// Text whose line box starts at `top` and is `font.size` high.
    fn text(&mut self, x: i32, top: i32, text: &str, font: Font) {
        if !text.is_empty() {
            self.text_owned(x, top, text.to_string(), font);
        }
    }

    /// [`Canvas::text`] of a string the caller no longer needs.
    fn text_owned(&mut self, x: i32, top: i32, text: String, font: Font) {
        if !text.is_empty() {
            self.ops.push(Op::Text {
                x,
                y: top,
                text,
                font,
            });
        }
    }
}

type DrawResult = Result<(), Box<dyn std::error::Error>>;

fn shape(color: RGBColor, filled: bool, width: u32) -> ShapeStyle {
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
fn draw_ops(buf: &mut String, height: i32, canvas: &Canvas) -> DrawResult {
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
            Op::Rect {
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
            Op::Path {
                points,
                color,
                width,
            } => {
                b.draw_path(points.iter().map(clamp), &shape(*color, false, *width))?;
            }
            Op::Dashed { points, width } => {
                let style = shape(DASH_SENTINEL, false, *width);
                b.draw_path(points.iter().map(clamp), &style)?;
            }
            Op::Poly { points, color } => {
                b.fill_polygon(points.iter().map(clamp), &color.to_backend_color())?;
            }
            Op::Circle {
                center,
                radius,
                color,
            } => {
                let style = shape(*color, true, 1);
                let r = (*radius as i32).max(0) as u32;
                b.draw_circle(clamp(center), r, &style, style.filled)?;
            }
            Op::Text { x, y, text, font } => {
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
fn text_style(font: &Font) -> TextStyle<'_> {
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
fn raw_size_hint(canvas: &Canvas) -> usize {
    let text: usize = canvas
        .ops
        .iter()
        .map(|op| match op {
            Op::Text { text, .. } => text.len() + 200,
            Op::Path { points, .. } | Op::Dashed { points, .. } | Op::Poly { points, .. } => {
                120 + 10 * points.len()
            }
            _ => 110,
        })
        .sum();
    400 + text + 130 * canvas.background.len()
}

/// Draws the canvas as the final SVG with plotters' SVG backend, then makes
/// its root tag accessible and compacts the body.
fn render(text: &ChartText, height: i32, canvas: &Canvas) -> String {
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

/// [`render`]'s bytes, written directly: for the history charts, one on
/// every indicator page (44,000 on a national portal), where going through
/// plotters and compacting its output cost 12% of a build. The test
/// `direct_svg_matches_plotters` holds the two to the same output.
fn render_direct(text: &ChartText, height: i32, canvas: &Canvas) -> String {
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
fn with_scratch<R>(f: impl FnOnce(&mut String, &mut Lines) -> R) -> R {
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
const INHERITED: [&str; 7] = [
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
struct Lines {
    /// (line start, attributes start, attributes end).
    at: Vec<(u32, u32, u32)>,
}

impl Lines {
    fn push(&mut self, start: usize, style: usize, style_end: usize) {
        self.at.push((start as u32, style as u32, style_end as u32));
    }

    /// The elements of `body` as plotters' compacted output writes them,
    /// one a line (`<name a="v" …/>`), a text's content possibly over
    /// several (`<text a="v" …>…</text>`). A line that is not an element, or
    /// an element whose [`INHERITED`] attributes are not side by side, is
    /// noted with none.
    fn of(body: &str) -> Lines {
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
fn inherited_span(line: &str) -> Option<(usize, usize)> {
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
fn group_lines(body: &str, lines: &Lines, out: &mut String) {
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
fn empty_chart(text: &ChartText) -> String {
    let id = sanitize_id(&text.id);
    let mut out = String::with_capacity(500 + text.title.len() + text.desc.len());
    push_header(&mut out, &id, text, (WIDTH, DISPLAY_WIDTH), 40);
    out.push_str("</svg>\n");
    out
}

/// `id` reduced to `[a-z0-9-]`, never empty and never starting with a digit.
fn sanitize_id(id: &str) -> String {
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

const FONT_STACK: &str =
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif";

/// `escape(&clean(s))` appended to `out`, without the intermediate strings.
fn push_clean_escaped(out: &mut String, s: &str) {
    if is_clean(s) {
        push_escaped(out, s);
    } else {
        push_escaped(out, &clean_slow(s));
    }
}

/// `escape(s)` appended to `out`.
fn push_escaped(out: &mut String, s: &str) {
    push_escaped_with(out, s, "&#39;");
}

/// `s` escaped for XML, with `apos` for `'`, appended to `out`.
fn push_escaped_with(out: &mut String, s: &str, apos: &str) {
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => apos,
            _ => continue,
        };
        out.push_str(&s[from..i]);
        out.push_str(rep);
        from = i + 1;
    }
    out.push_str(&s[from..]);
}

/// The root tag, title and description of a chart whose sanitized id is `id`.
fn push_header(
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
const DIGIT_PAIRS: &str = "0001020304050607080910111213141516171819202122232425262728293031323334353637383940414243444546474849\
                           5051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899";

/// `v` in decimal, as `format!("{v}")` writes it.
#[inline]
fn push_int(out: &mut String, v: i64) {
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

/// `s` escaped as plotters' SVG backend escapes text (`'` becomes `&apos;`).
fn push_svg_escaped(out: &mut String, s: &str) {
    push_escaped_with(out, s, "&apos;");
}

/// ` name="#RRGGBB"`.
#[inline]
fn push_colour_attr(out: &mut String, name: &str, c: RGBColor) {
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
fn push_points(out: &mut String, points: &[(i32, i32)], clamp: impl Fn(&(i32, i32)) -> (i32, i32)) {
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
fn push_polyline(
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
fn font_size_text(size: u32) -> String {
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
fn write_ops(out: &mut String, lines: &mut Lines, height: i32, canvas: &Canvas) {
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
            Op::Rect {
                x0,
                y0,
                x1,
                y1,
                color,
            } => rect(out, lines, clamp(&(*x0, *y0)), clamp(&(*x1, *y1)), *color),
            Op::Path {
                points,
                color,
                width,
            } => push_polyline(out, lines, points, *color, *width, clamp),
            Op::Dashed { points, width } => {
                push_polyline(out, lines, points, DASH_SENTINEL, *width, clamp);
            }
            Op::Poly { points, color } => {
                let start = out.len();
                out.push_str("<polygon");
                let style = out.len();
                push_colour_attr(out, "fill", *color);
                lines.push(start, style, out.len());
                push_points(out, points, clamp);
            }
            Op::Circle {
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
            Op::Text { x, y, text, font } => {
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

/// What follows plotters' root `<svg …>` tag (empty when there is none).
fn svg_body(raw: &str) -> &str {
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
fn finish(raw: &str, text: &ChartText, (width, display): (i32, i32), height: i32) -> String {
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
fn next_special(b: &[u8], mut i: usize) -> usize {
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
const DEFAULT_ATTRS: [&str; 5] = [
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
fn compact_into(out: &mut String, body: &str) {
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
// Group chart (bullet bars)
// ---------------------------------------------------------------------------

/// Group chart: one horizontal bullet bar per row, length = ratio (the target
/// at a marked 100% line), status shown by a symbol + word as well as colour.
///
/// Each row is the label (wrapped, at most three lines), then the bar across
/// the full width (the target at two thirds, ratios above 1.5 capped and
/// marked with a break), then a line with the value, the target text under
/// the target line and the status symbol and word at the right end.
pub fn group_chart(text: &ChartText, rows: &[BulletRow]) -> String {
    if rows.is_empty() {
        return empty_chart(text);
    }
    let mut c = Canvas::new(WIDTH);
    let height = layout_group(&mut c, rows);
    render(text, height, &c)
}

fn bar_len(ratio: f64, cap: f64, full: i32) -> i32 {
    let r = if ratio.is_nan() {
        0.0
    } else {
        ratio.clamp(0.0, cap)
    };
    px(r / cap * f64::from(full))
}

fn layout_group(c: &mut Canvas, rows: &[BulletRow]) -> i32 {
    let label_font = Font::new(LABEL_SIZE, TEXT);
    let value_font = Font::new(SMALL_SIZE, TEXT).bold();
    let target_font = Font::new(SMALL_SIZE, TEXT_MUTED);
    let target_x = PAD + bar_len(1.0, RATIO_CAP, INNER);
    let mut y = 8;
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            y += 10;
            c.line(vec![(PAD, y), (X_END, y)], GRID, 1);
            y += 12;
        }
        for line in wrap(&row.label, label_font, f64::from(INNER), MAX_LABEL_LINES) {
            c.text_owned(
                PAD,
                y + (LABEL_LINE - LABEL_SIZE as i32) / 2,
                line,
                label_font,
            );
            y += LABEL_LINE;
        }
        y += 6;

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

        let status_font = Font::new(SMALL_SIZE, status_text_colour(row.status)).bold();
        y = info_line(c, y, row, target_x, [value_font, target_font, status_font]);
    }
    y + 10
}

/// The value, target and status texts under a bullet bar: on one line when
/// they fit (the target centred under the target line if possible), else on
/// two or three lines. Returns the y below them.
fn info_line(c: &mut Canvas, y: i32, row: &BulletRow, target_x: i32, fonts: [Font; 3]) -> i32 {
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
    let top = y + (SMALL_LINE - SMALL_SIZE as i32) / 2;

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
        y += SMALL_LINE;
    }
    let top = y + (SMALL_LINE - SMALL_SIZE as i32) / 2;
    c.text(X_END, top, &status, status_font.anchor(Anchor::End));
    if one_line || target.is_empty() {
        c.text(
            px((tx - tw / 2.0).clamp(lo, hi.max(lo))),
            top,
            &target,
            target_font,
        );
        return y + SMALL_LINE;
    }
    y += SMALL_LINE;
    let top = y + (SMALL_LINE - SMALL_SIZE as i32) / 2;
    c.text(
        px((tx - tw / 2.0).clamp(x0, (x1 - tw).max(x0))),
        top,
        &target,
        target_font,
    );
    y + SMALL_LINE
}

// ---------------------------------------------------------------------------
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
fn value_at(series: &Series, i: usize) -> Option<f64> {
    series
        .values
        .get(i)
        .copied()
        .flatten()
        .filter(|v| v.is_finite())
}

/// Nice axis ticks covering `lo..=hi` (which must include 0): 4–6 ticks at a
/// step of 1, 2, 2.5 or 5 times a power of ten.
fn nice_ticks(lo: f64, hi: f64) -> Vec<f64> {
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
fn label_boxes(xs: &[i32], widths: &[f64]) -> Vec<(f64, f64)> {
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
fn thinning(boxes: &[(f64, f64)], gap: f64) -> usize {
    (1..boxes.len().max(1))
        .find(|every| {
            let shown: Vec<&(f64, f64)> = boxes.iter().step_by(*every).collect();
            shown.windows(2).all(|w| w[0].1 + gap <= w[1].0)
        })
        .unwrap_or(boxes.len().max(1))
}

/// Axis tick labels at the top of a horizontal-bar chart; thins the labels
/// when they would collide. Returns the y below them.
fn top_axis(
    c: &mut Canvas,
    y: i32,
    ticks: &[f64],
    x_of: &dyn Fn(f64) -> i32,
    fmt: &dyn Fn(f64) -> String,
) -> i32 {
    let font = Font::new(TICK_SIZE, TEXT_MUTED);
    let labels: Vec<String> = ticks
        .iter()
        .map(|t| ellipsize_owned(clean_owned(fmt(*t)), font, 150.0))
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
type KeyFn = Box<dyn Fn(&mut Canvas, i32, i32)>;

/// One legend entry: a colour key (drawn by `key` at its left edge, 14 units
/// wide) and a text. Entries flow left to right and wrap.
struct LegendItem {
    text: String,
    font: Font,
    key: KeyFn,
}

/// Draws legend entries from `y`; returns the y below them.
fn legend(c: &mut Canvas, y: i32, items: Vec<LegendItem>) -> i32 {
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

fn swatch(color: RGBColor) -> KeyFn {
    Box::new(move |c: &mut Canvas, x: i32, mid: i32| c.rect(x, mid - 7, x + 14, mid + 7, color))
}

fn layout_bars(
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
        (20, 4, 18)
    } else {
        (26, 0, SMALL_SIZE)
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

/// Category labels under a plot with `categories.len()` columns `slot` wide
/// centred at `x_of(i)`: wrapped into their column (at most two lines) and
/// thinned (every k-th shown) when the widest word does not fit. Returns the
/// y below them.
fn column_labels<S: AsRef<str>>(
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

/// Draws the marker of series `i` centred at `(x, y)`.
fn marker(c: &mut Canvas, i: usize, x: i32, y: i32, color: RGBColor) {
    match (i / SERIES.len() + i) % 4 {
        0 => c.circle((x, y), 5, color),
        1 => c.rect(x - 5, y - 5, x + 5, y + 5, color),
        2 => c.poly(vec![(x, y - 6), (x + 6, y + 5), (x - 6, y + 5)], color),
        _ => c.poly(vec![(x, y - 7), (x + 6, y), (x, y + 7), (x - 6, y)], color),
    }
}

fn layout_lines(
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

    let tick_font = Font::new(TICK_SIZE, TEXT_MUTED).anchor(Anchor::End);
    let tick_labels: Vec<String> = ticks
        .iter()
        .map(|t| ellipsize_owned(clean_owned(fmt(*t)), tick_font, 150.0))
        .collect();
    let axis_w = tick_labels
        .iter()
        .map(|l| tick_font.width(l))
        .fold(0.0, f64::max);
    let left = PAD + px(axis_w) + 8;
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

    let below = column_labels(c, categories, &x_of, slot, plot_bottom + 14, TICK_SIZE);

    // Lines, markers, missing-value dashes and (single series) value labels.
    let value_font = Font::new(SMALL_SIZE - 1, TEXT)
        .bold()
        .anchor(Anchor::Middle);
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
                        c.text(lx, py - 26, &label, value_font);
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

fn layout_status(c: &mut Canvas, counts: &[(StatusKind, usize, String)]) -> i32 {
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
const HISTORY_PLOT_H: i32 = 260;
/// Widest bar of a history chart.
const HISTORY_BAR_MAX: f64 = 100.0;
/// Share of its column a history bar takes.
const HISTORY_BAR_SHARE: f64 = 0.6;
/// Half the diagonal of the deadline marker (a diamond), and of its white halo.
const MARKER_R: i32 = 8;
const MARKER_HALO: i32 = 11;
/// Length of the dashed line in the target key.
const KEY_LINE: i32 = 44;

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
struct HistoryColumn {
    label: String,
    /// The finite value, if any.
    value: Option<f64>,
    /// What is written above the bar ("–" when there is no value); empty for
    /// an added deadline column.
    value_label: String,
}

/// The chart's columns and the index of the deadline's column.
fn history_columns(
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
type Bounds = (i32, i32, i32, i32);

fn collides(a: Bounds, b: Bounds) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// The top of a box spanning `x0..x1`, `h` high, whose bottom is at most
/// `bottom`, lifted until it hits none of `taken` (keeping `gap` above what it
/// had hit). Every lift clears all boxes hit so far for good, so this takes
/// at most `taken.len()` lifts.
fn lift(x0: i32, x1: i32, h: i32, bottom: i32, taken: &[Bounds], gap: i32) -> i32 {
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
fn diamond(c: &mut Canvas, x: i32, y: i32) {
    let d = |r: i32| vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y)];
    c.poly(d(MARKER_HALO), WHITE_BG);
    c.poly(d(MARKER_R), TARGET_LINE);
}

/// The target's key at the top: a dashed sample with the marker, then the
/// text (at most two lines). Returns the y below it (`y` when there is no text).
fn target_key(c: &mut Canvas, y: i32, text: &str) -> i32 {
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
fn two_lines(s: &str, font: Font, max_w: f64) -> Option<Vec<String>> {
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
fn value_label_lines(cols: &[HistoryColumn], slot: f64) -> (u32, Vec<Vec<String>>) {
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

fn layout_history(
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
    let tick_font = Font::new(TICK_SIZE, TEXT_MUTED).anchor(Anchor::End);
    let tick_labels: Vec<String> = ticks
        .iter()
        .map(|t| ellipsize_owned(clean_owned(fmt(*t)), tick_font, 150.0))
        .collect();
    let axis_w = tick_labels
        .iter()
        .map(|l| tick_font.width(l))
        .fold(0.0, f64::max);
    let left = PAD + px(axis_w) + 8;
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

    // Each label just above its bar (or the zero line), lifted on collision.
    // (box, x, lines, font) of every label; the box has room for diacritics.
    let mut labels: Vec<(Bounds, i32, &Vec<String>, Font)> = Vec::new();
    for (i, ((col, bar), lines)) in cols.iter().zip(&bars).zip(&texts).enumerate() {
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
        let top = lift(x0, x1, h, base, &taken, 4);
        let b = (x0, top, x1, top + h);
        taken.push(b);
        labels.push((b, px(x), lines, font));
    }
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

    // Value labels on a white backing (the target line may pass behind
    // them). Label boxes never overlap, so all backings can come first and
    // the labels after them, which lets each kind share its attributes.
    for (b, _, _, _) in &labels {
        c.rect(b.0, off + b.1, b.2, off + b.3, WHITE_BG);
    }
    for (b, x, lines, font) in &labels {
        for (k, line) in lines.iter().enumerate() {
            let line_h = font.size as i32 + 4;
            c.text(*x, off + b.1 + 4 + k as i32 * line_h, line, *font);
        }
    }

    let categories: Vec<&str> = cols.iter().map(|c| c.label.as_str()).collect();
    let below = column_labels(c, &categories, &x_of, slot, plot_bottom + 14, SMALL_SIZE);
    below + 8
}

// ---------------------------------------------------------------------------
// Count bars
// ---------------------------------------------------------------------------

/// Height of a count bar.
const COUNT_BAR_H: i32 = 26;

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
fn count_text(n: usize) -> String {
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

fn layout_counts(c: &mut Canvas, items: &[(String, usize)]) -> i32 {
    let label_font = Font::new(LABEL_SIZE, TEXT);
    let count_font = Font::new(SMALL_SIZE, TEXT).bold();
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
        for line in wrap(label, label_font, f64::from(INNER), MAX_LABEL_LINES) {
            c.text_owned(
                PAD,
                y + (LABEL_LINE - LABEL_SIZE as i32) / 2,
                line,
                label_font,
            );
            y += LABEL_LINE;
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
            centred_top(y + COUNT_BAR_H / 2, SMALL_SIZE),
            count,
            count_font,
        );
        y += COUNT_BAR_H;
    }
    y + 10
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVIL: &str = "<script>alert(1)</script>\" onload=\"x' onerror='y & z";

    fn word(kind: StatusKind) -> &'static str {
        match kind {
            StatusKind::Met => "Đạt",
            StatusKind::NotMet => "Chưa đạt",
            StatusKind::NotYetDue => "Chưa đến kỳ đánh giá",
            StatusKind::Overdue => "Quá hạn",
            StatusKind::NoData => "Chưa có số liệu",
            StatusKind::Proxy => "Số liệu gián tiếp",
            StatusKind::NoTarget => "Không có mục tiêu",
        }
    }

    fn row(
        label: &str,
        ratio: Option<f64>,
        value: &str,
        target: &str,
        kind: StatusKind,
    ) -> BulletRow {
        BulletRow {
            label: label.to_string(),
            ratio,
            value_text: value.to_string(),
            target_text: target.to_string(),
            status: kind,
            status_text: word(kind).to_string(),
        }
    }

    fn text(id: &str) -> ChartText {
        ChartText {
            id: id.to_string(),
            title: "Kinh tế số: giá trị mới nhất so với mục tiêu".to_string(),
            desc: "5 chỉ tiêu: 1 đạt, 2 chưa đạt, 2 chưa có số liệu.".to_string(),
        }
    }

    const LONG: &str = "Tỷ lệ hồ sơ thủ tục hành chính được người dân, doanh nghiệp thực hiện \
                        trực tuyến từ xa";

    fn sample_rows() -> Vec<BulletRow> {
        use StatusKind::*;
        vec![
            row(LONG, Some(56.6 / 50.0), "56,60 %", "mục tiêu ≥ 50 %", Met),
            row(
                "Tỷ trọng kinh tế số trong GRDP",
                Some(0.848),
                "8,48 %",
                "mục tiêu ≥ 10 %",
                NotMet,
            ),
            row(
                "Số doanh nghiệp công nghệ số",
                Some(114.0 / 150.0),
                "114",
                "mục tiêu > 150",
                NotMet,
            ),
            row(
                "Tỷ lệ dân số có điện thoại thông minh",
                None,
                "chưa có số liệu",
                "≥ 80 %",
                NoData,
            ),
            row(
                "Tỷ lệ hộ gia đình có Internet cáp quang",
                Some(2.4),
                "96 %",
                "≥ 40 %",
                Met,
            ),
            row(
                "Chỉ số chuyển đổi số cấp tỉnh",
                Some(0.0),
                "0",
                "mục tiêu ≥ 20",
                NotMet,
            ),
            row(
                "Tài khoản định danh điện tử mức 2",
                Some(0.7),
                "70 %",
                "",
                NoTarget,
            ),
        ]
    }

    fn twelve_rows() -> Vec<BulletRow> {
        let rows = sample_rows();
        (0..12)
            .map(|i| {
                let r = &rows[i % rows.len()];
                let label = format!("{} {}", LONG, r.label);
                row(&label, r.ratio, &r.value_text, &r.target_text, r.status)
            })
            .collect()
    }

    fn categories() -> Vec<String> {
        [
            "Thành phố Hải Dương",
            "Thành phố Chí Linh",
            "Thị xã Kinh Môn",
            "Huyện Thanh Hà",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    fn two_series() -> Vec<Series> {
        vec![
            Series {
                name: "Năm 2022".into(),
                values: vec![Some(1234.5), Some(856.0), None, Some(90.0)],
            },
            Series {
                name: "Năm 2023".into(),
                values: vec![Some(1390.0), Some(910.0), Some(300.0)],
            },
        ]
    }

    fn vi(v: f64) -> String {
        format!("{v:.1}").replace('.', ",")
    }

    fn all_charts(id: &str) -> Vec<String> {
        let t = text(id);
        let counts = vec![
            (StatusKind::Met, 3, "đạt".to_string()),
            (StatusKind::NotMet, 5, "chưa đạt".to_string()),
            (StatusKind::NoData, 0, "chưa có số liệu".to_string()),
            (StatusKind::NoTarget, 1, "không có mục tiêu".to_string()),
        ];
        vec![
            group_chart(&t, &sample_rows()),
            status_bar(&t, &counts),
            dataset_chart(&t, DatasetChartKind::Bar, &categories(), &two_series(), &vi),
            dataset_chart(
                &t,
                DatasetChartKind::Line,
                &categories(),
                &two_series(),
                &vi,
            ),
            dataset_chart(
                &t,
                DatasetChartKind::Bar,
                &categories(),
                &two_series()[..1],
                &vi,
            ),
            dataset_chart(
                &t,
                DatasetChartKind::Line,
                &categories(),
                &two_series()[..1],
                &vi,
            ),
            history_chart(&t, &share_history().0, Some(&share_history().1), &pct),
            history_chart(&t, &quarterly(9), None, &pct),
            count_bars(&t, &agencies()),
        ]
    }

    // --- tiny SVG scanning helpers -------------------------------------

    /// The opening tags `<name ...>` in document order, with the attributes
    /// of the `<g>` around them (see [`ungroup`]).
    fn tags(svg: &str, name: &str) -> Vec<String> {
        raw_tags(&ungroup(svg), name)
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    /// The opening tags `<name ...>` as written.
    fn raw_tags<'a>(svg: &'a str, name: &str) -> Vec<&'a str> {
        let open = format!("<{name} ");
        let mut out = Vec::new();
        let mut rest = svg;
        while let Some(i) = rest.find(&open) {
            let end = rest[i..].find('>').map_or(rest.len(), |e| i + e + 1);
            out.push(&rest[i..end]);
            rest = &rest[end..];
        }
        out
    }

    // `ungroup`, shared with the integration tests.
    include!("../../tests/common/ungroup.rs");

    fn attr<'a, S: AsRef<str> + ?Sized>(tag: &'a S, name: &str) -> Option<&'a str> {
        let tag = tag.as_ref();
        let key = format!(" {name}=\"");
        let start = tag.find(&key)? + key.len();
        let len = tag[start..].find('"')?;
        Some(&tag[start..start + len])
    }

    fn num<S: AsRef<str> + ?Sized>(tag: &S, name: &str) -> f64 {
        attr(tag, name)
            .and_then(|v| v.parse().ok())
            .unwrap_or(f64::NAN)
    }

    /// Text contents of all `<text>` elements.
    fn texts(svg: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut rest = svg;
        while let Some(i) = rest.find("<text ") {
            let Some(open_end) = rest[i..].find('>') else {
                break;
            };
            let body = &rest[i + open_end + 1..];
            let Some(close) = body.find("</text>") else {
                break;
            };
            out.push(body[..close].to_string());
            rest = &body[close..];
        }
        out
    }

    fn root_tag(svg: &str) -> &str {
        &svg[..svg.find('>').map_or(svg.len(), |i| i + 1)]
    }

    fn hex(c: RGBColor) -> String {
        format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
    }

    // --- 1. deterministic ---------------------------------------------------

    #[test]
    fn output_is_deterministic() {
        assert_eq!(all_charts("a"), all_charts("a"));
        let a = group_chart(&text("x"), &twelve_rows());
        let b = group_chart(&text("x"), &twelve_rows());
        assert_eq!(a, b);
    }

    // --- 2. accessible, scalable root ---------------------------------------

    #[test]
    fn root_is_accessible_and_scalable() {
        for svg in all_charts("chart-digital-economy") {
            let root = root_tag(&svg);
            assert!(root.starts_with("<svg "), "{root}");
            assert_eq!(attr(root, "role"), Some("img"));
            assert_eq!(
                attr(root, "aria-labelledby"),
                Some("chart-digital-economy-title chart-digital-economy-desc")
            );
            assert!(
                attr(root, "viewBox").is_some_and(|v| v.starts_with("0 0 ")),
                "{root}"
            );
            assert_eq!(attr(root, "width"), None, "{root}");
            assert_eq!(attr(root, "height"), None, "{root}");
            assert!(attr(root, "style").is_some_and(|s| s.contains("height:auto")));
            let after = &svg[root.len()..];
            assert!(
                after.starts_with(
                    "<title id=\"chart-digital-economy-title\">Kinh tế số: giá trị mới nhất so \
                     với mục tiêu</title><desc id=\"chart-digital-economy-desc\">5 chỉ tiêu:"
                ),
                "{after}"
            );
            assert!(svg.contains("<text "), "real text elements");
            assert!(!svg.contains("<path"), "no outlined text");
            assert!(svg.trim_end().ends_with("</svg>"));
            assert_eq!(svg.matches("<svg").count(), 1);
        }
    }

    #[test]
    fn view_box_width_is_about_640() {
        let svg = group_chart(&text("g"), &sample_rows());
        let vb = attr(root_tag(&svg), "viewBox")
            .unwrap_or_default()
            .to_string();
        let parts: Vec<f64> = vb.split(' ').filter_map(|p| p.parse().ok()).collect();
        assert_eq!(parts.len(), 4);
        assert_eq!(parts[2], 640.0);
        assert!(parts[3] > 300.0, "height grows with rows: {vb}");
    }

    // --- 3. escaping ---------------------------------------------------------

    fn assert_safe(svg: &str) {
        assert!(!svg.to_lowercase().contains("<script"), "{svg}");
        assert!(
            !svg.contains("onload=\"") && !svg.contains("onload='"),
            "{svg}"
        );
        assert!(
            !svg.contains("onerror=\"") && !svg.contains("onerror='"),
            "{svg}"
        );
        // Every '<' starts a known element or a closing tag.
        let known = [
            "svg", "title", "desc", "g", "rect", "text", "polyline", "polygon", "circle", "line",
        ];
        for (i, _) in svg.match_indices('<') {
            let rest = &svg[i + 1..];
            let rest = rest.strip_prefix('/').unwrap_or(rest);
            assert!(
                known
                    .iter()
                    .any(|k| rest.starts_with(k) && rest[k.len()..].starts_with([' ', '>', '/'])),
                "unexpected markup at {}",
                &svg[i..(i + 30).min(svg.len())]
            );
        }
        // Every attribute value is quoted and contains no raw quote or '<'.
        for tag in ["svg", "g", "rect", "text", "polyline", "polygon", "circle"] {
            for t in raw_tags(svg, tag) {
                let inner = t.trim_end_matches('>').trim_end_matches('/');
                assert_eq!(inner.matches('"').count() % 2, 0, "{t}");
                assert!(!inner[1..].contains('<'), "{t}");
            }
        }
        assert!(!svg.contains('\u{0}'));
    }

    #[test]
    fn caller_text_is_escaped_everywhere() {
        let t = ChartText {
            id: EVIL.to_string(),
            title: EVIL.to_string(),
            desc: EVIL.to_string(),
        };
        let rows = vec![
            BulletRow {
                label: EVIL.to_string(),
                ratio: Some(0.5),
                value_text: EVIL.to_string(),
                target_text: EVIL.to_string(),
                status: StatusKind::NotMet,
                status_text: EVIL.to_string(),
            },
            row(
                &format!("a\u{0}b\u{7}\n{EVIL}"),
                None,
                EVIL,
                "",
                StatusKind::NoData,
            ),
        ];
        let svg = group_chart(&t, &rows);
        assert_safe(&svg);
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(svg.contains("&quot; onload=&quot;x"));
        let series = vec![
            Series {
                name: EVIL.to_string(),
                values: vec![Some(1.0), None],
            },
            Series {
                name: EVIL.to_string(),
                values: vec![Some(-2.0), Some(3.0)],
            },
        ];
        let cats = vec![EVIL.to_string(), format!("{EVIL} {EVIL}")];
        let evil_fmt = |v: f64| format!("{v}{EVIL}");
        for kind in [DatasetChartKind::Bar, DatasetChartKind::Line] {
            assert_safe(&dataset_chart(&t, kind, &cats, &series, &evil_fmt));
            assert_safe(&dataset_chart(&t, kind, &cats, &series[..1], &evil_fmt));
        }
        let counts = vec![
            (StatusKind::Met, 2, EVIL.to_string()),
            (StatusKind::NoData, 1, EVIL.into()),
        ];
        assert_safe(&status_bar(&t, &counts));
        assert_safe(&group_chart(&t, &[]));
        let points = [
            hp(EVIL, Some(1.0), EVIL),
            hp(&format!("{EVIL} {EVIL}"), None, EVIL),
            hp("2022", Some(2.0), ""),
        ];
        for deadline in [EVIL, "2022"] {
            let target = ht(3.0, EVIL, deadline);
            let svg = history_chart(&t, &points, Some(&target), &evil_fmt);
            assert_safe(&svg);
            assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        }
        assert_safe(&count_bars(&t, &[(EVIL.to_string(), 2), (EVIL.into(), 0)]));
    }

    #[test]
    fn id_is_sanitized() {
        assert_eq!(
            sanitize_id("chart-digital-economy"),
            "chart-digital-economy"
        );
        assert_eq!(sanitize_id("Chart_Kinh Tế  Số!"), "chart-kinh-t-s");
        assert_eq!(
            sanitize_id(EVIL),
            "script-alert-1-script-onload-x-onerror-y-z"
        );
        assert_eq!(sanitize_id(""), "chart");
        assert_eq!(sanitize_id("---"), "chart");
        assert_eq!(sanitize_id("2023"), "chart-2023");
        let svg = status_bar(&text("\"><script>"), &[(StatusKind::Met, 1, "đạt".into())]);
        let labelled = attr(root_tag(&svg), "aria-labelledby").unwrap_or_default();
        assert_eq!(labelled, "script-title script-desc");
        assert!(svg.contains("<title id=\"script-title\">"));
        for s in all_charts(EVIL) {
            let l = attr(root_tag(&s), "aria-labelledby")
                .unwrap_or_default()
                .to_string();
            assert!(l
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == ' '));
        }
    }

    // --- 4. bullet bars ---------------------------------------------------------

    fn status_fills() -> [String; 4] {
        [
            hex(MET_FILL),
            hex(NOT_MET_FILL),
            hex(NO_DATA_FILL),
            hex(NO_TARGET_FILL),
        ]
    }

    /// (fill, x, width) of every bar rect, in document order.
    fn bars(svg: &str) -> Vec<(String, f64, f64)> {
        let fills = status_fills();
        tags(svg, "rect")
            .iter()
            .filter_map(|t| {
                let fill = attr(t, "fill")?.to_string();
                fills
                    .contains(&fill)
                    .then(|| (fill, num(t, "x"), num(t, "width")))
            })
            .collect()
    }

    #[test]
    fn bar_widths_are_proportional_to_ratios() {
        let rows = sample_rows();
        let svg = group_chart(&text("g"), &rows);
        let found = bars(&svg);
        let with_ratio: Vec<&BulletRow> = rows.iter().filter(|r| r.ratio.is_some()).collect();
        assert_eq!(
            found.len(),
            with_ratio.len(),
            "one bar per row with a ratio, in order"
        );
        let full = f64::from(INNER);
        for (r, (fill, x, w)) in with_ratio.iter().zip(&found) {
            let ratio = r.ratio.unwrap_or_default();
            assert_eq!(fill, &hex(status_fill(r.status)));
            assert_eq!(*x, f64::from(PAD));
            let expected = ratio.min(RATIO_CAP) / RATIO_CAP * full;
            assert!(
                (w - expected).abs() <= 1.0,
                "{}: {w} vs {expected}",
                r.label
            );
        }
        // Uncapped bars: width / ratio is the same for all.
        let scale: Vec<f64> = with_ratio
            .iter()
            .zip(&found)
            .filter_map(|(r, (_, _, w))| {
                r.ratio
                    .filter(|q| *q > 0.1 && *q <= RATIO_CAP)
                    .map(|q| w / q)
            })
            .collect();
        assert!(scale.len() >= 3);
        for s in &scale {
            assert!((s - scale[0]).abs() / scale[0] < 0.01, "{scale:?}");
        }
        // The target line sits at ratio 1.0.
        let target_x = PAD + px(full / RATIO_CAP);
        let marks = tags(&svg, "polyline")
            .iter()
            .filter(|t| attr(t, "stroke") == Some(hex(AXIS).as_str()))
            .filter_map(|t| attr(t, "points"))
            .filter(|p| p.starts_with(&format!("{target_x},")))
            .count();
        assert_eq!(
            marks,
            rows.iter()
                .filter(|r| r.status != StatusKind::NoTarget)
                .count()
        );
    }

    #[test]
    fn capped_bars_are_marked() {
        let rows = vec![row("A", Some(40.0), "4000 %", "≥ 1 %", StatusKind::Met)];
        let svg = group_chart(&text("g"), &rows);
        let found = bars(&svg);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].2, f64::from(INNER));
        let breaks = tags(&svg, "polygon")
            .iter()
            .filter(|t| attr(t, "fill") == Some("#FFFFFF"))
            .count();
        assert_eq!(breaks, 2);
        let plain = group_chart(
            &text("g"),
            &[row("A", Some(1.2), "1", "1", StatusKind::Met)],
        );
        assert!(tags(&plain, "polygon").is_empty());
    }

    #[test]
    fn every_row_shows_symbol_word_value_and_target() {
        let rows = sample_rows();
        let svg = group_chart(&text("g"), &rows);
        let all = texts(&svg);
        for r in &rows {
            let status = format!("{} {}", status_symbol(r.status), r.status_text);
            assert!(all.contains(&status), "{status} in {all:?}");
            if !r.target_text.is_empty() {
                assert!(all.contains(&escape(&r.target_text)), "{}", r.target_text);
            }
        }
        assert!(all.contains(&"56,60 %".to_string()));
        // The value is not repeated when it is the status word.
        assert_eq!(
            all.iter()
                .filter(|t| t.to_lowercase().contains("chưa có số liệu"))
                .count(),
            1
        );
        // Status texts use the status colour.
        for t in &tags(&svg, "text") {
            if t.contains("font-weight") && attr(t, "text-anchor") == Some("end") {
                let fill = attr(t, "fill").unwrap_or_default();
                let ok = [MET_TEXT, NOT_MET_TEXT, NO_DATA_TEXT, NO_TARGET_TEXT].map(hex);
                assert!(ok.iter().any(|c| c == fill), "{t}");
            }
        }
    }

    // --- 4b. layout: wrapping, no overlaps, inside the viewBox ---------------------

    #[test]
    fn long_labels_wrap_into_three_lines_and_are_cut() {
        let font = Font::new(LABEL_SIZE, TEXT);
        let long = LONG.repeat(4);
        let lines = wrap(&long, font, f64::from(INNER), MAX_LABEL_LINES);
        assert_eq!(lines.len(), 3);
        assert!(lines[2].ends_with('…'), "{lines:?}");
        for l in &lines {
            assert!(font.width(l) <= f64::from(INNER), "{l}");
        }
        let short = wrap(LONG, font, f64::from(INNER), MAX_LABEL_LINES);
        assert!((2..=3).contains(&short.len()), "{short:?}");
        assert_eq!(
            short.join(" "),
            LONG.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        assert!(!short.iter().any(|l| l.contains('…')));
        // Words longer than a line are broken.
        let word = "x".repeat(500);
        let lines = wrap(&word, font, 100.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| font.width(l) <= 100.0));
        // A no-break space keeps "8,48\u{a0}%" together.
        let lines = wrap("aaaa 8,48\u{a0}%", font, font.width("aaaa 8,48"), 3);
        assert_eq!(lines, vec!["aaaa".to_string(), "8,48\u{a0}%".to_string()]);
        assert!(wrap("", font, 100.0, 3).is_empty());
        assert!(wrap("abc", font, 100.0, 0).is_empty());
        assert_eq!(wrap("abc", font, 0.0, 3).len(), 3);
    }

    type Box2 = (f64, f64, f64, f64);

    fn text_box(x: i32, y: i32, text: &str, font: Font) -> Box2 {
        let w = font.width(text);
        let left = match font.anchor {
            Anchor::Start => f64::from(x),
            Anchor::Middle => f64::from(x) - w / 2.0,
            Anchor::End => f64::from(x) - w,
        };
        let size = f64::from(font.size);
        // Stacked Vietnamese diacritics rise above the cap height.
        (
            left,
            f64::from(y) - 0.15 * size,
            left + w,
            f64::from(y) + 1.0 * size,
        )
    }

    fn overlaps(a: Box2, b: Box2) -> bool {
        a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
    }

    /// Asserts that no two texts overlap, no text overlaps a bar or track, and
    /// everything lies inside the viewBox.
    fn assert_clean_layout(c: &Canvas, height: i32, check_rects: bool) {
        let mut boxes = Vec::new();
        let mut rects = Vec::new();
        for op in &c.ops {
            match op {
                Op::Text { x, y, text, font } => boxes.push((text_box(*x, *y, text, *font), text)),
                Op::Rect {
                    x0,
                    y0,
                    x1,
                    y1,
                    color,
                } if *color != WHITE_BG && x1 > x0 => rects.push((
                    f64::from(*x0),
                    f64::from(*y0),
                    f64::from(*x1),
                    f64::from(*y1),
                )),
                _ => {}
            }
        }
        for (i, (a, ta)) in boxes.iter().enumerate() {
            assert!(
                a.0 >= 0.0 && a.2 <= f64::from(c.width),
                "{ta} sticks out: {a:?}"
            );
            assert!(
                a.1 >= 0.0 && a.3 <= f64::from(height),
                "{ta} sticks out: {a:?}"
            );
            for (b, tb) in &boxes[i + 1..] {
                assert!(!overlaps(*a, *b), "{ta:?} {a:?} overlaps {tb:?} {b:?}");
            }
            if check_rects {
                for r in &rects {
                    let inside = a.0 >= r.0 && a.2 <= r.2 && a.1 >= r.1 - 6.0 && a.3 <= r.3 + 6.0;
                    assert!(
                        !overlaps(*a, *r) || inside,
                        "{ta:?} {a:?} overlaps bar {r:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn group_chart_layout_has_no_overlaps() {
        let long_texts = vec![
            row(
                &LONG.repeat(3),
                Some(0.95),
                &"9".repeat(40),
                &"mục tiêu ".repeat(8),
                StatusKind::NotMet,
            ),
            row(
                "x",
                Some(1.0),
                "1 234 567,89 tỷ đồng",
                "mục tiêu ≥ 1 000 000 tỷ đồng",
                StatusKind::Met,
            ),
            row("", None, "", "", StatusKind::NoData),
            BulletRow {
                status_text: "W".repeat(80),
                ..row("y", Some(0.3), "3", "≥ 10", StatusKind::NotMet)
            },
        ];
        for rows in [sample_rows(), twelve_rows(), long_texts] {
            let mut c = Canvas::new(WIDTH);
            let h = layout_group(&mut c, &rows);
            assert_clean_layout(&c, h, true);
        }
    }

    #[test]
    fn info_lines_leave_no_blank_line() {
        let long_status = "Chưa đạt — cần cải thiện đáng kể trong năm tới theo kết luận";
        let cases = [
            row(
                "a",
                Some(0.5),
                "8,48 %",
                "mục tiêu ≥ 10 %",
                StatusKind::NotMet,
            ),
            row("a", Some(0.5), &"9".repeat(30), "", StatusKind::NotMet),
            row("a", Some(0.5), "", "", StatusKind::NotMet),
            row("a", None, "", "mục tiêu ≥ 10 %", StatusKind::NoData),
            BulletRow {
                status_text: long_status.into(),
                ..row("a", Some(0.5), "1", "", StatusKind::NotMet)
            },
            BulletRow {
                status_text: long_status.into(),
                ..row(
                    "a",
                    Some(0.5),
                    "1",
                    &"mục tiêu ".repeat(5),
                    StatusKind::NotMet,
                )
            },
        ];
        for r in cases {
            let mut c = Canvas::new(WIDTH);
            let h = layout_group(&mut c, std::slice::from_ref(&r));
            let bottom = c
                .ops
                .iter()
                .filter_map(|op| match op {
                    Op::Text { y, font, .. } => Some(y + font.size as i32),
                    _ => None,
                })
                .max()
                .unwrap_or(0);
            assert!(
                h - bottom <= 10 + SMALL_LINE - SMALL_SIZE as i32,
                "{}: {h} {bottom}",
                r.value_text
            );
        }
    }

    #[test]
    fn dataset_and_status_layouts_have_no_overlaps() {
        let fmt = |v: f64| format!("{} tỷ đồng", vi(v));
        for series in [two_series(), two_series()[..1].to_vec_series()] {
            let mut c = Canvas::new(WIDTH);
            let h = layout_bars(&mut c, &categories(), &series, &fmt);
            assert_clean_layout(&c, h, true);
            let mut c = Canvas::new(WIDTH);
            let h = layout_lines(&mut c, &categories(), &series, &fmt);
            assert_clean_layout(&c, h, false);
        }
        let years: Vec<String> = (1990..2025).map(|y| y.to_string()).collect();
        let s = vec![Series {
            name: "GRDP".into(),
            values: (0..35).map(|i| Some(f64::from(i))).collect(),
        }];
        let mut c = Canvas::new(WIDTH);
        let h = layout_lines(&mut c, &years, &s, &|v| format!("{v} %"));
        assert_clean_layout(&c, h, false);
        let counts = [
            (StatusKind::Met, 3, "đạt".to_string()),
            (StatusKind::NotMet, 5, "chưa đạt".to_string()),
            (StatusKind::NoData, 2, "chưa có số liệu".to_string()),
            (StatusKind::NoTarget, 1, "không có mục tiêu".to_string()),
        ];
        let peak = vec![Series {
            name: "Tỷ lệ".into(),
            values: vec![Some(10.0), Some(5.0), Some(10.0)],
        }];
        let mut c = Canvas::new(WIDTH);
        let h = layout_lines(&mut c, &categories()[..3], &peak, &|v| format!("{v} %"));
        assert_clean_layout(&c, h, false);
        let mut c = Canvas::new(STATUS_WIDTH);
        let h = layout_status(&mut c, &counts);
        assert_clean_layout(&c, h, false);
    }

    trait ToVecSeries {
        fn to_vec_series(&self) -> Vec<Series>;
    }

    impl ToVecSeries for [Series] {
        fn to_vec_series(&self) -> Vec<Series> {
            self.iter()
                .map(|s| Series {
                    name: s.name.clone(),
                    values: s.values.clone(),
                })
                .collect()
        }
    }

    #[test]
    fn fonts_are_legible() {
        for svg in all_charts("f")
            .iter()
            .chain([&group_chart(&text("g"), &twelve_rows())])
        {
            let sizes: Vec<f64> = tags(svg, "text")
                .iter()
                .map(|t| num(t, "font-size"))
                .collect();
            assert!(!sizes.is_empty());
            assert!(sizes.iter().all(|s| *s >= 14.0), "{sizes:?}");
        }
        // Row labels are at least 14, tick labels at least 13.
        const { assert!(LABEL_SIZE >= 14 && SMALL_SIZE >= 14 && TICK_SIZE >= 13) };
    }

    // --- 5. palette ----------------------------------------------------------

    fn luminance(c: RGBColor) -> f64 {
        let lin = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2)
    }

    fn contrast(a: RGBColor, b: RGBColor) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn palette_meets_wcag_aa() {
        let white = WHITE_BG;
        assert!((contrast(RGBColor(0, 0, 0), white) - 21.0).abs() < 0.01);
        for t in [
            TEXT,
            TEXT_MUTED,
            MET_TEXT,
            NOT_MET_TEXT,
            NO_DATA_TEXT,
            NO_TARGET_TEXT,
        ] {
            assert!(
                contrast(t, white) >= 4.5,
                "text {} {:.2}",
                hex(t),
                contrast(t, white)
            );
        }
        // Bars against white (non-text); the no-target fill is outlined instead.
        for f in [
            MET_FILL,
            NOT_MET_FILL,
            NO_DATA_FILL,
            NO_TARGET_OUTLINE,
            AXIS,
        ] {
            assert!(
                contrast(f, white) >= 3.0,
                "fill {} {:.2}",
                hex(f),
                contrast(f, white)
            );
            assert!(contrast(f, TRACK) >= 3.0, "fill {} on track", hex(f));
        }
        // Text drawn on fills: counts in status segments, values inside bars.
        for k in StatusKind::ALL {
            let (fg, bg) = (on_fill_text_colour(k), status_fill(k));
            assert!(contrast(fg, bg) >= 4.5, "{k:?} {:.2}", contrast(fg, bg));
        }
        for s in SERIES {
            assert!(contrast(s, white) >= 4.5, "series {}", hex(s));
        }
        // Met and not met differ in lightness too, not only in hue.
        let (lm, ln) = (luminance(MET_FILL), luminance(NOT_MET_FILL));
        assert!(lm != ln);
        // Distinct fills per status, so bars can be told apart in the SVG.
        let fills = status_fills();
        for (i, a) in fills.iter().enumerate() {
            assert!(!fills[i + 1..].contains(a));
            assert_ne!(a, &hex(TRACK));
            assert_ne!(a, &hex(TRACK_OVER));
        }
    }

    // --- 6. size ---------------------------------------------------------------

    #[test]
    fn twelve_rows_stay_under_20_kb() {
        let svg = group_chart(&text("size"), &twelve_rows());
        assert!(svg.len() < 20 * 1024, "{} bytes", svg.len());
        let with_ratio = twelve_rows().iter().filter(|r| r.ratio.is_some()).count();
        assert_eq!(bars(&svg).len(), with_ratio);
        // Coordinates are integers.
        for t in tags(&svg, "rect").iter().chain(tags(&svg, "text").iter()) {
            for a in ["x", "y", "width", "height"] {
                if let Some(v) = attr(t, a) {
                    assert!(v.parse::<i64>().is_ok(), "{t}");
                }
            }
        }
        assert!(!svg.contains(" opacity=\"1\""));
    }

    // --- 7. dataset charts ---------------------------------------------------------

    #[test]
    fn nice_ticks_start_at_zero_with_four_to_six_ticks() {
        for max in [
            0.0, 0.001, 0.3, 1.0, 1.01, 3.0, 7.3, 9.99, 10.0, 56.6, 99.0, 1234.5, 2.5e9, 1e300,
        ] {
            let t = nice_ticks(0.0, max);
            assert!((4..=6).contains(&t.len()), "{max}: {t:?}");
            assert_eq!(t[0], 0.0);
            assert!(*t.last().unwrap_or(&0.0) >= max, "{max}: {t:?}");
            let step = t[1] - t[0];
            for w in t.windows(2) {
                assert!(((w[1] - w[0]) - step).abs() <= step * 1e-9, "{t:?}");
            }
        }
        assert_eq!(nice_ticks(0.0, 1.0), vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        assert_eq!(nice_ticks(0.0, 0.3), vec![0.0, 0.1, 0.2, 0.3]);
        assert_eq!(
            nice_ticks(0.0, 1234.5),
            vec![0.0, 250.0, 500.0, 750.0, 1000.0, 1250.0]
        );
        let neg = nice_ticks(-5.0, 10.0);
        assert!(
            neg[0] <= -5.0 && neg.contains(&0.0) && (3..=7).contains(&neg.len()),
            "{neg:?}"
        );
        assert!(nice_ticks(f64::NAN, f64::INFINITY).len() >= 2);
    }

    #[test]
    fn dataset_bars_use_fmt_mark_missing_and_show_legend() {
        let fmt = |v: f64| format!("[{v}]");
        let svg = dataset_chart(
            &text("d"),
            DatasetChartKind::Bar,
            &categories(),
            &two_series(),
            &fmt,
        );
        let all = texts(&svg);
        for tick in ["[0]", "[500]", "[1000]"] {
            assert!(all.contains(&tick.to_string()), "{tick} in {all:?}");
        }
        for v in ["[1234.5]", "[856]", "[90]", "[1390]", "[910]", "[300]"] {
            assert!(all.contains(&v.to_string()), "{v}");
        }
        // Series 1 misses category 2; series 2 misses category 3 (short values vec).
        assert_eq!(all.iter().filter(|t| *t == "–").count(), 2);
        assert!(all.contains(&"Năm 2022".to_string()) && all.contains(&"Năm 2023".to_string()));
        for c in categories() {
            assert!(all.contains(&c), "{c}");
        }
        // Bars: one rect per value, lengths proportional to values.
        let blue = hex(SERIES[0]);
        let widths: Vec<f64> = tags(&svg, "rect")
            .iter()
            .filter(|t| attr(t, "fill") == Some(blue.as_str()) && attr(t, "height") != Some("14"))
            .map(|t| num(t, "width"))
            .collect();
        assert_eq!(widths.len(), 3);
        assert!(
            (widths[0] / widths[1] - 1234.5 / 856.0).abs() < 0.01,
            "{widths:?}"
        );
        let single = dataset_chart(
            &text("d"),
            DatasetChartKind::Bar,
            &categories(),
            &two_series()[..1],
            &fmt,
        );
        assert!(
            !texts(&single).contains(&"Năm 2022".to_string()),
            "no legend for one series"
        );
    }

    #[test]
    fn dataset_lines_have_markers_legend_and_categories() {
        let svg = dataset_chart(
            &text("l"),
            DatasetChartKind::Line,
            &categories(),
            &two_series(),
            &vi,
        );
        let all = texts(&svg);
        assert!(all.contains(&"Năm 2022".to_string()) && all.contains(&"Năm 2023".to_string()));
        assert!(all.contains(&"0,0".to_string()));
        assert!(all
            .iter()
            .any(|t| t == "Thành phố" || t.starts_with("Thành phố")));
        assert!(!tags(&svg, "circle").is_empty(), "series 1 markers");
        assert!(tags(&svg, "rect").len() > 3, "series 2 markers");
        assert!(all.contains(&"–".to_string()));
        let polylines = tags(&svg, "polyline");
        let lines: Vec<&str> = polylines
            .iter()
            .filter(|t| attr(t, "stroke-width") == Some("3"))
            .filter_map(|t| attr(t, "points"))
            .collect();
        // Series 1 is broken by its gap (its last point stands alone); series 2
        // runs over its three values.
        let points: Vec<usize> = lines.iter().map(|p| p.split_whitespace().count()).collect();
        assert_eq!(points, vec![2, 3]);
    }

    // --- 8. status bar ----------------------------------------------------------

    #[test]
    fn status_bar_segments_are_proportional_with_legend() {
        let counts = vec![
            (StatusKind::Met, 3, "đạt".to_string()),
            (StatusKind::NotMet, 5, "chưa đạt".to_string()),
            (StatusKind::NoData, 0, "chưa có số liệu".to_string()),
            (StatusKind::NoTarget, 2, "không có mục tiêu".to_string()),
        ];
        let svg = status_bar(&text("s"), &counts);
        let segs: Vec<(String, f64, f64)> = bars(&svg)
            .into_iter()
            .filter(|(_, _, w)| *w > 14.0)
            .collect();
        assert_eq!(segs.len(), 3, "zero counts get no segment: {segs:?}");
        let inner = f64::from(STATUS_WIDTH - 2 * PAD);
        for ((fill, _, w), n) in segs.iter().zip([3.0, 5.0, 2.0]) {
            assert!((w - n / 10.0 * inner).abs() <= 1.0, "{fill} {w}");
        }
        assert_eq!(segs[0].0, hex(MET_FILL));
        assert_eq!(segs[1].0, hex(NOT_MET_FILL));
        assert_eq!(segs[2].0, hex(NO_TARGET_FILL));
        let all = texts(&svg);
        for t in [
            "✓ 3 đạt",
            "✗ 5 chưa đạt",
            "– 0 chưa có số liệu",
            "○ 2 không có mục tiêu",
        ] {
            assert!(all.contains(&t.to_string()), "{t} in {all:?}");
        }
        for n in ["3", "5", "2"] {
            assert!(all.contains(&n.to_string()), "count {n}");
        }
        let root = root_tag(&svg);
        assert!(attr(root, "viewBox").is_some_and(|v| v.starts_with("0 0 400 ")));
    }

    // --- 9. no panics ------------------------------------------------------------

    #[test]
    fn odd_input_never_panics() {
        let t = ChartText {
            id: String::new(),
            title: String::new(),
            desc: String::new(),
        };
        let ratios = [
            None,
            Some(0.0),
            Some(-3.0),
            Some(f64::NAN),
            Some(f64::INFINITY),
            Some(f64::NEG_INFINITY),
            Some(1e300),
            Some(f64::MIN_POSITIVE),
        ];
        let rows: Vec<BulletRow> = ratios
            .iter()
            .flat_map(|r| {
                StatusKind::ALL.map(|k| BulletRow {
                    label: String::new(),
                    ratio: *r,
                    value_text: String::new(),
                    target_text: String::new(),
                    status: k,
                    status_text: String::new(),
                })
            })
            .collect();
        let svg = group_chart(&t, &rows);
        assert!(svg.contains("aria-labelledby=\"chart-title chart-desc\""));
        assert!(group_chart(&t, &[]).trim_end().ends_with("</svg>"));

        let weird: Vec<Vec<Option<f64>>> = vec![
            vec![],
            vec![None, None],
            vec![Some(0.0), Some(0.0)],
            vec![Some(-5.0), Some(-1.0)],
            vec![Some(f64::NAN), Some(f64::INFINITY)],
            vec![Some(1e308), Some(-1e308)],
            vec![Some(1e-300), Some(3e-300)],
            vec![Some(5.0)],
        ];
        let cats2 = vec![String::new(), "  \n\t ".to_string()];
        let many: Vec<String> = (0..500).map(|i| format!("Danh mục số {i}")).collect();
        for values in weird {
            let s = vec![Series {
                name: String::new(),
                values,
            }];
            for kind in [DatasetChartKind::Bar, DatasetChartKind::Line] {
                for cats in [&cats2, &many, &Vec::new()] {
                    let svg = dataset_chart(&t, kind, cats, &s, &|v| format!("{v}"));
                    assert!(svg.trim_end().ends_with("</svg>"));
                }
                let svg = dataset_chart(&t, kind, &cats2, &[], &|v| format!("{v}"));
                assert!(svg.starts_with("<svg "));
            }
        }
        for counts in [
            vec![],
            vec![(StatusKind::Met, 0, String::new())],
            vec![
                (StatusKind::Met, usize::MAX, String::new()),
                (StatusKind::NotMet, usize::MAX, "x".into()),
            ],
            StatusKind::ALL.map(|k| (k, 1, String::new())).to_vec(),
        ] {
            let svg = status_bar(&t, &counts);
            assert!(svg.trim_end().ends_with("</svg>"));
        }
        let huge = row(
            &"ư ".repeat(100_000),
            Some(0.5),
            &"9".repeat(10_000),
            "",
            StatusKind::Met,
        );
        assert!(group_chart(&t, &[huge]).len() < 5_000);
    }

    #[test]
    fn empty_input_gives_small_valid_svg() {
        let svg = group_chart(&text("e"), &[]);
        assert!(svg.len() < 1_000);
        assert!(svg.starts_with("<svg ") && svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains("<title id=\"e-title\">"));
        assert!(!svg.contains("<text"));
        let svg = dataset_chart(&text("e"), DatasetChartKind::Line, &[], &two_series(), &vi);
        assert!(svg.len() < 1_000 && !svg.contains("<text"));
    }
    // --- 10. history chart ---------------------------------------------------------

    fn hp(label: &str, value: Option<f64>, text: &str) -> HistoryPoint {
        HistoryPoint {
            label: label.to_string(),
            value,
            value_text: text.to_string(),
        }
    }

    fn ht(value: f64, text: &str, deadline: &str) -> HistoryTarget {
        HistoryTarget {
            value,
            text: text.to_string(),
            deadline_label: deadline.to_string(),
        }
    }

    fn pct(v: f64) -> String {
        format!("{}\u{a0}%", vi(v))
    }

    #[test]
    fn axis_labels_are_whole_and_inside() {
        // Half years and years over nine years, as a national portal's
        // histories have them: seventeen columns, 34 units each.
        let mut points = Vec::new();
        for y in 2015..2024 {
            let v = f64::from(y - 2015);
            points.push(hp(&format!("6 tháng đầu năm {y}"), Some(5.0 + v), ""));
            points.push(hp(&y.to_string(), Some(5.5 + v), ""));
        }
        let words: std::collections::HashSet<&str> =
            points.iter().flat_map(|p| p.label.split(' ')).collect();
        for target in [None, Some(ht(9.0, "Mục tiêu ≥ 9 %", "2024"))] {
            let svg = history_chart(&text("h"), &points, target.as_ref(), &pct);
            // Axis labels: the texts that are neither values nor the key.
            let axis: Vec<String> = texts(&svg)
                .into_iter()
                .filter(|t| !t.contains('%'))
                .collect();
            assert!(axis.len() >= 4, "{axis:?}");
            for t in &axis {
                assert!(
                    !t.contains('…') && t.split(' ').all(|w| words.contains(w) || w == "2024"),
                    "{t:?} is not made of whole words of a label: {axis:?}"
                );
            }
            // Every label stays inside the chart, the last one too.
            let font = Font::new(SMALL_SIZE, TEXT);
            for (tag, t) in tags(&svg, "text").iter().zip(texts(&svg)) {
                if axis.contains(&t) {
                    let (x, half) = (num(tag, "x"), font.width(&t) / 2.0);
                    assert!(
                        x - half >= f64::from(PAD) - 0.5 && x + half <= f64::from(X_END) + 0.5,
                        "{tag}{t}"
                    );
                }
            }
        }
    }

    fn share_history() -> (Vec<HistoryPoint>, HistoryTarget) {
        (
            vec![
                hp("2021", Some(45.2), "45,2\u{a0}%"),
                hp("2022", Some(56.6), "56,60\u{a0}%"),
            ],
            ht(50.0, "Mục tiêu ≥ 50 % (2023)", "2023"),
        )
    }

    /// (x, y, width, height) of every bar of a history chart or count chart.
    fn series_bars(svg: &str) -> Vec<(f64, f64, f64, f64)> {
        let blue = hex(SERIES[0]);
        tags(svg, "rect")
            .iter()
            .filter(|t| attr(t, "fill") == Some(blue.as_str()))
            .map(|t| (num(t, "x"), num(t, "y"), num(t, "width"), num(t, "height")))
            .collect()
    }

    /// Points of every dashed polyline.
    fn dashed_lines(svg: &str) -> Vec<Vec<(f64, f64)>> {
        tags(svg, "polyline")
            .iter()
            .filter(|t| attr(t, "stroke-dasharray").is_some())
            .map(|t| {
                assert_eq!(attr(t, "stroke"), Some(hex(TARGET_LINE).as_str()), "{t}");
                attr(t, "points")
                    .unwrap_or_default()
                    .split_whitespace()
                    .filter_map(|p| p.split_once(','))
                    .map(|(x, y)| (x.parse().unwrap_or(f64::NAN), y.parse().unwrap_or(f64::NAN)))
                    .collect()
            })
            .collect()
    }

    /// The target line across the plot: the longest dashed line (the other
    /// one is the key's sample). Returns (x0, x1, y).
    fn target_line(svg: &str) -> Option<(f64, f64, f64)> {
        dashed_lines(svg)
            .into_iter()
            .filter(|p| p.len() == 2 && p[0].1 == p[1].1)
            .map(|p| (p[0].0, p[1].0, p[0].1))
            .max_by(|a, b| (a.1 - a.0).total_cmp(&(b.1 - b.0)))
    }

    /// (opening tag, content) of every bold `<text>` (value labels, counts).
    fn bold_texts(svg: &str) -> Vec<(String, String)> {
        tags(svg, "text")
            .into_iter()
            .zip(texts(svg))
            .filter(|(t, _)| attr(t, "font-weight") == Some("bold"))
            .collect()
    }

    /// Centres of the dark diamonds (deadline marker and the key's).
    fn diamonds(svg: &str) -> Vec<(f64, f64)> {
        tags(svg, "polygon")
            .iter()
            .filter(|t| attr(t, "fill") == Some(hex(TARGET_LINE).as_str()))
            .map(|t| {
                let pts: Vec<(f64, f64)> = attr(t, "points")
                    .unwrap_or_default()
                    .split_whitespace()
                    .filter_map(|p| p.split_once(','))
                    .map(|(x, y)| (x.parse().unwrap_or(f64::NAN), y.parse().unwrap_or(f64::NAN)))
                    .collect();
                let n = pts.len().max(1) as f64;
                (
                    pts.iter().map(|p| p.0).sum::<f64>() / n,
                    pts.iter().map(|p| p.1).sum::<f64>() / n,
                )
            })
            .collect()
    }

    #[test]
    fn history_bars_are_proportional_and_target_is_on_the_same_scale() {
        let (points, target) = share_history();
        let svg = history_chart(&text("h"), &points, Some(&target), &pct);
        let bars = series_bars(&svg);
        assert_eq!(bars.len(), 2, "one bar per value: {bars:?}");
        // Same baseline (the zero line), left to right, same width.
        let bottom = bars[0].1 + bars[0].3;
        assert_eq!(bars[1].1 + bars[1].3, bottom);
        assert!(bars[0].0 < bars[1].0);
        assert_eq!(bars[0].2, bars[1].2);
        // Heights on the axis scale 0..60 (the top tick).
        let top_tick = *nice_ticks(0.0, 56.6).last().unwrap_or(&0.0);
        assert_eq!(top_tick, 60.0);
        let scale = f64::from(HISTORY_PLOT_H) / top_tick;
        for ((_, _, _, h), v) in bars.iter().zip([45.2, 56.6]) {
            assert!((h - v * scale).abs() <= 1.0, "{h} vs {}", v * scale);
        }
        // Height / value is the same for both bars.
        assert!((bars[0].3 / 45.2 - bars[1].3 / 56.6).abs() < 0.03);

        // The target line is dashed, spans the plot and sits at 50 on that scale.
        assert_eq!(dashed_lines(&svg).len(), 2, "plot line and key sample");
        let (x0, x1, ty) = target_line(&svg).expect("target line");
        assert!((bottom - ty - 50.0 * scale).abs() <= 1.0, "{ty}");
        assert!(((bottom - ty) / 50.0 - bars[1].3 / 56.6).abs() < 0.03);
        assert!(x0 < bars[0].0 && x1 == f64::from(X_END), "{x0} {x1}");
        // It crosses the 2022 bar and passes over the 2021 bar.
        assert!(bars[1].1 < ty && bars[0].1 > ty);

        // Three columns: the deadline's column (2023) follows 2022 at the same
        // spacing, and the marker sits on the line there.
        let centre = |b: &(f64, f64, f64, f64)| b.0 + b.2 / 2.0;
        let (c0, c1) = (centre(&bars[0]), centre(&bars[1]));
        let on_line: Vec<(f64, f64)> = diamonds(&svg)
            .into_iter()
            .filter(|(_, y)| (y - ty).abs() <= 0.5)
            .collect();
        assert_eq!(on_line.len(), 1, "{:?}", diamonds(&svg));
        assert!(
            (on_line[0].0 - (2.0 * c1 - c0)).abs() <= 1.5,
            "{on_line:?} {c0} {c1}"
        );
        assert!((f64::from(X_END) - on_line[0].0 - (c1 - c0) / 2.0).abs() <= 1.5);

        let all = texts(&svg);
        for t in [
            "45,2\u{a0}%",
            "56,60\u{a0}%",
            "2021",
            "2022",
            "2023",
            "Mục tiêu ≥ 50 % (2023)",
            "0,0\u{a0}%",
            "60,0\u{a0}%",
        ] {
            assert!(all.contains(&escape(t)), "{t:?} in {all:?}");
        }
        // Value labels sit just above their bars, centred on them.
        let values = bold_texts(&svg);
        for (b, v) in bars.iter().zip(["45,2\u{a0}%", "56,60\u{a0}%"]) {
            let t = values
                .iter()
                .find(|(_, s)| s == v)
                .map(|(t, _)| t.as_str())
                .unwrap_or_default();
            assert_eq!(num(t, "x"), centre(b), "{t}");
            let gap = b.1 - (num(t, "y") + f64::from(SMALL_SIZE));
            assert!((0.0..=12.0).contains(&gap), "{v}: {gap}");
        }
        assert!(!svg.contains(&hex(DASH_SENTINEL)));
    }

    #[test]
    fn history_with_one_value_has_two_columns() {
        let points = [hp("2022", Some(114.0), "114")];
        let target = ht(150.0, "Mục tiêu > 150 (2023)", "2023");
        let svg = history_chart(&text("h1"), &points, Some(&target), &|v| vi(v));
        let bars = series_bars(&svg);
        assert_eq!(bars.len(), 1);
        let (x, y, w, h) = bars[0];
        let bottom = y + h;
        // Axis 0..150: the target is the top tick.
        assert_eq!(nice_ticks(0.0, 150.0).last(), Some(&150.0));
        assert!((h - 114.0 / 150.0 * f64::from(HISTORY_PLOT_H)).abs() <= 1.0);
        let (x0, x1, ty) = target_line(&svg).expect("target line");
        assert_eq!(bottom - ty, f64::from(HISTORY_PLOT_H));
        assert!(x0 < x && x1 > x + w);
        // Two equal columns: the bar's centre and the marker split the plot in
        // quarters and three quarters.
        let c0 = x + w / 2.0;
        let m: Vec<(f64, f64)> = diamonds(&svg).into_iter().filter(|d| d.1 == ty).collect();
        assert_eq!(m.len(), 1);
        assert!(
            (m[0].0 - c0 - 2.0 * (x1 - m[0].0)).abs() <= 2.0,
            "{m:?} {c0} {x1}"
        );
        assert!((c0 - x0 - (x1 - m[0].0)).abs() <= 2.0);
        assert!(w <= HISTORY_BAR_MAX + 1.0, "not a slab: {w}");
        let all = texts(&svg);
        for t in ["114", "2022", "2023", "Mục tiêu &gt; 150 (2023)", "150,0"] {
            assert!(all.contains(&t.to_string()), "{t} in {all:?}");
        }
        assert_eq!(all.iter().filter(|t| *t == "2023").count(), 1);
    }

    #[test]
    fn deadline_column_is_added_only_when_missing() {
        let (points, _) = share_history();
        let labels = |t: &HistoryTarget| -> (Vec<String>, Option<usize>) {
            let (cols, d) = history_columns(&points, Some(t), &pct);
            (cols.into_iter().map(|c| c.label).collect(), d)
        };
        assert_eq!(
            labels(&ht(50.0, "", "2023")),
            (vec!["2021".into(), "2022".into(), "2023".into()], Some(2))
        );
        assert_eq!(
            labels(&ht(50.0, "", " 2022 ")),
            (vec!["2021".into(), "2022".into()], Some(1))
        );
        assert_eq!(
            labels(&ht(50.0, "", "2020")),
            (vec!["2020".into(), "2021".into(), "2022".into()], Some(0))
        );
        assert_eq!(labels(&ht(50.0, "", "")).1, None);
        // Labels that are not years: the deadline goes last.
        let quarters = [
            hp("quý 1/2023", Some(1.0), "1"),
            hp("quý 3/2023", Some(2.0), "2"),
        ];
        let (cols, d) = history_columns(&quarters, Some(&ht(3.0, "", "quý 2/2023")), &pct);
        assert_eq!(d, Some(2));
        assert_eq!(cols[2].label, "quý 2/2023");
        assert!(cols[2].value.is_none() && cols[2].value_label.is_empty());

        // In the SVG: the deadline 2022 is an existing column, so the marker
        // is on the 2022 bar and no column is added.
        let svg = history_chart(&text("h"), &points, Some(&ht(50.0, "x", "2022")), &pct);
        let bars = series_bars(&svg);
        let (_, _, ty) = target_line(&svg).expect("line");
        let m: Vec<(f64, f64)> = diamonds(&svg).into_iter().filter(|d| d.1 == ty).collect();
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].0, bars[1].0 + bars[1].2 / 2.0);
        assert_eq!(texts(&svg).iter().filter(|t| *t == "2022").count(), 1);
        // A deadline before the first year puts the marker left of every bar.
        let svg = history_chart(&text("h"), &points, Some(&ht(50.0, "x", "2020")), &pct);
        let (_, _, ty) = target_line(&svg).expect("line");
        let m: Vec<(f64, f64)> = diamonds(&svg).into_iter().filter(|d| d.1 == ty).collect();
        assert!(m.len() == 1 && m[0].0 < series_bars(&svg)[0].0, "{m:?}");
    }

    #[test]
    fn history_marks_missing_values_and_hangs_negative_bars() {
        let points = [
            hp("2019", Some(7.1), "7,1\u{a0}%"),
            hp("2020", Some(-2.3), "−2,3\u{a0}%"),
            hp("2021", None, "chưa có số liệu"),
            hp("2022", Some(f64::NAN), "?"),
            hp("2023", Some(3.4), ""),
        ];
        let target = ht(8.0, "Mục tiêu ≥ 8 %", "2025");
        let svg = history_chart(&text("n"), &points, Some(&target), &pct);
        let bars = series_bars(&svg);
        assert_eq!(bars.len(), 3, "no bar for missing or NaN values");
        let all = texts(&svg);
        assert_eq!(all.iter().filter(|t| *t == "–").count(), 2, "{all:?}");
        assert!(!all.iter().any(|t| t.contains("chưa có") || t == "?"));
        // An empty value text falls back to fmt.
        assert!(all.contains(&"3,4\u{a0}%".to_string()), "{all:?}");
        // The negative bar hangs from the zero line, where the others stand.
        let zero = bars[0].1 + bars[0].3;
        assert_eq!(bars[1].1, zero);
        assert_eq!(bars[2].1 + bars[2].3, zero);
        let scale = bars[0].3 / 7.1;
        assert!((bars[1].3 - 2.3 * scale).abs() <= 1.5, "{bars:?}");
        assert!((bars[2].3 - 3.4 * scale).abs() <= 1.5, "{bars:?}");
        let (_, _, ty) = target_line(&svg).expect("line");
        assert!((zero - ty - 8.0 * scale).abs() <= 1.5);
        // The axis reaches below zero.
        assert!(
            all.iter().any(|t| t.starts_with('-') || t.starts_with('−')),
            "{all:?}"
        );
        // A zero value still has its (zero-high) bar.
        let zero_bar = [hp("2020", Some(0.0), "0"), hp("2021", Some(2.0), "2")];
        let bars = series_bars(&history_chart(&text("z"), &zero_bar, None, &pct));
        assert_eq!(bars.len(), 2);
        assert_eq!(bars[0].3, 0.0);
        assert_eq!(bars[0].1, bars[1].1 + bars[1].3);
        // Without a target: no dashed line, no marker, no added column.
        let svg = history_chart(&text("n"), &points, None, &pct);
        assert!(dashed_lines(&svg).is_empty() && diamonds(&svg).is_empty());
        assert!(!texts(&svg).contains(&"2025".to_string()));
        // A non-finite target is no target.
        let bad = ht(f64::NAN, "Mục tiêu", "2030");
        let svg = history_chart(&text("n"), &points, Some(&bad), &pct);
        assert!(dashed_lines(&svg).is_empty() && !texts(&svg).contains(&"2030".to_string()));
    }

    fn quarterly(n: usize) -> Vec<HistoryPoint> {
        (0..n)
            .map(|i| {
                let v = 40.0 + (i as f64 * 1.7).sin() * 12.0 + i as f64 * 2.0;
                let label = format!("quý {}/{}", i % 4 + 1, 2021 + i / 4);
                if i == 4 {
                    hp(&label, None, "")
                } else {
                    hp(&label, Some(v), &pct((v * 100.0).round() / 100.0))
                }
            })
            .collect()
    }

    #[test]
    fn history_layout_has_no_overlaps() {
        let money = |v: f64| format!("{} tỷ đồng", vi(v));
        let (share, target) = share_history();
        let long_target = ht(
            8.0,
            "Mục tiêu tăng trưởng GRDP bình quân ≥ 8 %/năm giai đoạn 2021–2025 theo Nghị quyết",
            "2025",
        );
        let years: Vec<HistoryPoint> = (2014..2024)
            .map(|y| {
                let v = f64::from(y - 2010) * 131.7;
                hp(&y.to_string(), Some(v), &money(v))
            })
            .collect();
        let cases: Vec<(Vec<HistoryPoint>, Option<HistoryTarget>)> = vec![
            (share, Some(target)),
            (
                vec![hp("2022", Some(114.0), "114")],
                Some(ht(150.0, "Mục tiêu > 150 (2023)", "2023")),
            ),
            (
                quarterly(9),
                Some(ht(55.0, "Mục tiêu ≥ 55 % (quý 2/2023)", "quý 2/2023")),
            ),
            (quarterly(10), Some(long_target)),
            (years, Some(ht(600.0, "Mục tiêu 600 tỷ đồng", "2030"))),
            (
                vec![
                    hp("2020", Some(0.0), "0"),
                    hp("2021", Some(-5.0), "−5"),
                    hp("2022", None, ""),
                ],
                Some(ht(0.0, "Mục tiêu 0", "2022")),
            ),
        ];
        for (points, target) in &cases {
            let mut c = Canvas::new(WIDTH);
            let h = layout_history(&mut c, points, target.as_ref(), &money);
            assert_clean_layout(&c, h, true);
            let svg = history_chart(&text("o"), points, target.as_ref(), &money);
            // Every finite value has its label drawn.
            for p in points.iter().filter(|p| p.value.is_some()) {
                let first = p.value_text.split(' ').next().unwrap_or_default();
                assert!(
                    texts(&svg).iter().any(|t| t.starts_with(first)),
                    "{}",
                    p.value_text
                );
            }
        }
    }

    #[test]
    fn crowded_value_labels_stay_near_their_bars() {
        let svg = history_chart(
            &text("q"),
            &quarterly(9),
            Some(&ht(55.0, "Mục tiêu", "quý 2/2023")),
            &pct,
        );
        let bars = series_bars(&svg);
        assert_eq!(bars.len(), 8);
        let values = bold_texts(&svg);
        for (b, p) in bars
            .iter()
            .zip(quarterly(9).iter().filter(|p| p.value.is_some()))
        {
            let label = escape(&clean(&p.value_text));
            let t = values
                .iter()
                .find(|(_, s)| *s == label)
                .map(|(t, _)| t.as_str())
                .expect("label");
            assert_eq!(num(t, "x"), b.0 + b.2 / 2.0, "centred on its bar");
            // At most two label heights above the bar.
            let gap = b.1 - num(t, "y");
            assert!(gap > 0.0 && gap <= 3.0 * 22.0 + 6.0, "{label}: {gap}");
        }
        // Narrowed bars: a column is wider than its bar by at least a third.
        let slot = bars[1].0 - bars[0].0;
        assert!(bars[0].2 <= slot * HISTORY_BAR_SHARE + 1.0);
    }

    #[test]
    fn long_value_labels_wrap_between_number_and_unit() {
        let font = Font::new(TICK_SIZE, TEXT).bold();
        assert_eq!(
            two_lines("1.502,5 tỷ đồng", font, 90.0),
            Some(vec!["1.502,5".to_string(), "tỷ đồng".to_string()])
        );
        assert_eq!(two_lines("56,60\u{a0}%", font, 40.0), None);
        assert_eq!(two_lines("abc", font, 1.0), None);
        let points: Vec<HistoryPoint> = [1234.0, 1390.0, 1502.5, 1610.0, 1700.0]
            .iter()
            .enumerate()
            .map(|(i, v)| {
                hp(
                    &format!("{}", 2019 + i),
                    Some(*v),
                    &format!("{} tỷ đồng", vi(*v)),
                )
            })
            .collect();
        let svg = history_chart(&text("w"), &points, None, &|v| vi(v));
        let all = texts(&svg);
        assert!(all.contains(&"1502,5".to_string()), "{all:?}");
        assert_eq!(all.iter().filter(|t| *t == "tỷ đồng").count(), 5);
    }

    // --- 11. count bars -----------------------------------------------------------

    fn agencies() -> Vec<(String, usize)> {
        vec![
            (
                "Các sở, ban, ngành, UBND các huyện, thị xã, thành phố".to_string(),
                6,
            ),
            ("Sở Thông tin và Truyền thông".to_string(), 14),
            ("Sở Y tế".to_string(), 3),
        ]
    }

    #[test]
    fn count_bars_are_proportional_with_labels() {
        let items = agencies();
        let svg = count_bars(&text("c"), &items);
        let bars = series_bars(&svg);
        assert_eq!(bars.len(), 3);
        let count_font = Font::new(SMALL_SIZE, TEXT).bold();
        let full = f64::from(INNER) - count_font.width("14").round() - 8.0;
        for ((x, _, w, h), (_, n)) in bars.iter().zip(&items) {
            assert_eq!(*x, f64::from(PAD));
            assert_eq!(*h, f64::from(COUNT_BAR_H));
            assert!((w - *n as f64 / 14.0 * full).abs() <= 1.0, "{n}: {w}");
        }
        // In order, one below the other.
        assert!(bars[0].1 < bars[1].1 && bars[1].1 < bars[2].1);
        let all = texts(&svg);
        for n in ["6", "14", "3"] {
            assert!(all.contains(&n.to_string()), "{n}");
        }
        // The long agency name wraps onto two lines above its bar.
        assert!(all.contains(&"Sở Y tế".to_string()));
        let lines = wrap(
            &items[0].0,
            Font::new(LABEL_SIZE, TEXT),
            f64::from(INNER),
            3,
        );
        assert_eq!(lines.len(), 2);
        for l in &lines {
            assert!(all.contains(&escape(l)), "{l}");
        }
        // Each count sits at its bar's end, on the bar's line.
        let text_tags = tags(&svg, "text");
        for ((x, y, w, h), (_, n)) in bars.iter().zip(&items) {
            let i = all.iter().position(|t| *t == n.to_string()).expect("count");
            let t = &text_tags[i];
            assert_eq!(num(t, "x"), x + w + 6.0);
            let ty = num(t, "y");
            assert!(ty > *y - 6.0 && ty < y + h, "{t}");
        }
        let status = [
            ("Kế hoạch".to_string(), 30),
            ("Đang thực hiện".to_string(), 10),
            ("Hoàn thành".to_string(), 5),
        ];
        let svg = count_bars(&text("s"), &status);
        let w: Vec<f64> = series_bars(&svg).iter().map(|b| b.2).collect();
        assert!(
            (w[0] / w[1] - 3.0).abs() < 0.02 && (w[0] / w[2] - 6.0).abs() < 0.05,
            "{w:?}"
        );
    }

    #[test]
    fn count_layout_has_no_overlaps_and_counts_are_grouped() {
        let many: Vec<(String, usize)> = (0..12)
            .map(|i| (format!("{} {i}", LONG.repeat(i % 3 + 1)), i * 1_234_567))
            .collect();
        for items in [agencies(), many, vec![(String::new(), 0)]] {
            let mut c = Canvas::new(WIDTH);
            let h = layout_counts(&mut c, &items);
            assert_clean_layout(&c, h, true);
        }
        assert_eq!(count_text(0), "0");
        assert_eq!(count_text(9999), "9999");
        assert_eq!(count_text(12_345), "12\u{202F}345");
        assert_eq!(count_text(1_234_567), "1\u{202F}234\u{202F}567");
        // All zero: empty bars, counts shown.
        let svg = count_bars(&text("z"), &[("a".into(), 0), ("b".into(), 0)]);
        let bars = series_bars(&svg);
        assert_eq!(bars.len(), 2);
        assert!(bars.iter().all(|b| b.2 == 0.0));
        assert_eq!(texts(&svg).iter().filter(|t| *t == "0").count(), 2);
    }

    #[test]
    fn new_charts_survive_odd_input_and_stay_small() {
        let t = ChartText {
            id: String::new(),
            title: String::new(),
            desc: String::new(),
        };
        let odd = [
            None,
            Some(0.0),
            Some(-3.0),
            Some(f64::NAN),
            Some(f64::INFINITY),
            Some(f64::NEG_INFINITY),
            Some(1e308),
            Some(-1e308),
            Some(f64::MIN_POSITIVE),
        ];
        let points: Vec<HistoryPoint> = odd.iter().map(|v| hp("", *v, &"9".repeat(300))).collect();
        let targets = [
            None,
            Some(ht(f64::NAN, "", "")),
            Some(ht(f64::INFINITY, "x", "y")),
            Some(ht(1e308, "", "")),
            Some(ht(-1e308, &"Mục tiêu ".repeat(100), " ")),
            Some(ht(0.0, "a", "")),
        ];
        let fmts: [&dyn Fn(f64) -> String; 2] = [&|v| format!("{v}"), &|_| String::new()];
        for target in &targets {
            for fmt in fmts {
                for pts in [&points[..], &points[..1], &points[3..4]] {
                    let svg = history_chart(&t, pts, target.as_ref(), fmt);
                    assert!(svg.starts_with("<svg ") && svg.trim_end().ends_with("</svg>"));
                }
                let svg = history_chart(&t, &[], target.as_ref(), fmt);
                assert!(svg.len() < 1_000 && !svg.contains("<text"));
            }
        }
        let many: Vec<HistoryPoint> = (0..300)
            .map(|i| hp(&format!("kỳ {i}"), Some(f64::from(i % 17)), "123,45\u{a0}%"))
            .collect();
        let svg = history_chart(&t, &many, Some(&ht(5.0, "m", "kỳ 999")), &pct);
        assert!(svg.trim_end().ends_with("</svg>"));

        for items in [
            vec![],
            vec![(String::new(), 0)],
            vec![("a".to_string(), usize::MAX), ("b".into(), 1)],
            vec![("\u{0}\n".to_string(), 3)],
        ] {
            let svg = count_bars(&t, &items);
            assert!(svg.starts_with("<svg ") && svg.trim_end().ends_with("</svg>"));
        }
        let svg = count_bars(&text("e"), &[]);
        assert!(svg.len() < 1_000 && !svg.contains("<text"));

        // Ten periods with a target, twelve long categories: under 20 KB.
        let svg = history_chart(
            &text("size"),
            &quarterly(10),
            Some(&ht(55.0, "Mục tiêu ≥ 55 % (2030)", "2030")),
            &pct,
        );
        assert!(svg.len() < 20 * 1024, "{} bytes", svg.len());
        let items: Vec<(String, usize)> = (0..12).map(|i| (format!("{LONG} {i}"), i * 7)).collect();
        let svg = count_bars(&text("size"), &items);
        assert!(svg.len() < 20 * 1024, "{} bytes", svg.len());
    }

    // --- 12. fast paths match the plain implementations ------------------------

    /// The post-processing as plain string replacements, one after another.
    fn finish_by_replacing(raw: &str, text: &ChartText, dims: (i32, i32), height: i32) -> String {
        let (width, display) = dims;
        let id = sanitize_id(&text.id);
        let body = svg_body(raw);
        let mut s = body
            .replace(" opacity=\"1\"", "")
            .replace(" font-family=\"sans-serif\"", "")
            .replace(" text-anchor=\"start\"", "")
            .replace(" stroke=\"none\"", "")
            .replace(" stroke-width=\"1\"", "")
            .replace(
                &format!(" stroke=\"{}\"", hex(DASH_SENTINEL)),
                &format!(
                    " stroke=\"{}\" stroke-dasharray=\"{DASH_PATTERN}\"",
                    hex(TARGET_LINE)
                ),
            )
            .replace("\n</text>", "</text>")
            .replace("\">\n", "\">");
        let key = "font-size=\"";
        let mut body = String::new();
        while let Some(i) = s.find(key) {
            let start = i + key.len();
            let Some(len) = s[start..].find('"') else {
                break;
            };
            body.push_str(&s[..start]);
            let v: f64 = s[start..start + len].parse().unwrap_or(16.0);
            body.push_str(&format!("{}", (v * 10.0).round() / 10.0));
            s = s[start + len..].to_string();
        }
        body.push_str(&s);
        let mut out = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" \
             role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
             preserveAspectRatio=\"xMinYMin meet\" font-family=\"{FONT_STACK}\" \
             style=\"display:block;width:100%;max-width:{display}px;height:auto\">\
             <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>\n",
            escape(&clean(&text.title)),
            escape(&clean(&text.desc))
        );
        let body = body.trim_start();
        if body.trim_end().ends_with("</svg>") {
            out.push_str(body);
        } else {
            out.push_str("</svg>\n");
        }
        out
    }

    /// A canvas of every kind of chart, with hostile text and odd values,
    /// and one with every kind of op out of bounds: (name, canvas, height).
    fn every_kind_of_canvas() -> Vec<(&'static str, Canvas, i32)> {
        let counts = [
            (StatusKind::NoTarget, 7, EVIL.to_string()),
            (StatusKind::Met, 2, "đạt".to_string()),
            (StatusKind::NotMet, 0, "x".to_string()),
        ];
        let (share, target) = share_history();
        let evil_fmt = |v: f64| format!("{v}{EVIL}");
        let odd: Vec<HistoryPoint> = [None, Some(-3.0), Some(0.0), Some(1e9), Some(f64::NAN)]
            .iter()
            .map(|v| hp("it's \"q\" & <b>", *v, "1'2"))
            .collect();
        let mut canvases = Vec::new();
        let mut add = |name: &'static str, f: &dyn Fn(&mut Canvas) -> i32, width: i32| {
            let mut c = Canvas::new(width);
            let h = f(&mut c);
            canvases.push((name, c, h));
        };
        add("group", &|c| layout_group(c, &sample_rows()), WIDTH);
        add(
            "group of twelve",
            &|c| layout_group(c, &twelve_rows()),
            WIDTH,
        );
        add("status", &|c| layout_status(c, &counts), STATUS_WIDTH);
        add(
            "history",
            &|c| layout_history(c, &share, Some(&target), &pct),
            WIDTH,
        );
        add(
            "history without target",
            &|c| layout_history(c, &share, None, &pct),
            WIDTH,
        );
        add(
            "quarterly",
            &|c| layout_history(c, &quarterly(9), None, &pct),
            WIDTH,
        );
        add(
            "quarterly, hostile",
            &|c| layout_history(c, &quarterly(9), None, &evil_fmt),
            WIDTH,
        );
        add(
            "odd history",
            &|c| layout_history(c, &odd, Some(&ht(-5.0, EVIL, "x")), &evil_fmt),
            WIDTH,
        );
        add("counts", &|c| layout_counts(c, &agencies()), WIDTH);
        add(
            "lines",
            &|c| layout_lines(c, &categories(), &two_series(), &vi),
            WIDTH,
        );
        add(
            "bars",
            &|c| layout_bars(c, &categories(), &two_series(), &vi),
            WIDTH,
        );
        add(
            "every op",
            &|c| {
                c.rect(700, -5, -9, 30, DASH_SENTINEL);
                c.rect(5, 6, 5, 6, TEXT);
                c.line(vec![(-1, 2), (900, 3000), (4, 4)], DASH_SENTINEL, 1);
                c.line(vec![], AXIS, 0);
                c.line(vec![(1, 1)], AXIS, 12);
                c.dashed(vec![(3, 3), (1000, 3)], 1);
                c.grid_line(vec![(0, 0), (640, 0)], GRID);
                c.poly(vec![(1, 2), (-3, 4), (5, 99_999)], NO_TARGET_OUTLINE);
                c.poly(vec![], WHITE_BG);
                c.circle((3, 4), 5, MET_FILL);
                c.circle((-3, 4000), u32::MAX, MET_FILL);
                c.circle((10, 10), 0, MET_FILL);
                for (k, size) in [1, 9, 17, 18, 20, 24, 31, 100, 1000]
                    .into_iter()
                    .enumerate()
                {
                    let anchor = [Anchor::Start, Anchor::Middle, Anchor::End][k % 3];
                    let font = Font::new(size, series_colour(k)).anchor(anchor);
                    let font = if k % 2 == 0 { font.bold() } else { font };
                    c.text(-4, 9 * k as i32, EVIL, font);
                    c.text(1000, 3, "a\nb\n\n</text>\t'\"", font);
                    c.text(5, 5, "Tỷ lệ ≥ 50 %", font);
                }
                40
            },
            WIDTH,
        );
        canvases
    }

    #[test]
    fn one_pass_finish_matches_the_replacements() {
        let canvases = every_kind_of_canvas();
        let mut raws: Vec<(String, (i32, i32), i32)> = canvases
            .iter()
            .map(|(_, c, h)| {
                let mut raw = String::new();
                draw_ops(&mut raw, *h, c).expect("drawn");
                (raw, (c.width, c.display_width), *h)
            })
            .collect();
        // Odd bodies: patterns next to each other, a dropped attribute before
        // `>\n`, an unterminated font size, no root tag, nothing.
        for body in [
            "<svg a=\"1\">\n<text x=\"1\" opacity=\"1\">\n\n</text>\n</svg>\n",
            "<svg>  \n</text> opacity=\"1\" stroke-width=\"1\"\">\nfont-size=\"3.14159\" \
             font-size=\"x\"font-size=\"2\"font-size=\"7",
            "<svg> stroke=\"#010203\">\n stroke=\"#010203 </svg>",
            " opacity=\"1\"<svg>",
            "<svg",
            "",
        ] {
            raws.push((body.to_string(), (WIDTH, DISPLAY_WIDTH), 40));
        }
        let texts = [text("a"), text(EVIL)];
        let weird = ChartText {
            id: "2023 x".into(),
            title: format!(" a\u{0}b\u{7}\n{EVIL}  \u{FFFE}x\u{85}y  "),
            desc: format!("\t{EVIL}\u{9f} z "),
        };
        for (raw, dims, h) in &raws {
            for t in texts.iter().chain([&weird]) {
                assert_eq!(
                    ungroup(&finish(raw, t, *dims, *h)),
                    finish_by_replacing(raw, t, *dims, *h),
                    "{raw}"
                );
            }
        }
    }

    /// The chart drawn by plotters' SVG backend and post-processed: what
    /// [`write_ops`] must write.
    #[test]
    fn direct_svg_matches_plotters() {
        let mut canvases: Vec<(Canvas, i32)> = every_kind_of_canvas()
            .into_iter()
            .map(|(_, c, h)| (c, h))
            .collect();
        let mut add = |f: &dyn Fn(&mut Canvas) -> i32, width: i32| {
            let mut c = Canvas::new(width);
            let h = f(&mut c);
            canvases.push((c, h));
        };
        for height in [-5, 0, 1, 40, 2_000_000] {
            add(
                &|c| {
                    c.rect(0, 0, 10, 10, TEXT);
                    height
                },
                WIDTH,
            );
        }
        let weird = ChartText {
            id: "2023 x".into(),
            title: format!(" a\u{0}b\u{7}\n{EVIL}  \u{FFFE}x\u{85}y  "),
            desc: format!("\t{EVIL}\u{9f} z "),
        };
        for (c, h) in &canvases {
            for t in [text("a"), text(EVIL)].iter().chain([&weird]) {
                assert_eq!(render_direct(t, *h, c), render(t, *h, c));
            }
        }
        for t in [text("e"), weird] {
            assert_eq!(empty_chart(&t), finish("", &t, (WIDTH, DISPLAY_WIDTH), 40));
        }
        for v in [
            0,
            1,
            -1,
            9,
            10,
            99,
            100,
            i64::from(i32::MAX),
            i64::MIN,
            i64::MAX,
        ] {
            let mut s = String::new();
            push_int(&mut s, v);
            assert_eq!(s, v.to_string());
        }
    }

    #[test]
    fn grouping_changes_no_element() {
        for (name, c, h) in every_kind_of_canvas() {
            let (mut body, mut lines) = (String::new(), Lines::default());
            write_ops(&mut body, &mut lines, h, &c);
            // Read back from the text, the lines are where they were written.
            assert_eq!(Lines::of(&body).at, lines.at, "{name}");
            let mut grouped = String::new();
            group_lines(&body, &lines, &mut grouped);
            // Every element is drawn in the same order with the same
            // attributes once the groups' attributes are put back.
            assert_eq!(ungroup(&grouped), body, "{name}");
            let groups = raw_tags(&grouped, "g");
            // (The status bar's few elements share nothing.)
            assert!(
                name == "status" || !groups.is_empty(),
                "{name}: nothing shared\n{body}"
            );
            for g in groups {
                let attrs: Vec<&str> = g[3..g.len() - 1].split("\" ").collect();
                assert!(
                    attrs
                        .iter()
                        .all(|a| INHERITED.contains(&a.split('=').next().unwrap_or(""))),
                    "{g}"
                );
            }
            if name == "quarterly" {
                assert!(
                    grouped.len() * 4 < body.len() * 3,
                    "a history chart of 9 periods is a quarter smaller: {} → {}",
                    body.len(),
                    grouped.len()
                );
            }
        }
        // A lone element and a run without shared attributes stay as they are.
        for body in [
            "<rect x=\"1\" fill=\"#FFFFFF\"/>\n",
            "<rect x=\"1\"/>\n<rect x=\"2\"/>\n",
            "<rect fill=\"#FFFFFF\"/>\n</svg>\n<rect fill=\"#FFFFFF\"/>\n",
            "<text x=\"1\" fill=\"#000000\">a</text>\n<rect x=\"2\" fill=\"#FFFFFF\"/>\n",
        ] {
            let mut out = String::new();
            group_lines(body, &Lines::of(body), &mut out);
            assert_eq!(out, body);
        }
    }

    #[test]
    fn text_fast_paths_match_the_plain_ones() {
        for u in 0..EM_TABLE_LEN + 0x100 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(em_table().em(c), char_em(c), "{u:X}");
            }
        }
        for s in [
            "",
            " ",
            "a",
            "a b",
            "a  b",
            " a",
            "a ",
            "\u{85}x",
            "x\u{9f}",
            "\u{a0}",
            "a\u{FFFE}b",
            "a\u{FFFF}",
            "\u{FFFD}",
            "ÿ",
            "a\tb",
            "Tỷ lệ ≥ 50 %",
            EVIL,
        ] {
            assert_eq!(clean(s), clean_slow(s), "{s:?}");
            assert_eq!(clean_owned(s.to_string()), clean_slow(s), "{s:?}");
            let mut out = String::new();
            push_clean_escaped(&mut out, s);
            assert_eq!(out, escape(&clean(s)), "{s:?}");
            let font = Font::new(SMALL_SIZE, TEXT).bold();
            for c in s.chars() {
                assert_eq!(font.char_width(c), font.width(c.encode_utf8(&mut [0; 4])));
            }
            for w in [0.0, 30.0, 1000.0] {
                assert_eq!(
                    ellipsize_owned(s.to_string(), font, w),
                    ellipsize(s, font, w)
                );
            }
        }
    }
}
