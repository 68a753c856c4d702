//! One pass over a text: literal hits, regex hits, word boundaries,
//! context patterns, proximity within a scope, exclusions, anchors, units,
//! and de-duplication.

use std::collections::HashMap;

use super::doc::{holding, Doc, Span};
use super::{Engine, Hit, Role};
use crate::codebook::{Scope, Unit};

/// An occurrence of a pattern (or a regex match) for one rule or code.
#[derive(Debug, Clone, Copy)]
struct Occ {
    /// Rule index (code index for anchors).
    owner: usize,
    role: Role,
    start: usize,
    end: usize,
    /// Whether the start / end must still be checked against the
    /// segmenter's word boundaries.
    left: bool,
    right: bool,
}

/// Converts byte offsets (any order) to code points with one forward walk
/// over the stretches between matches (a code point starts at every byte
/// that is not a UTF-8 continuation byte).
fn to_chars(text: &[u8], occs: &mut [Occ]) {
    let mut points: Vec<usize> = occs.iter().flat_map(|o| [o.start, o.end]).collect();
    points.sort_unstable();
    points.dedup();
    let mut map: HashMap<usize, usize> = HashMap::with_capacity(points.len());
    let (mut byte, mut chars) = (0usize, 0usize);
    for p in points {
        chars += text[byte..p].iter().filter(|b| (**b & 0xC0) != 0x80).count();
        byte = p;
        map.insert(p, chars);
    }
    for o in occs.iter_mut() {
        o.start = map[&o.start];
        o.end = map[&o.end];
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// `[start, end)` spans in code points.
pub type Spans = Vec<(usize, usize)>;

/// Every literal and regex occurrence, in bytes, with ASCII word ends
/// already checked.
fn occurrences(engine: &Engine, bytes: &[u8]) -> Vec<Occ> {
    let mut raw: Vec<Occ> = Vec::new();
    let mut gates_seen: Vec<bool> = vec![false; engine.rules.len()];
    if let Some(ac) = &engine.ac {
        for m in ac.find_overlapping_iter(bytes) {
            let p = &engine.patterns[m.pattern().as_usize()];
            for &(owner, role) in &p.uses {
                if role == Role::Gate {
                    gates_seen[owner] = true;
                }
            }
            let (bs, mut be) = (m.start(), m.end());
            let (ascii_left, ascii_right) = p.ascii_ends;
            if p.left_word && ascii_left && bs > 0 && is_word_byte(bytes[bs - 1]) {
                continue;
            }
            if p.right_word && ascii_right && be < bytes.len() && is_word_byte(bytes[be]) {
                continue;
            }
            if p.prefix {
                while be < bytes.len() && is_word_byte(bytes[be]) {
                    be += 1;
                }
            }
            let (left, right) = (p.left_word && !ascii_left, p.right_word && !ascii_right);
            raw.extend(p.uses.iter().filter(|u| u.1 != Role::Gate).map(|&(owner, role)| Occ {
                owner,
                role,
                start: bs,
                end: be,
                left,
                right,
            }));
        }
    }
    for (rule, re, gated) in &engine.regexes {
        if *gated && !gates_seen[*rule] {
            continue;
        }
        for m in re.find_iter(bytes) {
            if m.start() < m.end() {
                let (start, end) = (m.start(), m.end());
                raw.push(Occ { owner: *rule, role: Role::Term, start, end, left: false, right: false });
            }
        }
    }
    raw
}

pub(super) fn code(engine: &Engine, text: &[u8], load_spans: &mut dyn FnMut() -> (Spans, Spans)) -> Vec<Hit> {
    let n_rules = engine.rules.len();
    let mut raw = occurrences(engine, text);
    // Nothing can code: the passages need not even be read.
    if raw.iter().all(|r| matches!(r.role, Role::Exclude | Role::Anchor)) {
        return Vec::new();
    }
    to_chars(text, &mut raw);
    let mut terms: Vec<Vec<Occ>> = vec![Vec::new(); n_rules];
    let mut near_a: Vec<Vec<Occ>> = vec![Vec::new(); n_rules];
    let mut near_b: Vec<Vec<Occ>> = vec![Vec::new(); n_rules];
    let mut excl: Vec<Vec<Span>> = vec![Vec::new(); n_rules];
    let mut anchors: Vec<Vec<Occ>> = vec![Vec::new(); engine.anchors.len()];
    for o in raw {
        match o.role {
            Role::Term => terms[o.owner].push(o),
            Role::NearA => near_a[o.owner].push(o),
            Role::NearB => near_b[o.owner].push(o),
            Role::Exclude => excl[o.owner].push((o.start, o.end)),
            Role::Anchor => anchors[o.owner].push(o),
            Role::Gate => {}
        }
    }
    // Only read the passages if some rule can fire: a term hit, or a
    // proximity pair within its window (scopes are checked later).
    let possible = engine.rules.iter().enumerate().any(|(r, info)| match info.near {
        None => {
            !terms[r].is_empty()
                && engine.anchors[info.code].as_ref().is_none_or(|_| !anchors[info.code].is_empty())
        }
        Some((within, _)) => !near(&mut near_a[r], &mut near_b[r], within, None).is_empty(),
    });
    if !possible {
        return Vec::new();
    }
    let (sentences, paragraphs) = load_spans();
    let doc = Doc::new(text, &sentences, &paragraphs);
    // Does an occurrence count: on word boundaries, outside every context
    // pattern given.
    let counts = |o: &Occ, not_in: &[usize]| {
        ((!o.left && !o.right) || doc.on_words(o.start, o.end, o.left, o.right))
            && not_in.iter().all(|&i| !doc.in_context(o.start, o.end, i, &engine.contexts[i]))
    };

    // (code, start, end) → best candidate.
    let mut best: HashMap<(usize, usize, usize), Hit> = HashMap::new();
    for (r, info) in engine.rules.iter().enumerate() {
        let matches: Vec<Span> = match info.near {
            None => terms[r].iter().filter(|o| counts(o, &info.not_in)).map(|o| (o.start, o.end)).collect(),
            Some((within, scope)) => {
                // Segmenting is the costly part: only terms that have a
                // partner within the window are checked.
                prune(&mut near_a[r], &mut near_b[r], within);
                near_a[r].retain(|o| counts(o, &info.not_in));
                near_b[r].retain(|o| counts(o, &info.not_in));
                near(&mut near_a[r], &mut near_b[r], within, Some((&doc, scope)))
            }
        };
        if matches.is_empty() {
            continue;
        }
        excl[r].sort_unstable();
        let anchor = engine.anchors[info.code].as_ref();
        for (ms, me) in matches {
            let sentence = holding(doc.sentences, ms, me).map(|i| doc.sentences[i]);
            let paragraph = holding(doc.paragraphs, ms, me).map(|i| doc.paragraphs[i]);
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
            if let Some(a) = anchor {
                let (ss, se) = doc.scope_of(ms, me, a.scope);
                let anchored =
                    anchors[info.code].iter().any(|o| ss <= o.start && o.end <= se && counts(o, &a.not_in));
                if !anchored {
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
                confidence: info.confidence,
            };
            let rank = |h: &Hit| (std::cmp::Reverse(h.confidence), h.rule, h.match_start);
            best.entry((info.code, us, ue))
                .and_modify(|h| {
                    if rank(&hit) < rank(h) {
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

/// Keeps only the A and B terms that have a term of the other list at most
/// `within` characters away (they alone can pair).
fn prune(a: &mut Vec<Occ>, b: &mut Vec<Occ>, within: usize) {
    let gap = |x: &Occ, y: &Occ| {
        if y.start >= x.end {
            y.start - x.end
        } else {
            x.start.saturating_sub(y.end)
        }
    };
    let near_any = |x: &Occ, others: &[Occ], longest: usize| {
        let lo = x.start.saturating_sub(within + longest);
        let from = others.partition_point(|y| y.start < lo);
        others[from..]
            .iter()
            .take_while(|y| y.start <= x.end + within)
            .any(|y| (y.start, y.end) != (x.start, x.end) && gap(x, y) <= within)
    };
    a.sort_unstable_by_key(|o| (o.start, o.end));
    b.sort_unstable_by_key(|o| (o.start, o.end));
    let longest_a = a.iter().map(|x| x.end - x.start).max().unwrap_or(0);
    let longest_b = b.iter().map(|x| x.end - x.start).max().unwrap_or(0);
    let keep_a: Vec<bool> = a.iter().map(|x| near_any(x, b, longest_b)).collect();
    let keep_b: Vec<bool> = b.iter().map(|y| near_any(y, a, longest_a)).collect();
    let mut ka = keep_a.into_iter();
    a.retain(|_| ka.next().unwrap_or(false));
    let mut kb = keep_b.into_iter();
    b.retain(|_| kb.next().unwrap_or(false));
}

/// Pairs of an A hit and a B hit at most `within` apart, in one span of
/// `scope` (in any place when `scope` is `None`); each pair becomes a
/// match covering both.
fn near(a: &mut [Occ], b: &mut [Occ], within: usize, scope: Option<(&Doc<'_>, Scope)>) -> Vec<Span> {
    if a.is_empty() || b.is_empty() {
        return Vec::new();
    }
    b.sort_unstable_by_key(|o| (o.start, o.end));
    let longest_b = b.iter().map(|x| x.end - x.start).max().unwrap_or(0);
    let mut out = Vec::new();
    for o in a.iter() {
        let (as_, ae) = (o.start, o.end);
        let home = match scope {
            Some((doc, sc)) => {
                let span = doc.scope_of(as_, ae, sc);
                // An A term that itself crosses the scope cannot pair.
                if sc == Scope::Clause && !(span.0 <= as_ && ae <= span.1) {
                    continue;
                }
                Some(span)
            }
            None => None,
        };
        let lo = as_.saturating_sub(within + longest_b);
        let from = b.partition_point(|x| x.start < lo);
        // Only the nearest B on each side matters for the coded span.
        let mut best: Option<(usize, Span)> = None;
        for x in b[from..].iter().take_while(|x| x.start <= ae + within) {
            let (bs, be) = (x.start, x.end);
            if (bs, be) == (as_, ae) {
                continue;
            }
            let gap = if bs >= ae { bs - ae } else { as_.saturating_sub(be) };
            let inside = home.is_none_or(|(hs, he)| hs <= bs && be <= he);
            if gap > within || !inside {
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

    fn occ(start: usize, end: usize) -> Occ {
        Occ { owner: 0, role: Role::Term, start, end, left: false, right: false }
    }

    #[test]
    fn converts_byte_offsets_to_code_points() {
        let text = "a国b际c";
        let mut offs = vec![occ(1, 4), occ(5, 8), occ(0, 9)];
        to_chars(text.as_bytes(), &mut offs);
        assert_eq!(offs.iter().map(|o| (o.start, o.end)).collect::<Vec<_>>(), vec![(1, 2), (3, 4), (0, 5)]);
    }

    #[test]
    fn near_pairs_respect_window_and_scope() {
        let mut a = vec![occ(0, 2), occ(20, 22)];
        let mut b = vec![occ(5, 7)];
        assert_eq!(near(&mut a, &mut b, 3, None), vec![(0, 7)]);
        assert_eq!(near(&mut a, &mut b, 2, None), Vec::<Span>::new());
        let text = "甲".repeat(30);
        let sentences = [(0, 4), (4, 30)];
        let doc = Doc::new(text.as_bytes(), &sentences, &[]);
        assert_eq!(near(&mut a, &mut b, 3, Some((&doc, Scope::Sentence))), Vec::<Span>::new());
    }
}
