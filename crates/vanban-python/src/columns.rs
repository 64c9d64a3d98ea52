//! Arrow columns written straight from a row type's serde data, driven by the schema that
//! serde_arrow traced from the model (so the columns still follow the model).
//!
//! serde_arrow's general builders cost ~9 000 instructions per citation row (a name lookup and
//! a dynamic dispatch per value): a fifth of the whole `extract_citations_arrow` call. Here each
//! field goes to the builder at its position (its name checked against the column's), each
//! value is appended as it is serialised (`&str` straight into the string buffer), and the
//! builders are sized for the rows up front. Schemas with other column types than these
//! (`Plan::of` says) keep serde_arrow.
//!
//! ```text
//! column = Int64 | Boolean | Utf8 | List<Utf8> | Struct<column*>      (every one nullable)
//! ```

use std::fmt;
use std::sync::Arc;

use arrow_array::ArrayRef;
use arrow_array::builder::{
    ArrayBuilder, BooleanBuilder, Int64Builder, ListBuilder, StringBuilder, StructBuilder,
};
use arrow_schema::{DataType, FieldRef, Fields};
use serde::ser::{self, Impossible, Serialize};

/// Whether every column of `fields` is one this module writes.
pub(crate) fn supported(fields: &[FieldRef]) -> bool {
    fields.iter().all(|f| supported_type(f.data_type(), true))
}

fn supported_type(t: &DataType, top: bool) -> bool {
    match t {
        DataType::Int64 | DataType::Boolean | DataType::Utf8 => true,
        DataType::List(item) => top && matches!(item.data_type(), DataType::Utf8),
        // One level of struct (a citation's pinpoint), of integers and strings.
        DataType::Struct(fields) => {
            top && fields
                .iter()
                .all(|f| matches!(f.data_type(), DataType::Int64 | DataType::Utf8))
        }
        _ => false,
    }
}

/// One column being built.
enum Column {
    Int(Int64Builder),
    Bool(BooleanBuilder),
    Str(StringBuilder),
    List(ListBuilder<StringBuilder>),
    Struct(StructBuilder, Fields),
}

impl Column {
    fn new(t: &DataType, rows: usize) -> Self {
        match t {
            DataType::Int64 => Self::Int(Int64Builder::with_capacity(rows)),
            DataType::Boolean => Self::Bool(BooleanBuilder::with_capacity(rows)),
            DataType::Utf8 => Self::Str(StringBuilder::with_capacity(rows, rows * 16)),
            DataType::List(item) => Self::List(
                ListBuilder::with_capacity(StringBuilder::new(), rows).with_field(Arc::clone(item)),
            ),
            DataType::Struct(fields) => Self::Struct(
                StructBuilder::from_fields(fields.clone(), rows),
                fields.clone(),
            ),
            other => unreachable!("`supported` admits no {other}"),
        }
    }

    fn target(&mut self) -> Target<'_> {
        match self {
            Self::Int(b) => Target::Int(b),
            Self::Bool(b) => Target::Bool(b),
            Self::Str(b) => Target::Str(b),
            Self::List(b) => Target::List(b),
            Self::Struct(b, fields) => Target::Struct(b, fields),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Self::Int(b) => Arc::new(b.finish()),
            Self::Bool(b) => Arc::new(b.finish()),
            Self::Str(b) => Arc::new(b.finish()),
            Self::List(b) => Arc::new(b.finish()),
            Self::Struct(b, _) => Arc::new(b.finish()),
        }
    }
}

/// The builder a value goes to: a column, a struct's child or a list's items.
enum Target<'a> {
    Int(&'a mut Int64Builder),
    Bool(&'a mut BooleanBuilder),
    Str(&'a mut StringBuilder),
    List(&'a mut ListBuilder<StringBuilder>),
    Struct(&'a mut StructBuilder, &'a Fields),
}

impl Target<'_> {
    fn len(&self) -> usize {
        match self {
            Self::Int(b) => b.len(),
            Self::Bool(b) => b.len(),
            Self::Str(b) => b.len(),
            Self::List(b) => b.len(),
            Self::Struct(b, _) => b.len(),
        }
    }

    fn null(self) {
        match self {
            Self::Int(b) => b.append_null(),
            Self::Bool(b) => b.append_null(),
            Self::Str(b) => b.append_null(),
            Self::List(b) => b.append_null(),
            Self::Struct(b, fields) => {
                for i in 0..fields.len() {
                    member(&mut *b, fields, i).null();
                }
                b.append_null();
            }
        }
    }
}

/// Child `i` of a struct builder (an integer or string column, see `supported`).
fn member<'a>(b: &'a mut StructBuilder, fields: &Fields, i: usize) -> Target<'a> {
    let made = "StructBuilder::from_fields makes each child of its field's type";
    match fields[i].data_type() {
        DataType::Int64 => Target::Int(b.field_builder(i).expect(made)),
        _ => Target::Str(b.field_builder(i).expect(made)),
    }
}

/// An error of the row data against the schema.
#[derive(Debug)]
pub(crate) struct Error(String);

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

fn mismatch<T>(what: &str) -> Result<T, Error> {
    Err(Error(format!(
        "a {what} where the schema has another column type"
    )))
}

