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
    let project = match (&args.dir, &ctx.database) {
        (Some(dir), None) => Project::init(dir)?,
        (Some(_), Some(_)) => anyhow::bail!("give either a folder or --database, not both"),
        (None, _) => ctx.init_project()?,
    };
    let location = project.location().to_string();
    if ctx.json {
        crate::output::json(&serde_json::json!({ "project": location, "data": project.dir() }))?;
    } else {
        ctx.say(format!("created project in {location}"));
    }
    Ok(ExitCode::SUCCESS)
}
