//! Report structure: snapshot of every fixture, span invariants, the seed article's key facts,
//! and hostile inputs (deep outlines, one huge line, binary junk, linear growth).
use std::time::{Duration, Instant};

use vanban_grammar::model::{Report, ReportKind, Section, Span};
use vanban_grammar::parse_report;

mod common;

/// Check every span of the report (see `common::report_spans`); a non-empty input has some.
fn check_spans(input: &str, r: &Report) {
    match common::report_spans(input, r) {
        Ok(n) => assert!(
            n > 0 || input.trim().is_empty(),
            "no spans for a non-empty input"
        ),
        Err(e) => panic!("{e}"),
    }
}

/// The report as snapshotted here. Citations are the citation suite's business (and change with
/// it); this suite checks them only through the span invariants above.
fn for_snapshot(r: &Report) -> Report {
    let mut r = r.clone();
    r.citations.clear();
    for b in &mut r.basis {
        b.citations.clear();
    }
    r
}

#[test]
fn articles() {
    insta::glob!("../../../tests/fixtures", "articles/*.txt", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let r = parse_report(&text);
        assert_eq!(r.kind, ReportKind::Article, "{}", path.display());
        check_spans(&text, &r);
        insta::assert_yaml_snapshot!(for_snapshot(&r));
    });
}

#[test]
fn documents() {
    insta::glob!("../../../tests/fixtures", "documents/*.txt", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let r = parse_report(&text);
        assert_eq!(r.kind, ReportKind::Document, "{}", path.display());
        check_spans(&text, &r);
        insta::assert_yaml_snapshot!(for_snapshot(&r));
    });
}

const SEED: &str = include_str!("../../../tests/fixtures/articles/seed_xaydungdang_2016.txt");

#[test]
fn seed_article_key_facts() {
    let r = parse_report(SEED);
    let text = |s: &Option<Span>| s.as_ref().map(|s| s.text.clone());
    assert_eq!(text(&r.category).as_deref(), Some("Thời sự - Chính trị"));
    assert!(
        text(&r.title)
            .unwrap()
            .starts_with("Ban Tổ chức Tỉnh uỷ Đồng Tháp tổng kết")
    );
    assert_eq!(r.published.as_deref(), Some("2016-12-23T18:34"));
    assert_eq!(
        text(&r.caption).as_deref(),
        Some("Các đại biểu sôi nổi thảo luận tại Hội nghị.")
    );
    let markers: Vec<&str> = r.items.iter().map(|i| i.marker.as_str()).collect();
    assert_eq!(
        markers,
        [
            "Một là,",
            "Hai là,",
            "Ba là,",
            "Bốn là,",
            "Năm là,",
            "Sáu là,",
            "Bảy là,"
        ]
    );
    let people: Vec<(&str, Vec<&str>)> = r
        .people
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.positions.iter().map(|s| s.text.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        people,
        [
            ("Nguyễn Tôn Hoàng", vec!["Phó Bí thư Thường trực Tỉnh uỷ"]),
            (
                "Phan Văn Thắng",
                vec![
                    "Ủy viên Ban Thường vụ Tỉnh uỷ",
                    "Trưởng Ban Tổ chức Tỉnh uỷ"
                ]
            ),
        ]
    );
    assert_eq!(
        r.author.as_ref().map(|a| a.span.text.as_str()),
        Some("Sơn Tra")
    );
    for furniture in [
        "Ý KIẾN BẠN ĐỌC",
        "Họ và tên",
        "Bài cùng chuyên mục",
        "GIỚI THIỆU TẠP CHÍ IN",
        "Số 5 - 2018",
        "VIDEO CLIPS",
    ] {
        assert!(
            r.paragraphs.iter().all(|p| !p.text.contains(furniture)),
            "{furniture} in the body"
        );
        assert!(
            r.boilerplate.iter().any(|p| p.text.contains(furniture)),
            "{furniture} not in boilerplate"
        );
    }
}

