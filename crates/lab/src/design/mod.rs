//! Experimental designs over a spec's parameters: grid, Latin hypercube,
//! Sobol' (Saltelli's A/B/AB_i matrices), Morris trajectories, or a list of
//! configurations read from CSV.
//!
//! Factors are parameter paths. A grid factor lists its values; the other
//! designs take `{ min = …, max = … }` ranges, integer when both ends are
//! integers. Factors are taken in alphabetical order of their paths. Latin
//! hypercube and Morris designs draw from an auxiliary stream of the master
//! seed and Sobol' designs take the (deterministic) Sobol' sequence, so a spec
//! always yields the same design.

pub mod grid;
pub mod lowdisc;
pub mod morris;
pub mod sobol;

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{LabError, Result};
use crate::rng::aux_rng;
use crate::spec::limits::{MAX_CONFIGS, MAX_LIST_BYTES};

/// Which design.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum DesignKind {
    /// The base configuration only.
    #[default]
    Single,
    /// Full factorial over listed values.
    Grid,
    /// Latin hypercube of `samples` points.
    Lhs,
    /// Saltelli's scheme for Sobol' indices: `samples` × (factors + 2) points.
    Sobol,
    /// Morris elementary effects: `trajectories` × (factors + 1) points.
    Morris,
    /// Configurations from a CSV file whose header names the parameter paths.
    List,
}

/// The `[design]` table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct DesignSpec {
    /// Which design.
    #[serde(default)]
    pub kind: DesignKind,
    /// Factor path → values (grid) or range (others).
    #[serde(default)]
    pub factors: toml::Table,
    /// Points (LHS) or base sample size N (Sobol').
    #[serde(default)]
    pub samples: Option<u32>,
    /// Morris trajectories.
    #[serde(default)]
    pub trajectories: Option<u32>,
    /// Morris grid levels.
    #[serde(default)]
    pub levels: Option<u32>,
    /// List design: the CSV file, relative to the spec.
    #[serde(default)]
    pub file: Option<String>,
}

/// How rows relate, for the sensitivity estimators.
#[derive(Debug, Clone, PartialEq)]
pub enum Layout {
    /// Independent rows.
    Plain,
    /// Rows A (n), B (n), then AB_i (n each) for factor i.
    Sobol {
        /// Base sample size.
        n: usize,
    },
    /// `r` trajectories of `d + 1` rows; row j + 1 moves factor `moved[t][j]` by `delta`.
    Morris {
        /// Step in unit space.
        delta: f64,
        /// Per trajectory, the factor moved at each step.
        moved: Vec<Vec<usize>>,
    },
}

/// A design: factor names and one row of values per configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Design {
    /// Which design.
    pub kind: DesignKind,
    /// Parameter paths.
    pub factors: Vec<String>,
    /// Values per configuration, in factor order.
    pub rows: Vec<Vec<toml::Value>>,
    /// Row structure.
    pub layout: Layout,
}

/// A continuous factor's range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    /// Lower end.
    pub lo: f64,
    /// Upper end.
    pub hi: f64,
    /// Round to integers.
    pub integer: bool,
}

impl Range {
    /// The value at `u` ∈ [0, 1].
    pub fn at(&self, u: f64) -> toml::Value {
        let v = self.lo + u * (self.hi - self.lo);
        if self.integer {
            toml::Value::Integer(v.round() as i64)
        } else {
            toml::Value::Float(v)
        }
    }
}

fn ranges(spec: &DesignSpec) -> Result<Vec<(String, Range)>> {
    let mut out = Vec::new();
    for (name, v) in &spec.factors {
        let bad = |why: &str| LabError::param(format!("design.factors.{name}"), why.to_string());
        let t = v.as_table().ok_or_else(|| bad("needs { min = …, max = … }"))?;
        let (lo, hi) =
            (t.get("min").ok_or_else(|| bad("no min"))?, t.get("max").ok_or_else(|| bad("no max"))?);
        let num = |x: &toml::Value| x.as_float().or_else(|| x.as_integer().map(|i| i as f64));
        let (l, h) = (
            num(lo).ok_or_else(|| bad("min is not a number"))?,
            num(hi).ok_or_else(|| bad("max is not a number"))?,
        );
        if !(l.is_finite() && h.is_finite() && l < h) {
            return Err(bad("needs finite min < max"));
        }
        out.push((name.clone(), Range { lo: l, hi: h, integer: lo.is_integer() && hi.is_integer() }));
    }
    if out.is_empty() {
        return Err(LabError::param("design.factors", "this design needs at least one factor"));
    }
    Ok(out)
}

