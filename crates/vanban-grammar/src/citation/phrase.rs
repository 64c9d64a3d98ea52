//! The citation phrase around a number:
//!
//! ```text
//! citation  = type_word sp ( plenum_ref | congress_ref | numbered )
//! numbered  = [law_name] [sp "của" sp issuer] [sp] ["số" [":"]] sp? ref { list_sep ref } slots [subject]
//! ref       = doc_no | bare_number
//! slots     = { [","] ( sp "năm" sp year | sp? "ngày" sp? date | sp "của" sp issuer | term ) }
//! subject   = [":" | ","] sp? ( "về" sp text | quoted )
//! ```
//!
//! Every function here takes the whole text and a byte offset, and returns byte spans into it.

use std::sync::OnceLock;

use crate::lex::take_while_m_n;
use nom::Parser;
use nom::branch::alt;
use nom::character::complete::{char as ch, satisfy};
use nom::combinator::opt;

use super::date::{Date, date, year};
use super::doctype::{DocType, may_start_type_word, type_word};
use super::issuer::issuer;
use super::symbol::{
    OpenCodes, Symbol, blocks_number_start, canonical_symbol, doc_no, party_no_with,
};
use super::term::{congress_ref, cua_dang, plenum_ref, term};
use crate::error::{Expected, PResult, expected_at};
use crate::lex::{
    Folded, Match, after_space, base_is, first_letter, fold, is_alnum, is_capitalised, is_letter,
    is_space, keyword, same_word, sp, sp0, word,
};
use vanban_model::{Citation, CitationKind};

/// One citation before offsets are converted: the model's citation, whose text, offsets,
/// subject and title `to_citations` fills, plus the byte spans of the scanned view it is cut
/// from. The citation is boxed: it is 456 bytes, and an item moves through a phrase's and a
/// scope's vectors before it is handed over (unboxed, a corpus pass costs 0.7 M instructions
/// more in copies).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Item {
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// The subject (`về …`, a quoted title): a span of the view, cut at the next citation and
    /// taken as written by `to_citations`.
    pub(crate) subject: Option<(usize, usize)>,
    /// An act's name, a span of the view like `subject`.
    pub(crate) title: Option<(usize, usize)>,
    /// Every field the grammar reads.
    pub(crate) cite: Box<Citation>,
}

impl Item {
    pub(crate) fn new(start: usize, end: usize, kind: CitationKind, doc: Option<DocType>) -> Self {
        let doc_type = doc.and_then(|d| d.name).map(str::to_owned);
        let cite = Box::new(Citation::new(String::new(), (0, 0), (0, 0), kind));
        let mut item = Self {
            start,
            end,
            subject: None,
            title: None,
            cite,
        };
        item.cite.doc_type = doc_type;
        item
    }
}

/// What a successful parse yields: the citations, and where scanning may resume.
pub(crate) struct Found {
    pub(crate) items: Vec<Item>,
    pub(crate) resume: usize,
}

crate::lex::keyword_phrases!(fn w -> Words {
    so: "số",
    cua: "của",
    ngay: "ngày",
    nam: "năm",
    ve: "về",
    va: "và",
});

/// so = "số" [sp? ":"]      (`số`, `Số:`, `SỐ :`; noise-tolerant)
fn so(i: &str) -> PResult<'_, &str> {
    let (rest, m) = keyword(i, &w().so, Match::Loose)?;
    let (rest, _) = opt((sp0, ch(':'))).parse(rest)?;
    Ok((rest, m))
}

/// A number alone after a type word: `Chỉ thị 05`, `Quy định số 205`.
#[derive(Debug, Clone, Copy)]
struct Bare(u32);

/// Words after a bare number that show it counts something (`báo cáo 6 tháng`), not a document.
fn is_unit_word(w: &str) -> bool {
    static FOLDED: OnceLock<Vec<Folded>> = OnceLock::new();
    const UNITS: &[&str] = &[
        "tháng",
        "năm",
        "ngày",
        "tuần",
        "giờ",
        "phút",
        "người",
        "đơn",
        "lần",
        "điểm",
        "tỷ",
        "triệu",
        "nghìn",
        "ngàn",
        "trăm",
        "mục",
        "điều",
        "khoản",
        "nội",
        "nhiệm",
        "giải",
        "chỉ",
        "tiêu",
        "nhóm",
        "vấn",
        "tập",
        "thể",
        "cán",
        "đảng",
        "km",
        "ha",
        "m",
        "kg",
        "tấn",
        "đồng",
        "xã",
        "tỉnh",
        "huyện",
        "cơ",
        "chi",
        "học",
        "trang",
        "bản",
        "loại",
        "văn",
        "bài",
        "câu",
        "chương",
        "phần",
        "tiết",
        "cuộc",
        "đợt",
        "hội",
        "dự",
        "công",
        "đề",
        "việc",
        "năm,",
        "lượt",
        "hộ",
        "doanh",
        "đội",
        "trường",
        "quy",
    ];
    let folded = FOLDED.get_or_init(|| UNITS.iter().map(|u| fold(u)).collect());
    // `w`'s first letter once: `same_word` would fold it again for each of the 64 units.
    let first = first_letter(w);
    folded
        .iter()
        .any(|u| u.first == first && same_word(w, u, Match::Tone))
}

/// bare_number = digit{1,4} followed by a boundary, not by a unit word or another number shape
fn bare_number(i: &str) -> PResult<'_, Bare> {
    let (rest, digits) = take_while_m_n(1, 4, |c: char| c.is_ascii_digit()).parse(i)?;
    let n: u32 = digits.parse().unwrap_or(0);
    let next = rest.chars().next();
    let bad_next = next.is_some_and(|c| is_alnum(c) || c == '%' || c == '/' || c == '_');
    // `1517- VC/ĐT`, `5-6`: a dash after the number makes it part of another shape.
    let dash_after = (sp0, satisfy(crate::lex::is_dash), sp0, satisfy(is_alnum))
        .parse(rest)
        .is_ok();
    // `6.5`, `7,54` and `10.950` are quantities, not document numbers.
    let decimal = (rest.starts_with('.') || rest.starts_with(','))
        && rest[1..].starts_with(|c: char| c.is_ascii_digit());
    if n == 0 || bad_next || decimal || dash_after {
        return expected_at(i, Expected::DocumentNumber);
    }
    // `Chỉ thị số 35 ngày 30/5/2019`, `Nghị quyết 27 năm 2018`: a date slot, not a quantity.
    let date_follows = (sp, |i| keyword(i, &w().ngay, Match::Loose), sp0, date)
        .parse(rest)
        .is_ok()
        || (sp, |i| keyword(i, &w().nam, Match::Tone), sp, year_alone)
            .parse(rest)
            .is_ok();
    if let Ok((after, (_, next_word))) = (sp, word).parse(rest) {
        // `quy định 1 đến 8`: a range of points, not a document (`số 21 tới từng …` is one).
        let range = (base_is(next_word, "đên") || base_is(next_word, "tơi"))
            && (sp, satisfy(|c: char| c.is_ascii_digit()))
                .parse(after)
                .is_ok();
        if !date_follows && is_unit_word(next_word)
            || next_word.starts_with(|c: char| c.is_ascii_digit())
            || range
        {
            return expected_at(i, Expected::DocumentNumber);
        }
    }
    Ok((rest, Bare(n)))
}

