//! Character classes, each defined once for both wings (docs/formats.md §7).

/// White space as the web writes it: Unicode `White_Space` plus zero-width space and BOM.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}')
}

/// White space that stays on the line (every `is_space` but the line breaks).
pub(crate) fn is_hspace(c: char) -> bool {
    is_space(c) && !is_line_break(c)
}

/// A line break, the one definition every parser uses: LF, CR (alone or before LF), NEL, VT,
/// FF, LINE SEPARATOR and PARAGRAPH SEPARATOR (Unicode's mandatory breaks, UAX #14 class BK/CR/LF/NL).
pub(crate) fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{000B}' | '\u{000C}' | '\u{0085}' | '\u{2028}' | '\u{2029}'
    )
}

/// Byte length of the line break at the start of `s` (2 for CR LF), 0 if there is none.
pub(crate) fn line_break_len(s: &str) -> usize {
    match s.chars().next() {
        Some('\r') if s.as_bytes().get(1) == Some(&b'\n') => 2,
        Some(c) if is_line_break(c) => c.len_utf8(),
        _ => 0,
    }
}

/// The line breaks of `s` as `(byte offset, byte length)`, in order (CR LF is one break).
/// Candidates are found by byte search on the first byte of every break: LF, CR and E2 (U+2028,
/// U+2029) in one search, the rare VT, FF and C2 (NEL) in another; each is confirmed on its
/// character.
pub(crate) fn line_breaks(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = s.as_bytes();
    let mut common = memchr::memchr3_iter(b'\n', b'\r', 0xE2, bytes).peekable();
    let mut rare = memchr::memchr3_iter(0x0B, 0x0C, 0xC2, bytes).peekable();
    let mut done = 0;
    std::iter::from_fn(move || {
        loop {
            let k = match (common.peek(), rare.peek()) {
                (Some(&a), Some(&b)) if b < a => rare.next(),
                (Some(_), _) => common.next(),
                (None, _) => rare.next(),
            }?;
            // The LF of a CR LF was taken with its CR. Every candidate is ASCII or a lead byte,
            // so it starts a character.
            if k < done {
                continue;
            }
            let n = line_break_len(&s[k..]);
            if n > 0 {
                done = k + n;
                return Some((k, n));
            }
        }
    })
}

/// The lines of `s` without their terminators, split at every [`is_line_break`] (CR LF is one
/// break); every line is a slice of `s`.
pub(crate) fn lines(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (k, n) in line_breaks(s) {
        out.push(&s[start..k]);
        start = k + n;
    }
    out.push(&s[start..]);
    out
}

/// The lines of `s` with their terminators (as `str::split_inclusive`, at every line break).
pub(crate) fn lines_inclusive(s: &str) -> impl Iterator<Item = &str> {
    let mut breaks = line_breaks(s);
    let mut start = 0;
    std::iter::from_fn(move || {
        let end = breaks.next().map_or(s.len(), |(k, n)| k + n);
        let line = s.get(start..end).filter(|l| !l.is_empty())?;
        start = end;
        Some(line)
    })
}

/// Byte offset where the line holding byte `at` starts.
pub(crate) fn line_start(s: &str, at: usize) -> usize {
    s[..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_line_break(c))
        .map_or(0, |(k, c)| k + c.len_utf8())
}

/// Byte offset where the line holding byte `at` ends (before its break).
pub(crate) fn line_end(s: &str, at: usize) -> usize {
    first_break(&s[at..]).map_or(s.len(), |k| at + k)
}

/// Byte offset of the first line break in `s`: the searches of [`line_breaks`], the rare one
/// only up to the first common candidate, so the cost is the length of the line, not of `s`.
fn first_break(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut from = 0;
    loop {
        let stop = memchr::memchr3(b'\n', b'\r', 0xE2, &bytes[from..]).map(|k| from + k);
        let upto = stop.unwrap_or(bytes.len());
        let rare = memchr::memchr3_iter(0x0B, 0x0C, 0xC2, &bytes[from..upto])
            .map(|k| from + k)
            .find(|&k| line_break_len(&s[k..]) > 0);
        if rare.is_some() {
            return rare;
        }
        let k = stop?;
        if line_break_len(&s[k..]) > 0 {
            return Some(k);
        }
        from = k + 1;
    }
}

