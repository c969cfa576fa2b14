//! The content files of the corpus: site.yaml, agencies.yaml, and each
//! report's report.yaml, indicators, projects, datasets and sections.

use std::fmt::Write as _;

use super::*;

pub(crate) fn site_yaml() -> String {
    format!(
        "# Synthetic benchmark corpus written by examples/gen_corpus.rs. Do not edit.\n\
title: {}\n\
base_url: https://example.org/minhbach-bench/\n\
languages: [vi, en]\n\
publisher: {}\n\
boundaries:\n{}",
        loc(
            "Minh bạch chuyển đổi số các tỉnh, thành phố",
            "Digital transformation transparency of Vietnam's provinces"
        ),
        loc(
            "Bộ Thông tin và Truyền thông",
            "Ministry of Information and Communications"
        ),
        format_args!(
            "  - {{ file: {}, code_property: ma, until: {} }}\n  - {{ file: {}, code_property: ma, from: {MERGED_FROM} }}\n",
            boundaries::BEFORE_FILE,
            boundaries::BEFORE_UNTIL,
            boundaries::AFTER_FILE,
        ),
    )
}

/// Every province, and the mergers of 2025.
pub(crate) fn areas_yaml() -> String {
    let mut s = String::from("# Tỉnh, thành phố trực thuộc trung ương; sáp nhập từ 01/07/2025.\n");
    for (name, slug, city) in PROVINCES {
        let _ = writeln!(s, "- code: {slug}");
        let (kvi, ken) = if *city {
            ("Thành phố", "city")
        } else {
            ("Tỉnh", "province")
        };
        let _ = writeln!(
            s,
            "  name: {}",
            loc(&format!("{kvi} {name}"), &format!("{name} {ken}"))
        );
        if let Some((_, next)) = MERGERS.iter().find(|(old, _)| old == slug) {
            let _ = writeln!(s, "  replaced_by: [{next}]");
            let _ = writeln!(s, "  from: {MERGED_FROM}");
        }
    }
    // The nation: its report's figures are each comparison's reference.
    let _ = writeln!(s, "- code: {NATION}");
    let _ = writeln!(s, "  name: {}", loc("Cả nước", "Viet Nam"));
    let _ = writeln!(s, "  kind: national");
    s
}

/// The area code of the nation, and the slug of its reports (`viet-nam-<year>`).
pub(crate) const NATION: &str = "viet-nam";

/// The shared codes whose measure is split by administrative level (the
/// seed's "cấp tỉnh ≥ 80 %, cấp huyện ≥ 70 %, cấp xã ≥ 60 %").
pub(crate) const PARTS_CODES: &[&str] = &["records-online", "full-online-services"];

/// The national report of year `y`: for each shared code, the mean of the
/// `provinces` generated provinces' figures, as the ministry's yearly
/// report on the provinces would give it.
pub(crate) fn national_report(
    ctx: &Ctx,
    y: u32,
    cat: &[Ind],
    provinces: usize,
) -> (String, String) {
    let (number, month, day) = doc_number(ctx, usize::MAX >> 1, y);
    let mut r = String::new();
    let _ = writeln!(r, "title:");
    let _ = writeln!(
        r,
        "  vi: {}",
        q(&format!("Báo cáo kết quả chuyển đổi số quốc gia năm {y}"))
    );
    let _ = writeln!(
        r,
        "  en: {}",
        q(&format!("National digital transformation report {y}"))
    );
    let _ = writeln!(r, "period: {y}");
    let _ = writeln!(r, "area: {NATION}");
    if has_results(y) {
        let _ = writeln!(r, "as_of: {}-03-31", y + 1);
    }
    let _ = writeln!(r, "document:");
    let _ = writeln!(r, "  number: {number}/BC-BTTTT");
    let _ = writeln!(r, "  date: {y}-{month:02}-{day:02}");
    let _ = writeln!(
        r,
        "  issuer: {}",
        loc(
            "Bộ Thông tin và Truyền thông",
            "Ministry of Information and Communications"
        )
    );
    let _ = writeln!(
        r,
        "  url: https://example.org/van-ban/quoc-gia-{y}-{number}.pdf"
    );
    let _ = writeln!(r, "groups:");
    for g in GROUPS {
        let _ = writeln!(r, "  - id: {}", g.id);
        let _ = writeln!(r, "    name: {}", loc(g.vi, g.en));
    }
    let mut s = String::new();
    for ind in cat.iter().filter(|i| i.concept.text.is_none()) {
        let co = ind.concept;
        let _ = writeln!(s, "- id: {NATION}-{}", ind.id);
        let _ = writeln!(s, "  group: {}", GROUPS[ind.group].id);
        let _ = writeln!(s, "  name: {}", loc(&ind.vi, &ind.en));
        let _ = writeln!(s, "  code: {}", ind.id);
        let _ = writeln!(s, "  unit: {}", co.unit);
        let _ = writeln!(s, "  values:");
        let mut periods = vec![y - 1];
        if has_results(y) {
            periods.push(y);
        }
        for per in periods {
            let mean = (0..provinces)
                .map(|p| ctx.value_at(p, ind, per as f64, &per.to_string()))
                .sum::<f64>()
                / provinces as f64;
            let _ = writeln!(
                s,
                "    - {{ period: {per}, value: {}, source: \"Phụ lục 1\" }}",
                num(mean, ctx.decimals(ind))
            );
        }
        let _ = writeln!(s, "  lead: ~");
    }
    (r, s)
}

