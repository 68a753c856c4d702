//! Running headers, footers and page numbers: lines near the top or bottom
//! edge that repeat, at the same height, on most pages (digits compared as
//! one class, so "第 3 页" matches "第 4 页"), and lone page numbers in the
//! margins of any page.

use std::collections::{HashMap, HashSet};

use super::Page;

/// Share of the page height, from each edge, where furniture sits.
const EDGE: f32 = 0.15;
/// How far (share of page height) repeats of one header may move.
const SAME_PLACE: f32 = 0.02;
/// How many lines from each edge are candidates.
const PER_EDGE: usize = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Edge {
    Top,
    Bottom,
}

/// Longest line whose digits may differ between repeats ("第 3 页 共 9 页",
/// "2024年第3期"); longer lines must repeat exactly, so that body lines
/// such as "第19条 …" and "第38条 …" heading two pages are never taken for a header.
const MAX_NUMBERED: usize = 20;

/// The text a line is compared by: no whitespace; in short lines, digits as `#`.
fn shape(text: &str) -> String {
    let squashed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if squashed.chars().count() > MAX_NUMBERED {
        return squashed;
    }
    squashed.chars().map(|c| if c.is_ascii_digit() || ('０'..='９').contains(&c) { '#' } else { c }).collect()
}

/// Whether a line is only a page number ("3", "- 3 -", "第 3 页", "3 / 12", "Page 3").
pub fn is_page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.strip_prefix("Page").or_else(|| t.strip_prefix("page")).unwrap_or(&t);
    let digits = t.chars().filter(|c| c.is_ascii_digit() || ('０'..='９').contains(c)).count();
    let rest_ok = t
        .chars()
        .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || "-—–第页共/()（）·.|of".contains(c));
    digits > 0 && digits <= 8 && rest_ok
}

/// The usual distance between the tops of successive lines of a page.
fn pitch(page: &Page, order: &[usize]) -> f32 {
    let mut gaps: Vec<f32> = order
        .windows(2)
        .map(|w| (&page.lines[w[0]], &page.lines[w[1]]))
        .map(|(a, b)| (b.y0 - a.y0, (a.y1 - a.y0).max(0.1)))
        .filter(|&(gap, height)| gap > 0.3 * height && gap < 3.0 * height)
        .map(|(gap, _)| gap)
        .collect();
    gaps.sort_by(f32::total_cmp);
    // Too few lines to measure: single spacing of the usual line height.
    let mut heights: Vec<f32> = page.lines.iter().map(|l| (l.y1 - l.y0).max(0.1)).collect();
    heights.sort_by(f32::total_cmp);
    let single = 1.3 * heights.get(heights.len() / 2).copied().unwrap_or(10.0);
    gaps.get(gaps.len() / 2).copied().unwrap_or(single)
}

/// Where a candidate line was seen: page index, line index, relative height.
type Hit = (usize, usize, f32);

/// Lines to drop, as (page index, line index).
pub fn furniture(pages: &[Page]) -> HashSet<(usize, usize)> {
    let mut dropped = HashSet::new();
    // (edge, shape) → (page, line, relative y) of each candidate.
    let mut seen: HashMap<(Edge, String), Vec<Hit>> = HashMap::new();
    for (p, page) in pages.iter().enumerate() {
        if page.height <= 0.0 {
            continue;
        }
        let mut order: Vec<usize> = (0..page.lines.len()).collect();
        order.sort_by(|&a, &b| page.lines[a].y0.total_cmp(&page.lines[b].y0));
        let n = order.len();
        let pitch = pitch(page, &order);
        for (rank, &i) in order.iter().enumerate() {
            let line = &page.lines[i];
            let top = (line.y0 / page.height).clamp(0.0, 1.0);
            let bottom = (line.y1 / page.height).clamp(0.0, 1.0);
            let edge = if rank < PER_EDGE && top < EDGE {
                Edge::Top
            } else if rank + PER_EDGE >= n && bottom > 1.0 - EDGE {
                Edge::Bottom
            } else {
                continue;
            };
            if is_page_number(&line.text) {
                dropped.insert((p, i));
                continue;
            }
            // Furniture stands apart from the body: more space than the
            // line pitch, or another size; a body line that happens to
            // repeat at the top of pages does not.
            let neighbour = match edge {
                Edge::Top => order.get(rank + 1),
                Edge::Bottom => rank.checked_sub(1).and_then(|r| order.get(r)),
            };
            let apart = neighbour.map(|&j| &page.lines[j]).is_none_or(|other| {
                let gap = (other.y0 - line.y0).abs();
                let size = (line.y1 - line.y0) / (other.y1 - other.y0).max(0.1);
                gap > 1.5 * pitch || !(0.85..=1.15).contains(&size)
            });
            if !apart {
                continue;
            }
            let key = shape(&line.text);
            if !key.is_empty() {
                seen.entry((edge, key)).or_default().push((p, i, top));
            }
        }
    }
    let needed = 2usize.max(pages.len().div_ceil(2));
    for hits in seen.values() {
        let mut ys: Vec<f32> = hits.iter().map(|h| h.2).collect();
        ys.sort_by(f32::total_cmp);
        let mid = ys[ys.len() / 2];
        let here: Vec<_> = hits.iter().filter(|h| (h.2 - mid).abs() <= SAME_PLACE).collect();
        let pages_hit: HashSet<usize> = here.iter().map(|h| h.0).collect();
        if pages.len() >= 2 && pages_hit.len() >= needed {
            dropped.extend(here.iter().map(|h| (h.0, h.1)));
        }
    }
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_in_their_usual_forms() {
        for s in ["3", "- 3 -", "第 3 页", "3 / 12", "Page 3", "— ３ —", "第3页 共12页"] {
            assert!(is_page_number(s), "{s}");
        }
        for s in ["第三条", "2023年", "一、总则", "", "-"] {
            assert!(!is_page_number(s), "{s}");
        }
    }
}
