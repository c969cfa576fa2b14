//! Load a content folder into the typed model, collecting every diagnostic
//! instead of stopping at the first.

mod areas;
mod files;
mod number;
mod provenance;
mod raw;
mod sections;
pub mod site_rules;
mod spreadsheet;
pub mod theme;
mod traps;

use std::cell::OnceCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics, Lang, Pos};
use crate::model::*;
use crate::yaml::{self, Spans};

pub use files::{is_slug, slugify, MAX_FILE_BYTES};
use raw::*;
pub use spreadsheet::column_letters;

/// Slugs that name fixed pages inside a report and so cannot be section slugs.
pub const RESERVED_SLUGS: &[&str] = &[
    "groups",
    "projects",
    "indicators",
    "datasets",
    "data",
    "static",
    "agencies",
];

/// Load the site in `content_dir`. Returns the site when it is usable (it may
/// still come with warnings) and all diagnostics.
pub fn load_site(content_dir: &Path) -> (Option<Site>, Diagnostics) {
    load_site_cached(content_dir, &mut LoadCache::default())
}

/// [`load_site`], reusing the reports of an earlier call whose files did not
/// change (same names, sizes and modification times), as long as the site's
/// languages and agencies are the same. For `serve`'s rebuilds.
pub fn load_site_cached(content_dir: &Path, cache: &mut LoadCache) -> (Option<Site>, Diagnostics) {
    if !std::mem::take(&mut cache.told) {
        cache.changed = None;
    }
    let mut diags = Diagnostics::new();
    // Every file read is checked to lie inside the content folder; resolve the
    // folder itself once (when it cannot be, each check resolves it and fails).
    let real_root = std::fs::canonicalize(content_dir).ok();
    let site = Loader {
        root: content_dir,
        resolved: files::Resolved::new(content_dir, real_root),
        diags: &mut diags,
        cache: Some(cache),
    }
    .site();
    let site = if diags.has_errors() { None } else { site };
    (site, diags)
}

/// The language of messages for the site in `content_dir`: its first
/// language (`vi` when site.yaml lists none, as the loader reads it), when
/// that is one the tool speaks. `None` when there is no readable site.yaml.
pub fn site_language(content_dir: &Path) -> Option<Lang> {
    #[derive(serde::Deserialize)]
    struct Languages {
        languages: Option<Vec<String>>,
    }
    let path = content_dir.join("site.yaml");
    let src = files::read_text(&path, content_dir, &path).ok()?;
    let site: Languages = yaml::parse_value(&src, &path, 0).ok()??;
    match site.languages {
        None => Some(Lang::Vi),
        Some(l) => Lang::parse(l.first()?),
    }
}

/// Reports loaded by earlier calls of [`load_site_cached`].
#[derive(Default)]
pub struct LoadCache {
    /// What loading a report reads from outside its folder: the languages,
    /// the agencies, and whether agency names are checked.
    context: Option<(Vec<String>, Vec<Agency>, bool)>,
    reports: HashMap<PathBuf, CachedReport>,
    /// The histories merged from the last load's reports, and the warnings
    /// merging gave.
    histories: Option<CachedHistories>,
    /// Names of the report folders that may have changed since reports were
    /// last looked at, as a file watcher said: the others are reused without
    /// looking at their files. `None` (at first, and whenever a caller does
    /// not know): look at every folder.
    changed: Option<HashSet<std::ffi::OsString>>,
    /// Whether [`LoadCache::changed`] was called before this load: a load
    /// without it looks at every folder.
    told: bool,
}

impl LoadCache {
    /// Say which files changed (from a file watcher's events; paths as
    /// `content_dir` was given, or canonical), so that the next load looks
    /// only at the report folders holding them; `None` when that is not
    /// known. Changes add up until a load looks at the reports.
    pub fn changed(&mut self, content_dir: &Path, paths: Option<&[PathBuf]>) {
        let new = paths.and_then(|paths| report_folders(content_dir, paths));
        self.changed = match (self.changed.take(), new) {
            (Some(mut before), Some(new)) => {
                before.extend(new);
                Some(before)
            }
            _ => None,
        };
        self.told = true;
    }
}

/// The report folders (by name) that `paths` lie in; `None` when a path
/// could concern every report (the `reports` folder itself) or lies outside
/// the content folder (a theme file, which renders everything again anyway,
/// or a path written in a way not recognised: looking at every report is
/// then the safe answer).
fn report_folders(content_dir: &Path, paths: &[PathBuf]) -> Option<HashSet<std::ffi::OsString>> {
    let roots: Vec<PathBuf> = std::iter::once(content_dir.to_path_buf())
        .chain(std::fs::canonicalize(content_dir).ok())
        .collect();
    let mut names = HashSet::new();
    for path in paths {
        let rel = roots.iter().find_map(|r| path.strip_prefix(r).ok())?;
        let mut parts = rel.components();
        match (parts.next(), parts.next()) {
            (Some(first), Some(std::path::Component::Normal(name)))
                if first.as_os_str() == "reports" =>
            {
                names.insert(name.to_os_string());
            }
            // `reports` itself, or a file of the content folder: those are
            // read on every load anyway (site.yaml, agencies.yaml).
            (Some(first), None) if first.as_os_str() != "reports" => {}
            _ => return None,
        }
    }
    Some(names)
}

struct CachedHistories {
    reports: Vec<std::sync::Arc<Report>>,
    histories: std::sync::Arc<Histories>,
    /// The warnings merging gave, by indicator id.
    diags: HistoryWarnings,
}

/// Warnings of merging histories, by indicator id.
type HistoryWarnings = BTreeMap<String, Diagnostics>;

impl CachedHistories {
    /// Histories are merged from the reports' folders (for warnings), slugs
    /// and indicators, in site order: the same inputs give the same result.
    /// `None` when the reports are not the same ones in the same places;
    /// else the ids whose history or warnings may differ: those of every
    /// indicator of a report whose indicators changed, before and now, and
    /// of a report read again that has warnings (an edit that only moved
    /// its values down a line moves the warnings' lines).
    fn changed_ids<'r>(
        &'r self,
        reports: &'r [std::sync::Arc<Report>],
    ) -> Option<HashSet<&'r str>> {
        if self.reports.len() != reports.len() {
            return None;
        }
        let mut ids = HashSet::new();
        for (a, b) in self.reports.iter().zip(reports) {
            if std::sync::Arc::ptr_eq(a, b) {
                continue;
            }
            if a.slug != b.slug || a.dir != b.dir {
                return None;
            }
            let warned = || b.indicators.iter().any(|i| self.diags.contains_key(&i.id));
            if a.indicators != b.indicators || warned() {
                ids.extend(
                    a.indicators
                        .iter()
                        .chain(&b.indicators)
                        .map(|i| i.id.as_str()),
                );
            }
        }
        Some(ids)
    }
}

struct CachedReport {
    stamp: std::sync::Arc<Stamp>,
    report: Option<std::sync::Arc<Report>>,
    diags: Diagnostics,
}

/// Every file and folder below a report folder, with its size and
/// modification time: when these are the same, so is the report.
type Stamp = Vec<(PathBuf, u64, Option<std::time::SystemTime>, bool)>;

/// `None` (do not cache) when something cannot be read, or was modified so
/// recently that a second write in the same clock tick could go unseen.
fn stamp(dir: &Path) -> Option<Stamp> {
    let recent = std::time::SystemTime::now() - std::time::Duration::from_secs(2);
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| {
            let e = e.ok()?;
            let m = e.path().symlink_metadata().ok()?;
            if m.is_dir() {
                // What a folder holds is listed entry by entry already.
                return Some((e.into_path(), 0, None, true));
            }
            let modified = m.modified().ok().filter(|t| *t < recent)?;
            Some((e.into_path(), m.len(), Some(modified), false))
        })
        .collect()
}

struct Loader<'a> {
    root: &'a Path,
    /// Real locations of `root` and of the folders being read.
    resolved: files::Resolved<'a>,
    diags: &'a mut Diagnostics,
    /// Reports of an earlier load, and where to keep this one's.
    cache: Option<&'a mut LoadCache>,
}

/// One parsed YAML file: its text, positions and where it lives, so that checks
/// after parsing can still point at a line.
struct Doc<'a> {
    shown: PathBuf,
    src: String,
    /// Built from `src` on first use: most files never need a position.
    spans: OnceCell<Spans>,
    langs: &'a [String],
    /// Numbers typed in a form that reads two ways, by path (see number.rs).
    typed: OnceCell<HashMap<String, (Pos, String)>>,
    /// For a spreadsheet: the cell each path came from (see spreadsheet.rs).
    cells: Option<spreadsheet::Cells>,
}

