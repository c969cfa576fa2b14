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
//! page. Reports before the last year were updated with their own year's
//! results (`as_of` the next March): most indicators have a figure for the
//! report's period, which the comparison ranks.
//!
//! The output is a pure function of the options: every random choice comes from
//! a hash of (seed, what, where), never from a stream, so a province's
//! indicator has the same value for the same period in every report that shows
//! it, and the same options give the same bytes. Reports of one province use
//! the same indicator ids every year, so their histories line up.

use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

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

/// The 63 provinces and centrally run cities (before the 2025 merger), with
/// ASCII slugs and whether they are cities (thành phố) or provinces (tỉnh).
const PROVINCES: &[(&str, &str, bool)] = &[
    ("Hà Nội", "ha-noi", true),
    ("Hồ Chí Minh", "ho-chi-minh", true),
    ("Hải Phòng", "hai-phong", true),
    ("Đà Nẵng", "da-nang", true),
    ("Cần Thơ", "can-tho", true),
    ("An Giang", "an-giang", false),
    ("Bà Rịa - Vũng Tàu", "ba-ria-vung-tau", false),
    ("Bắc Giang", "bac-giang", false),
    ("Bắc Kạn", "bac-kan", false),
    ("Bạc Liêu", "bac-lieu", false),
    ("Bắc Ninh", "bac-ninh", false),
    ("Bến Tre", "ben-tre", false),
    ("Bình Định", "binh-dinh", false),
    ("Bình Dương", "binh-duong", false),
    ("Bình Phước", "binh-phuoc", false),
    ("Bình Thuận", "binh-thuan", false),
    ("Cà Mau", "ca-mau", false),
    ("Cao Bằng", "cao-bang", false),
    ("Đắk Lắk", "dak-lak", false),
    ("Đắk Nông", "dak-nong", false),
    ("Điện Biên", "dien-bien", false),
    ("Đồng Nai", "dong-nai", false),
    ("Đồng Tháp", "dong-thap", false),
    ("Gia Lai", "gia-lai", false),
    ("Hà Giang", "ha-giang", false),
    ("Hà Nam", "ha-nam", false),
    ("Hà Tĩnh", "ha-tinh", false),
    ("Hải Dương", "hai-duong", false),
    ("Hậu Giang", "hau-giang", false),
    ("Hòa Bình", "hoa-binh", false),
    ("Hưng Yên", "hung-yen", false),
    ("Khánh Hòa", "khanh-hoa", false),
    ("Kiên Giang", "kien-giang", false),
    ("Kon Tum", "kon-tum", false),
    ("Lai Châu", "lai-chau", false),
    ("Lâm Đồng", "lam-dong", false),
    ("Lạng Sơn", "lang-son", false),
    ("Lào Cai", "lao-cai", false),
    ("Long An", "long-an", false),
    ("Nam Định", "nam-dinh", false),
    ("Nghệ An", "nghe-an", false),
    ("Ninh Bình", "ninh-binh", false),
    ("Ninh Thuận", "ninh-thuan", false),
    ("Phú Thọ", "phu-tho", false),
    ("Phú Yên", "phu-yen", false),
    ("Quảng Bình", "quang-binh", false),
    ("Quảng Nam", "quang-nam", false),
    ("Quảng Ngãi", "quang-ngai", false),
    ("Quảng Ninh", "quang-ninh", false),
    ("Quảng Trị", "quang-tri", false),
    ("Sóc Trăng", "soc-trang", false),
    ("Sơn La", "son-la", false),
    ("Tây Ninh", "tay-ninh", false),
    ("Thái Bình", "thai-binh", false),
    ("Thái Nguyên", "thai-nguyen", false),
    ("Thanh Hóa", "thanh-hoa", false),
    ("Thừa Thiên Huế", "thua-thien-hue", false),
    ("Tiền Giang", "tien-giang", false),
    ("Trà Vinh", "tra-vinh", false),
    ("Tuyên Quang", "tuyen-quang", false),
    ("Vĩnh Long", "vinh-long", false),
    ("Vĩnh Phúc", "vinh-phuc", false),
    ("Yên Bái", "yen-bai", false),
];

/// The 2025 reorganisation of provinces (63 → 34, from 1 July 2025): each
/// province merged into another, by slug. The provinces not listed kept
/// their place (some absorbing the ones listed).
const MERGERS: &[(&str, &str)] = &[
    ("ha-giang", "tuyen-quang"),
    ("yen-bai", "lao-cai"),
    ("bac-kan", "thai-nguyen"),
    ("vinh-phuc", "phu-tho"),
    ("hoa-binh", "phu-tho"),
    ("bac-giang", "bac-ninh"),
    ("thai-binh", "hung-yen"),
    ("hai-duong", "hai-phong"),
    ("ha-nam", "ninh-binh"),
    ("nam-dinh", "ninh-binh"),
    ("quang-binh", "quang-tri"),
    ("quang-nam", "da-nang"),
    ("kon-tum", "quang-ngai"),
    ("binh-dinh", "gia-lai"),
    ("ninh-thuan", "khanh-hoa"),
    ("dak-nong", "lam-dong"),
    ("binh-thuan", "lam-dong"),
    ("phu-yen", "dak-lak"),
    ("binh-phuoc", "dong-nai"),
    ("binh-duong", "ho-chi-minh"),
    ("ba-ria-vung-tau", "ho-chi-minh"),
    ("long-an", "tay-ninh"),
    ("soc-trang", "can-tho"),
    ("hau-giang", "can-tho"),
    ("ben-tre", "vinh-long"),
    ("tra-vinh", "vinh-long"),
    ("tien-giang", "dong-thap"),
    ("bac-lieu", "ca-mau"),
    ("kien-giang", "an-giang"),
];

/// The day the merged provinces' new authorities took office.
const MERGED_FROM: &str = "2025-07-01";

struct Agency {
    id: &'static str,
    vi: &'static str,
    en: &'static str,
    short: Option<&'static str>,
    aliases: &'static [&'static str],
}

const fn ag(
    id: &'static str,
    vi: &'static str,
    en: &'static str,
    short: Option<&'static str>,
    aliases: &'static [&'static str],
) -> Agency {
    Agency {
        id,
        vi,
        en,
        short,
        aliases,
    }
}