/// The parts by level of the measure `ind` of province `p` in the report
/// of year `y`, with a target each and a figure for each of `periods`.
fn level_parts(ctx: &Ctx, p: usize, y: u32, ind: &Ind, periods: &[(String, f64)]) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "  breakdown: {}",
        loc("cấp hành chính", "administrative level")
    );
    let _ = writeln!(s, "  parts:");
    for (qid, qvi, qen) in qualifiers(Quals::Level) {
        let part = Ind {
            id: format!("{}@{qid}", ind.id),
            group: ind.group,
            concept: ind.concept,
            vi: String::new(),
            en: String::new(),
        };
        let name = loc(
            qvi.trim_start_matches("tại "),
            qen.trim_start_matches("at "),
        );
        let target = target_round(
            ctx.value_at(p, &part, y as f64, &format!("target-{y}")),
            true,
        );
        let _ = writeln!(s, "    - id: {qid}");
        let _ = writeln!(s, "      name: {name}");
        let _ = writeln!(
            s,
            "      target: {{ value: {}, op: \">=\", by: {y} }}",
            num(target, 2)
        );
        let _ = writeln!(s, "      values:");
        for (per, t) in periods {
            let v = ctx.value_at(p, &part, *t, per);
            let _ = writeln!(s, "        - {{ period: {per}, value: {} }}", num(v, 2));
        }
    }
    s
}

/// Whether the report of year `y` was updated with that year's results.
fn has_results(y: u32) -> bool {
    y < LAST_YEAR
}

pub(crate) fn agencies_yaml() -> String {
    let mut s = String::new();
    for a in AGENCIES {
        let _ = writeln!(s, "- id: {}", a.id);
        let _ = writeln!(s, "  name: {}", loc(a.vi, a.en));
        if let Some(sh) = a.short {
            let _ = writeln!(s, "  short: {}", q(sh));
        }
        if !a.aliases.is_empty() {
            let list: Vec<String> = a.aliases.iter().map(|x| q(x)).collect();
            let _ = writeln!(s, "  aliases: [{}]", list.join(", "));
        }
    }
    s
}

/// How a document writes an agency: its full name, its short name or an alias.
pub(crate) fn spelling(r: &mut Rng, i: usize) -> &'static str {
    let a = &AGENCIES[i];
    let mut options = vec![a.vi];
    if let Some(s) = a.short {
        options.push(s);
        options.push(s);
    }
    options.extend_from_slice(a.aliases);
    options[r.below(options.len())]
}

pub(crate) fn unit_title(p: usize) -> (&'static str, &'static str) {
    if PROVINCES[p].2 {
        ("thành phố", "city")
    } else {
        ("tỉnh", "province")
    }
}

pub(crate) fn doc_number(ctx: &Ctx, p: usize, y: u32) -> (u32, u32, u32) {
    let mut r = ctx.rng("document", &[p as u64, y as u64]);
    let number = 100 + r.below(4900) as u32;
    let month = 1 + r.below(6) as u32;
    let day = 1 + r.below(28) as u32;
    (number, month, day)
}

