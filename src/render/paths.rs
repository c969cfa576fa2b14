//! Where every output file is: one function per kind of page, chart and data
//! file, each a path relative to a language's root (pages of the default
//! language are at the output root, the others under `en/` and so on; data
//! files exist once, at the output root). Folders end with `/` and hold an
//! `index.html`. Links between pages are these paths made relative by the
//! page that writes them.
//!
//! Left for later: a few paths are still built by hand in files other
//! branches are reworking (render/links.rs, render/markdown.rs, write.rs,
//! serve.rs), and the names of the data files inside a report's `data/`
//! folder are built in render/data.rs.

/// The list of agencies.
pub const AGENCIES_DIR: &str = "agencies/";
/// The search page.
pub const SEARCH_DIR: &str = "search/";
/// The list of shared indicator codes, each compared across areas.
pub const COMPARE_DIR: &str = "compare/";
/// The page a server shows for a missing file.
pub const NOT_FOUND_PAGE: &str = "404.html";

/// The page of a folder.
pub fn index_page(dir: &str) -> String {
    format!("{dir}index.html")
}

/// The folder of a report: its overview page.
pub fn report_dir(report: &str) -> String {
    format!("reports/{report}/")
}

/// The page of one indicator group of a report.
pub fn group_dir(report: &str, group: &str) -> String {
    format!("reports/{report}/groups/{group}/")
}

/// A chart as a file to download, beside the page `dir` that shows it:
/// `<dir><name>.svg` (with its title, source and licence) and
/// `<dir><name>.png`, the same drawn as an image. Every chart's downloads
/// are found this way: `chart` on a group, dataset and indicator page, the
/// chart's id on the projects page.
pub fn chart_file(dir: &str, name: &str, ext: &str) -> String {
    format!("{dir}{name}.{ext}")
}

/// A group's chart, drawn once per language and shown on several pages.
pub fn group_chart(report: &str, group: &str) -> String {
    chart_file(&group_dir(report, group), "chart", "svg")
}

/// The bare page of one chart of a report, for other sites to show in an
/// `<iframe>` (`chart`: `group-<id>`, `dataset-<id>`, `indicator-<id>`, `parts-<id>`, or
/// the projects chart's id). Per report, so it stays valid, with the same
/// figures, when newer reports are published.
pub fn embed_dir(report: &str, chart: &str) -> String {
    format!("embed/{report}/{chart}/")
}

/// Whether `path` (from the output root) is an embed page's: kept out of
/// the sitemap.
pub fn is_embed(path: &str) -> bool {
    let rest = match path.split_once('/') {
        Some((first, rest)) if !matches!(first, "reports" | "agencies" | "embed") => rest,
        _ => path,
    };
    rest.starts_with("embed/")
}

/// The list of a report's indicators.
pub fn indicators_dir(report: &str) -> String {
    format!("reports/{report}/indicators/")
}

/// The page of one indicator, which also holds its own data files.
pub fn indicator_dir(report: &str, indicator: &str) -> String {
    format!("reports/{report}/indicators/{indicator}/")
}

/// The list of a report's projects.
pub fn projects_dir(report: &str) -> String {
    format!("reports/{report}/projects/")
}

/// A report's data page and the folder of its open data files.
pub fn data_dir(report: &str) -> String {
    format!("reports/{report}/data/")
}

/// An attached source document, as kept among a report's data files.
pub fn source_file(report: &str, name: &str) -> String {
    format!("reports/{report}/data/source/{name}")
}

/// A dataset as CSV, among a report's data files.
pub fn dataset_csv(report: &str, dataset: &str) -> String {
    format!("reports/{report}/data/datasets/{dataset}.csv")
}

/// A report-wide data file (`indicators.csv`, `projects.csv`, …).
pub fn data_file(report: &str, name: &str) -> String {
    format!("reports/{report}/data/{name}")
}

/// The page of one dataset of a report.
pub fn dataset_dir(report: &str, dataset: &str) -> String {
    format!("reports/{report}/datasets/{dataset}/")
}

/// The page of one Markdown section of a report.
pub fn section_dir(report: &str, section: &str) -> String {
    format!("reports/{report}/{section}/")
}

