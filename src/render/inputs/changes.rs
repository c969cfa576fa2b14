//! When an [`Input`] is the same in an earlier site and the current one.
//!
//! Each report's parts are compared by naming every field of `Report`
//! (no `..`): a field added to the model does not compile here until it
//! is given to the inputs that show it.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::cell::OnceCell;
use std::sync::Arc;

use super::{page_of, Input};
use crate::model::{has_shared_codes, AgencyRef, Indicator, Report, Site};
use crate::render::pages::{agency_rows, home_page_count, SiteIndex, HOME_REPORTS_PER_PAGE};

/// Compares the inputs of an earlier site with the current one's.
pub struct Changes<'a> {
    old: &'a Site,
    new: &'a Site,
    old_reports: HashMap<&'a str, &'a Arc<Report>>,
    new_reports: HashMap<&'a str, &'a Arc<Report>>,
    /// How much of each report there before and now is the same.
    same: HashMap<&'a str, Same>,
    /// Ids of the indicators of every report that changed, came or went:
    /// only their histories can differ.
    touched: HashSet<&'a str>,
    /// The new site's index (its agency lists).
    index: &'a SiteIndex<'a>,
    /// Answers worked out once, when first asked.
    old_index: OnceCell<SiteIndex<'a>>,
    /// The report before each report, by slug, before and now.
    before: OnceCell<(Before<'a>, Before<'a>)>,
    touched_codes: OnceCell<HashSet<&'a str>>,
    places_kept: OnceCell<bool>,
    rows_kept: OnceCell<bool>,
    roles_kept: OnceCell<bool>,
    updated_kept: OnceCell<bool>,
    areas_kept: OnceCell<bool>,
    shared_kept: OnceCell<bool>,
}

/// The slug of the report before each report (the next older), by slug.
type Before<'a> = HashMap<&'a str, &'a str>;

/// How much of a report is as it was (see the inputs of the same names).
#[derive(Clone, Copy)]
struct Same {
    report: bool,
    targets: bool,
    frame: bool,
    header: bool,
}

impl Same {
    fn of(a: &Arc<Report>, b: &Arc<Report>) -> Same {
        // A report whose files did not change is the very same one.
        if Arc::ptr_eq(a, b) {
            return Same {
                report: true,
                targets: true,
                frame: true,
                header: true,
            };
        }
        let Report {
            slug: _,
            dir,
            title,
            period,
            baseline_period,
            as_of,
            published,
            updated,
            document,
            references,
            groups,
            indicators,
            projects,
            datasets,
            sections,
            sample,
            area,
        } = &**a;
        let header = *title == b.title && *references == b.references && *document == b.document;
        let frame = header
            && *dir == b.dir
            && *period == b.period
            && *baseline_period == b.baseline_period
            && (as_of, published, updated) == (&b.as_of, &b.published, &b.updated)
            && *groups == b.groups
            && *sample == b.sample
            && *area == b.area;
        let targets = frame && *indicators == b.indicators && *projects == b.projects;
        Same {
            report: targets && *datasets == b.datasets && *sections == b.sections,
            targets,
            frame,
            header,
        }
    }
}

impl<'a> Changes<'a> {
    /// `index` is the new site's.
    pub(in crate::render) fn new(old: &'a Site, new: &'a Site, index: &'a SiteIndex<'a>) -> Self {
        let by_slug = |s: &'a Site| s.reports.iter().map(|r| (r.slug.as_str(), r)).collect();
        let (old_reports, new_reports): (HashMap<_, _>, HashMap<_, _>) =
            (by_slug(old), by_slug(new));
        let same = new_reports
            .iter()
            .filter_map(|(slug, b)| old_reports.get(slug).map(|a| (*slug, Same::of(a, b))))
            .collect();
        let mut touched = HashSet::default();
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
        Changes {
            old,
            new,
            old_reports,
            new_reports,
            same,
            touched,
            index,
            old_index: OnceCell::new(),
            before: OnceCell::new(),
            touched_codes: OnceCell::new(),
            places_kept: OnceCell::new(),
            rows_kept: OnceCell::new(),
            roles_kept: OnceCell::new(),
            updated_kept: OnceCell::new(),
            areas_kept: OnceCell::new(),
            shared_kept: OnceCell::new(),
        }
    }

