//! Bytes, legacy encodings, HTML pages and annotation (glue over `vanban-input`, docs/input.md).
//!
//! Offsets: `start`/`end` index the text the parser read (an HTML page's projection, or the
//! decoded text); `src_start`/`src_end` index the object passed in: bytes for `bytes`, Python
//! string indices for `str`.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString};
use vanban_grammar::model::Citation;
use vanban_input::annotate::{Format, Template, annotate as annotate_input};
use vanban_input::{Choice, Input, Kind};

use crate::citation::PyCitation;
use crate::report::PyReport;

fn choice(encoding: &str) -> PyResult<Choice> {
    Choice::from_name(encoding).ok_or_else(|| {
        PyValueError::new_err(format!(
            "unknown encoding {encoding:?}; expected one of {}",
            Choice::NAMES
        ))
    })
}

fn kind(input: &str) -> PyResult<Kind> {
    Kind::from_name(input).ok_or_else(|| {
        PyValueError::new_err(format!(
            "input must be 'text', 'html' or 'auto', not {input:?}"
        ))
    })
}

/// The object's bytes, and whether it was a `str`.
fn bytes_of(data: &Bound<'_, PyAny>, encoding: &str) -> PyResult<(Vec<u8>, bool)> {
    if let Ok(s) = data.cast::<PyString>() {
        if !matches!(
            choice(encoding)?,
            Choice::Auto | Choice::Only(vanban_input::Encoding::Utf8)
        ) {
            return Err(PyValueError::new_err(
                "a str is already decoded: pass bytes to read another encoding",
            ));
        }
        return Ok((s.to_str()?.as_bytes().to_vec(), true));
    }
    if let Ok(b) = data.cast::<PyBytes>() {
        return Ok((b.as_bytes().to_vec(), false));
    }
    Err(PyTypeError::new_err(format!(
        "expected str or bytes, not {}",
        data.get_type().name()?
    )))
}

/// The object's bytes, whether it was a `str`, and what they read as.
fn open(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    input: &str,
    encoding: &str,
) -> PyResult<(Vec<u8>, bool, Input)> {
    let (bytes, is_str) = bytes_of(data, encoding)?;
    let (k, c) = (kind(input)?, choice(encoding)?);
    let read = py
        .detach(|| vanban_input::read(&bytes, k, c))
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ok((bytes, is_str, read))
}

/// The value of the string option `name` that `given` names, or `ValueError` (`format must be
/// 'html' or 'markdown', not "x"`).
fn one_of<T, const N: usize>(name: &str, given: &str, choices: [(&str, T); N]) -> PyResult<T> {
    let quoted: Vec<String> = choices.iter().map(|(n, _)| format!("'{n}'")).collect();
    let alternatives = match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.concat(),
    };
    choices
        .into_iter()
        .find_map(|(n, v)| (n == given).then_some(v))
        .ok_or_else(|| {
            PyValueError::new_err(format!("{name} must be {alternatives}, not {given:?}"))
        })
}

/// Turn `src_start`/`src_end` from UTF-8 byte offsets into string indices of `original`.
fn src_in_chars(original: &[u8], cites: &mut [Citation]) {
    let Ok(s) = std::str::from_utf8(original) else {
        return;
    };
    let (mut last, mut chars) = (0, 0);
    let mut at = |b: usize| {
        let b = b.min(s.len());
        if b >= last {
            chars += s[last..b].chars().count();
        } else {
            chars -= s[b..last].chars().count();
        }
        last = b;
        chars
    };
    for c in cites {
        if let (Some(a), Some(b)) = (c.src_start, c.src_end) {
            c.src_start = Some(at(a));
            c.src_end = Some(at(b));
        }
    }
}

/// `(text, encoding)`: `data` decoded as `encoding` says (`auto` detects it).
#[pyfunction]
#[pyo3(signature = (data, encoding = "auto"))]
pub(crate) fn decode(
    py: Python<'_>,
    data: &Bound<'_, PyBytes>,
    encoding: &str,
) -> PyResult<(String, &'static str)> {
    let c = choice(encoding)?;
    let bytes = data.as_bytes();
    py.detach(|| vanban_input::encoding::decode(bytes, c))
        .map(|d| (d.text, d.encoding.name()))
        .map_err(|e| PyValueError::new_err(e.to_string()))
}

/// What `_from_input` returns.
enum Wanted {
    Citations,
    Report,
}

/// `extract_citations` (`what="citations"`) or `parse_report` (`what="report"`) for bytes and
/// HTML: offsets index what `data` reads as (a report's `source`), `src_start`/`src_end` the
/// object passed (see the module comment).
#[pyfunction]
#[pyo3(signature = (what, data, input = "text", encoding = "auto"))]
pub(crate) fn _from_input<'py>(
    py: Python<'py>,
    what: &str,
    data: &Bound<'py, PyAny>,
    input: &str,
    encoding: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let wanted = one_of(
        "what",
        what,
        [("citations", Wanted::Citations), ("report", Wanted::Report)],
    )?;
    let (bytes, is_str, read) = open(py, data, input, encoding)?;
    let in_chars = |cites: &mut [Citation]| {
        if is_str {
            src_in_chars(&bytes, cites);
        }
    };
    Ok(match wanted {
        Wanted::Citations => {
            let mut cites = py.detach(|| {
                let mut cites = vanban_resolve::extract_citations(&read.text);
                read.locate(&mut cites);
                cites
            });
            in_chars(&mut cites);
            let cites = cites.into_iter().map(PyCitation::from);
            PyList::new(py, cites)?.into_any()
        }
        Wanted::Report => {
            let mut report = py.detach(|| {
                let mut report = read.report();
                vanban_resolve::resolve_report(&read.text, &mut report);
                report
            });
            in_chars(&mut report.citations);
            let source = PyString::new(py, &read.text).unbind();
            Bound::new(py, PyReport::new(py, report, source))?.into_any()
        }
    })
}

/// The input back with its citations marked (see docs/input.md): `str` in, `str` out; `bytes`
/// in, `bytes` out (an HTML page byte for byte outside the inserted markup).
#[pyfunction]
#[pyo3(signature = (text, *, input = "text", link = None, format = "html", encoding = "auto"))]
pub(crate) fn annotate<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    input: &str,
    link: Option<&str>,
    format: &str,
    encoding: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let template = link
        .map(Template::parse)
        .transpose()
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    let format = one_of(
        "format",
        format,
        [("html", Format::Html), ("markdown", Format::Markdown)],
    )?;
    let (bytes, is_str, read) = open(py, text, input, encoding)?;
    let out = py.detach(|| {
        let cites = vanban_resolve::extract_citations(&read.text);
        annotate_input(&read, &bytes, &cites, format, template.as_ref())
    });
    Ok(if is_str || format == Format::Markdown || !read.html {
        PyString::new(py, &String::from_utf8_lossy(&out)).into_any()
    } else {
        PyBytes::new(py, &out).into_any()
    })
}