pub(crate) fn report_yaml(ctx: &Ctx, p: usize, y: u32) -> String {
    let (name, _, _) = PROVINCES[p];
    let (kvi, ken) = unit_title(p);
    let (number, month, day) = doc_number(ctx, p, y);
    let (prev, pm, pd) = doc_number(ctx, p, y - 1);
    let mut s = String::new();
    let _ = writeln!(s, "title:");
    let _ = writeln!(
        s,
        "  vi: {}",
        q(&format!("Kế hoạch chuyển đổi số {kvi} {name} năm {y}"))
    );
    let _ = writeln!(
        s,
        "  en: {}",
        q(&format!("{name} {ken} digital transformation plan for {y}"))
    );
    let _ = writeln!(s, "period: {y}");
    let _ = writeln!(s, "area: {}", PROVINCES[p].1);
    let _ = writeln!(s, "baseline_period: {}", y - 1);
    if has_results(y) {
        let _ = writeln!(s, "as_of: {}-03-31", y + 1);
    }
    let _ = writeln!(s, "document:");
    let _ = writeln!(s, "  number: {number}/KH-UBND");
    let _ = writeln!(s, "  date: {y}-{month:02}-{day:02}");
    let _ = writeln!(
        s,
        "  issuer: {}",
        loc(
            &format!("Ủy ban nhân dân {kvi} {name}"),
            &format!(
                "{name} {} People's Committee",
                if PROVINCES[p].2 { "City" } else { "Provincial" }
            )
        )
    );
    let _ = writeln!(
        s,
        "  url: https://example.org/van-ban/{}-{y}-{number}.pdf",
        PROVINCES[p].1
    );
    let _ = writeln!(s, "references:");
    let _ = writeln!(s, "  - id: qd-749");
    let _ = writeln!(s, "    title: {}", loc(
        "Quyết định số 749/QĐ-TTg của Thủ tướng Chính phủ phê duyệt “Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030”",
        "Prime Minister's Decision No. 749/QĐ-TTg approving the “National Digital Transformation Programme to 2025, with orientation to 2030”"));
    let _ = writeln!(s, "    date: 2020-06-03");
    let _ = writeln!(s, "  - id: nq-52");
    let _ = writeln!(s, "    title: {}", loc(
        "Nghị quyết số 52-NQ/TW của Bộ Chính trị về một số chủ trương, chính sách chủ động tham gia cuộc Cách mạng công nghiệp lần thứ tư",
        "Politburo Resolution No. 52-NQ/TW on policies for taking part in the Fourth Industrial Revolution"));
    let _ = writeln!(s, "    date: 2019-09-27");
    let _ = writeln!(s, "  - id: kh-truoc");
    let _ = writeln!(
        s,
        "    title: {}",
        loc(
            &format!(
                "Kế hoạch số {prev}/KH-UBND về chuyển đổi số {kvi} {name} năm {}",
                y - 1
            ),
            &format!(
                "Plan No. {prev}/KH-UBND on digital transformation of {name} {ken} in {}",
                y - 1
            )
        )
    );
    let _ = writeln!(s, "    date: {}-{pm:02}-{pd:02}", y - 1);
    let _ = writeln!(s, "groups:");
    for (gi, g) in GROUPS.iter().enumerate() {
        let _ = writeln!(s, "  - id: {}", g.id);
        let _ = writeln!(s, "    name: {}", loc(g.vi, g.en));
        let _ = writeln!(
            s,
            "    description: {}",
            loc(
                &format!(
                    "Phần II, mục II.2.{} “Phát triển {}”; Phụ lục 2, mục {}.",
                    gi + 1,
                    lower_first(g.vi),
                    roman(gi + 1)
                ),
                &format!(
                    "Part II, section II.2.{} “Developing {}”; Annex 2, heading {}.",
                    gi + 1,
                    lower_first(g.en),
                    roman(gi + 1)
                )
            )
        );
    }
    s
}

pub(crate) fn roman(n: usize) -> &'static str {
    ["0", "I", "II", "III", "IV", "V", "VI", "VII", "VIII"][n.min(8)]
}

pub(crate) fn target_round(x: f64, pct: bool) -> f64 {
    if pct {
        if x >= 20.0 {
            ((x / 5.0).round() * 5.0).min(100.0)
        } else {
            (x * 2.0).round() / 2.0
        }
    } else if x >= 100.0 {
        let mag = 10f64.powi((x.log10().floor() as i32) - 1);
        (x / mag).round() * mag
    } else {
        x.round().max(1.0)
    }
}

