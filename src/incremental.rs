//! Incremental rebuilds for `serve`: the site, theme and every unit's scan
//! are kept between builds, and after an edit only the units whose inputs
//! changed (see [`crate::render::deps`]) are rendered again. The result is
//! the same as a clean build's, file for file (tested in tests/incremental.rs).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::Diagnostics;
use crate::load::theme::Theme;
use crate::model::Site;
use crate::render::{Output, RenderUnit, Rendered, Renderer, Reuse};
use crate::BuildOptions;

/// A site kept between builds.
pub struct Incremental {
    content: PathBuf,
    options: BuildOptions,
    last: Option<Last>,
    /// Reports as loaded, reused while their files are unchanged.
    loaded: crate::load::LoadCache,
}

/// The last good build: its inputs, and each unit's scan.
struct Last {
    site: Site,
    theme: Theme,
    units: BTreeMap<RenderUnit, Arc<Rendered>>,
    /// Each unit's broken links, and what links were checked against.
    broken: BTreeMap<RenderUnit, Arc<crate::render::links::Broken>>,
    link_targets: Option<Arc<crate::render::links::Targets>>,
    /// Files that belong to no unit (static files, search, feeds, sitemap).
    site_files: BTreeSet<String>,
    /// The sitemap, which stays as it is while every path does.
    sitemap: Output,
}

/// What one rebuild changed in the output.
#[derive(Debug, Default)]
pub struct Update {
    /// Files written or rewritten (the whole output on the first build).
    pub files: Output,
    /// Files of the previous build that no longer exist.
    pub removed: Vec<String>,
    pub diags: Diagnostics,
    /// False when the build failed: the previous output stays as it was.
    pub ok: bool,
    /// Units rendered by this build, and how many the site has.
    pub rendered: usize,
    pub units: usize,
    /// How long each step took.
    pub timings: crate::Timings,
}

impl Incremental {
    pub fn new(content: &Path, options: BuildOptions) -> Self {
        Incremental {
            content: content.to_path_buf(),
            options,
            last: None,
            loaded: Default::default(),
        }
    }

    /// [`Incremental::rebuild`] when a file watcher says which files changed
    /// since the last rebuild (`None`: it lost track): only the reports
    /// holding them are read again.
    pub fn rebuild_after(&mut self, changed: Option<&[PathBuf]>) -> Update {
        self.loaded.changed(&self.content, changed);
        self.rebuild()
    }

