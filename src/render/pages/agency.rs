//! The list of agencies and each agency's pages.

use super::*;

/// A row of an agency's page, with the agency's role in it.
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

/// What an agency's page shows of one report.
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

impl Lang<'_> {
    /// `agencies/index.html` and one page per agency: everything it leads or
    /// partners in, across all reports.
    /// The list of agencies, with how many targets and projects each has.
    pub(super) fn agencies(&self, out: &mut Output, diags: &mut Diagnostics) {
        #[derive(Serialize)]
        struct AgencyItem {
            href: String,
            name: String,
            short: Option<String>,
            indicators: usize,
            projects: usize,
        }
        if self.reads.agencies().is_empty() {
            return;
        }
        let mut items: Vec<AgencyItem> = self
            .reads
            .agencies()
            .iter()
            .map(|agency| {
                let (indicators, projects) = self.reads.agency_totals(&agency.id);
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
        let mut ctx = self.site_page(paths::AGENCIES_DIR, "agencies");
        ctx.insert("agencies", &items);
        let page = paths::index_page(paths::AGENCIES_DIR);
        self.emit("agencies.html", &ctx, &page, out, diags);
    }

    /// Page `page` (from 0) of an agency: its targets and projects in the
    /// reports of that page, newest first.
    pub(super) fn agency_page(
        &self,
        agency: &Agency,
        page: usize,
        out: &mut Output,
        diags: &mut Diagnostics,
    ) {
        let (window, pages) = self.reads.agency_page(&agency.id, page);
        let dir = agency_page_dir(&agency.id, page);
        let (root, _) = self.roots(&dir);
        let roles = ["partners", "lead"].map(|k| tera::Value::from(self.tr(k)));
        let role = |lead: bool| roles[usize::from(lead)].clone();
        let parts: Vec<ReportPart> = window
            .iter()
            .map(|report| {
                let (inds, prjs) = self.reads.agency_roles(report, &agency.id);
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
                    href: format!("{root}{}", paths::report_dir(&report.slug)),
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
            self.code != self.reads.config().default_language() && !agency.name.has(self.code);
        let agency_href = format!("{root}{}", paths::agency_dir(&agency.id));
        let mut crumbs = vec![
            self.home_crumb(&root),
            Crumb {
                label: self.tr("agencies").to_string(),
                href: Some(format!("{root}{}", paths::AGENCIES_DIR)),
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
        // Names in another language carry it, for screen readers (`lang`):
        // short names and aliases are written in the site's language.
        let default = self.reads.config().default_language();
        let written = (self.code != default).then_some(default);
        let mut also: Vec<(String, Option<&str>)> = agency
            .short
            .iter()
            .chain(&agency.aliases)
            .map(|n| (n.clone(), written))
            .collect();
        also.extend(
            agency
                .name
                .translations
                .iter()
                .filter(|(_, n)| **n != name)
                .map(|(l, n)| (n.clone(), (l != self.code).then_some(l.as_str()))),
        );
        also.dedup_by(|a, b| a.0 == b.0);
        let also: Vec<serde_json::Value> = also
            .into_iter()
            .map(|(text, lang)| serde_json::json!({ "text": text, "lang": lang }))
            .collect();
        ctx.insert("agency", &serde_json::json!({ "name": name, "also": also }));
        ctx.insert("reports", &parts);
        ctx.insert(
            "pagination",
            &Pagination::of(page, pages, |p| {
                format!("{root}{}", agency_page_dir(&agency.id, p))
            }),
        );
        self.emit("agency.html", &ctx, &paths::index_page(&dir), out, diags);
    }
}
