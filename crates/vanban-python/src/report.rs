//! `Report` and the report functions.

use std::hash::{Hash, Hasher};

use pyo3::exceptions::PyAttributeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyString, PyTuple};
use vanban_grammar::model::report::Report;

use crate::batch::{as_strs, check_threads, collect_texts, map_detached};
use crate::node::{attrs_of, dir_with, repr_fields};
use crate::serde_py::{from_py, to_json, to_py};

/// The structure of one text (news article or formal document), with one attribute per JSON key
/// of `vanban report --format json`, plus `source`, the text it was parsed from.
#[pyclass(frozen, module = "vanban", name = "Report")]
pub struct PyReport {
    inner: Report,
    /// The input `str` itself (not a copy): for `_repr_html_` and `report.source[c.start:c.end]`.
    source: Py<PyString>,
    /// Attribute objects, built on first attribute access (batch calls stay cheap).
    attrs: PyOnceLock<Py<PyDict>>,
}

impl PyReport {
    pub(crate) fn new(inner: Report, source: Py<PyString>) -> Self {
        Self {
            inner,
            source,
            attrs: PyOnceLock::new(),
        }
    }

    fn attrs<'py>(&self, py: Python<'py>) -> PyResult<&Bound<'py, PyDict>> {
        Ok(self
            .attrs
            .get_or_try_init(py, || attrs_of(py, &self.inner).map(Bound::unbind))?
            .bind(py))
    }
}

#[pymethods]
impl PyReport {
    /// The text this report was parsed from.
    #[getter]
    fn source<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        self.source.bind(py).clone()
    }

    /// The attribute names of the report data (the JSON keys), in order.
    #[getter]
    fn _fields<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.attrs(py)?.keys())
    }

    fn __getattr__<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        self.attrs(py)?.get_item(name)?.ok_or_else(|| {
            PyAttributeError::new_err(format!("'Report' object has no attribute '{name}'"))
        })
    }

    fn __dir__(slf: &Bound<'_, Self>) -> PyResult<Vec<String>> {
        dir_with(slf.as_any(), slf.get().attrs(slf.py())?)
    }

    /// A dict identical to `vanban report --format json`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// Compact JSON of the report (the CLI's JSON without indentation).
    fn to_json(&self) -> PyResult<String> {
        to_json(&self.inner)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        repr_fields(py, "Report", self.attrs(py)?)
    }

    /// HTML for notebooks: citations highlighted, the outline collapsible (see `vanban._html`).
    fn _repr_html_<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        slf.py()
            .import("vanban._html")?
            .getattr("report_html")?
            .call1((slf,))
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        match other.cast::<PyReport>() {
            Ok(o) => Ok(self.inner == o.get().inner
                && PyAnyMethods::eq(self.source.bind(py).as_any(), o.get().source.bind(py))?),
            Err(_) => Ok(false),
        }
    }

    fn __hash__(&self) -> u64 {
        let mut h = std::hash::DefaultHasher::new();
        self.inner.hash(&mut h);
        h.finish()
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let state = to_py(py, &slf.get().inner)?;
        let args = PyTuple::new(py, [state, slf.get().source.bind(py).clone().into_any()])?;
        Ok((py.get_type::<Self>().getattr("_from_state")?, args))
    }

    /// Rebuild from `to_dict()` output and the source text (used by pickle).
    #[staticmethod]
    fn _from_state(state: &Bound<'_, PyAny>, source: Bound<'_, PyString>) -> PyResult<Self> {
        Ok(Self::new(from_py(state)?, source.unbind()))
    }
}

/// Parse the structure of one text (news article or formal document).
#[pyfunction]
pub(crate) fn parse_report(py: Python<'_>, text: Bound<'_, PyString>) -> PyResult<PyReport> {
    let report = {
        let s = text.to_str()?;
        py.detach(|| vanban_resolve::parse_report(s))
    };
    Ok(PyReport::new(report, text.unbind()))
}

/// `[parse_report(t) for t in texts]`, in parallel with the interpreter released.
#[pyfunction]
#[pyo3(signature = (texts, *, threads = None))]
pub(crate) fn parse_reports(
    py: Python<'_>,
    texts: &Bound<'_, PyAny>,
    threads: Option<i64>,
) -> PyResult<Vec<PyReport>> {
    let threads = check_threads(threads)?;
    let objects = collect_texts(texts)?;
    let reports = map_detached(
        py,
        &as_strs(&objects)?,
        threads,
        vanban_resolve::parse_report,
    )?;
    Ok(reports
        .into_iter()
        .zip(objects)
        .map(|(r, s)| PyReport::new(r, s.unbind()))
        .collect())
}
