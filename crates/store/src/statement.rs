//! Prepared statements and the rows they return.

use std::cell::RefCell;

use crate::connection::{pg_refs, sqlite_values, with_pg, PgSession};
use crate::params::Params;
use crate::row::Row;
use crate::{Error, Result};

/// A statement prepared on a connection.
pub struct Statement<'conn>(pub(crate) Prepared<'conn>);

pub(crate) enum Prepared<'conn> {
    /// On SQLite: a cached prepared statement.
    Sqlite(rusqlite::CachedStatement<'conn>),
    /// On PostgreSQL: the SQL (SQLite's dialect), prepared once per connection.
    Postgres { session: &'conn RefCell<PgSession>, sql: String },
}

impl Statement<'_> {
    /// Runs the statement; returns how many rows it changed.
    pub fn execute<P: Params>(&mut self, params: P) -> Result<usize> {
        let values = params.values()?;
        match &mut self.0 {
            Prepared::Sqlite(s) => Ok(s.execute(rusqlite::params_from_iter(sqlite_values(values)))?),
            Prepared::Postgres { session, sql } => {
                let n = with_pg(session, sql, |c, stmt| c.execute(stmt, &pg_refs(&values)))?;
                usize::try_from(n).map_err(|e| Error::ToSqlConversionFailure(0, e.to_string()))
            }
        }
    }

    /// Runs the query and maps each row with `f`.
    ///
    /// On SQLite rows are read as the iterator advances; on PostgreSQL the
    /// result arrives whole, so that other statements can run while it is
    /// being read.
    pub fn query_map<T, P, F>(&mut self, params: P, f: F) -> Result<MappedRows<'_, F>>
    where
        P: Params,
        F: FnMut(&Row<'_>) -> Result<T>,
    {
        let values = params.values()?;
        let rows = match &mut self.0 {
            Prepared::Sqlite(s) => Rows::Sqlite(s.query(rusqlite::params_from_iter(sqlite_values(values)))?),
            Prepared::Postgres { session, sql } => {
                Rows::Postgres(with_pg(session, sql, |c, stmt| c.query(stmt, &pg_refs(&values)))?.into_iter())
            }
        };
        Ok(MappedRows { rows, f })
    }

    /// Runs the query and maps its first row.
    pub fn query_row<T, P, F>(&mut self, params: P, f: F) -> Result<T>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> Result<T>,
    {
        let mut f = Some(f);
        let mut rows = self.query_map(params, |r| match f.take() {
            Some(f) => f(r).map(Some),
            None => Ok(None),
        })?;
        match rows.next() {
            Some(Ok(Some(v))) => Ok(v),
            Some(Err(e)) => Err(e),
            Some(Ok(None)) | None => Err(Error::QueryReturnedNoRows),
        }
    }

    /// Whether the query returns at least one row.
    pub fn exists<P: Params>(&mut self, params: P) -> Result<bool> {
        let mut rows = self.query_map(params, |_| Ok(()))?;
        rows.next().transpose().map(|r| r.is_some())
    }
}

enum Rows<'s> {
    Sqlite(rusqlite::Rows<'s>),
    Postgres(std::vec::IntoIter<postgres::Row>),
}

/// The rows of a query, each mapped by the caller's function.
pub struct MappedRows<'s, F> {
    rows: Rows<'s>,
    f: F,
}

impl<T, F> Iterator for MappedRows<'_, F>
where
    F: FnMut(&Row<'_>) -> Result<T>,
{
    type Item = Result<T>;

    fn next(&mut self) -> Option<Result<T>> {
        let MappedRows { rows, f } = self;
        match rows {
            Rows::Sqlite(rows) => match rows.next() {
                Ok(Some(r)) => Some(f(&Row::sqlite(r))),
                Ok(None) => None,
                Err(e) => Some(Err(e.into())),
            },
            Rows::Postgres(rows) => rows.next().map(|r| f(&Row::postgres(&r))),
        }
    }
}
