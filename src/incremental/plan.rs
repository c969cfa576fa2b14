//! Which units a rebuild renders again, and what it keeps of the build
//! before: the units whose inputs did not change (see
//! [`crate::render::inputs`]), their broken links while every link leads
//! where it did, and the sitemap while every path is the same.

use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

use super::Last;
use crate::model::Site;
use crate::model::Theme;
use crate::pipeline::PathHashes;
use crate::render::links::{Broken, Targets};
use crate::render::search::LangIndex;
use crate::render::{Output, RenderUnit, Rendered, Renderer};

/// What to render of the units of a site, given the last build.
pub struct Plan<'a> {
    /// The last good build, whatever its theme and settings (its files are
    /// what a rebuild may remove).
    last: Option<&'a Last>,
    /// The last build, when its units can be reused: the theme, the site's
    /// settings and the agencies, which show on every page, are the same.
    previous: Option<&'a Last>,
    /// Whether each unit (in the order of the units) is rendered again.
    stale: Vec<bool>,
    stale_units: HashSet<&'a RenderUnit>,
}

impl<'a> Plan<'a> {
    /// Compare the site with the last build's (none: render everything).
    pub fn new(
        last: Option<&'a Last>,
        renderer: &Renderer,
        site: &Site,
        theme: &Theme,
        all: &'a [RenderUnit],
    ) -> Self {
        let previous = last.filter(|last| {
            same_theme(&last.theme, theme)
                && last.site.config == site.config
                && last.site.agencies == site.agencies
        });
        let changes = previous.map(|last| renderer.changes_since(&last.site));
        let stale: Vec<bool> = all
            .iter()
            .map(|u| match (&changes, previous) {
                // Stale: new, or something it read last time changed.
                (Some(c), Some(last)) => !last
                    .kept
                    .units
                    .get(u)
                    .is_some_and(|kept| c.all_same(&kept.inputs)),
                _ => true,
            })
            .collect();
        let stale_units = all
            .iter()
            .zip(&stale)
            .filter(|(_, s)| **s)
            .map(|(u, _)| u)
            .collect();
        Plan {
            last,
            previous,
            stale,
            stale_units,
        }
    }

    /// The last build's scan of unit `i`, when it is not rendered again.
    pub fn kept(&self, i: usize, unit: &RenderUnit) -> Option<Arc<Rendered>> {
        if self.stale[i] {
            return None;
        }
        self.previous.and_then(|l| l.kept.units.get(unit)).cloned()
    }

    /// How many units are rendered again.
    pub fn stale_count(&self) -> usize {
        self.stale.iter().filter(|s| **s).count()
    }

    /// What the site-wide step may take from the last build, once the
    /// stale units are rendered (`units`, in the order of `all`).
    pub fn reusable(&self, all: &[RenderUnit], units: &[Arc<Rendered>]) -> Reusable<'_> {
        // When every unit rendered again has the same pages with the same
        // ids as before, and no unit came or went, links of the other units
        // lead where they did: their broken links are still the same.
        let same_units = |also: &dyn Fn(&Rendered, &Rendered) -> bool| {
            self.previous.is_some_and(|last| {
                last.kept.units.len() == all.len()
                    && all
                        .iter()
                        .zip(units)
                        .zip(&self.stale)
                        .filter(|(_, s)| **s)
                        .all(|((u, r), _)| {
                            last.kept
                                .units
                                .get(u)
                                .is_some_and(|old| old.paths == r.paths && also(old, r))
                        })
            })
        };
        // With the same theme (static files), base address and units, and
        // every unit rendered again writing the files it wrote before, the
        // output has the same paths: the sitemap is the same.
        let paths_hold = same_units(&|_, _| true);
        let links_hold = same_units(&|old, new| old.links.same_targets(&new.links));
        Reusable {
            last: self.last.filter(|_| links_hold),
            stale: &self.stale_units,
            // The same paths and ids as before: the same targets.
            targets: self
                .last
                .filter(|_| links_hold)
                .and_then(|l| l.kept.link_targets.clone()),
            sitemap: self
                .previous
                .filter(|_| paths_hold)
                .map(|l| &l.kept.sitemap),
            search: self.last.map(|l| l.kept.search.as_slice()),
        }
    }

    /// Files of the last build that this one no longer has: those of the
    /// units rendered again or dropped, and the site-wide files, that no
    /// unit and no site-wide file of this build wrote.
    pub fn removed(
        &self,
        all: &[RenderUnit],
        units: &[Arc<Rendered>],
        site_files: &BTreeSet<String>,
    ) -> Vec<String> {
        let mut new_paths: HashSet<&String> = HashSet::new();
        for (r, stale) in units.iter().zip(&self.stale) {
            if *stale {
                new_paths.extend(&r.paths);
            }
        }
        // A path belongs to one unit, so one kept from before is still there.
        let mut removed: Vec<String> = self
            .rewritten(all)
            .into_iter()
            .filter(|p| !new_paths.contains(p) && !site_files.contains(*p))
            .cloned()
            .collect();
        removed.sort();
        removed.dedup();
        removed
    }

    /// Files of the last build that this one wrote again or no longer
    /// writes: its site-wide files, and those of the units rendered again
    /// or dropped. Every other file of the last build is still there.
    pub fn rewritten(&self, all: &[RenderUnit]) -> Vec<&'a String> {
        let Some(last) = self.last else {
            return Vec::new();
        };
        let mut old_paths: Vec<&String> = last.kept.site_files.iter().collect();
        for (u, stale) in all.iter().zip(&self.stale) {
            if *stale {
                old_paths.extend(last.kept.units.get(u).into_iter().flat_map(|o| &o.paths));
            }
        }
        let now: HashSet<&RenderUnit> = all.iter().collect();
        for (u, r) in &last.kept.units {
            if !now.contains(u) {
                old_paths.extend(&r.paths);
            }
        }
        old_paths
    }

    /// Whether unit `i` is rendered again.
    pub fn is_stale(&self, i: usize) -> bool {
        self.stale[i]
    }

    /// The hash of every path of the last build, if it kept them.
    pub fn last_paths(&self) -> Option<&'a PathHashes> {
        self.last.and_then(|l| l.kept.path_hashes.as_ref())
    }
}

/// What the site-wide step takes from the last build.
pub struct Reusable<'a> {
    /// The last build, when links lead where they did.
    last: Option<&'a Last>,
    stale: &'a HashSet<&'a RenderUnit>,
    /// What links were checked against.
    pub targets: Option<Arc<Targets>>,
    /// The sitemap's files.
    pub sitemap: Option<&'a Output>,
    /// The search indexes, whatever changed: each is made again where its
    /// entries changed.
    pub search: Option<&'a [LangIndex]>,
}

impl Reusable<'_> {
    /// A unit's broken links, when its links lead where they did.
    pub fn broken(&self, unit: &RenderUnit) -> Option<Arc<Broken>> {
        if self.stale.contains(unit) {
            return None;
        }
        self.last.and_then(|l| l.kept.broken.get(unit)).cloned()
    }
}

fn same_theme(a: &Theme, b: &Theme) -> bool {
    a.static_files == b.static_files
        && a.i18n == b.i18n
        && a.templates.len() == b.templates.len()
        && a.templates
            .iter()
            .zip(&b.templates)
            .all(|(x, y)| x.name == y.name && x.source == y.source && x.origin == y.origin)
}
