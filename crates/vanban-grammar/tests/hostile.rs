//! Hostile inputs at scale, for both `extract_citations` and `parse_report`: 10 MB of
//! `1-1/1-1/…`, 1 MB without a space, 100 000 `Nghị quyết` in a row, 10 000 nested outline levels
//! and a 20 MB line. (`tests/citations.rs` covers 1 MB pieces for citations, `tests/reports.rs`
//! deep outlines and a 50 MB line for reports; this file adds the sizes the issue names and
//! checks both entry points on each.)
//!
//! Each check runs the input at 1× and 8× its size and compares *operation counts* — allocations
//! and allocated bytes, counted per thread by a wrapping allocator, deterministic whatever the
//! machine does — and, generously, the best of three timings (8× the input may take at most 24×
//! the time; a quadratic parser takes 64×). No wall-clock limit anywhere.
//!
//! The files in `tests/fixtures/regressions/` (inputs that once crashed or misbehaved, found by
//! fuzzing and property tests) are checked here too.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use vanban_grammar::{extract_citations, parse_citation, parse_number, parse_report};

mod common;
use common::check_citation_spans;

// Allocations and bytes counted per thread (crates/vanban-testkit).
#[global_allocator]
static GLOBAL: vanban_testkit::Counting = vanban_testkit::Counting;

/// Work done by one call: allocations and allocated bytes on this thread, and its time.
#[derive(Debug, Clone, Copy)]
struct Cost {
    allocs: u64,
    bytes: u64,
    time: Duration,
}

/// The timed tests run one at a time: on two cores, a neighbour test's work lands in the
/// 1× or 8× timing of another and fakes a superlinear ratio. A failed test poisons nothing here.
fn one_at_a_time() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The cost of `f`: counts from the first call, the best time of `runs` calls.
fn cost<T>(runs: usize, f: &dyn Fn() -> T) -> (Cost, T) {
    let before = (vanban_testkit::allocs(), vanban_testkit::bytes());
    let t = Instant::now();
    let out = f();
    let mut time = t.elapsed();
    let allocs = vanban_testkit::allocs() - before.0;
    let bytes = vanban_testkit::bytes() - before.1;
    for _ in 1..runs {
        let t = Instant::now();
        drop(f());
        time = time.min(t.elapsed());
    }
    let c = Cost {
        allocs,
        bytes,
        time,
    };
    (c, out)
}

/// The most bytes `f` holds at once beyond what was live before it (on this thread).
fn peak_bytes(f: &dyn Fn()) -> i64 {
    vanban_testkit::reset_peak();
    let before = vanban_testkit::live();
    f();
    vanban_testkit::peak() - before
}

/// Sizes as the issue names them in release builds (`cargo test --release`) or with
/// `VANBAN_HOSTILE_FULL=1`; an eighth of them in debug builds, so `cargo test` stays quick. The
/// 1×/8× ratio, which is what the checks compare, is the same either way.
fn full_size(n: usize) -> usize {
    debug_scaled(n, 8)
}

fn debug_scaled(n: usize, debug_divisor: usize) -> usize {
    if cfg!(debug_assertions) && std::env::var_os("VANBAN_HOSTILE_FULL").is_none() {
        n / debug_divisor
    } else {
        n
    }
}

/// `large` is `factor`× `small`: its cost may grow at most `3 × factor` (plus slack for fixed
/// costs), in allocations, bytes and time alike. Allocation counts are exact; times are the best
/// of two or three runs on a possibly busy machine, hence the generous bound.
fn assert_linear(what: &str, factor: u64, small: Cost, large: Cost) {
    let bound = 3 * factor;
    assert!(
        large.allocs <= small.allocs * bound + 64,
        "{what}: {} allocations at 1×, {} at {factor}×",
        small.allocs,
        large.allocs
    );
    assert!(
        large.bytes <= small.bytes * bound + (1 << 16),
        "{what}: {} bytes allocated at 1×, {} at {factor}×",
        small.bytes,
        large.bytes
    );
    let slack = Duration::from_millis(50);
    assert!(
        large.time <= small.time * bound as u32 + slack,
        "{what}: {:?} at 1×, {:?} at {factor}×",
        small.time,
        large.time
    );
}

