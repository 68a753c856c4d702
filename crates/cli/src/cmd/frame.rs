//! `policyscope frame`: the study's analytical frame (NIS elements, modes,
//! stages, actor gazetteer, relations, chokepoints): show it, load tables
//! from files, go back to the built-in ones.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use policyscope::frame::{builtin_sources, Frame, FrameStore, TABLES};

use super::Context;

/// The analytical frame: show, load, reset.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Sub,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// Each table with its origin and size; with a table name, that table as TSV (to edit and load).
    Show {
        /// One table: nis_elements, modes, stages, actors, relations, chokepoints.
        table: Option<String>,
    },
    /// Replace tables from a folder (`<table>.tsv` files) or one file; checked first, nothing changes on error.
    Load {
        /// A folder or a TSV file.
        path: PathBuf,
        /// The table a single file replaces (default: the file's name, e.g. `actors.tsv`).
        #[arg(long)]
        table: Option<String>,
    },
    /// Go back to the built-in tables.
    Reset,
}

/// Runs `frame`.
pub fn run(args: &Args, ctx: &Context) -> anyhow::Result<ExitCode> {
    let project = ctx.open_project()?;
    let store = FrameStore::open(&project)?;
    let current = store.frame().context("the project's frame")?;
    match &args.command {
        Sub::Show { table: None } => show(ctx, &current)?,
        Sub::Show { table: Some(t) } => {
            let src = current
                .sources
                .get(t.as_str())
                .with_context(|| format!("unknown table `{t}` (one of {})", TABLES.join(", ")))?;
            if ctx.json {
                crate::output::json(&table_json(&current, t)?)?;
            } else {
                crate::output::text(&src.text)?;
            }
        }
        Sub::Load { path, table } => {
            let next = if path.is_dir() {
                Frame::with_dir(&current, path)?
            } else {
                let name = match table {
                    Some(t) => t.clone(),
                    None => path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string(),
                };
                Frame::with_file(&current, &name, path)?
            };
            store.save_frame(&next)?;
            let changed: Vec<&str> =
                TABLES.into_iter().filter(|t| current.sources.get(*t) != next.sources.get(*t)).collect();
            ctx.say(format!(
                "frame {} → {}: {} replaced; run `policyscope mentions run` to find mentions with it",
                current.hash(),
                next.hash(),
                if changed.is_empty() { "no table".to_string() } else { changed.join(", ") }
            ));
            show(ctx, &next)?;
        }
        Sub::Reset => {
            let builtin = Frame::from_sources(builtin_sources())?;
            store.save_frame(&builtin)?;
            ctx.say("frame reset to the built-in tables");
            show(ctx, &builtin)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn table_json(f: &Frame, t: &str) -> anyhow::Result<serde_json::Value> {
    Ok(match t {
        "nis_elements" => serde_json::to_value(&f.nis_elements)?,
        "modes" => serde_json::to_value(&f.modes)?,
        "stages" => serde_json::to_value(&f.stages)?,
        "actors" => serde_json::to_value(&f.actors)?,
        "relations" => serde_json::to_value(&f.relations)?,
        _ => serde_json::to_value(&f.chokepoints)?,
    })
}

fn show(ctx: &Context, f: &Frame) -> anyhow::Result<()> {
    if ctx.json {
        return crate::output::json(f);
    }
    let rows = [
        f.nis_elements.len(),
        f.modes.len(),
        f.stages.len(),
        f.actors.len(),
        f.relations.len(),
        f.chokepoints.len(),
    ];
    let mut s = format!("frame {}\n", f.hash());
    for (t, n) in TABLES.iter().zip(rows) {
        let origin = f.sources.get(*t).map_or("", |s| s.origin.as_str());
        s.push_str(&format!("{t:<13} {n:>4} rows  {origin}\n"));
    }
    let bodies = f.actors.iter().filter(|a| a.kind == policyscope::frame::ActorKind::Body).count();
    let aliases: usize = f.actors.iter().map(|a| a.terms().count()).sum();
    s.push_str(&format!(
        "gazetteer: {} actors and {bodies} standard-setting bodies, {aliases} names; NIS elements: {}\n",
        f.actors.len() - bodies,
        f.nis_elements.iter().map(|e| e.name.as_str()).collect::<Vec<_>>().join(", ")
    ));
    crate::output::text(&s)
}