pub(crate) fn indicators_yaml(ctx: &Ctx, p: usize, y: u32, cat: &[Ind]) -> String {
    let mut s = String::with_capacity(cat.len() * 700);
    let _ = writeln!(
        s,
        "# Chỉ tiêu năm {y} và số liệu các kỳ trước (dữ liệu tổng hợp cho kiểm thử hiệu năng)."
    );
    for (i, ind) in cat.iter().enumerate() {
        let co = ind.concept;
        let gi = ind.group;
        let mut r = ctx.rng("indicator", &[p as u64, y as u64, i as u64]);
        let _ = writeln!(s, "- id: {}", ind_id(p, ind));
        let _ = writeln!(s, "  group: {}", GROUPS[gi].id);
        let _ = writeln!(s, "  name: {}", loc(&ind.vi, &ind.en));
        let item = format!("{}.{}", roman(gi + 1), i / GROUPS.len() + 1);
        if let Some((tvi, ten)) = co.text {
            let _ = writeln!(
                s,
                "  target: {{ text: {}, by: {y}, source: {} }}",
                loc(tvi, ten),
                q(&format!("Phần II, mục II.2.{}", gi + 1))
            );
        } else {
            let pct = co.unit == "percent";
            let _ = writeln!(s, "  code: {}", ind.id);
            let _ = writeln!(s, "  unit: {}", co.unit);
            let dec = ctx.decimals(ind);
            let fixed = ctx.rng("decimals", &[fnv(&ind.id)]).below(3);
            if pct && fixed > 0 {
                let _ = writeln!(s, "  decimals: {fixed}");
            }
            let down = matches!(co.trend, Trend::PctDown | Trend::CountDown(..));
            let projected = ctx.value_at(p, ind, y as f64, &format!("target-{y}"));
            let factor = if down {
                r.range(0.9, 1.25)
            } else {
                r.range(0.8, 1.1)
            };
            let tv = target_round(projected * factor, pct);
            let op = if down {
                if ctx.rng("op", &[fnv(&ind.id)]).chance(0.3) {
                    "<"
                } else {
                    "<="
                }
            } else if ctx.rng("op", &[fnv(&ind.id)]).chance(0.2) {
                ">"
            } else {
                ">="
            };
            let src = if r.chance(0.25) {
                format!(
                    "{{ ref: qd-749, at: {} }}",
                    q(&format!("Mục {}", r.below(9) + 1))
                )
            } else {
                q(&format!("Phần II, mục II.2.{}", gi + 1))
            };
            let _ = writeln!(
                s,
                "  target: {{ value: {}, op: \"{op}\", by: {y}, source: {src} }}",
                num(tv, 2)
            );
            // 1-3 values in earlier periods; the same (province, indicator,
            // period) always gives the same figure.
            let mut periods: Vec<(String, f64)> = Vec::new();
            let mut pr = ctx.rng("periods", &[p as u64, y as u64, i as u64]);
            if pr.chance(0.6) {
                periods.push(((y - 2).to_string(), (y - 2) as f64));
            }
            if pr.chance(0.3) {
                periods.push((format!("{}-H1", y - 1), (y - 1) as f64 - 0.5));
            }
            periods.push(((y - 1).to_string(), (y - 1) as f64));
            if has_results(y)
                && ctx
                    .rng("results", &[p as u64, y as u64, i as u64])
                    .chance(0.85)
            {
                periods.push((y.to_string(), y as f64));
            }
            let _ = writeln!(s, "  values:");
            for (k, (per, t)) in periods.iter().enumerate() {
                let v = ctx.value_at(p, ind, *t, per);
                let src = if k + 1 == periods.len() && pr.chance(0.5) {
                    format!(", source: {}", q(&format!("Phần I, mục I.{}", gi + 2)))
                } else if pr.chance(0.2) {
                    format!(
                        ", source: {{ ref: kh-truoc, at: {} }}",
                        q(&format!("Phụ lục 2, mục {item}"))
                    )
                } else {
                    String::new()
                };
                let _ = writeln!(s, "    - {{ period: {per}, value: {}{src} }}", num(v, dec));
            }
            if PARTS_CODES.contains(&ind.id.as_str()) {
                s.push_str(&level_parts(ctx, p, y, ind, &periods));
            }
        }
        let _ = writeln!(s, "  lead: {}", q(spelling(&mut r, agency(co.lead))));
        if !co.partners.is_empty() {
            let list: Vec<String> = co
                .partners
                .iter()
                .map(|pid| q(spelling(&mut r, agency(pid))))
                .collect();
            let _ = writeln!(s, "  partners: [{}]", list.join(", "));
        }
        if r.chance(0.3) {
            let _ = writeln!(s, "  note: {}", loc(
                &format!("Chủ trì, phối hợp theo Phụ lục 2, mục {item}. Số liệu kỳ trước do đơn vị chủ trì tổng hợp, có đối chiếu với Cục Thống kê."),
                &format!("Lead and partners as assigned in Annex 2, item {item}. Earlier figures compiled by the lead body and checked against the Statistics Office.")));
        }
    }
    s
}

