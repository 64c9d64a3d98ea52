//! The extraction loop: literal scans find anchors, the grammar parses around them.
//!
//! Two kinds of anchor, merged in text order: slashes, found by memchr (every document number
//! contains one), and the type words that can start a citation without a symbol, found by a
//! SIMD multi-pattern searcher (Teddy, from the aho-corasick crate) with an Aho-Corasick DFA as
//! the fallback where the CPU lacks the instructions. Each anchor costs bounded work.

use std::sync::OnceLock;

use super::act;
use super::doctype::{
    DocType, Pattern, anchor_at, anchor_first_syllables, may_continue_anchor, may_start_anchor,
    prefilter_patterns,
};
use super::phrase::{Item, from_slash, from_type_word};
use crate::lex::{Literals, is_space, is_word_char};

/// The type-word searcher and what each of its patterns stands for. Fat Teddy (16 buckets,
/// AVX2) verifies fewer false candidates with this many patterns than the slim form: 1.4 against
/// 1.1 GB/s on the corpus.
fn searcher() -> &'static (Literals, Vec<Pattern>) {
    static S: OnceLock<(Literals, Vec<Pattern>)> = OnceLock::new();
    S.get_or_init(|| {
        let (patterns, what): (Vec<String>, Vec<Pattern>) =
            prefilter_patterns().into_iter().unzip();
        (Literals::new(&patterns, true), what)
    })
}

/// Type words as `(start, end, type)`, in order of start: the literal search, and the words
/// whose syllables white space other than one space separates (`Nghị⇥quyết`, `Chỉ⏎thị`,
/// `Kết  luận`), found from the space's side. A start found twice is given once.
fn type_words(text: &str) -> impl Iterator<Item = (usize, usize, DocType)> + '_ {
    let mut literal = literal_type_words(text).peekable();
    let mut spaced = spaced_type_words(text).peekable();
    let mut last = None;
    std::iter::from_fn(move || {
        loop {
            let next = match (literal.peek(), spaced.peek()) {
                (Some(a), Some(b)) if b.0 < a.0 => spaced.next(),
                (Some(_), _) => literal.next(),
                (None, _) => spaced.next(),
            }?;
            if last != Some(next.0) {
                last = Some(next.0);
                return Some(next);
            }
        }
    })
}

/// The literal search. A match that only starts a type word is read by `anchor_at`; the search
/// goes on after each match (or inside it, see `Pattern::Start`), so matches may overlap.
fn literal_type_words(text: &str) -> impl Iterator<Item = (usize, usize, DocType)> + '_ {
    let (searcher, what) = searcher();
    let mut from = 0;
    std::iter::from_fn(move || {
        loop {
            let (start, end, id) = searcher.find_at(text, from)?;
            match what[id] {
                Pattern::Word(doc) => {
                    from = end;
                    return Some((start, end, doc));
                }
                Pattern::Start { resume } => {
                    from = end - resume;
                    if let Some((len, doc)) = anchor_at(&text[start..]) {
                        return Some((start, start + len, doc));
                    }
                }
            }
        }
    })
}

/// Type words of two syllables with white space between them other than one U+0020: a tab, a
/// line break (`lex::is_line_break`), two spaces, any other `lex::is_space`. Candidates are the
/// white space characters other than U+0020 and the double spaces, found by byte search; a byte
/// test on each side rules out most (a line end, as a rule), and `anchor_at` reads the word
/// before the rest.
fn spaced_type_words(text: &str) -> impl Iterator<Item = (usize, usize, DocType)> + '_ {
    let bytes = text.as_bytes();
    // Lead bytes of the white space characters but U+0020 that the view may hold: 09–0D, C2
    // (NEL, NBSP), E2 (U+2000–200B, 2028, 2029, 202F, 205F). U+1680, U+3000 and U+FEFF, which
    // would cost a pass each, are left to the view's repairs (`Source::with_repairs`).
    // `spaced_at`'s first test, made inside each search: most candidates are line ends after
    // a full stop, and a candidate ruled out here never reaches the merge below.
    let before = byte_before();
    let ok = move |k: &usize| {
        k.checked_sub(1)
            .is_some_and(|b| before[usize::from(bytes[b])])
    };
    let mut searches: [Box<dyn Iterator<Item = usize> + '_>; 4] = [
        Box::new(memchr::memchr3_iter(b'\t', b'\n', b'\r', bytes).filter(ok)),
        Box::new(memchr::memchr3_iter(0x0B, 0x0C, 0xC2, bytes).filter(ok)),
        Box::new(memchr::memchr_iter(0xE2, bytes).filter(ok)),
        Box::new(memchr::memmem::find_iter(bytes, "  ").filter(ok)),
    ];
    let mut heads: [Option<usize>; 4] = std::array::from_fn(|_| None);
    for (head, search) in heads.iter_mut().zip(searches.iter_mut()) {
        *head = search.next();
    }
    let mut last_word = usize::MAX;
    std::iter::from_fn(move || {
        loop {
            let (k, at) = heads
                .iter()
                .enumerate()
                .filter_map(|(k, h)| h.map(|at| (k, at)))
                .min_by_key(|&(_, at)| at)?;
            heads[k] = searches[k].next();
            if let Some(found) = spaced_at(text, at, &mut last_word) {
                return Some(found);
            }
        }
    })
}

