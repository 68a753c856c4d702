//! Where the boxes and arrows of the citation graph go. Layers (years or
//! snowball rounds) are rows from top to bottom, the oldest first, so a
//! figure grows downwards with time and stays about as wide as the busiest
//! year: it fits a page, on screen and on paper, at a legible size.

/// Box of a document.
pub(super) const NODE_W: f64 = 184.0;
/// Box height: two lines of label and the date.
pub(super) const NODE_H: f64 = 57.0;
/// Space between two boxes of a row.
const GAP_X: f64 = 22.0;
/// Space between rows, where the arrows run.
const GAP_Y: f64 = 34.0;
/// Outer margin.
pub(super) const MARGIN: f64 = 24.0;
/// Room on the left for the row's year (or round).
const GUTTER: f64 = 74.0;
/// Room on the right for arrows that bend around rows.
const RIGHT_ROOM: f64 = 48.0;

/// Boxes placed in rows.
pub(super) struct Placed {
    /// Top-left corner of each node's box.
    pub xy: Vec<(f64, f64)>,
    /// Row of each node.
    pub row: Vec<usize>,
    /// Whether each node is the last (rightmost) of its row.
    pub last: Vec<bool>,
    /// Right edge of each row's last box.
    pub row_right: Vec<f64>,
    /// Width of the figure.
    pub width: f64,
    /// Bottom of the last row.
    pub rows_end: f64,
}

/// Top of row `r`.
pub(super) fn row_top(r: usize) -> f64 {
    MARGIN + r as f64 * (NODE_H + GAP_Y)
}

/// The band behind row `r` (`x, y, width, height`) and where its label goes.
pub(super) fn band(r: usize, width: f64) -> ((f64, f64, f64, f64), (f64, f64)) {
    let top = row_top(r) - GAP_Y / 2.0;
    ((MARGIN / 2.0, top, width - MARGIN, NODE_H + GAP_Y), (MARGIN, row_top(r) + NODE_H / 2.0 + 5.0))
}

/// Places every node of `rows` (node indices per row, in drawing order),
/// each row centred on the widest.
pub(super) fn place(rows: &[Vec<usize>], nodes: usize) -> Placed {
    let widest = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let row_w = |n: usize| n as f64 * (NODE_W + GAP_X) - GAP_X;
    let mut xy = vec![(0.0, 0.0); nodes];
    let mut row = vec![0; nodes];
    let mut last = vec![false; nodes];
    let mut row_right = Vec::with_capacity(rows.len());
    for (r, members) in rows.iter().enumerate() {
        let left = MARGIN + GUTTER + (row_w(widest) - row_w(members.len())) / 2.0;
        for (k, &i) in members.iter().enumerate() {
            xy[i] = (left + k as f64 * (NODE_W + GAP_X), row_top(r));
            row[i] = r;
            last[i] = k + 1 == members.len();
        }
        row_right.push(left + row_w(members.len()));
    }
    let width = MARGIN + GUTTER + row_w(widest) + RIGHT_ROOM + MARGIN;
    let rows_end = row_top(rows.len().max(1)) - GAP_Y;
    Placed { xy, row, last, row_right, width, rows_end }
}

/// The path of the arrow from node `s` to node `t`.
pub(super) fn edge_path(p: &Placed, s: usize, t: usize) -> String {
    let ((sx, sy), (tx, ty)) = (p.xy[s], p.xy[t]);
    let (rs, rt) = (p.row[s], p.row[t]);
    let (x1, x2) = (sx + NODE_W / 2.0, tx + NODE_W / 2.0);
    if rs == rt {
        // Same row: an arc over the boxes, from top to top.
        let bulge = (GAP_Y * 0.9 + (x1 - x2).abs() * 0.04).min(GAP_Y * 1.4);
        return format!(
            "M{x1:.1},{sy:.1} C{x1:.1},{:.1} {x2:.1},{:.1} {x2:.1},{ty:.1}",
            sy - bulge,
            ty - bulge
        );
    }
    let span = rs.abs_diff(rt);
    if span >= 2 && p.last[s] && p.last[t] {
        // Over rows in between, from the right side of the last box of a
        // row to that of another: bow out beyond every box in between, in
        // the room kept on the right (further for longer jumps).
        let (lo, hi) = (rs.min(rt), rs.max(rt));
        let clear = p.row_right[lo..=hi].iter().fold(0.0f64, |m, &r| m.max(r))
            + 10.0
            + 5.0 * (span - 2).min(6) as f64;
        let (ax, bx) = (sx + NODE_W, tx + NODE_W);
        let (ay, by) = (sy + NODE_H / 2.0, ty + NODE_H / 2.0);
        // A cubic with both controls at `c` reaches 3/4 of the way to it.
        let c = ax.min(bx) + (clear - ax.min(bx)) / 0.75;
        return format!("M{ax:.1},{ay:.1} C{c:.1},{ay:.1} {c:.1},{by:.1} {bx:.1},{by:.1}");
    }
    // From the side of the source that faces the target to the facing side
    // of the target.
    let down = rt > rs;
    let y1 = if down { sy + NODE_H } else { sy };
    let y2 = if down { ty } else { ty + NODE_H };
    let dir = if down { 1.0 } else { -1.0 };
    // Other arrows that jump over rows bow out to the right, towards the
    // gaps beside the boxes in between.
    let bow =
        if span >= 2 { (NODE_W / 2.0 + GAP_X / 2.0) / 0.75 + 6.0 * (span - 2).min(6) as f64 } else { 0.0 };
    // Controls between the ends: a vertical arrow stays straight, without
    // overshooting its head.
    let reach = (y2 - y1).abs() * 0.4;
    format!(
        "M{x1:.1},{y1:.1} C{:.1},{:.1} {:.1},{:.1} {x2:.1},{y2:.1}",
        x1 + bow,
        y1 + dir * reach,
        x2 + bow,
        y2 - dir * reach
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_centred_on_the_widest_and_the_figure_is_as_wide_as_it() {
        let placed = place(&[vec![0], vec![1, 2, 3], vec![4]], 5);
        assert_eq!(placed.row, vec![0, 1, 1, 1, 2]);
        assert_eq!(placed.xy[1].0, MARGIN + GUTTER);
        let middle = placed.xy[2].0;
        assert!((placed.xy[0].0 - middle).abs() < 1e-9, "a lone box sits under the middle of the widest row");
        assert!(placed.xy[0].1 < placed.xy[1].1 && placed.xy[1].1 < placed.xy[4].1);
        assert!(placed.width < 4.0 * (NODE_W + GAP_X) + GUTTER + 2.0 * MARGIN + RIGHT_ROOM);
    }
}
