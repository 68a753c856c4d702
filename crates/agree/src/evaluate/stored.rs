//! Evaluations kept in the project (migration component `evaluate`), so the
//! report and the app can show the figures a researcher computed.

use policyscope_corpus::Project;
use serde::{Deserialize, Serialize};

use super::Evaluation;
use crate::{Error, Result};

/// Migrations of the `evaluate` component.
pub const MIGRATIONS: &[&str] = &[include_str!("sql/evaluate_001.sql")];

/// A stored evaluation and when it was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredEvaluation {
    /// Row id.
    pub id: i64,
    /// When (UTC, ISO 8601).
    pub at: String,
    /// The figures.
    pub evaluation: Evaluation,
}

fn sql(e: policyscope_store::Error) -> Error {
    Error::Coding(e.into())
}

/// The serialised name of a unit or scope (`sentence`, `decided` …).
fn text<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// Keeps an evaluation; returns its id.
pub fn save(project: &Project, evaluation: &Evaluation) -> Result<i64> {
    project.migrate("evaluate", MIGRATIONS)?;
    let json = serde_json::to_string(evaluation).map_err(|e| Error::Invalid(format!("evaluation: {e}")))?;
    project
        .conn()
        .query_row(
            "INSERT INTO codebook_evaluations (codebook, version, coder, unit, scope, result)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
            policyscope_store::params![
                evaluation.codebook,
                evaluation.version,
                evaluation.coder,
                text(&evaluation.unit),
                text(&evaluation.scope),
                json
            ],
            |r| r.get(0),
        )
        .map_err(sql)
}

/// The latest evaluation of each codebook, coder, unit and scope, newest
/// first; none when nothing was ever stored (a read never creates tables).
pub fn latest(project: &Project) -> Result<Vec<StoredEvaluation>> {
    let exists = project.conn().table_exists("codebook_evaluations").map_err(sql)?;
    if !exists {
        return Ok(Vec::new());
    }
    let mut stmt = project
        .conn()
        .prepare(
            "SELECT id, at, result FROM codebook_evaluations e
             WHERE id = (SELECT max(id) FROM codebook_evaluations x WHERE x.codebook = e.codebook
                         AND x.coder = e.coder AND x.unit = e.unit AND x.scope = e.scope)
             ORDER BY id DESC",
        )
        .map_err(sql)?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))
        .map_err(sql)?;
    let mut out = Vec::new();
    for row in rows {
        let (id, at, result) = row.map_err(sql)?;
        let evaluation = serde_json::from_str(&result)
            .map_err(|e| Error::Invalid(format!("stored evaluation {id} cannot be read: {e}")))?;
        out.push(StoredEvaluation { id, at, evaluation });
    }
    Ok(out)
}
