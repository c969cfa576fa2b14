//! Render the model into output files: HTML pages through Tera, SVG charts
//! through plotters, and open data files. Nothing here touches the disk: the
//! site is rendered in independent [`RenderUnit`]s whose files (maps of relative
//! paths to bytes) are handed on as each is done, for [`crate::write`] to put
//! in place.

pub mod chart;
mod compare_data;
mod data;
pub mod export;
mod feeds;
pub mod format;
pub mod inputs;
pub mod links;
mod locator;
pub mod markdown;
mod pages;
pub mod paths;
mod provenance;
pub mod search;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::model::Theme;
use crate::model::{Indicator, Site};

// Kept here for the callers of `render::…` (load, serve, markdown, links);
// they live in the helpers leaf.
pub use crate::helpers::escape::escape;
pub use crate::helpers::url::{base_path, is_safe_url, percent_decode};

/// Every file of a built site, by path relative to the output folder (`/`-separated).
#[derive(Debug, Default, Clone)]
pub struct Output {
    pub files: BTreeMap<String, Vec<u8>>,
    /// Links editors wrote, for the link check to report at their source.
    pub links: Vec<links::EditorLink>,
    /// Paths added more than once: the build fails rather than keep one.
    pub clashes: Vec<String>,
}

impl Output {
    pub fn add(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        let path = path.into();
        if self.files.contains_key(&path) {
            self.clashes.push(path.clone());
        }
        self.files.insert(path, bytes.into());
    }
}

/// An independent piece of the site: rendered on its own, in parallel with
/// the others, or alone when only its inputs changed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RenderUnit {
    /// The pages of every language that belong to no report (agencies, search, 404).
    SitePages,
    /// One page (from 0) of the home page's list of reports, in every language.
    HomePage(usize),
    /// One page (from 0) of an agency's targets and projects, in every language.
    AgencyPage(String, usize),
    /// One report: its pages in every language and its open data files,
    /// but not its indicators' pages.
    Report(String),
    /// The pages of one report's indicators of one target group, in every
    /// language: an edited value redraws one group's histories, not all.
    Indicators(String, String),
    /// The list of shared indicator codes, in every language.
    CompareIndex,
    /// The comparison of one shared code across areas: its page in every
    /// language, its chart and its open data.
    Compare(String),
}

/// A unit's files once written: what the rest of the build still needs of them.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Every file, by path.
    pub paths: Vec<String>,
    pub diags: Diagnostics,
    pub links: links::LinkScan,
    /// A report's entries of the search index of each language (in site
    /// order of languages); empty for other units.
    pub search: Vec<Arc<search::Part>>,
    /// What the unit read of the site: it is rendered again when one of
    /// these changed (see [`inputs`]).
    pub inputs: Box<[inputs::Input]>,
}

/// Counts of what a build wrote, for the closing message.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub pages: usize,
    pub charts: usize,
    pub data_files: usize,
}

impl Summary {
    /// The counts of the files at `paths`.
    pub fn of(paths: impl Iterator<Item = impl AsRef<str>>) -> Self {
        let mut s = Summary::default();
        for p in paths {
            let p = p.as_ref();
            s.files += 1;
            if p.ends_with(".html") {
                s.pages += 1;
            } else if p.ends_with(".svg") {
                s.charts += 1;
            }
            if p.contains("/data/") && !p.ends_with(".html") {
                s.data_files += 1;
            }
        }
        s
    }
}

