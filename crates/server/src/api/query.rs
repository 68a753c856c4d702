//! `GET /api/query/{table|matrix|cooccur|trend|excerpts}`: the coding
//! queries of `policyscope query`, as JSON, over a selection of codings.

use axum::extract::State;
use axum::Json;
use policyscope_coding::{CodingFilter, CodingStore, Status};
use policyscope_text::DateRange;
use serde::Deserialize;

use crate::extract::{Path, Query};
use crate::{AppState, Error, Result};

/// Which codings a query works on.
#[derive(Debug, Default, Deserialize)]
pub struct Params {
    /// Only the codings of this coder (a person, or `auto:<codebook>[@version]`).
    pub coder: Option<String>,
    /// Statuses, comma-separated (default: `proposed,accepted`).
    pub status: Option<String>,
    /// Only this code (path or name) and the codes below it.
    pub code: Option<String>,
    /// Documents dated on or after (`YYYY[-MM[-DD]]`).
    pub from: Option<String>,
    /// Documents dated on or before.
    pub to: Option<String>,
    /// `matrix`: 0/1 instead of counts.
    pub binary: Option<bool>,
    /// `excerpts`: characters of context on each side (default 80, at most 1000).
    pub context: Option<usize>,
    /// Co-occurrence figure: `document` (default) or `passage`.
    pub by: Option<String>,
    /// Count each translation as a document of its own (default: with its original).
    pub include_translations: Option<bool>,
}

pub(crate) fn filter(p: &Params) -> Result<CodingFilter> {
    let nonempty = |s: &Option<String>| s.as_ref().map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let statuses = match nonempty(&p.status) {
        None => vec![Status::Proposed, Status::Accepted],
        Some(s) => s
            .split(',')
            .map(|x| {
                Status::parse(x.trim()).ok_or_else(|| Error::BadRequest(format!("unknown status `{x}`")))
            })
            .collect::<Result<Vec<_>>>()?,
    };
    Ok(CodingFilter {
        coder: nonempty(&p.coder),
        code: nonempty(&p.code),
        dated: date_range(&p.from, &p.to)?,
        statuses,
        ..Default::default()
    })
}

/// The `from`/`to` parameters as a date range (empty means unset); a value
/// that is not a date, or a range that ends before it starts, is a 400.
pub(crate) fn date_range(from: &Option<String>, to: &Option<String>) -> Result<DateRange> {
    DateRange::parse(("from", given(from)), ("to", given(to))).map_err(|e| Error::BadRequest(e.to_string()))
}

fn given(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// Resolves the `code` filter, a path or an unambiguous short name
/// (`IPR` for `Tool/IPR`), with the lookup `policyscope query` uses.
pub(crate) fn resolve_code(store: &CodingStore, mut f: CodingFilter) -> Result<CodingFilter> {
    if let Some(code) = f.code.take() {
        f.code = Some(store.find_code(&code)?.path);
    }
    Ok(f)
}

pub(crate) fn query_err(e: policyscope_query::Error) -> Error {
    Error::BadRequest(e.to_string())
}

/// Runs one query.
pub async fn run(
    State(state): State<AppState>,
    Path(kind): Path<String>,
    Query(p): Query<Params>,
) -> Result<Json<serde_json::Value>> {
    let f = filter(&p)?;
    let value = state
        .with(move |project| {
            let store = CodingStore::open(project)?;
            let f = resolve_code(&store, f)?;
            let counting = match p.include_translations {
                Some(true) => policyscope_query::Translations::Separate,
                _ => policyscope_query::Translations::WithOriginal,
            };
            let sel = policyscope_query::Selection::load_counting(&store, &f, counting).map_err(query_err)?;
            let v = match kind.as_str() {
                "table" => serde_json::to_value(policyscope_query::table(&sel)),
                "matrix" => serde_json::to_value(policyscope_query::matrix(&sel, p.binary.unwrap_or(false))),
                "cooccur" => {
                    serde_json::to_value(policyscope_query::cooccur(&store, &sel).map_err(query_err)?)
                }
                "trend" => serde_json::to_value(policyscope_query::trend(&store, &sel).map_err(query_err)?),
                "excerpts" => serde_json::to_value(
                    policyscope_query::excerpts(&store, &sel, p.context.unwrap_or(80).min(1000))
                        .map_err(query_err)?,
                ),
                other => return Err(Error::NotFound(format!("no query `{other}`"))),
            };
            v.map_err(|e| Error::Internal(e.to_string()))
        })
        .await?;
    Ok(Json(value))
}

/// Everyone who coded or reviewed (for the coder filter).
pub async fn coders(State(state): State<AppState>) -> Result<Json<Vec<String>>> {
    Ok(Json(state.with(|p| Ok(CodingStore::open(p)?.coders()?)).await?))
}
