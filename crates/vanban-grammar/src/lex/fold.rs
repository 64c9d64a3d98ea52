//! Tone-insensitive folding of Vietnamese syllables (docs/formats.md §7.2): one comparison for
//! both wings, whatever the case, the tone placement (`uỷ` = `ủy`) or the normal form.

use std::sync::OnceLock;

use super::chars::is_word_char;

/// Vietnamese tone marks, which (unlike circumflex, breve and horn) do not change the letter.
const TONES: [char; 5] = ['\u{0300}', '\u{0301}', '\u{0303}', '\u{0309}', '\u{0323}'];

/// `(base, tone)` for each code point of a block.
type FoldTable = Vec<(char, u8)>;

/// `(base letter, tone)` of a character: the lower-case letter without its tone mark (`Ệ` →
/// `ê`; circumflex, breve and horn stay, they make other letters) and the tone, 0 for level,
/// 1–5 for grave, acute, tilde, hook and dot below. `Ð`/`ð`/`Ɖ` (look-alikes of `Đ` seen on
/// real pages) fold to `đ`. A lone combining mark is returned as it is, tone 0 (NFD text is
/// normalised before it is read).
#[inline]
pub fn fold_char(c: char) -> (char, u8) {
    // ASCII inline: about half the letters the grammar folds, and the table lookup below does
    // not inline (it holds a `OnceLock`).
    if c.is_ascii() {
        return (c.to_ascii_lowercase(), 0);
    }
    fold_non_ascii(c)
}

/// `fold_char` of a non-ASCII character.
#[inline(never)]
fn fold_non_ascii(c: char) -> (char, u8) {
    // Two small tables cover Vietnamese: Latin-1 Supplement to Latin Extended-B, and the
    // Latin Extended Additional block of precomposed tone letters (ạ … ỹ).
    const LATIN: (u32, u32) = (0xC0, 0x24F);
    const VIET: (u32, u32) = (0x1EA0, 0x1EF9);
    static TABLES: OnceLock<[FoldTable; 2]> = OnceLock::new();
    let code = c as u32;
    let in_latin = (LATIN.0..=LATIN.1).contains(&code);
    if !in_latin && !(VIET.0..=VIET.1).contains(&code) {
        return (c.to_lowercase().next().unwrap_or(c), 0);
    }
    let [latin, viet] = TABLES.get_or_init(|| {
        let build = |(lo, hi): (u32, u32)| {
            (lo..=hi)
                .map(|cp| char::from_u32(cp).map_or(('\u{FFFD}', 0), fold_slow))
                .collect()
        };
        [build(LATIN), build(VIET)]
    });
    if in_latin {
        latin[(code - LATIN.0) as usize]
    } else {
        viet[(code - VIET.0) as usize]
    }
}

fn fold_slow(c: char) -> (char, u8) {
    use unicode_normalization::UnicodeNormalization;
    let lower: String = c.to_lowercase().collect();
    let mut tone = 0;
    let mut kept = String::new();
    for d in lower.nfd() {
        match TONES.iter().position(|&t| t == d) {
            Some(k) => tone = k as u8 + 1,
            None => kept.push(d),
        }
    }
    let base = kept.nfc().next().unwrap_or(c);
    let base = match base {
        'ð' | 'ɖ' => 'đ',
        other => other,
    };
    (base, tone)
}

/// A syllable reduced for comparison: lower-case base letters and the tone, wherever the
/// writer placed it (`uỷ` and `ủy`, `khoá` and `khóa` fold alike).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Folded {
    pub(crate) base: String,
    pub(crate) tone: u8,
    /// The first base letter (`base`'s first character): most comparisons fail on it, so it is
    /// kept rather than decoded from `base` each time.
    pub(crate) first: Option<char>,
    /// The number of base letters (`base`'s characters), for the same reason.
    pub(crate) letters: usize,
}

/// The tone (1–5) of a combining tone mark, 0 for any other character.
#[inline]
fn combining_tone(c: char) -> u8 {
    // All five marks lie in U+0300–U+0323: one range test rules out every other character.
    if !('\u{0300}'..='\u{0323}').contains(&c) {
        return 0;
    }
    TONES
        .iter()
        .position(|&t| t == c)
        .map_or(0, |k| k as u8 + 1)
}

/// A combining tone mark (NFD text, or a mark NFC could not compose).
pub(crate) fn is_tone_mark(c: char) -> bool {
    combining_tone(c) != 0
}

/// The base letters of a syllable with the tone found so far; a combining tone mark (NFD)
/// yields `None` for the letter and updates the tone.
pub(crate) fn folded_chars(word: &str) -> impl Iterator<Item = (Option<char>, u8)> + '_ {
    let mut tone = 0;
    word.chars().map(move |c| {
        let mark = combining_tone(c);
        if mark != 0 {
            tone = mark;
            return (None, tone);
        }
        let (b, t) = fold_char(c);
        if t != 0 {
            tone = t;
        }
        (Some(b), tone)
    })
}

