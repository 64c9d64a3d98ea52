//! Type words (`Nghị quyết`, `Chỉ thị`, `Luật`…): the table, and the literal patterns the
//! prefilter searches for.

use std::sync::OnceLock;

use crate::error::PResult;
use crate::lex::{KeywordTable, Match, Syllables, capitalise, fold_phrase};

pub(crate) use crate::lexicon::DocType;

/// The type words of prose: the lexicon's spellings read in a citation phrase.
fn words() -> impl Iterator<Item = (&'static str, DocType)> {
    crate::lexicon::DOC_TYPES
        .iter()
        .filter(|(_, _, read)| read.prose())
        .map(|(w, d, _)| (*w, *d))
}

/// The type of an anchor word (every anchor is a type word).
fn anchor_doc(word: &str) -> Option<DocType> {
    words().find(|(w, _)| *w == word).map(|(_, d)| d)
}

fn table() -> &'static KeywordTable<DocType> {
    static TABLE: OnceLock<KeywordTable<DocType>> = OnceLock::new();
    TABLE.get_or_init(|| KeywordTable::new(words().map(|(w, d)| (fold_phrase(w), d)).collect()))
}

/// type_word = one of the lexicon's prose spellings (`lexicon::DOC_TYPES`), any case, either tone placement (longest wins)
pub(crate) fn type_word(i: &str, how: Match) -> PResult<'_, DocType> {
    let (rest, (d, _)) = table().longest(i, how)?;
    Ok((rest, d))
}

/// Could a type word start `phrase`? A test of its first letter, before any word is read.
pub(crate) fn may_start_type_word(phrase: &str) -> bool {
    phrase
        .chars()
        .next()
        .is_some_and(|c| table().has_first(crate::lex::fold_char(c).0))
}

/// Does a type word start `words`? (For parsers that match other tables at the same place.)
pub(crate) fn starts_type_word(words: &mut Syllables<'_>) -> bool {
    table().longest_in(words, Match::Tone, 1).is_some()
}

/// The type words that anchor a citation by themselves.
///
/// Only words that can start a citation without a symbol are anchors: short forms (`Chỉ thị 05`)
/// and plenum and congress resolutions. Every other citation carries a symbol, so its slash
/// anchors it and the type word is found by looking back; that is also how the rarer short-form
/// words (`qui định`, `bộ luật`, `công điện`) are read when numbered. Acts named without a
/// number add their own anchors (`ACT_ANCHORS`).
const ANCHORS: &[&str] = &[
    "nghị quyết",
    "quyết định",
    "quy định",
    "chỉ thị",
    "kết luận",
    "kế hoạch",
    "nghị định",
    "thông tư",
    "luật",
];

/// Type words of acts cited by name only (`Hiến pháp năm 2013`, `Điều lệ Đảng`): anchors with a
/// capital first letter (a name is cited with a capital; `điều lệ công ty` in lower case is
/// prose). `Luật` is an anchor above, and `Bộ luật` is found through it.
const ACT_ANCHORS: &[&str] = &["hiến pháp", "pháp lệnh", "điều lệ", "cương lĩnh"];

/// What a literal pattern of the prefilter stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pattern {
    /// The whole type word, as written (`nghị quyết`, `Nghị quyết`, `luật`).
    Word(DocType),
    /// The start of a type word in a casing the whole-word patterns do not list (`NGHỊ `,
    /// `Chỉ T` of `Chỉ THỊ`, `Nghị Q` of `Nghị Quyết`): [`anchor_at`] reads the word. `resume`:
    /// bytes from the match's end back to where the search goes on, so that a capital read
    /// ahead still starts its own match (`… nghị Quyết định số 5`).
    Start { resume: usize },
}

/// Literal spellings of the anchors, in every casing of their syllables (docs/formats.md §7.2)
/// with few patterns: the whole word in lower case (`nghị quyết`) and capitalised (`Nghị
/// quyết`); an upper-case first syllable and a space (`NGHỊ ` for `NGHỊ QUYẾT`, `NGHỊ quyết`);
/// a lower-case or capitalised first syllable, a space and a capital (`Nghị Q` for `Nghị
/// Quyết`, `nghị QUYẾT`). One searcher (Fat Teddy, up to 64 patterns) finds them all; white
/// space other than one space between the syllables is found by the scanner from the space's
/// side (`citation/scan.rs`).
pub(crate) fn prefilter_patterns() -> Vec<(String, Pattern)> {
    let mut out: Vec<(String, Pattern)> = Vec::new();
    let mut push = |p: String, what: Pattern| {
        if !out.iter().any(|(v, _)| *v == p) {
            out.push((p, what));
        }
    };
    let words = ANCHORS
        .iter()
        .map(|w| (*w, false))
        .chain(ACT_ANCHORS.iter().map(|w| (*w, true)));
    for (word, act) in words {
        let Some(doc) = anchor_doc(word) else {
            continue;
        };
        if !act {
            push(word.to_owned(), Pattern::Word(doc));
        }
        push(capitalise(word), Pattern::Word(doc));
        let Some((first, second)) = word.split_once(' ') else {
            push(word.to_uppercase(), Pattern::Word(doc));
            continue;
        };
        push(
            format!("{} ", first.to_uppercase()),
            Pattern::Start { resume: 0 },
        );
        let capital: String = second
            .chars()
            .take(1)
            .flat_map(char::to_uppercase)
            .collect();
        let firsts = if act {
            vec![capitalise(first)]
        } else {
            vec![first.to_owned(), capitalise(first)]
        };
        for f in firsts {
            push(
                format!("{f} {capital}"),
                Pattern::Start {
                    resume: capital.len(),
                },
            );
        }
    }
    out
}

