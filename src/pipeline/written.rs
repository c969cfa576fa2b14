//! Paths written twice. Two files at one path would silently replace each
//! other, so every build checks that each path is written once. `serve`
//! keeps a hash of every path of its last build ([`PathHashes`]): after an
//! edit only the paths written again are hashed and looked up, not the
//! whole site's (239,000 paths on a national portal: 11 ms per rebuild).

use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rustc_hash::{FxHashSet, FxHasher};

use crate::diagnostics::Diagnostic;
use crate::incremental::Plan;
use crate::render::{RenderUnit, Rendered};

/// The paths of this run written twice, and (with `keep`, for `serve`) the
/// hash of every path for the next run. After an edit, only the paths
/// written again (`site_files` and the units rendered again) can be one,
/// unless two paths share a hash: then every path of `paths` is looked at.
pub(super) fn check(
    plan: &Plan,
    all: &[RenderUnit],
    units: &[Arc<Rendered>],
    site_files: &BTreeSet<String>,
    paths: &[&str],
    keep: bool,
) -> (Vec<String>, Option<PathHashes>) {
    let fresh = site_files.iter().map(String::as_str).chain(
        units
            .iter()
            .enumerate()
            .filter(|(i, _)| plan.is_stale(*i))
            .flat_map(|(_, u)| u.paths.iter().map(String::as_str)),
    );
    let after_edit = plan
        .last_paths()
        .and_then(|kept| kept.after(plan.rewritten(all).into_iter().map(String::as_str), fresh));
    match after_edit {
        Some(hashes) => (Vec::new(), Some(hashes)),
        None => {
            let twice = twice(paths);
            let hashes = (keep && twice.is_empty())
                .then(|| PathHashes::of(paths))
                .flatten();
            (twice, hashes)
        }
    }
}

/// The error for two files at `path`.
pub(super) fn clash(path: &str) -> Diagnostic {
    Diagnostic::error(
        format!("(output) {path}"),
        None,
        msg!("output-clash", en: "two files would be written to `{path}`; one would silently replace the other", vi: "hai tệp sẽ được ghi vào `{path}`; tệp sau sẽ âm thầm thay tệp trước"),
    )
    .with_hint(msg!("output-clash", en: "a language code, slug or id names the same address as another page: rename one of them", vi: "một mã ngôn ngữ, tên (slug) hay mã trùng địa chỉ với một trang khác: đổi tên một trong hai"))
}

/// The hash of every path of a build in which no path was written twice
/// and no two paths share a hash (so that removing one path's hash never
/// forgets another path).
#[derive(Debug, Clone, Default)]
pub struct PathHashes(FxHashSet<u64>);

fn hash(path: &str) -> u64 {
    let mut h = FxHasher::default();
    path.hash(&mut h);
    h.finish()
}

impl PathHashes {
    /// The hashes of `paths`, when no two of them share one.
    pub fn of(paths: &[&str]) -> Option<Self> {
        let mut set = FxHashSet::default();
        set.reserve(paths.len());
        paths
            .iter()
            .all(|p| set.insert(hash(p)))
            .then_some(PathHashes(set))
    }

    /// These hashes after a rebuild took away the files at `gone` (every
    /// path of the last build it wrote again or no longer writes) and wrote
    /// `fresh`; `None` when a fresh path's hash is already there: a path
    /// written twice, or two paths sharing a hash (the caller checks every
    /// path to tell).
    pub fn after<'p>(
        &self,
        gone: impl Iterator<Item = &'p str>,
        fresh: impl Iterator<Item = &'p str>,
    ) -> Option<Self> {
        let mut set = self.0.clone();
        for p in gone {
            set.remove(&hash(p));
        }
        for p in fresh {
            if !set.insert(hash(p)) {
                return None;
            }
        }
        Some(PathHashes(set))
    }
}

/// Paths that occur more than once in `paths`.
pub fn twice(paths: &[&str]) -> Vec<String> {
    let mut seen = FxHashSet::default();
    seen.reserve(paths.len());
    let mut twice: Vec<String> = paths
        .iter()
        .filter(|p| !seen.insert(**p))
        .map(|p| p.to_string())
        .collect();
    twice.sort();
    twice.dedup();
    twice
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rebuild_finds_a_path_written_again_by_another_unit() {
        let first = ["a/index.html", "b/index.html", "search/t-1.json"];
        let kept = PathHashes::of(&first).expect("distinct paths");
        // `b` rendered again, writing the same file, and the search file renamed.
        let again = kept.after(
            ["b/index.html", "search/t-1.json"].into_iter(),
            ["b/index.html", "search/t-2.json"].into_iter(),
        );
        assert!(again.is_some());
        // `b` now also writes `a`'s page: found without looking at `a`.
        let clash = kept.after(
            ["b/index.html"].into_iter(),
            ["b/index.html", "a/index.html"].into_iter(),
        );
        assert!(clash.is_none());
        // Twice among the fresh paths themselves.
        let clash = kept.after(
            ["b/index.html"].into_iter(),
            ["c/index.html", "c/index.html"].into_iter(),
        );
        assert!(clash.is_none());
        assert!(PathHashes::of(&["x", "x"]).is_none());
        assert_eq!(twice(&["x", "y", "x", "x"]), vec!["x".to_string()]);
    }
}