/// `piece` repeated to about `bytes` bytes.
fn fill(piece: &str, bytes: usize) -> String {
    piece.repeat(bytes.div_ceil(piece.len()))
}

/// Both entry points at 1× and 8×; the large input's citations keep their span invariants.
/// Returns the large input's citation count.
fn both_linear(what: &str, small: &str, large: &str) -> usize {
    let (cs, _) = cost(3, &|| extract_citations(small));
    let (cl, cites) = cost(2, &|| extract_citations(large));
    check_citation_spans(large, &cites);
    assert_linear(&format!("extract_citations on {what}"), 8, cs, cl);
    let (rs, _) = cost(3, &|| parse_report(small));
    let (rl, r) = cost(2, &|| parse_report(large));
    check_citation_spans(large, &r.citations);
    assert_linear(&format!("parse_report on {what}"), 8, rs, rl);
    cites.len()
}

/// `piece` repeated to about `bytes` bytes (scaled by [`full_size`]) at 8×, and an eighth of it.
fn sizes(piece: &str, bytes: usize) -> (String, String) {
    let large = fill(piece, full_size(bytes));
    (fill(piece, full_size(bytes) / 8), large)
}

/// 10 MB of `1-1/1-1/…`: slashes are anchors, each must cost bounded work.
#[test]
fn ten_megabytes_of_number_shapes() {
    let _serial = one_at_a_time();
    let (small, large) = sizes("1-1/", 10_000_000);
    let n = both_linear("1-1/ × 10 MB", &small, &large);
    assert_eq!(n, 0);
}

/// 1 MB without a single space: citations glued together, letters and digits.
#[test]
fn one_megabyte_without_spaces() {
    let _serial = one_at_a_time();
    let glued = "Nghịquyếtsố04-NQ/TWngày30-10-2016củaBanChấphànhTrungươngkhoáXII";
    let (small, large) = sizes(glued, 1_000_000);
    assert!(!large.contains(' '));
    both_linear("glued citations", &small, &large);
    let mixed = "NQ/TW30/2020/NĐ-CPx1847/QĐ-TTg–Đạihội–";
    let (small, large) = sizes(mixed, 1_000_000);
    both_linear("glued numbers", &small, &large);
}

/// 100 000 `Nghị quyết` in a row, with and without spaces and with a dangling `số`.
#[test]
fn hundred_thousand_type_words() {
    let _serial = one_at_a_time();
    for piece in [
        "Nghị quyết ",
        "Nghị quyết",
        "Nghị quyết số ",
        "NGHỊ QUYẾT, ",
    ] {
        let n = both_linear(
            &format!("{piece:?} × 100 000"),
            &piece.repeat(full_size(100_000) / 8),
            &piece.repeat(full_size(100_000)),
        );
        assert_eq!(n, 0, "{piece:?}");
    }
}

/// People: 160 000 mentions of distinct names with titles (merging them must not compare every
/// pair; 20 000 in debug builds), and
/// runs of title words with no name after them.
#[test]
fn eighty_thousand_people_and_endless_titles() {
    let _serial = one_at_a_time();
    const SYLLABLES: [&str; 40] = [
        "An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hà", "Hải", "Hòa", "Hùng", "Khánh", "Lan",
        "Linh", "Long", "Mai", "Minh", "Nam", "Nga", "Ngọc", "Nhân", "Phong", "Phúc", "Quang",
        "Quân", "Sơn", "Tâm", "Thanh", "Thảo", "Thắng", "Thủy", "Tiến", "Trung", "Tuấn", "Tú",
        "Uyên", "Vân", "Việt", "Vinh", "Xuân", "Yến",
    ];
    let people = |n: usize| {
        let mut s = String::new();
        for i in 0..n {
            let syl = |k: usize| SYLLABLES[(i / 40usize.pow(k as u32)) % 40];
            let name = format!("{} {} {}", syl(2), syl(1), syl(0));
            s.push_str(&format!(
                "Chủ tịch UBND xã {} Nguyễn {name} phát biểu. Ông Trần {name}, Phó Giám đốc Sở Y tế. ",
                syl(1)
            ));
        }
        s
    };
    let n = full_size(80_000);
    let (small, large) = (people(n / 8), people(n));
    let (rs, _) = cost(3, &|| parse_report(&small));
    let (rl, r) = cost(2, &|| parse_report(&large));
    // two people a sentence pair, names distinct up to 40³
    assert_eq!(r.people.len(), 2 * n.min(64_000));
    assert_linear("parse_report on distinct people", 8, rs, rl);
    for piece in [
        "Phó ",
        "Thủ tướng Chính phủ ",
        "ông Nguyễn Văn An, Phó ",
        "Đồng chí Lê ",
    ] {
        let (small, large) = sizes(piece, 1_000_000);
        both_linear(&format!("{piece:?} repeated"), &small, &large);
    }
}

