//! Hand-written SVG charts for the lab: lines with intervals, heat maps and
//! interval bars, each with a notes block stating the model's assumptions.

pub mod figures;

use std::fmt::Write as _;

const FONT: &str = "system-ui, -apple-system, 'Segoe UI', 'Noto Sans CJK SC', sans-serif";
const PALETTE: [&str; 8] =
    ["#1f6feb", "#d1242f", "#1a7f37", "#9a6700", "#8250df", "#0969da", "#bc4c00", "#57606a"];
const W: f64 = 640.0;
const PLOT_H: f64 = 300.0;
const LEFT: f64 = 64.0;
const TOP: f64 = 40.0;

/// Escapes text for SVG.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A point with an interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// Horizontal value.
    pub x: f64,
    /// Estimate.
    pub y: f64,
    /// Lower end of the interval.
    pub lo: f64,
    /// Upper end of the interval.
    pub hi: f64,
}

/// A labelled line.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Legend text.
    pub label: String,
    /// Points in x order.
    pub points: Vec<Point>,
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let cur = lines.last_mut().map_or(0, |l| l.chars().count());
        if cur + word.chars().count() + 1 > width && cur > 0 {
            lines.push(String::new());
        }
        if let Some(l) = lines.last_mut() {
            if !l.is_empty() {
                l.push(' ');
            }
            l.push_str(word);
        }
    }
    lines
}

fn frame(title: &str, notes: &[String], body: &str) -> String {
    let note_lines: Vec<String> = notes.iter().flat_map(|n| wrap(n, 100)).collect();
    let h = TOP + PLOT_H + 60.0 + 14.0 * note_lines.len() as f64;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W:.0} {h:.0}\" width=\"{W:.0}\" font-family=\"{FONT}\" \
         font-size=\"11\" role=\"img\" aria-label=\"{t}\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\
         <text x=\"{LEFT}\" y=\"22\" font-size=\"14\" font-weight=\"600\">{t}</text>{body}",
        t = escape(title)
    );
    for (i, l) in note_lines.iter().enumerate() {
        let _ = write!(
            s,
            "<text x=\"8\" y=\"{:.0}\" fill=\"#57606a\">{}</text>",
            TOP + PLOT_H + 62.0 + 14.0 * i as f64,
            escape(l)
        );
    }
    s.push_str("</svg>");
    s
}

fn span(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |a, v| (a.0.min(v), a.1.max(v)));
    if !lo.is_finite() {
        (0.0, 1.0)
    } else if hi - lo < 1e-12 {
        (lo - 0.5, hi + 0.5)
    } else {
        (lo, hi)
    }
}

fn axes(s: &mut String, x_label: &str, y_label: &str, (x0, x1): (f64, f64), (y0, y1): (f64, f64), pw: f64) {
    let (bx, by) = (LEFT, TOP + PLOT_H);
    let _ = write!(
        s,
        "<line x1=\"{bx}\" y1=\"{by}\" x2=\"{ex}\" y2=\"{by}\" stroke=\"#8c959f\"/><line x1=\"{bx}\" y1=\"{TOP}\" x2=\"{bx}\" y2=\"{by}\" stroke=\"#8c959f\"/>\
         <text x=\"{mx:.0}\" y=\"{ly:.0}\" text-anchor=\"middle\">{xl}</text>\
         <text transform=\"translate(16 {my:.0}) rotate(-90)\" text-anchor=\"middle\">{yl}</text>",
        ex = LEFT + pw,
        mx = LEFT + pw / 2.0,
        ly = by + 32.0,
        my = TOP + PLOT_H / 2.0,
        xl = escape(x_label),
        yl = escape(y_label)
    );
    // Whole-number ranges of a dozen or less (years) get a tick per unit, others quarters.
    let span = x1 - x0;
    let xticks: Vec<f64> = if x0.fract() == 0.0 && span.fract() == 0.0 && span <= 12.0 {
        (0..=span as u32).map(|i| f64::from(i) / span.max(1.0)).collect()
    } else {
        (0..=4).map(|i| f64::from(i) / 4.0).collect()
    };
    for f in xticks {
        let _ = write!(
            s,
            "<text x=\"{x:.1}\" y=\"{ty:.0}\" text-anchor=\"middle\" fill=\"#57606a\">{xv}</text>",
            x = LEFT + f * pw,
            ty = by + 14.0,
            xv = fmt_num(x0 + f * span),
        );
    }
    for i in 0..=4 {
        let f = f64::from(i) / 4.0;
        let _ = write!(
            s,
            "<text x=\"{tx:.0}\" y=\"{y:.1}\" text-anchor=\"end\" fill=\"#57606a\">{yv}</text>",
            tx = LEFT - 4.0,
            y = by - f * PLOT_H + 4.0,
            yv = fmt_num(y0 + f * (y1 - y0))
        );
    }
}