pub(crate) fn projects_yaml(ctx: &Ctx, p: usize, y: u32, n: usize) -> String {
    let mut s = String::new();
    let (prev, pm, pd) = doc_number(ctx, p, y - 1);
    let cat1 = loc(
        &format!("I. Các dự án, nhiệm vụ chuyển tiếp theo Kế hoạch số {prev}/KH-UBND ngày {pd:02}/{pm:02}/{}", y - 1),
        &format!("I. Projects and tasks carried over from Plan No. {prev}/KH-UBND of {pd:02}/{pm:02}/{}", y - 1),
    );
    let cat2 = loc("II. Các dự án, nhiệm vụ mới", "II. New projects and tasks");
    let statuses = [
        "planned",
        "in-progress",
        "in-progress",
        "done",
        "delayed",
        "cancelled",
    ];
    for i in 0..n {
        let mut r = ctx.rng("project", &[p as u64, y as u64, i as u64]);
        let (vi, en, g, lead_id) = PROJECTS[(i + p + y as usize) % PROJECTS.len()];
        let carried = i < n / 3;
        let phase = if i >= PROJECTS.len() {
            format!(" (giai đoạn {})", i / PROJECTS.len() + 1)
        } else {
            String::new()
        };
        let phase_en = if i >= PROJECTS.len() {
            format!(" (phase {})", i / PROJECTS.len() + 1)
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "- name: {}",
            loc(&format!("{vi}{phase}"), &format!("{en}{phase_en}"))
        );
        let _ = writeln!(s, "  category: {}", if carried { &cat1 } else { &cat2 });
        let _ = writeln!(s, "  group: {}", GROUPS[g].id);
        let lead = agency(lead_id);
        if r.chance(0.2) {
            let other = agency(if lead == agency("so-tttt") {
                "vp-ubnd-tinh"
            } else {
                "so-tttt"
            });
            let _ = writeln!(
                s,
                "  lead: [{}, {}]",
                q(spelling(&mut r, lead)),
                q(spelling(&mut r, other))
            );
        } else {
            let _ = writeln!(s, "  lead: {}", q(spelling(&mut r, lead)));
        }
        let k = 1 + r.below(3);
        let mut partners = Vec::new();
        for _ in 0..k {
            let a = r.below(AGENCIES.len());
            if a != lead && !partners.contains(&a) {
                partners.push(a);
            }
        }
        if !partners.is_empty() {
            let list: Vec<String> = partners.iter().map(|&a| q(spelling(&mut r, a))).collect();
            let _ = writeln!(s, "  partners: [{}]", list.join(", "));
        }
        let quarter = 1 + r.below(4);
        if r.chance(0.5) {
            let _ = writeln!(
                s,
                "  timeframe: {}",
                loc(&format!("Năm {y}"), &format!("In {y}"))
            );
            let _ = writeln!(s, "  due: {y}-12-31");
        } else {
            let _ = writeln!(
                s,
                "  timeframe: {}",
                loc(&format!("Quý {quarter}/{y}"), &format!("Q{quarter} {y}"))
            );
            let end = [(3, 31), (6, 30), (9, 30), (12, 31)][quarter - 1];
            let _ = writeln!(s, "  due: {y}-{:02}-{:02}", end.0, end.1);
        }
        let _ = writeln!(s, "  status: {}", r.pick(&statuses));
        let _ = writeln!(
            s,
            "  source: {}",
            q(&format!(
                "Phụ lục 1, mục {}.{}",
                if carried { "I" } else { "II" },
                i + 1
            ))
        );
    }
    s
}

