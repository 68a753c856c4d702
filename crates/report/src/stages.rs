//! Reading the results of the coding and citation stages (shared with the web app).

use policyscope_coding::{CodingFilter, CodingStore, Status};
use policyscope_corpus::{DocumentMeta, Project};

use std::collections::{HashMap, HashSet};

use crate::model::{palette_color, Code, Coding, Graph, GraphEdge, GraphNode, Queries, StudyData};
use crate::{Error, Result};

fn coding_err(e: policyscope_coding::Error) -> Error {
    Error::Stage { stage: "coding", message: e.to_string() }
}

/// The codebook in tree order, every code with a colour (its own, else a
/// palette colour no other code uses).
pub fn codebook(project: &Project) -> Result<Vec<Code>> {
    let store = CodingStore::open(project).map_err(coding_err)?;
    let codes = store.codes().map_err(coding_err)?;
    let taken: Vec<String> =
        codes.iter().filter_map(|c| c.colour.clone()).map(|c| c.to_lowercase()).collect();
    let unused: Vec<&str> = (0..crate::model::PALETTE.len())
        .map(palette_color)
        .filter(|p| !taken.iter().any(|t| t == p))
        .collect();
    // When the palette runs out, colours repeat.
    let mut free = unused.into_iter().chain((0..).map(palette_color));
    Ok(codes
        .iter()
        .map(|c| Code {
            id: c.id,
            path: c.path.clone(),
            name: c.name.clone(),
            parent: c.parent_id,
            description: c.description.clone(),
            color: c.colour.clone().unwrap_or_else(|| free.next().unwrap_or("#888888").to_string()),
        })
        .collect())
}

/// Which codings a report shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CodingChoice {
    /// Only the codings of this coder (as `policyscope code review list --by`:
    /// a person, or `auto:<codebook>[@version]`); default every coder.
    pub coder: Option<String>,
    /// Only accepted codings; by default unreviewed proposals are shown too.
    pub accepted_only: bool,
    /// When a document counts as coded, for every code (default: the
    /// codebooks' own rules).
    pub doc_rule: Option<policyscope_coding::DocRule>,
}

/// Fills the codebook and the chosen codings (by default every coding that
/// is not rejected, proposals included, so that an auto-coded project that
/// nobody reviewed yet has a report; the overview says how many await review).
pub(crate) fn coding(project: &Project, data: &mut StudyData, choice: &CodingChoice) -> Result<()> {
    data.codes = codebook(project)?;
    let store = CodingStore::open(project).map_err(coding_err)?;
    let current: std::collections::HashSet<i64> = data.documents.iter().map(|d| d.id).collect();
    let mut filter = CodingFilter::not_rejected();
    filter.coder = choice.coder.clone();
    if choice.accepted_only {
        filter.statuses = vec![Status::Accepted];
    }
    let query_err = |e: policyscope_query::Error| Error::Stage { stage: "query", message: e.to_string() };
    let mut sel = policyscope_query::Selection::load(&store, &filter).map_err(query_err)?;
    if let Some(rule) = &choice.doc_rule {
        sel.force_doc_rule(&store, rule.clone()).map_err(query_err)?;
    }
    if !data.codes.is_empty() {
        data.notes.push(format!(
            "A document counts as coded with a code under the document rule {}.",
            sel.doc_rule_text()
        ));
        data.queries = Some(Queries {
            table: policyscope_query::table(&sel),
            trend: policyscope_query::trend(&store, &sel).map_err(query_err)?,
            cooccur: policyscope_query::cooccur(&store, &sel).map_err(query_err)?,
            matrix: policyscope_query::matrix(&sel, false),
        });
    }
    let codings = sel.codings;
    let proposed = codings.iter().filter(|c| c.status == Status::Proposed).count();
    data.codings = codings
        .into_iter()
        .filter(|c| current.contains(&c.doc_id))
        .map(|c| Coding {
            id: c.id,
            doc_id: c.doc_id,
            code_id: c.code_id,
            start: c.start,
            end: c.end,
            status: c.status.as_str().to_string(),
            memo: None,
        })
        .collect();
    if let Some(coder) = &choice.coder {
        data.notes.push(format!("Codings of {coder} only."));
    }
    if data.codes.is_empty() {
        data.notes.push("No codebook yet: run `policyscope code` to code the documents.".into());
    } else if proposed > 0 {
        data.notes.push(format!(
            "{proposed} of {} codings are automatic proposals not yet reviewed; they are shown with the accepted ones.",
            data.codings.len()
        ));
    }
    Ok(())
}

/// Largest graph drawn; bigger ones keep the most central documents (and every seed).
pub const MAX_GRAPH_NODES: usize = 150;

