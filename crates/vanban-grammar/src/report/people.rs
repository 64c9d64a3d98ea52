//! People named with their positions: `đồng chí Nguyễn Tôn Hoàng, Phó Bí thư Thường trực Tỉnh uỷ`.
//!
//! ```text
//! mention  = "đồng chí" sp name ("," sp position)*
//! name     = cap_word (sp cap_word){1,4}           (no position word inside)
//! position = head (sp title_word){0,15}            (`Ủy viên Ban Thường vụ Tỉnh uỷ`)
//! ```
use nom::Parser;
use nom::character::complete::char;
use vanban_model::{Person, Span};

use super::lex::{R, any_kw, fail, hsp0, is_capitalised, kw, word, word_eq};
use super::source::Source;

/// Words and phrases that open a position (lower case; tone style does not matter).
const HEADS: &[&str] = &[
    "tổng bí thư",
    "uỷ viên",
    "phó",
    "bí thư",
    "trưởng",
    "chủ tịch",
    "chủ nhiệm",
    "thủ tướng",
    "giám đốc",
    "thường trực",
    "chánh",
    "đại biểu",
    "bộ trưởng",
    "thứ trưởng",
    "tư lệnh",
    "chính uỷ",
    "đại tướng",
    "thượng tướng",
    "trung tướng",
    "thiếu tướng",
    "đại tá",
    "thượng tá",
    "nguyên",
    "thành viên",
    "cục trưởng",
    "vụ trưởng",
    "viện trưởng",
    "hiệu trưởng",
    "thư ký",
    "trợ lý",
    "tổng cục trưởng",
    "tổng giám đốc",
    "chủ tịch nước",
    "phó chủ tịch",
    "phó bí thư",
    "trưởng ban",
];

/// Lower-case words that may continue a position (`Phó Bí thư Thường trực Tỉnh uỷ`): the
/// non-initial syllables of titles and organs. A word outside this list ends the position.
const CONTINUE: &[&str] = &[
    "thư",
    "viên",
    "vụ",
    "trực",
    "tịch",
    "nhiệm",
    "trưởng",
    "đốc",
    "lệnh",
    "uỷ",
    "tướng",
    "tá",
    "trị",
    "chức",
    "giáo",
    "vận",
    "sát",
    "tra",
    "kiểm",
    "ương",
    "hội",
    "quốc",
    "khối",
    "đoàn",
    "ban",
    "bộ",
    "tỉnh",
    "thành",
    "phố",
    "huyện",
    "xã",
    "đảng",
    "văn",
    "phòng",
    "biểu",
    "chính",
    "phủ",
    "trung",
    "sự",
    "tuyên",
    "tổ",
    "mặt",
    "trận",
    "quân",
    "nội",
    "chấp",
    "hành",
    "thường",
    "nước",
    "cục",
    "ký",
    "lý",
    "đồng",
    "nhân",
    "dân",
];

/// Most words in one position, and positions per mention (bounded work per mention).
const MAX_POSITION_WORDS: usize = 16;
const MAX_POSITIONS: usize = 6;

/// name = cap_word (sp cap_word){1,4}
fn name(i: &str) -> R<'_, &str> {
    let mut rest = i;
    let mut end = 0;
    for n in 0..5 {
        let (r, gap) = if n == 0 { (rest, "") } else { hsp0(rest)? };
        if n > 0 && gap.is_empty() {
            break;
        }
        let Ok((r2, w)) = word(r) else { break };
        // `Nguyên` opens "former …" titles but is also a common name syllable
        let head = any_kw(r, HEADS).is_some_and(|(_, h)| !word_eq(h, "nguyên"));
        if !is_capitalised(w) || head {
            break;
        }
        rest = r2;
        end = i.len() - rest.len();
    }
    let text = &i[..end];
    if text.split_whitespace().count() >= 2 {
        Ok((&i[end..], text))
    } else {
        fail(i)
    }
}

/// position = head (sp title_word)*   ending before a word that cannot continue a title
fn position(i: &str) -> R<'_, &str> {
    let Some((mut rest, _)) = any_kw(i, HEADS) else {
        return fail(i);
    };
    for _ in 0..MAX_POSITION_WORDS {
        let Ok((r, gap)) = hsp0(rest) else { break };
        if gap.is_empty() {
            break;
        }
        let Ok((r2, w)) = word(r) else { break };
        let fits = is_capitalised(w) || CONTINUE.iter().any(|k| word_eq(w, k));
        // a new mention starts: `…, đồng chí X` is not part of this position
        if !fits || word_eq(w, "đồng") && kw("đồng chí")(r).is_ok() {
            break;
        }
        rest = r2;
    }
    Ok((rest, &i[..i.len() - rest.len()]))
}

