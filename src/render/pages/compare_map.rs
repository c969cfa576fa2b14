//! The map of a comparison's period: each area of the boundary set valid
//! for the period filled by its figure's class, beside the period's table
//! (which stays the accessible source of every figure).

use super::*;
use crate::render::chart::{choropleth_map, class_bounds, class_of, MapLegend, MapRegion};

impl Lang<'_> {
    /// The choropleth map of period `p`, when the site has a boundary set
    /// valid for it and an area has a figure for the period itself; also
    /// written beside the page as `map.svg` when `file` is given.
    pub(super) fn compare_map(
        &self,
        shared: &SharedCode,
        p: &ComparePeriod,
        asset_root: &str,
        file: Option<&mut Output>,
    ) -> Option<ChartView> {
        let set = boundaries_for(self.reads.boundaries(), p.period)?;
        let valued: Vec<(&CompareRow, &Measurement)> = p
            .rows
            .iter()
            .filter_map(|r| r.value.map(|m| (r, m)))
            .collect();
        let first = valued.first()?;
        let unit = &first.0.indicator.unit;
        let bounds = class_bounds(&valued.iter().map(|(_, m)| m.value).collect::<Vec<_>>());
        let n = bounds.len().saturating_sub(1);
        let bound = |v: f64| format::with_unit(v, None, unit, self.style);
        let classes: Vec<String> = match bounds.as_slice() {
            [lo, hi] if lo == hi => vec![bound(*lo)],
            _ => bounds
                .windows(2)
                .map(|w| format!("{} – {}", bound(w[0]), bound(w[1])))
                .collect(),
        };
        let no_data = self.tr("compare_map_no_data").to_string();
        let regions: Vec<MapRegion> = set
            .regions
            .iter()
            .map(|region| {
                let row = valued.iter().find(|(r, _)| r.area.code == region.code);
                let name = self.area_name(&region.code);
                match row {
                    Some((r, m)) => MapRegion {
                        region,
                        label: format!("{name}: {}", self.measurement_text(r.indicator, m)),
                        class: class_of(&bounds, m.value).map(|k| k.min(n.saturating_sub(1))),
                    },
                    None => MapRegion {
                        region,
                        label: format!("{name}: {no_data}"),
                        class: None,
                    },
                }
            })
            .collect();
        let period = format::period(p.period, self.style);
        let name = self.text(&shared.latest().name);
        let title = fill(
            self.tr("compare_map_title"),
            &[("name", &name), ("period", &period)],
        );
        let mapped = regions.iter().filter(|r| r.class.is_some()).count();
        let desc = fill(
            self.tr("compare_map_desc"),
            &[
                ("areas", &regions.len().to_string()),
                ("valued", &mapped.to_string()),
                ("period", &period),
                ("classes", &classes.len().to_string()),
            ],
        );
        let legend = MapLegend {
            caption: fill(
                self.tr("compare_map_caption"),
                &[("unit", &self.unit_name(unit))],
            ),
            classes,
            no_data,
        };
        let svg = choropleth_map(
            &ChartText {
                id: format!("map-{}", shared.code),
                title: title.clone(),
                desc,
            },
            set.height,
            &regions,
            &legend,
        );
        let svg_href = file.map(|out| {
            out.add(
                format!("{}{}", self.prefix, paths::compare_map(shared.code)),
                svg.clone(),
            );
            "map.svg".to_string()
        });
        Some(ChartView {
            heading: title,
            takeaway: None,
            svg,
            source: None,
            note: Some(fill(self.tr("compare_map_note"), &[("file", &set.file)])),
            svg_href,
            png_href: None,
            embed: None,
            data_href: Some(format!(
                "{asset_root}{}",
                paths::compare_file(shared.code, "comparison.csv")
            )),
            table: None,
        })
    }
}
