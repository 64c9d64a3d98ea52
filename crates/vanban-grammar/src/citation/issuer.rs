//! The issuing body after `của`: `Bộ Chính trị`, `Ban Thường vụ Tỉnh uỷ`, `Thủ tướng Chính phủ`,
//! `Ban Chấp hành Đảng bộ tỉnh`, `BCT`.
//!
//! An issuer is a run of organ-name units from a lexicon (matched by letters, so diacritic noise
//! such as `Bạn Chấp hành Trũng ương` still reads) and capitalised proper names between them.
//! The output uses the lexicon's spelling for units and modern tone placement elsewhere.

use std::sync::OnceLock;

use crate::lex::take_while_m_n;
use nom::Parser;

use crate::error::{Expected, GrammarError, PResult, expected_at};
use crate::lex::{
    Folded, KeywordTable, Match, Syllables, common_tone, first_letter, fold, fold_phrase,
    is_capitalised, same_word, word,
};

/// Abbreviations written in capitals (`BCT`, `BCH`, `T.Ư`, `UBND`, `GD&ĐT`, `GD-ĐT`) are kept
/// as written.
fn is_abbreviation(w: &str) -> bool {
    w.chars().filter(|c| c.is_uppercase()).count() >= 2
        && w.chars()
            .all(|c| c.is_uppercase() || matches!(c, '.' | '&' | '-'))
}

fn units() -> &'static KeywordTable<&'static str> {
    static U: OnceLock<KeywordTable<&'static str>> = OnceLock::new();
    U.get_or_init(|| {
        KeywordTable::new(
            crate::lexicon::organs(crate::lexicon::UNIT)
                .map(|u| (fold_phrase(&u.to_lowercase()), u))
                .collect(),
        )
    })
}

