//! The experiment runner: every (configuration, replicate) run on its own
//! random stream, in parallel across runs, results sorted by (configuration,
//! replicate) so output bytes do not depend on the number of threads.

pub mod output;

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use rayon::prelude::*;

use crate::error::{LabError, Result};
use crate::rng::{run_rng, stream_id};
use crate::spec::{Order, Resolved};
use crate::summary::{RunSummary, RunTracker};

/// One recorded state: shares of a standard in a bloc at a step.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Record {
    /// Step (0 = initial state).
    pub step: u32,
    /// Bloc index.
    pub bloc: u16,
    /// Standard index.
    pub standard: u8,
    /// Share of the bloc's users (or adopters) on the standard.
    pub share: f64,
}

/// One run's results.
#[derive(Debug, Clone)]
pub struct RunResult {
    /// The summary row.
    pub summary: RunSummary,
    /// Recorded states (empty unless recording).
    pub records: Vec<Record>,
}

/// A whole experiment's results, sorted by (configuration, replicate).
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Per-run results.
    pub runs: Vec<RunResult>,
    /// Bloc names per configuration (for writing records).
    pub bloc_names: Vec<Vec<String>>,
    /// Worker threads used.
    pub threads: usize,
    /// Wall-clock seconds.
    pub seconds: f64,
}

impl Outcome {
    /// Individual choices made across all runs.
    pub fn updates(&self) -> u64 {
        self.runs.iter().map(|r| r.summary.updates).sum()
    }
}

/// Runs one (configuration, replicate), recording shares every `record_every`
/// steps (0: none) and at the last step.
pub fn run_one(resolved: &Resolved, config: u32, rep: u32, record_every: u32) -> Result<RunResult> {
    let exp = &resolved.spec.experiment;
    let cfg = resolved
        .configs
        .get(config as usize)
        .ok_or_else(|| LabError::param("config", "no such configuration"))?;
    if rep >= exp.replicates {
        return Err(LabError::param("rep", format!("the experiment has {} replicates", exp.replicates)));
    }
    let mut rng = run_rng(exp.master_seed, config, rep);
    let mut model = cfg.build(&mut rng)?;
    let (k, blocs, horizon) = (model.k(), model.bloc_names().len(), model.horizon());
    let mut tracker = RunTracker::new(resolved.spec.summary);
    let mut records = Vec::new();
    let record = |t: u32, counts: &[u64], out: &mut Vec<Record>| {
        for (b, row) in crate::summary::bloc_shares(counts, blocs, k).iter().enumerate() {
            for (s, share) in row.iter().enumerate() {
                out.push(Record { step: t, bloc: b as u16, standard: s as u8, share: *share });
            }
        }
    };
    tracker.observe(0, model.counts(), blocs, k);
    if record_every > 0 {
        record(0, model.counts(), &mut records);
    }
    let target = model.target();
    let mut lock_in = None;
    for t in 0..horizon {
        if let Some((s, t0, bloc)) = target.filter(|x| x.1 == t) {
            lock_in = model.lock_in_gap(t0, bloc, s);
        }
        model.step(t, &mut rng);
        tracker.observe(t + 1, model.counts(), blocs, k);
        if record_every > 0 && ((t + 1) % record_every == 0 || t + 1 == horizon) {
            record(t + 1, model.counts(), &mut records);
        }
    }
    let run = u64::from(config) * u64::from(exp.replicates) + u64::from(rep);
    let summary = tracker.finish(
        (run, config, rep, stream_id(config, rep)),
        model.counts(),
        model.bloc_names(),
        k,
        target.map(|(s, t0, _)| (s, t0)),
        lock_in,
        model.updates(),
    );
    Ok(RunResult { summary, records })
}

/// The (configuration, replicate) pairs in scheduling order.
pub fn plan(configs: u32, replicates: u32, order: Order) -> Vec<(u32, u32)> {
    match order {
        Order::Interleaved => (0..replicates).flat_map(|r| (0..configs).map(move |c| (c, r))).collect(),
        Order::Sequential => (0..configs).flat_map(|c| (0..replicates).map(move |r| (c, r))).collect(),
    }
}

/// Runs the whole experiment on `threads` workers (`None`: rayon's default).
pub fn run(resolved: &Resolved, threads: Option<usize>) -> Result<Outcome> {
    let exp = &resolved.spec.experiment;
    let pairs = plan(resolved.configs.len() as u32, exp.replicates, exp.order);
    let start = Instant::now();
    let stop = AtomicBool::new(false);
    let limit = exp.max_seconds;
    let work = || -> Vec<Result<RunResult>> {
        pairs
            .par_iter()
            .map(|&(c, r)| {
                if stop.load(Ordering::Relaxed) || limit.is_some_and(|s| start.elapsed().as_secs() >= s) {
                    stop.store(true, Ordering::Relaxed);
                    return Err(LabError::Limit(format!(
                        "experiment ran past max_seconds = {}",
                        limit.unwrap_or_default()
                    )));
                }
                run_one(resolved, c, r, exp.record_every)
            })
            .collect()
    };
    let (results, used) = match threads {
        Some(n) => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map_err(|e| LabError::Pool(e.to_string()))?;
            (pool.install(work), n)
        }
        None => (work(), rayon::current_num_threads()),
    };
    let mut runs = results.into_iter().collect::<Result<Vec<_>>>()?;
    runs.sort_by_key(|r| (r.summary.config, r.summary.rep));
    let bloc_names = resolved.configs.iter().map(crate::models::ModelConfig::bloc_names).collect();
    Ok(Outcome { runs, bloc_names, threads: used, seconds: start.elapsed().as_secs_f64() })
}

/// Re-runs run number `run` (as numbered in `summary.csv`) recording every step.
pub fn replay(resolved: &Resolved, run: u64) -> Result<RunResult> {
    let reps = u64::from(resolved.spec.experiment.replicates);
    let config = u32::try_from(run / reps).map_err(|_| LabError::param("run", "out of range"))?;
    run_one(resolved, config, (run % reps) as u32, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interleaved_plan_cycles_configurations_within_each_replicate() {
        assert_eq!(plan(2, 2, Order::Interleaved), [(0, 0), (1, 0), (0, 1), (1, 1)]);
        assert_eq!(plan(2, 2, Order::Sequential), [(0, 0), (0, 1), (1, 0), (1, 1)]);
    }
}