/// The first page of an agency.
pub fn agency_dir(agency: &str) -> String {
    format!("agencies/{agency}/")
}

/// Page `page` (from 0) of an agency's list of reports.
pub fn agency_page_dir(agency: &str, page: usize) -> String {
    match page {
        0 => agency_dir(agency),
        p => format!("agencies/{agency}/page/{}/", p + 1),
    }
}

/// Page `page` (from 0) of the home page's list of reports.
pub fn home_page_dir(page: usize) -> String {
    match page {
        0 => String::new(),
        p => format!("page/{}/", p + 1),
    }
}

/// The comparison of one shared indicator code across areas (its page in
/// each language; its data files, once, in the default language's folder).
pub fn compare_dir(code: &str) -> String {
    format!("{COMPARE_DIR}{code}/")
}

/// One other period of a comparison (`period` as content writes it; a
/// range's `..` as `--`, so that no folder name holds two dots).
pub fn compare_period_dir(code: &str, period: &str) -> String {
    format!("{COMPARE_DIR}{code}/{}/", period.replace("..", "--"))
}

/// The small multiples of each area's history in a comparison.
pub fn compare_history_dir(code: &str) -> String {
    format!("{COMPARE_DIR}{code}/history/")
}

/// The embed page of a comparison's chart: the ranked chart of one
/// period (`key`: the period as content writes it) or the small multiples
/// (`history`). Beside the reports' embeds (`embed/<report>/<chart>/`), one
/// level deeper, so that no report's chart shares its address.
pub fn compare_embed_dir(code: &str, key: &str) -> String {
    format!("embed/{COMPARE_DIR}{code}/{}/", key.replace("..", "--"))
}

/// A comparison's map of its shown period, drawn once per language.
pub fn compare_map(code: &str) -> String {
    format!("{COMPARE_DIR}{code}/map.svg")
}

/// A comparison's open data file (`comparison.csv`, `comparison.json`,
/// `datapackage.json`).
pub fn compare_file(code: &str, name: &str) -> String {
    format!("{COMPARE_DIR}{code}/{name}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_of_a_report_are_inside_its_folder() {
        let r = report_dir("hd-2023");
        assert_eq!(r, "reports/hd-2023/");
        for p in [
            group_dir("hd-2023", "g"),
            group_chart("hd-2023", "g"),
            indicators_dir("hd-2023"),
            indicator_dir("hd-2023", "i"),
            projects_dir("hd-2023"),
            data_dir("hd-2023"),
            dataset_dir("hd-2023", "d"),
            section_dir("hd-2023", "s"),
        ] {
            assert!(p.starts_with(&r) && p.len() > r.len(), "{p}");
        }
    }

    #[test]
    fn a_comparison_period_is_one_plain_folder() {
        assert_eq!(compare_period_dir("x", "2023"), "compare/x/2023/");
        assert_eq!(
            compare_period_dir("x", "2023-01-01..2023-06-30"),
            "compare/x/2023-01-01--2023-06-30/"
        );
    }

    #[test]
    fn embed_pages_are_told_from_sections_named_embed() {
        assert!(is_embed(&index_page(&embed_dir("hd-2023", "group-g"))));
        assert!(is_embed(&format!("en/{}", embed_dir("hd-2023", "group-g"))));
        assert!(is_embed(&index_page(&compare_embed_dir("x", "2024"))));
        assert_eq!(
            compare_embed_dir("x", "2023-01-01..2023-06-30"),
            "embed/compare/x/2023-01-01--2023-06-30/"
        );
        // A section whose slug is "embed" is a page like any other.
        assert!(!is_embed(&index_page(&section_dir("hd-2023", "embed"))));
        assert!(!is_embed("agencies/embed/index.html"));
    }

    #[test]
    fn first_pages_have_no_page_number() {
        assert_eq!(home_page_dir(0), "");
        assert_eq!(home_page_dir(1), "page/2/");
        assert_eq!(agency_page_dir("so-tttt", 0), "agencies/so-tttt/");
        assert_eq!(agency_page_dir("so-tttt", 2), "agencies/so-tttt/page/3/");
    }
}
