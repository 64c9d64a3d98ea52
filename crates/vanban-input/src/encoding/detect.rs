//! `auto`: which encoding a byte string is in.
//!
//! 1. A BOM decides (UTF-8, UTF-16 LE/BE); so does the NUL pattern of BOM-less UTF-16.
//! 2. Valid UTF-8 is UTF-8. Bytes that are *mostly* valid UTF-8 (at least twice as many valid
//!    multi-byte sequences as runs of bad bytes) are UTF-8 with a corrupt byte: an error with its offset, never
//!    a legacy decode.
//! 3. Otherwise each legacy encoding decodes a sample, and its words are checked against the
//!    shape of Vietnamese syllables (onset, vowel cluster, final, one tone, stop finals only with
//!    the acute or dot tone); fixed phrases (`Đảng`, `Cộng sản`, `Nghị quyết`, `Ban Chấp hành` …)
//!    and font names (`.VnTime` → TCVN3, `VNI-Times` → VNI) add evidence. The winner needs enough
//!    valid words, few invalid ones and a clear margin over the runner-up.
//! 4. Failing that, text that reads cleanly as Windows-1252 (letters where its high bytes are) is
//!    Windows-1252: English, Spanish or German text is never read as TCVN3 or VNI. Anything else is
//!    an error naming the likely encodings.
use unicode_normalization::UnicodeNormalization;

use super::{DecodeError, Encoding, LEGACY, decode_as};

/// How much of the input detection reads.
const SAMPLE: usize = 1 << 18;

/// Pick the encoding of `bytes` (see the module documentation).
pub fn detect(bytes: &[u8]) -> Result<Encoding, DecodeError> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return Ok(Encoding::Utf8);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Ok(Encoding::Utf16Le);
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Ok(Encoding::Utf16Be);
    }
    if let Some(e) = bomless_utf16(bytes) {
        return Ok(e);
    }
    let first_bad = match std::str::from_utf8(bytes) {
        Ok(_) => return Ok(Encoding::Utf8),
        Err(e) => e.valid_up_to(),
    };
    let (valid, bad) = utf8_shape(bytes);
    if valid >= 1 && valid >= 2 * bad {
        return Err(DecodeError::InvalidUtf8 { offset: first_bad });
    }
    legacy(bytes, first_bad)
}

/// UTF-16 without a BOM: most code units have a NUL on the same side.
fn bomless_utf16(bytes: &[u8]) -> Option<Encoding> {
    if bytes.len() < 4 || bytes.len() % 2 == 1 {
        return None;
    }
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    let units = sample.len() / 2;
    let hi_zero = sample
        .chunks_exact(2)
        .filter(|p| p[1] == 0 && p[0] != 0)
        .count();
    let lo_zero = sample
        .chunks_exact(2)
        .filter(|p| p[0] == 0 && p[1] != 0)
        .count();
    let e = if hi_zero * 10 >= units * 3 && lo_zero * 20 < units {
        Encoding::Utf16Le
    } else if lo_zero * 10 >= units * 3 && hi_zero * 20 < units {
        Encoding::Utf16Be
    } else {
        return None;
    };
    decode_as(bytes, e).ok().map(|_| e)
}

/// (valid multi-byte UTF-8 sequences, runs of invalid bytes) over the whole input.
fn utf8_shape(mut bytes: &[u8]) -> (usize, usize) {
    let (mut valid, mut bad) = (0, 0);
    let mut in_bad_run = false;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => return (valid + s.bytes().filter(|&b| b >= 0xC0).count(), bad),
            Err(e) => {
                let ok = &bytes[..e.valid_up_to()];
                valid += ok.iter().filter(|&&b| b >= 0xC0).count();
                // A corrupt byte breaks the sequence it sits in: count the run once.
                if !(in_bad_run && ok.is_empty()) {
                    bad += 1;
                }
                in_bad_run = true;
                let skip = e.error_len().unwrap_or(bytes.len() - e.valid_up_to());
                bytes = &bytes[e.valid_up_to() + skip..];
            }
        }
    }
}

/// The evidence for one candidate.
#[derive(Debug, Default, Clone, Copy)]
struct Evidence {
    valid: usize,
    invalid: usize,
    controls: usize,
    phrases: usize,
    fonts: usize,
}

impl Evidence {
    fn score(self) -> i64 {
        self.valid as i64 - 3 * self.invalid as i64 - 5 * self.controls as i64
            + 10 * self.phrases as i64
            + 20 * self.fonts as i64
    }

    /// Enough evidence to decide on its own.
    fn decisive(self) -> bool {
        let words = self.valid + self.invalid;
        self.valid * 4 >= words * 3
            && self.controls * 50 <= self.valid.max(1)
            && (self.valid >= 8
                || self.phrases >= 1 && self.valid >= 3
                || self.fonts >= 1 && self.valid >= 2)
    }

    /// Some evidence: worth naming in an error.
    fn plausible(self) -> bool {
        self.valid >= 1 && self.valid * 2 >= self.valid + self.invalid
    }
}

/// Phrases whose presence is strong evidence of a correct Vietnamese decode (lower case).
const PHRASES: [&str; 10] = [
    "đảng",
    "cộng sản",
    "việt nam",
    "nghị quyết",
    "ban chấp hành",
    "xã hội chủ nghĩa",
    "trung ương",
    "của",
    "được",
    "những",
];

