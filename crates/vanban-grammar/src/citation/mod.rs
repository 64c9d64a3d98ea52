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
    Stream::new(&src, options, SCOPE_ITEMS).collect_all()
}

/// Hand every citation in `text` to `each`, in order of position, as it is found: memory holds
/// the text and one scope of citations (docs/ARCHITECTURE.md, "Streaming"), whatever the number
/// of citations. `each` may stop the extraction by returning `ControlFlow::Break`. The citations
/// are those of [`extract_citations_with`], except in a paragraph of more than
/// [`SCOPE_MAX_ITEMS`] citations, which is read in scopes of that many (see there).
///
/// ```
/// use std::ops::ControlFlow;
/// use vanban_grammar::{ExtractOptions, for_each_citation};
/// let mut numbers = Vec::new();
/// for_each_citation("Chỉ thị số 05-CT/TW và Quy định 205-QĐ/TW", &ExtractOptions::default(), |c| {
///     numbers.push(c.number);
///     ControlFlow::Continue(())
/// });
/// assert_eq!(numbers, [Some(5), Some(205)]);
/// ```
pub fn for_each_citation(
    text: &str,
    options: &ExtractOptions,
    mut each: impl FnMut(Citation) -> std::ops::ControlFlow<()>,
) {
    let src = Source::new(text);
    for c in Stream::new(&src, options, SCOPE_ITEMS) {
        if each(c).is_break() {
            return;
        }
    }
}

/// The citations of a text already read into a [`Source`] (`parse_report` shares its own).
pub(crate) fn citations_in(src: &Source<'_>) -> Vec<Citation> {
    Stream::new(src, &ExtractOptions::default(), SCOPE_ITEMS).collect_all()
}

/// A scope holds at least this many citations before it may end at a paragraph break: the
/// scan's items are annotated scope by scope, so memory holds one scope, not every citation.
/// Nothing the grammar reads around a citation crosses a paragraph break (the short forms'
/// restatements are looked up inside their paragraph, docs/formats.md §4 "Kind from context"), so cutting there
/// changes no citation; a large scope keeps the per-scope work (a few small vectors) rare.
const SCOPE_ITEMS: usize = 512;

/// Most citations in one scope: a paragraph holding more (no real text does; a hostile one of
/// dense citations on one line may) is cut before a citation that is not nested in the one
/// before. Inside such a paragraph, a short form finds its restatement, and a list its shared
/// issuer, only inside its scope of this many citations, and a subject stops at the first
/// citation of the next scope.
pub const SCOPE_MAX_ITEMS: usize = 8 * SCOPE_ITEMS;

/// The citations of a [`Source`], built scope by scope as they are pulled.
///
/// Each step of the annotation (docs/formats.md §4: kind and codes from the citations around a
/// short form, the pinpoint before each, the verb that governs it, the subject cut where the
/// next citation begins) reads one scope and carries what it needs of the one before.
struct Stream<'s, 't, I: Iterator<Item = Vec<Item>>> {
    src: &'s Source<'t>,
    items: std::iter::Peekable<I>,
    references: bool,
    /// A scope of at least this many items ends at the next paragraph break.
    scope_items: usize,
    /// Where the next scope's stretch of text begins (references are looked for in it).
    from: usize,
    /// The farthest end of an item so far: items before it cannot hold a pinpoint.
    floor: usize,
    relation: Option<relation::Prev>,
    chars: CharCounter<'s>,
    ready: std::vec::IntoIter<Citation>,
    done: bool,
}

impl<'s, 't> Stream<'s, 't, Box<dyn Iterator<Item = Vec<Item>> + 's>> {
    fn new(src: &'s Source<'t>, options: &ExtractOptions, scope_items: usize) -> Self {
        Stream {
            src,
            items: (Box::new(scan::scan(src.norm())) as Box<dyn Iterator<Item = Vec<Item>> + 's>)
                .peekable(),
            references: options.references,
            scope_items: scope_items.max(1),
            from: 0,
            floor: 0,
            relation: None,
            chars: CharCounter::new(src),
            ready: Vec::new().into_iter(),
            done: false,
        }
    }
}

impl<I: Iterator<Item = Vec<Item>>> Stream<'_, '_, I> {
    /// The next scope's items, in order; empty at the end of the text. A scope ends between
    /// phrases (a list is never cut).
    fn scope(&mut self) -> Vec<Item> {
        let text = self.src.norm();
        let mut scope: Vec<Item> = Vec::new();
        // The farthest end in the scope, and the last start (items come in order of start).
        let (mut end, mut last_start) = (0, 0);
        while let Some(phrase) = self.items.peek() {
            let next = &phrase[0];
            if scope.len() >= self.scope_items
                && next.start >= end
                && (scope.len() >= SCOPE_MAX_ITEMS
                    || crate::lex::paragraph_break(text, last_start, next.start).is_some())
            {
                break;
            }
            let Some(mut phrase) = self.items.next() else {
                break;
            };
            for item in &phrase {
                (end, last_start) = (end.max(item.end), item.start);
            }
            scope.append(&mut phrase);
        }
        scope
    }