pub(crate) fn datasets_yaml(ctx: &Ctx, p: usize, y: u32) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut r = ctx.rng("datasets", &[p as u64, y as u64]);
    let b = y - 1;
    let scale = 1.0 + p as f64 % 7.0 * 0.3 + (y as f64 - 2010.0) * 0.05;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "title: {}",
        loc(
            &format!("Hạ tầng số năm {b}"),
            &format!("Digital infrastructure in {b}")
        )
    );
    let _ = writeln!(s, "source: {}", q("Phần I, mục I.3"));
    let _ = writeln!(s, "columns:");
    let _ = writeln!(s, "  - {{ id: item, name: {} }}", loc("Hạng mục", "Item"));
    let _ = writeln!(
        s,
        "  - {{ id: value, name: {}, unit: count }}",
        loc("Số lượng", "Number")
    );
    let _ = writeln!(s, "rows:");
    let items = [
        (
            "Trạm thu phát sóng di động (BTS)",
            "Mobile base stations (BTS)",
            1500.0,
        ),
        ("Trạm 5G", "5G stations", 60.0),
        ("Điểm phục vụ bưu chính", "Postal service points", 300.0),
        (
            "Điểm truy cập internet công cộng",
            "Public internet access points",
            120.0,
        ),
        (
            "Thuê bao băng rộng cố định",
            "Fixed broadband subscriptions",
            250000.0,
        ),
        (
            "Máy chủ tại trung tâm dữ liệu của tỉnh",
            "Servers in the provincial data centre",
            80.0,
        ),
    ];
    for (k, (vi, en, base)) in items.iter().enumerate() {
        if k == 1 && y < 2021 {
            let _ = writeln!(s, "  - {{ item: {}, value: null }}", loc(vi, en));
            continue;
        }
        let v = (base * scale * r.range(0.7, 1.3)).round();
        let _ = writeln!(s, "  - {{ item: {}, value: {} }}", loc(vi, en), num(v, 0));
    }
    let _ = writeln!(s, "chart: {{ type: bar, x: item, y: value }}");
    out.push(("ha-tang-so".to_string(), s));

    if r.chance(0.5) {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "title: {}",
            loc(
                &format!("Tỷ lệ hồ sơ trực tuyến theo quý năm {b}, theo cấp"),
                &format!("Online dossiers by quarter in {b}, by level")
            )
        );
        let _ = writeln!(s, "description: {}", loc(
            "Số liệu do Văn phòng UBND tỉnh tổng hợp từ Hệ thống thông tin giải quyết thủ tục hành chính.",
            "Compiled by the Office of the Provincial People's Committee from the administrative procedure system."));
        let _ = writeln!(s, "source: {{ ref: kh-truoc, at: {} }}", q("Phụ lục 3"));
        let _ = writeln!(s, "columns:");
        let _ = writeln!(s, "  - {{ id: quarter, name: {} }}", loc("Quý", "Quarter"));
        let _ = writeln!(
            s,
            "  - {{ id: province, name: {}, unit: percent }}",
            loc("Cấp tỉnh", "Provincial level")
        );
        let _ = writeln!(
            s,
            "  - {{ id: district, name: {}, unit: percent }}",
            loc("Cấp huyện", "District level")
        );
        let _ = writeln!(
            s,
            "  - {{ id: commune, name: {}, unit: percent }}",
            loc("Cấp xã", "Commune level")
        );
        let _ = writeln!(s, "rows:");
        let mut lv = [
            r.range(40.0, 70.0),
            r.range(25.0, 55.0),
            r.range(15.0, 45.0),
        ];
        for qn in 1..=4 {
            let _ = write!(
                s,
                "  - {{ quarter: {}",
                loc(&format!("Quý {qn}/{b}"), &format!("Q{qn} {b}"))
            );
            for (name, v) in ["province", "district", "commune"]
                .iter()
                .zip(lv.iter_mut())
            {
                *v = (*v + r.range(0.0, 6.0)).min(100.0);
                let _ = write!(s, ", {name}: {}", num(*v, 2));
            }
            let _ = writeln!(s, " }}");
        }
        let _ = writeln!(
            s,
            "chart: {{ type: line, x: quarter, y: [province, district, commune] }}"
        );
        out.push(("ho-so-truc-tuyen-theo-quy".to_string(), s));
    }
    out
}

// ---------------------------------------------------------------------------
// Narrative sections.

pub(crate) fn fill(s: &str, p: usize, y: u32) -> String {
    let (kvi, ken) = unit_title(p);
    s.replace("{P}", PROVINCES[p].0)
        .replace("{K}", kvi)
        .replace("{k}", ken)
        .replace("{B}", &(y - 1).to_string())
        .replace("{Y}", &y.to_string())
}

/// Returns (slug, Vietnamese file, English file) for each section.
pub(crate) fn sections_md(
    ctx: &Ctx,
    p: usize,
    y: u32,
    n: usize,
    cat: &[Ind],
) -> Vec<(String, String, String)> {
    (0..n).map(|k| section_md(ctx, p, y, k, cat)).collect()
}

/// The Vietnamese and English text of one section, written side by side.
struct Texts {
    vi: String,
    en: String,
}

