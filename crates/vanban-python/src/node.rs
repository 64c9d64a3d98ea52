//! The tagged conversion of serde data into frozen attribute-access objects, and `vanban.Node`.
//!
//! Every serde struct becomes a `vanban.Node` whose attributes are the struct's JSON keys
//! (a `Citation` struct becomes a real `vanban.Citation`), sequences become tuples, and scalars
//! stay as they are. Nothing here names a field of the report model, so fields added to the Rust
//! model appear in Python without changes to the glue. Every walk over converted data counts its
//! depth and stops at `MAX_DEPTH` (the model nests about 20 levels; crafted pickle data more).

use std::fmt::Write as _;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyMapping, PyString, PyTuple};
use pythonize::{PythonizeMappingType, PythonizeNamedMappingType, PythonizeTypes};
use serde::Serialize;

use crate::citation::PyCitation;
use crate::model::{Exposed, exposed_class};
use crate::serde_py::{from_py, py_repr};

/// Deepest nesting any walk accepts. The model's own depth is bounded (outline `MAX_DEPTH` 12
/// plus the report levels above and the spans below); beyond this the data is crafted.
const MAX_DEPTH: usize = 64;

fn too_deep() -> PyErr {
    PyValueError::new_err(format!("data nested deeper than {MAX_DEPTH} levels"))
}

/// Dict key under which the serde struct name travels between the two conversion passes.
const TYPE_KEY: &str = "\u{0}vanban-type";

/// pythonize types that tag every struct's dict with the struct name.
struct Tagged;

impl PythonizeTypes for Tagged {
    type Map = PyDict;
    type NamedMap = Tagged;
    type List = PyList;
}

impl PythonizeNamedMappingType for Tagged {
    type Builder<'py> = Bound<'py, PyDict>;

    fn builder<'py>(
        py: Python<'py>,
        _len: usize,
        name: &'static str,
    ) -> PyResult<Self::Builder<'py>> {
        let dict = PyDict::new(py);
        dict.set_item(TYPE_KEY, name)?;
        Ok(dict)
    }

    fn push_field<'py>(
        builder: &mut Self::Builder<'py>,
        name: Bound<'py, PyString>,
        value: Bound<'py, PyAny>,
    ) -> PyResult<()> {
        <PyDict as PythonizeMappingType>::push_item(builder, name.into_any(), value)
    }

    fn finish<'py>(builder: Self::Builder<'py>) -> PyResult<Bound<'py, PyMapping>> {
        <PyDict as PythonizeMappingType>::finish(builder)
    }
}

/// `value` (any serde data) converted: structs → `Node`/`Citation`, sequences → tuples.
pub(crate) fn tagged<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let plain = pythonize::pythonize_custom::<Tagged, _>(py, value)?;
    convert(&plain, 0)
}

fn convert_dict<'py>(dict: &Bound<'py, PyDict>, depth: usize) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(dict.py());
    for (k, v) in dict.iter() {
        out.set_item(k, convert(&v, depth + 1)?)?;
    }
    Ok(out)
}

/// Tagged plain data → Citation / Node / tuple / scalar.
fn convert<'py>(obj: &Bound<'py, PyAny>, depth: usize) -> PyResult<Bound<'py, PyAny>> {
    if depth > MAX_DEPTH {
        return Err(too_deep());
    }
    let py = obj.py();
    if let Ok(dict) = obj.cast::<PyDict>() {
        let Some(name) = dict.get_item(TYPE_KEY)? else {
            return Ok(convert_dict(dict, depth)?.into_any()); // a map, not a struct: keys are data
        };
        dict.del_item(TYPE_KEY)?;
        let name: String = name.extract()?;
        if name == "Citation" {
            return Ok(Bound::new(
                py,
                PyCitation {
                    inner: from_py(dict)?,
                },
            )?
            .into_any());
        }
        let attrs = convert_dict(dict, depth)?.unbind();
        return Ok(Bound::new(
            py,
            PyNode {
                type_name: name,
                attrs,
            },
        )?
        .into_any());
    }
    if let Ok(list) = obj.cast::<PyList>() {
        let items = list
            .iter()
            .map(|v| convert(&v, depth + 1))
            .collect::<PyResult<Vec<_>>>()?;
        return Ok(PyTuple::new(py, items)?.into_any());
    }
    Ok(obj.clone())
}

