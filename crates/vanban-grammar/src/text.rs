//! Vietnamese text primitives shared by the sub-grammars: character classes, tone-insensitive
//! folding of syllables, bounded whitespace, and NFC normalisation with an offset map.
//!
//! Matching never rewrites the input: parsers compare *folded* syllables against keywords and
//! return slices of the original text, so offsets stay exact.

use std::sync::OnceLock;

use nom::Parser;

use crate::error::{GrammarError, PResult};

/// Longest whitespace run accepted inside a citation (covers `16 -\nHD/BTCTW` and PDF gaps)
/// while keeping every parse bounded.
pub(crate) const MAX_SPACE: usize = 16;

/// White space as the web writes it: Unicode `White_Space` plus zero-width space and BOM.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}')
}

/// Hyphen-like characters that separate number and type code (formats.md §7.5).
pub(crate) fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{00AD}' | '\u{FE63}' | '\u{FF0D}'
    )
}

/// A multi-literal searcher reporting, at the leftmost position, the first listed pattern that
/// matches there: Teddy (SIMD) where the CPU has it, else an Aho-Corasick DFA. Both parsers
/// search literal anchors this way (type words, titles before names).
pub(crate) enum Literals {
    Packed(aho_corasick::packed::Searcher),
    Dfa(aho_corasick::AhoCorasick),
}

impl Literals {
    /// `fat`: prefer Fat Teddy (16 buckets, AVX2), which verifies fewer false candidates when
    /// there are many patterns.
    pub(crate) fn new<P: AsRef<[u8]>>(patterns: &[P], fat: bool) -> Self {
        use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind, packed};
        let teddy = |fat| {
            packed::Config::new()
                .only_teddy_fat(fat)
                .builder()
                .extend(patterns)
                .build()
        };
        let packed = if fat { teddy(Some(true)) } else { None };
        match packed.or_else(|| teddy(None)) {
            Some(teddy) => Literals::Packed(teddy),
            None => Literals::Dfa(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostFirst)
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(patterns)
                    .expect("literal patterns build a DFA"),
            ),
        }
    }

    /// Matches as `(start, end, pattern index)`, in order, not overlapping.
    pub(crate) fn find_iter<'a>(
        &'a self,
        text: &'a str,
    ) -> Box<dyn Iterator<Item = (usize, usize, usize)> + 'a> {
        match self {
            Literals::Packed(s) => Box::new(
                s.find_iter(text)
                    .map(|m| (m.start(), m.end(), m.pattern().as_usize())),
            ),
            Literals::Dfa(a) => Box::new(
                a.find_iter(text)
                    .map(|m| (m.start(), m.end(), m.pattern().as_usize())),
            ),
        }
    }
}

/// `w` with its first letter in upper case (`nghị quyết` → `Nghị quyết`).
pub(crate) fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Slash-like characters (`/`, fraction slash, full-width solidus).
pub(crate) fn is_slash(c: char) -> bool {
    matches!(c, '/' | '\u{2044}' | '\u{FF0F}')
}

/// A letter of a word: letters, digits and combining marks (NFD input keeps its marks on the letter).
pub(crate) fn is_word_char(c: char) -> bool {
    // Fast paths for ASCII and the Vietnamese letter blocks; the general lookup is slow.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match c {
        '\u{00C0}'..='\u{024F}' => c != '\u{00D7}' && c != '\u{00F7}',
        '\u{1EA0}'..='\u{1EF9}' | '\u{0300}'..='\u{036F}' => true,
        // Any combining mark belongs to the letter before it, in every script.
        _ => c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c),
    }
}

