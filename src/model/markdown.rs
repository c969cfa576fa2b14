//! A section's Markdown body, which a one-shot build lets go of once the
//! section's pages are rendered.

use std::sync::{Arc, Mutex, PoisonError};

/// The Markdown of one language version of a section. Held from loading
/// until the section's report is rendered: `build` and `check` then
/// [`release`](Markdown::release) it (10,000 sections of a text-heavy site
/// are 40 MB that nothing reads again), while `serve` keeps it to compare
/// with the next load.
pub struct Markdown(Mutex<Option<Arc<str>>>);

impl Markdown {
    pub fn new(text: &str) -> Self {
        Markdown(Mutex::new(Some(Arc::from(text))))
    }

    /// The text. Reading it after [`release`](Markdown::release) is a bug of
    /// the build's order (a report's sections are read by its own unit only).
    pub fn text(&self) -> Arc<str> {
        self.get()
            .expect("a section's Markdown read after it was released")
    }

    fn get(&self) -> Option<Arc<str>> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Let go of the text: its pages and search entries are made.
    pub fn release(&self) {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).take();
    }
}

impl Clone for Markdown {
    fn clone(&self) -> Self {
        Markdown(Mutex::new(self.get()))
    }
}

impl PartialEq for Markdown {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl std::fmt::Debug for Markdown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.get() {
            Some(text) => f.debug_tuple("Markdown").field(&text).finish(),
            None => f.write_str("Markdown(released)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Markdown;

    #[test]
    fn released_text_is_gone_from_the_original_only() {
        let a = Markdown::new("# A");
        let b = a.clone();
        assert_eq!(a, b);
        a.release();
        assert_eq!(&*b.text(), "# A");
        assert_ne!(a, b);
        assert_eq!(format!("{a:?}"), "Markdown(released)");
    }
}
