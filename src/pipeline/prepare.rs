//! The first step of the pipeline: the content and the theme loaded and
//! checked, ready to render; and how the render's diagnostics join the
//! load's.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics, Lang};
use crate::model::{Site, Theme};
use crate::{load, BuildOptions, Timings};

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
) -> (Option<(Site, Theme)>, Diagnostics) {
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
) -> (Option<(Site, Theme)>, Diagnostics) {
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
                Diagnostic::error(
                    "--base-url",
                    None,
                    {
                        let (en, vi) = (problem.get(Lang::En), problem.get(Lang::Vi));
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
