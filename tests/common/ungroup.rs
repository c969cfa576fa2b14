/// A chart's SVG with the attributes of each `<g …>` put back on the
/// elements inside it (charts write the colours and fonts that a run of
/// elements shares once, on a `<g>`), so that each element's tag carries
/// everything that draws it. Attributes go where the chart bodies write
/// them: before ` points=` in polylines and polygons, at the end of the tag
/// in other elements. Shared by the unit tests of `src/render/chart/` and
/// the integration tests.
#[allow(dead_code)]
pub fn ungroup(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len() * 2);
    let mut shared: Option<&str> = None;
    for line in svg.split_inclusive('\n') {
        if let Some(attrs) = line.strip_prefix("<g ") {
            assert!(shared.is_none(), "nested group: {line}");
            shared = Some(attrs.trim_end().strip_suffix('>').expect("one-line <g>"));
            continue;
        }
        if line.trim_end() == "</g>" {
            assert!(shared.take().is_some(), "</g> without <g>");
            continue;
        }
        // (Lines that go on with a text's content are not tags.)
        let Some(attrs) = shared.filter(|_| line.starts_with('<')) else {
            out.push_str(line);
            continue;
        };
        let at = line.find(" points=\"").unwrap_or_else(|| {
            let end = line.find('>').expect("a tag");
            end - usize::from(line[..end].ends_with('/'))
        });
        out.push_str(&line[..at]);
        out.push(' ');
        out.push_str(attrs);
        out.push_str(&line[at..]);
    }
    assert!(shared.is_none(), "unclosed <g>");
    out
}
