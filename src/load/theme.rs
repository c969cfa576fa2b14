//! The theme: the built-in one embedded in the binary, and a site's
//! `themes/<name>/` that overrides it file by file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::files;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::yaml;

macro_rules! builtin {
    ($($kind:literal / $name:literal),* $(,)?) => {
        &[$(($kind, $name, include_str!(concat!("../../themes/default/", $kind, "/", $name)))),*]
    };
}

/// (folder, file name, contents) of the built-in theme.
const BUILTIN: &[(&str, &str, &str)] = builtin![
    "templates" / "base.html",
    "templates" / "index.html",
    "templates" / "report.html",
    "templates" / "group.html",
    "templates" / "section.html",
    "templates" / "projects.html",
    "templates" / "indicator.html",
    "templates" / "indicators.html",
    "templates" / "dataset.html",
    "templates" / "404.html",
    "templates" / "counts.html",
    "templates" / "status.html",
    "templates" / "indicator_table.html",
    "templates" / "project_table.html",
    "templates" / "chart_figure.html",
    "templates" / "embed.html",
    "templates" / "agency.html",
    "templates" / "agencies.html",
    "templates" / "search.html",
    "templates" / "data.html",
    "templates" / "compare.html",
    "templates" / "compare_index.html",
    "templates" / "shortcodes/value.html",
    "templates" / "shortcodes/target.html",
    "templates" / "shortcodes/status.html",
    "templates" / "shortcodes/chart.html",
    "static" / "search.js",
    "static" / "style.css",
    "i18n" / "vi.yaml",
    "i18n" / "en.yaml",
];

pub use crate::model::{Template, Theme};

/// Load the built-in theme, then the overrides in `site_root/themes/<name>/`.
pub fn load_theme(site_root: &Path, name: &str) -> (Theme, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut templates: BTreeMap<String, Template> = BTreeMap::new();
    let mut theme = Theme::default();
    for (kind, file, text) in BUILTIN {
        let origin = PathBuf::from(format!("themes/default/{kind}/{file}"));
        match *kind {
            "templates" => {
                templates.insert(
                    file.to_string(),
                    Template {
                        name: file.to_string(),
                        source: text.to_string(),
                        origin,
                    },
                );
            }
            "static" => {
                theme
                    .static_files
                    .insert(file.to_string(), text.as_bytes().to_vec());
            }
            _ => {
                if let Some(map) = parse_i18n(text, &origin, &mut diags) {
                    theme
                        .i18n
                        .insert(file.trim_end_matches(".yaml").to_string(), map);
                }
            }
        }
    }
    if name != "default" {
        let dir = site_root.join("themes").join(name);
        for (kind, path) in theme_files(&dir, &mut diags) {
            let shown = crate::diagnostics::display_path(&path, site_root);
            let rel = path
                .strip_prefix(dir.join(kind))
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            match kind {
                "templates" => match files::read_text(&path, &dir, &shown) {
                    Ok(source) => {
                        templates.insert(
                            rel.clone(),
                            Template {
                                name: rel,
                                source,
                                origin: shown,
                            },
                        );
                    }
                    Err(d) => diags.push(d),
                },
                "static" => {
                    if let Err(d) = files::check_inside(&path, &dir, &shown) {
                        diags.push(d);
                        continue;
                    }
                    if std::fs::metadata(&path).is_ok_and(|m| !m.is_file()) {
                        // A FIFO or device would block the read forever.
                        diags.push(Diagnostic::error(
                            &shown,
                            None,
                            msg!("special-file", en: "not an ordinary file (a named pipe, socket or device)", vi: "không phải một tệp thường (ống dẫn, socket hay thiết bị)"),
                        ));
                        continue;
                    }
                    match std::fs::read(&path) {
                        Ok(bytes) => {
                            theme.static_files.insert(rel, bytes);
                        }
                        Err(e) => diags.push(files::io_error(&shown, &e)),
                    }
                }
                _ => {
                    let Ok(text) = files::read_text(&path, &dir, &shown).map_err(|d| diags.push(d))
                    else {
                        continue;
                    };
                    if let Some(map) = parse_i18n(&text, &shown, &mut diags) {
                        let lang = rel.trim_end_matches(".yaml").to_string();
                        theme.i18n.entry(lang).or_default().extend(map);
                    }
                }
            }
        }
    }
    theme.templates = templates.into_values().collect();
    (theme, diags)
}

fn theme_files(dir: &Path, diags: &mut Diagnostics) -> Vec<(&'static str, PathBuf)> {
    let mut out = Vec::new();
    for kind in ["templates", "static", "i18n"] {
        let sub = dir.join(kind);
        if !sub.is_dir() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&sub)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                e.depth() == 0 || !e.file_name().to_str().is_some_and(files::is_ignored)
            })
        {
            match entry {
                Ok(e) if e.file_type().is_file() || e.path_is_symlink() => {
                    out.push((kind, e.into_path()))
                }
                Ok(_) => {}
                Err(e) => diags.push(Diagnostic::error(
                    &sub,
                    None,
                    msg!("cannot-read", en: "cannot read theme folder: {e}", vi: "không đọc được thư mục giao diện: {e}"),
                )),
            }
        }
    }
    out
}

fn parse_i18n(
    text: &str,
    origin: &Path,
    diags: &mut Diagnostics,
) -> Option<BTreeMap<String, String>> {
    match yaml::parse::<BTreeMap<String, String>>(text, origin, 0) {
        Ok(v) => Some(v.map(|(m, _)| m).unwrap_or_default()),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_theme_has_both_languages_with_the_same_keys() {
        let (theme, diags) = load_theme(Path::new("/nonexistent"), "default");
        assert!(diags.is_empty(), "{diags:?}");
        let vi: Vec<_> = theme.i18n["vi"].keys().collect();
        let en: Vec<_> = theme.i18n["en"].keys().collect();
        assert_eq!(vi, en);
        assert!(theme.templates.iter().any(|t| t.name == "base.html"));
        assert!(theme.static_files.contains_key("style.css"));
    }
}
