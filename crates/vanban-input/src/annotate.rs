//! Citations marked back into the source: an HTML page comes back byte for byte with each
//! citation wrapped in `<a class="vanban-cite" …>` (or `<mark …>` without a link template), piece
//! by piece where it crosses inline tags, all pieces sharing one `data-vanban-id`; plain text
//! comes back as a standalone HTML page; Markdown wraps each citation as `[text](url)`.
use std::fmt::Write as _;
use std::ops::Range;

use vanban_grammar::Citation;

use crate::{Encoding, Input};

/// The output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// The page with its citations wrapped (a standalone page for text input).
    #[default]
    Html,
    /// The text with each citation as a Markdown link.
    Markdown,
}

/// The citation fields a link template may name, besides `id` (the citation's number from 0).
pub const FIELDS: [&str; 16] = [
    "id",
    "text",
    "kind",
    "doc_type",
    "number",
    "type_code",
    "issuer_code",
    "symbol",
    "year",
    "date",
    "issuer",
    "term",
    "plenum",
    "congress",
    "subject",
    "doc_key",
];

/// A link template such as `https://example.org/{doc_key}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Literal(String),
    Field(String),
}

/// A template that names an unknown field or leaves a brace open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError(pub String);

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TemplateError {}

impl Template {
    /// Parse `{field}` placeholders (see [`FIELDS`]).
    pub fn parse(s: &str) -> Result<Self, TemplateError> {
        let mut parts = Vec::new();
        let mut rest = s;
        while let Some(k) = rest.find('{') {
            parts.push(Part::Literal(rest[..k].to_owned()));
            let Some(e) = rest[k..].find('}') else {
                return Err(TemplateError(format!(
                    "link template {s:?}: '{{' at byte {} is never closed",
                    s.len() - rest.len() + k
                )));
            };
            let name = &rest[k + 1..k + e];
            if !FIELDS.contains(&name) {
                return Err(TemplateError(format!(
                    "link template {s:?}: unknown field {{{name}}} (fields: {})",
                    FIELDS.join(", ")
                )));
            }
            parts.push(Part::Field(name.to_owned()));
            rest = &rest[k + e + 1..];
        }
        parts.push(Part::Literal(rest.to_owned()));
        Ok(Self { parts })
    }

    /// The URL for one citation, or `None` when a field it names is absent.
    fn fill(
        &self,
        id: usize,
        fields: &serde_json::Map<String, serde_json::Value>,
    ) -> Option<String> {
        let mut out = String::new();
        for p in &self.parts {
            match p {
                Part::Literal(s) => out.push_str(s),
                Part::Field(name) if name == "id" => out.push_str(&id.to_string()),
                Part::Field(name) => match fields.get(name)? {
                    serde_json::Value::Null => return None,
                    serde_json::Value::String(s) => percent_encode(s, &mut out),
                    v => percent_encode(&v.to_string(), &mut out),
                },
            }
        }
        Some(out)
    }
}

/// Percent-encode everything but RFC 3986's unreserved characters.
fn percent_encode(s: &str, out: &mut String) {
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
}

/// One citation's markup attributes.
struct Mark {
    id: usize,
    kind: &'static str,
    doc_key: Option<String>,
    href: Option<String>,
}

fn marks(cites: &[Citation], link: Option<&Template>) -> Vec<Mark> {
    cites
        .iter()
        .enumerate()
        .map(|(id, c)| {
            let fields = match serde_json::to_value(c) {
                Ok(serde_json::Value::Object(m)) => m,
                _ => serde_json::Map::new(),
            };
            let doc_key = fields
                .get("doc_key")
                .and_then(|v| v.as_str())
                .map(str::to_owned);
            Mark {
                id,
                kind: c.kind.as_str(),
                doc_key,
                href: link.and_then(|t| t.fill(id, &fields)),
            }
        })
        .collect()
}

/// Escape text for HTML; non-ASCII as numeric references when the page is not UTF-8, so the
/// inserted markup is valid in the page's own encoding.
fn escape(s: &str, ascii: bool, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if ascii && !c.is_ascii() => {
                let _ = write!(out, "&#x{:X};", u32::from(c));
            }
            c => out.push(c),
        }
    }
}

