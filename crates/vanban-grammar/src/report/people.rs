//! People named with their positions, in the three ways reports write them:
//! `đồng chí Nguyễn Tôn Hoàng, Phó Bí thư Thường trực Tỉnh uỷ`, `ông Nguyễn Văn Trường - Chủ
//! tịch UBND phường`, `Thủ tướng Chính phủ Nguyễn Xuân Phúc`.
//!
//! ```text
//! mention  = opener sp name [sep position {"," sp position}]
//!          | titled {"," sp position}
//! opener   = "đồng chí" | "ông" | "bà"
//! sep      = sp? ("," | dash) sp?
//! titled   = title {"," sp title} sp surname_name     (each title a position cut before the name)
//! name     = cap_word (sp cap_word){1,4}           (no position word inside)
//! surname_name = surname (sp cap_word){1,3}        (a family name opens it: Nguyễn, Trần, Lê…)
//! position = head (sp title_word){0,15}            (`Ủy viên Ban Thường vụ Tỉnh uỷ`)
//! ```
//!
//! A title before a name needs the family name to tell where the title ends (`Bí thư Thành ủy
//! Hà Nội Vương Đình Huệ`), so that form is read only for names opened by a common family name.
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use nom::Parser;
use nom::character::complete::{char, satisfy};
use vanban_model::Person;

use super::lex::{
    R, fail, hsp0, is_capitalised, is_dash, is_upper_text, kw, word, word_eq, word_key,
};
use crate::lex::{Literals, capitalise};
use crate::source::Source;

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
    "quận",
    "phường",
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
    "lý",
    "đồng",
    "nhân",
    "dân",
    "giám",
    "chánh",
    "thanh",
    "huy",
    "ty",
    "tập",
    "viện",
    "chí",
];

/// Words after which a capitalised name is a place, not a person (`phường Trần Phú`,
/// `TP Hồ Chí Minh`, `Tỉnh Đoàn`).
const PLACES: &[&str] = &[
    "tỉnh",
    "phố",
    "tp",
    "huyện",
    "quận",
    "xã",
    "phường",
    "trấn",
    "đường",
    "ấp",
    "thôn",
    "bản",
];

/// Organ words whose capitalised name may be a two-syllable word with a lower-case second
/// syllable (`Sở Y tế`, `Ban Chỉ đạo`, `Vụ Pháp chế`, `Tổng cục Môi trường`).
const ORGANS: &[&str] = &[
    "sở",
    "bộ",
    "cục",
    "vụ",
    "ban",
    "viện",
    "hội",
    "phòng",
    "hạt",
    "ty",
    "tâm",
    "trường",
    "đoàn",
    "hàng",
];

/// Capitalised words that open a sentence, glued to a name where a caption or heading lost its
/// line break (`Thứ trưởng Nguyễn Duy Thăng Trong thời gian tới …`): never a name's last word.
const SENTENCE_OPENERS: &[&str] = &[
    "trong", "qua", "ngày", "sáng", "chiều", "tối", "trưa", "ban", "theo", "tại", "khi", "với",
    "sau", "trước", "từ", "năm", "tháng", "hôm", "đây", "đó", "các", "những", "nhưng", "còn",
];

/// Common Vietnamese family names that are not also the first syllable of a place or organ
/// name (`Hà` Nội, `Lâm` Đồng, `Thái` Bình, `Cao` Bằng, `Châu` Âu are left out).
const SURNAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đào", "Đoàn", "Vương", "Trịnh", "Trương", "Phùng", "Lưu", "Đinh",
    "Tạ", "Quách", "Lương", "Hứa", "Lại", "Kiều", "Triệu", "Nông", "Thân", "Tôn",
];

/// Most words in one position, and positions per mention (bounded work per mention).
const MAX_POSITION_WORDS: usize = 16;
const MAX_POSITIONS: usize = 6;

/// What a word may be in a title, as bits: one table lookup per word instead of a scan of
/// every list (titles are tried at every capitalised title word of an article).
const HEAD_START: u8 = 1;
const CONTINUES: u8 = 2;
const PLACE: u8 = 4;
const ORGAN: u8 = 8;
const OPENER: u8 = 16;

/// A word as [`word_key`] folds it (base letters and tone), on the stack: the table is asked
/// for every word of a title, so the key must not allocate. Longer words are in no list.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Key {
    base: [char; 16],
    len: u8,
    tone: u8,
}

