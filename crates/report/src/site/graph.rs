//! `graph.html`: the citation graph, pannable and zoomable, nodes linking to
//! their document pages.

use super::Writer;
use crate::html::escape;
use crate::html::layout::Page;
use crate::model::StudyData;
use crate::svg::graph::render;
use crate::svg::graph::LATER_NOTE;
use crate::Result;

/// Rows of a worklist table drawn at most; the CLI (`cite missing`) lists all.
const MAX_ROWS: usize = 300;

/// The researcher's worklist: cited versions the project lacks and
/// unresolved references by name.
fn worklist(w: &policyscope_cite::missing::Worklist, data: &StudyData) -> String {
    let doc = |d: &policyscope_cite::DocRef| {
        let title = escape(&d.title);
        match d.id.filter(|id| data.document(*id).is_some()) {
            Some(id) => format!("<a href=\"docs/{id}.html\">{title}</a>"),
            None => title,
        }
    };
    let date =
        |d: &Option<policyscope_text::PolicyDate>| d.map_or_else(|| "–".to_string(), |d| d.to_string());
    let mut s = String::from("<h2 id=\"missing\">Cited versions missing from the project</h2>");
    if w.missing_versions.is_empty() {
        s.push_str(
            "<p>Every resolved reference points at a version issued on or before the citing document.</p>",
        );
    } else {
        s.push_str(
            "<p>Each citing document needs the version in force on its own date; the project holds only later \
             versions, and the reference was resolved to the earliest of them.</p><table><thead><tr><th>Cited document</th>\
             <th>Needed: version in force on</th><th>Citing document</th><th class=\"num\">References</th>\
             <th>Resolved to (later)</th></tr></thead><tbody>",
        );
        let rows = w.missing_versions.iter().flat_map(|m| m.needed.iter().map(move |n| (m, n)));
        for (m, n) in rows.take(MAX_ROWS) {
            s.push_str(&format!(
                "<tr class=\"later-than-citing\"><td>{}</td><td class=\"date\">{}</td><td>{}</td><td class=\"num\">{}</td><td>{} <span class=\"date\">({})</span></td></tr>",
                escape(&m.title),
                date(&n.citing.date),
                doc(&n.citing),
                n.references,
                doc(&n.resolved_to),
                date(&n.resolved_to.date)
            ));
        }
        s.push_str("</tbody></table>");
        let total: usize = w.missing_versions.iter().map(|m| m.needed.len()).sum();
        if total > MAX_ROWS {
            s.push_str(&format!(
                "<p class=\"note\">The first {MAX_ROWS} of {total} are listed; <code>policyscope cite missing</code> lists all.</p>"
            ));
        }
    }
    if w.undated > 0 {
        s.push_str(&format!(
            "<p class=\"note\">{} could not be checked because a date is missing.</p>",
            crate::plural(w.undated, "resolved reference")
        ));
    }
    s.push_str("<h2 id=\"unresolved\">Unresolved references</h2>");
    if w.unresolved.is_empty() {
        s.push_str("<p>Every reference was resolved.</p>");
        return s;
    }
    s.push_str(&format!(
        "<p>{} matched no document of the project{}.</p><table><thead><tr><th>Name</th>\
         <th class=\"num\">Citing documents</th><th class=\"num\">References</th><th>Candidates</th></tr></thead><tbody>",
        crate::plural(w.unresolved.len(), "name"),
        if w.unresolved.len() > MAX_ROWS { format!("; the {MAX_ROWS} cited by most documents are listed") } else { String::new() }
    ));
    for u in w.unresolved.iter().take(MAX_ROWS) {
        s.push_str(&format!(
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            escape(&u.name),
            u.citing.len(),
            u.references,
            escape(&u.candidates.join("; "))
        ));
    }
    s.push_str("</tbody></table>");
    s
}

