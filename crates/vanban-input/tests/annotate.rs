//! Annotation: the page comes back byte for byte outside the inserted markup, every citation's
//! pieces share one `data-vanban-id` and read, together, as the citation.
mod common;

use common::strip;
use vanban_grammar::extract_citations;
use vanban_input::annotate::{Format, Template, annotate};
use vanban_input::html::project;
use vanban_input::{Choice, Kind, read};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/html/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// Check an annotated page against its source and return the number of citations marked.
fn check(bytes: &[u8], link: Option<&str>) -> usize {
    let input = read(bytes, Kind::Html, Choice::Auto).unwrap();
    let cites = extract_citations(&input.text);
    let template = link.map(|l| Template::parse(l).unwrap());
    let out = annotate(&input, bytes, &cites, Format::Html, template.as_ref());
    let (back, pieces) = strip(&out);
    assert_eq!(back, bytes, "outside the markup the page is unchanged");
    // The annotated page reads as the page did.
    let again = read(&out, Kind::Html, Choice::Only(input.encoding)).unwrap();
    assert_eq!(again.text, input.text);
    for (id, c) in cites.iter().enumerate() {
        let html: Vec<u8> = pieces
            .iter()
            .filter(|p| p.0 == id)
            .flat_map(|p| p.1.clone())
            .collect();
        let decoded = read(&html, Kind::Html, Choice::Only(input.encoding))
            .unwrap()
            .text;
        // Pieces join without the tags between them, so white space at their seams may differ.
        let squash = |s: &str| s.split_whitespace().collect::<String>();
        assert_eq!(squash(&decoded), squash(&c.text), "citation {id}");
    }
    cites.len()
}

#[test]
fn fixture_pages_annotate_cleanly() {
    for name in [
        "tccs_article.html",
        "dangcongsan_document.html",
        "baotinh_legacy.tcvn3.html",
        "baotinh_legacy.vni.html",
    ] {
        let bytes = fixture(name);
        assert!(check(&bytes, None) > 0, "{name}");
        check(
            &bytes,
            Some("https://example.org/{symbol}?n={number}&id={id}"),
        );
    }
}

#[test]
fn a_citation_across_tags_is_wrapped_piece_by_piece() {
    let html = "<p>Theo Quyết định số <b>1</b>1/2016/QĐ-TTg&nbsp;ngày 01&#8209;3&#8209;2016 và <a href=\"/x\">Chỉ thị 05-CT/TW</a>.</p>";
    let input = read(html.as_bytes(), Kind::Html, Choice::Auto).unwrap();
    let cites = extract_citations(&input.text);
    let t = Template::parse("https://example.org/{symbol}").unwrap();
    let out = String::from_utf8(annotate(
        &input,
        html.as_bytes(),
        &cites,
        Format::Html,
        Some(&t),
    ))
    .unwrap();
    insta::assert_snapshot!(out.replace("><", ">\n<"));
    let md = String::from_utf8(annotate(
        &input,
        html.as_bytes(),
        &cites,
        Format::Markdown,
        Some(&t),
    ))
    .unwrap();
    assert_eq!(
        md,
        "Theo [Quyết định số 11/2016/QĐ-TTg ngày 01\u{2011}3\u{2011}2016](https://example.org/Q%C4%90-TTg) và [Chỉ thị 05-CT/TW](https://example.org/CT%2FTW)."
    );
    assert_eq!(project(&out).text, input.text);
}

#[test]
fn plain_text_gives_a_standalone_page() {
    let text = "Thực hiện Nghị quyết số 04-NQ/TW & Chỉ thị 05-CT/TW <của Ban Bí thư>.";
    let input = read(text.as_bytes(), Kind::Text, Choice::Auto).unwrap();
    let cites = extract_citations(&input.text);
    let out = String::from_utf8(annotate(
        &input,
        text.as_bytes(),
        &cites,
        Format::Html,
        None,
    ))
    .unwrap();
    assert!(out.starts_with("<!DOCTYPE html>"));
    let page = project(&out);
    assert_eq!(page.text, text);
    assert_eq!(
        out.matches("<mark class=\"vanban-cite\"").count(),
        cites.len()
    );
}

#[test]
fn templates_name_known_fields() {
    assert!(Template::parse("https://x.org/{doc_key}").is_ok());
    let e = Template::parse("https://x.org/{nope}").unwrap_err();
    assert!(e.to_string().contains("unknown field {nope}"), "{e}");
    assert!(Template::parse("https://x.org/{symbol").is_err());
}
