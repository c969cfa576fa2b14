//! Incremental rebuilds (what `serve` does after an edit) must give exactly
//! what a clean build gives: after each kind of edit, the files the
//! incremental build has written so far are compared, file for file and byte
//! for byte, with a clean build of the same content, and so are the
//! diagnostics. The number of units rendered shows the rebuild was partial.

mod common;

use std::collections::BTreeMap;

use common::*;
use minhbach::incremental::{Incremental, Update};
use minhbach::BuildOptions;

/// The output as an incremental build keeps it.
struct Kept {
    inc: Incremental,
    files: BTreeMap<String, Vec<u8>>,
    options: BuildOptions,
    /// When set, rebuilds are told which files changed, as `serve`'s file
    /// watcher tells them.
    watch: Option<Watch>,
    /// The files the last rebuild wrote.
    written: Vec<String>,
}

/// What a file watcher reports: the files that changed since the last look.
/// Every file is also made an hour old again, so that an edit keeping a
/// file's size shows only in what the watcher says.
struct Watch {
    root: std::path::PathBuf,
    seen: BTreeMap<std::path::PathBuf, Vec<u8>>,
}

impl Watch {
    fn new(site: &Site) -> Watch {
        let mut w = Watch {
            root: site.dir.path().to_path_buf(),
            seen: BTreeMap::new(),
        };
        w.changed();
        w
    }

    fn changed(&mut self) -> Vec<std::path::PathBuf> {
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        let mut now = BTreeMap::new();
        for e in walkdir::WalkDir::new(&self.root) {
            let e = e.unwrap();
            if e.file_type().is_file() {
                now.insert(e.path().to_path_buf(), std::fs::read(e.path()).unwrap());
                let f = std::fs::File::options().write(true).open(e.path()).unwrap();
                f.set_modified(hour_ago).unwrap();
            }
        }
        let mut changed: Vec<std::path::PathBuf> = now
            .iter()
            .filter(|(p, bytes)| self.seen.get(*p) != Some(bytes))
            .map(|(p, _)| p.clone())
            .collect();
        changed.extend(self.seen.keys().filter(|p| !now.contains_key(*p)).cloned());
        self.seen = now;
        changed
    }
}

impl Kept {
    fn new(site: &Site) -> Kept {
        let options = BuildOptions {
            base_url: Some("http://127.0.0.1:1111/".into()),
            strict: false,
        };
        Kept {
            inc: Incremental::new(&site.content(), options.clone()),
            files: BTreeMap::new(),
            options,
            watch: None,
            written: Vec::new(),
        }
    }

    fn watched(site: &Site) -> Kept {
        Kept {
            watch: Some(Watch::new(site)),
            ..Kept::new(site)
        }
    }

    fn rebuild(&mut self) -> Update {
        match &mut self.watch {
            Some(w) => {
                let changed = w.changed();
                self.inc.rebuild_after(Some(&changed))
            }
            None => self.inc.rebuild(),
        }
    }

    /// Rebuild, check against a clean build, and say how many units were rendered.
    fn rebuild_and_compare(&mut self, site: &Site, what: &str) -> Update {
        let clean = minhbach::build(&site.content(), &self.options);
        self.rebuild_and_compare_with(clean, what)
    }

    /// [`Kept::rebuild_and_compare`] given the clean build.
    fn rebuild_and_compare_with(
        &mut self,
        (clean, clean_diags): (
            Option<minhbach::render::Output>,
            minhbach::diagnostics::Diagnostics,
        ),
        what: &str,
    ) -> Update {
        let mut update = self.rebuild();
        assert!(update.ok, "{what}: {:?}", messages(&update.diags));
        for p in &update.removed {
            assert!(
                self.files.remove(p).is_some(),
                "{what}: removed {p} was not there"
            );
        }
        self.written = update.files.files.keys().cloned().collect();
        self.files.append(&mut update.files.files);
        let clean = clean.expect("the clean build succeeds").files;
        let missing: Vec<&String> = clean
            .keys()
            .filter(|k| !self.files.contains_key(*k))
            .collect();
        let extra: Vec<&String> = self
            .files
            .keys()
            .filter(|k| !clean.contains_key(*k))
            .collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{what}: missing {missing:?}, extra {extra:?}"
        );
        let differ: Vec<&String> = clean
            .iter()
            .filter(|(k, v)| self.files.get(*k) != Some(v))
            .map(|(k, _)| k)
            .collect();
        assert!(
            differ.is_empty(),
            "{what}: these files differ from a clean build: {differ:?}"
        );
        assert_eq!(
            messages(&update.diags),
            messages(&clean_diags),
            "{what}: diagnostics"
        );
        update
    }
}

