//! `policyscope graph`: the citation graph, its metrics and exports (DOT,
//! GraphML, JSON, SVG).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use policyscope::cite::graph::{self, export, svg};
use policyscope::cite::store;

use super::snowball::SampleArgs;
use super::Context;

/// The citation graph: metrics and exports.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, default_value = "summary", value_parser = ["summary", "dot", "graphml", "json", "svg"])]
    format: String,
    /// Write to this file instead of stdout.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// SVG columns: by year or by snowball round.
    #[arg(long, default_value = "year", value_parser = ["year", "round"])]
    layer: String,
    /// Keep only the N nodes with the highest PageRank (seeds always kept); 0 keeps all.
    #[arg(long, default_value_t = 0)]
    top: usize,
    /// With --seed: the graph of the snowball sample instead of the whole project.
    #[command(flatten)]
    sample: SampleArgs,
}

/// Runs `graph`.
pub fn run(args: &Args, ctx: &Context) -> anyhow::Result<ExitCode> {
    let project = ctx.open_project()?;
    let sample = if args.sample.seeds.is_empty() { None } else { Some(args.sample.run(&project, ctx)?) };
    if sample.is_none() {
        let catalog = super::cite::load_catalog(args.sample.catalog.as_ref())?;
        super::cite::ensure_citations(&project, catalog.as_ref(), ctx)?;
    }
    let citations = store::load(&project, None)?;
    let mut g = graph::build_graph(&citations, sample.as_ref());
    if args.top > 0 {
        g = graph::keep_top(&g, args.top);
    }
    let text = match args.format.as_str() {
        "dot" => export::to_dot(&g),
        "graphml" => export::to_graphml(&g),
        "json" => export::to_json(&g)?,
        "svg" => {
            let layering = if args.layer == "round" { svg::Layering::Round } else { svg::Layering::Year };
            svg::to_svg(&g, &svg::SvgOptions { layering, ..Default::default() })
        }
        _ => summary(&g, ctx.json)?,
    };
    match &args.output {
        Some(p) => {
            std::fs::write(p, text).with_context(|| format!("writing {}", p.display()))?;
            ctx.say(format!("{} nodes, {} edges written to {}", g.nodes.len(), g.edges.len(), p.display()));
        }
        None => crate::output::text(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn summary(g: &graph::CitationGraph, json: bool) -> anyhow::Result<String> {
    let mut by_in: Vec<&graph::Node> = g.nodes.iter().collect();
    by_in.sort_by(|a, b| b.in_degree.cmp(&a.in_degree).then(a.key.cmp(&b.key)));
    let mut by_rank: Vec<&graph::Node> = g.nodes.iter().collect();
    by_rank.sort_by(|a, b| b.pagerank.total_cmp(&a.pagerank).then(a.key.cmp(&b.key)));
    if json {
        let brief = |n: &&graph::Node| {
            serde_json::json!({"key": n.key, "title": n.doc.title, "date": n.doc.date,
                "in_degree": n.in_degree, "out_degree": n.out_degree, "pagerank": n.pagerank})
        };
        let v = serde_json::json!({
            "nodes": g.nodes.len(), "edges": g.edges.len(), "components": g.components,
            "top_in_degree": by_in.iter().take(20).map(brief).collect::<Vec<_>>(),
            "top_pagerank": by_rank.iter().take(20).map(brief).collect::<Vec<_>>(),
        });
        return Ok(serde_json::to_string_pretty(&v)? + "\n");
    }
    let mut s = format!(
        "{} nodes, {} edges, {} weakly connected components\n",
        g.nodes.len(),
        g.edges.len(),
        g.components
    );
    // The same columns under both headings; the ranking key comes first.
    let line = |n: &graph::Node, by_pagerank: bool| {
        let (first, second) = if by_pagerank {
            (format!("{:.5}", n.pagerank), format!("{:>5}", n.in_degree))
        } else {
            (format!("{:>5}", n.in_degree), format!("{:.5}", n.pagerank))
        };
        format!("  {first}  {second}  {} ({})\n", n.doc.title, super::cite::date_or_dash(n.doc.date))
    };
    s.push_str("most cited (in-degree):\n");
    by_in.iter().take(15).for_each(|n| s.push_str(&line(n, false)));
    s.push_str("highest PageRank:\n");
    by_rank.iter().take(15).for_each(|n| s.push_str(&line(n, true)));
    Ok(s)
}
