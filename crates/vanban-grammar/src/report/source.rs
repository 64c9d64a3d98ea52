//! The input seen twice: the original text (what every output field shows) and a normalised copy
//! (what the parsers read), with a sparse map from normalised to original offsets.
//!
//! Normalisation is NFC for decomposed letters, U+0020 for exotic spaces and `Đ` for its
//! look-alikes (formats.md §7.1, §7.3, §7.5). Only the chunks that change are recorded, so text
//! that is already clean costs one pass and no map.
use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use vanban_model::Span;

/// Bytes per checkpoint of the byte → character index.
const BLOCK: usize = 64;

pub(crate) struct Source<'a> {
    orig: &'a str,
    norm: Cow<'a, str>,
    /// `(normalised byte, original byte)` at both ends of every changed chunk, ascending.
    checkpoints: Vec<(usize, usize)>,
    /// Characters of `orig` before byte `k * BLOCK`.
    chars_before: Vec<usize>,
}

/// A combining mark that NFC may fold into the letter before it.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}')
}

/// Single-character repairs: exotic spaces to a plain space, `Ð`/`Ɖ` to `Đ`.
fn repair(c: char) -> Option<char> {
    match c {
        '\u{00A0}'
        | '\u{2000}'..='\u{200B}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}'
        | '\u{FEFF}' => Some(' '),
        '\u{00D0}' | '\u{0189}' => Some('Đ'),
        '\u{00F0}' | '\u{0256}' => Some('đ'),
        _ => None,
    }
}

/// The first two UTF-8 bytes of every character `is_mark` or `repair` acts on, as a bit set
/// built from those functions. Clean Vietnamese text is dense in the lead bytes involved (C3,
/// E1, E2), so testing pairs keeps the branch rare; a hit is confirmed on the character.
fn pairs() -> &'static [u8; 8192] {
    static PAIRS: std::sync::OnceLock<[u8; 8192]> = std::sync::OnceLock::new();
    PAIRS.get_or_init(|| {
        let mut t = [0u8; 8192];
        // Every character the two functions act on lies below U+10000.
        for c in (0..0x1_0000).filter_map(char::from_u32) {
            if c.len_utf8() > 1 && (is_mark(c) || repair(c).is_some()) {
                let mut buf = [0u8; 4];
                let b = c.encode_utf8(&mut buf).as_bytes();
                let i = usize::from(b[0]) << 8 | usize::from(b[1]);
                t[i >> 3] |= 1 << (i & 7);
            }
        }
        t
    })
}

/// Does the text hold a character that `is_mark` or `repair` acts on? Decided on byte pairs:
/// decoding every character of clean text cost more than the rest of `Source::new`.
fn needs_work(s: &str) -> bool {
    let pairs = pairs();
    s.as_bytes().windows(2).enumerate().any(|(k, w)| {
        let i = usize::from(w[0]) << 8 | usize::from(w[1]);
        pairs[i >> 3] & (1 << (i & 7)) != 0
            && s[k..]
                .chars()
                .next()
                .is_some_and(|c| is_mark(c) || repair(c).is_some())
    })
}

impl<'a> Source<'a> {
    pub(crate) fn new(orig: &'a str) -> Self {
        let mut chars_before = Vec::with_capacity(orig.len() / BLOCK + 1);
        let mut count = 0usize;
        for block in orig.as_bytes().chunks(BLOCK) {
            chars_before.push(count);
            count += block.iter().filter(|&&b| (b & 0xC0) != 0x80).count();
        }
        let needs_work = needs_work(orig);
        if !needs_work {
            return Self {
                orig,
                norm: Cow::Borrowed(orig),
                checkpoints: Vec::new(),
                chars_before,
            };
        }
        let mut out = String::with_capacity(orig.len());
        let mut checkpoints = Vec::new();
        let mut iter = orig.char_indices().peekable();
        while let Some((b, c)) = iter.next() {
            let mut end = b + c.len_utf8();
            while let Some(&(b2, c2)) = iter.peek() {
                if !is_mark(c2) {
                    break;
                }
                end = b2 + c2.len_utf8();
                iter.next();
            }
            let n0 = out.len();
            let changed = if end > b + c.len_utf8() {
                let mut first = true;
                for m in orig[b..end].nfc() {
                    // repair the base letter too (an NFD `Ð` + mark is not worth a second pass)
                    out.push(if first { repair(m).unwrap_or(m) } else { m });
                    first = false;
                }
                out[n0..] != orig[b..end]
            } else if let Some(r) = repair(c) {
                out.push(r);
                true
            } else {
                out.push(c);
                false
            };
            if changed {
                checkpoints.push((n0, b));
                checkpoints.push((out.len(), end));
            }
        }
        Self {
            orig,
            norm: Cow::Owned(out),
            checkpoints,
            chars_before,
        }
    }

