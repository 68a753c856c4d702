//! The citation graph, layered by year: one column per year, citing
//! documents to the right of what they cite, snowball rounds as colours and
//! seeds as a thick ring.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{shorten, FONT};
use crate::html::escape;
use crate::model::Graph;

/// Fill colours of snowball rounds 0, 1, 2 …; documents outside the snowball are grey.
const ROUND_COLORS: &[&str] = &["#b2182b", "#ef8a62", "#67a9cf", "#2166ac", "#5aae61", "#1b7837", "#762a83"];
const OUTSIDE: &str = "#bdbdbd";

const COL_W: f64 = 150.0;
const ROW_H: f64 = 48.0;
const TOP: f64 = 66.0;
const LEFT: f64 = 30.0;

/// Where a node sits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Position {
    /// Centre x.
    pub x: f64,
    /// Centre y.
    pub y: f64,
}

/// Lays nodes out in year columns (unknown year last), ordered in a column by
/// round, then label.
pub fn layout(graph: &Graph) -> (Vec<Position>, Vec<Option<i32>>) {
    let mut columns: BTreeMap<(bool, i32), Vec<usize>> = BTreeMap::new();
    for (i, n) in graph.nodes.iter().enumerate() {
        let key = match n.year {
            Some(y) => (false, y),
            None => (true, 0),
        };
        columns.entry(key).or_default().push(i);
    }
    let mut pos = vec![Position { x: 0.0, y: 0.0 }; graph.nodes.len()];
    let mut years = Vec::new();
    for (col, ((unknown, year), members)) in columns.iter_mut().enumerate() {
        members.sort_by(|&a, &b| {
            let (na, nb) = (&graph.nodes[a], &graph.nodes[b]);
            (na.round.unwrap_or(u32::MAX), &na.label, na.doc_id).cmp(&(
                nb.round.unwrap_or(u32::MAX),
                &nb.label,
                nb.doc_id,
            ))
        });
        for (row, &i) in members.iter().enumerate() {
            // Odd columns sit half a row lower so that edges between
            // non-adjacent years do not run through the nodes between them.
            let stagger = if col % 2 == 1 { ROW_H / 2.0 } else { 0.0 };
            pos[i] = Position {
                x: LEFT + col as f64 * COL_W + COL_W / 2.0 - 3.0,
                y: TOP + row as f64 * ROW_H + stagger,
            };
        }
        years.push(if *unknown { None } else { Some(*year) });
    }
    (pos, years)
}

