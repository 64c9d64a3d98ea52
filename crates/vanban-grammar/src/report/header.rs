//! The header of a formal document (docs/formats.md §5.1–5.2): organs, party line, number, place and
//! date, type name and trích yếu; tolerant of the two columns flattened in either order.
use std::sync::OnceLock;

use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::take_while_m_n;
use nom::character::complete::char;
use nom::combinator::{opt, recognize};
use vanban_model::{Header, HeaderDate, HeaderNumber};

use crate::citation::symbol::{Symbol, doc_no};

use super::lex::{
    R, any_kw, fail, is_capitalised, is_dash, is_rule, is_space, is_upper_text, kw, num,
    number_word, sp0, trim, word,
};
use super::outline;
use crate::lex::date::Date;
use crate::source::Source;

/// Lines searched for the type name; a header never runs longer.
const HEADER_LINES: usize = 40;

/// type_name = one of the lexicon's header type names (`lexicon::header_type_names`) in capitals, then a gap or the end    (`HƯỚNG DẪN`, `THÔNG BÁO KẾT LUẬN`)
pub(crate) fn type_name(i: &str) -> R<'_, &str> {
    let Some((rest, t)) = any_kw(i, crate::lexicon::header_type_names()) else {
        return fail(i);
    };
    if !is_upper_text(t) || rest.starts_with(|c: char| !c.is_whitespace() && c != ':' && c != '(') {
        return fail(i);
    }
    Ok((rest, t))
}

/// header_date = "ngày" sp day sp "tháng" sp (month | month_word) sp "năm" sp year
/// (spaces may be line breaks: `Hà Nội, ngày\n24 tháng 9 năm 2018`)
pub(crate) fn header_date(i: &str) -> R<'_, (&str, Option<String>)> {
    let month = alt((num(2), word.map_opt(number_word)));
    let (rest, (_, _, d, _, _, _, m, _, _, _, y)) = (
        kw("ngày"),
        sp0,
        num(2),
        sp0,
        kw("tháng"),
        sp0,
        month,
        sp0,
        kw("năm"),
        sp0,
        num(4),
    )
        .parse(i)?;
    // The calendar check of every date (`ngày 29 tháng 2 năm 2019` has no ISO form).
    let iso = Date::checked(d, m, y as i32).and_then(|d| d.iso());
    Ok((rest, (&i[..i.len() - rest.len()], iso)))
}

/// Longest document number read as raw text when the citation grammar cannot read it.
const MAX_RAW_NUMBER: usize = 40;

/// header_no = ("Số" | "SỐ") [sp? ":"] sp? (doc_no | raw_no)
/// raw_no    = digit{1,5} (not space){0,40}     (kept as text, unread: `Số 96-XYZ/HU`)
///
/// `doc_no` is the citation grammar's number parser (docs/formats.md §2–3): one grammar for a
/// number, wherever it is written.
fn header_no(i: &str) -> R<'_, (&str, Option<Symbol<'_>>)> {
    let (rest, _) = (kw("số"), sp0, opt(char(':')), sp0).parse(i)?;
    if let Ok((after, sym)) = doc_no(rest) {
        return Ok((after, (&rest[..rest.len() - after.len()], Some(sym))));
    }
    let (after, text) = recognize((
        num(5),
        take_while_m_n(0, MAX_RAW_NUMBER, |c: char| !is_space(c)),
    ))
    .parse(rest)?;
    Ok((after, (text, None)))
}

/// The header's number field: its original text and, when the citation grammar read it, the parts.
fn number_field(src: &Source<'_>, text: &str, sym: Option<Symbol<'_>>) -> HeaderNumber {
    let mut h = HeaderNumber::new(src.span(text));
    if let Some(sym) = sym {
        h.kind = Some(sym.kind);
        h.number = Some(sym.number);
        h.type_code = sym.type_code();
        h.issuer_code = Some(sym.issuer_code());
        h.symbol = Some(sym.symbol());
        h.year = sym.year;
    }
    h
}

