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
    [
        ("1. Hải Dương", 86.5, Met),
        ("2. Thành phố Hồ Chí Minh", 52.0, NotMet),
        ("3. Bà Rịa - Vũng Tàu", 0.0, NoTarget),
        ("4. Hà Nội", 120.0, Met),
    ]
    .into_iter()
    .map(|(label, value, status)| RankRow {
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
