//! The extraction loop: one Aho-Corasick pass finds anchors, the grammar parses around them.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::doctype::{DocType, prefilter_patterns};
use super::phrase::{Item, from_slash, from_type_word};
use crate::text::is_word_char;

/// Slash-like characters other than `/` (searched only when the text has them).
const OTHER_SLASHES: [&str; 2] = ["\u{2044}", "\u{FF0F}"];

/// The type-word automaton and the type word of each of its patterns.
fn automaton() -> &'static (AhoCorasick, Vec<DocType>) {
    static A: OnceLock<(AhoCorasick, Vec<DocType>)> = OnceLock::new();
    A.get_or_init(|| {
        let (patterns, docs): (Vec<String>, Vec<DocType>) =
            prefilter_patterns().into_iter().unzip();
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .expect("the anchor patterns are valid");
        (automaton, docs)
    })
}

/// Positions of slashes in order: `/` by memchr (vectorised), the rare look-alikes merged in.
fn slashes(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut others: Vec<usize> = Vec::new();
    for s in OTHER_SLASHES {
        others.extend(memchr::memmem::find_iter(text.as_bytes(), s.as_bytes()));
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
    let (automaton, docs) = automaton();
    let mut words = automaton
        .find_iter(text)
        .map(|m| (m.start(), m.end(), docs[m.pattern().as_usize()]))
        .peekable();
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
