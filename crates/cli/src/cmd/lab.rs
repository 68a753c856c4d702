//! `policyscope lab`: simulated standard wars — run experiments from TOML
//! specs, replay one run, sensitivity analysis, calibration by rejection ABC,
//! and policy schedules forced by coded documents.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use policyscope::lab::forcing::{self, ForcingOptions, Measure};
use policyscope::lab::models::coalition::Prediction;
use policyscope::lab::models::policy::PolicyKind;
use policyscope::lab::models::ModelConfig;
use policyscope::lab::runner::{self, output};
use policyscope::lab::svg::figures;
use policyscope::lab::{calibrate, load, observed, sensitivity, Resolved, Spec};

use super::Context;
use crate::output as out;

mod series;

/// The scenario lab.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Run an experiment: summaries, aggregates, provenance and figures into --out.
    Run(RunArgs),
    /// Check a spec: resolve its design and report configurations and runs (and, for coalitions,
    /// the least frustrated splits and equilibria).
    Check(SpecArg),
    /// Re-run one run (numbered as in summary.csv) recording every step.
    Replay(ReplayArgs),
    /// Morris μ*/σ or Sobol' S1/ST of an outcome (the spec needs a morris or sobol design).
    Sensitivity(SensitivityArgs),
    /// Turn a coded trend (CSV of `query trend --csv`) into a policy schedule for a spec.
    Forcing(ForcingArgs),
    /// Rejection ABC: simulate the spec's `lhs` prior draws, keep the runs nearest the targets
    /// (summaries, or a coded series of the project with --target-code).
    Calibrate(CalibrateArgs),
}

#[derive(Debug, clap::Args)]
struct SpecArg {
    /// The experiment spec (TOML).
    #[arg(long)]
    spec: PathBuf,
}

#[derive(Debug, clap::Args)]
struct RunArgs {
    #[command(flatten)]
    spec: SpecArg,
    /// Folder for the results.
    #[arg(long)]
    out: PathBuf,
    /// Worker threads (default: all cores); results do not depend on it.
    #[arg(long)]
    threads: Option<usize>,
    /// Override the spec's replicates.
    #[arg(long)]
    replicates: Option<u32>,
    /// Override the spec's recording interval (0: summaries only).
    #[arg(long)]
    record_every: Option<u32>,
}

#[derive(Debug, clap::Args)]
struct ReplayArgs {
    #[command(flatten)]
    spec: SpecArg,
    /// Run number (the `run` column of summary.csv).
    #[arg(long)]
    run: u64,
    /// CSV file for the per-step shares.
    #[arg(long)]
    out: PathBuf,
}

#[derive(Debug, clap::Args)]
struct SensitivityArgs {
    #[command(flatten)]
    spec: SpecArg,
    /// Outcome to analyse.
    #[arg(long, default_value = "success", value_parser = policyscope::lab::summary::METRICS)]
    metric: String,
    /// Folder for the indices (CSV, JSON) and bar chart.
    #[arg(long)]
    out: PathBuf,
    /// Bootstrap resamples for Sobol' intervals.
    #[arg(long, default_value_t = 200)]
    bootstrap: usize,
    /// Worker threads.
    #[arg(long)]
    threads: Option<usize>,
}

