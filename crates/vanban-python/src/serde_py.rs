//! serde <-> Python helpers shared by the wrapper classes (`to_dict`, `to_json`, pickle state).

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyString;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The value as plain Python data (dict/list/str/int/bool/None), keys in serde order: the CLI's JSON.
pub(crate) fn to_py<'py, T: Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    Ok(pythonize::pythonize(py, value)?)
}

/// Rebuild a value from plain Python data (pickle state).
pub(crate) fn from_py<T: DeserializeOwned>(state: &Bound<'_, PyAny>) -> PyResult<T> {
    pythonize::depythonize(state).map_err(|e| PyValueError::new_err(format!("invalid state: {e}")))
}

/// Compact JSON, one line, exactly what the CLI prints per line with `--format jsonl`.
pub(crate) fn to_json<T: Serialize>(value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// Python `repr()` of a string (single quotes, Python escapes), for `__repr__`s.
pub(crate) fn py_repr(py: Python<'_>, s: &str) -> PyResult<String> {
    Ok(PyString::new(py, s).repr()?.to_string())
}