/// 10 000 nested outline levels (1 250 at 1×): the outline builder stays linear.
#[test]
fn ten_thousand_outline_levels() {
    let _serial = one_at_a_time();
    const HEADER: &str = "TỈNH ỦY LONG GIANG\n*\nSố 01-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nLong Giang, ngày 02 tháng 6 năm 2022\nKẾ HOẠCH\nvề thử nghiệm\n";
    let labels = [
        "Phần I",
        "Chương I",
        "Mục 1",
        "Điều 1.",
        "I.",
        "1.",
        "1.1.",
        "1.1.1.",
        "a)",
        "- x",
        "+ x",
        "(1) x",
    ];
    let nested = |levels: usize| {
        let mut text = String::from(HEADER);
        for k in 0..levels {
            text.push_str(labels[k % labels.len()]);
            text.push_str(" Nghị quyết số 04-NQ/TW\n");
        }
        text
    };
    // every line one level deeper than the last, by decimal labels: 1. / 1.1. / 1.1.1. …
    let deeper = |levels: usize| {
        let mut text = String::from(HEADER);
        let mut label = String::new();
        for _ in 0..levels {
            label.push_str("1.");
            text.push_str(&label[label.len().saturating_sub(40)..]);
            text.push_str(" x\n");
        }
        text
    };
    for (what, make) in [
        ("cycled labels", &nested as &dyn Fn(usize) -> String),
        ("ever deeper labels", &deeper),
    ] {
        let (small, large) = (make(1_250), make(10_000));
        let (rs, _) = cost(3, &|| parse_report(&small));
        let (rl, _) = cost(2, &|| parse_report(&large));
        assert_linear(&format!("parse_report on {what}"), 8, rs, rl);
    }
}

/// A 20 MB line of citation-rich prose (2.5 MB at 1×), no line break anywhere.
#[test]
fn twenty_megabyte_line() {
    let _serial = one_at_a_time();
    let unit = "Thực hiện Nghị quyết số 04-NQ/TW ngày 30-10-2016 của Ban Chấp hành Trung ương \
                khoá XII và Nghị định 30/2020/NĐ-CP, đồng chí Lê Văn Hai phát biểu; ";
    // dense prose is the slowest input of all in a debug build: 1/40 of the size there
    let large = fill(unit, debug_scaled(20_000_000, 40));
    let small = fill(unit, debug_scaled(20_000_000, 40) / 8);
    let n = both_linear("a 20 MB line", &small, &large);
    assert_eq!(n, 2 * large.len() / unit.len());
}

/// The strict parsers on huge inputs answer (an error near the start, not a scan of everything
/// that allocates per character).
#[test]
fn strict_parsers_on_huge_input() {
    let _serial = one_at_a_time();
    for piece in ["1-1/", "Nghị quyết ", "9", "-", "/"] {
        let (small, large) = sizes(piece, 1_000_000);
        for (name, f) in [
            (
                "parse_number",
                &(|s: &str| drop(parse_number(s))) as &dyn Fn(&str),
            ),
            ("parse_citation", &|s: &str| drop(parse_citation(s))),
        ] {
            let (cs, ()) = cost(3, &|| f(&small));
            let (cl, ()) = cost(3, &|| f(&large));
            assert_linear(&format!("{name} on {piece:?}"), 8, cs, cl);
        }
    }
}

