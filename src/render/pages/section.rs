//! Markdown sections of a report and the shortcodes in them.

use super::*;
use crate::model::Shortcode;

/// The version of a section in `lang`, or the default one (and `true`: a fallback).
pub(super) fn section_text<'s>(
    s: &'s Section,
    lang: &str,
    default: &str,
) -> (&'s SectionText, bool) {
    match s.texts.get(lang) {
        Some(t) => (t, false),
        None => (&s.texts[default], lang != default),
    }
}

impl Lang<'_> {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn section(
        &self,
        report: &Report,
        s: &Section,
        index: usize,
        links: &[(String, String)],
        charts: &BTreeMap<&str, String>,
        out: &mut Output,
        diags: &mut Diagnostics,
    ) {
        let default = self.reads.config().default_language();
        let (text, fallback) = section_text(s, self.code, default);
        let dir = paths::section_dir(&report.slug, &s.slug);
        let (root, _) = self.roots(&dir);
        let prefix = format!("fn-{}", s.slug);
        // The shortcodes' templates share one context: the words, then each call's values.
        let mut words: Option<Context> = None;
        let mut expand = |i: usize, _: &markdown::Shortcode| match text.shortcodes.get(i) {
            Some(Some(sc)) => {
                let ctx = words.get_or_insert_with(|| {
                    let mut c = Context::new();
                    c.insert("t", self.t_value);
                    c
                });
                self.shortcode(report, sc, charts, &root, ctx, diags)
            }
            // Its error was given while loading.
            _ => markdown::Expanded::Inline(String::new()),
        };
        let body = text.markdown.text();
        let (rendered, errors) = markdown::render(&body, &prefix, &mut expand);
        // Each language version reports its own errors; the default one also
        // covers translations that fall back to it, so report it only once.
        if !fallback {
            for e in errors {
                let line = text.body_line + e.line - 1;
                let mut d = if e.warning {
                    Diagnostic::warning(&text.path, Some(Pos::new(line, e.col)), e.message)
                } else {
                    Diagnostic::error(&text.path, Some(Pos::new(line, e.col)), e.message)
                };
                d.source_line = body.lines().nth(e.line - 1).map(str::to_string);
                if let Some(h) = e.hint {
                    d = d.with_hint(h);
                }
                diags.push(d);
            }
        }
        for (url, line) in &rendered.links {
            out.links.push(crate::render::links::EditorLink {
                page: format!("{}{}", self.prefix, paths::index_page(&dir)),
                url: url.clone(),
                source: text.path.clone(),
                line: text.body_line + line - 1,
                version: (self.code != default)
                    .then(|| format!("{} page", self.tr("language_name"))),
            });
        }
        let group = s.group.as_ref().and_then(|g| report.group(g)).map(|g| {
            serde_json::json!({ "name": self.text(&g.name), "href": format!("{root}{}", paths::group_dir(&report.slug, &g.id)) })
        });
        let crumbs = self.report_crumbs(report, &root, vec![Crumb::here(text.title.clone())]);
        let toc: Vec<&Heading> = rendered.headings.iter().filter(|h| h.level == 2).collect();
        let mut ctx = self.context(&dir, &text.title, &text.title, crumbs, fallback);
        ctx.insert(
            "section",
            &serde_json::json!({
                "title": text.title,
                "kind": self.tr(&format!("kind_{}", s.kind.as_str())),
                "source": s.source.as_deref().map(|x| self.locator_str(x)),
                "group": group,
                "toc": toc,
                "html": rendered.html,
            }),
        );
        let link = |i: usize| {
            links
                .get(i)
                .map(|(slug, t)| serde_json::json!({ "href": format!("../{slug}/"), "title": t }))
        };
        ctx.insert("prev", &index.checked_sub(1).and_then(link));
        ctx.insert("next", &link(index + 1));
        ctx.insert(
            "report_href",
            &format!("{root}{}", paths::report_dir(&report.slug)),
        );
        self.emit("section.html", &ctx, &paths::index_page(&dir), out, diags);
    }

    /// Expand a data shortcode in prose into trusted HTML through its
    /// template (`shortcodes/<name>.html`); what it names was checked while loading.
    pub(super) fn shortcode(
        &self,
        report: &Report,
        sc: &Shortcode,
        charts: &BTreeMap<&str, String>,
        root: &str,
        ctx: &mut Context,
        diags: &mut Diagnostics,
    ) -> markdown::Expanded {
        let nothing = || markdown::Expanded::Inline(String::new());
        // A drawn chart is a figure (the template's `chart.svg`).
        let mut figure = false;
        let template = match &sc.kind {
            ShortcodeKind::Value { indicator } => {
                let Some(ind) = report.indicator(indicator) else {
                    return nothing();
                };
                let value = ind.latest().map(|m| {
                    serde_json::json!({ "number": m.value.to_string(), "text": self.measurement_text(ind, m) })
                });
                ctx.insert("value", &value);
                "shortcodes/value.html"
            }
            ShortcodeKind::Target { indicator } => {
                let Some(ind) = report.indicator(indicator) else {
                    return nothing();
                };
                ctx.insert("target", &self.target_text(ind));
                "shortcodes/target.html"
            }
            ShortcodeKind::Status { indicator } => {
                let Some(ind) = report.indicator(indicator) else {
                    return nothing();
                };
                ctx.insert("status", &self.status_value(ind.status.kind));
                "shortcodes/status.html"
            }
            ShortcodeKind::Chart { group } => {
                let Some(g) = report.group(group) else {
                    return nothing();
                };
                let svg = charts.get(group.as_str());
                figure = svg.is_some();
                ctx.insert(
                    "chart",
                    &serde_json::json!({
                        "svg": svg,
                        "href": format!("{root}{}", paths::group_dir(&report.slug, &g.id)),
                        "group": self.text(&g.name),
                        "unmeasured": svg.is_none().then(|| self.unmeasured(report, g)).flatten(),
                    }),
                );
                "shortcodes/chart.html"
            }
        };
        match self.tera.render(template, ctx) {
            Ok(html) if figure => markdown::Expanded::Figure(html),
            Ok(html) => markdown::Expanded::Inline(html),
            Err(e) => {
                self.template_error(&e, diags);
                nothing()
            }
        }
    }
}
