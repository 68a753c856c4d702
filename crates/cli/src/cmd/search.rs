//! `policyscope search QUERY`.

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::Context as _;
use policyscope::search::{SearchIndex, SearchRequest};
use policyscope::text::PolicyDate;

use super::Context;

/// Search the project.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The query: words, "exact phrases", AND / OR / NOT, (groups), title:, type:, docno:.
    query: String,
    /// Only documents dated on or after this date (YYYY[-MM[-DD]]).
    #[arg(long)]
    from: Option<PolicyDate>,
    /// Only documents dated on or before this date (`--to 2020` includes all of 2020).
    #[arg(long)]
    to: Option<PolicyDate>,
    /// Only documents of this type (法, 条例, 办法, 通知 …).
    #[arg(long = "type")]
    doc_type: Option<String>,
    /// How many hits to show (at most 10000).
    #[arg(long, short = 'n', default_value_t = 20)]
    limit: usize,
    /// Hits to skip (at most 100000).
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Snippets per hit (at most 100).
    #[arg(long, default_value_t = 3)]
    snippets: usize,
}

/// Runs `search`.
pub fn run(args: &Args, ctx: &Context) -> anyhow::Result<ExitCode> {
    let project = ctx.open_project()?;
    let req = SearchRequest {
        query: args.query.clone(),
        from: args.from,
        to: args.to,
        doc_type: args.doc_type.clone(),
        limit: args.limit,
        offset: args.offset,
        snippets: args.snippets,
    };
    // A bad query or parameter is told before the index is touched.
    req.check()?;
    policyscope::search::query::parse(&req.query)?;
    let index = SearchIndex::open(&project).context("opening the search index")?;
    index.sync(&project).context("updating the search index")?;
    let results = index.search(&project, &req)?;
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
            hit.date.map_or_else(|| "-".to_string(), |d| d.to_string()),
            hit.score,
            policyscope::text::shorten(&hit.title, 60)
        ))?;
        // Snippets of paged documents (PDF, OFD) say which page they are on.
        let pages = project.pages(hit.id)?;
        for s in &hit.snippets {
            let page = policyscope::corpus::page_of(&pages, s.start as i64)
                .map(|p| format!("p. {p}  "))
                .unwrap_or_default();
            crate::output::line(&format!("         {page}…{}…", s.marked(open, close)))?;
        }
    }
    ctx.say(format!("{} of {} matching documents", results.hits.len(), results.total));
    Ok(ExitCode::SUCCESS)
}
