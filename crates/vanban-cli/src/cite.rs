//! `vanban cite`: every document citation of the inputs, one record per citation.

use std::sync::OnceLock;

use clap::ValueEnum;
use vanban_grammar::{Citation, extract_citations};
use vanban_resolve::{ExtractOptions, extract_citations_with};

use crate::input::InputArgs;
use crate::output::{Format, Record, keys_of, one_line};
use crate::progress::Tally;

/// The arguments of `vanban cite`.
#[derive(clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CiteFormat::Jsonl)]
    format: CiteFormat,
    /// Also report references (`Nghị quyết này`, `Chỉ thị trên`, `văn bản này`) with the key of
    /// the document they name (docs/resolution.md).
    #[arg(long)]
    references: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum CiteFormat {
    /// One JSON object per line.
    Jsonl,
    /// One JSON array.
    Json,
    /// A readable table.
    Table,
    /// Comma-separated values, every field, with a header row.
    Csv,
}

pub(crate) fn run(args: Args) -> std::io::Result<Tally> {
    let format = match args.format {
        CiteFormat::Jsonl => Format::Jsonl,
        CiteFormat::Json => Format::Json { pretty: false },
        CiteFormat::Table => Format::Table,
        CiteFormat::Csv => Format::Csv,
    };
    let options = ExtractOptions::default().references(args.references);
    crate::batch::run_all(
        &args.input,
        |_| format,
        |input| {
            let locator = input.locator();
            Box::new(
                Citations::new(input.text, BLOCK_BYTES, options).map(move |mut c| {
                    locator.locate(&mut c);
                    c
                }),
            )
        },
        |_, tally| tally.citations += 1,
    )
}

/// A text longer than this is read block by block, each block ending at the first paragraph
/// break (a line break, optional spaces, a line break) after this many bytes, so that memory
/// holds the text plus one block's citations, not every citation of a 500 MB file. No citation
/// (nor the context the grammar reads around one) runs across a paragraph break, so the blocks
/// give the citations of one pass: the tests below cut every fixture, and the ignored one a
/// corpus, at every paragraph break. A grammar rule that read across paragraphs would fail them.
const BLOCK_BYTES: usize = 4 << 20;

/// The citations of a text, in order, extracted block by block ([`BLOCK_BYTES`]).
pub(crate) struct Citations {
    text: String,
    block_bytes: usize,
    /// Byte offset where the next block starts.
    next: usize,
    /// Characters before `next`.
    chars_before: usize,
    pending: std::vec::IntoIter<Citation>,
    /// References on or off. A text of one block (any text up to 4 MiB) is resolved whole; the
    /// blocks of a longer one through `vanban_resolve::Blocks`, which carries what earlier
    /// blocks said (docs/resolution.md, "Long texts").
    options: ExtractOptions,
    resolver: Option<vanban_resolve::Blocks>,
}

impl Citations {
    pub(crate) fn new(text: String, block_bytes: usize, options: ExtractOptions) -> Self {
        Self {
            text,
            block_bytes,
            options,
            next: 0,
            chars_before: 0,
            pending: Vec::new().into_iter(),
            resolver: None,
        }
    }
}

impl Iterator for Citations {
    type Item = Citation;

    fn next(&mut self) -> Option<Citation> {
        loop {
            if let Some(c) = self.pending.next() {
                return Some(c);
            }
            if self.next >= self.text.len() {
                return None;
            }
            let start = self.next;
            let end = block_end(&self.text, start, self.block_bytes);
            let block = &self.text[start..end];
            let whole = start == 0 && end == self.text.len();
            let mut cites = if whole {
                extract_citations_with(block, &self.options)
            } else {
                vanban_grammar::extract_citations_with(block, &self.options)
            };
            for c in &mut cites {
                c.start += self.chars_before;
                c.end += self.chars_before;
                c.byte_start += start;
                c.byte_end += start;
            }
            if !whole {
                let text = &self.text;
                self.resolver
                    .get_or_insert_with(|| vanban_resolve::Blocks::new(text))
                    .resolve(text, start, &mut cites);
            }
            if end < self.text.len() {
                // Only a following block needs the count (most texts are one block).
                self.chars_before += block.chars().count();
            }
            self.next = end;
            self.pending = cites.into_iter();
        }
    }
}