/// Organ words that open an issuer under a parent (`BAN CHẤP HÀNH TRUNG ƯƠNG` / `BAN TỔ CHỨC`),
/// and the parents that can stand over one in the left column: the lexicon's organs.
fn organ_starts() -> &'static [&'static str] {
    static O: OnceLock<Vec<&'static str>> = OnceLock::new();
    O.get_or_init(|| crate::lexicon::organs_lower(crate::lexicon::OPENS))
}

fn parents() -> &'static [&'static str] {
    static P: OnceLock<Vec<&'static str>> = OnceLock::new();
    P.get_or_init(|| crate::lexicon::organs_lower(crate::lexicon::PARENT))
}

/// Split an organ block into `(parent, issuer)`: the issuer starts at the first organ word after
/// a recognised parent (`ĐẢNG BỘ TỈNH THÁI NGUYÊN` / `HUYỆN UỶ ĐỊNH HOÁ`).
fn split_organ(block: &str) -> (Option<&str>, &str) {
    let Some((after_parent, _)) = any_kw(block, parents()) else {
        return (None, block);
    };
    let mut rest = after_parent;
    while !trim(rest).is_empty() {
        let t = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '|');
        if any_kw(t, organ_starts()).is_some() {
            let cut = block.len() - t.len();
            return (
                Some(trim(
                    block[..cut].trim_end_matches(|c: char| c.is_whitespace() || c == '|'),
                )),
                t,
            );
        }
        match word(t) {
            Ok((r, _)) => rest = r,
            Err(_) => break,
        }
    }
    (None, block)
}

/// The header and the index of the first line after it (the body), or `None` when no type name
/// was found where a header would have one.
pub(crate) fn header<'a>(src: &Source<'a>, lines: &[&'a str]) -> Option<(Header, usize)> {
    // 1. the type-name line (or, flattened, the type name right after the date on one line);
    // a page title in capitals (`HƯỚNG DẪN SỐ 27 …`) may come first, so try a few candidates and
    // keep the first whose zone has a party line, a number or a dated place
    let mut candidates = Vec::new();
    for (k, line) in lines.iter().enumerate().take(HEADER_LINES) {
        if candidates.len() >= 3 {
            break;
        }
        let t = trim(line);
        if t.is_empty() {
            continue;
        }
        if let Ok((rest, ty)) = type_name(t) {
            candidates.push((k, ty, rest));
            continue;
        }
        if let Some(at) = t.find("ngày").or_else(|| t.find("NGÀY")) {
            if let Ok((after, _)) = header_date(&t[at..]) {
                if let Ok((rest, ty)) = type_name(after.trim_start()) {
                    candidates.push((k, ty, rest));
                    continue;
                }
            }
        }
        // the body has begun: no header further down
        if outline::label(t).is_some_and(|l| !matches!(l.kind, vanban_model::SectionKind::Bullet)) {
            break;
        }
    }
    let mut first = None;
    let mut zone_from = 0;
    for (k, ty, rest) in candidates {
        let found = header_at(src, zone_from, lines, k, ty, rest);
        zone_from = k + 1;
        let h = &found.0;
        if h.party.is_some() || h.number.is_some() || h.date.is_some() {
            return Some(found);
        }
        first.get_or_insert(found);
    }
    first
}

/// The header whose type name `ty` stands on line `k`: the zone above it (from line
/// `zone_from`) holds the party line, number, place and date, and the organ block; the subject
/// follows the type name.
fn header_at<'a>(
    src: &Source<'a>,
    zone_from: usize,
    lines: &[&'a str],
    k: usize,
    ty: &'a str,
    after_type: &'a str,
) -> (Header, usize) {
    let mut h = Header::default();
    h.doc_type = Some(src.span(ty));
    let zone_start = src.offset(lines[zone_from.min(k)]);
    let zone = &src.norm()[zone_start..src.offset(ty)];
    let (party_at, cuts) = zone_fields(src, zone, &mut h);
    organ(src, zone, party_at, cuts, &mut h);
    // the trích yếu: the rest of the type line, then the lines that continue it
    let (subject, body) = subject(lines, k, after_type);
    h.subject = subject.map(|(a, b)| src.span(trim(src.join(a, b))));
    (h, body)
}

