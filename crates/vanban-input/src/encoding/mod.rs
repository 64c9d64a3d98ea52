//! Character encodings: UTF-8, UTF-16 and the legacy Vietnamese code pages, decoded with a map
//! back to the input's bytes, and the evidence-based choice among them (`auto`).
//!
//! The tables are generated from published standards data (scripts/gen_tables.py). TCVN3 is the
//! full TCVN 5712:1993 table, toned capitals in C0 bytes included; Windows-1258 and TCVN3 carry
//! tones as combining marks, which are composed (NFC) with each composed letter mapped to all the
//! bytes it came from.
use std::fmt;

use crate::map::{MAX_INPUT, OffsetMap, TextBuilder, compose};

mod detect;
mod tables;

pub use detect::detect;

/// An encoding vanban can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Encoding {
    /// UTF-8 (a leading BOM is skipped).
    Utf8,
    /// UTF-16, little-endian.
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
    /// TCVN 5712:1993 (TCVN3, ABC, the `.VnTime` fonts).
    Tcvn3,
    /// VNI-Windows (the `VNI-Times` fonts): letters as a base byte plus a mark byte.
    Vni,
    /// VISCII (RFC 1456).
    Viscii,
    /// Windows-1258 (tones as combining marks).
    Cp1258,
    /// Windows-1252: not Vietnamese; what auto-detection reads Western European text as.
    Cp1252,
}

/// The legacy Vietnamese encodings, in the order detection reports them.
pub const LEGACY: [Encoding; 4] = [
    Encoding::Tcvn3,
    Encoding::Vni,
    Encoding::Viscii,
    Encoding::Cp1258,
];

impl Encoding {
    /// The name used by `--encoding`, JSON records and Python (`utf-8`, `tcvn3`, …).
    pub fn name(self) -> &'static str {
        match self {
            Self::Utf8 => "utf-8",
            Self::Utf16Le => "utf-16le",
            Self::Utf16Be => "utf-16be",
            Self::Tcvn3 => "tcvn3",
            Self::Vni => "vni",
            Self::Viscii => "viscii",
            Self::Cp1258 => "cp1258",
            Self::Cp1252 => "cp1252",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What the caller asks for: one encoding, UTF-16 of either byte order, or detection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Choice {
    /// BOM, else valid UTF-8, else the legacy encodings by evidence.
    #[default]
    Auto,
    /// UTF-16 in the byte order its BOM gives (little-endian without one).
    Utf16,
    /// Exactly this encoding.
    Only(Encoding),
}

impl Choice {
    /// Parse a name: `auto`, `utf-8`, `utf-16`, `utf-16le`, `utf-16be`, `cp1258`, `tcvn3`, `vni`,
    /// `viscii`, `cp1252` (case-insensitive; `utf8`, `windows-1258`, `tcvn`, `abc` accepted too).
    pub fn from_name(name: &str) -> Option<Self> {
        let n = name.trim().to_ascii_lowercase().replace('_', "-");
        Some(match n.as_str() {
            "auto" => Self::Auto,
            "utf-8" | "utf8" => Self::Only(Encoding::Utf8),
            "utf-16" | "utf16" => Self::Utf16,
            "utf-16le" => Self::Only(Encoding::Utf16Le),
            "utf-16be" => Self::Only(Encoding::Utf16Be),
            "tcvn3" | "tcvn" | "tcvn5712" | "tcvn-5712" | "tcvn5712-1" | "abc" => {
                Self::Only(Encoding::Tcvn3)
            }
            "vni" | "vni-windows" => Self::Only(Encoding::Vni),
            "viscii" => Self::Only(Encoding::Viscii),
            "cp1258" | "windows-1258" => Self::Only(Encoding::Cp1258),
            "cp1252" | "windows-1252" | "latin1" | "iso-8859-1" => Self::Only(Encoding::Cp1252),
            _ => return None,
        })
    }

    /// The names [`Choice::from_name`] documents, for error messages.
    pub const NAMES: &'static str = "auto, utf-8, utf-16, cp1258, tcvn3, vni, viscii, cp1252";
}

/// Why bytes could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Not UTF-8: the first bad byte.
    InvalidUtf8 {
        /// Byte offset of the first byte that is not valid UTF-8.
        offset: usize,
    },
    /// Not UTF-16: an odd length or an unpaired surrogate.
    InvalidUtf16 {
        /// Byte offset of the bad code unit.
        offset: usize,
    },
    /// Not UTF-8, and the evidence for one legacy encoding is too weak.
    Undetermined {
        /// Byte offset of the first byte that is not valid UTF-8.
        offset: usize,
        /// The most likely encodings, best first (may be empty).
        likely: Vec<Encoding>,
    },
    /// Larger than [`MAX_INPUT`] bytes.
    TooLarge {
        /// The input's length.
        len: usize,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidUtf8 { offset } => write!(f, "invalid UTF-8 at byte offset {offset}"),
            Self::InvalidUtf16 { offset } => write!(f, "invalid UTF-16 at byte offset {offset}"),
            Self::Undetermined { offset, likely } if likely.is_empty() => write!(
                f,
                "invalid UTF-8 at byte offset {offset}, and not recognisably a Vietnamese legacy encoding; name one with --encoding ({})",
                Choice::NAMES
            ),
            Self::Undetermined { offset, likely } => {
                let names: Vec<&str> = likely.iter().map(|e| e.name()).collect();
                write!(
                    f,
                    "invalid UTF-8 at byte offset {offset}, and too little text to tell a legacy encoding (likely {}); name it with --encoding {}",
                    names.join(" or "),
                    names[0]
                )
            }
            Self::TooLarge { len } => {
                write!(
                    f,
                    "input of {len} bytes is larger than the {MAX_INPUT}-byte limit"
                )
            }
        }
    }
}

