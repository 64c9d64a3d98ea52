//! Citations of party and state documents in running text.
//!
//! Extraction is two-phase (as in eyecite): an Aho-Corasick automaton finds the literal
//! anchors — type words (`Nghị quyết`, `Chỉ thị`, …) and slashes — in one pass, and the nom
//! grammar runs only around them. Each anchor costs bounded work, so extraction is linear.

mod act;
mod context;
pub(crate) mod date;
mod doctype;
pub(crate) mod issuer;
mod phrase;
mod pinpoint;
mod reference;
mod relation;
mod scan;
pub(crate) mod symbol;
pub(crate) mod term;

use nom::Parser;
use unicode_normalization::UnicodeNormalization;

use crate::error::{Expected, GrammarError, ParseError};
use crate::lex::{is_space, sp0};
use crate::source::{CharCounter, Source};
use vanban_model::{Citation, DocNumber};

use phrase::Item;

/// What `extract_citations_with` looks for beyond citations.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ExtractOptions {
    /// Also report references (`Nghị quyết này`, `Chỉ thị trên`, `văn bản này`) as citations of
    /// kind `reference` (docs/resolution.md). Off by default.
    pub references: bool,
}

impl ExtractOptions {
    /// The default options with references on or off.
    pub fn references(self, on: bool) -> Self {
        Self {
            references: on,
            ..self
        }
    }
}

/// Every citation in `text`, in order of position.
///
/// Offsets are exact for any input: text that is not NFC is normalised internally and spans are
/// mapped back, so `&text[c.byte_start..c.byte_end] == c.text` always holds.
pub fn extract_citations(text: &str) -> Vec<Citation> {
    extract_citations_with(text, &ExtractOptions::default())
}

/// [`extract_citations`] with options.
///
/// ```
/// use vanban_grammar::{ExtractOptions, extract_citations_with};
/// let text = "Nghị quyết số 04-NQ/TW … Nghị quyết này";
/// let cites = extract_citations_with(text, &ExtractOptions::default().references(true));
/// assert_eq!(cites[1].kind.as_str(), "reference");
/// ```
pub fn extract_citations_with(text: &str, options: &ExtractOptions) -> Vec<Citation> {
    let src = Source::new(text);
    let mut items = scan::scan(src.norm());
    annotate(src.norm(), &mut items);
    if options.references {
        let refs = reference::find(src.norm(), &items);
        if !refs.is_empty() {
            items.extend(refs);
            items.sort_by_key(|it| it.start);
        }
    }
    to_citations(&src, items)
}

/// The citations of a text already read into a [`Source`] (`parse_report` shares its own).
pub(crate) fn citations_in(src: &Source<'_>) -> Vec<Citation> {
    let mut items = scan::scan(src.norm());
    annotate(src.norm(), &mut items);
    to_citations(src, items)
}

/// What the text around the citations says of them: kind and codes from the citations around
/// a short form, the pinpoint before each (which moves its start), then the verb that governs it.
fn annotate(text: &str, items: &mut [Item]) {
    context::apply(text, items);
    let mut floor = 0;
    for item in items.iter_mut() {
        if item.start >= floor {
            pinpoint::attach(text, item, floor);
        }
        floor = floor.max(item.end);
    }
    relation::assign(text, items);
}

/// Build public citations: original text slices, character offsets (one pass over the text
/// since spans are sorted), subjects from the NFC view.
fn to_citations(src: &Source<'_>, items: Vec<Item>) -> Vec<Citation> {
    let original = src.orig();
    let mut chars = CharCounter::new(original);
    // A subject stops where the next numbered citation begins; an act named inside it stays
    // (`Nghị định … hướng dẫn thi hành Luật An toàn thực phẩm`).
    let mut starts: Vec<usize> = vec![usize::MAX; items.len()];
    let mut next = usize::MAX;
    for (k, it) in items.iter().enumerate().rev() {
        starts[k] = next;
        if it.kind != vanban_model::CitationKind::Act {
            next = it.start;
        }
    }
    let mut out = Vec::with_capacity(items.len());
    for (k, item) in items.into_iter().enumerate() {
        // Mapped even when the view is the original: a span never ends before the marks of
        // its last character (`05` + U+0301 is NFC, yet the mark belongs to the `5`).
        let (bs, be) = src.bytes(item.start, item.end);
        let start = chars.at(bs);
        let end = chars.at(be);
        // A subject stops where the next citation begins (`… về thực hiện Chỉ thị số 05-CT/TW …`).
        let next_start = starts[k];
        let subject = item.subject.and_then(|(s, e)| {
            let text = as_written(src, s, e.min(next_start.max(s)));
            let text = text.trim_end_matches(|c: char| is_space(c) || ",:;".contains(c));
            // Marks after a space map back to the cluster that holds the space (` ◌̽◌̖nâng`).
            let text = text.trim_matches(is_space);
            (!text.is_empty()).then(|| text.to_owned())
        });
        // A name is an identity: its white space (NBSP, a line break, two spaces) is one space.
        let title = item.title.map(|(s, e)| {
            let text = as_written(src, s, e);
            text.split(is_space)
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        });
        let mut c = Citation::new(
            original[bs..be].to_owned(),
            (start, end),
            (bs, be),
            item.kind,
        );
        c.doc_type = item.doc_type.map(str::to_owned);
        c.number = item.number;
        c.type_code = item.type_code;
        c.issuer_code = item.issuer_code;
        c.symbol = item.symbol;
        c.year = item.year;
        c.date = item.date;
        c.issuer = item.issuer;
        c.term = item.term;
        c.plenum = item.plenum;
        c.congress = item.congress;
        c.subject = subject;
        c.short = item.short;
        c.title = title;
        c.pinpoint = item.pinpoint;
        c.relation = item.relation;
        out.push(c);
    }
    out
}

