//! Relations: what the citing text does with a cited document, read from the verb that governs
//! the citation in its clause (`Căn cứ Luật …` → basis, `triển khai thực hiện Nghị quyết …` →
//! deploys, `sơ kết 5 năm thực hiện Chỉ thị …` → reviews).
//!
//! ```text
//! governed = verb_chain filler{0,4} citation
//! verb_chain = verb { [","] ["và"] quantity{0,3} verb }      (the first verb is the head)
//! verb     = "căn cứ" | "thực hiện" | "thi hành" | "triển khai" | "quán triệt" | "sơ kết"
//!          | "tổng kết" | "hướng dẫn" | "sửa đổi" | "bổ sung" | "thay thế" | "bãi bỏ"
//! filler   = "có" | "hiệu" | "quả" | "tốt" | "nghiêm" | "túc" | "vào" | "theo" | "các" | …
//! quantity = digits | "năm" | "giữa" | "kỳ" | "nhiệm"            (`sơ kết 5 năm thực hiện`)
//! ```
//!
//! `thực hiện` after a noun that makes it one (`việc`, `kết quả`, `tình hình`, `quá trình`,
//! `tiến độ`) is a noun: the text talks about the implementation (`báo cáo kết quả thực hiện
//! Nghị quyết …`: no relation) unless a verb stands right before the noun (`sơ kết việc thực
//! hiện Chỉ thị …` → reviews).
//!
//! The verb must stand in the citation's own clause: after the previous citation, on the same
//! line, not behind a sentence stop or a bracket, and not inside the previous citation's
//! subject (`Kế hoạch số 10 về thực hiện Chỉ thị 05`: the plan's subject, not the clause's verb).
//! A citation with no verb of its own that follows another across nothing but list separators
//! (`Căn cứ Luật …; Luật …; Nghị định …`) shares its relation; a citation nested in another's
//! title (`Luật sửa đổi, bổ sung … của Luật Xây dựng`) has none.

use vanban_model::Relation;

use std::sync::OnceLock;

use crate::lex::{BaseKey, base_is, is_dash, is_hspace, is_line_break, is_space, is_word_char};

use super::phrase::Item;

/// The verbs, as the base letters of their two syllables.
const VERBS: &[(&str, &str, Relation)] = &[
    ("căn", "cư", Relation::Basis),
    ("thưc", "hiên", Relation::Implements),
    ("thi", "hanh", Relation::Implements),
    ("triên", "khai", Relation::Deploys),
    ("quan", "triêt", Relation::Disseminates),
    ("sơ", "kêt", Relation::Reviews),
    ("tông", "kêt", Relation::Reviews),
    ("hương", "dân", Relation::Guides),
    ("sưa", "đôi", Relation::Amends),
    ("bô", "sung", Relation::Amends),
    ("thay", "thê", Relation::Replaces),
    ("bai", "bo", Relation::Repeals),
];

/// Words that may stand between a verb and what it governs.
const FILLERS: &[&str] = &[
    "co", "hiêu", "qua", "tôt", "nghiêm", "tuc", "đây", "đu", "vao", "theo", "cac", "nhưng", "nôi",
    "dung", "tinh", "thân", "sâu", "rông", "môt", "sô", "điêu", "cua", "đông", "bô", "kip", "thơi",
    "quyêt", "liêt", "va",
];

/// Words of a review's period (`sơ kết 5 năm thực hiện`, `tổng kết giữa nhiệm kỳ thực hiện`).
const QUANTITIES: &[&str] = &["năm", "giưa", "ky", "nhiêm", "va"];

/// Nouns that make the `thực hiện` after them a noun (`việc thực hiện`, `kết quả thực hiện`,
/// `tình hình thực hiện`): the implementation is talked about, not done, so it gives no relation
/// unless a verb heads the chain (`sơ kết việc thực hiện` is no chain either: none). As base
/// letters: one word, or the last two.
const NOMINALISERS: &[&[&str]] = &[
    &["viêc"],
    &["sư"],
    &["kêt", "qua"],
    &["tinh", "hinh"],
    &["qua", "trinh"],
    &["tiên", "đô"],
];

