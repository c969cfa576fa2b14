//! A site with many reports, as a national portal has: pages that list
//! things across reports stay small by paging.

mod common;

use common::*;

/// The minimal fixture with its one report copied until there are `n`.
fn site_with_reports(n: usize) -> Site {
    let site = Site::fixture("minimal");
    let src = site.path("reports/demo-2024");
    for i in 1..n {
        copy_dir(&src, &site.path(&format!("reports/demo-copy-{i:02}")));
    }
    site
}

fn sections(html: &str) -> usize {
    between(html, "<main", "</main>")
        .matches("<section>")
        .count()
}

/// Pages of an agency's list, as built.
fn agency_pages(site: &Site, agency: &str) -> Vec<String> {
    (1..)
        .map(|p| match p {
            1 => format!("agencies/{agency}/index.html"),
            p => format!("agencies/{agency}/page/{p}/index.html"),
        })
        .take_while(|rel| site.public().join(rel).exists())
        .map(|rel| site.page(&rel))
        .collect()
}

#[test]
fn an_agency_named_in_most_rows_gets_fewer_reports_a_page() {
    let site = site_with_reports(7);
    let dirs: Vec<String> = std::fs::read_dir(site.path("reports"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    for dir in &dirs {
        let rel = format!("reports/{dir}/indicators.yaml");
        site.write(
            &rel,
            &format!("{}{}", site.read(&rel), busy_indicators(50, 50)),
        );
    }
    site.run(&["build", "--strict"]).ok();
    let pages = agency_pages(&site, "so-tttt");
    let per_page: Vec<usize> = pages.iter().map(|p| sections(p)).collect();
    // About 52 rows a report: two reports a page, not ten.
    assert_eq!(per_page, [2, 2, 2, 1], "reports on each page");
    for (i, page) in pages.iter().enumerate() {
        let rows = between(page, "<main", "</main>")
            .matches("data-label=\"Vai trò\"")
            .count();
        assert!(rows <= 120, "page {}: {rows} rows", i + 1);
        assert!(page.len() < 100_000, "page {}: {} bytes", i + 1, page.len());
    }
    assert!(pages[3].contains("Trang 4/4"));
    // Every report appears once; an agency with few rows keeps ten a page.
    let all = pages.concat();
    for dir in &dirs {
        assert_eq!(
            all.matches(&format!("reports/{dir}/\">")).count(),
            1,
            "{dir}"
        );
    }
    assert_eq!(agency_pages(&site, "so-khdt").len(), 1);
}

#[test]
fn an_agency_in_many_reports_gets_pages_of_ten_reports() {
    let site = site_with_reports(12);
    site.run(&["build", "--strict"]).ok();

    let first = site.page("agencies/so-tttt/index.html");
    assert_eq!(sections(&first), 10, "the first page shows ten reports");
    assert!(
        first.contains(r#"href="../../agencies/so-tttt/page/2/" rel="next""#),
        "a link to the older reports: {}",
        between(&first, "<nav class=\"pagination\"", "</nav>")
    );
    assert!(first.contains("Trang 1/2"));
    assert!(!first.contains("rel=\"prev\""));

    let second = site.page("agencies/so-tttt/page/2/index.html");
    assert_eq!(sections(&second), 2, "the last page shows the rest");
    assert!(second.contains(r#"href="../../../../agencies/so-tttt/" rel="prev""#));
    assert!(!second.contains("rel=\"next\""));
    assert!(second.contains("<title>Sở Thông tin và Truyền thông (Trang 2/2)"));
    // Every report appears exactly once across the pages.
    let all = format!("{first}{second}");
    for i in 1..12 {
        assert_eq!(
            all.matches(&format!("reports/demo-copy-{i:02}/\">"))
                .count(),
            1,
            "demo-copy-{i:02}"
        );
    }
    let en = site.page("en/agencies/so-tttt/page/2/index.html");
    assert!(
        en.contains("Page 2/2"),
        "{}",
        between(&en, "<main", "</main>")
    );
    assert!(en.contains("Newer reports"));

    // The list of agencies still counts everything.
    let list = site.page("agencies/index.html");
    let one = {
        let s = Site::fixture("minimal");
        s.build().ok();
        s.page("agencies/index.html")
    };
    let row = |html: &str| {
        between(between(html, "href=\"so-tttt/\"", "</tr>"), "<td", "</td>").to_string()
    };
    let (many, single): (usize, usize) = (
        row(&list)
            .chars()
            .filter(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .unwrap(),
        row(&one)
            .chars()
            .filter(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .unwrap(),
    );
    assert_eq!(many, 12 * single);
}

#[test]
fn an_agency_in_few_reports_has_one_page_without_page_links() {
    let site = site_with_reports(3);
    site.build().ok();
    let page = site.page("agencies/so-tttt/index.html");
    assert_eq!(sections(&page), 3);
    assert!(!page.contains("class=\"pagination\""));
    assert!(!site.public().join("agencies/so-tttt/page").exists());
}

fn cards(html: &str) -> usize {
    between(html, "<main", "</main>")
        .matches("<li class=\"card\">")
        .count()
}

#[test]
fn the_home_page_lists_twenty_reports_a_page() {
    let site = site_with_reports(45);
    site.run(&["build", "--strict"]).ok();

    let first = site.page("index.html");
    assert_eq!(cards(&first), 20, "the first page shows twenty reports");
    assert!(
        first.contains(r#"href="./page/2/" rel="next""#),
        "{}",
        between(&first, "<nav class=\"pagination\"", "</nav>")
    );
    assert!(!first.contains("rel=\"prev\""));
    let second = site.page("page/2/index.html");
    assert_eq!(cards(&second), 20);
    assert!(second.contains(r#"href="../../" rel="prev""#));
    assert!(second.contains(r#"href="../../page/3/" rel="next""#));
    assert!(second.contains("<title>Báo cáo: Trang 2/3"));
    let third = site.page("page/3/index.html");
    assert_eq!(cards(&third), 5, "the last page shows the rest");
    assert!(!third.contains("rel=\"next\""));
    // Links from a page further down lead to the reports.
    assert!(third.contains("href=\"../../reports/demo-"));
    // Every report is on exactly one page.
    let all = format!("{first}{second}{third}");
    for i in 1..45 {
        assert_eq!(
            all.matches(&format!("reports/demo-copy-{i:02}/\">"))
                .count(),
            1,
            "demo-copy-{i:02}"
        );
    }
    let en = site.page("en/page/3/index.html");
    assert!(en.contains("Page 3/3") && en.contains("Newer reports"));
    let sitemap = std::fs::read_to_string(site.public().join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("/page/3/</loc>") && sitemap.contains("/en/page/2/</loc>"));
}

#[test]
fn a_site_with_few_reports_has_one_home_page() {
    let site = site_with_reports(20);
    site.build().ok();
    assert_eq!(cards(&site.page("index.html")), 20);
    assert!(!site.page("index.html").contains("class=\"pagination\""));
    assert!(!site.public().join("page").exists());
}
