//! One `Source` per input: the original text (what every output field shows), its NFC view
//! (what every parser reads) and the map between them, in bytes and in characters
//! (docs/ARCHITECTURE.md, "From bytes to JSON"). No other code computes offsets.
//!
//! Normalisation touches only the clusters that are not NFC-quick-check clean (combining marks
//! of any script, conjoining Hangul jamo, kana voicing marks, singletons such as U+212B Å): the
//! rest is borrowed or copied verbatim, so clean text costs one byte scan and no map. The same
//! scan counts the characters of every 64-byte block, so a character offset is one index entry
//! plus the count of less than a block.

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
/// to test every byte: a lead ≥ C9 other than E1 BA/BB (the precomposed Vietnamese letters),
/// and the leads of the repaired characters below C9: C2 (rare in Vietnamese), C3 90/B0 and
/// C6 89 by both bytes, so the frequent `à`, `ê`, `ư`, `ơ` are not candidates. Every
/// `unstable` character starts with a lead ≥ CC and C9 leads the repaired `ɖ`; CA and CB
/// (IPA, spacing modifiers: rare in Vietnamese) are let through to spare a compare, and
/// [`confirmed`] turns them down. Branch-free, so a block vectorises.
#[inline(always)]
fn candidate(x: u8, y: u8) -> bool {
    let precomposed = (x == 0xE1) & (y & 0xFE == 0xBA);
    let repaired = (x == 0xC2) | ((x == 0xC3) & (y & 0xDF == 0x90)) | ((x == 0xC6) & (y == 0x89));
    ((x >= 0xC9) & !precomposed) | repaired
}

/// Bytes per block of the scan, and per entry of the character index it builds.
const BLOCK: usize = 64;

/// Bytes of a block tested at once: one AVX2 register.
const LANE: usize = 32;

/// One block of the scan: which of its lanes hold a [`candidate`] (bit `l` for lane `l`) and
/// how many characters begin in it (bytes that are no UTF-8 continuation). `b` holds the block
/// and the byte after it, so a pair that straddles two blocks is seen.
#[inline(always)]
fn scan_block(b: &[u8; BLOCK + 1]) -> (u32, usize) {
    let (mut lanes, mut chars) = (0u32, 0usize);
    for lane in 0..BLOCK / LANE {
        let at = lane * LANE;
        // The first and the second bytes of the lane's pairs as two arrays: two plain loads
        // (LLVM otherwise shifts one out of the other).
        let first = <&[u8; LANE]>::try_from(&b[at..at + LANE]).unwrap_or(&[0; LANE]);
        let second = <&[u8; LANE]>::try_from(&b[at + 1..at + 1 + LANE]).unwrap_or(&[0; LANE]);
        let (any, n) = scan_lane(first, second);
        lanes |= u32::from(any) << lane;
        chars += n;
    }
    (lanes, chars)
}

/// Whether a lane holds a [`candidate`] and how many characters begin in it. Written as
/// reductions (an "any" and a count), which LLVM turns into compares, `pmovmskb` and `popcnt`;
/// a bit mask built by shifts is not vectorised, so positions are found per lane.
#[inline(always)]
fn scan_lane(first: &[u8; LANE], second: &[u8; LANE]) -> (bool, usize) {
    let (mut any, mut n) = (0u8, 0u8);
    for i in 0..LANE {
        any |= u8::from(candidate(first[i], second[i]));
        // A continuation byte is 10xxxxxx, below -64 as a signed byte.
        n += u8::from(first[i] as i8 >= -64);
    }
    (any != 0, usize::from(n))
}

