//! Geometry (viewBox widths, margins, text sizes) and the colour palette.

use super::*;

// ---------------------------------------------------------------------------
// Geometry and palette
// ---------------------------------------------------------------------------

/// Width of every chart's viewBox.
pub(super) const WIDTH: i32 = 640;
/// Largest rendered width (CSS px) of a chart [`WIDTH`] units wide: on a
/// phone the chart shrinks to its container (the text sizes below are chosen
/// for that: a 24-unit label is about 11.5 px on a 375 px screen), on a
/// desktop it is not blown up beyond body-text size (24 units → 18 px).
pub(super) const DISPLAY_WIDTH: i32 = 480;
/// Width of the status bar's viewBox: a summary, kept narrow so its text
/// stays large on phones.
pub(super) const STATUS_WIDTH: i32 = 400;
/// Legend text size of the status bar (its viewBox is narrower).
pub(super) const STATUS_SIZE: u32 = 17;
/// Horizontal margin.
pub(super) const PAD: i32 = 8;
/// Right end of the drawing area.
pub(super) const X_END: i32 = WIDTH - PAD;
/// Width available to bars and text.
pub(super) const INNER: i32 = X_END - PAD;

/// Text sizes of every chart: where a chart is narrowest on a 375 px phone
/// (in a report's group card, [`PHONE_MIN_PX`] CSS px wide) its smallest
/// text is still 12 px; at its widest ([`DISPLAY_WIDTH`]) about 19 px.
///
/// Row labels (indicator and category names).
pub(super) const LABEL_SIZE: u32 = 26;
pub(super) const LABEL_LINE: i32 = 32;
/// Value, target and status texts, legends.
pub(super) const SMALL_SIZE: u32 = 25;
pub(super) const SMALL_LINE: i32 = 31;
/// Axis tick labels.
pub(super) const TICK_SIZE: u32 = 25;
/// The group and project charts' names for the sizes above.
pub(super) const PHONE_LABEL_SIZE: u32 = LABEL_SIZE;
pub(super) const PHONE_LABEL_LINE: i32 = LABEL_LINE;
pub(super) const PHONE_SMALL_SIZE: u32 = SMALL_SIZE;
pub(super) const PHONE_SMALL_LINE: i32 = SMALL_LINE;
/// Width of a [`WIDTH`]-unit chart in a report's group card on a 375 px
/// screen: 375 − 2 × 16 (page margin) − 2 × 16 (card padding) − 2 (border).
pub(super) const PHONE_MIN_PX: i32 = 309;
/// Lines of a row label: a name is wrapped, not cut (the longest in the
/// example takes 5 lines); the bound only keeps runaway input from making
/// a huge chart.
pub(super) const PHONE_MAX_LABEL_LINES: usize = 12;
const _: () = assert!(SMALL_SIZE as i32 * PHONE_MIN_PX >= 12 * WIDTH);
const _: () = assert!(TICK_SIZE as i32 * PHONE_MIN_PX >= 12 * WIDTH);

/// At most this many lines of a row label.
pub(super) const MAX_LABEL_LINES: usize = PHONE_MAX_LABEL_LINES;

/// Bullet bars show ratios up to this; longer bars are capped and marked.
pub(super) const RATIO_CAP: f64 = 1.5;
pub(super) const BULLET_HEIGHT: i32 = 26;

pub(super) const WHITE_BG: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);
/// Main text (labels, values).
pub(super) const TEXT: RGBColor = RGBColor(0x11, 0x18, 0x27);
/// Secondary text (targets, ticks, missing values).
pub(super) const TEXT_MUTED: RGBColor = RGBColor(0x4B, 0x55, 0x63);
/// Track behind a bullet bar up to the target, and beyond it.
pub(super) const TRACK: RGBColor = RGBColor(0xEC, 0xEE, 0xF1);
pub(super) const TRACK_OVER: RGBColor = RGBColor(0xF6, 0xF7, 0xF9);
/// Gridlines and row separators.
pub(super) const GRID: RGBColor = RGBColor(0xDD, 0xE1, 0xE6);
/// Axis baselines and the target line.
pub(super) const AXIS: RGBColor = RGBColor(0x37, 0x41, 0x51);

