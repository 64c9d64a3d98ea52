//! Acts cited by name, without a number: `Luật Đất đai năm 2013`, `Bộ luật Hình sự`,
//! `Hiến pháp năm 2013`, `Pháp lệnh Công an xã`, `Điều lệ Đảng`, `Cương lĩnh xây dựng đất nước
//! trong thời kỳ quá độ lên chủ nghĩa xã hội (bổ sung, phát triển năm 2011)`.
//!
//! ```text
//! act       = act_word sp name [year_slot]          (kind `act`)
//!           | act_word sp name sp "số" numbered     (a numbered law: kind `state`, with its title)
//! act_word  = "Luật" | "Bộ luật" | "Pháp lệnh" | "Hiến pháp" | "Điều lệ" | "Cương lĩnh"
//!             (first letter capitalised; not after `dự thảo`, `dự án`, `các`, `Đại học`, …)
//! name      = amending | known | quoted | free &year_slot | &year_slot (Hiến pháp, Cương lĩnh)
//! amending  = ("sửa đổi" [","] ["bổ sung"] | "bổ sung") ["một số điều"] "của" inner {("," | "và") inner}
//! inner     = act_word sp known                      (reported as acts of their own)
//! known     = a title of data/act_titles.tsv, any case and tone placement, commas optional
//! free      = capitalised word { word | "," }{0,9} on one line
//! year_slot = sp ("năm" sp year | year | "(" word{0,4} "năm" sp year ")" | "ngày" sp date)
//! ```
//!
//! The end of a name is the hard part (`Luật Cán bộ, công chức` holds a comma): a title from the
//! bundled list ends it; any other name must end at a year (`Luật Xyz năm 2020`) or a closing
//! quote. Precision first: `luật pháp`, `các luật`, `Luật sư`, `dự thảo Luật …`, `Luật này` give
//! nothing.

use std::cell::Cell;
use std::sync::OnceLock;

use nom::Parser;

use super::date::{Date, date, year};
use super::doctype::{DocType, type_word};
use super::phrase::{Found, Item, numbered};
use super::symbol::doc_no;
use crate::lex::{
    BaseKey, Folded, Match, TableMap, base_is, fold, is_capitalised, is_space, is_word_char,
    same_word, sp, sp0, word,
};
use vanban_model::CitationKind;

/// The type words of acts, as `DocType::name` spells them.
const ACT_WORDS: &[&str] = &[
    "Luật",
    "Bộ luật",
    "Pháp lệnh",
    "Hiến pháp",
    "Điều lệ",
    "Cương lĩnh",
];

/// Is `doc` the type word of an act that may be cited by name?
pub(crate) fn is_act_word(doc: DocType) -> bool {
    doc.name.is_some_and(|n| ACT_WORDS.contains(&n))
}

/// The bundled titles (their words folded), indexed by type word and the base letters of the
/// first word (the tone is compared with the rest: `Luật gia`, a jurist, is no `Luật Giá`).
struct Titles {
    by_key: TableMap<(u8, BaseKey), Vec<Vec<Folded>>>,
}

fn titles() -> &'static Titles {
    static T: OnceLock<Titles> = OnceLock::new();
    T.get_or_init(|| {
        let mut by_key: TableMap<(u8, BaseKey), Vec<Vec<Folded>>> = TableMap::default();
        for line in include_str!("../../data/act_titles.tsv").lines() {
            // TYPE WORD, TITLE, SOURCE (see the file's header).
            let mut fields = line.split('\t');
            let (Some(doc), Some(title)) = (fields.next(), fields.next()) else {
                continue;
            };
            let Some(doc) = ACT_WORDS.iter().position(|w| *w == doc) else {
                continue;
            };
            let words: Vec<&str> = title.split([' ', ',']).filter(|w| !w.is_empty()).collect();
            let Some(first) = words.first().and_then(|w| BaseKey::of(w)) else {
                continue;
            };
            let folded: Vec<Folded> = words.iter().map(|w| fold(w)).collect();
            by_key.entry((doc as u8, first)).or_default().push(folded);
        }
        Titles { by_key }
    })
}

