//! Arrow tables built in Rust, with no Python object per citation: `extract_citations_arrow`
//! and `parse_reports_arrow`.
//!
//! Input: a list (or iterable) of `str`, or any object exporting the Arrow C data or stream
//! interface (`pyarrow` arrays and chunked arrays, polars Series, …) of `string`,
//! `large_string` or `string_view`; a null entry reads as an empty text. Output: long-format
//! tables, one row per citation (or report part), led by `doc`, the index of the text. Columns
//! come from the model's serde data (traced by serde_arrow, written by `columns.rs`), so they
//! follow the model (the same keys as `to_dict()` and the CLI's JSON); every integer column is
//! int64 (Spark rejects unsigned).

use std::sync::{Arc, OnceLock};

use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, Int64Array, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, FieldRef, Schema, SchemaRef};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use pyo3_arrow::PyTable;
use pyo3_arrow::input::AnyArray;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_arrow::schema::{SchemaLike, TracingOptions};
use vanban_grammar::model::Citation;
use vanban_grammar::model::report::{Report, Section, SectionKind};

use crate::batch::{as_strs, check_threads, collect_texts, map_detached, type_name};

/// Texts per table batch at most, and bytes of text per batch at most: each batch is one task
/// on the pool, so the batches of a corpus spread over the cores.
const BATCH_TEXTS: usize = 1024;
const BATCH_BYTES: usize = 256 << 10;

/// The texts of the input: borrowed from Python strings or from Arrow buffers.
enum Owner<'py> {
    Python(Vec<Bound<'py, PyString>>),
    Arrow(Vec<ArrayRef>),
}

impl Owner<'_> {
    fn texts(&self) -> PyResult<Vec<&str>> {
        match self {
            Owner::Python(objects) => as_strs(objects),
            Owner::Arrow(chunks) => {
                let mut out = Vec::new();
                for chunk in chunks {
                    let texts: Vec<Option<&str>> = match chunk.data_type() {
                        DataType::Utf8 => chunk.as_string::<i32>().iter().collect(),
                        DataType::LargeUtf8 => chunk.as_string::<i64>().iter().collect(),
                        DataType::Utf8View => chunk.as_string_view().iter().collect(),
                        other => {
                            return Err(PyTypeError::new_err(format!(
                                "texts must be an Arrow array of strings, not {other}"
                            )));
                        }
                    };
                    out.extend(texts.into_iter().map(|t| t.unwrap_or("")));
                }
                Ok(out)
            }
        }
    }
}

/// Read the `texts` argument (see the module comment).
fn input<'py>(texts: &Bound<'py, PyAny>) -> PyResult<Owner<'py>> {
    let py = texts.py();
    let arrow = texts.hasattr(pyo3::intern!(py, "__arrow_c_stream__"))?
        || texts.hasattr(pyo3::intern!(py, "__arrow_c_array__"))?;
    if !arrow {
        return Ok(Owner::Python(collect_texts(texts)?));
    }
    let array: AnyArray = texts.extract().map_err(|e| {
        PyTypeError::new_err(format!(
            "cannot read {} as an Arrow array: {e}",
            type_name(texts)
        ))
    })?;
    let (chunks, _field) = array
        .into_chunked_array()
        .map_err(|e| PyValueError::new_err(e.to_string()))?
        .into_inner();
    Ok(Owner::Arrow(chunks))
}

/// `T`'s columns from its serde data (see `spark_friendly`).
fn fields_of<T: DeserializeOwned>() -> Vec<FieldRef> {
    let options = TracingOptions::default()
        .enums_without_data_as_strings(true)
        .strings_as_large_utf8(false)
        .sequence_as_large_list(false); // Spark reads `list`, not `large_list`
    let traced = Vec::<FieldRef>::from_type::<T>(options)
        .unwrap_or_else(|e| unreachable!("the model's serde types trace: {e}"));
    traced.iter().map(spark_friendly).collect()
}

