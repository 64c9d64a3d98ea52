//! What the glue's serde serializers (`model.rs`'s `Pick`, `columns.rs`'s `Row` and `Value`,
//! `state.rs`'s `Encoder`) write alike, so that each states only what it does differently
//! (docs/ARCHITECTURE.md, "Python"): one error type, and serde-style method tables in the
//! manner of `serde::forward_to_deserialize_any!`, where a serializer names the methods that
//! forward to their general form (`forward_serialize!`) or that it refuses
//! (`refuse_serialize!`), and the parts it never builds (`impossible_parts!`).

use std::fmt;

use serde::{de, ser};

/// An error of a glue serializer or of the pickle decoder; its text becomes the Python
/// `ValueError`'s (or the Arrow error's).
#[derive(Debug)]
pub(crate) struct Error(pub(crate) String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for Error {}
impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self(msg.to_string())
    }
}
impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self(msg.to_string())
    }
}

impl From<Error> for pyo3::PyErr {
    fn from(e: Error) -> Self {
        pyo3::exceptions::PyValueError::new_err(e.0)
    }
}

/// `type Ok = (); type Error = $error;` and `Impossible` for every part listed (the compound
/// values a serializer refuses).
macro_rules! impossible_parts {
    ($error:ty; $($part:ident)*) => {
        type Ok = ();
        type Error = $error;
        $(type $part = serde::ser::Impossible<(), $error>;)*
    };
}
pub(crate) use impossible_parts;

/// Serializer methods that forward to the general method of their kind: `i8`..`i32` to
/// `serialize_i64`, `u8`..`u32` to `serialize_u64`, `f32` to `serialize_f64`, `char` to
/// `serialize_str`, `unit_struct` to `serialize_unit`, `tuple` and `tuple_struct` to
/// `serialize_seq` with their length, and `some` and `newtype_struct` to the value inside;
/// `unit` is `serialize_none` and `unit_variant` its name (`serialize_str`), as in the JSON.
macro_rules! forward_serialize {
    (@ i8) => { $crate::serde_glue::forward_serialize!(@widen serialize_i8 serialize_i64 i8); };
    (@ i16) => { $crate::serde_glue::forward_serialize!(@widen serialize_i16 serialize_i64 i16); };
    (@ i32) => { $crate::serde_glue::forward_serialize!(@widen serialize_i32 serialize_i64 i32); };
    (@ u8) => { $crate::serde_glue::forward_serialize!(@widen serialize_u8 serialize_u64 u8); };
    (@ u16) => { $crate::serde_glue::forward_serialize!(@widen serialize_u16 serialize_u64 u16); };
    (@ u32) => { $crate::serde_glue::forward_serialize!(@widen serialize_u32 serialize_u64 u32); };
    (@ f32) => { $crate::serde_glue::forward_serialize!(@widen serialize_f32 serialize_f64 f32); };
    (@widen $name:ident $wide:ident $ty:ty) => {
        fn $name(self, v: $ty) -> Result<Self::Ok, Self::Error> {
            self.$wide(v.into())
        }
    };
    (@ char) => {
        fn serialize_char(self, v: char) -> Result<Self::Ok, Self::Error> {
            self.serialize_str(v.encode_utf8(&mut [0; 4]))
        }
    };
    (@ unit) => {
        fn serialize_unit(self) -> Result<Self::Ok, Self::Error> {
            self.serialize_none()
        }
    };
    (@ unit_variant) => {
        fn serialize_unit_variant(
            self,
            _: &'static str,
            _: u32,
            name: &'static str,
        ) -> Result<Self::Ok, Self::Error> {
            self.serialize_str(name)
        }
    };
    (@ unit_struct) => {
        fn serialize_unit_struct(self, _: &'static str) -> Result<Self::Ok, Self::Error> {
            self.serialize_unit()
        }
    };
    (@ tuple) => {
        fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, Self::Error> {
            self.serialize_seq(Some(len))
        }
    };
    (@ tuple_struct) => {
        fn serialize_tuple_struct(
            self,
            _: &'static str,
            len: usize,
        ) -> Result<Self::SerializeTupleStruct, Self::Error> {
            self.serialize_seq(Some(len))
        }
    };
    (@ some) => {
        fn serialize_some<T: serde::Serialize + ?Sized>(
            self,
            v: &T,
        ) -> Result<Self::Ok, Self::Error> {
            v.serialize(self)
        }
    };
    (@ newtype_struct) => {
        fn serialize_newtype_struct<T: serde::Serialize + ?Sized>(
            self,
            _: &'static str,
            v: &T,
        ) -> Result<Self::Ok, Self::Error> {
            v.serialize(self)
        }
    };
    ($($method:ident)*) => { $($crate::serde_glue::forward_serialize!(@ $method);)* };
}
pub(crate) use forward_serialize;

