//! Mentions and role statements found in a document's text.
//!
//! One pass per document over its normalised view (same length in code
//! points as the text users see): names from the frame's dictionary
//! ([`names`]), standard identifiers and committee codes by pattern
//! ([`standards`]), stage words kept only about a standard ([`stages`]),
//! then role statements over the actor mentions
//! ([`roles`]). Overlapping candidates are resolved by length: the longest
//! wins, so a committee's code inside a longer name, or 国务院 inside
//! 国务院标准化行政主管部门, is one mention of the longer entity, never two.

mod names;
#[cfg(test)]
mod precision2_tests;
#[cfg(test)]
mod precision3_tests;
#[cfg(test)]
mod precision_tests;
mod roles;
mod stages;
pub mod standards;
#[cfg(test)]
mod tests;

use policyscope_text::{split_passages, SpanKind};
use serde::{Deserialize, Serialize};

pub use roles::RoleStatement;

use crate::{Error, Frame, Result};

/// Version of the extraction rules (patterns, boundaries, role shapes):
/// part of the frame hash, so changed rules rescan every document.
pub const RULES_VERSION: &str = "9";

/// Longest text scanned, in bytes: larger documents are refused by name
/// rather than scanned for minutes.
pub const MAX_TEXT_BYTES: usize = 64 * 1024 * 1024;

/// What a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// An actor of the gazetteer.
    Actor,
    /// A standard identifier.
    Standard,
    /// A standard-setting body or technical committee.
    Body,
    /// A chokepoint technology.
    Technology,
    /// A standardisation stage word.
    Stage,
}

impl MentionKind {
    /// Every kind, in display order.
    pub const ALL: [MentionKind; 5] = [
        MentionKind::Actor,
        MentionKind::Standard,
        MentionKind::Body,
        MentionKind::Technology,
        MentionKind::Stage,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            MentionKind::Actor => "actor",
            MentionKind::Standard => "standard",
            MentionKind::Body => "body",
            MentionKind::Technology => "technology",
            MentionKind::Stage => "stage",
        }
    }

    /// Rank among overlapping candidates of the same length (lower wins).
    fn rank(self) -> u8 {
        match self {
            MentionKind::Standard => 0,
            MentionKind::Body => 1,
            MentionKind::Actor => 2,
            MentionKind::Technology => 3,
            MentionKind::Stage => 4,
        }
    }
}

impl std::str::FromStr for MentionKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<MentionKind> {
        MentionKind::ALL.into_iter().find(|k| k.as_str() == s).ok_or_else(|| {
            Error::Invalid(format!("unknown mention kind `{s}` (actor, standard, body, technology, stage)"))
        })
    }
}

impl std::fmt::Display for MentionKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A mention in a text, offsets in code points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// What it names.
    pub kind: MentionKind,
    /// The entity: an actor id, a canonical standard identifier, a
    /// chokepoint (`chokepoint:15`) or a stage (`SAC:approval`).
    pub entity: String,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The text as written.
    pub text: String,
    /// Which rule found it: `gazetteer`, `standard-pattern`, `committee-pattern`.
    pub rule: String,
    /// Index of its sentence among the document's sentences.
    pub sentence: usize,
}

/// Everything found in one text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Extraction {
    /// Mentions in text order.
    pub mentions: Vec<Mention>,
    /// Role statements in text order.
    pub roles: Vec<RoleStatement>,
}

/// The extractor of one frame.
#[derive(Debug, Clone)]
pub struct Extractor {
    names: names::Names,
}

/// A candidate before overlaps are resolved: byte offsets in the view.
struct Candidate {
    start: usize,
    end: usize,
    kind: MentionKind,
    entity: String,
    rule: &'static str,
}

impl Extractor {
    /// The extractor of `frame`.
    pub fn new(frame: &Frame) -> Result<Extractor> {
        Ok(Extractor { names: names::Names::new(frame)? })
    }

    /// The entity a written name resolves to, with its kind (`工信部` →
    /// `(actor, miit)`).
    pub fn resolve(&self, written: &str) -> Option<(MentionKind, &str)> {
        self.names.resolve(written).map(|t| (t.kind, t.entity.as_str()))
    }

