//! Checks of one rule: its matcher, terms, regex and exclusions.

use std::collections::HashSet;

use policyscope_text::normalize_for_search;
use toml::Spanned;

use super::parse::RawRule;
use super::validate::Ctx;
use super::{Matcher, Rule, Unit};

/// Largest compiled size of one rule's regex; larger patterns are refused
/// rather than allowed to eat memory (the engine never backtracks).
pub(crate) const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// Largest `within` of a proximity rule.
const MAX_WITHIN: i64 = 1000;

pub(super) fn rule(
    r: &Spanned<RawRule>,
    id: String,
    default_unit: Unit,
    cx: &mut Ctx<'_, '_>,
) -> Option<Rule> {
    let raw = r.get_ref();
    let at = r.span().start;
    let given = [raw.terms.is_some(), raw.regex.is_some(), raw.near.is_some()].iter().filter(|&&b| b).count();
    if given != 1 {
        let msg = if given == 0 {
            format!("empty rule `{id}`: give one of `terms`, `regex` or `near`")
        } else {
            format!(
                "rule `{id}` gives more than one of `terms`, `regex`, `near`: split it into several rules"
            )
        };
        cx.error(at, msg);
        return None;
    }
    let matcher = if let Some(t) = &raw.terms {
        if t.get_ref().is_empty() {
            cx.error(t.span().start, format!("empty rule `{id}`: `terms` is empty"));
            return None;
        }
        Matcher::Terms(terms(t.get_ref(), cx)?)
    } else if let Some(re) = &raw.regex {
        check_regex(re, cx)?;
        Matcher::Regex(re.get_ref().clone())
    } else {
        let near = raw.near.as_ref()?.get_ref();
        let within = *near.within.get_ref();
        if !(0..=MAX_WITHIN).contains(&within) {
            cx.error(near.within.span().start, format!("`within` must be between 0 and {MAX_WITHIN}"));
        }
        if near.a.is_empty() || near.b.is_empty() {
            cx.error(at, format!("empty rule `{id}`: `near` needs terms in both `a` and `b`"));
            return None;
        }
        Matcher::Near { a: terms(&near.a, cx)?, b: terms(&near.b, cx)?, within: within.max(0) as usize }
    };
    let exclude = if raw.exclude.is_empty() { Vec::new() } else { terms(&raw.exclude, cx)? };
    Some(Rule { id, matcher, unit: raw.unit.unwrap_or(default_unit), exclude })
}

/// Normalises terms like the text's search view; refuses empty ones.
fn terms(raw: &[Spanned<String>], cx: &mut Ctx<'_, '_>) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut ok = true;
    let mut seen = HashSet::new();
    for t in raw {
        let s = normalize_for_search(t.get_ref().trim());
        let body = s.strip_suffix('*').unwrap_or(&s);
        if body.is_empty() || body.contains('*') {
            cx.error(t.span().start, format!("bad term {:?}: not empty; `*` only at the end", t.get_ref()));
            ok = false;
            continue;
        }
        if !seen.insert(s.clone()) {
            cx.warn(t.span().start, format!("term {:?} is listed twice", t.get_ref()));
            continue;
        }
        out.push(s);
    }
    ok.then_some(out)
}

fn check_regex(re: &Spanned<String>, cx: &mut Ctx<'_, '_>) -> Option<()> {
    let at = re.span().start;
    match regex::RegexBuilder::new(re.get_ref()).size_limit(REGEX_SIZE_LIMIT).build() {
        Err(e) => {
            cx.error(at, format!("bad regex: {}", e.to_string().lines().last().unwrap_or("invalid")));
            None
        }
        Ok(compiled) if compiled.is_match("") => {
            cx.error(
                at,
                format!("regex {:?} matches the empty string: it would code everything", re.get_ref()),
            );
            None
        }
        Ok(_) => {
            if has_upper_literal(re.get_ref()) {
                cx.warn(at, "regex has upper-case letters, but the text it sees is lower-case".into());
            }
            Some(())
        }
    }
}

/// Upper-case ASCII outside escapes and `\p{…}` classes.
fn has_upper_literal(re: &str) -> bool {
    let mut chars = re.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('p' | 'P') if chars.peek() == Some(&'{') => {
                    for d in chars.by_ref() {
                        if d == '}' {
                            break;
                        }
                    }
                }
                _ => {}
            }
        } else if c.is_ascii_uppercase() {
            return true;
        }
    }
    false
}

/// Warns about terms that contain other terms of the same code (the
/// shorter one already codes every hit of the longer) and exclusions that
/// make a term unable to code. Containment is found with one automaton
/// over the terms (and one over each rule's exclusions), so the time
/// follows the terms' total length and the warnings, not their square.
pub(super) fn term_overlaps(rules: &[Rule], path: &str, at: usize, cx: &mut Ctx<'_, '_>) {
    let mut all: Vec<&str> = Vec::new();
    for r in rules {
        if let Matcher::Terms(t) = &r.matcher {
            all.extend(t.iter().map(|s| s.trim_end_matches('*')));
            let excluded: Vec<&str> = r.exclude.iter().map(|x| x.trim_end_matches('*')).collect();
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
    let Some(automaton) = automaton(all) else { return Vec::new() };
    let mut out = Vec::new();
    for (i, long) in all.iter().enumerate() {
        for j in contained_in(&automaton, long) {
            if i != j && *long != all[j] {
                out.push((i, j));
            }
        }
    }
    out
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
                if i != j && long != short && long.contains(short) {
                    out.push((i, j));
                }
            }
        }
        out
    }

    #[test]
    fn containment_keeps_duplicates_and_file_order() {
        let all = ["标准", "国际标准", "标准", "国际标准化", "化"];
        assert_eq!(containment_pairs(&all), naive(&all));
        assert_eq!(containment_pairs(&all)[0], (1, 0));
    }

    proptest! {
        #[test]
        fn term_containment_matches_the_pairwise_check(all in proptest::collection::vec("[ab国标]{1,4}", 0..30)) {
            let all: Vec<&str> = all.iter().map(String::as_str).collect();
            prop_assert_eq!(containment_pairs(&all), naive(&all));
        }
    }
}
