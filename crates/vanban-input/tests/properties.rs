//! Properties over random pages built from fixture text: the projection reads as the text, every
//! citation's page slice (tags removed, entities decoded) reads as the citation, annotation gives
//! the page back byte for byte; and auto-detection never picks a wrong encoding.
use proptest::prelude::*;
use vanban_grammar::extract_citations;
use vanban_input::annotate::{Format, annotate};
use vanban_input::encoding::{Choice, LEGACY, decode, encode};
use vanban_input::html::project;
use vanban_input::{Kind, read};

mod common;

fn sentences() -> Vec<String> {
    let text = include_str!("fixtures/legacy/article.txt");
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

/// How one character is written into the page.
#[derive(Debug, Clone)]
enum Dress {
    Plain,
    Numeric,
    Hex,
    OpenTag(usize),
    CloseTag(usize),
    Comment,
}

const TAGS: [(&str, &str); 5] = [
    ("<b>", "</b>"),
    ("<i>", "</i>"),
    ("<span class=\"x\">", "</span>"),
    ("<strong>", "</strong>"),
    ("<em data-x=\"1 &amp; 2\">", "</em>"),
];

fn dress() -> impl Strategy<Value = Dress> {
    prop_oneof![
        8 => Just(Dress::Plain),
        1 => Just(Dress::Numeric),
        1 => Just(Dress::Hex),
        1 => (0..TAGS.len()).prop_map(Dress::OpenTag),
        1 => (0..TAGS.len()).prop_map(Dress::CloseTag),
        1 => Just(Dress::Comment),
    ]
}

/// The sentence written as HTML, each character dressed as drawn.
fn page(sentence: &str, dresses: &[Dress]) -> String {
    let mut html = String::from("<html><body><p>");
    for (k, c) in sentence.chars().enumerate() {
        match dresses
            .get(k % dresses.len().max(1))
            .cloned()
            .unwrap_or(Dress::Plain)
        {
            Dress::Plain | Dress::OpenTag(_) | Dress::CloseTag(_) | Dress::Comment
                if c == '<' || c == '&' =>
            {
                html.push_str(if c == '<' { "&lt;" } else { "&amp;" })
            }
            Dress::Plain => html.push(c),
            Dress::Numeric if c == ' ' => html.push_str("&nbsp;"),
            Dress::Numeric => html.push_str(&format!("&#{};", u32::from(c))),
            Dress::Hex => html.push_str(&format!("&#x{:x};", u32::from(c))),
            Dress::OpenTag(t) => {
                html.push_str(TAGS[t].0);
                html.push(c);
            }
            Dress::CloseTag(t) => {
                html.push(c);
                html.push_str(TAGS[t].1);
            }
            Dress::Comment => {
                html.push_str("<!-- Nghị quyết số 99-NQ/TW -->");
                html.push(c);
            }
        }
    }
    html.push_str("</p></body></html>");
    html
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn pages_project_to_their_text_and_slices_read_back(
        pick in 0usize..100,
        dresses in proptest::collection::vec(dress(), 1..40),
    ) {
        let all = sentences();
        let sentence = &all[pick % all.len()];
        let html = page(sentence, &dresses);
        let input = read(html.as_bytes(), Kind::Html, Choice::Auto).unwrap();
        prop_assert_eq!(&input.text, sentence);
        let cites = extract_citations(&input.text);
        let plain = extract_citations(sentence);
        prop_assert_eq!(
            cites.iter().map(|c| &c.text).collect::<Vec<_>>(),
            plain.iter().map(|c| &c.text).collect::<Vec<_>>()
        );
        for c in &cites {
            let src = input.map.range(c.byte_start..c.byte_end);
            prop_assert_eq!(&project(&html[src.clone()]).text, &c.text, "{:?}", &html[src]);
        }
        let out = annotate(&input, html.as_bytes(), &cites, Format::Html, None);
        let (back, _) = common::strip(&out);
        prop_assert_eq!(back, html.as_bytes());
    }

    #[test]
    fn auto_never_picks_a_wrong_encoding(pick in 0usize..100, len in 1usize..4) {
        let all = sentences();
        let text: String = (0..len).map(|k| all[(pick + k) % all.len()].as_str()).collect::<Vec<_>>().join("\n");
        for e in LEGACY {
            let bytes = encode(&text, e).unwrap();
            match decode(&bytes, Choice::Auto) {
                Ok(d) => {
                    prop_assert_eq!(d.encoding, e);
                    prop_assert_eq!(&d.text, &text);
                }
                // Too little evidence is allowed to refuse; a wrong guess is not.
                Err(err) => prop_assert!(matches!(err, vanban_input::DecodeError::Undetermined { .. }), "{}", err),
            }
        }
    }
}
