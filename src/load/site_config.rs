//! site.yaml: title, address, languages, licence and theme.

use crate::diagnostics::{Diagnostic, Diagnostics, Lang};
use crate::model::*;

use super::doc::{check_url, Doc};
use super::raw::*;
use super::{is_slug, site_rules, traps, Loader};

impl Loader<'_> {
    /// site.yaml's settings, and the boundary sets it lists (read and checked).
    pub(super) fn config(&mut self) -> Option<(SiteConfig, Vec<BoundarySet>)> {
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
        let chart_png = chart_png(&raw, &doc, &mut d);
        let boundaries = self.boundaries(&raw.boundaries, &doc, &mut d);
        self.diags.extend(d);
        Some((
            SiteConfig {
                title,
                base_url,
                languages,
                publisher,
                theme,
                content_dir: self.root.to_path_buf(),
                license,
                chart_png,
            },
            boundaries,
        ))
    }
}

/// `charts: { png: … }`: which charts are drawn as PNG images.
fn chart_png(raw: &RawSite, doc: &Doc, d: &mut Diagnostics) -> ChartPng {
    if let Some(written) = raw.charts.as_ref().and_then(|c| c.word.as_deref()) {
        let word = written.trim().to_lowercase();
        let words = ChartPng::CHOICES.map(|(w, _)| w);
        let best = words
            .iter()
            .find(|w| **w == word)
            .copied()
            .or_else(|| crate::diagnostics::did_you_mean(&word, words))
            .unwrap_or("reports");
        d.push(
            doc.err(
                "charts",
                msg!("invalid-chart-png", en: "`charts` holds settings, not the word `{written}`", vi: "`charts` chứa các thiết lập, không phải từ `{written}`"),
            )
            .with_hint(msg!("invalid-chart-png",
                en: "write `charts: {{ png: {best} }}`; the choices of `png` are {} (which charts also get a PNG image)",
                vi: "ghi `charts: {{ png: {best} }}`; các lựa chọn của `png` là {} (biểu đồ nào có thêm ảnh PNG)",
                words.join(", "))),
        );
        return ChartPng::default();
    }
    let Some(written) = raw.charts.as_ref().and_then(|c| c.png.as_deref()) else {
        return ChartPng::default();
    };
    let word = written.trim().to_lowercase();
    if let Some((_, choice)) = ChartPng::CHOICES.iter().find(|(w, _)| *w == word) {
        return *choice;
    }
    let words = ChartPng::CHOICES.map(|(w, _)| w);
    let list = words.join(", ");
    let hint = match crate::diagnostics::did_you_mean(&word, words) {
        Some(best) => msg!("invalid-chart-png",
            en: "write `png: {best}`; the choices are {list} (reports: the group, dataset and projects charts; all: also each indicator's history chart; none: SVG only)",
            vi: "ghi `png: {best}`; các lựa chọn là {list} (reports: biểu đồ nhóm, bảng số liệu và dự án; all: thêm biểu đồ diễn biến của từng chỉ tiêu; none: chỉ SVG)"),
        None => msg!("invalid-chart-png",
            en: "write one of {list} (reports: the group, dataset and projects charts; all: also each indicator's history chart; none: SVG only)",
            vi: "ghi một trong {list} (reports: biểu đồ nhóm, bảng số liệu và dự án; all: thêm biểu đồ diễn biến của từng chỉ tiêu; none: chỉ SVG)"),
    };
    d.push(
        doc.err(
            "charts.png",
            msg!("invalid-chart-png", en: "`{written}` is not a choice of which charts to draw as PNG", vi: "`{written}` không phải là một lựa chọn vẽ biểu đồ thành ảnh PNG"),
        )
        .with_hint(hint),
    );
    ChartPng::default()
}

pub(super) fn normalize_base_url(url: &str) -> String {
    let mut u = url.trim().to_string();
    if !u.ends_with('/') {
        u.push('/');
    }
    u
}