impl std::hash::Hash for Key {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        // The letters in use only, folded into one word for `Fnv`.
        let mut x = u64::from(self.tone) << 56 | u64::from(self.len) << 48;
        for &c in &self.base[..usize::from(self.len)] {
            x = x.rotate_left(21) ^ u64::from(c);
        }
        h.write_u64(x);
    }
}

/// FNV-1a over what `Key::hash` writes: the table's keys are short words, and SipHash cost
/// more than the rest of a lookup.
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3);
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0 ^ x).wrapping_mul(0x0100_0000_01B3);
        self.0 ^= self.0 >> 29;
    }
}

impl Key {
    fn of(w: &str) -> Option<Self> {
        let mut k = Self {
            base: ['\0'; 16],
            len: 0,
            tone: 0,
        };
        for (b, tone) in crate::lex::folded_chars(w) {
            if let Some(b) = b {
                *k.base.get_mut(usize::from(k.len))? = b;
                k.len += 1;
            }
            k.tone = tone;
        }
        Some(k)
    }

    /// The key of a list word (every one fits).
    fn of_listed(w: &str) -> Self {
        Self::of(w).unwrap_or_else(|| panic!("list word {w:?} longer than a key"))
    }
}

/// A word's class bits, and the titles (in `lexicon::TITLES` order) that start with it.
fn lookup(w: &str) -> (u8, &'static [&'static str]) {
    type Table = HashMap<Key, (u8, Vec<&'static str>), std::hash::BuildHasherDefault<Fnv>>;
    static TABLE: OnceLock<Table> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t: Table = HashMap::default();
        for head in crate::lexicon::titles(crate::lexicon::PERSON) {
            let entry = t.entry(Key::of_listed(head.split(' ').next().unwrap_or(head)));
            let (bits, heads) = entry.or_default();
            *bits |= HEAD_START;
            heads.push(head);
        }
        let lists: [(&[&str], u8); 4] = [
            (CONTINUE, CONTINUES),
            (PLACES, PLACE),
            (ORGANS, ORGAN),
            (SENTENCE_OPENERS, OPENER),
        ];
        for (words, bit) in lists {
            for w in words {
                t.entry(Key::of_listed(w)).or_default().0 |= bit;
            }
        }
        t
    });
    Key::of(w)
        .and_then(|k| table.get(&k))
        .map_or((0, &[][..]), |(bits, heads)| (*bits, heads.as_slice()))
}

fn class_of(w: &str) -> u8 {
    lookup(w).0
}

/// head = one of the lexicon's titles (`lexicon::PERSON`) at the start of `i` (whose first word is `w`): the rest and the title.
fn head<'a>(i: &'a str, w: &str) -> Option<(&'a str, &'a str)> {
    lookup(w).1.iter().find_map(|h| kw(h)(i).ok())
}

/// `head` where the caller has not split off the first word yet.
fn head_at(i: &str) -> Option<(&str, &str)> {
    word(i).ok().and_then(|(_, w)| head(i, w))
}

/// A title word other than `nguyên` (also a common name syllable) at the start of `i`.
fn head_not_nguyen<'a>(i: &'a str, w: &str) -> Option<(&'a str, &'a str)> {
    head(i, w).filter(|(_, h)| !word_eq(h, "nguyên"))
}

/// Most capitalised words read when deciding where a name starts.
const MAX_NAME_SCAN: usize = 7;

/// name = cap_word (sp cap_word){1,max-1}, less a glued sentence opener at the end
fn name_of(i: &str, max: usize) -> R<'_, &str> {
    let mut rest = i;
    let mut ends = [0; MAX_NAME_SCAN];
    let mut words = 0;
    for n in 0..max.min(ends.len()) {
        let (r, gap) = if n == 0 { (rest, "") } else { hsp0(rest)? };
        if n > 0 && gap.is_empty() {
            break;
        }
        let Ok((r2, w)) = word(r) else { break };
        // `Nguyên` opens "former …" titles but is also a common name syllable
        if !is_capitalised(w) || head_not_nguyen(r, w).is_some() {
            break;
        }
        rest = r2;
        ends[words] = i.len() - rest.len();
        words += 1;
    }
    if words >= 3 {
        let last = &i[ends[words - 2]..ends[words - 1]];
        if class_of(last.trim_start()) & OPENER != 0 {
            words -= 1;
        }
    }
    if words >= 2 {
        let end = ends[words - 1];
        Ok((&i[end..], &i[..end]))
    } else {
        fail(i)
    }
}

