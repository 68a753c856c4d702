//! The legend under the citation graph: only the marks the figure uses,
//! laid out in rows that fit its width.

use std::fmt::Write;

use super::{EDGE, LATER, OUTSIDE, PLAIN};
use crate::graph::CitationGraph;
use crate::model::VersionStatus;

const ROW_H: f64 = 20.0;
const SWATCH_W: f64 = 22.0;
const GAP: f64 = 18.0;
/// Width of one character of legend text (11px sans-serif, ASCII), on the
/// wide side: pages may draw the figure in their own, wider, font.
const CHAR_W: f64 = 6.6;

/// What an entry shows before its text.
enum Swatch {
    /// A node's dot: fill and stroke attributes.
    Dot(&'static str, &'static str),
    /// A node's box: fill and stroke attributes.
    Box(&'static str, &'static str),
    /// An edge: stroke attributes.
    Line(String),
}

/// The entries of one figure, placed in rows.
pub(super) struct Legend {
    entries: Vec<(Swatch, String, f64, f64)>,
    rows: usize,
}

impl Legend {
    /// The entries `g` needs, wrapped at `max_width`.
    pub(super) fn new(g: &CitationGraph, snowball: bool, rounds: &[&'static str], max_width: f64) -> Legend {
        let mut items: Vec<(Swatch, String)> = Vec::new();
        if g.nodes.iter().any(|n| n.seed) {
            items.push((Swatch::Dot("#fff", "stroke=\"#000\" stroke-width=\"3\""), "seed".into()));
        }
        if snowball {
            let max = g.nodes.iter().filter_map(|n| n.round).max().unwrap_or(0).min(rounds.len() - 1);
            for (r, colour) in rounds.iter().enumerate().take(max + 1) {
                items.push((Swatch::Dot(colour, ""), format!("round {r}")));
            }
            items.push((Swatch::Dot(OUTSIDE, ""), "not in snowball".into()));
        } else {
            items.push((Swatch::Dot(PLAIN, ""), "document".into()));
        }
        if g.nodes.iter().any(|n| n.external) {
            items.push((
                Swatch::Box("#fff", "stroke=\"#888\" stroke-dasharray=\"3,2\""),
                "catalog entry (not in the project)".into(),
            ));
        }
        items.push((Swatch::Line(format!("stroke=\"{EDGE}\"")), "cites".into()));
        if g.edges.iter().any(|e| e.version == VersionStatus::LaterThanCiting) {
            items.push((
                Swatch::Line(format!("stroke=\"{LATER}\" stroke-dasharray=\"6,4\"")),
                "cites a later version (the version cited is missing)".into(),
            ));
        }
        let (mut x, mut row) = (0.0, 0usize);
        let mut entries = Vec::new();
        for (swatch, text) in items {
            let w = SWATCH_W + text.chars().count() as f64 * CHAR_W;
            if x > 0.0 && x + w > max_width {
                x = 0.0;
                row += 1;
            }
            entries.push((swatch, text, x, row as f64 * ROW_H));
            x += w + GAP;
        }
        Legend { entries, rows: row + 1 }
    }

    /// Height of the drawn legend.
    pub(super) fn height(&self) -> f64 {
        self.rows as f64 * ROW_H
    }

    /// The legend with its top-left corner at `(left, top)`.
    pub(super) fn draw(&self, left: f64, top: f64) -> String {
        let mut s = String::from("<g class=\"legend\" font-size=\"11\" fill=\"#333\">");
        for (swatch, text, dx, dy) in &self.entries {
            let (x, y) = (left + dx, top + dy);
            let _ = match swatch {
                Swatch::Dot(fill, stroke) => write!(
                    s,
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"6\" fill=\"{fill}\" {stroke}/>",
                    x + 7.0,
                    y + 6.0
                ),
                Swatch::Box(fill, stroke) => {
                    write!(s, "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"14\" height=\"10\" fill=\"{fill}\" {stroke}/>", y + 1.0)
                }
                Swatch::Line(stroke) => write!(
                    s,
                    "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" {stroke} stroke-width=\"2\"/>",
                    y + 6.0,
                    x + 16.0,
                    y + 6.0
                ),
            };
            let _ = write!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                x + SWATCH_W,
                y + 10.0,
                super::xml_escape(text)
            );
        }
        s.push_str("</g>\n");
        s
    }
}
