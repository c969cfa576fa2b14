//! Boundaries for maps: the GeoJSON files site.yaml lists under
//! `boundaries:`, each with the days it is valid for and the feature
//! property that holds the area code. Every file is read, checked (valid
//! GeoJSON, features with a code and a polygon in longitude/latitude),
//! projected onto the model's plane (equirectangular, x scaled by the cosine
//! of the middle latitude), simplified with a fixed tolerance (geo's
//! Ramer–Douglas–Peucker) and rounded, so that maps are the same on every
//! build. Then every report's area must have a region in the set valid for
//! its period.

use std::sync::Arc;

use geo::{BoundingRect, Coord, MapCoords, MultiPolygon, Simplify};
use geojson::GeoJson;

use super::raw::RawBoundarySet;
use super::*;
use crate::diagnostics::did_you_mean;

/// The folder of the content holding boundary files.
pub(super) const BOUNDARIES_DIR: &str = "boundaries";
/// The feature property read for the area code when site.yaml names none.
const DEFAULT_CODE_PROPERTY: &str = "code";
/// Tolerance of the simplification, in plane units (the plane is
/// [`PLANE_WIDTH`] wide and drawn about 620 units wide): detail finer than
/// half a unit cannot be seen.
const SIMPLIFY_TOLERANCE: f64 = 0.5;
/// How many codes an error lists before saying how many more there are.
const LISTED_CODES: usize = 80;

