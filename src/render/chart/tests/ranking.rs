use super::*;

// --- ranking chart -------------------------------------------------------------

pub(super) fn rank_axis() -> RankAxis {
    RankAxis {
        caption: "Thanh: Tỷ lệ hồ sơ trực tuyến (%)".to_string(),
        max: 100.0,
        ticks: ["0 %".into(), "50 %".into(), "100 %".into()],
        references: Vec::new(),
    }
}

pub(super) fn rank_rows() -> Vec<RankRow> {
    use StatusKind::*;
    rows_of(&[
        ("1. Hải Dương", 86.5, Met),
        ("2. Thành phố Hồ Chí Minh", 52.0, NotMet),
        ("3. Bà Rịa - Vũng Tàu", 0.0, NoTarget),
        ("4. Hà Nội", 120.0, Met),
    ])
}

/// Rows of (label, percentage, status), each with its status's word.
fn rows_of(rows: &[(&str, f64, StatusKind)]) -> Vec<RankRow> {
    rows.iter()
        .map(|&(label, value, status)| RankRow {
            label: label.to_string(),
            value,
            value_text: format!("{} %", vi(value)),
            status,
            status_text: word(status).to_string(),
        })
        .collect()
}

#[test]
fn ranking_bars_share_one_scale_and_carry_their_status_in_words() {
    let rows = rank_rows();
    let svg = ranking_chart(&text("r"), &rank_axis(), &rows);
    let rects = tags(&svg, "rect");
    let fills: Vec<String> = [MET_FILL, NOT_MET_FILL, NO_TARGET_FILL]
        .iter()
        .map(|c| hex(*c))
        .collect();
    let bars: Vec<&String> = rects
        .iter()
        .filter(|r| attr(r.as_str(), "fill").is_some_and(|f| fills.iter().any(|x| x == f)))
        .collect();
    assert_eq!(bars.len(), 4, "one bar a row: {rects:?}");
    assert_eq!(num(bars[0], "width"), (0.865 * 624.0f64).round());
    assert_eq!(num(bars[1], "width"), (0.52 * 624.0f64).round());
    assert_eq!(num(bars[2], "width"), 0.0);
    // Beyond the scale's end the bar stops at the end.
    assert_eq!(num(bars[3], "width"), 624.0);
    assert_eq!(attr(bars[0], "fill"), Some(hex(MET_FILL).as_str()));
    assert_eq!(attr(bars[1], "fill"), Some(hex(NOT_MET_FILL).as_str()));
    let all = texts(&svg);
    for want in ["✓ Đạt", "✗ Chưa đạt", "86,5 %", "1. Hải Dương", "100 %"] {
        assert!(all.iter().any(|t| t == &escape(want)), "{want}: {all:?}");
    }
    // Rows go down in the order given.
    let ys: Vec<f64> = bars.iter().map(|b| num(b.as_str(), "y")).collect();
    assert!(ys.windows(2).all(|w| w[0] < w[1]), "{ys:?}");
}

#[test]
fn ranking_text_is_at_least_12_px_on_a_phone() {
    let svg = ranking_chart(&text("r"), &rank_axis(), &rank_rows());
    for t in tags(&svg, "text") {
        let size = num(&t, "font-size");
        assert!(
            size * f64::from(PHONE_MIN_PX) / f64::from(WIDTH) >= 12.0,
            "{t}"
        );
    }
}

#[test]
fn a_reference_is_a_dashed_mark_across_every_bar_with_its_label_above() {
    let rows = rank_rows();
    let mut axis = rank_axis();
    axis.references.push(RankReference {
        label: "Cả nước: 61,3 % (Số 15/BC-BTTTT, 20/02/2025)".into(),
        value: 61.3,
    });
    let svg = ranking_chart(&text("r"), &axis, &rows);
    // The label, wrapped over the chart's width when it is long.
    let all = texts(&svg).join(" ");
    assert!(
        all.contains(&escape("Cả nước: 61,3 % (Số 15/BC-BTTTT, 20/02/2025)")),
        "{all:?}"
    );
    for t in tags(&svg, "text") {
        let size = num(&t, "font-size");
        assert!(
            size * f64::from(PHONE_MIN_PX) / f64::from(WIDTH) >= 12.0,
            "{t}"
        );
    }
    let x = (PAD as f64 + (0.613 * 624.0f64).round()).to_string();
    let dashed: Vec<&str> = svg
        .split("<polyline")
        .skip(1)
        .filter(|p| p.contains("stroke-dasharray"))
        .collect();
    // The legend's swatch, then one mark a bar at the figure.
    assert_eq!(dashed.len(), 1 + rows.len(), "{dashed:?}");
    assert!(
        dashed[1..].iter().all(|p| p.contains(&format!("{x},"))),
        "{dashed:?}"
    );
    // The legend comes before the first bar.
    assert!(svg.find("Cả nước").unwrap() < svg.find("1. Hải Dương").unwrap());
}

