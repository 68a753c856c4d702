//! Accounts in the served app: who sent each request, and whether they may.
//!
//! A project with at least one enabled user (see `policyscope users`), or
//! served on an address other than loopback, requires every request under
//! `/api` except `POST /api/login` to prove who sent it: a session cookie
//! ([`SESSION_COOKIE`], made by signing in) or `Authorization: Bearer
//! TOKEN` (an API token, for scripts). Otherwise the answer is 401. Pages
//! and static files are served to anyone: they hold no project data.
//!
//! A state-changing request (POST, PUT, PATCH, DELETE) with a session
//! cookie must repeat the session's CSRF token in [`CSRF_HEADER`] (given by
//! the login answer and `GET /api/session`): a page of another site can make
//! the browser send the cookie, never read the token. Bearer requests are
//! exempt, as browsers never add that header on their own.
//!
//! Roles ([`Role`]): a viewer may change nothing, a coder may add and review
//! codings and write memos (as themselves), an admin everything else too
//! (code tree, documents, users). Refusals are 403.
//!
//! Without users on loopback the app is single-user as before: every
//! request is the project owner's ([`Role::Admin`], no name).

mod login;

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
pub use policyscope_accounts::Role;
use policyscope_accounts::{constant_time_eq, Accounts, Permission, Signed};

pub use login::routes;

use crate::{AppState, Error, Result};

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "policyscope_session";

/// Header that carries the session's CSRF token.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// Who sent the request: the extractor handlers use for authors and checks.
#[derive(Debug, Clone)]
pub struct Caller {
    /// The signed-in user's name; `None` in single-user mode.
    pub user: Option<String>,
    /// What they may do; [`Role::Admin`] in single-user mode.
    pub role: Role,
    /// The session's CSRF token (sessions only).
    pub(crate) csrf: Option<String>,
    /// Whether the server requires signing in.
    pub(crate) accounts: bool,
}

impl Caller {
    /// The author to record for a coding, review or memo: the signed-in
    /// user, whatever the request says; in single-user mode the name the
    /// request gives, which must be a person's name (400 otherwise).
    pub fn author(&self, requested: Option<&str>) -> Result<String> {
        match (&self.user, requested) {
            (Some(user), _) => Ok(user.clone()),
            (None, Some(name)) => crate::api::codes::person(name).map(|p| p.to_string()),
            (None, None) => Err(Error::BadRequest("say who you are: give your name".into())),
        }
    }

    fn single_user() -> Caller {
        Caller { user: None, role: Role::Admin, csrf: None, accounts: false }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Caller> {
        parts
            .extensions
            .get::<Caller>()
            .cloned()
            .ok_or_else(|| Error::Internal("the request did not pass the accounts check".into()))
    }
}

/// The address the request came from, when the server knows it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ClientAddr(pub(crate) Option<IpAddr>);

/// The middleware: sets the [`Caller`] of an API request, or refuses it.
pub(crate) async fn check(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let addr = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    req.extensions_mut().insert(ClientAddr(addr));
    let path = req.uri().path().to_string();
    let is_api = path == "/api" || path.starts_with("/api/");
    if !is_api || (req.method() == Method::POST && path == "/api/login") {
        return next.run(req).await;
    }
    match caller(&state, req.method(), &path, req.headers()).await {
        Ok(caller) => {
            req.extensions_mut().insert(caller);
            next.run(req).await
        }
        Err(e) => e.into_response(),
    }
}

/// Whether the app must require signing in whatever the database says.
fn open_address(state: &AppState) -> bool {
    state.listen_addr().is_some_and(|a| !a.ip().is_loopback())
}

async fn caller(state: &AppState, method: &Method, path: &str, headers: &HeaderMap) -> Result<Caller> {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_string());
    let cookie = if bearer.is_some() { None } else { session_cookie(headers) };
    let open = open_address(state);
    let (required, signed) = {
        let (bearer, cookie) = (bearer.clone(), cookie.clone());
        state
            .with(move |p| {
                let accounts = Accounts::opened(p);
                let required = open || accounts.has_enabled_users()?;
                let signed = match (&bearer, &cookie) {
                    (Some(token), _) => accounts.api_token(token)?,
                    (None, Some(token)) => accounts.session(token)?,
                    (None, None) => None,
                };
                Ok((required, signed))
            })
            .await?
    };
    let caller = match signed {
        Some(Signed { user, csrf }) => {
            Caller { user: Some(user.name), role: user.role, csrf, accounts: required }
        }
        None if !required => Caller::single_user(),
        None if bearer.is_some() => {
            return Err(Error::Unauthorized("this API token is unknown or revoked".into()))
        }
        None if cookie.is_some() => {
            return Err(Error::Unauthorized("your session has ended; sign in again".into()))
        }
        None => {
            return Err(Error::Unauthorized("sign in first (POST /api/login), or send an API token".into()))
        }
    };
    let changes_state = matches!(*method, Method::POST | Method::PUT | Method::PATCH | Method::DELETE);
    if let (true, Some(expected)) = (changes_state && cookie.is_some(), &caller.csrf) {
        let given = headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("");
        if !constant_time_eq(given.trim(), expected) {
            return Err(Error::Forbidden(format!(
                "a change needs the session's CSRF token in the {CSRF_HEADER} header; reload the page"
            )));
        }
    }
    let needed = permission(method, path);
    if !caller.role.may(needed) {
        return Err(Error::Forbidden(format!(
            "{} may not {}",
            match &caller.user {
                Some(name) => format!("{name} ({})", caller.role),
                None => caller.role.to_string(),
            },
            match needed {
                Permission::Read => "read this",
                Permission::Code => "change codings or memos (viewers read only)",
                Permission::Administer => "change the code tree, documents or users (admins only)",
            }
        )));
    }
    Ok(caller)
}

