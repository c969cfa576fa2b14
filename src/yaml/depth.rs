//! How deeply a YAML text nests, measured in one pass before the YAML parser
//! sees it: the parser's scanner takes quadratic time on thousands of open
//! `{a: ` before its own nesting limit stops it (45 s for 500 KB).
//! Content files need a few levels; past [`MAX_DEPTH`] the file is refused.

/// The deepest nesting of mappings and lists a content file may use.
pub const MAX_DEPTH: usize = 32;

/// The line and column (1-based) where the nesting first passes
/// [`MAX_DEPTH`], or `None`. Counts open `[` / `{`, the indentation levels
/// of block collections, and `- ` / `? ` items that open on one line.
/// Quoted strings, comments and block scalars (`|`, `>`) are skipped.
pub fn too_deep(src: &str) -> Option<(usize, usize)> {
    let mut flow = 0usize;
    let mut indents: Vec<usize> = Vec::new();
    // Inside a block scalar: lines indented more than this belong to it.
    let mut block_scalar: Option<usize> = None;
    // An open quote carried over to the next line (quoted scalars may span lines).
    let mut quote: Option<u8> = None;
    for (n, line) in src.lines().enumerate() {
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|b| **b == b' ').count();
        let blank = bytes[indent..].iter().all(|b| b.is_ascii_whitespace());
        if let Some(parent) = block_scalar {
            if blank || indent > parent {
                continue;
            }
            block_scalar = None;
        }
        if blank {
            continue;
        }
        let at_block_level = flow == 0 && quote.is_none();
        if at_block_level {
            while indents.last().is_some_and(|i| *i > indent) {
                indents.pop();
            }
            if indents.last() != Some(&indent) {
                indents.push(indent);
            }
        }
        let mut depth_here = if at_block_level { indents.len() } else { 0 };
        if depth_here > MAX_DEPTH {
            return Some((n + 1, indent + 1));
        }
        // Whether the next character starts a token (after space or an indicator).
        let mut token_start = true;
        let mut i = if at_block_level { indent } else { 0 };
        while i < bytes.len() {
            let b = bytes[i];
            if let Some(q) = quote {
                if b == b'\\' && q == b'"' {
                    i += 2;
                    continue;
                }
                if b == q {
                    if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                        i += 2;
                        continue;
                    }
                    quote = None;
                    token_start = false;
                }
                i += 1;
                continue;
            }
            match b {
                b'#' if token_start || i == 0 || bytes[i - 1] == b' ' || bytes[i - 1] == b'\t' => {
                    break;
                }
                b'"' | b'\'' if token_start => quote = Some(b),
                b'[' | b'{' if flow > 0 || token_start => {
                    flow += 1;
                    if depth_here + flow > MAX_DEPTH {
                        return Some((n + 1, line[..i].chars().count() + 1));
                    }
                    token_start = true;
                    i += 1;
                    continue;
                }
                b']' | b'}' if flow > 0 => {
                    flow -= 1;
                }
                b',' if flow > 0 => {
                    token_start = true;
                    i += 1;
                    continue;
                }
                b'-' | b'?' | b':'
                    if flow == 0
                        && matches!(bytes.get(i + 1), None | Some(b' ' | b'\t'))
                        && (b == b':' || token_start) =>
                {
                    // `- - x` and `? ` open one more level each on this line.
                    if b != b':' {
                        depth_here += 1;
                        if depth_here > MAX_DEPTH {
                            return Some((n + 1, line[..i].chars().count() + 1));
                        }
                    }
                    token_start = true;
                    i += 1;
                    continue;
                }
                b':' if flow > 0
                    && matches!(
                        bytes.get(i + 1),
                        None | Some(b' ' | b'\t' | b',' | b']' | b'}')
                    ) =>
                {
                    token_start = true;
                    i += 1;
                    continue;
                }
                b' ' | b'\t' => {
                    i += 1;
                    continue;
                }
                b'|' | b'>' if token_start && flow == 0 => {
                    // A block scalar's header: its text follows on the lines below.
                    let header_ok = bytes[i + 1..]
                        .iter()
                        .take_while(|c| **c != b'#')
                        .all(|c| matches!(c, b'+' | b'-' | b'0'..=b'9' | b' ' | b'\t'));
                    if header_ok {
                        block_scalar = Some(indent);
                        break;
                    }
                }
                _ => {}
            }
            token_start = false;
            i += 1;
        }
    }
    None
}

/// The error for a file nested past [`MAX_DEPTH`] at `line`:`col`.
pub fn diagnostic(
    src: &str,
    path: &std::path::Path,
    line_offset: usize,
    line: usize,
    col: usize,
) -> crate::diagnostics::Diagnostic {
    let pos = crate::diagnostics::Pos::new(line + line_offset, col);
    let mut d = crate::diagnostics::Diagnostic::error(
        path,
        Some(pos),
        msg!("yaml-too-deep", en: "nesting is too deep: more than {MAX_DEPTH} levels of lists and mappings", vi: "lồng nhau quá sâu: quá {MAX_DEPTH} cấp danh sách và ánh xạ"),
    )
    .with_hint(
        msg!("yaml-too-deep", en: "content files need only a few levels of nesting: remove the stray `[`, `{{` or `- `", vi: "tệp nội dung chỉ cần vài cấp lồng nhau: xóa các dấu `[`, `{{` hoặc `- ` thừa"),
    );
    d.source_line = src
        .lines()
        .nth(line - 1)
        .map(|l| l.chars().take(200).collect());
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_files_are_shallow() {
        let src = "- id: a\n  name: \"x [ { y\"\n  note: 'it''s [ok'\n  values:\n    - { period: 2023, value: 5 } # [[[\n    - [1, [2, 3]]\n  text: |\n    {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{\n    [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n  plain: a [b {c\n";
        assert_eq!(too_deep(src), None);
    }

    #[test]
    fn deep_flow_and_block_nesting_is_found() {
        assert_eq!(
            too_deep(&"{a: ".repeat(1000)),
            Some((1, 4 * (MAX_DEPTH - 1) + 1))
        );
        assert_eq!(too_deep(&"[".repeat(1000)), Some((1, MAX_DEPTH)));
        assert!(too_deep(&"- ".repeat(1000)).is_some());
        let nested: String = (0..40)
            .map(|i| format!("{}k{i}:\n", "  ".repeat(i)))
            .collect();
        assert_eq!(too_deep(&nested).map(|p| p.0), Some(MAX_DEPTH + 1));
        // Over lines, as a formatter might write it.
        assert!(too_deep(&"[\n".repeat(100)).is_some());
    }
}
