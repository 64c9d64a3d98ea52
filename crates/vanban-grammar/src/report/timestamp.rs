//! Publication timestamps of news pages (docs/formats.md §6.2).
//!
//! ```text
//! timestamp = [label] [weekday sep] ( date [sep] [time] | time sep date ) [sp zone]
//! ```
use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::{char, one_of, satisfy};
use nom::combinator::{opt, recognize};
use nom::sequence::preceded;

use crate::lex::date::Date;

use super::lex::{R, any_kw, fail, hsp0, kw, num, number_word, word};

/// A date with an optional time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    pub(crate) year: i32,
    pub(crate) month: u32,
    pub(crate) day: u32,
    pub(crate) time: Option<(u32, u32)>,
}

impl Stamp {
    /// `YYYY-MM-DDTHH:MM`, or `YYYY-MM-DD` without a time.
    pub(crate) fn iso(&self) -> String {
        let date = format!("{:04}-{:02}-{:02}", self.year, self.month, self.day);
        match self.time {
            Some((h, m)) => format!("{date}T{h:02}:{m:02}"),
            None => date,
        }
    }
}

/// label = ("Cập nhật" | "Đăng lúc" | "Ngày đăng" | "Ngày phát hành" | "Ngày cập nhật" | "Thời gian"
///          | "Đăng ngày" | "Ngày") ":"? | "-"     followed by spaces
fn label(i: &str) -> R<'_, &str> {
    let words = [
        "ngày phát hành",
        "ngày cập nhật",
        "cập nhật lúc",
        "cập nhật",
        "đăng lúc",
        "ngày đăng",
        "đăng ngày",
        "thời gian",
    ];
    match any_kw(i, &words) {
        Some((rest, _)) => {
            let (rest, _) = (hsp0, opt(one_of(":,")), hsp0).parse(rest)?;
            Ok((rest, &i[..i.len() - rest.len()]))
        }
        None => recognize((one_of("-–"), hsp0)).parse(i),
    }
}

/// weekday = "Thứ" sp (day_word | digit) | "Chủ nhật" | "CN"
fn weekday(i: &str) -> R<'_, &str> {
    let thu = (
        kw("thứ"),
        hsp0,
        alt((recognize(one_of("234567")), day_word)),
    );
    alt((recognize(thu), kw("chủ nhật"), tag("CN"))).parse(i)
}

fn day_word(i: &str) -> R<'_, &str> {
    let (rest, w) = word(i)?;
    if number_word(w).is_some_and(|n| (2..=7).contains(&n)) {
        Ok((rest, w))
    } else {
        fail(i)
    }
}

/// sep = sp? ("," | "-" | "–" | "|") sp? | sp
fn sep(i: &str) -> R<'_, &str> {
    let punct = recognize((hsp0, one_of(",-–|"), hsp0));
    let gap = recognize((satisfy(crate::lex::is_hspace), hsp0));
    alt((punct, gap)).parse(i)
}

/// date_sep = sp? ("/" | "-" | ".") sp?
fn date_sep(i: &str) -> R<'_, char> {
    let (i, (_, c, _)) = (hsp0, one_of("/-."), hsp0).parse(i)?;
    Ok((i, c))
}

/// year = digit{4}
fn year(i: &str) -> R<'_, i32> {
    let (rest, y) = num(4)(i)?;
    if (1000..=9999).contains(&y) {
        Ok((rest, y as i32))
    } else {
        fail(i)
    }
}

/// date_num = ["ngày" sp] day date_sep month date_sep year     (`23/12/2016`, `Ngày 21 / 02 / 2022`)
fn date_num(i: &str) -> R<'_, (u32, u32, i32)> {
    let (rest, (_, d, s1, m, s2, y)) = (
        opt((kw("ngày"), hsp0)),
        num(2),
        date_sep,
        num(2),
        date_sep,
        year,
    )
        .parse(i)?;
    if s1 != s2 {
        fail(i)
    } else {
        Ok((rest, (d, m, y)))
    }
}

/// date_long = ["ngày" sp] day sp "tháng" sp month [","] sp ["năm" sp] year
///             (`01 Tháng 4 2022`, `18 tháng 12, 2017`, `ngày 2 tháng 12 năm 2021`)
fn date_long(i: &str) -> R<'_, (u32, u32, i32)> {
    let month = alt((num(2), word.map_opt(number_word)));
    let (rest, (_, d, _, _, _, m, _, _, _, y)) = (
        opt((kw("ngày"), hsp0)),
        num(2),
        hsp0,
        kw("tháng"),
        hsp0,
        month,
        opt(char(',')),
        hsp0,
        opt((kw("năm"), hsp0)),
        year,
    )
        .parse(i)?;
    Ok((rest, (d, m, y)))
}

/// date = date_num | date_long, checked against the calendar
pub(crate) fn date(i: &str) -> R<'_, (u32, u32, i32)> {
    let (rest, (d, m, y)) = alt((date_num, date_long)).parse(i)?;
    if Date::checked(d, m, y).is_some() {
        Ok((rest, (d, m, y)))
    } else {
        fail(i)
    }
}

/// meridiem = "SA" | "CH" | "AM" | "PM" | "Sáng" | "Chiều" | "Tối"     (→ true for afternoon)
fn meridiem(i: &str) -> R<'_, bool> {
    let am = alt((tag("SA"), tag("AM"), kw("sáng"))).map(|_| false);
    let pm = alt((tag("CH"), tag("PM"), kw("chiều"), kw("tối"))).map(|_| true);
    let (rest, pm) = alt((am, pm)).parse(i)?;
    // `SA`/`CH` must end a word: `CHÍNH` is not a meridiem
    if rest.chars().next().is_some_and(char::is_alphanumeric) {
        fail(i)
    } else {
        Ok((rest, pm))
    }
}