/// take_while_m_n = pred{m,n}, counted in characters: nom's parser of that name, minus its
/// generic `Input` machinery, with a byte loop for ASCII (this runs several times per anchor).
#[inline]
pub(crate) fn take_while_m_n<'a>(
    m: usize,
    n: usize,
    pred: impl Fn(char) -> bool,
) -> impl Fn(&'a str) -> PResult<'a, &'a str> {
    move |i: &'a str| {
        let bytes = i.as_bytes();
        let mut end = 0;
        let mut count = 0;
        while count < n {
            let Some(&b) = bytes.get(end) else { break };
            let c = if b.is_ascii() {
                char::from(b)
            } else {
                // `end` is a char boundary: only whole characters are consumed.
                i[end..]
                    .chars()
                    .next()
                    .unwrap_or(char::REPLACEMENT_CHARACTER)
            };
            if !pred(c) {
                break;
            }
            end += c.len_utf8();
            count += 1;
        }
        if count < m {
            // Unlabelled, as nom's: the enclosing rule names what was expected.
            return Err(nom::Err::Error(GrammarError::unlabelled(i)));
        }
        Ok((&i[end..], &i[..end]))
    }
}

/// The common cases of white space, settled on bytes: `Some(n)` when the text starts with `n`
/// (0 or 1) spaces followed by a printable ASCII character, `None` when the general parser must
/// decide. Most calls see one plain space or none.
#[inline]
fn plain_space(i: &str) -> Option<usize> {
    let b = i.as_bytes();
    let printable = |k: usize| b.get(k).is_some_and(|&c| c.is_ascii_graphic());
    if printable(0) {
        Some(0)
    } else if b.first() == Some(&b' ') && printable(1) {
        Some(1)
    } else {
        None
    }
}

/// sp = ws{1,16}
pub(crate) fn sp(i: &str) -> PResult<'_, &str> {
    match plain_space(i) {
        Some(1) => Ok((&i[1..], &i[..1])),
        Some(_) => Err(nom::Err::Error(GrammarError::unlabelled(i))),
        None => take_while_m_n(1, MAX_SPACE, is_space)(i),
    }
}

/// The text after `sp0`: for cheap tests of what comes next before a parser runs.
pub(crate) fn after_space(i: &str) -> &str {
    sp0(i).map_or(i, |(rest, _)| rest)
}

/// sp0 = ws{0,16}
pub(crate) fn sp0(i: &str) -> PResult<'_, &str> {
    match plain_space(i) {
        Some(n) => Ok((&i[n..], &i[..n])),
        None => take_while_m_n(0, MAX_SPACE, is_space)(i),
    }
}

/// Vietnamese tone marks, which (unlike circumflex, breve and horn) do not change the letter.
const TONES: [char; 5] = ['\u{0300}', '\u{0301}', '\u{0303}', '\u{0309}', '\u{0323}'];

/// `(base, tone)` for each code point of a block.
type FoldTable = Vec<(char, u8)>;

/// `(base letter, tone)` of a lower-cased character; tone 0 is level, 1–5 follow `TONES`.
/// `Ð`/`ð`/`Ɖ` (look-alikes of `Đ` seen on real pages) fold to `đ`.
#[inline]
pub(crate) fn fold_char(c: char) -> (char, u8) {
    // Two small tables cover Vietnamese: Latin-1 Supplement to Latin Extended-B, and the
    // Latin Extended Additional block of precomposed tone letters (ạ … ỹ).
    const LATIN: (u32, u32) = (0xC0, 0x24F);
    const VIET: (u32, u32) = (0x1EA0, 0x1EF9);
    static TABLES: OnceLock<[FoldTable; 2]> = OnceLock::new();
    if c.is_ascii() {
        return (c.to_ascii_lowercase(), 0);
    }
    let code = c as u32;
    let in_latin = (LATIN.0..=LATIN.1).contains(&code);
    if !in_latin && !(VIET.0..=VIET.1).contains(&code) {
        return (c.to_lowercase().next().unwrap_or(c), 0);
    }
    let [latin, viet] = TABLES.get_or_init(|| {
        let build = |(lo, hi): (u32, u32)| {
            (lo..=hi)
                .map(|cp| char::from_u32(cp).map_or(('\u{FFFD}', 0), fold_slow))
                .collect()
        };
        [build(LATIN), build(VIET)]
    });
    if in_latin {
        latin[(code - LATIN.0) as usize]
    } else {
        viet[(code - VIET.0) as usize]
    }
}

