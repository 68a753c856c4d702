//! Standard supply by the three modes (and their hybrid), in the spirit of
//! Farrell & Saloner (1988): two sponsors each prefer their own standard.
//!
//! Assumptions: payoff `a` if the common standard is one's own, `b` if it is
//! the other's (a > b > 0), `c < b` if both go ahead incompatibly; future
//! periods are discounted by `delta`. *Committee*: a war of attrition — each
//! period each sponsor insists with probability x and agreement comes when
//! exactly one concedes. *Market*: each period each uncommitted sponsor
//! commits with probability y; a lone commitment is followed by the other,
//! two at once leave two incompatible standards. *Hybrid*: a committee round,
//! then a market round, each period, with the x and y of the pure games.
//! *Government*: the first sponsor's standard is imposed in one bloc at `t_g`
//! (a mandate); the other enters at its own time. The outcome decides which
//! sponsor standards enter the adoption model and when.

use rand::Rng;
use serde::{Deserialize, Serialize};

use super::policy::{Policy, PolicyKind};
use crate::error::{check_prob, check_range, LabError, Result};
use crate::rng::LabRng;

/// How standards are supplied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SupplyMode {
    /// Talk until one concedes (slow, always coordinates).
    Committee,
    /// Irrevocable unilateral commitment (fast, may split).
    Market,
    /// A committee round, then a market round, each period.
    Hybrid,
    /// Imposed in one bloc at `t_g`.
    Government,
}

/// Parameters of standard supply (a `supply` table in a Bass or network spec).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupplyConfig {
    /// The mode.
    pub mode: SupplyMode,
    /// Payoff when one's own standard is the common one.
    #[serde(default = "two")]
    pub a: f64,
    /// Payoff when the other's standard is the common one.
    #[serde(default = "one")]
    pub b: f64,
    /// Payoff when both go ahead incompatibly.
    #[serde(default)]
    pub c: f64,
    /// Discount factor per period.
    #[serde(default = "ninety")]
    pub delta: f64,
    /// Simulation steps per negotiation period.
    #[serde(default = "ten")]
    pub period: u32,
    /// The two sponsors' standards (indices).
    #[serde(default = "sponsors")]
    pub sponsors: [usize; 2],
    /// Government mode: the bloc that imposes the first sponsor's standard.
    #[serde(default)]
    pub bloc: Option<String>,
    /// Government mode: the step of the mandate.
    #[serde(default)]
    pub t_g: u32,
    /// Government mode: the share of the bloc the mandate binds.
    #[serde(default = "one")]
    pub mandate_share: f64,
}

fn one() -> f64 {
    1.0
}
fn two() -> f64 {
    2.0
}
fn ninety() -> f64 {
    0.9
}
fn ten() -> u32 {
    10
}
fn sponsors() -> [usize; 2] {
    [0, 1]
}

/// Equilibrium of the two pure games.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Equilibrium {
    /// Committee: probability of insisting each period.
    pub x: f64,
    /// Committee: each sponsor's value.
    pub committee_value: f64,
    /// Committee: expected delay in periods, 1 / (2x(1−x)).
    pub committee_delay: f64,
    /// Market: probability of committing each period.
    pub y: f64,
    /// Market: each sponsor's value.
    pub market_value: f64,
    /// Market: probability of ending with one standard, 2(1−y)/(2−y).
    pub market_coordination: f64,
}

/// What supply produced in one run.
#[derive(Debug, Clone, PartialEq)]
pub struct SupplyOutcome {
    /// Entry step per sponsor (`None`: never enters).
    pub entries: [Option<u32>; 2],
    /// Policies supply adds (the government mandate).
    pub policies: Vec<Policy>,
}

