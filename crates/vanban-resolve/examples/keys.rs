//! Print each citation of the files named on the command line with its key:
//! `cargo run -p vanban-resolve --example keys -- FILE...`.
fn main() {
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("{path}: unreadable");
            continue;
        };
        for c in vanban_resolve::extract_citations(&text) {
            println!(
                "{path}\t{}\t{:?}\t{:?}\t{}\t{:?}\t{}",
                c.start,
                c.resolution.map(|r| r.as_str()),
                c.doc_key,
                c.candidates.join(" "),
                c.doc_title.as_deref().unwrap_or(""),
                c.text.replace('\n', " ")
            );
        }
    }
}