/// A reference: a full number or a bare one.
enum Ref<'a> {
    Sym(Symbol<'a>),
    Bare(Bare),
}

/// ref = doc_no | open_party_no | bare_number      (bare only where the type word allows short
///       forms; an open-class party code only where the type word agrees, see `OpenCodes`)
///
/// The rest starts right after the number: a footnote mark glued to it (`26-NQ/TW3`) is left
/// for `Symbol::after_mark`.
fn reference<'a>(i: &'a str, bare_ok: bool, open: Option<&OpenFor<'_>>) -> PResult<'a, Ref<'a>> {
    let sym = doc_no(i).ok().or_else(|| {
        let open = open?;
        // Working out the type word's codes reads it again: only a number of the open shape
        // (most numbers here are bare: `Chỉ thị 05`) needs them.
        party_no_with(i, Some(&OpenCodes::ANY)).ok()?;
        party_no_with(i, Some(&open.codes()?)).ok()
    });
    if let Some((rest, s)) = sym {
        if !s.after_mark(rest).starts_with(is_alnum) {
            return Ok((rest, Ref::Sym(s)));
        }
    }
    if bare_ok {
        let (rest, b) = bare_number(i)?;
        return Ok((rest, Ref::Bare(b)));
    }
    expected_at(i, Expected::DocumentNumberExample)
}

/// The text after a reference and its footnote mark.
fn after_ref<'a>(rest: &'a str, r: &Ref<'_>) -> &'a str {
    match r {
        Ref::Sym(s) => s.after_mark(rest),
        Ref::Bare(_) => rest,
    }
}

/// The open-class type codes a type word at `start` agrees with: its initials as written and
/// its listed code, canonical (`Chương trình hành động` → `CTHĐ`, `CTR`).
fn open_codes_for(text: &str, start: usize, doc: Option<DocType>) -> Option<(String, String)> {
    let doc = doc?;
    let (rest, _) = type_word(&text[start..], Match::Loose).ok()?;
    let written = &text[start..text.len() - rest.len()];
    let code = doc.code.map(str::to_uppercase).unwrap_or_default();
    Some((super::symbol::initials(written), code))
}

/// list_sep = sp? "," sp? | sp? ";" sp? | sp "và" sp
fn list_sep(i: &str) -> PResult<'_, &str> {
    if !after_space(i).starts_with([',', ';', 'v', 'V']) {
        return expected_at(i, Expected::ListSeparator);
    }
    let comma = (sp0, alt((ch(','), ch(';'))), sp0).map(|_| "");
    let va = (sp, |i| keyword(i, &w().va, Match::Tone), sp).map(|_| "");
    alt((comma, va)).parse(i)
}

/// ngay = "ngày", also glued to the date (`NGÀY30-3-2013`)
fn ngay(i: &str) -> PResult<'_, &str> {
    let (rest, letters) = take_while_m_n(1, 8, |c: char| {
        crate::lex::is_word_char(c) && !c.is_ascii_digit()
    })
    .parse(i)?;
    if same_word(letters, &w().ngay[0], Match::Loose) {
        Ok((rest, letters))
    } else {
        expected_at(i, Expected::Ngay)
    }
}

/// sp_inline = (white space but a line break){1,16}
fn sp_inline(i: &str) -> PResult<'_, &str> {
    take_while_m_n(1, crate::lex::MAX_SPACE, crate::lex::is_hspace).parse(i)
}

/// year_alone = year, not the start of a range (`năm 2021-2025` is a period, not a date)
fn year_alone(i: &str) -> PResult<'_, i32> {
    let (rest, y) = year(i)?;
    if (
        sp0,
        satisfy(crate::lex::is_dash),
        sp0,
        satisfy(|c: char| c.is_ascii_digit()),
    )
        .parse(rest)
        .is_ok()
    {
        return expected_at(i, Expected::Year);
    }
    Ok((rest, y))
}

/// Slot values gathered after the last number.
#[derive(Default)]
struct Slots {
    date: Option<Date>,
    year: Option<i32>,
    issuer: Option<String>,
    term: Option<u32>,
    plenum: Option<u32>,
}

/// slots = { [","] slot }, each slot at most once; returns the slots and the end of the last one
fn slots(i: &str) -> (&str, Slots) {
    let mut s = Slots::default();
    let mut rest = i;
    for _ in 0..4 {
        let (r, _) = opt::<_, _, _>((sp0, ch(',')))
            .parse(rest)
            .unwrap_or((rest, None));
        // Each slot starts with its own letter (`ngày`, `năm`, `của`, `khóa`, `(khóa`).
        let next = after_space(r);
        if s.date.is_none() && s.year.is_none() && next.starts_with(['n', 'N']) {
            let mut date_slot = (sp0, ngay, sp0, date);
            if let Ok((after, (_, _, _, d))) = date_slot.parse(r) {
                s.date = Some(d);
                rest = after;
                continue;
            }
            let mut year_slot = (sp, |i| keyword(i, &w().nam, Match::Tone), sp, year_alone);
            if let Ok((after, (_, _, _, y))) = year_slot.parse(r) {
                s.year = Some(y);
                rest = after;
                continue;
            }
        }
        if s.issuer.is_none() && next.starts_with(['c', 'C']) {
            if let Ok((body, _)) = (sp, |i| keyword(i, &w().cua, Match::Loose), sp).parse(r) {
                // `của Hội nghị Trung ương 4 khóa XIII`: the plenum issued it.
                if let Ok((after, (plenum, t))) = plenum_ref(body) {
                    let phrase = &body[..body.len() - after.len()];
                    s.issuer = Some(crate::lex::common_tone(strip_term(phrase)));
                    s.plenum = Some(plenum);
                    s.term = s.term.or(t);
                    rest = after;
                    continue;
                }
                if let Ok((after, who)) = issuer(body) {
                    s.issuer = Some(who);
                    rest = after;
                    continue;
                }
            }
        }
        if s.term.is_none() {
            if let Ok((after, t)) = term(r) {
                s.term = Some(t);
                rest = after;
                continue;
            }
        }
        break;
    }
    (rest, s)
}

/// The plenum's name without its term (`Hội nghị Trung ương 4 khóa XIII` → `… 4`).
fn strip_term(name: &str) -> &str {
    let name = name.split(['(', ',']).next().unwrap_or(name);
    let end = name
        .match_indices(' ')
        .find(|&(k, _)| word(&name[k + 1..]).is_ok_and(|(_, w)| base_is(w, "khoa")))
        .map_or(name.len(), |(k, _)| k);
    name[..end].trim_end()
}

/// Longest subject we report; longer runs are cut (the end of a trích yếu is heuristic anyway).
const MAX_SUBJECT: usize = 400;

fn is_open_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '\'' | '‘' | '«' | '„')
}

fn is_close_quote(c: char) -> bool {
    matches!(c, '"' | '”' | '\'' | '’' | '»' | '“')
}

