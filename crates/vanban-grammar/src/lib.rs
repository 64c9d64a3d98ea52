//! nom parsers for Vietnamese Communist Party and state documents.
//!
//! ```
//! use vanban_grammar::{extract_citations, model::CitationKind};
//!
//! let text = "Thực hiện Nghị quyết số 04-NQ/TW ngày 30-10-2016 của Ban Chấp hành Trung ương khoá XII về …";
//! let cites = extract_citations(text);
//! assert_eq!(cites.len(), 1);
//! let c = &cites[0];
//! assert_eq!(c.kind, CitationKind::Party);
//! assert_eq!((c.number, c.type_code.as_deref(), c.issuer_code.as_deref()), (Some(4), Some("NQ"), Some("TW")));
//! assert_eq!(c.date.as_deref(), Some("2016-10-30"));
//! assert_eq!(c.term, Some(12));
//! assert_eq!(&text[c.byte_start..c.byte_end], c.text);
//! ```

#![deny(missing_docs)]

pub use vanban_model as model;
pub use vanban_model::{Citation, CitationKind, DocNumber};

pub(crate) mod citation;
mod error;
pub mod lex;
mod lexicon;
pub mod parsers;
mod report;
mod source;

pub use citation::{
    ExtractOptions, SCOPE_MAX_ITEMS, extract_citations, extract_citations_with, for_each_citation,
    parse_citation, parse_number,
};
pub use error::{Expected, LineColumn, ParseError};
pub use report::parse_report;

/// The README's Rust examples run as doctests, so the documentation cannot drift from the code.
#[doc = include_str!("../../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
