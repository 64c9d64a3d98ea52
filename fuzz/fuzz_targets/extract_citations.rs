//! `extract_citations` on arbitrary UTF-8: no panic, every span slices back to its text, in order.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let cites = vanban_grammar::extract_citations(text);
    let mut last = 0;
    for c in &cites {
        assert_eq!(text.get(c.byte_start..c.byte_end), Some(c.text.as_str()));
        assert_eq!(text[..c.byte_start].chars().count(), c.start);
        assert_eq!(c.end - c.start, c.text.chars().count());
        assert!(c.byte_start >= last);
        last = c.byte_start;
    }
});
