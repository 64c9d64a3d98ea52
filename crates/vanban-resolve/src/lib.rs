//! Document identity for vanban citations (docs/resolution.md).
//!
//! The grammar finds mentions; this crate says which document each one names: a `doc_key`
//! (equal keys, same document), its scope (`global`, or `text` when only the citing text
//! makes it unique), how it was found (`resolution`), and, through a bundled catalog of
//! central party documents, the document's title and date.
//!
//! ```
//! let text = "Thực hiện Chỉ thị số 05-CT/TW ngày 15-5-2016 của Bộ Chính trị … Chỉ thị 05 đã …";
//! let cites = vanban_resolve::extract_citations(text);
//! assert_eq!(cites[0].doc_key.as_deref(), Some("5-CT/TW@XII"));
//! assert_eq!(cites[1].doc_key, cites[0].doc_key);
//! assert_eq!(cites[1].resolution, Some(vanban_resolve::Resolution::Text));
//! ```

#![deny(missing_docs)]

mod catalog;
mod fold;
mod graph;
mod reference;
mod resolve;
mod series;
mod terms;

pub use catalog::{Catalog, Entry, catalog, central_key};
pub use graph::{Document, Edge, Graph, published};
pub use resolve::resolve_with;
pub use terms::{Term, parse_terms, roman, term_of_date, term_of_year, terms};
pub use vanban_grammar::ExtractOptions;
pub use vanban_grammar::model::{Citation, KeyScope, Resolution};

/// Fill the identity fields of `cites`, the citations the grammar found in `text` (in order),
/// with the bundled catalog.
pub fn resolve(text: &str, cites: &mut [Citation]) {
    resolve_with(text, cites, catalog());
}

/// Every citation of `text` with its document key: the grammar's `extract_citations` followed
/// by [`resolve`].
pub fn extract_citations(text: &str) -> Vec<Citation> {
    extract_citations_with(text, &ExtractOptions::default())
}

/// [`extract_citations`] with the grammar's options (references on or off).
///
/// ```
/// use vanban_resolve::{ExtractOptions, extract_citations_with};
/// let text = "Nghị quyết số 04-NQ/TW ngày 30-10-2016 … Nghị quyết này đã đi vào cuộc sống.";
/// let cites = extract_citations_with(text, &ExtractOptions::default().references(true));
/// assert_eq!(cites[1].text, "Nghị quyết này");
/// assert_eq!(cites[1].doc_key.as_deref(), Some("4-NQ/TW@XII"));
/// ```
pub fn extract_citations_with(text: &str, options: &ExtractOptions) -> Vec<Citation> {
    let mut cites = vanban_grammar::extract_citations_with(text, options);
    resolve(text, &mut cites);
    cites
}

/// Resolution of a long text read block by block (`vanban cite` reads texts over 4 MiB so,
/// docs/resolution.md "Long texts"): each block is resolved with a carry of earlier blocks'
/// mentions — one per distinct way of citing, at most [`Blocks::CARRY`] —, so a short form takes
/// the key of a full citation in an earlier block; text keys share one fingerprint of the whole
/// text; references stay inside their block. Memory holds the carry, not every citation.
pub struct Blocks {
    fingerprint: String,
    carry: Vec<Citation>,
    seen: std::collections::HashSet<u64, foldhash::fast::FixedState>,
}

impl Blocks {
    /// Most mentions carried from earlier blocks.
    pub const CARRY: usize = 4096;

    /// A resolver for the blocks of `text` (the whole text).
    pub fn new(text: &str) -> Self {
        Blocks {
            fingerprint: resolve::text_fingerprint(text),
            carry: Vec::new(),
            seen: Default::default(),
        }
    }

    /// [`Blocks::resolve`] on citations held elsewhere (a slice of a report's citations).
    pub fn resolve_slice(&mut self, text: &str, block_start: usize, cites: &mut [Citation]) {
        let empty = || {
            Citation::new(
                String::new(),
                (0, 0),
                (0, 0),
                vanban_grammar::CitationKind::Party,
            )
        };
        let mut block: Vec<Citation> = cites
            .iter_mut()
            .map(|c| std::mem::replace(c, empty()))
            .collect();
        self.resolve(text, block_start, &mut block);
        for (slot, c) in cites.iter_mut().zip(block) {
            *slot = c;
        }
    }

    /// Fill the identity fields of one block's citations (`cites`, with offsets into the whole
    /// `text`; the block starts at byte `block_start`).
    pub fn resolve(&mut self, text: &str, block_start: usize, cites: &mut Vec<Citation>) {
        use std::hash::{BuildHasher, Hash, Hasher};
        let n = self.carry.len();
        let mut all = std::mem::take(&mut self.carry);
        all.append(cites);
        let scope = resolve::Scope {
            fingerprint: Some(&self.fingerprint),
            block_start: Some(block_start),
        };
        resolve::resolve_in(text, &mut all, catalog(), &scope);
        *cites = all.split_off(n);
        self.carry = all;
        for c in cites.iter() {
            if self.carry.len() >= Self::CARRY {
                break;
            }
            if c.kind == vanban_grammar::model::CitationKind::Reference {
                continue;
            }
            // What identity reads of a citation (the same fields say the same document).
            let mut h = self.seen.hasher().build_hasher();
            (c.kind, c.number, c.term, c.year, c.plenum, c.congress).hash(&mut h);
            (&c.type_code, &c.doc_type, &c.issuer_code, &c.symbol).hash(&mut h);
            (&c.issuer, &c.date, &c.title, &c.subject).hash(&mut h);
            if self.seen.insert(h.finish()) {
                self.carry.push(c.clone());
            }
        }
    }
}