impl Doc<'_> {
    fn spans(&self) -> &Spans {
        self.spans.get_or_init(|| Spans::of(&self.src, 0))
    }

    fn err(&self, at: &str, message: crate::diagnostics::Msg) -> Diagnostic {
        if let Some(d) = self
            .cells
            .as_ref()
            .and_then(|c| c.diagnostic(at, false, message.clone()))
        {
            return d;
        }
        Diagnostic::error(&self.shown, Some(self.spans().at(at)), message).with_source(&self.src)
    }

    fn warn(&self, at: &str, message: crate::diagnostics::Msg) -> Diagnostic {
        if let Some(d) = self
            .cells
            .as_ref()
            .and_then(|c| c.diagnostic(at, true, message.clone()))
        {
            return d;
        }
        Diagnostic::warning(&self.shown, Some(self.spans().at(at)), message).with_source(&self.src)
    }

    /// Localized text: must contain the default language, and only known languages.
    fn text(&self, raw: &RawText, at: &str, diags: &mut Diagnostics) -> Text {
        let default = self.langs[0].as_str();
        match raw {
            RawText::Plain(s) => Text::new(default, s.trim()),
            RawText::Map(map) => {
                // `{ vi: UBND các huyện, thị xã, … }`: the commas cut the text
                // into keys that are no language. Say so once, at the first cut.
                let first_cut = map
                    .iter()
                    .filter(|(l, v)| {
                        !self.langs.contains(l) && (v.is_empty() || !traps::is_language_code(l))
                    })
                    .map(|(l, _)| l)
                    .map(|l| (self.spans().at(&format!("{at}.{l}")), l))
                    .min();
                let cut = first_cut.and_then(|(pos, lang)| {
                    let line = self.src.lines().nth(pos.line.saturating_sub(1))?;
                    let fixed = traps::quote_flow_texts(line, self.langs)?;
                    Some((lang, fixed))
                });
                if let Some((lang, fixed)) = &cut {
                    diags.push(
                        self.err(
                            &format!("{at}.{lang}"),
                            msg!("text-cut-by-comma",
                                en: "`{lang}` is not a language: inside {{ }} a comma ends the text, so the text was cut here",
                                vi: "`{lang}` không phải là ngôn ngữ: trong {{ }} dấu phẩy kết thúc văn bản, nên văn bản bị cắt tại đây"),
                        )
                        .with_hint(msg!("text-cut-by-comma",
                            en: "put the text in quotes: {fixed}",
                            vi: "đặt văn bản trong ngoặc kép: {fixed}")),
                    );
                }
                for lang in map.keys() {
                    if !self.langs.contains(lang) && cut.is_none() {
                        diags.push(
                            self.err(
                                &format!("{at}.{lang}"),
                                msg!("unknown-language", en: "unknown language `{lang}`", vi: "ngôn ngữ `{lang}` không có trong site.yaml"),
                            )
                            .with_hint(msg!("unknown-language",
                                en: "languages of this site (site.yaml): {}",
                                vi: "các ngôn ngữ của trang (site.yaml): {}",
                                self.langs.join(", ")
                            )),
                        );
                    }
                }
                let translations: BTreeMap<String, String> = map
                    .iter()
                    .map(|(k, v)| (k.clone(), v.trim().to_string()))
                    .collect();
                let Some(d) = translations.get(default) else {
                    diags.push(
                        self.err(
                            at,
                            msg!("missing-default-language",
                                en: "text has no `{default}` version (the site's default language)",
                                vi: "văn bản không có bản `{default}` (ngôn ngữ mặc định của trang)"
                            ),
                        )
                        .with_hint(msg!("missing-default-language",
                            en: "add `{default}: ...`; other languages fall back to it",
                            vi: "thêm `{default}: ...`; các ngôn ngữ khác dùng bản này khi thiếu"
                        )),
                    );
                    return Text {
                        default: translations.values().next().cloned().unwrap_or_default(),
                        translations,
                    };
                };
                Text {
                    default: d.clone(),
                    translations,
                }
            }
        }
    }

    fn period(&self, raw: &RawPeriod, at: &str, diags: &mut Diagnostics) -> Option<Period> {
        Period::parse(&raw.0)
            .map_err(|m| diags.push(self.err(at, m)))
            .ok()
    }

    fn date(&self, raw: &RawPeriod, at: &str, diags: &mut Diagnostics) -> Option<Date> {
        let d = Date::parse(&raw.0);
        if d.is_none() {
            diags.push(
                self.err(at, msg!("invalid-date", en: "`{}` is not a date", vi: "`{}` không phải là ngày", raw.0))
                    .with_hint(msg!("invalid-date", en: "write dates as YYYY-MM-DD, e.g. 2023-06-05", vi: "viết ngày theo dạng NNNN-TT-NN (năm-tháng-ngày), ví dụ 2023-06-05")),
            );
        }
        d
    }

    /// `what` names the id in English and in Vietnamese.
    fn slug(&self, s: &str, at: &str, what: [&str; 2], diags: &mut Diagnostics) {
        if !is_slug(s) {
            let [what_en, what_vi] = what;
            diags.push(
                self.err(at, msg!("invalid-id", en: "{what_en} `{s}` is not a valid id", vi: "{what_vi} `{s}` không hợp lệ"))
                    .with_hint(msg!("invalid-id",
                        en: "use lowercase letters a-z, digits and `-`, e.g. `{}`",
                        vi: "dùng chữ thường a-z không dấu, chữ số và `-`, ví dụ `{}`",
                        slugify(s)
                    )),
            );
        }
    }

    fn number(&self, v: f64, at: &str, diags: &mut Diagnostics) -> bool {
        if v.is_finite() {
            return true;
        }
        diags.push(self.err(
            at,
            msg!("not-finite", en: "number must be finite (NaN and infinity are not values)", vi: "số phải hữu hạn (NaN và vô cực không phải là giá trị)"),
        ));
        false
    }

    fn source(
        &self,
        raw: &RawSource,
        at: &str,
        refs: &[Reference],
        diags: &mut Diagnostics,
    ) -> Source {
        match raw {
            RawSource::Text(t) => Source::Text(self.text(t, at, diags)),
            RawSource::Ref(r) => {
                if !refs.iter().any(|x| x.id == r.reference) {
                    let ids: Vec<&str> = refs.iter().map(|x| x.id.as_str()).collect();
                    let mut d = self.err(
                        &format!("{at}.ref"),
                        msg!("unknown-reference", en: "reference `{}` is not defined in report.yaml", vi: "tài liệu dẫn `{}` chưa được khai báo trong report.yaml", r.reference),
                    );
                    d = match did_you_mean(&r.reference, ids.iter().copied()) {
                        Some(best) => d.with_hint(msg!("did-you-mean", en: "did you mean `{best}`?", vi: "có phải là `{best}`?")),
                        None if ids.is_empty() => {
                            d.with_hint(msg!("unknown-reference", en: "add it under `references:` in report.yaml", vi: "thêm nó vào mục `references:` trong report.yaml"))
                        }
                        None => d.with_hint(msg!("unknown-reference", en: "defined references: {}", vi: "các tài liệu dẫn đã khai báo: {}", ids.join(", "))),
                    };
                    diags.push(d);
                }
                if let Some(url) = &r.url {
                    check_url(self, url, &format!("{at}.url"), diags);
                }
                Source::Ref {
                    id: r.reference.clone(),
                    at: r.at.clone(),
                    url: r.url.clone(),
                }
            }
        }
    }

    /// Report a duplicate id, pointing at both places.
    /// `what` names the id in English and in Vietnamese.
    fn duplicates(&self, ids: &[(String, String)], what: [&str; 2], diags: &mut Diagnostics) {
        let mut seen: HashMap<&str, &str> = HashMap::new();
        let [what_en, what_vi] = what;
        for (id, at) in ids {
            if let Some(first) = seen.get(id.as_str()) {
                let p = self.spans().at(first);
                diags.push(
                    self.err(at, msg!("duplicate-id", en: "duplicate {what_en} `{id}`", vi: "{what_vi} `{id}` bị trùng"))
                        .with_hint(msg!("duplicate-id",
                            en: "first defined at line {}; ids must be unique",
                            vi: "đã khai báo lần đầu ở dòng {}; mỗi mã chỉ dùng một lần",
                            p.line
                        )),
                );
            } else {
                seen.insert(id, at);
            }
        }
    }
}

/// Links in content may use only safe schemes; the renderer enforces this too.
fn check_url(doc: &Doc, url: &str, at: &str, diags: &mut Diagnostics) {
    if !crate::render::is_safe_url(url) {
        diags.push(
            doc.err(at, msg!("unsafe-url", en: "URL `{url}` uses a scheme that is not allowed", vi: "địa chỉ `{url}` dùng giao thức không được phép"))
                .with_hint(msg!("unsafe-url", en: "use an http:// or https:// address", vi: "dùng địa chỉ http:// hoặc https://")),
        );
    }
}

