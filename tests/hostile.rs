//! Untrusted text never becomes script or markup in the output, and a failed
//! build never damages the published site.

mod common;

use common::{snapshot, Site};

const IND: &str = "reports/demo-2024/indicators.yaml";
const XSS: &str = "<script>alert(1)</script><img src=x onerror=alert(2)>";

/// The real tags of a document: `<name attr="...">`, quoted values skipped.
fn tags(doc: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = doc.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'<' && i + 1 < bytes.len() && bytes[i + 1].is_ascii_alphabetic() {
            let start = i;
            let mut quote = None;
            while i < bytes.len() {
                match (quote, bytes[i]) {
                    (None, b'"') | (None, b'\'') => quote = Some(bytes[i]),
                    (Some(q), c) if c == q => quote = None,
                    (None, b'>') => break,
                    _ => {}
                }
                i += 1;
            }
            out.push(doc[start..i.min(doc.len())].to_string());
        }
        i += 1;
    }
    out
}

/// Attribute names and values of a tag such as `<a href="x" class=y>`.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let chars: Vec<char> = tag.chars().collect();
    let mut i = 1;
    while i < chars.len() && !chars[i].is_whitespace() {
        i += 1;
    }
    let mut out = Vec::new();
    while i < chars.len() {
        while i < chars.len() && (chars[i].is_whitespace() || chars[i] == '/') {
            i += 1;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '=' {
            i += 1;
        }
        let name: String = chars[start..i].iter().collect::<String>().to_lowercase();
        let mut value = String::new();
        if i < chars.len() && chars[i] == '=' {
            i += 1;
            if i < chars.len() && (chars[i] == '"' || chars[i] == '\'') {
                let q = chars[i];
                i += 1;
                while i < chars.len() && chars[i] != q {
                    value.push(chars[i]);
                    i += 1;
                }
                i += 1;
            } else {
                while i < chars.len() && !chars[i].is_whitespace() {
                    value.push(chars[i]);
                    i += 1;
                }
            }
        }
        if !name.is_empty() {
            out.push((name, value.to_lowercase()));
        }
    }
    out
}

