//! One result row, read the same way from either back end.

use crate::pg::AnyValue;
use crate::value::{FromSql, Value, ValueRef};
use crate::{Error, Result};

/// A result row: columns are read with [`Row::get`].
pub struct Row<'a> {
    inner: Inner<'a>,
}

enum Inner<'a> {
    Sqlite(&'a rusqlite::Row<'a>),
    Postgres(&'a postgres::Row),
}

/// A column, by position (from 0) or by name.
pub trait RowIndex {
    /// The column's position in `row`.
    fn position(&self, row: &Row<'_>) -> Result<usize>;
}

impl RowIndex for usize {
    fn position(&self, row: &Row<'_>) -> Result<usize> {
        if *self < row.column_count() {
            Ok(*self)
        } else {
            Err(Error::InvalidColumnIndex(*self))
        }
    }
}

impl RowIndex for &str {
    fn position(&self, row: &Row<'_>) -> Result<usize> {
        let found = match row.inner {
            Inner::Sqlite(r) => r.as_ref().column_index(self).ok(),
            Inner::Postgres(r) => r.columns().iter().position(|c| c.name() == *self),
        };
        found.ok_or_else(|| Error::InvalidColumnName(self.to_string()))
    }
}

impl<'a> Row<'a> {
    pub(crate) fn sqlite(row: &'a rusqlite::Row<'a>) -> Row<'a> {
        Row { inner: Inner::Sqlite(row) }
    }

    pub(crate) fn postgres(row: &'a postgres::Row) -> Row<'a> {
        Row { inner: Inner::Postgres(row) }
    }

    /// How many columns the row has.
    pub fn column_count(&self) -> usize {
        match self.inner {
            Inner::Sqlite(r) => r.as_ref().column_count(),
            Inner::Postgres(r) => r.len(),
        }
    }

    /// Reads column `idx` without copying text or bytes (long texts are
    /// scanned in place).
    pub fn get_ref<I: RowIndex>(&self, idx: I) -> Result<ValueRef<'_>> {
        let index = idx.position(self)?;
        match self.inner {
            Inner::Sqlite(r) => Ok(match r.get_ref(index)? {
                rusqlite::types::ValueRef::Null => ValueRef::Null,
                rusqlite::types::ValueRef::Integer(i) => ValueRef::Integer(i),
                rusqlite::types::ValueRef::Real(f) => ValueRef::Real(f),
                rusqlite::types::ValueRef::Text(t) => {
                    ValueRef::Text(std::str::from_utf8(t).map_err(|e| {
                        Error::FromSqlConversionFailure(index, crate::Type::Text, Box::new(e))
                    })?)
                }
                rusqlite::types::ValueRef::Blob(b) => ValueRef::Blob(b),
            }),
            Inner::Postgres(r) => {
                let ty = r.columns().get(index).map(|c| c.type_().clone());
                match ty {
                    Some(postgres::types::Type::BYTEA) => {
                        Ok(r.try_get::<_, Option<&[u8]>>(index)?.map_or(ValueRef::Null, ValueRef::Blob))
                    }
                    Some(
                        postgres::types::Type::TEXT
                        | postgres::types::Type::VARCHAR
                        | postgres::types::Type::BPCHAR
                        | postgres::types::Type::NAME,
                    ) => Ok(r.try_get::<_, Option<&str>>(index)?.map_or(ValueRef::Null, ValueRef::Text)),
                    _ => match r.try_get::<_, AnyValue>(index)?.0 {
                        Value::Null => Ok(ValueRef::Null),
                        Value::Integer(i) => Ok(ValueRef::Integer(i)),
                        Value::Real(f) => Ok(ValueRef::Real(f)),
                        Value::Text(_) | Value::Blob(_) => Err(Error::InvalidColumnIndex(index)),
                    },
                }
            }
        }
    }

    /// Reads a text or byte column `idx` as the bytes the database holds,
    /// without checking that a text is UTF-8 (`None` for NULL). For scans
    /// over whole documents that work on bytes: checking each text first
    /// costs as much as a pass of the scan.
    pub fn get_bytes<I: RowIndex>(&self, idx: I) -> Result<Option<&[u8]>> {
        let index = idx.position(self)?;
        if let Inner::Sqlite(r) = self.inner {
            if let rusqlite::types::ValueRef::Text(t) = r.get_ref(index)? {
                return Ok(Some(t));
            }
        }
        match self.get_ref(index)? {
            ValueRef::Null => Ok(None),
            ValueRef::Text(t) => Ok(Some(t.as_bytes())),
            ValueRef::Blob(b) => Ok(Some(b)),
            ValueRef::Integer(_) => Err(Error::InvalidColumnType { index, found: crate::Type::Integer }),
            ValueRef::Real(_) => Err(Error::InvalidColumnType { index, found: crate::Type::Real }),
        }
    }

    /// Reads column `idx` as a `T`; the type parameter `I` is there so that
    /// callers can write `row.get::<_, i64>(0)`.
    pub fn get<I: RowIndex, T: FromSql>(&self, idx: I) -> Result<T> {
        let index = idx.position(self)?;
        T::column_result(self.get_ref(index)?).map_err(|e| Error::column(index, e))
    }
}
