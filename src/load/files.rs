//! Reading content files safely: size limit, UTF-8 with the byte offset of the
//! first bad byte, BOM and CRLF accepted, symlinks that leave the content folder
//! refused.

use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// No content file an editor writes comes near this; a larger one is a mistake
/// (or an attack) and is refused before it is parsed.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Read a text file that must lie inside `root` (after resolving symlinks).
pub fn read_text(path: &Path, root: &Path, shown: &Path) -> Result<String, Diagnostic> {
    check_inside(path, root, shown)?;
    let meta = fs::metadata(path).map_err(|e| io_error(shown, &e))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            shown,
            None,
            format!(
                "file is too large ({} bytes; the limit is {} bytes)",
                meta.len(),
                MAX_FILE_BYTES
            ),
        )
        .with_hint("split the data over several files"));
    }
    let bytes = fs::read(path).map_err(|e| io_error(shown, &e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|b| **b == b'\n').count() + 1;
        Diagnostic::error(
            shown,
            None,
            format!("file is not valid UTF-8: invalid byte at offset {at} (line {line})"),
        )
        .with_hint("save the file as UTF-8 (in most editors: Save As → Encoding → UTF-8)")
    })?;
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    Ok(text)
}

/// Refuse a path whose real location is outside `root`.
pub fn check_inside(path: &Path, root: &Path, shown: &Path) -> Result<(), Diagnostic> {
    let is_link = fs::symlink_metadata(path)
        .map(|m| m.file_type().is_symlink())
        .unwrap_or(false);
    let real = fs::canonicalize(path).map_err(|e| io_error(shown, &e))?;
    let real_root = fs::canonicalize(root).map_err(|e| io_error(root, &e))?;
    if !real.starts_with(&real_root) {
        return Err(Diagnostic::error(
            shown,
            None,
            if is_link {
                "symbolic link leads outside the content folder; it is not followed".to_string()
            } else {
                "path resolves outside the content folder".to_string()
            },
        )
        .with_hint("copy the file into the content folder instead of linking to it"));
    }
    Ok(())
}

pub fn io_error(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(path, None, format!("cannot read: {e}"))
}

/// Names starting with `.` or `_` are drafts, editor backups or tooling: ignored.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || name.starts_with('_')
}

/// A slug is lowercase ASCII letters, digits and `-`.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// A suggestion for turning `s` into a slug.
pub fn slugify(s: &str) -> String {
    let ascii = deunicode::deunicode(s).to_lowercase();
    let mut out = String::new();
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Entries of a folder in name order, without ignored names.
pub fn list_dir(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut entries = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
    {
        let entry = entry.map_err(std::io::Error::other)?;
        if entry.file_name().to_str().is_some_and(is_ignored) {
            continue;
        }
        entries.push(entry.into_path());
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("hai-duong-2023"));
        assert!(!is_slug("Hai-Duong"));
        assert!(!is_slug("../x"));
        assert!(!is_slug(""));
        assert_eq!(slugify("Chính quyền số Đà Nẵng"), "chinh-quyen-so-da-nang");
    }
}
