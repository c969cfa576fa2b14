//! The one place that knows which YAML library is used.
//!
//! serde_yaml (0.9, archived upstream but sound: it reports line/column, stops
//! alias bombs and deep nesting) turns text into typed values; saphyr-parser's
//! marked events give a position for every node so that checks made after
//! deserialisation (an unknown group id, a duplicate id) can still point at the
//! exact line. Swapping the library means changing this file only.
//!
//! Positions cost a second parse, so they are built only when asked for
//! ([`parse_value`], then [`Spans::of`] when a diagnostic needs a line), or
//! only for the nodes needed ([`position`], [`nested_positions`]).

mod depth;

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostics::{did_you_mean, Diagnostic, Msg, Pos};

/// Positions of the nodes of one YAML document, by path: `""` is the root,
/// `"3"` the fourth item of a list, `"3.values.0.period"` a nested value.
#[derive(Debug, Default, Clone)]
pub struct Spans {
    values: HashMap<String, Pos>,
}

impl Spans {
    /// Positions of the nodes of `src` (the text a document was parsed from;
    /// see [`parse_value`]). Parsing is cheap without positions, so callers
    /// build these only when a diagnostic or the model needs a position.
    pub fn of(src: &str, line_offset: usize) -> Spans {
        Spans::build(strip_bom(src), line_offset)
    }

    /// Positions given by path (a spreadsheet's cells, as lines).
    pub fn from_positions(values: HashMap<String, Pos>) -> Spans {
        Spans { values }
    }

    /// Position of the node at `path`, or of its nearest ancestor that has one.
    pub fn at(&self, path: &str) -> Pos {
        let mut p = path;
        loop {
            if let Some(pos) = self.values.get(p) {
                return *pos;
            }
            match p.rfind('.') {
                Some(i) => p = &p[..i],
                None => return self.values.get("").copied().unwrap_or(Pos::new(1, 1)),
            }
        }
    }

    /// Position of the node at `path` if that exact node exists.
    pub fn exact(&self, path: &str) -> Option<Pos> {
        self.values.get(path).copied()
    }

    fn build(src: &str, line_offset: usize) -> Spans {
        let mut spans = Spans::default();
        let mut path = String::new();
        walk(src, line_offset, |stack, pos| {
            path_of(stack, &mut path);
            if !spans.values.contains_key(path.as_str()) {
                spans.values.insert(path.clone(), pos);
            }
            false
        });
        spans
    }
}

/// `Spans::of(src, line_offset).exact(path)`, reading only as far as needed.
pub fn position(src: &str, line_offset: usize, path: &str) -> Option<Pos> {
    let mut found = None;
    let mut buf = String::new();
    walk(strip_bom(src), line_offset, |stack, pos| {
        path_of(stack, &mut buf);
        if buf == path {
            found = Some(pos);
        }
        found.is_some()
    });
    found
}

/// Where the walk through a document is: inside the `n`th item of a list, or
/// in a mapping, after reading a key (`Some`) or waiting for the next (`None`).
enum Frame<'a> {
    Seq(usize),
    Map(Option<Cow<'a, str>>),
}

/// The path of the node `stack` points at, as [`Spans`] names it, into `out`.
fn path_of(stack: &[Frame], out: &mut String) {
    use std::fmt::Write;
    out.clear();
    for (n, f) in stack.iter().enumerate() {
        if n > 0 {
            out.push('.');
        }
        match f {
            Frame::Seq(i) => {
                let _ = write!(out, "{i}");
            }
            Frame::Map(Some(k)) => out.push_str(k),
            Frame::Map(None) => {}
        }
    }
}

