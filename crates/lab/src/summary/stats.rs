//! Statistics across replicates: means, standard deviations and Wilson
//! intervals for probabilities.

use serde::{Deserialize, Serialize};

use super::RunSummary;

/// Wilson score interval (95 %) for `k` successes in `n` trials.
pub fn wilson(k: u64, n: u64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let (z, nf) = (1.959_963_984_540_054_f64, n as f64);
    let p = k as f64 / nf;
    let denom = 1.0 + z * z / nf;
    let centre = (p + z * z / (2.0 * nf)) / denom;
    let half = z * (p * (1.0 - p) / nf + z * z / (4.0 * nf * nf)).sqrt() / denom;
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

fn mean_sd(v: impl Iterator<Item = f64>) -> (f64, f64) {
    let v: Vec<f64> = v.collect();
    if v.is_empty() {
        return (f64::NAN, f64::NAN);
    }
    let n = v.len() as f64;
    let m = v.iter().sum::<f64>() / n;
    let sd =
        if v.len() > 1 { (v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1.0)).sqrt() } else { 0.0 };
    (m, sd)
}

/// One configuration's statistics over its replicates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Aggregate {
    /// Configuration index.
    pub config: u32,
    /// Runs.
    pub runs: u64,
    /// Runs where the policy's standard won.
    pub successes: u64,
    /// Share of runs with success (NaN when no run has a scored policy).
    pub p_success: f64,
    /// Wilson 95 % lower bound.
    pub p_success_lo: f64,
    /// Wilson 95 % upper bound.
    pub p_success_hi: f64,
    /// Mean final leader share.
    pub leader_share_mean: f64,
    /// Its standard deviation.
    pub leader_share_sd: f64,
    /// Mean final HHI.
    pub hhi_mean: f64,
    /// Mean final fragmentation.
    pub fragmentation_mean: f64,
    /// Its standard deviation.
    pub fragmentation_sd: f64,
    /// Share of runs that reached the specific period.
    pub p_specific: f64,
    /// Mean step of the specific boundary among runs reaching it.
    pub t_specific_mean: f64,
    /// Mean lock-in index at the policy start.
    pub lock_in_mean: f64,
    /// Share of runs already past the fluid period at the policy start.
    pub p_policy_after_fluid: f64,
}

/// Statistics per configuration; `runs` must be sorted by configuration.
pub fn aggregate(runs: &[RunSummary]) -> Vec<Aggregate> {
    let mut out = Vec::new();
    for chunk in runs.chunk_by(|a, b| a.config == b.config) {
        let n = chunk.len() as u64;
        let scored = chunk.iter().filter(|r| r.success.is_some()).count() as u64;
        let successes = chunk.iter().filter(|r| r.success == Some(true)).count() as u64;
        let (lo, hi) = if scored == 0 { (f64::NAN, f64::NAN) } else { wilson(successes, scored) };
        let (ls, ls_sd) = mean_sd(chunk.iter().map(|r| r.leader_share));
        let (fr, fr_sd) = mean_sd(chunk.iter().map(|r| r.fragmentation));
        let specific: Vec<f64> = chunk.iter().filter_map(|r| r.t_specific.map(f64::from)).collect();
        let after =
            chunk.iter().filter(|r| r.phase_at_policy.is_some_and(|p| p != super::Phase::Fluid)).count();
        out.push(Aggregate {
            config: chunk[0].config,
            runs: n,
            successes,
            p_success: if scored == 0 { f64::NAN } else { successes as f64 / scored as f64 },
            p_success_lo: lo,
            p_success_hi: hi,
            leader_share_mean: ls,
            leader_share_sd: ls_sd,
            hhi_mean: mean_sd(chunk.iter().map(|r| r.hhi)).0,
            fragmentation_mean: fr,
            fragmentation_sd: fr_sd,
            p_specific: specific.len() as f64 / n as f64,
            t_specific_mean: mean_sd(specific.into_iter()).0,
            lock_in_mean: mean_sd(chunk.iter().filter_map(|r| r.lock_in_at_policy)).0,
            p_policy_after_fluid: after as f64 / n as f64,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_interval_contains_the_estimate_and_stays_in_unit_range() {
        let (lo, hi) = wilson(0, 20);
        assert_eq!(lo, 0.0);
        assert!(hi > 0.1 && hi < 0.2, "{hi}");
        let (lo, hi) = wilson(50, 100);
        assert!(lo < 0.5 && hi > 0.5 && (0.5 - lo - (hi - 0.5)).abs() < 1e-12);
    }
}
