//! The load: simulated coders, each on its own thread with its own
//! credentials (an API token, or a session and its CSRF token), making
//! coding changes through the HTTP API of a running server.
//!
//! Each coder codes new passages, reviews, recodes and deletes some of its
//! own codings (always allowed: 200), reviews shared machine proposals from
//! the version it last saw (so that some arrive stale: 409, and some are
//! sent stale on purpose), and tries to change another coder's codings
//! (403). Every attempt is recorded with its answer and latency, for
//! [`crate::check`] to hold against the database and the audit log.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::http::Client;
use crate::sim::Sim;

/// How a simulated coder proves who it is.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Auth {
    /// `Authorization: Bearer TOKEN`.
    Token(String),
    /// Signs in with this password; sends the session cookie and CSRF token.
    Password(String),
}

/// A coder's account.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Coder {
    /// The user name (what the server records as author).
    pub name: String,
    /// Its credentials.
    pub auth: Auth,
}

/// What to run.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The server (loopback).
    pub addr: SocketAddr,
    /// The coders, one thread each.
    pub coders: Vec<Coder>,
    /// Changes each coder attempts.
    pub changes: usize,
    /// The whole load stops when this much time has passed.
    pub time_limit: Duration,
    /// Machine proposals shared by every coder (the fewer, the more conflicts).
    pub shared: usize,
    /// Seed of the coders' choices.
    pub seed: u64,
}

/// A kind of change, named as the audit log names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Op {
    /// Code a passage (`POST /api/codings`).
    Code,
    /// Accept a coding.
    Accept,
    /// Reject a coding.
    Reject,
    /// Recode a coding (the answer is the new coding).
    Recode,
    /// Delete a coding.
    Delete,
}

/// Why a coder attempted a change, and so which answers are right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Intent {
    /// On its own coding, at its current version: 200.
    Own,
    /// On a shared proposal, at the version last seen: 200 or 409.
    Shared,
    /// On a shared proposal, at a version known to be old: 409.
    Stale,
    /// On another coder's coding: 403.
    Foreign,
}

impl Intent {
    /// Whether `status` is a right answer to this attempt.
    pub fn expects(self, status: u16) -> bool {
        match self {
            Intent::Own => status == 200,
            Intent::Shared => status == 200 || status == 409,
            Intent::Stale => status == 409,
            Intent::Foreign => status == 403,
        }
    }
}

/// A coding as the API answers it (the fields the check needs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// Its id.
    pub id: i64,
    /// Document.
    pub doc_id: i64,
    /// Code.
    pub code_id: i64,
    /// First code point.
    pub start: i64,
    /// One past the last code point.
    pub end: i64,
    /// Who made it.
    pub coder: String,
    /// `proposed`, `accepted` or `rejected`.
    pub status: String,
    /// Its version.
    pub version: i64,
}

impl Row {
    /// The row in an API answer, if it is one.
    pub fn from_json(v: &Value) -> Option<Row> {
        serde_json::from_value(v.clone()).ok()
    }
}

/// One attempted change and its answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Attempt {
    /// Who tried it.
    pub coder: String,
    /// What.
    pub op: Op,
    /// Why, and so what answer is right.
    pub intent: Intent,
    /// The coding changed (none for a new coding).
    pub target: Option<i64>,
    /// The version sent with it.
    pub version: Option<i64>,
    /// For a new coding: document, code, start, end; for a recode: the new code.
    pub asked: Option<(i64, i64, i64, i64)>,
    /// The HTTP status (0: no answer).
    pub status: u16,
    /// The coding answered (2xx only; for a recode the new coding).
    pub answer: Option<Row>,
    /// No answer: why.
    pub error: Option<String>,
    /// Milliseconds from sending to the whole answer.
    pub ms: f64,
}