impl Kept {
    /// [`Kept::rebuild_and_compare`] for content that may have errors: then
    /// the rebuild must fail too, with the same diagnostics.
    fn rebuild_and_compare_any(&mut self, site: &Site, what: &str) {
        let (clean, clean_diags) = minhbach::build(&site.content(), &self.options);
        if clean.is_some() {
            self.rebuild_and_compare_with((clean, clean_diags), what);
            return;
        }
        let update = self.rebuild();
        assert!(
            !update.ok,
            "{what}: the rebuild succeeded, the clean build failed"
        );
        assert_eq!(
            messages(&update.diags),
            messages(&clean_diags),
            "{what}: diagnostics"
        );
    }
}

fn messages(d: &minhbach::diagnostics::Diagnostics) -> Vec<String> {
    let mut v: Vec<String> = d.iter().map(|d| d.to_string()).collect();
    v.sort();
    v
}

/// A copy of the fixture's report for an earlier year.
fn add_year(site: &Site, year: u32) {
    copy_dir(
        &site.path("reports/demo-2024"),
        &site.path(&format!("reports/demo-{year}")),
    );
    let r = format!("reports/demo-{year}/report.yaml");
    site.edit(&r, "period: 2024", &format!("period: {year}"));
    site.edit(
        &r,
        "baseline_period: 2023",
        &format!("baseline_period: {}", year - 1),
    );
    site.edit(
        &r,
        "Kế hoạch thử năm 2024",
        &format!("Kế hoạch thử năm {year}"),
    );
    site.edit(&r, "Test plan 2024", &format!("Test plan {year}"));
}

/// The minimal fixture with two older reports that share its indicator ids,
/// so that indicator histories run across three reports. Its files look an
/// hour old, so that the loader may reuse the reports no edit touched (files
/// modified in the last seconds are always read again).
fn three_reports() -> Site {
    let site = Site::fixture("minimal");
    add_year(&site, 2023);
    add_year(&site, 2022);
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for e in walkdir::WalkDir::new(site.content()) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let f = std::fs::File::options().write(true).open(e.path()).unwrap();
            f.set_modified(hour_ago).unwrap();
        }
    }
    site
}

#[test]
fn every_kind_of_edit_gives_what_a_clean_build_gives() {
    let site = three_reports();
    every_kind_of_edit(&site, Kept::new(&site));
}

/// The same, when a file watcher says what changed: only the reports it
/// names are read again.
#[test]
fn every_kind_of_edit_gives_the_same_when_a_watcher_says_what_changed() {
    let site = three_reports();
    every_kind_of_edit(&site, Kept::watched(&site));
}

fn every_kind_of_edit(site: &Site, mut kept: Kept) {
    let first = kept.rebuild_and_compare(site, "first build");
    assert_eq!(
        first.rendered, first.units,
        "the first build renders everything"
    );
    assert!(first.units > 4, "{}", first.units);

    let same = kept.rebuild_and_compare(site, "no change");
    assert_eq!(same.rendered, 0, "nothing is rendered again");

    // Prose of one report: that report (and the agency pages listing it).
    site.edit(
        "reports/demo-2023/han-che.md",
        "Nhân lực còn thiếu.",
        "Nhân lực còn thiếu, nhất là ở cấp xã.",
    );
    let prose = kept.rebuild_and_compare(site, "a section edited");
    assert!(
        prose.rendered < prose.units,
        "{} of {}",
        prose.rendered,
        prose.units
    );
    assert!(site_file(&kept, "reports/demo-2023/han-che/index.html").contains("nhất là ở cấp xã"));

    // A value only the oldest report has: the newest report's history of
    // that indicator (its page and chart) changes too, though the report
    // just before it did not change.
    site.edit(
        "reports/demo-2022/indicators.yaml",
        "- { period: 2022, value: 7.5 }",
        "- { period: 2021, value: 7.25 }",
    );
    kept.rebuild_and_compare(site, "a value in another report's history");
    assert!(site_file(
        &kept,
        "reports/demo-2024/indicators/digital-economy-share/index.html"
    )
    .contains("7,25"));

    // An older report's as-of date: its statuses, counts, footers and
    // overdue projects change, and so do the home page's counts.
    site.edit(
        "reports/demo-2023/report.yaml",
        "baseline_period: 2022",
        "baseline_period: 2022\nas_of: 2025-01-01",
    );
    kept.rebuild_and_compare(site, "an as-of date");
    // A report's update date: every page outside a report shows the latest.
    site.edit(
        "reports/demo-2023/report.yaml",
        "as_of: 2025-01-01",
        "as_of: 2025-01-01\nupdated: 2025-02-01",
    );
    kept.rebuild_and_compare(site, "an update date");
    // The sample notice is on every page of a report, its indicators' too.
    site.edit(
        "reports/demo-2023/report.yaml",
        "updated: 2025-02-01",
        "updated: 2025-02-01\nsample: true",
    );
    kept.rebuild_and_compare(site, "a report made a sample");
    assert!(site_file(
        &kept,
        "reports/demo-2023/indicators/digital-economy-share/index.html"
    )
    .contains("notice sample"));
    site.edit("reports/demo-2023/report.yaml", "\nsample: true", "");
    kept.rebuild_and_compare(site, "the sample notice taken away");
    assert!(site_file(&kept, "agencies/index.html").contains("01/02/2025"));
    assert!(site_file(
        &kept,
        "reports/demo-2023/indicators/digital-economy-share/index.html"
    )
    .contains("status-overdue"));

    edits_of_one_report_seen_by_others(site, &mut kept);
}

