//! `policyscope docs list|show|edit|link-translation|unlink-translation|reextract`.

use std::process::ExitCode;

use super::Context;

/// List and show documents.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// One line (or JSON record) per document.
    List {
        /// Also list versions replaced by a later import of the same file.
        #[arg(long)]
        all: bool,
    },
    /// One document with its metadata and full text (page by page when paged).
    Show {
        /// The document: an id, `no:` and its catalog number, its label, or the end of its path.
        doc: String,
    },
    /// Change a document's title, date, type, document number, issuer,
    /// English title or catalog number, or empty one (the text never changes).
    Edit {
        /// The document: an id, `no:` and its catalog number, its label, or the end of its path.
        doc: String,
        #[command(flatten)]
        fields: EditFields,
    },
    /// Record that a document is a translation of another: it is shown with
    /// its original and counted with it in tables.
    LinkTranslation {
        /// The translation: an id, `no:` and its catalog number, its label, or the end of its path.
        translation: String,
        /// The original: an id, `no:` and its catalog number, its label, or the end of its path.
        original: String,
    },
    /// Remove the link of a translation to its original.
    UnlinkTranslation {
        /// The translation: an id, `no:` and its catalog number, its label, or the end of its path.
        translation: String,
    },
    /// Read PDF, Word and OFD documents again from their kept originals and
    /// store a new version of each whose text changed.
    Reextract {
        /// Only show what would change.
        #[arg(long)]
        dry_run: bool,
        /// OCR PDFs without a text layer.
        #[arg(long)]
        ocr: bool,
    },
}

/// The metadata `docs edit` can change; a field not given stays as it is.
#[derive(Debug, clap::Args)]
pub struct EditFields {
    /// New title.
    #[arg(long)]
    title: Option<String>,
    /// New date (YYYY, YYYY-MM or YYYY-MM-DD; also 2021年8月20日).
    #[arg(long)]
    date: Option<policyscope::text::PolicyDate>,
    /// New document type (法, 条例, 办法, 通知 …).
    #[arg(long = "type")]
    doc_type: Option<String>,
    /// New document number (文号).
    #[arg(long)]
    docno: Option<String>,
    /// New issuing body.
    #[arg(long)]
    issuer: Option<String>,
    /// New English title.
    #[arg(long)]
    title_en: Option<String>,
    /// New catalog number.
    #[arg(long)]
    catalog_no: Option<String>,
    /// Empty a field: date, docno, type, issuer, language, catalog-no or
    /// title-en (repeat for several; the title cannot be emptied).
    #[arg(long, value_name = "FIELD")]
    clear: Vec<policyscope::corpus::MetadataField>,
}

impl EditFields {
    fn update(&self) -> policyscope::corpus::MetadataUpdate {
        policyscope::corpus::MetadataUpdate {
            title: self.title.clone(),
            date: self.date,
            doc_type: self.doc_type.clone(),
            docno: self.docno.clone(),
            issuer: self.issuer.clone(),
            title_en: self.title_en.clone(),
            catalog_no: self.catalog_no.clone(),
            clear: self.clear.clone(),
            ..Default::default()
        }
    }
}

/// The one document `arg` names: an id (any version), or — among the
/// current documents, as snowball seeds name them — `#id`, `no:LABEL` (a
/// catalog number: `no:08`), a label that is not a bare number (`08-en`) or
/// the end of a source path.
fn find_doc(project: &policyscope::corpus::Project, arg: &str) -> anyhow::Result<i64> {
    let label = match arg.trim().strip_prefix("no:") {
        Some(label) => label,
        None => match arg.trim().parse::<i64>() {
            Ok(id) => return Ok(project.document_meta(id)?.id),
            Err(_) => arg,
        },
    };
    let docs = project.documents(false)?;
    let mut found = policyscope::corpus::find_by_label(&docs, label);
    if found.is_empty() {
        // The end of a source path, as snowball seeds take it.
        found = docs.iter().filter(|d| d.paths.iter().any(|p| p.ends_with(label))).map(|d| d.id).collect();
    }
    match found.as_slice() {
        [one] => Ok(*one),
        [] => anyhow::bail!("no current document is `{arg}` (give an id from `policyscope docs list`)"),
        many => {
            let ids: Vec<String> = many.iter().map(|id| format!("#{id}")).collect();
            anyhow::bail!("`{arg}` names {} documents ({}); give one id", many.len(), ids.join(", "))
        }
    }
}

