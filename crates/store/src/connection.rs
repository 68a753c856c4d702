//! A connection to either back end, with one set of methods.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;

use crate::dialect::to_postgres;
use crate::params::Params;
use crate::row::Row;
use crate::statement::{Prepared, Statement};
use crate::value::Value;
use crate::{Error, Result};

/// Which database a connection talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// The embedded SQLite file of a project folder.
    Sqlite,
    /// A PostgreSQL server shared by a team.
    Postgres,
}

/// A database connection: the embedded SQLite file or a PostgreSQL server.
///
/// Like a SQLite connection it is used from one thread at a time (`Send`,
/// not `Sync`); a server that serves many requests keeps several.
pub struct Connection {
    pub(crate) inner: Inner,
}

pub(crate) enum Inner {
    Sqlite(rusqlite::Connection),
    Postgres(Box<RefCell<PgSession>>),
}

/// A PostgreSQL client with its prepared statements. The connection is
/// re-opened when the server went away, but never inside a transaction:
/// there the error reaches the caller, whose transaction is then lost as a
/// whole, never half-applied.
pub(crate) struct PgSession {
    url: String,
    client: postgres::Client,
    prepared: HashMap<String, postgres::Statement>,
    pub(crate) depth: usize,
    /// A statement found the server gone: the client may not know it yet
    /// (its connection task notices a moment later), so the next use
    /// reconnects without asking it.
    broken: bool,
}

/// The most statements kept prepared per connection; beyond it the cache is
/// emptied (statements built from user input would otherwise grow it).
const PREPARED_LIMIT: usize = 512;

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection").field("backend", &self.backend()).finish()
    }
}

impl Connection {
    /// Opens (creating if missing) a SQLite database file.
    pub fn open_sqlite(path: &Path) -> Result<Connection> {
        Ok(Connection { inner: Inner::Sqlite(rusqlite::Connection::open(path)?) })
    }

    /// Opens an existing SQLite database file read-only.
    pub fn open_sqlite_read_only(path: &Path) -> Result<Connection> {
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        Ok(Connection { inner: Inner::Sqlite(rusqlite::Connection::open_with_flags(path, flags)?) })
    }

    /// A private in-memory SQLite database (tests, scratch work).
    pub fn open_in_memory() -> Result<Connection> {
        Ok(Connection { inner: Inner::Sqlite(rusqlite::Connection::open_in_memory()?) })
    }

    /// Connects to a PostgreSQL server: `postgres://USER@HOST:PORT/DB`.
    pub fn connect_postgres(url: &str) -> Result<Connection> {
        let client = pg_connect(url)?;
        let session =
            PgSession { url: url.to_string(), client, prepared: HashMap::new(), depth: 0, broken: false };
        Ok(Connection { inner: Inner::Postgres(Box::new(RefCell::new(session))) })
    }

    /// The back end.
    pub fn backend(&self) -> Backend {
        match self.inner {
            Inner::Sqlite(_) => Backend::Sqlite,
            Inner::Postgres(_) => Backend::Postgres,
        }
    }

    /// The SQLite connection, for what only SQLite has (pragmas, integrity
    /// checks); `None` on PostgreSQL.
    pub fn as_sqlite(&self) -> Option<&rusqlite::Connection> {
        match &self.inner {
            Inner::Sqlite(c) => Some(c),
            Inner::Postgres(_) => None,
        }
    }

    /// Runs one statement; returns how many rows it changed.
    pub fn execute<P: Params>(&self, sql: &str, params: P) -> Result<usize> {
        let values = params.values()?;
        match &self.inner {
            Inner::Sqlite(c) => {
                Ok(c.prepare_cached(sql)?.execute(rusqlite::params_from_iter(sqlite_values(values)))?)
            }
            Inner::Postgres(s) => {
                let changed = with_pg(s, sql, |client, stmt| client.execute(stmt, &pg_refs(&values)))?;
                usize::try_from(changed).map_err(|e| Error::ToSqlConversionFailure(0, e.to_string()))
            }
        }
    }

