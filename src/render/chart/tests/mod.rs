//! Tests of the charts: shared helpers and the properties every chart has.

use super::*;
use super::{counts::*, dataset::*, group::*, history::*, multiples::*, ranking::*, status::*};
use crate::render::escape;

mod counts;
mod dataset;
mod fast_paths;
mod group;
mod history;
mod map;
mod multiples;
mod palette;
mod ranking;
#[allow(unused_imports)]
use counts::*;
#[allow(unused_imports)]
use dataset::*;
#[allow(unused_imports)]
use fast_paths::*;
#[allow(unused_imports)]
use group::*;
#[allow(unused_imports)]
use history::*;
#[allow(unused_imports)]
use palette::*;

pub(super) const EVIL: &str = "<script>alert(1)</script>\" onload=\"x' onerror='y & z";

pub(super) fn word(kind: StatusKind) -> &'static str {
    match kind {
        StatusKind::Met => "Đạt",
        StatusKind::NotMet => "Chưa đạt",
        StatusKind::NotYetDue => "Chưa đến kỳ đánh giá",
        StatusKind::Overdue => "Quá hạn",
        StatusKind::NoData => "Chưa có số liệu",
        StatusKind::Proxy => "Số liệu gián tiếp",
        StatusKind::NoTarget => "Không có mục tiêu",
    }
}

pub(super) fn row(
    label: &str,
    ratio: Option<f64>,
    value: &str,
    target: &str,
    kind: StatusKind,
) -> BulletRow {
    BulletRow {
        label: label.to_string(),
        ratio,
        value_text: value.to_string(),
        target_text: target.to_string(),
        status: kind,
        status_text: word(kind).to_string(),
    }
}

pub(super) fn text(id: &str) -> ChartText {
    ChartText {
        id: id.to_string(),
        title: "Kinh tế số: giá trị mới nhất so với mục tiêu".to_string(),
        desc: "5 chỉ tiêu: 1 đạt, 2 chưa đạt, 2 chưa có số liệu.".to_string(),
    }
}

pub(super) const LONG: &str =
    "Tỷ lệ hồ sơ thủ tục hành chính được người dân, doanh nghiệp thực hiện \
                        trực tuyến từ xa";

pub(super) fn sample_rows() -> Vec<BulletRow> {
    use StatusKind::*;
    vec![
        row(LONG, Some(56.6 / 50.0), "56,60 %", "mục tiêu ≥ 50 %", Met),
        row(
            "Tỷ trọng kinh tế số trong GRDP",
            Some(0.848),
            "8,48 %",
            "mục tiêu ≥ 10 %",
            NotMet,
        ),
        row(
            "Số doanh nghiệp công nghệ số",
            Some(114.0 / 150.0),
            "114",
            "mục tiêu > 150",
            NotMet,
        ),
        row(
            "Tỷ lệ dân số có điện thoại thông minh",
            None,
            "chưa có số liệu",
            "≥ 80 %",
            NoData,
        ),
        row(
            "Tỷ lệ hộ gia đình có Internet cáp quang",
            Some(2.4),
            "96 %",
            "≥ 40 %",
            Met,
        ),
        row(
            "Chỉ số chuyển đổi số cấp tỉnh",
            Some(0.0),
            "0",
            "mục tiêu ≥ 20",
            NotMet,
        ),
        row(
            "Tài khoản định danh điện tử mức 2",
            Some(0.7),
            "70 %",
            "",
            NoTarget,
        ),
    ]
}

pub(super) fn twelve_rows() -> Vec<BulletRow> {
    let rows = sample_rows();
    (0..12)
        .map(|i| {
            let r = &rows[i % rows.len()];
            let label = format!("{} {}", LONG, r.label);
            row(&label, r.ratio, &r.value_text, &r.target_text, r.status)
        })
        .collect()
}

