//! `GET /api/documents` and `GET /api/documents/{id}`.

use std::collections::HashMap;

use axum::extract::State;
use axum::Json;
use policyscope_coding::{CodingFilter, CodingStore, MemoTarget, Status};
use policyscope_corpus::DocumentMeta;
use serde::Serialize;

use crate::extract::Path;
use crate::{AppState, Result};

/// A document in the list, with its coding counts.
#[derive(Debug, Serialize)]
pub struct DocumentRow {
    /// Metadata.
    #[serde(flatten)]
    pub meta: DocumentMeta,
    /// Codings that are not rejected.
    pub codings: usize,
    /// Of those, proposals awaiting review.
    pub proposed: usize,
}

/// Every current document.
pub async fn list(State(state): State<AppState>) -> Result<Json<Vec<DocumentRow>>> {
    let rows = state
        .with(|p| {
            let docs = p.documents(false)?;
            let store = CodingStore::open(p)?;
            let mut counts: HashMap<i64, (usize, usize)> = HashMap::new();
            for c in store.codings(&CodingFilter::not_rejected())? {
                let e = counts.entry(c.doc_id).or_default();
                e.0 += 1;
                if c.status == Status::Proposed {
                    e.1 += 1;
                }
            }
            Ok(docs
                .into_iter()
                .map(|meta| {
                    let (codings, proposed) = counts.get(&meta.id).copied().unwrap_or_default();
                    DocumentRow { meta, codings, proposed }
                })
                .collect())
        })
        .await?;
    Ok(Json(rows))
}

/// A document with its text, codings (rejected ones too, marked) and memos.
#[derive(Debug, Serialize)]
pub struct DocumentView {
    /// Metadata.
    pub meta: DocumentMeta,
    /// The text; offsets are code points into it.
    pub text: String,
    /// Codings of the document, in text order.
    pub codings: Vec<policyscope_coding::Coding>,
    /// Memos on the document and on its codings.
    pub memos: Vec<policyscope_coding::Memo>,
}

/// One document.
pub async fn show(State(state): State<AppState>, Path(id): Path<i64>) -> Result<Json<DocumentView>> {
    let view = state
        .with(move |p| {
            let doc = p.document(id)?;
            let store = CodingStore::open(p)?;
            let mut codings = store.codings(&CodingFilter {
                doc_id: Some(id),
                statuses: vec![Status::Proposed, Status::Accepted, Status::Rejected],
                include_superseded: true,
                ..Default::default()
            })?;
            codings.sort_by_key(|c| (c.start, c.end, c.code_id, c.id));
            let ids: std::collections::HashSet<i64> = codings.iter().map(|c| c.id).collect();
            let memos = store
                .memos(None)?
                .into_iter()
                .filter(|m| match m.target {
                    MemoTarget::Document(d) => d == id,
                    MemoTarget::Coding(c) => ids.contains(&c),
                    _ => false,
                })
                .collect();
            Ok(DocumentView { meta: doc.meta, text: doc.text, codings, memos })
        })
        .await?;
    Ok(Json(view))
}
