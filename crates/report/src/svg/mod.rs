//! Figures as standalone SVG: the citation graph, trends and a heat map.
//!
//! Each renderer takes plain data and returns an `<svg>` element with every
//! text escaped, so the same figures serve the static site and the web app.

pub mod chart;
pub mod graph;

/// Shortens `s` to at most `max` characters, with `…` when cut.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}
