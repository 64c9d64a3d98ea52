//! Type words (`Nghị quyết`, `Chỉ thị`, `Luật`…): the table, and the literal patterns the
//! prefilter searches for.

use std::sync::OnceLock;

use crate::error::PResult;
use crate::lex::{KeywordTable, Match, Syllables, capitalise, fold_phrase};

/// One document type as prose names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DocType {
    /// Canonical name (`Nghị quyết`); `None` for the generic `văn bản`.
    pub(crate) name: Option<&'static str>,
    /// Type code implied by the word, for short forms (`Chỉ thị 05` → `CT`).
    pub(crate) code: Option<&'static str>,
    /// May stand with a bare number (`Quy định 205`).
    pub(crate) short: bool,
    /// Only the state issues it (`Nghị định`, `Luật`), so a short form is a state citation.
    pub(crate) state_only: bool,
    /// A law-like act whose name may stand between the word and `số` (`Luật Báo chí số 103/2016/QH13`).
    pub(crate) named: bool,
}

const fn t(name: &'static str, code: &'static str, short: bool) -> DocType {
    DocType {
        name: Some(name),
        code: Some(code),
        short,
        state_only: false,
        named: false,
    }
}

const fn state(name: &'static str, code: &'static str, named: bool) -> DocType {
    DocType {
        name: Some(name),
        code: Some(code),
        short: true,
        state_only: true,
        named,
    }
}

/// An act cited mostly by name (`Hiến pháp năm 2013`, `Điều lệ Đảng`): no type code of its own.
const fn act(name: &'static str) -> DocType {
    DocType {
        name: Some(name),
        code: None,
        short: false,
        state_only: false,
        named: false,
    }
}

/// Spellings (lower case, NFC; any case and tone placement match) and what they mean.
const WORDS: &[(&str, DocType)] = &[
    ("nghị quyết", t("Nghị quyết", "NQ", true)),
    ("quyết định", t("Quyết định", "QĐ", true)),
    ("quy định", t("Quy định", "QĐ", true)),
    ("qui định", t("Quy định", "QĐ", true)),
    ("chỉ thị", t("Chỉ thị", "CT", true)),
    ("kết luận", t("Kết luận", "KL", true)),
    ("thông báo kết luận", t("Thông báo", "TB", false)),
    ("thông báo", t("Thông báo", "TB", false)),
    ("hướng dẫn", t("Hướng dẫn", "HD", false)),
    ("kế hoạch", t("Kế hoạch", "KH", true)),
    ("chương trình hành động", t("Chương trình", "CTr", true)),
    ("chương trình", t("Chương trình", "CTr", false)),
    ("quy chế", t("Quy chế", "QC", false)),
    ("thông tri", t("Thông tri", "TT", false)),
    ("công văn", t("Công văn", "CV", false)),
    ("tờ trình", t("Tờ trình", "TTr", false)),
    ("báo cáo", t("Báo cáo", "BC", false)),
    ("đề án", t("Đề án", "ĐA", false)),
    ("biên bản", t("Biên bản", "BB", false)),
    ("giấy giới thiệu", t("Giấy giới thiệu", "GGT", false)),
    (
        "văn bản",
        DocType {
            name: None,
            code: None,
            short: false,
            state_only: false,
            named: false,
        },
    ),
    ("nghị định", state("Nghị định", "NĐ", false)),
    (
        "thông tư liên tịch",
        state("Thông tư liên tịch", "TTLT", false),
    ),
    ("thông tư", state("Thông tư", "TT", false)),
    ("công điện", state("Công điện", "CĐ", false)),
    ("luật", state("Luật", "L", true)),
    ("bộ luật", state("Bộ luật", "L", true)),
    ("pháp lệnh", state("Pháp lệnh", "PL", true)),
    ("hiến pháp", act("Hiến pháp")),
    ("điều lệ", act("Điều lệ")),
    ("cương lĩnh", act("Cương lĩnh")),
];

fn table() -> &'static KeywordTable<DocType> {
    static TABLE: OnceLock<KeywordTable<DocType>> = OnceLock::new();
    TABLE.get_or_init(|| {
        KeywordTable::new(WORDS.iter().map(|(w, d)| (fold_phrase(w), *d)).collect())
    })
}

/// type_word = one of WORDS, any case, either tone placement (longest wins)
pub(crate) fn type_word(i: &str, how: Match) -> PResult<'_, DocType> {
    let (rest, (d, _)) = table().longest(i, how)?;
    Ok((rest, d))
}

