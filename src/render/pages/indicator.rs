//! Indicator pages and a report's list of indicators.

use super::*;

impl Lang<'_> {
    /// `reports/<slug>/indicators/`: the report's indicators by what is
    /// known of them, the list every count links to (`#earlier`,
    /// `#earlier-<group>`, `#overdue` ...).
    pub(super) fn indicator_list(
        &self,
        report: &Report,
        out: &mut Output,
        diags: &mut Diagnostics,
    ) {
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
        let dir = paths::indicators_dir(&report.slug);
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
            &paths::index_page(&dir),
            out,
            diags,
        );
    }

    /// The parts of a measure (by level, district …): each with its value,
    /// target, status and sentence, and a bullet chart of those with a
    /// figure against a numeric target, with its downloads (`parts.svg`,
    /// `parts.png` beside the page `dir`) and embed page.
    fn parts_view(
        &self,
        report: &Report,
        ind: &Indicator,
        dir: &str,
        out: &mut Output,
        diags: &mut Diagnostics,
    ) -> serde_json::Value {
        let (root, _) = self.roots(dir);
        let root = root.as_str();
        let parts: Vec<Indicator> = ind.parts.iter().map(|p| p.as_indicator(ind)).collect();
        let rows: Vec<IndicatorView> = parts
            .iter()
            .map(|p| self.indicator_view(report, p, root))
            .collect();
        let heading = match &ind.breakdown {
            Some(b) => fill(self.tr("parts_by"), &[("breakdown", &self.text(b))]),
            None => self.tr("parts").to_string(),
        };
        let bullets: Vec<BulletRow> = parts
            .iter()
            .filter_map(|p| {
                let ratio = p.status.comparison.and_then(|c| c.attainment)?;
                Some(BulletRow {
                    label: self.text(&p.name),
                    ratio: Some(ratio),
                    value_text: p
                        .latest()
                        .map(|m| self.measurement_text(p, m))
                        .unwrap_or_default(),
                    target_text: format!("{} {}", self.tr("target_line"), self.target_text(p)),
                    status: p.status.kind,
                    status_text: self.status_view(p.status.kind).label,
                })
            })
            .collect();
        let chart = (!bullets.is_empty()).then(|| {
            let axis = RatioAxis {
                caption: self.tr("chart_axis_caption").to_string(),
                ticks: [0.0, 0.5, 1.0, 1.5].map(|r| {
                    let n = format::number((r * 100.0f64).round(), None, self.style);
                    match self.style {
                        Style::Vi => format!("{n}\u{a0}%"),
                        Style::En => format!("{n}%"),
                    }
                }),
            };
            let desc = bullets
                .iter()
                .map(|b| format!("{}: {} ({})", b.label, b.value_text, b.status_text))
                .collect::<Vec<_>>()
                .join("; ");
            let title = format!("{}: {}", self.text(&ind.name), heading.to_lowercase());
            let svg = chart::group_chart(
                &ChartText {
                    id: format!("chart-parts-{}", ind.id),
                    title: title.clone(),
                    desc,
                },
                &axis,
                &bullets,
            );
            let (svg_href, png_href) = self.chart_files(
                report,
                dir,
                "parts",
                &svg,
                &title,
                self.reads.config().chart_png.indicator_charts(),
                out,
            );
            let name = format!("parts-{}", ind.id);
            let view = ChartView {
                heading: title.clone(),
                takeaway: None,
                svg,
                source: None,
                note: None,
                svg_href: Some(svg_href),
                png_href,
                embed: Some(self.embed_view(report, &name, &title, dir)),
                data_href: None,
                table: None,
            };
            // The embed shows the parts' figures, as the page's table does.
            let table = TableView {
                head: ["indicator", "latest_value", "target", "status"]
                    .iter()
                    .map(|k| self.tr(k).to_string())
                    .collect(),
                rows: bullets
                    .iter()
                    .map(|b| {
                        vec![
                            b.label.clone(),
                            b.value_text.clone(),
                            b.target_text.clone(),
                            b.status_text.clone(),
                        ]
                    })
                    .collect(),
            };
            self.embed_page(report, &name, &view, Some(&table), dir, out, diags);
            ChartView {
                heading: heading.clone(),
                ..view
            }
        });
        serde_json::json!({ "heading": heading, "rows": rows, "chart": chart })
    }

    pub(super) fn indicator_page(
        &self,
        report: &Report,
        ind: &Indicator,
        out: &mut Output,
        diags: &mut Diagnostics,
    ) {
        let dir = paths::indicator_dir(&report.slug, &ind.id);
        let (root, _) = self.roots(&dir);
        let view = self.indicator_view(report, ind, &root);
        let group = report.group(&ind.group);
        let group_name = group.map(|g| self.text(&g.name)).unwrap_or_default();
        let group_href = format!("{root}{}", paths::group_dir(&report.slug, &ind.group));
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
        let fallback =
            self.code != self.reads.config().default_language() && !ind.name.has(self.code);
        let mut ctx = self.context(&dir, &view.name, &view.sentence, crumbs, fallback);
        let history = self.history(report, ind, &root, out, diags);
        ctx.insert("history", &history);
        ctx.insert(
            "own_data",
            &[
                self.indicator_data_href(report, ind, "csv"),
                self.indicator_data_href(report, ind, "json"),
            ],
        );
        ctx.insert("i", &view);
        // A shared code in a report of a known area: its comparison page.
        let compare_href = ind
            .code
            .as_deref()
            .filter(|_| report.area.is_some())
            .map(|code| format!("{root}{}", paths::compare_dir(code)));
        ctx.insert("compare_href", &compare_href);
        let parts = (!ind.parts.is_empty()).then(|| self.parts_view(report, ind, &dir, out, diags));
        ctx.insert("parts", &parts);
        ctx.insert("group_name", &group_name);
        ctx.insert("group_href", &group_href);
        self.emit("indicator.html", &ctx, &paths::index_page(&dir), out, diags);
    }
}
