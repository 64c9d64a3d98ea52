//! Pinpoints: the point, clause, article or section of a cited document that the text names
//! right before the citation (`điểm a khoản 2 Điều 5 Quy định số 08-QĐi/TW`, `khoản 1, khoản 3
//! Điều 12 Luật Đất đai năm 2013`, `Mục II Phần thứ hai Báo cáo số …`).
//!
//! ```text
//! pinpoint = [point] [clause] [article] [section] sp [("của" | "tại") sp] citation   (one at least)
//! point    = "điểm" sp letter { list_sep ["điểm" sp] letter }
//! clause   = "khoản" sp num { list_sep ["khoản" sp] num }
//! article  = "Điều" sp num { list_sep ["Điều" sp] num }
//! section  = division { sp division }
//! division = ("Mục" | "Phần" | "Chương") sp (roman | num | "thứ" sp word)
//! list_sep = sp? "," sp? | sp "và" sp
//! ```
//!
//! A pinpoint qualifies the citation that follows it: the citation's span then starts at the
//! pinpoint. A pinpoint with no citation after it (`khoản 2 Điều này`, `Điều 5 nêu trên`) is a
//! reference to the citing document or to one named before; it is not read here.

use vanban_model::Pinpoint;

use crate::lex::{base_is, folded_chars, is_space, is_word_char, word};

use super::phrase::Item;

/// Words looked back at most from a citation for the start of its pinpoint.
const MAX_WORDS: usize = 16;

/// The pinpoint levels, smallest first (the order the text writes them in).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Point,
    Clause,
    Article,
    Section,
}

fn level(w: &str) -> Option<Level> {
    // The first base letter picks the one or two names to compare (this runs for every word
    // looked back at): `base_is` compares from the same letter on.
    let first = folded_chars(w).find_map(|(b, _)| b)?;
    let is = |base: &str| base_is(w, base);
    match first {
        'đ' if is("điêm") => Some(Level::Point),
        'đ' if is("điêu") => Some(Level::Article),
        'k' if is("khoan") => Some(Level::Clause),
        'm' if is("muc") => Some(Level::Section),
        'p' if is("phân") => Some(Level::Section),
        'c' if is("chương") => Some(Level::Section),
        _ => None,
    }
}

/// A designator: `5`, `5a`, `a`, `đ`, `II`, `thứ hai`; returns the rest.
fn designator(i: &str, level: Level) -> Option<(&str, &str)> {
    let (rest, w) = word(i).ok()?;
    let ok = match level {
        Level::Point => {
            let mut c = w.chars();
            c.next().is_some_and(|f| f.is_lowercase())
                && c.all(|d| d.is_ascii_digit())
                && w.chars().count() <= 3
        }
        Level::Clause | Level::Article => {
            let digits = w.trim_end_matches(|c: char| c.is_ascii_lowercase());
            (1..=3).contains(&digits.len())
                && digits.bytes().all(|b| b.is_ascii_digit())
                && w.len() - digits.len() <= 1
        }
        Level::Section => {
            (w.len() <= 6 && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C')))
                || (w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit()))
                || base_is(w, "thư")
        }
    };
    if !ok {
        return None;
    }
    if level == Level::Section && base_is(w, "thư") {
        // `thứ hai`, `thứ nhất`
        let (r, _) = crate::lex::sp(rest).ok()?;
        let (r, n) = word(r).ok()?;
        if n.starts_with(char::is_uppercase) {
            return None;
        }
        let taken = i.len() - r.len();
        return Some((r, &i[..taken]));
    }
    Some((rest, w))
}

/// list_sep = sp? "," sp? | sp "và" sp       (on one line)
fn list_sep(i: &str) -> Option<&str> {
    let inline = |c: char| is_space(c) && c != '\n' && c != '\r';
    let r = i.trim_start_matches(inline);
    if let Some(r) = r.strip_prefix(',') {
        return Some(r.trim_start_matches(inline));
    }
    if r.len() == i.len() {
        return None;
    }
    let (r, w) = word(r).ok()?;
    base_is(w, "va").then(|| r.trim_start_matches(inline))
}