fn fold_slow(c: char) -> (char, u8) {
    use unicode_normalization::UnicodeNormalization;
    let lower: String = c.to_lowercase().collect();
    let mut tone = 0;
    let mut kept = String::new();
    for d in lower.nfd() {
        match TONES.iter().position(|&t| t == d) {
            Some(k) => tone = k as u8 + 1,
            None => kept.push(d),
        }
    }
    let base = kept.nfc().next().unwrap_or(c);
    let base = match base {
        'ð' | 'ɖ' => 'đ',
        other => other,
    };
    (base, tone)
}

/// A syllable reduced for comparison: lower-case base letters and the tone, wherever the
/// writer placed it (`uỷ` and `ủy`, `khoá` and `khóa` fold alike).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Folded {
    pub(crate) base: String,
    pub(crate) tone: u8,
}

/// The tone (1–5) of a combining tone mark, 0 for any other character.
#[inline]
fn combining_tone(c: char) -> u8 {
    // All five marks lie in U+0300–U+0323: one range test rules out every other character.
    if !('\u{0300}'..='\u{0323}').contains(&c) {
        return 0;
    }
    TONES
        .iter()
        .position(|&t| t == c)
        .map_or(0, |k| k as u8 + 1)
}

/// A combining tone mark (NFD text, or a mark NFC could not compose).
pub(crate) fn is_tone_mark(c: char) -> bool {
    combining_tone(c) != 0
}

/// The base letters of a syllable with the tone found so far; a combining tone mark (NFD)
/// yields `None` for the letter and updates the tone.
fn folded_chars(word: &str) -> impl Iterator<Item = (Option<char>, u8)> + '_ {
    let mut tone = 0;
    word.chars().map(move |c| {
        let mark = combining_tone(c);
        if mark != 0 {
            tone = mark;
            return (None, tone);
        }
        let (b, t) = fold_char(c);
        if t != 0 {
            tone = t;
        }
        (Some(b), tone)
    })
}

/// Fold a syllable as written (NFC); combining tone marks of NFD text are folded too.
pub(crate) fn fold(word: &str) -> Folded {
    let mut base = String::with_capacity(word.len());
    let mut tone = 0;
    for (b, t) in folded_chars(word) {
        base.extend(b);
        tone = t;
    }
    Folded { base, tone }
}

/// The base letters of `w` (tones dropped, lower case) equal `base`: `fold(w).base == base`
/// without allocating.
pub(crate) fn base_is(w: &str, base: &str) -> bool {
    folded_chars(w).filter_map(|(b, _)| b).eq(base.chars())
}

/// Fold a keyword given in NFC (used to build keyword tables once).
pub(crate) fn fold_phrase(phrase: &str) -> Vec<Folded> {
    phrase.split(' ').map(fold).collect()
}

/// word = word_char{1,24}: one syllable or code, bounded so hostile input stays linear.
pub(crate) fn word(i: &str) -> PResult<'_, &str> {
    take_while_m_n(1, 24, is_word_char)(i)
}

/// How strictly a keyword must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Match {
    /// Same letters and tone (tone position free): `uỷ` = `ủy`.
    Tone,
    /// Same letters, any tone: tolerates diacritic noise such as `củà`, `ngàỷ`.
    Loose,
}

/// Does the syllable `w` (NFC) fold to `want`? Compares character by character, no allocation:
/// this runs for every anchor, so it is on the hot path.
pub(crate) fn same_word(w: &str, want: &Folded, how: Match) -> bool {
    // Most calls compare unrelated words: the first letter settles them (`want` is never empty;
    // a word that starts with a stray combining mark matches no keyword).
    let first = w.chars().next().map(|c| fold_char(c).0);
    if first != want.base.chars().next() {
        return false;
    }
    let mut expected = want.base.chars();
    let mut tone = 0;
    for (b, t) in folded_chars(w) {
        if b.is_some() && expected.next() != b {
            return false;
        }
        tone = t;
    }
    expected.next().is_none() && (how == Match::Loose || tone == want.tone)
}

