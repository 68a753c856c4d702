//! `policyscope agree`: Inter-coder agreement.

use std::process::ExitCode;

use super::Context;

/// Inter-coder agreement.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `agree`.
pub fn run(_args: &Args, _ctx: &Context) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`policyscope agree` is not available in this build yet")
}
