//! One pass over a text: literal hits, regex hits, proximity, exclusions,
//! units, and de-duplication.

use std::collections::HashMap;

use super::{Engine, Hit, Role};
use crate::codebook::Unit;

/// Converts byte offsets (any order) to code points with one forward walk
/// over the stretches between matches (a code point starts at every byte
/// that is not a UTF-8 continuation byte).
fn to_chars(text: &[u8], offsets: &mut [(usize, Role, usize, usize)]) {
    let mut points: Vec<usize> = offsets.iter().flat_map(|o| [o.2, o.3]).collect();
    points.sort_unstable();
    points.dedup();
    let mut map: HashMap<usize, usize> = HashMap::with_capacity(points.len());
    let (mut byte, mut chars) = (0usize, 0usize);
    for p in points {
        chars += text[byte..p].iter().filter(|b| (**b & 0xC0) != 0x80).count();
        byte = p;
        map.insert(p, chars);
    }
    for o in offsets.iter_mut() {
        o.2 = map[&o.2];
        o.3 = map[&o.3];
    }
}

/// Index of the span holding `[s, e)`, if one does.
fn holding(spans: &[(usize, usize)], s: usize, e: usize) -> Option<usize> {
    let i = spans.partition_point(|sp| sp.0 <= s).checked_sub(1)?;
    (spans[i].1 >= e && s < spans[i].1).then_some(i)
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// `[start, end)` spans in code points.
pub type Spans = Vec<(usize, usize)>;

pub(super) fn code(engine: &Engine, text: &[u8], load_spans: &mut dyn FnMut() -> (Spans, Spans)) -> Vec<Hit> {
    let bytes = text;
    let n_rules = engine.rules.len();
    // (rule, role, start, end): byte offsets first, code points after.
    let mut raw: Vec<(usize, Role, usize, usize)> = Vec::new();
    if let Some(ac) = &engine.ac {
        for m in ac.find_overlapping_iter(text) {
            let p = &engine.patterns[m.pattern().as_usize()];
            let (bs, mut be) = (m.start(), m.end());
            if p.left_word && bs > 0 && is_word_byte(bytes[bs - 1]) {
                continue;
            }
            if p.right_word && be < bytes.len() && is_word_byte(bytes[be]) {
                continue;
            }
            if p.prefix {
                while be < bytes.len() && is_word_byte(bytes[be]) {
                    be += 1;
                }
            }
            raw.extend(p.uses.iter().map(|&(rule, role)| (rule, role, bs, be)));
        }
    }
    for (rule, re) in &engine.regexes {
        for m in re.find_iter(text) {
            if m.start() < m.end() {
                raw.push((*rule, Role::Term, m.start(), m.end()));
            }
        }
    }
    // Nothing can code: the passages need not even be read.
    if raw.iter().all(|r| r.1 == Role::Exclude) {
        return Vec::new();
    }
    to_chars(text, &mut raw);
    let mut terms: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n_rules];
    let mut near_a: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n_rules];
    let mut near_b: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n_rules];
    let mut excl: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n_rules];
    for &(rule, role, s, e) in &raw {
        let list = match role {
            Role::Term => &mut terms[rule],
            Role::NearA => &mut near_a[rule],
            Role::NearB => &mut near_b[rule],
            Role::Exclude => &mut excl[rule],
        };
        list.push((s, e));
    }
    // Only read the passages if some rule can fire: a term hit, or a
    // proximity pair within its window (the sentence check comes later).
    let possible = engine.rules.iter().enumerate().any(|(r, info)| match info.near {
        None => !terms[r].is_empty(),
        Some(within) => {
            !near_a[r].is_empty()
                && !near_b[r].is_empty()
                && !near(&mut near_a[r], &mut near_b[r], within, None).is_empty()
        }
    });
    if !possible {
        return Vec::new();
    }
    let (sentences, paragraphs) = load_spans();
    let (sentences, paragraphs) = (&sentences[..], &paragraphs[..]);

    // (code, start, end) → best candidate (rule order, then match order).
    let mut best: HashMap<(usize, usize, usize), Hit> = HashMap::new();
    for (r, info) in engine.rules.iter().enumerate() {
        let mut matches = std::mem::take(&mut terms[r]);
        if let Some(within) = info.near {
            matches = near(&mut near_a[r], &mut near_b[r], within, Some(sentences));
        }
        if matches.is_empty() {
            continue;
        }
        excl[r].sort_unstable();
        for (ms, me) in matches {
            let sentence = holding(sentences, ms, me).map(|i| sentences[i]);
            let paragraph = holding(paragraphs, ms, me).map(|i| paragraphs[i]);
            let (us, ue) = match info.unit {
                Unit::Sentence => sentence.or(paragraph).unwrap_or((ms, me)),
                Unit::Paragraph => paragraph.unwrap_or((ms, me)),
                Unit::Match => (ms, me),
            };
            if info.has_exclude {
                let scope = match info.unit {
                    Unit::Paragraph => (us, ue),
                    _ => sentence.or(paragraph).unwrap_or((ms, me)),
                };
                let first = excl[r].partition_point(|x| x.0 < scope.0);
                if excl[r][first..].iter().take_while(|x| x.0 < scope.1).any(|x| x.1 <= scope.1) {
                    continue;
                }
            }
            let hit = Hit {
                code: info.code,
                rule: info.index_in_code,
                start: us,
                end: ue,
                match_start: ms,
                match_end: me,
            };
            best.entry((info.code, us, ue))
                .and_modify(|h| {
                    if (hit.rule, hit.match_start) < (h.rule, h.match_start) {
                        *h = hit.clone();
                    }
                })
                .or_insert(hit);
        }
    }
    let mut hits: Vec<Hit> = best.into_values().collect();
    hits.sort_unstable_by_key(|h| (h.code, h.start, std::cmp::Reverse(h.end)));
    // A hit inside another hit of the same code adds nothing (unit `match`
    // with a term inside a longer term).
    let mut kept: Vec<Hit> = Vec::with_capacity(hits.len());
    for h in hits {
        let inside =
            kept.iter().rev().take_while(|k| k.code == h.code).any(|k| k.start <= h.start && h.end <= k.end);
        if !inside {
            kept.push(h);
        }
    }
    kept.sort_unstable_by_key(|h| (h.start, h.end, h.code));
    kept
}

