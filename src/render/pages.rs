//! HTML pages of one language: view models with every string already
//! formatted for the language, handed to the theme's Tera templates.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

use serde::Serialize;
use tera::{Context, Tera};

use super::chart::{
    self, BulletRow, ChartText, DatasetChartKind, HistoryPoint, HistoryTarget, Series,
};
use super::format::{self, fill, Style};
use super::markdown::{self, Heading, Shortcode};
use super::{escape, Output};
use crate::diagnostics::Msg;
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::load::theme::Theme;
use crate::model::*;

/// Everything a page of one language needs to know about where it is.
pub(super) struct Lang<'a> {
    code: &'a str,
    /// "" for the default language, "en/" for the others.
    prefix: String,
    style: Style,
    t: &'a BTreeMap<String, String>,
    /// `t` as a template value, built once: every page's context holds it.
    t_value: &'a tera::Value,
    site: &'a Site,
    index: &'a SiteIndex<'a>,
    tera: &'a Tera,
    theme: &'a Theme,
    /// The open data files, for their sizes.
    data: &'a Output,
    /// Where pages are rendered before they are copied out at their size.
    scratch: RefCell<Vec<u8>>,
    statuses: &'a [tera::Value; 7],
    /// Views of the known agencies, made once per unit and page root.
    agency_views: RefCell<AgencyViews>,
}

/// The template values of known agencies as linked from pages at `root`:
/// by id, then by how the document wrote the name (shown in the default
/// language).
#[derive(Default)]
struct AgencyViews {
    root: String,
    by_id: FxHashMap<String, Vec<(String, tera::Value)>>,
}

#[derive(Serialize)]
struct Crumb {
    label: String,
    href: Option<String>,
}

impl Crumb {
    /// The last crumb: the page itself, not a link.
    fn here(label: impl Into<String>) -> Crumb {
        Crumb {
            label: label.into(),
            href: None,
        }
    }
}

#[derive(Serialize)]
struct Alternate {
    lang: String,
    name: String,
    href: String,
    url: String,
}

#[derive(Serialize, Clone)]
struct StatusView {
    kind: &'static str,
    symbol: &'static str,
    label: String,
}

/// One count of [`CountsView`].
#[derive(Serialize, Clone)]
struct CountItem {
    class: &'static str,
    sym: &'static str,
    n: usize,
    label: String,
    href: Option<String>,
    sub: Option<String>,
}

/// Counts of what is known of a set of indicators (see
/// [`crate::model::Status::evidence`]), for `counts.html`.
#[derive(Serialize, Clone)]
struct CountsView {
    headline: String,
    items: Vec<CountItem>,
    overdue: Option<CountItem>,
}

#[derive(Serialize, Clone)]
struct AgencyView {
    name: String,
    id: Option<String>,
    href: Option<String>,
}

#[derive(Serialize, Clone)]
struct ValueView {
    period: String,
    value: String,
    source: String,
}

#[derive(Serialize, Clone)]
struct IndicatorView {
    id: String,
    href: String,
    name: String,
    unit: String,
    target: String,
    by: Option<String>,
    target_source: String,
    /// Where the target's source can be read.
    target_source_href: Option<String>,
    value: Option<String>,
    value_period: Option<String>,
    /// A [`StatusView`].
    status: tera::Value,
    sentence: String,
    /// The trend outlook with its numbers, when there is one.
    outlook: Option<String>,
    /// Whether a value shown is an estimate (the "~" needs explaining).
    has_estimate: bool,
    source: String,
    /// [`AgencyView`]s.
    lead: Option<tera::Value>,
    partners: Vec<tera::Value>,
    note: Option<String>,
    values: Vec<ValueView>,
}

#[derive(Serialize, Clone)]
struct ProjectView {
    name: String,
    source: Option<String>,
    /// [`AgencyView`]s.
    lead: Vec<tera::Value>,
    partners: Vec<tera::Value>,
    timeframe: Option<String>,
    status: Option<String>,
    /// The due date, when content gives one.
    due: Option<String>,
    /// Past its due date on the report's as-of date and not marked done.
    overdue: bool,
}

#[derive(Serialize, Clone)]
struct ChartView {
    heading: String,
    takeaway: Option<String>,
    svg: String,
    source: Option<String>,
    note: Option<String>,
    /// The chart as an SVG file, where it is written as one (not for the
    /// history chart of every indicator page: tens of thousands of files
    /// on a national portal, whose numbers are in the page's table and CSV).
    svg_href: Option<String>,
    data_href: Option<String>,
    /// The chart's numbers as a table, when the page has no other table of them.
    table: Option<TableView>,
}

#[derive(Serialize, Clone)]
struct TableView {
    head: Vec<String>,
    rows: Vec<Vec<String>>,
}

#[derive(Serialize)]
struct HistoryRow {
    period: String,
    value: String,
    source: String,
    /// Where the source can be read: its own `url`, its reference's, or the
    /// report's document (address or attached file).
    source_href: Option<String>,
    /// Title and link of the report the value comes from.
    report: Option<(String, String)>,
}

#[derive(Serialize)]
struct HistoryView {
    rows: Vec<HistoryRow>,
    several_reports: bool,
    chart: Option<ChartView>,
}

#[derive(Serialize)]
struct DownloadView {
    href: String,
    name: String,
    size: String,
    label: String,
}

#[derive(Serialize)]
struct LinkView {
    href: String,
    title: String,
    source: Option<String>,
    kind: Option<String>,
}

