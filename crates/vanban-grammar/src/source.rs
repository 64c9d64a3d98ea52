//! One `Source` per input: the original text (what every output field shows), its NFC view
//! (what every parser reads) and the map between them, in bytes and in characters
//! (docs/ARCHITECTURE.md, "From bytes to JSON"). No other code computes offsets.
//!
//! Normalisation touches only the clusters that are not NFC-quick-check clean (combining marks
//! of any script, conjoining Hangul jamo, kana voicing marks, singletons such as U+212B Å): the
//! rest is borrowed or copied verbatim, so clean text costs one byte scan and no map.

use std::borrow::Cow;
use std::sync::OnceLock;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::lex::chars::is_mark;

/// Single-character repairs of the view: exotic spaces to a plain space, `Ð`/`Ɖ` to `Đ`.
fn repair(c: char) -> Option<char> {
    match c {
        '\u{00A0}'
        | '\u{1680}'
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

/// Bytes per checkpoint of the lazily built byte → character index.
const BLOCK: usize = 64;

/// A character that NFC may rewrite or compose with its neighbour: not quick-check `Yes`, or a
/// non-starter.
fn unstable(c: char) -> bool {
    !c.is_ascii()
        && (canonical_combining_class(c) != 0
            || is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes)
}

/// For a lead byte C0–EF, the second bytes (their low six bits) that begin an `unstable`
/// character, as a bit set: clean Vietnamese is dense in the lead bytes involved (C3, E1, E2),
/// so candidates are found on byte pairs and confirmed on the decoded character. Each lead's
/// set is computed the first time text holds it (most texts meet two or three leads).
fn second_bytes(lead: u8) -> u64 {
    static SETS: [OnceLock<u64>; 48] = [const { OnceLock::new() }; 48];
    let Some(set) = SETS.get(usize::from(lead.wrapping_sub(0xC0))) else {
        return u64::MAX; // not a two- or three-byte lead: let the character decide
    };
    *set.get_or_init(|| {
        let mut bits = 0u64;
        for second in 0..64u32 {
            let unstable_here = if lead < 0xE0 {
                char::from_u32(u32::from(lead & 0x1F) << 6 | second).is_some_and(unstable)
            } else {
                (0..64u32).any(|third| {
                    char::from_u32(u32::from(lead & 0x0F) << 12 | second << 6 | third)
                        .is_some_and(unstable)
                })
            };
            if unstable_here {
                bits |= 1 << second;
            }
        }
        bits
    })
}

/// Could the byte pair `x y` start a character the view rewrites? A superset, cheap enough
/// to test every byte: a lead ≥ CC (every `unstable` character starts with one) other than E1
/// BA/BB (the precomposed Vietnamese letters), and the leads of the repaired characters below
/// CC (C2, C9: rare in Vietnamese; C3 90/B0 and C6 89 by both bytes, so the frequent `à`, `ê`,
/// `ư`, `ơ` are not candidates). Branch-free, so a block vectorises.
#[inline(always)]
fn candidate(x: u8, y: u8) -> bool {
    let precomposed = (x == 0xE1) & (y & 0xFE == 0xBA);
    let repaired = (x == 0xC2)
        | (x == 0xC9)
        | ((x == 0xC3) & (y & 0xDF == 0x90))
        | ((x == 0xC6) & (y == 0x89));
    ((x >= 0xCC) & !precomposed) | repaired
}

/// Bytes tested at once for a [`candidate`].
const SCAN_BLOCK: usize = 32;

/// Byte offset of the first character the view rewrites: `unstable`, or one that [`repair`]
/// replaces. Blocks of bytes are tested for a [`candidate`] at once; a candidate is confirmed
/// on its first two bytes (`suspicious`) and then on the decoded character.
fn first_to_rewrite(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let hit = |at: usize| {
        let c = s[at..].chars().next();
        (bytes[at] >= 0xCC && suspicious(bytes, at) && c.is_some_and(unstable))
            || c.and_then(repair).is_some()
    };
    let next = |at: usize| bytes.get(at + 1).copied().unwrap_or(0);
    let mut k = 0;
    // Each block with the byte after it, so pairs that straddle blocks are seen.
    while let Some(block) = bytes
        .get(k..k + SCAN_BLOCK + 1)
        .and_then(|b| <&[u8; SCAN_BLOCK + 1]>::try_from(b).ok())
    {
        let mut any = 0u8;
        for i in 0..SCAN_BLOCK {
            any |= u8::from(candidate(block[i], block[i + 1]));
        }
        if any != 0 {
            let found = (k..k + SCAN_BLOCK).find(|&at| candidate(bytes[at], next(at)) && hit(at));
            if found.is_some() {
                return found;
            }
        }
        k += SCAN_BLOCK;
    }
    (k..bytes.len()).find(|&at| candidate(bytes[at], next(at)) && hit(at))
}

/// Could the character starting at byte `at` (a byte ≥ CC) be unstable? Decided on its first
/// two bytes; astral characters are always checked.
#[inline]
fn suspicious(bytes: &[u8], at: usize) -> bool {
    let b0 = bytes[at];
    let b1 = bytes.get(at + 1).copied().unwrap_or(0);
    match b0 {
        0xE1 if b1 == 0xBA || b1 == 0xBB => false,
        0xE2 if b1 == 0x80 => matches!(bytes.get(at + 2), Some(0x80 | 0x81)),
        0xF0.. => true,
        _ => second_bytes(b0) & (1 << (b1 & 0x3F)) != 0,
    }
}

/// The input seen twice, with the map between the two.
pub(crate) struct Source<'a> {
    orig: &'a str,
    norm: Cow<'a, str>,
    /// `(normalised byte, original byte)` at the start and the end of every rewritten
    /// cluster, ascending; empty when the NFC view is the original.
    checkpoints: Vec<(usize, usize)>,
    /// Characters of `orig` before byte `k * BLOCK`, built on first use.
    chars_before: OnceLock<Vec<usize>>,
}

impl<'a> Source<'a> {
    /// Read `orig` once: find what the view changes (NFC; exotic spaces as U+0020 and the
    /// look-alikes of `Đ` as `Đ`, docs/formats.md §7.3, §7.5), and rewrite only that. Both
    /// wings read this one view, so their citations agree.
    pub(crate) fn new(orig: &'a str) -> Self {
        let find = |from: usize| first_to_rewrite(&orig[from..]).map(|n| from + n);
        let Some(first) = find(0) else {
            return Self {
                orig,
                norm: Cow::Borrowed(orig),
                checkpoints: Vec::new(),
                chars_before: OnceLock::new(),
            };
        };
        let mut next = Some(first);
        let mut out = String::with_capacity(orig.len() + 16);
        let mut checkpoints = Vec::new();
        let mut copied = 0;
        while let Some(k) = next {
            let cluster = orig[k..].chars().next().is_some_and(unstable);
            let (start, end) = if cluster {
                // The cluster runs from the last starter before the unstable character to the
                // last unstable character after it.
                let mut start = k;
                // Only a mark or a character that may compose with the one before it (quick
                // check "Maybe": Hangul vowels, kana voicing) reaches back; a singleton such as
                // U+212B does not, so the cluster does not swallow the space before it.
                let first = orig[k..].chars().next().unwrap_or(' ');
                let reaches_back = canonical_combining_class(first) != 0
                    || is_nfc_quick(std::iter::once(first)) == IsNormalized::Maybe;
                while let Some(c) = orig[copied..start]
                    .chars()
                    .next_back()
                    .filter(|_| reaches_back)
                {
                    start -= c.len_utf8();
                    if canonical_combining_class(c) == 0 {
                        break;
                    }
                }
                let end = k + orig[k..]
                    .char_indices()
                    .skip(1)
                    .find(|&(_, c)| !unstable(c))
                    .map_or(orig.len() - k, |(n, _)| n);
                (start, end)
            } else {
                (k, k + orig[k..].chars().next().map_or(1, char::len_utf8))
            };
            out.push_str(&orig[copied..start]);
            let n0 = out.len();
            for c in orig[start..end].nfc() {
                out.push(repair(c).unwrap_or(c));
            }
            if out[n0..] != orig[start..end] {
                checkpoints.push((n0, start));
                checkpoints.push((out.len(), end));
            }
            copied = end;
            next = find(end);
        }
        out.push_str(&orig[copied..]);
        if checkpoints.is_empty() {
            // Unstable characters that NFC keeps (a mark after a digit): borrow the original.
            return Self {
                orig,
                norm: Cow::Borrowed(orig),
                checkpoints,
                chars_before: OnceLock::new(),
            };
        }
        Self {
            orig,
            norm: Cow::Owned(out),
            checkpoints,
            chars_before: OnceLock::new(),
        }
    }

    /// The original text.
    pub(crate) fn orig(&self) -> &'a str {
        self.orig
    }

    /// The NFC view the parsers read.
    pub(crate) fn norm(&self) -> &str {
        &self.norm
    }

    /// Byte offset of `sub` (a slice of the NFC view) in the NFC view.
    pub(crate) fn offset(&self, sub: &str) -> usize {
        let base = self.norm.as_ptr() as usize;
        let at = sub.as_ptr() as usize;
        // Slices handed in always come from `norm`; clamp anyway so a bug cannot panic.
        at.saturating_sub(base).min(self.norm.len())
    }

    /// The rewritten cluster holding normalised byte `nb`: `(k, inside)` where `k` indexes the
    /// checkpoint at or before `nb` and `inside` says whether `nb` lies strictly inside a cluster.
    fn locate(&self, nb: usize) -> Option<(usize, bool)> {
        let i = self.checkpoints.partition_point(|&(n, _)| n <= nb);
        let k = i.checked_sub(1)?;
        // Even checkpoints open a cluster, odd ones close it.
        Some((k, k % 2 == 0 && self.checkpoints[k].0 < nb))
    }

    /// Original byte offset where the text at normalised byte `nb` starts: a position inside a
    /// rewritten cluster maps to the cluster's start.
    pub(crate) fn start(&self, nb: usize) -> usize {
        let ob = match self.locate(nb) {
            None => nb,
            Some((k, true)) => self.checkpoints[k].1,
            Some((k, false)) => {
                let (n, o) = self.checkpoints[k];
                o + (nb - n)
            }
        };
        self.snap(ob)
    }

    /// Original byte offset where text ending at normalised byte `nb` ends: a position inside a
    /// rewritten cluster maps to the cluster's end, and the combining marks that follow in the
    /// original belong to the span too (a span never ends inside a cluster).
    pub(crate) fn end(&self, nb: usize) -> usize {
        let ob = match self.locate(nb) {
            None => nb,
            Some((k, true)) => self.checkpoints[k + 1].1,
            Some((k, false)) => {
                let (n, o) = self.checkpoints[k];
                o + (nb - n)
            }
        };
        let ob = self.snap(ob);
        ob + self.orig[ob..]
            .char_indices()
            .find(|&(_, c)| !is_mark(c))
            .map_or(self.orig.len() - ob, |(n, _)| n)
    }

    /// Clamp to the text and back to a character boundary.
    fn snap(&self, ob: usize) -> usize {
        let mut ob = ob.min(self.orig.len());
        while !self.orig.is_char_boundary(ob) {
            ob -= 1;
        }
        ob
    }

    /// Character offset of an original byte offset.
    pub(crate) fn char_offset(&self, ob: usize) -> usize {
        let index = self.chars_before.get_or_init(|| {
            let mut out = Vec::with_capacity(self.orig.len() / BLOCK + 1);
            let mut count = 0usize;
            for block in self.orig.as_bytes().chunks(BLOCK) {
                out.push(count);
                count += block.iter().filter(|&&b| (b & 0xC0) != 0x80).count();
            }
            out
        });
        let ob = self.snap(ob);
        // The last checkpoint at or before `ob` (`ob` may be the end of the text).
        let k = (ob / BLOCK).min(index.len().saturating_sub(1));
        let before = index.get(k).copied().unwrap_or(0);
        before
            + self.orig.as_bytes()[(k * BLOCK).min(ob)..ob]
                .iter()
                .filter(|&&b| (b & 0xC0) != 0x80)
                .count()
    }

    /// The original byte span of normalised bytes `nb0..nb1`.
    pub(crate) fn bytes(&self, nb0: usize, nb1: usize) -> (usize, usize) {
        let ob0 = self.start(nb0);
        (ob0, self.end(nb1.max(nb0)).max(ob0))
    }

    /// The original text and character offsets of normalised bytes `nb0..nb1`.
    pub(crate) fn span_at(&self, nb0: usize, nb1: usize) -> vanban_model::Span {
        let (ob0, ob1) = self.bytes(nb0, nb1);
        vanban_model::Span::new(
            &self.orig[ob0..ob1],
            self.char_offset(ob0),
            self.char_offset(ob1),
        )
    }

    /// The original text and character offsets of `sub`, a slice of the NFC view.
    pub(crate) fn span(&self, sub: &str) -> vanban_model::Span {
        let nb0 = self.offset(sub);
        self.span_at(nb0, nb0 + sub.len())
    }

    /// The NFC view between two of its slices: from the start of `a` to the end of `b`.
    pub(crate) fn join(&self, a: &str, b: &str) -> &str {
        let s = self.offset(a);
        let e = (self.offset(b) + b.len()).max(s);
        &self.norm[s..e]
    }
}