/// The party line, number, place and date, anywhere in the zone: the party line's offset, and
/// where each field (and a `*` rule) begins, which ends the organ block.
fn zone_fields<'a>(src: &Source<'a>, zone: &'a str, h: &mut Header) -> (Option<usize>, Vec<usize>) {
    let mut cuts = vec![zone.len()];
    let party_at = find_phrase(zone, &["ĐẢNG", "Đảng"], "đảng cộng sản việt nam").or_else(|| {
        find_phrase(
            zone,
            &["CỘNG", "Cộng"],
            "cộng hoà xã hội chủ nghĩa việt nam",
        )
    });
    if let Some((at, p)) = party_at {
        h.party = Some(src.span(p));
        if at > 0 {
            cuts.push(at);
        }
    }
    for (at, _) in zone.match_indices("Số").chain(zone.match_indices("SỐ")) {
        if let Ok((_, (text, n))) = header_no(&zone[at..]) {
            h.number = Some(number_field(src, text, n));
            cuts.push(at);
            break;
        }
    }
    for (at, _) in zone.match_indices("ngày").chain(zone.match_indices("NGÀY")) {
        if let Ok((_, (text, iso))) = header_date(&zone[at..]) {
            h.date = Some(HeaderDate::new(src.span(text), iso));
            let (place, place_at) = place_before(zone, at);
            if let Some(p) = place {
                h.place = Some(src.span(p));
            }
            cuts.push(place_at);
            break;
        }
    }
    if let Some(star) = zone.find('*') {
        cuts.push(star);
    }
    // The party line at the zone's top is skipped by the organ block, not cut at.
    let top = match party_at {
        Some((0, p)) => Some(p.len()),
        _ => None,
    };
    (top, cuts)
}

/// The organ block: capitals from the top of the left column (after a party line `top` bytes
/// long at the zone's top) to the first cut, split into parent issuer and issuer.
fn organ(src: &Source<'_>, zone: &str, top: Option<usize>, cuts: Vec<usize>, h: &mut Header) {
    let mut start = top.unwrap_or(0);
    // page furniture above the header (`MỤC LỤC VĂN BẢN`, `*`) is not the organ
    for l in crate::lex::lines_inclusive(&zone[start..]) {
        let t = trim(l);
        if !(t.is_empty() || is_rule(t) || any_kw(t, &["mục lục", "tải về", "xem mẫu"]).is_some())
        {
            break;
        }
        start += l.len();
    }
    start = start.min(zone.len());
    let end = cuts
        .into_iter()
        .filter(|&c| c >= start)
        .min()
        .unwrap_or(zone.len());
    let mut block_lines: Vec<&str> = Vec::new();
    for l in crate::lex::lines(&zone[start..end]) {
        // a rule may trail the organ on its line: `BAN TỔ CHỨC -------`
        let t = trim(l).trim_matches(|c: char| c == '|' || c == '_' || c == '*' || is_dash(c));
        let t = trim(t);
        if t.is_empty() || is_rule(l) {
            if !block_lines.is_empty() && is_rule(t) {
                break;
            }
            continue;
        }
        if !is_upper_text(t) {
            if block_lines.is_empty() {
                continue;
            }
            break;
        }
        block_lines.push(t);
    }
    if let (Some(first), Some(last)) = (block_lines.first(), block_lines.last()) {
        let block = src.join(first, last);
        let (parent, issuer) = split_organ(block);
        h.parent_issuer = parent.map(|p| src.span(p));
        h.issuer = Some(src.span(trim(issuer)));
    }
}

/// Find `phrase` (a keyword) at one of the `anchors` inside `zone`: `(offset, matched text)`.
fn find_phrase<'a>(
    zone: &'a str,
    anchors: &[&str],
    phrase: &'static str,
) -> Option<(usize, &'a str)> {
    let mut hits: Vec<usize> = anchors
        .iter()
        .flat_map(|a| zone.match_indices(a).map(|(k, _)| k))
        .collect();
    hits.sort_unstable();
    hits.into_iter()
        .find_map(|at| kw(phrase)(&zone[at..]).ok().map(|(_, m)| (at, m)))
}