/// Where the blocks of a long text end (docs/resolution.md, "Long texts"): at the first
/// paragraph break (a line break, optional spaces, tabs or CRs, a line break) once a block holds
/// [`BlockCut::CITATIONS`], or after [`BlockCut::FORCED_FACTOR`] times as many in any case (a
/// paragraph of dense citations). `vanban cite` (which streams) and [`resolve_report`] cut the
/// same text into the same blocks, so both give its citations the same keys.
#[derive(Debug, Clone)]
pub struct BlockCut {
    citations: usize,
    /// Citations in the current block, and the farthest end among them.
    held: usize,
    last_end: usize,
}

impl BlockCut {
    /// Citations a block holds before it may end at a paragraph break. No real text has so
    /// many in one paragraph, nor most texts in all: they are resolved as one block.
    pub const CITATIONS: usize = 1024;

    /// A block of this many times [`BlockCut::CITATIONS`] ends without a paragraph break.
    pub const FORCED_FACTOR: usize = 4;

    /// A text longer than this (in bytes) is resolved in blocks; a shorter one whole.
    pub const LONG_TEXT: usize = 256 << 10;

    /// Blocks of at least `citations` citations (tests use small ones).
    pub fn new(citations: usize) -> Self {
        BlockCut {
            citations,
            held: 0,
            last_end: 0,
        }
    }

    /// `c`, the next citation of `text` in order, joins a block: `Some(start)` if a new block
    /// begins with it (`start`: the byte where the new block's text begins).
    pub fn next(&mut self, text: &str, c: &Citation) -> Option<usize> {
        let mut cut = None;
        if self.held >= self.citations {
            cut = match vanban_grammar::lex::paragraph_break(text, self.last_end, c.byte_start) {
                Some(after) => Some(after),
                None if self.held >= Self::FORCED_FACTOR * self.citations => Some(self.last_end),
                None => None,
            };
            if cut.is_some() {
                self.held = 0;
            }
        }
        self.held += 1;
        self.last_end = self.last_end.max(c.byte_end);
        cut
    }
}

/// Resolve `cites` (all of `text`'s, in order) block by block ([`BlockCut`], [`Blocks`]), in
/// place: resolution's working set is one block's, not every citation's.
fn resolve_in_blocks(text: &str, cites: &mut [Citation]) {
    let mut blocks = Blocks::new(text);
    let mut cut = BlockCut::new(BlockCut::CITATIONS);
    let (mut begin, mut block_start) = (0, 0);
    for k in 0..cites.len() {
        if let Some(at) = cut.next(text, &cites[k]) {
            blocks.resolve_slice(text, block_start, &mut cites[begin..k]);
            (begin, block_start) = (k, at);
        }
    }
    blocks.resolve_slice(text, block_start, &mut cites[begin..]);
}

/// The grammar's `parse_citation` with the citation's key (resolved on its own text).
pub fn parse_citation(text: &str) -> Result<Citation, vanban_grammar::ParseError> {
    let mut one = [vanban_grammar::parse_citation(text)?];
    resolve(text, &mut one);
    let [c] = one;
    Ok(c)
}

/// The grammar's `parse_report` with keys on its citations (and on the basis lines' copies).
pub fn parse_report(text: &str) -> vanban_grammar::model::Report {
    let mut report = vanban_grammar::parse_report(text);
    resolve_report(text, &mut report);
    report
}

/// Fill the identity fields of a report's citations (and of the basis lines' copies);
/// `text` is the text the report was parsed from.
pub fn resolve_report(text: &str, report: &mut vanban_grammar::model::Report) {
    if text.len() > BlockCut::LONG_TEXT {
        resolve_in_blocks(text, &mut report.citations);
    } else {
        resolve(text, &mut report.citations);
    }
    // The report's citations are in order of position: each copy is found by bisection (a
    // document of 40 000 basis lines must not compare every copy with every citation).
    let all = &report.citations;
    for basis in &mut report.basis {
        for c in &mut basis.citations {
            let at = all.partition_point(|r| r.byte_start < c.byte_start);
            if let Some(r) = all[at..]
                .iter()
                .take_while(|r| r.byte_start == c.byte_start)
                .next()
            {
                c.clone_from(r);
            }
        }
    }
}

#[cfg(test)]
mod block_tests {
    use super::*;

    #[test]
    fn blocks_end_at_a_paragraph_break_or_when_full() {
        let text = "Chỉ thị số 1-CT/TW, 2-CT/TW.\n\nChỉ thị số 3-CT/TW, 4-CT/TW, 5-CT/TW, \
                    6-CT/TW, 7-CT/TW, 8-CT/TW, 9-CT/TW, 10-CT/TW, 11-CT/TW, 12-CT/TW.";
        let cites = vanban_grammar::extract_citations(text);
        assert_eq!(cites.len(), 12);
        let mut cut = BlockCut::new(2);
        let starts: Vec<Option<usize>> = cites.iter().map(|c| cut.next(text, c)).collect();
        let para = text.find("\n\n").unwrap() + 2;
        // Two citations, then the paragraph break; then a full block of 2 × 4 without one.
        let mut want = vec![None; 12];
        want[2] = Some(para);
        want[10] = Some(cites[9].byte_end);
        assert_eq!(starts, want);
    }
}
