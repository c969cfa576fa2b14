//! One report folder: report.yaml, then its indicators, projects, datasets
//! and sections.

use std::path::{Path, PathBuf};

use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics, Msg};
use crate::model::*;

use super::agencies::AgencyLookup;
use super::doc::{check_url, Doc};
use super::raw::*;
use super::{files, is_slug, provenance, sections, shortcodes, slugify, traps, Loader};

impl Loader<'_> {
    pub(super) fn report(
        &mut self,
        dir: &Path,
        langs: &[String],
        lookup: &AgencyLookup,
    ) -> Option<Report> {
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
        let document = document(&doc, dir, &raw, &mut d);
        let when = |raw: &Option<RawPeriod>, at: &str, d: &mut Diagnostics| {
            raw.as_ref().and_then(|x| doc.date(x, at, d))
        };
        let as_of = when(&raw.as_of, "as_of", &mut d).unwrap_or(document.date);
        let published = when(&raw.published, "published", &mut d);
        let updated = when(&raw.updated, "updated", &mut d);
        if let Some(u) = &document.url {
            check_url(&doc, u, "document.url", &mut d);
        }
        let references = references(&doc, &raw, &mut d);
        let groups = groups(&doc, &raw, &mut d);
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
        let errors_before = self.diags.error_count();
        let indicators = self.indicators(&dir.join("indicators.yaml"), langs, &scope);
        let indicators_whole = self.diags.error_count() == errors_before;
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
        let indicator_ids: Vec<&str> = indicators.iter().map(|i| i.id.as_str()).collect();
        let names = shortcodes::Names {
            indicators: indicators_whole.then_some(indicator_ids.as_slice()),
            groups: &group_ids,
        };
        let sections = sections::load_sections(self, dir, listing, langs, &names);
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
    pub(super) fn unexpected_files(&mut self, dir: &Path, known: &[&str], extension: Option<&str>) {
        if let Ok(entries) = files::list_dir(dir) {
            self.unexpected_entries(dir, &entries, known, extension);
        }
    }

    /// [`Self::unexpected_files`] given the `entries` of `dir`.
    pub(super) fn unexpected_entries(
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
}

/// What checks inside one report need to know about it.
pub(super) struct ReportScope<'a> {
    pub(super) groups: &'a [&'a str],
    pub(super) references: &'a [Reference],
    pub(super) period: Period,
    pub(super) as_of: Date,
    pub(super) lookup: &'a AgencyLookup,
}

impl ReportScope<'_> {
    pub(super) fn check_group(&self, doc: &Doc, id: &str, at: &str, d: &mut Diagnostics) {
        if self.groups.contains(&id) {
            return;
        }
        let id = &crate::helpers::text::normalize(id);
        if self.groups.contains(&id.as_str()) {
            return;
        }
        let (message, hint) = unknown_group(id, self.groups);
        d.push(doc.err(at, message).with_hint(hint));
    }
}

/// The error for a group id that `groups` (the report's) does not hold, and its hint.
pub(super) fn unknown_group(id: &str, groups: &[&str]) -> (Msg, Msg) {
    let message = msg!("unknown-group", en: "group `{id}` is not defined in report.yaml", vi: "nhóm `{id}` chưa được khai báo trong report.yaml");
    let hint = match did_you_mean(id, groups.iter().copied()) {
        Some(best) => msg!("did-you-mean",
            en: "did you mean `{best}`? defined groups: {}",
            vi: "có phải là `{best}`? các nhóm đã khai báo: {}",
            groups.join(", ")
        ),
        None if groups.is_empty() => {
            msg!("unknown-group", en: "report.yaml defines no groups yet", vi: "report.yaml chưa khai báo nhóm nào")
        }
        None => {
            msg!("unknown-group", en: "defined groups: {}", vi: "các nhóm đã khai báo: {}", groups.join(", "))
        }
    };
    (message, hint)
}

/// The plan the report follows (its number, date, issuer, text).
fn document(doc: &Doc, dir: &Path, raw: &RawReport, d: &mut Diagnostics) -> Document {
    Document {
        number: raw.document.number.trim().to_string(),
        date: doc
            .date(&raw.document.date, "document.date", d)
            .unwrap_or(Date {
                year: 1970,
                month: 1,
                day: 1,
            }),
        issuer: raw
            .document
            .issuer
            .as_ref()
            .map(|t| doc.text(t, "document.issuer", d)),
        url: raw.document.url.clone(),
        file: raw
            .document
            .file
            .as_ref()
            .and_then(|f| provenance::attachment(doc, dir, f, "document.file", d)),
    }
}

/// The documents the report cites (`references:`).
fn references(doc: &Doc, raw: &RawReport, d: &mut Diagnostics) -> Vec<Reference> {
    let mut references = Vec::new();
    for (i, r) in raw.references.iter().enumerate() {
        doc.slug(
            &r.id,
            &format!("references.{i}.id"),
            ["reference id", "mã tài liệu dẫn"],
            d,
        );
        if let Some(u) = &r.url {
            check_url(doc, u, &format!("references.{i}.url"), d);
        }
        references.push(Reference {
            id: r.id.clone(),
            title: doc.text(&r.title, &format!("references.{i}.title"), d),
            date: r
                .date
                .as_ref()
                .and_then(|x| doc.date(x, &format!("references.{i}.date"), d)),
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
        d,
    );
    references
}

/// The report's target groups.
fn groups(doc: &Doc, raw: &RawReport, d: &mut Diagnostics) -> Vec<Group> {
    if raw.groups.is_empty() {
        d.push(doc.err("groups", msg!("no-groups", en: "a report needs at least one target group", vi: "báo cáo cần ít nhất một nhóm mục tiêu")));
    }
    let mut groups = Vec::new();
    for (i, g) in raw.groups.iter().enumerate() {
        doc.slug(&g.id, &format!("groups.{i}.id"), ["group id", "mã nhóm"], d);
        groups.push(Group {
            id: g.id.clone(),
            name: doc.text(&g.name, &format!("groups.{i}.name"), d),
            description: g
                .description
                .as_ref()
                .map(|t| doc.text(t, &format!("groups.{i}.description"), d)),
        });
    }
    doc.duplicates(
        &raw.groups
            .iter()
            .enumerate()
            .map(|(i, g)| (g.id.clone(), format!("groups.{i}.id")))
            .collect::<Vec<_>>(),
        ["group id", "mã nhóm"],
        d,
    );
    groups
}
