//! Terms (`khoá XII`, `(khóa 11)`), ordinals (`XIII`, `13`, `thứ tư`), plenums
//! (`Trung ương 4`, `Hội nghị lần thứ tư Ban Chấp hành Trung ương`) and congresses (`Đại hội XII`).

use crate::lex::take_while_m_n;
use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::char as ch;
use nom::combinator::{opt, recognize};

use crate::error::{Expected, PResult, expected_at};
use crate::lex::{Folded, Match, after_space, keyword, sp, sp0, word};

crate::lex::keyword_phrases!(fn w -> Words {
    khoa: "khóa",
    lan_thu: "lần thứ",
    hoi_nghi: "hội nghị",
    trung_uong: "trung ương",
    ban_chap_hanh: "ban chấp hành",
    dang: "đảng",
    dai_hoi: "đại hội",
    dai_bieu: "đại biểu",
    toan_quoc: "toàn quốc",
    dang_bo: "đảng bộ",
    cua_dang: "của đảng",
    nhiem_ky: "nhiệm kỳ",
});

fn kw<'a>(phrase: &'static [Folded]) -> impl Fn(&'a str) -> PResult<'a, &'a str> {
    move |i| keyword(i, phrase, Match::Tone)
}

pub(crate) use crate::lex::numerals::roman_value;

/// Value of a spelled-out ordinal or cardinal (`nhất`, `tư`, `bốn`, `mười hai`, `mười lăm`),
/// tone-insensitive: noisy text writes `thứ tứ`.
fn ordinal_word_value(words: &[&str]) -> Option<u32> {
    crate::lex::numerals::number_words(words, Match::Loose)
}

/// number = digit{1,2} | roman      (terms, plenums and congresses stay below 100)
fn small_number(i: &str) -> PResult<'_, u32> {
    let (rest, token) = word(i)?;
    if token.bytes().all(|b| b.is_ascii_digit()) && token.len() <= 2 {
        let n: u32 = token.parse().unwrap_or(0);
        if n > 0 {
            return Ok((rest, n));
        }
    }
    match roman_value(token) {
        Some(n) => Ok((rest, n)),
        None => expected_at(i, Expected::Numeral),
    }
}

/// ordinal = small_number | ordinal_word{1,2}
fn ordinal(i: &str) -> PResult<'_, u32> {
    if let Ok(ok) = small_number(i) {
        return Ok(ok);
    }
    // Try the two-word form first (`mười hai`), then one word.
    if let Ok((rest, (a, _, b))) = (word, sp, word).parse(i) {
        if let Some(n) = ordinal_word_value(&[a, b]) {
            return Ok((rest, n));
        }
    }
    let (rest, a) = word(i)?;
    match ordinal_word_value(&[a]) {
        Some(n) => Ok((rest, n)),
        None => expected_at(i, Expected::Ordinal),
    }
}

/// term = sp? "(" sp? "khóa" sp number sp? ")" | sp "khóa" sp number { "," sp roman }
pub(crate) fn term(i: &str) -> PResult<'_, u32> {
    // Both forms start with `(` or `khóa` (any case): test that before the alternatives.
    if !after_space(i).starts_with(['(', 'k', 'K']) {
        return expected_at(i, Expected::Term);
    }
    let khoa = |i| keyword(i, &w().khoa, Match::Loose);
    let paren = (sp0, ch('('), sp0, khoa, sp, small_number, sp0, ch(')'));
    let bare = (sp, khoa, sp, small_number, opt((ch(','), sp, small_number)));
    alt((paren.map(|t| t.5), bare.map(|t| t.3))).parse(i)
}

/// ban_chap_hanh_tw = "Ban Chấp hành Trung ương" ["Đảng"] | "BCH" sp? ("TW" | "Trung ương")
fn central_committee(i: &str) -> PResult<'_, &str> {
    let bch = alt((kw(&w().ban_chap_hanh), tag("BCH")));
    recognize((bch, sp0, central, opt((sp, kw(&w().dang))))).parse(i)
}