/// Every integer as int64 (Spark rejects unsigned types), unit enums as strings (they trace as
/// dictionaries with unsigned keys), also inside lists and structs.
fn spark_friendly(field: &FieldRef) -> FieldRef {
    let data_type = match field.data_type() {
        DataType::Int8
        | DataType::Int16
        | DataType::Int32
        | DataType::UInt8
        | DataType::UInt16
        | DataType::UInt32
        | DataType::UInt64 => DataType::Int64,
        DataType::Dictionary(..) => DataType::Utf8,
        DataType::List(item) => DataType::List(spark_friendly(item)),
        DataType::LargeList(item) => DataType::LargeList(spark_friendly(item)),
        DataType::Struct(fields) => DataType::Struct(fields.iter().map(spark_friendly).collect()),
        _ => return Arc::clone(field),
    };
    Arc::new(field.as_ref().clone().with_data_type(data_type))
}

/// A table's columns: `doc`, then `T`'s.
struct Columns {
    fields: Vec<FieldRef>,
    schema: SchemaRef,
    /// Whether `columns.rs` writes these columns (else serde_arrow does).
    direct: bool,
}

impl Columns {
    fn of<T: DeserializeOwned>() -> Self {
        Self::without::<T>(&[])
    }

    /// `of`, leaving out the columns named in `absent`.
    fn without<T: DeserializeOwned>(absent: &[&str]) -> Self {
        let mut fields = fields_of::<T>();
        fields.retain(|f| !absent.contains(&f.name().as_str()));
        let mut all = vec![Arc::new(Field::new("doc", DataType::Int64, false))];
        all.extend(fields.iter().cloned());
        Self {
            direct: crate::columns::supported(&fields),
            fields,
            schema: Arc::new(Schema::new(all)),
        }
    }

    /// One batch: `rows[i]` belongs to text `docs[i]`.
    fn batch<T: Serialize>(&self, docs: Vec<i64>, rows: &[T]) -> Result<RecordBatch, ArrowError> {
        let mut columns: Vec<ArrayRef> = vec![Arc::new(Int64Array::from(docs))];
        if self.direct {
            columns.extend(
                crate::columns::to_arrays(&self.fields, rows)
                    .map_err(|e| ArrowError::ExternalError(Box::new(e)))?,
            );
        } else {
            columns.extend(
                serde_arrow::to_arrow(&self.fields, rows)
                    .map_err(|e| ArrowError::ExternalError(Box::new(e)))?,
            );
        }
        RecordBatch::try_new(Arc::clone(&self.schema), columns)
    }
}

fn citation_columns() -> &'static Columns {
    static C: OnceLock<Columns> = OnceLock::new();
    // The keys of `input=`/`encoding=` reads: a table is made from `str` texts, which never have
    // them (serde skips them there, as `to_dict()` and the CLI's JSON do).
    C.get_or_init(|| Columns::without::<Citation>(&["src_start", "src_end", "encoding"]))
}

/// Consecutive groups of texts, each one task and one batch: `(index of the first text, texts)`.
fn groups<'t, 's>(texts: &'t [&'s str]) -> Vec<(usize, &'t [&'s str])> {
    let mut out = Vec::new();
    let (mut begin, mut bytes) = (0, 0);
    for (i, t) in texts.iter().enumerate() {
        bytes += t.len();
        if bytes >= BATCH_BYTES || i + 1 - begin >= BATCH_TEXTS {
            out.push((begin, &texts[begin..=i]));
            (begin, bytes) = (i + 1, 0);
        }
    }
    if begin < texts.len() {
        out.push((begin, &texts[begin..]));
    }
    out
}

fn doc_index(i: usize) -> i64 {
    i64::try_from(i).unwrap_or(i64::MAX)
}

/// Every `(doc, row)` of a group, flattened.
fn rows_of<T>(first: usize, per_text: Vec<Vec<T>>) -> (Vec<i64>, Vec<T>) {
    let mut docs = Vec::new();
    let mut rows = Vec::new();
    for (i, items) in per_text.into_iter().enumerate() {
        docs.extend(std::iter::repeat_n(doc_index(first + i), items.len()));
        rows.extend(items);
    }
    (docs, rows)
}

