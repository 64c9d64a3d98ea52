//! The lexical layer both wings read (docs/ARCHITECTURE.md): character classes, folding,
//! bounded words and keywords, numerals, dates and literal search. Each predicate, table and
//! rule lives here once; `citation/` and `report/` only combine them.
//!
//! The few pieces other crates need are public, so that they are not written twice:
//! [`fold_char`] and [`is_word_char`] (how words are told apart and compared, docs/formats.md
//! §7.2) and the Roman numeral writer [`roman`] / [`push_roman`]; `vanban-resolve` folds
//! names and subjects and writes terms in keys with them.
//!
//! ```
//! use vanban_grammar::lex::{fold_char, is_word_char, roman};
//! assert_eq!(fold_char('Ủ'), fold_char('ủ'));
//! assert_eq!(fold_char('ệ').0, 'ê');
//! assert!(is_word_char('đ') && !is_word_char('-'));
//! assert_eq!(roman(12), "XII");
//! ```

pub(crate) mod chars;
pub(crate) mod date;
pub(crate) mod fold;
pub(crate) mod literals;
pub(crate) mod numerals;
pub(crate) mod words;

pub(crate) use chars::*;
pub(crate) use fold::*;
pub(crate) use literals::Literals;
pub(crate) use words::*;

pub use chars::{is_word_char, paragraph_break};
pub use fold::fold_char;
pub use numerals::{push_roman, roman};