/// quoted = open_quote text close_quote      (bounded; nested curly quotes allowed)
fn quoted(i: &str) -> Option<(usize, usize)> {
    let open = i.chars().next().filter(|&c| is_open_quote(c))?;
    let body = &i[open.len_utf8()..];
    let mut depth = 0usize;
    for (k, c) in body.char_indices().take(MAX_SUBJECT) {
        if crate::lex::is_line_break(c) {
            return None;
        }
        if c == '“' && open == '“' && k > 0 {
            depth += 1;
        } else if is_close_quote(c) && (c != '\'' || open == '\'') {
            if depth == 0 {
                let start = open.len_utf8();
                return Some((start, start + k));
            }
            depth -= 1;
        }
    }
    None
}

/// subject = [sp? (":" | ",")] sp ("về" sp text | quoted) | sp? quoted
/// Returns the subject's span relative to `i`.
fn subject(i: &str) -> Option<(usize, usize)> {
    let (r, _) = opt::<_, _, _>((sp0, alt((ch(':'), ch(',')))))
        .parse(i)
        .ok()?;
    let (r, _) = sp0(r).ok()?;
    let base = i.len() - r.len();
    if let Some((s, e)) = quoted(r) {
        return Some((base + s, base + e));
    }
    let (after, _) = keyword(r, &w().ve, Match::Loose).ok()?;
    let (after, _) = sp(after).ok()?;
    if let Some((s, e)) = quoted(after) {
        let b = i.len() - after.len();
        return Some((b + s, b + e));
    }
    let b = i.len() - after.len();
    // The subject runs to `;`, `:`, a bracket, a line end or a sentence-ending `.`, at most
    // MAX_SUBJECT characters. Every stop starts with a byte that begins no letter, so the scan goes by bytes and only counts
    // characters (their first bytes); this runs for every citation, over hundreds of bytes.
    let bytes = after.as_bytes();
    let mut end = after.len();
    let mut chars = 0;
    for (k, &b) in bytes.iter().enumerate() {
        if b & 0xC0 == 0x80 {
            continue;
        }
        if chars == MAX_SUBJECT {
            end = k;
            break;
        }
        chars += 1;
        let stop = match b {
            b';' | b'(' | b')' | b'[' | b'\n' | b'\r' | 0x0B | 0x0C => true,
            // The other line breaks of `lex::is_line_break`: NEL (C2 85), U+2028/2029 (E2 80 A8/A9).
            0xC2 | 0xE2 => crate::lex::line_break_len(&after[k..]) > 0,
            // `… về thuế TNDN quy định: "Điều 4…"`: a colon opens a quotation or a list, not
            // part of the subject (`QCVN 16:2014/BXD` keeps its colon).
            b':' => !after[k + 1..].starts_with(|n: char| n.is_ascii_digit()),
            b'.' => {
                chars == MAX_SUBJECT
                    || after[k + 1..]
                        .chars()
                        .next()
                        .is_none_or(|n| is_space(n) || is_close_quote(n))
            }
            _ => false,
        };
        if stop {
            end = k;
            break;
        }
    }
    let text = after[..end].trim_end_matches(|c: char| is_space(c) || c == ',' || c == ':');
    (!text.is_empty()).then(|| (b, b + text.len()))
}

/// Does `số` (any case, either spelling of the letter) occur in the next `n` bytes?
fn so_within(i: &str, n: usize) -> bool {
    let window = &i.as_bytes()[..n.min(i.len())];
    // One pass for the three spellings `số`, `Số`, `SỐ`: each `s` or `S`, then its `ố` (or, after
    // `S`, `Ố`); three substring searches cost three times as much.
    memchr::memchr2_iter(b's', b'S', window).any(|k| {
        let rest = &window[k + 1..];
        rest.starts_with("ố".as_bytes()) || (window[k] == b'S' && rest.starts_with("Ố".as_bytes()))
    })
}

/// law_name = Capitalised_word word{0,5} before "số" (`Luật Giao dịch điện tử số …`)
fn law_name(i: &str) -> PResult<'_, ()> {
    let mut rest = i;
    for k in 0..6 {
        // The name stays on the type word's line and is not another citation's type word.
        let (r, (_, w)) = (sp_inline, word).parse(rest)?;
        if (k == 0 && !is_capitalised(w))
            || type_word(&rest[rest.len() - r.len() - w.len()..], Match::Tone).is_ok()
        {
            return expected_at(rest, Expected::LawName);
        }
        rest = r;
        if (sp, so).parse(rest).is_ok() {
            return Ok((rest, ()));
        }
    }
    expected_at(i, Expected::So)
}

/// Bytes after a type word within which `số` must stand before an issuer written ahead of the
/// number is parsed (`Quyết định của Bộ Chính trị số 31-QĐ/TW`): the longest organ names run to
/// about 100 bytes, and an issuer parse is the costliest step of a phrase, so `quyết định của …`
/// in prose (no `số` near) skips it.
const SO_WINDOW: usize = 120;

/// A number of a phrase: its span and what it is.
type Numbered<'a> = (usize, usize, Ref<'a>);

/// numbered = [law_name] [early_issuer] ["số" [":"]] sp? first_ref { list_sep ref } slots [subject]
///
/// Parse a numbered citation whose type word (if any) ended at `at`; `start` is where the
/// citation text begins (the type word, or the number itself for `Số 06-CT/TW`).
///
/// `known`: a number already parsed at a byte offset, with the offset where it ends (the slash
/// path checks the number before looking back, and need not parse it twice).
pub(crate) fn numbered(
    text: &str,
    start: usize,
    at: usize,
    doc: Option<DocType>,
    known: Option<(usize, usize, Symbol<'_>)>,
) -> Option<Found> {
    let off = |rest: &str| text.len() - rest.len();
    let i = skip_law_name(&text[at..], &text[start..], doc);
    let (i, early_issuer) = early_issuer(i, doc);
    let rest = so_prefix(i)?;
    let first_start = off(rest);
    // A bare number stands on the type word's line: `pháp luật\n\n2. Bảo đảm …` is an
    // enumerated point, not `Luật 2`.
    let on_line = !text[at..first_start].contains(crate::lex::is_line_break);
    let open = OpenFor::new(text, start, doc);
    let rules = ListRules {
        bare_ok: doc.is_some_and(|d| d.short) && on_line,
        compressed: false,
        open: Some(&open),
    };
    let (ref_end, first, rules) = first_ref(text, rest, known, rules, doc.is_some() && on_line)?;
    let after_first = after_ref(ref_end, &first);
    let first = (first_start, off(ref_end), first);
    let mut list = List::new();
    list.push(first, rules.compressed);
    let rest = list_refs(text, &mut list, after_first, &rules);
    let refs = list.refs;
    // A first number read as an item of a compressed list that no symbol completed.
    if refs.is_empty() {
        return None;
    }
    let (after_slots, slots) = slots(rest);
    // Without slots the citation ends with its last number (before a footnote mark).
    let end = if after_slots.len() == rest.len() {
        refs.last().map_or(off(rest), |r| r.1)
    } else {
        off(after_slots)
    };
    let tail = off(after_slots);
    let subject = subject(after_slots).map(|(s, e)| (tail + s, tail + e));
    let shared = Shared {
        start,
        end,
        doc,
        slots,
        subject,
        early_issuer,
    };
    Some(Found {
        items: items_of(refs, &shared),
        resume: end,
    })
}

/// law_name, only after a capitalised named type word (`Luật Báo chí số …`; `kỷ luật của Đảng`
/// names no law): the input after the name, or `i` unchanged.
fn skip_law_name<'a>(i: &'a str, phrase: &str, doc: Option<DocType>) -> &'a str {
    if doc.is_some_and(|d| d.named) && phrase.starts_with(char::is_uppercase) {
        if let Ok((rest, ())) = law_name(i) {
            return rest;
        }
    }
    i
}

