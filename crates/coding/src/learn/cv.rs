//! Stratified k-fold cross-validation against a majority-class baseline.

use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::logistic::{train, Params};
use crate::evaluate::Confusion;

/// Cross-validated figures of one code's model and of the baseline that
/// always predicts the training folds' majority class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrossValidation {
    /// Number of folds.
    pub folds: usize,
    /// The model's predictions (score ≥ 0.5) on the held-out folds, pooled.
    pub model: Confusion,
    /// Precision of the model.
    pub precision: Option<f64>,
    /// Recall of the model.
    pub recall: Option<f64>,
    /// F1 of the model.
    pub f1: Option<f64>,
    /// The majority-class baseline on the same folds, pooled.
    pub baseline: Confusion,
    /// F1 of the baseline (0 when the majority is "not coded").
    pub baseline_f1: Option<f64>,
    /// Accuracy of the model.
    pub accuracy: Option<f64>,
    /// Accuracy of the baseline.
    pub baseline_accuracy: Option<f64>,
}

/// Assigns every example a fold: positives and negatives are shuffled
/// apart (seeded) and dealt round-robin, so each fold holds its share of
/// the rare class.
pub fn fold_of(ys: &[bool], folds: usize, seed: u64) -> Vec<usize> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut fold = vec![0; ys.len()];
    for class in [true, false] {
        let mut idx: Vec<usize> = (0..ys.len()).filter(|&i| ys[i] == class).collect();
        idx.shuffle(&mut rng);
        for (k, i) in idx.into_iter().enumerate() {
            fold[i] = k % folds.max(1);
        }
    }
    fold
}

/// Trains on all folds but one and predicts it, for every fold.
pub fn cross_validate(
    xs: &[&[(u32, f32)]],
    ys: &[bool],
    folds: usize,
    params: &Params,
    seed: u64,
) -> CrossValidation {
    let assignment = fold_of(ys, folds, seed);
    let one_fold = |f: usize| {
        let (train_idx, test_idx): (Vec<usize>, Vec<usize>) =
            (0..ys.len()).partition(|&i| assignment[i] != f);
        let tx: Vec<&[(u32, f32)]> = train_idx.iter().map(|&i| xs[i]).collect();
        let ty: Vec<bool> = train_idx.iter().map(|&i| ys[i]).collect();
        let m = train(&tx, &ty, params, seed.wrapping_add(1 + f as u64));
        let majority = 2 * ty.iter().filter(|y| **y).count() > ty.len();
        let (mut model, mut baseline) = (Confusion::default(), Confusion::default());
        for &i in &test_idx {
            model.count(m.score(xs[i]) >= 0.5, ys[i]);
            baseline.count(majority, ys[i]);
        }
        (model, baseline)
    };
    // Folds are independent and each is seeded: two at a time give the same
    // figures as one after another, in half the time on two cores.
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 2);
    let mut model = Confusion::default();
    let mut baseline = Confusion::default();
    let all: Vec<usize> = (0..folds).collect();
    for batch in all.chunks(workers) {
        let results: Vec<(Confusion, Confusion)> = std::thread::scope(|s| {
            let handles: Vec<_> = batch.iter().map(|&f| s.spawn(move || one_fold(f))).collect();
            handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
        });
        for (m, b) in results {
            model.add(&m);
            baseline.add(&b);
        }
    }
    CrossValidation {
        folds,
        model,
        precision: model.precision(),
        recall: model.recall(),
        f1: model.f1(),
        baseline,
        baseline_f1: Some(baseline.f1().unwrap_or(0.0)),
        accuracy: model.accuracy(),
        baseline_accuracy: baseline.accuracy(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_are_stratified_and_seeded() {
        let ys: Vec<bool> = (0..50).map(|i| i % 5 == 0).collect();
        let f = fold_of(&ys, 5, 3);
        for k in 0..5 {
            let pos = (0..50).filter(|&i| f[i] == k && ys[i]).count();
            assert_eq!(pos, 2, "fold {k}");
        }
        assert_eq!(f, fold_of(&ys, 5, 3));
        assert_ne!(f, fold_of(&ys, 5, 4));
    }
}