/// name = cap_word (sp cap_word){1,4}
fn name(i: &str) -> R<'_, &str> {
    name_of(i, 5)
}

fn is_surname(w: &str) -> bool {
    SURNAMES.contains(&w)
}

/// surname_name = surname (sp cap_word){1,3}, not running into a second full name
/// (`… Hồ Chí Minh Nguyễn Thiện Nhân`: the name is the one the last family name opens).
fn surname_name(i: &str) -> R<'_, &str> {
    let (_, first) = word(i)?;
    if !is_surname(first) {
        return fail(i);
    }
    // A family name from the third word on that opens a name of three words or more is the
    // real name's (`Hồ Chí Minh Nguyễn Thiện Nhân`); an earlier or shorter one belongs to this
    // name (`Phạm Nguyễn Hoàng Anh`, `Đinh Thị Kiều Trinh`).
    let (_, longest) = name_of(i, MAX_NAME_SCAN)?;
    let n = longest.split_whitespace().count();
    let mut words = longest.split_whitespace().enumerate();
    if words.any(|(k, w)| k >= 2 && n - k >= 3 && is_surname(w)) {
        return fail(i);
    }
    name_of(i, 4)
}

/// The words of a title after its head (whose last word is `prev`), up to a word that cannot
/// continue it: capitalised words (organs, places), title syllables, and the lower-case second
/// syllable of an organ's name. Stops before a family name that opens a full name, unless a
/// place word precedes it. Returns the rest after the title and the name that follows, if any.
fn title_tail<'a>(mut rest: &'a str, mut prev: &'a str) -> (&'a str, Option<(&'a str, &'a str)>) {
    let mut prev_class = class_of(prev);
    let mut partner_ok = false;
    for _ in 0..MAX_POSITION_WORDS {
        let Ok((r, gap)) = hsp0(rest) else { break };
        if gap.is_empty() {
            break;
        }
        if prev_class & PLACE == 0 {
            if let Ok((after, who)) = surname_name(r) {
                return (rest, Some((after, who)));
            }
        }
        let Ok((mut r2, w)) = word(r) else { break };
        // `T.Ư`, `TP.HCM`: dotted abbreviations are one word of the title
        while let Some(after_dot) = r2.strip_prefix('.') {
            match word(after_dot) {
                Ok((r3, _)) if is_upper_text(&r[..r.len() - r3.len()]) => r2 = r3,
                _ => break,
            }
        }
        let class = class_of(w);
        // `Phó chủ tịch`, `Phó giám đốc`: a title word in lower case after `Phó`, `nguyên`…
        if class & HEAD_START != 0 {
            if let Some((r3, h)) = head_not_nguyen(r, w) {
                prev = last_word(h);
                prev_class = class_of(prev);
                partner_ok = false;
                rest = r3;
                continue;
            }
        }
        let cap = is_capitalised(w);
        // a new mention starts (`…, đồng chí X`); lower-case `đồng` only in `Hội đồng`
        if word_eq(w, "đồng") && (kw("đồng chí")(r).is_ok() || !cap && !word_eq(prev, "hội"))
        {
            break;
        }
        // `ký` continues only `Thư ký` (`Tạp chí Mặt trận ký quyết định` is a verb)
        let pair = word_eq(w, "ký") && word_eq(prev, "thư");
        // a sentence glued on (`Phó chánh thanh tra TP Hà Nội Trong quá trình …`)
        if cap && class & OPENER != 0 && class & ORGAN == 0 && opens_sentence(r2) {
            break;
        }
        if !(cap || partner_ok || pair || class & CONTINUES != 0) {
            break;
        }
        // `Sở Y tế`: the organ's name may end in a lower-case syllable (`TDTT cho` does not)
        partner_ok = cap && !is_upper_text(w) && prev_class & ORGAN != 0;
        prev = w;
        prev_class = class;
        rest = r2;
    }
    (rest, None)
}

/// After a capitalised sentence opener, does a sentence go on (`Trong thời gian`, `Ngày 15/4`),
/// rather than a name (`Ban Chỉ đạo`)?
fn opens_sentence(rest: &str) -> bool {
    !hsp0(rest).is_ok_and(|(r, _)| word(r).is_ok_and(|(_, next)| is_capitalised(next)))
}

/// The last word of `s`.
fn last_word(s: &str) -> &str {
    s.rsplit(' ').next().unwrap_or(s)
}

