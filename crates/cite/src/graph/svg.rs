//! The graph drawn as SVG by policyscope itself: documents as labelled
//! boxes in columns by year (or snowball round), seeds highlighted, catalog
//! entries dashed, references as arrows from the citing to the cited
//! document. Nodes within a column are ordered by the barycentre of their
//! neighbours, a few sweeps each way, to keep crossings down.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::export::xml_escape;
use super::CitationGraph;

/// What the columns stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layering {
    /// One column per year (undated documents last).
    #[default]
    Year,
    /// One column per snowball round (catalog entries last).
    Round,
}

/// Drawing options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SvgOptions {
    /// Columns by year or by round.
    pub layering: Layering,
    /// Characters of the title per label line (two lines are drawn).
    pub label_chars: usize,
}

impl Default for SvgOptions {
    fn default() -> Self {
        SvgOptions { layering: Layering::Year, label_chars: 12 }
    }
}

const NODE_W: f64 = 184.0;
const NODE_H: f64 = 54.0;
const COL_GAP: f64 = 70.0;
const ROW_GAP: f64 = 16.0;
const MARGIN: f64 = 30.0;
const HEADER: f64 = 40.0;
const FONT: &str = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif";

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
    let set_pos = |cols: &Vec<(String, Vec<usize>)>, pos: &mut Vec<f64>| {
        for (_, m) in cols {
            for (r, &i) in m.iter().enumerate() {
                pos[i] = r as f64;
            }
        }
    };
    set_pos(&cols, &mut pos);
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

/// Draws the graph as a standalone SVG document.
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
    // Room on the right for arcs between nodes of the last column.
    let width = MARGIN * 2.0 + cols.len().max(1) as f64 * (NODE_W + COL_GAP) - COL_GAP + 40.0;
    let height = MARGIN * 2.0 + HEADER + tallest.max(1) as f64 * (NODE_H + ROW_GAP) + 40.0;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"{FONT}\">"
    );
    s.push_str("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#666\"/></marker></defs>\n");
    s.push_str("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    for (c, (label, _)) in cols.iter().enumerate() {
        let x = MARGIN + c as f64 * (NODE_W + COL_GAP) + NODE_W / 2.0;
        let _ = writeln!(
            s,
            "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\" fill=\"#333\">{}</text>",
            MARGIN + 18.0,
            xml_escape(label)
        );
    }
    s.push_str("<g fill=\"none\" stroke=\"#666\" stroke-opacity=\"0.55\">\n");
    for e in &g.edges {
        let ((sx, sy), (tx, ty)) = (xy[e.source], xy[e.target]);
        let (sy, ty) = (sy + NODE_H / 2.0, ty + NODE_H / 2.0);
        let w = 1.0 + (e.references as f64).ln().max(0.0);
        let span = col_of[e.source].abs_diff(col_of[e.target]);
        // Edges that jump over columns arc above the rows instead of
        // running behind the boxes in between.
        let lift = |y: f64| {
            if span >= 2 {
                (y.min(sy.min(ty)) - NODE_H / 2.0 - 12.0 - 6.0 * span as f64).max(4.0)
            } else {
                y
            }
        };
        let d = match col_of[e.source].cmp(&col_of[e.target]) {
            std::cmp::Ordering::Less => {
                let (x1, x2) = (sx + NODE_W, tx);
                format!(
                    "M{x1:.1},{sy:.1} C{:.1},{:.1} {:.1},{:.1} {x2:.1},{ty:.1}",
                    x1 + COL_GAP / 2.0,
                    lift(sy),
                    x2 - COL_GAP / 2.0,
                    lift(ty)
                )
            }
            std::cmp::Ordering::Greater => {
                let (x1, x2) = (sx, tx + NODE_W);
                format!(
                    "M{x1:.1},{sy:.1} C{:.1},{:.1} {:.1},{:.1} {x2:.1},{ty:.1}",
                    x1 - COL_GAP / 2.0,
                    lift(sy),
                    x2 + COL_GAP / 2.0,
                    lift(ty)
                )
            }
            std::cmp::Ordering::Equal => {
                let x = sx + NODE_W;
                let bulge = 24.0 + (sy - ty).abs() * 0.15;
                format!("M{x:.1},{sy:.1} C{:.1},{sy:.1} {:.1},{ty:.1} {x:.1},{ty:.1}", x + bulge, x + bulge)
            }
        };
        let _ = writeln!(s, "<path d=\"{d}\" stroke-width=\"{w:.2}\" marker-end=\"url(#arrow)\"/>");
    }
    s.push_str("</g>\n");
    for (i, n) in g.nodes.iter().enumerate() {
        let (x, y) = xy[i];
        let (fill, stroke, extra) = if n.seed {
            ("#ffd866", "#b8860b", " stroke-width=\"2.5\"")
        } else if n.external {
            ("#ffffff", "#888888", " stroke-dasharray=\"5,3\"")
        } else {
            ("#e8f0fe", "#4a6fa5", "")
        };
        // The prefix is on most law titles and says nothing in a figure.
        let short = n.doc.title.strip_prefix("中华人民共和国").unwrap_or(&n.doc.title);
        let (l1, l2) = label_lines(short, opts.label_chars);
        let date = n.doc.date.as_deref().unwrap_or("");
        let _ = writeln!(
            s,
            "<g><title>{}</title><rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{NODE_W}\" height=\"{NODE_H}\" rx=\"6\" fill=\"{fill}\" stroke=\"{stroke}\"{extra}/>\
<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"#111\">{}</text><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"#111\">{}</text>\
<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" fill=\"#555\">{}</text></g>",
            xml_escape(&format!(
                "{} ({date})\ncited by {} · cites {} · PageRank {:.4}{}",
                n.doc.title,
                n.in_degree,
                n.out_degree,
                n.pagerank,
                n.round.map(|r| format!(" · round {r}")).unwrap_or_default()
            )),
            x + 8.0,
            y + 17.0,
            xml_escape(&l1),
            x + 8.0,
            y + 32.0,
            xml_escape(&l2),
            x + 8.0,
            y + 47.0,
            xml_escape(date)
        );
    }
    let ly = height - MARGIN;
    let _ = writeln!(
        s,
        "<g font-size=\"11\" fill=\"#333\"><rect x=\"{MARGIN}\" y=\"{:.1}\" width=\"14\" height=\"10\" fill=\"#ffd866\" stroke=\"#b8860b\"/><text x=\"{:.1}\" y=\"{ly:.1}\">seed</text>\
<rect x=\"{:.1}\" y=\"{:.1}\" width=\"14\" height=\"10\" fill=\"#e8f0fe\" stroke=\"#4a6fa5\"/><text x=\"{:.1}\" y=\"{ly:.1}\">document</text>\
<rect x=\"{:.1}\" y=\"{:.1}\" width=\"14\" height=\"10\" fill=\"#fff\" stroke=\"#888\" stroke-dasharray=\"3,2\"/><text x=\"{:.1}\" y=\"{ly:.1}\">catalog entry (not in the project)</text>\
<text x=\"{:.1}\" y=\"{ly:.1}\">arrow: cites</text></g>",
        ly - 9.0,
        MARGIN + 20.0,
        MARGIN + 70.0,
        ly - 9.0,
        MARGIN + 90.0,
        MARGIN + 170.0,
        ly - 9.0,
        MARGIN + 190.0,
        MARGIN + 420.0
    );
    s.push_str("</svg>\n");
    s
}
