//! The auto-coder: every rule of a codebook compiled into one matcher.
//!
//! All literal terms of all rules (terms, proximity terms and exclusions)
//! go into a single Aho–Corasick automaton, so a document is scanned once
//! whatever the size of the dictionary; only `regex` rules add a scan of
//! their own. Hits are then turned into spans by the rule's unit.
//!
//! Defined behaviour where hits meet:
//! * terms of one code where one contains another (`标准` in `国际标准`):
//!   both match, and a hit lying inside another hit of the same code is
//!   dropped, so unit `match` codes the longer text once;
//! * hits of different codes are independent: the same sentence may carry
//!   several codes;
//! * several hits of one code in one unit make one coding: the most
//!   confident rule, then the first in codebook order, and its first hit,
//!   are recorded;
//! * terms match whole words: an ASCII end must not touch a letter or
//!   digit, any other end must fall on a boundary of the segmenter's tokens
//!   of the sentence; a `*` at an end lifts that end's check (an ASCII
//!   `term*` also runs the hit to the end of the word). Exclusion phrases
//!   match anywhere.
//!
//! Sentences are segmented, split into clauses and searched for context
//! patterns only when a candidate hit lies in them.

mod doc;
mod scan;

pub use scan::Spans;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::bytes::Regex;

use crate::codebook::{Codebook, Confidence, Matcher, Scope, Unit};
use crate::{Error, Result};

/// Version of the matching semantics; part of every rules hash, so changing
/// the engine re-codes documents.
pub const ENGINE_VERSION: u32 = 2;

/// Dictionaries up to this many distinct terms are compiled to a DFA.
const DFA_MAX_PATTERNS: usize = 5000;

/// One coding an engine proposes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index of the code in [`Codebook::codes`].
    pub code: usize,
    /// Index of the rule within that code's rules.
    pub rule: usize,
    /// Coded span (code points): the unit holding the match.
    pub start: usize,
    /// End of the coded span.
    pub end: usize,
    /// The match itself (code points).
    pub match_start: usize,
    /// End of the match.
    pub match_end: usize,
    /// The rule's confidence.
    pub confidence: Confidence,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Term,
    NearA,
    NearB,
    Exclude,
    /// A code's required anchor (the use's index is the code's).
    Anchor,
    /// A literal every match of a regex rule holds: the regex runs only
    /// on texts where one occurs.
    Gate,
}

#[derive(Debug)]
pub(crate) struct Pattern {
    /// Whether the term must start at a word boundary.
    pub left_word: bool,
    /// Whether it must end at one; `false` for `term*`.
    pub right_word: bool,
    /// Whether its first / last character is ASCII (checked on bytes at
    /// once; other ends are checked on the segmenter's tokens later).
    pub ascii_ends: (bool, bool),
    /// ASCII `term*`: extend the hit to the end of the word.
    pub prefix: bool,
    pub uses: Vec<(usize, Role)>,
}

#[derive(Debug)]
pub(crate) struct RuleInfo {
    pub code: usize,
    pub index_in_code: usize,
    pub unit: Unit,
    pub near: Option<(usize, Scope)>,
    pub has_exclude: bool,
    /// Indexes into [`Engine::contexts`].
    pub not_in: Vec<usize>,
    pub confidence: Confidence,
}

#[derive(Debug)]
pub(crate) struct AnchorInfo {
    pub scope: Scope,
    /// Indexes into [`Engine::contexts`].
    pub not_in: Vec<usize>,
}

/// A compiled codebook.
#[derive(Debug)]
pub struct Engine {
    pub(crate) rules: Vec<RuleInfo>,
    pub(crate) ac: Option<AhoCorasick>,
    pub(crate) patterns: Vec<Pattern>,
    /// Regex rules: rule index, regex, and whether it is gated (runs only
    /// when one of its [`Role::Gate`] literals occurs).
    pub(crate) regexes: Vec<(usize, Regex, bool)>,
    /// Required anchors of each code.
    pub(crate) anchors: Vec<Option<AnchorInfo>>,
    /// Context patterns, each compiled once.
    pub(crate) contexts: Vec<Regex>,
}

