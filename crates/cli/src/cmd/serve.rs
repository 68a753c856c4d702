//! `policyscope serve`: the local web app over the project.

use std::process::ExitCode;

use anyhow::Context as _;
use policyscope::server::Server;

use super::Context;

/// Serve the local web app.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address to listen on (port 0 picks a free port). Keep it on loopback:
    /// the app has no login.
    #[arg(long, default_value = "127.0.0.1:8737")]
    bind: String,
}

/// Runs `serve`.
pub fn run(args: &Args, ctx: &Context) -> anyhow::Result<ExitCode> {
    let server = Server::bind(&ctx.project_dir, &args.bind)
        .with_context(|| format!("serving project {} on {}", ctx.project_dir.display(), args.bind))?;
    let url = format!("http://{}/", server.local_addr());
    if !server.local_addr().ip().is_loopback() {
        ctx.warn("warning: the app has no login; anyone who can reach this address can read and change the project");
    }
    if ctx.json {
        crate::output::json(&serde_json::json!({ "url": url }))?;
    } else {
        // The URL goes to stdout so scripts can read the chosen port.
        crate::output::line(&url)?;
        ctx.say("serving the project; press Ctrl-C to stop");
    }
    // Flushed before the server blocks, for a script waiting on the URL.
    std::io::Write::flush(&mut crate::output::stdout())?;
    server.run().context("serving")?;
    Ok(ExitCode::SUCCESS)
}
