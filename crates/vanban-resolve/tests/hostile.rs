//! Hostile inputs for resolution (docs/resolution.md, "Cost"): a hundred thousand short forms of
//! one document, as many distinct documents, one number cited for thousands of different
//! documents, a long list, thousands of plenum names, references and acts, and a graph of many
//! texts. Each is resolved at 1× and 8× its size and compared by *operation counts* —
//! allocations and allocated bytes, counted per thread by a wrapping allocator, deterministic
//! whatever the machine does — and, generously, by the best of three timings (8× the input may
//! take at most 24× the time; a quadratic pass takes 64×). No wall-clock limit anywhere.
//! Extraction runs outside the measure: only resolution is counted. Debug builds run an eighth
//! of the sizes; `cargo test --release -p vanban-resolve --test hostile` runs them in full.

use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use vanban_resolve::{Citation, ExtractOptions, Graph};

// Allocations and bytes counted per thread (crates/vanban-testkit).
#[global_allocator]
static GLOBAL: vanban_testkit::Counting = vanban_testkit::Counting;

/// The timed tests run one at a time: on two cores, a neighbour test's work lands in the 1× or
/// 8× timing of another and fakes a superlinear ratio.
fn one_at_a_time() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Work done by one resolution: allocations and bytes (first run), best time of three.
#[derive(Debug, Clone, Copy)]
struct Cost {
    allocs: u64,
    bytes: u64,
    time: Duration,
}

/// The mentions of the base size (`n`): the full size in release builds, an eighth in debug.
fn scaled(n: usize) -> usize {
    if cfg!(debug_assertions) { n / 8 } else { n }
}

/// The cost of resolving `text`'s citations (extracted beforehand, outside the measure).
fn resolve_cost(text: &str, references: bool) -> (Cost, Vec<Citation>) {
    let options = ExtractOptions::default().references(references);
    let cites = vanban_grammar::extract_citations_with(text, &options);
    // Warm the catalog and the memos, so that the first measure pays no one-time cost.
    vanban_resolve::resolve(text, &mut cites.clone());
    let mut best = Duration::MAX;
    let mut first = None;
    let mut out = Vec::new();
    for _ in 0..3 {
        let mut c = cites.clone();
        let before = (vanban_testkit::allocs(), vanban_testkit::bytes());
        let t = Instant::now();
        vanban_resolve::resolve(text, &mut c);
        let time = t.elapsed();
        let after = (vanban_testkit::allocs(), vanban_testkit::bytes());
        first.get_or_insert((after.0 - before.0, after.1 - before.1));
        best = best.min(time);
        out = c;
    }
    let (allocs, bytes) = first.unwrap_or_default();
    (
        Cost {
            allocs,
            bytes,
            time: best,
        },
        out,
    )
}

/// `make(k)` resolved at k = n and k = 8n costs at most about 8× (allocations, bytes) and 24×
/// (time) as much; returns the large run's citations for further checks.
fn linear(name: &str, n: usize, references: bool, make: impl Fn(usize) -> String) -> Vec<Citation> {
    let _one = one_at_a_time();
    let (small, _) = resolve_cost(&make(n), references);
    let (large, cites) = resolve_cost(&make(8 * n), references);
    eprintln!("{name}: {small:?} → {large:?} ({} citations)", cites.len());
    assert!(
        cites.len() * 100 >= 99 * 8 * n,
        "{name}: {} citations for {} mentions",
        cites.len(),
        8 * n
    );
    assert!(
        large.allocs <= 9 * small.allocs + 64,
        "{name}: allocations {} → {}",
        small.allocs,
        large.allocs
    );
    assert!(
        large.bytes <= 10 * small.bytes + 65_536,
        "{name}: bytes {} → {}",
        small.bytes,
        large.bytes
    );
    assert!(
        large.time <= small.time * 24 + Duration::from_millis(5),
        "{name}: time {:?} → {:?}",
        small.time,
        large.time
    );
    cites
}

#[test]
fn a_hundred_thousand_short_forms_of_one_document() {
    let cites = linear("short forms", scaled(12_500), false, |k| {
        let mut t = String::from("Chỉ thị số 05-CT/TW ngày 15-5-2016 của Bộ Chính trị. ");
        for _ in 0..k {
            t.push_str("Chỉ thị 05 được quán triệt. ");
        }
        t
    });
    assert!(
        cites
            .iter()
            .all(|c| c.doc_key.as_deref() == Some("5-CT/TW@XII"))
    );
}

