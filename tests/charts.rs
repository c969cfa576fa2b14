//! Every chart kind as built from real content: accessible name and
//! description with the right counts, and what is drawn matches the data.

mod common;

use common::Site;
use serde_yaml::Value;

/// Attributes of every `<rect>` with the given fill, in document order.
fn rects(svg: &str, fill: &str) -> Vec<(f64, f64, f64, f64)> {
    common::ungroup(svg)
        .split("<rect ")
        .skip(1)
        // The rect's own tag only: text after it may share the colour.
        .filter(|r| r[..r.find('>').unwrap()].contains(&format!("fill=\"{fill}\"")))
        .map(|r| {
            let attr = |name: &str| -> f64 {
                let key = format!(" {name}=\"");
                let tag = format!(" {}", &r[..r.find('>').unwrap()]);
                let i = tag
                    .find(&key)
                    .unwrap_or_else(|| panic!("no {name} in {tag}"))
                    + key.len();
                tag[i..tag[i..].find('"').unwrap() + i].parse().unwrap()
            };
            (attr("x"), attr("y"), attr("width"), attr("height"))
        })
        .collect()
}

fn title_and_desc(svg: &str) -> (String, String) {
    let t = common::between(svg, "-title\">", "</title>").to_string();
    let d = common::between(svg, "-desc\">", "</desc>").to_string();
    (t, d)
}

#[test]
fn group_chart_bars_are_the_latest_values_against_their_targets() {
    let site = Site::fixture("example");
    site.build().ok();
    let indicators: Value =
        serde_yaml::from_str(&site.read("reports/hai-duong-2023/indicators.yaml")).unwrap();
    let report: Value =
        serde_yaml::from_str(&site.read("reports/hai-duong-2023/report.yaml")).unwrap();
    for g in report["groups"].as_sequence().unwrap() {
        let gid = g["id"].as_str().unwrap();
        let chart = site
            .public()
            .join(format!("reports/hai-duong-2023/groups/{gid}/chart.svg"));
        // Expected: one bar per numeric target with a value that is not a
        // proxy, width ∝ min(value / target, 1.5). The example's values are
        // all from 2022, before the 2023 targets, and its as-of date is the
        // plan's own date (05/06/2023): every bar is "not yet due" (was met/not
        // met, judging 2022 figures against 2023 targets), and the description
        // says none was measured.
        let (mut expected, mut earlier, mut no_data, mut proxy) = (Vec::new(), 0, 0, 0);
        for i in indicators
            .as_sequence()
            .unwrap()
            .iter()
            .filter(|i| i["group"].as_str() == Some(gid))
        {
            let Some(t) = i["target"]["value"].as_f64() else {
                // A measure whose targets are in its parts is counted once
                // (the example's level targets, none with a figure yet).
                if let Some(parts) = i["parts"].as_sequence() {
                    assert!(parts.iter().all(|p| p["values"].is_null()));
                    no_data += 1;
                }
                continue;
            };
            let Some(v) = i["values"]
                .as_sequence()
                .and_then(|v| v.iter().rfind(|v| v["proxy"].is_null()))
                .and_then(|v| v["value"].as_f64())
            else {
                if i["values"].as_sequence().is_some_and(|v| !v.is_empty()) {
                    proxy += 1;
                } else {
                    no_data += 1;
                }
                continue;
            };
            earlier += 1;
            expected.push((v / t).min(1.5));
        }
        // A group with nothing measured draws no empty chart box: the
        // indicators are listed in text under where the chart would be.
        if expected.is_empty() {
            assert!(!chart.exists(), "{gid}: an empty chart");
            let page = site.page(&format!("reports/hai-duong-2023/groups/{gid}/index.html"));
            assert!(
                !page.contains("class=\"chart-svg\""),
                "{gid}: an empty chart box"
            );
            assert!(
                page.contains("Chưa có số liệu nên không vẽ"),
                "{gid}: the list"
            );
            continue;
        }
        let svg = std::fs::read_to_string(&chart).unwrap();
        assert!(svg.contains("role=\"img\""));
        assert!(rects(&svg, "#0F766E").is_empty(), "{gid}: no met bar");
        assert!(rects(&svg, "#C2410C").is_empty(), "{gid}: no not-met bar");
        assert!(
            rects(&svg, "#B35900").is_empty(),
            "{gid}: nothing overdue yet"
        );
        let mut drawn: Vec<(f64, f64)> =
            rects(&svg, "#1F5FAD").iter().map(|r| (r.1, r.2)).collect();
        drawn.sort_by(|a, b| a.0.total_cmp(&b.0));
        assert_eq!(drawn.len(), expected.len(), "{gid}: bars");
        for ((_, width), ratio) in drawn.iter().zip(&expected) {
            assert!(
                (width - (ratio / 1.5 * 624.0).round()).abs() <= 1.0,
                "{gid}: width {width} for ratio {ratio}"
            );
        }
        let (title, desc) = title_and_desc(&svg);
        assert!(title.contains(g["name"]["vi"].as_str().unwrap()), "{title}");
        assert!(
            desc.contains(&format!(
                "chưa chỉ tiêu nào có số liệu của kỳ đánh giá: {earlier} chỉ có số liệu trước kỳ đánh giá, {no_data} chưa có số liệu, {proxy} chỉ có số liệu gián tiếp"
            )),
            "{gid}: {desc}"
        );
    }
}