pub(crate) fn write(w: &mut Writer<'_>, data: &StudyData) -> Result<()> {
    let mut body = String::new();
    match &data.graph {
        Some(g) if !g.nodes.is_empty() => {
            let seeds = g.nodes.iter().filter(|n| n.seed).count();
            let rounds = g.nodes.iter().filter_map(|n| n.round).max();
            if g.total_nodes > g.nodes.len() {
                body.push_str(&format!(
                    "<p class=\"note\">The graph has {}; the {} most central (PageRank) and every seed are drawn.</p>",
                    crate::plural(g.total_nodes, "document"),
                    g.nodes.len()
                ));
            }
            body.push_str(&format!(
                "<p>{}, {}{}. Rows are years, the oldest at the top; an arrow points from the citing \
                 document to the cited one; a dashed red arrow points at a version issued after the citing \
                 document (the version it cited is missing); hollow dashed boxes are cited documents the project \
                 does not hold; each box shows the document's short title<span class=\"noprint\">, the full title \
                 is in its tooltip</span>. \
                 <span class=\"noprint\">Drag to pan, scroll to zoom, click a document to open it.</span></p>",
                crate::plural(g.nodes.len(), "document"),
                crate::plural(g.edges.len(), "citation link"),
                match rounds {
                    Some(r) => format!(
                        ", {} and {}",
                        crate::plural(seeds, "seed"),
                        crate::plural(r as usize, "snowball round")
                    ),
                    None => String::new(),
                }
            ));
            body.push_str(
                "<div class=\"graph-tools\" data-for=\"citation-graph\"><button type=\"button\" data-act=\"in\">Zoom in</button>\
                 <button type=\"button\" data-act=\"out\">Zoom out</button><button type=\"button\" data-act=\"reset\">Reset</button></div>",
            );
            body.push_str(&format!(
                "<figure class=\"graph-wrap\">{}</figure>",
                render(g, "citation-graph", "docs/", ".html")
            ));
            body.push_str("<h2>Links</h2><table><thead><tr><th>Citing</th><th>Cited</th><th class=\"num\">Times</th><th>Version</th></tr></thead><tbody>");
            let cell = |n: &crate::model::GraphNode| match n.doc_id {
                Some(d) => format!("<a href=\"docs/{d}.html\">{}</a>", escape(&n.label)),
                None => format!("{} <small class=\"muted\">(not in the project)</small>", escape(&n.label)),
            };
            for e in &g.edges {
                body.push_str(&format!(
                    "<tr{}><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                    if e.later_than_citing { " class=\"later-than-citing\"" } else { "" },
                    cell(&g.nodes[e.from]),
                    cell(&g.nodes[e.to]),
                    e.weight,
                    if e.later_than_citing { LATER_NOTE } else { "" }
                ));
            }
            body.push_str("</tbody></table>");
        }
        _ => body.push_str(
            "<p class=\"note\">No citations among the documents were found (run `policyscope cite` first).</p>",
        ),
    }
    if let Some(w) = &data.missing {
        body.push_str(&worklist(w, data));
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

#[cfg(test)]
mod tests {
    use policyscope_cite::missing::{MissingVersions, Needed, UnresolvedName, Worklist};
    use policyscope_cite::DocRef;
    use policyscope_corpus::DocumentMeta;

    use super::*;

    fn doc(id: Option<i64>, title: &str, date: &str) -> DocRef {
        DocRef { id, source_path: None, title: title.into(), date: date.parse().ok(), catalog_no: None }
    }

    #[test]
    fn the_worklist_lists_missing_versions_and_links_only_documents_of_the_report() {
        let data = StudyData {
            documents: vec![DocumentMeta::new(2, "甲规定", "2018-01-01".parse().ok())],
            ..StudyData::default()
        };
        let w = Worklist {
            missing_versions: vec![MissingVersions {
                title: "中华人民共和国<某某>法".into(),
                needed: vec![Needed {
                    citing: doc(Some(2), "甲规定", "2018-01-01"),
                    resolved_to: doc(Some(9), "中华人民共和国<某某>法", "2021-06-10"),
                    references: 2,
                }],
            }],
            unresolved: vec![UnresolvedName {
                name: "某某条例".into(),
                references: 3,
                citing: vec![doc(Some(2), "甲规定", "2018-01-01")],
                candidates: vec!["某某暂行条例".into()],
            }],
            undated: 1,
        };
        let html = worklist(&w, &data);
        assert!(html.contains("<h2 id=\"missing\">") && html.contains("<h2 id=\"unresolved\">"));
        assert!(html.contains("<a href=\"docs/2.html\">甲规定</a>"));
        assert!(!html.contains("docs/9.html"), "a document without a page is not linked");
        assert!(html.contains("2018-01-01") && html.contains("2021-06-10"));
        assert!(html.contains("&lt;某某&gt;") && !html.contains("<某某>"));
        assert!(html.contains("某某暂行条例") && html.contains("could not be checked"));
    }
}
