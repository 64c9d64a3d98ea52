//! Outline labels of formal documents (docs/formats.md §5.4) and the stack that nests them.
//!
//! Each line is classified by a tiny parser; the tree is built by a loop over the lines with an
//! explicit stack, so nesting depth never turns into recursion (style.md convention 9).
use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while_m_n};
use nom::character::complete::{char, one_of, satisfy};
use nom::combinator::{opt, recognize};
use vanban_model::{Section, SectionKind};

use super::lex::{R, fail, hsp0, is_upper_text, kw, num, number_word, roman, trim, word};
use crate::source::Source;

/// Deepest outline accepted; deeper headings are kept as text of the deepest section.
pub(crate) const MAX_DEPTH: usize = 12;

/// Deepest decimal label read as a heading (`1.2.3.4.5.6`).
const MAX_DECIMAL: usize = 6;

/// A classified label line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Label<'a> {
    pub(crate) kind: SectionKind,
    /// Distinguishes families of one kind: decimal depth, bullet glyph, ordinal style.
    pub(crate) sub: u8,
    /// The number the label carries (0 for bullets).
    pub(crate) n: u32,
    /// The label as written, separator included.
    pub(crate) label: &'a str,
    /// The rest of the line after the label and its spaces.
    pub(crate) rest: &'a str,
}

/// end = &(space | end of line)    (a label is followed by a gap or nothing)
fn gap_or_end(i: &str) -> R<'_, ()> {
    match i.chars().next() {
        None => Ok((i, ())),
        Some(c) if c.is_whitespace() => Ok((i, ())),
        _ => fail(i),
    }
}

/// part = ("Phần" | "PHẦN") sp ("thứ" sp number_word | roman | digits) [sep]
fn part(i: &str) -> R<'_, u32> {
    let thu = (kw("thứ"), hsp0, word.map_opt(number_word)).map(|(_, _, n)| n);
    let (rest, (_, _, n, _)) = (kw("phần"), hsp0, alt((thu, roman, num(2))), opt(sep)).parse(i)?;
    Ok((rest, n))
}

/// chapter = ("Chương" | "CHƯƠNG") sp (roman | digits) [sep]
fn chapter(i: &str) -> R<'_, u32> {
    let (rest, (_, _, n, _)) = (kw("chương"), hsp0, alt((roman, num(3))), opt(sep)).parse(i)?;
    gap_or_end(rest)?;
    Ok((rest, n))
}

/// division = "Mục" sp (digits | roman) [sep]
fn division(i: &str) -> R<'_, u32> {
    let (rest, (_, _, n, _)) = (kw("mục"), hsp0, alt((num(2), roman)), opt(sep)).parse(i)?;
    gap_or_end(rest)?;
    Ok((rest, n))
}

/// article = ("Điều" | "ĐIỀU") sp (digits | "l") ["." | ":"]      (`Điều l.` is OCR for `Điều 1.`)
fn article(i: &str) -> R<'_, u32> {
    let ocr_one = (char('l'), char('.')).map(|_| 1);
    let (rest, (_, _, n)) = (kw("điều"), hsp0, alt((num(3), ocr_one))).parse(i)?;
    let (rest, _) = opt(one_of(".:")).parse(rest)?;
    gap_or_end(rest)?;
    Ok((rest, n))
}

/// sep = ".-" | "." | "-" | "–" | "/" | ":" | ")"
fn sep(i: &str) -> R<'_, &str> {
    alt((tag(".-"), recognize(one_of(".-–/:)")))).parse(i)
}

/// lettered_part = [A-H] sp? ("-" | "–" | ".") sp? CAPS_TEXT      (`A -MỤC ĐÍCH, YÊU CẦU`)
fn lettered_part(i: &str) -> R<'_, u32> {
    let (rest, (c, _, _, _)) = (one_of("ABCDEFGH"), hsp0, one_of("-–."), hsp0).parse(i)?;
    if is_upper_text(rest) {
        Ok((rest, c as u32 - 'A' as u32 + 1))
    } else {
        fail(i)
    }
}

