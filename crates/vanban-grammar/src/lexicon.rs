//! The lexicon: the facts about documents, organs and titles that parsers of both wings read
//! (docs/ARCHITECTURE.md, "Where to add…"). Each fact stands here once; the citation grammar
//! (`citation/doctype.rs`, `citation/symbol.rs`, `citation/issuer.rs`) and the report grammar
//! (`report/header.rs`, `report/people.rs`, `report/signature.rs`) derive their views from it.

use std::sync::OnceLock;

/// One document type as a spelling names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DocType {
    /// Canonical name (`Nghị quyết`); `None` for the generic `văn bản`.
    pub(crate) name: Option<&'static str>,
    /// Type code implied by the word, for short forms (`Chỉ thị 05` → `CT`).
    pub(crate) code: Option<&'static str>,
    /// May stand with a bare number (`Quy định 205`).
    pub(crate) short: bool,
    /// Only the state issues it (`Nghị định`, `Luật`), so a short form is a state citation.
    pub(crate) state_only: bool,
    /// A law-like act whose name may stand between the word and `số` (`Luật Báo chí số 103/2016/QH13`).
    pub(crate) named: bool,
}

const fn t(name: &'static str, code: &'static str, short: bool) -> DocType {
    DocType {
        name: Some(name),
        code: Some(code),
        short,
        state_only: false,
        named: false,
    }
}

const fn state(name: &'static str, code: &'static str, named: bool) -> DocType {
    DocType {
        name: Some(name),
        code: Some(code),
        short: true,
        state_only: true,
        named,
    }
}

/// A type with no type code of its own: acts cited mostly by name (`Hiến pháp năm 2013`,
/// `Điều lệ Đảng`), and the generic `văn bản` (no name either).
const fn uncoded(name: Option<&'static str>) -> DocType {
    DocType {
        name,
        code: None,
        short: false,
        state_only: false,
        named: false,
    }
}

/// Where a spelling of a document type is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Read {
    /// As a type word of a citation phrase (`citation/doctype.rs`).
    Prose,
    /// As the type line of a formal document's header, in capitals (`report/header.rs`,
    /// docs/formats.md §5.2).
    Header,
    /// Both.
    Both,
}

impl Read {
    pub(crate) fn prose(self) -> bool {
        matches!(self, Read::Prose | Read::Both)
    }

    pub(crate) fn header(self) -> bool {
        matches!(self, Read::Header | Read::Both)
    }
}

/// Document types: each spelling (lower case, NFC; any case and tone placement match), what it
/// means, and where it is read (docs/formats.md §2, §5.2).
pub(crate) const DOC_TYPES: &[(&str, DocType, Read)] = &[
    ("nghị quyết", t("Nghị quyết", "NQ", true), Read::Both),
    ("quyết định", t("Quyết định", "QĐ", true), Read::Both),
    ("quy định", t("Quy định", "QĐ", true), Read::Both),
    ("qui định", t("Quy định", "QĐ", true), Read::Prose),
    ("chỉ thị", t("Chỉ thị", "CT", true), Read::Both),
    ("kết luận", t("Kết luận", "KL", true), Read::Both),
    (
        "thông báo kết luận",
        t("Thông báo", "TB", false),
        Read::Both,
    ),
    ("thông báo", t("Thông báo", "TB", false), Read::Both),
    ("hướng dẫn", t("Hướng dẫn", "HD", false), Read::Both),
    ("kế hoạch", t("Kế hoạch", "KH", true), Read::Both),
    (
        "chương trình hành động",
        t("Chương trình", "CTr", true),
        Read::Both,
    ),
    ("chương trình", t("Chương trình", "CTr", false), Read::Both),
    ("quy chế", t("Quy chế", "QC", false), Read::Both),
    ("thông tri", t("Thông tri", "TT", false), Read::Both),
    ("công văn", t("Công văn", "CV", false), Read::Both),
    ("tờ trình", t("Tờ trình", "TTr", false), Read::Both),
    ("báo cáo chính trị", t("Báo cáo", "BC", false), Read::Header),
    ("báo cáo", t("Báo cáo", "BC", false), Read::Both),
    ("đề án", t("Đề án", "ĐA", false), Read::Both),
    ("biên bản", t("Biên bản", "BB", false), Read::Both),
    (
        "giấy giới thiệu",
        t("Giấy giới thiệu", "GGT", false),
        Read::Prose,
    ),
    ("lời kêu gọi", uncoded(Some("Lời kêu gọi")), Read::Header),
    ("văn bản", uncoded(None), Read::Prose),
    ("nghị định", state("Nghị định", "NĐ", false), Read::Prose),
    (
        "thông tư liên tịch",
        state("Thông tư liên tịch", "TTLT", false),
        Read::Prose,
    ),
    ("thông tư", state("Thông tư", "TT", false), Read::Prose),
    ("công điện", state("Công điện", "CĐ", false), Read::Prose),
    ("luật", state("Luật", "L", true), Read::Prose),
    ("bộ luật", state("Bộ luật", "L", true), Read::Prose),
    ("pháp lệnh", state("Pháp lệnh", "PL", true), Read::Prose),
    ("hiến pháp", uncoded(Some("Hiến pháp")), Read::Prose),
    ("điều lệ", uncoded(Some("Điều lệ")), Read::Prose),
    ("cương lĩnh", uncoded(Some("Cương lĩnh")), Read::Prose),
];