    /// Load the content again and render what changed since the last good
    /// build. Every report's files are looked at to see whether it changed.
    pub fn rebuild(&mut self) -> Update {
        let mut timings = crate::Timings::new();
        let (ready, mut diags) =
            crate::prepare_cached(&self.content, &self.options, &mut timings, &mut self.loaded);
        let Some((site, theme)) = ready else {
            return Update {
                diags,
                timings,
                ..Default::default()
            };
        };
        let clock = std::time::Instant::now();
        let renderer = match Renderer::new(&site, &theme) {
            Ok(r) => r,
            Err(d) => {
                diags.extend(d);
                return Update {
                    diags,
                    timings,
                    ..Default::default()
                };
            }
        };
        // The theme, the settings and the agencies show on every page.
        let previous = self.last.as_ref().filter(|last| {
            same_theme(&last.theme, &theme)
                && last.site.config == site.config
                && last.site.agencies == site.agencies
        });
        let changes = previous.map(|last| renderer.changes_since(&last.site));
        let all = renderer.units();
        let stale: Vec<&RenderUnit> = all
            .iter()
            .filter(|u| match (&changes, previous) {
                (Some(c), Some(last)) => !last.units.contains_key(*u) || c.affects(u),
                _ => true,
            })
            .collect();
        timings.push(("find what changed", clock.elapsed()));
        let clock = std::time::Instant::now();
        let fresh: Vec<(RenderUnit, Output, Rendered)> = stale
            .par_iter()
            .map(|u| {
                let (out, rendered) = renderer.render_scanned(u);
                ((*u).clone(), out, rendered)
            })
            .collect();
        timings.push(("render changed units", clock.elapsed()));
        let clock = std::time::Instant::now();

        let mut units: BTreeMap<RenderUnit, Arc<Rendered>> = BTreeMap::new();
        let mut files = renderer.static_files();
        let static_paths: Vec<String> = files.files.keys().cloned().collect();
        // Paths of the previous build that may be gone: those of the units
        // rendered again or dropped, and the site-wide files.
        let mut old_paths: Vec<String> = Vec::new();
        let mut new_paths: std::collections::HashSet<String> = std::collections::HashSet::new();
        if let Some(last) = &self.last {
            old_paths.extend(last.site_files.iter().cloned());
        }
        // When every unit rendered again has the same pages with the same
        // ids as before, and no unit came or went, links of the other units
        // lead where they did: their broken links are still the same.
        let same_units = |also: &dyn Fn(&Rendered, &Rendered) -> bool| {
            previous.is_some_and(|last| {
                last.units.len() == all.len()
                    && fresh.iter().all(|(u, _, r)| {
                        last.units
                            .get(u)
                            .is_some_and(|old| old.paths == r.paths && also(old, r))
                    })
            })
        };
        // With the same theme (static files), base address and units, and
        // every unit rendered again writing the files it wrote before, the
        // output has the same paths: the sitemap is the same.
        let paths_hold = same_units(&|_, _| true);
        let links_hold = same_units(&|old, new| old.links.same_targets(&new.links));
        let fresh_units: std::collections::HashSet<RenderUnit> =
            fresh.iter().map(|(u, _, _)| u.clone()).collect();
        let mut fresh_by_unit: BTreeMap<RenderUnit, (Output, Rendered)> =
            fresh.into_iter().map(|(u, out, r)| (u, (out, r))).collect();
        for u in &all {
            let kept = self.last.as_ref().and_then(|l| l.units.get(u));
            match fresh_by_unit.remove(u) {
                Some((mut out, rendered)) => {
                    if let Some(old) = kept {
                        old_paths.extend(old.paths.iter().cloned());
                    }
                    new_paths.extend(rendered.paths.iter().cloned());
                    files.files.append(&mut out.files);
                    units.insert(u.clone(), Arc::new(rendered));
                }
                None => {
                    if let Some(old) = kept {
                        units.insert(u.clone(), Arc::clone(old));
                    }
                }
            }
        }
        if let Some(last) = &self.last {
            for (u, r) in &last.units {
                if !units.contains_key(u) {
                    old_paths.extend(r.paths.iter().cloned());
                }
            }
        }
        let mut paths: Vec<&str> = units
            .values()
            .flat_map(|r| r.paths.iter().map(String::as_str))
            .collect();
        paths.extend(static_paths.iter().map(String::as_str));
        let refs: Vec<(&RenderUnit, &Rendered)> = units.iter().map(|(u, r)| (u, &**r)).collect();
        let last_broken = self.last.as_ref().map(|l| &l.broken);
        let known = |u: &RenderUnit| -> Option<Arc<crate::render::links::Broken>> {
            if !links_hold || fresh_units.contains(u) {
                return None;
            }
            last_broken.and_then(|b| b.get(u)).cloned()
        };
        // The same paths and ids as before (see `links_hold`): the same targets.
        let targets = self
            .last
            .as_ref()
            .filter(|_| links_hold)
            .and_then(|l| l.link_targets.clone());
        let kept_sitemap = previous.filter(|_| paths_hold).map(|l| &l.sitemap);
        let sitemap_kept = kept_sitemap.is_some();
        let done = renderer.finish_with(
            &refs,
            &paths,
            Reuse {
                broken: &known,
                targets,
                sitemap: kept_sitemap,
                keep_targets: true,
            },
        );
        let broken: BTreeMap<RenderUnit, Arc<crate::render::links::Broken>> =
            units.keys().cloned().zip(done.broken).collect();
        let (site_wide, render_diags, link_targets, sitemap) =
            (done.files, done.diags, done.targets, done.sitemap);
        timings.push(("search, feeds, link check", clock.elapsed()));
        let ok = crate::settle(&mut diags, render_diags, self.options.strict);
        let rendered = stale.len();
        let unit_count = all.len();
        if !ok {
            return Update {
                diags,
                rendered,
                units: unit_count,
                timings,
                ..Default::default()
            };
        }
        let mut site_files: BTreeSet<String> = static_paths.iter().cloned().collect();
        site_files.extend(site_wide.files.keys().cloned());
        site_files.extend(sitemap.files.keys().cloned());
        let mut site_wide = site_wide;
        files.files.append(&mut site_wide.files);
        if !sitemap_kept {
            files.files.extend(sitemap.files.clone());
        }
        // A path belongs to one unit, so one kept from before is still there.
        let mut removed: Vec<String> = old_paths
            .into_iter()
            .filter(|p| !new_paths.contains(p) && !site_files.contains(p))
            .collect();
        removed.sort();
        removed.dedup();
        drop(refs);
        drop(paths);
        drop(renderer);
        self.last = Some(Last {
            site,
            theme,
            units,
            broken,
            link_targets,
            site_files,
            sitemap,
        });
        Update {
            files,
            removed,
            diags,
            ok: true,
            rendered,
            units: unit_count,
            timings,
        }
    }
}

fn same_theme(a: &Theme, b: &Theme) -> bool {
    a.static_files == b.static_files
        && a.i18n == b.i18n
        && a.templates.len() == b.templates.len()
        && a.templates
            .iter()
            .zip(&b.templates)
            .all(|(x, y)| x.name == y.name && x.source == y.source && x.origin == y.origin)
}
