//! `policyscope snowball --seed ID...`: snowball sampling from seed
//! documents through resolved citations under inclusion rules.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use policyscope::cite::snowball::{self, Direction, Rules, SnowballResult};
use policyscope::cite::store;
use policyscope::corpus::Project;

use super::Context;

/// Snowball sampling from seed documents.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub sample: SampleArgs,
    /// Do not record the run in the project.
    #[arg(long)]
    pub no_save: bool,
}

/// Options shared by `snowball` and `graph`.
#[derive(Debug, clap::Args)]
pub struct SampleArgs {
    /// Seed documents: a document id, `no:<catalog number>`, or the end of a source path.
    #[arg(long = "seed", num_args = 1..)]
    pub seeds: Vec<String>,
    /// A TOML rules file (direction, max_rounds, otherwise, [[rule]] …).
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// Stop after this many rounds (overrides the rules file).
    #[arg(long)]
    pub max_rounds: Option<usize>,
    /// Follow references backward (what is cited), forward (what cites) or both (overrides the rules file).
    #[arg(long, value_parser = ["backward", "forward", "both"])]
    pub direction: Option<String>,
    /// A TSV catalog: references to its entries become `external`.
    #[arg(long)]
    pub catalog: Option<PathBuf>,
}

impl SampleArgs {
    /// Loads the rules with command-line overrides.
    pub fn rules(&self) -> anyhow::Result<Rules> {
        let mut rules = match &self.rules {
            Some(p) => Rules::load(p)?,
            None => Rules::default(),
        };
        if let Some(n) = self.max_rounds {
            anyhow::ensure!(n > 0, "--max-rounds must be at least 1");
            rules.max_rounds = n;
        }
        if let Some(d) = &self.direction {
            rules.direction = match d.as_str() {
                "forward" => Direction::Forward,
                "both" => Direction::Both,
                _ => Direction::Backward,
            };
        }
        Ok(rules)
    }

    /// Turns the seed arguments into document ids.
    pub fn seed_ids(&self, project: &Project) -> anyhow::Result<Vec<i64>> {
        let docs = project.documents(false)?;
        let mut ids = Vec::new();
        for s in &self.seeds {
            // A catalog number shared by an original and its linked
            // translation names the original (`no:08-en` the translation).
            let found: Vec<i64> = if let Some(no) = s.strip_prefix("no:") {
                policyscope::corpus::find_by_label(&docs, no)
            } else if let Ok(id) = s.parse::<i64>() {
                docs.iter().filter(|d| d.id == id).map(|d| d.id).collect()
            } else {
                docs.iter()
                    .filter(|d| d.paths.iter().any(|p| p.ends_with(s.as_str())))
                    .map(|d| d.id)
                    .collect()
            };
            match found.as_slice() {
                [one] => ids.push(*one),
                [] => anyhow::bail!("no document matches seed `{s}`"),
                many => {
                    let list: Vec<String> = docs
                        .iter()
                        .filter(|d| many.contains(&d.id))
                        .map(|d| {
                            format!(
                                "#{} [{}] {} ({})",
                                d.id,
                                policyscope::corpus::label(d),
                                d.title,
                                d.source_path
                            )
                        })
                        .collect();
                    anyhow::bail!(
                        "seed `{s}` matches {} documents; give one id: {}",
                        many.len(),
                        list.join("; ")
                    )
                }
            }
        }
        Ok(ids)
    }

    /// Runs the snowball these options describe.
    pub fn run(&self, project: &Project, ctx: &Context) -> anyhow::Result<SnowballResult> {
        let catalog = super::cite::load_catalog(self.catalog.as_ref())?;
        let rules = self.rules()?;
        let seeds = self.seed_ids(project)?;
        super::cite::ensure_citations(project, catalog.as_ref(), ctx)?;
        let citations = store::load(project, None)?;
        snowball::snowball(project, &citations, &seeds, &rules).context("snowball")
    }
}

/// Runs `snowball`.
pub fn run(args: &Args, ctx: &Context) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(!args.sample.seeds.is_empty(), "give at least one --seed");
    let project = ctx.open_project()?;
    let result = args.sample.run(&project, ctx)?;
    let run_id = if args.no_save { None } else { Some(store::save_snowball(&project, &result)?) };
    if ctx.json {
        crate::output::json(&serde_json::json!({ "run": run_id, "result": result }))?;
        return Ok(ExitCode::SUCCESS);
    }
    use std::fmt::Write as _;
    let mut out = String::new();
    let show = |s: &snowball::Step| {
        format!(
            "{:>5}  {:<10}  {}",
            s.doc.id.unwrap_or(0),
            super::cite::date_or_dash(s.doc.date),
            policyscope::text::shorten(&s.doc.title, 40)
        )
    };
    writeln!(out, "seeds:")?;
    for s in &result.seeds {
        writeln!(out, "  {}", show(s))?;
    }
    for r in &result.rounds {
        writeln!(out, "round {}: {} admitted, {} excluded", r.round, r.admitted.len(), r.excluded.len())?;
        for s in &r.admitted {
            writeln!(
                out,
                "  + {}  [{} from #{} by {}; rule {}]",
                show(s),
                s.direction,
                s.via.as_ref().and_then(|v| v.id).unwrap_or(0),
                s.reference.as_deref().unwrap_or(""),
                s.rule
            )?;
        }
        for s in &r.excluded {
            writeln!(out, "  - {}  [rule {}]", show(s), s.rule)?;
        }
    }
    let admitted = result.admitted().count();
    let excluded = result.excluded().count();
    writeln!(out, "{admitted} documents admitted, {excluded} excluded; stopped: {}", result.stopped)?;
    if !result.outside.is_empty() {
        writeln!(out, "references outside the project:")?;
        for o in &result.outside {
            writeln!(
                out,
                "  #{} {} ({}{})",
                o.citing.id.unwrap_or(0),
                o.reference,
                o.status,
                o.target
                    .as_ref()
                    .and_then(|t| t.catalog_no.as_ref())
                    .map(|n| format!(", catalog {n}"))
                    .unwrap_or_default()
            )?;
        }
    }
    crate::output::text(&out)?;
    if let Some(id) = run_id {
        ctx.say(format!("recorded as snowball run {id}"));
    }
    Ok(ExitCode::SUCCESS)
}
