//! Comparisons of a measure with parts, with a national figure, and their
//! chart downloads and embeds (issue 18): each area's parts beside its own
//! figure, the national figure as a reference with its document, and the
//! ranked chart as PNG/SVG with an embed page.

mod common;

use common::*;

/// The nation, after the three provinces of tests/common/areas.rs.
const NATION: &str = "\
- code: vn
  name: { vi: Cả nước, en: Viet Nam }
  kind: national
";

/// The online-dossier measure split by level: `province` and `district`
/// parts, with their own targets and the given 2024 figures.
fn parts(province: &str, district: &str) -> String {
    format!(
        "  breakdown: {{ vi: cấp hành chính, en: administrative level }}\n  parts:\n    \
         - {{ id: province, name: {{ vi: cấp tỉnh, en: provincial level }}, target: 80, values: [{province}] }}\n    \
         - {{ id: district, name: {{ vi: cấp huyện, en: district level }}, target: 70, values: [{district}] }}\n"
    )
}

/// The national report: the national figure of `online-dossiers` for 2024.
fn add_national(site: &Site, value: &str) {
    site.write(
        "reports/vn-2024/report.yaml",
        "title: { vi: Báo cáo chuyển đổi số quốc gia năm 2024, en: National digital transformation report 2024 }
period: 2024
area: vn
document:
  number: 15/BC-BTTTT
  date: 2025-02-20
  issuer: Bộ Thông tin và Truyền thông
groups:
  - id: dg
    name: { vi: Chính quyền số, en: Digital government }
",
    );
    site.write(
        "reports/vn-2024/indicators.yaml",
        &format!(
            "- id: vn-online-dossier-rate
  group: dg
  name: {{ vi: Tỷ lệ hồ sơ trực tuyến, en: Share of online dossiers }}
  code: online-dossiers
  unit: percent
  decimals: 2
  values:
    - {{ period: 2024, value: {value}, source: \"Phụ lục 1\" }}
  lead: ~
"
        ),
    );
}

/// Three provinces' 2024 reports sharing `online-dossiers`, split by level,
/// and the national report. Hải Phòng: 71.2 % (cấp tỉnh 90, cấp huyện 65);
/// Hà Nội: 42 % (cấp tỉnh 85, cấp huyện only 60 for 2023); Hải Dương: its
/// 2023 baseline only, but cấp tỉnh 81 for 2024. Cả nước: 61.3 %.
fn with_parts_and_nation() -> Site {
    let site = three_areas_with([
        &parts("{ period: 2024, value: 81 }", "{ period: 2023, value: 50 }"),
        &parts("{ period: 2024, value: 90 }", "{ period: 2024, value: 65 }"),
        &parts("{ period: 2024, value: 85 }", "{ period: 2023, value: 60 }"),
    ]);
    site.write("areas.yaml", &format!("{AREAS}{NATION}"));
    add_national(&site, "61.3");
    site
}

fn csv_lines(site: &Site) -> Vec<String> {
    let csv = std::fs::read_to_string(site.public().join("compare/online-dossiers/comparison.csv"))
        .unwrap();
    csv.trim_start_matches('\u{feff}')
        .lines()
        .map(str::to_string)
        .collect()
}

fn comparison_json(site: &Site) -> serde_json::Value {
    let path = site
        .public()
        .join("compare/online-dossiers/comparison.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn a_comparison_shows_each_areas_parts_and_ranks_on_the_measure_itself() {
    let site = with_parts_and_nation();
    site.run(&["build", "--strict"]).ok();
    let page = site.page("compare/online-dossiers/index.html");
    let table = between(&page, "id=\"p-2024\"", "</table>");
    let head = between(table, "<thead>", "</thead>");
    assert!(
        head.contains(">cấp tỉnh</th>") && head.contains(">cấp huyện</th>"),
        "{head}"
    );
    let rows = row_texts(&page, "2024");
    let row = |area: &str| {
        rows.iter()
            .find(|r| r.contains(area))
            .unwrap_or_else(|| panic!("{area}: {rows:#?}"))
            .clone()
    };
    // Ranked on the measure's own figure: Hải Phòng, then Hà Nội.
    let hp = row("Hải Phòng");
    assert!(hp.starts_with("1 Hải Phòng 71,20 %"), "{hp}");
    // Each part's figure, target and status, in the parts' columns.
    assert!(
        hp.ends_with("✓ Đạt 90,00 % (Mục tiêu ≥ 80 %) ✓ Đạt 65,00 % (Mục tiêu ≥ 70 %) ✗ Chưa đạt"),
        "{hp}"
    );
    let hn = row("Hà Nội");
    assert!(hn.starts_with("2 Hà Nội 42,00 %"), "{hn}");
    // A part's figure from before the period is shown with its period,
    // and its status is the report's own (not yet due).
    assert!(
        hn.ends_with("60,00 % (2023) (Mục tiêu ≥ 70 %) ◷ Chưa đến kỳ đánh giá"),
        "{hn}"
    );
    // Parts with figures do not rank an area without its own figure.
    let hd = row("Hải Dương");
    assert!(hd.starts_with("– Hải Dương –"), "{hd}");
    assert!(hd.contains("81,00 % (Mục tiêu ≥ 80 %) ✓ Đạt"), "{hd}");
    assert!(page.contains("2/3 địa bàn có số liệu của chính kỳ 2024."));

    // The CSV: the measure's row, then one row per part with its own
    // figure, target and status, under the measure's id and name.
    let lines = csv_lines(&site);
    assert!(lines[0].ends_with(",part,part_name"), "{}", lines[0]);
    let hp_rows: Vec<&String> = lines
        .iter()
        .filter(|l| l.starts_with("2024,") && l.split(',').nth(2) == Some("hai-phong"))
        .collect();
    assert_eq!(hp_rows.len(), 3, "{hp_rows:#?}");
    assert!(
        hp_rows[0].contains(",71.2,2024,met,") && hp_rows[0].ends_with(",,"),
        "{}",
        hp_rows[0]
    );
    assert!(
        hp_rows[1].starts_with("2024,,hai-phong,Hải Phòng,hp-2024,hp-2024-online-dossier-rate,")
            && hp_rows[1].contains(",90,2024,met,>=,80,2024,")
            && hp_rows[1].ends_with(",province,cấp tỉnh"),
        "{}",
        hp_rows[1]
    );
    assert!(
        hp_rows[2].contains(",65,2024,not-met,>=,70,2024,")
            && hp_rows[2].ends_with(",district,cấp huyện"),
        "{}",
        hp_rows[2]
    );
    let hn_district = lines
        .iter()
        .find(|l| l.split(',').nth(2) == Some("ha-noi") && l.ends_with(",district,cấp huyện"))
        .unwrap();
    assert!(
        hn_district.contains(",60,2023,not-yet-due,"),
        "{hn_district}"
    );
    // The JSON: the parts of each row, and the breakdown.
    let json = comparison_json(&site);
    assert_eq!(json["parts"][0]["id"], "province", "{json}");
    assert_eq!(json["breakdown"]["vi"], "cấp hành chính");
    let first = &json["periods"][0]["rows"][0];
    assert_eq!(first["area"], "hai-phong");
    assert_eq!(first["parts"][0]["value"], 90.0);
    assert_eq!(first["parts"][1]["status"], "not-met");
    assert_eq!(first["parts"][1]["target"]["value"], 70.0);
}

#[test]
fn the_national_figure_is_a_reference_with_its_document_never_ranked() {
    let site = with_parts_and_nation();
    site.run(&["build", "--strict"]).ok();
    let page = site.page("compare/online-dossiers/index.html");
    let rows = row_texts(&page, "2024");
    assert_eq!(rows.len(), 4, "{rows:#?}");
    // First, marked as a reference, with the document it comes from.
    assert!(
        rows[0]
            .starts_with("Tham chiếu Cả nước 61,30 % (Nguồn: văn bản 15/BC-BTTTT ngày 20/02/2025)"),
        "{}",
        rows[0]
    );
    assert!(rows[1].starts_with("1 Hải Phòng"), "{}", rows[1]);
    // Not counted among the areas.
    assert!(page.contains("2/3 địa bàn có số liệu của chính kỳ 2024."));
    // On the ranked chart: a line and its label with the source, no bar.
    let svg =
        std::fs::read_to_string(site.public().join("compare/online-dossiers/chart.svg")).unwrap();
    assert!(svg.contains("Cả nước: 61,30"), "{svg}");
    assert!(svg.contains("15/BC-BTTTT"), "{svg}");
    assert!(!svg.contains(". Cả nước"), "no ranked bar for the nation");
    let chart = between(&page, "<figure class=\"chart\"", "</figure>");
    assert!(chart.contains("Cả nước: 61,30"), "{chart}");
    // In the data, with its kind and document.
    let lines = csv_lines(&site);
    let header: Vec<&str> = lines[0].split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let vn = lines
        .iter()
        .find(|l| l.split(',').nth(col("area_code")) == Some("vn"))
        .expect("a national row");
    let f: Vec<&str> = vn.split(',').collect();
    assert_eq!(f[col("rank")], "");
    assert_eq!(f[col("area_kind")], "national");
    assert_eq!(f[col("value")], "61.3");
    assert_eq!(f[col("document")], "15/BC-BTTTT");
    assert_eq!(f[col("document_date")], "2025-02-20");
    let hp = lines
        .iter()
        .find(|l| l.split(',').nth(col("area_code")) == Some("hai-phong"))
        .unwrap();
    assert_eq!(hp.split(',').nth(col("area_kind")), Some("area"));
    let json = comparison_json(&site);
    let reference = &json["periods"][0]["references"][0];
    assert_eq!(reference["area"], "vn", "{json}");
    assert_eq!(reference["kind"], "national");
    assert_eq!(reference["value"], 61.3);
    assert_eq!(reference["document"]["number"], "15/BC-BTTTT");
    assert_eq!(json["periods"][0]["rows"].as_array().unwrap().len(), 3);
    // The list of codes counts the areas compared, not the nation.
    let list = plain(&site.page("compare/index.html"));
    assert!(list.contains("3"), "{list}");
    // In English.
    let en = site.page("en/compare/online-dossiers/index.html");
    assert!(
        plain(&en).contains(
            "Reference Viet Nam 61.30% (Source: document 15/BC-BTTTT of 20 February 2025)"
        ),
        "{}",
        plain(&en)
    );
}

#[test]
fn comparison_and_parts_charts_have_downloads_and_embeds() {
    let site = with_parts_and_nation();
    site.run(&["build", "--strict"]).ok();
    let page = site.page("compare/online-dossiers/index.html");
    let chart = between(&page, "<figure class=\"chart\"", "</figure>");
    assert!(
        chart.contains("Tải ảnh: <a href=\"chart.png\">PNG</a> / <a href=\"chart.svg\">SVG</a>"),
        "{chart}"
    );
    let dir = site.public().join("compare/online-dossiers");
    let png = std::fs::read(dir.join("chart.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG"), "a PNG, drawn");
    let svg = std::fs::read_to_string(dir.join("chart.svg")).unwrap();
    // The downloaded SVG says where it comes from.
    assert!(svg.contains("báo cáo của từng địa bàn"), "{svg}");
    // The embed page: the chart, its numbers, its sources, a way back.
    assert!(
        chart.contains("embed/compare/online-dossiers/2024/"),
        "{chart}"
    );
    let embed = site.page("embed/compare/online-dossiers/2024/index.html");
    assert!(embed.contains("noindex") && embed.contains("<svg"));
    assert!(embed.contains("15/BC-BTTTT"), "the nation's document");
    assert!(embed.contains("href=\"../../../../compare/online-dossiers/\""));
    let sitemap = std::fs::read_to_string(site.public().join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("embed/"));
    assert!(site
        .page("en/embed/compare/online-dossiers/2024/index.html")
        .contains("Viet Nam"));
    // The small multiples too.
    let history = site.page("compare/online-dossiers/history/index.html");
    assert!(
        history.contains("<a href=\"chart.png\">PNG</a>"),
        "{history}"
    );
    assert!(std::fs::read(
        site.public()
            .join("compare/online-dossiers/history/chart.png")
    )
    .unwrap()
    .starts_with(b"\x89PNG"));
    assert!(site
        .page("embed/compare/online-dossiers/history/index.html")
        .contains("<svg"));
    // The chart of an indicator's parts.
    let ind = site.page("reports/hp-2024/indicators/hp-2024-online-dossier-rate/index.html");
    let parts = between(&ind, "<h2 id=\"parts\">", "</figure>");
    // An indicator's chart: PNG and SVG by default (SVG only with
    // `charts: { png: reports }`, tests/chart_images.rs).
    assert!(
        parts.contains("<a href=\"parts.png\">PNG</a> / <a href=\"parts.svg\">SVG</a>"),
        "{parts}"
    );
    let dir = site
        .public()
        .join("reports/hp-2024/indicators/hp-2024-online-dossier-rate");
    assert!(dir.join("parts.svg").is_file());
    assert!(std::fs::read(dir.join("parts.png"))
        .unwrap()
        .starts_with(b"\x89PNG"));
    let embed = site.page("embed/hp-2024/parts-hp-2024-online-dossier-rate/index.html");
    assert!(embed.contains("<svg") && embed.contains("cấp tỉnh"));
}

#[test]
fn two_builds_of_a_comparison_are_byte_identical() {
    let site = with_parts_and_nation();
    site.run(&["build"]).ok();
    let first = snapshot(&site.public());
    site.run(&["build"]).ok();
    assert!(first == snapshot(&site.public()));
    assert!(first
        .iter()
        .any(|(p, _)| p.ends_with("compare/online-dossiers/chart.png")));
}

#[test]
fn an_areas_kind_is_national_or_region() {
    let site = with_parts_and_nation();
    site.edit("areas.yaml", "kind: national", "kind: nation");
    let run = site.run(&["check"]);
    assert!(
        run.stderr
            .contains("content/areas.yaml:11:9: error: unknown value `nation`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("did you mean `national`? allowed: national, region"),
        "{}",
        run.stderr
    );
}

/// Hà Nội's report with its online-dossier parts (the two level parts of
/// [`with_parts_and_nation`]) replaced by `parts`.
fn hanoi_split(parts: &str) -> Site {
    let site = with_parts_and_nation();
    let i = "reports/hn-2024/indicators.yaml";
    let text = site.read(i);
    let start = text.find("  breakdown:").unwrap();
    let end = text[start..].find("  lead:").unwrap() + start;
    site.write(i, &format!("{}{parts}{}", &text[..start], &text[end..]));
    site
}

/// The measure split by sex: parts `male` and `female`, no breakdown said.
const BY_SEX: &str = "  parts:\n    \
         - { id: male, name: { vi: nam, en: male }, values: [{ period: 2024, value: 40 }] }\n    \
         - { id: female, name: { vi: nữ, en: female }, values: [{ period: 2024, value: 44 }] }\n";

#[test]
fn a_shared_code_is_split_the_same_way_in_every_report() {
    // Split by another dimension: an error at the breakdown, naming the
    // first report's, with the breakdown and part ids to use.
    let site = hanoi_split(&format!(
        "  breakdown: {{ vi: giới tính, en: sex }}\n{BY_SEX}"
    ));
    let out = check(&site);
    assert!(
        out.contains(
            "content/reports/hn-2024/indicators.yaml:11:14: error: code `online-dossiers` is split by `giới tính` here but by `cấp hành chính` at content/reports/demo-2024/indicators.yaml:10 (indicator `online-dossier-rate`)"
        ),
        "{out}"
    );
    assert!(
        out.contains("hint: a shared code is split one way in every report: split it by `cấp hành chính` (parts `province`, `district`), or give this indicator another code"),
        "{out}"
    );
    // The same part under another id: an error at the id, with the id to write.
    let site = hanoi_split(
        &parts("{ period: 2024, value: 85 }", "{ period: 2023, value: 60 }")
            .replace("id: district", "id: huyen"),
    );
    let out = check(&site);
    assert!(
        out.contains(
            "content/reports/hn-2024/indicators.yaml:14:13: error: code `online-dossiers`: part `huyen` here is `cấp huyện`, which is part `district` at content/reports/demo-2024/indicators.yaml:13 (indicator `online-dossier-rate`)"
        ),
        "{out}"
    );
    assert!(
        out.contains("hint: one part has one id in every report: write `id: district`"),
        "{out}"
    );
    // No breakdown said, and parts none of which are the others': not the same split.
    let site = hanoi_split(BY_SEX);
    let out = check(&site);
    assert!(
        out.contains(
            "content/reports/hn-2024/indicators.yaml:12:13: error: code `online-dossiers`: none of the parts here (`male`, `female`) is a part at content/reports/demo-2024/indicators.yaml:12 (indicator `online-dossier-rate`: `province`, `district`)"
        ),
        "{out}"
    );
    // Fewer parts under the same breakdown is no error (a province without
    // a district level): the missing part's cell says so.
    let site = hanoi_split(
        &parts("{ period: 2024, value: 85 }", "")
            .lines()
            .filter(|l| !l.contains("id: district"))
            .map(|l| format!("{l}\n"))
            .collect::<String>(),
    );
    site.run(&["build", "--strict"]).ok();
    let page = site.page("compare/online-dossiers/index.html");
    let rows = row_texts(&page, "2024");
    let hn = rows.iter().find(|r| r.contains("Hà Nội")).unwrap();
    assert!(hn.ends_with("✓ Đạt Không có"), "{hn}");
    // A report that gives no parts at all (the nation's) reads "–" in each.
    let vn = rows.iter().find(|r| r.contains("Cả nước")).unwrap();
    assert!(vn.ends_with("Không có mục tiêu định lượng – –"), "{vn}");
    let en = plain(&site.page("en/compare/online-dossiers/index.html"));
    assert!(en.contains("Met Not in report"), "{en}");
}

#[test]
fn the_small_multiples_draw_the_national_history_as_a_dashed_line() {
    let site = with_parts_and_nation();
    site.edit(
        "reports/vn-2024/indicators.yaml",
        "  values:\n",
        "  values:\n    - { period: 2023, value: 58 }\n",
    );
    site.run(&["build", "--strict"]).ok();
    let page = site.page("compare/online-dossiers/history/index.html");
    let svg = between(&page, "<svg", "</svg>");
    let label = "Cả nước: 61,30\u{a0}% (2024) (văn bản 15/BC-BTTTT ngày 20/02/2025)";
    // Its legend line (wrapped), and the text alternative says what the
    // dashes are.
    let shown: Vec<&str> = svg
        .split("<text ")
        .skip(1)
        .map(|t| between(t, ">", "</text>"))
        .collect();
    assert!(shown.join(" ").contains(label), "{shown:?}");
    let desc = between(svg, "<desc", "</desc>");
    assert!(
        desc.contains(&format!("Đường nét đứt trong mỗi ô: {label}.")),
        "{desc}"
    );
    // A dashed swatch, then one dashed line in each area's small chart.
    let flat = ungroup(&format!("<svg{svg}</svg>"));
    let dashed = flat
        .split("<polyline ")
        .skip(1)
        .filter(|p| p[..p.find('>').unwrap()].contains("stroke-dasharray"))
        .count();
    assert_eq!(dashed, 1 + 3, "{svg}");
    // Text stays at least 12 px on a 375 px phone (a 309 px card).
    let view_w: f64 = between(&flat, "viewBox=\"0 0 ", " ").parse().unwrap();
    let max_w: f64 = between(&flat, "max-width:", "px").parse().unwrap();
    for size in flat.split("font-size=\"").skip(1) {
        let size: f64 = size[..size.find('"').unwrap()].parse().unwrap();
        assert!(size * 309f64.min(max_w) / view_w >= 12.0, "{size}");
    }
    // The table behind the chart: the reference's figures first.
    let rows = plain(between(&page, "<tbody>", "</tbody>"));
    assert!(
        rows.starts_with("Cả nước (Tham chiếu) 58,00 % 61,30 %"),
        "{rows}"
    );
    // The downloaded image names the nation's document.
    let file = std::fs::read_to_string(
        site.public()
            .join("compare/online-dossiers/history/chart.svg"),
    )
    .unwrap();
    assert!(file.contains("15/BC-BTTTT"), "{file}");
    let en = site.page("en/compare/online-dossiers/history/index.html");
    assert!(
        en.contains("The dashed line in each panel: Viet Nam: 61.30% (2024)"),
        "{en}"
    );
}
