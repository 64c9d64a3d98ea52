//! Quick timing of `extract_citations` (or of `parse_report` with `REPORT=1`), for profiling
//! (`perf record`, callgrind) without the bench harness:
//! `cargo run --release --example timing -- FILES…` (`PASSES=n` sets the number of passes).
fn main() {
    let files: Vec<String> = std::env::args()
        .skip(1)
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    if files.is_empty() {
        // Hostile inputs are measured by `tests/hostile.rs`; this example profiles real text.
        eprintln!("usage: timing FILE…");
        return;
    }
    let total: usize = files.iter().map(String::len).sum();
    let t = std::time::Instant::now();
    let mut n = 0;
    let passes: usize = std::env::var("PASSES")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(20);
    let report = std::env::var_os("REPORT").is_some();
    for _ in 0..passes {
        for f in &files {
            n += if report {
                vanban_grammar::parse_report(f).people.len()
            } else {
                vanban_grammar::extract_citations(f).len()
            };
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "{:.1} MB/s ({} {} per pass)",
        passes as f64 * total as f64 / s / 1e6,
        n / passes,
        if report { "people" } else { "citations" }
    );
}
