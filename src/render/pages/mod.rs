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
    self, BulletRow, ChartText, DatasetChartKind, HistoryPoint, HistoryTarget, Multiple,
    MultipleReference, MultiplesAxis, RankAxis, RankReference, RankRow, RatioAxis, Series,
};
use super::format::{self, fill, Style};
use super::inputs::Reads;
use super::markdown::{self, Heading};
use super::{escape, export, paths, Output};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::model::Theme;
use crate::model::*;

// One module per page kind, plus the view models, the Tera context and the
// wording they share; they share their items through `use super::*`.
mod agency;
mod charts;
mod compare;
mod compare_map;
mod context;
mod dataset;
mod embed;
mod group;
mod home;
mod indicator;
mod report;
mod section;
mod site_index;
mod views;
mod wording;

use embed::*;
use section::*;
use site_index::*;
use views::*;

pub(super) use site_index::{
    agency_rows, home_page_count, indicator_groups, SiteIndex, HOME_REPORTS_PER_PAGE,
};

/// Everything a page of one language needs to know about where it is.
pub(super) struct Lang<'a> {
    /// For `check`: files nobody reads (chart downloads) are left empty.
    discards: bool,
    code: &'a str,
    /// "" for the default language, "en/" for the others.
    prefix: String,
    style: Style,
    t: &'a BTreeMap<String, String>,
    /// `t` as a template value, built once: every page's context holds it.
    t_value: &'a tera::Value,
    /// The site, reached only through what records each unit's inputs.
    reads: &'a Reads<'a>,
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

/// What one unit of parallel work renders in one language.
#[derive(Clone)]
pub(super) enum Part<'a> {
    SitePages,
    /// One page (from 0) of the home page's list of reports.
    HomePage(usize),
    /// One page (from 0) of an agency's targets and projects.
    AgencyPage(&'a Agency, usize),
    /// A report's pages but its indicators'.
    Report(&'a Report),
    /// A report's indicator pages of one group (each with its history across reports).
    Indicators(&'a Report, Vec<&'a Indicator>),
    /// The list of shared indicator codes.
    CompareIndex(&'a BTreeMap<&'a str, SharedCode<'a>>),
    /// The comparison of one shared code across areas.
    Compare(&'a SharedCode<'a>),
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
        reads: &'a Reads<'a>,
        theme: &'a Theme,
        tera: &'a Tera,
        data: &'a Output,
        discards: bool,
    ) -> Lang<'a> {
        Lang {
            discards,
            code: &self.code,
            prefix: self.prefix.clone(),
            style: self.style,
            t: &self.t,
            t_value: &self.t_value,
            statuses: &self.statuses,
            reads,
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
            Part::Indicators(report, indicators) => {
                for ind in indicators {
                    self.indicator_page(report, ind, &mut out, &mut diags);
                }
            }
            Part::CompareIndex(codes) => self.compare_index(codes, &mut out, &mut diags),
            Part::Compare(shared) => self.compare_page(shared, &mut out, &mut diags),
        }
        (out, diags)
    }
}

#[cfg(test)]
mod tests {
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
}