#[derive(Debug, clap::Args)]
struct ForcingArgs {
    /// Trend CSV: code, year, documents, passages, corpus_documents[, weighted].
    #[arg(long)]
    trend: PathBuf,
    /// CODE=WEIGHT (repeatable): codes summed into the intensity, with their weights.
    #[arg(long = "code", required = true, value_parser = parse_code)]
    codes: Vec<(String, f64)>,
    /// Measure of intensity.
    #[arg(long, default_value = "documents", value_parser = ["documents", "passages", "share", "weighted"])]
    measure: String,
    /// Half-life of the policy stock, in years (0: no memory).
    #[arg(long, default_value_t = 3.0)]
    half_life: f64,
    /// Simulation steps per year.
    #[arg(long, default_value_t = 10)]
    steps_per_year: u32,
    /// Peak value of the schedule (model units).
    #[arg(long, default_value_t = 1.0)]
    scale: f64,
    /// Policy kind the schedule drives.
    #[arg(long, default_value = "subsidy", value_parser = ["subsidy", "endorse", "seed", "mandate", "intensity"])]
    kind: String,
    /// Bloc the policy acts in (default: every bloc).
    #[arg(long)]
    bloc: Option<String>,
    /// Standard the policy favours.
    #[arg(long, default_value_t = 0)]
    standard: usize,
    /// Step at which the first year starts.
    #[arg(long, default_value_t = 0)]
    t_on: u32,
    /// Write the `[[base.policy]]` block here (default: stdout).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Write the intensity figure (SVG) here.
    #[arg(long)]
    figure: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct CalibrateArgs {
    #[command(flatten)]
    spec: SpecArg,
    /// SUMMARY=VALUE (repeatable): an observed summary, replacing `[calibrate.targets]`.
    #[arg(long = "target", value_parser = parse_target)]
    targets: Vec<(String, f64)>,
    #[command(flatten)]
    series: series::SeriesArgs,
    /// Share of runs accepted (default: `[calibrate] accept`, else 0.05).
    #[arg(long)]
    accept: Option<f64>,
    /// Folder for accepted.csv and posterior.json.
    #[arg(long)]
    out: PathBuf,
    /// Worker threads; results do not depend on it.
    #[arg(long)]
    threads: Option<usize>,
}

fn parse_target(s: &str) -> Result<(String, f64), String> {
    let (name, v) = s.split_once('=').ok_or("expected SUMMARY=VALUE")?;
    let v: f64 = v.parse().map_err(|_| format!("`{v}` is not a number"))?;
    if name.is_empty() || !v.is_finite() {
        return Err("expected SUMMARY=VALUE".into());
    }
    Ok((name.to_string(), v))
}

fn parse_code(s: &str) -> Result<(String, f64), String> {
    let (code, w) = s.rsplit_once('=').unwrap_or((s, "1"));
    let w: f64 = w.parse().map_err(|_| format!("`{w}` is not a number"))?;
    if code.is_empty() || !w.is_finite() {
        return Err("expected CODE=WEIGHT".into());
    }
    Ok((code.to_string(), w))
}

/// Runs `lab`.
pub fn run(args: &Args, ctx: &Context) -> anyhow::Result<ExitCode> {
    match &args.command {
        Command::Run(a) => run_experiment(a, ctx),
        Command::Check(a) => check(a, ctx),
        Command::Replay(a) => replay(a, ctx),
        Command::Sensitivity(a) => sensitivity_cmd(a, ctx),
        Command::Forcing(a) => forcing_cmd(a, ctx),
        Command::Calibrate(a) => calibrate_cmd(a, ctx),
    }
}

fn resolve(spec: &Path) -> anyhow::Result<Resolved> {
    load(spec).with_context(|| format!("reading spec {}", spec.display()))
}

/// Coalition configurations whose predictions `lab check` shows (each is an exhaustive search).
const MAX_PREDICTED: usize = 16;

fn check(a: &SpecArg, ctx: &Context) -> anyhow::Result<ExitCode> {
    let r = resolve(&a.spec)?;
    let runs = r.configs.len() as u64 * u64::from(r.spec.experiment.replicates);
    let predictions: Vec<(usize, Prediction)> = r
        .configs
        .iter()
        .take(MAX_PREDICTED)
        .enumerate()
        .filter_map(|(c, m)| match m {
            ModelConfig::Coalition(k) => Some((c, k.prediction())),
            _ => None,
        })
        .collect();
    if ctx.json {
        let predictions: Vec<_> =
            predictions.iter().map(|(c, p)| serde_json::json!({ "config": c, "prediction": p })).collect();
        out::json(&serde_json::json!({
            "experiment": r.spec.experiment.id, "configurations": r.configs.len(),
            "replicates": r.spec.experiment.replicates, "runs": runs, "factors": r.design.factors,
            "coalition": predictions,
        }))?;
    } else {
        for (c, p) in &predictions {
            let best: Vec<String> =
                p.best.iter().map(|[a, b]| format!("{{{}}} | {{{}}}", a.join(", "), b.join(", "))).collect();
            let observed = p.agreement.map_or(String::new(), |n| {
                format!(
                    "; best split places {n} of {} firms as observed",
                    p.best[0][0].len() + p.best[0][1].len()
                )
            });
            out::line(&format!(
                "config {c}: least frustrated {} (frustration {}); {} equilibria{observed}",
                best.join(" or "),
                p.frustration,
                p.equilibria
            ))?;
        }
        out::line(&format!(
            "{}: {} configurations × {} replicates = {runs} runs; factors: {}",
            r.spec.experiment.id,
            r.configs.len(),
            r.spec.experiment.replicates,
            if r.design.factors.is_empty() { "none".into() } else { r.design.factors.join(", ") }
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn run_experiment(a: &RunArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let path = &a.spec.spec;
    let mut spec = Spec::read(path).with_context(|| format!("reading spec {}", path.display()))?;
    if let Some(n) = a.replicates {
        spec.experiment.replicates = n;
    }
    if let Some(every) = a.record_every {
        spec.experiment.record_every = every;
    }
    // Resolved after the overrides, so the run and recording limits apply to them too.
    let r = spec
        .resolve(path.parent().unwrap_or(Path::new(".")))
        .with_context(|| format!("spec {}", path.display()))?;
    let runs = r.configs.len() as u64 * u64::from(r.spec.experiment.replicates);
    ctx.say(format!("{}: {runs} runs of {} configurations", r.spec.experiment.id, r.configs.len()));
    let outcome = runner::run(&r, a.threads)?;
    let (files, aggs) = output::write_all(&a.out, &r, &outcome)?;
    let prov = output::provenance(&r, &outcome);
    if ctx.json {
        out::json(&serde_json::json!({
            "experiment": r.spec.experiment.id, "runs": outcome.runs.len(), "threads": outcome.threads,
            "wall_seconds": outcome.seconds, "updates": prov.updates, "ns_per_update": prov.ns_per_update,
            "aggregates": aggs, "files": files,
        }))?;
        return Ok(ExitCode::SUCCESS);
    }
    let factors = &r.design.factors;
    for agg in &aggs {
        let values: Vec<String> =
            r.design.rows[agg.config as usize].iter().map(ToString::to_string).collect();
        let set: Vec<String> = factors.iter().zip(&values).map(|(f, v)| format!("{f}={v}")).collect();
        let win = if agg.p_success.is_nan() {
            "P(win) -".to_string()
        } else {
            format!("P(win) {:.2} [{:.2}, {:.2}]", agg.p_success, agg.p_success_lo, agg.p_success_hi)
        };
        out::line(&format!(
            "config {:>3} {:<40} {win}  leader {:.2}  fragmentation {:.2}  specific {:.2}",
            agg.config,
            set.join(" "),
            agg.leader_share_mean,
            agg.fragmentation_mean,
            agg.p_specific
        ))?;
    }
    out::line(&format!(
        "{} runs in {:.2} s on {} threads ({} choices, {:.1} ns each); {} files in {}",
        outcome.runs.len(),
        outcome.seconds,
        outcome.threads,
        prov.updates,
        prov.ns_per_update,
        files.len(),
        a.out.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}

fn replay(a: &ReplayArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let r = resolve(&a.spec.spec)?;
    let result = runner::replay(&r, a.run)?;
    let config = result.summary.config as usize;
    let mut names = vec![Vec::new(); r.configs.len()];
    names[config] = r.configs[config].bloc_names();
    output::write_series(&a.out, std::slice::from_ref(&result), &names)?;
    if ctx.json {
        out::json(&result.summary)?;
    } else {
        ctx.say(format!("run {} ({} records) written to {}", a.run, result.records.len(), a.out.display()));
        out::line(&format!(
            "winner {:?}, leader share {:.3}, transition at {:?}, specific at {:?}, success {:?}",
            result.summary.winner,
            result.summary.leader_share,
            result.summary.t_transition,
            result.summary.t_specific,
            result.summary.success
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn sensitivity_cmd(a: &SensitivityArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let r = resolve(&a.spec.spec)?;
    ctx.say(format!(
        "{}: {} configurations × {} replicates",
        r.spec.experiment.id,
        r.configs.len(),
        r.spec.experiment.replicates
    ));
    let outcome = runner::run(&r, a.threads)?;
    let s = sensitivity::analyse(&r, &outcome, &a.metric, a.bootstrap)?;
    std::fs::create_dir_all(&a.out).with_context(|| format!("creating {}", a.out.display()))?;
    let notes = figures::notes(&r);
    let (svg, rows): (String, Vec<String>) = match (&s.sobol, &s.morris) {
        (Some(idx), _) => (
            figures::sobol_bars(&s.factors, idx, &s.metric, &notes),
            s.factors
                .iter()
                .zip(idx)
                .map(|(f, i)| {
                    format!("{f},{},{},{},{},{},{}", i.s1, i.s1_lo, i.s1_hi, i.st, i.st_lo, i.st_hi)
                })
                .collect(),
        ),
        (None, Some(idx)) => (
            figures::morris_bars(&s.factors, idx, &s.metric, &notes),
            s.factors
                .iter()
                .zip(idx)
                .map(|(f, i)| format!("{f},{},{},{}", i.mu, i.mu_star, i.sigma))
                .collect(),
        ),
        (None, None) => anyhow::bail!("the design gives no indices"),
    };
    let header =
        if s.sobol.is_some() { "factor,s1,s1_lo,s1_hi,st,st_lo,st_hi" } else { "factor,mu,mu_star,sigma" };
    let csv_path = a.out.join("sensitivity.csv");
    std::fs::write(&csv_path, format!("{header}\n{}\n", rows.join("\n")))
        .with_context(|| format!("writing {}", csv_path.display()))?;
    let svg_path = a.out.join("sensitivity.svg");
    std::fs::write(&svg_path, svg).with_context(|| format!("writing {}", svg_path.display()))?;
    let json_path = a.out.join("sensitivity.json");
    std::fs::write(&json_path, serde_json::to_string_pretty(&s)?)
        .with_context(|| format!("writing {}", json_path.display()))?;
    if ctx.json {
        out::json(&s)?;
    } else {
        out::line(header)?;
        for row in &rows {
            out::line(row)?;
        }
        ctx.say(format!("written to {}", a.out.display()));
    }
    Ok(ExitCode::SUCCESS)
}

fn forcing_cmd(a: &ForcingArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let rows = forcing::read_trend(&a.trend)?;
    let measure = match a.measure.as_str() {
        "passages" => Measure::Passages,
        "share" => Measure::Share,
        "weighted" => Measure::Weighted,
        _ => Measure::Documents,
    };
    let kind = match a.kind.as_str() {
        "endorse" => PolicyKind::Endorse,
        "seed" => PolicyKind::Seed,
        "mandate" => PolicyKind::Mandate,
        "intensity" => PolicyKind::Intensity,
        _ => PolicyKind::Subsidy,
    };
    let opts = ForcingOptions {
        codes: a.codes.clone(),
        measure,
        half_life: a.half_life,
        steps_per_year: a.steps_per_year,
        scale: a.scale,
        kind,
        bloc: a.bloc.clone(),
        standard: a.standard,
        t_on: a.t_on,
    };
    let f = forcing::build(&rows, &opts)?;
    let text = format!(
        "# Policy schedule from {} ({}–{}), codes {}; stock half-life {} years, {} steps per year, peak {}.\n{}",
        a.trend.display(),
        f.years.first().copied().unwrap_or_default(),
        f.years.last().copied().unwrap_or_default(),
        a.codes.iter().map(|(c, w)| format!("{c}×{w}")).collect::<Vec<_>>().join(", "),
        a.half_life,
        a.steps_per_year,
        a.scale,
        f.to_toml()?
    );
    if let Some(fig) = &a.figure {
        std::fs::write(fig, f.figure(&opts)).with_context(|| format!("writing {}", fig.display()))?;
        ctx.say(format!("figure written to {}", fig.display()));
    }
    match &a.out {
        Some(p) => {
            std::fs::write(p, &text).with_context(|| format!("writing {}", p.display()))?;
            ctx.say(format!("policy schedule ({} steps) written to {}", f.policy.series.len(), p.display()));
        }
        None => out::line(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn calibrate_cmd(a: &CalibrateArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let path = &a.spec.spec;
    let mut spec = Spec::read(path).with_context(|| format!("reading spec {}", path.display()))?;
    let coded = a.series.mapping(ctx)?;
    if let Some((m, _)) = &coded {
        // The runs must record every year's end the series is matched at.
        spec.experiment.record_every = m.recording(spec.experiment.record_every);
    }
    let r = spec
        .resolve(path.parent().unwrap_or(Path::new(".")))
        .with_context(|| format!("spec {}", path.display()))?;
    let observed = coded.map(|(m, rows)| observed::derive(&rows, &m, &r)).transpose()?;
    let given = r.spec.calibrate.clone().unwrap_or_default();
    // Typed targets replace the spec's; a coded series adds to them.
    let named: BTreeMap<String, f64> = if a.targets.is_empty() && observed.is_none() {
        given.targets.clone()
    } else {
        a.targets.iter().cloned().collect()
    };
    let mut targets: Vec<calibrate::Target> =
        named.iter().map(|(n, v)| calibrate::Target::summary(n, *v)).collect();
    targets.extend(observed.iter().flat_map(observed::ObservedSeries::targets));
    let accept = a.accept.unwrap_or(given.accept);
    if let (Some(s), false) = (&observed, ctx.json) {
        series::print(s)?;
    }
    ctx.say(format!("{}: {} prior draws", r.spec.experiment.id, r.configs.len()));
    let outcome = runner::run(&r, a.threads)?;
    let post = calibrate::calibrate_to(&r, &outcome, &targets, accept)?;
    std::fs::create_dir_all(&a.out).with_context(|| format!("creating {}", a.out.display()))?;
    let csv_path = a.out.join("accepted.csv");
    let mut csv = format!("run,config,distance,{}\n", r.design.factors.join(","));
    for acc in &post.accepted {
        let values: Vec<String> = acc.values.iter().map(ToString::to_string).collect();
        csv.push_str(&format!("{},{},{},{}\n", acc.run, acc.config, acc.distance, values.join(",")));
    }
    std::fs::write(&csv_path, csv).with_context(|| format!("writing {}", csv_path.display()))?;
    let json_path = a.out.join("posterior.json");
    let record = serde_json::json!({
        "tool": "policyscope-lab", "version": env!("CARGO_PKG_VERSION"),
        "experiment": r.spec.experiment.id, "master_seed": r.spec.experiment.master_seed,
        "seeds": "run (config c, replicate r) draws from ChaCha8Rng::seed_from_u64(master_seed) with stream c·2^32 + r",
        "method": "rejection ABC: uniform priors from the lhs design, distance = Euclidean over summaries scaled by their prior-predictive sd, nearest `accept` share kept",
        "accept": accept, "spec": r.spec, "observed": observed, "posterior": post,
    });
    std::fs::write(&json_path, serde_json::to_string_pretty(&record)?)
        .with_context(|| format!("writing {}", json_path.display()))?;
    if ctx.json {
        out::json(&record)?;
        return Ok(ExitCode::SUCCESS);
    }
    out::line(&format!(
        "accepted {} of {} runs (distance ≤ {:.3})",
        post.accepted.len(),
        post.draws,
        post.tolerance
    ))?;
    for m in &post.marginals {
        out::line(&format!(
            "{:<24} prior draws [{:.4}, {:.4}]  posterior mean {:.4}  sd {:.4}  95 % [{:.4}, {:.4}]",
            m.factor, m.prior.0, m.prior.1, m.mean, m.sd, m.q025, m.q975
        ))?;
    }
    ctx.say(format!("written to {}", a.out.display()));
    Ok(ExitCode::SUCCESS)
}
