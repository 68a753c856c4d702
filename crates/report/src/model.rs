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
    /// The citation graph among the documents, if citations were extracted.
    pub graph: Option<Graph>,
    /// Parts left out and why (e.g. no codebook yet).
    pub notes: Vec<String>,
}

/// A code of the codebook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Code {
    /// Id in the project.
    pub id: i64,
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
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Graph {
    /// Nodes: documents of the project.
    pub nodes: Vec<GraphNode>,
    /// Edges: `from` cites `to` (indices into `nodes`).
    pub edges: Vec<GraphEdge>,
    /// Nodes of the whole graph before it was cut to a drawable size.
    pub total_nodes: usize,
}

/// A document in the citation graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GraphNode {
    /// The project document; `None` for a catalog entry the project lacks.
    pub doc_id: Option<i64>,
    /// Short label.
    pub label: String,
    /// Year of the document, for the layered layout.
    pub year: Option<i32>,
    /// Snowball round in which it was included (0 = seed).
    pub round: Option<u32>,
    /// Whether it was a seed of the snowball.
    pub seed: bool,
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

/// The year of an ISO-ish date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).
pub fn year_of(date: Option<&str>) -> Option<i32> {
    let d = date?;
    let y = d.get(..4)?;
    if y.bytes().all(|b| b.is_ascii_digit()) {
        y.parse().ok()
    } else {
        None
    }
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

    /// `id` and every code below it.
    pub fn subtree(&self, id: i64) -> Vec<i64> {
        let mut out = vec![id];
        let mut i = 0;
        while i < out.len() {
            let p = out[i];
            out.extend(self.codes.iter().filter(|c| c.parent == Some(p)).map(|c| c.id));
            i += 1;
        }
        out
    }

    /// Ids of the documents with at least one coding of `code` or a code below it, ascending.
    pub fn documents_with(&self, code: i64) -> Vec<i64> {
        let tree = self.subtree(code);
        let mut ids: Vec<i64> =
            self.codings.iter().filter(|c| tree.contains(&c.code_id)).map(|c| c.doc_id).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(id: i64, parent: Option<i64>) -> Code {
        Code { id, name: format!("c{id}"), parent, description: String::new(), color: "#000000".into() }
    }

    #[test]
    fn subtree_and_documents_follow_the_tree() {
        let mk = |id, doc_id, code_id| Coding {
            id,
            doc_id,
            code_id,
            start: 0,
            end: 1,
            status: "accepted".into(),
            memo: None,
        };
        let data = StudyData {
            codes: vec![code(1, None), code(2, Some(1)), code(3, Some(2)), code(4, None)],
            codings: vec![mk(1, 10, 3), mk(2, 11, 2), mk(3, 10, 2), mk(4, 12, 4)],
            ..Default::default()
        };
        assert_eq!(data.subtree(1), vec![1, 2, 3]);
        assert_eq!(data.documents_with(1), vec![10, 11]);
        assert_eq!(data.documents_with(3), vec![10]);
        assert_eq!(data.documents_with(4), vec![12]);
        assert_eq!(year_of(Some("2017-07-08")), Some(2017));
        assert_eq!(year_of(Some("n.d.")), None);
    }
}