/// roman_item = roman (".-" | "." | "-" | "–" | "/" | ")")      then a gap, a capital or nothing
fn roman_item(i: &str) -> R<'_, u32> {
    let (rest, (n, _)) = (roman, alt((tag(".-"), recognize(one_of(".-–/)"))))).parse(i)?;
    match rest.chars().next() {
        Some(c) if c.is_ascii_digit() => fail(i),
        _ => Ok((rest, n)),
    }
}

/// decimal = d{1,2} ("." d{1,2}){1,5} ["." | "-" | ")"]      then a gap      (`1.1.`, `2.1-`)
fn decimal(i: &str) -> R<'_, (u32, usize)> {
    let (mut rest, first) = num(2)(i)?;
    let mut depth = 1;
    while let Ok((r, _)) = (
        char::<_, nom::error::Error<&str>>('.'),
        take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
    )
        .parse(rest)
    {
        // `10.950` is a thousands group, not a label
        if r.starts_with(|c: char| c.is_ascii_digit()) {
            return fail(i);
        }
        rest = r;
        depth += 1;
        if depth > MAX_DECIMAL {
            return fail(i);
        }
    }
    if depth < 2 {
        return fail(i);
    }
    let (rest, _) = opt(one_of(".-)")).parse(rest)?;
    gap_or_end(rest)?;
    Ok((rest, (first, depth)))
}

/// arabic = d{1,2} sp? ("." | "-" | "–" | "/" | ")")      then a gap or a capital (`1.Tiêu đề`)
fn arabic(i: &str) -> R<'_, u32> {
    let (rest, (n, _, _)) = (num(2), hsp0, one_of(".-–/)")).parse(i)?;
    match rest.chars().next() {
        None => Ok((rest, n)),
        Some(c) if c.is_whitespace() || c.is_uppercase() => Ok((rest, n)),
        _ => fail(i),
    }
}

/// letter = [a-zđ] (")" | ".")      then a gap
fn letter(i: &str) -> R<'_, u32> {
    let (rest, (c, _)) = (
        satisfy(|c: char| c.is_ascii_lowercase() || c == 'đ'),
        one_of(")."),
    )
        .parse(i)?;
    gap_or_end(rest)?;
    // Vietnamese order: a b c d đ e g h i k … (no f, j)
    let n = match c {
        'đ' => 5,
        c => {
            c as u32 - 'a' as u32 + 1 + u32::from(c > 'd') - u32::from(c > 'f') - u32::from(c > 'j')
        }
    };
    Ok((rest, n))
}

/// ordinal = number_word sp "là" [","] | "Thứ" sp number_word [","] | "(" d{1,2} ")"
/// Returns the number and the style (0: `… là`, 1: `Thứ …`, 2: `(n)`).
pub(crate) fn ordinal(i: &str) -> R<'_, (u32, u8)> {
    let la = (word.map_opt(number_word), hsp0, kw("là"), opt(char(','))).map(|(n, _, _, _)| (n, 0));
    let thu =
        (kw("thứ"), hsp0, word.map_opt(number_word), opt(char(','))).map(|(_, _, n, _)| (n, 1));
    let mut paren = (char('('), num(2), char(')')).map(|(_, n, _)| (n, 2));
    // `Thứ hai` (Monday) and `Một là` need a capital at the start of a line: a line that does
    // not start with one can only hold `(n)`, and its words are not read.
    let (rest, (n, style)) = if i.starts_with(char::is_uppercase) {
        alt((la, thu, paren)).parse(i)?
    } else {
        paren.parse(i)?
    };
    gap_or_end(rest)?;
    Ok((rest, (n, style)))
}

/// bullet = ("-" | "–" | "—" | "+" | "*" | "•" | "▪" | "·") sp      (glyph family in `sub`)
fn bullet(i: &str) -> R<'_, u8> {
    let (rest, c) = one_of("-–—+*•▪·").parse(i)?;
    let (rest, gap) = hsp0(rest)?;
    if gap.is_empty() || rest.is_empty() {
        return fail(i);
    }
    Ok((
        rest,
        if matches!(c, '-' | '–' | '—') {
            0
        } else if c == '+' {
            1
        } else {
            2
        },
    ))
}

