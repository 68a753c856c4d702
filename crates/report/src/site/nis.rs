//! `nis.html`: the study's analytical frame in the documents — the actor
//! network (actors named in the same sentence; every edge links to a
//! passage behind it), documents per NIS element and year, the standards
//! cited, and who is given which task.
//!
//! Everything is read from `policyscope_frame` (mentions, role statements
//! and its views); nothing is counted here.

use std::collections::BTreeMap;
use std::f64::consts::PI;
use std::fmt::Write as _;

use policyscope_coding::{CodingFilter, CodingStore};
use policyscope_corpus::Project;
use policyscope_frame::views::{self, Edge, Evidence, Network};
use policyscope_frame::{FrameStore, MentionFilter};
use policyscope_query::Selection;

use super::Writer;
use crate::html::escape::escape;
use crate::html::layout::Page;
use crate::model::StudyData;
use crate::{Error, Result};

/// Most actors drawn in the network figure (the most mentioned).
const MAX_NODES: usize = 24;
/// Evidence links listed per edge in the table below the figure.
const LINKS_PER_EDGE: usize = 5;

fn stage_err(e: impl std::fmt::Display) -> Error {
    Error::Stage { stage: "frame", message: e.to_string() }
}

pub(crate) fn write(w: &mut Writer<'_>, project: &Project, data: &StudyData) -> Result<()> {
    let store = FrameStore::open(project).map_err(stage_err)?;
    let frame = store.frame().map_err(stage_err)?;
    let mut body = String::from(
        "<p>The study's frame (NIS elements, modes, actors, standards, technologies) as found in the \
         documents by <code>policyscope mentions run</code>.</p>",
    );
    if !store.has_run().map_err(stage_err)? {
        body.push_str("<p class=\"note\">No mentions yet: run <code>policyscope mentions run</code>.</p>");
    } else {
        let mentions = store.mentions(&frame, &MentionFilter::default()).map_err(stage_err)?;
        let coding = CodingStore::open(project).map_err(stage_err)?;
        let sel = Selection::load(&coding, &CodingFilter::not_rejected()).map_err(stage_err)?;
        let net = views::network(&frame, &mentions, &sel);
        let lines = paragraph_index(project, &net)?;
        network_section(&mut body, &net, &lines);
        if !data.codes.is_empty() {
            let nis = views::nis(&coding, &sel, &frame).map_err(stage_err)?;
            trend_table(
                &mut body,
                "nis-table",
                "Table N1. Documents coded per NIS element and year",
                &nis.by_element,
            );
            trend_table(
                &mut body,
                "mode-table",
                "Table N2. Documents coded per standardisation mode and year",
                &nis.by_mode,
            );
        }
        standards_section(&mut body, &views::standards(&frame, &mentions));
        let roles = store.roles(&frame, None, None).map_err(stage_err)?;
        roles_section(&mut body, &roles);
    }
    w.page(
        "nis.html",
        &Page { title: "Actors, standards & NIS", root: "", section: "nis.html", body, scripts: &[] },
    )
}

/// For each document behind an edge, the first code point of each of its
/// paragraphs (the `#pN` anchors of its page).
fn paragraph_index(project: &Project, net: &Network) -> Result<BTreeMap<i64, Vec<usize>>> {
    let mut out = BTreeMap::new();
    for e in net.edges.iter().flat_map(|e| e.evidence.iter()) {
        if let std::collections::btree_map::Entry::Vacant(slot) = out.entry(e.doc_id) {
            let d = project.document(e.doc_id)?;
            slot.insert(super::documents::lines(&d.text).into_iter().map(|l| l.0).collect());
        }
    }
    Ok(out)
}

/// The link to the paragraph holding a piece of evidence.
fn href(lines: &BTreeMap<i64, Vec<usize>>, ev: &Evidence) -> String {
    let n = lines.get(&ev.doc_id).map_or(0, |starts| starts.partition_point(|&s| s <= ev.start));
    format!("docs/{}.html#p{}", ev.doc_id, n.max(1))
}