/// Call `node(stack, pos)` for every node of `src` that is a value (not a
/// key), in document order, with the frames leading to it. Stops at the end
/// of the first document, at the first syntax error, or when `node` returns
/// `true`.
fn walk<'a>(src: &'a str, line_offset: usize, mut node: impl FnMut(&[Frame<'a>], Pos) -> bool) {
    use saphyr_parser::{Event, Parser};

    // After a complete value, the parent moves on to its next item or key.
    fn advance(stack: &mut [Frame]) {
        match stack.last_mut() {
            Some(Frame::Seq(i)) => *i += 1,
            Some(Frame::Map(key)) => *key = None,
            None => {}
        }
    }
    // The key being read, when the innermost frame is a mapping waiting for one.
    fn pending_key<'s, 'a>(stack: &'s mut [Frame<'a>]) -> Option<&'s mut Option<Cow<'a, str>>> {
        match stack.last_mut() {
            Some(Frame::Map(key)) if key.is_none() => Some(key),
            _ => None,
        }
    }
    let mut stack: Vec<Frame<'a>> = Vec::new();
    let mut parser = Parser::new_from_str(src);
    while let Some(Ok((event, span))) = parser.next_event() {
        let pos = Pos::new(span.start.line() + line_offset, span.start.col() + 1);
        match event {
            Event::Scalar(value, ..) => {
                if let Some(key) = pending_key(&mut stack) {
                    *key = Some(value);
                } else {
                    if node(&stack, pos) {
                        return;
                    }
                    advance(&mut stack);
                }
            }
            Event::Alias(_) => {
                if let Some(key) = pending_key(&mut stack) {
                    *key = Some(Cow::Borrowed("*"));
                } else {
                    if node(&stack, pos) {
                        return;
                    }
                    advance(&mut stack);
                }
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                // A complex key: give it a name nobody can refer to.
                if let Some(key) = pending_key(&mut stack) {
                    *key = Some(Cow::Borrowed("?"));
                }
                if node(&stack, pos) {
                    return;
                }
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Frame::Seq(0)
                } else {
                    Frame::Map(None)
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                stack.pop();
                advance(&mut stack);
            }
            Event::StreamEnd => break,
            _ => {}
        }
    }
}

/// For a document that is a list of mappings, each holding a list of mappings
/// under `list`: the position of `field` in each, by item and sub-item. The
/// same as `Spans::of(src, line_offset).exact("<i>.<list>.<j>.<field>")`, but
/// without building every path of the document.
pub fn nested_positions(
    src: &str,
    line_offset: usize,
    list: &str,
    field: &str,
) -> Vec<Vec<Option<Pos>>> {
    let mut out: Vec<Vec<Option<Pos>>> = Vec::new();
    walk(strip_bom(src), line_offset, |stack, pos| {
        if let [Frame::Seq(i), Frame::Map(Some(l)), Frame::Seq(j), Frame::Map(Some(f))] = stack {
            if l == list && f == field {
                if out.len() <= *i {
                    out.resize_with(*i + 1, Vec::new);
                }
                let items = &mut out[*i];
                if items.len() <= *j {
                    items.resize(*j + 1, None);
                }
                items[*j].get_or_insert(pos);
            }
        }
        false
    });
    out
}

/// The text of every plain (unquoted) scalar value of `src` for which `keep`
/// says yes, by path as [`Spans`] names it, with its position: serde_yaml
/// gives `1.970` as 1.97, and only the typed text tells that a Vietnamese
/// reader means 1970.
pub fn plain_scalars(
    src: &str,
    line_offset: usize,
    keep: impl Fn(&str) -> bool,
) -> HashMap<String, (Pos, String)> {
    use saphyr_parser::{Event, Parser, ScalarStyle};
    let mut out = HashMap::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut buf = String::new();
    let mut parser = Parser::new_from_str(strip_bom(src));
    while let Some(Ok((event, span))) = parser.next_event() {
        let waiting_key = matches!(stack.last(), Some(Frame::Map(None)));
        match event {
            Event::Scalar(value, style, ..) => {
                if waiting_key {
                    if let Some(Frame::Map(key)) = stack.last_mut() {
                        *key = Some(value);
                    }
                    continue;
                }
                if style == ScalarStyle::Plain && keep(&value) {
                    path_of(&stack, &mut buf);
                    let pos = Pos::new(span.start.line() + line_offset, span.start.col() + 1);
                    out.insert(buf.clone(), (pos, value.into_owned()));
                }
            }
            Event::Alias(_) if waiting_key => {
                if let Some(Frame::Map(key)) = stack.last_mut() {
                    *key = Some(Cow::Borrowed("*"));
                }
                continue;
            }
            Event::Alias(_) => {}
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if let Some(Frame::Map(key @ None)) = stack.last_mut() {
                    *key = Some(Cow::Borrowed("?"));
                }
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Frame::Seq(0)
                } else {
                    Frame::Map(None)
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                stack.pop();
            }
            Event::StreamEnd | Event::DocumentEnd => break,
            _ => continue,
        }
        // A complete value: the parent moves on to its next item or key.
        match stack.last_mut() {
            Some(Frame::Seq(i)) => *i += 1,
            Some(Frame::Map(key)) => *key = None,
            None => {}
        }
    }
    out
}

