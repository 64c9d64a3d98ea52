//! Spelling-insensitive forms of names and subjects, for comparing, never for display.

use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

/// The tone marks of Vietnamese (grave, acute, hook, tilde, dot below), as combining characters.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];

/// Lower-case words with the tone moved to the end of its syllable as a digit (`Hoá`, `hóa` →
/// `hoa2`; `Thừa` → `thưa1`), so old and new tone placement, NFD input, `Ð` (U+00D0) and case
/// all compare equal while `quận` and `quân` stay apart. Words are joined by one space; every
/// character that is not a letter or digit separates words.
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
        let mut o = String::with_capacity(w.len() + 1);
        push_syllable(&mut o, w);
        o
    })
}

fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

/// Letters, digits and combining marks make words; the rest separates them. ASCII and the
/// precomposed Latin letters are answered from the table, the rest by Unicode's tables.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match letter(c) {
        Some(_) => true,
        None => c.is_alphanumeric() || is_mark(c),
    }
}

fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// The two blocks of precomposed Latin letters Vietnamese uses: Latin-1 Supplement to Latin
/// Extended-B, and Latin Extended Additional (ạ … ỹ).
const BLOCKS: [(u32, u32); 2] = [(0xC0, 0x24F), (0x1E00, 0x1EFF)];

/// A precomposed Latin letter → its lower-case base letter without tone, and the tone's
/// index + 1 (0: none); `None` for other characters. Two arrays indexed by code point, built
/// once.
fn letter(c: char) -> Option<(char, u8)> {
    static T: OnceLock<[Vec<(char, u8)>; 2]> = OnceLock::new();
    let code = c as u32;
    let k = BLOCKS
        .iter()
        .position(|&(lo, hi)| (lo..=hi).contains(&code))?;
    let tables = T.get_or_init(|| {
        BLOCKS.map(|(lo, hi)| {
            (lo..=hi)
                .map(|cp| {
                    let Some(c) = char::from_u32(cp).filter(|c| c.is_alphabetic()) else {
                        return ('\0', 0);
                    };
                    let mut slow = String::new();
                    let tone = slow_syllable(&mut slow, c.encode_utf8(&mut [0; 4]));
                    let mut chars = slow.chars();
                    match (chars.next(), chars.next()) {
                        (Some(b), None) => (b, tone.map_or(0, |k| k as u8 + 1)),
                        _ => ('\0', 0),
                    }
                })
                .collect()
        })
    });
    let e = tables[k][(code - BLOCKS[k].0) as usize];
    (e.0 != '\0').then_some(e)
}

/// A precomposed Latin letter's base as a lower-case ASCII letter (`Ấ` → `a`, `đ` → `d`), or
/// `None` for a letter without one (and for any other character).
pub(crate) fn ascii_letter(c: char) -> Option<char> {
    static T: OnceLock<[Vec<u8>; 2]> = OnceLock::new();
    let code = c as u32;
    let k = BLOCKS
        .iter()
        .position(|&(lo, hi)| (lo..=hi).contains(&code))?;
    let tables = T.get_or_init(|| {
        BLOCKS.map(|(lo, hi)| {
            (lo..=hi)
                .map(|cp| {
                    let c = char::from_u32(cp).unwrap_or('\0');
                    if matches!(c, 'đ' | 'Đ' | 'ð' | 'Ð') {
                        return b'd';
                    }
                    match c.nfd().next() {
                        Some(b) if b.is_ascii_alphanumeric() => b.to_ascii_lowercase() as u8,
                        _ => 0,
                    }
                })
                .collect()
        })
    });
    let b = tables[k][(code - BLOCKS[k].0) as usize];
    (b != 0).then_some(char::from(b))
}

fn push_syllable(out: &mut String, word: &str) {
    // Fast path: ASCII and precomposed letters, one table lookup each (NFD text goes the slow way).
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    if !word.chars().any(is_mark) {
        let mut tone = 0;
        for c in word.chars() {
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else if let Some((b, t)) = letter(c) {
                out.push(b);
                tone = tone.max(t);
            } else {
                out.extend(c.to_lowercase());
            }
        }
        if tone > 0 {
            out.push(char::from(b'0' + tone));
        }
        return;
    }
    if let Some(k) = slow_syllable(out, word) {
        out.push(char::from(b'1' + k as u8));
    }
}

/// Decompose, drop the tone mark, recompose, lower-case; returns the tone's index.
fn slow_syllable(out: &mut String, word: &str) -> Option<usize> {
    let mut tone = None;
    let base: String = word
        .nfd()
        .filter(|&c| match TONES.iter().position(|&t| t == c) {
            Some(k) => {
                tone = Some(k);
                false
            }
            None => true,
        })
        .nfc()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ð' { 'đ' } else { c })
        .collect();
    out.push_str(&base);
    tone
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
        assert_eq!(syllables("Hà  Nội,"), "ha1 nôi5");
    }
}
