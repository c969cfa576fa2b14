//! `minhbach init` and `minhbach new report`: a small, valid starting point
//! that builds at once, for editors who have never written one.

use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostics::Msg;
use crate::load::{is_slug, slugify};

const SITE: &str = include_str!("scaffold/site.yaml");
const AGENCIES: &str = include_str!("scaffold/agencies.yaml");
/// (file name, contents) of a starter report.
const REPORT: &[(&str, &str)] = &[
    ("report.yaml", include_str!("scaffold/report/report.yaml")),
    (
        "indicators.yaml",
        include_str!("scaffold/report/indicators.yaml"),
    ),
    (
        "projects.yaml",
        include_str!("scaffold/report/projects.yaml"),
    ),
    ("ket-qua.md", include_str!("scaffold/report/ket-qua.md")),
    (
        "ket-qua.en.md",
        include_str!("scaffold/report/ket-qua.en.md"),
    ),
    ("han-che.md", include_str!("scaffold/report/han-che.md")),
    ("giai-phap.md", include_str!("scaffold/report/giai-phap.md")),
];

fn fill(text: &str, year: i32) -> String {
    text.replace("{year}", &year.to_string())
        .replace("{prev}", &(year - 1).to_string())
}

/// `path: reason` of a file or folder that could not be written.
fn io_msg(path: &Path, e: &std::io::Error) -> Msg {
    let reason = crate::diagnostics::io_reason(e);
    let (en, vi) = (reason.en(), reason.vi());
    msg!("cannot-write", en: "{}: {en}", vi: "{}: {vi}", path.display())
}

fn write_new(path: &Path, text: &str, written: &mut Vec<PathBuf>) -> Result<(), Msg> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| io_msg(dir, &e))?;
    }
    fs::write(path, text).map_err(|e| io_msg(path, &e))?;
    written.push(path.to_path_buf());
    Ok(())
}

/// Create a new site in `dir` (which must be empty or not exist yet): `content/`
/// with site settings, agencies and one report for `year`.
pub fn init(dir: &Path, year: i32) -> Result<Vec<PathBuf>, Msg> {
    if dir.exists() {
        if !dir.is_dir() {
            return Err(
                msg!("init-refused", en: "{} is a file, not a folder", vi: "{} là một tệp, không phải thư mục", dir.display()),
            );
        }
        let mut entries = fs::read_dir(dir).map_err(|e| io_msg(dir, &e))?;
        if entries.next().is_some() {
            return Err(msg!("init-refused",
                en: "{} is not empty; init only writes into a new or empty folder",
                vi: "{} không trống; init chỉ tạo trang trong thư mục mới hoặc trống",
                dir.display()
            ));
        }
    }
    let mut written = Vec::new();
    let content = dir.join("content");
    write_new(&content.join("site.yaml"), SITE, &mut written)?;
    write_new(&content.join("agencies.yaml"), AGENCIES, &mut written)?;
    write_new(&dir.join(".gitignore"), "/public\n", &mut written)?;
    written.extend(new_report(&content, &format!("ke-hoach-{year}"), year)?);
    Ok(written)
}

/// The language of messages about the site `init` writes: its first language.
pub fn site_language() -> crate::diagnostics::Lang {
    #[derive(serde::Deserialize)]
    struct Languages {
        languages: Vec<String>,
    }
    crate::yaml::parse_value::<Languages>(SITE, Path::new("site.yaml"), 0)
        .ok()
        .flatten()
        .and_then(|s| crate::diagnostics::Lang::parse(s.languages.first()?))
        .unwrap_or_default()
}

/// Add a report skeleton `reports/<slug>/` to the site in `content`.
pub fn new_report(content: &Path, slug: &str, year: i32) -> Result<Vec<PathBuf>, Msg> {
    if !content.join("site.yaml").is_file() {
        return Err(msg!("no-site",
            en: "{} has no site.yaml: run `minhbach init` first, or pass --content",
            vi: "{} không có site.yaml: chạy `minhbach init` trước, hoặc thêm --content",
            content.display()
        ));
    }
    if !is_slug(slug) {
        return Err(msg!("invalid-slug",
            en: "`{slug}` is not a valid report slug; try `{}` (lowercase letters a-z, digits and -)",
            vi: "`{slug}` không phải là tên (slug) báo cáo hợp lệ; thử `{}` (chữ thường a-z không dấu, chữ số và -)",
            slugify(slug)
        ));
    }
    let dir = content.join("reports").join(slug);
    if dir.exists() {
        return Err(msg!("report-exists", en: "{} already exists", vi: "{} đã có", dir.display()));
    }
    let mut written = Vec::new();
    for (name, text) in REPORT {
        write_new(&dir.join(name), &fill(text, year), &mut written)?;
    }
    Ok(written)
}