fn strip_bom(src: &str) -> &str {
    src.strip_prefix('\u{feff}').unwrap_or(src)
}

/// Parse `src` (the text of `path`) into `T`. `line_offset` is added to every
/// line number, for YAML front matter that starts below line 1 of a Markdown file.
/// An empty document (only blanks and comments) gives `Ok(None)`.
pub fn parse<T: DeserializeOwned>(
    src: &str,
    path: &Path,
    line_offset: usize,
) -> Result<Option<(T, Spans)>, Diagnostic> {
    Ok(parse_value(src, path, line_offset)?.map(|v| (v, Spans::of(src, line_offset))))
}

/// [`parse`] without the positions: build them with [`Spans::of`] from the
/// same `src` if and when they are needed.
pub fn parse_value<T: DeserializeOwned>(
    src: &str,
    path: &Path,
    line_offset: usize,
) -> Result<Option<T>, Diagnostic> {
    let src = strip_bom(src);
    if let Some((line, col)) = depth::too_deep(src) {
        return Err(depth::diagnostic(src, path, line_offset, line, col));
    }
    serde_yaml::from_str::<Option<T>>(src)
        .map_err(|err| to_diagnostic(&err, src, path, line_offset))
}

fn to_diagnostic(
    err: &serde_yaml::Error,
    src: &str,
    path: &Path,
    line_offset: usize,
) -> Diagnostic {
    let pos = err
        .location()
        .map(|l| Pos::new(l.line() + line_offset, l.column()));
    let mut message = strip_locations(&err.to_string());
    // serde_yaml prefixes a path such as `[3].target: `; the caret shows where.
    if let Some(rest) = strip_path_prefix(&message) {
        message = rest.to_string();
    }
    let mut hint = None;
    if let Some((field, expected)) = parse_unknown(&message, "unknown field `") {
        hint = Some(
            match did_you_mean(&field, expected.iter().map(String::as_str)) {
                Some(best) => {
                    msg!("did-you-mean", en: "did you mean `{best}`?", vi: "có phải là `{best}`?")
                }
                None if expected.is_empty() => {
                    msg!("unknown-field", en: "this mapping takes no fields", vi: "mục này không có trường nào")
                }
                None => {
                    msg!("unknown-field", en: "allowed fields: {}", vi: "các trường hợp lệ: {}", expected.join(", "))
                }
            },
        );
        message = format!("unknown field `{field}`");
    } else if let Some((variant, expected)) = parse_unknown(&message, "unknown variant `") {
        hint = Some(
            match did_you_mean(&variant, expected.iter().map(String::as_str)) {
                Some(best) => {
                    msg!("did-you-mean", en: "did you mean `{best}`? allowed: {}", vi: "có phải là `{best}`? các giá trị hợp lệ: {}", expected.join(", "))
                }
                None => {
                    msg!("unknown-value", en: "allowed values: {}", vi: "các giá trị hợp lệ: {}", expected.join(", "))
                }
            },
        );
        message = format!("unknown value `{variant}`");
    } else if message.contains("recursion limit exceeded") {
        message = "nesting is too deep (recursion limit exceeded)".into();
        hint = Some(
            msg!("yaml-too-deep", en: "content files need only a few levels of nesting", vi: "tệp nội dung chỉ cần vài cấp lồng nhau"),
        );
    } else if message.contains("repetition limit exceeded") {
        message = "too many alias expansions (repetition limit exceeded)".into();
        hint = Some(
            msg!("yaml-aliases", en: "anchors (&) and aliases (*) are not needed in content files", vi: "tệp nội dung không cần neo (&) và bí danh (*)"),
        );
    } else if let Some(number) = decimal_comma(&message) {
        hint = Some(msg!("number-format",
            en: "write numbers with a dot and without thousands separators: {number}",
            vi: "viết số với dấu chấm thập phân và không có dấu phân cách hàng nghìn: {number}"
        ));
    }
    if message.starts_with("invalid type: string") && message.contains("expected f64") {
        message = message.replace("expected f64", "expected a number");
    }
    message = plain_types(&message);
    if let Some(field) = message
        .strip_prefix("unknown field `")
        .and_then(|r| r.strip_suffix('`'))
    {
        if let Some((typed, fixed)) = pos.and_then(|p| split_decimal(src, line_offset, p, field)) {
            hint = Some(msg!("number-format",
                en: "inside {{ }} a comma separates fields, so `{typed}` reads as two: write `{fixed}`",
                vi: "trong {{ }} dấu phẩy ngăn cách các trường, nên `{typed}` bị đọc thành hai: hãy viết `{fixed}`"));
        } else if field.chars().all(|c| c.is_ascii_digit()) {
            hint = Some(msg!("number-format",
                en: "write numbers with a dot: inside {{ }} a comma separates fields, so `56,6` reads as two",
                vi: "viết số thập phân với dấu chấm: trong {{ }} dấu phẩy ngăn cách các trường, nên `56,6` bị đọc thành hai"));
        }
    }
    let is_semantic = [
        "invalid type",
        "invalid value",
        "missing field",
        "unknown",
        "duplicate",
        "nesting",
        "too many",
    ]
    .iter()
    .any(|p| message.starts_with(p));
    if hint.is_none() && !is_semantic {
        // A tab is the usual cause, and the parser's words do not say it.
        let tab = pos.and_then(|p| {
            let line = src.lines().nth(p.line.checked_sub(line_offset + 1)?)?;
            Some(line.chars().position(|c| c == '\t')? + 1)
        });
        // `target: >= 50%`, `op: >=`: a value that starts with `>` or `|`
        // begins a block of text in YAML; quoted, it is read as written.
        let unquoted = pos
            .filter(|_| message.contains("block scalar"))
            .and_then(|p| src.lines().nth(p.line.checked_sub(line_offset + 1)?))
            .and_then(|line| {
                let (key, value) = line.split_once(": ")?;
                let value = value.trim();
                value
                    .starts_with(['>', '|'])
                    .then(|| format!("{}: \"{value}\"", key.trim_start().trim_start_matches("- ")))
            });
        if let Some(fixed) = unquoted {
            message = format!("YAML syntax: {message}");
            hint = Some(msg!("yaml-block-scalar",
                en: "a value that starts with `>` or `|` must be in quotes: {fixed}",
                vi: "giá trị bắt đầu bằng `>` hoặc `|` phải đặt trong ngoặc kép: {fixed}"));
        } else if let Some(col) = tab {
            let d = Diagnostic::error(
                path,
                pos,
                msg!("yaml-tab",
                    en: "YAML syntax: this line has a tab (column {col}); YAML indents with spaces only",
                    vi: "cú pháp YAML sai: dòng này có ký tự tab (cột {col}); YAML chỉ thụt lề bằng dấu cách"),
            )
            .with_source(src_with_offset(src, line_offset).as_str());
            return d.with_hint(msg!("yaml-tab",
                en: "replace the tab with spaces (two per level); most editors can be set to insert spaces for Tab",
                vi: "thay tab bằng dấu cách (hai dấu cách cho mỗi cấp); hầu hết trình soạn thảo có thể đặt phím Tab chèn dấu cách"));
        } else {
            message = format!("YAML syntax: {message}");
            hint = Some(msg!("yaml-syntax",
                en: "check quotes, brackets and indentation on this line and the lines above it",
                vi: "kiểm tra dấu ngoặc kép, dấu ngoặc và thụt lề ở dòng này và các dòng phía trên"
            ));
        }
    }
    let d = Diagnostic::error(path, pos, in_both_languages(&message))
        .with_source(src_with_offset(src, line_offset).as_str());
    match hint {
        Some(h) => d.with_hint(h),
        None => d,
    }
}

