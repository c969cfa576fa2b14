//! Which charts are drawn as PNG images (site.yaml `charts: { png: … }`),
//! and the cache that keeps drawn PNGs between builds.

mod common;
use common::Site;
use std::fs;
use std::path::Path;

/// The PNG files of the built site, relative, with their bytes.
fn pngs(site: &Site) -> Vec<(String, Vec<u8>)> {
    common::snapshot(&site.public())
        .into_iter()
        .filter(|(p, _)| p.ends_with(".png"))
        .collect()
}

/// The "download" line under the chart of a built page.
fn chart_meta(site: &Site, page: &str) -> String {
    let html = site.page(page);
    common::between(&html, "<p class=\"chart-meta\">", "</p>").to_string()
}

const HISTORY: &str = "reports/hai-duong-2023/indicators/online-dossier-rate/";
const GROUP: &str = "reports/hai-duong-2023/groups/digital-government/";

#[test]
fn by_default_every_chart_is_drawn_as_png_history_charts_too() {
    let site = Site::fixture("example");
    site.build().ok();
    let public = site.public();
    assert!(public.join(GROUP).join("chart.png").is_file());
    assert!(public.join(HISTORY).join("chart.png").is_file());
    let meta = chart_meta(&site, &format!("{HISTORY}index.html"));
    assert!(
        meta.contains("Tải ảnh: <a href=\"chart.png\">PNG</a> / <a href=\"chart.svg\">SVG</a>"),
        "{meta}"
    );
    // Every SVG download has its PNG beside it.
    let all = pngs(&site);
    let svgs: Vec<String> = common::snapshot(&public)
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p.ends_with(".svg") && p.contains("reports/"))
        .collect();
    for svg in &svgs {
        let png = svg.replace(".svg", ".png");
        assert!(all.iter().any(|(p, _)| *p == png), "{svg} has no PNG");
    }
    assert_eq!(all.len(), svgs.len(), "{svgs:?}");
    assert!(all.iter().any(|(p, _)| p.contains("/indicators/")));
}

#[test]
fn png_reports_offers_history_charts_as_svg_and_png_none_draws_nothing() {
    let site = Site::fixture("example");
    let config = site.read("site.yaml");
    site.write("site.yaml", &format!("{config}charts:\n  png: reports\n"));
    site.build().ok();
    let public = site.public();
    assert!(public.join(GROUP).join("chart.png").is_file());
    assert!(public.join(HISTORY).join("chart.svg").is_file());
    assert!(!public.join(HISTORY).join("chart.png").exists());
    let meta = chart_meta(&site, &format!("{HISTORY}index.html"));
    assert!(
        meta.contains("Tải ảnh: <a href=\"chart.svg\">SVG</a>") && !meta.contains("PNG"),
        "{meta}"
    );
    let meta = chart_meta(&site, &format!("{GROUP}index.html"));
    assert!(
        meta.contains("Tải ảnh: <a href=\"../../../../reports/hai-duong-2023/groups/digital-government/chart.png\">PNG</a> / <a href=\"../../../../reports/hai-duong-2023/groups/digital-government/chart.svg\">SVG</a>"),
        "{meta}"
    );
    // No indicator has a PNG; every report-level chart has one.
    let all = pngs(&site);
    assert!(all.iter().all(|(p, _)| !p.contains("/indicators/")));
    let report_svgs: Vec<String> = common::snapshot(&public)
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p.ends_with(".svg") && p.contains("reports/") && !p.contains("/indicators/"))
        .collect();
    for svg in &report_svgs {
        let png = svg.replace(".svg", ".png");
        assert!(all.iter().any(|(p, _)| *p == png), "{svg} has no PNG");
    }
    assert_eq!(all.len(), report_svgs.len(), "{report_svgs:?}");

    site.write("site.yaml", &format!("{config}charts:\n  png: none\n"));
    site.build().ok();
    assert_eq!(pngs(&site).len(), 0);
    for (path, bytes) in common::snapshot(&site.public()) {
        if path.ends_with(".html") {
            let html = String::from_utf8(bytes).unwrap();
            assert!(!html.contains(".png\">PNG"), "{path} links a PNG");
        }
    }
    let meta = chart_meta(&site, &format!("{GROUP}index.html"));
    assert!(
        meta.contains("Tải ảnh: <a href=\"../../../../reports/hai-duong-2023/groups/digital-government/chart.svg\">SVG</a>"),
        "{meta}"
    );
}