/// Units as most text writes them (the lexicon's spelling, and `uỷ` for `ủy`), indexed by
/// first byte, for a byte comparison before any syllable is folded. Only units that no longer
/// unit extends (`Bộ Chính trị`, not `Ban Chấp hành` of `Ban Chấp hành Trung ương`) are here:
/// an exact match of one of them is then the longest match the lexicon can give.
fn exact_units() -> &'static [Vec<(String, &'static str)>] {
    static U: OnceLock<Vec<Vec<(String, &'static str)>>> = OnceLock::new();
    U.get_or_init(|| {
        let entries = units().entries();
        let extended = |e: &[Folded]| {
            entries
                .iter()
                .any(|(f, _)| f.len() > e.len() && f[..e.len()] == *e)
        };
        let mut by_byte: Vec<Vec<(String, &'static str)>> = vec![Vec::new(); 256];
        for (folded, canon) in entries {
            if extended(folded) {
                continue;
            }
            let old_tone = canon.replace("ủy", "uỷ").replace("Ủy", "Uỷ");
            for spelling in [canon.to_string(), old_tone] {
                let slot = &mut by_byte[usize::from(spelling.as_bytes()[0])];
                if !slot.iter().any(|(s, _)| *s == spelling) {
                    slot.push((spelling, *canon));
                }
            }
        }
        by_byte
    })
}

/// A unit written exactly as `exact_units` has it, ending at a word boundary: its length and
/// canonical spelling.
fn exact_unit(i: &str) -> Option<(usize, &'static str)> {
    let first = *i.as_bytes().first()?;
    exact_units()[usize::from(first)]
        .iter()
        .filter(|(s, _)| {
            i.starts_with(s.as_str())
                && !i[s.len()..]
                    .chars()
                    .next()
                    .is_some_and(crate::lex::is_word_char)
        })
        .max_by_key(|(s, _)| s.len())
        .map(|(s, canon)| (s.len(), *canon))
}

/// Words that end an issuer even when capitalised (`… Bộ Chính trị Về đổi mới`).
fn is_stop(w: &str) -> bool {
    const STOPS: &[&str] = &[
        "về", "ngày", "khóa", "năm", "và", "số", "của", "tại", "nhiệm", "lần", "đã", "ban", "quy",
        "theo", "thực", "hướng",
    ];
    static FOLDED: OnceLock<Vec<Folded>> = OnceLock::new();
    let stops = FOLDED.get_or_init(|| STOPS.iter().map(|s| fold(s)).collect());
    // `w`'s first letter once, not once per stop word.
    let first = first_letter(w);
    stops
        .iter()
        .any(|s| s.first == first && same_word(w, s, Match::Tone))
}

/// sp_inline = (white space but a line break){1,16}: an issuer never continues on the next line.
fn sp_inline(i: &str) -> PResult<'_, &str> {
    take_while_m_n(1, crate::lex::MAX_SPACE, crate::lex::is_hspace).parse(i)
}

/// A lower-case syllable that may end a capitalised name: not the start of a lexicon unit
/// written in lower case (`tỉnh`, `huyện`…), which stands on its own. (`chính` completes
/// `Tài chính` although `Chính phủ` is a unit: that one is written capitalised.)
fn unit_start(w: &str) -> bool {
    !units().candidates(w).any(|(phrase, canon)| {
        canon.starts_with(char::is_lowercase) && same_word(w, &phrase[0], Match::Tone)
    })
}

/// One issuer token, as written; rendered only once the whole issuer has parsed.
#[derive(Debug, Clone, Copy)]
enum Token<'a> {
    /// A lexicon unit, in the lexicon's spelling.
    Unit(&'static str),
    /// An abbreviation in capitals, kept as written (`BCT`, `T.Ư`, `UBND`).
    Abbreviation(&'a str),
    /// A capitalised name word, with the lower-case syllable that completes it (`Quốc gia`).
    Name(&'a str, Option<&'a str>),
}

impl Token<'_> {
    fn render(self, out: &mut String) {
        match self {
            Token::Unit(u) => out.push_str(u),
            Token::Abbreviation(w) => out.push_str(w),
            Token::Name(w, partner) => {
                proper_name(w, out);
                if let Some(p) = partner {
                    out.push(' ');
                    out.push_str(&common_tone(p));
                }
            }
        }
    }
}

/// One issuer token and the rest of the input.
///
/// `partner_ok`: a capitalised name word may take a lower-case partner syllable only when it
/// starts a name (`Ban Chỉ đạo Quốc gia`), not inside one (`UBND tỉnh Quảng Bình phê duyệt`).
fn unit(i: &str, partner_ok: bool) -> PResult<'_, Token<'_>> {
    // A type word starts a new citation, not a name (`… Thành ủy Hà Nội Nghị quyết số …`).
    let mut words = Syllables::new(i);
    if words.get(0).is_none() || super::doctype::starts_type_word(&mut words) {
        return expected_at(i, Expected::IssuingBody);
    }
    if let Some((len, canon)) = exact_unit(i) {
        return Ok((&i[len..], Token::Unit(canon)));
    }
    // Exact letters and tones first (`Quận ủy` is not `Quân ủy`); letters only as a fallback for
    // diacritic noise, and never for one syllable: `đang` (currently) is not `Đảng`.
    let table = units();
    let best = table
        .longest_in(&mut words, Match::Tone, 1)
        .or_else(|| table.longest_in(&mut words, Match::Loose, 2));
    if let Some((rest, (canon, _))) = best {
        return Ok((rest, Token::Unit(canon)));
    }
    // One run of letters, dots, ampersands and hyphens: the whole of it may be an abbreviation
    // (`T.Ư`, `BCH`, `UBND`, `TP.HCM`, `GD&ĐT`, `GD-ĐT`), else its first word is read, which
    // may be one too (`UBND` of `UBND-tỉnh`).
    let (_, run) = take_while_m_n(1, 16, |c: char| {
        crate::lex::is_word_char(c) || matches!(c, '.' | '&' | '-')
    })
    .parse(i)?;
    let whole = run.trim_end_matches(['.', '&', '-']);
    let w = run.split(['&', '-']).next().unwrap_or(run);
    let w = w.trim_end_matches('.');
    for abbr in [whole, w] {
        if is_abbreviation(abbr) && !is_stop(abbr) {
            return Ok((&i[abbr.len()..], Token::Abbreviation(abbr)));
        }
    }
    let rest = &i[w.len()..];
    if w.is_empty() || is_stop(w) {
        return expected_at(i, Expected::IssuingBody);
    }
    if is_capitalised(w) {
        // Names are two-syllable words capitalised on the first (`Quốc gia`, `Tư pháp`,
        // `Công an`): one lower-case partner syllable may follow.
        if let Ok((after, (_, partner))) = (sp_inline, word).parse(rest) {
            if partner_ok
                && partner.starts_with(char::is_lowercase)
                && !is_stop(partner)
                && unit_start(partner)
            {
                return Ok((after, Token::Name(w, Some(partner))));
            }
        }
        return Ok((rest, Token::Name(w, None)));
    }
    expected_at(i, Expected::IssuingBody)
}

/// A capitalised word of a place or organ name, in title case (upper-case text gets `Đồng`).
fn proper_name(w: &str, out: &mut String) {
    let mut chars = w.chars();
    let Some(first) = chars.next() else { return };
    let rest = chars.as_str();
    let mut name = String::with_capacity(w.len());
    name.extend(first.to_uppercase());
    if rest.chars().all(|c| !c.is_lowercase()) {
        name.extend(rest.chars().flat_map(char::to_lowercase));
    } else {
        name.push_str(rest);
    }
    out.push_str(&common_tone(&name));
}

/// issuer = unit { sp unit }{0,11} { ("," | "và") sp organ_head … }
///
/// Returns the canonical issuer text. At least one lexicon unit or abbreviation must occur, so
/// a bare capitalised word (`của Hà Nội`) is not taken for an issuer.
pub(crate) fn issuer(i: &str) -> PResult<'_, String> {
    let (mut rest, first) = unit(i, true)?;
    // Tokens with the joiner before each (`""` for a space); rendered once the parse is done.
    let mut tokens: [(&str, Token<'_>); 13] = [("", first); 13];
    let mut n = 1;
    let mut in_name = matches!(first, Token::Name(..));
    let mut central_so_far = is_central(first);
    let mut end = rest;
    for _ in 0..12 {
        // A second central body joined by a comma or `và`: `Bộ Chính trị, Ban Bí thư`.
        if central_so_far {
            if let Ok((r, (joiner, _, u))) = (joiner, sp_inline, central_body).parse(rest) {
                tokens[n] = (joiner, u);
                n += 1;
                rest = r;
                end = r;
                continue;
            }
        }
        match (sp_inline, |i| unit(i, !in_name)).parse(rest) {
            Ok((r, (_, u))) => {
                in_name = matches!(u, Token::Name(..));
                central_so_far |= is_central(u);
                tokens[n] = ("", u);
                n += 1;
                rest = r;
                end = r;
            }
            Err(_) => break,
        }
    }
    let tokens = &tokens[..n];
    if !tokens
        .iter()
        .any(|(_, t)| matches!(t, Token::Unit(_) | Token::Abbreviation(_)))
    {
        return expected_at(i, Expected::IssuingBody);
    }
    let mut text = String::with_capacity(i.len() - end.len() + 8);
    for (k, (joiner, token)) in tokens.iter().enumerate() {
        match *joiner {
            "," => text.push_str(", "),
            "và" => text.push_str(" và "),
            _ if k > 0 => text.push(' '),
            _ => {}
        }
        token.render(&mut text);
    }
    Ok((end, text))
}

/// joiner = sp? "," | sp "và"
fn joiner(i: &str) -> PResult<'_, &'static str> {
    if let Ok((r, _)) = nom::character::complete::char::<_, GrammarError<'_>>(',').parse(i) {
        return Ok((r, ","));
    }
    static VA: OnceLock<Folded> = OnceLock::new();
    let (r, (_, w)) = (sp_inline, word).parse(i)?;
    if same_word(w, VA.get_or_init(|| fold("và")), Match::Tone) {
        Ok((r, "và"))
    } else {
        expected_at(i, Expected::JoinedIssuer)
    }
}

fn is_central(t: Token<'_>) -> bool {
    static CENTRAL: OnceLock<Vec<&'static str>> = OnceLock::new();
    let central = CENTRAL.get_or_init(|| crate::lexicon::organs(crate::lexicon::CENTRAL).collect());
    matches!(t, Token::Unit(u) if central.contains(&u))
}

/// central_body = one of the lexicon's central bodies (`lexicon::CENTRAL`): only these join with `,` or `và` into one issuer, so that
/// `của Bộ Chính trị, Ban Thường vụ Tỉnh ủy xây dựng…` keeps the second body out.
fn central_body(i: &str) -> PResult<'_, Token<'_>> {
    let (rest, u) = unit(i, false)?;
    if is_central(u) {
        Ok((rest, u))
    } else {
        expected_at(i, Expected::CentralBody)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iss(s: &str) -> String {
        issuer(s).unwrap().1
    }

    #[test]
    fn common_bodies() {
        for (text, want) in [
            ("Bộ Chính trị về đổi mới", "Bộ Chính trị"),
            ("Bộ Chính trị khoá XII", "Bộ Chính trị"),
            (
                "Ban Thường vụ Tỉnh uỷ về thực hiện",
                "Ban Thường vụ Tỉnh ủy",
            ),
            (
                "Ban Chấp hành Trung ương Đảng khóa XII",
                "Ban Chấp hành Trung ương Đảng",
            ),
            ("Thủ tướng Chính phủ quy định", "Thủ tướng Chính phủ"),
            ("Ban Bí thư Trung ương Đảng", "Ban Bí thư Trung ương Đảng"),
            ("BCT về", "BCT"),
            ("Bộ Chính trị ban hành", "Bộ Chính trị"),
            ("BỘ CHÍNH TRỊ VỀ XỬ LÝ", "Bộ Chính trị"),
            ("bộ chính trị về", "Bộ Chính trị"),
            (
                "Bạn Chấp hành Trũng ương Đảng về",
                "Ban Chấp hành Trung ương Đảng",
            ),
            ("Bộ Chính trị, Ban Bí thư về", "Bộ Chính trị, Ban Bí thư"),
            ("Ban Tuyên giáo Tỉnh ủy", "Ban Tuyên giáo Tỉnh ủy"),
            (
                "Ban Chấp hành Đảng bộ tỉnh về",
                "Ban Chấp hành Đảng bộ tỉnh",
            ),
            ("Thành ủy Hà Nội về", "Thành ủy Hà Nội"),
            ("Ban Bí thư T.Ư Đảng", "Ban Bí thư T.Ư Đảng"),
            ("Ban Chỉ đạo Quốc gia phòng, chống", "Ban Chỉ đạo Quốc gia"),
            ("Ủy ban Tư pháp của Quốc hội", "Ủy ban Tư pháp"),
            ("Đảng ủy Công an Trung ương", "Đảng ủy Công an Trung ương"),
            ("Bộ Chính trị\nSáng nay", "Bộ Chính trị"),
            ("UBND tỉnh Quảng Bình về", "UBND tỉnh Quảng Bình"),
            ("UBND tỉnh Quảng Bình phê duyệt", "UBND tỉnh Quảng Bình"),
            ("UBND tỉnh Lào Cai ký ban hành", "UBND tỉnh Lào Cai"),
            (
                "Ban cán sự đảng Bộ Giáo dục và Đào tạo",
                "Ban cán sự đảng Bộ Giáo dục và Đào tạo",
            ),
            (
                "Bộ Nông nghiệp và Phát triển nông thôn về",
                "Bộ Nông nghiệp và Phát triển nông thôn",
            ),
        ] {
            assert_eq!(iss(text), want, "{text}");
        }
        assert!(issuer("Hà Nội").is_err());
        assert!(issuer("mình").is_err());
    }

    #[test]
    fn local_and_judicial_bodies() {
        for (text, want) in [
            ("UBND thị xã Rạch Giá thu hồi đất", "UBND thị xã Rạch Giá"),
            ("UBND xã Thủy Bằng về việc", "UBND xã Thủy Bằng"),
            ("UBND phường Bến Nghé về", "UBND phường Bến Nghé"),
            ("TAND tối cao về việc", "TAND tối cao"),
            (
                "Viện kiểm sát nhân dân tối cao về",
                "Viện kiểm sát nhân dân tối cao",
            ),
            ("Bộ trưởng Bộ GD&ĐT, học sinh", "Bộ trưởng Bộ GD&ĐT"),
            ("Bộ KH&CN về", "Bộ KH&CN"),
            ("Bộ GD-ĐT về quy chế", "Bộ GD-ĐT"),
            ("Bộ GD - ĐT về", "Bộ GD"),
            ("UBND-tỉnh Hà Giang về", "UBND"),
            // An ampersand alone is not an abbreviation.
            ("Bộ Tài chính & các bộ", "Bộ Tài chính"),
        ] {
            assert_eq!(iss(text), want, "{text}");
        }
    }
}
