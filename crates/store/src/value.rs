//! Values crossing the store: what a parameter binds and what a column holds.
//!
//! Both back ends are reduced to SQLite's five storage classes, so that code
//! reads and writes the same Rust types whichever database is behind it.

use std::borrow::Cow;

/// An owned database value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// SQL NULL.
    Null,
    /// A 64-bit integer (booleans are stored as 0 and 1).
    Integer(i64),
    /// A double-precision float.
    Real(f64),
    /// UTF-8 text.
    Text(String),
    /// Bytes.
    Blob(Vec<u8>),
}

/// A borrowed database value, as a column is read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ValueRef<'a> {
    /// SQL NULL.
    Null,
    /// A 64-bit integer.
    Integer(i64),
    /// A double-precision float.
    Real(f64),
    /// UTF-8 text.
    Text(&'a str),
    /// Bytes.
    Blob(&'a [u8]),
}

impl Value {
    /// The borrowed form.
    pub fn as_ref(&self) -> ValueRef<'_> {
        match self {
            Value::Null => ValueRef::Null,
            Value::Integer(i) => ValueRef::Integer(*i),
            Value::Real(f) => ValueRef::Real(*f),
            Value::Text(s) => ValueRef::Text(s),
            Value::Blob(b) => ValueRef::Blob(b),
        }
    }
}

/// The storage class of a value, named in conversion errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// NULL.
    Null,
    /// Integer.
    Integer,
    /// Float.
    Real,
    /// Text.
    Text,
    /// Bytes.
    Blob,
}

impl std::fmt::Display for Type {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Type::Null => "NULL",
            Type::Integer => "INTEGER",
            Type::Real => "REAL",
            Type::Text => "TEXT",
            Type::Blob => "BLOB",
        })
    }
}

impl ValueRef<'_> {
    /// The storage class.
    pub fn data_type(&self) -> Type {
        match self {
            ValueRef::Null => Type::Null,
            ValueRef::Integer(_) => Type::Integer,
            ValueRef::Real(_) => Type::Real,
            ValueRef::Text(_) => Type::Text,
            ValueRef::Blob(_) => Type::Blob,
        }
    }
}

/// Why a column could not become the asked-for Rust type.
pub enum FromSqlError {
    /// The column holds another storage class.
    InvalidType(Type),
    /// An integer that does not fit the asked-for type.
    OutOfRange(i64),
    /// Any other reason.
    Other(Box<dyn std::error::Error + Send + Sync>),
}