/// An attached document, differing values, a target and a title: what
/// other reports' pages show of a report.
fn edits_of_one_report_seen_by_others(site: &Site, kept: &mut Kept) {
    // The oldest report's document attached, and its figure given a source:
    // the newest report's history row links that document.
    site.edit(
        "reports/demo-2022/indicators.yaml",
        "- { period: 2021, value: 7.25 }",
        "- { period: 2021, value: 7.25, source: \"Phần I\" }",
    );
    kept.rebuild_and_compare(site, "a source in another report's history");
    site.write("reports/demo-2022/ke-hoach.txt", "Kế hoạch năm 2022\n");
    site.edit(
        "reports/demo-2022/report.yaml",
        "  date: 2024-03-05",
        "  date: 2024-03-05\n  file: ke-hoach.txt",
    );
    kept.rebuild_and_compare(site, "an attached document");
    assert!(site_file(
        kept,
        "reports/demo-2024/indicators/digital-economy-share/index.html"
    )
    .contains("reports/demo-2022/data/source/ke-hoach.txt"));
    assert!(site_file(kept, "reports/demo-2022/data/source/ke-hoach.txt").contains("2022"));

    // Two reports giving different values for one period: a warning, which
    // goes when they agree again.
    site.edit(
        "reports/demo-2024/indicators.yaml",
        "- { period: 2022, value: 7.5 }",
        "- { period: 2022, value: 7.6 }",
    );
    let differ = kept.rebuild_and_compare(site, "a value that differs from another report's");
    let warning = |update: &Update| -> String {
        messages(&update.diags)
            .into_iter()
            .find(|m| m.contains("is 7.6 here but 7.5 in report `demo-2023`"))
            .unwrap_or_else(|| panic!("{:?}", messages(&update.diags)))
    };
    let line_of = |text: &str| {
        1 + text[..text.find("value: 7.6").expect("the value")]
            .matches('\n')
            .count()
    };
    let yaml = site.read("reports/demo-2024/indicators.yaml");
    assert!(
        warning(&differ).contains(&format!("indicators.yaml:{}:", line_of(&yaml))),
        "{}",
        warning(&differ)
    );
    // The file moves down a line: so does the warning (a clean build's is
    // compared too).
    site.write(
        "reports/demo-2024/indicators.yaml",
        &format!("# moved\n{yaml}"),
    );
    let moved = kept.rebuild_and_compare(site, "the differing value a line lower");
    assert!(
        warning(&moved).contains(&format!("indicators.yaml:{}:", line_of(&yaml) + 1)),
        "{}",
        warning(&moved)
    );
    site.edit(
        "reports/demo-2024/indicators.yaml",
        "- { period: 2022, value: 7.6 }",
        "- { period: 2022, value: 7.5 }",
    );
    let agree = kept.rebuild_and_compare(site, "the two values agreeing again");
    assert!(!messages(&agree.diags).iter().any(|m| m.contains("7.6")));

    // A target of the report before: the newer report's list of changed
    // targets says so.
    site.edit(
        "reports/demo-2023/indicators.yaml",
        "target: { value: 50, op: \">=\"",
        "target: { value: 40, op: \">=\"",
    );
    kept.rebuild_and_compare(site, "a target of the previous report");

    // The oldest report's title appears in the newest one's history tables.
    site.edit(
        "reports/demo-2022/report.yaml",
        "Kế hoạch thử năm 2022",
        "Kế hoạch thử nghiệm năm 2022",
    );
    kept.rebuild_and_compare(site, "another report's title");

    reports_sections_and_links_come_and_go(site, kept);
}

