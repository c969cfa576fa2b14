//! Which folders a build may replace. A build deletes what was in its output
//! folder, so it only builds into a folder that is missing, empty, or an
//! earlier minhbach output (recognised by the marker file every build
//! writes); never into the content or theme folders, or a folder holding them.

use std::fs;
use std::path::{Path, PathBuf};

use super::WriteError;

/// The file every build writes at the top of its output: the sign that the
/// folder is minhbach's to replace.
pub const MARKER: &str = ".minhbach-output";

/// What the marker file says, for a person who finds it.
pub const MARKER_TEXT: &str =
    "This folder was written by `minhbach build`; the next build replaces all of it.\n";

/// Resolve `p` as far as it exists, so that `a/../b` and symlinks compare right.
pub(crate) fn absolute(p: &Path) -> PathBuf {
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    // `..` after a missing folder cannot be resolved on disk: drop it by
    // name (as the shell does), keeping the rest for canonicalize.
    let mut abs = PathBuf::new();
    for c in joined.components() {
        match c {
            std::path::Component::ParentDir => {
                abs.pop();
            }
            std::path::Component::CurDir => {}
            c => abs.push(c),
        }
    }
    let mut existing = abs.clone();
    let mut rest = Vec::new();
    while fs::symlink_metadata(&existing).is_err() {
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = fs::canonicalize(&existing).unwrap_or(existing);
    for name in rest.into_iter().rev() {
        out.push(name);
    }
    out
}

/// Why `out` may not be `protected` (a folder a build must never delete), if so.
fn overlaps(out: &Path, protected: &Path) -> Option<&'static str> {
    if out == protected {
        Some("is")
    } else if protected.starts_with(out) {
        Some("contains")
    } else if out.starts_with(protected) {
        Some("is inside")
    } else {
        None
    }
}

/// Check that `out_dir` may be replaced by a build of `content_dir`.
pub fn check_output_dir(out_dir: &Path, content_dir: &Path) -> Result<(), WriteError> {
    let out = absolute(out_dir);
    let content = absolute(content_dir);
    let shown = out_dir.display();
    let hint = "build into a new folder, e.g. `--output public` beside the content folder";
    if out.parent().is_none() {
        return Err(WriteError::Refused(format!(
            "the output folder cannot be the file system root; {hint}"
        )));
    }
    if let Some(how) = overlaps(&out, &content) {
        return Err(WriteError::Refused(format!(
            "the output folder {shown} {how} the content folder {}; a build replaces its output folder, which would delete the content; {hint}",
            content_dir.display()
        )));
    }
    if let Some(root) = content.parent() {
        let themes = root.join("themes");
        if themes.exists() {
            if let Some(how) = overlaps(&out, &themes) {
                return Err(WriteError::Refused(format!(
                    "the output folder {shown} {how} the site's themes folder {}; a build replaces its output folder, which would delete the theme; {hint}",
                    themes.display()
                )));
            }
        }
    }
    let meta = match fs::symlink_metadata(out_dir) {
        Ok(m) => m,
        Err(_) => return Ok(()),
    };
    if !meta.is_dir() {
        let what = if meta.file_type().is_symlink() {
            "a symbolic link"
        } else {
            "an existing file"
        };
        return Err(WriteError::Refused(format!(
            "the output path {shown} is {what}, not a folder; {hint}"
        )));
    }
    if out_dir.join(MARKER).is_file() {
        return Ok(());
    }
    let mut entries = fs::read_dir(out_dir).map_err(|error| WriteError::Io {
        path: out_dir.to_path_buf(),
        error,
    })?;
    if let Some(first) = entries.next() {
        let first = first.map(|e| e.file_name()).unwrap_or_default();
        return Err(WriteError::Refused(format!(
            "the output folder {shown} is not empty (it holds {}) and was not written by minhbach (it has no {MARKER} file); a build replaces its output folder, which would delete those files. Choose a new or empty folder with --output, or, if that folder really is an old build, delete it yourself first",
            Path::new(&first).display()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_dangerous_output_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join("content");
        fs::create_dir_all(&content).unwrap();
        assert!(check_output_dir(&content, &content).is_err());
        assert!(check_output_dir(tmp.path(), &content).is_err());
        assert!(check_output_dir(&content.join("public"), &content).is_err());
        fs::write(tmp.path().join("file"), "x").unwrap();
        assert!(check_output_dir(&tmp.path().join("file"), &content).is_err());
        assert!(check_output_dir(&tmp.path().join("public"), &content).is_ok());
        // A folder of someone's files, unless it carries the marker.
        let docs = tmp.path().join("docs");
        fs::create_dir_all(&docs).unwrap();
        assert!(check_output_dir(&docs, &content).is_ok(), "empty");
        fs::write(docs.join("thesis.docx"), "x").unwrap();
        assert!(check_output_dir(&docs, &content).is_err());
        fs::write(docs.join(MARKER), MARKER_TEXT).unwrap();
        assert!(check_output_dir(&docs, &content).is_ok());
        // The themes folder, even when empty or marked.
        let themes = tmp.path().join("themes");
        fs::create_dir_all(&themes).unwrap();
        fs::write(themes.join(MARKER), MARKER_TEXT).unwrap();
        assert!(check_output_dir(&themes, &content).is_err());
        assert!(check_output_dir(&themes.join("x"), &content).is_err());
        // `a/../content` is the content folder.
        assert!(check_output_dir(&tmp.path().join("new/../content"), &content).is_err());
    }
}
