//! The store's errors, the same for both back ends.

use crate::value::{FromSqlError, Type};

/// What can go wrong talking to the database.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The embedded SQLite database refused or failed.
    #[error("SQLite: {0}")]
    Sqlite(rusqlite::Error),
    /// The PostgreSQL server refused or failed.
    #[error("PostgreSQL: {}", postgres_message(.0))]
    Postgres(postgres::Error),
    /// The server cannot be reached (down, restarting, or the connection
    /// dropped); the operation did not take effect and may be retried.
    #[error("the PostgreSQL server cannot be reached ({0}); nothing was written — retry when it is back")]
    Unavailable(String),
    /// A query expected to return one row returned none.
    #[error("no row was found")]
    QueryReturnedNoRows,
    /// A column could not be read as the asked-for type.
    #[error("column {0} holds {1} that cannot be read here: {2}")]
    FromSqlConversionFailure(usize, Type, Box<dyn std::error::Error + Send + Sync>),
    /// A column holds another storage class than the one asked for.
    #[error("column {index} holds {found}, not the type asked for")]
    InvalidColumnType {
        /// The column.
        index: usize,
        /// What it holds.
        found: Type,
    },
    /// An integer column does not fit the asked-for Rust type.
    #[error("column {index} holds {value}, out of range for the type asked for")]
    IntegralValueOutOfRange {
        /// The column.
        index: usize,
        /// The value.
        value: i64,
    },
    /// A parameter could not be bound.
    #[error("parameter {0} cannot be bound: {1}")]
    ToSqlConversionFailure(usize, String),
    /// A column name that the row does not have.
    #[error("no column named `{0}`")]
    InvalidColumnName(String),
    /// A column index past the row's end.
    #[error("no column {0}")]
    InvalidColumnIndex(usize),
    /// The database URL is not one this store opens.
    #[error(
        "`{0}` is not a database this store opens: give a project folder or postgres://USER@HOST:PORT/DB"
    )]
    UnsupportedUrl(String),
    /// A value PostgreSQL sent that the store does not read.
    #[error("PostgreSQL sent a value of type {0}, which the store does not read")]
    UnsupportedType(String),
}

impl Error {
    /// Whether the error is a uniqueness or primary-key violation, on either
    /// back end (callers turn it into "already exists").
    pub fn is_unique_violation(&self) -> bool {
        match self {
            Error::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => {
                e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                    || e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
            }
            Error::Postgres(e) => e.code() == Some(&postgres::error::SqlState::UNIQUE_VIOLATION),
            _ => false,
        }
    }

    /// Whether the error is a foreign-key violation, on either back end.
    pub fn is_foreign_key_violation(&self) -> bool {
        match self {
            Error::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => {
                e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY
            }
            Error::Postgres(e) => e.code() == Some(&postgres::error::SqlState::FOREIGN_KEY_VIOLATION),
            _ => false,
        }
    }

    pub(crate) fn column(index: usize, e: FromSqlError) -> Error {
        match e {
            FromSqlError::InvalidType(found) => Error::InvalidColumnType { index, found },
            FromSqlError::OutOfRange(value) => Error::IntegralValueOutOfRange { index, value },
            FromSqlError::Other(source) => Error::FromSqlConversionFailure(index, Type::Text, source),
        }
    }
}

/// The server's own words (message, detail, hint), without the client's
/// generic "db error" prefix.
fn postgres_message(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => {
            let mut text = db.message().to_string();
            if let Some(detail) = db.detail() {
                text.push_str(" (");
                text.push_str(detail);
                text.push(')');
            }
            if let Some(hint) = db.hint() {
                text.push_str("; ");
                text.push_str(hint);
            }
            text
        }
        None => e.to_string(),
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        match e {
            rusqlite::Error::QueryReturnedNoRows => Error::QueryReturnedNoRows,
            e => Error::Sqlite(e),
        }
    }
}

impl From<postgres::Error> for Error {
    fn from(e: postgres::Error) -> Error {
        // A closed connection or an I/O failure is the server being away, not
        // a bad statement: say so, so callers can tell the user to retry.
        if e.is_closed()
            || e.code().is_none() && std::error::Error::source(&e).is_some_and(|s| s.is::<std::io::Error>())
        {
            return Error::Unavailable(e.to_string());
        }
        if e.code().is_some_and(|c| {
            c == &postgres::error::SqlState::ADMIN_SHUTDOWN
                || c == &postgres::error::SqlState::CRASH_SHUTDOWN
                || c == &postgres::error::SqlState::CANNOT_CONNECT_NOW
        }) {
            return Error::Unavailable(e.to_string());
        }
        Error::Postgres(e)
    }
}

impl std::fmt::Debug for FromSqlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FromSqlError::InvalidType(t) => write!(f, "a value of type {t}"),
            FromSqlError::OutOfRange(i) => write!(f, "{i} is out of range"),
            FromSqlError::Other(e) => write!(f, "{e}"),
        }
    }
}

/// The store's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
