//! From positioned lines on pages to text with page spans: the layout stage
//! shared by PDF and OFD.
//!
//! Fixed-layout formats store where glyphs go, not paragraphs. This stage
//! drops running headers, footers and page numbers ([`furniture`]), joins
//! the lines of a paragraph — with no space between Chinese characters and
//! with English hyphenation repaired — and keeps paragraph breaks, found from
//! extra vertical space, a first-line indent or a short last line. A
//! paragraph that runs over a page break is joined too; each page's span
//! still starts where its first line's text starts.

mod furniture;
mod glyphs;

pub use furniture::furniture;
pub use glyphs::{lines_from_glyphs, Glyph};

use crate::PageSpan;

/// A line of text with its box (page units, `y` growing downwards).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Left edge.
    pub x0: f32,
    /// Top edge.
    pub y0: f32,
    /// Right edge.
    pub x1: f32,
    /// Bottom edge.
    pub y1: f32,
    /// The line's text, words already spaced.
    pub text: String,
}

impl Line {
    fn height(&self) -> f32 {
        (self.y1 - self.y0).max(0.1)
    }
}

/// A page: its size and its lines in reading order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
    /// Lines in reading order.
    pub lines: Vec<Line>,
}

/// Characters written without spaces around them: Han, kana, CJK and
/// full-width punctuation, and the quotes and dashes Chinese text uses.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{3FFFF}'
        | '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

/// Appends `next` to a paragraph that so far reads `para`, as a wrapped line.
pub fn join_wrapped(para: &mut String, next: &str) {
    let next = next.trim();
    if next.is_empty() {
        return;
    }
    let Some(last) = para.chars().last() else {
        para.push_str(next);
        return;
    };
    let first = next.chars().next().unwrap_or(' ');
    let before_hyphen = para.chars().rev().nth(1).unwrap_or(' ');
    if last == '-' && before_hyphen.is_ascii_alphabetic() && first.is_ascii_lowercase() {
        para.pop();
    } else if !(is_cjk(last) || is_cjk(first)) {
        para.push(' ');
    }
    para.push_str(next);
}

/// Page geometry that decides paragraph breaks.
struct Metrics {
    left: f32,
    right: f32,
    height: f32,
    pitch: f32,
}

fn median(mut v: Vec<f32>) -> Option<f32> {
    v.sort_by(f32::total_cmp);
    v.get(v.len() / 2).copied()
}

/// Metrics of a page's lines; the margins are the document's (`bounds`),
/// since a page with a few short lines does not show where lines end.
fn metrics(lines: &[&Line], (left, right): (f32, f32)) -> Metrics {
    let height = median(lines.iter().map(|l| l.height()).collect()).unwrap_or(10.0);
    let pitches =
        lines.windows(2).map(|w| w[1].y0 - w[0].y0).filter(|&d| d > 0.0 && d < 3.0 * height).collect();
    let pitch = median(pitches).unwrap_or(1.2 * height);
    Metrics { left, right, height, pitch }
}

impl Metrics {
    fn indented(&self, l: &Line) -> bool {
        l.x0 - self.left > 1.2 * self.height
    }
    fn short(&self, l: &Line) -> bool {
        self.right - l.x1 > 2.5 * self.height
    }
    /// Whether `next` starts a new paragraph after `prev` on the same page.
    fn breaks(&self, prev: &Line, next: &Line) -> bool {
        let gap = next.y0 - prev.y0;
        gap <= 0.0 || gap > 1.45 * self.pitch || self.indented(next) || self.short(prev)
    }
}

/// Assembles pages into one text with the span of each page.
pub fn assemble(pages: &[Page]) -> (String, Vec<PageSpan>) {
    let furniture = furniture(pages);
    let dropped = &furniture;
    let kept = |p: usize| {
        pages[p]
            .lines
            .iter()
            .enumerate()
            .filter(move |(i, l)| !dropped.contains(&(p, *i)) && !l.text.trim().is_empty())
    };
    let bounds = (0..pages.len())
        .flat_map(|p| kept(p).map(|(_, l)| (l.x0, l.x1)))
        .fold((f32::MAX, f32::MIN), |(left, right), (x0, x1)| (left.min(x0), right.max(x1)));
    let mut paragraphs: Vec<String> = Vec::new();
    // (page, paragraph index, byte offset in it) where each page's text begins.
    let mut starts: Vec<(usize, usize)> = Vec::with_capacity(pages.len());
    let mut ends: Vec<(usize, usize)> = Vec::with_capacity(pages.len());
    let mut open = false; // whether the last paragraph may continue
    for p in 0..pages.len() {
        let lines: Vec<&Line> = kept(p).map(|(_, l)| l).collect();
        let m = metrics(&lines, bounds);
        let mut first = true;
        let mut prev: Option<&Line> = None;
        for line in &lines {
            let new_para = match prev {
                Some(prev) => m.breaks(prev, line),
                None => !open || m.indented(line),
            };
            if new_para || paragraphs.is_empty() {
                paragraphs.push(String::new());
            }
            let last = paragraphs.len() - 1;
            join_wrapped(&mut paragraphs[last], &line.text);
            if first {
                // The line's text is now the paragraph's tail.
                let at = paragraphs[last].len().saturating_sub(line.text.trim().len());
                starts.push((last, at));
                first = false;
            }
            prev = Some(line);
        }
        if first {
            starts.push((paragraphs.len(), 0));
        }
        ends.push((paragraphs.len().saturating_sub(1), paragraphs.last().map_or(0, String::len)));
        open = prev.is_some_and(|l| !m.short(l));
    }
    render(&paragraphs, &starts, &ends)
}

/// Joins paragraphs with blank lines and turns (paragraph, byte) marks into
/// code-point offsets.
fn render(
    paragraphs: &[String],
    starts: &[(usize, usize)],
    ends: &[(usize, usize)],
) -> (String, Vec<PageSpan>) {
    let mut text = String::new();
    let mut para_at = Vec::with_capacity(paragraphs.len() + 1); // code-point offset of each paragraph
    let mut chars = 0usize;
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 {
            text.push_str("\n\n");
            chars += 2;
        }
        para_at.push(chars);
        text.push_str(p);
        chars += p.chars().count();
    }
    para_at.push(chars);
    let offset = |(para, byte): (usize, usize)| match paragraphs.get(para) {
        Some(p) => para_at[para] + p.get(..byte).map_or(0, |s| s.chars().count()),
        None => chars,
    };
    let spans = starts
        .iter()
        .zip(ends)
        .enumerate()
        .map(|(i, (&s, &e))| {
            let start = offset(s);
            let end = offset(e).max(start);
            PageSpan { page: i as u32 + 1, start, end }
        })
        .collect();
    (text, spans)
}

#[cfg(test)]
mod tests;
