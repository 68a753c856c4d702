//! Codings and review: list, add, accept, reject, recode, memos (the code
//! tree itself is `codes.rs`).

use std::collections::HashMap;

use axum::extract::State;
use axum::Json;
use policyscope_coding::{CodingFilter, CodingStore, Memo, MemoTarget, NewCoding, Status, Verdict};
use serde::{Deserialize, Serialize};

use crate::auth::{Caller, Role};
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
    /// Who codes (single-user mode; signed in, the session says who).
    #[serde(default)]
    pub coder: Option<String>,
}

/// Adds a person's coding (accepted), with its audit entry.
pub async fn add(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(b): JsonBody<AddCoding>,
) -> Result<Json<policyscope_coding::Coding>> {
    let coder = caller.author(b.coder.as_deref())?;
    let c = state
        .with(move |p| {
            let store = CodingStore::open(p)?;
            Ok(store.code_passage(&NewCoding {
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

/// Body of the review endpoints and of a coding's deletion.
#[derive(Debug, Deserialize)]
pub struct Decision {
    /// Who decides (single-user mode; signed in, the session says who).
    #[serde(default)]
    pub reviewer: Option<String>,
    /// For recode: the new code.
    pub code_id: Option<i64>,
    /// The coding's version when it was loaded: a coding changed since is
    /// refused (409) rather than overwritten.
    pub version: Option<i64>,
}

/// Refuses a coder's change to a coding or memo another person made; an
/// admin may change any, and anyone may review a machine's proposals.
fn may_change(caller: &Caller, owner: &str) -> Result<()> {
    let machine = policyscope_coding::MACHINE_PREFIXES.iter().any(|p| owner.starts_with(p));
    match &caller.user {
        Some(user) if caller.role != Role::Admin && !machine && owner != user => Err(Error::Forbidden(
            format!("this was made by {owner}: a coder may change only their own codings and memos"),
        )),
        _ => Ok(()),
    }
}

/// `POST /api/codings/{id}/accept`.
pub async fn accept(
    state: State<AppState>,
    caller: Caller,
    id: Path<i64>,
    body: JsonBody<Decision>,
) -> Result<Json<policyscope_coding::Coding>> {
    decide(state, caller, id, body, "accept").await
}

/// `POST /api/codings/{id}/reject`.
pub async fn reject(
    state: State<AppState>,
    caller: Caller,
    id: Path<i64>,
    body: JsonBody<Decision>,
) -> Result<Json<policyscope_coding::Coding>> {
    decide(state, caller, id, body, "reject").await
}

/// `POST /api/codings/{id}/recode` (returns the new coding).
pub async fn recode(
    state: State<AppState>,
    caller: Caller,
    id: Path<i64>,
    body: JsonBody<Decision>,
) -> Result<Json<policyscope_coding::Coding>> {
    decide(state, caller, id, body, "recode").await
}

async fn decide(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    JsonBody(b): JsonBody<Decision>,
    what: &'static str,
) -> Result<Json<policyscope_coding::Coding>> {
    let reviewer = caller.author(b.reviewer.as_deref())?;
    let verdict = match what {
        "accept" => Verdict::Accept,
        "reject" => Verdict::Reject,
        _ => Verdict::Recode(b.code_id.ok_or_else(|| Error::BadRequest("recode needs `code_id`".into()))?),
    };
    let c = state
        .with(move |p| {
            let store = CodingStore::open(p)?;
            may_change(&caller, &store.coding(id)?.coder)?;
            Ok(store.review(id, &reviewer, verdict, b.version)?)
        })
        .await?;
    Ok(Json(c))
}

/// `POST /api/codings/{id}/delete`: deletes a coding with its reviews and
/// memos (review keeps a rejected coding instead; this is for mistakes).
pub async fn delete(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    JsonBody(b): JsonBody<Decision>,
) -> Result<Json<serde_json::Value>> {
    let by = caller.author(b.reviewer.as_deref())?;
    state
        .with(move |p| {
            let store = CodingStore::open(p)?;
            may_change(&caller, &store.coding(id)?.coder)?;
            Ok(store.delete_coding_by(id, &by, b.version)?)
        })
        .await?;
    Ok(Json(serde_json::json!({ "deleted": id })))
}

/// Body of `POST /api/memos`.
#[derive(Debug, Deserialize)]
pub struct NewMemo {
    /// What the memo is about, e.g. `{"kind":"coding","id":3}`.
    pub target: MemoTarget,
    /// Who writes (single-user mode; signed in, the session says who).
    #[serde(default)]
    pub author: Option<String>,
    /// The memo.
    pub text: String,
}

/// Adds a memo, with its audit entry.
pub async fn add_memo(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(b): JsonBody<NewMemo>,
) -> Result<Json<Memo>> {
    let author = caller.author(b.author.as_deref())?;
    if b.text.trim().is_empty() {
        return Err(Error::BadRequest("the memo is empty".into()));
    }
    let m = state.with(move |p| Ok(CodingStore::open(p)?.write_memo(b.target, &author, &b.text)?)).await?;
    Ok(Json(m))
}

/// Body of `POST /api/memos/{id}` and `/api/memos/{id}/delete`.
#[derive(Debug, Deserialize)]
pub struct MemoEdit {
    /// Who edits (single-user mode; signed in, the session says who).
    #[serde(default)]
    pub author: Option<String>,
    /// The new text (edits only).
    pub text: Option<String>,
    /// The memo's version when it was loaded: a memo changed since is
    /// refused (409) rather than overwritten.
    pub version: Option<i64>,
}

/// `POST /api/memos/{id}`: replaces a memo's text.
pub async fn edit_memo(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    JsonBody(b): JsonBody<MemoEdit>,
) -> Result<Json<Memo>> {
    let by = caller.author(b.author.as_deref())?;
    let text = b
        .text
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| Error::BadRequest("the memo is empty".into()))?;
    let m = state
        .with(move |p| {
            let store = CodingStore::open(p)?;
            may_change(&caller, &store.memo(id)?.author)?;
            Ok(store.update_memo(id, &text, &by, b.version)?)
        })
        .await?;
    Ok(Json(m))
}

/// `POST /api/memos/{id}/delete`.
pub async fn delete_memo(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    JsonBody(b): JsonBody<MemoEdit>,
) -> Result<Json<serde_json::Value>> {
    let by = caller.author(b.author.as_deref())?;
    state
        .with(move |p| {
            let store = CodingStore::open(p)?;
            may_change(&caller, &store.memo(id)?.author)?;
            Ok(store.delete_memo(id, &by, b.version)?)
        })
        .await?;
    Ok(Json(serde_json::json!({ "deleted": id })))
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
