//! Users: add, list, change role, disable.

use policyscope_coding::HumanCoder;
use policyscope_store::{params, OptionalExtension, Row};
use serde::Serialize;

use crate::{Accounts, Error, Password, Result, Role};

/// A user's name: what codings, reviews and memos record as their author,
/// so it follows the rules of a person's name ([`HumanCoder`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserName(HumanCoder);

impl UserName {
    /// Checks `name` (surrounding white space is dropped).
    pub fn new(name: &str) -> Result<UserName> {
        HumanCoder::new(name).map(UserName).map_err(|e| Error::BadName {
            name: name.to_string(),
            reason: match e {
                policyscope_coding::Error::NotAPersonName { reason, .. } => reason,
                other => other.to_string(),
            },
        })
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

/// A user as listed (never with the password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    /// Row id.
    pub id: i64,
    /// The name.
    pub name: String,
    /// What the user may do.
    pub role: Role,
    /// A disabled user cannot sign in, and their sessions and tokens stop working.
    pub disabled: bool,
    /// When the user was added (UTC, ISO 8601).
    pub created_at: String,
}

pub(crate) const USER_COLUMNS: &str = "users.id, users.name, users.role, users.disabled, users.created_at";

/// Reads a row of [`USER_COLUMNS`] starting at column `at`.
pub(crate) fn user_from_row(r: &Row<'_>, at: usize) -> policyscope_store::Result<User> {
    let role: String = r.get(at + 2)?;
    Ok(User {
        id: r.get(at)?,
        name: r.get(at + 1)?,
        // The table's CHECK allows only the three names.
        role: Role::parse(&role).unwrap_or(Role::Viewer),
        disabled: r.get::<_, i64>(at + 3)? != 0,
        created_at: r.get(at + 4)?,
    })
}

impl Accounts<'_> {
    /// Adds a user.
    pub fn add_user(&self, name: &UserName, role: Role, password: &Password) -> Result<User> {
        let hash = password.hash()?;
        let inserted = self
            .conn()
            .query_row(
                &format!(
                    "INSERT INTO users (name, role, password_hash) VALUES (?1, ?2, ?3)
                     ON CONFLICT (name) DO NOTHING RETURNING {USER_COLUMNS}"
                ),
                params![name.as_str(), role.as_str(), hash],
                |r| user_from_row(r, 0),
            )
            .optional()?;
        inserted.ok_or_else(|| Error::UserExists(name.as_str().to_string()))
    }

    /// Every user, by name.
    pub fn users(&self) -> Result<Vec<User>> {
        let mut stmt =
            self.conn().prepare(&format!("SELECT {USER_COLUMNS} FROM users ORDER BY users.name"))?;
        let rows = stmt.query_map([], |r| user_from_row(r, 0))?;
        Ok(rows.collect::<policyscope_store::Result<Vec<_>>>()?)
    }

    /// The user named `name`.
    pub fn user(&self, name: &str) -> Result<Option<User>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {USER_COLUMNS} FROM users WHERE users.name = ?1"),
                [name.trim()],
                |r| user_from_row(r, 0),
            )
            .optional()?)
    }

    /// Whether anyone can sign in: a served project with such a user
    /// requires signing in for everything.
    pub fn has_enabled_users(&self) -> Result<bool> {
        let n: i64 =
            self.conn().query_row("SELECT count(*) FROM users WHERE disabled = 0", [], |r| r.get(0))?;
        Ok(n > 0)
    }

    /// Gives `name` another role; takes effect on their next request.
    pub fn set_role(&self, name: &str, role: Role) -> Result<User> {
        let changed = self
            .conn()
            .execute("UPDATE users SET role = ?1 WHERE name = ?2", params![role.as_str(), name.trim()])?;
        if changed == 0 {
            return Err(Error::NoSuchUser(name.to_string()));
        }
        self.user(name)?.ok_or_else(|| Error::NoSuchUser(name.to_string()))
    }

    /// Disables `name` and ends their sessions (their API tokens stop
    /// working too: every request checks the flag).
    pub fn disable(&self, name: &str) -> Result<User> {
        let tx = self.conn().unchecked_transaction()?;
        let changed = tx.execute("UPDATE users SET disabled = 1 WHERE name = ?1", [name.trim()])?;
        if changed == 0 {
            return Err(Error::NoSuchUser(name.to_string()));
        }
        tx.execute(
            "DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE name = ?1)",
            [name.trim()],
        )?;
        tx.commit()?;
        self.user(name)?.ok_or_else(|| Error::NoSuchUser(name.to_string()))
    }

    /// What checking a sign-in of `name` needs. Separate from the check
    /// itself, which is slow by design and needs no database: a server
    /// reads this, lets go of the connection, then verifies.
    pub fn credentials(&self, name: &str) -> Result<Credentials> {
        let found = self
            .conn()
            .query_row(
                &format!("SELECT {USER_COLUMNS}, users.password_hash FROM users WHERE users.name = ?1"),
                [name.trim()],
                |r| Ok((user_from_row(r, 0)?, r.get::<_, String>(5)?)),
            )
            .optional()?;
        Ok(Credentials(found))
    }
}

/// A user's stored password hash, or nobody (see [`Accounts::credentials`]).
#[derive(Debug)]
pub struct Credentials(Option<(User, String)>);

impl Credentials {
    /// The user when `password` is theirs and they are enabled. Takes the
    /// time of one password check whether or not the user exists.
    pub fn verify(&self, password: &str) -> Option<User> {
        match &self.0 {
            Some((user, hash)) => {
                let ok = crate::secret::verify(password, hash);
                (ok && !user.disabled).then(|| user.clone())
            }
            None => {
                crate::secret::verify_nothing(password);
                None
            }
        }
    }
}
