//! Errors of the strict parsers, and the nom error type used inside the grammar.

use std::cmp::Ordering;
use std::fmt;

use nom::error::{ContextError, ErrorKind, FromExternalError, ParseError as NomParseError};

/// Result of an internal parser.
pub(crate) type PResult<'a, T> = nom::IResult<&'a str, T, GrammarError<'a>>;

/// nom error that keeps the furthest failure and the labels of what was expected there.
///
/// Failures are the common case while scanning (most anchors are not citations), so the labels
/// live inline: no allocation per failed attempt.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GrammarError<'a> {
    pub(crate) input: &'a str,
    labels: [&'static str; 4],
    len: u8,
}

impl<'a> GrammarError<'a> {
    pub(crate) fn expected(input: &'a str, label: &'static str) -> Self {
        let mut e = Self {
            input,
            labels: [""; 4],
            len: 0,
        };
        e.push(label);
        e
    }

    /// A failure without a label (the enclosing `context` names it).
    pub(crate) fn unlabelled(input: &'a str) -> Self {
        Self {
            input,
            labels: [""; 4],
            len: 0,
        }
    }

    fn push(&mut self, label: &'static str) {
        if usize::from(self.len) < self.labels.len() && !self.labels().contains(&label) {
            self.labels[usize::from(self.len)] = label;
            self.len += 1;
        }
    }

    /// What was expected where the furthest branch failed.
    pub(crate) fn labels(&self) -> &[&'static str] {
        &self.labels[..usize::from(self.len)]
    }
}

impl<'a> NomParseError<&'a str> for GrammarError<'a> {
    fn from_error_kind(input: &'a str, _kind: ErrorKind) -> Self {
        Self::unlabelled(input)
    }

    fn append(_input: &'a str, _kind: ErrorKind, other: Self) -> Self {
        other
    }

    /// `alt` calls this when every branch failed: keep the branch that got furthest.
    fn or(self, other: Self) -> Self {
        match self.input.len().cmp(&other.input.len()) {
            Ordering::Less => self,
            Ordering::Greater => other,
            Ordering::Equal => {
                let mut merged = self;
                for label in other.labels() {
                    merged.push(label);
                }
                merged
            }
        }
    }
}

impl<'a> ContextError<&'a str> for GrammarError<'a> {
    /// Label a failure only when it happened where the labelled rule started, so the
    /// innermost meaningful label wins.
    fn add_context(input: &'a str, label: &'static str, mut other: Self) -> Self {
        if input.len() == other.input.len() {
            other.push(label);
        }
        other
    }
}

impl<'a, E> FromExternalError<&'a str, E> for GrammarError<'a> {
    fn from_external_error(input: &'a str, kind: ErrorKind, _e: E) -> Self {
        Self::from_error_kind(input, kind)
    }
}

/// A strict parse failed: where, and what was expected there.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ParseError {
    /// Byte offset of the failure in the input.
    pub offset: usize,
    /// What the grammar expected at `offset`, most specific first (never empty).
    pub expected: Vec<&'static str>,
}

/// A position in a text, counted in characters (Unicode scalar values) from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LineColumn {
    /// Line number, from 1.
    pub line: usize,
    /// Column number in characters, from 1.
    pub column: usize,
}

impl ParseError {
    pub(crate) fn from_grammar(src: &str, err: &GrammarError<'_>) -> Self {
        let offset = src.len() - err.input.len();
        let expected = if err.labels().is_empty() {
            vec!["a document citation"]
        } else {
            err.labels().to_vec()
        };
        Self { offset, expected }
    }

    /// Character offset of the failure (what Python and JSON users index with).
    pub fn char_offset(&self, src: &str) -> usize {
        src.get(..self.offset).map_or(0, |s| s.chars().count())
    }

    /// Line and character column of the failure.
    pub fn line_column(&self, src: &str) -> LineColumn {
        let before = src.get(..self.offset).unwrap_or(src);
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        LineColumn {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }

    /// The expected labels joined for a message: `a or b or c`.
    pub fn expected_message(&self) -> String {
        self.expected.join(" or ")
    }

    /// One-line message: `expected a document type code at line 1 column 4`.
    pub fn message(&self, src: &str) -> String {
        let lc = self.line_column(src);
        format!(
            "expected {} at line {} column {}",
            self.expected_message(),
            lc.line,
            lc.column
        )
    }

    /// The message followed by the offending line and a caret under the failure column.
    pub fn render(&self, src: &str) -> String {
        let lc = self.line_column(src);
        let line_start = src
            .get(..self.offset)
            .and_then(|s| s.rfind('\n'))
            .map_or(0, |i| i + 1);
        let line_end = src[line_start..]
            .find('\n')
            .map_or(src.len(), |i| line_start + i);
        let line = src[line_start..line_end].trim_end_matches('\r');
        let gutter = lc.line.to_string();
        let pad = " ".repeat(gutter.len());
        let caret = " ".repeat(lc.column - 1);
        format!(
            "{}\n{pad} |\n{gutter} | {line}\n{pad} | {caret}^",
            self.message(src)
        )
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "expected {} at byte {}",
            self.expected_message(),
            self.offset
        )
    }
}

impl std::error::Error for ParseError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let src = "Nghị quyết số 03-XX/TU";
        let offset = src.find("XX").unwrap();
        let err = ParseError {
            offset,
            expected: vec!["a document type code"],
        };
        assert_eq!(
            err.line_column(src),
            LineColumn {
                line: 1,
                column: 18
            }
        );
        assert_eq!(err.char_offset(src), 17);
        assert_eq!(
            err.render(src),
            "expected a document type code at line 1 column 18\n  |\n1 | Nghị quyết số 03-XX/TU\n  |                  ^"
        );
    }

    #[test]
    fn second_line() {
        let src = "Số 5\nkhoá ZZ";
        let err = ParseError {
            offset: src.find("ZZ").unwrap(),
            expected: vec!["a term number"],
        };
        assert_eq!(err.line_column(src), LineColumn { line: 2, column: 6 });
    }
}
