//! Observed values a calibration matches: named run summaries, and shares
//! recorded at given steps — among them a coded series read as adoption.
//!
//! A coded series becomes targets by [`derive`]. For each dated year y of the
//! project, the share of its documents coded with a code (documents coded ÷
//! documents of the year, both as the query crate's trend counts them, a
//! parent code with the codes below it) is matched with the share of one
//! standard among one bloc's adopters at the end of that year, step
//! `t_on + (y − y₀ + 1)·steps_per_year` with y₀ the series' first year.
//! Assumptions: the project's documents of a year speak for that bloc, and a
//! document coded with the code stands for adoption of the standard, so the
//! coded share is an unbiased reading of the adoption share (documents are
//! attention, not adoption: read the posterior as "parameters under which the
//! model's adoption path looks like the coded path"); years with no document
//! give no target; undated documents are left out; every year weighs alike
//! (each scaled by the prior-predictive sd of its step).

use serde::Serialize;

use crate::error::{check_range, LabError, Result};
use crate::forcing::{names_code, TrendRow};
use crate::runner::RunResult;
use crate::spec::limits::MAX_STEPS;
use crate::spec::Resolved;
use crate::summary::METRICS;

/// The mapping's assumptions in one sentence, written beside every derived series.
pub const ASSUMPTIONS: &str =
    "The share of a year's documents coded with the code is read as the share of the \
    standard among the bloc's adopters at the end of that year: the documents speak for the bloc and a coded \
    document stands for adoption (documents measure attention, not adoption); undated documents and years \
    without documents give no target; every year weighs alike.";

/// What a target is compared with in each run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Observable {
    /// A named run summary (see [`METRICS`]), read when the run ends.
    Summary {
        /// The summary's name.
        name: String,
    },
    /// The share of `standard` among the adopters of bloc `bloc` at step
    /// `step`, read from the run's records (the spec must record that step).
    Share {
        /// Step (0 = initial state).
        step: u32,
        /// Bloc index.
        bloc: u16,
        /// Standard index.
        standard: u8,
    },
}

/// One observed value to match.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    /// Its name in outputs.
    pub label: String,
    /// What it is compared with.
    pub observable: Observable,
    /// The observed value.
    pub value: f64,
}

impl Target {
    /// A target on the named summary.
    pub fn summary(name: &str, value: f64) -> Target {
        Target { label: name.to_string(), observable: Observable::Summary { name: name.to_string() }, value }
    }

    /// The run's value of the observable; `None` when the run has none (no
    /// scored policy, the step not recorded).
    pub(crate) fn read(&self, run: &RunResult, horizon: u32) -> Option<f64> {
        match &self.observable {
            Observable::Summary { name } => run.summary.metric(name, horizon),
            Observable::Share { step, bloc, standard } => {
                // Records are in step order, blocs and standards within a step.
                let from = run.records.partition_point(|r| r.step < *step);
                run.records[from..]
                    .iter()
                    .take_while(|r| r.step == *step)
                    .find(|r| r.bloc == *bloc && r.standard == *standard)
                    .map(|r| r.share)
            }
        }
    }

    /// Checks the target against the experiment it is matched in.
    pub(crate) fn check(&self, resolved: &Resolved) -> Result<()> {
        check_range(&format!("calibrate.targets.{}", self.label), self.value, -1e12, 1e12)?;
        match &self.observable {
            Observable::Summary { name } if !METRICS.contains(&name.as_str()) => Err(LabError::param(
                "calibrate.targets",
                format!("`{name}` is not a summary ({})", METRICS.join(", ")),
            )),
            Observable::Summary { .. } => Ok(()),
            Observable::Share { step, bloc, standard } => {
                let every = resolved.spec.experiment.record_every;
                for (c, cfg) in resolved.configs.iter().enumerate() {
                    let at = format!("calibrate.targets.{} (configuration {c})", self.label);
                    if usize::from(*bloc) >= cfg.bloc_names().len()
                        || usize::from(*standard) >= cfg.standards()
                    {
                        return Err(LabError::param(at, "no such bloc or standard"));
                    }
                    let recorded = every > 0 && (step % every == 0 || *step == cfg.steps());
                    if *step > cfg.steps() || !recorded {
                        return Err(LabError::param(
                            at,
                            format!(
                                "step {step} is past the horizon or not recorded (record_every = {every})"
                            ),
                        ));
                    }
                }
                Ok(())
            }
        }
    }
}

/// How the years of a coded series map onto a run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesMapping {
    /// The code: its path (`Tool/BRI`) or last part (`BRI`).
    pub code: String,
    /// Simulation steps per year.
    pub steps_per_year: u32,
    /// Step at which the series' first year starts.
    pub t_on: u32,
    /// Bloc the documents speak for (`None`: the model's only bloc).
    pub bloc: Option<String>,
    /// Standard the code stands for.
    pub standard: usize,
}

