//! Batch calls: Python inputs are extracted first, the work runs detached from the interpreter
//! on one rayon pool, and Python objects are built afterwards.
//!
//! Three promises live here (docs/ARCHITECTURE.md, Python): one pool of at most as many threads
//! as the machine has cores, whatever `threads=` values callers pass; the pool is rebuilt in a
//! child process after `fork` (its threads do not exist there); and long calls run off the
//! calling thread while it checks for signals, so Ctrl-C raises `KeyboardInterrupt` at once
//! (a batch after the texts being parsed, a single call immediately).

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

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

pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map_or_else(|_| "?".to_owned(), |n| n.to_string())
}

/// The number of cores (at least 1): the pool's size and the cap of `threads=`.
pub(crate) fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// Check the `threads` option: `None` means every core, otherwise at least 1; capped at the cores.
pub(crate) fn check_threads(threads: Option<i64>) -> PyResult<usize> {
    match threads {
        None => Ok(cores()),
        Some(n) if n >= 1 => Ok(usize::try_from(n).unwrap_or(usize::MAX).min(cores())),
        Some(n) => Err(PyValueError::new_err(format!(
            "threads must be None or >= 1, not {n}"
        ))),
    }
}

/// The one pool, with the id of the process that built it.
static POOL: Mutex<Option<(u32, Arc<rayon::ThreadPool>)>> = Mutex::new(None);

/// The pool of this process, built on first use with one thread per core. After `fork` the
/// child inherits the parent's pool object but none of its threads: a pool built by another
/// process id is leaked (dropping it would signal threads that do not exist) and rebuilt.
fn pool() -> PyResult<Arc<rayon::ThreadPool>> {
    let pid = std::process::id();
    let mut slot = POOL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    match slot.take() {
        Some((owner, p)) if owner == pid => {
            *slot = Some((owner, Arc::clone(&p)));
            return Ok(p);
        }
        Some(inherited) => std::mem::forget(inherited),
        None => {}
    }
    let n = cores();
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .thread_name(|i| format!("vanban-{i}"))
        .build()
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start {n} threads: {e}")))?;
    let p = Arc::new(p);
    *slot = Some((pid, Arc::clone(&p)));
    Ok(p)
}

/// A unit of batch work: a text, or a group of texts.
pub(crate) trait Work: Sync {
    /// Bytes of text.
    fn bytes(&self) -> usize;
}

impl Work for &str {
    fn bytes(&self) -> usize {
        self.len()
    }
}

impl Work for (usize, &[&str]) {
    fn bytes(&self) -> usize {
        self.1.iter().map(|t| t.len()).sum()
    }
}

/// `texts.map(f)` on at most `threads` threads of the pool (workers take the next index from a
/// shared counter, so long and short texts balance), order kept; stops taking texts once
/// `cancel` is set (the caller then discards the result).
fn map_on_pool<W, R, F>(
    pool: &rayon::ThreadPool,
    texts: &[W],
    threads: usize,
    f: &F,
    cancel: &AtomicBool,
) -> Vec<R>
where
    W: Work,
    R: Send,
    F: Fn(&W) -> R + Sync,
{
    let next = AtomicUsize::new(0);
    let workers = threads.min(texts.len());
    let parts: Vec<Vec<(usize, R)>> = pool.install(|| {
        (0..workers)
            .into_par_iter()
            .map(|_| {
                let mut done = Vec::new();
                while !cancel.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(t) = texts.get(i) else { break };
                    done.push((i, f(t)));
                }
                done
            })
            .collect()
    });
    let mut slots: Vec<Option<R>> = std::iter::repeat_with(|| None).take(texts.len()).collect();
    for (i, r) in parts.into_iter().flatten() {
        slots[i] = Some(r);
    }
    slots.into_iter().flatten().collect()
}

/// Map `f` over `texts` with the interpreter released: on one thread when `threads` is 1, else
/// on the pool. A batch of at least `INTERRUPTIBLE_BYTES` runs on a scoped thread while the
/// caller checks for signals: Ctrl-C stops the workers after the texts they are on and raises
/// `KeyboardInterrupt` (the borrowed texts outlive the workers: the scope joins them).
pub(crate) fn map_detached<W, R, F>(
    py: Python<'_>,
    texts: &[W],
    threads: usize,
    f: F,
) -> PyResult<Vec<R>>
where
    W: Work,
    R: Send,
    F: Fn(&W) -> R + Send + Sync,
{
    let pool = if threads > 1 && texts.len() > 1 {
        Some(pool()?)
    } else {
        None
    };
    let cancel = AtomicBool::new(false);
    let work = || match &pool {
        Some(p) => map_on_pool(p, texts, threads, &f, &cancel),
        None => texts
            .iter()
            .take_while(|_| !cancel.load(Ordering::Relaxed))
            .map(&f)
            .collect(),
    };
    if texts.iter().map(Work::bytes).sum::<usize>() < INTERRUPTIBLE_BYTES {
        return Ok(py.detach(work));
    }
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel();
        let worker = std::thread::Builder::new()
            .name("vanban-batch".to_owned())
            .spawn_scoped(scope, move || {
                let out = work();
                let _ = tx.send(());
                out
            })
            .map_err(|e| PyRuntimeError::new_err(format!("cannot start a thread: {e}")))?;
        let mut interrupted = None;
        let mut rx = rx;
        loop {
            // `Receiver` is not `Sync`: move it into the detached closure and back.
            let (got, back) = py.detach(move || (rx.recv_timeout(SIGNAL_POLL), rx));
            rx = back;
            match got {
                Err(mpsc::RecvTimeoutError::Timeout) if interrupted.is_none() => {
                    if let Err(e) = py.check_signals() {
                        cancel.store(true, Ordering::Relaxed);
                        interrupted = Some(e);
                    }
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Ok(()) | Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
        let out = worker
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        interrupted.map_or(Ok(out), Err)
    })
}

/// Calls on at least this many bytes run on a worker thread while the caller waits for signals.
/// Below it the call takes milliseconds and a thread would cost more than it saves.
const INTERRUPTIBLE_BYTES: usize = 1 << 20;

/// How often a caller waiting for a worker checks for signals.
const SIGNAL_POLL: Duration = Duration::from_millis(50);

/// `f(text)` with the interpreter released. A large text is copied to a worker thread and the
/// caller checks for signals while it waits, so Ctrl-C raises at once (the worker's result is
/// then discarded when it finishes).
pub(crate) fn run_interruptible<R, F>(py: Python<'_>, text: &str, f: F) -> PyResult<R>
where
    R: Send + 'static,
    F: FnOnce(&str) -> R + Send + 'static,
{
    if text.len() < INTERRUPTIBLE_BYTES {
        return Ok(py.detach(|| f(text)));
    }
    let owned = text.to_owned();
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("vanban-call".to_owned())
        .spawn(move || {
            let _ = tx.send(f(&owned));
        })
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start a thread: {e}")))?;
    let mut rx = rx;
    loop {
        // `Receiver` is not `Sync`: move it into the detached closure and back.
        let (got, back) = py.detach(move || (rx.recv_timeout(SIGNAL_POLL), rx));
        rx = back;
        match got {
            Ok(r) => return Ok(r),
            Err(mpsc::RecvTimeoutError::Timeout) => py.check_signals()?,
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(PyRuntimeError::new_err("the parser thread stopped"));
            }
        }
    }
}