/// Renders units of one site with one theme: templates compiled and
/// translations prepared once, shared by every unit.
pub struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    tera: tera::Tera,
    langs: Vec<pages::LangSetup>,
    index: pages::SiteIndex<'a>,
    base_path: String,
    /// Every shared indicator code's comparison across areas.
    codes: BTreeMap<&'a str, crate::model::SharedCode<'a>>,
    /// Every file will be dropped unread (`check`): make what the
    /// diagnostics and the link check need — every path, every page — but
    /// not the bytes nobody reads (workbooks, archives, checksums, search
    /// entries).
    discards: bool,
    /// The site is rendered once (`build`, `check`, not `serve`): a
    /// report's sections let go of their Markdown once its unit is rendered.
    releases: bool,
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, theme: &'a Theme) -> Result<Self, Diagnostics> {
        let tera = build_tera(theme)?;
        let langs = site
            .config
            .languages
            .iter()
            .map(|code| pages::LangSetup::new(site, theme, code))
            .collect();
        // Independent, and each a few milliseconds on a national portal,
        // made again before every `serve` rebuild.
        let (index, codes) = rayon::join(
            || pages::SiteIndex::new(site),
            || crate::model::shared_codes(site),
        );
        Ok(Renderer {
            site,
            theme,
            tera,
            langs,
            index,
            base_path: base_path(&site.config.base_url),
            codes,
            discards: false,
            releases: false,
        })
    }

    /// This renderer for a sink that drops every file unread (see `discards`).
    pub fn discarding(self) -> Self {
        Renderer {
            discards: true,
            ..self
        }
    }

    /// This renderer for a site rendered once, each unit once: a report's
    /// sections let go of their Markdown when the report is rendered (see
    /// [`crate::model::Markdown`]); their pages and search entries are made.
    pub fn releasing(self) -> Self {
        Renderer {
            releases: true,
            ..self
        }
    }

    /// What changed since `old`, input by input (see [`inputs::Changes`]).
    pub fn changes_since<'s>(&'s self, old: &'s Site) -> inputs::Changes<'s> {
        inputs::Changes::new(old, self.site, &self.index)
    }

    /// Every unit of the site, in a fixed order.
    pub fn units(&self) -> Vec<RenderUnit> {
        let mut units = vec![RenderUnit::SitePages];
        let pages = pages::home_page_count(self.site.reports.len());
        units.extend((0..pages).map(RenderUnit::HomePage));
        for a in &self.site.agencies {
            let pages = self.index.agency_page_count(&a.id);
            units.extend((0..pages).map(|p| RenderUnit::AgencyPage(a.id.clone(), p)));
        }
        for r in &self.site.reports {
            units.push(RenderUnit::Report(r.slug.clone()));
            units.extend(
                pages::indicator_groups(r)
                    .map(|g| RenderUnit::Indicators(r.slug.clone(), g.to_string())),
            );
        }
        if !self.codes.is_empty() {
            units.push(RenderUnit::CompareIndex);
            units.extend(
                self.codes
                    .keys()
                    .map(|c| RenderUnit::Compare(c.to_string())),
            );
        }
        units
    }

    /// Render one unit, and say what it read of the site.
    pub fn render(&self, unit: &RenderUnit) -> (Output, Diagnostics, Box<[inputs::Input]>) {
        let reads = inputs::Reads::new(self.site, &self.index, &self.codes);
        let (out, diags) = self.render_reading(unit, &reads);
        (out, diags, reads.inputs())
    }

    /// Render one unit, reaching the site only through `reads`.
    fn render_reading(&self, unit: &RenderUnit, reads: &inputs::Reads) -> (Output, Diagnostics) {
        let mut out = Output::default();
        let mut diags = Diagnostics::new();
        // A unit the site no longer has renders nothing.
        let part = match unit {
            RenderUnit::SitePages => pages::Part::SitePages,
            RenderUnit::HomePage(page) => pages::Part::HomePage(*page),
            RenderUnit::AgencyPage(id, page) => match reads.agency(id) {
                Some(a) => pages::Part::AgencyPage(a, *page),
                None => return (out, diags),
            },
            RenderUnit::Report(slug) => match reads.report(slug) {
                Some(r) => {
                    data::write_report_data(reads.config(), r, !self.discards, &mut out);
                    pages::Part::Report(r)
                }
                None => return (out, diags),
            },
            RenderUnit::Indicators(slug, group) => match reads.frame(slug) {
                Some(r) => {
                    let indicators: Vec<&Indicator> = reads.group(r, group).collect();
                    data::write_indicator_data(
                        reads.config(),
                        r,
                        &indicators,
                        !self.discards,
                        &mut out,
                    );
                    pages::Part::Indicators(r, indicators)
                }
                None => return (out, diags),
            },
            RenderUnit::CompareIndex => {
                let codes = reads.shared_codes();
                if codes.is_empty() {
                    return (out, diags);
                }
                pages::Part::CompareIndex(codes)
            }
            RenderUnit::Compare(code) => match reads.shared_code(code) {
                Some(shared) => {
                    // Its data shows the areas, part of the comparison's input.
                    compare_data::write_compare_data(self.site, shared, !self.discards, &mut out);
                    pages::Part::Compare(shared)
                }
                None => return (out, diags),
            },
        };
        // The languages side by side, each recording what it reads in its
        // own log: after an edit the one unit rendered again (a national
        // comparison takes ~80 ms) is done in half the time on two cores.
        let forks: Vec<inputs::Reads> = self.langs.iter().map(|_| reads.fork()).collect();
        let langs: Vec<(Output, Diagnostics, inputs::Reads)> = self
            .langs
            .par_iter()
            .zip(forks)
            .map(|(setup, own)| {
                let lang = setup.lang(&own, self.theme, &self.tera, &out, self.discards);
                let (files, part_diags) = lang.render(part.clone());
                drop(lang);
                (files, part_diags, own)
            })
            .collect();
        for (mut files, part_diags, own) in langs {
            out.files.append(&mut files.files);
            out.links.append(&mut files.links);
            diags.extend(part_diags);
            reads.absorb(own);
        }
        (out, diags)
    }

    /// Render one unit, with what the rest of the build needs of it: its
    /// paths, links and ids for the link check, its search entries.
    pub fn render_scanned(&self, unit: &RenderUnit) -> (Output, Rendered) {
        let (out, diags, inputs) = self.render(unit);
        let search = match unit {
            RenderUnit::Report(_) if self.discards => Vec::new(),
            RenderUnit::Report(slug) => self
                .index
                .reports
                .get(slug.as_str())
                .map(|r| {
                    self.site
                        .config
                        .languages
                        .iter()
                        .map(|lang| Arc::new(search::report_part(self.site, r, lang)))
                        .collect()
                })
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        if let (true, RenderUnit::Report(slug)) = (self.releases, unit) {
            let sections = self.index.reports.get(slug.as_str()).map(|r| &r.sections);
            for text in sections
                .into_iter()
                .flatten()
                .flat_map(|s| s.texts.values())
            {
                text.markdown.release();
            }
        }
        let rendered = Rendered {
            paths: out.files.keys().cloned().collect(),
            diags,
            links: links::scan(&out, &self.base_path),
            search,
            inputs,
        };
        (out, rendered)
    }

    /// The theme's static files.
    pub fn static_files(&self) -> Output {
        let mut out = Output::default();
        for (name, bytes) in &self.theme.static_files {
            out.add(format!("static/{name}"), bytes.clone());
        }
        out
    }

    /// The files made from the whole site once every unit is rendered —
    /// search indexes, feeds, sitemap, robots.txt — and the link check over
    /// all of it. `paths` holds every file the units and static files wrote.
    pub fn finish(
        &self,
        units: &[(&RenderUnit, &Rendered)],
        paths: &[&str],
    ) -> (Output, Diagnostics) {
        let mut done = self.finish_with(units, paths, Reuse::nothing());
        done.files.files.append(&mut done.sitemap.files);
        (done.files, done.diags)
    }

    /// [`Renderer::finish`], taking from `reuse` what a rebuild kept of the
    /// build before instead of making it again.
    pub fn finish_with(
        &self,
        units: &[(&RenderUnit, &Rendered)],
        paths: &[&str],
        reuse: Reuse,
    ) -> Finished {
        let Reuse {
            broken: known,
            targets,
            sitemap,
            keep_targets,
            search: last_search,
        } = reuse;
        let mut out = Output::default();
        let by_report: std::collections::HashMap<&str, &Rendered> = units
            .iter()
            .filter_map(|(u, r)| match u {
                RenderUnit::Report(slug) => Some((slug.as_str(), *r)),
                _ => None,
            })
            .collect();
        let languages = &self.site.config.languages;
        // The search indexes and the feeds are independent: make them side by side.
        let (indexes, feeds) = rayon::join(
            || -> Vec<search::Made> {
                languages
                    .par_iter()
                    .enumerate()
                    .map(|(i, lang)| {
                        let parts = self.site.reports.iter().map(|r| {
                            by_report
                                .get(r.slug.as_str())
                                .and_then(|u| u.search.get(i))
                                .cloned()
                                .unwrap_or_default()
                        });
                        search::index(self.site, &self.codes, lang, parts, last_search)
                    })
                    .collect()
            },
            || {
                let mut feeds = Output::default();
                feeds::write_feeds(self.site, &mut feeds);
                let sitemap = sitemap.cloned().unwrap_or_else(|| {
                    let mut files = Output::default();
                    feeds::write_sitemap(&self.site.config.base_url, paths, &mut files);
                    files
                });
                (feeds, sitemap)
            },
        );
        let (feeds, sitemap) = feeds;
        let mut unchanged = Vec::new();
        let mut search = Vec::with_capacity(indexes.len());
        for made in indexes {
            let written: std::collections::HashSet<&str> =
                made.written.iter().map(|(p, _)| p.as_str()).collect();
            unchanged.extend(
                made.paths
                    .iter()
                    .filter(|p| !written.contains(p.as_str()))
                    .cloned(),
            );
            drop(written);
            for (path, bytes) in made.written {
                out.add(path, bytes);
            }
            // A clean build needs no index after its files: freed before
            // the link check's tables are built.
            if keep_targets {
                search.push(made.index);
            }
        }
        out.files.extend(feeds.files);
        let mut diags = Diagnostics::new();
        for (_, u) in units {
            diags.extend(u.diags.clone());
        }
        let known: Vec<Option<Arc<links::Broken>>> = units.iter().map(|(u, _)| known(u)).collect();
        let (broken, targets): (Vec<Arc<links::Broken>>, _) = if known.iter().all(Option::is_some) {
            (known.into_iter().flatten().collect(), targets)
        } else {
            let all: Vec<&str> = paths
                .iter()
                .copied()
                .chain(out.files.keys().map(String::as_str))
                .chain(unchanged.iter().map(String::as_str))
                .chain(sitemap.files.keys().map(String::as_str))
                .collect();
            let scans: Vec<&links::LinkScan> = units.iter().map(|(_, u)| &u.links).collect();
            if keep_targets || targets.is_some() {
                let targets =
                    targets.unwrap_or_else(|| Arc::new(links::Targets::new(&all, &scans)));
                let broken = check_links(units, known, &|p| targets.exists(p), &|p| targets.ids(p));
                (broken, Some(targets))
            } else {
                // Two large tables, independent: built side by side.
                let (exists, ids) = rayon::join(
                    || -> rustc_hash::FxHashSet<&str> { all.iter().copied().collect() },
                    || links::page_ids(&scans),
                );
                let broken = check_links(units, known, &|p| exists.contains(p), &|p| {
                    ids.get(p).copied()
                });
                (broken, None)
            }
        };
        diags.extend(links::report(
            &broken.iter().map(|b| &**b).collect::<Vec<_>>(),
        ));
        Finished {
            files: out,
            unchanged,
            sitemap,
            diags,
            broken,
            targets,
            search,
        }
    }
}

