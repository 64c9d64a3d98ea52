use serde::{Deserialize, Serialize};

/// What a citation refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CitationKind {
    /// A party document, numbered `NUMBER-TYPE/ISSUER` (`04-NQ/TW`), or a short form of one.
    Party,
    /// A state document, numbered `NUMBER/[YEAR/]TYPE-ISSUER` (`30/2020/NĐ-CP`) or `NUMBER/YEAR/QHnn`.
    State,
    /// A resolution or conclusion named after a Central Committee plenum (`Nghị quyết Trung ương 4`).
    Plenum,
    /// A resolution named after a party congress (`Nghị quyết Đại hội XII`).
    Congress,
}

impl CitationKind {
    /// The serialised name: `party`, `state`, `plenum` or `congress`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Party => "party",
            Self::State => "state",
            Self::Plenum => "plenum",
            Self::Congress => "congress",
        }
    }
}

/// One document citation found in a text.
///
/// `start`/`end` are character (Unicode scalar) offsets into the original input, end exclusive;
/// `byte_start`/`byte_end` are the same span in UTF-8 bytes. Both always slice the original input
/// to exactly `text`, whatever normalisation the parser applied internally.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
}

/// A document number and symbol on its own (`04-NQ/TW`, `30/2020/NĐ-CP`), as parsed by `parse_number`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
