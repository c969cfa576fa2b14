//! View models: the values the templates show, every string already formatted
//! for the language, and the methods that build them from the model.

use super::*;

/// The template values of known agencies as linked from pages at `root`:
/// by id, then by how the document wrote the name (shown in the default
/// language).
#[derive(Default)]
pub(super) struct AgencyViews {
    pub(super) root: String,
    pub(super) by_id: FxHashMap<String, Vec<(String, tera::Value)>>,
}

#[derive(Serialize)]
pub(super) struct Crumb {
    pub(super) label: String,
    pub(super) href: Option<String>,
}

impl Crumb {
    /// The last crumb: the page itself, not a link.
    pub(super) fn here(label: impl Into<String>) -> Crumb {
        Crumb {
            label: label.into(),
            href: None,
        }
    }
}

#[derive(Serialize)]
pub(super) struct Alternate {
    pub(super) lang: String,
    pub(super) name: String,
    pub(super) href: String,
    pub(super) url: String,
}

#[derive(Serialize, Clone)]
pub(super) struct StatusView {
    pub(super) kind: &'static str,
    pub(super) symbol: &'static str,
    pub(super) label: String,
}

/// One count of [`CountsView`].
#[derive(Serialize, Clone)]
pub(super) struct CountItem {
    pub(super) class: &'static str,
    pub(super) sym: &'static str,
    pub(super) n: usize,
    pub(super) label: String,
    pub(super) href: Option<String>,
    pub(super) sub: Option<String>,
}

/// Counts of what is known of a set of indicators (see
/// [`crate::model::Status::evidence`]), for `counts.html`.
#[derive(Serialize, Clone)]
pub(super) struct CountsView {
    pub(super) headline: String,
    pub(super) items: Vec<CountItem>,
    pub(super) overdue: Option<CountItem>,
}

#[derive(Serialize, Clone)]
pub(super) struct AgencyView {
    pub(super) name: String,
    pub(super) id: Option<String>,
    pub(super) href: Option<String>,
}

#[derive(Serialize, Clone)]
pub(super) struct ValueView {
    pub(super) period: String,
    pub(super) value: String,
    pub(super) source: String,
}

#[derive(Serialize, Clone)]
pub(super) struct IndicatorView {
    pub(super) id: String,
    pub(super) href: String,
    pub(super) name: String,
    pub(super) unit: String,
    pub(super) target: String,
    pub(super) by: Option<String>,
    pub(super) target_source: String,
    /// Where the target's source can be read.
    pub(super) target_source_href: Option<String>,
    pub(super) value: Option<String>,
    pub(super) value_period: Option<String>,
    /// A [`StatusView`].
    pub(super) status: tera::Value,
    pub(super) sentence: String,
    /// The trend outlook with its numbers, when there is one.
    pub(super) outlook: Option<String>,
    /// Whether a value shown is an estimate (the "~" needs explaining).
    pub(super) has_estimate: bool,
    pub(super) source: String,
    /// [`AgencyView`]s.
    pub(super) lead: Option<tera::Value>,
    pub(super) partners: Vec<tera::Value>,
    pub(super) note: Option<String>,
    pub(super) values: Vec<ValueView>,
}

#[derive(Serialize, Clone)]
pub(super) struct ProjectView {
    pub(super) name: String,
    pub(super) source: Option<String>,
    /// [`AgencyView`]s.
    pub(super) lead: Vec<tera::Value>,
    pub(super) partners: Vec<tera::Value>,
    pub(super) timeframe: Option<String>,
    pub(super) status: Option<String>,
    /// The due date, when content gives one.
    pub(super) due: Option<String>,
    /// Past its due date on the report's as-of date and not marked done.
    pub(super) overdue: bool,
}

#[derive(Serialize, Clone)]
pub(super) struct ChartView {
    pub(super) heading: String,
    pub(super) takeaway: Option<String>,
    pub(super) svg: String,
    pub(super) source: Option<String>,
    pub(super) note: Option<String>,
    /// The chart as an SVG file, where it is written as one (not for the
    /// history chart of every indicator page: tens of thousands of files
    /// on a national portal, whose numbers are in the page's table and CSV).
    pub(super) svg_href: Option<String>,
    /// The same chart as a PNG image.
    pub(super) png_href: Option<String>,
    pub(super) data_href: Option<String>,
    /// The chart's numbers as a table, when the page has no other table of them.
    pub(super) table: Option<TableView>,
    /// Its bare page for other sites, and the code to show it there.
    pub(super) embed: Option<EmbedView>,
}

#[derive(Serialize, Clone)]
pub(super) struct TableView {
    pub(super) head: Vec<String>,
    pub(super) rows: Vec<Vec<String>>,
}

#[derive(Serialize)]
pub(super) struct HistoryRow {
    pub(super) period: String,
    pub(super) value: String,
    pub(super) source: String,
    /// Where the source can be read: its own `url`, its reference's, or the
    /// report's document (address or attached file).
    pub(super) source_href: Option<String>,
    /// Title and link of the report the value comes from.
    pub(super) report: Option<(String, String)>,
}

#[derive(Serialize)]
pub(super) struct HistoryView {
    pub(super) rows: Vec<HistoryRow>,
    pub(super) several_reports: bool,
    pub(super) chart: Option<ChartView>,
}

#[derive(Serialize)]
pub(super) struct DownloadView {
    pub(super) href: String,
    pub(super) name: String,
    pub(super) size: String,
    pub(super) label: String,
}

