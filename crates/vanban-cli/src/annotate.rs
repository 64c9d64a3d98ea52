//! `vanban annotate`: the input back with its citations marked (docs/input.md).

use std::io::{Read, Write};
use std::path::PathBuf;

use clap::ValueEnum;
use vanban_input::annotate::{Format, Template, annotate};
use vanban_input::{Choice, Kind};

use crate::progress::Tally;

/// The arguments of `vanban annotate`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The file to annotate; `-` reads standard input.
    #[arg(value_name = "PATH")]
    path: PathBuf,
    /// `html`: an HTML page comes back byte for byte with each citation wrapped in
    /// `<a class="vanban-cite">` (`<mark>` without --link); a text becomes a standalone page.
    /// `markdown`: the text with `[citation](url)` links.
    #[arg(long, value_enum, default_value_t = AnnotateFormat::Html)]
    format: AnnotateFormat,
    /// Link each citation to TEMPLATE, filled from its fields: `{doc_key}`, `{symbol}`,
    /// `{number}`, `{year}`, `{kind}`, `{id}`, … (percent-encoded).
    #[arg(long, value_name = "TEMPLATE")]
    link: Option<String>,
    /// Read the input as `html` or `text`; `auto`: HTML by the .html/.htm extension or content.
    #[arg(long = "input", value_name = "KIND", default_value = "auto", value_parser = parse_kind)]
    kind: Kind,
    /// The input's encoding: auto, utf-8, utf-16, cp1258, tcvn3, vni, viscii.
    #[arg(long, value_name = "ENCODING", default_value = "auto", value_parser = parse_encoding)]
    encoding: Choice,
}

#[derive(Clone, Copy, ValueEnum)]
enum AnnotateFormat {
    Html,
    Markdown,
}

fn parse_kind(s: &str) -> Result<Kind, String> {
    Kind::from_name(s).ok_or_else(|| format!("expected auto, text or html, not {s:?}"))
}

fn parse_encoding(s: &str) -> Result<Choice, String> {
    Choice::from_name(s).ok_or_else(|| format!("expected one of {}, not {s:?}", Choice::NAMES))
}

pub(crate) fn run(args: Args) -> std::io::Result<Tally> {
    let name = args.path.to_string_lossy().into_owned();
    let failed = |reason: &str| {
        crate::progress::error(&name, &reason);
        Ok(Tally {
            failed: 1,
            ..Tally::default()
        })
    };
    let template = match args.link.as_deref().map(Template::parse).transpose() {
        Ok(t) => t,
        Err(e) => return failed(&e.to_string()),
    };
    let bytes = if name == "-" {
        let mut buf = Vec::new();
        std::io::stdin().lock().read_to_end(&mut buf).map(|_| buf)
    } else {
        std::fs::read(&args.path)
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => return failed(&e.to_string()),
    };
    let html_ext = args
        .path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    let kind = match args.kind {
        Kind::Auto if html_ext => Kind::Html,
        k => k,
    };
    let input = match vanban_input::read(&bytes, kind, args.encoding) {
        Ok(i) => i,
        Err(e) => return failed(&e.to_string()),
    };
    let cites = vanban_resolve::extract_citations(&input.text);
    let format = match args.format {
        AnnotateFormat::Html => Format::Html,
        AnnotateFormat::Markdown => Format::Markdown,
    };
    let out = annotate(&input, &bytes, &cites, format, template.as_ref());
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(&out)?;
    stdout.flush()?;
    Ok(Tally {
        files: 1,
        citations: cites.len(),
        ..Tally::default()
    })
}