    /// The normalised text the parsers read.
    pub(crate) fn norm(&self) -> &str {
        &self.norm
    }

    /// Byte offset of `sub` (a slice of the normalised text) in the normalised text.
    pub(crate) fn offset(&self, sub: &str) -> usize {
        let base = self.norm.as_ptr() as usize;
        let at = sub.as_ptr() as usize;
        // Slices handed in always come from `norm`; clamp anyway so a bug cannot panic.
        at.saturating_sub(base).min(self.norm.len())
    }

    /// Map a normalised byte offset to the original text, snapped to a character boundary.
    fn to_orig(&self, nb: usize) -> usize {
        if self.checkpoints.is_empty() {
            return nb.min(self.orig.len());
        }
        let i = self.checkpoints.partition_point(|&(n, _)| n <= nb);
        let mut ob = match i.checked_sub(1) {
            Some(k) => {
                let (n, o) = self.checkpoints[k];
                let guess = o + (nb - n);
                // inside a changed chunk: never run past its original end
                match self.checkpoints.get(k + 1) {
                    Some(&(_, o_next)) if k % 2 == 0 => guess.min(o_next),
                    _ => guess,
                }
            }
            None => nb,
        };
        ob = ob.min(self.orig.len());
        while !self.orig.is_char_boundary(ob) {
            ob -= 1;
        }
        ob
    }

    /// Character offset of an original byte offset.
    fn char_offset(&self, ob: usize) -> usize {
        let k = ob / BLOCK;
        let Some(&before) = self.chars_before.get(k) else {
            return self.chars_before.last().copied().unwrap_or(0)
                + self.orig.as_bytes()[(self.chars_before.len().saturating_sub(1)) * BLOCK..]
                    .iter()
                    .filter(|&&b| (b & 0xC0) != 0x80)
                    .count();
        };
        before
            + self.orig.as_bytes()[k * BLOCK..ob]
                .iter()
                .filter(|&&b| (b & 0xC0) != 0x80)
                .count()
    }

    /// The original text and character offsets of normalised bytes `nb0..nb1`.
    pub(crate) fn span_at(&self, nb0: usize, nb1: usize) -> Span {
        let ob0 = self.to_orig(nb0);
        let ob1 = self.to_orig(nb1.max(nb0)).max(ob0);
        Span {
            text: self.orig[ob0..ob1].to_owned(),
            start: self.char_offset(ob0),
            end: self.char_offset(ob1),
        }
    }

    /// The original text and character offsets of `sub`, a slice of the normalised text.
    pub(crate) fn span(&self, sub: &str) -> Span {
        let nb0 = self.offset(sub);
        self.span_at(nb0, nb0 + sub.len())
    }

    /// The normalised text between two of its slices: from the start of `a` to the end of `b`.
    pub(crate) fn join(&self, a: &str, b: &str) -> &str {
        let s = self.offset(a);
        let e = (self.offset(b) + b.len()).max(s);
        &self.norm[s..e]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_test_agrees_with_characters() {
        // Every character of the ranges `is_mark` and `repair` act on, and their neighbours.
        let probes = (0u32..0x3100)
            .chain(0xFE00..0x10000)
            .filter_map(char::from_u32);
        for c in probes {
            let s = format!("a{c}b");
            let want = is_mark(c) || repair(c).is_some();
            assert_eq!(needs_work(&s), want, "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn clean_text_maps_to_itself() {
        let src = Source::new("Tỉnh uỷ Đồng Tháp");
        let norm = src.norm();
        let sub = &norm[norm.find("Đồng").unwrap()..];
        let s = src.span(sub);
        assert_eq!((s.text.as_str(), s.start, s.end), ("Đồng Tháp", 8, 17));
    }

    #[test]
    fn nfd_and_nbsp_map_back_to_the_original() {
        let orig = "Ð\u{00A0}Nghi\u{0323} quye\u{0302}\u{0301}t x";
        let src = Source::new(orig);
        assert_eq!(src.norm(), "Đ Nghị quyết x");
        let norm = src.norm();
        let at = norm.find("quyết").unwrap();
        let s = src.span(&norm[at..at + "quyết".len()]);
        assert_eq!(s.text, "quye\u{0302}\u{0301}t");
        assert_eq!(
            orig.chars()
                .skip(s.start)
                .take(s.end - s.start)
                .collect::<String>(),
            s.text
        );
        let x = src.span(&norm[norm.len() - 1..]);
        assert_eq!((x.text.as_str(), x.start), ("x", orig.chars().count() - 1));
    }
}
