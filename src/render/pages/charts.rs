//! The charts of a page, drawn from the model through [`super::super::chart`].

use super::*;

impl Lang<'_> {
    /// Whether a group has an indicator with a numeric target: it then has
    /// a chart figure (drawn or not) with its table.
    pub(super) fn has_numeric(report: &Report, group: &Group) -> bool {
        report
            .indicators_in(&group.id)
            .any(|i| !numeric_rows(i).is_empty())
    }

    /// What a group's chart and its table show, labelled: each indicator
    /// with a numeric target, and for a measure whose targets are in its
    /// parts, each such part ("measure: part").
    pub(super) fn chart_rows<'r>(
        &self,
        report: &'r Report,
        group: &'r Group,
    ) -> Vec<(String, Cow<'r, Indicator>)> {
        report
            .indicators_in(&group.id)
            .flat_map(|i| {
                numeric_rows(i).into_iter().map(move |row| {
                    let label = match &row {
                        Cow::Borrowed(_) => self.text(&i.name),
                        Cow::Owned(p) => format!("{}: {}", self.text(&i.name), self.text(&p.name)),
                    };
                    (label, row)
                })
            })
            .collect()
    }

    /// The group's bullet chart, or `None` when nothing in it can be drawn:
    /// no numeric target, or no figure against one. Only indicators with a
    /// figure against their target are drawn; the others are named in a
    /// line under the chart ([`Self::unmeasured`]), and a group with none
    /// has that line and the table, no empty chart box.
    pub(super) fn group_chart(&self, report: &Report, group: &Group) -> Option<String> {
        let numeric = self.chart_rows(report, group);
        let rows: Vec<BulletRow> = numeric
            .iter()
            .filter_map(|(label, i)| attainment(i).map(|r| (label, i, r)))
            .map(|(label, i, ratio)| BulletRow {
                label: label.clone(),
                ratio: Some(ratio),
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
        // The extremes, not every row: the table under the chart has those.
        let by_ratio = |a: &&BulletRow, b: &&BulletRow| {
            a.ratio.unwrap_or(0.0).total_cmp(&b.ratio.unwrap_or(0.0))
        };
        let best = rows.iter().max_by(by_ratio);
        let worst = rows.iter().min_by(by_ratio);
        match (best, worst) {
            (Some(b), Some(w)) if rows.len() > 1 => {
                desc.push(' ');
                desc.push_str(&fill(
                    self.tr("chart_desc_best_worst"),
                    &[
                        ("best", &b.label),
                        ("best_pct", &self.percent_of_target(b.ratio.unwrap_or(0.0))),
                        ("worst", &w.label),
                        ("worst_pct", &self.percent_of_target(w.ratio.unwrap_or(0.0))),
                    ],
                ));
            }
            (Some(b), _) => {
                desc.push(' ');
                desc.push_str(&fill(
                    self.tr("chart_desc_one"),
                    &[
                        ("name", &b.label),
                        ("pct", &self.percent_of_target(b.ratio.unwrap_or(0.0))),
                    ],
                ));
            }
            _ => {}
        }
        desc.push(' ');
        desc.push_str(self.tr("chart_desc_table"));
        let text = ChartText {
            id: format!("chart-{}", group.id),
            title: fill(self.tr("chart_title_group"), &[("group", &name)]),
            desc,
        };
        let axis = RatioAxis {
            caption: self.tr("chart_axis_caption").to_string(),
            ticks: [0.0, 0.5, 1.0, 1.5].map(|r| self.percent_of_target(r)),
        };
        Some(chart::group_chart(&text, &axis, &rows))
    }

    /// A chart's downloads, written beside the page `dir` that shows it
    /// ([`paths::chart_file`]): the SVG with a band saying what it is and
    /// where it comes from, and the same as a PNG when `png` (the site's
    /// `charts.png` for this kind of chart). Returns the links from that
    /// page (SVG, PNG).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn chart_files(
        &self,
        report: &Report,
        dir: &str,
        name: &str,
        svg: &str,
        title: &str,
        png: bool,
        out: &mut Output,
    ) -> (String, Option<String>) {
        let source = format!(
            "{}: {}",
            self.tr("chart_source"),
            self.document_line(report)
        );
        self.chart_files_sourced(dir, name, svg, title, vec![source], png, out)
    }

    /// [`Self::chart_files`] of a chart whose figures come from the
    /// documents `sources` names (lines of its band, before the licence).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn chart_files_sourced(
        &self,
        dir: &str,
        name: &str,
        svg: &str,
        title: &str,
        sources: Vec<String>,
        png: bool,
        out: &mut Output,
    ) -> (String, Option<String>) {
        let (svg_path, png_path) = (
            paths::chart_file(dir, name, "svg"),
            paths::chart_file(dir, name, "png"),
        );
        let links = (
            paths::chart_file("", name, "svg"),
            png.then(|| paths::chart_file("", name, "png")),
        );
        // `check` reads no download: the paths are enough for the link check.
        if self.discards {
            if png {
                out.add(format!("{}{png_path}", self.prefix), Vec::new());
            }
            out.add(format!("{}{svg_path}", self.prefix), Vec::new());
            return links;
        }
        let licence = match &self.reads.config().license {
            Some(l) => format!(
                "{}: {} ({})",
                self.tr("data_license"),
                self.text(&l.title),
                l.id
            ),
            None => format!(
                "{}: {}",
                self.tr("data_license"),
                self.tr("license_not_stated")
            ),
        };
        let mut lines = sources;
        lines.push(licence);
        let credits = chart::Credits {
            title: title.to_string(),
            lines,
            address: format!("{}{}{dir}", self.reads.config().base_url, self.prefix),
        };
        let file = chart::with_credits(svg, &credits);
        // Drawn when written, by `build` only (see `export`).
        if png {
            out.add(format!("{}{png_path}", self.prefix), export::pending(&file));
        }
        out.add(format!("{}{svg_path}", self.prefix), file);
        links
    }

    /// `ratio` of a target as a whole percentage: "86 %", "86%".
    fn percent_of_target(&self, ratio: f64) -> String {
        let n = format::number((ratio * 100.0).round(), None, self.style);
        match self.style {
            Style::Vi => format!("{n}\u{a0}%"),
            Style::En => format!("{n}%"),
        }
    }

    /// The line under a group chart naming the indicators it does not draw
    /// (a numeric target but no figure to compare with it).
    pub(super) fn unmeasured(&self, report: &Report, group: &Group) -> Option<String> {
        let mut names: Vec<String> = Vec::new();
        for i in report.indicators_in(&group.id) {
            let rows = numeric_rows(i);
            let missing: Vec<&Indicator> = rows
                .iter()
                .map(|r| &**r)
                .filter(|r| attainment(r).is_none())
                .collect();
            // A measure none of whose parts has a figure is named once.
            if !missing.is_empty() && missing.len() == rows.len() {
                names.push(self.text(&i.name));
            } else {
                let label =
                    |r: &Indicator| format!("{}: {}", self.text(&i.name), self.text(&r.name));
                names.extend(missing.into_iter().map(label));
            }
        }
        (!names.is_empty()).then(|| {
            fill(
                self.tr("chart_no_data_list"),
                &[
                    ("count", &names.len().to_string()),
                    ("list", &names.join("; ")),
                ],
            )
        })
    }

    /// A one-line stacked bar of a group's statuses, for the overview.
    pub(super) fn status_bar(&self, report: &Report, group: &Group) -> String {
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

    pub(super) fn chart_view(
        &self,
        report: &Report,
        group: &Group,
        svg: String,
        page_dir_root: &str,
    ) -> ChartView {
        let c = report.group_counts(&group.id);
        let name = self.text(&group.name);
        let drawn = !svg.is_empty();
        let (_, asset_root) = self.roots(page_dir_root);
        let rows = self
            .chart_rows(report, group)
            .into_iter()
            .map(|(label, i)| {
                vec![
                    label,
                    i.latest()
                        .map(|m| self.measurement_text(&i, m))
                        .unwrap_or_else(|| "–".into()),
                    self.target_text(&i),
                    self.status_view(i.status.kind).label,
                ]
            })
            .collect();
        let head = ["indicator", "latest_value", "target", "status"]
            .iter()
            .map(|k| self.tr(k).to_string())
            .collect();
        let heading = fill(self.tr("chart_title_group"), &[("group", &name)]);
        ChartView {
            embed: drawn.then(|| {
                self.embed_view(
                    report,
                    &format!("group-{}", group.id),
                    &heading,
                    page_dir_root,
                )
            }),
            table: Some(TableView { head, rows }),
            heading,
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
            note: {
                let parts: Vec<String> = [
                    self.unmeasured(report, group),
                    (c.no_target > 0).then(|| self.tr("chart_not_drawn").to_string()),
                ]
                .into_iter()
                .flatten()
                .collect();
                (!parts.is_empty()).then(|| parts.join(" "))
            },
            svg_href: drawn.then(|| {
                format!(
                    "{}{}{}",
                    asset_root,
                    self.prefix,
                    paths::group_chart(&report.slug, &group.id)
                )
            }),
            png_href: (drawn && self.reads.config().chart_png.report_charts()).then(|| {
                let dir = paths::group_dir(&report.slug, &group.id);
                format!(
                    "{}{}{}",
                    asset_root,
                    self.prefix,
                    paths::chart_file(&dir, "chart", "png")
                )
            }),
            data_href: Some(format!(
                "{asset_root}{}",
                paths::data_file(&report.slug, "indicators.csv")
            )),
        }
    }

    /// An indicator's values across every report that shares its id, with
    /// the chart of them against this report's target.
    pub(super) fn history(
        &self,
        report: &Report,
        ind: &Indicator,
        root: &str,
        out: &mut Output,
        diags: &mut Diagnostics,
    ) -> HistoryView {
        let entries: Cow<[HistoryEntry]> = match self.reads.history(&ind.id) {
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
        let (_, asset_root) = self.roots(&paths::indicator_dir(&report.slug, &ind.id));
        let rows: Vec<HistoryRow> = entries
            .iter()
            .map(|e| {
                let from = self.reads.header(e.report.as_str());
                // This report's own value knows a proxy's unit; another
                // report's is shown as a bare number.
                let own = ind
                    .values
                    .iter()
                    .find(|m| m.period == e.period && e.report == report.slug);
                let value = match own {
                    Some(m) => self.measurement_text(ind, m),
                    None if e.proxy => format::number(e.value, ind.decimals, self.style),
                    None if e.estimate => self.estimate(&self.value_text(ind, e.value)),
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
                    report: from.map(|r| {
                        (
                            self.text(&r.title),
                            format!("{root}{}", paths::report_dir(&r.slug)),
                        )
                    }),
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
            let dir = paths::indicator_dir(&report.slug, &ind.id);
            let png = self.reads.config().chart_png.indicator_charts();
            let (svg_href, png_href) =
                self.chart_files(report, &dir, "chart", &svg, &text.title, png, out);
            let name = format!("indicator-{}", ind.id);
            let view = ChartView {
                embed: Some(self.embed_view(report, &name, &text.title, &dir)),
                table: None,
                heading: text.title.clone(),
                takeaway: None,
                svg,
                source: None,
                note: None,
                svg_href: Some(svg_href),
                png_href,
                // The indicator's own data, beside its page (in the default
                // language's folder: one file serves every language).
                data_href: Some(self.indicator_data_href(report, ind, "csv")),
            };
            // The embed shows the numbers the indicator page has in its own table.
            let table = TableView {
                head: ["period", "value", "source"]
                    .iter()
                    .map(|k| self.tr(k).to_string())
                    .collect(),
                rows: rows
                    .iter()
                    .map(|r| vec![r.period.clone(), r.value.clone(), r.source.clone()])
                    .collect(),
            };
            self.embed_page(report, &name, &view, Some(&table), &dir, out, diags);
            ChartView {
                heading: self.tr("history_chart").to_string(),
                ..view
            }
        });
        HistoryView {
            rows,
            several_reports,
            chart,
        }
    }

    /// Projects counted by lead agency and by status, as bar charts.
    pub(super) fn project_charts(
        &self,
        report: &Report,
        dir: &str,
        out: &mut Output,
        diags: &mut Diagnostics,
    ) -> Vec<ChartView> {
        let mut by_lead: BTreeMap<String, usize> = BTreeMap::new();
        let mut by_status: BTreeMap<String, usize> = BTreeMap::new();
        for p in &report.projects {
            for a in &p.lead {
                // Count agencies, not spellings: "Văn phòng UBND" and "VP UBND tỉnh" are one body.
                let known = a.id.as_deref().and_then(|id| self.reads.agency(id));
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
        // A project led jointly is counted once for each lead: say so where
        // the bars add up to more than the projects.
        let lead_bars: usize = by_lead.values().sum();
        let joint_note = (lead_bars > report.projects.len()).then(|| {
            fill(
                self.tr("projects_joint_note"),
                &[
                    ("projects", &report.projects.len().to_string()),
                    ("bars", &lead_bars.to_string()),
                ],
            )
        });
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
            let mut desc = items
                .iter()
                .map(|(k, n)| format!("{k}: {n}"))
                .collect::<Vec<_>>()
                .join("; ");
            let note = joint_note.clone().filter(|_| key == "projects_by_lead");
            if let Some(n) = &note {
                desc.push_str(". ");
                desc.push_str(n);
            }
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
            let png = self.reads.config().chart_png.report_charts();
            let (svg_href, png_href) = self.chart_files(report, dir, &id, &svg, &title, png, out);
            let view = ChartView {
                embed: Some(self.embed_view(report, &id, &title, dir)),
                table: Some(table),
                heading: title,
                takeaway: None,
                svg,
                source: None,
                note,
                svg_href: Some(svg_href),
                png_href,
                data_href: Some(format!(
                    "{}{}",
                    self.roots(dir).1,
                    paths::data_file(&report.slug, "projects.csv")
                )),
            };
            self.embed_page(report, &id, &view, None, dir, out, diags);
            charts.push(view);
        }
        charts
    }
}

/// How far an indicator's latest figure is toward its target (1.0 = on
/// target), when there is a figure to compare.
/// An indicator's rows in its group's chart: itself when it has a numeric
/// target, else its parts that have one (as indicators of their own).
fn numeric_rows(i: &Indicator) -> Vec<Cow<'_, Indicator>> {
    if matches!(i.target, Some(Target::Numeric { .. })) {
        return vec![Cow::Borrowed(i)];
    }
    i.parts
        .iter()
        .filter(|p| matches!(p.target, Some(Target::Numeric { .. })))
        .map(|p| Cow::Owned(p.as_indicator(i)))
        .collect()
}

fn attainment(i: &Indicator) -> Option<f64> {
    i.status
        .comparison
        .and_then(|c| c.attainment)
        .filter(|r| !r.is_nan())
}