/// The message of a YAML or type error (in English, as [`to_diagnostic`]
/// words it) with its code and Vietnamese text. serde_yaml's and libyaml's
/// messages are English only: their shapes are recognised here, and the
/// parts they quote are kept as written.
fn in_both_languages(en: &str) -> Msg {
    let quoted = |lead: &str| {
        en.strip_prefix(lead)
            .and_then(|r| r.strip_suffix('`'))
            .map(str::to_string)
    };
    if let Some(x) = quoted("unknown field `") {
        return msg!("unknown-field", en: "{en}", vi: "trường `{x}` không hợp lệ ở đây");
    }
    if let Some(x) = quoted("unknown value `") {
        return msg!("unknown-value", en: "{en}", vi: "giá trị `{x}` không hợp lệ");
    }
    if let Some(x) = quoted("missing field `") {
        return msg!("missing-field", en: "{en}", vi: "thiếu trường `{x}`");
    }
    if let Some(x) = quoted("duplicate field `") {
        return msg!("duplicate-field", en: "{en}", vi: "trường `{x}` xuất hiện hai lần");
    }
    if let Some(x) = en.strip_prefix("duplicate entry with key ") {
        return msg!("duplicate-key", en: "{en}", vi: "khóa {x} xuất hiện hai lần");
    }
    if en.starts_with("nesting is too deep") {
        return msg!("yaml-too-deep", en: "{en}", vi: "lồng nhau quá sâu (vượt giới hạn đệ quy)");
    }
    if en.starts_with("too many alias expansions") {
        return msg!("yaml-aliases", en: "{en}", vi: "quá nhiều lần mở rộng bí danh (vượt giới hạn lặp)");
    }
    for (lead, code, vi_lead) in [
        ("invalid type: ", "invalid-type", "sai kiểu"),
        ("invalid value: ", "invalid-value", "giá trị không hợp lệ"),
    ] {
        if let Some(rest) = en.strip_prefix(lead) {
            let vi = match rest.split_once(", expected ") {
                Some((found, expected)) => {
                    format!("{vi_lead}: {}, cần {}", vi_words(found), vi_words(expected))
                }
                None => format!("{vi_lead}: {}", vi_words(rest)),
            };
            return Msg::__new(code, en.to_string(), vi);
        }
    }
    if let Some(rest) = en.strip_prefix("YAML syntax: ") {
        let vi = format!("cú pháp YAML sai: {}", vi_syntax(rest));
        return Msg::__new("yaml-syntax", en.to_string(), vi);
    }
    if let Some(k) = en
        .strip_suffix("`: expected text")
        .and_then(|r| r.strip_prefix('`'))
    {
        return msg!("invalid-type", en: "{en}", vi: "`{k}`: cần văn bản");
    }
    msg!("yaml", en: "{en}", vi: "bộ đọc YAML báo lỗi: {en}")
}

