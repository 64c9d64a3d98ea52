//! Python bindings of vanban: thin glue over `vanban-grammar`, no parsing logic here.
//!
//! Built by maturin as `vanban._vanban`; the Python package `python/vanban` re-exports it.

mod batch;
mod citation;
mod errors;
mod input;
mod node;
mod report;
mod resolve;
mod serde_py;

use pyo3::prelude::*;

/// The native module `vanban._vanban`.
#[pymodule(name = "_vanban")]
mod vanban_native {
    use pyo3::prelude::*;

    #[pymodule_export]
    use crate::citation::{
        PyCitation, PyDocNumber, extract_citations, extract_citations_many, parse_citation,
        parse_number,
    };
    #[pymodule_export]
    use crate::input::{_extract_citations_input, _parse_report_input, annotate, decode};
    #[pymodule_export]
    use crate::node::PyNode;
    #[pymodule_export]
    use crate::report::{PyReport, parse_report, parse_reports};
    #[pymodule_export]
    use crate::resolve::{_resolve_many, PyGraph};

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add("ParseError", m.py().get_type::<crate::errors::ParseError>())?;
        m.add("__version__", env!("CARGO_PKG_VERSION"))?;
        Ok(())
    }
}
