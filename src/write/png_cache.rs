//! Chart PNGs kept between builds, in `.minhbach-cache/png/` beside the
//! content folder, as Hugo keeps processed images in `resources/_gen/` and
//! Zola in `static/processed_images/`.
//!
//! Drawing a chart costs ~10 ms; most charts are the same from one build to
//! the next. An entry is named by the SHA-256 of what it is drawn from (the
//! SVG, and the program version and drawing settings), so a changed chart is
//! never served from an old entry, and a torn entry (an interrupted write)
//! is drawn again. The cache is a convenience, never a condition: a folder
//! that cannot be made or written just means every PNG is drawn.
//!
//! Safety: the folder is used only if this program made it (its
//! `CACHEDIR.TAG` says so); after a build, only entries named as this
//! program names them and not used by that build are removed. A `.gitignore`
//! inside keeps the folder out of version control without editing the
//! site's own.

use sha2::Digest;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// The cache folder's name, beside `content/`.
pub const FOLDER: &str = ".minhbach-cache";

/// The Cache Directory Tagging signature (backup tools skip the folder),
/// and the line that says this program made it.
const TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n\
# This file is a cache directory tag created by minhbach: chart images kept between builds.\n\
# Deleting the folder is safe; the next build draws the images again.\n";
const MADE_BY: &str = "created by minhbach";

const PNG_START: &[u8] = b"\x89PNG\r\n\x1a\n";
const PNG_END: &[u8] = b"\0\0\0\0IEND\xae\x42\x60\x82";

/// A chart's PNG from [`PngCache::get_or_draw`].
#[derive(Debug)]
pub enum Png {
    /// The cache's entry, open at its start: copied into the output by the
    /// kernel, never read into memory.
    Kept(fs::File),
    /// Drawn by this build.
    Drawn(Vec<u8>),
}

/// The PNG cache of one build.
#[derive(Debug, Default)]
pub struct PngCache {
    /// `<site>/.minhbach-cache/png/`, when usable.
    dir: Option<PathBuf>,
    /// Entries this build used: the ones pruning keeps.
    used: Mutex<HashSet<String>>,
    drawn: AtomicUsize,
    reused: AtomicUsize,
}

impl PngCache {
    /// The cache beside `content_dir`, made if missing; without a folder
    /// (every PNG drawn) when it cannot be made or was not made by minhbach.
    pub fn open(content_dir: &Path) -> PngCache {
        let root = content_dir
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .join(FOLDER);
        PngCache {
            dir: usable(&root).then(|| root.join("png")),
            ..PngCache::default()
        }
    }

    /// A cache that keeps nothing.
    pub fn none() -> PngCache {
        PngCache::default()
    }

    /// The PNG of `source` (what it is drawn from, with everything that
    /// changes the drawing): the cache's entry, open, or drawn by `draw`
    /// and kept.
    pub fn get_or_draw(
        &self,
        source: &[&[u8]],
        draw: impl FnOnce() -> Option<Vec<u8>>,
    ) -> Option<Png> {
        let Some(dir) = &self.dir else {
            self.drawn.fetch_add(1, Ordering::Relaxed);
            return draw().map(Png::Drawn);
        };
        let mut hash = sha2::Sha256::new();
        for part in source {
            hash.update((part.len() as u64).to_le_bytes());
            hash.update(part);
        }
        let name = format!("{:x}.png", hash.finalize());
        if let Ok(mut used) = self.used.lock() {
            used.insert(name.clone());
        }
        let path = dir.join(&name);
        if let Some(file) = open_whole(&path) {
            self.reused.fetch_add(1, Ordering::Relaxed);
            return Some(Png::Kept(file));
        }
        let png = draw()?;
        self.drawn.fetch_add(1, Ordering::Relaxed);
        store(dir, &name, &png);
        Some(Png::Drawn(png))
    }

    /// How many PNGs this build drew, and how many it took from the cache.
    pub fn counts(&self) -> (usize, usize) {
        (
            self.drawn.load(Ordering::Relaxed),
            self.reused.load(Ordering::Relaxed),
        )
    }

