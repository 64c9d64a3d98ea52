//! Document numbers and symbols: party `04-NQ/TW`, state `30/2020/NĐ-CP`, laws `80/2015/QH13`,
//! and the mis-ordered forms that occur in real text (`22/CT-TW`, `646/QĐ/QUTW`, `824-QĐ/TTg`).

use std::sync::OnceLock;

use crate::lex::take_while_m_n;
use nom::Parser;
use nom::branch::alt;
use nom::character::complete::satisfy;
use nom::combinator::{opt, recognize, verify};

use super::date::{digits, year};
use crate::error::{Expected, PResult, expected_at, label};
use crate::lex::{fold_char, is_dash, is_slash, is_space, sp0};
use vanban_model::CitationKind;

/// A parsed number and symbol, before it becomes a `Citation`. Codes stay slices of the text
/// until a citation is built: most parsed numbers are checks or retries, and canonical codes
/// need allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Symbol<'a> {
    pub(crate) kind: CitationKind,
    pub(crate) number: u32,
    type_code: TypeCode<'a>,
    /// The issuer code as written (units, dashes and spaces), canonicalised by `issuer_code`.
    issuer: &'a str,
    form: IssuerForm,
    pub(crate) year: Option<i32>,
    /// True for shapes that are tolerated but wrong (`22/CT-TW`, `824-QĐ/TTg`).
    pub(crate) malformed: bool,
    /// A shape that is a number only inside a citation phrase (after a type word or `số`): the
    /// lost hyphen `26 NQ/TW`, an open-class party type code (docs/formats.md §2).
    loose: bool,
    /// Bytes of a footnote mark glued after the symbol (`26-NQ/TW3`): not part of the issuer.
    mark: usize,
}

/// A type code: canonical from the party table, or a state code as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TypeCode<'a> {
    None,
    Party(&'static str),
    State(&'a str),
    /// An unlisted party code, agreed by the type word around it (`CTHĐ`, `QĐ-BTV`).
    Open(&'a str),
}

/// How an issuer code is canonicalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IssuerForm {
    /// Upper case, `TƯ` → `TW` (`tw` → `TW`).
    Party,
    /// As written, `Ð` → `Đ`.
    State,
    /// A state issuer in party order (`824-QĐ/TTg`): party form, then `TTG` → `TTg`.
    PartyAsState,
}

impl Symbol<'_> {
    /// The same symbol for another number (`18, 19-NQ/TW`: 18 borrows 19's symbol).
    pub(crate) fn with_number(&self, number: u32) -> Self {
        Self { number, ..*self }
    }

    /// Does the type code belong to the closed lists (or is there none)? A state number whose
    /// first code is outside the lexicon's state codes (`lexicon::state_codes`) (`1569/HQHCM-TCCB`, a công văn numbered by its
    /// issuer) is a citation only inside a citation phrase (after a type word or `số`).
    pub(crate) fn known_type(&self) -> bool {
        match self.type_code {
            TypeCode::State(t) => {
                static KEYS: OnceLock<Vec<String>> = OnceLock::new();
                let keys = KEYS.get_or_init(|| {
                    crate::lexicon::state_codes()
                        .into_iter()
                        .map(code_key)
                        .collect()
                });
                let mut key = CodeBuf::new();
                t.chars().for_each(|c| key.push(code_char(c)));
                key.as_str().is_some_and(|k| keys.iter().any(|s| s == k))
            }
            TypeCode::None | TypeCode::Party(_) | TypeCode::Open(_) => true,
        }
    }

    /// Is this a document number only inside a citation phrase (a type word or `số` before it)?
    /// Unlisted state type codes (`mã hàng 1234/SP-VN` is none), the lost hyphen (`26 NQ/TW`).
    pub(crate) fn needs_phrase(&self) -> bool {
        self.loose || !self.known_type()
    }

    /// The text after the symbol and its footnote mark (`26-NQ/TW3 ngày …` → ` ngày …`), given
    /// the text right after the symbol.
    pub(crate) fn after_mark<'b>(&self, rest: &'b str) -> &'b str {
        rest.get(self.mark..).unwrap_or(rest)
    }

    /// Canonical type code (`NQ`, `QĐi`, `NĐ`), if the number has one.
    pub(crate) fn type_code(&self) -> Option<String> {
        match self.type_code {
            TypeCode::None => None,
            TypeCode::Party(t) => Some(t.to_owned()),
            TypeCode::State(t) => Some(state_type(t)),
            TypeCode::Open(t) => Some(units(t).map(code_key).collect::<Vec<_>>().join("-")),
        }
    }

    /// Canonical issuer code (`TW`, `ĐU-MTTW`, `CP`, `TTg`).
    pub(crate) fn issuer_code(&self) -> String {
        let mut out = String::with_capacity(self.issuer.len());
        match self.form {
            IssuerForm::Party => party_issuer(self.issuer, &mut out),
            IssuerForm::State => state_issuer(self.issuer, &mut out),
            IssuerForm::PartyAsState => {
                party_issuer(self.issuer, &mut out);
                return out
                    .split('-')
                    .map(|u| if u == "TTG" { "TTg" } else { u })
                    .collect::<Vec<_>>()
                    .join("-");
            }
        }
        out
    }

    /// Canonical symbol: `NQ/TW` for party numbers, `NĐ-CP` / `QH13` for state ones.
    pub(crate) fn symbol(&self) -> String {
        canonical_symbol(
            self.kind,
            self.type_code().as_deref(),
            &self.issuer_code(),
            self.year,
        )
    }
}

