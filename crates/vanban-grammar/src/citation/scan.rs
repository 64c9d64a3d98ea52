//! The extraction loop: literal scans find anchors, the grammar parses around them.
//!
//! Two kinds of anchor, merged in text order: slashes, found by memchr (every document number
//! contains one), and the type words that can start a citation without a symbol, found by a
//! SIMD multi-pattern searcher (Teddy, from the aho-corasick crate) with an Aho-Corasick DFA as
//! the fallback where the CPU lacks the instructions. Each anchor costs bounded work.

use std::sync::OnceLock;

use aho_corasick::packed;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::doctype::{DocType, prefilter_patterns};
use super::phrase::{Item, from_slash, from_type_word};
use crate::text::is_word_char;

/// Slash-like characters other than `/` (searched only when the text has them).
const OTHER_SLASHES: [&str; 2] = ["\u{2044}", "\u{FF0F}"];

/// The type-word searcher: Teddy when the CPU supports it (several times faster on this text),
/// else a DFA. Both report the leftmost, first-listed pattern.
enum Searcher {
    Packed(packed::Searcher),
    Dfa(AhoCorasick),
}

/// The searcher and the type word of each of its patterns.
fn searcher() -> &'static (Searcher, Vec<DocType>) {
    static S: OnceLock<(Searcher, Vec<DocType>)> = OnceLock::new();
    S.get_or_init(|| {
        let (patterns, docs): (Vec<String>, Vec<DocType>) =
            prefilter_patterns().into_iter().unzip();
        // Fat Teddy (16 buckets, AVX2) verifies fewer false candidates with this many
        // patterns than the slim form: 1.4 against 1.1 GB/s on the corpus.
        let teddy = |fat| {
            packed::Config::new()
                .only_teddy_fat(fat)
                .builder()
                .extend(&patterns)
                .build()
        };
        let searcher = match teddy(Some(true)).or_else(|| teddy(None)) {
            Some(teddy) => Searcher::Packed(teddy),
            None => Searcher::Dfa(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostFirst)
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&patterns)
                    .expect("the anchor patterns are valid"),
            ),
        };
        (searcher, docs)
    })
}

/// Type words as `(start, end, type)`, in order.
fn type_words(text: &str) -> Box<dyn Iterator<Item = (usize, usize, DocType)> + '_> {
    let (searcher, docs) = searcher();
    let entry = |start: usize, end: usize, id: usize| (start, end, docs[id]);
    match searcher {
        Searcher::Packed(s) => Box::new(
            s.find_iter(text)
                .map(move |m| entry(m.start(), m.end(), m.pattern().as_usize())),
        ),
        Searcher::Dfa(a) => Box::new(
            a.find_iter(text)
                .map(move |m| entry(m.start(), m.end(), m.pattern().as_usize())),
        ),
    }
}

/// Positions of slashes in order: `/` by memchr (vectorised), the rare look-alikes merged in.
fn slashes(text: &str) -> impl Iterator<Item = usize> + '_ {
    static FINDERS: OnceLock<Vec<memchr::memmem::Finder<'static>>> = OnceLock::new();
    let finders = FINDERS.get_or_init(|| {
        OTHER_SLASHES
            .iter()
            .map(memchr::memmem::Finder::new)
            .collect()
    });
    let mut others: Vec<usize> = Vec::new();
    for f in finders {
        others.extend(f.find_iter(text.as_bytes()));
    }
    others.sort_unstable();
    let mut plain = memchr::memchr_iter(b'/', text.as_bytes()).peekable();
    let mut others = others.into_iter().peekable();
    std::iter::from_fn(move || match (plain.peek(), others.peek()) {
        (Some(&a), Some(&b)) if b < a => others.next(),
        (Some(_), _) => plain.next(),
        (None, _) => others.next(),
    })
}

/// An anchor: a type word (start, end, type), or a slash.
enum Anchor {
    TypeWord(usize, usize, DocType),
    Slash(usize),
}

/// All citations in an NFC text, as byte spans, in order.
pub(crate) fn scan(text: &str) -> Vec<Item> {
    let mut words = type_words(text).peekable();
    let mut slashes = slashes(text).peekable();
    let anchors = std::iter::from_fn(|| match (words.peek(), slashes.peek()) {
        (Some(&(w, _, _)), Some(&s)) if s < w => slashes.next().map(Anchor::Slash),
        (Some(_), _) => words.next().map(|(a, b, d)| Anchor::TypeWord(a, b, d)),
        (None, _) => slashes.next().map(Anchor::Slash),
    });
    let mut out: Vec<Item> = Vec::new();
    // Bytes before `floor` belong to citations already found.
    let mut floor = 0;
    for anchor in anchors {
        let found = match anchor {
            Anchor::TypeWord(at, after, doc) if at >= floor => {
                // A type word is a whole word: `luật` in `kỷ luật` is one, in `…xluật` or
                // `luậtx` not.
                let glued = text[..at].chars().next_back().is_some_and(is_word_char)
                    || text[after..].chars().next().is_some_and(is_word_char);
                if glued {
                    None
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
