//! Vietnamese text primitives shared by the sub-grammars: character classes, tone-insensitive
//! folding of syllables, bounded whitespace, and NFC normalisation with an offset map.
//!
//! Matching never rewrites the input: parsers compare *folded* syllables against keywords and
//! return slices of the original text, so offsets stay exact.

use std::sync::OnceLock;

use nom::Parser;
use nom::bytes::complete::take_while_m_n;

use crate::error::{GrammarError, PResult};

/// Longest whitespace run accepted inside a citation (covers `16 -\nHD/BTCTW` and PDF gaps)
/// while keeping every parse bounded.
pub(crate) const MAX_SPACE: usize = 16;

/// White space as the web writes it: Unicode `White_Space` plus zero-width space and BOM.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}')
}

/// Hyphen-like characters that separate number and type code (formats.md §7.5).
pub(crate) fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{00AD}' | '\u{FE63}' | '\u{FF0D}'
    )
}

/// Slash-like characters (`/`, fraction slash, full-width solidus).
pub(crate) fn is_slash(c: char) -> bool {
    matches!(c, '/' | '\u{2044}' | '\u{FF0F}')
}

/// A letter of a word: letters and combining marks (NFD input keeps its marks on the letter).
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{0300}'..='\u{036F}').contains(&c)
}

/// sp = ws{1,16}
pub(crate) fn sp(i: &str) -> PResult<'_, &str> {
    take_while_m_n(1, MAX_SPACE, is_space).parse(i)
}

/// sp0 = ws{0,16}
pub(crate) fn sp0(i: &str) -> PResult<'_, &str> {
    take_while_m_n(0, MAX_SPACE, is_space).parse(i)
}

/// Vietnamese tone marks, which (unlike circumflex, breve and horn) do not change the letter.
const TONES: [char; 5] = ['\u{0300}', '\u{0301}', '\u{0303}', '\u{0309}', '\u{0323}'];

/// `(base letter, tone)` of a lower-cased character; tone 0 is level, 1–5 follow `TONES`.
/// `Ð`/`ð`/`Ɖ` (look-alikes of `Đ` seen on real pages) fold to `đ`.
pub(crate) fn fold_char(c: char) -> (char, u8) {
    const FIRST: u32 = 0xC0;
    const LAST: u32 = 0x1EFF;
    static TABLE: OnceLock<Vec<(char, u8)>> = OnceLock::new();
    if c.is_ascii() {
        return (c.to_ascii_lowercase(), 0);
    }
    let code = c as u32;
    if !(FIRST..=LAST).contains(&code) {
        return (c.to_lowercase().next().unwrap_or(c), 0);
    }
    let table = TABLE.get_or_init(|| {
        (FIRST..=LAST)
            .map(|cp| char::from_u32(cp).map_or(('\u{FFFD}', 0), fold_slow))
            .collect()
    });
    table[(code - FIRST) as usize]
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
}

/// Fold a syllable as written (NFC); combining tone marks of NFD text are folded too.
pub(crate) fn fold(word: &str) -> Folded {
    let mut base = String::with_capacity(word.len());
    let mut tone = 0;
    for c in word.chars() {
        if let Some(k) = TONES.iter().position(|&t| t == c) {
            tone = k as u8 + 1;
            continue;
        }
        let (b, t) = fold_char(c);
        if t != 0 {
            tone = t;
        }
        base.push(b);
    }
    Folded { base, tone }
}

/// Fold a keyword given in NFC (used to build keyword tables once).
pub(crate) fn fold_phrase(phrase: &str) -> Vec<Folded> {
    phrase.split(' ').map(fold).collect()
}

/// word = word_char{1,24}: one syllable or code, bounded so hostile input stays linear.
pub(crate) fn word(i: &str) -> PResult<'_, &str> {
    take_while_m_n(1, 24, is_word_char).parse(i)
}

/// How strictly a keyword must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Match {
    /// Same letters and tone (tone position free): `uỷ` = `ủy`.
    Tone,
    /// Same letters, any tone: tolerates diacritic noise such as `củà`, `ngàỷ`.
    Loose,
}

fn same(a: &Folded, b: &Folded, how: Match) -> bool {
    a.base == b.base && (how == Match::Loose || a.tone == b.tone)
}

/// keyword = syllable { sp syllable } — matches a pre-folded phrase, any case.
pub(crate) fn keyword<'a>(i: &'a str, phrase: &[Folded], how: Match) -> PResult<'a, &'a str> {
    let mut rest = i;
    for (k, want) in phrase.iter().enumerate() {
        if k > 0 {
            rest = sp.parse(rest)?.0;
        }
        let (after, w) = word.parse(rest)?;
        if !same(&fold(w), want, how) {
            return Err(nom::Err::Error(GrammarError::expected(rest, "a keyword")));
        }
        rest = after;
    }
    Ok((rest, &i[..i.len() - rest.len()]))
}

/// Match one of several keywords (each with its value); the longest match wins.
pub(crate) fn keyword_table<'a, T: Copy>(
    i: &'a str,
    table: &[(Vec<Folded>, T)],
    how: Match,
) -> PResult<'a, (T, &'a str)> {
    let mut best: Option<(&'a str, T, &'a str)> = None;
    for (phrase, value) in table {
        if let Ok((rest, m)) = keyword(i, phrase, how) {
            if best.is_none_or(|(_, _, b)| m.len() > b.len()) {
                best = Some((rest, *value, m));
            }
        }
    }
    match best {
        Some((rest, v, m)) => Ok((rest, (v, m))),
        None => Err(nom::Err::Error(GrammarError::expected(i, "a keyword"))),
    }
}

