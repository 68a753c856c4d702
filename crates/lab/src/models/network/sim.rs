//! The networked model's state: agents, blocs, levers and the step loop.
//!
//! One byte of state per agent, neighbour lists in CSR, counts per (bloc,
//! standard) and neighbour tallies kept in step with every switch; the
//! per-step logit factors are prepared here, the per-agent choice is in
//! `kernel`. The graph and the initial choices come from the run's ChaCha8
//! stream, which then seeds the faster generator of the revisions.

use rand::Rng;

use super::graph::{generate, Csr};
use super::kernel::{Chooser, Tally};
use super::{NetConfig, Update};
use crate::error::{LabError, Result};
use crate::models::policy::{PolicyKind, Schedule};
use crate::models::{Model, View};
use crate::rng::{geometric_skip, FastRng, Geometric, LabRng};

/// A running networked model.
pub struct NetChoice {
    cfg: NetConfig,
    names: Vec<String>,
    ranges: Vec<(u32, u32)>,
    skip: Vec<Geometric>,
    graph: Csr,
    state: Vec<u8>,
    tally: Tally,
    counts: Vec<u64>,
    schedule: Schedule,
    entry: Vec<u32>,
    sponsor: Vec<Option<usize>>,
    chooser: Chooser,
    weights: Vec<f64>,
    forced_end: Vec<u32>,
    updates: u64,
    fast: FastRng,
    /// Reused per step: agents revising (async) or switching (sync).
    revising: Vec<u32>,
    switches: Vec<(u32, u8)>,
}

fn or_zeros(v: &[f64], k: usize) -> Vec<f64> {
    if v.is_empty() {
        vec![0.0; k]
    } else {
        v.to_vec()
    }
}

impl NetChoice {
    /// Draws the graph, supply timing and initial choices for one run.
    pub fn new(cfg: &NetConfig, rng: &mut LabRng) -> Result<Self> {
        let k = cfg.k;
        let names = cfg.bloc_names();
        let ranges = cfg.ranges();
        let mut schedule = Schedule::resolve(&cfg.policy, &names, k)?;
        let mut entry = if cfg.entry.is_empty() { vec![0; k] } else { cfg.entry.clone() };
        if let Some(sup) = &cfg.supply {
            let out = sup.sample(rng, cfg.steps);
            for (i, &s) in sup.sponsors.iter().enumerate() {
                entry[s] = out.entries[i].unwrap_or(u32::MAX);
            }
            Schedule::resolve(&out.policies, &names, k)?;
            for p in out.policies {
                let bloc = p.bloc.as_ref().and_then(|b| names.iter().position(|x| x == b));
                schedule.push(p, bloc);
            }
        }
        let graph = generate(&cfg.graph, &ranges, &names, rng);
        let sponsor =
            (0..k).map(|s| cfg.sponsor.get(s).and_then(|b| names.iter().position(|x| x == b))).collect();
        let blocs = cfg.blocs_or_default();
        let skip = blocs.iter().map(|b| Geometric::new(b.rate)).collect();
        let mut me = NetChoice {
            cfg: cfg.clone(),
            names,
            ranges,
            skip,
            graph,
            state: vec![0; cfg.n as usize],
            tally: Tally::unfilled(k),
            counts: vec![0; blocs.len() * k],
            schedule,
            entry,
            sponsor,
            chooser: Chooser::new(cfg),
            weights: vec![0.0; blocs.len() * k],
            forced_end: vec![0; blocs.len()],
            updates: 0,
            fast: FastRng::from_stream(rng),
            revising: Vec::new(),
            switches: Vec::new(),
        };
        me.initialise(rng)?;
        me.tally = Tally::new(&me.graph, &me.state, k);
        Ok(me)
    }

    fn initialise(&mut self, rng: &mut LabRng) -> Result<()> {
        let k = self.cfg.k;
        let init = if self.cfg.init.is_empty() { vec![1.0; k] } else { self.cfg.init.clone() };
        let w: Vec<f64> = (0..k).map(|s| if self.entry[s] == 0 { init[s] } else { 0.0 }).collect();
        let total: f64 = w.iter().sum();
        if total <= 0.0 {
            return Err(LabError::param(
                "init",
                "no standard with a positive initial share is present at step 0",
            ));
        }
        for b in 0..self.ranges.len() {
            let (lo, hi) = self.ranges[b];
            for i in lo..hi {
                let mut u = rng.random::<f64>() * total;
                let mut pick = k - 1;
                for (s, ws) in w.iter().enumerate() {
                    if u < *ws {
                        pick = s;
                        break;
                    }
                    u -= ws;
                }
                self.state[i as usize] = pick as u8;
                self.counts[b * k + pick] += 1;
            }
        }
        Ok(())
    }