impl Loader<'_> {
    fn shown(&self, path: &Path) -> PathBuf {
        crate::diagnostics::display_path(path, self.root.parent().unwrap_or(self.root))
    }

    /// Read a content file (see [`files::read_text`]).
    fn read_text(&self, path: &Path, shown: &Path) -> Result<String, Diagnostic> {
        files::read_text_in(path, &self.resolved, shown)
    }

    /// Read and parse one YAML file. `Ok(None)` is an empty file.
    fn parse<'l, T: DeserializeOwned>(
        &mut self,
        path: &Path,
        langs: &'l [String],
    ) -> Option<(Option<T>, Doc<'l>)> {
        let shown = self.shown(path);
        let src = match self.read_text(path, &shown) {
            Ok(s) => s,
            Err(d) => {
                self.diags.push(d);
                return None;
            }
        };
        match yaml::parse_value::<T>(&src, &shown, 0) {
            Ok(Some(v)) => Some((
                Some(v),
                Doc {
                    shown,
                    src,
                    spans: OnceCell::new(),
                    langs,
                    typed: OnceCell::new(),
                    cells: None,
                },
            )),
            Ok(None) => Some((
                None,
                Doc {
                    shown,
                    src,
                    spans: OnceCell::from(Spans::default()),
                    langs,
                    typed: OnceCell::new(),
                    cells: None,
                },
            )),
            Err(d) => {
                self.diags.push(d);
                None
            }
        }
    }

    fn site(&mut self) -> Option<Site> {
        if !self.root.is_dir() {
            self.diags.push(
                Diagnostic::error(self.root, None, msg!("no-content-folder", en: "content folder not found", vi: "không tìm thấy thư mục nội dung")).with_hint(
                    msg!("no-content-folder", en: "run from the folder that contains `content/`, or pass --content DIR", vi: "chạy lệnh trong thư mục chứa `content/`, hoặc thêm --content THƯ_MỤC"),
                ),
            );
            return None;
        }
        let config = self.config()?;
        self.unexpected_files(
            self.root,
            &["site.yaml", "agencies.yaml", areas::AREAS_FILE, "reports"],
            None,
        );
        let langs = config.languages.clone();
        let errors_before = self.diags.error_count();
        let agencies = self.agencies(&langs);
        let mut lookup = AgencyLookup::new(&agencies);
        // With a broken agencies.yaml every name would look unknown: say it once, there.
        lookup.quiet = self.diags.error_count() > errors_before;
        let areas = self.areas(&langs);
        let mut reports = Vec::new();
        let reports_dir = self.root.join("reports");
        if reports_dir.is_dir() {
            match files::list_dir(&reports_dir) {
                Ok(entries) => {
                    // Reports are independent: load them in parallel, each
                    // with its own diagnostics, then merge in folder order so
                    // that neither the result nor the order of diagnostics
                    // depends on scheduling.
                    let mut resolved = self.resolved.fork();
                    if let Ok(real) = std::fs::canonicalize(&reports_dir) {
                        resolved.add(&reports_dir, real);
                    }
                    let root = self.root;
                    let context = Some((langs.clone(), agencies.clone(), lookup.quiet));
                    let mut cache = self.cache.take();
                    // What changed since the last look; from now on, nothing.
                    let changed = cache
                        .as_deref_mut()
                        .and_then(|c| c.changed.replace(HashSet::new()));
                    let earlier = cache.as_deref().filter(|c| c.context == context);
                    // A folder the watcher saw no change in is as it was.
                    let unchanged = |dir: &Path| {
                        changed
                            .as_ref()
                            .zip(dir.file_name())
                            .is_some_and(|(names, name)| !names.contains(name))
                    };
                    type Loaded = (
                        Option<std::sync::Arc<Report>>,
                        Diagnostics,
                        Option<std::sync::Arc<Stamp>>,
                    );
                    let loaded: Vec<Loaded> = entries
                        .par_iter()
                        .map(|dir| {
                            if let Some(hit) = earlier
                                .filter(|_| unchanged(dir))
                                .and_then(|c| c.reports.get(dir))
                            {
                                return (hit.report.clone(), hit.diags.clone(), Some(std::sync::Arc::clone(&hit.stamp)));
                            }
                            let stamp = cache.as_ref().and_then(|_| stamp(dir)).map(std::sync::Arc::new);
                            if let (Some(c), Some(st)) = (earlier, &stamp) {
                                if let Some(hit) = c.reports.get(dir).filter(|h| &h.stamp == st) {
                                    return (hit.report.clone(), hit.diags.clone(), stamp);
                                }
                            }
                            let mut diags = Diagnostics::new();
                            let mut loader = Loader {
                                root,
                                resolved: resolved.fork(),
                                diags: &mut diags,
                                cache: None,
                            };
                            let report = if dir.is_dir() {
                                loader.report(dir, &langs, &lookup).map(std::sync::Arc::new)
                            } else {
                                let shown = loader.shown(dir);
                                loader.diags.push(
                                    Diagnostic::warning(shown, None, msg!("file-ignored", en: "file ignored: `reports/` holds one folder per report", vi: "bỏ qua tệp: `reports/` chỉ chứa các thư mục, mỗi báo cáo một thư mục"))
                                        .with_hint(msg!("file-ignored", en: "move it into a report folder, or start its name with `_` to silence this", vi: "chuyển nó vào một thư mục báo cáo, hoặc đặt tên bắt đầu bằng `_` để không còn cảnh báo này")),
                                );
                                None
                            };
                            (report, diags, stamp)
                        })
                        .collect();
                    let mut kept = HashMap::new();
                    for (dir, (report, diags, stamp)) in entries.iter().zip(loaded) {
                        if let Some(stamp) = stamp {
                            kept.insert(
                                dir.clone(),
                                CachedReport {
                                    stamp,
                                    report: report.clone(),
                                    diags: diags.clone(),
                                },
                            );
                        }
                        self.diags.extend(diags);
                        reports.extend(report);
                    }
                    if let Some(cache) = cache {
                        cache.context = context;
                        cache.reports = kept;
                        self.cache = Some(cache);
                    }
                }
                Err(e) => self
                    .diags
                    .push(files::io_error(&self.shown(&reports_dir), &e)),
            }
        }
        if reports.is_empty() && !self.diags.has_errors() {
            self.diags.push(
                Diagnostic::warning(self.shown(&reports_dir), None, msg!("no-reports", en: "the site has no reports", vi: "trang chưa có báo cáo nào"))
                    .with_hint(msg!("no-reports", en: "create reports/<slug>/report.yaml", vi: "tạo reports/<slug>/report.yaml (hoặc chạy `minhbach new report <slug>`)")),
            );
        }
        reports.sort_by(|a, b| {
            b.period
                .end()
                .cmp(&a.period.end())
                .then_with(|| a.slug.cmp(&b.slug))
        });
        self.check_areas_and_codes(&areas, &reports);
        let cached = self.cache.as_deref_mut().and_then(|c| c.histories.take());
        let changed = cached.as_ref().and_then(|h| h.changed_ids(&reports));
        let (histories, warnings) = match (cached.as_ref(), changed) {
            // No report's indicators changed: the same histories.
            (Some(h), Some(ids)) if ids.is_empty() => {
                (std::sync::Arc::clone(&h.histories), h.diags.clone())
            }
            // Some did: merge the histories of their ids again, keep the others.
            (Some(h), Some(ids)) => {
                let (fresh, fresh_warnings) = self.histories(&reports, Some(&ids));
                let mut histories = (*h.histories).clone();
                let mut warnings = h.diags.clone();
                for id in &ids {
                    histories.remove(*id);
                    warnings.remove(*id);
                }
                histories.extend(fresh);
                warnings.extend(fresh_warnings);
                (std::sync::Arc::new(histories), warnings)
            }
            _ => {
                let (histories, warnings) = self.histories(&reports, None);
                (std::sync::Arc::new(histories), warnings)
            }
        };
        for d in warnings.values() {
            self.diags.extend(d.clone());
        }
        if let Some(cache) = self.cache.as_deref_mut() {
            cache.histories = Some(CachedHistories {
                reports: reports.clone(),
                histories: std::sync::Arc::clone(&histories),
                diags: warnings,
            });
        }
        Some(Site {
            config,
            agencies,
            reports,
            histories,
            areas,
        })
    }

    /// Merge each indicator's values across reports by period (of the ids
    /// in `only`, when given). Two reports giving different values for one
    /// period is a warning (returned by id); the later wins.
    fn histories(
        &self,
        reports: &[std::sync::Arc<Report>],
        only: Option<&HashSet<&str>>,
    ) -> (Histories, HistoryWarnings) {
        // The winning measurement and its report's slug, by period (end,
        // start); entries are built for the winners only.
        type Merged<'r> = BTreeMap<(Date, Date), (&'r Measurement, &'r str)>;
        let mut by_id: BTreeMap<&str, Merged> = BTreeMap::new();
        let mut warnings = HistoryWarnings::new();
        // The positions of each report's values, read when a warning needs
        // one (the file again: loading does not keep its text).
        let mut positions: HashMap<&str, Vec<Vec<Option<Pos>>>> = HashMap::new();
        // Oldest report first, so that later reports overwrite.
        for report in reports.iter().rev() {
            for ind in &report.indicators {
                if only.is_some_and(|ids| !ids.contains(ind.id.as_str())) {
                    continue;
                }
                let merged = by_id.entry(ind.id.as_str()).or_default();
                for m in &ind.values {
                    let key = (m.period.end(), m.period.start());
                    if let Some((prev, prev_report)) = merged.get(&key) {
                        if prev.value != m.value && *prev_report != report.slug {
                            let yaml = report.dir.join("indicators.yaml");
                            let path = spreadsheet::find(&yaml).unwrap_or(yaml);
                            let shown = self.shown(&path);
                            let at = positions
                                .entry(report.slug.as_str())
                                .or_insert_with(|| {
                                    self.read_text(&path, &shown)
                                        .map(|src| {
                                            yaml::nested_positions(&src, 0, "values", "value")
                                        })
                                        .unwrap_or_default()
                                })
                                .get(m.at.indicator)
                                .and_then(|v| v.get(m.at.value).copied().flatten());
                            warnings.entry(ind.id.clone()).or_default().push(
                                Diagnostic::warning(shown, at, msg!("history-conflict",
                                    en: "indicator `{id}`: {period} is {value} here but {prev} in report `{other}`; this report's value is used",
                                    vi: "chỉ tiêu `{id}`: {period} ở đây là {value} nhưng ở báo cáo `{other}` là {prev}; dùng giá trị của báo cáo này",
                                    id = ind.id, period = m.period, value = m.value, prev = prev.value, other = prev_report
                                ))
                                .with_hint(msg!("history-conflict", en: "correct one of the two, or explain the revision in the indicator's note", vi: "sửa một trong hai, hoặc giải thích việc điều chỉnh trong ghi chú (note) của chỉ tiêu")),
                            );
                        }
                    }
                    merged.insert(key, (m, &report.slug));
                }
            }
        }
        let histories = by_id
            .into_iter()
            .map(|(id, m)| {
                let entries = m
                    .into_values()
                    .map(|(m, report)| HistoryEntry {
                        period: m.period,
                        value: m.value,
                        source: m.source.clone(),
                        report: report.to_string(),
                        estimate: m.estimate,
                        proxy: m.proxy.is_some(),
                    })
                    .collect();
                (id.to_string(), entries)
            })
            .collect();
        (histories, warnings)
    }

    fn config(&mut self) -> Option<SiteConfig> {
        let path = self.root.join("site.yaml");
        if !path.is_file() {
            if let Some(wrong) = traps::misnamed_in(self.root, "site.yaml") {
                let d = traps::misnamed(self.shown(&wrong), &traps::file_name(&wrong), "site.yaml");
                self.diags.push(d);
                return None;
            }
            self.diags.push(
                Diagnostic::error(self.shown(&path), None, msg!("missing-file", en: "site.yaml is missing", vi: "thiếu tệp site.yaml")).with_hint(
                    msg!("missing-file", en: "every site needs content/site.yaml with at least `title` and `base_url`", vi: "mỗi trang cần tệp content/site.yaml có ít nhất `title` và `base_url`"),
                ),
            );
            return None;
        }
        // Languages are needed to read localized text, so read them first.
        let pre: Vec<String> = vec!["vi".to_string()];
        let (raw, doc) = self.parse::<RawSite>(&path, &pre)?;
        let Some(raw) = raw else {
            self.diags.push(
                Diagnostic::error(doc.shown, None, msg!("empty-file", en: "site.yaml is empty", vi: "tệp site.yaml trống"))
                    .with_hint(msg!("empty-file", en: "it needs at least `title` and `base_url`", vi: "cần ít nhất `title` và `base_url`")),
            );
            return None;
        };
        let languages = raw
            .languages
            .clone()
            .unwrap_or_else(|| vec!["vi".to_string()]);
        let doc = Doc {
            langs: &languages,
            ..doc
        };
        let mut d = Diagnostics::new();
        if languages.is_empty() {
            d.push(
                doc.err("languages", msg!("no-languages", en: "`languages` is empty", vi: "`languages` trống"))
                    .with_hint(msg!("no-languages", en: "list at least one language, e.g. [vi]", vi: "liệt kê ít nhất một ngôn ngữ, ví dụ [vi]")),
            );
        }
        for (i, l) in languages.iter().enumerate() {
            if l.len() < 2 || l.len() > 8 || !l.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
            {
                d.push(
                    doc.err(
                        &format!("languages.{i}"),
                        msg!("invalid-language", en: "`{l}` is not a language code", vi: "`{l}` không phải là mã ngôn ngữ"),
                    )
                    .with_hint(msg!("invalid-language", en: "use codes such as vi, en", vi: "dùng mã như vi, en")),
                );
            }
            if languages[..i].contains(l) {
                d.push(doc.err(
                    &format!("languages.{i}"),
                    msg!("duplicate-language", en: "language `{l}` is listed twice", vi: "ngôn ngữ `{l}` được liệt kê hai lần"),
                ));
            }
            if i > 0 && site_rules::clashes_with_site_folder(l) {
                d.push(
                    doc.err(
                        &format!("languages.{i}"),
                        msg!("language-clashes-folder", en: "language code `{l}` is the name of one of the site's own folders; its pages would overwrite that folder's", vi: "mã ngôn ngữ `{l}` trùng tên một thư mục của trang; các trang của ngôn ngữ này sẽ ghi đè thư mục đó"),
                    )
                    .with_hint({
                        let taken = site_rules::SITE_FOLDERS.join(", ");
                        msg!("language-clashes-folder", en: "use a language code (such as en, fr); these names are taken: {taken}", vi: "dùng một mã ngôn ngữ (như en, fr); các tên sau đã được dùng: {taken}")
                    }),
                );
            }
        }
        if d.has_errors() {
            self.diags.extend(d);
            return None;
        }
        let title = doc.text(&raw.title, "title", &mut d);
        let publisher = raw
            .publisher
            .as_ref()
            .map(|p| doc.text(p, "publisher", &mut d));
        let base_url = normalize_base_url(&raw.base_url);
        if let Some(problem) = site_rules::base_url_problem(&base_url) {
            d.push(
                doc.err(
                    "base_url",
                    {
                        let (en, vi) = (problem.get(Lang::En), problem.get(Lang::Vi));
                        msg!("invalid-base-url", en: "`{}` is not a site address: {en}", vi: "`{}` không phải là địa chỉ trang web: {vi}", raw.base_url)
                    },
                )
                .with_hint(msg!("invalid-base-url", en: "write the full address, e.g. https://example.org/transparency/", vi: "viết đầy đủ địa chỉ, ví dụ https://example.org/minh-bach/")),
            );
        }
        let license = raw.license.as_ref().map(|l| {
            if let Some(u) = &l.url {
                check_url(&doc, u, "license.url", &mut d);
            }
            License {
                id: l.id.trim().to_string(),
                title: l
                    .title
                    .as_ref()
                    .map(|t| doc.text(t, "license.title", &mut d))
                    .unwrap_or_else(|| Text::new(&languages[0], l.id.trim())),
                url: l.url.clone(),
            }
        });
        let theme = raw.theme.clone().unwrap_or_else(|| "default".to_string());
        if theme != "default" {
            if !is_slug(&theme) {
                d.push(doc.err(
                    "theme",
                    msg!("invalid-theme", en: "theme name `{theme}` is not a valid folder name", vi: "tên giao diện `{theme}` không phải là tên thư mục hợp lệ"),
                ));
            } else if !self
                .root
                .parent()
                .unwrap_or(self.root)
                .join("themes")
                .join(&theme)
                .is_dir()
            {
                d.push(
                    doc.err(
                        "theme",
                        msg!("unknown-theme", en: "theme `{theme}` not found: no folder themes/{theme}/", vi: "không tìm thấy giao diện `{theme}`: không có thư mục themes/{theme}/"),
                    )
                    .with_hint(
                        msg!("unknown-theme", en: "use `default` (built in), or create themes/<name>/ beside content/", vi: "dùng `default` (có sẵn), hoặc tạo themes/<tên>/ bên cạnh content/"),
                    ),
                );
            }
        }
        self.diags.extend(d);
        Some(SiteConfig {
            title,
            base_url,
            languages,
            publisher,
            theme,
            content_dir: self.root.to_path_buf(),
            license,
        })
    }

    fn agencies(&mut self, langs: &[String]) -> Vec<Agency> {
        let path = self.root.join("agencies.yaml");
        if !path.exists() {
            return Vec::new();
        }
        let Some((raw, doc)) = self.parse::<Vec<RawAgency>>(&path, langs) else {
            return Vec::new();
        };
        let raw = raw.unwrap_or_default();
        let mut d = Diagnostics::new();
        let mut out = Vec::new();
        for (i, a) in raw.iter().enumerate() {
            doc.slug(
                &a.id,
                &format!("{i}.id"),
                ["agency id", "mã cơ quan"],
                &mut d,
            );
            out.push(Agency {
                id: a.id.clone(),
                name: doc.text(&a.name, &format!("{i}.name"), &mut d),
                short: a.short.as_ref().map(|s| s.trim().to_string()),
                aliases: a.aliases.iter().map(|s| s.trim().to_string()).collect(),
            });
        }
        doc.duplicates(
            &raw.iter()
                .enumerate()
                .map(|(i, a)| (a.id.clone(), format!("{i}.id")))
                .collect::<Vec<_>>(),
            ["agency id", "mã cơ quan"],
            &mut d,
        );
        // A name that two agencies claim would resolve arbitrarily: refuse it.
        let mut owner: HashMap<String, (usize, String)> = HashMap::new();
        for (i, a) in out.iter().enumerate() {
            for name in agency_names(a) {
                let key = AgencyLookup::key(&name);
                match owner.get(&key) {
                    Some((j, _)) if *j != i && out[*j].id != a.id => d.push(
                        doc.err(
                            &format!("{i}"),
                            msg!("agency-name-shared",
                                en: "agency name `{name}` is also used by agency `{}`",
                                vi: "tên cơ quan `{name}` cũng được cơ quan `{}` dùng",
                                out[*j].id
                            ),
                        )
                        .with_hint(msg!("agency-name-shared", en: "each name, short name and alias must point to one agency", vi: "mỗi tên, tên ngắn và tên khác (alias) chỉ trỏ tới một cơ quan")),
                    ),
                    Some(_) => {}
                    None => {
                        owner.insert(key, (i, name));
                    }
                }
            }
        }
        self.diags.extend(d);
        out
    }

    fn report(&mut self, dir: &Path, langs: &[String], lookup: &AgencyLookup) -> Option<Report> {
        let slug = dir.file_name()?.to_string_lossy().to_string();
        let shown_dir = self.shown(dir);
        match files::check_inside_in(dir, &self.resolved, &shown_dir) {
            Ok(real) => self.resolved.add(dir, real),
            Err(d) => {
                self.diags.push(d);
                return None;
            }
        }
        if !is_slug(&slug) {
            self.diags.push(
                Diagnostic::error(
                    &shown_dir,
                    None,
                    msg!("invalid-slug", en: "report folder `{slug}` is not a valid slug", vi: "tên thư mục báo cáo `{slug}` không hợp lệ"),
                )
                .with_hint(msg!("invalid-slug",
                    en: "rename it to `{}` (lowercase letters a-z, digits and `-`)",
                    vi: "đổi tên thành `{}` (chữ thường a-z không dấu, chữ số và `-`)",
                    slugify(&slug)
                )),
            );
            return None;
        }
        let report_path = dir.join("report.yaml");
        if !report_path.is_file() {
            if let Some(wrong) = traps::misnamed_in(dir, "report.yaml") {
                let d =
                    traps::misnamed(self.shown(&wrong), &traps::file_name(&wrong), "report.yaml");
                self.diags.push(d);
                return None;
            }
            self.diags.push(Diagnostic::error(self.shown(&report_path), None, msg!("missing-file", en: "report.yaml is missing", vi: "thiếu tệp report.yaml"))
                .with_hint(msg!("missing-file", en: "every report folder needs a report.yaml with title, period, document and groups", vi: "mỗi thư mục báo cáo cần tệp report.yaml có title, period, document và groups")));
            return None;
        }
        let (raw, doc) = self.parse::<RawReport>(&report_path, langs)?;
        let Some(raw) = raw else {
            self.diags.push(
                Diagnostic::error(doc.shown, None, msg!("empty-file", en: "report.yaml is empty", vi: "tệp report.yaml trống"))
                    .with_hint(msg!("empty-file", en: "it needs at least `title`, `period`, `document` and `groups`", vi: "cần ít nhất `title`, `period`, `document` và `groups`")),
            );
            return None;
        };
        let mut d = Diagnostics::new();
        if raw.sample {
            let folder = shown_dir.display();
            d.push(
                doc.warn(
                    "sample",
                    msg!("sample-report",
                        en: "report `{slug}` is a sample (`sample: true`, as `minhbach init` and `minhbach new report` write it): its figures are made up, and its pages say so",
                        vi: "báo cáo `{slug}` là báo cáo mẫu (`sample: true`, do `minhbach init` hoặc `minhbach new report` tạo): số liệu là giả định, và các trang của nó ghi rõ như vậy"),
                )
                .with_hint(msg!("sample-report",
                    en: "before publishing, delete the folder {folder} (or write your own report in it and remove the line `sample: true`)",
                    vi: "trước khi công bố, xoá thư mục {folder} (hoặc viết báo cáo thật vào đó và xoá dòng `sample: true`)")),
            );
        }
        let title = doc.text(&raw.title, "title", &mut d);
        let period = doc.period(&raw.period, "period", &mut d);
        let baseline_period = raw
            .baseline_period
            .as_ref()
            .and_then(|p| doc.period(p, "baseline_period", &mut d));
        let document = Document {
            number: raw.document.number.trim().to_string(),
            date: doc
                .date(&raw.document.date, "document.date", &mut d)
                .unwrap_or(Date {
                    year: 1970,
                    month: 1,
                    day: 1,
                }),
            issuer: raw
                .document
                .issuer
                .as_ref()
                .map(|t| doc.text(t, "document.issuer", &mut d)),
            url: raw.document.url.clone(),
            file: raw
                .document
                .file
                .as_ref()
                .and_then(|f| provenance::attachment(&doc, dir, f, "document.file", &mut d)),
        };
        let when = |raw: &Option<RawPeriod>, at: &str, d: &mut Diagnostics| {
            raw.as_ref().and_then(|x| doc.date(x, at, d))
        };
        let as_of = when(&raw.as_of, "as_of", &mut d).unwrap_or(document.date);
        let published = when(&raw.published, "published", &mut d);
        let updated = when(&raw.updated, "updated", &mut d);
        if let Some(u) = &document.url {
            check_url(&doc, u, "document.url", &mut d);
        }
        let mut references = Vec::new();
        for (i, r) in raw.references.iter().enumerate() {
            doc.slug(
                &r.id,
                &format!("references.{i}.id"),
                ["reference id", "mã tài liệu dẫn"],
                &mut d,
            );
            if let Some(u) = &r.url {
                check_url(&doc, u, &format!("references.{i}.url"), &mut d);
            }
            references.push(Reference {
                id: r.id.clone(),
                title: doc.text(&r.title, &format!("references.{i}.title"), &mut d),
                date: r
                    .date
                    .as_ref()
                    .and_then(|x| doc.date(x, &format!("references.{i}.date"), &mut d)),
                url: r.url.clone(),
            });
        }
        doc.duplicates(
            &raw.references
                .iter()
                .enumerate()
                .map(|(i, r)| (r.id.clone(), format!("references.{i}.id")))
                .collect::<Vec<_>>(),
            ["reference id", "mã tài liệu dẫn"],
            &mut d,
        );
        if raw.groups.is_empty() {
            d.push(doc.err("groups", msg!("no-groups", en: "a report needs at least one target group", vi: "báo cáo cần ít nhất một nhóm mục tiêu")));
        }
        let mut groups = Vec::new();
        for (i, g) in raw.groups.iter().enumerate() {
            doc.slug(
                &g.id,
                &format!("groups.{i}.id"),
                ["group id", "mã nhóm"],
                &mut d,
            );
            groups.push(Group {
                id: g.id.clone(),
                name: doc.text(&g.name, &format!("groups.{i}.name"), &mut d),
                description: g
                    .description
                    .as_ref()
                    .map(|t| doc.text(t, &format!("groups.{i}.description"), &mut d)),
            });
        }
        doc.duplicates(
            &raw.groups
                .iter()
                .enumerate()
                .map(|(i, g)| (g.id.clone(), format!("groups.{i}.id")))
                .collect::<Vec<_>>(),
            ["group id", "mã nhóm"],
            &mut d,
        );
        self.diags.extend(d);
        let period = period?;

        let group_ids: Vec<&str> = groups.iter().map(|g| g.id.as_str()).collect();
        let scope = ReportScope {
            groups: &group_ids,
            references: &references,
            period,
            as_of,
            lookup,
        };
        let indicators = self.indicators(&dir.join("indicators.yaml"), langs, &scope);
        let projects = self.projects(&dir.join("projects.yaml"), langs, &scope);
        let datasets = self.datasets(&dir.join("datasets"), langs, &scope);
        // One listing of the folder serves both the check and the sections.
        let listing = files::list_dir(dir);
        if let Ok(entries) = &listing {
            let mut known = vec![
                "report.yaml",
                "indicators.yaml",
                "indicators.xlsx",
                "indicators.ods",
                "indicators.csv",
                "projects.yaml",
                "datasets",
            ];
            // The attached source document is read too.
            known.extend(document.file.as_ref().map(|f| f.name.as_str()));
            self.unexpected_entries(dir, entries, &known, Some(".md"));
        }
        let sections = sections::load_sections(self, dir, listing, langs, &group_ids);
        Some(Report {
            slug,
            dir: dir.to_path_buf(),
            title,
            period,
            baseline_period,
            as_of,
            published,
            updated,
            document,
            references,
            groups,
            indicators,
            projects,
            datasets,
            sections,
            sample: raw.sample,
            area: raw.area.as_deref().map(|a| a.trim().to_string()),
        })
    }

    /// A file the loader does not read is reported: `indicators.yml` silently
    /// ignored would drop every target of a report.
    fn unexpected_files(&mut self, dir: &Path, known: &[&str], extension: Option<&str>) {
        if let Ok(entries) = files::list_dir(dir) {
            self.unexpected_entries(dir, &entries, known, extension);
        }
    }

    /// [`Self::unexpected_files`] given the `entries` of `dir`.
    fn unexpected_entries(
        &mut self,
        dir: &Path,
        entries: &[PathBuf],
        known: &[&str],
        extension: Option<&str>,
    ) {
        for path in entries {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            if known.contains(&name.as_str()) || extension.is_some_and(|e| name.ends_with(e)) {
                continue;
            }
            let shown = self.shown(path);
            // `indicators.yaml.txt`: saved by an editor that added `.txt`.
            if let Some(meant) = traps::meant_name(&name, known).filter(|m| !dir.join(m).exists()) {
                self.diags.push(traps::misnamed(shown, &name, meant));
                continue;
            }
            if let Some(stem) = name.strip_suffix(".yml") {
                let fixed = format!("{stem}.yaml");
                if known.contains(&fixed.as_str()) && dir.join(&fixed).exists() {
                    self.diags.push(
                        Diagnostic::error(
                            shown,
                            None,
                            msg!("yml-and-yaml", en: "both `{name}` and `{fixed}` are here; only {fixed} is read", vi: "có cả `{name}` và `{fixed}`; chỉ {fixed} được đọc"),
                        )
                        .with_hint(msg!("yml-and-yaml",
                            en: "merge what {name} holds into {fixed}, then delete {name}",
                            vi: "gộp nội dung của {name} vào {fixed}, rồi xoá {name}"
                        )),
                    );
                    continue;
                }
                if known.contains(&fixed.as_str()) {
                    self.diags.push(
                        Diagnostic::error(
                            shown,
                            None,
                            msg!("yml-not-read", en: "`{name}` is not read: the file must be named `{fixed}`", vi: "`{name}` không được đọc: tệp phải tên là `{fixed}`"),
                        )
                        .with_hint(msg!("yml-not-read", en: "rename it to {fixed}", vi: "đổi tên thành {fixed}")),
                    );
                    continue;
                }
            }
            self.diags.push(
                Diagnostic::warning(shown, None, msg!("file-ignored", en: "file ignored: minhbach does not read it", vi: "bỏ qua tệp: minhbach không đọc tệp này"))
                    .with_hint({
                        let known = known.join(", ");
                        let (more_en, more_vi) = extension
                            .map(|e| (format!(" and *{e} files"), format!(" và các tệp *{e}")))
                            .unwrap_or_default();
                        msg!("file-ignored",
                            en: "expected here: {known}{more_en}; start the name with `_` to keep a file here silently",
                            vi: "ở đây chỉ đọc: {known}{more_vi}; đặt tên bắt đầu bằng `_` để giữ tệp mà không bị cảnh báo")
                    }),
            );
        }
    }

    fn indicators(&mut self, path: &Path, langs: &[String], scope: &ReportScope) -> Vec<Indicator> {
        // Indicators may be kept in a spreadsheet instead (spreadsheet.rs).
        let parsed = match spreadsheet::find(path) {
            Some(sheet) => self.indicators_sheet(path, &sheet, langs),
            None if !path.exists() => return Vec::new(),
            None => self.parse::<Vec<RawIndicator>>(path, langs),
        };
        let Some((raw, doc)) = parsed else {
            return Vec::new();
        };
        let raw = raw.unwrap_or_default();
        let mut d = Diagnostics::new();
        let mut out = Vec::new();
        for (i, r) in raw.iter().enumerate() {
            let at = |f: &str| format!("{i}.{f}");
            doc.slug(&r.id, &at("id"), ["indicator id", "mã chỉ tiêu"], &mut d);
            let code = r.code.as_deref().map(str::trim);
            if let Some(c) = code {
                doc.slug(c, &at("code"), ["shared code", "mã dùng chung"], &mut d);
            }
            scope.check_group(&doc, &r.group, &at("group"), &mut d);
            let name = doc.text(&r.name, &at("name"), &mut d);
            let unit = parse_unit(r.unit.as_deref().unwrap_or("count"));
            if r.decimals.is_some_and(|x| !(0..=6).contains(&x)) {
                d.push(doc.err(&at("decimals"), msg!("invalid-decimals", en: "`decimals` must be between 0 and 6", vi: "`decimals` phải từ 0 đến 6")));
            }
            let target = r
                .target
                .as_ref()
                .and_then(|t| self_target(&doc, t, &at("target"), scope, &mut d));
            let mut values = Vec::new();
            let mut typed = Vec::new();
            for (j, v) in r.values.iter().enumerate() {
                let vat = format!("{i}.values.{j}");
                let period = doc.period(&v.period, &format!("{vat}.period"), &mut d);
                let value = doc.typed_number(&v.value, &format!("{vat}.value"), &mut d);
                let source = v
                    .source
                    .as_ref()
                    .map(|s| doc.source(s, &format!("{vat}.source"), scope.references, &mut d));
                let proxy = provenance::proxy(&doc, v, &vat, &mut d);
                if let (Some(period), Some(value)) = (period, value) {
                    typed.push((format!("{vat}.value"), value));
                    values.push((
                        j,
                        Measurement {
                            period,
                            value,
                            source,
                            estimate: v.estimate,
                            proxy,
                            at: ValueAt {
                                indicator: i,
                                value: j,
                            },
                        },
                    ));
                }
            }
            let target_value = match &target {
                Some(Target::Numeric { value, .. }) => Some(*value),
                _ => None,
            };
            doc.unit_checks(unit.kind, &typed, target_value, &mut d);
            values.sort_by_key(|(_, m)| (m.period.end(), m.period.start()));
            for w in values.windows(2) {
                if w[0].1.period == w[1].1.period {
                    d.push(
                        doc.err(
                            &format!("{i}.values.{}.period", w[1].0),
                            msg!("duplicate-period", en: "period `{}` has two values", vi: "kỳ `{}` có hai giá trị", w[1].1.period),
                        )
                        .with_hint(msg!("duplicate-period", en: "the other is item {} of `values`", vi: "giá trị kia là mục thứ {} của `values`", w[0].0 + 1)),
                    );
                }
            }
            let values: Vec<Measurement> = values.into_iter().map(|(_, m)| m).collect();
            let lead = match &r.lead {
                Some(Some(n)) => Some(scope.lookup.resolve(&doc, n, || at("lead"), &mut d)),
                Some(None) => None,
                None => {
                    d.push(
                        doc.warn(&at("id"), msg!("missing-lead",
                            en: "indicator `{}` has no `lead`",
                            vi: "chỉ tiêu `{}` chưa có cơ quan chủ trì (`lead`)",
                            r.id))
                            .with_hint(msg!("missing-lead",
                                en: "name the agency in charge (chủ trì): `lead: Sở TTTT`; if the plan names none, write `lead: ~`",
                                vi: "ghi cơ quan chủ trì: `lead: Sở TTTT`; nếu kế hoạch không nêu cơ quan nào, ghi `lead: ~`")),
                    );
                    None
                }
            };
            let partners = scope
                .lookup
                .rejoin(&doc, &r.partners.0, |j| format!("{i}.partners.{j}"), &mut d)
                .into_iter()
                .map(|(j, n)| {
                    scope
                        .lookup
                        .resolve(&doc, &n, || format!("{i}.partners.{j}"), &mut d)
                })
                .collect();
            let rules = StatusRules {
                report_period: scope.period,
                as_of: scope.as_of,
            };
            let status = compute_status(&values, target.as_ref(), &rules);
            out.push(Indicator {
                id: r.id.clone(),
                group: crate::helpers::text::normalize(&r.group),
                name,
                unit,
                decimals: r
                    .decimals
                    .and_then(|d| u8::try_from(d).ok())
                    .filter(|d| *d <= 6),
                target,
                values,
                lead,
                partners,
                note: r.note.as_ref().map(|t| doc.text(t, &at("note"), &mut d)),
                better: r.better.map(|b| match b {
                    RawBetter::Higher => Better::Higher,
                    RawBetter::Lower => Better::Lower,
                }),
                status,
                code: code.map(str::to_string),
            });
        }
        doc.duplicates(
            &raw.iter()
                .enumerate()
                .map(|(i, r)| (r.id.clone(), format!("{i}.id")))
                .collect::<Vec<_>>(),
            ["indicator id", "mã chỉ tiêu"],
            &mut d,
        );
        self.diags.extend(d);
        out
    }

    fn projects(&mut self, path: &Path, langs: &[String], scope: &ReportScope) -> Vec<Project> {
        if !path.exists() {
            return Vec::new();
        }
        let Some((raw, doc)) = self.parse::<Vec<RawProject>>(path, langs) else {
            return Vec::new();
        };
        let mut d = Diagnostics::new();
        let mut out = Vec::new();
        for (i, r) in raw.unwrap_or_default().iter().enumerate() {
            let at = |f: &str| format!("{i}.{f}");
            if let Some(g) = &r.group {
                scope.check_group(&doc, g, &at("group"), &mut d);
            }
            let names = |list: &RawNames, key: &str, d: &mut Diagnostics| -> Vec<AgencyRef> {
                scope
                    .lookup
                    .rejoin(&doc, &list.0, |j| format!("{i}.{key}.{j}"), d)
                    .into_iter()
                    .map(|(j, n)| {
                        // Only a warning needs the place: find it then.
                        let p = || {
                            if list.0.len() == 1
                                && doc.spans().exact(&format!("{i}.{key}.0")).is_none()
                            {
                                at(key)
                            } else {
                                format!("{i}.{key}.{j}")
                            }
                        };
                        scope.lookup.resolve(&doc, &n, p, d)
                    })
                    .collect()
            };
            out.push(Project {
                name: doc.text(&r.name, &at("name"), &mut d),
                category: r
                    .category
                    .as_ref()
                    .map(|t| doc.text(t, &at("category"), &mut d)),
                group: r.group.as_deref().map(crate::helpers::text::normalize),
                lead: match &r.lead {
                    Some(lead) => names(lead, "lead", &mut d),
                    None => {
                        d.push(
                            doc.warn(&at("name"), msg!("missing-lead",
                                en: "this project has no `lead`",
                                vi: "dự án này chưa có cơ quan chủ trì (`lead`)"))
                                .with_hint(msg!("missing-lead",
                                en: "name the agency in charge (chủ trì): `lead: Sở TTTT`; if the plan names none, write `lead: ~`",
                                vi: "ghi cơ quan chủ trì: `lead: Sở TTTT`; nếu kế hoạch không nêu cơ quan nào, ghi `lead: ~`")),
                        );
                        Vec::new()
                    }
                },
                partners: names(&r.partners, "partners", &mut d),
                timeframe: r
                    .timeframe
                    .as_ref()
                    .map(|t| doc.text(t, &at("timeframe"), &mut d)),
                due: r.due.as_ref().and_then(|x| doc.date(x, &at("due"), &mut d)),
                status: r.status,
                source: r
                    .source
                    .as_ref()
                    .map(|s| doc.source(s, &at("source"), scope.references, &mut d)),
            });
        }
        self.diags.extend(d);
        out
    }

    fn datasets(&mut self, dir: &Path, langs: &[String], scope: &ReportScope) -> Vec<Dataset> {
        if !dir.is_dir() {
            return Vec::new();
        }
        let entries = match files::list_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                self.diags.push(files::io_error(&self.shown(dir), &e));
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        let mut seen_ids: HashMap<String, String> = Default::default();
        for path in entries {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let sheet = spreadsheet::stem(&name);
            let Some(id) = name
                .strip_suffix(".yaml")
                .or_else(|| name.strip_suffix(".yml"))
                .or(sheet)
            else {
                self.diags.push(Diagnostic::warning(
                    self.shown(&path),
                    None,
                    msg!("file-ignored", en: "file ignored: datasets/ holds .yaml files and spreadsheets (.xlsx, .ods, .csv)", vi: "bỏ qua tệp: datasets/ chỉ chứa các tệp .yaml và bảng tính (.xlsx, .ods, .csv)"),
                ));
                continue;
            };
            // A spreadsheet beside `<id>.yaml` holds that dataset's rows.
            let yaml = ["yaml", "yml"].map(|e| dir.join(format!("{id}.{e}")));
            if sheet.is_some() && yaml.iter().any(|y| y.is_file()) {
                continue;
            }
            if !is_slug(id) {
                self.diags.push(
                    Diagnostic::error(
                        self.shown(&path),
                        None,
                        msg!("invalid-slug", en: "dataset file name `{id}` is not a valid id", vi: "tên tệp bảng số liệu `{id}` không hợp lệ"),
                    )
                    .with_hint(msg!("invalid-slug", en: "rename it to `{}.yaml`", vi: "đổi tên thành `{}.yaml`", slugify(id))),
                );
                continue;
            }
            // `x.yaml` and `x.yml` would both be the page datasets/x/.
            if let Some(first) = seen_ids.insert(id.to_string(), name.clone()) {
                self.diags.push(
                    Diagnostic::error(
                        self.shown(&path),
                        None,
                        msg!("duplicate-dataset", en: "dataset `{id}` is defined twice: in {first} and in {name}", vi: "bảng dữ liệu `{id}` được khai báo hai lần: trong {first} và trong {name}"),
                    )
                    .with_hint(msg!("duplicate-dataset", en: "keep one of the two files, or rename one (the file name is the dataset's id)", vi: "giữ một trong hai tệp, hoặc đổi tên một tệp (tên tệp là mã của bảng)")),
                );
                continue;
            }
            let parsed = match sheet {
                Some(_) => self.dataset_sheet(&path, None, langs),
                None => match spreadsheet::find_beside(&path) {
                    Some(rows) => {
                        let parsed = self.parse::<RawDataset>(&path, langs);
                        parsed.and_then(|yaml| self.dataset_sheet(&rows, Some(yaml), langs))
                    }
                    None => self.parse::<RawDataset>(&path, langs),
                },
            };
            let Some((raw, doc)) = parsed else {
                continue;
            };
            let Some(raw) = raw else {
                self.diags.push(
                    Diagnostic::error(doc.shown, None, msg!("empty-file", en: "dataset file is empty", vi: "tệp bảng số liệu trống"))
                        .with_hint(msg!("empty-file", en: "it needs `title`, `columns` and `rows`", vi: "cần có `title`, `columns` và `rows`")),
                );
                continue;
            };
            let mut d = Diagnostics::new();
            let mut columns = Vec::new();
            for (i, c) in raw.columns.iter().enumerate() {
                doc.slug(
                    &c.id,
                    &format!("columns.{i}.id"),
                    ["column id", "mã cột"],
                    &mut d,
                );
                columns.push(Column {
                    id: c.id.clone(),
                    name: doc.text(&c.name, &format!("columns.{i}.name"), &mut d),
                    unit: c.unit.as_deref().map(parse_unit),
                });
            }
            if columns.is_empty() {
                d.push(doc.err("columns", msg!("no-columns", en: "a dataset needs at least one column", vi: "bảng số liệu cần ít nhất một cột")));
            }
            doc.duplicates(
                &raw.columns
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (c.id.clone(), format!("columns.{i}.id")))
                    .collect::<Vec<_>>(),
                ["column id", "mã cột"],
                &mut d,
            );
            let ids: Vec<&str> = columns.iter().map(|c| c.id.as_str()).collect();
            if raw.rows.is_none() {
                d.push(doc.err("", msg!("missing-field", en: "missing field `rows`", vi: "thiếu trường `rows`")).with_hint(msg!("missing-field",
                    en: "add `rows:`, or keep the rows in {id}.xlsx or {id}.csv beside this file",
                    vi: "thêm `rows:`, hoặc để các dòng trong tệp {id}.xlsx hoặc {id}.csv bên cạnh tệp này"
                )));
            }
            // A column holds numbers when it has a unit or a number in any row.
            let numeric: Vec<bool> = columns
                .iter()
                .map(|c| {
                    c.unit.is_some()
                        || raw
                            .rows
                            .iter()
                            .flatten()
                            .any(|r| matches!(r.get(&c.id), Some(RawCell::Number(_))))
                })
                .collect();
            let mut rows = Vec::new();
            for (i, row) in raw.rows.iter().flatten().enumerate() {
                for key in row.keys() {
                    if !ids.contains(&key.as_str()) {
                        let mut e = doc.err(
                            &format!("rows.{i}.{key}"),
                            msg!("unknown-column", en: "unknown column `{key}`", vi: "cột `{key}` không có trong `columns`"),
                        );
                        // `{ value: 56,6 }`: a decimal comma made `6` a column.
                        let split = e
                            .source_line
                            .as_deref()
                            .and_then(|l| traps::split_decimal(l, key));
                        e = match (split, did_you_mean(key, ids.iter().copied())) {
                            (Some((typed, fixed)), _) => e.with_hint(msg!("number-format",
                                en: "inside {{ }} a comma separates fields, so `{typed}` reads as two: write `{fixed}`",
                                vi: "trong {{ }} dấu phẩy ngăn cách các trường, nên `{typed}` bị đọc thành hai: hãy viết `{fixed}`")),
                            (None, Some(b)) => e.with_hint(msg!("did-you-mean", en: "did you mean `{b}`?", vi: "có phải là `{b}`?")),
                            (None, None) => e.with_hint(msg!("unknown-column", en: "columns: {}", vi: "các cột: {}", ids.join(", "))),
                        };
                        d.push(e);
                    }
                }
                let cells = columns
                    .iter()
                    .enumerate()
                    .map(|(k, c)| match row.get(&c.id) {
                        None | Some(RawCell::Null) => Cell::Empty,
                        Some(RawCell::Number(v)) => doc
                            .checked_number(*v, &format!("rows.{i}.{}", c.id), &mut d)
                            .map_or(Cell::Empty, Cell::Number),
                        // `56,6` or `2.266.097` in a column of numbers: a number
                        // typed the Vietnamese way, not text.
                        Some(RawCell::Text(RawText::Plain(t)))
                            if numeric[k] && !number::readings(t).is_empty() =>
                        {
                            let (m, h) = number::explain(t.trim(), &number::readings(t));
                            d.push(doc.err(&format!("rows.{i}.{}", c.id), m).with_hint(h));
                            Cell::Empty
                        }
                        Some(RawCell::Text(t)) => {
                            Cell::Text(doc.text(t, &format!("rows.{i}.{}", c.id), &mut d))
                        }
                    })
                    .collect();
                rows.push(cells);
            }
            // A count with a fraction, a percentage kept as a fraction (number.rs).
            for (k, c) in columns.iter().enumerate() {
                if let Some(unit) = &c.unit {
                    let figures: Vec<(String, f64)> = rows
                        .iter()
                        .enumerate()
                        .filter_map(|(i, r): (usize, &Vec<Cell>)| match r[k] {
                            Cell::Number(v) => Some((format!("rows.{i}.{}", c.id), v)),
                            _ => None,
                        })
                        .collect();
                    doc.unit_checks(unit.kind, &figures, None, &mut d);
                }
            }
            let chart = raw.chart.as_ref().and_then(|c| {
                let kind = match c.kind {
                    RawChartType::Bar => ChartType::Bar,
                    RawChartType::Line => ChartType::Line,
                    RawChartType::None => {
                        return Some(DatasetChart {
                            kind: ChartType::None,
                            x: String::new(),
                            y: Vec::new(),
                        })
                    }
                };
                let mut ok = true;
                let x = c.x.clone().unwrap_or_default();
                if c.x.is_none() {
                    d.push(
                        doc.err(
                            "chart",
                            msg!("chart-needs-x", en: "chart needs `x`: the column that names the bars or points", vi: "biểu đồ cần `x`: cột ghi tên các cột hoặc điểm"),
                        )
                        .with_hint(msg!("chart-needs-x", en: "columns: {}", vi: "các cột: {}", ids.join(", "))),
                    );
                    ok = false;
                } else if !ids.contains(&x.as_str()) {
                    d.push(
                        doc.err(
                            "chart.x",
                            msg!("chart-unknown-column", en: "chart `x` must name a column; `{x}` is not one", vi: "`x` của biểu đồ phải là tên một cột; `{x}` không phải"),
                        )
                        .with_hint(msg!("chart-unknown-column", en: "columns: {}", vi: "các cột: {}", ids.join(", "))),
                    );
                    ok = false;
                }
                let y = c.y.clone().unwrap_or_default().0;
                if y.is_empty() {
                    d.push(doc.err(
                        "chart",
                        msg!("chart-needs-y", en: "chart needs `y`: the column (or list of columns) to draw", vi: "biểu đồ cần `y`: cột (hoặc danh sách cột) cần vẽ"),
                    ));
                    ok = false;
                }
                for (j, col) in y.iter().enumerate() {
                    if !ids.contains(&col.as_str()) {
                        let at = if doc.spans().exact("chart.y.0").is_some() {
                            format!("chart.y.{j}")
                        } else {
                            "chart.y".into()
                        };
                        d.push(
                            doc.err(
                                &at,
                                msg!("chart-unknown-column", en: "chart `y` must name columns; `{col}` is not one", vi: "`y` của biểu đồ phải là tên các cột; `{col}` không phải"),
                            )
                            .with_hint(msg!("chart-unknown-column", en: "columns: {}", vi: "các cột: {}", ids.join(", "))),
                        );
                        ok = false;
                    } else if rows.iter().any(|r: &Vec<Cell>| {
                        matches!(
                            r[ids.iter().position(|x| x == col).unwrap_or(0)],
                            Cell::Text(_)
                        )
                    }) {
                        d.push(doc.err(
                            "chart.y",
                            msg!("chart-text-column", en: "column `{col}` holds text; a chart draws numbers", vi: "cột `{col}` chứa chữ; biểu đồ chỉ vẽ số"),
                        ));
                        ok = false;
                    }
                }
                ok.then_some(DatasetChart { kind, x, y })
            });
            out.push(Dataset {
                id: id.to_string(),
                title: doc.text(&raw.title, "title", &mut d),
                description: raw
                    .description
                    .as_ref()
                    .map(|t| doc.text(t, "description", &mut d)),
                source: raw
                    .source
                    .as_ref()
                    .map(|s| doc.source(s, "source", scope.references, &mut d)),
                columns,
                rows,
                chart,
            });
            self.diags.extend(d);
        }
        out
    }
}

