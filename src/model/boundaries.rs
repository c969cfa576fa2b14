//! Boundaries of areas for maps: sets of regions read from the site's
//! GeoJSON files, each set valid for a range of dates (a province map
//! before a merger, another after it).
//!
//! Geometry is kept already projected onto a plane [`PLANE_WIDTH`] units
//! wide (equirectangular, x scaled by the cosine of the set's middle
//! latitude, north up), simplified and rounded at load, so that every map
//! drawn from a set is the same whatever draws it.

use super::{Date, Period};

/// Width of the plane a set's regions are projected onto.
pub const PLANE_WIDTH: f64 = 1000.0;

/// One boundary file of the site: the regions of the areas it holds, and
/// the days it is valid for.
#[derive(Debug, Clone, PartialEq)]
pub struct BoundarySet {
    /// The file as site.yaml names it (relative to the content folder).
    pub file: String,
    /// The first day the set is valid (none: since always).
    pub from: Option<Date>,
    /// The last day the set is valid (none: still valid).
    pub until: Option<Date>,
    /// Height of the plane, for a width of [`PLANE_WIDTH`].
    pub height: f64,
    /// One region per area code, in the order of the file's features.
    pub regions: Vec<Region>,
}

/// The outline of one area: its rings (outer rings and holes, drawn with the
/// even-odd rule), each closed, in plane coordinates (y down).
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    pub code: String,
    pub rings: Vec<Vec<(f64, f64)>>,
}

impl BoundarySet {
    /// Whether the set is valid on `day`.
    pub fn valid_on(&self, day: Date) -> bool {
        self.from.is_none_or(|f| f <= day) && self.until.is_none_or(|u| day <= u)
    }

    /// The region of area `code`, when the set has one.
    pub fn region(&self, code: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.code == code)
    }
}

/// The boundary set a map of `period` is drawn with: the one valid on the
/// period's first day, as an area is the one that existed when the period
/// began (see [`super::Area::replaced_before`]).
pub fn boundaries_for(sets: &[BoundarySet], period: Period) -> Option<&BoundarySet> {
    sets.iter().find(|s| s.valid_on(period.start()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(file: &str, from: Option<Date>, until: Option<Date>) -> BoundarySet {
        BoundarySet {
            file: file.into(),
            from,
            until,
            height: 1.0,
            regions: vec![],
        }
    }

    #[test]
    fn a_period_is_drawn_with_the_set_valid_on_its_first_day() {
        let sets = [
            set("old.geojson", None, Date::new(2025, 6, 30)),
            set("new.geojson", Date::new(2025, 7, 1), None),
        ];
        let p = |s: &str| Period::parse(s).unwrap();
        let file = |s: &str| boundaries_for(&sets, p(s)).map(|b| b.file.as_str());
        assert_eq!(file("2024"), Some("old.geojson"));
        assert_eq!(
            file("2025"),
            Some("old.geojson"),
            "a 2025 plan predates the merger"
        );
        assert_eq!(file("2025-07"), Some("new.geojson"));
        assert_eq!(file("2026"), Some("new.geojson"));
        assert_eq!(boundaries_for(&sets[1..], p("2024")), None);
    }
}