#[test]
fn history_chart_bars_are_proportional_and_merge_reports() {
    let site = Site::fixture("minimal");
    // A second, later report sharing an indicator id adds to its history.
    let later = site.content().join("reports/demo-2025");
    std::fs::create_dir_all(&later).unwrap();
    let report = site
        .read("reports/demo-2024/report.yaml")
        .replace("period: 2024", "period: 2025")
        .replace("2024 }", "2025 }")
        .replace("2024-03-05", "2025-03-05");
    site.write("reports/demo-2025/report.yaml", &report);
    site.write(
        "reports/demo-2025/indicators.yaml",
        "- id: digital-economy-share\n  group: digital-economy\n  name: Tỷ trọng kinh tế số\n  unit: percent\n  target: 12\n  values:\n    - { period: 2024, value: 9.6 }\n",
    );
    site.build().ok();
    // The history chart is in the indicator's page, and beside it as an
    // image to download (SVG and PNG; see tests/chart_images.rs for
    // `charts: { png: … }`).
    let dir = "reports/demo-2025/indicators/digital-economy-share/";
    assert!(site.public().join(dir).join("chart.svg").exists());
    assert!(site.public().join(dir).join("chart.png").exists());
    let page = site.page(&format!("{dir}index.html"));
    let svg = common::between(&page, "<svg", "</svg>");
    assert!(svg.contains("chart-history-digital-economy-share"), "{svg}");
    let meta = common::between(&page, "<p class=\"chart-meta\">", "</p>");
    // The chart links the indicator's own CSV (was the whole report's).
    assert!(
        meta.contains("href=\"chart.svg\">SVG")
            && meta.contains(
                "reports/demo-2025/indicators/digital-economy-share/digital-economy-share.csv"
            ),
        "{meta}"
    );
    let bars = rects(svg, "#1F5FAD");
    let values = [7.5, 8.48, 9.6];
    assert_eq!(
        bars.len(),
        values.len(),
        "one bar per period across both reports"
    );
    for (bar, v) in bars.iter().zip(values) {
        assert!(
            (bar.3 / bars[2].3 - v / 9.6).abs() < 0.02,
            "height {} for {v}",
            bar.3
        );
    }
    let (_, desc) = title_and_desc(svg);
    assert!(
        desc.contains("2022: 7,5") && desc.contains("2024: 9,6") && desc.contains("≥ 12"),
        "{desc}"
    );
    let page = site.page("reports/demo-2025/indicators/digital-economy-share/index.html");
    assert!(
        page.contains("Kế hoạch thử năm 2024"),
        "the table says which report each value is from"
    );

    // Two reports disagreeing on one period is a warning naming both.
    site.edit(
        "reports/demo-2025/indicators.yaml",
        "period: 2024, value: 9.6",
        "period: 2023, value: 8.5",
    );
    let run = site.run(&["check"]);
    run.ok();
    assert!(run.stderr.contains("warning: indicator `digital-economy-share`: 2023 is 8.5 here but 8.48 in report `demo-2024`"), "{}", run.stderr);
    // It points at the value, with the line it is on.
    let yaml = site.read("reports/demo-2025/indicators.yaml");
    let line = 1 + yaml[..yaml.find("value: 8.5").unwrap()]
        .matches('\n')
        .count();
    assert!(
        run.stderr
            .contains(&format!("reports/demo-2025/indicators.yaml:{line}:")),
        "{}",
        run.stderr
    );
}

