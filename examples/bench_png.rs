//! Exploration: bytes and CPU time of chart PNGs under encoding choices.
//!
//! ```sh
//! cargo run --release --example bench_png -- SVG_DIR [LIMIT]
//! ```
//!
//! Reads every `*.svg` in SVG_DIR (charts as the site offers them for
//! download, e.g. every tenth `chart.svg` of a built corpus), draws each,
//! counts its colours and encodes the pixels in several ways, printing per
//! variant the total bytes and the CPU time per chart (docs/performance.md).
//!
//! - `BENCH_MORE=1`: also scale 2, crisp edges on axis-aligned shapes, and
//!   more RGB encodings.
//! - `CHECK_BEFORE=1`: check that `export::draw` gives exactly the pixels of
//!   `NAME.before.png` beside each `NAME.svg` (PNGs of an earlier version).
//! - `PROFILE_PARSE=1`, `PROFILE_RENDER=all|notext|crisp`: only parse, or only
//!   draw (for `perf record`).
//! - `DUMP=DIR`: write the first chart's PNG as `export` and as the bench
//!   encodes it, to compare.

use std::collections::BTreeMap;
use std::path::PathBuf;

use minhbach::render::export;
use resvg::tiny_skia::Pixmap;
use rustc_hash::{FxHashMap, FxHashSet};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: bench_png SVG_DIR [LIMIT]");
        std::process::exit(2);
    };
    let limit: usize = args
        .next()
        .and_then(|r| r.parse().ok())
        .unwrap_or(usize::MAX);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "svg"))
        .collect();
    files.sort();
    files.truncate(limit);
    let svgs: Vec<(String, String)> = files
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (kind(&name), std::fs::read_to_string(p).unwrap())
        })
        .collect();
    println!("{} charts", svgs.len());
    if let Some(out) = std::env::var_os("DUMP") {
        let pixmap = export::pixels(&export::tree(&svgs[0].1).unwrap(), 1.5).unwrap();
        let out = PathBuf::from(out);
        std::fs::write(out.join("now.png"), export::encode(&pixmap).unwrap()).unwrap();
        let l3 = pal(
            &pixmap,
            png::DeflateCompression::Level(3),
            png::Filter::NoFilter,
        );
        std::fs::write(out.join("l3.png"), l3.unwrap()).unwrap();
        return;
    }
    if std::env::var_os("CHECK_BEFORE").is_some() {
        // Every chart drawn now has exactly the pixels of the PNG drawn
        // before (`NAME.before.png` beside `NAME.svg`), whatever the encoding.
        let (mut same, mut bytes_before, mut bytes_now) = (0, 0, 0);
        for path in &files {
            let before = std::fs::read(path.with_extension("before.png")).unwrap();
            let now = export::draw(&std::fs::read_to_string(path).unwrap()).unwrap();
            assert!(rgb_of(&before) == rgb_of(&now), "{}", path.display());
            same += 1;
            bytes_before += before.len();
            bytes_now += now.len();
        }
        println!("{same} charts, the same pixels; {bytes_before} bytes before, {bytes_now} now");
        return;
    }
    if std::env::var_os("PROFILE_PARSE").is_some() {
        let c = cpu();
        for _ in 0..5 {
            for (_, s) in &svgs {
                std::hint::black_box(export::tree(s));
            }
        }
        println!(
            "parse: {:.2} ms/img",
            (cpu() - c) * 1000.0 / (5 * svgs.len()) as f64
        );
        return;
    }
    if std::env::var_os("PROFILE_RENDER").is_some() {
        let mode = std::env::var("PROFILE_RENDER").unwrap();
        let trees: Vec<_> = svgs
            .iter()
            .map(|(_, s)| {
                let s = match mode.as_str() {
                    "notext" => strip_text(s),
                    "crisp" => crisp_edges(s),
                    _ => s.clone(),
                };
                export::tree(&s).unwrap()
            })
            .collect();
        let c = cpu();
        for _ in 0..5 {
            for t in &trees {
                std::hint::black_box(export::pixels(t, 1.5));
            }
        }
        println!(
            "render: {:.2} ms/img",
            (cpu() - c) * 1000.0 / (5 * trees.len()) as f64
        );
        return;
    }

    // (variant) -> (bytes, cpu seconds, images)
    let mut totals: BTreeMap<String, (usize, f64, usize)> = BTreeMap::new();
    let mut colours: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut add = |name: String, bytes: usize, cpu: f64| {
        let t = totals.entry(name).or_default();
        t.0 += bytes;
        t.1 += cpu;
        t.2 += 1;
    };
    for (kind, svg) in &svgs {
        let more = std::env::var_os("BENCH_MORE").is_some();
        for crisp in [false, true] {
            if crisp && !more {
                continue;
            }
            let svg = if crisp { crisp_edges(svg) } else { svg.clone() };
            let c = cpu();
            let tree = export::tree(&svg).unwrap();
            add(format!("parse crisp={crisp}"), 0, cpu() - c);
            for scale in [1.5f32, 2.0] {
                if scale != 1.5 && !more {
                    continue;
                }
                let tag = format!("s{scale} crisp={crisp}");
                let c = cpu();
                let pixmap = export::pixels(&tree, scale).unwrap();
                add(format!("render {tag}"), pixmap.data().len(), cpu() - c);
                let n = count_colours(&pixmap);
                colours.entry(format!("{tag} {kind}")).or_default().push(n);
                for (enc, f) in encoders() {
                    let c = cpu();
                    let Some(png) = f(&pixmap) else { continue };
                    add(format!("encode {tag} {enc}"), png.len(), cpu() - c);
                }
            }
        }
    }
    println!(
        "\n{:<60} {:>12} {:>10} {:>8}",
        "variant", "bytes", "ms/img", "images"
    );
    for (name, (bytes, cpu, n)) in &totals {
        println!(
            "{name:<60} {bytes:>12} {:>10.2} {n:>8}",
            cpu * 1000.0 / *n as f64
        );
    }
    println!("\ncolours per image: min / median / max / share <= 256");
    for (name, mut ns) in colours {
        ns.sort();
        let small = ns.iter().filter(|n| **n <= 256).count();
        println!(
            "{name:<40} {} / {} / {} / {}/{}",
            ns[0],
            ns[ns.len() / 2],
            ns[ns.len() - 1],
            small,
            ns.len()
        );
    }
}