fn self_target(
    doc: &Doc,
    t: &RawTarget,
    at: &str,
    scope: &ReportScope,
    d: &mut Diagnostics,
) -> Option<Target> {
    match t {
        RawTarget::Number(v) => doc.checked_number(*v, at, d).map(|value| Target::Numeric {
            value,
            op: Op::Ge,
            by: scope.period,
            source: None,
        }),
        RawTarget::Text(t) => doc.text_target(t, at, d).and_then(|(op, value)| {
            Some(Target::Numeric {
                value,
                op: parse_op(op)?,
                by: scope.period,
                source: None,
            })
        }),
        RawTarget::Full(m) => {
            let by = match &m.by {
                Some(p) => doc.period(p, &format!("{at}.by"), d),
                None => Some(scope.period),
            };
            let source = m
                .source
                .as_ref()
                .map(|s| doc.source(s, &format!("{at}.source"), scope.references, d));
            match (&m.value, &m.text) {
                (Some(_), Some(_)) => {
                    d.push(doc.err(at, msg!("target-value-and-text", en: "a target has either `value` (a number) or `text` (a commitment without a number), not both", vi: "mục tiêu chỉ có `value` (một số) hoặc `text` (cam kết không có số), không có cả hai")));
                    None
                }
                (None, None) => {
                    d.push(
                        doc.err(at, msg!("target-empty", en: "a target needs `value` (a number) or `text`", vi: "mục tiêu cần `value` (một số) hoặc `text`"))
                            .with_hint(msg!("target-empty", en: "e.g. target: {{ value: 50, op: \">=\" }}", vi: "ví dụ target: {{ value: 50, op: \">=\" }}")),
                    );
                    None
                }
                (None, Some(text)) => {
                    if m.op.is_some() {
                        d.push(doc.err(
                            &format!("{at}.op"),
                            msg!("target-text-op", en: "`op` applies to a numeric `value`; a text target has none", vi: "`op` chỉ dùng với `value` là số; mục tiêu dạng chữ không có `op`"),
                        ));
                    }
                    Some(Target::Text {
                        text: doc.text(text, &format!("{at}.text"), d),
                        by: m.by.as_ref().and(by),
                        source,
                    })
                }
                (Some(v), None) => {
                    let op = match m.op.as_deref().map(str::trim) {
                        None => Some(Op::Ge),
                        Some(known) if parse_op(known).is_some() => parse_op(known),
                        Some(other) => {
                            d.push(
                                doc.err(
                                    &format!("{at}.op"),
                                    msg!("unknown-op", en: "unknown comparison `{other}`", vi: "phép so sánh `{other}` không hợp lệ"),
                                )
                                .with_hint(msg!("unknown-op", en: "use one of >=, >, <=, <, = (quote it: op: \">=\")", vi: "dùng một trong >=, >, <=, <, = (đặt trong ngoặc kép: op: \">=\")")),
                            );
                            None
                        }
                    };
                    let value = doc.typed_number(v, &format!("{at}.value"), d);
                    Some(Target::Numeric {
                        value: value?,
                        op: op?,
                        by: by?,
                        source,
                    })
                }
            }
        }
    }
}

