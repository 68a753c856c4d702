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
//! * several hits of one code in one unit make one coding (the first rule
//!   in codebook order, and its first hit, are recorded);
//! * ASCII terms match whole words (`ipr` does not hit `ipro`); a trailing
//!   `*` in a term allows any word ending, and the hit runs to the word end.

mod scan;

pub use scan::Spans;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::bytes::Regex;

use crate::codebook::{Codebook, Matcher, Unit};
use crate::{Error, Result};

/// Version of the matching semantics; part of every rules hash, so changing
/// the engine re-codes documents.
pub const ENGINE_VERSION: u32 = 1;

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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Term,
    NearA,
    NearB,
    Exclude,
}

#[derive(Debug)]
pub(crate) struct Pattern {
    /// Whether the term must start at a word boundary (ASCII word start).
    pub left_word: bool,
    /// Whether it must end at one; `false` for `term*`.
    pub right_word: bool,
    /// `term*`: extend the hit to the end of the word.
    pub prefix: bool,
    pub uses: Vec<(usize, Role)>,
}

#[derive(Debug)]
pub(crate) struct RuleInfo {
    pub code: usize,
    pub index_in_code: usize,
    pub unit: Unit,
    pub near: Option<usize>,
    pub has_exclude: bool,
}

/// A compiled codebook.
#[derive(Debug)]
pub struct Engine {
    pub(crate) rules: Vec<RuleInfo>,
    pub(crate) ac: Option<AhoCorasick>,
    pub(crate) patterns: Vec<Pattern>,
    pub(crate) regexes: Vec<(usize, Regex)>,
}

impl Engine {
    /// Compiles every rule of `book`.
    pub fn new(book: &Codebook) -> Result<Engine> {
        let mut rules = Vec::new();
        let mut texts: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut regexes = Vec::new();
        let mut add =
            |term: &str, rule: usize, role: Role, texts: &mut Vec<String>, patterns: &mut Vec<Pattern>| {
                let prefix = term.ends_with('*');
                let body = term.trim_end_matches('*');
                let key = format!("{}{}", if prefix { "*" } else { "" }, body);
                let id = *index.entry(key).or_insert_with(|| {
                    texts.push(body.to_string());
                    let first = body.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
                    let last = body.chars().last().is_some_and(|c| c.is_ascii_alphanumeric());
                    patterns.push(Pattern {
                        left_word: first,
                        right_word: last && !prefix,
                        prefix,
                        uses: Vec::new(),
                    });
                    patterns.len() - 1
                });
                patterns[id].uses.push((rule, role));
            };
        for (ci, code) in book.codes.iter().enumerate() {
            for (ri, rule) in code.rules.iter().enumerate() {
                let r = rules.len();
                let mut near = None;
                match &rule.matcher {
                    Matcher::Terms(ts) => {
                        ts.iter().for_each(|t| add(t, r, Role::Term, &mut texts, &mut patterns))
                    }
                    Matcher::Near { a, b, within } => {
                        a.iter().for_each(|t| add(t, r, Role::NearA, &mut texts, &mut patterns));
                        b.iter().for_each(|t| add(t, r, Role::NearB, &mut texts, &mut patterns));
                        near = Some(*within);
                    }
                    Matcher::Regex(re) => {
                        let compiled = regex::bytes::RegexBuilder::new(re)
                            .size_limit(crate::codebook::REGEX_SIZE_LIMIT)
                            .build()
                            .map_err(|e| Error::Invalid(format!("rule `{}`: {e}", rule.id)))?;
                        regexes.push((r, compiled));
                    }
                }
                rule.exclude.iter().for_each(|t| add(t, r, Role::Exclude, &mut texts, &mut patterns));
                rules.push(RuleInfo {
                    code: ci,
                    index_in_code: ri,
                    unit: rule.unit,
                    near,
                    has_exclude: !rule.exclude.is_empty(),
                });
            }
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
        Ok(Engine { rules, ac, patterns, regexes })
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
