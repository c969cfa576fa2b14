//! The folders of reports/, read in parallel (or taken from the load cache
//! when their files did not change), newest period first.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::*;

use super::agencies::AgencyLookup;
use super::cache::{stamp, CachedReport, Stamp};
use super::{files, Loader};

impl Loader<'_> {
    /// Every report of the site, newest period first (then by slug).
    pub(super) fn reports(
        &mut self,
        langs: &[String],
        agencies: &[Agency],
        lookup: &AgencyLookup,
    ) -> Vec<Arc<Report>> {
        let mut reports = Vec::new();
        let reports_dir = self.root.join("reports");
        if reports_dir.is_dir() {
            match files::list_dir(&reports_dir) {
                Ok(entries) => {
                    reports = self.read_folders(&reports_dir, &entries, langs, agencies, lookup);
                }
                Err(e) => self
                    .diags
                    .push(files::io_error(&self.shown(&reports_dir), &e)),
            }
        }
        if reports.is_empty() && !self.diags.has_errors() {
            self.diags.push(
                Diagnostic::warning(self.shown(&reports_dir), None, msg!("no-reports", en: "the site has no reports", vi: "trang chưa có báo cáo nào"))
                    .with_hint(msg!("no-reports", en: "create reports/<slug>/report.yaml", vi: "tạo reports/<slug>/report.yaml (hoặc chạy `minhbach new report <slug>`)")),
            );
        }
        reports.sort_by(|a, b| {
            b.period
                .end()
                .cmp(&a.period.end())
                .then_with(|| a.slug.cmp(&b.slug))
        });
        reports
    }

    /// Reports are independent: load them in parallel, each with its own
    /// diagnostics, then merge in folder order so that neither the result
    /// nor the order of diagnostics depends on scheduling.
    fn read_folders(
        &mut self,
        reports_dir: &Path,
        entries: &[PathBuf],
        langs: &[String],
        agencies: &[Agency],
        lookup: &AgencyLookup,
    ) -> Vec<Arc<Report>> {
        let mut resolved = self.resolved.fork();
        if let Ok(real) = std::fs::canonicalize(reports_dir) {
            resolved.add(reports_dir, real);
        }
        let root = self.root;
        let context = Some((langs.to_vec(), agencies.to_vec(), lookup.quiet));
        let mut cache = self.cache.take();
        // What changed since the last look; from now on, nothing.
        let changed = cache
            .as_deref_mut()
            .and_then(|c| c.changed.replace(HashSet::new()));
        let earlier = cache.as_deref().filter(|c| c.context == context);
        // A folder the watcher saw no change in is as it was.
        let unchanged = |dir: &Path| {
            changed
                .as_ref()
                .zip(dir.file_name())
                .is_some_and(|(names, name)| !names.contains(name))
        };
        type Loaded = (Option<Arc<Report>>, Diagnostics, Option<Arc<Stamp>>);
        let loaded: Vec<Loaded> = entries
            .par_iter()
            .map(|dir| {
                if let Some(hit) = earlier
                    .filter(|_| unchanged(dir))
                    .and_then(|c| c.reports.get(dir))
                {
                    return (
                        hit.report.clone(),
                        hit.diags.clone(),
                        Some(Arc::clone(&hit.stamp)),
                    );
                }
                let stamp = cache.as_ref().and_then(|_| stamp(dir)).map(Arc::new);
                if let (Some(c), Some(st)) = (earlier, &stamp) {
                    if let Some(hit) = c.reports.get(dir).filter(|h| &h.stamp == st) {
                        return (hit.report.clone(), hit.diags.clone(), stamp);
                    }
                }
                let mut diags = Diagnostics::new();
                let mut loader = Loader {
                    root,
                    resolved: resolved.fork(),
                    diags: &mut diags,
                    cache: None,
                };
                let report = loader.folder(dir, langs, lookup).map(Arc::new);
                (report, diags, stamp)
            })
            .collect();
        let mut reports = Vec::new();
        let mut kept = HashMap::new();
        for (dir, (report, diags, stamp)) in entries.iter().zip(loaded) {
            if let Some(stamp) = stamp {
                kept.insert(
                    dir.clone(),
                    CachedReport {
                        stamp,
                        report: report.clone(),
                        diags: diags.clone(),
                    },
                );
            }
            self.diags.extend(diags);
            reports.extend(report);
        }
        if let Some(cache) = cache {
            cache.context = context;
            cache.reports = kept;
            self.cache = Some(cache);
        }
        reports
    }

    /// One entry of reports/: a report folder, or a file that has no place
    /// there.
    fn folder(&mut self, dir: &Path, langs: &[String], lookup: &AgencyLookup) -> Option<Report> {
        if dir.is_dir() {
            return self.report(dir, langs, lookup);
        }
        let shown = self.shown(dir);
        self.diags.push(
            Diagnostic::warning(shown, None, msg!("file-ignored", en: "file ignored: `reports/` holds one folder per report", vi: "bỏ qua tệp: `reports/` chỉ chứa các thư mục, mỗi báo cáo một thư mục"))
                .with_hint(msg!("file-ignored", en: "move it into a report folder, or start its name with `_` to silence this", vi: "chuyển nó vào một thư mục báo cáo, hoặc đặt tên bắt đầu bằng `_` để không còn cảnh báo này")),
        );
        None
    }
}
