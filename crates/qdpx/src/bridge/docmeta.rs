//! Document metadata ⇄ variable values.

use policyscope_corpus::{DocumentMeta, Project};
use rusqlite::params;

use crate::Result;

/// The value of an exported variable on a document.
pub(crate) fn get(meta: &DocumentMeta, name: &str) -> Option<String> {
    match name {
        "date" => meta.date.clone(),
        "docno" => meta.docno.clone(),
        "doc_type" => meta.doc_type.clone(),
        "issuer" => meta.issuer.clone(),
        "language" => Some(meta.language.clone()),
        "catalog_no" => meta.catalog_no.clone(),
        "title_en" => meta.title_en.clone(),
        _ => None,
    }
    .filter(|v| !v.is_empty())
}

/// Sets the title and the known variables of a document that an import
/// just created. The corpus has no metadata-update call yet, so this writes
/// the `documents` row directly, limited to these descriptive columns.
pub(crate) fn set(
    project: &Project,
    doc_id: i64,
    title: Option<&str>,
    values: &[(String, String)],
) -> Result<()> {
    let conn = project.conn();
    if let Some(t) = title.filter(|t| !t.trim().is_empty()) {
        conn.execute("UPDATE documents SET title = ?2 WHERE id = ?1", params![doc_id, t])?;
    }
    for (name, value) in values {
        let column = match name.as_str() {
            "date" => "date",
            "docno" => "docno",
            "doc_type" => "doc_type",
            "issuer" => "issuer",
            "language" => "language",
            "catalog_no" => "catalog_no",
            "title_en" => "title_en",
            _ => continue,
        };
        conn.execute(&format!("UPDATE documents SET {column} = ?2 WHERE id = ?1"), params![doc_id, value])?;
    }
    Ok(())
}
