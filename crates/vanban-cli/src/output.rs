//! One record writer for every output format, and the stdout error policy.
//!
//! Records are written as they come (the JSON array and the YAML stream too); only the `table`
//! format holds back its first [`TABLE_SAMPLE`] rows to choose column widths.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;
use serde_json::Value;

/// Rows a table reads before fixing its column widths (later, wider cells push their row out
/// of line rather than making the table hold every row).
const TABLE_SAMPLE: usize = 256;

/// The csv writer's buffer for one row.
const CSV_ROW_BUFFER: usize = 1024;

/// An output format. Each subcommand offers the ones that fit its records.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Format {
    /// One compact JSON object per line.
    Jsonl,
    /// One JSON array: compact objects one per line, or pretty objects (`pretty`).
    Json { pretty: bool },
    /// A single pretty JSON object (a run over one input whose record is the whole result).
    Object,
    /// Comma-separated values with a header row: every field of the records.
    Csv,
    /// A fixed-width table of the main fields, for people.
    Table,
    /// YAML: one document per record (`---` between records).
    Yaml,
    /// The record's own readable layout ([`Record::outline`]).
    Outline,
}

/// What the writer needs to know about a record type beyond its serde form.
pub(crate) trait Record: Serialize {
    /// The header of the `table` format.
    const TABLE: &'static [&'static str];
    /// One `table` row, in the order of [`Record::TABLE`].
    fn table_row(&self) -> Vec<String>;
    /// The `csv` columns: by default every top-level key of the serde form (a sample record's).
    fn csv_columns() -> Vec<String>;
    /// The `csv` cells, in the order of [`Record::csv_columns`]: by default the serde form's
    /// top-level values, objects and arrays as JSON text.
    fn csv_row(&self) -> io::Result<Vec<String>> {
        let value = serde_json::to_value(self).map_err(io::Error::other)?;
        Ok(match value {
            Value::Object(map) => Self::csv_columns()
                .iter()
                .map(|k| map.get(k).map(csv_cell).unwrap_or_default())
                .collect(),
            other => vec![csv_cell(&other)],
        })
    }
    /// The `outline` layout; `None` when the record type has none.
    fn outline(&self) -> Option<String> {
        None
    }
}

/// The top-level keys of a record's serde form, in schema order.
pub(crate) fn keys_of(sample: &impl Serialize) -> Vec<String> {
    match serde_json::to_value(sample) {
        Ok(Value::Object(map)) => map.keys().cloned().collect(),
        _ => Vec::new(),
    }
}

fn csv_cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(_) | Value::Object(_) => v.to_string(),
    }
}

/// A record with the name of its input first (`{"file": …, …the record's keys}`).
#[derive(Serialize)]
struct WithFile<'a, T> {
    file: &'a str,
    #[serde(flatten)]
    record: &'a T,
}

/// Writes records of one type in one format to `out`.
pub(crate) struct RecordWriter<W: Write, T: Record> {
    out: W,
    format: Format,
    /// Whether records carry a `file` key (more than one input, or a directory).
    with_file: bool,
    written: usize,
    table: Table,
    _record: std::marker::PhantomData<fn(&T)>,
}

impl<W: Write, T: Record> RecordWriter<W, T> {
    pub(crate) fn new(out: W, format: Format, with_file: bool) -> Self {
        Self {
            out,
            format,
            with_file,
            written: 0,
            table: Table::default(),
            _record: std::marker::PhantomData,
        }
    }

    /// Write one record; `file` is the input's name, shown when the writer was made `with_file`.
    pub(crate) fn write(&mut self, file: &str, record: &T) -> io::Result<()> {
        let file = self.with_file.then_some(file);
        if self.format == Format::Table {
            self.written += 1;
            let row = file
                .map(str::to_owned)
                .into_iter()
                .chain(record.table_row())
                .collect();
            return self.table.push(&mut self.out, row, || {
                let file = file.map(|_| "file");
                file.into_iter()
                    .chain(T::TABLE.iter().copied())
                    .map(str::to_owned)
                    .collect()
            });
        }
        // Serialised straight into the (buffered) output: a report of a large text renders to
        // hundreds of megabytes, which must not be held a second time.
        self.open_record()?;
        render(self.format, file, record, &mut self.out)?;
        self.close_record()
    }