/// What a rebuild takes from the build before instead of making it again.
pub struct Reuse<'r> {
    /// A unit's broken links, when its links lead where they did.
    pub broken: &'r (dyn Fn(&RenderUnit) -> Option<Arc<links::Broken>> + Sync),
    /// What links are checked against, when every page kept its path and ids.
    pub targets: Option<Arc<links::Targets>>,
    /// The sitemap's files, when every path is as it was.
    pub sitemap: Option<&'r Output>,
    /// Return the link targets and the search indexes for the next
    /// rebuild (they cost memory: a clean build checks against borrowed
    /// ones).
    pub keep_targets: bool,
    /// The search indexes of the last build: their files are made again
    /// only where entries changed.
    pub search: Option<&'r [search::LangIndex]>,
}

impl Reuse<'_> {
    /// A clean build's: make everything.
    pub fn nothing() -> Self {
        Reuse {
            broken: &|_| None,
            targets: None,
            sitemap: None,
            keep_targets: false,
            search: None,
        }
    }
}

/// The site-wide files and checks made once every unit is rendered.
pub struct Finished {
    /// Search indexes, feeds and robots.txt: those written (a search file
    /// as the last build made it is not).
    pub files: Output,
    /// The search files that are as the last build made them: not in
    /// `files`, but part of the output.
    pub unchanged: Vec<String>,
    /// The sitemap's files.
    pub sitemap: Output,
    /// Every unit's diagnostics and the link check's.
    pub diags: Diagnostics,
    /// Each unit's broken links, in the order of the units.
    pub broken: Vec<Arc<links::Broken>>,
    /// What links were checked against, when kept.
    pub targets: Option<Arc<links::Targets>>,
    /// The search index of each language, when kept.
    pub search: Vec<search::LangIndex>,
}