#[test]
fn a_ranking_of_63_areas_is_a_line_of_text_and_a_thin_bar_a_row() {
    // Measured before: 8,158 units for 63 rows (about 130 a row, the
    // label, the bar and the figure each on a line of its own).
    use StatusKind::*;
    let rows: Vec<RankRow> = (1..=63)
        .map(|i| {
            let (status, word) = if i % 2 == 0 {
                (Met, "Đạt")
            } else {
                (NotMet, "Chưa đạt")
            };
            RankRow {
                label: format!("{i}. Tỉnh Quảng Ninh"),
                value: 100.0 - f64::from(i),
                value_text: format!("{},30\u{a0}%", 100 - i),
                status,
                status_text: word.to_string(),
            }
        })
        .collect();
    let svg = ranking_chart(&text("r"), &rank_axis(), &rows);
    let height: f64 = svg
        .split("viewBox=\"0 0 640 ")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .parse()
        .unwrap();
    assert!(height <= 63.0 * 72.0 + 200.0, "{height} units high");
    // Label, figure and status share the row's one line.
    let all = texts(&svg);
    for want in ["63. Tỉnh Quảng Ninh", "37,30\u{a0}%", "✗ Chưa đạt"] {
        assert!(all.iter().any(|t| t == &escape(want)), "{want}: {all:?}");
    }
    assert!(!svg.contains('…'));
}

#[test]
fn a_long_label_wraps_and_puts_the_figure_under_it() {
    let rows = vec![RankRow {
        label: "1. Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu và các sở, ban, ngành".into(),
        value: 50.0,
        value_text: "50,00\u{a0}%".into(),
        status: StatusKind::NotYetDue,
        status_text: "Chưa đến kỳ đánh giá".into(),
    }];
    let svg = ranking_chart(&text("r"), &rank_axis(), &rows);
    assert!(!svg.contains('…'), "{svg}");
    let (tags, texts) = (tags(&svg, "text"), texts(&svg));
    let y_of = |want: &str| {
        let at = texts
            .iter()
            .position(|t| t.contains(&escape(want)))
            .unwrap_or_else(|| panic!("{want}: {texts:?}"));
        num(tags[at].as_str(), "y")
    };
    // The label takes two lines; the figure is under it, left.
    assert!(y_of("50,00") > y_of("1. Ủy ban"), "{texts:?}");
}

#[test]
fn a_long_ranking_has_a_wide_layout_in_two_columns_half_as_tall() {
    let rows = |n: usize| -> Vec<RankRow> {
        (1..=n)
            .map(|i| RankRow {
                label: format!("{i}. Tỉnh Quảng Ninh"),
                value: 100.0 - i as f64,
                value_text: format!("{},30\u{a0}%", 100 - i),
                status: StatusKind::Met,
                status_text: "Đạt".to_string(),
            })
            .collect()
    };
    assert!(ranking_chart_wide(&text("r"), &rank_axis(), &rows(RANK_WIDE_FROM - 1)).is_none());
    let rows = rows(63);
    let narrow = ranking_chart(&text("r"), &rank_axis(), &rows);
    let wide = ranking_chart_wide(&text("w"), &rank_axis(), &rows).unwrap();
    let view_box = |svg: &str| -> (f64, f64) {
        let v: Vec<f64> = svg
            .split("viewBox=\"0 0 ")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap()
            .split(' ')
            .map(|n| n.parse().unwrap())
            .collect();
        (v[0], v[1])
    };
    let ((nw, nh), (ww, wh)) = (view_box(&narrow), view_box(&wide));
    assert_eq!(nw, 640.0);
    assert_eq!(ww, 1312.0);
    // The first 32 rows on the left, the other 31 on the right.
    assert!(wh < nh * 0.55, "{wh} against {nh}");
    let bars = |svg: &str| -> Vec<f64> {
        tags(svg, "rect")
            .iter()
            .filter(|r| attr(r.as_str(), "fill") == Some(hex(MET_FILL).as_str()))
            .map(|r| num(r.as_str(), "x"))
            .collect()
    };
    let xs = bars(&wide);
    assert_eq!(xs.len(), 63);
    assert!(xs[..32].iter().all(|x| *x == 8.0) && xs[32..].iter().all(|x| *x == 680.0));
    // Shown at most 984 px wide: its text as large as the narrow chart's
    // at 480; at least 12 px wherever it is shown 630 px wide or more.
    assert!(wide.contains("max-width:984px"), "{}", &wide[..400]);
    for t in tags(&wide, "text") {
        assert!(num(&t, "font-size") * 630.0 / ww >= 12.0, "{t}");
    }
    assert!(!wide.contains('…'));
}

#[test]
fn the_figures_of_a_ranking_stand_in_one_column() {
    // "✓ Đạt" is narrower than "✗ Chưa đạt": before, each figure stood
    // just before its own status, so the figures' right edges zigzagged.
    use StatusKind::*;
    let rows = rows_of(&[
        ("1. Hà Nam", 91.0, Met),
        ("2. Huế", 64.5, NotMet),
        ("3. Sơn La", 12.0, NoTarget),
        ("4. Nam Định", 8.0, Met),
    ]);
    let svg = ranking_chart(&text("r"), &rank_axis(), &rows);
    let flat = ungroup(&svg);
    let figures: Vec<f64> = flat
        .split("<text ")
        .skip(1)
        .filter_map(|t| {
            let (tag, rest) = t.split_once('>')?;
            let content = rest.split("</text>").next()?;
            rows.iter()
                .any(|r| content == escape(&r.value_text))
                .then(|| num(&format!("<text {tag}>"), "x"))
        })
        .collect();
    assert_eq!(figures.len(), rows.len(), "{svg}");
    // Every row on one line, every figure ending at the same x.
    assert!(figures.iter().all(|x| *x > f64::from(PAD)), "{figures:?}");
    assert!(figures.windows(2).all(|w| w[0] == w[1]), "{figures:?}");
}
