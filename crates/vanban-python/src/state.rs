//! The pickle state of every model object: a compact, self-describing binary form of its serde
//! data, decoded straight into the Rust model (no intermediate Python or JSON values).
//!
//! ```text
//! value  = NONE | FALSE | TRUE | UINT varint | NINT varint | F64 le8 | STR len bytes
//!        | BYTES len bytes | SEQ count value* | MAP count (value value)* | OPEN (value value)* END
//!        | STRUCT count (varint value)*
//! varint = LEB128, at most 10 bytes
//! ```
//!
//! Structs are maps keyed by field name, as in the JSON; a field serde skips is absent. `OPEN
//! … END` is a map of unknown length (serde's flatten). Types whose every struct derives both
//! `Serialize` and `Deserialize` without `flatten` (a citation, a document number) may be
//! written [`Layout::Positional`]: a `STRUCT` is keyed by field positions, which derived
//! deserialisers read as field indices; it is a third of the size and skips the name matching.
//! (The report model serialises some structs field by field and reads them through flatten,
//! where positions would not match.)
//! Unit variants are their names, so enums read the same inside serde's buffered content as
//! outside. Against the JSON this saves the number and escape parsing and the quotes.
//!
//! Crafted data must raise, never crash (issue 11 §8): nesting is bounded by [`MAX_DEPTH`], a
//! length never exceeds the bytes left (no allocation from a forged prefix), strings are
//! checked UTF-8, and trailing bytes are an error.

use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};
use serde::ser::{self, Serialize};

use crate::serde_glue::{Error, forward_serialize};

/// Deepest nesting a state may have: the model nests about 20 levels (docs/ARCHITECTURE.md).
const MAX_DEPTH: usize = 128;

const NONE: u8 = 0;
const FALSE: u8 = 1;
const TRUE: u8 = 2;
const UINT: u8 = 3;
const NINT: u8 = 4;
const F64: u8 = 5;
const STR: u8 = 6;
const BYTES: u8 = 7;
const SEQ: u8 = 8;
const MAP: u8 = 9;
const OPEN: u8 = 10;
const END: u8 = 11;
const STRUCT: u8 = 12;

/// How structs are keyed (see the module comment).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// By field name: any serde type.
    Named,
    /// By field position: only types whose structs all derive both ways without `flatten`.
    Positional,
}

fn fail<T>(msg: &str) -> Result<T, Error> {
    Err(Error(msg.to_owned()))
}

/// The state of `value`.
pub(crate) fn to_vec<T: Serialize + ?Sized>(value: &T, layout: Layout) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(256);
    value.serialize(&mut Encoder {
        out: &mut out,
        layout,
    })?;
    Ok(out)
}

/// The value whose state is `bytes`, all of them.
pub(crate) fn from_slice<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Error> {
    let mut d = Decoder {
        rest: bytes,
        depth: 0,
    };
    let value = T::deserialize(&mut d)?;
    if !d.rest.is_empty() {
        return fail("trailing bytes");
    }
    Ok(value)
}

// ---------------------------------------------------------------- encoding

struct Encoder<'a> {
    out: &'a mut Vec<u8>,
    layout: Layout,
}

impl Encoder<'_> {
    fn varint(&mut self, mut n: u64) {
        while n >= 0x80 {
            self.out.push((n as u8) | 0x80);
            n >>= 7;
        }
        self.out.push(n as u8);
    }
    fn tagged(&mut self, tag: u8, n: u64) {
        self.out.push(tag);
        self.varint(n);
    }
    fn len(&mut self, tag: u8, len: Option<usize>) -> Result<(), Error> {
        let Some(n) = len else {
            return fail("a sequence or map of unknown length");
        };
        self.tagged(tag, n as u64);
        Ok(())
    }
    fn blob(&mut self, tag: u8, bytes: &[u8]) {
        self.tagged(tag, bytes.len() as u64);
        self.out.extend_from_slice(bytes);
    }
    /// A variant with data is the map `{name: data}`; the data follows.
    fn variant(&mut self, name: &str) {
        self.tagged(MAP, 1);
        self.blob(STR, name.as_bytes());
    }
    fn int(&mut self, v: i64) {
        match u64::try_from(v) {
            Ok(u) => self.tagged(UINT, u),
            Err(_) => self.tagged(NINT, !(v as u64)), // -1 → 0, -2 → 1, …
        }
    }
}