/// Normalisation never leaks out: NFD letters, NBSP and `Ð` come back exactly as written.
#[test]
fn original_text_survives_normalisation() {
    let nfd = "Tho\u{031b}\u{0300}i su\u{031b}\u{0323}\nHội nghị Tỉnh u\u{0309}y\n18:34'\u{00a0}23/12/2016\nÐồng chí Lê\u{00a0}Văn Hai, Phó Bí thư Tỉnh uỷ phát biểu.\nNội dung thứ hai.";
    let r = parse_report(nfd);
    check_spans(nfd, &r);
    assert_eq!(r.published.as_deref(), Some("2016-12-23T18:34"));
    assert_eq!(
        r.timestamp.as_ref().map(|t| t.span.text.as_str()),
        Some("18:34'\u{00a0}23/12/2016")
    );
    assert_eq!(
        r.people.first().map(|p| p.name.as_str()),
        Some("Lê\u{00a0}Văn Hai")
    );
}

/// Every prefix and suffix of every fixture (cut at a prime stride) parses without panic and
/// keeps the span invariants.
#[test]
fn truncated_fixtures_keep_invariants() {
    for dir in ["articles", "documents"] {
        let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures")
            .join(dir);
        for entry in std::fs::read_dir(base).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let cuts: Vec<usize> = text.char_indices().map(|(b, _)| b).step_by(97).collect();
            for &b in &cuts {
                for part in [&text[..b], &text[b..]] {
                    check_spans(part, &parse_report(part));
                }
            }
        }
    }
}

fn depth(sections: &[Section]) -> usize {
    let mut max = 0;
    let mut stack: Vec<(&Section, usize)> = sections.iter().map(|s| (s, 1)).collect();
    while let Some((s, d)) = stack.pop() {
        max = max.max(d);
        stack.extend(s.children.iter().map(|c| (c, d + 1)));
    }
    max
}

const HEADER: &str = "TỈNH ỦY LONG GIANG\n*\nSố 01-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nLong Giang, ngày 02 tháng 6 năm 2022\nKẾ HOẠCH\nvề thử nghiệm\n";

#[test]
fn ten_thousand_nested_levels_stay_shallow() {
    let labels = [
        "Phần I",
        "Chương I",
        "Mục 1",
        "Điều 1.",
        "A - MỤC",
        "I.",
        "1.",
        "1.1.",
        "1.1.1.",
        "a)",
        "- x",
        "+ x",
        "* x",
        "(1) x",
        "Một là, x",
    ];
    let mut text = String::from(HEADER);
    for k in 0..10_000 {
        text.push_str(labels[k % labels.len()]);
        text.push('\n');
    }
    // and one decimal label 10 000 levels deep
    text.push_str(&"1.".repeat(10_000));
    text.push('\n');
    let r = parse_report(&text);
    assert_eq!(r.kind, ReportKind::Document);
    assert!(depth(&r.sections) <= 16, "depth {}", depth(&r.sections));
    // the whole tree serialises and drops without deep recursion
    assert!(serde_json::to_string(&r).unwrap().len() > 10_000);
}

#[test]
fn huge_line_and_binary_junk_return() {
    // 50 MB, one line, no line break anywhere
    let unit =
        "Hội nghị đã thảo luận, đồng chí Lê Văn Hai, Phó Bí thư Tỉnh uỷ phát biểu. Một là, x. ";
    let line = unit.repeat(50_000_000 / unit.len());
    let r = parse_report(&line);
    assert!(r.title.is_some() && r.paragraphs.is_empty());
    assert_eq!(r.people.len(), 1);
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let bytes: Vec<u8> = (0..2_000_000)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect();
    let junk = String::from_utf8_lossy(&bytes);
    check_spans(&junk, &parse_report(&junk));
}

fn best_of(runs: usize, f: impl Fn()) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Linear time: 8× the input may cost at most 24× the time (a quadratic parser would cost 64×).
/// A ratio of two sizes, best of three runs each, not a wall-clock limit.
#[test]
fn time_grows_linearly() {
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/documents/kehoach_tinhuy.txt"),
    )
    .unwrap();
    for unit in [SEED, doc.as_str()] {
        let small = unit.repeat(40);
        let large = unit.repeat(320);
        let ts = best_of(3, || drop(parse_report(&small)));
        let tl = best_of(3, || drop(parse_report(&large)));
        assert!(tl < ts * 24 + Duration::from_millis(50), "{ts:?} → {tl:?}");
    }
}