/// Fold a syllable as written (NFC); combining tone marks of NFD text are folded too.
pub(crate) fn fold(word: &str) -> Folded {
    let mut base = String::with_capacity(word.len());
    let mut tone = 0;
    for (b, t) in folded_chars(word) {
        base.extend(b);
        tone = t;
    }
    let first = base.chars().next();
    let letters = base.chars().count();
    Folded {
        base,
        tone,
        first,
        letters,
    }
}

/// The first base letter of `w` (what [`Folded::first`] holds for a folded word).
#[inline]
pub(crate) fn first_letter(w: &str) -> Option<char> {
    w.chars().next().map(|c| fold_char(c).0)
}

/// The base letters of `w` (tones dropped, lower case) equal `base`: `fold(w).base == base`
/// without allocating.
pub(crate) fn base_is(w: &str, base: &str) -> bool {
    folded_chars(w).filter_map(|(b, _)| b).eq(base.chars())
}

/// Fold a keyword given in NFC (used to build keyword tables once).
pub(crate) fn fold_phrase(phrase: &str) -> Vec<Folded> {
    phrase.split(' ').map(fold).collect()
}

/// How strictly a keyword must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Match {
    /// Same letters and tone (tone position free): `uỷ` = `ủy`.
    Tone,
    /// Same letters, any tone: tolerates diacritic noise such as `củà`, `ngàỷ`.
    Loose,
}

/// Does the syllable `w` (NFC) fold to `want`? Compares character by character, no allocation:
/// this runs for every anchor, so it is on the hot path.
pub(crate) fn same_word(w: &str, want: &Folded, how: Match) -> bool {
    // Most calls compare unrelated words: the first letter settles them (`want` is never empty;
    // a word that starts with a stray combining mark matches no keyword).
    if first_letter(w) != want.first {
        return false;
    }
    let mut expected = want.base.chars();
    let mut tone = 0;
    for (b, t) in folded_chars(w) {
        if b.is_some() && expected.next() != b {
            return false;
        }
        tone = t;
    }
    expected.next().is_none() && (how == Match::Loose || tone == want.tone)
}

/// Does the syllable `w` fold like the keyword syllable `kw` (same letters, same tone, any
/// case, tone placement free)? For keywords given as text rather than pre-folded.
pub(crate) fn same_syllable(w: &str, kw: &str) -> bool {
    // Most calls compare unrelated words: the first letter settles them.
    if w.chars().next().map(|c| fold_char(c).0) != kw.chars().next().map(|c| fold_char(c).0) {
        return false;
    }
    let (mut a, mut b) = (folded_chars(w), folded_chars(kw));
    let (mut ta, mut tb) = (0, 0);
    loop {
        match (next_letter(&mut a, &mut ta), next_letter(&mut b, &mut tb)) {
            (None, None) => return ta == tb,
            (Some(x), Some(y)) if x == y => {}
            _ => return false,
        }
    }
}

/// The next base letter of a `folded_chars` run, keeping the tone seen so far in `tone`.
fn next_letter(it: &mut impl Iterator<Item = (Option<char>, u8)>, tone: &mut u8) -> Option<char> {
    for (c, t) in it {
        *tone = t;
        if c.is_some() {
            return c;
        }
    }
    None
}

/// The key [`same_syllable`] compares by, as a string: equal keys exactly when the words fold
/// alike, so words can be looked up in a table built from keys.
pub(crate) fn fold_key(w: &str) -> String {
    let f = fold(w);
    let mut key = f.base;
    key.push(char::from(b'0' + f.tone));
    key
}

/// Rewrite the tone of open `oa`/`oe`/`uy` syllables to the placement most Vietnamese sites use
/// today (`uỷ` → `ủy`, `khoá` → `khóa`); closed syllables (`hoàn`) are already unambiguous.
/// `text` is NFC (the grammar only sees normalised text).
pub(crate) fn common_tone(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut start = None;
    for (k, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(k),
            (false, Some(s)) => {
                retone(&text[s..k], &mut out);
                out.push(c);
                start = None;
            }
            (false, None) => out.push(c),
            (true, Some(_)) => {}
        }
    }
    if let Some(s) = start {
        retone(&text[s..], &mut out);
    }
    out
}