/// White space on one line, at least one character.
fn gap(i: &str) -> Option<&str> {
    let r = i.trim_start_matches(|c: char| is_space(c) && c != '\n' && c != '\r');
    (r.len() < i.len()).then_some(r)
}

/// Parse a pinpoint from `i`; returns the pinpoint and the rest after its last designator.
fn parse(i: &str) -> Option<(Pinpoint, &str)> {
    let mut pin = Pinpoint {
        article: None,
        clause: None,
        point: None,
        section: None,
    };
    let mut rest = i;
    let mut last: Option<Level> = None;
    let mut any = false;
    loop {
        let body = if any { gap(rest) } else { Some(rest) };
        let Some(body) = body else { break };
        let Ok((after_kw, kw)) = word(body) else {
            break;
        };
        let Some(lv) = level(kw) else { break };
        // Levels go up: `điểm a khoản 2 Điều 5`; sections may repeat (`Mục II Phần thứ hai`).
        if last.is_some_and(|l| lv < l || (lv == l && lv != Level::Section)) {
            break;
        }
        let Some(r) = gap(after_kw) else { break };
        let Some((mut r, first)) = designator(r, lv) else {
            break;
        };
        let section_start = body;
        let mut values = vec![first];
        // `khoản 1, khoản 3`, `khoản 1, 2 và 3`
        // Sections take no list; a list is bounded like the look-back.
        let list_len = if lv == Level::Section { 0 } else { MAX_WORDS };
        for _ in 0..list_len {
            let Some(s) = list_sep(r) else { break };
            let s = match word(s) {
                Ok((a, w)) if level(w) == Some(lv) => match gap(a) {
                    Some(a) => a,
                    None => break,
                },
                _ => s,
            };
            match designator(s, lv) {
                Some((r2, v)) => {
                    values.push(v);
                    r = r2;
                }
                None => break,
            }
        }
        let joined = values.join(", ");
        match lv {
            Level::Point => pin.point = Some(joined),
            Level::Clause => pin.clause = Some(joined),
            Level::Article => pin.article = Some(joined),
            Level::Section => {
                let written = &section_start[..section_start.len() - r.len()];
                pin.section = Some(match pin.section.take() {
                    Some(prev) => format!("{prev} {written}"),
                    None => written.to_owned(),
                });
            }
        }
        rest = r;
        last = Some(lv);
        any = true;
    }
    any.then_some((pin, rest))
}

/// Does `rest` lead straight to the citation at `target` (white space on one line, an optional
/// `của` or `tại`)?
fn reaches(text: &str, rest: &str, target: usize) -> bool {
    let Some(r) = gap(rest) else {
        return false;
    };
    let at = text.len() - r.len();
    if at == target {
        return true;
    }
    match word(r) {
        Ok((a, w)) if base_is(w, "cua") || base_is(w, "tai") => {
            gap(a).is_some_and(|a| text.len() - a.len() == target)
        }
        _ => false,
    }
}

/// The word that ends `head` (after trailing white space on one line), with where it starts.
fn last_word(head: &str) -> (usize, &str) {
    let head = head.trim_end_matches(|c: char| is_space(c) && c != '\n' && c != '\r');
    let from = head
        .char_indices()
        .rev()
        .take(24)
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map_or(head.len(), |(k, _)| k);
    (from, &head[from..])
}

/// Could `w` end a pinpoint (`5`, `5a`, `a`, `II`, `hai` of `thứ hai`)? A cheap test run for
/// every citation before the pinpoint grammar; `after_thu` tells whether `thứ` precedes `w`.
fn may_end_pinpoint(w: &str, after_thu: bool) -> bool {
    w.starts_with(|c: char| c.is_ascii_digit())
        || (w.starts_with(char::is_lowercase)
            && w.chars().skip(1).all(|c| c.is_ascii_digit())
            && w.len() <= 4)
        || (!w.is_empty() && w.len() <= 6 && w.bytes().all(|b| b"IVXLC".contains(&b)))
        || after_thu
}

