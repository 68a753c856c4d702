//! Actor networks: who is named with whom, and with which codes.
//!
//! Two actors are linked by passage when they are named in the same
//! sentence, by document when in the same document. An actor and a code
//! are linked by passage when the actor is named inside a coded span, by
//! document when both occur in it. Every passage edge keeps the spans
//! behind it (up to [`MAX_EVIDENCE`]), so a figure can link to the text.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use policyscope_cite::graph::export::xml_escape;
use policyscope_query::Selection;
use serde::Serialize;

use crate::{Frame, MentionKind, MentionRecord, Result};

/// Per sentence `(doc, index)`, each actor's span in it.
type SentenceActors<'a> = BTreeMap<(i64, usize), BTreeMap<&'a str, (usize, usize)>>;
/// Per actor pair: sentences, documents, evidence.
type PairCounts<'a> = BTreeMap<(&'a str, &'a str), (usize, BTreeSet<i64>, Vec<Evidence>)>;
/// Per actor and code: coded spans naming the actor, documents holding both.
type ActorCodeCounts<'a> = BTreeMap<(&'a str, &'a str), (BTreeSet<(i64, i64, i64)>, BTreeSet<i64>)>;

/// Most passages kept as evidence of one edge.
pub const MAX_EVIDENCE: usize = 20;

/// An actor or body in the network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActorNode {
    /// Gazetteer id (or an unlisted committee's `committee:` id).
    pub id: String,
    /// Display name.
    pub name: String,
    /// `actor` or `body`.
    pub kind: MentionKind,
    /// Sector from the gazetteer.
    pub sector: String,
    /// NIS element from the gazetteer.
    pub nis_element: Option<String>,
    /// Mentions.
    pub mentions: usize,
    /// Documents naming it.
    pub documents: usize,
}

/// A passage behind an edge.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Evidence {
    /// Document id.
    pub doc_id: i64,
    /// The document's source path.
    pub source_path: String,
    /// First code point of the span holding both ends.
    pub start: usize,
    /// One past its last code point.
    pub end: usize,
}

/// A co-mention edge between two actors (`source` < `target`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edge {
    /// One actor.
    pub source: String,
    /// The other.
    pub target: String,
    /// Sentences naming both.
    pub passages: usize,
    /// Documents naming both.
    pub documents: usize,
    /// Some of those sentences.
    pub evidence: Vec<Evidence>,
}

/// An actor × code link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActorCode {
    /// Actor id.
    pub actor: String,
    /// Code path.
    pub code: String,
    /// Coded spans naming the actor.
    pub passages: usize,
    /// Documents holding both.
    pub documents: usize,
}

/// The actor networks of a project.
#[derive(Debug, Clone, Serialize)]
pub struct Network {
    /// Actors and bodies named at least once.
    pub nodes: Vec<ActorNode>,
    /// Actor × actor co-mentions.
    pub edges: Vec<Edge>,
    /// Actor × code co-occurrences.
    pub actor_code: Vec<ActorCode>,
}

