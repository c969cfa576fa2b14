use super::package::*;
use super::tables::*;
use super::*;

#[test]
fn schemas_name_the_csv_columns_in_order() {
    let names = |schema: Value| -> Vec<String> {
        schema["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names(indicators_schema()), INDICATOR_COLUMNS);
    assert_eq!(names(projects_schema()), PROJECT_COLUMNS);
}

#[test]
fn downloads_list_the_zip_first_with_sizes() {
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let (site, _) = crate::load::load_site(&content);
    let site = site.expect("the example loads");
    let mut out = Output::default();
    let r = &site.reports[0];
    write_report_data(&site.config, r, true, &mut out);
    let list = downloads(r, &out);
    let kinds: Vec<&str> = list.iter().map(|f| f.kind).collect();
    assert_eq!(kinds[..5], ["zip", "datapackage", "csv", "xlsx", "json"]);
    assert_eq!(kinds.last(), Some(&"checksums"));
    let attached = usize::from(r.document.file.is_some());
    assert_eq!(list.len(), 3 + 3 * (2 + r.datasets.len()) + attached);
    assert_eq!(list[0].name, format!("{}-data.zip", r.slug));
    assert_eq!(
        list[0].path,
        format!("reports/{}/data/{}-data.zip", r.slug, r.slug)
    );
    let d = &r.datasets[0];
    let csv = list
        .iter()
        .find(|f| f.path.ends_with(&format!("datasets/{}.csv", d.id)))
        .unwrap();
    assert_eq!(csv.name, format!("{}.csv", d.id));
    for f in &list {
        assert_eq!(f.bytes, out.files[&f.path].len(), "{}", f.path);
        assert!(f.bytes > 0, "{}", f.path);
    }
    // Every data file of the report is listed.
    let prefix = format!("reports/{}/data/", r.slug);
    assert_eq!(
        out.files.keys().filter(|k| k.starts_with(&prefix)).count(),
        list.len()
    );
    let json = serde_json::to_value(&list[0]).unwrap();
    assert_eq!(json["kind"], "zip");
}

#[test]
fn resource_names_are_lowercase_ascii() {
    assert_eq!(resource_name("Hải Dương 2023"), "hai-duong-2023");
    assert_eq!(resource_name("e-commerce_v1.2"), "e-commerce_v1.2");
    assert_eq!(resource_name(""), "data");
}

#[test]
fn checksums_are_sorted_sha256sum_lines() {
    let files = BTreeMap::from([
        ("b.csv".to_string(), b"b".to_vec()),
        ("a.json".to_string(), Vec::new()),
    ]);
    assert_eq!(
        String::from_utf8(sha256sums(&files)).unwrap(),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  a.json\n\
         3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d  b.csv\n"
    );
}

#[test]
fn csv_quotes_and_neutralises_formulas() {
    assert_eq!(csv_field("a,b"), "\"a,b\"");
    assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(csv_field("=HYPERLINK(1)"), "\"'=HYPERLINK(1)\"");
    assert_eq!(csv_field("-5"), "-5");
    // The target operator is not a formula.
    assert_eq!(csv_field("="), "=");
    assert_eq!(csv_field(">="), ">=");
    assert_eq!(csv_field("=1+1"), "\"'=1+1\"");
    assert_eq!(csv_field("Sở TTTT"), "Sở TTTT");
}
