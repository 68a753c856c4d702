//! Random streams and the few samplers the models need.
//!
//! Every run draws from its own ChaCha8 stream: the key comes from the
//! experiment's master seed and the stream number from (configuration,
//! replicate), never from thread or completion order, so a run gives the same
//! numbers alone, in a parallel batch, or on replay.

mod fast;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub use self::fast::{FastRng, Geometric};

/// The generator every model uses.
pub type LabRng = ChaCha8Rng;

/// The stream number of run (`config`, `rep`): configuration in the high 32 bits.
pub fn stream_id(config: u32, rep: u32) -> u64 {
    (u64::from(config) << 32) | u64::from(rep)
}

/// The generator of run (`config`, `rep`) under `master_seed`.
pub fn run_rng(master_seed: u64, config: u32, rep: u32) -> LabRng {
    let mut rng = ChaCha8Rng::seed_from_u64(master_seed);
    rng.set_stream(stream_id(config, rep));
    rng
}

/// A generator for auxiliary draws (designs, bootstraps) that never collides
/// with a run's stream: it uses the top stream numbers.
pub fn aux_rng(master_seed: u64, purpose: u32) -> LabRng {
    let mut rng = ChaCha8Rng::seed_from_u64(master_seed);
    rng.set_stream(u64::MAX - u64::from(purpose));
    rng
}

/// Uniform in (0, 1]: safe to take the logarithm of.
pub fn open_unit<R: Rng>(rng: &mut R) -> f64 {
    1.0 - rng.random::<f64>()
}

/// Number of failures before the first success of a Bernoulli(`p`) sequence,
/// given `ln(1 - p)` (precomputed by the caller, negative); saturates at `u64::MAX`.
pub fn geometric_skip<R: Rng>(rng: &mut R, ln_q: f64) -> u64 {
    // Non-negative, so truncation is the floor (and avoids a libm call).
    let g = open_unit(rng).ln() / ln_q;
    if g.is_finite() && g < 1.8e19 {
        g as u64
    } else {
        u64::MAX
    }
}

/// An exact Binomial(`n`, `p`) draw by geometric skipping: cost grows with
/// min(n·p, n·(1−p)), which over a diffusion run adds up to the population size.
pub fn binomial<R: Rng>(rng: &mut R, n: u64, p: f64) -> u64 {
    if n == 0 || p <= 0.0 {
        return 0;
    }
    if p >= 1.0 {
        return n;
    }
    if p > 0.5 {
        return n - binomial(rng, n, 1.0 - p);
    }
    let ln_q = (1.0 - p).ln();
    let mut successes = 0u64;
    let mut pos = 0u64;
    loop {
        let skip = geometric_skip(rng, ln_q);
        pos = pos.saturating_add(skip);
        if pos >= n {
            return successes;
        }
        successes += 1;
        pos += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOLDEN: u64 = 536_181_113_285_783_987;

    #[test]
    fn binomial_mean_and_variance_match_theory() {
        let mut rng = run_rng(7, 0, 0);
        let (n, p, reps) = (1000u64, 0.3, 4000);
        let draws: Vec<f64> = (0..reps).map(|_| binomial(&mut rng, n, p) as f64).collect();
        let mean = draws.iter().sum::<f64>() / reps as f64;
        let var = draws.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / (reps - 1) as f64;
        let se = (n as f64 * p * (1.0 - p) / reps as f64).sqrt();
        assert!((mean - 300.0).abs() < 3.0 * se, "mean {mean}");
        assert!((var / 210.0 - 1.0).abs() < 0.1, "variance {var}");
        assert!(draws.iter().all(|&d| d <= n as f64));
    }

    #[test]
    fn chacha_stream_keeps_its_golden_value() {
        // A change here means a crate upgrade changed the random streams: results are no longer comparable.
        let v: u64 = run_rng(20251114, 3, 5).random();
        assert_eq!(v, GOLDEN);
    }

    #[test]
    fn streams_differ_by_replicate_and_repeat_by_id() {
        let a: u64 = run_rng(1, 2, 3).random();
        let b: u64 = run_rng(1, 2, 3).random();
        let c: u64 = run_rng(1, 2, 4).random();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }
}
