//! `policyscope import PATH...`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use policyscope::corpus::import::{escape_path, import_paths, ImportEvent, ImportOptions, Outcome};
use policyscope::corpus::Catalog;

use super::Context;

/// Import files and folders; `.qdpx` projects and `.qdc` codebooks are read
/// as REFI-QDA (`import qdpx IN.qdpx` and `import qdc IN.qdc` say so explicitly).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders (read recursively), or `qdpx FILE` / `qdc FILE`.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// A TSV catalog whose rows add metadata (no, date, title_zh, title_en …).
    #[arg(long)]
    catalog: Option<PathBuf>,
    /// Largest file accepted, in MB (also the largest entry of a `.qdpx`,
    /// which may unpack to 16 times this in all).
    #[arg(long, default_value_t = 64)]
    max_file_size: u64,
    /// Create the project if the folder holds none yet.
    #[arg(long)]
    init: bool,
    /// OCR the pages of PDFs that have no text layer (needs Debian's
    /// tesseract-ocr and tesseract-ocr-chi-sim).
    #[arg(long)]
    ocr: bool,
}

/// Runs `import`.
pub fn run(args: &Args, ctx: &Context) -> anyhow::Result<ExitCode> {
    let mut project = if args.init { ctx.open_or_init_project()? } else { ctx.open_project()? };
    let (interchange, paths) = split_interchange(&args.paths)?;
    if !interchange.is_empty() {
        let limits = policyscope::qdpx::Limits::for_max_file(args.max_file_size.saturating_mul(1024 * 1024));
        let failed = import_interchange(&mut project, &interchange, limits, ctx)?;
        if paths.is_empty() {
            policyscope::search::sync_index(&project).context("updating the search index")?;
            return Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS });
        }
    }
    let catalog = match &args.catalog {
        Some(p) => Some(Catalog::load(p).with_context(|| format!("reading catalog {}", p.display()))?),
        None => None,
    };
    if args.ocr {
        policyscope::corpus::import::ocr_ready().map_err(anyhow::Error::msg)?;
    }
    let options = ImportOptions {
        catalog,
        max_file_bytes: args.max_file_size.saturating_mul(1024 * 1024),
        ocr: args.ocr,
    };
    let mut bar = None;
    let summary = import_paths(&mut project, &paths, &options, &mut |event| match event {
        ImportEvent::Found(n) => bar = Some(crate::output::progress_bar(n as u64, ctx.quiet, "importing")),
        ImportEvent::Done(_) => {
            if let Some(b) = &bar {
                b.inc(1);
            }
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let indexed = policyscope::search::sync_index(&project).context("updating the search index")?;
    if ctx.json {
        crate::output::json(&serde_json::json!({
            "imported": summary.imported(),
            "unchanged": summary.unchanged(),
            "skipped": summary.skipped(),
            "failed": summary.failed(),
            "indexed": indexed,
            "files": summary.files,
        }))?;
    } else {
        // `--quiet` hides the progress bar only: what was not imported, and
        // why, is always told (paths are escaped in the reports).
        for r in &summary.files {
            match &r.outcome {
                Outcome::Failed { reason } => {
                    crate::output::message(&format!("failed: {}: {reason}", r.path))
                }
                Outcome::Skipped { reason } => {
                    crate::output::message(&format!("skipped: {}: {reason}", r.path))
                }
                _ => {}
            }
            for w in &r.warnings {
                crate::output::message(&format!("warning: {}: {w}", r.path));
            }
        }
        crate::output::message(&format!(
            "{} imported, {} unchanged, {} skipped, {} failed ({} documents indexed)",
            summary.imported(),
            summary.unchanged(),
            summary.skipped(),
            summary.failed(),
            indexed
        ));
    }
    Ok(if summary.failed() > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// A REFI-QDA file to import.
#[derive(Debug)]
enum Interchange {
    Project(PathBuf),
    Codebook(PathBuf),
}

/// Separates `.qdpx`/`.qdc` files (and the `qdpx`/`qdc` keywords) from the
/// documents to import.
fn split_interchange(paths: &[PathBuf]) -> anyhow::Result<(Vec<Interchange>, Vec<PathBuf>)> {
    let mut interchange = Vec::new();
    let mut documents = Vec::new();
    let mut keyword: Option<&str> = None;
    for path in paths {
        let as_str = path.to_str().unwrap_or("");
        if (as_str == "qdpx" || as_str == "qdc") && !path.exists() {
            keyword = Some(if as_str == "qdpx" { "qdpx" } else { "qdc" });
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        match (keyword, ext.as_deref()) {
            (Some("qdpx"), _) | (None, Some("qdpx")) => interchange.push(Interchange::Project(path.clone())),
            (Some(_), _) | (None, Some("qdc")) => interchange.push(Interchange::Codebook(path.clone())),
            (None, _) => documents.push(path.clone()),
        }
    }
    if keyword.is_some() && interchange.is_empty() {
        anyhow::bail!("`import qdpx` / `import qdc` need the file to import");
    }
    Ok((interchange, documents))
}

/// Imports REFI-QDA files; returns whether any failed.
fn import_interchange(
    project: &mut policyscope::corpus::Project,
    files: &[Interchange],
    limits: policyscope::qdpx::Limits,
    ctx: &Context,
) -> anyhow::Result<bool> {
    let mut reports = Vec::new();
    let mut failed = false;
    for file in files {
        let (path, result) = match file {
            Interchange::Project(p) => (p, policyscope::qdpx::import_project_with(project, p, limits)),
            Interchange::Codebook(p) => (p, policyscope::qdpx::import_codebook(project, p)),
        };
        match result {
            Ok(report) => {
                // Sources that did not become documents fail the command.
                failed |= report.documents_failed > 0;
                if !ctx.json {
                    crate::output::message(&format!(
                        "{}: {} documents added, {} already present, {} codes, {} codings ({} already present), {} memos",
                        escape_path(path),
                        report.documents_added,
                        report.documents_matched,
                        report.codes,
                        report.codings,
                        report.codings_existing,
                        report.memos
                    ));
                    for loss in &report.report.lost {
                        crate::output::message(&format!("  not imported: {}: {}", loss.what, loss.reason));
                    }
                    for w in &report.report.warnings {
                        crate::output::message(&format!("  warning: {w}"));
                    }
                }
                reports.push(serde_json::json!({ "path": path, "status": "imported", "report": report }));
            }
            Err(e) => {
                failed = true;
                let hint = if matches!(e, policyscope::qdpx::Error::TooLarge { .. }) {
                    " (a larger project can be read with --max-file-size MB: each entry may be that large, \
                     all together 16 times that)"
                } else {
                    ""
                };
                crate::output::message(&format!("failed: {}: {e}{hint}", escape_path(path)));
                reports
                    .push(serde_json::json!({ "path": path, "status": "failed", "reason": e.to_string() }));
            }
        }
    }
    if ctx.json {
        crate::output::json(&serde_json::json!({ "interchange": reports }))?;
    }
    Ok(failed)
}