/// Provincial bodies, generic to every province (the site has one agencies.yaml).
const AGENCIES: &[Agency] = &[
    ag(
        "so-tttt",
        "Sở Thông tin và Truyền thông",
        "Department of Information and Communications",
        Some("Sở TTTT"),
        &["Sở TT&TT", "Sở Thông tin & Truyền thông"],
    ),
    ag(
        "vp-ubnd-tinh",
        "Văn phòng UBND tỉnh",
        "Office of the Provincial People's Committee",
        Some("VP UBND tỉnh"),
        &["Văn phòng Ủy ban nhân dân tỉnh"],
    ),
    ag(
        "so-khdt",
        "Sở Kế hoạch và Đầu tư",
        "Department of Planning and Investment",
        Some("Sở KHĐT"),
        &["Sở KH&ĐT"],
    ),
    ag(
        "so-tai-chinh",
        "Sở Tài chính",
        "Department of Finance",
        Some("STC"),
        &[],
    ),
    ag(
        "so-y-te",
        "Sở Y tế",
        "Department of Health",
        Some("SYT"),
        &["Sở Y Tế"],
    ),
    ag(
        "so-gddt",
        "Sở Giáo dục và Đào tạo",
        "Department of Education and Training",
        Some("Sở GDĐT"),
        &["Sở GD&ĐT"],
    ),
    ag(
        "cong-an-tinh",
        "Công an tỉnh",
        "Provincial Police",
        None,
        &["CA tỉnh"],
    ),
    ag(
        "so-gtvt",
        "Sở Giao thông vận tải",
        "Department of Transport",
        Some("Sở GTVT"),
        &[],
    ),
    ag(
        "so-nnptnt",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Department of Agriculture and Rural Development",
        Some("Sở NN&PTNT"),
        &["Sở NNPTNT"],
    ),
    ag(
        "so-noi-vu",
        "Sở Nội vụ",
        "Department of Home Affairs",
        Some("SNV"),
        &[],
    ),
    ag(
        "so-cong-thuong",
        "Sở Công Thương",
        "Department of Industry and Trade",
        Some("Sở CT"),
        &[],
    ),
    ag(
        "so-tnmt",
        "Sở Tài nguyên và Môi trường",
        "Department of Natural Resources and Environment",
        Some("Sở TNMT"),
        &["Sở TN&MT"],
    ),
    ag(
        "so-tu-phap",
        "Sở Tư pháp",
        "Department of Justice",
        Some("STP"),
        &[],
    ),
    ag(
        "so-ldtbxh",
        "Sở Lao động - Thương binh và Xã hội",
        "Department of Labour, Invalids and Social Affairs",
        Some("Sở LĐTBXH"),
        &["Sở LĐ-TB&XH"],
    ),
    ag(
        "so-vhttdl",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Department of Culture, Sports and Tourism",
        Some("Sở VHTTDL"),
        &["Sở VH,TT&DL"],
    ),
    ag(
        "so-khcn",
        "Sở Khoa học và Công nghệ",
        "Department of Science and Technology",
        Some("Sở KHCN"),
        &["Sở KH&CN"],
    ),
    ag(
        "so-xay-dung",
        "Sở Xây dựng",
        "Department of Construction",
        Some("SXD"),
        &[],
    ),
    ag(
        "thanh-tra-tinh",
        "Thanh tra tỉnh",
        "Provincial Inspectorate",
        None,
        &[],
    ),
    ag(
        "ban-dan-toc",
        "Ban Dân tộc tỉnh",
        "Provincial Ethnic Minorities Committee",
        Some("Ban Dân tộc"),
        &[],
    ),
    ag(
        "cuc-thue",
        "Cục Thuế tỉnh",
        "Provincial Tax Department",
        Some("Cục Thuế"),
        &[],
    ),
    ag(
        "bhxh-tinh",
        "Bảo hiểm xã hội tỉnh",
        "Provincial Social Insurance",
        Some("BHXH tỉnh"),
        &[],
    ),
    ag(
        "nhnn-chi-nhanh",
        "Ngân hàng Nhà nước chi nhánh tỉnh",
        "State Bank of Vietnam, provincial branch",
        Some("NHNN chi nhánh tỉnh"),
        &["Ngân hàng Nhà nước"],
    ),
    ag(
        "cuc-thong-ke",
        "Cục Thống kê tỉnh",
        "Provincial Statistics Office",
        Some("Cục Thống kê"),
        &[],
    ),
    ag(
        "buu-dien-tinh",
        "Bưu điện tỉnh",
        "Provincial Post Office",
        None,
        &["VNPost tỉnh"],
    ),
    ag(
        "vnpt-tinh",
        "Viễn thông tỉnh (VNPT)",
        "VNPT provincial branch",
        Some("VNPT"),
        &["Viễn thông tỉnh"],
    ),
    ag(
        "viettel-tinh",
        "Viettel tỉnh",
        "Viettel provincial branch",
        Some("Viettel"),
        &[],
    ),
    ag(
        "dai-ptth",
        "Đài Phát thanh và Truyền hình tỉnh",
        "Provincial Radio and Television",
        Some("Đài PT-TH tỉnh"),
        &["Đài PTTH"],
    ),
    ag(
        "bql-kcn",
        "Ban Quản lý các khu công nghiệp tỉnh",
        "Provincial Industrial Zones Authority",
        Some("BQL các KCN"),
        &[],
    ),
    ag(
        "tinh-doan",
        "Tỉnh đoàn",
        "Provincial Youth Union",
        None,
        &["Đoàn Thanh niên tỉnh"],
    ),
    ag(
        "hoi-lhpn",
        "Hội Liên hiệp Phụ nữ tỉnh",
        "Provincial Women's Union",
        Some("Hội LHPN tỉnh"),
        &[],
    ),
    ag(
        "ubnd-cap-huyen",
        "UBND các huyện, thị xã, thành phố",
        "District-level People's Committees",
        Some("UBND cấp huyện"),
        &["Ủy ban nhân dân cấp huyện"],
    ),
    ag(
        "cac-so-ban-nganh",
        "Các sở, ban, ngành",
        "Provincial departments and agencies",
        None,
        &["Các sở, ban, ngành tỉnh"],
    ),
];

/// Index into AGENCIES by id (the catalogue names agencies by id).
fn agency(id: &str) -> usize {
    AGENCIES
        .iter()
        .position(|a| a.id == id)
        .unwrap_or_else(|| panic!("no agency {id}"))
}

#[derive(Clone, Copy)]
enum Trend {
    /// A share that rises over the years towards 100 %.
    PctUp,
    /// A share that falls (late dossiers …); target with `<=`.
    PctDown,
    /// A small percentage such as a growth rate or a GRDP share (lo, hi).
    PctSmall(f64, f64),
    /// A count that grows from a base in (lo, hi).
    CountUp(f64, f64),
    /// A count or duration that falls from a base in (lo, hi); `<=`.
    CountDown(f64, f64),
}

