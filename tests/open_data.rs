//! The open data of the bundled example (Hải Dương 2023), read back as a
//! re-user would: the CSV files parsed with an RFC 4180 reader and compared
//! with the YAML they come from, the JSON with the CSV, the Frictionless data
//! package with the files it describes, SHA256SUMS with the bytes, and the zip
//! with the files, twice built to the same bytes.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::PathBuf;

use serde_yaml::Value as Yaml;
use sha2::{Digest, Sha256};

const SLUG: &str = "hai-duong-2023";
const DATA: &str = "reports/hai-duong-2023/data";
const BOM: &[u8] = b"\xef\xbb\xbf";

fn content() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content")
}

fn build() -> BTreeMap<String, Vec<u8>> {
    let (out, diags) = minhbach::build(&content(), &Default::default());
    let out = out.unwrap_or_else(|| panic!("the example does not build: {diags:?}"));
    out.files
}

/// The files of the report's data folder, by path relative to it.
/// The data files of the report (the folder also holds the HTML page listing them).
fn data_files(files: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    let prefix = format!("{DATA}/");
    files
        .iter()
        .filter(|(k, _)| !k.ends_with(".html"))
        .filter_map(|(k, v)| Some((k.strip_prefix(&prefix)?.to_string(), v.clone())))
        .collect()
}

fn yaml(rel: &str) -> Yaml {
    let path = content().join(format!("reports/{SLUG}/{rel}"));
    serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// An RFC 4180 reader: quoted fields with doubled quotes, CRLF records. The
/// file must start with a UTF-8 byte order mark, which is removed.
fn parse_csv(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes
        .strip_prefix(BOM)
        .expect("a CSV file starts with a UTF-8 BOM");
    let text = std::str::from_utf8(body).expect("a CSV file is UTF-8");
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut was_quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' => {
                assert!(field.is_empty(), "a quote inside an unquoted field");
                quoted = true;
                was_quoted = true;
            }
            ',' => {
                record.push(std::mem::take(&mut field));
                was_quoted = false;
            }
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "records end with CRLF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                was_quoted = false;
            }
            '\n' => panic!("a bare LF outside quotes"),
            _ => {
                assert!(!was_quoted, "text after a closing quote");
                field.push(c);
            }
        }
    }
    assert!(!quoted, "unterminated quoted field");
    assert!(
        field.is_empty() && record.is_empty(),
        "the last record does not end with CRLF"
    );
    let width = records[0].len();
    for r in &records {
        assert_eq!(r.len(), width, "ragged record {r:?}");
    }
    records
}

/// The CSV as maps of column → value, with its header.
fn table(bytes: &[u8]) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let mut records = parse_csv(bytes);
    let header = records.remove(0);
    let rows = records
        .into_iter()
        .map(|r| header.iter().cloned().zip(r).collect())
        .collect();
    (header, rows)
}

/// Text in the default language (`vi`): a plain string or a map by language.
fn text(v: &Yaml) -> String {
    match v {
        Yaml::String(s) => s.clone(),
        Yaml::Mapping(_) => v["vi"].as_str().unwrap().to_string(),
        Yaml::Null => String::new(),
        other => panic!("not a text: {other:?}"),
    }
}

/// A text as the CSV writes it: one that starts like a formula gets a quote mark.
fn csv_text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@']) && s.parse::<f64>().is_err() {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// A scalar as written in YAML (a period `2022` is a number there).
fn scalar(v: &Yaml) -> String {
    match v {
        Yaml::String(s) => s.clone(),
        Yaml::Number(n) => n.to_string(),
        Yaml::Null => String::new(),
        other => panic!("not a scalar: {other:?}"),
    }
}

fn number(v: &Yaml) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v:?}"))
}

fn parse_number(s: &str) -> f64 {
    s.parse()
        .unwrap_or_else(|_| panic!("`{s}` is not a plain number"))
}

