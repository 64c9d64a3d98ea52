//! [`OffsetMap`]: where each byte of a projected text came from in the original file.
//!
//! Every front end (decoding a legacy code page, projecting HTML to its text) builds its text with
//! a [`TextBuilder`], which records for each stretch of output the byte range of the input it came
//! from. A stretch is either *verbatim* (the same bytes, mapped one for one: plain UTF-8 text
//! between tags) or *atomic* (an entity, a legacy-encoded letter, collapsed white space, a
//! composed cluster: only its two ends map). Offsets are looked up by binary search; both lookups
//! are monotonic (a later text offset never maps before an earlier one).
use std::ops::Range;

/// The largest input the map can describe: offsets are stored in 31 bits.
pub const MAX_INPUT: usize = (u32::MAX >> 1) as usize;

const ATOM: u32 = 1 << 31;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seg {
    /// Text offset where the stretch starts; the top bit marks an atomic stretch.
    text: u32,
    /// Source range of the stretch.
    src: u32,
    src_end: u32,
}

impl Seg {
    fn text(self) -> usize {
        (self.text & !ATOM) as usize
    }
    fn atom(self) -> bool {
        self.text & ATOM != 0
    }
}

/// A map from byte offsets of a projected text to byte offsets of the original input.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OffsetMap {
    segs: Vec<Seg>,
    text_len: usize,
    src_len: usize,
}

impl OffsetMap {
    /// The map of a text that *is* its source (`len` bytes, verbatim).
    pub fn identity(len: usize) -> Self {
        let mut b = TextBuilder::with_capacity(0);
        b.map_verbatim(len, 0);
        b.map.text_len = len;
        b.map.src_len = len;
        b.map
    }

    /// Length of the projected text, in bytes.
    pub fn text_len(&self) -> usize {
        self.text_len
    }

    /// Length of the original input, in bytes.
    pub fn src_len(&self) -> usize {
        self.src_len
    }

    /// Index of the stretch holding text offset `i` (the last one starting at or before it).
    fn seg_at(&self, i: usize) -> Option<(usize, Seg)> {
        let k = self
            .segs
            .partition_point(|s| s.text() <= i)
            .checked_sub(1)?;
        Some((k, self.segs[k]))
    }

    fn seg_end(&self, k: usize) -> usize {
        self.segs.get(k + 1).map_or(self.text_len, |s| s.text())
    }

    /// Source offset where the text starting at byte `i` begins.
    pub fn start(&self, i: usize) -> usize {
        match self.seg_at(i) {
            None => 0,
            Some((k, s)) if i >= self.seg_end(k) => s.src_end as usize,
            Some((_, s)) if s.atom() => s.src as usize,
            Some((_, s)) => s.src as usize + (i - s.text()),
        }
    }

    /// Source offset where the text ending at byte `i` (exclusive) ends.
    pub fn end(&self, i: usize) -> usize {
        if i == 0 {
            return self.segs.first().map_or(0, |s| s.src as usize);
        }
        // The stretch holding the last byte before `i`.
        match self.seg_at(i - 1) {
            None => 0,
            Some((_, s)) if s.atom() => s.src_end as usize,
            Some((_, s)) => (s.src as usize + (i - s.text())).min(s.src_end as usize),
        }
    }

    /// Source range of the text range `r`.
    pub fn range(&self, r: Range<usize>) -> Range<usize> {
        let start = self.start(r.start);
        start..self.end(r.end).max(start)
    }