/// label = part | chapter | division | article | decimal | arabic | roman_item | lettered_part
///       | letter | ordinal | bullet          (first match wins; decimal before arabic)
pub(crate) fn label(line: &str) -> Option<Label<'_>> {
    use SectionKind as K;
    let t = trim(line);
    let found: Option<(&str, SectionKind, u8, u32)> = if let Ok((r, n)) = part(t) {
        Some((r, K::Part, 0, n))
    } else if let Ok((r, n)) = chapter(t) {
        Some((r, K::Chapter, 0, n))
    } else if let Ok((r, n)) = division(t) {
        Some((r, K::Division, 0, n))
    } else if let Ok((r, n)) = article(t) {
        Some((r, K::Article, 0, n))
    } else if let Ok((r, (n, depth))) = decimal(t) {
        Some((r, K::Decimal, depth as u8, n))
    } else if let Ok((r, n)) = arabic(t) {
        Some((r, K::Arabic, 0, n))
    } else if let Ok((r, n)) = roman_item(t) {
        Some((r, K::Roman, 0, n))
    } else if let Ok((r, n)) = lettered_part(t) {
        Some((r, K::LetteredPart, 0, n))
    } else if let Ok((r, n)) = letter(t) {
        Some((r, K::Letter, 0, n))
    } else if let Ok((r, (n, style))) = ordinal(t) {
        Some((r, K::Ordinal, style, n))
    } else if let Ok((r, g)) = bullet(t) {
        Some((r, K::Bullet, g, 0))
    } else {
        None
    };
    let (rest, kind, sub, n) = found?;
    let label = trim(&t[..t.len() - rest.len()]);
    Some(Label {
        kind,
        sub,
        n,
        label,
        rest: trim(rest),
    })
}

/// The title a heading line carries after its label, if the rest reads as one.
fn title_of<'a>(l: &Label<'a>) -> Option<&'a str> {
    use SectionKind as K;
    let rest = l.rest;
    if rest.is_empty() || matches!(l.kind, K::Bullet | K::Ordinal) {
        return None;
    }
    let words = rest.split_whitespace().count();
    let structural = matches!(
        l.kind,
        K::Part | K::LetteredPart | K::Chapter | K::Division | K::Article | K::Roman
    );
    let titled = is_upper_text(rest)
        || rest.ends_with(':')
        || words <= 14 && !rest.ends_with(['.', ';', ',']);
    if !(structural || titled) {
        return None;
    }
    // `Điều 2: Quyết định này có hiệu lực …` is a whole article on one line: no title then
    if l.kind == K::Article && words > 14 && !is_upper_text(rest) {
        return None;
    }
    Some(trim(rest.strip_suffix(':').unwrap_or(rest)))
}

struct Node<'a> {
    kind: SectionKind,
    key: (SectionKind, u8),
    label: &'a str,
    heading: Option<&'a str>,
    first: &'a str,
    last: &'a str,
    level: usize,
    children: Vec<usize>,
}

