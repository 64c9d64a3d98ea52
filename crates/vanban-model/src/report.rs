//! Report structure: news articles about party documents, and formal party documents.
//!
//! One [`Report`] type serves both kinds so that JSON and Python see a single schema; the keys
//! that do not apply to a kind stay `null` or empty. Every text field is the *original* text of
//! the input (never a normalised copy); where it is a slice of the input it comes with `start` and
//! `end`, character (Unicode scalar) offsets into the input, end exclusive.
use serde::{Deserialize, Serialize};

use crate::{Citation, CitationKind};

/// `Serialize` for a struct holding a `span`: the span's `text`, `start`, `end` written in place
/// between the named fields, as a serde *struct*. (A derived `#[serde(flatten)]` would serialise
/// a map, which loses the struct name that the Python glue turns into the object's type.)
macro_rules! serialize_with_span {
    ($ty:ident { $($before:ident),* ; span ; $($after:ident),* }) => {
        impl Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct;
                let fields = [$(stringify!($before),)* "text", "start", "end", $(stringify!($after)),*];
                let mut st = s.serialize_struct(stringify!($ty), fields.len())?;
                $(st.serialize_field(stringify!($before), &self.$before)?;)*
                st.serialize_field("text", &self.span.text)?;
                st.serialize_field("start", &self.span.start)?;
                st.serialize_field("end", &self.span.end)?;
                $(st.serialize_field(stringify!($after), &self.$after)?;)*
                st.end()
            }
        }
    };
}

/// Whether the text is a news article or a formal document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ReportKind {
    /// A news or journal page reporting on party affairs.
    Article,
    /// A formal party (or state) document: header, type name, body, signature.
    Document,
}

impl ReportKind {
    /// The serialised name: `article` or `document`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Article => "article",
            Self::Document => "document",
        }
    }
}

/// A piece of the input: its original text and character offsets.
///
/// Flattened into the structs that carry one (`#[serde(flatten)]` on the way in, the same three
/// keys written in place on the way out), so their JSON keeps `text`, `start`, `end` at the top level.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Span {
    /// The text exactly as it appears in the input.
    pub text: String,
    /// Character offset of the first character.
    pub start: usize,
    /// Character offset one past the last character.
    pub end: usize,
}

impl Span {
    /// A span of `text` at character offsets `start..end`.
    pub fn new(text: impl Into<String>, start: usize, end: usize) -> Self {
        Self {
            text: text.into(),
            start,
            end,
        }
    }
}

/// The publication timestamp of an article.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[non_exhaustive]
pub struct Timestamp {
    /// The timestamp as written (`18:34' 23/12/2016`, `Thứ Tư, 08/04/2015, 08:11 [GMT+7]`).
    #[serde(flatten)]
    pub span: Span,
    /// ISO form: `YYYY-MM-DDTHH:MM`, or `YYYY-MM-DD` when the page gives no time.
    pub iso: String,
}

/// The author of an article (by-line before the body or sign-off after it).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[non_exhaustive]
pub struct Author {
    /// The name as written, without academic titles (`Sơn Tra`, `VŨ THANH SƠN`).
    #[serde(flatten)]
    pub span: Span,
    /// Academic or military titles before the name, as written (`TS.`, `PGS, TS`, `ThS.`).
    pub titles: Option<String>,
    /// Affiliation or position lines under the name (`Học viện Chính trị khu vực I`).
    pub affiliation: Option<Span>,
}

/// An enumerated point of an article (`Một là, …`, `Thứ nhất, …`, `(1) …`, `1. …`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[non_exhaustive]
pub struct Item {
    /// Position in the enumeration, from 1.
    pub ordinal: u32,
    /// The marker as written (`Một là`, `Thứ nhất`, `(1)`, `1.`); a prefix of `text`.
    pub marker: String,
    /// The whole point, marker included, as written.
    #[serde(flatten)]
    pub span: Span,
}

/// A person named in the text with their positions (`đồng chí Nguyễn Tôn Hoàng, Phó Bí thư …`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Person {
    /// The name as written at its first mention.
    pub name: String,
    /// Character offset of the first mention's first character.
    pub start: usize,
    /// Character offset one past the first mention's last character.
    pub end: usize,
    /// Positions, in order of first mention; one per distinct position (tone style ignored).
    pub positions: Vec<Span>,
}