/// Last bytes (UTF-8) of the first syllables of two-syllable anchors in lower and upper case,
/// and of the ASCII white space before a candidate (`Nghị ⇥quyết`): `spaced_at`'s first test.
fn byte_before() -> &'static [bool; 256] {
    static SET: OnceLock<[bool; 256]> = OnceLock::new();
    SET.get_or_init(|| {
        let mut set = [false; 256];
        for first in anchor_first_syllables() {
            for w in [first.to_owned(), first.to_uppercase()] {
                if let Some(&b) = w.as_bytes().last() {
                    set[usize::from(b)] = true;
                }
            }
        }
        for b in [b' ', b'\t', b'\n', 0x0B, 0x0C, b'\r'] {
            set[usize::from(b)] = true;
        }
        set
    })
}

/// The type word whose syllables the white space at byte `at` separates, if any. `last_word`:
/// the start of the word last tried (a run of white space holds several candidates).
fn spaced_at(text: &str, at: usize, last_word: &mut usize) -> Option<(usize, usize, DocType)> {
    let bytes = text.as_bytes();
    // Byte tests first: the last byte of a first syllable (`nghị`, `quyết`, `thông`) or ASCII
    // white space before (a run with other white space is found from its first character), then the first letter of a second syllable (`quyết`, `định`, `thị`,
    // …) where the white space ends.
    let before = usize::from(*bytes.get(at.checked_sub(1)?)?);
    if !byte_before()[before] {
        return None;
    }
    let rest = text.get(at..)?;
    if !rest.starts_with(is_space) {
        return None;
    }
    let next = rest
        .chars()
        .take(crate::lex::MAX_SPACE + 1)
        .find(|&c| !is_space(c))?;
    if !may_continue_anchor(next) {
        return None;
    }
    // Back over the white space (as much as `sp` reads), then over the first syllable.
    let head = &text[..at];
    let mut word_end = at;
    for (k, c) in head.char_indices().rev().take(crate::lex::MAX_SPACE) {
        if !is_space(c) {
            break;
        }
        word_end = k;
    }
    let mut word_start = word_end;
    for (k, c) in text[..word_end].char_indices().rev().take(8) {
        if !is_word_char(c) {
            break;
        }
        word_start = k;
    }
    if word_start == word_end || word_start == *last_word {
        return None;
    }
    *last_word = word_start;
    let first = text[word_start..].chars().next()?;
    if !may_start_anchor(first) {
        return None;
    }
    let (len, doc) = anchor_at(&text[word_start..])?;
    // Two syllables, the white space between them.
    (word_start + len > at).then_some((word_start, word_start + len, doc))
}

/// Positions of slashes in order (`/` and the look-alikes `⁄`, `／`).
struct Slashes<'a> {
    bytes: &'a [u8],
    /// Where the search for the next `/` resumes.
    pos: usize,
    /// The rare look-alikes, found by a second search (see `other_slashes`).
    others: std::iter::Peekable<Box<dyn Iterator<Item = usize> + 'a>>,
    next_plain: Option<usize>,
}

impl<'a> Slashes<'a> {
    fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        Self {
            bytes,
            pos: 0,
            others: other_slashes(bytes).peekable(),
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
fn other_slashes(bytes: &[u8]) -> Box<dyn Iterator<Item = usize> + '_> {
    Box::new(
        memchr::memchr2_iter(0x84, 0xEF, bytes).filter_map(|k| match bytes[k] {
            0x84 if k >= 2 && bytes[k - 2..k] == [0xE2, 0x81] => Some(k - 2),
            0xEF if bytes.get(k + 1..k + 3) == Some(&[0xBC, 0x8F]) => Some(k),
            _ => None,
        }),
    )
}

/// An anchor: a type word (start, end, type), or a slash.
enum Anchor {
    TypeWord(usize, usize, DocType),
    Slash(usize),
}

/// All citations in a text (an NFC view, see `Source`), as byte spans, in order, found as the
/// iterator is pulled, a phrase at a time (a list is one phrase of several items, never empty):
/// the scan holds a few positions, never the list of citations.
pub(crate) fn scan(text: &str) -> impl Iterator<Item = Vec<Item>> + '_ {
    let mut words = type_words(text).peekable();
    let mut slashes = Slashes::new(text);
    // Bytes before `floor` belong to citations already found.
    let mut floor = 0;
    std::iter::from_fn(move || {
        loop {
            let anchor = match (words.peek(), slashes.peek()) {
                (Some(&(w, _, _)), Some(s)) if s < w => slashes.next().map(Anchor::Slash),
                (Some(_), _) => words.next().map(|(a, b, d)| Anchor::TypeWord(a, b, d)),
                (None, _) => slashes.next().map(Anchor::Slash),
            }?;
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
                if !found.items.is_empty() {
                    return Some(found.items);
                }
            }
        }
    })
}
