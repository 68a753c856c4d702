//! The graph explorer and the queries: JSON and the same SVG figures as the report.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;
use policyscope_report::model::{Graph, StudyData};
use serde::Serialize;

use crate::{AppState, Result};

fn svg(body: String) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8")], body)
}

/// Everything the figures need, gathered like the report does.
async fn study(state: &AppState) -> Result<StudyData> {
    state.with(|p| Ok(policyscope_report::source::gather(p, Some("policyscope"))?)).await
}

/// The citation graph as JSON (`null` when citations were never extracted).
pub async fn graph(State(state): State<AppState>) -> Result<Json<Option<Graph>>> {
    Ok(Json(study(&state).await?.graph))
}

/// The citation graph as SVG, nodes linking to the app's document view.
pub async fn graph_svg(State(state): State<AppState>) -> Result<impl IntoResponse> {
    let data = study(&state).await?;
    let g = data.graph.unwrap_or_default();
    Ok(svg(policyscope_report::svg::graph::render(&g, "citation-graph", &|id| format!("#/doc/{id}"))))
}

/// A row of the codes × documents table.
#[derive(Debug, Serialize)]
pub struct TableRow {
    /// Code id.
    pub code_id: i64,
    /// Code name.
    pub name: String,
    /// Parent code.
    pub parent_id: Option<i64>,
    /// Colour.
    pub colour: String,
    /// Documents with the code or a code below it.
    pub documents: Vec<i64>,
}

/// For every code the documents that carry it (the study's Table 4).
pub async fn table(State(state): State<AppState>) -> Result<Json<Vec<TableRow>>> {
    let data = study(&state).await?;
    Ok(Json(
        data.codes
            .iter()
            .map(|c| TableRow {
                code_id: c.id,
                name: c.name.clone(),
                parent_id: c.parent,
                colour: c.color.clone(),
                documents: data.documents_with(c.id),
            })
            .collect(),
    ))
}

/// Code × year trends as SVG small multiples.
pub async fn trends_svg(State(state): State<AppState>) -> Result<impl IntoResponse> {
    let data = study(&state).await?;
    let series = policyscope_report::figures::trend_series(&data);
    let years: Vec<i32> = series.iter().flat_map(|s| s.values.iter().map(|v| v.0)).collect();
    let (from, to) = (years.iter().min().copied().unwrap_or(0), years.iter().max().copied().unwrap_or(0));
    Ok(svg(policyscope_report::svg::chart::trends(&series, from, to)))
}

/// Code co-occurrence (documents with both codes) as an SVG heat map.
pub async fn cooccur_svg(State(state): State<AppState>) -> Result<impl IntoResponse> {
    let data = study(&state).await?;
    let labels: Vec<String> = data.codes.iter().map(|c| c.name.clone()).collect();
    Ok(svg(policyscope_report::svg::chart::heatmap(
        &labels,
        &policyscope_report::figures::cooccurrence(&data),
    )))
}
