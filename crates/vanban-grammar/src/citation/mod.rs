//! Citations of party and state documents in running text.
//!
//! Extraction is two-phase (as in eyecite): an Aho-Corasick automaton finds the literal
//! anchors — type words (`Nghị quyết`, `Chỉ thị`, …) and slashes — in one pass, and the nom
//! grammar runs only around them. Each anchor costs bounded work, so extraction is linear.

mod date;
mod doctype;
mod issuer;
mod phrase;
mod scan;
mod symbol;
mod term;

use nom::Parser;

use crate::error::{GrammarError, ParseError};
use crate::text::{needs_nfc, normalize, sp0};
use vanban_model::{Citation, DocNumber};

use phrase::Item;

/// Every citation in `text`, in order of position.
///
/// Offsets are exact for any input: NFD text is normalised internally and spans are mapped
/// back, so `&text[c.byte_start..c.byte_end] == c.text` always holds.
pub fn extract_citations(text: &str) -> Vec<Citation> {
    let Some(items) = scan::scan(text, true) else {
        let norm = normalize(text);
        let items = scan::scan(&norm.text, false).unwrap_or_default();
        let mapped = items
            .iter()
            .map(|it| (norm.start(it.start), norm.end(it.end)))
            .collect::<Vec<_>>();
        return to_citations(text, &norm.text, items, &mapped);
    };
    let spans = items
        .iter()
        .map(|it| (it.start, it.end))
        .collect::<Vec<_>>();
    to_citations(text, text, items, &spans)
}

/// Build public citations: original text slices, character offsets (one pass over the text
/// since spans are sorted), subjects from the scanned text.
fn to_citations(
    original: &str,
    scanned: &str,
    items: Vec<Item>,
    spans: &[(usize, usize)],
) -> Vec<Citation> {
    let mut chars_before = 0;
    let mut counted_to = 0;
    let mut char_offset = |byte: usize| {
        if byte >= counted_to {
            chars_before += original[counted_to..byte].chars().count();
        } else {
            chars_before -= original[byte..counted_to].chars().count();
        }
        counted_to = byte;
        chars_before
    };
    let starts: Vec<usize> = items.iter().map(|it| it.start).collect();
    let mut out = Vec::with_capacity(items.len());
    for (k, (item, &(bs, be))) in items.into_iter().zip(spans).enumerate() {
        let start = char_offset(bs);
        let end = char_offset(be);
        // A subject stops where the next citation begins (`… về thực hiện Chỉ thị số 05-CT/TW …`).
        let next_start = starts.get(k + 1).copied().unwrap_or(usize::MAX);
        let subject = item.subject.and_then(|(s, e)| {
            let e = e.min(next_start.max(s));
            let text = scanned[s..e]
                .trim_end_matches(|c: char| crate::text::is_space(c) || ",:;".contains(c));
            let text = text.trim_end_matches(|c: char| crate::text::is_space(c));
            (!text.is_empty()).then(|| text.to_owned())
        });
        out.push(Citation {
            text: original[bs..be].to_owned(),
            start,
            end,
            byte_start: bs,
            byte_end: be,
            kind: item.kind,
            doc_type: item.doc_type.map(str::to_owned),
            number: item.number,
            type_code: item.type_code,
            issuer_code: item.issuer_code,
            symbol: item.symbol,
            year: item.year,
            date: item.date,
            issuer: item.issuer,
            term: item.term,
            plenum: item.plenum,
            congress: item.congress,
            subject,
            short: item.short,
            doc_key: None,
            doc_key_scope: None,
            resolution: None,
            candidates: Vec::new(),
            doc_title: None,
            doc_date: None,
        });
    }
    out
}

/// Parse `text` as exactly one citation (surrounding white space allowed).
///
/// ```
/// let c = vanban_grammar::parse_citation("Chỉ thị số 05-CT/TW ngày 15-5-2016 của Bộ Chính trị").unwrap();
/// assert_eq!(c.issuer.as_deref(), Some("Bộ Chính trị"));
/// assert!(vanban_grammar::parse_citation("Chỉ thị số 05-XX/TW").is_err());
/// ```
pub fn parse_citation(text: &str) -> Result<Citation, ParseError> {
    let trimmed_start = text.len() - text.trim_start_matches(crate::text::is_space).len();
    let cites = extract_citations(text);
    match cites.as_slice() {
        [c] if c.byte_start == trimmed_start
            && text[c.byte_end..]
                .trim_matches(crate::text::is_space)
                .is_empty() =>
        {
            Ok(c.clone())
        }
        [c, ..] if c.byte_start == trimmed_start => Err(ParseError {
            offset: c.byte_end,
            expected: vec!["the end of the citation"],
        }),
        _ => Err(citation_error(text, trimmed_start)),
    }
}

/// Explain why `text` is not a citation: which part of the grammar failed, and where.
fn citation_error(text: &str, at: usize) -> ParseError {
    let rest = &text[at..];
    match doctype::type_word(rest, crate::text::Match::Tone) {
        Ok((after, _)) => {
            // After the type word we expect `số` and a number: report the number's error.
            let num = (sp0, nom::combinator::opt((phrase_so, sp0)))
                .parse(after)
                .map_or(after, |(r, _)| r);
            number_error(text, text.len() - num.len())
        }
        Err(_) if rest.starts_with(|c: char| c.is_ascii_digit()) => number_error(text, at),
        Err(_) => ParseError {
            offset: at,
            expected: vec!["a type word such as Nghị quyết, Chỉ thị, Quyết định"],
        },
    }
}

fn phrase_so(i: &str) -> crate::error::PResult<'_, ()> {
    let so = crate::text::fold_phrase("số");
    let (r, _) = crate::text::keyword(i, &so, crate::text::Match::Tone)?;
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
        _ => GrammarError::expected(sub, "a document number such as 04-NQ/TW or 30/2020/NĐ-CP"),
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
    let norm;
    let src = if needs_nfc(text) {
        norm = normalize(text).text;
        norm.as_str()
    } else {
        text
    };
    let (rest, _) = sp0(src).map_err(|_| ParseError {
        offset: 0,
        expected: vec!["a document number"],
    })?;
    match symbol::doc_no(rest) {
        Ok((after, sym)) if after.trim_matches(crate::text::is_space).is_empty() => Ok(DocNumber {
            kind: sym.kind,
            number: sym.number,
            symbol: sym.symbol(),
            type_code: sym.type_code(),
            issuer_code: sym.issuer_code(),
            year: sym.year,
        }),
        Ok((after, _)) => {
            let offset = src.len() - after.len();
            Err(ParseError {
                offset: map_offset(text, src, offset),
                expected: vec!["the end of the number"],
            })
        }
        Err(_) => {
            let e = number_error(src, src.len() - rest.len());
            Err(ParseError {
                offset: map_offset(text, src, e.offset),
                ..e
            })
        }
    }
}

/// Map an offset in the NFC copy back to the original (identity for NFC input).
fn map_offset(original: &str, normalized: &str, offset: usize) -> usize {
    if std::ptr::eq(original, normalized) {
        return offset;
    }
    let n = normalize(original);
    n.start(offset.min(n.text.len()))
}
