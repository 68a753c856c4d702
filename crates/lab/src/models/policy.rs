//! The policy schedule shared by the models: subsidies, bans, endorsements,
//! seeding, mandates and (for Bass) hazard intensity, each on a bloc and a
//! standard for a window of steps, optionally following a per-step series.
//!
//! Assumptions: policies add up (two subsidies on the same standard sum);
//! a series is read from `t_on` one value per step and its last value is held
//! until `t_off`.

use serde::{Deserialize, Serialize};

use crate::error::{check_prob, check_range, LabError, Result};
use crate::spec::limits::MAX_STEPS;

/// What a policy does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PolicyKind {
    /// Adds `strength` to the utility of the standard (a price cut or grant).
    Subsidy,
    /// Removes the standard from the bloc's choice set.
    Ban,
    /// An expectation shock: the standard's perceived installed base rises by `strength` (a share).
    Endorse,
    /// At `t_on`, a fraction `strength` of the bloc is switched to the standard (piloting).
    Seed,
    /// While active, a fixed fraction `strength` of the bloc must use the standard (procurement).
    Mandate,
    /// Bass only: multiplies the adoption hazard by `1 + strength` (the GBM `x(t)`).
    Intensity,
}

/// One policy as written in a spec.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// What it does.
    pub kind: PolicyKind,
    /// Bloc name; absent means every bloc.
    #[serde(default)]
    pub bloc: Option<String>,
    /// Index of the standard it favours (or bans).
    pub standard: usize,
    /// First step it acts.
    #[serde(default)]
    pub t_on: u32,
    /// First step it no longer acts; absent means never ends.
    #[serde(default)]
    pub t_off: Option<u32>,
    /// Steps it acts from `t_on` (instead of `t_off`, so the start can be swept).
    #[serde(default)]
    pub duration: Option<u32>,
    /// Size of the lever (utility units, share, or fraction by kind).
    #[serde(default)]
    pub strength: f64,
    /// Per-step values from `t_on`, replacing `strength` when not empty.
    #[serde(default)]
    pub series: Vec<f64>,
}

impl Policy {
    /// The lever's value at step `t` (0 when inactive).
    pub fn value_at(&self, t: u32) -> f64 {
        if !self.active(t) {
            return 0.0;
        }
        if self.series.is_empty() {
            return self.strength;
        }
        let i = ((t - self.t_on) as usize).min(self.series.len() - 1);
        self.series[i]
    }

    /// Whether the policy acts at step `t`.
    pub fn active(&self, t: u32) -> bool {
        t >= self.t_on && self.end().is_none_or(|off| t < off)
    }

    /// First step it no longer acts (from `t_off` or `duration`).
    pub fn end(&self) -> Option<u32> {
        self.t_off.or_else(|| self.duration.map(|d| self.t_on.saturating_add(d)))
    }
}

/// Policies resolved against a model's blocs and standards.
#[derive(Debug, Clone, Default)]
pub struct Schedule {
    items: Vec<(Policy, Option<usize>)>,
}

impl Schedule {
    /// Checks every policy against `blocs` (names) and `k` standards.
    pub fn resolve(policies: &[Policy], blocs: &[String], k: usize) -> Result<Self> {
        let mut items = Vec::with_capacity(policies.len());
        for (i, p) in policies.iter().enumerate() {
            let name = |f: &str| format!("policy[{i}].{f}");
            if p.standard >= k {
                return Err(LabError::param(
                    name("standard"),
                    format!("{} but there are {k} standards", p.standard),
                ));
            }
            let bloc = match &p.bloc {
                None => None,
                Some(b) => Some(blocs.iter().position(|x| x == b).ok_or_else(|| {
                    LabError::param(
                        name("bloc"),
                        format!("no bloc named `{b}` (blocs: {})", blocs.join(", ")),
                    )
                })?),
            };
            if p.t_off.is_some_and(|off| off <= p.t_on) {
                return Err(LabError::param(name("t_off"), "must be after t_on"));
            }
            if p.t_off.is_some() && p.duration.is_some() {
                return Err(LabError::param(name("duration"), "give t_off or duration, not both"));
            }
            if p.series.len() as u64 > MAX_STEPS {
                return Err(LabError::Limit(format!("{} has more than {MAX_STEPS} values", name("series"))));
            }
            match p.kind {
                PolicyKind::Seed | PolicyKind::Mandate | PolicyKind::Endorse => {
                    check_prob(&name("strength"), p.strength)?;
                    for v in &p.series {
                        check_prob(&name("series"), *v)?;
                    }
                }
                _ => {
                    check_range(&name("strength"), p.strength, -1e3, 1e3)?;
                    for v in &p.series {
                        check_range(&name("series"), *v, -1e3, 1e3)?;
                    }
                }
            }
            items.push((p.clone(), bloc));
        }
        Ok(Schedule { items })
    }