/// early_issuer = sp "của" sp issuer sp? [","]    before "số" (old style: `Quyết định của Bộ
/// Chính trị số 31-QĐ/TW`); tried only after a type word, with `số` within `SO_WINDOW`.
fn early_issuer(i: &str, doc: Option<DocType>) -> (&str, Option<String>) {
    if doc.is_some() && so_within(i, SO_WINDOW) {
        let cua = |i| keyword(i, &w().cua, Match::Tone);
        if let Ok((rest, (_, _, _, who, _))) = (sp, cua, sp, issuer, (sp0, opt(ch(',')))).parse(i) {
            if (sp0, so).parse(rest).is_ok() {
                return (rest, Some(who));
            }
        }
    }
    (i, None)
}

/// so_prefix = sp? ["số" [":"] sp?]      (the input at the first number)
fn so_prefix(i: &str) -> Option<&str> {
    match (sp0, so, sp0).parse(i) {
        Ok((rest, _)) => Some(rest),
        Err(_) => sp0(i).ok().map(|(rest, _)| rest),
    }
}

/// What a list item may be.
struct ListRules<'o> {
    /// The type word allows short forms, on its line.
    bare_ok: bool,
    /// The first number was read as an item of a compressed list, whatever the type word.
    compressed: bool,
    open: Option<&'o OpenFor<'o>>,
}

/// The open-class type codes a phrase's type word agrees with (`open_codes_for`), worked out
/// the first time a number's code is outside the lists: most codes are listed, and the work
/// (a type word read again, two strings) is then saved.
struct OpenFor<'t> {
    text: &'t str,
    start: usize,
    doc: Option<DocType>,
    codes: std::cell::OnceCell<Option<(String, String)>>,
}

impl<'t> OpenFor<'t> {
    fn new(text: &'t str, start: usize, doc: Option<DocType>) -> Self {
        Self {
            text,
            start,
            doc,
            codes: std::cell::OnceCell::new(),
        }
    }

    fn codes(&self) -> Option<OpenCodes<'_>> {
        let codes = self
            .codes
            .get_or_init(|| open_codes_for(self.text, self.start, self.doc));
        codes.as_ref().map(|(a, b)| OpenCodes::new(a, b))
    }
}

/// first_ref = known | ref | bare_number (the last read tentatively, as the first item of a
/// compressed list after any type word on its line: `Công văn số 2522, 2523/UBND-VX`;
/// `list_refs` keeps it only if a symbol completes the list): the rest after the number, the
/// number, and the list rules it sets.
fn first_ref<'a, 'o>(
    text: &'a str,
    rest: &'a str,
    known: Option<(usize, usize, Symbol<'a>)>,
    mut rules: ListRules<'o>,
    compressed_ok: bool,
) -> Option<(&'a str, Ref<'a>, ListRules<'o>)> {
    let first_start = text.len() - rest.len();
    if let Some((k, end, sym)) = known {
        let glued = sym.after_mark(&text[end..]).starts_with(is_alnum);
        if k == first_start && !glued {
            return Some((&text[end..], Ref::Sym(sym), rules));
        }
    }
    if let Ok((r, first)) = reference(rest, rules.bare_ok, rules.open) {
        return Some((r, first, rules));
    }
    if !compressed_ok {
        return None;
    }
    let (r, b) = bare_number(rest).ok()?;
    rules.compressed = true;
    Some((r, Ref::Bare(b), rules))
}

/// The numbers of a list as it is read: those that belong to it, and a run of bare numbers read
/// tentatively (`1, 2, 3` of `Kết luận số 1, 2, 3, 4-KL/TW`) that belongs to it only if a
/// symbol completes it. Each number is read once, so a list of any length costs linear work.
struct List<'a> {
    refs: Vec<Numbered<'a>>,
    pending: Vec<Numbered<'a>>,
    /// Every number kept so far is bare (no symbol yet).
    all_bare: bool,
}

impl<'a> List<'a> {
    fn new() -> Self {
        Self {
            refs: Vec::new(),
            pending: Vec::new(),
            all_bare: true,
        }
    }

    /// Add a number: kept, or read tentatively.
    fn push(&mut self, n: Numbered<'a>, tentative: bool) {
        if tentative {
            self.pending.push(n);
            return;
        }
        self.all_bare &= matches!(n.2, Ref::Bare(_));
        self.refs.push(n);
    }

    /// A symbol completes the tentative run: its numbers belong to the list.
    fn complete(&mut self) {
        self.refs.append(&mut self.pending);
    }
}

/// A list of numbers that each carry their symbol (`1-NQ/TW, 2-NQ/TW, …`) is cut after this
/// many: its items share nothing but what follows the last one (slots belong to the last
/// item) and the type word before the first, which the items after the cut lack, so a phrase
/// holds a bounded number of items however dense the text (`for_each_citation` streams in bounded memory, docs/ARCHITECTURE.md
/// "Streaming"). A run of bare numbers is read whole: a symbol or an issuer at its end
/// completes every item.
const MAX_HELD_ITEMS: usize = 4096;

