//! Citation throughput: `extract_citations` in MB/s (`BytesCount`) and citations/s (`ItemsCount`)
//! over the shared evaluation corpus when `../shared/corpus` exists (it is never copied into the
//! project), else over `tests/fixtures/**/*.txt`; plus the fixtures alone, an NFD copy (the
//! normalising path), text without any citation, and the strict parsers `parse_number` and
//! `parse_citation` (numbers/s).
//!
//! `cargo bench -p vanban-grammar --bench citations`

use divan::counter::{BytesCount, ItemsCount};
use divan::{Bencher, black_box};
use unicode_normalization::UnicodeNormalization;

mod common;

use common::{root, texts};

fn main() {
    divan::main();
}

fn fixtures() -> Vec<String> {
    texts(&root().join("tests/fixtures"))
}

/// The corpus when present (2.2 MB of real pages, news and laws), else the fixtures.
fn corpus() -> Vec<String> {
    let dir = root().join("../shared/corpus");
    let docs = if dir.is_dir() { texts(&dir) } else { vec![] };
    if docs.is_empty() { fixtures() } else { docs }
}

fn run(bencher: Bencher<'_, '_>, docs: &[String]) {
    let bytes: usize = docs.iter().map(String::len).sum();
    let cites: usize = docs
        .iter()
        .map(|d| vanban_grammar::extract_citations(d).len())
        .sum();
    bencher
        .counter(BytesCount::new(bytes))
        .counter(ItemsCount::new(cites))
        .bench(|| {
            for d in docs {
                black_box(vanban_grammar::extract_citations(black_box(d)));
            }
        });
}

mod extract {
    use super::*;

    /// The headline figure: the corpus (or the fixtures when the corpus is absent).
    #[divan::bench(sample_count = 30)]
    fn corpus(bencher: Bencher<'_, '_>) {
        run(bencher, &super::corpus());
    }

    #[divan::bench]
    fn fixtures(bencher: Bencher<'_, '_>) {
        run(bencher, &super::fixtures());
    }

    /// The same texts decomposed (NFD): the normalise-and-map-back path.
    #[divan::bench(sample_count = 20)]
    fn corpus_nfd(bencher: Bencher<'_, '_>) {
        let docs: Vec<String> = super::corpus().iter().map(|t| t.nfd().collect()).collect();
        run(bencher, &docs);
    }

    /// Prose without a single citation anchor: the cost of the scan itself.
    #[divan::bench]
    fn no_citations(bencher: Bencher<'_, '_>) {
        let unit = "Hội nghị đã thảo luận, đánh giá kết quả thực hiện nhiệm vụ chính trị năm 2021 \
                    và đề ra phương hướng, nhiệm vụ trọng tâm năm 2022 của Đảng bộ tỉnh.\n";
        run(bencher, &[unit.repeat(1_000_000 / unit.len())]);
    }
}

mod strict {
    use super::*;

    const NUMBERS: &[&str] = &[
        "04-NQ/TW",
        "30/2020/NĐ-CP",
        "1847/QĐ-TTg",
        "40 – CT/TW",
        "05-ct/tư",
        "80/2015/QH13",
        "116/2020/NĐ - CP",
        "12-QĐi/BTCTW",
        "03-XX/TU",
        "12-NQ/",
    ];

    const CITATIONS: &[&str] = &[
        "Nghị quyết số 04-NQ/TW ngày 30-10-2016 của Ban Chấp hành Trung ương khoá XII",
        "Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ",
        "Nghị quyết Trung ương 4, khoá XI",
        "Nghị quyết Đại hội XII của Đảng",
        "Chỉ thị 05",
        "Nghị quyết số 03-XX/TU",
        "không phải trích dẫn",
    ];

    #[divan::bench]
    fn parse_number(bencher: Bencher<'_, '_>) {
        bencher
            .counter(ItemsCount::new(NUMBERS.len()))
            .counter(BytesCount::new(
                NUMBERS.iter().map(|s| s.len()).sum::<usize>(),
            ))
            .bench(|| {
                for s in NUMBERS {
                    let _ = black_box(vanban_grammar::parse_number(black_box(s)));
                }
            });
    }

    #[divan::bench]
    fn parse_citation(bencher: Bencher<'_, '_>) {
        bencher
            .counter(ItemsCount::new(CITATIONS.len()))
            .counter(BytesCount::new(
                CITATIONS.iter().map(|s| s.len()).sum::<usize>(),
            ))
            .bench(|| {
                for s in CITATIONS {
                    let _ = black_box(vanban_grammar::parse_citation(black_box(s)));
                }
            });
    }
}
