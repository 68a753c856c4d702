//! What a person decided: their codings, their review decisions and the
//! documents they worked in.

use policyscope_coding::{CodingFilter, CodingStore, Status};
use policyscope_corpus::Project;

use super::SpansByCode;
use crate::{Error, Result};

/// One person's decisions.
pub(super) struct Person {
    /// Current documents the person coded or reviewed in, by id.
    pub documents: Vec<i64>,
    /// Spans of "the codings of" the person (their own not rejected since,
    /// and others' they accepted): the positive units.
    pub positives: SpansByCode,
    /// Spans the person decided on either way: codings they made or
    /// reviewed, accepted or rejected.
    pub decided: SpansByCode,
}

/// Reads the decisions of `coder`; an unknown coder is refused with the
/// names that are known.
pub(super) fn person(project: &Project, coder: &str) -> Result<Person> {
    let store = CodingStore::open(project)?;
    let filter = CodingFilter {
        coder: Some(coder.to_string()),
        statuses: vec![Status::Proposed, Status::Accepted],
        ..CodingFilter::default()
    };
    let mut positives = SpansByCode::new();
    for c in store.codings(&filter)? {
        positives.entry((c.code_path, c.doc_id)).or_default().push((c.start as usize, c.end as usize));
    }
    let mut decided = SpansByCode::new();
    let mut documents = Vec::new();
    let sql = |e: policyscope_store::Error| Error::Coding(e.into());
    let mut stmt = project
        .conn()
        .prepare(
            "SELECT c.doc_id, k.path, c.start, c.end FROM codings c
         JOIN codes k ON k.id = c.code_id JOIN documents d ON d.id = c.doc_id
         WHERE d.superseded = 0 AND (c.coder = ?1
             OR EXISTS (SELECT 1 FROM coding_reviews r WHERE r.coding_id = c.id AND r.reviewer = ?1))
         ORDER BY c.doc_id, c.start, c.end, c.id",
        )
        .map_err(sql)?;
    let rows = stmt
        .query_map([coder], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?, r.get::<_, i64>(3)?))
        })
        .map_err(sql)?;
    for row in rows {
        let (doc, path, start, end) = row.map_err(sql)?;
        if documents.last() != Some(&doc) {
            documents.push(doc);
        }
        decided.entry((path, doc)).or_default().push((start.max(0) as usize, end.max(0) as usize));
    }
    if documents.is_empty() {
        return Err(Error::Invalid(format!(
            "{coder:?} has coded or reviewed nothing in a current document (known coders: {})",
            store.coders()?.join(", ")
        )));
    }
    Ok(Person { documents, positives, decided })
}