/// The current year from the system clock (UTC), for the skeleton's dates.
pub fn current_year() -> i32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = (secs / 86_400) as i64;
    // Civil-from-days (Howard Hinnant), enough to find the year.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2)) as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_site_is_a_marked_sample_and_builds_without_warnings_once_unmarked() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("site");
        let files = init(&dir, 2025).unwrap();
        assert!(files.len() >= 9);
        let strict = crate::BuildOptions {
            strict: true,
            ..Default::default()
        };
        // As written, the made-up report is a sample: said on its pages and
        // in a warning (an error with --strict) that tells how to remove it.
        let (out, diags) = crate::build(&dir.join("content"), &Default::default());
        let diags = diags.into_sorted();
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].message.code(), "sample-report");
        assert!(
            diags[0]
                .to_string()
                .contains("report.yaml:5:9: warning: report `ke-hoach-2025` is a sample"),
            "{}",
            diags[0]
        );
        assert!(diags[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("delete the folder"));
        let page =
            |out: &crate::render::Output, p: &str| String::from_utf8(out.files[p].clone()).unwrap();
        let out = out.unwrap();
        for p in [
            "reports/ke-hoach-2025/index.html",
            "reports/ke-hoach-2025/ket-qua/index.html",
            "en/reports/ke-hoach-2025/index.html",
        ] {
            assert!(page(&out, p).contains("notice sample"), "{p}");
        }
        assert!(page(&out, "reports/ke-hoach-2025/index.html")
            .contains("Báo cáo mẫu — số liệu giả định"));
        assert!(page(&out, "en/reports/ke-hoach-2025/index.html")
            .contains("Sample report — made-up figures"));
        assert!(!page(&out, "index.html").contains("notice sample"));
        let (none, _) = crate::build(&dir.join("content"), &strict);
        assert!(none.is_none(), "--strict refuses to publish the sample");
        // The editor's own report: the mark removed, no warning, no banner.
        let yaml = dir.join("content/reports/ke-hoach-2025/report.yaml");
        let text = fs::read_to_string(&yaml).unwrap();
        fs::write(&yaml, text.replace("sample: true\n", "")).unwrap();
        let (out, diags) = crate::build(&dir.join("content"), &strict);
        assert!(diags.is_empty(), "{:?}", diags.into_sorted());
        let out = out.unwrap();
        assert!(!page(&out, "reports/ke-hoach-2025/index.html").contains("notice sample"));
        assert!(out
            .files
            .contains_key("reports/ke-hoach-2025/groups/digital-economy/index.html"));
        let report =
            String::from_utf8(out.files["reports/ke-hoach-2025/index.html"].clone()).unwrap();
        assert!(report.contains("Kế hoạch chuyển đổi số năm 2025"));
        // Refuses to write into a folder that has something in it.
        assert!(init(&dir, 2025).unwrap_err().contains("not empty"));
    }

    #[test]
    fn new_report_adds_a_skeleton_and_refuses_bad_slugs() {
        let tmp = tempfile::tempdir().unwrap();
        init(tmp.path(), 2025).unwrap();
        let content = tmp.path().join("content");
        new_report(&content, "ke-hoach-2026", 2026).unwrap();
        assert!(new_report(&content, "ke-hoach-2026", 2026)
            .unwrap_err()
            .contains("already exists"));
        assert!(new_report(&content, "Kế hoạch", 2026)
            .unwrap_err()
            .contains("ke-hoach"));
        let (out, diags) = crate::build(&content, &Default::default());
        assert!(out.is_some(), "{:?}", diags.into_sorted());
    }

    #[test]
    fn current_year_is_plausible() {
        let y = current_year();
        assert!((2024..2200).contains(&y), "{y}");
    }
}