/// The words of serde's "found …, expected …" in Vietnamese; quoted text
/// (between `"` or backquotes) is kept as written.
fn vi_words(words: &str) -> String {
    const TABLE: &[(&str, &str)] = &[
        (
            "a list (lines starting with `- `)",
            "một danh sách (các dòng bắt đầu bằng `- `)",
        ),
        (
            "a mapping of `key: value` lines",
            "một nhóm các dòng `khóa: giá trị`",
        ),
        ("a whole number from 0 to 255", "một số nguyên từ 0 đến 255"),
        ("a whole number", "một số nguyên"),
        (
            "a number, or { value: 50, op: \">=\", by: 2023, source: ... }, or { text: ... }",
            "một số, hoặc { value: 50, op: \">=\", by: 2023, source: ... }, hoặc { text: ... }",
        ),
        (
            "a number, text, or nothing",
            "một số, văn bản, hoặc để trống",
        ),
        ("a number", "một số"),
        (
            "text, or a map from language code to text such as { vi: ..., en: ... }",
            "văn bản, hoặc các bản theo mã ngôn ngữ như { vi: ..., en: ... }",
        ),
        (
            "a period such as 2023, 2023-H1, 2023-Q2, 2023-06 or 2023-06-30",
            "một kỳ như 2023, 2023-H1, 2023-Q2, 2023-06 hoặc 2023-06-30",
        ),
        (
            "an agency name or a list of agency names",
            "tên một cơ quan hoặc danh sách tên cơ quan",
        ),
        (
            "a place in the document as text, or { ref: <reference id>, at: ..., url: ... }",
            "vị trí trong văn bản (dạng chữ), hoặc { ref: <mã tài liệu dẫn>, at: ..., url: ... }",
        ),
        ("a list", "một danh sách"),
        ("a mapping", "một nhóm `khóa: giá trị`"),
        ("a string", "văn bản"),
        ("a sequence", "một danh sách"),
        ("a boolean", "đúng/sai (true/false)"),
        ("nothing", "để trống"),
        ("string ", "chuỗi "),
        ("integer ", "số nguyên "),
        ("floating point ", "số thập phân "),
        ("boolean ", "giá trị đúng/sai "),
        ("sequence", "danh sách"),
        ("map", "nhóm `khóa: giá trị`"),
        ("unit value", "để trống"),
        ("char ", "ký tự "),
        ("one of ", "một trong "),
    ];
    let w = words.trim();
    for (en, vi) in TABLE {
        if let Some(rest) = w.strip_prefix(en) {
            return format!("{vi}{rest}");
        }
    }
    w.to_string()
}

