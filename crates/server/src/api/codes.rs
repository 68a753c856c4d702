//! The code tree: list with rolled-up counts, create, rename, move, edit,
//! merge, delete, history. Every change names a person (`by`) and goes
//! through `CodingStore`, which records it in the code history.

use std::collections::HashMap;

use axum::extract::{DefaultBodyLimit, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use policyscope_coding::{
    Code, CodeEvent, CodeName, CodeRemoval, CodingFilter, CodingStore, Colour, DeleteCodings, HumanCoder,
    Status,
};
use serde::{Deserialize, Serialize};

use crate::extract::{JsonBody, Path, Query};
use crate::{AppState, Error, Result};

/// Largest body of a code edit: a description of `MAX_DESCRIPTION`
/// characters with room to spare.
const MAX_BODY: usize = 64 * 1024;

/// The routes of the code tree, their bodies bounded by [`MAX_BODY`].
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/codes", get(list).post(create))
        .route("/api/codes/history", get(history))
        .route("/api/codes/{id}", post(edit))
        .route("/api/codes/{id}/merge", post(merge))
        .route("/api/codes/{id}/delete", post(delete))
        .layer(DefaultBodyLimit::max(MAX_BODY))
}

/// A code with its colour and counts.
#[derive(Debug, Serialize)]
pub struct CodeRow {
    /// Id.
    pub id: i64,
    /// Parent id.
    pub parent_id: Option<i64>,
    /// Own name.
    pub name: String,
    /// Path from the top.
    pub path: String,
    /// Definition.
    pub description: String,
    /// Colour (its own or one given by the report palette).
    pub colour: String,
    /// Its own colour, if it has one.
    pub own_colour: Option<String>,
    /// Whether text can be coded with it.
    pub codable: bool,
    /// The codebook that defined it (`None`: made by hand or imported).
    pub codebook: Option<String>,
    /// Documents with a coding of it or of a code below it (not rejected).
    pub documents: usize,
    /// Distinct passages coded with it or a code below it (not rejected).
    pub passages: usize,
    /// Codings of the code itself that are not rejected.
    pub codings: usize,
    /// Proposals awaiting review, of it and the codes below it.
    pub proposed: usize,
    /// Codings of the code itself of every status: what a deletion affects.
    pub all_codings: usize,
}

/// `GET /api/codes`: the codebook in tree order. Documents and passages
/// roll up the way every query does (`policyscope_query::table`).
pub async fn list(State(state): State<AppState>) -> Result<Json<Vec<CodeRow>>> {
    let rows = state
        .with(|p| {
            let store = CodingStore::open(p)?;
            let colours: HashMap<i64, String> =
                policyscope_report::stages::codebook(p)?.into_iter().map(|c| (c.id, c.color)).collect();
            let sel = policyscope_query::Selection::load(&store, &CodingFilter::not_rejected())
                .map_err(|e| Error::Internal(e.to_string()))?;
            let lineage = sel.lineage();
            let mut own: HashMap<i64, usize> = HashMap::new();
            let mut proposed: HashMap<i64, usize> = HashMap::new();
            for c in &sel.codings {
                *own.entry(c.code_id).or_default() += 1;
                if c.status == Status::Proposed {
                    for code in lineage.get(&c.code_id).map_or(&[][..], Vec::as_slice) {
                        *proposed.entry(*code).or_default() += 1;
                    }
                }
            }
            let all = store.coding_counts()?;
            let table = policyscope_query::table(&sel);
            Ok(sel
                .codes
                .iter()
                .zip(table.codes)
                .map(|(c, row)| CodeRow {
                    colour: colours.get(&c.id).cloned().unwrap_or_else(|| "#888888".into()),
                    own_colour: c.colour.clone(),
                    id: c.id,
                    parent_id: c.parent_id,
                    name: c.name.clone(),
                    path: c.path.clone(),
                    description: c.description.clone(),
                    codable: c.codable,
                    codebook: c.codebook.clone(),
                    documents: row.count,
                    passages: row.passages,
                    codings: own.get(&c.id).copied().unwrap_or(0),
                    proposed: proposed.get(&c.id).copied().unwrap_or(0),
                    all_codings: all.get(&c.id).copied().unwrap_or(0),
                })
                .collect())
        })
        .await?;
    Ok(Json(rows))
}

/// A person's name as given by the browser (400 when it is not one).
pub(crate) fn person(name: &str) -> Result<HumanCoder> {
    HumanCoder::new(name).map_err(|e| Error::BadRequest(e.to_string()))
}

fn name(s: &str) -> Result<CodeName> {
    CodeName::new(s).map_err(|e| Error::BadRequest(e.to_string()))
}

fn colour(s: &str) -> Result<Option<Colour>> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    Colour::parse(s).map(Some).map_err(|e| Error::BadRequest(e.to_string()))
}

