//! News and journal pages (docs/formats.md §6): head fields, body, enumerated points, furniture.
use nom::Parser;
use nom::bytes::complete::{take_while_m_n, take_while1};
use nom::character::complete::{char, one_of};
use nom::combinator::{opt, recognize};
use vanban_model::{Author, Item, Report, ReportKind, Timestamp};

use super::lex::{
    R, any_kw, fail, hsp0, is_capitalised, is_dash, is_upper_text, kw, trim, word_eq,
};
use super::outline::ordinal;
use super::people::people;
use super::timestamp::timestamp_line;
use crate::source::Source;

/// Lines that open the trailing furniture of a page: everything from there on is boilerplate.
const TAIL_MARKERS: &[&str] = &[
    "ý kiến bạn đọc",
    "viết bình luận",
    "gửi bình luận",
    "ý kiến của bạn",
    "bài cùng chuyên mục",
    "tin cùng chuyên mục",
    "tin liên quan",
    "tin bài liên quan",
    "bài viết liên quan",
    "xem thêm",
    "các bài viết khác",
    "các tin khác",
    "tin khác",
    "giới thiệu tạp chí in",
    "tin mới nhất",
    "tin đọc nhiều",
    "cùng chủ đề",
    "tin tức khác",
    "bài viết cùng chuyên mục",
];

/// Single lines of furniture wherever they stand.
const FURNITURE: &[&str] = &[
    "in trang",
    "in bài viết",
    "in bài",
    "bản in",
    "chia sẻ",
    "đã xem",
    "lượt xem",
    "tải về",
    "mục lục",
    "đang tải",
    "bạn đang xem",
    "xem với cỡ chữ",
    "trang chủ",
    "từ khoá",
    "gởi câu hỏi",
    "gửi câu hỏi",
    "đánh giá bài viết",
    "print",
    "alternate text",
];

/// Academic and military titles before an author's name (`TS.`, `PGS, TS`, `ThS.`, `Đại tá`).
const ACADEMIC: &[&str] = &[
    "GS.",
    "GS",
    "PGS.",
    "PGS",
    "TS.",
    "TS",
    "ThS.",
    "ThS",
    "NCS.",
    "NCS",
    "CN.",
    "KS.",
    "BS.",
    "Đại",
    "Thượng",
    "Trung",
];

/// Has `t` at most `n` words? Reads no further than word `n + 1`: the bounds are small, and
/// long paragraphs (or a 50 MB line) must not be split again for every check.
fn at_most_words(t: &str, n: usize) -> bool {
    t.split_whitespace().nth(n).is_none()
}

fn is_tail_marker(t: &str) -> bool {
    let t = t.trim_start_matches(['»', '>', ' ']);
    at_most_words(t, 8) && any_kw(t, TAIL_MARKERS).is_some()
}

fn is_furniture(t: &str) -> bool {
    // punctuation debris and stray letters (`.`, `*`, `M`)
    if t.chars().all(|c| !c.is_alphanumeric()) || t.chars().nth(2).is_none() {
        return true;
    }
    // `>> related headline`, `»Cùng chủ đề`
    if t.starts_with(">>") || t.starts_with('»') {
        return true;
    }
    // labelled lines: `Nguồn: BĐN`, `Tags: …`, `Từ khóa: …`
    let labelled = [
        "Nguồn:",
        "Nguồn :",
        "Tags:",
        "Tag:",
        "Từ khóa:",
        "Từ khoá:",
        "Bài đăng trên",
    ]
    .iter()
    .any(|p| t.starts_with(p));
    (at_most_words(t, 6) && any_kw(t, FURNITURE).is_some())
        || at_most_words(t, 16)
            && (labelled
                || t.contains("Google News")
                || t.ends_with("Lượt xem")
                || t.ends_with("lượt xem"))
}

/// titles = academic ([","] sp academic)*      (`PGS, TS`, `ThS.`)
fn titles(i: &str) -> R<'_, &str> {
    let mut rest = i;
    let mut end = 0;
    while let Some(t) = ACADEMIC.iter().find(|a| rest.starts_with(**a)) {
        let after = &rest[t.len()..];
        let military = matches!(*t, "Đại" | "Thượng" | "Trung");
        // `Đại tá`, `Thượng tá`, `Trung tá`: the rank word must follow
        let after = if military {
            match kw("tá")(trim(after).get(0..).unwrap_or("")) {
                Ok((r, _)) => r,
                Err(_) => break,
            }
        } else {
            after
        };
        if after.starts_with(|c: char| c.is_alphanumeric()) {
            break;
        }
        let (r, _) = (opt(char(',')), hsp0).parse(after)?;
        rest = r;
        end = i.len() - rest.len();
    }
    if end == 0 {
        fail(i)
    } else {
        Ok((&i[end..], trim(&i[..end])))
    }
}