/// Runs `docs`.
pub fn run(cmd: &Command, ctx: &Context) -> anyhow::Result<ExitCode> {
    let mut project = ctx.open_project()?;
    match cmd {
        Command::List { all } => {
            let docs = project.documents(*all)?;
            if ctx.json {
                crate::output::json(&docs)?;
            } else {
                for d in &docs {
                    crate::output::line(&format!(
                        "{:>5}  {}  {:<10}  {}  {}",
                        d.id,
                        crate::output::pad(&policyscope::corpus::label(d), 8),
                        d.date.map_or_else(|| "-".to_string(), |d| d.to_string()),
                        crate::output::pad(d.docno.as_deref().unwrap_or("-"), 22),
                        policyscope::text::shorten(&d.title, 60)
                    ))?;
                }
                ctx.say(format!("{} documents", docs.len()));
            }
        }
        Command::Show { doc } => {
            let id = &find_doc(&project, doc)?;
            let doc = project.document(*id)?;
            let pages = project.pages(*id)?;
            let source = project.source(*id)?;
            if ctx.json {
                let mut value = serde_json::to_value(&doc)?;
                value["pages"] = serde_json::to_value(&pages)?;
                value["source"] = serde_json::to_value(&source)?;
                crate::output::json(&value)?;
            } else {
                let m = &doc.meta;
                let mut out = format!(
                    "id:        {}\nlabel:     {}\ntitle:     {}\ndate:      {}\ndocno:     {}\ntype:      {}\nlanguage:  {}\nencoding:  {}\n",
                    m.id,
                    policyscope::corpus::label(m),
                    m.title,
                    m.date.map_or_else(|| "-".to_string(), |d| d.to_string()),
                    m.docno.as_deref().unwrap_or("-"),
                    m.doc_type.as_deref().unwrap_or("-"),
                    m.language,
                    m.encoding
                );
                for p in &m.paths {
                    out.push_str(&format!("path:      {p}\n"));
                }
                if let Some(o) = m.translation_of {
                    out.push_str(&format!("translation of: #{o}\n"));
                }
                let translations = project.translations_of(m.id)?;
                if !translations.is_empty() {
                    let ids: Vec<String> = translations.iter().map(|t| format!("#{t}")).collect();
                    out.push_str(&format!("translations: {}\n", ids.join(", ")));
                }
                if let Some(s) = &source {
                    let ocr = if s.ocr { ", text recognised by OCR" } else { "" };
                    out.push_str(&format!(
                        "original:  {}/{} (read by {} {}{ocr})\n",
                        policyscope::corpus::ORIGINALS_DIR,
                        s.original,
                        s.extractor,
                        s.extractor_version
                    ));
                }
                if !pages.is_empty() {
                    out.push_str(&format!("pages:     {}\n", pages.len()));
                }
                out.push('\n');
                if pages.is_empty() {
                    out.push_str(&doc.text);
                } else {
                    for p in &pages {
                        let text =
                            policyscope::text::slice_chars(&doc.text, p.start as usize, p.end as usize);
                        out.push_str(&format!("[p. {}]\n{}\n\n", p.page, text.trim_end()));
                    }
                }
                crate::output::line(out.trim_end())?;
            }
        }
        Command::Edit { doc, fields } => {
            let id = find_doc(&project, doc)?;
            let update = fields.update();
            if update == policyscope::corpus::MetadataUpdate::default() {
                anyhow::bail!(
                    "nothing to change: give --title, --date, --type, --docno, --issuer, --title-en, --catalog-no or --clear FIELD"
                );
            }
            project.update_metadata(id, &update)?;
            policyscope::search::sync_index(&project)?;
            let meta = project.document_meta(id)?;
            if ctx.json {
                crate::output::json(&meta)?;
            } else {
                ctx.say(format!("document {} ({}) updated", meta.id, policyscope::corpus::label(&meta)));
            }
        }
        Command::LinkTranslation { translation, original } => {
            let (t, o) = (find_doc(&project, translation)?, find_doc(&project, original)?);
            project.link_translation(t, o)?;
            ctx.say(format!("#{t} is now a translation of #{o}"));
        }
        Command::UnlinkTranslation { translation } => {
            let t = find_doc(&project, translation)?;
            project.unlink_translation(t)?;
            ctx.say(format!("#{t} is no longer linked to an original"));
        }
        Command::Reextract { dry_run, ocr } => return reextract(&mut project, *dry_run, *ocr, ctx),
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `docs reextract`: one line per document read from a published format.
fn reextract(
    project: &mut policyscope::corpus::Project,
    dry_run: bool,
    ocr: bool,
    ctx: &Context,
) -> anyhow::Result<ExitCode> {
    use policyscope::corpus::import::{reextract, Change, ImportOptions};
    let options = ImportOptions { ocr, ..ImportOptions::default() };
    let reports = reextract(project, &options, dry_run)?;
    if !dry_run && reports.iter().any(|r| matches!(r.change, Change::Changed { .. })) {
        policyscope::search::sync_index(project)?;
    }
    let failed = reports.iter().filter(|r| matches!(r.change, Change::Failed { .. })).count();
    if ctx.json {
        crate::output::json(&reports)?;
    } else {
        for r in &reports {
            let line = match &r.change {
                Change::Same => format!("{:>5}  same text  ({})", r.id, r.extractor_before),
                Change::Changed { chars_before, chars_after, first_difference, before, after, new_id } => format!(
                    "{:>5}  changed: {chars_before} -> {chars_after} characters, first difference at {first_difference}: \"{before}\" -> \"{after}\"{}",
                    r.id,
                    new_id.map(|n| format!(" (new version {n})")).unwrap_or_else(|| " (dry run)".to_string())
                ),
                Change::Failed { reason } => format!("{:>5}  failed: {reason}", r.id),
            };
            crate::output::line(&line)?;
        }
        ctx.say(format!("{} documents re-extracted, {failed} failed", reports.len()));
    }
    Ok(if failed > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}
