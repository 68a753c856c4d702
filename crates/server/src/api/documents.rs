//! `GET /api/documents`, `GET /api/documents/{id}`, and the edits of a
//! document's metadata and translation link (`POST`). Uploads are in
//! [`super::upload`].

use std::collections::HashMap;

use axum::extract::State;
use axum::Json;
use policyscope_coding::{CodingFilter, CodingStore, MemoTarget, Status};
use policyscope_corpus::display::Segment;
use policyscope_corpus::{DocumentMeta, MetadataField, MetadataUpdate, Project};
use policyscope_text::PolicyDate;
use serde::{Deserialize, Serialize};

use crate::extract::{JsonBody, Path};
use crate::{AppState, Error, Result};

/// A document id from the path; anything but a whole number is a 400 that
/// says so (`/api/documents/abc`).
pub(crate) fn doc_id(raw: &str) -> Result<i64> {
    raw.trim().parse::<i64>().ok().filter(|id| *id > 0).ok_or_else(|| {
        let shown: String = raw.chars().take(40).collect();
        Error::BadRequest(format!("`{shown}` is not a document id: ids are whole numbers (1, 2, 3 …)"))
    })
}

/// Another document as a document page names it.
#[derive(Debug, Serialize)]
pub struct DocLink {
    /// Id.
    pub id: i64,
    /// The document's one visible label.
    pub label: String,
    /// Title.
    pub title: String,
    /// Language tag.
    pub language: String,
}

impl DocLink {
    fn of(m: &DocumentMeta) -> DocLink {
        DocLink {
            id: m.id,
            label: policyscope_corpus::label(m),
            title: m.title.clone(),
            language: m.language.clone(),
        }
    }
}

/// A document in the list, with its coding counts.
#[derive(Debug, Serialize)]
pub struct DocumentRow {
    /// Metadata.
    #[serde(flatten)]
    pub meta: DocumentMeta,
    /// The document's one visible label.
    pub label: String,
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
                    DocumentRow { label: policyscope_corpus::label(&meta), meta, codings, proposed }
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
    /// The document's one visible label.
    pub label: String,
    /// The original, when this is a translation.
    pub original: Option<DocLink>,
    /// Its translations.
    pub translations: Vec<DocLink>,
    /// The text; offsets are code points into it.
    pub text: String,
    /// How the text is shown: segments tiling it (hidden markup, headings).
    pub display: Vec<Segment>,
    /// Codings of the document, in text order.
    pub codings: Vec<policyscope_coding::Coding>,
    /// Memos on the document and on its codings.
    pub memos: Vec<policyscope_coding::Memo>,
}

/// One document.
pub async fn show(State(state): State<AppState>, Path(raw): Path<String>) -> Result<Json<DocumentView>> {
    let id = doc_id(&raw)?;
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
            let (original, translations) = links(p, &doc.meta)?;
            Ok(DocumentView {
                label: policyscope_corpus::label(&doc.meta),
                original,
                translations,
                display: policyscope_corpus::display::segments(&doc.text),
                meta: doc.meta,
                text: doc.text,
                codings,
                memos,
            })
        })
        .await?;
    Ok(Json(view))
}

/// The original of a translation and the translations of a document.
fn links(p: &Project, meta: &DocumentMeta) -> Result<(Option<DocLink>, Vec<DocLink>)> {
    let original = match meta.translation_of {
        Some(o) => Some(DocLink::of(&p.document_meta(o)?)),
        None => None,
    };
    let translations = p
        .translations_of(meta.id)?
        .into_iter()
        .map(|t| Ok(DocLink::of(&p.document_meta(t)?)))
        .collect::<Result<_>>()?;
    Ok((original, translations))
}

/// Metadata to change; a field left out (or `null`) stays as it is.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetadataEdit {
    /// Title (not empty).
    pub title: Option<String>,
    /// Date, `YYYY[-MM[-DD]]` (also `2021年8月20日`).
    pub date: Option<String>,
    /// Document type.
    pub doc_type: Option<String>,
    /// Document number (文号).
    pub docno: Option<String>,
    /// Issuing body.
    pub issuer: Option<String>,
    /// English title.
    pub title_en: Option<String>,
    /// Catalog number.
    pub catalog_no: Option<String>,
}

