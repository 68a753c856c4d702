//! Experiment specs: TOML files naming a model, a design over its parameters,
//! replicates and recording, read with limits on size, depth and run count.

pub mod limits;
pub mod path;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use self::limits::*;
use crate::design::{self, Design, DesignSpec};
use crate::error::{check_count, LabError, Result};
use crate::models::{ModelConfig, ModelKind};
use crate::summary::Thresholds;

/// Order in which runs are scheduled (results are always written sorted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    /// Replicate-major (A, B, C, A, B, C, …): an interrupted sweep is still balanced.
    #[default]
    Interleaved,
    /// Configuration-major (A, A, A, B, B, B, …).
    Sequential,
}

/// The `[experiment]` table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Experiment {
    /// Short name, used in output files.
    pub id: String,
    /// The model family.
    pub model: ModelKind,
    /// Seed from which every run's stream is derived.
    pub master_seed: u64,
    /// Runs per configuration.
    #[serde(default = "one")]
    pub replicates: u32,
    /// Scheduling order.
    #[serde(default)]
    pub order: Order,
    /// Record shares every this many steps (0: summaries only).
    #[serde(default)]
    pub record_every: u32,
    /// Stop with an error when the experiment runs longer (seconds).
    #[serde(default)]
    pub max_seconds: Option<u64>,
    /// What the experiment is expected to show (printed beside results).
    #[serde(default)]
    pub expected: String,
}

fn one() -> u32 {
    1
}

/// A spec as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// Identity, seed, replicates, recording.
    pub experiment: Experiment,
    /// The design over parameters (absent: the base configuration only).
    #[serde(default)]
    pub design: DesignSpec,
    /// Phase thresholds.
    #[serde(default)]
    pub summary: Thresholds,
    /// Calibration targets and tolerance (`lab calibrate`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calibrate: Option<crate::calibrate::Calibrate>,
    /// Every parameter not set by the design.
    pub base: toml::Value,
}

/// A spec with its configurations resolved and checked.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The spec as written.
    pub spec: Spec,
    /// The design's factors and rows.
    pub design: Design,
    /// One typed configuration per design row.
    pub configs: Vec<ModelConfig>,
}

