//! The typed model of a site: what the loader produces and the renderers read.
//! Everything derived from the data (indicator status, counts) is computed here,
//! never typed by an editor.

mod boundaries;
mod changes;
mod compare;
mod markdown;
mod outlook;
mod period;
mod shortcode;
mod status;
#[cfg(test)]
mod testing;
mod theme;

use std::collections::BTreeMap;
use std::path::PathBuf;

pub use boundaries::{boundaries_for, BoundarySet, Region, PLANE_WIDTH};
pub use changes::{changes, Changes};
pub use compare::{
    direction, has_shared_codes, shared_codes, value_for, Area, AreaKind, ComparePart,
    ComparePeriod, CompareRow, SharedCode,
};
pub use markdown::Markdown;
pub use outlook::{outlook, year_time, Better, Outlook, OutlookKind};
pub use period::{Date, Period, PeriodKind};
pub use shortcode::{Shortcode, ShortcodeKind, SHORTCODES};
pub use status::{
    combine_parts, compute_status, covers, Comparison, Status, StatusCounts, StatusKind,
    StatusRules, EVIDENCE,
};
pub use theme::{Template, Theme};

use crate::diagnostics::Pos;

/// Human-readable text: `by_lang` always holds the default language, which is
/// also kept in `default`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Text {
    pub default: String,
    pub translations: Translations,
}

/// A text's versions by language code.
pub type Translations = ByLang<String>;

/// Versions by language code, in the order of the codes. Most texts and
/// sections have one or two versions, and there are many (every value's
/// source, copied again into the histories): a short sorted list takes
/// 24 bytes and the value a version where a `BTreeMap` took a node of
/// eleven (544 bytes for a text, 1.3 KiB for a section's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ByLang<T>(Vec<(String, T)>);

impl<T> Default for ByLang<T> {
    fn default() -> Self {
        ByLang(Vec::new())
    }
}

impl<T> ByLang<T> {
    pub fn get(&self, lang: &str) -> Option<&T> {
        self.0.iter().find(|(l, _)| l == lang).map(|(_, t)| t)
    }

    pub fn contains_key(&self, lang: &str) -> bool {
        self.get(lang).is_some()
    }

    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.0.iter().map(|(_, t)| t)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &T)> {
        self.0.iter().map(|(l, t)| (l, t))
    }
}

impl<T> std::ops::Index<&str> for ByLang<T> {
    type Output = T;

    fn index(&self, lang: &str) -> &T {
        self.get(lang).expect("no version in this language")
    }
}

impl<T> FromIterator<(String, T)> for ByLang<T> {
    /// As a map collects them: in the order of the codes, the last of a code kept.
    fn from_iter<I: IntoIterator<Item = (String, T)>>(iter: I) -> Self {
        let map: BTreeMap<String, T> = iter.into_iter().collect();
        let mut list: Vec<(String, T)> = map.into_iter().collect();
        list.shrink_to_fit();
        ByLang(list)
    }
}

/// A map from code to version, as the `BTreeMap` it replaces was written.
impl<T: serde::Serialize> serde::Serialize for ByLang<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl Text {
    pub fn new(default_lang: &str, s: impl Into<String>) -> Text {
        let s = s.into();
        Text {
            translations: ByLang(vec![(default_lang.to_string(), s.clone())]),
            default: s,
        }
    }

    /// The text in `lang`, and whether it fell back to the default language.
    pub fn get(&self, lang: &str) -> (&str, bool) {
        match self.translations.get(lang) {
            Some(t) => (t, false),
            None => (&self.default, true),
        }
    }

    /// The text in `lang` or the default language, without telling which.
    pub fn in_lang(&self, lang: &str) -> &str {
        self.translations
            .get(lang)
            .map(String::as_str)
            .unwrap_or(&self.default)
    }