impl Loader<'_> {
    /// The boundary sets site.yaml lists (`doc` is site.yaml), each read and
    /// checked; a set with an error is left out.
    pub(super) fn boundaries(
        &mut self,
        raw: &[RawBoundarySet],
        doc: &Doc,
        d: &mut Diagnostics,
    ) -> Vec<BoundarySet> {
        let mut sets: Vec<BoundarySet> = Vec::new();
        for (i, b) in raw.iter().enumerate() {
            let at = |field: &str| format!("boundaries.{i}.{field}");
            let file = b.file.trim().replace('\\', "/");
            let from = b.from.as_ref().and_then(|f| doc.date(f, &at("from"), d));
            let until = b.until.as_ref().and_then(|u| doc.date(u, &at("until"), d));
            if let (Some(f), Some(u)) = (from, until) {
                if u < f {
                    d.push(doc.err(
                        &at("until"),
                        msg!("boundary-dates",
                        en: "`until` ({u}) comes before `from` ({f})",
                        vi: "`until` ({u}) trước `from` ({f})"),
                    ));
                    continue;
                }
            }
            let lower = file.to_ascii_lowercase();
            if lower.ends_with(".topojson") {
                d.push(
                    doc.err(&at("file"), msg!("boundary-format",
                        en: "`{file}` is TopoJSON; boundaries are read from GeoJSON",
                        vi: "`{file}` là TopoJSON; ranh giới được đọc từ GeoJSON"))
                    .with_hint(msg!("boundary-format",
                        en: "convert it, e.g. `mapshaper {file} -o format=geojson`, and name the .geojson file here",
                        vi: "chuyển đổi, ví dụ `mapshaper {file} -o format=geojson`, rồi ghi tên tệp .geojson ở đây")),
                );
                continue;
            }
            if !(lower.ends_with(".geojson") || lower.ends_with(".json")) {
                d.push(
                    doc.err(&at("file"), msg!("boundary-format",
                        en: "`{file}` is not a GeoJSON file (.geojson or .json)",
                        vi: "`{file}` không phải là tệp GeoJSON (.geojson hoặc .json)"))
                    .with_hint(msg!("boundary-format",
                        en: "export the boundaries as GeoJSON in longitude/latitude (WGS 84) into content/boundaries/",
                        vi: "xuất ranh giới dạng GeoJSON theo kinh độ/vĩ độ (WGS 84) vào content/boundaries/")),
                );
                continue;
            }
            let path = self.root.join(&file);
            if !path.is_file() {
                let e = doc.err(
                    &at("file"),
                    msg!("boundary-missing",
                    en: "boundary file `{file}` not found",
                    vi: "không tìm thấy tệp ranh giới `{file}`"),
                );
                d.push(self.missing_file_hint(e, &file));
                continue;
            }
            let code_property = b
                .code_property
                .as_deref()
                .map(str::trim)
                .unwrap_or(DEFAULT_CODE_PROPERTY);
            if let Some(set) = self.boundary_set(&path, &file, code_property, (from, until)) {
                sets.push(set);
            }
        }
        // One set for a day: a period's map must not depend on the order.
        for (j, b) in sets.iter().enumerate() {
            if let Some(a) = sets[..j].iter().find(|a| overlap(a, b)) {
                let k = raw
                    .iter()
                    .position(|r| r.file.trim().replace('\\', "/") == b.file)
                    .unwrap_or(j);
                let other = &a.file;
                d.push(
                    doc.err(&format!("boundaries.{k}"), msg!("boundary-dates",
                        en: "`{}` is valid on some of the same days as `{other}`: a map could use either",
                        vi: "`{}` có hiệu lực trùng ngày với `{other}`: bản đồ không biết dùng tệp nào", b.file))
                    .with_hint(msg!("boundary-dates",
                        en: "give each set its own days, e.g. `until: 2025-06-30` for the old set and `from: 2025-07-01` for the new",
                        vi: "cho mỗi bộ ranh giới khoảng ngày riêng, ví dụ `until: 2025-06-30` cho bộ cũ và `from: 2025-07-01` cho bộ mới")),
                );
            }
        }
        sets
    }

    /// An error for a boundary file that is not there, with the closest
    /// file of content/boundaries/ (or where to put one).
    fn missing_file_hint(&self, e: Diagnostic, file: &str) -> Diagnostic {
        let dir = self.root.join(BOUNDARIES_DIR);
        let present: Vec<String> = files::list_dir(&dir)
            .unwrap_or_default()
            .iter()
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().to_string()))
            .map(|n| format!("{BOUNDARIES_DIR}/{n}"))
            .collect();
        match did_you_mean(file, present.iter().map(String::as_str)) {
            Some(best) => e.with_hint(
                msg!("did-you-mean", en: "did you mean `{best}`?", vi: "có phải là `{best}`?"),
            ),
            None => e.with_hint(msg!("boundary-missing",
                en: "put the GeoJSON file into content/{BOUNDARIES_DIR}/ and name it here relative to content/, e.g. `{BOUNDARIES_DIR}/provinces.geojson`",
                vi: "đặt tệp GeoJSON vào content/{BOUNDARIES_DIR}/ và ghi tên ở đây tính từ content/, ví dụ `{BOUNDARIES_DIR}/tinh.geojson`")),
        }
    }

    /// One boundary file read, checked, projected and simplified; `None`
    /// (with its diagnostics) when it cannot be used.
    fn boundary_set(
        &mut self,
        path: &Path,
        file: &str,
        code_property: &str,
        (from, until): (Option<Date>, Option<Date>),
    ) -> Option<BoundarySet> {
        let shown = self.shown(path);
        let src = match self.read_text(path, &shown) {
            Ok(s) => s,
            Err(e) => {
                self.diags.push(e);
                return None;
            }
        };
        let features = match serde_json::from_str::<GeoJson>(&src) {
            Ok(GeoJson::FeatureCollection(c)) => c.features,
            Ok(GeoJson::Feature(f)) => vec![f],
            Ok(GeoJson::Geometry(_)) => {
                self.diags.push(
                    Diagnostic::error(&shown, None, msg!("boundary-feature",
                        en: "the file holds a bare geometry, not features: nothing says which area it is",
                        vi: "tệp chỉ có hình học, không có đối tượng (feature): không biết đó là địa bàn nào"))
                    .with_hint(msg!("boundary-feature",
                        en: "save it as a FeatureCollection whose features have the area code in property `{code_property}`",
                        vi: "lưu thành FeatureCollection, mỗi feature có mã địa bàn trong thuộc tính `{code_property}`")),
                );
                return None;
            }
            Err(e) => {
                let pos = (e.line() > 0).then(|| Pos {
                    line: e.line(),
                    col: e.column(),
                });
                self.diags.push(
                    Diagnostic::error(&shown, pos, msg!("boundary-json",
                        en: "not valid GeoJSON: {e}",
                        vi: "không phải GeoJSON hợp lệ: {e}"))
                    .with_hint(msg!("boundary-json",
                        en: "export the file again as GeoJSON (e.g. from QGIS or mapshaper); check it with a GeoJSON viewer",
                        vi: "xuất lại tệp dạng GeoJSON (ví dụ từ QGIS hoặc mapshaper); kiểm tra bằng một trình xem GeoJSON")),
                );
                return None;
            }
        };
        let mut d = Diagnostics::new();
        // Areas in the order of their first feature, each with all its parts.
        let mut regions: Vec<(String, MultiPolygon<f64>)> = Vec::new();
        for (k, f) in features.iter().enumerate() {
            let value = f.properties.as_ref().and_then(|p| p.get(code_property));
            let code = match value {
                Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
                Some(serde_json::Value::Number(n)) => n.to_string(),
                _ => {
                    let keys: Vec<&str> = f
                        .properties
                        .iter()
                        .flat_map(|p| p.keys().map(String::as_str))
                        .collect();
                    let e = Diagnostic::error(
                        &shown,
                        None,
                        msg!("boundary-feature",
                        en: "feature {k} (`features[{k}]`) has no area code in property `{code_property}`",
                        vi: "feature {k} (`features[{k}]`) không có mã địa bàn trong thuộc tính `{code_property}`"),
                    );
                    let e = match did_you_mean(code_property, keys.iter().copied()) {
                        Some(best) => e.with_hint(msg!("did-you-mean",
                            en: "did you mean `code_property: {best}`?",
                            vi: "có phải là `code_property: {best}`?")),
                        None => {
                            let keys = keys.join(", ");
                            e.with_hint(msg!("boundary-feature",
                                en: "its properties are: {keys}; name the one holding the area code as `code_property` in site.yaml",
                                vi: "các thuộc tính của nó: {keys}; ghi thuộc tính chứa mã địa bàn vào `code_property` trong site.yaml"))
                        }
                    };
                    d.push(e);
                    continue;
                }
            };
            let polygons = match f.geometry.as_ref().map(|g| &g.value) {
                Some(geojson::GeometryValue::Polygon { .. })
                | Some(geojson::GeometryValue::MultiPolygon { .. }) => {
                    match f.geometry.as_ref().map(geo::Geometry::<f64>::try_from) {
                        Some(Ok(geo::Geometry::Polygon(p))) => MultiPolygon::new(vec![p]),
                        Some(Ok(geo::Geometry::MultiPolygon(m))) => m,
                        _ => MultiPolygon::new(vec![]),
                    }
                }
                other => {
                    let kind = match other {
                        None => "null".to_string(),
                        Some(v) => v.type_name().to_string(),
                    };
                    d.push(
                        Diagnostic::error(&shown, None, msg!("boundary-feature",
                            en: "feature {k} (`{code}`) is a {kind}, not an area: a boundary is a Polygon or a MultiPolygon",
                            vi: "feature {k} (`{code}`) là {kind}, không phải một vùng: ranh giới phải là Polygon hoặc MultiPolygon"))
                        .with_hint(msg!("boundary-feature",
                            en: "remove the feature, or give it the area's outline",
                            vi: "xoá feature này, hoặc thay bằng đường bao của địa bàn")),
                    );
                    continue;
                }
            };
            let coords: Vec<&Coord> = polygons
                .0
                .iter()
                .flat_map(|p| {
                    p.exterior()
                        .0
                        .iter()
                        .chain(p.interiors().iter().flat_map(|r| r.0.iter()))
                })
                .collect();
            if let Some(c) = coords
                .iter()
                .find(|c| !(c.x.abs() <= 180.0 && c.y.abs() <= 90.0))
            {
                let (x, y) = (c.x, c.y);
                d.push(
                    Diagnostic::error(&shown, None, msg!("boundary-coordinates",
                        en: "feature {k} (`{code}`) has the point ({x}, {y}), which is not a longitude and latitude",
                        vi: "feature {k} (`{code}`) có điểm ({x}, {y}), không phải kinh độ và vĩ độ"))
                    .with_hint(msg!("boundary-coordinates",
                        en: "the file seems to be in a projected system (e.g. VN-2000 or UTM): export it in WGS 84 (EPSG:4326)",
                        vi: "tệp có vẻ dùng hệ toạ độ phẳng (ví dụ VN-2000 hay UTM): xuất lại theo WGS 84 (EPSG:4326)")),
                );
                continue;
            }
            if coords.is_empty() {
                d.push(Diagnostic::error(
                    &shown,
                    None,
                    msg!("boundary-feature",
                    en: "feature {k} (`{code}`) has an empty geometry",
                    vi: "feature {k} (`{code}`) có hình học rỗng"),
                ));
                continue;
            }
            match regions.iter_mut().find(|(c, _)| *c == code) {
                Some((_, m)) => m.0.extend(polygons),
                None => regions.push((code, polygons)),
            }
        }
        if regions.is_empty() && !d.has_errors() {
            d.push(Diagnostic::error(
                &shown,
                None,
                msg!("boundary-feature",
                en: "the file has no features",
                vi: "tệp không có feature nào"),
            ));
        }
        let failed = d.has_errors();
        self.diags.extend(d);
        if failed {
            return None;
        }
        let (height, regions) = project(&regions);
        Some(BoundarySet {
            file: file.to_string(),
            from,
            until,
            height,
            regions,
        })
    }

    /// Every report's area must have a region in the boundary set valid for
    /// the report's period (when one is).
    pub(super) fn check_boundaries(
        &mut self,
        sets: &[BoundarySet],
        areas: &[Area],
        reports: &[Arc<Report>],
    ) {
        if sets.is_empty() {
            return;
        }
        let mut d = Diagnostics::new();
        for report in reports {
            let Some(code) = report.area.as_deref() else {
                continue;
            };
            match areas.iter().find(|a| a.code == code) {
                None => continue, // said already: not in areas.yaml
                // The nation and regions are references on a comparison,
                // not regions of its map.
                Some(a) if a.kind != AreaKind::Area => continue,
                Some(_) => {}
            }
            let Some(set) = boundaries_for(sets, report.period) else {
                continue;
            };
            if set.region(code).is_some() {
                continue;
            }
            let file = &set.file;
            let period = report.period;
            let e = self.error_at(&report.dir.join("report.yaml"), "area", msg!("boundary-unmatched",
                en: "area `{code}` has no boundary in `{file}`, the boundary set for period {period}",
                vi: "địa bàn `{code}` không có ranh giới trong `{file}`, bộ ranh giới dùng cho kỳ {period}"));
            let mut codes: Vec<&str> = set.regions.iter().map(|r| r.code.as_str()).collect();
            let best = did_you_mean(code, codes.iter().copied());
            codes.sort_unstable();
            let more = codes.len().saturating_sub(LISTED_CODES);
            let mut list = codes[..codes.len().min(LISTED_CODES)].join(", ");
            if more > 0 {
                list.push_str(&format!(", … (+{more})"));
            }
            d.push(match best {
                Some(best) => e.with_hint(msg!("did-you-mean",
                    en: "did you mean `{best}`? the file's codes: {list}",
                    vi: "có phải là `{best}`? các mã trong tệp: {list}")),
                None => e.with_hint(msg!("boundary-unmatched",
                    en: "the file's codes: {list}; add a feature for `{code}`, or correct the code in areas.yaml and the report",
                    vi: "các mã trong tệp: {list}; thêm feature cho `{code}`, hoặc sửa mã trong areas.yaml và báo cáo")),
            });
        }
        self.diags.extend(d);
    }
}