#[test]
fn indicators_csv_rows_match_the_yaml() {
    let files = data_files(&build());
    let (header, rows) = table(&files["indicators.csv"]);
    assert_eq!(header[..2], ["report", "indicator_id"]);
    let indicators = yaml("indicators.yaml");
    let indicators = indicators.as_sequence().unwrap();
    assert_eq!(indicators.len(), 33);

    // Indicators in YAML order, each with consecutive rows.
    let mut ids: Vec<&str> = rows.iter().map(|r| r["indicator_id"].as_str()).collect();
    ids.dedup();
    let yaml_ids: Vec<&str> = indicators
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, yaml_ids);

    let mut value_rows = 0;
    let mut part_rows = 0;
    // Each indicator's own rows, then each part's (its own target and
    // values, under the indicator's id and name, `part` naming it).
    let mut records: Vec<(Yaml, &str)> = Vec::new();
    for ind in indicators {
        records.push((ind.clone(), ""));
        for p in ind["parts"].as_sequence().into_iter().flatten() {
            let mut as_ind = ind.clone();
            let m = as_ind.as_mapping_mut().unwrap();
            m.remove("parts");
            m.insert(
                "target".into(),
                p.get("target").cloned().unwrap_or(Yaml::Null),
            );
            m.insert(
                "values".into(),
                p.get("values").cloned().unwrap_or(Yaml::Null),
            );
            records.push((as_ind, p["id"].as_str().unwrap()));
        }
    }
    for (ind, part) in &records {
        let id = ind["id"].as_str().unwrap();
        let mine: Vec<_> = rows
            .iter()
            .filter(|r| r["indicator_id"] == id && r["part"] == *part)
            .collect();
        part_rows += mine.len() * usize::from(!part.is_empty());
        let has_parts = ind.get("parts").is_some();
        for r in &mine {
            assert_eq!(r["report"], SLUG);
            assert_eq!(r["group_id"], ind["group"].as_str().unwrap(), "{id}");
            assert_eq!(r["indicator_name"], csv_text(&text(&ind["name"])), "{id}");
            let unit = ind.get("unit").and_then(Yaml::as_str).unwrap_or("count");
            assert_eq!(r["unit"], unit, "{id}");
            assert_eq!(r["lead"], csv_text(&text(&ind["lead"])), "{id}");
            let partners: Vec<String> = ind["partners"]
                .as_sequence()
                .map(|p| p.iter().map(text).collect())
                .unwrap_or_default();
            assert_eq!(r["partners"], csv_text(&partners.join("; ")), "{id}");
            assert!(
                [
                    "met",
                    "not-met",
                    "not-yet-due",
                    "overdue",
                    "no-data",
                    "proxy",
                    "no-target"
                ]
                .contains(&r["status"].as_str()),
                "{id}: status {}",
                r["status"]
            );

            let target = &ind["target"];
            if target.is_null() && has_parts {
                // A measure whose targets are in its parts: their status.
                assert_ne!(r["status"], "no-target", "{id}");
            } else if target.is_null() {
                assert_eq!(r["status"], "no-target", "{id}");
                for c in ["target_op", "target_value", "target_text", "target_by"] {
                    assert_eq!(r[c], "", "{id}: {c}");
                }
            } else if let Some(v) = target.get("value") {
                let op = match target.get("op").and_then(Yaml::as_str).unwrap_or(">=") {
                    "≥" => ">=",
                    "≤" => "<=",
                    "==" => "=",
                    op => op,
                };
                assert_eq!(r["target_op"], op, "{id}");
                assert_eq!(parse_number(&r["target_value"]), number(v), "{id}");
                assert_eq!(r["target_text"], "", "{id}");
                let by = target.get("by").map(scalar).unwrap_or("2023".into());
                assert_eq!(r["target_by"], by, "{id}");
                let source = target.get("source").map(text).unwrap_or_default();
                assert_eq!(r["target_source"], csv_text(&source), "{id}");
            } else {
                assert_eq!(r["target_op"], "", "{id}");
                assert_eq!(r["target_value"], "", "{id}");
                assert_eq!(r["target_text"], csv_text(&text(&target["text"])), "{id}");
                assert_eq!(r["status"], "no-target", "{id}");
            }
        }

        // One row per value, each with its period, value and source; one empty
        // row for an indicator with no value.
        let values = ind["values"].as_sequence().cloned().unwrap_or_default();
        if values.is_empty() {
            assert_eq!(mine.len(), 1, "{id}");
            assert_eq!(
                (
                    mine[0]["period"].as_str(),
                    mine[0]["value"].as_str(),
                    mine[0]["is_latest"].as_str()
                ),
                ("", "", "false"),
                "{id}"
            );
            // The example is as of 2024-03-31, past its 2023 targets.
            assert!(
                ["overdue", "no-data", "no-target"].contains(&mine[0]["status"].as_str()),
                "{id}"
            );
            continue;
        }
        assert_eq!(mine.len(), values.len(), "{id}");
        let mut expected: Vec<(String, f64, String)> = values
            .iter()
            .map(|v| {
                (
                    scalar(&v["period"]),
                    number(&v["value"]),
                    csv_text(&v.get("source").map(text).unwrap_or_default()),
                )
            })
            .collect();
        let mut got: Vec<(String, f64, String)> = mine
            .iter()
            .map(|r| {
                (
                    r["period"].clone(),
                    parse_number(&r["value"]),
                    r["value_source"].clone(),
                )
            })
            .collect();
        expected.sort_by(|a, b| a.0.cmp(&b.0));
        got.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(got, expected, "{id}");
        assert_eq!(
            mine.iter().filter(|r| r["is_latest"] == "true").count(),
            1,
            "{id}: one latest value"
        );
        value_rows += values.len();
    }
    assert!(value_rows > 0);
    // The example's level targets: one row for each of its three parts.
    assert_eq!(part_rows, 3);
}

