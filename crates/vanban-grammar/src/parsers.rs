//! The sub-grammars as nom 8 parsers, to embed in a grammar of your own.
//!
//! Each function is a nom parser (`impl Parser<&str>` through nom's blanket impl for functions)
//! with the crate's error type [`Error`], which keeps the furthest failure and what was expected
//! there. They read NFC text (docs/formats.md §7.1); normalise NFD input first, or use the
//! whole-text functions, which do it for you and map offsets back.
//!
//! Compose two of them in a parser of your own, for a register line `NUMBER, DATE`:
//!
//! ```
//! use nom::{Parser, bytes::complete::tag};
//! use vanban_grammar::parsers::{self, PResult};
//!
//! fn register_line(i: &str) -> PResult<'_, (vanban_grammar::DocNumber, String)> {
//!     let (rest, (number, _, date)) = (parsers::doc_number, tag(", "), parsers::date).parse(i)?;
//!     Ok((rest, (number, date.iso.unwrap_or_default())))
//! }
//!
//! let (rest, (n, date)) = register_line("04-NQ/TW, ngày 30-10-2016; tiếp").unwrap();
//! assert_eq!((n.symbol.as_str(), date.as_str(), rest), ("NQ/TW", "2016-10-30", "; tiếp"));
//!
//! let err = register_line("04-XX/TW, ngày 30-10-2016").unwrap_err();
//! let nom::Err::Error(e) = err else { unreachable!() };
//! assert_eq!(e.labels(), [vanban_grammar::Expected::TypeCode]);
//! ```

use nom::Parser;

use crate::citation::{date as dates, issuer as issuers, symbol, term as terms};
pub use crate::error::GrammarError as Error;
pub use crate::error::PResult;
use vanban_model::DocNumber;

/// A date as written in a citation, read by [`date`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Date {
    /// Day of the month.
    pub day: u32,
    /// Month, 1–12.
    pub month: u32,
    /// Year, when written (`ngày 10.10` has none).
    pub year: Option<i32>,
    /// ISO `YYYY-MM-DD`, when the year is written and the day exists in the calendar.
    pub iso: Option<String>,
}

/// doc_number = party_no | state_no      (`04-NQ/TW`, `30/2020/NĐ-CP`; docs/formats.md §2–3)
pub fn doc_number(i: &str) -> PResult<'_, DocNumber> {
    symbol::doc_no
        .map(|sym| {
            let mut n = DocNumber::new(sym.kind, sym.number, sym.issuer_code(), sym.symbol());
            n.type_code = sym.type_code();
            n.year = sym.year;
            n
        })
        .parse(i)
}

/// date = ["ngày" sp] day sep month [sep year] | … "tháng" … "năm" …   (docs/formats.md §4)
pub fn date(i: &str) -> PResult<'_, Date> {
    static NGAY: std::sync::OnceLock<Vec<crate::lex::Folded>> = std::sync::OnceLock::new();
    let ngay = NGAY.get_or_init(|| crate::lex::fold_phrase("ngày"));
    let i = match crate::lex::keyword(i, ngay, crate::lex::Match::Tone) {
        Ok((rest, _)) => crate::lex::after_space(rest),
        Err(_) => i,
    };
    dates::date
        .map(|d| Date {
            day: d.day,
            month: d.month,
            year: d.year,
            iso: d.iso(),
        })
        .parse(i)
}

/// term = "khoá" sp number | "(" "khóa" sp number ")"     (`khoá XII` → 12; leading space allowed)
pub fn term(i: &str) -> PResult<'_, u32> {
    terms::term(i)
}

/// plenum_ref = "Trung ương 4" | "Hội nghị lần thứ tư Ban Chấp hành Trung ương" …, then a term:
/// `(plenum, term)`.
pub fn plenum_ref(i: &str) -> PResult<'_, (u32, Option<u32>)> {
    terms::plenum_ref(i)
}

/// congress_ref = "Đại hội" [ "đại biểu toàn quốc" ] ["lần thứ" | "khóa"] ordinal → the congress number.
pub fn congress_ref(i: &str) -> PResult<'_, u32> {
    terms::congress_ref(i)
}

/// issuer = the issuing body after `của` (`Ban Thường vụ Tỉnh ủy Thanh Hóa`), in its canonical
/// spelling (modern tone placement).
pub fn issuer(i: &str) -> PResult<'_, String> {
    issuers::issuer(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_parser_reads_its_phrase() {
        assert_eq!(term(" khoá XII, tiếp").map(|r| r.1), Ok(12));
        assert_eq!(
            plenum_ref("Trung ương 4, khoá XI").map(|r| r.1),
            Ok((4, Some(11)))
        );
        assert_eq!(congress_ref("Đại hội XIII của Đảng").map(|r| r.1), Ok(13));
        assert_eq!(
            issuer("Ban Thường vụ Tỉnh uỷ Thanh Hóa về")
                .map(|r| r.1)
                .as_deref(),
            Ok("Ban Thường vụ Tỉnh ủy Thanh Hóa")
        );
        let (_, d) = date("ngày 29-2-2019").unwrap();
        assert_eq!((d.day, d.month, d.year, d.iso), (29, 2, Some(2019), None));
        let (rest, n) = doc_number("30/2020/NĐ-CP ngày").unwrap();
        assert_eq!(
            (n.symbol.as_str(), n.year, rest),
            ("NĐ-CP", Some(2020), " ngày")
        );
    }
}
