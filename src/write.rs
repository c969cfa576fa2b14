//! Write a rendered site atomically: everything goes into a fresh folder beside
//! the output, which replaces the output only when complete. A failed build
//! leaves the previous output exactly as it was.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::render::Output;

#[derive(Debug)]
pub enum WriteError {
    /// The output folder is unsuitable (it is the content folder, contains it, is a file ...).
    Refused(crate::diagnostics::Msg),
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Refused(m) => f.write_str(m.en()),
            WriteError::Io { path, error } => write!(f, "{}: {error}", path.display()),
        }
    }
}

impl WriteError {
    /// What went wrong, in both languages.
    pub fn message(&self) -> crate::diagnostics::Msg {
        match self {
            WriteError::Refused(m) => m.clone(),
            WriteError::Io { path, error } => {
                let path = path.display();
                let reason = crate::diagnostics::io_reason(error);
                let (en, vi) = (reason.en(), reason.vi());
                msg!("cannot-write", en: "{path}: {en}", vi: "{path}: {vi}")
            }
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |error| WriteError::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// Resolve `p` as far as it exists, so that `a/../b` and symlinks compare right.
fn absolute(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut existing = abs.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
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

/// Check that `out_dir` may be replaced by a build of `content_dir`.
pub fn check_output_dir(out_dir: &Path, content_dir: &Path) -> Result<(), WriteError> {
    let out = absolute(out_dir);
    let content = absolute(content_dir);
    if out == content {
        return Err(WriteError::Refused(msg!("output-refused",
            en: "the output folder {} is the content folder",
            vi: "thư mục kết quả {} chính là thư mục nội dung",
            out_dir.display()
        )));
    }
    if content.starts_with(&out) {
        return Err(WriteError::Refused(msg!("output-refused",
            en: "the output folder {} contains the content folder; building would delete the content",
            vi: "thư mục kết quả {} chứa thư mục nội dung; xuất bản sẽ xoá mất nội dung",
            out_dir.display()
        )));
    }
    if out.starts_with(&content) {
        return Err(WriteError::Refused(msg!("output-refused",
            en: "the output folder {} is inside the content folder",
            vi: "thư mục kết quả {} nằm trong thư mục nội dung",
            out_dir.display()
        )));
    }
    if out.parent().is_none() {
        return Err(WriteError::Refused(msg!("output-refused",
            en: "the output folder cannot be the file system root",
            vi: "thư mục kết quả không thể là thư mục gốc của ổ đĩa"
        )));
    }
    if out_dir.exists() && !out_dir.is_dir() {
        return Err(WriteError::Refused(msg!("output-refused",
            en: "the output path {} is an existing file",
            vi: "đường dẫn kết quả {} là một tệp đã có",
            out_dir.display()
        )));
    }
    Ok(())
}

/// A path from the renderer must stay inside the output folder.
fn safe_relative(rel: &str) -> Option<PathBuf> {
    let p = Path::new(rel);
    let ok = !rel.is_empty() && p.components().all(|c| matches!(c, Component::Normal(_)));
    ok.then(|| p.to_path_buf())
}

/// A fresh folder beside the output that files are written into while the
/// site renders; [`Staging::commit`] puts it in the output's place. Dropped
/// without commit, it removes itself and the output stays as it was.
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    old: PathBuf,
    committed: bool,
}

impl Staging {
    /// Prepare to replace `out_dir` with a build of `content_dir`.
    pub fn new(out_dir: &Path, content_dir: &Path) -> Result<Self, WriteError> {
        check_output_dir(out_dir, content_dir)?;
        let out = absolute(out_dir);
        let parent = out
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        fs::create_dir_all(&parent).map_err(io(&parent))?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "public".into());
        let pid = std::process::id();
        let dir = parent.join(format!(".{name}.minhbach-new-{pid}"));
        let old = parent.join(format!(".{name}.minhbach-old-{pid}"));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).map_err(io(&dir))?;
        Ok(Staging {
            dir,
            out,
            old,
            committed: false,
        })
    }

    /// Write some files of the site (from any thread; files are independent).
    pub fn write(&self, output: &Output) -> Result<(), WriteError> {
        let mut files = Vec::with_capacity(output.files.len());
        let mut dirs = std::collections::BTreeSet::new();
        for (rel, bytes) in &output.files {
            let Some(rel_path) = safe_relative(rel) else {
                return Err(WriteError::Refused(msg!("output-refused",
                    en: "refusing to write outside the output folder: {rel}",
                    vi: "không ghi ra ngoài thư mục kết quả: {rel}"
                )));
            };
            let path = self.dir.join(rel_path);
            if let Some(dir) = path.parent() {
                dirs.insert(dir.to_path_buf());
            }
            files.push((path, bytes));
        }
        for dir in &dirs {
            fs::create_dir_all(dir).map_err(io(dir))?;
        }
        use rayon::prelude::*;
        files
            .par_iter()
            .try_for_each(|(path, bytes)| fs::write(path, bytes).map_err(io(path)))
    }

    /// Swap: the old output moves aside, the new one takes its name, the old one goes.
    pub fn commit(mut self) -> Result<(), WriteError> {
        self.committed = true;
        let (staging, out_abs, old) = (&self.dir, &self.out, &self.old);
        let had_old = out_abs.exists();
        if had_old {
            let _ = fs::remove_dir_all(old);
            fs::rename(out_abs, old).map_err(|e| {
                let _ = fs::remove_dir_all(staging);
                WriteError::Io {
                    path: out_abs.clone(),
                    error: e,
                }
            })?;
        }
        if let Err(e) = fs::rename(staging, out_abs) {
            if had_old {
                let _ = fs::rename(old, out_abs);
            }
            let _ = fs::remove_dir_all(staging);
            return Err(WriteError::Io {
                path: out_abs.clone(),
                error: e,
            });
        }
        if had_old {
            let _ = fs::remove_dir_all(old);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Write `output` into `out_dir`, replacing what was there only on success.
pub fn write_output(output: &Output, out_dir: &Path, content_dir: &Path) -> Result<(), WriteError> {
    let staging = Staging::new(out_dir, content_dir)?;
    staging.write(output)?;
    staging.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_leave_the_output() {
        assert!(safe_relative("a/b.html").is_some());
        for bad in ["../x", "/etc/passwd", "a/../../x", "", "./a"] {
            assert!(safe_relative(bad).is_none(), "{bad}");
        }
    }

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
    }

    #[test]
    fn replaces_output_only_when_complete() {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join("content");
        fs::create_dir_all(&content).unwrap();
        let public = tmp.path().join("public");
        let mut o = Output::default();
        o.add("index.html", "one");
        o.add("a/b.html", "two");
        write_output(&o, &public, &content).unwrap();
        assert_eq!(fs::read_to_string(public.join("a/b.html")).unwrap(), "two");
        // A bad path aborts the write and leaves the previous output as it was.
        let mut bad = Output::default();
        bad.add("index.html", "changed");
        bad.add("../escape.html", "x");
        assert!(write_output(&bad, &public, &content).is_err());
        assert_eq!(
            fs::read_to_string(public.join("index.html")).unwrap(),
            "one"
        );
        assert!(!tmp.path().join("escape.html").exists());
        let leftovers: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name())
            .collect();
        assert_eq!(
            leftovers.len(),
            2,
            "no staging folder may be left: {leftovers:?}"
        );
    }
}