fn to_table(
    py: Python<'_>,
    batches: Vec<Result<RecordBatch, ArrowError>>,
    schema: SchemaRef,
) -> PyResult<Bound<'_, PyAny>> {
    let batches = batches
        .into_iter()
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    PyTable::try_new(batches, schema)?.into_pyarrow(py)
}

/// Every citation of every text as one `pyarrow.Table` (long format: `doc` + the citation keys).
#[pyfunction]
#[pyo3(signature = (texts, *, threads = None))]
pub(crate) fn extract_citations_arrow<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    threads: Option<i64>,
) -> PyResult<Bound<'py, PyAny>> {
    let threads = check_threads(threads)?;
    let owner = input(texts)?;
    let texts = owner.texts()?;
    let columns = citation_columns();
    let batches = map_detached(py, &groups(&texts), threads, |&(first, group)| {
        let found = group
            .iter()
            .map(|t| vanban_resolve::extract_citations(t))
            .collect();
        let (docs, rows) = rows_of(first, found);
        columns.batch(docs, &rows)
    })?;
    to_table(py, batches, Arc::clone(&columns.schema))
}

/// One row per report: its kind and the short scalar parts (`text` of the spans).
#[derive(Serialize, Deserialize)]
struct ReportRow {
    kind: vanban_grammar::model::ReportKind,
    title: Option<String>,
    published: Option<String>,
    category: Option<String>,
    author: Option<String>,
    lead: Option<String>,
    doc_type: Option<String>,
    number: Option<String>,
    symbol: Option<String>,
    date: Option<String>,
    issuer: Option<String>,
    signer: Option<String>,
}

impl ReportRow {
    fn of(r: &Report) -> Self {
        let text = |s: &Option<vanban_grammar::model::Span>| s.as_ref().map(|s| s.text.clone());
        let header = r.header.as_ref();
        Self {
            kind: r.kind,
            title: text(&r.title),
            published: r.published.clone(),
            category: text(&r.category),
            author: r.author.as_ref().map(|a| a.span.text.clone()),
            lead: text(&r.lead),
            doc_type: header.and_then(|h| text(&h.doc_type)),
            number: header.and_then(|h| h.number.as_ref().map(|n| n.span.text.clone())),
            symbol: header.and_then(|h| h.number.as_ref().and_then(|n| n.symbol.clone())),
            date: header.and_then(|h| h.date.as_ref().and_then(|d| d.iso.clone())),
            issuer: header.and_then(|h| text(&h.issuer)),
            signer: r.signature.as_ref().and_then(|s| text(&s.signer)),
        }
    }
}

/// One enumerated point (its own row type: `Item` deserialises its span through
/// `#[serde(flatten)]`, which serde_arrow cannot trace from the type).
#[derive(Serialize, Deserialize)]
struct ItemRow {
    ordinal: u32,
    marker: String,
    text: String,
    start: usize,
    end: usize,
}

impl ItemRow {
    fn of(i: &vanban_grammar::model::Item) -> Self {
        Self {
            ordinal: i.ordinal,
            marker: i.marker.clone(),
            text: i.span.text.clone(),
            start: i.span.start,
            end: i.span.end,
        }
    }
}

/// One outline node, its tree as `index`/`parent` (positions in the document's pre-order).
#[derive(Serialize, Deserialize)]
struct SectionRow {
    index: i64,
    parent: Option<i64>,
    kind: SectionKind,
    label: String,
    heading: Option<String>,
    level: u32,
    text: String,
    start: usize,
    end: usize,
}

fn section_rows(sections: &[Section]) -> Vec<SectionRow> {
    // Pre-order with an explicit stack (the outline is shallow, but no recursion on data).
    let mut out = Vec::new();
    let mut stack: Vec<(Option<i64>, &Section)> =
        sections.iter().rev().map(|s| (None, s)).collect();
    while let Some((parent, s)) = stack.pop() {
        let index = doc_index(out.len());
        out.push(SectionRow {
            index,
            parent,
            kind: s.kind,
            label: s.label.clone(),
            heading: s.heading.clone(),
            level: s.level,
            text: s.span.text.clone(),
            start: s.span.start,
            end: s.span.end,
        });
        stack.extend(s.children.iter().rev().map(|c| (Some(index), c)));
    }
    out
}