/// Reports and sections added and removed, and links between reports.
fn reports_sections_and_links_come_and_go(site: &Site, kept: &mut Kept) {
    // A new report, then a new section, then removing a report.
    add_year(site, 2021);
    kept.rebuild_and_compare(site, "a report added");
    site.write(
        "reports/demo-2021/giai-phap.md",
        "---\ntitle: Giải pháp\nkind: solutions\norder: 3\n---\nTăng cường [đào tạo](../han-che/).\n",
    );
    kept.rebuild_and_compare(site, "a section added");
    std::fs::remove_dir_all(site.path("reports/demo-2021")).unwrap();
    let gone = kept.rebuild_and_compare(site, "a report removed");
    assert!(gone
        .removed
        .iter()
        .any(|p| p.starts_with("reports/demo-2021/")));

    // A link from one report into a chart of another: when the chart goes,
    // the page with the link (not rendered again) has a broken anchor; prose
    // edits elsewhere keep that warning.
    site.edit(
        "reports/demo-2023/han-che.md",
        "Hạ tầng cấp xã còn hạn chế.",
        "Hạ tầng cấp xã còn hạn chế ([xem](../../demo-2024/ket-qua/#chart-digital-economy-title)).",
    );
    let en = site.read("reports/demo-2024/ket-qua.en.md");
    site.write(
        "reports/demo-2024/ket-qua.en.md",
        &format!("{en}\n{{{{ chart(group=\"digital-economy\") }}}}\n"),
    );
    let linked = kept.rebuild_and_compare(site, "a link into another report");
    assert!(
        !messages(&linked.diags)
            .iter()
            .any(|m| m.contains("broken link")),
        "{:?}",
        messages(&linked.diags)
    );
    site.edit(
        "reports/demo-2024/ket-qua.md",
        "{{ chart(group=\"digital-economy\") }}",
        "",
    );
    let broken = kept.rebuild_and_compare(site, "the linked chart removed");
    assert!(
        messages(&broken.diags)
            .iter()
            .any(|m| m.contains("no anchor `#chart-digital-economy-title`")),
        "{:?}",
        messages(&broken.diags)
    );
    site.edit(
        "reports/demo-2024/ket-qua.md",
        "Toàn tỉnh có 1.970",
        "Toàn tỉnh đã có 1.970",
    );
    let still = kept.rebuild_and_compare(site, "prose edited elsewhere");
    assert!(still.rendered < still.units);

    agencies_areas_and_settings(site, kept);
}

