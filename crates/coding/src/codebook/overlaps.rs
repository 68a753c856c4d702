//! Warnings about terms that contain other terms or their own exclusions.

use super::validate::Ctx;
use super::{Matcher, Rule};

/// Warns about terms that contain other terms of the same code where the
/// shorter one already codes every hit of the longer (its ends inside the
/// longer are marked `*`: a whole-word term does not match inside a longer
/// word) and exclusions that
/// make a term unable to code. Containment is found with one automaton
/// over the terms (and one over each rule's exclusions), so the time
/// follows the terms' total length and the warnings, not their square.
pub(super) fn term_overlaps(rules: &[Rule], path: &str, at: usize, cx: &mut Ctx<'_, '_>) {
    let mut all: Vec<&str> = Vec::new();
    for r in rules {
        if let Matcher::Terms(t) = &r.matcher {
            all.extend(t.iter().map(String::as_str));
            let excluded: Vec<&str> = r.exclude.iter().map(|x| x.trim_matches('*')).collect();
            let Some(exclusions) = automaton(&excluded) else { continue };
            for term in t {
                // The first exclusion (in file order) the term contains.
                if let Some(x) = contained_in(&exclusions, term).first().map(|&k| &r.exclude[k]) {
                    cx.warn(
                        at,
                        format!(
                            "in `{path}`, term `{term}` contains its own exclusion `{x}`: it never codes"
                        ),
                    );
                }
            }
        }
    }
    for (long, short) in containment_pairs(&all) {
        let (long, short) = (all[long], all[short]);
        cx.warn(
            at,
            format!("in `{path}`, term `{long}` contains term `{short}`: every hit of the longer is a hit of the shorter (the longer match is kept)"),
        );
    }
}

/// Pairs `(i, j)` where term `i` contains a different term `j`, ordered by
/// `i` then `j` (duplicates of a term each count).
fn containment_pairs(all: &[&str]) -> Vec<(usize, usize)> {
    let bodies: Vec<&str> = all.iter().map(|t| t.trim_matches('*')).collect();
    let Some(automaton) = automaton(&bodies) else { return Vec::new() };
    let mut out = Vec::new();
    for (i, long) in bodies.iter().enumerate() {
        for j in contained_in(&automaton, long) {
            if i != j && *long != bodies[j] && covers(all[i], all[j]) {
                out.push((i, j));
            }
        }
    }
    out
}

/// Whether every hit of term `long` is also a hit of term `short` (whose
/// body it contains): some place of `short` in `long` has each end either
/// at the same end of `long` (and `long` keeps its word boundary there) or
/// marked `*`.
fn covers(long: &str, short: &str) -> bool {
    let (lb, sb) = (long.trim_matches('*'), short.trim_matches('*'));
    let (free_left, free_right) = (short.starts_with('*'), short.ends_with('*'));
    lb.match_indices(sb).any(|(p, _)| {
        (free_left || (p == 0 && !long.starts_with('*')))
            && (free_right || (p + sb.len() == lb.len() && !long.ends_with('*')))
    })
}

/// An automaton finding every occurrence of every pattern (duplicates
/// included); `None` when there are no patterns or it cannot be built.
fn automaton(patterns: &[&str]) -> Option<aho_corasick::AhoCorasick> {
    if patterns.is_empty() {
        return None;
    }
    aho_corasick::AhoCorasick::builder().match_kind(aho_corasick::MatchKind::Standard).build(patterns).ok()
}

/// Indexes of the patterns occurring in `haystack`, ascending, each once.
fn contained_in(automaton: &aho_corasick::AhoCorasick, haystack: &str) -> Vec<usize> {
    let mut found: Vec<usize> =
        automaton.find_overlapping_iter(haystack).map(|m| m.pattern().as_usize()).collect();
    found.sort_unstable();
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The pairwise check the automaton replaces.
    fn naive(all: &[&str]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (i, long) in all.iter().enumerate() {
            for (j, short) in all.iter().enumerate() {
                let (l, s) = (long.trim_matches('*'), short.trim_matches('*'));
                if i != j && l != s && l.contains(s) && covers(long, short) {
                    out.push((i, j));
                }
            }
        }
        out
    }

    #[test]
    fn containment_keeps_duplicates_and_file_order() {
        let all = ["*标准", "国际标准", "*标准", "国际标准化", "*化"];
        assert_eq!(containment_pairs(&all), naive(&all));
        assert_eq!(containment_pairs(&all)[0], (1, 0));
    }

    #[test]
    fn a_whole_word_term_does_not_cover_a_longer_word() {
        assert!(!covers("国际标准", "标准"), "标准 is not a word inside 国际标准");
        assert!(covers("国际标准", "*标准"));
        assert!(covers("国际标准化", "国际标准*"));
        assert!(!covers("*国际标准", "国际*"), "the longer may start inside a word");
    }

    proptest! {
        #[test]
        fn term_containment_matches_the_pairwise_check(all in proptest::collection::vec("[*]?[ab国标]{1,4}[*]?", 0..30)) {
            let all: Vec<&str> = all.iter().map(String::as_str).collect();
            prop_assert_eq!(containment_pairs(&all), naive(&all));
        }
    }
}
