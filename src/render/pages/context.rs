//! The Tera side: the context every page starts from (paths, alternates,
//! translations, license, provenance) and [`Lang::emit`], which renders a
//! template into the output.

use super::*;

impl Lang<'_> {
    pub(super) fn tr<'k>(&'k self, key: &'k str) -> &'k str {
        self.t.get(key).map(String::as_str).unwrap_or(key)
    }

    pub(super) fn text(&self, t: &Text) -> String {
        t.in_lang(self.code).to_string()
    }

    /// `key_one` for one thing when the theme has it ("1 indicator"), else `key`.
    pub(super) fn plural<'k>(&'k self, key: &'k str, n: usize) -> &'k str {
        if n == 1 {
            if let Some(one) = self.t.get(&format!("{key}_one")) {
                return one;
            }
        }
        self.tr(key)
    }

    /// Links from a page at `rel_dir` (inside this language) to the language root and the output root.
    pub(super) fn roots(&self, rel_dir: &str) -> (String, String) {
        let depth = format!("{}{}", self.prefix, rel_dir).matches('/').count();
        let asset_root = "../".repeat(depth);
        let root = format!("{asset_root}{}", self.prefix);
        (
            if root.is_empty() {
                "./".to_string()
            } else {
                root
            },
            asset_root,
        )
    }

    /// The same page in every language: `href` from this page (whose path to
    /// the output root is `up`), `url` absolute for hreflang.
    pub(super) fn alternates(&self, rel_dir: &str, up: &str) -> Vec<Alternate> {
        let default = self.reads.config().default_language();
        self.reads
            .config()
            .languages
            .iter()
            .map(|l| {
                let prefix = if l == default {
                    String::new()
                } else {
                    format!("{l}/")
                };
                let href = format!("{up}{prefix}{rel_dir}");
                Alternate {
                    lang: l.clone(),
                    name: self
                        .theme
                        .i18n
                        .get(l)
                        .and_then(|m| m.get("language_name"))
                        .cloned()
                        .unwrap_or_else(|| l.clone()),
                    href: if href.is_empty() { "./".into() } else { href },
                    url: format!("{}{prefix}{rel_dir}", self.reads.config().base_url),
                }
            })
            .collect()
    }

    pub(super) fn context(
        &self,
        rel_dir: &str,
        title: &str,
        description: &str,
        crumbs: Vec<Crumb>,
        fallback: bool,
    ) -> Context {
        let (root, asset_root) = self.roots(rel_dir);
        let base = &self.reads.config().base_url;
        let alternates = self.alternates(rel_dir, &asset_root);
        let mut ctx = Context::new();
        ctx.insert("lang", self.code);
        ctx.insert_value("t", self.t_value.clone());
        ctx.insert("site_title", &self.text(&self.reads.config().title));
        ctx.insert(
            "publisher",
            &self.reads.config().publisher.as_ref().map(|p| self.text(p)),
        );
        ctx.insert("root", &root);
        ctx.insert("asset_root", &asset_root);
        ctx.insert("page_title", title);
        ctx.insert("description", description);
        ctx.insert("canonical", &format!("{base}{}{rel_dir}", self.prefix));
        ctx.insert("alternates", &alternates);
        ctx.insert("crumbs", &crumbs);
        ctx.insert("fallback", &fallback);
        ctx.insert("has_agencies", &!self.reads.agencies().is_empty());
        ctx.insert("license", &self.license_view());
        // A report's pages carry its provenance: the folder says which report.
        let report = rel_dir
            .strip_prefix("reports/")
            .and_then(|r| r.split('/').next())
            .and_then(|slug| self.reads.frame(slug));
        ctx.insert(
            "provenance",
            &report.map(|r| self.provenance_view(r, &asset_root)),
        );
        // Pages outside a report: the latest update of any report.
        ctx.insert(
            "site_updated",
            &report
                .is_none()
                .then(|| self.reads.last_updated())
                .flatten()
                .map(|d| format::date(d, self.style)),
        );
        // The pages of `init`'s sample report say that its figures are made
        // up. (The report found above by its slug: looking through every
        // report for each of a national portal's pages cost 1 % of a build.)
        let sample = report.is_some_and(|r| r.sample);
        ctx.insert("sample", &sample);
        ctx
    }

    /// The site's data licence for the footer: its title and address.
    pub(super) fn license_view(&self) -> Option<serde_json::Value> {
        self.reads
            .config()
            .license
            .as_ref()
            .map(|l| serde_json::json!({ "id": l.id, "title": self.text(&l.title), "url": l.url }))
    }

    /// Where a report's figures come from, when, and how to cite them: the
    /// source document (address, attached file with size and SHA-256), the
    /// publication, update and as-of dates, a citation line.
    pub(super) fn provenance_view(&self, r: &Report, asset_root: &str) -> serde_json::Value {
        let st = self.style;
        let d = &r.document;
        let file = d.file.as_ref().map(|f| {
            serde_json::json!({
                "href": format!("{asset_root}{}", paths::source_file(&r.slug, &f.name)),
                "name": f.name,
                "size": format!("{} KB", format::number(f.size as f64 / 1024.0, Some(1), st)),
                "sha256": f.sha256,
            })
        });
        let date = |x: Option<Date>| x.map(|x| format::date(x, st));
        let url = format!(
            "{}{}{}",
            self.reads.config().base_url,
            self.prefix,
            paths::report_dir(&r.slug)
        );
        let cite = fill(
            self.tr("how_to_cite_text"),
            &[
                (
                    "publisher",
                    &self
                        .reads
                        .config()
                        .publisher
                        .as_ref()
                        .map(|p| self.text(p))
                        .unwrap_or_else(|| self.text(&self.reads.config().title)),
                ),
                (
                    "year",
                    &r.published.map_or(d.date.year, |p| p.year).to_string(),
                ),
                ("title", &self.text(&r.title)),
                ("number", &d.number),
                ("url", &url),
                ("as_of", &format::date(r.as_of, st)),
            ],
        );
        serde_json::json!({
            "document": format!("{} {} · {} {}", self.tr("document_number"), d.number, self.tr("issued"), format::date(d.date, st)),
            "url": d.url,
            "file": file,
            "published": date(r.published),
            "updated": date(r.updated),
            "as_of": format::date(r.as_of, st),
            "cite": cite,
        })
    }

    pub(super) fn emit(
        &self,
        template: &str,
        ctx: &Context,
        rel_path: &str,
        out: &mut Output,
        diags: &mut Diagnostics,
    ) {
        // Rendered into the unit's scratch buffer (no growing from empty, no
        // UTF-8 check of what Tera wrote from UTF-8), kept at its exact size.
        let mut buf = self.scratch.borrow_mut();
        buf.clear();
        match self.tera.render_to(template, ctx, &mut *buf) {
            Ok(()) => out.add(format!("{}{rel_path}", self.prefix), buf.as_slice()),
            Err(e) => self.template_error(&e, diags),
        }
    }

    /// A template's error, at its place in the theme's file.
    pub(super) fn template_error(&self, e: &tera::Error, diags: &mut Diagnostics) {
        let origins = self
            .theme
            .templates
            .iter()
            .map(|t| (t.name.as_str(), &t.origin))
            .collect();
        let sources = self
            .theme
            .templates
            .iter()
            .map(|t| (t.name.as_str(), t.source.as_str()))
            .collect();
        for d in crate::render::template_errors(e, &origins, &sources) {
            diags.push(d);
        }
    }

    pub(super) fn home_crumb(&self, root: &str) -> Crumb {
        Crumb {
            label: self.tr("home").to_string(),
            href: Some(root.to_string()),
        }
    }

    /// The context of a page of the whole site (not of a report) titled by `label_key`.
    pub(super) fn site_page(&self, dir: &str, label_key: &str) -> Context {
        let (root, _) = self.roots(dir);
        let label = self.tr(label_key).to_string();
        let crumbs = vec![self.home_crumb(&root), Crumb::here(label.clone())];
        self.context(dir, &label, &label, crumbs, false)
    }

    pub(super) fn report_crumbs(
        &self,
        report: &Report,
        root: &str,
        rest: Vec<Crumb>,
    ) -> Vec<Crumb> {
        let mut c = vec![
            self.home_crumb(root),
            Crumb {
                label: self.text(&report.title),
                href: Some(format!("{root}{}", paths::report_dir(&report.slug))),
            },
        ];
        c.extend(rest);
        c
    }
}
