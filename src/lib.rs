//! minhbach: a static site generator for public transparency reports.
//!
//! The pipeline reads off the module tree: [`load`] (files → typed model with
//! positions) → [`model`] (reports, indicators, computed status) → [`render`]
//! (HTML via Tera, SVG via plotters, data files), run by [`pipeline`] (the
//! same for `build`, `check` and `serve`, which keeps the last build in
//! [`incremental`]) into a sink: [`write`] (atomic output), memory or
//! nothing. Problems travel as [`diagnostics::Diagnostic`] values to the
//! CLI, which prints them.

// A diagnostic is a few strings; it travels on the error path only, once per
// problem, so boxing it would buy nothing measurable and cost readability.
#![allow(clippy::result_large_err)]

#[macro_use]
pub mod diagnostics;
pub mod helpers;
pub mod incremental;
pub mod load;
pub mod model;
pub mod pipeline;
pub mod render;
pub mod scaffold;
#[cfg(feature = "serve")]
pub mod serve;
pub mod template;
pub mod write;
pub mod yaml;

use std::path::Path;

use diagnostics::Diagnostics;

/// Options of one build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Replaces `base_url` of site.yaml.
    pub base_url: Option<String>,
    /// Treat warnings as errors.
    pub strict: bool,
}

/// Load, check and render the site in `content_dir` in memory. Returns the
/// output when there are no errors, and every diagnostic either way.
pub fn build(content_dir: &Path, options: &BuildOptions) -> (Option<render::Output>, Diagnostics) {
    let (out, diags, _) = build_timed(content_dir, options);
    (out, diags)
}

/// How long each step of a build took, in order.
pub type Timings = Vec<(&'static str, std::time::Duration)>;

/// [`build`], also telling how long loading, the theme and rendering took.
pub fn build_timed(
    content_dir: &Path,
    options: &BuildOptions,
) -> (Option<render::Output>, Diagnostics, Timings) {
    let all = std::sync::Mutex::new(render::Output::default());
    let (ran, diags, timings) = run(
        content_dir,
        options,
        "render and check links",
        &pipeline::Sink::Memory(&all),
    );
    let out = all.into_inner().unwrap_or_else(|e| e.into_inner());
    match ran {
        Ok(Some(_)) => (Some(out), diags, timings),
        _ => (None, diags, timings),
    }
}

/// Check the site in `content_dir` as a build would, rendering every page
/// but keeping none: what would be built (`None` when there are errors) and
/// every diagnostic.
pub fn check(content_dir: &Path, options: &BuildOptions) -> (Option<render::Summary>, Diagnostics) {
    let (ran, diags, _) = run(
        content_dir,
        options,
        "render and check links",
        &pipeline::Sink::Discard,
    );
    (ran.ok().flatten(), diags)
}

/// Build the site in `content_dir` into `out_dir`, writing each part of the
/// site as soon as it is rendered into a staging folder that replaces
/// `out_dir` only when the whole build succeeded. Returns what was written
/// (`None` when the content has errors: `out_dir` is then unchanged), every
/// diagnostic, and how long each step took.
pub fn build_to_dir(
    content_dir: &Path,
    out_dir: &Path,
    options: &BuildOptions,
) -> (
    Result<Option<render::Summary>, write::WriteError>,
    Diagnostics,
    Timings,
) {
    build_to_dir_with(
        content_dir,
        out_dir,
        options,
        &write::PngCache::open(content_dir),
    )
}

/// [`build_to_dir`], drawing chart PNGs through `png_cache` (which then
/// says how many it drew and reused), pruned after a successful build.
pub fn build_to_dir_with(
    content_dir: &Path,
    out_dir: &Path,
    options: &BuildOptions,
    png_cache: &write::PngCache,
) -> (
    Result<Option<render::Summary>, write::WriteError>,
    Diagnostics,
    Timings,
) {
    // The staging folder is made once the content loaded without errors.
    let staging = std::sync::OnceLock::new();
    let (ran, diags, mut timings) = run_with(content_dir, options, |site, theme, timings| {
        let clock = std::time::Instant::now();
        let staging = match write::Staging::new(out_dir, content_dir) {
            Ok(s) => staging.get_or_init(|| s),
            Err(e) => return Err(e),
        };
        let ran = pipeline::run(
            site,
            theme,
            None,
            false,
            &pipeline::Sink::Disk(staging, png_cache),
        );
        timings.push(("render and write", clock.elapsed()));
        ran
    });
    let summary = match ran {
        Ok(Some(summary)) => summary,
        // Dropping the staging folder removes it; the output stays as it was.
        other => return (other, diags, timings),
    };
    let clock = std::time::Instant::now();
    let committed = match staging.into_inner() {
        Some(staging) => staging.commit(),
        None => Ok(()),
    };
    timings.push(("replace output", clock.elapsed()));
    if committed.is_ok() {
        png_cache.prune();
    }
    (committed.map(|()| Some(summary)), diags, timings)
}

/// Load the content and the theme, and run the pipeline into `sink` (the
/// step named `step` in the timings).
fn run(
    content_dir: &Path,
    options: &BuildOptions,
    step: &'static str,
    sink: &pipeline::Sink,
) -> (
    Result<Option<render::Summary>, write::WriteError>,
    Diagnostics,
    Timings,
) {
    run_with(content_dir, options, |site, theme, timings| {
        let clock = std::time::Instant::now();
        let ran = pipeline::run(site, theme, None, false, sink);
        timings.push((step, clock.elapsed()));
        ran
    })
}

/// Load the content and the theme, and hand them to `render` (a run of the
/// pipeline); settle its diagnostics with the load's.
fn run_with(
    content_dir: &Path,
    options: &BuildOptions,
    render: impl FnOnce(
        &model::Site,
        &load::theme::Theme,
        &mut Timings,
    ) -> Result<pipeline::Ran, write::WriteError>,
) -> (
    Result<Option<render::Summary>, write::WriteError>,
    Diagnostics,
    Timings,
) {
    let mut timings = Timings::new();
    let (ready, mut diags) = pipeline::prepare(content_dir, options, &mut timings);
    let Some((site, theme)) = ready else {
        return (Ok(None), diags, timings);
    };
    let ran = match render(&site, &theme, &mut timings) {
        Ok(ran) => ran,
        Err(e) => return (Err(e), diags, timings),
    };
    let ok = pipeline::settle(&mut diags, ran.diags, options.strict);
    // Freeing a national portal's model takes 60 ms that nothing waits
    // for: free it beside the caller (when the process exits first, the
    // system takes the memory back at once).
    std::thread::spawn(move || drop((site, theme)));
    (Ok(ran.summary.filter(|_| ok)), diags, timings)
}
