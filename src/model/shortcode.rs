//! Shortcodes in a section's Markdown, checked while loading: each names
//! something the report defines, so the renderer only looks it up.

/// The shortcodes there are, by the name an editor writes.
pub const SHORTCODES: &[&str] = &["value", "target", "status", "chart"];

/// A shortcode as understood, with its place in the Markdown (1-based line
/// and column, relative to the section's body).
#[derive(Debug, Clone, PartialEq)]
pub struct Shortcode {
    pub kind: ShortcodeKind,
    pub line: usize,
    pub col: usize,
}

/// What a shortcode shows; every id is one the report defines.
#[derive(Debug, Clone, PartialEq)]
pub enum ShortcodeKind {
    /// The indicator's latest value.
    Value { indicator: String },
    /// The indicator's target.
    Target { indicator: String },
    /// The indicator's status.
    Status { indicator: String },
    /// The group's chart.
    Chart { group: String },
}