/// Who numbers documents with a type code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Numbered {
    Party,
    State,
    Both,
}

/// Type codes (canonical spelling) that no spelling of `DOC_TYPES` implies, and who uses them
/// (docs/formats.md §2–3): `QĐi` (quy định, 2018–19), `QĐNS`, `BS` (bản sao), `PA` (phương án),
/// `GM` (giấy mời); the state's list follows the law on legal documents and the rules on
/// administrative papers (README, "What is recognised").
const MORE_CODES: &[(&str, Numbered)] = &[
    ("QĐi", Numbered::Both),
    ("QĐNS", Numbered::Party),
    ("TC", Numbered::Both),
    ("PA", Numbered::Both),
    ("DA", Numbered::Both),
    ("BS", Numbered::Both),
    ("GM", Numbered::Both),
    ("ĐH", Numbered::Party),
    ("TTLB", Numbered::State),
    ("VBHN", Numbered::State),
    ("GUQ", Numbered::State),
    ("GXN", Numbered::State),
    ("GCN", Numbered::State),
    ("GP", Numbered::State),
    ("HĐ", Numbered::State),
    ("NQLT", Numbered::State),
    ("QĐLT", Numbered::State),
    ("CTLT", Numbered::State),
    ("SL", Numbered::State),
    ("LCT", Numbered::State),
    ("CCHN", Numbered::State),
];

/// Each code once, in table order (several spellings share a code: `quy định`, `qui định`).
fn unique(codes: impl Iterator<Item = &'static str>) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for c in codes {
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// Party type codes: the codes of the types the party issues (every type word that is not
/// state-only) and the party's codes without a type word.
pub(crate) fn party_codes() -> Vec<&'static str> {
    let words = DOC_TYPES
        .iter()
        .filter(|(_, d, read)| read.prose() && !d.state_only)
        .filter_map(|(_, d, _)| d.code);
    let more = MORE_CODES
        .iter()
        .filter(|(_, by)| *by != Numbered::State)
        .map(|(c, _)| *c);
    unique(words.chain(more))
}

/// State type codes: every type word's code (the state numbers party types too: `Kế hoạch số
/// 12/KH-UBND`) and the state's codes without a type word.
pub(crate) fn state_codes() -> Vec<&'static str> {
    let words = DOC_TYPES
        .iter()
        .filter(|(_, _, read)| read.prose())
        .filter_map(|(_, d, _)| d.code);
    let more = MORE_CODES
        .iter()
        .filter(|(_, by)| *by != Numbered::Party)
        .map(|(c, _)| *c);
    unique(words.chain(more))
}