/// Words looked back at most from a citation.
const MAX_WORDS: usize = 10;

/// The tables as keys, built once.
struct Tables {
    verbs: Vec<(BaseKey, BaseKey, Relation)>,
    fillers: Vec<BaseKey>,
    quantities: Vec<BaseKey>,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    let key = |w: &str| BaseKey::of(w).expect("table words are short");
    T.get_or_init(|| Tables {
        verbs: VERBS.iter().map(|&(a, b, r)| (key(a), key(b), r)).collect(),
        fillers: FILLERS.iter().map(|w| key(w)).collect(),
        quantities: QUANTITIES.iter().map(|w| key(w)).collect(),
    })
}

/// The words of a window nearest first, read on demand up to a clause stop: most citations
/// need only the one or two words before them.
struct Back<'a> {
    window: &'a str,
    /// Where reading resumes (backwards), `None` once a stop or the start was reached.
    pos: Option<usize>,
    words: [(usize, usize); MAX_WORDS],
    n: usize,
}

impl<'a> Back<'a> {
    fn new(window: &'a str) -> Self {
        Self {
            window,
            pos: Some(window.len()),
            words: [(0, 0); MAX_WORDS],
            n: 0,
        }
    }

    /// Read the next word back; false at a clause stop or the window's start.
    fn advance(&mut self) -> bool {
        let Some(pos) = self.pos else { return false };
        if self.n == MAX_WORDS {
            return false;
        }
        let head = &self.window[..pos];
        let mut end = None;
        for (k, c) in head.char_indices().rev() {
            if is_word_char(c) {
                end.get_or_insert(k + c.len_utf8());
                continue;
            }
            if let Some(e) = end {
                self.words[self.n] = (k + c.len_utf8(), e);
                self.n += 1;
                self.pos = Some(k + c.len_utf8());
                return true;
            }
            // Commas and a colon (`Căn cứ:`) stay inside a clause; other punctuation and every
            // line break (docs/formats.md §7.4) end it.
            if !(c == ',' || c == ':' || is_hspace(c)) {
                self.pos = None;
                return false;
            }
        }
        self.pos = None;
        match end {
            Some(e) => {
                self.words[self.n] = (0, e);
                self.n += 1;
                true
            }
            None => false,
        }
    }

    /// The `k`-th word back, with its start in the window.
    fn get(&mut self, k: usize) -> Option<(&'a str, usize)> {
        while self.n <= k {
            if !self.advance() {
                return None;
            }
        }
        let (s, e) = self.words[k];
        Some((&self.window[s..e], s))
    }

    fn key(&mut self, k: usize) -> Option<BaseKey> {
        BaseKey::of(self.get(k)?.0)
    }
}

