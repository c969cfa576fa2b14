//! The page of one indicator group of a report.

use super::*;

impl Lang<'_> {
    pub(super) fn group_page(
        &self,
        report: &Report,
        g: &Group,
        svg: Option<String>,
        section_links: &[(String, String)],
        out: &mut Output,
        diags: &mut Diagnostics,
    ) {
        let dir = paths::group_dir(&report.slug, &g.id);
        let (root, _) = self.roots(&dir);
        let name = self.text(&g.name);
        let crumbs = self.report_crumbs(report, &root, vec![Crumb::here(name.clone())]);
        let fallback =
            self.code != self.reads.config().default_language() && !g.name.has(self.code);
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
        let chart = (svg.is_some() || Self::has_numeric(report, g))
            .then(|| self.chart_view(report, g, svg.unwrap_or_default(), &dir));
        if let Some(view) = chart.as_ref().filter(|v| v.embed.is_some()) {
            let name = format!("group-{}", g.id);
            self.embed_page(report, &name, view, None, &dir, out, diags);
        }
        ctx.insert(
            "group",
            &serde_json::json!({
                "name": name,
                "description": g.description.as_ref().map(|d| self.text(d)),
                "counts": self.counts_view(&counts, report.as_of, Some(&format!("{root}{}", paths::indicators_dir(&report.slug))), Some(&g.id)),
                "chart": chart,
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
                href: format!("{root}{}", paths::section_dir(&report.slug, slug)),
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
        ctx.insert(
            "report_href",
            &format!("{root}{}", paths::report_dir(&report.slug)),
        );
        self.emit("group.html", &ctx, &paths::index_page(&dir), out, diags);
    }
}
