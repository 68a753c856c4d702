//! `policyscope cite list|summary|missing`: the references of documents,
//! how they resolve, and what the project lacks.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use policyscope::cite::{missing, store, summary, Citation, Status, VersionStatus};
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
    /// What to add to the project: cited versions it lacks (every version it
    /// holds is later than the citing document) and unresolved references by name.
    Missing {
        /// A TSV catalog: references to its entries become `external`.
        #[arg(long)]
        catalog: Option<PathBuf>,
    },
}

/// A date for a listing, `-` when there is none.
pub fn date_or_dash(date: Option<policyscope::text::PolicyDate>) -> String {
    date.map_or_else(|| "-".to_string(), |d| d.to_string())
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
                            "{} {} ({}){}",
                            t.id.map(|i| format!("#{i}"))
                                .or(t.catalog_no.as_ref().map(|n| format!("catalog {n}")))
                                .unwrap_or_default(),
                            policyscope::text::shorten(&t.title, 40),
                            date_or_dash(t.date),
                            match c.version {
                                Some(VersionStatus::LaterThanCiting) =>
                                    " [later than citing: cited version missing]",
                                _ => "",
                            }
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
                crate::output::text(&std::mem::take(&mut out))?;
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
                writeln!(out, "cited versions (resolved and external):")?;
                for (k, n) in &s.by_version {
                    writeln!(out, "  {k:<17} {n}")?;
                }
                writeln!(out, "most cited (citing documents / references):")?;
                for t in &s.top_cited {
                    writeln!(
                        out,
                        "  {:>5} {:>6}  {} ({})",
                        t.citing_documents,
                        t.references,
                        t.target.title,
                        date_or_dash(t.target.date)
                    )?;
                }
            }
        }
        Sub::Missing { catalog } => {
            let catalog = load_catalog(catalog.as_ref())?;
            ensure_citations(&project, catalog.as_ref(), ctx)?;
            let w = missing::worklist(&store::load(&project, None)?);
            if ctx.json {
                crate::output::json(&w)?;
            } else {
                write_worklist(&mut out, &w)?;
            }
        }
    }
    crate::output::text(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// The worklist as text: per cited document the citing documents (date,
/// id, title) and the later version they resolved to; then unresolved names.
fn write_worklist(out: &mut String, w: &missing::Worklist) -> std::fmt::Result {
    use std::fmt::Write as _;
    writeln!(
        out,
        "cited versions missing from the project: {} documents, {} citing documents",
        w.missing_versions.len(),
        w.missing_versions.iter().map(|m| m.needed.len()).sum::<usize>()
    )?;
    for m in &w.missing_versions {
        writeln!(out, "{}", m.title)?;
        for n in &m.needed {
            writeln!(
                out,
                "  needs the version in force on {}  cited by #{} {} ({}×); the project's earliest is {}",
                date_or_dash(n.citing.date),
                n.citing.id.unwrap_or(0),
                policyscope::text::shorten(&n.citing.title, 40),
                n.references,
                date_or_dash(n.resolved_to.date)
            )?;
        }
    }
    writeln!(out, "unresolved references: {} names", w.unresolved.len())?;
    for u in &w.unresolved {
        let candidates = if u.candidates.is_empty() {
            String::new()
        } else {
            format!("  candidates: {}", u.candidates.join("; "))
        };
        writeln!(out, "  {:>5} {:>6}  {}{candidates}", u.citing.len(), u.references, u.name)?;
    }
    if w.undated > 0 {
        writeln!(out, "{} resolved references could not be checked: a date is missing", w.undated)?;
    }
    Ok(())
}
