//! `policyscope init DIR`.

use std::path::PathBuf;
use std::process::ExitCode;

use policyscope::corpus::Project;

use super::Context;

/// Create a project.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to create the project in (default: --project).
    dir: Option<PathBuf>,
}

/// Runs `init`.
pub fn run(args: &Args, ctx: &Context) -> anyhow::Result<ExitCode> {
    let dir = args.dir.clone().unwrap_or_else(|| ctx.project_dir.clone());
    let project = Project::init(&dir)?;
    if ctx.json {
        crate::output::json(&serde_json::json!({ "project": project.dir() }))?;
    } else {
        ctx.say(format!("created project in {}", project.dir().display()));
    }
    Ok(ExitCode::SUCCESS)
}
