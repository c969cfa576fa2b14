use super::*;

// --- 12. fast paths match the plain implementations ------------------------

/// The post-processing as plain string replacements, one after another.
pub(super) fn finish_by_replacing(
    raw: &str,
    text: &ChartText,
    dims: (i32, i32),
    height: i32,
) -> String {
    let (width, display) = dims;
    let id = sanitize_id(&text.id);
    let body = svg_body(raw);
    let mut s = body
        .replace(" opacity=\"1\"", "")
        .replace(" font-family=\"sans-serif\"", "")
        .replace(" text-anchor=\"start\"", "")
        .replace(" stroke=\"none\"", "")
        .replace(" stroke-width=\"1\"", "")
        .replace(
            &format!(" stroke=\"{}\"", hex(DASH_SENTINEL)),
            &format!(
                " stroke=\"{}\" stroke-dasharray=\"{DASH_PATTERN}\"",
                hex(TARGET_LINE)
            ),
        )
        .replace("\n</text>", "</text>")
        .replace("\">\n", "\">");
    let key = "font-size=\"";
    let mut body = String::new();
    while let Some(i) = s.find(key) {
        let start = i + key.len();
        let Some(len) = s[start..].find('"') else {
            break;
        };
        body.push_str(&s[..start]);
        let v: f64 = s[start..start + len].parse().unwrap_or(16.0);
        body.push_str(&format!("{}", (v * 10.0).round() / 10.0));
        s = s[start + len..].to_string();
    }
    body.push_str(&s);
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" \
             role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
             preserveAspectRatio=\"xMinYMin meet\" font-family=\"{FONT_STACK}\" \
             style=\"display:block;width:100%;max-width:{display}px;height:auto\">\
             <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>\n",
        escape(&clean(&text.title)),
        escape(&clean(&text.desc))
    );
    let body = body.trim_start();
    if body.trim_end().ends_with("</svg>") {
        out.push_str(body);
    } else {
        out.push_str("</svg>\n");
    }
    out
}

/// A canvas of every kind of chart, with hostile text and odd values,
/// and one with every kind of op out of bounds: (name, canvas, height).
pub(super) fn every_kind_of_canvas() -> Vec<(&'static str, Canvas, i32)> {
    let counts = [
        (StatusKind::NoTarget, 7, EVIL.to_string()),
        (StatusKind::Met, 2, "đạt".to_string()),
        (StatusKind::NotMet, 0, "x".to_string()),
    ];
    let (share, target) = share_history();
    let evil_fmt = |v: f64| format!("{v}{EVIL}");
    let odd: Vec<HistoryPoint> = [None, Some(-3.0), Some(0.0), Some(1e9), Some(f64::NAN)]
        .iter()
        .map(|v| hp("it's \"q\" & <b>", *v, "1'2"))
        .collect();
    let mut canvases = Vec::new();
    let mut add = |name: &'static str, f: &dyn Fn(&mut Canvas) -> i32, width: i32| {
        let mut c = Canvas::new(width);
        let h = f(&mut c);
        canvases.push((name, c, h));
    };
    add(
        "group",
        &|c| layout_group(c, &axis(), &sample_rows()),
        WIDTH,
    );
    add(
        "group of twelve",
        &|c| layout_group(c, &axis(), &twelve_rows()),
        WIDTH,
    );
    add("status", &|c| layout_status(c, &counts), STATUS_WIDTH);
    add(
        "history",
        &|c| layout_history(c, &share, Some(&target), &pct),
        WIDTH,
    );
    add(
        "history without target",
        &|c| layout_history(c, &share, None, &pct),
        WIDTH,
    );
    add(
        "quarterly",
        &|c| layout_history(c, &quarterly(9), None, &pct),
        WIDTH,
    );
    add(
        "quarterly, hostile",
        &|c| layout_history(c, &quarterly(9), None, &evil_fmt),
        WIDTH,
    );
    add(
        "odd history",
        &|c| layout_history(c, &odd, Some(&ht(-5.0, EVIL, "x")), &evil_fmt),
        WIDTH,
    );
    add("counts", &|c| layout_counts(c, &agencies()), WIDTH);
    add(
        "lines",
        &|c| layout_lines(c, &categories(), &two_series(), &vi),
        WIDTH,
    );
    add(
        "bars",
        &|c| layout_bars(c, &categories(), &two_series(), &vi),
        WIDTH,
    );
    add(
        "every op",
        &|c| {
            c.rect(700, -5, -9, 30, DASH_SENTINEL);
            c.rect(5, 6, 5, 6, TEXT);
            c.line(vec![(-1, 2), (900, 3000), (4, 4)], DASH_SENTINEL, 1);
            c.line(vec![], AXIS, 0);
            c.line(vec![(1, 1)], AXIS, 12);
            c.dashed(vec![(3, 3), (1000, 3)], 1);
            c.grid_line(vec![(0, 0), (640, 0)], GRID);
            c.poly(vec![(1, 2), (-3, 4), (5, 99_999)], NO_TARGET_OUTLINE);
            c.poly(vec![], WHITE_BG);
            c.circle((3, 4), 5, MET_FILL);
            c.circle((-3, 4000), u32::MAX, MET_FILL);
            c.circle((10, 10), 0, MET_FILL);
            for (k, size) in [1, 9, 17, 18, 20, 24, 31, 100, 1000]
                .into_iter()
                .enumerate()
            {
                let anchor = [Anchor::Start, Anchor::Middle, Anchor::End][k % 3];
                let font = Font::new(size, series_colour(k)).anchor(anchor);
                let font = if k % 2 == 0 { font.bold() } else { font };
                c.text(-4, 9 * k as i32, EVIL, font);
                c.text(1000, 3, "a\nb\n\n</text>\t'\"", font);
                c.text(5, 5, "Tỷ lệ ≥ 50 %", font);
            }
            40
        },
        WIDTH,
    );
    canvases
}

