//! The end of a formal document: signature block and `Nơi nhận:` (docs/formats.md §5.5).
//!
//! ```text
//! authority  = ("T/M" | "K/T" | "T/L" | "TM." | "KT." | "TL." | "TUQ." | "Q.") sp CAPS_TEXT
//! position   = CAPS_TEXT opening with a title word (BÍ THƯ, PHÓ …, TRƯỞNG BAN, CHÁNH VĂN PHÒNG …)
//! signer     = name_word (sp name_word){1,4}       after an optional "(đã ký)"
//! recipients = "Nơi nhận" [":"] [item] (NL bullet item)*
//! ```
use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::char;
use nom::combinator::opt;
use vanban_model::{Signature, Span};

use super::lex::{R, any_kw, fail, hsp0, is_capitalised, is_dash, is_upper_text, kw, trim};
use crate::source::Source;

/// Title words a signer's position opens with: the lexicon's titles (`lexicon::SIGNER`).
fn position_heads() -> &'static [&'static str] {
    static H: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    H.get_or_init(|| crate::lexicon::titles(crate::lexicon::SIGNER).collect())
}

/// authority = marker sp CAPS_TEXT       (`T/M BAN THƯỜNG VỤ`, `K/T BÍ THƯ`, `TM. BAN BÍ THƯ`)
pub(crate) fn authority(line: &str) -> R<'_, &str> {
    let t = trim(line);
    let (rest, _) = (
        alt((
            tag("T/M"),
            tag("K/T"),
            tag("T/L"),
            tag("TM."),
            tag("KT."),
            tag("TL."),
            tag("TUQ."),
            tag("Q."),
        )),
        hsp0,
    )
        .parse(t)?;
    if is_upper_text(rest) {
        Ok(("", t))
    } else {
        fail(line)
    }
}

/// position = CAPS_TEXT of at most 8 words opening with a title word
pub(crate) fn position(line: &str) -> R<'_, &str> {
    let t = trim(line);
    let ok = is_upper_text(t)
        && t.split_whitespace().count() <= 8
        && any_kw(t, position_heads()).is_some();
    if ok { Ok(("", t)) } else { fail(line) }
}

/// A line that stands for the signature itself: `(đã ký)`, `(Ký, đóng dấu)`, `Đã ký`.
fn signed_mark(line: &str) -> bool {
    let t = trim(line).trim_matches(|c| c == '(' || c == ')');
    any_kw(t, &["đã ký", "ký", "ký tên"]).is_some()
}

/// signer = 2–5 capitalised words (title case or capitals), nothing else on the line
pub(crate) fn signer(line: &str) -> R<'_, &str> {
    let t = trim(line);
    let words: Vec<&str> = t.split_whitespace().collect();
    let ok = (2..=5).contains(&words.len())
        && words
            .iter()
            .all(|w| is_capitalised(w) && w.chars().all(|c| c.is_alphabetic() || c == '.'));
    if ok { Ok(("", t)) } else { fail(line) }
}

/// recipients_head = "Nơi nhận" [":"]
fn recipients_head(line: &str) -> R<'_, &str> {
    let (rest, _) = (kw("nơi nhận"), hsp0, opt(char(':')), hsp0).parse(trim(line))?;
    Ok((rest, rest))
}

/// Where the end block starts: the first line that is `Nơi nhận`, an authority, or a position
/// followed closely by a signer.
pub(crate) fn tail_start(lines: &[&str]) -> Option<usize> {
    (0..lines.len()).find(|&k| {
        let l = lines[k];
        recipients_head(l).is_ok()
            || authority(l).is_ok()
            || position(l).is_ok()
                && lines[k + 1..]
                    .iter()
                    .filter(|s| !trim(s).is_empty())
                    .take(2)
                    .any(|s| signer(s).is_ok())
    })
}

/// bullet item: ("-" | "–" | "+" | "•") sp text, trailing `,` `;` `.` dropped
fn item(t: &str) -> Option<&str> {
    let t = trim(t);
    let body = t.strip_prefix(|c: char| is_dash(c) || c == '+' || c == '•')?;
    let body = trim(body).trim_end_matches([',', ';', '.']);
    let body = trim(body);
    (!body.is_empty()).then_some(body)
}