/// libyaml's syntax errors in Vietnamese (the common ones; others keep the
/// English words after a Vietnamese lead).
fn vi_syntax(problem: &str) -> String {
    const TABLE: &[(&str, &str)] = &[
        ("mapping values are not allowed in this context",
            "không được đặt `khóa: giá trị` ở đây (thường do thiếu ngoặc kép quanh văn bản có dấu `:`, hoặc thụt lề sai)"),
        ("did not find expected key", "không tìm thấy khóa ở chỗ cần có (thường do thụt lề sai)"),
        ("did not find expected '-' indicator", "không tìm thấy dấu `-` của mục danh sách (thường do thụt lề sai)"),
        ("did not find expected ',' or ']'", "thiếu dấu `,` hoặc `]`"),
        ("did not find expected ',' or '}'", "thiếu dấu `,` hoặc `}`"),
        ("did not find expected node content", "thiếu giá trị ở chỗ cần có"),
        ("did not find expected comment or line break", "có ký tự thừa sau giá trị (cần xuống dòng hoặc chú thích)"),
        ("found character that cannot start any token", "gặp ký tự không thể mở đầu một mục (ví dụ tab, `@` hoặc `` ` ``)"),
        ("found unexpected end of stream", "tệp kết thúc giữa chừng (thường do thiếu ngoặc kép hoặc ngoặc đóng)"),
        ("found a tab character that violates indentation", "gặp ký tự tab làm sai thụt lề (YAML chỉ thụt lề bằng dấu cách)"),
        ("found unknown escape character", "gặp ký tự thoát (sau `\\`) không hợp lệ"),
        ("found undefined alias", "gặp bí danh (*) chưa được định nghĩa"),
        ("found unexpected ':'", "gặp dấu `:` không đúng chỗ"),
        ("could not find expected ':'", "không tìm thấy dấu `:` ở chỗ cần có"),
        ("block sequence entries are not allowed in this context", "không được đặt mục danh sách `- ` ở đây (thường do thụt lề sai)"),
        ("found duplicate anchor", "neo (&) bị trùng"),
    ];
    let mut parts = Vec::new();
    for (en, vi) in TABLE {
        if problem.contains(en) {
            parts.push(*vi);
        }
    }
    if parts.is_empty() {
        problem.to_string()
    } else {
        parts.join("; ")
    }
}