#[derive(Clone, Copy)]
enum Quals {
    None,
    Level,
    Area,
    Sector,
    School,
}

struct Concept {
    id: &'static str,
    vi: &'static str,
    en: &'static str,
    unit: &'static str,
    trend: Trend,
    quals: Quals,
    lead: &'static str,
    partners: &'static [&'static str],
    /// A commitment without a number (a text target, never scored).
    text: Option<(&'static str, &'static str)>,
}

#[allow(clippy::too_many_arguments)]
const fn c(
    id: &'static str,
    vi: &'static str,
    en: &'static str,
    unit: &'static str,
    trend: Trend,
    quals: Quals,
    lead: &'static str,
    partners: &'static [&'static str],
) -> Concept {
    Concept {
        id,
        vi,
        en,
        unit,
        trend,
        quals,
        lead,
        partners,
        text: None,
    }
}

const fn t(
    id: &'static str,
    vi: &'static str,
    en: &'static str,
    lead: &'static str,
    partners: &'static [&'static str],
    tvi: &'static str,
    ten: &'static str,
) -> Concept {
    Concept {
        id,
        vi,
        en,
        unit: "count",
        trend: Trend::PctUp,
        quals: Quals::None,
        lead,
        partners,
        text: Some((tvi, ten)),
    }
}

use Quals as Q;
use Trend as T;

struct Group {
    id: &'static str,
    vi: &'static str,
    en: &'static str,
    concepts: &'static [Concept],
}

