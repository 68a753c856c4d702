//! L2-regularised logistic regression trained by stochastic gradient
//! descent over sparse features.
//!
//! Written here rather than taken from linfa-logistic or smartcore: both
//! train on a dense design matrix (ndarray / DenseMatrix), and a corpus of
//! sentences × 2^18 hashed features is only tractable sparse; they would
//! also bring ndarray, argmin and their numeric stack into every build for
//! some sixty lines of arithmetic. Training is sequential f64 arithmetic
//! over an order drawn from a seeded ChaCha generator, so the same examples
//! and seed give the same weights bit for bit on every machine.

use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::features::DIMENSIONS;

/// Training settings, stored with every model.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Params {
    /// Passes over the examples.
    pub epochs: u32,
    /// L2 penalty λ.
    pub lambda: f64,
    /// Initial step size η₀; step t is η₀ / (1 + η₀·λ·t).
    pub eta0: f64,
    /// Weigh each class by n / (2 · its size), so a rare code is not
    /// drowned by the many sentences without it.
    pub balanced: bool,
}

impl Default for Params {
    fn default() -> Self {
        Params { epochs: 5, lambda: 1e-5, eta0: 0.5, balanced: true }
    }
}

/// A trained model: one weight per feature dimension and a bias.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Weights, [`DIMENSIONS`] of them.
    pub weights: Vec<f32>,
    /// Intercept.
    pub bias: f32,
}

impl Model {
    /// Probability that the unit with these features carries the code.
    pub fn score(&self, x: &[(u32, f32)]) -> f64 {
        let z: f64 = f64::from(self.bias)
            + x.iter()
                .map(|&(i, v)| f64::from(self.weights.get(i as usize).copied().unwrap_or(0.0)) * f64::from(v))
                .sum::<f64>();
        sigmoid(z)
    }

    /// The weights as stored: little-endian f32, weights then bias.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity((self.weights.len() + 1) * 4);
        for w in self.weights.iter().chain(std::iter::once(&self.bias)) {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    /// Reads [`to_bytes`](Self::to_bytes); `None` unless it holds exactly
    /// [`DIMENSIONS`] weights and a bias.
    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        if bytes.len() != (DIMENSIONS + 1) * 4 {
            return None;
        }
        let mut values: Vec<f32> =
            bytes.chunks_exact(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
        let bias = values.pop()?;
        Some(Model { weights: values, bias })
    }
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// Trains on `xs` with labels `ys` (same length).
pub fn train(xs: &[&[(u32, f32)]], ys: &[bool], params: &Params, seed: u64) -> Model {
    let n = xs.len().min(ys.len());
    let positives = ys[..n].iter().filter(|y| **y).count();
    let (w_pos, w_neg) = if params.balanced && positives > 0 && positives < n {
        (n as f64 / (2.0 * positives as f64), n as f64 / (2.0 * (n - positives) as f64))
    } else {
        (1.0, 1.0)
    };
    // w = scale · v: the L2 shrinkage of every weight is one multiplication.
    let mut v = vec![0.0f64; DIMENSIONS];
    let mut scale = 1.0f64;
    let mut bias = 0.0f64;
    let mut order: Vec<usize> = (0..n).collect();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut t = 0.0f64;
    for _ in 0..params.epochs {
        order.shuffle(&mut rng);
        for &i in &order {
            let eta = params.eta0 / (1.0 + params.eta0 * params.lambda * t);
            t += 1.0;
            let x = xs[i];
            let z = bias + scale * x.iter().map(|&(j, val)| v[j as usize] * f64::from(val)).sum::<f64>();
            let y = if ys[i] { 1.0 } else { 0.0 };
            let g = (sigmoid(z) - y) * if ys[i] { w_pos } else { w_neg };
            scale *= 1.0 - eta * params.lambda;
            if scale < 1e-9 {
                v.iter_mut().for_each(|w| *w *= scale);
                scale = 1.0;
            }
            for &(j, val) in x {
                v[j as usize] -= eta * g * f64::from(val) / scale;
            }
            bias -= eta * g;
        }
    }
    Model { weights: v.iter().map(|w| (w * scale) as f32).collect(), bias: bias as f32 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> (Vec<Vec<(u32, f32)>>, Vec<bool>) {
        // Feature 1 means the code, feature 2 means its absence; 3 is noise.
        let mut xs = Vec::new();
        let mut ys = Vec::new();
        for i in 0..40u32 {
            let pos = i % 4 == 0;
            let mut x = vec![(if pos { 1 } else { 2 }, 0.7)];
            if i % 3 == 0 {
                x.push((3, 0.7));
            }
            xs.push(x);
            ys.push(pos);
        }
        (xs, ys)
    }

    #[test]
    fn separates_a_separable_toy_and_is_bit_for_bit_reproducible() {
        let (xs, ys) = toy();
        let refs: Vec<&[(u32, f32)]> = xs.iter().map(Vec::as_slice).collect();
        let m = train(&refs, &ys, &Params::default(), 7);
        assert!(m.score(&[(1, 0.7)]) > 0.9);
        assert!(m.score(&[(2, 0.7)]) < 0.1);
        let again = train(&refs, &ys, &Params::default(), 7);
        assert_eq!(m.to_bytes(), again.to_bytes());
        assert_eq!(Model::from_bytes(&m.to_bytes()), Some(m));
        assert_eq!(Model::from_bytes(&[0u8; 12]), None);
    }
}