/// position = head title_tail      (`Ủy viên Ban Thường vụ Tỉnh uỷ`); fails where a name
/// follows, since the title then introduces that person (`…, Thủ tướng Nguyễn Xuân Phúc`)
fn position(i: &str) -> R<'_, &str> {
    let Some((rest, title)) = head_at(i) else {
        return fail(i);
    };
    match title_tail(rest, last_word(title)) {
        (rest, None) => Ok((rest, &i[..i.len() - rest.len()])),
        (_, Some(_)) => fail(i),
    }
}

/// sep = sp? ("," | dash) sp?      (the dash only before the first position)
fn sep(first: bool) -> impl Fn(&str) -> R<'_, ()> {
    move |i| {
        let mark = satisfy(|c| c == ',' || (first && is_dash(c)));
        (hsp0, mark, hsp0).map(|_| ()).parse(i)
    }
}

/// { sep position }, at most MAX_POSITIONS in all
fn positions_after<'a>(mut rest: &'a str, positions: &mut Vec<&'a str>) -> &'a str {
    while positions.len() < MAX_POSITIONS {
        let first = positions.is_empty();
        match (sep(first), position).parse(rest) {
            Ok((r, (_, p))) => {
                positions.push(p);
                rest = r;
            }
            Err(_) => break,
        }
    }
    rest
}

/// mention = opener sp name [sep position {"," sp position}]
fn mention(i: &str) -> R<'_, (&str, Vec<&str>)> {
    let opener = |i| {
        kw("đồng chí")(i)
            .or_else(|_| kw("ông")(i))
            .or_else(|_| kw("bà")(i))
    };
    let (rest, (_, _, who)) = (opener, hsp0, name).parse(i)?;
    let mut positions = Vec::new();
    let rest = positions_after(rest, &mut positions);
    Ok((rest, (who, positions)))
}

/// titled = title {"," sp title} sp surname_name {"," sp position}
///
/// On failure, the bytes its titles ran over: a title word inside them starts the same titles
/// with no name after them, so the caller skips those anchors (a run of title words, `Phó Phó
/// Phó …` or `Phó, Phó, …`, then costs each word one reading, not one per anchor before it).
fn titled(i: &str) -> Result<(&str, (&str, Vec<&str>)), usize> {
    let mut positions = Vec::new();
    let mut title = i;
    let mut read = 0;
    while positions.len() < MAX_POSITIONS {
        // Most anchors are capitalised words that open no title (`Trung ương`, `Đại hội`).
        let Some((rest, h)) = head_at(title) else {
            return Err(read);
        };
        let (rest, name) = title_tail(rest, last_word(h));
        positions.push(&title[..title.len() - rest.len()]);
        if let Some((after, who)) = name {
            let after = positions_after(after, &mut positions);
            return Ok((after, (who, positions)));
        }
        read = i.len() - rest.len();
        // `Tổng Bí thư, Chủ tịch nước Nguyễn Phú Trọng`: titles joined by commas.
        title = match (hsp0, char(','), hsp0).parse(rest) {
            Ok((r, _)) => r,
            Err(_) => return Err(read),
        };
    }
    Err(read)
}

/// The key names and positions merge by: word by word, what [`word_eq`] compares (case and
/// tone style ignored), so `Tỉnh uỷ` and `Tỉnh ủy` are one position.
fn words_key(s: &str) -> String {
    let mut key = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&word_key(w));
    }
    key
}

/// What a match of the anchor searcher may start.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Anchor {
    /// `đồng chí`, `ông`, `bà` in lower case.
    Opener,
    /// `Đồng chí`, `Ông`, `Bà`: capitalised, so only at the start of a sentence (`Bà Rịa` is a
    /// place).
    CapitalOpener,
    /// The first word of a title, capitalised (`Thủ` tướng), or `nguyên` (former).
    Title,
}

