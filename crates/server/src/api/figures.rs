//! The graph explorer and the query figures: the same SVG renderers as the report.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;
use policyscope_coding::CodingStore;
use policyscope_report::figures;
use policyscope_report::model::{Graph, StudyData};

use super::query::{self, Params};

use crate::extract::Query;
use crate::{AppState, Error, Result};

fn svg(body: String) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8")], body)
}

/// Everything the figures need, gathered like the report does.
async fn study(state: &AppState) -> Result<StudyData> {
    state.with(|p| Ok(policyscope_report::source::gather(p, Some("policyscope"), &Default::default())?)).await
}

/// The citation graph as JSON (`null` when citations were never extracted).
pub async fn graph(State(state): State<AppState>) -> Result<Json<Option<Graph>>> {
    Ok(Json(study(&state).await?.graph))
}

/// The citation graph as SVG, nodes linking to the app's document view.
pub async fn graph_svg(State(state): State<AppState>) -> Result<impl IntoResponse> {
    let data = study(&state).await?;
    let g = data.graph.unwrap_or_default();
    Ok(svg(policyscope_report::svg::graph::render(&g, "citation-graph", "#/doc/", "")))
}

/// Colour of every code path (its own, else the report's palette choice).
fn colours(p: &policyscope_corpus::Project) -> Result<HashMap<String, String>> {
    let by_id: HashMap<i64, String> =
        policyscope_report::stages::codebook(p)?.into_iter().map(|c| (c.id, c.color)).collect();
    Ok(CodingStore::open(p)?
        .codes()?
        .into_iter()
        .map(|c| (c.path, by_id.get(&c.id).cloned().unwrap_or_else(|| "#888888".into())))
        .collect())
}

/// Documents per year for each code, as SVG small multiples (same filters as the queries).
pub async fn trends_svg(
    State(state): State<AppState>,
    Query(params): Query<Params>,
) -> Result<impl IntoResponse> {
    let f = query::filter(&params)?;
    let body = state
        .with(move |p| {
            let store = CodingStore::open(p)?;
            let f = query::resolve_code(&store, f)?;
            let sel = policyscope_query::Selection::load(&store, &f).map_err(query::query_err)?;
            let t = policyscope_query::trend(&store, &sel).map_err(query::query_err)?;
            let colours = colours(p)?;
            let colour = |path: &str| colours.get(path).cloned().unwrap_or_else(|| "#888888".into());
            let series = figures::trend_series(&t, &colour);
            let (from, to) = figures::trend_years(&t);
            Ok(policyscope_report::svg::chart::trends(&series, from, to))
        })
        .await?;
    Ok(svg(body))
}

/// Code × code co-occurrence as an SVG heat map.
pub async fn cooccur_svg(
    State(state): State<AppState>,
    Query(q): Query<Params>,
) -> Result<impl IntoResponse> {
    let f = query::filter(&q)?;
    let by_passage = match q.by.as_deref() {
        None | Some("document") => false,
        Some("passage") => true,
        Some(other) => {
            return Err(Error::BadRequest(format!("`by` is `document` or `passage`, not `{other}`")))
        }
    };
    let body = state
        .with(move |p| {
            let store = CodingStore::open(p)?;
            let f = query::resolve_code(&store, f)?;
            let sel = policyscope_query::Selection::load(&store, &f).map_err(query::query_err)?;
            let c = policyscope_query::cooccur(&store, &sel).map_err(query::query_err)?;
            let (labels, m) = figures::cooccurrence(&c, by_passage);
            Ok(policyscope_report::svg::chart::heatmap(&labels, &m))
        })
        .await?;
    Ok(svg(body))
}
