//! Codings and review: list, add, accept, reject, recode, memos (the code
//! tree itself is `codes.rs`).

use std::collections::HashMap;

use axum::extract::State;
use axum::Json;
use policyscope_coding::{CodingFilter, CodingStore, Memo, MemoTarget, NewCoding, Status};
use serde::{Deserialize, Serialize};

use crate::extract::{JsonBody, Path, Query};
use crate::{AppState, Error, Result};

/// Filters of `GET /api/codings`.
#[derive(Debug, Deserialize)]
pub struct CodingQuery {
    /// `proposed`, `accepted`, `rejected` (comma-separated; default: not rejected).
    pub status: Option<String>,
    /// Only this document.
    pub doc: Option<i64>,
    /// Only this code (path or name), with the codes below it.
    pub code: Option<String>,
    /// `uncertainty`: the proposals a model was least sure of first;
    /// `confidence`: the proposals of the most confident rules first.
    pub order: Option<String>,
    /// Page size (default 200).
    pub limit: Option<usize>,
    /// Codings to skip.
    pub offset: Option<usize>,
}

/// A coding with its text and some context, for review lists.
#[derive(Debug, Serialize)]
pub struct CodingInContext {
    /// The coding.
    #[serde(flatten)]
    pub coding: policyscope_coding::Coding,
    /// Title of its document.
    pub doc_title: String,
    /// Up to 60 characters before the span.
    pub before: String,
    /// The coded text.
    pub text: String,
    /// Up to 60 characters after the span.
    pub after: String,
    /// The score of the model that proposed it.
    pub score: Option<f64>,
}

/// A page of codings.
#[derive(Debug, Serialize)]
pub struct CodingPage {
    /// All codings matching the filter.
    pub total: usize,
    /// This page.
    pub codings: Vec<CodingInContext>,
}

const CONTEXT: usize = 60;

/// Codings with context, in document and text order.
pub async fn list(State(state): State<AppState>, Query(q): Query<CodingQuery>) -> Result<Json<CodingPage>> {
    let statuses = match &q.status {
        None => vec![Status::Proposed, Status::Accepted],
        Some(s) => s
            .split(',')
            .map(|x| {
                Status::parse(x.trim()).ok_or_else(|| Error::BadRequest(format!("unknown status `{x}`")))
            })
            .collect::<Result<Vec<_>>>()?,
    };
    let page = state
        .with(move |p| {
            let store = CodingStore::open(p)?;
            let filter = CodingFilter { doc_id: q.doc, code: q.code, statuses, ..Default::default() };
            let mut all = store.codings(&super::query::resolve_code(&store, filter)?)?;
            all.sort_by_key(|c| (c.doc_id, c.start, c.end, c.code_id, c.id));
            let ids: Vec<i64> = all.iter().map(|c| c.id).collect();
            let scores = policyscope_coding::learn::scores(&store, &ids)?;
            match q.order.as_deref() {
                None | Some("" | "text") => {}
                Some("uncertainty") => {
                    policyscope_coding::learn::order_by_uncertainty(&mut all, |c| c.id, &scores)
                }
                Some("confidence") => {
                    let confidence = policyscope_coding::rule_confidences(&store)?;
                    policyscope_coding::order_by_confidence(&mut all, |c| c.id, &confidence)
                }
                Some(o) => {
                    return Err(Error::BadRequest(format!(
                        "order must be text, uncertainty or confidence, got `{o}`"
                    )))
                }
            }
            let total = all.len();
            let mut texts: HashMap<i64, (String, Vec<char>)> = HashMap::new();
            let mut out = Vec::new();
            for c in all.into_iter().skip(q.offset.unwrap_or(0)).take(q.limit.unwrap_or(200).min(2000)) {
                let (title, chars) = match texts.entry(c.doc_id) {
                    std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                    std::collections::hash_map::Entry::Vacant(e) => {
                        let d = p.document(c.doc_id)?;
                        e.insert((d.meta.title, d.text.chars().collect()))
                    }
                };
                let (s, e) =
                    ((c.start.max(0) as usize).min(chars.len()), (c.end.max(0) as usize).min(chars.len()));
                let s = s.min(e);
                out.push(CodingInContext {
                    doc_title: title.clone(),
                    before: chars[s.saturating_sub(CONTEXT)..s].iter().collect(),
                    text: chars[s..e].iter().collect(),
                    after: chars[e..(e + CONTEXT).min(chars.len())].iter().collect(),
                    score: scores.get(&c.id).copied(),
                    coding: c,
                });
            }
            Ok(CodingPage { total, codings: out })
        })
        .await?;
    Ok(Json(page))
}