/// A map or struct being written: its entries are counted against the announced length.
struct MapEncoder<'a, 'b> {
    enc: &'a mut Encoder<'b>,
    /// The announced length, `None` for an `OPEN … END` map.
    len: Option<usize>,
    written: usize,
    /// The next field's position, in a `STRUCT`.
    position: Option<u64>,
}

impl MapEncoder<'_, '_> {
    fn entry<K: Serialize + ?Sized, V: Serialize + ?Sized>(
        &mut self,
        k: &K,
        v: &V,
    ) -> Result<(), Error> {
        k.serialize(&mut *self.enc)?;
        v.serialize(&mut *self.enc)?;
        self.written += 1;
        Ok(())
    }
    fn finish(self) -> Result<(), Error> {
        match self.len {
            None => self.enc.out.push(END),
            Some(n) if n != self.written => return fail("a map longer or shorter than announced"),
            Some(_) => {}
        }
        Ok(())
    }
}

impl<'a, 'b> ser::Serializer for &'a mut Encoder<'b> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = MapEncoder<'a, 'b>;
    type SerializeStruct = MapEncoder<'a, 'b>;
    type SerializeStructVariant = MapEncoder<'a, 'b>;

    forward_serialize!(i8 i16 i32 u8 u16 u32 f32 char unit unit_struct unit_variant some
        newtype_struct tuple tuple_struct);

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.push(if v { TRUE } else { FALSE });
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.int(v);
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.tagged(UINT, v);
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.out.push(F64);
        self.out.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.blob(STR, v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        self.blob(BYTES, v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.out.push(NONE);
        Ok(())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        name: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        self.variant(name);
        v.serialize(self)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self, Error> {
        self.len(SEQ, len)?;
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        name: &'static str,
        len: usize,
    ) -> Result<Self, Error> {
        self.variant(name);
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<MapEncoder<'a, 'b>, Error> {
        match len {
            Some(n) => self.tagged(MAP, n as u64),
            None => self.out.push(OPEN),
        }
        Ok(MapEncoder {
            enc: self,
            len,
            written: 0,
            position: None,
        })
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<MapEncoder<'a, 'b>, Error> {
        if self.layout == Layout::Named {
            return self.serialize_map(Some(len));
        }
        self.tagged(STRUCT, len as u64);
        Ok(MapEncoder {
            enc: self,
            len: Some(len),
            written: 0,
            position: Some(0),
        })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        name: &'static str,
        len: usize,
    ) -> Result<MapEncoder<'a, 'b>, Error> {
        self.variant(name);
        self.serialize_map(Some(len))
    }
}

macro_rules! elements {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for &mut Encoder<'_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
                v.serialize(&mut **self)
            }
            fn end(self) -> Result<(), Error> {
                Ok(())
            }
        }
    )*};
}
elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for MapEncoder<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), Error> {
        k.serialize(&mut *self.enc)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        v.serialize(&mut *self.enc)?;
        self.written += 1;
        Ok(())
    }
    fn serialize_entry<K: Serialize + ?Sized, V: Serialize + ?Sized>(
        &mut self,
        k: &K,
        v: &V,
    ) -> Result<(), Error> {
        self.entry(k, v)
    }
    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

