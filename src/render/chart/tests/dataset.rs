use super::*;

// --- 7. dataset charts ---------------------------------------------------------

#[test]
pub(super) fn nice_ticks_start_at_zero_with_four_to_six_ticks() {
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
pub(super) fn dataset_bars_use_fmt_mark_missing_and_show_legend() {
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
pub(super) fn dataset_lines_have_markers_legend_and_categories() {
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
pub(super) fn status_bar_segments_are_proportional_with_legend() {
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
pub(super) fn odd_input_never_panics() {
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
    let svg = group_chart(&t, &axis(), &rows);
    assert!(svg.contains("aria-labelledby=\"chart-title chart-desc\""));
    assert!(group_chart(&t, &axis(), &[]).trim_end().ends_with("</svg>"));

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
    assert!(group_chart(&t, &axis(), &[huge]).len() < 5_000);
}

#[test]
pub(super) fn empty_input_gives_small_valid_svg() {
    let svg = group_chart(&text("e"), &axis(), &[]);
    assert!(svg.len() < 1_000);
    assert!(svg.starts_with("<svg ") && svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains("<title id=\"e-title\">"));
    assert!(!svg.contains("<text"));
    let svg = dataset_chart(&text("e"), DatasetChartKind::Line, &[], &two_series(), &vi);
    assert!(svg.len() < 1_000 && !svg.contains("<text"));
}