/// The head of the verb chain governing a citation that starts where `window` ends, with the
/// verb's offset in the window.
fn governing(window: &str) -> Option<(Relation, usize)> {
    let t = tables();
    let mut back = Back::new(window);
    let verb_at = |back: &mut Back<'_>, k: usize| {
        let second = back.key(k)?;
        // Most words before a citation are no verb's second syllable: reject before reading on.
        if !t.verbs.iter().any(|(_, b, _)| *b == second) {
            return None;
        }
        let first = back.key(k + 1)?;
        let at = back.get(k + 1)?.1;
        t.verbs
            .iter()
            .find(|(a, b, _)| *a == first && *b == second)
            .map(|&(_, _, r)| (r, at))
    };
    let mut k = 0;
    let mut head = loop {
        if let Some(v) = verb_at(&mut back, k) {
            break v;
        }
        // At most four fillers between the verb and the citation.
        if k == 4 || !back.key(k).is_some_and(|w| t.fillers.contains(&w)) {
            return None;
        }
        k += 1;
    };
    // The chain: `quán triệt, triển khai thực hiện`, `sơ kết 5 năm thực hiện`.
    k += 2;
    loop {
        let mut j = k;
        while j < k + 3 {
            let Some((w, _)) = back.get(j) else { break };
            let quantity = w.bytes().all(|b| b.is_ascii_digit())
                || BaseKey::of(w).is_some_and(|w| t.quantities.contains(&w));
            if !quantity {
                break;
            }
            j += 1;
        }
        match verb_at(&mut back, j) {
            Some(v) => {
                head = v;
                k = j + 2;
            }
            None => break,
        }
    }
    // `k` is the word before the head verb: `việc thực hiện` is a noun, which only a verb
    // before it governs (`sơ kết việc thực hiện` → reviews, `triển khai quyết liệt việc thực
    // hiện` → deploys).
    if head.0 == Relation::Implements {
        if let Some(n) = nominaliser(&mut back, k) {
            let mut j = k + n;
            while j < k + n + 4 && back.key(j).is_some_and(|w| t.fillers.contains(&w)) {
                j += 1;
            }
            return verb_at(&mut back, j);
        }
    }
    Some(head)
}

/// Does a noun that makes the verb after it a noun end at word `k`? Its length in words.
fn nominaliser(back: &mut Back<'_>, k: usize) -> Option<usize> {
    let (w, _) = back.get(k)?;
    let prev = back.get(k + 1).map(|(p, _)| p);
    NOMINALISERS.iter().find_map(|n| match n {
        [one] => base_is(w, one).then_some(1),
        [a, b] => (base_is(w, b) && prev.is_some_and(|p| base_is(p, a))).then_some(2),
        _ => None,
    })
}

/// Only list separators between two citations: white space, `,`, `;`, `:`, dashes and bullets,
/// `và`, `hoặc`. Across a line break only a bulleted line continues the list (`Căn cứ:⏎- Luật
/// …;⏎- Luật …`); a new line without one is a new clause.
fn only_separators(gap: &str) -> bool {
    if let Some((k, c)) = gap.char_indices().rev().find(|&(_, c)| is_line_break(c)) {
        let line = gap[k + c.len_utf8()..].trim_start_matches(is_space);
        if !line.starts_with(|c: char| is_dash(c) || c == '+' || c == '•') {
            return false;
        }
    }
    gap.split(|c: char| is_space(c) || matches!(c, ',' | ';' | ':' | '+' | '•') || is_dash(c))
        .all(|w| w.is_empty() || base_is(w, "va") || base_is(w, "hoăc"))
}

/// Longest stretch looked back for a verb, in bytes.
const MAX_BACK: usize = 200;

/// The outermost item seen last: its end, relation and subject span.
pub(crate) type Prev = (usize, Option<Relation>, Option<(usize, usize)>);

/// Give every item the relation of the verb that governs it (items in text order). The items
/// may follow others already given theirs: `prev` is the outermost of those (a list shares its
/// verb across the cut), and is updated.
pub(crate) fn assign_after(text: &str, items: &mut [Item], prev: &mut Option<Prev>) {
    for item in items.iter_mut() {
        let floor = match *prev {
            // Nested in the previous item (an act inside an amending law's title).
            Some((end, _, _)) if item.start < end => continue,
            Some((end, _, _)) => end,
            None => 0,
        };
        let mut lo = floor.max(item.start.saturating_sub(MAX_BACK));
        while !text.is_char_boundary(lo) {
            lo += 1;
        }
        let window = &text[lo..item.start];
        let in_prev_subject = |at: usize| {
            prev.and_then(|(_, _, s)| s)
                .is_some_and(|(s, e)| (s..e).contains(&at))
        };
        item.cite.relation = match governing(window) {
            Some((rel, at)) if !in_prev_subject(lo + at) => Some(rel),
            Some(_) => None,
            None => match *prev {
                Some((_, rel, _)) if lo == floor && only_separators(window) => rel,
                _ => None,
            },
        };
        *prev = Some((item.end, item.cite.relation, item.subject));
    }
}

