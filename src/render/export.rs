//! Charts as PNG images, drawn at build time from their downloadable SVG
//! ([`super::chart::with_credits`]) with resvg.
//!
//! Only `build` draws them: a render unit puts [`pending`] bytes (a marker
//! and the SVG) at a PNG's path, so that every page, the link check and the
//! rebuild oracle see the file, and the build, on the way to the output
//! folder, draws it ([`take_pending`]). `check` never pays for the drawing, and the
//! preview server (`serve`) draws a PNG only when it is asked for
//! ([`draw_if_pending`]); what they keep in memory at a PNG's path is not a
//! PNG.
//!
//! The text is drawn with fonts shipped in `assets/fonts/` (Noto Sans, which
//! covers Vietnamese, and DejaVu Sans for the status symbols ✓ ✗ ◷ ○ it
//! lacks; both under their licences there), loaded from the program's own
//! bytes, never from the system: the same build gives the same PNG bytes
//! on every machine.

use resvg::{tiny_skia, usvg};
use std::sync::{Arc, OnceLock};

/// The start of what stands at a PNG's path until it is drawn.
const PENDING: &[u8] = b"minhbach: a PNG drawn from this SVG when written\n";

/// What a render unit writes at the path of the PNG of `svg`.
pub fn pending(svg: &str) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(PENDING.len() + svg.len());
    bytes.extend_from_slice(PENDING);
    bytes.extend_from_slice(svg.as_bytes());
    bytes
}

/// The [`pending`] PNGs of `out`, taken out of it: their paths and SVGs
/// (the build draws them through its cache of PNGs, see `write::png_cache`,
/// and copies kept ones into the output without reading them).
pub fn take_pending(out: &mut super::Output) -> Vec<(String, String)> {
    let (pending, rest) = std::mem::take(&mut out.files)
        .into_iter()
        .partition(|(_, bytes)| bytes.starts_with(PENDING));
    out.files = rest;
    pending
        .into_iter()
        .map(|(path, bytes): (String, Vec<u8>)| {
            let svg = String::from_utf8_lossy(&bytes[PENDING.len()..]).into_owned();
            (path, svg)
        })
        .collect()
}

/// What a PNG depends on besides its SVG, for a cache of drawn PNGs: the
/// program version, the shipped fonts (by size), the scale and encoding.
pub fn drawing() -> &'static str {
    static KEY: OnceLock<String> = OnceLock::new();
    KEY.get_or_init(|| {
        format!(
            "minhbach {}; resvg; fonts {} {} {}; scale {PNG_SCALE}; \
             indexed (zlib {PALETTE_LEVEL}, no filter) or RGB (png Fast)",
            env!("CARGO_PKG_VERSION"),
            NOTO_REGULAR.len(),
            NOTO_BOLD.len(),
            DEJAVU.len()
        )
    })
}

/// `bytes` drawn if they are a [`pending`] PNG (the preview server draws
/// the one asked for), else themselves.
pub fn draw_if_pending(bytes: Vec<u8>) -> Vec<u8> {
    match bytes.strip_prefix(PENDING) {
        Some(svg) => png(&String::from_utf8_lossy(svg)).unwrap_or_default(),
        None => bytes,
    }
}

/// Pixels per SVG unit: a 640-unit chart becomes a 960-pixel image, sharp
/// in a document at full column width (2× costs twice the build time).
pub const PNG_SCALE: f32 = 1.5;

static NOTO_REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
static NOTO_BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");
static DEJAVU: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// The shipped fonts, loaded once.
fn options() -> &'static usvg::Options<'static> {
    static OPTIONS: OnceLock<usvg::Options<'static>> = OnceLock::new();
    OPTIONS.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        for bytes in [NOTO_REGULAR, NOTO_BOLD, DEJAVU] {
            db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(bytes)));
        }
        db.set_sans_serif_family("Noto Sans");
        usvg::Options {
            font_family: "Noto Sans".to_string(),
            fontdb: Arc::new(db),
            ..usvg::Options::default()
        }
    })
}

/// `svg` drawn as a PNG at [`PNG_SCALE`]; `None` if it cannot be read
/// (never for a chart of this program).
///
/// The same SVG gives the same PNG: a process that builds many times (the
/// preview server, the rebuild tests) draws each chart once, from a memo
/// keyed by the SVG's SHA-256 and emptied when it holds [`MEMO_BYTES`].
pub fn png(svg: &str) -> Option<Vec<u8>> {
    use sha2::Digest;
    type Memo = std::collections::HashMap<[u8; 32], Vec<u8>>;
    static MEMO: OnceLock<std::sync::Mutex<(Memo, usize)>> = OnceLock::new();
    let memo = MEMO.get_or_init(Default::default);
    let key: [u8; 32] = sha2::Sha256::digest(svg.as_bytes()).into();
    if let Some(png) = memo.lock().ok()?.0.get(&key) {
        return Some(png.clone());
    }
    let png = draw(svg)?;
    let mut m = memo.lock().ok()?;
    if m.1 + png.len() > MEMO_BYTES {
        *m = Default::default();
    }
    m.1 += png.len();
    m.0.insert(key, png.clone());
    Some(png)
}

/// Most bytes of PNGs [`png`] keeps.
const MEMO_BYTES: usize = 64 << 20;

/// `svg` drawn as a PNG at [`PNG_SCALE`], without [`png`]'s memo: what a
/// build draws through its cache on disk (the memo would only hold the
/// images in memory a second time).
pub fn draw(svg: &str) -> Option<Vec<u8>> {
    encode(&pixels(&tree(svg)?, PNG_SCALE)?)
}

/// `svg` read with the shipped fonts.
pub fn tree(svg: &str) -> Option<usvg::Tree> {
    usvg::Tree::from_str(svg, options()).ok()
}

