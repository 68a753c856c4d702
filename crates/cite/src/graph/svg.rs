//! The citation graph drawn as SVG — the one renderer behind `graph
//! --format svg`, the report's graph page and the web app. Documents are
//! labelled boxes in rows by year (or snowball round), oldest at the top
//! ([`layout`]), named by their short titles ([`crate::graph::label`]:
//! distinct within the figure, the full title on hover); a dot in each box
//! carries the snowball round as a colour, a thick ring for seeds and a
//! hollow dashed outline for catalog entries the project lacks. References
//! are arrows from the citing to the cited document; an arrow to a version
//! issued after the citing document (the version it cited is missing) is
//! dashed and red. Nodes within a row are ordered by the barycentre of
//! their neighbours, a few sweeps each way, to keep crossings down.

mod layout;
mod legend;

use std::collections::BTreeMap;
use std::fmt::Write;

use super::export::xml_escape;
use super::label::node_labels;
use super::CitationGraph;
use crate::model::VersionStatus;
use layout::{NODE_H, NODE_W};

/// What the rows stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layering {
    /// One row per year (undated documents last).
    #[default]
    Year,
    /// One row per snowball round (catalog entries last).
    Round,
}

/// Links on document nodes: `prefix`, the document id, `suffix`
/// (`docs/` + `12` + `.html`, or `#/doc/` + `12`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeLinks {
    /// Text before the id.
    pub prefix: String,
    /// Text after the id.
    pub suffix: String,
}

/// Drawing options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SvgOptions {
    /// Rows by year or by round.
    pub layering: Layering,
    /// Chinese characters (or twice as many Latin letters) per label line;
    /// two lines are drawn.
    pub label_chars: usize,
    /// For a figure inside a page: the element id (also prefixing marker
    /// ids so two figures on a page do not clash); the figure is then
    /// sized by the page and marked `pannable` for the pan/zoom script.
    /// `None` gives a standalone file with a fixed size.
    pub element_id: Option<String>,
    /// Document nodes become links when set.
    pub links: Option<NodeLinks>,
}

impl Default for SvgOptions {
    fn default() -> Self {
        SvgOptions { layering: Layering::Year, label_chars: 11, element_id: None, links: None }
    }
}

const TEXT_X: f64 = 24.0;
/// Size of the label text: with 11 Chinese characters a line it fills the
/// box, and stays about 10px when a page shows the figure at 0.8.
const LABEL_PX: f64 = 13.0;
const FONT: &str = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif";
/// Dot fills of snowball rounds 0, 1, 2 … (the last repeats).
const ROUND_COLORS: &[&str] = &["#b2182b", "#ef8a62", "#67a9cf", "#2166ac", "#5aae61", "#1b7837", "#762a83"];
/// Dot fill of documents outside the snowball, when there is one.
const OUTSIDE: &str = "#bdbdbd";
/// Dot fill when the graph has no snowball.
const PLAIN: &str = "#4a6fa5";
const EDGE: &str = "#666";
/// Edges to a version issued after the citing document.
const LATER: &str = "#c0392b";

/// Column label and order key of each node.
fn layers(g: &CitationGraph, layering: Layering) -> Vec<(i64, String)> {
    g.nodes
        .iter()
        .map(|n| match layering {
            Layering::Year => n.year.map_or((i64::MAX, "undated".into()), |y| (y as i64, y.to_string())),
            Layering::Round => match (n.round, n.external) {
                (Some(0), _) => (0, "seeds".into()),
                (Some(r), _) => (r as i64, format!("round {r}")),
                (None, true) => (i64::MAX, "catalog".into()),
                (None, false) => (i64::MAX - 1, "other".into()),
            },
        })
        .collect()
}

