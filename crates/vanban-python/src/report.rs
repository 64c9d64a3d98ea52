//! `Report` and the report functions.

use std::hash::{Hash, Hasher};

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use vanban_grammar::model::report::Report;

use crate::batch::{as_strs, check_threads, collect_texts, map_detached, run_interruptible};
use crate::model::{self, Exposed, exposed_class};
use crate::node::repr_fields;
use crate::serde_py::{to_json, to_py};

/// The structure of one text (news article or formal document), with one attribute per JSON key
/// of `vanban report --format json`, plus `source`, the text it was parsed from.
#[pyclass(frozen, module = "vanban", name = "Report")]
pub struct PyReport {
    inner: Report,
    /// The input `str` itself (not a copy): for `_repr_html_` and `report.source[c.start:c.end]`.
    source: Py<PyString>,
    /// Attributes converted so far (built on first access: batch calls stay cheap, and
    /// `report.sections is report.sections`).
    attrs: Py<PyDict>,
}

impl PyReport {
    pub(crate) fn new(py: Python<'_>, inner: Report, source: Py<PyString>) -> Self {
        Self {
            inner,
            source,
            attrs: PyDict::new(py).unbind(),
        }
    }

    /// Every attribute, in the model's order.
    fn all_attrs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        for name in model::field_names(py, &self.inner)? {
            if let Some(v) = self.attr(py, &name)? {
                out.set_item(name, v)?;
            }
        }
        Ok(out)
    }
}

impl Exposed for PyReport {
    fn type_name(&self) -> &str {
        "Report"
    }
    fn names(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        model::field_names(py, &self.inner)
    }
    /// Converted once, then kept in `attrs`.
    fn attr<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        let attrs = self.attrs.bind(py);
        if let Some(v) = attrs.get_item(name)? {
            return Ok(Some(v));
        }
        let Some(v) = model::field(py, &self.inner, name)? else {
            return Ok(None);
        };
        attrs.set_item(name, &v)?;
        Ok(Some(v))
    }
    fn plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }
    fn json(&self, _: Python<'_>) -> PyResult<String> {
        to_json(&self.inner)
    }
    fn repr(&self, py: Python<'_>) -> PyResult<String> {
        repr_fields(py, "Report", &self.all_attrs(py)?)
    }
    /// The report and its source: offsets index the source.
    fn state(&self, py: Python<'_>) -> PyResult<Vec<u8>> {
        let source = self.source.bind(py).to_str()?;
        model::named_state(&(&self.inner, source))
    }
}

exposed_class! {
    PyReport as |r| r;
    to_dict: "A dict identical to `vanban report --format json`.";
    to_json: "Compact JSON of the report (the CLI's JSON without indentation).";

    /// The text this report was parsed from.
    #[getter]
    fn source<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        self.source.bind(py).clone()
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
}

/// Parse the structure of one text (news article or formal document).
#[pyfunction]
pub(crate) fn parse_report(py: Python<'_>, text: Bound<'_, PyString>) -> PyResult<PyReport> {
    let report = run_interruptible(py, text.to_str()?, vanban_resolve::parse_report)?;
    Ok(PyReport::new(py, report, text.unbind()))
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
    let reports = map_detached(py, &as_strs(&objects)?, threads, |t| {
        vanban_resolve::parse_report(t)
    })?;
    Ok(reports
        .into_iter()
        .zip(objects)
        .map(|(r, s)| PyReport::new(py, r, s.unbind()))
        .collect())
}
