//! `graph.html`: the citation graph, pannable and zoomable, nodes linking to
//! their document pages.

use super::Writer;
use crate::html::escape;
use crate::html::layout::Page;
use crate::model::StudyData;
use crate::svg::graph::render;
use crate::Result;

pub(crate) fn write(w: &mut Writer<'_>, data: &StudyData) -> Result<()> {
    let mut body = String::new();
    match &data.graph {
        Some(g) if !g.nodes.is_empty() => {
            let seeds = g.nodes.iter().filter(|n| n.seed).count();
            let rounds = g.nodes.iter().filter_map(|n| n.round).max();
            if g.total_nodes > g.nodes.len() {
                body.push_str(&format!(
                    "<p class=\"note\">The graph has {} documents; the {} most central (PageRank) and every seed are drawn.</p>",
                    g.total_nodes,
                    g.nodes.len()
                ));
            }
            body.push_str(&format!(
                "<p>{} documents, {} citation links{}. Columns are years; an arrow points from the citing \
                 document to the cited one; hollow circles are cited documents the project does not hold. \
                 Drag to pan, scroll to zoom, click a document to open it.</p>",
                g.nodes.len(),
                g.edges.len(),
                match rounds {
                    Some(r) => format!(", {seeds} seeds and {r} snowball rounds"),
                    None => String::new(),
                }
            ));
            body.push_str(
                "<div class=\"graph-tools\" data-for=\"citation-graph\"><button type=\"button\" data-act=\"in\">Zoom in</button>\
                 <button type=\"button\" data-act=\"out\">Zoom out</button><button type=\"button\" data-act=\"reset\">Reset</button></div>",
            );
            body.push_str(&format!(
                "<figure class=\"graph-wrap\">{}</figure>",
                render(g, "citation-graph", &|id| format!("docs/{id}.html"))
            ));
            body.push_str("<h2>Links</h2><table><thead><tr><th>Citing</th><th>Cited</th><th class=\"num\">Times</th></tr></thead><tbody>");
            let cell = |n: &crate::model::GraphNode| match n.doc_id {
                Some(d) => format!("<a href=\"docs/{d}.html\">{}</a>", escape(&n.label)),
                None => format!("{} <small class=\"muted\">(not in the project)</small>", escape(&n.label)),
            };
            for e in &g.edges {
                body.push_str(&format!(
                    "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
                    cell(&g.nodes[e.from]),
                    cell(&g.nodes[e.to]),
                    e.weight
                ));
            }
            body.push_str("</tbody></table>");
        }
        _ => body.push_str(
            "<p class=\"note\">No citations among the documents were found (run `policyscope cite` first).</p>",
        ),
    }
    w.page(
        "graph.html",
        &Page {
            title: "Citation graph",
            root: "",
            section: "graph.html",
            body,
            scripts: &["assets/graph.js"],
        },
    )
}
