//! Spelling-insensitive forms of names and subjects, for comparing, never for display.

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
    words(s)
        .map(|w| {
            let mut o = String::new();
            push_syllable(&mut o, w);
            o
        })
        .collect()
}

fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric() && !TONES.contains(&c) && !is_mark(c))
        .filter(|w| !w.is_empty())
}

fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

fn push_syllable(out: &mut String, word: &str) {
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
    if let Some(k) = tone {
        out.push(char::from(b'1' + k as u8));
    }
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
