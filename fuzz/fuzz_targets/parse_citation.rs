//! The strict parsers on arbitrary UTF-8: no panic; errors point at a character boundary inside
//! the input and render with a caret.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match vanban_grammar::parse_citation(text) {
        Ok(c) => assert_eq!(text.get(c.byte_start..c.byte_end), Some(c.text.as_str())),
        Err(e) => {
            assert!(
                text.is_char_boundary(e.offset),
                "offset {} in {text:?}",
                e.offset
            );
            assert!(!e.render(text).is_empty());
        }
    }
    if let Err(e) = vanban_grammar::parse_number(text) {
        assert!(
            text.is_char_boundary(e.offset),
            "offset {} in {text:?}",
            e.offset
        );
        assert!(!e.render(text).is_empty());
    }
});