    /// The source ranges that make up text range `r`, merged where they touch: one range per
    /// run of text between two pieces of markup. Empty pieces (inserted line breaks) are left out.
    pub fn pieces(&self, r: Range<usize>) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::new();
        let Some((mut k, _)) = self.seg_at(r.start) else {
            return out;
        };
        while k < self.segs.len() {
            let s = self.segs[k];
            let (t0, t1) = (s.text().max(r.start), self.seg_end(k).min(r.end));
            if s.text() >= r.end {
                break;
            }
            if t0 < t1 {
                let piece = if s.atom() {
                    s.src as usize..s.src_end as usize
                } else {
                    let src = s.src as usize;
                    src + (t0 - s.text())..src + (t1 - s.text())
                };
                match out.last_mut() {
                    Some(last) if last.end == piece.start => last.end = piece.end,
                    _ if piece.is_empty() => {}
                    _ => out.push(piece),
                }
            }
            k += 1;
        }
        out
    }

    /// This map followed by `outer` (which maps this map's source to the file): text → file.
    pub fn then(&self, outer: &OffsetMap) -> OffsetMap {
        let mut b = TextBuilder::with_capacity(0);
        for (k, s) in self.segs.iter().enumerate() {
            let (t0, t1) = (s.text(), self.seg_end(k));
            if s.atom() {
                b.map_atom(
                    t0,
                    t1 - t0,
                    outer.start(s.src as usize)..outer.end(s.src_end as usize),
                );
                continue;
            }
            // A verbatim stretch maps through the outer stretches it covers.
            let (s0, s1) = (s.src as usize, s.src_end as usize);
            let Some((mut j, _)) = outer.seg_at(s0) else {
                continue;
            };
            while j < outer.segs.len() && outer.segs[j].text() < s1 {
                let o = outer.segs[j];
                let (u0, u1) = (o.text().max(s0), outer.seg_end(j).min(s1));
                if u0 < u1 {
                    let at = t0 + (u0 - s0);
                    if o.atom() {
                        b.map_atom(at, u1 - u0, o.src as usize..o.src_end as usize);
                    } else {
                        b.map_verbatim_at(at, u1 - u0, o.src as usize + (u0 - o.text()));
                    }
                }
                j += 1;
            }
        }
        b.map.text_len = self.text_len;
        b.map.src_len = outer.src_len;
        b.map
    }
}

/// Builds a text and its [`OffsetMap`] together.
#[derive(Debug, Default)]
pub struct TextBuilder {
    text: String,
    map: OffsetMap,
}

impl TextBuilder {
    /// A builder with room for `cap` bytes of text.
    pub fn with_capacity(cap: usize) -> Self {
        Self {
            text: String::with_capacity(cap),
            map: OffsetMap::default(),
        }
    }

    /// The text built so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Append `s`, which is the input's bytes `src..src + s.len()` unchanged.
    pub fn verbatim(&mut self, s: &str, src: usize) {
        let at = self.text.len();
        self.text.push_str(s);
        self.map_verbatim_at(at, s.len(), src);
    }

    /// Append `s`, which stands for the input's bytes `src` as a whole.
    pub fn atom(&mut self, s: &str, src: Range<usize>) {
        let at = self.text.len();
        self.text.push_str(s);
        self.map_atom(at, s.len(), src);
    }

    /// Append one character standing for the input's bytes `src`.
    pub fn atom_char(&mut self, c: char, src: Range<usize>) {
        let at = self.text.len();
        self.text.push(c);
        if c.is_ascii() && src.len() == 1 {
            self.map_verbatim_at(at, 1, src.start);
        } else {
            self.map_atom(at, c.len_utf8(), src);
        }
    }

    fn map_verbatim(&mut self, len: usize, src: usize) {
        self.map_verbatim_at(self.map.text_len, len, src);
    }

    fn map_verbatim_at(&mut self, at: usize, len: usize, src: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.map.segs.last_mut()
            && !last.atom()
            && last.src_end as usize == src
            && last.text() + (last.src_end - last.src) as usize == at
        {
            last.src_end = (src + len) as u32;
            return;
        }
        self.map.segs.push(Seg {
            text: at as u32,
            src: src as u32,
            src_end: (src + len) as u32,
        });
    }

    fn map_atom(&mut self, at: usize, len: usize, src: Range<usize>) {
        if len == 0 {
            return;
        }
        self.map.segs.push(Seg {
            text: at as u32 | ATOM,
            src: src.start as u32,
            src_end: src.end.max(src.start) as u32,
        });
    }

