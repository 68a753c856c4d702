//! From single positioned glyphs to lines (for OFD, which stores text in
//! drawing order: objects may come in any order, and one object may hold a
//! single character).

use super::{is_cjk, Line};

/// One character placed on a page (`y` is the baseline, growing downwards).
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Left edge of the character.
    pub x: f32,
    /// Baseline.
    pub y: f32,
    /// Font size (em height).
    pub size: f32,
    /// Advance width to the next character.
    pub advance: f32,
    /// The character.
    pub ch: char,
}

/// Groups glyphs into lines, top to bottom, each left to right, with a space
/// where a gap between non-CJK characters shows one.
pub fn lines_from_glyphs(mut glyphs: Vec<Glyph>) -> Vec<Line> {
    glyphs.retain(|g| g.x.is_finite() && g.y.is_finite() && g.size.is_finite());
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        match rows.last_mut() {
            Some(row) if (g.y - row[0].y).abs() <= 0.4 * row[0].size.max(g.size).max(0.1) => row.push(g),
            _ => rows.push(vec![g]),
        }
    }
    rows.into_iter().filter_map(line_of).collect()
}

fn line_of(mut row: Vec<Glyph>) -> Option<Line> {
    row.sort_by(|a, b| a.x.total_cmp(&b.x));
    let first = row.first()?;
    let size = row.iter().map(|g| g.size).fold(0.0f32, f32::max).max(0.1);
    let baseline = first.y;
    let (x0, mut x1) = (first.x, first.x);
    let mut text = String::new();
    let mut prev: Option<&Glyph> = None;
    for g in &row {
        if let Some(p) = prev {
            let gap = g.x - (p.x + p.advance.max(0.0));
            if gap > 0.3 * size && !is_cjk(p.ch) && !is_cjk(g.ch) && !p.ch.is_whitespace() && g.ch != ' ' {
                text.push(' ');
            }
        }
        text.push(g.ch);
        x1 = x1.max(g.x + g.advance.max(0.0));
        prev = Some(g);
    }
    Some(Line { x0, y0: baseline - 0.85 * size, x1, y1: baseline + 0.15 * size, text })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(x: f32, y: f32, ch: char) -> Glyph {
        Glyph { x, y, size: 4.0, advance: 4.0, ch }
    }

    #[test]
    fn glyphs_in_drawing_order_come_out_in_reading_order() {
        let glyphs = vec![
            g(8.0, 20.0, '法'),
            g(0.0, 10.0, '第'),
            g(4.0, 20.0, '本'),
            g(4.0, 10.1, '一'),
            g(0.0, 20.0, '依'),
        ];
        let lines = lines_from_glyphs(glyphs);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["第一", "依本法"]);
    }

    #[test]
    fn a_gap_between_latin_letters_is_a_space() {
        let glyphs =
            vec![g(0.0, 5.0, 'A'), g(4.0, 5.0, 'I'), g(12.0, 5.0, 'A'), g(16.0, 5.0, 'c'), g(20.0, 5.0, 't')];
        assert_eq!(lines_from_glyphs(glyphs)[0].text, "AI Act");
    }
}
