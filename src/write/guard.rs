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

/// What the marker file says, for a person who finds it; the list of the
/// files the build wrote follows, one relative path per line.
pub const MARKER_TEXT: &str = "This folder was written by `minhbach build`; the next build replaces all of it.\n\
     A file not listed below was added by someone else, and stops the next build instead of being deleted.\n\n";

/// The marker's text for a build that wrote `files` (relative paths).
pub fn marker_text<'a>(files: impl Iterator<Item = &'a str>) -> String {
    let mut files: Vec<&str> = files.collect();
    files.sort_unstable();
    files.dedup();
    let mut text = String::from(MARKER_TEXT);
    for f in files {
        text.push_str(f);
        text.push('\n');
    }
    text
}

/// Files in an earlier output that its marker does not list: put there by
/// hand, so not the build's to delete. At most `limit` of them.
fn files_not_written_by_the_build(out_dir: &Path, marker: &str, limit: usize) -> Vec<String> {
    let Some(list) = marker.strip_prefix(MARKER_TEXT) else {
        // A marker without a list (an earlier version): trust it.
        return Vec::new();
    };
    let written: std::collections::HashSet<&str> = list.lines().collect();
    let mut extra = Vec::new();
    for entry in walkdir::WalkDir::new(out_dir).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        if entry.file_type().is_dir() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(out_dir) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel != MARKER && !written.contains(rel.as_str()) {
            extra.push(rel);
            if extra.len() == limit {
                break;
            }
        }
    }
    extra
}

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
fn overlaps(out: &Path, protected: &Path) -> Option<(&'static str, &'static str)> {
    if out == protected {
        Some(("is", "chính là"))
    } else if protected.starts_with(out) {
        Some(("contains", "chứa"))
    } else if out.starts_with(protected) {
        Some(("is inside", "nằm trong"))
    } else {
        None
    }
}

/// Check that `out_dir` may be replaced by a build of `content_dir`.
pub fn check_output_dir(out_dir: &Path, content_dir: &Path) -> Result<(), WriteError> {
    let out = absolute(out_dir);
    let content = absolute(content_dir);
    let shown = out_dir.display();
    if out.parent().is_none() {
        return Err(WriteError::Refused(msg!("output-refused",
            en: "the output folder cannot be the file system root; build into a new folder, e.g. `--output public` beside the content folder",
            vi: "thư mục kết quả không thể là thư mục gốc của ổ đĩa; hãy xuất bản vào một thư mục mới, ví dụ `--output public` cạnh thư mục nội dung"
        )));
    }
    if let Some((how, how_vi)) = overlaps(&out, &content) {
        let content = content_dir.display();
        return Err(WriteError::Refused(msg!("output-refused",
            en: "the output folder {shown} {how} the content folder {content}; a build replaces its output folder, which would delete the content; build into a new folder, e.g. `--output public` beside the content folder",
            vi: "thư mục kết quả {shown} {how_vi} thư mục nội dung {content}; xuất bản thay toàn bộ thư mục kết quả, sẽ xóa mất nội dung; hãy xuất bản vào một thư mục mới, ví dụ `--output public` cạnh thư mục nội dung"
        )));
    }
    if let Some(root) = content.parent() {
        let themes = root.join("themes");
        if themes.exists() {
            if let Some((how, how_vi)) = overlaps(&out, &themes) {
                let themes = themes.display();
                return Err(WriteError::Refused(msg!("output-refused",
                    en: "the output folder {shown} {how} the site's themes folder {themes}; a build replaces its output folder, which would delete the theme; build into a new folder, e.g. `--output public` beside the content folder",
                    vi: "thư mục kết quả {shown} {how_vi} thư mục giao diện {themes}; xuất bản thay toàn bộ thư mục kết quả, sẽ xóa mất giao diện; hãy xuất bản vào một thư mục mới, ví dụ `--output public` cạnh thư mục nội dung"
                )));
            }
        }
    }
    let meta = match fs::symlink_metadata(out_dir) {
        Ok(m) => m,
        Err(_) => return Ok(()),
    };
    if !meta.is_dir() {
        let (what, what_vi) = if meta.file_type().is_symlink() {
            ("a symbolic link", "một liên kết tắt")
        } else {
            ("an existing file", "một tệp đã có")
        };
        return Err(WriteError::Refused(msg!("output-refused",
            en: "the output path {shown} is {what}, not a folder; build into a new folder, e.g. `--output public` beside the content folder",
            vi: "đường dẫn kết quả {shown} là {what_vi}, không phải thư mục; hãy xuất bản vào một thư mục mới, ví dụ `--output public` cạnh thư mục nội dung"
        )));
    }
    if out_dir.join(MARKER).is_file() {
        let marker = fs::read_to_string(out_dir.join(MARKER)).unwrap_or_default();
        let extra = files_not_written_by_the_build(out_dir, &marker, 5);
        if extra.is_empty() {
            return Ok(());
        }
        let list = extra.join(", ");
        return Err(WriteError::Refused(msg!("output-has-other-files",
            en: "the output folder {shown} holds files an earlier build did not write ({list}); a build replaces its output folder, which would delete them. Move them out of {shown} (it is rebuilt from the content every time) or delete them yourself, then build again",
            vi: "thư mục kết quả {shown} có tệp không do lần xuất bản trước tạo ra ({list}); xuất bản thay toàn bộ thư mục kết quả, sẽ xóa mất các tệp đó. Chuyển chúng ra khỏi {shown} (thư mục này được tạo lại từ nội dung mỗi lần) hoặc tự xóa chúng, rồi xuất bản lại"
        )));
    }
    let mut entries = fs::read_dir(out_dir).map_err(|error| WriteError::Io {
        path: out_dir.to_path_buf(),
        error,
    })?;
    if let Some(first) = entries.next() {
        let first = first.map(|e| e.file_name()).unwrap_or_default();
        let first = Path::new(&first).display();
        return Err(WriteError::Refused(msg!("output-refused",
            en: "the output folder {shown} is not empty (it holds {first}) and was not written by minhbach (it has no {MARKER} file); a build replaces its output folder, which would delete those files. Choose a new or empty folder with --output, or, if that folder really is an old build, delete it yourself first",
            vi: "thư mục kết quả {shown} không trống (có {first}) và không do minhbach tạo (không có tệp {MARKER}); xuất bản thay toàn bộ thư mục kết quả, sẽ xóa mất các tệp đó. Chọn một thư mục mới hoặc trống bằng --output, hoặc nếu đó đúng là một bản xuất bản cũ thì tự xóa nó trước"
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
        // Marked, but the marker does not list the file: not the build's.
        fs::write(docs.join(MARKER), MARKER_TEXT).unwrap();
        assert!(check_output_dir(&docs, &content).is_err());
        fs::write(docs.join(MARKER), marker_text(["thesis.docx"].into_iter())).unwrap();
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