/// The outline of `lines` (slices of the normalised text, in order). Lines before the first
/// heading are returned as preamble.
pub(crate) fn build<'a>(src: &Source<'a>, lines: &[&'a str]) -> (Vec<Section>, Vec<&'a str>) {
    let mut arena: Vec<Node<'a>> = Vec::new();
    let mut roots = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut preamble = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        let line = lines[k];
        k += 1;
        // blank lines and table or rule debris (`|`, `-----`) carry no text
        if trim(line).is_empty() || super::lex::is_rule(line) {
            continue;
        }
        let Some(l) = label(line) else {
            match stack.last() {
                Some(&top) => arena[top].last = line,
                None => preamble.push(line),
            }
            continue;
        };
        let key = (l.kind, l.sub);
        match stack.iter().rposition(|&n| arena[n].key == key) {
            // a sibling (or an uncle): close everything below it
            Some(pos) => stack.truncate(pos),
            None if stack.len() >= MAX_DEPTH => {
                if let Some(&top) = stack.last() {
                    arena[top].last = line;
                }
                continue;
            }
            None => {}
        }
        let mut heading = title_of(&l);
        // a wrapped sentence (`1. Kiểm điểm … và đánh giá, xếp loại` / `chất lượng hằng năm …`)
        // is no title, whatever its length
        let wraps = lines[k..]
            .iter()
            .map(|s| trim(s))
            .find(|s| !s.is_empty())
            .is_some_and(|s| s.starts_with(char::is_lowercase) && label(s).is_none());
        if wraps
            && !matches!(
                l.kind,
                SectionKind::Part | SectionKind::Chapter | SectionKind::Article
            )
        {
            heading = None;
        }
        let mut last = line;
        // `I.` or `Chương I` alone on its line: the title is on the next one
        if l.rest.is_empty() && !matches!(l.kind, SectionKind::Bullet | SectionKind::Ordinal) {
            if let Some(next) = lines
                .get(k)
                .map(|s| trim(s))
                .filter(|s| is_upper_text(s) && label(s).is_none())
            {
                heading = Some(next);
                last = lines[k];
                k += 1;
            }
        }
        let idx = arena.len();
        arena.push(Node {
            kind: l.kind,
            key,
            label: l.label,
            heading,
            first: line,
            last,
            level: stack.len() + 1,
            children: Vec::new(),
        });
        match stack.last() {
            Some(&parent) => arena[parent].children.push(idx),
            None => roots.push(idx),
        }
        stack.push(idx);
    }
    // Children always come after their parent, so building from the back never recurses.
    let mut built: Vec<Option<Section>> = (0..arena.len()).map(|_| None).collect();
    for idx in (0..arena.len()).rev() {
        let node = &arena[idx];
        let text = trim(src.join(node.first, node.last));
        let span = src.span(text);
        let children = node
            .children
            .iter()
            .filter_map(|&c| built[c].take())
            .collect();
        let mut section = Section::new(
            node.kind,
            src.span(node.label).text,
            node.heading.map(|h| src.span(h).text),
            node.level as u32,
            span,
        );
        section.children = children;
        built[idx] = Some(section);
    }
    let sections = roots.into_iter().filter_map(|r| built[r].take()).collect();
    (sections, preamble)
}

#[cfg(test)]
mod tests {
    use super::*;
    use SectionKind as K;

    fn kind(line: &str) -> Option<(SectionKind, u32, &str, &str)> {
        label(line).map(|l| (l.kind, l.n, l.label, l.rest))
    }

