//! `vanban demo`: the citations and structure of the bundled seed article.

use std::io::{self, BufWriter, Write};

use vanban_grammar::Citation;
use vanban_resolve::extract_citations;
use vanban_resolve::parse_report;

use crate::output::{Format, RecordWriter};
use crate::progress::Tally;

/// The seed article, a copy of the grammar tests' fixture kept inside this crate so that the
/// crate packages on its own (a test checks that the two copies agree).
pub(crate) const SEED: &str = include_str!("../seed/seed_xaydungdang_2016.txt");

pub(crate) fn run() -> io::Result<Tally> {
    let cites = extract_citations(SEED);
    let title = SEED.lines().nth(1).unwrap_or_default();
    let mut out = BufWriter::new(io::stdout().lock());
    let documents: std::collections::HashSet<_> =
        cites.iter().filter_map(|c| c.doc_key.as_deref()).collect();
    write!(
        out,
        "Seed article: {title}\n{} citations of {} documents\n\n",
        cites.len(),
        documents.len()
    )?;
    let mut table = RecordWriter::<_, Citation>::new(&mut out, Format::Table, false);
    for c in &cites {
        table.write("", c)?;
    }
    table.finish()?;
    write!(
        out,
        "\nStructure\n\n{}",
        crate::outline::outline(&parse_report(SEED))
    )?;
    out.flush()?;
    Ok(Tally::default())
}
