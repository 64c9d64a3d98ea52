//! Batch calls: Python inputs are extracted first, the work runs detached from the interpreter
//! on a rayon pool, and Python objects are built afterwards.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyString;
use rayon::prelude::*;

use crate::errors::reject_str;

/// Every text of an iterable of `str` (the objects themselves: their UTF-8 is borrowed, not copied).
pub(crate) fn collect_texts<'py>(texts: &Bound<'py, PyAny>) -> PyResult<Vec<Bound<'py, PyString>>> {
    reject_str(texts, "texts")?;
    let iter = texts.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "texts must be an iterable of str, not {}",
            type_name(texts)
        ))
    })?;
    let mut out = Vec::with_capacity(texts.len().unwrap_or(0));
    for (i, item) in iter.enumerate() {
        let item = item?;
        let text = item.cast_into::<PyString>().map_err(|e| {
            PyTypeError::new_err(format!(
                "texts[{i}] must be str, not {}",
                type_name(e.into_inner().as_any())
            ))
        })?;
        out.push(text);
    }
    Ok(out)
}

/// The UTF-8 of every text; a lone surrogate raises `UnicodeEncodeError`.
pub(crate) fn as_strs<'a>(texts: &'a [Bound<'_, PyString>]) -> PyResult<Vec<&'a str>> {
    texts.iter().map(PyStringMethods::to_str).collect()
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map_or_else(|_| "?".to_owned(), |n| n.to_string())
}

/// Check the `threads` option: `None` means every core, otherwise at least 1.
pub(crate) fn check_threads(threads: Option<i64>) -> PyResult<Option<usize>> {
    match threads {
        None => Ok(None),
        Some(n) if n >= 1 => Ok(Some(usize::try_from(n).unwrap_or(usize::MAX).min(1024))),
        Some(n) => Err(PyValueError::new_err(format!(
            "threads must be None or >= 1, not {n}"
        ))),
    }
}

/// One pool per requested size, built on first use (building threads per call would dominate small batches).
fn pool(threads: usize) -> PyResult<Arc<rayon::ThreadPool>> {
    static POOLS: OnceLock<Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>> = OnceLock::new();
    let mut pools = POOLS
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(p) = pools.get(&threads) {
        return Ok(Arc::clone(p));
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("vanban-{i}"))
        .build()
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start {threads} threads: {e}")))?;
    let p = Arc::new(p);
    pools.insert(threads, Arc::clone(&p));
    Ok(p)
}

/// Map `f` over `texts` in parallel with the interpreter released.
pub(crate) fn map_detached<R, F>(
    py: Python<'_>,
    texts: &[&str],
    threads: Option<usize>,
    f: F,
) -> PyResult<Vec<R>>
where
    R: Send,
    F: Fn(&str) -> R + Send + Sync,
{
    let pool = match threads {
        Some(n) if n > 1 => Some(pool(n)?),
        _ => None,
    };
    Ok(py.detach(|| {
        let run = || texts.par_iter().map(|t| f(t)).collect::<Vec<R>>();
        match (threads, pool) {
            (Some(1), _) => texts.iter().map(|t| f(t)).collect(),
            (_, Some(p)) => p.install(run),
            _ => run(),
        }
    }))
}
