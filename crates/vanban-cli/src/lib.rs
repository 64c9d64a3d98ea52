//! `vanban`: extract citations and report structure from Vietnamese party and state texts.
//!
//! The command line is a library so that every front end runs one implementation: the binary's
//! `main` and the Python package's `vanban` command both call [`run`].

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use vanban_grammar::model::{Report, ReportKind, Section, Span};
use vanban_grammar::{Citation, extract_citations, parse_report};

/// The seed article, embedded so that `vanban demo` needs no files.
const SEED: &str = include_str!("../../../tests/fixtures/articles/seed_xaydungdang_2016.txt");

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
    /// Extract every document citation from a text.
    Cite {
        /// Input file; `-` or nothing reads standard input.
        file: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CiteFormat::Jsonl)]
        format: CiteFormat,
    },
    /// Show the structure of a news article or a formal party document.
    Report {
        /// Input file; `-` or nothing reads standard input.
        file: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Json)]
        format: ReportFormat,
    },
    /// Show the citations and the structure of the bundled seed article.
    Demo,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    /// The serde schema, pretty-printed.
    Json,
    /// The same data as YAML.
    Yaml,
    /// A readable indented view.
    Outline,
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

/// Run the command line on `args` (including the program name, as `std::env::args_os` gives it)
/// and return the process exit code: 0 on success, 2 on a bad input or usage error, 1 when the
/// output could not be written.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => return clap_exit(&e),
    };
    let result = match cli.command {
        Command::Cite { file, format } => {
            read_input(file.as_deref()).and_then(|text| cite(&text, format))
        }
        Command::Report { file, format } => {
            read_input(file.as_deref()).and_then(|text| report(&text, format))
        }
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
        format!(
            "{name}: invalid UTF-8 at byte offset {}",
            e.utf8_error().valid_up_to()
        )
    })
}

fn read_stdin() -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    std::io::stdin()
        .read_to_end(&mut buf)
        .map_err(|e| format!("<stdin>: {e}"))?;
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
    write_out(&format!(
        "Seed article: {title}\n{} citations\n\n{}\nStructure\n\n{}",
        cites.len(),
        table(&cites),
        outline(&parse_report(SEED))
    ))
}

fn report(text: &str, format: ReportFormat) -> Result<(), String> {
    let r = parse_report(text);
    let out = match format {
        ReportFormat::Json => serde_json::to_string_pretty(&r).map_err(|e| e.to_string())? + "\n",
        ReportFormat::Yaml => {
            let mut s = String::new();
            yaml(
                &read_json(&serde_json::to_string(&r).map_err(|e| e.to_string())?),
                0,
                &mut s,
            );
            s
        }
        ReportFormat::Outline => outline(&r),
    };
    write_out(&out)
}

/// A JSON value with its keys in schema order (serde_json's own `Value` sorts them).
enum Json {
    Obj(Vec<(String, Json)>),
    Arr(Vec<Json>),
    /// A scalar as JSON text: quoted strings are valid YAML scalars as they are.
    Lit(String),
}