#[test]
fn dataset_and_project_charts_match_their_tables() {
    let site = Site::fixture("minimal");
    site.build().ok();
    let svg = site.page("reports/demo-2024/datasets/infrastructure/chart.svg");
    let bars = rects(&svg, "#1F5FAD");
    assert_eq!(bars.len(), 2, "the empty cell draws no bar");
    assert!((bars[0].2 / bars[1].2 - 349.0 / 3229.0).abs() < 0.01);
    assert!(svg.contains("–"), "the missing value is marked");

    let page = site.page("reports/demo-2024/projects/index.html");
    let svg = site.page("reports/demo-2024/projects/projects-by-lead.svg");
    let bars = rects(&svg, "#1F5FAD");
    // Sở TTTT leads 2 projects (one shared), Sở KHĐT 1.
    assert_eq!(bars.len(), 2);
    assert!((bars[0].2 / bars[1].2 - 2.0).abs() < 0.05);
    assert!(page.contains("chart-projects-by-lead-title"));
    assert!(
        page.contains("chart-projects-by-status-title"),
        "statuses are known in the fixture"
    );
}

#[test]
fn status_bars_state_the_counts_and_ids_are_unique_per_page() {
    let site = Site::fixture("example");
    site.build().ok();
    let page = site.page("reports/hai-duong-2023/index.html");
    let desc = common::between(&page, "id=\"status-digital-economy-desc\">", "</desc>");
    // Was "1 đạt, 2 chưa đạt, 2 chưa có số liệu": 2022 figures judged against
    // 2023 targets. As of the plan's date (05/06/2023) the 2023 targets are
    // not yet due: 3 have 2022 figures, 2 have none.
    assert_eq!(desc, "3 chưa đến kỳ đánh giá, 2 chưa có số liệu");
    for (path, bytes) in common::snapshot(&site.public()) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let mut ids: Vec<&str> = html
            .split(" id=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "{path}: duplicate ids");
    }
}

/// Width in CSS px of a 640-unit chart in a report's group card on a 375 px
/// phone (375 − 2 × 16 page margin − 2 × 16 card padding − 2 border): where a
/// group chart is shown narrowest.
const PHONE_CARD_PX: f64 = 309.0;

/// The rendered size of every text of `svg` at `container` CSS px: its
/// font-size × the shown width (the container, or the SVG's max-width if
/// smaller) / the viewBox width.
fn rendered_font_px(svg: &str, container: f64) -> Vec<f64> {
    let svg = common::ungroup(svg);
    let view_w: f64 = common::between(&svg, "viewBox=\"0 0 ", " ")
        .parse()
        .unwrap();
    let max_w: f64 = common::between(&svg, "max-width:", "px").parse().unwrap();
    let shown = container.min(max_w);
    svg.split("font-size=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].parse::<f64>().unwrap() * shown / view_w)
        .collect()
}

/// Every chart of the output: each `.svg` file and each `<svg role="img">`
/// inside a page, with where it was found.
fn every_chart(site: &Site) -> Vec<(String, String)> {
    let mut charts = Vec::new();
    for (path, bytes) in common::snapshot(&site.public()) {
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        if path.ends_with(".svg") {
            // A download (fixed width and height, a credits band) is shown
            // whole, at its own width: not on a phone's page.
            if !text[..text.find('>').unwrap()].contains(" width=\"") {
                charts.push((path, text));
            }
        } else if path.ends_with(".html") {
            let parts: Vec<&str> = text.split("<svg ").collect();
            for (i, part) in parts[1..].iter().enumerate() {
                if part[..part.find('>').unwrap()].contains("role=\"img\"") {
                    let svg = &part[..part.find("</svg>").unwrap() + 6];
                    // A long ranking's wide layout, shown only on wide screens.
                    let wide = parts[i].ends_with("<div class=\"chart-wide\">");
                    let wide = if wide { " (wide)" } else { "" };
                    charts.push((format!("{path} (chart {i}){wide}"), format!("<svg {svg}")));
                }
            }
        }
    }
    charts
}

#[test]
fn every_chart_text_is_at_least_12px_on_a_phone_and_never_cut() {
    // Measured before: group values and statuses at 9.7-10.7 px, indicator
    // history axes at 9.6 px, dataset ticks at 9.6 px, labels cut with "…".
    let site = Site::fixture("example");
    site.build().ok();
    let mut kinds = std::collections::BTreeSet::new();
    let charts = every_chart(&site);
    for (path, svg) in &charts {
        let sizes = rendered_font_px(svg, PHONE_CARD_PX);
        assert!(!sizes.is_empty(), "{path}: a chart without text: {svg}");
        let smallest = sizes.iter().cloned().fold(f64::INFINITY, f64::min);
        assert!(smallest >= 12.0, "{path}: {smallest:.1} px in {svg}");
        assert!(!svg.contains('…'), "{path}: a cut label in {svg}");
        let kind = if path.contains("/groups/") {
            "group"
        } else if path.contains("/datasets/") {
            "dataset"
        } else if path.contains("/projects/") {
            "projects"
        } else if path.contains("/indicators/") {
            "history"
        } else {
            "overview"
        };
        kinds.insert(kind);
    }
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        ["dataset", "group", "history", "overview", "projects"],
        "every kind of chart was measured"
    );
    assert!(charts.len() >= 30, "{} charts", charts.len());
}