    /// The text and its map; `src_len` is the length of the input it was built from.
    pub fn finish(mut self, src_len: usize) -> (String, OffsetMap) {
        self.map.text_len = self.text.len();
        self.map.src_len = src_len;
        (self.text, self.map)
    }
}

/// Compose the combining-mark clusters of `text` (NFC), mapping each composed cluster to the
/// source range of what it was composed from. Text without combining marks comes back as is.
pub fn compose(text: String, map: OffsetMap) -> (String, OffsetMap) {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::canonical_combining_class;
    if !text.chars().any(|c| canonical_combining_class(c) != 0) {
        return (text, map);
    }
    let mut b = TextBuilder::with_capacity(text.len());
    let mut rest = text.as_str();
    let mut at = 0;
    while !rest.is_empty() {
        // A cluster: one starter and the marks after it.
        let first = rest.chars().next().map_or(0, char::len_utf8);
        let len = first
            + rest[first..]
                .chars()
                .take_while(|&c| canonical_combining_class(c) != 0)
                .map(char::len_utf8)
                .sum::<usize>();
        let cluster = &rest[..len];
        let src = map.range(at..at + len);
        if len == first {
            // Same length: a verbatim byte, or a letter whose inner bytes no offset can name.
            if src.len() == len {
                b.verbatim(cluster, src.start);
            } else {
                b.atom(cluster, src);
            }
        } else {
            let composed: String = cluster.nfc().collect();
            b.atom(&composed, src);
        }
        at += len;
        rest = &rest[len..];
    }
    b.finish(map.src_len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_maps_every_offset_to_itself() {
        let m = OffsetMap::identity(10);
        for i in 0..=10 {
            assert_eq!((m.start(i), m.end(i)), (i, i));
        }
        assert_eq!(m.pieces(2..7), vec![2..7]);
    }

    #[test]
    fn atoms_map_their_ends_and_pieces_split_at_gaps() {
        // "<b>1</b>1&amp;x" → "11&x"
        let mut b = TextBuilder::default();
        b.verbatim("1", 3);
        b.verbatim("1", 8);
        b.atom("&", 9..14);
        b.verbatim("x", 14);
        let (text, m) = b.finish(15);
        assert_eq!(text, "11&x");
        assert_eq!(m.range(0..4), 3..15);
        assert_eq!(m.range(1..3), 8..14);
        assert_eq!(m.pieces(0..4), vec![3..4, 8..15]);
        assert_eq!(m.start(2), 9);
        assert_eq!(m.end(3), 14);
        // Monotonic over every offset.
        for i in 0..4 {
            assert!(m.start(i) <= m.start(i + 1) && m.end(i) <= m.end(i + 1));
        }
    }

    #[test]
    fn then_composes_two_maps() {
        // Legacy decode: "ab" ← bytes 0..1 (a) and 1..3 (two-byte letter).
        let mut d = TextBuilder::default();
        d.verbatim("a", 0);
        d.atom("é", 1..3);
        d.verbatim("c", 3);
        let (_, dm) = d.finish(4);
        // Projection of "aéc" keeping "éc" (text bytes 1..4).
        let mut p = TextBuilder::default();
        p.verbatim("éc", 1);
        let (_, pm) = p.finish(4);
        let m = pm.then(&dm);
        assert_eq!(m.range(0..3), 1..4);
        assert_eq!(m.range(2..3), 3..4);
        assert_eq!(m.pieces(0..3), vec![1..4]);
    }

    #[test]
    fn compose_joins_marks_to_their_base() {
        let mut b = TextBuilder::default();
        for (k, c) in "Vie\u{302}\u{323}t".chars().enumerate() {
            b.atom_char(c, k..k + 1);
        }
        let (text, m) = b.finish(6);
        let (text, m) = compose(text, m);
        assert_eq!(text, "Việt");
        assert_eq!(m.range(0..text.len()), 0..6);
        let e = "Vi".len();
        assert_eq!(m.range(e..e + "ệ".len()), 2..5);
    }
}