/// author_line = [titles] name    where name = 2–5 capitalised words (or `P.Sinh`), nothing else
fn author_line(t: &str) -> Option<(Option<&str>, &str)> {
    let (name, ts) = match titles(t) {
        Ok((rest, ts)) => (trim(rest), Some(ts)),
        Err(_) => (t, None),
    };
    // A name has at most five words: paragraphs are ruled out before any word is compared.
    if !at_most_words(name, 5) {
        return None;
    }
    let ws: Vec<&str> = name.split_whitespace().collect();
    // organ words make a heading in capitals (`BAN CHẤP HÀNH TRUNG ƯƠNG`), not a name
    const ORGAN: &[&str] = &[
        "ban", "đảng", "ương", "tỉnh", "uỷ", "hội", "chấp", "hành", "chính", "tin",
    ];
    let organ = ws.iter().any(|w| ORGAN.iter().any(|k| word_eq(w, k)));
    let name_like = !organ
        && ws
            .iter()
            .all(|w| is_capitalised(w) && w.chars().all(|c| c.is_alphabetic() || c == '.'));
    let dotted = ws.len() == 1 && name.contains('.') && name.len() <= 20;
    (name_like && ((2..=5).contains(&ws.len()) || dotted)).then_some((ts, name))
}

/// agency = "(" tag ")" [sp dash] sp | TAG sp dash sp | ("LTS" | "Tóm tắt") ":" sp
fn agency(i: &str) -> R<'_, (&str, &str)> {
    let mut paren = (
        char('('),
        take_while_m_n(1, 30, |c: char| c != ')' && !crate::lex::is_line_break(c)),
        char(')'),
        hsp0,
        opt((one_of("-–—"), hsp0)),
    );
    if let Ok((rest, (_, tag, _, _, _))) = paren.parse(i) {
        if at_most_words(tag, 3)
            && tag.chars().next().is_some_and(char::is_uppercase)
            && !rest.is_empty()
        {
            return Ok((rest, (tag, rest)));
        }
    }
    let mut bare = (
        take_while1(|c: char| c.is_uppercase() || c == '.' || c.is_ascii_digit()),
        hsp0,
        take_while_m_n(1, 1, is_dash),
        hsp0,
    );
    if let Ok((rest, (tag, _, _, _))) = bare.parse(i) {
        if (2..=16).contains(&tag.chars().count()) {
            return Ok((rest, (tag, rest)));
        }
    }
    let mut note = (recognize(any_of_kw(&["lts", "tóm tắt"])), char(':'), hsp0);
    let (rest, (tag, _, _)) = note.parse(i)?;
    Ok((rest, (tag, rest)))
}

fn any_of_kw<'a>(words: &'static [&'static str]) -> impl Fn(&'a str) -> R<'a, &'a str> {
    move |i| match any_kw(i, words) {
        Some(hit) => Ok(hit),
        None => fail(i),
    }
}

/// A photo caption line: ends in a photo credit (`…_Ảnh: TTXVN`, `(Ảnh: PC)`) or is `Ảnh minh họa…`.
fn is_caption(t: &str) -> bool {
    if !at_most_words(t, 45) {
        return false;
    }
    any_kw(t, &["ảnh minh hoạ", "ảnh"])
        .is_some_and(|(r, _)| r.starts_with([':', ' ', '.']) || r.is_empty())
        || t.contains("_Ảnh")
        || t.contains("(Ảnh:")
        || t.contains("_Nguồn:")
        || t.contains("ẢNH:")
        || t.contains("Ảnh: ")
}

/// The glued caption of a page: `…tại Hội nghị.Ngày 23-12-2016, …` → split after the period.
fn glued_caption(t: &str) -> Option<(&str, &str)> {
    let bytes = t.as_bytes();
    for (at, _) in t.match_indices('.') {
        if at > 400 {
            break;
        }
        let before = t[..at].chars().next_back();
        let after = t[at + 1..].chars().next();
        if before.is_some_and(char::is_lowercase)
            && after.is_some_and(char::is_uppercase)
            && bytes.get(at + 1) != Some(&b' ')
        {
            let cap = &t[..=at];
            return (at_most_words(cap, 30)).then_some((cap, &t[at + 1..]));
        }
    }
    None
}

