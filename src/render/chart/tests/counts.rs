use super::*;

// --- 11. count bars -----------------------------------------------------------

pub(super) fn agencies() -> Vec<(String, usize)> {
    vec![
        (
            "Các sở, ban, ngành, UBND các huyện, thị xã, thành phố".to_string(),
            6,
        ),
        ("Sở Thông tin và Truyền thông".to_string(), 14),
        ("Sở Y tế".to_string(), 3),
    ]
}

#[test]
pub(super) fn count_bars_are_proportional_with_labels() {
    let items = agencies();
    let svg = count_bars(&text("c"), &items);
    let bars = series_bars(&svg);
    assert_eq!(bars.len(), 3);
    let count_font = Font::new(PHONE_SMALL_SIZE, TEXT).bold();
    let full = f64::from(INNER) - count_font.width("14").round() - 8.0;
    for ((x, _, w, h), (_, n)) in bars.iter().zip(&items) {
        assert_eq!(*x, f64::from(PAD));
        assert_eq!(*h, f64::from(COUNT_BAR_H));
        assert!((w - *n as f64 / 14.0 * full).abs() <= 1.0, "{n}: {w}");
    }
    // In order, one below the other.
    assert!(bars[0].1 < bars[1].1 && bars[1].1 < bars[2].1);
    let all = texts(&svg);
    for n in ["6", "14", "3"] {
        assert!(all.contains(&n.to_string()), "{n}");
    }
    // The long agency name wraps onto two lines above its bar.
    assert!(all.contains(&"Sở Y tế".to_string()));
    let lines = wrap(
        &items[0].0,
        Font::new(PHONE_LABEL_SIZE, TEXT),
        f64::from(INNER),
        3,
    );
    assert_eq!(lines.len(), 2);
    for l in &lines {
        assert!(all.contains(&escape(l)), "{l}");
    }
    // Each count sits at its bar's end, on the bar's line.
    let text_tags = tags(&svg, "text");
    for ((x, y, w, h), (_, n)) in bars.iter().zip(&items) {
        let i = all.iter().position(|t| *t == n.to_string()).expect("count");
        let t = &text_tags[i];
        assert_eq!(num(t, "x"), x + w + 6.0);
        let ty = num(t, "y");
        assert!(ty > *y - 6.0 && ty < y + h, "{t}");
    }
    let status = [
        ("Kế hoạch".to_string(), 30),
        ("Đang thực hiện".to_string(), 10),
        ("Hoàn thành".to_string(), 5),
    ];
    let svg = count_bars(&text("s"), &status);
    let w: Vec<f64> = series_bars(&svg).iter().map(|b| b.2).collect();
    assert!(
        (w[0] / w[1] - 3.0).abs() < 0.02 && (w[0] / w[2] - 6.0).abs() < 0.05,
        "{w:?}"
    );
}

#[test]
pub(super) fn count_layout_has_no_overlaps_and_counts_are_grouped() {
    let many: Vec<(String, usize)> = (0..12)
        .map(|i| (format!("{} {i}", LONG.repeat(i % 3 + 1)), i * 1_234_567))
        .collect();
    for items in [agencies(), many, vec![(String::new(), 0)]] {
        let mut c = Canvas::new(WIDTH);
        let h = layout_counts(&mut c, &items);
        assert_clean_layout(&c, h, true);
    }
    assert_eq!(count_text(0), "0");
    assert_eq!(count_text(9999), "9999");
    assert_eq!(count_text(12_345), "12\u{202F}345");
    assert_eq!(count_text(1_234_567), "1\u{202F}234\u{202F}567");
    // All zero: empty bars, counts shown.
    let svg = count_bars(&text("z"), &[("a".into(), 0), ("b".into(), 0)]);
    let bars = series_bars(&svg);
    assert_eq!(bars.len(), 2);
    assert!(bars.iter().all(|b| b.2 == 0.0));
    assert_eq!(texts(&svg).iter().filter(|t| *t == "0").count(), 2);
}

#[test]
pub(super) fn new_charts_survive_odd_input_and_stay_small() {
    let t = ChartText {
        id: String::new(),
        title: String::new(),
        desc: String::new(),
    };
    let odd = [
        None,
        Some(0.0),
        Some(-3.0),
        Some(f64::NAN),
        Some(f64::INFINITY),
        Some(f64::NEG_INFINITY),
        Some(1e308),
        Some(-1e308),
        Some(f64::MIN_POSITIVE),
    ];
    let points: Vec<HistoryPoint> = odd.iter().map(|v| hp("", *v, &"9".repeat(300))).collect();
    let targets = [
        None,
        Some(ht(f64::NAN, "", "")),
        Some(ht(f64::INFINITY, "x", "y")),
        Some(ht(1e308, "", "")),
        Some(ht(-1e308, &"Mục tiêu ".repeat(100), " ")),
        Some(ht(0.0, "a", "")),
    ];
    let fmts: [&dyn Fn(f64) -> String; 2] = [&|v| format!("{v}"), &|_| String::new()];
    for target in &targets {
        for fmt in fmts {
            for pts in [&points[..], &points[..1], &points[3..4]] {
                let svg = history_chart(&t, pts, target.as_ref(), fmt);
                assert!(svg.starts_with("<svg ") && svg.trim_end().ends_with("</svg>"));
            }
            let svg = history_chart(&t, &[], target.as_ref(), fmt);
            assert!(svg.len() < 1_000 && !svg.contains("<text"));
        }
    }
    let many: Vec<HistoryPoint> = (0..300)
        .map(|i| hp(&format!("kỳ {i}"), Some(f64::from(i % 17)), "123,45\u{a0}%"))
        .collect();
    let svg = history_chart(&t, &many, Some(&ht(5.0, "m", "kỳ 999")), &pct);
    assert!(svg.trim_end().ends_with("</svg>"));

    for items in [
        vec![],
        vec![(String::new(), 0)],
        vec![("a".to_string(), usize::MAX), ("b".into(), 1)],
        vec![("\u{0}\n".to_string(), 3)],
    ] {
        let svg = count_bars(&t, &items);
        assert!(svg.starts_with("<svg ") && svg.trim_end().ends_with("</svg>"));
    }
    let svg = count_bars(&text("e"), &[]);
    assert!(svg.len() < 1_000 && !svg.contains("<text"));

    // Ten periods with a target, twelve long categories: under 20 KB.
    let svg = history_chart(
        &text("size"),
        &quarterly(10),
        Some(&ht(55.0, "Mục tiêu ≥ 55 % (2030)", "2030")),
        &pct,
    );
    assert!(svg.len() < 20 * 1024, "{} bytes", svg.len());
    let items: Vec<(String, usize)> = (0..12).map(|i| (format!("{LONG} {i}"), i * 7)).collect();
    let svg = count_bars(&text("size"), &items);
    assert!(svg.len() < 20 * 1024, "{} bytes", svg.len());
}