/// Deepest nesting of `[`/`{` outside strings and comments (cheap, before parsing).
fn nesting_depth(text: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    let mut chars = text.chars();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some('"'), '\\') => {
                chars.next();
            }
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            (None, '[' | '{') => {
                depth += 1;
                max = max.max(depth);
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

impl Spec {
    /// Parses spec text, refusing oversized or too deeply nested input.
    pub fn parse(text: &str) -> Result<Spec> {
        if text.len() > MAX_SPEC_BYTES {
            return Err(LabError::Limit(format!("spec is larger than {MAX_SPEC_BYTES} bytes")));
        }
        if nesting_depth(text) > MAX_DEPTH {
            return Err(LabError::Limit(format!("spec nests tables or arrays deeper than {MAX_DEPTH}")));
        }
        let spec: Spec = toml::from_str(text).map_err(|e| LabError::Spec(e.message().to_string()))?;
        if !spec.base.is_table() {
            return Err(LabError::Spec("[base] must be a table".into()));
        }
        Ok(spec)
    }

    /// Reads and parses a spec file.
    pub fn read(path: &Path) -> Result<Spec> {
        let meta = std::fs::metadata(path).map_err(|e| LabError::io(path, e))?;
        if meta.len() > MAX_SPEC_BYTES as u64 {
            return Err(LabError::Limit(format!("{} is larger than {MAX_SPEC_BYTES} bytes", path.display())));
        }
        let text = std::fs::read_to_string(path).map_err(|e| LabError::io(path, e))?;
        Spec::parse(&text)
    }

    /// Builds the design and checks every configuration and the experiment's size.
    /// `dir` is where relative files (a design list) are looked up.
    pub fn resolve(self, dir: &Path) -> Result<Resolved> {
        check_count(
            "experiment.replicates",
            u64::from(self.experiment.replicates),
            1,
            u64::from(MAX_REPLICATES),
        )?;
        self.summary.validate()?;
        let design = design::build(&self.design, self.experiment.master_seed, dir)?;
        if design.rows.len() > MAX_CONFIGS {
            return Err(LabError::Limit(format!("design has more than {MAX_CONFIGS} configurations")));
        }
        let runs = design.rows.len() as u64 * u64::from(self.experiment.replicates);
        if runs > MAX_RUNS {
            return Err(LabError::Limit(format!("{runs} runs exceed the limit of {MAX_RUNS}")));
        }
        let mut configs = Vec::with_capacity(design.rows.len());
        let mut work = 0u64;
        for (c, row) in design.rows.iter().enumerate() {
            let mut base = self.base.clone();
            for (name, value) in design.factors.iter().zip(row) {
                path::set(&mut base, name, value.clone())?;
            }
            let cfg = ModelConfig::from_value(self.experiment.model, base).map_err(|e| {
                if design.factors.is_empty() {
                    e
                } else {
                    LabError::Spec(format!("configuration {c}: {e}"))
                }
            })?;
            work = work.saturating_add(cfg.work().saturating_mul(u64::from(self.experiment.replicates)));
            configs.push(cfg);
        }
        if work > MAX_WORK {
            return Err(LabError::Limit(format!("{work} agent-steps exceed the limit of {MAX_WORK}")));
        }
        let every = u64::from(self.experiment.record_every);
        if every > 0 {
            let rows: u64 = configs
                .iter()
                .map(|c| record_rows(c, every))
                .sum::<u64>()
                .saturating_mul(u64::from(self.experiment.replicates));
            if rows > MAX_RECORD_ROWS {
                return Err(LabError::Limit(format!(
                    "recording every {every} steps would write {rows} rows (limit {MAX_RECORD_ROWS}); raise record_every"
                )));
            }
        }
        Ok(Resolved { spec: self, design, configs })
    }
}

fn record_rows(cfg: &ModelConfig, every: u64) -> u64 {
    let (steps, cells) = match cfg {
        ModelConfig::Urn(c) => (u64::from(c.steps), c.initial.len() as u64),
        ModelConfig::Bass(c) => (u64::from(c.steps), (c.k * c.blocs.len()) as u64),
        ModelConfig::Netchoice(c) => (u64::from(c.steps), (c.k * c.blocs.len().max(1)) as u64),
        ModelConfig::Coalition(c) => (u64::from(c.steps), 2),
    };
    (steps / every + 1) * cells
}

/// Reads a spec file and resolves it relative to its folder.
pub fn load(path: &Path) -> Result<Resolved> {
    let dir: PathBuf = path.parent().map(Path::to_path_buf).unwrap_or_default();
    Spec::read(path)?.resolve(&dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"
[experiment]
id = "t"
model = "urn"
master_seed = 1
replicates = 3
[base]
kind = "polya"
steps = 10
"#;

    #[test]
    fn small_spec_resolves_to_one_configuration() {
        let r = Spec::parse(SMALL).expect("parses").resolve(Path::new(".")).expect("resolves");
        assert_eq!(r.configs.len(), 1);
    }

    #[test]
    fn deeply_nested_spec_is_refused_not_crashed() {
        let text = format!("{SMALL}\nx = {}1{}", "[".repeat(5000), "]".repeat(5000));
        assert!(matches!(Spec::parse(&text), Err(LabError::Limit(_))));
    }

    #[test]
    fn too_many_runs_are_refused_with_a_limit_error() {
        let text = SMALL.replace("replicates = 3", "replicates = 100000")
            + "[design]\nkind = \"grid\"\n[design.factors]\nsteps = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]\n";
        let text = text.replace("[base]", "[summary]\n[base]");
        let err = Spec::parse(&text).and_then(|s| s.resolve(Path::new(".")));
        assert!(matches!(err, Err(LabError::Limit(_))), "{err:?}");
    }

    #[test]
    fn unknown_parameter_is_refused() {
        let text = SMALL.replace("steps = 10", "steps = 10\nstpes = 3");
        assert!(Spec::parse(&text).expect("valid toml").resolve(Path::new(".")).is_err());
    }

    #[test]
    fn list_design_reads_configurations_from_csv_beside_the_spec() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("runs.csv"), "steps,theta\n5,1.5\n8,2\n").expect("write");
        let text = SMALL.replace("kind = \"polya\"", "kind = \"nonlinear\"")
            + "[design]\nkind = \"list\"\nfile = \"runs.csv\"\n";
        let text = text.replace("[base]", "[summary]\n[base]");
        let r = Spec::parse(&text).expect("parses").resolve(dir.path()).expect("resolves");
        assert_eq!(r.design.factors, ["steps", "theta"]);
        assert_eq!(r.configs.len(), 2);
        assert_eq!(r.configs[1].steps(), 8);
    }

    #[test]
    fn spec_round_trips_through_json_and_toml() {
        let spec = Spec::parse(SMALL).expect("parses");
        let json = serde_json::to_string(&spec).expect("serialises");
        let back: Spec = serde_json::from_str(&json).expect("reads back");
        let toml_text = toml::to_string(&back).expect("writes TOML");
        assert_eq!(Spec::parse(&toml_text).expect("parses again"), spec);
    }
}
