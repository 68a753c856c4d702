//! What a report shows, gathered once from a project.
//!
//! The pages are rendered from these plain values rather than from the
//! stage crates directly, so that rendering is testable with made-up data
//! and a project without codings or citations still gets a report.

use policyscope_corpus::DocumentMeta;
use serde::Serialize;

/// Everything a report needs.
#[derive(Debug, Clone, Default, Serialize)]
pub struct StudyData {
    /// Heading of the report.
    pub title: String,
    /// Documents (current versions), ordered by id.
    pub documents: Vec<DocumentMeta>,
    /// Codebook in tree order (a parent before its children).
    pub codes: Vec<Code>,
    /// Codings that are not rejected.
    pub codings: Vec<Coding>,
    /// The coding queries behind the code table and the figures, as
    /// `policyscope query` computes them (absent without a codebook).
    pub queries: Option<Queries>,
    /// The citation graph among the documents, if citations were extracted.
    pub graph: Option<Graph>,
    /// What the citations show the project lacks (cited versions issued
    /// before every version held, unresolved references), if extracted.
    pub missing: Option<policyscope_cite::missing::Worklist>,
    /// Parts left out and why (e.g. no codebook yet).
    pub notes: Vec<String>,
}

/// The results of `policyscope_query` over the codings a report shows:
/// the one computation of the code table, trends and co-occurrence, in
/// which a parent code counts the codes below it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Queries {
    /// Documents and passages per code (the study's Table 4).
    pub table: policyscope_query::Table,
    /// Documents per code and year.
    pub trend: policyscope_query::Trend,
    /// Code × code co-occurrence.
    pub cooccur: policyscope_query::Cooccur,
    /// Coded passages per code and document.
    pub matrix: policyscope_query::Matrix,
}

/// A code of the codebook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Code {
    /// Id in the project.
    pub id: i64,
    /// Path in the tree (`Goal/Global`), as the queries name it.
    pub path: String,
    /// Name.
    pub name: String,
    /// Parent code.
    pub parent: Option<i64>,
    /// Definition.
    pub description: String,
    /// CSS colour (`#rrggbb`).
    pub color: String,
}

/// A coded passage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coding {
    /// Id in the project.
    pub id: i64,
    /// Document.
    pub doc_id: i64,
    /// Code.
    pub code_id: i64,
    /// First code point.
    pub start: i64,
    /// One past the last code point.
    pub end: i64,
    /// Review state as the coding stage names it (e.g. `auto`, `accepted`).
    pub status: String,
    /// Memo, if any.
    pub memo: Option<String>,
}

/// A citation graph among documents.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Graph {
    /// Nodes: documents of the project.
    pub nodes: Vec<GraphNode>,
    /// Edges: `from` cites `to` (indices into `nodes`).
    pub edges: Vec<GraphEdge>,
    /// Nodes of the whole graph before it was cut to a drawable size.
    pub total_nodes: usize,
}

/// A document in the citation graph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GraphNode {
    /// The project document; `None` for a catalog entry the project lacks.
    pub doc_id: Option<i64>,
    /// Label in lists: catalog number and title.
    pub label: String,
    /// Full title (the figure shows a short form and this on hover).
    pub title: String,
    /// Year of the document, for the layered layout.
    pub year: Option<i32>,
    /// Snowball round in which it was included (0 = seed).
    pub round: Option<u32>,
    /// Whether it was a seed of the snowball.
    pub seed: bool,
    /// Date of the document (the version).
    pub date: Option<policyscope_text::PolicyDate>,
    /// Distinct documents citing it (in the whole graph).
    pub in_degree: usize,
    /// Distinct documents it cites (in the whole graph).
    pub out_degree: usize,
    /// PageRank in the whole graph.
    pub pagerank: f64,
}

/// A citation between two documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct GraphEdge {
    /// Citing node.
    pub from: usize,
    /// Cited node.
    pub to: usize,
    /// How many times.
    pub weight: u32,
    /// The cited version is dated after the citing document: the version it
    /// cited is missing from the project.
    pub later_than_citing: bool,
}

/// A palette of distinguishable colours for codes without one.
pub const PALETTE: &[&str] = &[
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
    "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd",
];

/// The colour for the `i`th code when it has none of its own.
pub fn palette_color(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}

impl StudyData {
    /// The code with this id.
    pub fn code(&self, id: i64) -> Option<&Code> {
        self.codes.iter().find(|c| c.id == id)
    }

    /// The document with this id.
    pub fn document(&self, id: i64) -> Option<&DocumentMeta> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// Codes whose parent is `parent` (top-level codes for `None`).
    pub fn children(&self, parent: Option<i64>) -> impl Iterator<Item = &Code> {
        self.codes.iter().filter(move |c| c.parent == parent)
    }

    /// Ids of the documents with at least one coding of `code` or a code
    /// below it, ascending: its row of the query table.
    pub fn documents_with(&self, code: i64) -> Vec<i64> {
        let Some(path) = self.code(code).map(|c| c.path.as_str()) else { return Vec::new() };
        self.queries
            .iter()
            .flat_map(|q| q.table.codes.iter().filter(|r| r.path == path))
            .flat_map(|r| r.documents.iter().map(|d| d.id))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use policyscope_query::{Cooccur, DocRef, Matrix, Table, TableRow, Trend};

    fn code(id: i64, path: &str) -> Code {
        let name = path.rsplit('/').next().unwrap_or(path).to_string();
        Code {
            id,
            path: path.into(),
            name,
            parent: None,
            description: String::new(),
            color: "#000000".into(),
        }
    }

    #[test]
    fn documents_of_a_code_are_its_row_of_the_query_table() {
        let doc =
            |id| DocRef { id, source_path: String::new(), title: String::new(), label: format!("#{id}") };
        let row = |path: &str, ids: &[i64]| TableRow {
            path: path.into(),
            documents: ids.iter().map(|&i| doc(i)).collect(),
            count: ids.len(),
            passages: ids.len(),
        };
        let table = Table { codes: vec![row("Goal", &[10, 11]), row("Goal/Global", &[10])] };
        let empty_trend = Trend { years: vec![], corpus_documents: vec![], codes: vec![] };
        let cooccur = Cooccur { codes: vec![], by_passage: vec![], by_document: vec![] };
        let matrix = Matrix { codes: vec![], documents: vec![], counts: vec![] };
        let data = StudyData {
            codes: vec![code(1, "Goal"), code(2, "Goal/Global"), code(3, "Means")],
            queries: Some(Queries { table, trend: empty_trend, cooccur, matrix }),
            ..Default::default()
        };
        assert_eq!(data.documents_with(1), vec![10, 11]);
        assert_eq!(data.documents_with(2), vec![10]);
        assert!(data.documents_with(3).is_empty());
        assert!(data.documents_with(99).is_empty());
    }
}
