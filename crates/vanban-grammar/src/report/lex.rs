//! Small lexical pieces shared by the report sub-grammars: spaces, words, tone-insensitive
//! keywords, numerals. Private to the report parser on purpose (the citation grammar has its own).
use nom::bytes::complete::{take_while, take_while_m_n, take_while1};
use nom::error::{Error, ErrorKind};
use nom::{IResult, Parser};

/// Result of a report parser: plain nom errors, since `parse_report` never reports failures.
pub(crate) type R<'a, T> = IResult<&'a str, T>;

/// Longest whitespace run accepted between two words of a keyword (PDF gaps, `ĐẢNG\nCỘNG SẢN`).
const MAX_GAP: usize = 16;

/// Most words a keyword may have; keeps `kw` allocation-free.
const MAX_KW_WORDS: usize = 8;

pub(crate) fn fail<T>(i: &str) -> R<'_, T> {
    Err(nom::Err::Error(Error::new(i, ErrorKind::Verify)))
}

/// White space as pages write it (normalisation already mapped NBSP and friends to U+0020).
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200B}'
}

/// Letters, digits and (NFD leftovers) combining marks.
pub(crate) fn is_word_char(c: char) -> bool {
    // Fast paths for ASCII and the Latin and Vietnamese letter blocks (all letters but `×`,
    // `÷`): the general Unicode lookup is slow, and this runs for every character of a word.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match c {
        '\u{00C0}'..='\u{024F}' => c != '\u{00D7}' && c != '\u{00F7}',
        '\u{1EA0}'..='\u{1EF9}' | '\u{0300}'..='\u{036F}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// Dash-like characters used as separators (formats.md §7.5).
pub(crate) fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

pub(crate) fn trim(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// sp0 = space{0,16}  (horizontal or not: callers decide by what they feed in)
pub(crate) fn sp0(i: &str) -> R<'_, &str> {
    take_while_m_n(0, MAX_GAP, is_space).parse(i)
}

/// sp1 = space{1,16}
pub(crate) fn sp1(i: &str) -> R<'_, &str> {
    take_while_m_n(1, MAX_GAP, is_space).parse(i)
}

/// hsp0 = (" " | "\t")*  (stays on the line)
pub(crate) fn hsp0(i: &str) -> R<'_, &str> {
    take_while(|c: char| c != '\n' && c != '\r' && is_space(c)).parse(i)
}

/// word = word_char+
pub(crate) fn word(i: &str) -> R<'_, &str> {
    take_while1(is_word_char).parse(i)
}

/// Lines of `s` without their terminators; every line is a slice of `s`.
pub(crate) fn lines(s: &str) -> Vec<&str> {
    s.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect()
}

const TONED_O: [char; 5] = ['ò', 'ó', 'ỏ', 'õ', 'ọ'];
const TONED_U: [char; 5] = ['ù', 'ú', 'ủ', 'ũ', 'ụ'];
const TONED_A: [char; 5] = ['à', 'á', 'ả', 'ã', 'ạ'];
const TONED_E: [char; 5] = ['è', 'é', 'ẻ', 'ẽ', 'ẹ'];
const TONED_Y: [char; 5] = ['ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'];

fn lower(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    c.to_lowercase().next().unwrap_or(c)
}