/// A project's lead, areas and shared codes, then the settings, agencies
/// and theme that every page shows.
fn agencies_areas_and_settings(site: &Site, kept: &mut Kept) {
    // A project's lead: the agency pages change.
    site.edit("reports/demo-2024/projects.yaml", "Sở TTTT", "Sở KHĐT");
    kept.rebuild_and_compare(site, "a project's lead agency");

    // What a section edit renders, to compare once the report is compared.
    site.edit(
        "reports/demo-2023/han-che.md",
        "Nhân lực còn thiếu",
        "Nhân lực vẫn còn thiếu",
    );
    let prose_rendered = kept
        .rebuild_and_compare(site, "a section edited, before areas")
        .rendered;

    // Areas and a shared code: the comparison pages come, follow the
    // reports' figures and the areas' names, and go.
    site.write(
        "areas.yaml",
        "- { code: tinh-a, name: { vi: Tỉnh A, en: Province A } }\n\
         - { code: tinh-b, name: { vi: Tỉnh B, en: Province B } }\n\
         - { code: tinh-c, name: { vi: Tỉnh C, en: Province C } }\n",
    );
    for (report, area) in [("demo-2024", "tinh-a"), ("demo-2023", "tinh-b")] {
        site.edit(
            &format!("reports/{report}/report.yaml"),
            "baseline_period:",
            &format!("area: {area}\nbaseline_period:"),
        );
        site.edit(
            &format!("reports/{report}/indicators.yaml"),
            "- id: digital-firms\n",
            "- id: digital-firms\n  code: firms\n",
        );
    }
    let areas = kept.rebuild_and_compare(site, "areas and a shared code");
    assert!(areas.rendered < areas.units);
    assert!(site_file(kept, "compare/firms/index.html").contains("Tỉnh B"));
    site.edit(
        "reports/demo-2023/indicators.yaml",
        "- { period: 2023, value: 1140 }",
        "- { period: 2023, value: 1160 }",
    );
    let value = kept.rebuild_and_compare(site, "a compared value");
    assert!(value.rendered < value.units);
    assert!(site_file(kept, "compare/firms/comparison.csv").contains(",1160,"));
    // Prose of a compared report: its comparisons do not show it.
    site.edit(
        "reports/demo-2023/han-che.md",
        "nhất là ở cấp xã",
        "nhất là ở cấp xã và cấp huyện",
    );
    let prose_again = kept.rebuild_and_compare(site, "a compared report's section edited");
    assert_eq!(
        prose_again.rendered, prose_rendered,
        "a section edit renders what it did before the report had a shared code"
    );
    site.edit("areas.yaml", "Tỉnh B", "Tỉnh Bê");
    let renamed = kept.rebuild_and_compare(site, "an area renamed");
    assert!(renamed.rendered < renamed.units);
    assert!(site_file(kept, "compare/firms/index.html").contains("Tỉnh Bê"));
    // A report with the shared code, then given an area: its indicator's
    // page links the comparison, though the indicator did not change.
    site.edit(
        "reports/demo-2022/indicators.yaml",
        "- id: digital-firms\n",
        "- id: digital-firms\n  code: firms\n",
    );
    kept.rebuild_and_compare(site, "a shared code in a report of no area");
    site.edit(
        "reports/demo-2022/report.yaml",
        "baseline_period:",
        "area: tinh-c\nbaseline_period:",
    );
    kept.rebuild_and_compare(site, "that report given an area");
    assert!(site_file(
        kept,
        "reports/demo-2022/indicators/digital-firms/index.html"
    )
    .contains("compare/firms/"));
    // The measure split into parts in one area, then a part's figure edited.
    site.edit(
        "reports/demo-2023/indicators.yaml",
        "- { period: 2023, value: 1160 }\n",
        "- { period: 2023, value: 1160 }\n  breakdown: khu vực\n  parts:\n    \
         - { id: urban, name: thành thị, target: 800, values: [{ period: 2023, value: 700 }] }\n",
    );
    kept.rebuild_and_compare(site, "parts of a compared measure");
    site.edit(
        "reports/demo-2023/indicators.yaml",
        "{ period: 2023, value: 700 }",
        "{ period: 2023, value: 720 }",
    );
    let part = kept.rebuild_and_compare(site, "a compared part's value");
    assert!(part.rendered < part.units);
    assert!(site_file(kept, "compare/firms/comparison.csv").contains(",720,2023,"));
    // The national figure: an area of kind national and its report, then
    // its figure edited.
    let areas = site.read("areas.yaml");
    site.write(
        "areas.yaml",
        &format!(
            "{areas}- {{ code: vn, name: {{ vi: Cả nước, en: Viet Nam }}, kind: national }}\n"
        ),
    );
    site.write(
        "reports/vn-2023/report.yaml",
        "title: { vi: Báo cáo quốc gia 2023, en: National report 2023 }\nperiod: 2023\narea: vn\n\
         document: { number: 7/BC-BTTTT, date: 2024-02-01 }\n\
         groups: [{ id: g, name: { vi: Nhóm, en: Group } }]\n",
    );
    site.write(
        "reports/vn-2023/indicators.yaml",
        "- { id: vn-firms, group: g, name: { vi: Doanh nghiệp số, en: Digital firms }, code: firms, unit: count, \
         values: [{ period: 2023, value: 900 }], lead: ~ }\n",
    );
    kept.rebuild_and_compare(site, "a national figure added");
    assert!(site_file(kept, "compare/firms/chart.svg").contains("7/BC-BTTTT"));
    site.edit(
        "reports/vn-2023/indicators.yaml",
        "value: 900",
        "value: 950",
    );
    let national = kept.rebuild_and_compare(site, "the national figure edited");
    assert!(national.rendered < national.units);
    assert!(site_file(kept, "compare/firms/comparison.csv").contains(",950,2023,"));
    site.edit("areas.yaml", "kind: national", "kind: region");
    kept.rebuild_and_compare(site, "the nation made a region");
    for report in ["demo-2024", "demo-2023", "demo-2022"] {
        site.edit(
            &format!("reports/{report}/indicators.yaml"),
            "  code: firms\n",
            "",
        );
    }
    kept.rebuild_and_compare(site, "the shared code removed");
    assert!(!kept.files.contains_key("compare/firms/index.html"));

    // Settings, agencies and theme are on every page: everything again.
    site.edit(
        "agencies.yaml",
        "Department of Information and Communications",
        "Department of Information and Communications (DIC)",
    );
    let agencies = kept.rebuild_and_compare(site, "an agency renamed");
    assert_eq!(agencies.rendered, agencies.units);
    let text = site.read("site.yaml");
    site.write("site.yaml", &format!("{text}theme: mine\n"));
    site.write("../themes/mine/i18n/en.yaml", "search: Find\n");
    kept.rebuild_and_compare(site, "a theme chosen");
    site.write("../themes/mine/i18n/en.yaml", "search: Look up\n");
    let theme = kept.rebuild_and_compare(site, "a theme translation changed");
    assert!(site_file(kept, "en/reports/demo-2024/index.html").contains("Look up"));
    assert_eq!(theme.rendered, theme.units);
}

#[test]
fn a_failed_rebuild_keeps_the_last_good_state() {
    let site = three_reports();
    a_failed_rebuild(&site, Kept::new(&site));
    let site = three_reports();
    a_failed_rebuild(&site, Kept::watched(&site));
}

