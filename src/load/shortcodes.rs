//! The shortcodes of a section's Markdown, checked once while loading: each
//! call parses, has a known name and its argument, and names an indicator or
//! a group the report defines. The renderer then only looks them up.

use std::path::Path;

use super::report::unknown_group;
use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics, Msg, Pos};
use crate::helpers::shortcode::{self, Call};
use crate::model::{Shortcode, ShortcodeKind, SHORTCODES};

/// What a section's shortcodes may name. `indicators` is `None` when
/// indicators.yaml had errors: its indicators are then not all known, and
/// the errors already stop the build.
pub(super) struct Names<'a> {
    pub indicators: Option<&'a [&'a str]>,
    pub groups: &'a [&'a str],
}

/// The shortcodes of `markdown` (the body of the file at `path`, starting on
/// its line `body_line`), one for each call that parses; an error for each
/// one that is wrong.
pub(super) fn check(
    markdown: &str,
    body_line: usize,
    path: &Path,
    names: &Names,
    diags: &mut Diagnostics,
) -> Vec<Option<Shortcode>> {
    let mut shortcodes = Vec::new();
    for found in shortcode::scan(markdown) {
        let (line, col) = (found.line, found.col);
        let mut error = |message: Msg, hint: Option<Msg>| {
            let mut d = Diagnostic::error(path, Some(Pos::new(body_line + line - 1, col)), message);
            d.source_line = markdown.lines().nth(line - 1).map(str::to_string);
            if let Some(h) = hint {
                d = d.with_hint(h);
            }
            diags.push(d);
        };
        match found.call {
            Ok(call) => {
                let kind = kind(&call, names).map_err(|(m, h)| error(m, h)).ok();
                shortcodes.push(kind.map(|kind| Shortcode { kind, line, col }));
            }
            Err(message) => error(
                message,
                Some(
                    msg!("shortcode-syntax", en: "write shortcodes as {{{{ value(indicator=\"online-dossier-rate\") }}}}", vi: "viết mã ngắn như {{{{ value(indicator=\"online-dossier-rate\") }}}}"),
                ),
            ),
        }
    }
    shortcodes
}

type Wrong = (Msg, Option<Msg>);

/// What `call` shows, or what is wrong with it.
fn kind(call: &Call, names: &Names) -> Result<ShortcodeKind, Wrong> {
    let name = &call.name;
    let arg = |key: &str| -> Result<String, Wrong> {
        call.args.get(key).cloned().ok_or_else(|| {
            (
                msg!("shortcode-argument", en: "shortcode `{name}` needs `{key}=\"...\"`", vi: "mã ngắn `{name}` cần `{key}=\"...\"`"),
                None,
            )
        })
    };
    let indicator = || -> Result<String, Wrong> {
        let id = arg("indicator")?;
        match names.indicators {
            Some(ids) if !ids.contains(&id.as_str()) => {
                let hint = did_you_mean(&id, ids.iter().copied()).map(
                    |b| msg!("did-you-mean", en: "did you mean `{b}`?", vi: "có phải là `{b}`?"),
                );
                Err((
                    msg!("unknown-indicator", en: "indicator `{id}` is not defined in this report's indicators.yaml", vi: "chỉ tiêu `{id}` không có trong indicators.yaml của báo cáo này"),
                    hint,
                ))
            }
            _ => Ok(id),
        }
    };
    match name.as_str() {
        "value" => Ok(ShortcodeKind::Value {
            indicator: indicator()?,
        }),
        "target" => Ok(ShortcodeKind::Target {
            indicator: indicator()?,
        }),
        "status" => Ok(ShortcodeKind::Status {
            indicator: indicator()?,
        }),
        "chart" => {
            let group = arg("group")?;
            if !names.groups.contains(&group.as_str()) {
                let (message, hint) = unknown_group(&group, names.groups);
                return Err((message, Some(hint)));
            }
            Ok(ShortcodeKind::Chart { group })
        }
        _ => {
            let hint = did_you_mean(name, SHORTCODES.iter().copied())
                .map(|b| msg!("did-you-mean", en: "did you mean `{b}`?", vi: "có phải là `{b}`?"))
                .unwrap_or_else(|| msg!("unknown-shortcode", en: "shortcodes: {}", vi: "các mã ngắn: {}", SHORTCODES.join(", ")));
            Err((
                msg!("unknown-shortcode", en: "unknown shortcode `{name}`", vi: "mã ngắn `{name}` không tồn tại"),
                Some(hint),
            ))
        }
    }
}
