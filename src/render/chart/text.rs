//! Text metrics (estimated widths), cleaning, ellipsis and word wrap.

use super::*;

// ---------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Anchor {
    Start,
    Middle,
    End,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Font {
    pub(super) size: u32,
    pub(super) bold: bool,
    pub(super) color: RGBColor,
    pub(super) anchor: Anchor,
}

impl Font {
    pub(super) const fn new(size: u32, color: RGBColor) -> Font {
        Font {
            size,
            bold: false,
            color,
            anchor: Anchor::Start,
        }
    }

    pub(super) const fn bold(self) -> Font {
        Font { bold: true, ..self }
    }

    pub(super) const fn anchor(self, anchor: Anchor) -> Font {
        Font { anchor, ..self }
    }

    pub(super) fn width(&self, s: &str) -> f64 {
        text_width(s, self.size, self.bold)
    }

    /// `self.width` of the one-character string `c`, without building it.
    pub(super) fn char_width(&self, c: char) -> f64 {
        em_scale(em_table().em(c), self.size, self.bold)
    }
}

/// Estimated advance of a character in em (a sans-serif font like Arial,
/// Roboto or San Francisco; slightly generous so text never overflows).
pub(super) fn char_em(c: char) -> f64 {
    match c {
        ' ' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' | 'i' | 'j' | 'l' | 'I' | '(' | ')'
        | '[' | ']' | '\u{a0}' => 0.3,
        'f' | 't' | 'r' | '-' | '/' => 0.37,
        'm' | 'w' | 'M' | 'W' | '%' | '@' | '—' | '…' => 0.9,
        '✓' | '✗' | '○' | '≥' | '≤' => 0.8,
        '0'..='9' => 0.57,
        c if c.is_uppercase() => 0.7,
        _ => 0.56,
    }
}

/// Fonts like San Francisco and Noto Sans run wider than the table above.
pub(super) const WIDTH_SAFETY: f64 = 1.07;

/// [`char_em`] of the characters below [`EM_TABLE_LEN`] (Latin, Vietnamese,
/// punctuation, the status symbols), looked up instead of matched: the match
/// asks the Unicode tables whether a letter is upper case.
pub(super) struct EmTable(Box<[u8]>);

/// Every value [`char_em`] returns; [`EmTable`] stores indices into it.
pub(super) const EMS: [f64; 7] = [0.3, 0.37, 0.9, 0.8, 0.57, 0.7, 0.56];
pub(super) const EM_TABLE_LEN: u32 = 0x2800;

impl EmTable {
    pub(super) fn build() -> EmTable {
        let class = |u: u32| {
            let em = char::from_u32(u).map_or(0.56, char_em);
            EMS.iter().position(|e| *e == em).unwrap_or(EMS.len() - 1) as u8
        };
        EmTable((0..EM_TABLE_LEN).map(class).collect())
    }

    #[inline]
    pub(super) fn em(&self, c: char) -> f64 {
        match self.0.get(c as usize) {
            Some(&k) => EMS[usize::from(k)],
            None => char_em(c),
        }
    }
}

pub(super) fn em_table() -> &'static EmTable {
    static TABLE: std::sync::OnceLock<EmTable> = std::sync::OnceLock::new();
    TABLE.get_or_init(EmTable::build)
}

pub(super) fn em_scale(em: f64, size: u32, bold: bool) -> f64 {
    em * f64::from(size)
        * if bold {
            1.08 * WIDTH_SAFETY
        } else {
            WIDTH_SAFETY
        }
}

pub(super) fn text_width(s: &str, size: u32, bold: bool) -> f64 {
    let table = em_table();
    let em: f64 = s.chars().map(|c| table.em(c)).sum();
    em_scale(em, size, bold)
}

/// Caller text made safe to draw: control characters (including newlines and
/// tabs) become spaces, runs of spaces collapse, ends are trimmed. XML
/// escaping happens when the text is written.
pub(super) fn clean(s: &str) -> String {
    if is_clean(s) {
        return s.to_string();
    }
    clean_slow(s)
}