fn anchor_table() -> &'static KeywordTable<(DocType, bool)> {
    static TABLE: OnceLock<KeywordTable<(DocType, bool)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let words = ANCHORS
            .iter()
            .map(|w| (*w, false))
            .chain(ACT_ANCHORS.iter().map(|w| (*w, true)));
        KeywordTable::new(
            words
                .filter_map(|(word, act)| Some((fold_phrase(word), (anchor_doc(word)?, act))))
                .collect(),
        )
    })
}

/// anchor = one of ANCHORS or ACT_ANCHORS at the start of `i`, any case in each syllable, any
/// white space between them (`sp`), acts with a capital: its length in bytes and its type.
pub(crate) fn anchor_at(i: &str) -> Option<(usize, DocType)> {
    let (rest, ((doc, act), _)) = anchor_table().longest(i, Match::Tone).ok()?;
    if act && !crate::lex::is_capitalised(i) {
        return None;
    }
    Some((i.len() - rest.len(), doc))
}

/// Could an anchor of two syllables start with the letter `c` (any case)?
pub(crate) fn may_start_anchor(c: char) -> bool {
    anchor_table().has_first(crate::lex::fold_char(c).0)
}

/// The first syllables of the two-syllable anchors (`nghị`, `quyết`, …), lower case.
pub(crate) fn anchor_first_syllables() -> impl Iterator<Item = &'static str> {
    ANCHORS
        .iter()
        .chain(ACT_ANCHORS)
        .filter_map(|w| Some(w.split_once(' ')?.0))
}

/// Could the second syllable of an anchor start with the letter `c` (any case)? This runs for
/// every line break, so ASCII letters are settled by a table built at compile time.
pub(crate) fn may_continue_anchor(c: char) -> bool {
    const ASCII: [bool; 128] = second_letters();
    if c.is_ascii() {
        return ASCII[c as usize];
    }
    let f = crate::lex::fold_char(c).0;
    ANCHORS.iter().chain(ACT_ANCHORS).any(|w| {
        w.split_once(' ')
            .is_some_and(|(_, second)| second.starts_with(f))
    })
}

/// The ASCII first letters (both cases) of the anchors' second syllables.
const fn second_letters() -> [bool; 128] {
    let mut table = [false; 128];
    let mut lists: [&[&str]; 2] = [ANCHORS, ACT_ANCHORS];
    let mut l = 0;
    while l < 2 {
        let list = lists[l];
        let mut k = 0;
        while k < list.len() {
            let bytes = list[k].as_bytes();
            let mut i = 0;
            while i + 1 < bytes.len() {
                if bytes[i] == b' ' && bytes[i + 1].is_ascii() {
                    let b = bytes[i + 1];
                    table[b as usize] = true;
                    table[b.to_ascii_uppercase() as usize] = true;
                    break;
                }
                i += 1;
            }
            k += 1;
        }
        l += 1;
    }
    lists[0] = &[];
    let _ = lists;
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_words_any_case() {
        for (s, name) in [
            ("Nghị quyết số", "Nghị quyết"),
            ("NGHỊ QUYẾT", "Nghị quyết"),
            ("Qui Định 41", "Quy định"),
            ("Thông báo kết luận số", "Thông báo"),
            ("Chương trình hành động số", "Chương trình"),
            ("Thông tư liên tịch số", "Thông tư liên tịch"),
        ] {
            assert_eq!(type_word(s, Match::Tone).unwrap().1.name, Some(name), "{s}");
        }
        assert!(type_word("Kềt luận", Match::Tone).is_err());
        assert_eq!(
            type_word("Kềt luận", Match::Loose).unwrap().1.name,
            Some("Kết luận")
        );
        assert_eq!(type_word("văn bản số", Match::Tone).unwrap().1.name, None);
    }

    #[test]
    fn patterns_cover_every_casing() {
        let p = prefilter_patterns();
        // Every casing of each syllable starts with a pattern, and `anchor_at` reads the word.
        for w in [
            "nghị quyết",
            "Nghị quyết",
            "Nghị Quyết",
            "NGHỊ QUYẾT",
            "NGHỊ quyết",
            "NGHỊ Quyết",
            "nghị QUYẾT",
            "Nghị QUYẾT",
            "nghị Quyết",
            "Chỉ THỊ",
            "Kế Hoạch",
            "Quy Định",
            "luật",
            "LUẬT",
            "KẾT LUẬN",
            "Hiến Pháp",
            "ĐIỀU LỆ",
        ] {
            assert!(p.iter().any(|(x, _)| w.starts_with(x.as_str())), "{w}");
            assert_eq!(anchor_at(w).map(|(n, _)| n), Some(w.len()), "{w}");
        }
        assert!(!p.iter().any(|(x, _)| x == "văn bản" || x == "báo cáo"));
        assert!(p.iter().any(|(x, _)| x == "Điều lệ"));
        assert!(!p.iter().any(|(x, _)| x.starts_with("điều")));
        assert_eq!(anchor_at("điều lệ công ty"), None);
        assert_eq!(
            anchor_at("Nghị\tquyết số").map(|(n, _)| n),
            Some("Nghị\tquyết".len())
        );
        assert!(p.len() <= 64, "{} patterns", p.len());
    }
}