/// keyword = syllable { sp syllable } — matches a pre-folded phrase, any case.
pub(crate) fn keyword<'a>(i: &'a str, phrase: &[Folded], how: Match) -> PResult<'a, &'a str> {
    // Reject on the first letter before splitting off a word (most calls fail here).
    let first = i.chars().next().map(|c| fold_char(c).0);
    if first.is_none() || first != phrase.first().and_then(|f| f.base.chars().next()) {
        return Err(nom::Err::Error(GrammarError::expected(i, "a keyword")));
    }
    let mut rest = i;
    for (k, want) in phrase.iter().enumerate() {
        if k > 0 {
            rest = sp.parse(rest)?.0;
        }
        let (after, w) = word.parse(rest)?;
        if !same_word(w, want, how) {
            return Err(nom::Err::Error(GrammarError::expected(rest, "a keyword")));
        }
        rest = after;
    }
    Ok((rest, &i[..i.len() - rest.len()]))
}

/// Keywords with values, indexed by the first letter of their first syllable so that a lookup
/// compares against a handful of entries, not the whole table (this runs for every anchor).
pub(crate) struct KeywordTable<T> {
    entries: Vec<(Vec<Folded>, T)>,
    by_first: Vec<(char, Vec<usize>)>,
}

impl<T: Copy> KeywordTable<T> {
    /// Index `entries` (phrases as folded by `fold_phrase`).
    pub(crate) fn new(entries: Vec<(Vec<Folded>, T)>) -> Self {
        let mut by_first: Vec<(char, Vec<usize>)> = Vec::new();
        for (k, (phrase, _)) in entries.iter().enumerate() {
            let Some(c) = phrase.first().and_then(|f| f.base.chars().next()) else {
                continue;
            };
            match by_first.iter_mut().find(|(f, _)| *f == c) {
                Some((_, list)) => list.push(k),
                None => by_first.push((c, vec![k])),
            }
        }
        Self { entries, by_first }
    }

    /// Entries whose first syllable could be `first` (same first base letter).
    pub(crate) fn candidates(&self, first: &str) -> impl Iterator<Item = &(Vec<Folded>, T)> {
        let c = first.chars().next().map(|c| fold_char(c).0);
        let list = self
            .by_first
            .iter()
            .find(|(f, _)| Some(*f) == c)
            .map_or(&[][..], |(_, l)| l.as_slice());
        list.iter().map(|&k| &self.entries[k])
    }

    /// All entries, as given to `new`.
    pub(crate) fn entries(&self) -> &[(Vec<Folded>, T)] {
        &self.entries
    }

    /// Does some entry start with the base letter `first`?
    pub(crate) fn has_first(&self, first: char) -> bool {
        self.by_first.iter().any(|(f, _)| *f == first)
    }

    /// keyword_table = the longest keyword of the table at `i`, with its value.
    pub(crate) fn longest<'a>(&self, i: &'a str, how: Match) -> PResult<'a, (T, &'a str)> {
        self.longest_in(&mut Syllables::new(i), how, 1)
            .ok_or_else(|| nom::Err::Error(GrammarError::expected(i, "a keyword")))
    }

    /// The longest keyword of at least `min` syllables at the start of `words`: the rest of the
    /// input, and the value with the text matched. Each syllable is parsed and folded once,
    /// however many entries are tried.
    pub(crate) fn longest_in<'a>(
        &self,
        words: &mut Syllables<'a>,
        how: Match,
        min: usize,
    ) -> Option<(&'a str, (T, &'a str))> {
        let first = words.get(0)?.first();
        let list = self
            .by_first
            .iter()
            .find(|(f, _)| Some(*f) == first)
            .map_or(&[][..], |(_, l)| l.as_slice());
        let mut best: Option<(usize, T)> = None;
        for &k in list {
            let (phrase, value) = &self.entries[k];
            let matched = phrase.len() >= min
                && phrase
                    .iter()
                    .enumerate()
                    .all(|(n, want)| words.get(n).is_some_and(|syl| syl.is(want, how)));
            if matched {
                let end = words.end(phrase.len() - 1);
                if best.is_none_or(|(b, _)| end > b) {
                    best = Some((end, *value));
                }
            }
        }
        let (end, value) = best?;
        let i = words.input();
        Some((&i[end..], (value, &i[..end])))
    }
}

