//! `parse_report` on arbitrary UTF-8: no panic; spans of paragraphs, sections and citations
//! slice back to their text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let r = vanban_grammar::parse_report(text);
    let chars: Vec<char> = text.chars().collect();
    let check = |t: &str, s: usize, e: usize| {
        assert!(s <= e && e <= chars.len(), "{s}..{e} out of bounds");
        assert_eq!(chars[s..e].iter().collect::<String>(), t);
    };
    for s in r
        .paragraphs
        .iter()
        .chain(&r.recipients)
        .chain(&r.boilerplate)
    {
        check(&s.text, s.start, s.end);
    }
    for s in [&r.title, &r.lead, &r.category, &r.caption, &r.agency]
        .into_iter()
        .flatten()
    {
        check(&s.text, s.start, s.end);
    }
    for c in &r.citations {
        check(&c.text, c.start, c.end);
    }
    for i in &r.items {
        check(&i.span.text, i.span.start, i.span.end);
    }
    for p in &r.people {
        check(&p.name, p.start, p.end);
    }
    let mut stack: Vec<_> = r.sections.iter().collect();
    while let Some(s) = stack.pop() {
        check(&s.span.text, s.span.start, s.span.end);
        stack.extend(&s.children);
    }
});