/// { list_sep ["số" sp?] ref }: the numbers after the first, added to `list`; returns the rest
/// after the last one kept. Lists: `18-NQ/TW, 19-NQ/TW`, `số 217, số 218`, compressed `18,
/// 19-NQ/TW`, of any length. A bare item is kept when `số` stands before it, when (in a list of
/// bare numbers) a shared issuer or `và` closes the run (`các Chỉ thị 15, 16, 19 của Thủ
/// tướng`), or when a symbol completes the run it opens (`Kết luận số 1, 2, …, 22-KL/TW`: read
/// tentatively, and given back, each number then being what it is alone, if none does).
fn list_refs<'a>(
    text: &'a str,
    list: &mut List<'a>,
    mut rest: &'a str,
    rules: &ListRules<'_>,
) -> &'a str {
    let off = |rest: &str| text.len() - rest.len();
    // Read at most once, at the run's first separator: it scans the run to its end.
    let mut bare_run = None;
    // After the last number read, kept or tentative.
    let mut cursor = rest;
    while let Ok((r, _)) = list_sep(cursor) {
        if list.refs.len() >= MAX_HELD_ITEMS
            && list.pending.is_empty()
            && matches!(list.refs.last(), Some((_, _, Ref::Sym(_))))
        {
            // A list ends here; the next number, a slash anchor, opens the next one.
            break;
        }
        if !list.pending.is_empty() {
            // Inside a tentative run: a symbol completes it, a bare number continues it,
            // anything else gives it back.
            if let Ok((_, Ref::Sym(_))) = reference(r, false, None) {
                list.complete();
                rest = cursor;
            } else if let Ok((r2, b)) = bare_number(r) {
                list.push((off(r), off(r2), Ref::Bare(b)), true);
                cursor = r2;
                continue;
            } else {
                break;
            }
        }
        let (r, so_here) = match (so, sp0).parse(r) {
            Ok((r, _)) => (r, true),
            Err(_) => (r, false),
        };
        let item_start = off(r);
        let bare_ok = rules.bare_ok && (so_here || list.all_bare) || rules.compressed;
        match reference(r, bare_ok, rules.open) {
            Ok((r2, Ref::Sym(s))) => {
                list.push((item_start, off(r2), Ref::Sym(s)), false);
                rest = s.after_mark(r2);
            }
            Ok((r2, Ref::Bare(b))) => {
                let closed =
                    list.all_bare && *bare_run.get_or_insert_with(|| bare_list_closed(rest));
                let tentative = !(so_here || closed);
                list.push((item_start, off(r2), Ref::Bare(b)), tentative);
                if !tentative {
                    rest = r2;
                }
                cursor = r2;
                continue;
            }
            Err(_) => break,
        }
        cursor = rest;
    }
    // A tentative run no symbol completed (`18, 19 tỉnh`) was no part of the list.
    list.pending.clear();
    rest
}

/// What every item of a phrase shares: the phrase's span, type word, slots (which belong to
/// the last item, or to all in a list of bare numbers), subject and an early issuer.
struct Shared {
    start: usize,
    end: usize,
    doc: Option<DocType>,
    slots: Slots,
    subject: Option<(usize, usize)>,
    early_issuer: Option<String>,
}

/// The citations of a phrase's numbers. Walks backwards so that bare items of a compressed list
/// borrow the symbol that follows them (`18, 19-NQ/TW`: 18 is `18-NQ/TW`).
fn items_of(refs: Vec<Numbered<'_>>, shared: &Shared) -> Vec<Item> {
    let doc = shared.doc;
    let all_bare = refs.iter().all(|(_, _, r)| matches!(r, Ref::Bare(_)));
    let mut items = Vec::with_capacity(refs.len());
    let last = refs.len() - 1;
    let mut next_symbol: Option<Symbol> = None;
    for (k, (s, e, r)) in refs.into_iter().enumerate().rev() {
        let item_start = if k == 0 { shared.start } else { s };
        let item_end = if k == last { shared.end } else { e };
        let mut item = Item::new(item_start, item_end, CitationKind::Party, doc);
        match r {
            Ref::Sym(sym) => {
                fill_symbol(&mut item, &sym, doc);
                next_symbol = Some(sym);
            }
            Ref::Bare(Bare(n)) => match &next_symbol {
                Some(sym) if !all_bare => fill_symbol(&mut item, &sym.with_number(n), doc),
                _ => {
                    item.cite.number = Some(n);
                    item.cite.short = true;
                    item.cite.type_code = doc.and_then(|d| d.code).map(str::to_owned);
                }
            },
        }
        share_slots(&mut item, k == last, all_bare, shared);
        items.push(item);
    }
    items.reverse();
    items
}

/// An item's part of the shared slots, and the kind of a short form (state when the type word
/// or the issuer is the state's: `Nghị quyết 128 của Chính phủ`).
fn share_slots(item: &mut Item, last: bool, all_bare: bool, shared: &Shared) {
    let slots = &shared.slots;
    if last || all_bare {
        item.cite.issuer.clone_from(&slots.issuer);
        item.cite.term = slots.term;
        item.cite.plenum = slots.plenum;
    }
    if last {
        item.cite.date = slots.date.and_then(|d| d.iso());
        item.cite.year = item
            .cite
            .year
            .or(slots.date.and_then(|d| d.year))
            .or(slots.year);
        item.subject = shared.subject;
    }
    if item.cite.issuer.is_none() {
        item.cite.issuer.clone_from(&shared.early_issuer);
    }
    if item.cite.short {
        item.cite.kind = if shared.doc.is_some_and(|d| d.state_only)
            || item.cite.issuer.as_deref().is_some_and(is_state_body)
        {
            CitationKind::State
        } else {
            CitationKind::Party
        };
    }
}

/// After the first bare number of a list (`i` starts at its separator), is the run of bare
/// numbers closed by a shared issuer (`15, 16, 19 của Thủ tướng`) or joined by `và` at its end
/// (`15, 16 và 19`)? Otherwise `Chỉ thị 15, 16 …` is one short form followed by prose.
fn bare_list_closed(mut i: &str) -> bool {
    let mut last_va = false;
    // The whole run, however long: `list_refs` asks once per list.
    while let Ok(r) = list_sep(i).map(|(r, _)| r) {
        let sep = i;
        match bare_number(r) {
            Ok((r2, _)) => {
                last_va = !after_space(sep).starts_with([',', ';']);
                i = r2;
            }
            Err(_) => break,
        }
    }
    let cua = |i| keyword(i, &w().cua, Match::Loose);
    last_va || (opt((sp0, ch(','))), sp, cua, sp, issuer).parse(i).is_ok()
}

fn fill_symbol(item: &mut Item, sym: &Symbol<'_>, doc: Option<DocType>) {
    item.cite.kind = sym.kind;
    item.cite.number = Some(sym.number);
    let issuer_code = sym.issuer_code();
    let mut type_code = sym.type_code();
    // `80/2015/QH13`: the prose says whether it is a law or a resolution.
    if type_code.is_none() && sym.year.is_some() && issuer_code.contains("QH") {
        type_code = doc
            .and_then(|d| d.code)
            .filter(|c| matches!(*c, "L" | "NQ" | "PL"))
            .map(str::to_owned);
    }
    item.cite.symbol = Some(canonical_symbol(
        sym.kind,
        type_code.as_deref(),
        &issuer_code,
        sym.year,
    ));
    item.cite.type_code = type_code;
    item.cite.issuer_code = Some(issuer_code);
    item.cite.year = sym.year;
}

/// Issuers that make a short form a state citation (`Nghị quyết 128 của Chính phủ`).
pub(crate) fn is_state_body(issuer: &str) -> bool {
    let l = issuer.to_lowercase();
    // `Đảng đoàn Quốc hội`, `Ban cán sự đảng Chính phủ` are party organs.
    if l.contains("đảng") {
        return false;
    }
    [
        "chính phủ",
        "quốc hội",
        "thủ tướng",
        "ủy ban nhân dân",
        "hội đồng nhân dân",
        "ubnd",
        "hđnd",
    ]
    .iter()
    .any(|s| l.contains(s))
        || (l.starts_with("bộ ") && !l.starts_with("bộ chính trị"))
}