/// The tables of `parse_reports_arrow`, in the order of the returned dict.
struct ReportTables {
    reports: Columns,
    citations: &'static Columns,
    paragraphs: Columns,
    items: Columns,
    people: Columns,
    sections: Columns,
}

fn report_tables() -> &'static ReportTables {
    static T: OnceLock<ReportTables> = OnceLock::new();
    T.get_or_init(|| ReportTables {
        reports: Columns::of::<ReportRow>(),
        citations: citation_columns(),
        paragraphs: Columns::of::<vanban_grammar::model::Span>(),
        items: Columns::of::<ItemRow>(),
        people: Columns::of::<vanban_grammar::model::Person>(),
        sections: Columns::of::<SectionRow>(),
    })
}

type Batches = [Result<RecordBatch, ArrowError>; 6];

fn report_batches(t: &ReportTables, first: usize, reports: &[Report]) -> Batches {
    let per = |f: &dyn Fn(&Report) -> usize| -> Vec<i64> {
        let mut docs = Vec::new();
        for (i, r) in reports.iter().enumerate() {
            docs.extend(std::iter::repeat_n(doc_index(first + i), f(r)));
        }
        docs
    };
    let rows: Vec<ReportRow> = reports.iter().map(ReportRow::of).collect();
    let citations: Vec<&Citation> = reports.iter().flat_map(|r| &r.citations).collect();
    let paragraphs: Vec<_> = reports.iter().flat_map(|r| &r.paragraphs).collect();
    let items: Vec<_> = reports
        .iter()
        .flat_map(|r| &r.items)
        .map(ItemRow::of)
        .collect();
    let people: Vec<_> = reports.iter().flat_map(|r| &r.people).collect();
    let sections = reports.iter().map(|r| section_rows(&r.sections)).collect();
    let (sdocs, srows) = rows_of(first, sections);
    [
        t.reports.batch(per(&|_| 1), &rows),
        t.citations.batch(per(&|r| r.citations.len()), &citations),
        t.paragraphs
            .batch(per(&|r| r.paragraphs.len()), &paragraphs),
        t.items.batch(per(&|r| r.items.len()), &items),
        t.people.batch(per(&|r| r.people.len()), &people),
        t.sections.batch(sdocs, &srows),
    ]
}

/// Table names of `parse_reports_arrow`'s dict, in order.
const REPORT_TABLES: [&str; 6] = [
    "reports",
    "citations",
    "paragraphs",
    "items",
    "people",
    "sections",
];

/// `parse_report` over every text, as a dict of `pyarrow.Table`s (see `REPORT_TABLES`).
#[pyfunction]
#[pyo3(signature = (texts, *, threads = None))]
pub(crate) fn parse_reports_arrow<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    threads: Option<i64>,
) -> PyResult<Bound<'py, PyDict>> {
    let threads = check_threads(threads)?;
    let owner = input(texts)?;
    let texts = owner.texts()?;
    let tables = report_tables();
    let per_group = map_detached(py, &groups(&texts), threads, |&(first, group)| {
        let reports: Vec<Report> = group
            .iter()
            .map(|t| vanban_resolve::parse_report(t))
            .collect();
        report_batches(tables, first, &reports)
    })?;
    let mut by_table: [Vec<Result<RecordBatch, ArrowError>>; 6] = Default::default();
    for group in per_group {
        for (slot, batch) in by_table.iter_mut().zip(group) {
            slot.push(batch);
        }
    }
    let schemas = [
        &tables.reports,
        tables.citations,
        &tables.paragraphs,
        &tables.items,
        &tables.people,
        &tables.sections,
    ];
    let out = PyDict::new(py);
    for ((name, batches), columns) in REPORT_TABLES.iter().zip(by_table).zip(schemas) {
        out.set_item(name, to_table(py, batches, Arc::clone(&columns.schema))?)?;
    }
    Ok(out)
}
