//! A finished experiment read back from its folder (the output of `lab run
//! --out DIR`, plus `lab sensitivity --out DIR` when pointed at the same
//! folder) and drawn again with the lab's figure writers, so the study report
//! shows the same figures, each with its model's assumptions.
//!
//! Only data is read back — the resolved spec from `provenance.json`, the
//! aggregates, the sensitivity indices and the recorded series — never the
//! SVG files, so a report cannot carry markup from outside the lab. Every
//! file has a size limit; JSON nesting is bounded by serde_json's recursion
//! limit (128).

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::design::morris::MorrisIndex;
use crate::design::sobol::SobolIndex;
use crate::error::{LabError, Result};
use crate::models::{assumptions, ModelKind};
use crate::spec::limits::{MAX_LIST_BYTES, MAX_SPEC_BYTES};
use crate::spec::{Resolved, Spec};
use crate::summary::Aggregate;
use crate::svg::figures;

/// Largest `series.csv` drawn (bytes); a larger one is left out with a note.
pub const MAX_SERIES_BYTES: u64 = 64 << 20;

/// One figure of an experiment.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Stable identifier (the file stem `lab run` uses), e.g. `policy-window`.
    pub id: String,
    /// What the figure shows, in one line.
    pub caption: String,
    /// The SVG, with its notes block.
    pub svg: String,
}

/// An experiment's figures and what they rest on.
#[derive(Debug, Clone, PartialEq)]
pub struct Experiment {
    /// Experiment id from the spec.
    pub id: String,
    /// The model family.
    pub model: ModelKind,
    /// The model's assumptions.
    pub assumptions: &'static str,
    /// What the spec says the experiment is expected to show.
    pub expected: String,
    /// Configurations and runs.
    pub configurations: usize,
    /// Runs.
    pub runs: usize,
    /// Master seed.
    pub master_seed: u64,
    /// The figures.
    pub figures: Vec<Figure>,
    /// Parts left out and why.
    pub notes: Vec<String>,
}

fn read_limited(path: &Path, max: u64) -> Result<Option<Vec<u8>>> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(LabError::io(path, e)),
    };
    if meta.len() > max {
        return Err(LabError::Limit(format!("{} is larger than {max} bytes", path.display())));
    }
    std::fs::read(path).map(Some).map_err(|e| LabError::io(path, e))
}

fn table_error(path: &Path, reason: impl ToString) -> LabError {
    LabError::Table { file: path.display().to_string(), reason: reason.to_string() }
}

/// Reads the experiment in `dir` and redraws its figures.
pub fn read(dir: &Path) -> Result<Experiment> {
    let prov_path = dir.join("provenance.json");
    let bytes = read_limited(&prov_path, 4 * MAX_SPEC_BYTES as u64)?
        .ok_or_else(|| table_error(&prov_path, "missing: not a `lab run --out` folder"))?;
    let prov: Value = serde_json::from_slice(&bytes).map_err(|e| table_error(&prov_path, e))?;
    let spec_value = prov.get("spec").cloned().ok_or_else(|| table_error(&prov_path, "no `spec`"))?;
    let spec: Spec = serde_json::from_value(spec_value).map_err(|e| table_error(&prov_path, e))?;
    let resolved = spec.resolve(dir)?;
    let agg_path = dir.join("aggregate.csv");
    let bytes = read_limited(&agg_path, MAX_LIST_BYTES as u64)?
        .ok_or_else(|| table_error(&agg_path, "missing: not a `lab run --out` folder"))?;
    let aggs: Vec<Aggregate> = csv::Reader::from_reader(bytes.as_slice())
        .deserialize()
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| table_error(&agg_path, e))?;
    if aggs.iter().any(|a| a.config as usize >= resolved.configs.len()) {
        return Err(table_error(&agg_path, "names a configuration the spec does not have"));
    }
    let exp = &resolved.spec.experiment;
    let has_policy = aggs.iter().any(|a| !a.p_success.is_nan());
    let mut figs: Vec<Figure> = figures::experiment(&resolved, &aggs, has_policy)
        .into_iter()
        .map(|(file, svg)| {
            let id = file.trim_end_matches(".svg").to_string();
            Figure { caption: caption(&id).to_string(), id, svg }
        })
        .collect();
    let mut notes = Vec::new();
    match sensitivity(dir, &resolved) {
        Ok(Some(f)) => figs.push(f),
        Ok(None) => {}
        Err(e) => notes.push(format!("sensitivity left out: {e}")),
    }
    match forcing_overlay(dir, &resolved) {
        Ok(Some(f)) => figs.push(f),
        Ok(None) => {}
        Err(e) => notes.push(format!("phases over time left out: {e}")),
    }
    let count = |key: &str| prov.get(key).and_then(Value::as_u64).unwrap_or(0) as usize;
    Ok(Experiment {
        id: exp.id.clone(),
        model: exp.model,
        assumptions: assumptions(exp.model),
        expected: exp.expected.clone(),
        configurations: resolved.configs.len(),
        runs: count("runs"),
        master_seed: exp.master_seed,
        figures: figs,
        notes,
    })
}