/// central = "Trung ương" | "TW" | "T.Ư" | "TƯ" | "T.W" | "T.Ư."
fn central(i: &str) -> PResult<'_, &str> {
    alt((
        kw(&w().trung_uong),
        tag("T.Ư"),
        tag("T.W"),
        tag("TƯ"),
        tag("TW"),
    ))
    .parse(i)
}

/// plenum_ref = ["Hội nghị" sp] central sp? ordinal
///            | "Hội nghị" sp "lần thứ" sp ordinal [sp central_committee]
///            | "Hội nghị" sp central_committee sp "lần thứ" sp ordinal
/// then [","] [term]. Returns (plenum, term, end of the key).
pub(crate) fn plenum_ref(i: &str) -> PResult<'_, (u32, Option<u32>)> {
    // Every form starts with `Hội nghị`, `Trung ương` or `T…` (`TW`, `T.Ư`): one test spares
    // the alternatives below on the usual issuer after `của`.
    if !i.starts_with(['H', 'h', 'T', 't']) {
        return expected_at(i, Expected::Plenum);
    }
    let hn = || kw(&w().hoi_nghi);
    let lan_thu = || kw(&w().lan_thu);
    let numbered = (opt((hn(), sp)), central, sp0, ordinal).map(|t| t.3);
    let ordinal_first = (
        hn(),
        sp,
        lan_thu(),
        sp,
        ordinal,
        opt((sp, central_committee)),
    )
        .map(|t| t.4);
    let committee_first = (hn(), sp, central_committee, sp, lan_thu(), sp, ordinal).map(|t| t.6);
    let (rest, plenum) = alt((numbered, committee_first, ordinal_first)).parse(i)?;
    if !(1..=30).contains(&plenum) {
        return expected_at(i, Expected::PlenumNumber);
    }
    let (rest, t) = opt((opt(ch(',')), term).map(|x| x.1)).parse(rest)?;
    Ok((rest, (plenum, t)))
}

/// congress_ref = ("Đại hội" | "ĐH") [sp "đại biểu"] [sp ("toàn quốc" | "Đảng" ["toàn quốc"])]
///                [sp "Đảng bộ" place{0,6}] sp [("lần thứ" | "khóa") sp] ordinal
///
/// `Đại hội Đảng khóa XII` names the congress by the term it opened.
pub(crate) fn congress_ref(i: &str) -> PResult<'_, u32> {
    // `Đại hội`, `ĐH` (and the look-alike `Ð`) all start with a D-letter.
    if !i.starts_with(['Đ', 'đ', '\u{D0}', '\u{F0}', '\u{189}', '\u{256}']) {
        return expected_at(i, Expected::Congress);
    }
    let mut dh = alt((kw(&w().dai_hoi), tag("ĐH"), tag("\u{d0}H")));
    let (mut rest, _) = dh.parse(i)?;
    let optional_words: [&[Folded]; 3] = [&w().dai_bieu, &w().dang, &w().toan_quoc];
    for phrase in optional_words {
        if (sp, kw(&w().dang_bo)).parse(rest).is_ok() {
            break;
        }
        if let Ok((r, _)) = (sp, |i| keyword(i, phrase, Match::Tone)).parse(rest) {
            rest = r;
        }
    }
    // A local congress names its party organisation: `Đảng bộ thành phố Đà Nẵng lần thứ I`.
    if let Ok((mut r, _)) = (sp, kw(&w().dang_bo)).parse(rest) {
        for _ in 0..6 {
            if (sp, alt((kw(&w().lan_thu), kw(&w().khoa))))
                .parse(r)
                .is_ok()
            {
                break;
            }
            match (sp, word).parse(r) {
                Ok((after, _)) => r = after,
                Err(_) => break,
            }
        }
        rest = r;
    }
    let (rest, (_, _, n)) = (
        sp,
        opt((alt((kw(&w().lan_thu), kw(&w().khoa))), sp)),
        ordinal,
    )
        .parse(rest)?;
    if rest.starts_with(crate::lex::is_alnum) {
        return expected_at(rest, Expected::CongressNumberEnd);
    }
    Ok((rest, n))
}

