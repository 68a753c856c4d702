//! Reading the results of the coding and citation stages.

use policyscope_coding::{CodingFilter, CodingStore, Status};
use policyscope_corpus::Project;

use crate::model::{palette_color, Code, Coding, StudyData};
use crate::{Error, Result};

fn coding_err(e: policyscope_coding::Error) -> Error {
    Error::Stage { stage: "coding", message: e.to_string() }
}

/// Fills the codebook and the codings that are not rejected (proposed ones
/// included, so that an auto-coded project that nobody reviewed yet has a
/// report; the overview says how many await review).
pub(crate) fn coding(project: &Project, data: &mut StudyData) -> Result<()> {
    let store = CodingStore::open(project).map_err(coding_err)?;
    let codes = store.codes().map_err(coding_err)?;
    data.codes = codes
        .iter()
        .enumerate()
        .map(|(i, c)| Code {
            id: c.id,
            name: c.name.clone(),
            parent: c.parent_id,
            description: c.description.clone(),
            color: c.colour.clone().unwrap_or_else(|| palette_color(i).to_string()),
        })
        .collect();
    let current: std::collections::HashSet<i64> = data.documents.iter().map(|d| d.id).collect();
    let codings = store.codings(&CodingFilter::not_rejected()).map_err(coding_err)?;
    let proposed = codings.iter().filter(|c| c.status == Status::Proposed).count();
    data.codings = codings
        .into_iter()
        .filter(|c| current.contains(&c.doc_id))
        .map(|c| Coding {
            id: c.id,
            doc_id: c.doc_id,
            code_id: c.code_id,
            start: c.start,
            end: c.end,
            status: c.status.as_str().to_string(),
            memo: None,
        })
        .collect();
    if data.codes.is_empty() {
        data.notes.push("No codebook yet: run `policyscope code` to code the documents.".into());
    } else if proposed > 0 {
        data.notes.push(format!(
            "{proposed} of {} codings are automatic proposals not yet reviewed; they are shown with the accepted ones.",
            data.codings.len()
        ));
    }
    Ok(())
}

/// Fills the citation graph among the project's documents.
pub(crate) fn citations(_project: &Project, data: &mut StudyData) -> Result<()> {
    data.notes.push("Citations are not available in this build: the graph is empty.".into());
    Ok(())
}