/// Serializer methods that return `$refusal` (an expression of any `Result<_, Self::Error>`
/// type, evaluated per call), named by what they serialize: `bool`, `i64`, `seq`, `map`, ….
macro_rules! refuse_serialize {
    (@ $r:expr; bool) => { fn serialize_bool(self, _: bool) -> Result<Self::Ok, Self::Error> { $r } };
    (@ $r:expr; i8) => { fn serialize_i8(self, _: i8) -> Result<Self::Ok, Self::Error> { $r } };
    (@ $r:expr; i16) => { fn serialize_i16(self, _: i16) -> Result<Self::Ok, Self::Error> { $r } };
    (@ $r:expr; i32) => { fn serialize_i32(self, _: i32) -> Result<Self::Ok, Self::Error> { $r } };
    (@ $r:expr; i64) => { fn serialize_i64(self, _: i64) -> Result<Self::Ok, Self::Error> { $r } };
    (@ $r:expr; u8) => { fn serialize_u8(self, _: u8) -> Result<Self::Ok, Self::Error> { $r } };
    (@ $r:expr; u16) => { fn serialize_u16(self, _: u16) -> Result<Self::Ok, Self::Error> { $r } };
    (@ $r:expr; u32) => { fn serialize_u32(self, _: u32) -> Result<Self::Ok, Self::Error> { $r } };
    (@ $r:expr; u64) => { fn serialize_u64(self, _: u64) -> Result<Self::Ok, Self::Error> { $r } };
    (@ $r:expr; f32) => { fn serialize_f32(self, _: f32) -> Result<Self::Ok, Self::Error> { $r } };
    (@ $r:expr; f64) => { fn serialize_f64(self, _: f64) -> Result<Self::Ok, Self::Error> { $r } };
    (@ $r:expr; char) => { fn serialize_char(self, _: char) -> Result<Self::Ok, Self::Error> { $r } };
    (@ $r:expr; str) => { fn serialize_str(self, _: &str) -> Result<Self::Ok, Self::Error> { $r } };
    (@ $r:expr; bytes) => {
        fn serialize_bytes(self, _: &[u8]) -> Result<Self::Ok, Self::Error> { $r }
    };
    (@ $r:expr; none) => { fn serialize_none(self) -> Result<Self::Ok, Self::Error> { $r } };
    (@ $r:expr; unit) => { fn serialize_unit(self) -> Result<Self::Ok, Self::Error> { $r } };
    (@ $r:expr; unit_struct) => {
        fn serialize_unit_struct(self, _: &'static str) -> Result<Self::Ok, Self::Error> { $r }
    };
    (@ $r:expr; unit_variant) => {
        fn serialize_unit_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
        ) -> Result<Self::Ok, Self::Error> {
            $r
        }
    };
    (@ $r:expr; newtype_variant) => {
        fn serialize_newtype_variant<T: serde::Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<Self::Ok, Self::Error> {
            $r
        }
    };
    (@ $r:expr; seq) => {
        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Self::Error> { $r }
    };
    (@ $r:expr; tuple) => {
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Self::Error> { $r }
    };
    (@ $r:expr; tuple_struct) => {
        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct, Self::Error> {
            $r
        }
    };
    (@ $r:expr; tuple_variant) => {
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, Self::Error> {
            $r
        }
    };
    (@ $r:expr; map) => {
        fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Self::Error> { $r }
    };
    (@ $r:expr; struct_variant) => {
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, Self::Error> {
            $r
        }
    };
    ($refusal:expr; $($method:ident)*) => {
        $($crate::serde_glue::refuse_serialize!(@ $refusal; $method);)*
    };
}
pub(crate) use refuse_serialize;
