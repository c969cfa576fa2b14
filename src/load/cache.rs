//! The load cache: reports of an earlier load reused when their files did
//! not change, for `serve`'s rebuilds.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostics::Diagnostics;
use crate::model::*;

/// Reports loaded by earlier calls of [`load_site_cached`].
#[derive(Default)]
pub struct LoadCache {
    /// What loading a report reads from outside its folder: the languages,
    /// the agencies, and whether agency names are checked.
    pub(super) context: Option<(Vec<String>, Vec<Agency>, bool)>,
    pub(super) reports: HashMap<PathBuf, CachedReport>,
    /// The histories merged from the last load's reports, and the warnings
    /// merging gave.
    pub(super) histories: Option<CachedHistories>,
    /// Names of the report folders that may have changed since reports were
    /// last looked at, as a file watcher said: the others are reused without
    /// looking at their files. `None` (at first, and whenever a caller does
    /// not know): look at every folder.
    pub(super) changed: Option<HashSet<std::ffi::OsString>>,
    /// Whether [`LoadCache::changed`] was called before this load: a load
    /// without it looks at every folder.
    pub(super) told: bool,
}

impl LoadCache {
    /// Say which files changed (from a file watcher's events; paths as
    /// `content_dir` was given, or canonical), so that the next load looks
    /// only at the report folders holding them; `None` when that is not
    /// known. Changes add up until a load looks at the reports.
    pub fn changed(&mut self, content_dir: &Path, paths: Option<&[PathBuf]>) {
        let new = paths.and_then(|paths| report_folders(content_dir, paths));
        self.changed = match (self.changed.take(), new) {
            (Some(mut before), Some(new)) => {
                before.extend(new);
                Some(before)
            }
            _ => None,
        };
        self.told = true;
    }
}

/// The report folders (by name) that `paths` lie in; `None` when a path
/// could concern every report (the `reports` folder itself) or lies outside
/// the content folder (a theme file, which renders everything again anyway,
/// or a path written in a way not recognised: looking at every report is
/// then the safe answer).
fn report_folders(content_dir: &Path, paths: &[PathBuf]) -> Option<HashSet<std::ffi::OsString>> {
    let roots: Vec<PathBuf> = std::iter::once(content_dir.to_path_buf())
        .chain(std::fs::canonicalize(content_dir).ok())
        .collect();
    let mut names = HashSet::new();
    for path in paths {
        let rel = roots.iter().find_map(|r| path.strip_prefix(r).ok())?;
        let mut parts = rel.components();
        match (parts.next(), parts.next()) {
            (Some(first), Some(std::path::Component::Normal(name)))
                if first.as_os_str() == "reports" =>
            {
                names.insert(name.to_os_string());
            }
            // `reports` itself, or a file of the content folder: those are
            // read on every load anyway (site.yaml, agencies.yaml).
            (Some(first), None) if first.as_os_str() != "reports" => {}
            _ => return None,
        }
    }
    Some(names)
}

pub(super) struct CachedHistories {
    pub(super) reports: Vec<Arc<Report>>,
    pub(super) histories: Arc<Histories>,
    /// The warnings merging gave, by indicator id.
    pub(super) diags: HistoryWarnings,
}

/// Warnings of merging histories, by indicator id.
pub(super) type HistoryWarnings = BTreeMap<String, Diagnostics>;

impl CachedHistories {
    /// Histories are merged from the reports' folders (for warnings), slugs
    /// and indicators, in site order: the same inputs give the same result.
    /// `None` when the reports are not the same ones in the same places;
    /// else the ids whose history or warnings may differ: those of every
    /// indicator of a report whose indicators changed, before and now, and
    /// of a report read again that has warnings (an edit that only moved
    /// its values down a line moves the warnings' lines).
    pub(super) fn changed_ids<'r>(
        &'r self,
        reports: &'r [Arc<Report>],
    ) -> Option<HashSet<&'r str>> {
        if self.reports.len() != reports.len() {
            return None;
        }
        let mut ids = HashSet::new();
        for (a, b) in self.reports.iter().zip(reports) {
            if Arc::ptr_eq(a, b) {
                continue;
            }
            if a.slug != b.slug || a.dir != b.dir {
                return None;
            }
            let warned = || b.indicators.iter().any(|i| self.diags.contains_key(&i.id));
            if a.indicators != b.indicators || warned() {
                ids.extend(
                    a.indicators
                        .iter()
                        .chain(&b.indicators)
                        .map(|i| i.id.as_str()),
                );
            }
        }
        Some(ids)
    }
}

pub(super) struct CachedReport {
    pub(super) stamp: Arc<Stamp>,
    pub(super) report: Option<Arc<Report>>,
    pub(super) diags: Diagnostics,
}

/// Every file and folder below a report folder, with its size and
/// modification time: when these are the same, so is the report.
pub(super) type Stamp = Vec<(PathBuf, u64, Option<std::time::SystemTime>, bool)>;

