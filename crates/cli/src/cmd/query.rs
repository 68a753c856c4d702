//! `policyscope query`: Coding queries: table, matrix, cooccur, trend, excerpts.

use std::process::ExitCode;

use super::Context;

/// Coding queries: table, matrix, cooccur, trend, excerpts.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `query`.
pub fn run(_args: &Args, _ctx: &Context) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`policyscope query` is not available in this build yet")
}