impl std::error::Error for DecodeError {}

/// A decoded text, its map back to the input's bytes, and the encoding it was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text (NFC where the encoding carried tones as combining marks).
    pub text: String,
    /// Text byte offsets → input byte offsets.
    pub map: OffsetMap,
    /// The encoding used.
    pub encoding: Encoding,
}

/// Decode `bytes` as `choice` says.
pub fn decode(bytes: &[u8], choice: Choice) -> Result<Decoded, DecodeError> {
    if bytes.len() > MAX_INPUT {
        return Err(DecodeError::TooLarge { len: bytes.len() });
    }
    let encoding = match choice {
        Choice::Only(e) => e,
        Choice::Utf16 => match bytes {
            [0xFE, 0xFF, ..] => Encoding::Utf16Be,
            _ => Encoding::Utf16Le,
        },
        Choice::Auto => detect(bytes)?,
    };
    decode_as(bytes, encoding)
}

/// Decode `bytes` in `encoding` (no detection).
pub fn decode_as(bytes: &[u8], encoding: Encoding) -> Result<Decoded, DecodeError> {
    if bytes.len() > MAX_INPUT {
        return Err(DecodeError::TooLarge { len: bytes.len() });
    }
    let (text, map) = match encoding {
        Encoding::Utf8 => utf8(bytes)?,
        Encoding::Utf16Le => utf16(bytes, u16::from_le_bytes, [0xFF, 0xFE])?,
        Encoding::Utf16Be => utf16(bytes, u16::from_be_bytes, [0xFE, 0xFF])?,
        Encoding::Tcvn3 => single_byte(bytes, &tables::TCVN3),
        Encoding::Viscii => single_byte(bytes, &tables::VISCII),
        Encoding::Cp1258 => single_byte(bytes, &tables::CP1258),
        Encoding::Cp1252 => single_byte(bytes, &tables::CP1252),
        Encoding::Vni => vni(bytes),
    };
    Ok(Decoded {
        text,
        map,
        encoding,
    })
}

