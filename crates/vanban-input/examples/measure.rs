//! Measure the front ends on a directory of UTF-8 texts (the evaluation corpus):
//!
//! ```sh
//! cargo run --release -p vanban-input --example measure -- ../shared/corpus
//! ```
//!
//! 1. Legacy encodings: each text is written in TCVN3, VNI, VISCII and Windows-1258 by this
//!    crate's encoder (characters an encoding lacks, such as curly quotes in TCVN3, are first
//!    replaced by ASCII look-alikes in both copies), read back by name and by `auto`, and its
//!    citations compared with the UTF-8 original's: texts, every field, and every citation's
//!    source slice decoding to its text.
//! 2. HTML: each text is wrapped in a page template (site menu, one `<p>` per line, entities for
//!    `&`, `<`, `>` and NBSP, the digits of every number in `<b>` every few lines, a hidden
//!    div and a script with citation-like strings, a footer) and its citations compared with the
//!    plain run (texts compared with white space collapsed, fields exactly): recall, precision,
//!    and every `src_start`/`src_end` slice projecting back to the citation's text.
use std::collections::HashMap;

use vanban_grammar::{Citation, extract_citations};
use vanban_input::encoding::{Choice, Encoding, LEGACY, decode, decode_as, encode};
use vanban_input::html::project;
use vanban_input::{Kind, read};

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/corpus".into());
    let mut files = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from(&dir)];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d)
            .unwrap_or_else(|e| panic!("{}: {e}", d.display()))
            .flatten()
        {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "txt") {
                files.push(p);
            }
        }
    }
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    println!(
        "{} texts, {} bytes",
        texts.len(),
        texts.iter().map(String::len).sum::<usize>()
    );
    if std::env::var_os("DEBUG").is_some() {
        debug(&texts);
        return;
    }
    legacy(&texts);
    html(&texts);
}