    fn available(&self, b: usize, s: usize, t: u32) -> bool {
        t >= self.entry[s] && !self.schedule.banned(b, s, t)
    }

    /// Utility of each standard in bloc `b` at step `t` without the neighbour term.
    fn base(&self, b: usize, t: u32) -> Vec<Option<f64>> {
        let (k, c) = (self.cfg.k, &self.cfg);
        let n_b = f64::from(self.ranges[b].1 - self.ranges[b].0).max(1.0);
        let open = or_zeros(&c.openness, k);
        let (quality, learning, price) =
            (or_zeros(&c.quality, k), or_zeros(&c.learning, k), or_zeros(&c.price, k));
        (0..k)
            .map(|s| {
                if !self.available(b, s, t) {
                    return None;
                }
                let global =
                    (0..self.ranges.len()).map(|x| self.counts[x * k + s]).sum::<u64>() as f64 / c.n as f64;
                let local = self.counts[b * k + s] as f64 / n_b;
                let e = self.schedule.total(PolicyKind::Endorse, b, s, t);
                let q = quality[s] + (learning[s] + c.community_learning * open[s]) * global;
                let foreign = self.sponsor[s].is_some_and(|home| home != b);
                let penalty = if foreign { c.trust_penalty } else { 0.0 };
                Some(
                    q + c.gamma_bloc * (local + e)
                        + c.gamma_global * (global + e)
                        + self.schedule.total(PolicyKind::Subsidy, b, s, t)
                        - (1.0 - open[s]) * (price[s] + penalty),
                )
            })
            .collect()
    }

    fn set(&mut self, b: usize, i: usize, s: u8) {
        let k = self.cfg.k;
        let old = self.state[i];
        if old != s {
            self.counts[b * k + old as usize] -= 1;
            self.counts[b * k + s as usize] += 1;
            self.state[i] = s;
            self.tally.switch::<0>(&self.graph, i, old, s);
        }
    }

    fn apply_levers(&mut self, t: u32) {
        for b in 0..self.ranges.len() {
            let (lo, hi) = self.ranges[b];
            for (s, frac) in self.schedule.seeds_at(b, t) {
                if frac <= 0.0 || !self.available(b, s, t) {
                    continue;
                }
                let ln_q = (1.0 - frac).ln();
                let mut pos = u64::from(lo) + geometric_skip(&mut self.fast, ln_q);
                while pos < u64::from(hi) {
                    self.set(b, pos as usize, s as u8);
                    pos += 1 + geometric_skip(&mut self.fast, ln_q);
                }
            }
            self.forced_end[b] = lo;
            if let Some((s, m)) = self.schedule.mandate(b, t).filter(|&(s, _)| self.available(b, s, t)) {
                let end = lo + (f64::from(hi - lo) * m).round() as u32;
                for i in lo..end.min(hi) {
                    self.set(b, i as usize, s as u8);
                }
                self.forced_end[b] = end.min(hi);
            }
        }
    }

    /// Each agent of a bloc revises with the bloc's rate, in place, in index
    /// order: the revising agents are drawn first, so the memory reads of one
    /// revision do not wait on the draws of the next.
    fn step_async<const K: usize>(&mut self) {
        let k = self.cfg.k;
        for b in 0..self.ranges.len() {
            let (lo, hi) = (u64::from(self.forced_end[b]), u64::from(self.ranges[b].1));
            self.revising.clear();
            let mut pos = lo.saturating_add(self.skip[b].sample(&mut self.fast));
            while pos < hi {
                self.revising.push(pos as u32);
                pos = pos.saturating_add(1 + self.skip[b].sample(&mut self.fast));
            }
            let w = &self.weights[b * k..(b + 1) * k];
            for &i in &self.revising {
                let i = i as usize;
                let c = self.tally.of::<K>(&self.graph, &self.state, i);
                let old = self.state[i];
                let s = self.chooser.pick::<K>(&c, self.graph.degree(i), w, old, self.fast.unit());
                if s != old {
                    self.counts[b * k + old as usize] -= 1;
                    self.counts[b * k + s as usize] += 1;
                    self.state[i] = s;
                    self.tally.switch::<K>(&self.graph, i, old, s);
                }
            }
            self.updates += self.revising.len() as u64;
        }
    }