#[test]
fn projects_csv_rows_match_the_yaml() {
    let files = data_files(&build());
    let (_, rows) = table(&files["projects.csv"]);
    let projects = yaml("projects.yaml");
    let projects = projects.as_sequence().unwrap();
    assert_eq!(rows.len(), projects.len());
    assert_eq!(rows.len(), 45);
    for (k, (r, p)) in rows.iter().zip(projects).enumerate() {
        assert_eq!(r["report"], SLUG);
        assert_eq!(r["number"], (k + 1).to_string());
        assert_eq!(r["name"], csv_text(&text(&p["name"])), "project {}", k + 1);
        let leads: Vec<String> = match &p["lead"] {
            Yaml::Sequence(list) => list.iter().map(text).collect(),
            Yaml::Null => Vec::new(),
            one => vec![text(one)],
        };
        assert_eq!(r["lead"], csv_text(&leads.join("; ")), "project {}", k + 1);
        assert_eq!(r["due"], p.get("due").map(scalar).unwrap_or_default());
    }
}

#[test]
fn indicators_json_statuses_equal_the_csv() {
    let files = data_files(&build());
    let (_, rows) = table(&files["indicators.csv"]);
    let json: serde_json::Value = serde_json::from_slice(&files["indicators.json"]).unwrap();
    let items = json["indicators"].as_array().unwrap();
    assert_eq!(items.len(), 33);
    for item in items {
        let id = item["id"].as_str().unwrap();
        let status = item["status"].as_str().unwrap();
        let mine: Vec<_> = rows.iter().filter(|r| r["indicator_id"] == id).collect();
        assert!(!mine.is_empty(), "{id} is not in the CSV");
        for r in mine {
            assert_eq!(r["status"], status, "{id}");
        }
        let latest = rows
            .iter()
            .find(|r| r["indicator_id"] == id && r["is_latest"] == "true")
            .map(|r| r["period"].as_str());
        assert_eq!(item["latest_period"].as_str(), latest, "{id}");
    }
}