/// The fields compared (everything but offsets).
fn key(c: &Citation, squash_text: bool) -> String {
    let mut v = serde_json::to_value(c).unwrap();
    let m = v.as_object_mut().unwrap();
    for k in ["start", "end", "byte_start", "byte_end"] {
        m.remove(k);
    }
    if squash_text {
        for (_, val) in m.iter_mut() {
            if let Some(s) = val.as_str() {
                *val = serde_json::Value::String(squash(s));
            }
        }
    }
    v.to_string()
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` with what `e` cannot write replaced by ASCII look-alikes.
fn fold(text: &str, e: Encoding) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let mut buf = [0; 4];
        if encode(c.encode_utf8(&mut buf), e).is_ok() {
            out.push(c);
            continue;
        }
        out.push_str(match c {
            '“' | '”' | '„' | '«' | '»' => "\"",
            '‘' | '’' => "'",
            '–' | '—' | '‑' | '‐' | '−' => "-",
            '…' => "...",
            '\u{a0}' | '\u{2009}' | '\u{202f}' => " ",
            _ => "?",
        });
    }
    out
}

fn legacy(texts: &[String]) {
    println!("\n== legacy encodings (encoder → decoder → extract_citations), vs the UTF-8 text");
    for e in LEGACY {
        let (mut cites, mut by_name, mut by_auto, mut wrong_auto, mut refused, mut bad_slices) =
            (0, 0, 0, 0, 0, 0);
        for t in texts {
            let folded = fold(t, e);
            let want: Vec<String> = extract_citations(&folded)
                .iter()
                .map(|c| key(c, false))
                .collect();
            cites += want.len();
            let bytes = encode(&folded, e).unwrap();
            let d = decode_as(&bytes, e).unwrap();
            let got = extract_citations(&d.text);
            if got.iter().map(|c| key(c, false)).collect::<Vec<_>>() == want {
                by_name += want.len();
            }
            for c in &got {
                let r = d.map.range(c.byte_start..c.byte_end);
                if decode_as(&bytes[r], e).map(|x| x.text) != Ok(c.text.clone()) {
                    bad_slices += 1;
                }
            }
            match decode(&bytes, Choice::Auto) {
                // ASCII bytes (a text in Thai or English, folded) read the same in every encoding.
                Ok(a) if a.encoding == e || bytes.is_ascii() => {
                    if extract_citations(&a.text)
                        .iter()
                        .map(|c| key(c, false))
                        .collect::<Vec<_>>()
                        == want
                    {
                        by_auto += want.len();
                    }
                }
                Ok(_) => wrong_auto += 1,
                Err(_) => refused += 1,
            }
        }
        println!(
            "{:>7}: {cites} citations; same citations by name {by_name}/{cites}, by auto {by_auto}/{cites}; auto picked a wrong encoding for {wrong_auto} texts, refused {refused}; source slices not decoding to their citation: {bad_slices}",
            e.name()
        );
    }
}

/// A page in the layout of a provincial party paper, the text one `<p>` per line.
fn page(text: &str, bold_digits: bool) -> String {
    let mut body = String::new();
    for (n, line) in text.lines().enumerate() {
        let mut p = String::new();
        let mut in_digits = false;
        for c in line.chars() {
            let bold = bold_digits && n % 3 == 0 && c.is_ascii_digit();
            if bold && !in_digits {
                p.push_str("<b>");
            } else if !bold && in_digits {
                p.push_str("</b>");
            }
            in_digits = bold;
            match c {
                '&' => p.push_str("&amp;"),
                '<' => p.push_str("&lt;"),
                '>' => p.push_str("&gt;"),
                '\u{a0}' => p.push_str("&nbsp;"),
                c => p.push(c),
            }
        }
        if in_digits {
            p.push_str("</b>");
        }
        body.push_str("<p>");
        body.push_str(&p);
        body.push_str("</p>\n");
    }
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Tin tức - Nghị quyết số 1-NQ/TW</title>\
         <script>var x = \"Chỉ thị số 99-CT/TW\";</script></head><body>\
         <div class=\"main-menu\"><a href=\"/\">Trang chủ</a> <a href=\"/tin\">Tin tức</a></div>\
         <article class=\"detail\">\n{body}</article>\
         <div style=\"display:none\">Quyết định số 98-QĐ/TW</div>\
         <footer>Bản quyền thuộc về Báo điện tử</footer></body></html>"
    )
}

fn html(texts: &[String]) {
    println!("\n== HTML pages built from each text vs the plain text");
    for bold in [false, true] {
        let (mut want_n, mut got_n, mut matched, mut bad_slices) = (0, 0, 0, 0);
        for t in texts {
            let want: Vec<String> = extract_citations(t).iter().map(|c| key(c, true)).collect();
            let html = page(t, bold);
            let input = read(html.as_bytes(), Kind::Html, Choice::Auto).unwrap();
            let got = extract_citations(&input.text);
            let mut pool: HashMap<String, usize> = HashMap::new();
            for k in &want {
                *pool.entry(k.clone()).or_default() += 1;
            }
            for c in &got {
                if let Some(n) = pool.get_mut(&key(c, true))
                    && *n > 0
                {
                    *n -= 1;
                    matched += 1;
                } else if std::env::var_os("SHOW").is_some() {
                    println!("  unmatched in the page: {:?}", c.text);
                }
                let r = input.map.range(c.byte_start..c.byte_end);
                if project(&html[r]).text != c.text {
                    bad_slices += 1;
                }
            }
            want_n += want.len();
            got_n += got.len();
        }
        println!(
            "{}: plain {want_n}, html {got_n}, matched {matched}: recall {:.4}, precision {:.4}; src slices not reading as their citation: {bad_slices}",
            if bold {
                "numbers in <b> every third line"
            } else {
                "plain paragraphs"
            },
            matched as f64 / want_n.max(1) as f64,
            matched as f64 / got_n.max(1) as f64,
        );
    }
}

#[allow(dead_code)]
fn debug(texts: &[String]) {
    for (k, t) in texts.iter().enumerate() {
        let e = Encoding::Tcvn3;
        let folded = fold(t, e);
        let want = extract_citations(&folded).len();
        let bytes = encode(&folded, e).unwrap();
        match decode(&bytes, Choice::Auto) {
            Ok(a) if a.encoding == e => {
                let got = extract_citations(&a.text).len();
                if got != want || a.text != folded {
                    println!(
                        "{k}: same enc, want {want} got {got}, text equal {}",
                        a.text == folded
                    );
                }
            }
            Ok(a) => println!("{k}: wrong {}", a.encoding),
            Err(err) => println!("{k}: {err}"),
        }
    }
}
