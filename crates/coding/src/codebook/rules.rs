//! Checks of one rule: its matcher, terms, regex and exclusions.

use std::collections::HashSet;

use policyscope_text::normalize::{fold_char, to_simplified};
use policyscope_text::normalize_for_search;
use toml::Spanned;

use super::parse::{RawAnchors, RawRule};
use super::validate::Ctx;
use super::{Anchors, Confidence, Matcher, Rule, Scope, Unit};

/// Largest compiled size of one rule's regex; larger patterns are refused
/// rather than allowed to eat memory (the engine never backtracks).
pub(crate) const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// Largest `within` of a proximity rule.
const MAX_WITHIN: i64 = 1000;

/// Longest term, exclusion or anchor, in characters.
const MAX_TERM_CHARS: usize = 200;
/// Longest regex or context pattern, in characters.
const MAX_PATTERN_CHARS: usize = 2000;
/// Most terms in one list (`terms`, `a`, `b`, `exclude`, anchors).
const MAX_LIST: usize = 200_000;
/// Most context patterns on one rule or code.
const MAX_NOT_IN: usize = 100;

/// What a code gives all its rules: exclusions and context patterns,
/// already checked.
pub(super) struct CodeWide {
    pub exclude: Vec<String>,
    pub not_in: Vec<String>,
}

pub(super) fn rule(
    r: &Spanned<RawRule>,
    id: String,
    default_unit: Unit,
    wide: &CodeWide,
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
    let words = if raw.substring { Boundary::Substring } else { Boundary::Words };
    let matcher = if let Some(t) = &raw.terms {
        if t.get_ref().is_empty() {
            cx.error(t.span().start, format!("empty rule `{id}`: `terms` is empty"));
            return None;
        }
        Matcher::Terms(terms(t.get_ref(), words, cx)?)
    } else if let Some(re) = &raw.regex {
        check_regex(re, cx)?;
        Matcher::Regex(fold_pattern(re.get_ref()))
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
        Matcher::Near {
            a: terms(&near.a, words, cx)?,
            b: terms(&near.b, words, cx)?,
            within: within.max(0) as usize,
            scope: near.scope.unwrap_or(Scope::Clause),
        }
    };
    let mut exclude = phrases(&raw.exclude, cx)?;
    exclude.extend(wide.exclude.iter().filter(|x| !raw_has(&raw.exclude, x)).cloned());
    let mut not_in = context_patterns(&raw.not_in, cx)?;
    not_in.extend(wide.not_in.iter().filter(|p| !not_in.contains(p)).cloned().collect::<Vec<_>>());
    let confidence = match &raw.confidence {
        None => Confidence::DEFAULT,
        Some(c) => {
            let value = match c.get_ref() {
                toml::Value::Float(f) => Some(*f),
                toml::Value::Integer(i) => Some(*i as f64),
                _ => None,
            };
            match value.and_then(Confidence::new) {
                Some(v) => v,
                None => {
                    cx.error(
                        c.span().start,
                        format!("rule `{id}`: `confidence` must be a number from 0 to 1"),
                    );
                    return None;
                }
            }
        }
    };
    Some(Rule { id, matcher, unit: raw.unit.unwrap_or(default_unit), exclude, not_in, confidence })
}

/// Whether the raw exclusion list already holds `phrase` (normalised).
fn raw_has(raw: &[Spanned<String>], phrase: &str) -> bool {
    raw.iter().any(|r| normalize_for_search(r.get_ref().trim()).trim_matches('*') == phrase)
}

/// A code's required anchors.
pub(super) fn anchors(raw: &Spanned<RawAnchors>, wide: &CodeWide, cx: &mut Ctx<'_, '_>) -> Option<Anchors> {
    let a = raw.get_ref();
    if a.terms.is_empty() {
        cx.error(raw.span().start, "`anchors` needs at least one term".into());
        return None;
    }
    Some(Anchors {
        terms: terms(&a.terms, Boundary::Words, cx)?,
        scope: a.scope.unwrap_or(Scope::Sentence),
        not_in: wide.not_in.clone(),
    })
}

