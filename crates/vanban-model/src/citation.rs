use serde::{Deserialize, Serialize};

/// What a citation refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CitationKind {
    /// A party document, numbered `NUMBER-TYPE/ISSUER` (`04-NQ/TW`), or a short form of one.
    Party,
    /// A state document, numbered `NUMBER/[YEAR/]TYPE-ISSUER` (`30/2020/NĐ-CP`) or `NUMBER/YEAR/QHnn`.
    State,
    /// A resolution or conclusion named after a Central Committee plenum (`Nghị quyết Trung ương 4`).
    Plenum,
    /// A resolution named after a party congress (`Nghị quyết Đại hội XII`).
    Congress,
    /// A reference back to a document named elsewhere (`Nghị quyết này`, `Chỉ thị trên`,
    /// `văn bản này`); found only when asked for (docs/resolution.md).
    Reference,
    /// An act cited by its name, without a number (`Luật Đất đai năm 2013`, `Hiến pháp năm
    /// 2013`, `Điều lệ Đảng`): `doc_type` is `Luật`, `Bộ luật`, `Hiến pháp`, `Pháp lệnh`,
    /// `Điều lệ` or `Cương lĩnh`, `title` the name as written.
    Act,
}

impl CitationKind {
    /// The serialised name: `party`, `state`, `plenum`, `congress`, `reference` or `act`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Party => "party",
            Self::State => "state",
            Self::Plenum => "plenum",
            Self::Congress => "congress",
            Self::Reference => "reference",
            Self::Act => "act",
        }
    }
}

/// Where inside the cited document a citation points (`điểm a khoản 2 Điều 5 …`): each
/// designator as written, `null` where the text names none. A list keeps its items as written
/// (`khoản 1, khoản 3 Điều 12` → clause `1, 3`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Pinpoint {
    /// The article (`Điều 5` → `5`).
    pub article: Option<String>,
    /// The clause (`khoản 2` → `2`).
    pub clause: Option<String>,
    /// The point (`điểm a` → `a`).
    pub point: Option<String>,
    /// The divisions above the article, with their words (`Mục II Phần thứ hai`, `Chương III`).
    pub section: Option<String>,
}

/// What the citing text does with the cited document: the verb that governs the citation in
/// its clause, from a closed set (each variant lists its verbs); `null` when none governs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// `căn cứ`, `căn cứ vào`: the legal basis.
    Basis,
    /// `thực hiện`, `thi hành`: carries it out.
    Implements,
    /// `triển khai`: puts it into effect (deploys).
    Deploys,
    /// `quán triệt`: studies and disseminates it.
    Disseminates,
    /// `sơ kết`, `tổng kết`: reviews its implementation.
    Reviews,
    /// `hướng dẫn`: guides its implementation.
    Guides,
    /// `sửa đổi, bổ sung`, `sửa đổi`, `bổ sung`: amends it.
    Amends,
    /// `thay thế`: replaces it.
    Replaces,
    /// `bãi bỏ`: repeals it.
    Repeals,
}

impl Relation {
    /// The serialised name (`basis`, `implements`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Basis => "basis",
            Self::Implements => "implements",
            Self::Deploys => "deploys",
            Self::Disseminates => "disseminates",
            Self::Reviews => "reviews",
            Self::Guides => "guides",
            Self::Amends => "amends",
            Self::Replaces => "replaces",
            Self::Repeals => "repeals",
        }
    }
}

