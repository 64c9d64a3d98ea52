//! `Citation`, `DocNumber` and the citation functions.

use pyo3::prelude::*;
use pyo3::types::PyTuple;
use vanban_grammar::model::{Citation, DocNumber};

use crate::batch::{as_strs, check_threads, collect_texts, map_detached};
use crate::errors::to_py_err;
use crate::serde_py::{from_py, py_repr, py_repr_opt, to_json, to_py};

/// One document citation found in a text (frozen; attributes named like the CLI's JSON keys).
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

#[pymethods]
impl PyCitation {
    /// The cited text exactly as in the input.
    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }
    /// Python string index of the first character.
    #[getter]
    fn start(&self) -> usize {
        self.inner.start
    }
    /// Python string index one past the last character.
    #[getter]
    fn end(&self) -> usize {
        self.inner.end
    }
    /// UTF-8 byte offset of the first byte.
    #[getter]
    fn byte_start(&self) -> usize {
        self.inner.byte_start
    }
    /// UTF-8 byte offset one past the last byte.
    #[getter]
    fn byte_end(&self) -> usize {
        self.inner.byte_end
    }
    /// `(start, end)`.
    #[getter]
    fn span(&self) -> (usize, usize) {
        (self.inner.start, self.inner.end)
    }
    /// `party`, `state`, `plenum`, `congress`, `reference` or `act`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind.as_str()
    }
    #[getter]
    fn doc_type(&self) -> Option<&str> {
        self.inner.doc_type.as_deref()
    }
    #[getter]
    fn number(&self) -> Option<u32> {
        self.inner.number
    }
    #[getter]
    fn type_code(&self) -> Option<&str> {
        self.inner.type_code.as_deref()
    }
    #[getter]
    fn issuer_code(&self) -> Option<&str> {
        self.inner.issuer_code.as_deref()
    }
    #[getter]
    fn symbol(&self) -> Option<&str> {
        self.inner.symbol.as_deref()
    }
    #[getter]
    fn year(&self) -> Option<i32> {
        self.inner.year
    }
    /// ISO date `YYYY-MM-DD`.
    #[getter]
    fn date(&self) -> Option<&str> {
        self.inner.date.as_deref()
    }
    #[getter]
    fn issuer(&self) -> Option<&str> {
        self.inner.issuer.as_deref()
    }
    #[getter]
    fn term(&self) -> Option<u32> {
        self.inner.term
    }
    #[getter]
    fn plenum(&self) -> Option<u32> {
        self.inner.plenum
    }
    #[getter]
    fn congress(&self) -> Option<u32> {
        self.inner.congress
    }
    #[getter]
    fn subject(&self) -> Option<&str> {
        self.inner.subject.as_deref()
    }
    #[getter]
    fn short(&self) -> bool {
        self.inner.short
    }
    /// The name of an act cited by name (`Đất đai`).
    #[getter]
    fn title(&self) -> Option<&str> {
        self.inner.title.as_deref()
    }
    /// `{"article", "clause", "point", "section"}` as written, or `None`.
    #[getter]
    fn pinpoint<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.pinpoint)
    }
    /// `basis`, `implements`, `deploys`, `disseminates`, `reviews`, `guides`, `amends`,
    /// `replaces`, `repeals`, or `None`.
    #[getter]
    fn relation(&self) -> Option<&'static str> {
        self.inner.relation.map(|r| r.as_str())
    }
    #[getter]
    fn doc_key(&self) -> Option<&str> {
        self.inner.doc_key.as_deref()
    }
    #[getter]
    fn doc_key_scope(&self) -> Option<&'static str> {
        self.inner.doc_key_scope.map(|s| s.as_str())
    }
    #[getter]
    fn resolution(&self) -> Option<&'static str> {
        self.inner.resolution.map(|r| r.as_str())
    }
    #[getter]
    fn candidates(&self) -> Vec<String> {
        self.inner.candidates.clone()
    }
    #[getter]
    fn doc_title(&self) -> Option<&str> {
        self.inner.doc_title.as_deref()
    }
    #[getter]
    fn doc_date(&self) -> Option<&str> {
        self.inner.doc_date.as_deref()
    }
    /// Start in the object read with `input=`/`encoding=` (docs/input.md); else None.
    #[getter]
    fn src_start(&self) -> Option<usize> {
        self.inner.src_start
    }
    #[getter]
    fn src_end(&self) -> Option<usize> {
        self.inner.src_end
    }
    #[getter]
    fn encoding(&self) -> Option<&str> {
        self.inner.encoding.as_deref()
    }

    /// A dict identical to one element of `vanban cite --format json`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// Compact JSON, identical to one line of `vanban cite` (JSON Lines).
    fn to_json(&self) -> PyResult<String> {
        to_json(&self.inner)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let c = &self.inner;
        Ok(format!(
            "Citation({}, kind={}, start={}, end={}, symbol={}, date={})",
            py_repr(py, &c.text)?,
            py_repr(py, c.kind.as_str())?,
            c.start,
            c.end,
            py_repr_opt(py, c.symbol.as_deref())?,
            py_repr_opt(py, c.date.as_deref())?,
        ))
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let state = to_py(py, &slf.get().inner)?;
        Ok((
            py.get_type::<Self>().getattr("_from_state")?,
            PyTuple::new(py, [state])?,
        ))
    }

    /// Rebuild from `to_dict()` output (used by pickle).
    #[staticmethod]
    fn _from_state(state: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Self {
            inner: from_py(state)?,
        })
    }
}

/// A document number and symbol on its own (`04-NQ/TW`, `30/2020/NĐ-CP`).
#[pyclass(frozen, eq, hash, module = "vanban", name = "DocNumber")]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PyDocNumber {
    pub(crate) inner: DocNumber,
}

#[pymethods]
impl PyDocNumber {
    /// `party` or `state`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind.as_str()
    }
    #[getter]
    fn number(&self) -> u32 {
        self.inner.number
    }
    #[getter]
    fn type_code(&self) -> Option<&str> {
        self.inner.type_code.as_deref()
    }
    #[getter]
    fn issuer_code(&self) -> &str {
        &self.inner.issuer_code
    }
    #[getter]
    fn symbol(&self) -> &str {
        &self.inner.symbol
    }
    #[getter]
    fn year(&self) -> Option<i32> {
        self.inner.year
    }

    /// A dict with the serde (JSON) keys of the number.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// Compact JSON.
    fn to_json(&self) -> PyResult<String> {
        to_json(&self.inner)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let d = &self.inner;
        let year = d.year.map_or_else(|| "None".to_owned(), |y| y.to_string());
        Ok(format!(
            "DocNumber(kind={}, number={}, symbol={}, year={year})",
            py_repr(py, d.kind.as_str())?,
            d.number,
            py_repr(py, &d.symbol)?,
        ))
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let state = to_py(py, &slf.get().inner)?;
        Ok((
            py.get_type::<Self>().getattr("_from_state")?,
            PyTuple::new(py, [state])?,
        ))
    }

    /// Rebuild from `to_dict()` output (used by pickle).
    #[staticmethod]
    fn _from_state(state: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Self {
            inner: from_py(state)?,
        })
    }
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
pub(crate) fn extract_citations(py: Python<'_>, text: &str, references: bool) -> Vec<PyCitation> {
    let options = options(references);
    py.detach(|| wrap_all(vanban_resolve::extract_citations_with(text, &options)))
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
        .map(|inner| PyDocNumber { inner })
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
