//! `--help` in Vietnamese (part of the `minhbach` binary): the texts of the
//! derived command, its arguments and subcommands replaced from one table,
//! and clap's own words (headings, defaults, possible values) too.

use clap::error::ContextValue;
use clap::{Arg, Command};
use minhbach::diagnostics::Lang;

/// (key, help, value name): the key of a command is its path (`new report`,
/// `""` for the program itself), that of an argument its command's path and
/// `--` with its id (`build --content`, `new report --slug`); arguments that
/// every command has (`--help`, `--version`, the global `--lang`) are listed
/// once.
const TABLE: &[(&str, &str, Option<&str>)] = &[
    ("", "Trình tạo trang web tĩnh cho báo cáo minh bạch công khai", None),
    ("--help", "In hướng dẫn này", None),
    ("--version", "In phiên bản", None),
    ("--lang",
        "Ngôn ngữ của thông báo: vi hoặc en (mặc định: biến MINHBACH_LANG, nếu không có thì ngôn ngữ đầu tiên của trang, nếu không có trang thì en)",
        Some("NGÔN_NGỮ"),
    ),
    ("build",
        "Xuất bản trang vào thư mục kết quả (thư mục chỉ bị thay khi xuất bản thành công)",
        None,
    ),
    ("build --content", "Thư mục nội dung", Some("THƯ_MỤC")),
    ("build --output", "Thư mục kết quả", Some("THƯ_MỤC")),
    ("build --base_url",
        "Địa chỉ trang, thay cho `base_url` trong site.yaml (ví dụ https://example.org/sub/)",
        Some("ĐỊA_CHỈ"),
    ),
    ("build --strict", "Coi cảnh báo là lỗi", None),
    ("build --quiet", "Chỉ in lỗi", None),
    ("build --verbose", "In thêm thời gian của từng bước", None),
    ("check",
        "Kiểm tra nội dung và mẫu giao diện, không ghi gì",
        None,
    ),
    ("check --content", "Thư mục nội dung", Some("THƯ_MỤC")),
    ("check --strict", "Coi cảnh báo là lỗi", None),
    ("check --format",
        "Cách in thông báo: human (cho người đọc: `đường dẫn:dòng:cột: lỗi: …`, dòng nguồn và gợi ý), json (mỗi thông báo một dòng JSON, có mã `code` tiếng Anh cố định), github (chú thích cho GitHub Actions)",
        Some("DẠNG"),
    ),
    ("serve",
        "Xem trước trang: phục vụ trên 127.0.0.1, tự dựng lại và tải lại trang khi có thay đổi",
        None,
    ),
    ("serve --content", "Thư mục nội dung", Some("THƯ_MỤC")),
    ("serve --port", "Cổng (0: tự chọn một cổng trống)", Some("CỔNG")),
    ("serve --open", "Mở trang trong trình duyệt mặc định", None),
    ("init",
        "Tạo trang mới (content/ với một báo cáo mẫu) trong một thư mục trống",
        None,
    ),
    ("init --dir", "Thư mục để tạo trang", Some("THƯ_MỤC")),
    ("new", "Thêm một phần vào trang đã có", None),
    ("new report", "Thêm khung báo cáo reports/<SLUG>/ vào trang", None),
    ("new report --slug",
        "Tên thư mục của báo cáo, ví dụ ke-hoach-2025",
        Some("SLUG"),
    ),
    ("new report --content", "Thư mục nội dung", Some("THƯ_MỤC")),
    ("template",
        "Tạo mẫu Excel (.xlsx) cho các chỉ tiêu của một báo cáo, có danh sách chọn và các chỉ tiêu đã có; lưu nó thành reports/<SLUG>/indicators.xlsx",
        None,
    ),
    ("template --slug",
        "Tên thư mục của báo cáo (cần khi trang có nhiều báo cáo)",
        Some("SLUG"),
    ),
    ("template --content", "Thư mục nội dung", Some("THƯ_MỤC")),
    ("template --output",
        "Tệp sẽ ghi (mặc định: <SLUG>-indicators.xlsx ở thư mục hiện tại)",
        Some("TỆP"),
    ),
    ("new help",
        "In hướng dẫn này hoặc hướng dẫn của lệnh con đã cho",
        None,
    ),
    ("help",
        "In hướng dẫn này hoặc hướng dẫn của lệnh con đã cho",
        None,
    ),
];