type Encoder = fn(&Pixmap) -> Option<Vec<u8>>;

fn encoders() -> Vec<(&'static str, Encoder)> {
    use png::{DeflateCompression as D, Filter as F};
    let mut all: Vec<(&'static str, Encoder)> = vec![
        ("rgb fast adaptive (before)", |p| {
            rgb(p, D::FdeflateUltraFast, F::Adaptive)
        }),
        ("export::encode (now)", |p| export::encode(p)),
        ("pal fast up", |p| pal(p, D::FdeflateUltraFast, F::Up)),
        ("pal fast adaptive", |p| {
            pal(p, D::FdeflateUltraFast, F::Adaptive)
        }),
        ("pal L1 none", |p| pal(p, D::Level(1), F::NoFilter)),
        ("pal L2 none", |p| pal(p, D::Level(2), F::NoFilter)),
        ("pal L3 none", |p| pal(p, D::Level(3), F::NoFilter)),
        ("pal L4 none", |p| pal(p, D::Level(4), F::NoFilter)),
        ("pal L6 none", |p| pal(p, D::Level(6), F::NoFilter)),
        ("pal-index only (no deflate)", |p| {
            indexed(p).map(|(_, rows, _)| vec![0; rows.len() / 1000])
        }),
    ];
    if std::env::var_os("BENCH_MORE").is_some() {
        all.extend([
            (
                "rgb fast none",
                (|p| rgb(p, D::FdeflateUltraFast, F::NoFilter)) as Encoder,
            ),
            ("rgb fast sub", |p| rgb(p, D::FdeflateUltraFast, F::Sub)),
            ("rgb fast up", |p| rgb(p, D::FdeflateUltraFast, F::Up)),
            ("rgb fast paeth", |p| rgb(p, D::FdeflateUltraFast, F::Paeth)),
            ("rgb L1 adaptive", |p| rgb(p, D::Level(1), F::Adaptive)),
            ("rgb L6 adaptive", |p| rgb(p, D::Level(6), F::Adaptive)),
            ("rgba fast adaptive (no copy)", |p| {
                rgba(p, D::FdeflateUltraFast, F::Adaptive)
            }),
            ("pal fast none", |p| {
                pal(p, D::FdeflateUltraFast, F::NoFilter)
            }),
            ("pal L6 adaptive", |p| pal(p, D::Level(6), F::Adaptive)),
            ("pal L9 none", |p| pal(p, D::Level(9), F::NoFilter)),
        ]);
    }
    all
}

fn write(
    p: &Pixmap,
    color: png::ColorType,
    depth: png::BitDepth,
    palette: Option<Vec<u8>>,
    data: &[u8],
    d: png::DeflateCompression,
    f: png::Filter,
) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len() / 8);
    let mut e = png::Encoder::new(&mut out, p.width(), p.height());
    e.set_color(color);
    e.set_depth(depth);
    if let Some(pal) = palette {
        e.set_palette(pal);
    }
    e.set_deflate_compression(d);
    e.set_filter(f);
    let mut w = e.write_header().ok()?;
    w.write_image_data(data).ok()?;
    w.finish().ok()?;
    Some(out)
}

fn rgb(p: &Pixmap, d: png::DeflateCompression, f: png::Filter) -> Option<Vec<u8>> {
    let data: Vec<u8> = p
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    write(
        p,
        png::ColorType::Rgb,
        png::BitDepth::Eight,
        None,
        &data,
        d,
        f,
    )
}

