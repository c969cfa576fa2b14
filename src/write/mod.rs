//! Write a rendered site atomically: everything goes into a fresh folder beside
//! the output, which replaces the output only when complete. A failed build
//! leaves the previous output exactly as it was.

mod guard;
mod png_cache;
mod staging;

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::render::Output;
use guard::absolute;
pub use guard::{check_output_dir, MARKER};
pub use png_cache::{Png, PngCache};

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
    /// Every file written, for the marker: what the next build may delete.
    written: std::sync::Mutex<Vec<String>>,
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
        staging::remove_stale(&parent, &name);
        let (dir, old) = staging::names(&parent, &name);
        let _ = fs::remove_dir_all(&dir);
        staging::register(&dir);
        let Some(_writing) = staging::Writing::start() else {
            return Err(WriteError::Refused(
                msg!("build-stopped", en: "the build was stopped", vi: "quá trình xuất bản đã bị dừng"),
            ));
        };
        fs::create_dir_all(&dir).map_err(io(&dir))?;
        Ok(Staging {
            dir,
            out,
            old,
            written: std::sync::Mutex::new(Vec::new()),
            committed: false,
        })
    }

    /// Write some files of the site (from any thread; files are independent).
    pub fn write(&self, output: &Output) -> Result<(), WriteError> {
        self.write_and_copy(output, Vec::new())
    }

    /// [`Self::write`], and the files `copies` names (relative path, open
    /// source) copied in by the kernel (`copy_file_range` on Linux), never
    /// through this process's memory: the chart images kept in the PNG
    /// cache. A copy, not a link: a tool that edits the output in place
    /// must not change the cache.
    pub fn write_and_copy(
        &self,
        output: &Output,
        copies: Vec<(String, fs::File)>,
    ) -> Result<(), WriteError> {
        let Some(_writing) = staging::Writing::start() else {
            return Err(WriteError::Refused(
                msg!("build-stopped", en: "the build was stopped", vi: "quá trình xuất bản đã bị dừng"),
            ));
        };
        let refused = |rel: &str| {
            WriteError::Refused(msg!("output-refused",
                en: "refusing to write outside the output folder: {rel}",
                vi: "không ghi ra ngoài thư mục kết quả: {rel}"
            ))
        };
        let mut files = Vec::with_capacity(output.files.len());
        let mut dirs = std::collections::BTreeSet::new();
        for (rel, bytes) in &output.files {
            let Some(rel_path) = safe_relative(rel) else {
                return Err(refused(rel));
            };
            let path = self.dir.join(rel_path);
            if let Some(dir) = path.parent() {
                dirs.insert(dir.to_path_buf());
            }
            files.push((path, bytes));
        }
        let mut copied = Vec::with_capacity(copies.len());
        for (rel, source) in copies {
            let Some(rel_path) = safe_relative(&rel) else {
                return Err(refused(&rel));
            };
            let path = self.dir.join(rel_path);
            if let Some(dir) = path.parent() {
                dirs.insert(dir.to_path_buf());
            }
            copied.push((path, rel, source));
        }
        {
            let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner());
            written.extend(output.files.keys().map(|rel| rel.to_string()));
            written.extend(copied.iter().map(|(_, rel, _)| rel.clone()));
        }
        for dir in &dirs {
            fs::create_dir_all(dir).map_err(io(dir))?;
        }
        use rayon::prelude::*;
        files
            .par_iter()
            .try_for_each(|(path, bytes)| fs::write(path, bytes).map_err(io(path)))?;
        copied
            .into_par_iter()
            .try_for_each(|(path, _, mut source)| {
                fs::File::create(&path)
                    .and_then(|mut target| std::io::copy(&mut source, &mut target))
                    .map(drop)
                    .map_err(io(&path))
            })
    }

    /// Put the finished site in the output's place (in one step on Linux:
    /// the output is never missing, even if the process is killed).
    pub fn commit(mut self) -> Result<(), WriteError> {
        let marker = self.dir.join(MARKER);
        let text = {
            let written = self.written.lock().unwrap_or_else(|e| e.into_inner());
            guard::marker_text(written.iter().map(String::as_str))
        };
        fs::write(&marker, text).map_err(io(&marker))?;
        self.committed = true;
        staging::swap(&self.dir, &self.out, &self.old).map_err(|error| {
            let _ = fs::remove_dir_all(&self.dir);
            staging::unregister(&self.dir);
            WriteError::Io {
                path: self.out.clone(),
                error,
            }
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
            staging::unregister(&self.dir);
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