/// Serde's names for types, in words an editor knows.
fn plain_types(message: &str) -> String {
    let mut m = message.replace("expected f64", "expected a number");
    for (from, to) in [
        ("expected u8", "expected a whole number from 0 to 255"),
        ("expected i64", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("unit value", "nothing"),
        (
            "expected a sequence",
            "expected a list (lines starting with `- `)",
        ),
        ("invalid type: sequence", "invalid type: a list"),
        ("invalid type: map", "invalid type: a mapping"),
    ] {
        m = m.replace(from, to);
    }
    // "expected struct RawIndicator" and the like.
    while let Some(i) = m.find("struct Raw") {
        let end = m[i..]
            .find(|c: char| !c.is_alphanumeric() && c != ' ')
            .map(|e| i + e)
            .unwrap_or(m.len());
        m.replace_range(i..end, "a mapping of `key: value` lines");
    }
    m
}

/// Remove " at line N column M" (the caret shows the place) wherever libyaml put it.
fn strip_locations(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let tail = &rest[i + " at line ".len()..];
        let after_line = tail.trim_start_matches(|c: char| c.is_ascii_digit());
        match after_line.strip_prefix(" column ") {
            Some(col) => rest = col.trim_start_matches(|c: char| c.is_ascii_digit()),
            None => rest = after_line,
        }
    }
    out.push_str(rest);
    out
}

/// The caret lookup counts lines of the whole file; front matter is a slice of it.
fn src_with_offset(src: &str, line_offset: usize) -> String {
    let mut s = "\n".repeat(line_offset);
    s.push_str(src);
    s
}

fn strip_path_prefix(message: &str) -> Option<&str> {
    let (head, rest) = message.split_once(": ")?;
    // `[3].target`, `groups[1]`, `document.date`, `title`.
    let looks_like_path = !head.is_empty()
        && head
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '[' | ']'))
        && !matches!(head, "invalid" | "missing" | "unknown" | "duplicate");
    looks_like_path.then_some(rest)
}

/// From "unknown field `tagret`, expected one of `id`, `target`" get the word and the list.
fn parse_unknown(message: &str, lead: &str) -> Option<(String, Vec<String>)> {
    let rest = message.strip_prefix(lead)?;
    let end = rest.find('`')?;
    let word = rest[..end].to_string();
    let expected = rest[end + 1..]
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    Some((word, expected))
}

/// `value: 56,6` inside `{ }`: YAML took `6` for a field name. From the line,
/// the number as typed (`56,6`) and as YAML wants it (`56.6`).
fn split_decimal(src: &str, line_offset: usize, pos: Pos, field: &str) -> Option<(String, String)> {
    let frac = field.strip_suffix('%').unwrap_or(field);
    if frac.is_empty() || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let line = src.lines().nth(pos.line.checked_sub(line_offset + 1)?)?;
    let before: String = line.chars().take(pos.col.saturating_sub(1)).collect();
    let before = before.trim_end().strip_suffix(',')?.trim_end();
    let start = before
        .rfind(|c: char| !(c.is_ascii_digit() || c == '.'))
        .map_or(0, |i| i + 1);
    let int = &before[start..];
    if int.is_empty() || !int.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((
        format!("{int},{field}"),
        format!("{}.{frac}", int.replace('.', "")),
    ))
}