/// Converted data → the plain data of `to_dict()` (Node/Citation → dict, tuple → list).
fn plain<'py>(obj: &Bound<'py, PyAny>, depth: usize) -> PyResult<Bound<'py, PyAny>> {
    if depth > MAX_DEPTH {
        return Err(too_deep());
    }
    let py = obj.py();
    if let Ok(node) = obj.cast::<PyNode>() {
        return Ok(plain_dict(node.get().attrs.bind(py), depth)?.into_any());
    }
    if let Ok(c) = obj.cast::<PyCitation>() {
        return crate::serde_py::to_py(py, &c.get().inner);
    }
    if let Ok(t) = obj.cast::<PyTuple>() {
        let items = t
            .iter()
            .map(|v| plain(&v, depth + 1))
            .collect::<PyResult<Vec<_>>>()?;
        return Ok(PyList::new(py, items)?.into_any());
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        return Ok(plain_dict(d, depth)?.into_any());
    }
    Ok(obj.clone())
}

fn plain_dict<'py>(dict: &Bound<'py, PyDict>, depth: usize) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(dict.py());
    for (k, v) in dict.iter() {
        out.set_item(k, plain(&v, depth + 1)?)?;
    }
    Ok(out)
}

/// Converted data → JSON that keeps the type names (`TYPE_KEY` in every struct's object): the
/// pickle state of a `Node`, read back by `PyNode::from_tagged_json`.
fn tagged_value(
    py: Python<'_>,
    obj: &Bound<'_, PyAny>,
    depth: usize,
) -> PyResult<serde_json::Value> {
    use serde_json::Value;
    if depth > MAX_DEPTH {
        return Err(too_deep());
    }
    if let Ok(node) = obj.cast::<PyNode>() {
        return node_value(py, node.get(), depth);
    }
    if let Ok(c) = obj.cast::<PyCitation>() {
        let mut v = serde_json::to_value(&c.get().inner)
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        if let Value::Object(map) = &mut v {
            map.insert(TYPE_KEY.to_owned(), Value::String("Citation".to_owned()));
        }
        return Ok(v);
    }
    if let Ok(t) = obj.cast::<PyTuple>() {
        let items = t.iter().map(|v| tagged_value(py, &v, depth + 1));
        return Ok(Value::Array(items.collect::<PyResult<_>>()?));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = serde_json::Map::new();
        tagged_entries(py, d, depth, &mut map)?;
        return Ok(Value::Object(map));
    }
    pythonize::depythonize(obj).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// A node's tagged JSON: its attributes and `TYPE_KEY`, its type name.
fn node_value(py: Python<'_>, node: &PyNode, depth: usize) -> PyResult<serde_json::Value> {
    let mut map = serde_json::Map::new();
    map.insert(TYPE_KEY.to_owned(), node.type_name.clone().into());
    tagged_entries(py, node.attrs.bind(py), depth, &mut map)?;
    Ok(serde_json::Value::Object(map))
}

/// The tagged JSON of `dict`'s entries, added to `map`.
fn tagged_entries(
    py: Python<'_>,
    dict: &Bound<'_, PyDict>,
    depth: usize,
    map: &mut serde_json::Map<String, serde_json::Value>,
) -> PyResult<()> {
    for (k, v) in dict.iter() {
        map.insert(k.extract()?, tagged_value(py, &v, depth + 1)?);
    }
    Ok(())
}

/// `Name(key=value, …)`: scalars and texts of nested objects (shortened), lengths of non-empty
/// sequences; `None` and empty sequences are left out.
pub(crate) fn repr_fields(
    py: Python<'_>,
    type_name: &str,
    attrs: &Bound<'_, PyDict>,
) -> PyResult<String> {
    const MAX: usize = 60;
    let short = |s: &str| -> PyResult<String> {
        if s.chars().count() > MAX {
            py_repr(py, &format!("{}…", s.chars().take(MAX).collect::<String>()))
        } else {
            py_repr(py, s)
        }
    };
    let mut out = format!("{type_name}(");
    let mut first = true;
    for (k, v) in attrs.iter() {
        let shown = if v.is_none() {
            continue;
        } else if let Ok(s) = v.cast::<PyString>() {
            short(s.to_str()?)?
        } else if let Ok(t) = v.cast::<PyTuple>() {
            if t.is_empty() {
                continue;
            }
            format!("[{}]", t.len())
        } else if v.is_instance_of::<PyNode>() || v.is_instance_of::<PyCitation>() {
            match v
                .getattr("text")
                .ok()
                .and_then(|t| t.extract::<String>().ok())
            {
                Some(text) => short(&text)?,
                None => format!(
                    "{}(…)",
                    v.getattr("_type")
                        .map_or_else(|_| String::new(), |t| t.to_string())
                ),
            }
        } else {
            v.repr()?.to_string()
        };
        let _ = write!(out, "{}{k}={shown}", if first { "" } else { ", " });
        first = false;
    }
    out.push(')');
    Ok(out)
}

/// A nested object of a report (a span of text, a section, a person, …): frozen, with one
/// attribute per JSON key. `_type` names the Rust model type (`Span`, `Section`, …).
#[pyclass(frozen, module = "vanban", name = "Node")]
pub struct PyNode {
    type_name: String,
    attrs: Py<PyDict>,
}

impl Exposed for PyNode {
    fn type_name(&self) -> &str {
        &self.type_name
    }
    fn names(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        self.attrs.bind(py).keys().extract()
    }
    /// The dict's own key objects.
    fn fields<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.attrs.bind(py).keys())
    }
    fn attr<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.attrs.bind(py).get_item(name)
    }
    /// Nested objects as dicts, sequences as lists.
    fn plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(plain_dict(self.attrs.bind(py), 0)?.into_any())
    }
    fn json(&self, py: Python<'_>) -> PyResult<String> {
        compact_json(&self.plain(py)?)
    }
    fn repr(&self, py: Python<'_>) -> PyResult<String> {
        repr_fields(py, &self.type_name, self.attrs.bind(py))
    }
    /// Its tagged data (nested objects keep their type names).
    fn state(&self, py: Python<'_>) -> PyResult<Vec<u8>> {
        crate::model::named_state(&node_value(py, self, 0)?)
    }
}

