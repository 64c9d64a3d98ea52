//! References back to a document named elsewhere: `Nghị quyết này`, `Quy định này`,
//! `văn bản này`, `Chỉ thị trên`, `Nghị quyết nêu trên`. Found only when asked for
//! (`ExtractOptions::references`); what they name is decided by `vanban-resolve`
//! (docs/resolution.md, "References").
//!
//! ```text
//! reference = type_word SP ( "này" | ( "nêu" | "nói" | "đã nêu" ) SP "trên" | "trên" BOUNDARY )
//! BOUNDARY  = end | punctuation | SP ( "đã" | "được" | "là" | "có" | "và" | "của" | "thì" | … )
//! ```
//!
//! A bare `trên` is also the preposition *on* (`quyết định trên cơ sở …`), so it counts only before
//! a clause boundary or a verb. A plural (`các nghị quyết này`) names several documents and is
//! left out.

use memchr::memmem;
use vanban_model::CitationKind;

use super::doctype::type_word;
use super::phrase::Item;
use crate::lex::{Match, fold, is_space, is_word_char};

/// Words after a bare `trên` that show it ends the noun phrase (`Chỉ thị trên đã …`).
const AFTER_TREN: &[&str] = &[
    "đã", "được", "là", "có", "và", "của", "thì", "sẽ", "cũng", "vẫn", "nhằm", "ra", "đều", "nêu",
];

/// Words before a type word that make it plural.
const PLURAL: &[&str] = &["các", "những", "mọi", "hai", "ba"];

/// Every reference of `text` whose last word lies in `within` (byte spans), in order, outside
/// the spans of `taken` (sorted) and starting at `floor` or later.
pub(crate) fn find(
    text: &str,
    within: std::ops::Range<usize>,
    taken: &[Item],
    floor: usize,
) -> Vec<Item> {
    let mut hits: Vec<(usize, usize)> = Vec::new();
    let lo = within.start;
    for word in ["này", "trên"] {
        for at in memmem::find_iter(&text.as_bytes()[within.clone()], word.as_bytes()) {
            let at = lo + at;
            let end = at + word.len();
            let glued = text[..at].chars().next_back().is_some_and(is_word_char)
                || text[end..].chars().next().is_some_and(is_word_char);
            if !glued {
                hits.push((at, end));
            }
        }
    }
    hits.sort_unstable();
    let mut out = Vec::new();
    let mut k = 0;
    for (at, end) in hits {
        let Some((start, doc)) = type_word_before(text, at, end) else {
            continue;
        };
        if start < floor {
            continue;
        }
        // Not inside a citation already found.
        while k < taken.len() && taken[k].end <= start {
            k += 1;
        }
        if taken.get(k).is_some_and(|t| t.start < end) {
            continue;
        }
        out.push(Item::new(start, end, CitationKind::Reference, Some(doc)));
    }
    out
}

/// Split the text before `at` into its last few words (byte spans, last first), stopping at
/// punctuation or a line break.
fn words_before(text: &str, at: usize) -> Vec<(usize, usize)> {
    let mut spans = Vec::with_capacity(6);
    let mut end = at;
    let lo = at.saturating_sub(64);
    let lo = (lo..=at).find(|&k| text.is_char_boundary(k)).unwrap_or(at);
    for (k, c) in text[lo..at].char_indices().rev() {
        let k = lo + k;
        if is_word_char(c) {
            continue;
        }
        if end > k + c.len_utf8() {
            spans.push((k + c.len_utf8(), end));
        }
        if !is_space(c) || c == '\n' || spans.len() >= 6 {
            return spans;
        }
        end = k;
    }
    if end > lo && lo == 0 {
        spans.push((0, end));
    }
    spans
}

/// The type word that ends right before `này`/`trên` at `at` (with `nêu`/`nói`/`đã nêu` between
/// for `trên`): where it starts and what it is.
fn type_word_before(text: &str, at: usize, end: usize) -> Option<(usize, super::doctype::DocType)> {
    let words = words_before(text, at);
    let tren = is_word(&text[at..end], "trên");
    let mut skip = 0;
    if tren {
        let said = |n: usize, w: &str| words.get(n).is_some_and(|&(s, e)| is_word(&text[s..e], w));
        if said(0, "nêu") || said(0, "nói") {
            skip = 1 + usize::from(said(1, "đã"));
        } else if !ends_clause(&text[end..]) {
            return None;
        }
    }
    for len in (1..=4).rev() {
        let (Some(&(s, _)), Some(&(_, e))) = (words.get(skip + len - 1), words.get(skip)) else {
            continue;
        };
        let Ok((rest, doc)) = type_word(&text[s..e], Match::Tone) else {
            continue;
        };
        if !rest.is_empty() {
            continue;
        }
        let plural = words
            .get(skip + len)
            .is_some_and(|&(ps, pe)| PLURAL.iter().any(|p| is_word(&text[ps..pe], p)));
        return (!plural).then_some((s, doc));
    }
    None
}

/// `w` is the word `want` in any case and tone placement.
fn is_word(w: &str, want: &str) -> bool {
    let (a, b) = (fold(w), fold(want));
    a.base == b.base && a.tone == b.tone
}

/// After a bare `trên`: the end, punctuation, or a word that starts a predicate.
fn ends_clause(after: &str) -> bool {
    let rest = after.trim_start_matches(|c: char| is_space(c) && c != '\n');
    let Some(c) = rest.chars().next() else {
        return true;
    };
    if !is_word_char(c) || after.starts_with('\n') {
        return true;
    }
    let word: &str = rest.split(|c: char| !is_word_char(c)).next().unwrap_or("");
    AFTER_TREN.iter().any(|w| is_word(word, w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(text: &str) -> Vec<&str> {
        find(text, 0..text.len(), &[], 0)
            .iter()
            .map(|r| &text[r.start..r.end])
            .collect()
    }

    #[test]
    fn references_of_every_form() {
        assert_eq!(
            refs(
                "Thực hiện Nghị quyết này, Quy định này và văn bản này. Chỉ thị trên đã đi vào cuộc sống."
            ),
            [
                "Nghị quyết này",
                "Quy định này",
                "văn bản này",
                "Chỉ thị trên"
            ]
        );
        assert_eq!(refs("theo Nghị quyết nêu trên;"), ["Nghị quyết nêu trên"]);
        assert_eq!(refs("Kết luận đã nêu trên"), ["Kết luận đã nêu trên"]);
        assert_eq!(
            refs("NGHỊ QUYẾT NÀY"),
            Vec::<&str>::new(),
            "upper case is a heading"
        );
    }

    #[test]
    fn look_alikes_are_not_references() {
        for t in [
            "quyết định trên cơ sở đề xuất",
            "thông báo trên loa",
            "các nghị quyết này",
            "những quy định này",
            "Hội nghị này",
            "Nghị quyết nàyx",
            "ngày này năm trước",
        ] {
            assert_eq!(refs(t), Vec::<&str>::new(), "{t}");
        }
    }
}