/// The broken links of each unit: `known` where given, else checked.
fn check_links<'i>(
    units: &[(&RenderUnit, &Rendered)],
    known: Vec<Option<Arc<links::Broken>>>,
    exists: &(dyn Fn(&str) -> bool + Sync),
    ids: &(dyn Fn(&str) -> Option<links::Ids<'i>> + Sync),
) -> Vec<Arc<links::Broken>> {
    units
        .par_iter()
        .zip(known)
        .map(|((_, u), known)| {
            known.unwrap_or_else(|| Arc::new(links::broken(&u.links, exists, ids)))
        })
        .collect()
}

fn build_tera(theme: &Theme) -> Result<tera::Tera, Diagnostics> {
    let mut tera = tera::Tera::new();
    tera.set_escape_fn(crate::helpers::escape::write_escaped);
    let origins: BTreeMap<&str, &PathBuf> = theme
        .templates
        .iter()
        .map(|t| (t.name.as_str(), &t.origin))
        .collect();
    let sources: BTreeMap<&str, &str> = theme
        .templates
        .iter()
        .map(|t| (t.name.as_str(), t.source.as_str()))
        .collect();
    tera.add_raw_templates(
        theme
            .templates
            .iter()
            .map(|t| (t.name.as_str(), t.source.as_str())),
    )
    .map_err(|e| {
        let mut d = Diagnostics::new();
        for x in template_errors(&e, &origins, &sources) {
            d.push(x);
        }
        d
    })?;
    Ok(tera)
}

