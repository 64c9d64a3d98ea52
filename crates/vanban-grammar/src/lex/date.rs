//! One calendar date for both wings: the calendar check and the ISO form (docs/formats.md §4).

/// Years a document date may carry.
pub(crate) const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// A calendar date; `year` is absent in `ngày 10.10`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Date {
    pub(crate) day: u32,
    pub(crate) month: u32,
    pub(crate) year: Option<i32>,
}

/// Days in `month` of `year` (0 for a month outside 1..=12).
pub(crate) fn days_in_month(month: u32, year: i32) -> u32 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => 0,
    }
}

impl Date {
    /// A complete date, when it exists in the calendar and its year in [`YEARS`]
    /// (`29-2-2019` does not).
    pub(crate) fn checked(day: u32, month: u32, year: i32) -> Option<Self> {
        let ok = YEARS.contains(&year) && day >= 1 && day <= days_in_month(month, year);
        ok.then_some(Self {
            day,
            month,
            year: Some(year),
        })
    }

    /// ISO `YYYY-MM-DD`, when the year is known and the day exists.
    pub(crate) fn iso(&self) -> Option<String> {
        let y = self.year?;
        if self.day == 0 || self.day > days_in_month(self.month, y) {
            return None;
        }
        // Written by hand: `format!` costs more than the rest of a date parse.
        let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
        let y = y.unsigned_abs();
        Some(
            [
                digit(y / 1000),
                digit(y / 100),
                digit(y / 10),
                digit(y),
                '-',
                digit(self.month / 10),
                digit(self.month),
                '-',
                digit(self.day / 10),
                digit(self.day),
            ]
            .iter()
            .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar() {
        assert_eq!(Date::checked(29, 2, 2019), None);
        assert_eq!(
            Date::checked(29, 2, 2020).and_then(|d| d.iso()).as_deref(),
            Some("2020-02-29")
        );
        assert_eq!(Date::checked(31, 4, 2020), None);
        assert_eq!(Date::checked(1, 13, 2020), None);
        assert_eq!(Date::checked(1, 1, 1899), None);
        assert_eq!(Date::checked(29, 2, 2000).map(|d| d.day), Some(29));
        assert_eq!(Date::checked(29, 2, 1900), None);
    }
}