/// Cheap test of what follows a type word before the grammar runs: most anchors are verbs and
/// nouns in prose (`quyết định thành lập`, `kế hoạch đề ra`), and only a number, `số`, `của`,
/// a plenum or congress name (`Trung ương`, `TW`, `Hội nghị`, `Đại hội`) or a law's name can
/// follow a type word in a citation.
fn may_continue(rest: &str, doc: DocType) -> bool {
    static NEXT: OnceLock<Vec<Folded>> = OnceLock::new();
    let next = NEXT.get_or_init(|| {
        ["số", "của", "trung", "hội", "đại", "tư", "đh"]
            .iter()
            .map(|w| fold(w))
            .collect()
    });
    let rest_raw = rest;
    let rest = after_space(rest);
    // The first letter rules out most prose before a word is even split off.
    let Some(c) = rest.chars().next() else {
        return false;
    };
    let first = crate::lex::fold_char(c).0;
    if !(c.is_ascii_digit()
        || matches!(first, 's' | 'c' | 't' | 'h' | 'đ')
        || (doc.named && c.is_uppercase()))
    {
        return false;
    }
    let Ok((after, w)) = word(rest) else {
        return false;
    };
    // `quy định của pháp luật`: after `của` only an issuer followed by `số` makes a citation,
    // and `numbered` reads that issuer only when `số` is near (the same test, made first).
    if first == 'c'
        && same_word(w, &self::w().cua[0], Match::Tone)
        && !so_within(rest_raw, SO_WINDOW)
    {
        return false;
    }
    w.starts_with(|c: char| c.is_ascii_digit())
        || (matches!(first, 's' | 'c' | 't' | 'h' | 'đ')
            && next
                .iter()
                .any(|n| n.first == Some(first) && same_word(w, n, Match::Loose)))
        || fold_starts_tw(w)
        || (w == "T" && after.starts_with('.'))
        || (doc.named && is_capitalised(w))
}

/// `TW`, `TW4`, `tw`: the abbreviation of Trung ương, possibly glued to the plenum number.
fn fold_starts_tw(w: &str) -> bool {
    w.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("tw"))
}

/// Parse from the type word `doc` at `at..after`: a plenum or congress resolution, or a
/// numbered citation.
pub(crate) fn from_type_word(text: &str, at: usize, after: usize, doc: DocType) -> Option<Found> {
    let rest = &text[after..];
    if !may_continue(rest, doc) {
        return None;
    }
    let name = doc.name.unwrap_or("");
    if matches!(name, "Nghị quyết" | "Kết luận") {
        if let Ok((r, (_, (plenum, term)))) = (sp, plenum_ref).parse(rest) {
            let end = text.len() - r.len();
            let mut item = Item::new(at, end, CitationKind::Plenum, Some(doc));
            item.cite.plenum = Some(plenum);
            item.cite.term = term;
            item.subject = subject(r).map(|(s, e)| (end + s, end + e));
            return Some(Found {
                items: vec![item],
                resume: end,
            });
        }
    }
    if name == "Nghị quyết" {
        if let Ok((r, (_, congress))) = (sp, congress_ref).parse(rest) {
            let end = text.len() - r.len();
            let mut item = Item::new(at, end, CitationKind::Congress, Some(doc));
            item.cite.congress = Some(congress);
            let (r, _) = opt(cua_dang).parse(r).unwrap_or((r, None));
            let (r, _) = opt(super::term::nhiem_ky).parse(r).unwrap_or((r, None));
            let tail = text.len() - r.len();
            item.subject = subject(r).map(|(s, e)| (tail + s, tail + e));
            return Some(Found {
                items: vec![item],
                resume: end,
            });
        }
    }
    numbered(text, at, after, Some(doc), None)
}

/// Parse around a slash at `slash` that no type word claimed: find the number before it, look
/// back for `số` and a type word (letters only, so `Kết lúận số` is still read), then parse on.
pub(crate) fn from_slash(text: &str, slash: usize, floor: usize) -> Option<Found> {
    let num_start = number_start(text, slash, floor)?;
    // Most slashes are dates and fractions: rule them out before looking back for a type word.
    let (start, doc, sym) = match doc_no(&text[num_start..]) {
        Ok((after, sym)) => {
            let (start, doc) = look_back(text, num_start, floor);
            (start, doc, Some((num_start, text.len() - after.len(), sym)))
        }
        // An unlisted party type code (`Chương trình hành động số 12-CTHĐ/TU`): letters before
        // the slash, and a type word before the number that agrees with them.
        Err(_) if text[num_start..slash].contains(is_letter) => {
            let (start, doc) = look_back(text, num_start, floor);
            let (a, b) = open_codes_for(text, start, doc)?;
            let open = OpenCodes::new(&a, &b);
            let (after, sym) = party_no_with(&text[num_start..], Some(&open)).ok()?;
            (start, doc, Some((num_start, text.len() - after.len(), sym)))
        }
        Err(_) => return None,
    };
    let known = sym?;
    // `mã hàng 1234/SP-VN`: an unlisted state type code needs a citation phrase around it
    // (`Công văn số 1569/HQHCM-TCCB`), and `mã số` is none; so does a lost hyphen (`26 NQ/TW`).
    let (start, doc, first_at, known) = if doc.is_none() {
        match bare_list_start(text, num_start, floor) {
            // `Công văn số 2522, 2523/UBND-VX`: the type word stands before the list.
            Some((list_start, (s, Some(d)))) => (s, Some(d), list_start, None),
            _ => (start, doc, num_start, Some(known)),
        }
    } else {
        (start, doc, num_start, Some(known))
    };
    if known.is_some_and(|(_, _, sym)| sym.needs_phrase()) {
        let (so_at, so) = word_before(text, num_start);
        let phrase =
            doc.is_some() || (base_is(so, "sô") && !base_is(word_before(text, so_at).1, "ma"));
        if !phrase {
            return None;
        }
    }
    let found = numbered(text, start, first_at, doc, known)?;
    // The slash must belong to a number parsed (the first, or a list's last).
    (found.items.last()?.end > slash).then_some(found)
}

/// `2522, 2523/…`: where a run of bare numbers before the number at `num_start` begins, and
/// the type word before it (`Công văn số 2522, 2523/UBND-VX`), if there is one.
fn bare_list_start(
    text: &str,
    num_start: usize,
    floor: usize,
) -> Option<(usize, (usize, Option<DocType>))> {
    let mut at = num_start;
    let mut found = None;
    // However long the run: the runs before two slashes never overlap (a number with a slash
    // ends a run), so every anchor's walk back is linear in all.
    loop {
        let head = text[floor..at].trim_end_matches(is_space);
        // A list stays on its line.
        if text[floor + head.len()..at].contains(crate::lex::is_line_break) {
            break;
        }
        let Some(head) = head.strip_suffix([',', ';']).or_else(|| {
            let h = head.strip_suffix("và")?;
            h.ends_with(is_space).then_some(h)
        }) else {
            break;
        };
        let trimmed = head.trim_end_matches(is_space);
        if head[trimmed.len()..].contains(crate::lex::is_line_break) {
            break;
        }
        let head = trimmed;
        let digits = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if !(1..=5).contains(&digits) {
            break;
        }
        at = floor + head.len() - digits;
        if text[..at].ends_with(|c: char| !is_space(c)) && !text[..at].is_empty() {
            break;
        }
        found = Some(at);
    }
    let list_start = found?;
    let (start, doc) = look_back(text, list_start, floor);
    doc.is_some().then_some((list_start, (start, doc)))
}

