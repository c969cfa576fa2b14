//! What a printed page and a screen reader get: the site, address and dates
//! on paper, statuses told apart without colour, the tables behind charts
//! printed; landmarks with distinct names; names in another language marked.

mod common;

use common::Site;

/// The `aria-label`s of a page's `role="region"` landmarks.
fn region_labels(page: &str) -> Vec<&str> {
    page.split("role=\"region\" aria-label=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect()
}

#[test]
fn every_landmark_on_the_projects_page_has_its_own_name() {
    let site = Site::fixture("minimal");
    site.build().ok();
    for prefix in ["", "en/"] {
        let page = site.page(&format!("{prefix}reports/demo-2024/projects/index.html"));
        let labels = region_labels(&page);
        // Two charts' tables and one table per category of projects.
        assert!(labels.len() >= 4, "{labels:?}");
        let mut unique = labels.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), labels.len(), "{prefix}: {labels:?}");
    }
    let page = site.page("reports/demo-2024/projects/index.html");
    assert!(region_labels(&page).contains(&"Dự án, nhiệm vụ: II. Dự án mới"));
}

#[test]
fn names_in_another_language_say_which() {
    let site = Site::fixture("minimal");
    site.build().ok();
    let vi = site.page("agencies/so-tttt/index.html");
    assert!(
        vi.contains("<span lang=\"en\">Department of Information and Communications</span>"),
        "{}",
        common::between(&vi, "<h1>", "</p>")
    );
    // Short names and aliases are Vietnamese: marked on English pages only.
    assert!(vi.contains("Sở TTTT; Sở TT&amp;TT;") || vi.contains("Sở TTTT; Sở TT&TT;"));
    let en = site.page("en/agencies/so-tttt/index.html");
    assert!(en.contains("<span lang=\"vi\">Sở TTTT</span>"));
    assert!(en.contains("<span lang=\"vi\">Sở Thông tin và Truyền thông</span>"));
}

#[test]
fn print_shows_the_site_address_dates_and_statuses_without_colour() {
    let site = Site::fixture("minimal");
    site.build().ok();
    let page = site.page("reports/demo-2024/groups/digital-economy/index.html");
    let meta = common::between(&page, "<p class=\"print-meta\">", "</p>");
    assert!(meta.contains("Minh bạch thử nghiệm"), "{meta}");
    assert!(
        meta.contains("https://example.org/test/reports/demo-2024/groups/digital-economy/"),
        "{meta}"
    );
    assert!(meta.contains("Số liệu tính đến"), "{meta}");
    // The patterns print CSS fills not-met and overdue bars with.
    assert!(page.contains("<pattern id=\"print-hatch\""));
    assert!(page.contains("<pattern id=\"print-dots\""));

    let css = site.page("static/style.css");
    let print = &css[css.find("@media print").unwrap()..];
    let print = &print[..print.find("\n}\n").unwrap()];
    // No grey filter (it made met and not-met the same grey); the patterns
    // are used; the footer (publisher, dates, licence) and the tables behind
    // charts are printed.
    assert!(!print.contains("grayscale"), "{print}");
    assert!(print.contains("fill: url(#print-hatch)"));
    assert!(!print.contains(".chart-table { display: none"));
    assert!(print.contains(".chart-table::details-content"));
    // The overview's group charts (in a closed <details> on screen) too.
    assert!(print.contains(".chart-details::details-content"), "{print}");
    let hidden = print
        .lines()
        .find(|l| l.contains("display: none") && l.contains(".site-header"))
        .unwrap();
    assert!(!hidden.contains(".site-footer"), "{hidden}");
}

/// At 320 px with text at 200 % (1 rem = 32 px) nothing may be wider than
/// the screen (checked in Chromium on every kind of page of the example):
/// the rules that keep it so.
#[test]
fn narrow_screens_with_large_text_keep_cards_and_tables_inside() {
    let site = Site::fixture("minimal");
    site.build().ok();
    let css = site.page("static/style.css");
    // Count cards: a column is at most the screen's width (9.5 rem is 304 px).
    assert!(css.contains("minmax(min(9.5rem, 100%), 1fr)"));
    // Stacked tables: status words wrap on narrow screens.
    let narrow = &css[css.find("@media (max-width: 40rem)").unwrap()..];
    let narrow = &narrow[..narrow.find("\n}\n").unwrap()];
    assert!(
        narrow.contains(".status { white-space: normal; }"),
        "{narrow}"
    );
    // The header's links wrap.
    assert!(css.contains(".site-nav ul { list-style: none; display: flex; flex-wrap: wrap;"));
}