fn a_failed_rebuild(site: &Site, mut kept: Kept) {
    kept.rebuild_and_compare(site, "first build");
    let good = site.read("reports/demo-2024/indicators.yaml");
    site.edit(
        "reports/demo-2024/indicators.yaml",
        "  decimals: 2",
        "  decimls: 2",
    );
    let failed = kept.rebuild();
    assert!(!failed.ok);
    assert!(failed.files.files.is_empty() && failed.removed.is_empty());
    assert!(messages(&failed.diags)
        .iter()
        .any(|m| m.contains("decimls")));
    // An error found while rendering (a shortcode naming no indicator).
    site.write("reports/demo-2024/indicators.yaml", &good);
    site.edit(
        "reports/demo-2024/han-che.md",
        "Nhân lực còn thiếu.",
        "Nhân lực {{ value(indicator=\"no-such\") }}.",
    );
    let failed = kept.rebuild();
    assert!(!failed.ok);
    assert!(failed.files.files.is_empty());
    // Fixed again: the next rebuild catches up with both edits.
    site.edit(
        "reports/demo-2024/han-che.md",
        "Nhân lực {{ value(indicator=\"no-such\") }}.",
        "Nhân lực còn thiếu nhiều.",
    );
    kept.rebuild_and_compare(site, "after the fix");
    // A report edited while site.yaml is broken (no report is looked at):
    // fixing site.yaml brings the edit in too.
    let settings = site.read("site.yaml");
    site.write("site.yaml", "title: [unclosed\n");
    assert!(!kept.rebuild().ok);
    site.edit(
        "reports/demo-2023/indicators.yaml",
        "target: { value: 50, op: \">=\"",
        "target: { value: 40, op: \">=\"",
    );
    assert!(!kept.rebuild().ok);
    site.write("site.yaml", &settings);
    kept.rebuild_and_compare(site, "an edit made while site.yaml was broken");
}

fn site_file(kept: &Kept, path: &str) -> String {
    String::from_utf8(kept.files[path].clone()).unwrap()
}

/// A site whose home page lists its reports over two pages: an edit to a
/// report on the second page, a report added in front (every report moves
/// down the list) and one taken away again.
#[test]
fn agency_pages_follow_the_rows_of_their_reports() {
    let site = three_reports();
    for year in 2018..2021 {
        add_year(&site, year);
    }
    let busy = |slug: &str, led: usize| {
        let rel = format!("reports/{slug}/indicators.yaml");
        let mine = site.read(&rel);
        let mine = mine
            .split("- id: busy-")
            .next()
            .unwrap_or_default()
            .to_string();
        site.write(&rel, &format!("{mine}{}", busy_indicators(50, led)));
    };
    let slugs = [
        "demo-2024",
        "demo-2023",
        "demo-2022",
        "demo-2020",
        "demo-2019",
        "demo-2018",
    ];
    for slug in slugs {
        busy(slug, 50);
    }
    let mut kept = Kept::watched(&site);
    kept.rebuild_and_compare(&site, "first build");
    let first_page = |kept: &Kept| {
        site_file(kept, "agencies/so-tttt/index.html")
            .matches("<section>")
            .count()
    };
    assert_eq!(first_page(&kept), 2);
    assert!(kept
        .files
        .contains_key("agencies/so-tttt/page/3/index.html"));
    // The newest report names the busy agency in fewer rows (and another
    // agency in more): its first page takes one more report.
    busy("demo-2024", 10);
    let fewer = kept.rebuild_and_compare(&site, "an agency's rows in one report");
    assert!(fewer.rendered < fewer.units);
    assert_eq!(first_page(&kept), 3);
    busy("demo-2024", 50);
    kept.rebuild_and_compare(&site, "and back");
    assert_eq!(first_page(&kept), 2);
    // A value edit keeps every page's reports.
    site.edit(
        "reports/demo-2019/indicators.yaml",
        "value: 41 }",
        "value: 42.5 }",
    );
    let value = kept.rebuild_and_compare(&site, "a value of a busy indicator");
    assert!(value.rendered < value.units);
}

#[test]
fn home_page_windows_follow_the_reports() {
    let site = three_reports();
    for year in 2000..2021 {
        add_year(&site, year);
    }
    let mut kept = Kept::watched(&site);
    kept.rebuild_and_compare(&site, "first build");
    assert!(kept.files.contains_key("page/2/index.html"));
    site.edit(
        "reports/demo-2001/indicators.yaml",
        "target: { value: 50, op: \">=\"",
        "target: { value: 40, op: \">=\"",
    );
    let edited = kept.rebuild_and_compare(&site, "a target on the second page");
    assert!(edited.rendered < edited.units);
    add_year(&site, 2030);
    kept.rebuild_and_compare(&site, "a report added at the top");
    std::fs::remove_dir_all(site.path("reports/demo-2030")).unwrap();
    kept.rebuild_and_compare(&site, "that report removed");
}