/// Anchors: the openers, and the first word of every title as text writes it before a name.
fn anchors() -> &'static (Literals, Vec<Anchor>) {
    static A: OnceLock<(Literals, Vec<Anchor>)> = OnceLock::new();
    A.get_or_init(|| {
        let mut pats: Vec<(String, Anchor)> = Vec::new();
        for o in ["đồng chí", "ông", "bà"] {
            pats.push((o.to_owned(), Anchor::Opener));
            pats.push((capitalise(o), Anchor::CapitalOpener));
        }
        pats.push(("nguyên".to_owned(), Anchor::Title));
        for head in crate::lexicon::titles(crate::lexicon::PERSON) {
            let first = head.split(' ').next().unwrap_or(head);
            for spelling in [first.to_owned(), first.replace("uỷ", "ủy")] {
                let title = capitalise(&spelling);
                if !pats.iter().any(|(p, _)| *p == title) {
                    pats.push((title, Anchor::Title));
                }
            }
        }
        // Longest first: the searcher reports the first listed of the patterns that start at a
        // position, and `Thư` must not hide `Thường`.
        pats.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        // Teddy: a third of the cost of a DFA over this text (common capitalised words, no rare
        // byte to skip to).
        let words: Vec<&str> = pats.iter().map(|(p, _)| p.as_str()).collect();
        (
            Literals::new(&words, false),
            pats.iter().map(|&(_, a)| a).collect(),
        )
    })
}

/// Does a sentence start at byte `k` of `region`? (Its start, or after `.`, `!`, `?`, `:`, a
/// quotation mark, a dash or a line break, and spaces.)
fn sentence_start(region: &str, k: usize) -> bool {
    let before = region[..k].trim_end_matches([' ', '\t']);
    before.is_empty()
        || before.ends_with(['.', '!', '?', ':', '"', '“', '(', '-', '–', '…'])
        || before.ends_with(crate::lex::is_line_break)
}