/// A comparison as written in `op:`.
fn parse_op(op: &str) -> Option<Op> {
    match op {
        ">=" | "≥" => Some(Op::Ge),
        ">" => Some(Op::Gt),
        "<=" | "≤" => Some(Op::Le),
        "<" => Some(Op::Lt),
        "=" | "==" => Some(Op::Eq),
        _ => None,
    }
}

fn parse_unit(raw: &str) -> UnitSpec {
    let raw = raw.trim();
    let kind = match raw {
        "percent" | "%" => Unit::Percent,
        "count" | "" => Unit::Count,
        "per-100" => Unit::Per100,
        _ if raw.starts_with("currency:") => Unit::Currency,
        _ => Unit::Other,
    };
    UnitSpec {
        kind,
        raw: raw.to_string(),
    }
}

fn normalize_base_url(url: &str) -> String {
    let mut u = url.trim().to_string();
    if !u.ends_with('/') {
        u.push('/');
    }
    u
}

/// What checks inside one report need to know about it.
struct ReportScope<'a> {
    groups: &'a [&'a str],
    references: &'a [Reference],
    period: Period,
    as_of: Date,
    lookup: &'a AgencyLookup,
}

impl ReportScope<'_> {
    fn check_group(&self, doc: &Doc, id: &str, at: &str, d: &mut Diagnostics) {
        if self.groups.contains(&id) {
            return;
        }
        let id = &crate::helpers::text::normalize(id);
        if self.groups.contains(&id.as_str()) {
            return;
        }
        let mut e = doc.err(at, msg!("unknown-group", en: "group `{id}` is not defined in report.yaml", vi: "nhóm `{id}` chưa được khai báo trong report.yaml"));
        e = match did_you_mean(id, self.groups.iter().copied()) {
            Some(best) => e.with_hint(msg!("did-you-mean",
                en: "did you mean `{best}`? defined groups: {}",
                vi: "có phải là `{best}`? các nhóm đã khai báo: {}",
                self.groups.join(", ")
            )),
            None if self.groups.is_empty() => e.with_hint(msg!("unknown-group", en: "report.yaml defines no groups yet", vi: "report.yaml chưa khai báo nhóm nào")),
            None => e.with_hint(msg!("unknown-group", en: "defined groups: {}", vi: "các nhóm đã khai báo: {}", self.groups.join(", "))),
        };
        d.push(e);
    }
}

