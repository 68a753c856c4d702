//! `policyscope search QUERY`.

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::Context as _;
use policyscope::search::{search, sync_index, SearchRequest};

use super::Context;

/// Search the project.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The query: words, "exact phrases", AND / OR / NOT, (groups), title:, type:, docno:.
    query: String,
    /// Only documents dated on or after this date (YYYY[-MM[-DD]]).
    #[arg(long)]
    from: Option<String>,
    /// Only documents dated on or before this date.
    #[arg(long)]
    to: Option<String>,
    /// Only documents of this type (法, 条例, 办法, 通知 …).
    #[arg(long = "type")]
    doc_type: Option<String>,
    /// How many hits to show.
    #[arg(long, short = 'n', default_value_t = 20)]
    limit: usize,
    /// Hits to skip.
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Snippets per hit.
    #[arg(long, default_value_t = 3)]
    snippets: usize,
}

/// Runs `search`.
pub fn run(args: &Args, ctx: &Context) -> anyhow::Result<ExitCode> {
    let project = ctx.open_project()?;
    sync_index(&project).context("updating the search index")?;
    let req = SearchRequest {
        query: args.query.clone(),
        from: args.from.clone(),
        to: args.to.clone(),
        doc_type: args.doc_type.clone(),
        limit: args.limit,
        offset: args.offset,
        snippets: args.snippets,
    };
    let results = search(&project, &req)?;
    if ctx.json {
        crate::output::json(&results)?;
        return Ok(ExitCode::SUCCESS);
    }
    let color = std::io::stdout().is_terminal();
    let (open, close) = if color { ("\x1b[1;31m", "\x1b[0m") } else { ("[", "]") };
    for hit in &results.hits {
        crate::output::line(&format!(
            "{:>5}  {:<10}  {:.2}  {}",
            hit.id,
            hit.date.as_deref().unwrap_or("-"),
            hit.score,
            policyscope::text::shorten(&hit.title, 60)
        ))?;
        for s in &hit.snippets {
            crate::output::line(&format!("         …{}…", s.marked(open, close)))?;
        }
    }
    ctx.say(format!("{} of {} matching documents", results.hits.len(), results.total));
    Ok(ExitCode::SUCCESS)
}