impl SeriesMapping {
    /// A recording interval that keeps every step `current` records (0: none)
    /// and records every year's end: gcd(`current`, steps per year, `t_on`).
    pub fn recording(&self, current: u32) -> u32 {
        let gcd = |(mut a, mut b): (u32, u32)| {
            while b != 0 {
                (a, b) = (b, a % b);
            }
            a
        };
        gcd((gcd((self.steps_per_year, self.t_on)), current))
    }
}

/// One year of a coded series and where it is matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObservedYear {
    /// Year.
    pub year: i32,
    /// Documents of the year coded with the code.
    pub documents: f64,
    /// Documents of the year in the project.
    pub corpus_documents: f64,
    /// `documents / corpus_documents`: the target.
    pub share: f64,
    /// Step at which the year ends.
    pub step: u32,
}

/// A coded series mapped onto the runs of an experiment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObservedSeries {
    /// The code's path, as in the trend.
    pub code: String,
    /// The bloc's name.
    pub bloc: String,
    /// The bloc's index in every configuration.
    pub bloc_index: u16,
    /// The mapping used.
    pub mapping: SeriesMapping,
    /// The years, ascending.
    pub years: Vec<ObservedYear>,
    /// The mapping's assumptions ([`ASSUMPTIONS`]).
    pub assumptions: &'static str,
}

impl ObservedSeries {
    /// One share target per year.
    pub fn targets(&self) -> Vec<Target> {
        let bloc = self.bloc_index;
        self.years
            .iter()
            .map(|y| Target {
                label: format!("{}@{} ({})", self.code, y.step, y.year),
                observable: Observable::Share { step: y.step, bloc, standard: self.mapping.standard as u8 },
                value: y.share,
            })
            .collect()
    }
}

/// Maps the rows of `m.code` in a coded trend onto the runs of `resolved`:
/// one target per dated year with documents, checked against every
/// configuration's blocs, standards and horizon.
pub fn derive(rows: &[TrendRow], m: &SeriesMapping, resolved: &Resolved) -> Result<ObservedSeries> {
    if m.steps_per_year == 0 {
        return Err(LabError::param("steps_per_year", "must be at least 1"));
    }
    let chosen: Vec<&TrendRow> = rows.iter().filter(|r| names_code(&r.code, &m.code)).collect();
    let mut paths: Vec<&str> = chosen.iter().map(|r| r.code.as_str()).collect();
    paths.sort_unstable();
    paths.dedup();
    let code = match paths.as_slice() {
        [] => return Err(LabError::param("code", format!("code `{}` is not in the trend", m.code))),
        [one] => (*one).to_string(),
        many => {
            return Err(LabError::param(
                "code",
                format!("`{}` names several codes: {}", m.code, many.join(", ")),
            ))
        }
    };
    let mut chosen: Vec<&TrendRow> = chosen.into_iter().filter(|r| r.corpus_documents > 0.0).collect();
    chosen.sort_by_key(|r| r.year);
    if chosen.windows(2).any(|w| w[0].year == w[1].year) {
        return Err(LabError::param("code", format!("the trend has two rows for `{code}` in one year")));
    }
    let first = chosen
        .first()
        .map(|r| r.year)
        .ok_or_else(|| LabError::param("code", format!("`{code}` has no dated year with documents")))?;
    let (bloc, bloc_index) = bloc_of(m, resolved)?;
    let horizon = resolved.configs.iter().map(|c| c.steps()).min().unwrap_or(0);
    let mut years = Vec::with_capacity(chosen.len());
    for r in chosen {
        check_range(&format!("documents ({})", r.year), r.documents, 0.0, r.corpus_documents)?;
        let offset = u64::try_from(i64::from(r.year) - i64::from(first) + 1).unwrap_or(u64::MAX);
        let step = offset.saturating_mul(u64::from(m.steps_per_year)).saturating_add(u64::from(m.t_on));
        if step > u64::from(horizon).min(MAX_STEPS) {
            return Err(LabError::param(
                "steps_per_year",
                format!("year {} ends at step {step}, past the runs' horizon of {horizon} steps", r.year),
            ));
        }
        years.push(ObservedYear {
            year: r.year,
            documents: r.documents,
            corpus_documents: r.corpus_documents,
            share: r.documents / r.corpus_documents,
            step: step as u32,
        });
    }
    for (c, cfg) in resolved.configs.iter().enumerate() {
        if m.standard >= cfg.standards() {
            return Err(LabError::param(
                "standard",
                format!("configuration {c} has {} standards, not {}", cfg.standards(), m.standard + 1),
            ));
        }
    }
    Ok(ObservedSeries { code, bloc, bloc_index, mapping: m.clone(), years, assumptions: ASSUMPTIONS })
}

