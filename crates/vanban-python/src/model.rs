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

use pyo3::exceptions::{PyAttributeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyString, PyTuple};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde::ser;

use vanban_grammar::model::{Citation, DocNumber};

use crate::node::PyNode;
use crate::report::PyReport;
use crate::serde_glue::{Error, forward_serialize, impossible_parts, refuse_serialize};
use crate::serde_py::{to_json, to_py};
use crate::state::Layout;

/// A model type exposed to Python as a Rust-backed object. Its serde impls (and those of every
/// type inside it) are derived both ways, without `flatten`: its pickle state is positional
/// (`state::Layout::Positional`), which `tests/test_pickle.py` checks on every corpus citation.
pub(crate) trait Model: Serialize + DeserializeOwned + Sized {
    /// The Python class name, also the type name in pickle state.
    const NAME: &'static str;
    /// The frozen class that holds it (and no Python reference: see `untracked`).
    type Class: pyo3::PyClass<Frozen = pyo3::pyclass::boolean_struct::True>
        + Into<PyClassInitializer<Self::Class>>
        + From<Self>;
    /// `repr()` of the object.
    fn repr(&self, py: Python<'_>) -> PyResult<String>;
}

/// A Python class whose attributes are serde data: `Citation` and `DocNumber` (through their
/// `Model`), `Report` and `Node`. `exposed_class!` gives each the same `__getattr__`,
/// `_fields`, `__dir__`, `to_dict`, `to_json`, `__repr__` and `__reduce__` from these.
pub(crate) trait Exposed {
    /// The Python type name: in `AttributeError`s, and the type name of the pickle state.
    fn type_name(&self) -> &str;
    /// The attribute names (the JSON keys), in order.
    fn names(&self, py: Python<'_>) -> PyResult<Vec<String>>;
    /// `names` as a tuple, `_fields` (a class whose names are Python strings already says so).
    fn fields<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.names(py)?)
    }
    /// The attribute `name`, `None` when there is none.
    fn attr<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Option<Bound<'py, PyAny>>>;
    /// Plain data with the JSON keys (the CLI's JSON as Python data).
    fn plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;
    /// Compact JSON.
    fn json(&self, py: Python<'_>) -> PyResult<String>;
    /// `repr()` of the object.
    fn repr(&self, py: Python<'_>) -> PyResult<String>;
    /// The pickle state (see `reduce`).
    fn state(&self, py: Python<'_>) -> PyResult<Vec<u8>>;
}

impl<T: Model> Exposed for T {
    fn type_name(&self) -> &str {
        T::NAME
    }
    fn names(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        field_names(py, self)
    }
    fn attr<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        field(py, self, name)
    }
    fn plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self)
    }
    fn json(&self, _: Python<'_>) -> PyResult<String> {
        to_json(self)
    }
    fn repr(&self, py: Python<'_>) -> PyResult<String> {
        Model::repr(self, py)
    }
    fn state(&self, _: Python<'_>) -> PyResult<Vec<u8>> {
        encode(self, Layout::Positional)
    }
}

/// The attribute `name` of `value`, or `AttributeError`.
pub(crate) fn getattr<'py>(
    value: &impl Exposed,
    py: Python<'py>,
    name: &str,
) -> PyResult<Bound<'py, PyAny>> {
    value.attr(py, name)?.ok_or_else(|| {
        PyAttributeError::new_err(format!(
            "'{}' object has no attribute '{name}'",
            value.type_name()
        ))
    })
}

/// `object.__dir__(obj)` plus the attribute names of `value` (the object's data).
pub(crate) fn dir(obj: &Bound<'_, PyAny>, value: &impl Exposed) -> PyResult<Vec<String>> {
    let py = obj.py();
    let base = py
        .import("builtins")?
        .getattr("object")?
        .getattr("__dir__")?
        .call1((obj,))?;
    let mut names: Vec<String> = base.extract()?;
    names.extend(value.names(py)?);
    names.sort();
    names.dedup();
    Ok(names)
}

/// The `#[pymethods]` of a class that exposes an `Exposed` value (`$value`, of the object
/// `$this`), with the doc strings of its `to_dict` and `to_json` and the class's own methods
/// (`$extra`): every model class shows its data the same way.
macro_rules! exposed_class {
    (
        $class:ident as |$this:ident| $value:expr;
        to_dict: $to_dict:literal;
        to_json: $to_json:literal;
        $($extra:tt)*
    ) => {
        #[pyo3::pymethods]
        impl $class {
            /// The attribute names (the JSON keys), in order.
            #[getter]
            fn _fields<'py>(
                &self,
                py: pyo3::Python<'py>,
            ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::types::PyTuple>> {
                let $this = self;
                $crate::model::Exposed::fields($value, py)
            }

            /// The data's keys are the attributes.
            fn __getattr__<'py>(
                &self,
                py: pyo3::Python<'py>,
                name: &str,
            ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                let $this = self;
                $crate::model::getattr($value, py, name)
            }

            fn __dir__(slf: &pyo3::Bound<'_, Self>) -> pyo3::PyResult<Vec<String>> {
                let $this = slf.get();
                $crate::model::dir(slf.as_any(), $value)
            }

            #[doc = $to_dict]
            fn to_dict<'py>(
                &self,
                py: pyo3::Python<'py>,
            ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                let $this = self;
                $crate::model::Exposed::plain($value, py)
            }

            #[doc = $to_json]
            fn to_json(&self, py: pyo3::Python<'_>) -> pyo3::PyResult<String> {
                let $this = self;
                $crate::model::Exposed::json($value, py)
            }

            fn __repr__(&self, py: pyo3::Python<'_>) -> pyo3::PyResult<String> {
                let $this = self;
                $crate::model::Exposed::repr($value, py)
            }

            fn __reduce__<'py>(
                &self,
                py: pyo3::Python<'py>,
            ) -> pyo3::PyResult<(
                pyo3::Bound<'py, pyo3::PyAny>,
                pyo3::Bound<'py, pyo3::types::PyTuple>,
            )> {
                let $this = self;
                let value = $value;
                let state = $crate::model::Exposed::state(value, py)?;
                $crate::model::reduce(py, $crate::model::Exposed::type_name(value), &state)
            }

            $($extra)*
        }
    };
}
pub(crate) use exposed_class;

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

fn restore<'py, T: Model>(py: Python<'py>, state: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    let value: T = from_state(T::NAME, state)?;
    Ok(untracked(py, T::Class::from(value))?.into_any())
}

/// Rebuild a pickled model object from `type_name` and its state (see `reduce`).
#[pyfunction]
pub(crate) fn _restore<'py>(
    py: Python<'py>,
    type_name: &str,
    state: &[u8],
) -> PyResult<Bound<'py, PyAny>> {
    Ok(match type_name {
        Citation::NAME => restore::<Citation>(py, state)?,
        DocNumber::NAME => restore::<DocNumber>(py, state)?,
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
