//! YAML traps an editor falls into, explained by their cause: a comma
//! inside `{ }` ends a text, a file saved as `indicators.yaml.txt` is not
//! read. (A tab, which is not indentation, is explained in yaml.rs.)

use std::path::{Path, PathBuf};

use super::{AgencyLookup, Doc};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// The error for a file that is not read because of its name (`meant` is
/// the name it must have): the cause of what follows, so printed first.
pub(super) fn misnamed(shown: PathBuf, name: &str, meant: &str) -> Diagnostic {
    Diagnostic::error(
        shown,
        None,
        msg!("misnamed-file",
            en: "`{name}` is not read: the file must be named `{meant}`, so what it holds is missing from the site",
            vi: "tệp `{name}` không được đọc: tệp phải có tên `{meant}`, nên nội dung của nó không có trên trang"),
    )
    .with_hint(msg!("misnamed-file",
        en: "rename it to {meant} (Windows hides extensions such as .txt: in File Explorer, View → Show → File name extensions)",
        vi: "đổi tên tệp thành {meant} (Windows ẩn phần đuôi như .txt: trong File Explorer, chọn View/Xem → Show/Hiện → File name extensions/Phần mở rộng tên tệp)"
    ))
    .as_cause()
}

/// A file in `dir` that was meant to be `meant` (`report.yaml.txt`).
pub(super) fn misnamed_in(dir: &Path, meant: &str) -> Option<PathBuf> {
    super::files::list_dir(dir)
        .ok()?
        .into_iter()
        .find(|p| meant_name(&file_name(p), &[meant]).is_some())
}

pub(super) fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

impl AgencyLookup {
    /// `names` as written, with those that a comma inside `[ ]` cut apart
    /// (`[Sở KHĐT, Các sở, ban, ngành]`) joined again when together they
    /// are a known name, with a warning that shows it: each with the index
    /// of its first piece. `at(j)` is the path of piece `j`.
    pub(super) fn rejoin(
        &self,
        doc: &Doc,
        names: &[String],
        at: impl Fn(usize) -> String,
        d: &mut Diagnostics,
    ) -> Vec<(usize, String)> {
        let mut out = Vec::with_capacity(names.len());
        // The usual case: every name is known (or there is one).
        if names.len() < 2 || names.iter().all(|n| self.get(n).is_some()) {
            out.extend(names.iter().cloned().enumerate());
            return out;
        }
        let mut j = 0;
        while j < names.len() {
            let joined = (j + 1..names.len()).rev().find_map(|end| {
                let name = names[j..=end].join(", ");
                self.get(&name).map(|_| (end, name))
            });
            match joined {
                Some((end, name))
                    if self.get(&names[j]).is_none() || self.get(&names[end]).is_none() =>
                {
                    let pieces: Vec<String> =
                        names[j..=end].iter().map(|n| format!("`{n}`")).collect();
                    d.push(
                        doc.warn(&at(j), msg!("name-cut-by-commas",
                            en: "{} are one name cut by commas; read as `{name}`",
                            vi: "{} là một tên bị dấu phẩy cắt rời; được đọc là `{name}`",
                            pieces.join(", ")))
                            .with_hint(msg!("name-cut-by-commas",
                                en: "inside [ ] a comma separates names: quote it, \"{name}\", or write the names one per line",
                                vi: "trong [ ] dấu phẩy ngăn cách các tên: hãy đặt tên trong ngoặc kép, \"{name}\", hoặc viết mỗi tên một dòng")),
                    );
                    out.push((j, name));
                    j = end + 1;
                }
                _ => {
                    out.push((j, names[j].clone()));
                    j += 1;
                }
            }
        }
        out
    }
}