/// The scan of a whole text: every [`candidate`], in order, handed to `each` (which returns how
/// far the text is taken care of, so candidates before that are skipped), and the characters
/// before every multiple of [`BLOCK`] up to the text's length.
fn scan(bytes: &[u8], mut each: impl FnMut(usize) -> usize) -> Vec<usize> {
    // Blocks whose byte after them is in the text; the rest (1..=64 bytes) is the tail.
    let full = bytes.len().saturating_sub(BLOCK + 1) / BLOCK + usize::from(bytes.len() > BLOCK);
    let mut chars_before = vec![0; bytes.len() / BLOCK + 1];
    let mut count = 0;
    let mut done = 0;
    let mut lanes_at = |k: usize, b: &[u8; BLOCK + 1], mut lanes: u32| {
        while lanes != 0 {
            let lane = lanes.trailing_zeros() as usize;
            lanes &= lanes - 1;
            // Every candidate's first byte is a lead of two bytes or more (11xxxxxx): those
            // are found eight bytes at a time and tested one by one.
            for word in (lane * LANE..(lane + 1) * LANE).step_by(8) {
                let w = u64::from_le_bytes(b[word..word + 8].try_into().unwrap_or([0; 8]));
                let mut leads = w & (w << 1) & 0x8080_8080_8080_8080;
                while leads != 0 {
                    let i = word + leads.trailing_zeros() as usize / 8;
                    leads &= leads - 1;
                    if k + i >= done && candidate(b[i], b[i + 1]) {
                        done = each(k + i);
                    }
                }
            }
        }
    };
    let mut from = 0;
    while let Some((j, lanes)) = full_blocks(bytes, from, &mut chars_before, &mut count) {
        let k = j * BLOCK;
        if let Some(b) = bytes.get(k..k + BLOCK + 1).and_then(|b| b.try_into().ok()) {
            lanes_at(k, b, lanes);
        }
        from = j + 1;
    }
    let k = full * BLOCK;
    if k < bytes.len() {
        // Padded with continuation bytes: no pair with one is a candidate (as with no byte at
        // all) and none counts as a character.
        let mut tail = [0x80u8; BLOCK + 1];
        tail[..bytes.len() - k].copy_from_slice(&bytes[k..]);
        chars_before[full] = count;
        let (lanes, n) = scan_block(&tail);
        lanes_at(k, &tail, lanes);
        count += n;
    }
    if let Some(last) = chars_before.last_mut().filter(|_| bytes.len() % BLOCK == 0) {
        *last = count;
    }
    chars_before
}

/// The blocks of `bytes` from block `from` on that have a byte after them, up to the first
/// with a candidate: the characters before each into `chars_before`, their characters added to
/// `count`; returns that block and its flagged lanes (`None` after the last block). The
/// caller handles the candidates, so the loop makes no call and its constants stay in
/// registers.
fn full_blocks(
    bytes: &[u8],
    from: usize,
    chars_before: &mut [usize],
    count: &mut usize,
) -> Option<(usize, u32)> {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("popcnt") {
        // SAFETY: the CPU has the features `full_blocks_avx2` is compiled for.
        #[allow(unsafe_code)]
        return unsafe { full_blocks_avx2(bytes, from, chars_before, count) };
    }
    full_blocks_any(bytes, from, chars_before, count)
}

/// [`full_blocks`] compiled for AVX2: twice the bytes per instruction of the SSE2 baseline.
///
/// # Safety
/// Only on a CPU with AVX2 and POPCNT.
#[cfg(target_arch = "x86_64")]
#[allow(unsafe_code)]
#[target_feature(enable = "avx2,popcnt")]
unsafe fn full_blocks_avx2(
    bytes: &[u8],
    from: usize,
    chars_before: &mut [usize],
    count: &mut usize,
) -> Option<(usize, u32)> {
    full_blocks_any(bytes, from, chars_before, count)
}

/// [`full_blocks`] on any CPU.
#[inline(always)]
fn full_blocks_any(
    bytes: &[u8],
    from: usize,
    chars_before: &mut [usize],
    count: &mut usize,
) -> Option<(usize, u32)> {
    let mut n = *count;
    let mut found = None;
    for (j, before) in chars_before.iter_mut().enumerate().skip(from) {
        let Some(b) = bytes
            .get(j * BLOCK..j * BLOCK + BLOCK + 1)
            .and_then(|b| <&[u8; BLOCK + 1]>::try_from(b).ok())
        else {
            break;
        };
        *before = n;
        let (lanes, chars) = scan_block(b);
        n += chars;
        if lanes != 0 {
            found = Some((j, lanes));
            break;
        }
    }
    *count = n;
    found
}

/// Does the character at byte `at`, a [`candidate`], need rewriting: `unstable`, or one that
/// [`repair`] replaces? Decided on its first two bytes (`suspicious`), then on the character.
fn confirmed(s: &str, at: usize) -> bool {
    let c = s[at..].chars().next();
    (s.as_bytes()[at] >= 0xCC && suspicious(s.as_bytes(), at) && c.is_some_and(unstable))
        || c.and_then(repair).is_some()
}

/// Byte offset of the first character the view rewrites (the scan's first confirmed
/// candidate); the unit tests check the byte test against the characters with it.
#[cfg(test)]
fn first_to_rewrite(s: &str) -> Option<usize> {
    let mut first = None;
    scan(s.as_bytes(), |at| {
        if first.is_none() && confirmed(s, at) {
            first = Some(at);
        }
        if first.is_some() { s.len() } else { at }
    });
    first
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
    /// Characters of `orig` before byte `k * BLOCK`, for every such byte up to its length.
    chars_before: Vec<usize>,
}

