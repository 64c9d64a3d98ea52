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
    resolve(text, &mut report.citations);
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
