//! Accounts, roles and CSRF in the served app: what is refused, with which
//! status, and that a refused request changes nothing.

mod common;

use std::path::Path;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use policyscope_accounts::{Accounts, Password, Permission, Role, UserName};
use policyscope_corpus::Project;
use policyscope_server::api::ENDPOINTS;
use policyscope_server::auth::{permission, CSRF_HEADER, SESSION_COOKIE};
use policyscope_server::{app, AppState};
use serde_json::{json as j, Value};
use tower::ServiceExt;

const PASSWORD: &str = "a long test password";

/// A coded project with an admin (Ann), two coders (Bo, Cy) and a viewer (Vi).
fn team(dir: &Path) -> axum::Router {
    let project = common::coded_project(dir);
    let accounts = Accounts::open(&project).unwrap();
    for (name, role) in [("Ann", Role::Admin), ("Bo", Role::Coder), ("Cy", Role::Coder), ("Vi", Role::Viewer)]
    {
        accounts.add_user(&UserName::new(name).unwrap(), role, &Password::new(PASSWORD).unwrap()).unwrap();
    }
    app(AppState::new(project).unwrap())
}

/// What a request sends to prove who it is.
#[derive(Clone, Default)]
struct Who {
    cookie: Option<String>,
    csrf: Option<String>,
    bearer: Option<String>,
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Value,
}

async fn send(app: &axum::Router, method: &str, uri: &str, who: &Who, body: Option<Body>) -> Answer {
    let mut req = Request::builder().method(method).uri(uri);
    if let Some(c) = &who.cookie {
        req = req.header("cookie", format!("{SESSION_COOKIE}={c}"));
    }
    if let Some(t) = &who.csrf {
        req = req.header(CSRF_HEADER, t);
    }
    if let Some(t) = &who.bearer {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    let body = match body {
        Some(b) => {
            req = req.header("content-type", "application/json");
            b
        }
        None => Body::empty(),
    };
    let res = app.clone().oneshot(req.body(body).unwrap()).await.unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    let bytes = axum::body::to_bytes(res.into_body(), 64 << 20).await.unwrap();
    Answer { status, headers, body: serde_json::from_slice(&bytes).unwrap_or(Value::Null) }
}

fn json_body(v: Value) -> Option<Body> {
    Some(Body::from(serde_json::to_vec(&v).unwrap()))
}

async fn login(app: &axum::Router, name: &str) -> Who {
    let a =
        send(app, "POST", "/api/login", &Who::default(), json_body(j!({"name": name, "password": PASSWORD})))
            .await;
    assert_eq!(a.status, StatusCode::OK, "{name} signs in: {}", a.body);
    let set = a.headers.get("set-cookie").unwrap().to_str().unwrap().to_string();
    for part in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(set.contains(part), "the session cookie lacks {part}: {set}");
    }
    let token = set.split(';').next().unwrap().split_once('=').unwrap().1.to_string();
    Who { cookie: Some(token), csrf: a.body["csrf"].as_str().map(String::from), bearer: None }
}

