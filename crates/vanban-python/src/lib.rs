//! Python bindings of vanban: thin glue over `vanban-grammar`, no parsing logic here.
//!
//! Built by maturin as `vanban._vanban`; the Python package `python/vanban` re-exports it.

#![deny(missing_docs)]

mod arrow;
mod batch;
mod citation;
mod columns;
mod errors;
mod input;
mod model;
mod node;
mod report;
mod resolve;
mod serde_glue;
mod serde_py;
mod state;

use pyo3::prelude::*;

/// The native module `vanban._vanban`.
#[pymodule(name = "_vanban")]
mod vanban_native {
    use pyo3::prelude::*;

    #[pymodule_export]
    use crate::arrow::{extract_citations_arrow, parse_reports_arrow};
    #[pymodule_export]
    use crate::citation::{
        PyCitation, PyDocNumber, extract_citations, extract_citations_many, parse_citation,
        parse_number,
    };
    #[pymodule_export]
    use crate::input::{_from_input, annotate, decode};
    #[pymodule_export]
    use crate::model::_restore;
    #[pymodule_export]
    use crate::node::PyNode;
    #[pymodule_export]
    use crate::report::{PyReport, parse_report, parse_reports};
    #[pymodule_export]
    use crate::resolve::{_resolve_many, PyGraph};

    /// Run the `vanban` command line on `argv` (program name first) and return its exit code.
    /// The interpreter is released while it runs; `python -m vanban` and the `vanban` script
    /// call this with the default SIGINT handler restored, so Ctrl-C stops it as it stops the binary.
    #[pyfunction]
    fn cli_main(py: Python<'_>, argv: Vec<std::ffi::OsString>) -> u8 {
        let code = py.detach(|| vanban_cli::run(argv));
        (0..=u8::MAX)
            .find(|&n| std::process::ExitCode::from(n) == code)
            .unwrap_or(1)
    }

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add("ParseError", m.py().get_type::<crate::errors::ParseError>())?;
        m.add("__version__", env!("CARGO_PKG_VERSION"))?;
        Ok(())
    }
}