/// Hyphen-like characters that separate number and type code, or items (docs/formats.md §7.5).
pub(crate) fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{00AD}' | '\u{FE63}' | '\u{FF0D}'
    )
}

/// Slash-like characters (`/`, fraction slash, full-width solidus).
pub(crate) fn is_slash(c: char) -> bool {
    matches!(c, '/' | '\u{2044}' | '\u{FF0F}')
}

/// A combining mark (general category M): it belongs to the character before it.
pub(crate) fn is_mark(c: char) -> bool {
    // Fast path: the marks of Vietnamese NFD text, then the general lookup for other scripts.
    matches!(c, '\u{0300}'..='\u{036F}')
        || (!c.is_ascii() && unicode_normalization::char::is_combining_mark(c))
}

/// Just after the first paragraph break (a line break, optional spaces, tabs or CRs, a line
/// break) that lies inside `text[from..to]`, if any: where both wings, the CLI's blocks and the
/// resolver's long texts say a paragraph ends.
pub fn paragraph_break(text: &str, from: usize, to: usize) -> Option<usize> {
    let bytes = text.as_bytes().get(..to)?;
    let mut at = from;
    while let Some(k) = memchr::memchr(b'\n', bytes.get(at..)?) {
        let after = at + k + 1;
        let gap = bytes[after..]
            .iter()
            .take_while(|&&b| matches!(b, b' ' | b'\t' | b'\r'))
            .count();
        if bytes.get(after + gap) == Some(&b'\n') {
            // Both line breaks are ASCII, so this is a character boundary.
            return Some(after + gap + 1);
        }
        at = after;
    }
    None
}

/// `char::is_alphabetic` without its table lookup for the blocks Vietnamese text is made of:
/// ASCII, Latin-1 Supplement to Latin Extended-B (all letters but `×` and `÷`), Latin Extended
/// Additional (all letters) and General Punctuation (none). The lookup costs hundreds of
/// instructions a character; the test `letter_fast_paths_agree` checks every character.
#[inline]
pub(crate) fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\u{7F}' | '\u{2000}'..='\u{206F}' => false,
        '\u{00C0}'..='\u{024F}' => c != '\u{00D7}' && c != '\u{00F7}',
        '\u{1E00}'..='\u{1EFF}' => true,
        _ => c.is_alphabetic(),
    }
}

/// `char::is_alphanumeric` with the fast paths of [`is_letter`] (none of its blocks beyond
/// ASCII holds a digit).
#[inline]
pub(crate) fn is_alnum(c: char) -> bool {
    match c {
        '0'..='9' => true,
        '\0'..='\u{7F}'
        | '\u{00C0}'..='\u{024F}'
        | '\u{1E00}'..='\u{1EFF}'
        | '\u{2000}'..='\u{206F}' => is_letter(c),
        _ => c.is_alphanumeric(),
    }
}

/// A letter of a word: letters, digits and combining marks (NFD input keeps its marks on the letter).
pub fn is_word_char(c: char) -> bool {
    // Fast paths for ASCII and the Vietnamese letter blocks; the general lookup is slow.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match c {
        '\u{00C0}'..='\u{024F}' => c != '\u{00D7}' && c != '\u{00F7}',
        '\u{1EA0}'..='\u{1EF9}' | '\u{0300}'..='\u{036F}' => true,
        // Quotes, dashes and ellipses around words: no letter, digit or mark (see `is_letter`).
        '\u{2000}'..='\u{206F}' => false,
        // Any combining mark belongs to the letter before it, in every script.
        _ => c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c),
    }
}

