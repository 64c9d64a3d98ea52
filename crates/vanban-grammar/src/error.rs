//! Errors of the strict parsers, and the nom error type used inside the grammar.

use std::cmp::Ordering;
use std::fmt;

use nom::error::{ErrorKind, FromExternalError, ParseError as NomParseError};

use crate::lex::{line_end, line_start};

/// What a strict parser expected where it failed: one label per grammar rule, so callers can
/// match on it; `Display` gives the English phrase of the messages (`a document type code`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Expected {
    /// a document citation
    Citation,
    /// the end of the citation
    CitationEnd,
    /// a type word such as Nghị quyết, Chỉ thị, Quyết định
    TypeWord,
    /// a document number
    DocumentNumber,
    /// a document number such as 04-NQ/TW or 30/2020/NĐ-CP
    DocumentNumberExample,
    /// the end of the number
    NumberEnd,
    /// a document type code
    TypeCode,
    /// an issuer code
    IssuerCode,
    /// "/"
    Slash,
    /// a state document symbol
    StateSymbol,
    /// a state document symbol (TYPE-ISSUER)
    StateSymbolParts,
    /// the end of the symbol
    SymbolEnd,
    /// a shorter number
    ShorterNumber,
    /// a day
    Day,
    /// a month
    Month,
    /// a year
    Year,
    /// a date
    Date,
    /// a keyword
    Keyword,
    /// an issuing body
    IssuingBody,
    /// a joined issuer
    JoinedIssuer,
    /// a central body
    CentralBody,
    /// a term
    Term,
    /// a term number
    TermNumber,
    /// a number (XII, 12)
    Numeral,
    /// an ordinal
    Ordinal,
    /// a plenum
    Plenum,
    /// a plenum number
    PlenumNumber,
    /// a congress
    Congress,
    /// the end of the congress number
    CongressNumberEnd,
    /// a list separator
    ListSeparator,
    /// the name of a law
    LawName,
    /// "ngày"
    Ngay,
    /// "số"
    So,
}

impl Expected {
    /// The phrase used in messages: `a document type code`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Citation => "a document citation",
            Self::CitationEnd => "the end of the citation",
            Self::TypeWord => "a type word such as Nghị quyết, Chỉ thị, Quyết định",
            Self::DocumentNumber => "a document number",
            Self::DocumentNumberExample => "a document number such as 04-NQ/TW or 30/2020/NĐ-CP",
            Self::NumberEnd => "the end of the number",
            Self::TypeCode => "a document type code",
            Self::IssuerCode => "an issuer code",
            Self::Slash => "\"/\"",
            Self::StateSymbol => "a state document symbol",
            Self::StateSymbolParts => "a state document symbol (TYPE-ISSUER)",
            Self::SymbolEnd => "the end of the symbol",
            Self::ShorterNumber => "a shorter number",
            Self::Day => "a day",
            Self::Month => "a month",
            Self::Year => "a year",
            Self::Date => "a date",
            Self::Keyword => "a keyword",
            Self::IssuingBody => "an issuing body",
            Self::JoinedIssuer => "a joined issuer",
            Self::CentralBody => "a central body",
            Self::Term => "a term",
            Self::TermNumber => "a term number",
            Self::Numeral => "a number (XII, 12)",
            Self::Ordinal => "an ordinal",
            Self::Plenum => "a plenum",
            Self::PlenumNumber => "a plenum number",
            Self::Congress => "a congress",
            Self::CongressNumberEnd => "the end of the congress number",
            Self::ListSeparator => "a list separator",
            Self::LawName => "the name of a law",
            Self::Ngay => "\"ngày\"",
            Self::So => "\"số\"",
        }
    }
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Result of a grammar parser (public as [`crate::parsers::PResult`]).
pub type PResult<'a, T> = nom::IResult<&'a str, T, GrammarError<'a>>;

/// nom error that keeps the furthest failure and the labels of what was expected there.
///
/// Failures are the common case while scanning (most anchors are not citations), so the labels
/// live inline: no allocation per failed attempt.
///
/// Public as [`crate::parsers::Error`]: the error type of every parser of the crate, so they
/// compose with each other and with a user's own nom parsers.
#[derive(Debug, Clone, PartialEq)]
pub struct GrammarError<'a> {
    pub(crate) input: &'a str,
    labels: [Expected; 4],
    len: u8,
}

impl<'a> GrammarError<'a> {
    pub(crate) fn expected(input: &'a str, label: Expected) -> Self {
        let mut e = Self {
            input,
            labels: [Expected::Citation; 4],
            len: 0,
        };
        e.push(label);
        e
    }

