//! Document-level decisions: when a document counts as coded with a code.
//!
//! Passages are what a rule codes; a study's tables count documents. One
//! stray sentence should not always make a document "about" a code, so a
//! codebook (or the command line) says which documents count:
//!
//! * `any` — a single coded passage is enough (the default);
//! * `at-least:N` — at least N distinct coded passages;
//! * `share:F` — the coded sentences are at least the fraction F (0–1) of
//!   the document's sentences;
//! * `in:title,purpose` — a coded passage overlaps one of the named parts:
//!   `title` (the first paragraph) or `purpose` (the article 第一条, where
//!   a Chinese law states what it is for).
//!
//! The same text form is used in codebooks (`doc_rule = "at-least:2"`) and
//! on the command line (`--doc-rule at-least:2`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Longest rule text accepted.
const MAX_RULE_LEN: usize = 200;
/// Largest `at-least` count.
const MAX_AT_LEAST: u32 = 1_000_000;
/// Shares are kept in ten-thousandths, so rules compare and hash exactly.
const SHARE_SCALE: u32 = 10_000;

/// A part of a document a passage can lie in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    /// The first paragraph (the title line of a law).
    Title,
    /// The paragraph starting with 第一条 (the purpose article).
    Purpose,
}

impl Part {
    /// The name used in rules.
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Title => "title",
            Part::Purpose => "purpose",
        }
    }
}

/// When a document counts as coded with a code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(into = "String", try_from = "String")]
pub enum DocRule {
    /// One coded passage is enough.
    #[default]
    Any,
    /// At least this many distinct coded passages.
    AtLeast(u32),
    /// Coded sentences at least this share of all sentences, in
    /// ten-thousandths (`share:0.05` is 500).
    Share(u32),
    /// A coded passage overlaps one of these parts.
    InParts(Vec<Part>),
}

/// Where a document's parts lie, in code points; what [`DocRule::admits`]
/// needs besides the coded spans.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocLayout {
    /// Sentences, ordered.
    pub sentences: Vec<(i64, i64)>,
    /// The first paragraph.
    pub title: Option<(i64, i64)>,
    /// The first paragraph starting with 第一条.
    pub purpose: Option<(i64, i64)>,
}

impl DocLayout {
    /// Finds the parts of `text` from its paragraphs and sentences
    /// (`[start, end)` in code points, ordered).
    pub fn new(text: &str, paragraphs: &[(i64, i64)], sentences: Vec<(i64, i64)>) -> DocLayout {
        let purpose = paragraphs.iter().copied().find(|&(s, e)| {
            let start = usize::try_from(s).unwrap_or(0);
            let end = usize::try_from(e).unwrap_or(0);
            policyscope_text::slice_chars(text, start, end).trim_start().starts_with("第一条")
        });
        DocLayout { sentences, title: paragraphs.first().copied(), purpose }
    }
}

impl DocRule {
    /// Whether the rule needs the document's [`DocLayout`] (not only its
    /// coded spans).
    pub fn needs_layout(&self) -> bool {
        matches!(self, DocRule::Share(_) | DocRule::InParts(_))
    }

    /// Whether a document with these distinct coded spans counts as coded.
    /// `layout` may be `None` when [`needs_layout`](Self::needs_layout) is
    /// false; a rule that needs it then admits nothing.
    pub fn admits(&self, spans: &[(i64, i64)], layout: Option<&DocLayout>) -> bool {
        if spans.is_empty() {
            return false;
        }
        match self {
            DocRule::Any => true,
            DocRule::AtLeast(n) => spans.len() >= *n as usize,
            DocRule::Share(share) => layout.is_some_and(|l| {
                let total = l.sentences.len() as u64;
                let coded =
                    l.sentences.iter().filter(|s| spans.iter().any(|c| overlaps(s, c))).count() as u64;
                total > 0 && coded * u64::from(SHARE_SCALE) >= u64::from(*share) * total
            }),
            DocRule::InParts(parts) => layout.is_some_and(|l| {
                parts.iter().any(|p| {
                    let part = match p {
                        Part::Title => l.title,
                        Part::Purpose => l.purpose,
                    };
                    part.is_some_and(|part| spans.iter().any(|c| overlaps(&part, c)))
                })
            }),
        }
    }
}

fn overlaps(a: &(i64, i64), b: &(i64, i64)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// A doc rule that does not parse, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "bad document rule {text:?}: {reason} (use any, at-least:N, share:F with 0 < F ≤ 1, or in:title,purpose)"
)]
pub struct DocRuleError {
    /// The text given (shortened).
    pub text: String,
    /// What is wrong.
    pub reason: String,
}