/// Longest value of a metadata field, in characters.
const MAX_FIELD_CHARS: usize = 1000;

impl MetadataEdit {
    /// The update, with the date read as the project's one date type.
    fn update(self) -> Result<MetadataUpdate> {
        let fields = [
            &self.title,
            &self.date,
            &self.doc_type,
            &self.docno,
            &self.issuer,
            &self.title_en,
            &self.catalog_no,
        ];
        if fields.iter().any(|f| f.as_ref().is_some_and(|v| v.chars().count() > MAX_FIELD_CHARS)) {
            return Err(Error::BadRequest(format!(
                "a metadata value is longer than {MAX_FIELD_CHARS} characters"
            )));
        }
        // A field sent empty is emptied (the app's form sends what its box
        // holds); one left out stays as it is.
        let mut clear = Vec::new();
        let mut value = |v: Option<String>, field: MetadataField| match v.map(|v| v.trim().to_string()) {
            Some(v) if v.is_empty() => {
                clear.push(field);
                None
            }
            other => other,
        };
        let date = match value(self.date, MetadataField::Date) {
            Some(d) => Some(d.parse::<PolicyDate>().map_err(|e| Error::BadRequest(format!("date: {e}")))?),
            None => None,
        };
        let doc_type = value(self.doc_type, MetadataField::DocType);
        let docno = value(self.docno, MetadataField::Docno);
        let issuer = value(self.issuer, MetadataField::Issuer);
        let title_en = value(self.title_en, MetadataField::TitleEn);
        let catalog_no = value(self.catalog_no, MetadataField::CatalogNo);
        Ok(MetadataUpdate {
            title: self.title.map(|t| t.trim().to_string()),
            date,
            doc_type,
            docno,
            issuer,
            title_en,
            catalog_no,
            clear,
            ..Default::default()
        })
    }
}

/// Changes a document's metadata; answers with the metadata as stored.
pub async fn edit(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    JsonBody(edit): JsonBody<MetadataEdit>,
) -> Result<Json<DocumentMeta>> {
    let id = doc_id(&raw)?;
    let update = edit.update()?;
    let meta = state
        .with_documents_changed(move |p| {
            p.update_metadata(id, &update)?;
            Ok(p.document_meta(id)?)
        })
        .await?;
    Ok(Json(meta))
}

/// The original a translation points at; `null` removes the link.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranslationLink {
    /// Id of the original.
    pub original: Option<i64>,
}

/// Links a translation to its original (or unlinks it).
pub async fn link_translation(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    JsonBody(link): JsonBody<TranslationLink>,
) -> Result<Json<DocumentMeta>> {
    let id = doc_id(&raw)?;
    let meta = state
        .with(move |p| {
            match link.original {
                Some(o) => p.link_translation(id, o)?,
                None => p.unlink_translation(id)?,
            }
            Ok(p.document_meta(id)?)
        })
        .await?;
    Ok(Json(meta))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_numeric_document_id_is_a_clear_bad_request() {
        assert_eq!(doc_id(" 12 ").ok(), Some(12));
        for bad in ["abc", "1.5", "-3", "0", ""] {
            let e = doc_id(bad).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(e.contains("is not a document id"), "{bad}: {e}");
        }
    }

    #[test]
    fn metadata_edit_reads_dates_through_the_one_date_type() {
        let edit = MetadataEdit { date: Some("2021年8月20日".into()), ..Default::default() };
        assert_eq!(
            edit.update().ok().and_then(|u| u.date).map(|d| d.to_string()).as_deref(),
            Some("2021-08-20")
        );
        let bad = MetadataEdit { date: Some("2021-02-30".into()), ..Default::default() };
        assert!(matches!(bad.update(), Err(Error::BadRequest(_))));
    }
}