/// Signature and recipients from the end block `lines`.
pub(crate) fn end_block(src: &Source<'_>, lines: &[&str]) -> (Option<Signature>, Vec<Span>) {
    let mut sig = Signature::default();
    let mut recipients = Vec::new();
    let mut k = 0;
    let mut in_recipients = false;
    while k < lines.len() {
        let line = lines[k];
        k += 1;
        let t = trim(line);
        if t.is_empty() {
            continue;
        }
        if let Ok((rest, _)) = recipients_head(t) {
            in_recipients = true;
            // `Nơi nhận: - Như trên; - Lưu VP.` on one line
            for part in split_inline(rest) {
                recipients.push(src.span(part));
            }
            continue;
        }
        if in_recipients {
            if let Some(it) = item(t) {
                recipients.push(src.span(it));
                continue;
            }
            in_recipients = false;
        }
        if sig.authority.is_none() && authority(t).is_ok() {
            sig.authority = Some(src.span(t));
        } else if sig.position.is_none() && sig.signer.is_none() && position(t).is_ok() {
            sig.position = Some(src.span(t));
        } else if sig.signer.is_none()
            && (sig.position.is_some() || sig.authority.is_some())
            && signer(t).is_ok()
        {
            sig.signer = Some(src.span(t));
        } else if signed_mark(t) {
            // the signature itself: nothing to keep
        }
    }
    let any = sig.authority.is_some() || sig.position.is_some() || sig.signer.is_some();
    (any.then_some(sig), recipients)
}

/// Split `- A; - B, - C.` written on one line into its items.
fn split_inline(rest: &str) -> Vec<&str> {
    let rest = trim(rest);
    if rest.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut from = 0;
    let bytes = rest.as_bytes();
    for (at, _) in rest.match_indices(" - ") {
        // only a new item when the previous one ended with `;` or `,`
        let prev = rest[..at].trim_end();
        if at > from
            && matches!(
                bytes.get(prev.len().wrapping_sub(1)),
                Some(b';') | Some(b',')
            )
        {
            out.push(&rest[from..at]);
            from = at + 1;
        }
    }
    out.push(&rest[from..]);
    out.into_iter()
        .filter_map(|p| item(p).or_else(|| Some(trim(p)).filter(|s| !s.is_empty())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (Option<[Option<String>; 3]>, Vec<String>) {
        let src = Source::new(text);
        let lines = crate::lex::lines(src.norm());
        let (sig, rec) = end_block(&src, &lines);
        let f = |s: Option<Span>| s.map(|s| s.text);
        (
            sig.map(|s| [f(s.authority), f(s.position), f(s.signer)]),
            rec.into_iter().map(|s| s.text).collect(),
        )
    }

    #[test]
    fn authority_position_signer_and_recipients() {
        let (sig, rec) = run(
            "Nơi nhận:\n- Các huyện uỷ, thành uỷ,\n- Lưu Văn phòng Tỉnh uỷ.\n\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n(đã ký)\nLê Văn Tám",
        );
        assert_eq!(
            sig,
            Some([
                Some("T/M BAN THƯỜNG VỤ".into()),
                Some("PHÓ BÍ THƯ".into()),
                Some("Lê Văn Tám".into())
            ])
        );
        assert_eq!(rec, vec!["Các huyện uỷ, thành uỷ", "Lưu Văn phòng Tỉnh uỷ"]);
    }

    #[test]
    fn signature_before_recipients_and_other_markers() {
        let (sig, rec) =
            run("K/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\nTRẦN THỊ HOA\nNơi nhận: - Như trên; - Lưu VT.");
        assert_eq!(
            sig,
            Some([
                Some("K/T TRƯỞNG BAN".into()),
                Some("PHÓ TRƯỞNG BAN".into()),
                Some("TRẦN THỊ HOA".into())
            ])
        );
        assert_eq!(rec, vec!["Như trên", "Lưu VT"]);
        assert!(authority("T/L BAN THƯỜNG VỤ").is_ok());
        assert!(authority("TM. BAN BÍ THƯ TRUNG ƯƠNG ĐOÀN").is_ok());
        assert!(authority("T/M các đồng chí").is_err());
    }

    #[test]
    fn tail_detection() {
        let lines = ["3. Tổ chức thực hiện.", "BÍ THƯ", "Nguyễn Văn Bình"];
        assert_eq!(tail_start(&lines), Some(1));
        assert_eq!(tail_start(&["Bí thư chi bộ chủ trì."]), None);
    }
}