/// Inputs that once crashed or broke an invariant (fuzzing, property tests): each runs through
/// every entry point without a panic and with valid spans.
#[test]
fn regression_fixtures() {
    let _serial = one_at_a_time();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/regressions");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for e in entries.flatten() {
        let bytes = std::fs::read(e.path()).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        check_citation_spans(&text, &extract_citations(&text));
        let r = parse_report(&text);
        check_citation_spans(&text, &r.citations);
        let _ = parse_citation(&text).map_err(|err| err.render(&text));
        let _ = parse_number(&text).map_err(|err| err.render(&text));
    }
}

/// Regression (found by `tests/properties.rs`): a combining mark outside U+0300..U+036F used to
/// count as a word boundary before a number, so a precomposed letter that NFC keeps decomposed
/// (U+0A5E GURMUKHI LETTER FA, a composition exclusion) and its canonical equivalent disagreed.
#[test]
fn combining_mark_outside_vietnamese_range_is_a_boundary() {
    let _serial = one_at_a_time();
    let precomposed = "Nghị \u{0A5E}04-NQ/TW";
    let decomposed = "Nghị \u{0A2B}\u{0A3C}04-NQ/TW";
    assert_eq!(
        extract_citations(precomposed).len(),
        extract_citations(decomposed).len()
    );
    // the same with a Latin letter and a combining mark beyond the Vietnamese range
    assert_eq!(
        extract_citations("x\u{20DD}04-NQ/TW").len(),
        extract_citations("x04-NQ/TW").len()
    );
}

/// A document of N basis lines (`Căn cứ …`), each with a citation: every basis line takes its
/// citations from the sorted list by binary search, not by scanning all of them (issue: 40 000
/// lines took 9.7 s). Also N `Nơi nhận` recipients and N outline items, the other per-line lookups.
#[test]
fn forty_thousand_basis_lines() {
    let _serial = one_at_a_time();
    let document = |n: usize| {
        let mut s = String::from(
            "ĐẢNG BỘ TỈNH LONG GIANG\nHUYỆN ỦY THANH THỦY\nSố 96-BC/HU\nĐẢNG CỘNG SẢN VIỆT NAM\nThanh Thủy, ngày 15 tháng 12 năm 2021\nQUY ĐỊNH\nvề công tác cán bộ\n",
        );
        for i in 0..n {
            s.push_str(&format!(
                "- Căn cứ Chỉ thị số {}-CT/TW của Bộ Chính trị;\n",
                i % 90 + 1
            ));
        }
        for i in 0..n {
            s.push_str(&format!(
                "{}. Nội dung thứ {i} theo Kết luận số {}-KL/TW.\n",
                i + 1,
                i % 90 + 1
            ));
        }
        s.push_str("T/M HUYỆN ỦY\nBÍ THƯ\nLê Văn An\nNơi nhận:\n");
        for i in 0..n {
            s.push_str(&format!("- Chi bộ {i},\n"));
        }
        s
    };
    // 16 000 lines of each kind in release (2 000 in debug): quadratic work would show as 64×
    // at 8× the lines, far above the bound, and the suite's other timings keep their CPU.
    let n = full_size(16_000);
    let (small, large) = (document(n / 8), document(n));
    let (cs, _) = cost(3, &|| parse_report(&small));
    let (cl, r) = cost(2, &|| parse_report(&large));
    assert_eq!(r.basis.len(), n);
    assert!(r.basis.iter().all(|b| b.citations.len() == 1));
    assert_linear("parse_report on basis lines", 8, cs, cl);
}