    /// A failure without a label (the enclosing `context` names it).
    pub(crate) fn unlabelled(input: &'a str) -> Self {
        Self {
            input,
            labels: [Expected::Citation; 4],
            len: 0,
        }
    }

    fn push(&mut self, label: Expected) {
        if usize::from(self.len) < self.labels.len() && !self.labels().contains(&label) {
            self.labels[usize::from(self.len)] = label;
            self.len += 1;
        }
    }

    /// The input where the furthest branch failed (a suffix of what the parser was given).
    pub fn input(&self) -> &'a str {
        self.input
    }

    /// What was expected where the furthest branch failed (empty when the enclosing rule did
    /// not name it).
    pub fn labels(&self) -> &[Expected] {
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
                for &label in other.labels() {
                    merged.push(label);
                }
                merged
            }
        }
    }
}

/// Fail at `i` with `what` expected: a recoverable error, so an `alt` tries its next branch.
pub(crate) fn expected_at<'a, T>(i: &'a str, what: Expected) -> PResult<'a, T> {
    Err(nom::Err::Error(GrammarError::expected(i, what)))
}

/// label(what, p) = p, failing with `what` expected when `p` fails where it started (so the
/// innermost meaningful label wins). nom's `context` takes strings; the labels here are typed.
pub(crate) fn label<'a, O>(
    what: Expected,
    mut p: impl nom::Parser<&'a str, Output = O, Error = GrammarError<'a>>,
) -> impl FnMut(&'a str) -> PResult<'a, O> {
    move |input: &'a str| {
        p.parse(input).map_err(|e| {
            e.map(|mut other| {
                if input.len() == other.input.len() {
                    other.push(what);
                }
                other
            })
        })
    }
}

impl<'a, E> FromExternalError<&'a str, E> for GrammarError<'a> {
    fn from_external_error(input: &'a str, kind: ErrorKind, _e: E) -> Self {
        Self::from_error_kind(input, kind)
    }
}

/// A strict parse failed: where, and what was expected there.
///
/// `span` is the byte range of the input the failure points at (the character cluster at
/// `offset`, empty at the end of the input); `offset == span.start`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ParseError {
    /// Byte offset of the failure in the input.
    pub offset: usize,
    /// Byte range of the offending character cluster (starts at `offset`).
    pub span: std::ops::Range<usize>,
    /// What the grammar expected at `offset`, most specific first (never empty).
    pub expected: Vec<Expected>,
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
    /// A failure at byte `offset` of `src` (clamped to a character boundary).
    pub(crate) fn at(src: &str, offset: usize, expected: Vec<Expected>) -> Self {
        let mut offset = offset.min(src.len());
        while !src.is_char_boundary(offset) {
            offset -= 1;
        }
        let end = offset + crate::lex::chars::cluster_len(&src[offset..]);
        Self {
            offset,
            span: offset..end,
            expected,
        }
    }

    pub(crate) fn from_grammar(src: &str, err: &GrammarError<'_>) -> Self {
        let offset = src.len() - err.input.len();
        let expected = if err.labels().is_empty() {
            vec![Expected::Citation]
        } else {
            err.labels().to_vec()
        };
        Self::at(src, offset, expected)
    }

    /// The expected labels as their message phrases (what Python's `expected` lists).
    pub fn expected_labels(&self) -> Vec<&'static str> {
        self.expected.iter().map(|e| e.as_str()).collect()
    }

    /// Character offset of the failure (what Python and JSON users index with).
    pub fn char_offset(&self, src: &str) -> usize {
        src.get(..self.offset).map_or(0, |s| s.chars().count())
    }

    /// Line and character column of the failure; lines end at every line break of
    /// docs/formats.md §7.4 (LF, CR LF, lone CR, NEL, VT, FF, U+2028, U+2029).
    pub fn line_column(&self, src: &str) -> LineColumn {
        let offset = self.clamped(src);
        let start = line_start(src, offset);
        LineColumn {
            line: crate::lex::lines(&src[..start]).len(),
            column: src[start..offset].chars().count() + 1,
        }
    }

    /// `offset`, within `src` and on a character boundary (an error given another text).
    fn clamped(&self, src: &str) -> usize {
        let mut at = self.offset.min(src.len());
        while !src.is_char_boundary(at) {
            at -= 1;
        }
        at
    }

    /// The expected labels joined for a message: `a or b or c`.
    pub fn expected_message(&self) -> String {
        self.expected_labels().join(" or ")
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

    /// The message followed by the offending line and a caret under the failure. A long line
    /// is shown as a window of 40 characters either side of the caret (`…` marks the
    /// cuts), tabs as spaces, and the caret is placed by display width (wide characters take
    /// two columns, combining marks none), so it stands under the failure in a terminal.
    pub fn render(&self, src: &str) -> String {
        let lc = self.line_column(src);
        let offset = self.clamped(src);
        let (ls, le) = (line_start(src, offset), line_end(src, offset));
        let before = &src[ls..offset];
        let after = &src[offset..le];
        let cut_before = before.char_indices().rev().nth(WINDOW - 1).map(|(k, _)| k);
        let cut_after = after.char_indices().nth(WINDOW).map(|(k, _)| k);
        let mut shown = String::new();
        let mut width = 0;
        if let Some(k) = cut_before.filter(|&k| k > 0) {
            shown.push('…');
            width += 1;
            width += push_visible(&mut shown, &before[k..]);
        } else {
            width += push_visible(&mut shown, before);
        }
        push_visible(&mut shown, &after[..cut_after.unwrap_or(after.len())]);
        if cut_after.is_some() {
            shown.push('…');
        }
        let gutter = lc.line.to_string();
        let pad = " ".repeat(gutter.len());
        let caret = " ".repeat(width);
        format!(
            "{}\n{pad} |\n{gutter} | {shown}\n{pad} | {caret}^",
            self.message(src)
        )
    }
}