/// Whether [`clean`] would return `s` unchanged: no control character, no
/// U+FFFE or U+FFFF, no space at either end and no two spaces in a row.
pub(super) fn is_clean(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut prev_space = false;
    for (i, &x) in b.iter().enumerate() {
        match x {
            0..=0x1F | 0x7F => return false,
            b' ' => {
                if prev_space {
                    return false;
                }
                prev_space = true;
                continue;
            }
            // U+0080..=U+009F (C1 controls).
            0xC2 if matches!(b.get(i + 1), Some(0x80..=0x9F)) => return false,
            // U+FFFE, U+FFFF.
            0xEF if b.get(i + 1) == Some(&0xBF) && matches!(b.get(i + 2), Some(0xBE | 0xBF)) => {
                return false
            }
            _ => {}
        }
        prev_space = false;
    }
    true
}

pub(super) fn clean_slow(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = if c.is_control() { ' ' } else { c };
        if c == '\u{FFFE}'
            || c == '\u{FFFF}'
            || (c == ' ' && (out.is_empty() || out.ends_with(' ')))
        {
            continue;
        }
        out.push(c);
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// [`clean`] of an owned string: `s` itself when it is already clean.
pub(super) fn clean_owned(s: String) -> String {
    if is_clean(&s) {
        s
    } else {
        clean_slow(&s)
    }
}

/// `s` shortened with "…" until it fits `max_w`.
pub(super) fn ellipsize(s: &str, font: Font, max_w: f64) -> String {
    if font.width(s) <= max_w {
        return s.to_string();
    }
    cut_with_ellipsis(s, font, max_w)
}

/// [`ellipsize`] of an owned string: `s` itself when it fits.
pub(super) fn ellipsize_owned(s: String, font: Font, max_w: f64) -> String {
    if font.width(&s) <= max_w {
        return s;
    }
    cut_with_ellipsis(&s, font, max_w)
}

/// `s` with "…" appended, dropping characters from the end until it fits.
pub(super) fn cut_with_ellipsis(s: &str, font: Font, max_w: f64) -> String {
    let budget = max_w - font.char_width('…');
    let mut out = String::with_capacity(s.len() + '…'.len_utf8());
    let mut w = 0.0;
    for c in s.chars() {
        let cw = font.char_width(c);
        if w + cw > budget {
            break;
        }
        w += cw;
        out.push(c);
    }
    while out.ends_with([' ', ',', ';', ':', '-', '–', '(']) {
        out.pop();
    }
    out.push('…');
    out
}

/// Greedy word wrap at spaces (a no-break space keeps words together) into at
/// most `max_lines` lines of width `max_w`; words longer than a line are
/// broken, and text beyond the last line is cut with "…".
pub(super) fn wrap(s: &str, font: Font, max_w: f64, max_lines: usize) -> Vec<String> {
    let s = clean(s);
    if max_lines == 0 || s.is_empty() {
        return Vec::new();
    }
    let space = font.char_width(' ');
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut cur_w = 0.0;
    let mut truncated = false;
    for word in s.split(' ').filter(|w| !w.is_empty()) {
        if lines.len() >= max_lines {
            truncated = true;
            break;
        }
        let ww = font.width(word);
        if !cur.is_empty() && cur_w + space + ww <= max_w {
            cur.push(' ');
            cur.push_str(word);
            cur_w += space + ww;
            continue;
        }
        if !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
            cur_w = 0.0;
        }
        if ww <= max_w {
            cur.push_str(word);
            cur_w = ww;
            continue;
        }
        for c in word.chars() {
            let cw = font.char_width(c);
            if !cur.is_empty() && cur_w + cw > max_w {
                lines.push(std::mem::take(&mut cur));
                cur_w = 0.0;
                if lines.len() > max_lines {
                    break;
                }
            }
            cur.push(c);
            cur_w += cw;
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    if lines.len() > max_lines {
        truncated = true;
        lines.truncate(max_lines);
    }
    if truncated {
        if let Some(last) = lines.pop() {
            lines.push(cut_with_ellipsis(&last, font, max_w));
        }
    }
    lines
}