#[test]
fn a_hundred_thousand_distinct_documents() {
    let cites = linear("distinct", scaled(12_500), false, |k| {
        (1..=k)
            .map(|i| format!("Chỉ thị số {i}-CT/TW ngày 15-5-2017 của Bộ Chính trị; "))
            .collect()
    });
    let keys: std::collections::HashSet<_> = cites.iter().map(|c| c.doc_key.clone()).collect();
    assert_eq!(keys.len(), cites.len());
}

#[test]
fn one_number_for_many_documents() {
    // `03-NQ/TU` of one province in 76 different years, cited thousands of times, with short
    // forms: more documents than one number's groups hold (64) and a short form weighs (16).
    // One issuer name, so the per-thread name memo costs the same at both sizes.
    let cites = linear("one number", scaled(4_000), false, |k| {
        (0..k)
            .map(|i| {
                format!(
                    "Nghị quyết số 03-NQ/TU ngày 1-2-{} của Tỉnh ủy Đồng Tháp. Nghị quyết 03 nêu rõ. ",
                    1950 + i % 76
                )
            })
            .collect()
    });
    for c in &cites {
        if c.short {
            assert!(c.doc_key.is_none() && c.candidates.len() <= 16, "{c:?}");
        } else {
            // Every full citation keeps its own key, beyond the groups' cap too.
            assert!(
                c.doc_key.as_deref().unwrap().ends_with("@tinh-dong-thap"),
                "{c:?}"
            );
        }
    }
}

#[test]
fn a_long_list() {
    linear("list", scaled(8_000), false, |k| {
        let items: Vec<String> = (1..=k).map(|i| format!("{i}-CT/TW")).collect();
        format!(
            "Các Chỉ thị số {} của Bộ Chính trị khóa XII.",
            items.join(", ")
        )
    });
}

#[test]
fn thousands_of_plenum_and_congress_names() {
    linear("plenums", scaled(8_000), false, |k| {
        (0..k)
            .map(|i| {
                let (p, t) = (i % 20 + 1, ["IX", "X", "XI", "XII", "XIII"][i / 20 % 5]);
                format!(
                    "Nghị quyết Trung ương {p}, khóa {t} về vấn đề thứ {i} của công tác xây dựng. \
                     Nghị quyết Trung ương {p} khóa {t}. Nghị quyết Đại hội {t} của Đảng. "
                )
            })
            .collect()
    });
}

#[test]
fn references_far_from_their_type() {
    // Many citations of one type, then many references to another: each looks back once.
    linear("references", scaled(8_000), true, |k| {
        let mut t =
            String::from("Nghị quyết số 04-NQ/TW ngày 30-10-2016 của Ban Chấp hành Trung ương.\n");
        for i in 1..=k {
            t.push_str(&format!(
                "Chỉ thị số {i}-CT/TW ngày 1-2-2017 của Bộ Chính trị.\n"
            ));
        }
        for i in 0..k {
            t.push_str(if i % 2 == 0 {
                "Nghị quyết này đã đi vào cuộc sống.\n"
            } else {
                "I. MỤC TIÊU\n"
            });
        }
        t
    });
}

#[test]
fn thousands_of_acts() {
    linear("acts", scaled(8_000), false, |k| {
        (0..k)
            .map(|i| format!("Luật Thủy lợi năm {} và Luật Thủy lợi. ", 1900 + i % 100))
            .collect()
    });
}

#[test]
fn a_graph_of_many_documents_is_linear() {
    let text = |k: usize| -> String {
        (1..=k)
            .map(|i| format!("Chỉ thị số {i}-CT/TW ngày 15-5-2017 của Bộ Chính trị; "))
            .collect()
    };
    let n = scaled(8_000);
    let cost = |k: usize| {
        let cites = vanban_resolve::extract_citations(&text(k));
        let mut best = Duration::MAX;
        for _ in 0..3 {
            let t = Instant::now();
            let mut g = Graph::new();
            g.add("a.txt", None, &cites);
            g.add("b.txt", None, &cites);
            best = best.min(t.elapsed());
            assert_eq!(g.documents().len(), k);
        }
        best
    };
    let _one = one_at_a_time();
    let (small, large) = (cost(n), cost(8 * n));
    assert!(
        large <= small * 24 + Duration::from_millis(5),
        "graph: {small:?} → {large:?}"
    );
}