/// Characters shown either side of the caret by [`ParseError::render`].
pub(crate) const WINDOW: usize = 40;

/// Append `s` for display (a tab as four spaces, other control characters as U+FFFD) and
/// return its width in terminal columns.
fn push_visible(out: &mut String, s: &str) -> usize {
    use unicode_width::UnicodeWidthChar;
    let mut width = 0;
    for c in s.chars() {
        match c {
            '\t' => {
                out.push_str("    ");
                width += 4;
            }
            c if c.is_control() => {
                out.push('\u{FFFD}');
                width += 1;
            }
            c => {
                out.push(c);
                width += c.width().unwrap_or(0);
            }
        }
    }
    width
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
        let err = ParseError::at(src, offset, vec![Expected::TypeCode]);
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
        let err = ParseError::at(src, src.find("ZZ").unwrap(), vec![Expected::TermNumber]);
        assert_eq!(err.line_column(src), LineColumn { line: 2, column: 6 });
        for br in [
            "\r\n", "\r", "\u{2028}", "\u{85}", "\u{0B}", "\u{0C}", "\u{2029}",
        ] {
            let src = format!("Số 5{br}khoá ZZ");
            let err = ParseError::at(&src, src.find("ZZ").unwrap(), vec![Expected::TermNumber]);
            assert_eq!(
                err.line_column(&src),
                LineColumn { line: 2, column: 6 },
                "{br:?}"
            );
            assert!(
                err.render(&src).ends_with("2 | khoá ZZ\n  |      ^"),
                "{br:?}"
            );
        }
    }

    #[test]
    fn long_lines_show_a_window() {
        let src = format!(
            "{}03-XX/TU{}",
            "x ".repeat(5_000_000),
            "y".repeat(1_000_000)
        );
        let at = src.find("XX").unwrap();
        let err = ParseError::at(&src, at, vec![Expected::TypeCode]);
        let shown = err.render(&src);
        assert!(shown.len() < 400, "{} bytes", shown.len());
        let lines: Vec<&str> = shown.lines().collect();
        let caret = lines[3].find('^').unwrap();
        // Under `X`, counting display columns (the `…` is one column, three bytes).
        let row: Vec<char> = lines[2].chars().collect();
        assert_eq!(row[caret], 'X');
        assert_eq!(err.span, at..at + 1);
    }

    #[test]
    fn caret_stands_under_the_failure_after_tabs_and_wide_characters() {
        for prefix in ["\t\t", "中文 ", "한국어\t", "e\u{301}\u{301}", "😀 "] {
            let src = format!("{prefix}03-XX/TU");
            let err = ParseError::at(&src, src.find("XX").unwrap(), vec![Expected::TypeCode]);
            let shown = err.render(&src);
            let lines: Vec<&str> = shown.lines().collect();
            use unicode_width::UnicodeWidthStr;
            let row = lines[2];
            let x = row.find('X').unwrap();
            let caret = lines[3].find('^').unwrap();
            assert_eq!(
                row[..x].width(),
                lines[3][..caret].width(),
                "{prefix:?}\n{shown}"
            );
        }
    }
}
