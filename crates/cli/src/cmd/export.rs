//! `policyscope export qdpx|qdc|codings-table`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use policyscope::qdpx::table::{codings_table, RowUnit};
use policyscope::qdpx::{export_codebook, export_project, ExportOptions, Report};

use super::Context;

/// Export to REFI-QDA (.qdpx, .qdc) and tables.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Sub,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// The whole project as a REFI-QDA project (.qdpx) for NVivo, ATLAS.ti,
    /// MAXQDA, QualCoder.
    Qdpx {
        /// The file to write.
        out: PathBuf,
        /// Project name written into the file.
        #[arg(long, default_value = "policyscope project")]
        name: String,
        /// Leave out auto-coders' proposals that nobody reviewed.
        #[arg(long)]
        accepted_only: bool,
    },
    /// The code tree as a REFI-QDA codebook (.qdc).
    Qdc {
        /// The file to write.
        out: PathBuf,
    },
    /// One row per passage (or document), one 0/1 column per code.
    CodingsTable {
        /// The file to write (`-` for stdout).
        out: PathBuf,
        /// Rows: sentence, paragraph or document.
        #[arg(long, default_value = "paragraph", value_parser = ["sentence", "paragraph", "document"])]
        unit: String,
        /// Only the codings of this coder (a person, or `auto:<codebook>`).
        #[arg(long)]
        coder: Option<String>,
        /// csv or json.
        #[arg(long, default_value = "csv", value_parser = ["csv", "json"])]
        format: String,
        /// Start the CSV with a UTF-8 byte-order mark (for Excel).
        #[arg(long)]
        bom: bool,
    },
}

fn say_report(ctx: &Context, report: &Report) {
    for l in &report.lost {
        ctx.warn(format!("not exported: {}: {}", l.what, l.reason));
    }
    for w in &report.warnings {
        ctx.warn(format!("note: {w}"));
    }
}

/// Runs `export`.
pub fn run(args: &Args, ctx: &Context) -> anyhow::Result<ExitCode> {
    let project = ctx.open_project()?;
    match &args.command {
        Sub::Qdpx { out, name, accepted_only } => {
            let opts = ExportOptions { name: name.clone(), include_proposed: !accepted_only };
            let report =
                export_project(&project, out, &opts).with_context(|| format!("writing {}", out.display()))?;
            if ctx.json {
                crate::output::json(&serde_json::json!({ "file": out, "report": report }))?;
            } else {
                say_report(ctx, &report);
                ctx.say(format!("wrote {}", out.display()));
            }
        }
        Sub::Qdc { out } => {
            let report =
                export_codebook(&project, out).with_context(|| format!("writing {}", out.display()))?;
            if ctx.json {
                crate::output::json(&serde_json::json!({ "file": out, "report": report }))?;
            } else {
                say_report(ctx, &report);
                ctx.say(format!("wrote {}", out.display()));
            }
        }
        Sub::CodingsTable { out, unit, coder, format, bom } => {
            let unit = match unit.as_str() {
                "sentence" => RowUnit::Sentence,
                "document" => RowUnit::Document,
                _ => RowUnit::Paragraph,
            };
            let table = codings_table(&project, unit, coder.as_deref())?;
            let text = if format == "json" { table.to_json() } else { table.to_csv(*bom) };
            if out.as_os_str() == "-" {
                crate::output::text(&text)?;
            } else {
                std::fs::write(out, text).with_context(|| format!("writing {}", out.display()))?;
                ctx.say(format!(
                    "wrote {} rows × {} columns to {}",
                    table.rows.len(),
                    table.header.len(),
                    out.display()
                ));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
