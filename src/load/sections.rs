//! Narrative sections: Markdown files with YAML front matter, one per
//! language (`name.md` in the default language, `name.en.md` translated).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::raw::RawFrontMatter;
use super::report::unknown_group;
use super::shortcodes::{self, Names};
use super::{files, is_slug, pos, slugify, Loader, RESERVED_SLUGS};
use crate::diagnostics::Diagnostic;
use crate::model::{Section, SectionText};
use crate::yaml;

struct Variant {
    lang: String,
    fm: RawFrontMatter,
    text: SectionText,
    group_pos: Option<crate::diagnostics::Pos>,
}

/// `listing` is what `files::list_dir(dir)` gave.
pub(super) fn load_sections(
    loader: &mut Loader,
    dir: &Path,
    listing: std::io::Result<Vec<PathBuf>>,
    langs: &[String],
    names: &Names,
) -> Vec<Section> {
    let entries = match listing {
        Ok(e) => e,
        Err(e) => {
            loader.diags.push(files::io_error(&loader.shown(dir), &e));
            return Vec::new();
        }
    };
    let default = langs[0].as_str();
    let mut by_slug: BTreeMap<String, Vec<Variant>> = BTreeMap::new();
    for path in entries {
        if let Some((slug, variant)) = variant(loader, &path, langs, names) {
            by_slug.entry(slug).or_default().push(variant);
        }
    }

    let mut sections = Vec::new();
    for (slug, variants) in by_slug {
        sections.extend(section(loader, dir, slug, variants, default));
    }
    sections.sort_by(|a, b| {
        a.order
            .unwrap_or(i64::MAX)
            .cmp(&b.order.unwrap_or(i64::MAX))
            .then_with(|| a.slug.cmp(&b.slug))
    });
    sections
}

/// One Markdown file of a report folder: its slug, and its text in one
/// language with the front matter checked. `None` for a file that is no
/// section (not `.md`) or cannot be one (its error given).
fn variant(
    loader: &mut Loader,
    path: &Path,
    langs: &[String],
    names: &Names,
) -> Option<(String, Variant)> {
    let groups = names.groups;
    let default = langs[0].as_str();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let stem = name.strip_suffix(".md")?;
    let shown = loader.shown(path);
    let (slug, lang) = match stem.rsplit_once('.') {
        Some((s, l)) if langs.iter().any(|x| x == l) => (s.to_string(), l.to_string()),
        Some((_, l)) => {
            loader.diags.push(Diagnostic::error(&shown, None, msg!("unknown-language", en: "unknown language `{l}` in the file name", vi: "ngôn ngữ `{l}` trong tên tệp không có trong site.yaml"))
                .with_hint(msg!("unknown-language", en: "translations are named <slug>.<language>.md with a language of site.yaml: {}", vi: "bản dịch đặt tên <slug>.<ngôn ngữ>.md, với một ngôn ngữ của site.yaml: {}", langs.join(", "))));
            return None;
        }
        None => (stem.to_string(), default.to_string()),
    };
    if !is_slug(&slug) {
        loader.diags.push(
            Diagnostic::error(
                &shown,
                None,
                msg!("invalid-slug", en: "section file name `{slug}` is not a valid slug", vi: "tên tệp mục `{slug}` không hợp lệ"),
            )
            .with_hint(msg!("invalid-slug",
                en: "rename it to `{}.md` (lowercase letters a-z, digits and `-`)",
                vi: "đổi tên thành `{}.md` (chữ thường a-z không dấu, chữ số và `-`)",
                slugify(&slug)
            )),
        );
        return None;
    }
    if RESERVED_SLUGS.contains(&slug.as_str()) {
        loader.diags.push(
            Diagnostic::error(
                &shown,
                None,
                msg!("reserved-slug", en: "`{slug}` is reserved for a page of the report", vi: "tên `{slug}` đã dành cho một trang của báo cáo"),
            )
            .with_hint(msg!("reserved-slug",
                en: "rename the file; reserved names: {}",
                vi: "đổi tên tệp; các tên đã dành: {}",
                RESERVED_SLUGS.join(", ")
            )),
        );
        return None;
    }
    let src = match loader.read_text(path, &shown) {
        Ok(s) => s,
        Err(d) => {
            loader.diags.push(d);
            return None;
        }
    };
    let (fm_src, body, body_line) = match split_front_matter(&src) {
        Ok(x) => x,
        Err((line, msg, hint)) => {
            loader.diags.push(
                Diagnostic::error(&shown, Some(pos(line, 1)), msg)
                    .with_hint(hint)
                    .with_source(&src),
            );
            return None;
        }
    };
    let fm = match yaml::parse_value::<RawFrontMatter>(fm_src, &shown, 1) {
        Ok(Some(fm)) => {
            let group_pos = yaml::position(fm_src, 1, "group");
            (fm, group_pos)
        }
        Ok(None) => {
            loader.diags.push(
                Diagnostic::error(&shown, Some(pos(1, 1)), msg!("empty-front-matter", en: "front matter is empty", vi: "phần đầu (front matter) trống"))
                    .with_hint(msg!("empty-front-matter", en: "it needs at least `title:` and `kind:`", vi: "cần ít nhất `title:` và `kind:`"))
                    .with_source(&src),
            );
            return None;
        }
        Err(d) => {
            loader.diags.push(d.with_source(&src));
            return None;
        }
    };
    let (mut fm, group_pos) = fm;
    // A group id typed with an invisible character still names its group.
    fm.group = fm.group.as_deref().map(crate::helpers::text::normalize);
    if let Some(g) = &fm.group {
        if !groups.contains(&g.as_str()) {
            let (message, hint) = unknown_group(g, groups);
            loader.diags.push(
                Diagnostic::error(&shown, group_pos, message)
                    .with_source(&src)
                    .with_hint(hint),
            );
        }
    }
    if fm.title.trim().is_empty() {
        loader.diags.push(
            Diagnostic::error(
                &shown,
                Some(pos(2, 1)),
                msg!("empty-title", en: "section title is empty", vi: "tiêu đề mục trống"),
            )
            .with_source(&src),
        );
    }
    let shortcodes = shortcodes::check(body, body_line, &shown, names, loader.diags);
    let text = SectionText {
        title: fm.title.trim().to_string(),
        markdown: crate::model::Markdown::new(body),
        path: shown.clone(),
        body_line,
        shortcodes,
    };
    Some((
        slug,
        Variant {
            lang,
            fm,
            text,
            group_pos,
        },
    ))
}