/// Where canonical code characters go: a `String` for output, a `CodeBuf` for lookups.
trait CodeSink {
    fn push(&mut self, c: char);
}

impl CodeSink for String {
    fn push(&mut self, c: char) {
        String::push(self, c);
    }
}

/// A short code in canonical form, built on the stack: lookups in the code tables run for
/// every candidate number and must not allocate. Table entries are a few letters; a code too
/// long for the buffer is no entry.
struct CodeBuf {
    bytes: [u8; 64],
    len: usize,
    too_long: bool,
}

impl CodeBuf {
    fn new() -> Self {
        Self {
            bytes: [0; 64],
            len: 0,
            too_long: false,
        }
    }

    /// The code, unless it did not fit.
    fn as_str(&self) -> Option<&str> {
        // Only whole characters are written.
        (!self.too_long).then(|| std::str::from_utf8(&self.bytes[..self.len]).unwrap_or(""))
    }
}

impl CodeSink for CodeBuf {
    fn push(&mut self, c: char) {
        let n = c.len_utf8();
        if self.len + n <= self.bytes.len() {
            c.encode_utf8(&mut self.bytes[self.len..]);
            self.len += n;
        } else {
            self.too_long = true;
        }
    }
}

/// The units of a code as written: split at dashes, spaces trimmed (`VC- ĐT`, `NĐ - CP`).
fn units(raw: &str) -> impl Iterator<Item = &str> {
    raw.split(is_dash).map(|u| u.trim_matches(is_space))
}

/// Canonical state type code: as written, `Ð` read as `Đ`, `&` dropped (`SGD&ĐT` → `SGDĐT`); one
/// pass, one allocation (this runs for every state citation).
fn state_type(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 1);
    for c in raw.chars() {
        match c {
            '\u{D0}' => out.push('Đ'),
            '&' => {}
            c => out.push(c),
        }
    }
    out
}

/// Canonical party issuer: units upper-cased and joined by `-`, a final `TƯ` read as `TW`.
fn party_issuer(raw: &str, out: &mut impl CodeSink) {
    for (k, unit) in units(raw).enumerate() {
        if k > 0 {
            out.push('-');
        }
        let mut last = None;
        // `SGD&ĐT`: official symbols write the units' letters only (`TT-BNNPTNT`).
        let mut chars = unit.chars().filter(|&c| c != '&').map(code_char).peekable();
        while let Some(c) = chars.next() {
            // `TƯ` (OCR and writers' habit) at the end of a unit is `TW`.
            let tu = c == 'Ư' && last == Some('T') && chars.peek().is_none();
            out.push(if tu { 'W' } else { c });
            last = Some(c);
        }
    }
}

/// Canonical state issuer: units as written, joined by `-`, `Ð` read as `Đ`.
fn state_issuer(raw: &str, out: &mut impl CodeSink) {
    for (k, unit) in units(raw).enumerate() {
        if k > 0 {
            out.push('-');
        }
        for c in unit.chars().filter(|&c| c != '&') {
            out.push(if c == '\u{D0}' { 'Đ' } else { c });
        }
    }
}

/// Is the canonical party form of `raw` in `table`?
fn party_issuer_in(raw: &str, table: &[&str]) -> bool {
    let mut buf = CodeBuf::new();
    party_issuer(raw, &mut buf);
    buf.as_str().is_some_and(|code| table.contains(&code))
}

/// Canonical symbol from its parts (the type code may come from the prose: `L` for a law).
pub(crate) fn canonical_symbol(
    kind: CitationKind,
    type_code: Option<&str>,
    issuer: &str,
    year: Option<i32>,
) -> String {
    match (type_code, kind) {
        (Some(t), CitationKind::Party) => [t, "/", issuer].concat(),
        (Some(t), _) if t == "L" || (issuer.contains("QH") && year.is_some()) => issuer.to_owned(),
        (Some(t), _) => [t, "-", issuer].concat(),
        (None, _) => issuer.to_owned(),
    }
}

