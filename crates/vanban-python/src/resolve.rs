//! `resolve_many`: many texts into one citation graph (`vanban_resolve::Graph`), built with the
//! interpreter released. The Python side (`vanban._corpus.Corpus`) turns it into DataFrames.

use pyo3::prelude::*;

use crate::batch::{as_strs, check_threads, collect_texts, map_detached};
use crate::serde_py::to_py;

/// The citation graph of many texts.
#[pyclass(name = "_Graph", module = "vanban._vanban", frozen)]
pub struct PyGraph {
    inner: vanban_resolve::Graph,
}

#[pymethods]
impl PyGraph {
    /// The documents, most cited first, as dicts.
    fn documents<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.documents())
    }

    /// The edges (citing text → document), as dicts.
    fn edges<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.edges())
    }

    /// Mentions per year of the citing texts, for one key or for all.
    #[pyo3(signature = (key = None))]
    fn mentions_per_year(&self, key: Option<&str>) -> Vec<(i32, usize)> {
        self.inner.mentions_per_year(key).into_iter().collect()
    }

    /// Citations without a key (ambiguous or unidentified).
    #[getter]
    fn unresolved(&self) -> usize {
        self.inner.unresolved()
    }
}

/// Resolve every text and gather the graph; `names` default to the texts' indexes, `dates` (ISO)
/// to each text's own publication date (article timestamp or document header date).
#[pyfunction]
#[pyo3(signature = (texts, *, names = None, dates = None, threads = None, references = false))]
pub(crate) fn _resolve_many(
    py: Python<'_>,
    texts: &Bound<'_, PyAny>,
    names: Option<Vec<String>>,
    dates: Option<Vec<Option<String>>>,
    threads: Option<i64>,
    references: bool,
) -> PyResult<PyGraph> {
    let threads = check_threads(threads)?;
    let objects = collect_texts(texts)?;
    let texts = as_strs(&objects)?;
    let n = texts.len();
    for (what, len) in [
        ("names", names.as_ref().map(Vec::len)),
        ("dates", dates.as_ref().map(Vec::len)),
    ] {
        if len.is_some_and(|l| l != n) {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "{what} has {} items for {n} texts",
                len.unwrap_or(0)
            )));
        }
    }
    let options = vanban_resolve::ExtractOptions::default().references(references);
    let want_dates = dates.is_none();
    let parsed = map_detached(py, &texts, threads, |t| {
        let cites = vanban_resolve::extract_citations_with(t, &options);
        let published = want_dates.then(|| vanban_resolve::published(t)).flatten();
        (cites, published)
    })?;
    let inner = py.detach(|| {
        let mut g = vanban_resolve::Graph::new();
        for (i, (cites, own_date)) in parsed.iter().enumerate() {
            let name = names
                .as_ref()
                .map_or_else(|| i.to_string(), |n| n[i].clone());
            let date = dates
                .as_ref()
                .map_or(own_date.as_deref(), |d| d[i].as_deref());
            g.add(&name, date, cites);
        }
        g
    });
    Ok(PyGraph { inner })
}
