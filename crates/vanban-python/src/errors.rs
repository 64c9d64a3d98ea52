//! `vanban.ParseError`: the one exception type of the package.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyString;

// `create_exception!` rather than `#[pyclass(extends = PyValueError)]`: under abi3 below 3.12 a
// native exception type cannot be subclassed by a pyclass. Attributes are set on the instance.
pyo3::create_exception!(
    vanban,
    ParseError,
    PyValueError,
    "The input is not a valid citation or document number.\n\nAttributes: `offset` (character index), `line` and `column` (from 1, in characters), `expected` (list of str)."
);

/// Build a `vanban.ParseError` for `err` found in `src`: message = rendered caret frame.
pub(crate) fn to_py_err(py: Python<'_>, err: &vanban_grammar::ParseError, src: &str) -> PyErr {
    let lc = err.line_column(src);
    let py_err = ParseError::new_err(err.render(src));
    let value = py_err.value(py);
    let set = || -> PyResult<()> {
        value.setattr("offset", err.char_offset(src))?;
        value.setattr("line", lc.line)?;
        value.setattr("column", lc.column)?;
        value.setattr("expected", err.expected_labels())?;
        Ok(())
    };
    match set() {
        Ok(()) => py_err,
        Err(e) => e,
    }
}

/// Reject a bare `str` where an iterable of texts is expected (it would iterate characters).
pub(crate) fn reject_str(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<()> {
    if obj.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!(
            "{what} must be an iterable of str, not a single str"
        )));
    }
    Ok(())
}
