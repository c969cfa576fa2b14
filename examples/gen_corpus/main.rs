//! Synthetic corpus generator for benchmarks: writes a valid minhbach site with
//! one digital-transformation report per province and year.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --provinces 63 --years 10 --out /tmp/corpus
//! ./target/release/minhbach check --strict --content /tmp/corpus/content
//! ```
//!
//! Options: `--provinces N` (1–63, default 2), `--years N` (default 2; the
//! reports cover the N years ending in 2025), `--out DIR` (required; the site is
//! written to DIR/content, which must not exist unless `--force` is given, in
//! which case DIR/content is replaced), `--seed N` (default 1), `--indicators N`
//! (per report, default 100), `--projects N` (default 15), `--sections N`
//! (Markdown sections per report, each with an English translation, default 6).
//!
//! Every report states its province as its `area:` (content/areas.yaml lists
//! the 63 provinces, with the 2025 mergers into 34 as `replaced_by` from
//! 2025-07-01), and every indicator with a numeric target carries the
//! catalogue's id as its shared `code:`, so that each code has a comparison
//! page. content/boundaries/ holds synthetic boundaries (a jittered grid,
//! see boundaries.rs) for the 63 provinces until 2025-06-30 and the 34 from
//! 2025-07-01, declared in site.yaml, so that comparisons have maps. The
//! measures of [`files::PARTS_CODES`] are split by administrative level
//! (parts with their own targets), and a national report per year
//! (`viet-nam-<year>`, area `viet-nam` of kind `national`) gives each code's
//! national figure, the mean of the provinces'. Reports before the last
//! year were updated with their own year's
//! results (`as_of` the next March): most indicators have a figure for the
//! report's period, which the comparison ranks.
//!
//! The output is a pure function of the options: every random choice comes from
//! a hash of (seed, what, where), never from a stream, so a province's
//! indicator has the same value for the same period in every report that shows
//! it, and the same options give the same bytes. Reports of one province use
//! the same indicator ids every year, so their histories line up.

mod boundaries;
mod files;
mod tables;

use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

use files::*;
use tables::*;

const LAST_YEAR: u32 = 2025;

// ---------------------------------------------------------------------------
// Deterministic randomness: splitmix64 over a hash of the call site's keys.

fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

struct Rng(u64);