impl Attempt {
    /// Whether the server acknowledged the change.
    pub fn acked(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Everything a run did.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Record {
    /// The coders' names.
    pub coders: Vec<String>,
    /// Changes each coder was to attempt.
    pub changes: usize,
    /// The shared proposals as loaded before the load.
    pub shared: Vec<Row>,
    /// Every attempt, per coder in the order made.
    pub attempts: Vec<Attempt>,
    /// Seconds from the first request to the last answer.
    pub seconds: f64,
    /// Whether the time limit ended the load before every change was tried.
    pub stopped_by_time_limit: bool,
}

/// What every coder needs to know of the project.
#[derive(Debug, Clone)]
pub(crate) struct World {
    /// Documents and their lengths in code points.
    pub(crate) docs: Vec<(i64, i64)>,
    /// Codable codes.
    pub(crate) codes: Vec<i64>,
    /// Shared proposals.
    pub(crate) shared: Vec<Row>,
    /// Codings others may try to change (owner, id); never deleted.
    pub(crate) published: Arc<Mutex<Vec<(String, i64)>>>,
}

/// Signs `coder` in (or sets its token) on a new client.
pub fn client_for(addr: SocketAddr, coder: &Coder) -> Result<Client, String> {
    let mut client = Client::new(addr, Duration::from_secs(30));
    match &coder.auth {
        Auth::Token(token) => client.set_header("Authorization", &format!("Bearer {token}")),
        Auth::Password(password) => {
            let reply = client.request(
                "POST",
                "/api/login",
                Some(&json!({"name": coder.name, "password": password})),
            )?;
            if reply.status != 200 {
                return Err(format!("{} cannot sign in: {} {}", coder.name, reply.status, reply.json()));
            }
            let cookie = reply
                .header("set-cookie")
                .and_then(|c| c.split(';').next())
                .ok_or_else(|| format!("{}: the sign-in set no cookie", coder.name))?
                .to_string();
            let csrf = reply.json()["csrf"].as_str().map(str::to_string);
            client.set_header("Cookie", &cookie);
            client.set_header("X-CSRF-Token", &csrf.ok_or_else(|| format!("{}: no CSRF token", coder.name))?);
        }
    }
    Ok(client)
}

/// GET `path` as JSON, refusing anything but 200.
pub fn get_json(client: &mut Client, path: &str) -> Result<Value, String> {
    let reply = client.request("GET", path, None)?;
    if reply.status != 200 {
        return Err(format!("GET {path}: {} {}", reply.status, String::from_utf8_lossy(&reply.body)));
    }
    Ok(reply.json())
}

/// Every coding of the project (all statuses), page by page through the API.
pub fn all_codings(client: &mut Client) -> Result<Vec<Row>, String> {
    let mut out = Vec::new();
    loop {
        let page = get_json(
            client,
            &format!("/api/codings?status=proposed,accepted,rejected&limit=2000&offset={}", out.len()),
        )?;
        let rows = page["codings"].as_array().cloned().unwrap_or_default();
        let total = page["total"].as_u64().unwrap_or(0) as usize;
        out.extend(rows.iter().filter_map(Row::from_json));
        if rows.is_empty() || out.len() >= total {
            return Ok(out);
        }
    }
}

fn world(client: &mut Client, shared: usize) -> Result<World, String> {
    let listed = get_json(client, "/api/documents")?;
    let mut docs = Vec::new();
    for d in listed.as_array().into_iter().flatten().take(40) {
        let (Some(id), Some(len)) = (d["id"].as_i64(), d["char_count"].as_i64()) else { continue };
        if len >= 20 {
            docs.push((id, len));
        }
    }
    let codes: Vec<i64> = get_json(client, "/api/codes")?
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["codable"] == true)
        .filter_map(|c| c["id"].as_i64())
        .collect();
    let proposals = get_json(client, &format!("/api/codings?status=proposed&limit={}", shared.max(1) * 4))?;
    let shared: Vec<Row> = proposals["codings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Row::from_json)
        .filter(|r| r.coder.starts_with("auto:"))
        .take(shared)
        .collect();
    if docs.is_empty() || codes.len() < 3 || shared.is_empty() {
        return Err(format!(
            "the project needs documents of 20+ characters, 3+ codable codes and auto-coded proposals: \
             found {} documents, {} codes, {} proposals",
            docs.len(),
            codes.len(),
            shared.len()
        ));
    }
    Ok(World { docs, codes, shared, published: Arc::new(Mutex::new(Vec::new())) })
}

/// Runs the load: every coder on its own thread until its changes are
/// attempted or the time limit passes.
pub fn run(plan: &Plan) -> Result<Record, String> {
    let first = plan.coders.first().ok_or("no coders")?;
    let world = world(&mut client_for(plan.addr, first)?, plan.shared)?;
    let mut clients = Vec::new();
    for coder in &plan.coders {
        clients.push(client_for(plan.addr, coder)?);
    }
    let started = Instant::now();
    let deadline = started + plan.time_limit;
    let threads: Vec<_> = plan
        .coders
        .iter()
        .zip(clients)
        .enumerate()
        .map(|(i, (coder, client))| {
            let mut sim = Sim::new(
                coder.name.clone(),
                client,
                world.clone(),
                plan.seed ^ ((i as u64 + 1) * 0x9E37_79B9),
            );
            let changes = plan.changes;
            std::thread::spawn(move || {
                let mut attempts = Vec::with_capacity(changes);
                while attempts.len() < changes && Instant::now() < deadline {
                    attempts.push(sim.step());
                }
                attempts
            })
        })
        .collect();
    let mut attempts = Vec::new();
    for t in threads {
        attempts.extend(t.join().map_err(|_| "a coder's thread panicked")?);
    }
    let seconds = started.elapsed().as_secs_f64();
    Ok(Record {
        coders: plan.coders.iter().map(|c| c.name.clone()).collect(),
        changes: plan.changes,
        shared: world.shared,
        stopped_by_time_limit: attempts.len() < plan.changes * plan.coders.len(),
        attempts,
        seconds,
    })
}