pub(super) fn categories() -> Vec<String> {
    [
        "Thành phố Hải Dương",
        "Thành phố Chí Linh",
        "Thị xã Kinh Môn",
        "Huyện Thanh Hà",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

pub(super) fn two_series() -> Vec<Series> {
    vec![
        Series {
            name: "Năm 2022".into(),
            values: vec![Some(1234.5), Some(856.0), None, Some(90.0)],
        },
        Series {
            name: "Năm 2023".into(),
            values: vec![Some(1390.0), Some(910.0), Some(300.0)],
        },
    ]
}

pub(super) fn vi(v: f64) -> String {
    format!("{v:.1}").replace('.', ",")
}

pub(super) fn all_charts(id: &str) -> Vec<String> {
    let t = text(id);
    let counts = vec![
        (StatusKind::Met, 3, "đạt".to_string()),
        (StatusKind::NotMet, 5, "chưa đạt".to_string()),
        (StatusKind::NoData, 0, "chưa có số liệu".to_string()),
        (StatusKind::NoTarget, 1, "không có mục tiêu".to_string()),
    ];
    vec![
        group_chart(&t, &axis(), &sample_rows()),
        status_bar(&t, &counts),
        dataset_chart(&t, DatasetChartKind::Bar, &categories(), &two_series(), &vi),
        dataset_chart(
            &t,
            DatasetChartKind::Line,
            &categories(),
            &two_series(),
            &vi,
        ),
        dataset_chart(
            &t,
            DatasetChartKind::Bar,
            &categories(),
            &two_series()[..1],
            &vi,
        ),
        dataset_chart(
            &t,
            DatasetChartKind::Line,
            &categories(),
            &two_series()[..1],
            &vi,
        ),
        history_chart(&t, &share_history().0, Some(&share_history().1), &pct),
        history_chart(&t, &quarterly(9), None, &pct),
        count_bars(&t, &agencies()),
        ranking_chart(&t, &ranking::rank_axis(), &ranking::rank_rows()),
        small_multiples(&t, &multiples::axis(), &multiples::items()),
    ]
}

// --- tiny SVG scanning helpers -------------------------------------

/// The opening tags `<name ...>` in document order, with the attributes
/// of the `<g>` around them (see [`ungroup`]).
pub(super) fn tags(svg: &str, name: &str) -> Vec<String> {
    raw_tags(&ungroup(svg), name)
        .into_iter()
        .map(str::to_string)
        .collect()
}

/// The opening tags `<name ...>` as written.
pub(super) fn raw_tags<'a>(svg: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name} ");
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(i) = rest.find(&open) {
        let end = rest[i..].find('>').map_or(rest.len(), |e| i + e + 1);
        out.push(&rest[i..end]);
        rest = &rest[end..];
    }
    out
}

// `ungroup`, shared with the integration tests.
include!("../../../../tests/common/ungroup.rs");

pub(super) fn attr<'a, S: AsRef<str> + ?Sized>(tag: &'a S, name: &str) -> Option<&'a str> {
    let tag = tag.as_ref();
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

pub(super) fn num<S: AsRef<str> + ?Sized>(tag: &S, name: &str) -> f64 {
    attr(tag, name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN)
}

/// Text contents of all `<text>` elements.
pub(super) fn texts(svg: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(i) = rest.find("<text ") {
        let Some(open_end) = rest[i..].find('>') else {
            break;
        };
        let body = &rest[i + open_end + 1..];
        let Some(close) = body.find("</text>") else {
            break;
        };
        out.push(body[..close].to_string());
        rest = &body[close..];
    }
    out
}

pub(super) fn root_tag(svg: &str) -> &str {
    &svg[..svg.find('>').map_or(svg.len(), |i| i + 1)]
}

pub(super) fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

// --- 1. deterministic ---------------------------------------------------

#[test]
pub(super) fn output_is_deterministic() {
    assert_eq!(all_charts("a"), all_charts("a"));
    let a = group_chart(&text("x"), &axis(), &twelve_rows());
    let b = group_chart(&text("x"), &axis(), &twelve_rows());
    assert_eq!(a, b);
}

// --- 2. accessible, scalable root ---------------------------------------

#[test]
pub(super) fn root_is_accessible_and_scalable() {
    for svg in all_charts("chart-digital-economy") {
        let root = root_tag(&svg);
        assert!(root.starts_with("<svg "), "{root}");
        assert_eq!(attr(root, "role"), Some("img"));
        assert_eq!(
            attr(root, "aria-labelledby"),
            Some("chart-digital-economy-title chart-digital-economy-desc")
        );
        assert!(
            attr(root, "viewBox").is_some_and(|v| v.starts_with("0 0 ")),
            "{root}"
        );
        assert_eq!(attr(root, "width"), None, "{root}");
        assert_eq!(attr(root, "height"), None, "{root}");
        assert!(attr(root, "style").is_some_and(|s| s.contains("height:auto")));
        let after = &svg[root.len()..];
        assert!(
            after.starts_with(
                "<title id=\"chart-digital-economy-title\">Kinh tế số: giá trị mới nhất so \
                     với mục tiêu</title><desc id=\"chart-digital-economy-desc\">5 chỉ tiêu:"
            ),
            "{after}"
        );
        assert!(svg.contains("<text "), "real text elements");
        assert!(!svg.contains("<path"), "no outlined text");
        assert!(svg.trim_end().ends_with("</svg>"));
        assert_eq!(svg.matches("<svg").count(), 1);
    }
}

#[test]
pub(super) fn view_box_width_is_about_640() {
    let svg = group_chart(&text("g"), &axis(), &sample_rows());
    let vb = attr(root_tag(&svg), "viewBox")
        .unwrap_or_default()
        .to_string();
    let parts: Vec<f64> = vb.split(' ').filter_map(|p| p.parse().ok()).collect();
    assert_eq!(parts.len(), 4);
    assert_eq!(parts[2], 640.0);
    assert!(parts[3] > 300.0, "height grows with rows: {vb}");
}

// --- 3. escaping ---------------------------------------------------------