/// Section `k` of province `p`'s report for year `y`: its front matter, an
/// introduction quoting one indicator, a table, and closing paragraphs.
/// The random draws are made in one fixed order (the corpus must not change).
fn section_md(ctx: &Ctx, p: usize, y: u32, k: usize, cat: &[Ind]) -> (String, String, String) {
    let sk = &SECTIONS[k % SECTIONS.len()];
    let round = k / SECTIONS.len();
    let slug = if round == 0 {
        sk.slug.to_string()
    } else {
        format!("{}-{}", sk.slug, round + 1)
    };
    let mut r = ctx.rng("section", &[p as u64, y as u64, k as u64]);
    let mut t = front_matter(sk, p, y, k, round);
    let ind = quoted_indicator(sk, cat, &mut r);
    let (h, list_end, (m, d)) = introduction(&mut t, &mut r, p, y, ind);
    let h2 = table(&mut t, &mut r, (p, y), sk, h, list_end);
    closing(&mut t, &mut r, p, y, (h, h2), (m, d));
    (slug, t.vi, t.en)
}

/// The front matter of section `k` (of round `round` through the kinds).
fn front_matter(sk: &SectionKind, p: usize, y: u32, k: usize, round: usize) -> Texts {
    let order = (k as i64 + 1) * 10;
    let source_vi = format!(
        "Phần {}, mục {}.{}",
        if sk.kind == "achievements" || sk.kind == "limitations" {
            "I"
        } else {
            "II"
        },
        roman(1 + k % 4),
        k + 1
    );
    let source_en = source_vi.replace("Phần", "Part").replace("mục", "section");
    let (title_vi, title_en) = (fill(sk.vi, p, y), fill(sk.en, p, y));
    let (title_vi, title_en) = if round == 0 {
        (title_vi, title_en)
    } else {
        (
            format!("{title_vi} (phần {})", round + 1),
            format!("{title_en} (part {})", round + 1),
        )
    };
    let group_line = sk
        .group
        .map(|g| format!("group: {}\n", GROUPS[g].id))
        .unwrap_or_default();
    let head = |title: &str, source: &str| {
        format!(
            "---\ntitle: {}\nkind: {}\n{group_line}order: {order}\nsource: {}\n---\n\n",
            q(title),
            sk.kind,
            q(source)
        )
    };
    Texts {
        vi: head(&title_vi, &source_vi),
        en: head(&title_en, &source_en),
    }
}

/// The indicator quoted in the text: a numeric one of the section's group.
fn quoted_indicator<'c>(sk: &SectionKind, cat: &'c [Ind], r: &mut Rng) -> &'c Ind {
    let wanted = sk.group.unwrap_or(r.below(GROUPS.len()));
    let numeric: Vec<&Ind> = cat.iter().filter(|i| i.concept.text.is_none()).collect();
    let in_group: Vec<&Ind> = numeric
        .iter()
        .copied()
        .filter(|i| i.group == wanted)
        .collect();
    if !in_group.is_empty() {
        in_group[r.below(in_group.len())]
    } else if !numeric.is_empty() {
        numeric[r.below(numeric.len())]
    } else {
        &cat[0]
    }
}

/// Two sentences, a heading, a list and the sentence quoting `ind`'s value
/// with a footnote. Returns the heading used, where in [`LIST_ITEMS`] the
/// list ended, and the footnote's month and day.
fn introduction(
    t: &mut Texts,
    r: &mut Rng,
    p: usize,
    y: u32,
    ind: &Ind,
) -> (usize, usize, (usize, usize)) {
    let (a, b) = (r.below(SENTENCES.len()), r.below(SENTENCES.len()));
    let _ = writeln!(
        t.vi,
        "{} {}\n",
        fill(SENTENCES[a].0, p, y),
        fill(SENTENCES[b].0, p, y)
    );
    let _ = writeln!(
        t.en,
        "{} {}\n",
        fill(SENTENCES[a].1, p, y),
        fill(SENTENCES[b].1, p, y)
    );

    let h = r.below(HEADINGS.len());
    let _ = writeln!(t.vi, "## {}\n", HEADINGS[h].0);
    let _ = writeln!(t.en, "## {}\n", HEADINGS[h].1);
    let items = 3 + r.below(3);
    let start = r.below(LIST_ITEMS.len());
    for i in 0..items {
        let (lv, le) = LIST_ITEMS[(start + i) % LIST_ITEMS.len()];
        let _ = writeln!(t.vi, "- {lv}.");
        let _ = writeln!(t.en, "- {le}.");
    }
    let agency_i = agency(ind.concept.lead);
    let (m, d) = (1 + r.below(12), 1 + r.below(28));
    let _ = writeln!(
        t.vi,
        "\nĐến hết năm {}, {} đạt {{{{ value(indicator=\"{}\") }}}}, theo báo cáo của {}.[^1]\n",
        y - 1,
        lower_first(&ind.vi),
        ind_id(p, ind),
        AGENCIES[agency_i].vi
    );
    let _ = writeln!(
        t.en,
        "\nBy the end of {}, {} stood at {{{{ value(indicator=\"{}\") }}}}, according to the {}.[^1]\n",
        y - 1,
        lower_first(&ind.en),
        ind_id(p, ind),
        AGENCIES[agency_i].en
    );
    (h, start + items, (m, d))
}

