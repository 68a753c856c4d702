//! `policyscope snowball`: Snowball sampling from seed documents.

use std::process::ExitCode;

use super::Context;

/// Snowball sampling from seed documents.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `snowball`.
pub fn run(_args: &Args, _ctx: &Context) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`policyscope snowball` is not available in this build yet")
}
