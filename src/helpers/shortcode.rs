//! The syntax of shortcodes, `{{ name(key="value", …) }}` in Markdown: each
//! call found with its place. What a call means is checked while loading
//! (load/shortcodes.rs); the renderer puts its output in place
//! (render/markdown.rs). Both scan with this one function, so they agree on
//! which text is a call and on the order of the calls.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::diagnostics::Msg;

/// Longest text between `{{` and `}}` read as a shortcode call; longer is
/// text (a call is one short line, and this bounds the work per `{{`).
const MAX_CALL_BYTES: usize = 2048;

/// A call as written: its name and arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub name: String,
    pub args: BTreeMap<String, String>,
}

/// Something between `{{` and `}}` that is a call, or tried to be one.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// From `{{` to after `}}`, in bytes.
    pub range: Range<usize>,
    /// 1-based line and column (in characters) of `{{`.
    pub line: usize,
    pub col: usize,
    /// The call, or why it does not parse.
    pub call: Result<Call, Msg>,
}

/// Every call in `src`, in order. One pass: positions are counted on from
/// the previous call, and the `}}` a search found is remembered for the
/// `{{` before it. Text that does not look like a call is not listed.
pub fn scan(src: &str) -> Vec<Found> {
    let mut found = Vec::new();
    let mut cursor = Cursor::default();
    let mut search = 0;
    // The last `}}` found, at or after the last place searched from.
    let mut close: Option<usize> = None;
    while let Some(at) = memchr::memmem::find(&src.as_bytes()[search..], b"{{") {
        let start = search + at;
        let body = start + 2;
        let end = match close {
            Some(e) if e >= body => e,
            _ => match memchr::memmem::find(&src.as_bytes()[body..], b"}}") {
                Some(r) => body + r,
                None => break,
            },
        };
        close = Some(end);
        let inner = &src[body..end];
        if inner.len() > MAX_CALL_BYTES
            || (inner.contains('\n') && !inner.trim_start().contains('('))
        {
            search = body;
            continue;
        }
        if let Some(call) = parse_call(inner) {
            let (line, col) = cursor.at(src, start);
            found.push(Found {
                range: start..end + 2,
                line,
                col,
                call,
            });
        }
        search = end + 2;
    }
    found
}

/// Line and column (1-based, in characters) of byte offsets asked for in
/// increasing order, each counted on from the one before.
#[derive(Default)]
struct Cursor {
    byte: usize,
    line: usize,
    col: usize,
}

impl Cursor {
    fn at(&mut self, src: &str, byte: usize) -> (usize, usize) {
        if self.line == 0 {
            (self.line, self.col) = (1, 1);
        }
        let seg = &src[self.byte..byte];
        match seg.rfind('\n') {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', seg.as_bytes()).count();
                self.col = seg[last + 1..].chars().count() + 1;
            }
            None => self.col += seg.chars().count(),
        }
        self.byte = byte;
        (self.line, self.col)
    }
}

/// `value(indicator="x")` → name and arguments. `None` when it does not look like a call.
fn parse_call(inner: &str) -> Option<Result<Call, Msg>> {
    let s = inner.trim();
    let open = s.find('(')?;
    let name = s[..open].trim();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    let Some(body) = s[open + 1..].strip_suffix(')') else {
        return Some(Err(msg!("shortcode-syntax",
            en: "shortcode `{name}` is missing its closing `)`",
            vi: "mã ngắn `{name}` thiếu dấu `)` đóng"
        )));
    };
    let mut args = BTreeMap::new();
    let mut rest = body.trim();
    while !rest.is_empty() {
        let Some(eq) = rest.find('=') else {
            return Some(Err(
                msg!("shortcode-syntax", en: "shortcode `{name}`: expected key=\"value\"", vi: "mã ngắn `{name}`: cần dạng khóa=\"giá trị\""),
            ));
        };
        let key = rest[..eq].trim().to_string();
        let after = rest[eq + 1..].trim_start();
        let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'');
        let Some(q) = quote else {
            return Some(Err(msg!("shortcode-syntax",
                en: "shortcode `{name}`: the value of `{key}` must be quoted",
                vi: "mã ngắn `{name}`: giá trị của `{key}` phải đặt trong ngoặc kép"
            )));
        };
        let Some(close) = after[1..].find(q) else {
            return Some(Err(msg!("shortcode-syntax",
                en: "shortcode `{name}`: unterminated quote in `{key}`",
                vi: "mã ngắn `{name}`: ngoặc kép chưa đóng ở `{key}`"
            )));
        };
        args.insert(key, after[1..1 + close].to_string());
        rest = after[1 + close + 1..]
            .trim_start()
            .trim_start_matches(',')
            .trim_start();
    }
    Some(Ok(Call {
        name: name.to_string(),
        args,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_are_found_with_their_places() {
        let found = scan("a\nb {{ value(indicator=\"x-1\") }} c\n");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].col), (2, 3));
        assert_eq!(found[0].range, 4..32);
        let call = found[0].call.as_ref().unwrap();
        assert_eq!(call.name, "value");
        assert_eq!(call.args["indicator"], "x-1");
        assert!(scan("Not a call: {{ braces }}\n").is_empty());
        assert!(scan("{{ value(indicator=x) }}")[0].call.is_err());
    }

    #[test]
    fn positions_are_counted_on_over_lines_and_wide_letters() {
        let found =
            scan("ệ {{ nope(a=\"1\") }} ệ {{ nope(a=\"1\") }}\nđ\n  ệ {{ nope(a=\"1\") }}\n");
        let at: Vec<(usize, usize)> = found.iter().map(|f| (f.line, f.col)).collect();
        assert_eq!(at, [(1, 3), (1, 23), (3, 5)]);
    }
}