/// The header's type names, longest first where one is a prefix of another, so that the first
/// that matches is the longest (`thông báo kết luận` before `thông báo`).
pub(crate) fn header_type_names() -> &'static [&'static str] {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: Vec<&'static str> = DOC_TYPES
            .iter()
            .filter(|(_, _, read)| read.header())
            .map(|(w, _, _)| *w)
            .collect();
        names.sort_by_key(|w| std::cmp::Reverse(w.split(' ').count()));
        names
    })
}

/// Organ roles (bits of `ORGANS`).
/// A unit of a cited issuer's name (`citation/issuer.rs`; longest match wins).
pub(crate) const UNIT: u8 = 1;
/// A central body that issues jointly (`Bộ Chính trị, Ban Bí thư`).
pub(crate) const CENTRAL: u8 = 2;
/// A parent that stands over an issuer in a header's left column (`ĐẢNG BỘ TỈNH …`).
pub(crate) const PARENT: u8 = 4;
/// Opens an issuer under a parent in a header (`… / HUYỆN UỶ ĐỊNH HOÁ`).
pub(crate) const OPENS: u8 = 8;

/// Organ words and units in canonical spelling (modern tone placement `ủy`; every reader also
/// accepts `uỷ`, docs/formats.md §7.2), with their roles.
pub(crate) const ORGANS: &[(&str, u8)] = &[
    ("Bộ Chính trị", UNIT | CENTRAL),
    ("Ban Bí thư", UNIT | CENTRAL),
    ("Ban Chấp hành", UNIT | CENTRAL),
    ("Ban Chấp hành Trung ương", UNIT | CENTRAL | PARENT),
    ("Trung ương", UNIT),
    ("Đảng", UNIT),
    ("Ban Thường vụ", UNIT),
    ("Thường vụ", UNIT),
    ("Thường trực", UNIT),
    ("Tỉnh ủy", UNIT | PARENT),
    ("Thành ủy", UNIT | PARENT | OPENS),
    ("Huyện ủy", UNIT | OPENS),
    ("Quận ủy", UNIT | OPENS),
    ("Thị ủy", UNIT | OPENS),
    ("Đảng ủy", UNIT | PARENT | OPENS),
    ("Đảng bộ", UNIT | PARENT),
    ("Đảng đoàn", UNIT | OPENS),
    ("Ban cán sự đảng", UNIT),
    ("Quân ủy", UNIT),
    ("Quân ủy Trung ương", UNIT),
    ("Công an", UNIT),
    ("Ủy ban Kiểm tra", UNIT),
    ("Ủy ban", UNIT | OPENS),
    ("Ban Tổ chức", UNIT),
    ("Ban Tuyên giáo", UNIT),
    ("Ban Tuyên giáo và Dân vận", UNIT),
    ("Ban Dân vận", UNIT),
    ("Ban Nội chính", UNIT),
    ("Ban Kinh tế", UNIT),
    ("Ban Đối ngoại", UNIT),
    ("Ban Chỉ đạo", UNIT),
    ("Văn phòng", UNIT | OPENS),
    ("Chính phủ", UNIT),
    ("Thủ tướng", UNIT),
    ("Bộ trưởng", UNIT),
    ("Chủ tịch", UNIT),
    ("Quốc hội", UNIT),
    ("Ủy ban Thường vụ Quốc hội", UNIT),
    ("Ủy ban nhân dân", UNIT),
    ("Hội đồng nhân dân", UNIT),
    ("Mặt trận Tổ quốc", UNIT),
    ("Hội nghị", UNIT),
    ("tỉnh", UNIT),
    ("thành phố", UNIT),
    ("huyện", UNIT),
    ("quận", UNIT),
    ("thị xã", UNIT),
    ("thị trấn", UNIT),
    ("xã", UNIT),
    ("phường", UNIT),
    ("Tòa án nhân dân", UNIT),
    ("Viện kiểm sát nhân dân", UNIT),
    ("tối cao", UNIT),
    ("Khối", UNIT),
    // Ministries whose name holds `và` (which otherwise joins two issuers)
    ("Bộ Giáo dục và Đào tạo", UNIT),
    ("Bộ Tài nguyên và Môi trường", UNIT),
    ("Bộ Thông tin và Truyền thông", UNIT),
    ("Bộ Khoa học và Công nghệ", UNIT),
    ("Bộ Kế hoạch và Đầu tư", UNIT),
    ("Bộ Nông nghiệp và Phát triển nông thôn", UNIT),
    ("Bộ Nông nghiệp và Môi trường", UNIT),
    ("Bộ", UNIT),
    ("Sở", UNIT),
    ("Cục", UNIT),
    ("Tổng cục", UNIT),
    ("Học viện", UNIT | OPENS),
    ("Viện", UNIT),
    ("Trường", UNIT | OPENS),
    ("Thanh tra", UNIT),
    ("các cơ quan", UNIT),
    ("doanh nghiệp", UNIT),
    // Header words only (report/header.rs): never a unit of a cited issuer.
    ("Đại hội", PARENT),
    ("Ban", OPENS),
    ("Đoàn Chủ tịch", OPENS),
    ("Chi bộ", OPENS),
    ("Ban cán sự", OPENS),
];