    pub fn has(&self, lang: &str) -> bool {
        self.translations.contains_key(lang)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    pub config: SiteConfig,
    pub agencies: Vec<Agency>,
    /// Newest first (by period end, then slug). Shared, so that a rebuild
    /// reuses the reports whose files did not change.
    pub reports: Vec<std::sync::Arc<Report>>,
    /// Every indicator id's values across all reports, merged by period
    /// (a later report wins), in period order. Shared, so that a rebuild
    /// after an edit that changed no value keeps them.
    pub histories: std::sync::Arc<Histories>,
    /// The areas reports may cover (content/areas.yaml), in its order.
    pub areas: Vec<Area>,
    /// The areas' boundaries for maps (site.yaml `boundaries:`), in the
    /// order site.yaml lists them.
    pub boundaries: Vec<BoundarySet>,
}

/// Each indicator id's history across reports (each shared, so that a
/// rebuild merges again only the ids of the reports that changed).
pub type Histories = BTreeMap<String, std::sync::Arc<[HistoryEntry]>>;

/// One value of an indicator's history across reports.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEntry {
    pub period: Period,
    pub value: f64,
    pub source: Option<Source>,
    /// Slug of the report the value comes from.
    pub report: String,
    /// The source calls it an estimate ("khoảng 8,48%").
    pub estimate: bool,
    /// The figure measures something other than the indicator (a proxy).
    pub proxy: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SiteConfig {
    pub title: Text,
    pub base_url: String,
    /// The first is the default language.
    pub languages: Vec<String>,
    pub publisher: Option<Text>,
    pub theme: String,
    pub content_dir: PathBuf,
    /// The licence the site's data is published under.
    pub license: Option<License>,
    /// Which charts are also drawn as PNG images (`charts: { png: … }`).
    pub chart_png: ChartPng,
}

/// Which charts a build draws as PNG images beside their SVG downloads.
/// By default every chart (issue 17: a reporter takes any chart into a
/// document); a PNG costs ~10 ms of drawing, ~50 KB of the published site,
/// and is kept between builds (`write::png_cache`). A large portal may
/// draw only the charts of a report's own pages, or none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ChartPng {
    /// SVG downloads only.
    None,
    /// The charts of a report's own pages; indicators' history charts are
    /// offered as SVG.
    Reports,
    /// Every chart, indicators' history charts included.
    #[default]
    All,
}