/// Character offsets of ascending byte offsets, counted incrementally: one pass over the text
/// for a whole sorted list of spans, without building an index.
pub(crate) struct CharCounter<'a> {
    text: &'a str,
    counted_to: usize,
    chars_before: usize,
}

impl<'a> CharCounter<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Self {
            text,
            counted_to: 0,
            chars_before: 0,
        }
    }

    /// Character offset of byte `byte` (a character boundary); cheap when calls ascend.
    pub(crate) fn at(&mut self, byte: usize) -> usize {
        if byte >= self.counted_to {
            self.chars_before += self.text[self.counted_to..byte].chars().count();
        } else {
            self.chars_before -= self.text[byte..self.counted_to].chars().count();
        }
        self.counted_to = byte;
        self.chars_before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str, a: usize, b: usize) -> String {
        s.chars().skip(a).take(b - a).collect()
    }

    #[test]
    fn clean_text_is_borrowed() {
        let src = Source::new("Tỉnh uỷ Đồng Tháp, Đà Nẵng");
        assert!(matches!(src.norm, Cow::Borrowed(_)));
        let norm = src.norm();
        let s = src.span(&norm[norm.find("Đồng").unwrap()..]);
        assert_eq!(
            (s.text.as_str(), s.start, s.end),
            ("Đồng Tháp, Đà Nẵng", 8, 26)
        );
    }

    #[test]
    fn nfd_maps_back_to_the_original() {
        let orig = "Nghi\u{0323} quye\u{0302}\u{0301}t x";
        let src = Source::new(orig);
        assert_eq!(src.norm(), "Nghị quyết x");
        let norm = src.norm();
        let at = norm.find("quyết").unwrap();
        let s = src.span(&norm[at..at + "quyết".len()]);
        assert_eq!(s.text, "quye\u{0302}\u{0301}t");
        assert_eq!(chars(orig, s.start, s.end), s.text);
        let x = src.span(&norm[norm.len() - 1..]);
        assert_eq!((x.text.as_str(), x.start), ("x", orig.chars().count() - 1));
    }

    #[test]
    fn spans_never_end_inside_a_cluster() {
        // A mark NFC keeps (after a digit), and one it composes, each after the span's end.
        for orig in [
            "Chỉ thị 05\u{0301} x",
            "số 5\u{0323}\u{0301}",
            "ab\u{0301}c",
        ] {
            let src = Source::new(orig);
            let norm = src.norm();
            // The parser read up to the letter or digit before the mark.
            let cut = norm
                .char_indices()
                .find(|&(_, c)| c == '5' || c == 'b')
                .map(|(k, c)| k + c.len_utf8())
                .unwrap();
            let (_, end) = src.bytes(0, cut);
            assert!(
                orig[end..].chars().next().is_none_or(|c| !is_mark(c)),
                "{orig:?} cut at {end}"
            );
        }
    }

    #[test]
    fn repairs_map_back() {
        let orig = "Ð\u{00A0}Nghi\u{0323} quye\u{0302}\u{0301}t\u{2028}x\u{FEFF}";
        let src = Source::new(orig);
        assert_eq!(src.norm(), "Đ Nghị quyết\u{2028}x ");
        let all = src.span(src.norm());
        assert_eq!(all.text, orig);
        let x = src.span(&src.norm()[src.norm().find('x').unwrap()..]);
        assert_eq!(x.text, "x\u{FEFF}");
    }

    #[test]
    fn every_exotic_space_is_repaired() {
        // The class, not a list: every non-ASCII Unicode white space that is no line break
        // (docs/formats.md §7.5), U+1680 OGHAM SPACE MARK included, reads as one space.
        for c in (0x80u32..=0x10_FFFF).filter_map(char::from_u32) {
            if c.is_whitespace() && !crate::lex::chars::is_line_break(c) {
                assert_eq!(repair(c), Some(' '), "U+{:04X}", c as u32);
                let orig = format!("Chỉ thị{c}05");
                let src = Source::new(&orig);
                assert_eq!(src.norm(), "Chỉ thị 05", "U+{:04X}", c as u32);
                assert_eq!(src.span(src.norm()).text, orig);
            }
        }
    }

    #[test]
    fn char_offsets_at_block_ends() {
        for len in [0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK] {
            let text = "a".repeat(len);
            let src = Source::new(&text);
            assert_eq!(src.char_offset(len), len);
            let text = "ư".repeat(len);
            let src = Source::new(&text);
            assert_eq!(src.char_offset(text.len()), len);
        }
    }

    #[test]
    fn beyond_vietnamese() {
        // Decomposed Hangul, kana with a voicing mark, singletons Å (U+212B) and Ω (U+2126).
        for (orig, want) in [
            ("\u{1100}\u{1161}\u{11A8} x", "\u{AC01} x"),
            ("\u{304B}\u{3099}", "\u{304C}"),
            ("\u{212B}ngström \u{2126}", "\u{00C5}ngström \u{03A9}"),
        ] {
            let src = Source::new(orig);
            assert_eq!(src.norm(), want);
            assert_eq!(src.norm(), orig.nfc().collect::<String>());
            let all = src.span(src.norm());
            assert_eq!(all.text, orig);
            assert_eq!((all.start, all.end), (0, orig.chars().count()));
        }
    }

    #[test]
    fn byte_test_agrees_with_characters() {
        // Each character at every offset of the eight-byte steps, among Vietnamese letters
        // (E1 BA/BB, the prefix let through; C3 and C6 leads, the repairs' neighbours) and ASCII.
        let pads = [
            "",
            "a",
            "ạ",
            "aạ",
            "ạạ",
            "ab ạ",
            "ạbcd",
            "xạyạz",
            "ạạạ",
            "ưà",
            "ơ",
            "àê",
        ];
        for c in (0x80u32..0x3_0000).filter_map(char::from_u32) {
            let pad = pads[c as usize % pads.len()];
            let s = format!("{pad}{c}ạ Nghị quyết ạ");
            let fixed = unstable(c) || repair(c).is_some();
            assert_eq!(first_to_rewrite(&s).is_some(), fixed, "U+{:04X}", c as u32);
            assert_eq!(first_to_rewrite(&s).unwrap_or(pad.len()), pad.len());
        }
    }
}
