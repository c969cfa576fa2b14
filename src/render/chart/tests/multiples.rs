use super::*;

// --- small multiples -------------------------------------------------------------

pub(super) fn axis() -> MultiplesAxis {
    MultiplesAxis {
        caption: "2021–2024, thang chung 0–100 %".to_string(),
        max: 100.0,
        references: Vec::new(),
    }
}

pub(super) fn items() -> Vec<Multiple> {
    [
        ("Hải Dương", vec![Some(40.0), Some(50.0), Some(56.6), None]),
        (
            "Thành phố Hồ Chí Minh",
            vec![Some(70.0), None, Some(80.0), Some(90.0)],
        ),
        ("Hà Nội", vec![None, None, None, Some(42.0)]),
        (
            "Bà Rịa - Vũng Tàu",
            vec![Some(10.0), Some(20.0), Some(30.0), Some(120.0)],
        ),
    ]
    .into_iter()
    .map(|(label, values)| Multiple {
        label: label.to_string(),
        last_text: "56,6 % (2023)".to_string(),
        values,
    })
    .collect()
}

#[test]
fn small_multiples_draw_a_dot_per_figure_and_break_lines_at_gaps() {
    let svg = small_multiples(&text("m"), &axis(), &items());
    let blue = hex(series_colour(0));
    let lines: Vec<String> = tags(&svg, "polyline")
        .into_iter()
        .filter(|l| attr(l.as_str(), "stroke") == Some(blue.as_str()))
        .collect();
    // Hải Dương: one run of three; Hồ Chí Minh: a run of two after a gap
    // (the lone first figure is a dot only); Hà Nội: none; the fourth: one.
    assert_eq!(lines.len(), 3, "{lines:?}");
    let dots = tags(&svg, "circle").len();
    assert_eq!(dots, 3 + 3 + 1 + 4);
    let all = texts(&svg);
    for want in ["Hải Dương", "Hà Nội", "56,6 % (2023)"] {
        assert!(all.iter().any(|t| t == &escape(want)), "{want}: {all:?}");
    }
    // A figure above the scale's top stays inside its plot.
    let ys: Vec<f64> = tags(&svg, "circle").iter().map(|c| num(c, "cy")).collect();
    assert!(ys.iter().all(|y| *y > 0.0));
}

#[test]
fn small_multiples_text_is_at_least_12_px_on_a_phone() {
    let svg = small_multiples(&text("m"), &axis(), &items());
    for t in tags(&svg, "text") {
        let size = num(&t, "font-size");
        assert!(
            size * f64::from(PHONE_MIN_PX) / f64::from(WIDTH) >= 12.0,
            "{t}"
        );
    }
}

#[test]
fn a_reference_history_is_a_dashed_line_in_every_small_chart_with_its_label_above() {
    let axis = MultiplesAxis {
        references: vec![MultipleReference {
            label: "Cả nước: 61,3 % (2024) (văn bản 15/BC-BTTTT ngày 20/02/2025)".to_string(),
            // A run of two, a gap, then a lone figure.
            values: vec![Some(50.0), Some(55.0), None, Some(61.3)],
        }],
        ..axis()
    };
    let items = items();
    let svg = small_multiples(&text("m"), &axis, &items);
    let dashed: Vec<String> = tags(&svg, "polyline")
        .into_iter()
        .filter(|p| p.contains("stroke-dasharray"))
        .collect();
    // The legend's swatch, then in each small chart the run and the dash of
    // the lone figure.
    assert_eq!(dashed.len(), 1 + 2 * items.len(), "{dashed:?}");
    let all = texts(&svg);
    assert!(
        all.iter().any(|t| t.starts_with("Cả nước: 61,3 %")),
        "{all:?}"
    );
    // The areas' own lines and dots are unchanged.
    let plain = small_multiples(&text("m"), &self::axis(), &items);
    assert_eq!(tags(&svg, "circle").len(), tags(&plain, "circle").len());
    // Under the legend: the first small chart starts lower than without it.
    let area_y = |svg: &str| {
        let all = tags(svg, "text");
        let i = texts(svg).iter().position(|t| t == "Hải Dương").unwrap();
        num(&all[i], "y")
    };
    assert!(area_y(&svg) > area_y(&plain));
    for t in tags(&svg, "text") {
        let size = num(&t, "font-size");
        assert!(
            size * f64::from(PHONE_MIN_PX) / f64::from(WIDTH) >= 12.0,
            "{t}"
        );
    }
}
