//! Multi-literal search for the anchors of both wings (type words, titles before names).

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

    /// The leftmost match starting at or after byte `from`, as `(start, end, pattern index)`:
    /// for searches that resume inside a match (overlapping anchors).
    pub(crate) fn find_at(&self, text: &str, from: usize) -> Option<(usize, usize, usize)> {
        if from > text.len() {
            return None;
        }
        let span = aho_corasick::Span::from(from..text.len());
        let m = match self {
            Literals::Packed(s) => s.find_in(text, span),
            Literals::Dfa(a) => a.find(aho_corasick::Input::new(text).span(span)),
        }?;
        Some((m.start(), m.end(), m.pattern().as_usize()))
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

#[cfg(test)]
mod tests {
    use super::*;

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
        // Resuming inside a match finds the overlapping one.
        for any in [dfa, Literals::new(&patterns, true)] {
            let k = text.find("Nghị định").unwrap();
            assert_eq!(any.find_at(text, k), Some((k, k + "Nghị".len(), 3)));
            assert_eq!(any.find_at(text, text.len()), None);
        }
    }
}
