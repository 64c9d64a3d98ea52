//! Differential checks on arbitrary UTF-8 (issue 11): the NFC and NFD forms of a text give the
//! same citations (but for offsets and the text as written); every citation's number is written
//! inside its span, its character offsets count the characters before its byte offsets;
//! `parse_report` finds exactly `extract_citations`' citations.
#![no_main]
use libfuzzer_sys::fuzz_target;
use unicode_normalization::UnicodeNormalization;
use vanban_grammar::{Citation, extract_citations, parse_report};

/// What must agree between canonically equivalent texts: everything but where and how the
/// citation is written.
fn reading(c: &Citation) -> Citation {
    let mut c = c.clone();
    c.text = String::new();
    (c.start, c.end, c.byte_start, c.byte_end) = (0, 0, 0, 0);
    c
}

fuzz_target!(|text: &str| {
    let cites = extract_citations(text);
    for c in &cites {
        assert_eq!(text.get(c.byte_start..c.byte_end), Some(c.text.as_str()));
        // Character offsets count the characters before each byte offset (the `Source`'s index).
        assert_eq!(text[..c.byte_start].chars().count(), c.start, "start of {:?}", c.text);
        assert_eq!(text[..c.byte_end].chars().count(), c.end, "end of {:?}", c.text);
        if let Some(n) = c.number {
            // The number's digits, marks that follow a digit set aside (`0` + U+0301 `5`).
            let digits: String = c
                .text
                .chars()
                .filter(|&ch| !unicode_normalization::char::is_combining_mark(ch))
                .collect();
            assert!(digits.contains(&n.to_string()), "number {n} outside {:?}", c.text);
        }
    }
    assert_eq!(parse_report(text).citations, cites, "report and extract_citations differ");
    let nfc: String = text.nfc().collect();
    let nfd: String = text.nfd().collect();
    let a: Vec<Citation> = extract_citations(&nfc).iter().map(reading).collect();
    let b: Vec<Citation> = extract_citations(&nfd).iter().map(reading).collect();
    assert_eq!(a, b, "NFC and NFD differ");
});
