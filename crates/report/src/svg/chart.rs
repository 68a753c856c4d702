//! Code × year trends (small multiples of bar charts) and a code × code
//! co-occurrence heat map.

use std::fmt::Write as _;

use super::{shorten, FONT};
use crate::html::escape;

/// Counts by year for one code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    /// Code name.
    pub label: String,
    /// Bar colour.
    pub color: String,
    /// `(year, count)`; years missing count as 0.
    pub values: Vec<(i32, u32)>,
}

const PANEL_W: f64 = 260.0;
const PANEL_H: f64 = 130.0;
const COLS: usize = 3;

/// Small multiples: one bar chart per series over the years `from..=to`,
/// all on the same vertical scale so panels compare.
pub fn trends(series: &[Series], from: i32, to: i32) -> String {
    let years: Vec<i32> = if from <= to { (from..=to).collect() } else { Vec::new() };
    let max = series.iter().flat_map(|s| s.values.iter().map(|v| v.1)).max().unwrap_or(0).max(1);
    let rows = series.len().div_ceil(COLS).max(1);
    let (w, h) = (PANEL_W * COLS as f64, PANEL_H * rows as f64);
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" font-family=\"{FONT}\" viewBox=\"0 0 {w:.0} {h:.0}\" width=\"{w:.0}\" role=\"img\" \
         aria-label=\"Documents per year for each code\" font-size=\"11\">"
    );
    for (i, ser) in series.iter().enumerate() {
        let (ox, oy) = ((i % COLS) as f64 * PANEL_W, (i / COLS) as f64 * PANEL_H);
        let (px, py, pw, ph) = (ox + 28.0, oy + 24.0, PANEL_W - 44.0, PANEL_H - 48.0);
        let _ = write!(
            s,
            "<g class=\"panel\"><text x=\"{tx:.0}\" y=\"{ty:.0}\" font-size=\"13\" font-weight=\"600\">{label}</text>\
             <line x1=\"{px:.0}\" y1=\"{by:.0}\" x2=\"{ex:.0}\" y2=\"{by:.0}\" stroke=\"#9aa3b2\"/>\
             <text x=\"{lx:.0}\" y=\"{my:.0}\" text-anchor=\"end\" fill=\"#5b6475\">{max}</text>\
             <text x=\"{lx:.0}\" y=\"{by:.0}\" text-anchor=\"end\" fill=\"#5b6475\">0</text>",
            tx = ox + 28.0,
            ty = oy + 16.0,
            label = escape(&shorten(&ser.label, 30)),
            by = py + ph,
            ex = px + pw,
            lx = px - 4.0,
            my = py + 8.0,
        );
        let n = years.len().max(1) as f64;
        let bw = pw / n;
        for (k, y) in years.iter().enumerate() {
            let v = ser.values.iter().filter(|(yy, _)| yy == y).map(|v| v.1).sum::<u32>();
            let bh = ph * v as f64 / max as f64;
            if v > 0 {
                let _ = write!(
                    s,
                    "<rect x=\"{x:.1}\" y=\"{y0:.1}\" width=\"{bw2:.1}\" height=\"{bh:.1}\" fill=\"{c}\"><title>{t}</title></rect>",
                    x = px + k as f64 * bw + bw * 0.1,
                    y0 = py + ph - bh,
                    bw2 = bw * 0.8,
                    c = escape(&ser.color),
                    t = escape(&format!("{}: {v} in {y}", ser.label)),
                );
            }
        }
        // Year ticks: first, last and a middle one keep the axis readable.
        let mut ticks = vec![0, years.len().saturating_sub(1)];
        if years.len() > 4 {
            ticks.push(years.len() / 2);
        }
        ticks.sort_unstable();
        ticks.dedup();
        for k in ticks {
            if let Some(y) = years.get(k) {
                let _ = write!(
                    s,
                    "<text x=\"{x:.1}\" y=\"{ty:.0}\" text-anchor=\"middle\" fill=\"#5b6475\">{y}</text>",
                    x = px + (k as f64 + 0.5) * bw,
                    ty = py + ph + 14.0
                );
            }
        }
        s.push_str("</g>");
    }
    s.push_str("</svg>");
    s
}

/// A square heat map of `matrix[i][j]` with `labels` on both axes; cells
/// show their number, darker for larger.
pub fn heatmap(labels: &[String], matrix: &[Vec<u32>]) -> String {
    let n = labels.len();
    let cell = 44.0;
    let margin = 150.0;
    let size = margin + n as f64 * cell + 10.0;
    // Room on the right for the last column's slanted label.
    let width = size + 90.0;
    let max = matrix.iter().flatten().copied().max().unwrap_or(0).max(1);
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" font-family=\"{FONT}\" viewBox=\"0 0 {width:.0} {size:.0}\" width=\"{width:.0}\" role=\"img\" \
         aria-label=\"Code co-occurrence\" font-size=\"11\">"
    );
    for (i, l) in labels.iter().enumerate() {
        let c = margin + i as f64 * cell + cell / 2.0;
        let _ = write!(
            s,
            "<text x=\"{x:.0}\" y=\"{c:.1}\" text-anchor=\"end\" dominant-baseline=\"middle\">{t}</text>\
             <text transform=\"translate({c:.1},{y:.0}) rotate(-45)\">{t}</text>",
            x = margin - 6.0,
            y = margin - 6.0,
            t = escape(&shorten(l, 20)),
        );
    }
    for i in 0..n {
        for j in 0..n {
            let v = matrix.get(i).and_then(|r| r.get(j)).copied().unwrap_or(0);
            let t = v as f64 / max as f64;
            // White to deep blue; text flips to white on dark cells.
            let (r, g, b) = (255.0 - t * 222.0, 255.0 - t * 153.0, 255.0 - t * 83.0);
            let _ = write!(
                s,
                "<rect x=\"{x:.0}\" y=\"{y:.0}\" width=\"{cell}\" height=\"{cell}\" fill=\"rgb({r:.0},{g:.0},{b:.0})\" \
                 stroke=\"#fff\"><title>{tt}</title></rect><text x=\"{cx:.0}\" y=\"{cy:.0}\" text-anchor=\"middle\" \
                 dominant-baseline=\"middle\" fill=\"{fg}\">{v}</text>",
                x = margin + j as f64 * cell,
                y = margin + i as f64 * cell,
                tt = escape(&format!("{} × {}: {v}", labels[i], labels[j])),
                cx = margin + j as f64 * cell + cell / 2.0,
                cy = margin + i as f64 * cell + cell / 2.0,
                fg = if t > 0.55 { "#fff" } else { "#1d2330" },
            );
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trend_bars_scale_to_the_largest_count() {
        let series = vec![
            Series { label: "IPR".into(), color: "#123456".into(), values: vec![(2017, 2), (2019, 4)] },
            Series { label: "<b>".into(), color: "#654321".into(), values: vec![(2018, 1)] },
        ];
        let svg = trends(&series, 2017, 2019);
        assert_eq!(svg.matches("<rect").count(), 3);
        assert!(svg.contains("height=\"82.0\""), "the largest bar fills the panel: {svg}");
        assert!(svg.contains("&lt;b&gt;"));
    }

    #[test]
    fn heatmap_has_a_cell_per_pair() {
        let labels = vec!["A".to_string(), "B".to_string()];
        let svg = heatmap(&labels, &[vec![3, 1], vec![1, 2]]);
        assert_eq!(svg.matches("<rect").count(), 4);
        assert!(svg.contains("A × B: 1"));
    }
}