    /// Write a record that [`render`] produced (on another thread): what goes between records
    /// (line breaks, commas, `---`, the CSV header) is added here, in output order.
    pub(crate) fn write_rendered(&mut self, body: &[u8]) -> io::Result<()> {
        self.open_record()?;
        self.out.write_all(body)?;
        self.close_record()
    }

    /// What goes before a record, in output order.
    fn open_record(&mut self) -> io::Result<()> {
        let first = self.written == 0;
        self.written += 1;
        match self.format {
            Format::Jsonl => Ok(()),
            Format::Json { .. } => self.out.write_all(if first { b"[\n" } else { b",\n" }),
            Format::Object | Format::Outline if !first => self.out.write_all(b"\n"),
            Format::Object | Format::Outline => Ok(()),
            Format::Yaml if !first || self.with_file => self.out.write_all(b"---\n"),
            Format::Yaml => Ok(()),
            Format::Csv if first => self.csv_header(),
            Format::Csv => Ok(()),
            Format::Table => Err(io::Error::other("a table row is not rendered apart")),
        }
    }

    /// What goes after a record.
    fn close_record(&mut self) -> io::Result<()> {
        match self.format {
            Format::Jsonl => self.out.write_all(b"\n"),
            _ => Ok(()),
        }
    }

    /// Close the output (the JSON array's bracket, the table's held rows) and flush it.
    pub(crate) fn finish(mut self) -> io::Result<W> {
        match self.format {
            Format::Json { .. } if self.written == 0 => self.out.write_all(b"[]\n")?,
            Format::Json { .. } => self.out.write_all(b"\n]\n")?,
            Format::Table => self.table.flush(&mut self.out)?,
            Format::Csv if self.written == 0 => self.csv_header()?,
            _ => {}
        }
        self.out.flush()?;
        Ok(self.out)
    }

    fn csv_header(&mut self) -> io::Result<()> {
        let file = self.with_file.then(|| "file".to_owned());
        csv_row(&mut self.out, file.into_iter().chain(T::csv_columns()))
    }
}

/// Whether a format's records can be rendered apart from the writer, on the worker threads
/// (every format but the table, whose widths depend on other rows).
pub(crate) fn renders_apart(format: Format) -> bool {
    format != Format::Table
}

/// Render one record in `format` (without what goes between records) onto `out`.
pub(crate) fn render<T: Record>(
    format: Format,
    file: Option<&str>,
    record: &T,
    out: &mut impl Write,
) -> io::Result<()> {
    match format {
        Format::Jsonl | Format::Json { pretty: false } => json(out, file, record, false),
        Format::Json { pretty: true } | Format::Object => {
            json(out, file, record, true)?;
            if format == Format::Object {
                out.write_all(b"\n")?;
            }
            Ok(())
        }
        Format::Yaml => match file {
            Some(file) => serde_saphyr::to_io_writer_with_options(
                out,
                &WithFile { file, record },
                yaml_options(),
            ),
            None => serde_saphyr::to_io_writer_with_options(out, record, yaml_options()),
        }
        .map_err(yaml_error),
        Format::Csv => csv_row(
            out,
            file.map(str::to_owned).into_iter().chain(record.csv_row()?),
        ),
        Format::Outline => {
            if let Some(file) = file {
                writeln!(out, "{:<12}{file}", "file")?;
            }
            out.write_all(record.outline().unwrap_or_default().as_bytes())
        }
        Format::Table => Err(io::Error::other("a table row is not rendered apart")),
    }
}

/// One CSV row (quoting is the csv crate's), written through a writer made for the row so
/// that nothing is held between rows.
fn csv_row(out: &mut impl Write, cells: impl IntoIterator<Item = String>) -> io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .buffer_capacity(CSV_ROW_BUFFER)
        .from_writer(out);
    w.write_record(cells).map_err(io::Error::other)?;
    w.flush()
}