/// Issuer codes that mark a party organ, used to recognise party numbers written in state order.
const PARTY_ISSUERS: &[&str] = &[
    "TW", "TU", "HU", "QU", "ĐU", "ĐUK", "QUTW", "BCSĐ", "BCS", "ĐĐ", "CB", "VPTW", "BTCTW",
    "BTGTW", "UBKTTW", "BCĐTW", "BTGTU", "UBKTTU", "BTCTU", "VPTU",
];

/// State issuer codes that reveal a state document written in party order (`824-QĐ/TTg`).
const STATE_ISSUERS: &[&str] = &[
    "TTG", "CP", "UBND", "HĐND", "VPCP", "QH", "CTN", "BNV", "BTC", "BCA", "BQP",
];

/// A code's character for table lookups: upper case, tone-free, `Ð`/`đ` → `Đ`.
fn code_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_uppercase();
    }
    match fold_char(c).0 {
        'đ' => 'Đ',
        other => other.to_uppercase().next().unwrap_or(other),
    }
}

/// Fold a code for table lookups: upper case, `Ð` → `Đ`, `Ư` kept.
fn code_key(s: &str) -> String {
    s.chars().map(code_char).collect()
}

/// Canonical party type code for `s` (`qđi` → `QĐi`, ASCII `QD` → `QĐ`), if it is one.
/// Compares without allocating: this runs for every candidate number.
pub(crate) fn party_type(s: &str) -> Option<&'static str> {
    static KEYS: OnceLock<Vec<(String, &'static str)>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        let mut keys: Vec<(String, &'static str)> = crate::lexicon::party_codes()
            .into_iter()
            .map(|t| (code_key(t), t))
            .collect();
        // Text without the letter Đ (English pages, URLs): `QD`, `QDi`, `QDNS`.
        keys.extend([
            ("QD".to_owned(), "QĐ"),
            ("QDI".to_owned(), "QĐi"),
            ("QDNS".to_owned(), "QĐNS"),
        ]);
        keys
    });
    let mut key = CodeBuf::new();
    s.chars().for_each(|c| key.push(code_char(c)));
    // The key's text once, not once per table entry.
    let key = key.as_str()?;
    keys.iter().find(|(k, _)| k == key).map(|(_, canon)| *canon)
}

/// A letter of a code: Latin script only. Codes are Latin abbreviations, and letters of other
/// scripts decompose differently under NFD (Hangul syllables into jamo), so accepting them
/// made `04-NQ/TW가` a citation in NFC with another issuer code in NFD.
fn is_code_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
            && crate::lex::is_letter(c))
}

fn is_code_upper(c: char) -> bool {
    is_code_letter(c) && c.is_uppercase()
}

/// num = digit{1,5}, not followed by another digit
fn num(i: &str) -> PResult<'_, u32> {
    label(Expected::DocumentNumber, |i| digits(i, 1, 5)).parse(i)
}

/// hy = sp? dash sp?      (`18 - NQ/TW`, `181- QĐ/TW`, `16 -\nHD/BTCTW`, en and em dashes)
fn hy(i: &str) -> PResult<'_, &str> {
    recognize((sp0, satisfy(is_dash), sp0)).parse(i)
}

/// slash = "/" | "⁄" | "／"
fn slash(i: &str) -> PResult<'_, char> {
    label(Expected::Slash, satisfy(is_slash)).parse(i)
}

/// letters = letter{1,12}
fn letters(i: &str) -> PResult<'_, &str> {
    take_while_m_n(1, 12, is_code_letter).parse(i)
}

/// party_type = one of the lexicon's party codes (`lexicon::party_codes`), any case
fn party_type_code(i: &str) -> PResult<'_, &'static str> {
    let (rest, word) = label(Expected::TypeCode, letters).parse(i)?;
    match party_type(word) {
        Some(t) => Ok((rest, t)),
        None => expected_at(i, Expected::TypeCode),
    }
}

/// code_run = pred{m,n} { "&" upper pred* }      (`SGD&ĐT`, `NN&PTNT`; `&` only between capitals,
///            so `BGDĐT&nbsp;` ends before the entity)
fn code_run(i: &str, m: usize, n: usize, pred: impl Fn(char) -> bool + Copy) -> PResult<'_, &str> {
    let (mut rest, first) = take_while_m_n(m, n, pred).parse(i)?;
    let mut len = first.chars().count();
    // Two capitals on each side: `GD&ĐT`, `TT&TT`; not `M&A`, `AT&T`, `P&G`.
    let capitals = |s: &str, rev: bool| {
        let n = if rev {
            s.chars().rev().take_while(|&c| is_code_upper(c)).count()
        } else {
            s.chars().take_while(|&c| is_code_upper(c)).count()
        };
        n >= 2
    };
    while len < n && capitals(&i[..i.len() - rest.len()], true) {
        let Some(after) = rest.strip_prefix('&') else {
            break;
        };
        if !capitals(after, false) {
            break;
        }
        let Ok((r, more)) = take_while_m_n(1, n - len, pred).parse(after) else {
            break;
        };
        len += more.chars().count() + 1;
        rest = r;
    }
    Ok((rest, &i[..i.len() - rest.len()]))
}

