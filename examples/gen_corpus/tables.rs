//! What the corpus is made of: provinces, agencies, indicator concepts and
//! groups, projects, sections and their sentences.

/// The 63 provinces and centrally run cities (before the 2025 merger), with
/// ASCII slugs and whether they are cities (thành phố) or provinces (tỉnh).
pub(crate) const PROVINCES: &[(&str, &str, bool)] = &[
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
pub(crate) const MERGERS: &[(&str, &str)] = &[
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
pub(crate) const MERGED_FROM: &str = "2025-07-01";

pub(crate) struct Agency {
    pub(crate) id: &'static str,
    pub(crate) vi: &'static str,
    pub(crate) en: &'static str,
    pub(crate) short: Option<&'static str>,
    pub(crate) aliases: &'static [&'static str],
}

pub(crate) const fn ag(
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
pub(crate) const AGENCIES: &[Agency] = &[
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
pub(crate) fn agency(id: &str) -> usize {
    AGENCIES
        .iter()
        .position(|a| a.id == id)
        .unwrap_or_else(|| panic!("no agency {id}"))
}

#[derive(Clone, Copy)]
pub(crate) enum Trend {
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
pub(crate) enum Quals {
    None,
    Level,
    Area,
    Sector,
    School,
}

pub(crate) struct Concept {
    pub(crate) id: &'static str,
    pub(crate) vi: &'static str,
    pub(crate) en: &'static str,
    pub(crate) unit: &'static str,
    pub(crate) trend: Trend,
    pub(crate) quals: Quals,
    pub(crate) lead: &'static str,
    pub(crate) partners: &'static [&'static str],
    /// A commitment without a number (a text target, never scored).
    pub(crate) text: Option<(&'static str, &'static str)>,
}

#[allow(clippy::too_many_arguments)]
pub(crate) const fn c(
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

pub(crate) const fn t(
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

pub(crate) struct Group {
    pub(crate) id: &'static str,
    pub(crate) vi: &'static str,
    pub(crate) en: &'static str,
    pub(crate) concepts: &'static [Concept],
}

pub(crate) const GROUPS: &[Group] = &[
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

pub(crate) fn qualifiers(q: Quals) -> &'static [(&'static str, &'static str, &'static str)] {
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

/// (Vietnamese name, English name, group index, lead agency id).
pub(crate) const PROJECTS: &[(&str, &str, usize, &str)] = &[
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

pub(crate) struct SectionKind {
    pub(crate) slug: &'static str,
    pub(crate) kind: &'static str,
    pub(crate) group: Option<usize>,
    pub(crate) vi: &'static str,
    pub(crate) en: &'static str,
}

pub(crate) const SECTIONS: &[SectionKind] = &[
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
pub(crate) const SENTENCES: &[(&str, &str)] = &[
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

pub(crate) const LIST_ITEMS: &[(&str, &str)] = &[
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

pub(crate) const HEADINGS: &[(&str, &str)] = &[
    ("Tình hình chung", "Overview"),
    ("Kết quả nổi bật", "Highlights"),
    ("Số liệu chính", "Key figures"),
    ("Đánh giá", "Assessment"),
    ("Việc cần làm tiếp", "Next steps"),
];