impl FromStr for DocRule {
    type Err = DocRuleError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let fail = |reason: &str| DocRuleError {
            text: policyscope_text::shorten(s, 40),
            reason: reason.to_string(),
        };
        if s.len() > MAX_RULE_LEN {
            return Err(fail(&format!("longer than {MAX_RULE_LEN} bytes")));
        }
        let s = s.trim();
        if s == "any" {
            return Ok(DocRule::Any);
        }
        let Some((kind, arg)) = s.split_once(':') else { return Err(fail("unknown rule")) };
        let arg = arg.trim();
        match kind.trim() {
            "at-least" => match arg.parse::<u32>() {
                Ok(n) if (1..=MAX_AT_LEAST).contains(&n) => Ok(DocRule::AtLeast(n)),
                _ => Err(fail(&format!("N must be a whole number from 1 to {MAX_AT_LEAST}"))),
            },
            "share" => match arg.parse::<f64>() {
                Ok(f) if f > 0.0 && f <= 1.0 => {
                    // At least one ten-thousandth, so a tiny share is not 0.
                    Ok(DocRule::Share(((f * f64::from(SHARE_SCALE)).round() as u32).max(1)))
                }
                _ => Err(fail("F must be a number above 0 and at most 1")),
            },
            "in" => {
                let mut parts = Vec::new();
                for name in arg.split(',').map(str::trim) {
                    let part = match name {
                        "title" => Part::Title,
                        "purpose" => Part::Purpose,
                        _ => return Err(fail(&format!("unknown part {name:?}"))),
                    };
                    if !parts.contains(&part) {
                        parts.push(part);
                    }
                }
                Ok(DocRule::InParts(parts))
            }
            _ => Err(fail("unknown rule")),
        }
    }
}

impl fmt::Display for DocRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocRule::Any => write!(f, "any"),
            DocRule::AtLeast(n) => write!(f, "at-least:{n}"),
            DocRule::Share(s) => write!(f, "share:{}", f64::from(*s) / f64::from(SHARE_SCALE)),
            DocRule::InParts(parts) => {
                let names: Vec<&str> = parts.iter().map(|p| p.as_str()).collect();
                write!(f, "in:{}", names.join(","))
            }
        }
    }
}

impl From<DocRule> for String {
    fn from(r: DocRule) -> String {
        r.to_string()
    }
}

impl TryFrom<String> for DocRule {
    type Error = DocRuleError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn layout() -> DocLayout {
        // Title 0..10, purpose article 11..40, ten sentences.
        let text = format!("{}\n第一条{}", "标".repeat(10), "字".repeat(26));
        let paragraphs = [(0, 10), (11, 40)];
        let sentences = (0..10).map(|i| (i * 4, i * 4 + 4)).collect();
        DocLayout::new(&text, &paragraphs, sentences)
    }

    #[test]
    fn any_document_rule_counts_one_passage() {
        assert!(DocRule::Any.admits(&[(50, 60)], None));
        assert!(!DocRule::Any.admits(&[], None));
    }

    #[test]
    fn at_least_document_rule_counts_distinct_passages() {
        let rule: DocRule = "at-least:2".parse().unwrap();
        assert!(!rule.admits(&[(0, 4)], None));
        assert!(rule.admits(&[(0, 4), (8, 12)], None));
    }

    #[test]
    fn share_document_rule_compares_coded_sentences_with_all() {
        let rule: DocRule = "share:0.2".parse().unwrap();
        let l = layout();
        assert!(!rule.admits(&[(0, 4)], Some(&l)), "1 of 10 sentences");
        assert!(rule.admits(&[(0, 8)], Some(&l)), "2 of 10 sentences");
        assert!(!rule.admits(&[(0, 8)], None), "without the layout nothing is admitted");
    }

    #[test]
    fn in_parts_document_rule_needs_a_passage_in_the_title_or_purpose_article() {
        let l = layout();
        assert_eq!(l.title, Some((0, 10)));
        assert_eq!(l.purpose, Some((11, 40)));
        let title: DocRule = "in:title".parse().unwrap();
        let purpose: DocRule = "in:purpose".parse().unwrap();
        assert!(title.admits(&[(2, 5)], Some(&l)));
        assert!(!title.admits(&[(20, 25)], Some(&l)));
        assert!(purpose.admits(&[(20, 25)], Some(&l)));
        assert!(!purpose.admits(&[(50, 55)], Some(&l)));
        let both: DocRule = "in:title, purpose".parse().unwrap();
        assert_eq!(both.to_string(), "in:title,purpose");
    }

    #[test]
    fn document_rules_print_as_they_parse() {
        for text in ["any", "at-least:3", "share:0.05", "in:purpose"] {
            assert_eq!(text.parse::<DocRule>().unwrap().to_string(), text);
        }
    }

    #[test]
    fn bad_document_rules_say_what_is_accepted() {
        for bad in ["", "some", "at-least:0", "at-least:x", "share:0", "share:1.5", "in:body", "share:nan"] {
            let err = bad.parse::<DocRule>().unwrap_err().to_string();
            assert!(err.contains("at-least:N"), "{bad}: {err}");
        }
    }

    proptest! {
        #[test]
        fn garbage_document_rules_never_panic(s in ".{0,300}") {
            if let Ok(rule) = s.parse::<DocRule>() {
                prop_assert_eq!(rule.to_string().parse::<DocRule>().ok(), Some(rule));
            }
        }
    }
}