fn agency_names(a: &Agency) -> Vec<String> {
    let mut names = vec![a.id.clone()];
    names.extend(a.name.translations.values().cloned());
    names.extend(a.short.iter().cloned());
    names.extend(a.aliases.iter().cloned());
    names
}

/// Resolves an agency as written (id, name in any language, short name or
/// alias; case-insensitive, spaces folded) to its id.
pub struct AgencyLookup {
    by_name: HashMap<String, String>,
    names: Vec<String>,
    /// Do not warn about unknown names (agencies.yaml itself has errors).
    pub quiet: bool,
}

impl AgencyLookup {
    pub fn new(agencies: &[Agency]) -> AgencyLookup {
        let mut by_name = HashMap::new();
        let mut names = Vec::new();
        for a in agencies {
            for n in agency_names(a) {
                by_name.entry(Self::key(&n)).or_insert_with(|| a.id.clone());
                names.push(n);
            }
        }
        AgencyLookup {
            by_name,
            names,
            quiet: false,
        }
    }

    /// Names are compared as people see them: NFC, no invisible
    /// characters, spaces folded, any case (crate::text).
    fn key(name: &str) -> String {
        crate::helpers::text::match_key(name)
    }

    pub fn get(&self, written: &str) -> Option<&str> {
        self.by_name.get(&Self::key(written)).map(String::as_str)
    }

