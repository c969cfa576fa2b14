//! A theme as loaded: its templates, static files and interface strings
//! (load/theme.rs reads them; render uses them).

use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Template {
    pub name: String,
    pub source: String,
    /// Where it came from, for error messages.
    pub origin: PathBuf,
}

#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub templates: Vec<Template>,
    /// Files copied to `static/` in the output, by name.
    pub static_files: BTreeMap<String, Vec<u8>>,
    /// Interface strings by language, then key.
    pub i18n: BTreeMap<String, BTreeMap<String, String>>,
}
