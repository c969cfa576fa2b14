//! Comparison pages: one shared indicator code across areas (every area's
//! figure and honest status in each period, ranked, with its parts, the
//! nation's or a region's figure as a reference, a bar chart with its
//! downloads and embed page, and open data), and the list of codes.

use super::*;

#[derive(Serialize)]
struct CompareRowView {
    /// The nation's or a region's figure: shown first, never ranked.
    reference: bool,
    rank: Option<usize>,
    area: String,
    area_code: String,
    /// The figure for the period itself, or "–".
    value: String,
    /// Without one: the figure the area's report shows, with its period.
    earlier: Option<String>,
    target: String,
    status: StatusView,
    report: String,
    report_href: String,
    indicator_href: String,
    /// A reference's document (number and date), as its source.
    source: Option<String>,
    /// One cell for each of the comparison's parts.
    parts: Vec<PartCellView>,
}

/// One part of one area's measure in a comparison table.
#[derive(Serialize)]
struct PartCellView {
    /// Its figure for the period, else its latest with its period, or "–".
    value: String,
    target: Option<String>,
    /// None when the area's measure has no such part.
    status: Option<StatusView>,
}

#[derive(Serialize)]
struct ComparePeriodView {
    id: String,
    period: String,
    summary: String,
    /// The names of the parts, one column each.
    parts: Vec<String>,
    rows: Vec<CompareRowView>,
}

#[derive(Serialize)]
struct CodeView {
    name: String,
    code: String,
    href: String,
    areas: usize,
    period: String,
}