/// Every '<' of `svg` starts one of the `known` elements or closes one.
pub(super) fn assert_only_elements(svg: &str, known: &[&str]) {
    for (i, _) in svg.match_indices('<') {
        let rest = &svg[i + 1..];
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        assert!(
            known
                .iter()
                .any(|k| rest.starts_with(k) && rest[k.len()..].starts_with([' ', '>', '/'])),
            "unexpected markup at {}",
            &svg[i..(i + 30).min(svg.len())]
        );
    }
}

pub(super) fn assert_safe(svg: &str) {
    assert!(!svg.to_lowercase().contains("<script"), "{svg}");
    assert!(
        !svg.contains("onload=\"") && !svg.contains("onload='"),
        "{svg}"
    );
    assert!(
        !svg.contains("onerror=\"") && !svg.contains("onerror='"),
        "{svg}"
    );
    assert_only_elements(
        svg,
        &[
            "svg", "title", "desc", "g", "rect", "text", "polyline", "polygon", "circle", "line",
        ],
    );
    // Every attribute value is quoted and contains no raw quote or '<'.
    for tag in ["svg", "g", "rect", "text", "polyline", "polygon", "circle"] {
        for t in raw_tags(svg, tag) {
            let inner = t.trim_end_matches('>').trim_end_matches('/');
            assert_eq!(inner.matches('"').count() % 2, 0, "{t}");
            assert!(!inner[1..].contains('<'), "{t}");
        }
    }
    assert!(!svg.contains('\u{0}'));
}

#[test]
pub(super) fn caller_text_is_escaped_everywhere() {
    let t = ChartText {
        id: EVIL.to_string(),
        title: EVIL.to_string(),
        desc: EVIL.to_string(),
    };
    let rows = vec![
        BulletRow {
            label: EVIL.to_string(),
            ratio: Some(0.5),
            value_text: EVIL.to_string(),
            target_text: EVIL.to_string(),
            status: StatusKind::NotMet,
            status_text: EVIL.to_string(),
        },
        row(
            &format!("a\u{0}b\u{7}\n{EVIL}"),
            None,
            EVIL,
            "",
            StatusKind::NoData,
        ),
    ];
    let svg = group_chart(&t, &axis(), &rows);
    assert_safe(&svg);
    assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(svg.contains("&quot; onload=&quot;x"));
    let series = vec![
        Series {
            name: EVIL.to_string(),
            values: vec![Some(1.0), None],
        },
        Series {
            name: EVIL.to_string(),
            values: vec![Some(-2.0), Some(3.0)],
        },
    ];
    let cats = vec![EVIL.to_string(), format!("{EVIL} {EVIL}")];
    let evil_fmt = |v: f64| format!("{v}{EVIL}");
    for kind in [DatasetChartKind::Bar, DatasetChartKind::Line] {
        assert_safe(&dataset_chart(&t, kind, &cats, &series, &evil_fmt));
        assert_safe(&dataset_chart(&t, kind, &cats, &series[..1], &evil_fmt));
    }
    let counts = vec![
        (StatusKind::Met, 2, EVIL.to_string()),
        (StatusKind::NoData, 1, EVIL.into()),
    ];
    assert_safe(&status_bar(&t, &counts));
    assert_safe(&group_chart(&t, &axis(), &[]));
    let points = [
        hp(EVIL, Some(1.0), EVIL),
        hp(&format!("{EVIL} {EVIL}"), None, EVIL),
        hp("2022", Some(2.0), ""),
    ];
    for deadline in [EVIL, "2022"] {
        let target = ht(3.0, EVIL, deadline);
        let svg = history_chart(&t, &points, Some(&target), &evil_fmt);
        assert_safe(&svg);
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }
    assert_safe(&count_bars(&t, &[(EVIL.to_string(), 2), (EVIL.into(), 0)]));
}

#[test]
pub(super) fn id_is_sanitized() {
    assert_eq!(
        sanitize_id("chart-digital-economy"),
        "chart-digital-economy"
    );
    assert_eq!(sanitize_id("Chart_Kinh Tế  Số!"), "chart-kinh-t-s");
    assert_eq!(
        sanitize_id(EVIL),
        "script-alert-1-script-onload-x-onerror-y-z"
    );
    assert_eq!(sanitize_id(""), "chart");
    assert_eq!(sanitize_id("---"), "chart");
    assert_eq!(sanitize_id("2023"), "chart-2023");
    let svg = status_bar(&text("\"><script>"), &[(StatusKind::Met, 1, "đạt".into())]);
    let labelled = attr(root_tag(&svg), "aria-labelledby").unwrap_or_default();
    assert_eq!(labelled, "script-title script-desc");
    assert!(svg.contains("<title id=\"script-title\">"));
    for s in all_charts(EVIL) {
        let l = attr(root_tag(&s), "aria-labelledby")
            .unwrap_or_default()
            .to_string();
        assert!(l
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == ' '));
    }
}

/// The shared scale of a group chart, as the Vietnamese pages write it.
pub(super) fn axis() -> RatioAxis {
    RatioAxis {
        caption: "Mỗi thanh: số liệu mới nhất bằng bao nhiêu % mục tiêu".into(),
        ticks: ["0 %", "50 %", "100 %", "150 %"].map(String::from),
    }
}
