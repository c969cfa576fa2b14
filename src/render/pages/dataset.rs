//! A report's data page and its dataset pages.

use super::*;

impl Lang<'_> {
    pub(super) fn data_page(&self, report: &Report, out: &mut Output, diags: &mut Diagnostics) {
        let dir = paths::data_dir(&report.slug);
        let (root, asset_root) = self.roots(&dir);
        let label = self.tr("data_downloads").to_string();
        let crumbs = self.report_crumbs(report, &root, vec![Crumb::here(label.clone())]);
        let fallback =
            self.code != self.reads.config().default_language() && !report.title.has(self.code);
        let mut ctx = self.context(
            &dir,
            &label,
            &format!("{label}: {}", self.text(&report.title)),
            crumbs,
            fallback,
        );
        ctx.insert("downloads", &self.downloads(report, &asset_root));
        ctx.insert("report_title", &self.text(&report.title));
        ctx.insert(
            "report_href",
            &format!("{root}{}", paths::report_dir(&report.slug)),
        );
        self.emit("data.html", &ctx, &paths::index_page(&dir), out, diags);
    }

    pub(super) fn dataset_page(
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
        let dir = paths::dataset_dir(&report.slug, &d.id);
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
                let png = self.reads.config().chart_png.report_charts();
                let (svg_href, png_href) =
                    self.chart_files(report, &dir, "chart", &svg, &title, png, out);
                let name = format!("dataset-{}", d.id);
                let view = ChartView {
                    embed: Some(self.embed_view(report, &name, &title, &dir)),
                    table: None,
                    heading: title.clone(),
                    takeaway: None,
                    svg,
                    source: source.clone(),
                    note: None,
                    svg_href: Some(svg_href),
                    png_href,
                    data_href: Some(format!(
                        "{asset_root}{}",
                        paths::dataset_csv(&report.slug, &d.id)
                    )),
                };
                let table = TableView {
                    head: d.columns.iter().map(|c| self.text(&c.name)).collect(),
                    rows: rows
                        .iter()
                        .map(|r| r.iter().map(|c| c.text.clone()).collect())
                        .collect(),
                };
                self.embed_page(report, &name, &view, Some(&table), &dir, out, diags);
                view
            });
        let fallback =
            self.code != self.reads.config().default_language() && !d.title.has(self.code);
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
                "csv_href": format!("{asset_root}{}", paths::dataset_csv(&report.slug, &d.id)),
            }),
        );
        ctx.insert(
            "report_href",
            &format!("{root}{}", paths::report_dir(&report.slug)),
        );
        self.emit("dataset.html", &ctx, &paths::index_page(&dir), out, diags);
    }
}