/// A caption run into the text after its credit: `Ảnh minh họa. Nguồn: internet Theo đó, …`,
/// `… Ảnh: HẢI NGUYỄN Tới 2020 …`. The credit is one word, or a run of capitals.
fn credit_caption(t: &str) -> Option<(&str, &str)> {
    // The credit comes within 300 bytes: search no further (this runs for every paragraph).
    let mut limit = t.len().min(310);
    while !t.is_char_boundary(limit) {
        limit -= 1;
    }
    let head = &t[..limit];
    let at = ["Nguồn:", "Ảnh:"]
        .iter()
        .filter_map(|m| head.find(m).map(|k| k + m.len()))
        .min()?;
    if at > 300 || !at_most_words(&t[..at], 30) {
        return None;
    }
    let after = &t[at..];
    let mut end = at + (after.len() - after.trim_start().len());
    for (n, w) in t[end..].split(' ').enumerate() {
        let caps = is_upper_text(w) || w.chars().all(|c| c.is_uppercase() || c == '.');
        if n > 0 && !caps || n == 0 && w.is_empty() {
            break;
        }
        end += w.len() + 1;
        if !caps {
            break;
        }
    }
    let end = end.min(t.len());
    let (cap, rest) = (trim(&t[..end]), trim(&t[end..]));
    (!rest.is_empty() && rest.starts_with(char::is_uppercase)).then_some((cap, rest))
}

