//! `Citation`, `DocNumber` and the citation functions.

use std::fmt::Write as _;

use pyo3::prelude::*;
use pyo3::types::PyTuple;
use vanban_grammar::model::{Citation, DocNumber};

use crate::batch::{as_strs, check_threads, collect_texts, map_detached, run_interruptible};
use crate::errors::to_py_err;
use crate::model::{self, Model, exposed_class};

/// One document citation found in a text (frozen; its attributes are the CLI's JSON keys).
#[pyclass(frozen, eq, hash, module = "vanban", name = "Citation")]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PyCitation {
    pub(crate) inner: Citation,
}

impl From<Citation> for PyCitation {
    fn from(inner: Citation) -> Self {
        Self { inner }
    }
}

impl From<DocNumber> for PyDocNumber {
    fn from(inner: DocNumber) -> Self {
        Self { inner }
    }
}

impl Model for Citation {
    const NAME: &'static str = "Citation";
    type Class = PyCitation;

    /// `Citation('…', kind='party', start=…, end=…, symbol=…, date=…)`.
    fn repr(&self, py: Python<'_>) -> PyResult<String> {
        let mut out = format!("Citation({}", model::getattr(self, py, "text")?.repr()?);
        for name in ["kind", "start", "end", "symbol", "date"] {
            if let Some(v) = model::field(py, self, name)? {
                let _ = write!(out, ", {name}={}", v.repr()?);
            }
        }
        out.push(')');
        Ok(out)
    }
}

impl Model for DocNumber {
    const NAME: &'static str = "DocNumber";
    type Class = PyDocNumber;

    /// `DocNumber(kind='party', number=4, …)`: every field, `None`s too.
    fn repr(&self, py: Python<'_>) -> PyResult<String> {
        let fields = model::fields(py, self)?;
        let shown = fields
            .iter()
            .map(|(k, v)| Ok(format!("{k}={}", v.repr()?)))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(format!("DocNumber({})", shown.join(", ")))
    }
}

exposed_class! {
    PyCitation as |c| &c.inner;
    to_dict: "A dict identical to one element of `vanban cite --format json`.";
    to_json: "Compact JSON, identical to one line of `vanban cite` (JSON Lines).";

    /// `(start, end)`.
    #[getter]
    fn span<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(
            py,
            [
                model::getattr(&self.inner, py, "start")?,
                model::getattr(&self.inner, py, "end")?,
            ],
        )
    }
}

/// A document number and symbol on its own (`04-NQ/TW`, `30/2020/NĐ-CP`).
#[pyclass(frozen, eq, hash, module = "vanban", name = "DocNumber")]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PyDocNumber {
    pub(crate) inner: DocNumber,
}

exposed_class! {
    PyDocNumber as |d| &d.inner;
    to_dict: "A dict with the serde (JSON) keys of the number.";
    to_json: "Compact JSON.";
}

fn wrap_all(cites: Vec<Citation>) -> Vec<PyCitation> {
    cites.into_iter().map(PyCitation::from).collect()
}

fn options(references: bool) -> vanban_resolve::ExtractOptions {
    vanban_resolve::ExtractOptions::default().references(references)
}

/// Every citation in `text`, in order of position, with its document key.
#[pyfunction]
#[pyo3(signature = (text, *, references = false))]
pub(crate) fn extract_citations(
    py: Python<'_>,
    text: &str,
    references: bool,
) -> PyResult<Vec<PyCitation>> {
    let options = options(references);
    run_interruptible(py, text, move |t| {
        wrap_all(vanban_resolve::extract_citations_with(t, &options))
    })
}

/// Parse `text` as exactly one citation; raises `ParseError` otherwise.
#[pyfunction]
pub(crate) fn parse_citation(py: Python<'_>, text: &str) -> PyResult<PyCitation> {
    py.detach(|| vanban_resolve::parse_citation(text))
        .map(PyCitation::from)
        .map_err(|e| to_py_err(py, &e, text))
}

/// Parse `text` as exactly one document number (`04-NQ/TW`, `30/2020/NĐ-CP`); raises `ParseError` otherwise.
#[pyfunction]
pub(crate) fn parse_number(py: Python<'_>, text: &str) -> PyResult<PyDocNumber> {
    py.detach(|| vanban_grammar::parse_number(text))
        .map(PyDocNumber::from)
        .map_err(|e| to_py_err(py, &e, text))
}

/// `[extract_citations(t) for t in texts]`, in parallel with the interpreter released.
#[pyfunction]
#[pyo3(signature = (texts, *, threads = None, references = false))]
pub(crate) fn extract_citations_many(
    py: Python<'_>,
    texts: &Bound<'_, PyAny>,
    threads: Option<i64>,
    references: bool,
) -> PyResult<Vec<Vec<PyCitation>>> {
    let threads = check_threads(threads)?;
    let objects = collect_texts(texts)?;
    let texts = as_strs(&objects)?;
    let options = options(references);
    map_detached(py, &texts, threads, |t| {
        wrap_all(vanban_resolve::extract_citations_with(t, &options))
    })
}