/// The columns of `rows` (structs whose serde keys include `fields`' names, in that order;
/// other keys are left out), one array per field.
pub(crate) fn to_arrays<T: Serialize>(
    fields: &[FieldRef],
    rows: &[T],
) -> Result<Vec<ArrayRef>, Error> {
    let mut columns: Vec<Column> = fields
        .iter()
        .map(|f| Column::new(f.data_type(), rows.len()))
        .collect();
    for (n, row) in rows.iter().enumerate() {
        row.serialize(Row {
            fields,
            columns: &mut columns,
            next: 0,
        })?;
        // A key the row did not write (serde skipped it) is a null.
        for c in &mut columns {
            let t = c.target();
            if t.len() == n {
                t.null();
            }
        }
    }
    Ok(columns.iter_mut().map(Column::finish).collect())
}

/// The index of the field named `key`: `*next` when it is that one (fields come in schema
/// order), else found by name; `*next` moves past it. `None` for a key that is no field.
fn lookup(fields: &[FieldRef], next: &mut usize, key: &str) -> Option<usize> {
    let i = match fields.get(*next) {
        Some(f) if f.name() == key => *next,
        _ => fields.iter().position(|f| f.name() == key)?,
    };
    *next = i + 1;
    Some(i)
}

/// A row: a struct whose fields go to the columns with their names.
struct Row<'a> {
    fields: &'a [FieldRef],
    columns: &'a mut [Column],
    /// The column the next field most likely goes to (fields come in schema order).
    next: usize,
}

impl Row<'_> {
    /// The column named `key`: the expected one, else found by name; `None` for a key that is
    /// no column.
    fn column(&mut self, key: &str) -> Option<usize> {
        lookup(self.fields, &mut self.next, key)
    }
}

macro_rules! not_a_row {
    ($($name:ident($($arg:ty),*)),* $(,)?) => {
        $(fn $name(self, $(_: $arg),*) -> Result<(), Error> { mismatch("row that is no struct") })*
    };
}

impl ser::Serializer for Row<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), Error>;

    not_a_row!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );
    fn serialize_none(self) -> Result<(), Error> {
        mismatch("row that is no struct")
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Error> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        mismatch("row that is no struct")
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        mismatch("row that is no struct")
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        mismatch("row that is no struct")
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        mismatch("row that is no struct")
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        mismatch("row that is no struct")
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        mismatch("row that is no struct")
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        mismatch("row that is a map")
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Error> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        mismatch("row that is no struct")
    }
}

impl ser::SerializeStruct for Row<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        match self.column(key) {
            Some(i) => v.serialize(Value(self.columns[i].target())),
            None => Ok(()),
        }
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

/// One value, appended to its builder.
struct Value<'a>(Target<'a>);

impl Value<'_> {
    fn int(self, v: impl TryInto<i64>) -> Result<(), Error> {
        let Target::Int(b) = self.0 else {
            return mismatch("integer");
        };
        let v = v
            .try_into()
            .map_err(|_| Error("an integer beyond int64".into()))?;
        b.append_value(v);
        Ok(())
    }
}

impl<'a> ser::Serializer for Value<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Items<'a>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Members<'a>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        let Target::Bool(b) = self.0 else {
            return mismatch("bool");
        };
        b.append_value(v);
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.int(v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.int(v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.int(v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.int(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.int(v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.int(v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.int(v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.int(v)
    }
    fn serialize_f32(self, _: f32) -> Result<(), Error> {
        mismatch("float")
    }
    fn serialize_f64(self, _: f64) -> Result<(), Error> {
        mismatch("float")
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        let Target::Str(b) = self.0 else {
            return mismatch("string");
        };
        b.append_value(v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        mismatch("byte string")
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.0.null();
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Error> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_none()
    }
    /// Unit enums are strings (see `arrow.rs`, `spark_friendly`).
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        name: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(name)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        mismatch("enum with data")
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Items<'a>, Error> {
        match self.0 {
            Target::List(b) => Ok(Items(b)),
            _ => mismatch("sequence"),
        }
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        mismatch("tuple")
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        mismatch("tuple")
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        mismatch("tuple")
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        mismatch("map")
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Members<'a>, Error> {
        match self.0 {
            Target::Struct(b, fields) => Ok(Members {
                builder: b,
                fields,
                next: 0,
            }),
            _ => mismatch("struct"),
        }
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        mismatch("enum with data")
    }
}

/// The items of a list of strings.
struct Items<'a>(&'a mut ListBuilder<StringBuilder>);

impl ser::SerializeSeq for Items<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        v.serialize(Value(Target::Str(self.0.values())))
    }
    fn end(self) -> Result<(), Error> {
        self.0.append(true);
        Ok(())
    }
}

/// The fields of a struct column (its children, by name as in `Row`).
struct Members<'a> {
    builder: &'a mut StructBuilder,
    fields: &'a Fields,
    next: usize,
}

impl ser::SerializeStruct for Members<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        let Some(i) = lookup(self.fields, &mut self.next, key) else {
            return Ok(());
        };
        v.serialize(Value(member(&mut *self.builder, self.fields, i)))
    }
    fn end(self) -> Result<(), Error> {
        // A member the value did not write is a null.
        let n = self.builder.len();
        for i in 0..self.fields.len() {
            let t = member(&mut *self.builder, self.fields, i);
            if t.len() == n {
                t.null();
            }
        }
        self.builder.append(true);
        Ok(())
    }
}