/// The networks over actor and body `mentions` and the codings of `sel`.
pub fn network(frame: &Frame, mentions: &[MentionRecord], sel: &Selection) -> Network {
    let actors: Vec<&MentionRecord> =
        mentions.iter().filter(|m| matches!(m.kind, MentionKind::Actor | MentionKind::Body)).collect();
    let mut nodes: BTreeMap<&str, (MentionKind, usize, BTreeSet<i64>)> = BTreeMap::new();
    // Sentence → (actor → first mention span).
    let mut sentences: SentenceActors<'_> = BTreeMap::new();
    let mut per_doc: BTreeMap<i64, BTreeSet<&str>> = BTreeMap::new();
    let mut paths: BTreeMap<i64, &str> = BTreeMap::new();
    for m in &actors {
        let n = nodes.entry(&m.entity).or_insert((m.kind, 0, BTreeSet::new()));
        n.1 += 1;
        n.2.insert(m.doc.id);
        let s =
            sentences.entry((m.doc.id, m.sentence)).or_default().entry(&m.entity).or_insert((m.start, m.end));
        s.0 = s.0.min(m.start);
        s.1 = s.1.max(m.end);
        per_doc.entry(m.doc.id).or_default().insert(&m.entity);
        paths.insert(m.doc.id, &m.doc.source_path);
    }
    let mut edges: PairCounts<'_> = BTreeMap::new();
    for ((doc, _), names) in &sentences {
        let list: Vec<(&&str, &(usize, usize))> = names.iter().collect();
        for (i, (a, sa)) in list.iter().enumerate() {
            for (b, sb) in &list[i + 1..] {
                let e = edges.entry((**a, **b)).or_default();
                e.0 += 1;
                if e.2.len() < MAX_EVIDENCE {
                    let source_path = paths.get(doc).copied().unwrap_or_default().to_string();
                    e.2.push(Evidence {
                        doc_id: *doc,
                        source_path,
                        start: sa.0.min(sb.0),
                        end: sa.1.max(sb.1),
                    });
                }
            }
        }
    }
    for (doc, names) in &per_doc {
        let list: Vec<&&str> = names.iter().collect();
        for (i, a) in list.iter().enumerate() {
            for b in &list[i + 1..] {
                edges.entry((**a, **b)).or_default().1.insert(*doc);
            }
        }
    }
    let code_path: BTreeMap<i64, &str> = sel.codes.iter().map(|c| (c.id, c.path.as_str())).collect();
    let mut ac: ActorCodeCounts<'_> = BTreeMap::new();
    let mut doc_codes: BTreeMap<i64, BTreeSet<&str>> = BTreeMap::new();
    for c in &sel.codings {
        let Some(code) = code_path.get(&c.code_id).copied() else { continue };
        doc_codes.entry(c.doc_id).or_default().insert(code);
        for m in actors.iter().filter(|m| m.doc.id == c.doc_id) {
            if m.start as i64 >= c.start && m.end as i64 <= c.end {
                ac.entry((&m.entity, code)).or_default().0.insert((c.doc_id, c.start, c.end));
            }
        }
    }
    for (doc, names) in &per_doc {
        for code in doc_codes.get(doc).into_iter().flatten() {
            for a in names {
                ac.entry((a, code)).or_default().1.insert(*doc);
            }
        }
    }
    let nodes = nodes
        .into_iter()
        .map(|(id, (kind, mentions, docs))| {
            let actor = frame.actor(id);
            ActorNode {
                id: id.to_string(),
                name: frame.entity_name(kind, id),
                kind,
                sector: actor.map(|a| a.sector.clone()).unwrap_or_else(|| "committee".to_string()),
                nis_element: actor.and_then(|a| a.nis_element.clone()),
                mentions,
                documents: docs.len(),
            }
        })
        .collect();
    let edges = edges
        .into_iter()
        .map(|((a, b), (passages, docs, evidence))| Edge {
            source: a.to_string(),
            target: b.to_string(),
            passages,
            documents: docs.len(),
            evidence,
        })
        .collect();
    let actor_code = ac
        .into_iter()
        .map(|((a, c), (spans, docs))| ActorCode {
            actor: a.to_string(),
            code: c.to_string(),
            passages: spans.len(),
            documents: docs.len(),
        })
        .collect();
    Network { nodes, edges, actor_code }
}

impl Network {
    /// The actor × actor network in GraphML (Gephi, networkx, yEd):
    /// node name, kind, sector, NIS element and mentions; edge weights by
    /// passage and by document.
    pub fn to_graphml(&self) -> String {
        let mut s = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n",
        );
        for (id, target, name, ty) in [
            ("name", "node", "name", "string"),
            ("kind", "node", "kind", "string"),
            ("sector", "node", "sector", "string"),
            ("nis", "node", "nis_element", "string"),
            ("mentions", "node", "mentions", "int"),
            ("passages", "edge", "passages", "int"),
            ("documents", "edge", "documents", "int"),
        ] {
            let _ =
                writeln!(s, "  <key id=\"{id}\" for=\"{target}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>");
        }
        s.push_str("  <graph id=\"actors\" edgedefault=\"undirected\">\n");
        for n in &self.nodes {
            let _ = writeln!(
                s,
                "    <node id=\"{}\"><data key=\"name\">{}</data><data key=\"kind\">{}</data><data key=\"sector\">{}</data><data key=\"nis\">{}</data><data key=\"mentions\">{}</data></node>",
                xml_escape(&n.id),
                xml_escape(&n.name),
                n.kind,
                xml_escape(&n.sector),
                xml_escape(n.nis_element.as_deref().unwrap_or("")),
                n.mentions
            );
        }
        for e in &self.edges {
            let _ = writeln!(
                s,
                "    <edge source=\"{}\" target=\"{}\"><data key=\"passages\">{}</data><data key=\"documents\">{}</data></edge>",
                xml_escape(&e.source),
                xml_escape(&e.target),
                e.passages,
                e.documents
            );
        }
        s.push_str("  </graph>\n</graphml>\n");
        s
    }

    /// CSV of the edges: `source, target, passages, documents`, then the
    /// actor × code links as `actor, code:<path>, passages, documents`.
    pub fn write_csv(&self, w: impl std::io::Write) -> Result<()> {
        let mut out = csv::Writer::from_writer(w);
        out.write_record(["source", "target", "passages", "documents"])?;
        for e in &self.edges {
            out.write_record([&e.source, &e.target, &e.passages.to_string(), &e.documents.to_string()])?;
        }
        for l in &self.actor_code {
            out.write_record([
                &l.actor,
                &format!("code:{}", l.code),
                &l.passages.to_string(),
                &l.documents.to_string(),
            ])?;
        }
        out.flush()?;
        Ok(())
    }
}