fn utf8(bytes: &[u8]) -> Result<(String, OffsetMap), DecodeError> {
    let skip = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let text = std::str::from_utf8(&bytes[skip..]).map_err(|e| DecodeError::InvalidUtf8 {
        offset: skip + e.valid_up_to(),
    })?;
    if skip == 0 {
        return Ok((text.to_owned(), OffsetMap::identity(text.len())));
    }
    let mut b = TextBuilder::with_capacity(text.len());
    b.verbatim(text, skip);
    Ok(b.finish(bytes.len()))
}

fn utf16(
    bytes: &[u8],
    unit: fn([u8; 2]) -> u16,
    bom: [u8; 2],
) -> Result<(String, OffsetMap), DecodeError> {
    let skip = if bytes.starts_with(&bom) { 2 } else { 0 };
    let body = &bytes[skip..];
    if body.len() % 2 == 1 {
        return Err(DecodeError::InvalidUtf16 {
            offset: bytes.len() - 1,
        });
    }
    let units = body.chunks_exact(2).map(|p| unit([p[0], p[1]]));
    let mut b = TextBuilder::with_capacity(body.len());
    let mut at = skip;
    for r in char::decode_utf16(units) {
        let c = r.map_err(|_| DecodeError::InvalidUtf16 { offset: at })?;
        let n = 2 * c.len_utf16();
        b.atom_char(c, at..at + n);
        at += n;
    }
    Ok(b.finish(bytes.len()))
}

fn single_byte(bytes: &[u8], table: &[char; 256]) -> (String, OffsetMap) {
    let mut b = TextBuilder::with_capacity(bytes.len() + bytes.len() / 2);
    let mut k = 0;
    while k < bytes.len() {
        // ASCII runs are the same bytes in every table but TCVN3's and VISCII's C0 letters.
        let run = bytes[k..]
            .iter()
            .take_while(|&&x| (0x20..0x80).contains(&x) || matches!(x, b'\n' | b'\r' | b'\t'))
            .count();
        if run > 0 {
            // The run is ASCII, hence valid UTF-8.
            let s = std::str::from_utf8(&bytes[k..k + run]).unwrap_or_default();
            b.verbatim(s, k);
            k += run;
            continue;
        }
        b.atom_char(table[usize::from(bytes[k])], k..k + 1);
        k += 1;
    }
    let (text, map) = b.finish(bytes.len());
    compose(text, map)
}

fn vni(bytes: &[u8]) -> (String, OffsetMap) {
    let mut b = TextBuilder::with_capacity(bytes.len() + bytes.len() / 2);
    let mut k = 0;
    while k < bytes.len() {
        let x = bytes[k];
        if let Some(&y) = bytes.get(k + 1)
            && y >= 0x80
            && let Some(c) = vni_pair(x, y)
        {
            b.atom_char(c, k..k + 2);
            k += 2;
            continue;
        }
        let c = vni_single(x).unwrap_or(tables::CP1252[usize::from(x)]);
        b.atom_char(c, k..k + 1);
        k += 1;
    }
    b.finish(bytes.len())
}

/// The letter a VNI base byte and mark byte stand for.
fn vni_pair(x: u8, y: u8) -> Option<char> {
    vni_index()
        .pairs
        .binary_search_by_key(&(x, y), |&(a, b, _)| (a, b))
        .ok()
        .map(|k| vni_index().pairs[k].2)
}

/// The letter a VNI single byte stands for (ñ → đ, ô → ơ, ö → ư, æ → ỉ, …).
fn vni_single(x: u8) -> Option<char> {
    (x >= 0x80).then(|| vni_index().single[usize::from(x - 0x80)])?
}

struct VniIndex {
    pairs: Vec<(u8, u8, char)>,
    single: [Option<char>; 128],
}