/// The text of every `<text>` of `svg`, in document order.
fn svg_texts(svg: &str) -> Vec<String> {
    common::ungroup(svg)
        .split("<text")
        .skip(1)
        .map(|t| t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()].to_string())
        .collect()
}

#[test]
fn comparison_charts_are_legible_on_a_phone_and_never_cut() {
    // Measured before: each small multiple's latest figure was cut at 375
    // px, "56,60 % (20…", as it was "45,30 % (20…" on the national corpus.
    let site = common::three_areas();
    site.build().ok();
    let charts: Vec<(String, String)> = every_chart(&site)
        .into_iter()
        .filter(|(path, _)| path.contains("compare/"))
        .collect();
    let mut kinds = std::collections::BTreeSet::new();
    for (path, svg) in &charts {
        // The wide layout is shown from 64rem: in a page at least 992 px wide.
        let container = if path.ends_with("(wide)") {
            992.0
        } else {
            PHONE_CARD_PX
        };
        let sizes = rendered_font_px(svg, container);
        let smallest = sizes.iter().cloned().fold(f64::INFINITY, f64::min);
        assert!(smallest >= 12.0, "{path}: {smallest:.1} px in {svg}");
        assert!(!svg.contains('…'), "{path}: a cut text in {svg}");
        kinds.insert(if path.contains("/history/") {
            "multiples"
        } else {
            "ranking"
        });
    }
    assert_eq!(kinds.len(), 2, "both kinds were measured: {charts:?}");
    // The latest figure, whole, with its period.
    let history = site.page("compare/online-dossiers/history/index.html");
    let texts = svg_texts(&history);
    assert!(texts.iter().any(|t| t == "56,60\u{a0}%"), "{texts:?}");
    assert!(texts.iter().any(|t| t == "(2023)"), "{texts:?}");
}

#[test]
fn the_ranked_chart_names_its_unit_once_without_doubled_brackets() {
    // Measured before: "Thanh: giá trị (phần trăm (%))".
    let site = common::three_areas();
    site.build().ok();
    for (page, want) in [
        (
            "compare/online-dossiers/index.html",
            "Thanh: giá trị, phần trăm (%)",
        ),
        (
            "en/compare/online-dossiers/index.html",
            "Bars: value, percent (%)",
        ),
    ] {
        let texts = svg_texts(&site.page(page));
        assert!(texts.iter().any(|t| t == want), "{page}: {texts:?}");
        assert!(!texts.iter().any(|t| t.contains("))")), "{page}: {texts:?}");
    }
}

