//! `policyscope docs list|show|reextract`.

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
        /// The document id.
        id: i64,
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
                        "{:>5}  {:<10}  {}  {}",
                        d.id,
                        d.date.map_or_else(|| "-".to_string(), |d| d.to_string()),
                        crate::output::pad(d.docno.as_deref().unwrap_or("-"), 22),
                        policyscope::text::shorten(&d.title, 60)
                    ))?;
                }
                ctx.say(format!("{} documents", docs.len()));
            }
        }
        Command::Show { id } => {
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
                    "id:        {}\ntitle:     {}\ndate:      {}\ndocno:     {}\ntype:      {}\nlanguage:  {}\nencoding:  {}\n",
                    m.id,
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
