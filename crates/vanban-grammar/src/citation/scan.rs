//! The extraction loop: one Aho-Corasick pass finds anchors, the grammar parses around them.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::doctype::prefilter_patterns;
use super::phrase::{Item, from_slash, from_type_word};
use crate::text::is_word_char;

/// Slash-like anchors; every document number contains one.
const SLASHES: [&str; 3] = ["/", "\u{2044}", "\u{FF0F}"];

struct Anchors {
    automaton: AhoCorasick,
    /// Patterns with an index below this are type words; the rest are slashes.
    type_words: usize,
}

fn anchors() -> &'static Anchors {
    static A: OnceLock<Anchors> = OnceLock::new();
    A.get_or_init(|| {
        let mut patterns = prefilter_patterns();
        let type_words = patterns.len();
        patterns.extend(SLASHES.iter().map(|s| (*s).to_owned()));
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .expect("the anchor patterns are valid");
        Anchors {
            automaton,
            type_words,
        }
    })
}

/// All citations in an NFC text, as byte spans, in order.
pub(crate) fn scan(text: &str) -> Vec<Item> {
    let a = anchors();
    let mut out: Vec<Item> = Vec::new();
    // Bytes before `floor` belong to citations already found.
    let mut floor = 0;
    for m in a.automaton.find_iter(text) {
        if m.start() < floor {
            continue;
        }
        let found = if m.pattern().as_usize() < a.type_words {
            // A type word must start a word: `luật` inside `kỷ luật` starts one, `…xluật` does not.
            let glued = text[..m.start()]
                .chars()
                .next_back()
                .is_some_and(is_word_char);
            if glued {
                None
            } else {
                from_type_word(text, m.start())
            }
        } else {
            from_slash(text, m.start(), floor)
        };
        if let Some(found) = found {
            floor = found.resume;
            out.extend(found.items);
        }
    }
    out
}