/// Enumerated points: paragraphs that open with an ordinal, and `Một là, … Hai là, …` runs
/// inside one paragraph. Kept only where the count runs 1, 2, 3 … within one style.
fn items(src: &Source<'_>, paragraphs: &[&str]) -> Vec<Item> {
    let mut found: Vec<(u32, u8, &str, &str)> = Vec::new();
    for p in paragraphs {
        let mut starts: Vec<(usize, u32, u8, &str)> = Vec::new();
        if let Ok((_, (n, style))) = ordinal(p) {
            let label = super::outline::label(p).map(|l| l.label).unwrap_or("");
            starts.push((0, n, style, label));
        } else if let Some(l) =
            super::outline::label(p).filter(|l| l.kind == vanban_model::SectionKind::Arabic)
        {
            starts.push((0, l.n, 3, l.label));
        }
        // inline runs: a capitalised `… là,` after a sentence or clause break (one searcher for
        // every paragraph: building one costs more than searching a short paragraph)
        static LA: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
            std::sync::OnceLock::new();
        let la = LA.get_or_init(|| memchr::memmem::Finder::new(" là,"));
        for at in la.find_iter(p.as_bytes()) {
            let head = p[..at].trim_end();
            let ws = head.rfind(' ').map_or(0, |k| k + 1);
            if ws == 0 {
                continue;
            }
            let word_start = ws;
            let before = p[..word_start].trim_end();
            if !before.ends_with(['.', ':', ';']) {
                continue;
            }
            if let Ok((_, (n, 0))) = ordinal(&p[word_start..]) {
                starts.push((word_start, n, 0, &p[word_start..at + " là,".len()]));
            }
        }
        for (j, &(s, n, style, label)) in starts.iter().enumerate() {
            let e = starts.get(j + 1).map_or(p.len(), |x| x.0);
            found.push((n, style, label, trim(&p[s..e])));
        }
    }
    // keep runs 1, 2, 3 … of one style
    let mut out: Vec<Item> = Vec::new();
    let mut run: Vec<(u32, &str, &str)> = Vec::new();
    let mut style_now = u8::MAX;
    let flush = |run: &mut Vec<(u32, &str, &str)>, out: &mut Vec<Item>| {
        if run.len() >= 2 {
            for &(n, label, text) in run.iter() {
                out.push(Item::new(n, src.span(label).text, src.span(text)));
            }
        }
        run.clear();
    };
    for (n, style, label, text) in found {
        if n == 1 {
            flush(&mut run, &mut out);
            style_now = style;
            run.push((n, label, text));
        } else if style == style_now && run.last().is_some_and(|r| r.0 + 1 == n) {
            run.push((n, label, text));
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Lines read for the head (category, title, author, timestamp) before the body begins.
const HEAD_LINES: usize = 8;
/// Body lines searched for a photo caption: it sits under the title, before the lead.
const CAPTION_LINES: usize = 4;
/// Affiliation lines read under a by-line.
const AFFILIATION_LINES: usize = 2;
/// Words at most of a category line above the title (`Xây dựng Đảng`, `Thời sự`).
const CATEGORY_WORDS: usize = 8;

/// The report of a news or journal page, in four steps over its non-empty lines:
/// furniture set aside, the head, the by-line, then caption, lead and body.
pub(crate) fn article(src: &Source<'_>, lines: &[&str]) -> Report {
    let mut rep = Report::new(ReportKind::Article);
    let t_lines: Vec<&str> = lines
        .iter()
        .map(|l| trim(l))
        .filter(|l| !l.is_empty())
        .collect();
    let (content, kept, boilerplate) = set_furniture_aside(&t_lines);
    let mut body = head(src, &mut rep, &kept);
    byline(src, &mut rep, &mut body);
    caption_and_lead(src, &mut rep, &mut body);
    rep.items = items(src, &body);
    rep.paragraphs = body.iter().map(|t| src.span(t)).collect();
    rep.boilerplate = boilerplate.iter().map(|t| src.span(t)).collect();
    // furniture was gathered from two passes; report it in reading order
    rep.boilerplate.sort_by_key(|s| s.start);
    if let (Some(first), Some(last)) = (content.first(), content.last()) {
        rep.people = people(src, src.join(first, last));
    }
    rep
}

/// Step 1: the content (up to a tail marker, never the first line: that is the title at worst),
/// its lines that are not furniture, and the furniture (the tail and furniture lines).
fn set_furniture_aside<'a, 'l>(
    t_lines: &'l [&'a str],
) -> (&'l [&'a str], Vec<&'a str>, Vec<&'a str>) {
    let cut = t_lines
        .iter()
        .skip(1)
        .position(|t| is_tail_marker(t))
        .map_or(t_lines.len(), |p| p + 1);
    let (content, tail) = t_lines.split_at(cut);
    let mut boilerplate: Vec<&str> = tail.to_vec();
    let mut kept: Vec<&str> = Vec::new();
    for &t in content {
        if is_furniture(t) && timestamp_line(t).is_none() {
            boilerplate.push(t)
        } else {
            kept.push(t)
        }
    }
    (content, kept, boilerplate)
}

/// Step 2: head = [category] title [author [affiliation]] timestamp — or timestamp first, or
/// no timestamp (the first line is the title). Returns the body lines after the head.
fn head<'a>(src: &Source<'_>, rep: &mut Report, kept: &[&'a str]) -> Vec<&'a str> {
    let ts_at = kept
        .iter()
        .take(HEAD_LINES)
        .position(|t| timestamp_line(t).is_some());
    let Some(k) = ts_at else {
        if let Some(t) = kept.first() {
            rep.title = Some(src.span(t));
        }
        return kept.get(1..).unwrap_or_default().to_vec();
    };
    if let Some((stamp, text)) = timestamp_line(kept[k]) {
        rep.published = Some(stamp.iso());
        rep.timestamp = Some(Timestamp::new(src.span(text), stamp.iso()));
    }
    let pre = &kept[..k];
    let author_at = pre
        .iter()
        .skip(1)
        .position(|t| author_line(t).is_some())
        .map(|p| p + 1);
    let head = &pre[..author_at.unwrap_or(pre.len())];
    if let Some(a) = author_at {
        set_author(src, rep, pre[a], &pre[a + 1..]);
    }
    let mut body_from = k + 1;
    match head {
        [] => {
            if let Some(t) = kept.get(k + 1) {
                rep.title = Some(src.span(t));
                body_from = k + 2;
            }
        }
        [title] => rep.title = Some(src.span(title)),
        [first, .., title] => {
            if at_most_words(first, CATEGORY_WORDS) && !first.ends_with(['.', '?', '!']) {
                rep.category = Some(src.span(first));
            }
            rep.title = Some(src.span(title));
        }
    }
    kept.get(body_from..).unwrap_or_default().to_vec()
}

/// Step 3: a by-line (with its affiliation lines) right after the head, or a sign-off as the
/// last line, taken out of the body.
fn byline(src: &Source<'_>, rep: &mut Report, body: &mut Vec<&str>) {
    if rep.author.is_none() && body.first().is_some_and(|t| author_line(t).is_some()) {
        let n_aff = body[1..]
            .iter()
            .take(AFFILIATION_LINES)
            .take_while(|t| is_affiliation(t))
            .count();
        set_author(src, rep, body[0], &body[1..1 + n_aff]);
        body.drain(..1 + n_aff);
    }
    if rep.author.is_none()
        && body.len() >= 2
        && body.last().is_some_and(|t| author_line(t).is_some())
    {
        if let Some(t) = body.pop() {
            set_author(src, rep, t, &[]);
        }
    }
}

/// Step 4: a caption line among the first body lines, or one glued to the first sentence;
/// then the lead (with its agency tag) as the first remaining line.
fn caption_and_lead(src: &Source<'_>, rep: &mut Report, body: &mut Vec<&str>) {
    if let Some(k) = body
        .iter()
        .take(CAPTION_LINES)
        .position(|t| is_caption(t) && credit_caption(t).is_none())
    {
        rep.caption = Some(src.span(body.remove(k)));
    } else if let Some(k) = body
        .iter()
        .take(CAPTION_LINES)
        .position(|t| glued_caption(t).or_else(|| credit_caption(t)).is_some())
    {
        if let Some((cap, rest)) = glued_caption(body[k]).or_else(|| credit_caption(body[k])) {
            rep.caption = Some(src.span(cap));
            body[k] = trim(rest);
        }
    }
    if body.len() >= 2 || body.first().is_some_and(|t| agency(t).is_ok()) {
        let lead = body.remove(0);
        match agency(lead) {
            Ok((_, (tag, rest))) if !trim(rest).is_empty() => {
                rep.agency = Some(src.span(tag));
                rep.lead = Some(src.span(trim(rest)));
            }
            _ => rep.lead = Some(src.span(lead)),
        }
    }
}

/// An affiliation line under a by-line: short, no sentence end, not a timestamp.
fn is_affiliation(t: &str) -> bool {
    at_most_words(t, 12)
        && is_capitalised(t)
        && !t.ends_with(['.', '?', '!'])
        && timestamp_line(t).is_none()
        && !is_upper_text(t)
}

fn set_author(src: &Source<'_>, rep: &mut Report, line: &str, affiliation: &[&str]) {
    let Some((ts, name)) = author_line(line) else {
        return;
    };
    let s = src.span(name);
    let affiliation: Vec<&str> = affiliation
        .iter()
        .copied()
        .take_while(|t| is_affiliation(t))
        .collect();
    let aff = match (affiliation.first(), affiliation.last()) {
        (Some(a), Some(b)) => Some(src.span(src.join(a, b))),
        _ => None,
    };
    let mut author = Author::new(s);
    author.titles = ts.map(|t| src.span(t).text);
    author.affiliation = aff;
    rep.author = Some(author);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_lines_and_sign_offs() {
        assert_eq!(
            author_line("PGS, TS VŨ THANH SƠN"),
            Some((Some("PGS, TS"), "VŨ THANH SƠN"))
        );
        assert_eq!(
            author_line("ThS. Nguyễn Thị Khánh Chi"),
            Some((Some("ThS."), "Nguyễn Thị Khánh Chi"))
        );
        assert_eq!(author_line("Sơn Tra"), Some((None, "Sơn Tra")));
        assert_eq!(author_line("P.Sinh"), Some((None, "P.Sinh")));
        assert_eq!(
            author_line("Đại tá Trần Văn Hải"),
            Some((Some("Đại tá"), "Trần Văn Hải"))
        );
        assert_eq!(author_line("Thông tin tuyên truyền"), None);
        assert_eq!(author_line("Một là, các cơ quan"), None);
    }

    #[test]
    fn agency_tags() {
        assert_eq!(agency("(QBĐT) - Phát biểu").map(|r| r.1.0), Ok("QBĐT"));
        assert_eq!(agency("TCCS - Ngày 12").map(|r| r.1.0), Ok("TCCS"));
        assert_eq!(agency("QĐND – Thường vụ").map(|r| r.1.0), Ok("QĐND"));
        assert_eq!(agency("(NTO) Ngày 8-11").map(|r| r.1.0), Ok("NTO"));
        assert_eq!(agency("LTS: Bài viết").map(|r| r.1.0), Ok("LTS"));
        assert!(agency("Ngày 23-12-2016, Ban").is_err());
    }

    #[test]
    fn captions() {
        assert_eq!(
            glued_caption("Các đại biểu thảo luận tại Hội nghị.Ngày 23-12-2016, Ban Tổ chức"),
            Some((
                "Các đại biểu thảo luận tại Hội nghị.",
                "Ngày 23-12-2016, Ban Tổ chức"
            ))
        );
        assert_eq!(
            glued_caption("Ngày 23-12-2016, Ban Tổ chức họp. Hội nghị"),
            None
        );
        assert!(is_caption("Quang cảnh hội nghị_Ảnh: TTXVN"));
        assert!(is_caption("Đồng chí Bí thư phát biểu. (Ảnh: PC)"));
        assert!(!is_caption("Hội nghị đã thống nhất cao."));
    }
}