impl MapEncoder<'_, '_> {
    fn field<T: Serialize + ?Sized>(&mut self, k: &'static str, v: &T) -> Result<(), Error> {
        let Some(position) = self.position.as_mut() else {
            return self.entry(k, v);
        };
        let p = *position;
        *position += 1;
        self.enc.varint(p);
        v.serialize(&mut *self.enc)?;
        self.written += 1;
        Ok(())
    }
    /// A skipped field keeps its position (derived deserialisers number every field).
    fn skip(&mut self) {
        if let Some(p) = self.position.as_mut() {
            *p += 1;
        }
    }
}

/// A struct and a struct variant's fields are written alike.
macro_rules! struct_fields {
    ($($trait:ident),*) => {$(
        impl ser::$trait for MapEncoder<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                k: &'static str,
                v: &T,
            ) -> Result<(), Error> {
                self.field(k, v)
            }
            fn skip_field(&mut self, _: &'static str) -> Result<(), Error> {
                self.skip();
                Ok(())
            }
            fn end(self) -> Result<(), Error> {
                self.finish()
            }
        }
    )*};
}
struct_fields!(SerializeStruct, SerializeStructVariant);

// ---------------------------------------------------------------- decoding

struct Decoder<'de> {
    rest: &'de [u8],
    depth: usize,
}

impl<'de> Decoder<'de> {
    fn byte(&mut self) -> Result<u8, Error> {
        let (&b, rest) = self
            .rest
            .split_first()
            .ok_or_else(|| Error("truncated".into()))?;
        self.rest = rest;
        Ok(b)
    }
    fn peek(&self) -> Result<u8, Error> {
        self.rest
            .first()
            .copied()
            .ok_or_else(|| Error("truncated".into()))
    }
    fn varint(&mut self) -> Result<u64, Error> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(n);
            }
        }
        fail("varint too long")
    }
    /// A length or count: never more than the bytes left (every item takes at least one).
    fn count(&mut self) -> Result<usize, Error> {
        let n = self.varint()?;
        match usize::try_from(n) {
            Ok(n) if n <= self.rest.len() => Ok(n),
            _ => fail("length beyond the end of the state"),
        }
    }
    fn take(&mut self) -> Result<&'de [u8], Error> {
        let n = self.count()?;
        let (bytes, rest) = self.rest.split_at(n);
        self.rest = rest;
        Ok(bytes)
    }
    fn text(&mut self) -> Result<&'de str, Error> {
        std::str::from_utf8(self.take()?).map_err(|_| Error("invalid UTF-8".into()))
    }
    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T, Error>) -> Result<T, Error> {
        if self.depth >= MAX_DEPTH {
            return fail("nested too deep");
        }
        self.depth += 1;
        let r = f(self);
        self.depth -= 1;
        r
    }
}