/// Whether terms match whole words unless marked, or always inside words.
#[derive(Clone, Copy, PartialEq)]
enum Boundary {
    Words,
    Substring,
}

/// Normalises terms like the text's search view; refuses empty ones, `*`
/// anywhere but at the ends, overlong terms and lists. With
/// [`Boundary::Substring`] each term is marked `*…*`.
fn terms(raw: &[Spanned<String>], words: Boundary, cx: &mut Ctx<'_, '_>) -> Option<Vec<String>> {
    if raw.len() > MAX_LIST {
        cx.error(raw[MAX_LIST].span().start, format!("more than {MAX_LIST} terms in one list"));
        return None;
    }
    let mut out = Vec::new();
    let mut ok = true;
    let mut seen = HashSet::new();
    for t in raw {
        let s = normalize_for_search(t.get_ref().trim());
        let body = s.strip_prefix('*').unwrap_or(&s);
        let body = body.strip_suffix('*').unwrap_or(body);
        if body.is_empty() || body.contains('*') {
            cx.error(t.span().start, format!("bad term {:?}: not empty; `*` only at an end", t.get_ref()));
            ok = false;
            continue;
        }
        if body.chars().count() > MAX_TERM_CHARS {
            cx.error(t.span().start, format!("term longer than {MAX_TERM_CHARS} characters"));
            ok = false;
            continue;
        }
        let s = if words == Boundary::Substring { format!("*{body}*") } else { s };
        if !seen.insert(s.clone()) {
            cx.warn(t.span().start, format!("term {:?} is listed twice", t.get_ref()));
            continue;
        }
        out.push(s);
    }
    ok.then_some(out)
}

/// Exclusion phrases: terms that match anywhere, so any `*` is dropped.
pub(super) fn phrases(raw: &[Spanned<String>], cx: &mut Ctx<'_, '_>) -> Option<Vec<String>> {
    if raw.is_empty() {
        return Some(Vec::new());
    }
    let t = terms(raw, Boundary::Words, cx)?;
    Some(t.into_iter().map(|s| s.trim_matches('*').to_string()).collect())
}

/// Context patterns: regexes checked like a rule's.
pub(super) fn context_patterns(raw: &[Spanned<String>], cx: &mut Ctx<'_, '_>) -> Option<Vec<String>> {
    if raw.len() > MAX_NOT_IN {
        cx.error(raw[MAX_NOT_IN].span().start, format!("more than {MAX_NOT_IN} `not_in` patterns"));
        return None;
    }
    let mut out: Vec<String> = Vec::new();
    let mut ok = true;
    for p in raw {
        let folded = fold_pattern(p.get_ref());
        if check_regex(p, cx).is_none() {
            ok = false;
        } else if !out.contains(&folded) {
            out.push(folded);
        }
    }
    ok.then_some(out)
}

/// A regex as the search view needs it: non-ASCII characters folded like
/// the text (so `[^，；]` means `[^,;]`, and traditional characters are
/// simplified); ASCII — the regex syntax — is left alone.
fn fold_pattern(re: &str) -> String {
    let mut folded = String::with_capacity(re.len());
    for c in re.chars() {
        let f = if c.is_ascii() { c } else { fold_char(c) };
        // A full-width `（` is a literal: its folded `(` must stay one.
        if !c.is_ascii() && f.is_ascii_punctuation() {
            folded.push('\\');
        }
        folded.push(f);
    }
    to_simplified(&folded)
}

fn check_regex(re: &Spanned<String>, cx: &mut Ctx<'_, '_>) -> Option<()> {
    let at = re.span().start;
    if re.get_ref().chars().count() > MAX_PATTERN_CHARS {
        cx.error(at, format!("regex longer than {MAX_PATTERN_CHARS} characters"));
        return None;
    }
    let pattern = fold_pattern(re.get_ref());
    match regex::RegexBuilder::new(&pattern).size_limit(REGEX_SIZE_LIMIT).build() {
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
