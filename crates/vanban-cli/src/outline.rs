//! The `outline` view of a report: one field per line (name padded to [`NAME_WIDTH`]), the
//! document outline indented by level. Each part of the report has its own step.

use std::fmt::Write as _;

use vanban_grammar::model::{Header, Report, ReportKind, Section, Signature, Span};

use crate::output::one_line;

/// Width of the field-name column.
const NAME_WIDTH: usize = 12;
/// Characters shown of a title-like field (category, title, caption, issuer…).
const FIELD_CHARS: usize = 160;
/// Characters shown of a long text field (lead, basis line).
const TEXT_CHARS: usize = 100;
/// Characters shown of an enumerated point.
const ITEM_CHARS: usize = 90;
/// Characters shown of a section's text when it has no heading.
const SECTION_CHARS: usize = 70;

/// The readable view of `r`.
pub(crate) fn outline(r: &Report) -> String {
    let mut out = Lines(String::new());
    out.field("kind", Some(r.kind.as_str()));
    if r.kind == ReportKind::Article {
        article(&mut out, r);
    }
    people(&mut out, r);
    if let Some(h) = &r.header {
        header(&mut out, h);
    }
    for b in &r.basis {
        out.field("basis", Some(short(&b.span.text, TEXT_CHARS)));
    }
    sections(&mut out, &r.sections);
    if let Some(sig) = &r.signature {
        signature(&mut out, sig);
    }
    for rec in &r.recipients {
        out.field("recipient", Some(one_line(&rec.text)));
    }
    if r.kind == ReportKind::Article {
        out.field("boilerplate", Some(r.boilerplate.len()));
    }
    out.field("citations", Some(r.citations.len()));
    out.0
}

/// The text being built, one `name value` line per present field.
struct Lines(String);

impl Lines {
    fn field(&mut self, name: &str, value: Option<impl std::fmt::Display>) {
        if let Some(v) = value {
            let _ = writeln!(self.0, "{name:<NAME_WIDTH$}{v}");
        }
    }
}

/// An article's front matter, lead, paragraph count and enumerated points.
fn article(out: &mut Lines, r: &Report) {
    out.field("category", span(&r.category));
    out.field("title", span(&r.title));
    out.field("published", r.published.as_deref());
    out.field(
        "author",
        r.author.as_ref().map(|a| match &a.titles {
            Some(t) => format!("{t} {}", a.span.text),
            None => a.span.text.clone(),
        }),
    );
    out.field("caption", span(&r.caption));
    out.field("agency", span(&r.agency));
    out.field("lead", r.lead.as_ref().map(|l| short(&l.text, TEXT_CHARS)));
    out.field("paragraphs", Some(r.paragraphs.len()));
    for it in &r.items {
        out.field(
            "item",
            Some(format!(
                "{}. {}",
                it.ordinal,
                short(&it.span.text, ITEM_CHARS)
            )),
        );
    }
}

/// People and their positions, `name — position; position`.
fn people(out: &mut Lines, r: &Report) {
    for p in &r.people {
        let pos: Vec<String> = p.positions.iter().map(|s| one_line(&s.text)).collect();
        out.field(
            "person",
            Some(if pos.is_empty() {
                p.name.clone()
            } else {
                format!("{} — {}", p.name, pos.join("; "))
            }),
        );
    }
}

/// A formal document's header: issuer (under its parent), party line, number, place and date,
/// type and subject.
fn header(out: &mut Lines, h: &Header) {
    out.field(
        "issuer",
        span(&h.parent_issuer)
            .map(|p| format!("{p} / {}", span(&h.issuer).unwrap_or_default()))
            .or(span(&h.issuer)),
    );
    out.field("party", span(&h.party));
    out.field("number", h.number.as_ref().map(|n| one_line(&n.span.text)));
    out.field(
        "place/date",
        h.date.as_ref().map(|d| {
            format!(
                "{}, {}",
                span(&h.place).unwrap_or_default(),
                d.iso.clone().unwrap_or_else(|| one_line(&d.span.text))
            )
        }),
    );
    out.field("type", span(&h.doc_type));
    out.field("subject", span(&h.subject));
}

/// The outline tree, depth-first with an explicit stack (outlines can nest deeply).
fn sections(out: &mut Lines, top: &[Section]) {
    if top.is_empty() {
        return;
    }
    out.0.push_str("outline\n");
    let mut stack: Vec<(&Section, usize)> = top.iter().rev().map(|s| (s, 0)).collect();
    while let Some((s, depth)) = stack.pop() {
        let title = s.heading.as_deref().map(one_line).unwrap_or_else(|| {
            let body = s.span.text.get(s.label.len()..).unwrap_or(&s.span.text);
            short(body, SECTION_CHARS)
        });
        let _ = writeln!(out.0, "{}{} {title}", "  ".repeat(depth + 1), s.label);
        stack.extend(s.children.iter().rev().map(|c| (c, depth + 1)));
    }
}

/// The signature block: authority / position / signer.
fn signature(out: &mut Lines, sig: &Signature) {
    let parts: Vec<String> = [&sig.authority, &sig.position, &sig.signer]
        .into_iter()
        .filter_map(span)
        .collect();
    out.field("signature", Some(parts.join(" / ")));
}

/// A span's text on one line, cut to [`FIELD_CHARS`].
fn span(s: &Option<Span>) -> Option<String> {
    s.as_ref().map(|s| short(&s.text, FIELD_CHARS))
}

/// `s` on one line, cut to `n` characters with an ellipsis.
fn short(s: &str, n: usize) -> String {
    let s = one_line(s);
    match s.char_indices().nth(n) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s,
    }
}
