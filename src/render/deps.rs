//! What each [`RenderUnit`] reads from the site, so that after an edit only the
//! units whose inputs changed are rendered again. This file must follow the
//! page code: when a page starts reading something new from the site, say so
//! here (the incremental tests compare every page with a clean build).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::pages::{agency_rows, home_page_count, SiteIndex, HOME_REPORTS_PER_PAGE};
use super::RenderUnit;
use crate::model::{has_shared_codes, Report, Site};

/// Compares an earlier site with the current one, unit by unit. The theme,
/// the site's settings and the agencies are read by every page: when one of
/// them changed, everything is rendered again and this is not asked.
pub struct SiteDiff<'a> {
    old: &'a Site,
    new: &'a Site,
    old_reports: HashMap<&'a str, &'a Arc<Report>>,
    new_reports: HashMap<&'a str, &'a Arc<Report>>,
    /// Which reports involve each agency, before and now.
    agency_lists: AgencyLists<'a>,
    /// Ids of the indicators of every report that changed, came or went:
    /// only their histories can differ, or show a changed report's title.
    touched: HashSet<&'a str>,
    /// Shared codes of the indicators whose ids are touched (those of every
    /// report that changed, came or went, in any report): only their
    /// comparisons (rows and histories) can differ while the areas are the same.
    touched_codes: HashSet<&'a str>,
    /// How much of each report that was there before is the same.
    same: HashMap<&'a str, Same>,
    /// The report before each report (in site order), before and now.
    previous: (HashMap<&'a str, &'a str>, HashMap<&'a str, &'a str>),
}

/// The slugs of the reports on each page of each agency's list, before and now.
type AgencyReports<'a> = HashMap<&'a str, (Vec<Vec<&'a str>>, Vec<Vec<&'a str>>)>;

/// Which reports involve each agency, before and now.
enum AgencyLists<'a> {
    /// Every report kept its place and targets: the same reports involve
    /// each agency and show the same on its pages.
    Kept,
    /// The reports kept their places and each report involves the agencies
    /// it did, each in as many rows: the lists and their pages are the new
    /// site's (the index), as they were.
    Same(&'a SiteIndex<'a>),
    /// The lists, before and now.
    Changed(AgencyReports<'a>),
}

/// How much of a report is as it was.
struct Same {
    /// Everything.
    all: bool,
    /// Everything but its prose and tables (sections, datasets).
    targets: bool,
    /// Its title, references and document's address and file (what another
    /// report's history rows show).
    header: bool,
    /// Everything of its targets but the indicators and projects: what
    /// frames the indicators and projects an agency's page shows of it.
    frame: bool,
}

impl Same {
    fn of(a: &Arc<Report>, b: &Arc<Report>) -> Same {
        // A report whose files did not change is the very same one.
        if Arc::ptr_eq(a, b) {
            return Same {
                all: true,
                targets: true,
                header: true,
                frame: true,
            };
        }
        // History rows link their source to the report's document (its
        // address or attached file).
        let header = a.title == b.title
            && a.references == b.references
            && (&a.document.url, &a.document.file) == (&b.document.url, &b.document.file);
        let frame = header
            && a.period == b.period
            && a.baseline_period == b.baseline_period
            && (a.as_of, a.published, a.updated) == (b.as_of, b.published, b.updated)
            && a.document == b.document
            && a.groups == b.groups;
        let targets = frame && a.indicators == b.indicators && a.projects == b.projects;
        Same {
            all: targets && a == b,
            targets,
            header,
            frame,
        }
    }
}