fn cite_err(e: policyscope_cite::Error) -> Error {
    Error::Stage { stage: "citations", message: e.to_string() }
}

/// The citation graph among the project's documents (and the catalog
/// entries they cite), with the rounds and seeds of the latest snowball.
/// Citations stored by `policyscope cite` are used as they are (so a
/// catalog given there is kept); a project where they were never extracted
/// gets them extracted now. `None` when no document cites another.
pub fn citation_graph(project: &Project, documents: &[DocumentMeta]) -> Result<Option<Graph>> {
    graph_of(project, documents, &stored_citations(project)?)
}

/// Citations stored by `policyscope cite` as they are, or extracted now
/// when the project was never cited.
fn stored_citations(project: &Project) -> Result<Vec<policyscope_cite::Citation>> {
    use policyscope_cite::store;
    store::migrate(project).map_err(cite_err)?;
    let stored: i64 = project
        .conn()
        .query_row("SELECT count(*) FROM cite_state", [], |r| r.get(0))
        .map_err(|e| Error::Sql(e.to_string()))?;
    if stored > 0 {
        store::load(project, None).map_err(cite_err)
    } else {
        store::all_citations(project, None).map_err(cite_err)
    }
}

fn graph_of(
    project: &Project,
    documents: &[DocumentMeta],
    citations: &[policyscope_cite::Citation],
) -> Result<Option<Graph>> {
    let full = policyscope_cite::graph::build_graph(citations, None);
    let total_nodes = full.nodes.len();
    let g = if full.nodes.len() > MAX_GRAPH_NODES {
        policyscope_cite::graph::keep_top(&full, MAX_GRAPH_NODES)
    } else {
        full
    };
    if g.edges.is_empty() {
        return Ok(None);
    }
    let (rounds, seeds) = snowball_rounds(project)?;
    let current: std::collections::HashSet<i64> = documents.iter().map(|d| d.id).collect();
    let nodes = g
        .nodes
        .iter()
        .map(|n| {
            let id = n.doc.id.filter(|id| current.contains(id));
            GraphNode {
                doc_id: id,
                label: n
                    .doc
                    .catalog_no
                    .as_ref()
                    .map_or_else(|| n.doc.title.clone(), |no| format!("{no} {}", n.doc.title)),
                title: n.doc.title.clone(),
                year: n.year,
                round: id.and_then(|i| rounds.get(&i).copied()),
                seed: id.is_some_and(|i| seeds.contains(&i)),
                date: n.doc.date,
                in_degree: n.in_degree,
                out_degree: n.out_degree,
                pagerank: n.pagerank,
            }
        })
        .collect();
    let edges = g
        .edges
        .iter()
        .map(|e| GraphEdge {
            from: e.source,
            to: e.target,
            weight: e.references.min(u32::MAX as usize) as u32,
            later_than_citing: e.version == policyscope_cite::VersionStatus::LaterThanCiting,
        })
        .collect();
    Ok(Some(Graph { nodes, edges, total_nodes }))
}

/// Round of every document admitted by the latest snowball, and the seeds.
fn snowball_rounds(project: &Project) -> Result<(HashMap<i64, u32>, HashSet<i64>)> {
    let mut rounds = HashMap::new();
    let mut seeds = HashSet::new();
    let Some((_, _, result)) = policyscope_cite::store::last_snowball(project).map_err(cite_err)? else {
        return Ok((rounds, seeds));
    };
    let id_of = |step: &serde_json::Value| step.get("doc").and_then(|d| d.get("id")).and_then(|v| v.as_i64());
    for step in result.get("seeds").and_then(|v| v.as_array()).into_iter().flatten() {
        if let Some(id) = id_of(step) {
            seeds.insert(id);
            rounds.insert(id, 0);
        }
    }
    for round in result.get("rounds").and_then(|v| v.as_array()).into_iter().flatten() {
        let n = round.get("round").and_then(|v| v.as_u64()).unwrap_or(0).min(u32::MAX as u64) as u32;
        for step in round.get("admitted").and_then(|v| v.as_array()).into_iter().flatten() {
            if let Some(id) = id_of(step) {
                rounds.entry(id).or_insert(n);
            }
        }
    }
    Ok((rounds, seeds))
}

/// Fills the citation graph among the project's documents.
pub(crate) fn citations(project: &Project, data: &mut StudyData) -> Result<()> {
    let citations = stored_citations(project)?;
    data.graph = graph_of(project, &data.documents, &citations)?;
    if !citations.is_empty() {
        data.missing = Some(policyscope_cite::missing::worklist(&citations));
    }
    if data.graph.is_none() {
        data.notes.push("No document cites another, so there is no citation graph.".into());
    }
    Ok(())
}