/// A concrete path for a documented one: `{id}` → 1, `{a|b}` → a; no query.
fn concrete(path: &str) -> String {
    let path = path.split('?').next().unwrap();
    let mut out = String::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}').unwrap() + open;
        let inner = &rest[open + 1..close];
        out.push_str(if inner.contains('|') { inner.split('|').next().unwrap() } else { "1" });
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Every row of every table but the sessions, as text: equal before and
/// after means nothing changed.
fn fingerprint(dir: &Path) -> Vec<String> {
    let project = Project::open(dir).unwrap();
    let conn = project.conn();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'sessions' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let mut rows = Vec::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let mut these: Vec<String> = stmt
            .query_map([], |r| {
                Ok((0..r.column_count())
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap()
            .map(|r| format!("{t}: {}", r.unwrap()))
            .collect();
        these.sort();
        rows.extend(these);
    }
    rows
}

fn changes_state(method: &str) -> bool {
    matches!(method, "POST" | "PUT" | "PATCH" | "DELETE")
}

#[tokio::test]
async fn no_endpoint_but_login_answers_without_a_session_or_token() {
    let dir = tempfile::tempdir().unwrap();
    let app = team(dir.path());
    let nobody = Who::default();
    let forged = Who { bearer: Some("0".repeat(64)), ..Who::default() };
    let stale = Who { cookie: Some("f".repeat(64)), ..Who::default() };
    let mut checked = 0;
    for (method, path, _) in ENDPOINTS {
        let uri = concrete(path);
        if *method == "POST" && uri == "/api/login" {
            continue;
        }
        for who in [&nobody, &forged, &stale] {
            let a = send(&app, method, &uri, who, json_body(j!({}))).await;
            assert_eq!(
                a.status,
                StatusCode::UNAUTHORIZED,
                "{method} {uri} answered {}: {}",
                a.status,
                a.body
            );
            assert!(a.body["error"].is_string(), "{method} {uri}: the refusal says why");
        }
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} endpoints listed");
    // An unlisted path under /api is refused too, not described.
    assert_eq!(send(&app, "GET", "/api/no-such-thing", &nobody, None).await.status, StatusCode::UNAUTHORIZED);
    // The pages and static files carry no project data and are served.
    for uri in ["/", "/app.js", "/app.css"] {
        assert_eq!(send(&app, "GET", uri, &nobody, None).await.status, StatusCode::OK, "{uri}");
    }
}

#[tokio::test]
async fn a_viewer_cannot_change_anything() {
    let dir = tempfile::tempdir().unwrap();
    let app = team(dir.path());
    let vi = login(&app, "Vi").await;
    assert_eq!(send(&app, "GET", "/api/documents", &vi, None).await.status, StatusCode::OK);
    let before = fingerprint(dir.path());
    let mut refused = 0;
    for (method, path, _) in ENDPOINTS {
        let uri = concrete(path);
        if !changes_state(method) || ["/api/login", "/api/logout", "/api/search"].contains(&uri.as_str()) {
            continue;
        }
        let body = j!({"doc_id": 1, "code_id": 1, "start": 0, "end": 2, "coder": "Vi", "reviewer": "Vi",
                       "author": "Vi", "text": "x", "name": "x", "target": {"kind": "project"}});
        let a = send(&app, method, &uri, &vi, json_body(body)).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "viewer {method} {uri}: {}", a.body);
        refused += 1;
    }
    assert!(refused >= 10, "only {refused} state-changing endpoints listed");
    assert_eq!(before, fingerprint(dir.path()), "a viewer's refused requests changed the project");
}

#[tokio::test]
async fn a_coder_codes_as_themselves_but_cannot_administer() {
    let dir = tempfile::tempdir().unwrap();
    let app = team(dir.path());
    let bo = login(&app, "Bo").await;
    let before = fingerprint(dir.path());
    for (method, path, _) in ENDPOINTS {
        let uri = concrete(path);
        if changes_state(method) && permission(&Method::POST, &uri) == Permission::Administer {
            let a = send(&app, method, &uri, &bo, json_body(j!({"name": "x", "by": "Bo"}))).await;
            assert_eq!(a.status, StatusCode::FORBIDDEN, "coder {method} {uri}: {}", a.body);
        }
    }
    assert_eq!(send(&app, "GET", "/api/users", &bo, None).await.status, StatusCode::FORBIDDEN);
    assert_eq!(before, fingerprint(dir.path()), "a coder's refused requests changed the project");

    // The author is the session's user, whatever the body says.
    let codes = send(&app, "GET", "/api/codes", &bo, None).await.body;
    let code = codes.as_array().unwrap().iter().find(|c| c["codable"] == true).unwrap()["id"].clone();
    let body = j!({"doc_id": 1, "code_id": code, "start": 0, "end": 4, "coder": "Ann"});
    let a = send(&app, "POST", "/api/codings", &bo, json_body(body)).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(a.body["coder"], "Bo");
    let memo = j!({"target": {"kind": "document", "id": 1}, "author": "Ann", "text": "mine"});
    let a = send(&app, "POST", "/api/memos", &bo, json_body(memo)).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(a.body["author"], "Bo");
}

#[tokio::test]
async fn a_coder_cannot_alter_another_coders_codings() {
    let dir = tempfile::tempdir().unwrap();
    let app = team(dir.path());
    let (bo, cy) = (login(&app, "Bo").await, login(&app, "Cy").await);
    let codes = send(&app, "GET", "/api/codes", &cy, None).await.body;
    let code = codes.as_array().unwrap().iter().find(|c| c["codable"] == true).unwrap()["id"].clone();
    let body = j!({"doc_id": 1, "code_id": code, "start": 0, "end": 4});
    let mine = send(&app, "POST", "/api/codings", &cy, json_body(body)).await;
    assert_eq!(mine.status, StatusCode::OK, "{}", mine.body);
    let id = mine.body["id"].as_i64().unwrap();
    let memo = j!({"target": {"kind": "coding", "id": id}, "text": "Cy's reading"});
    let memo = send(&app, "POST", "/api/memos", &cy, json_body(memo)).await;
    assert_eq!(memo.status, StatusCode::OK, "{}", memo.body);
    let memo_id = memo.body["id"].as_i64().unwrap();
    let before = fingerprint(dir.path());
    for uri in [format!("/api/memos/{memo_id}"), format!("/api/memos/{memo_id}/delete")] {
        let a = send(&app, "POST", &uri, &bo, json_body(j!({"text": "Bo was here"}))).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "Bo {uri} on Cy's memo: {}", a.body);
    }
    for action in ["accept", "reject", "recode", "delete"] {
        let uri = format!("/api/codings/{id}/{action}");
        let a = send(&app, "POST", &uri, &bo, json_body(j!({"code_id": code}))).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "Bo {action} on Cy's coding: {}", a.body);
    }
    assert_eq!(before, fingerprint(dir.path()), "Bo changed Cy's coding or memo");
    // Cy may, and so may the admin.
    let a = send(&app, "POST", &format!("/api/codings/{id}/reject"), &cy, json_body(j!({}))).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
}