/// issuer_unit = code_run(letter){1,15}
fn issuer_unit(i: &str) -> PResult<'_, &str> {
    label(Expected::IssuerCode, |i| code_run(i, 1, 15, is_code_letter)).parse(i)
}

/// issuer = issuer_unit { dash " "? issuer_unit }{0,3}      (`ĐU-MTTW`, `VC- ĐT`), as written
fn party_issuer_code(i: &str) -> PResult<'_, &str> {
    let (mut rest, _) = issuer_unit(i)?;
    for _ in 0..3 {
        let joined = (
            satisfy(is_dash),
            take_while_m_n(0, 1, |c| c == ' '),
            issuer_unit,
        );
        match recognize(joined).parse(rest) {
            Ok((r, _)) => rest = r,
            Err(_) => break,
        }
    }
    Ok((rest, &i[..i.len() - rest.len()]))
}

/// The parser's output together with the text it consumed.
fn with_raw<'a, O>(
    mut p: impl FnMut(&'a str) -> PResult<'a, O>,
) -> impl FnMut(&'a str) -> PResult<'a, (O, &'a str)> {
    move |i| {
        let (rest, o) = p(i)?;
        Ok((rest, (o, &i[..i.len() - rest.len()])))
    }
}

/// The separator between number and type: a dash, or, lost (`26 NQ/TW`, `Số 09 KH/ĐU`), one to
/// three spaces on the line; the second makes the number loose (see `Symbol::needs_phrase`).
fn party_dash(i: &str) -> PResult<'_, bool> {
    if let Ok((rest, _)) = hy(i) {
        return Ok((rest, false));
    }
    match take_while_m_n(1, 3, crate::lex::is_hspace).parse(i) {
        Ok((rest, _)) => Ok((rest, true)),
        Err(_) => Ok((i, false)),
    }
}

/// A footnote mark glued after an issuer code (`26-NQ/TW3`): one or two digits before white
/// space, punctuation or the end. Its length in bytes, or 0.
fn footnote_mark(rest: &str) -> usize {
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let next = rest[digits..].chars().next();
    let ends = next.is_none_or(|c| is_space(c) || ",.;:)]}”’\"'!?".contains(c));
    if (1..=2).contains(&digits) && ends {
        digits
    } else {
        0
    }
}

/// party_no = num (hy | sp_inline)? party_type slash issuer [mark]     (`04-NQ/TW`, `858CV/ĐUK`,
///            `26 NQ/TW`, `26-NQ/TW3`)
pub(crate) fn party_no(i: &str) -> PResult<'_, Symbol<'_>> {
    party_no_with(i, None)
}

/// What an open-class party type code must start with: the initials of the type word before
/// it (`Chương trình hành động` → `CTHĐ`) or the word's listed code (`QĐ`), canonical.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct OpenCodes<'a> {
    prefixes: [&'a str; 2],
    /// Agrees with every code: `party_no_with` with these accepts the shape of an open-class
    /// number, a superset of what any type word agrees with (a cheap test before the type
    /// word's codes are worked out).
    any: bool,
}

impl<'a> OpenCodes<'a> {
    /// Codes that agree with every open-class type code (the shape test).
    pub(crate) const ANY: OpenCodes<'static> = OpenCodes {
        prefixes: ["", ""],
        any: true,
    };

    /// `initials` and `code` in canonical form (upper case, `Đ`); empty strings are ignored.
    pub(crate) fn new(initials: &'a str, code: &'a str) -> Self {
        Self {
            prefixes: [initials, code],
            any: false,
        }
    }

    fn agrees(&self, raw: &str) -> bool {
        if self.any {
            return true;
        }
        let mut key = CodeBuf::new();
        raw.chars()
            .filter(|c| !is_dash(*c))
            .for_each(|c| key.push(code_char(c)));
        key.as_str().is_some_and(|k| {
            self.prefixes
                .iter()
                .any(|p| p.chars().count() >= 2 && k.starts_with(p))
        })
    }
}

/// The initials of a type word as written, canonical (`Chương trình hành động` → `CTHĐ`).
pub(crate) fn initials(word: &str) -> String {
    word.split(is_space)
        .filter_map(|w| w.chars().next())
        .map(code_char)
        .collect()
}