/// A citation as the grammar reads it, without what white space changes: its position, its
/// text, and subject and title up to their white space.
fn reading(c: &vanban_grammar::Citation) -> String {
    let mut c = common::strip(c);
    let one_space = |s: &str| {
        s.split(char::is_whitespace)
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    c.subject = c.subject.as_deref().map(one_space);
    c.title = c.title.as_deref().map(one_space);
    c.issuer = c.issuer.as_deref().map(one_space);
    format!("{c:?}")
}

/// Every white space `lex::is_space` accepts between words, as the writer may have typed it: a
/// tab, two spaces, each line break of `lex::chars::is_line_break` (LF, CR LF, CR, VT, FF, NEL,
/// U+2028, U+2029), NBSP and the other spaces the view repairs, and runs of them.
const SPACES: &[&str] = &[
    "\t",
    "  ",
    "\n",
    "\r\n",
    "\r",
    "\u{0B}",
    "\u{0C}",
    "\u{85}",
    "\u{2028}",
    "\u{2029}",
    "\u{A0}",
    "\u{2009}",
    "\u{202F}",
    "\u{3000}",
    " \t",
    "\t ",
    "\u{A0}\u{A0}",
    " \n ",
    "\n\t",
];

/// The words of the citation phrase that may be broken across lines.
const PHRASE_WORDS: &[&str] = &[
    "Nghị quyết",
    "Chỉ thị",
    "Quy định",
    "Kết luận",
    "Quyết định",
    "Nghị định",
    "Thông tư",
    "Kế hoạch",
    "Hiến pháp",
    "Điều lệ",
    "Pháp lệnh",
    "Trung ương",
    "Hội nghị",
    "Đại hội",
    "Ban Chấp hành",
    "Bộ Chính trị",
];

/// Issue 11 §4: white space other than one space between the syllables of a type word loses
/// nothing, through every path that finds type words: plenum and congress resolutions, short
/// forms, lists, numbered citations found from the type word or from the slash, acts. Spans
/// still slice back to the original.
#[test]
fn white_space_inside_type_words() {
    let _serial = one_at_a_time();
    let phrases = [
        "Thực hiện Nghị quyết Trung ương 4, khoá XII về xây dựng Đảng.",
        "Quán triệt Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XIII.",
        "Nghị quyết Đại hội XII của Đảng đã chỉ rõ.",
        "Theo Chỉ thị 05 của Bộ Chính trị và Quy định 205.",
        "Kết luận số 21, 22 và 23-KL/TW của Ban Bí thư.",
        "Quyết định số 217, số 218 của Bộ Chính trị (Khóa XI).",
        "Nghị định 15 của Chính phủ; Thông tư số 96/2015/TT-BTC của Bộ Tài chính.",
        "Kế hoạch số 10-KH/TU ngày 5-1-2017 của Ban Thường vụ Tỉnh ủy.",
        "theo Hiến pháp năm 2013 và Điều lệ Đảng, Cương lĩnh năm 2011; Pháp lệnh Công an xã.",
        "Quy định số 08-QĐi/TW ngày 25-10-2018 về trách nhiệm nêu gương.",
    ];
    for plain in phrases {
        let want: Vec<String> = extract_citations(plain).iter().map(reading).collect();
        assert!(!want.is_empty(), "{plain}");
        for space in SPACES {
            let line_break = space
                .chars()
                .any(|c| "\n\r\u{0B}\u{0C}\u{85}\u{2028}\u{2029}".contains(c));
            // Every space of the phrase in turn, then all at once; a line break only inside the
            // words of the citation phrase (it may end a subject, or keep a bare number off the
            // type word's line).
            let mut variants: Vec<String> = Vec::new();
            if line_break {
                let mut text = plain.to_owned();
                for w in PHRASE_WORDS {
                    text = text.replace(w, &w.replace(' ', space));
                }
                variants.push(text);
            } else {
                let positions: Vec<usize> = plain.match_indices(' ').map(|(k, _)| k).collect();
                variants.extend(
                    positions
                        .iter()
                        .map(|&k| format!("{}{space}{}", &plain[..k], &plain[k + 1..])),
                );
                variants.push(plain.replace(' ', space));
            }
            for text in variants {
                let cites = extract_citations(&text);
                check_citation_spans(&text, &cites);
                let got: Vec<String> = cites.iter().map(reading).collect();
                assert_eq!(got, want, "{text:?}");
            }
        }
    }
    // The type word alone, every casing and space: the same citation as with one space.
    for (plain, spaced) in [
        (
            "Chỉ thị 05 của Bộ Chính trị",
            "Chỉ{}thị 05 của Bộ Chính trị",
        ),
        ("Nghị quyết Trung ương 4", "Nghị{}quyết Trung ương 4"),
        ("Kết luận 21 của Ban Bí thư", "Kết{}luận 21 của Ban Bí thư"),
        ("Nghị quyết Đại hội XIII", "Nghị{}quyết Đại hội XIII"),
        (
            "Quy định 205 của Bộ Chính trị",
            "Quy{}định 205 của Bộ Chính trị",
        ),
        ("Hiến pháp năm 2013", "Hiến{}pháp năm 2013"),
    ] {
        let want: Vec<String> = extract_citations(plain).iter().map(reading).collect();
        assert_eq!(want.len(), 1, "{plain}");
        for space in SPACES {
            let text = spaced.replace("{}", space);
            let cites = extract_citations(&text);
            check_citation_spans(&text, &cites);
            assert_eq!(
                cites.iter().map(reading).collect::<Vec<_>>(),
                want,
                "{text:?}"
            );
            assert_eq!(parse_report(&text).citations, cites, "{text:?}");
        }
    }
}

/// The seed article with NBSP, tabs or double spaces for its spaces (and with line breaks for
/// the spaces inside its type words) gives the same 17 citations.
#[test]
fn seed_article_with_other_spaces() {
    let _serial = one_at_a_time();
    let seed = include_str!("../../../tests/fixtures/articles/seed_xaydungdang_2016.txt");
    let want: Vec<String> = extract_citations(seed).iter().map(reading).collect();
    assert_eq!(want.len(), 17);
    let type_words = [
        "Nghị quyết",
        "Chỉ thị",
        "Kết luận",
        "Quyết định",
        "Quy định",
    ];
    let mut variants: Vec<(String, String)> = ["\u{A0}", "\t", "  ", " \u{A0}", "\u{2009}"]
        .iter()
        .map(|s| (format!("{s:?}"), seed.replace(' ', s)))
        .collect();
    for br in ["\n", "\r\n", "\u{2028}", "\u{0C}"] {
        let mut text = seed.to_owned();
        for w in type_words {
            text = text.replace(w, &w.replace(' ', br));
        }
        variants.push((format!("type words broken by {br:?}"), text));
    }
    for (what, text) in variants {
        let cites = extract_citations(&text);
        check_citation_spans(&text, &cites);
        let got: Vec<String> = cites.iter().map(reading).collect();
        assert_eq!(got, want, "{what}");
    }
}

/// Issue 11 §14: a type word whose syllables differ in case (`NGHỊ quyết Trung ương 4`, `Chỉ
/// THỊ số 05-CT/TW`) is read like its usual spelling, every combination of lower case,
/// capitalised and upper case; an act's name still needs its capital.
#[test]
fn mixed_case_type_words() {
    let _serial = one_at_a_time();
    let cases: [fn(&str) -> String; 3] = [
        |s| s.to_lowercase(),
        |s| {
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        },
        |s| s.to_uppercase(),
    ];
    for (word, tail) in [
        ("nghị quyết", " Trung ương 4, khóa XII về xây dựng Đảng"),
        ("nghị quyết", " Đại hội XII của Đảng"),
        ("chỉ thị", " số 05-CT/TW ngày 15-5-2016 của Bộ Chính trị"),
        ("chỉ thị", " 05 của Bộ Chính trị"),
        ("kết luận", " số 21, 22-KL/TW"),
        ("quyết định", " 217 của Bộ Chính trị"),
        ("quy định", " 205 của Bộ Chính trị"),
        ("kế hoạch", " 10 của Ban Thường vụ"),
        ("nghị định", " 15 của Chính phủ"),
        ("thông tư", " 96/2015/TT-BTC"),
        ("hiến pháp", " năm 2013"),
        ("điều lệ", " Đảng năm 2011"),
    ] {
        let plain = format!("Theo {}{tail}.", cases[1](word));
        let want: Vec<String> = extract_citations(&plain).iter().map(reading).collect();
        assert!(!want.is_empty(), "{plain}");
        let (first, second) = word.split_once(' ').unwrap();
        for a in cases {
            for b in cases {
                let text = format!("Theo {} {}{tail}.", a(first), b(second));
                let cites = extract_citations(&text);
                check_citation_spans(&text, &cites);
                let got: Vec<String> = cites.iter().map(reading).collect();
                let act = matches!(word, "hiến pháp" | "điều lệ");
                if act && a(first) == first {
                    // `điều lệ công ty`: an act's type word in lower case is prose
                    assert!(got.is_empty(), "{text}");
                } else {
                    assert_eq!(got, want, "{text}");
                }
            }
        }
    }
}

/// Issue 11 §10: runs of title words (`Phó `, `Đại tá `, `Bí thư `, titles joined by commas)
/// cost `parse_report` about what real text of the same size costs, not 100× (each word of a
/// run is read by one title parse, not by one per title word before it). Measured by
/// allocations, which count the work deterministically, and generously by time.
#[test]
fn runs_of_title_words_cost_what_prose_costs() {
    let _serial = one_at_a_time();
    let seed = include_str!("../../../tests/fixtures/articles/seed_xaydungdang_2016.txt");
    let size = full_size(400_000);
    let prose = fill(seed, size);
    let (base, _) = cost(2, &|| parse_report(&prose));
    for piece in [
        "Phó ",
        "Đại tá ",
        "Bí thư ",
        "Phó Bí thư Thường trực ",
        "Phó, ",
        "Thủ tướng Chính phủ, ",
        "Ủy viên Ban Thường vụ Tỉnh ủy ",
    ] {
        let text = fill(piece, size);
        let (c, r) = cost(2, &|| parse_report(&text));
        assert!(r.people.is_empty(), "{piece:?}");
        let per_byte = |x: u64, t: &str| x as f64 / t.len() as f64;
        let ratio = per_byte(c.allocs, &text) / per_byte(base.allocs.max(1), &prose);
        assert!(
            ratio < 4.0,
            "{piece:?}: {} allocations for {} bytes, prose {} for {} ({ratio:.1}×)",
            c.allocs,
            text.len(),
            base.allocs,
            prose.len()
        );
        assert!(
            c.time.as_secs_f64() / text.len() as f64
                <= 8.0 * base.time.as_secs_f64() / prose.len() as f64 + 0.05,
            "{piece:?}: {:?} for {} bytes, prose {:?} for {}",
            c.time,
            text.len(),
            base.time,
            prose.len()
        );
    }
}

/// `n` list items as numbers a bare number may be (1 to 9 999, cycling), joined by `sep`.
fn numbers(n: usize, sep: &str) -> String {
    (0..n)
        .map(|k| (k % 9_999 + 1).to_string())
        .collect::<Vec<_>>()
        .join(sep)
}

/// Issue 11 §6: a list keeps every item whatever its length, and each bare number takes the
/// symbol that completes the list (`Kết luận số 1, 2, …, 22-KL/TW`: 22 citations of `KL/TW`);
/// bare short forms closed by an issuer or `và` keep every item; a run no symbol completes is
/// given back (each number is then what it is alone). Reading a list is linear: 5 000 and
/// 40 000 items (an eighth in debug builds) cost allocations and time in proportion.
#[test]
fn lists_of_any_length() {
    let items = |cites: &[vanban_grammar::Citation]| {
        cites
            .iter()
            .map(|c| {
                (
                    c.number,
                    c.type_code.clone(),
                    c.issuer_code.clone(),
                    c.short,
                )
            })
            .collect::<Vec<_>>()
    };
    let want = |n: usize, ty: &str, iss: Option<&str>| {
        (0..n)
            .map(|k| {
                (
                    Some(k as u32 % 9_999 + 1),
                    Some(ty.to_owned()),
                    iss.map(str::to_owned),
                    iss.is_none(),
                )
            })
            .collect::<Vec<_>>()
    };
    for n in [2, 20, 21, 22, 25, 100] {
        for sep in [", ", "; ", " và ", " ,  "] {
            let cases = [
                (
                    format!(
                        "Thực hiện Kết luận số {}-KL/TW của Bộ Chính trị.",
                        numbers(n, sep)
                    ),
                    want(n, "KL", Some("TW")),
                ),
                // No anchor but the slash: the list is found by looking back from it.
                (
                    format!(
                        "Theo Công văn số {}/UBND-VX ngày 5/5/2020.",
                        numbers(n, sep)
                    ),
                    want(n, "UBND", Some("VX")),
                ),
            ];
            for (text, expected) in cases {
                let cites = extract_citations(&text);
                check_citation_spans(&text, &cites);
                assert_eq!(items(&cites), expected, "{n} items, {sep:?}");
                assert_eq!(parse_report(&text).citations, cites, "{n} items, {sep:?}");
            }
        }
        // Bare short forms, closed by a shared issuer or by `và`: every one is a citation.
        for text in [
            format!("các Chỉ thị {} của Thủ tướng Chính phủ", numbers(n, ", ")),
            format!("các Chỉ thị {} và {}", numbers(n - 1, ", "), n),
        ] {
            let cites = extract_citations(&text);
            check_citation_spans(&text, &cites);
            assert_eq!(items(&cites), want(n, "CT", None), "{text}");
        }
        // Not closed, not completed: the first is a short form, the rest counts something.
        let text = format!("Chỉ thị {} đơn vị", numbers(n, ", "));
        assert_eq!(
            items(&extract_citations(&text)),
            want(1, "CT", None),
            "{text}"
        );
    }
    let _serial = one_at_a_time();
    let large = full_size(40_000);
    for (what, make, found) in [
        (
            "a list completed by a symbol",
            (|n| format!("Kết luận số {}-KL/TW", numbers(n, ", "))) as fn(usize) -> String,
            (|n| n) as fn(usize) -> usize,
        ),
        (
            "bare short forms closed by an issuer",
            |n| format!("các Chỉ thị {} của Thủ tướng", numbers(n, ", ")),
            |n| n,
        ),
        (
            "a run no symbol completes",
            |n| format!("Kết luận số {} tỉnh", numbers(n, ", ")),
            |_| 1,
        ),
    ] {
        let n = both_linear(what, &make(large / 8), &make(large));
        assert_eq!(n, found(large), "{what}");
    }
}

/// Dense citations on one line (no paragraph break to cut at): streamed extraction holds one
/// scope of citations, so its peak memory does not grow with the number of citations (the
/// input is borrowed: clean text is its own view). Variants: party and state numbers, lists
/// of numbers with their symbols (cut into phrases of `MAX_HELD_ITEMS`), short forms in a list,
/// a type word before each.
#[test]
fn streamed_citations_hold_one_scope() {
    use std::ops::ControlFlow;
    use vanban_grammar::{ExtractOptions, for_each_citation};
    let _one = one_at_a_time();
    for piece in [
        "1-NQ/TW 22-CT/TW ",
        "12/2019/NĐ-CP, ",
        "1-NQ/TW, 22-NQ/TW; ",
        "Chỉ thị 5, 6 và 7; ",
        "Nghị quyết số 04-NQ/TW ngày 30-10-2016 của Ban Chấp hành Trung ương ",
    ] {
        let peak = |pieces: usize| {
            let text = piece.repeat(pieces);
            let mut n = 0usize;
            let peak = peak_bytes(&|| {
                for_each_citation(&text, &ExtractOptions::default(), |c| {
                    std::hint::black_box(c);
                    ControlFlow::Continue(())
                })
            });
            for_each_citation(&text, &ExtractOptions::default(), |_| {
                n += 1;
                ControlFlow::Continue(())
            });
            (peak, n)
        };
        // Two scopes, then eight (`SCOPE_MAX_ITEMS` citations each).
        let (small, ns) = peak(2 * vanban_grammar::SCOPE_MAX_ITEMS);
        let (large, nl) = peak(8 * vanban_grammar::SCOPE_MAX_ITEMS);
        assert!(
            nl >= 3 * ns && ns > 0,
            "{piece:?}: {ns} then {nl} citations"
        );
        assert!(
            large <= small + small / 2 + (1 << 16),
            "{piece:?}: peak {small} bytes for {ns} citations, {large} for {nl}"
        );
    }
}
