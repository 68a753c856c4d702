//! The inner-loop generator of the networked model and a geometric sampler
//! that needs no logarithm.
//!
//! A run's ChaCha8 stream stays the source of all randomness: it seeds
//! [`FastRng`] once, after the graph and the initial choices are drawn, so a
//! run is still a function of (master seed, configuration, replicate) alone.
//! xoshiro256++ (Blackman & Vigna, "Scrambled linear pseudorandom number
//! generators", 2021) costs about a nanosecond per 64 bits, several times less
//! than ChaCha8, and passes the statistical batteries the models need.

use rand::{Rng, RngCore};

use super::LabRng;

/// xoshiro256++: the generator of the networked model's revisions.
#[derive(Debug, Clone)]
pub struct FastRng {
    s: [u64; 4],
}

impl FastRng {
    /// A generator seeded from four words of `source`.
    pub fn from_stream(source: &mut LabRng) -> FastRng {
        let mut s = [0u64; 4];
        for w in &mut s {
            *w = source.random();
        }
        if s == [0; 4] {
            // The all-zero state is the one fixed point of xoshiro.
            s[0] = 0x9e37_79b9_7f4a_7c15;
        }
        FastRng { s }
    }

    /// A uniform in [0, 1) with 53 random bits.
    #[inline]
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

impl RngCore for FastRng {
    #[inline]
    fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let out = s[0].wrapping_add(s[3]).rotate_left(23).wrapping_add(s[0]);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        out
    }

    fn next_u32(&mut self) -> u32 {
        (self.next_u64() >> 32) as u32
    }

    fn fill_bytes(&mut self, dst: &mut [u8]) {
        for chunk in dst.chunks_mut(8) {
            let v = self.next_u64().to_le_bytes();
            chunk.copy_from_slice(&v[..chunk.len()]);
        }
    }
}

/// Tabulated thresholds per sampler; beyond them the sampler restarts (memorylessness).
const SPAN: usize = 256;
/// Buckets of the first guess: fine enough that the guess is nearly always
/// the answer at the rates models use, so the check after it rarely branches.
const BUCKETS: usize = 4096;

/// Failures before the first success of Bernoulli(p) trials, drawn by table
/// look-up: skip = #{j ≥ 1 : qʲ ≥ u} for u uniform on (0, 1], which has
/// P(skip ≥ j) = qʲ exactly. A guess from the bucket of u and a few
/// comparisons replace the logarithm of the textbook inversion; when u falls
/// below q^SPAN the sampler adds SPAN and draws again, which the geometric
/// law's memorylessness makes exact. Rates so small that q^SPAN > ½ use the
/// logarithm (they are rare revisions, so its cost does not matter).
#[derive(Debug, Clone)]
pub struct Geometric {
    /// qʲ for j = 0..=SPAN (empty: use `ln_q`).
    pow: Vec<f64>,
    /// Smallest skip in each bucket [b/BUCKETS, (b+1)/BUCKETS).
    guess: Vec<u16>,
    ln_q: f64,
    never: bool,
}

impl Geometric {
    /// The sampler for success probability `p` (0: never succeeds).
    pub fn new(p: f64) -> Geometric {
        let q = 1.0 - p.clamp(0.0, 1.0);
        let never = p <= 0.0;
        let (mut pow, mut guess) = (Vec::new(), Vec::new());
        if !never && q.powi(SPAN as i32) <= 0.5 {
            pow = (0..=SPAN).map(|j| q.powi(j as i32)).collect();
            let count = |u: f64| pow[1..].iter().take_while(|&&t| t >= u).count() as u16;
            guess = (0..BUCKETS).map(|b| count((b + 1) as f64 / BUCKETS as f64)).collect();
        }
        Geometric { pow, guess, ln_q: q.ln(), never }
    }

    /// One draw; `u64::MAX` when `p` is 0.
    #[inline(always)]
    pub fn sample(&self, rng: &mut FastRng) -> u64 {
        if self.never {
            return u64::MAX;
        }
        if self.pow.is_empty() {
            let g = (1.0 - rng.unit()).ln() / self.ln_q;
            return if g.is_finite() && g < 1.8e19 { g as u64 } else { u64::MAX };
        }
        let mut base = 0u64;
        loop {
            let u = 1.0 - rng.unit();
            if u < self.pow[SPAN] {
                base = base.saturating_add(SPAN as u64);
                continue;
            }
            let b = ((u * BUCKETS as f64) as usize).min(BUCKETS - 1);
            let mut j = usize::from(self.guess[b]);
            while j < SPAN && self.pow[j + 1] >= u {
                j += 1;
            }
            return base.saturating_add(j as u64);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::run_rng;

    #[test]
    fn table_geometric_matches_the_geometric_law() {
        for p in [0.9, 0.3, 0.1, 0.01, 0.001, 1e-5] {
            let g = Geometric::new(p);
            let mut rng = FastRng::from_stream(&mut run_rng(5, 1, 2));
            let reps = 200_000;
            let draws: Vec<f64> = (0..reps).map(|_| g.sample(&mut rng) as f64).collect();
            let mean = draws.iter().sum::<f64>() / reps as f64;
            let want = (1.0 - p) / p;
            let se = ((1.0 - p).sqrt() / p) / (reps as f64).sqrt();
            assert!((mean - want).abs() < 3.0 * se, "p {p}: mean {mean} vs {want}");
            // P(skip = 0) = p and P(skip ≥ 3) = q³, each within 3 standard errors.
            let zero = draws.iter().filter(|&&d| d == 0.0).count() as f64 / reps as f64;
            let tail = draws.iter().filter(|&&d| d >= 3.0).count() as f64 / reps as f64;
            let q3 = (1.0 - p).powi(3);
            assert!(
                (zero - p).abs() < 3.0 * (p * (1.0 - p) / reps as f64).sqrt() + 1e-9,
                "p {p}: P(0) {zero}"
            );
            assert!(
                (tail - q3).abs() < 3.0 * (q3 * (1.0 - q3) / reps as f64).sqrt() + 1e-9,
                "p {p}: tail {tail}"
            );
        }
    }

    #[test]
    fn geometric_of_zero_and_one_are_never_and_always() {
        let mut rng = FastRng::from_stream(&mut run_rng(5, 0, 0));
        assert_eq!(Geometric::new(0.0).sample(&mut rng), u64::MAX);
        assert!((0..100).all(|_| Geometric::new(1.0).sample(&mut rng) == 0));
    }

    #[test]
    fn fast_rng_uniforms_have_the_moments_of_a_uniform() {
        let mut rng = FastRng::from_stream(&mut run_rng(9, 0, 0));
        let n = 100_000;
        let xs: Vec<f64> = (0..n).map(|_| rng.unit()).collect();
        let mean = xs.iter().sum::<f64>() / n as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
        assert!((mean - 0.5).abs() < 3.0 * (1.0 / 12.0 / n as f64).sqrt(), "mean {mean}");
        assert!((var - 1.0 / 12.0).abs() < 0.002, "variance {var}");
        assert!(xs.iter().all(|&x| (0.0..1.0).contains(&x)));
    }
}