/// `invalid type: string "56,60", expected f64` → `56.60`.
fn decimal_comma(message: &str) -> Option<String> {
    let rest = message.strip_prefix("invalid type: string \"")?;
    let text = &rest[..rest.find('"')?];
    let t = text.trim().trim_end_matches('%').trim();
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | ' ' | '-'))
    {
        return None;
    }
    // Vietnamese style: dots group thousands, the comma marks decimals.
    let fixed: String = if t.contains(',') {
        t.replace(['.', ' '], "").replace(',', ".")
    } else if t.matches('.').count() == 1 && t.split('.').nth(1).is_some_and(|f| f.len() != 3) {
        // `57.2`: a decimal dot, not a thousands group.
        t.replace(' ', "")
    } else {
        t.replace(['.', ' '], "")
    };
    fixed.parse::<f64>().ok().map(|_| fixed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Item {
        #[allow(dead_code)]
        id: String,
        #[allow(dead_code)]
        value: Option<f64>,
    }

    fn p(src: &str) -> Result<Option<(Vec<Item>, Spans)>, Diagnostic> {
        parse(src, Path::new("t.yaml"), 0)
    }

    #[test]
    fn spans_point_at_nested_values() {
        let (_, spans) = p("- id: a\n  value: 1\n- id: b\n  value: 2\n")
            .unwrap()
            .unwrap();
        assert_eq!(spans.at("1.id"), Pos::new(3, 7));
        assert_eq!(spans.at("1.value"), Pos::new(4, 10));
        assert_eq!(spans.at("1.missing"), Pos::new(3, 3));
        assert_eq!(spans.at("0"), Pos::new(1, 3));
    }

    #[test]
    fn flow_mappings_have_spans() {
        let src = "- { id: a, value: 5 }\n";
        let (_, spans) = p(src).unwrap().unwrap();
        assert_eq!(spans.at("0.value"), Pos::new(1, 19));
    }

    #[test]
    fn unknown_field_suggests() {
        let d = p("- id: a\n  valeu: 1\n").unwrap_err();
        assert_eq!(d.message, "unknown field `valeu`");
        assert_eq!(d.hint.as_deref(), Some("did you mean `value`?"));
        assert_eq!(d.pos, Some(Pos::new(2, 3)));
    }

    #[test]
    fn decimal_comma_hint() {
        let d = p("- id: a\n  value: \"56,60\"\n").unwrap_err();
        assert!(d.message.contains("expected a number"), "{}", d.message);
        assert_eq!(
            d.hint.as_deref(),
            Some("write numbers with a dot and without thousands separators: 56.60")
        );
    }

    #[test]
    fn empty_document_is_none() {
        assert!(p("").unwrap().is_none());
        assert!(p("# only a comment\n").unwrap().is_none());
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut src = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for c in 'b'..='p' {
            src.push_str(&format!("{c}: &{c} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
            prev = c;
        }
        let r: Result<Option<(serde_yaml::Value, Spans)>, _> = parse(&src, Path::new("b.yaml"), 0);
        let d = r.unwrap_err();
        assert!(d.message.contains("repetition limit"), "{}", d.message);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let src = "[".repeat(10_000) + &"]".repeat(10_000);
        let r: Result<Option<(serde_yaml::Value, Spans)>, _> = parse(&src, Path::new("d.yaml"), 0);
        assert!(r.unwrap_err().message.contains("nesting is too deep"));
    }

    #[test]
    fn front_matter_offset_moves_lines() {
        let r: Result<Option<(Vec<Item>, Spans)>, _> =
            parse("- id: a\n  bad: 1\n", Path::new("s.md"), 1);
        assert_eq!(r.unwrap_err().pos, Some(Pos::new(3, 3)));
    }

    #[test]
    fn nested_positions_are_the_spans() {
        let src = "- id: a\n  values:\n    - { period: 2020, value: 1 }\n    - period: 2021\n      value: 2\n- id: b\n";
        let spans = Spans::of(src, 0);
        let n = nested_positions(src, 0, "values", "value");
        assert_eq!(n[0][0], spans.exact("0.values.0.value"));
        assert_eq!(n[0][1], spans.exact("0.values.1.value"));
        assert_eq!(n[0][0], Some(Pos::new(3, 30)));
        assert_eq!(n[0][1], Some(Pos::new(5, 14)));
        assert_eq!(position(src, 0, "1.id"), spans.exact("1.id"));
        assert_eq!(position(src, 0, "0.nothing"), None);
    }
}