/// mention = "đồng chí" sp name ("," sp position)*
fn mention(i: &str) -> R<'_, (&str, Vec<&str>)> {
    let (mut rest, (_, _, who)) = (kw("đồng chí"), hsp0, name).parse(i)?;
    let mut positions = Vec::new();
    while positions.len() < MAX_POSITIONS {
        match (hsp0, char(','), hsp0, position).parse(rest) {
            Ok((r, (_, _, _, p))) => {
                positions.push(p);
                rest = r;
            }
            Err(_) => break,
        }
    }
    Ok((rest, (who, positions)))
}

fn same_words(a: &str, b: &str) -> bool {
    let (mut x, mut y) = (a.split_whitespace(), b.split_whitespace());
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) if word_eq(p, &q.to_lowercase()) => {}
            _ => return false,
        }
    }
}

/// Every person in `region` (a slice of the normalised text), merged by name.
pub(crate) fn people(src: &Source<'_>, region: &str) -> Vec<Person> {
    // memmem (SIMD) rather than `match_indices`: this reads the whole article twice.
    let find = |pat: &str| {
        memchr::memmem::find_iter(region.as_bytes(), pat.as_bytes()).collect::<Vec<_>>()
    };
    let mut starts = find("đồng chí");
    starts.extend(find("Đồng chí"));
    starts.sort_unstable();
    let mut out: Vec<(Person, Vec<String>)> = Vec::new();
    for k in starts {
        let Ok((_, (who, positions))) = mention(&region[k..]) else {
            continue;
        };
        let idx = match out.iter().position(|(p, _)| same_words(&p.name, who)) {
            Some(idx) => idx,
            None => {
                let s = src.span(who);
                out.push((
                    Person {
                        name: s.text,
                        start: s.start,
                        end: s.end,
                        positions: Vec::new(),
                    },
                    Vec::new(),
                ));
                out.len() - 1
            }
        };
        let (person, seen) = &mut out[idx];
        for p in positions {
            let p = p.trim_end_matches(|c: char| !c.is_alphanumeric());
            if !seen.iter().any(|q| same_words(q, p)) {
                seen.push(p.to_owned());
                let Span { text, start, end } = src.span(p);
                person.positions.push(Span { text, start, end });
            }
        }
    }
    out.into_iter().map(|(p, _)| p).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<(String, Vec<String>)> {
        let src = Source::new(text);
        people(&src, src.norm())
            .into_iter()
            .map(|p| (p.name, p.positions.into_iter().map(|s| s.text).collect()))
            .collect()
    }

    #[test]
    fn seed_style_mentions_merge_by_name_and_tone_style() {
        let text = "Đồng chí Nguyễn Tôn Hoàng, Phó Bí thư Thường trực Tỉnh uỷ dự và chỉ đạo. \
                    Phát biểu, đồng chí Phan Văn Thắng, Ủy viên Ban Thường vụ Tỉnh uỷ, Trưởng Ban Tổ chức Tỉnh uỷ nêu bật kết quả. \
                    Đồng chí Nguyễn Tôn Hoàng, Phó Bí thư Thường trực Tỉnh ủy cho rằng…";
        assert_eq!(
            run(text),
            vec![
                (
                    "Nguyễn Tôn Hoàng".into(),
                    vec!["Phó Bí thư Thường trực Tỉnh uỷ".into()]
                ),
                (
                    "Phan Văn Thắng".into(),
                    vec![
                        "Ủy viên Ban Thường vụ Tỉnh uỷ".into(),
                        "Trưởng Ban Tổ chức Tỉnh uỷ".into()
                    ]
                ),
            ]
        );
    }

    #[test]
    fn titles_alone_are_not_people() {
        assert!(run("các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy dự họp").is_empty());
        assert!(run("đồng chí Bí thư Tỉnh uỷ chủ trì").is_empty());
    }

    #[test]
    fn a_person_without_position_and_a_stop_at_the_verb() {
        assert_eq!(
            run("đồng chí Lê Thị Mai phát biểu"),
            vec![("Lê Thị Mai".into(), vec![])]
        );
        assert_eq!(
            run("đồng chí Võ Minh Đức, Ủy viên Bộ Chính trị, Thường trực Ban Bí thư, vừa ký"),
            vec![(
                "Võ Minh Đức".into(),
                vec![
                    "Ủy viên Bộ Chính trị".into(),
                    "Thường trực Ban Bí thư".into()
                ]
            )]
        );
    }
}