impl<'a> SiteDiff<'a> {
    /// `index` is the new site's.
    pub(super) fn new(old: &'a Site, new: &'a Site, index: &'a SiteIndex<'a>) -> Self {
        let by_slug = |s: &'a Site| s.reports.iter().map(|r| (r.slug.as_str(), r)).collect();
        let previous = |s: &'a Site| -> HashMap<&'a str, &'a str> {
            s.reports
                .windows(2)
                .map(|w| (w[0].slug.as_str(), w[1].slug.as_str()))
                .collect()
        };
        let (old_reports, new_reports): (HashMap<_, _>, HashMap<_, _>) =
            (by_slug(old), by_slug(new));
        let same: HashMap<&str, Same> = new_reports
            .iter()
            .filter_map(|(slug, b)| old_reports.get(slug).map(|a| (*slug, Same::of(a, b))))
            .collect();
        let mut touched = HashSet::new();
        let mut touched_codes = HashSet::new();
        for (site, others) in [(old, &new_reports), (new, &old_reports)] {
            for r in &site.reports {
                if !others
                    .get(r.slug.as_str())
                    .is_some_and(|o| Arc::ptr_eq(o, r))
                {
                    touched.extend(r.indicators.iter().map(|i| i.id.as_str()));
                }
            }
        }
        // A comparison shows the history of each of its indicators: the
        // codes of every indicator whose id was touched, in either site.
        for site in [old, new] {
            for r in &site.reports {
                touched_codes.extend(
                    r.indicators
                        .iter()
                        .filter(|i| touched.contains(i.id.as_str()))
                        .filter_map(|i| i.code.as_deref()),
                );
            }
        }
        let same_places = old.reports.len() == new.reports.len()
            && old.reports.iter().zip(&new.reports).all(|(a, b)| {
                a.slug == b.slug && same.get(b.slug.as_str()).is_some_and(|s| s.targets)
            });
        // The same reports in the same places, each involving the agencies it
        // did in as many rows (an edited value or target): the lists and
        // their pages are as they were.
        let same_lists = || {
            old.reports.len() == new.reports.len()
                && old.reports.iter().zip(&new.reports).all(|(a, b)| {
                    Arc::ptr_eq(a, b) || (a.slug == b.slug && agency_rows(a) == agency_rows(b))
                })
        };
        let agency_lists = if same_places {
            AgencyLists::Kept
        } else if same_lists() {
            AgencyLists::Same(index)
        } else {
            // Which reports involve each agency, from one pass over the old
            // site (the new site's index is there).
            let (old_index, new_index) = (SiteIndex::new(old), index);
            let slugs = |index: &SiteIndex<'a>, id: &str| -> Vec<Vec<&'a str>> {
                (0..index.agency_page_count(id))
                    .map(|p| {
                        index
                            .agency_page(id, p)
                            .iter()
                            .map(|r| r.slug.as_str())
                            .collect()
                    })
                    .collect()
            };
            AgencyLists::Changed(
                new.agencies
                    .iter()
                    .map(|a| {
                        (
                            a.id.as_str(),
                            (slugs(&old_index, &a.id), slugs(new_index, &a.id)),
                        )
                    })
                    .collect(),
            )
        };
        SiteDiff {
            old,
            new,
            old_reports,
            new_reports,
            agency_lists,
            touched,
            touched_codes,
            same,
            previous: (previous(old), previous(new)),
        }
    }

    /// Whether `unit` must be rendered again.
    pub fn affects(&self, unit: &RenderUnit) -> bool {
        // Pages outside a report show the latest update of any report.
        let outside = matches!(
            unit,
            RenderUnit::SitePages
                | RenderUnit::HomePage(_)
                | RenderUnit::AgencyPage(..)
                | RenderUnit::CompareIndex
                | RenderUnit::Compare(_)
        );
        if outside && self.old.last_updated() != self.new.last_updated() {
            return true;
        }
        match unit {
            // The search page lists every report by title; the list of
            // agencies counts the indicators and projects each is in.
            // The search page names comparisons when the site has some.
            RenderUnit::SitePages => {
                has_shared_codes(self.old) != has_shared_codes(self.new)
                    || self.old.reports.len() != self.new.reports.len()
                    || self
                        .old
                        .reports
                        .iter()
                        .zip(&self.new.reports)
                        .any(|(a, b)| a.slug != b.slug || !self.same_roles(a, b))
            }
            // A page of the home page shows its window of reports: each
            // one's title, document and status counts.
            RenderUnit::HomePage(page) => {
                let window = |s: &'a Site| -> (usize, Vec<&'a str>) {
                    let slugs = page_of(&s.reports, *page, HOME_REPORTS_PER_PAGE)
                        .iter()
                        .map(|r| r.slug.as_str())
                        .collect();
                    (home_page_count(s.reports.len()), slugs)
                };
                let (old, new) = (window(self.old), window(self.new));
                old != new || new.1.iter().any(|slug| !self.same_targets(slug))
            }
            RenderUnit::Report(slug) => self.report_changed(slug),
            RenderUnit::Indicators(slug, group) => self.indicators_changed(slug, group),
            RenderUnit::AgencyPage(id, page) => self.agency_page_changed(id, *page),
            // A comparison shows its code's indicators in every report of
            // a known area, those reports' titles, and the areas.
            RenderUnit::CompareIndex => {
                self.old.areas != self.new.areas || !self.touched_codes.is_empty()
            }
            // Its maps are drawn with the boundary sets.
            RenderUnit::Compare(code) => {
                self.old.areas != self.new.areas
                    || self.old.boundaries != self.new.boundaries
                    || self.touched_codes.contains(code.as_str())
            }
        }
    }

    /// Whether a report's title and the agencies of its indicators and
    /// projects are as they were.
    fn same_roles(&self, a: &Report, b: &Report) -> bool {
        if self.same_targets(&b.slug) {
            return true;
        }
        a.title == b.title
            && a.indicators
                .iter()
                .map(|i| (&i.lead, &i.partners))
                .eq(b.indicators.iter().map(|i| (&i.lead, &i.partners)))
            && a.projects
                .iter()
                .map(|p| (&p.lead, &p.partners))
                .eq(b.projects.iter().map(|p| (&p.lead, &p.partners)))
    }

    /// Whether a report's targets and projects (not its prose or tables)
    /// are as they were: what other pages show of it.
    fn same_targets(&self, slug: &str) -> bool {
        self.same.get(slug).is_some_and(|s| s.targets)
    }

    /// A report's pages (but its indicators') show the report and what
    /// changed since the report before it.
    fn report_changed(&self, slug: &str) -> bool {
        if !self.same.get(slug).is_some_and(|s| s.all) {
            return true;
        }
        match (self.previous.0.get(slug), self.previous.1.get(slug)) {
            (None, None) => false,
            (Some(a), Some(b)) => a != b || !self.same_targets(a),
            _ => true,
        }
    }

    /// A report's indicator pages show its targets (not its prose), and the
    /// values of each indicator in every other report, with those reports'
    /// titles and references.
    fn indicators_changed(&self, slug: &str, group: &str) -> bool {
        let (Some(old), Some(new)) = (self.old_reports.get(slug), self.new_reports.get(slug))
        else {
            return true;
        };
        let of_group = |r: &'a Report| r.indicators.iter().filter(move |i| i.group == group);
        if !self.same_targets(slug) {
            // The report around them, or the group's indicators themselves.
            let frame = self.same.get(slug).is_some_and(|s| s.frame);
            if !frame || !of_group(old).eq(of_group(new)) {
                return true;
            }
        }
        of_group(new).any(|ind| {
            if !self.touched.contains(ind.id.as_str()) {
                return false;
            }
            let history = self.new.histories.get(&ind.id);
            history != self.old.histories.get(&ind.id)
                || history.into_iter().flat_map(|h| h.iter()).any(|e| {
                    e.report != slug && !self.same.get(e.report.as_str()).is_some_and(|s| s.header)
                })
        })
    }

    /// An agency's page shows its window of the reports that involve it.
    fn agency_page_changed(&self, id: &str, page: usize) -> bool {
        let agency_reports = match &self.agency_lists {
            AgencyLists::Kept => return false,
            AgencyLists::Same(index) => {
                return index
                    .agency_page(id, page)
                    .iter()
                    .any(|r| !self.agency_sees_same(&r.slug, id));
            }
            AgencyLists::Changed(lists) => lists,
        };
        let Some((old, new)) = agency_reports.get(id) else {
            return true;
        };
        // The page says "page 2 of 5": their number counts too.
        old.len() != new.len()
            || old.get(page) != new.get(page)
            || new
                .get(page)
                .into_iter()
                .flatten()
                .any(|slug| !self.agency_sees_same(slug, id))
    }

    /// Whether what an agency's page shows of a report is as it was: the
    /// report's frame, and the indicators and projects the agency leads or
    /// partners in.
    fn agency_sees_same(&self, slug: &str, agency: &str) -> bool {
        match self.same.get(slug) {
            Some(s) if s.targets => return true,
            Some(s) if s.frame => {}
            _ => return false,
        }
        let (Some(a), Some(b)) = (self.old_reports.get(slug), self.new_reports.get(slug)) else {
            return false;
        };
        fn involves<'r>(
            mut refs: impl Iterator<Item = &'r crate::model::AgencyRef>,
            agency: &str,
        ) -> bool {
            refs.any(|r| r.id.as_deref() == Some(agency))
        }
        let indicators = |r: &'a Report| {
            r.indicators
                .iter()
                .filter(move |i| involves(i.lead.iter().chain(&i.partners), agency))
        };
        let projects = |r: &'a Report| {
            r.projects
                .iter()
                .filter(move |p| involves(p.lead.iter().chain(&p.partners), agency))
        };
        indicators(a).eq(indicators(b)) && projects(a).eq(projects(b))
    }
}

/// Page `page` (from 0) of `all`, `per` to a page.
fn page_of<T>(all: &[T], page: usize, per: usize) -> &[T] {
    let from = (page * per).min(all.len());
    &all[from..(from + per).min(all.len())]
}