exposed_class! {
    PyNode as |n| n;
    to_dict: "Plain data with the JSON keys (nested objects as dicts, sequences as lists).";
    to_json: "Compact JSON of `to_dict()`.";

    /// The model type of this object (`Span`, `Section`, `Person`, …).
    #[getter]
    fn _type(&self) -> &str {
        &self.type_name
    }

    fn __getitem__<'py>(&self, py: Python<'py>, key: &str) -> PyResult<Bound<'py, PyAny>> {
        self.attrs
            .bind(py)
            .get_item(key)?
            .ok_or_else(|| pyo3::exceptions::PyKeyError::new_err(key.to_owned()))
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        match other.cast::<PyNode>() {
            Ok(o) => Ok(self.type_name == o.get().type_name
                && PyAnyMethods::eq(self.attrs.bind(py).as_any(), o.get().attrs.bind(py))?),
            Err(_) => Ok(false),
        }
    }

    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        let items = PyTuple::new(py, self.attrs.bind(py).items())?;
        (self.type_name.as_str(), items).into_pyobject(py)?.hash()
    }
}

impl PyNode {
    /// Rebuild a node from its tagged JSON (pickle state); the tag must name `type_name`.
    pub(crate) fn from_tagged_json<'py>(
        py: Python<'py>,
        type_name: &str,
        value: serde_json::Value,
    ) -> PyResult<Bound<'py, PyAny>> {
        let tagged = match &value {
            serde_json::Value::Object(map) => map.get(TYPE_KEY).and_then(|t| t.as_str()),
            _ => None,
        };
        if tagged != Some(type_name) {
            return Err(PyValueError::new_err(format!(
                "invalid {type_name} state: not a {type_name} object"
            )));
        }
        let obj = pythonize::pythonize(py, &value)?;
        let node = convert(&obj, 0)?;
        if node.is_instance_of::<PyNode>() {
            Ok(node)
        } else {
            Err(PyValueError::new_err(format!("invalid {type_name} state")))
        }
    }
}

/// `json.dumps(value, ensure_ascii=False, separators=(",", ":"))`: serde_json's compact form.
pub(crate) fn compact_json(value: &Bound<'_, PyAny>) -> PyResult<String> {
    let py = value.py();
    let kwargs = PyDict::new(py);
    kwargs.set_item("ensure_ascii", false)?;
    kwargs.set_item("separators", (",", ":"))?;
    py.import("json")?
        .getattr("dumps")?
        .call((value,), Some(&kwargs))?
        .extract()
}