/// Pairs of an A hit and a B hit at most `within` apart in one sentence
/// (in any place when `sentences` is `None`); each pair becomes a match
/// covering both.
fn near(
    a: &mut [(usize, usize)],
    b: &mut [(usize, usize)],
    within: usize,
    sentences: Option<&[(usize, usize)]>,
) -> Vec<(usize, usize)> {
    b.sort_unstable();
    let longest_b = b.iter().map(|x| x.1 - x.0).max().unwrap_or(0);
    let mut out = Vec::new();
    for &(as_, ae) in a.iter() {
        let sa = match sentences {
            Some(ss) => match holding(ss, as_, ae) {
                Some(i) => Some(i),
                None => continue,
            },
            None => None,
        };
        let lo = as_.saturating_sub(within + longest_b);
        let from = b.partition_point(|x| x.0 < lo);
        // Only the nearest B on each side matters for the coded span.
        let mut best: Option<(usize, (usize, usize))> = None;
        for &(bs, be) in b[from..].iter().take_while(|x| x.0 <= ae + within) {
            if (bs, be) == (as_, ae) {
                continue;
            }
            let gap = if bs >= ae { bs - ae } else { as_.saturating_sub(be) };
            if gap > within || sentences.is_some_and(|ss| holding(ss, bs, be) != sa) {
                continue;
            }
            if best.is_none_or(|(g, _)| gap < g) {
                best = Some((gap, (as_.min(bs), ae.max(be))));
            }
        }
        if let Some((_, span)) = best {
            out.push(span);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_span_holding_a_range() {
        let spans = [(0, 5), (6, 10), (12, 20)];
        assert_eq!(holding(&spans, 0, 5), Some(0));
        assert_eq!(holding(&spans, 7, 9), Some(1));
        assert_eq!(holding(&spans, 4, 7), None, "crosses a boundary");
        assert_eq!(holding(&spans, 10, 11), None, "between spans");
        assert_eq!(holding(&[], 0, 1), None);
    }

    #[test]
    fn converts_byte_offsets_to_code_points() {
        let text = "a国b际c";
        let mut offs = vec![(0, Role::Term, 1, 4), (0, Role::Term, 5, 8), (0, Role::Term, 0, 9)];
        to_chars(text.as_bytes(), &mut offs);
        assert_eq!(offs.iter().map(|o| (o.2, o.3)).collect::<Vec<_>>(), vec![(1, 2), (3, 4), (0, 5)]);
    }

    #[test]
    fn near_pairs_respect_window_and_sentences() {
        let mut a = vec![(0, 2), (20, 22)];
        let mut b = vec![(5, 7)];
        assert_eq!(near(&mut a, &mut b, 3, None), vec![(0, 7)]);
        assert_eq!(near(&mut a, &mut b, 2, None), Vec::<(usize, usize)>::new());
        assert_eq!(near(&mut a, &mut b, 3, Some(&[(0, 4), (4, 30)])), Vec::<(usize, usize)>::new());
    }
}
