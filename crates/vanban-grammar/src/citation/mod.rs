//! Citation grammar (work in progress: being written now).
use crate::error::ParseError;
use vanban_model::{Citation, DocNumber};

/// Every citation in `text`, in order of position.
pub fn extract_citations(_text: &str) -> Vec<Citation> {
    Vec::new()
}

/// Parse `text` as exactly one citation.
pub fn parse_citation(_text: &str) -> Result<Citation, ParseError> {
    Err(ParseError { offset: 0, expected: vec!["a document citation"] })
}

/// Parse `text` as exactly one document number (`04-NQ/TW`, `30/2020/NĐ-CP`).
pub fn parse_number(_text: &str) -> Result<DocNumber, ParseError> {
    Err(ParseError { offset: 0, expected: vec!["a document number"] })
}