fn fmt_num(v: f64) -> String {
    if v == v.round() {
        format!("{v:.0}")
    } else if v.abs() >= 100.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

/// Lines with shaded intervals; `y_range` fixes the vertical scale (e.g. 0–1 for probabilities).
pub fn line_chart(
    title: &str,
    x_label: &str,
    y_label: &str,
    lines: &[Line],
    y_range: Option<(f64, f64)>,
    notes: &[String],
) -> String {
    let pw = W - LEFT - 150.0;
    // Undefined points (e.g. P(win) where no run had a scored policy) are left out.
    let lines: Vec<Line> = lines
        .iter()
        .map(|l| Line {
            label: l.label.clone(),
            points: l
                .points
                .iter()
                .copied()
                .filter(|p| [p.x, p.y, p.lo, p.hi].iter().all(|v| v.is_finite()))
                .collect(),
        })
        .collect();
    let xr = span(lines.iter().flat_map(|l| l.points.iter().map(|p| p.x)));
    let yr = y_range
        .unwrap_or_else(|| span(lines.iter().flat_map(|l| l.points.iter().flat_map(|p| [p.lo, p.hi, p.y]))));
    let px = |x: f64| LEFT + (x - xr.0) / (xr.1 - xr.0) * pw;
    let py = |y: f64| TOP + PLOT_H - (y - yr.0) / (yr.1 - yr.0) * PLOT_H;
    let mut s = String::new();
    axes(&mut s, x_label, y_label, xr, yr, pw);
    for (i, line) in lines.iter().enumerate() {
        let c = PALETTE[i % PALETTE.len()];
        let band: Vec<String> = line
            .points
            .iter()
            .map(|p| format!("{:.1},{:.1}", px(p.x), py(p.hi)))
            .chain(line.points.iter().rev().map(|p| format!("{:.1},{:.1}", px(p.x), py(p.lo))))
            .collect();
        let path: Vec<String> =
            line.points.iter().map(|p| format!("{:.1},{:.1}", px(p.x), py(p.y))).collect();
        let _ = write!(
            s,
            "<polygon points=\"{}\" fill=\"{c}\" fill-opacity=\"0.15\"/><polyline points=\"{}\" fill=\"none\" stroke=\"{c}\" stroke-width=\"2\"/>",
            band.join(" "),
            path.join(" ")
        );
        for p in &line.points {
            let _ = write!(
                s,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{c}\"><title>{}: {} [{}, {}]</title></circle>",
                px(p.x),
                py(p.y),
                fmt_num(p.x),
                fmt_num(p.y),
                fmt_num(p.lo),
                fmt_num(p.hi)
            );
        }
        let _ = write!(
            s,
            "<rect x=\"{lx:.0}\" y=\"{ly:.0}\" width=\"10\" height=\"10\" fill=\"{c}\"/><text x=\"{tx:.0}\" y=\"{ty:.0}\">{}</text>",
            escape(&line.label),
            lx = LEFT + pw + 12.0,
            ly = TOP + 16.0 * i as f64,
            tx = LEFT + pw + 26.0,
            ty = TOP + 9.0 + 16.0 * i as f64
        );
    }
    frame(title, notes, &s)
}

/// A heat map of `values[y][x]` (NaN cells blank) on a 0–1 colour scale.
pub fn heatmap(
    title: &str,
    x_label: &str,
    y_label: &str,
    xs: &[String],
    ys: &[String],
    values: &[Vec<f64>],
    notes: &[String],
) -> String {
    let pw = W - LEFT - 150.0;
    let (cw, ch) = (pw / xs.len().max(1) as f64, PLOT_H / ys.len().max(1) as f64);
    let mut s = String::new();
    for (j, row) in values.iter().enumerate() {
        for (i, v) in row.iter().enumerate() {
            if !v.is_finite() {
                continue;
            }
            let t = v.clamp(0.0, 1.0);
            let (r, g, b) = (255.0 - 224.0 * t, 255.0 - 144.0 * t, 255.0 - 20.0 * t);
            let _ = write!(
                s,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{cw:.1}\" height=\"{ch:.1}\" fill=\"rgb({r:.0},{g:.0},{b:.0})\" stroke=\"#fff\">\
                 <title>{}, {}: {:.3}</title></rect>",
                escape(&xs[i]),
                escape(&ys[j]),
                v,
                x = LEFT + i as f64 * cw,
                y = TOP + PLOT_H - (j + 1) as f64 * ch
            );
        }
    }
    for (i, x) in xs.iter().enumerate() {
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.0}\" text-anchor=\"middle\" fill=\"#57606a\">{}</text>",
            LEFT + (i as f64 + 0.5) * cw,
            TOP + PLOT_H + 14.0,
            escape(x)
        );
    }
    for (j, y) in ys.iter().enumerate() {
        let _ = write!(
            s,
            "<text x=\"{:.0}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#57606a\">{}</text>",
            LEFT - 4.0,
            TOP + PLOT_H - (j as f64 + 0.5) * ch + 4.0,
            escape(y)
        );
    }
    let _ = write!(
        s,
        "<text x=\"{:.0}\" y=\"{:.0}\" text-anchor=\"middle\">{}</text><text transform=\"translate(16 {:.0}) rotate(-90)\" text-anchor=\"middle\">{}</text>\
         <text x=\"{:.0}\" y=\"{:.0}\" text-anchor=\"end\" fill=\"#57606a\">colour: 0 (white) to 1 (blue)</text>",
        LEFT + pw / 2.0,
        TOP + PLOT_H + 32.0,
        escape(x_label),
        TOP + PLOT_H / 2.0,
        escape(y_label),
        W - 8.0,
        TOP + PLOT_H + 46.0
    );
    frame(title, notes, &s)
}