/// Every mutation of one line of `text` that keeps its shape: each run of
/// digits with its last digit changed, and the first letter of each value
/// (after `: `, `- `, `, ` or at the start of a line) changed. Many give invalid content; those are compared too
/// (both builds must fail alike).
fn mutations(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let flip = |c: char| -> Option<char> {
        match c {
            'a'..='y' | 'A'..='Y' | '0'..='8' => char::from_u32(c as u32 + 1),
            'z' | 'Z' | '9' => Some(if c == '9' { '0' } else { 'a' }),
            _ => None,
        }
    };
    for (n, line) in lines.iter().enumerate() {
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        let mut at: Vec<usize> = Vec::new();
        for (k, (i, c)) in chars.iter().enumerate() {
            let next_is_digit = chars.get(k + 1).is_some_and(|(_, d)| d.is_ascii_digit());
            if c.is_ascii_digit() && !next_is_digit {
                at.push(*i);
            }
            let after_value_mark = k >= 2 && {
                let before = &line[..*i];
                before.ends_with(": ") || before.ends_with("- ") || before.ends_with(", ")
            };
            if c.is_alphabetic() && (after_value_mark || k == 0) {
                at.push(*i);
            }
        }
        at.sort();
        at.dedup();
        for i in at {
            let c = line[i..].chars().next().unwrap();
            let Some(f) = flip(c) else { continue };
            let mut l = String::from(&line[..i]);
            l.push(f);
            l.push_str(&line[i + c.len_utf8()..]);
            let mut all = lines.clone();
            all[n] = &l;
            let mut text = all.join("\n");
            text.push('\n');
            out.push(text);
        }
    }
    out
}

/// An input compared too coarsely shows here, whatever the field: every
/// value of the newest report's files (whose values other reports'
/// histories show), of the targets of the report before it, of the agencies
/// and of the areas is changed in turn, and each incremental rebuild must
/// equal a clean build (or fail as it fails). A field a page shows that the
/// comparison of its input (render/inputs/changes.rs) leaves out fails this
/// test without a new edit written.
#[test]
fn every_value_of_the_content_is_an_input_of_the_pages_that_show_it() {
    let site = three_reports();
    // What other reports' pages show of this one: its document's address
    // (in history rows) and a source that cites one of its references.
    site.edit(
        "reports/demo-2024/report.yaml",
        "  number: 12/KH-UBND",
        "  number: 12/KH-UBND\n  url: https://example.org/kh-12.pdf",
    );
    site.edit(
        "reports/demo-2024/indicators.yaml",
        "- { period: 2023, value: 8.48, source: \"Phần I, mục 8\" }",
        "- { period: 2023, value: 8.48, source: { ref: qd-1, at: \"Điều 3\" } }",
    );
    // Two reports of known areas sharing a code: the comparison's pages
    // and each indicator's link to it.
    site.write(
        "areas.yaml",
        "- { code: tinh-a, name: { vi: Tỉnh A, en: Province A } }\n\
         - { code: tinh-b, name: { vi: Tỉnh B, en: Province B }, replaced_by: [tinh-a], from: 2025-01-01 }\n",
    );
    for (report, area) in [("demo-2024", "tinh-a"), ("demo-2023", "tinh-b")] {
        site.edit(
            &format!("reports/{report}/report.yaml"),
            "baseline_period:",
            &format!("area: {area}\nbaseline_period:"),
        );
        site.edit(
            &format!("reports/{report}/indicators.yaml"),
            "- id: digital-firms\n",
            "- id: digital-firms\n  code: firms\n",
        );
    }
    let mut kept = Kept::new(&site);
    kept.rebuild_and_compare(&site, "first build");
    assert!(kept.files.contains_key("compare/firms/index.html"));
    let files = [
        "reports/demo-2024/report.yaml",
        "reports/demo-2024/indicators.yaml",
        "reports/demo-2024/projects.yaml",
        "reports/demo-2024/datasets/infrastructure.yaml",
        "reports/demo-2024/ket-qua.md",
        "reports/demo-2024/ket-qua.en.md",
        // The report before it, whose targets its pages compare with.
        "reports/demo-2023/report.yaml",
        "reports/demo-2023/indicators.yaml",
        "agencies.yaml",
        "areas.yaml",
    ];
    let mut tried = 0;
    for file in files {
        let original = site.read(file);
        for changed in mutations(&original) {
            std::fs::write(site.path(file), &changed).unwrap();
            let what = format!("{file} changed to:\n{changed}");
            kept.rebuild_and_compare_any(&site, &what);
            tried += 1;
        }
        std::fs::write(site.path(file), &original).unwrap();
    }
    kept.rebuild_and_compare(&site, "all put back");
    assert!(tried > 100, "{tried} mutations");
}

/// A site whose search index is cut into several shards: the minimal
/// fixture with many sections, each with headings of made-up words (all of
/// a section's headings are searchable).
fn many_words() -> Site {
    let site = Site::fixture("minimal");
    const SYLLABLES: [&str; 20] = [
        "an", "bac", "cu", "dan", "em", "ga", "hoa", "kim", "lam", "minh", "nam", "oanh", "phu",
        "quy", "son", "tan", "uyen", "vinh", "xuan", "yen",
    ];
    let mut seed = 7u64;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    for i in 0..100 {
        let mut text = format!("---\ntitle: Mục {i}\nkind: other\norder: {}\n---\n", 10 + i);
        for _ in 0..3 {
            text.push_str("\n##");
            for _ in 0..20 {
                let w: String = (0..3).map(|_| SYLLABLES[next() % 20]).collect();
                text.push(' ');
                text.push_str(&w);
            }
            text.push_str("\n\nNội dung.\n");
        }
        site.write(&format!("reports/demo-2024/muc-{i:02}.md"), &text);
    }
    site
}

