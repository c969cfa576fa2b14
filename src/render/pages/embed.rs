//! A chart's bare page for other sites to show in an `<iframe>`: the chart,
//! its numbers as a table and a source line (site, document, date, licence,
//! a link back), without the site's header, navigation or footer, and kept
//! out of search engines (`noindex`, not in the sitemap).
//!
//! The address is per report (`embed/<report>/<chart>/`,
//! [`paths::embed_dir`]): a report's slug never changes and every report
//! stays published, so an embed keeps working, and keeps showing the same
//! figures, when a newer report comes out. There is deliberately no
//! "latest" embed: an article's chart should not change under its text.

use super::*;

/// The embed of one chart as its page offers it.
#[derive(Serialize, Clone)]
pub(super) struct EmbedView {
    /// The embed page, from the page showing the chart.
    pub(super) href: String,
    /// The `<iframe>` code to copy (as text: escaped by the template).
    pub(super) code: String,
}

/// What an embed page shows ([`Lang::emit_embed`]).
pub(super) struct EmbedPage<'a> {
    /// Its folder.
    pub(super) dir: &'a str,
    pub(super) chart: &'a ChartView,
    /// The numbers (else the chart's own table).
    pub(super) table: Option<&'a TableView>,
    /// Where the figures come from: a report's title.
    pub(super) source_title: &'a str,
    /// Its document (empty: none to name).
    pub(super) source_line: &'a str,
    /// The page showing the chart.
    pub(super) page_dir: &'a str,
}

impl Lang<'_> {
    /// The embed of chart `name` of `report`, seen from the page at `from_dir`.
    pub(super) fn embed_view(
        &self,
        report: &Report,
        name: &str,
        title: &str,
        from_dir: &str,
    ) -> EmbedView {
        self.embed_view_at(&paths::embed_dir(&report.slug, name), title, from_dir)
    }

    /// The embed page at `dir`, seen from the page at `from_dir`.
    pub(super) fn embed_view_at(&self, dir: &str, title: &str, from_dir: &str) -> EmbedView {
        let (root, _) = self.roots(from_dir);
        let url = format!("{}{}{dir}", self.reads.config().base_url, self.prefix);
        EmbedView {
            href: format!("{root}{dir}"),
            code: format!(
                "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"640\" style=\"border:0;max-width:100%\" loading=\"lazy\"></iframe>",
                escape(&url),
                escape(title)
            ),
        }
    }

    /// Writes the embed page of chart `name` of `report`: `chart` as shown
    /// on its page `page_dir`, with `table` (its numbers).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn embed_page(
        &self,
        report: &Report,
        name: &str,
        chart: &ChartView,
        table: Option<&TableView>,
        page_dir: &str,
        out: &mut Output,
        diags: &mut Diagnostics,
    ) {
        let embed = EmbedPage {
            dir: &paths::embed_dir(&report.slug, name),
            chart,
            table,
            source_title: &self.text(&report.title),
            source_line: &self.document_line(report),
            page_dir,
        };
        self.emit_embed(&embed, out, diags);
    }

    /// Writes an embed page: the chart, its table, where it comes from
    /// (`source_title`, then `source_line` in brackets when not empty) and
    /// a link back to the page showing it.
    pub(super) fn emit_embed(&self, e: &EmbedPage, out: &mut Output, diags: &mut Diagnostics) {
        let (root, _) = self.roots(e.dir);
        let heading = &e.chart.heading;
        let mut ctx = self.context(e.dir, heading, heading, Vec::new(), false);
        ctx.insert("chart", e.chart);
        ctx.insert("table", &e.table.or(e.chart.table.as_ref()));
        ctx.insert("document_line", e.source_line);
        ctx.insert("report_title", e.source_title);
        ctx.insert("back_href", &format!("{root}{}", e.page_dir));
        self.emit("embed.html", &ctx, &paths::index_page(e.dir), out, diags);
    }
}
