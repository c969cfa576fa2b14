//! What each [`RenderUnit`](super::RenderUnit) read of the site, recorded
//! while it rendered, so that after an edit only the units whose inputs
//! changed are rendered again.
//!
//! Pages and data files reach the site only through [`Reads`]: a unit's
//! pages get a `Reads`, not the `Site`. Each of its methods hands out one
//! piece of the site and writes down the [`Input`] that names it. What a
//! unit read is therefore what it shows: a page that starts reading
//! something new records it by reading it, and there is no list to keep
//! up to date by hand. `changes.rs` says, for each kind of input, when it
//! is the same in two sites.
//!
//! The site's settings, its agencies and the theme are on every page: the
//! incremental plan renders everything again when one of them changed, and
//! they are not recorded.

mod changes;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Arc;

use super::pages::{SiteIndex, HOME_REPORTS_PER_PAGE};
use crate::model::{
    has_shared_codes, Agency, Area, BoundarySet, Date, HistoryEntry, Indicator, Project, Report,
    SharedCode, Site, SiteConfig,
};

pub use changes::Changes;

/// A piece of the site that a unit's pages or files show. Reports are
/// named by slug, indicators by id, agencies by id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Input {
    /// Everything of a report.
    Report(Box<str>),
    /// A report but its indicators, projects, datasets and sections: what
    /// frames its indicators' pages and its rows on an agency's page.
    Frame(Box<str>),
    /// A report but its datasets and sections (its targets and projects):
    /// what the home page and the next report show of it.
    Targets(Box<str>),
    /// A report's title, references and document: what another report's
    /// history rows show of it.
    Header(Box<str>),
    /// The indicators of one group of a report (slug, group id).
    Group(Box<str>, Box<str>),
    /// The indicators and projects of a report that one agency leads or
    /// partners in (slug, agency id).
    AgencyRows(Box<str>, Box<str>),
    /// Which report comes before this one (the next older, in site order).
    Before(Box<str>),
    /// One indicator's values across reports (by indicator id).
    History(Box<str>),
    /// Which reports page `n` (from 0) of the home page lists, and how many
    /// pages there are.
    HomePage(usize),
    /// Which reports page `n` (from 0) of an agency's list shows, and how
    /// many pages it has (agency id, page).
    AgencyPage(Box<str>, usize),
    /// Every report's slug and title, in site order, and the agencies its
    /// indicators and projects name.
    Roles,
    /// The latest publication or update date of any report.
    LastUpdated,
    /// The areas (areas.yaml).
    Areas,
    /// The boundary sets the maps are drawn with (site.yaml `boundaries`).
    Boundaries,
    /// Whether any report of a known area has an indicator with a code.
    HasShared,
    /// The comparison of one shared code: its indicators in every report of
    /// a known area, those reports, and the areas.
    Shared(Box<str>),
    /// Every shared code's comparison.
    AllShared,
}

/// The one way a unit's pages and files reach the site: each method hands
/// out a piece of it and records which [`Input`] that was.
pub(in crate::render) struct Reads<'a> {
    site: &'a Site,
    index: &'a SiteIndex<'a>,
    codes: &'a BTreeMap<&'a str, SharedCode<'a>>,
    log: RefCell<Vec<Input>>,
}

impl<'a> Reads<'a> {
    pub(in crate::render) fn new(
        site: &'a Site,
        index: &'a SiteIndex<'a>,
        codes: &'a BTreeMap<&'a str, SharedCode<'a>>,
    ) -> Self {
        Reads {
            site,
            index,
            codes,
            log: RefCell::new(Vec::new()),
        }
    }

    /// What was read, each input once, in order.
    pub(in crate::render) fn inputs(self) -> Box<[Input]> {
        let mut log = self.log.into_inner();
        log.sort_unstable();
        log.dedup();
        log.into_boxed_slice()
    }

    /// Another log of reads of the same site, for work done beside this
    /// one (a unit's languages); its inputs come back with [`Reads::absorb`].
    pub(in crate::render) fn fork(&self) -> Self {
        Reads::new(self.site, self.index, self.codes)
    }

    /// Record what `other` (a [`Reads::fork`]) read.
    pub(in crate::render) fn absorb(&self, other: Reads) {
        self.log.borrow_mut().extend(other.log.into_inner());
    }

    fn note(&self, input: Input) {
        self.log.borrow_mut().push(input);
    }

