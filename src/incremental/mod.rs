//! Incremental rebuilds for `serve`: the site, theme and every unit's scan
//! are kept between builds, and after an edit the pipeline
//! ([`crate::pipeline::run`]) renders again only the units whose inputs
//! changed ([`Plan`], from what each unit recorded: [`crate::render::inputs`]). The result is the same
//! as a clean build's, file for file (tested in tests/incremental.rs).

mod plan;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;
use crate::model::Theme;
use crate::pipeline::Sink;
use crate::render::links::{Broken, Targets};
use crate::render::{Output, RenderUnit, Rendered};
use crate::BuildOptions;

pub(crate) use plan::Plan;

/// A site kept between builds.
pub struct Incremental {
    content: PathBuf,
    options: BuildOptions,
    last: Option<Last>,
    /// Reports as loaded, reused while their files are unchanged.
    loaded: crate::load::LoadCache,
}

/// The last good build: its inputs, and what the pipeline kept of it.
pub struct Last {
    site: Site,
    theme: Theme,
    kept: Kept,
}

/// What a run of the pipeline keeps for the next: each unit's scan, and
/// the site-wide files.
pub struct Kept {
    pub(crate) units: BTreeMap<RenderUnit, Arc<Rendered>>,
    /// Each unit's broken links, and what links were checked against.
    pub(crate) broken: BTreeMap<RenderUnit, Arc<Broken>>,
    pub(crate) link_targets: Option<Arc<Targets>>,
    /// The search index of each language, to make the next from.
    pub(crate) search: Vec<crate::render::search::LangIndex>,
    /// Files that belong to no unit (static files, search, feeds, sitemap),
    /// written by the last build or kept from the one before.
    pub(crate) site_files: BTreeSet<String>,
    /// The sitemap, which stays as it is while every path does.
    pub(crate) sitemap: Output,
    /// A hash of every path, to find a path written twice by looking only
    /// at the paths a rebuild writes (`None` when two paths share a hash).
    pub(crate) path_hashes: Option<crate::pipeline::PathHashes>,
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
        let (ready, mut diags) = crate::pipeline::prepare_cached(
            &self.content,
            &self.options,
            &mut timings,
            &mut self.loaded,
        );
        let Some((site, theme)) = ready else {
            return Update {
                diags,
                timings,
                ..Default::default()
            };
        };
        let files = Mutex::new(Output::default());
        let ran = crate::pipeline::run(
            &site,
            &theme,
            self.last.as_ref(),
            true,
            &Sink::Memory(&files),
        );
        let ran = match ran {
            Ok(ran) => ran,
            // Memory takes every file; should that ever change, say so.
            Err(e) => {
                diags.push(Diagnostic::error("(output)", None, e.message()));
                return Update {
                    diags,
                    timings,
                    ..Default::default()
                };
            }
        };
        timings.extend(ran.timings);
        let ok = crate::pipeline::settle(&mut diags, ran.diags, self.options.strict);
        let (rendered, units) = (ran.rendered, ran.units);
        let (true, Some(kept)) = (ok, ran.kept) else {
            return Update {
                diags,
                rendered,
                units,
                timings,
                ..Default::default()
            };
        };
        self.last = Some(Last { site, theme, kept });
        Update {
            files: files.into_inner().unwrap_or_else(|e| e.into_inner()),
            removed: ran.removed,
            diags,
            ok: true,
            rendered,
            units,
            timings,
        }
    }
}
