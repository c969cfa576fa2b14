//! One parsed YAML file and the checks every field goes through (texts,
//! periods, dates, ids, sources, duplicates), each pointing at its line.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::path::PathBuf;

use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics, Pos};
use crate::model::*;
use crate::yaml::Spans;

use super::raw::*;
use super::{is_slug, slugify, spreadsheet, traps};

/// One parsed YAML file: its text, positions and where it lives, so that checks
/// after parsing can still point at a line.
pub(super) struct Doc<'a> {
    pub(super) shown: PathBuf,
    pub(super) src: String,
    /// Built from `src` on first use: most files never need a position.
    pub(super) spans: OnceCell<Spans>,
    pub(super) langs: &'a [String],
    /// Numbers typed in a form that reads two ways, by path (see number.rs).
    pub(super) typed: OnceCell<HashMap<String, (Pos, String)>>,
    /// For a spreadsheet: the cell each path came from (see spreadsheet/cells.rs).
    pub(super) cells: Option<spreadsheet::Cells>,
}

impl Doc<'_> {
    pub(super) fn spans(&self) -> &Spans {
        self.spans.get_or_init(|| Spans::of(&self.src, 0))
    }

    pub(super) fn err(&self, at: &str, message: crate::diagnostics::Msg) -> Diagnostic {
        if let Some(d) = self
            .cells
            .as_ref()
            .and_then(|c| c.diagnostic(at, false, message.clone()))
        {
            return d;
        }
        Diagnostic::error(&self.shown, Some(self.spans().at(at)), message).with_source(&self.src)
    }

    pub(super) fn warn(&self, at: &str, message: crate::diagnostics::Msg) -> Diagnostic {
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
    pub(super) fn text(&self, raw: &RawText, at: &str, diags: &mut Diagnostics) -> Text {
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
                let translations: Translations = map
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
                    let default = translations.values().next().cloned().unwrap_or_default();
                    return Text {
                        default,
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

    pub(super) fn period(
        &self,
        raw: &RawPeriod,
        at: &str,
        diags: &mut Diagnostics,
    ) -> Option<Period> {
        Period::parse(&raw.0)
            .map_err(|m| diags.push(self.err(at, m)))
            .ok()
    }

    pub(super) fn date(&self, raw: &RawPeriod, at: &str, diags: &mut Diagnostics) -> Option<Date> {
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
    pub(super) fn slug(&self, s: &str, at: &str, what: [&str; 2], diags: &mut Diagnostics) {
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

    pub(super) fn number(&self, v: f64, at: &str, diags: &mut Diagnostics) -> bool {
        if v.is_finite() {
            return true;
        }
        diags.push(self.err(
            at,
            msg!("not-finite", en: "number must be finite (NaN and infinity are not values)", vi: "số phải hữu hạn (NaN và vô cực không phải là giá trị)"),
        ));
        false
    }

    pub(super) fn source(
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
    pub(super) fn duplicates(
        &self,
        ids: &[(String, String)],
        what: [&str; 2],
        diags: &mut Diagnostics,
    ) {
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
pub(super) fn check_url(doc: &Doc, url: &str, at: &str, diags: &mut Diagnostics) {
    if !crate::helpers::url::is_safe_url(url) {
        diags.push(
            doc.err(at, msg!("unsafe-url", en: "URL `{url}` uses a scheme that is not allowed", vi: "địa chỉ `{url}` dùng giao thức không được phép"))
                .with_hint(msg!("unsafe-url", en: "use an http:// or https:// address", vi: "dùng địa chỉ http:// hoặc https://")),
        );
    }
}