/// Whether `value` of a CSV cell is a valid `kind` value (empty is missing).
fn conforms(kind: &str, value: &str) -> bool {
    if value.is_empty() {
        return true;
    }
    match kind {
        "string" => true,
        "number" => value.parse::<f64>().is_ok_and(f64::is_finite),
        "integer" => value.parse::<i64>().is_ok(),
        "boolean" => value == "true" || value == "false",
        "year" => value.len() == 4 && value.parse::<u16>().is_ok(),
        "date" => {
            let b = value.as_bytes();
            b.len() == 10
                && b[4] == b'-'
                && b[7] == b'-'
                && value
                    .split('-')
                    .all(|p| p.bytes().all(|c| c.is_ascii_digit()))
        }
        _ => false,
    }
}

#[test]
fn datapackage_describes_every_csv_file_exactly() {
    let files = data_files(&build());
    let package: serde_json::Value = serde_json::from_slice(&files["datapackage.json"]).unwrap();
    assert_eq!(package["profile"], "tabular-data-package");
    assert_eq!(package["name"], SLUG);
    assert_eq!(
        package["title"],
        "Kế hoạch chuyển đổi số tỉnh Hải Dương năm 2023"
    );
    assert!(package["description"]
        .as_str()
        .unwrap()
        .contains("1914/KH-UBND"));
    // The example declares its licence in site.yaml (was: none declared).
    assert_eq!(
        package["licenses"],
        serde_json::json!([{
            "name": "CC-BY-4.0",
            "title": "Creative Commons Ghi công 4.0 Quốc tế",
            "path": "https://creativecommons.org/licenses/by/4.0/"
        }])
    );
    let sources = package["sources"].as_array().unwrap();
    assert_eq!(sources[0]["number"], "1914/KH-UBND");
    assert_eq!(sources[0]["date"], "2023-06-05");
    assert_eq!(sources[0]["issuer"], "Ủy ban nhân dân tỉnh Hải Dương");
    assert_eq!(sources.len(), 1 + 4, "the document and its 4 references");
    for s in sources {
        assert!(s["title"].as_str().is_some_and(|t| !t.is_empty()));
    }

    let resources = package["resources"].as_array().unwrap();
    let csv_files: Vec<&String> = files.keys().filter(|k| k.ends_with(".csv")).collect();
    assert_eq!(resources.len(), csv_files.len());
    assert_eq!(resources.len(), 2 + 9);
    let mut names = Vec::new();
    for res in resources {
        let path = res["path"].as_str().unwrap();
        let bytes = files
            .get(path)
            .unwrap_or_else(|| panic!("{path} is described but not written"));
        let name = res["name"].as_str().unwrap();
        assert!(
            !name.is_empty()
                && name
                    .bytes()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || b"._-".contains(&c)),
            "resource name {name}"
        );
        names.push(name);
        assert_eq!(res["profile"], "tabular-data-resource", "{path}");
        assert_eq!(res["format"], "csv", "{path}");
        assert_eq!(res["mediatype"], "text/csv", "{path}");
        assert_eq!(res["encoding"], "utf-8-sig", "{path}");
        assert_eq!(res["dialect"]["lineTerminator"], "\r\n", "{path}");
        assert_eq!(res["dialect"]["header"], true, "{path}");
        assert!(
            res["title"].as_str().is_some_and(|t| !t.is_empty()),
            "{path}"
        );
        assert_eq!(res["bytes"].as_u64(), Some(bytes.len() as u64), "{path}");
        assert_eq!(
            res["hash"].as_str().unwrap(),
            format!("sha256:{}", sha256_hex(bytes)),
            "{path}"
        );

        let fields = res["schema"]["fields"].as_array().unwrap();
        let (header, rows) = table(bytes);
        let field_names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
        assert_eq!(field_names, header, "{path}: schema fields and CSV header");
        for f in fields {
            let kind = f["type"].as_str().unwrap();
            assert!(
                ["string", "number", "integer", "boolean", "date", "year"].contains(&kind),
                "{path}: field {} has type {kind}",
                f["name"]
            );
            let column = f["name"].as_str().unwrap();
            for r in &rows {
                assert!(
                    conforms(kind, &r[column]),
                    "{path}: `{}` in {column} is not a {kind}",
                    r[column]
                );
                if f["constraints"]["required"] == true {
                    assert!(!r[column].is_empty(), "{path}: {column} is required");
                }
                if let Some(choices) = f["constraints"]["enum"].as_array() {
                    assert!(
                        r[column].is_empty() || choices.iter().any(|c| c == r[column].as_str()),
                        "{path}: `{}` in {column} is not one of {choices:?}",
                        r[column]
                    );
                }
            }
        }
    }
    names.sort();
    names.dedup();
    assert_eq!(names.len(), resources.len(), "resource names are unique");

    // Units: the indicators point at their unit column, datasets carry theirs.
    let indicators = &resources[0];
    assert_eq!(indicators["path"], "indicators.csv");
    let value = indicators["schema"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "value")
        .unwrap();
    assert_eq!(value["type"], "number");
    assert_eq!(value["unitField"], "unit");
    let by_level = resources
        .iter()
        .find(|r| r["path"] == "datasets/digitisation-by-level.csv")
        .unwrap();
    let value = &by_level["schema"]["fields"][1];
    assert_eq!(
        (&value["name"], &value["unit"]),
        (&"value".into(), &"percent".into())
    );
}