/// cua_dang = sp "của Đảng"     (not an issuer: the congress belongs to the Party)
pub(crate) fn cua_dang(i: &str) -> PResult<'_, &str> {
    recognize((sp, kw(&w().cua_dang))).parse(i)
}

/// nhiem_ky = [","] sp "nhiệm kỳ" sp year sp? dash sp? year
pub(crate) fn nhiem_ky(i: &str) -> PResult<'_, &str> {
    let digits4 = || take_while_m_n(4, 4, |c: char| c.is_ascii_digit());
    recognize((
        opt(ch(',')),
        sp,
        kw(&w().nhiem_ky),
        sp,
        digits4(),
        sp0,
        nom::character::complete::satisfy(crate::lex::is_dash),
        sp0,
        digits4(),
    ))
    .parse(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn romans() {
        assert_eq!(roman_value("XII"), Some(12));
        assert_eq!(roman_value("XIV"), Some(14));
        assert_eq!(roman_value("xiii"), Some(13));
        assert_eq!(roman_value("XÍĨ"), Some(12));
        assert_eq!(roman_value("IIII"), None);
        assert_eq!(roman_value("MIX"), None);
        assert_eq!(roman_value("CIVIL"), None);
    }

    #[test]
    fn terms() {
        assert_eq!(term(" khoá XII").unwrap().1, 12);
        assert_eq!(term(" (khóa XI)").unwrap().1, 11);
        assert_eq!(term(" KHÓA XIII").unwrap().1, 13);
        assert_eq!(term(" khóa 11").unwrap().1, 11);
        assert_eq!(term(" khỏá XÍĨ").unwrap().1, 12);
        assert_eq!(term(" Khóa XI, XII").unwrap().1, 11);
        assert!(term(" khóa học").is_err());
    }

    #[test]
    fn plenums() {
        assert_eq!(
            plenum_ref("Trung ương 4, khoá XI").unwrap().1,
            (4, Some(11))
        );
        assert_eq!(plenum_ref("TW4 khóa 11").unwrap().1, (4, Some(11)));
        assert_eq!(plenum_ref("T.Ư 4 (khóa XII)").unwrap().1, (4, Some(12)));
        assert_eq!(
            plenum_ref("Hội nghị Trung ương tám khóa XI").unwrap().1,
            (8, Some(11))
        );
        assert_eq!(
            plenum_ref("Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XIII")
                .unwrap()
                .1,
            (4, Some(13))
        );
        assert_eq!(
            plenum_ref("Hội nghị lần thứ mười hai Ban Chấp hành Trung ương")
                .unwrap()
                .1,
            (12, None)
        );
        assert!(plenum_ref("Trung ương về xây dựng").is_err());
    }

    #[test]
    fn congresses() {
        assert_eq!(congress_ref("Đại hội XII của Đảng").unwrap().1, 12);
        assert_eq!(
            congress_ref("Đại hội đại biểu toàn quốc lần thứ XIII")
                .unwrap()
                .1,
            13
        );
        assert_eq!(
            congress_ref("Đại hội Đảng toàn quốc lần thứ XII")
                .unwrap()
                .1,
            12
        );
        assert_eq!(congress_ref("ĐH XII").unwrap().1, 12);
        assert_eq!(congress_ref("Đại hội 14").unwrap().1, 14);
        assert_eq!(
            congress_ref("Đại hội đại biểu Đảng bộ thành phố Đà Nẵng lần thứ I")
                .unwrap()
                .1,
            1
        );
        assert_eq!(congress_ref("Đại hội Đảng khóa XII và").unwrap().1, 12);
        assert_eq!(congress_ref("Đại hội Đảng khoá XII").unwrap().1, 12);
        assert_eq!(congress_ref("Đại hội Đảng bộ tỉnh khóa XV").unwrap().1, 15);
        assert!(congress_ref("Đại hội đảng bộ các cấp").is_err());
        assert!(congress_ref("Đại hội Đảng").is_err());
    }
}
