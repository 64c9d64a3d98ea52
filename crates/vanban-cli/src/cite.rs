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
            Box::new(Citations::new(input.text, options).map(move |mut c| {
                locator.locate(&mut c);
                c
            }))
        },
        |_, tally| tally.citations += 1,
    )
}

/// A text longer than `vanban_resolve::BlockCut::LONG_TEXT` (256 KiB) is streamed: the grammar
/// hands its citations over as it finds them (`vanban_grammar::for_each_citation`, in a thread
/// of its own), and they are resolved in the blocks `vanban_resolve::BlockCut` cuts (at a
/// paragraph break after 1 024 citations, docs/resolution.md "Long texts"), so memory holds the
/// text and a few blocks of citations, not every citation of a 500 MB file. A shorter text is
/// read and resolved whole.
const STREAM_BYTES: usize = vanban_resolve::BlockCut::LONG_TEXT;

/// The citations of a text, in order: resolved whole, or streamed in blocks.
pub(crate) struct Citations {
    whole: Option<(String, ExtractOptions)>,
    pending: std::vec::IntoIter<Citation>,
    stream: Option<Stream>,
}

/// A streamed text: blocks of resolved citations from the thread that reads it.
struct Stream {
    blocks: std::sync::mpsc::Receiver<Vec<Citation>>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Citations {
    pub(crate) fn new(text: String, options: ExtractOptions) -> Self {
        Self::with_limits(
            text,
            options,
            STREAM_BYTES,
            vanban_resolve::BlockCut::CITATIONS,
        )
    }

    fn with_limits(text: String, options: ExtractOptions, stream: usize, block: usize) -> Self {
        if text.len() <= stream {
            return Self {
                whole: Some((text, options)),
                pending: Vec::new().into_iter(),
                stream: None,
            };
        }
        // Two blocks in flight: one being written out, one being resolved.
        let (send, blocks) = std::sync::mpsc::sync_channel(1);
        let reader = std::thread::spawn(move || stream_blocks(&text, &options, block, send));
        Self {
            whole: None,
            pending: Vec::new().into_iter(),
            stream: Some(Stream {
                blocks,
                reader: Some(reader),
            }),
        }
    }
}

/// Read `text`'s citations and send them in resolved blocks (of at least `block` citations,
/// see `vanban_resolve::BlockCut`) until the text ends or the receiver is gone.
fn stream_blocks(
    text: &str,
    options: &ExtractOptions,
    block: usize,
    send: std::sync::mpsc::SyncSender<Vec<Citation>>,
) {
    use std::ops::ControlFlow;
    let mut resolver = vanban_resolve::Blocks::new(text);
    let mut cut = vanban_resolve::BlockCut::new(block);
    let mut current: Vec<Citation> = Vec::new();
    let mut block_start = 0;
    let mut flush = |current: &mut Vec<Citation>, block_start: usize| {
        let mut done = std::mem::take(current);
        resolver.resolve(text, block_start, &mut done);
        send.send(done).is_ok()
    };
    vanban_grammar::for_each_citation(text, options, |c| {
        if let Some(at) = cut.next(text, &c) {
            if !flush(&mut current, block_start) {
                return ControlFlow::Break(());
            }
            block_start = at;
        }
        current.push(c);
        ControlFlow::Continue(())
    });
    if !current.is_empty() {
        flush(&mut current, block_start);
    }
}

impl Iterator for Citations {
    type Item = Citation;

    fn next(&mut self) -> Option<Citation> {
        loop {
            if let Some(c) = self.pending.next() {
                return Some(c);
            }
            if let Some((text, options)) = self.whole.take() {
                self.pending = extract_citations_with(&text, &options).into_iter();
                continue;
            }
            let stream = self.stream.as_mut()?;
            match stream.blocks.recv() {
                Ok(block) => self.pending = block.into_iter(),
                Err(_) => {
                    // The reader is done; a panic there is one here, not lost output.
                    if let Some(Err(panic)) = stream.reader.take().map(|r| r.join()) {
                        std::panic::resume_unwind(panic);
                    }
                    self.stream = None;
                }
            }
        }
    }
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

    /// Text keys without their fingerprint (`4-KH/TW#535a29347f5b` → `4-KH/TW#`).
    fn unprinted(cites: Vec<Citation>) -> Vec<Citation> {
        let cut = |k: &mut String| {
            if let Some(at) = k.find('#') {
                k.truncate(at + 1);
            }
        };
        cites
            .into_iter()
            .map(|mut c| {
                if let Some(k) = c.doc_key.as_mut() {
                    cut(k);
                }
                c.candidates.iter_mut().for_each(cut);
                c
            })
            .collect()
    }

    /// The text streamed (whatever its length) in blocks of `block` citations.
    fn blocks(text: &str, block: usize) -> Vec<Citation> {
        Citations::with_limits(text.to_owned(), ExtractOptions::default(), 0, block).collect()
    }

    #[test]
    fn blocks_give_the_citations_of_one_pass() {
        for text in fixtures() {
            let whole = extract_citations(&text);
            // Block size 0 (or 1) splits at every paragraph break between citations, and
            // forces a cut at every citation (or every fourth) inside a paragraph.
            for block in [0, 1, 2, 100, 1000, 1 << 20] {
                assert_eq!(
                    grammar_only(blocks(&text, block)),
                    whole,
                    "block size {block}"
                );
            }
            // Blocks larger than a text's citations give the keys of one pass (a text key's
            // fingerprint is the streamed text's, not one of its citations).
            assert_eq!(
                unprinted(blocks(&text, 1 << 20)),
                unprinted(vanban_resolve::extract_citations(&text))
            );
            let whole = Citations::new(text.clone(), ExtractOptions::default());
            assert_eq!(
                whole.collect::<Vec<_>>(),
                vanban_resolve::extract_citations(&text)
            );
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
        let split = blocks(text, 1);
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
        let other = blocks(&text.replace("cũng vậy", "cũng thế"), 1);
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
                let split = grammar_only(blocks(&text, 1));
                assert_eq!(split, extract_citations(&text), "{}", path.display());
                n += 1;
            }
        }
        assert!(n > 0, "no .txt files");
        eprintln!("{n} texts agree");
    }

    /// A long text: `vanban cite` (streamed) and `vanban report` (`resolve_report`) cut it into
    /// the same blocks, so its citations get the same keys either way.
    #[test]
    fn cite_and_report_agree_on_a_long_text() {
        let all = fixtures().pop().unwrap();
        let text = all.repeat(vanban_resolve::BlockCut::LONG_TEXT / all.len() + 1);
        let cited: Vec<Citation> =
            Citations::new(text.clone(), ExtractOptions::default()).collect();
        let report = vanban_resolve::parse_report(&text);
        assert!(cited.len() > vanban_resolve::BlockCut::CITATIONS);
        assert_eq!(cited, report.citations);
    }

    /// Dense citations on one line, past the streaming length: every one comes out, in order,
    /// resolved, in blocks (the memory bound is checked on the binary, tests/cli.rs).
    #[test]
    fn a_dense_line_is_streamed_in_blocks() {
        let text: String = (1..=3000)
            .map(|k| format!("{k}-NQ/TW, Chỉ thị {k}; "))
            .collect();
        let streamed: Vec<Citation> =
            Citations::with_limits(text.clone(), ExtractOptions::default(), 0, 100).collect();
        let whole = vanban_resolve::extract_citations(&text);
        assert_eq!(grammar_only(streamed.clone()), grammar_only(whole.clone()));
        assert_eq!(streamed.len(), 6000);
        assert!(streamed.iter().all(|c| c.doc_key.is_some()));
    }
}