    /// Mentions and roles in `text`, matched on `norm` (its normalised view,
    /// the same length in code points).
    pub fn extract(&self, text: &str, norm: &str) -> Result<Extraction> {
        if norm.len() > MAX_TEXT_BYTES {
            return Err(Error::Invalid(format!(
                "text of {} bytes is over the limit of {MAX_TEXT_BYTES}",
                norm.len()
            )));
        }
        let view = case_kept(text, norm);
        let norm = view.as_str();
        let mut cands: Vec<Candidate> = Vec::new();
        for h in self.names.find(norm) {
            if let Some(t) = self.names.term(h.term) {
                cands.push(Candidate {
                    start: h.start,
                    end: h.end,
                    kind: t.kind,
                    // 国务院林业草原、标准化主管部门: the national one.
                    entity: if t.entity == "standardization-depts"
                        && names::in_state_council_list(&norm[..h.start])
                    {
                        "sac".to_string()
                    } else {
                        t.entity.clone()
                    },
                    rule: "gazetteer",
                });
            }
        }
        for f in standards::standards(norm) {
            cands.push(Candidate {
                start: f.start,
                end: f.end,
                kind: MentionKind::Standard,
                entity: f.canonical,
                rule: "standard-pattern",
            });
        }
        for f in standards::committees(norm) {
            let entity = match self.names.resolve(&f.canonical) {
                Some(t) => t.entity.clone(),
                None => format!("committee:{}", f.canonical),
            };
            cands.push(Candidate {
                start: f.start,
                end: f.end,
                kind: MentionKind::Body,
                entity,
                rule: "committee-pattern",
            });
        }
        // Longest first; among equals the more specific kind; then leftmost.
        cands.sort_by(|a, b| {
            (b.end - b.start, a.kind.rank(), a.start).cmp(&(a.end - a.start, b.kind.rank(), b.start))
        });
        let mut kept: Vec<Candidate> = Vec::new();
        for c in cands {
            if !kept.iter().any(|k| c.start < k.end && k.start < c.end) {
                kept.push(c);
            }
        }
        kept.sort_by_key(|c| c.start);
        let chars = CharIndex::new(norm);
        let sentences: Vec<(usize, usize)> = split_passages(norm)
            .into_iter()
            .filter(|s| s.kind == SpanKind::Sentence)
            .map(|s| (s.start, s.end))
            .collect();
        let norm_chars: Vec<char> = norm.chars().collect();
        let text_chars: Vec<char> = text.chars().collect();
        let mut mentions = Vec::new();
        for c in kept {
            let (start, end) = (chars.of(c.start), chars.of(c.end));
            let sentence = sentence_of(&sentences, start);
            if c.kind == MentionKind::Stage && !stages::about_a_standard(&norm_chars, start, end) {
                continue;
            }
            let written: String =
                text_chars[start.min(text_chars.len())..end.min(text_chars.len())].iter().collect();
            mentions.push(Mention {
                kind: c.kind,
                entity: c.entity,
                start,
                end,
                text: written,
                rule: c.rule.to_string(),
                sentence,
            });
        }
        let roles = roles::find(&norm_chars, &text_chars, &sentences, &mentions);
        Ok(Extraction { mentions, roles })
    }
}

/// The search view with the letter case of the text: acronyms (`CAC`,
/// `GB/T`) are matched in their own case, which the search view folds away.
fn case_kept(text: &str, norm: &str) -> String {
    if text.chars().count() != norm.chars().count() {
        return norm.to_string();
    }
    text.chars()
        .zip(norm.chars())
        .map(|(t, n)| {
            let f = policyscope_text::normalize::fold_char(t);
            if f.is_ascii_alphabetic() && n.is_ascii_alphabetic() {
                f
            } else {
                n
            }
        })
        .collect()
}

/// Index of the sentence holding code point `at` (the last one starting at
/// or before it).
fn sentence_of(sentences: &[(usize, usize)], at: usize) -> usize {
    sentences.partition_point(|s| s.0 <= at).saturating_sub(1)
}

/// Byte offset → code-point offset, by binary search over character starts.
struct CharIndex {
    starts: Vec<usize>,
}

impl CharIndex {
    fn new(text: &str) -> CharIndex {
        CharIndex { starts: text.char_indices().map(|(i, _)| i).collect() }
    }

    fn of(&self, byte: usize) -> usize {
        self.starts.partition_point(|&b| b < byte)
    }
}