/// The versions of one section (by language) made one section: its
/// original in the default language gives kind, group and order.
fn section(
    loader: &mut Loader,
    dir: &Path,
    slug: String,
    mut variants: Vec<Variant>,
    default: &str,
) -> Option<Section> {
    // `x.md` and `x.vi.md` (vi being the default) are the same section twice.
    let mut seen: Vec<&str> = Vec::new();
    let mut twice = Vec::new();
    for (i, v) in variants.iter().enumerate() {
        if seen.contains(&v.lang.as_str()) {
            twice.push(i);
        }
        seen.push(&v.lang);
    }
    for i in twice.into_iter().rev() {
        let v = variants.remove(i);
        loader.diags.push(
            Diagnostic::error(
                &v.text.path,
                None,
                msg!("duplicate-section", en: "a second `{}` version of section `{slug}`", vi: "bản `{}` thứ hai của mục `{slug}`", v.lang),
            )
            .with_hint(msg!("duplicate-section",
                en: "{slug}.md is already the {default} version; keep one of the two files",
                vi: "{slug}.md đã là bản {default}; chỉ giữ một trong hai tệp"
            )),
        );
    }
    let Some(main) = variants.iter().find(|v| v.lang == default) else {
        // An original that exists but failed to load has its own error already.
        if dir.join(format!("{slug}.md")).exists() {
            return None;
        }
        let shown = &variants[0].text.path;
        loader.diags.push(
            Diagnostic::error(
                shown,
                None,
                msg!("translation-without-original", en: "translation without a `{default}` original: there is no {slug}.md", vi: "bản dịch không có bản gốc `{default}`: không có tệp {slug}.md"),
            )
            .with_hint(msg!("translation-without-original", en: "add {slug}.md in the default language ({default})", vi: "thêm {slug}.md bằng ngôn ngữ mặc định ({default})")),
        );
        return None;
    };
    for v in variants.iter().filter(|v| v.lang != default) {
        if v.fm.kind != main.fm.kind || v.fm.group != main.fm.group || v.fm.order != main.fm.order {
            loader.diags.push(Diagnostic::warning(&v.text.path, Some(pos(1, 1)),
                msg!("translation-differs", en: "`kind`, `group` or `order` differ from {slug}.md; those of {slug}.md are used", vi: "`kind`, `group` hoặc `order` khác với {slug}.md; dùng giá trị của {slug}.md")));
        }
    }
    Some(Section {
        slug: slug.clone(),
        kind: main.fm.kind,
        group: main.fm.group.clone(),
        order: main.fm.order,
        source: main.fm.source.clone(),
        group_pos: main.group_pos,
        texts: variants.into_iter().map(|v| (v.lang, v.text)).collect(),
    })
}

type FrontMatterError = (usize, crate::diagnostics::Msg, crate::diagnostics::Msg);

/// Split `---\n<yaml>\n---\n<body>`; returns the YAML, the body and the line the body starts on.
fn split_front_matter(src: &str) -> Result<(&str, &str, usize), FrontMatterError> {
    let first_end = src.find('\n').unwrap_or(src.len());
    if src[..first_end].trim_end() != "---" {
        return Err((
            1,
            msg!("no-front-matter", en: "section has no front matter", vi: "mục không có phần đầu (front matter)"),
            msg!("no-front-matter", en: "start the file with a line `---`, then `title: ...` and `kind: ...`, then a line `---`", vi: "mở đầu tệp bằng một dòng `---`, rồi `title: ...` và `kind: ...`, rồi một dòng `---`"),
        ));
    }
    let fm_start = (first_end + 1).min(src.len());
    let mut offset = fm_start;
    for (line, l) in (2..).zip(src[fm_start..].split_inclusive('\n')) {
        let t = l.trim_end();
        if t == "---" || t == "..." {
            let body_start = offset + l.len();
            return Ok((&src[fm_start..offset], &src[body_start..], line + 1));
        }
        offset += l.len();
    }
    Err((
        1,
        msg!("front-matter-not-closed", en: "front matter is not closed", vi: "phần đầu (front matter) chưa đóng"),
        msg!("front-matter-not-closed", en: "add a line `---` after the front matter", vi: "thêm một dòng `---` sau phần đầu"),
    ))
}

#[cfg(test)]
mod tests {
    use super::split_front_matter;

    #[test]
    fn splits_front_matter_and_counts_lines() {
        let (fm, body, line) =
            split_front_matter("---\ntitle: A\nkind: other\n---\nBody\n").unwrap();
        assert_eq!((fm, body, line), ("title: A\nkind: other\n", "Body\n", 5));
        let (_, body, _) = split_front_matter("---\r\ntitle: A\r\n---\r\nB").unwrap();
        assert_eq!(body, "B");
        assert!(split_front_matter("---\ntitle: A\n").is_err());
        assert!(split_front_matter("title: A\n").is_err());
    }
}
