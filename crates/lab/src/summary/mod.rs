//! Per-run summaries (winners, concentration, phases, lock-in, fragmentation,
//! intervention success) and statistics across replicates.

pub mod phases;
mod stats;

use serde::Serialize;

pub use self::phases::{Phase, PhaseTracker, Thresholds};
pub use self::stats::{aggregate, wilson, Aggregate};

/// Shares of each standard within each bloc (rows) from bloc-major counts.
pub fn bloc_shares(counts: &[u64], blocs: usize, k: usize) -> Vec<Vec<f64>> {
    (0..blocs)
        .map(|b| {
            let row = &counts[b * k..(b + 1) * k];
            let total: u64 = row.iter().sum();
            row.iter().map(|&c| if total == 0 { 0.0 } else { c as f64 / total as f64 }).collect()
        })
        .collect()
}

/// Global shares of each standard.
pub fn global_shares(counts: &[u64], k: usize) -> Vec<f64> {
    let mut per = vec![0u64; k];
    for (i, c) in counts.iter().enumerate() {
        per[i % k] += c;
    }
    let total: u64 = per.iter().sum();
    per.iter().map(|&c| if total == 0 { 0.0 } else { c as f64 / total as f64 }).collect()
}

/// Herfindahl–Hirschman index Σ x_s² (1 = monopoly, 1/K = even split).
pub fn hhi(shares: &[f64]) -> f64 {
    shares.iter().map(|x| x * x).sum()
}

/// The leading standard and its share (lowest index on ties); `None` when nothing is adopted.
pub fn leader(shares: &[f64]) -> Option<(usize, f64)> {
    let (i, &x) =
        shares.iter().enumerate().fold((0, &f64::NEG_INFINITY), |a, b| if *b.1 > *a.1 { b } else { a });
    (x > 0.0).then_some((i, x))
}

/// Mean over bloc pairs of 1 − Σ_s x_{A,s}·x_{B,s}: the chance that two agents
/// drawn from two different blocs use incompatible standards (0 with one bloc).
pub fn fragmentation(shares: &[Vec<f64>]) -> f64 {
    let mut sum = 0.0;
    let mut pairs = 0;
    for a in 0..shares.len() {
        for b in a + 1..shares.len() {
            sum += 1.0 - shares[a].iter().zip(&shares[b]).map(|(x, y)| x * y).sum::<f64>();
            pairs += 1;
        }
    }
    if pairs == 0 {
        0.0
    } else {
        sum / f64::from(pairs)
    }
}

/// One run's summary row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunSummary {
    /// Run number (position in (config, rep) order).
    pub run: u64,
    /// Configuration index.
    pub config: u32,
    /// Replicate index.
    pub rep: u32,
    /// The run's random stream (config · 2³² + rep) under the master seed.
    pub stream: u64,
    /// Global winner (largest final share).
    pub winner: Option<usize>,
    /// Winner per bloc, `bloc:standard` joined by `;`.
    pub winners_by_bloc: String,
    /// Final global shares joined by `;`.
    pub shares: String,
    /// Final leader share.
    pub leader_share: f64,
    /// Final HHI.
    pub hhi: f64,
    /// Final effective number of standards, 1/HHI.
    pub n_eff: f64,
    /// First step the leader holds half the market.
    pub t_half: Option<u32>,
    /// First step the leader holds 90 %.
    pub t_90: Option<u32>,
    /// Stable fluid → transition boundary.
    pub t_transition: Option<u32>,
    /// Stable transition → specific boundary.
    pub t_specific: Option<u32>,
    /// Step the scored policy starts.
    pub policy_start: Option<u32>,
    /// Phase at the policy start.
    pub phase_at_policy: Option<Phase>,
    /// Lock-in index at the policy start (utility units the policy's standard lacks).
    pub lock_in_at_policy: Option<f64>,
    /// Final fragmentation between blocs.
    pub fragmentation: f64,
    /// First step from which blocs led by different standards (each leader holding at
    /// least `fluid_leader` of its bloc) and fragmentation above ½ persist for a window.
    pub t_bifurcation: Option<u32>,
    /// Whether the policy's standard is the global winner.
    pub success: Option<bool>,
    /// Times the global leader changed.
    pub leader_changes: u32,
    /// Individual choices made.
    pub updates: u64,
}

impl RunSummary {
    /// A named outcome as a number (for sensitivity analysis and figures).
    pub fn metric(&self, name: &str, horizon: u32) -> Option<f64> {
        Some(match name {
            "success" => f64::from(u8::from(self.success?)),
            "leader_share" => self.leader_share,
            "hhi" => self.hhi,
            "n_eff" => self.n_eff,
            "fragmentation" => self.fragmentation,
            "t_specific" => f64::from(self.t_specific.unwrap_or(horizon)),
            "t_transition" => f64::from(self.t_transition.unwrap_or(horizon)),
            "lock_in" => self.lock_in_at_policy?,
            "winner" => self.winner? as f64,
            _ => return None,
        })
    }
}

