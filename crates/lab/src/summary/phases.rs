//! The fluid → transition → specific classifier, with explicit thresholds.
//!
//! Assumptions: a step is *fluid* when the leader's global share is below
//! `fluid_leader` or the effective number of standards (1/HHI) is at least
//! `fluid_neff`; *specific* once the leader's share stays at or above
//! `specific_leader` for `window` consecutive steps; *transition* otherwise.
//! A boundary is the first step of the first run of `window` steps past it,
//! so a momentary spike does not count.

use serde::{Deserialize, Serialize};

use crate::error::{check_count, check_prob, check_range, Result};

/// Phase thresholds (the `[summary]` table of a spec).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Thresholds {
    /// Leader share below which the war is fluid.
    pub fluid_leader: f64,
    /// Effective number of standards at or above which the war is fluid.
    pub fluid_neff: f64,
    /// Leader share at or above which (sustained) the war is specific.
    pub specific_leader: f64,
    /// Steps a condition must hold to mark a boundary.
    pub window: u32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds { fluid_leader: 0.5, fluid_neff: 2.0, specific_leader: 0.9, window: 20 }
    }
}

impl Thresholds {
    /// Checks the thresholds are consistent.
    pub fn validate(&self) -> Result<()> {
        check_prob("summary.fluid_leader", self.fluid_leader)?;
        check_prob("summary.specific_leader", self.specific_leader)?;
        check_range("summary.fluid_neff", self.fluid_neff, 1.0, 100.0)?;
        check_count("summary.window", u64::from(self.window), 1, 1_000_000)?;
        if self.specific_leader < self.fluid_leader {
            return Err(crate::error::LabError::param(
                "summary.specific_leader",
                "must not be below fluid_leader",
            ));
        }
        Ok(())
    }
}

/// A period of a standard war.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    /// Several standards compete.
    Fluid,
    /// A leader is emerging.
    Transition,
    /// A dominant standard is settled.
    Specific,
}

/// Streams the boundaries out of one run's leader share and HHI.
#[derive(Debug, Clone)]
pub struct PhaseTracker {
    th: Thresholds,
    not_fluid_since: Option<u32>,
    specific_since: Option<u32>,
    /// First step of the stable transition boundary.
    pub t_transition: Option<u32>,
    /// First step of the stable specific boundary.
    pub t_specific: Option<u32>,
}

impl PhaseTracker {
    /// A tracker with thresholds `th`.
    pub fn new(th: Thresholds) -> Self {
        PhaseTracker { th, not_fluid_since: None, specific_since: None, t_transition: None, t_specific: None }
    }

    /// Whether a single step looks fluid.
    pub fn is_fluid(&self, leader: f64, hhi: f64) -> bool {
        leader < self.th.fluid_leader || (hhi > 0.0 && 1.0 / hhi >= self.th.fluid_neff)
    }

    /// Feeds the state after step `t`.
    pub fn observe(&mut self, t: u32, leader: f64, hhi: f64) {
        let w = self.th.window;
        let run = |since: &mut Option<u32>, holds: bool, mark: &mut Option<u32>| {
            if !holds {
                *since = None;
                return;
            }
            let start = *since.get_or_insert(t);
            if mark.is_none() && t + 1 - start >= w {
                *mark = Some(start);
            }
        };
        let fluid = self.is_fluid(leader, hhi);
        run(&mut self.not_fluid_since, !fluid, &mut self.t_transition);
        run(&mut self.specific_since, leader >= self.th.specific_leader, &mut self.t_specific);
        if self.t_specific.is_some() && self.t_transition.is_none() {
            self.t_transition = self.t_specific;
        }
    }

    /// The phase at step `t`, judged from boundaries found so far.
    pub fn phase_at(&self, t: u32) -> Phase {
        if self.t_specific.is_some_and(|s| s <= t) {
            Phase::Specific
        } else if self.t_transition.is_some_and(|s| s <= t) {
            Phase::Transition
        } else {
            Phase::Fluid
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_need_a_full_window_and_ignore_spikes() {
        let th = Thresholds { window: 3, ..Thresholds::default() };
        let mut p = PhaseTracker::new(th);
        let leader = [0.4, 0.95, 0.4, 0.6, 0.7, 0.8, 0.92, 0.95, 0.97, 0.99];
        for (t, l) in leader.iter().enumerate() {
            p.observe(t as u32, *l, l * l + (1.0 - l) * (1.0 - l));
        }
        assert_eq!(p.t_transition, Some(3));
        assert_eq!(p.t_specific, Some(6));
        assert_eq!(p.phase_at(2), Phase::Fluid);
        assert_eq!(p.phase_at(4), Phase::Transition);
        assert_eq!(p.phase_at(9), Phase::Specific);
    }
}