/// What one unit of parallel work renders in one language.
#[derive(Clone, Copy)]
pub(super) enum Part<'a> {
    SitePages,
    /// One page (from 0) of the home page's list of reports.
    HomePage(usize),
    /// One page (from 0) of an agency's targets and projects.
    AgencyPage(&'a Agency, usize),
    /// A report's pages but its indicators'.
    Report(&'a Report),
    /// A report's indicator pages of one group (each with its history across reports).
    Indicators(&'a Report, &'a str),
}

/// How many reports one page of an agency shows at most: a national portal
/// has hundreds of reports per agency, which would make one page of
/// megabytes.
pub(super) const AGENCY_REPORTS_PER_PAGE: usize = 10;

/// How many rows (indicators and projects) one page of an agency shows at
/// most, unless one report alone has more: a provincial department named in
/// most of each report's indicators would otherwise get pages of 150 KB, and
/// a page should weigh well under 100 KB.
pub(super) const AGENCY_ROWS_PER_PAGE: usize = 120;

/// Where each page of an agency's list starts (an index into its reports),
/// given how many rows each report has for the agency: as many reports as
/// fit [`AGENCY_ROWS_PER_PAGE`] and [`AGENCY_REPORTS_PER_PAGE`], and at least
/// one. An empty list has one (empty) page, which says so.
pub(super) fn agency_page_starts(rows: &[u32]) -> Vec<usize> {
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
pub(super) fn agency_rows(r: &Report) -> Vec<(&str, u32)> {
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

/// Where a page of a paged list is, and the links to its neighbours.
#[derive(Serialize)]
struct Pagination {
    /// From 1.
    page: usize,
    pages: usize,
    newer: Option<String>,
    older: Option<String>,
}

impl Pagination {
    /// Page `page` (from 0) of `pages`, whose addresses `href` gives; none
    /// when everything fits on one page.
    fn of(page: usize, pages: usize, href: impl Fn(usize) -> String) -> Option<Pagination> {
        (pages > 1).then(|| Pagination {
            page: page + 1,
            pages,
            newer: (page > 0).then(|| href(page - 1)),
            older: (page + 1 < pages).then(|| href(page + 1)),
        })
    }
}

/// The groups of a report's indicators, each once, in the order they first
/// appear: one unit each renders their indicators' pages.
pub(super) fn indicator_groups(report: &Report) -> impl Iterator<Item = &str> {
    let mut seen = std::collections::HashSet::new();
    report
        .indicators
        .iter()
        .map(|i| i.group.as_str())
        .filter(move |g| seen.insert(*g))
}

/// How many reports one page of the home page lists, newest first: a
/// national portal's 600 reports would make a home page of half a megabyte.
pub(super) const HOME_REPORTS_PER_PAGE: usize = 20;

/// How many pages the home page's list of `reports` reports takes (at least one).
pub(super) fn home_page_count(reports: usize) -> usize {
    reports.div_ceil(HOME_REPORTS_PER_PAGE).max(1)
}

/// Folder of page `page` (from 0) of the home page's list, in a language.
fn home_page_dir(page: usize) -> String {
    match page {
        0 => String::new(),
        p => format!("page/{}/", p + 1),
    }
}

/// Lookups over the whole site, built once per build so that no page
/// searches every report.
pub(super) struct SiteIndex<'a> {
    pub(super) reports: FxHashMap<&'a str, &'a Report>,
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
struct Role {
    agency: u32,
    project: bool,
    item: u32,
    lead: bool,
}

impl<'a> SiteIndex<'a> {
    pub(super) fn new(site: &'a Site) -> Self {
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

    fn agency(&self, id: &str) -> Option<&'a Agency> {
        self.agencies.get(id).map(|(_, a)| *a)
    }

    /// The indicators and projects of `report` that `agency` leads (`true`)
    /// or is a partner of (`false`).
    #[allow(clippy::type_complexity)]
    fn agency_roles<'s, 'r>(
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

    fn all_roles(&self) -> FxHashMap<String, Vec<Role>> {
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

    pub(super) fn agency_reports(&self, agency: &str) -> &[&'a Report] {
        self.agency_reports.get(agency).map_or(&[], Vec::as_slice)
    }

    /// How many pages an agency's list has (at least one, which says when
    /// there is nothing).
    pub(super) fn agency_page_count(&self, agency: &str) -> usize {
        self.agency_pages.get(agency).map_or(1, Vec::len)
    }

    /// The reports page `page` (from 0) of an agency's list shows.
    pub(super) fn agency_page(&self, agency: &str, page: usize) -> &[&'a Report] {
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
fn agency_page_dir(agency: &str, page: usize) -> String {
    match page {
        0 => format!("agencies/{agency}/"),
        p => format!("agencies/{agency}/page/{}/", p + 1),
    }
}

/// What every page of one language shares, prepared once per build.
pub(super) struct LangSetup {
    code: String,
    prefix: String,
    style: Style,
    /// Translations: the theme's default language, overridden by this one's.
    t: BTreeMap<String, String>,
    t_value: tera::Value,
    /// The statuses as template values, by [`status_index`].
    statuses: [tera::Value; 7],
}

impl LangSetup {
    pub(super) fn new(site: &Site, theme: &Theme, code: &str) -> Self {
        let default = site.config.default_language();
        let mut t = theme.i18n.get(default).cloned().unwrap_or_default();
        if let Some(own) = theme.i18n.get(code) {
            t.extend(own.clone());
        }
        let t_value = tera::Value::from_serializable(&t);
        let statuses = StatusKind::ALL.map(|k| tera::Value::from_serializable(&status_view(&t, k)));
        LangSetup {
            code: code.to_string(),
            prefix: if code == default {
                String::new()
            } else {
                format!("{code}/")
            },
            style: Style::for_lang(code),
            t,
            t_value,
            statuses,
        }
    }

    /// The language's renderer for a unit; `data` holds the unit's open data
    /// files, whose sizes the pages list.
    pub(super) fn lang<'a>(
        &'a self,
        site: &'a Site,
        index: &'a SiteIndex<'a>,
        theme: &'a Theme,
        tera: &'a Tera,
        data: &'a Output,
    ) -> Lang<'a> {
        Lang {
            code: &self.code,
            prefix: self.prefix.clone(),
            style: self.style,
            t: &self.t,
            t_value: &self.t_value,
            statuses: &self.statuses,
            site,
            index,
            tera,
            theme,
            data,
            scratch: RefCell::new(Vec::new()),
            agency_views: RefCell::default(),
        }
    }
}

impl Lang<'_> {
    /// Render one part of the site in this language into its own output.
    pub(super) fn render(&self, part: Part) -> (Output, Diagnostics) {
        let mut out = Output::default();
        let mut diags = Diagnostics::new();
        match part {
            Part::SitePages => {
                self.not_found(&mut out, &mut diags);
                self.agencies(&mut out, &mut diags);
                self.search_page(&mut out, &mut diags);
            }
            Part::HomePage(page) => self.index(page, &mut out, &mut diags),
            Part::AgencyPage(agency, page) => self.agency_page(agency, page, &mut out, &mut diags),
            Part::Report(report) => self.report(report, &mut out, &mut diags),
            Part::Indicators(report, group) => {
                for ind in report.indicators.iter().filter(|i| i.group == group) {
                    self.indicator_page(report, ind, &mut out, &mut diags);
                }
            }
        }
        (out, diags)
    }
}

impl Lang<'_> {
    fn tr<'k>(&'k self, key: &'k str) -> &'k str {
        self.t.get(key).map(String::as_str).unwrap_or(key)
    }

    fn text(&self, t: &Text) -> String {
        t.in_lang(self.code).to_string()
    }

    /// `key_one` for one thing when the theme has it ("1 indicator"), else `key`.
    fn plural<'k>(&'k self, key: &'k str, n: usize) -> &'k str {
        if n == 1 {
            if let Some(one) = self.t.get(&format!("{key}_one")) {
                return one;
            }
        }
        self.tr(key)
    }

    /// The honest counts of a report or group: what is known of its
    /// indicators, each count a link to the list of them on `list` (the
    /// report's indicator list page), in `group`'s part of it when given.
    fn counts_view(
        &self,
        c: &StatusCounts,
        as_of: Date,
        list: Option<&str>,
        group: Option<&str>,
    ) -> CountsView {
        let href = |cat: &str| {
            list.map(|l| match group {
                Some(g) => format!("{l}#{cat}-{g}"),
                None => format!("{l}#{cat}"),
            })
        };
        let item = |cat: &'static str, sym: &'static str, n: usize, key: &str| CountItem {
            class: cat,
            sym,
            n,
            label: self.plural(key, n).to_string(),
            href: (n > 0).then(|| href(cat)).flatten(),
            sub: None,
        };
        let mut items = Vec::new();
        if c.measured() > 0 {
            items.push(item("met", "✓", c.met, "count_met"));
            items.push(item("not-met", "✗", c.not_met, "count_not_met"));
        } else {
            items.push(item("measured", "✓", 0, "count_measured"));
        }
        if c.earlier > 0 {
            let mut x = item("earlier", "◷", c.earlier, "count_earlier");
            x.sub = Some(fill(
                self.tr("count_earlier_split"),
                &[
                    ("at_level", &c.earlier_at_level.to_string()),
                    ("below", &(c.earlier - c.earlier_at_level).to_string()),
                ],
            ));
            items.push(x);
        }
        items.push(item("no-value", "–", c.no_value, "count_no_data"));
        if c.proxy_only > 0 {
            items.push(item("proxy", "≈", c.proxy_only, "count_proxy"));
        }
        if c.no_target > 0 {
            items.push(item("no-target", "○", c.no_target, "count_no_target"));
        }
        let total = c.total();
        CountsView {
            headline: fill(
                self.plural("counts_headline", total),
                &[
                    ("total", &total.to_string()),
                    ("measured", &c.measured().to_string()),
                ],
            ),
            items,
            overdue: (c.overdue > 0).then(|| CountItem {
                class: "overdue",
                sym: "!",
                n: c.overdue,
                label: fill(
                    self.plural("count_overdue_as_of", c.overdue),
                    &[("as_of", &format::date(as_of, self.style))],
                ),
                href: href("overdue"),
                sub: None,
            }),
        }
    }

    /// Links from a page at `rel_dir` (inside this language) to the language root and the output root.
    fn roots(&self, rel_dir: &str) -> (String, String) {
        let depth = format!("{}{}", self.prefix, rel_dir).matches('/').count();
        let asset_root = "../".repeat(depth);
        let root = format!("{asset_root}{}", self.prefix);
        (
            if root.is_empty() {
                "./".to_string()
            } else {
                root
            },
            asset_root,
        )
    }

    /// The same page in every language: `href` from this page (whose path to
    /// the output root is `up`), `url` absolute for hreflang.
    fn alternates(&self, rel_dir: &str, up: &str) -> Vec<Alternate> {
        let default = self.site.config.default_language();
        self.site
            .config
            .languages
            .iter()
            .map(|l| {
                let prefix = if l == default {
                    String::new()
                } else {
                    format!("{l}/")
                };
                let href = format!("{up}{prefix}{rel_dir}");
                Alternate {
                    lang: l.clone(),
                    name: self
                        .theme
                        .i18n
                        .get(l)
                        .and_then(|m| m.get("language_name"))
                        .cloned()
                        .unwrap_or_else(|| l.clone()),
                    href: if href.is_empty() { "./".into() } else { href },
                    url: format!("{}{prefix}{rel_dir}", self.site.config.base_url),
                }
            })
            .collect()
    }

    fn context(
        &self,
        rel_dir: &str,
        title: &str,
        description: &str,
        crumbs: Vec<Crumb>,
        fallback: bool,
    ) -> Context {
        let (root, asset_root) = self.roots(rel_dir);
        let base = &self.site.config.base_url;
        let alternates = self.alternates(rel_dir, &asset_root);
        let mut ctx = Context::new();
        ctx.insert("lang", self.code);
        ctx.insert_value("t", self.t_value.clone());
        ctx.insert("site_title", &self.text(&self.site.config.title));
        ctx.insert(
            "publisher",
            &self.site.config.publisher.as_ref().map(|p| self.text(p)),
        );
        ctx.insert("root", &root);
        ctx.insert("asset_root", &asset_root);
        ctx.insert("page_title", title);
        ctx.insert("description", description);
        ctx.insert("canonical", &format!("{base}{}{rel_dir}", self.prefix));
        ctx.insert("alternates", &alternates);
        ctx.insert("crumbs", &crumbs);
        ctx.insert("fallback", &fallback);
        ctx.insert("has_agencies", &!self.site.agencies.is_empty());
        ctx.insert("license", &self.license_view());
        // A report's pages carry its provenance: the folder says which report.
        let report = rel_dir
            .strip_prefix("reports/")
            .and_then(|r| r.split('/').next())
            .and_then(|slug| self.index.reports.get(slug).copied());
        ctx.insert(
            "provenance",
            &report.map(|r| self.provenance_view(r, &asset_root)),
        );
        // Pages outside a report: the latest update of any report.
        ctx.insert(
            "site_updated",
            &report
                .is_none()
                .then(|| self.site.last_updated())
                .flatten()
                .map(|d| format::date(d, self.style)),
        );
        // The pages of `init`'s sample report say that its figures are made up.
        let sample = rel_dir
            .strip_prefix("reports/")
            .and_then(|r| r.split('/').next())
            .is_some_and(|slug| self.site.reports.iter().any(|r| r.sample && r.slug == slug));
        ctx.insert("sample", &sample);
        ctx
    }

    /// The site's data licence for the footer: its title and address.
    fn license_view(&self) -> Option<serde_json::Value> {
        self.site
            .config
            .license
            .as_ref()
            .map(|l| serde_json::json!({ "id": l.id, "title": self.text(&l.title), "url": l.url }))
    }

    /// Where a report's figures come from, when, and how to cite them: the
    /// source document (address, attached file with size and SHA-256), the
    /// publication, update and as-of dates, a citation line.
    fn provenance_view(&self, r: &Report, asset_root: &str) -> serde_json::Value {
        let st = self.style;
        let d = &r.document;
        let file = d.file.as_ref().map(|f| {
            serde_json::json!({
                "href": format!("{asset_root}reports/{}/data/source/{}", r.slug, f.name),
                "name": f.name,
                "size": format!("{} KB", format::number(f.size as f64 / 1024.0, Some(1), st)),
                "sha256": f.sha256,
            })
        });
        let date = |x: Option<Date>| x.map(|x| format::date(x, st));
        let url = format!(
            "{}{}reports/{}/",
            self.site.config.base_url, self.prefix, r.slug
        );
        let cite = fill(
            self.tr("how_to_cite_text"),
            &[
                (
                    "publisher",
                    &self
                        .site
                        .config
                        .publisher
                        .as_ref()
                        .map(|p| self.text(p))
                        .unwrap_or_else(|| self.text(&self.site.config.title)),
                ),
                (
                    "year",
                    &r.published.map_or(d.date.year, |p| p.year).to_string(),
                ),
                ("title", &self.text(&r.title)),
                ("number", &d.number),
                ("url", &url),
                ("as_of", &format::date(r.as_of, st)),
            ],
        );
        serde_json::json!({
            "document": format!("{} {} · {} {}", self.tr("document_number"), d.number, self.tr("issued"), format::date(d.date, st)),
            "url": d.url,
            "file": file,
            "published": date(r.published),
            "updated": date(r.updated),
            "as_of": format::date(r.as_of, st),
            "cite": cite,
        })
    }

    fn emit(
        &self,
        template: &str,
        ctx: &Context,
        rel_path: &str,
        out: &mut Output,
        diags: &mut Diagnostics,
    ) {
        // Rendered into the unit's scratch buffer (no growing from empty, no
        // UTF-8 check of what Tera wrote from UTF-8), kept at its exact size.
        let mut buf = self.scratch.borrow_mut();
        buf.clear();
        match self.tera.render_to(template, ctx, &mut *buf) {
            Ok(()) => out.add(format!("{}{rel_path}", self.prefix), buf.as_slice()),
            Err(e) => {
                let origins = self
                    .theme
                    .templates
                    .iter()
                    .map(|t| (t.name.as_str(), &t.origin))
                    .collect();
                let sources = self
                    .theme
                    .templates
                    .iter()
                    .map(|t| (t.name.as_str(), t.source.as_str()))
                    .collect();
                for d in super::template_errors(&e, &origins, &sources) {
                    diags.push(d);
                }
            }
        }
    }

    fn home_crumb(&self, root: &str) -> Crumb {
        Crumb {
            label: self.tr("home").to_string(),
            href: Some(root.to_string()),
        }
    }

    fn status_view(&self, kind: StatusKind) -> StatusView {
        status_view(self.t, kind)
    }

    /// [`Self::status_view`] as a template value, made once per build.
    fn status_value(&self, kind: StatusKind) -> tera::Value {
        self.statuses[status_index(kind)].clone()
    }

    /// [`Self::agency`] as a template value, made once per unit for each
    /// known agency, spelling and page root.
    fn agency_value(&self, a: &AgencyRef, root: &str) -> tera::Value {
        let Some(id) = a.id.as_deref().filter(|id| self.index.agency(id).is_some()) else {
            return tera::Value::from_serializable(&self.agency(a, root));
        };
        let mut views = self.agency_views.borrow_mut();
        if views.root != root {
            views.root.clear();
            views.root.push_str(root);
            views.by_id.clear();
        }
        let spellings = match views.by_id.get_mut(id) {
            Some(s) => s,
            None => views.by_id.entry(id.to_string()).or_default(),
        };
        if let Some((_, v)) = spellings.iter().find(|(w, _)| *w == a.written) {
            return v.clone();
        }
        let v = tera::Value::from_serializable(&self.agency(a, root));
        spellings.push((a.written.clone(), v.clone()));
        v
    }

    /// An agency as the document wrote it in the default language, by its
    /// translated name in other languages.
    fn agency(&self, a: &AgencyRef, root: &str) -> AgencyView {
        let known = a.id.as_deref().and_then(|id| self.index.agency(id));
        let name = match known {
            Some(x)
                if self.code != self.site.config.default_language() && x.name.has(self.code) =>
            {
                self.text(&x.name)
            }
            _ => a.written.clone(),
        };
        AgencyView {
            name,
            id: a.id.clone(),
            href: known.map(|x| format!("{root}agencies/{}/", x.id)),
        }
    }

    fn source(&self, report: &Report, s: &Source) -> String {
        match s {
            Source::Text(t) => self.locator(t),
            Source::Ref { id, at, .. } => {
                let title = report
                    .reference(id)
                    .map(|r| self.text(&r.title))
                    .unwrap_or_else(|| id.clone());
                match at {
                    Some(at) => format!("{title}, {}", self.locator_str(at)),
                    None => title,
                }
            }
        }
    }

    /// The address where a source can be read, from a page whose path to the
    /// output root is `asset_root`: a `ref:` source's own `url` or its reference's, else the
    /// report's document (its `url`, or the attached file).
    fn source_href(&self, report: &Report, s: &Source, asset_root: &str) -> Option<String> {
        let document = || {
            report.document.url.clone().or_else(|| {
                report.document.file.as_ref().map(|f| {
                    // Data files sit under the output root, for every language.
                    format!("{asset_root}reports/{}/data/source/{}", report.slug, f.name)
                })
            })
        };
        match s {
            Source::Text(_) => document(),
            Source::Ref { id, url, .. } => url
                .clone()
                .or_else(|| report.reference(id).and_then(|r| r.url.clone())),
        }
    }

    /// A place in a document in this page's language: its own translation,
    /// else, on an English page, the Vietnamese locator's words in English.
    fn locator(&self, t: &Text) -> String {
        match t.get(self.code) {
            (s, false) => s.to_string(),
            (s, true) => self.locator_str(s),
        }
    }

    fn locator_str(&self, s: &str) -> String {
        match self.style {
            Style::En => super::locator::to_english(s).unwrap_or_else(|| s.to_string()),
            Style::Vi => s.to_string(),
        }
    }

    /// "năm 2023" in Vietnamese, "2023" in English: what follows "up to".
    fn period_upto(&self, p: Period) -> String {
        match self.style {
            Style::Vi => format::period_phrase(p, self.style),
            Style::En => format::period(p, self.style),
        }
    }

    fn value_text(&self, ind: &Indicator, v: f64) -> String {
        format::indicator_value(ind, v, self.style)
    }

    fn target_text(&self, ind: &Indicator) -> String {
        match &ind.target {
            // Targets are round numbers: no padding with the indicator's decimals.
            Some(Target::Numeric { value, op, .. }) => {
                format!(
                    "{} {}",
                    op.symbol(),
                    format::with_unit(*value, None, &ind.unit, self.style)
                )
            }
            Some(Target::Text { text, .. }) => self.text(text),
            None => self.tr("status_no_target").to_string(),
        }
    }

    /// The sentence that explains a status with the numbers plugged in:
    /// a verdict only from a value for the target period (see
    /// [`crate::model::compute_status`]), else the gap and whether it is due.
    fn sentence(&self, report: &Report, ind: &Indicator) -> String {
        let st = self.style;
        let by = match &ind.target {
            Some(Target::Numeric { by, .. }) => *by,
            Some(Target::Text { text, .. }) => {
                return fill(
                    self.tr("sentence_text_target"),
                    &[("text", &self.text(text))],
                )
            }
            None => return self.tr("sentence_no_target").to_string(),
        };
        let latest = ind.latest();
        let value = latest
            .map(|m| self.measurement_text(ind, m))
            .unwrap_or_default();
        let period = latest
            .map(|m| self.value_period_phrase(report, m.period))
            .unwrap_or_default();
        let gap = ind
            .status
            .comparison
            .map(|c| self.gap_text(ind, c.gap))
            .unwrap_or_default();
        let at_level = ind.status.comparison.is_some_and(|c| c.at_target_level);
        let as_of = format::date(report.as_of, st);
        let proxy = latest
            .and_then(|m| m.proxy.as_ref())
            .map(|p| self.text(&p.note))
            .unwrap_or_default();
        let key = match ind.status.kind {
            StatusKind::Met => "sentence_met",
            StatusKind::NotMet => "sentence_not_met",
            StatusKind::NotYetDue if at_level => "sentence_progress_at_level",
            StatusKind::NotYetDue => "sentence_progress",
            StatusKind::Overdue if ind.status.comparison.is_none() => "sentence_overdue",
            StatusKind::Overdue if at_level => "sentence_overdue_progress_at_level",
            StatusKind::Overdue => "sentence_overdue_progress",
            StatusKind::NoData => "sentence_no_data",
            StatusKind::Proxy => "sentence_proxy",
            StatusKind::NoTarget => "sentence_no_target",
        };
        let mut out = fill(
            self.tr(key),
            &[
                ("value", &value),
                ("period", &period),
                ("target", &self.target_text(ind)),
                ("by", &format::period_phrase(by, st)),
                ("by_end", &format::date(by.end(), st)),
                ("gap", &gap),
                ("as_of", &as_of),
                ("proxy", &proxy),
            ],
        );
        // An overdue indicator may still show a proxy figure: say what it is.
        if ind.status.kind == StatusKind::Overdue && !proxy.is_empty() {
            out.push(' ');
            out.push_str(&fill(
                self.tr("sentence_proxy_shown"),
                &[("value", &value), ("period", &period), ("proxy", &proxy)],
            ));
        }
        out
    }

    /// The trend outlook in a sentence with the numbers used, when there is
    /// one to give: a numeric target not yet due, or no numeric target and a
    /// direction (`better`). See [`crate::model::outlook`].
    fn outlook_sentence(&self, report: &Report, ind: &Indicator) -> Option<String> {
        let shown = match ind.status.kind {
            StatusKind::NotYetDue => true,
            StatusKind::NoTarget => ind.better.is_some(),
            _ => false,
        };
        if !shown {
            return None;
        }
        let o = ind.outlook(report.period).ok()?;
        let st = self.style;
        let pct = |x: f64| {
            let n = format::number((x * 100.0).abs(), Some(1), st);
            let sign = if x < 0.0 { "−" } else { "+" };
            match st {
                Style::Vi => format!("{sign}{n}\u{a0}%"),
                Style::En => format!("{sign}{n}%"),
            }
        };
        let value = |v: f64| format::with_unit(v, ind.decimals, &ind.unit, st);
        let word = self.tr(&format!("outlook_{}", o.kind.as_str())).to_string();
        let mut args: Vec<(&str, String)> = vec![
            ("first", value(o.first.1)),
            ("first_period", format::period_phrase(o.first.0, st)),
            ("first_plain", format::period(o.first.0, st)),
            ("latest", value(o.latest.1)),
            ("latest_period", format::period_phrase(o.latest.0, st)),
            ("cagr", pct(o.cagr)),
            ("word", word),
            ("target", self.target_text(ind)),
            ("r", format::number(o.score, Some(2), st)),
            ("p", pct(o.score)),
        ];
        if let Some(Target::Numeric { by, .. }) = &ind.target {
            args.push(("by", format::period_phrase(*by, st)));
        }
        if let Some(n) = o.cagr_needed {
            args.push(("needed", pct(n)));
        }
        let key = match (o.kind, o.cagr_needed) {
            (OutlookKind::AlreadyMet, _) => "outlook_sentence_met",
            (_, Some(_)) => "outlook_sentence",
            (_, None) => "outlook_sentence_no_target",
        };
        let refs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let mut out = fill(self.tr(key), &refs);
        if o.correction < 1.0 && o.kind != OutlookKind::AlreadyMet {
            out.push(' ');
            out.push_str(&fill(
                self.tr("outlook_limit"),
                &[("c", &format::number(o.correction, Some(2), st))],
            ));
        }
        Some(out)
    }

    /// The address of an indicator's own CSV or JSON from its page.
    fn indicator_data_href(&self, report: &Report, ind: &Indicator, ext: &str) -> String {
        let dir = format!("reports/{}/indicators/{}/", report.slug, ind.id);
        let (_, asset_root) = self.roots(&dir);
        format!("{asset_root}{dir}{}.{ext}", ind.id)
    }

    /// "năm 2022", or "năm 2022 (năm cơ sở)" for the report's baseline period.
    fn value_period_phrase(&self, report: &Report, p: Period) -> String {
        let phrase = format::period_phrase(p, self.style);
        if report.baseline_period == Some(p) {
            format!("{phrase} ({})", self.tr("baseline_word"))
        } else {
            phrase
        }
    }

    /// A value as shown: "~8,48 %" for an estimate, in its own unit for a proxy.
    fn measurement_text(&self, ind: &Indicator, m: &Measurement) -> String {
        let unit = m
            .proxy
            .as_ref()
            .and_then(|p| p.unit.as_ref())
            .unwrap_or(&ind.unit);
        let v = format::with_unit(m.value, ind.decimals, unit, self.style);
        if m.estimate {
            format!("~{v}")
        } else {
            v
        }
    }

    /// How far a value is from its target, in the target's unit: percentage
    /// points for a percentage.
    fn gap_text(&self, ind: &Indicator, gap: f64) -> String {
        match ind.unit.kind {
            Unit::Percent => fill(
                self.plural("percentage_points", usize::from(gap == 1.0)),
                &[("n", &format::number(gap, ind.decimals, self.style))],
            ),
            _ => format::with_unit(gap, ind.decimals, &ind.unit, self.style),
        }
    }

    fn indicator_view(&self, report: &Report, ind: &Indicator, root: &str) -> IndicatorView {
        let latest = ind.latest();
        let source = latest
            .and_then(|m| m.source.as_ref())
            .or_else(|| ind.target.as_ref().and_then(Target::source))
            .map(|s| self.source(report, s))
            .unwrap_or_default();
        IndicatorView {
            id: ind.id.clone(),
            href: format!("{root}reports/{}/indicators/{}/", report.slug, ind.id),
            name: self.text(&ind.name),
            unit: unit_name(&ind.unit, self.style),
            target: self.target_text(ind),
            by: ind
                .target
                .as_ref()
                .and_then(Target::by)
                .map(|p| format::period(p, self.style)),
            target_source: ind
                .target
                .as_ref()
                .and_then(Target::source)
                .map(|s| self.source(report, s))
                .unwrap_or_default(),
            target_source_href: ind.target.as_ref().and_then(Target::source).and_then(|s| {
                let dir = format!("reports/{}/indicators/{}/", report.slug, ind.id);
                self.source_href(report, s, &self.roots(&dir).1)
            }),
            value: latest.map(|m| self.measurement_text(ind, m)),
            value_period: latest.map(|m| format::period(m.period, self.style)),
            status: self.status_value(ind.status.kind),
            sentence: self.sentence(report, ind),
            outlook: self.outlook_sentence(report, ind),
            has_estimate: ind.values.iter().any(|m| m.estimate),
            source,
            lead: ind.lead.as_ref().map(|a| self.agency_value(a, root)),
            partners: ind
                .partners
                .iter()
                .map(|a| self.agency_value(a, root))
                .collect(),
            note: ind.note.as_ref().map(|n| self.text(n)),
            values: ind
                .values
                .iter()
                .map(|m| ValueView {
                    period: format::period(m.period, self.style),
                    value: self.measurement_text(ind, m),
                    source: m
                        .source
                        .as_ref()
                        .map(|s| self.source(report, s))
                        .unwrap_or_default(),
                })
                .collect(),
        }
    }

    fn project_view(&self, report: &Report, p: &Project, root: &str) -> ProjectView {
        ProjectView {
            name: self.text(&p.name),
            source: p.source.as_ref().map(|s| self.source(report, s)),
            lead: p.lead.iter().map(|a| self.agency_value(a, root)).collect(),
            partners: p
                .partners
                .iter()
                .map(|a| self.agency_value(a, root))
                .collect(),
            timeframe: p.timeframe.as_ref().map(|t| self.text(t)),
            status: p
                .status
                .map(|s| self.tr(&format!("project_{}", s.as_str())).to_string()),
            due: p.due.map(|d| format::date(d, self.style)),
            overdue: p.overdue(report.as_of),
        }
    }

    /// "12 quá hạn (tính đến 31/03/2024)", or nothing when none is.
    fn projects_overdue_line(&self, report: &Report, projects: &[&Project]) -> Option<String> {
        let n = projects.iter().filter(|p| p.overdue(report.as_of)).count();
        (n > 0).then(|| {
            fill(
                self.plural("projects_overdue", n),
                &[
                    ("n", &n.to_string()),
                    ("as_of", &format::date(report.as_of, self.style)),
                ],
            )
        })
    }

    fn document_line(&self, report: &Report) -> String {
        let d = &report.document;
        let mut s = format!(
            "{} {} · {} {}",
            self.tr("document_number"),
            d.number,
            self.tr("issued"),
            format::date(d.date, self.style)
        );
        if let Some(i) = &d.issuer {
            s.push_str(&format!(" · {}", self.text(i)));
        }
        s
    }

    /// The group's bullet chart, or `None` when it has no numeric target.
    fn group_chart(&self, report: &Report, group: &Group) -> Option<String> {
        let rows: Vec<BulletRow> = report
            .indicators_in(&group.id)
            .filter(|i| matches!(i.target, Some(Target::Numeric { .. })))
            .map(|i| BulletRow {
                label: self.text(&i.name),
                ratio: i.status.comparison.and_then(|c| c.attainment),
                value_text: i
                    .latest()
                    .map(|m| self.measurement_text(i, m))
                    .unwrap_or_else(|| self.tr("no_data_short").to_string()),
                target_text: format!("{} {}", self.tr("target_line"), self.target_text(i)),
                status: i.status.kind,
                status_text: self.status_view(i.status.kind).label,
            })
            .collect();
        if rows.is_empty() {
            return None;
        }
        let c = report.group_counts(&group.id);
        let name = self.text(&group.name);
        let desc_key = if c.measured() > 0 {
            "chart_desc_group"
        } else {
            "chart_desc_group_unmeasured"
        };
        let mut desc = fill(
            self.tr(desc_key),
            &[
                ("total", &c.scored().to_string()),
                ("met", &c.met.to_string()),
                ("not_met", &c.not_met.to_string()),
                ("earlier", &c.earlier.to_string()),
                ("no_data", &c.no_value.to_string()),
                ("proxy", &c.proxy_only.to_string()),
            ],
        );
        for r in &rows {
            desc.push_str(&format!(
                " {}: {} ({}), {}.",
                r.label,
                r.value_text,
                r.target_text,
                r.status_text.to_lowercase()
            ));
        }
        let text = ChartText {
            id: format!("chart-{}", group.id),
            title: fill(self.tr("chart_title_group"), &[("group", &name)]),
            desc,
        };
        Some(chart::group_chart(&text, &rows))
    }

    /// A one-line stacked bar of a group's statuses, for the overview.
    fn status_bar(&self, report: &Report, group: &Group) -> String {
        let c = report.group_counts(&group.id);
        // Only the states that occur: "0 met" beside three figures from
        // before the target period would read as failure.
        let counts: Vec<(StatusKind, usize, String)> = StatusKind::ALL
            .iter()
            .filter(|k| c.get(**k) > 0)
            .map(|k| {
                (
                    *k,
                    c.get(*k),
                    self.plural(
                        &format!("count_{}", k.as_str().replace('-', "_")),
                        c.get(*k),
                    )
                    .to_string(),
                )
            })
            .collect();
        let name = self.text(&group.name);
        let desc = counts
            .iter()
            .map(|(_, n, w)| format!("{n} {w}"))
            .collect::<Vec<_>>()
            .join(", ");
        let text = ChartText {
            id: format!("status-{}", group.id),
            title: format!("{name}: {}", self.tr("status")),
            desc,
        };
        chart::status_bar(&text, &counts)
    }

    fn chart_view(
        &self,
        report: &Report,
        group: &Group,
        svg: String,
        page_dir_root: &str,
    ) -> ChartView {
        let c = report.group_counts(&group.id);
        let name = self.text(&group.name);
        let (_, asset_root) = self.roots(page_dir_root);
        let rows = report
            .indicators_in(&group.id)
            .filter(|i| matches!(i.target, Some(Target::Numeric { .. })))
            .map(|i| {
                vec![
                    self.text(&i.name),
                    i.latest()
                        .map(|m| self.measurement_text(i, m))
                        .unwrap_or_else(|| "–".into()),
                    self.target_text(i),
                    self.status_view(i.status.kind).label,
                ]
            })
            .collect();
        let head = ["indicator", "latest_value", "target", "status"]
            .iter()
            .map(|k| self.tr(k).to_string())
            .collect();
        ChartView {
            table: Some(TableView { head, rows }),
            heading: fill(self.tr("chart_title_group"), &[("group", &name)]),
            // "0/3 met" would read as failure where nothing was measured.
            takeaway: Some(if c.measured() > 0 {
                fill(
                    self.tr("chart_takeaway"),
                    &[
                        ("met", &c.met.to_string()),
                        ("measured", &c.measured().to_string()),
                        ("scored", &c.scored().to_string()),
                    ],
                )
            } else {
                fill(
                    self.tr("chart_takeaway_unmeasured"),
                    &[
                        ("scored", &c.scored().to_string()),
                        ("earlier", &c.earlier.to_string()),
                    ],
                )
            }),
            svg,
            source: Some(format!(
                "{} {}",
                report.document.number,
                format::date(report.document.date, self.style)
            )),
            note: (c.no_target > 0).then(|| self.tr("chart_not_drawn").to_string()),
            svg_href: Some(format!(
                "{}{}reports/{}/groups/{}/chart.svg",
                asset_root, self.prefix, report.slug, group.id
            )),
            data_href: Some(format!(
                "{asset_root}reports/{}/data/indicators.csv",
                report.slug
            )),
        }
    }

    /// Page `page` (from 0) of the home page: the site's reports, newest first.
    fn index(&self, page: usize, out: &mut Output, diags: &mut Diagnostics) {
        #[derive(Serialize)]
        struct ReportItem {
            href: String,
            title: String,
            document_line: String,
            counts: CountsView,
        }
        let pages = home_page_count(self.site.reports.len());
        let dir = home_page_dir(page);
        let (root, _) = self.roots(&dir);
        let site_title = self.text(&self.site.config.title);
        let (title, crumbs) = if page == 0 {
            (site_title.clone(), Vec::new())
        } else {
            let label = format!("{} {}/{pages}", self.tr("page"), page + 1);
            (
                format!("{}: {label}", self.tr("reports")),
                vec![self.home_crumb(&root), Crumb::here(label)],
            )
        };
        let mut ctx = self.context(&dir, &title, &site_title, crumbs, false);
        // The first page's links stay as they always were (`reports/…`).
        let cards_root = if page == 0 { "" } else { root.as_str() };
        let reports: Vec<ReportItem> = self
            .site
            .reports
            .iter()
            .skip(page * HOME_REPORTS_PER_PAGE)
            .take(HOME_REPORTS_PER_PAGE)
            .map(|r| ReportItem {
                href: format!("{cards_root}reports/{}/", r.slug),
                title: self.text(&r.title),
                document_line: self.document_line(r),
                counts: self.counts_view(
                    &r.counts(),
                    r.as_of,
                    Some(&format!("{cards_root}reports/{}/indicators/", r.slug)),
                    None,
                ),
            })
            .collect();
        ctx.insert("reports", &reports);
        ctx.insert(
            "pagination",
            &Pagination::of(page, pages, |p| format!("{root}{}", home_page_dir(p))),
        );
        self.emit("index.html", &ctx, &format!("{dir}index.html"), out, diags);
    }

    fn not_found(&self, out: &mut Output, diags: &mut Diagnostics) {
        // A 404 page is served at any address, so its links start from the site's path.
        let mut ctx = self.context(
            "",
            self.tr("not_found_title"),
            self.tr("not_found_text"),
            Vec::new(),
            false,
        );
        let base_path = base_path(&self.site.config.base_url);
        ctx.insert("root", &format!("{base_path}{}", self.prefix));
        ctx.insert("asset_root", &base_path);
        let alternates = self.alternates("", &base_path);
        ctx.insert("alternates", &alternates);
        self.emit("404.html", &ctx, "404.html", out, diags);
    }

    fn report(&self, report: &Report, out: &mut Output, diags: &mut Diagnostics) {
        let default = self.site.config.default_language();
        let fallback = self.code != default && !report.title.has(self.code);
        let rdir = format!("reports/{}/", report.slug);
        let title = self.text(&report.title);
        let (root, asset_root) = self.roots(&rdir);

        // Group charts are drawn once per language and used on the overview, the group page and in prose.
        let charts: BTreeMap<&str, String> = report
            .groups
            .iter()
            .filter_map(|g| self.group_chart(report, g).map(|svg| (g.id.as_str(), svg)))
            .collect();
        for (gid, svg) in &charts {
            out.add(
                format!("{}{rdir}groups/{gid}/chart.svg", self.prefix),
                svg.clone(),
            );
        }

        // Sections first: the overview's table of contents uses their titles.
        let section_links: Vec<(String, String)> = report
            .sections
            .iter()
            .map(|s| {
                let (title, _) = section_text(s, self.code, default);
                (s.slug.clone(), title.title.clone())
            })
            .collect();
        for (i, s) in report.sections.iter().enumerate() {
            self.section(report, s, i, &section_links, &charts, out, diags);
        }

        // Overview.
        #[derive(Serialize)]
        struct GroupCard {
            href: String,
            name: String,
            counts: CountsView,
            indicator_count: usize,
            status_svg: String,
            chart: Option<ChartView>,
        }
        #[derive(Serialize)]
        struct TocKind {
            label: String,
            sections: Vec<LinkView>,
        }
        let crumbs = vec![self.home_crumb(&root), Crumb::here(title.clone())];
        let counts = report.counts();
        let desc = format!(
            "{}: {}",
            self.document_line(report),
            self.counts_view(&counts, report.as_of, None, None).headline
        );
        let mut ctx = self.context(&rdir, &title, &desc, crumbs, fallback);
        let groups: Vec<GroupCard> = report
            .groups
            .iter()
            .map(|g| GroupCard {
                href: format!("groups/{}/", g.id),
                name: self.text(&g.name),
                counts: self.counts_view(
                    &report.group_counts(&g.id),
                    report.as_of,
                    Some("indicators/"),
                    Some(&g.id),
                ),
                indicator_count: report.indicators_in(&g.id).count(),
                status_svg: self.status_bar(report, g),
                chart: charts
                    .get(g.id.as_str())
                    .map(|svg| self.chart_view(report, g, svg.clone(), &rdir)),
            })
            .collect();
        let mut toc: Vec<TocKind> = Vec::new();
        for kind in [
            SectionKind::Achievements,
            SectionKind::Limitations,
            SectionKind::Plan,
            SectionKind::Solutions,
            SectionKind::Other,
        ] {
            let sections: Vec<LinkView> = report
                .sections
                .iter()
                .zip(&section_links)
                .filter(|(s, _)| s.kind == kind)
                .map(|(s, (slug, t))| LinkView {
                    href: format!("{slug}/"),
                    title: t.clone(),
                    source: s.source.as_deref().map(|x| self.locator_str(x)),
                    kind: None,
                })
                .collect();
            if !sections.is_empty() {
                toc.push(TocKind {
                    label: self.tr(&format!("kind_{}", kind.as_str())).to_string(),
                    sections,
                });
            }
        }
        let downloads = self.downloads(report, &asset_root);
        let report_view = serde_json::json!({
            "title": title,
            "document_line": self.document_line(report),
            "counts": self.counts_view(&counts, report.as_of, Some("indicators/"), None),
            "status_rule": fill(self.tr("status_rule"), &[("period", &self.period_upto(report.period)), ("as_of", &format::date(report.as_of, self.style))]),
        });
        ctx.insert("report", &report_view);
        ctx.insert("changes", &self.changes_view(report, &root));
        ctx.insert("groups", &groups);
        ctx.insert("toc", &toc);
        ctx.insert("projects_href", "projects/");
        ctx.insert("project_count", &report.projects.len());
        ctx.insert(
            "projects_overdue",
            &self.projects_overdue_line(report, &report.projects.iter().collect::<Vec<_>>()),
        );
        let datasets: Vec<LinkView> = report
            .datasets
            .iter()
            .map(|d| LinkView {
                href: format!("datasets/{}/", d.id),
                title: self.text(&d.title),
                source: d.source.as_ref().map(|s| self.source(report, s)),
                kind: None,
            })
            .collect();
        ctx.insert("datasets", &datasets);
        ctx.insert("downloads", &downloads);
        self.emit(
            "report.html",
            &ctx,
            &format!("{rdir}index.html"),
            out,
            diags,
        );

        for g in &report.groups {
            self.group_page(
                report,
                g,
                charts.get(g.id.as_str()).cloned(),
                &section_links,
                out,
                diags,
            );
        }
        self.indicator_list(report, out, diags);
        self.projects_page(report, out, diags);
        self.data_page(report, out, diags);
        for d in &report.datasets {
            self.dataset_page(report, d, out, diags);
        }
    }

    /// `reports/<slug>/indicators/`: the report's indicators by what is
    /// known of them, the list every count links to (`#earlier`,
    /// `#earlier-<group>`, `#overdue` ...).
    fn indicator_list(&self, report: &Report, out: &mut Output, diags: &mut Diagnostics) {
        #[derive(Serialize)]
        struct Part {
            id: String,
            name: String,
            indicators: Vec<IndicatorView>,
        }
        #[derive(Serialize)]
        struct Category {
            id: &'static str,
            title: String,
            n: usize,
            groups: Vec<Part>,
        }
        let dir = format!("reports/{}/indicators/", report.slug);
        let (root, _) = self.roots(&dir);
        let title = self.tr("indicator_list").to_string();
        let crumbs = self.report_crumbs(report, &root, vec![Crumb::here(title.clone())]);
        let mut ctx = self.context(&dir, &title, &title, crumbs, false);
        let category = |id: &'static str, key: &str, has: &dyn Fn(&Indicator) -> bool| {
            let groups: Vec<Part> = report
                .groups
                .iter()
                .map(|g| Part {
                    id: format!("{id}-{}", g.id),
                    name: self.text(&g.name),
                    indicators: report
                        .indicators_in(&g.id)
                        .filter(|i| has(i))
                        .map(|i| self.indicator_view(report, i, &root))
                        .collect(),
                })
                .collect();
            Category {
                id,
                title: self.tr(key).to_string(),
                n: groups.iter().map(|g| g.indicators.len()).sum(),
                groups,
            }
        };
        let mut cats: Vec<Category> = [
            ("met", "count_met"),
            ("not-met", "count_not_met"),
            ("earlier", "count_earlier"),
            ("no-value", "count_no_data"),
            ("proxy", "count_proxy"),
            ("no-target", "count_no_target"),
        ]
        .into_iter()
        .map(|(id, key)| category(id, key, &|i: &Indicator| i.status.evidence() == id))
        .collect();
        cats.push(category("overdue", "list_overdue", &|i: &Indicator| {
            i.status.kind == StatusKind::Overdue
        }));
        ctx.insert("categories", &cats);
        ctx.insert(
            "counts",
            &self.counts_view(&report.counts(), report.as_of, Some(""), None),
        );
        self.emit(
            "indicators.html",
            &ctx,
            &format!("{dir}index.html"),
            out,
            diags,
        );
    }

    /// `agencies/index.html` and one page per agency: everything it leads or
    /// partners in, across all reports.
    /// The list of agencies, with how many targets and projects each has.
    fn agencies(&self, out: &mut Output, diags: &mut Diagnostics) {
        #[derive(Serialize)]
        struct AgencyItem {
            href: String,
            name: String,
            short: Option<String>,
            indicators: usize,
            projects: usize,
        }
        if self.site.agencies.is_empty() {
            return;
        }
        let mut items: Vec<AgencyItem> = self
            .site
            .agencies
            .iter()
            .map(|agency| {
                let (mut indicators, mut projects) = (0, 0);
                for report in self.index.agency_reports(&agency.id) {
                    let (i, p) = self.index.agency_roles(report, &agency.id);
                    indicators += i.count();
                    projects += p.count();
                }
                AgencyItem {
                    href: format!("{}/", agency.id),
                    name: self.text(&agency.name),
                    short: agency.short.clone(),
                    indicators,
                    projects,
                }
            })
            .collect();
        items.sort_by(|a, b| {
            b.indicators
                .cmp(&a.indicators)
                .then(b.projects.cmp(&a.projects))
                .then_with(|| a.name.cmp(&b.name))
        });
        let mut ctx = self.site_page("agencies/", "agencies");
        ctx.insert("agencies", &items);
        self.emit("agencies.html", &ctx, "agencies/index.html", out, diags);
    }

    /// Page `page` (from 0) of an agency: its targets and projects in the
    /// reports of that page, newest first.
    fn agency_page(&self, agency: &Agency, page: usize, out: &mut Output, diags: &mut Diagnostics) {
        #[derive(Serialize)]
        struct Role<T> {
            role: tera::Value,
            item: T,
        }
        /// Rows of one kind: the agency's lead indicators of one category of
        /// what is known (the list its count links to), or those it partners in.
        #[derive(Serialize)]
        struct Rows {
            id: Option<String>,
            rows: Vec<Role<IndicatorView>>,
        }
        #[derive(Serialize)]
        struct ReportPart {
            title: String,
            href: String,
            indicator_count: usize,
            indicators: Vec<Rows>,
            projects: Vec<Role<ProjectView>>,
            counts: CountsView,
            /// How many of its projects here are overdue.
            projects_overdue: Option<String>,
        }
        let pages = self.index.agency_page_count(&agency.id);
        let dir = agency_page_dir(&agency.id, page);
        let (root, _) = self.roots(&dir);
        let roles = ["partners", "lead"].map(|k| tera::Value::from(self.tr(k)));
        let role = |lead: bool| roles[usize::from(lead)].clone();
        let parts: Vec<ReportPart> = self
            .index
            .agency_page(&agency.id, page)
            .iter()
            .map(|report| {
                let (inds, prjs) = self.index.agency_roles(report, &agency.id);
                let (inds, prjs): (Vec<_>, Vec<_>) = (inds.collect(), prjs.collect());
                let mut counts = StatusCounts::default();
                for (ind, lead) in &inds {
                    if *lead {
                        counts.add(&ind.status);
                    }
                }
                let rows = |keep: &dyn Fn(&Indicator, bool) -> bool| -> Vec<Role<IndicatorView>> {
                    inds.iter()
                        .filter(|(ind, lead)| keep(ind, *lead))
                        .map(|(ind, lead)| Role {
                            role: role(*lead),
                            item: self.indicator_view(report, ind, &root),
                        })
                        .collect()
                };
                let mut indicators: Vec<Rows> = EVIDENCE
                    .iter()
                    .map(|cat| Rows {
                        id: Some(format!("{cat}-{}", report.slug)),
                        rows: rows(&|ind, lead| lead && ind.status.evidence() == *cat),
                    })
                    .filter(|r| !r.rows.is_empty())
                    .collect();
                indicators.push(Rows {
                    id: None,
                    rows: rows(&|_, lead| !lead),
                });
                let mut counts_view =
                    self.counts_view(&counts, report.as_of, Some(""), Some(&report.slug));
                // Overdue rows are spread over the categories: no list of their own here.
                if let Some(o) = counts_view.overdue.as_mut() {
                    o.href = None;
                }
                ReportPart {
                    title: self.text(&report.title),
                    href: format!("{root}reports/{}/", report.slug),
                    indicator_count: inds.len(),
                    indicators,
                    projects: prjs
                        .iter()
                        .map(|(p, lead)| Role {
                            role: role(*lead),
                            item: self.project_view(report, p, &root),
                        })
                        .collect(),
                    counts: counts_view,
                    projects_overdue: self.projects_overdue_line(
                        report,
                        &prjs.iter().map(|(p, _)| *p).collect::<Vec<_>>(),
                    ),
                }
            })
            .collect();
        let name = self.text(&agency.name);
        let fallback =
            self.code != self.site.config.default_language() && !agency.name.has(self.code);
        let agency_href = format!("{root}agencies/{}/", agency.id);
        let mut crumbs = vec![
            self.home_crumb(&root),
            Crumb {
                label: self.tr("agencies").to_string(),
                href: Some(format!("{root}agencies/")),
            },
        ];
        let title = if page == 0 {
            crumbs.push(Crumb::here(name.clone()));
            name.clone()
        } else {
            crumbs.push(Crumb {
                label: name.clone(),
                href: Some(agency_href.clone()),
            });
            let label = format!("{} {}/{pages}", self.tr("page"), page + 1);
            crumbs.push(Crumb::here(label.clone()));
            format!("{name} ({label})")
        };
        let mut ctx = self.context(&dir, &title, &name, crumbs, fallback);
        let mut also: Vec<String> = agency.short.iter().cloned().collect();
        also.extend(agency.aliases.iter().cloned());
        also.extend(
            agency
                .name
                .translations
                .values()
                .filter(|n| **n != name)
                .cloned(),
        );
        also.dedup();
        ctx.insert("agency", &serde_json::json!({ "name": name, "also": also }));
        ctx.insert("reports", &parts);
        ctx.insert(
            "pagination",
            &Pagination::of(page, pages, |p| {
                format!("{root}{}", agency_page_dir(&agency.id, p))
            }),
        );
        self.emit("agency.html", &ctx, &format!("{dir}index.html"), out, diags);
    }

    /// The report's open data files with their sizes, as links from a page at `asset_root`.
    fn downloads(&self, report: &Report, asset_root: &str) -> Vec<DownloadView> {
        super::data::downloads(report, self.data)
            .into_iter()
            .map(|f| DownloadView {
                href: format!("{asset_root}{}", f.path),
                size: format!(
                    "{} KB",
                    format::number(f.bytes as f64 / 1024.0, Some(1), self.style)
                ),
                label: self.tr(&format!("file_{}", f.kind)).to_string(),
                name: f.name,
            })
            .collect()
    }

    fn data_page(&self, report: &Report, out: &mut Output, diags: &mut Diagnostics) {
        let dir = format!("reports/{}/data/", report.slug);
        let (root, asset_root) = self.roots(&dir);
        let label = self.tr("data_downloads").to_string();
        let crumbs = self.report_crumbs(report, &root, vec![Crumb::here(label.clone())]);
        let fallback =
            self.code != self.site.config.default_language() && !report.title.has(self.code);
        let mut ctx = self.context(
            &dir,
            &label,
            &format!("{label}: {}", self.text(&report.title)),
            crumbs,
            fallback,
        );
        ctx.insert("downloads", &self.downloads(report, &asset_root));
        ctx.insert("report_title", &self.text(&report.title));
        ctx.insert("report_href", &format!("{root}reports/{}/", report.slug));
        self.emit("data.html", &ctx, &format!("{dir}index.html"), out, diags);
    }

    /// An indicator's values across every report that shares its id, with
    /// the chart of them against this report's target.
    fn history(&self, report: &Report, ind: &Indicator, root: &str) -> HistoryView {
        let entries: Cow<[HistoryEntry]> = match self.site.histories.get(&ind.id) {
            Some(h) => Cow::Borrowed(&h[..]),
            None => ind
                .values
                .iter()
                .map(|m| HistoryEntry {
                    period: m.period,
                    value: m.value,
                    source: m.source.clone(),
                    report: report.slug.clone(),
                    estimate: m.estimate,
                    proxy: m.proxy.is_some(),
                })
                .collect::<Vec<_>>()
                .into(),
        };
        let several_reports = entries.iter().any(|e| e.report != report.slug);
        let (_, asset_root) =
            self.roots(&format!("reports/{}/indicators/{}/", report.slug, ind.id));
        let rows: Vec<HistoryRow> = entries
            .iter()
            .map(|e| {
                let from = self.index.reports.get(e.report.as_str()).copied();
                // This report's own value knows a proxy's unit; another
                // report's is shown as a bare number.
                let own = ind
                    .values
                    .iter()
                    .find(|m| m.period == e.period && e.report == report.slug);
                let value = match own {
                    Some(m) => self.measurement_text(ind, m),
                    None if e.proxy => format::number(e.value, ind.decimals, self.style),
                    None if e.estimate => format!("~{}", self.value_text(ind, e.value)),
                    None => self.value_text(ind, e.value),
                };
                HistoryRow {
                    period: format::period(e.period, self.style),
                    value: if e.proxy {
                        format!("{value} ({})", self.tr("proxy_word"))
                    } else {
                        value
                    },
                    source: match (from, &e.source) {
                        (Some(r), Some(s)) => self.source(r, s),
                        _ => String::new(),
                    },
                    source_href: match (from, &e.source) {
                        (Some(r), Some(s)) => self.source_href(r, s, &asset_root),
                        _ => None,
                    },
                    report: from
                        .map(|r| (self.text(&r.title), format!("{root}reports/{}/", r.slug))),
                }
            })
            .collect();
        let chart = (!entries.is_empty()).then(|| {
            // The table's period and value, as written there.
            let points: Vec<HistoryPoint> = entries
                .iter()
                .zip(&rows)
                // A proxy measures something else: not a point on this scale.
                .map(|(e, r)| HistoryPoint {
                    label: r.period.clone(),
                    value: (!e.proxy).then_some(e.value),
                    value_text: r.value.clone(),
                })
                .collect();
            let target = match &ind.target {
                Some(Target::Numeric { value, by, .. }) => Some(HistoryTarget {
                    value: *value,
                    text: format!(
                        "{} {} ({})",
                        self.tr("target"),
                        self.target_text(ind),
                        format::period(*by, self.style)
                    ),
                    deadline_label: format::period(*by, self.style),
                }),
                _ => None,
            };
            let name = self.text(&ind.name);
            let mut desc: Vec<String> = rows
                .iter()
                .map(|r| format!("{}: {}", r.period, r.value))
                .collect();
            if let Some(t) = &target {
                desc.push(t.text.clone());
            }
            let text = ChartText {
                id: format!("chart-history-{}", ind.id),
                title: format!("{name}: {}", self.tr("history").to_lowercase()),
                desc: desc.join("; "),
            };
            let style = self.style;
            let fmt = |v: f64| format::with_unit(v, None, &ind.unit, style);
            let svg = chart::history_chart(&text, &points, target.as_ref(), &fmt);
            ChartView {
                table: None,
                heading: self.tr("history_chart").to_string(),
                takeaway: None,
                svg,
                source: None,
                note: None,
                svg_href: None,
                // The indicator's own data, beside its page (in the default
                // language's folder: one file serves every language).
                data_href: Some(self.indicator_data_href(report, ind, "csv")),
            }
        });
        HistoryView {
            rows,
            several_reports,
            chart,
        }
    }

    /// Projects counted by lead agency and by status, as bar charts.
    fn project_charts(&self, report: &Report, dir: &str, out: &mut Output) -> Vec<ChartView> {
        let mut by_lead: BTreeMap<String, usize> = BTreeMap::new();
        let mut by_status: BTreeMap<String, usize> = BTreeMap::new();
        for p in &report.projects {
            for a in &p.lead {
                // Count agencies, not spellings: "Văn phòng UBND" and "VP UBND tỉnh" are one body.
                let known = a.id.as_deref().and_then(|id| self.index.agency(id));
                let name = known
                    .map(|x| self.text(&x.name))
                    .unwrap_or_else(|| a.written.clone());
                *by_lead.entry(name).or_default() += 1;
            }
            if p.lead.is_empty() {
                *by_lead
                    .entry(self.tr("not_stated").to_string())
                    .or_default() += 1;
            }
            let status = p
                .status
                .map(|s| self.tr(&format!("project_{}", s.as_str())).to_string());
            *by_status
                .entry(status.unwrap_or_else(|| self.tr("not_stated").to_string()))
                .or_default() += 1;
        }
        let mut charts = Vec::new();
        let any_status = report.projects.iter().any(|p| p.status.is_some());
        for (key, counts) in [
            ("projects_by_lead", by_lead),
            ("projects_by_status", by_status),
        ] {
            if counts.is_empty() || (key == "projects_by_status" && !any_status) {
                continue;
            }
            let mut items: Vec<(String, usize)> = counts.into_iter().collect();
            items.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let title = self.tr(key).to_string();
            let desc = items
                .iter()
                .map(|(k, n)| format!("{k}: {n}"))
                .collect::<Vec<_>>()
                .join("; ");
            let id = key.replace('_', "-");
            let table = TableView {
                head: vec![
                    self.tr(if key == "projects_by_lead" {
                        "lead"
                    } else {
                        "project_status"
                    })
                    .to_string(),
                    self.tr("projects").to_string(),
                ],
                rows: items
                    .iter()
                    .map(|(k, n)| vec![k.clone(), n.to_string()])
                    .collect(),
            };
            let svg = chart::count_bars(
                &ChartText {
                    id: format!("chart-{id}"),
                    title: title.clone(),
                    desc,
                },
                &items,
            );
            out.add(format!("{}{dir}{id}.svg", self.prefix), svg.clone());
            charts.push(ChartView {
                table: Some(table),
                heading: title,
                takeaway: None,
                svg,
                source: None,
                note: None,
                svg_href: Some(format!("{id}.svg")),
                data_href: Some(format!(
                    "{}reports/{}/data/projects.csv",
                    self.roots(dir).1,
                    report.slug
                )),
            });
        }
        charts
    }

    /// Targets added, removed or changed since the previous report of the site.
    fn changes_view(&self, report: &Report, root: &str) -> Option<serde_json::Value> {
        let i = self
            .site
            .reports
            .iter()
            .position(|r| r.slug == report.slug)?;
        // Reports are newest first: the previous one is the next in the list.
        let previous = self.site.reports.get(i + 1)?;
        let c = changes(previous, report);
        let link = |r: &Report, ind: &Indicator| serde_json::json!({ "name": self.text(&ind.name), "href": format!("{root}reports/{}/indicators/{}/", r.slug, ind.id) });
        let by = |ind: &Indicator| {
            ind.target
                .as_ref()
                .and_then(Target::by)
                .map(|p| format::period(p, self.style))
                .unwrap_or_default()
        };
        Some(serde_json::json!({
            "previous": { "title": self.text(&previous.title), "href": format!("{root}reports/{}/", previous.slug) },
            "empty": c.is_empty(),
            "added": c.added.iter().map(|ind| link(report, ind)).collect::<Vec<_>>(),
            "removed": c.removed.iter().map(|ind| link(previous, ind)).collect::<Vec<_>>(),
            "target_changed": c.target_changed.iter().map(|(p, n)| serde_json::json!({
                "link": link(report, n), "before": self.target_text(p), "after": self.target_text(n)
            })).collect::<Vec<_>>(),
            "deadline_moved": c.deadline_moved.iter().map(|(p, n)| serde_json::json!({
                "link": link(report, n), "before": by(p), "after": by(n)
            })).collect::<Vec<_>>(),
        }))
    }

    /// The context of a page of the whole site (not of a report) titled by `label_key`.
    fn site_page(&self, dir: &str, label_key: &str) -> Context {
        let (root, _) = self.roots(dir);
        let label = self.tr(label_key).to_string();
        let crumbs = vec![self.home_crumb(&root), Crumb::here(label.clone())];
        self.context(dir, &label, &label, crumbs, false)
    }

    fn search_page(&self, out: &mut Output, diags: &mut Diagnostics) {
        let mut ctx = self.site_page("search/", "search");
        ctx.insert(
            "reports",
            &super::search::report_links(self.site, self.code),
        );
        self.emit("search.html", &ctx, "search/index.html", out, diags);
    }

    fn report_crumbs(&self, report: &Report, root: &str, rest: Vec<Crumb>) -> Vec<Crumb> {
        let mut c = vec![
            self.home_crumb(root),
            Crumb {
                label: self.text(&report.title),
                href: Some(format!("{root}reports/{}/", report.slug)),
            },
        ];
        c.extend(rest);
        c
    }

    fn group_page(
        &self,
        report: &Report,
        g: &Group,
        svg: Option<String>,
        section_links: &[(String, String)],
        out: &mut Output,
        diags: &mut Diagnostics,
    ) {
        let dir = format!("reports/{}/groups/{}/", report.slug, g.id);
        let (root, _) = self.roots(&dir);
        let name = self.text(&g.name);
        let crumbs = self.report_crumbs(report, &root, vec![Crumb::here(name.clone())]);
        let fallback = self.code != self.site.config.default_language() && !g.name.has(self.code);
        let counts = report.group_counts(&g.id);
        let mut ctx = self.context(
            &dir,
            &name,
            &g.description
                .as_ref()
                .map(|d| self.text(d))
                .unwrap_or_else(|| name.clone()),
            crumbs,
            fallback,
        );
        ctx.insert(
            "group",
            &serde_json::json!({
                "name": name,
                "description": g.description.as_ref().map(|d| self.text(d)),
                "counts": self.counts_view(&counts, report.as_of, Some(&format!("{root}reports/{}/indicators/", report.slug)), Some(&g.id)),
                "chart": svg.map(|s| self.chart_view(report, g, s, &dir)),
            }),
        );
        let inds: Vec<IndicatorView> = report
            .indicators_in(&g.id)
            .map(|i| self.indicator_view(report, i, &root))
            .collect();
        ctx.insert("indicators", &inds);
        let sections: Vec<LinkView> = report
            .sections
            .iter()
            .zip(section_links)
            .filter(|(s, _)| s.group.as_deref() == Some(&g.id))
            .map(|(s, (slug, t))| LinkView {
                href: format!("{root}reports/{}/{slug}/", report.slug),
                title: t.clone(),
                source: s.source.as_deref().map(|x| self.locator_str(x)),
                kind: Some(self.tr(&format!("kind_{}", s.kind.as_str())).to_string()),
            })
            .collect();
        ctx.insert("sections", &sections);
        let projects: Vec<ProjectView> = report
            .projects
            .iter()
            .filter(|p| p.group.as_deref() == Some(&g.id))
            .map(|p| self.project_view(report, p, &root))
            .collect();
        ctx.insert("projects", &projects);
        ctx.insert("report_href", &format!("{root}reports/{}/", report.slug));
        self.emit("group.html", &ctx, &format!("{dir}index.html"), out, diags);
    }

    fn indicator_page(
        &self,
        report: &Report,
        ind: &Indicator,
        out: &mut Output,
        diags: &mut Diagnostics,
    ) {
        let dir = format!("reports/{}/indicators/{}/", report.slug, ind.id);
        let (root, _) = self.roots(&dir);
        let view = self.indicator_view(report, ind, &root);
        let group = report.group(&ind.group);
        let group_name = group.map(|g| self.text(&g.name)).unwrap_or_default();
        let group_href = format!("{root}reports/{}/groups/{}/", report.slug, ind.group);
        let crumbs = self.report_crumbs(
            report,
            &root,
            vec![
                Crumb {
                    label: group_name.clone(),
                    href: Some(group_href.clone()),
                },
                Crumb::here(view.name.clone()),
            ],
        );
        let fallback = self.code != self.site.config.default_language() && !ind.name.has(self.code);
        let mut ctx = self.context(&dir, &view.name, &view.sentence, crumbs, fallback);
        let history = self.history(report, ind, &root);
        ctx.insert("history", &history);
        ctx.insert(
            "own_data",
            &[
                self.indicator_data_href(report, ind, "csv"),
                self.indicator_data_href(report, ind, "json"),
            ],
        );
        ctx.insert("i", &view);
        ctx.insert("group_name", &group_name);
        ctx.insert("group_href", &group_href);
        self.emit(
            "indicator.html",
            &ctx,
            &format!("{dir}index.html"),
            out,
            diags,
        );
    }

    fn projects_page(&self, report: &Report, out: &mut Output, diags: &mut Diagnostics) {
        #[derive(Serialize)]
        struct Category {
            name: String,
            projects: Vec<ProjectView>,
        }
        let dir = format!("reports/{}/projects/", report.slug);
        let (root, asset_root) = self.roots(&dir);
        let label = self.tr("projects").to_string();
        let crumbs = self.report_crumbs(report, &root, vec![Crumb::here(label.clone())]);
        let mut categories: Vec<Category> = Vec::new();
        for p in &report.projects {
            let name = p
                .category
                .as_ref()
                .map(|c| self.text(c))
                .unwrap_or_default();
            match categories.last_mut() {
                Some(c) if c.name == name => c.projects.push(self.project_view(report, p, &root)),
                _ => categories.push(Category {
                    name,
                    projects: vec![self.project_view(report, p, &root)],
                }),
            }
        }
        let fallback =
            self.code != self.site.config.default_language() && !report.title.has(self.code);
        let mut ctx = self.context(
            &dir,
            &label,
            &format!("{label}: {}", self.text(&report.title)),
            crumbs,
            fallback,
        );
        ctx.insert("categories", &categories);
        ctx.insert("charts", &self.project_charts(report, &dir, out));
        ctx.insert("project_count", &report.projects.len());
        ctx.insert(
            "projects_overdue",
            &self.projects_overdue_line(report, &report.projects.iter().collect::<Vec<_>>()),
        );
        ctx.insert("report_title", &self.text(&report.title));
        ctx.insert("report_href", &format!("{root}reports/{}/", report.slug));
        ctx.insert(
            "data_href",
            &format!("{asset_root}reports/{}/data/projects.csv", report.slug),
        );
        self.emit(
            "projects.html",
            &ctx,
            &format!("{dir}index.html"),
            out,
            diags,
        );
    }

    fn dataset_page(
        &self,
        report: &Report,
        d: &Dataset,
        out: &mut Output,
        diags: &mut Diagnostics,
    ) {
        #[derive(Serialize)]
        struct CellView {
            text: String,
            num: bool,
        }
        let dir = format!("reports/{}/datasets/{}/", report.slug, d.id);
        let (root, asset_root) = self.roots(&dir);
        let title = self.text(&d.title);
        let crumbs = self.report_crumbs(report, &root, vec![Crumb::here(title.clone())]);
        let rows: Vec<Vec<CellView>> = d
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .zip(&d.columns)
                    .map(|(cell, col)| match cell {
                        Cell::Empty => CellView {
                            text: "–".into(),
                            num: false,
                        },
                        Cell::Number(v) => CellView {
                            text: match &col.unit {
                                Some(u) => format::with_unit(*v, None, u, self.style),
                                None => format::number(*v, None, self.style),
                            },
                            num: true,
                        },
                        // A cell naming a place in a document ("Phần I, mục I.4")
                        // reads in English on English pages.
                        Cell::Text(t) => CellView {
                            text: self.locator(t),
                            num: false,
                        },
                    })
                    .collect()
            })
            .collect();
        let source = d.source.as_ref().map(|s| self.source(report, s));
        let chart = d
            .chart
            .as_ref()
            .filter(|c| c.kind != ChartType::None)
            .map(|c| {
                let xi = d.columns.iter().position(|col| col.id == c.x).unwrap_or(0);
                let categories: Vec<String> = d
                    .rows
                    .iter()
                    .map(|r| match &r[xi] {
                        Cell::Text(t) => self.text(t),
                        Cell::Number(v) => format::number(*v, None, self.style),
                        Cell::Empty => "–".into(),
                    })
                    .collect();
                let series: Vec<Series> =
                    c.y.iter()
                        .filter_map(|y| d.columns.iter().position(|col| &col.id == y))
                        .map(|yi| Series {
                            name: self.text(&d.columns[yi].name),
                            values: d
                                .rows
                                .iter()
                                .map(|r| {
                                    if let Cell::Number(v) = r[yi] {
                                        Some(v)
                                    } else {
                                        None
                                    }
                                })
                                .collect(),
                        })
                        .collect();
                let unit =
                    c.y.first()
                        .and_then(|y| d.columns.iter().find(|col| &col.id == y))
                        .and_then(|col| col.unit.clone());
                let style = self.style;
                let fmt = move |v: f64| match &unit {
                    Some(u) => format::with_unit(v, None, u, style),
                    None => format::number(v, None, style),
                };
                let mut desc = String::new();
                for (i, cat) in categories.iter().enumerate() {
                    let vals: Vec<String> = series
                        .iter()
                        .map(|s| s.values[i].map(&fmt).unwrap_or_else(|| "–".into()))
                        .collect();
                    desc.push_str(&format!("{cat}: {}. ", vals.join(", ")));
                }
                let text = ChartText {
                    id: format!("chart-dataset-{}", d.id),
                    title: title.clone(),
                    desc: desc.trim_end().to_string(),
                };
                let kind = if c.kind == ChartType::Line {
                    DatasetChartKind::Line
                } else {
                    DatasetChartKind::Bar
                };
                let svg = chart::dataset_chart(&text, kind, &categories, &series, &fmt);
                out.add(format!("{}{dir}chart.svg", self.prefix), svg.clone());
                ChartView {
                    table: None,
                    heading: title.clone(),
                    takeaway: None,
                    svg,
                    source: source.clone(),
                    note: None,
                    svg_href: Some("chart.svg".into()),
                    data_href: Some(format!(
                        "{asset_root}reports/{}/data/datasets/{}.csv",
                        report.slug, d.id
                    )),
                }
            });
        let fallback = self.code != self.site.config.default_language() && !d.title.has(self.code);
        let mut ctx = self.context(&dir, &title, &title, crumbs, fallback);
        ctx.insert(
            "dataset",
            &serde_json::json!({
                "title": title,
                "description": d.description.as_ref().map(|x| self.text(x)),
                "source": source,
                "columns": d.columns.iter().map(|c| self.text(&c.name)).collect::<Vec<_>>(),
                "rows": rows,
                "chart": chart,
                "csv_href": format!("{asset_root}reports/{}/data/datasets/{}.csv", report.slug, d.id),
            }),
        );
        ctx.insert("report_href", &format!("{root}reports/{}/", report.slug));
        self.emit(
            "dataset.html",
            &ctx,
            &format!("{dir}index.html"),
            out,
            diags,
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn section(
        &self,
        report: &Report,
        s: &Section,
        index: usize,
        links: &[(String, String)],
        charts: &BTreeMap<&str, String>,
        out: &mut Output,
        diags: &mut Diagnostics,
    ) {
        let default = self.site.config.default_language();
        let (text, fallback) = section_text(s, self.code, default);
        let dir = format!("reports/{}/{}/", report.slug, s.slug);
        let (root, _) = self.roots(&dir);
        let prefix = format!("fn-{}", s.slug);
        let mut expand = |call: &Shortcode| self.shortcode(report, call, charts, &root);
        let (rendered, errors) = markdown::render(&text.markdown, &prefix, &mut expand);
        // Each language version reports its own errors; the default one also
        // covers translations that fall back to it, so report it only once.
        if !fallback {
            for e in errors {
                let line = text.body_line + e.line - 1;
                let mut d = if e.warning {
                    Diagnostic::warning(&text.path, Some(Pos::new(line, e.col)), e.message)
                } else {
                    Diagnostic::error(&text.path, Some(Pos::new(line, e.col)), e.message)
                };
                d.source_line = text.markdown.lines().nth(e.line - 1).map(str::to_string);
                if let Some(h) = e.hint {
                    d = d.with_hint(h);
                }
                diags.push(d);
            }
        }
        for (url, line) in &rendered.links {
            out.links.push(super::links::EditorLink {
                page: format!("{}{dir}index.html", self.prefix),
                url: url.clone(),
                source: text.path.clone(),
                line: text.body_line + line - 1,
                version: (self.code != default)
                    .then(|| format!("{} page", self.tr("language_name"))),
            });
        }
        let group = s.group.as_ref().and_then(|g| report.group(g)).map(|g| {
            serde_json::json!({ "name": self.text(&g.name), "href": format!("{root}reports/{}/groups/{}/", report.slug, g.id) })
        });
        let crumbs = self.report_crumbs(report, &root, vec![Crumb::here(text.title.clone())]);
        let toc: Vec<&Heading> = rendered.headings.iter().filter(|h| h.level == 2).collect();
        let mut ctx = self.context(&dir, &text.title, &text.title, crumbs, fallback);
        ctx.insert(
            "section",
            &serde_json::json!({
                "title": text.title,
                "kind": self.tr(&format!("kind_{}", s.kind.as_str())),
                "source": s.source.as_deref().map(|x| self.locator_str(x)),
                "group": group,
                "toc": toc,
                "html": rendered.html,
            }),
        );
        let link = |i: usize| {
            links
                .get(i)
                .map(|(slug, t)| serde_json::json!({ "href": format!("../{slug}/"), "title": t }))
        };
        ctx.insert("prev", &index.checked_sub(1).and_then(link));
        ctx.insert("next", &link(index + 1));
        ctx.insert("report_href", &format!("{root}reports/{}/", report.slug));
        self.emit(
            "section.html",
            &ctx,
            &format!("{dir}index.html"),
            out,
            diags,
        );
    }

    /// Expand a data shortcode in prose into trusted HTML.
    fn shortcode(
        &self,
        report: &Report,
        call: &Shortcode,
        charts: &BTreeMap<&str, String>,
        root: &str,
    ) -> markdown::Expansion {
        let arg = |name: &str| -> Result<&str, (Msg, Option<Msg>)> {
            call.args.get(name).map(String::as_str).ok_or_else(|| {
                (
                    msg!("shortcode-argument", en: "shortcode `{}` needs `{name}=\"...\"`", vi: "mã ngắn `{}` cần `{name}=\"...\"`", call.name),
                    None,
                )
            })
        };
        let indicator = || -> Result<&Indicator, (Msg, Option<Msg>)> {
            let id = arg("indicator")?;
            report.indicator(id).ok_or_else(|| {
                let ids = report.indicators.iter().map(|i| i.id.as_str());
                let hint = crate::diagnostics::did_you_mean(id, ids)
                    .map(|b| msg!("did-you-mean", en: "did you mean `{b}`?", vi: "có phải là `{b}`?"));
                (
                    msg!("unknown-indicator", en: "indicator `{id}` is not defined in this report's indicators.yaml", vi: "chỉ tiêu `{id}` không có trong indicators.yaml của báo cáo này"),
                    hint,
                )
            })
        };
        match call.name.as_str() {
            "value" => {
                let ind = indicator()?;
                Ok(match ind.latest() {
                    Some(m) => format!(
                        "<data value=\"{}\">{}</data>",
                        m.value,
                        escape(&self.measurement_text(ind, m))
                    ),
                    None => escape(self.tr("no_data_short")),
                })
            }
            "target" => Ok(escape(&self.target_text(indicator()?))),
            "status" => {
                let s = self.status_view(indicator()?.status.kind);
                Ok(format!(
                    "<span class=\"status status-{}\"><span class=\"sym\" aria-hidden=\"true\">{}</span> {}</span>",
                    s.kind,
                    s.symbol,
                    escape(&s.label)
                ))
            }
            "chart" => {
                let id = arg("group")?;
                let Some(g) = report.group(id) else {
                    let hint = crate::diagnostics::did_you_mean(
                        id,
                        report.groups.iter().map(|g| g.id.as_str()),
                    )
                    .map(|b| msg!("did-you-mean", en: "did you mean `{b}`?", vi: "có phải là `{b}`?"));
                    return Err((
                        msg!("unknown-group", en: "group `{id}` is not defined in report.yaml", vi: "nhóm `{id}` chưa được khai báo trong report.yaml"),
                        hint,
                    ));
                };
                match charts.get(id) {
                    Some(svg) => Ok(format!(
                        "<figure class=\"chart\"><div class=\"chart-svg\">{svg}</div><p class=\"chart-meta\"><a href=\"{root}reports/{}/groups/{}/\">{}: {}</a></p></figure>",
                        report.slug,
                        g.id,
                        escape(self.tr("view_group")),
                        escape(&self.text(&g.name))
                    )),
                    None => Ok(format!("<p class=\"muted\">{}</p>", escape(self.tr("chart_no_numeric")))),
                }
            }
            other => Err((
                msg!("unknown-shortcode", en: "unknown shortcode `{other}`", vi: "mã ngắn `{other}` không tồn tại"),
                None,
            )),
        }
    }
}

/// Tera's HTML escaping, the same five characters, but writing the text
/// between them in one piece: Tera's own writes every byte on its own
/// through `dyn Write`, a tenth of the time of rendering a page.
pub(super) fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    let mut start = 0;
    for (i, b) in bytes.iter().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[start..i])?;
        out.write_all(entity)?;
        start = i + 1;
    }
    out.write_all(&bytes[start..])
}