/// The place before `, ngày`: capitalised, not all-caps words (`Hà Nội`, `TP. Hồ Chí Minh`).
/// Returns it and where the place-and-date part begins.
fn place_before(zone: &str, ngay_at: usize) -> (Option<&str>, usize) {
    let before = zone[..ngay_at].trim_end_matches(|c: char| c.is_whitespace());
    let Some(before) = before.strip_suffix(',') else {
        return (None, ngay_at);
    };
    let base = before.as_ptr() as usize;
    let mut start = before.len();
    for (k, w) in before.split_whitespace().rev().enumerate() {
        if k >= 5 || !is_capitalised(w) || is_upper_text(w) && w != "TP." {
            break;
        }
        start = w.as_ptr() as usize - base;
    }
    if start >= before.len() {
        (None, ngay_at)
    } else {
        (Some(&before[start..]), start)
    }
}

/// The trích yếu: `(first, last)` line slices, and the index of the first body line.
fn subject<'a>(
    lines: &[&'a str],
    type_line: usize,
    after_type: &'a str,
) -> (Option<(&'a str, &'a str)>, usize) {
    let mut first: Option<&'a str> = None;
    let mut last: Option<&'a str> = None;
    let mut caps = false;
    let t = trim(after_type.trim_start_matches(|c: char| c == ':' || c.is_whitespace()));
    if !t.is_empty() {
        first = Some(t);
        last = Some(t);
        caps = is_upper_text(t) && any_kw(t, &["của", "hội nghị", "trình", "tại"]).is_none();
    }
    let mut k = type_line + 1;
    let mut taken = 0;
    while k < lines.len() && taken < 6 {
        let t = trim(lines[k]);
        if t.is_empty() {
            if first.is_some() {
                break;
            }
            k += 1;
            continue;
        }
        if t == "|" {
            k += 1;
            continue;
        }
        if is_rule(t) {
            k += 1;
            break;
        }
        let starters = [
            "căn cứ",
            "kính gửi",
            "thực hiện",
            "theo đề nghị",
            "xét đề nghị",
        ];
        let starts_body = outline::label(t).is_some()
            || !is_upper_text(t) && any_kw(t, &starters).is_some()
            || type_name(t).is_ok_and(|(r, _)| trim(r).is_empty()) && first.is_some();
        if starts_body {
            break;
        }
        let fits = match first {
            None => true,
            // caps subjects continue in caps; a `về …` subject wraps onto at most a few lines
            Some(_) => {
                if caps {
                    is_upper_text(t)
                } else {
                    !t.ends_with(':') && taken < 3
                }
            }
        };
        if !fits {
            break;
        }
        if first.is_none() {
            // an issuer or occasion line (`CỦA BAN THƯỜNG VỤ …`) may be followed by a lower-case `về …`
            caps = is_upper_text(t) && any_kw(t, &["của", "hội nghị", "trình", "tại"]).is_none();
            first = Some(t);
        }
        last = Some(t);
        taken += 1;
        k += 1;
    }
    (first.zip(last), k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Header {
        let src = Source::new(text);
        let lines = crate::lex::lines(src.norm());
        header(&src, &lines).expect("a header").0
    }

    fn t(s: &Option<vanban_model::Span>) -> Option<&str> {
        s.as_ref().map(|s| s.text.as_str())
    }

    #[test]
    fn row_major_header() {
        let h = parse(
            "BAN CHẤP HÀNH TRUNG ƯƠNG\nBAN DÂN VẬN\n*\nSố 12-HD/BDVTW\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\nHà Nội, ngày 05 tháng 3 năm 2019\n\nHƯỚNG DẪN\nvề công tác dân vận\n-----\n1. Mục đích",
        );
        assert_eq!(t(&h.parent_issuer), Some("BAN CHẤP HÀNH TRUNG ƯƠNG"));
        assert_eq!(t(&h.issuer), Some("BAN DÂN VẬN"));
        assert_eq!(t(&h.party), Some("ĐẢNG CỘNG SẢN VIỆT NAM"));
        let n = h.number.unwrap();
        assert_eq!(
            (n.span.text.as_str(), n.number, n.symbol.as_deref()),
            ("12-HD/BDVTW", Some(12), Some("HD/BDVTW"))
        );
        assert_eq!(t(&h.place), Some("Hà Nội"));
        assert_eq!(h.date.unwrap().iso.as_deref(), Some("2019-03-05"));
        assert_eq!(t(&h.doc_type), Some("HƯỚNG DẪN"));
        assert_eq!(t(&h.subject), Some("về công tác dân vận"));
    }

    #[test]
    fn column_major_on_one_line() {
        let h = parse(
            "BAN CHẤP HÀNH TRUNG ƯƠNG VĂN PHÒNG * Số 36-HD/VPTW ĐẢNG CỘNG SẢN VIỆT NAM Hà Nội, ngày 03 tháng 4 năm 2018 HƯỚNG DẪN thể thức văn bản của Đảng\nI- HƯỚNG DẪN CHUNG",
        );
        assert_eq!(t(&h.parent_issuer), Some("BAN CHẤP HÀNH TRUNG ƯƠNG"));
        assert_eq!(t(&h.issuer), Some("VĂN PHÒNG"));
        assert_eq!(h.number.unwrap().span.text, "36-HD/VPTW");
        assert_eq!(t(&h.place), Some("Hà Nội"));
        assert_eq!(t(&h.subject), Some("thể thức văn bản của Đảng"));
    }

    #[test]
    fn pipe_table_with_split_words() {
        let h = parse(
            "TỈNH UỶ KIÊN LONG\n|\nĐẢNG CỘNG SẢN\nVIỆT NAM\n|\nSố: 07 -\nKH/TU\n|\nKiên Long, ngày\n14 tháng 02 năm 2022\n|\nKẾ HOẠCH\nTHỰC HIỆN CHUYÊN ĐỀ NĂM 2022\nI. MỤC ĐÍCH",
        );
        assert_eq!(t(&h.issuer), Some("TỈNH UỶ KIÊN LONG"));
        assert_eq!(h.parent_issuer, None);
        assert_eq!(t(&h.party), Some("ĐẢNG CỘNG SẢN\nVIỆT NAM"));
        let n = h.number.unwrap();
        assert_eq!(
            (
                n.span.text.as_str(),
                n.type_code.as_deref(),
                n.issuer_code.as_deref()
            ),
            ("07 -\nKH/TU", Some("KH"), Some("TU"))
        );
        assert_eq!(h.date.unwrap().span.text, "ngày\n14 tháng 02 năm 2022");
        assert_eq!(t(&h.subject), Some("THỰC HIỆN CHUYÊN ĐỀ NĂM 2022"));
    }

    #[test]
    fn organ_split() {
        assert_eq!(
            split_organ("ĐẢNG BỘ TỈNH THÁI NGUYÊN HUYỆN UỶ ĐỊNH HOÁ"),
            (Some("ĐẢNG BỘ TỈNH THÁI NGUYÊN"), "HUYỆN UỶ ĐỊNH HOÁ")
        );
        assert_eq!(
            split_organ("TỈNH ỦY THỪA THIÊN HUẾ"),
            (None, "TỈNH ỦY THỪA THIÊN HUẾ")
        );
        assert_eq!(
            split_organ("BAN THƯỜNG VỤ TỈNH ỦY"),
            (None, "BAN THƯỜNG VỤ TỈNH ỦY")
        );
    }

    #[test]
    fn numbers() {
        let (_, (text, n)) = header_no("Số: 30/2020/NĐ-CP ngày").unwrap();
        let n = n.unwrap();
        assert_eq!(
            (text, n.symbol().as_str(), n.year),
            ("30/2020/NĐ-CP", "NĐ-CP", Some(2020))
        );
        let (_, (_, n)) = header_no("SỐ 08-QĐI/TW").unwrap();
        assert_eq!(n.unwrap().type_code().as_deref(), Some("QĐi"));
        let (_, (text, n)) = header_no("Số 96-XYZ/HU\n").unwrap();
        assert_eq!((text, n.is_none()), ("96-XYZ/HU", true));
        assert!(header_no("Số năm").is_err());
    }
}