#[cfg(test)]
mod tests {
    use crate::extract_citations;
    use vanban_model::Relation;

    fn rels(text: &str) -> Vec<Option<Relation>> {
        extract_citations(text).iter().map(|c| c.relation).collect()
    }

    #[test]
    fn the_clause_verb_governs() {
        use Relation::*;
        assert_eq!(
            rels("Căn cứ Nghị quyết số 04-NQ/TW ngày 30/10/2016"),
            [Some(Basis)]
        );
        assert_eq!(
            rels("Để triển khai thực hiện có hiệu quả Chỉ thị số 05-CT/TW, Ban Thường vụ"),
            [Some(Deploys)]
        );
        assert_eq!(
            rels("Tổ chức sơ kết 5 năm thực hiện Nghị quyết số 21-NQ/TW"),
            [Some(Reviews)]
        );
        assert_eq!(
            rels("Quyết định này thay thế Quyết định số 1234/QĐ-UBND ngày 5/5/2015"),
            [Some(Replaces)]
        );
        assert_eq!(rels("bãi bỏ Thông tư số 15/2014/TT-BXD"), [Some(Repeals)]);
        assert_eq!(
            rels("Nghị định số 10/2020/NĐ-CP sửa đổi, bổ sung Nghị định số 86/2014/NĐ-CP"),
            [None, Some(Amends)]
        );
        assert_eq!(rels("ban hành Kế hoạch số 126-KH/TU"), [None]);
    }

    #[test]
    fn lists_share_the_verb() {
        use Relation::*;
        assert_eq!(
            rels(
                "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật Ngân sách nhà nước năm 2015;\n- Nghị định số 163/2016/NĐ-CP;\nNghị định số 20/2017/NĐ-CP quy định"
            ),
            [Some(Basis), Some(Basis), Some(Basis), None]
        );
        assert_eq!(
            rels(
                "Thực hiện Kế hoạch số 10-KH/TU và Hướng dẫn số 05-HD/BTGTU, Ban Thường vụ ban hành Kế hoạch số 12-KH/HU"
            ),
            [Some(Implements), Some(Implements), None]
        );
    }

    #[test]
    fn every_line_break_ends_a_clause() {
        use Relation::*;
        // One definition of a line break (docs/formats.md §7.4): a verb on the line before
        // governs nothing, and across a break only a bulleted line continues a list.
        for br in [
            "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}",
        ] {
            assert_eq!(
                rels(&format!("Căn cứ{br}Nghị quyết số 04-NQ/TW ngày 30/10/2016")),
                [None],
                "{br:?}"
            );
            assert_eq!(
                rels(&format!(
                    "Căn cứ Luật Đất đai năm 2013;{br}- Nghị định số 163/2016/NĐ-CP;{br}Nghị định số 20/2017/NĐ-CP quy định"
                )),
                [Some(Basis), Some(Basis), None],
                "{br:?}"
            );
        }
    }

    #[test]
    fn a_verb_in_another_citation_is_not_the_clause_verb() {
        use Relation::*;
        // The inner law of an amending law's title.
        let c = extract_citations(
            "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Xây dựng năm 2020;",
        );
        assert_eq!(
            c.iter()
                .map(|c| (c.text.as_str(), c.relation))
                .collect::<Vec<_>>(),
            [
                (
                    "Luật sửa đổi, bổ sung một số điều của Luật Xây dựng năm 2020",
                    Some(Basis)
                ),
                ("Luật Xây dựng", None)
            ]
        );
        // A verb in the previous citation's subject.
        assert_eq!(
            rels("Kế hoạch số 10-KH/TU về thực hiện Chỉ thị số 05-CT/TW"),
            [None, None]
        );
    }
}