fn status_view(t: &BTreeMap<String, String>, kind: StatusKind) -> StatusView {
    let (symbol, key) = match kind {
        StatusKind::Met => ("✓", "status_met"),
        StatusKind::NotMet => ("✗", "status_not_met"),
        StatusKind::NotYetDue => ("◷", "status_not_yet_due"),
        StatusKind::Overdue => ("!", "status_overdue"),
        StatusKind::NoData => ("–", "status_no_data"),
        StatusKind::Proxy => ("≈", "status_proxy"),
        StatusKind::NoTarget => ("○", "status_no_target"),
    };
    StatusView {
        kind: kind.as_str(),
        symbol,
        label: t.get(key).map_or(key, String::as_str).to_string(),
    }
}

fn status_index(kind: StatusKind) -> usize {
    StatusKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or_default()
}

/// The version of a section in `lang`, or the default one (and `true`: a fallback).
fn section_text<'s>(s: &'s Section, lang: &str, default: &str) -> (&'s SectionText, bool) {
    match s.texts.get(lang) {
        Some(t) => (t, false),
        None => (&s.texts[default], lang != default),
    }
}

fn unit_name(u: &UnitSpec, style: Style) -> String {
    match (u.kind, style) {
        (Unit::Percent, Style::Vi) => "phần trăm (%)".into(),
        (Unit::Percent, Style::En) => "percent (%)".into(),
        (Unit::Count, Style::Vi) => "số lượng".into(),
        (Unit::Count, Style::En) => "count".into(),
        (Unit::Per100, Style::Vi) => "trên 100".into(),
        (Unit::Per100, Style::En) => "per 100".into(),
        (Unit::Currency, _) => u.raw.trim_start_matches("currency:").to_string(),
        (Unit::Other, _) => u.raw.clone(),
    }
}

