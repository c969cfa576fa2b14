//! The three-province site the comparison tests share (tests/compare.rs,
//! tests/compare_parts.rs, tests/maps.rs): the minimal fixture's report as
//! Hải Dương's, copied for Hải Phòng and Hà Nội, one indicator sharing the
//! code `online-dossiers`; and what those tests read back from it.

use super::{between, copy_dir, Site};

/// Hải Dương (merged into Hải Phòng from 1 July 2025), Hải Phòng, Hà Nội.
pub const AREAS: &str = "\
- code: hai-duong
  name: { vi: Hải Dương, en: Hai Duong }
  replaced_by: [hai-phong]
  from: 2025-07-01
- code: hai-phong
  name: { vi: Hải Phòng, en: Hai Phong }
- code: ha-noi
  name: { vi: Hà Nội, en: Hanoi }
";

/// The fixture's online-dossier figure, which every copy rewrites.
const BASELINE: &str = "    - { period: 2023, value: 56.6, source: \"Phần I, mục 7\" }\n";

/// A copy of the fixture's report for `area` and `period`, its indicator
/// ids prefixed with `slug` (ids are site-wide histories). Its
/// online-dossier indicator keeps the 2023 baseline, has `value` for
/// `period` itself (none: `None`) and then `parts` (YAML lines of the
/// indicator, such as its `breakdown` and `parts`; empty for none).
pub fn add_area_report(
    site: &Site,
    slug: &str,
    area: &str,
    period: &str,
    value: Option<&str>,
    parts: &str,
) {
    copy_dir(
        &site.path("reports/demo-2024"),
        &site.path(&format!("reports/{slug}")),
    );
    let r = format!("reports/{slug}/report.yaml");
    site.edit(&r, "area: hai-duong", &format!("area: {area}"));
    if period != "2024" {
        site.edit(&r, "period: 2024", &format!("period: {period}"));
    }
    let i = format!("reports/{slug}/indicators.yaml");
    let text = site.read(&i).replace("- id: ", &format!("- id: {slug}-"));
    site.write(&i, &text);
    for md in ["ket-qua.md", "ket-qua.en.md", "han-che.md"] {
        let md = format!("reports/{slug}/{md}");
        let text = site.read(&md);
        site.write(
            &md,
            &text.replace("indicator=\"", &format!("indicator=\"{slug}-")),
        );
    }
    let own = value
        .map(|v| format!("\n    - {{ period: {period}, value: {v} }}"))
        .unwrap_or_default();
    site.edit(
        &i,
        BASELINE,
        &format!("    - {{ period: 2023, value: 56.6 }}{own}\n{parts}"),
    );
}

/// Three provinces' 2024 reports sharing the code `online-dossiers`: Hải
/// Dương (the fixture's report) has only its 2023 baseline, Hải Phòng
/// 71.2 % and Hà Nội 42 % for 2024. `parts` are each one's indicator lines
/// after its values (see [`add_area_report`]), in that order.
pub fn three_areas_with(parts: [&str; 3]) -> Site {
    let site = Site::fixture("minimal");
    site.write("areas.yaml", AREAS);
    site.edit(
        "reports/demo-2024/report.yaml",
        "period: 2024",
        "period: 2024\narea: hai-duong",
    );
    site.edit(
        "reports/demo-2024/indicators.yaml",
        "  unit: percent\n  decimals: 2",
        "  code: online-dossiers\n  unit: percent\n  decimals: 2",
    );
    let [hai_duong, hai_phong, ha_noi] = parts;
    add_area_report(
        &site,
        "hp-2024",
        "hai-phong",
        "2024",
        Some("71.2"),
        hai_phong,
    );
    add_area_report(&site, "hn-2024", "ha-noi", "2024", Some("42"), ha_noi);
    // After the copies, which start from the fixture's report as it was.
    if !hai_duong.is_empty() {
        site.edit(
            "reports/demo-2024/indicators.yaml",
            BASELINE,
            &format!("{BASELINE}{hai_duong}"),
        );
    }
    site
}

/// [`three_areas_with`] without parts.
pub fn three_areas() -> Site {
    three_areas_with(["", "", ""])
}

/// The text of a page's element, tags dropped, spaces folded.
pub fn plain(html: &str) -> String {
    let mut out = String::new();
    let mut tag = false;
    for c in html.chars() {
        match c {
            '<' => tag = true,
            '>' => {
                tag = false;
                out.push(' ');
            }
            c if !tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of each body row of a comparison period's table.
pub fn row_texts(html: &str, period: &str) -> Vec<String> {
    let table = between(html, &format!("id=\"p-{period}\""), "</table>");
    table
        .split("<tr")
        .skip(2)
        .map(|r| plain(r.split_once('>').map_or(r, |(_, rest)| rest)))
        .collect()
}

/// What `check` prints, both streams.
pub fn check(site: &Site) -> String {
    let run = site.run(&["check"]);
    format!("{}{}", run.stdout, run.stderr)
}
