//! `policyscope export`: Export to REFI-QDA (.qdpx, .qdc), CSV, JSON and GraphML.

use std::process::ExitCode;

use super::Context;

/// Export to REFI-QDA (.qdpx, .qdc), CSV, JSON and GraphML.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `export`.
pub fn run(_args: &Args, _ctx: &Context) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`policyscope export` is not available in this build yet")
}
