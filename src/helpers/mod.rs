//! The leaf every stage may import: helpers with no knowledge of the model,
//! of loading or of rendering (see ARCHITECTURE.md for the import rule).

pub mod escape;
pub mod url;
