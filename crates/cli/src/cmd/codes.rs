//! `policyscope codes`: the code tree by hand — add, rename, move, edit,
//! merge, delete, list, history.

use std::process::ExitCode;

use anyhow::Context as _;
use policyscope::coding::{
    Code, CodeName, CodeRemoval, CodingFilter, CodingStore, Colour, DeleteCodings, HumanCoder,
};
use policyscope::query::{table, Selection};
use serde::Serialize;

use super::code::{coder, Who};
use super::Context;

/// Codes made, renamed, moved, merged and deleted by hand.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Sub,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// List the codes in tree order with their documents and passages (a parent counts its sub-codes').
    List,
    /// Make a code.
    Add {
        /// Its name (no `/`).
        name: String,
        /// The code to put it under (path or unique name); at the top without one.
        #[arg(long)]
        parent: Option<String>,
        /// Colour `#rrggbb`.
        #[arg(long)]
        colour: Option<String>,
        /// Definition.
        #[arg(long, default_value = "")]
        description: String,
        #[command(flatten)]
        who: Who,
    },
    /// Give a code another name (its sub-codes follow).
    Rename {
        /// The code (path or unique name).
        code: String,
        /// The new name.
        new_name: String,
        #[command(flatten)]
        who: Who,
    },
    /// Put a code (with its sub-codes) under another code, or at the top.
    Move {
        /// The code (path or unique name).
        code: String,
        /// The new parent (path or unique name).
        #[arg(long, required_unless_present = "top", conflicts_with = "top")]
        to: Option<String>,
        /// Move it to the top of the tree.
        #[arg(long)]
        top: bool,
        #[command(flatten)]
        who: Who,
    },
    /// Change a code's colour or description.
    Edit {
        /// The code (path or unique name).
        code: String,
        /// New colour `#rrggbb`.
        #[arg(long, conflicts_with = "no_colour")]
        colour: Option<String>,
        /// Remove its own colour (the report then picks one).
        #[arg(long)]
        no_colour: bool,
        /// New definition.
        #[arg(long)]
        description: Option<String>,
        #[command(flatten)]
        who: Who,
    },
    /// Merge a code into another: its codings, sub-codes and memos move there; recorded as a memo.
    Merge {
        /// The code that goes away (path or unique name).
        code: String,
        /// The code that receives its codings.
        #[arg(long)]
        into: String,
        #[command(flatten)]
        who: Who,
    },
    /// Delete a code; one with codings needs --move-to or --remove-codings.
    Delete {
        /// The code (path or unique name).
        code: String,
        /// Move its codings to this code first.
        #[arg(long, conflicts_with = "remove_codings")]
        move_to: Option<String>,
        /// Remove its codings (with their reviews and memos).
        #[arg(long)]
        remove_codings: bool,
        #[command(flatten)]
        who: Who,
    },
    /// Every change made to the code tree by hand (of one code, if given).
    History {
        /// The code (path or unique name).
        code: Option<String>,
    },
}

/// A code with its counts, as `codes list` prints it.
#[derive(Debug, Serialize)]
struct Listed {
    #[serde(flatten)]
    code: Code,
    /// Documents coded with it or a code below it.
    documents: usize,
    /// Distinct passages coded with it or a code below it.
    passages: usize,
    /// Codings of the code itself (not rejected).
    own_codings: usize,
}

