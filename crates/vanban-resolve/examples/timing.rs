//! What resolution adds to extraction, for callgrind or a quick timing:
//! `cargo run --release -p vanban-resolve --example timing -- FILES…` (`PASSES=n`, default 20).
//!
//! Each pass extracts every file's citations with the grammar, then resolves them; the two
//! phases are timed apart, and under callgrind `vanban_resolve::resolve_with` and
//! `vanban_grammar::…::extract_citations_with` show as separate inclusive costs. Passes after
//! the first resolve through `timing::steady`, so `--toggle-collect='timing::steady'` counts
//! resolution with its memos warm and the catalog loaded (docs/resolution.md "Cost").
use std::time::{Duration, Instant};

use vanban_grammar::model::Citation;

/// Resolution in the passes after the first (a callgrind toggle; never inlined).
#[inline(never)]
fn steady(text: &str, cites: &mut [Citation]) {
    vanban_resolve::resolve(text, cites);
}

fn main() {
    let files: Vec<String> = std::env::args()
        .skip(1)
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    if files.is_empty() {
        eprintln!("usage: timing FILE…");
        return;
    }
    let passes: usize = std::env::var("PASSES")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(20);
    let (mut extract, mut resolve) = (Duration::ZERO, Duration::ZERO);
    let mut keys = 0;
    for pass in 0..passes {
        for f in &files {
            let t = Instant::now();
            let mut cites = vanban_grammar::extract_citations(f);
            let m = Instant::now();
            if pass == 0 {
                vanban_resolve::resolve(f, &mut cites);
            } else {
                steady(f, &mut cites);
            }
            resolve += m.elapsed();
            extract += m - t;
            keys += cites.iter().filter(|c| c.doc_key.is_some()).count();
        }
    }
    println!(
        "extract {:.1} ms, resolve {:.1} ms per pass: resolution adds {:.1} % ({} keyed citations per pass)",
        extract.as_secs_f64() * 1e3 / passes as f64,
        resolve.as_secs_f64() * 1e3 / passes as f64,
        100.0 * resolve.as_secs_f64() / extract.as_secs_f64(),
        keys / passes
    );
}
