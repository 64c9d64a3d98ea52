//! Formal documents: header, basis, outline, signature, recipients.
use vanban_model::{Basis, Citation, Report, ReportKind, SectionKind};

use super::header::header;
use super::lex::{any_kw, is_dash, trim};
use super::outline::{self, build};
use super::people::people;
use super::signature::{end_block, tail_start};
use crate::source::Source;

/// basis = [bullet] ("Căn cứ" | "Theo đề nghị" | "Xét đề nghị" | "Theo đề xuất" | "Xét tờ trình") …
fn basis_line(line: &str) -> Option<&str> {
    let t = trim(line);
    let body = trim(
        t.strip_prefix(|c: char| is_dash(c) || c == '+' || c == '•')
            .unwrap_or(t),
    );
    any_kw(
        body,
        &[
            "căn cứ",
            "theo đề nghị",
            "xét đề nghị",
            "theo đề xuất",
            "xét tờ trình",
        ],
    )?;
    Some(body)
}

/// The report of a formal document, or `None` when the text has no document header.
pub(crate) fn document(src: &Source<'_>, lines: &[&str], citations: &[Citation]) -> Option<Report> {
    let (h, body_at) = header(src, lines)?;
    let body = &lines[body_at.min(lines.len())..];
    let tail = tail_start(body).unwrap_or(body.len());
    let (main, end) = body.split_at(tail);

    // Basis lines come before the outline proper; they are bullets, so take them out first.
    let first_heading = main
        .iter()
        .position(|l| outline::label(l).is_some_and(|l| !matches!(l.kind, SectionKind::Bullet)))
        .unwrap_or(main.len());
    // (first, last) line slices of each basis; a basis wrapped over lines continues until `;`/`,`
    let mut spans: Vec<(&str, &str)> = Vec::new();
    let mut rest: Vec<&str> = Vec::with_capacity(main.len());
    for (k, line) in main.iter().enumerate() {
        let before_outline = k < first_heading;
        if let Some(b) = basis_line(line).filter(|_| before_outline) {
            spans.push((b, trim(line)));
            continue;
        }
        let t = trim(line);
        let open = spans
            .last()
            .is_some_and(|&(_, last)| !last.ends_with([';', ',', ':', '.']));
        if before_outline && open && !t.is_empty() && outline::label(t).is_none() && rest.is_empty()
        {
            if let Some(last) = spans.last_mut() {
                last.1 = t;
            }
            continue;
        }
        rest.push(line);
    }
    let basis: Vec<Basis> = spans
        .into_iter()
        .map(|(first, last)| {
            let s = src.span(src.join(first, last).trim_end_matches([';', ',']));
            // Citations are sorted by start: a binary search, not a scan of the list per line
            // (a document of N basis lines would cost N² otherwise).
            let from = citations.partition_point(|c| c.start < s.start);
            let cites = citations[from..]
                .iter()
                .take_while(|c| c.start < s.end)
                .filter(|c| c.end <= s.end)
                .cloned()
                .collect();
            Basis::new(s, cites)
        })
        .collect();
    let (sections, preamble) = build(src, &rest);

    let evidence = h.party.is_some() || h.number.is_some() || h.date.is_some();
    if !evidence && sections.len() < 2 && basis.is_empty() {
        return None;
    }

    let mut rep = Report::new(ReportKind::Document);
    rep.paragraphs = preamble.iter().map(|l| src.span(trim(l))).collect();
    if let (Some(first), Some(last)) = (body.first(), body.last()) {
        rep.people = people(src, src.join(first, last));
    }
    let (signature, recipients) = end_block(src, end);
    rep.header = Some(h);
    rep.basis = basis;
    rep.sections = sections;
    rep.signature = signature;
    rep.recipients = recipients;
    Some(rep)
}
