//! Document metadata ⇄ variable values.

use policyscope_corpus::{DocumentMeta, MetadataUpdate, Project};

use crate::Result;

/// The value of an exported variable on a document.
pub(crate) fn get(meta: &DocumentMeta, name: &str) -> Option<String> {
    match name {
        "date" => meta.date.map(|d| d.to_string()),
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
/// just created.
pub(crate) fn set(
    project: &Project,
    doc_id: i64,
    title: Option<&str>,
    values: &[(String, String)],
) -> Result<()> {
    let mut update = MetadataUpdate {
        title: title.filter(|t| !t.trim().is_empty()).map(str::to_string),
        ..MetadataUpdate::default()
    };
    for (name, value) in values {
        let slot = match name.as_str() {
            "date" => {
                // A date enters the project only as a date: one that is not is refused, named.
                let date =
                    value.parse().map_err(|e| crate::Error::Invalid(format!("document variable {e}")))?;
                update.date = Some(date);
                continue;
            }
            "docno" => &mut update.docno,
            "doc_type" => &mut update.doc_type,
            "issuer" => &mut update.issuer,
            "language" => &mut update.language,
            "catalog_no" => &mut update.catalog_no,
            "title_en" => &mut update.title_en,
            _ => continue,
        };
        *slot = Some(value.clone());
    }
    project.update_metadata(doc_id, &update)?;
    Ok(())
}
