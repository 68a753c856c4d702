//! `policyscope cite list|summary`: the references of documents and how
//! they resolve.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use policyscope::cite::{store, summary, Citation, Status};
use policyscope::corpus::{Catalog, Project};

use super::Context;

/// Citations: list the references of documents and how they resolve.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Sub,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// One record per reference, in text order.
    List {
        /// Only this citing document.
        #[arg(long)]
        doc: Option<i64>,
        /// A TSV catalog: references to its entries become `external`.
        #[arg(long)]
        catalog: Option<PathBuf>,
        /// Only references with this status (resolved, unresolved, self, external).
        #[arg(long)]
        status: Option<String>,
    },
    /// Counts by status and kind, and the most cited documents.
    Summary {
        /// A TSV catalog: references to its entries become `external`.
        #[arg(long)]
        catalog: Option<PathBuf>,
        /// How many of the most cited documents to show.
        #[arg(long, default_value_t = 20)]
        top: usize,
    },
}

/// Writes text to stdout; a closed pipe (`… | head`) ends quietly.
pub fn emit(text: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// Loads `--catalog` if given.
pub fn load_catalog(path: Option<&PathBuf>) -> anyhow::Result<Option<Catalog>> {
    path.map(|p| Catalog::load(p).with_context(|| format!("reading catalog {}", p.display()))).transpose()
}

/// Brings the stored citations up to date, with a progress bar.
pub fn ensure_citations(project: &Project, catalog: Option<&Catalog>, ctx: &Context) -> anyhow::Result<()> {
    let mut bar = None;
    let recomputed = store::ensure(project, catalog, &mut |done, total| {
        let b = bar.get_or_insert_with(|| {
            crate::output::progress_bar(total as u64, ctx.quiet, "resolving citations")
        });
        b.set_position(done as u64);
    })
    .context("resolving citations")?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if recomputed {
        ctx.say("citations recomputed");
    }
    Ok(())
}

/// Runs `cite`.
pub fn run(args: &Args, ctx: &Context) -> anyhow::Result<ExitCode> {
    use std::fmt::Write as _;
    let project = ctx.open_project()?;
    let mut out = String::new();
    match &args.command {
        Sub::List { doc, catalog, status } => {
            let catalog = load_catalog(catalog.as_ref())?;
            if let Some(id) = doc {
                project.document_meta(*id)?;
            }
            let wanted = match status {
                Some(s) => Some(Status::parse(s).with_context(|| {
                    format!("unknown status `{s}` (resolved, unresolved, self, external)")
                })?),
                None => None,
            };
            ensure_citations(&project, catalog.as_ref(), ctx)?;
            let all: Vec<Citation> = store::load(&project, *doc)?
                .into_iter()
                .filter(|c| wanted.is_none_or(|w| c.status == w))
                .collect();
            if ctx.json {
                crate::output::json(&all)?;
            } else {
                for c in &all {
                    let target = match (&c.target, c.status) {
                        (Some(t), _) => format!(
                            "{} {} ({})",
                            t.id.map(|i| format!("#{i}"))
                                .or(t.catalog_no.as_ref().map(|n| format!("catalog {n}")))
                                .unwrap_or_default(),
                            policyscope::text::shorten(&t.title, 40),
                            t.date.as_deref().unwrap_or("-")
                        ),
                        (None, _) if !c.candidates.is_empty() => format!(
                            "candidates: {}",
                            c.candidates
                                .iter()
                                .map(|k| format!(
                                    "{} ({:.2})",
                                    policyscope::text::shorten(&k.target.title, 30),
                                    k.score
                                ))
                                .collect::<Vec<_>>()
                                .join("; ")
                        ),
                        _ => "-".to_string(),
                    };
                    writeln!(
                        out,
                        "{:>5} {:>7}-{:<7} {:<6} {:<10} {}  →  {}",
                        c.citing.id.unwrap_or(0),
                        c.reference.start,
                        c.reference.end,
                        c.reference.kind.as_str(),
                        c.status.as_str(),
                        policyscope::text::shorten(&c.reference.text, 40),
                        target
                    )?;
                }
                emit(&std::mem::take(&mut out))?;
                ctx.say(format!("{} references", all.len()));
            }
        }
        Sub::Summary { catalog, top } => {
            let catalog = load_catalog(catalog.as_ref())?;
            ensure_citations(&project, catalog.as_ref(), ctx)?;
            let all = store::load(&project, None)?;
            let s = summary::summarize(&all, *top);
            if ctx.json {
                crate::output::json(&s)?;
            } else {
                writeln!(out, "{} references in {} documents", s.references, s.citing_documents)?;
                for (k, n) in &s.by_status {
                    writeln!(out, "  {k:<11} {n}")?;
                }
                for (k, n) in &s.by_kind {
                    writeln!(out, "  {k:<11} {n}")?;
                }
                writeln!(out, "most cited (citing documents / references):")?;
                for t in &s.top_cited {
                    writeln!(
                        out,
                        "  {:>5} {:>6}  {} ({})",
                        t.citing_documents,
                        t.references,
                        t.target.title,
                        t.target.date.as_deref().unwrap_or("-")
                    )?;
                }
            }
        }
    }
    emit(&out)?;
    Ok(ExitCode::SUCCESS)
}
