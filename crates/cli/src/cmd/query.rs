//! `policyscope query`: coding queries: table, matrix, cooccur, trend, excerpts.

use std::process::ExitCode;

use policyscope::coding::{CodingFilter, CodingStore};
use policyscope::query::{self as q, Selection};
use policyscope::text::{DateRange, PolicyDate};

use super::Context;

/// Coding queries: table, matrix, cooccur, trend, excerpts.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Sub,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// Per code: the documents coded and how many (the study's Table 4), and passages.
    Table {
        #[command(flatten)]
        f: Filters,
    },
    /// Code × document counts (rows: documents in CSV).
    Matrix {
        #[command(flatten)]
        f: Filters,
        /// 0/1 instead of counts.
        #[arg(long)]
        binary: bool,
    },
    /// Code × code co-occurrence by sentence and by document.
    Cooccur {
        #[command(flatten)]
        f: Filters,
    },
    /// Codes by year of the document.
    Trend {
        #[command(flatten)]
        f: Filters,
    },
    /// The coded passages of a code in context, for quoting.
    Excerpts {
        /// The code (path or unique name); its sub-codes are included.
        code: String,
        #[command(flatten)]
        f: Filters,
        /// Only this document.
        #[arg(long)]
        doc: Option<i64>,
        /// Characters of context on each side.
        #[arg(long, default_value_t = 40)]
        context: usize,
        /// At most this many passages (0: all).
        #[arg(long, short = 'n', default_value_t = 0)]
        limit: usize,
    },
}

#[derive(Debug, clap::Args)]
struct Filters {
    /// Only the codings of this coder (a person, `auto:study@1`, or `auto:study` for any version).
    #[arg(long)]
    coder: Option<String>,
    /// Statuses to count (proposed, accepted, rejected, all).
    #[arg(long, value_delimiter = ',', default_value = "proposed,accepted")]
    status: Vec<String>,
    /// Only codings made or changed on or after this date (YYYY[-MM[-DD]]).
    #[arg(long)]
    since: Option<PolicyDate>,
    /// Only codings made or changed on or before this date (`--until 2024-05` includes all of May).
    #[arg(long)]
    until: Option<PolicyDate>,
    /// Only documents dated on or after this (YYYY[-MM[-DD]]).
    #[arg(long = "from")]
    doc_from: Option<PolicyDate>,
    /// Only documents dated on or before this (`--to 2020` includes all of 2020).
    #[arg(long = "to")]
    doc_to: Option<PolicyDate>,
    /// CSV on stdout.
    #[arg(long, conflicts_with = "json")]
    csv: bool,
}

impl Filters {
    fn filter(&self) -> anyhow::Result<CodingFilter> {
        Ok(CodingFilter {
            coder: self.coder.clone(),
            statuses: super::code::parse_statuses(&self.status)?,
            changed: DateRange::new(self.since, self.until)?,
            dated: DateRange::new(self.doc_from, self.doc_to)?,
            ..CodingFilter::default()
        })
    }
}

/// Runs `query`.
pub fn run(args: &Args, ctx: &Context) -> anyhow::Result<ExitCode> {
    let project = ctx.open_project()?;
    let store = CodingStore::open(&project)?;
    match &args.command {
        Sub::Table { f } => {
            let t = q::table(&Selection::load(&store, &f.filter()?)?);
            emit(ctx, f, &t, |w| t.write_csv(w), || t.to_text())?;
        }
        Sub::Matrix { f, binary } => {
            let m = q::matrix(&Selection::load(&store, &f.filter()?)?, *binary);
            emit(ctx, f, &m, |w| m.write_csv(w), || m.to_text())?;
        }
        Sub::Cooccur { f } => {
            let c = q::cooccur(&store, &Selection::load(&store, &f.filter()?)?)?;
            emit(ctx, f, &c, |w| c.write_csv(w), || c.to_text())?;
        }
        Sub::Trend { f } => {
            let t = q::trend(&store, &Selection::load(&store, &f.filter()?)?)?;
            emit(ctx, f, &t, |w| t.write_csv(w), || t.to_text())?;
        }
        Sub::Excerpts { code, f, doc, context, limit } => {
            let path = store.find_code(code)?.path;
            let filter = CodingFilter { code: Some(path), doc_id: *doc, ..f.filter()? };
            let mut xs = q::excerpts(&store, &Selection::load(&store, &filter)?, *context)?;
            if *limit > 0 {
                xs.truncate(*limit);
            }
            emit(ctx, f, &xs, |w| q::excerpts::write_csv(&xs, w), || q::excerpts::to_text(&xs))?;
            if xs.is_empty() {
                ctx.say(format!("no coded passages for `{code}` with these filters"));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn emit<T: serde::Serialize>(
    ctx: &Context,
    f: &Filters,
    value: &T,
    csv: impl FnOnce(&mut dyn std::io::Write) -> q::Result<()>,
    text: impl FnOnce() -> String,
) -> anyhow::Result<()> {
    if ctx.json {
        crate::output::json(value)?;
    } else if f.csv {
        csv(&mut crate::output::stdout())?;
    } else {
        crate::output::text(&text())?;
    }
    Ok(())
}