#[tokio::test]
async fn changes_without_the_sessions_csrf_token_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let app = team(dir.path());
    let bo = login(&app, "Bo").await;
    let memo = || json_body(j!({"target": {"kind": "project"}, "text": "csrf"}));
    let before = fingerprint(dir.path());
    let missing = Who { csrf: None, ..bo.clone() };
    let wrong = Who { csrf: Some("0".repeat(64)), ..bo.clone() };
    let others = Who { csrf: login(&app, "Cy").await.csrf, ..bo.clone() };
    for who in [&missing, &wrong, &others] {
        let a = send(&app, "POST", "/api/memos", who, memo()).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.body);
        assert!(a.body["error"].as_str().unwrap().contains("CSRF"), "{}", a.body);
    }
    assert_eq!(send(&app, "POST", "/api/logout", &missing, None).await.status, StatusCode::FORBIDDEN);
    assert_eq!(before, fingerprint(dir.path()));
    assert_eq!(send(&app, "POST", "/api/memos", &bo, memo()).await.status, StatusCode::OK);
    // API tokens are not sent by browsers on their own: no CSRF token needed.
    let project = Project::open(dir.path()).unwrap();
    let token = Accounts::open(&project).unwrap().new_api_token("Bo", "script").unwrap();
    let script = Who { bearer: Some(token), ..Who::default() };
    let a = send(&app, "POST", "/api/memos", &script, memo()).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(a.body["author"], "Bo");
}

#[tokio::test]
async fn wrong_passwords_are_401_then_429_with_retry_after() {
    let dir = tempfile::tempdir().unwrap();
    let app = team(dir.path());
    let before = fingerprint(dir.path());
    let attempt = |password: &'static str| {
        let app = app.clone();
        async move {
            send(
                &app,
                "POST",
                "/api/login",
                &Who::default(),
                json_body(j!({"name": "Bo", "password": password})),
            )
            .await
        }
    };
    for _ in 0..5 {
        let a = attempt("not the password").await;
        assert_eq!(a.status, StatusCode::UNAUTHORIZED, "{}", a.body);
        assert!(a.headers.get("set-cookie").is_none());
    }
    // Now even the right password waits.
    let a = attempt(PASSWORD).await;
    assert_eq!(a.status, StatusCode::TOO_MANY_REQUESTS, "{}", a.body);
    let wait: u64 = a.headers.get("retry-after").unwrap().to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "Retry-After {wait}");
    assert!(a.headers.get("set-cookie").is_none());
    // Another user is not locked out by Bo's failures.
    login(&app, "Cy").await;
    assert_eq!(before, fingerprint(dir.path()));
}

