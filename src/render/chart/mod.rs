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
//!
//! In [`ranking_chart`] every row emits, in row order, one full-width track
//! `<rect>` (`fill="#F6F7F9"`, 20 units high) followed by its bar `<rect>`
//! with the status fill, `x = 8` and `width = round(clamp(value / max, 0, 1)
//! * 624)`; the status symbol and word end at x = 632.
//!
//! In [`small_multiples`] each item draws a grey baseline, one `<polyline>`
//! in `#1F5FAD` (width 3) per run of two or more consecutive figures and one
//! `<circle>` in `#1F5FAD` per figure, in item order; a missing figure
//! breaks the line.

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

// One module per job; they share their items through `use super::*`.
mod axes;
mod canvas;
mod counts;
mod credits;
mod dataset;
mod direct_svg;
mod group;
mod history;
mod map;
mod multiples;
mod palette;
mod plotters_svg;
mod ranking;
mod status;
#[cfg(test)]
mod tests;
mod text;

use axes::*;
use canvas::*;
use direct_svg::*;
use palette::*;
use plotters::prelude::*;
use plotters_svg::*;
use text::*;

pub use counts::count_bars;
pub use credits::{with_credits, Credits};
pub use dataset::dataset_chart;
pub use group::{group_chart, RatioAxis};
pub use history::{history_chart, HistoryPoint, HistoryTarget};
pub use map::{
    choropleth_map, class_bounds, class_colour, class_of, MapLegend, MapRegion, MAP_CLASSES,
};
pub use multiples::{small_multiples, Multiple, MultipleReference, MultiplesAxis};
pub use ranking::{ranking_chart, ranking_chart_wide, RankAxis, RankReference, RankRow};
pub use status::status_bar;