/// Whether two sets are valid on a common day.
fn overlap(a: &BoundarySet, b: &BoundarySet) -> bool {
    let starts_before_end = |x: &BoundarySet, y: &BoundarySet| match (x.from, y.until) {
        (Some(f), Some(u)) => f <= u,
        _ => true,
    };
    starts_before_end(a, b) && starts_before_end(b, a)
}

/// Rounds a plane coordinate to a hundredth of a unit: the same figures on
/// every machine whatever the last bits of the arithmetic.
fn round(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// The regions projected onto the plane ([`PLANE_WIDTH`] wide, north up),
/// simplified and rounded; the plane's height.
fn project(regions: &[(String, MultiPolygon<f64>)]) -> (f64, Vec<Region>) {
    let bounds = regions
        .iter()
        .filter_map(|(_, m)| m.bounding_rect())
        .reduce(|a, b| {
            geo::Rect::new(
                Coord {
                    x: a.min().x.min(b.min().x),
                    y: a.min().y.min(b.min().y),
                },
                Coord {
                    x: a.max().x.max(b.max().x),
                    y: a.max().y.max(b.max().y),
                },
            )
        });
    let Some(b) = bounds else {
        return (0.0, Vec::new());
    };
    let mid = ((b.min().y + b.max().y) / 2.0).to_radians().cos();
    let wide = ((b.max().x - b.min().x) * mid).max(1e-9);
    let scale = PLANE_WIDTH / wide;
    let height = round((b.max().y - b.min().y) * scale);
    let regions = regions
        .iter()
        .map(|(code, m)| {
            let plane = m.map_coords(|c| Coord {
                x: round((c.x - b.min().x) * mid * scale),
                y: round((b.max().y - c.y) * scale),
            });
            let simple = plane.simplify(SIMPLIFY_TOLERANCE);
            let rings = simple
                .iter()
                .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
                .map(|r| r.0.iter().map(|c| (c.x, c.y)).collect::<Vec<_>>())
                .filter(|r| r.len() >= 4)
                .collect();
            Region {
                code: code.clone(),
                rings,
            }
        })
        .collect();
    (height, regions)
}