/// Give `item` the pinpoint written right before it (after `floor`), moving its start there.
pub(crate) fn attach(text: &str, item: &mut Item, floor: usize) {
    let start = item.start;
    let Some(window) = text.get(floor..start) else {
        return;
    };
    let (mut at, mut w) = last_word(window);
    // `khoản 3 Điều 7 của Nghị định …` (exact spellings: this runs for every citation)
    if matches!(w, "của" | "tại" | "Của" | "Tại") {
        (at, w) = last_word(&window[..at]);
    }
    let after_thu = window[..at].trim_end().ends_with("thứ");
    if !may_end_pinpoint(w, after_thu) {
        return;
    }
    // Word starts before the citation, nearest first, within one line and one phrase.
    let mut starts = [0usize; MAX_WORDS];
    let mut n = 0;
    let mut in_word = false;
    for (k, c) in window.char_indices().rev() {
        if is_word_char(c) {
            in_word = true;
            continue;
        }
        if in_word {
            starts[n] = floor + k + c.len_utf8();
            n += 1;
            in_word = false;
            if n == MAX_WORDS {
                break;
            }
        }
        if !(is_space(c) || c == ',') || c == '\n' || c == '\r' {
            break;
        }
    }
    if in_word && n < MAX_WORDS {
        starts[n] = floor;
        n += 1;
    }
    // The farthest keyword from which a pinpoint reaches the citation wins.
    for &s in starts[..n].iter().rev() {
        let Ok((_, w)) = word(&text[s..]) else {
            continue;
        };
        if level(w).is_none() {
            continue;
        }
        if let Some((pin, rest)) = parse(&text[s..]) {
            if reaches(text, rest, start) {
                item.cite.pinpoint = Some(Box::new(pin));
                item.start = s;
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::extract_citations;

    fn pin(text: &str) -> Option<(String, [Option<String>; 4])> {
        let c = extract_citations(text).into_iter().next()?;
        let p = c.pinpoint?;
        Some((c.text, [p.point, p.clause, p.article, p.section]))
    }

    fn s(v: &str) -> Option<String> {
        Some(v.to_owned())
    }

    #[test]
    fn pinpoints_start_the_citation() {
        assert_eq!(
            pin("theo điểm a khoản 2 Điều 5 Quy định số 08-QĐi/TW ngày 25/10/2021"),
            Some((
                "điểm a khoản 2 Điều 5 Quy định số 08-QĐi/TW ngày 25/10/2021".to_owned(),
                [s("a"), s("2"), s("5"), None]
            ))
        );
        assert_eq!(
            pin("tại khoản 1, khoản 3 Điều 12 Luật Đất đai năm 2013"),
            Some((
                "khoản 1, khoản 3 Điều 12 Luật Đất đai năm 2013".to_owned(),
                [None, s("1, 3"), s("12"), None]
            ))
        );
        assert_eq!(
            pin("Mục II Phần thứ hai Báo cáo số 12-BC/TU"),
            Some((
                "Mục II Phần thứ hai Báo cáo số 12-BC/TU".to_owned(),
                [None, None, None, s("Mục II Phần thứ hai")]
            ))
        );
        assert_eq!(
            pin("khoản 3 Điều 7 của Nghị định số 30/2020/NĐ-CP").map(|p| p.1),
            Some([None, s("3"), s("7"), None])
        );
    }

    #[test]
    fn no_pinpoint_without_a_citation_right_after() {
        assert_eq!(pin("Điều 88 - Quy định số 12-QĐ/TW"), None);
        assert_eq!(pin("Điều 5. Nghị quyết số 12-NQ/TW"), None);
        assert_eq!(pin("Điều 3\nNghị quyết số 12-NQ/TW"), None);
        assert_eq!(pin("Chương trình số 12-CTr/TU"), None);
        assert!(extract_citations("khoản 2 Điều này").is_empty());
    }
}