fn caption(id: &str) -> &'static str {
    match id {
        "policy-window" => "Policy window: probability that the policy's standard wins, by intervention start (Wilson 95 % intervals).",
        "phase-diagram" => "Phase diagram: the outcome over the first two numeric factors of the design.",
        "fragmentation" => "Fragmentation between blocs over the first two numeric factors of the design.",
        "outcome" => "The outcome along the design's one numeric factor.",
        "sensitivity" => "Sensitivity of the outcome to each factor.",
        "phases-over-time" => "Simulated phases over time beside the policy schedule (the coded series, when `lab forcing` wrote it).",
        _ => "Figure of the experiment.",
    }
}

/// Bars from `sensitivity.json`, when `lab sensitivity` wrote one here.
fn sensitivity(dir: &Path, resolved: &Resolved) -> Result<Option<Figure>> {
    let path = dir.join("sensitivity.json");
    let Some(bytes) = read_limited(&path, MAX_LIST_BYTES as u64)? else { return Ok(None) };
    let v: Value = serde_json::from_slice(&bytes).map_err(|e| table_error(&path, e))?;
    // NaN is written as null: read numbers leniently.
    let num = |x: &Value, k: &str| x.get(k).and_then(Value::as_f64).unwrap_or(f64::NAN);
    let metric = v.get("metric").and_then(Value::as_str).unwrap_or("outcome").to_string();
    let factors: Vec<String> = v
        .get("factors")
        .and_then(Value::as_array)
        .map(|a| a.iter().map(|f| f.as_str().unwrap_or("?").to_string()).collect())
        .unwrap_or_default();
    let notes = figures::notes(resolved);
    let rows = |key: &str| v.get(key).and_then(Value::as_array).filter(|a| a.len() == factors.len());
    let svg = if let Some(a) = rows("sobol") {
        let idx: Vec<SobolIndex> = a
            .iter()
            .map(|x| SobolIndex {
                s1: num(x, "s1"),
                s1_se: num(x, "s1_se"),
                s1_lo: num(x, "s1_lo"),
                s1_hi: num(x, "s1_hi"),
                st: num(x, "st"),
                st_se: num(x, "st_se"),
                st_lo: num(x, "st_lo"),
                st_hi: num(x, "st_hi"),
            })
            .collect();
        figures::sobol_bars(&factors, &idx, &metric, &notes)
    } else if let Some(a) = rows("morris") {
        let idx: Vec<MorrisIndex> = a
            .iter()
            .map(|x| MorrisIndex { mu: num(x, "mu"), mu_star: num(x, "mu_star"), sigma: num(x, "sigma") })
            .collect();
        figures::morris_bars(&factors, &idx, &metric, &notes)
    } else {
        return Err(table_error(&path, "neither Sobol' nor Morris indices, one per factor"));
    };
    Ok(Some(Figure { id: "sensitivity".into(), caption: caption("sensitivity").into(), svg }))
}

