//! `parse_report` throughput (MB/s via `BytesCount`): each fixture, all fixtures together, and the
//! shared evaluation corpus when `../shared/corpus` exists (it is never copied into the project).
//!
//! `cargo bench -p vanban-grammar --bench report`

use divan::counter::BytesCount;
use divan::{Bencher, black_box};

mod common;

use common::{root, texts};

fn main() {
    divan::main();
}

fn run(bencher: Bencher<'_, '_>, docs: Vec<String>) {
    let bytes: usize = docs.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for d in &docs {
            black_box(vanban_grammar::parse_report(black_box(d)));
        }
    });
}

#[divan::bench]
fn fixtures(bencher: Bencher<'_, '_>) {
    let mut docs = texts(&root().join("tests/fixtures/articles"));
    docs.extend(texts(&root().join("tests/fixtures/documents")));
    run(bencher, docs);
}

#[divan::bench]
fn seed_article(bencher: Bencher<'_, '_>) {
    run(
        bencher,
        texts(&root().join("tests/fixtures/articles"))
            .into_iter()
            .filter(|t| t.contains("Sơn Tra"))
            .collect(),
    );
}

/// The held-out corpus (2.2 MB of real pages, news and laws); skipped when absent.
#[divan::bench(sample_count = 20)]
fn corpus(bencher: Bencher<'_, '_>) {
    let dir = root().join("../shared/corpus");
    let docs = if dir.is_dir() {
        texts(&dir)
    } else {
        Vec::new()
    };
    run(bencher, docs);
}
