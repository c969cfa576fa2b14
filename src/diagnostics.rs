//! Diagnostics: every problem found in content is a typed value carried to one
//! place (the CLI) that prints it as `path:line:col: error: message`, followed by
//! the offending source line with a caret and a hint where one helps.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A position in a source file: 1-based line and column (column in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl Pos {
    pub fn new(line: usize, col: usize) -> Self {
        Pos { line, col }
    }
}

/// A language the tool speaks to editors in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Vi,
}

impl Lang {
    /// `vi` or `en` (also `vi-VN`, `EN`); `None` for any other.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        let base = s.split(['-', '_', '.']).next().unwrap_or("");
        match base {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Pick the text in this language out of the two.
    pub fn pick<'a>(self, en: &'a str, vi: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Vi => vi,
        }
    }
}

/// A message to an editor, in English and in Vietnamese, with a stable code
/// (English, kebab-case) that tools can match on. Built only with [`msg!`], so
/// that no message can lack a language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Msg {
    // Field order: sorting diagnostics by message sorts by the English text,
    // as before messages had two languages.
    en: String,
    vi: String,
    code: &'static str,
}

impl Msg {
    /// Use [`msg!`]; this is public only for the macro.
    #[doc(hidden)]
    pub fn __new(code: &'static str, en: String, vi: String) -> Msg {
        Msg { en, vi, code }
    }

    pub fn code(&self) -> &'static str {
        self.code
    }

    pub fn en(&self) -> &str {
        &self.en
    }

    pub fn vi(&self) -> &str {
        &self.vi
    }

    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.en, &self.vi)
    }
}

impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

/// A message reads as its English text where a `str` is wanted (in tests:
/// `d.message.contains(..)`, `d.hint.as_deref()`), as it did when messages
/// were English strings.
impl std::ops::Deref for Msg {
    type Target = str;
    fn deref(&self) -> &str {
        &self.en
    }
}

impl PartialEq<str> for Msg {
    fn eq(&self, other: &str) -> bool {
        self.en == other
    }
}

impl PartialEq<&str> for Msg {
    fn eq(&self, other: &&str) -> bool {
        self.en == *other
    }
}

/// A [`Msg`]: a stable code, then the English and the Vietnamese text as
/// format strings (inline `{name}` captures or trailing arguments, used by
/// both):
///
/// ```
/// # use minhbach::msg;
/// let name = "tagret";
/// let m = msg!("unknown-field", en: "unknown field `{name}`", vi: "trường `{name}` không có");
/// assert_eq!(m.code(), "unknown-field");
/// assert_eq!(m.vi(), "trường `tagret` không có");
/// ```
#[macro_export]
macro_rules! msg {
    ($code:literal, en: $en:literal, vi: $vi:literal $(,)?) => {
        $crate::diagnostics::Msg::__new($code, format!($en), format!($vi))
    };
    ($code:literal, en: $en:literal, vi: $vi:literal, $($arg:tt)+) => {
        $crate::diagnostics::Msg::__new($code, format!($en, $($arg)+), format!($vi, $($arg)+))
    };
}

/// Where in a spreadsheet a problem is: a cell (`Sheet "Chỉ tiêu"!E14`,
/// `trang tính "Chỉ tiêu"!E14`) or a CSV column (`column "2023"`,
/// `cột "2023"`), in both languages like a [`Msg`]. The sheet's or the
/// column's own name is kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cell {
    en: String,
    vi: String,
}

impl Cell {
    /// A cell of a sheet, e.g. `E14`.
    pub fn sheet(sheet: &str, cell: &str) -> Cell {
        Cell {
            en: format!("Sheet \"{sheet}\"!{cell}"),
            vi: format!("trang tính \"{sheet}\"!{cell}"),
        }
    }

    /// A column of a CSV file, by its header.
    pub fn column(header: &str) -> Cell {
        Cell {
            en: format!("column \"{header}\""),
            vi: format!("cột \"{header}\""),
        }
    }

