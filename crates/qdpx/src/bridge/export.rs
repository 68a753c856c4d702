//! Project database → REFI-QDA model.

use std::collections::{BTreeSet, HashMap};

use policyscope_coding::{CodingFilter, CodingStore, MemoTarget, Status};
use policyscope_corpus::Project;

use super::{docmeta, VARIABLES};
use crate::guid::stable;
use crate::model::*;
use crate::{Error, Report, Result};

/// What to export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    /// `Project@name` (not taken from the folder, so that the same project
    /// exported from another folder gives the same bytes).
    pub name: String,
    /// Also export auto-coders' proposals not yet reviewed.
    pub include_proposed: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions { name: "policyscope project".into(), include_proposed: true }
    }
}

/// The `origin` written into exports.
pub fn origin() -> String {
    format!("policyscope {}", env!("CARGO_PKG_VERSION"))
}

fn user_guid(name: &str) -> String {
    stable(&format!("user:{name}"))
}

/// The GUID of a document's source: derived from its text, so the same
/// document has the same GUID in every project.
pub(crate) fn source_guid(text: &str) -> String {
    stable(&format!("source:{text}"))
}

/// A stored GUID in canonical form; one derived from it when it is not a
/// GUID at all (a value set through the API without checks), so the file
/// stays valid and the export deterministic.
fn export_guid(stored: &str, kind: &str) -> String {
    crate::guid::normalize(stored).unwrap_or_else(|| stable(&format!("{kind}:{stored}")))
}

/// `#RRGGBB` or `#RGB`, as the schema requires; anything else is left out.
fn export_colour(c: Option<&String>) -> Option<String> {
    c.filter(|c| {
        let hex = c.strip_prefix('#').unwrap_or("");
        matches!(hex.len(), 3 | 6) && hex.chars().all(|x| x.is_ascii_hexdigit())
    })
    .cloned()
}

const NAME_CHARS: usize = 60;

pub(crate) fn excerpt_of(text: &str, start: u64, end: u64) -> String {
    excerpt(text, start as usize, end as usize)
}

fn excerpt(text: &str, start: usize, end: usize) -> String {
    let s: String = text.chars().skip(start).take(end.saturating_sub(start)).collect();
    if s.chars().count() > NAME_CHARS {
        let mut cut: String = s.chars().take(NAME_CHARS).collect();
        cut.push('…');
        cut
    } else {
        s
    }
}

fn subtree(
    parent: Option<i64>,
    codes: &[policyscope_coding::Code],
    notes: &HashMap<i64, Vec<String>>,
    depth: usize,
) -> Vec<QdaCode> {
    if depth > codes.len() {
        return Vec::new();
    }
    codes
        .iter()
        .filter(|c| c.parent_id == parent)
        .map(|c| QdaCode {
            guid: export_guid(&c.guid, "code"),
            name: c.name.clone(),
            codable: c.codable,
            color: export_colour(c.colour.as_ref()),
            description: Some(c.description.clone()).filter(|d| !d.is_empty()),
            note_refs: notes.get(&c.id).cloned().unwrap_or_default(),
            children: subtree(Some(c.id), codes, notes, depth + 1),
        })
        .collect()
}