/// The NFC view as it is built: the rewritten text so far and its checkpoints.
#[derive(Default)]
struct Rewrite {
    out: String,
    checkpoints: Vec<(usize, usize)>,
    /// End of the original text copied or rewritten into `out`.
    copied: usize,
}

impl Rewrite {
    /// Rewrite the character at original byte `k` (confirmed by [`confirmed`]) with its
    /// cluster; returns the original byte where the rewritten stretch ends.
    fn at(&mut self, orig: &str, k: usize) -> usize {
        let copied = self.copied;
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
        if self.out.capacity() == 0 {
            self.out.reserve(orig.len() + 16);
        }
        self.out.push_str(&orig[copied..start]);
        let n0 = self.out.len();
        for c in orig[start..end].nfc() {
            self.out.push(repair(c).unwrap_or(c));
        }
        if self.out[n0..] != orig[start..end] {
            self.checkpoints.push((n0, start));
            self.checkpoints.push((self.out.len(), end));
        }
        self.copied = end;
        end
    }
}

impl<'a> Source<'a> {
    /// Read `orig` once: find what the view changes (NFC; exotic spaces as U+0020 and the
    /// look-alikes of `Đ` as `Đ`, docs/formats.md §7.3, §7.5), and rewrite only that. Both
    /// wings read this one view, so their citations agree. The same pass counts the
    /// characters for the offset map.
    pub(crate) fn new(orig: &'a str) -> Self {
        let mut rewrite = Rewrite::default();
        let chars_before = scan(orig.as_bytes(), |at| {
            if confirmed(orig, at) {
                rewrite.at(orig, at)
            } else {
                at
            }
        });
        let Rewrite {
            mut out,
            checkpoints,
            copied,
        } = rewrite;
        // No rewrite, or only unstable characters that NFC keeps (a mark after a digit):
        // borrow the original.
        let norm = if checkpoints.is_empty() {
            Cow::Borrowed(orig)
        } else {
            out.push_str(&orig[copied..]);
            Cow::Owned(out)
        };
        Self {
            orig,
            norm,
            checkpoints,
            chars_before,
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

    /// Character offset of an original byte offset: the index's entry for the nearer end of
    /// its block, and the characters between (at most half a block).
    pub(crate) fn char_offset(&self, ob: usize) -> usize {
        let ob = self.snap(ob);
        let k = ob / BLOCK;
        let bytes = self.orig.as_bytes();
        match self.chars_before.get(k + 1) {
            Some(after) if ob % BLOCK > BLOCK / 2 => after - chars_in(&bytes[ob..(k + 1) * BLOCK]),
            _ => self.chars_before.get(k).copied().unwrap_or(0) + chars_in(&bytes[k * BLOCK..ob]),
        }
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

/// Characters that begin in `bytes` (bytes that are no UTF-8 continuation), eight bytes at a
/// time: the spans' offsets count at most a block of bytes each.
fn chars_in(bytes: &[u8]) -> usize {
    const LOW: u64 = 0x0101_0101_0101_0101;
    let words = bytes.chunks_exact(8);
    let rest = words.remainder();
    let mut n = 0;
    for w in words {
        let w = u64::from_le_bytes(w.try_into().unwrap_or([0x80; 8]));
        // Bit 0 of each byte: bit 7 clear, or bit 6 set (not 10xxxxxx); the product adds the
        // eight bits up into the top byte.
        let starts = ((!w >> 7) | (w >> 6)) & LOW;
        n += (starts.wrapping_mul(LOW) >> 56) as usize;
    }
    n + rest.iter().filter(|&&b| b as i8 >= -64).count()
}

/// Character offsets of ascending byte offsets of one [`Source`]'s original text: a short step
/// from the last offset is counted, a long one read from the source's index.
pub(crate) struct CharCounter<'s> {
    src: &'s Source<'s>,
    counted_to: usize,
    chars_before: usize,
}

impl<'s> CharCounter<'s> {
    pub(crate) fn new(src: &'s Source<'s>) -> Self {
        Self {
            src,
            counted_to: 0,
            chars_before: 0,
        }
    }

    /// Character offset of byte `byte` (a character boundary); cheap when calls ascend.
    pub(crate) fn at(&mut self, byte: usize) -> usize {
        let bytes = self.src.orig.as_bytes();
        self.chars_before = match byte.checked_sub(self.counted_to) {
            Some(step) if step < BLOCK => {
                self.chars_before + chars_in(&bytes[self.counted_to..byte])
            }
            _ => self.src.char_offset(byte),
        };
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

    /// Texts of every length up to three blocks and a bit, from pieces that straddle lane and
    /// block ends in every phase: ASCII, clean Vietnamese leads (C3, C6, E1 BA/BB), repaired
    /// characters (C2 A0, C3 90, C6 89), a mark, a quote (E2 80 9C) and an astral letter.
    fn mixed_texts() -> impl Iterator<Item = String> {
        const PIECES: [&str; 12] = [
            "a", " ", "à", "ư", "ạ", "ố", "\u{00A0}", "Ð", "Ɖ", "\u{0301}", "“", "𝐀",
        ];
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        (0..400).map(move |n| {
            let mut s = String::new();
            while s.len() < n % 220 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                s.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
            }
            s
        })
    }

    #[test]
    fn scan_sees_every_candidate_and_counts_every_block() {
        for text in mixed_texts() {
            let bytes = text.as_bytes();
            let next = |at: usize| bytes.get(at + 1).copied().unwrap_or(0);
            let want: Vec<usize> = (0..bytes.len())
                .filter(|&at| candidate(bytes[at], next(at)))
                .collect();
            let mut got = Vec::new();
            let index = scan(bytes, |at| {
                got.push(at);
                at
            });
            assert_eq!(got, want, "{text:?}");
            let counts: Vec<usize> = (0..=bytes.len() / BLOCK)
                .map(|k| chars_in(&bytes[..k * BLOCK]))
                .collect();
            assert_eq!(index, counts, "{text:?}");
            assert_eq!(chars_in(bytes), text.chars().count());
        }
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn avx2_blocks_agree_with_the_baseline() {
        if !(std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("popcnt")) {
            return;
        }
        // Every stop (a block with a candidate) and the index and count at each, on both paths.
        let stops = |bytes: &[u8], avx2: bool| {
            let (mut index, mut count, mut from) = (vec![0; bytes.len() / BLOCK + 1], 0, 0);
            let mut out = Vec::new();
            loop {
                let stop = if avx2 {
                    #[allow(unsafe_code)]
                    // SAFETY: the features were detected above.
                    unsafe {
                        full_blocks_avx2(bytes, from, &mut index, &mut count)
                    }
                } else {
                    full_blocks_any(bytes, from, &mut index, &mut count)
                };
                out.push((stop, count));
                let Some((j, _)) = stop else { break };
                from = j + 1;
            }
            (out, index)
        };
        for text in mixed_texts() {
            let bytes = text.as_bytes();
            assert_eq!(stops(bytes, false), stops(bytes, true), "{text:?}");
        }
    }

    #[test]
    fn rewrites_at_lane_and_block_ends() {
        // A repaired or decomposed character whose bytes straddle a lane (32) or block (64)
        // end, or end the text; and a clean E1 BA pair in the same places.
        for pad in [30, 31, 32, 62, 63, 64, 65, 126, 127] {
            for (c, want) in [
                ("Ð", "Đ"),
                ("\u{00A0}", " "),
                ("e\u{0301}", "é"),
                ("ạ", "ạ"),
            ] {
                for tail in ["", "x", "xy"] {
                    let orig = format!("{}{c}{tail}", "a".repeat(pad));
                    let src = Source::new(&orig);
                    assert_eq!(src.norm(), format!("{}{want}{tail}", "a".repeat(pad)));
                    let all = src.span(src.norm());
                    assert_eq!(all.text, orig);
                    assert_eq!(all.end, orig.chars().count());
                }
            }
        }
    }

    #[test]
    fn char_offsets_everywhere() {
        for text in mixed_texts() {
            let src = Source::new(&text);
            let mut counter = CharCounter::new(&src);
            let starts: Vec<usize> = text
                .char_indices()
                .map(|(k, _)| k)
                .chain([text.len()])
                .collect();
            for (n, &k) in starts.iter().enumerate() {
                assert_eq!(src.char_offset(k), n, "{text:?} at {k}");
                assert_eq!(counter.at(k), n, "{text:?} at {k}");
            }
            // Back and forth, near and far.
            for (n, &k) in starts.iter().enumerate().rev().step_by(7) {
                assert_eq!(counter.at(k), n, "{text:?} back at {k}");
            }
        }
    }
}