fn json<W: Write, T: Serialize>(
    out: &mut W,
    file: Option<&str>,
    record: &T,
    pretty: bool,
) -> io::Result<()> {
    let r = match (file, pretty) {
        (Some(file), false) => serde_json::to_writer(&mut *out, &WithFile { file, record }),
        (Some(file), true) => serde_json::to_writer_pretty(&mut *out, &WithFile { file, record }),
        (None, false) => serde_json::to_writer(&mut *out, record),
        (None, true) => serde_json::to_writer_pretty(&mut *out, record),
    };
    r.map_err(io::Error::from)
}

/// Every string quoted: a folded block (`>`) would re-wrap the texts, and a plain `2016-08-01`
/// or `No` reads back as a date or a boolean in YAML 1.1 readers (PyYAML); every text must read
/// back exactly as the input has it.
fn yaml_options() -> serde_saphyr::SerializerOptions {
    let mut options = serde_saphyr::SerializerOptions::default();
    options.prefer_block_scalars = false;
    options.quote_all = true;
    options
}

fn yaml_error(e: serde_saphyr::ser::Error) -> io::Error {
    match e {
        serde_saphyr::ser::Error::IO { error } => error,
        other => io::Error::other(other.to_string()),
    }
}

/// A fixed-width table whose widths come from its first rows; widths count characters.
#[derive(Default)]
struct Table {
    header: Option<Vec<String>>,
    held: Vec<Vec<String>>,
    widths: Option<Vec<usize>>,
}

impl Table {
    fn push(
        &mut self,
        out: &mut impl Write,
        row: Vec<String>,
        header: impl FnOnce() -> Vec<String>,
    ) -> io::Result<()> {
        if self.header.is_none() {
            self.header = Some(header());
        }
        match &self.widths {
            Some(widths) => write_row(out, &row, widths),
            None => {
                self.held.push(row);
                if self.held.len() >= TABLE_SAMPLE {
                    self.flush(out)?;
                }
                Ok(())
            }
        }
    }

    /// Fix the widths (if not yet) and write the header and the held rows.
    fn flush(&mut self, out: &mut impl Write) -> io::Result<()> {
        if self.widths.is_some() {
            return Ok(());
        }
        let Some(header) = &self.header else {
            return Ok(());
        };
        let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
        for row in &self.held {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        write_row(out, header, &widths)?;
        for row in std::mem::take(&mut self.held) {
            write_row(out, &row, &widths)?;
        }
        self.widths = Some(widths);
        Ok(())
    }
}

fn write_row(out: &mut impl Write, cells: &[String], widths: &[usize]) -> io::Result<()> {
    let mut line = String::new();
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            line.push_str("  ");
        }
        line.push_str(cell);
        if i + 1 < cells.len() {
            let w = widths.get(i).copied().unwrap_or(0);
            line.extend(std::iter::repeat_n(
                ' ',
                w.saturating_sub(cell.chars().count()),
            ));
        }
    }
    writeln!(out, "{}", line.trim_end())
}

/// Text on one line: runs of white space (line breaks included) become one space.
pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A closed pipe (`vanban cite x | head`) ends the run quietly: the reader has what it wanted.
pub(crate) fn is_broken_pipe(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::BrokenPipe
}

/// Set by [`probe_stdout`] when stdout was closed before Rust's start-up code reopened it.
static STDOUT_CLOSED_AT_START: AtomicBool = AtomicBool::new(false);

/// See [`crate::probe_stdout_before_start`].
pub(crate) fn probe_stdout() {
    if stdout_is_open().is_err() {
        STDOUT_CLOSED_AT_START.store(true, Ordering::Relaxed);
    }
}

/// Fail early when standard output is closed. Rust's standard library treats writes to a closed
/// stdout as successful, so without this check `vanban cite FILE >&-` would lose its output and
/// exit 0: in a process started without std's start-up code (the Python package) the descriptor
/// is checked here; in the binary, [`probe_stdout`] checked it before start-up.
pub(crate) fn check_stdout() -> io::Result<()> {
    if STDOUT_CLOSED_AT_START.load(Ordering::Relaxed) {
        return Err(io::Error::other("standard output is closed"));
    }
    stdout_is_open()
}

fn stdout_is_open() -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        io::stdout()
            .as_fd()
            .try_clone_to_owned()
            .map(drop)
            .map_err(|_| io::Error::other("standard output is closed"))
    }
    #[cfg(not(unix))]
    Ok(())
}