/// Read the JSON text serde wrote (well-formed by construction; depth is the report's).
fn read_json(s: &str) -> Json {
    fn value(b: &[u8], i: &mut usize, s: &str) -> Json {
        while b.get(*i).is_some_and(|c| c.is_ascii_whitespace()) {
            *i += 1;
        }
        match b.get(*i) {
            Some(b'{') => {
                *i += 1;
                let mut out = Vec::new();
                loop {
                    while b
                        .get(*i)
                        .is_some_and(|c| c.is_ascii_whitespace() || *c == b',')
                    {
                        *i += 1;
                    }
                    if b.get(*i).is_none_or(|c| *c == b'}') {
                        *i += 1;
                        return Json::Obj(out);
                    }
                    let Json::Lit(k) = value(b, i, s) else {
                        return Json::Obj(out);
                    };
                    while b
                        .get(*i)
                        .is_some_and(|c| c.is_ascii_whitespace() || *c == b':')
                    {
                        *i += 1;
                    }
                    let key = serde_json::from_str::<String>(&k).unwrap_or(k);
                    out.push((key, value(b, i, s)));
                }
            }
            Some(b'[') => {
                *i += 1;
                let mut out = Vec::new();
                loop {
                    while b
                        .get(*i)
                        .is_some_and(|c| c.is_ascii_whitespace() || *c == b',')
                    {
                        *i += 1;
                    }
                    if b.get(*i).is_none_or(|c| *c == b']') {
                        *i += 1;
                        return Json::Arr(out);
                    }
                    out.push(value(b, i, s));
                }
            }
            Some(b'"') => {
                let start = *i;
                *i += 1;
                while let Some(&c) = b.get(*i) {
                    *i += 1;
                    match c {
                        b'\\' => *i += 1,
                        b'"' => break,
                        _ => {}
                    }
                }
                Json::Lit(s[start..(*i).min(s.len())].to_owned())
            }
            _ => {
                let start = *i;
                while b
                    .get(*i)
                    .is_some_and(|c| !matches!(c, b',' | b'}' | b']') && !c.is_ascii_whitespace())
                {
                    *i += 1;
                }
                Json::Lit(s[start..*i].to_owned())
            }
        }
    }
    value(s.as_bytes(), &mut 0, s)
}

/// A small YAML emitter: block maps and lists, JSON-quoted strings.
fn yaml(v: &Json, indent: usize, out: &mut String) {
    let pad = "  ".repeat(indent);
    match v {
        Json::Obj(map) if !map.is_empty() => {
            for (k, val) in map {
                out.push_str(&format!("{pad}{k}:"));
                yaml_child(val, indent, out);
            }
        }
        Json::Arr(items) if !items.is_empty() => {
            for item in items {
                out.push_str(&format!("{pad}-"));
                yaml_child(item, indent, out);
            }
        }
        other => out.push_str(&format!("{pad}{}\n", scalar(other))),
    }
}

fn yaml_child(v: &Json, indent: usize, out: &mut String) {
    match v {
        Json::Obj(m) if !m.is_empty() => {
            out.push('\n');
            yaml(v, indent + 1, out);
        }
        Json::Arr(a) if !a.is_empty() => {
            out.push('\n');
            yaml(v, indent + 1, out);
        }
        other => out.push_str(&format!(" {}\n", scalar(other))),
    }
}

fn scalar(v: &Json) -> String {
    match v {
        Json::Obj(_) => "{}".to_owned(),
        Json::Arr(_) => "[]".to_owned(),
        Json::Lit(s) => s.clone(),
    }
}

