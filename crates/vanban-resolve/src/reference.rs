//! What a reference (`Nghị quyết này`, `Chỉ thị trên`, `văn bản này`) names
//! (docs/resolution.md, "References"): in a formal document, `… này` of the document's own type
//! is the document itself, read from its header; otherwise the most recent citation of that
//! type before it, in the same section, and never across one that has no key.

use std::rc::Rc;

use vanban_grammar::model::{Citation, CitationKind, KeyScope, ReportKind};

use crate::fold;
use crate::resolve::RefSlots;
use crate::series::{FastMap, Fingerprint, ident, locality_of_name};

/// Type words a header may carry, in modern spelling.
const TYPES: &[&str] = &[
    "Nghị quyết",
    "Quyết định",
    "Quy định",
    "Chỉ thị",
    "Kết luận",
    "Hướng dẫn",
    "Thông báo",
    "Kế hoạch",
    "Quy chế",
    "Chương trình",
    "Báo cáo",
    "Công văn",
    "Tờ trình",
    "Đề án",
    "Thông tư",
    "Nghị định",
    "Luật",
];

/// The modern type word of a header's type name (`QUY ĐỊNH` → `Quy định`).
fn type_word(name: &str) -> Option<&'static str> {
    let f = fold::syllables(name);
    TYPES
        .iter()
        .find(|t| f == fold::syllables(t) || f.starts_with(&(fold::syllables(t) + " ")))
        .copied()
}

/// The document's own key, when the text is a formal document with a readable header number:
/// the key of the header number's citation when the grammar found one (so the document's key is
/// the same with references on or off), else one built from the header.
fn own_key(
    text: &str,
    cites: &[Citation],
    slots: &RefSlots<'_>,
    fp: Fingerprint<'_>,
) -> Option<(Rc<str>, KeyScope, Option<&'static str>)> {
    let report = vanban_grammar::parse_report(text);
    if report.kind != ReportKind::Document {
        return None;
    }
    let header = report.header?;
    let n = header.number?;
    let doc_type = header.doc_type.as_ref().and_then(|s| type_word(&s.text));
    if let Some(j) = cites
        .iter()
        .position(|c| c.start <= n.span.start && n.span.end <= c.end)
    {
        return slots.key(j).ok().map(|(k, s)| (k, s, doc_type));
    }
    let issuer = [header.issuer, header.parent_issuer]
        .into_iter()
        .flatten()
        .map(|s| s.text)
        .find(|s| locality_of_name(s).is_some());
    let date = header.date.and_then(|d| d.iso);
    let year = n
        .year
        .or_else(|| date.as_deref().and_then(|d| d[..4].parse().ok()));
    let mut me = Citation::new(
        n.span.text.clone(),
        (n.span.start, n.span.end),
        (0, 0),
        n.kind?,
    );
    me.doc_type = doc_type.map(str::to_owned);
    me.number = n.number;
    me.type_code = n.type_code;
    me.issuer_code = n.issuer_code;
    me.symbol = n.symbol;
    me.year = year;
    me.date = date;
    me.issuer = issuer;
    let id = ident(&me, fp)?;
    match (id.global, id.base) {
        (Some(k), _) => Some((k, KeyScope::Global, doc_type)),
        (None, Some(b)) => Some((b, KeyScope::Text, doc_type)),
        _ => None,
    }
}

/// Byte offsets where a new section begins: a line opening with an outline label (`I.`,
/// `Phần`, `Chương`, `Mục`, `Điều 3`) or written in capitals.
fn section_starts(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        let first = t.split_whitespace().next().unwrap_or("");
        let roman = first
            .trim_end_matches(['.', '-', '/', ')'])
            .chars()
            .all(|c| "IVXL".contains(c))
            && first.len() > first.trim_end_matches(['.', '-', '/', ')']).len()
            && !first.is_empty();
        let labelled = [
            "Phần", "PHẦN", "Chương", "CHƯƠNG", "Mục", "MỤC", "Điều", "ĐIỀU",
        ]
        .contains(&first);
        let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
        let capitals = t.split_whitespace().count() >= 2
            && letters.len() >= 6
            && letters.iter().all(|c| c.is_uppercase());
        if roman || labelled || capitals {
            out.push(at);
        }
        at += line.len();
    }
    out
}

/// References of `cites`; with `block_start` (a block of a long text), only citations from
/// there on are looked back to and the text has no own key (its header is in the first block).
pub(crate) fn resolve(
    text: &str,
    cites: &[Citation],
    mut slots: RefSlots<'_>,
    block_start: Option<usize>,
    fp: Fingerprint<'_>,
) {
    if !cites.iter().any(|c| c.kind == CitationKind::Reference) {
        return;
    }
    let nay = fold::syllables("này");
    let this = |c: &Citation| fold::syllables(&c.text).ends_with(nay.as_str());
    let own = (block_start.is_none()
        && cites
            .iter()
            .any(|c| c.kind == CitationKind::Reference && this(c)))
    .then(|| own_key(text, cites, &slots, fp))
    .flatten();
    let from = block_start.unwrap_or(0);
    let sections: Vec<usize> = section_starts(&text[from..])
        .into_iter()
        .map(|s| s + from)
        .collect();
    // The most recent citation before each reference, of any type and of each type, kept as the
    // pass goes (one look-back per reference, whatever lies between).
    let mut last_any: Option<usize> = None;
    let mut last_of: FastMap<&str, usize> = FastMap::default();
    for (i, r) in cites.iter().enumerate() {
        if r.kind != CitationKind::Reference {
            last_any = Some(i);
            if let Some(t) = r.doc_type.as_deref() {
                last_of.insert(t, i);
            }
            continue;
        }
        let wanted = r.doc_type.as_deref();
        if let (true, Some((k, s, t))) = (this(r), &own) {
            if wanted.is_none() || wanted == *t {
                slots.set(i, k.clone(), *s);
                continue;
            }
        }
        // The most recent citation of that type (any type for `văn bản`) in the section.
        let prev = match wanted {
            None => last_any,
            Some(t) => last_of.get(t).copied(),
        };
        let Some(j) = prev.filter(|&j| cites[j].byte_start >= from) else {
            continue;
        };
        // A section starts between them: the first start at or after the citation's end.
        let first = sections.partition_point(|&h| h < cites[j].byte_end);
        if sections.get(first).is_some_and(|&h| h < r.byte_start) {
            continue;
        }
        if let Ok((k, s)) = slots.key(j) {
            slots.set(i, k, s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_type_names_read_in_any_case() {
        assert_eq!(type_word("QUY ĐỊNH"), Some("Quy định"));
        assert_eq!(type_word("NGHỊ QUYẾT"), Some("Nghị quyết"));
        assert_eq!(type_word("Hướng dẫn"), Some("Hướng dẫn"));
        assert_eq!(type_word("THƯ"), None);
    }

    #[test]
    fn sections_start_at_labels_and_capitals() {
        let t = "Mở đầu.\nI. TÌNH HÌNH\nvăn bản\nĐiều 3. Hiệu lực\nTHỰC HIỆN NGHỊ QUYẾT\nthường.";
        let starts = section_starts(t);
        let lines: Vec<&str> = starts
            .iter()
            .map(|&s| t[s..].lines().next().unwrap())
            .collect();
        assert_eq!(
            lines,
            ["I. TÌNH HÌNH", "Điều 3. Hiệu lực", "THỰC HIỆN NGHỊ QUYẾT"]
        );
    }
}
