//! The analytical frame in the app: `GET /api/frame`, `/api/mentions`,
//! `/api/roles` and `/api/frame/{nis|actors|standards|technologies}` — the
//! same records and views as `policyscope mentions list` and `query …`.

use axum::extract::State;
use axum::Json;
use policyscope_coding::CodingStore;
use policyscope_frame::{views, FrameStore, MentionFilter, MentionKind};
use serde::Deserialize;

use super::query::{filter, query_err, resolve_code, Params};
use crate::extract::{Path, Query};
use crate::{AppState, Error, Result};

/// Most mentions one request answers (a whole corpus holds tens of thousands).
const MAX_MENTIONS: usize = 5_000;

fn frame_err(e: policyscope_frame::Error) -> Error {
    match e {
        policyscope_frame::Error::Invalid(m) => Error::BadRequest(m),
        other => Error::Internal(other.to_string()),
    }
}

fn json<T: serde::Serialize>(v: &T) -> Result<serde_json::Value> {
    serde_json::to_value(v).map_err(|e| Error::Internal(e.to_string()))
}

/// `GET /api/frame`: every table of the project's frame, with its origin.
pub async fn show(State(state): State<AppState>) -> Result<Json<serde_json::Value>> {
    let v = state
        .with(|p| {
            let f = FrameStore::open(p).map_err(frame_err)?.frame().map_err(frame_err)?;
            let mut v = json(&f)?;
            v["hash"] = serde_json::Value::String(f.hash());
            Ok(v)
        })
        .await?;
    Ok(Json(v))
}

/// Filters of `/api/mentions` and `/api/roles`.
#[derive(Debug, Default, Deserialize)]
pub struct MentionParams {
    /// actor, standard, body, technology or stage.
    pub kind: Option<String>,
    /// Only this document.
    pub doc: Option<i64>,
    /// Only this entity (mentions) or actor (roles).
    pub entity: Option<String>,
    /// Only this actor (roles).
    pub actor: Option<String>,
    /// At most this many records (default and cap 5000).
    pub limit: Option<usize>,
}

/// `GET /api/mentions`: stored mentions with their documents and spans.
pub async fn mentions(
    State(state): State<AppState>,
    Query(q): Query<MentionParams>,
) -> Result<Json<serde_json::Value>> {
    let kind: Option<MentionKind> = match q.kind.as_deref().map(str::trim).filter(|k| !k.is_empty()) {
        Some(k) => Some(k.parse().map_err(frame_err)?),
        None => None,
    };
    let v = state
        .with(move |p| {
            let store = FrameStore::open(p).map_err(frame_err)?;
            let frame = store.frame().map_err(frame_err)?;
            let filter = MentionFilter { kind, doc_id: q.doc, entity: q.entity.filter(|e| !e.is_empty()) };
            let mut ms = store.mentions(&frame, &filter).map_err(frame_err)?;
            let total = ms.len();
            ms.truncate(q.limit.unwrap_or(MAX_MENTIONS).min(MAX_MENTIONS));
            Ok(serde_json::json!({ "total": total, "mentions": json(&ms)? }))
        })
        .await?;
    Ok(Json(v))
}

/// `GET /api/roles`: role statements, of one actor or all.
pub async fn roles(
    State(state): State<AppState>,
    Query(q): Query<MentionParams>,
) -> Result<Json<serde_json::Value>> {
    let v = state
        .with(move |p| {
            let store = FrameStore::open(p).map_err(frame_err)?;
            let frame = store.frame().map_err(frame_err)?;
            let actor = q.actor.filter(|a| !a.is_empty());
            if let Some(a) = &actor {
                if frame.actor(a).is_none() {
                    return Err(Error::BadRequest(format!("unknown actor `{a}`")));
                }
            }
            let mut rs = store.roles(&frame, actor.as_deref(), q.doc).map_err(frame_err)?;
            let total = rs.len();
            rs.truncate(q.limit.unwrap_or(MAX_MENTIONS).min(MAX_MENTIONS));
            Ok(serde_json::json!({ "total": total, "roles": json(&rs)? }))
        })
        .await?;
    Ok(Json(v))
}

/// `GET /api/frame/{view}`: `nis` (query filters apply), `actors`,
/// `standards`, `technologies`.
pub async fn view(
    State(state): State<AppState>,
    Path(kind): Path<String>,
    Query(p): Query<Params>,
) -> Result<Json<serde_json::Value>> {
    let f = filter(&p)?;
    let v = state
        .with(move |project| {
            let store = FrameStore::open(project).map_err(frame_err)?;
            let frame = store.frame().map_err(frame_err)?;
            let coding = CodingStore::open(project)?;
            let selection = || -> Result<policyscope_query::Selection> {
                let f = resolve_code(&coding, f.clone())?;
                policyscope_query::Selection::load(&coding, &f).map_err(query_err)
            };
            let all = || store.mentions(&frame, &MentionFilter::default()).map_err(frame_err);
            match kind.as_str() {
                "nis" => json(&views::nis(&coding, &selection()?, &frame).map_err(frame_err)?),
                "actors" => json(&views::network(&frame, &all()?, &selection()?)),
                "standards" => json(&views::standards(&frame, &all()?)),
                "technologies" => json(&views::technologies(&frame, &all()?)),
                other => Err(Error::NotFound(format!("no frame view `{other}`"))),
            }
        })
        .await?;
    Ok(Json(v))
}
