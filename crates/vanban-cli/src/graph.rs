//! `vanban graph`: the citation graph of an archive — the documents table (key, title, type,
//! issuer, date, mentions, citing files) or the edge list (citing file → key), docs/resolution.md.
//!
//! The documents table needs every input before its first row, so the run collects the graph
//! (one small record per document and per citing file and document) and writes at the end.

use std::io::{self, BufWriter, Write};
use std::ops::ControlFlow;
use std::sync::OnceLock;

use clap::ValueEnum;
use vanban_resolve::{Document, Edge, ExtractOptions, Graph, extract_citations_with};

use crate::input::{self, Found, InputArgs, Text};
use crate::output::{Format, Record, RecordWriter, keys_of, one_line};
use crate::progress::{Progress, Tally};

/// The arguments of `vanban graph`.
#[derive(clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    input: InputArgs,
    /// Which table to print.
    #[arg(long, value_enum, default_value_t = Table::Documents)]
    table: Table,
    /// Output format.
    #[arg(long, value_enum, default_value_t = GraphFormat::Jsonl)]
    format: GraphFormat,
    /// Count references (`Nghị quyết này`) as mentions too.
    #[arg(long)]
    references: bool,
    /// Read each text's publication date (articles' timestamps, documents' header dates) into
    /// the edges' `published`; slower (the structure parser runs on every text).
    #[arg(long)]
    published: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Table {
    /// One row per cited document, most cited first.
    Documents,
    /// One row per citing file and cited document.
    Edges,
}

#[derive(Clone, Copy, ValueEnum)]
enum GraphFormat {
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
    /// A readable table.
    Table,
}

pub(crate) fn run(args: Args) -> io::Result<Tally> {
    let discovery = match input::discover(&args.input) {
        Ok(d) => d,
        Err(usage) => {
            crate::progress::error("usage", &usage);
            return Ok(Tally {
                failed: 1,
                ..Tally::default()
            });
        }
    };
    let total: u64 = discovery
        .found
        .iter()
        .map(|f| match f {
            Found::Input(i) => i.size,
            _ => 0,
        })
        .sum();
    let mut progress = Progress::new(discovery.found.len(), total, args.input.quiet, true);
    let options = ExtractOptions::default().references(args.references);
    let mut graph = Graph::new();
    let parse = |found: &Found| match found {
        Found::Input(i) => Some(input::read_text(i, &args.input).map(|t| match t {
            Text::Text(input) => {
                let text = input.text;
                let cites = extract_citations_with(&text, &options);
                let published = args
                    .published
                    .then(|| vanban_resolve::published(&text))
                    .flatten();
                Ok((cites, published))
            }
            Text::Skipped(reason) => Err(reason),
        })),
        _ => None,
    };
    // The writer never stops the run: records are written once every input is in.
    let _: Result<(), ()> = crate::batch::ordered(
        &discovery.found,
        args.input.jobs(),
        crate::batch::size,
        parse,
        |found, result| {
            match (found, result) {
                (Found::Skipped { name, reason }, _) => progress.skipped(name, reason),
                (Found::Failed { name, reason }, _) => progress.failed(name, reason),
                (Found::Input(i), Some(Err(reason))) => progress.failed(&i.name, &reason),
                (Found::Input(i), Some(Ok(Err(reason)))) => progress.skipped(&i.name, reason),
                (Found::Input(i), Some(Ok(Ok((cites, published))))) => {
                    progress.tally.files += 1;
                    progress.tally.citations += cites.len();
                    graph.add(&i.name, published.as_deref(), &cites);
                }
                (Found::Input(_), None) => {}
            }
            if let Found::Input(i) = found {
                progress.advance(i.size);
            }
            ControlFlow::Continue(())
        },
    );
    let format = match args.format {
        GraphFormat::Jsonl => Format::Jsonl,
        GraphFormat::Csv => Format::Csv,
        GraphFormat::Table => Format::Table,
    };
    let out = BufWriter::new(io::stdout().lock());
    let written = match args.table {
        Table::Documents => write_all(out, format, graph.documents().into_iter()),
        Table::Edges => write_all(out, format, graph.edges().iter()),
    };
    let tally = progress.finish();
    match written {
        Err(e) if !crate::output::is_broken_pipe(&e) => Err(e),
        _ => Ok(tally),
    }
}

fn write_all<'a, T: Record + 'a>(
    out: impl Write,
    format: Format,
    records: impl Iterator<Item = &'a T>,
) -> io::Result<()> {
    let mut w = RecordWriter::<_, T>::new(out, format, false);
    for r in records {
        w.write("", r)?;
    }
    w.finish()?.flush()
}

impl Record for Document {
    const TABLE: &'static [&'static str] = &["mentions", "files", "key", "date", "title"];

    fn table_row(&self) -> Vec<String> {
        vec![
            self.mentions.to_string(),
            self.files.to_string(),
            self.key.clone(),
            self.date.clone().unwrap_or_else(|| "-".to_owned()),
            one_line(self.title.as_deref().unwrap_or("-")),
        ]
    }

    fn csv_columns() -> Vec<String> {
        static C: OnceLock<Vec<String>> = OnceLock::new();
        C.get_or_init(|| sample(|g| g.documents().first().map(|d| keys_of(*d))))
            .clone()
    }
}

impl Record for Edge {
    const TABLE: &'static [&'static str] = &["file", "key", "mentions", "relation"];

    fn table_row(&self) -> Vec<String> {
        vec![
            self.file.clone(),
            self.key.clone(),
            self.mentions.to_string(),
            self.relation.map_or("-", |r| r.as_str()).to_owned(),
        ]
    }

    fn csv_columns() -> Vec<String> {
        static C: OnceLock<Vec<String>> = OnceLock::new();
        C.get_or_init(|| sample(|g| g.edges().first().map(keys_of)))
            .clone()
    }
}

/// Column names read off a one-citation graph, so they follow the serde schema.
fn sample(f: impl Fn(&Graph) -> Option<Vec<String>>) -> Vec<String> {
    let mut g = Graph::new();
    g.add(
        "",
        None,
        &vanban_resolve::extract_citations("Nghị quyết số 04-NQ/TW ngày 30-10-2016"),
    );
    f(&g).unwrap_or_default()
}