/// Could a type word start `phrase`? A test of its first letter, before any word is read.
pub(crate) fn may_start_type_word(phrase: &str) -> bool {
    phrase
        .chars()
        .next()
        .is_some_and(|c| table().has_first(crate::lex::fold_char(c).0))
}

/// Does a type word start `words`? (For parsers that match other tables at the same place.)
pub(crate) fn starts_type_word(words: &mut Syllables<'_>) -> bool {
    table().longest_in(words, Match::Tone, 1).is_some()
}

/// The type words that anchor a citation by themselves, and whether their each-syllable
/// capitalised spelling (`Quy Định`) is common enough to search for.
///
/// Only words that can start a citation without a symbol are anchors: short forms (`Chỉ thị 05`)
/// and plenum and congress resolutions. Every other citation carries a symbol, so its slash
/// anchors it and the type word is found by looking back; that is also how the rarer short-form
/// words (`qui định`, `bộ luật`, `công điện`) are read when numbered. Acts named without a
/// number add their own anchors (`ACT_ANCHORS`); the searcher is Fat Teddy, which takes up to
/// 64 patterns.
const ANCHORS: &[(&str, bool)] = &[
    ("nghị quyết", true),
    ("quyết định", true),
    ("quy định", true),
    ("chỉ thị", true),
    ("kết luận", true),
    ("kế hoạch", false),
    ("nghị định", false),
    ("thông tư", false),
    ("luật", false),
];

/// Type words of acts cited by name only (`Hiến pháp năm 2013`, `Điều lệ Đảng`): anchors in
/// their capitalised and upper-case spellings (a name is cited with a capital; `điều lệ công ty`
/// in lower case is prose). `Luật` is an anchor above, and `Bộ luật` is found through it.
const ACT_ANCHORS: &[&str] = &["hiến pháp", "pháp lệnh", "điều lệ", "cương lĩnh"];

/// Literal spellings of the anchors in the casings real text uses: lower case, first letter
/// capitalised (`Nghị quyết`), each syllable capitalised (`Quy Định`) where common, upper case.
pub(crate) fn prefilter_patterns() -> Vec<(String, DocType)> {
    let mut out: Vec<(String, DocType)> = Vec::new();
    for &(word, title_each) in ANCHORS {
        let Some(&(_, doc)) = WORDS.iter().find(|(w, _)| *w == word) else {
            continue;
        };
        let mut variants = vec![word.to_owned(), capitalise(word), word.to_uppercase()];
        if title_each {
            variants.push(
                word.split(' ')
                    .map(capitalise)
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
        for variant in variants {
            if !out.iter().any(|(v, _)| *v == variant) {
                out.push((variant, doc));
            }
        }
    }
    for &word in ACT_ANCHORS {
        if let Some(&(_, doc)) = WORDS.iter().find(|(w, _)| *w == word) {
            out.push((capitalise(word), doc));
            out.push((word.to_uppercase(), doc));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_words_any_case() {
        for (s, name) in [
            ("Nghị quyết số", "Nghị quyết"),
            ("NGHỊ QUYẾT", "Nghị quyết"),
            ("Qui Định 41", "Quy định"),
            ("Thông báo kết luận số", "Thông báo"),
            ("Chương trình hành động số", "Chương trình"),
            ("Thông tư liên tịch số", "Thông tư liên tịch"),
        ] {
            assert_eq!(type_word(s, Match::Tone).unwrap().1.name, Some(name), "{s}");
        }
        assert!(type_word("Kềt luận", Match::Tone).is_err());
        assert_eq!(
            type_word("Kềt luận", Match::Loose).unwrap().1.name,
            Some("Kết luận")
        );
        assert_eq!(type_word("văn bản số", Match::Tone).unwrap().1.name, None);
    }

    #[test]
    fn patterns_cover_three_casings() {
        let p = prefilter_patterns();
        for w in [
            "nghị quyết",
            "Nghị Quyết",
            "NGHỊ QUYẾT",
            "Quy Định",
            "luật",
            "KẾT LUẬN",
        ] {
            assert!(p.iter().any(|(x, _)| x == w), "{w}");
        }
        assert!(!p.iter().any(|(x, _)| x == "văn bản" || x == "báo cáo"));
        assert!(p.iter().any(|(x, _)| x == "Điều lệ"));
        assert!(!p.iter().any(|(x, _)| x == "điều lệ"));
        assert!(p.len() <= 48, "{} patterns", p.len());
    }
}