/// `tree` drawn on white at `scale` pixels per SVG unit.
pub fn pixels(tree: &usvg::Tree, scale: f32) -> Option<tiny_skia::Pixmap> {
    let size = tree.size().to_int_size().scale_by(scale)?;
    // White from the start (premultiplied, opaque): one pass over the
    // memory instead of zeroing it and then filling it.
    let white = vec![255; 4 * size.width() as usize * size.height() as usize];
    let mut pixmap = tiny_skia::Pixmap::from_vec(white, size)?;
    resvg::render(
        tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Some(pixmap)
}

/// How [`encode`] compresses: zlib level 3, no row filter (a palette image
/// compresses best unfiltered). Measured on 303 charts of a 2,000-section
/// site (`examples/bench_png.rs`, docs/performance.md): ~52 KB a chart
/// against ~198 KB as RGB with png's `Fast` level, in about the same time
/// (~3 ms); level 6 saves another 10 % of the bytes for 1.5× the time.
const PALETTE_LEVEL: u8 = 3;

/// `pixmap` (opaque: drawn on white) as a PNG: indexed (a palette of the
/// image's own colours, exact) when it has at most 256 colours, as every
/// chart of this program has (anti-aliased text on a few flat colours:
/// 90-200), else RGB with png's `Fast` level. The same pixels give the
/// same bytes: the palette is in the order colours first appear.
pub fn encode(pixmap: &tiny_skia::Pixmap) -> Option<Vec<u8>> {
    let (width, height) = (pixmap.width(), pixmap.height());
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    let data = match indexed(pixmap) {
        Some((palette, indices)) => {
            encoder.set_color(png::ColorType::Indexed);
            encoder.set_depth(png::BitDepth::Eight);
            encoder.set_palette(palette);
            encoder.set_deflate_compression(png::DeflateCompression::Level(PALETTE_LEVEL));
            encoder.set_filter(png::Filter::NoFilter);
            indices
        }
        None => {
            encoder.set_color(png::ColorType::Rgb);
            encoder.set_depth(png::BitDepth::Eight);
            encoder.set_compression(png::Compression::Fast);
            pixmap
                .data()
                .chunks_exact(4)
                .flat_map(|p| [p[0], p[1], p[2]])
                .collect()
        }
    };
    let mut writer = encoder.write_header().ok()?;
    writer.write_image_data(&data).ok()?;
    writer.finish().ok()?;
    Some(out)
}

/// The palette (RGB triples, in the order the colours first appear) and
/// one index a pixel, if `pixmap` has at most 256 colours.
fn indexed(pixmap: &tiny_skia::Pixmap) -> Option<(Vec<u8>, Vec<u8>)> {
    let mut index: rustc_hash::FxHashMap<u32, u8> = Default::default();
    let mut palette = Vec::with_capacity(3 * 256);
    let mut indices = vec![0u8; pixmap.data().len() / 4];
    // Runs of one colour are most of a chart: look a colour up only when it
    // changes.
    let (mut last, mut last_index) = (None, 0u8);
    for (out, p) in indices.iter_mut().zip(pixmap.data().chunks_exact(4)) {
        let colour = u32::from_le_bytes([p[0], p[1], p[2], p[3]]);
        if last != Some(colour) {
            last = Some(colour);
            last_index = match index.get(&colour) {
                Some(i) => *i,
                None => {
                    let next = u8::try_from(index.len()).ok()?;
                    index.insert(colour, next);
                    palette.extend_from_slice(&p[..3]);
                    next
                }
            };
        }
        *out = last_index;
    }
    Some((palette, indices))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(png: &[u8]) -> (png::ColorType, Vec<u8>) {
        let mut reader = png::Decoder::new(std::io::Cursor::new(png))
            .read_info()
            .unwrap();
        let color = reader.info().color_type;
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        buf.truncate(info.buffer_size());
        let palette = reader.info().palette.as_ref().map(|p| p.to_vec());
        let rgb = match palette {
            Some(pal) => buf
                .iter()
                .flat_map(|i| pal[3 * *i as usize..3 * *i as usize + 3].to_vec())
                .collect(),
            None => buf,
        };
        (color, rgb)
    }

    fn rgb(pixmap: &tiny_skia::Pixmap) -> Vec<u8> {
        pixmap
            .data()
            .chunks_exact(4)
            .flat_map(|p| [p[0], p[1], p[2]])
            .collect()
    }

    #[test]
    fn a_chart_is_an_indexed_png_of_exactly_its_pixels() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"40\">\
            <rect x=\"3\" y=\"5\" width=\"33\" height=\"11\" fill=\"#1F5FAD\"/>\
            <text x=\"4\" y=\"34\" font-size=\"14\" fill=\"#4B5563\">Hải Dương ✓</text></svg>";
        let pixmap = pixels(&tree(svg).unwrap(), PNG_SCALE).unwrap();
        let png = encode(&pixmap).unwrap();
        let (color, decoded) = decode(&png);
        assert_eq!(color, png::ColorType::Indexed);
        assert!(decoded == rgb(&pixmap), "the same pixels, none rounded");
    }

    #[test]
    fn more_than_256_colours_are_kept_as_rgb() {
        let size = tiny_skia::IntSize::from_wh(300, 2).unwrap();
        let data = (0..600u32)
            .flat_map(|i| [(i % 256) as u8, (i / 256) as u8, 7, 255])
            .collect();
        let pixmap = tiny_skia::Pixmap::from_vec(data, size).unwrap();
        let (color, decoded) = decode(&encode(&pixmap).unwrap());
        assert_eq!(color, png::ColorType::Rgb);
        assert!(decoded == rgb(&pixmap));
    }
}