    /// Every agent revises from the previous state; switches are applied after
    /// all choices are made.
    fn step_sync<const K: usize>(&mut self) {
        let k = self.cfg.k;
        self.switches.clear();
        for b in 0..self.ranges.len() {
            let (lo, hi) = (self.forced_end[b] as usize, self.ranges[b].1 as usize);
            let w = &self.weights[b * k..(b + 1) * k];
            for i in lo..hi {
                let c = self.tally.of::<K>(&self.graph, &self.state, i);
                let old = self.state[i];
                let s = self.chooser.pick::<K>(&c, self.graph.degree(i), w, old, self.fast.unit());
                if s != old {
                    self.switches.push((i as u32, s));
                }
            }
            self.updates += hi.saturating_sub(lo) as u64;
        }
        let mut b = 0;
        for &(i, s) in &self.switches {
            while i >= self.ranges[b].1 {
                b += 1;
            }
            let i = i as usize;
            let old = self.state[i];
            self.counts[b * k + old as usize] -= 1;
            self.counts[b * k + s as usize] += 1;
            self.state[i] = s;
            self.tally.switch::<K>(&self.graph, i, old, s);
        }
    }

    fn prepare_weights(&mut self, t: u32) {
        let k = self.cfg.k;
        for b in 0..self.ranges.len() {
            let base = self.base(b, t);
            let max = base.iter().flatten().fold(f64::NEG_INFINITY, |a, &v| a.max(v));
            for (s, u) in base.iter().enumerate() {
                self.weights[b * k + s] = u.map_or(0.0, |u| ((u - max) / self.cfg.tau).exp());
            }
        }
    }
}

impl Model for NetChoice {
    fn view(&self) -> View<'_> {
        View {
            bloc_names: &self.names,
            k: self.cfg.k,
            horizon: self.cfg.steps,
            counts: &self.counts,
            updates: self.updates,
            schedule: &self.schedule,
        }
    }

    /// Revisions draw from the model's own generator, seeded from `rng` when
    /// the run was built, so the step leaves `rng` untouched.
    fn step(&mut self, t: u32, _rng: &mut LabRng) {
        self.apply_levers(t);
        self.prepare_weights(t);
        // The common numbers of standards get loops unrolled at compile time.
        match (self.cfg.update, self.cfg.k) {
            (Update::Async, 2) => self.step_async::<2>(),
            (Update::Async, 3) => self.step_async::<3>(),
            (Update::Async, 4) => self.step_async::<4>(),
            (Update::Async, _) => self.step_async::<0>(),
            (Update::Sync, 2) => self.step_sync::<2>(),
            (Update::Sync, 3) => self.step_sync::<3>(),
            (Update::Sync, 4) => self.step_sync::<4>(),
            (Update::Sync, _) => self.step_sync::<0>(),
        }
    }

    /// Mean-field lock-in index: how much more the best standard is worth than
    /// `target` to an agent of `bloc` whose neighbours mirror the bloc's shares.
    fn lock_in_gap(&self, t: u32, bloc: Option<usize>, target: usize) -> Option<f64> {
        let b = bloc.unwrap_or(0);
        let k = self.cfg.k;
        let n_b = f64::from(self.ranges[b].1 - self.ranges[b].0).max(1.0);
        let u: Vec<Option<f64>> = self
            .base(b, t)
            .into_iter()
            .enumerate()
            .map(|(s, v)| v.map(|v| v + self.cfg.beta * self.counts[b * k + s] as f64 / n_b))
            .collect();
        let best = u.iter().flatten().fold(f64::NEG_INFINITY, |a, &v| a.max(v));
        let mine = u.get(target).copied().flatten()?;
        Some((best - mine).max(0.0))
    }
}