/// Orders nodes within columns; returns columns of node indices.
fn arrange(g: &CitationGraph, layer_of: &[(i64, String)]) -> Vec<(String, Vec<usize>)> {
    let mut cols: BTreeMap<i64, (String, Vec<usize>)> = BTreeMap::new();
    for (i, (k, label)) in layer_of.iter().enumerate() {
        cols.entry(*k).or_insert_with(|| (label.clone(), vec![])).1.push(i);
    }
    let mut cols: Vec<(String, Vec<usize>)> = cols.into_values().collect();
    for (_, members) in &mut cols {
        members.sort_by(|&a, &b| {
            let (na, nb) = (&g.nodes[a], &g.nodes[b]);
            nb.seed.cmp(&na.seed).then(nb.pagerank.total_cmp(&na.pagerank)).then(na.key.cmp(&nb.key))
        });
    }
    let mut neighbours: Vec<Vec<usize>> = vec![vec![]; g.nodes.len()];
    for e in &g.edges {
        neighbours[e.source].push(e.target);
        neighbours[e.target].push(e.source);
    }
    let mut pos = vec![0.0f64; g.nodes.len()];
    for (_, m) in &cols {
        for (r, &i) in m.iter().enumerate() {
            pos[i] = r as f64;
        }
    }
    for sweep in 0..6 {
        let order: Vec<usize> =
            if sweep % 2 == 0 { (0..cols.len()).collect() } else { (0..cols.len()).rev().collect() };
        for c in order {
            let members = &mut cols[c].1;
            let bary: BTreeMap<usize, f64> = members
                .iter()
                .map(|&i| {
                    let ns = &neighbours[i];
                    let b = if ns.is_empty() {
                        pos[i]
                    } else {
                        ns.iter().map(|&n| pos[n]).sum::<f64>() / ns.len() as f64
                    };
                    (i, b)
                })
                .collect();
            members.sort_by(|a, b| bary[a].total_cmp(&bary[b]).then(pos[*a].total_cmp(&pos[*b])));
            for (r, &i) in members.iter().enumerate() {
                pos[i] = r as f64;
            }
        }
    }
    cols
}

/// Draws the graph as SVG (a standalone document, or a figure for a page
/// when [`SvgOptions::element_id`] is set).
pub fn to_svg(g: &CitationGraph, opts: &SvgOptions) -> String {
    let layer_of = layers(g, opts.layering);
    let rows = arrange(g, &layer_of);
    let members: Vec<Vec<usize>> = rows.iter().map(|(_, m)| m.clone()).collect();
    let placed = layout::place(&members, g.nodes.len());
    let (xy, width) = (&placed.xy, placed.width);
    let snowball = g.nodes.iter().any(|n| n.round.is_some());
    let legend = legend::Legend::new(g, snowball, ROUND_COLORS, width - 2.0 * layout::MARGIN);
    let legend_top = placed.rows_end + 30.0;
    let height = legend_top + legend.height() + layout::MARGIN;
    let id = opts.element_id.as_deref().unwrap_or("citation-graph");
    let mut s = String::new();
    let size = match &opts.element_id {
        Some(id) => format!(
            "id=\"{}\" class=\"pannable\" style=\"max-width:{width:.0}px\" role=\"img\" aria-label=\"Citation graph\"",
            xml_escape(id)
        ),
        None => format!("width=\"{width:.0}\" height=\"{height:.0}\""),
    };
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" {size} viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"{FONT}\">"
    );
    let marker = |suffix: &str, colour: &str| {
        format!(
            "<marker id=\"{}-arrow{suffix}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" \
             markerWidth=\"9\" markerHeight=\"9\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{colour}\"/></marker>",
            xml_escape(id)
        )
    };
    let _ = writeln!(s, "<defs>{}{}</defs>", marker("", EDGE), marker("-later", LATER));
    s.push_str("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    for (r, (label, _)) in rows.iter().enumerate() {
        let ((bx, by, bw, bh), (lx, ly)) = layout::band(r, width);
        let _ = writeln!(
            s,
            "<rect x=\"{bx:.1}\" y=\"{by:.1}\" width=\"{bw:.1}\" height=\"{bh:.1}\" fill=\"{}\" pointer-events=\"none\"/>\
<text x=\"{lx:.1}\" y=\"{ly:.1}\" class=\"layer\" font-size=\"15\" font-weight=\"bold\" fill=\"#333\">{}</text>",
            if r % 2 == 0 { "#f6f8fb" } else { "#ffffff" },
            xml_escape(label)
        );
    }
    s.push_str("<g class=\"edges\" fill=\"none\">\n");
    for e in &g.edges {
        let d = layout::edge_path(&placed, e.source, e.target);
        let w = 1.0 + (e.references as f64).ln().max(0.0);
        let (from, to) = (&g.nodes[e.source].doc, &g.nodes[e.target].doc);
        let (style, arrow, note) = if e.version == VersionStatus::LaterThanCiting {
            (
                format!("stroke=\"{LATER}\" stroke-dasharray=\"6,4\" class=\"later-than-citing\""),
                "-later",
                "; cites a version issued after the citing document (the version cited is missing)",
            )
        } else {
            (format!("stroke=\"{EDGE}\" stroke-opacity=\"0.55\""), "", "")
        };
        let _ = writeln!(
            s,
            "<path d=\"{d}\" {style} stroke-width=\"{w:.2}\" marker-end=\"url(#{}-arrow{arrow})\"><title>{}</title></path>",
            xml_escape(id),
            xml_escape(&format!("{} → {} ({}×){note}", from.title, to.title, e.references))
        );
    }
    s.push_str("</g>\n<g class=\"nodes\">\n");
    let labels = node_labels(g, opts.label_chars.saturating_mul(2));
    for (i, n) in g.nodes.iter().enumerate() {
        s.push_str(&node(n, xy[i], &labels[i], snowball, &opts.links));
        s.push('\n');
    }
    s.push_str("</g>\n");
    s.push_str(&legend.draw(layout::MARGIN, legend_top));
    s.push_str("</svg>\n");
    s
}