/// Compare one input word with one lower-case keyword word, ignoring case and the old/new tone
/// placement of a final `oa`/`oe`/`uy` (`ủy` = `uỷ`, `khóa` = `khoá`, formats.md §7.2).
pub(crate) fn word_eq(input: &str, kw: &str) -> bool {
    // Cheap rejections first: this runs for every word of every keyword list. Case and tone
    // style change a Vietnamese word's UTF-8 length by at most one byte.
    if input.len().abs_diff(kw.len()) > 2 {
        return false;
    }
    if let (Some(a), Some(b)) = (input.bytes().next(), kw.bytes().next()) {
        if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() && a.to_ascii_lowercase() != b {
            return false;
        }
    }
    // Only a two-letter word can differ in its first letter (the tone-style tail).
    if let (Some(a), Some(b)) = (input.chars().next(), kw.chars().next()) {
        if lower(a) != b && kw.chars().nth(2).is_some() {
            return false;
        }
    }
    let mut a = input.chars().map(lower);
    let mut b = kw.chars();
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x == y => {}
            (Some(x), Some(y)) => {
                // a two-letter tail in the other tone style, and nothing after it
                let (Some(x2), Some(y2)) = (a.next(), b.next()) else {
                    return false;
                };
                return a.next().is_none() && b.next().is_none() && same_pair((x, x2), (y, y2));
            }
            _ => return false,
        }
    }
}

/// A two-letter tail in one tone placement: `òa` → `oà`, `ủy` → `uỷ`.
fn canon_pair((v, w): (char, char)) -> (char, char) {
    let find = |t: &[char; 5], c: char| t.iter().position(|&x| x == c);
    match (find(&TONED_O, v), find(&TONED_U, v)) {
        (Some(k), _) if w == 'a' => ('o', TONED_A[k]),
        (Some(k), _) if w == 'e' => ('o', TONED_E[k]),
        (_, Some(k)) if w == 'y' => ('u', TONED_Y[k]),
        _ => (v, w),
    }
}

fn same_pair(p: (char, char), q: (char, char)) -> bool {
    canon_pair(p) == canon_pair(q)
}

/// The key [`word_eq`] compares by: lower case, a final tone-marked `oa`/`oe`/`uy` in one
/// placement. `word_eq(a, b)` exactly when the keys of `a` and `b` are equal (`b` lower case),
/// so a word's key can be looked up in a table built from keys.
pub(crate) fn word_key(w: &str) -> String {
    let mut key: String = w.chars().map(lower).collect();
    let mut tail = key.chars().rev();
    if let (Some(w2), Some(v)) = (tail.next(), tail.next()) {
        let (a, b) = canon_pair((v, w2));
        if (a, b) != (v, w2) {
            key.truncate(key.len() - v.len_utf8() - w2.len_utf8());
            key.push(a);
            key.push(b);
        }
    }
    key
}

/// kw(pattern) = word (sp1 word)*, each word equal to the pattern's (see [`word_eq`]), ending at a
/// word boundary. The pattern is lower case, words separated by single spaces.
pub(crate) fn kw<'a>(pattern: &'static str) -> impl Fn(&'a str) -> R<'a, &'a str> {
    move |i: &'a str| {
        let mut rest = i;
        for (n, pw) in pattern.split(' ').take(MAX_KW_WORDS).enumerate() {
            if n > 0 {
                rest = sp1(rest)?.0;
            }
            let (r, w) = word(rest)?;
            if !word_eq(w, pw) {
                return fail(i);
            }
            rest = r;
        }
        Ok((rest, &i[..i.len() - rest.len()]))
    }
}

/// First of several keywords that matches (longest first is the caller's job). The first word is
/// read once and checked against each pattern's first word before the full match.
pub(crate) fn any_kw<'a>(i: &'a str, patterns: &[&'static str]) -> Option<(&'a str, &'a str)> {
    let (_, first) = word(i).ok()?;
    // A byte loop: patterns are a few bytes long, too short for `split`'s searcher to pay off.
    let first_word = |p: &'static str| match p.bytes().position(|b| b == b' ') {
        Some(k) => &p[..k],
        None => p,
    };
    patterns
        .iter()
        .filter(|p| word_eq(first, first_word(p)))
        .find_map(|p| kw(p)(i).ok())
}

/// num(max) = digit{1,max}
pub(crate) fn num(max: usize) -> impl Fn(&str) -> R<'_, u32> {
    move |i: &str| {
        let (r, d) = take_while_m_n(1, max, |c: char| c.is_ascii_digit()).parse(i)?;
        match d.parse() {
            Ok(n) => Ok((r, n)),
            Err(_) => fail(i),
        }
    }
}

