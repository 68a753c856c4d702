//! Gathering a [`StudyData`] from a project: documents from the corpus,
//! codebook and codings from the coding stage, the citation graph and
//! snowball rounds from the citation stage.

use policyscope_corpus::Project;

use crate::model::StudyData;
use crate::stages::CodingChoice;
use crate::Result;

/// Reads everything a report shows from `project`. Stages that have not been
/// run leave their part empty and add a note saying so.
pub fn gather(project: &Project, title: Option<&str>, codings: &CodingChoice) -> Result<StudyData> {
    let documents = project.documents(false)?;
    let title = match title {
        Some(t) => t.to_string(),
        None => project
            .dir()
            .canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "policyscope study".to_string()),
    };
    let mut data = StudyData { title, documents, ..Default::default() };
    crate::stages::coding(project, &mut data, codings)?;
    crate::stages::citations(project, &mut data)?;
    Ok(data)
}
