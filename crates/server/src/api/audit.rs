//! `GET /api/audit`: who changed what and when, for admins.

use axum::extract::State;
use axum::Json;
use policyscope_coding::{AuditEntry, AuditFilter, CodingStore};
use serde::Deserialize;

use crate::auth::{Caller, Role};
use crate::extract::Query;
use crate::{AppState, Error, Result};

/// Filters of `GET /api/audit`.
#[derive(Debug, Deserialize)]
pub struct AuditQuery {
    /// Only changes at or after this time (ISO 8601, a prefix such as `2026-12-01` works).
    pub since: Option<String>,
    /// Only this person's changes.
    pub user: Option<String>,
    /// The newest this many (default 1000, at most 10000).
    pub limit: Option<usize>,
}

/// Most entries one answer carries.
const MAX_ENTRIES: usize = 10_000;

/// The audit log, oldest first (the newest `limit` entries); admins only.
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<AuditQuery>,
) -> Result<Json<Vec<AuditEntry>>> {
    if caller.role != Role::Admin {
        return Err(Error::Forbidden("the audit log is for admins".into()));
    }
    let limit = q.limit.unwrap_or(1000).min(MAX_ENTRIES);
    let filter = AuditFilter { since: q.since, user: q.user };
    let mut entries = state.with(move |p| Ok(CodingStore::open(p)?.audit_log(&filter)?)).await?;
    let skip = entries.len().saturating_sub(limit);
    entries.drain(..skip);
    Ok(Json(entries))
}
