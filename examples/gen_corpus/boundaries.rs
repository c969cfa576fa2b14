//! Synthetic boundaries, so that the corpus's comparisons have maps: a grid
//! of 7 × 9 cells over Vietnam's longitudes and latitudes, one cell per
//! province (its corners and edge midpoints jittered, shared by its
//! neighbours), and the merged provinces of 2025 as the union of their
//! cells. Not real boundaries: shapes for tests and benchmarks only.
//!
//! Cells are handed out along a snake through the grid (left to right,
//! then right to left on the next row), each merged province's cells one
//! after another, so that every province of 2025 is one piece.

use std::fmt::Write as _;

use geo::{BooleanOps, Coord, LineString, MultiPolygon, Polygon};

use super::*;

const COLUMNS: usize = 7;
const ROWS: usize = 9;
const WEST: f64 = 102.2;
const EAST: f64 = 109.4;
const NORTH: f64 = 23.3;
const SOUTH: f64 = 8.6;

/// The two boundary files: the 63 provinces until the merger, the 34 after.
pub(crate) const BEFORE_FILE: &str = "boundaries/tinh-2008.geojson";
pub(crate) const AFTER_FILE: &str = "boundaries/tinh-2025.geojson";
/// The day before [`MERGED_FROM`].
pub(crate) const BEFORE_UNTIL: &str = "2025-06-30";

/// Provinces (indices into [`PROVINCES`]) in the order cells are handed
/// out: each province that kept its place, then the ones merged into it.
fn order() -> Vec<Vec<usize>> {
    let index = |slug: &str| PROVINCES.iter().position(|p| p.1 == slug);
    PROVINCES
        .iter()
        .enumerate()
        .filter(|(_, p)| !MERGERS.iter().any(|(old, _)| *old == p.1))
        .map(|(i, p)| {
            let mut group = vec![i];
            group.extend(
                MERGERS
                    .iter()
                    .filter(|(_, new)| *new == p.1)
                    .filter_map(|(old, _)| index(old)),
            );
            group
        })
        .collect()
}

/// A fixed jitter in [-1, 1) for a grid point or an edge.
fn jitter(seed: u64, keys: &[u64]) -> f64 {
    Rng::new(seed, "boundary", keys).range(-1.0, 1.0)
}

/// Grid point (i, j): column line i, row line j (from the north); points on
/// the grid's edge stay on it.
fn corner(seed: u64, i: usize, j: usize) -> (f64, f64) {
    let (w, h) = (
        (EAST - WEST) / COLUMNS as f64,
        (NORTH - SOUTH) / ROWS as f64,
    );
    let mut x = WEST + i as f64 * w;
    let mut y = NORTH - j as f64 * h;
    if i > 0 && i < COLUMNS {
        x += 0.25 * w * jitter(seed, &[1, i as u64, j as u64]);
    }
    if j > 0 && j < ROWS {
        y += 0.25 * h * jitter(seed, &[2, i as u64, j as u64]);
    }
    (x, y)
}

/// The middle of the edge between two grid points, pushed sideways (the
/// same for both cells that share it; edges of the grid's outline too).
fn middle(seed: u64, a: (usize, usize), b: (usize, usize)) -> (f64, f64) {
    let (a, b) = if a <= b { (a, b) } else { (b, a) };
    let (p, q) = (corner(seed, a.0, a.1), corner(seed, b.0, b.1));
    let k = 0.12 * jitter(seed, &[3, a.0 as u64, a.1 as u64, b.0 as u64, b.1 as u64]);
    let (dx, dy) = (q.0 - p.0, q.1 - p.1);
    ((p.0 + q.0) / 2.0 - dy * k, (p.1 + q.1) / 2.0 + dx * k)
}

