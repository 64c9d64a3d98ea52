//! Dates in citations: `1-8-2016`, `01/8/2016`, `30.10.2016`, `01 tháng 8 năm 2016`.

use nom::Parser;
use nom::character::complete::satisfy;
use nom::combinator::opt;

use crate::error::{Expected, PResult, expected_at};
use crate::lex::{Match, is_dash, is_slash, keyword, sp, sp0};

pub(crate) use crate::lex::date::Date;
pub(crate) use crate::lex::numerals::digits;

crate::lex::keyword_phrases!(fn w -> Words {
    thang: "tháng",
    nam: "năm",
});

/// A number of `min..=max` digits that `ok` accepts, else the error `what`.
#[inline]
fn number_in(
    i: &str,
    (min, max): (usize, usize),
    ok: impl Fn(u32) -> bool,
    what: Expected,
) -> PResult<'_, u32> {
    let (rest, n) = digits(i, min, max)?;
    if ok(n) {
        Ok((rest, n))
    } else {
        expected_at(i, what)
    }
}

fn day(i: &str) -> PResult<'_, u32> {
    number_in(i, (1, 2), |d| (1..=31).contains(&d), Expected::Day)
}

fn month(i: &str) -> PResult<'_, u32> {
    number_in(i, (1, 2), |m| (1..=12).contains(&m), Expected::Month)
}

/// year = digit{4} in 1900..=2100
pub(crate) fn year(i: &str) -> PResult<'_, i32> {
    let year = |y: u32| i32::try_from(y).unwrap_or(0);
    let in_range = |y| crate::lex::date::YEARS.contains(&year(y));
    let (rest, y) = number_in(i, (4, 4), in_range, Expected::Year)?;
    Ok((rest, year(y)))
}

/// sep = sp? ("-" | "/" | "." | dash) sp?
fn sep(i: &str) -> PResult<'_, char> {
    let (rest, (_, c, _)) =
        (sp0, satisfy(|c| is_dash(c) || is_slash(c) || c == '.'), sp0).parse(i)?;
    Ok((rest, c))
}

/// date_num = day sep month [sep year]      (the two separators must agree)
fn date_num(i: &str) -> PResult<'_, Date> {
    let (rest, (d, s1, m)) = (day, sep, month).parse(i)?;
    let (rest, y) = opt((sep, year)).parse(rest)?;
    match y {
        Some((s2, y)) if same_sep(s1, s2) => Ok((
            rest,
            Date {
                day: d,
                month: m,
                year: Some(y),
            },
        )),
        Some(_) => expected_at(i, Expected::Date),
        // `10.10` without a year is a date only when nothing number-like follows (`10.10.5` is not).
        None if rest.starts_with(|c: char| c.is_ascii_digit()) => expected_at(i, Expected::Date),
        None => Ok((
            rest,
            Date {
                day: d,
                month: m,
                year: None,
            },
        )),
    }
}

fn same_sep(a: char, b: char) -> bool {
    (is_dash(a) && is_dash(b)) || a == b
}

/// date_long = day sp "tháng" sp month sp "năm" sp year
fn date_long(i: &str) -> PResult<'_, Date> {
    let Words { thang, nam } = w();
    let (rest, (d, _, _, _, m, _, _, _, y)) = (
        day,
        sp,
        |i| keyword(i, thang, Match::Loose),
        sp,
        month,
        sp,
        |i| keyword(i, nam, Match::Loose),
        sp,
        year,
    )
        .parse(i)?;
    Ok((
        rest,
        Date {
            day: d,
            month: m,
            year: Some(y),
        },
    ))
}

/// date = date_long | date_num
pub(crate) fn date(i: &str) -> PResult<'_, Date> {
    nom::branch::alt((date_long, date_num)).parse(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        date(s).ok().and_then(|(_, d)| d.iso())
    }

    #[test]
    fn forms() {
        assert_eq!(iso("1-8-2016").as_deref(), Some("2016-08-01"));
        assert_eq!(iso("01/8/2016").as_deref(), Some("2016-08-01"));
        assert_eq!(iso("30.10.2016").as_deref(), Some("2016-10-30"));
        assert_eq!(iso("01 tháng 8 năm 2016").as_deref(), Some("2016-08-01"));
        assert_eq!(iso("20 THÁNG 3 NĂM 2020").as_deref(), Some("2020-03-20"));
        assert_eq!(iso("27- 29/10/2020"), None);
        assert_eq!(iso("24/01/2025").as_deref(), Some("2025-01-24"));
        assert_eq!(iso("30-2-2016"), None);
        assert_eq!(
            date("10.10").unwrap().1,
            Date {
                day: 10,
                month: 10,
                year: None
            }
        );
        assert!(date("32-1-2016").is_err());
        assert!(date("1-13-2016").is_err());
        assert!(date("1-8/2016").is_err());
    }
}