/// Byte length of the first character of `s` and the combining marks after it (0 for "").
pub(crate) fn cluster_len(s: &str) -> usize {
    let mut chars = s.char_indices();
    let Some((_, first)) = chars.next() else {
        return 0;
    };
    chars
        .find(|&(_, c)| !is_mark(c))
        .map_or(s.len(), |(k, _)| k)
        .max(first.len_utf8())
}

/// True when `word` is written with a capital first letter.
pub(crate) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// At least two letters and no lower-case letter (`HƯỚNG DẪN`, `T/M BAN THƯỜNG VỤ`).
pub(crate) fn is_upper_text(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2
}

/// `w` with its first letter in upper case (`nghị quyết` → `Nghị quyết`).
pub(crate) fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Does a word start at `c` although `before` ends in a letter? A capital right after a
/// lower-case letter marks a lost space (`tạiTờ trình`, `củaĐảng`); codes never have that shape
/// before a type word.
pub(crate) fn is_lost_space(before: &str, c: char) -> bool {
    c.is_uppercase() && before.chars().next_back().is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    #[test]
    fn paragraph_breaks_are_two_line_breaks() {
        use super::paragraph_break;
        let text = "một\nhai\n \t\nba\r\n\r\nbốn\n";
        let n = text.len();
        assert_eq!(paragraph_break(text, 0, n), Some("một\nhai\n \t\n".len()));
        let from = "một\n".len();
        assert_eq!(
            paragraph_break(text, from, n),
            Some("một\nhai\n \t\n".len())
        );
        let from = "một\nhai\n".len();
        assert_eq!(
            paragraph_break(text, from, n),
            Some("một\nhai\n \t\nba\r\n\r\n".len())
        );
        // Only breaks that end by `to`; a span that goes back gives none.
        assert_eq!(paragraph_break(text, 0, 8), None);
        assert_eq!(paragraph_break("no break\n", 0, 9), None);
        assert_eq!(paragraph_break(text, 5, 2), None);
    }

    use super::*;

    #[test]
    fn every_line_break_splits_lines() {
        for br in [
            "\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}",
        ] {
            let text = format!("một{br}hai{br}{br}ba");
            assert_eq!(lines(&text), ["một", "hai", "", "ba"], "{br:?}");
        }
        assert_eq!(lines("a\r\rb"), ["a", "", "b"]);
        assert_eq!(lines(""), [""]);
        // Lookalike bytes that are not breaks: `Â` (C3 82), `…` (E2 80 A6), `Ņ` (C5 85).
        assert_eq!(lines("Â…Ņ"), ["Â…Ņ"]);
        // Candidate bytes that start no break (`…` is E2 80 A6, `Â` is C3 82, NBSP is C2 A0),
        // a CR LF, and every break read by the three scans alike.
        let text = "a…\u{a0}b\r\nc\u{85}d\u{2029}\u{b}e\u{c}\r";
        assert_eq!(lines(text), ["a…\u{a0}b", "c", "d", "", "e", "", ""]);
        let inclusive: Vec<&str> = lines_inclusive(text).collect();
        assert_eq!(inclusive.concat(), text);
        assert_eq!(inclusive.len(), 6);
        let mut at = 0;
        for line in &inclusive {
            assert_eq!(line_end(text, at), at + lines(line)[0].len(), "{line:?}");
            at += line.len();
        }
    }

    #[test]
    fn letter_fast_paths_agree() {
        // Every character: the fast paths change no answer of the general definitions.
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
            let general = if c.is_ascii() {
                c.is_ascii_alphanumeric()
            } else {
                c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
            };
            assert_eq!(is_word_char(c), general, "{c:?}");
        }
    }

    #[test]
    fn clusters_hold_their_marks() {
        assert_eq!(cluster_len("e\u{0302}\u{0301}t"), 5);
        assert_eq!(cluster_len("ết"), "ế".len());
        assert_eq!(cluster_len("\u{0301}x"), 2);
        assert_eq!(cluster_len(""), 0);
        assert_eq!(cluster_len("\u{1100}\u{1161}"), 3);
    }
}
