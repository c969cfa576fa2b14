//! The shapes editors write, as serde reads them. Unknown keys are refused
//! (`deny_unknown_fields`): a silently ignored typo could drop a target from a
//! public report. Fields that accept several forms (text or localized map,
//! number or map) use small visitors so that errors keep their position.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

/// A plain string (default language) or a map from language code to string.
#[derive(Debug, Clone, PartialEq)]
pub enum RawText {
    Plain(String),
    Map(BTreeMap<String, String>),
}

impl<'de> Deserialize<'de> for RawText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "text, or a map from language code to text such as { vi: ..., en: ... }",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawText, E> {
                Ok(RawText::Plain(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawText, E> {
                Ok(RawText::Plain(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawText, E> {
                Ok(RawText::Plain(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawText, A::Error> {
                Deserialize::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RawText::Map)
            }
        }
        d.deserialize_any(V)
    }
}

/// A period: a bare year `2023` or a string such as `2023-Q2`.
#[derive(Debug, Clone, PartialEq)]
pub struct RawPeriod(pub String);

impl<'de> Deserialize<'de> for RawPeriod {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawPeriod;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a period such as 2023, 2023-H1, 2023-Q2, 2023-06 or 2023-06-30")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawPeriod, E> {
                Ok(RawPeriod(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawPeriod, E> {
                Ok(RawPeriod(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawPeriod, E> {
                Ok(RawPeriod(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// One agency name, or several.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawNames(pub Vec<String>);

impl<'de> Deserialize<'de> for RawNames {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawNames;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an agency name or a list of agency names")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawNames, E> {
                Ok(RawNames(vec![v.to_string()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<RawNames, A::Error> {
                Deserialize::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(RawNames)
            }
            fn visit_unit<E: de::Error>(self) -> Result<RawNames, E> {
                Ok(RawNames(Vec::new()))
            }
        }
        d.deserialize_any(V)
    }
}

/// `source: "Phần I, mục 7"` or `source: { ref: qd-17, at: "Điều 2", url: ... }`.
#[derive(Debug, Clone, PartialEq)]
pub enum RawSource {
    Text(RawText),
    Ref(RawSourceRef),
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSourceRef {
    #[serde(rename = "ref")]
    pub reference: String,
    pub at: Option<String>,
    pub url: Option<String>,
}

impl<'de> Deserialize<'de> for RawSource {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawSource;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a place in the document as text, or { ref: <reference id>, at: ..., url: ... }")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawSource, E> {
                Ok(RawSource::Text(RawText::Plain(v.to_string())))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawSource, A::Error> {
                // A map with `ref` names a reference; any other map is localized text.
                let value: BTreeMap<String, serde_yaml::Value> =
                    Deserialize::deserialize(de::value::MapAccessDeserializer::new(map))?;
                if value.contains_key("ref")
                    || value.contains_key("at")
                    || value.contains_key("url")
                {
                    let v = serde_yaml::to_value(&value).map_err(de::Error::custom)?;
                    serde_yaml::from_value(v)
                        .map(RawSource::Ref)
                        .map_err(de::Error::custom)
                } else {
                    let mut texts = BTreeMap::new();
                    for (k, v) in value {
                        match v {
                            serde_yaml::Value::String(s) => {
                                texts.insert(k, s);
                            }
                            _ => return Err(de::Error::custom(format!("`{k}`: expected text"))),
                        }
                    }
                    Ok(RawSource::Text(RawText::Map(texts)))
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// A number as YAML gave it, or text the editor meant as a number
/// (`56,6`, `57,2%`, `2.266.097`): the loader reads it or explains why not.
#[derive(Debug, Clone, PartialEq)]
pub enum RawNumber {
    Number(f64),
    Text(String),
}

impl<'de> Deserialize<'de> for RawNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawNumber;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawNumber, E> {
                Ok(RawNumber::Number(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawNumber, E> {
                Ok(RawNumber::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawNumber, E> {
                Ok(RawNumber::Number(v as f64))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawNumber, E> {
                Ok(RawNumber::Text(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// `target: 50` (shorthand for `>= 50`), the full map, or text such as
/// `"≥ 50%"` that the loader reads (or refuses) with a message.
#[derive(Debug, Clone, PartialEq)]
pub enum RawTarget {
    Number(f64),
    Text(String),
    Full(RawTargetMap),
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTargetMap {
    pub value: Option<RawNumber>,
    pub op: Option<String>,
    pub by: Option<RawPeriod>,
    pub text: Option<RawText>,
    pub source: Option<RawSource>,
}

impl<'de> Deserialize<'de> for RawTarget {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawTarget;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number, or { value: 50, op: \">=\", by: 2023, source: ... }, or { text: ... }")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawTarget, E> {
                Ok(RawTarget::Number(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawTarget, E> {
                Ok(RawTarget::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawTarget, E> {
                Ok(RawTarget::Number(v as f64))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawTarget, E> {
                Ok(RawTarget::Text(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawTarget, A::Error> {
                Deserialize::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RawTarget::Full)
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSite {
    pub title: RawText,
    pub base_url: String,
    pub languages: Option<Vec<String>>,
    pub publisher: Option<RawText>,
    pub theme: Option<String>,
    pub license: Option<RawLicense>,
    pub charts: Option<RawCharts>,
    /// Boundary files for maps, each valid for a range of days.
    #[serde(default)]
    pub boundaries: Vec<RawBoundarySet>,
}

/// `charts: { png: reports }`; or a lone word (`charts: all`), kept so
/// that its error can say which setting to write.
#[derive(Debug, Default)]
pub struct RawCharts {
    pub png: Option<String>,
    pub word: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChartSettings {
    png: Option<String>,
}

impl<'de> Deserialize<'de> for RawCharts {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawCharts;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping of `key: value` lines")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<RawCharts, E> {
                Ok(RawCharts {
                    png: None,
                    word: Some(s.to_string()),
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawCharts, A::Error> {
                let s = RawChartSettings::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawCharts {
                    png: s.png,
                    word: None,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// `boundaries: [{ file: boundaries/provinces.geojson, code_property: code,
/// from: 2025-07-01, until: … }]` in site.yaml.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBoundarySet {
    pub file: String,
    pub code_property: Option<String>,
    pub from: Option<RawPeriod>,
    pub until: Option<RawPeriod>,
}

/// `license: { id: CC-BY-4.0, title: ..., url: ... }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLicense {
    pub id: String,
    pub title: Option<RawText>,
    pub url: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAgency {
    pub id: String,
    pub name: RawText,
    pub short: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReport {
    pub title: RawText,
    pub period: RawPeriod,
    pub baseline_period: Option<RawPeriod>,
    pub as_of: Option<RawPeriod>,
    pub published: Option<RawPeriod>,
    pub updated: Option<RawPeriod>,
    pub document: RawDocument,
    #[serde(default)]
    pub references: Vec<RawReference>,
    pub groups: Vec<RawGroup>,
    /// `minhbach init`'s made-up example (see [`crate::model::Report::sample`]).
    #[serde(default)]
    pub sample: bool,
    /// The code of the area the report covers (content/areas.yaml).
    pub area: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDocument {
    pub number: String,
    pub date: RawPeriod,
    pub issuer: Option<RawText>,
    pub url: Option<String>,
    pub file: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReference {
    pub id: String,
    pub title: RawText,
    pub date: Option<RawPeriod>,
    pub url: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    pub id: String,
    pub name: RawText,
    pub description: Option<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIndicator {
    pub id: String,
    pub group: String,
    pub name: RawText,
    pub unit: Option<String>,
    pub decimals: Option<i64>,
    pub target: Option<RawTarget>,
    #[serde(default)]
    pub values: Vec<RawValue>,
    /// Missing: a warning (every indicator has an agency in charge);
    /// `lead: ~` says the plan names none.
    #[serde(default, deserialize_with = "explicit")]
    pub lead: Option<Option<String>>,
    #[serde(default)]
    pub partners: RawNames,
    pub note: Option<RawText>,
    pub better: Option<RawBetter>,
    /// A code shared with the same measure in other reports.
    pub code: Option<String>,
    /// What the parts split the measure by (`Cấp` / `Level`).
    pub breakdown: Option<RawText>,
    /// The measure's parts (by level, district, sector …), each with its
    /// own target and values.
    #[serde(default)]
    pub parts: Vec<RawPart>,
}

/// One part of an indicator (`parts:`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPart {
    pub id: String,
    pub name: RawText,
    pub target: Option<RawTarget>,
    #[serde(default)]
    pub values: Vec<RawValue>,
}

/// `better: higher` or `better: lower`.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawBetter {
    Higher,
    Lower,
}

/// [`explicit`] for agency names.
fn explicit_names<'de, D: Deserializer<'de>>(d: D) -> Result<Option<RawNames>, D::Error> {
    RawNames::deserialize(d).map(Some)
}

/// A field that is there, even as `~`, is `Some`: with `#[serde(default)]`
/// a missing one stays `None`.
fn explicit<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawValue {
    pub period: RawPeriod,
    pub value: RawNumber,
    pub source: Option<RawSource>,
    #[serde(default)]
    pub estimate: bool,
    pub proxy: Option<RawText>,
    pub unit: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProject {
    pub name: RawText,
    pub category: Option<RawText>,
    pub group: Option<String>,
    /// Missing: a warning; `lead: ~` says the plan names none.
    #[serde(default, deserialize_with = "explicit_names")]
    pub lead: Option<RawNames>,
    #[serde(default)]
    pub partners: RawNames,
    pub timeframe: Option<RawText>,
    pub due: Option<RawPeriod>,
    pub status: Option<crate::model::ProjectStatus>,
    pub source: Option<RawSource>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDataset {
    pub title: RawText,
    pub description: Option<RawText>,
    pub source: Option<RawSource>,
    pub columns: Vec<RawColumn>,
    /// `None`: the rows are kept in a spreadsheet beside the file.
    #[serde(default)]
    pub rows: Option<Vec<BTreeMap<String, RawCell>>>,
    pub chart: Option<RawChart>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawColumn {
    pub id: String,
    pub name: RawText,
    pub unit: Option<String>,
}

/// A table cell: a number, text (plain or localized), or nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum RawCell {
    Null,
    Number(f64),
    Text(RawText),
}

impl<'de> Deserialize<'de> for RawCell {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawCell;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number, text, or nothing")
            }
            fn visit_unit<E: de::Error>(self) -> Result<RawCell, E> {
                Ok(RawCell::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<RawCell, E> {
                Ok(RawCell::Null)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawCell, E> {
                Ok(RawCell::Number(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawCell, E> {
                Ok(RawCell::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawCell, E> {
                Ok(RawCell::Number(v as f64))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawCell, E> {
                Ok(RawCell::Text(RawText::Plain(v.to_string())))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawCell, E> {
                Ok(RawCell::Text(RawText::Plain(v.to_string())))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawCell, A::Error> {
                Deserialize::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|m| RawCell::Text(RawText::Map(m)))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChart {
    #[serde(rename = "type")]
    pub kind: RawChartType,
    pub x: Option<String>,
    pub y: Option<RawNames>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawChartType {
    Bar,
    Line,
    None,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    pub title: String,
    pub kind: crate::model::SectionKind,
    pub group: Option<String>,
    pub order: Option<i64>,
    pub source: Option<String>,
}

/// One area of `areas.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawArea {
    pub code: String,
    pub name: RawText,
    #[serde(default)]
    pub replaced_by: Option<RawNames>,
    pub from: Option<RawPeriod>,
    /// `national` or `region`: a reference shown beside the areas compared.
    #[serde(default)]
    pub kind: Option<RawAreaKind>,
}

/// `kind: national` or `kind: region` in areas.yaml.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawAreaKind {
    National,
    Region,
}