/// A syllable folded once for repeated comparisons (a `word` has at most 24 characters).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Syllable {
    base: [char; 24],
    len: u8,
    tone: u8,
    /// Where the syllable ends, as a byte offset into the input of its `Syllables`.
    end: usize,
}

impl Syllable {
    fn of(w: &str, end: usize) -> Self {
        let mut s = Self {
            base: ['\0'; 24],
            len: 0,
            tone: 0,
            end,
        };
        for (b, t) in folded_chars(w) {
            if let Some(b) = b {
                if let Some(slot) = s.base.get_mut(usize::from(s.len)) {
                    *slot = b;
                    s.len += 1;
                }
            }
            s.tone = t;
        }
        s
    }

    /// The first base letter.
    fn first(&self) -> Option<char> {
        (self.len > 0).then_some(self.base[0])
    }

    /// Does the syllable fold to `want` (as `same_word` does)?
    pub(crate) fn is(&self, want: &Folded, how: Match) -> bool {
        (how == Match::Loose || self.tone == want.tone)
            && want
                .base
                .chars()
                .eq(self.base[..usize::from(self.len)].iter().copied())
    }
}

/// Syllables read ahead at most (the longest keyword has six).
const MAX_SYLLABLES: usize = 8;

/// The syllables at the start of a text (`word { sp word }`), parsed and folded on demand, so
/// that matching a whole table at one position reads each syllable once.
pub(crate) struct Syllables<'a> {
    input: &'a str,
    read: [Option<Syllable>; MAX_SYLLABLES],
    n: usize,
    done: bool,
}

impl<'a> Syllables<'a> {
    pub(crate) fn new(input: &'a str) -> Self {
        Self {
            input,
            read: [None; MAX_SYLLABLES],
            n: 0,
            done: false,
        }
    }

    pub(crate) fn input(&self) -> &'a str {
        self.input
    }

    /// The `k`-th syllable, if the text has that many in a row.
    pub(crate) fn get(&mut self, k: usize) -> Option<&Syllable> {
        while self.n <= k && !self.done && self.n < MAX_SYLLABLES {
            let prev_end = self
                .n
                .checked_sub(1)
                .and_then(|p| self.read[p].as_ref())
                .map(|s| s.end);
            let from = match prev_end {
                None => 0,
                Some(end) => match sp(&self.input[end..]) {
                    Ok((rest, _)) => self.input.len() - rest.len(),
                    Err(_) => {
                        self.done = true;
                        break;
                    }
                },
            };
            match word(&self.input[from..]) {
                Ok((_, w)) => {
                    self.read[self.n] = Some(Syllable::of(w, from + w.len()));
                    self.n += 1;
                }
                Err(_) => self.done = true,
            }
        }
        if k < self.n {
            self.read[k].as_ref()
        } else {
            None
        }
    }

    /// Where the `k`-th syllable (already read) ends.
    pub(crate) fn end(&self, k: usize) -> usize {
        self.read.get(k).copied().flatten().map_or(0, |s| s.end)
    }
}

/// True when `word` is written with a capital first letter.
pub(crate) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Rewrite the tone of open `oa`/`oe`/`uy` syllables to the placement most Vietnamese sites use
/// today (`uỷ` → `ủy`, `khoá` → `khóa`); closed syllables (`hoàn`) are already unambiguous.
/// `text` is NFC (the grammar only sees normalised text).
pub(crate) fn common_tone(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut start = None;
    for (k, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(k),
            (false, Some(s)) => {
                retone(&text[s..k], &mut out);
                out.push(c);
                start = None;
            }
            (false, None) => out.push(c),
            (true, Some(_)) => {}
        }
    }
    if let Some(s) = start {
        retone(&text[s..], &mut out);
    }
    out
}

