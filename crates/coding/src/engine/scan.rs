//! One pass over a text: literal hits, regex hits, proximity, exclusions,
//! units, and de-duplication.

use std::collections::HashMap;

use super::{Engine, Hit, Role};
use crate::codebook::Unit;

/// Maps byte offsets of one text to code points.
struct Offsets {
    /// Byte offset of every char start, then the text length.
    starts: Vec<usize>,
}

impl Offsets {
    fn new(text: &str) -> Offsets {
        let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        starts.push(text.len());
        Offsets { starts }
    }
    fn char_at(&self, byte: usize) -> usize {
        self.starts.partition_point(|&b| b < byte)
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

pub(super) fn code(engine: &Engine, text: &str, sentences: &[(usize, usize)], paragraphs: &[(usize, usize)]) -> Vec<Hit> {
    let off = Offsets::new(text);
    let bytes = text.as_bytes();
    let n_rules = engine.rules.len();
    // Per rule: term (or regex) hits, near-A, near-B and exclusion hits, in code points.
    let mut terms: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n_rules];
    let mut near_a: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n_rules];
    let mut near_b: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n_rules];
    let mut excl: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n_rules];
    if let Some(ac) = &engine.ac {
        for m in ac.find_overlapping_iter(text) {
            let p = &engine.patterns[m.pattern().as_usize()];
            let (mut bs, mut be) = (m.start(), m.end());
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
            bs = off.char_at(bs);
            be = off.char_at(be);
            for &(rule, role) in &p.uses {
                let list = match role {
                    Role::Term => &mut terms[rule],
                    Role::NearA => &mut near_a[rule],
                    Role::NearB => &mut near_b[rule],
                    Role::Exclude => &mut excl[rule],
                };
                list.push((bs, be));
            }
        }
    }
    for (rule, re) in &engine.regexes {
        for m in re.find_iter(text) {
            if m.start() < m.end() {
                terms[*rule].push((off.char_at(m.start()), off.char_at(m.end())));
            }
        }
    }

    // (code, start, end) → best candidate (rule order, then match order).
    let mut best: HashMap<(usize, usize, usize), Hit> = HashMap::new();
    for (r, info) in engine.rules.iter().enumerate() {
        let mut matches = std::mem::take(&mut terms[r]);
        if let Some(within) = info.near {
            matches = near(&mut near_a[r], &mut near_b[r], within, sentences);
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
            let hit = Hit { code: info.code, rule: info.index_in_code, start: us, end: ue, match_start: ms, match_end: me };
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
        let inside = kept.iter().rev().take_while(|k| k.code == h.code).any(|k| k.start <= h.start && h.end <= k.end);
        if !inside {
            kept.push(h);
        }
    }
    kept.sort_unstable_by_key(|h| (h.start, h.end, h.code));
    kept
}

/// Pairs of an A hit and a B hit at most `within` apart in one sentence;
/// each pair becomes a match covering both.
fn near(
    a: &mut [(usize, usize)],
    b: &mut [(usize, usize)],
    within: usize,
    sentences: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    b.sort_unstable();
    let longest_b = b.iter().map(|x| x.1 - x.0).max().unwrap_or(0);
    let mut out = Vec::new();
    for &(as_, ae) in a.iter() {
        let Some(sa) = holding(sentences, as_, ae) else { continue };
        let lo = as_.saturating_sub(within + longest_b);
        let from = b.partition_point(|x| x.0 < lo);
        // Only the nearest B on each side matters for the coded span.
        let mut best: Option<(usize, (usize, usize))> = None;
        for &(bs, be) in b[from..].iter().take_while(|x| x.0 <= ae + within) {
            if (bs, be) == (as_, ae) {
                continue;
            }
            let gap = if bs >= ae { bs - ae } else { as_.saturating_sub(be) };
            if gap > within || holding(sentences, bs, be) != Some(sa) {
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
