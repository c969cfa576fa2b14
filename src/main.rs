//! The `minhbach` command line. Exit codes: 0 success, 1 content errors,
//! 2 usage or I/O errors.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

// Rendering allocates many small strings on two or more threads at once;
// mimalloc does that markedly faster than the system allocator. Without
// transparent huge pages (`no_thp`): with them every fresh arena page
// faulted in 2 MiB zeroed at once, 10-15 % of a text-heavy build's
// samples, and peak memory was 8-90 % higher; the largest sites pay about
// 5 % more CPU without them (docs/performance.md, issue 19).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use minhbach::diagnostics::{severity_label, visible, Diagnostic, Lang, Msg};
use minhbach::{check, msg, BuildOptions};

mod help_vi;

#[derive(Parser)]
#[command(
    name = "minhbach",
    version,
    about = "Static site generator for public transparency reports"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Language of messages: vi or en (default: $MINHBACH_LANG, else the site's first language, else en).
    #[arg(long, global = true, value_parser = ["vi", "en"])]
    lang: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced only when the build succeeds).
    Build {
        /// Content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Output folder.
        #[arg(long, default_value = "public")]
        output: PathBuf,
        /// Site address, overriding `base_url` in site.yaml (e.g. https://example.org/sub/).
        #[arg(long)]
        base_url: Option<String>,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
        /// Print only errors.
        #[arg(long, short)]
        quiet: bool,
        /// Also print how long each step took.
        #[arg(long, short, conflicts_with = "quiet")]
        verbose: bool,
    },
    /// Check the content and templates without writing anything.
    Check {
        /// Content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
        /// How to print diagnostics.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Preview the site: serve it on 127.0.0.1, rebuild and reload on every change.
    #[cfg(feature = "serve")]
    Serve {
        /// Content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Port (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Create a new site (content/ with one example report) in an empty folder.
    Init {
        /// Folder to create the site in.
        dir: PathBuf,
    },
    /// Add something to an existing site.
    #[command(subcommand)]
    New(New),
    /// Write an Excel template (.xlsx) for a report's indicators, with drop-down lists
    /// and the indicators it already has; save it as reports/<SLUG>/indicators.xlsx.
    Template {
        /// Folder name of the report (needed when the site has several).
        slug: Option<String>,
        /// Content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// File to write (default: <SLUG>-indicators.xlsx here).
        #[arg(long)]
        output: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum New {
    /// Add a report skeleton reports/<SLUG>/ to the site.
    Report {
        /// Folder name of the report, e.g. ke-hoach-2025.
        slug: String,
        /// Content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// `path:line:col: error: message` with the source line and a hint.
    Human,
    /// One JSON object per line and diagnostic.
    Json,
    /// GitHub Actions annotations.
    Github,
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = choose_language(&args);
    let matches = help_vi::get_matches(help_vi::localize(Cli::command(), lang), lang, &args);
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    match cli.command {
        Command::Build {
            content,
            output,
            base_url,
            strict,
            quiet,
            verbose,
        } => run_build(&content, &output, base_url, strict, quiet, verbose, lang),
        Command::Check {
            content,
            strict,
            format,
        } => run_check(&content, strict, format, lang),
        #[cfg(feature = "serve")]
        Command::Serve {
            content,
            port,
            open,
        } => {
            match minhbach::serve::serve(&minhbach::serve::ServeOptions {
                content,
                port,
                open,
                lang,
            }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&e, lang),
            }
        }
        Command::Init { dir } => {
            let year = minhbach::scaffold::current_year();
            let next = msg!("init-next",
                en: "Next: go into {} and run `minhbach serve --open` to see the site; edit the files in content/ and it updates.\nThe report ke-hoach-{year} is a sample with made-up figures: write your own report in it, or delete it, before publishing.",
                vi: "Tiếp theo: vào thư mục {} và chạy `minhbach serve --open` để xem trang; sửa các tệp trong content/ là trang tự cập nhật.\nBáo cáo ke-hoach-{year} là báo cáo mẫu với số liệu giả định: hãy viết báo cáo thật vào đó, hoặc xoá nó, trước khi công bố.",
                dir.display()
            );
            report_written(minhbach::scaffold::init(&dir, year), &next, lang)
        }
        Command::Template {
            slug,
            content,
            output,
        } => match minhbach::template::write_template(&content, slug.as_deref(), output.as_deref())
        {
            Ok(path) => {
                let created = lang.pick("created", "đã tạo");
                eprintln!("{created} {}", visible(&path.display().to_string(), ""));
                let next = msg!("template-next",
                    en: "Next: fill it in (one row per indicator, one column per period), save it as content/reports/<SLUG>/indicators.xlsx in place of indicators.yaml, then run `minhbach check`",
                    vi: "Tiếp theo: điền vào tệp (mỗi chỉ tiêu một dòng, mỗi kỳ một cột), lưu thành content/reports/<SLUG>/indicators.xlsx thay cho indicators.yaml, rồi chạy `minhbach check`"
                );
                eprintln!("{}", next.get(lang));
                ExitCode::SUCCESS
            }
            Err(e) => {
                // The site's first error follows on its own lines.
                let label = severity_label(minhbach::diagnostics::Severity::Error, lang);
                eprintln!("{}: {}", paint(label, RED), visible(e.get(lang), "\n"));
                ExitCode::from(2)
            }
        },
        Command::New(New::Report { slug, content }) => report_written(
            minhbach::scaffold::new_report(&content, &slug, minhbach::scaffold::current_year()),
            &msg!("new-report-next",
                en: "Next: fill in report.yaml, indicators.yaml and the sections (their figures are made up until you do: then remove `sample: true` from report.yaml), then run `minhbach check`",
                vi: "Tiếp theo: điền report.yaml, indicators.yaml và các mục (số liệu trong đó là giả định cho tới khi bạn thay: sau đó xoá dòng `sample: true` trong report.yaml), rồi chạy `minhbach check`"
            ),
            lang,
        ),
    }
}

/// `minhbach build`: build into the output folder, print what happened.
fn run_build(
    content: &std::path::Path,
    output: &std::path::Path,
    base_url: Option<String>,
    strict: bool,
    quiet: bool,
    verbose: bool,
    lang: Lang,
) -> ExitCode {
    let start = Instant::now();
    let spinner = progress(
        quiet,
        lang.pick(
            "checking, rendering and writing",
            "đang kiểm tra, dựng trang và ghi",
        ),
    );
    let png_cache = minhbach::write::PngCache::open(content);
    let (written, diags, timings) = minhbach::build_to_dir_with(
        content,
        output,
        &BuildOptions { base_url, strict },
        &png_cache,
    );
    if let Some(s) = &spinner {
        s.finish_and_clear();
    }
    let items = diags.into_sorted();
    let (errors, warnings) = count(&items);
    print_diagnostics(items, Format::Human, quiet, lang);
    let summary = match written {
        Err(e) => return fail(&e.message(), lang),
        Ok(None) => {
            let (s, output) = (plural(errors), output.display());
            let m = msg!("build-failed",
                en: "error: build failed with {errors} error{s}; {output} was not changed",
                vi: "lỗi: xuất bản không thành công vì có {errors} lỗi; {output} không bị thay đổi"
            );
            eprintln!("{}", m.get(lang));
            return ExitCode::from(1);
        }
        Ok(Some(summary)) => summary,
    };
    if verbose {
        for (step, took) in &timings {
            let step = step_name(step, lang);
            eprintln!("  {step:<24} {:>8.1} ms", took.as_secs_f64() * 1000.0);
        }
        let (drawn, reused) = png_cache.counts();
        let m = msg!("built-images",
            en: "  chart images: {drawn} drawn, {reused} from the cache (.minhbach-cache beside the content folder)",
            vi: "  ảnh biểu đồ: vẽ {drawn}, lấy {reused} từ bộ nhớ đệm (.minhbach-cache bên cạnh thư mục content)"
        );
        eprintln!("{}", m.get(lang));
    }
    if !quiet {
        let (warned_en, warned_vi) = if warnings > 0 {
            (
                format!(" ({warnings} warning{})", plural(warnings)),
                format!(" ({warnings} cảnh báo)"),
            )
        } else {
            (String::new(), String::new())
        };
        let m = msg!("built",
            en: "Built {} pages, {} charts, {} data files in {} ms → {}{warned_en}",
            vi: "Đã xuất bản {} trang, {} biểu đồ, {} tệp dữ liệu trong {} ms → {}{warned_vi}",
            summary.pages,
            summary.charts,
            summary.data_files,
            start.elapsed().as_millis(),
            output.display()
        );
        eprintln!("{}", m.get(lang));
    }
    ExitCode::SUCCESS
}

/// `minhbach check`: everything a build does but writing.
fn run_check(content: &std::path::Path, strict: bool, format: Format, lang: Lang) -> ExitCode {
    let (out, diags) = check(
        content,
        &BuildOptions {
            base_url: None,
            strict,
        },
    );
    let items = diags.into_sorted();
    let (errors, warnings) = count(&items);
    print_diagnostics(items, format, false, lang);
    if matches!(format, Format::Human) {
        let (es, ws) = (plural(errors), plural(warnings));
        let m = if out.is_some() {
            msg!("checked",
                en: "ok: no errors ({warnings} warning{ws})",
                vi: "ổn: không có lỗi ({warnings} cảnh báo)"
            )
        } else {
            msg!("checked",
                en: "{errors} error{es}, {warnings} warning{ws}",
                vi: "{errors} lỗi, {warnings} cảnh báo"
            )
        };
        eprintln!("{}", m.get(lang));
    }
    if out.is_some() {
        ExitCode::SUCCESS
    } else if errors == 0 {
        ExitCode::from(2)
    } else {
        ExitCode::from(1)
    }
}

/// The language of messages: `--lang`, else `MINHBACH_LANG`, else the first
/// language of the site in the content folder (`--content`, or `content`;
/// for `init`, of the site it writes), else English. Chosen before the arguments are parsed, so that `--help`
/// is in it too.
fn choose_language(args: &[std::ffi::OsString]) -> Lang {
    let value_of = |name: &str| -> Option<String> {
        let eq = format!("{name}=");
        let mut it = args.iter().skip(1).filter_map(|a| a.to_str());
        while let Some(a) = it.next() {
            if a == "--" {
                break;
            }
            if a == name {
                return it.next().map(str::to_string);
            }
            if let Some(v) = a.strip_prefix(&eq) {
                return Some(v.to_string());
            }
        }
        None
    };
    value_of("--lang")
        .and_then(|l| Lang::parse(&l))
        .or_else(|| {
            std::env::var("MINHBACH_LANG")
                .ok()
                .and_then(|l| Lang::parse(&l))
        })
        .or_else(|| {
            // `init` speaks the language of the site it writes.
            let command = args
                .iter()
                .skip(1)
                .filter_map(|a| a.to_str())
                .find(|a| !a.starts_with('-'));
            (command == Some("init")).then(minhbach::scaffold::site_language)
        })
        .or_else(|| {
            let content = value_of("--content").unwrap_or_else(|| "content".to_string());
            minhbach::load::site_language(std::path::Path::new(&content))
        })
        .unwrap_or(Lang::En)
}

/// A step of `build --verbose`, as named in `lang`.
fn step_name(step: &'static str, lang: Lang) -> &'static str {
    const VI: &[(&str, &str)] = &[
        ("load content", "đọc nội dung"),
        ("load theme", "đọc giao diện"),
        ("render and write", "dựng trang và ghi"),
        ("render and check links", "dựng trang và kiểm tra liên kết"),
        ("replace output", "thay thư mục kết quả"),
    ];
    match lang {
        Lang::En => step,
        Lang::Vi => VI
            .iter()
            .find(|(en, _)| *en == step)
            .map_or(step, |(_, vi)| vi),
    }
}

/// Print `error: message` for a usage or I/O problem; exit code 2.
fn fail(message: &Msg, lang: Lang) -> ExitCode {
    let label = severity_label(minhbach::diagnostics::Severity::Error, lang);
    // File names in the message may hold control characters.
    eprintln!("{}: {}", paint(label, RED), visible(message.get(lang), ""));
    ExitCode::from(2)
}

/// Errors and warnings among diagnostics (after duplicates are removed).
fn count(items: &[Diagnostic]) -> (usize, usize) {
    let errors = items.iter().filter(|d| d.is_error()).count();
    (errors, items.len() - errors)
}

fn report_written(result: Result<Vec<PathBuf>, Msg>, next: &Msg, lang: Lang) -> ExitCode {
    match result {
        Ok(files) => {
            for f in &files {
                let created = lang.pick("created", "đã tạo");
                eprintln!("{created} {}", f.display());
            }
            eprintln!("{}", next.get(lang));
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e, lang),
    }
}

const RED: &str = "1;31";
const YELLOW: &str = "1;33";

/// Colour only for a person at a terminal, and never when NO_COLOR is set.
fn colour() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn paint(text: &str, code: &str) -> String {
    if colour() {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// A spinner with a message while a long step runs, on a terminal only.
fn progress(quiet: bool, message: &str) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new_spinner().with_message(message.to_string());
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    Some(bar)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn print_diagnostics(items: Vec<Diagnostic>, format: Format, errors_only: bool, lang: Lang) {
    use minhbach::diagnostics::Severity;
    let stderr = std::io::stderr();
    let stdout = std::io::stdout();
    for d in items.iter().filter(|d| !errors_only || d.is_error()) {
        match format {
            Format::Human => {
                let text = d.display(lang).to_string();
                let text = if colour() {
                    let (error, warning) = (
                        severity_label(Severity::Error, lang),
                        severity_label(Severity::Warning, lang),
                    );
                    text.replacen(
                        &format!(": {error}: "),
                        &format!(": {}: ", paint(error, RED)),
                        1,
                    )
                    .replacen(
                        &format!(": {warning}: "),
                        &format!(": {}: ", paint(warning, YELLOW)),
                        1,
                    )
                } else {
                    text
                };
                let _ = writeln!(stderr.lock(), "{text}\n");
            }
            Format::Json => {
                let v = serde_json::json!({
                    "severity": d.severity,
                    "file": d.path.display().to_string(),
                    "line": d.pos.map(|p| p.line),
                    "column": d.pos.map(|p| p.col),
                    "code": d.message.code(),
                    "cell": d.cell.as_ref().map(|c| c.en()),
                    "message": d.message.get(lang),
                    "hint": d.hint.as_ref().map(|h| h.get(lang)),
                });
                let _ = writeln!(stdout.lock(), "{v}");
            }
            Format::Github => {
                let level = if d.is_error() { "error" } else { "warning" };
                let path = d.path.display().to_string();
                let mut props = format!("file={}", gh_escape_prop(&visible(&path, "")));
                if let Some(p) = d.pos {
                    props.push_str(&format!(",line={},col={}", p.line, p.col));
                }
                props.push_str(&format!(",title={}", gh_escape_prop(d.message.code())));
                let mut msg = match &d.hint {
                    Some(h) => format!(
                        "{} ({}: {})",
                        d.message.get(lang),
                        lang.pick("hint", "gợi ý"),
                        h.get(lang)
                    ),
                    None => d.message.get(lang).to_string(),
                };
                // A spreadsheet cell has no line: name it in the message.
                if let Some(cell) = &d.cell {
                    msg = format!("{}: {msg}", cell.get(lang));
                }
                let _ = writeln!(
                    stdout.lock(),
                    "::{level} {props}::{}",
                    gh_escape(&visible(&msg, "\r\n"))
                );
            }
        }
    }
}

fn gh_escape(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn gh_escape_prop(s: &str) -> String {
    gh_escape(s).replace(':', "%3A").replace(',', "%2C")
}
