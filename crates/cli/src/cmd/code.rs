//! `policyscope code`: Codebooks, auto-coding and review.

use std::process::ExitCode;

use super::Context;

/// Codebooks, auto-coding and review.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `code`.
pub fn run(_args: &Args, _ctx: &Context) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`policyscope code` is not available in this build yet")
}