/// No element, event handler or URL that could run script anywhere in the output.
fn assert_no_script(site: &Site) {
    for (path, bytes) in snapshot(&site.public()) {
        if !(path.ends_with(".html") || path.ends_with(".svg")) {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap();
        for tag in tags(&text) {
            let name: String = tag[1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_lowercase();
            // The only script is the theme's own search enhancement, loaded from a file.
            let own_script = name == "script"
                && attributes(&tag)
                    .iter()
                    .any(|(a, v)| a == "src" && v.ends_with("static/search.js"));
            assert!(
                own_script
                    || !["script", "iframe", "object", "embed", "img"].contains(&name.as_str()),
                "{path}: {tag}"
            );
            for (attr, value) in attributes(&tag) {
                assert!(!attr.starts_with("on"), "{path}: event handler in {tag}");
                if ["href", "src", "xlink:href", "action"].contains(&attr.as_str()) {
                    let v: String = value.chars().filter(|c| !c.is_whitespace()).collect();
                    for bad in ["javascript:", "vbscript:", "data:"] {
                        assert!(!v.starts_with(bad), "{path}: {bad} URL in {tag}");
                    }
                }
            }
        }
    }
}

#[test]
fn yaml_strings_are_escaped_in_pages_and_charts() {
    let site = Site::fixture("minimal");
    site.edit(
        IND,
        "name: { vi: Tỷ lệ hồ sơ trực tuyến,",
        &format!("name: {{ vi: \"{XSS}\","),
    );
    site.edit(
        "reports/demo-2024/report.yaml",
        "name: { vi: Chính quyền số,",
        &format!("name: {{ vi: \"Nhóm {XSS}\","),
    );
    site.edit(
        "reports/demo-2024/projects.yaml",
        "name: Sàn thương mại điện tử",
        &format!("name: \"{XSS}\""),
    );
    site.edit(
        "reports/demo-2024/datasets/infrastructure.yaml",
        "item: Trạm BTS",
        &format!("item: \"{XSS}\""),
    );
    site.edit(
        "agencies.yaml",
        "en: Department of Planning and Investment",
        "en: \"<b onmouseover=x>DPI</b>\"",
    );
    site.build().ok();
    assert_no_script(&site);
    let page = site.page("reports/demo-2024/groups/digital-government/index.html");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;")
            || page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the name is shown as text"
    );
    let svg = site.page("reports/demo-2024/groups/digital-government/chart.svg");
    assert!(
        svg.contains("&lt;script"),
        "the chart shows the name as text"
    );
}

#[test]
fn markdown_cannot_inject_script_or_unsafe_links() {
    let site = Site::fixture("minimal");
    site.write(
        "reports/demo-2024/doc-hai.md",
        "---\ntitle: \"\\\"><script>alert(3)</script>\"\nkind: other\n---\n\
         <script>alert(1)</script>\n\n<div onclick=\"x()\">raw</div>\n\n\
         [a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](data:text/html;base64,PHNjcmlwdD4=) [d](vbscript:msgbox)\n\n\
         ![i](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n\
         [ok](https://example.org/ok) <b>bold?</b>\n",
    );
    site.build().ok();
    assert_no_script(&site);
    let page = site.page("reports/demo-2024/doc-hai/index.html");
    assert!(page.contains("href=\"https://example.org/ok\""));
    assert!(page.contains("&lt;div onclick"));
    assert!(page.contains("&quot;&gt;&lt;script&gt;") || page.contains("&#34;&gt;&lt;script&gt;"));
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = Site::fixture("minimal");
    site.build().ok();
    let before = snapshot(&site.public());
    assert!(before.len() > 20);
    site.edit(IND, "  decimals: 2", "  decimls: 2");
    let run = site.build();
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("public was not changed"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&site.public()), before);
    // No staging folders are left beside it.
    let names: Vec<String> = std::fs::read_dir(site.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        // The chart images' cache stays: it is not output (write/png_cache.rs).
        .filter(|n| n != ".minhbach-cache")
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

/// Pages are written into the staging folder while the site renders, so an
/// error found late (an unknown indicator in a shortcode, a warning under
/// --strict) must still leave the previous output exactly as it was.
#[test]
fn an_error_found_while_rendering_leaves_the_previous_output_untouched() {
    let site = Site::fixture("minimal");
    site.build().ok();
    let before = snapshot(&site.public());
    let md = "reports/demo-2024/han-che.md";
    let text = site.read(md);
    site.write(
        md,
        &format!("{text}\n{{{{ value(indicator=\"no-such-indicator\") }}}}\n"),
    );
    let run = site.build();
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("no-such-indicator"), "{}", run.stderr);
    assert_eq!(snapshot(&site.public()), before);
    site.write(md, &format!("{text}\n[broken](../no-such-page/)\n"));
    let run = site.run(&["build", "--strict"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("broken link"), "{}", run.stderr);
    assert_eq!(snapshot(&site.public()), before);
    let names: Vec<String> = std::fs::read_dir(site.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        // The chart images' cache stays: it is not output (write/png_cache.rs).
        .filter(|n| n != ".minhbach-cache")
        .collect();
    assert_eq!(names.len(), 2, "no staging folder may be left: {names:?}");
}

#[test]
fn dangerous_output_folders_are_refused() {
    let site = Site::fixture("minimal");
    for out in ["content", ".", "content/public"] {
        let run = site.run(&["build", "--output", out]);
        assert_eq!(run.code, Some(2), "--output {out}: {}", run.stderr);
        assert!(run.stderr.contains("error: the output"), "{}", run.stderr);
    }
    assert!(
        site.content().join("site.yaml").is_file(),
        "content must survive"
    );
    std::fs::write(site.dir.path().join("afile"), "x").unwrap();
    let run = site.run(&["build", "--output", "afile"]);
    assert_eq!(run.code, Some(2));
    assert_eq!(
        std::fs::read_to_string(site.dir.path().join("afile")).unwrap(),
        "x"
    );
}

#[test]
fn base_url_override_keeps_every_link_inside_the_sub_path() {
    let site = Site::fixture("minimal");
    site.run(&["build", "--base-url", "https://example.org/sub/"])
        .ok();
    for (path, bytes) in snapshot(&site.public()) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for attr in ["href=\"", "src=\""] {
            for part in html.split(attr).skip(1) {
                let url = &part[..part.find('"').unwrap()];
                assert!(
                    !url.starts_with('/') || url.starts_with("/sub/"),
                    "{path}: root-absolute link {url} escapes /sub/"
                );
                if url.starts_with("http") {
                    assert!(
                        url.starts_with("https://example.org/sub/")
                            || url.starts_with("https://example.org/ok"),
                        "{path}: {url}"
                    );
                }
            }
        }
    }
    let index = site.page("index.html");
    assert!(index.contains("<link rel=\"canonical\" href=\"https://example.org/sub/\">"));
    let not_found = site.page("404.html");
    assert!(not_found.contains("href=\"/sub/static/style.css\""));
}

#[test]
fn relative_links_resolve_to_files() {
    let site = Site::fixture("minimal");
    site.build().ok();
    let files: std::collections::BTreeSet<String> = snapshot(&site.public())
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    for page in files
        .iter()
        .filter(|p| p.ends_with(".html") && !p.ends_with("404.html"))
    {
        let html = site.page(page);
        let dir = std::path::Path::new(page).parent().unwrap().to_path_buf();
        for part in html.split("href=\"").skip(1) {
            let url = &part[..part.find('"').unwrap()];
            if url.starts_with("http") || url.starts_with('#') || url.starts_with("mailto:") {
                continue;
            }
            let url = url.split('#').next().unwrap();
            let mut target = dir.clone();
            for seg in url.split('/') {
                match seg {
                    "" | "." => {}
                    ".." => {
                        target.pop();
                    }
                    s => target.push(s),
                }
            }
            let mut t = target.to_string_lossy().into_owned();
            if url.ends_with('/') || url.is_empty() {
                t = if t.is_empty() {
                    "index.html".into()
                } else {
                    format!("{t}/index.html")
                };
            }
            assert!(
                files.contains(&t),
                "{page}: link {url} → {t} does not exist"
            );
        }
    }
}
