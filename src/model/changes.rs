//! What changed in a report's targets since the previous report of the site.

use super::{Indicator, Period, Report, Target};

#[derive(Debug, Default)]
pub struct Changes<'a> {
    pub added: Vec<&'a Indicator>,
    /// Indicators of the previous report that this one no longer has.
    pub removed: Vec<&'a Indicator>,
    /// (previous, current) where the target's number, comparison or text changed.
    pub target_changed: Vec<(&'a Indicator, &'a Indicator)>,
    /// (previous, current) where only the deadline moved.
    pub deadline_moved: Vec<(&'a Indicator, &'a Indicator)>,
}

impl Changes<'_> {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.target_changed.is_empty()
            && self.deadline_moved.is_empty()
    }
}

fn target_key(t: Option<&Target>) -> Option<(String, Option<Period>)> {
    t.map(|t| match t {
        Target::Numeric { value, op, by, .. } => (format!("{} {value}", op.as_str()), Some(*by)),
        Target::Text { text, by, .. } => (text.default.clone(), *by),
    })
}

/// Compare `current` with `previous` indicator by indicator id.
pub fn changes<'a>(previous: &'a Report, current: &'a Report) -> Changes<'a> {
    let mut c = Changes::default();
    for cur in &current.indicators {
        match previous.indicator(&cur.id) {
            None => c.added.push(cur),
            Some(prev) => {
                let (a, b) = (
                    target_key(prev.target.as_ref()),
                    target_key(cur.target.as_ref()),
                );
                match (a, b) {
                    (Some((ta, ba)), Some((tb, bb))) if ta == tb && ba != bb => {
                        c.deadline_moved.push((prev, cur))
                    }
                    (a, b) if a.as_ref().map(|x| &x.0) != b.as_ref().map(|x| &x.0) => {
                        c.target_changed.push((prev, cur))
                    }
                    _ => {}
                }
            }
        }
    }
    c.removed = previous
        .indicators
        .iter()
        .filter(|p| current.indicator(&p.id).is_none())
        .collect();
    c
}
