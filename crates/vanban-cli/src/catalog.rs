//! `vanban catalog [QUERY]`: list or search the bundled catalog of central party documents.

use std::io::{self, BufWriter, Write};
use std::sync::OnceLock;

use clap::ValueEnum;
use vanban_resolve::Entry;

use crate::output::{Format, Record, RecordWriter, keys_of, one_line};
use crate::progress::Tally;

/// The arguments of `vanban catalog`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// Words every listed row must hold (number, symbol, type, issuer, date, title, `khóa XII`,
    /// `trung ương 4`), in any case and tone placement; a citation (`Nghị quyết số 04-NQ/TW
    /// ngày 30-10-2016`) finds its document. Nothing lists the whole catalog.
    query: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CatalogFormat::Table)]
    format: CatalogFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum CatalogFormat {
    /// A readable table.
    Table,
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
}

pub(crate) fn run(args: Args) -> io::Result<Tally> {
    let catalog = vanban_resolve::catalog();
    let query = args.query.join(" ");
    // A query that is a citation finds its document by key.
    let by_key: Vec<&Entry> = vanban_resolve::extract_citations(&query)
        .iter()
        .filter_map(|c| c.doc_key.as_deref().and_then(|k| catalog.get(k)))
        .collect();
    let rows = if by_key.is_empty() {
        catalog.search(&query)
    } else {
        by_key
    };
    let format = match args.format {
        CatalogFormat::Table => Format::Table,
        CatalogFormat::Jsonl => Format::Jsonl,
        CatalogFormat::Csv => Format::Csv,
    };
    let mut w = RecordWriter::<_, Entry>::new(BufWriter::new(io::stdout().lock()), format, false);
    let written = rows
        .iter()
        .try_for_each(|e| w.write("", e))
        .and_then(|()| w.finish()?.flush());
    match written {
        Err(e) if !crate::output::is_broken_pipe(&e) => Err(e),
        _ => Ok(Tally::default()),
    }
}

impl Record for Entry {
    const TABLE: &'static [&'static str] = &["key", "date", "plenum", "issuer", "title"];

    fn table_row(&self) -> Vec<String> {
        vec![
            self.key.clone(),
            self.date.clone().unwrap_or_else(|| "-".to_owned()),
            self.plenum
                .map_or_else(|| "-".to_owned(), |p| format!("TW{p}")),
            self.issuer.clone(),
            one_line(&self.title),
        ]
    }

    fn csv_columns() -> Vec<String> {
        static C: OnceLock<Vec<String>> = OnceLock::new();
        C.get_or_init(|| {
            vanban_resolve::catalog()
                .entries()
                .first()
                .map(keys_of)
                .unwrap_or_default()
        })
        .clone()
    }
}
