//! Numerals, each rule once: digit runs, Roman numerals, spelled-out numbers (docs/formats.md §3).

use std::sync::OnceLock;

use super::fold::{Folded, Match, fold_char, fold_phrase, is_tone_mark, same_word};
use super::words::take_while_m_n;
use crate::error::{Expected, PResult, expected_at};

/// digits(m..=n) as a number, not followed by another digit
pub(crate) fn digits(i: &str, min: usize, max: usize) -> PResult<'_, u32> {
    let (rest, d) = take_while_m_n(min, max, |c: char| c.is_ascii_digit())(i)?;
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return expected_at(i, Expected::ShorterNumber);
    }
    Ok((rest, d.parse().unwrap_or(0)))
}

/// Largest Roman numeral read (terms, plenums, congresses, outline sections stay below it).
pub(crate) const MAX_ROMAN: u32 = 40;

/// Value of a Roman numeral in upper-case ASCII letters I, V, X, L, C; `None` unless canonical
/// (`IIII`, `IIV` are not numerals here) and in 1..=[`MAX_ROMAN`]. Allocation-free: it runs for
/// every candidate term or section number.
pub(crate) fn roman_letters(letters: &[u8]) -> Option<u32> {
    let value = |b: u8| match b {
        b'I' => Some(1),
        b'V' => Some(5),
        b'X' => Some(10),
        b'L' => Some(50),
        b'C' => Some(100),
        _ => None,
    };
    let mut total: i64 = 0;
    for (k, &b) in letters.iter().enumerate() {
        let v = value(b)?;
        if letters
            .get(k + 1)
            .and_then(|&next| value(next))
            .is_some_and(|next| next > v)
        {
            total -= v;
        } else {
            total += v;
        }
    }
    let total = u32::try_from(total)
        .ok()
        .filter(|t| (1..=MAX_ROMAN).contains(t))?;
    let mut canon = [0u8; 16];
    let len = to_roman(total, &mut canon);
    (letters == &canon[..len]).then_some(total)
}

/// A Roman numeral as noisy text writes it: any case, tone marks folded away (`XÍĨ` → 12).
pub(crate) fn roman_value(s: &str) -> Option<u32> {
    let mut letters = [0u8; 7];
    let mut n = 0;
    for c in s.chars().filter(|&c| !is_tone_mark(c)) {
        let letter = fold_char(c).0.to_ascii_uppercase();
        if !matches!(letter, 'I' | 'V' | 'X' | 'L' | 'C') {
            return None;
        }
        *letters.get_mut(n)? = letter as u8;
        n += 1;
    }
    roman_letters(&letters[..n])
}

/// Write `n` (1..=3999) in Roman numerals into `out`; returns the length (0 outside that
/// range). The one Roman writer of the workspace: the reader's canonical check below and keys
/// (`vanban-resolve`, through [`push_roman`]) both use it.
fn to_roman(mut n: u32, out: &mut [u8; 16]) -> usize {
    if n == 0 || n > 3999 {
        return 0;
    }
    let mut len = 0;
    for (v, r) in [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ] {
        // 3888 (`MMMDCCCLXXXVIII`) is the longest numeral: 15 letters.
        while n >= v && len + r.len() <= out.len() {
            out[len..len + r.len()].copy_from_slice(r.as_bytes());
            len += r.len();
            n -= v;
        }
    }
    len
}

/// Append `n` in upper-case Roman numerals to `out` (`12` → `XII`); a number outside 1..=3999
/// is appended in decimal digits.
pub fn push_roman(out: &mut String, n: u32) {
    let mut letters = [0u8; 16];
    let len = to_roman(n, &mut letters);
    if len == 0 {
        use std::fmt::Write;
        let _ = write!(out, "{n}");
        return;
    }
    out.extend(letters[..len].iter().map(|&b| char::from(b)));
}

/// `n` in upper-case Roman numerals (`12` → `XII`, `14` → `XIV`); decimal digits outside
/// 1..=3999.
pub fn roman(n: u32) -> String {
    let mut s = String::new();
    push_roman(&mut s, n);
    s
}

/// The numbers 1–10 in words, as ordinals and counts (`nhất`, `tư`, `bốn`, `lăm` in `mười lăm`).
const NUMBER_WORDS: [(&str, u32); 13] = [
    ("nhất", 1),
    ("một", 1),
    ("hai", 2),
    ("ba", 3),
    ("tư", 4),
    ("bốn", 4),
    ("năm", 5),
    ("lăm", 5),
    ("sáu", 6),
    ("bảy", 7),
    ("tám", 8),
    ("chín", 9),
    ("mười", 10),
];

/// Value of one spelled-out number word; `how` says whether the tone must match (formal text)
/// or not (citations in noisy text).
pub(crate) fn number_word(w: &str, how: Match) -> Option<u32> {
    static TABLE: OnceLock<Vec<(Folded, u32)>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        NUMBER_WORDS
            .iter()
            .filter_map(|&(w, n)| Some((fold_phrase(w).pop()?, n)))
            .collect()
    });
    // The first letter, folded once, passes over most entries (this runs for every line's first
    // word).
    let initial = w.chars().next().map(|c| fold_char(c).0)?;
    table
        .iter()
        .filter(|(f, _)| f.base.starts_with(initial))
        .find(|(f, _)| same_word(w, f, how))
        .map(|&(_, n)| n)
}

/// Value of a spelled-out number of one or two words (`tư`, `mười hai`, `mười lăm`), below 20.
pub(crate) fn number_words(words: &[&str], how: Match) -> Option<u32> {
    match words {
        [w] => number_word(w, how),
        [ten, u] if number_word(ten, how) == Some(10) => {
            number_word(u, how).filter(|&v| v < 10).map(|u| 10 + u)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn romans() {
        assert_eq!(roman_letters(b"XIV"), Some(14));
        assert_eq!(roman_letters(b"XL"), Some(40));
        assert_eq!(roman_letters(b"IIII"), None);
        assert_eq!(roman_letters(b"IIV"), None);
        assert_eq!(roman_letters(b""), None);
        assert_eq!(roman_value("XÍĨ"), Some(12));
        assert_eq!(roman_value("xiii"), Some(13));
        assert_eq!(roman(12), "XII");
        assert_eq!(roman(14), "XIV");
        assert_eq!(roman(9), "IX");
        assert_eq!(roman(3888), "MMMDCCCLXXXVIII");
        assert_eq!(roman(1994), "MCMXCIV");
        assert_eq!((roman(0), roman(4000)), ("0".to_owned(), "4000".to_owned()));
        // The writer and the reader agree on every numeral the reader takes.
        for n in 1..=MAX_ROMAN {
            assert_eq!(roman_letters(roman(n).as_bytes()), Some(n));
        }
    }

    #[test]
    fn words() {
        assert_eq!(number_word("Bảy", Match::Tone), Some(7));
        assert_eq!(number_word("bay", Match::Tone), None);
        assert_eq!(number_word("bay", Match::Loose), Some(7));
        assert_eq!(number_words(&["mười", "hai"], Match::Tone), Some(12));
        assert_eq!(number_words(&["mười", "lăm"], Match::Tone), Some(15));
        assert_eq!(number_words(&["mười", "mười"], Match::Tone), None);
    }
}