/// Cell (column, row) as a closed ring, counter-clockwise.
fn cell(seed: u64, c: usize, r: usize) -> Polygon<f64> {
    let corners = [(c, r + 1), (c + 1, r + 1), (c + 1, r), (c, r)];
    let mut ring = Vec::new();
    for k in 0..4 {
        let (a, b) = (corners[k], corners[(k + 1) % 4]);
        let p = corner(seed, a.0, a.1);
        ring.push(Coord { x: p.0, y: p.1 });
        let m = middle(seed, a, b);
        ring.push(Coord { x: m.0, y: m.1 });
    }
    ring.push(ring[0]);
    Polygon::new(LineString::new(ring), vec![])
}

/// The cell of each province, by index into [`PROVINCES`].
fn cells(seed: u64) -> Vec<Polygon<f64>> {
    let mut out: Vec<Option<Polygon<f64>>> = vec![None; PROVINCES.len()];
    let snake = (0..ROWS)
        .flat_map(|r| (0..COLUMNS).map(move |k| (if r % 2 == 0 { k } else { COLUMNS - 1 - k }, r)));
    for (p, (c, r)) in order().into_iter().flatten().zip(snake) {
        out[p] = Some(cell(seed, c, r));
    }
    out.into_iter().map(|c| c.expect("63 cells")).collect()
}

/// `[[x,y],…]` of a ring, to four decimals (about 10 m).
fn ring_json(s: &mut String, ring: &LineString<f64>) {
    s.push('[');
    for (k, c) in ring.0.iter().enumerate() {
        if k > 0 {
            s.push(',');
        }
        let _ = write!(s, "[{:.4},{:.4}]", c.x, c.y);
    }
    s.push(']');
}

fn feature(s: &mut String, slug: &str, name: &str, shape: &MultiPolygon<f64>) {
    let _ = write!(
        s,
        "{{\"type\":\"Feature\",\"properties\":{{\"ma\":\"{slug}\",\"ten\":\"{name}\"}},\"geometry\":{{\"type\":\"MultiPolygon\",\"coordinates\":["
    );
    for (k, p) in shape.0.iter().enumerate() {
        if k > 0 {
            s.push(',');
        }
        s.push('[');
        ring_json(s, p.exterior());
        for hole in p.interiors() {
            s.push(',');
            ring_json(s, hole);
        }
        s.push(']');
    }
    s.push_str("]}}");
}

fn collection(features: Vec<String>) -> String {
    format!(
        "{{\"type\":\"FeatureCollection\",\"features\":[\n{}\n]}}\n",
        features.join(",\n")
    )
}

/// The 63 provinces' boundaries (valid until the merger).
pub(crate) fn before_geojson(seed: u64) -> String {
    let cells = cells(seed);
    collection(
        PROVINCES
            .iter()
            .zip(&cells)
            .map(|(p, c)| {
                let mut s = String::new();
                feature(&mut s, p.1, p.0, &MultiPolygon::new(vec![c.clone()]));
                s
            })
            .collect(),
    )
}

/// The 34 provinces' boundaries from the merger: each the union of its cells.
pub(crate) fn after_geojson(seed: u64) -> String {
    let cells = cells(seed);
    collection(
        order()
            .into_iter()
            .map(|group| {
                let shape = group
                    .iter()
                    .map(|&p| MultiPolygon::new(vec![cells[p].clone()]))
                    .reduce(|a, b| a.union(&b))
                    .unwrap_or_else(|| MultiPolygon::new(vec![]));
                let p = PROVINCES[group[0]];
                let mut s = String::new();
                feature(&mut s, p.1, p.0, &shape);
                s
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_province_has_a_cell_and_every_merged_province_is_one_piece() {
        assert_eq!(order().iter().map(Vec::len).sum::<usize>(), 63);
        assert_eq!(order().len(), 34);
        let after = after_geojson(1);
        assert_eq!(after.matches("\"type\":\"Feature\"").count(), 34);
        // One polygon per merged province: `"coordinates":[[[[`, never `]],[[`.
        for line in after.lines().filter(|l| l.contains("Feature\"")) {
            assert!(!line.contains("]]],[[["), "{}", &line[..120]);
        }
        assert_eq!(before_geojson(1), before_geojson(1));
    }
}