/// One token after the type word: a word, or a comma; byte offsets into the text.
#[derive(Debug, Clone, Copy, Default)]
struct Tok {
    start: usize,
    end: usize,
    comma: bool,
    /// A line break lies between this token and the one before.
    newline_before: bool,
}

/// Tokens read ahead at most: the longest title has 18 words.
const MAX_TOKS: usize = 24;

/// The words and commas from `from` on (white space of any kind between them), at most
/// `MAX_TOKS`, read on demand (most anchors need two or three); stops at any other character.
struct Toks<'a> {
    text: &'a str,
    toks: [Cell<Tok>; MAX_TOKS],
    n: Cell<usize>,
    pos: Cell<usize>,
    done: Cell<bool>,
}

impl<'a> Toks<'a> {
    fn read(text: &'a str, from: usize) -> Self {
        Self {
            text,
            toks: std::array::from_fn(|_| Cell::new(Tok::default())),
            n: Cell::new(0),
            pos: Cell::new(from),
            done: Cell::new(false),
        }
    }

    /// Read one more token; false at the end.
    fn advance(&self) -> bool {
        let n = self.n.get();
        if self.done.get() || n == MAX_TOKS {
            return false;
        }
        let text = self.text;
        let rest = &text[self.pos.get()..];
        let (after_sp, gap) = sp0(rest).unwrap_or((rest, ""));
        let start = text.len() - after_sp.len();
        let newline_before = gap.contains(['\n', '\r']);
        let comma = after_sp.starts_with(',');
        let end = if comma {
            start + 1
        } else if let Ok((_, w)) = word(after_sp) {
            start + w.len()
        } else {
            self.done.set(true);
            return false;
        };
        // Words are separated by white space (a comma may be glued to either side).
        if n > 0 && gap.is_empty() && !comma && !self.toks[n - 1].get().comma {
            self.done.set(true);
            return false;
        }
        self.toks[n].set(Tok {
            start,
            end,
            comma,
            newline_before,
        });
        self.n.set(n + 1);
        self.pos.set(end);
        true
    }

    fn get(&self, k: usize) -> Option<Tok> {
        while self.n.get() <= k {
            if !self.advance() {
                return None;
            }
        }
        Some(self.toks[k].get())
    }
}