/// The Vietnamese entry for `key` (see [`TABLE`]).
fn entry(key: &str) -> Option<(&'static str, Option<&'static str>)> {
    let find = |key: &str| {
        TABLE
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, h, v)| (*h, *v))
    };
    if let Some(found) = find(key) {
        return Some(found);
    }
    // Arguments every command has.
    if let Some((_, arg @ ("--help" | "--version" | "--lang"))) = key.rsplit_once(' ') {
        return find(arg);
    }
    // `minhbach help build` and `minhbach new help report` mirror `build` and
    // `new report` under a `help` subcommand.
    let words: Vec<&str> = key.split(' ').collect();
    let real: Vec<&str> = words.iter().copied().filter(|w| *w != "help").collect();
    match real.len() {
        n if n == words.len() => None,
        // `minhbach help help`.
        0 => find("help"),
        _ => find(&real.join(" ")),
    }
}

/// The key of a subcommand `name` of the command at `path`.
fn command_key(path: &str, name: &str) -> String {
    format!("{path} {name}").trim_start().to_string()
}

/// The key of the argument `id` of the command at `path`.
fn arg_key(path: &str, id: &str) -> String {
    format!("{path} --{id}").trim_start().to_string()
}

/// `cmd` with its help in `lang` (unchanged for English).
pub fn localize(cmd: Command, lang: Lang) -> Command {
    if lang == Lang::En {
        return cmd;
    }
    let mut cmd = cmd;
    // Build first, so that clap's generated `help`/`version` arguments and
    // `help` subcommands exist and can be translated too.
    cmd.build();
    translate(cmd, "", "minhbach")
}

fn translate(mut cmd: Command, path: &str, usage: &str) -> Command {
    if let Some((about, _)) = entry(path) {
        cmd = cmd.about(about).long_about(None);
    }
    let has_subcommands = cmd.get_subcommands().next().is_some();
    let positionals: Vec<String> = cmd
        .get_positionals()
        .map(|a| {
            let name = entry(&arg_key(path, a.get_id().as_str()))
                .and_then(|(_, v)| v)
                .unwrap_or("GIÁ_TRỊ");
            format!("<{name}>")
        })
        .collect();
    let mut line = format!("{usage} [TUỲ_CHỌN]");
    for p in &positionals {
        line.push(' ');
        line.push_str(p);
    }
    if has_subcommands {
        line.push_str(" <LỆNH>");
    }
    cmd = cmd
        .override_usage(line)
        .help_template(
            "{before-help}{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}",
        )
        .subcommand_help_heading("Lệnh");
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let key = arg_key(path, &id);
        cmd = cmd.mut_arg(&id, |a| translate_arg(a, &key));
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        let key = command_key(path, &name);
        let sub_usage = format!("{usage} {name}");
        cmd = cmd.mut_subcommand(&name, |s| translate(s, &key, &sub_usage));
    }
    cmd
}

fn translate_arg(a: Arg, key: &str) -> Arg {
    let Some((help, value_name)) = entry(key) else {
        return a;
    };
    let mut help = help.to_string();
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && a.get_action().takes_values() {
        help.push_str(&format!(" (mặc định: {})", defaults.join(", ")));
    }
    let a = if a.is_positional() {
        a.help_heading("Đối số")
    } else {
        a.help_heading("Tuỳ chọn")
    };
    let a = a
        .help(help)
        .long_help(None)
        .hide_default_value(true)
        .hide_possible_values(true);
    match value_name {
        Some(v) if a.get_action().takes_values() => a.value_name(v),
        _ => a,
    }
}