/// Where the block that starts at `start` ends: just after the first paragraph break found
/// `block_bytes` or more after `start`, or at the end of the text.
fn block_end(text: &str, start: usize, block_bytes: usize) -> usize {
    let bytes = text.as_bytes();
    let mut from = start.saturating_add(block_bytes);
    while from < bytes.len() {
        let Some(k) = memchr::memchr(b'\n', &bytes[from..]) else {
            break;
        };
        let after = from + k + 1;
        let gap = bytes[after..]
            .iter()
            .take_while(|&&b| matches!(b, b' ' | b'\t' | b'\r'))
            .count();
        if bytes.get(after + gap) == Some(&b'\n') {
            // Both line breaks are ASCII, so this is a character boundary.
            return after + gap + 1;
        }
        from = after;
    }
    text.len()
}

impl Record for Citation {
    const TABLE: &'static [&'static str] = &[
        "start", "kind", "number", "symbol", "date", "issuer", "term", "key", "text",
    ];

    fn table_row(&self) -> Vec<String> {
        let opt = |v: Option<String>| v.unwrap_or_else(|| "-".to_owned());
        vec![
            self.start.to_string(),
            self.kind.as_str().to_owned(),
            opt(self
                .number
                .map(|n| n.to_string())
                .or_else(|| self.plenum.map(|p| format!("TW{p}")))
                .or_else(|| self.congress.map(|n| format!("ĐH{n}")))),
            opt(self.symbol.clone().or_else(|| self.title.clone())),
            opt(self.date.clone()),
            opt(self.issuer.clone()),
            opt(self.term.map(|t| t.to_string())),
            opt(self.doc_key.clone().or_else(|| {
                (!self.candidates.is_empty()).then(|| format!("? {}", self.candidates.join(" | ")))
            })),
            one_line(&self.text),
        ]
    }

    fn csv_columns() -> Vec<String> {
        // The columns are the model's keys, read off one citation so they follow the schema.
        static COLUMNS: OnceLock<Vec<String>> = OnceLock::new();
        COLUMNS
            .get_or_init(|| {
                extract_citations("Nghị quyết số 04-NQ/TW")
                    .first()
                    .map(keys_of)
                    .unwrap_or_default()
            })
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every fixture text, and all of them joined.
    fn fixtures() -> Vec<String> {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
        let mut texts = Vec::new();
        for dir in std::fs::read_dir(root).unwrap() {
            for file in std::fs::read_dir(dir.unwrap().path()).unwrap() {
                texts.push(std::fs::read_to_string(file.unwrap().path()).unwrap());
            }
        }
        texts.sort();
        assert!(texts.len() >= 20);
        let all = texts.join("\n\n");
        texts.push(all.replace('\n', "\r\n"));
        texts.push(all);
        texts
    }

    /// The grammar's part of citations: blocks are resolved one by one (their text keys carry
    /// the block's fingerprint), so only a one-block text has the whole text's keys.
    fn grammar_only(cites: Vec<Citation>) -> Vec<Citation> {
        cites
            .into_iter()
            .map(|mut c| {
                c.doc_key = None;
                c.doc_key_scope = None;
                c.resolution = None;
                c.candidates = Vec::new();
                c.doc_title = None;
                c.doc_date = None;
                c
            })
            .collect()
    }

    fn blocks(text: &str, block: usize) -> Vec<Citation> {
        Citations::new(text.to_owned(), block, ExtractOptions::default()).collect()
    }

    #[test]
    fn blocks_give_the_citations_of_one_pass() {
        for text in fixtures() {
            let whole = extract_citations(&text);
            // Block size 0 splits at every paragraph break.
            for block in [0, 1, 100, 1000, 1 << 20] {
                assert_eq!(
                    grammar_only(blocks(&text, block)),
                    whole,
                    "block size {block}"
                );
            }
            if text.len() < 1 << 20 {
                assert_eq!(
                    blocks(&text, 1 << 20),
                    vanban_resolve::extract_citations(&text)
                );
            }
        }
    }

    #[test]
    fn blocks_carry_what_earlier_blocks_said() {
        // A full citation in the first block, its short form and a term-less number in later
        // ones, and a local series cited in two blocks: one key each, as for the whole text.
        let text = "Chỉ thị số 05-CT/TW ngày 15-5-2016 của Bộ Chính trị về học tập.\n\n\
                    Kế hoạch số 04-KH/TW của Bộ Chính trị.\n\n\
                    Sau một năm, Chỉ thị 05 đã đi vào cuộc sống; Kế hoạch số 04-KH/TW cũng vậy.\n\n\
                    Luật Đất đai năm 2013.\n\nLuật Đất đai được thi hành. Nghị quyết này.\n";
        let split = blocks(text, 0);
        let whole = vanban_resolve::extract_citations(text);
        assert_eq!(split.len(), whole.len());
        let keys = |c: &[Citation]| -> Vec<Option<String>> {
            c.iter().map(|c| c.doc_key.clone()).collect()
        };
        let (sk, wk) = (keys(&split), keys(&whole));
        assert_eq!(sk[0].as_deref(), Some("5-CT/TW@XII"));
        assert_eq!(sk[2], sk[0], "the short form two blocks later");
        assert_eq!(sk[1], sk[3], "one text key across blocks");
        assert!(sk[1].as_deref().unwrap().starts_with("4-KH/TW#"));
        assert_eq!(sk[4].as_deref(), Some("45/2013/QH13"));
        assert_eq!(sk[5], sk[4], "the bare name a block later");
        // Global keys are the whole text's.
        for (s, w) in sk.iter().zip(&wk) {
            if !w.as_deref().unwrap_or("#").contains('#') {
                assert_eq!(s, w);
            }
        }
        // Two texts' blocks never share a text key.
        let other = blocks(&text.replace("cũng vậy", "cũng thế"), 0);
        assert_ne!(other[1].doc_key, split[1].doc_key);
    }

    /// The same over a corpus of real texts: `VANBAN_CORPUS=DIR cargo test -p vanban-cli --lib
    /// -- --ignored` (every `.txt` below DIR).
    #[test]
    #[ignore = "needs VANBAN_CORPUS"]
    fn blocks_give_the_citations_of_one_pass_on_a_corpus() {
        let dir = std::env::var("VANBAN_CORPUS").expect("VANBAN_CORPUS names a folder of texts");
        let mut n = 0;
        for entry in walkdir::WalkDir::new(dir) {
            let path = entry.unwrap().into_path();
            if path.extension().is_some_and(|e| e == "txt") {
                let text = std::fs::read_to_string(&path).unwrap();
                let split = grammar_only(blocks(&text, 0));
                assert_eq!(split, extract_citations(&text), "{}", path.display());
                n += 1;
            }
        }
        assert!(n > 0, "no .txt files");
        eprintln!("{n} texts agree");
    }

    #[test]
    fn blocks_end_after_paragraph_breaks_only() {
        let text = "một\nhai\n \t\nba\r\n\r\nbốn\n";
        assert_eq!(block_end(text, 0, 0), "một\nhai\n \t\n".len());
        assert_eq!(block_end(text, 0, 11), "một\nhai\n \t\nba\r\n\r\n".len());
        assert_eq!(block_end(text, 0, 100), text.len());
        assert_eq!(block_end("no break\n", 0, 0), "no break\n".len());
        // Block size counts from the block's start.
        let next = block_end(text, 0, 0);
        assert_eq!(block_end(text, next, 0), "một\nhai\n \t\nba\r\n\r\n".len());
    }
}
