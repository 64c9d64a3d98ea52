//! One way of exposing the model to Python, one pickle implementation.
//!
//! Attributes are the serde keys of the model: `field` serialises a value with a serializer that
//! keeps only the requested key (also through `#[serde(flatten)]`, which serialises as a map), and
//! converts that key's value with the tagged conversion of `node.rs` (structs become `Node`s or
//! `Citation`s, sequences tuples). No code here names a model field: a field added to the Rust
//! model is an attribute at once (and needs only a line in `_vanban.pyi`).
//!
//! Pickle: every object reduces to `_restore(type_name, state)` with `state` the object's serde
//! data in the compact binary form of `state.rs` (bytes), decoded straight into the Rust model:
//! no Python or JSON value in between. The decoder bounds nesting and lengths and the result is
//! checked against the model: crafted data raises `ValueError`, it never recurses without limit.
//! Rebuilt `Citation`s and `DocNumber`s are left out of the garbage collector's lists (see
//! `untracked`): loading a list of them no longer runs full collections over every object.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyString, PyTuple};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde::ser;

use crate::citation::{PyCitation, PyDocNumber};
use crate::node::{PyNode, tagged_value};
use crate::report::PyReport;
use crate::serde_glue::{Error, forward_serialize, impossible_parts, refuse_serialize};
use crate::state::Layout;

/// A model type exposed to Python as a Rust-backed object. Its serde impls (and those of every
/// type inside it) are derived both ways, without `flatten`: its pickle state is positional
/// (`state::Layout::Positional`), which `tests/test_pickle.py` checks on every corpus citation.
pub(crate) trait Model: Serialize + DeserializeOwned {
    /// The Python class name, also the type name in pickle state.
    const NAME: &'static str;
}

impl Model for vanban_grammar::model::Citation {
    const NAME: &'static str = "Citation";
}
impl Model for vanban_grammar::model::DocNumber {
    const NAME: &'static str = "DocNumber";
}

/// The attribute `name` of `value` (a serde struct), converted like report parts; `None` when
/// the struct has no such key.
pub(crate) fn field<'py, T: Serialize>(
    py: Python<'py>,
    value: &T,
    name: &str,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    pick(py, value, Some(name))?.found.transpose()
}

/// The attribute names of `value` (its serde keys), in order.
pub(crate) fn field_names<T: Serialize>(py: Python<'_>, value: &T) -> PyResult<Vec<String>> {
    Ok(pick(py, value, None)?.names)
}

/// `(name, value)` of every attribute, in order.
pub(crate) fn fields<'py, T: Serialize>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Vec<(String, Bound<'py, PyAny>)>> {
    field_names(py, value)?
        .into_iter()
        .map(|n| {
            let v = field(py, value, &n)?.unwrap_or_else(|| py.None().into_bound(py));
            Ok((n, v))
        })
        .collect()
}

/// Serializer that keeps one key of a struct (or of a map, for flattened structs), or lists the keys.
struct Pick<'a, 'py> {
    py: Python<'py>,
    want: Option<&'a str>,
    found: Option<PyResult<Bound<'py, PyAny>>>,
    names: Vec<String>,
}

/// `value` serialised through a `Pick` that keeps the key `want` (or lists every key).
fn pick<'a, 'py, T: Serialize>(
    py: Python<'py>,
    value: &T,
    want: Option<&'a str>,
) -> Result<Pick<'a, 'py>, Error> {
    let mut pick = Pick {
        py,
        want,
        found: None,
        names: Vec::new(),
    };
    value.serialize(&mut pick)?;
    Ok(pick)
}

impl Pick<'_, '_> {
    fn key<V: Serialize + ?Sized>(&mut self, key: &str, value: &V) {
        match self.want {
            None => self.names.push(key.to_owned()),
            Some(w) if w == key && self.found.is_none() => {
                self.found = Some(crate::node::tagged(self.py, value));
            }
            Some(_) => {}
        }
    }
}

fn not_a_struct<T>() -> Result<T, Error> {
    Err(Error("model objects are serde structs".to_owned()))
}

/// Keys of a flattened struct arrive as map keys of any `Serialize` type: read them through serde_json.
fn map_key<K: Serialize + ?Sized>(key: &K) -> Result<String, Error> {
    match serde_json::to_value(key).map_err(ser::Error::custom)? {
        serde_json::Value::String(k) => Ok(k),
        _ => not_a_struct(),
    }
}

/// A struct (or a flattened struct's map) opens itself; any other value is refused.
impl ser::Serializer for &mut Pick<'_, '_> {
    impossible_parts!(Error; SerializeSeq SerializeTuple SerializeTupleStruct
        SerializeTupleVariant SerializeStructVariant);
    type SerializeMap = Self;
    type SerializeStruct = Self;

    forward_serialize!(some newtype_struct);
    refuse_serialize!(not_a_struct(); bool i8 i16 i32 i64 u8 u16 u32 u64 f32 f64 char str bytes
        none unit unit_struct unit_variant newtype_variant seq tuple tuple_struct tuple_variant
        struct_variant);