fn count(v: Option<u32>, name: &str, default: u32) -> Result<usize> {
    let n = v.unwrap_or(default);
    if n == 0 || n as usize > MAX_CONFIGS {
        return Err(LabError::param(format!("design.{name}"), format!("must be in 1..={MAX_CONFIGS}")));
    }
    Ok(n as usize)
}

/// Builds the design of `spec`; random designs use `master_seed`, lists are read from `dir`.
pub fn build(spec: &DesignSpec, master_seed: u64, dir: &Path) -> Result<Design> {
    let mut rng = aux_rng(master_seed, 1);
    let plain = |factors, rows| Design { kind: spec.kind, factors, rows, layout: Layout::Plain };
    match spec.kind {
        DesignKind::Single => Ok(plain(Vec::new(), vec![Vec::new()])),
        DesignKind::Grid => {
            let (names, rows) = grid::grid(&spec.factors)?;
            Ok(plain(names, rows))
        }
        DesignKind::Lhs => {
            let r = ranges(spec)?;
            let unit = grid::lhs(count(spec.samples, "samples", 100)?, r.len(), &mut rng);
            Ok(plain(r.iter().map(|x| x.0.clone()).collect(), map(&r, &unit)))
        }
        DesignKind::Sobol => {
            let r = ranges(spec)?;
            let n = count(spec.samples, "samples", 256)?;
            let unit = sobol::saltelli(n, r.len())?;
            Ok(Design {
                kind: spec.kind,
                factors: r.iter().map(|x| x.0.clone()).collect(),
                rows: map(&r, &unit),
                layout: Layout::Sobol { n },
            })
        }
        DesignKind::Morris => {
            let r = ranges(spec)?;
            let levels = count(spec.levels, "levels", 4)?.max(2);
            let (unit, delta, moved) = morris::trajectories(
                count(spec.trajectories, "trajectories", 20)?,
                r.len(),
                levels,
                &mut rng,
            );
            Ok(Design {
                kind: spec.kind,
                factors: r.iter().map(|x| x.0.clone()).collect(),
                rows: map(&r, &unit),
                layout: Layout::Morris { delta, moved },
            })
        }
        DesignKind::List => {
            let file = spec
                .file
                .as_ref()
                .ok_or_else(|| LabError::param("design.file", "a list design needs a CSV file"))?;
            let (names, rows) = read_list(&dir.join(file))?;
            Ok(plain(names, rows))
        }
    }
}

fn map(r: &[(String, Range)], unit: &[Vec<f64>]) -> Vec<Vec<toml::Value>> {
    unit.iter().map(|u| u.iter().zip(r).map(|(x, (_, range))| range.at(*x)).collect()).collect()
}

/// Reads a list design: header = parameter paths, one configuration per row;
/// cells become integers, floats, booleans or strings.
pub fn read_list(path: &Path) -> Result<(Vec<String>, Vec<Vec<toml::Value>>)> {
    let file = path.display().to_string();
    let table = |reason: String| LabError::Table { file: file.clone(), reason };
    let meta = std::fs::metadata(path).map_err(|e| LabError::io(path, e))?;
    if meta.len() > MAX_LIST_BYTES as u64 {
        return Err(LabError::Limit(format!("{file} is larger than {MAX_LIST_BYTES} bytes")));
    }
    let mut rdr =
        csv::ReaderBuilder::new().trim(csv::Trim::All).from_path(path).map_err(|e| table(e.to_string()))?;
    let names: Vec<String> =
        rdr.headers().map_err(|e| table(e.to_string()))?.iter().map(str::to_string).collect();
    if names.is_empty() || names.iter().any(String::is_empty) {
        return Err(table("the header must name every column".into()));
    }
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| table(e.to_string()))?;
        if rows.len() >= MAX_CONFIGS {
            return Err(LabError::Limit(format!("{file} has more than {MAX_CONFIGS} rows")));
        }
        rows.push(rec.iter().map(cell).collect());
    }
    if rows.is_empty() {
        return Err(table("no configurations".into()));
    }
    Ok((names, rows))
}

fn cell(s: &str) -> toml::Value {
    if let Ok(i) = s.parse::<i64>() {
        toml::Value::Integer(i)
    } else if let Ok(f) = s.parse::<f64>() {
        toml::Value::Float(f)
    } else if let Ok(b) = s.parse::<bool>() {
        toml::Value::Boolean(b)
    } else {
        toml::Value::String(s.to_string())
    }
}