/// Body of `POST /api/codes`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewCodeBody {
    /// Its name (no `/`).
    pub name: String,
    /// The code to put it under; the top without one.
    pub parent_id: Option<i64>,
    /// Colour `#rrggbb`.
    #[serde(default)]
    pub colour: String,
    /// Definition.
    #[serde(default)]
    pub description: String,
    /// Who makes it.
    pub by: String,
}

/// `POST /api/codes`: makes a code by hand.
pub async fn create(State(state): State<AppState>, JsonBody(b): JsonBody<NewCodeBody>) -> Result<Json<Code>> {
    let (by, name, colour) = (person(&b.by)?, name(&b.name)?, colour(&b.colour)?);
    let code = state
        .with(move |p| {
            Ok(CodingStore::open(p)?.create_code(&name, b.parent_id, colour, &b.description, &by)?)
        })
        .await?;
    Ok(Json(code))
}

/// Body of `POST /api/codes/{id}` (each field present is changed).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditBody {
    /// New name.
    pub name: Option<String>,
    /// Move: `{"to": null}` for the top, `{"to": ID}` under a code.
    #[serde(rename = "move")]
    pub move_to: Option<MoveTo>,
    /// New colour `#rrggbb`; an empty string removes the code's own colour.
    pub colour: Option<String>,
    /// New definition.
    pub description: Option<String>,
    /// Who edits.
    pub by: String,
}

/// Where a code is moved.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoveTo {
    /// The new parent; `null` for the top.
    pub to: Option<i64>,
}

/// `POST /api/codes/{id}`: rename, move, recolour, describe (in that order, each recorded).
pub async fn edit(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    JsonBody(b): JsonBody<EditBody>,
) -> Result<Json<Code>> {
    let by = person(&b.by)?;
    let new_name = b.name.as_deref().map(name).transpose()?;
    let new_colour = b.colour.as_deref().map(colour).transpose()?;
    if new_name.is_none() && b.move_to.is_none() && new_colour.is_none() && b.description.is_none() {
        return Err(Error::BadRequest("nothing to change: give name, move, colour or description".into()));
    }
    let code = state
        .with(move |p| {
            let store = CodingStore::open(p)?;
            let mut code = store.code(id)?;
            if let Some(n) = &new_name {
                code = store.rename_code(id, n, &by)?;
            }
            if let Some(m) = &b.move_to {
                code = store.move_code_to(id, m.to, &by)?;
            }
            if let Some(c) = new_colour {
                code = store.set_code_colour(id, c, &by)?;
            }
            if let Some(d) = &b.description {
                code = store.set_code_description(id, d, &by)?;
            }
            Ok(code)
        })
        .await?;
    Ok(Json(code))
}

/// Body of `POST /api/codes/{id}/merge`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MergeBody {
    /// The code that receives the codings.
    pub into: i64,
    /// Who merges.
    pub by: String,
}

/// `POST /api/codes/{id}/merge`: merges the code into another.
pub async fn merge(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    JsonBody(b): JsonBody<MergeBody>,
) -> Result<Json<CodeRemoval>> {
    let by = person(&b.by)?;
    let out = state.with(move |p| Ok(CodingStore::open(p)?.merge_codes(id, b.into, &by)?)).await?;
    Ok(Json(out))
}

/// Body of `POST /api/codes/{id}/delete`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeleteBody {
    /// Move the codings to this code first.
    pub move_to: Option<i64>,
    /// Or remove them.
    #[serde(default)]
    pub remove_codings: bool,
    /// Who deletes.
    pub by: String,
}

/// `POST /api/codes/{id}/delete`: a code with codings needs `move_to` or
/// `remove_codings` (else 409 with the number of codings).
pub async fn delete(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    JsonBody(b): JsonBody<DeleteBody>,
) -> Result<Json<CodeRemoval>> {
    let by = person(&b.by)?;
    let decision = match (b.move_to, b.remove_codings) {
        (Some(_), true) => return Err(Error::BadRequest("give move_to or remove_codings, not both".into())),
        (Some(t), false) => Some(DeleteCodings::MoveTo(t)),
        (None, true) => Some(DeleteCodings::Remove),
        (None, false) => None,
    };
    let out = state.with(move |p| Ok(CodingStore::open(p)?.delete_code(id, decision, &by)?)).await?;
    Ok(Json(out))
}

/// Filter of `GET /api/codes/history`.
#[derive(Debug, Deserialize)]
pub struct HistoryQuery {
    /// Only the events of this code (id).
    pub code: Option<i64>,
}

/// `GET /api/codes/history`: every change made to the code tree by hand.
pub async fn history(
    State(state): State<AppState>,
    Query(q): Query<HistoryQuery>,
) -> Result<Json<Vec<CodeEvent>>> {
    let events = state
        .with(move |p| {
            let store = CodingStore::open(p)?;
            let guid = q.code.map(|id| store.code(id)).transpose()?.map(|c| c.guid);
            Ok(store.code_history(guid.as_deref())?)
        })
        .await?;
    Ok(Json(events))
}