/// The bloc the documents speak for and its index, the same in every configuration.
fn bloc_of(m: &SeriesMapping, resolved: &Resolved) -> Result<(String, u16)> {
    let names: Vec<Vec<String>> = resolved.configs.iter().map(|c| c.bloc_names()).collect();
    let first = names.first().ok_or_else(|| LabError::param("design", "no configurations"))?;
    let name = match (&m.bloc, first.as_slice()) {
        (Some(b), _) => b.clone(),
        (None, [only]) => only.clone(),
        (None, all) => {
            return Err(LabError::param(
                "bloc",
                format!("name the bloc the documents speak for: {}", all.join(", ")),
            ))
        }
    };
    let index = first.iter().position(|n| *n == name);
    match index {
        Some(i) if names.iter().all(|n| n.get(i) == Some(&name)) => Ok((name, i as u16)),
        _ => Err(LabError::param("bloc", format!("`{name}` is not a bloc of every configuration"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::Spec;
    use proptest::prelude::*;

    fn resolved(steps: u32) -> Resolved {
        let text = format!(
            "[experiment]\nid = \"o\"\nmodel = \"urn\"\nmaster_seed = 1\n[base]\nkind = \"polya\"\nsteps = {steps}\n"
        );
        Spec::parse(&text)
            .and_then(|s| s.resolve(std::path::Path::new(".")))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn row(code: &str, year: i32, documents: f64, corpus: f64) -> TrendRow {
        TrendRow {
            code: code.into(),
            year,
            documents,
            passages: documents,
            corpus_documents: corpus,
            weighted: None,
        }
    }

    fn mapping(code: &str) -> SeriesMapping {
        SeriesMapping { code: code.into(), steps_per_year: 10, t_on: 5, bloc: None, standard: 0 }
    }

    #[test]
    fn coded_share_of_each_year_becomes_a_target_at_the_year_end() {
        let rows = [
            row("Tool/BRI", 2021, 0.0, 2.0),
            row("Tool/BRI", 2019, 2.0, 4.0),
            row("Tool/BRI", 2020, 0.0, 0.0),
            row("Other", 2020, 3.0, 3.0),
        ];
        let s = derive(&rows, &mapping("BRI"), &resolved(60)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((s.code.as_str(), s.bloc.as_str()), ("Tool/BRI", "all"));
        let got: Vec<(i32, f64, u32)> = s.years.iter().map(|y| (y.year, y.share, y.step)).collect();
        // 2019 ends at 5 + 1·10, 2021 at 5 + 3·10; 2020 had no documents.
        assert_eq!(got, [(2019, 0.5, 15), (2021, 0.0, 35)]);
        assert_eq!(mapping("BRI").recording(0), 5);
        assert_eq!(mapping("BRI").recording(4), 1);
        let t = s.targets();
        assert_eq!(t[1].observable, Observable::Share { step: 35, bloc: 0, standard: 0 });
        assert_eq!(t[0].value, 0.5);
    }

    #[test]
    fn unknown_or_ambiguous_codes_and_years_past_the_horizon_are_refused() {
        let rows = [row("Tool/BRI", 2019, 1.0, 2.0), row("Goal/BRI", 2019, 1.0, 2.0)];
        assert!(derive(&rows, &mapping("Nope"), &resolved(60)).is_err());
        assert!(derive(&rows, &mapping("BRI"), &resolved(60)).is_err(), "two codes end in BRI");
        assert!(derive(&rows, &mapping("Tool/BRI"), &resolved(60)).is_ok());
        assert!(derive(&rows, &mapping("Tool/BRI"), &resolved(14)).is_err(), "2019 ends at step 15");
        let mut m = mapping("Tool/BRI");
        m.standard = 2;
        assert!(derive(&rows, &m, &resolved(60)).is_err(), "a Pólya urn has two colours");
        assert!(derive(&[row("Tool/BRI", 2019, 3.0, 2.0)], &mapping("BRI"), &resolved(60)).is_err());
    }

    proptest! {
        #[test]
        fn garbage_trend_rows_give_an_error_or_shares_within_the_horizon(
            rows in proptest::collection::vec(
                (0usize..3, -5000i32..5000, -3.0f64..1e9, -3.0f64..1e9), 0..40),
            spy in 0u32..5000,
            t_on in 0u32..100_000,
        ) {
            let names = ["A/x", "B/x", "y"];
            let rows: Vec<TrendRow> = rows.iter().map(|&(c, y, d, n)| row(names[c], y, d, n)).collect();
            let m = SeriesMapping { code: "y".into(), steps_per_year: spy, t_on, bloc: None, standard: 0 };
            if let Ok(s) = derive(&rows, &m, &resolved(100_000)) {
                prop_assert!(s.years.windows(2).all(|w| w[0].step < w[1].step));
                prop_assert!(s.years.iter().all(|y| (0.0..=1.0).contains(&y.share) && y.step <= 100_000));
            }
        }
    }
}
