//! The Central Committee's terms (khoá) and their date ranges, from `data/terms.csv`.
//!
//! Party numbers restart every term (docs/formats.md §1), so a central document's key carries its
//! term; a dated citation gets it from this table (docs/resolution.md).

use std::sync::OnceLock;

/// One term: its number and the first and last day (ISO) of its numbering series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The term's number (`12` = khoá XII).
    pub term: u32,
    /// First day, ISO `YYYY-MM-DD`.
    pub first_day: String,
    /// Last day, ISO; `None` for the current term.
    pub last_day: Option<String>,
}

/// The bundled table, in order of term.
pub fn terms() -> &'static [Term] {
    static T: OnceLock<Vec<Term>> = OnceLock::new();
    T.get_or_init(|| parse_terms(include_str!("../data/terms.csv")).expect("bundled terms.csv"))
}

/// Read a terms table: a CSV header naming at least `term`, `first_day` and `last_day`.
pub fn parse_terms(csv: &str) -> Result<Vec<Term>, String> {
    let mut lines = csv.lines().filter(|l| !l.trim().is_empty());
    let header: Vec<&str> = lines
        .next()
        .ok_or("empty terms table")?
        .split(',')
        .collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.trim() == name)
            .ok_or(format!("terms table has no column {name}"))
    };
    let (t, f, l) = (col("term")?, col("first_day")?, col("last_day")?);
    let mut out: Vec<Term> = Vec::new();
    for (k, line) in lines.enumerate() {
        let cells: Vec<&str> = line.split(',').map(str::trim).collect();
        let cell = |i: usize| cells.get(i).copied().unwrap_or("");
        let term = cell(t)
            .parse()
            .map_err(|_| format!("terms row {}: bad term {:?}", k + 2, cell(t)))?;
        let first_day = cell(f).to_owned();
        let last_day = Some(cell(l).to_owned()).filter(|s| !s.is_empty());
        if !is_iso(&first_day) || last_day.as_deref().is_some_and(|d| !is_iso(d)) {
            return Err(format!("terms row {}: dates must be ISO", k + 2));
        }
        out.push(Term {
            term,
            first_day,
            last_day,
        });
    }
    out.sort_by_key(|t| t.term);
    Ok(out)
}

fn is_iso(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// An ISO date as the number `YYYYMMDD` (ordered like the date).
fn day_number(date: &str) -> Option<u32> {
    is_iso(date).then(|| {
        date.bytes()
            .filter(u8::is_ascii_digit)
            .fold(0, |n, d| n * 10 + u32::from(d - b'0'))
    })
}

/// The terms' ranges as day numbers, for comparing without string work.
fn ranges() -> &'static [(u32, u32, u32)] {
    static R: OnceLock<Vec<(u32, u32, u32)>> = OnceLock::new();
    R.get_or_init(|| {
        terms()
            .iter()
            .map(|t| {
                let first = day_number(&t.first_day).unwrap_or(u32::MAX);
                let last = t
                    .last_day
                    .as_deref()
                    .and_then(day_number)
                    .unwrap_or(u32::MAX);
                (t.term, first, last)
            })
            .collect()
    })
}

fn term_of_day(day: u32) -> Option<u32> {
    ranges()
        .iter()
        .find(|&&(_, first, last)| first <= day && day <= last)
        .map(|&(t, _, _)| t)
}

/// The term whose range holds the ISO date `date`.
pub fn term_of_date(date: &str) -> Option<u32> {
    term_of_day(day_number(date)?)
}

/// The term that holds the whole of `year`, if one does (a congress year holds two).
pub fn term_of_year(year: i32) -> Option<u32> {
    let y = u32::try_from(year).ok().filter(|y| *y <= 9999)?;
    let t = term_of_day(y * 10000 + 101)?;
    (term_of_day(y * 10000 + 1231) == Some(t)).then_some(t)
}

/// `12` → `XII` (1..=3999; other values as digits): the grammar's writer, re-exported.
pub use vanban_grammar::lex::roman;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_map_to_terms_and_congress_years_hold_two() {
        assert_eq!(term_of_date("2016-10-30"), Some(12));
        assert_eq!(term_of_date("2016-01-10"), Some(11));
        assert_eq!(term_of_date("2003-03-12"), Some(9));
        assert_eq!(term_of_date("2030-01-01"), Some(14));
        assert_eq!(term_of_date("1900-01-01"), None);
        assert_eq!(term_of_date("30-10-2016"), None);
        assert_eq!(term_of_year(2018), Some(12));
        assert_eq!(term_of_year(2016), None);
        assert_eq!(roman(12), "XII");
        assert_eq!(roman(14), "XIV");
        assert_eq!(roman(9), "IX");
    }

    #[test]
    fn bundled_terms_tile_the_calendar() {
        let t = terms();
        assert!(t.len() >= 5, "terms IX..XIII at least");
        for w in t.windows(2) {
            assert_eq!(w[0].term + 1, w[1].term);
            let last = w[0]
                .last_day
                .as_deref()
                .expect("only the last term is open");
            assert!(
                last < w[1].first_day.as_str(),
                "{last} before {}",
                w[1].first_day
            );
        }
        assert!(t.last().unwrap().last_day.is_none());
    }

    #[test]
    fn malformed_tables_are_errors() {
        assert!(parse_terms("").is_err());
        assert!(parse_terms("term,first_day\n1,2001-01-01").is_err());
        assert!(parse_terms("term,first_day,last_day\nX,2001-01-01,").is_err());
        assert!(parse_terms("term,first_day,last_day\n1,1-1-2001,").is_err());
    }
}
