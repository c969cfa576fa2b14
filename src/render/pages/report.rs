//! A report's overview page and its projects page.

use super::*;

/// One kind of section in the overview's table of contents.
#[derive(Serialize)]
pub(super) struct TocKind {
    label: String,
    sections: Vec<LinkView>,
}

impl Lang<'_> {
    pub(super) fn report(&self, report: &Report, out: &mut Output, diags: &mut Diagnostics) {
        let default = self.reads.config().default_language();
        let fallback = self.code != default && !report.title.has(self.code);
        let rdir = paths::report_dir(&report.slug);
        let title = self.text(&report.title);
        let (root, asset_root) = self.roots(&rdir);

        // Group charts are drawn once per language and used on the overview, the group page and in prose.
        let charts: BTreeMap<&str, String> = report
            .groups
            .iter()
            .filter_map(|g| self.group_chart(report, g).map(|svg| (g.id.as_str(), svg)))
            .collect();
        for g in &report.groups {
            if let Some(svg) = charts.get(g.id.as_str()) {
                let title = fill(
                    self.tr("chart_title_group"),
                    &[("group", &self.text(&g.name))],
                );
                let dir = paths::group_dir(&report.slug, &g.id);
                let png = self.reads.config().chart_png.report_charts();
                self.chart_files(report, &dir, "chart", svg, &title, png, out);
            }
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
                chart: Self::has_numeric(report, g).then(|| {
                    let svg = charts.get(g.id.as_str()).cloned().unwrap_or_default();
                    self.chart_view(report, g, svg, &rdir)
                }),
            })
            .collect();
        let toc = self.report_toc(report, &section_links);
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
        self.emit("report.html", &ctx, &paths::index_page(&rdir), out, diags);

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

    /// The overview's table of contents: the sections by kind, in the order
    /// of the kinds, with the titles in `section_links`.
    fn report_toc(&self, report: &Report, section_links: &[(String, String)]) -> Vec<TocKind> {
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
                .zip(section_links)
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
        toc
    }

    pub(super) fn projects_page(&self, report: &Report, out: &mut Output, diags: &mut Diagnostics) {
        #[derive(Serialize)]
        struct Category {
            name: String,
            projects: Vec<ProjectView>,
        }
        let dir = paths::projects_dir(&report.slug);
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
            self.code != self.reads.config().default_language() && !report.title.has(self.code);
        let mut ctx = self.context(
            &dir,
            &label,
            &format!("{label}: {}", self.text(&report.title)),
            crumbs,
            fallback,
        );
        ctx.insert("categories", &categories);
        ctx.insert("charts", &self.project_charts(report, &dir, out, diags));
        ctx.insert("project_count", &report.projects.len());
        ctx.insert(
            "projects_overdue",
            &self.projects_overdue_line(report, &report.projects.iter().collect::<Vec<_>>()),
        );
        ctx.insert("report_title", &self.text(&report.title));
        ctx.insert(
            "report_href",
            &format!("{root}{}", paths::report_dir(&report.slug)),
        );
        ctx.insert(
            "data_href",
            &format!(
                "{asset_root}{}",
                paths::data_file(&report.slug, "projects.csv")
            ),
        );
        self.emit("projects.html", &ctx, &paths::index_page(&dir), out, diags);
    }
}
