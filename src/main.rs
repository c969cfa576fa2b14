//! The `minhbach` command line. Exit codes: 0 success, 1 content errors,
//! 2 usage or I/O errors.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};

// Rendering allocates many small strings on two or more threads at once;
// mimalloc does that markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use minhbach::diagnostics::Diagnostic;
use minhbach::{build_to_dir, check, BuildOptions};

#[derive(Parser)]
#[command(
    name = "minhbach",
    version,
    about = "Static site generator for public transparency reports"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
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
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            content,
            output,
            base_url,
            strict,
            quiet,
            verbose,
        } => {
            let start = Instant::now();
            let spinner = progress(quiet, "checking, rendering and writing");
            let (written, diags, timings) =
                build_to_dir(&content, &output, &BuildOptions { base_url, strict });
            if let Some(s) = &spinner {
                s.finish_and_clear();
            }
            let items = diags.into_sorted();
            let (errors, warnings) = count(&items);
            print_diagnostics(items, Format::Human, quiet);
            let summary = match written {
                Err(e) => {
                    eprintln!("{}: {e}", paint("error", RED));
                    return ExitCode::from(2);
                }
                Ok(None) => {
                    eprintln!(
                        "error: build failed with {errors} error{}; {} was not changed",
                        plural(errors),
                        output.display()
                    );
                    return ExitCode::from(1);
                }
                Ok(Some(summary)) => summary,
            };
            if verbose {
                for (step, took) in &timings {
                    eprintln!("  {step:<24} {:>8.1} ms", took.as_secs_f64() * 1000.0);
                }
            }
            if !quiet {
                eprintln!(
                    "Built {} pages, {} charts, {} data files in {} ms → {}{}",
                    summary.pages,
                    summary.charts,
                    summary.data_files,
                    start.elapsed().as_millis(),
                    output.display(),
                    if warnings > 0 {
                        format!(" ({warnings} warning{})", plural(warnings))
                    } else {
                        String::new()
                    }
                );
            }
            ExitCode::SUCCESS
        }
        Command::Check {
            content,
            strict,
            format,
        } => {
            let (out, diags) = check(
                &content,
                &BuildOptions {
                    base_url: None,
                    strict,
                },
            );
            let items = diags.into_sorted();
            let (errors, warnings) = count(&items);
            print_diagnostics(items, format, false);
            if matches!(format, Format::Human) {
                if out.is_some() {
                    eprintln!("ok: no errors ({warnings} warning{})", plural(warnings));
                } else {
                    eprintln!(
                        "{errors} error{}, {warnings} warning{}",
                        plural(errors),
                        plural(warnings)
                    );
                }
            }
            if out.is_some() {
                ExitCode::SUCCESS
            } else if errors == 0 {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
        Command::Serve { content, port, open } => {
            match minhbach::serve::serve(&minhbach::serve::ServeOptions { content, port, open }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Init { dir } => {
            let next = format!(
                "Next: go into {} and run `minhbach serve --open` to see the site; edit the files in content/ and it updates",
                dir.display()
            );
            report_written(minhbach::scaffold::init(&dir, minhbach::scaffold::current_year()), &next)
        }
        Command::Template {
            slug,
            content,
            output,
        } => match minhbach::template::write_template(&content, slug.as_deref(), output.as_deref()) {
            Ok(path) => {
                eprintln!("created {}", path.display());
                eprintln!(
                    "Next: fill it in (one row per indicator, one column per period), save it as content/reports/<SLUG>/indicators.xlsx in place of indicators.yaml, then run `minhbach check`"
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
        Command::New(New::Report { slug, content }) => report_written(
            minhbach::scaffold::new_report(&content, &slug, minhbach::scaffold::current_year()),
            "Next: fill in report.yaml, indicators.yaml and the sections, then run `minhbach check`",
        ),
    }
}

/// Errors and warnings among diagnostics (after duplicates are removed).
fn count(items: &[Diagnostic]) -> (usize, usize) {
    let errors = items.iter().filter(|d| d.is_error()).count();
    (errors, items.len() - errors)
}

fn report_written(result: Result<Vec<PathBuf>, String>, next: &str) -> ExitCode {
    match result {
        Ok(files) => {
            for f in &files {
                eprintln!("created {}", f.display());
            }
            eprintln!("{next}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
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

fn print_diagnostics(items: Vec<Diagnostic>, format: Format, errors_only: bool) {
    let stderr = std::io::stderr();
    let stdout = std::io::stdout();
    for d in items.iter().filter(|d| !errors_only || d.is_error()) {
        match format {
            Format::Human => {
                let text = d.to_string();
                let text = if colour() {
                    text.replacen(": error: ", &format!(": {}: ", paint("error", RED)), 1)
                        .replacen(
                            ": warning: ",
                            &format!(": {}: ", paint("warning", YELLOW)),
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
                    "cell": d.cell,
                    "message": d.message,
                    "hint": d.hint,
                });
                let _ = writeln!(stdout.lock(), "{v}");
            }
            Format::Github => {
                let level = if d.is_error() { "error" } else { "warning" };
                let mut props = format!("file={}", gh_escape_prop(&d.path.display().to_string()));
                if let Some(p) = d.pos {
                    props.push_str(&format!(",line={},col={}", p.line, p.col));
                }
                let mut msg = match &d.hint {
                    Some(h) => format!("{} (hint: {h})", d.message),
                    None => d.message.clone(),
                };
                // A spreadsheet cell has no line: name it in the message.
                if let Some(cell) = &d.cell {
                    msg = format!("{cell}: {msg}");
                }
                let _ = writeln!(stdout.lock(), "::{level} {props}::{}", gh_escape(&msg));
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