    #[test]
    fn every_family_of_formats_5_4() {
        assert_eq!(
            kind("Phần thứ nhất"),
            Some((K::Part, 1, "Phần thứ nhất", ""))
        );
        assert_eq!(
            kind("PHẦN II. PHƯƠNG HƯỚNG"),
            Some((K::Part, 2, "PHẦN II.", "PHƯƠNG HƯỚNG"))
        );
        assert_eq!(
            kind("A -MỤC ĐÍCH, YÊU CẦU"),
            Some((K::LetteredPart, 1, "A -", "MỤC ĐÍCH, YÊU CẦU"))
        );
        assert_eq!(
            kind("Chương I: Những quy định chung"),
            Some((K::Chapter, 1, "Chương I:", "Những quy định chung"))
        );
        assert_eq!(kind("CHƯƠNG III"), Some((K::Chapter, 3, "CHƯƠNG III", "")));
        assert_eq!(kind("Mục 1"), Some((K::Division, 1, "Mục 1", "")));
        assert_eq!(
            kind("Điều 1. Phạm vi điều chỉnh"),
            Some((K::Article, 1, "Điều 1.", "Phạm vi điều chỉnh"))
        );
        assert_eq!(
            kind("Điều l. Phạm vi"),
            Some((K::Article, 1, "Điều l.", "Phạm vi"))
        );
        assert_eq!(kind("ĐIỀU 30"), Some((K::Article, 30, "ĐIỀU 30", "")));
        assert_eq!(
            kind("I- QUY ĐỊNH CHUNG"),
            Some((K::Roman, 1, "I-", "QUY ĐỊNH CHUNG"))
        );
        assert_eq!(
            kind("I.- BỐI CẢNH TÌNH HÌNH"),
            Some((K::Roman, 1, "I.-", "BỐI CẢNH TÌNH HÌNH"))
        );
        assert_eq!(
            kind("IV. Bài học kinh nghiệm"),
            Some((K::Roman, 4, "IV.", "Bài học kinh nghiệm"))
        );
        assert_eq!(
            kind("1- Văn bản của Đảng"),
            Some((K::Arabic, 1, "1-", "Văn bản của Đảng"))
        );
        assert_eq!(kind("1.Tiêu đề"), Some((K::Arabic, 1, "1.", "Tiêu đề")));
        assert_eq!(
            kind("1/ Về thuận lợi:"),
            Some((K::Arabic, 1, "1/", "Về thuận lợi:"))
        );
        assert_eq!(
            kind("1 - Đối tượng"),
            Some((K::Arabic, 1, "1 -", "Đối tượng"))
        );
        assert_eq!(
            kind("1.3.1. Thể thức"),
            Some((K::Decimal, 1, "1.3.1.", "Thể thức"))
        );
        assert_eq!(
            kind("2.1- Về chuẩn bị"),
            Some((K::Decimal, 2, "2.1-", "Về chuẩn bị"))
        );
        assert_eq!(
            kind("a) Số văn bản"),
            Some((K::Letter, 1, "a)", "Số văn bản"))
        );
        assert_eq!(
            kind("đ) Nội dung khác"),
            Some((K::Letter, 5, "đ)", "Nội dung khác"))
        );
        assert_eq!(
            kind("Một là, các cấp uỷ"),
            Some((K::Ordinal, 1, "Một là,", "các cấp uỷ"))
        );
        assert_eq!(
            kind("Thứ ba, tăng cường"),
            Some((K::Ordinal, 3, "Thứ ba,", "tăng cường"))
        );
        assert_eq!(kind("(2) Đổi mới"), Some((K::Ordinal, 2, "(2)", "Đổi mới")));
        assert_eq!(
            kind("- Căn cứ Điều lệ Đảng;"),
            Some((K::Bullet, 0, "-", "Căn cứ Điều lệ Đảng;"))
        );
        assert_eq!(kind("+ Tổ chức"), Some((K::Bullet, 0, "+", "Tổ chức")));
    }

    #[test]
    fn prose_is_not_a_label() {
        for line in [
            "Điều lệ Đảng quy định",
            "10.950 tỷ đồng được phân bổ",
            "2020 là năm cuối",
            "Mục tiêu chung",
            "Phần lớn các chi bộ",
            "C. Mác đã chỉ ra",
            "-5 độ",
            "1.1.1.1.1.1.1. quá sâu",
            "thứ hai, nội dung",
        ] {
            assert_eq!(kind(line), None, "{line}");
        }
    }

    #[test]
    fn siblings_pop_and_new_families_nest() {
        let text = "Mở đầu\nI. MỤC ĐÍCH\n1. Một\na) x\nb) y\n2. Hai\nII.\nNỘI DUNG\n- gạch\n";
        let src = Source::new(text);
        let lines = crate::lex::lines(src.norm());
        let (sections, preamble) = build(&src, &lines);
        assert_eq!(preamble, vec!["Mở đầu"]);
        let shape: Vec<(String, usize)> = sections
            .iter()
            .map(|s| (s.label.clone(), s.children.len()))
            .collect();
        assert_eq!(shape, vec![("I.".into(), 2), ("II.".into(), 1)]);
        assert_eq!(sections[0].children[0].children.len(), 2);
        assert_eq!(sections[1].heading.as_deref(), Some("NỘI DUNG"));
        assert_eq!(sections[1].span.text, "II.\nNỘI DUNG");
        assert_eq!(sections[0].children[0].children[1].level, 3);
    }
}