const GROUPS: &[Group] = &[
    Group {
        id: "digital-government",
        vi: "Chính quyền số",
        en: "Digital government",
        concepts: &[
            c("records-online", "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng (trừ hồ sơ thuộc phạm vi bí mật nhà nước)", "Share of work files processed online (excluding state secrets)", "percent", T::PctUp, Q::Level, "vp-ubnd-tinh", &["so-tttt"]),
            c("full-online-services", "Tỷ lệ dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính", "Share of administrative procedures offered as end-to-end online services", "percent", T::PctUp, Q::Level, "so-tttt", &["vp-ubnd-tinh", "cac-so-ban-nganh"]),
            c("online-dossiers", "Tỷ lệ hồ sơ thủ tục hành chính được người dân, doanh nghiệp nộp trực tuyến", "Share of administrative dossiers filed online by citizens and businesses", "percent", T::PctUp, Q::Level, "vp-ubnd-tinh", &["so-tttt"]),
            c("digitised-results", "Tỷ lệ kết quả giải quyết thủ tục hành chính được số hóa", "Share of administrative decisions digitised", "percent", T::PctUp, Q::Level, "vp-ubnd-tinh", &["so-noi-vu"]),
            c("online-fee-payments", "Tỷ lệ thủ tục hành chính có nghĩa vụ tài chính được thanh toán trực tuyến", "Share of fee-bearing procedures paid online", "percent", T::PctUp, Q::Sector, "so-tai-chinh", &["nhnn-chi-nhanh", "vp-ubnd-tinh"]),
            c("e-documents", "Tỷ lệ văn bản đi, đến được gửi nhận dưới dạng điện tử", "Share of official correspondence exchanged electronically", "percent", T::PctUp, Q::Level, "vp-ubnd-tinh", &["so-tttt"]),
            c("official-signatures", "Tỷ lệ cán bộ, công chức, viên chức được cấp chữ ký số chuyên dùng", "Share of civil servants holding an official digital signature", "percent", T::PctUp, Q::Level, "so-noi-vu", &["so-tttt"]),
            c("processing-days", "Thời gian giải quyết hồ sơ thủ tục hành chính trung bình", "Average processing time of administrative dossiers", "ngày", T::CountDown(6.0, 15.0), Q::Level, "vp-ubnd-tinh", &["cac-so-ban-nganh"]),
            c("late-dossiers", "Tỷ lệ hồ sơ thủ tục hành chính giải quyết quá hạn", "Share of administrative dossiers resolved late", "percent", T::PctDown, Q::Level, "vp-ubnd-tinh", &["thanh-tra-tinh"]),
            c("satisfaction", "Mức độ hài lòng của người dân, doanh nghiệp đối với dịch vụ công", "Satisfaction of citizens and businesses with public services", "percent", T::PctUp, Q::Sector, "so-noi-vu", &["vp-ubnd-tinh"]),
            c("shared-databases", "Số cơ sở dữ liệu dùng chung được kết nối qua nền tảng LGSP", "Shared databases connected through the LGSP platform", "count", T::CountUp(4.0, 12.0), Q::None, "so-tttt", &["cac-so-ban-nganh"]),
            c("online-inspections", "Tỷ lệ hoạt động kiểm tra được thực hiện thông qua môi trường số", "Share of inspections carried out through digital systems", "percent", T::PctUp, Q::Sector, "thanh-tra-tinh", &["so-tttt"]),
            t("lgsp-platform", "Vận hành nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP)", "Run the provincial data integration and sharing platform (LGSP)", "so-tttt", &["cac-so-ban-nganh"], "Duy trì, vận hành ổn định nền tảng LGSP, kết nối với nền tảng NDXP và các cơ sở dữ liệu quốc gia", "Keep the LGSP platform running and connected to the NDXP platform and the national databases"),
            t("ioc-centre", "Xây dựng Trung tâm giám sát, điều hành đô thị thông minh (IOC)", "Build the intelligent operations centre (IOC)", "so-tttt", &["so-xay-dung", "cong-an-tinh"], "Hoàn thành xây dựng và đưa vào vận hành Trung tâm IOC cấp tỉnh", "Complete the provincial IOC and put it into operation"),
        ],
    },
    Group {
        id: "digital-economy",
        vi: "Kinh tế số",
        en: "Digital economy",
        concepts: &[
            c("digital-economy-share", "Tỷ trọng kinh tế số trong tổng sản phẩm trên địa bàn (GRDP)", "Digital economy share of GRDP", "percent", T::PctSmall(4.0, 14.0), Q::None, "so-khdt", &["cuc-thong-ke", "so-tttt"]),
            c("digital-firms", "Số doanh nghiệp công nghệ số", "Digital technology firms", "count", T::CountUp(60.0, 900.0), Q::None, "so-khdt", &["so-tttt"]),
            c("sme-platforms", "Tỷ lệ doanh nghiệp nhỏ và vừa sử dụng nền tảng chuyển đổi số", "Share of small and medium firms using digital transformation platforms", "percent", T::PctUp, Q::Sector, "so-khdt", &["so-tttt", "so-cong-thuong"]),
            c("e-invoices", "Tỷ lệ doanh nghiệp sử dụng hóa đơn điện tử", "Share of firms issuing electronic invoices", "percent", T::PctUp, Q::None, "cuc-thue", &["so-tai-chinh"]),
            c("e-tax", "Tỷ lệ doanh nghiệp kê khai, nộp thuế điện tử", "Share of firms filing and paying taxes electronically", "percent", T::PctUp, Q::Area, "cuc-thue", &["so-tai-chinh"]),
            c("ecommerce-households", "Số hộ sản xuất nông nghiệp có tài khoản trên sàn thương mại điện tử", "Farming households with an e-commerce shop", "count", T::CountUp(2000.0, 90000.0), Q::Area, "so-nnptnt", &["so-cong-thuong", "buu-dien-tinh"]),
            c("ocop-online", "Số sản phẩm OCOP được đưa lên sàn thương mại điện tử", "OCOP products listed on e-commerce platforms", "count", T::CountUp(40.0, 600.0), Q::None, "so-cong-thuong", &["so-nnptnt"]),
            c("cashless-transactions", "Tỷ lệ giao dịch thanh toán không dùng tiền mặt", "Share of payments made without cash", "percent", T::PctUp, Q::Area, "nhnn-chi-nhanh", &["so-cong-thuong"]),
            c("productivity-growth", "Tốc độ tăng năng suất lao động hằng năm", "Annual labour productivity growth", "percent", T::PctSmall(4.0, 9.0), Q::None, "so-khdt", &["cuc-thong-ke"]),
            c("traceability-codes", "Số mã số vùng trồng phục vụ truy xuất nguồn gốc được cấp", "Growing-area codes issued for traceability", "count", T::CountUp(30.0, 400.0), Q::None, "so-nnptnt", &[]),
            c("digital-tourism", "Tỷ lệ điểm du lịch có ứng dụng thuyết minh, thanh toán số", "Share of tourist sites with digital guides and payments", "percent", T::PctUp, Q::None, "so-vhttdl", &["so-tttt"]),
            c("industrial-zones-online", "Tỷ lệ thủ tục đầu tư trong khu công nghiệp được giải quyết trực tuyến", "Share of industrial-zone investment procedures handled online", "percent", T::PctUp, Q::None, "bql-kcn", &["so-khdt"]),
            t("ecommerce-platform", "Phát triển sàn thương mại điện tử nông sản của tỉnh", "Develop the province's farm-produce e-commerce platform", "so-cong-thuong", &["so-nnptnt"], "Đưa sàn thương mại điện tử nông sản của tỉnh vào hoạt động và kết nối với các sàn lớn", "Open the province's farm-produce marketplace and connect it to the major platforms"),
        ],
    },
    Group {
        id: "digital-society",
        vi: "Xã hội số",
        en: "Digital society",
        concepts: &[
            c("fibre-households", "Tỷ lệ hộ gia đình được phủ mạng băng rộng cáp quang", "Share of households covered by fibre broadband", "percent", T::PctUp, Q::Area, "so-tttt", &["vnpt-tinh", "viettel-tinh"]),
            c("smartphone-adults", "Tỷ lệ người trưởng thành sử dụng điện thoại thông minh", "Share of adults using a smartphone", "percent", T::PctUp, Q::Area, "so-tttt", &["viettel-tinh"]),
            c("payment-accounts", "Tỷ lệ dân số có tài khoản thanh toán điện tử", "Share of the population with an electronic payment account", "percent", T::PctUp, Q::Area, "nhnn-chi-nhanh", &["buu-dien-tinh"]),
            c("e-health-records", "Tỷ lệ dân số có hồ sơ sức khỏe điện tử", "Share of the population with an electronic health record", "percent", T::PctUp, Q::Area, "so-y-te", &["bhxh-tinh"]),
            c("electronic-id", "Tỷ lệ dân số trưởng thành có tài khoản định danh điện tử", "Share of adults with an electronic identity account", "percent", T::PctUp, Q::Area, "cong-an-tinh", &["ubnd-cap-huyen"]),
            c("digital-skills", "Số người dân được phổ cập kỹ năng số cơ bản", "Residents trained in basic digital skills", "count", T::CountUp(5000.0, 120000.0), Q::Area, "so-tttt", &["tinh-doan", "hoi-lhpn"]),
            c("community-teams", "Số tổ công nghệ số cộng đồng được thành lập", "Community digital technology teams set up", "count", T::CountUp(100.0, 1500.0), Q::None, "so-tttt", &["ubnd-cap-huyen"]),
            c("digital-school-records", "Tỷ lệ cơ sở giáo dục triển khai học bạ số", "Share of schools using digital report cards", "percent", T::PctUp, Q::School, "so-gddt", &[]),
            c("cashless-hospitals", "Tỷ lệ cơ sở khám, chữa bệnh thu viện phí không dùng tiền mặt", "Share of health facilities collecting fees without cash", "percent", T::PctUp, Q::None, "so-y-te", &["nhnn-chi-nhanh"]),
            c("mobile-4g-villages", "Tỷ lệ thôn, bản được phủ sóng di động 4G", "Share of villages covered by 4G mobile networks", "percent", T::PctUp, Q::Area, "so-tttt", &["viettel-tinh", "vnpt-tinh"]),
            c("public-wifi", "Số điểm truy cập internet công cộng miễn phí", "Free public internet access points", "count", T::CountUp(20.0, 700.0), Q::None, "so-tttt", &["ubnd-cap-huyen"]),
            c("e-social-insurance", "Tỷ lệ người tham gia bảo hiểm xã hội sử dụng ứng dụng VssID", "Share of social insurance members using the VssID app", "percent", T::PctUp, Q::None, "bhxh-tinh", &["so-ldtbxh"]),
            t("universal-4g", "Phổ cập dịch vụ mạng di động 4G/5G và điện thoại di động thông minh", "Universal 4G/5G mobile service and smartphones", "so-tttt", &["viettel-tinh", "vnpt-tinh"], "Phổ cập dịch vụ mạng di động 4G/5G và điện thoại di động thông minh đến từng hộ gia đình", "Bring 4G/5G mobile service and smartphones to every household"),
            t("digital-literacy-campaign", "Phong trào bình dân học vụ số", "Digital literacy movement", "so-tttt", &["tinh-doan", "hoi-lhpn", "so-gddt"], "Triển khai phong trào bình dân học vụ số đến tất cả các thôn, khu dân cư", "Run the digital literacy movement in every village and neighbourhood"),
        ],
    },
    Group {
        id: "information-security",
        vi: "Bảo đảm an toàn thông tin",
        en: "Information security",
        concepts: &[
            c("security-levels-approved", "Tỷ lệ hệ thống thông tin được phê duyệt hồ sơ đề xuất cấp độ an toàn", "Share of information systems with an approved security level", "percent", T::PctUp, Q::Level, "so-tttt", &["cac-so-ban-nganh"]),
            c("four-layer-protection", "Tỷ lệ hệ thống thông tin được bảo vệ theo mô hình 4 lớp", "Share of information systems protected under the four-layer model", "percent", T::PctUp, Q::Level, "so-tttt", &["cong-an-tinh"]),
            c("security-incidents", "Số sự cố mất an toàn thông tin mạng", "Information security incidents", "count", T::CountDown(20.0, 160.0), Q::None, "so-tttt", &["cong-an-tinh"]),
            c("trusted-portals", "Tỷ lệ cổng, trang thông tin điện tử được gắn nhãn tín nhiệm mạng", "Share of official websites with the network trust label", "percent", T::PctUp, Q::Level, "so-tttt", &["cac-so-ban-nganh"]),
            c("soc-connected", "Tỷ lệ cơ quan nhà nước kết nối với Trung tâm giám sát an toàn thông tin (SOC)", "Share of public bodies connected to the security operations centre (SOC)", "percent", T::PctUp, Q::Level, "so-tttt", &["ubnd-cap-huyen"]),
            c("security-drills", "Số cuộc diễn tập ứng cứu sự cố an toàn thông tin", "Information security incident-response drills", "count", T::CountUp(1.0, 6.0), Q::None, "so-tttt", &["cong-an-tinh"]),
            c("security-staff-trained", "Số cán bộ chuyên trách an toàn thông tin được đào tạo", "Dedicated security staff trained", "count", T::CountUp(20.0, 250.0), Q::Level, "so-tttt", &["so-noi-vu"]),
            c("antivirus-endpoints", "Tỷ lệ máy tính được cài đặt phần mềm phòng, chống mã độc tập trung", "Share of computers with centrally managed anti-malware", "percent", T::PctUp, Q::Level, "so-tttt", &[]),
            c("response-hours", "Thời gian ứng cứu sự cố an toàn thông tin trung bình", "Average incident response time", "giờ", T::CountDown(12.0, 60.0), Q::None, "so-tttt", &["cong-an-tinh"]),
            c("phishing-removed", "Số trang web giả mạo, lừa đảo được ngăn chặn, gỡ bỏ", "Phishing and fraudulent websites blocked or removed", "count", T::CountUp(10.0, 300.0), Q::None, "cong-an-tinh", &["so-tttt"]),
            t("security-monitoring", "Giám sát an toàn thông tin thường xuyên, liên tục", "Continuous information security monitoring", "so-tttt", &["cong-an-tinh"], "Thực hiện giám sát an toàn thông tin 24/7 cho toàn bộ hệ thống thông tin của cơ quan nhà nước trên địa bàn", "Monitor every public information system in the province around the clock"),
        ],
    },
];

