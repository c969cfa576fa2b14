use super::*;
use crate::model::Region;

// --- choropleth map --------------------------------------------------------------

#[test]
fn classes_are_equal_round_steps_over_the_figures() {
    assert_eq!(class_bounds(&[42.0, 71.2]), [40.0, 50.0, 60.0, 70.0, 80.0]);
    assert_eq!(
        class_bounds(&[0.0, 100.0]),
        [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
    );
    assert_eq!(class_bounds(&[1.3, 7.9]), [0.0, 2.0, 4.0, 6.0, 8.0]);
    assert_eq!(
        class_bounds(&[3.0, 13.0]),
        [2.5, 5.0, 7.5, 10.0, 12.5, 15.0]
    );
    // 1.3 .. 12.9 would need six classes of 2.5: steps of 5 instead.
    assert_eq!(class_bounds(&[1.3, 12.9]), [0.0, 5.0, 10.0, 15.0]);
    // 19 .. 61 would need six classes of 10: steps of 20 instead.
    assert_eq!(class_bounds(&[19.0, 61.0]), [0.0, 20.0, 40.0, 60.0, 80.0]);
    assert_eq!(class_bounds(&[0.1, 0.3]), [0.1, 0.15, 0.2, 0.25, 0.3]);
    // One figure, or all the same: one class.
    assert_eq!(class_bounds(&[56.6]), [56.6, 56.6]);
    assert!(class_bounds(&[f64::NAN]).is_empty());
    assert!(class_bounds(&[]).is_empty());
    for values in [
        vec![3.0, 97.0],
        vec![-12.0, 4.5],
        vec![1e6, 7.3e6],
        vec![0.013, 0.02],
    ] {
        let b = class_bounds(&values);
        assert!((2..=6).contains(&b.len()), "{values:?}: {b:?}");
        for v in &values {
            assert!(class_of(&b, *v).is_some(), "{v} in {b:?}");
        }
    }
}

#[test]
fn a_figure_on_a_bound_belongs_to_the_class_above() {
    let b = [40.0, 50.0, 60.0, 70.0, 80.0];
    assert_eq!(class_of(&b, 40.0), Some(0));
    assert_eq!(class_of(&b, 49.99), Some(0));
    assert_eq!(class_of(&b, 50.0), Some(1));
    assert_eq!(
        class_of(&b, 80.0),
        Some(3),
        "the last class holds its upper bound"
    );
    assert_eq!(class_of(&b, 80.1), None);
    assert_eq!(class_of(&b, 39.0), None);
    assert_eq!(class_of(&[5.0, 5.0], 5.0), Some(0));
}

#[test]
fn class_colours_spread_over_the_palette_darkest_last() {
    let five: Vec<&str> = (0..5).map(|k| class_colour(k, 5)).collect();
    assert_eq!(five, MAP_CLASSES);
    assert_eq!(class_colour(0, 4), MAP_CLASSES[0]);
    assert_eq!(class_colour(3, 4), MAP_CLASSES[4]);
    assert_eq!(class_colour(0, 2), MAP_CLASSES[0]);
    assert_eq!(class_colour(1, 2), MAP_CLASSES[4]);
    // No class colour is the "no data" grey or white.
    for c in MAP_CLASSES {
        assert!(c != "#FFFFFF" && c != "#F3F4F6");
    }
}

fn square(code: &str, x: f64) -> Region {
    Region {
        code: code.into(),
        rings: vec![vec![
            (x, 0.0),
            (x + 500.0, 0.0),
            (x + 500.0, 500.0),
            (x, 500.0),
            (x, 0.0),
        ]],
    }
}

fn sample_map(id: &str, a: &str) -> String {
    let (r1, r2) = (square("a", 0.0), square("b", 500.0));
    choropleth_map(
        &ChartText {
            id: id.into(),
            title: "Tỷ lệ hồ sơ trực tuyến: bản đồ, 2024".into(),
            desc: "2 địa bàn".into(),
        },
        500.0,
        &[
            MapRegion {
                region: &r1,
                label: a.into(),
                class: Some(1),
            },
            MapRegion {
                region: &r2,
                label: "B: Chưa có số liệu".into(),
                class: None,
            },
        ],
        &MapLegend {
            caption: "Màu: giá trị (%)".into(),
            classes: vec!["0 % – 50 %".into(), "50 % – 100 %".into()],
            no_data: "Chưa có số liệu".into(),
        },
    )
}

#[test]
fn a_map_has_one_titled_path_per_region_and_a_legend() {
    let svg = sample_map("map-x", "A: 56,6 %");
    let paths: Vec<&str> = svg.split("<path d=\"").skip(1).collect();
    assert_eq!(paths.len(), 2);
    assert!(
        paths[0].starts_with("M8,8 320,8 320,320 8,320Z\""),
        "{}",
        paths[0]
    );
    assert!(
        paths[0].contains("fill=\"#08519C\"><title>A: 56,6 %</title>"),
        "{}",
        paths[0]
    );
    assert!(paths[1].contains("fill=\"url(#map-x-nodata)\"><title>B: Chưa có số liệu</title>"));
    assert!(svg.contains("role=\"group\" aria-labelledby=\"map-x-title map-x-desc\""));
    let all = texts(&svg);
    for want in [
        "0 % – 50 %",
        "50 % – 100 %",
        "Chưa có số liệu",
        "Màu: giá trị (%)",
    ] {
        assert!(all.iter().any(|t| t == want), "{want}: {all:?}");
    }
    // The legend's swatches: the two classes, then the hatching.
    let rects = tags(&svg, "rect");
    assert!(rects.iter().any(|r| attr(r, "fill") == Some("#C6DBEF")));
    assert!(rects.iter().any(|r| attr(r, "fill") == Some("#08519C")));
    assert!(rects
        .iter()
        .any(|r| attr(r, "fill") == Some("url(#map-x-nodata)")));
    assert_eq!(svg, sample_map("map-x", "A: 56,6 %"), "deterministic");
}

#[test]
fn a_map_escapes_what_it_is_given() {
    let svg = sample_map(EVIL, EVIL);
    assert!(!svg.to_lowercase().contains("<script"), "{svg}");
    assert!(
        !svg.contains("onload=\"") && !svg.contains("onerror='"),
        "{svg}"
    );
    assert_only_elements(
        &svg,
        &[
            "svg", "title", "desc", "g", "rect", "text", "path", "defs", "pattern",
        ],
    );
}