#[test]
fn group_chart_draws_only_measured_indicators_shares_a_scale_and_lists_the_rest() {
    let site = Site::fixture("example");
    site.build().ok();
    let svg = site.page("reports/hai-duong-2023/groups/digital-government/chart.svg");
    // Was 16 rows, 15 of them an empty track saying "chưa có số liệu": now the
    // one indicator with a figure is the one row (one track up to the target).
    assert_eq!(rects(&svg, "#ECEEF1").len(), 1, "{svg}");
    assert_eq!(rects(&svg, "#1F5FAD").len(), 1);
    assert!(!svg.contains("chưa có số liệu</text>"), "{svg}");
    // One scale for every bar, said in words, with its ticks.
    assert!(svg.contains("% mục tiêu"), "{svg}");
    for tick in ["0\u{a0}%", "50\u{a0}%", "100\u{a0}%", "150\u{a0}%"] {
        assert!(svg.contains(&format!(">{tick}</text>")), "{tick} in {svg}");
    }
    // The others are named in a line of text under the chart.
    let page = site.page("reports/hai-duong-2023/groups/digital-government/index.html");
    let meta = common::between(&page, "<p class=\"chart-meta\">", "</p>");
    assert!(
        // 13: the level targets are one measure with three parts (issue 18).
        meta.contains("Chưa có số liệu nên không vẽ (13): "),
        "{meta}"
    );
    // A short description: counts, the extremes, a pointer to the table; was
    // ~2,500 characters repeating "chưa có số liệu" twice per row.
    let (_, desc) = title_and_desc(&svg);
    assert!(
        desc.chars().count() < 600,
        "{} chars: {desc}",
        desc.chars().count()
    );
    assert!(desc.matches("chưa có số liệu").count() <= 1, "{desc}");
    assert!(desc.contains("bảng dưới biểu đồ"), "{desc}");
    let economy = site.page("reports/hai-duong-2023/groups/digital-economy/chart.svg");
    let (_, desc) = title_and_desc(&economy);
    assert!(
        desc.contains("Gần mục tiêu nhất: ") && desc.contains("; xa nhất: "),
        "{desc}"
    );
}

#[test]
fn projects_chart_says_joint_leads_are_counted_once_per_lead() {
    let site = Site::fixture("example");
    site.build().ok();
    let projects: Value =
        serde_yaml::from_str(&site.read("reports/hai-duong-2023/projects.yaml")).unwrap();
    let projects = projects.as_sequence().unwrap();
    let leads: usize = projects
        .iter()
        .map(|p| p["lead"].as_sequence().map_or(1, |l| l.len().max(1)))
        .sum();
    // The example: 45 projects, some led jointly (the audit counted 50 bars).
    assert_eq!(projects.len(), 45);
    assert!(leads > 45, "{leads}");
    let page = site.page("reports/hai-duong-2023/projects/index.html");
    let note = format!("45 dự án, nhiệm vụ; dự án có nhiều đơn vị cùng chủ trì được tính một lần cho mỗi đơn vị, nên tổng các thanh là {leads}.");
    assert!(page.contains(&note), "under the chart");
    let svg = site.page("reports/hai-duong-2023/projects/projects-by-lead.svg");
    assert!(title_and_desc(&svg).1.contains(&note), "in its description");
}