/// `None` (do not cache) when something cannot be read, or was modified so
/// recently that a second write in the same clock tick could go unseen.
pub(super) fn stamp(dir: &Path) -> Option<Stamp> {
    let recent = std::time::SystemTime::now() - std::time::Duration::from_secs(2);
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| {
            let e = e.ok()?;
            let m = e.path().symlink_metadata().ok()?;
            if m.is_dir() {
                // What a folder holds is listed entry by entry already.
                return Some((e.into_path(), 0, None, true));
            }
            let modified = m.modified().ok().filter(|t| *t < recent)?;
            Some((e.into_path(), m.len(), Some(modified), false))
        })
        .collect()
}

#[cfg(test)]
mod cache_tests {
    use super::*;
    use crate::load::load_site_cached;

    /// What a file watcher's paths say about which reports to read again.
    #[test]
    fn changed_paths_name_report_folders() {
        let content = Path::new("/site/content");
        let names = |paths: &[&str]| {
            let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
            report_folders(content, &paths).map(|n| {
                let mut v: Vec<String> = n.iter().map(|s| s.to_string_lossy().into()).collect();
                v.sort();
                v
            })
        };
        assert_eq!(
            names(&[
                "/site/content/reports/a/ket-qua.md",
                "/site/content/reports/b",
                "/site/content/reports/a/datasets/x.yaml",
            ]),
            Some(vec!["a".to_string(), "b".to_string()])
        );
        // Files read on every load anyway.
        assert_eq!(names(&["/site/content/site.yaml"]), Some(vec![]));
        // The reports folder itself, a theme file, a path not recognised:
        // every report is looked at.
        assert_eq!(names(&["/site/content/reports"]), None);
        assert_eq!(names(&["/site/themes/mine/templates/base.html"]), None);
        assert_eq!(names(&["content/reports/a/x.md"]), None);
        assert_eq!(names(&[]), Some(vec![]));
    }

    fn copy(from: &Path, to: &Path) {
        for e in walkdir::WalkDir::new(from) {
            let e = e.unwrap();
            let target = to.join(e.path().strip_prefix(from).unwrap());
            if e.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(e.path(), &target).unwrap();
                let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
                let f = std::fs::File::options().write(true).open(&target).unwrap();
                f.set_modified(old).unwrap();
            }
        }
    }

    #[test]
    fn unchanged_reports_are_reused_and_changed_ones_read_again() {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join("content");
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal/content");
        copy(&fixture, &content);
        copy(
            &fixture.join("reports/demo-2024"),
            &content.join("reports/demo-copy"),
        );
        let mut cache = LoadCache::default();
        let (first, _) = load_site_cached(&content, &mut cache);
        let first = first.unwrap();
        let (again, _) = load_site_cached(&content, &mut cache);
        let again = again.unwrap();
        for (a, b) in first.reports.iter().zip(&again.reports) {
            assert!(Arc::ptr_eq(a, b), "{} was read again", a.slug);
        }
        // One file of one report changes (same length: the time tells).
        let md = content.join("reports/demo-copy/han-che.md");
        let text = std::fs::read_to_string(&md).unwrap();
        std::fs::write(&md, text.replace("thiếu", "thiêu")).unwrap();
        let (edited, _) = load_site_cached(&content, &mut cache);
        let edited = edited.unwrap();
        for (a, b) in first.reports.iter().zip(&edited.reports) {
            assert_eq!(Arc::ptr_eq(a, b), a.slug != "demo-copy", "{}", a.slug);
        }
        assert_ne!(first.reports, edited.reports);
        // A file put back with an old time (as `cp -p` or rsync do) is seen too.
        let age = |p: &Path, secs: u64| {
            let f = std::fs::File::options().write(true).open(p).unwrap();
            f.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(secs))
                .unwrap();
        };
        age(&md, 2700);
        let (settled, _) = load_site_cached(&content, &mut cache);
        let (settled_again, _) = load_site_cached(&content, &mut cache);
        let copy = |s: &Site| {
            s.reports
                .iter()
                .find(|r| r.slug == "demo-copy")
                .unwrap()
                .clone()
        };
        let (settled, settled_again) = (settled.unwrap(), settled_again.unwrap());
        assert!(Arc::ptr_eq(&copy(&settled), &copy(&settled_again)));
        std::fs::write(&md, &text).unwrap();
        age(&md, 1800);
        let (restored, _) = load_site_cached(&content, &mut cache);
        let restored = restored.unwrap();
        assert!(!Arc::ptr_eq(&copy(&settled), &copy(&restored)));
        assert_eq!(copy(&restored), copy(&first));
        // The languages or agencies changing makes every report be read again.
        let agencies = content.join("agencies.yaml");
        let text = std::fs::read_to_string(&agencies).unwrap();
        std::fs::write(&agencies, text.replace("Sở TTTT", "Sở TT-TT")).unwrap();
        let (renamed, _) = load_site_cached(&content, &mut cache);
        for (a, b) in edited.reports.iter().zip(&renamed.unwrap().reports) {
            assert!(!Arc::ptr_eq(a, b), "{}", a.slug);
        }
    }
}