/// The document number of a formal document's header, read with the citation model.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[non_exhaustive]
pub struct HeaderNumber {
    /// The number and symbol as written (`36-HD/VPTW`, `16 -\nHD/BTCTW`), without `Số:`.
    #[serde(flatten)]
    pub span: Span,
    /// Party or state numbering, when the symbol could be read.
    pub kind: Option<CitationKind>,
    /// The serial number.
    pub number: Option<u32>,
    /// Canonical type code (`NQ`, `HD`, `QĐi`).
    pub type_code: Option<String>,
    /// Canonical issuer code (`TW`, `TU`, `BTCTW`).
    pub issuer_code: Option<String>,
    /// Canonical symbol (`HD/BTCTW`).
    pub symbol: Option<String>,
    /// The year inside a state number.
    pub year: Option<i32>,
}

/// The date line of a formal document's header.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[non_exhaustive]
pub struct HeaderDate {
    /// The date as written (`ngày 03 tháng 4 năm 2018`), without the place.
    #[serde(flatten)]
    pub span: Span,
    /// ISO `YYYY-MM-DD`, when day, month and year are all readable.
    pub iso: Option<String>,
}

/// The header of a formal document (HD 36 layout, docs/formats.md §5.1).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Header {
    /// The party line, `ĐẢNG CỘNG SẢN VIỆT NAM` (or the state motto line for state documents).
    pub party: Option<Span>,
    /// The issuing organ (`VĂN PHÒNG`, `TỈNH ỦY THỪA THIÊN HUẾ`).
    pub issuer: Option<Span>,
    /// The parent organ above the issuer (`BAN CHẤP HÀNH TRUNG ƯƠNG`).
    pub parent_issuer: Option<Span>,
    /// Number and symbol.
    pub number: Option<HeaderNumber>,
    /// Place of issue (`Hà Nội`).
    pub place: Option<Span>,
    /// Date of issue.
    pub date: Option<HeaderDate>,
    /// The type name as written (`HƯỚNG DẪN`, `QUY ĐỊNH`, `BÁO CÁO`).
    pub doc_type: Option<Span>,
    /// The trích yếu (`về …`), possibly over several lines.
    pub subject: Option<Span>,
}

/// One basis line (`- Căn cứ Điều lệ Đảng;`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[non_exhaustive]
pub struct Basis {
    /// The line as written, without its bullet.
    #[serde(flatten)]
    pub span: Span,
    /// The citations inside the line (a subset of [`Report::citations`]).
    pub citations: Vec<Citation>,
}

/// The numbering family of an outline heading (docs/formats.md §5.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SectionKind {
    /// `Phần thứ nhất`, `Phần I`, `PHẦN II`.
    Part,
    /// `A - MỤC ĐÍCH, YÊU CẦU`.
    LetteredPart,
    /// `Chương I`, `CHƯƠNG III`.
    Chapter,
    /// `Mục 1`.
    Division,
    /// `Điều 1.`, `Điều 1:`, `ĐIỀU 30`.
    Article,
    /// `I-`, `I.`, `I.-`, `II/`.
    Roman,
    /// `1.`, `1-`, `1/`, `1)`.
    Arabic,
    /// `1.1`, `1.1.1.`, `2.1-`.
    Decimal,
    /// `a)`, `a.`.
    Letter,
    /// `Một là`, `Thứ nhất`, `(1)`.
    Ordinal,
    /// `-`, `–`, `+`, `*`, `•` bullets.
    Bullet,
}

/// A node of a formal document's outline.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[non_exhaustive]
pub struct Section {
    /// Numbering family.
    pub kind: SectionKind,
    /// The label as written (`Điều 1.`, `I-`, `a)`, `-`); a prefix of `text`.
    pub label: String,
    /// The title after the label (or on the next line), when the heading has one.
    pub heading: Option<String>,
    /// Depth in the tree, from 1 for top-level sections.
    pub level: u32,
    /// The section's own text as written: its label line(s) up to the first child or the next
    /// section (children hold the rest).
    #[serde(flatten)]
    pub span: Span,
    /// Sub-sections, in order.
    pub children: Vec<Section>,
}

/// The signature block of a formal document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Signature {
    /// Signing authority (`T/M BAN THƯỜNG VỤ`, `K/T BÍ THƯ`, `T/L BAN THƯỜNG VỤ`).
    pub authority: Option<Span>,
    /// The signer's position (`BÍ THƯ`, `PHÓ TRƯỞNG BAN`).
    pub position: Option<Span>,
    /// The signer's name.
    pub signer: Option<Span>,
}

