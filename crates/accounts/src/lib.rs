//! Accounts of a served project: who may sign in, with which role, and
//! how a request proves who sent it.
//!
//! A project served to a team keeps its users in its own database (both
//! back ends): a name, a role ([`Role`]), an argon2id password hash and a
//! disabled flag. Signing in makes a session (a random token in an
//! http-only cookie, with its own CSRF token); scripts use API tokens.
//! Neither token is stored, only its hash ([`secret`]). Repeated failed
//! sign-ins are slowed down by [`LoginLimiter`].
#![deny(missing_docs)]

mod limiter;
mod role;
pub mod secret;
mod sessions;
mod users;

pub use limiter::LoginLimiter;
pub use role::{Permission, Role};
pub use secret::{constant_time_eq, Password, MIN_PASSWORD_CHARS};
pub use sessions::{NewSession, Signed, SESSION_IDLE};
pub use users::{Credentials, User, UserName};

use policyscope_corpus::Project;
use policyscope_store::Connection;

/// Migrations of the account tables.
const MIGRATIONS: &[&str] = &[include_str!("sql/accounts_001.sql")];

/// Errors of the accounts.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No user of that name.
    #[error("no user named `{0}`")]
    NoSuchUser(String),
    /// A user of that name exists already.
    #[error("a user named `{0}` exists already")]
    UserExists(String),
    /// The name cannot be a user's.
    #[error("`{name}` cannot be a user name: {reason}")]
    BadName {
        /// The name as given.
        name: String,
        /// Why not.
        reason: String,
    },
    /// Not a role.
    #[error("unknown role `{0}` (admin, coder or viewer)")]
    UnknownRole(String),
    /// The password is refused.
    #[error("the password is refused: {0}")]
    WeakPassword(String),
    /// The password could not be hashed.
    #[error("cannot hash the password: {0}")]
    Hashing(String),
    /// The operating system gave no random bytes.
    #[error("no random bytes from the operating system: {0}")]
    Random(String),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] policyscope_store::Error),
    /// Opening or migrating the project failed.
    #[error(transparent)]
    Corpus(#[from] policyscope_corpus::Error),
}

/// Result with the accounts [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// The accounts of one project.
#[derive(Debug, Clone, Copy)]
pub struct Accounts<'a> {
    conn: &'a Connection,
}

impl<'a> Accounts<'a> {
    /// The accounts of `project`, creating their tables when missing.
    pub fn open(project: &'a Project) -> Result<Accounts<'a>> {
        project.migrate("accounts", MIGRATIONS)?;
        Ok(Accounts { conn: project.conn() })
    }

    /// The accounts of `project` whose tables [`Accounts::open`] has made
    /// already (a server opens once, then asks on every request).
    pub fn opened(project: &'a Project) -> Accounts<'a> {
        Accounts { conn: project.conn() }
    }

    pub(crate) fn conn(&self) -> &'a Connection {
        self.conn
    }
}

/// Now, in Unix seconds.
pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