fn evidence(bytes: &[u8], e: Encoding) -> Evidence {
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    let Ok(d) = decode_as(sample, e) else {
        return Evidence::default();
    };
    let mut ev = Evidence {
        controls: d
            .text
            .chars()
            .filter(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
            .count(),
        fonts: fonts(sample, e),
        ..Evidence::default()
    };
    for w in d.text.split(|c: char| !c.is_alphabetic()) {
        // ASCII words say nothing; nor do codes such as QĐ, NĐ, BCSĐ (Đ is the only mark).
        if w.is_ascii() || w.chars().all(|c| c.is_ascii_uppercase() || c == 'Đ') {
            continue;
        }
        if is_syllable(w) {
            ev.valid += 1;
        } else {
            ev.invalid += 1;
        }
    }
    let lower = d.text.to_lowercase();
    ev.phrases = PHRASES.iter().map(|p| lower.matches(p).count()).sum();
    ev
}

/// Font names that give the encoding away (`.VnTime`, `.VnArialH` → TCVN3; `VNI-Times` → VNI).
fn fonts(sample: &[u8], e: Encoding) -> usize {
    let needle: &[u8] = match e {
        Encoding::Tcvn3 => b".vn",
        Encoding::Vni => b"vni-",
        _ => return 0,
    };
    let lower = sample.to_ascii_lowercase();
    memchr::memmem::find_iter(&lower, needle)
        .filter(|&k| {
            lower
                .get(k + needle.len())
                .is_some_and(u8::is_ascii_alphabetic)
        })
        .count()
}

fn legacy(bytes: &[u8], offset: usize) -> Result<Encoding, DecodeError> {
    let mut ranked: Vec<(Encoding, Evidence)> =
        LEGACY.iter().map(|&e| (e, evidence(bytes, e))).collect();
    ranked.sort_by_key(|(e, ev)| (-ev.score(), *e));
    let (best, ev) = ranked[0];
    let runner_up = ranked[1].1.score();
    let margin = (ev.score() - runner_up) as f64;
    if ev.decisive() && margin >= 3.0 && margin >= 0.15 * ev.score() as f64 {
        return Ok(best);
    }
    let likely: Vec<Encoding> = ranked
        .iter()
        .filter(|(_, ev)| ev.plausible())
        .map(|&(e, _)| e)
        .collect();
    if likely.is_empty() && reads_as_cp1252(bytes) {
        return Ok(Encoding::Cp1252);
    }
    Err(DecodeError::Undetermined { offset, likely })
}

/// Windows-1252 text: no undefined bytes, no C0 controls, and its high bytes are letters within
/// words or common punctuation.
fn reads_as_cp1252(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    let Ok(d) = decode_as(sample, Encoding::Cp1252) else {
        return false;
    };
    let (mut letters, mut other) = (0usize, 0usize);
    for c in d.text.chars().filter(|c| !c.is_ascii()) {
        if c.is_control() {
            return false;
        }
        if c.is_alphabetic() || "‘’“”–—…€£°«»·•©®§¿¡ ".contains(c) {
            letters += 1;
        } else {
            other += 1;
        }
    }
    d.text
        .chars()
        .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        && other * 10 <= letters
}

/// Whether `word` has the shape of one Vietnamese syllable (any case, NFC).
pub(crate) fn is_syllable(word: &str) -> bool {
    let lower = word.to_lowercase();
    let mut tone = None;
    let mut base = String::with_capacity(lower.len());
    for c in lower.nfd() {
        match c {
            '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}' => {
                if tone.replace(c).is_some() {
                    return false;
                }
            }
            c => base.push(c),
        }
    }
    let base: String = base.nfc().collect();
    const ONSETS: [&str; 27] = [
        "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu", "b", "c", "d", "đ", "g",
        "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
    ];
    const FINALS: [&str; 8] = ["ch", "ng", "nh", "c", "m", "n", "p", "t"];
    const NUCLEI: [&str; 53] = [
        "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu",
        "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "oo", "ua", "uâ",
        "uê", "ui", "uô", "uơ", "ưa", "ưi", "ưu", "ươ", "uy", "yê", "oai", "oay", "uây", "uôi",
        "ươi", "ươu", "uya", "uyê", "iêu", "yêu", "oeo",
    ];
    let onset = ONSETS
        .iter()
        .find(|o| base.starts_with(*o))
        .map_or("", |o| o);
    let rest = &base[onset.len()..];
    let fin = FINALS
        .iter()
        .find(|f| rest.ends_with(*f) && rest.len() > f.len())
        .map_or("", |f| f);
    let mut nucleus = &rest[..rest.len() - fin.len()];
    if nucleus.is_empty() && onset == "gi" {
        nucleus = "i";
    }
    if !NUCLEI.contains(&nucleus) {
        return false;
    }
    // Stop finals carry only the acute or the dot-below tone.
    let stop = matches!(fin, "c" | "ch" | "p" | "t");
    !stop || matches!(tone, Some('\u{301}' | '\u{323}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables() {
        for w in [
            "Nghị",
            "quyết",
            "Đảng",
            "Cộng",
            "sản",
            "Việt",
            "những",
            "người",
            "được",
            "khoá",
            "gì",
            "giữa",
            "THƯỜNG",
            "uỷ",
            "ủy",
            "chuyện",
            "khuya",
            "nghiêng",
        ] {
            assert!(is_syllable(w), "{w}");
        }
        for w in [
            "café", "schön", "Müller", "año", "mát", "über", "straße", "ChÊp", "hµnh", "viÖt",
            "cộc̀",
        ] {
            if w == "mát" {
                assert!(is_syllable(w));
                continue;
            }
            assert!(!is_syllable(w), "{w}");
        }
        // A stop final with a level tone is not Vietnamese.
        assert!(!is_syllable("màt"));
    }
}
