//! projects.yaml: the projects of a report and the agencies in charge.

use std::path::Path;

use crate::diagnostics::Diagnostics;
use crate::model::*;

use super::raw::*;
use super::report::ReportScope;
use super::Loader;

impl Loader<'_> {
    pub(super) fn projects(
        &mut self,
        path: &Path,
        langs: &[String],
        scope: &ReportScope,
    ) -> Vec<Project> {
        if !path.exists() {
            return Vec::new();
        }
        let Some((raw, doc)) = self.parse::<Vec<RawProject>>(path, langs) else {
            return Vec::new();
        };
        let mut d = Diagnostics::new();
        let mut out = Vec::new();
        for (i, r) in raw.unwrap_or_default().iter().enumerate() {
            let at = |f: &str| format!("{i}.{f}");
            if let Some(g) = &r.group {
                scope.check_group(&doc, g, &at("group"), &mut d);
            }
            let names = |list: &RawNames, key: &str, d: &mut Diagnostics| -> Vec<AgencyRef> {
                scope
                    .lookup
                    .rejoin(&doc, &list.0, |j| format!("{i}.{key}.{j}"), d)
                    .into_iter()
                    .map(|(j, n)| {
                        // Only a warning needs the place: find it then.
                        let p = || {
                            if list.0.len() == 1
                                && doc.spans().exact(&format!("{i}.{key}.0")).is_none()
                            {
                                at(key)
                            } else {
                                format!("{i}.{key}.{j}")
                            }
                        };
                        scope.lookup.resolve(&doc, &n, p, d)
                    })
                    .collect()
            };
            out.push(Project {
                name: doc.text(&r.name, &at("name"), &mut d),
                category: r
                    .category
                    .as_ref()
                    .map(|t| doc.text(t, &at("category"), &mut d)),
                group: r.group.as_deref().map(crate::helpers::text::normalize),
                lead: match &r.lead {
                    Some(lead) => names(lead, "lead", &mut d),
                    None => {
                        d.push(
                            doc.warn(&at("name"), msg!("missing-lead",
                                en: "this project has no `lead`",
                                vi: "dự án này chưa có cơ quan chủ trì (`lead`)"))
                                .with_hint(msg!("missing-lead",
                                en: "name the agency in charge (chủ trì): `lead: Sở TTTT`; if the plan names none, write `lead: ~`",
                                vi: "ghi cơ quan chủ trì: `lead: Sở TTTT`; nếu kế hoạch không nêu cơ quan nào, ghi `lead: ~`")),
                        );
                        Vec::new()
                    }
                },
                partners: names(&r.partners, "partners", &mut d),
                timeframe: r
                    .timeframe
                    .as_ref()
                    .map(|t| doc.text(t, &at("timeframe"), &mut d)),
                due: r.due.as_ref().and_then(|x| doc.date(x, &at("due"), &mut d)),
                status: r.status,
                source: r
                    .source
                    .as_ref()
                    .map(|s| doc.source(s, &at("source"), scope.references, &mut d)),
            });
        }
        self.diags.extend(d);
        out
    }
}
