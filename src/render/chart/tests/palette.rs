use super::*;

// --- 5. palette ----------------------------------------------------------

pub(super) fn luminance(c: RGBColor) -> f64 {
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

pub(super) fn contrast(a: RGBColor, b: RGBColor) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[test]
pub(super) fn palette_meets_wcag_aa() {
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
pub(super) fn twelve_rows_stay_under_20_kb() {
    let svg = group_chart(&text("size"), &axis(), &twelve_rows());
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
