//! Tidy outputs: `summary.csv` (one row per run), `aggregate.csv` and
//! `aggregate.json` (one row per configuration), `configs.csv` (factor values), `series.csv` (recorded
//! shares), `provenance.json` (version, spec, seeds, threads, timing) and the
//! figures. Every file except `provenance.json` is byte-identical whatever
//! the number of threads.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{Outcome, RunResult};
use crate::error::{LabError, Result};
use crate::models::assumptions;
use crate::spec::Resolved;
use crate::summary::{aggregate, Aggregate};
use crate::svg::figures;

fn value_text(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The run-level provenance written beside the results.
#[derive(Debug, Serialize)]
pub struct Provenance<'a> {
    /// Library name.
    pub tool: &'static str,
    /// Library version.
    pub version: &'static str,
    /// Experiment id.
    pub experiment: &'a str,
    /// How run seeds are derived.
    pub seeds: String,
    /// Configurations.
    pub configurations: usize,
    /// Runs.
    pub runs: usize,
    /// Worker threads.
    pub threads: usize,
    /// Wall-clock seconds.
    pub wall_seconds: f64,
    /// Individual choices simulated.
    pub updates: u64,
    /// Wall-clock nanoseconds per individual choice (whole machine).
    pub ns_per_update: f64,
    /// The model's assumptions.
    pub assumptions: &'static str,
    /// The spec as resolved (defaults filled in where the spec gives them).
    pub spec: &'a crate::spec::Spec,
    /// Design factors.
    pub factors: &'a [String],
}

/// Builds the provenance record of an outcome.
pub fn provenance<'a>(resolved: &'a Resolved, outcome: &Outcome) -> Provenance<'a> {
    let exp = &resolved.spec.experiment;
    let updates = outcome.updates();
    Provenance {
        tool: "policyscope-lab",
        version: env!("CARGO_PKG_VERSION"),
        experiment: &exp.id,
        seeds: format!(
            "run (config c, replicate r) draws from ChaCha8Rng::seed_from_u64({}) with stream c·2^32 + r (rand_chacha 0.9)",
            exp.master_seed
        ),
        configurations: resolved.configs.len(),
        runs: outcome.runs.len(),
        threads: outcome.threads,
        wall_seconds: outcome.seconds,
        updates,
        ns_per_update: if updates == 0 { 0.0 } else { outcome.seconds * 1e9 / updates as f64 },
        assumptions: assumptions(exp.model),
        spec: &resolved.spec,
        factors: &resolved.design.factors,
    }
}

fn create(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| LabError::io(dir, e))
}

fn write_text(path: &Path, text: &str) -> Result<PathBuf> {
    std::fs::write(path, text).map_err(|e| LabError::io(path, e))?;
    Ok(path.to_path_buf())
}

/// Writes recorded shares of `runs` as tidy rows.
pub fn write_series(path: &Path, runs: &[RunResult], bloc_names: &[Vec<String>]) -> Result<PathBuf> {
    let mut w = csv::Writer::from_path(path)
        .map_err(|e| LabError::Table { file: path.display().to_string(), reason: e.to_string() })?;
    w.write_record(["run", "config", "rep", "stream", "step", "bloc", "standard", "share"])?;
    for r in runs {
        let s = &r.summary;
        let names = bloc_names.get(s.config as usize);
        for rec in &r.records {
            let bloc = names
                .and_then(|n| n.get(usize::from(rec.bloc)))
                .cloned()
                .unwrap_or_else(|| rec.bloc.to_string());
            w.write_record([
                s.run.to_string(),
                s.config.to_string(),
                s.rep.to_string(),
                s.stream.to_string(),
                rec.step.to_string(),
                bloc,
                rec.standard.to_string(),
                format!("{:.6}", rec.share),
            ])?;
        }
    }
    w.flush().map_err(|e| LabError::io(path, e))?;
    Ok(path.to_path_buf())
}

fn write_rows<T: Serialize>(path: &Path, rows: &[T]) -> Result<PathBuf> {
    let mut w = csv::Writer::from_path(path)
        .map_err(|e| LabError::Table { file: path.display().to_string(), reason: e.to_string() })?;
    for r in rows {
        w.serialize(r)?;
    }
    w.flush().map_err(|e| LabError::io(path, e))?;
    Ok(path.to_path_buf())
}

/// Writes every output of `outcome` into `dir`; returns the files written and the aggregates.
pub fn write_all(
    dir: &Path,
    resolved: &Resolved,
    outcome: &Outcome,
) -> Result<(Vec<PathBuf>, Vec<Aggregate>)> {
    create(dir)?;
    let summaries: Vec<_> = outcome.runs.iter().map(|r| r.summary.clone()).collect();
    let aggs = aggregate(&summaries);
    let mut files = vec![
        write_rows(&dir.join("summary.csv"), &summaries)?,
        write_rows(&dir.join("aggregate.csv"), &aggs)?,
    ];
    let configs = dir.join("configs.csv");
    let mut w = csv::Writer::from_path(&configs)
        .map_err(|e| LabError::Table { file: configs.display().to_string(), reason: e.to_string() })?;
    w.write_record(std::iter::once("config".to_string()).chain(resolved.design.factors.iter().cloned()))?;
    for (c, row) in resolved.design.rows.iter().enumerate() {
        w.write_record(std::iter::once(c.to_string()).chain(row.iter().map(value_text)))?;
    }
    w.flush().map_err(|e| LabError::io(&configs, e))?;
    files.push(configs);
    if outcome.runs.iter().any(|r| !r.records.is_empty()) {
        files.push(write_series(&dir.join("series.csv"), &outcome.runs, &outcome.bloc_names)?);
    }
    files.push(write_text(&dir.join("aggregate.json"), &serde_json::to_string_pretty(&aggs)?)?);
    let prov = serde_json::to_string_pretty(&provenance(resolved, outcome))?;
    files.push(write_text(&dir.join("provenance.json"), &prov)?);
    let has_policy = summaries.iter().any(|s| s.success.is_some());
    for (name, svg) in figures::experiment(resolved, &aggs, has_policy) {
        files.push(write_text(&dir.join(name), &svg)?);
    }
    Ok((files, aggs))
}
