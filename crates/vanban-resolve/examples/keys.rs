//! Print each citation of the files named on the command line with its key:
//! `cargo run -p vanban-resolve --example keys -- FILE...` (`REFS=1`: with references).
fn main() {
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("{path}: unreadable");
            continue;
        };
        let options = vanban_resolve::ExtractOptions::default()
            .references(std::env::var_os("REFS").is_some());
        for c in vanban_resolve::extract_citations_with(&text, &options) {
            println!(
                "{path}\t{}\t{:?}\t{:?}\t{:?}\t{}\t{:?}\t{:?}\t{}",
                c.start,
                c.resolution.map(|r| r.as_str()),
                c.doc_key,
                c.doc_key_scope,
                c.candidates.join(" "),
                c.doc_title.as_deref().unwrap_or(""),
                c.doc_date,
                c.text.replace('\n', " ")
            );
        }
    }
}
