//! The one visible label of a document, used by the report, the web app,
//! the CLI's tables and the exports alike, and the reading of a label back
//! into documents (`--seed no:08`).
//!
//! A document is labelled by its catalog number when it has one, else by
//! `#id`. A translation sharing its original's catalog number is told
//! apart by its language (`08-en`), so the bare number names the original.

use crate::DocumentMeta;

/// The label of a document: `08`, `08-en` for a translation that shares
/// the number, or `#12` without a catalog number.
pub fn label(meta: &DocumentMeta) -> String {
    match meta.catalog_no.as_deref().map(str::trim) {
        Some(no) if !no.is_empty() => match meta.translation_of {
            Some(_) => format!("{no}-{}", meta.language),
            None => no.to_string(),
        },
        _ => format!("#{}", meta.id),
    }
}

/// The documents a label or catalog number names among `docs`: `#12` is
/// always the document with id 12; else those whose label is exactly
/// `wanted`; failing that, those whose catalog number is
/// `wanted`, originals before their translations (a translation is left out
/// when its original is also named). Several ids mean an ambiguous label.
pub fn find_by_label(docs: &[DocumentMeta], wanted: &str) -> Vec<i64> {
    let wanted = wanted.trim();
    if let Some(id) = wanted.strip_prefix('#').and_then(|n| n.parse::<i64>().ok()) {
        return docs.iter().filter(|d| d.id == id).map(|d| d.id).collect();
    }
    let exact: Vec<i64> = docs.iter().filter(|d| label(d) == wanted).map(|d| d.id).collect();
    if !exact.is_empty() {
        return exact;
    }
    let numbered: Vec<&DocumentMeta> =
        docs.iter().filter(|d| d.catalog_no.as_deref().map(str::trim) == Some(wanted)).collect();
    let ids: Vec<i64> = numbered.iter().map(|d| d.id).collect();
    let originals: Vec<i64> = numbered
        .iter()
        .filter(|d| !d.translation_of.is_some_and(|o| ids.contains(&o)))
        .map(|d| d.id)
        .collect();
    originals
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: i64, no: Option<&str>, lang: &str, of: Option<i64>) -> DocumentMeta {
        DocumentMeta {
            catalog_no: no.map(str::to_string),
            language: lang.to_string(),
            translation_of: of,
            ..DocumentMeta::new(id, "t", None)
        }
    }

    #[test]
    fn label_is_catalog_number_else_id() {
        assert_eq!(label(&doc(3, Some("08"), "zh", None)), "08");
        assert_eq!(label(&doc(3, None, "zh", None)), "#3");
        assert_eq!(label(&doc(3, Some(" "), "zh", None)), "#3");
    }

    #[test]
    fn translation_sharing_a_number_is_labelled_by_language() {
        let docs = [doc(1, Some("08"), "zh", None), doc(2, Some("08"), "en", Some(1))];
        assert_eq!(label(&docs[1]), "08-en");
        assert_eq!(find_by_label(&docs, "08"), vec![1]);
        assert_eq!(find_by_label(&docs, "08-en"), vec![2]);
        assert_eq!(find_by_label(&docs, "#2"), vec![2]);
    }

    #[test]
    fn unlinked_documents_sharing_a_number_stay_ambiguous() {
        let docs = [doc(1, Some("08"), "zh", None), doc(2, Some("08"), "en", None)];
        assert_eq!(find_by_label(&docs, "08"), vec![1, 2]);
        assert!(find_by_label(&docs, "09").is_empty());
    }
}
