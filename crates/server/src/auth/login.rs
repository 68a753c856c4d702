//! `POST /api/login`, `POST /api/logout`, `GET /api/session`, `GET /api/users`.

use std::time::Instant;

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use policyscope_accounts::{Accounts, User};
use serde::Deserialize;

use super::{session_cookie, Caller, ClientAddr, SESSION_COOKIE};
use crate::extract::JsonBody;
use crate::{AppState, Error, Result};

/// Longest user name a sign-in may give (names have at most 100 characters).
const MAX_NAME_BYTES: usize = 400;

/// Body of `POST /api/login`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginBody {
    /// The user name.
    pub name: String,
    /// The password.
    pub password: String,
}

/// The account routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/login", post(login))
        .route("/api/logout", post(logout))
        .route("/api/session", get(session))
        .route("/api/users", get(users))
}

/// The cookie that holds `token`; `Secure` when the app is served over TLS
/// (by a proxy in front of it: the app cannot tell, so it is told).
fn cookie(state: &AppState, token: &str, max_age: Option<u32>) -> Result<HeaderValue> {
    let mut text = format!("{SESSION_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/");
    if let Some(age) = max_age {
        text.push_str(&format!("; Max-Age={age}"));
    }
    if state.secure_cookies() {
        text.push_str("; Secure");
    }
    HeaderValue::from_str(&text).map_err(|e| Error::Internal(e.to_string()))
}

async fn login(
    State(state): State<AppState>,
    Extension(ClientAddr(addr)): Extension<ClientAddr>,
    JsonBody(body): JsonBody<LoginBody>,
) -> Result<Response> {
    // The limiter keeps names as keys: no name may be large.
    if body.name.len() > MAX_NAME_BYTES {
        return Err(Error::BadRequest(format!("a user name has at most {MAX_NAME_BYTES} bytes")));
    }
    let name_key = format!("name:{}", body.name.trim().to_lowercase());
    let mut keys = vec![name_key.clone()];
    if let Some(ip) = addr {
        keys.push(format!("addr:{ip}"));
    }
    let limiter = state.login_limiter();
    if let Err(wait) = limiter.check(&keys, Instant::now()) {
        let secs = wait.as_secs().max(1);
        let mut res = Error::TooManyRequests(format!("too many failed sign-ins; try again in {secs} s"))
            .into_response();
        res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
        return Ok(res);
    }
    let name = body.name.clone();
    let credentials = state.with(move |p| Ok(Accounts::opened(p).credentials(&name)?)).await?;
    // The check is slow by design: on its own thread, without the database.
    let password = body.password;
    let user = tokio::task::spawn_blocking(move || credentials.verify(&password))
        .await
        .map_err(|e| Error::Internal(e.to_string()))?;
    let Some(user) = user else {
        limiter.failed(&keys, Instant::now());
        return Err(Error::Unauthorized("wrong user name or password".into()));
    };
    limiter.succeeded(&name_key);
    let session = state.with(move |p| Ok(Accounts::opened(p).start_session(user)?)).await?;
    let set = cookie(&state, &session.token, None)?;
    let answer = serde_json::json!({
        "user": session.user.name,
        "role": session.user.role,
        "csrf": session.csrf,
        "accounts": true,
    });
    Ok(([(header::SET_COOKIE, set)], Json(answer)).into_response())
}

async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Result<Response> {
    if let Some(token) = session_cookie(&headers) {
        state.with(move |p| Ok(Accounts::opened(p).logout(&token)?)).await?;
    }
    let set = cookie(&state, "", Some(0))?;
    Ok(([(header::SET_COOKIE, set)], StatusCode::NO_CONTENT).into_response())
}

async fn session(caller: Caller) -> Json<serde_json::Value> {
    Json(serde_json::json!({
        "user": caller.user,
        "role": caller.role,
        "csrf": caller.csrf,
        "accounts": caller.accounts,
    }))
}

async fn users(State(state): State<AppState>) -> Result<Json<Vec<User>>> {
    Ok(Json(state.with(|p| Ok(Accounts::opened(p).users()?)).await?))
}