/// Append `syl` to `out`, moving an `oa`/`oe`/`uy` tone from the second vowel to the first.
fn retone(syl: &str, out: &mut String) {
    let mut rev = syl.char_indices().rev();
    let (Some((k2, c2)), Some((k1, c1))) = (rev.next(), rev.next()) else {
        out.push_str(syl);
        return;
    };
    let (b1, t1) = fold_char(c1);
    let (b2, t2) = fold_char(c2);
    let pair = matches!((b1, b2), ('o', 'a' | 'e') | ('u', 'y'));
    // `qu` + `y` is a consonant + vowel, not the `uy` glide (`quý` stays).
    let after_q = rev.next().is_some_and(|(_, c)| fold_char(c).0 == 'q');
    if !pair || after_q || t1 != 0 || t2 == 0 {
        out.push_str(syl);
        return;
    }
    debug_assert!(k1 < k2);
    out.push_str(&syl[..k1]);
    out.push(with_tone(c1, t2));
    out.push(with_tone(c2, 0));
}

/// `c` with its tone replaced by `tone` (0 = none), keeping case and other marks.
fn with_tone(c: char, tone: u8) -> char {
    use unicode_normalization::UnicodeNormalization;
    let base: String = c.to_string().nfd().filter(|d| !TONES.contains(d)).collect();
    let mut s = base;
    if tone > 0 {
        s.push(TONES[usize::from(tone - 1)]);
    }
    s.nfc().next().unwrap_or(c)
}

/// Text in NFC with a map from its byte offsets back to the original's.
pub(crate) struct Normalized {
    pub(crate) text: String,
    /// `(normalised offset, original offset, verbatim)` where each stretch begins: verbatim
    /// stretches map byte for byte, composed clusters map to their start.
    segments: Vec<(usize, usize, bool)>,
}

impl Normalized {
    fn map(&self, i: usize) -> usize {
        let k = self
            .segments
            .partition_point(|s| s.0 <= i)
            .saturating_sub(1);
        match self.segments.get(k) {
            Some(&(norm, orig, true)) => orig + (i - norm),
            Some(&(_, orig, false)) => orig,
            None => i,
        }
    }

    /// Original byte offset of a normalised start offset.
    pub(crate) fn start(&self, i: usize) -> usize {
        self.map(i)
    }

    /// Original byte offset of a normalised end offset (exclusive): the end of a composed
    /// cluster is the start of what follows it, so the same map serves.
    pub(crate) fn end(&self, i: usize) -> usize {
        self.map(i)
    }
}

/// True when `text` holds combining marks (U+0300–U+036F), i.e. may be NFD.
pub(crate) fn needs_nfc(text: &str) -> bool {
    // U+0300..U+036F encode as CC 80..CD AF; these lead bytes encode nothing else.
    memchr::memchr2(0xCC, 0xCD, text.as_bytes()).is_some()
}

