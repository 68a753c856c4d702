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
    /// Coded documents and passages by NIS element and by mode, per year (codes' `nis:`/`mode:` tags).
    Nis {
        #[command(flatten)]
        f: Filters,
    },
    /// Actor × actor co-mentions and actor × code links, by passage and by document.
    Actors {
        #[command(flatten)]
        f: Filters,
        /// The actor network as GraphML on stdout.
        #[arg(long, conflicts_with_all = ["json", "csv"])]
        graphml: bool,
    },
    /// Role statements: actors given a task (负责, 由…制定, 会同 …).
    Roles {
        /// Only this actor (gazetteer id, e.g. `miit`).
        #[arg(long)]
        actor: Option<String>,
        /// Only this document.
        #[arg(long)]
        doc: Option<i64>,
        /// CSV on stdout.
        #[arg(long, conflicts_with = "json")]
        csv: bool,
    },
    /// Standards cited, per document and by year.
    Standards {
        /// CSV on stdout.
        #[arg(long, conflicts_with = "json")]
        csv: bool,
    },
    /// Chokepoint technologies mentioned, by year.
    Technologies {
        /// CSV on stdout.
        #[arg(long, conflicts_with = "json")]
        csv: bool,
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
    /// Count each translation as a document of its own (by default an
    /// original and its translations are one document).
    #[arg(long)]
    include_translations: bool,
    /// When a document counts as coded, for every code (instead of the
    /// codebooks' rules): any, at-least:N, share:F (of its sentences),
    /// in:title,purpose.
    #[arg(long)]
    doc_rule: Option<policyscope::coding::DocRule>,
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

    /// The selection these filters make, translations counted as asked.
    fn load(&self, store: &CodingStore<'_>) -> anyhow::Result<Selection> {
        let counting =
            if self.include_translations { q::Translations::Separate } else { q::Translations::WithOriginal };
        let mut sel = Selection::load_counting(store, &self.filter()?, counting)?;
        if let Some(rule) = &self.doc_rule {
            sel.force_doc_rule(store, rule.clone())?;
        }
        Ok(sel)
    }
}

/// Runs `query`.
pub fn run(args: &Args, ctx: &Context) -> anyhow::Result<ExitCode> {
    let project = ctx.open_project()?;
    let store = CodingStore::open(&project)?;
    match &args.command {
        Sub::Table { f } => {
            let sel = f.load(&store)?;
            ctx.say(format!("document rule: {}", sel.doc_rule_text()));
            let t = q::table(&sel);
            emit(ctx, f, &t, |w| t.write_csv(w), || t.to_text())?;
        }
        Sub::Matrix { f, binary } => {
            let sel = f.load(&store)?;
            if *binary {
                ctx.say(format!("document rule: {}", sel.doc_rule_text()));
            }
            let m = q::matrix(&sel, *binary);
            emit(ctx, f, &m, |w| m.write_csv(w), || m.to_text())?;
        }
        Sub::Cooccur { f } => {
            let c = q::cooccur(&store, &f.load(&store)?)?;
            emit(ctx, f, &c, |w| c.write_csv(w), || c.to_text())?;
        }
        Sub::Trend { f } => {
            let sel = f.load(&store)?;
            ctx.say(format!("document rule: {}", sel.doc_rule_text()));
            let t = q::trend(&store, &sel)?;
            emit(ctx, f, &t, |w| t.write_csv(w), || t.to_text())?;
        }
        Sub::Nis { f } => super::mentions::nis(&store, &f.load(&store)?, frame_format(ctx, f.csv, false))?,
        Sub::Actors { f, graphml } => {
            super::mentions::actors(ctx, &f.load(&store)?, frame_format(ctx, f.csv, *graphml))?
        }
        Sub::Roles { actor, doc, csv } => {
            super::mentions::roles(ctx, actor.as_deref(), *doc, frame_format(ctx, *csv, false))?
        }
        Sub::Standards { csv } => super::mentions::standards(ctx, frame_format(ctx, *csv, false))?,
        Sub::Technologies { csv } => super::mentions::technologies(ctx, frame_format(ctx, *csv, false))?,
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

fn frame_format(ctx: &Context, csv: bool, graphml: bool) -> super::mentions::Format {
    use super::mentions::Format;
    if graphml {
        Format::GraphMl
    } else if ctx.json {
        Format::Json
    } else if csv {
        Format::Csv
    } else {
        Format::Text
    }
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
