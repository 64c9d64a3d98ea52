//! `vanban report`: the structure of each input, one record per input.

use clap::ValueEnum;
use vanban_grammar::model::{Report, ReportKind};

use crate::input::InputArgs;
use crate::output::{Format, Record, one_line};
use crate::progress::Tally;

/// The arguments of `vanban report`.
#[derive(clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Json)]
    format: ReportFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    /// The serde schema, pretty-printed (an array of reports for several inputs).
    Json,
    /// One compact JSON report per line.
    Jsonl,
    /// The same data as YAML (one document per input).
    Yaml,
    /// A readable indented view.
    Outline,
    /// One summary row per input (kind, date, number, title, counts).
    Table,
    /// The summary rows as comma-separated values.
    Csv,
}

pub(crate) fn run(args: Args) -> std::io::Result<Tally> {
    let format = match args.format {
        ReportFormat::Json => Format::Json { pretty: true },
        ReportFormat::Jsonl => Format::Jsonl,
        ReportFormat::Yaml => Format::Yaml,
        ReportFormat::Outline => Format::Outline,
        ReportFormat::Table => Format::Table,
        ReportFormat::Csv => Format::Csv,
    };
    crate::batch::run_all(
        &args.input,
        // One input: the report itself, not an array of one.
        |many| match format {
            Format::Json { .. } if !many => Format::Object,
            other => other,
        },
        |input| {
            let mut report = input.report();
            vanban_resolve::resolve_report(&input.text, &mut report);
            Box::new(std::iter::once(report))
        },
        |r, tally| {
            tally.reports += 1;
            tally.citations += r.citations.len();
        },
    )
}

impl Record for Report {
    const TABLE: &'static [&'static str] =
        &["kind", "date", "number", "title", "people", "citations"];

    fn table_row(&self) -> Vec<String> {
        let opt = |v: Option<String>| v.unwrap_or_else(|| "-".to_owned());
        let header = self.header.as_ref();
        let date = match self.kind {
            ReportKind::Article => self.published.clone(),
            // `ReportKind` is non-exhaustive: a new kind reads as a document.
            _ => header
                .and_then(|h| h.date.as_ref())
                .and_then(|d| d.iso.clone()),
        };
        let title = match self.kind {
            ReportKind::Article => self.title.as_ref().map(|t| one_line(&t.text)),
            _ => {
                let parts: Vec<String> = header
                    .into_iter()
                    .flat_map(|h| [&h.doc_type, &h.subject])
                    .flatten()
                    .map(|s| one_line(&s.text))
                    .collect();
                (!parts.is_empty()).then(|| parts.join(" "))
            }
        };
        vec![
            self.kind.as_str().to_owned(),
            opt(date),
            opt(header
                .and_then(|h| h.number.as_ref())
                .map(|n| one_line(&n.span.text))),
            opt(title),
            self.people.len().to_string(),
            self.citations.len().to_string(),
        ]
    }

    fn csv_columns() -> Vec<String> {
        Self::TABLE.iter().map(|&c| c.to_owned()).collect()
    }

    fn csv_row(&self) -> std::io::Result<Vec<String>> {
        // A report is a tree: CSV gets the table's summary, with empty cells for what is absent.
        Ok(self
            .table_row()
            .into_iter()
            .map(|c| if c == "-" { String::new() } else { c })
            .collect())
    }

    fn outline(&self) -> Option<String> {
        Some(crate::outline::outline(self))
    }
}