/// Renders the graph. `href(doc_id)` gives the link of a node; `id` is the
/// element id (used by the pan/zoom script).
pub fn render(graph: &Graph, id: &str, href: &dyn Fn(i64) -> String) -> String {
    let (pos, years) = layout(graph);
    let rows = pos.iter().map(|p| p.y).fold(TOP, f64::max);
    let width = LEFT * 2.0 + years.len().max(1) as f64 * COL_W;
    // Column bands end below the lowest label; the legend sits under them.
    let band_end = rows + ROW_H * 0.75;
    let height = band_end + 50.0;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg id=\"{id}\" class=\"pannable\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"{FONT}\" viewBox=\"0 0 {width:.0} {height:.0}\" \
         style=\"max-width:{width:.0}px\" \
         role=\"img\" aria-label=\"Citation graph\">\
         <defs><marker id=\"{id}-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" \
         orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" fill=\"#7a8699\"/></marker></defs>"
    );
    for (col, y) in years.iter().enumerate() {
        let x = LEFT + col as f64 * COL_W;
        let label = y.map(|y| y.to_string()).unwrap_or_else(|| "n.d.".into());
        let _ = write!(
            s,
            "<rect x=\"{x:.0}\" y=\"20\" width=\"{w:.0}\" height=\"{h:.0}\" fill=\"{f}\" pointer-events=\"none\"/>\
             <text x=\"{tx:.0}\" y=\"40\" font-size=\"15\" font-weight=\"600\" fill=\"#5b6475\">{label}</text>",
            w = COL_W - 6.0,
            h = band_end - 20.0,
            f = if col % 2 == 0 { "#f6f8fb" } else { "#ffffff" },
            tx = x + 8.0,
        );
    }
    s.push_str("<g class=\"edges\" fill=\"none\" stroke=\"#7a8699\" stroke-opacity=\".55\">");
    for e in &graph.edges {
        if e.from == e.to || e.from >= pos.len() || e.to >= pos.len() {
            continue;
        }
        let (a, b) = (pos[e.from], pos[e.to]);
        // Horizontal tangents at both ends; same-column edges bow out so
        // they stay visible.
        let dir = if b.x <= a.x { -1.0 } else { 1.0 };
        let (x1, y1, x2, y2) = (a.x + dir * 7.0, a.y, b.x - dir * 9.0, b.y);
        let bend = ((x1 - x2).abs() / 2.0).max(40.0) * dir;
        let _ = write!(
            s,
            "<path d=\"M{x1:.1},{y1:.1}C{c1:.1},{y1:.1} {c2:.1},{y2:.1} {x2:.1},{y2:.1}\" stroke-width=\"{sw:.1}\" \
             marker-end=\"url(#{id}-arrow)\"><title>{t}</title></path>",
            c1 = x1 + bend,
            c2 = x2 - bend,
            sw = 1.0 + (e.weight.min(10) as f64 - 1.0) * 0.25,
            t = escape(&format!(
                "{} → {} ({}×)",
                graph.nodes[e.from].label, graph.nodes[e.to].label, e.weight
            )),
        );
    }
    s.push_str("</g><g class=\"nodes\">");
    for (i, n) in graph.nodes.iter().enumerate() {
        let p = pos[i];
        let fill = match n.round {
            Some(r) => ROUND_COLORS[(r as usize).min(ROUND_COLORS.len() - 1)],
            None => OUTSIDE,
        };
        let ring = if n.seed {
            "stroke=\"#000\" stroke-width=\"3\""
        } else {
            "stroke=\"#fff\" stroke-width=\"1.5\""
        };
        let round = n.round.map(|r| format!(", round {r}")).unwrap_or_default();
        let seed = if n.seed { ", seed" } else { "" };
        let outside = if n.doc_id.is_none() { ", not in the project" } else { "" };
        // Catalog entries the project lacks are hollow and link nowhere.
        let fill = if n.doc_id.is_none() { "#ffffff" } else { fill };
        let ring = if n.doc_id.is_none() {
            "stroke=\"#9aa3b2\" stroke-width=\"2\" stroke-dasharray=\"3 2\""
        } else {
            ring
        };
        let node = format!(
            "<g class=\"node\"{doc}><title>{title}</title><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"7\" fill=\"{fill}\" {ring}/>\
             <text x=\"{tx:.1}\" y=\"{ty:.1}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#1d2330\" \
             paint-order=\"stroke\" stroke=\"#fff\" stroke-width=\"3\">{label}</text></g>",
            doc = n.doc_id.map(|d| format!(" data-doc=\"{d}\"")).unwrap_or_default(),
            title = escape(&format!("{}{round}{seed}{outside}", n.label)),
            x = p.x,
            y = p.y,
            tx = p.x,
            ty = p.y + 20.0,
            label = escape(&shorten(&n.label, 12)),
        );
        match n.doc_id {
            Some(d) => {
                let _ = write!(s, "<a href=\"{}\" class=\"node-link\">{node}</a>", escape(&href(d)));
            }
            None => s.push_str(&node),
        }
    }
    s.push_str("</g>");
    // Legend.
    let ly = band_end + 26.0;
    let max_round = graph.nodes.iter().filter_map(|n| n.round).max();
    let mut lx = LEFT;
    let _ = write!(
        s,
        "<g class=\"legend\" font-size=\"12\"><circle cx=\"{cx:.0}\" cy=\"{ly:.0}\" r=\"7\" fill=\"#fff\" stroke=\"#000\" \
         stroke-width=\"3\"/><text x=\"{tx:.0}\" y=\"{ty:.0}\">seed</text>",
        cx = lx + 7.0,
        tx = lx + 18.0,
        ty = ly + 4.0
    );
    lx += 70.0;
    if let Some(max) = max_round {
        for r in 0..=max.min(ROUND_COLORS.len() as u32 - 1) {
            let _ = write!(
                s,
                "<circle cx=\"{cx:.0}\" cy=\"{ly:.0}\" r=\"7\" fill=\"{f}\"/><text x=\"{tx:.0}\" y=\"{ty:.0}\">round {r}</text>",
                cx = lx + 7.0,
                f = ROUND_COLORS[r as usize],
                tx = lx + 18.0,
                ty = ly + 4.0
            );
            lx += 80.0;
        }
    }
    let _ = write!(
        s,
        "<circle cx=\"{cx:.0}\" cy=\"{ly:.0}\" r=\"7\" fill=\"{OUTSIDE}\"/><text x=\"{tx:.0}\" y=\"{ty:.0}\">not in snowball</text></g></svg>",
        cx = lx + 7.0,
        tx = lx + 18.0,
        ty = ly + 4.0
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{GraphEdge, GraphNode};

    fn node(doc_id: i64, year: Option<i32>, round: Option<u32>) -> GraphNode {
        GraphNode {
            doc_id: Some(doc_id),
            label: format!("<doc {doc_id}>"),
            year,
            round,
            seed: round == Some(0),
        }
    }

    #[test]
    fn columns_follow_years_and_labels_are_escaped() {
        let g = Graph {
            nodes: vec![node(1, Some(2020), Some(0)), node(2, Some(2017), Some(1)), node(3, None, None)],
            edges: vec![GraphEdge { from: 0, to: 1, weight: 2 }],
            total_nodes: 3,
        };
        let (pos, years) = layout(&g);
        assert_eq!(years, vec![Some(2017), Some(2020), None]);
        assert!(pos[1].x < pos[0].x && pos[0].x < pos[2].x);
        let svg = render(&g, "g", &|d| format!("docs/{d}.html"));
        assert!(svg.contains("&lt;doc 1&gt;") && !svg.contains("<doc 1>"));
        assert!(svg.contains("href=\"docs/3.html\""));
        assert_eq!(svg.matches("marker-end=").count(), 1);
        assert!(svg.contains("stroke=\"#000\" stroke-width=\"3\"/>"), "seed ring");
    }
}
