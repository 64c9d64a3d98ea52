//! Invariants shared by the integration tests (each test file is its own crate, so not every
//! helper is used everywhere).
#![allow(dead_code)]

use vanban_grammar::Citation;
use vanban_grammar::model::{Report, Section, Span};

/// The first broken span invariant of `cites` over `text`, if any: every citation slices back to
/// its text by characters and by bytes, is non-empty, in bounds, and in order. Linear in the text.
pub(crate) fn citation_span_error(text: &str, cites: &[Citation]) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let (mut last_start, mut last_byte) = (0, 0);
    // Characters before `counted_to`, advanced incrementally so the check stays linear.
    let (mut counted_to, mut chars_before) = (0, 0);
    for c in cites {
        if !(c.start < c.end
            && c.end <= chars.len()
            && c.byte_start < c.byte_end
            && c.byte_end <= text.len())
        {
            return Some(format!("{c:?} out of bounds"));
        }
        if text.get(c.byte_start..c.byte_end) != Some(c.text.as_str()) {
            return Some(format!("byte span of {c:?}"));
        }
        if chars[c.start..c.end].iter().collect::<String>() != c.text {
            return Some(format!("char span of {c:?}"));
        }
        if c.start < last_start || c.byte_start < last_byte {
            return Some(format!("out of order at {c:?}"));
        }
        chars_before += text[counted_to..c.byte_start].chars().count();
        counted_to = c.byte_start;
        if chars_before != c.start {
            return Some(format!("char and byte offsets disagree at {c:?}"));
        }
        (last_start, last_byte) = (c.start, c.byte_start);
    }
    None
}

/// Panic with the first broken span invariant of `cites`.
pub(crate) fn check_citation_spans(text: &str, cites: &[Citation]) {
    if let Some(e) = citation_span_error(text, cites) {
        panic!("{e}");
    }
}

/// A citation without its position: what must agree between NFC and NFD forms of one text.
pub(crate) fn strip(c: &Citation) -> Citation {
    let mut c = c.clone();
    c.text = String::new();
    (c.start, c.end, c.byte_start, c.byte_end) = (0, 0, 0, 0);
    c
}

/// Check every span of a report: `input.chars().skip(start).take(end - start)` is exactly its
/// text; item markers and section labels begin their text; a basis line's citations lie inside
/// it and among the report's. Returns how many spans were checked, or the first problem.
pub(crate) fn report_spans(input: &str, r: &Report) -> Result<usize, String> {
    let chars: Vec<char> = input.chars().collect();
    let mut n = 0;
    let mut bad = None;
    let mut check = |what: &str, text: &str, s: usize, e: usize| {
        if bad.is_none() {
            if s > e || e > chars.len() {
                bad = Some(format!("{what}: {s}..{e} out of bounds ({})", chars.len()));
            } else if chars[s..e].iter().collect::<String>() != text {
                bad = Some(format!("{what} at {s}..{e}: {text:?}"));
            }
        }
        n += 1;
    };
    let structure = walk(r, &mut check);
    match bad.or(structure.err()) {
        Some(e) => Err(e),
        None => Ok(n),
    }
}

/// Call `f(what, text, start, end)` for every span of the report; fails on broken structure.
fn walk(r: &Report, f: &mut dyn FnMut(&str, &str, usize, usize)) -> Result<(), String> {
    let opt = |f: &mut dyn FnMut(&str, &str, usize, usize), what: &str, s: &Option<Span>| {
        if let Some(s) = s {
            f(what, &s.text, s.start, s.end);
        }
    };
    for (what, s) in [
        ("category", &r.category),
        ("title", &r.title),
        ("caption", &r.caption),
        ("agency", &r.agency),
        ("lead", &r.lead),
    ] {
        opt(f, what, s);
    }
    if let Some(t) = &r.timestamp {
        f("timestamp", &t.span.text, t.span.start, t.span.end);
    }
    if let Some(a) = &r.author {
        f("author", &a.span.text, a.span.start, a.span.end);
        opt(f, "affiliation", &a.affiliation);
    }
    if let Some(h) = &r.header {
        for (what, s) in [
            ("party", &h.party),
            ("issuer", &h.issuer),
            ("parent_issuer", &h.parent_issuer),
            ("place", &h.place),
            ("doc_type", &h.doc_type),
            ("subject", &h.subject),
        ] {
            opt(f, what, s);
        }
        if let Some(n) = &h.number {
            f("number", &n.span.text, n.span.start, n.span.end);
        }
        if let Some(d) = &h.date {
            f("date", &d.span.text, d.span.start, d.span.end);
        }
    }
    if let Some(sig) = &r.signature {
        opt(f, "authority", &sig.authority);
        opt(f, "position", &sig.position);
        opt(f, "signer", &sig.signer);
    }
    for (what, spans) in [
        ("paragraph", &r.paragraphs),
        ("boilerplate", &r.boilerplate),
        ("recipient", &r.recipients),
    ] {
        for s in spans {
            f(what, &s.text, s.start, s.end);
        }
    }
    for it in &r.items {
        if !it.span.text.starts_with(&it.marker) {
            return Err(format!(
                "marker {:?} not a prefix of {:?}",
                it.marker, it.span.text
            ));
        }
        f("item", &it.span.text, it.span.start, it.span.end);
    }
    for p in &r.people {
        f("person", &p.name, p.start, p.end);
        for s in &p.positions {
            f("position", &s.text, s.start, s.end);
        }
    }
    for b in &r.basis {
        f("basis", &b.span.text, b.span.start, b.span.end);
        if let Some(c) = b
            .citations
            .iter()
            .find(|c| !(c.start >= b.span.start && c.end <= b.span.end && r.citations.contains(c)))
        {
            return Err(format!("basis citation {c:?}"));
        }
    }
    for c in &r.citations {
        f("citation", &c.text, c.start, c.end);
    }
    let mut stack: Vec<&Section> = r.sections.iter().collect();
    while let Some(s) = stack.pop() {
        if !s.span.text.starts_with(&s.label) {
            return Err(format!(
                "label {:?} not a prefix of {:?}",
                s.label, s.span.text
            ));
        }
        f("section", &s.span.text, s.span.start, s.span.end);
        stack.extend(&s.children);
    }
    Ok(())
}