#[tokio::test]
async fn expired_sessions_and_disabled_users_are_401() {
    let dir = tempfile::tempdir().unwrap();
    let app = team(dir.path());
    let (bo, cy) = (login(&app, "Bo").await, login(&app, "Cy").await);
    assert_eq!(send(&app, "GET", "/api/session", &bo, None).await.body["user"], "Bo");
    let project = Project::open(dir.path()).unwrap();
    // Bo's session runs out; Cy is disabled.
    project
        .conn()
        .execute(
            "UPDATE sessions SET expires_at = 0 WHERE user_id = (SELECT id FROM users WHERE name = 'Bo')",
            [],
        )
        .unwrap();
    Accounts::open(&project).unwrap().disable("Cy").unwrap();
    let before = fingerprint(dir.path());
    for who in [&bo, &cy] {
        assert_eq!(send(&app, "GET", "/api/documents", who, None).await.status, StatusCode::UNAUTHORIZED);
        let memo = json_body(j!({"target": {"kind": "project"}, "text": "late"}));
        assert_eq!(send(&app, "POST", "/api/memos", who, memo).await.status, StatusCode::UNAUTHORIZED);
    }
    let a = send(
        &app,
        "POST",
        "/api/login",
        &Who::default(),
        json_body(j!({"name": "Cy", "password": PASSWORD})),
    )
    .await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED, "a disabled user signs in: {}", a.body);
    assert_eq!(before, fingerprint(dir.path()));
}