/// open_type = upper (letter){1,5} ["-" upper{2,5}]     (`CTHĐ`, `QĐ-BTV`; at most one lower-case
///             letter; agreed by the type word, see `OpenCodes`)
fn open_type_code<'a>(i: &'a str, open: &OpenCodes<'_>) -> PResult<'a, &'a str> {
    let head = verify(
        recognize((satisfy(is_code_upper), take_while_m_n(1, 5, is_code_letter))),
        |u: &str| u.chars().filter(|c| c.is_lowercase()).count() <= 1,
    );
    let (rest, raw) = recognize((
        head,
        opt((satisfy(|c| c == '-'), take_while_m_n(2, 5, is_code_upper))),
    ))
    .parse(i)?;
    if open.agrees(raw) {
        Ok((rest, raw))
    } else {
        expected_at(i, Expected::TypeCode)
    }
}

/// party_no, or with `open` an unlisted type code that the type word agrees with
/// (docs/formats.md §2, "Open-class type codes").
pub(crate) fn party_no_with<'a>(
    i: &'a str,
    open: Option<&OpenCodes<'_>>,
) -> PResult<'a, Symbol<'a>> {
    let (rest, number) = num(i)?;
    let (rest, lost_dash) = party_dash(rest)?;
    let listed = (with_raw(party_type_code), slash)
        .map(|((t, raw), _)| (TypeCode::Party(t), raw))
        .parse(rest);
    let (rest, (type_code, raw_type)) = match (listed, open) {
        (Ok(found), _) => found,
        // `125-QĐ-BTV/HU` starts with a listed code: the open form is tried after it.
        (Err(_), Some(open)) => (|i| open_type_code(i, open), slash)
            .map(|(raw, _)| (TypeCode::Open(raw), raw))
            .parse(rest)?,
        (Err(e), None) => return Err(e),
    };
    let (rest, issuer) = party_issuer_code(rest)?;
    // Lower-case codes occur (`05-ct/tw`) and so does `TTg`, but an issuer starting in lower
    // case after an upper-case type, or with a tone mark, is prose: `18 - NQ/số`.
    let lower_start = issuer.starts_with(char::is_lowercase);
    if (lower_start && raw_type.chars().any(char::is_uppercase))
        || issuer.chars().any(|c| fold_char(c).1 != 0)
    {
        return expected_at(i, Expected::IssuerCode);
    }
    let state_issuer = party_issuer_in(issuer, STATE_ISSUERS);
    let symbol = Symbol {
        kind: if state_issuer {
            CitationKind::State
        } else {
            CitationKind::Party
        },
        number,
        type_code,
        issuer,
        form: if state_issuer {
            IssuerForm::PartyAsState
        } else {
            IssuerForm::Party
        },
        year: None,
        malformed: state_issuer,
        loose: lost_dash || matches!(type_code, TypeCode::Open(_)),
        mark: footnote_mark(rest),
    };
    Ok((rest, symbol))
}

/// state_unit = upper code_run(letter | digit){0,14}, with at most one lower-case letter
///              (`NĐ`, `TTg`, `QH13`, `UBND`, `SGD&ĐT`; not the word `Thủ`)
fn state_unit(i: &str) -> PResult<'_, &str> {
    verify(
        |i| code_run(i, 1, 15, |c: char| is_code_letter(c) || c.is_ascii_digit()),
        |u: &str| {
            u.starts_with(is_code_upper) && u.chars().filter(|c| c.is_lowercase()).count() <= 1
        },
    )
    .parse(i)
}

/// spaced_unit = sp? dash sp? code      (`116/2020/NĐ - CP`, `15/CT - TTg`, `15/CT -⏎TTg`: a spaced
///               dash must lead to a code of two capitals or more and at most one lower-case letter)
fn spaced_unit(i: &str) -> PResult<'_, &str> {
    let code = verify(
        |i| code_run(i, 2, 15, |c: char| is_code_letter(c) || c.is_ascii_digit()),
        |u: &str| {
            u.starts_with(is_code_upper)
                && u.chars().filter(|c| c.is_lowercase()).count() <= 1
                && u.chars().filter(|&c| is_code_upper(c)).count() >= 2
        },
    );
    let (rest, (_, unit)) = (hy, code).parse(i)?;
    if rest.starts_with(crate::lex::is_alnum) {
        return expected_at(rest, Expected::SymbolEnd);
    }
    Ok((rest, unit))
}

/// The units of a state code: the first, the rest as written (`CP`, `MTTW-BTT`), and how many.
struct StateCode<'a> {
    first: &'a str,
    others: &'a str,
    count: usize,
}

/// state_code = state_unit { "-" state_unit | spaced_unit }{0,4}
fn state_code(i: &str) -> PResult<'_, StateCode<'_>> {
    let (after_first, first) = label(Expected::StateSymbol, state_unit).parse(i)?;
    let tight = |i| (satisfy(|c| c == '-'), state_unit).map(|_| ()).parse(i);
    let spaced = |i| spaced_unit(i).map(|(r, _)| (r, ()));
    let mut rest = after_first;
    let mut count = 1;
    for _ in 0..4 {
        match alt((tight, spaced)).parse(rest) {
            Ok((r, ())) => rest = r,
            Err(_) => break,
        }
        count += 1;
    }
    // The other units start after the separator that follows the first.
    let between = &i[first.len()..i.len() - rest.len()];
    let others = between.trim_start_matches(|c: char| is_space(c) || is_dash(c));
    Ok((
        rest,
        StateCode {
            first,
            others,
            count,
        },
    ))
}

