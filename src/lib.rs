//! minhbach: a static site generator for public transparency reports.
//!
//! The pipeline reads off the module tree: [`load`] (files → typed model with
//! positions) → [`model`] (reports, indicators, computed status) → [`render`]
//! (HTML via Tera, SVG via plotters, data files) → [`write`] (atomic output).
//! Problems travel as [`diagnostics::Diagnostic`] values to the CLI, which
//! prints them.

// A diagnostic is a few strings; it travels on the error path only, once per
// problem, so boxing it would buy nothing measurable and cost readability.
#![allow(clippy::result_large_err)]

#[macro_use]
pub mod diagnostics;
pub mod helpers;
pub mod incremental;
pub mod load;
pub mod model;
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
    let mut timings = Timings::new();
    let (ready, mut diags) = prepare(content_dir, options, &mut timings);
    let Some((site, theme)) = ready else {
        return (None, diags, timings);
    };
    let clock = std::time::Instant::now();
    let (out, render_diags) = render::render_site(&site, &theme);
    timings.push(("render and check links", clock.elapsed()));
    if settle(&mut diags, render_diags, options.strict) {
        (out, diags, timings)
    } else {
        (None, diags, timings)
    }
}

/// Check the site in `content_dir` as a build would, rendering every page
/// but keeping none: what would be built (`None` when there are errors) and
/// every diagnostic.
pub fn check(content_dir: &Path, options: &BuildOptions) -> (Option<render::Summary>, Diagnostics) {
    let mut timings = Timings::new();
    let (ready, mut diags) = prepare(content_dir, options, &mut timings);
    let Some((site, theme)) = ready else {
        return (None, diags);
    };
    let discard = |_| -> Result<(), std::convert::Infallible> { Ok(()) };
    let Ok((summary, render_diags)) = render::render_into(&site, &theme, &discard);
    if settle(&mut diags, render_diags, options.strict) {
        (summary, diags)
    } else {
        (None, diags)
    }
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
    let mut timings = Timings::new();
    let (ready, mut diags) = prepare(content_dir, options, &mut timings);
    let Some((site, theme)) = ready else {
        return (Ok(None), diags, timings);
    };
    let clock = std::time::Instant::now();
    let staging = match write::Staging::new(out_dir, content_dir) {
        Ok(s) => s,
        Err(e) => return (Err(e), diags, timings),
    };
    // Chart PNGs are drawn here, on their way out, and only here (not in `check` or `serve`).
    let rendered = render::render_into(&site, &theme, &|part| {
        staging.write(&render::export::draw_pending(part))
    });
    timings.push(("render and write", clock.elapsed()));
    let (summary, render_diags) = match rendered {
        Ok(r) => r,
        Err(e) => return (Err(e), diags, timings),
    };
    if !settle(&mut diags, render_diags, options.strict) {
        // Dropping the staging folder removes it; the output stays as it was.
        return (Ok(None), diags, timings);
    }
    let clock = std::time::Instant::now();
    let committed = staging.commit();
    timings.push(("replace output", clock.elapsed()));
    // Freeing a national portal's model takes 60 ms that nothing waits
    // for: free it beside the caller (when the process exits first, the
    // system takes the memory back at once).
    std::thread::spawn(move || drop((site, theme)));
    (committed.map(|()| summary), diags, timings)
}

/// Add the render's diagnostics to the load's (under `--strict` warnings
/// count as errors). Whether the build succeeded.
pub(crate) fn settle(diags: &mut Diagnostics, render: Diagnostics, strict: bool) -> bool {
    diags.extend(render);
    if strict {
        diags.make_strict();
    }
    !diags.has_errors()
}

/// Load and check the content and the theme: the site and theme ready to
/// render, or `None` when there are errors.
pub(crate) fn prepare(
    content_dir: &Path,
    options: &BuildOptions,
    timings: &mut Timings,
) -> (Option<(model::Site, load::theme::Theme)>, Diagnostics) {
    prepare_cached(
        content_dir,
        options,
        timings,
        &mut load::LoadCache::default(),
    )
}

/// [`prepare`], reusing the reports of `cache` whose files did not change.
pub(crate) fn prepare_cached(
    content_dir: &Path,
    options: &BuildOptions,
    timings: &mut Timings,
    cache: &mut load::LoadCache,
) -> (Option<(model::Site, load::theme::Theme)>, Diagnostics) {
    let mut clock = std::time::Instant::now();
    let mut lap = |name: &'static str, timings: &mut Timings| {
        timings.push((name, clock.elapsed()));
        clock = std::time::Instant::now();
    };
    let (site, mut diags) = load::load_site_cached(content_dir, cache);
    lap("load content", timings);
    if options.strict {
        diags.make_strict();
    }
    let Some(mut site) = site.filter(|_| !diags.has_errors()) else {
        return (None, diags);
    };
    if let Some(url) = &options.base_url {
        if let Some(problem) = load::site_rules::base_url_problem(url) {
            diags.push(
                diagnostics::Diagnostic::error(
                    "--base-url",
                    None,
                    {
                        let (en, vi) = (problem.get(diagnostics::Lang::En), problem.get(diagnostics::Lang::Vi));
                        msg!("invalid-base-url", en: "`{url}` is not a site address: {en}", vi: "`{url}` không phải là địa chỉ trang web: {vi}")
                    },
                )
                .with_hint(msg!("invalid-base-url", en: "write the full address, e.g. https://example.org/transparency/", vi: "viết đầy đủ địa chỉ, ví dụ https://example.org/minh-bach/")),
            );
            return (None, diags);
        }
        site.config.base_url = if url.ends_with('/') {
            url.clone()
        } else {
            format!("{url}/")
        };
    }
    let site_root = content_dir.parent().unwrap_or(Path::new("."));
    let (theme, theme_diags) = load::theme::load_theme(site_root, &site.config.theme);
    diags.extend(theme_diags);
    lap("load theme", timings);
    if diags.has_errors() {
        return (None, diags);
    }
    (Some((site, theme)), diags)
}
