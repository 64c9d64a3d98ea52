//! Spelling-insensitive forms of names and subjects, for comparing, never for display. The
//! folding is the grammar's (`vanban_grammar::lex`, docs/formats.md §7.2); this module only
//! splits words and writes each syllable as one string.

use unicode_normalization::UnicodeNormalization;
use vanban_grammar::lex::{fold_char, is_word_char};

/// The combining tone marks in the grammar's order of tones (1–5: grave, acute, tilde, hook,
/// dot below), written after a folded syllable's letters.
const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Lower-case words with the tone moved to the end of its syllable, as its combining mark
/// (`Hoá`, `hóa` → `hoa` + U+0301; `Thừa` → `thưa` + U+0300), so old and new tone placement,
/// NFD input, `Ð` (U+00D0) and case all compare equal while `quận` and `quân` stay apart, and
/// a slug of folded words ([`ascii_letter`] skips marks) keeps only the letters. Words are
/// joined by one space; every character that is not a letter, digit or mark separates words.
pub(crate) fn syllables(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in words(s) {
        if !out.is_empty() {
            out.push(' ');
        }
        push_syllable(&mut out, word);
    }
    out
}

/// The folded syllables of `s`, one string each.
pub(crate) fn syllable_list(s: &str) -> Vec<String> {
    syllable_iter(s).collect()
}

/// The folded syllables of `s`, folded as they are taken (a caller that needs the first few
/// folds no more).
pub(crate) fn syllable_iter(s: &str) -> impl Iterator<Item = String> + '_ {
    words(s).map(|w| {
        let mut o = String::with_capacity(w.len() + 2);
        push_syllable(&mut o, w);
        o
    })
}

fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

fn push_syllable(out: &mut String, word: &str) {
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    let start = out.len();
    if !push_letters(out, word, false) {
        // NFD text (the texts' own words, outside the grammar's normalised view): composed
        // first, so that `ô` + tone folds like `ồ`.
        out.truncate(start);
        let composed: String = word.nfc().collect();
        push_letters(out, &composed, true);
    }
}

/// Push the folded letters of `word` and its tone; `false` (part pushed) on a combining mark
/// unless `marks` allows them (a word composed already: a mark NFC could not compose onto its
/// letter stays, a tone mark still gives the syllable's tone).
fn push_letters(out: &mut String, word: &str, marks: bool) -> bool {
    let mut tone = 0;
    for c in word.chars() {
        if is_mark(c) {
            if !marks {
                return false;
            }
            if let Some(k) = TONE_MARKS.iter().position(|&t| t == c) {
                tone = k as u8 + 1;
                continue;
            }
        }
        let (b, t) = fold_char(c);
        out.push(b);
        if t != 0 {
            tone = t;
        }
    }
    if tone > 0 {
        out.push(TONE_MARKS[usize::from(tone - 1)]);
    }
    true
}

/// A letter's base as a lower-case ASCII letter or digit (`Ấ` → `a`, `đ` → `d`, `7` → `7`), or
/// `None` for a character without one (marks, punctuation, other scripts).
pub(crate) fn ascii_letter(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase()).filter(char::is_ascii_alphanumeric);
    }
    let base = match fold_char(c).0 {
        b @ ('a'..='z' | '0'..='9') => b,
        'â' | 'ă' => 'a',
        'ê' => 'e',
        'ô' | 'ơ' => 'o',
        'ư' => 'u',
        'đ' => 'd',
        // Other Latin letters with marks (`ç`, `ñ`): their first decomposed character.
        b => b.nfd().next().filter(char::is_ascii_alphanumeric)?,
    };
    Some(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tone_placement_case_and_nfd_fold_together() {
        assert_eq!(syllables("Thanh Hoá"), syllables("thanh hóa"));
        assert_eq!(syllables("TỈNH ỦY"), syllables("Tỉnh uỷ"));
        let nfd: String = "Đồng Tháp".nfd().collect();
        assert_eq!(syllables(&nfd), syllables("đồng tháp"));
        assert_eq!(syllables("ÐẢNG"), syllables("Đảng"));
        assert_ne!(syllables("Quận ủy"), syllables("Quân ủy"));
        assert_ne!(syllables("số"), syllables("sở"));
        assert_eq!(syllables("Hà  Nội,"), "ha\u{300} nôi\u{323}");
        assert_eq!(
            syllable_list("Ban Chấp hành"),
            ["ban", "châp\u{301}", "hanh\u{300}"]
        );
    }

    #[test]
    fn ascii_letters_drop_every_mark() {
        let ascii: String = "Ấ đ Ð ư ơ ç 7 - 中 \u{301}"
            .chars()
            .filter_map(ascii_letter)
            .collect();
        assert_eq!(ascii, "adduoc7");
    }
}
