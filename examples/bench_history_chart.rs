//! CPU time of drawing every indicator's history chart, in both number
//! styles, the way the indicator pages do (src/render/pages/charts.rs `history`).
//!
//! ```sh
//! cargo run --release --example bench_history_chart -- CONTENT_DIR [ROUNDS]
//! ```
//!
//! Builds the charts' inputs first, draws them once for a checksum of the
//! output (equal checksums: equal SVGs), then draws them all single-threaded
//! ROUNDS times (default 3) and prints each round's CPU time and the median.

use std::path::PathBuf;
use std::time::Instant;

use minhbach::model::Target;
use minhbach::render::chart::{history_chart, ChartText, HistoryPoint, HistoryTarget};
use minhbach::render::format::{self, Style};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(content) = args.next().map(PathBuf::from) else {
        eprintln!("usage: bench_history_chart CONTENT_DIR [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let (site, diags) = minhbach::load::load_site(&content);
    let Some(site) = site.filter(|_| !diags.has_errors()) else {
        eprintln!("the content has errors; run minhbach check");
        std::process::exit(1);
    };

    let mut inputs = Vec::new();
    for report in &site.reports {
        for ind in &report.indicators {
            let Some(entries) = site.histories.get(&ind.id) else {
                continue;
            };
            if entries.is_empty() {
                continue;
            }
            for style in [Style::Vi, Style::En] {
                let points: Vec<HistoryPoint> = entries
                    .iter()
                    .map(|e| HistoryPoint {
                        label: format::period(e.period, style),
                        value: Some(e.value),
                        value_text: format::indicator_value(ind, e.value, style),
                    })
                    .collect();
                let target = match &ind.target {
                    Some(Target::Numeric { value, op, by, .. }) => Some(HistoryTarget {
                        value: *value,
                        text: format!(
                            "Target {} {} ({})",
                            op.symbol(),
                            format::with_unit(*value, None, &ind.unit, style),
                            format::period(*by, style)
                        ),
                        deadline_label: format::period(*by, style),
                    }),
                    _ => None,
                };
                let text = ChartText {
                    id: format!("chart-history-{}", ind.id),
                    title: "History".to_string(),
                    desc: String::new(),
                };
                inputs.push((text, points, target, ind.unit.clone(), style));
            }
        }
    }

    let draw_all = |check: bool| {
        let mut sum = 0u64;
        let mut bytes = 0usize;
        for (text, points, target, unit, style) in &inputs {
            let fmt = |v: f64| format::with_unit(v, None, unit, *style);
            let svg = history_chart(text, points, target.as_ref(), &fmt);
            bytes += svg.len();
            if check {
                for b in svg.bytes() {
                    sum = sum.wrapping_mul(31).wrapping_add(u64::from(b));
                }
            }
        }
        (bytes, sum)
    };
    let (bytes, sum) = draw_all(true);
    println!(
        "{} charts, {bytes} bytes, checksum {sum:016x}",
        inputs.len()
    );
    let mut times = Vec::new();
    for round in 0..rounds {
        let (t, cpu) = (Instant::now(), thread_cpu());
        draw_all(false);
        let (wall, cpu) = (t.elapsed().as_secs_f64(), thread_cpu() - cpu);
        println!("round {round}: {cpu:.3} CPU-s ({wall:.3} s wall)");
        times.push(cpu);
    }
    times.sort_by(f64::total_cmp);
    println!("median {:.3} CPU-s", times[times.len() / 2]);
}

/// CPU time of this thread in seconds (Linux: the first field of
/// /proc/thread-self/schedstat is the time on the CPU in ns); 0 elsewhere.
fn thread_cpu() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .map_or(0.0, |ns| ns as f64 / 1e9)
}