fn network_section(body: &mut String, net: &Network, lines: &BTreeMap<i64, Vec<usize>>) {
    let mut nodes: Vec<_> = net.nodes.iter().collect();
    nodes.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.id.cmp(&b.id)));
    nodes.truncate(MAX_NODES);
    let pos: BTreeMap<&str, (f64, f64)> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let a = 2.0 * PI * i as f64 / nodes.len().max(1) as f64 - PI / 2.0;
            (n.id.as_str(), (400.0 + 260.0 * a.cos(), 330.0 + 260.0 * a.sin()))
        })
        .collect();
    let edges: Vec<&Edge> = net
        .edges
        .iter()
        .filter(|e| {
            e.passages > 0 && pos.contains_key(e.source.as_str()) && pos.contains_key(e.target.as_str())
        })
        .collect();
    let max_w = edges.iter().map(|e| e.passages).max().unwrap_or(1) as f64;
    let mut svg = String::from(
        "<svg id=\"actor-network\" class=\"actor-network\" viewBox=\"-220 0 1240 660\" role=\"img\" \
         aria-label=\"Actor network\" xmlns=\"http://www.w3.org/2000/svg\">",
    );
    for e in &edges {
        let (a, b) = (pos[e.source.as_str()], pos[e.target.as_str()]);
        let width = 0.8 + 5.0 * (e.passages as f64 / max_w).sqrt();
        let link = e.evidence.first().map(|ev| href(lines, ev)).unwrap_or_default();
        let _ = write!(
            svg,
            "<a class=\"edge\" href=\"{}\"><line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#6a8caf\" \
             stroke-opacity=\"0.6\" stroke-width=\"{width:.1}\"/><title>{} — {}: {} sentences, {} documents</title></a>",
            escape(&link),
            a.0,
            a.1,
            b.0,
            b.1,
            escape(&e.source),
            escape(&e.target),
            e.passages,
            e.documents
        );
    }
    for n in &nodes {
        let (x, y) = pos[n.id.as_str()];
        let r = 4.0 + (n.mentions as f64).ln_1p() * 1.6;
        let fill = if n.kind == policyscope_frame::MentionKind::Body { "#d9822b" } else { "#2b6cb0" };
        let anchor = if x < 400.0 { "end" } else { "start" };
        let dx = if x < 400.0 { -(r + 4.0) } else { r + 4.0 };
        let _ = write!(
            svg,
            "<g class=\"node\" data-id=\"{}\"><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"{fill}\"><title>{}: {} mentions in {} documents</title></circle>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" font-size=\"11\">{}</text></g>",
            escape(&n.id),
            escape(&n.name),
            n.mentions,
            n.documents,
            x + dx,
            y + 4.0,
            escape(&n.name)
        );
    }
    svg.push_str("</svg>");
    let _ = write!(
        body,
        "<h2>Actor network</h2><figure id=\"actors\">{svg}<figcaption>Figure N1. Actors (blue) and \
         standard-setting bodies (orange) named in the same sentence; the {} most mentioned of {}. Line width: \
         sentences naming both. Each line links to a passage behind it; the table lists more.</figcaption></figure>",
        nodes.len(),
        net.nodes.len()
    );
    let name = |id: &str| net.nodes.iter().find(|n| n.id == id).map_or(id.to_string(), |n| n.name.clone());
    let mut sorted = edges.clone();
    sorted.sort_by(|a, b| b.passages.cmp(&a.passages).then(a.source.cmp(&b.source)));
    body.push_str(
        "<table class=\"edges\"><caption>Co-mentions and the passages behind them</caption><thead><tr><th>Actor</th>\
         <th>Actor</th><th class=\"num\">Sentences</th><th class=\"num\">Documents</th><th>Passages</th></tr></thead><tbody>",
    );
    for e in sorted.iter().take(40) {
        let links: Vec<String> = e
            .evidence
            .iter()
            .take(LINKS_PER_EDGE)
            .map(|ev| format!("<a href=\"{}\">{}:{}</a>", escape(&href(lines, ev)), ev.doc_id, ev.start))
            .collect();
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            escape(&name(&e.source)),
            escape(&name(&e.target)),
            e.passages,
            e.documents,
            links.join(" ")
        );
    }
    body.push_str("</tbody></table>");
}

fn trend_table(body: &mut String, id: &str, caption: &str, t: &policyscope_query::Trend) {
    let _ = write!(
        body,
        "<table id=\"{id}\" class=\"trend\"><caption>{}</caption><thead><tr><th></th>",
        escape(caption)
    );
    for y in &t.years {
        let _ = write!(body, "<th class=\"num\">{}</th>", escape(y));
    }
    body.push_str("</tr></thead><tbody>");
    for r in t.codes.iter().filter(|r| r.path.contains('/')) {
        let name = r.path.rsplit('/').next().unwrap_or(&r.path);
        let _ = write!(body, "<tr><th>{}</th>", escape(name));
        for n in &r.documents {
            let _ = write!(body, "<td class=\"num\">{n}</td>");
        }
        body.push_str("</tr>");
    }
    body.push_str("<tr class=\"corpus\"><th>Documents in the corpus</th>");
    for n in &t.corpus_documents {
        let _ = write!(body, "<td class=\"num\">{n}</td>");
    }
    body.push_str("</tr></tbody></table>");
}

fn standards_section(body: &mut String, v: &views::StandardsView) {
    body.push_str("<h2>Standards cited</h2>");
    if v.standards.is_empty() {
        body.push_str("<p class=\"note\">No standard identifier (GB/T …, ISO/IEC …) in the documents.</p>");
        return;
    }
    body.push_str(
        "<table id=\"standards\"><thead><tr><th>Standard</th><th>Family</th><th class=\"num\">Mentions</th>\
         <th>Documents</th></tr></thead><tbody>",
    );
    for s in &v.standards {
        let docs: Vec<String> = s
            .documents
            .iter()
            .map(|d| format!("<a href=\"docs/{}.html\">{}</a>", d.id, escape(&d.title)))
            .collect();
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            escape(&s.standard),
            escape(&s.family),
            s.mentions,
            docs.join("; ")
        );
    }
    body.push_str("</tbody></table>");
}

fn roles_section(body: &mut String, roles: &[policyscope_frame::RoleRecord]) {
    let mut per: BTreeMap<&str, (usize, BTreeMap<&str, usize>)> = BTreeMap::new();
    for r in roles {
        let e = per.entry(&r.actor_name).or_default();
        e.0 += 1;
        *e.1.entry(&r.role.verb).or_default() += 1;
    }
    let mut rows: Vec<_> = per.into_iter().collect();
    rows.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
    body.push_str(
        "<h2>Who is given which task</h2><table id=\"roles\"><thead><tr><th>Actor</th><th class=\"num\">Role \
         statements</th><th>Verbs</th></tr></thead><tbody>",
    );
    for (actor, (n, verbs)) in rows.iter().take(30) {
        let mut vs: Vec<_> = verbs.iter().collect();
        vs.sort_by(|a, b| b.1.cmp(a.1));
        let vs: Vec<String> = vs.iter().take(6).map(|(v, n)| format!("{} {n}", escape(v))).collect();
        let _ = write!(
            body,
            "<tr><td>{}</td><td class=\"num\">{n}</td><td lang=\"zh\">{}</td></tr>",
            escape(actor),
            vs.join(", ")
        );
    }
    body.push_str("</tbody></table>");
}