/// True when `word` is written with a capital first letter.
pub(crate) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Rewrite the tone of open `oa`/`oe`/`uy` syllables to the placement most Vietnamese sites use
/// today (`uỷ` → `ủy`, `khoá` → `khóa`); closed syllables (`hoàn`) are already unambiguous.
pub(crate) fn common_tone(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(text.len());
    let mut syllable = String::new();
    let flush = |syl: &mut String, out: &mut String| {
        out.push_str(&retone(syl));
        syl.clear();
    };
    for c in text.nfc() {
        if is_word_char(c) {
            syllable.push(c);
        } else {
            flush(&mut syllable, &mut out);
            out.push(c);
        }
    }
    flush(&mut syllable, &mut out);
    out
}

fn retone(syl: &str) -> String {
    let chars: Vec<char> = syl.chars().collect();
    let n = chars.len();
    if n < 2 {
        return syl.to_owned();
    }
    let (b1, t1) = fold_char(chars[n - 2]);
    let (b2, t2) = fold_char(chars[n - 1]);
    let pair = matches!((b1, b2), ('o', 'a' | 'e') | ('u', 'y'));
    // `qu` + `y` is a consonant + vowel, not the `uy` glide (`quý` stays).
    let after_q = n >= 3 && fold_char(chars[n - 3]).0 == 'q';
    if !pair || after_q || t1 != 0 || t2 == 0 {
        return syl.to_owned();
    }
    let mut out: String = chars[..n - 2].iter().collect();
    out.push(with_tone(chars[n - 2], t2));
    out.push(with_tone(chars[n - 1], 0));
    out
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

/// Text in NFC with a map from its byte offsets back to the original's.
pub(crate) struct Normalized {
    pub(crate) text: String,
    /// `orig[i]` is the original byte offset of normalised byte `i`; one extra entry for the end.
    orig: Vec<usize>,
}

impl Normalized {
    /// Original byte offset of a normalised start offset.
    pub(crate) fn start(&self, i: usize) -> usize {
        self.orig[i]
    }

    /// Original byte offset of a normalised end offset (exclusive).
    pub(crate) fn end(&self, i: usize) -> usize {
        self.orig[i]
    }
}

/// True when `text` holds combining marks (U+0300–U+036F), i.e. may be NFD.
pub(crate) fn needs_nfc(text: &str) -> bool {
    // U+0300..U+036F encode as CC 80..CD AF; these lead bytes encode nothing else.
    memchr::memchr2(0xCC, 0xCD, text.as_bytes()).is_some()
}

/// NFC-normalise `text` cluster by cluster (a starter and its combining marks), so every
/// normalised character maps back to whole original characters.
pub(crate) fn normalize(text: &str) -> Normalized {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::canonical_combining_class;
    let mut out = String::with_capacity(text.len());
    let mut orig = Vec::with_capacity(text.len() + 1);
    let mut cluster_start = 0;
    let mut cluster = String::new();
    let emit = |cluster: &str, start: usize, out: &mut String, orig: &mut Vec<usize>| {
        for c in cluster.nfc() {
            let len = c.len_utf8();
            out.push(c);
            orig.extend(std::iter::repeat_n(start, len));
        }
    };
    for (i, c) in text.char_indices() {
        let combining = canonical_combining_class(c) != 0;
        if !combining && !cluster.is_empty() {
            emit(&cluster, cluster_start, &mut out, &mut orig);
            cluster.clear();
        }
        if cluster.is_empty() {
            cluster_start = i;
        }
        cluster.push(c);
    }
    emit(&cluster, cluster_start, &mut out, &mut orig);
    orig.push(text.len());
    // An end offset inside the normalised text points at the start of the next cluster, which
    // is the original end of the previous one: the map above already gives exactly that.
    Normalized { text: out, orig }
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
    fn keyword_tone_and_loose() {
        let kw = fold_phrase("tỉnh ủy");
        assert!(keyword("Tỉnh uỷ Đồng Tháp", &kw, Match::Tone).is_ok());
        assert!(keyword("TỈNH ỦY", &kw, Match::Tone).is_ok());
        assert!(keyword("tỉnh ủy", &kw, Match::Tone).is_ok());
        assert!(keyword("tỉnh\u{a0}ủy", &kw, Match::Tone).is_ok());
        assert!(keyword("tinh uy", &kw, Match::Tone).is_err());
        assert!(keyword("tinh uy", &kw, Match::Loose).is_ok());
        assert!(keyword("tỉnh ủyban", &kw, Match::Tone).is_err());
    }

    #[test]
    fn common_tone_rewrites_open_syllables_only() {
        assert_eq!(
            common_tone("Tỉnh uỷ, khoá XII, hoàn thành, quý"),
            "Tỉnh ủy, khóa XII, hoàn thành, quý"
        );
        assert_eq!(common_tone("THÀNH UỶ"), "THÀNH ỦY");
    }

    #[test]
    fn normalize_maps_back() {
        let text = "Nghi\u{0323} quyê\u{0301}t số 1";
        assert!(needs_nfc(text));
        let n = normalize(text);
        assert_eq!(n.text, "Nghị quyết số 1");
        let q = n.text.find("quyết").unwrap();
        assert_eq!(&text[n.start(q)..n.end(q + "quyết".len())], "quyê\u{0301}t");
        assert_eq!(n.end(n.text.len()), text.len());
    }
}