impl Lang<'_> {
    /// `compare/<code>/`: the comparison of one shared code: the ranked
    /// chart and table of the newest period any area has a figure for (else
    /// the newest period's table), links to every other period's page and
    /// to the small multiples of each area's history (a national portal
    /// has 63 areas and ten years: one page of all would weigh half a
    /// megabyte; each of these stays under 100 KB).
    pub(super) fn compare_page(
        &self,
        shared: &SharedCode,
        out: &mut Output,
        diags: &mut Diagnostics,
    ) {
        let ranked = shared
            .periods
            .iter()
            .position(|p| p.rows.iter().any(|r| r.rank.is_some()));
        let shown = ranked.unwrap_or(0);
        let dir = paths::compare_dir(shared.code);
        let (mut ctx, root, asset_root) = self.compare_context(shared, &dir, None);
        let chart =
            ranked.and_then(|i| self.compare_chart(shared, &shared.periods[i], &dir, out, diags));
        let map = ranked
            .and_then(|i| self.compare_map(shared, &shared.periods[i], &asset_root, Some(out)));
        let others: Vec<LinkView> = shared
            .periods
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != shown)
            .map(|(_, p)| LinkView {
                href: format!(
                    "{root}{}",
                    paths::compare_period_dir(shared.code, &p.period.to_string())
                ),
                title: format::period(p.period, self.style),
                source: None,
                kind: None,
            })
            .collect();
        let history_dir = paths::compare_history_dir(shared.code);
        let multiples = self.compare_multiples(shared, &history_dir, out, diags);
        let history_href = multiples
            .as_ref()
            .map(|_| format!("{root}{}", paths::compare_history_dir(shared.code)));
        ctx.insert(
            "periods",
            &[self.compare_period(shared, &shared.periods[shown], &root)],
        );
        ctx.insert("chart", &chart);
        ctx.insert("map", &map);
        ctx.insert("multiples", &None::<ChartView>);
        ctx.insert("history_href", &history_href);
        ctx.insert("other_periods", &others);
        self.emit("compare.html", &ctx, &paths::index_page(&dir), out, diags);
        for (i, p) in shared.periods.iter().enumerate() {
            if i != shown {
                self.compare_period_page(shared, p, out, diags);
            }
        }
        if let Some(multiples) = multiples {
            let dir = history_dir;
            let title = self.tr("compare_multiples_title").to_string();
            let (mut ctx, _, _) = self.compare_context(shared, &dir, Some(&title));
            ctx.insert("periods", &Vec::<ComparePeriodView>::new());
            ctx.insert("chart", &None::<ChartView>);
            ctx.insert("multiples", &multiples);
            ctx.insert("history_href", &None::<String>);
            ctx.insert("other_periods", &Vec::<LinkView>::new());
            self.emit("compare.html", &ctx, &paths::index_page(&dir), out, diags);
        }
    }

    /// `compare/<code>/<period>/`: one other period of a comparison, with
    /// its ranked chart in the page.
    fn compare_period_page(
        &self,
        shared: &SharedCode,
        p: &ComparePeriod,
        out: &mut Output,
        diags: &mut Diagnostics,
    ) {
        let dir = paths::compare_period_dir(shared.code, &p.period.to_string());
        let period = format::period(p.period, self.style);
        let (mut ctx, root, asset_root) = self.compare_context(shared, &dir, Some(&period));
        let chart = self.compare_chart(shared, p, &dir, out, diags);
        ctx.insert("periods", &[self.compare_period(shared, p, &root)]);
        ctx.insert("chart", &chart);
        ctx.insert("map", &self.compare_map(shared, p, &asset_root, None));
        ctx.insert("multiples", &None::<ChartView>);
        ctx.insert("history_href", &None::<String>);
        ctx.insert("other_periods", &Vec::<LinkView>::new());
        self.emit("compare.html", &ctx, &paths::index_page(&dir), out, diags);
    }

    /// What every page of a comparison shows: its name (with `part`, the
    /// period or view of a page below the main one), code, unit, order, the
    /// areas merged or split, the data files; the page's folder's root and
    /// asset root.
    fn compare_context(
        &self,
        shared: &SharedCode,
        dir: &str,
        part: Option<&str>,
    ) -> (Context, String, String) {
        let (root, asset_root) = self.roots(dir);
        let ind = shared.latest();
        let name = self.text(&ind.name);
        let mut crumbs = vec![
            self.home_crumb(&root),
            Crumb {
                label: self.tr("compare_list").to_string(),
                href: Some(format!("{root}{}", paths::COMPARE_DIR)),
            },
        ];
        let title = match part {
            None => {
                crumbs.push(Crumb::here(name.clone()));
                name.clone()
            }
            Some(p) => {
                let p = p.to_string();
                crumbs.push(Crumb {
                    label: name.clone(),
                    href: Some(format!("{root}{}", paths::compare_dir(shared.code))),
                });
                crumbs.push(Crumb::here(p.clone()));
                format!("{name} ({p})")
            }
        };
        let fallback =
            self.code != self.reads.config().default_language() && !ind.name.has(self.code);
        let description = fill(
            self.tr("compare_description"),
            &[("name", &name), ("code", shared.code)],
        );
        let mut ctx = self.context(dir, &title, &description, crumbs, fallback);
        let replaced: Vec<String> = shared
            .replaced(self.reads.areas())
            .into_iter()
            .map(|a| {
                let next: Vec<String> = a.replaced_by.iter().map(|c| self.area_name(c)).collect();
                fill(
                    self.tr("compare_replaced"),
                    &[
                        ("old", &self.area_name(&a.code)),
                        ("new", &next.join(", ")),
                        (
                            "from",
                            &a.from
                                .map(|d| format::date(d, self.style))
                                .unwrap_or_default(),
                        ),
                    ],
                )
            })
            .collect();
        let data = |name: &str| format!("{asset_root}{}", paths::compare_file(shared.code, name));
        ctx.insert("name", &title);
        ctx.insert("code", shared.code);
        ctx.insert("unit", &self.unit_name(&ind.unit));
        ctx.insert(
            "order",
            self.tr(match shared.better {
                Better::Higher => "compare_order_higher",
                Better::Lower => "compare_order_lower",
            }),
        );
        ctx.insert("replaced", &replaced);
        ctx.insert("map", &None::<ChartView>);
        ctx.insert(
            "downloads",
            &[
                data("comparison.csv"),
                data("comparison.json"),
                data("datapackage.json"),
            ],
        );
        (ctx, root, asset_root)
    }

    /// An area's name in this language, or its code when areas.yaml has no such area.
    pub(super) fn area_name(&self, code: &str) -> String {
        self.reads
            .areas()
            .iter()
            .find(|a| a.code == code)
            .map(|a| self.text(&a.name))
            .unwrap_or_else(|| code.to_string())
    }

    fn compare_period(
        &self,
        shared: &SharedCode,
        p: &ComparePeriod,
        root: &str,
    ) -> ComparePeriodView {
        let period = format::period(p.period, self.style);
        let ranked = p.rows.iter().filter(|r| r.rank.is_some()).count();
        let rows = p
            .references
            .iter()
            .chain(&p.rows)
            .map(|r| self.compare_row(shared, r, root))
            .collect();
        ComparePeriodView {
            id: format!("p-{}", p.period.to_string().replace("..", "-")),
            summary: fill(
                self.tr("compare_period_summary"),
                &[
                    ("ranked", &ranked.to_string()),
                    ("total", &p.rows.len().to_string()),
                    ("period", &period),
                ],
            ),
            period,
            parts: shared.parts.iter().map(|x| self.text(x.name)).collect(),
            rows,
        }
    }

    /// One area's row of a period's table (or the nation's, a region's).
    fn compare_row(&self, shared: &SharedCode, r: &CompareRow, root: &str) -> CompareRowView {
        let ind = r.indicator;
        let earlier = match (r.value, ind.latest()) {
            (None, Some(m)) => Some(format!(
                "{} ({})",
                self.measurement_text(ind, m),
                format::period(m.period, self.style)
            )),
            _ => None,
        };
        let parts = shared
            .parts
            .iter()
            .map(|col| match r.part(col.id) {
                // The area's report splits the measure without this part
                // (no district level): not a missing figure.
                None => PartCellView {
                    value: if ind.parts.is_empty() {
                        "–".into()
                    } else {
                        self.tr("compare_part_absent").to_string()
                    },
                    target: None,
                    status: None,
                },
                Some((part, value)) => {
                    let p = part.as_indicator(ind);
                    let value = match (value, p.latest()) {
                        (Some(m), _) => self.measurement_text(&p, m),
                        (None, Some(m)) => format!(
                            "{} ({})",
                            self.measurement_text(&p, m),
                            format::period(m.period, self.style)
                        ),
                        (None, None) => "–".into(),
                    };
                    PartCellView {
                        value,
                        target: p.target.as_ref().map(|_| self.target_text(&p)),
                        status: Some(self.status_view(p.status.kind)),
                    }
                }
            })
            .collect();
        let reference = r.area.kind.is_reference();
        CompareRowView {
            reference,
            rank: r.rank,
            area: self.text(&r.area.name),
            area_code: r.area.code.clone(),
            value: r
                .value
                .map(|m| self.measurement_text(ind, m))
                .unwrap_or_else(|| "–".into()),
            earlier,
            target: match &ind.target {
                Some(_) => self.target_text(ind),
                None => "–".into(),
            },
            status: self.status_view(ind.status.kind),
            report: self.text(&r.report.title),
            report_href: format!("{root}{}", paths::report_dir(&r.report.slug)),
            indicator_href: format!("{root}{}", paths::indicator_dir(&r.report.slug, &ind.id)),
            source: reference.then(|| {
                let d = &r.report.document;
                fill(
                    self.tr("compare_reference_source"),
                    &[
                        ("document", &d.number),
                        ("date", &format::date(d.date, self.style)),
                    ],
                )
            }),
            parts,
        }
    }

    /// What the figures of period `p` come from, for a chart's band and
    /// source line: the areas' reports, then each reference's document.
    fn compare_sources(&self, p: &ComparePeriod) -> Vec<String> {
        let mut lines = vec![format!(
            "{}: {}",
            self.tr("chart_source"),
            self.tr("compare_sources")
        )];
        lines.extend(p.references.iter().map(|r| {
            format!(
                "{}: {}",
                self.text(&r.area.name),
                self.document_line(r.report)
            )
        }));
        lines
    }

    /// The ranked bar chart of period `p` (`None` when no area has a
    /// figure for it) with the references' figures for the period, shown on
    /// the page `dir`: its downloads written beside that page, its embed
    /// page at `embed/compare/<code>/<period>/`.
    fn compare_chart(
        &self,
        shared: &SharedCode,
        p: &ComparePeriod,
        dir: &str,
        out: &mut Output,
        diags: &mut Diagnostics,
    ) -> Option<ChartView> {
        let ranked: Vec<&CompareRow> = p.rows.iter().filter(|r| r.rank.is_some()).collect();
        let first = ranked.first()?;
        let unit = &first.indicator.unit;
        let period = format::period(p.period, self.style);
        let (_, asset_root) = self.roots(dir);
        let rows: Vec<RankRow> = ranked
            .iter()
            .map(|r| {
                let m = r.value.expect("ranked rows have a value");
                RankRow {
                    label: format!("{}. {}", r.rank.unwrap_or(0), self.text(&r.area.name)),
                    value: m.value,
                    value_text: self.measurement_text(r.indicator, m),
                    status: r.indicator.status.kind,
                    status_text: self.status_view(r.indicator.status.kind).label,
                }
            })
            .collect();
        // A reference is drawn with its figure for the period itself only.
        let references: Vec<(&CompareRow, &Measurement)> = p
            .references
            .iter()
            .filter_map(|r| r.value.map(|m| (r, m)))
            .collect();
        let top = rows
            .iter()
            .map(|r| r.value)
            .chain(references.iter().map(|(_, m)| m.value))
            .fold(0.0, f64::max);
        let max = if unit.kind == Unit::Percent && top <= 100.0 {
            100.0
        } else {
            nice_max(top)
        };
        let tick = |v: f64| format::with_unit(v, None, unit, self.style);
        let axis = RankAxis {
            caption: fill(
                self.tr("compare_axis_caption"),
                &[("unit", &self.unit_name(unit))],
            ),
            max,
            ticks: [tick(0.0), tick(max / 2.0), tick(max)],
            references: references
                .iter()
                .map(|(r, m)| RankReference {
                    label: self.reference_label(r, m),
                    value: m.value,
                })
                .collect(),
        };
        let name = self.text(&shared.latest().name);
        let title = fill(
            self.tr("compare_chart_title"),
            &[("name", &name), ("period", &period)],
        );
        let desc = axis
            .references
            .iter()
            .map(|r| r.label.clone())
            .chain(
                rows.iter()
                    .map(|r| format!("{}: {} ({})", r.label, r.value_text, r.status_text)),
            )
            .collect::<Vec<_>>()
            .join("; ");
        let text = ChartText {
            id: format!("chart-compare-{}", shared.code),
            title: title.clone(),
            desc,
        };
        let svg = chart::ranking_chart(&text, &axis, &rows);
        // A long ranking also has a layout in two columns, shown instead
        // where the screen is wide (theme CSS: `.chart-wide`); the
        // downloads are the narrow one.
        let wide = chart::ranking_chart_wide(
            &ChartText {
                id: format!("{}-wide", text.id),
                ..text
            },
            &axis,
            &rows,
        );
        let sources = self.compare_sources(p);
        let (svg_href, png_href) = self.chart_files_sourced(
            dir,
            "chart",
            &svg,
            &title,
            sources.clone(),
            self.reads.config().chart_png.report_charts(),
            out,
        );
        let embed_dir = paths::compare_embed_dir(shared.code, &p.period.to_string());
        let mut table_rows: Vec<Vec<String>> = references
            .iter()
            .map(|(r, m)| {
                vec![
                    self.tr("compare_reference").to_string(),
                    self.text(&r.area.name),
                    self.measurement_text(r.indicator, m),
                    self.status_view(r.indicator.status.kind).label,
                ]
            })
            .collect();
        table_rows.extend(rows.iter().zip(&ranked).map(|(row, r)| {
            vec![
                r.rank.unwrap_or(0).to_string(),
                self.text(&r.area.name),
                row.value_text.clone(),
                row.status_text.clone(),
            ]
        }));
        let view = ChartView {
            heading: title.clone(),
            takeaway: Some(fill(
                self.tr("compare_takeaway"),
                &[
                    ("best", &self.text(&first.area.name)),
                    ("value", &rows[0].value_text),
                    ("ranked", &rows.len().to_string()),
                    ("total", &p.rows.len().to_string()),
                    ("period", &period),
                ],
            )),
            svg: match wide {
                Some(wide) => format!(
                    "<div class=\"chart-narrow\">{svg}</div><div class=\"chart-wide\">{wide}</div>"
                ),
                None => svg,
            },
            // Under the chart, without the band's "Nguồn: " on each line.
            source: Some(
                std::iter::once(self.tr("compare_sources").to_string())
                    .chain(sources.into_iter().skip(1))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            note: None,
            svg_href: Some(svg_href),
            png_href,
            embed: Some(self.embed_view_at(&embed_dir, &title, dir)),
            data_href: Some(format!(
                "{asset_root}{}",
                paths::compare_file(shared.code, "comparison.csv")
            )),
            table: Some(TableView {
                head: ["compare_rank", "area", "value", "status"]
                    .iter()
                    .map(|k| self.tr(k).to_string())
                    .collect(),
                rows: table_rows,
            }),
        };
        self.compare_embed(p, &embed_dir, &view, dir, out, diags);
        Some(view)
    }

    /// A reference's label on the ranked chart: its name, figure and document.
    fn reference_label(&self, r: &CompareRow, m: &Measurement) -> String {
        let d = &r.report.document;
        fill(
            self.tr("compare_reference_label"),
            &[
                ("area", &self.text(&r.area.name)),
                ("value", &self.measurement_text(r.indicator, m)),
                ("document", &d.number),
                ("date", &format::date(d.date, self.style)),
            ],
        )
    }

    /// The embed page of a comparison's chart `view`, shown on the page `page_dir`.
    fn compare_embed(
        &self,
        p: &ComparePeriod,
        dir: &str,
        view: &ChartView,
        page_dir: &str,
        out: &mut Output,
        diags: &mut Diagnostics,
    ) {
        let references: Vec<String> = p
            .references
            .iter()
            .map(|r| {
                format!(
                    "{}: {}",
                    self.text(&r.area.name),
                    self.document_line(r.report)
                )
            })
            .collect();
        let embed = EmbedPage {
            dir,
            chart: view,
            table: None,
            source_title: self.tr("compare_sources"),
            source_line: &references.join("; "),
            page_dir,
        };
        self.emit_embed(&embed, out, diags);
    }

    /// Each area of `rows` once (its first row), in areas.yaml order, with
    /// its place there.
    fn each_once<'r>(
        &self,
        rows: impl Iterator<Item = &'r CompareRow<'r>>,
    ) -> Vec<(usize, &'r CompareRow<'r>)> {
        let mut seen = std::collections::HashSet::new();
        let mut rows: Vec<(usize, &CompareRow)> = rows
            .filter(|r| seen.insert(r.area.code.as_str()))
            .map(|r| {
                let at = self
                    .reads
                    .areas()
                    .iter()
                    .position(|a| a.code == r.area.code);
                (at.unwrap_or(usize::MAX), r)
            })
            .collect();
        rows.sort_by_key(|(at, _)| *at);
        rows
    }

    /// Small multiples of each area's history (its newest row's indicator,
    /// across reports), over the last [`MULTIPLES_PERIODS`] periods any
    /// area has a figure for; `None` with fewer than two. Shown on the
    /// page `dir`, its downloads beside it, its embed page at
    /// `embed/compare/<code>/history/`.
    fn compare_multiples(
        &self,
        shared: &SharedCode,
        dir: &str,
        out: &mut Output,
        diags: &mut Diagnostics,
    ) -> Option<ChartView> {
        let (_, asset_root) = self.roots(dir);
        let ind = shared.latest();
        // Each area once, with the indicator of its newest row.
        let areas = self.each_once(shared.periods.iter().flat_map(|p| &p.rows));
        let histories: Vec<Vec<(Period, f64)>> =
            areas.iter().map(|(_, r)| self.row_history(r)).collect();
        let mut periods: Vec<Period> = histories.iter().flatten().map(|(p, _)| *p).collect();
        periods.sort_by_key(|p| (p.end(), p.start()));
        periods.dedup();
        let periods = &periods[periods.len().saturating_sub(MULTIPLES_PERIODS)..];
        if periods.len() < 2 {
            return None;
        }
        let items: Vec<Multiple> = areas
            .iter()
            .zip(&histories)
            .map(|((_, r), h)| {
                let last = h.last().map(|(p, v)| {
                    format!(
                        "{} ({})",
                        self.value_text(r.indicator, *v),
                        format::period(*p, self.style)
                    )
                });
                Multiple {
                    label: self.text(&r.area.name),
                    values: values_in(h, periods),
                    last_text: last.unwrap_or_else(|| "–".into()),
                }
            })
            .collect();
        let references = self.multiples_references(shared, periods);
        let axis = self.multiples_axis(&ind.unit, periods, &items, &references);
        // The text alternative says what the dashed line is.
        let desc = if references.is_empty() {
            axis.caption.clone()
        } else {
            format!(
                "{} {}",
                axis.caption,
                fill(
                    self.tr("compare_multiples_reference"),
                    &[(
                        "references",
                        &references
                            .iter()
                            .map(|(_, m)| m.label.as_str())
                            .collect::<Vec<_>>()
                            .join("; ")
                    )]
                )
            )
        };
        let reference_rows: Vec<Vec<String>> = references
            .iter()
            .map(|(r, m)| {
                let label = format!(
                    "{} ({})",
                    self.text(&r.area.name),
                    self.tr("compare_reference")
                );
                self.values_row(label, r, &m.values)
            })
            .collect();
        let documents: Vec<String> = references
            .iter()
            .map(|(r, _)| {
                format!(
                    "{}: {}",
                    self.text(&r.area.name),
                    self.document_line(r.report)
                )
            })
            .collect();
        let axis = MultiplesAxis {
            references: references.into_iter().map(|(_, m)| m).collect(),
            ..axis
        };
        let heading = self.tr("compare_multiples_title").to_string();
        let title = format!("{}: {}", self.text(&ind.name), heading.to_lowercase());
        let svg = chart::small_multiples(
            &ChartText {
                id: format!("chart-multiples-{}", shared.code),
                title: title.clone(),
                desc,
            },
            &axis,
            &items,
        );
        let mut sources = vec![format!(
            "{}: {}",
            self.tr("chart_source"),
            self.tr("compare_sources")
        )];
        sources.extend(documents.iter().cloned());
        let (svg_href, png_href) = self.chart_files_sourced(
            dir,
            "chart",
            &svg,
            &title,
            sources,
            self.reads.config().chart_png.report_charts(),
            out,
        );
        let embed_dir = paths::compare_embed_dir(shared.code, "history");
        let mut head = vec![self.tr("area").to_string()];
        head.extend(periods.iter().map(|p| format::period(*p, self.style)));
        let view = ChartView {
            heading: title.clone(),
            takeaway: None,
            svg,
            source: Some(self.tr("compare_sources").to_string()),
            note: None,
            svg_href: Some(svg_href),
            png_href,
            embed: Some(self.embed_view_at(&embed_dir, &title, dir)),
            data_href: Some(format!(
                "{asset_root}{}",
                paths::compare_file(shared.code, "comparison.csv")
            )),
            table: Some(TableView {
                head,
                rows: reference_rows
                    .into_iter()
                    .chain(
                        areas
                            .iter()
                            .zip(&items)
                            .map(|((_, r), m)| self.values_row(m.label.clone(), r, &m.values)),
                    )
                    .collect(),
            }),
        };
        let embed = EmbedPage {
            dir: &embed_dir,
            chart: &view,
            table: None,
            source_title: self.tr("compare_sources"),
            source_line: &documents.join("; "),
            page_dir: dir,
        };
        self.emit_embed(&embed, out, diags);
        Some(ChartView { heading, ..view })
    }

    /// A row's indicator's figures, oldest first: its merged history (see
    /// `Site::histories`), else its own values; estimates left out.
    fn row_history(&self, r: &CompareRow) -> Vec<(Period, f64)> {
        match self.reads.history(&r.indicator.id) {
            Some(h) => h
                .iter()
                .filter(|e| !e.proxy)
                .map(|e| (e.period, e.value))
                .collect(),
            None => r
                .indicator
                .values
                .iter()
                .filter(|m| m.proxy.is_none())
                .map(|m| (m.period, m.value))
                .collect(),
        }
    }

    /// The nation's or a region's history for the small multiples, each
    /// once (newest row first), in areas.yaml order, drawn in every small
    /// chart; none without a figure in the periods shown.
    fn multiples_references<'r>(
        &self,
        shared: &'r SharedCode,
        periods: &[Period],
    ) -> Vec<(&'r CompareRow<'r>, MultipleReference)> {
        self.each_once(shared.periods.iter().flat_map(|p| &p.references))
            .into_iter()
            .filter_map(|(_, r)| {
                let h = self.row_history(r);
                let (p, v) = h.iter().rev().find(|(p, _)| periods.contains(p))?;
                let d = &r.report.document;
                let label = fill(
                    self.tr("compare_reference_label"),
                    &[
                        ("area", &self.text(&r.area.name)),
                        (
                            "value",
                            &format!(
                                "{} ({})",
                                self.value_text(r.indicator, *v),
                                format::period(*p, self.style)
                            ),
                        ),
                        ("document", &d.number),
                        ("date", &format::date(d.date, self.style)),
                    ],
                );
                Some((
                    r,
                    MultipleReference {
                        label,
                        values: values_in(&h, periods),
                    },
                ))
            })
            .collect()
    }

    /// The small multiples' shared scale (up to 100 for a percentage that
    /// stays under it) and its caption; references added by the caller.
    fn multiples_axis(
        &self,
        unit: &UnitSpec,
        periods: &[Period],
        items: &[Multiple],
        references: &[(&CompareRow, MultipleReference)],
    ) -> MultiplesAxis {
        let top = items
            .iter()
            .flat_map(|m| m.values.iter().flatten())
            .chain(
                references
                    .iter()
                    .flat_map(|(_, m)| m.values.iter().flatten()),
            )
            .fold(0.0, |a: f64, b| a.max(*b));
        let max = if unit.kind == Unit::Percent && top <= 100.0 {
            100.0
        } else {
            nice_max(top)
        };
        let (first, last) = (
            format::period(periods[0], self.style),
            format::period(periods[periods.len() - 1], self.style),
        );
        MultiplesAxis {
            caption: fill(
                self.tr("compare_multiples_caption"),
                &[
                    ("from", &first),
                    ("to", &last),
                    ("max", &format::with_unit(max, None, unit, self.style)),
                ],
            ),
            max,
            references: Vec::new(),
        }
    }

    /// A row of the small multiples' table: `label`, then each figure ("–"
    /// for none) as the row's indicator writes it.
    fn values_row(&self, label: String, r: &CompareRow, values: &[Option<f64>]) -> Vec<String> {
        let mut row = vec![label];
        row.extend(values.iter().map(|v| match v {
            Some(v) => self.value_text(r.indicator, *v),
            None => "–".into(),
        }));
        row
    }

    /// `compare/`: every shared code, with how many areas it compares.
    pub(super) fn compare_index(
        &self,
        codes: &BTreeMap<&str, SharedCode>,
        out: &mut Output,
        diags: &mut Diagnostics,
    ) {
        let dir = paths::COMPARE_DIR;
        let mut ctx = self.site_page(dir, "compare_list");
        let (root, _) = self.roots(dir);
        let list: Vec<CodeView> = codes
            .values()
            .map(|s| {
                let mut areas: Vec<&str> = s
                    .periods
                    .iter()
                    .flat_map(|p| p.rows.iter().map(|r| r.area.code.as_str()))
                    .collect();
                areas.sort_unstable();
                areas.dedup();
                CodeView {
                    name: self.text(&s.latest().name),
                    code: s.code.to_string(),
                    href: format!("{root}{}", paths::compare_dir(s.code)),
                    areas: areas.len(),
                    period: format::period(s.periods[0].period, self.style),
                }
            })
            .collect();
        ctx.insert("codes", &list);
        self.emit(
            "compare_index.html",
            &ctx,
            &paths::index_page(dir),
            out,
            diags,
        );
    }
}

/// How many periods the small multiples of a comparison show at most.
const MULTIPLES_PERIODS: usize = 8;

/// The end of a scale holding `top`: 1, 2, 2.5 or 5 times a power of ten.
fn nice_max(top: f64) -> f64 {
    if !(top.is_finite() && top > 0.0) {
        return 1.0;
    }
    let p = 10f64.powf(top.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|s| s * p)
        .find(|m| *m >= top)
        .unwrap_or(10.0 * p)
}

/// The figures of `history` in each of `periods` (none where it has none).
fn values_in(history: &[(Period, f64)], periods: &[Period]) -> Vec<Option<f64>> {
    periods
        .iter()
        .map(|p| history.iter().find(|(q, _)| q == p).map(|(_, v)| *v))
        .collect()
}
