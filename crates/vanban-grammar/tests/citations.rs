//! Citation extraction over the shared fixtures: insta snapshots of the serde output (the JSON
//! contract of the CLI and Python), offset invariants, look-alikes that must never fire, NFC/NFD
//! equivalence, strict-parser errors and linear scaling on hostile input.

use std::path::Path;

use unicode_normalization::UnicodeNormalization;
use vanban_grammar::{extract_citations, parse_citation, parse_number};

mod common;
use common::{check_citation_spans, strip};

fn fixture(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn fixture_snapshots() {
    // Every fixture: the citation files, and the articles and documents the report tests use.
    insta::glob!("../../../tests/fixtures", "*/*.txt", |path| {
        if path.file_name().is_some_and(|n| n == "must_never_fire.txt") {
            return;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let cites = extract_citations(&text);
        check_citation_spans(&text, &cites);
        insta::assert_json_snapshot!(cites);
    });
}

#[test]
fn spans_hold_on_every_fixture() {
    for dir in ["citations", "articles", "documents"] {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures")
            .join(dir);
        let Ok(entries) = std::fs::read_dir(root) else {
            continue;
        };
        for entry in entries {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            check_citation_spans(&text, &extract_citations(&text));
        }
    }
}

#[test]
fn look_alikes_never_fire() {
    let lines = fixture("citations/must_never_fire.txt");
    assert!(lines.lines().count() > 15);
    for line in lines.lines() {
        assert_eq!(extract_citations(line), [], "{line}");
    }
}

#[test]
fn seed_article_citations() {
    let text = fixture("articles/seed_xaydungdang_2016.txt");
    let cites = extract_citations(&text);
    check_citation_spans(&text, &cites);
    let keys: Vec<String> = cites
        .iter()
        .map(|c| match c.kind {
            vanban_grammar::CitationKind::Plenum => {
                format!("TW{}/{}", c.plenum.unwrap(), c.term.unwrap())
            }
            vanban_grammar::CitationKind::Congress => format!("ĐH{}", c.congress.unwrap()),
            _ => format!("{}-{}", c.number.unwrap(), c.symbol.as_deref().unwrap()),
        })
        .collect();
    assert_eq!(
        keys,
        [
            "3-NQ/TU",
            "TW4/11",
            "5-CT/TW",
            "TW4/12",
            "5-CT/TW",
            "4-KH/TW",
            "4-NQ/TW",
            "126-KH/TU",
            "39-CT/TW",
            "ĐH12",
            "TW4/12",
            "4-NQ/TW",
            "55-QĐ/TW",
            "5-CT/TW",
            "30-KH/TU",
            "3-NQ/TU",
            "TW4/12"
        ]
    );
    // `Quốc hội khoá XIV` and `nhiệm kỳ 2016 - 2021` are not citations.
    assert!(cites.iter().all(|c| !c.text.contains("Quốc hội")));
}

/// The same text in NFC and NFD gives the same citations, each slicing its own input.
#[test]
fn nfc_and_nfd_agree() {
    for rel in [
        "citations/prose_citations.txt",
        "citations/party_numbers.txt",
        "articles/seed_xaydungdang_2016.txt",
    ] {
        let nfc: String = fixture(rel).nfc().collect();
        let nfd: String = nfc.nfd().collect();
        assert_ne!(nfc, nfd);
        let a = extract_citations(&nfc);
        let b = extract_citations(&nfd);
        check_citation_spans(&nfd, &b);
        assert_eq!(
            a.iter().map(strip).collect::<Vec<_>>(),
            b.iter().map(strip).collect::<Vec<_>>(),
            "{rel}"
        );
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.text, y.text.nfc().collect::<String>());
        }
    }
}

#[test]
fn strict_number_parser() {
    let n = parse_number("04-NQ/TW").unwrap();
    assert_eq!((n.number, n.symbol.as_str()), (4, "NQ/TW"));
    let n = parse_number(" 30/2020/NĐ-CP ").unwrap();
    assert_eq!(
        (n.number, n.year, n.symbol.as_str()),
        (30, Some(2020), "NĐ-CP")
    );
    let src = "03-XX/TU";
    let err = parse_number(src).unwrap_err();
    assert_eq!(
        err.render(src),
        "expected a document type code at line 1 column 4\n  |\n1 | 03-XX/TU\n  |    ^"
    );
    assert!(parse_number("Số 12-NQ").is_err());
    let src = "12-NQ/";
    let err = parse_number(src).unwrap_err();
    assert_eq!(
        err.message(src),
        "expected an issuer code at line 1 column 7"
    );
}

#[test]
fn strict_citation_parser() {
    let c = parse_citation(
        "Nghị quyết số 04-NQ/TW ngày 30-10-2016 của Ban Chấp hành Trung ương khoá XII",
    )
    .unwrap();
    assert_eq!(
        (c.number, c.term, c.date.as_deref()),
        (Some(4), Some(12), Some("2016-10-30"))
    );
    let c = parse_citation("Nghị quyết Trung ương 4, khoá XI").unwrap();
    assert_eq!((c.plenum, c.term), (Some(4), Some(11)));
    // The column counts characters: `Nghị quyết số ` is 14 characters but 18 bytes.
    let src = "Nghị quyết số 03-XX/TU";
    let err = parse_citation(src).unwrap_err();
    assert_eq!(
        err.message(src),
        "expected a document type code at line 1 column 18"
    );
    let src = "Nghị quyết số 04-NQ/TW và còn nữa";
    assert_eq!(
        parse_citation(src).unwrap_err().message(src),
        "expected the end of the citation at line 1 column 23"
    );
    let src = "không phải trích dẫn";
    assert!(
        parse_citation(src)
            .unwrap_err()
            .message(src)
            .starts_with("expected a type word")
    );
}

/// Hostile input: extraction work must grow linearly. A generous ratio between two sizes (10×
/// the input may take at most 40× the time) catches quadratic behaviour without a wall-clock limit.
#[test]
fn hostile_input_scales_linearly() {
    let pieces = [
        "1-1/1-1/",
        "Nghị quyết ",
        "9999999999-",
        "Nghị quyết số 1, 2, 3, ",
        "//--//",
        "số 18 - NQ/",
        "Đại hội ",
    ];
    for piece in pieces {
        let small = piece.repeat(100_000 / piece.len());
        let large = piece.repeat(1_000_000 / piece.len());
        let time = |s: &str| {
            (0..3)
                .map(|_| {
                    let t = std::time::Instant::now();
                    std::hint::black_box(extract_citations(s));
                    t.elapsed().as_secs_f64()
                })
                .fold(f64::INFINITY, f64::min)
        };
        let (ts, tl) = (time(&small).max(1e-4), time(&large));
        assert!(
            tl / ts < 40.0,
            "{piece:?}: {ts:.4}s for 100 kB but {tl:.4}s for 1 MB"
        );
    }
}