/// The readable view: one field per line, outline indented by level.
fn outline(r: &Report) -> String {
    fn one(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }
    fn short(s: &str, n: usize) -> String {
        let s = one(s);
        if s.chars().count() > n {
            format!("{}…", s.chars().take(n).collect::<String>())
        } else {
            s
        }
    }
    let mut out = String::new();
    fn field(out: &mut String, name: &str, value: Option<String>) {
        if let Some(v) = value {
            out.push_str(&format!("{name:<12}{v}\n"));
        }
    }
    let span = |s: &Option<Span>| s.as_ref().map(|s| short(&s.text, 160));
    field(&mut out, "kind", Some(r.kind.as_str().to_owned()));
    if r.kind == ReportKind::Article {
        field(&mut out, "category", span(&r.category));
        field(&mut out, "title", span(&r.title));
        field(&mut out, "published", r.published.clone());
        field(
            &mut out,
            "author",
            r.author.as_ref().map(|a| match &a.titles {
                Some(t) => format!("{t} {}", a.text),
                None => a.text.clone(),
            }),
        );
        field(&mut out, "caption", span(&r.caption));
        field(&mut out, "agency", span(&r.agency));
        field(
            &mut out,
            "lead",
            r.lead.as_ref().map(|l| short(&l.text, 100)),
        );
        field(&mut out, "paragraphs", Some(r.paragraphs.len().to_string()));
        for it in &r.items {
            field(
                &mut out,
                "item",
                Some(format!("{}. {}", it.ordinal, short(&it.text, 90))),
            );
        }
    }
    for p in &r.people {
        let pos: Vec<String> = p.positions.iter().map(|s| one(&s.text)).collect();
        field(
            &mut out,
            "person",
            Some(if pos.is_empty() {
                p.name.clone()
            } else {
                format!("{} — {}", p.name, pos.join("; "))
            }),
        );
    }
    if let Some(h) = &r.header {
        field(
            &mut out,
            "issuer",
            span(&h.parent_issuer)
                .map(|p| format!("{p} / {}", span(&h.issuer).unwrap_or_default()))
                .or(span(&h.issuer)),
        );
        field(&mut out, "party", span(&h.party));
        field(&mut out, "number", h.number.as_ref().map(|n| one(&n.text)));
        field(
            &mut out,
            "place/date",
            h.date.as_ref().map(|d| {
                format!(
                    "{}, {}",
                    span(&h.place).unwrap_or_default(),
                    d.iso.clone().unwrap_or_else(|| one(&d.text))
                )
            }),
        );
        field(&mut out, "type", span(&h.doc_type));
        field(&mut out, "subject", span(&h.subject));
    }
    for b in &r.basis {
        field(&mut out, "basis", Some(short(&b.text, 100)));
    }
    let mut stack: Vec<(&Section, usize)> = r.sections.iter().rev().map(|s| (s, 0)).collect();
    if !stack.is_empty() {
        out.push_str("outline\n");
    }
    while let Some((s, depth)) = stack.pop() {
        let title = s
            .heading
            .as_deref()
            .map(one)
            .unwrap_or_else(|| short(&s.text[s.label.len()..], 70));
        out.push_str(&format!(
            "{}{} {}\n",
            "  ".repeat(depth + 1),
            s.label,
            title
        ));
        stack.extend(s.children.iter().rev().map(|c| (c, depth + 1)));
    }
    if let Some(sig) = &r.signature {
        let parts: Vec<String> = [&sig.authority, &sig.position, &sig.signer]
            .iter()
            .filter_map(|s| span(s))
            .collect();
        field(&mut out, "signature", Some(parts.join(" / ")));
    }
    for rec in &r.recipients {
        field(&mut out, "recipient", Some(one(&rec.text)));
    }
    if r.kind == ReportKind::Article {
        field(
            &mut out,
            "boilerplate",
            Some(r.boilerplate.len().to_string()),
        );
    }
    field(&mut out, "citations", Some(r.citations.len().to_string()));
    out
}

/// A fixed-width table, one citation per row; widths count characters, not bytes.
fn table(cites: &[Citation]) -> String {
    let header = [
        "start", "kind", "number", "symbol", "date", "issuer", "term", "text",
    ];
    let rows: Vec<[String; 8]> = cites
        .iter()
        .map(|c| {
            let opt = |v: Option<String>| v.unwrap_or_else(|| "-".to_owned());
            [
                c.start.to_string(),
                c.kind.as_str().to_owned(),
                opt(c
                    .number
                    .map(|n| n.to_string())
                    .or_else(|| c.plenum.map(|p| format!("TW{p}")))
                    .or_else(|| c.congress.map(|n| format!("ĐH{n}")))),
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
            .map(|(i, (cell, w))| {
                if i + 1 == cells.len() {
                    cell.clone()
                } else {
                    pad(cell, w)
                }
            })
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

/// Print clap's message (help and version on stdout, usage errors on stderr) and choose the exit
/// code; a help text that cannot be written is an error like any other failed write.
fn clap_exit(e: &clap::Error) -> ExitCode {
    match e.print() {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
            let _ = writeln!(std::io::stderr(), "vanban: <stdout>: {err}");
            ExitCode::FAILURE
        }
        _ if e.use_stderr() => ExitCode::from(2),
        _ => ExitCode::SUCCESS,
    }
}