    /// Annotate one scope and turn it into public citations.
    fn build(&mut self, mut items: Vec<Item>) -> Vec<Citation> {
        let text = self.src.norm();
        let next = self.items.peek().map(|phrase| phrase[0].clone());
        let to = next.as_ref().map_or(text.len(), |n| n.start);
        let floor = self.floor;
        context::apply(text, &mut items);
        for item in items.iter_mut() {
            if item.start >= self.floor {
                pinpoint::attach(text, item, self.floor);
            }
            self.floor = self.floor.max(item.end);
        }
        relation::assign_after(text, &mut items, &mut self.relation);
        if self.references {
            let refs = reference::find(text, self.from..to, &items, floor);
            if !refs.is_empty() {
                items.extend(refs);
                items.sort_by_key(|it| it.start);
            }
        }
        self.from = to;
        // The subject of the scope's last citation stops where the next scope's first begins,
        // its pinpoint included (no subject runs across the paragraph break between them).
        let next_start = next.map_or(usize::MAX, |mut n| {
            if n.start >= self.floor {
                pinpoint::attach(text, &mut n, self.floor);
            }
            n.start
        });
        to_citations(self.src, &mut self.chars, items, next_start)
    }
}

impl<I: Iterator<Item = Vec<Item>>> Stream<'_, '_, I> {
    /// The next scope's citations; `None` after the last scope.
    fn next_scope(&mut self) -> Option<Vec<Citation>> {
        if self.done {
            return None;
        }
        let scope = self.scope();
        // The last (possibly empty) scope also reads the references after every citation.
        self.done = self.items.peek().is_none();
        Some(self.build(scope))
    }

    /// Every citation: most texts are one scope, whose vector is returned as built.
    fn collect_all(mut self) -> Vec<Citation> {
        let mut out = Vec::new();
        while let Some(mut scope) = self.next_scope() {
            if out.is_empty() {
                out = scope;
            } else {
                out.append(&mut scope);
            }
        }
        out
    }
}

impl<I: Iterator<Item = Vec<Item>>> Iterator for Stream<'_, '_, I> {
    type Item = Citation;

    fn next(&mut self) -> Option<Citation> {
        loop {
            if let Some(c) = self.ready.next() {
                return Some(c);
            }
            self.ready = self.next_scope()?.into_iter();
        }
    }
}