impl ChartPng {
    /// The words site.yaml takes, in this order.
    pub const CHOICES: [(&'static str, ChartPng); 3] = [
        ("reports", ChartPng::Reports),
        ("all", ChartPng::All),
        ("none", ChartPng::None),
    ];

    /// Whether a report-level chart (group, dataset, projects, comparison)
    /// gets a PNG.
    pub fn report_charts(self) -> bool {
        self != ChartPng::None
    }

    /// Whether an indicator's history chart gets a PNG.
    pub fn indicator_charts(self) -> bool {
        self == ChartPng::All
    }
}

/// A data licence as declared in site.yaml: an SPDX-style id, a name, a link.
#[derive(Debug, Clone, PartialEq)]
pub struct License {
    pub id: String,
    pub title: Text,
    pub url: Option<String>,
}

impl Site {
    /// The latest date any report was updated (or published): what the
    /// footer of pages outside a report shows.
    pub fn last_updated(&self) -> Option<Date> {
        self.reports
            .iter()
            .filter_map(|r| r.updated.or(r.published))
            .max()
    }
}

impl SiteConfig {
    pub fn default_language(&self) -> &str {
        &self.languages[0]
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Agency {
    pub id: String,
    pub name: Text,
    pub short: Option<String>,
    pub aliases: Vec<String>,
}

/// An agency as written in content, resolved to an agency id when it is known.
#[derive(Debug, Clone, PartialEq)]
pub struct AgencyRef {
    pub written: String,
    pub id: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub slug: String,
    pub dir: PathBuf,
    pub title: Text,
    pub period: Period,
    pub baseline_period: Option<Period>,
    /// The date the report states its figures as of (`as_of`, else the
    /// document's date): it decides what is due and what is overdue.
    pub as_of: Date,
    /// When the report was first published on the site, and last updated.
    pub published: Option<Date>,
    pub updated: Option<Date>,
    pub document: Document,
    pub references: Vec<Reference>,
    pub groups: Vec<Group>,
    pub indicators: Vec<Indicator>,
    pub projects: Vec<Project>,
    pub datasets: Vec<Dataset>,
    /// In table-of-contents order.
    pub sections: Vec<Section>,
    /// The example `minhbach init` writes, with made-up figures: its pages
    /// say so, and checking warns while it is part of the site.
    pub sample: bool,
    /// The code of the area the report covers (see [`Area`]).
    pub area: Option<String>,
}

impl Report {
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    pub fn indicators_in<'a>(&'a self, group: &'a str) -> impl Iterator<Item = &'a Indicator> + 'a {
        self.indicators.iter().filter(move |i| i.group == group)
    }

    pub fn counts(&self) -> StatusCounts {
        StatusCounts::of(self.indicators.iter())
    }

    pub fn group_counts(&self, group: &str) -> StatusCounts {
        StatusCounts::of(self.indicators_in(group))
    }

    pub fn reference(&self, id: &str) -> Option<&Reference> {
        self.references.iter().find(|r| r.id == id)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub number: String,
    pub date: Date,
    pub issuer: Option<Text>,
    pub url: Option<String>,
    /// The document itself, attached in the report folder and published.
    pub file: Option<Attachment>,
}

/// A file of the report folder published as it is, with its size and digest.
#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    /// The file name, also its name in the published report folder.
    pub name: String,
    pub path: PathBuf,
    pub size: u64,
    /// Lowercase hex SHA-256 of the file.
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub id: String,
    pub title: Text,
    pub date: Option<Date>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub id: String,
    pub name: Text,
    pub description: Option<Text>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// A place in the report's own document, e.g. "Phần I, mục I.7".
    Text(Text),
    /// A place in another document listed in the report's `references`.
    Ref {
        id: String,
        at: Option<String>,
        url: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Percent,
    Count,
    Per100,
    Currency,
    Other,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnitSpec {
    pub kind: Unit,
    /// As written: `percent`, `currency:VND`, `km` ...
    pub raw: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Ge,
    Gt,
    Le,
    Lt,
    Eq,
}

impl Op {
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Ge => "≥",
            Op::Gt => ">",
            Op::Le => "≤",
            Op::Lt => "<",
            Op::Eq => "=",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Op::Ge => ">=",
            Op::Gt => ">",
            Op::Le => "<=",
            Op::Lt => "<",
            Op::Eq => "=",
        }
    }

    pub fn holds(self, value: f64, target: f64) -> bool {
        match self {
            Op::Ge => value >= target,
            Op::Gt => value > target,
            Op::Le => value <= target,
            Op::Lt => value < target,
            Op::Eq => (value - target).abs() <= 1e-9 * target.abs().max(1.0),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Numeric {
        value: f64,
        op: Op,
        by: Period,
        source: Option<Source>,
    },
    /// A commitment with no number: shown, never scored.
    Text {
        text: Text,
        by: Option<Period>,
        source: Option<Source>,
    },
}

impl Target {
    pub fn source(&self) -> Option<&Source> {
        match self {
            Target::Numeric { source, .. } | Target::Text { source, .. } => source.as_ref(),
        }
    }

    pub fn by(&self) -> Option<Period> {
        match self {
            Target::Numeric { by, .. } => Some(*by),
            Target::Text { by, .. } => *by,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Measurement {
    pub period: Period,
    pub value: f64,
    pub source: Option<Source>,
    /// The source calls it an estimate ("khoảng 8,48%").
    pub estimate: bool,
    /// The figure measures something other than the indicator's wording.
    pub proxy: Option<Proxy>,
    /// Where the value was written, for diagnostics: the indexes of its
    /// indicator and of itself in `indicators.yaml` (the line and column are
    /// looked up only when a diagnostic needs them).
    pub at: ValueAt,
}

/// Item `value` of the `values` of item `indicator` of an `indicators.yaml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ValueAt {
    pub indicator: usize,
    pub value: usize,
}

/// A figure that stands in for the indicator: what differs, and its own unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Proxy {
    pub note: Text,
    pub unit: Option<UnitSpec>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub id: String,
    pub group: String,
    pub name: Text,
    pub unit: UnitSpec,
    pub decimals: Option<u8>,
    pub target: Option<Target>,
    /// Sorted by period end.
    pub values: Vec<Measurement>,
    pub lead: Option<AgencyRef>,
    pub partners: Vec<AgencyRef>,
    pub note: Option<Text>,
    /// Which way is better, for an outlook without a numeric target.
    pub better: Option<Better>,
    pub status: Status,
    /// A code shared by the same measure in other reports (other areas),
    /// which makes it comparable across them.
    pub code: Option<String>,
    /// What the parts split the measure by (`Cấp` / `Level`).
    pub breakdown: Option<Text>,
    /// The measure split into parts (by level, district, sector …), each
    /// with its own target, values and status; empty for most indicators.
    pub parts: Vec<IndicatorPart>,
}

/// One part of a measure: "cấp tỉnh ≥ 80 %" of "the share of work files
/// processed online". Its status is computed like an indicator's, from its
/// own target and values, in the unit of its indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorPart {
    pub id: String,
    pub name: Text,
    pub target: Option<Target>,
    /// Sorted by period end.
    pub values: Vec<Measurement>,
    pub status: Status,
}

impl IndicatorPart {
    /// The part as an indicator of its own (its indicator's name, unit and
    /// agencies, the part's target, values and status): what pages show of
    /// an indicator, they can show of a part.
    pub fn as_indicator(&self, of: &Indicator) -> Indicator {
        Indicator {
            id: format!("{}-{}", of.id, self.id),
            name: self.name.clone(),
            target: self.target.clone(),
            values: self.values.clone(),
            status: self.status.clone(),
            code: None,
            breakdown: None,
            parts: Vec::new(),
            note: None,
            ..of.clone()
        }
    }
}

impl Indicator {
    pub fn latest(&self) -> Option<&Measurement> {
        self.status.latest.map(|i| &self.values[i])
    }

    /// The trend outlook from the values up to `cutoff` (the report's
    /// period), 100 being the natural limit of a percentage.
    pub fn outlook(&self, cutoff: Period) -> Result<Outlook, &'static str> {
        let limit = (self.unit.kind == Unit::Percent).then_some(100.0);
        outlook(
            &self.values,
            self.target.as_ref(),
            self.better,
            limit,
            cutoff,
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProjectStatus {
    Planned,
    InProgress,
    Done,
    Delayed,
    Cancelled,
}

impl ProjectStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ProjectStatus::Planned => "planned",
            ProjectStatus::InProgress => "in-progress",
            ProjectStatus::Done => "done",
            ProjectStatus::Delayed => "delayed",
            ProjectStatus::Cancelled => "cancelled",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    pub name: Text,
    pub category: Option<Text>,
    pub group: Option<String>,
    pub lead: Vec<AgencyRef>,
    pub partners: Vec<AgencyRef>,
    pub timeframe: Option<Text>,
    pub due: Option<Date>,
    pub status: Option<ProjectStatus>,
    pub source: Option<Source>,
}

impl Project {
    /// Past its due date on `as_of` and not marked done or cancelled.
    pub fn overdue(&self, as_of: Date) -> bool {
        self.due.is_some_and(|d| d < as_of)
            && !matches!(
                self.status,
                Some(ProjectStatus::Done | ProjectStatus::Cancelled)
            )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub id: String,
    pub name: Text,
    pub unit: Option<UnitSpec>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Number(f64),
    Text(Text),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartType {
    Bar,
    Line,
    None,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DatasetChart {
    pub kind: ChartType,
    pub x: String,
    pub y: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// The file name without `.yaml`.
    pub id: String,
    pub title: Text,
    pub description: Option<Text>,
    pub source: Option<Source>,
    pub columns: Vec<Column>,
    /// One cell per column, in column order.
    pub rows: Vec<Vec<Cell>>,
    pub chart: Option<DatasetChart>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    Achievements,
    Limitations,
    Plan,
    Solutions,
    Other,
}

impl SectionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SectionKind::Achievements => "achievements",
            SectionKind::Limitations => "limitations",
            SectionKind::Plan => "plan",
            SectionKind::Solutions => "solutions",
            SectionKind::Other => "other",
        }
    }
}

/// One language version of a narrative section.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionText {
    pub title: String,
    pub markdown: Markdown,
    pub path: PathBuf,
    /// Line of the file where the Markdown body starts (1-based).
    pub body_line: usize,
    /// The body's shortcodes that parse, in order; `None` for one that
    /// names nothing the report defines (its error given while loading).
    pub shortcodes: Vec<Option<Shortcode>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub slug: String,
    pub kind: SectionKind,
    pub group: Option<String>,
    pub order: Option<i64>,
    pub source: Option<String>,
    /// By language code; always contains the default language.
    pub texts: ByLang<SectionText>,
    /// Where `group:` was written, for diagnostics.
    pub group_pos: Option<Pos>,
}
