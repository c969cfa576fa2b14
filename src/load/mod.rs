//! Load a content folder into the typed model, collecting every diagnostic
//! instead of stopping at the first.
//!
//! [`load_site`] reads site.yaml (site_config.rs), agencies.yaml
//! (agencies.rs), then every report folder in parallel (reports.rs; one
//! report in report.rs, its indicators, projects, datasets and sections in
//! their own files), and merges the indicators' histories (history.rs).
//! cache.rs keeps what `serve` can reuse from one load to the next.

mod agencies;
mod areas;
mod boundaries;
mod cache;
mod datasets;
mod doc;
mod files;
mod history;
mod indicators;
mod number;
mod projects;
mod provenance;
mod raw;
mod report;
mod reports;
mod sections;
mod shortcodes;
mod site_config;
pub mod site_rules;
mod spreadsheet;
pub mod theme;
mod traps;

use std::cell::OnceCell;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Diagnostics, Lang, Pos};
use crate::model::*;
use crate::yaml::{self, Spans};

pub use agencies::AgencyLookup;
pub use cache::LoadCache;
use doc::Doc;
pub use files::{is_slug, slugify, MAX_FILE_BYTES};
use indicators::parse_unit;
pub use spreadsheet::column_letters;

/// Slugs that name fixed pages inside a report and so cannot be section slugs.
pub const RESERVED_SLUGS: &[&str] = &[
    "groups",
    "projects",
    "indicators",
    "datasets",
    "data",
    "static",
    "agencies",
];

/// Load the site in `content_dir`. Returns the site when it is usable (it may
/// still come with warnings) and all diagnostics.
pub fn load_site(content_dir: &Path) -> (Option<Site>, Diagnostics) {
    load_site_cached(content_dir, &mut LoadCache::default())
}

/// [`load_site`], reusing the reports of an earlier call whose files did not
/// change (same names, sizes and modification times), as long as the site's
/// languages and agencies are the same. For `serve`'s rebuilds.
pub fn load_site_cached(content_dir: &Path, cache: &mut LoadCache) -> (Option<Site>, Diagnostics) {
    if !std::mem::take(&mut cache.told) {
        cache.changed = None;
    }
    let mut diags = Diagnostics::new();
    // Every file read is checked to lie inside the content folder; resolve the
    // folder itself once (when it cannot be, each check resolves it and fails).
    let real_root = std::fs::canonicalize(content_dir).ok();
    let site = Loader {
        root: content_dir,
        resolved: files::Resolved::new(content_dir, real_root),
        diags: &mut diags,
        cache: Some(cache),
    }
    .site();
    let site = if diags.has_errors() { None } else { site };
    (site, diags)
}

/// The language of messages for the site in `content_dir`: its first
/// language (`vi` when site.yaml lists none, as the loader reads it), when
/// that is one the tool speaks. `None` when there is no readable site.yaml.
pub fn site_language(content_dir: &Path) -> Option<Lang> {
    #[derive(serde::Deserialize)]
    struct Languages {
        languages: Option<Vec<String>>,
    }
    let path = content_dir.join("site.yaml");
    let src = files::read_text(&path, content_dir, &path).ok()?;
    let site: Languages = yaml::parse_value(&src, &path, 0).ok()??;
    match site.languages {
        None => Some(Lang::Vi),
        Some(l) => Lang::parse(l.first()?),
    }
}

struct Loader<'a> {
    root: &'a Path,
    /// Real locations of `root` and of the folders being read.
    resolved: files::Resolved<'a>,
    diags: &'a mut Diagnostics,
    /// Reports of an earlier load, and where to keep this one's.
    cache: Option<&'a mut LoadCache>,
}

impl Loader<'_> {
    fn shown(&self, path: &Path) -> PathBuf {
        crate::diagnostics::display_path(path, self.root.parent().unwrap_or(self.root))
    }

    /// Read a content file (see [`files::read_text`]).
    fn read_text(&self, path: &Path, shown: &Path) -> Result<String, Diagnostic> {
        files::read_text_in(path, &self.resolved, shown)
    }

    /// Read and parse one YAML file. `Ok(None)` is an empty file.
    fn parse<'l, T: DeserializeOwned>(
        &mut self,
        path: &Path,
        langs: &'l [String],
    ) -> Option<(Option<T>, Doc<'l>)> {
        let shown = self.shown(path);
        let src = match self.read_text(path, &shown) {
            Ok(s) => s,
            Err(d) => {
                self.diags.push(d);
                return None;
            }
        };
        match yaml::parse_value::<T>(&src, &shown, 0) {
            Ok(Some(v)) => Some((
                Some(v),
                Doc {
                    shown,
                    src,
                    spans: OnceCell::new(),
                    langs,
                    typed: OnceCell::new(),
                    cells: None,
                },
            )),
            Ok(None) => Some((
                None,
                Doc {
                    shown,
                    src,
                    spans: OnceCell::from(Spans::default()),
                    langs,
                    typed: OnceCell::new(),
                    cells: None,
                },
            )),
            Err(d) => {
                self.diags.push(d);
                None
            }
        }
    }

    fn site(&mut self) -> Option<Site> {
        if !self.root.is_dir() {
            self.diags.push(
                Diagnostic::error(self.root, None, msg!("no-content-folder", en: "content folder not found", vi: "không tìm thấy thư mục nội dung")).with_hint(
                    msg!("no-content-folder", en: "run from the folder that contains `content/`, or pass --content DIR", vi: "chạy lệnh trong thư mục chứa `content/`, hoặc thêm --content THƯ_MỤC"),
                ),
            );
            return None;
        }
        let (config, boundaries) = self.config()?;
        self.unexpected_files(
            self.root,
            &[
                "site.yaml",
                "agencies.yaml",
                areas::AREAS_FILE,
                "reports",
                boundaries::BOUNDARIES_DIR,
            ],
            None,
        );
        let langs = config.languages.clone();
        let errors_before = self.diags.error_count();
        let agencies = self.agencies(&langs);
        let mut lookup = AgencyLookup::new(&agencies);
        // With a broken agencies.yaml every name would look unknown: say it once, there.
        lookup.quiet = self.diags.error_count() > errors_before;
        let areas = self.areas(&langs);
        let reports = self.reports(&langs, &agencies, &lookup);
        self.check_areas_and_codes(&areas, &reports);
        self.check_boundaries(&boundaries, &areas, &reports);
        let histories = self.merged_histories(&reports);
        Some(Site {
            config,
            agencies,
            reports,
            histories,
            areas,
            boundaries,
        })
    }
}

/// Position helper for the sections module.
fn pos(line: usize, col: usize) -> Pos {
    Pos::new(line, col)
}