/// Phases of the first configuration's recorded runs, step by step, beside
/// its first policy's schedule; needs `series.csv` and a policy.
fn forcing_overlay(dir: &Path, resolved: &Resolved) -> Result<Option<Figure>> {
    let Some(cfg) = resolved.configs.first() else { return Ok(None) };
    let Some(policy) = cfg.policies().first() else { return Ok(None) };
    let path = dir.join("series.csv");
    let Some(bytes) = read_limited(&path, MAX_SERIES_BYTES)? else { return Ok(None) };
    #[derive(serde::Deserialize)]
    struct Row {
        run: u64,
        config: u32,
        step: u32,
        bloc: String,
        standard: usize,
        share: f64,
    }
    // (step, run) → shares of the policy's bloc (or the first bloc seen).
    let mut shares: BTreeMap<(u32, u64), Vec<f64>> = BTreeMap::new();
    let mut bloc = policy.bloc.clone();
    for row in csv::Reader::from_reader(bytes.as_slice()).deserialize::<Row>() {
        let row = row.map_err(|e| table_error(&path, e))?;
        if row.config != 0 || row.standard >= crate::spec::limits::MAX_K {
            continue;
        }
        let b = bloc.get_or_insert_with(|| row.bloc.clone());
        if *b != row.bloc {
            continue;
        }
        let v = shares.entry((row.step, row.run)).or_default();
        if v.len() <= row.standard {
            v.resize(row.standard + 1, 0.0);
        }
        v[row.standard] = row.share;
    }
    if shares.is_empty() {
        return Ok(None);
    }
    /// Per recorded step: runs fluid, runs specific, summed share of the policy's standard, runs.
    #[derive(Default)]
    struct Step {
        fluid: f64,
        specific: f64,
        share: f64,
        runs: f64,
    }
    let th = resolved.spec.summary;
    let mut by_step: BTreeMap<u32, Step> = BTreeMap::new();
    for ((step, _), v) in &shares {
        let leader = v.iter().fold(0.0f64, |a, &x| a.max(x));
        let hhi: f64 = v.iter().map(|x| x * x).sum();
        let fluid = leader < th.fluid_leader || (hhi > 0.0 && 1.0 / hhi >= th.fluid_neff);
        let specific = !fluid && leader >= th.specific_leader;
        let e = by_step.entry(*step).or_default();
        e.fluid += f64::from(u8::from(fluid));
        e.specific += f64::from(u8::from(specific));
        e.share += v.get(policy.standard).copied().unwrap_or(0.0);
        e.runs += 1.0;
    }
    let peak = by_step.keys().map(|&t| policy.value_at(t).abs()).fold(0.0f64, f64::max);
    let steps: Vec<(u32, Step)> = by_step.into_iter().collect();
    let series = |f: &dyn Fn(u32, &Step) -> f64| -> Vec<crate::svg::Point> {
        steps
            .iter()
            .map(|(t, e)| {
                let y = f(*t, e);
                crate::svg::Point { x: f64::from(*t), y, lo: y, hi: y }
            })
            .collect()
    };
    let where_ = bloc.unwrap_or_default();
    let lines = vec![
        crate::svg::Line { label: "runs fluid".into(), points: series(&|_, e| e.fluid / e.runs) },
        crate::svg::Line { label: "runs specific".into(), points: series(&|_, e| e.specific / e.runs) },
        crate::svg::Line {
            label: format!("share of standard {}", policy.standard),
            points: series(&|_, e| e.share / e.runs),
        },
        crate::svg::Line {
            label: "policy (share of peak)".into(),
            points: series(&|t, _| if peak > 0.0 { policy.value_at(t) / peak } else { 0.0 }),
        },
    ];
    let mut notes = figures::notes(resolved);
    notes.push(format!(
        "Over time: configuration 0, bloc {where_}, recorded steps only; a step is fluid or specific by the thresholds above, \
         step by step (without the persistence window). The policy line is the schedule of the configuration's first policy \
         ({:?}), which `lab forcing` derives from coded documents: attention, not budget.",
        policy.kind
    ));
    let svg = crate::svg::line_chart(
        &format!("Phases over time in {where_} beside the policy schedule"),
        "step",
        "share of runs / of users",
        &lines,
        Some((0.0, 1.0)),
        &notes,
    );
    Ok(Some(Figure { id: "phases-over-time".into(), caption: caption("phases-over-time").into(), svg }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
        #[test]
        fn garbage_result_folders_are_refused_not_crashed(
            prov in proptest::collection::vec(any::<u8>(), 0..400),
            agg in proptest::collection::vec(any::<u8>(), 0..400),
            series in proptest::collection::vec(any::<u8>(), 0..400),
        ) {
            let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
            for (name, bytes) in [("provenance.json", &prov), ("aggregate.csv", &agg), ("series.csv", &series)] {
                std::fs::write(dir.path().join(name), bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
            }
            // Random bytes are never a valid provenance file.
            prop_assert!(read(dir.path()).is_err());
        }
    }

    #[test]
    fn a_folder_without_provenance_is_named_in_the_error() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let err = match read(dir.path()) {
            Ok(e) => panic!("read an experiment `{}` from an empty folder", e.id),
            Err(e) => e.to_string(),
        };
        assert!(err.contains("provenance.json"), "{err}");
    }
}
