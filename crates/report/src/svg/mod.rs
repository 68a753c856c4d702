//! Figures as standalone SVG: the citation graph, trends and a heat map.
//!
//! Each renderer takes plain data and returns an `<svg>` element with every
//! text escaped, so the same figures serve the static site and the web app.

pub mod chart;
pub mod graph;

/// Fonts of the figures: set on the `<svg>` so a figure shown as an image
/// (which does not inherit the page's CSS) still uses a CJK sans-serif.
pub const FONT: &str = "system-ui, -apple-system, &quot;Segoe UI&quot;, &quot;Noto Sans CJK SC&quot;, &quot;PingFang SC&quot;, &quot;Microsoft YaHei&quot;, sans-serif";

pub use policyscope_text::shorten;