/// The word before `at` (white space and a colon skipped, `số:`) and where it starts.
fn word_before(text: &str, at: usize) -> (usize, &str) {
    let head = text[..at].trim_end_matches(|c: char| is_space(c) || c == ':');
    let from = head
        .char_indices()
        .rev()
        .take(24)
        .take_while(|&(_, c)| crate::lex::is_word_char(c))
        .last()
        .map_or(head.len(), |(k, _)| k);
    (from, &head[from..])
}

/// Characters read backwards, with their byte offsets.
type Backwards<'a> = std::iter::Peekable<std::iter::Rev<std::str::CharIndices<'a>>>;

/// Take up to `max` characters that satisfy `pred` off `chars`: how many, and the offset of
/// the last one taken (the run's start).
#[inline]
fn take_back(
    chars: &mut Backwards<'_>,
    max: usize,
    pred: impl Fn(char) -> bool,
) -> (usize, Option<usize>) {
    let (mut n, mut at) = (0, None);
    while let Some(&(i, c)) = chars.peek() {
        if n == max || !pred(c) {
            break;
        }
        (n, at) = (n + 1, Some(i));
        chars.next();
    }
    (n, at)
}

/// Start of the number whose symbol contains the slash at `slash`.
fn number_start(text: &str, slash: usize, floor: usize) -> Option<usize> {
    let before = text.get(floor..slash)?;
    let mut chars = before.char_indices().rev().peekable();
    // Party: type letters right before the slash (`NQ/`), then an optional spaced dash.
    let (letters, _) = take_back(&mut chars, 12, is_letter);
    // `125-QĐ-BTV/HU`: an open-class compound code, one more group of letters after a dash.
    if letters > 0 {
        let mut probe = chars.clone();
        if probe.next().is_some_and(|(_, c)| c == '-') {
            let (more, _) = take_back(&mut probe, 6, is_letter);
            let dash_before = probe.peek().is_some_and(|&(_, c)| crate::lex::is_dash(c));
            if more >= 2 && dash_before {
                chars = probe;
            }
        }
    }
    let mut spaces = 0;
    let mut dash = false;
    while let Some(&(_, c)) = chars.peek() {
        if is_space(c) && spaces < 16 {
            spaces += 1;
        } else if crate::lex::is_dash(c) && !dash && letters > 0 {
            dash = true;
        } else {
            break;
        }
        chars.next();
    }
    // One to five digits (a sixth makes it no document number).
    let (digits, first) = take_back(&mut chars, 6, |c| c.is_ascii_digit());
    let (1..=5, Some(first)) = (digits, first) else {
        return None;
    };
    let at = floor + first;
    let prev = text[..at].chars().next_back();
    match prev {
        Some(c) if blocks_number_start(c) => {
            // `số31-QĐ/TW`, `Số:01`: a number glued to `số` is still a number.
            let glued_to_so = text[..at]
                .trim_end_matches(':')
                .rsplit(|c: char| !is_alnum(c))
                .next()
                .is_some_and(|w| base_is(w, "sô"));
            glued_to_so.then_some(at)
        }
        // `19-2017/NQ-CP`: the Government's yearly resolutions put the year after a hyphen.
        // Otherwise (`2-9-2019/…`) the digits continue a date or range, not a number.
        Some(c)
            if crate::lex::is_dash(c)
                && text[..at - c.len_utf8()].ends_with(|d: char| d.is_ascii_digit()) =>
        {
            let year = digits == 4
                && letters == 0
                && (text[at..].starts_with("19") || text[at..].starts_with("20"));
            let head = &text[floor..at - c.len_utf8()];
            let number = head.len() - head.trim_end_matches(|d: char| d.is_ascii_digit()).len();
            let start = at - c.len_utf8() - number;
            let before = text[..start].chars().next_back();
            let free = before.is_none_or(|b| !blocks_number_start(b) && !crate::lex::is_dash(b));
            (year && number <= 5 && free).then_some(start)
        }
        _ => Some(at),
    }
}