/// Literals one of which every match of `re` ends with (so holds), when
/// the regex has a short finite set of them; `None` when it has not (the
/// regex then runs on every text). A regex is the costliest rule: on most
/// laws none of its literals occurs and it need not run at all.
fn required_literals(re: &str) -> Option<Vec<String>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let hir = regex_syntax::ParserBuilder::new().build().parse(re).ok()?;
    let seq = Extractor::new().kind(ExtractKind::Suffix).extract(&hir);
    let lits = seq.literals()?;
    let out: Vec<String> =
        lits.iter().filter_map(|l| String::from_utf8(l.as_bytes().to_vec()).ok()).collect();
    let usable =
        !out.is_empty() && out.len() == lits.len() && out.len() <= 64 && out.iter().all(|l| !l.is_empty());
    usable.then_some(out)
}

fn compile(re: &str, rule: &str) -> Result<Regex> {
    regex::bytes::RegexBuilder::new(re)
        .size_limit(crate::codebook::REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| Error::Invalid(format!("rule `{rule}`: {e}")))
}

impl Engine {
    /// Compiles every rule of `book`.
    pub fn new(book: &Codebook) -> Result<Engine> {
        let mut rules = Vec::new();
        let mut texts: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut regexes = Vec::new();
        let mut contexts: Vec<Regex> = Vec::new();
        let mut context_index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut context_ids =
            |list: &[String], owner: &str, contexts: &mut Vec<Regex>| -> Result<Vec<usize>> {
                let mut ids = Vec::new();
                for re in list {
                    let id = match context_index.get(re) {
                        Some(&id) => id,
                        None => {
                            contexts.push(compile(re, owner)?);
                            context_index.insert(re.clone(), contexts.len() - 1);
                            contexts.len() - 1
                        }
                    };
                    ids.push(id);
                }
                Ok(ids)
            };
        let mut add =
            |term: &str, owner: usize, role: Role, texts: &mut Vec<String>, patterns: &mut Vec<Pattern>| {
                // Exclusions and gates match anywhere: they get patterns of their own.
                let (left, right) = if matches!(role, Role::Exclude | Role::Gate) {
                    (false, false)
                } else {
                    (!term.starts_with('*'), !term.ends_with('*'))
                };
                let body = term.trim_matches('*');
                let key = format!("{}{}{body}", u8::from(left), u8::from(right));
                let id = *index.entry(key).or_insert_with(|| {
                    texts.push(body.to_string());
                    let first = body.chars().next().is_some_and(|c| c.is_ascii());
                    let last = body.chars().last().is_some_and(|c| c.is_ascii());
                    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
                    patterns.push(Pattern {
                        left_word: left && (!first || word(body.chars().next())),
                        right_word: right && (!last || word(body.chars().last())),
                        ascii_ends: (first, last),
                        prefix: !right && last && word(body.chars().last()),
                        uses: Vec::new(),
                    });
                    patterns.len() - 1
                });
                patterns[id].uses.push((owner, role));
            };
        let mut anchors = Vec::with_capacity(book.codes.len());
        for (ci, code) in book.codes.iter().enumerate() {
            for (ri, rule) in code.rules.iter().enumerate() {
                let r = rules.len();
                let mut near = None;
                match &rule.matcher {
                    Matcher::Terms(ts) => {
                        ts.iter().for_each(|t| add(t, r, Role::Term, &mut texts, &mut patterns))
                    }
                    Matcher::Near { a, b, within, scope } => {
                        a.iter().for_each(|t| add(t, r, Role::NearA, &mut texts, &mut patterns));
                        b.iter().for_each(|t| add(t, r, Role::NearB, &mut texts, &mut patterns));
                        near = Some((*within, *scope));
                    }
                    Matcher::Regex(re) => {
                        let gates = required_literals(re);
                        gates.iter().flatten().for_each(|t| add(t, r, Role::Gate, &mut texts, &mut patterns));
                        regexes.push((r, compile(re, &rule.id)?, gates.is_some()));
                    }
                }
                rule.exclude.iter().for_each(|t| add(t, r, Role::Exclude, &mut texts, &mut patterns));
                rules.push(RuleInfo {
                    code: ci,
                    index_in_code: ri,
                    unit: rule.unit,
                    near,
                    has_exclude: !rule.exclude.is_empty(),
                    not_in: context_ids(&rule.not_in, &rule.id, &mut contexts)?,
                    confidence: rule.confidence,
                });
            }
            anchors.push(match &code.anchors {
                Some(a) if !code.rules.is_empty() => {
                    a.terms.iter().for_each(|t| add(t, ci, Role::Anchor, &mut texts, &mut patterns));
                    Some(AnchorInfo {
                        scope: a.scope,
                        not_in: context_ids(&a.not_in, &code.path, &mut contexts)?,
                    })
                }
                _ => None,
            });
        }
        let ac = if texts.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    // A full DFA scans about three times faster than the
                    // default NFA on Chinese text; past a few thousand
                    // terms its memory is no longer worth it.
                    .kind((texts.len() <= DFA_MAX_PATTERNS).then_some(AhoCorasickKind::DFA))
                    .build(&texts)
                    .map_err(|e| Error::Invalid(format!("cannot build the term automaton: {e}")))?,
            )
        };
        Ok(Engine { rules, ac, patterns, regexes, anchors, contexts })
    }

    /// Whether some term is checked on the segmenter's word boundaries
    /// (a run then loads the segmenter's dictionary early, beside the scan).
    pub fn needs_segmenter(&self) -> bool {
        self.patterns.iter().any(|p| (p.left_word && !p.ascii_ends.0) || (p.right_word && !p.ascii_ends.1))
    }

    /// Number of distinct literal patterns in the automaton.
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// Codes one text. `norm_text` is the search view; `sentences` and
    /// `paragraphs` are `[start, end)` spans in code points, ordered.
    pub fn code(
        &self,
        norm_text: &str,
        sentences: &[(usize, usize)],
        paragraphs: &[(usize, usize)],
    ) -> Vec<Hit> {
        scan::code(self, norm_text.as_bytes(), &mut || (sentences.to_vec(), paragraphs.to_vec()))
    }

    /// Like [`code`](Self::code), but asks for the sentences and paragraphs
    /// only when some rule has a candidate hit (most documents have none),
    /// saving the cost of reading them.
    pub fn code_lazy(&self, norm_text: &str, load_spans: &mut dyn FnMut() -> (Spans, Spans)) -> Vec<Hit> {
        scan::code(self, norm_text.as_bytes(), load_spans)
    }

    /// Like [`code_lazy`](Self::code_lazy) on the UTF-8 bytes of the search
    /// view as the database holds them: the scan works on bytes, so the text
    /// need not be validated or copied into a `String` first.
    pub fn code_utf8_lazy(
        &self,
        norm_text: &[u8],
        load_spans: &mut dyn FnMut() -> (Spans, Spans),
    ) -> Vec<Hit> {
        scan::code(self, norm_text, load_spans)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regex_is_gated_by_the_literals_every_match_ends_with() {
        let mut lits = required_literals("(鼓励|支持)[^,]{0,5}(团体标准|企业标准)").unwrap();
        lits.sort();
        assert_eq!(lits, vec!["企业标准", "团体标准"]);
        assert_eq!(required_literals("国际.{0,3}(标准)"), Some(vec!["标准".to_string()]));
        assert_eq!(required_literals("[a-z]+"), None, "no finite set of literals: always run");
    }
}