/// What a request needs. Any change not listed as a coder's is an admin's,
/// so a new endpoint is closed to coders until it is listed here.
pub fn permission(method: &Method, path: &str) -> Permission {
    let under = |prefix: &str| path == prefix || path.starts_with(&format!("{prefix}/"));
    let changes_state = matches!(*method, Method::POST | Method::PUT | Method::PATCH | Method::DELETE);
    if under("/api/users") || under("/api/audit") {
        return Permission::Administer;
    }
    if !changes_state || ["/api/search", "/api/login", "/api/logout"].contains(&path) {
        return Permission::Read;
    }
    if under("/api/codings") || under("/api/memos") || under("/api/reviews") {
        return Permission::Code;
    }
    Permission::Administer
}

/// The session token in the request's cookies.
fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// Refuses to serve a project without accounts on an address other than
/// loopback: anyone who can reach it could read and change the project.
pub(crate) fn check_bind(state: &AppState) -> Result<()> {
    if !open_address(state) {
        return Ok(());
    }
    let has_users = state.blocking(|p| Accounts::opened(p).has_enabled_users())?;
    if has_users {
        return Ok(());
    }
    Err(Error::BadRequest(format!(
        "refusing to serve on {} without accounts: anyone who can reach it could read and change the project. \
         Add one first: `policyscope users add NAME --role admin` (the password is read from stdin), \
         or serve on 127.0.0.1",
        state.listen_addr().map(|a| a.to_string()).unwrap_or_default()
    )))
}

/// Whether the project served by `state` requires signing in.
pub fn accounts_required(state: &AppState) -> Result<bool> {
    Ok(open_address(state) || state.blocking(|p| Accounts::opened(p).has_enabled_users())?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_are_an_admins_unless_listed_as_a_coders() {
        let post = Method::POST;
        assert_eq!(permission(&Method::GET, "/api/codes"), Permission::Read);
        assert_eq!(permission(&post, "/api/search"), Permission::Read);
        assert_eq!(permission(&post, "/api/codings"), Permission::Code);
        assert_eq!(permission(&post, "/api/codings/3/reject"), Permission::Code);
        assert_eq!(permission(&post, "/api/memos"), Permission::Code);
        assert_eq!(permission(&post, "/api/codes"), Permission::Administer);
        assert_eq!(permission(&post, "/api/codingsx"), Permission::Administer);
        assert_eq!(permission(&post, "/api/documents/1"), Permission::Administer);
        assert_eq!(permission(&Method::GET, "/api/users"), Permission::Administer);
        assert_eq!(permission(&Method::DELETE, "/api/anything-new"), Permission::Administer);
    }

    proptest::proptest! {
        /// Whatever a client sends as cookies or path, the checks answer,
        /// and a write is never let through more loosely than the rules say.
        #[test]
        fn garbage_cookies_and_paths_are_judged_not_crashed(cookie in "\\PC{0,200}", path in "\\PC{0,100}") {
            let mut h = HeaderMap::new();
            if let Ok(v) = cookie.parse() {
                h.insert(header::COOKIE, v);
            }
            if let Some(token) = session_cookie(&h) {
                proptest::prop_assert!(!token.is_empty() && cookie.contains(&token));
            }
            proptest::prop_assert_ne!(permission(&Method::GET, &path), Permission::Code);
            let coders = ["/api/codings", "/api/memos", "/api/reviews"];
            let listed = coders.iter().any(|p| path.starts_with(p))
                || ["/api/search", "/api/login", "/api/logout"].contains(&path.as_str());
            if !listed {
                proptest::prop_assert_eq!(permission(&Method::DELETE, &path), Permission::Administer);
            }
        }
    }

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, "a=1; policyscope_session=abc ; b=2".parse().unwrap());
        assert_eq!(session_cookie(&h).as_deref(), Some("abc"));
        h.insert(header::COOKIE, "policyscope_session=".parse().unwrap());
        assert_eq!(session_cookie(&h), None);
    }
}
