//! Small lexical pieces shared by the report sub-grammars: spaces, words, tone-insensitive
//! keywords, numerals. Private to the report parser on purpose (the citation grammar has its own).
use nom::Parser;
use nom::bytes::complete::{take_while, take_while_m_n, take_while1};

use crate::error::{GrammarError, PResult};
pub(crate) use crate::lex::{is_capitalised, is_dash, is_space, is_upper_text, is_word_char};

/// Result of a report parser: the grammar's own error type (`parse_report` never reports
/// failures, but every parser of the crate composes with every other).
pub(crate) type R<'a, T> = PResult<'a, T>;

/// Longest whitespace run accepted between two words of a keyword (PDF gaps, `ĐẢNG\nCỘNG SẢN`).
const MAX_GAP: usize = crate::lex::MAX_SPACE;

/// Most words a keyword may have; keeps `kw` allocation-free.
const MAX_KW_WORDS: usize = 8;

pub(crate) fn fail<T>(i: &str) -> R<'_, T> {
    Err(nom::Err::Error(GrammarError::unlabelled(i)))
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
    take_while(crate::lex::is_hspace).parse(i)
}

/// word = word_char+
pub(crate) fn word(i: &str) -> R<'_, &str> {
    take_while1(is_word_char).parse(i)
}

/// Compare one input word with one lower-case keyword word: same letters and tone, any case,
/// any tone placement (`ủy` = `uỷ`, `khóa` = `khoá`, docs/formats.md §7.2).
pub(crate) fn word_eq(input: &str, kw: &str) -> bool {
    crate::lex::same_syllable(input, kw)
}

/// The key [`word_eq`] compares by: `word_eq(a, b)` exactly when the keys are equal, so a word's
/// key can be looked up in a table built from keys.
pub(crate) fn word_key(w: &str) -> String {
    crate::lex::fold_key(w)
}

/// kw(pattern) = word (sp1 word)*, each word equal to the pattern's (see [`word_eq`]), ending at a
/// word boundary. The pattern is lower case, words separated by single spaces.
pub(crate) fn kw<'a>(pattern: &'static str) -> impl Fn(&'a str) -> R<'a, &'a str> {
    move |i: &'a str| {
        let mut rest = i;
        // The pattern's words are split by byte: too short for `str::split`'s searcher to pay off.
        for (n, pw) in pattern
            .split_ascii_whitespace()
            .take(MAX_KW_WORDS)
            .enumerate()
        {
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
/// read and its first letter folded once; a pattern whose first letter differs is passed over
/// before any word is compared.
pub(crate) fn any_kw<'a>(i: &'a str, patterns: &[&'static str]) -> Option<(&'a str, &'a str)> {
    let (_, first) = word(i).ok()?;
    let initial = first.chars().next().map(|c| crate::lex::fold_char(c).0);
    // A byte loop: patterns are a few bytes long, too short for `split`'s searcher to pay off.
    let first_word = |p: &'static str| match p.bytes().position(|b| b == b' ') {
        Some(k) => &p[..k],
        None => p,
    };
    patterns
        .iter()
        .filter(|p| p.chars().next().map(|c| crate::lex::fold_char(c).0) == initial)
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

/// roman = [IVXLC]{1,7}, canonical (section and term numbers, upper case only)
pub(crate) fn roman(i: &str) -> R<'_, u32> {
    let (r, s) =
        take_while_m_n(1, 7, |c: char| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C')).parse(i)?;
    match crate::lex::numerals::roman_letters(s.as_bytes()) {
        Some(v) => Ok((r, v)),
        None => fail(i),
    }
}

/// A spelled-out number 1–10 (`nhất`, `hai` … `mười`), tone included.
pub(crate) fn number_word(w: &str) -> Option<u32> {
    crate::lex::numerals::number_word(w, crate::lex::Match::Tone)
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
        // One folding for both wings: tone placement is free (`cuả` is a misplaced `của`).
        assert!(kw("của")("cuả").is_ok());
        assert!(kw("của")("cua").is_err());
    }

    #[test]
    fn numerals() {
        assert_eq!(roman("XIV- "), Ok(("- ", 14)));
        assert!(roman("IIII").is_err());
        assert_eq!(num(2)("07/"), Ok(("/", 7)));
        assert_eq!(number_word("Bảy"), Some(7));
    }
}
