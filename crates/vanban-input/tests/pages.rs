//! The fixture pages (layouts of party and state sites, legacy-encoded copies): projected text,
//! citations and where each lies in the page, as snapshots read line by line.
use std::fmt::Write;

use vanban_grammar::extract_citations;
use vanban_input::encoding::decode_as;
use vanban_input::{Choice, Encoding, Kind, read};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/html/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The page's text, its furniture, and each citation with the page bytes it came from.
fn describe(name: &str) -> String {
    let bytes = fixture(name);
    let input = read(&bytes, Kind::Auto, Choice::Auto).unwrap();
    assert!(input.html);
    let mut out = format!(
        "encoding: {}\n--- text\n{}\n--- furniture\n",
        input.encoding, input.text
    );
    for r in &input.furniture {
        writeln!(out, "{:?}", &input.text[r.clone()]).unwrap();
    }
    out.push_str("--- citations (text ← page bytes)\n");
    for c in extract_citations(&input.text) {
        let src = input.map.range(c.byte_start..c.byte_end);
        // The page's slice, tags removed and entities decoded, reads as the citation.
        let back = read(
            &bytes[src.clone()],
            Kind::Html,
            Choice::Only(input.encoding),
        )
        .unwrap();
        assert_eq!(
            back.text,
            c.text,
            "{name}: {:?}",
            String::from_utf8_lossy(&bytes[src.clone()])
        );
        // The slice shown decoded from the page's encoding, so legacy pages read too.
        let slice = decode_as(&bytes[src.clone()], input.encoding).unwrap().text;
        writeln!(out, "{:?} ← {}..{} {slice:?}", c.text, src.start, src.end).unwrap();
    }
    out
}

#[test]
fn tccs_article() {
    insta::assert_snapshot!(describe("tccs_article.html"));
}

#[test]
fn dangcongsan_document() {
    insta::assert_snapshot!(describe("dangcongsan_document.html"));
}

#[test]
fn legacy_pages_read_like_their_utf8_original() {
    let original = read(
        &fixture("baotinh_legacy.utf8.html"),
        Kind::Auto,
        Choice::Auto,
    )
    .unwrap();
    assert_eq!(original.encoding, Encoding::Utf8);
    let want: Vec<String> = extract_citations(&original.text)
        .into_iter()
        .map(|c| c.text)
        .collect();
    assert_eq!(want.len(), 6);
    for (file, e) in [
        ("baotinh_legacy.tcvn3.html", Encoding::Tcvn3),
        ("baotinh_legacy.vni.html", Encoding::Vni),
    ] {
        let input = read(&fixture(file), Kind::Auto, Choice::Auto).unwrap();
        assert_eq!(input.encoding, e, "{file}");
        assert_eq!(input.text, original.text, "{file}");
        let got: Vec<String> = extract_citations(&input.text)
            .into_iter()
            .map(|c| c.text)
            .collect();
        assert_eq!(got, want, "{file}");
        insta::assert_snapshot!(file, describe(file));
    }
}