/// Every person in `region` (a slice of the normalised text), merged by name.
pub(crate) fn people(src: &Source<'_>, region: &str) -> Vec<Person> {
    let (searcher, kinds) = anchors();
    let mut out: Vec<Person> = Vec::new();
    // Where each name (by `words_key`) is in `out`, and the keys of the positions it has:
    // hashed, so merging stays linear however many people a text names.
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut seen: Vec<HashSet<String>> = Vec::new();
    // Bytes before `done` belong to a mention already read; title words before `titles_done`
    // to a title already read to its end with no name after it.
    let mut done = 0;
    let mut titles_done = 0;
    for (k, end, id) in searcher.find_iter(region) {
        let whole_word = !region[..k]
            .chars()
            .next_back()
            .is_some_and(super::lex::is_word_char)
            && !region[end..]
                .chars()
                .next()
                .is_some_and(super::lex::is_word_char);
        if k < done || !whole_word {
            continue;
        }
        let parsed = match kinds[id] {
            Anchor::Opener => mention(&region[k..]),
            Anchor::CapitalOpener if sentence_start(region, k) => mention(&region[k..]),
            Anchor::CapitalOpener => continue,
            Anchor::Title if k < titles_done => continue,
            Anchor::Title => match titled(&region[k..]) {
                Ok(found) => Ok(found),
                Err(read) => {
                    titles_done = k + read;
                    continue;
                }
            },
        };
        let Ok((rest, (who, positions))) = parsed else {
            continue;
        };
        done = region.len() - rest.len();
        let idx = *index.entry(words_key(who)).or_insert_with(|| {
            let s = src.span(who);
            out.push(Person::new(s.text, s.start, s.end));
            seen.push(HashSet::new());
            out.len() - 1
        });
        for p in positions {
            let p = p.trim_end_matches(|c: char| !c.is_alphanumeric());
            if !p.is_empty() && seen[idx].insert(words_key(p)) {
                out[idx].positions.push(src.span(p));
            }
        }
    }
    out
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

    #[test]
    fn titles_before_names() {
        assert_eq!(
            run("Sáng nay, Thủ tướng Chính phủ Nguyễn Văn An làm việc với tỉnh."),
            vec![("Nguyễn Văn An".into(), vec!["Thủ tướng Chính phủ".into()])]
        );
        // titles joined by commas all belong to the name that ends them
        assert_eq!(
            run("Tổng Bí thư, Chủ tịch nước Trần Văn Bảo phát biểu."),
            vec![(
                "Trần Văn Bảo".into(),
                vec!["Tổng Bí thư".into(), "Chủ tịch nước".into()]
            )]
        );
        // a place word keeps its name in the title (`phường Lê Lợi`, `Thành phố Hồ Chí Minh`)
        assert_eq!(
            run("Chủ tịch UBND phường Lê Lợi Phạm Thị Cúc đề nghị."),
            vec![(
                "Phạm Thị Cúc".into(),
                vec!["Chủ tịch UBND phường Lê Lợi".into()]
            )]
        );
        assert_eq!(
            run("Bí thư Thành ủy TP Hồ Chí Minh Nguyễn Văn Bình dự."),
            vec![(
                "Nguyễn Văn Bình".into(),
                vec!["Bí thư Thành ủy TP Hồ Chí Minh".into()]
            )]
        );
        // a family name later in a long run opens the real name
        assert_eq!(
            run("Bí thư Thành ủy Hồ Chí Minh Nguyễn Văn Bình dự."),
            vec![(
                "Nguyễn Văn Bình".into(),
                vec!["Bí thư Thành ủy Hồ Chí Minh".into()]
            )]
        );
        assert_eq!(
            run("Đại biểu Đinh Thị Kiều Trinh phát biểu."),
            vec![("Đinh Thị Kiều Trinh".into(), vec!["Đại biểu".into()])]
        );
        // no family name, no person: a title before a place or a foreign name
        assert!(run("Thủ tướng Nhật Bản Shinzo Abe thăm Việt Nam.").is_empty());
        assert!(run("theo chỉ đạo của Thủ tướng Chính phủ.").is_empty());
    }

    #[test]
    fn a_title_before_a_name_is_not_the_previous_persons() {
        assert_eq!(
            run("Chủ tịch Quốc hội Lê Thị Ngân, Thủ tướng Trần Văn Phúc dự lễ."),
            vec![
                ("Lê Thị Ngân".into(), vec!["Chủ tịch Quốc hội".into()]),
                ("Trần Văn Phúc".into(), vec!["Thủ tướng".into()]),
            ]
        );
    }

    #[test]
    fn ong_and_ba_with_commas_or_dashes() {
        assert_eq!(
            run("bà Đặng Thị Hòa - Phó Chủ tịch UBND Thành phố cho biết"),
            vec![(
                "Đặng Thị Hòa".into(),
                vec!["Phó Chủ tịch UBND Thành phố".into()]
            )]
        );
        assert_eq!(
            run("Ông Ngô Văn Tài, nguyên Phó chủ tịch UBND quận, cảm ơn"),
            vec![(
                "Ngô Văn Tài".into(),
                vec!["nguyên Phó chủ tịch UBND quận".into()]
            )]
        );
        // `Bà` capitalised inside a sentence is a place (`Bà Rịa`), `bà con` is not a name,
        // `không` is not `ông`
        assert!(run("Cử tri tỉnh Bà Rịa Vũng Tàu phản ánh").is_empty());
        assert!(run("cảm ơn bà con cử tri").is_empty());
        assert!(run("cũng không Nguyễn Văn An nào").is_empty());
    }

    #[test]
    fn titles_end_where_the_organ_name_ends() {
        // the lower-case second syllable of an organ's name (`Sở Y tế`), not of an abbreviation
        assert_eq!(
            run("ông Võ Thanh Sơn, Giám đốc Sở Y tế cho biết"),
            vec![("Võ Thanh Sơn".into(), vec!["Giám đốc Sở Y tế".into()])]
        );
        assert_eq!(
            run("ông Vũ Văn Hải, Tổng cục trưởng Tổng cục TDTT cho biết"),
            vec![(
                "Vũ Văn Hải".into(),
                vec!["Tổng cục trưởng Tổng cục TDTT".into()]
            )]
        );
        assert_eq!(
            run("Thượng tướng Lê Văn Cường, Bí thư T.Ư Đảng, Chủ nhiệm Tổng cục Chính trị dự."),
            vec![(
                "Lê Văn Cường".into(),
                vec![
                    "Thượng tướng".into(),
                    "Bí thư T.Ư Đảng".into(),
                    "Chủ nhiệm Tổng cục Chính trị".into()
                ]
            )]
        );
        // `ký` only in `Thư ký`; a glued sentence is not part of the name or the title
        assert_eq!(
            run("ông Tô Văn Vỹ, Phó Tổng Biên tập Tạp chí Mặt trận ký quyết định"),
            vec![(
                "Tô Văn Vỹ".into(),
                vec!["Phó Tổng Biên tập Tạp chí Mặt trận".into()]
            )]
        );
        assert_eq!(
            run("Thứ trưởng Bộ Nội vụ Đỗ Hữu Nam Trong thời gian tới, Bộ sẽ trình"),
            vec![("Đỗ Hữu Nam".into(), vec!["Thứ trưởng Bộ Nội vụ".into()])]
        );
    }
}