fn bisect(lo: f64, hi: f64, f: impl Fn(f64) -> f64) -> f64 {
    let (mut lo, mut hi) = (lo, hi);
    let f_lo = f(lo);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if (f(mid) > 0.0) == (f_lo > 0.0) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

impl SupplyConfig {
    /// Checks every parameter.
    pub fn validate(&self, k: usize) -> Result<()> {
        for (n, v) in [("supply.a", self.a), ("supply.b", self.b), ("supply.c", self.c)] {
            check_range(n, v, -1e6, 1e6)?;
        }
        if !(self.a > self.b && self.b > 0.0 && self.c < self.b) {
            return Err(LabError::param("supply", "needs a > b > 0 and c < b"));
        }
        check_range("supply.delta", self.delta, 0.0, 0.9999)?;
        check_prob("supply.mandate_share", self.mandate_share)?;
        if self.period == 0 {
            return Err(LabError::param("supply.period", "must be at least 1 step"));
        }
        if self.sponsors.iter().any(|&s| s >= k) || self.sponsors[0] == self.sponsors[1] {
            return Err(LabError::param("supply.sponsors", format!("two different standards below {k}")));
        }
        if self.mode == SupplyMode::Government && self.bloc.is_none() {
            return Err(LabError::param("supply.bloc", "government supply needs the imposing bloc"));
        }
        Ok(())
    }

    /// Residual of the committee indifference condition at `x`
    /// (insisting minus conceding, with V from the insisting side).
    pub fn committee_residual(&self, x: f64) -> f64 {
        let v = (1.0 - x) * self.a / (1.0 - x * self.delta);
        (x * self.delta * v + (1.0 - x) * self.a) - (x * self.b + (1.0 - x) * self.delta * v)
    }

    /// Residual of the market indifference condition at `y` (committing minus waiting).
    pub fn market_residual(&self, y: f64) -> f64 {
        let v = (1.0 - y) * self.a + y * self.c;
        v - ((1.0 - y) * self.delta * v + y * self.b)
    }

    /// Solves both stationary symmetric equilibria by bisection.
    pub fn equilibrium(&self) -> Equilibrium {
        let x = bisect(1e-12, 1.0 - 1e-12, |x| self.committee_residual(x));
        let y = bisect(1e-12, 1.0 - 1e-12, |y| self.market_residual(y));
        Equilibrium {
            x,
            committee_value: (1.0 - x) * self.a / (1.0 - x * self.delta),
            committee_delay: 1.0 / (2.0 * x * (1.0 - x)),
            y,
            market_value: (1.0 - y) * self.a + y * self.c,
            market_coordination: 2.0 * (1.0 - y) / (2.0 - y),
        }
    }

    /// Draws one run's outcome; periods beyond `horizon` steps mean no entry.
    pub fn sample(&self, rng: &mut LabRng, horizon: u32) -> SupplyOutcome {
        let eq = self.equilibrium();
        let s0 = self.sponsors[0];
        let mut entries = [None, None];
        let mut policies = Vec::new();
        if self.mode == SupplyMode::Government {
            entries = [Some(self.t_g), Some(0)];
            policies.push(Policy {
                kind: PolicyKind::Mandate,
                bloc: self.bloc.clone(),
                standard: s0,
                t_on: self.t_g,
                t_off: None,
                duration: None,
                strength: self.mandate_share,
                series: vec![],
            });
            return SupplyOutcome { entries, policies };
        }
        let max_periods = horizon / self.period + 1;
        for period in 1..=max_periods {
            let at = Some(period.saturating_mul(self.period));
            if matches!(self.mode, SupplyMode::Committee | SupplyMode::Hybrid) {
                let insist = [rng.random::<f64>() < eq.x, rng.random::<f64>() < eq.x];
                if insist[0] != insist[1] {
                    let winner = if insist[0] { 0 } else { 1 };
                    entries[winner] = at;
                    break;
                }
            }
            if matches!(self.mode, SupplyMode::Market | SupplyMode::Hybrid) {
                let commit = [rng.random::<f64>() < eq.y, rng.random::<f64>() < eq.y];
                if commit[0] || commit[1] {
                    entries = [if commit[0] { at } else { None }, if commit[1] { at } else { None }];
                    break;
                }
            }
        }
        SupplyOutcome { entries, policies }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(mode: SupplyMode, delta: f64) -> SupplyConfig {
        let mut c: SupplyConfig = toml::from_str("mode = \"committee\"").expect("literal parses");
        c.mode = mode;
        c.delta = delta;
        c
    }

    #[test]
    fn committee_and_market_equilibria_satisfy_indifference() {
        let c = cfg(SupplyMode::Committee, 0.9);
        let eq = c.equilibrium();
        assert!(c.committee_residual(eq.x).abs() < 1e-9);
        assert!(c.market_residual(eq.y).abs() < 1e-9);
        assert!((eq.x - 0.911).abs() < 0.001, "x = {}", eq.x);
        assert!((eq.committee_delay - 6.1).abs() < 0.1, "delay = {}", eq.committee_delay);
        assert!((eq.y - 0.539).abs() < 0.001, "y = {}", eq.y);
        assert!((eq.market_coordination - 0.63).abs() < 0.005);
    }

    #[test]
    fn committee_is_slower_but_better_than_market_when_patient() {
        let eq = cfg(SupplyMode::Committee, 0.99).equilibrium();
        assert!(eq.committee_delay > 40.0);
        assert!(eq.committee_value > eq.market_value);
    }

    #[test]
    fn market_splits_about_as_often_as_the_formula_says() {
        let c = cfg(SupplyMode::Market, 0.9);
        let mut rng = crate::rng::run_rng(11, 0, 0);
        let n = 4000;
        let split = (0..n).filter(|_| c.sample(&mut rng, 10_000).entries.iter().all(Option::is_some)).count();
        let p = 1.0 - c.equilibrium().market_coordination;
        let se = (p * (1.0 - p) / n as f64).sqrt();
        assert!((split as f64 / n as f64 - p).abs() < 3.0 * se, "split {split} of {n}, expected {p}");
    }
}