/// Parse the command line; a usage error (unknown option, missing
/// argument, bad value) is printed in Vietnamese when that is the language,
/// and ends the program with clap's exit code (2).
pub fn get_matches(cmd: Command, lang: Lang, args: &[std::ffi::OsString]) -> clap::ArgMatches {
    match cmd.try_get_matches_from(args) {
        Ok(m) => m,
        Err(e) => match (lang, usage_error(&e)) {
            (Lang::Vi, Some(text)) => {
                eprint!("{text}");
                std::process::exit(e.exit_code())
            }
            _ => e.exit(),
        },
    }
}

/// clap's message for a usage error, in Vietnamese: `None` for help and
/// version (not errors, already localized).
pub fn usage_error(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind as K, ErrorKind};
    let s = |k: K| match e.get(k) {
        Some(ContextValue::String(v)) => Some(v.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        Some(ContextValue::StyledStr(v)) => Some(v.to_string()),
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let arg = s(K::InvalidArg).unwrap_or_default();
    let value = s(K::InvalidValue).unwrap_or_default();
    let mut out = String::from("lỗi: ");
    out.push_str(&match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        | ErrorKind::DisplayVersion => return None,
        ErrorKind::UnknownArgument => format!("không có tuỳ chọn '{arg}'"),
        ErrorKind::InvalidSubcommand => {
            format!("không có lệnh '{}'", s(K::InvalidSubcommand).unwrap_or_default())
        }
        ErrorKind::MissingRequiredArgument => format!("thiếu tham số bắt buộc: {arg}"),
        ErrorKind::MissingSubcommand => format!(
            "'{}' cần một lệnh (các lệnh: {})",
            s(K::InvalidSubcommand).unwrap_or_default(),
            s(K::ValidSubcommand).unwrap_or_default()
        ),
        ErrorKind::InvalidValue if value.is_empty() => format!("tuỳ chọn '{arg}' cần một giá trị"),
        ErrorKind::InvalidValue => match s(K::ValidValue) {
            Some(valid) => format!(
                "giá trị '{value}' không hợp lệ cho '{arg}'\n  [các giá trị được chấp nhận: {valid}]"
            ),
            None => format!("giá trị '{value}' không hợp lệ cho '{arg}'"),
        },
        // The only values checked by a parser are numbers (`--port`).
        ErrorKind::ValueValidation => {
            let number = std::error::Error::source(e)
                .is_some_and(|why| why.is::<std::num::ParseIntError>());
            match number {
                true => format!("giá trị '{value}' không hợp lệ cho '{arg}': cần một số nguyên"),
                false => format!("giá trị '{value}' không hợp lệ cho '{arg}'"),
            }
        }
        ErrorKind::ArgumentConflict => match s(K::PriorArg) {
            Some(prior) if prior == arg => format!("tuỳ chọn '{arg}' chỉ được dùng một lần"),
            Some(prior) => format!("không dùng được '{arg}' cùng với '{prior}'"),
            None => format!("không dùng được '{arg}' cùng với các tham số khác"),
        },
        ErrorKind::NoEquals => format!("cần dấu bằng khi gán giá trị cho '{arg}' ('{arg}=…')"),
        ErrorKind::TooManyValues => format!("thừa giá trị '{value}' cho '{arg}'"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("số giá trị cho '{arg}' không đúng")
        }
        ErrorKind::InvalidUtf8 => "một tham số không phải văn bản UTF-8 hợp lệ".to_string(),
        _ => "cách gọi lệnh không đúng".to_string(),
    });
    out.push('\n');
    let mut hints = Vec::new();
    if let Some(sub) = s(K::SuggestedSubcommand) {
        hints.push(format!("có phải là lệnh '{sub}'?"));
    }
    if let Some(a) = s(K::SuggestedArg) {
        hints.push(format!("có phải là '{a}'?"));
    }
    if let Some(v) = s(K::SuggestedValue) {
        hints.push(format!("có phải là '{v}'?"));
    }
    if let Some(ContextValue::StyledStrs(tips)) = e.get(K::Suggested) {
        for tip in tips {
            hints.push(tip_vi(&tip.to_string()));
        }
    }
    if !hints.is_empty() {
        out.push('\n');
        for h in hints {
            out.push_str(&format!("  gợi ý: {h}\n"));
        }
    }
    if let Some(usage) = s(K::Usage) {
        let usage = usage.trim();
        let usage = usage
            .strip_prefix("Usage:")
            .map_or(usage.to_string(), |rest| format!("Cách dùng:{rest}"));
        out.push_str(&format!("\n{usage}\n"));
    }
    out.push_str("\nĐể biết thêm, chạy với '--help'.\n");
    Some(out)
}

