//! `policyscope`: the command-line shell over the policyscope crates.
//!
//! Every subcommand lives in its own module under `cmd/` with an `Args`
//! type and a `run` function; this file only parses and dispatches.

// The print macros panic on a closed stdout or stderr (`… | head`, `2>&-`):
// every write goes through `output` instead.
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod cmd;
mod output;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Turn a pile of policy documents into a reproducible study.
#[derive(Debug, Parser)]
#[command(name = "policyscope", version, long_about = None)]
struct Cli {
    /// The project folder.
    #[arg(long, global = true, default_value = ".", env = "POLICYSCOPE_PROJECT")]
    project: PathBuf,
    /// A PostgreSQL database holding the project (postgres://USER@HOST:PORT/DB), for a team; replaces --project.
    #[arg(long, global = true, env = "POLICYSCOPE_DATABASE")]
    database: Option<String>,
    /// With --database: the local folder for derived artefacts (search index, originals); rebuilt when missing.
    #[arg(long, global = true, env = "POLICYSCOPE_DATA")]
    data: Option<PathBuf>,
    /// Machine-readable JSON on stdout (messages go to stderr).
    #[arg(long, global = true)]
    json: bool,
    /// No progress bars or informational messages on stderr (warnings and failures are always shown).
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create a project in a folder.
    Init(cmd::init::Args),
    /// Import files and folders (.txt, .md, .html, .pdf, .docx, .doc, .ofd), or REFI-QDA projects (.qdpx) and codebooks (.qdc).
    Import(cmd::import::Args),
    /// List and show documents.
    #[command(subcommand)]
    Docs(cmd::docs::Command),
    /// Full-text search with Chinese word segmentation.
    Search(cmd::search::Args),
    /// Citations: list the references of documents and how they resolve.
    Cite(cmd::cite::Args),
    /// Snowball sampling from seed documents through resolved citations.
    Snowball(cmd::snowball::Args),
    /// The citation graph: metrics and exports (DOT, GraphML, JSON, SVG).
    Graph(cmd::graph::Args),
    /// Codebooks, dictionary auto-coding and human review.
    Code(cmd::code::Args),
    /// The analytical frame: NIS elements, modes, stages, actor gazetteer, relations, chokepoints.
    Frame(cmd::frame::Args),
    /// Actors, standards, bodies, technologies and stage words found in the documents.
    Mentions(cmd::mentions::Args),
    /// The code tree by hand: add, rename, move, edit, merge, delete, list, history.
    Codes(cmd::codes::Args),
    /// Coding queries: table, matrix, cooccur, trend, excerpts.
    Query(cmd::query::Args),
    /// Inter-coder agreement.
    Agree(cmd::agree::Args),
    /// Who changed which coding, review, memo or code, and when.
    Audit(cmd::audit::Args),
    /// Export to REFI-QDA (.qdpx, .qdc) and the codings table (CSV, JSON).
    Export(cmd::export::Args),
    /// Build the static HTML (or Markdown) report.
    Report(cmd::report::Args),
    /// Copy a whole project to an empty folder or PostgreSQL database (either back end to either).
    Copy(cmd::copy::Args),
    /// Serve the local web app.
    Serve(cmd::serve::Args),
    /// Accounts of the served app: add, list, set-role, disable, token.
    Users(cmd::users::Args),
    /// Scenario lab: simulated standard wars as reproducible experiments.
    Lab(cmd::lab::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ctx = cmd::Context {
        project_dir: cli.project.clone(),
        database: cli.database.clone(),
        data_dir: cli.data.clone(),
        json: cli.json,
        quiet: cli.quiet,
    };
    let result = match &cli.command {
        Command::Init(a) => cmd::init::run(a, &ctx),
        Command::Import(a) => cmd::import::run(a, &ctx),
        Command::Docs(a) => cmd::docs::run(a, &ctx),
        Command::Search(a) => cmd::search::run(a, &ctx),
        Command::Cite(a) => cmd::cite::run(a, &ctx),
        Command::Snowball(a) => cmd::snowball::run(a, &ctx),
        Command::Graph(a) => cmd::graph::run(a, &ctx),
        Command::Code(a) => cmd::code::run(a, &ctx),
        Command::Frame(a) => cmd::frame::run(a, &ctx),
        Command::Mentions(a) => cmd::mentions::run(a, &ctx),
        Command::Codes(a) => cmd::codes::run(a, &ctx),
        Command::Query(a) => cmd::query::run(a, &ctx),
        Command::Agree(a) => cmd::agree::run(a, &ctx),
        Command::Audit(a) => cmd::audit::run(a, &ctx),
        Command::Export(a) => cmd::export::run(a, &ctx),
        Command::Report(a) => cmd::report::run(a, &ctx),
        Command::Copy(a) => cmd::copy::run(a, &ctx),
        Command::Serve(a) => cmd::serve::run(a, &ctx),
        Command::Users(a) => cmd::users::run(a, &ctx),
        Command::Lab(a) => cmd::lab::run(a, &ctx),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            output::message(&format!("error: {e:#}"));
            ExitCode::FAILURE
        }
    }
}
