use super::scan::*;
use super::*;

#[test]
fn resolves_relative_links() {
    let r = |url| resolve("en/reports/x/groups/g/index.html", url, "/").map(|(t, _)| t);
    assert_eq!(r("../../").as_deref(), Some("en/reports/x/index.html"));
    assert_eq!(
        r("../../../../../static/style.css").as_deref(),
        Some("static/style.css")
    );
    assert_eq!(
        r("chart.svg").as_deref(),
        Some("en/reports/x/groups/g/chart.svg")
    );
    assert_eq!(r("../../../../../../x"), None);
    assert_eq!(
        resolve("index.html", "/sub/static/a.css", "/sub/")
            .map(|(t, _)| t)
            .as_deref(),
        Some("static/a.css")
    );
    assert_eq!(resolve("index.html", "/other/a.css", "/sub/"), None);
    assert_eq!(
        resolve("a/index.html", "#top", "/").unwrap().1.as_deref(),
        Some("top")
    );
}

#[test]
fn finds_broken_links_and_anchors() {
    let mut out = Output::default();
    out.add("index.html", r#"<a href="a/">a</a> <a href="a/#there">x</a> <a href="a/#nowhere">y</a> <a href="b/">b</a> <a href="https://x.org">e</a>"#);
    out.add("a/index.html", r#"<h2 id="there">t</h2>"#);
    out.links.push(EditorLink {
        page: "index.html".into(),
        url: "b/".into(),
        source: "s.md".into(),
        line: 7,
        version: None,
    });
    let diags = check(&out, "/").into_sorted();
    let text: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    assert_eq!(diags.len(), 2, "{text:?}");
    assert!(
        text.iter().any(|t| t.starts_with(
            "(output) index.html: warning: broken link `a/#nowhere`: there is no anchor"
        )),
        "{text:?}"
    );
    assert!(
        text.iter().any(|t| t
            .starts_with("s.md:7:1: warning: broken link `b/`: there is no page at that address")),
        "{text:?}"
    );
}

#[test]
fn reports_an_id_twice_on_a_page_and_finds_anchors_on_long_pages() {
    let mut out = Output::default();
    let many: String = (0..100)
        .map(|i| format!("<h2 id=\"h-{i}\">x</h2>"))
        .collect();
    out.add(
        "a/index.html",
        format!(r##"<main id="main"><h2 id="main">Main</h2>{many}<a href="#h-99">l</a><a href="#h-100">l</a></main>"##),
    );
    let diags = check(&out, "/").into_sorted();
    let text: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    assert_eq!(diags.len(), 2, "{text:?}");
    assert!(
        text.iter().any(|t| t.starts_with(
            "(output) a/index.html: warning: the page has the same id more than once: `main`"
        )),
        "{text:?}"
    );
    assert!(
        text.iter().any(|t| t.contains("broken link `#h-100`")),
        "{text:?}"
    );
}

/// The resolution before it wrote into a buffer, to check it against.
fn resolve_before(page: &str, url: &str, base_path: &str) -> Option<String> {
    let rest = url.split_once('#').map_or(url, |(r, _)| r);
    let rest = rest.split('?').next().unwrap_or("");
    if rest.is_empty() {
        return Some(page.to_string());
    }
    let mut parts: Vec<&str> = if rest.starts_with('/') {
        rest.strip_prefix(base_path)?;
        Vec::new()
    } else {
        page.split('/').collect::<Vec<_>>()[..page.matches('/').count()].to_vec()
    };
    let tail = match rest.strip_prefix('/') {
        Some(_) => rest.strip_prefix(base_path)?.to_string(),
        None => rest.to_string(),
    };
    for seg in tail.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut target = parts.join("/");
    if tail.is_empty() || tail.ends_with('/') {
        target = if target.is_empty() {
            "index.html".into()
        } else {
            format!("{target}/index.html")
        };
    }
    Some(crate::render::percent_decode(&target))
}

#[test]
fn resolves_as_before() {
    let pages = [
        "index.html",
        "a.html",
        "a/index.html",
        "a/b/index.html",
        "a/b/c/d.html",
        "/x.html",
        "a//b.html",
        "x%41/y.html",
    ];
    let urls = [
        "",
        "#",
        "#top",
        "?q",
        "?q#f",
        ".",
        "./",
        "..",
        "../",
        "../..",
        "../../",
        "a",
        "a/",
        "a/../b",
        "a/./b/",
        "../a/../../b",
        "../../../../../x",
        "/",
        "/sub",
        "/sub/",
        "/sub/a/../b/",
        "/other/",
        "//x",
        "a%20b/",
        "%41",
        "a%4",
        "x?y/z#w/v",
        "a//b",
        "../%2e%2e/",
    ];
    for base in ["/", "/sub/"] {
        for page in pages {
            for url in urls {
                assert_eq!(
                    resolve_target(page, url, base),
                    resolve_before(page, url, base),
                    "{url} on {page} under {base}"
                );
                // The context a url resolves from gives the same target on every page.
                let d = Depends::of(url);
                for other in pages {
                    let mut a = Contexts {
                        ids: FxHashMap::default(),
                        slashes: Vec::new(),
                        page: Vec::new(),
                    };
                    a.start(page);
                    let ca = a.of(d, page);
                    a.start(other);
                    let cb = a.of(d, other);
                    if ca == cb {
                        assert_eq!(
                            resolve_target(page, url, base),
                            resolve_target(other, url, base),
                            "{url} on {page} and {other} under {base}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn a_relative_link_resolves_from_each_page_folder() {
    let mut out = Output::default();
    let links = r##"<a href="chart.svg">c</a> <a href="../w/">w</a> <a href="../../up/">u</a> <a href="../../../x">x</a> <a href="#top">t</a> <img src="chart.svg">"##;
    out.add("a/x/index.html", format!(r#"<h1 id="top">a</h1>{links}"#));
    out.add("b/y/index.html", links);
    out.add("a/x/s/index.html", links);
    out.add("a/x/chart.svg", "");
    out.add("a/x/s/chart.svg", "");
    out.add("a/w/index.html", "");
    out.add("a/x/w/index.html", "");
    out.add("x", "");
    // `../../up/` is `up/` from a/x/ and b/y/, but `a/up/` from a/x/s/:
    // no page at either.
    let text: Vec<String> = check(&out, "/")
        .into_sorted()
        .iter()
        .map(|d| d.to_string().lines().next().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        text,
        [
            "(output) a/x/index.html: warning: broken link `../../../x` and 1 other page: it leads outside the site",
            "(output) a/x/index.html: warning: broken link `../../up/` and 2 other pages: there is no page at that address",
            "(output) a/x/s/index.html: warning: broken link `#top` and 1 other page: there is no anchor `#top` on the page it leads to",
            "(output) b/y/index.html: warning: broken link `../w/`: there is no page at that address",
            "(output) b/y/index.html: warning: broken link `chart.svg`: there is no page at that address",
        ],
        "{text:#?}"
    );
}