fn qualifiers(q: Quals) -> &'static [(&'static str, &'static str, &'static str)] {
    match q {
        Quals::None => &[],
        Quals::Level => &[
            ("province", "tại cấp tỉnh", "at provincial level"),
            ("district", "tại cấp huyện", "at district level"),
            ("commune", "tại cấp xã", "at commune level"),
        ],
        Quals::Area => &[
            ("urban", "khu vực thành thị", "in urban areas"),
            ("rural", "khu vực nông thôn", "in rural areas"),
            (
                "remote",
                "vùng miền núi, vùng sâu, vùng xa",
                "in mountainous and remote areas",
            ),
        ],
        Quals::Sector => &[
            ("health", "trong lĩnh vực y tế", "in health"),
            ("education", "trong lĩnh vực giáo dục", "in education"),
            (
                "agriculture",
                "trong lĩnh vực nông nghiệp",
                "in agriculture",
            ),
            ("transport", "trong lĩnh vực giao thông", "in transport"),
        ],
        Quals::School => &[
            ("primary", "cấp tiểu học", "in primary schools"),
            (
                "lower-secondary",
                "cấp trung học cơ sở",
                "in lower secondary schools",
            ),
            (
                "upper-secondary",
                "cấp trung học phổ thông",
                "in upper secondary schools",
            ),
        ],
    }
}

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
    // Pages per language: home, 404, search, agencies list and one page per
    // agency, then per report: overview, projects, data, groups, indicators,
    // sections and datasets; then the list of comparisons and, per shared
    // code, its page, one per other period and the history.
    let codes = cat.iter().filter(|i| i.concept.text.is_none()).count();
    let per_lang = 4
        + AGENCIES.len()
        + reports * (3 + GROUPS.len() + o.indicators)
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

fn site_yaml() -> String {
    format!(
        "# Synthetic benchmark corpus written by examples/gen_corpus.rs. Do not edit.\n\
title: {}\n\
base_url: https://example.org/minhbach-bench/\n\
languages: [vi, en]\n\
publisher: {}\n",
        loc(
            "Minh bạch chuyển đổi số các tỉnh, thành phố",
            "Digital transformation transparency of Vietnam's provinces"
        ),
        loc(
            "Bộ Thông tin và Truyền thông",
            "Ministry of Information and Communications"
        )
    )
}

/// Every province, and the mergers of 2025.
fn areas_yaml() -> String {
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
    s
}

/// Whether the report of year `y` was updated with that year's results.
fn has_results(y: u32) -> bool {
    y < LAST_YEAR
}

fn agencies_yaml() -> String {
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
fn spelling(r: &mut Rng, i: usize) -> &'static str {
    let a = &AGENCIES[i];
    let mut options = vec![a.vi];
    if let Some(s) = a.short {
        options.push(s);
        options.push(s);
    }
    options.extend_from_slice(a.aliases);
    options[r.below(options.len())]
}

fn unit_title(p: usize) -> (&'static str, &'static str) {
    if PROVINCES[p].2 {
        ("thành phố", "city")
    } else {
        ("tỉnh", "province")
    }
}