/// The structure of one text: a news article or a formal document.
///
/// Article keys: `category` … `boilerplate`. Document keys: `header` … `recipients`. `paragraphs`
/// and `people` serve both (for a document, `paragraphs` holds the body text outside the outline,
/// such as the preamble and the enacting formula). `citations` always covers the whole text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Report {
    /// Article or document.
    pub kind: ReportKind,
    /// Section of the site (`Thời sự - Chính trị`).
    pub category: Option<Span>,
    /// Headline.
    pub title: Option<Span>,
    /// Publication time, ISO `YYYY-MM-DDTHH:MM` (or `YYYY-MM-DD`).
    pub published: Option<String>,
    /// The timestamp as written, from which `published` was read.
    pub timestamp: Option<Timestamp>,
    /// Author, from a by-line or a sign-off.
    pub author: Option<Author>,
    /// Photo caption (also when glued to the first sentence).
    pub caption: Option<Span>,
    /// Agency tag of the lead (`TCCS`, `QBĐT`, `LTS`).
    pub agency: Option<Span>,
    /// Lead (sapo), without its agency tag.
    pub lead: Option<Span>,
    /// Body paragraphs in order.
    pub paragraphs: Vec<Span>,
    /// Enumerated points of the body.
    pub items: Vec<Item>,
    /// People named with their positions.
    pub people: Vec<Person>,
    /// Site furniture removed from the body (comment forms, related links, counters).
    pub boilerplate: Vec<Span>,
    /// Header of a formal document.
    pub header: Option<Header>,
    /// `Căn cứ …` lines.
    pub basis: Vec<Basis>,
    /// Outline of the body.
    pub sections: Vec<Section>,
    /// Signature block.
    pub signature: Option<Signature>,
    /// `Nơi nhận:` list, one entry per recipient, without bullets.
    pub recipients: Vec<Span>,
    /// Every citation in the whole text.
    pub citations: Vec<Citation>,
    /// The text the offsets refer to, when it is not the input file itself (an HTML page's text
    /// projection, or a text decoded from a legacy encoding; docs/input.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The encoding the file was read in, with `text`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
}

impl Report {
    /// An empty report of the given kind.
    pub fn new(kind: ReportKind) -> Self {
        Self {
            kind,
            category: None,
            title: None,
            published: None,
            timestamp: None,
            author: None,
            caption: None,
            agency: None,
            lead: None,
            paragraphs: Vec::new(),
            items: Vec::new(),
            people: Vec::new(),
            boilerplate: Vec::new(),
            header: None,
            basis: Vec::new(),
            sections: Vec::new(),
            signature: None,
            recipients: Vec::new(),
            citations: Vec::new(),
            text: None,
            encoding: None,
        }
    }
}

serialize_with_span!(Timestamp {  ; span ; iso });
serialize_with_span!(Author {  ; span ; titles, affiliation });
serialize_with_span!(Item { ordinal, marker ; span ;  });
serialize_with_span!(HeaderNumber {  ; span ; kind, number, type_code, issuer_code, symbol, year });
serialize_with_span!(HeaderDate {  ; span ; iso });
serialize_with_span!(Basis {  ; span ; citations });
serialize_with_span!(Section { kind, label, heading, level ; span ; children });

// Constructors: the structs are `#[non_exhaustive]` (a new field is not a breaking change), so
// code outside this crate builds them here and sets the optional fields afterwards.

impl Timestamp {
    /// A timestamp as written at `span`, read as `iso`.
    pub fn new(span: Span, iso: String) -> Self {
        Self { span, iso }
    }
}

impl Author {
    /// An author's name at `span`, without titles or affiliation.
    pub fn new(span: Span) -> Self {
        Self {
            span,
            titles: None,
            affiliation: None,
        }
    }
}

impl Item {
    /// The `ordinal`-th point, whose `marker` opens `span`.
    pub fn new(ordinal: u32, marker: String, span: Span) -> Self {
        Self {
            ordinal,
            marker,
            span,
        }
    }
}

impl Person {
    /// A person first named at characters `start..end`, without positions.
    pub fn new(name: String, start: usize, end: usize) -> Self {
        Self {
            name,
            start,
            end,
            positions: Vec::new(),
        }
    }
}

impl HeaderNumber {
    /// A number as written at `span`, not (yet) read.
    pub fn new(span: Span) -> Self {
        Self {
            span,
            kind: None,
            number: None,
            type_code: None,
            issuer_code: None,
            symbol: None,
            year: None,
        }
    }
}

impl HeaderDate {
    /// A date line as written at `span`, read as `iso` when complete.
    pub fn new(span: Span, iso: Option<String>) -> Self {
        Self { span, iso }
    }
}

impl Basis {
    /// A basis line at `span` with the citations inside it.
    pub fn new(span: Span, citations: Vec<Citation>) -> Self {
        Self { span, citations }
    }
}

impl Section {
    /// A section of `kind` whose `label` opens `span`, at depth `level`, without children.
    pub fn new(
        kind: SectionKind,
        label: String,
        heading: Option<String>,
        level: u32,
        span: Span,
    ) -> Self {
        Self {
            kind,
            label,
            heading,
            level,
            span,
            children: Vec::new(),
        }
    }
}