    fn matching(&self, kind: PolicyKind, b: usize) -> impl Iterator<Item = &Policy> {
        self.items.iter().filter(move |(p, pb)| p.kind == kind && pb.is_none_or(|x| x == b)).map(|(p, _)| p)
    }

    /// Sum of active policies of `kind` on (`b`, `s`) at step `t`.
    pub fn total(&self, kind: PolicyKind, b: usize, s: usize, t: u32) -> f64 {
        self.matching(kind, b).filter(|p| p.standard == s).map(|p| p.value_at(t)).sum()
    }

    /// Whether standard `s` is banned in bloc `b` at step `t`.
    pub fn banned(&self, b: usize, s: usize, t: u32) -> bool {
        self.matching(PolicyKind::Ban, b).any(|p| p.standard == s && p.active(t))
    }

    /// Seedings that fire at step `t` in bloc `b`: (standard, fraction).
    pub fn seeds_at(&self, b: usize, t: u32) -> Vec<(usize, f64)> {
        self.matching(PolicyKind::Seed, b).filter(|p| p.t_on == t).map(|p| (p.standard, p.strength)).collect()
    }

    /// The active mandate in bloc `b` at step `t`, if any: (standard, fraction).
    pub fn mandate(&self, b: usize, t: u32) -> Option<(usize, f64)> {
        self.matching(PolicyKind::Mandate, b).find(|p| p.active(t)).map(|p| (p.standard, p.value_at(t)))
    }

    /// The policy whose success is scored: the first one that favours a standard
    /// (not a ban), as (standard, start step, bloc).
    pub fn target(&self) -> Option<(usize, u32, Option<usize>)> {
        self.items.iter().find(|(p, _)| p.kind != PolicyKind::Ban).map(|(p, b)| (p.standard, p.t_on, *b))
    }

    /// Whether there are no policies at all.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Adds a policy already checked by the caller (used by standard supply).
    pub(crate) fn push(&mut self, p: Policy, bloc: Option<usize>) {
        self.items.push((p, bloc));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subsidy(t_on: u32, t_off: Option<u32>) -> Policy {
        Policy {
            kind: PolicyKind::Subsidy,
            bloc: None,
            standard: 1,
            t_on,
            t_off,
            duration: None,
            strength: 2.0,
            series: vec![],
        }
    }

    #[test]
    fn policy_acts_only_inside_its_window() {
        let p = subsidy(10, Some(20));
        assert_eq!(p.value_at(9), 0.0);
        assert_eq!(p.value_at(10), 2.0);
        assert_eq!(p.value_at(20), 0.0);
    }

    #[test]
    fn series_last_value_is_held() {
        let mut p = subsidy(5, None);
        p.series = vec![1.0, 3.0];
        assert_eq!(p.value_at(5), 1.0);
        assert_eq!(p.value_at(6), 3.0);
        assert_eq!(p.value_at(100), 3.0);
    }

    #[test]
    fn policy_on_unknown_bloc_or_standard_is_refused() {
        let mut p = subsidy(0, None);
        p.bloc = Some("mars".into());
        assert!(Schedule::resolve(&[p], &["home".into()], 2).is_err());
        assert!(Schedule::resolve(&[subsidy(0, None)], &["home".into()], 1).is_err());
        assert!(Schedule::resolve(&[subsidy(5, Some(5))], &["home".into()], 2).is_err());
    }
}