#[test]
pub(super) fn one_pass_finish_matches_the_replacements() {
    let canvases = every_kind_of_canvas();
    let mut raws: Vec<(String, (i32, i32), i32)> = canvases
        .iter()
        .map(|(_, c, h)| {
            let mut raw = String::new();
            draw_ops(&mut raw, *h, c).expect("drawn");
            (raw, (c.width, c.display_width), *h)
        })
        .collect();
    // Odd bodies: patterns next to each other, a dropped attribute before
    // `>\n`, an unterminated font size, no root tag, nothing.
    for body in [
        "<svg a=\"1\">\n<text x=\"1\" opacity=\"1\">\n\n</text>\n</svg>\n",
        "<svg>  \n</text> opacity=\"1\" stroke-width=\"1\"\">\nfont-size=\"3.14159\" \
             font-size=\"x\"font-size=\"2\"font-size=\"7",
        "<svg> stroke=\"#010203\">\n stroke=\"#010203 </svg>",
        " opacity=\"1\"<svg>",
        "<svg",
        "",
    ] {
        raws.push((body.to_string(), (WIDTH, DISPLAY_WIDTH), 40));
    }
    let texts = [text("a"), text(EVIL)];
    let weird = ChartText {
        id: "2023 x".into(),
        title: format!(" a\u{0}b\u{7}\n{EVIL}  \u{FFFE}x\u{85}y  "),
        desc: format!("\t{EVIL}\u{9f} z "),
    };
    for (raw, dims, h) in &raws {
        for t in texts.iter().chain([&weird]) {
            assert_eq!(
                ungroup(&finish(raw, t, *dims, *h)),
                finish_by_replacing(raw, t, *dims, *h),
                "{raw}"
            );
        }
    }
}