    /// Runs several statements without parameters (a migration, a pragma list).
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        match &self.inner {
            Inner::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Inner::Postgres(s) => {
                let mut session = s.borrow_mut();
                session.reconnect_if_closed()?;
                Ok(session.client.batch_execute(&to_postgres(sql, false))?)
            }
        }
    }

    /// Runs a migration step: like [`Connection::execute_batch`], with column
    /// types rewritten for PostgreSQL.
    pub fn execute_migration(&self, sql: &str) -> Result<()> {
        match &self.inner {
            Inner::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Inner::Postgres(s) => Ok(s.borrow_mut().client.batch_execute(&to_postgres(sql, true))?),
        }
    }

    /// Runs a query and maps its first row; [`Error::QueryReturnedNoRows`]
    /// when there is none.
    pub fn query_row<T, P, F>(&self, sql: &str, params: P, f: F) -> Result<T>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> Result<T>,
    {
        let values = params.values()?;
        match &self.inner {
            Inner::Sqlite(c) => {
                let mut stmt = c.prepare_cached(sql)?;
                let mut rows = stmt.query(rusqlite::params_from_iter(sqlite_values(values)))?;
                match rows.next()? {
                    Some(r) => f(&Row::sqlite(r)),
                    None => Err(Error::QueryReturnedNoRows),
                }
            }
            Inner::Postgres(s) => {
                let rows = with_pg(s, sql, |client, stmt| client.query(stmt, &pg_refs(&values)))?;
                match rows.first() {
                    Some(r) => f(&Row::postgres(r)),
                    None => Err(Error::QueryReturnedNoRows),
                }
            }
        }
    }

    /// Prepares a statement to run (maybe many times).
    pub fn prepare(&self, sql: &str) -> Result<Statement<'_>> {
        match &self.inner {
            Inner::Sqlite(c) => Ok(Statement(Prepared::Sqlite(c.prepare_cached(sql)?))),
            Inner::Postgres(s) => {
                with_pg(s, sql, |_, _| Ok(()))?;
                Ok(Statement(Prepared::Postgres { session: s, sql: sql.to_string() }))
            }
        }
    }

    /// The same as [`Connection::prepare`]; statements are always cached.
    pub fn prepare_cached(&self, sql: &str) -> Result<Statement<'_>> {
        self.prepare(sql)
    }

    /// Whether a table exists: readers ask before reading the tables of a
    /// component that creates them on first write (a read must not write).
    pub fn table_exists(&self, name: &str) -> Result<bool> {
        let sql = match self.backend() {
            Backend::Sqlite => {
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)"
            }
            Backend::Postgres => {
                "SELECT EXISTS (SELECT 1 FROM information_schema.tables
                                WHERE table_schema = current_schema() AND table_name = CAST(?1 AS TEXT))"
            }
        };
        self.query_row(sql, [name], |r| r.get(0))
    }
}

/// Runs `f` with the session's client and the statement for `sql` (SQLite
/// dialect), prepared once per connection; reconnects first when the server
/// went away outside a transaction.
pub(crate) fn with_pg<T>(
    session: &RefCell<PgSession>,
    sql: &str,
    f: impl FnOnce(&mut postgres::Client, &postgres::Statement) -> Result<T, postgres::Error>,
) -> Result<T> {
    let mut guard = session.borrow_mut();
    let s = &mut *guard;
    s.reconnect_if_closed()?;
    if !s.prepared.contains_key(sql) {
        if s.prepared.len() >= PREPARED_LIMIT {
            s.prepared.clear();
        }
        let stmt = s.client.prepare(&to_postgres(sql, false)).map_err(|e| s.note(e))?;
        s.prepared.insert(sql.to_string(), stmt);
    }
    match s.prepared.get(sql) {
        Some(stmt) => {
            let result = f(&mut s.client, stmt);
            result.map_err(|e| s.note(e))
        }
        None => Err(Error::Unavailable("a prepared statement was lost".into())),
    }
}

impl PgSession {
    pub(crate) fn client(&mut self) -> &mut postgres::Client {
        &mut self.client
    }

    /// Re-opens a connection the server closed, unless a transaction was
    /// open on it (its work is gone and the caller must learn so).
    pub(crate) fn reconnect_if_closed(&mut self) -> Result<()> {
        if !self.client.is_closed() && !self.broken {
            return Ok(());
        }
        if self.depth > 0 {
            return Err(Error::Unavailable(
                "the connection closed inside a transaction, which was rolled back".into(),
            ));
        }
        self.client = pg_connect(&self.url)?;
        self.prepared.clear();
        self.broken = false;
        Ok(())
    }

    /// The store's error for `e`, remembering when it means the server is gone.
    fn note(&mut self, e: postgres::Error) -> Error {
        let e = Error::from(e);
        self.broken |= matches!(e, Error::Unavailable(_));
        e
    }
}

fn pg_connect(url: &str) -> Result<postgres::Client> {
    if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
        return Err(Error::UnsupportedUrl(url.to_string()));
    }
    let mut config: postgres::Config = url.parse().map_err(|_| Error::UnsupportedUrl(url.to_string()))?;
    config.connect_timeout(std::time::Duration::from_secs(10));
    config.application_name("policyscope");
    // A refused or timed-out connection is the server being away; a refusal
    // with a code (wrong password, no such database) is reported as it is.
    let mut client = config.connect(postgres::NoTls).map_err(|e| match e.code() {
        Some(_) => Error::from(e),
        None => Error::Unavailable(e.to_string()),
    })?;
    // Timestamps and text compare as in SQLite: UTC and byte order.
    client.batch_execute("SET TIME ZONE 'UTC'; SET statement_timeout = '10min';")?;
    Ok(client)
}

pub(crate) fn sqlite_values(values: Vec<Value>) -> Vec<rusqlite::types::Value> {
    values
        .into_iter()
        .map(|v| match v {
            Value::Null => rusqlite::types::Value::Null,
            Value::Integer(i) => rusqlite::types::Value::Integer(i),
            Value::Real(f) => rusqlite::types::Value::Real(f),
            Value::Text(s) => rusqlite::types::Value::Text(s),
            Value::Blob(b) => rusqlite::types::Value::Blob(b),
        })
        .collect()
}

pub(crate) fn pg_refs(values: &[Value]) -> Vec<&(dyn postgres::types::ToSql + Sync)> {
    values.iter().map(|v| v as &(dyn postgres::types::ToSql + Sync)).collect()
}
