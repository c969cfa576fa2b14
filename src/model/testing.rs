//! Small builders for the model's unit tests (status and outlook).

use super::*;

/// A measured value for `period`.
pub(crate) fn m(period: &str, value: f64) -> Measurement {
    Measurement {
        period: Period::parse(period).unwrap(),
        value,
        source: None,
        at: Default::default(),
        estimate: false,
        proxy: None,
    }
}

/// A numeric target `op value` by `by`.
pub(crate) fn target(value: f64, op: Op, by: &str) -> Target {
    Target::Numeric {
        value,
        op,
        by: Period::parse(by).unwrap(),
        source: None,
    }
}
