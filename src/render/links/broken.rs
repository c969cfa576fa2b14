//! Finding the broken links of each scan, and reporting them.

use super::*;

/// The broken links of one scan, before they are merged into diagnostics.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Broken {
    /// (url, problem, page) of links from the theme's templates.
    pub(super) theme: Vec<(String, crate::diagnostics::Msg, String)>,
    /// (source, line, url, version, problem) of links editors wrote.
    pub(super) editor: Vec<(
        PathBuf,
        usize,
        String,
        Option<String>,
        crate::diagnostics::Msg,
    )>,
    /// (page, id) of ids found more than once on a page.
    pub(super) duplicate_ids: Vec<(String, String)>,
}

/// Pages with this many ids or more are looked up through a set: a long
/// page's table of contents links to each of its many headings.
pub(super) const IDS_SET_FROM: usize = 32;

/// The broken links of one scan.
/// `exists` tells whether the output has a file, `ids` the ids of a page.
pub fn broken<'i>(
    s: &LinkScan,
    exists: &(dyn Fn(&str) -> bool + Sync),
    ids: &(dyn Fn(&str) -> Option<Ids<'i>> + Sync),
) -> Broken {
    // By the url as written: the page has it percent-encoded (`k%E1%BA%BFt`
    // for `kết`), so both sides are decoded to find who wrote it.
    let written: FxHashMap<(&str, Cow<str>), &EditorLink> = s
        .editor
        .iter()
        .map(|l| ((l.page.as_str(), decoded(&l.url)), l))
        .collect();
    let mut found = Broken::default();
    let mut id_sets: FxHashMap<String, FxHashSet<&'i str>> = FxHashMap::default();
    for (i, page) in s.pages.iter().enumerate() {
        let mut seen = FxHashSet::default();
        for id in s.ids_of(i).iter() {
            if !seen.insert(id) {
                found.duplicate_ids.push((page.to_string(), id.to_string()));
            }
        }
    }
    let (mut from, mut target, mut urls) = (0, String::new(), s.urls.cursor());
    for &end in &s.links {
        let pages = &s.on[from..end as usize];
        from = end as usize;
        let url = urls.next_str();
        // What the url resolves to from its first page, as from every other.
        let first = s.pages.get(pages[0] as usize);
        let inside = resolve_into(first, url, &s.base_path, &mut target);
        let problem = match inside.then_some(target.as_str()) {
            None => Some(msg!("broken-link", en: "it leads outside the site", vi: "nó dẫn ra ngoài trang")),
            Some(target) => match find(exists, target) {
                Some(file) => url
                    .split_once('#')
                    .map(|(_, f)| f)
                    .filter(|f| !f.is_empty())
                    .and_then(|f| {
                        let has = ids(&file).is_some_and(|ids| {
                            if ids.len() < IDS_SET_FROM {
                                ids.contains(f)
                            } else {
                                id_sets
                                    .entry(file.to_string())
                                    .or_insert_with(|| ids.iter().collect())
                                    .contains(f)
                            }
                        });
                        (!has).then(|| msg!("broken-link", en: "there is no anchor `#{f}` on the page it leads to", vi: "trang được dẫn tới không có neo `#{f}`"))
                    }),
                None => Some(msg!("broken-link", en: "there is no page at that address", vi: "không có trang nào ở địa chỉ đó")),
            },
        };
        let Some(problem) = problem else { continue };
        for &p in pages {
            let page = s.pages.get(p as usize);
            match written.get(&(page, decoded(url))) {
                // The url as the editor wrote it, not as encoded in the page.
                Some(l) => found.editor.push((
                    l.source.clone(),
                    l.line,
                    l.url.clone(),
                    l.version.clone(),
                    problem.clone(),
                )),
                None => found
                    .theme
                    .push((url.to_string(), problem.clone(), page.to_string())),
            }
        }
    }
    found
}

/// `url` with `%xx` escapes decoded, borrowed when it has none.
pub(super) fn decoded(url: &str) -> Cow<'_, str> {
    if url.contains('%') {
        Cow::Owned(crate::helpers::url::percent_decode(url))
    } else {
        Cow::Borrowed(url)
    }
}

