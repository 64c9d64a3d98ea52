//! The lexical layer both wings read (docs/ARCHITECTURE.md): character classes, folding,
//! bounded words and keywords, numerals, dates and literal search. Each predicate, table and
//! rule lives here once; `citation/` and `report/` only combine them.

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