fn rgba(p: &Pixmap, d: png::DeflateCompression, f: png::Filter) -> Option<Vec<u8>> {
    write(
        p,
        png::ColorType::Rgba,
        png::BitDepth::Eight,
        None,
        p.data(),
        d,
        f,
    )
}

fn pal(p: &Pixmap, d: png::DeflateCompression, f: png::Filter) -> Option<Vec<u8>> {
    let (palette, rows, depth) = indexed(p)?;
    write(
        p,
        png::ColorType::Indexed,
        depth,
        Some(palette),
        &rows,
        d,
        f,
    )
}

/// The palette (RGB, in order of first appearance), the packed rows and the
/// bit depth, if the image has at most 256 colours.
fn indexed(p: &Pixmap) -> Option<(Vec<u8>, Vec<u8>, png::BitDepth)> {
    let mut index: FxHashMap<u32, u8> = FxHashMap::default();
    let mut palette: Vec<u8> = Vec::new();
    let mut idx = vec![0u8; (p.width() * p.height()) as usize];
    let (mut last, mut last_i) = (None, 0u8);
    for (out, px) in idx.iter_mut().zip(p.data().chunks_exact(4)) {
        let c = u32::from_le_bytes([px[0], px[1], px[2], px[3]]);
        if last != Some(c) {
            last = Some(c);
            last_i = match index.get(&c) {
                Some(i) => *i,
                None => {
                    let n = index.len();
                    if n == 256 {
                        return None;
                    }
                    index.insert(c, n as u8);
                    palette.extend_from_slice(&px[..3]);
                    n as u8
                }
            };
        }
        *out = last_i;
    }
    let n = index.len();
    let bits = match n {
        0..=2 => 1,
        3..=4 => 2,
        5..=16 => 4,
        _ => 8,
    };
    if bits == 8 {
        return Some((palette, idx, png::BitDepth::Eight));
    }
    let w = p.width() as usize;
    let per = 8 / bits;
    let row_bytes = w.div_ceil(per);
    let mut rows = vec![0u8; row_bytes * p.height() as usize];
    for (y, row) in idx.chunks_exact(w).enumerate() {
        let out = &mut rows[y * row_bytes..(y + 1) * row_bytes];
        for (x, i) in row.iter().enumerate() {
            out[x / per] |= i << (8 - bits * (x % per + 1));
        }
    }
    let depth = match bits {
        1 => png::BitDepth::One,
        2 => png::BitDepth::Two,
        _ => png::BitDepth::Four,
    };
    Some((palette, rows, depth))
}

fn count_colours(p: &Pixmap) -> usize {
    let mut set = FxHashSet::default();
    let mut last = None;
    for px in p.data().chunks_exact(4) {
        let c = u32::from_le_bytes([px[0], px[1], px[2], px[3]]);
        if last != Some(c) {
            set.insert(c);
            last = Some(c);
        }
    }
    set.len()
}

/// `shape-rendering="crispEdges"` on rects and on polylines of two points
/// that are horizontal or vertical.
fn crisp_edges(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len() + 4096);
    for (i, part) in svg.split('<').enumerate() {
        if i > 0 {
            out.push('<');
        }
        let axis_line = part.starts_with("polyline") && {
            let pts = part
                .split("points=\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .unwrap_or("");
            let ps: Vec<(&str, &str)> = pts
                .split_whitespace()
                .filter_map(|p| p.split_once(','))
                .collect();
            ps.len() == 2 && (ps[0].0 == ps[1].0 || ps[0].1 == ps[1].1)
        };
        if part.starts_with("rect ") || axis_line {
            let (tag, rest) = part.split_once(' ').unwrap();
            out.push_str(tag);
            out.push_str(" shape-rendering=\"crispEdges\" ");
            out.push_str(rest);
        } else {
            out.push_str(part);
        }
    }
    out
}

fn kind(name: &str) -> String {
    ["indicators", "groups", "datasets", "projects", "compare"]
        .into_iter()
        .find(|k| name.contains(&format!("_{k}_")))
        .unwrap_or("other")
        .to_string()
}

/// CPU time of this thread in seconds (Linux: the first field of
/// /proc/thread-self/schedstat is the time on the CPU in ns); 0 elsewhere.
fn cpu() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .map_or(0.0, |ns| ns as f64 / 1e9)
}

/// `svg` without its text elements.
fn strip_text(svg: &str) -> String {
    let mut out = String::new();
    let mut rest = svg;
    while let Some(i) = rest.find("<text") {
        out.push_str(&rest[..i]);
        let end = rest[i..].find("</text>").unwrap() + i + 7;
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The RGB pixels of a PNG, palette or not.
fn rgb_of(png: &[u8]) -> Vec<u8> {
    let mut reader = png::Decoder::new(std::io::Cursor::new(png))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    match reader.info().palette.as_ref() {
        Some(pal) => buf
            .iter()
            .flat_map(|i| pal[3 * *i as usize..3 * *i as usize + 3].to_vec())
            .collect(),
        None => buf,
    }
}
