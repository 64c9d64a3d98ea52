//! `vanban cite`: every document citation of the inputs, one record per citation.

use std::sync::OnceLock;

use clap::ValueEnum;
use vanban_grammar::{Citation, extract_citations};

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
    crate::batch::run_all(
        &args.input,
        |_| format,
        extract_citations,
        |_, tally| {
            tally.citations += 1;
        },
    )
}

impl Record for Citation {
    const TABLE: &'static [&'static str] = &[
        "start", "kind", "number", "symbol", "date", "issuer", "term", "text",
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
            opt(self.symbol.clone()),
            opt(self.date.clone()),
            opt(self.issuer.clone()),
            opt(self.term.map(|t| t.to_string())),
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
