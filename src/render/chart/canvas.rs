//! The display list every chart is laid out into before it is written.

use super::*;

// ---------------------------------------------------------------------------
// Display list
// ---------------------------------------------------------------------------

pub(super) enum DrawOp {
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
pub(super) fn centred_top(center: i32, size: u32) -> i32 {
    center - px(0.4 * f64::from(size))
}

/// Rounds a layout coordinate; non-finite values become 0.
pub(super) fn px(v: f64) -> i32 {
    if v.is_finite() {
        v.round().clamp(-1.0e6, 1.0e6) as i32
    } else {
        0
    }
}

impl DrawOp {
    /// The same op moved `dx` units to the right.
    pub(super) fn shifted(self, dx: i32) -> DrawOp {
        let shift =
            |points: Vec<(i32, i32)>| points.into_iter().map(|(x, y)| (x + dx, y)).collect();
        match self {
            DrawOp::Rect {
                x0,
                y0,
                x1,
                y1,
                color,
            } => DrawOp::Rect {
                x0: x0 + dx,
                y0,
                x1: x1 + dx,
                y1,
                color,
            },
            DrawOp::Path {
                points,
                color,
                width,
            } => DrawOp::Path {
                points: shift(points),
                color,
                width,
            },
            DrawOp::Dashed { points, width } => DrawOp::Dashed {
                points: shift(points),
                width,
            },
            DrawOp::Poly { points, color } => DrawOp::Poly {
                points: shift(points),
                color,
            },
            DrawOp::Circle {
                center: (x, y),
                radius,
                color,
            } => DrawOp::Circle {
                center: (x + dx, y),
                radius,
                color,
            },
            DrawOp::Text { x, y, text, font } => DrawOp::Text {
                x: x + dx,
                y,
                text,
                font,
            },
        }
    }
}

pub(super) struct Canvas {
    /// Width of the viewBox.
    pub(super) width: i32,
    /// Largest rendered width in CSS px.
    pub(super) display_width: i32,
    /// Drawn first (gridlines), then `ops`.
    pub(super) background: Vec<DrawOp>,
    pub(super) ops: Vec<DrawOp>,
}

impl Canvas {
    pub(super) fn new(width: i32) -> Canvas {
        let display_width = if width == WIDTH { DISPLAY_WIDTH } else { width };
        Canvas {
            width,
            display_width,
            background: Vec::with_capacity(8),
            ops: Vec::with_capacity(64),
        }
    }

    /// Right end of the drawing area.
    pub(super) fn x_end(&self) -> i32 {
        self.width - PAD
    }

    /// Width available to bars and text.
    pub(super) fn inner(&self) -> i32 {
        self.width - 2 * PAD
    }

    pub(super) fn rect(&mut self, x0: i32, y0: i32, x1: i32, y1: i32, color: RGBColor) {
        self.ops.push(DrawOp::Rect {
            x0,
            y0,
            x1,
            y1,
            color,
        });
    }

    /// A closed outline drawn with a polyline (plotters' SVG rectangles have
    /// no stroke width).
    pub(super) fn outline(&mut self, x0: i32, y0: i32, x1: i32, y1: i32, color: RGBColor) {
        let points = vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)];
        self.ops.push(DrawOp::Path {
            points,
            color,
            width: 2,
        });
    }

    pub(super) fn line(&mut self, points: Vec<(i32, i32)>, color: RGBColor, width: u32) {
        self.ops.push(DrawOp::Path {
            points,
            color,
            width,
        });
    }

    pub(super) fn grid_line(&mut self, points: Vec<(i32, i32)>, color: RGBColor) {
        self.background.push(DrawOp::Path {
            points,
            color,
            width: 1,
        });
    }

    /// A dashed line in [`TARGET_LINE`] colour.
    pub(super) fn dashed(&mut self, points: Vec<(i32, i32)>, width: u32) {
        self.ops.push(DrawOp::Dashed { points, width });
    }

    pub(super) fn poly(&mut self, points: Vec<(i32, i32)>, color: RGBColor) {
        self.ops.push(DrawOp::Poly { points, color });
    }

    pub(super) fn circle(&mut self, center: (i32, i32), radius: u32, color: RGBColor) {
        self.ops.push(DrawOp::Circle {
            center,
            radius,
            color,
        });
    }

    /// Text whose line box starts at `top` and is `font.size` high.
    pub(super) fn text(&mut self, x: i32, top: i32, text: &str, font: Font) {
        if !text.is_empty() {
            self.text_owned(x, top, text.to_string(), font);
        }
    }

    /// [`Canvas::text`] of a string the caller no longer needs.
    pub(super) fn text_owned(&mut self, x: i32, top: i32, text: String, font: Font) {
        if !text.is_empty() {
            self.ops.push(DrawOp::Text {
                x,
                y: top,
                text,
                font,
            });
        }
    }
}