/// Names accepted by [`RunSummary::metric`].
pub const METRICS: [&str; 9] = [
    "success",
    "leader_share",
    "hhi",
    "n_eff",
    "fragmentation",
    "t_specific",
    "t_transition",
    "lock_in",
    "winner",
];

/// Streams one run's states into its summary.
#[derive(Debug, Clone)]
pub struct RunTracker {
    phases: PhaseTracker,
    th: Thresholds,
    t_half: Option<u32>,
    t_90: Option<u32>,
    split_since: Option<u32>,
    t_bifurcation: Option<u32>,
    last_leader: Option<usize>,
    leader_changes: u32,
}

impl RunTracker {
    /// A tracker with phase thresholds `th`.
    pub fn new(th: Thresholds) -> Self {
        RunTracker {
            phases: PhaseTracker::new(th),
            th,
            t_half: None,
            t_90: None,
            split_since: None,
            t_bifurcation: None,
            last_leader: None,
            leader_changes: 0,
        }
    }

    /// Feeds the counts after step `t`.
    pub fn observe(&mut self, t: u32, counts: &[u64], blocs: usize, k: usize) {
        let g = global_shares(counts, k);
        let (lead, share) = leader(&g).unwrap_or((0, 0.0));
        self.phases.observe(t, share, hhi(&g));
        if share >= 0.5 && self.t_half.is_none() {
            self.t_half = Some(t);
        }
        if share >= 0.9 && self.t_90.is_none() {
            self.t_90 = Some(t);
        }
        if self.last_leader.is_some_and(|l| l != lead) {
            self.leader_changes += 1;
        }
        self.last_leader = Some(lead);
        if blocs > 1 {
            let rows = bloc_shares(counts, blocs, k);
            let settled: Vec<usize> = rows
                .iter()
                .filter_map(|r| leader(r).filter(|l| l.1 >= self.th.fluid_leader).map(|l| l.0))
                .collect();
            let leaders_differ = settled.iter().any(|&l| l != settled[0]);
            if leaders_differ && fragmentation(&rows) > 0.5 {
                let start = *self.split_since.get_or_insert(t);
                if self.t_bifurcation.is_none() && t + 1 - start >= self.th.window {
                    self.t_bifurcation = Some(start);
                }
            } else {
                self.split_since = None;
            }
        }
    }

    /// The summary once the run has ended.
    #[allow(clippy::too_many_arguments)]
    pub fn finish(
        self,
        ids: (u64, u32, u32, u64),
        counts: &[u64],
        names: &[String],
        k: usize,
        policy: Option<(usize, u32)>,
        lock_in: Option<f64>,
        updates: u64,
    ) -> RunSummary {
        let blocs = names.len();
        let g = global_shares(counts, k);
        let by_bloc = bloc_shares(counts, blocs, k);
        let win = leader(&g);
        let h = hhi(&g);
        let winners_by_bloc = names
            .iter()
            .zip(&by_bloc)
            .map(|(n, s)| format!("{n}:{}", leader(s).map_or("-".to_string(), |w| w.0.to_string())))
            .collect::<Vec<_>>()
            .join(";");
        RunSummary {
            run: ids.0,
            config: ids.1,
            rep: ids.2,
            stream: ids.3,
            winner: win.map(|w| w.0),
            winners_by_bloc,
            shares: g.iter().map(|x| format!("{x:.6}")).collect::<Vec<_>>().join(";"),
            leader_share: win.map_or(0.0, |w| w.1),
            hhi: h,
            n_eff: if h > 0.0 { 1.0 / h } else { 0.0 },
            t_half: self.t_half,
            t_90: self.t_90,
            t_transition: self.phases.t_transition,
            t_specific: self.phases.t_specific,
            policy_start: policy.map(|p| p.1),
            phase_at_policy: policy.map(|p| self.phases.phase_at(p.1)),
            lock_in_at_policy: lock_in,
            fragmentation: fragmentation(&by_bloc),
            t_bifurcation: self.t_bifurcation,
            success: policy.map(|p| win.is_some_and(|w| w.0 == p.0)),
            leader_changes: self.leader_changes,
            updates,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragmentation_is_zero_when_blocs_agree_and_one_when_split() {
        assert_eq!(fragmentation(&[vec![1.0, 0.0], vec![1.0, 0.0]]), 0.0);
        assert_eq!(fragmentation(&[vec![1.0, 0.0], vec![0.0, 1.0]]), 1.0);
    }

    #[test]
    fn shares_sum_to_one_and_hhi_spans_one_over_k_to_one() {
        let counts = [3, 1, 0, 2, 2, 4];
        let g = global_shares(&counts, 3);
        assert!((g.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!((hhi(&[0.5, 0.5]) - 0.5).abs() < 1e-12);
        assert_eq!(leader(&[0.0, 0.0]), None);
        assert_eq!(leader(&[0.2, 0.5, 0.3]), Some((1, 0.5)));
    }
}
