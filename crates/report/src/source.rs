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
    let mut documents = project.documents(false)?;
    // Pages show where each document came from relative to the imported
    // folder: a report travels, the builder's file system stays home.
    let root = crate::paths::import_root(documents.iter().flat_map(|d| d.paths.iter().map(String::as_str)));
    for d in &mut documents {
        d.source_path = crate::paths::shown_path(&d.source_path, root.as_deref());
        for p in &mut d.paths {
            *p = crate::paths::shown_path(p, root.as_deref());
        }
    }
    // The title the command gives, else the project's own (its settings),
    // never the folder's name, which is an accident of where it lives.
    let title = match title {
        Some(t) => t.to_string(),
        None => crate::settings::project_title(project.dir())?
            .unwrap_or_else(|| crate::settings::DEFAULT_TITLE.to_string()),
    };
    let mut data = StudyData { title, documents, ..Default::default() };
    crate::stages::coding(project, &mut data, codings)?;
    crate::stages::citations(project, &mut data)?;
    Ok(data)
}
