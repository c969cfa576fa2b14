//! The leaf every stage may import: helpers with no knowledge of the model,
//! of loading or of rendering (see ARCHITECTURE.md for the import rule).

pub mod escape;
/// The syntax of shortcodes in Markdown, found with their places.
pub mod shortcode;
/// Slugs: ids that become parts of addresses.
pub mod slug;
/// Names compared as people see them (NFC, no invisible characters).
pub mod text;
pub mod url;
/// Writing .xlsx workbooks (open data, `minhbach template`).
pub mod xlsx;