/// The organs with a role, in table order.
pub(crate) fn organs(role: u8) -> impl Iterator<Item = &'static str> {
    ORGANS
        .iter()
        .filter(move |(_, r)| r & role != 0)
        .map(|(o, _)| *o)
}

/// The organs with a role in lower case, for keyword matchers (`report/lex.rs` `any_kw`).
pub(crate) fn organs_lower(role: u8) -> Vec<&'static str> {
    organs(role).map(|o| &*o.to_lowercase().leak()).collect()
}

/// Where a title opens a position.
/// In a person's mention in news prose (`report/people.rs`).
pub(crate) const PERSON: u8 = 1;
/// In a signature block's position line (`report/signature.rs`).
pub(crate) const SIGNER: u8 = 2;

/// Titles that open a position (lower case; tone style does not matter), with where they do.
pub(crate) const TITLES: &[(&str, u8)] = &[
    ("tổng bí thư", PERSON | SIGNER),
    ("uỷ viên", PERSON | SIGNER),
    ("phó", PERSON | SIGNER),
    ("bí thư", PERSON | SIGNER),
    ("trưởng", PERSON | SIGNER),
    ("chủ tịch", PERSON | SIGNER),
    ("chủ nhiệm", PERSON | SIGNER),
    ("thủ tướng", PERSON),
    ("giám đốc", PERSON | SIGNER),
    ("thường trực", PERSON | SIGNER),
    ("chánh", PERSON | SIGNER),
    ("đại biểu", PERSON),
    ("bộ trưởng", PERSON),
    ("thứ trưởng", PERSON),
    ("tư lệnh", PERSON),
    ("chính uỷ", PERSON),
    ("đại tướng", PERSON),
    ("thượng tướng", PERSON),
    ("trung tướng", PERSON),
    ("thiếu tướng", PERSON),
    ("đại tá", PERSON),
    ("thượng tá", PERSON),
    ("nguyên", PERSON),
    ("thành viên", PERSON),
    ("cục trưởng", PERSON),
    ("vụ trưởng", PERSON),
    ("viện trưởng", PERSON),
    ("hiệu trưởng", PERSON | SIGNER),
    ("thư ký", PERSON),
    ("trợ lý", PERSON),
    ("tổng cục trưởng", PERSON),
    ("tổng giám đốc", PERSON),
    ("chủ tịch nước", PERSON),
    ("phó chủ tịch", PERSON),
    ("phó bí thư", PERSON),
    ("trưởng ban", PERSON),
    ("thủ trưởng", SIGNER),
];

/// The titles that open a position where `role` says, in table order.
pub(crate) fn titles(role: u8) -> impl Iterator<Item = &'static str> {
    TITLES
        .iter()
        .filter(move |(_, r)| r & role != 0)
        .map(|(t, _)| *t)
}