/// NFC-normalise `text`, touching only the clusters around combining marks: the rest is copied
/// verbatim, so a mostly-NFC text costs little more than a copy.
pub(crate) fn normalize(text: &str) -> Normalized {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::canonical_combining_class;
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut segments = vec![(0, 0, true)];
    let mut copied = 0;
    let mut from = 0;
    while let Some(k) = memchr::memchr2(0xCC, 0xCD, &bytes[from..]) {
        let mark = from + k;
        // The cluster starts at the last starter before the mark (or where copying stopped).
        let mut start = mark;
        while let Some(c) = text[copied..start].chars().next_back() {
            start -= c.len_utf8();
            if canonical_combining_class(c) == 0 {
                break;
            }
        }
        let end = mark
            + text[mark..]
                .chars()
                .take_while(|&c| canonical_combining_class(c) != 0)
                .map(char::len_utf8)
                .sum::<usize>();
        out.push_str(&text[copied..start]);
        segments.push((out.len(), start, false));
        out.extend(text[start..end].nfc());
        segments.push((out.len(), end, true));
        copied = end;
        from = end.max(mark + 1);
    }
    out.push_str(&text[copied..]);
    Normalized {
        text: out,
        segments,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn literal_searchers_agree() {
        // Teddy and the DFA fallback report the same matches: leftmost, first listed pattern.
        let patterns = ["Thường", "Thư", "Nghị quyết", "Nghị", "ông", "bà"];
        let text = "Thường trực Ban Bí thư, Thư ký; Nghị quyết Nghị định; không ông bà Thườn";
        let dfa = Literals::Dfa(
            aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                .build(patterns)
                .unwrap(),
        );
        let found: Vec<_> = dfa.find_iter(text).collect();
        let words: Vec<&str> = found.iter().map(|&(s, e, _)| &text[s..e]).collect();
        assert_eq!(
            words,
            [
                "Thường",
                "Thư",
                "Nghị quyết",
                "Nghị",
                "ông",
                "ông",
                "bà",
                "Thư"
            ]
        );
        for fat in [false, true] {
            let any = Literals::new(&patterns, fat);
            assert_eq!(any.find_iter(text).collect::<Vec<_>>(), found, "fat: {fat}");
        }
    }

    use super::*;

    #[test]
    fn fold_ignores_tone_position_and_case() {
        assert_eq!(fold("uỷ"), fold("ủy"));
        assert_eq!(fold("KHOÁ"), fold("khóa"));
        assert_eq!(fold("Ðảng"), fold("đảng"));
        assert_ne!(fold("số").tone, fold("sở").tone);
        assert_ne!(fold("số").base, fold("sở").base);
        let nfd = "Nghi\u{0323}";
        assert_eq!(fold(nfd), fold("Nghị"));
    }

    #[test]
    fn keyword_tone_and_loose() {
        let kw = fold_phrase("tỉnh ủy");
        assert!(keyword("Tỉnh uỷ Đồng Tháp", &kw, Match::Tone).is_ok());
        assert!(keyword("TỈNH ỦY", &kw, Match::Tone).is_ok());
        assert!(keyword("tỉnh ủy", &kw, Match::Tone).is_ok());
        assert!(keyword("tỉnh\u{a0}ủy", &kw, Match::Tone).is_ok());
        assert!(keyword("tinh uy", &kw, Match::Tone).is_err());
        assert!(keyword("tinh uy", &kw, Match::Loose).is_ok());
        assert!(keyword("tỉnh ủyban", &kw, Match::Tone).is_err());
    }

    #[test]
    fn common_tone_rewrites_open_syllables_only() {
        assert_eq!(
            common_tone("Tỉnh uỷ, khoá XII, hoàn thành, quý"),
            "Tỉnh ủy, khóa XII, hoàn thành, quý"
        );
        assert_eq!(common_tone("THÀNH UỶ"), "THÀNH ỦY");
    }

    #[test]
    fn normalize_maps_back() {
        let text = "Nghi\u{0323} quyê\u{0301}t số 1";
        assert!(needs_nfc(text));
        let n = normalize(text);
        assert_eq!(n.text, "Nghị quyết số 1");
        let q = n.text.find("quyết").unwrap();
        assert_eq!(&text[n.start(q)..n.end(q + "quyết".len())], "quyê\u{0301}t");
        assert_eq!(n.end(n.text.len()), text.len());
        let tail = n.text.find("số").unwrap();
        assert_eq!(&text[n.start(tail)..], "số 1");
        // Marks after a precomposed letter and several marks in a row compose too.
        let n = normalize("Quye\u{0302}\u{0301}t đi\u{0323}nh");
        assert_eq!(n.text, "Quyết định");
    }
}
