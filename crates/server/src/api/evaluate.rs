//! A codebook measured against a person, and the models learnt from the
//! coders: `GET /api/evaluate` runs the evaluation of `policyscope code
//! evaluate` in memory (nothing is written), `GET /api/evaluations` lists
//! the evaluations stored by the command, `GET /api/models` the learnt
//! models with their cross-validated figures.

use axum::extract::State;
use axum::Json;
use policyscope_agree::evaluate::{Scope, StoredEvaluation};
use policyscope_agree::{EvaluateOptions, Evaluation, Unit};
use policyscope_coding::evaluate::recorded_codebook;
use policyscope_coding::learn::ModelInfo;
use policyscope_coding::{Codebook, CodingStore};
use serde::Deserialize;

use crate::extract::Query;
use crate::{AppState, Error, Result};

/// False positives and false negatives listed per code.
const EXAMPLES: usize = 5;

/// Parameters of `GET /api/evaluate`.
#[derive(Debug, Deserialize)]
pub struct EvaluateQuery {
    /// The person whose codings are the truth.
    pub coder: String,
    /// `builtin:<name>` or the name of a codebook run in this project (its
    /// stored rules); default: the project's only codebook, else `builtin:study`.
    pub codebook: Option<String>,
    /// `sentence` (default), `paragraph` or `document`.
    pub unit: Option<String>,
    /// Count only the units the person decided on.
    pub decided: Option<bool>,
}

fn agree_error(e: policyscope_agree::Error) -> Error {
    match e {
        policyscope_agree::Error::Invalid(m) => Error::BadRequest(m),
        policyscope_agree::Error::Coding(e) => Error::Coding(e),
        policyscope_agree::Error::Corpus(e) => Error::Corpus(e),
        other => Error::Internal(other.to_string()),
    }
}

/// The codebook to evaluate: built in, or as a run stored it in the
/// project. Files are never read on a web request.
fn codebook(project: &policyscope_corpus::Project, name: Option<&str>) -> Result<Codebook> {
    let name = name.map(str::trim).filter(|n| !n.is_empty());
    if let Some(n) = name.filter(|n| n.starts_with(policyscope_coding::codebook::BUILTIN_PREFIX)) {
        return Ok(Codebook::load(n)?);
    }
    let store = CodingStore::open(project)?;
    match (recorded_codebook(&store, name)?, name) {
        (Some(book), _) => Ok(book),
        (None, Some(n)) => Err(Error::NotFound(format!("no codebook `{n}` was run in this project"))),
        (None, None) => Ok(Codebook::study()?),
    }
}

/// Runs an evaluation in memory.
pub async fn run(State(state): State<AppState>, Query(q): Query<EvaluateQuery>) -> Result<Json<Evaluation>> {
    let unit = match q.unit.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        None => Unit::Sentence,
        Some(u) => match Unit::parse(u) {
            Some(Unit::Char) | None => {
                return Err(Error::BadRequest(format!(
                    "unit must be sentence, paragraph or document, got `{u}`"
                )))
            }
            Some(unit) => unit,
        },
    };
    let opts = EvaluateOptions {
        coder: q.coder.trim().to_string(),
        unit,
        scope: if q.decided.unwrap_or(false) { Scope::Decided } else { Scope::Documents },
        examples: EXAMPLES,
    };
    let result = state
        .with(move |p| {
            let book = codebook(p, q.codebook.as_deref())?;
            policyscope_agree::evaluate(p, &book, &opts).map_err(agree_error)
        })
        .await?;
    Ok(Json(result))
}

/// The stored evaluations, newest first.
pub async fn stored(State(state): State<AppState>) -> Result<Json<Vec<StoredEvaluation>>> {
    let list = state.with(|p| policyscope_agree::evaluate::stored::latest(p).map_err(agree_error)).await?;
    Ok(Json(list))
}

/// The latest model of each code.
pub async fn models(State(state): State<AppState>) -> Result<Json<Vec<ModelInfo>>> {
    let list = state
        .with(|p| {
            let store = CodingStore::open(p)?;
            Ok(policyscope_coding::learn::latest_models(&store)?)
        })
        .await?;
    Ok(Json(list))
}