/// Horizontal bars with intervals: per label, one bar per measure (`measures` names them).
pub fn bars(
    title: &str,
    labels: &[String],
    measures: &[&str],
    values: &[Vec<Point>],
    notes: &[String],
) -> String {
    let pw = W - 220.0 - 40.0;
    let left = 220.0;
    let all = values.iter().flatten().flat_map(|p| [p.lo, p.hi, p.y, 0.0]);
    let (x0, x1) = span(all);
    let px = |x: f64| left + (x - x0) / (x1 - x0) * pw;
    let group = PLOT_H / labels.len().max(1) as f64;
    let bh = (group - 6.0) / measures.len().max(1) as f64;
    let mut s = format!(
        "<line x1=\"{z:.1}\" y1=\"{TOP}\" x2=\"{z:.1}\" y2=\"{:.0}\" stroke=\"#8c959f\"/>",
        TOP + PLOT_H,
        z = px(0.0)
    );
    for (i, label) in labels.iter().enumerate() {
        let gy = TOP + i as f64 * group;
        let _ = write!(
            s,
            "<text x=\"{:.0}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            left - 6.0,
            gy + group / 2.0 + 4.0,
            escape(label)
        );
        for (m, p) in values.get(i).into_iter().flatten().enumerate() {
            let c = PALETTE[m % PALETTE.len()];
            let y = gy + 3.0 + m as f64 * bh;
            let (a, b) = (px(0.0).min(px(p.y)), px(0.0).max(px(p.y)));
            let _ = write!(
                s,
                "<rect x=\"{a:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"{c}\" fill-opacity=\"0.8\"><title>{}: {:.3} [{:.3}, {:.3}]</title></rect>\
                 <line x1=\"{l:.1}\" y1=\"{my:.1}\" x2=\"{r:.1}\" y2=\"{my:.1}\" stroke=\"#24292f\"/>",
                measures.get(m).copied().unwrap_or(""),
                p.y,
                p.lo,
                p.hi,
                w = b - a,
                h = bh - 1.0,
                l = px(p.lo),
                r = px(p.hi),
                my = y + bh / 2.0
            );
        }
    }
    for (m, name) in measures.iter().enumerate() {
        let _ = write!(
            s,
            "<rect x=\"{x:.0}\" y=\"{y:.0}\" width=\"10\" height=\"10\" fill=\"{c}\"/><text x=\"{tx:.0}\" y=\"{ty:.0}\">{n}</text>",
            c = PALETTE[m % PALETTE.len()],
            x = left + 100.0 * m as f64,
            y = TOP + PLOT_H + 20.0,
            tx = left + 14.0 + 100.0 * m as f64,
            ty = TOP + PLOT_H + 29.0,
            n = escape(name)
        );
    }
    let _ = write!(
        s,
        "<text x=\"{:.0}\" y=\"{:.0}\" text-anchor=\"middle\" fill=\"#57606a\">{} … {}</text>",
        left + pw / 2.0,
        TOP + PLOT_H + 48.0,
        fmt_num(x0),
        fmt_num(x1)
    );
    frame(title, notes, &s)
}