/// The view's `s..e` as written, in NFC: the view also repairs spaces and `Ð`, which a subject
/// or a title keeps as typed.
fn as_written<'a>(src: &'a Source<'_>, s: usize, e: usize) -> std::borrow::Cow<'a, str> {
    let (original, scanned) = (src.orig(), src.norm());
    if std::ptr::eq(scanned, original) {
        return std::borrow::Cow::Borrowed(&scanned[s..e]);
    }
    let (os, oe) = src.bytes(s, e);
    std::borrow::Cow::Owned(original[os..oe].nfc().collect())
}

/// Parse `text` as exactly one citation (surrounding white space allowed).
///
/// ```
/// let c = vanban_grammar::parse_citation("Chỉ thị số 05-CT/TW ngày 15-5-2016 của Bộ Chính trị").unwrap();
/// assert_eq!(c.issuer.as_deref(), Some("Bộ Chính trị"));
/// assert!(vanban_grammar::parse_citation("Chỉ thị số 05-XX/TW").is_err());
/// ```
pub fn parse_citation(text: &str) -> Result<Citation, ParseError> {
    let src = Source::new(text);
    let trimmed_start = text.len() - text.trim_start_matches(is_space).len();
    let cites = citations_in(&src);
    match cites.as_slice() {
        [c] if c.byte_start == trimmed_start
            && text[c.byte_end..].trim_matches(is_space).is_empty() =>
        {
            Ok(c.clone())
        }
        [c, ..] if c.byte_start == trimmed_start => Err(ParseError::at(
            text,
            c.byte_end,
            vec![Expected::CitationEnd],
        )),
        // Explained on the NFC view, as the scanner read it, so NFC and NFD input get the same
        // error at the same (mapped) place.
        _ => {
            let norm = src.norm();
            let at = norm.len() - norm.trim_start_matches(is_space).len();
            Err(in_original(&src, citation_error(norm, at)))
        }
    }
}

/// An error found on the NFC view of `src`, placed in the original text.
fn in_original(src: &Source<'_>, e: ParseError) -> ParseError {
    ParseError::at(src.orig(), src.start(e.offset), e.expected)
}

/// Explain why `text` is not a citation: which part of the grammar failed, and where.
fn citation_error(text: &str, at: usize) -> ParseError {
    let rest = &text[at..];
    match doctype::type_word(rest, crate::lex::Match::Tone) {
        Ok((after, _)) => {
            // After the type word we expect `số` and a number: report the number's error.
            let num = (sp0, nom::combinator::opt((phrase_so, sp0)))
                .parse(after)
                .map_or(after, |(r, _)| r);
            number_error(text, text.len() - num.len())
        }
        Err(_) if rest.starts_with(|c: char| c.is_ascii_digit()) => number_error(text, at),
        Err(_) => ParseError::at(text, at, vec![Expected::TypeWord]),
    }
}

fn phrase_so(i: &str) -> crate::error::PResult<'_, ()> {
    static SO: std::sync::OnceLock<Vec<crate::lex::Folded>> = std::sync::OnceLock::new();
    let so = SO.get_or_init(|| crate::lex::fold_phrase("số"));
    let (r, _) = crate::lex::keyword(i, so, crate::lex::Match::Tone)?;
    let (r, _) = nom::combinator::opt((sp0, nom::character::complete::char(':'))).parse(r)?;
    Ok((r, ()))
}

fn number_error(text: &str, at: usize) -> ParseError {
    let sub = &text[at..];
    let err = match symbol::party_no(sub) {
        Err(nom::Err::Error(e) | nom::Err::Failure(e)) => {
            let state = symbol::state_no(sub).err().and_then(|e| match e {
                nom::Err::Error(e) | nom::Err::Failure(e) => Some(e),
                nom::Err::Incomplete(_) => None,
            });
            furthest(e, state)
        }
        _ => GrammarError::expected(sub, Expected::DocumentNumberExample),
    };
    ParseError::from_grammar(text, &err)
}

fn furthest<'a>(a: GrammarError<'a>, b: Option<GrammarError<'a>>) -> GrammarError<'a> {
    match b {
        Some(b) if b.input.len() < a.input.len() => b,
        _ => a,
    }
}

/// Parse `text` as exactly one document number (`04-NQ/TW`, `30/2020/NĐ-CP`).
///
/// ```
/// let n = vanban_grammar::parse_number("30/2020/NĐ-CP").unwrap();
/// assert_eq!((n.number, n.year, n.symbol.as_str()), (30, Some(2020), "NĐ-CP"));
/// let err = vanban_grammar::parse_number("03-XX/TU").unwrap_err();
/// assert_eq!(err.message("03-XX/TU"), "expected a document type code at line 1 column 4");
/// ```
pub fn parse_number(text: &str) -> Result<DocNumber, ParseError> {
    let source = Source::new(text);
    let src = source.norm();
    let rest = crate::lex::after_space(src);
    match symbol::doc_no(rest) {
        Ok((after, sym)) if after.trim_matches(is_space).is_empty() => {
            let mut n = DocNumber::new(sym.kind, sym.number, sym.issuer_code(), sym.symbol());
            n.type_code = sym.type_code();
            n.year = sym.year;
            Ok(n)
        }
        Ok((after, _)) => Err(in_original(
            &source,
            ParseError::at(src, src.len() - after.len(), vec![Expected::NumberEnd]),
        )),
        Err(_) => Err(in_original(
            &source,
            number_error(src, src.len() - rest.len()),
        )),
    }
}