/// Builds the model of the whole project, with a report of what REFI-QDA
/// cannot carry.
pub fn export_model(project: &Project, opts: &ExportOptions) -> Result<(QdaProject, Report)> {
    let store = CodingStore::open(project)?;
    let mut report = Report::default();
    let codes = store.codes()?;
    let code_guid: HashMap<i64, String> =
        codes.iter().map(|c| (c.id, export_guid(&c.guid, "code"))).collect();
    let statuses =
        if opts.include_proposed { vec![Status::Proposed, Status::Accepted] } else { vec![Status::Accepted] };
    let mut codings = store.codings(&CodingFilter { statuses, ..CodingFilter::default() })?;
    codings.sort_by(|a, b| {
        (a.doc_id, a.start, a.end, &a.code_path, &a.coder, &a.guid).cmp(&(
            b.doc_id,
            b.start,
            b.end,
            &b.code_path,
            &b.coder,
            &b.guid,
        ))
    });
    let all = store.codings(&CodingFilter::default())?;
    let rejected = all.iter().filter(|c| c.status == Status::Rejected).count();
    if rejected > 0 {
        report.lose(
            format!("{rejected} rejected codings"),
            "REFI-QDA has no review status; only kept codings are exported",
        );
    }
    if !opts.include_proposed {
        let proposed = all.iter().filter(|c| c.status == Status::Proposed).count();
        if proposed > 0 {
            report.lose(format!("{proposed} unreviewed proposals"), "left out on request");
        }
    }
    let accepted_auto = codings.iter().filter(|c| c.is_auto() && c.status == Status::Accepted).count();
    if accepted_auto > 0 {
        report.warn(format!(
            "{accepted_auto} auto-coder codings were accepted in review; REFI-QDA keeps their coder but not the review"
        ));
    }
    let tagged = codes.iter().filter(|c| !c.tags.is_empty()).count();
    if tagged > 0 {
        report.lose(format!("tags of {tagged} codes"), "REFI-QDA codes have no tags");
    }
    let memos = store.memos(None)?;
    let mut users: BTreeSet<String> = codings.iter().map(|c| c.coder.clone()).collect();
    users.extend(memos.iter().map(|m| m.author.clone()));

    // Code tree with memos on codes.
    let mut code_notes: HashMap<i64, Vec<String>> = HashMap::new();
    let mut doc_notes: HashMap<i64, Vec<String>> = HashMap::new();
    let mut coding_notes: HashMap<i64, Vec<String>> = HashMap::new();
    let mut project_notes = Vec::new();
    for m in &memos {
        match m.target {
            MemoTarget::Project => project_notes.push(export_guid(&m.guid, "note")),
            MemoTarget::Document(id) => doc_notes.entry(id).or_default().push(export_guid(&m.guid, "note")),
            MemoTarget::Code(id) => code_notes.entry(id).or_default().push(export_guid(&m.guid, "note")),
            MemoTarget::Coding(id) => coding_notes.entry(id).or_default().push(export_guid(&m.guid, "note")),
        }
    }
    let tree = subtree(None, &codes, &code_notes, 0);

    let docs = project.documents(false)?;
    let mut values_used: BTreeSet<&str> = BTreeSet::new();
    let mut sources = Vec::with_capacity(docs.len());
    let mut by_doc: HashMap<i64, Vec<&policyscope_coding::Coding>> = HashMap::new();
    for c in &codings {
        by_doc.entry(c.doc_id).or_default().push(c);
    }
    for meta in &docs {
        let doc = project.document(meta.id)?;
        let mut values = Vec::new();
        for &name in VARIABLES {
            if let Some(v) = docmeta::get(meta, name) {
                values_used.insert(name);
                values.push(VariableValue { variable: stable(&format!("variable:{name}")), value: v });
            }
        }
        let selections = by_doc
            .get(&meta.id)
            .map(|list| {
                list.iter()
                    .filter_map(|c| {
                        let code = code_guid.get(&c.code_id)?.clone();
                        let user = Some(user_guid(&c.coder));
                        Some(Selection {
                            guid: export_guid(&c.guid, "selection"),
                            name: Some(excerpt(&doc.text, c.start as usize, c.end as usize)),
                            start: c.start as u64,
                            end: c.end as u64,
                            creating_user: user.clone(),
                            codings: vec![QdaCoding {
                                guid: stable(&format!("coding:{}", c.guid)),
                                code,
                                creating_user: user,
                                ..QdaCoding::default()
                            }],
                            note_refs: coding_notes.get(&c.id).cloned().unwrap_or_default(),
                            ..Selection::default()
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let guid = source_guid(&doc.text);
        let pdf = original_pdf(project, meta.id, &guid, &meta.title, &mut report)?;
        sources.push(TextSource {
            guid,
            name: Some(meta.title.clone()),
            text: doc.text,
            pdf,
            selections,
            note_refs: doc_notes.get(&meta.id).cloned().unwrap_or_default(),
            values,
            ..TextSource::default()
        });
    }
    let variables = VARIABLES
        .iter()
        .filter(|n| values_used.contains(**n))
        .map(|n| Variable {
            guid: stable(&format!("variable:{n}")),
            name: n.to_string(),
            kind: VariableType::Text,
            description: None,
        })
        .collect();
    let notes = memos
        .iter()
        .map(|m| Note {
            guid: export_guid(&m.guid, "note"),
            name: None,
            text: m.text.clone(),
            creating_user: Some(user_guid(&m.author)),
            creation_time: None,
        })
        .collect();
    let model = QdaProject {
        name: opts.name.clone(),
        origin: Some(origin()),
        users: users.iter().map(|u| User { guid: user_guid(u), name: Some(u.clone()) }).collect(),
        codes: tree,
        variables,
        sources,
        notes,
        note_refs: project_notes,
        ..QdaProject::default()
    };
    Ok((model, report))
}

/// The original PDF of a document imported from one, with a GUID derived
/// from its kept file name (a content hash) and the text's GUID, so exports
/// stay deterministic. A PDF whose original is no longer in the project is
/// exported as text alone, with a warning.
fn original_pdf(
    project: &Project,
    doc_id: i64,
    text_guid: &str,
    title: &str,
    report: &mut Report,
) -> Result<Option<PdfOriginal>> {
    let Some(source) = project.source(doc_id)? else { return Ok(None) };
    if source.format != policyscope_extract::Kind::Pdf.extension() {
        return Ok(None);
    }
    let path = project.original_path(&source);
    if !path.is_file() {
        report.warn(format!("{title}: original PDF {} is missing; exported as text only", source.original));
        return Ok(None);
    }
    let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
    Ok(Some(PdfOriginal { guid: stable(&format!("pdf:{}:{text_guid}", source.original)), bytes }))
}

/// Exports the project to a `.qdpx` file.
pub fn export_project(project: &Project, path: &std::path::Path, opts: &ExportOptions) -> Result<Report> {
    let (model, report) = export_model(project, opts)?;
    crate::write::write_qdpx(&model, path)?;
    Ok(report)
}

/// Exports the project's code tree to a `.qdc` file.
pub fn export_codebook(project: &Project, path: &std::path::Path) -> Result<Report> {
    let store = CodingStore::open(project)?;
    let codes = store.codes()?;
    if codes.is_empty() {
        return Err(Error::Invalid(
            "the project has no codes to export (Codebook.xsd needs at least one)".into(),
        ));
    }
    let mut report = Report::default();
    let tagged = codes.iter().filter(|c| !c.tags.is_empty()).count();
    if tagged > 0 {
        report.lose(format!("tags of {tagged} codes"), "REFI-QDA codes have no tags");
    }
    let tree = subtree(None, &codes, &HashMap::new(), 0);
    let xml = crate::write::codebook_xml(&tree, Some(&origin()));
    crate::write::write_atomically(path, xml.as_bytes())?;
    Ok(report)
}
