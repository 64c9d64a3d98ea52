//! `vanban`: extract citations and report structure from Vietnamese party and state texts.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use vanban_grammar::{Citation, extract_citations};

/// The seed article, embedded so that `vanban demo` needs no files.
const SEED: &str = include_str!("../../../tests/fixtures/articles/seed_xaydungdang_2016.txt");

#[derive(Parser)]
#[command(name = "vanban", version, about = "Read Vietnamese party documents and the news about them")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract every document citation from a text.
    Cite {
        /// Input file; `-` or nothing reads standard input.
        file: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CiteFormat::Jsonl)]
        format: CiteFormat,
    },
    /// Show the citations of the bundled seed article.
    Demo,
}

#[derive(Clone, Copy, ValueEnum)]
enum CiteFormat {
    /// One JSON object per line.
    Jsonl,
    /// One JSON array.
    Json,
    /// A readable table.
    Table,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Cite { file, format } => read_input(file.as_deref()).and_then(|text| cite(&text, format)),
        Command::Demo => demo(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            let _ = writeln!(std::io::stderr(), "vanban: {msg}");
            ExitCode::from(2)
        }
    }
}

/// Read a file (or stdin for `-`/nothing) as UTF-8, with a one-line error otherwise.
fn read_input(file: Option<&std::path::Path>) -> Result<String, String> {
    let (bytes, name) = match file {
        None => (read_stdin()?, "<stdin>".to_owned()),
        Some(p) if p.as_os_str() == "-" => (read_stdin()?, "<stdin>".to_owned()),
        Some(p) => {
            let name = p.display().to_string();
            if p.is_dir() {
                return Err(format!("{name}: is a directory"));
            }
            (std::fs::read(p).map_err(|e| format!("{name}: {e}"))?, name)
        }
    };
    String::from_utf8(bytes).map_err(|e| {
        format!("{name}: invalid UTF-8 at byte offset {}", e.utf8_error().valid_up_to())
    })
}

fn read_stdin() -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    std::io::stdin().read_to_end(&mut buf).map_err(|e| format!("<stdin>: {e}"))?;
    Ok(buf)
}

fn cite(text: &str, format: CiteFormat) -> Result<(), String> {
    let cites = extract_citations(text);
    let out = match format {
        CiteFormat::Jsonl => {
            let mut s = String::new();
            for c in &cites {
                s.push_str(&serde_json::to_string(c).map_err(|e| e.to_string())?);
                s.push('\n');
            }
            s
        }
        CiteFormat::Json => serde_json::to_string_pretty(&cites).map_err(|e| e.to_string())? + "\n",
        CiteFormat::Table => table(&cites),
    };
    write_out(&out)
}

fn demo() -> Result<(), String> {
    let cites = extract_citations(SEED);
    let title = SEED.lines().nth(1).unwrap_or_default();
    write_out(&format!("Seed article: {title}\n{} citations\n\n{}", cites.len(), table(&cites)))
}

/// A fixed-width table, one citation per row; widths count characters, not bytes.
fn table(cites: &[Citation]) -> String {
    let header = ["start", "kind", "number", "symbol", "date", "issuer", "term", "text"];
    let rows: Vec<[String; 8]> = cites
        .iter()
        .map(|c| {
            let opt = |v: Option<String>| v.unwrap_or_else(|| "-".to_owned());
            [
                c.start.to_string(),
                c.kind.as_str().to_owned(),
                opt(c.number.map(|n| n.to_string()).or_else(|| c.plenum.map(|p| format!("TW{p}"))).or_else(|| c.congress.map(|n| format!("ĐH{n}")))),
                opt(c.symbol.clone()),
                opt(c.date.clone()),
                opt(c.issuer.clone()),
                opt(c.term.map(|t| t.to_string())),
                c.text.split_whitespace().collect::<Vec<_>>().join(" "),
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut push_row = |cells: &[String]| {
        let line: Vec<String> = cells
            .iter()
            .zip(widths)
            .enumerate()
            .map(|(i, (cell, w))| if i + 1 == cells.len() { cell.clone() } else { pad(cell, w) })
            .collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
    };
    push_row(&header.map(str::to_owned));
    for row in &rows {
        push_row(row);
    }
    out
}

fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(width.saturating_sub(n)))
}

fn write_out(s: &str) -> Result<(), String> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(s.as_bytes()).and_then(|()| stdout.flush()) {
        // A closed pipe (`vanban cite x | head`) is not an error worth reporting.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("<stdout>: {e}")),
        _ => Ok(()),
    }
}