/// Body of `POST /api/codings`.
#[derive(Debug, Deserialize)]
pub struct AddCoding {
    /// Document.
    pub doc_id: i64,
    /// Code.
    pub code_id: i64,
    /// First code point.
    pub start: i64,
    /// One past the last code point.
    pub end: i64,
    /// Who codes.
    pub coder: String,
}

/// Adds a person's coding (accepted).
pub async fn add(
    State(state): State<AppState>,
    JsonBody(b): JsonBody<AddCoding>,
) -> Result<Json<policyscope_coding::Coding>> {
    let coder = person(&b.coder)?;
    let c = state
        .with(move |p| {
            let store = CodingStore::open(p)?;
            Ok(store.add_coding(&NewCoding {
                doc_id: b.doc_id,
                code_id: b.code_id,
                start: b.start,
                end: b.end,
                coder,
                status: Status::Accepted,
                guid: None,
            })?)
        })
        .await?;
    Ok(Json(c))
}

/// Body of the review endpoints.
#[derive(Debug, Deserialize)]
pub struct Decision {
    /// Who decides.
    pub reviewer: String,
    /// For recode: the new code.
    pub code_id: Option<i64>,
}

/// A person's name as given by the browser: trimmed, not empty, not a
/// placeholder, not a machine coder's (400 otherwise).
fn person(name: &str) -> Result<String> {
    super::codes::person(name).map(|p| p.to_string())
}

/// `POST /api/codings/{id}/accept`.
pub async fn accept(
    state: State<AppState>,
    id: Path<i64>,
    body: JsonBody<Decision>,
) -> Result<Json<policyscope_coding::Coding>> {
    decide(state, id, body, "accept").await
}

/// `POST /api/codings/{id}/reject`.
pub async fn reject(
    state: State<AppState>,
    id: Path<i64>,
    body: JsonBody<Decision>,
) -> Result<Json<policyscope_coding::Coding>> {
    decide(state, id, body, "reject").await
}

/// `POST /api/codings/{id}/recode` (returns the new coding).
pub async fn recode(
    state: State<AppState>,
    id: Path<i64>,
    body: JsonBody<Decision>,
) -> Result<Json<policyscope_coding::Coding>> {
    decide(state, id, body, "recode").await
}

async fn decide(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    JsonBody(b): JsonBody<Decision>,
    what: &'static str,
) -> Result<Json<policyscope_coding::Coding>> {
    let reviewer = person(&b.reviewer)?;
    let c = state
        .with(move |p| {
            let store = CodingStore::open(p)?;
            Ok(match what {
                "accept" => store.accept(id, &reviewer)?,
                "reject" => store.reject(id, &reviewer)?,
                _ => {
                    let code = b.code_id.ok_or_else(|| Error::BadRequest("recode needs `code_id`".into()))?;
                    store.recode(id, code, &reviewer)?
                }
            })
        })
        .await?;
    Ok(Json(c))
}

/// Body of `POST /api/memos`.
#[derive(Debug, Deserialize)]
pub struct NewMemo {
    /// What the memo is about, e.g. `{"kind":"coding","id":3}`.
    pub target: MemoTarget,
    /// Who writes.
    pub author: String,
    /// The memo.
    pub text: String,
}

/// Adds a memo.
pub async fn add_memo(State(state): State<AppState>, JsonBody(b): JsonBody<NewMemo>) -> Result<Json<Memo>> {
    let author = person(&b.author)?;
    if b.text.trim().is_empty() {
        return Err(Error::BadRequest("the memo is empty".into()));
    }
    let m = state.with(move |p| Ok(CodingStore::open(p)?.add_memo(b.target, &author, &b.text)?)).await?;
    Ok(Json(m))
}

/// Memos, optionally of one target (`?kind=coding&id=3`).
#[derive(Debug, Deserialize)]
pub struct MemoQuery {
    /// `project`, `document`, `code` or `coding`.
    pub kind: Option<String>,
    /// Id of the target.
    pub id: Option<i64>,
}

/// Lists memos.
pub async fn memos(State(state): State<AppState>, Query(q): Query<MemoQuery>) -> Result<Json<Vec<Memo>>> {
    let target = match &q.kind {
        None => None,
        Some(k) => Some(
            MemoTarget::from_parts(k, q.id)
                .ok_or_else(|| Error::BadRequest(format!("bad memo target `{k}`")))?,
        ),
    };
    let m = state.with(move |p| Ok(CodingStore::open(p)?.memos(target)?)).await?;
    Ok(Json(m))
}
