//! `policyscope graph`: The citation graph: metrics and exports.

use std::process::ExitCode;

use super::Context;

/// The citation graph: metrics and exports.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `graph`.
pub fn run(_args: &Args, _ctx: &Context) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`policyscope graph` is not available in this build yet")
}