fn doc_number(ctx: &Ctx, p: usize, y: u32) -> (u32, u32, u32) {
    let mut r = ctx.rng("document", &[p as u64, y as u64]);
    let number = 100 + r.below(4900) as u32;
    let month = 1 + r.below(6) as u32;
    let day = 1 + r.below(28) as u32;
    (number, month, day)
}

fn report_yaml(ctx: &Ctx, p: usize, y: u32) -> String {
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

fn roman(n: usize) -> &'static str {
    ["0", "I", "II", "III", "IV", "V", "VI", "VII", "VIII"][n.min(8)]
}

fn target_round(x: f64, pct: bool) -> f64 {
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

fn indicators_yaml(ctx: &Ctx, p: usize, y: u32, cat: &[Ind]) -> String {
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

/// (Vietnamese name, English name, group index, lead agency id).
const PROJECTS: &[(&str, &str, usize, &str)] = &[
    (
        "Nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính",
        "Upgrade of the administrative procedure information system",
        0,
        "vp-ubnd-tinh",
    ),
    (
        "Số hóa hồ sơ, tài liệu lưu trữ lịch sử",
        "Digitisation of historical archive records",
        0,
        "so-noi-vu",
    ),
    (
        "Xây dựng kho dữ liệu dùng chung",
        "Shared data warehouse",
        0,
        "so-tttt",
    ),
    (
        "Nâng cấp mạng truyền số liệu chuyên dùng cấp xã",
        "Upgrade of the dedicated data network to commune level",
        0,
        "so-tttt",
    ),
    (
        "Hệ thống quản lý văn bản và điều hành liên thông bốn cấp",
        "Four-level document management and operations system",
        0,
        "vp-ubnd-tinh",
    ),
    (
        "Ứng dụng công dân số trên thiết bị di động",
        "Digital citizen mobile application",
        0,
        "so-tttt",
    ),
    ("Cổng dữ liệu mở", "Open data portal", 0, "so-tttt"),
    (
        "Sàn thương mại điện tử nông sản",
        "Farm-produce e-commerce marketplace",
        1,
        "so-cong-thuong",
    ),
    (
        "Hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số",
        "Digital transformation support for small and medium firms",
        1,
        "so-khdt",
    ),
    (
        "Bản đồ số du lịch và thuyết minh tự động",
        "Digital tourism map and audio guides",
        1,
        "so-vhttdl",
    ),
    (
        "Triển khai bệnh án điện tử tại bệnh viện đa khoa",
        "Electronic medical records at the general hospital",
        2,
        "so-y-te",
    ),
    (
        "Nền tảng học trực tuyến cho các trường phổ thông",
        "Online learning platform for schools",
        2,
        "so-gddt",
    ),
    (
        "Hệ thống camera giám sát giao thông và an ninh trật tự",
        "Traffic and public-order camera system",
        2,
        "cong-an-tinh",
    ),
    (
        "Phổ cập kỹ năng số cho người dân qua tổ công nghệ số cộng đồng",
        "Digital skills for residents through community digital teams",
        2,
        "so-tttt",
    ),
    (
        "Thuê dịch vụ giám sát an toàn thông tin (SOC)",
        "Security operations centre (SOC) service",
        3,
        "so-tttt",
    ),
    (
        "Đánh giá an toàn thông tin các hệ thống cấp độ 3",
        "Security assessment of level-3 information systems",
        3,
        "so-tttt",
    ),
    (
        "Diễn tập thực chiến ứng cứu sự cố an toàn thông tin",
        "Live-fire incident response exercise",
        3,
        "cong-an-tinh",
    ),
];

fn projects_yaml(ctx: &Ctx, p: usize, y: u32, n: usize) -> String {
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

fn datasets_yaml(ctx: &Ctx, p: usize, y: u32) -> Vec<(String, String)> {
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

struct SectionKind {
    slug: &'static str,
    kind: &'static str,
    group: Option<usize>,
    vi: &'static str,
    en: &'static str,
}

const SECTIONS: &[SectionKind] = &[
    SectionKind {
        slug: "ket-qua-chinh-quyen-so",
        kind: "achievements",
        group: Some(0),
        vi: "Kết quả {B}: Chính quyền số",
        en: "{B} results: digital government",
    },
    SectionKind {
        slug: "ket-qua-kinh-te-so",
        kind: "achievements",
        group: Some(1),
        vi: "Kết quả {B}: Kinh tế số",
        en: "{B} results: digital economy",
    },
    SectionKind {
        slug: "ket-qua-xa-hoi-so",
        kind: "achievements",
        group: Some(2),
        vi: "Kết quả {B}: Xã hội số",
        en: "{B} results: digital society",
    },
    SectionKind {
        slug: "han-che-kho-khan",
        kind: "limitations",
        group: None,
        vi: "Hạn chế, khó khăn và nguyên nhân",
        en: "Limitations, difficulties and causes",
    },
    SectionKind {
        slug: "nhiem-vu-trong-tam",
        kind: "plan",
        group: Some(3),
        vi: "Nhiệm vụ trọng tâm năm {Y}",
        en: "Key tasks for {Y}",
    },
    SectionKind {
        slug: "giai-phap-thuc-hien",
        kind: "solutions",
        group: None,
        vi: "Giải pháp thực hiện",
        en: "Implementation measures",
    },
    SectionKind {
        slug: "ket-qua-an-toan-thong-tin",
        kind: "achievements",
        group: Some(3),
        vi: "Kết quả {B}: An toàn thông tin",
        en: "{B} results: information security",
    },
    SectionKind {
        slug: "to-chuc-thuc-hien",
        kind: "other",
        group: None,
        vi: "Tổ chức thực hiện",
        en: "Organisation of implementation",
    },
    SectionKind {
        slug: "kinh-phi-thuc-hien",
        kind: "other",
        group: None,
        vi: "Kinh phí thực hiện",
        en: "Funding",
    },
];

/// Sentence pairs; `{P}` is the province, `{K}`/`{k}` tỉnh/province, `{B}`
/// the baseline year, `{Y}` the plan year.
const SENTENCES: &[(&str, &str)] = &[
    ("Năm {B}, công tác chuyển đổi số trên địa bàn {K} {P} tiếp tục được các cấp, các ngành quan tâm chỉ đạo, triển khai đồng bộ và đạt nhiều kết quả tích cực.", "In {B}, digital transformation in {P} {k} continued to receive attention from every level and sector, was carried out consistently and achieved many positive results."),
    ("Ban Chỉ đạo chuyển đổi số của {K} đã ban hành kế hoạch hoạt động, phân công nhiệm vụ cụ thể cho từng thành viên và định kỳ hằng quý kiểm tra, đôn đốc việc thực hiện.", "The {k}'s digital transformation steering committee issued its work plan, gave each member specific tasks and checked progress every quarter."),
    ("Hạ tầng số tiếp tục được đầu tư nâng cấp; mạng truyền số liệu chuyên dùng đã kết nối đến 100% cơ quan nhà nước cấp tỉnh, cấp huyện và phần lớn đơn vị cấp xã.", "Digital infrastructure was upgraded further; the dedicated data network now reaches every provincial and district body and most communes."),
    ("Việc cung cấp dịch vụ công trực tuyến được đẩy mạnh, tập trung vào các thủ tục hành chính có số lượng hồ sơ lớn, liên quan trực tiếp đến người dân và doanh nghiệp.", "Online public services were expanded, focusing on high-volume procedures that matter most to citizens and businesses."),
    ("Các cơ sở dữ liệu chuyên ngành từng bước được xây dựng, chuẩn hóa và kết nối với nền tảng tích hợp, chia sẻ dữ liệu của {K}.", "Sector databases were gradually built, standardised and connected to the {k}'s data integration and sharing platform."),
    ("Hoạt động thương mại điện tử phát triển nhanh, nhiều sản phẩm nông nghiệp, sản phẩm OCOP của địa phương đã có mặt trên các sàn thương mại điện tử lớn.", "E-commerce grew quickly, and many local farm products and OCOP products are now sold on the major marketplaces."),
    ("Tổ công nghệ số cộng đồng được thành lập tại tất cả các thôn, khu dân cư, hướng dẫn người dân cài đặt và sử dụng các ứng dụng thiết yếu.", "Community digital technology teams were set up in every village and neighbourhood to help residents install and use essential apps."),
    ("Công tác bảo đảm an toàn thông tin được chú trọng; các hệ thống thông tin quan trọng được giám sát thường xuyên và kịp thời xử lý các nguy cơ mất an toàn.", "Information security received close attention; key systems were monitored continuously and threats were handled promptly."),
    ("Tuy nhiên, kết quả đạt được chưa đồng đều giữa các địa phương; một số chỉ tiêu còn thấp so với mục tiêu đề ra.", "Results were uneven between localities, however, and some indicators remained below their targets."),
    ("Nguồn nhân lực công nghệ thông tin tại các cơ quan nhà nước, nhất là ở cấp xã, còn thiếu và chưa đáp ứng yêu cầu.", "Public bodies, especially at commune level, still lack enough qualified IT staff."),
    ("Kinh phí bố trí cho chuyển đổi số còn hạn chế, chủ yếu từ ngân sách nhà nước; việc huy động nguồn lực xã hội hóa chưa nhiều.", "Funding for digital transformation remained limited and came mostly from the state budget; little private funding was mobilised."),
    ("Thói quen sử dụng dịch vụ trực tuyến của một bộ phận người dân, nhất là người cao tuổi và đồng bào vùng sâu, vùng xa, chưa hình thành.", "Some residents, particularly older people and those in remote areas, have not yet got into the habit of using online services."),
    ("Năm {Y}, {K} xác định chuyển đổi số là nhiệm vụ trọng tâm, gắn với cải cách hành chính và phát triển kinh tế - xã hội.", "For {Y}, the {k} treats digital transformation as a key task tied to administrative reform and socio-economic development."),
    ("Các sở, ban, ngành và UBND cấp huyện chủ động rà soát, xây dựng kế hoạch chi tiết, bố trí nguồn lực để hoàn thành các chỉ tiêu được giao.", "Departments and district committees will review their plans, prepare detailed schedules and allocate resources to meet their targets."),
    ("Tăng cường công tác thông tin, tuyên truyền để người dân, doanh nghiệp hiểu rõ lợi ích và tích cực tham gia chuyển đổi số.", "Communication will be stepped up so that residents and businesses understand the benefits and take part."),
    ("Định kỳ 6 tháng, các cơ quan, đơn vị báo cáo kết quả thực hiện về Sở Thông tin và Truyền thông để tổng hợp, báo cáo UBND {K}.", "Every six months, agencies report their progress to the Department of Information and Communications, which reports to the {k} People's Committee."),
];

const LIST_ITEMS: &[(&str, &str)] = &[
    (
        "Hoàn thiện khung kiến trúc chính quyền điện tử, chính quyền số phiên bản mới",
        "Finish the new version of the e-government and digital government architecture",
    ),
    (
        "Rà soát, tái cấu trúc quy trình nghiệp vụ trước khi đưa lên môi trường số",
        "Review and redesign procedures before moving them online",
    ),
    (
        "Kết nối, chia sẻ dữ liệu với các cơ sở dữ liệu quốc gia về dân cư, đất đai, doanh nghiệp",
        "Connect to and share data with the national population, land and business registers",
    ),
    (
        "Đào tạo, bồi dưỡng kỹ năng số cho cán bộ, công chức, viên chức",
        "Train civil servants in digital skills",
    ),
    (
        "Hỗ trợ doanh nghiệp nhỏ và vừa tiếp cận các nền tảng số",
        "Help small and medium firms adopt digital platforms",
    ),
    (
        "Triển khai thanh toán không dùng tiền mặt trong trường học, bệnh viện",
        "Roll out cashless payments in schools and hospitals",
    ),
    (
        "Phát triển hạ tầng mạng 4G, 5G đến các thôn, bản vùng sâu, vùng xa",
        "Extend 4G and 5G networks to remote villages",
    ),
    (
        "Bảo đảm an toàn thông tin theo mô hình 4 lớp cho các hệ thống dùng chung",
        "Protect shared systems under the four-layer security model",
    ),
    (
        "Tổ chức diễn tập ứng cứu sự cố an toàn thông tin mạng",
        "Hold incident-response exercises",
    ),
    (
        "Khen thưởng kịp thời các tập thể, cá nhân có thành tích trong chuyển đổi số",
        "Reward teams and individuals who excel in digital transformation",
    ),
];

const HEADINGS: &[(&str, &str)] = &[
    ("Tình hình chung", "Overview"),
    ("Kết quả nổi bật", "Highlights"),
    ("Số liệu chính", "Key figures"),
    ("Đánh giá", "Assessment"),
    ("Việc cần làm tiếp", "Next steps"),
];

fn fill(s: &str, p: usize, y: u32) -> String {
    let (kvi, ken) = unit_title(p);
    s.replace("{P}", PROVINCES[p].0)
        .replace("{K}", kvi)
        .replace("{k}", ken)
        .replace("{B}", &(y - 1).to_string())
        .replace("{Y}", &y.to_string())
}

/// Returns (slug, Vietnamese file, English file) for each section.
fn sections_md(
    ctx: &Ctx,
    p: usize,
    y: u32,
    n: usize,
    cat: &[Ind],
) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for k in 0..n {
        let sk = &SECTIONS[k % SECTIONS.len()];
        let round = k / SECTIONS.len();
        let slug = if round == 0 {
            sk.slug.to_string()
        } else {
            format!("{}-{}", sk.slug, round + 1)
        };
        let mut r = ctx.rng("section", &[p as u64, y as u64, k as u64]);
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
        let mut vi = format!(
            "---\ntitle: {}\nkind: {}\n{group_line}order: {order}\nsource: {}\n---\n\n",
            q(&title_vi),
            sk.kind,
            q(&source_vi)
        );
        let mut en = format!(
            "---\ntitle: {}\nkind: {}\n{group_line}order: {order}\nsource: {}\n---\n\n",
            q(&title_en),
            sk.kind,
            q(&source_en)
        );

        // The indicator quoted in the text: a numeric one of the section's group.
        let wanted = sk.group.unwrap_or(r.below(GROUPS.len()));
        let numeric: Vec<&Ind> = cat.iter().filter(|i| i.concept.text.is_none()).collect();
        let in_group: Vec<&Ind> = numeric
            .iter()
            .copied()
            .filter(|i| i.group == wanted)
            .collect();
        let ind: &Ind = if !in_group.is_empty() {
            in_group[r.below(in_group.len())]
        } else if !numeric.is_empty() {
            numeric[r.below(numeric.len())]
        } else {
            &cat[0]
        };

        // Intro.
        let (a, b) = (r.below(SENTENCES.len()), r.below(SENTENCES.len()));
        let _ = writeln!(
            vi,
            "{} {}\n",
            fill(SENTENCES[a].0, p, y),
            fill(SENTENCES[b].0, p, y)
        );
        let _ = writeln!(
            en,
            "{} {}\n",
            fill(SENTENCES[a].1, p, y),
            fill(SENTENCES[b].1, p, y)
        );

        let h = r.below(HEADINGS.len());
        let _ = writeln!(vi, "## {}\n", HEADINGS[h].0);
        let _ = writeln!(en, "## {}\n", HEADINGS[h].1);
        let items = 3 + r.below(3);
        let start = r.below(LIST_ITEMS.len());
        for i in 0..items {
            let (lv, le) = LIST_ITEMS[(start + i) % LIST_ITEMS.len()];
            let _ = writeln!(vi, "- {lv}.");
            let _ = writeln!(en, "- {le}.");
        }
        let agency_i = agency(ind.concept.lead);
        let (m, d) = (1 + r.below(12), 1 + r.below(28));
        let _ = writeln!(
            vi,
            "\nĐến hết năm {}, {} đạt {{{{ value(indicator=\"{}\") }}}}, theo báo cáo của {}.[^1]\n",
            y - 1,
            lower_first(&ind.vi),
            ind_id(p, ind),
            AGENCIES[agency_i].vi
        );
        let _ = writeln!(
            en,
            "\nBy the end of {}, {} stood at {{{{ value(indicator=\"{}\") }}}}, according to the {}.[^1]\n",
            y - 1,
            lower_first(&ind.en),
            ind_id(p, ind),
            AGENCIES[agency_i].en
        );

        let h2 = (h + 1 + r.below(HEADINGS.len() - 1)) % HEADINGS.len();
        let _ = writeln!(vi, "## {}\n", HEADINGS[h2].0);
        let _ = writeln!(en, "## {}\n", HEADINGS[h2].1);
        let _ = writeln!(
            vi,
            "| Nội dung | Năm {} | Năm {} |\n|---|---:|---:|",
            y - 2,
            y - 1
        );
        let _ = writeln!(en, "| Item | {} | {} |\n|---|---:|---:|", y - 2, y - 1);
        for i in 0..3 + r.below(3) {
            let (lv, le) = LIST_ITEMS[(start + items + i) % LIST_ITEMS.len()];
            let x0 = 10 + r.below(5000) as u64;
            let x1 = x0 + r.below(3000) as u64;
            let _ = writeln!(vi, "| {lv} | {} | {} |", grouped(x0, '.'), grouped(x1, '.'));
            let _ = writeln!(en, "| {le} | {} | {} |", grouped(x0, ','), grouped(x1, ','));
        }
        let c2 = r.below(SENTENCES.len());
        let _ = writeln!(vi, "\n{}", fill(SENTENCES[c2].0, p, y));
        let _ = writeln!(en, "\n{}", fill(SENTENCES[c2].1, p, y));
        if let Some(g) = sk.group {
            let _ = writeln!(
                vi,
                "Xem thêm [các chỉ tiêu của nhóm {}](../groups/{}/).",
                lower_first(GROUPS[g].vi),
                GROUPS[g].id
            );
            let _ = writeln!(
                en,
                "See also [the targets on {}](../groups/{}/).",
                lower_first(GROUPS[g].en),
                GROUPS[g].id
            );
        }

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
        let _ = writeln!(vi, "\n## {}\n", HEADINGS[h3].0);
        let _ = writeln!(en, "\n## {}\n", HEADINGS[h3].1);
        for _ in 0..1 + r.below(2) {
            let (a, b, c3) = (
                r.below(SENTENCES.len()),
                r.below(SENTENCES.len()),
                r.below(SENTENCES.len()),
            );
            let _ = writeln!(
                vi,
                "{} {} {}\n",
                fill(SENTENCES[a].0, p, y),
                fill(SENTENCES[b].0, p, y),
                fill(SENTENCES[c3].0, p, y)
            );
            let _ = writeln!(
                en,
                "{} {} {}\n",
                fill(SENTENCES[a].1, p, y),
                fill(SENTENCES[b].1, p, y),
                fill(SENTENCES[c3].1, p, y)
            );
        }
        let _ = writeln!(
            vi,
            "[^1]: Số liệu ngày {d:02}/{m:02}/{}; xem Phụ lục 2.",
            y - 1
        );
        let _ = writeln!(
            en,
            "[^1]: Figures as of {d} {} {}; see Annex 2.",
            MONTHS_EN[m - 1],
            y - 1
        );
        out.push((slug, vi, en));
    }
    out
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
