//! `policyscope serve`: the local web app over the project.

use std::process::ExitCode;

use anyhow::Context as _;
use policyscope::server::Server;

use super::Context;

/// Serve the local web app.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address to listen on (port 0 picks a free port). Any address but
    /// loopback needs accounts (`policyscope users add`).
    #[arg(long, default_value = "127.0.0.1:8737")]
    bind: String,
    /// Mark the session cookie `Secure`. Set it when the app is reached over
    /// HTTPS through a TLS proxy, as the app cannot tell.
    #[arg(long)]
    secure_cookies: bool,
    /// Also answer at this address (`https://team.example`, `http://host:8737`):
    /// the server's name on the network or a TLS proxy's address. Repeatable.
    #[arg(long = "public-url", value_name = "URL")]
    public_urls: Vec<policyscope::server::PublicUrl>,
}

/// Runs `serve`.
pub fn run(args: &Args, ctx: &Context) -> anyhow::Result<ExitCode> {
    // `--database` serves a team's PostgreSQL project (its search index in `--data`).
    let location = ctx.location();
    let server = Server::bind_at(&location, &ctx.data_dir(), &args.bind)
        .with_context(|| format!("serving project {location} on {}", args.bind))?;
    let server = server.secure_cookies(args.secure_cookies).public_urls(args.public_urls.clone());
    let url = format!("http://{}/", server.local_addr());
    if !server.accounts_required()? {
        ctx.warn(format!(
            "no accounts: anyone who can reach {} can read and change this project",
            server.local_addr()
        ));
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