/// The path part of the base URL: `https://x.org/sub/` → `/sub/`.
pub(super) fn base_path(base_url: &str) -> String {
    let after_scheme = base_url
        .split_once("://")
        .map(|(_, r)| r)
        .unwrap_or(base_url);
    match after_scheme.find('/') {
        Some(i) if base_url.contains("://") => after_scheme[i..].to_string(),
        _ if base_url.starts_with('/') => base_url.to_string(),
        _ => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::escape_html;

    #[test]
    fn agency_pages_hold_ten_reports_or_120_rows() {
        use super::agency_page_starts as starts;
        assert_eq!(starts(&[]), [0], "one empty page says there is nothing");
        assert_eq!(starts(&[3; 10]), [0]);
        assert_eq!(starts(&[3; 21]), [0, 10, 20]);
        assert_eq!(starts(&[30; 5]), [0, 4], "120 rows fit, 150 do not");
        assert_eq!(
            starts(&[200, 1, 200]),
            [0, 1, 2],
            "a large report stands alone"
        );
        assert_eq!(starts(&[1, 119, 1]), [0, 2]);
    }

    /// The escape given to Tera writes what Tera's own does, for text that
    /// tries to become markup.
    #[test]
    fn escapes_as_tera_does() {
        for s in [
            "",
            "plain Tiếng Việt",
            "<script>alert('x')</script>",
            "\" onerror=\"alert(1)",
            "a & b &amp; <b>c</b> > d",
            "'''\"\"\"<<<>>>&&&",
            "ends with <",
        ] {
            let (mut ours, mut theirs) = (Vec::new(), Vec::new());
            escape_html(s, &mut ours).unwrap();
            tera::escape_html(s, &mut theirs).unwrap();
            assert_eq!(ours, theirs, "{s:?}");
            let out = String::from_utf8(ours).unwrap();
            assert!(!out.contains('<') && !out.contains('"') && !out.contains('\''));
        }
    }
}