/// A second heading and a table of figures, a sentence, and a link to the
/// section's group; the table's rows continue the list from `start`.
/// Returns the heading used.
fn table(
    t: &mut Texts,
    r: &mut Rng,
    (p, y): (usize, u32),
    sk: &SectionKind,
    h: usize,
    start: usize,
) -> usize {
    let h2 = (h + 1 + r.below(HEADINGS.len() - 1)) % HEADINGS.len();
    let _ = writeln!(t.vi, "## {}\n", HEADINGS[h2].0);
    let _ = writeln!(t.en, "## {}\n", HEADINGS[h2].1);
    let _ = writeln!(
        t.vi,
        "| Nội dung | Năm {} | Năm {} |\n|---|---:|---:|",
        y - 2,
        y - 1
    );
    let _ = writeln!(t.en, "| Item | {} | {} |\n|---|---:|---:|", y - 2, y - 1);
    for i in 0..3 + r.below(3) {
        let (lv, le) = LIST_ITEMS[(start + i) % LIST_ITEMS.len()];
        let x0 = 10 + r.below(5000) as u64;
        let x1 = x0 + r.below(3000) as u64;
        let _ = writeln!(
            t.vi,
            "| {lv} | {} | {} |",
            grouped(x0, '.'),
            grouped(x1, '.')
        );
        let _ = writeln!(
            t.en,
            "| {le} | {} | {} |",
            grouped(x0, ','),
            grouped(x1, ',')
        );
    }
    let c2 = r.below(SENTENCES.len());
    let _ = writeln!(t.vi, "\n{}", fill(SENTENCES[c2].0, p, y));
    let _ = writeln!(t.en, "\n{}", fill(SENTENCES[c2].1, p, y));
    if let Some(g) = sk.group {
        let _ = writeln!(
            t.vi,
            "Xem thêm [các chỉ tiêu của nhóm {}](../groups/{}/).",
            lower_first(GROUPS[g].vi),
            GROUPS[g].id
        );
        let _ = writeln!(
            t.en,
            "See also [the targets on {}](../groups/{}/).",
            lower_first(GROUPS[g].en),
            GROUPS[g].id
        );
    }
    h2
}

/// A third heading, one or two paragraphs, and the footnote of month `m`, day `d`.
fn closing(
    t: &mut Texts,
    r: &mut Rng,
    p: usize,
    y: u32,
    (h, h2): (usize, usize),
    (m, d): (usize, usize),
) {
    let h3 = (h2 + 1 + r.below(HEADINGS.len() - 1)) % HEADINGS.len();
    let h3 = if h3 == h {
        (h3 + 1) % HEADINGS.len()
    } else {
        h3
    };
    let h3 = if h3 == h2 {
        (h3 + 1) % HEADINGS.len()
    } else {
        h3
    };
    let _ = writeln!(t.vi, "\n## {}\n", HEADINGS[h3].0);
    let _ = writeln!(t.en, "\n## {}\n", HEADINGS[h3].1);
    for _ in 0..1 + r.below(2) {
        let (a, b, c3) = (
            r.below(SENTENCES.len()),
            r.below(SENTENCES.len()),
            r.below(SENTENCES.len()),
        );
        let _ = writeln!(
            t.vi,
            "{} {} {}\n",
            fill(SENTENCES[a].0, p, y),
            fill(SENTENCES[b].0, p, y),
            fill(SENTENCES[c3].0, p, y)
        );
        let _ = writeln!(
            t.en,
            "{} {} {}\n",
            fill(SENTENCES[a].1, p, y),
            fill(SENTENCES[b].1, p, y),
            fill(SENTENCES[c3].1, p, y)
        );
    }
    let _ = writeln!(
        t.vi,
        "[^1]: Số liệu ngày {d:02}/{m:02}/{}; xem Phụ lục 2.",
        y - 1
    );
    let _ = writeln!(
        t.en,
        "[^1]: Figures as of {d} {} {}; see Annex 2.",
        MONTHS_EN[m - 1],
        y - 1
    );
}
