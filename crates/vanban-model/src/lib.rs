//! Data types shared by every face of vanban (Rust, JSON, Python).
//!
//! The serde output of these types *is* the public schema: the CLI prints it as JSON and the Python
//! package's `to_dict()` returns it. Field order and names are part of the contract and are
//! snapshot-tested in `vanban-grammar`.
#![deny(missing_docs)]

mod citation;
pub mod report;

pub use citation::{Citation, CitationKind, DocNumber, KeyScope, Pinpoint, Relation, Resolution};
pub use report::{
    Author, Basis, Header, HeaderDate, HeaderNumber, Item, Person, Report, ReportKind, Section,
    SectionKind, Signature, Span, Timestamp,
};
