//! `lab calibrate --target-code`: calibration targets derived from the
//! project's codings. The counts are the query crate's trend (the figures of
//! `policyscope query trend`, with its default filter: codings proposed or
//! accepted); the lab maps them onto the runs (`policyscope_lab::observed`).

use policyscope::coding::{CodingFilter, CodingStore};
use policyscope::lab::forcing::TrendRow;
use policyscope::lab::observed::{ObservedSeries, SeriesMapping};
use policyscope::query::{self as q, Selection};

use super::super::Context;
use crate::output as out;

/// Options that derive targets from a coded series.
#[derive(Debug, clap::Args)]
pub struct SeriesArgs {
    /// Derive targets from the project's codings: the share of each year's documents coded with this
    /// code (path or unique name), matched with a standard's share of the bloc's adopters at the year's end.
    #[arg(long)]
    target_code: Option<String>,
    /// Standard the coded documents stand for.
    #[arg(long, default_value_t = 0, requires = "target_code")]
    standard: usize,
    /// Bloc the project's documents speak for (default: the model's only bloc).
    #[arg(long, requires = "target_code")]
    bloc: Option<String>,
    /// Simulation steps per year of the coded series.
    #[arg(long, default_value_t = 10, requires = "target_code")]
    steps_per_year: u32,
    /// Step at which the series' first year starts.
    #[arg(long, default_value_t = 0, requires = "target_code")]
    t_on: u32,
}

impl SeriesArgs {
    /// The mapping, with the code resolved to its path in the project; `None` without `--target-code`.
    pub fn mapping(&self, ctx: &Context) -> anyhow::Result<Option<(SeriesMapping, Vec<TrendRow>)>> {
        let Some(code) = &self.target_code else { return Ok(None) };
        let project = ctx.open_project()?;
        let store = CodingStore::open(&project)?;
        let path = store.find_code(code)?.path;
        let sel = Selection::load(&store, &CodingFilter::not_rejected())?;
        let trend = q::trend(&store, &sel)?;
        let mapping = SeriesMapping {
            code: path,
            steps_per_year: self.steps_per_year,
            t_on: self.t_on,
            bloc: self.bloc.clone(),
            standard: self.standard,
        };
        Ok(Some((mapping.clone(), rows(&trend, &mapping.code)?)))
    }
}

/// The trend's dated rows for the code at `path`, as the lab reads them.
fn rows(trend: &q::Trend, path: &str) -> anyhow::Result<Vec<TrendRow>> {
    let Some(code) = trend.codes.iter().find(|r| r.path == path) else {
        anyhow::bail!("code `{path}` has no row in the trend");
    };
    let mut rows = Vec::new();
    for (i, year) in trend.years.iter().enumerate() {
        if year == q::UNDATED {
            continue;
        }
        let year: i32 = year.parse().map_err(|_| anyhow::anyhow!("the trend has a year `{year}`"))?;
        rows.push(TrendRow {
            code: path.to_string(),
            year,
            documents: code.documents[i] as f64,
            passages: code.passages[i] as f64,
            corpus_documents: trend.corpus_documents[i] as f64,
            weighted: None,
        });
    }
    Ok(rows)
}

/// Prints the derived series for people.
pub fn print(s: &ObservedSeries) -> anyhow::Result<()> {
    out::line(&format!(
        "targets from codings: share of each year's documents coded {} → share of standard {} in bloc {} at the year's end",
        s.code, s.mapping.standard, s.bloc
    ))?;
    out::line(&format!("{:>6} {:>9} {:>9} {:>7} {:>6}", "year", "coded", "documents", "share", "step"))?;
    for y in &s.years {
        out::line(&format!(
            "{:>6} {:>9} {:>9} {:>7.4} {:>6}",
            y.year, y.documents, y.corpus_documents, y.share, y.step
        ))?;
    }
    out::line(&format!("assumptions: {}", s.assumptions))
}