/// Append `syl` to `out`, moving an `oa`/`oe`/`uy` tone from the second vowel to the first.
fn retone(syl: &str, out: &mut String) {
    let mut rev = syl.char_indices().rev();
    let (Some((k2, c2)), Some((k1, c1))) = (rev.next(), rev.next()) else {
        out.push_str(syl);
        return;
    };
    let (b1, t1) = fold_char(c1);
    let (b2, t2) = fold_char(c2);
    let pair = matches!((b1, b2), ('o', 'a' | 'e') | ('u', 'y'));
    // `qu` + `y` is a consonant + vowel, not the `uy` glide (`quý` stays).
    let after_q = rev.next().is_some_and(|(_, c)| fold_char(c).0 == 'q');
    if !pair || after_q || t1 != 0 || t2 == 0 {
        out.push_str(syl);
        return;
    }
    debug_assert!(k1 < k2);
    out.push_str(&syl[..k1]);
    out.push(with_tone(c1, t2));
    out.push(with_tone(c2, 0));
}

/// `c` with its tone replaced by `tone` (0 = none), keeping case and other marks.
fn with_tone(c: char, tone: u8) -> char {
    use unicode_normalization::UnicodeNormalization;
    let base: String = c.to_string().nfd().filter(|d| !TONES.contains(d)).collect();
    let mut s = base;
    if tone > 0 {
        s.push(TONES[usize::from(tone - 1)]);
    }
    s.nfc().next().unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_ignores_tone_position_and_case() {
        assert_eq!(fold("uỷ"), fold("ủy"));
        assert_eq!(fold("KHOÁ"), fold("khóa"));
        assert_eq!(fold("Ðảng"), fold("đảng"));
        assert_ne!(fold("số").tone, fold("sở").tone);
        assert_ne!(fold("số").base, fold("sở").base);
        let nfd = "Nghi\u{0323}";
        assert_eq!(fold(nfd), fold("Nghị"));
    }

    #[test]
    fn same_syllable_agrees_with_fold_key() {
        let words = [
            "ủy",
            "uỷ",
            "Ủy",
            "UỶ",
            "khóa",
            "khoá",
            "KHOÁ",
            "hòa",
            "hoà",
            "Hòe",
            "hoè",
            "thủy",
            "thuỷ",
            "a",
            "A",
            "ab",
            "đồng",
            "Đồng",
            "ĐỒNG",
            "dong",
            "tướng",
            "Tướng",
            "oà",
            "òa",
            "u\u{0309}y",
            "số",
            "sở",
        ];
        for a in words {
            for b in words {
                assert_eq!(
                    same_syllable(a, b),
                    fold_key(a) == fold_key(b),
                    "{a:?} vs {b:?}"
                );
            }
        }
        assert!(same_syllable("UỶ", "ủy"));
        assert!(!same_syllable("cuả", "của") || fold_key("cuả") == fold_key("của"));
    }

    #[test]
    fn common_tone_rewrites_open_syllables_only() {
        assert_eq!(
            common_tone("Tỉnh uỷ, khoá XII, hoàn thành, quý"),
            "Tỉnh ủy, khóa XII, hoàn thành, quý"
        );
        assert_eq!(common_tone("THÀNH UỶ"), "THÀNH ỦY");
    }
}

/// The hasher of the grammar's bundled word tables (`act.rs` titles by first word): FxHash's
/// multiply-rotate, a few instructions a key where the default SipHash costs hundreds. Only for
/// tables built from bundled data: the input looks keys up and never adds any, so it cannot
/// crowd a bucket.
#[derive(Clone, Copy, Default)]
pub(crate) struct TableHasher(u64);

impl TableHasher {
    #[inline]
    fn add(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for TableHasher {
    fn finish(&self) -> u64 {
        // The last multiply leaves the low bits (the bucket index) weak: rotate the strong high
        // bits down.
        self.0.rotate_left(26)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.add(u64::from(b));
        }
    }

    fn write_u8(&mut self, x: u8) {
        self.add(u64::from(x));
    }

    fn write_u32(&mut self, x: u32) {
        self.add(u64::from(x));
    }

    fn write_u64(&mut self, x: u64) {
        self.add(x);
    }

    fn write_usize(&mut self, x: usize) {
        self.add(x as u64);
    }
}

/// A map of a bundled word table, hashed by [`TableHasher`].
pub(crate) type TableMap<K, V> =
    std::collections::HashMap<K, V, std::hash::BuildHasherDefault<TableHasher>>;

/// A word's base letters (tones dropped, lower case) on the stack: a table word is folded once
/// and words of the text are compared with it by equality (or hashed), without allocating.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) struct BaseKey {
    chars: [char; 8],
    len: u8,
}

impl BaseKey {
    /// The key of `w`; `None` for a word longer than any table word (8 letters).
    pub(crate) fn of(w: &str) -> Option<Self> {
        let mut k = Self {
            chars: ['\0'; 8],
            len: 0,
        };
        for c in w.chars() {
            *k.chars.get_mut(usize::from(k.len))? = fold_char(c).0;
            k.len += 1;
        }
        Some(k)
    }
}
