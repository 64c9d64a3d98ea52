//! Bounded words, spaces and keywords: the nom building blocks every sub-grammar is made of.

use nom::Parser;

use super::chars::{is_space, is_word_char};
use super::fold::{Folded, Match, first_letter, fold_char, folded_chars, same_word};
use crate::error::{Expected, GrammarError, PResult, expected_at};

/// A sub-grammar's keyword phrases, folded once on first use:
/// `keyword_phrases!(fn w -> Words { so: "số", lan_thu: "lần thứ" })` declares
/// `struct Words { so: Vec<Folded>, lan_thu: Vec<Folded> }`, each field the [`fold_phrase`] of
/// its phrase, and `fn w() -> &'static Words`.
///
/// [`fold_phrase`]: super::fold::fold_phrase
macro_rules! keyword_phrases {
    (fn $get:ident -> $table:ident { $($field:ident: $phrase:literal),+ $(,)? }) => {
        struct $table {
            $($field: Vec<$crate::lex::Folded>,)+
        }

        fn $get() -> &'static $table {
            static TABLE: std::sync::OnceLock<$table> = std::sync::OnceLock::new();
            TABLE.get_or_init(|| $table {
                $($field: $crate::lex::fold_phrase($phrase),)+
            })
        }
    };
}
pub(crate) use keyword_phrases;

/// Longest whitespace run accepted inside a citation (covers `16 -\nHD/BTCTW` and PDF gaps)
/// while keeping every parse bounded.
pub(crate) const MAX_SPACE: usize = 16;

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

/// word = word_char{1,24}: one syllable or code, bounded so hostile input stays linear.
pub(crate) fn word(i: &str) -> PResult<'_, &str> {
    take_while_m_n(1, 24, is_word_char)(i)
}

/// keyword = syllable { sp syllable } — matches a pre-folded phrase, any case.
pub(crate) fn keyword<'a>(i: &'a str, phrase: &[Folded], how: Match) -> PResult<'a, &'a str> {
    // Reject on the first letter before splitting off a word (most calls fail here).
    let first = first_letter(i);
    if first.is_none() || first != phrase.first().and_then(|f| f.first) {
        return expected_at(i, Expected::Keyword);
    }
    let mut rest = i;
    for (k, want) in phrase.iter().enumerate() {
        if k > 0 {
            rest = sp.parse(rest)?.0;
        }
        let (after, w) = word.parse(rest)?;
        if !same_word(w, want, how) {
            return expected_at(rest, Expected::Keyword);
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
            .ok_or_else(|| nom::Err::Error(GrammarError::expected(i, Expected::Keyword)))
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
        // First letter and length settle most mismatches before `want.base` is decoded.
        (how == Match::Loose || self.tone == want.tone)
            && want.first == self.first()
            && want.letters == usize::from(self.len)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lex::fold::fold_phrase;

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
}
