//! Home pages (the list of reports, split into pages), the search page and 404.

use super::*;

impl Lang<'_> {
    /// Page `page` (from 0) of the home page: the site's reports, newest first.
    pub(super) fn index(&self, page: usize, out: &mut Output, diags: &mut Diagnostics) {
        #[derive(Serialize)]
        struct ReportItem {
            href: String,
            title: String,
            document_line: String,
            counts: CountsView,
        }
        let (window, pages) = self.reads.home_page(page);
        let dir = home_page_dir(page);
        let (root, _) = self.roots(&dir);
        let site_title = self.text(&self.reads.config().title);
        let (title, crumbs) = if page == 0 {
            (site_title.clone(), Vec::new())
        } else {
            let label = format!("{} {}/{pages}", self.tr("page"), page + 1);
            (
                format!("{}: {label}", self.tr("reports")),
                vec![self.home_crumb(&root), Crumb::here(label)],
            )
        };
        let mut ctx = self.context(&dir, &title, &site_title, crumbs, false);
        // The first page's links stay as they always were (`reports/…`).
        let cards_root = if page == 0 { "" } else { root.as_str() };
        let reports: Vec<ReportItem> = window
            .iter()
            .map(|r| ReportItem {
                href: format!("{cards_root}{}", paths::report_dir(&r.slug)),
                title: self.text(&r.title),
                document_line: self.document_line(r),
                counts: self.counts_view(
                    &r.counts(),
                    r.as_of,
                    Some(&format!("{cards_root}{}", paths::indicators_dir(&r.slug))),
                    None,
                ),
            })
            .collect();
        ctx.insert("reports", &reports);
        ctx.insert(
            "pagination",
            &Pagination::of(page, pages, |p| format!("{root}{}", home_page_dir(p))),
        );
        self.emit("index.html", &ctx, &paths::index_page(&dir), out, diags);
    }

    pub(super) fn not_found(&self, out: &mut Output, diags: &mut Diagnostics) {
        // A 404 page is served at any address, so its links start from the site's path.
        let mut ctx = self.context(
            "",
            self.tr("not_found_title"),
            self.tr("not_found_text"),
            Vec::new(),
            false,
        );
        let base_path = crate::helpers::url::base_path(&self.reads.config().base_url);
        ctx.insert("root", &format!("{base_path}{}", self.prefix));
        ctx.insert("asset_root", &base_path);
        let alternates = self.alternates("", &base_path);
        ctx.insert("alternates", &alternates);
        self.emit("404.html", &ctx, paths::NOT_FOUND_PAGE, out, diags);
    }

    pub(super) fn search_page(&self, out: &mut Output, diags: &mut Diagnostics) {
        let mut ctx = self.site_page(paths::SEARCH_DIR, "search");
        ctx.insert(
            "reports",
            &crate::render::search::report_links(self.reads.report_list(), self.code),
        );
        // The label of comparisons among the results, on sites that have some.
        ctx.insert("has_compare", &self.reads.has_shared_codes());
        let page = paths::index_page(paths::SEARCH_DIR);
        self.emit("search.html", &ctx, &page, out, diags);
    }
}