    /// Whether every one of `inputs` is as it was.
    pub fn all_same(&self, inputs: &[Input]) -> bool {
        inputs.iter().all(|i| self.same(i))
    }

    /// Whether `input` is as it was.
    pub fn same(&self, input: &Input) -> bool {
        match input {
            Input::Report(slug) => self.report_same(slug, |s| s.report),
            Input::Targets(slug) => self.report_same(slug, |s| s.targets),
            Input::Frame(slug) => self.report_same(slug, |s| s.frame),
            Input::Header(slug) => self.report_same(slug, |s| s.header),
            Input::Group(slug, group) => self.part_same(slug, |r| {
                r.indicators
                    .iter()
                    .filter(|i| *i.group == **group)
                    .collect::<Vec<_>>()
            }),
            Input::AgencyRows(slug, agency) => self.part_same(slug, |r| {
                let named = |a: &AgencyRef| a.id.as_deref() == Some(&**agency);
                let i = r
                    .indicators
                    .iter()
                    .filter(|i| i.lead.iter().chain(&i.partners).any(named));
                let p = r
                    .projects
                    .iter()
                    .filter(|p| p.lead.iter().chain(&p.partners).any(named));
                (i.collect::<Vec<_>>(), p.collect::<Vec<_>>())
            }),
            Input::Before(slug) => {
                let (old, new) = self
                    .before
                    .get_or_init(|| (before(self.old), before(self.new)));
                old.get(&**slug) == new.get(&**slug)
            }
            Input::History(id) => {
                !self.touched.contains(&**id) || {
                    let (a, b) = (self.old.histories.get(&**id), self.new.histories.get(&**id));
                    match (a, b) {
                        (Some(a), Some(b)) => Arc::ptr_eq(a, b) || a == b,
                        (a, b) => a.is_none() && b.is_none(),
                    }
                }
            }
            Input::HomePage(page) => {
                let window = |s: &'a Site| -> (usize, Vec<&'a str>) {
                    let slugs = page_of(&s.reports, *page, HOME_REPORTS_PER_PAGE)
                        .iter()
                        .map(|r| r.slug.as_str())
                        .collect();
                    (home_page_count(s.reports.len()), slugs)
                };
                window(self.old) == window(self.new)
            }
            Input::AgencyPage(agency, page) => self.agency_page_same(agency, *page),
            Input::Roles => *self.roles_kept.get_or_init(|| self.roles_same()),
            Input::LastUpdated => *self
                .updated_kept
                .get_or_init(|| self.old.last_updated() == self.new.last_updated()),
            Input::Areas => self.areas_same(),
            Input::Boundaries => self.old.boundaries == self.new.boundaries,
            Input::HasShared => *self
                .shared_kept
                .get_or_init(|| has_shared_codes(self.old) == has_shared_codes(self.new)),
            // A comparison is made of its code's indicators in the reports
            // of known areas, and the areas.
            Input::Shared(code) => self.areas_same() && !self.touched_codes().contains(&**code),
            Input::AllShared => self.areas_same() && self.touched_codes().is_empty(),
        }
    }

    /// Whether a report is in both sites with `part` the same (or in neither).
    fn report_same(&self, slug: &str, part: fn(&Same) -> bool) -> bool {
        match self.same.get(slug) {
            Some(s) => part(s),
            None => !self.old_reports.contains_key(slug) && !self.new_reports.contains_key(slug),
        }
    }

    /// Whether what `part` takes of a report is the same in both sites.
    fn part_same<T: PartialEq>(&self, slug: &str, part: impl Fn(&'a Report) -> T) -> bool {
        if self.report_same(slug, |s| s.targets) {
            return true;
        }
        match (self.old_reports.get(slug), self.new_reports.get(slug)) {
            (Some(a), Some(b)) => part(a) == part(b),
            _ => false,
        }
    }

    fn areas_same(&self) -> bool {
        *self
            .areas_kept
            .get_or_init(|| self.old.areas == self.new.areas)
    }

    /// The codes of every indicator whose id was touched, in either site,
    /// and that differs from its other self or whose report's frame (title,
    /// document, period, dates, area) changed: only their comparisons can
    /// differ while the areas are the same. A section or dataset edit
    /// touches no code.
    fn touched_codes(&self) -> &HashSet<&'a str> {
        self.touched_codes.get_or_init(|| {
            let mut codes = HashSet::default();
            for (site, others) in [(self.old, &self.new_reports), (self.new, &self.old_reports)] {
                for r in &site.reports {
                    let coded = r.indicators.iter().filter(|i| i.code.is_some());
                    let other = others
                        .get(r.slug.as_str())
                        .filter(|_| self.report_same(&r.slug, |s| s.frame));
                    let Some(other) = other else {
                        codes.extend(coded.filter_map(|i| i.code.as_deref()));
                        continue;
                    };
                    if Arc::ptr_eq(other, r) {
                        continue;
                    }
                    let theirs: HashMap<&str, &Indicator> = other
                        .indicators
                        .iter()
                        .map(|i| (i.id.as_str(), i))
                        .collect();
                    codes.extend(
                        coded
                            .filter(|i| theirs.get(i.id.as_str()).copied() != Some(*i))
                            .filter_map(|i| i.code.as_deref()),
                    );
                }
            }
            codes
        })
    }

    /// Whether every report's slug and title, and the agencies of its
    /// indicators and projects, are as they were, in the same order.
    fn roles_same(&self) -> bool {
        let roles = |r: &'a Report| {
            let i = r.indicators.iter().map(|i| (&i.lead, &i.partners));
            let p = r.projects.iter().map(|p| (&p.lead, &p.partners));
            (i.collect::<Vec<_>>(), p.collect::<Vec<_>>())
        };
        self.old.reports.len() == self.new.reports.len()
            && self
                .old
                .reports
                .iter()
                .zip(&self.new.reports)
                .all(|(a, b)| {
                    a.slug == b.slug
                        && (self.report_same(&b.slug, |s| s.targets)
                            || (a.title == b.title && roles(a) == roles(b)))
                })
    }

    /// Whether page `page` of an agency's list shows the same reports, and
    /// the list has as many pages.
    fn agency_page_same(&self, agency: &str, page: usize) -> bool {
        // The lists follow from each report's place and its rows for each
        // agency: when those are kept, so are the lists.
        let places_kept = *self.places_kept.get_or_init(|| {
            self.old.reports.len() == self.new.reports.len()
                && self
                    .old
                    .reports
                    .iter()
                    .zip(&self.new.reports)
                    .all(|(a, b)| a.slug == b.slug && self.report_same(&b.slug, |s| s.targets))
        });
        if places_kept {
            return true;
        }
        let rows_kept = *self.rows_kept.get_or_init(|| {
            self.old.reports.len() == self.new.reports.len()
                && self
                    .old
                    .reports
                    .iter()
                    .zip(&self.new.reports)
                    .all(|(a, b)| {
                        Arc::ptr_eq(a, b) || (a.slug == b.slug && agency_rows(a) == agency_rows(b))
                    })
        });
        if rows_kept {
            return true;
        }
        let old = self.old_index.get_or_init(|| SiteIndex::new(self.old));
        let slugs = |index: &SiteIndex<'a>| -> (usize, Vec<&'a str>) {
            let reports = index.agency_page(agency, page);
            (
                index.agency_page_count(agency),
                reports.iter().map(|r| r.slug.as_str()).collect(),
            )
        };
        slugs(old) == slugs(self.index)
    }
}

/// The slug of the report before each report (the next older), by slug.
fn before(site: &Site) -> Before<'_> {
    site.reports
        .windows(2)
        .map(|w| (w[0].slug.as_str(), w[1].slug.as_str()))
        .collect()
}
