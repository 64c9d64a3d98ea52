//! The extraction loop: literal scans find anchors, the grammar parses around them.
//!
//! Two kinds of anchor, merged in text order: slashes, found by memchr (every document number
//! contains one), and the type words that can start a citation without a symbol, found by a
//! SIMD multi-pattern searcher (Teddy, from the aho-corasick crate) with an Aho-Corasick DFA as
//! the fallback where the CPU lacks the instructions. Each anchor costs bounded work.

use std::sync::OnceLock;

use super::act;
use super::doctype::{DocType, prefilter_patterns};
use super::phrase::{Item, from_slash, from_type_word};
use crate::lex::{Literals, is_word_char};

/// The type-word searcher and the type word of each of its patterns. Fat Teddy (16 buckets,
/// AVX2) verifies fewer false candidates with this many patterns than the slim form: 1.4 against
/// 1.1 GB/s on the corpus.
fn searcher() -> &'static (Literals, Vec<DocType>) {
    static S: OnceLock<(Literals, Vec<DocType>)> = OnceLock::new();
    S.get_or_init(|| {
        let (patterns, docs): (Vec<String>, Vec<DocType>) =
            prefilter_patterns().into_iter().unzip();
        (Literals::new(&patterns, true), docs)
    })
}

/// Type words as `(start, end, type)`, in order.
fn type_words(text: &str) -> impl Iterator<Item = (usize, usize, DocType)> + '_ {
    let (searcher, docs) = searcher();
    searcher
        .find_iter(text)
        .map(move |(start, end, id)| (start, end, docs[id]))
}

/// Positions of slashes in order (`/` and the look-alikes `⁄`, `／`).
struct Slashes<'a> {
    bytes: &'a [u8],
    /// Where the search for the next `/` resumes.
    pos: usize,
    /// The rare look-alikes, found up front (one more pass; see `other_slashes`).
    others: std::iter::Peekable<std::vec::IntoIter<usize>>,
    next_plain: Option<usize>,
}

impl<'a> Slashes<'a> {
    fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        Self {
            bytes,
            pos: 0,
            others: other_slashes(bytes).into_iter().peekable(),
            next_plain: None,
        }
    }

    /// The next slash, without consuming it.
    fn peek(&mut self) -> Option<usize> {
        match (self.plain(), self.others.peek()) {
            (Some(a), Some(&b)) => Some(a.min(b)),
            (a, b) => a.or(b.copied()),
        }
    }

    fn plain(&mut self) -> Option<usize> {
        if self.next_plain.is_none() && self.pos < self.bytes.len() {
            match memchr::memchr(b'/', &self.bytes[self.pos..]) {
                Some(k) => {
                    self.next_plain = Some(self.pos + k);
                    self.pos += k + 1;
                }
                None => self.pos = self.bytes.len(),
            }
        }
        self.next_plain
    }
}

impl Iterator for Slashes<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let at = self.peek()?;
        if self.next_plain == Some(at) {
            self.next_plain = None;
        } else {
            self.others.next();
        }
        Some(at)
    }
}

/// `⁄` (E2 81 84) and `／` (EF BC 8F): they end in 84 or start with EF, two bytes Vietnamese text
/// almost never holds, so one memchr pass finds both.
fn other_slashes(bytes: &[u8]) -> Vec<usize> {
    memchr::memchr2_iter(0x84, 0xEF, bytes)
        .filter_map(|k| match bytes[k] {
            0x84 if k >= 2 && bytes[k - 2..k] == [0xE2, 0x81] => Some(k - 2),
            0xEF if bytes.get(k + 1..k + 3) == Some(&[0xBC, 0x8F]) => Some(k),
            _ => None,
        })
        .collect()
}

/// An anchor: a type word (start, end, type), or a slash.
enum Anchor {
    TypeWord(usize, usize, DocType),
    Slash(usize),
}

/// All citations in a text (an NFC view, see `Source`), as byte spans, in order.
pub(crate) fn scan(text: &str) -> Vec<Item> {
    let mut words = type_words(text).peekable();
    let mut slashes = Slashes::new(text);
    let mut out: Vec<Item> = Vec::new();
    // Bytes before `floor` belong to citations already found.
    let mut floor = 0;
    loop {
        let anchor = match (words.peek(), slashes.peek()) {
            (Some(&(w, _, _)), Some(s)) if s < w => slashes.next().map(Anchor::Slash),
            (Some(_), _) => words.next().map(|(a, b, d)| Anchor::TypeWord(a, b, d)),
            (None, _) => slashes.next().map(Anchor::Slash),
        };
        let Some(anchor) = anchor else { break };
        let found = match anchor {
            Anchor::TypeWord(at, after, doc) if at >= floor => {
                // A type word is a whole word: `luật` in `kỷ luật` is one, in `…xluật` or
                // `luậtx` not.
                // `tạiQuyết định số …` lost its space: a capital after a lower-case letter.
                let glued = (text[..at].chars().next_back().is_some_and(is_word_char)
                    && !crate::lex::is_lost_space(
                        &text[..at],
                        text[at..].chars().next().unwrap_or(' '),
                    ))
                    || text[after..].chars().next().is_some_and(is_word_char);
                if glued {
                    None
                } else if act::is_act_word(doc) {
                    // A law's name ends where the act grammar says, numbered or not.
                    act::from_type_word(text, at, after, doc, floor)
                        .or_else(|| from_type_word(text, at, after, doc))
                } else {
                    from_type_word(text, at, after, doc)
                }
            }
            Anchor::Slash(at) if at >= floor => from_slash(text, at, floor),
            _ => None,
        };
        if let Some(found) = found {
            floor = found.resume;
            out.extend(found.items);
        }
    }
    out
}
