//! Files for machines: sitemap.xml, robots.txt and an Atom feed of reports per
//! language. Dates come from the documents, never from the clock, so two
//! builds of the same content are identical.

use super::{escape, Output};
use crate::model::Site;

/// URLs a sitemap file may hold.
const SITEMAP_LIMIT: usize = 50_000;

/// `sitemap.xml`, or an index of numbered sitemaps past the protocol's limit.
/// `urls` are escaped already.
fn sitemaps(base: &str, urls: &[String]) -> Vec<(String, String)> {
    let urlset = |urls: &[String]| {
        const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
        let len = urls.iter().map(|u| u.len() + 22).sum::<usize>();
        let mut s = String::with_capacity(HEAD.len() + len + 12);
        s.push_str(HEAD);
        for u in urls {
            s.push_str("  <url><loc>");
            s.push_str(u);
            s.push_str("</loc></url>\n");
        }
        s.push_str("</urlset>\n");
        s
    };
    if urls.len() <= SITEMAP_LIMIT {
        return vec![("sitemap.xml".into(), urlset(urls))];
    }
    let mut files = Vec::new();
    let mut index = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (n, chunk) in urls.chunks(SITEMAP_LIMIT).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        index.push_str(&format!(
            "  <sitemap><loc>{}</loc></sitemap>\n",
            escape(&format!("{base}{name}"))
        ));
        files.push((name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.push(("sitemap.xml".into(), index));
    files
}

/// The sitemap (one file, or an index and its parts on a large site) of a
/// site at `base` whose output holds `paths`. It depends on nothing else, so
/// a rebuild that keeps every path keeps it too.
pub(super) fn write_sitemap(base: &str, paths: &[&str], out: &mut Output) {
    let mut pages: Vec<&str> = paths
        .iter()
        .copied()
        .filter(|p| p.ends_with("index.html") && !super::paths::is_embed(p))
        .collect();
    // In the order of the files' paths (`a/index.html` after `index.html`).
    pages.sort_unstable();
    let pages = pages
        .into_iter()
        .map(|p| &p[..p.len() - "index.html".len()]);
    let escaped_base = escape(base);
    let urls: Vec<String> = pages
        .map(|p| {
            let mut url = String::with_capacity(escaped_base.len() + p.len());
            url.push_str(&escaped_base);
            url.push_str(&escape(p));
            url
        })
        .collect();
    for (name, text) in sitemaps(base, &urls) {
        out.add(name, text);
    }
}

/// Robots.txt and the feeds.
pub(super) fn write_feeds(site: &Site, out: &mut Output) {
    let base = &site.config.base_url;
    out.add(
        "robots.txt",
        format!("User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n"),
    );

    let default = site.config.default_language();
    for lang in &site.config.languages {
        let prefix = if lang == default {
            String::new()
        } else {
            format!("{lang}/")
        };
        let updated = site.reports.iter().map(|r| r.document.date).max();
        let updated = updated
            .map(|d| format!("{d}T00:00:00Z"))
            .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
        let mut feed = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n  <title>{}</title>\n  <id>{}</id>\n  <link rel=\"self\" href=\"{}\"/>\n  <link href=\"{}\"/>\n  <updated>{updated}</updated>\n",
            escape(site.config.title.in_lang(lang)),
            escape(&format!("{base}{prefix}")),
            escape(&format!("{base}{prefix}atom.xml")),
            escape(&format!("{base}{prefix}")),
        );
        if let Some(p) = &site.config.publisher {
            feed.push_str(&format!(
                "  <author><name>{}</name></author>\n",
                escape(p.in_lang(lang))
            ));
        }
        for r in &site.reports {
            let url = format!("{base}{prefix}{}", super::paths::report_dir(&r.slug));
            let c = r.counts();
            feed.push_str(&format!(
                "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link href=\"{}\"/>\n    <updated>{}T00:00:00Z</updated>\n    <summary>{} · {} indicators: {} with a figure for the target period ({} met, {} not met); {} with earlier figures only ({} already at the target's level); {} without data; {} proxy only; {} without a number; {} overdue as of {}</summary>\n  </entry>\n",
                escape(r.title.in_lang(lang)),
                escape(&url),
                escape(&url),
                r.document.date,
                escape(&r.document.number),
                c.total(),
                c.measured(),
                c.met,
                c.not_met,
                c.earlier,
                c.earlier_at_level,
                c.no_value,
                c.proxy_only,
                c.no_target,
                c.overdue,
                r.as_of,
            ));
        }
        feed.push_str("</feed>\n");
        out.add(format!("{prefix}atom.xml"), feed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_sites_get_a_sitemap_index() {
        let urls: Vec<String> = (0..SITEMAP_LIMIT + 1)
            .map(|i| format!("https://x.org/p{i}/"))
            .collect();
        let files = sitemaps("https://x.org/", &urls);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["sitemap-1.xml", "sitemap-2.xml", "sitemap.xml"]);
        assert_eq!(files[0].1.matches("<url>").count(), SITEMAP_LIMIT);
        assert_eq!(files[1].1.matches("<url>").count(), 1);
        assert!(
            files[2].1.contains("<sitemapindex")
                && files[2].1.contains("https://x.org/sitemap-2.xml")
        );
        assert_eq!(sitemaps("https://x.org/", &urls[..3]).len(), 1);
    }
}
