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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path as given to the user (relative to where they ran the command when possible).
    pub path: PathBuf,
    /// `None` when the problem concerns a whole file or folder.
    pub pos: Option<Pos>,
    pub message: String,
    pub hint: Option<String>,
    /// The source line the position points into, for display.
    pub source_line: Option<String>,
    /// A spreadsheet cell (`Sheet "Chỉ tiêu"!E14`) or a CSV column
    /// (`column "2023"`), shown after the path and line.
    pub cell: Option<String>,
    /// The cause of other diagnostics (a file not read because of its
    /// name): printed before them.
    pub cause: bool,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            pos,
            message: message.into(),
            hint: None,
            source_line: None,
            cell: None,
            cause: false,
        }
    }

    pub fn warning(path: impl Into<PathBuf>, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, pos, message)
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Name the spreadsheet cell or CSV column the problem is in.
    pub fn with_cell(mut self, cell: impl Into<String>) -> Self {
        self.cell = Some(cell.into());
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

    /// `path:line:col` as printed at the head of the diagnostic.
    pub fn location(&self) -> String {
        let place = match self.pos {
            Some(p) => format!("{}:{}:{}", self.path.display(), p.line, p.col),
            None => self.path.display().to_string(),
        };
        match &self.cell {
            Some(cell) => format!("{place}: {cell}"),
            None => place,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {}: {}", self.location(), label, self.message)?;
        if let (Some(pos), Some(line)) = (self.pos, &self.source_line) {
            let num = pos.line.to_string();
            let pad = " ".repeat(num.len());
            // The caret goes under the column, counting characters; tabs are kept so
            // the caret lines up in a terminal.
            let lead: String = line
                .chars()
                .take(pos.col.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(f, "\n {num} | {line}\n {pad} | {lead}^")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
    }
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
        let d = Diagnostic::error("x.yaml", Some(Pos::new(2, 3)), "unknown field `tagret`")
            .with_hint("did you mean `target`?")
            .with_source(src);
        let text = d.to_string();
        assert_eq!(
            text,
            "x.yaml:2:3: error: unknown field `tagret`\n 2 |   tagret: 5\n   |   ^\n  = hint: did you mean `target`?"
        );
    }

    #[test]
    fn suggests_close_words_only() {
        let fields = ["id", "group", "target", "values"];
        assert_eq!(did_you_mean("tagret", fields), Some("target"));
        assert_eq!(did_you_mean("zzz", fields), None);
    }

    #[test]
    fn sorts_by_file_then_line() {
        let mut ds = Diagnostics::new();
        ds.push(Diagnostic::error("b.yaml", Some(Pos::new(1, 1)), "x"));
        ds.push(Diagnostic::error("a.yaml", Some(Pos::new(9, 1)), "y"));
        ds.push(Diagnostic::error("a.yaml", Some(Pos::new(2, 1)), "z"));
        let sorted = ds.into_sorted();
        let locs: Vec<_> = sorted.iter().map(Diagnostic::location).collect();
        assert_eq!(locs, ["a.yaml:2:1", "a.yaml:9:1", "b.yaml:1:1"]);
    }
}