/// The target line of a history chart (dashed).
pub(super) const TARGET_LINE: RGBColor = AXIS;
/// Dash and gap lengths of dashed lines, as written to `stroke-dasharray`.
pub(super) const DASH_PATTERN: &str = "10 6";
/// Stroke colour that stands in for [`TARGET_LINE`] while plotters draws a
/// dashed path (its SVG backend has no dashes); [`compact`] replaces it by the
/// real colour and a `stroke-dasharray`. Used for nothing else.
pub(super) const DASH_SENTINEL: RGBColor = RGBColor(0x01, 0x02, 0x03);

/// Fill of bars and segments per status (≥ 3:1 against white, or outlined).
pub(super) const MET_FILL: RGBColor = RGBColor(0x0F, 0x76, 0x6E);
pub(super) const NOT_MET_FILL: RGBColor = RGBColor(0xC2, 0x41, 0x0C);
pub(super) const NO_DATA_FILL: RGBColor = RGBColor(0x80, 0x86, 0x8F);
pub(super) const NO_TARGET_FILL: RGBColor = RGBColor(0xE5, 0xE7, 0xEB);
/// Progress toward a target that is not yet due (no verdict).
pub(super) const NOT_YET_DUE_FILL: RGBColor = RGBColor(0x1F, 0x5F, 0xAD);
/// A target period over with no figure for it.
pub(super) const OVERDUE_FILL: RGBColor = RGBColor(0xB3, 0x59, 0x00);
/// Outline drawn around no-target fills (the fill itself is too light).
pub(super) const NO_TARGET_OUTLINE: RGBColor = RGBColor(0x6B, 0x72, 0x80);

/// Text colours per status (≥ 4.5:1 against white).
pub(super) const MET_TEXT: RGBColor = MET_FILL;
pub(super) const NOT_MET_TEXT: RGBColor = NOT_MET_FILL;
pub(super) const NO_DATA_TEXT: RGBColor = TEXT_MUTED;
pub(super) const NO_TARGET_TEXT: RGBColor = TEXT_MUTED;

/// Series colours: distinguishable with common colour-vision deficiencies and
/// dark enough for white text on them (≥ 4.5:1). Repeated beyond six series,
/// where line markers still differ.
pub(super) const SERIES: [RGBColor; 6] = [
    RGBColor(0x1F, 0x5F, 0xAD),
    RGBColor(0xB3, 0x59, 0x00),
    RGBColor(0x0F, 0x76, 0x6E),
    RGBColor(0xA3, 0x33, 0x6B),
    RGBColor(0x5B, 0x4B, 0x9A),
    RGBColor(0x4B, 0x55, 0x63),
];

pub(super) fn status_fill(kind: StatusKind) -> RGBColor {
    match kind {
        StatusKind::Met => MET_FILL,
        StatusKind::NotMet => NOT_MET_FILL,
        StatusKind::NotYetDue => NOT_YET_DUE_FILL,
        StatusKind::Overdue => OVERDUE_FILL,
        StatusKind::NoData | StatusKind::Proxy => NO_DATA_FILL,
        StatusKind::NoTarget => NO_TARGET_FILL,
    }
}

pub(super) fn status_text_colour(kind: StatusKind) -> RGBColor {
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
pub(super) fn on_fill_text_colour(kind: StatusKind) -> RGBColor {
    match kind {
        StatusKind::Met | StatusKind::NotMet | StatusKind::NotYetDue | StatusKind::Overdue => {
            WHITE_BG
        }
        StatusKind::NoData | StatusKind::Proxy | StatusKind::NoTarget => TEXT,
    }
}

pub(super) fn status_symbol(kind: StatusKind) -> &'static str {
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
pub(super) const fn hex_colour(c: RGBColor) -> [u8; 7] {
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

pub(super) fn series_colour(i: usize) -> RGBColor {
    SERIES[i % SERIES.len()]
}
