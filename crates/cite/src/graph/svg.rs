//! The citation graph drawn as SVG — the one renderer behind `graph
//! --format svg`, the report's graph page and the web app. Documents are
//! labelled boxes in columns by year (or snowball round); a dot in each box
//! carries the snowball round as a colour, a thick ring for seeds and a
//! hollow dashed outline for catalog entries the project lacks. References
//! are arrows from the citing to the cited document; an arrow to a version
//! issued after the citing document (the version it cited is missing) is
//! dashed and red. Nodes within a column are ordered by the barycentre of
//! their neighbours, a few sweeps each way, to keep crossings down.

mod legend;

use std::collections::BTreeMap;
use std::fmt::Write;

use super::export::xml_escape;
use super::CitationGraph;
use crate::model::VersionStatus;

/// What the columns stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layering {
    /// One column per year (undated documents last).
    #[default]
    Year,
    /// One column per snowball round (catalog entries last).
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
    /// Columns by year or by round.
    pub layering: Layering,
    /// Characters of the title per label line (two lines are drawn).
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
        SvgOptions { layering: Layering::Year, label_chars: 12, element_id: None, links: None }
    }
}

const NODE_W: f64 = 184.0;
const NODE_H: f64 = 54.0;
const COL_GAP: f64 = 70.0;
const ROW_GAP: f64 = 16.0;
const MARGIN: f64 = 30.0;
const HEADER: f64 = 40.0;
const TEXT_X: f64 = 24.0;
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

fn label_lines(title: &str, n: usize) -> (String, String) {
    let chars: Vec<char> = title.chars().collect();
    let first: String = chars.iter().take(n).collect();
    let rest = &chars[chars.len().min(n)..];
    let second: String = if rest.len() > n {
        rest.iter().take(n.saturating_sub(1)).chain(std::iter::once(&'…')).collect()
    } else {
        rest.iter().collect()
    };
    (first, second)
}

/// The path of an edge between two boxes at `(sx, sy)` and `(tx, ty)`
/// (top-left corners) in columns `cs` and `ct`.
fn edge_path((sx, sy): (f64, f64), (tx, ty): (f64, f64), cs: usize, ct: usize) -> String {
    let (sy, ty) = (sy + NODE_H / 2.0, ty + NODE_H / 2.0);
    let span = cs.abs_diff(ct);
    // Edges that jump over columns arc above the rows instead of running
    // behind the boxes in between.
    let lift = |y: f64| {
        if span >= 2 {
            (y.min(sy.min(ty)) - NODE_H / 2.0 - 12.0 - 6.0 * span as f64).max(4.0)
        } else {
            y
        }
    };
    let (x1, x2, dir) = match cs.cmp(&ct) {
        std::cmp::Ordering::Less => (sx + NODE_W, tx, 1.0),
        std::cmp::Ordering::Greater => (sx, tx + NODE_W, -1.0),
        std::cmp::Ordering::Equal => {
            let x = sx + NODE_W;
            let bulge = 24.0 + (sy - ty).abs() * 0.15;
            return format!(
                "M{x:.1},{sy:.1} C{:.1},{sy:.1} {:.1},{ty:.1} {x:.1},{ty:.1}",
                x + bulge,
                x + bulge
            );
        }
    };
    format!(
        "M{x1:.1},{sy:.1} C{:.1},{:.1} {:.1},{:.1} {x2:.1},{ty:.1}",
        x1 + dir * COL_GAP / 2.0,
        lift(sy),
        x2 - dir * COL_GAP / 2.0,
        lift(ty)
    )
}

/// Draws the graph as SVG (a standalone document, or a figure for a page
/// when [`SvgOptions::element_id`] is set).
pub fn to_svg(g: &CitationGraph, opts: &SvgOptions) -> String {
    let layer_of = layers(g, opts.layering);
    let cols = arrange(g, &layer_of);
    let mut xy = vec![(0.0f64, 0.0f64); g.nodes.len()];
    let mut col_of = vec![0usize; g.nodes.len()];
    let tallest = cols.iter().map(|(_, m)| m.len()).max().unwrap_or(0);
    for (c, (_, members)) in cols.iter().enumerate() {
        for (r, &i) in members.iter().enumerate() {
            xy[i] = (MARGIN + c as f64 * (NODE_W + COL_GAP), MARGIN + HEADER + r as f64 * (NODE_H + ROW_GAP));
            col_of[i] = c;
        }
    }
    let snowball = g.nodes.iter().any(|n| n.round.is_some());
    // Room on the right for arcs between nodes of the last column.
    let width = MARGIN * 2.0 + cols.len().max(1) as f64 * (NODE_W + COL_GAP) - COL_GAP + 40.0;
    let band_end = MARGIN + HEADER + tallest.max(1) as f64 * (NODE_H + ROW_GAP);
    let legend = legend::Legend::new(g, snowball, ROUND_COLORS, width - 2.0 * MARGIN);
    let height = band_end + 24.0 + legend.height() + MARGIN;
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
    for (c, (label, _)) in cols.iter().enumerate() {
        let x = MARGIN + c as f64 * (NODE_W + COL_GAP);
        let _ = writeln!(
            s,
            "<rect x=\"{:.1}\" y=\"{MARGIN}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\" pointer-events=\"none\"/>\
<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\" fill=\"#333\">{}</text>",
            x - COL_GAP / 4.0,
            NODE_W + COL_GAP / 2.0,
            band_end - MARGIN,
            if c % 2 == 0 { "#f6f8fb" } else { "#ffffff" },
            x + NODE_W / 2.0,
            MARGIN + 18.0,
            xml_escape(label)
        );
    }
    s.push_str("<g class=\"edges\" fill=\"none\">\n");
    for e in &g.edges {
        let d = edge_path(xy[e.source], xy[e.target], col_of[e.source], col_of[e.target]);
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
    for (i, n) in g.nodes.iter().enumerate() {
        let (x, y) = xy[i];
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
        // The prefix is on most law titles and says nothing in a figure.
        let short = n.doc.title.strip_prefix("中华人民共和国").unwrap_or(&n.doc.title);
        let (l1, l2) = label_lines(short, opts.label_chars);
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
        let node = format!(
            "<g class=\"node\"{}><title>{}</title><rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{NODE_W}\" height=\"{NODE_H}\" rx=\"6\" \
fill=\"{fill}\" stroke=\"{stroke}\"{extra}/><circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"6\" fill=\"{dot_fill}\" {dot_stroke}/>\
<text x=\"{tx:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"#111\">{}</text><text x=\"{tx:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"#111\">{}</text>\
<text x=\"{tx:.1}\" y=\"{:.1}\" font-size=\"10\" fill=\"#555\">{}</text></g>",
            n.doc.id.filter(|_| !n.external).map(|d| format!(" data-doc=\"{d}\"")).unwrap_or_default(),
            xml_escape(&tooltip),
            x + 12.0,
            y + 14.0,
            y + 17.0,
            xml_escape(&l1),
            y + 32.0,
            xml_escape(&l2),
            y + 47.0,
            xml_escape(&date),
            tx = x + TEXT_X,
        );
        match (&opts.links, n.doc.id) {
            (Some(l), Some(doc)) if !n.external => {
                let href = format!("{}{doc}{}", l.prefix, l.suffix);
                let _ = writeln!(s, "<a href=\"{}\" class=\"node-link\">{node}</a>", xml_escape(&href));
            }
            _ => {
                s.push_str(&node);
                s.push('\n');
            }
        }
    }
    s.push_str("</g>\n");
    s.push_str(&legend.draw(MARGIN, band_end + 24.0));
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests;