/// A Tera error as diagnostics pointing into the template files.
fn template_errors(
    e: &tera::Error,
    origins: &BTreeMap<&str, &PathBuf>,
    sources: &BTreeMap<&str, &str>,
) -> Vec<Diagnostic> {
    let at = |name: &str, line: usize, col: usize, message: &str| {
        let path = origins
            .get(name)
            .map(|p| p.to_path_buf())
            .unwrap_or_else(|| PathBuf::from(name));
        let d = Diagnostic::error(
            path,
            Some(Pos::new(line, col)),
            msg!("template", en: "template: {message}", vi: "mẫu giao diện (template): {message}"),
        );
        match sources.get(name) {
            Some(src) => d.with_source(src),
            None => d,
        }
    };
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let span = r.span();
            vec![at(
                r.filename(),
                span.start_line,
                span.start_col + 1,
                r.message(),
            )]
        }
        _ => {
            // Checks made when templates are added (unknown filters, tests,
            // functions) arrive as text reports: "error: MSG" then " --> name:line:col".
            let text = e.to_string();
            let mut out = Vec::new();
            let mut message: Option<&str> = None;
            for line in text.lines() {
                let l = line.trim();
                if let Some(m) = l.rsplit("error: ").next().filter(|_| l.contains("error: ")) {
                    message = Some(m);
                } else if let (Some(loc), Some(m)) = (l.strip_prefix("--> "), message) {
                    let mut parts = loc.rsplitn(3, ':');
                    let (col, line, name) = (parts.next(), parts.next(), parts.next());
                    if let (Some(col), Some(line), Some(name)) = (col, line, name) {
                        if let (Ok(line), Ok(col)) = (line.parse(), col.parse()) {
                            out.push(at(name, line, col, m));
                            message = None;
                        }
                    }
                }
            }
            if out.is_empty() {
                out.push(Diagnostic::error(
                    "themes",
                    None,
                    msg!("template", en: "template: {text}", vi: "mẫu giao diện (template): {text}"),
                ));
            }
            out
        }
    }
}