/// The longest bundled title of `doc` at token `k`: the index of the token after it.
fn known(text: &str, toks: &Toks<'_>, k: usize, doc: &'static str) -> Option<usize> {
    let first = toks.get(k).filter(|t| !t.comma)?;
    let key = BaseKey::of(&text[first.start..first.end])?;
    let doc = ACT_WORDS.iter().position(|w| *w == doc)? as u8;
    let list = titles().by_key.get(&(doc, key))?;
    let mut best = None;
    for title in list {
        let mut t = k;
        let mut ok = true;
        for want in title {
            // Commas in the text are optional in the title and the other way round.
            while toks.get(t).is_some_and(|x| x.comma) {
                t += 1;
            }
            match toks.get(t) {
                Some(x) if same_word(&text[x.start..x.end], want, Match::Tone) => t += 1,
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        if ok && best.is_none_or(|b| t > b) {
            best = Some(t);
        }
    }
    best
}

/// Words that cannot begin or continue a free name (they begin the clause after it).
fn ends_free_name(w: &str) -> bool {
    const STOPS: &[&str] = &[
        "sô", "ngay", "theo", "tai", "thi", "la", "đa", "đươc", "quy", "co", "nay", "nêu", "trên",
        "vê", "cua", "va", "hoăc", "cac", "nhưng", "đê", "khi", "sư",
    ];
    static KEYS: OnceLock<Vec<BaseKey>> = OnceLock::new();
    in_set(w, KEYS.get_or_init(|| keys(STOPS)))
}

/// The keys of a word list (table words are short).
fn keys(words: &[&str]) -> Vec<BaseKey> {
    words.iter().filter_map(|w| BaseKey::of(w)).collect()
}

/// Is `w` one of `set` (by base letters)? One fold of `w`, then equality tests.
fn in_set(w: &str, set: &[BaseKey]) -> bool {
    BaseKey::of(w).is_some_and(|k| set.contains(&k))
}

/// year_slot: where it ends, with the date or year it gives.
fn year_slot(text: &str, from: usize) -> Option<(usize, Option<Date>, i32)> {
    let rest = &text[from..];
    let off = |r: &str| text.len() - r.len();
    // `năm 2013`, `ngày 19 tháng 6 năm 2015`
    if let Ok((r, _)) = sp(rest) {
        if let Ok((after, w)) = word(r) {
            if base_is(w, "năm") {
                if let Ok((after, (_, y))) = (sp, year).parse(after) {
                    if !year_continues(after) {
                        return Some((off(after), None, y));
                    }
                }
            } else if base_is(w, "ngay") {
                if let Ok((after, (_, d))) = (sp0, date).parse(after) {
                    if let Some(y) = d.year {
                        return Some((off(after), Some(d), y));
                    }
                }
            }
        }
        // `Luật Giáo dục 2019`
        if let Ok((after, y)) = year(r) {
            if !year_continues(after) {
                return Some((off(after), None, y));
            }
        }
    }
    // `(năm 2013)`, `(bổ sung, phát triển năm 2011)`
    let r = crate::lex::after_space(rest);
    let inner = r.strip_prefix('(')?;
    let close = inner.char_indices().take(60).find(|&(_, c)| c == ')')?.0;
    let body = &inner[..close];
    if body.contains('\n') {
        return None;
    }
    let head = body.trim_end_matches(|c: char| c.is_ascii_digit());
    let digits = &body[head.len()..];
    let (_, y) = year(digits).ok()?;
    let head = head.trim_end_matches(is_space);
    let nam = head.rsplit(is_space).next()?;
    let words = head
        .split(|c: char| is_space(c) || c == ',')
        .filter(|w| !w.is_empty());
    if !base_is(nam, "năm") || words.count() > 5 || digits.len() != 4 {
        return None;
    }
    Some((off(&inner[close + 1..]), None, y))
}

/// A year that goes on (`2021-2025`, `2013/QH13`, `20134`) is no year slot.
fn year_continues(after: &str) -> bool {
    after
        .chars()
        .next()
        .is_some_and(|c| crate::lex::is_alnum(c) || c == '/' || crate::lex::is_dash(c))
}

/// The word before `at` (skipping white space), if any, after `floor`.
fn word_before(text: &str, at: usize, floor: usize) -> Option<(usize, &str)> {
    let head = text.get(floor..at)?.trim_end_matches(is_space);
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()?
        .0;
    Some((floor + start, &head[start..]))
}

/// Words before an act word that make it no citation of an act in force: a draft or bill
/// (`dự thảo Luật`, `dự án Luật`), a generic plural (`các Luật`), a school or a degree
/// (`Đại học Luật`, `cử nhân Luật`, `Công ty Luật`).
fn blocked_by(prev: &str) -> bool {
    const BLOCKERS: &[&str] = &[
        "thao", "an", "cac", "nhưng", "moi", "hoc", "khoa", "nganh", "nhân", "si", "ty", "hang",
        "viên", "trương", "phong", "đao", "tưng",
    ];
    static KEYS: OnceLock<Vec<BaseKey>> = OnceLock::new();
    in_set(prev, KEYS.get_or_init(|| keys(BLOCKERS)))
}

/// Parse an act from its type word at `at..after` (`Luật`, or `luật` of `Bộ luật`).
pub(crate) fn from_type_word(
    text: &str,
    at: usize,
    after: usize,
    doc: DocType,
    floor: usize,
) -> Option<Found> {
    let mut start = at;
    let mut doc = doc;
    // Most anchors are `luật` of `pháp luật`, `kỷ luật`: only a capital or `Bộ` before it
    // (`Bộ luật`, `bộ luật`) can begin an act.
    let head = text[floor..at].trim_end_matches(is_space);
    let bo = head.ends_with("Bộ") || head.ends_with("bộ") || head.ends_with("BỘ");
    if !text[at..].starts_with(char::is_uppercase) && !bo {
        return None;
    }
    // `Bộ luật`: the anchor is `luật`; the type word begins one word earlier.
    if doc.name == Some("Luật") && bo {
        if let Some((s, w)) = word_before(text, at, floor) {
            if base_is(w, "bô") && text[s + w.len()..at].chars().all(is_space) {
                let (_, bo) = type_word(&text[s..after], Match::Tone).ok()?;
                if bo.name == Some("Bộ luật") {
                    start = s;
                    doc = bo;
                }
            }
        }
    }
    if !text[start..].starts_with(char::is_uppercase) {
        return None;
    }
    if word_before(text, start, floor).is_some_and(|(_, w)| blocked_by(w)) {
        return None;
    }
    parse_act(text, start, after, doc, 0)
}

/// The act whose type word spans `start..after`; `depth` 1 for an inner act (no inner of its own,
/// no year, no number).
fn parse_act(text: &str, start: usize, after: usize, doc: DocType, depth: u8) -> Option<Found> {
    let name = doc.name?;
    if depth == 0 {
        if let Some((title, end)) = quoted_title(text, after) {
            let slot = year_slot(text, end);
            let end = slot.map_or(end, |(e, _, _)| e);
            let mut item = Item::new(start, end, CitationKind::Act, Some(doc));
            item.title = Some(title);
            if let Some((_, d, y)) = slot {
                item.cite.year = Some(y);
                item.cite.date = d.and_then(|d| d.iso());
            }
            return Some(Found {
                items: vec![item],
                resume: end,
            });
        }
    }
    let toks = Toks::read(text, after);
    // The name begins on the type word's line (`LUẬT⏎ĐẤT ĐAI` is a document's own heading).
    let first = toks.get(0).filter(|t| !t.comma && !t.newline_before);
    let mut inner: Vec<Item> = Vec::new();
    // The name: the token index after it and whether the list or an amending title ended it
    // (`None` when the type word stands alone).
    let name_end: Option<(usize, bool)> = match first {
        Some(t) if depth == 0 && is_amending(&text[t.start..t.end]) => {
            amending(text, &toks, &mut inner)
                .map(|k| (k, true))
                .or_else(|| free(text, &toks, 16, true).map(|k| (k, false)))
        }
        Some(t)
            if base_is(&text[t.start..t.end], "sư") || base_is(&text[t.start..t.end], "nay") =>
        {
            return None;
        }
        Some(_) => known(text, &toks, 0, name).map(|k| (k, true)).or_else(|| {
            (depth == 0)
                .then(|| free(text, &toks, 10, false))
                .flatten()
                .map(|k| (k, false))
        }),
        None => None,
    };
    let (title, title_end) = match name_end {
        Some((k, _)) => {
            let last = toks.get(k - 1)?;
            (Some((toks.get(0)?.start, last.end)), last.end)
        }
        // Only the Constitution and the platform are cited by type word and year alone.
        None if matches!(name, "Hiến pháp" | "Cương lĩnh") => (None, after),
        None => return None,
    };
    if depth > 0 {
        let mut item = Item::new(start, title_end, CitationKind::Act, Some(doc));
        item.title = title;
        return Some(Found {
            items: vec![item],
            resume: title_end,
        });
    }
    // `Luật Đất đai số 45/2013/QH13`, `Luật Giáo dục đại học sửa đổi số 34`: a numbered law,
    // with its name.
    let number_at = amended_mark(text, title_end);
    if title.is_some() && number_follows(&text[number_at..]) {
        if let Some(mut found) = numbered(text, start, number_at, Some(doc), None) {
            if let Some(first) = found.items.first_mut() {
                first.title = title;
            }
            found.items.extend(inner);
            found.items.sort_by_key(|it| it.start);
            return Some(found);
        }
    }
    let slot = year_slot(text, title_end);
    let free_name = name_end.is_some_and(|(_, listed)| !listed);
    if slot.is_none() && (title.is_none() || free_name) {
        return None;
    }
    let end = slot.map_or(title_end, |(e, _, _)| e);
    let mut item = Item::new(start, end, CitationKind::Act, Some(doc));
    item.title = title;
    if let Some((_, d, y)) = slot {
        item.cite.year = Some(y);
        item.cite.date = d.and_then(|d| d.iso());
    }
    let mut items = vec![item];
    items.extend(inner);
    Some(Found { items, resume: end })
}

/// quoted = sp? open_quote capitalised text close_quote      (one line, at most 160 bytes):
/// the title's span inside and where the closing quote ends.
fn quoted_title(text: &str, after: usize) -> Option<((usize, usize), usize)> {
    let r = crate::lex::after_space(&text[after..]);
    let open = r.chars().next().filter(|c| matches!(c, '"' | '“' | '«'))?;
    let body = &r[open.len_utf8()..];
    let close = body
        .char_indices()
        .take_while(|&(k, c)| k < 160 && c != '\n')
        .find(|&(_, c)| matches!(c, '"' | '”' | '»'))?;
    let inner = &body[..close.0];
    let title = inner.trim_matches(is_space);
    if !title.starts_with(char::is_uppercase) {
        return None;
    }
    let body_at = text.len() - body.len();
    let s = body_at + (inner.len() - inner.trim_start_matches(is_space).len());
    let end = body_at + close.0 + close.1.len_utf8();
    Some(((s, s + title.len()), end))
}

/// `sửa đổi`, `bổ sung`: the first word of an amending law's title.
fn is_amending(w: &str) -> bool {
    base_is(w, "sưa") || base_is(w, "bô")
}

/// amending = ("sửa đổi" [","] ["bổ sung"] | "bổ sung") ["một số điều"] "của" inner {sep inner};
/// pushes the inner acts and returns the token index after the last.
fn amending(text: &str, toks: &Toks<'_>, inner: &mut Vec<Item>) -> Option<usize> {
    let w = |k: usize| {
        toks.get(k)
            .filter(|t| !t.comma)
            .map(|t| &text[t.start..t.end])
    };
    let is = |k: usize, base: &str| w(k).is_some_and(|x| base_is(x, base));
    let mut k;
    let skip_comma = |k: &mut usize| {
        while toks.get(*k).is_some_and(|t| t.comma) {
            *k += 1;
        }
    };
    if is(0, "sưa") && is(1, "đôi") {
        k = 2;
        skip_comma(&mut k);
        if is(k, "bô") && is(k + 1, "sung") {
            k += 2;
        }
    } else if is(0, "bô") && is(1, "sung") {
        k = 2;
    } else {
        return None;
    }
    if is(k, "môt") && is(k + 1, "sô") && is(k + 2, "điêu") {
        k += 3;
    }
    skip_comma(&mut k);
    if !is(k, "cua") {
        return None;
    }
    k += 1;
    let mut last = None;
    for _ in 0..5 {
        let Some(t) = toks.get(k) else { break };
        let Ok((rest, doc)) = type_word(&text[t.start..], Match::Tone) else {
            break;
        };
        if !is_act_word(doc) || !text[t.start..].starts_with(char::is_uppercase) {
            break;
        }
        let type_end = text.len() - rest.len();
        let Some(found) = parse_act(text, t.start, type_end, doc, 1) else {
            break;
        };
        let end = found.resume;
        inner.extend(found.items);
        // The token after the inner act's title.
        let mut next = k;
        while toks.get(next).is_some_and(|x| x.end <= end) {
            next += 1;
        }
        last = Some(next);
        k = next;
        // `, Luật …`, `và Luật …`, `, và Luật …`
        skip_comma(&mut k);
        if is(k, "va") {
            k += 1;
        }
        if k == next {
            break;
        }
    }
    last
}

/// free = capitalised word { word | "," } (one line, at most `max` words), ending where a year
/// slot begins; `lower_ok` lets an amending title start in lower case.
fn free(text: &str, toks: &Toks<'_>, max: usize, lower_ok: bool) -> Option<usize> {
    let first = toks.get(0).filter(|t| !t.comma)?;
    let w0 = &text[first.start..first.end];
    if !(lower_ok || is_capitalised(w0)) || w0.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mut words = 0;
    for k in 0..MAX_TOKS {
        let t = toks.get(k)?;
        if t.newline_before {
            return None;
        }
        if !t.comma {
            let w = &text[t.start..t.end];
            if (!lower_ok && ends_free_name(w)) || w.starts_with(|c: char| c.is_ascii_digit()) {
                return None;
            }
            words += 1;
            if words > max {
                return None;
            }
            // A year slot begins with `năm`, `ngày`, a digit or a bracket: test the next byte
            // before parsing one.
            let next = crate::lex::after_space(&text[t.end..]);
            let may_open =
                next.starts_with(['n', 'N', '(']) || next.starts_with(|c: char| c.is_ascii_digit());
            if may_open && year_slot(text, t.end).is_some() {
                return Some(k + 1);
            }
        }
    }
    None
}

/// Where ` sửa đổi` or ` (sửa đổi)` after a law's name ends (the amended version is the same
/// law); `at` when there is none.
fn amended_mark(text: &str, at: usize) -> usize {
    let r = crate::lex::after_space(&text[at..]);
    let (r, paren) = match r.strip_prefix('(') {
        Some(r) => (r, true),
        None => (r, false),
    };
    let Ok((r, (a, _, b))) = (word, sp, word).parse(r) else {
        return at;
    };
    if !(base_is(a, "sưa") && base_is(b, "đôi")) {
        return at;
    }
    match (paren, r.strip_prefix(')')) {
        (false, _) => text.len() - r.len(),
        (true, Some(r)) => text.len() - r.len(),
        (true, None) => at,
    }
}

/// `số 45/2013/QH13`, `45/2013/QH13`, `số 34` (a law's short form) after a law's name.
fn number_follows(rest: &str) -> bool {
    let r = crate::lex::after_space(rest);
    match word(r) {
        Ok((after, w)) if base_is(w, "sô") => {
            let after = crate::lex::after_space(after.trim_start_matches(':'));
            after.starts_with(|c: char| c.is_ascii_digit())
        }
        _ => r.starts_with(|c: char| c.is_ascii_digit()) && doc_no(r).is_ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `data/act_titles.tsv`: three fields a line, a known type word, a source URL or
    /// `unverified`, no title twice.
    #[test]
    fn title_list_format() {
        let mut seen = std::collections::HashSet::new();
        let mut sourced = 0;
        for (k, line) in include_str!("../../data/act_titles.tsv")
            .lines()
            .enumerate()
        {
            if line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let n = k + 1;
            assert_eq!(fields.len(), 3, "line {n}: {line}");
            let [doc, title, source] = [fields[0], fields[1], fields[2]];
            assert!(ACT_WORDS.contains(&doc), "line {n}: type word {doc}");
            assert!(
                !title.is_empty() && title == title.trim() && !title.contains("  "),
                "line {n}: title {title:?}"
            );
            let url = source.starts_with("https://") || source.starts_with("http://");
            assert!(
                url && !source.contains(' ') || source == "unverified",
                "line {n}: source {source}"
            );
            sourced += usize::from(url);
            assert!(
                seen.insert((doc, title.to_lowercase())),
                "line {n}: {title} twice"
            );
        }
        assert!(
            seen.len() > 250 && sourced > 70,
            "{} titles, {sourced} with a source",
            seen.len()
        );
    }
    use crate::extract_citations;

    fn acts(text: &str) -> Vec<(String, Option<String>, Option<i32>, String)> {
        extract_citations(text)
            .into_iter()
            .filter(|c| c.kind == CitationKind::Act)
            .map(|c| (c.doc_type.unwrap_or_default(), c.title, c.year, c.text))
            .collect()
    }

    fn one(
        doc: &str,
        title: Option<&str>,
        year: Option<i32>,
        text: &str,
    ) -> Vec<(String, Option<String>, Option<i32>, String)> {
        vec![(
            doc.to_owned(),
            title.map(str::to_owned),
            year,
            text.to_owned(),
        )]
    }

    #[test]
    fn names_end_at_a_title_a_year_or_a_quote() {
        assert_eq!(
            acts("theo Luật Đất đai năm 2013 và các văn bản"),
            one("Luật", Some("Đất đai"), Some(2013), "Luật Đất đai năm 2013")
        );
        assert_eq!(
            acts("Luật Cán bộ, công chức năm 2008 quy định"),
            one(
                "Luật",
                Some("Cán bộ, công chức"),
                Some(2008),
                "Luật Cán bộ, công chức năm 2008"
            )
        );
        assert_eq!(
            acts("vi phạm Bộ luật Hình sự"),
            one("Bộ luật", Some("Hình sự"), None, "Bộ luật Hình sự")
        );
        assert_eq!(
            acts("Hiến pháp năm 2013 khẳng định"),
            one("Hiến pháp", None, Some(2013), "Hiến pháp năm 2013")
        );
        assert_eq!(
            acts("theo Điều lệ Đảng, đảng viên"),
            one("Điều lệ", Some("Đảng"), None, "Điều lệ Đảng")
        );
        assert_eq!(
            acts("Pháp lệnh Công an xã quy định"),
            one(
                "Pháp lệnh",
                Some("Công an xã"),
                None,
                "Pháp lệnh Công an xã"
            )
        );
        assert_eq!(
            acts(
                "Cương lĩnh xây dựng đất nước trong thời kỳ quá độ lên chủ nghĩa xã hội (bổ sung, phát triển năm 2011) đã chỉ rõ"
            ),
            one(
                "Cương lĩnh",
                Some("xây dựng đất nước trong thời kỳ quá độ lên chủ nghĩa xã hội"),
                Some(2011),
                "Cương lĩnh xây dựng đất nước trong thời kỳ quá độ lên chủ nghĩa xã hội (bổ sung, phát triển năm 2011)"
            )
        );
        // A name outside the list needs its year.
        assert_eq!(
            acts("Luật Thử nghiệm mới năm 2030 ra đời"),
            one(
                "Luật",
                Some("Thử nghiệm mới"),
                Some(2030),
                "Luật Thử nghiệm mới năm 2030"
            )
        );
        assert_eq!(acts("Luật Thử nghiệm mới ra đời"), []);
        assert_eq!(
            acts("Luật “Thử nghiệm mới” ra đời"),
            one(
                "Luật",
                Some("Thử nghiệm mới"),
                None,
                "Luật “Thử nghiệm mới”"
            )
        );
        assert_eq!(
            acts("Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"),
            one(
                "Luật",
                Some("Tổ chức chính quyền địa phương"),
                Some(2015),
                "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"
            )
        );
    }

    #[test]
    fn amending_laws_hold_their_inner_acts() {
        let a = acts(
            "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;",
        );
        assert_eq!(a.len(), 3, "{a:?}");
        assert_eq!(
            a[0].1.as_deref(),
            Some(
                "sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương"
            )
        );
        assert_eq!(a[0].2, Some(2019));
        assert_eq!(a[1].3, "Luật Tổ chức Chính phủ");
        assert_eq!(
            (a[2].3.as_str(), a[2].2),
            ("Luật Tổ chức chính quyền địa phương", None)
        );
    }

    #[test]
    fn numbered_laws_keep_their_title() {
        let c = extract_citations("Luật Cán bộ, công chức số 22/2008/QH12 ngày 13/11/2008");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].kind, CitationKind::State);
        assert_eq!(c[0].title.as_deref(), Some("Cán bộ, công chức"));
        assert_eq!(c[0].type_code.as_deref(), Some("L"));
        assert!(c[0].text.starts_with("Luật Cán bộ"));
        let c = extract_citations("Luật Giáo dục đại học sửa đổi số 34 có hiệu lực");
        assert_eq!(c.len(), 1);
        assert_eq!(
            (c[0].kind, c[0].number, c[0].short, c[0].title.as_deref()),
            (
                CitationKind::State,
                Some(34),
                true,
                Some("Giáo dục đại học")
            )
        );
    }

    #[test]
    fn generic_words_never_fire() {
        for t in [
            "tuân thủ luật pháp",
            "các luật có liên quan",
            "Luật sư Nguyễn Văn A cho biết năm 2020",
            "dự thảo Luật Đất đai (sửa đổi)",
            "Quốc hội thảo luận dự án Luật Đất đai năm 2024",
            "Luật này có hiệu lực từ năm 2015",
            "sống và làm việc theo Hiến pháp và pháp luật",
            "Trường Đại học Luật Hà Nội năm 2019",
            "cử nhân Luật Kinh tế năm 2010",
            "kỷ luật Đảng năm 2020",
            "Điều lệ công ty",
            "luật đất đai năm 2013",
            "LUẬT\nĐẤT ĐAI",
            "soạn thảo Cương lĩnh chính trị",
            "Luật gia Nguyễn Văn A",
        ] {
            assert_eq!(acts(t), [], "{t}");
        }
    }
}
