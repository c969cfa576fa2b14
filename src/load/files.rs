//! Reading content files safely: size limit, UTF-8 with the byte offset of the
//! first bad byte, BOM and CRLF accepted, symlinks that leave the content folder
//! refused.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// No content file an editor writes comes near this; a larger one is a mistake
/// (or an attack) and is refused before it is parsed.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Read a text file that must lie inside `root` (after resolving symlinks).
pub fn read_text(path: &Path, root: &Path, shown: &Path) -> Result<String, Diagnostic> {
    read_text_in(path, &Resolved::new(root, None), shown)
}

/// [`read_text`], resolving the file's location with the help of `resolved`.
pub fn read_text_in(path: &Path, resolved: &Resolved, shown: &Path) -> Result<String, Diagnostic> {
    check_inside_in(path, resolved, shown)?;
    let meta = fs::metadata(path).map_err(|e| io_error(shown, &e))?;
    if !meta.is_file() {
        // A FIFO or a device would block the read forever, or never end.
        return Err(Diagnostic::error(
            shown,
            None,
            msg!("special-file", en: "not an ordinary file (a named pipe, socket or device)", vi: "không phải một tệp thường (ống dẫn, socket hay thiết bị)"),
        )
        .with_hint(
            msg!("special-file", en: "content files must be ordinary files: remove it or replace it with a copy of the file", vi: "tệp nội dung phải là tệp thường: xóa nó hoặc thay bằng một bản sao của tệp"),
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            shown,
            None,
            msg!("file-too-large",
                en: "file is too large ({} bytes; the limit is {} bytes)",
                vi: "tệp quá lớn ({} byte; giới hạn là {} byte)",
                meta.len(),
                MAX_FILE_BYTES
            ),
        )
        .with_hint(msg!("file-too-large", en: "split the data over several files", vi: "chia dữ liệu ra nhiều tệp")));
    }
    let bytes = fs::read(path).map_err(|e| io_error(shown, &e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|b| **b == b'\n').count() + 1;
        Diagnostic::error(
            shown,
            None,
            msg!("not-utf8",
                en: "file is not valid UTF-8: invalid byte at offset {at} (line {line})",
                vi: "tệp không phải UTF-8 hợp lệ: byte sai ở vị trí {at} (dòng {line})"),
        )
        .with_hint(msg!("not-utf8",
            en: "save the file as UTF-8 (in most editors: Save As → Encoding → UTF-8)",
            vi: "lưu tệp dưới dạng UTF-8 (trong hầu hết trình soạn thảo: Save As/Lưu thành → Encoding → UTF-8)"))
    })?;
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    Ok(text)
}

/// Refuse a path whose real location is outside `root`.
pub fn check_inside(path: &Path, root: &Path, shown: &Path) -> Result<(), Diagnostic> {
    check_inside_in(path, &Resolved::new(root, None), shown).map(|_| ())
}

/// The real location (symlinks resolved) of the content folder and of a few
/// folders inside it, so that checking a file in one of them costs one
/// `lstat` rather than resolving every component of its path again.
pub struct Resolved<'a> {
    root: &'a Path,
    real_root: Option<PathBuf>,
    /// (folder as written, its real location)
    dirs: Vec<(PathBuf, PathBuf)>,
}

impl<'a> Resolved<'a> {
    /// `real_root` is `root` resolved, if already known.
    pub fn new(root: &'a Path, real_root: Option<PathBuf>) -> Self {
        Resolved {
            root,
            real_root,
            dirs: Vec::new(),
        }
    }

    /// Remember that folder `dir` really is `real`.
    pub fn add(&mut self, dir: &Path, real: PathBuf) {
        self.dirs.push((dir.to_path_buf(), real));
    }

    /// A copy that knows the same folders.
    pub fn fork(&self) -> Resolved<'a> {
        Resolved {
            root: self.root,
            real_root: self.real_root.clone(),
            dirs: self.dirs.clone(),
        }
    }

    /// The real location of `path`, as `fs::canonicalize` gives it. For a
    /// file or folder directly in a known folder that is not itself a
    /// symlink, that is the folder's real location joined with its name.
    fn real(&self, path: &Path, is_link: Option<bool>) -> std::io::Result<PathBuf> {
        if is_link == Some(false) {
            if let (Some(parent), Some(Component::Normal(name))) =
                (path.parent(), path.components().next_back())
            {
                if let Some((_, real)) = self.dirs.iter().find(|(d, _)| d == parent) {
                    return Ok(real.join(name));
                }
            }
        }
        fs::canonicalize(path)
    }
}

/// [`check_inside`] with the help of `resolved`; gives the real location.
pub fn check_inside_in(
    path: &Path,
    resolved: &Resolved,
    shown: &Path,
) -> Result<PathBuf, Diagnostic> {
    let is_link = fs::symlink_metadata(path)
        .map(|m| m.file_type().is_symlink())
        .ok();
    let real = resolved
        .real(path, is_link)
        .map_err(|e| io_error(shown, &e))?;
    let root = resolved.root;
    let computed;
    let real_root = match &resolved.real_root {
        Some(r) => r,
        None => {
            computed = fs::canonicalize(root).map_err(|e| io_error(root, &e))?;
            &computed
        }
    };
    let is_link = is_link.unwrap_or(false);
    if !real.starts_with(real_root) {
        return Err(Diagnostic::error(
            shown,
            None,
            if is_link {
                msg!("outside-content",
                    en: "symbolic link leads outside the content folder; it is not followed",
                    vi: "liên kết tượng trưng trỏ ra ngoài thư mục nội dung; không đi theo nó")
            } else {
                msg!("outside-content",
                    en: "path resolves outside the content folder",
                    vi: "đường dẫn trỏ ra ngoài thư mục nội dung")
            },
        )
        .with_hint(msg!("outside-content",
            en: "copy the file into the content folder instead of linking to it",
            vi: "chép tệp vào thư mục nội dung thay vì liên kết tới nó")));
    }
    Ok(real)
}

pub fn io_error(path: &Path, e: &std::io::Error) -> Diagnostic {
    let reason = crate::diagnostics::io_reason(e);
    let (en, vi) = (reason.en(), reason.vi());
    Diagnostic::error(
        path,
        None,
        msg!("cannot-read", en: "cannot read: {en}", vi: "không đọc được: {vi}"),
    )
}

/// Names starting with `.` or `_` are drafts, editor backups or tooling: ignored.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || name.starts_with('_')
}

pub use crate::helpers::slug::{is_slug, slugify};

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