    /// Remove the entries this build did not use (after a whole build: a
    /// chart that changed leaves its old image behind). Only files named as
    /// [`Self::get_or_draw`] names them, and its own temporary files left by
    /// an interrupted build an hour ago or more, are removed.
    pub fn prune(&self) {
        let (Some(dir), Ok(used)) = (&self.dir, self.used.lock()) else {
            return;
        };
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let stale = if is_entry_name(&name) {
                !used.contains(&name)
            } else if is_temp_name(&name) {
                entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age.as_secs() >= 3600)
            } else {
                false
            };
            if stale && entry.file_type().is_ok_and(|t| t.is_file()) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

/// The entry at `path`, open at its start, if it is a whole PNG (starts
/// and ends as one: entries are written whole, see [`store`], but a file
/// cut short by other means is drawn again). Only its first and last bytes
/// are read; the open file stays the entry that was checked even if it is
/// replaced meanwhile.
fn open_whole(path: &Path) -> Option<fs::File> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = fs::File::open(path).ok()?;
    let len = file.metadata().ok().filter(|m| m.is_file())?.len();
    if len < (PNG_START.len() + PNG_END.len()) as u64 {
        return None;
    }
    let mut start = [0; PNG_START.len()];
    let mut end = [0; PNG_END.len()];
    file.read_exact(&mut start).ok()?;
    file.seek(SeekFrom::End(-(PNG_END.len() as i64))).ok()?;
    file.read_exact(&mut end).ok()?;
    file.rewind().ok()?;
    (start == PNG_START && end == PNG_END).then_some(file)
}

/// Whether `root` is a cache folder minhbach made (making it if missing).
fn usable(root: &Path) -> bool {
    let tag = root.join("CACHEDIR.TAG");
    if !root.exists() {
        let made = fs::create_dir_all(root.join("png")).is_ok()
            && fs::write(&tag, TAG).is_ok()
            && fs::write(root.join(".gitignore"), "# made by minhbach\n*\n").is_ok();
        if !made {
            return false;
        }
    }
    let ours = fs::read_to_string(&tag).is_ok_and(|t| t.contains(MADE_BY));
    ours && (root.join("png").is_dir() || fs::create_dir(root.join("png")).is_ok())
}

/// Write an entry whole or not at all: a temporary file renamed into place.
fn store(dir: &Path, name: &str, png: &[u8]) {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let temp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
    if fs::write(&temp, png).is_err() || fs::rename(&temp, dir.join(name)).is_err() {
        let _ = fs::remove_file(&temp);
    }
}

/// `<64 hex digits>.png`.
fn is_entry_name(name: &str) -> bool {
    name.strip_suffix(".png").is_some_and(|h| {
        h.len() == 64
            && h.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

/// `.<entry name>.<pid>.<n>.tmp`, as [`store`] names them.
fn is_temp_name(name: &str) -> bool {
    let Some(rest) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) else {
        return false;
    };
    let mut parts = rest.rsplitn(3, '.');
    let (n, pid, entry) = (parts.next(), parts.next(), parts.next());
    let digits =
        |s: Option<&str>| s.is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()));
    digits(n) && digits(pid) && entry.is_some_and(is_entry_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_its_own_names_are_entries_or_temporaries() {
        let h = "a".repeat(64);
        assert!(is_entry_name(&format!("{h}.png")));
        assert!(!is_entry_name(&format!("{}.png", "A".repeat(64))));
        assert!(!is_entry_name("chart.png"));
        assert!(is_temp_name(&format!(".{h}.png.123.4.tmp")));
        assert!(!is_temp_name(&format!(".{h}.png.x.4.tmp")));
        assert!(!is_temp_name(".notes.tmp"));
    }

    #[test]
    fn a_folder_it_did_not_make_is_not_used() {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join("content");
        fs::create_dir_all(tmp.path().join(FOLDER).join("png")).unwrap();
        let cache = PngCache::open(&content);
        let png = cache.get_or_draw(&[b"x"], || Some(b"drawn".to_vec()));
        assert!(matches!(png, Some(Png::Drawn(b)) if b == b"drawn"));
        assert_eq!(
            fs::read_dir(tmp.path().join(FOLDER).join("png"))
                .unwrap()
                .count(),
            0
        );
    }
}