    fn serialize_map(self, _: Option<usize>) -> Result<Self, Error> {
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Error> {
        Ok(self)
    }
}

impl ser::SerializeStruct for &mut Pick<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.key(key, value);
        Ok(())
    }
    /// A key serde skips (`skip_serializing_if`, absent from the JSON) is still an attribute,
    /// `None`, though not one of the listed names.
    fn skip_field(&mut self, key: &'static str) -> Result<(), Error> {
        if self.want.is_some() {
            self.key(key, &None::<()>);
        }
        Ok(())
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

impl ser::SerializeMap for &mut Pick<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, _: &T) -> Result<(), Error> {
        not_a_struct() // serde's flatten calls `serialize_entry`
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, _: &T) -> Result<(), Error> {
        not_a_struct()
    }
    fn serialize_entry<K: Serialize + ?Sized, V: Serialize + ?Sized>(
        &mut self,
        key: &K,
        value: &V,
    ) -> Result<(), Error> {
        let key = map_key(key)?;
        self.key(&key, value);
        Ok(())
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

/// `(vanban._vanban._restore, (type_name, state))`: the `__reduce__` of every model object.
pub(crate) fn reduce<'py>(
    py: Python<'py>,
    type_name: &str,
    state: &[u8],
) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
    static RESTORE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let restore = RESTORE.get_or_try_init(py, || {
        py.import("vanban._vanban")?
            .getattr("_restore")
            .map(Bound::unbind)
    })?;
    // Interned: every object of a type shares one name string, which pickle then stores once.
    let args = (PyString::intern(py, type_name), PyBytes::new(py, state)).into_pyobject(py)?;
    Ok((restore.bind(py).clone(), args))
}

/// The pickle state of a `Model` value (see `state.rs`).
pub(crate) fn state<T: Model>(value: &T) -> PyResult<Vec<u8>> {
    encode(value, Layout::Positional)
}

/// The pickle state of any other serde value (a report and its source, a node's data).
pub(crate) fn named_state<T: Serialize + ?Sized>(value: &T) -> PyResult<Vec<u8>> {
    encode(value, Layout::Named)
}

fn encode<T: Serialize + ?Sized>(value: &T, layout: Layout) -> PyResult<Vec<u8>> {
    Ok(crate::state::to_vec(value, layout)?)
}

fn from_state<T: DeserializeOwned>(type_name: &str, state: &[u8]) -> PyResult<T> {
    crate::state::from_slice(state)
        .map_err(|e| PyValueError::new_err(format!("invalid {type_name} state: {e}")))
}

/// A new Python object for a value that holds no Python reference (`Citation`, `DocNumber`),
/// untracked by the cyclic garbage collector, as CPython untracks a tuple of atoms: such an
/// object can be in no reference cycle, and tracked, every collection of the generation holding
/// it walks it (loading 193 000 citations spent about half its time in the collector).
#[allow(unsafe_code)] // one FFI call, which pyo3 has no safe wrapper for
pub(crate) fn untracked<T>(py: Python<'_>, value: T) -> PyResult<Bound<'_, T>>
where
    T: pyo3::PyClass<Frozen = pyo3::pyclass::boolean_struct::True> + Into<PyClassInitializer<T>>,
{
    let object = Bound::new(py, value)?;
    // SAFETY: `object` is a live GC object (every pyclass is), we hold the interpreter; a
    // frozen `T` without `Py` fields never refers to another object but its type.
    unsafe { pyo3::ffi::PyObject_GC_UnTrack(object.as_ptr().cast()) };
    Ok(object)
}

/// Rebuild a pickled model object from `type_name` and its state (see `reduce`).
#[pyfunction]
pub(crate) fn _restore<'py>(
    py: Python<'py>,
    type_name: &str,
    state: &[u8],
) -> PyResult<Bound<'py, PyAny>> {
    Ok(match type_name {
        "Citation" => {
            let c: vanban_grammar::model::Citation = from_state(type_name, state)?;
            untracked(py, PyCitation::from(c))?.into_any()
        }
        "DocNumber" => {
            let d: vanban_grammar::model::DocNumber = from_state(type_name, state)?;
            untracked(py, PyDocNumber::from(d))?.into_any()
        }
        "Report" => {
            let (report, source): (_, String) = from_state(type_name, state)?;
            let source = PyString::new(py, &source).unbind();
            Bound::new(py, PyReport::new(py, report, source))?.into_any()
        }
        _ => {
            let value: serde_json::Value = from_state(type_name, state)?;
            PyNode::from_tagged_json(py, type_name, value)?.into_any()
        }
    })
}

/// The pickle state of a `Node`: its tagged data (nested objects keep their type names).
pub(crate) fn node_state(py: Python<'_>, node: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    named_state(&tagged_value(py, node, 0)?)
}