/// Runs `codes`.
pub fn run(args: &Args, ctx: &Context) -> anyhow::Result<ExitCode> {
    let project = ctx.open_project()?;
    let store = CodingStore::open(&project)?;
    let person = |who: &Who| -> anyhow::Result<HumanCoder> { coder(who, &project) };
    match &args.command {
        Sub::List => list(&store, ctx)?,
        Sub::Add { name, parent, colour, description, who } => {
            let by = person(who)?;
            let parent = parent.as_deref().map(|p| store.find_code(p)).transpose()?;
            let colour = colour.as_deref().map(Colour::parse).transpose()?;
            let code =
                store.create_code(&CodeName::new(name)?, parent.map(|p| p.id), colour, description, &by)?;
            done(ctx, &code, format!("made code #{} `{}`", code.id, code.path))?;
        }
        Sub::Rename { code, new_name, who } => {
            let by = person(who)?;
            let old = store.find_code(code)?;
            let code = store.rename_code(old.id, &CodeName::new(new_name)?, &by)?;
            done(ctx, &code, format!("renamed `{}` to `{}`", old.path, code.path))?;
        }
        Sub::Move { code, to, top, who } => {
            let by = person(who)?;
            let old = store.find_code(code)?;
            let parent = if *top { None } else { to.as_deref().map(|p| store.find_code(p)).transpose()? };
            let code = store.move_code_to(old.id, parent.map(|p| p.id), &by)?;
            done(ctx, &code, format!("moved `{}` to `{}`", old.path, code.path))?;
        }
        Sub::Edit { code, colour, no_colour, description, who } => {
            let by = person(who)?;
            let mut c = store.find_code(code)?;
            if colour.is_none() && !no_colour && description.is_none() {
                anyhow::bail!("say what to change: --colour, --no-colour or --description");
            }
            if let Some(col) = colour {
                c = store.set_code_colour(c.id, Some(Colour::parse(col)?), &by)?;
            } else if *no_colour {
                c = store.set_code_colour(c.id, None, &by)?;
            }
            if let Some(d) = description {
                c = store.set_code_description(c.id, d, &by)?;
            }
            done(ctx, &c, format!("updated `{}`", c.path))?;
        }
        Sub::Merge { code, into, who } => {
            let by = person(who)?;
            let (source, target) = (store.find_code(code)?, store.find_code(into)?);
            removed(ctx, &store.merge_codes(source.id, target.id, &by)?)?;
        }
        Sub::Delete { code, move_to, remove_codings, who } => {
            let by = person(who)?;
            let c = store.find_code(code)?;
            let decision = match (move_to, remove_codings) {
                (Some(t), _) => Some(DeleteCodings::MoveTo(store.find_code(t)?.id)),
                (None, true) => Some(DeleteCodings::Remove),
                (None, false) => None,
            };
            let out = store.delete_code(c.id, decision, &by).map_err(|e| match e {
                policyscope::coding::Error::DeleteNeedsDecision { code, codings } => anyhow::anyhow!(
                    "code `{code}` has {codings} coding(s): give --move-to CODE to keep them on another code, \
                     or --remove-codings to remove them"
                ),
                e => e.into(),
            })?;
            removed(ctx, &out)?;
        }
        Sub::History { code } => {
            let guid = code.as_deref().map(|c| store.find_code(c)).transpose()?.map(|c| c.guid);
            let events = store.code_history(guid.as_deref())?;
            if ctx.json {
                crate::output::json(&events)?;
            } else {
                for e in &events {
                    let n = if e.codings > 0 { format!(" ({} codings)", e.codings) } else { String::new() };
                    crate::output::line(&format!(
                        "{}  {:<9} {:<10} {} → {}{n}",
                        e.at,
                        e.actor,
                        e.action.as_str(),
                        e.code_path,
                        policyscope::text::shorten(&e.detail, 60)
                    ))?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn list(store: &CodingStore<'_>, ctx: &Context) -> anyhow::Result<()> {
    // The same roll-up as `policyscope query table` and the report: one computation.
    let filter = CodingFilter::not_rejected();
    let sel = Selection::load(store, &filter).context("counting codings")?;
    let rows = table(&sel).codes;
    let mut own = std::collections::HashMap::<i64, usize>::new();
    for c in &sel.codings {
        *own.entry(c.code_id).or_default() += 1;
    }
    let listed: Vec<Listed> = sel
        .codes
        .iter()
        .zip(rows)
        .map(|(code, row)| Listed {
            documents: row.count,
            passages: row.passages,
            own_codings: own.get(&code.id).copied().unwrap_or(0),
            code: code.clone(),
        })
        .collect();
    if ctx.json {
        return crate::output::json(&listed);
    }
    for l in &listed {
        let depth = l.code.path.matches('/').count();
        crate::output::line(&format!(
            "{:>4}  {}{}{}  documents: {}, passages: {}{}",
            l.code.id,
            "  ".repeat(depth),
            l.code.name,
            if l.code.codable { "" } else { "/" },
            l.documents,
            l.passages,
            if l.code.codebook.is_none() { "" } else { "  [codebook]" }
        ))?;
    }
    Ok(())
}

fn done(ctx: &Context, code: &Code, message: String) -> anyhow::Result<()> {
    if ctx.json {
        crate::output::json(code)
    } else {
        crate::output::line(&message)
    }
}

fn removed(ctx: &Context, out: &CodeRemoval) -> anyhow::Result<()> {
    if ctx.json {
        return crate::output::json(out);
    }
    crate::output::line(&out.memo.text)
}
