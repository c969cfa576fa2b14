//! What pages of the whole site need to know: reports by agency, the roles
//! an agency has, and how home and agency pages are split into pages.

use super::*;

/// How many reports one page of an agency shows at most: a national portal
/// has hundreds of reports per agency, which would make one page of
/// megabytes.
pub(in crate::render) const AGENCY_REPORTS_PER_PAGE: usize = 10;

/// How many rows (indicators and projects) one page of an agency shows at
/// most, unless one report alone has more: a provincial department named in
/// most of each report's indicators would otherwise get pages of 150 KB, and
/// a page should weigh well under 100 KB.
pub(in crate::render) const AGENCY_ROWS_PER_PAGE: usize = 120;

/// Where each page of an agency's list starts (an index into its reports),
/// given how many rows each report has for the agency: as many reports as
/// fit [`AGENCY_ROWS_PER_PAGE`] and [`AGENCY_REPORTS_PER_PAGE`], and at least
/// one. An empty list has one (empty) page, which says so.
pub(in crate::render) fn agency_page_starts(rows: &[u32]) -> Vec<usize> {
    let mut starts = vec![0];
    let (mut rows_on_page, mut reports_on_page) = (0, 0);
    for (i, &n) in rows.iter().enumerate() {
        let n = n as usize;
        if reports_on_page > 0
            && (reports_on_page == AGENCY_REPORTS_PER_PAGE
                || rows_on_page + n > AGENCY_ROWS_PER_PAGE)
        {
            starts.push(i);
            (rows_on_page, reports_on_page) = (0, 0);
        }
        rows_on_page += n;
        reports_on_page += 1;
    }
    starts
}

/// Each agency a report's indicators and projects name (as lead or
/// partner), by id, with how many of them name it: the rows the agency's
/// page shows of the report.
pub(in crate::render) fn agency_rows(r: &Report) -> Vec<(&str, u32)> {
    let mut ids: Vec<&str> = Vec::new();
    let items = r
        .indicators
        .iter()
        .map(|i| (i.lead.as_slice(), i.partners.as_slice()))
        .chain(
            r.projects
                .iter()
                .map(|p| (p.lead.as_slice(), p.partners.as_slice())),
        );
    for (lead, partners) in items {
        let item = ids.len();
        for id in lead.iter().chain(partners).filter_map(|a| a.id.as_deref()) {
            if !ids[item..].contains(&id) {
                ids.push(id);
            }
        }
    }
    ids.sort_unstable();
    let mut rows: Vec<(&str, u32)> = Vec::new();
    for id in ids {
        match rows.last_mut() {
            Some((last, n)) if *last == id => *n += 1,
            _ => rows.push((id, 1)),
        }
    }
    rows
}

/// The groups of a report's indicators, each once, in the order they first
/// appear: one unit each renders their indicators' pages.
pub(in crate::render) fn indicator_groups(report: &Report) -> impl Iterator<Item = &str> {
    let mut seen = std::collections::HashSet::new();
    report
        .indicators
        .iter()
        .map(|i| i.group.as_str())
        .filter(move |g| seen.insert(*g))
}

/// How many reports one page of the home page lists, newest first: a
/// national portal's 600 reports would make a home page of half a megabyte.
pub(in crate::render) const HOME_REPORTS_PER_PAGE: usize = 20;

/// How many pages the home page's list of `reports` reports takes (at least one).
pub(in crate::render) fn home_page_count(reports: usize) -> usize {
    reports.div_ceil(HOME_REPORTS_PER_PAGE).max(1)
}

/// Folder of page `page` (from 0) of the home page's list, in a language.
pub(super) fn home_page_dir(page: usize) -> String {
    paths::home_page_dir(page)
}

/// Lookups over the whole site, built once per build so that no page
/// searches every report.
pub(in crate::render) struct SiteIndex<'a> {
    pub(in crate::render) reports: FxHashMap<&'a str, &'a Report>,
    /// For each agency, the reports that involve it, in site order.
    pub(super) agency_reports: FxHashMap<&'a str, Vec<&'a Report>>,
    /// For each agency, where each page of its list starts in those.
    agency_pages: FxHashMap<&'a str, Vec<usize>>,
    site: &'a Site,
    /// The site's agencies by id.
    agencies: FxHashMap<&'a str, (u32, &'a Agency)>,
    /// What each agency does in each report, by report slug: built on first
    /// use (the incremental build's comparisons need none).
    roles: OnceLock<FxHashMap<String, Vec<Role>>>,
}

/// A part an agency has in a report: in its indicator or project (by
/// position), as lead or partner. A report's are sorted by agency (by its
/// position in the site), indicators first, each in the report's order.
pub(super) struct Role {
    pub(super) agency: u32,
    pub(super) project: bool,
    pub(super) item: u32,
    pub(super) lead: bool,
}