impl<'de> de::Deserializer<'de> for &mut Decoder<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.byte()? {
            NONE => visitor.visit_unit(),
            FALSE => visitor.visit_bool(false),
            TRUE => visitor.visit_bool(true),
            UINT => visitor.visit_u64(self.varint()?),
            NINT => visitor.visit_i64(!(self.varint()? as i64)),
            F64 => {
                let Some((b, rest)) = self.rest.split_first_chunk::<8>() else {
                    return fail("truncated");
                };
                self.rest = rest;
                visitor.visit_f64(f64::from_le_bytes(*b))
            }
            STR => visitor.visit_borrowed_str(self.text()?),
            BYTES => visitor.visit_borrowed_bytes(self.take()?),
            SEQ => {
                let left = self.count()?;
                self.nested(|d| {
                    let mut items = Counted { d, left };
                    let v = visitor.visit_seq(&mut items)?;
                    all_read(items.left)?;
                    Ok(v)
                })
            }
            MAP => {
                let left = Some(self.count()?);
                self.nested(|d| {
                    let mut entries = Entries { d, left };
                    let v = visitor.visit_map(&mut entries)?;
                    all_read(entries.left.unwrap_or(0))?;
                    Ok(v)
                })
            }
            STRUCT => {
                let left = self.count()?;
                self.nested(|d| {
                    let mut fields = Counted { d, left };
                    let v = visitor.visit_map(&mut fields)?;
                    all_read(fields.left)?;
                    Ok(v)
                })
            }
            OPEN => self.nested(|d| visitor.visit_map(Entries { d, left: None })),
            _ => fail("unknown tag"),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.peek()? == NONE {
            self.rest = &self.rest[1..];
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.byte()? {
            STR => visitor.visit_enum(self.text()?.into_deserializer()),
            MAP if self.varint()? == 1 => self.nested(|d| visitor.visit_enum(Variant { d })),
            _ => fail("expected an enum"),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

/// A sequence or map with items the visitor did not read is not a state we wrote.
fn all_read(left: usize) -> Result<(), Error> {
    if left == 0 {
        Ok(())
    } else {
        fail("more items than the type has")
    }
}

/// The items of a `SEQ`, or the fields of a `STRUCT` (their keys untagged varint positions):
/// `left` of them.
struct Counted<'a, 'de> {
    d: &'a mut Decoder<'de>,
    left: usize,
}

impl Counted<'_, '_> {
    /// Whether an item is left, counting it off.
    fn next(&mut self) -> bool {
        if self.left == 0 {
            return false;
        }
        self.left -= 1;
        true
    }
}

impl<'de> de::SeqAccess<'de> for Counted<'_, 'de> {
    type Error = Error;
    fn next_element_seed<T: de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if !self.next() {
            return Ok(None);
        }
        seed.deserialize(&mut *self.d).map(Some)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

/// The entries of a map: `left` of them, or up to `END` (an `OPEN` map).
struct Entries<'a, 'de> {
    d: &'a mut Decoder<'de>,
    left: Option<usize>,
}

impl<'de> de::MapAccess<'de> for Entries<'_, 'de> {
    type Error = Error;
    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match &mut self.left {
            Some(0) => return Ok(None),
            Some(n) => *n -= 1,
            None if self.d.peek()? == END => {
                self.d.rest = &self.d.rest[1..];
                return Ok(None);
            }
            None => {}
        }
        seed.deserialize(Key(&mut *self.d)).map(Some)
    }
    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(&mut *self.d)
    }
    fn size_hint(&self) -> Option<usize> {
        self.left
    }
}

impl<'de> de::MapAccess<'de> for Counted<'_, 'de> {
    type Error = Error;
    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if !self.next() {
            return Ok(None);
        }
        let position = self.d.varint()?;
        seed.deserialize(position.into_deserializer()).map(Some)
    }
    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(&mut *self.d)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

/// A map key. A struct's field names reach its field visitor as bytes: they are compared with
/// the names the struct knows, which needs no UTF-8 check (half the strings of a citation's
/// state are its field names). Any other key reads as a value.
struct Key<'a, 'de>(&'a mut Decoder<'de>);

impl<'de> de::Deserializer<'de> for Key<'_, 'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_any(self.0, visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.0.peek()? == STR {
            self.0.rest = &self.0.rest[1..];
            visitor.visit_borrowed_bytes(self.0.take()?)
        } else {
            de::Deserializer::deserialize_any(self.0, visitor)
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum ignored_any
    }
}

/// A variant with data: `{name: value}`.
struct Variant<'a, 'de> {
    d: &'a mut Decoder<'de>,
}

impl<'de> de::EnumAccess<'de> for Variant<'_, 'de> {
    type Error = Error;
    type Variant = Self;
    fn variant_seed<V: de::DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        let v = seed.deserialize(&mut *self.d)?;
        Ok((v, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, 'de> {
    type Error = Error;
    fn unit_variant(self) -> Result<(), Error> {
        de::Deserialize::deserialize(&mut *self.d)
    }
    fn newtype_variant_seed<T: de::DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(&mut *self.d)
    }
    fn tuple_variant<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_any(&mut *self.d, visitor)
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_any(&mut *self.d, visitor)
    }
}
