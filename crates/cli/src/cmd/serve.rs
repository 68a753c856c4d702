//! `policyscope serve`: Serve the local web app.

use std::process::ExitCode;

use super::Context;

/// Serve the local web app.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `serve`.
pub fn run(_args: &Args, _ctx: &Context) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`policyscope serve` is not available in this build yet")
}