    /// `at` gives the path of the name in `doc`, for the warning about an
    /// unknown one.
    fn resolve(
        &self,
        doc: &Doc,
        written: &str,
        at: impl FnOnce() -> String,
        d: &mut Diagnostics,
    ) -> AgencyRef {
        // Shown as typed but in NFC: the same letters, whatever the keyboard.
        let written = crate::helpers::text::normalize(written);
        let id = self.get(&written).map(str::to_string);
        if id.is_none() && !self.quiet {
            let mut w = doc.warn(&at(), msg!("unknown-agency", en: "agency `{written}` is not in agencies.yaml", vi: "cơ quan `{written}` không có trong agencies.yaml"));
            let key = Self::key(&written);
            let one_letter = self
                .names
                .iter()
                .find(|n| strsim::levenshtein(&Self::key(n), &key) <= 1)
                .map(String::as_str);
            w = match one_letter
                .or_else(|| did_you_mean(&written, self.names.iter().map(String::as_str)))
            {
                Some(best) => w.with_hint(msg!("did-you-mean",
                    en: "did you mean `{best}`? or add it to agencies.yaml as a name or alias",
                    vi: "có phải là `{best}`? hoặc thêm nó vào agencies.yaml làm tên hoặc tên khác (alias)"
                )),
                None => w.with_hint(
                    msg!("unknown-agency", en: "add it to agencies.yaml (as a name, short name or alias) so its page links it", vi: "thêm nó vào agencies.yaml (làm tên, tên ngắn hoặc alias) để trang của cơ quan liên kết tới"),
                ),
            };
            d.push(w);
        }
        AgencyRef { written, id }
    }
}

