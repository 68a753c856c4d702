//! One database layer for policyscope projects.
//!
//! A project lives in an embedded SQLite file (one person on a laptop) or in
//! a PostgreSQL database (a team). Every crate that keeps tables talks to
//! either through [`Connection`], whose methods are those of a SQLite
//! connection: SQL is written once, in SQLite's dialect with `?N`
//! parameters, and rewritten for PostgreSQL ([`dialect`]); values are read
//! and bound as SQLite's five storage classes on both ([`Value`]).
//! Migrations are one versioned list per component ([`migrate`]).

mod batch;
mod connection;
pub mod copy;
pub mod dialect;
mod error;
pub mod migrate;
mod params;
mod pg;
mod row;
mod statement;
mod transaction;
mod value;

pub use batch::insert_rows;
pub use connection::{Backend, Connection};
pub use error::{Error, Result};
pub use params::{params_from_iter, Params, ParamsFromIter};
pub use row::{Row, RowIndex};
pub use statement::{MappedRows, Statement};
pub use transaction::Transaction;
pub use value::{FromSql, FromSqlError, ToSql, Type, Value, ValueRef};

/// Turns "no row" into `None`, as SQLite's `optional()` does.
pub trait OptionalExtension<T> {
    /// `Ok(None)` for [`Error::QueryReturnedNoRows`], the rest unchanged.
    fn optional(self) -> Result<Option<T>>;
}

impl<T> OptionalExtension<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(Error::QueryReturnedNoRows) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// Where a project's database is: a project folder or a server URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// The SQLite file inside a project folder.
    Folder(std::path::PathBuf),
    /// A PostgreSQL database, `postgres://USER@HOST:PORT/DB`.
    Postgres(String),
}

impl Location {
    /// Reads a `--from`/`--to`/`--database` argument: a URL starting with
    /// `postgres://` or `postgresql://`, otherwise a folder.
    pub fn parse(text: &str) -> Location {
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            Location::Postgres(text.to_string())
        } else {
            Location::Folder(std::path::PathBuf::from(text))
        }
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::Folder(p) => write!(f, "{}", p.display()),
            // Never print a password that the URL may carry.
            Location::Postgres(url) => match url.split_once('@') {
                Some((userinfo, host)) => {
                    match userinfo.split_once("://").map(|(s, u)| (s, u.split(':').next())) {
                        Some((scheme, Some(user))) => write!(f, "{scheme}://{user}@{host}"),
                        _ => write!(f, "{url}"),
                    }
                }
                None => write!(f, "{url}"),
            },
        }
    }
}