    /// The site's settings (on every page: not recorded).
    pub(in crate::render) fn config(&self) -> &'a SiteConfig {
        &self.site.config
    }

    /// The site's agencies (on every page: not recorded).
    pub(in crate::render) fn agencies(&self) -> &'a [Agency] {
        &self.site.agencies
    }

    /// An agency by id (not recorded, as [`Reads::agencies`]).
    pub(in crate::render) fn agency(&self, id: &str) -> Option<&'a Agency> {
        self.index.agency(id)
    }

    /// A report, all of it.
    pub(in crate::render) fn report(&self, slug: &str) -> Option<&'a Report> {
        self.note(Input::Report(slug.into()));
        self.index.reports.get(slug).copied()
    }

    /// A report, for what frames its indicators: everything but its
    /// indicators, projects, datasets and sections (see [`Input::Frame`]).
    pub(in crate::render) fn frame(&self, slug: &str) -> Option<&'a Report> {
        self.note(Input::Frame(slug.into()));
        self.index.reports.get(slug).copied()
    }

    /// A report, for its title, references and document only.
    pub(in crate::render) fn header(&self, slug: &str) -> Option<&'a Report> {
        self.note(Input::Header(slug.into()));
        self.index.reports.get(slug).copied()
    }

    /// The indicators of one group of `report`.
    pub(in crate::render) fn group<'r>(
        &self,
        report: &'r Report,
        group: &'r str,
    ) -> impl Iterator<Item = &'r Indicator> + 'r {
        self.note(Input::Group(report.slug.as_str().into(), group.into()));
        report.indicators_in(group)
    }

    /// The report before `report` in the site's order (the next older),
    /// for its targets and projects.
    pub(in crate::render) fn report_before(&self, report: &Report) -> Option<&'a Report> {
        self.note(Input::Before(report.slug.as_str().into()));
        let i = self
            .site
            .reports
            .iter()
            .position(|r| r.slug == report.slug)?;
        let before = self.site.reports.get(i + 1)?;
        self.note(Input::Targets(before.slug.as_str().into()));
        Some(before)
    }

    /// One indicator's values across reports.
    pub(in crate::render) fn history(&self, id: &str) -> Option<&'a Arc<[HistoryEntry]>> {
        self.note(Input::History(id.into()));
        self.site.histories.get(id)
    }

    /// The latest publication or update date of any report.
    pub(in crate::render) fn last_updated(&self) -> Option<Date> {
        self.note(Input::LastUpdated);
        self.site.last_updated()
    }

    /// The areas reports may cover.
    pub(in crate::render) fn areas(&self) -> &'a [Area] {
        self.note(Input::Areas);
        &self.site.areas
    }

    /// The boundary sets maps are drawn with.
    pub(in crate::render) fn boundaries(&self) -> &'a [BoundarySet] {
        self.note(Input::Boundaries);
        &self.site.boundaries
    }

    /// Whether the site compares any shared code.
    pub(in crate::render) fn has_shared_codes(&self) -> bool {
        self.note(Input::HasShared);
        has_shared_codes(self.site)
    }

    /// One shared code's comparison.
    pub(in crate::render) fn shared_code(&self, code: &str) -> Option<&'a SharedCode<'a>> {
        self.note(Input::Shared(code.into()));
        self.codes.get(code)
    }

    /// Every shared code's comparison.
    pub(in crate::render) fn shared_codes(&self) -> &'a BTreeMap<&'a str, SharedCode<'a>> {
        self.note(Input::AllShared);
        self.codes
    }

    /// The reports of page `page` (from 0) of the home page, for their
    /// targets, and how many pages there are.
    pub(in crate::render) fn home_page(&self, page: usize) -> (&'a [Arc<Report>], usize) {
        self.note(Input::HomePage(page));
        let all = &self.site.reports;
        let reports = page_of(all, page, HOME_REPORTS_PER_PAGE);
        for r in reports {
            self.note(Input::Targets(r.slug.as_str().into()));
        }
        (reports, super::pages::home_page_count(all.len()))
    }

    /// Every report, for its slug and title and the agencies of its
    /// indicators and projects.
    pub(in crate::render) fn report_list(&self) -> &'a [Arc<Report>] {
        self.note(Input::Roles);
        &self.site.reports
    }

    /// How many indicators and projects an agency leads or partners in,
    /// across every report.
    pub(in crate::render) fn agency_totals(&self, agency: &str) -> (usize, usize) {
        self.note(Input::Roles);
        let (mut indicators, mut projects) = (0, 0);
        for report in self.index.agency_reports(agency) {
            let (i, p) = self.index.agency_roles(report, agency);
            indicators += i.count();
            projects += p.count();
        }
        (indicators, projects)
    }

    /// The reports of page `page` (from 0) of an agency's list, for their
    /// frames, and how many pages the list has.
    pub(in crate::render) fn agency_page(
        &self,
        agency: &str,
        page: usize,
    ) -> (&'a [&'a Report], usize) {
        self.note(Input::AgencyPage(agency.into(), page));
        let reports = self.index.agency_page(agency, page);
        for r in reports {
            self.note(Input::Frame(r.slug.as_str().into()));
        }
        (reports, self.index.agency_page_count(agency))
    }

    /// The indicators and projects of `report` that `agency` leads (`true`)
    /// or is a partner of (`false`).
    #[allow(clippy::type_complexity)]
    pub(in crate::render) fn agency_roles<'r>(
        &self,
        report: &'r Report,
        agency: &str,
    ) -> (Vec<(&'r Indicator, bool)>, Vec<(&'r Project, bool)>) {
        self.note(Input::AgencyRows(
            report.slug.as_str().into(),
            agency.into(),
        ));
        let (i, p) = self.index.agency_roles(report, agency);
        (i.collect(), p.collect())
    }
}

/// Page `page` (from 0) of `all`, `per` to a page.
fn page_of<T>(all: &[T], page: usize, per: usize) -> &[T] {
    let from = (page * per).min(all.len());
    &all[from..(from + per).min(all.len())]
}