fn open_tag(m: &Mark, in_link: bool, ascii: bool) -> String {
    let tag = if m.href.is_some() && !in_link {
        "a"
    } else {
        "mark"
    };
    let mut s = format!(
        "<{tag} class=\"vanban-cite\" data-vanban-id=\"{}\" data-kind=\"{}\"",
        m.id, m.kind
    );
    if let Some(k) = &m.doc_key {
        s.push_str(" data-doc-key=\"");
        escape(k, ascii, &mut s);
        s.push('"');
    }
    if let (Some(h), false) = (&m.href, in_link) {
        s.push_str(" href=\"");
        escape(h, ascii, &mut s);
        s.push('"');
    }
    s.push('>');
    s
}

fn close_tag(m: &Mark, in_link: bool) -> &'static str {
    if m.href.is_some() && !in_link {
        "</a>"
    } else {
        "</mark>"
    }
}

/// Annotate `original` (the bytes `input` was read from) with `cites` (found in `input.text`).
pub fn annotate(
    input: &Input,
    original: &[u8],
    cites: &[Citation],
    format: Format,
    link: Option<&Template>,
) -> Vec<u8> {
    let marks = marks(cites, link);
    match format {
        Format::Markdown => markdown(&input.text, cites, &marks).into_bytes(),
        Format::Html if input.html => page(input, original, cites, &marks),
        Format::Html => standalone(&input.text, cites, &marks).into_bytes(),
    }
}

/// The page, byte for byte, with markup inserted around every piece of every citation.
fn page(input: &Input, original: &[u8], cites: &[Citation], marks: &[Mark]) -> Vec<u8> {
    let ascii = input.encoding != Encoding::Utf8;
    // (position, order, markup): closing tags sort before opening ones at the same position.
    let mut inserts: Vec<(usize, u8, String)> = Vec::new();
    for (c, m) in cites.iter().zip(marks) {
        for piece in input.map.pieces(c.byte_start..c.byte_end) {
            let k = input.links.partition_point(|l| l.end <= piece.start);
            let in_link = input.links.get(k).is_some_and(|l| overlaps(l, &piece));
            inserts.push((piece.start, 1, open_tag(m, in_link, ascii)));
            inserts.push((piece.end, 0, close_tag(m, in_link).to_owned()));
        }
    }
    inserts.sort_by_key(|(at, order, _)| (*at, *order));
    let mut out =
        Vec::with_capacity(original.len() + inserts.iter().map(|i| i.2.len()).sum::<usize>());
    let mut copied = 0;
    for (at, _, markup) in inserts {
        let at = at.min(original.len()).max(copied);
        out.extend_from_slice(&original[copied..at]);
        out.extend_from_slice(markup.as_bytes());
        copied = at;
    }
    out.extend_from_slice(&original[copied..]);
    out
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// A standalone page showing `text` with its citations marked.
fn standalone(text: &str, cites: &[Citation], marks: &[Mark]) -> String {
    let mut body = String::with_capacity(text.len() * 2);
    let mut copied = 0;
    for (c, m) in cites.iter().zip(marks) {
        escape(&text[copied..c.byte_start], false, &mut body);
        body.push_str(&open_tag(m, false, false));
        escape(&text[c.byte_start..c.byte_end], false, &mut body);
        body.push_str(close_tag(m, false));
        copied = c.byte_end;
    }
    escape(&text[copied..], false, &mut body);
    format!(
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>vanban: {} citations</title>\n<style>\nbody {{ font: 16px/1.5 system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }}\n.text {{ white-space: pre-wrap; }}\n.vanban-cite {{ background: #fff3b0; border-bottom: 2px solid #e0a800; color: inherit; }}\na.vanban-cite {{ text-decoration: none; }}\n</style>\n</head>\n<body>\n<div class=\"text\">{body}</div>\n</body>\n</html>\n",
        cites.len()
    )
}

/// The text with each citation as `[text](url)` (`<mark>` where it has no link).
fn markdown(text: &str, cites: &[Citation], marks: &[Mark]) -> String {
    let mut out = String::with_capacity(text.len() + cites.len() * 40);
    let mut copied = 0;
    for (c, m) in cites.iter().zip(marks) {
        out.push_str(&text[copied..c.byte_start]);
        let inner = &text[c.byte_start..c.byte_end];
        match &m.href {
            Some(h) => {
                out.push('[');
                for ch in inner.chars() {
                    if matches!(ch, '[' | ']' | '\\') {
                        out.push('\\');
                    }
                    out.push(ch);
                }
                let _ = write!(out, "]({h})");
            }
            None => {
                out.push_str(&open_tag(m, false, false));
                escape(inner, false, &mut out);
                out.push_str("</mark>");
            }
        }
        copied = c.byte_end;
    }
    out.push_str(&text[copied..]);
    out
}
