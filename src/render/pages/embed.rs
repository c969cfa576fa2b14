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

impl Lang<'_> {
    /// The embed of chart `name` of `report`, seen from the page at `from_dir`.
    pub(super) fn embed_view(
        &self,
        report: &Report,
        name: &str,
        title: &str,
        from_dir: &str,
    ) -> EmbedView {
        let dir = paths::embed_dir(&report.slug, name);
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
        let dir = paths::embed_dir(&report.slug, name);
        let (root, _) = self.roots(&dir);
        let mut ctx = self.context(&dir, &chart.heading, &chart.heading, Vec::new(), false);
        ctx.insert("chart", chart);
        ctx.insert("table", &table.or(chart.table.as_ref()));
        ctx.insert("document_line", &self.document_line(report));
        ctx.insert("report_title", &self.text(&report.title));
        ctx.insert("back_href", &format!("{root}{page_dir}"));
        self.emit("embed.html", &ctx, &paths::index_page(&dir), out, diags);
    }
}