/// A Rust type that a column can be read as.
pub trait FromSql: Sized {
    /// Converts one column value.
    fn column_result(value: ValueRef<'_>) -> Result<Self, FromSqlError>;
}

/// A Rust type that can be bound as a parameter.
pub trait ToSql {
    /// The value to bind.
    fn to_sql(&self) -> Result<Value, FromSqlError>;
}

impl FromSql for i64 {
    fn column_result(value: ValueRef<'_>) -> Result<Self, FromSqlError> {
        match value {
            ValueRef::Integer(i) => Ok(i),
            other => Err(FromSqlError::InvalidType(other.data_type())),
        }
    }
}

macro_rules! narrow_integer {
    ($($t:ty)*) => {$(
        impl FromSql for $t {
            fn column_result(value: ValueRef<'_>) -> Result<Self, FromSqlError> {
                let wide = i64::column_result(value)?;
                <$t>::try_from(wide).map_err(|_| FromSqlError::OutOfRange(wide))
            }
        }
        impl ToSql for $t {
            fn to_sql(&self) -> Result<Value, FromSqlError> {
                i64::try_from(*self)
                    .map(Value::Integer)
                    .map_err(|e| FromSqlError::Other(Box::new(e)))
            }
        }
    )*};
}
narrow_integer!(i8 i16 i32 u8 u16 u32 u64 usize);

impl FromSql for f64 {
    fn column_result(value: ValueRef<'_>) -> Result<Self, FromSqlError> {
        match value {
            ValueRef::Real(f) => Ok(f),
            // Integer-valued aggregates (SUM of integers) are read as floats too.
            ValueRef::Integer(i) => Ok(i as f64),
            other => Err(FromSqlError::InvalidType(other.data_type())),
        }
    }
}

impl FromSql for f32 {
    fn column_result(value: ValueRef<'_>) -> Result<Self, FromSqlError> {
        f64::column_result(value).map(|f| f as f32)
    }
}

impl FromSql for bool {
    fn column_result(value: ValueRef<'_>) -> Result<Self, FromSqlError> {
        i64::column_result(value).map(|i| i != 0)
    }
}

impl FromSql for String {
    fn column_result(value: ValueRef<'_>) -> Result<Self, FromSqlError> {
        match value {
            ValueRef::Text(s) => Ok(s.to_string()),
            other => Err(FromSqlError::InvalidType(other.data_type())),
        }
    }
}

impl FromSql for Vec<u8> {
    fn column_result(value: ValueRef<'_>) -> Result<Self, FromSqlError> {
        match value {
            ValueRef::Blob(b) => Ok(b.to_vec()),
            other => Err(FromSqlError::InvalidType(other.data_type())),
        }
    }
}

impl<T: FromSql> FromSql for Option<T> {
    fn column_result(value: ValueRef<'_>) -> Result<Self, FromSqlError> {
        match value {
            ValueRef::Null => Ok(None),
            other => T::column_result(other).map(Some),
        }
    }
}

impl FromSql for Value {
    fn column_result(value: ValueRef<'_>) -> Result<Self, FromSqlError> {
        Ok(match value {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(i) => Value::Integer(i),
            ValueRef::Real(f) => Value::Real(f),
            ValueRef::Text(s) => Value::Text(s.to_string()),
            ValueRef::Blob(b) => Value::Blob(b.to_vec()),
        })
    }
}

impl ToSql for i64 {
    fn to_sql(&self) -> Result<Value, FromSqlError> {
        Ok(Value::Integer(*self))
    }
}

impl ToSql for f64 {
    fn to_sql(&self) -> Result<Value, FromSqlError> {
        Ok(Value::Real(*self))
    }
}

impl ToSql for f32 {
    fn to_sql(&self) -> Result<Value, FromSqlError> {
        Ok(Value::Real(f64::from(*self)))
    }
}

impl ToSql for bool {
    fn to_sql(&self) -> Result<Value, FromSqlError> {
        Ok(Value::Integer(i64::from(*self)))
    }
}

impl ToSql for str {
    fn to_sql(&self) -> Result<Value, FromSqlError> {
        Ok(Value::Text(self.to_string()))
    }
}

impl ToSql for String {
    fn to_sql(&self) -> Result<Value, FromSqlError> {
        Ok(Value::Text(self.clone()))
    }
}

impl ToSql for Cow<'_, str> {
    fn to_sql(&self) -> Result<Value, FromSqlError> {
        Ok(Value::Text(self.to_string()))
    }
}

impl ToSql for [u8] {
    fn to_sql(&self) -> Result<Value, FromSqlError> {
        Ok(Value::Blob(self.to_vec()))
    }
}

impl ToSql for Vec<u8> {
    fn to_sql(&self) -> Result<Value, FromSqlError> {
        Ok(Value::Blob(self.clone()))
    }
}

impl ToSql for Value {
    fn to_sql(&self) -> Result<Value, FromSqlError> {
        Ok(self.clone())
    }
}

impl<T: ToSql> ToSql for Option<T> {
    fn to_sql(&self) -> Result<Value, FromSqlError> {
        match self {
            None => Ok(Value::Null),
            Some(v) => v.to_sql(),
        }
    }
}

impl<T: ToSql + ?Sized> ToSql for &T {
    fn to_sql(&self) -> Result<Value, FromSqlError> {
        (**self).to_sql()
    }
}

impl<T: ToSql + ?Sized> ToSql for Box<T> {
    fn to_sql(&self) -> Result<Value, FromSqlError> {
        (**self).to_sql()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_integers_refuse_what_does_not_fit() {
        assert!(matches!(u8::column_result(ValueRef::Integer(300)), Err(FromSqlError::OutOfRange(300))));
        assert_eq!(u8::column_result(ValueRef::Integer(200)).ok(), Some(200));
        assert!(u64::MAX.to_sql().is_err());
    }

    #[test]
    fn options_read_null_and_refuse_other_types() {
        assert_eq!(Option::<String>::column_result(ValueRef::Null).ok(), Some(None));
        assert!(matches!(
            String::column_result(ValueRef::Integer(1)),
            Err(FromSqlError::InvalidType(Type::Integer))
        ));
    }
}