#[tokio::test]
async fn logout_ends_the_session() {
    let dir = tempfile::tempdir().unwrap();
    let app = team(dir.path());
    let ann = login(&app, "Ann").await;
    let users = send(&app, "GET", "/api/users", &ann, None).await;
    assert_eq!(users.status, StatusCode::OK);
    assert_eq!(users.body.as_array().unwrap().len(), 4);
    assert!(users.body[0].get("password_hash").is_none());
    let a = send(&app, "POST", "/api/logout", &ann, None).await;
    assert_eq!(a.status, StatusCode::NO_CONTENT);
    assert!(a.headers.get("set-cookie").unwrap().to_str().unwrap().contains("Max-Age=0"));
    assert_eq!(send(&app, "GET", "/api/users", &ann, None).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn oversized_and_malformed_bodies_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let app = team(dir.path());
    let ann = login(&app, "Ann").await;
    let before = fingerprint(dir.path());
    let huge = format!(r#"{{"target": {{"kind": "project"}}, "text": "{}"}}"#, "x".repeat(3 << 20));
    let a = send(&app, "POST", "/api/memos", &ann, Some(Body::from(huge))).await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", a.body);
    for bad in
        [r#"{"target": {"kind": "project"}, "text": "#, "[1,2", "\u{0}", r#"{"target": 5, "text": "x"}"#]
    {
        let a = send(&app, "POST", "/api/memos", &ann, Some(Body::from(bad))).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{bad:?}: {}", a.body);
        assert!(a.body["error"].is_string());
    }
    let a = send(&app, "POST", "/api/login", &Who::default(), Some(Body::from("{\"name\": "))).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert_eq!(before, fingerprint(dir.path()));
}

#[tokio::test]
async fn without_users_on_loopback_no_login_is_needed() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(AppState::new(common::coded_project(dir.path())).unwrap());
    assert_eq!(send(&app, "GET", "/api/documents", &Who::default(), None).await.status, StatusCode::OK);
    let s = send(&app, "GET", "/api/session", &Who::default(), None).await.body;
    assert_eq!(
        (s["accounts"].clone(), s["user"].clone(), s["role"].clone()),
        (j!(false), Value::Null, j!("admin"))
    );
    // The name still comes from the request there, and must be a person's.
    let memo = j!({"target": {"kind": "project"}, "author": "coder", "text": "x"});
    assert_eq!(
        send(&app, "POST", "/api/memos", &Who::default(), json_body(memo)).await.status,
        StatusCode::BAD_REQUEST
    );
}

#[test]
fn a_public_address_without_accounts_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let project = common::coded_project(dir.path());
    drop(project);
    let err = policyscope_server::Server::bind(dir.path(), "0.0.0.0:0").unwrap_err().to_string();
    assert!(err.contains("policyscope users add"), "{err}");
    let loopback = policyscope_server::Server::bind(dir.path(), "127.0.0.1:0").unwrap();
    assert!(!loopback.accounts_required().unwrap());
    drop(loopback);
    let project = Project::open(dir.path()).unwrap();
    let accounts = Accounts::open(&project).unwrap();
    accounts
        .add_user(&UserName::new("Ann").unwrap(), Role::Admin, &Password::new(PASSWORD).unwrap())
        .unwrap();
    let open = policyscope_server::Server::bind(dir.path(), "0.0.0.0:0").unwrap();
    assert!(open.accounts_required().unwrap());
}

#[test]
fn sign_in_works_on_postgres() {
    // The PostgreSQL client blocks: set up outside the async runtime.
    let dir = tempfile::tempdir().unwrap();
    let url = policyscope_testkit::fresh_postgres_database();
    let location = policyscope_store::Location::Postgres(url);
    let project = Project::init_at(&location, &dir.path().join("data")).unwrap();
    let accounts = Accounts::open(&project).unwrap();
    accounts.add_user(&UserName::new("Bo").unwrap(), Role::Coder, &Password::new(PASSWORD).unwrap()).unwrap();
    let app = app(AppState::new(project).unwrap());
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    // The app (and its connection) is dropped outside the runtime, after it.
    runtime.block_on(async {
        assert_eq!(
            send(&app, "GET", "/api/documents", &Who::default(), None).await.status,
            StatusCode::UNAUTHORIZED
        );
        let bo = login(&app, "Bo").await;
        assert_eq!(send(&app, "GET", "/api/documents", &bo, None).await.status, StatusCode::OK);
        let memo = j!({"target": {"kind": "project"}, "author": "Ann", "text": "on postgres"});
        let missing = Who { csrf: None, ..bo.clone() };
        assert_eq!(
            send(&app, "POST", "/api/memos", &missing, json_body(memo.clone())).await.status,
            StatusCode::FORBIDDEN
        );
        let a = send(&app, "POST", "/api/memos", &bo, json_body(memo)).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        assert_eq!(a.body["author"], "Bo");
        assert_eq!(
            send(&app, "POST", "/api/codes", &bo, json_body(j!({"name": "x"}))).await.status,
            StatusCode::FORBIDDEN
        );
    });
}

#[tokio::test]
async fn the_cookie_is_secure_when_told_so() {
    let dir = tempfile::tempdir().unwrap();
    let project = common::coded_project(dir.path());
    let accounts = Accounts::open(&project).unwrap();
    accounts
        .add_user(&UserName::new("Ann").unwrap(), Role::Admin, &Password::new(PASSWORD).unwrap())
        .unwrap();
    let plain = app(AppState::new(project).unwrap());
    let body = || json_body(j!({"name": "Ann", "password": PASSWORD}));
    let a = send(&plain, "POST", "/api/login", &Who::default(), body()).await;
    assert!(!a.headers["set-cookie"].to_str().unwrap().contains("Secure"));
    let secure = app(AppState::open(dir.path()).unwrap().with_secure_cookies(true));
    let a = send(&secure, "POST", "/api/login", &Who::default(), body()).await;
    assert!(a.headers["set-cookie"].to_str().unwrap().ends_with("; Secure"), "{:?}", a.headers["set-cookie"]);
}
