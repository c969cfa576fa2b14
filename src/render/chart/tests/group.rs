use super::*;

// --- 4. bullet bars ---------------------------------------------------------

pub(super) fn status_fills() -> [String; 4] {
    [
        hex(MET_FILL),
        hex(NOT_MET_FILL),
        hex(NO_DATA_FILL),
        hex(NO_TARGET_FILL),
    ]
}

/// (fill, x, width) of every bar rect, in document order.
pub(super) fn bars(svg: &str) -> Vec<(String, f64, f64)> {
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
pub(super) fn bar_widths_are_proportional_to_ratios() {
    let rows = sample_rows();
    let svg = group_chart(&text("g"), &axis(), &rows);
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
    // The target line sits at ratio 1.0, and so does the shared axis's
    // "100 %" tick above the rows.
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
            + 1
    );
}

#[test]
pub(super) fn capped_bars_are_marked() {
    let rows = vec![row("A", Some(40.0), "4000 %", "≥ 1 %", StatusKind::Met)];
    let svg = group_chart(&text("g"), &axis(), &rows);
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
        &axis(),
        &[row("A", Some(1.2), "1", "1", StatusKind::Met)],
    );
    assert!(tags(&plain, "polygon").is_empty());
}

#[test]
pub(super) fn every_row_shows_symbol_word_value_and_target() {
    let rows = sample_rows();
    let svg = group_chart(&text("g"), &axis(), &rows);
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
pub(super) fn long_labels_wrap_and_are_not_cut() {
    let font = Font::new(LABEL_SIZE, TEXT);
    let long = LONG.repeat(4);
    let lines = wrap(&long, font, f64::from(INNER), MAX_LABEL_LINES);
    assert!(
        lines.len() > 3 && lines.len() < MAX_LABEL_LINES,
        "{lines:?}"
    );
    assert!(!lines.concat().contains('…'), "{lines:?}");
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

pub(super) type Box2 = (f64, f64, f64, f64);

pub(super) fn text_box(x: i32, y: i32, text: &str, font: Font) -> Box2 {
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

pub(super) fn overlaps(a: Box2, b: Box2) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// Asserts that no two texts overlap, no text overlaps a bar or track, and
/// everything lies inside the viewBox.
pub(super) fn assert_clean_layout(c: &Canvas, height: i32, check_rects: bool) {
    let mut boxes = Vec::new();
    let mut rects = Vec::new();
    for op in &c.ops {
        match op {
            DrawOp::Text { x, y, text, font } => boxes.push((text_box(*x, *y, text, *font), text)),
            DrawOp::Rect {
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
pub(super) fn group_chart_layout_has_no_overlaps() {
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
        let h = layout_group(&mut c, &axis(), &rows);
        assert_clean_layout(&c, h, true);
    }
}

#[test]
pub(super) fn info_lines_leave_no_blank_line() {
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
        let h = layout_group(&mut c, &axis(), std::slice::from_ref(&r));
        let bottom = c
            .ops
            .iter()
            .filter_map(|op| match op {
                DrawOp::Text { y, font, .. } => Some(y + font.size as i32),
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
pub(super) fn dataset_and_status_layouts_have_no_overlaps() {
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

pub(super) trait ToVecSeries {
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
pub(super) fn fonts_are_legible() {
    for svg in all_charts("f")
        .iter()
        .chain([&group_chart(&text("g"), &axis(), &twelve_rows())])
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