fn is_assembly(unit: &str) -> bool {
    let digits = unit.trim_start_matches("UBTVQH").trim_start_matches("QH");
    digits.len() == 2 && digits.len() < unit.len() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// state_no = num sp? slash [year slash] state_code
///          | num dash year slash state_code                 (`19-2017/NQ-CP`)
///          | num slash party_type slash party_issuer       (`646/QĐ/QUTW`, a party number)
pub(crate) fn state_no(i: &str) -> PResult<'_, Symbol<'_>> {
    let (rest, number) = num(i)?;
    // `19-2017/NQ-CP`: the Government's yearly resolutions put the year after a hyphen.
    let (rest, dash_year) = opt((satisfy(is_dash), year)).parse(rest)?;
    // White space may stand anywhere around the slashes, a line break too (`12 /QĐ-UBND`,
    // `1234/ UBND-VP`, `12/2011/ QĐ-TTg`, `1234/⏎QĐ-UBND`).
    let (rest, _) = (sp0, slash, sp0).parse(rest)?;
    let (rest, yr) = match dash_year {
        Some((_, y)) => (rest, Some(y)),
        None => opt((year, sp0, slash, sp0))
            .map(|y| y.map(|(y, ..)| y))
            .parse(rest)?,
    };
    let (rest, code) = state_code(rest)?;
    if rest.starts_with(crate::lex::is_alnum) {
        return expected_at(rest, Expected::SymbolEnd);
    }
    // `646/QĐ/QUTW`: a party number with the hyphen written as a slash.
    if code.count == 1 && yr.is_none() {
        if let (Some(t), Ok((after, _))) = (party_type(code.first), slash(rest)) {
            if let Ok((after, issuer)) = party_issuer_code(after) {
                let sym = Symbol {
                    kind: CitationKind::Party,
                    number,
                    type_code: TypeCode::Party(t),
                    issuer,
                    form: IssuerForm::Party,
                    year: None,
                    malformed: true,
                    loose: false,
                    mark: footnote_mark(after),
                };
                return Ok((after, sym));
            }
        }
    }
    let unit = code.first;
    let sym = if code.count == 1 {
        // `80/2015/QH13`: laws and resolutions of the National Assembly, whose type is in the
        // prose; `100/TTg`: old state numbers without a type code.
        if !((yr.is_some() && is_assembly(unit)) || matches!(unit, "TTg" | "CP" | "CTN")) {
            return expected_at(i, Expected::StateSymbolParts);
        }
        Symbol {
            kind: CitationKind::State,
            number,
            type_code: TypeCode::None,
            issuer: unit,
            form: IssuerForm::State,
            year: yr,
            malformed: false,
            loose: false,
            mark: 0,
        }
    } else if party_type(unit).is_some() && party_issuer_in(code.others, PARTY_ISSUERS) {
        // `22/CT-TW`, `181/QĐ-TW`, `12/2009/NQ-TW`: a party number written in state order,
        // with or without the year.
        Symbol {
            kind: CitationKind::Party,
            number,
            type_code: TypeCode::Party(party_type(unit).unwrap_or("NQ")),
            issuer: code.others,
            form: IssuerForm::Party,
            year: yr,
            malformed: true,
            loose: false,
            mark: 0,
        }
    } else {
        Symbol {
            kind: CitationKind::State,
            number,
            type_code: TypeCode::State(unit),
            issuer: code.others,
            form: IssuerForm::State,
            year: yr,
            malformed: false,
            loose: false,
            mark: 0,
        }
    };
    Ok((rest, sym))
}

/// doc_no = party_no | state_no
pub(crate) fn doc_no(i: &str) -> PResult<'_, Symbol<'_>> {
    // What follows the digits decides which shapes are possible: a slash only a state number,
    // a letter only a party number (`858CV/ĐUK`). Callers keep no error from here (the strict
    // parsers ask `party_no` and `state_no` themselves), so skipping a branch loses nothing.
    let after = i.trim_start_matches(|c: char| c.is_ascii_digit());
    match after.chars().next() {
        Some(c) if is_slash(c) => state_no(i),
        Some(c) if is_code_letter(c) => party_no(i),
        Some(c) if is_dash(c) || is_space(c) => alt((party_no, state_no)).parse(i),
        _ => expected_at(i, Expected::DocumentNumberExample),
    }
}

/// True when `c` may not directly precede a document number (it would be part of a longer token).
pub(crate) fn blocks_number_start(c: char) -> bool {
    crate::lex::is_word_char(c) || is_slash(c) || c == '.' || c == ',' || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn party(s: &str) -> (u32, String, String) {
        let (_, sym) = doc_no(s).unwrap();
        assert_eq!(sym.kind, CitationKind::Party, "{s}");
        (sym.number, sym.type_code().unwrap(), sym.issuer_code())
    }

    fn t(n: u32, ty: &str, iss: &str) -> (u32, String, String) {
        (n, ty.to_owned(), iss.to_owned())
    }

    #[test]
    fn party_numbers_and_variants() {
        assert_eq!(party("04-NQ/TW"), t(4, "NQ", "TW"));
        assert_eq!(party("08-QĐi/TW"), t(8, "QĐi", "TW"));
        assert_eq!(party("07-QĐI/TW"), t(7, "QĐi", "TW"));
        assert_eq!(party("40 – CT/TW"), t(40, "CT", "TW"));
        assert_eq!(party("05- CT/TW"), t(5, "CT", "TW"));
        assert_eq!(party("16 -\nHD/BTCTW"), t(16, "HD", "BTCTW"));
        assert_eq!(party("13-NQ/TƯ"), t(13, "NQ", "TW"));
        assert_eq!(party("05-ct/tw"), t(5, "CT", "TW"));
        assert_eq!(party("22-QD/TW"), t(22, "QĐ", "TW"));
        assert_eq!(party("55-QÐ/TW"), t(55, "QĐ", "TW"));
        assert_eq!(party("05-Ctr/ĐUK"), t(5, "CTr", "ĐUK"));
        assert_eq!(party("858CV/ĐUK"), t(858, "CV", "ĐUK"));
        assert_eq!(party("31-QĐ/ĐU-MTTW"), t(31, "QĐ", "ĐU-MTTW"));
        assert_eq!(party("343-QĐNS/TW"), t(343, "QĐNS", "TW"));
        assert_eq!(party("10845-CV/VPTW"), t(10845, "CV", "VPTW"));
        for code in [
            "NQ", "QĐ", "QĐi", "CT", "KL", "QC", "HD", "TB", "CTr", "BC", "KH", "CV", "TTr", "ĐA",
            "TT", "BS",
        ] {
            assert_eq!(party(&format!("1-{code}/TU")).1, code);
        }
    }

    #[test]
    fn mis_ordered_forms() {
        assert_eq!(party("22/CT-TW"), t(22, "CT", "TW"));
        assert_eq!(party("11/QĐi-TW"), t(11, "QĐi", "TW"));
        assert_eq!(party("646/QĐ/QUTW"), t(646, "QĐ", "QUTW"));
        let (_, s) = doc_no("824-QĐ/TTg").unwrap();
        assert_eq!(
            (s.kind, s.issuer_code().as_str()),
            (CitationKind::State, "TTg")
        );
    }

    #[test]
    fn state_numbers() {
        let (_, s) = doc_no("30/2020/NĐ-CP").unwrap();
        assert_eq!(
            (
                s.number,
                s.year,
                s.type_code().as_deref(),
                s.issuer_code().as_str()
            ),
            (30, Some(2020), Some("NĐ"), "CP")
        );
        assert_eq!(s.symbol(), "NĐ-CP");
        let (_, s) = doc_no("1847/QĐ-TTg").unwrap();
        assert_eq!(
            (s.number, s.year, s.symbol()),
            (1847, None, "QĐ-TTg".to_owned())
        );
        let (_, s) = doc_no("80/2015/QH13").unwrap();
        assert_eq!(
            (s.number, s.year, s.type_code(), s.symbol()),
            (80, Some(2015), None, "QH13".to_owned())
        );
        let (_, s) = doc_no("1211/2016/UBTVQH13").unwrap();
        assert_eq!(s.issuer_code(), "UBTVQH13");
        let (_, s) = doc_no("1161/QĐ-MTTW-BTT").unwrap();
        assert_eq!(s.issuer_code(), "MTTW-BTT");
        let (_, s) = doc_no("1206 /QĐ-HVTC").unwrap();
        assert_eq!(s.number, 1206);
        let (_, s) = doc_no("116/2020/NĐ - CP").unwrap();
        assert_eq!(s.symbol(), "NĐ-CP");
        let (rest, s) = doc_no("1847/QĐ-TTg - Thủ tướng").unwrap();
        assert_eq!((s.symbol().as_str(), rest), ("QĐ-TTg", " - Thủ tướng"));
        let (_, s) = doc_no("19-2017/NQ-CP").unwrap();
        assert_eq!(
            (s.number, s.year, s.symbol()),
            (19, Some(2017), "NQ-CP".to_owned())
        );
        let (_, s) = doc_no("100/TTg").unwrap();
        assert_eq!((s.type_code(), s.issuer_code().as_str()), (None, "TTg"));
    }

    #[test]
    fn shapes_of_real_pages() {
        let state = |s: &str| {
            let (_, sym) = doc_no(s).unwrap();
            assert_eq!(sym.kind, CitationKind::State, "{s}");
            (sym.number, sym.symbol())
        };
        assert_eq!(state("1234/ UBND-VP"), (1234, "UBND-VP".to_owned()));
        assert_eq!(state("15/CT - TTg"), (15, "CT-TTg".to_owned()));
        assert_eq!(state("15/CT -TTg"), (15, "CT-TTg".to_owned()));
        assert_eq!(state("12 /QĐ-UBND"), (12, "QĐ-UBND".to_owned()));
        assert_eq!(state("12/2011/ QĐ-TTg"), (12, "QĐ-TTg".to_owned()));
        assert_eq!(state("2560/QĐ-\nUBND"), (2560, "QĐ-UBND".to_owned()));
        assert_eq!(state("88/\nKH-UBND"), (88, "KH-UBND".to_owned()));
        // `&` between two capitals on each side; the canonical code drops it (`TT-BGDĐT`).
        assert_eq!(state("22/2021/TT-BGD&ĐT"), (22, "TT-BGDĐT".to_owned()));
        assert_eq!(state("312/SNN&PTNT-KH"), (312, "SNNPTNT-KH".to_owned()));
        assert_eq!(doc_no("12/M&A-VN").map(|(_, s)| s.issuer_code()).ok(), None);
        let (rest, s) = doc_no("2500/QĐ-BGDĐT&nbsp;").unwrap();
        assert_eq!((s.symbol().as_str(), rest), ("QĐ-BGDĐT", "&nbsp;"));
        // Party documents in state order, with the year.
        let (_, s) = doc_no("12/2009/NQ-TW").unwrap();
        assert_eq!(
            (s.kind, s.symbol(), s.year),
            (CitationKind::Party, "NQ/TW".to_owned(), Some(2009))
        );
        // The lost hyphen: a number only inside a citation phrase.
        let (_, s) = doc_no("26 NQ/TW").unwrap();
        assert_eq!(
            (s.kind, s.symbol().as_str(), s.needs_phrase()),
            (CitationKind::Party, "NQ/TW", true)
        );
        assert!(!doc_no("26-NQ/TW").unwrap().1.needs_phrase());
        // Footnote marks: not part of the issuer; assembly numbers keep their digits.
        let (rest, s) = doc_no("26-NQ/TW3 ngày").unwrap();
        assert_eq!(
            (s.issuer_code().as_str(), s.after_mark(rest)),
            ("TW", " ngày")
        );
        assert_eq!(doc_no("26-NQ/TW123").unwrap().1.after_mark("123"), "123");
        assert_eq!(state("80/2015/QH13").1, "QH13");
        assert_eq!(
            doc_no("1211/2016/UBTVQH14").unwrap().1.issuer_code(),
            "UBTVQH14"
        );
    }

    #[test]
    fn open_class_party_codes_need_an_agreeing_type_word() {
        let cthd = OpenCodes::new("CTHĐ", "CTR");
        let (_, s) = party_no_with("26-CTHĐ/TU", Some(&cthd)).unwrap();
        assert_eq!(
            (s.type_code().as_deref(), s.symbol().as_str()),
            (Some("CTHĐ"), "CTHĐ/TU")
        );
        let qd = OpenCodes::new("QĐ", "QĐ");
        let (_, s) = party_no_with("125-QĐ-BTV/HU", Some(&qd)).unwrap();
        assert_eq!(s.symbol(), "QĐ-BTV/HU");
        // The type word disagrees (`Quyết định số 1517- VC/ĐT`), or there is none.
        assert!(party_no_with("1517- VC/ĐT", Some(&qd)).is_err());
        assert!(party_no_with("26-CTHĐ/TU", None).is_err());
        assert!(doc_no("123-AB/XYZ").is_err());
        assert_eq!(initials("Chương trình hành động"), "CTHĐ");
    }

    #[test]
    fn codes_are_latin() {
        // A Hangul syllable is no code letter (its NFD jamo would give another code).
        assert_eq!(doc_no("04-NQ/TW가").unwrap().0, "가");
        assert!(doc_no("30/2020/NĐ-CPД").is_err());
    }

    #[test]
    fn look_alikes_are_rejected() {
        for s in [
            "57/59",
            "67/134",
            "15-20%",
            "6-10/2",
            "25-28/2",
            "123-AB/XYZ",
            "123456-NQ/TW",
            "24/7",
            "12/2016",
            "5/h",
        ] {
            assert!(doc_no(s).is_err(), "{s}");
        }
    }
}
