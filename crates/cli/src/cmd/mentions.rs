//! `policyscope mentions`: actors, standards, bodies, technologies and
//! stage words found in the documents with the project's frame; and the
//! frame's queries (`query roles|nis|actors|standards|technologies`).

use std::process::ExitCode;

use policyscope::coding::CodingStore;
use policyscope::frame::{views, Frame, FrameStore, MentionFilter, MentionKind, MentionRecord};
use policyscope::query::Selection;

use super::Context;

/// Mentions: run the frame over the documents, list what it found.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Sub,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// Find mentions and role statements in every document not yet scanned with this frame.
    Run {
        /// Scan every document again.
        #[arg(long)]
        force: bool,
    },
    /// One record per mention: document, kind, text as written, span, entity.
    List {
        /// Only this kind: actor, standard, body, technology, stage.
        #[arg(long)]
        kind: Option<MentionKind>,
        /// Only this document.
        #[arg(long)]
        doc: Option<i64>,
        /// Only this entity (an actor id such as `miit`, a standard such as `GB/T 18005-1999`).
        #[arg(long)]
        entity: Option<String>,
        /// CSV on stdout.
        #[arg(long, conflicts_with = "json")]
        csv: bool,
    },
}

/// Runs `mentions`.
pub fn run(args: &Args, ctx: &Context) -> anyhow::Result<ExitCode> {
    let project = ctx.open_project()?;
    let store = FrameStore::open(&project)?;
    let frame = store.frame()?;
    match &args.command {
        Sub::Run { force } => {
            let total = project.documents(false)?.len() as u64;
            let bar = crate::output::progress_bar(total, ctx.quiet, "mentions");
            let started = std::time::Instant::now();
            let s = store.run(&frame, *force, &mut |done, _| bar.set_position(done as u64))?;
            bar.finish_and_clear();
            if ctx.json {
                crate::output::json(&s)?;
            } else {
                ctx.say(format!(
                    "frame {}: {} documents ({} scanned, {} unchanged) in {:.2?}; {} mentions and {} role statements in the scanned documents",
                    s.frame_hash,
                    s.documents,
                    s.scanned,
                    s.skipped,
                    started.elapsed(),
                    s.mentions,
                    s.roles
                ));
            }
        }
        Sub::List { kind, doc, entity, csv } => {
            let filter = MentionFilter { kind: *kind, doc_id: *doc, entity: entity.clone() };
            let ms = store.mentions(&frame, &filter)?;
            if ctx.json {
                crate::output::json(&ms)?;
            } else if *csv {
                policyscope::frame::write_mentions_csv(&ms, crate::output::stdout())?;
            } else {
                let mut s = String::new();
                for m in &ms {
                    s.push_str(&format!(
                        "{:>5} {:>7}-{:<7} {:<10} {} → {}\n",
                        m.doc.id, m.start, m.end, m.kind, m.text, m.entity_name
                    ));
                }
                crate::output::text(&s)?;
            }
            if ms.is_empty() {
                ctx.say(if store.has_run()? {
                    "no mentions with these filters"
                } else {
                    "no mentions yet: run `policyscope mentions run`"
                });
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// How a frame query writes its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// For people.
    Text,
    /// `--json`.
    Json,
    /// `--csv`.
    Csv,
    /// `--graphml` (networks only).
    GraphMl,
}

/// The stored mentions and the frame of the project.
fn load(
    ctx: &Context,
    project: &policyscope::corpus::Project,
) -> anyhow::Result<(Frame, Vec<MentionRecord>)> {
    let store = FrameStore::open(project)?;
    let frame = store.frame()?;
    let ms = store.mentions(&frame, &MentionFilter::default())?;
    if !store.has_run()? {
        ctx.warn("no mentions yet: run `policyscope mentions run` first");
    }
    Ok((frame, ms))
}

/// `query roles`.
pub fn roles(ctx: &Context, actor: Option<&str>, doc: Option<i64>, format: Format) -> anyhow::Result<()> {
    let project = ctx.open_project()?;
    let store = FrameStore::open(&project)?;
    let frame = store.frame()?;
    if let Some(a) = actor {
        if frame.actor(a).is_none() {
            anyhow::bail!("unknown actor `{a}` (see `policyscope frame show actors`)");
        }
    }
    let rs = store.roles(&frame, actor, doc)?;
    match format {
        Format::Json => crate::output::json(&rs),
        Format::Csv => Ok(policyscope::frame::write_roles_csv(&rs, crate::output::stdout())?),
        _ => {
            let mut s = String::new();
            for r in &rs {
                let x = &r.role;
                let with = if x.partners.is_empty() {
                    String::new()
                } else {
                    format!(" (with {})", x.partners.join(", "))
                };
                s.push_str(&format!(
                    "{:>5} {:>7}  {}{with} {} {}\n",
                    r.doc.id,
                    x.start,
                    r.actor_name,
                    x.verb,
                    policyscope::text::shorten(&x.object, 60)
                ));
            }
            crate::output::text(&s)
        }
    }
}

/// `query nis`.
pub fn nis(store: &CodingStore<'_>, sel: &Selection, format: Format) -> anyhow::Result<()> {
    let frame = FrameStore::open(store.project())?.frame()?;
    let v = views::nis(store, sel, &frame)?;
    match format {
        Format::Json => crate::output::json(&v),
        Format::Csv => {
            let mut out = crate::output::stdout();
            v.by_element.write_csv(&mut out)?;
            Ok(v.by_mode.write_csv(&mut out)?)
        }
        _ => crate::output::text(&format!(
            "Documents coded per NIS element and year\n{}\nper mode and year\n{}",
            v.by_element.to_text(),
            v.by_mode.to_text()
        )),
    }
}

/// `query actors`.
pub fn actors(ctx: &Context, sel: &Selection, format: Format) -> anyhow::Result<()> {
    let project = ctx.open_project()?;
    let (frame, ms) = load(ctx, &project)?;
    let n = views::network(&frame, &ms, sel);
    match format {
        Format::Json => crate::output::json(&n),
        Format::Csv => Ok(n.write_csv(crate::output::stdout())?),
        Format::GraphMl => crate::output::text(&n.to_graphml()),
        Format::Text => {
            let mut s = format!(
                "{} actors, {} co-mention edges, {} actor × code links\n",
                n.nodes.len(),
                n.edges.len(),
                n.actor_code.len()
            );
            let mut edges: Vec<_> = n.edges.iter().filter(|e| e.passages > 0).collect();
            edges.sort_by(|a, b| b.passages.cmp(&a.passages).then(b.documents.cmp(&a.documents)));
            for e in edges.iter().take(30) {
                s.push_str(&format!(
                    "{:>5} passages {:>4} documents  {} — {}\n",
                    e.passages,
                    e.documents,
                    frame.entity_name(MentionKind::Actor, &e.source),
                    frame.entity_name(MentionKind::Actor, &e.target)
                ));
            }
            crate::output::text(&s)
        }
    }
}

/// `query standards`.
pub fn standards(ctx: &Context, format: Format) -> anyhow::Result<()> {
    let project = ctx.open_project()?;
    let (frame, ms) = load(ctx, &project)?;
    let v = views::standards(&frame, &ms);
    match format {
        Format::Json => crate::output::json(&v),
        Format::Csv => Ok(v.write_csv(crate::output::stdout())?),
        _ => {
            let mut s = String::new();
            for x in &v.standards {
                let docs: Vec<String> = x.documents.iter().map(|d| format!("{} {}", d.id, d.title)).collect();
                s.push_str(&format!("{:<24} {:>3}×  {}\n", x.standard, x.mentions, docs.join("; ")));
            }
            crate::output::text(&s)
        }
    }
}

/// `query technologies`.
pub fn technologies(ctx: &Context, format: Format) -> anyhow::Result<()> {
    let project = ctx.open_project()?;
    let (frame, ms) = load(ctx, &project)?;
    let v = views::technologies(&frame, &ms);
    match format {
        Format::Json => crate::output::json(&v),
        Format::Csv => Ok(v.write_csv(crate::output::stdout())?),
        _ => {
            let mut s = format!("{:<32}", "technology (mentions)");
            for y in &v.years {
                s.push_str(&format!(" {y:>8}"));
            }
            s.push('\n');
            for r in &v.rows {
                s.push_str(&crate::output::pad(&r.name, 32));
                for n in &r.mentions {
                    s.push_str(&format!(" {n:>8}"));
                }
                s.push('\n');
            }
            crate::output::text(&s)
        }
    }
}