/// The first word of a section's first `## ` heading.
fn first_heading_word(text: &str) -> String {
    let heading = text.split("## ").nth(1).expect("a heading");
    heading.split(' ').next().expect("a word").to_string()
}

/// Each language's shards' first words, from its manifest.
fn shard_firsts(kept: &Kept) -> Vec<Vec<String>> {
    ["search-index.json", "en/search-index.json"]
        .iter()
        .map(|m| {
            let m: serde_json::Value = serde_json::from_str(&site_file(kept, m)).unwrap();
            m["t"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t[0].as_str().unwrap().to_string())
                .collect()
        })
        .collect()
}

/// How many of the search files the last rebuild wrote, and how many there are.
fn search_written(kept: &Kept) -> (usize, usize) {
    let search = |p: &&String| p.contains("search/") || p.ends_with("search-index.json");
    (
        kept.written.iter().filter(search).count(),
        kept.files.keys().filter(search).count(),
    )
}

/// The search index is made again from the last one after an edit (only
/// the shards and chunks the edit touches are written): the same files as
/// a clean build, through edits that change words, titles, shard
/// boundaries and entries' ids.
#[test]
fn the_search_index_follows_edits() {
    let site = many_words();
    let mut kept = Kept::new(&site);
    kept.rebuild_and_compare(&site, "first build");
    let firsts = shard_firsts(&kept);
    assert!(
        firsts.iter().all(|f| f.len() >= 3),
        "several shards in each language: {firsts:?}"
    );
    kept.rebuild_and_compare(&site, "no change");
    assert_eq!(search_written(&kept).0, 0, "no search file is written");

    // A section's text: a word taken away and another added.
    let gone = first_heading_word(&site.read("reports/demo-2024/muc-07.md"));
    site.edit("reports/demo-2024/muc-07.md", &gone, "tuvungmoi");
    kept.rebuild_and_compare(&site, "a word replaced");
    let (written, all) = search_written(&kept);
    assert!(written > 0 && written < all, "{written} of {all}");
    assert!(kept.files.iter().any(
        |(p, b)| p.starts_with("search/t-") && String::from_utf8_lossy(b).contains("tuvungmoi")
    ));

    // A word under a prefix that crosses a shard boundary: the union of
    // the words with that prefix (`p*`, in the shard before) changes.
    let boundary = &shard_firsts(&kept)[0][1];
    let gone = first_heading_word(&site.read("reports/demo-2024/muc-08.md"));
    site.edit(
        "reports/demo-2024/muc-08.md",
        &gone,
        &format!("{}zzz", &boundary[..3]),
    );
    kept.rebuild_and_compare(&site, "a word under a boundary's prefix");

    // Many new words in one heading: the shard boundaries move.
    let firsts = shard_firsts(&kept);
    let many: String = (0..150).map(|i| format!(" ab{i:03}cd")).collect();
    site.edit(
        "reports/demo-2024/muc-11.md",
        "\n##",
        &format!("\n## {many}"),
    );
    kept.rebuild_and_compare(&site, "boundaries moved");
    assert_ne!(shard_firsts(&kept), firsts);
    site.edit("reports/demo-2024/muc-11.md", &format!(" {many}"), "");
    kept.rebuild_and_compare(&site, "boundaries back");
    assert_eq!(shard_firsts(&kept), firsts);

    // A section's title: its entry's document and its title words.
    site.edit(
        "reports/demo-2024/muc-03.md",
        "title: Mục 3",
        "title: Chương ba mới",
    );
    kept.rebuild_and_compare(&site, "a section's title");
    let (written, all) = search_written(&kept);
    assert!(written < all, "{written} of {all}");

    // The report's title: in every entry's document of the report.
    site.edit(
        "reports/demo-2024/report.yaml",
        "Kế hoạch thử năm 2024",
        "Kế hoạch thử nghiệm năm 2024",
    );
    kept.rebuild_and_compare(&site, "the report's title");

    // A section added, then removed: the entries after it change ids.
    site.write(
        "reports/demo-2024/muc-them.md",
        "---\ntitle: Mục thêm\nkind: other\norder: 12\n---\n## tuthem motthem\n",
    );
    kept.rebuild_and_compare(&site, "a section added");
    std::fs::remove_file(site.path("reports/demo-2024/muc-them.md")).unwrap();
    kept.rebuild_and_compare(&site, "a section removed");

    // A failed rebuild in between: the next is made from the last good one.
    site.edit("reports/demo-2024/muc-20.md", "title: Mục 20", "title: [");
    assert!(!kept.rebuild().ok);
    site.edit(
        "reports/demo-2024/muc-20.md",
        "title: [",
        "title: Mục hai mươi",
    );
    kept.rebuild_and_compare(&site, "after a failed rebuild");
}