/// Position helper for the sections module.
fn pos(line: usize, col: usize) -> Pos {
    Pos::new(line, col)
}

#[cfg(test)]
mod cache_tests {
    use super::*;
    use std::sync::Arc;

    /// What a file watcher's paths say about which reports to read again.
    #[test]
    fn changed_paths_name_report_folders() {
        let content = Path::new("/site/content");
        let names = |paths: &[&str]| {
            let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
            report_folders(content, &paths).map(|n| {
                let mut v: Vec<String> = n.iter().map(|s| s.to_string_lossy().into()).collect();
                v.sort();
                v
            })
        };
        assert_eq!(
            names(&[
                "/site/content/reports/a/ket-qua.md",
                "/site/content/reports/b",
                "/site/content/reports/a/datasets/x.yaml",
            ]),
            Some(vec!["a".to_string(), "b".to_string()])
        );
        // Files read on every load anyway.
        assert_eq!(names(&["/site/content/site.yaml"]), Some(vec![]));
        // The reports folder itself, a theme file, a path not recognised:
        // every report is looked at.
        assert_eq!(names(&["/site/content/reports"]), None);
        assert_eq!(names(&["/site/themes/mine/templates/base.html"]), None);
        assert_eq!(names(&["content/reports/a/x.md"]), None);
        assert_eq!(names(&[]), Some(vec![]));
    }

    fn copy(from: &Path, to: &Path) {
        for e in walkdir::WalkDir::new(from) {
            let e = e.unwrap();
            let target = to.join(e.path().strip_prefix(from).unwrap());
            if e.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(e.path(), &target).unwrap();
                let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
                let f = std::fs::File::options().write(true).open(&target).unwrap();
                f.set_modified(old).unwrap();
            }
        }
    }

    #[test]
    fn unchanged_reports_are_reused_and_changed_ones_read_again() {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join("content");
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal/content");
        copy(&fixture, &content);
        copy(
            &fixture.join("reports/demo-2024"),
            &content.join("reports/demo-copy"),
        );
        let mut cache = LoadCache::default();
        let (first, _) = load_site_cached(&content, &mut cache);
        let first = first.unwrap();
        let (again, _) = load_site_cached(&content, &mut cache);
        let again = again.unwrap();
        for (a, b) in first.reports.iter().zip(&again.reports) {
            assert!(Arc::ptr_eq(a, b), "{} was read again", a.slug);
        }
        // One file of one report changes (same length: the time tells).
        let md = content.join("reports/demo-copy/han-che.md");
        let text = std::fs::read_to_string(&md).unwrap();
        std::fs::write(&md, text.replace("thiếu", "thiêu")).unwrap();
        let (edited, _) = load_site_cached(&content, &mut cache);
        let edited = edited.unwrap();
        for (a, b) in first.reports.iter().zip(&edited.reports) {
            assert_eq!(Arc::ptr_eq(a, b), a.slug != "demo-copy", "{}", a.slug);
        }
        assert_ne!(first.reports, edited.reports);
        // A file put back with an old time (as `cp -p` or rsync do) is seen too.
        let age = |p: &Path, secs: u64| {
            let f = std::fs::File::options().write(true).open(p).unwrap();
            f.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(secs))
                .unwrap();
        };
        age(&md, 2700);
        let (settled, _) = load_site_cached(&content, &mut cache);
        let (settled_again, _) = load_site_cached(&content, &mut cache);
        let copy = |s: &Site| {
            s.reports
                .iter()
                .find(|r| r.slug == "demo-copy")
                .unwrap()
                .clone()
        };
        let (settled, settled_again) = (settled.unwrap(), settled_again.unwrap());
        assert!(Arc::ptr_eq(&copy(&settled), &copy(&settled_again)));
        std::fs::write(&md, &text).unwrap();
        age(&md, 1800);
        let (restored, _) = load_site_cached(&content, &mut cache);
        let restored = restored.unwrap();
        assert!(!Arc::ptr_eq(&copy(&settled), &copy(&restored)));
        assert_eq!(copy(&restored), copy(&first));
        // The languages or agencies changing makes every report be read again.
        let agencies = content.join("agencies.yaml");
        let text = std::fs::read_to_string(&agencies).unwrap();
        std::fs::write(&agencies, text.replace("Sở TTTT", "Sở TT-TT")).unwrap();
        let (renamed, _) = load_site_cached(&content, &mut cache);
        for (a, b) in edited.reports.iter().zip(&renamed.unwrap().reports) {
            assert!(!Arc::ptr_eq(a, b), "{}", a.slug);
        }
    }
}