/// Look back from a number for `[type_word [law name]] [số]`; returns where the citation
/// starts and its type, if any.
fn look_back(text: &str, num_start: usize, floor: usize) -> (usize, Option<DocType>) {
    let lo = floor.max(num_start.saturating_sub(160));
    let lo = (lo..=num_start)
        .find(|&k| text.is_char_boundary(k))
        .unwrap_or(num_start);
    let window = &text[lo..num_start];
    // Word spans in the window, last first (at most 12: a fixed array, as this runs for every
    // number found at a slash).
    let mut spans = [(0usize, 0usize); 12];
    let mut n = 0;
    let mut end = window.len();
    for (k, c) in window.char_indices().rev() {
        let space = is_space(c);
        let stop = !(space || crate::lex::is_word_char(c) || c == ':' || c == '.');
        if (space || stop) && end > k + c.len_utf8() {
            spans[n] = (k + c.len_utf8(), end);
            n += 1;
        }
        if stop {
            // Punctuation ends the phrase: nothing before it belongs to this citation.
            end = usize::MAX;
            break;
        }
        if space {
            end = k;
        }
        // `tạiTờ trình số …`: a capital right after a lower-case letter starts a word whose
        // space was lost.
        if crate::lex::is_lost_space(&window[..k], c) && end > k {
            spans[n] = (k, end);
            n += 1;
            end = k;
        }
        if n > 10 {
            break;
        }
    }
    if end != usize::MAX && end > 0 && n <= 10 {
        spans[n] = (0, end);
        n += 1;
    }
    let words = &spans[..n];
    let word_at = |n: usize| words.get(n).map(|&(s, e)| &window[s..e]);
    let mut next = 0;
    let mut has_so = false;
    if let Some(wd) = word_at(0) {
        let wd = wd.trim_end_matches(':');
        if base_is(wd, "sô") {
            has_so = true;
            next = 1;
        }
    }
    // The type word ends right before `số` (or the number), or, for laws, a few words earlier.
    for skip in 0..=6 {
        for len in (1..=4).rev() {
            let last = next + skip;
            let first = last + len - 1;
            let (Some(&(s, _)), Some(&(_, e))) = (words.get(first), words.get(last)) else {
                continue;
            };
            let phrase = &window[s..e];
            // Past the word before `số`, only a law's type word (`Luật`, `Bộ luật`, `Pháp
            // lệnh`) may stand: skip the lookup for anything else.
            if skip > 0 && !phrase.starts_with(['L', 'B', 'P']) || !may_start_type_word(phrase) {
                continue;
            }
            if let Ok((rest, doc)) = type_word(phrase, Match::Loose) {
                // A law's name sits between `Luật` and `số` on one line.
                let law = doc.named
                    && has_so
                    && is_capitalised(phrase)
                    && !window[s..].contains(crate::lex::is_line_break)
                    && words
                        .get(last - 1)
                        .is_some_and(|&(s, e)| is_capitalised(&window[s..e]));
                if rest.is_empty() && (skip == 0 || law) {
                    return (lo + s, Some(doc));
                }
            }
        }
        if !has_so {
            break;
        }
    }
    (num_start, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Vec<Item> {
        let Ok((rest, doc)) = type_word(text, Match::Tone) else {
            return Vec::new();
        };
        from_type_word(text, 0, text.len() - rest.len(), doc)
            .map(|f| f.items)
            .unwrap_or_default()
    }

    #[test]
    fn full_citation() {
        let t = "Nghị quyết số 04-NQ/TW ngày 30-10-2016 của Ban Chấp hành Trung ương khoá XII về tăng cường xây dựng, chỉnh đốn Đảng; ngăn chặn";
        let items = parse(t);
        assert_eq!(items.len(), 1);
        let c = &items[0];
        assert_eq!(
            (c.cite.number, c.cite.date.as_deref(), c.cite.term),
            (Some(4), Some("2016-10-30"), Some(12))
        );
        assert_eq!(c.cite.issuer.as_deref(), Some("Ban Chấp hành Trung ương"));
        assert_eq!(
            &t[c.start..c.end],
            "Nghị quyết số 04-NQ/TW ngày 30-10-2016 của Ban Chấp hành Trung ương khoá XII"
        );
        let (s, e) = c.subject.unwrap();
        assert_eq!(&t[s..e], "tăng cường xây dựng, chỉnh đốn Đảng");
    }

    #[test]
    fn subject_stops_at_a_colon() {
        let subject_of = |t: &str| {
            let c = parse(t).pop().unwrap();
            c.subject.map(|(s, e)| t[s..e].to_owned())
        };
        assert_eq!(
            subject_of(
                "Thông tư số 96/2015/TT-BTC của Bộ Tài chính về thuế TNDN quy định: \"Điều 4. Sửa đổi"
            ),
            Some("thuế TNDN quy định".to_owned())
        );
        assert_eq!(
            subject_of("Thông tư số 15/2014/TT-BXD về việc ban hành QCVN 16:2014/BXD về vật liệu."),
            Some("việc ban hành QCVN 16:2014/BXD về vật liệu".to_owned())
        );
    }

    #[test]
    fn lists() {
        let items = parse("Nghị quyết số 18-NQ/TW, 19-NQ/TW của Ban Chấp hành");
        assert_eq!(
            items.iter().map(|c| c.cite.number).collect::<Vec<_>>(),
            [Some(18), Some(19)]
        );
        let items = parse("Nghị quyết số 18, 19-NQ/TW");
        assert_eq!(items.len(), 2);
        assert_eq!(
            (
                items[0].cite.number,
                items[0].cite.symbol.as_deref(),
                items[0].cite.short
            ),
            (Some(18), Some("NQ/TW"), false)
        );
        let items = parse("Quyết định số 217, số 218 của Bộ Chính trị (Khóa XI)");
        assert_eq!(items.len(), 2);
        assert!(
            items
                .iter()
                .all(|c| c.cite.short && c.cite.term == Some(11))
        );
        let items = parse("Chỉ thị số 05, 17 đơn vị");
        assert_eq!(items.len(), 1);
        // A run of bare numbers is a list when an issuer or `và` closes it.
        assert_eq!(parse("Chỉ thị 15, 16 đơn vị tham gia").len(), 1);
        assert_eq!(parse("Chỉ thị 15, 16, 19 về phòng dịch").len(), 1);
        let items = parse("Chỉ thị 15, 16, 19 của Thủ tướng");
        assert_eq!(items.len(), 3);
        assert!(items.iter().all(|c| c.cite.kind == CitationKind::State
            && c.cite.issuer.as_deref() == Some("Thủ tướng")
            && c.cite.type_code.as_deref() == Some("CT")));
        assert_eq!(parse("Nghị quyết 18, 19 và 20").len(), 3);
    }

    #[test]
    fn short_forms_and_traps() {
        assert!(parse("Chỉ thị 05 của Bộ Chính trị")[0].cite.short);
        assert_eq!(parse("Quy định 205.")[0].cite.number, Some(205));
        assert!(parse("báo cáo 6 tháng đầu năm").is_empty());
        assert!(parse("Kế hoạch 5 năm").is_empty());
        assert!(parse("Nghị quyết này").is_empty());
        assert!(parse("Nghị quyết 18 tỉnh").is_empty());
        assert!(parse("Luật\n\n2. Bảo đảm").is_empty());
        assert!(parse("quy định 1 đến 8 nêu trên").is_empty());
        assert_eq!(
            parse("Kết luận số 21 tới từng cán bộ")[0].cite.number,
            Some(21)
        );
        assert_eq!(
            parse("Nghị quyết 128 của Chính phủ")[0].cite.kind,
            CitationKind::State
        );
    }

    #[test]
    fn slash_path_reads_year_after_hyphen() {
        let t = "tại 19-2017/NQ-CP ngày 6/2/2017";
        let found = from_slash(t, t.find('/').unwrap(), 0).unwrap();
        let c = &found.items[0];
        assert_eq!(
            (c.cite.number, c.cite.year, c.cite.symbol.as_deref()),
            (Some(19), Some(2017), Some("NQ-CP"))
        );
        assert_eq!(&t[c.start..c.end], "19-2017/NQ-CP ngày 6/2/2017");
        // A date running into a slash is no number.
        let t = "ngày 2-9-2019/QĐ-UBND";
        assert!(from_slash(t, t.find('/').unwrap(), 0).is_none());
    }

    #[test]
    fn unlisted_state_type_codes_need_a_citation_phrase() {
        let found = |t: &str| from_slash(t, t.find('/').unwrap(), 0).map(|f| f.items.len());
        // The issuer-first numbering of official letters, after a type word or `số`.
        assert_eq!(found("Công văn số 1569/HQHCM-TCCB của Cục"), Some(1));
        assert_eq!(
            found("được chấp thuận phê duyệt số 504/D-UB ngày 20/5/1999"),
            Some(1)
        );
        assert_eq!(found("Văn bản số:526/UBND-TNMT"), Some(1));
        // Product codes and bare codes are no citations; listed codes need nothing.
        assert_eq!(found("mã hàng 1234/SP-VN"), None);
        assert_eq!(found("mã số 1234/SP-VN"), None);
        assert_eq!(found("lô 2023/HN-01"), None);
        assert_eq!(found("theo 1234/QĐ-UBND"), Some(1));
    }

    #[test]
    fn slash_path_reads_noisy_type_word() {
        let t = "Kết lúận số 121-KL/TW, ngàỷ 24/01/2025 củà Bạn Chấp hành Trũng ương Đảng về";
        let found = from_slash(t, t.find('/').unwrap(), 0).unwrap();
        let c = &found.items[0];
        assert_eq!(c.cite.doc_type.as_deref(), Some("Kết luận"));
        assert_eq!(c.start, 0);
        assert_eq!(c.cite.date.as_deref(), Some("2025-01-24"));
        assert_eq!(
            c.cite.issuer.as_deref(),
            Some("Ban Chấp hành Trung ương Đảng")
        );
    }
}