/// For a line holding a one-line localized text such as
/// `name: { vi: UBND các huyện, thị xã, thành phố, en: … }`, the same line
/// with each text that holds a comma put in quotes; `None` when the line has
/// no such text.
pub fn quote_flow_texts(line: &str, langs: &[String]) -> Option<String> {
    let open = line.find('{')?;
    let close = line.rfind('}')?;
    if close <= open {
        return None;
    }
    let inner = &line[open + 1..close];
    // Where each `lang:` key starts: at the start, or after a comma.
    let mut keys: Vec<(usize, usize)> = Vec::new();
    for lang in langs {
        let key = format!("{lang}:");
        let mut from = 0;
        while let Some(i) = inner[from..].find(&key) {
            let at = from + i;
            let before = inner[..at].trim_end();
            if before.is_empty() || before.ends_with(',') {
                keys.push((at, at + key.len()));
            }
            from = at + key.len();
        }
    }
    keys.sort_unstable();
    if keys.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    let mut changed = false;
    for (n, (start, value_from)) in keys.iter().enumerate() {
        let end = keys.get(n + 1).map_or(inner.len(), |k| k.0);
        let key = inner[*start..*value_from].trim_end_matches(':');
        let value = inner[*value_from..end].trim().trim_end_matches(',').trim();
        let quoted = value.starts_with('"') || value.starts_with('\'');
        if value.contains(',') && !quoted {
            changed = true;
            parts.push(format!("{key}: \"{}\"", value.replace('"', "\\\"")));
        } else {
            parts.push(format!("{key}: {value}"));
        }
    }
    changed.then(|| {
        format!(
            "{}{{ {} }}{}",
            line[..open].trim_start(),
            parts.join(", "),
            &line[close + 1..]
        )
    })
}

/// In `line`, a number typed with a decimal comma inside `{ }` whose
/// decimals YAML took for the key `key`: `56,6` → (`56,6`, `56.6`).
pub fn split_decimal(line: &str, key: &str) -> Option<(String, String)> {
    let frac = key.strip_suffix('%').unwrap_or(key);
    if frac.is_empty() || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let needle = format!(",{key}");
    let mut from = 0;
    while let Some(i) = line[from..].find(&needle) {
        let at = from + i;
        let after = line[at + needle.len()..].chars().next();
        let before = &line[..at];
        let start = before
            .rfind(|c: char| !(c.is_ascii_digit() || c == '.'))
            .map_or(0, |j| j + 1);
        let int = &before[start..];
        if !int.is_empty() && matches!(after, None | Some(',' | ' ' | '}')) {
            return Some((
                format!("{int},{key}"),
                format!("{}.{frac}", int.replace('.', "")),
            ));
        }
        from = at + needle.len();
    }
    None
}

/// `vi`, `en`, `zh-hant`: what a language key looks like (a piece of cut
/// text such as `thị xã` does not).
pub fn is_language_code(key: &str) -> bool {
    (2..=8).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
}

/// For a name such as `indicators.yaml.txt` (an editor that added `.txt`,
/// with Windows hiding it), the name meant, if it is one of `known`.
pub fn meant_name<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    let lower = name.to_lowercase();
    let stem = lower
        .strip_suffix(".txt")
        .or_else(|| lower.strip_suffix(".yaml").filter(|s| s.ends_with(".yaml")))?;
    let stem = stem
        .strip_suffix(".yml")
        .map_or(stem.to_string(), |s| format!("{s}.yaml"));
    known.iter().copied().find(|k| *k == stem && *k != name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_cut_by_commas_are_quoted() {
        let langs = vec!["vi".to_string(), "en".to_string()];
        assert_eq!(
            quote_flow_texts(
                "  name: { vi: UBND các huyện, thị xã, thành phố, en: District committees }",
                &langs
            )
            .as_deref(),
            Some("name: { vi: \"UBND các huyện, thị xã, thành phố\", en: District committees }")
        );
        assert_eq!(
            quote_flow_texts("name: { vi: \"a, b\", en: c }", &langs),
            None
        );
    }

    #[test]
    fn decimal_commas_inside_braces() {
        assert_eq!(
            split_decimal("  - { item: Trạm BTS, value: 32,29 }", "29"),
            Some(("32,29".into(), "32.29".into()))
        );
        assert_eq!(split_decimal("  - { item: 12, 29 }", "29"), None);
    }

    #[test]
    fn names_with_an_extra_extension() {
        let known = ["report.yaml", "indicators.yaml"];
        assert_eq!(
            meant_name("indicators.yaml.txt", &known),
            Some("indicators.yaml")
        );
        assert_eq!(
            meant_name("Indicators.yml.txt", &known),
            Some("indicators.yaml")
        );
        assert_eq!(meant_name("report.yaml.yaml", &known), Some("report.yaml"));
        assert_eq!(meant_name("notes.txt", &known), None);
    }
}
