//! agencies.yaml, and agencies named in reports resolved to their ids.

use std::collections::HashMap;

use crate::diagnostics::{did_you_mean, Diagnostics};
use crate::model::*;

use super::doc::Doc;
use super::raw::*;
use super::Loader;

impl Loader<'_> {
    pub(super) fn agencies(&mut self, langs: &[String]) -> Vec<Agency> {
        let path = self.root.join("agencies.yaml");
        if !path.exists() {
            return Vec::new();
        }
        let Some((raw, doc)) = self.parse::<Vec<RawAgency>>(&path, langs) else {
            return Vec::new();
        };
        let raw = raw.unwrap_or_default();
        let mut d = Diagnostics::new();
        let mut out = Vec::new();
        for (i, a) in raw.iter().enumerate() {
            doc.slug(
                &a.id,
                &format!("{i}.id"),
                ["agency id", "mã cơ quan"],
                &mut d,
            );
            out.push(Agency {
                id: a.id.clone(),
                name: doc.text(&a.name, &format!("{i}.name"), &mut d),
                short: a.short.as_ref().map(|s| s.trim().to_string()),
                aliases: a.aliases.iter().map(|s| s.trim().to_string()).collect(),
            });
        }
        doc.duplicates(
            &raw.iter()
                .enumerate()
                .map(|(i, a)| (a.id.clone(), format!("{i}.id")))
                .collect::<Vec<_>>(),
            ["agency id", "mã cơ quan"],
            &mut d,
        );
        // A name that two agencies claim would resolve arbitrarily: refuse it.
        let mut owner: HashMap<String, (usize, String)> = HashMap::new();
        for (i, a) in out.iter().enumerate() {
            for name in agency_names(a) {
                let key = AgencyLookup::key(&name);
                match owner.get(&key) {
                    Some((j, _)) if *j != i && out[*j].id != a.id => d.push(
                        doc.err(
                            &format!("{i}"),
                            msg!("agency-name-shared",
                                en: "agency name `{name}` is also used by agency `{}`",
                                vi: "tên cơ quan `{name}` cũng được cơ quan `{}` dùng",
                                out[*j].id
                            ),
                        )
                        .with_hint(msg!("agency-name-shared", en: "each name, short name and alias must point to one agency", vi: "mỗi tên, tên ngắn và tên khác (alias) chỉ trỏ tới một cơ quan")),
                    ),
                    Some(_) => {}
                    None => {
                        owner.insert(key, (i, name));
                    }
                }
            }
        }
        self.diags.extend(d);
        out
    }
}

pub(super) fn agency_names(a: &Agency) -> Vec<String> {
    let mut names = vec![a.id.clone()];
    names.extend(a.name.translations.values().cloned());
    names.extend(a.short.iter().cloned());
    names.extend(a.aliases.iter().cloned());
    names
}

/// Resolves an agency as written (id, name in any language, short name or
/// alias; case-insensitive, spaces folded) to its id.
pub struct AgencyLookup {
    by_name: HashMap<String, String>,
    names: Vec<String>,
    /// Do not warn about unknown names (agencies.yaml itself has errors).
    pub quiet: bool,
}

impl AgencyLookup {
    pub fn new(agencies: &[Agency]) -> AgencyLookup {
        let mut by_name = HashMap::new();
        let mut names = Vec::new();
        for a in agencies {
            for n in agency_names(a) {
                by_name.entry(Self::key(&n)).or_insert_with(|| a.id.clone());
                names.push(n);
            }
        }
        AgencyLookup {
            by_name,
            names,
            quiet: false,
        }
    }

    /// Names are compared as people see them: NFC, no invisible
    /// characters, spaces folded, any case (crate::text).
    pub(super) fn key(name: &str) -> String {
        crate::helpers::text::match_key(name)
    }

    pub fn get(&self, written: &str) -> Option<&str> {
        self.by_name.get(&Self::key(written)).map(String::as_str)
    }

    /// `at` gives the path of the name in `doc`, for the warning about an
    /// unknown one.
    pub(super) fn resolve(
        &self,
        doc: &Doc,
        written: &str,
        at: impl FnOnce() -> String,
        d: &mut Diagnostics,
    ) -> AgencyRef {
        // Shown as typed but in NFC: the same letters, whatever the keyboard.
        let written = crate::helpers::text::normalize(written);
        let id = self.get(&written).map(str::to_string);
        if id.is_none() && !self.quiet {
            let mut w = doc.warn(&at(), msg!("unknown-agency", en: "agency `{written}` is not in agencies.yaml", vi: "cơ quan `{written}` không có trong agencies.yaml"));
            let key = Self::key(&written);
            let one_letter = self
                .names
                .iter()
                .find(|n| strsim::levenshtein(&Self::key(n), &key) <= 1)
                .map(String::as_str);
            w = match one_letter
                .or_else(|| did_you_mean(&written, self.names.iter().map(String::as_str)))
            {
                Some(best) => w.with_hint(msg!("did-you-mean",
                    en: "did you mean `{best}`? or add it to agencies.yaml as a name or alias",
                    vi: "có phải là `{best}`? hoặc thêm nó vào agencies.yaml làm tên hoặc tên khác (alias)"
                )),
                None => w.with_hint(
                    msg!("unknown-agency", en: "add it to agencies.yaml (as a name, short name or alias) so its page links it", vi: "thêm nó vào agencies.yaml (làm tên, tên ngắn hoặc alias) để trang của cơ quan liên kết tới"),
                ),
            };
            d.push(w);
        }
        AgencyRef { written, id }
    }
}