impl Rng {
    /// A generator for one decision: `tag` names what is decided, `keys` where.
    fn new(seed: u64, tag: &str, keys: &[u64]) -> Rng {
        let mut h = mix(seed ^ fnv(tag));
        for k in keys {
            h = mix(h ^ k);
        }
        Rng(h)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

// ---------------------------------------------------------------------------
// Fixed data: provinces, agencies, indicator catalogue, text pools.

/// One indicator of the catalogue: a concept, possibly narrowed by a qualifier.
struct Ind {
    id: String,
    group: usize,
    concept: &'static Concept,
    vi: String,
    en: String,
}

/// The id of an indicator in province `p`. Histories are merged site-wide by
/// id, so the province is part of it: the same id in every year of a
/// province, a different one in each province.
fn ind_id(p: usize, ind: &Ind) -> String {
    format!("{}-{}", PROVINCES[p].1, ind.id)
}

/// The first `n` indicators: base concepts of every group first, then their
/// qualified variants, round-robin over the groups; past the catalogue, the
/// list repeats with a numbered suffix.
fn catalogue(n: usize) -> Vec<Ind> {
    let mut per_group: Vec<Vec<Ind>> = Vec::new();
    for (gi, g) in GROUPS.iter().enumerate() {
        let mut list = Vec::new();
        for co in g.concepts {
            list.push(Ind {
                id: co.id.to_string(),
                group: gi,
                concept: co,
                vi: co.vi.to_string(),
                en: co.en.to_string(),
            });
        }
        let max_q = g
            .concepts
            .iter()
            .map(|co| qualifiers(co.quals).len())
            .max()
            .unwrap_or(0);
        for qi in 0..max_q {
            for co in g.concepts {
                if let Some((qid, qvi, qen)) = qualifiers(co.quals).get(qi) {
                    list.push(Ind {
                        id: format!("{}-{qid}", co.id),
                        group: gi,
                        concept: co,
                        vi: format!("{} {qvi}", co.vi),
                        en: format!("{} {qen}", co.en),
                    });
                }
            }
        }
        per_group.push(list);
    }
    let mut base = Vec::new();
    let longest = per_group.iter().map(Vec::len).max().unwrap_or(0);
    for i in 0..longest {
        for list in &per_group {
            if let Some(x) = list.get(i) {
                base.push(x);
            }
        }
    }
    let mut out = Vec::with_capacity(n);
    let mut round = 1;
    while out.len() < n {
        for x in &base {
            if out.len() == n {
                break;
            }
            let (id, vi, en) = if round == 1 {
                (x.id.clone(), x.vi.clone(), x.en.clone())
            } else {
                (
                    format!("{}-{round}", x.id),
                    format!("{} (nhóm {round})", x.vi),
                    format!("{} (set {round})", x.en),
                )
            };
            out.push(Ind {
                id,
                group: x.group,
                concept: x.concept,
                vi,
                en,
            });
        }
        round += 1;
    }
    out
}

// ---------------------------------------------------------------------------
// Text helpers.

/// A double-quoted YAML scalar.
fn q(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for ch in s.chars() {
        match ch {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            _ => o.push(ch),
        }
    }
    o.push('"');
    o
}

/// A localized text as a YAML flow map.
fn loc(vi: &str, en: &str) -> String {
    format!("{{ vi: {}, en: {} }}", q(vi), q(en))
}

/// A number for YAML: at most `dec` decimals, no trailing zeros.
fn num(x: f64, dec: usize) -> String {
    let s = format!("{x:.dec$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

/// A whole number written the Vietnamese way (1.234.567) or the English way.
fn grouped(n: u64, sep: char) -> String {
    let digits = n.to_string();
    let mut o = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            o.push(sep);
        }
        o.push(ch);
    }
    o
}

fn lower_first(s: &str) -> String {
    let mut it = s.chars();
    match it.next() {
        Some(f) => f.to_lowercase().collect::<String>() + it.as_str(),
        None => String::new(),
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

// ---------------------------------------------------------------------------
// Values and targets.

struct Ctx {
    seed: u64,
}

impl Ctx {
    fn rng(&self, tag: &str, keys: &[u64]) -> Rng {
        Rng::new(self.seed, tag, keys)
    }

    /// The value of indicator `id` in province `p` at time `t` (a year; the end
    /// of a first half is `year - 0.5`), identical in every report that shows it.
    fn value_at(&self, p: usize, ind: &Ind, t: f64, period: &str) -> f64 {
        let mut r = self.rng("trend", &[p as u64, fnv(&ind.id)]);
        let mut noise = self.rng("noise", &[p as u64, fnv(&ind.id), fnv(period)]);
        let e = noise.range(-1.0, 1.0);
        let dt = t - 2014.0;
        match ind.concept.trend {
            Trend::PctUp => {
                // Rises quickly at first, then levels off below 100 %.
                let start = r.range(3.0, 45.0);
                let k = r.range(0.04, 0.2);
                (100.0 - (100.0 - start) * (-k * dt).exp() + 2.0 * e).clamp(0.5, 100.0)
            }
            Trend::PctDown => {
                let start = r.range(8.0, 25.0);
                let slope = r.range(0.4, 1.8);
                (start - slope * dt + 0.8 * e).clamp(0.2, 100.0)
            }
            Trend::PctSmall(lo, hi) => {
                let start = r.range(lo, hi) * 0.7;
                let slope = r.range(0.05, 0.5);
                (start + slope * dt + 0.4 * e).max(0.1)
            }
            Trend::CountUp(lo, hi) => {
                let base = r.range(lo, hi);
                let g = r.range(1.04, 1.22);
                (base * g.powf(dt) * (1.0 + 0.05 * e)).round().max(1.0)
            }
            Trend::CountDown(lo, hi) => {
                let base = r.range(lo, hi);
                let g = r.range(0.86, 0.97);
                let v = base * g.powf(dt) * (1.0 + 0.05 * e);
                if ind.concept.unit == "count" {
                    v.round().max(0.0)
                } else {
                    (v * 10.0).round() / 10.0
                }
            }
        }
    }

    fn decimals(&self, ind: &Ind) -> usize {
        match ind.concept.trend {
            Trend::CountUp(..) => 0,
            Trend::CountDown(..) if ind.concept.unit == "count" => 0,
            _ => 2,
        }
    }
}

// ---------------------------------------------------------------------------
// Files.

/// The options (public for the test that builds a small corpus, which
/// includes this file).
pub struct Opts {
    pub provinces: usize,
    pub years: u32,
    pub out: PathBuf,
    pub seed: u64,
    pub indicators: usize,
    pub projects: usize,
    pub sections: usize,
    pub force: bool,
}

fn usage() -> &'static str {
    "usage: gen_corpus --out DIR [--provinces N (1-63, default 2)] [--years N (default 2)] \
[--seed N (default 1)] [--indicators N (default 100)] [--projects N (default 15)] \
[--sections N (default 6)] [--force]"
}

fn parse_args() -> Result<Opts, String> {
    let mut o = Opts {
        provinces: 2,
        years: 2,
        out: PathBuf::new(),
        seed: 1,
        indicators: 100,
        projects: 15,
        sections: 6,
        force: false,
    };
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--force" {
            o.force = true;
            continue;
        }
        if a == "-h" || a == "--help" {
            return Err(String::new());
        }
        let v = args.next().ok_or_else(|| format!("{a} needs a value"))?;
        let n = || {
            v.parse::<u64>()
                .map_err(|_| format!("{a}: `{v}` is not a whole number"))
        };
        match a.as_str() {
            "--out" => out = Some(PathBuf::from(&v)),
            "--provinces" => o.provinces = n()? as usize,
            "--years" => o.years = n()? as u32,
            "--seed" => o.seed = n()?,
            "--indicators" => o.indicators = n()? as usize,
            "--projects" => o.projects = n()? as usize,
            "--sections" => o.sections = n()? as usize,
            _ => return Err(format!("unknown option {a}")),
        }
    }
    o.out = out.ok_or("--out DIR is required")?;
    if o.provinces == 0 || o.provinces > PROVINCES.len() {
        return Err(format!("--provinces must be 1 to {}", PROVINCES.len()));
    }
    if o.years == 0 || o.years > 30 {
        return Err("--years must be 1 to 30".into());
    }
    if o.indicators == 0 {
        return Err("--indicators must be at least 1".into());
    }
    Ok(o)
}

fn main() -> ExitCode {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("error: {e}");
            }
            eprintln!("{}", usage());
            return ExitCode::from(2);
        }
    };
    match run(&opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

struct Writer {
    root: PathBuf,
    files: usize,
    bytes: usize,
}

impl Writer {
    fn put(&mut self, rel: &str, text: &str) -> Result<(), String> {
        let path = self.root.join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        self.files += 1;
        self.bytes += text.len();
        Ok(())
    }
}

pub fn run(o: &Opts) -> Result<(), String> {
    let root = o.out.join("content");
    if root.exists() {
        if !o.force {
            return Err(format!(
                "{} already exists; choose another --out or pass --force to replace it",
                root.display()
            ));
        }
        fs::remove_dir_all(&root).map_err(|e| format!("{}: {e}", root.display()))?;
    }
    let mut w = Writer {
        root,
        files: 0,
        bytes: 0,
    };
    let ctx = Ctx { seed: o.seed };
    let cat = catalogue(o.indicators);

    w.put("site.yaml", &site_yaml())?;
    w.put("agencies.yaml", &agencies_yaml())?;
    w.put("areas.yaml", &areas_yaml())?;
    w.put(boundaries::BEFORE_FILE, &boundaries::before_geojson(o.seed))?;
    w.put(boundaries::AFTER_FILE, &boundaries::after_geojson(o.seed))?;

    let first_year = LAST_YEAR + 1 - o.years;
    let mut reports = 0;
    let mut sections = 0;
    let mut datasets = 0;
    for (p, province) in PROVINCES.iter().enumerate().take(o.provinces) {
        for y in first_year..=LAST_YEAR {
            let slug = format!("{}-{y}", province.1);
            let dir = format!("reports/{slug}");
            w.put(&format!("{dir}/report.yaml"), &report_yaml(&ctx, p, y))?;
            w.put(
                &format!("{dir}/indicators.yaml"),
                &indicators_yaml(&ctx, p, y, &cat),
            )?;
            w.put(
                &format!("{dir}/projects.yaml"),
                &projects_yaml(&ctx, p, y, o.projects),
            )?;
            for (name, text) in datasets_yaml(&ctx, p, y) {
                w.put(&format!("{dir}/datasets/{name}.yaml"), &text)?;
                datasets += 1;
            }
            for (name, vi, en) in sections_md(&ctx, p, y, o.sections, &cat) {
                w.put(&format!("{dir}/{name}.md"), &vi)?;
                w.put(&format!("{dir}/{name}.en.md"), &en)?;
                sections += 1;
            }
            reports += 1;
        }
    }
    // The national report of each year, the reference of every comparison.
    for y in first_year..=LAST_YEAR {
        let dir = format!("reports/{NATION}-{y}");
        let (report, indicators) = national_report(&ctx, y, &cat, o.provinces);
        w.put(&format!("{dir}/report.yaml"), &report)?;
        w.put(&format!("{dir}/indicators.yaml"), &indicators)?;
    }
    // Pages per language: home, 404, search, agencies list and one page per
    // agency, then per report: overview, projects, data, groups, indicators,
    // sections and datasets; then the list of comparisons and, per shared
    // code, its page, one per other period and the history.
    let codes = cat.iter().filter(|i| i.concept.text.is_none()).count();
    let per_lang = 4
        + AGENCIES.len()
        + reports * (3 + GROUPS.len() + o.indicators)
        + o.years as usize * (3 + GROUPS.len() + codes)
        + sections
        + datasets
        + usize::from(codes > 0) * (1 + codes * (o.years as usize + 1));
    eprintln!(
        "wrote {} files ({} bytes) into {}: {reports} reports, {} indicators, {sections} sections, {datasets} datasets; expect about {} HTML pages",
        w.files,
        w.bytes,
        w.root.display(),
        reports * o.indicators,
        per_lang * 2
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provinces_are_63_with_unique_slugs() {
        assert_eq!(PROVINCES.len(), 63);
        let mut slugs: Vec<&str> = PROVINCES.iter().map(|p| p.1).collect();
        slugs.sort();
        slugs.dedup();
        assert_eq!(slugs.len(), 63);
    }

    #[test]
    fn catalogue_ids_are_unique() {
        let cat = catalogue(250);
        let mut ids: Vec<&str> = cat.iter().map(|i| i.id.as_str()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 250);
    }
}