/// Build public citations: original text slices, character offsets (`chars` counts on from
/// the scopes before, since spans are sorted), subjects from the NFC view. `next_start`: where
/// the first citation after these begins.
fn to_citations(
    src: &Source<'_>,
    chars: &mut CharCounter<'_>,
    mut items: Vec<Item>,
    next_start: usize,
) -> Vec<Citation> {
    let original = src.orig();
    // A subject stops where the next numbered citation begins (`… về thực hiện Chỉ thị số
    // 05-CT/TW …`); an act named inside it stays (`Nghị định … hướng dẫn thi hành Luật An toàn
    // thực phẩm`).
    let mut next = next_start;
    for it in items.iter_mut().rev() {
        if let Some((s, e)) = &mut it.subject {
            *e = (*e).min(next.max(*s));
        }
        if it.cite.kind != vanban_model::CitationKind::Act {
            next = it.start;
        }
    }
    // Filled in place: an item holds its whole `Citation`.
    for item in &mut items {
        // Mapped even when the view is the original: a span never ends before the marks of
        // its last character (`05` + U+0301 is NFC, yet the mark belongs to the `5`).
        let (bs, be) = src.bytes(item.start, item.end);
        let c = &mut item.cite;
        c.text = original[bs..be].to_owned();
        (c.start, c.end) = (chars.at(bs), chars.at(be));
        (c.byte_start, c.byte_end) = (bs, be);
        c.subject = item.subject.and_then(|(s, e)| {
            let text = as_written(src, s, e);
            let text = text.trim_end_matches(|c: char| is_space(c) || ",:;".contains(c));
            // Marks after a space map back to the cluster that holds the space (` ◌̽◌̖nâng`).
            let text = text.trim_matches(is_space);
            (!text.is_empty()).then(|| text.to_owned())
        });
        // A name is an identity: its white space (NBSP, a line break, two spaces) is one space.
        c.title = item.title.map(|(s, e)| {
            let text = as_written(src, s, e);
            // Joined as it is split: no vector of words.
            let mut title = String::with_capacity(text.len());
            for w in text.split(is_space).filter(|w| !w.is_empty()) {
                if !title.is_empty() {
                    title.push(' ');
                }
                title.push_str(w);
            }
            title
        });
    }
    // A loop, not `map(..).collect()`: the collect copied each citation twice out of its box.
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        out.push(*item.cite);
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

#[cfg(test)]
mod stream_tests {
    use super::*;

    fn texts_under(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if p.is_dir() {
                texts_under(&p, out);
            } else if p.extension().is_some_and(|e| e == "txt") {
                if let Ok(text) = std::fs::read_to_string(&p) {
                    out.push((p.display().to_string(), text));
                }
            }
        }
    }

    /// One scope per text: the annotation of the whole text at once.
    fn whole(text: &str, options: &ExtractOptions) -> Vec<Citation> {
        let src = Source::new(text);
        Stream::new(&src, options, usize::MAX).collect_all()
    }

    fn scoped(text: &str, options: &ExtractOptions, scope: usize) -> Vec<Citation> {
        let src = Source::new(text);
        Stream::new(&src, options, scope).collect()
    }

    fn same_in_scopes(texts: &[(String, String)]) {
        for (name, text) in texts {
            for references in [false, true] {
                let options = ExtractOptions::default().references(references);
                let one = whole(text, &options);
                for scope in [1, 2, 3, 7, SCOPE_ITEMS] {
                    assert_eq!(
                        scoped(text, &options, scope),
                        one,
                        "{name}: scopes of {scope}, references {references}"
                    );
                }
            }
        }
    }

    /// Scopes end only at paragraph breaks (below `SCOPE_MAX_ITEMS`), so every fixture gives
    /// the citations of one scope, whatever the scope's least size: a grammar rule that read
    /// across a paragraph break (or a carry between scopes that went wrong) fails here.
    #[test]
    fn scopes_give_the_citations_of_the_whole_text() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut texts = Vec::new();
        texts_under(&root.join("tests/fixtures"), &mut texts);
        texts_under(&root.join("crates/vanban-cli/seed"), &mut texts);
        assert!(
            texts.len() >= 20,
            "fixtures not found under {}",
            root.display()
        );
        // Paragraphs of short forms before and after their full citations, lists across a
        // line break, references after a paragraph break, pinpoints and verbs at a paragraph's
        // start.
        texts.push((
            "paragraphs".into(),
            "Thực hiện Chỉ thị 05, Chỉ thị số 05-CT/TW của Bộ Chính trị.\n\n\
             Căn cứ khoản 2 Điều 5 Quyết định 99 và Quyết định số 99/QĐ-TTg.\n  \n\
             Nghị quyết này thay thế Nghị quyết số 04-NQ/TW, Nghị quyết 04.\n\n\
             Chỉ thị trên đã đi vào cuộc sống; Kết luận số 1, 2, 3-KL/TW và Kết luận 2.\n"
                .into(),
        ));
        same_in_scopes(&texts);
    }

    /// The same over the real corpus, when it is next to the repository.
    #[test]
    #[ignore = "needs ../shared/corpus"]
    fn scopes_give_the_citations_of_the_whole_text_on_a_corpus() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
        let mut texts = Vec::new();
        texts_under(&root, &mut texts);
        assert!(!texts.is_empty(), "no corpus at {}", root.display());
        same_in_scopes(&texts);
    }

    /// A paragraph of more than `SCOPE_MAX_ITEMS` citations is cut, and memory holds one scope:
    /// every citation is still found, in order, with its codes.
    #[test]
    fn a_huge_paragraph_is_read_in_bounded_scopes() {
        let n = 3 * SCOPE_MAX_ITEMS + 17;
        let text: String = (1..=n).map(|k| format!("{k}-NQ/TW ")).collect();
        let mut seen = 0;
        for_each_citation(&text, &ExtractOptions::default(), |c| {
            seen += 1;
            assert_eq!(c.number, Some(seen as u32));
            assert_eq!(c.symbol.as_deref(), Some("NQ/TW"));
            assert_eq!(c.text, format!("{seen}-NQ/TW"));
            std::ops::ControlFlow::Continue(())
        });
        assert_eq!(seen, n);
    }

    #[test]
    fn each_may_stop_the_extraction() {
        let text = "Chỉ thị số 05-CT/TW, Quy định 205-QĐ/TW, Kết luận 21-KL/TW";
        let mut seen = Vec::new();
        for_each_citation(text, &ExtractOptions::default(), |c| {
            seen.push(c.number);
            std::ops::ControlFlow::Break(())
        });
        assert_eq!(seen, [Some(5)]);
    }
}