/// The chart drawn by plotters' SVG backend and post-processed: what
/// [`write_ops`] must write.
#[test]
pub(super) fn direct_svg_matches_plotters() {
    let mut canvases: Vec<(Canvas, i32)> = every_kind_of_canvas()
        .into_iter()
        .map(|(_, c, h)| (c, h))
        .collect();
    let mut add = |f: &dyn Fn(&mut Canvas) -> i32, width: i32| {
        let mut c = Canvas::new(width);
        let h = f(&mut c);
        canvases.push((c, h));
    };
    for height in [-5, 0, 1, 40, 2_000_000] {
        add(
            &|c| {
                c.rect(0, 0, 10, 10, TEXT);
                height
            },
            WIDTH,
        );
    }
    let weird = ChartText {
        id: "2023 x".into(),
        title: format!(" a\u{0}b\u{7}\n{EVIL}  \u{FFFE}x\u{85}y  "),
        desc: format!("\t{EVIL}\u{9f} z "),
    };
    for (c, h) in &canvases {
        for t in [text("a"), text(EVIL)].iter().chain([&weird]) {
            assert_eq!(render_direct(t, *h, c), render(t, *h, c));
        }
    }
    for t in [text("e"), weird] {
        assert_eq!(empty_chart(&t), finish("", &t, (WIDTH, DISPLAY_WIDTH), 40));
    }
    for v in [
        0,
        1,
        -1,
        9,
        10,
        99,
        100,
        i64::from(i32::MAX),
        i64::MIN,
        i64::MAX,
    ] {
        let mut s = String::new();
        push_int(&mut s, v);
        assert_eq!(s, v.to_string());
    }
}

#[test]
pub(super) fn grouping_changes_no_element() {
    for (name, c, h) in every_kind_of_canvas() {
        let (mut body, mut lines) = (String::new(), Lines::default());
        write_ops(&mut body, &mut lines, h, &c);
        // Read back from the text, the lines are where they were written.
        assert_eq!(Lines::of(&body).at, lines.at, "{name}");
        let mut grouped = String::new();
        group_lines(&body, &lines, &mut grouped);
        // Every element is drawn in the same order with the same
        // attributes once the groups' attributes are put back.
        assert_eq!(ungroup(&grouped), body, "{name}");
        let groups = raw_tags(&grouped, "g");
        // (The status bar's few elements share nothing.)
        assert!(
            name == "status" || !groups.is_empty(),
            "{name}: nothing shared\n{body}"
        );
        for g in groups {
            let attrs: Vec<&str> = g[3..g.len() - 1].split("\" ").collect();
            assert!(
                attrs
                    .iter()
                    .all(|a| INHERITED.contains(&a.split('=').next().unwrap_or(""))),
                "{g}"
            );
        }
        if name == "quarterly" {
            assert!(
                grouped.len() * 4 < body.len() * 3,
                "a history chart of 9 periods is a quarter smaller: {} → {}",
                body.len(),
                grouped.len()
            );
        }
    }
    // A lone element and a run without shared attributes stay as they are.
    for body in [
        "<rect x=\"1\" fill=\"#FFFFFF\"/>\n",
        "<rect x=\"1\"/>\n<rect x=\"2\"/>\n",
        "<rect fill=\"#FFFFFF\"/>\n</svg>\n<rect fill=\"#FFFFFF\"/>\n",
        "<text x=\"1\" fill=\"#000000\">a</text>\n<rect x=\"2\" fill=\"#FFFFFF\"/>\n",
    ] {
        let mut out = String::new();
        group_lines(body, &Lines::of(body), &mut out);
        assert_eq!(out, body);
    }
}

#[test]
pub(super) fn text_fast_paths_match_the_plain_ones() {
    for u in 0..EM_TABLE_LEN + 0x100 {
        if let Some(c) = char::from_u32(u) {
            assert_eq!(em_table().em(c), char_em(c), "{u:X}");
        }
    }
    for s in [
        "",
        " ",
        "a",
        "a b",
        "a  b",
        " a",
        "a ",
        "\u{85}x",
        "x\u{9f}",
        "\u{a0}",
        "a\u{FFFE}b",
        "a\u{FFFF}",
        "\u{FFFD}",
        "ÿ",
        "a\tb",
        "Tỷ lệ ≥ 50 %",
        EVIL,
    ] {
        assert_eq!(clean(s), clean_slow(s), "{s:?}");
        assert_eq!(clean_owned(s.to_string()), clean_slow(s), "{s:?}");
        let mut out = String::new();
        push_clean_escaped(&mut out, s);
        assert_eq!(out, escape(&clean(s)), "{s:?}");
        let font = Font::new(SMALL_SIZE, TEXT).bold();
        for c in s.chars() {
            assert_eq!(font.char_width(c), font.width(c.encode_utf8(&mut [0; 4])));
        }
        for w in [0.0, 30.0, 1000.0] {
            assert_eq!(
                ellipsize_owned(s.to_string(), font, w),
                ellipsize(s, font, w)
            );
        }
    }
}