#[test]
fn an_unknown_png_choice_is_an_error_at_its_place_with_the_choices() {
    let site = Site::fixture("example");
    let config = site.read("site.yaml");
    let line = config.lines().count() + 2;
    site.write("site.yaml", &format!("{config}charts:\n  png: al\n"));
    let run = site.build();
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("site.yaml:{line}:8: error:"))
            && run.stderr.contains("`al`")
            && run
                .stderr
                .contains("write `png: all`; the choices are reports, all, none"),
        "{}",
        run.stderr
    );
    assert!(!site.public().exists(), "nothing written");
}

#[test]
fn a_choice_written_as_the_whole_setting_gets_the_setting_to_write() {
    let site = Site::fixture("example");
    let config = site.read("site.yaml");
    let line = config.lines().count() + 1;
    site.write("site.yaml", &format!("{config}charts: all\n"));
    let run = site.build();
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("site.yaml:{line}:9: error:"))
            && run.stderr.contains("`all`")
            && run.stderr.contains("write `charts: { png: all }`"),
        "{}",
        run.stderr
    );
    assert!(!site.public().exists(), "nothing written");
}

/// The cache's entries, by name.
fn entries(cache: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(cache.join("png"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn drawn_pngs_are_kept_between_builds_and_give_the_same_bytes() {
    let site = Site::fixture("example");
    let cache = site.dir.path().join(".minhbach-cache");
    let first_run = site.run(&["build", "-v"]);
    first_run.ok();
    let first = pngs(&site);
    assert!(
        fs::read_to_string(cache.join("CACHEDIR.TAG"))
            .unwrap()
            .starts_with("Signature: 8a477f597d28d172789f06886806bc55"),
        "tagged as a cache for backup tools"
    );
    let kept = entries(&cache);
    let mut distinct: Vec<&Vec<u8>> = first.iter().map(|(_, b)| b).collect();
    distinct.sort();
    distinct.dedup();
    assert_eq!(kept.len(), distinct.len(), "one entry per distinct image");
    assert!(
        first_run.stderr.contains(&format!(
            "chart images: {} drawn, 0 from the cache",
            first.len()
        )),
        "{}",
        first_run.stderr
    );

    // A torn entry (an interrupted write) is drawn again; a file the tool
    // did not make is never removed.
    let torn = cache.join("png").join(&kept[0]);
    let whole = fs::read(&torn).unwrap();
    fs::write(&torn, &whole[..whole.len() / 2]).unwrap();
    fs::write(cache.join("png").join("notes.txt"), "mine").unwrap();
    let second_run = site.run(&["build", "-v"]);
    second_run.ok();
    assert!(pngs(&site) == first, "the same PNG bytes from the cache");
    assert!(
        second_run.stderr.contains(&format!(
            "chart images: 1 drawn, {} from the cache",
            first.len() - 1
        )),
        "{}",
        second_run.stderr
    );
    assert_eq!(fs::read(&torn).unwrap(), whole, "repaired");

    // The output's PNGs are copies of the entries, not links: a tool that
    // edits the output in place leaves the cache as it was.
    let (path, bytes) = &first[0];
    let entry = kept
        .iter()
        .map(|n| cache.join("png").join(n))
        .find(|e| fs::read(e).unwrap() == *bytes)
        .unwrap();
    fs::write(site.public().join(path), "edited").unwrap();
    assert_eq!(fs::read(&entry).unwrap(), *bytes, "the cache unchanged");

    // A changed chart gets a new entry; the old one, no longer used, goes.
    site.edit("site.yaml", "example.org/minhbach/", "example.org/mb/");
    site.build().ok();
    let now = entries(&cache);
    assert!(now.contains(&"notes.txt".to_string()), "{now:?}");
    let images: Vec<&String> = now.iter().filter(|n| n.ends_with(".png")).collect();
    let mut distinct: Vec<Vec<u8>> = pngs(&site).into_iter().map(|(_, b)| b).collect();
    distinct.sort();
    distinct.dedup();
    assert_eq!(images.len(), distinct.len(), "{now:?}");
    assert!(now.iter().any(|n| !kept.contains(n)), "a new entry");
    assert!(kept.iter().any(|n| !now.contains(n)), "an old one removed");
}

#[test]
fn a_cache_folder_that_cannot_be_used_only_means_drawing_every_png() {
    let site = Site::fixture("example");
    // A file where the cache folder would be, and a folder of the same name
    // the tool did not make: both left alone, and the build draws.
    fs::write(site.dir.path().join(".minhbach-cache"), "not a folder").unwrap();
    site.build().ok();
    assert!(site.public().join(GROUP).join("chart.png").is_file());
    assert_eq!(
        fs::read_to_string(site.dir.path().join(".minhbach-cache")).unwrap(),
        "not a folder"
    );
}
