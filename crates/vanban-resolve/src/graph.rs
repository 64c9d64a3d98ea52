//! A whole archive's citation graph: which documents are cited, how often, by which texts
//! (docs/resolution.md, "Graph"). Text keys stay per text by construction (their fingerprint),
//! so a graph of many texts never merges two texts' local documents.

use std::collections::{BTreeMap, HashMap};

use crate::series::FastMap;

use serde::Serialize;
use vanban_grammar::model::{Citation, CitationKind, KeyScope, Relation};

/// One cited document: its key and what the mentions and the catalog say about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// The document key.
    pub key: String,
    /// `global` or `text`.
    pub scope: KeyScope,
    /// The catalog's title, else the shortest subject (of three words or more) a mention gives.
    pub title: Option<String>,
    /// The type word (`Nghị quyết`) of the first mention that names one.
    pub doc_type: Option<String>,
    /// The issuer of the first mention that names one.
    pub issuer: Option<String>,
    /// The catalog's date, else the first date a mention gives.
    pub date: Option<String>,
    /// Mentions across the archive.
    pub mentions: usize,
    /// Texts that cite it.
    pub files: usize,
    /// Those texts, in the order they were added.
    pub citing_files: Vec<String>,
}

/// One edge: a text cites a document (all mentions of that document in the text folded into
/// one edge, per relation).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edge {
    /// The citing text's name.
    pub file: String,
    /// The cited document's key.
    pub key: String,
    /// `global` or `text`.
    pub scope: KeyScope,
    /// What the citing text does with the document (`basis` for `Căn cứ …`, `implements`,
    /// `replaces`, …) when the grammar says; null otherwise. A text that cites a document in
    /// two ways has one edge per relation.
    pub relation: Option<Relation>,
    /// Mentions of the document in the text.
    pub mentions: usize,
    /// Character offset of the first mention.
    pub first_start: usize,
    /// The citing text's publication date (ISO), when the caller knows it.
    pub published: Option<String>,
}

/// A text's publication date (ISO day): an article's timestamp, else a formal document's header
/// date. Runs the structure parser (`parse_report`), so it costs about ten extractions.
pub fn published(text: &str) -> Option<String> {
    let r = vanban_grammar::parse_report(text);
    r.published
        .map(|p| p.chars().take(10).collect())
        .or_else(|| r.header.and_then(|h| h.date).and_then(|d| d.iso))
}

/// A citation graph built text by text.
#[derive(Debug, Default)]
pub struct Graph {
    docs: Vec<Document>,
    by_key: HashMap<String, usize>,
    /// Whether a document's title is the catalog's (then no subject replaces it).
    catalogued: Vec<bool>,
    edges: Vec<Edge>,
    /// Mentions per document key and year of the citing text.
    by_year: BTreeMap<(i32, usize), usize>,
    unresolved: usize,
}

impl Graph {
    /// An empty graph.
    pub fn new() -> Self {
        Self::default()
    }

    /// Add one text's resolved citations; `published` is its ISO date when known.
    pub fn add(&mut self, file: &str, published: Option<&str>, cites: &[Citation]) {
        let year = published
            .and_then(|p| p.get(..4))
            .and_then(|y| y.parse().ok());
        let mut edges: Vec<Edge> = Vec::new();
        // This text's edges by document and relation, and the documents it has counted.
        let mut edge_of: FastMap<(usize, Option<Relation>), usize> = FastMap::default();
        let mut seen_here: FastMap<usize, ()> = FastMap::default();
        for c in cites {
            let (Some(key), Some(scope)) = (&c.doc_key, c.doc_key_scope) else {
                self.unresolved += 1;
                continue;
            };
            let d = *self.by_key.entry(key.clone()).or_insert_with(|| {
                self.docs.push(Document {
                    key: key.clone(),
                    scope,
                    title: None,
                    doc_type: None,
                    issuer: None,
                    date: None,
                    mentions: 0,
                    files: 0,
                    citing_files: Vec::new(),
                });
                self.catalogued.push(false);
                self.docs.len() - 1
            });
            let doc = &mut self.docs[d];
            doc.mentions += 1;
            if seen_here.insert(d, ()).is_none() {
                doc.files += 1;
                doc.citing_files.push(file.to_owned());
            }
            if c.doc_title.is_some() {
                doc.title.clone_from(&c.doc_title);
                self.catalogued[d] = true;
            } else if !self.catalogued[d]
                && c.kind != CitationKind::Congress
                && c.subject.as_ref().is_some_and(|s| {
                    s.split_whitespace().count() >= 3
                        && doc.title.as_ref().is_none_or(|t| s.len() < t.len())
                })
            {
                // The shortest subject of three words or more: long ones run into the prose.
                doc.title.clone_from(&c.subject);
            }
            if doc.doc_type.is_none() && c.kind != CitationKind::Reference {
                doc.doc_type.clone_from(&c.doc_type);
            }
            if doc.issuer.is_none() {
                doc.issuer.clone_from(&c.issuer);
            }
            if c.doc_date.is_some() {
                doc.date.clone_from(&c.doc_date);
            } else if doc.date.is_none() {
                doc.date.clone_from(&c.date);
            }
            if let Some(y) = year {
                *self.by_year.entry((y, d)).or_default() += 1;
            }
            let relation = c.relation;
            match edge_of.get(&(d, relation)) {
                Some(&e) => edges[e].mentions += 1,
                None => {
                    edge_of.insert((d, relation), edges.len());
                    edges.push(Edge {
                        file: file.to_owned(),
                        key: key.clone(),
                        scope,
                        relation,
                        mentions: 1,
                        first_start: c.start,
                        published: published.map(str::to_owned),
                    });
                }
            }
        }
        self.edges.extend(edges);
    }

    /// The documents, most cited first (then by key).
    pub fn documents(&self) -> Vec<&Document> {
        let mut d: Vec<&Document> = self.docs.iter().collect();
        d.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.key.cmp(&b.key)));
        d
    }

    /// The edges, in the order the texts were added.
    pub fn edges(&self) -> &[Edge] {
        &self.edges
    }

    /// Mentions per year of the citing texts (texts without a date left out), for `key`, or for
    /// all documents when `key` is `None`.
    pub fn mentions_per_year(&self, key: Option<&str>) -> BTreeMap<i32, usize> {
        let want = key.map(|k| self.by_key.get(k).copied());
        let mut out = BTreeMap::new();
        for (&(y, d), &n) in &self.by_year {
            if want.is_none_or(|w| w == Some(d)) {
                *out.entry(y).or_default() += n;
            }
        }
        out
    }

    /// Citations that had no key (ambiguous or unidentified).
    pub fn unresolved(&self) -> usize {
        self.unresolved
    }
}