    /// In English: the form in `--format json` and `--format github`,
    /// which stays the same whatever the language.
    pub fn en(&self) -> &str {
        &self.en
    }

    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.en, &self.vi)
    }

    pub fn is_empty(&self) -> bool {
        self.en.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path as given to the user (relative to where they ran the command when possible).
    pub path: PathBuf,
    /// `None` when the problem concerns a whole file or folder.
    pub pos: Option<Pos>,
    pub message: Msg,
    pub hint: Option<Msg>,
    /// The source line the position points into, for display.
    pub source_line: Option<String>,
    /// A spreadsheet cell (`Sheet "Chỉ tiêu"!E14`) or a CSV column
    /// (`column "2023"`), shown after the path and line.
    pub cell: Option<Cell>,
    /// The cause of other diagnostics (a file not read because of its
    /// name): printed before them.
    pub cause: bool,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, pos: Option<Pos>, message: Msg) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            pos,
            message,
            hint: None,
            source_line: None,
            cell: None,
            cause: false,
        }
    }

    pub fn warning(path: impl Into<PathBuf>, pos: Option<Pos>, message: Msg) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, pos, message)
        }
    }

    pub fn with_hint(mut self, hint: Msg) -> Self {
        self.hint = Some(hint);
        self
    }

    /// Name the spreadsheet cell or CSV column the problem is in.
    pub fn with_cell(mut self, cell: Cell) -> Self {
        self.cell = Some(cell);
        self
    }

    /// Print this before the others: they follow from it.
    pub fn as_cause(mut self) -> Self {
        self.cause = true;
        self
    }

    /// Attach the offending line from `source` (the whole file's text).
    pub fn with_source(mut self, source: &str) -> Self {
        if let Some(pos) = self.pos {
            self.source_line = source
                .lines()
                .nth(pos.line.saturating_sub(1))
                .map(|l| l.trim_end_matches('\r').to_string());
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col` as printed at the head of the diagnostic (a cell
    /// named in English).
    pub fn location(&self) -> String {
        self.location_in(Lang::En)
    }

    /// `path:line:col`, then the cell or column if any, in `lang`.
    pub fn location_in(&self, lang: Lang) -> String {
        let place = match self.pos {
            Some(p) => format!("{}:{}:{}", self.path.display(), p.line, p.col),
            None => self.path.display().to_string(),
        };
        match &self.cell {
            Some(cell) => format!("{place}: {}", cell.get(lang)),
            None => place,
        }
    }

    /// The diagnostic as printed, in `lang`: `path:line:col: error: message`,
    /// the source line with a caret, and the hint.
    pub fn display(&self, lang: Lang) -> Shown<'_> {
        Shown { d: self, lang }
    }
}

/// The label of a severity as printed: `error`/`lỗi`, `warning`/`cảnh báo`.
pub fn severity_label(severity: Severity, lang: Lang) -> &'static str {
    match severity {
        Severity::Error => lang.pick("error", "lỗi"),
        Severity::Warning => lang.pick("warning", "cảnh báo"),
    }
}

/// A [`Diagnostic`] printed in one language (see [`Diagnostic::display`]).
pub struct Shown<'a> {
    d: &'a Diagnostic,
    lang: Lang,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.display(Lang::En).fmt(f)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (d, lang) = (self.d, self.lang);
        let label = severity_label(d.severity, lang);
        // Text from content files is shown escaped where a terminal would
        // act on it (colours, clearing the screen, a new title, bidi tricks).
        write!(
            f,
            "{}: {}: {}",
            visible(&d.location_in(lang), "\n"),
            label,
            visible(d.message.get(lang), "\n")
        )?;
        if let (Some(pos), Some(line)) = (d.pos, &d.source_line) {
            let num = pos.line.to_string();
            let pad = " ".repeat(num.len());
            // The caret goes under the column, counting characters as shown;
            // tabs are kept so the caret lines up in a terminal.
            let lead: String = line
                .chars()
                .take(pos.col.saturating_sub(1))
                .map(|c| match c {
                    '\t' => "\t".to_string(),
                    c if is_hidden(c) => " ".repeat(escaped(c).chars().count()),
                    _ => " ".to_string(),
                })
                .collect();
            write!(f, "\n {num} | {}\n {pad} | {lead}^", visible(line, ""))?;
        }
        if let Some(hint) = &d.hint {
            let label = lang.pick("hint", "gợi ý");
            write!(f, "\n  = {label}: {}", visible(hint.get(lang), "\n"))?;
        }
        Ok(())
    }
}

/// Characters a terminal acts on instead of showing: control characters
/// (but tab) and the bidirectional overrides.
fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn escaped(c: char) -> String {
    format!("\\u{{{:x}}}", c as u32)
}

/// `s` with the characters a terminal would act on written as `\u{1b}`,
/// except those in `keep`.
pub fn visible<'s>(s: &'s str, keep: &str) -> std::borrow::Cow<'s, str> {
    if !s.chars().any(|c| is_hidden(c) && !keep.contains(c)) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_hidden(c) && !keep.contains(c) {
            out.push_str(&escaped(c));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Diagnostics of a whole run, collected rather than stopping at the first.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by file, then position, then message; duplicates removed.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (!a.cause, &a.path, a.pos, &a.message, a.severity)
                .cmp(&(!b.cause, &b.path, b.pos, &b.message, b.severity))
        });
        self.items.dedup();
        self.items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Turn every warning into an error (`--strict`).
    pub fn make_strict(&mut self) {
        for d in &mut self.items {
            d.severity = Severity::Error;
        }
    }
}

/// Why a file could not be read or written, in words: the operating
/// system's own text in English, a translation of the common kinds in
/// Vietnamese (with the system's text after it for the rare ones).
pub fn io_reason(e: &std::io::Error) -> Msg {
    use std::io::ErrorKind as K;
    let vi = match e.kind() {
        K::NotFound => "không tìm thấy".to_string(),
        K::PermissionDenied => "không có quyền truy cập".to_string(),
        K::AlreadyExists => "đã có".to_string(),
        K::IsADirectory => "đây là một thư mục, không phải tệp".to_string(),
        K::NotADirectory => "đây không phải là thư mục".to_string(),
        K::DirectoryNotEmpty => "thư mục không trống".to_string(),
        K::StorageFull => "ổ đĩa đã đầy".to_string(),
        K::ReadOnlyFilesystem => "ổ đĩa chỉ cho đọc".to_string(),
        K::InvalidData => "dữ liệu không hợp lệ".to_string(),
        _ => format!("lỗi hệ thống ({e})"),
    };
    msg!("io", en: "{e}", vi: "{vi}")
}

/// The closest candidate to a misspelt word, if any is close enough to suggest.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Display a path relative to `base` when it is inside it.
pub fn display_path(path: &Path, base: &Path) -> PathBuf {
    path.strip_prefix(base)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_location_line_caret_and_hint() {
        let src = "- id: a\n  tagret: 5\n";
        let d = Diagnostic::error(
            "x.yaml",
            Some(Pos::new(2, 3)),
            msg!("unknown-field", en: "unknown field `tagret`", vi: "trường `tagret` không có"),
        )
        .with_hint(msg!("did-you-mean", en: "did you mean `target`?", vi: "có phải là `target`?"))
        .with_source(src);
        let text = d.to_string();
        assert_eq!(
            text,
            "x.yaml:2:3: error: unknown field `tagret`\n 2 |   tagret: 5\n   |   ^\n  = hint: did you mean `target`?"
        );
        assert_eq!(
            d.display(Lang::Vi).to_string(),
            "x.yaml:2:3: lỗi: trường `tagret` không có\n 2 |   tagret: 5\n   |   ^\n  = gợi ý: có phải là `target`?"
        );
    }

    #[test]
    fn suggests_close_words_only() {
        let fields = ["id", "group", "target", "values"];
        assert_eq!(did_you_mean("tagret", fields), Some("target"));
        assert_eq!(did_you_mean("zzz", fields), None);
    }

    fn t(s: &str) -> Msg {
        msg!("test", en: "{s}", vi: "{s}")
    }

    #[test]
    fn languages_parse_from_locale_like_names() {
        assert_eq!(Lang::parse("vi"), Some(Lang::Vi));
        assert_eq!(Lang::parse("vi_VN.UTF-8"), Some(Lang::Vi));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }

    #[test]
    fn sorts_by_file_then_line() {
        let mut ds = Diagnostics::new();
        ds.push(Diagnostic::error("b.yaml", Some(Pos::new(1, 1)), t("x")));
        ds.push(Diagnostic::error("a.yaml", Some(Pos::new(9, 1)), t("y")));
        ds.push(Diagnostic::error("a.yaml", Some(Pos::new(2, 1)), t("z")));
        let sorted = ds.into_sorted();
        let locs: Vec<_> = sorted.iter().map(Diagnostic::location).collect();
        assert_eq!(locs, ["a.yaml:2:1", "a.yaml:9:1", "b.yaml:1:1"]);
    }
}
