//! The learnt models and their scores in the project database (migration
//! component `learn`).

use std::collections::HashMap;

use policyscope_store::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::cv::CrossValidation;
use super::logistic::{Model, Params};
use crate::store::CodingStore;
use crate::{Error, Result};

/// Migrations of the `learn` component (step `i` is version `i + 1`).
pub const MIGRATIONS: &[&str] = &[include_str!("sql/learn_001.sql")];

/// A stored model's provenance and figures (without its weights).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelInfo {
    /// Row id.
    pub id: i64,
    /// The code.
    pub code_id: i64,
    /// The code's path when trained.
    pub code_path: String,
    /// How the features were made.
    pub features: String,
    /// Training settings.
    pub params: Params,
    /// The seed of shuffling and folds.
    pub seed: u64,
    /// Positive examples.
    pub positives: u64,
    /// Negative examples.
    pub negatives: u64,
    /// Decided documents the examples came from.
    pub documents: u64,
    /// The people whose decisions were learnt.
    pub coders: Vec<String>,
    /// blake3 of every (document, span, label) learnt from.
    pub decisions_hash: String,
    /// Cross-validated figures.
    pub cv: CrossValidation,
    /// When (UTC, ISO 8601).
    pub trained_at: String,
}

/// Opens the component's tables.
pub(crate) fn migrate(store: &CodingStore<'_>) -> Result<()> {
    store.project().migrate("learn", MIGRATIONS)?;
    Ok(())
}

/// Stores a model; returns its id.
pub(crate) fn save(store: &CodingStore<'_>, info: &ModelInfo, model: &Model) -> Result<i64> {
    let id = store.conn().query_row(
        "INSERT INTO coding_models (code_id, code_path, features, params, seed, positives, negatives,
             documents, coders, decisions_hash, cv, weights)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id",
        params![
            info.code_id,
            info.code_path,
            info.features,
            json(&info.params)?,
            info.seed as i64,
            info.positives as i64,
            info.negatives as i64,
            info.documents as i64,
            json(&info.coders)?,
            info.decisions_hash,
            json(&info.cv)?,
            model.to_bytes(),
        ],
        |r| r.get(0),
    )?;
    Ok(id)
}

const INFO_COLUMNS: &str =
    "id, code_id, code_path, features, params, seed, positives, negatives, documents, \
                            coders, decisions_hash, cv, trained_at";

fn info_from_row(r: &policyscope_store::Row<'_>) -> policyscope_store::Result<ModelInfo> {
    let parse_err = |i: usize, e: serde_json::Error| {
        policyscope_store::Error::FromSqlConversionFailure(i, policyscope_store::Type::Text, Box::new(e))
    };
    let params: String = r.get(4)?;
    let coders: String = r.get(9)?;
    let cv: String = r.get(11)?;
    Ok(ModelInfo {
        id: r.get(0)?,
        code_id: r.get(1)?,
        code_path: r.get(2)?,
        features: r.get(3)?,
        params: serde_json::from_str(&params).map_err(|e| parse_err(4, e))?,
        seed: r.get::<_, i64>(5)? as u64,
        positives: r.get::<_, i64>(6)? as u64,
        negatives: r.get::<_, i64>(7)? as u64,
        documents: r.get::<_, i64>(8)? as u64,
        coders: serde_json::from_str(&coders).map_err(|e| parse_err(9, e))?,
        decisions_hash: r.get(10)?,
        cv: serde_json::from_str(&cv).map_err(|e| parse_err(11, e))?,
        trained_at: r.get(12)?,
    })
}

/// Whether the component's tables exist: readers never create them (a
/// read, in the web app for one, must not write).
fn created(store: &CodingStore<'_>) -> Result<bool> {
    Ok(store.conn().table_exists("coding_scores")?)
}

/// The latest model of every code that has one, by code path.
pub fn latest_models(store: &CodingStore<'_>) -> Result<Vec<ModelInfo>> {
    if !created(store)? {
        return Ok(Vec::new());
    }
    let mut stmt = store.conn().prepare(&format!(
        "SELECT {INFO_COLUMNS} FROM coding_models m
         WHERE id = (SELECT max(id) FROM coding_models WHERE code_id = m.code_id) ORDER BY code_path"
    ))?;
    let rows = stmt.query_map([], info_from_row)?;
    Ok(rows.collect::<policyscope_store::Result<_>>()?)
}

/// A stored model's weights.
pub(crate) fn weights(store: &CodingStore<'_>, model_id: i64) -> Result<Model> {
    let bytes: Option<Vec<u8>> = store
        .conn()
        .query_row("SELECT weights FROM coding_models WHERE id = ?1", [model_id], |r| r.get(0))
        .optional()?;
    bytes
        .as_deref()
        .and_then(Model::from_bytes)
        .ok_or_else(|| Error::Invalid(format!("model {model_id} is missing or its weights are damaged")))
}

/// The model scores of these codings (those a model proposed).
pub fn scores(store: &CodingStore<'_>, coding_ids: &[i64]) -> Result<HashMap<i64, f64>> {
    if !created(store)? {
        return Ok(HashMap::new());
    }
    let mut stmt = store.conn().prepare_cached("SELECT score FROM coding_scores WHERE coding_id = ?1")?;
    let mut out = HashMap::new();
    for &id in coding_ids {
        if let Some(s) = stmt.query_row([id], |r| r.get::<_, f64>(0)).optional()? {
            out.insert(id, s);
        }
    }
    Ok(out)
}

/// Orders codings for review by how unsure their model was: |score − 0.5|
/// ascending, so the decisions that teach the model most come first;
/// codings without a score keep their order after the scored ones.
pub fn order_by_uncertainty<T>(items: &mut [T], id: impl Fn(&T) -> i64, scores: &HashMap<i64, f64>) {
    items.sort_by(|a, b| {
        let key = |x: &T| scores.get(&id(x)).map(|s| (s - 0.5).abs());
        match (key(a), key(b)) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
    });
}

/// A stored value as JSON text.
fn json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Invalid(format!("cannot store a model: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_uncertain_first_unscored_last() {
        let scores: HashMap<i64, f64> = [(1, 0.95), (2, 0.55), (3, 0.2)].into_iter().collect();
        let mut ids = vec![4, 1, 3, 2, 5];
        order_by_uncertainty(&mut ids, |x| *x, &scores);
        assert_eq!(ids, [2, 3, 1, 4, 5]);
    }
}