/// The output file `target` names: itself or, for a folder, its `index.html`.
pub(super) fn find<'t>(exists: &dyn Fn(&str) -> bool, target: &'t str) -> Option<Cow<'t, str>> {
    if exists(target) {
        Some(Cow::Borrowed(target))
    } else {
        let index = format!("{target}/index.html");
        exists(&index).then_some(Cow::Owned(index))
    }
}

/// Diagnostics for the broken links of every scan.
pub fn report(found: &[&Broken]) -> Diagnostics {
    let mut theme: BTreeMap<(String, crate::diagnostics::Msg), Vec<String>> = BTreeMap::new();
    type Versions = Vec<(Option<String>, crate::diagnostics::Msg)>;
    let mut editor: BTreeMap<(PathBuf, usize, String), Versions> = BTreeMap::new();
    for b in found {
        for (url, problem, page) in b.theme.iter().cloned() {
            theme.entry((url, problem)).or_default().push(page);
        }
        for (source, line, url, version, problem) in b.editor.iter().cloned() {
            editor
                .entry((source, line, url))
                .or_default()
                .push((version, problem));
        }
    }
    let mut diags = Diagnostics::new();
    let mut twice: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for b in found {
        for (page, id) in &b.duplicate_ids {
            twice.entry(page).or_default().push(id);
        }
    }
    for (page, ids) in twice {
        let list = ids
            .iter()
            .map(|i| format!("`{i}`"))
            .collect::<Vec<_>>()
            .join(", ");
        diags.push(
            Diagnostic::warning(
                format!("(output) {page}"),
                None,
                msg!("duplicate-id", en: "the page has the same id more than once: {list}; a link to it goes to the first", vi: "trang có một id xuất hiện nhiều lần: {list}; liên kết tới id đó sẽ tới chỗ đầu tiên"),
            )
            .with_hint(msg!("duplicate-id", en: "give the headings different names, or change the id in the theme's template", vi: "đặt tên các đề mục khác nhau, hoặc đổi id trong mẫu của giao diện")),
        );
    }
    // A broken link from the templates is usually on every page: say it once.
    for ((url, problem), mut pages) in theme {
        pages.sort();
        let example = &pages[0];
        let (more, more_vi) = match pages.len() {
            1 => (String::new(), String::new()),
            n => (
                format!(" and {} other page{}", n - 1, if n == 2 { "" } else { "s" }),
                format!(" và {} trang khác", n - 1),
            ),
        };
        let (problem_en, problem_vi) = (problem.en(), problem.vi());
        diags.push(
            Diagnostic::warning(
                format!("(output) {example}"),
                None,
                msg!("broken-link", en: "broken link `{url}`{more}: {problem_en}", vi: "liên kết hỏng `{url}`{more_vi}: {problem_vi}"),
            )
            .with_hint(msg!("broken-link", en: "this link comes from the theme's templates", vi: "liên kết này nằm trong mẫu (template) của giao diện")),
        );
    }
    // A link broken in the default language's page is reported once for all
    // versions; one broken only in a translation says which. Messages do not
    // name the page, so the same problem on several pages is said once.
    for ((source, line, url), mut found) in editor {
        found.sort();
        found.dedup();
        let default_broken = found.iter().any(|(v, _)| v.is_none());
        for (version, problem) in found
            .into_iter()
            .filter(|(v, _)| !default_broken || v.is_none())
        {
            let (problem_en, problem_vi) = (problem.en(), problem.vi());
            let message = match version {
                Some(v) => {
                    msg!("broken-link", en: "broken link `{url}` ({v}): {problem_en}", vi: "liên kết hỏng `{url}` ({v}): {problem_vi}")
                }
                None => {
                    msg!("broken-link", en: "broken link `{url}`: {problem_en}", vi: "liên kết hỏng `{url}`: {problem_vi}")
                }
            };
            diags.push(
                Diagnostic::warning(&source, Some(Pos::new(line, 1)), message)
                    .with_hint(msg!("broken-link", en: "links between pages are relative, e.g. ../other-section/ ; check the spelling of the slug", vi: "liên kết giữa các trang là tương đối, ví dụ ../muc-khac/ ; kiểm tra chính tả của tên (slug)")),
            );
        }
    }
    diags
}