/// One document citation found in a text.
///
/// `start`/`end` are character (Unicode scalar) offsets into the original input, end exclusive;
/// `byte_start`/`byte_end` are the same span in UTF-8 bytes. Both always slice the original input
/// to exactly `text`, whatever normalisation the parser applied internally.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Citation {
    /// The cited text exactly as it appears in the input.
    pub text: String,
    /// Character offset of the first character.
    pub start: usize,
    /// Character offset one past the last character.
    pub end: usize,
    /// Byte offset of the first byte.
    pub byte_start: usize,
    /// Byte offset one past the last byte.
    pub byte_end: usize,
    /// Party, state, plenum or congress.
    pub kind: CitationKind,
    /// The type word in modern NFC spelling (`Nghị quyết`, `Chỉ thị`, `Luật`), when the text names it.
    pub doc_type: Option<String>,
    /// The serial number (`4` for `04-NQ/TW`).
    pub number: Option<u32>,
    /// Canonical type code (`NQ`, `QĐi`, `CTr`, `NĐ`; `L` for a law), from the symbol or the type word.
    pub type_code: Option<String>,
    /// Canonical issuer code (`TW`, `TU`, `CP`, `TTg`, `QH13`, `ĐU-MTTW`).
    pub issuer_code: Option<String>,
    /// Canonical symbol (`NQ/TW`, `NĐ-CP`, `QH13`), when the number carries one.
    pub symbol: Option<String>,
    /// Year: from a state number, else from the date or a `năm YYYY` slot.
    pub year: Option<i32>,
    /// Full date of the document, ISO `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The issuing body (`Bộ Chính trị`, `Ban Thường vụ Tỉnh ủy`), modern tone placement.
    pub issuer: Option<String>,
    /// Term (khoá) of the issuing committee, as an integer (`khoá XII` → 12).
    pub term: Option<u32>,
    /// Plenum (Hội nghị Trung ương) number.
    pub plenum: Option<u32>,
    /// Congress (Đại hội) number.
    pub congress: Option<u32>,
    /// Subject (trích yếu): the `về …` phrase or quoted title that follows, as written.
    pub subject: Option<String>,
    /// True for a short form without a symbol (`Chỉ thị 05`, `Quy định 205`).
    pub short: bool,
    /// The name of an act cited by name (`Đất đai` in `Luật Đất đai năm 2013`), as written.
    pub title: Option<String>,
    /// The article, clause, point or section cited, when the citation starts with one (boxed:
    /// most citations have none, and a citation stays small).
    pub pinpoint: Option<Box<Pinpoint>>,
    /// What the citing text does with the document (`Căn cứ …` → `basis`).
    pub relation: Option<Relation>,
    /// The cited document's identity key (docs/resolution.md): equal keys name the same document.
    /// Filled by `vanban-resolve`; null when nothing identifies the document.
    pub doc_key: Option<String>,
    /// Whether `doc_key` holds across texts (`global`) or only inside the citing text (`text`).
    pub doc_key_scope: Option<KeyScope>,
    /// How `doc_key` was found.
    pub resolution: Option<Resolution>,
    /// The keys an ambiguous citation may name (empty otherwise).
    pub candidates: Vec<String>,
    /// The catalog's title (trích yếu) of the cited document, when the catalog holds it.
    pub doc_title: Option<String>,
    /// The catalog's date of the cited document, ISO `YYYY-MM-DD`.
    pub doc_date: Option<String>,
    /// Byte offset of the first byte in the original *file*, when the text was decoded from
    /// another encoding or projected from HTML (docs/input.md); absent for plain UTF-8 text,
    /// where it equals `byte_start`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub src_start: Option<usize>,
    /// Byte offset one past the last byte in the original file (with `src_start`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub src_end: Option<usize>,
    /// The encoding the file was read in (`utf-8`, `tcvn3`, `vni`, …), with `src_start`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
}

/// Where a document key holds (docs/resolution.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyScope {
    /// The key names one document across texts (`4-NQ/TW@XII`, `30/2020/NĐ-CP`).
    Global,
    /// The key groups the mentions of one text only (a local series whose locality is unknown,
    /// a central number without term or date); it ends in `#` and the text's fingerprint.
    Text,
}

impl KeyScope {
    /// The serialised name: `global` or `text`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Global => "global",
            Self::Text => "text",
        }
    }
}

/// How a citation's key was found (docs/resolution.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// From the citation's own number, symbol, issuer, term or date.
    Full,
    /// From another citation of the same text (a short form, a reference, a named plenum).
    Text,
    /// Through the bundled catalog of central documents.
    Catalog,
    /// Several documents fit; `doc_key` is null and `candidates` lists them.
    Ambiguous,
}

impl Resolution {
    /// The serialised name: `full`, `text`, `catalog` or `ambiguous`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Full => "full",
            Self::Text => "text",
            Self::Catalog => "catalog",
            Self::Ambiguous => "ambiguous",
        }
    }
}

/// A document number and symbol on its own (`04-NQ/TW`, `30/2020/NĐ-CP`), as parsed by `parse_number`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DocNumber {
    /// Party or state numbering.
    pub kind: CitationKind,
    /// The serial number.
    pub number: u32,
    /// Canonical type code, absent in old state numbers such as `100/TTg`.
    pub type_code: Option<String>,
    /// Canonical issuer code.
    pub issuer_code: String,
    /// Canonical symbol (`NQ/TW`, `NĐ-CP`, `QH13`).
    pub symbol: String,
    /// The year inside a state number (`2020` in `30/2020/NĐ-CP`).
    pub year: Option<i32>,
}

impl Citation {
    /// A citation of `kind` whose text is `text`, at characters `start..end` and bytes
    /// `byte_start..byte_end` of the input; every other field empty. (`Citation` is
    /// `#[non_exhaustive]`: code outside this crate builds one here and sets the fields it knows.)
    pub fn new(
        text: String,
        (start, end): (usize, usize),
        (byte_start, byte_end): (usize, usize),
        kind: CitationKind,
    ) -> Self {
        Self {
            text,
            start,
            end,
            byte_start,
            byte_end,
            kind,
            doc_type: None,
            number: None,
            type_code: None,
            issuer_code: None,
            symbol: None,
            year: None,
            date: None,
            issuer: None,
            term: None,
            plenum: None,
            congress: None,
            subject: None,
            short: false,
            title: None,
            pinpoint: None,
            relation: None,
            doc_key: None,
            doc_key_scope: None,
            resolution: None,
            candidates: Vec::new(),
            doc_title: None,
            doc_date: None,
            src_start: None,
            src_end: None,
            encoding: None,
        }
    }
}

impl DocNumber {
    /// Number `number` of `kind` with its canonical `symbol` and issuer code; no type code, no year.
    pub fn new(kind: CitationKind, number: u32, issuer_code: String, symbol: String) -> Self {
        Self {
            kind,
            number,
            type_code: None,
            issuer_code,
            symbol,
            year: None,
        }
    }
}
