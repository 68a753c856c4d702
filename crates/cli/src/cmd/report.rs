//! `policyscope report`: build the static HTML site (or a Markdown summary).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use policyscope::report::{build_markdown, build_site, CodingChoice, ReportOptions};

use super::Context;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A self-contained static site (works from file://).
    Html,
    /// One Markdown file, `report.md`.
    Md,
}

/// Build the static report.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output folder.
    #[arg(long, default_value = "report")]
    out: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Html)]
    format: Format,
    /// Heading of the report (default: `[project] title` in the project's policyscope.toml).
    #[arg(long)]
    title: Option<String>,
    /// Only the codings of this coder (a person, or `auto:<codebook>[@version]`).
    #[arg(long = "by")]
    by: Option<String>,
    /// Only accepted codings (default: unreviewed proposals too).
    #[arg(long)]
    accepted_only: bool,
    /// When a document counts as coded, for every code (instead of the
    /// codebooks' rules): any, at-least:N, share:F, in:title,purpose.
    #[arg(long)]
    doc_rule: Option<policyscope::coding::DocRule>,
    /// A scenario-lab results folder (`lab run --out DIR`) drawn on lab.html (repeatable).
    #[arg(long = "lab", value_name = "DIR")]
    lab: Vec<PathBuf>,
}

/// Runs `report`.
pub fn run(args: &Args, ctx: &Context) -> anyhow::Result<ExitCode> {
    let project = ctx.open_project()?;
    let options = ReportOptions {
        title: args.title.clone(),
        codings: CodingChoice {
            coder: args.by.clone(),
            accepted_only: args.accepted_only,
            doc_rule: args.doc_rule.clone(),
        },
        lab: args.lab.clone(),
        ..ReportOptions::new(&args.out)
    };
    let summary = match args.format {
        Format::Html => build_site(&project, &options),
        Format::Md => build_markdown(&project, &options),
    }
    .with_context(|| format!("writing the report to {}", args.out.display()))?;
    if ctx.json {
        crate::output::json(&summary)?;
    } else {
        for note in &summary.notes {
            ctx.warn(format!("note: {note}"));
        }
        ctx.say(format!(
            "{} pages: {} documents, {} codes, {} codings, {} documents in the citation graph",
            summary.pages, summary.documents, summary.codes, summary.codings, summary.graph_nodes
        ));
        let index = summary.index.canonicalize().unwrap_or_else(|_| summary.index.clone());
        crate::output::line(&index.display().to_string())?;
        if args.format == Format::Html {
            ctx.say(format!(
                "open it in a browser, or explore the project with `policyscope --project {} serve`",
                ctx.project_dir.display()
            ));
        }
    }
    Ok(ExitCode::SUCCESS)
}