#[derive(Serialize)]
pub(super) struct LinkView {
    pub(super) href: String,
    pub(super) title: String,
    pub(super) source: Option<String>,
    pub(super) kind: Option<String>,
}

/// Where a page of a paged list is, and the links to its neighbours.
#[derive(Serialize)]
pub(super) struct Pagination {
    /// From 1.
    pub(super) page: usize,
    pub(super) pages: usize,
    pub(super) newer: Option<String>,
    pub(super) older: Option<String>,
}

impl Pagination {
    /// Page `page` (from 0) of `pages`, whose addresses `href` gives; none
    /// when everything fits on one page.
    pub(super) fn of(
        page: usize,
        pages: usize,
        href: impl Fn(usize) -> String,
    ) -> Option<Pagination> {
        (pages > 1).then(|| Pagination {
            page: page + 1,
            pages,
            newer: (page > 0).then(|| href(page - 1)),
            older: (page + 1 < pages).then(|| href(page + 1)),
        })
    }
}

pub(super) fn status_view(t: &BTreeMap<String, String>, kind: StatusKind) -> StatusView {
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

pub(super) fn status_index(kind: StatusKind) -> usize {
    StatusKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or_default()
}

impl Lang<'_> {
    /// A unit's name: the theme's words for percent, count and per 100, a
    /// currency's code, else the unit as written.
    pub(super) fn unit_name(&self, u: &UnitSpec) -> String {
        match u.kind {
            Unit::Percent => self.tr("unit_name_percent").into(),
            Unit::Count => self.tr("unit_name_count").into(),
            Unit::Per100 => self.tr("unit_name_per100").into(),
            Unit::Currency => u.raw.trim_start_matches("currency:").to_string(),
            Unit::Other => u.raw.clone(),
        }
    }

    /// The honest counts of a report or group: what is known of its
    /// indicators, each count a link to the list of them on `list` (the
    /// report's indicator list page), in `group`'s part of it when given.
    pub(super) fn counts_view(
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

    pub(super) fn status_view(&self, kind: StatusKind) -> StatusView {
        status_view(self.t, kind)
    }

    /// [`Self::status_view`] as a template value, made once per build.
    pub(super) fn status_value(&self, kind: StatusKind) -> tera::Value {
        self.statuses[status_index(kind)].clone()
    }

    /// [`Self::agency`] as a template value, made once per unit for each
    /// known agency, spelling and page root.
    pub(super) fn agency_value(&self, a: &AgencyRef, root: &str) -> tera::Value {
        let Some(id) = a.id.as_deref().filter(|id| self.reads.agency(id).is_some()) else {
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
    pub(super) fn agency(&self, a: &AgencyRef, root: &str) -> AgencyView {
        let known = a.id.as_deref().and_then(|id| self.reads.agency(id));
        let name = match known {
            Some(x)
                if self.code != self.reads.config().default_language() && x.name.has(self.code) =>
            {
                self.text(&x.name)
            }
            _ => a.written.clone(),
        };
        AgencyView {
            name,
            id: a.id.clone(),
            href: known.map(|x| format!("{root}{}", paths::agency_dir(&x.id))),
        }
    }

    /// The address of an indicator's own CSV or JSON from its page.
    pub(super) fn indicator_data_href(
        &self,
        report: &Report,
        ind: &Indicator,
        ext: &str,
    ) -> String {
        let dir = paths::indicator_dir(&report.slug, &ind.id);
        let (_, asset_root) = self.roots(&dir);
        format!("{asset_root}{dir}{}.{ext}", ind.id)
    }

    pub(super) fn indicator_view(
        &self,
        report: &Report,
        ind: &Indicator,
        root: &str,
    ) -> IndicatorView {
        let latest = ind.latest();
        let source = latest
            .and_then(|m| m.source.as_ref())
            .or_else(|| ind.target.as_ref().and_then(Target::source))
            .map(|s| self.source(report, s))
            .unwrap_or_default();
        IndicatorView {
            id: ind.id.clone(),
            href: format!("{root}{}", paths::indicator_dir(&report.slug, &ind.id)),
            name: self.text(&ind.name),
            unit: self.unit_name(&ind.unit),
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
                let dir = paths::indicator_dir(&report.slug, &ind.id);
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

    pub(super) fn project_view(&self, report: &Report, p: &Project, root: &str) -> ProjectView {
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
    pub(super) fn projects_overdue_line(
        &self,
        report: &Report,
        projects: &[&Project],
    ) -> Option<String> {
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

    pub(super) fn document_line(&self, report: &Report) -> String {
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

    /// The report's open data files with their sizes, as links from a page at `asset_root`.
    pub(super) fn downloads(&self, report: &Report, asset_root: &str) -> Vec<DownloadView> {
        crate::render::data::downloads(report, self.data)
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

    /// Targets added, removed or changed since the previous report of the site.
    pub(super) fn changes_view(&self, report: &Report, root: &str) -> Option<serde_json::Value> {
        // Reports are newest first: the previous one is the next in the list.
        let previous = self.reads.report_before(report)?;
        let c = changes(previous, report);
        let link = |r: &Report, ind: &Indicator| serde_json::json!({ "name": self.text(&ind.name), "href": format!("{root}{}", paths::indicator_dir(&r.slug, &ind.id)) });
        let by = |ind: &Indicator| {
            ind.target
                .as_ref()
                .and_then(Target::by)
                .map(|p| format::period(p, self.style))
                .unwrap_or_default()
        };
        Some(serde_json::json!({
            "previous": { "title": self.text(&previous.title), "href": format!("{root}{}", paths::report_dir(&previous.slug)) },
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
}