fn vni_index() -> &'static VniIndex {
    static INDEX: std::sync::OnceLock<VniIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut pairs = Vec::new();
        let mut single = [None; 128];
        for &(c, bs) in tables::VNI {
            match *bs {
                [x] if x >= 0x80 => single[usize::from(x - 0x80)] = Some(c),
                [x, y] => pairs.push((x, y, c)),
                _ => {}
            }
        }
        pairs.sort_unstable();
        VniIndex { pairs, single }
    })
}

/// A character that the encoding cannot represent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unencodable {
    /// The character.
    pub ch: char,
    /// Its byte offset in the text.
    pub offset: usize,
}

impl fmt::Display for Unencodable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "U+{:04X} at byte offset {} cannot be encoded",
            u32::from(self.ch),
            self.offset
        )
    }
}

impl std::error::Error for Unencodable {}

/// Encode `text` in `encoding`: the inverse of [`decode_as`] on the characters the encoding has
/// (used to make fixtures and to measure; a letter a table lacks precomposed is written as its
/// base letter and a combining mark where the table has those).
pub fn encode(text: &str, encoding: Encoding) -> Result<Vec<u8>, Unencodable> {
    use unicode_normalization::UnicodeNormalization;
    let mut out = Vec::with_capacity(text.len());
    match encoding {
        Encoding::Utf8 => out.extend_from_slice(text.as_bytes()),
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let le = encoding == Encoding::Utf16Le;
            out.extend_from_slice(if le { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
            for u in text.encode_utf16() {
                out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
            }
        }
        Encoding::Vni => {
            for (offset, ch) in text.char_indices() {
                if ch.is_ascii() {
                    out.push(ch as u8);
                } else if let Ok(k) = tables::VNI.binary_search_by_key(&ch, |&(c, _)| c) {
                    out.extend_from_slice(tables::VNI[k].1);
                } else if let Some(b) =
                    reverse(&tables::CP1252, ch).filter(|&b| vni_single(b).is_none())
                {
                    out.push(b);
                } else {
                    return Err(Unencodable { ch, offset });
                }
            }
        }
        Encoding::Tcvn3 | Encoding::Viscii | Encoding::Cp1258 | Encoding::Cp1252 => {
            let table = match encoding {
                Encoding::Tcvn3 => &tables::TCVN3,
                Encoding::Viscii => &tables::VISCII,
                Encoding::Cp1258 => &tables::CP1258,
                _ => &tables::CP1252,
            };
            for (offset, ch) in text.char_indices() {
                if let Some(b) = reverse(table, ch) {
                    out.push(b);
                    continue;
                }
                // Base letter (with its vowel mark where the table has it) + tone mark.
                let (tones, rest): (Vec<char>, Vec<char>) =
                    ch.to_string().nfd().partition(|c| TONE_MARKS.contains(c));
                let base: String = rest.iter().collect::<String>().nfc().collect();
                let mut bytes: Vec<u8> = Vec::new();
                for c in base.chars().chain(tones) {
                    match reverse(table, c) {
                        Some(b) => bytes.push(b),
                        None => return Err(Unencodable { ch, offset }),
                    }
                }
                if bytes.len() < 2 {
                    return Err(Unencodable { ch, offset });
                }
                out.extend_from_slice(&bytes);
            }
        }
    }
    Ok(out)
}

/// The five Vietnamese tone marks, as combining characters.
const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// The byte a table maps to `ch`, preferring printable bytes over C0/C1 ones.
fn reverse(table: &[char; 256], ch: char) -> Option<u8> {
    if ch.is_ascii() {
        return (table[ch as usize] == ch).then_some(ch as u8);
    }
    let printable = |b: usize| b >= 0xA0 || (0x20..0x80).contains(&b);
    let mut hits = (0..256).filter(|&b| table[b] == ch);
    let first = hits.next()?;
    Some(if printable(first) {
        first
    } else {
        hits.find(|&b| printable(b)).unwrap_or(first)
    } as u8)
}