/// One document's box: tooltip with the full title, the round's dot, the
/// label lines and the date; a link when the figure has them.
fn node(
    n: &super::Node,
    (x, y): (f64, f64),
    lines: &[String],
    snowball: bool,
    links: &Option<NodeLinks>,
) -> String {
    let (fill, stroke, extra) = if n.seed {
        ("#ffd866", "#000", " stroke-width=\"2.5\"")
    } else if n.external {
        ("#ffffff", "#888888", " stroke-dasharray=\"5,3\"")
    } else {
        ("#eef3fb", "#4a6fa5", "")
    };
    let dot_fill = match (n.external, n.round, snowball) {
        (true, _, _) => "#ffffff",
        (false, Some(r), _) => ROUND_COLORS[r.min(ROUND_COLORS.len() - 1)],
        (false, None, true) => OUTSIDE,
        (false, None, false) => PLAIN,
    };
    let dot_stroke = if n.seed {
        "stroke=\"#000\" stroke-width=\"3\""
    } else if n.external {
        "stroke=\"#888\" stroke-width=\"1.5\" stroke-dasharray=\"2,2\""
    } else {
        "stroke=\"#fff\" stroke-width=\"1\""
    };
    let date = n.doc.date.map(|d| d.to_string()).unwrap_or_default();
    let tooltip = format!(
        "{} ({}){}{}{}{}\ncited by {} · cites {} · PageRank {:.4}",
        n.doc.title,
        if date.is_empty() { "undated" } else { &date },
        n.doc.catalog_no.as_ref().map(|c| format!(", catalog {c}")).unwrap_or_default(),
        n.round.map(|r| format!(", round {r}")).unwrap_or_default(),
        if n.seed { ", seed" } else { "" },
        if n.external { ", not in the project" } else { "" },
        n.in_degree,
        n.out_degree,
        n.pagerank
    );
    let tx = x + TEXT_X;
    // One text element with a line per tspan: the visible label is the
    // element's text, whole, for readers and tests alike.
    let mut label = format!(
        "<text class=\"label\" x=\"{tx:.1}\" y=\"{:.1}\" font-size=\"{LABEL_PX}\" fill=\"#111\">",
        y + 18.0
    );
    for (k, line) in lines.iter().take(2).enumerate() {
        let dy = if k == 0 { String::new() } else { " dy=\"16\"".into() };
        let _ = write!(label, "<tspan x=\"{tx:.1}\"{dy}>{}</tspan>", xml_escape(line));
    }
    label.push_str("</text>");
    let node = format!(
        "<g class=\"node\"{}><title>{}</title><rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{NODE_W}\" height=\"{NODE_H}\" rx=\"6\" \
fill=\"{fill}\" stroke=\"{stroke}\"{extra}/><circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"6\" fill=\"{dot_fill}\" {dot_stroke}/>\
{label}<text x=\"{tx:.1}\" y=\"{:.1}\" class=\"date\" font-size=\"10\" fill=\"#555\">{}</text></g>",
        n.doc.id.filter(|_| !n.external).map(|d| format!(" data-doc=\"{d}\"")).unwrap_or_default(),
        xml_escape(&tooltip),
        x + 12.0,
        y + 14.0,
        y + 51.0,
        xml_escape(&date),
    );
    match (links, n.doc.id) {
        (Some(l), Some(doc)) if !n.external => {
            let href = format!("{}{doc}{}", l.prefix, l.suffix);
            format!("<a href=\"{}\" class=\"node-link\">{node}</a>", xml_escape(&href))
        }
        _ => node,
    }
}

#[cfg(test)]
mod tests;
