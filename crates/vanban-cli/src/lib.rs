//! `vanban`: extract citations and report structure from Vietnamese party and state texts.
//!
//! The command line is a library so that every front end runs one implementation: the binary's
//! `main` and the Python package's `vanban` command both call [`run`].
//!
//! The layers, each in its own module:
//! - `input`: command-line paths → an ordered list of inputs (directories walked, hidden and
//!   binary files skipped), and `input::read_text`, the one place where an input becomes the
//!   text to parse (decoding plugs in there);
//! - `batch`: parse the inputs on `--jobs` threads and hand the results back in input order;
//! - `output`: one `output::RecordWriter` for every format (`jsonl`, `json`, `csv`, `table`,
//!   `yaml`, `outline`) and the stdout error policy;
//! - `progress`: the progress bar, notes, errors and the closing summary on stderr;
//! - one module per subcommand: `cite`, `report`, `annotate`, `demo`, `graph`, `catalog`.
//!
//! Where things go:
//! - a subcommand: a module with its `Args` (flatten `input::InputArgs` if it reads texts) and
//!   a `run` that calls `batch::run_all` with a parse function, plus one variant of `Command`;
//! - an option about reading (an input kind, an encoding): a field of `input::InputArgs` and
//!   its use in `input::read_text`, which every subcommand reaches;
//! - a record type: an `impl output::Record` (its table columns, optionally CSV and outline);
//! - a format: a variant of `output::Format`, its body in `output::render` and what goes
//!   between records in `RecordWriter::write_rendered`.

#![deny(missing_docs)]

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod annotate;
mod batch;
mod catalog;
mod cite;
mod demo;
mod graph;
mod input;
mod outline;
mod output;
mod progress;
mod report;

/// Exit code when an input could not be read or the command line is wrong.
const EXIT_INPUT: u8 = 2;
/// Exit code when the output could not be written.
const EXIT_OUTPUT: u8 = 1;

#[derive(Parser)]
#[command(
    name = "vanban",
    version,
    about = "Read Vietnamese party documents and the news about them"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract every document citation from texts.
    Cite(cite::Args),
    /// Show the structure of news articles or formal party documents.
    Report(report::Args),
    /// Mark the citations of a page or text: HTML back byte for byte with links, or Markdown.
    Annotate(annotate::Args),
    /// Show the citations and the structure of the bundled seed article.
    Demo,
    /// The citation graph of an archive: cited documents, or citing-file → document edges.
    Graph(graph::Args),
    /// List or search the bundled catalog of central party documents.
    Catalog(catalog::Args),
}

/// Run the command line on `args` (including the program name, as `std::env::args_os` gives it)
/// and return the process exit code: 0 on success, 2 when an input failed or the command line is
/// wrong, 1 when the output could not be written.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => return clap_exit(&e),
    };
    if let Err(e) = output::check_stdout() {
        progress::error("<stdout>", &e);
        return ExitCode::from(EXIT_OUTPUT);
    }
    let outcome = match cli.command {
        Command::Cite(args) => cite::run(args),
        Command::Report(args) => report::run(args),
        Command::Annotate(args) => annotate::run(args),
        Command::Demo => demo::run(),
        Command::Graph(args) => graph::run(args),
        Command::Catalog(args) => catalog::run(args),
    };
    match outcome {
        Ok(tally) if tally.failed > 0 => ExitCode::from(EXIT_INPUT),
        Ok(_) => ExitCode::SUCCESS,
        Err(e) if output::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            progress::error("<stdout>", &e);
            ExitCode::from(EXIT_OUTPUT)
        }
    }
}

/// Remember whether standard output is open; for a binary to call before Rust's start-up code
/// runs (from an `.init_array` constructor, as `main.rs` does). That code reopens a closed
/// stdout on /dev/null, after which `>&-` cannot be told from `> /dev/null`; with this probe,
/// [`run`] fails with a one-line error on a closed stdout instead of losing the output.
pub fn probe_stdout_before_start() {
    output::probe_stdout();
}

/// Print clap's message (help and version on stdout, usage errors on stderr) and choose the exit
/// code; a help text that cannot be written is an error like any other failed write.
fn clap_exit(e: &clap::Error) -> ExitCode {
    // clap writes through its own stream, so check that stdout is there first (`--help >&-`).
    let printed = if e.use_stderr() {
        e.print()
    } else {
        output::check_stdout()
            .and_then(|()| e.print())
            .and_then(|()| std::io::stdout().flush())
    };
    match printed {
        Err(err) if !output::is_broken_pipe(&err) => {
            let _ = writeln!(std::io::stderr(), "vanban: <stdout>: {err}");
            ExitCode::from(EXIT_OUTPUT)
        }
        _ if e.use_stderr() => ExitCode::from(EXIT_INPUT),
        _ => ExitCode::SUCCESS,
    }
}