#[test]
fn every_chart_can_be_downloaded_as_svg_and_png_that_say_where_they_come_from() {
    // By default every chart is drawn as PNG, indicators' history charts too.
    let site = Site::fixture("example");
    site.build().ok();
    let first: Vec<(String, Vec<u8>)> = common::snapshot(&site.public())
        .into_iter()
        .filter(|(p, _)| p.ends_with(".png"))
        .collect();
    let mut kinds = std::collections::BTreeSet::new();
    // Every chart figure on a page links its two downloads, which exist.
    for (path, bytes) in common::snapshot(&site.public()) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for figure in html.split("<figure class=\"chart\">").skip(1) {
            let figure = &figure[..figure.find("</figure>").unwrap()];
            if !figure.contains("class=\"chart-svg\"") {
                continue;
            }
            let meta = common::between(figure, "<p class=\"chart-meta\">", "</p>");
            let dir = std::path::Path::new(&path).parent().unwrap();
            let href = |ext: &str| -> std::path::PathBuf {
                let end = meta
                    .find(&format!(".{ext}\""))
                    .unwrap_or_else(|| panic!("{path}: no .{ext} in {meta}"));
                let start = meta[..end].rfind('"').unwrap() + 1;
                dir.join(&meta[start..end + 1 + ext.len()])
            };
            assert!(
                meta.contains("Tải ảnh") || meta.contains("Download image"),
                "{path}: {meta}"
            );
            let png = std::fs::read(site.public().join(href("png"))).unwrap();
            assert_eq!(&png[1..4], b"PNG", "{path}");
            let svg = std::fs::read_to_string(site.public().join(href("svg"))).unwrap();
            // The image says what it is and where it comes from.
            let vi = !path.starts_with("en/");
            for must in [
                if vi {
                    "Nguồn: Số 1914/KH-UBND"
                } else {
                    "Source: No. 1914/KH-UBND"
                },
                if vi { "05/06/2023" } else { "5 June 2023" },
                "(CC-BY-4.0)",
                "https://example.org/minhbach/",
            ] {
                assert!(svg.contains(must), "{path}: {must} not in {svg}");
            }
            kinds.insert(
                href("png")
                    .parent()
                    .unwrap()
                    .parent()
                    .unwrap()
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
            );
        }
    }
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        ["datasets", "groups", "hai-duong-2023", "indicators"],
        "group, dataset, projects (in the report's folder) and history charts"
    );
    // Deterministic: a second build gives the same bytes.
    site.build().ok();
    let second: Vec<(String, Vec<u8>)> = common::snapshot(&site.public())
        .into_iter()
        .filter(|(p, _)| p.ends_with(".png"))
        .collect();
    assert!(first.len() >= 18, "{} PNGs", first.len());
    assert!(first == second, "PNG bytes differ between two builds");
    // Only `build` draws them: a render in memory (what `check` and `serve`
    // do) has the files, for the links, but does not pay for the drawing.
    let (out, _) = minhbach::build(&site.content(), &minhbach::BuildOptions::default());
    let out = out.expect("builds");
    let pngs: Vec<&Vec<u8>> = out
        .files
        .iter()
        .filter(|(p, _)| p.ends_with(".png"))
        .map(|(_, b)| b)
        .collect();
    assert_eq!(pngs.len(), first.len());
    assert!(
        pngs.iter().all(|b| !b.starts_with(b"\x89PNG")),
        "drawn in memory"
    );
}

#[test]
fn every_chart_has_a_bare_embed_page_with_its_table_and_source() {
    let site = Site::fixture("example");
    site.build().ok();
    let mut embeds = std::collections::BTreeSet::new();
    for (path, bytes) in common::snapshot(&site.public()) {
        if !path.ends_with(".html") || path.contains("embed/") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for figure in html.split("<figure class=\"chart\">").skip(1) {
            let figure = &figure[..figure.find("</figure>").unwrap()];
            if !figure.contains("class=\"chart-svg\"") {
                continue;
            }
            // The code to copy, shown as text, works without JavaScript.
            let details = common::between(figure, "<details class=\"chart-embed\">", "</details>");
            let code = common::between(details, "<pre class=\"embed-code\">", "</pre>");
            let src = common::between(code, "&lt;iframe src=&quot;", "&quot;");
            let rel = src
                .strip_prefix("https://example.org/minhbach/")
                .unwrap_or_else(|| panic!("{path}: {src}"));
            assert!(
                rel.contains("embed/hai-duong-2023/"),
                "{path}: per report: {rel}"
            );
            embeds.insert(rel.to_string());
        }
    }
    // Groups drawn (2), the dataset, the projects chart, 5 history charts:
    // 9 in each language.
    assert_eq!(embeds.len(), 18, "{embeds:?}");
    let sitemap = site.page("sitemap.xml");
    for rel in &embeds {
        let page = site.page(&format!("{rel}index.html"));
        assert!(
            page.contains("<meta name=\"robots\" content=\"noindex\">"),
            "{rel}"
        );
        assert!(
            !page.contains("site-header") && !page.contains("site-footer"),
            "{rel}: chrome"
        );
        assert!(page.contains("role=\"img\""), "{rel}: no chart");
        assert!(page.contains("<table>"), "{rel}: no table");
        let source = common::between(&page, "<p class=\"embed-source\">", "</p>");
        for must in ["1914/KH-UBND", "CC-BY-4.0", "target=\"_blank\""] {
            assert!(source.contains(must), "{rel}: {must} not in {source}");
        }
        assert!(!sitemap.contains(rel.as_str()), "{rel} in the sitemap");
    }
}