impl<'a> SiteIndex<'a> {
    pub(in crate::render) fn new(site: &'a Site) -> Self {
        let mut agency_reports: FxHashMap<&'a str, Vec<&'a Report>> = FxHashMap::default();
        let mut rows: FxHashMap<&'a str, Vec<u32>> = FxHashMap::default();
        for r in &site.reports {
            for (id, n) in agency_rows(r) {
                agency_reports.entry(id).or_default().push(r);
                rows.entry(id).or_default().push(n);
            }
        }
        let agency_pages = rows
            .into_iter()
            .map(|(id, rows)| (id, agency_page_starts(&rows)))
            .collect();
        SiteIndex {
            agency_pages,
            reports: site
                .reports
                .iter()
                .map(|r| (r.slug.as_str(), &**r))
                .collect(),
            agency_reports,
            agencies: (0..)
                .zip(&site.agencies)
                .map(|(i, a)| (a.id.as_str(), (i, a)))
                .collect(),
            roles: OnceLock::new(),
            site,
        }
    }

    pub(in crate::render) fn agency(&self, id: &str) -> Option<&'a Agency> {
        self.agencies.get(id).map(|(_, a)| *a)
    }

    /// The indicators and projects of `report` that `agency` leads (`true`)
    /// or is a partner of (`false`).
    #[allow(clippy::type_complexity)]
    pub(in crate::render) fn agency_roles<'s, 'r>(
        &'s self,
        report: &'r Report,
        agency: &str,
    ) -> (
        impl Iterator<Item = (&'r Indicator, bool)> + 's,
        impl Iterator<Item = (&'r Project, bool)> + 's,
    )
    where
        'r: 's,
    {
        let roles = self
            .roles
            .get_or_init(|| self.all_roles())
            .get(report.slug.as_str())
            .map_or(&[][..], Vec::as_slice);
        let roles = match self.agencies.get(agency) {
            Some(&(a, _)) => {
                let start = roles.partition_point(|r| r.agency < a);
                let end = start + roles[start..].partition_point(|r| r.agency == a);
                &roles[start..end]
            }
            None => &[],
        };
        let split = roles.partition_point(|r| !r.project);
        (
            roles[..split]
                .iter()
                .map(|r| (&report.indicators[r.item as usize], r.lead)),
            roles[split..]
                .iter()
                .map(|r| (&report.projects[r.item as usize], r.lead)),
        )
    }

    pub(super) fn all_roles(&self) -> FxHashMap<String, Vec<Role>> {
        let mut all = FxHashMap::default();
        for r in &self.site.reports {
            let mut roles: Vec<Role> = Vec::new();
            let items = r
                .indicators
                .iter()
                .map(|i| (false, i.lead.as_slice(), i.partners.as_slice()))
                .enumerate()
                .chain(
                    r.projects
                        .iter()
                        .map(|p| (true, p.lead.as_slice(), p.partners.as_slice()))
                        .enumerate(),
                );
            for (item, (project, lead, partners)) in items {
                let first = roles.len();
                // The lead first: an agency also listed as a partner leads.
                let refs = lead.iter().map(|a| (a, true));
                for (a, lead) in refs.chain(partners.iter().map(|a| (a, false))) {
                    let Some(&(agency, _)) = a.id.as_deref().and_then(|id| self.agencies.get(id))
                    else {
                        continue;
                    };
                    if roles[first..].iter().all(|r| r.agency != agency) {
                        roles.push(Role {
                            agency,
                            project,
                            item: item as u32,
                            lead,
                        });
                    }
                }
            }
            // Stable: each agency's indicators and projects stay in order.
            roles.sort_by_key(|r| (r.agency, r.project));
            roles.shrink_to_fit();
            all.insert(r.slug.clone(), roles);
        }
        all
    }

    pub(in crate::render) fn agency_reports(&self, agency: &str) -> &[&'a Report] {
        self.agency_reports.get(agency).map_or(&[], Vec::as_slice)
    }

    /// How many pages an agency's list has (at least one, which says when
    /// there is nothing).
    pub(in crate::render) fn agency_page_count(&self, agency: &str) -> usize {
        self.agency_pages.get(agency).map_or(1, Vec::len)
    }

    /// The reports page `page` (from 0) of an agency's list shows.
    pub(in crate::render) fn agency_page(&self, agency: &str, page: usize) -> &[&'a Report] {
        let all = self.agency_reports(agency);
        let Some(starts) = self.agency_pages.get(agency) else {
            return &[];
        };
        match starts.get(page) {
            Some(&from) => &all[from..starts.get(page + 1).copied().unwrap_or(all.len())],
            None => &[],
        }
    }
}

/// Folder of page `page` (from 0) of an agency.
pub(super) fn agency_page_dir(agency: &str, page: usize) -> String {
    paths::agency_page_dir(agency, page)
}