/// time = hour ":" minute [":" second] ["'"] [sp meridiem]
fn time(i: &str) -> R<'_, (u32, u32)> {
    let (rest, (h, _, m, _, _, mer)) = (
        num(2),
        one_of(":h"),
        num(2),
        opt(preceded(char(':'), num(2))),
        opt(one_of("'’")),
        opt(preceded(hsp0, meridiem)),
    )
        .parse(i)?;
    let h = match mer {
        Some(true) if h < 12 => h + 12,
        Some(false) if h == 12 => 0,
        _ => h,
    };
    if h < 24 && m < 60 {
        Ok((rest, (h, m)))
    } else {
        fail(i)
    }
}

/// zone = ("[" | "(") "GMT+7" ("]" | ")") | "GMT+7"
fn zone(i: &str) -> R<'_, &str> {
    let gmt = recognize((tag("GMT"), opt((one_of("+-"), num(2)))));
    alt((
        recognize((one_of("[("), gmt, one_of("])"))),
        recognize((tag("GMT"), opt((one_of("+-"), num(2))))),
    ))
    .parse(i)
}

/// timestamp = [label] [weekday sep] (date [sep time] | time sep [weekday sep] date) [sp zone]
/// Returns the stamp and the text it covers (without trailing spaces).
pub(crate) fn timestamp(i: &str) -> R<'_, (Stamp, &str)> {
    let date_first = (date, opt(preceded(sep, time))).map(|(d, t)| (d, t));
    // `16:04, Thứ 7, 06/11/2021`: the weekday may sit between time and date
    let time_first = (time, sep, opt((weekday, sep)), date).map(|(t, _, _, d)| (d, Some(t)));
    let (rest, (_, _, ((day, month, year), time), _)) = (
        opt(label),
        opt((weekday, sep)),
        alt((date_first, time_first)),
        opt(preceded(hsp0, zone)),
    )
        .parse(i)?;
    let stamp = Stamp {
        year,
        month,
        day,
        time,
    };
    Ok((rest, (stamp, &i[..i.len() - rest.len()])))
}

/// A timestamp that makes up a whole line, give or take a view counter (`9453 Lượt xem`).
pub(crate) fn timestamp_line(line: &str) -> Option<(Stamp, &str)> {
    let t = super::lex::trim(line);
    let (rest, (stamp, text)) = timestamp(t).ok()?;
    let rest = super::lex::trim(rest);
    let tail_ok = rest.is_empty()
        || rest.split_whitespace().count() <= 4
            && (rest.contains("xem") || rest.starts_with('|') || rest.starts_with('-'));
    tail_ok.then_some((stamp, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        timestamp_line(s).map(|(st, _)| st.iso())
    }

    #[test]
    fn every_form_of_formats_6_2() {
        let cases = [
            ("18:34' 23/12/2016", "2016-12-23T18:34"),
            ("08:21, ngày 16-04-2021", "2021-04-16T08:21"),
            ("Thứ Tư, 08/04/2015, 08:11 [GMT+7]", "2015-04-08T08:11"),
            ("Thứ Bảy, 23/11/2024, 02:18 (GMT+7)", "2024-11-23T02:18"),
            ("Cập nhật: 16:04, Thứ 7, 06/11/2021", "2021-11-06T16:04"),
            ("02/03/2020 07:21 SA", "2020-03-02T07:21"),
            ("02/03/2020 07:21 CH", "2020-03-02T19:21"),
            ("Đăng lúc: 24-03-2023 10:49 Sáng", "2023-03-24T10:49"),
            ("Thứ năm - 09/01/2020 09:32", "2020-01-09T09:32"),
            ("Thứ sáu, 01 Tháng 4 2022 16:53", "2022-04-01T16:53"),
            ("Thứ tư, 02/10/2013 - 10:12", "2013-10-02T10:12"),
            ("04:35 15/03/2016", "2016-03-15T04:35"),
            ("03/03/2023 17:11", "2023-03-03T17:11"),
            ("09:47, 15/03/2021", "2021-03-15T09:47"),
            ("23/02/2019 15:47 PM", "2019-02-23T15:47"),
            ("19/05/2025", "2025-05-19"),
            ("Thứ Hai, 18 tháng 12, 2017", "2017-12-18"),
            ("Thứ Năm, ngày 2 tháng 12 năm 2021", "2021-12-02"),
            ("Ngày phát hành: 19/01/2020 Lượt xem 3696", "2020-01-19"),
            ("- 22/06/2023 05:46:28", "2023-06-22T05:46"),
            ("Thứ Hai, 23/12/2016 18:34", "2016-12-23T18:34"),
            ("Chủ nhật, 04/12/2022, 04:49[GMT+7]", "2022-12-04T04:49"),
            ("Thứ 2, Ngày 21 / 02 / 2022", "2022-02-21"),
            ("11:13 | 20/05/2016", "2016-05-20T11:13"),
            (
                "Cập nhật, 06:00, Thứ Năm, 12/07/2018 (GMT+7)",
                "2018-07-12T06:00",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(iso(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn the_span_stops_at_the_stamp() {
        let (_, (_, text)) = timestamp("18:34' 23/12/2016\nCác đại biểu").unwrap();
        assert_eq!(text, "18:34' 23/12/2016");
    }

    #[test]
    fn prose_and_impossible_dates_are_not_timestamps() {
        for s in [
            "Ngày 23-12-2016, Ban Tổ chức Tỉnh uỷ Đồng Tháp tổ chức Hội nghị tổng kết",
            "31/02/2020",
            "25:10 01/01/2020",
            "Số 5 - 2018",
            "2015-2020",
        ] {
            assert_eq!(iso(s), None, "{s}");
        }
    }
}
