//! Where a report's figures come from and under which terms they are
//! published: the licence, the source documents (with the attached file's
//! size and SHA-256), and the outlook's inputs, for data files and pages.

use serde_json::{json, Value};

use crate::model::{Attachment, Indicator, Period, Report, SiteConfig};

/// The attached source document's path inside the report's data folder.
pub fn attachment_rel(f: &Attachment) -> String {
    format!("source/{}", f.name)
}

/// The site's licence as data files state it, or null when content gives none.
pub fn license_json(config: &SiteConfig) -> Value {
    match &config.license {
        Some(l) => json!({
            "id": l.id,
            "title": l.title.default,
            "url": l.url,
        }),
        None => Value::Null,
    }
}

/// The report's source document (its address and attached file) and references.
pub fn sources_json(r: &Report) -> Value {
    let d = &r.document;
    let mut doc = json!({
        "number": d.number,
        "date": d.date.to_string(),
        "title": r.title.default,
        "url": d.url,
    });
    if let Some(i) = &d.issuer {
        doc["issuer"] = json!(i.default);
    }
    if let Some(f) = &d.file {
        doc["file"] = json!({
            "path": super::paths::data_file(&r.slug, &attachment_rel(f)),
            "bytes": f.size,
            "sha256": f.sha256,
        });
    }
    let mut out = vec![doc];
    for x in &r.references {
        out.push(json!({
            "id": x.id,
            "title": x.title.default,
            "date": x.date.map(|d| d.to_string()),
            "url": x.url,
        }));
    }
    json!(out)
}

/// The outlook of an indicator with every input, so that anyone can
/// recompute it; the reason when there is none.
pub fn outlook_json(i: &Indicator, cutoff: Period) -> Value {
    match i.outlook(cutoff) {
        Ok(o) => json!({
            "method": "Open SDG progress measure (Statistics Canada, after Eurostat): CAGR from the first to the latest value against the CAGR needed to reach the target by its date",
            "status": o.kind.as_str(),
            "first": { "period": o.first.0.to_string(), "value": o.first.1, "time": o.t0 },
            "latest": { "period": o.latest.0.to_string(), "value": o.latest.1, "time": o.t },
            "target": o.target.map(|(v, t)| json!({ "value": v, "time": t })),
            "direction": o.direction,
            "sign": o.sign,
            "cagr": o.cagr,
            "cagr_needed": o.cagr_needed,
            "score": o.score,
            "limit_correction": o.correction,
        }),
        Err(why) => json!({ "status": null, "reason": why }),
    }
}
