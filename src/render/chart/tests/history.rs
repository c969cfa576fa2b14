use super::*;

// --- 10. history chart ---------------------------------------------------------

pub(super) fn hp(label: &str, value: Option<f64>, text: &str) -> HistoryPoint {
    HistoryPoint {
        label: label.to_string(),
        value,
        value_text: text.to_string(),
    }
}

pub(super) fn ht(value: f64, text: &str, deadline: &str) -> HistoryTarget {
    HistoryTarget {
        value,
        text: text.to_string(),
        deadline_label: deadline.to_string(),
    }
}

pub(super) fn pct(v: f64) -> String {
    format!("{}\u{a0}%", vi(v))
}

#[test]
pub(super) fn axis_labels_are_whole_and_inside() {
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

pub(super) fn share_history() -> (Vec<HistoryPoint>, HistoryTarget) {
    (
        vec![
            hp("2021", Some(45.2), "45,2\u{a0}%"),
            hp("2022", Some(56.6), "56,60\u{a0}%"),
        ],
        ht(50.0, "Mục tiêu ≥ 50 % (2023)", "2023"),
    )
}

/// (x, y, width, height) of every bar of a history chart or count chart.
pub(super) fn series_bars(svg: &str) -> Vec<(f64, f64, f64, f64)> {
    let blue = hex(SERIES[0]);
    tags(svg, "rect")
        .iter()
        .filter(|t| attr(t, "fill") == Some(blue.as_str()))
        .map(|t| (num(t, "x"), num(t, "y"), num(t, "width"), num(t, "height")))
        .collect()
}

/// Points of every dashed polyline.
pub(super) fn dashed_lines(svg: &str) -> Vec<Vec<(f64, f64)>> {
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
pub(super) fn target_line(svg: &str) -> Option<(f64, f64, f64)> {
    dashed_lines(svg)
        .into_iter()
        .filter(|p| p.len() == 2 && p[0].1 == p[1].1)
        .map(|p| (p[0].0, p[1].0, p[0].1))
        .max_by(|a, b| (a.1 - a.0).total_cmp(&(b.1 - b.0)))
}

/// (opening tag, content) of every bold `<text>` (value labels, counts).
pub(super) fn bold_texts(svg: &str) -> Vec<(String, String)> {
    tags(svg, "text")
        .into_iter()
        .zip(texts(svg))
        .filter(|(t, _)| attr(t, "font-weight") == Some("bold"))
        .collect()
}

/// Centres of the dark diamonds (deadline marker and the key's).
pub(super) fn diamonds(svg: &str) -> Vec<(f64, f64)> {
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
pub(super) fn history_bars_are_proportional_and_target_is_on_the_same_scale() {
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
pub(super) fn history_with_one_value_has_two_columns() {
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
pub(super) fn deadline_column_is_added_only_when_missing() {
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
pub(super) fn history_marks_missing_values_and_hangs_negative_bars() {
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

pub(super) fn quarterly(n: usize) -> Vec<HistoryPoint> {
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
pub(super) fn history_layout_has_no_overlaps() {
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
pub(super) fn crowded_value_labels_stay_near_their_bars() {
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
        // A few label heights above the bar: labels as large as a phone
        // needs are wider than nine columns, and climb over each other.
        let gap = b.1 - num(t, "y");
        let line = f64::from(SMALL_SIZE + 4);
        assert!(gap > 0.0 && gap <= 5.0 * line + 6.0, "{label}: {gap}");
    }
    // Narrowed bars: a column is wider than its bar by at least a third.
    let slot = bars[1].0 - bars[0].0;
    assert!(bars[0].2 <= slot * HISTORY_BAR_SHARE + 1.0);
}

#[test]
pub(super) fn long_value_labels_wrap_between_number_and_unit() {
    let font = Font::new(TICK_SIZE, TEXT).bold();
    assert_eq!(
        two_lines("1.502,5 tỷ đồng", font, 120.0),
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