/// clap's tip for an argument that looks like an option,
/// `to pass '-x' as a value, use '-- -x'`, in Vietnamese; others as they are.
fn tip_vi(tip: &str) -> String {
    let quoted: Vec<&str> = tip.split('\'').skip(1).step_by(2).collect();
    match (tip.starts_with("to pass "), quoted.as_slice()) {
        (true, [arg, how]) => format!("để dùng '{arg}' làm giá trị, hãy viết '{how}'"),
        _ => tip.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every argument and subcommand, built as clap builds them, by path.
    fn paths(cmd: &Command, path: &str, out: &mut Vec<String>) {
        for a in cmd.get_arguments() {
            out.push(arg_key(path, a.get_id().as_str()));
        }
        for s in cmd.get_subcommands() {
            let p = command_key(path, s.get_name());
            out.push(p.clone());
            paths(s, &p, out);
        }
    }

    #[test]
    fn every_argument_and_subcommand_has_vietnamese_help() {
        let mut cmd = crate::Cli::command();
        cmd.build();
        let mut all = vec![String::new()];
        paths(&cmd, "", &mut all);
        assert!(all.len() > 20, "{all:?}");
        let missing: Vec<&String> = all.iter().filter(|p| entry(p).is_none()).collect();
        assert!(missing.is_empty(), "no Vietnamese help for {missing:?}");
        // And the table names nothing that does not exist (the arguments
        // every command has are listed once, without a command).
        let built = |k: &str| cfg!(feature = "serve") || !k.starts_with("serve");
        for (key, _, _) in TABLE
            .iter()
            .filter(|(k, _, _)| !k.starts_with("--") && built(k))
        {
            assert!(
                all.iter().any(|p| p == key),
                "{key} is not an argument or command"
            );
        }
    }

    #[test]
    fn vietnamese_help_has_no_english_words_of_clap_or_the_program() {
        let mut cmd = localize(crate::Cli::command(), Lang::Vi);
        let mut pages = vec![cmd.render_help().to_string()];
        for name in ["build", "check", "init", "new", "template"] {
            let sub = cmd.find_subcommand_mut(name).unwrap();
            pages.push(sub.render_help().to_string());
        }
        let report = cmd
            .find_subcommand_mut("new")
            .and_then(|n| n.find_subcommand_mut("report"))
            .unwrap()
            .render_help()
            .to_string();
        pages.push(report);
        for page in &pages {
            for english in [
                "Usage",
                "Options",
                "Commands",
                "Arguments",
                "default:",
                "possible values",
                "Print",
                "Content folder",
                "Treat warnings",
            ] {
                assert!(!page.contains(english), "{english:?} in:\n{page}");
            }
            assert!(page.contains("Cách dùng: minhbach"), "{page}");
        }
        assert!(
            pages[1].contains("Thư mục nội dung (mặc định: content)"),
            "{}",
            pages[1]
        );
        assert!(pages[1].contains("--content <THƯ_MỤC>"), "{}", pages[1]);
        assert!(
            pages[0].contains("Lệnh:") && pages[0].contains("Tuỳ chọn:"),
            "{}",
            pages[0]
        );
    }

    #[test]
    fn english_help_is_left_as_derived() {
        let mut en = localize(crate::Cli::command(), Lang::En);
        let text = en.render_help().to_string();
        assert!(text.contains("Static site generator"), "{text}");
        assert!(text.contains("Usage: "), "{text}");
    }
}