#[test]
fn sha256sums_list_every_data_file() {
    let files = data_files(&build());
    let sums = std::str::from_utf8(&files["SHA256SUMS"]).unwrap();
    assert!(sums.ends_with('\n'));
    let mut paths = Vec::new();
    for line in sums.lines() {
        let (hex, path) = line.split_once("  ").expect("`<hex>  <path>`");
        assert_eq!(hex.len(), 64);
        assert!(hex
            .bytes()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert_eq!(hex, sha256_hex(&files[path]), "{path}");
        paths.push(path);
    }
    // Every CSV and JSON file, and the attached source document.
    let expected: Vec<&str> = files
        .keys()
        .map(String::as_str)
        .filter(|k| {
            k.ends_with(".csv")
                || k.ends_with(".json")
                || k.ends_with(".xlsx")
                || k.starts_with("source/")
        })
        .collect();
    assert!(expected.contains(&"datapackage.json"));
    assert!(expected.contains(&"indicators.xlsx"));
    assert_eq!(expected.len(), 3 * (2 + 9) + 1 + 1);
    assert_eq!(
        paths, expected,
        "every CSV, XLSX and JSON file and the attached document, sorted by path"
    );
}

#[test]
fn the_zip_holds_every_data_file_and_is_reproducible() {
    let all = build();
    let files = data_files(&all);
    let zip_name = format!("{SLUG}-data.zip");
    let zip_bytes = &files[&zip_name];
    let mut archive = zip::ZipArchive::new(Cursor::new(zip_bytes.clone())).unwrap();
    let mut entries = BTreeMap::new();
    let mut order = Vec::new();
    for k in 0..archive.len() {
        let mut f = archive.by_index(k).unwrap();
        assert!(f.is_file());
        assert_eq!(f.compression(), zip::CompressionMethod::Deflated);
        assert_eq!(
            f.unix_mode().map(|m| m & 0o777),
            Some(0o644),
            "{}",
            f.name().unwrap()
        );
        let t = f.last_modified().unwrap();
        assert_eq!(
            (
                t.year(),
                t.month(),
                t.day(),
                t.hour(),
                t.minute(),
                t.second()
            ),
            (2023, 6, 5, 0, 0, 0),
            "the document's date"
        );
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        let name = f.name().unwrap().to_string();
        order.push(name.clone());
        entries.insert(name, bytes);
    }
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "entries in sorted order");
    let expected: BTreeMap<String, Vec<u8>> = files
        .iter()
        .filter(|(k, _)| **k != zip_name)
        .map(|(k, v)| (format!("{SLUG}-data/{k}"), v.clone()))
        .collect();
    assert!(expected.contains_key(&format!("{SLUG}-data/SHA256SUMS")));
    assert_eq!(
        entries.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    assert!(entries == expected, "zip entries differ from the files");

    // Nothing in the bytes depends on when or where the build ran.
    let again = build();
    assert!(
        again[&format!("{DATA}/{zip_name}")] == *zip_bytes,
        "two builds gave different zip bytes"
    );
    for (k, v) in &all {
        if k.starts_with(DATA) {
            assert!(again[k] == *v, "{k} differs between two builds");
        }
    }
}

#[test]
fn vietnamese_text_survives_in_the_csv_files() {
    let files = data_files(&build());
    for (path, bytes) in files.iter().filter(|(k, _)| k.ends_with(".csv")) {
        assert!(bytes.starts_with(BOM), "{path}: no BOM");
        let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
        let header_end = text.find('\n').unwrap();
        assert_eq!(&text[header_end - 1..header_end], "\r", "{path}: CRLF");
        assert!(!text.contains('\u{fffd}'), "{path}: replacement character");
    }
    let indicators = std::str::from_utf8(&files["indicators.csv"]).unwrap();
    assert!(
        indicators.contains("Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng")
            && indicators.contains(",province,cấp tỉnh\r\n")
    );
    assert!(indicators.contains("Chính quyền số"));
    let projects = std::str::from_utf8(&files["projects.csv"]).unwrap();
    assert!(projects.contains("Sở Thông tin và Truyền thông"));
    // Precomposed characters stay precomposed (NFC), as typed in the YAML.
    assert!(projects.contains("Th\u{00f4}ng tin"));
    let (_, rows) = table(&files["datasets/e-commerce.csv"]);
    assert_eq!(rows[0]["unit"], "hộ");
}

/// indicators.csv (and so its .xlsx) says what the YAML says of a value:
/// an estimate, a proxy and its unit; and an indicator's `better`.
#[test]
fn estimates_proxies_and_better_are_in_the_csv_and_xlsx() {
    let files = data_files(&build());
    let rows = parse_csv(&files["indicators.csv"]);
    let header = &rows[0];
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
    };
    let row = |id: &str, period: &str| {
        rows.iter()
            .find(|r| r[col("indicator_id")] == id && r[col("period")] == period)
            .unwrap_or_else(|| panic!("no row {id} {period}"))
    };
    let share = row("digital-economy-share", "2022");
    assert_eq!(share[col("value_estimate")], "true");
    assert_eq!(share[col("value_proxy")], "");
    let fibre = row("fibre-household-coverage", "2022");
    assert_eq!(fibre[col("value_estimate")], "true");
    assert!(fibre[col("value_proxy")].starts_with("số thuê bao FTTH trên 100 hộ gia đình"));
    assert_eq!(fibre[col("value_proxy_unit")], "per-100");
    let plain = row("labour-productivity-growth", "2022");
    assert_eq!(plain[col("value_estimate")], "false");
    assert_eq!(plain[col("better")], "");
    // The same columns in the .xlsx beside it.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("indicators.xlsx");
    std::fs::write(&path, &files["indicators.xlsx"]).unwrap();
    use calamine::{open_workbook_auto, Data, Reader};
    let mut book = open_workbook_auto(&path).unwrap();
    let range = book.worksheet_range("indicators").unwrap();
    let last = range.width() - 1;
    // The parts' columns (issue 18) come last, after the proxy's unit.
    let names: Vec<_> = (last - 2..=last)
        .map(|c| range.get((0, c)).cloned())
        .collect();
    assert_eq!(
        names,
        ["value_proxy_unit", "part", "part_name"].map(|n| Some(Data::String(n.into())))
    );
}
