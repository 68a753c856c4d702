//! The labels a figure shows on document nodes: a short name, wrapped to
//! the box, and distinct within the graph so that no two boxes read alike.
//! The full title stays in the node's tooltip.

use std::collections::BTreeMap;

use super::CitationGraph;

/// The prefix of every national law's title; it says nothing in a figure.
const STATE_PREFIX: &str = "中华人民共和国";

/// The name a figure shows for a document title: without the
/// 中华人民共和国 prefix and without a closing revision note such as
/// `（2021年修订）` (the node shows the date of the version anyway).
pub fn short_title(title: &str) -> String {
    let t = title.trim();
    let t = t.strip_prefix(STATE_PREFIX).filter(|rest| !rest.trim().is_empty()).unwrap_or(t);
    let t = strip_revision_note(t);
    t.trim().to_string()
}

/// `title` without a last parenthesis that only names a revision or an
/// amendment (`（2021年修订）`, `(2018修正)`).
fn strip_revision_note(title: &str) -> &str {
    let Some(body) = title.strip_suffix('）').or_else(|| title.strip_suffix(')')) else { return title };
    let Some(open) = body.rfind(['（', '(']) else { return title };
    let note = &body[open..];
    // `（试行）` and the like name a different document, so they stay.
    let is_note = ["修订", "修正", "修改"].iter().any(|w| note.contains(w));
    match is_note && open > 0 {
        true => &title[..open],
        false => title,
    }
}

/// Width of a character in half-width units: CJK and full-width forms
/// take two, everything else one.
fn width(c: char) -> usize {
    let wide = matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
    if wide {
        2
    } else {
        1
    }
}

/// Cuts `label` into at most `lines` lines of at most `units` half-width
/// units (a CJK character is two). Latin text breaks at a space when one
/// is near; a label that does not fit ends its last line with `…`. `tail`
/// (e.g. ` (2021)`) always ends the last line, whole.
pub fn wrap(label: &str, units: usize, lines: usize, tail: &str) -> Vec<String> {
    let units = units.max(4);
    let lines = lines.max(1);
    let tail_w: usize = tail.chars().map(width).sum();
    let chars: Vec<char> = label.chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < chars.len() && out.len() < lines {
        let last = out.len() + 1 == lines;
        // Room on this line: the last line keeps space for the tail.
        let room = if last { units.saturating_sub(tail_w).max(1) } else { units };
        let mut end = i;
        let mut used = 0;
        while end < chars.len() && used + width(chars[end]) <= room {
            used += width(chars[end]);
            end += 1;
        }
        let rest_fits =
            last && chars[i..].iter().map(|&c| width(c)).sum::<usize>() + tail_w <= units.max(tail_w);
        if rest_fits {
            end = chars.len();
        } else if end < chars.len() {
            if last {
                // Make room for the ellipsis.
                while end > i && used + 1 > room {
                    end -= 1;
                    used -= width(chars[end]);
                }
                let line: String = chars[i..end].iter().collect();
                out.push(format!("{}…", line.trim_end()));
                break;
            }
            // Break Latin text at the last space of the line, when there is one.
            if chars[end].is_ascii_alphanumeric() && end > i && chars[end - 1].is_ascii_alphanumeric() {
                if let Some(space) = chars[i..end].iter().rposition(|c| *c == ' ').filter(|&p| p > 0) {
                    end = i + space + 1;
                }
            }
        }
        let end = end.max(i + 1);
        let line: String = chars[i..end].iter().collect();
        out.push(line.trim_end().to_string());
        i = end;
        while i < chars.len() && chars[i] == ' ' {
            i += 1;
        }
    }
    if out.is_empty() {
        out.push(String::new());
    }
    // The tail ends the last line, or starts a line of its own when the
    // text filled its lines before the last.
    let last_w: usize = out.last().map_or(0, |l| l.chars().map(width).sum());
    if !tail.is_empty() {
        if last_w + tail_w > units && out.len() < lines {
            out.push(tail.trim_start().to_string());
        } else if let Some(last) = out.last_mut() {
            last.push_str(tail);
        }
    }
    out
}

/// The lines drawn on every node of `g` (at most two lines of `units`
/// half-width units): the short title, and where two nodes would read
/// alike, the year of the version and then the document id after it, so
/// that no two nodes show the same label.
pub fn node_labels(g: &CitationGraph, units: usize) -> Vec<Vec<String>> {
    let titles: Vec<String> = g.nodes.iter().map(|n| short_title(&n.doc.title)).collect();
    let mut labels: Vec<Vec<String>> = titles.iter().map(|t| wrap(t, units, 2, "")).collect();
    let tails: [&dyn Fn(usize) -> Option<String>; 2] =
        [&|i| g.nodes[i].year.map(|y| format!(" ({y})")), &|i| {
            Some(g.nodes[i].doc.id.map_or_else(|| format!(" [{}]", i + 1), |id| format!(" #{id}")))
        }];
    for tail in tails {
        let clashes = clashing(&labels);
        if clashes.is_empty() {
            break;
        }
        for i in clashes {
            if let Some(t) = tail(i) {
                labels[i] = wrap(&titles[i], units, 2, &t);
            }
        }
    }
    labels
}

/// Indices of nodes whose drawn lines equal another node's.
fn clashing(labels: &[Vec<String>]) -> Vec<usize> {
    let mut seen: BTreeMap<&[String], Vec<usize>> = BTreeMap::new();
    for (i, l) in labels.iter().enumerate() {
        seen.entry(l.as_slice()).or_default().push(i);
    }
    let mut out: Vec<usize> = seen.into_values().filter(|v| v.len() > 1).flatten().collect();
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests;