/// roman = [IVXLC]{1,7}, valid and at most 39 (section and term numbers)
pub(crate) fn roman(i: &str) -> R<'_, u32> {
    let (r, s) =
        take_while_m_n(1, 7, |c: char| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C')).parse(i)?;
    match roman_value(s) {
        Some(v) if (1..40).contains(&v) => Ok((r, v)),
        _ => fail(i),
    }
}

fn roman_value(s: &str) -> Option<u32> {
    const TABLE: &[&str] = &[
        "", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
        "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV", "XXV",
        "XXVI", "XXVII", "XXVIII", "XXIX", "XXX", "XXXI", "XXXII", "XXXIII", "XXXIV", "XXXV",
        "XXXVI", "XXXVII", "XXXVIII", "XXXIX",
    ];
    TABLE.iter().position(|&t| t == s).map(|p| p as u32)
}

/// Spelled-out numbers 1–10 as ordinals and counts (`nhất`, `hai` … `mười`).
pub(crate) fn number_word(w: &str) -> Option<u32> {
    const WORDS: [(&str, u32); 12] = [
        ("nhất", 1),
        ("một", 1),
        ("hai", 2),
        ("ba", 3),
        ("tư", 4),
        ("bốn", 4),
        ("năm", 5),
        ("sáu", 6),
        ("bảy", 7),
        ("tám", 8),
        ("chín", 9),
        ("mười", 10),
    ];
    WORDS.iter().find(|(k, _)| word_eq(w, k)).map(|&(_, n)| n)
}

/// At least two letters and no lower-case letter.
pub(crate) fn is_upper_text(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2
}

/// Starts with an upper-case letter.
pub(crate) fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// A rule line: only `-`, `_`, `*`, `=`, dashes, `.`, `|` and spaces, with at least one mark.
pub(crate) fn is_rule(s: &str) -> bool {
    let t = trim(s);
    !t.is_empty()
        && t.chars()
            .all(|c| matches!(c, '_' | '*' | '=' | '.' | '|' | '~') || is_dash(c) || is_space(c))
}

#[cfg(test)]
mod tests {
    #[test]
    fn word_key_agrees_with_word_eq() {
        let words = [
            "ủy", "uỷ", "Ủy", "UỶ", "khóa", "khoá", "KHOÁ", "hòa", "hoà", "Hòe", "hoè", "thủy",
            "thuỷ", "a", "A", "ab", "đồng", "Đồng", "ĐỒNG", "dong", "tướng", "Tướng", "oà", "òa",
        ];
        for a in words {
            for b in words {
                let kw = b.to_lowercase();
                assert_eq!(
                    word_eq(a, &kw),
                    word_key(a) == word_key(&kw),
                    "{a:?} vs {kw:?}"
                );
            }
        }
    }

    use super::*;

    #[test]
    fn keywords_ignore_case_and_tone_style() {
        assert_eq!(
            kw("tỉnh uỷ")("Tỉnh ủy Đồng Tháp"),
            Ok((" Đồng Tháp", "Tỉnh ủy"))
        );
        assert_eq!(kw("khoá")("KHÓA XII"), Ok((" XII", "KHÓA")));
        assert!(kw("nơi nhận")("Nơi nhậnx").is_err());
        assert_eq!(
            kw("đảng cộng sản")("ĐẢNG\nCỘNG  SẢN VIỆT NAM").map(|r| r.1),
            Ok("ĐẢNG\nCỘNG  SẢN")
        );
        assert!(kw("của")("cuả").is_err());
    }

    #[test]
    fn numerals() {
        assert_eq!(roman("XIV- "), Ok(("- ", 14)));
        assert!(roman("IIII").is_err());
        assert_eq!(num(2)("07/"), Ok(("/", 7)));
        assert_eq!(number_word("Bảy"), Some(7));
    }
}
