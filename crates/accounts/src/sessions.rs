//! Sessions (browser sign-ins) and API tokens (scripts).
//!
//! A session lives while it is used: every request moves its expiry to
//! [`SESSION_IDLE`] from now (written at most once a minute). A token is
//! looked up by its hash, so the database never compares the secret itself.

use std::time::Duration;

use policyscope_store::{params, OptionalExtension};

use crate::secret::{new_token, token_hash};
use crate::users::{user_from_row, USER_COLUMNS};
use crate::{now, Accounts, Error, Result, User};

/// How long a session lasts unused.
pub const SESSION_IDLE: Duration = Duration::from_secs(12 * 60 * 60);

/// Expiry is written again only when it moved by more than this, so that
/// reading pages does not turn every request into a write.
const EXTEND_STEP: i64 = 60;

/// A session just made: the secrets go to the browser once.
#[derive(Debug, Clone)]
pub struct NewSession {
    /// Who signed in.
    pub user: User,
    /// The session token (the cookie's value).
    pub token: String,
    /// The token every state-changing request must repeat in `X-CSRF-Token`.
    pub csrf: String,
}

/// Who sent a request, as proven by a session or an API token.
#[derive(Debug, Clone)]
pub struct Signed {
    /// The user (enabled).
    pub user: User,
    /// The session's CSRF token; `None` for an API token.
    pub csrf: Option<String>,
}

impl Accounts<'_> {
    /// Signs `name` in: `None` for an unknown user, a wrong password or a
    /// disabled user (the caller should not say which).
    pub fn login(&self, name: &str, password: &str) -> Result<Option<NewSession>> {
        match self.credentials(name)?.verify(password) {
            Some(user) => self.start_session(user).map(Some),
            None => Ok(None),
        }
    }

    /// A new session of `user`, who has just proven who they are
    /// ([`crate::Credentials::verify`]).
    pub fn start_session(&self, user: User) -> Result<NewSession> {
        let (token, csrf) = (new_token()?, new_token()?);
        let expires = now().saturating_add(idle_secs());
        self.conn().execute(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES (?1, ?2, ?3, ?4)",
            params![token_hash(&token), user.id, csrf, expires],
        )?;
        // Sessions that ran out are of no use to anyone.
        self.conn().execute("DELETE FROM sessions WHERE expires_at < ?1", [now()])?;
        Ok(NewSession { user, token, csrf })
    }

    /// The user of session `token` at the current time (extending it).
    pub fn session(&self, token: &str) -> Result<Option<Signed>> {
        self.session_at(token, now())
    }

    /// The user of session `token` at Unix time `at`: `None` when the
    /// session is unknown, expired, or its user disabled.
    pub fn session_at(&self, token: &str, at: i64) -> Result<Option<Signed>> {
        let hash = token_hash(token);
        let found = self
            .conn()
            .query_row(
                &format!(
                    "SELECT {USER_COLUMNS}, sessions.csrf_token, sessions.expires_at
                     FROM sessions JOIN users ON users.id = sessions.user_id
                     WHERE sessions.token_hash = ?1 AND users.disabled = 0"
                ),
                [&hash],
                |r| Ok((user_from_row(r, 0)?, r.get::<_, String>(5)?, r.get::<_, i64>(6)?)),
            )
            .optional()?;
        let Some((user, csrf, expires)) = found else {
            return Ok(None);
        };
        if expires <= at {
            self.conn().execute("DELETE FROM sessions WHERE token_hash = ?1", [&hash])?;
            return Ok(None);
        }
        let renewed = at.saturating_add(idle_secs());
        if renewed - expires > EXTEND_STEP {
            self.conn().execute(
                "UPDATE sessions SET expires_at = ?1 WHERE token_hash = ?2",
                params![renewed, hash],
            )?;
        }
        Ok(Some(Signed { user, csrf: Some(csrf) }))
    }

    /// Ends session `token` (nothing when there is none).
    pub fn logout(&self, token: &str) -> Result<()> {
        self.conn().execute("DELETE FROM sessions WHERE token_hash = ?1", [token_hash(token)])?;
        Ok(())
    }

    /// A new API token for `name`; the token is returned here only.
    pub fn new_api_token(&self, name: &str, label: &str) -> Result<String> {
        let user = self.user(name)?.ok_or_else(|| Error::NoSuchUser(name.to_string()))?;
        let token = new_token()?;
        self.conn().execute(
            "INSERT INTO api_tokens (token_hash, user_id, label) VALUES (?1, ?2, ?3)",
            params![token_hash(&token), user.id, label.trim()],
        )?;
        Ok(token)
    }

    /// The user of API `token`, unless it is revoked or the user disabled.
    pub fn api_token(&self, token: &str) -> Result<Option<Signed>> {
        Ok(self
            .conn()
            .query_row(
                &format!(
                    "SELECT {USER_COLUMNS} FROM api_tokens JOIN users ON users.id = api_tokens.user_id
                     WHERE api_tokens.token_hash = ?1 AND api_tokens.revoked = 0 AND users.disabled = 0"
                ),
                [token_hash(token)],
                |r| user_from_row(r, 0),
            )
            .optional()?
            .map(|user| Signed { user, csrf: None }))
    }
}

fn idle_secs() -> i64 {
    i64::try_from(SESSION_IDLE.as_secs()).unwrap_or(i64::MAX)
}
