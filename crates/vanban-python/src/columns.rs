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

use std::sync::Arc;

use arrow_array::ArrayRef;
use arrow_array::builder::{
    ArrayBuilder, BooleanBuilder, Int64Builder, ListBuilder, StringBuilder, StructBuilder,
};
use arrow_schema::{DataType, FieldRef, Fields};
use serde::ser::{self, Serialize};

use crate::serde_glue::{Error, forward_serialize, impossible_parts, refuse_serialize};

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

/// A value of the row data that the schema's column type does not hold.
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

/// A row is a struct; any other value is refused.
impl ser::Serializer for Row<'_> {
    impossible_parts!(Error; SerializeSeq SerializeTuple SerializeTupleStruct
        SerializeTupleVariant SerializeMap SerializeStructVariant);
    type SerializeStruct = Self;

    forward_serialize!(some newtype_struct);
    refuse_serialize!(mismatch("row that is no struct"); bool i8 i16 i32 i64 u8 u16 u32 u64 f32
        f64 char str bytes none unit unit_struct unit_variant newtype_variant seq tuple
        tuple_struct tuple_variant struct_variant);
    refuse_serialize!(mismatch("row that is a map"); map);

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Error> {
        Ok(self)
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
    impossible_parts!(Error; SerializeTuple SerializeTupleStruct SerializeTupleVariant
        SerializeMap SerializeStructVariant);
    type SerializeSeq = Items<'a>;
    type SerializeStruct = Members<'a>;

    // Unit enums are strings (see `arrow.rs`, `spark_friendly`).
    forward_serialize!(i8 i16 i32 u8 u16 u32 f32 char unit unit_struct unit_variant some
        newtype_struct);
    refuse_serialize!(mismatch("float"); f64);
    refuse_serialize!(mismatch("byte string"); bytes);
    refuse_serialize!(mismatch("enum with data"); newtype_variant struct_variant);
    refuse_serialize!(mismatch("tuple"); tuple tuple_struct tuple_variant);
    refuse_serialize!(mismatch("map"); map);

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        let Target::Bool(b) = self.0 else {
            return mismatch("bool");
        };
        b.append_value(v);
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.int(v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.int(v)
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        let Target::Str(b) = self.0 else {
            return mismatch("string");
        };
        b.append_value(v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.0.null();
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Items<'a>, Error> {
        match self.0 {
            Target::List(b) => Ok(Items(b)),
            _ => mismatch("sequence"),
        }
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
