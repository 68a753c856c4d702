//! `policyscope docs list|show`.

use std::process::ExitCode;

use super::Context;

/// List and show documents.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// One line (or JSON record) per document.
    List {
        /// Also list versions replaced by a later import of the same file.
        #[arg(long)]
        all: bool,
    },
    /// One document with its metadata and full text.
    Show {
        /// The document id.
        id: i64,
    },
}

/// Runs `docs`.
pub fn run(cmd: &Command, ctx: &Context) -> anyhow::Result<ExitCode> {
    let project = ctx.open_project()?;
    match cmd {
        Command::List { all } => {
            let docs = project.documents(*all)?;
            if ctx.json {
                crate::output::json(&docs)?;
            } else {
                for d in &docs {
                    crate::output::line(&format!(
                        "{:>5}  {:<10}  {}  {}",
                        d.id,
                        d.date.as_deref().unwrap_or("-"),
                        crate::output::pad(d.docno.as_deref().unwrap_or("-"), 22),
                        policyscope::text::shorten(&d.title, 60)
                    ))?;
                }
                ctx.say(format!("{} documents", docs.len()));
            }
        }
        Command::Show { id } => {
            let doc = project.document(*id)?;
            if ctx.json {
                crate::output::json(&doc)?;
            } else {
                let m = &doc.meta;
                let mut out = format!(
                    "id:        {}\ntitle:     {}\ndate:      {}\ndocno:     {}\ntype:      {}\nlanguage:  {}\nencoding:  {}\n",
                    m.id,
                    m.title,
                    m.date.as_deref().unwrap_or("-"),
                    m.docno.as_deref().unwrap_or("-"),
                    m.doc_type.as_deref().unwrap_or("-"),
                    m.language,
                    m.encoding
                );
                for p in &m.paths {
                    out.push_str(&format!("path:      {p}\n"));
                }
                out.push('\n');
                out.push_str(&doc.text);
                crate::output::line(&out)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
