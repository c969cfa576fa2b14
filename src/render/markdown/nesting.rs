//! How deeply a Markdown text nests block quotes and lists, measured before
//! the parser sees it: the parser keeps every open container of a line, so
//! a line of four million `>` costs seconds and gigabytes. Prose needs a
//! few levels; past [`MAX_NESTING`] the section is refused.

/// The deepest nesting of block quotes and list items a section may use.
pub const MAX_NESTING: usize = 32;

/// The first line (1-based) and column where the nesting passes
/// [`MAX_NESTING`], and how deep it is there; `None` when it never does.
pub fn too_deep(markdown: &str) -> Option<(usize, usize, usize)> {
    // List items nest by indentation: the open items' content columns.
    let mut open_items: Vec<usize> = Vec::new();
    for (i, line) in markdown.lines().enumerate() {
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|b| **b == b' ').count();
        if bytes.len() > indent {
            // A line indented less than an item's content closes the item.
            while open_items.last().is_some_and(|c| *c > indent) {
                open_items.pop();
            }
        }
        let mut depth = open_items.len();
        let mut at = 0;
        loop {
            while at < bytes.len() && (bytes[at] == b' ' || bytes[at] == b'\t') {
                at += 1;
            }
            let marker = match bytes.get(at) {
                Some(b'>') => Some(1),
                Some(b'-' | b'*' | b'+') if matches!(bytes.get(at + 1), Some(b' ' | b'\t')) => {
                    Some(2)
                }
                Some(b'0'..=b'9') => {
                    let digits = bytes[at..]
                        .iter()
                        .take_while(|b| b.is_ascii_digit())
                        .count();
                    (digits <= 9
                        && matches!(bytes.get(at + digits), Some(b'.' | b')'))
                        && matches!(bytes.get(at + digits + 1), Some(b' ' | b'\t')))
                    .then_some(digits + 2)
                }
                _ => None,
            };
            let Some(len) = marker else { break };
            if bytes[at] != b'>' {
                open_items.push(at + len);
            }
            depth += 1;
            let col = at;
            at += len;
            if depth > MAX_NESTING {
                let column = line[..col].chars().count() + 1;
                return Some((i + 1, column, depth));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_prose_is_shallow() {
        let md = "> quote\n> > nested\n\n- a\n  - b\n    - c\n1. one\n2. two\n\n- x - y\n";
        assert_eq!(too_deep(md), None);
    }

    #[test]
    fn deep_quotes_and_lists_are_found_where_they_pass_the_limit() {
        let (line, col, depth) = too_deep(&format!("text\n{}", ">".repeat(100))).unwrap();
        assert_eq!((line, col, depth), (2, MAX_NESTING + 1, MAX_NESTING + 1));
        let list: String = (0..40)
            .map(|i| format!("{}- x\n", "  ".repeat(i)))
            .collect();
        let (line, _, _) = too_deep(&list).unwrap();
        assert_eq!(line, MAX_NESTING + 1);
        assert!(too_deep(&"- ".repeat(100)).is_some());
    }
}
