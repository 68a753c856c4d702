//! `policyscope import PATH...`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use policyscope::corpus::import::{import_paths, ImportEvent, ImportOptions, Outcome};
use policyscope::corpus::Catalog;

use super::Context;

/// Import files and folders.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders (read recursively).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// A TSV catalog whose rows add metadata (no, date, title_zh, title_en …).
    #[arg(long)]
    catalog: Option<PathBuf>,
    /// Largest file accepted, in MB.
    #[arg(long, default_value_t = 64)]
    max_file_size: u64,
    /// Create the project if the folder holds none yet.
    #[arg(long)]
    init: bool,
}

/// Runs `import`.
pub fn run(args: &Args, ctx: &Context) -> anyhow::Result<ExitCode> {
    let mut project = if args.init && !ctx.project_dir.join(policyscope::corpus::DATABASE_FILE).exists() {
        policyscope::corpus::Project::init(&ctx.project_dir)?
    } else {
        ctx.open_project()?
    };
    let catalog = match &args.catalog {
        Some(p) => Some(Catalog::load(p).with_context(|| format!("reading catalog {}", p.display()))?),
        None => None,
    };
    let options = ImportOptions { catalog, max_file_bytes: args.max_file_size.saturating_mul(1024 * 1024) };
    let mut bar = None;
    let summary = import_paths(&mut project, &args.paths, &options, &mut |event| match event {
        ImportEvent::Found(n) => bar = Some(crate::output::progress_bar(n as u64, ctx.quiet, "importing")),
        ImportEvent::Done(report) => {
            if let Some(b) = &bar {
                b.inc(1);
                if let Outcome::Failed { reason } = &report.outcome {
                    b.suspend(|| eprintln!("failed: {}: {reason}", report.path));
                }
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
        for r in &summary.files {
            for w in &r.warnings {
                ctx.say(format!("warning: {}: {w}", r.path));
            }
        }
        ctx.say(format!(
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
