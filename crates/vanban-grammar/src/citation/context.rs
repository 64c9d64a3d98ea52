//! Kind and codes from the citations around a short form (docs/formats.md §4, "Kind from
//! context"):
//!
//! ```text
//! chain    = short { list_sep short } short_with_issuer     (`Chỉ thị 15, Chỉ thị 16 và Chỉ thị 19
//!                                                              của Thủ tướng Chính phủ`)
//! restated = full_citation … short_form                     (`Chỉ thị số 16/CT-TTg (Chỉ thị 16)`)
//! ```
//!
//! - Every short form of a chain joined by list separators only (`,`, `;`, `và`) shares the
//!   issuer, term and kind of the last, which names the issuer.
//! - A short form restating a full citation of the same type word and number earlier in its
//!   paragraph (or, with none earlier, later) takes its kind and codes (`type_code`,
//!   `issuer_code`, `symbol`); it stays `short`. Neither rule reads across a paragraph break (a
//!   line break, spaces, a line break): the CLI cuts long texts into blocks there and the
//!   grammar must give the same citations either way; across paragraphs, document keys
//!   (docs/resolution.md) link a short form to its full citation. When the text cites two documents of that type and number
//!   (`16/CT-TTg` and `16-CT/TW`), only a restatement right after one of them, in brackets,
//!   is read; an issuer, term or year of the short form that disagrees with the full
//!   citation's rules it out (`Nghị quyết 77 năm 2017` after `77/NQ-CP ngày 24/10/2014`).

use std::collections::HashMap;

use vanban_model::CitationKind;

use super::phrase::{Item, is_state_body};
use crate::lex::{base_is, is_space};

/// Apply both rules to the items of one text (in text order).
pub(crate) fn apply(text: &str, items: &mut [Item]) {
    share_trailing_issuer(text, items);
    restate(text, items);
}

fn is_short(it: &Item) -> bool {
    it.cite.short && it.cite.symbol.is_none() && it.cite.number.is_some()
}

/// Is `gap` nothing but a list separator (`, `, `; `, ` và `, `, và `)?
pub(crate) fn is_list_gap(gap: &str) -> bool {
    let g = gap.trim_matches(is_space);
    let g = g
        .strip_prefix([',', ';'])
        .unwrap_or(g)
        .trim_start_matches(is_space);
    (g.is_empty() || base_is(g, "va")) && !gap.contains(crate::lex::is_line_break)
}

/// Where the paragraph breaks inside `text[lo..hi]` end, in order (`lex::paragraph_break`).
/// Only these tell apart the paragraphs of items starting in `lo..=hi`, so the search is as
/// long as the stretch the items cover, not the whole text.
fn paragraph_breaks(text: &str, lo: usize, hi: usize) -> Vec<usize> {
    std::iter::successors(crate::lex::paragraph_break(text, lo, hi), |&at| {
        crate::lex::paragraph_break(text, at, hi)
    })
    .collect()
}

/// The paragraph of each item (items are in text order).
fn paragraphs(text: &str, items: &[Item]) -> Vec<usize> {
    let lo = items.iter().map(|it| it.start).min().unwrap_or(0);
    let hi = items.iter().map(|it| it.start).max().unwrap_or(0);
    let breaks = paragraph_breaks(text, lo, hi);
    items
        .iter()
        .map(|it| breaks.partition_point(|&b| b <= it.start))
        .collect()
}

fn share_trailing_issuer(text: &str, items: &mut [Item]) {
    for k in (1..items.len()).rev() {
        let (head, tail) = items.split_at_mut(k);
        let (prev, next) = (&mut head[k - 1], &tail[0]);
        if !(is_short(prev)
            && is_short(next)
            && prev.cite.issuer.is_none()
            && next.cite.issuer.is_some())
        {
            continue;
        }
        if prev.end > next.start || !is_list_gap(&text[prev.end..next.start]) {
            continue;
        }
        prev.cite.issuer.clone_from(&next.cite.issuer);
        prev.cite.term = prev.cite.term.or(next.cite.term);
        prev.cite.kind = next.cite.kind;
    }
}

fn restate(text: &str, items: &mut [Item]) {
    if !items.iter().any(is_short) {
        return;
    }
    let para = paragraphs(text, items);
    // Full citations (their indices, in text order) by paragraph, type word and number, for
    // the keys some short form asks for: a block of dense citations keeps no copy of them.
    fn key(it: &Item, p: usize) -> Option<(usize, &str, u32)> {
        Some((p, it.cite.doc_type.as_deref()?, it.cite.number?))
    }
    let mut full: HashMap<(usize, &str, u32), Vec<usize>> = items
        .iter()
        .zip(&para)
        .filter(|(it, _)| is_short(it))
        .filter_map(|(it, &p)| key(it, p))
        .map(|k| (k, Vec::new()))
        .collect();
    for (k, (it, &p)) in items.iter().zip(&para).enumerate() {
        let numbered = it.cite.symbol.is_some()
            && matches!(it.cite.kind, CitationKind::Party | CitationKind::State);
        if let (true, Some(list)) = (numbered, key(it, p).and_then(|k| full.get_mut(&k))) {
            list.push(k);
        }
    }
    let mut chosen: Vec<(usize, usize)> = Vec::new();
    for (k, (it, &p)) in items.iter().zip(&para).enumerate() {
        if !is_short(it) {
            continue;
        }
        let Some(cands) = key(it, p).and_then(|key| full.get(&key)) else {
            continue;
        };
        let Some(&first) = cands.first() else {
            continue;
        };
        let distinct = cands
            .iter()
            .any(|&c| items[c].cite.symbol != items[first].cite.symbol);
        let pick = if distinct {
            // Only a bracketed restatement right after the full citation.
            cands.iter().copied().find(|&c| {
                let end = items[c].end;
                end <= it.start && text[end..it.start].trim_matches(is_space) == "("
            })
        } else {
            cands
                .iter()
                .copied()
                .rev()
                .find(|&c| items[c].start < it.start)
                .or(Some(first))
        };
        let Some(c) = pick else { continue };
        let full = &items[c];
        let issuer_agrees = it
            .cite
            .issuer
            .as_deref()
            .is_none_or(|i| is_state_body(i) == (full.cite.kind == CitationKind::State));
        let term_agrees =
            it.cite.term.is_none() || full.cite.term.is_none() || it.cite.term == full.cite.term;
        // `Nghị quyết 77 năm 2017` restates no `77/NQ-CP ngày 24/10/2014`.
        let year_agrees =
            it.cite.year.is_none() || full.cite.year.is_none() || it.cite.year == full.cite.year;
        if issuer_agrees && term_agrees && year_agrees {
            chosen.push((k, c));
        }
    }
    for (k, c) in chosen {
        let (kind, type_code, issuer_code, symbol) = {
            let full = &items[c];
            (
                full.cite.kind,
                full.cite.type_code.clone(),
                full.cite.issuer_code.clone(),
                full.cite.symbol.clone(),
            )
        };
        let it = &mut items[k];
        it.cite.kind = kind;
        it.cite.type_code = type_code;
        it.cite.issuer_code = issuer_code;
        it.cite.symbol = symbol;
    }
}
