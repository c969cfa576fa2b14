//! Files for machines: sitemap.xml, robots.txt and an Atom feed of reports per
//! language. Dates come from the documents, never from the clock, so two
//! builds of the same content are identical.

use super::{escape, Output};
use crate::model::Site;

pub(super) fn write_feeds(site: &Site, out: &mut Output) {
    let base = &site.config.base_url;
    let mut sitemap = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for path in out.files.keys().filter(|p| p.ends_with("index.html")) {
        let dir = path.trim_end_matches("index.html");
        sitemap.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            escape(&format!("{base}{dir}"))
        ));
    }
    sitemap.push_str("</urlset>\n");
    out.add("sitemap.xml", sitemap);
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
            let url = format!("{base}{prefix}reports/{}/", r.slug);
            let c = r.counts();
            feed.push_str(&format!(
                "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link href=\"{}\"/>\n    <updated>{}T00:00:00Z</updated>\n    <summary>{} · met {}, not met {}, no data {}, no numeric target {}</summary>\n  </entry>\n",
                escape(r.title.in_lang(lang)),
                escape(&url),
                escape(&url),
                r.document.date,
                escape(&r.document.number),
                c.met,
                c.not_met,
                c.no_data,
                c.no_target,
            ));
        }
        feed.push_str("</feed>\n");
        out.add(format!("{prefix}atom.xml"), feed);
    }
}
