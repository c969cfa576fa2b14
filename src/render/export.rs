//! Charts as PNG images, drawn at build time from their downloadable SVG
//! ([`super::chart::with_credits`]) with resvg.
//!
//! Only `build` draws them: a render unit puts [`pending`] bytes (a marker
//! and the SVG) at a PNG's path, so that every page, the link check and the
//! rebuild oracle see the file, and [`draw_pending`], on the way to the
//! output folder, draws it. `check` never pays for the drawing, and the
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

/// `out` with every [`pending`] PNG drawn by `draw` (given the SVG: the
/// build draws through its cache of PNGs, see `write::png_cache`).
pub fn draw_pending(
    mut out: super::Output,
    draw: impl Fn(&str) -> Option<Vec<u8>>,
) -> super::Output {
    for bytes in out.files.values_mut() {
        if let Some(svg) = bytes.strip_prefix(PENDING) {
            *bytes = draw(&String::from_utf8_lossy(svg)).unwrap_or_default();
        }
    }
    out
}

/// What a PNG depends on besides its SVG, for a cache of drawn PNGs: the
/// program version, the shipped fonts (by size), the scale and encoding.
pub fn drawing() -> &'static str {
    static KEY: OnceLock<String> = OnceLock::new();
    KEY.get_or_init(|| {
        format!(
            "minhbach {}; resvg; fonts {} {} {}; scale {PNG_SCALE}; RGB; png Fast",
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
    let tree = usvg::Tree::from_str(svg, options()).ok()?;
    let size = tree.size().to_int_size().scale_by(PNG_SCALE)?;
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(PNG_SCALE, PNG_SCALE),
        &mut pixmap.as_mut(),
    );
    encode(&pixmap)
}

/// `pixmap` (opaque: drawn on white) as an RGB PNG, compressed with png's
/// `Fast` level. Encoding was three quarters of a chart's drawing time at
/// tiny-skia's default (RGBA, zlib); this is about 8× faster for files
/// about twice as large (~160 KB), and the same pixels give the same bytes.
fn encode(pixmap: &tiny_skia::Pixmap) -> Option<Vec<u8>> {
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    let mut out = Vec::with_capacity(rgb.len() / 4);
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().ok()?;
    writer.write_image_data(&rgb).ok()?;
    writer.finish().ok()?;
    Some(out)
}
