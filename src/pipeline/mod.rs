//! The one pipeline of every command: `build`, `check` and `serve` all run
//!
//! ```text
//! load (content, theme) → units → finish → sink
//! ```
//!
//! [`prepare`] loads and checks the content and the theme;
//! [`run`] cuts the site into [`RenderUnit`]s and renders them in parallel
//! (after an edit only the stale ones: [`crate::incremental::Plan`]),
//! makes what needs the whole site (search indexes, feeds, sitemap, the link
//! check) and hands every file to a [`Sink`]: a staging folder (`build`),
//! memory (`serve`, tests) or nothing (`check`).

mod prepare;
mod sink;
mod written;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use rayon::prelude::*;

use crate::diagnostics::Diagnostics;
use crate::incremental::{Kept, Last, Plan};
use crate::model::Site;
use crate::model::Theme;
use crate::render::{Output, RenderUnit, Rendered, Renderer, Reuse, Summary};
use crate::write::WriteError;
use crate::Timings;

pub(crate) use prepare::{prepare, prepare_cached, settle};
pub use sink::Sink;
pub use written::PathHashes;

/// What one run of the pipeline gave.
pub struct Ran {
    /// The units' diagnostics, the link check's and output clashes.
    pub diags: Diagnostics,
    /// What the output holds (when there is no error; not made for `serve`,
    /// which prints none).
    pub summary: Option<Summary>,
    /// Units rendered by this run, and how many the site has.
    pub rendered: usize,
    pub units: usize,
    /// What the next incremental run starts from (when asked for, and the
    /// run had no error).
    pub kept: Option<Kept>,
    /// Files of the previous run that no longer exist.
    pub removed: Vec<String>,
    /// How long each step took.
    pub timings: Timings,
}

impl Ran {
    fn failed(diags: Diagnostics, timings: Timings) -> Ran {
        Ran {
            diags,
            summary: None,
            rendered: 0,
            units: 0,
            kept: None,
            removed: Vec::new(),
            timings,
        }
    }
}

/// Render `site` with `theme` into `sink`. With `last` (the previous run
/// of `serve`), only the units whose inputs changed are rendered again, and
/// the previous run's files stand for the others; with `keep`, the result
/// says what the next run may reuse. The sink's own error stops the run.
pub fn run(
    site: &Site,
    theme: &Theme,
    last: Option<&Last>,
    keep: bool,
    sink: &Sink,
) -> Result<Ran, WriteError> {
    let mut timings = Timings::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, timings: &mut Timings| {
        timings.push((name, clock.elapsed()));
        clock = Instant::now();
    };
    let renderer = match Renderer::new(site, theme) {
        // Nobody reads what `check` renders: skip the bytes, keep the paths.
        Ok(r) if matches!(sink, Sink::Discard) => r.discarding(),
        Ok(r) => r,
        Err(d) => return Ok(Ran::failed(d, timings)),
    };
    // Rendered once, each unit once: sections free their Markdown as they go.
    let renderer = if keep { renderer } else { renderer.releasing() };
    let fixed = renderer.static_files();
    let static_paths: Vec<String> = fixed.files.keys().cloned().collect();
    let clashes = Mutex::new(fixed.clashes.clone());
    sink.put(fixed)?;
    let all = renderer.units();
    let plan = Plan::new(last, &renderer, site, theme, &all);
    lap("find what changed", &mut timings);

    let units = render_units(&renderer, &all, &plan, sink, &clashes)?;
    lap("render changed units", &mut timings);

    // Every path of the output, borrowed (a national portal has 239,000).
    let mut paths: Vec<&str> =
        Vec::with_capacity(static_paths.len() + units.iter().map(|u| u.paths.len()).sum::<usize>());
    paths.extend(static_paths.iter().map(String::as_str));
    for u in &units {
        paths.extend(u.paths.iter().map(String::as_str));
    }
    let refs: Vec<(&RenderUnit, &Rendered)> = all.iter().zip(units.iter().map(|u| &**u)).collect();
    let reusable = plan.reusable(&all, &units);
    let known = |u: &RenderUnit| reusable.broken(u);
    let sitemap_kept = reusable.sitemap.is_some();
    let done = renderer.finish_with(
        &refs,
        &paths,
        Reuse {
            broken: &known,
            targets: reusable.targets.clone(),
            sitemap: reusable.sitemap,
            keep_targets: keep,
            search: reusable.search,
        },
    );
    drop(refs);
    // Search files a rebuild kept as they were are the site's files too.
    let site_files: BTreeSet<String> = static_paths
        .iter()
        .chain(done.files.files.keys())
        .chain(&done.unchanged)
        .chain(done.sitemap.files.keys())
        .cloned()
        .collect();
    paths.extend(done.files.files.keys().map(String::as_str));
    paths.extend(done.unchanged.iter().map(String::as_str));
    paths.extend(done.sitemap.files.keys().map(String::as_str));
    let (twice, path_hashes) = written::check(&plan, &all, &units, &site_files, &paths, keep);
    // `serve` prints no summary.
    let summary = (!keep).then(|| Summary::of(paths.iter().copied()));
    drop(paths);
    let mut clashes = clashes.into_inner().unwrap_or_else(|e| e.into_inner());
    clashes.extend(done.files.clashes.iter().cloned());
    clashes.extend(done.sitemap.clashes.iter().cloned());
    sink.put(done.files)?;
    let sitemap = if keep {
        if !sitemap_kept {
            sink.put(done.sitemap.clone())?;
        }
        done.sitemap
    } else {
        if !sitemap_kept {
            sink.put(done.sitemap)?;
        }
        Output::default()
    };
    let mut diags = done.diags;
    clashes.extend(twice);
    clashes.sort();
    clashes.dedup();
    for path in &clashes {
        diags.push(written::clash(path));
    }
    lap("search, feeds, link check", &mut timings);
    let rendered = plan.stale_count();
    let unit_count = all.len();
    if diags.has_errors() {
        return Ok(Ran {
            rendered,
            units: unit_count,
            ..Ran::failed(diags, timings)
        });
    }
    let removed = plan.removed(&all, &units, &site_files);
    let kept = keep.then(|| Kept {
        units: all
            .iter()
            .cloned()
            .zip(units.iter().cloned())
            .collect::<BTreeMap<_, _>>(),
        broken: all.iter().cloned().zip(done.broken).collect(),
        link_targets: done.targets,
        search: done.search,
        site_files,
        sitemap,
        path_hashes,
    });
    Ok(Ran {
        diags,
        summary,
        rendered,
        units: unit_count,
        kept,
        removed,
        timings,
    })
}

/// Render the units that changed (every unit without `last`) and hand
/// their files to `sink`, in parallel: units are independent. What each
/// rendered (its paths, links, search entries) comes back in the order of
/// `all`, whatever the order of completion, which decides every later step.
fn render_units(
    renderer: &Renderer,
    all: &[RenderUnit],
    plan: &Plan,
    sink: &Sink,
    clashes: &Mutex<Vec<String>>,
) -> Result<Vec<Arc<Rendered>>, WriteError> {
    all.par_iter()
        .enumerate()
        .map(|(i, unit)| {
            if let Some(kept) = plan.kept(i, unit) {
                return Ok(kept);
            }
            let (out, rendered) = renderer.render_scanned(unit);
            if !out.clashes.is_empty() {
                let mut c = clashes.lock().unwrap_or_else(|e| e.into_inner());
                c.extend(out.clashes.iter().cloned());
            }
            sink.put(out).map(|()| Arc::new(rendered))
        })
        .collect()
}
