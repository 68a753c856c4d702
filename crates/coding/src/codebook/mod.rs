//! Codebooks: a tree of codes with definitions and dictionary rules.
//!
//! A codebook is a TOML file; [`Codebook::parse`] reads and validates it,
//! reporting every problem with its line and column (warnings for things
//! that work but are probably not meant). The format:
//!
//! ```toml
//! [codebook]
//! name = "mine"            # letters, digits, _ - . ; the auto-coder is auto:mine@<version>
//! version = "1"
//! description = "…"
//!
//! [[code]]
//! name = "Target"
//! folder = true            # groups codes; not codable, takes no rules
//!
//! [[code]]
//! name = "Internationalisation"
//! parent = "Target"        # a code's name (or path ending in it); cycles are errors
//! description = "To internationalise Chinese standards"   # alias: definition
//! colour = "#1f77b4"
//! tags = ["nis:Market sophistication"]
//! unit = "sentence"        # default unit of this code's rules: sentence | paragraph | match
//!
//! [[code.rule]]            # exactly one of terms / regex / near per rule
//! id = "intl-terms"        # optional, default "<path>#<n>"; unique in the codebook
//! terms = ["标准话语权", "international standard*"]
//! exclude = ["标准合同"]    # drop a hit when one of these occurs in its unit (sentence for `match`)
//!
//! [[code.rule]]
//! regex = "参与.{0,10}国际标准"
//!
//! [[code.rule]]
//! near = { a = ["国际合作"], b = ["标准制定"], within = 40 }   # same sentence, gap ≤ 40 chars
//! ```
//!
//! Terms, exclusions and regexes see the search view of the text
//! (width-folded, lower-case ASCII, simplified Chinese); terms are
//! normalised the same way, so `國際標準` and `ＩＳＯ` work.
//!
//! Rules that respect Chinese syntax:
//! * **Whole words.** A term matches only where it starts and ends on a word
//!   boundary of the segmenter's tokens (for ASCII: of letters and digits),
//!   so `企业为主` does not hit inside `企业/为主办单位`. A `*` at an end
//!   lifts that end's boundary (`标准*`, `*标准`, `*标准*`; the ASCII
//!   `standard*` also runs the hit to the end of the word); `substring =
//!   true` on a rule does so for all its terms.
//! * **Clause scope.** `near` pairs must lie in one clause — no `，；：、`
//!   (nor `,;:`) between them — unless it says `scope = "sentence"` (or
//!   `"paragraph"`).
//! * **Required anchors.** `anchors = { terms = [...], scope = "sentence" }`
//!   on a code keeps a hit of any of its rules only when an anchor term
//!   occurs in the same clause, sentence (default) or paragraph.
//! * **Exclusions.** `exclude` phrases (anywhere inside words) drop a hit
//!   whose sentence (paragraph for unit `paragraph`) holds one; `not_in`
//!   regexes are context patterns: a term occurrence that lies inside a
//!   match of one (in its sentence) does not count, e.g. `标准` inside
//!   `符合…标准`. Both may also be given on the code, for all its rules.
//! * **Confidence.** `confidence = 0.9` (0–1, default 0.5) ranks a rule's
//!   proposals; where several rules code one span the most confident wins.
//! * **Document rule.** `doc_rule` on `[codebook]` or a code says when a
//!   document counts as coded ([`DocRule`]).
//!
//! The validated [`Codebook`] is what the [`crate::engine`] compiles and
//! what [`crate::run_codebook`] records.

mod docrule;
mod overlaps;
mod parse;
mod problem;
mod rules;
mod source;
mod validate;

use serde::{Deserialize, Serialize};

pub use docrule::{DocLayout, DocRule, DocRuleError, Part};
pub use problem::{Problem, Severity};
pub(crate) use rules::REGEX_SIZE_LIMIT;
pub use source::{Builtin, CodebookSource, BUILTIN_PREFIX};

use crate::{Error, Result};

/// The built-in codebook of the model study (ten codes under Target and Tool).
pub const STUDY_TOML: &str = include_str!("../../codebooks/study.toml");

/// A validated codebook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Codebook {
    /// Short name, used in the auto-coder's name `auto:<name>@<version>`.
    pub name: String,
    /// Version of the rules.
    pub version: String,
    /// What the codebook is for.
    pub description: String,
    /// Codes in file order, parents before children.
    pub codes: Vec<CodeDef>,
    /// When a document counts as coded, for codes without their own rule.
    pub doc_rule: DocRule,
    /// Things worth fixing that do not stop the codebook from working.
    #[serde(skip)]
    pub warnings: Vec<Problem>,
    /// The TOML text it was read from.
    #[serde(skip)]
    pub source: String,
}

/// A code of a codebook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeDef {
    /// Full path, e.g. `Target/Internationalisation`.
    pub path: String,
    /// Own name.
    pub name: String,
    /// Definition.
    pub description: String,
    /// `#rrggbb`.
    pub colour: Option<String>,
    /// Tags, e.g. `nis:Institutions`.
    pub tags: Vec<String>,
    /// Folders group codes and are not applied to text.
    pub folder: bool,
    /// Dictionary rules (none: coded by hand only).
    pub rules: Vec<Rule>,
    /// Terms one of which must occur near every hit of the code's rules.
    pub anchors: Option<Anchors>,
    /// When a document counts as coded with this code (`None`: the
    /// codebook's rule).
    pub doc_rule: Option<DocRule>,
}

/// A code's required anchors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchors {
    /// Terms (whole words unless marked with `*`).
    pub terms: Vec<String>,
    /// Where, around a hit, one must occur.
    pub scope: Scope,
    /// Context patterns: an anchor inside a match does not count.
    pub not_in: Vec<String>,
}

/// A stretch of text around a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Part of a sentence between `，；：、` (or `,;:`).
    Clause,
    /// The sentence.
    Sentence,
    /// The paragraph.
    Paragraph,
}

/// How sure a rule is that its hits are instances of the code, in
/// thousandths (kept whole so codebooks compare and hash exactly).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Confidence(u16);

impl Confidence {
    /// The default of a rule that says nothing.
    pub const DEFAULT: Confidence = Confidence(500);

    /// From a number between 0 and 1; `None` outside that range.
    pub fn new(value: f64) -> Option<Confidence> {
        (0.0..=1.0).contains(&value).then(|| Confidence((value * 1000.0).round() as u16))
    }

    /// As a number between 0 and 1.
    pub fn value(self) -> f64 {
        f64::from(self.0) / 1000.0
    }
}

impl Default for Confidence {
    fn default() -> Self {
        Confidence::DEFAULT
    }
}

/// One dictionary rule of a code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    /// Id, unique in the codebook (recorded on every coding it makes).
    pub id: String,
    /// What to look for.
    pub matcher: Matcher,
    /// What a hit codes.
    pub unit: Unit,
    /// A hit is dropped when any of these phrases occurs in its unit (for
    /// `match`, in its sentence), inside words or not. Normalised like the
    /// text.
    pub exclude: Vec<String>,
    /// Context patterns (regexes): a term occurrence inside a match of one,
    /// in its sentence, does not count.
    pub not_in: Vec<String>,
    /// Ranks the rule's proposals.
    pub confidence: Confidence,
}

/// What a rule looks for, in the search view of the text (width-folded,
/// lower-case ASCII, simplified Chinese).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Matcher {
    /// Any of these literal terms (normalised), matching whole words; a `*`
    /// at an end lets that end fall inside a word (`standard*`, `*标准`).
    Terms(Vec<String>),
    /// A regular expression (linear-time engine, size-limited).
    Regex(String),
    /// A term of `a` within `within` characters of a term of `b`, in either
    /// order, in the same `scope`.
    Near {
        /// First set of terms.
        a: Vec<String>,
        /// Second set of terms.
        b: Vec<String>,
        /// Largest gap between the two, in characters.
        within: usize,
        /// Where both must lie (never wider than the paragraph).
        scope: Scope,
    },
}

/// The span a hit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// The sentence holding the hit.
    #[default]
    Sentence,
    /// The paragraph holding the hit.
    Paragraph,
    /// Exactly the matched text.
    Match,
}

impl Unit {
    /// The name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Sentence => "sentence",
            Unit::Paragraph => "paragraph",
            Unit::Match => "match",
        }
    }
}

impl Codebook {
    /// Parses and validates a codebook; `Err(Error::Codebook)` lists every
    /// error with line and column.
    pub fn parse(toml_text: &str) -> Result<Codebook> {
        let (book, mut problems) = parse::parse(toml_text);
        problems.sort_by_key(|p| (p.line, p.column));
        let (errors, warnings): (Vec<Problem>, Vec<Problem>) =
            problems.into_iter().partition(|p| p.severity == Severity::Error);
        match book {
            Some(mut b) if errors.is_empty() => {
                b.warnings = warnings;
                b.source = toml_text.to_string();
                Ok(b)
            }
            _ => Err(Error::Codebook(errors)),
        }
    }

    /// Reads the codebook `spec` names: `builtin:study`, a file path, or a
    /// bare built-in name (see [`CodebookSource::resolve`] for the rules).
    pub fn load(spec: &str) -> Result<Codebook> {
        CodebookSource::resolve(spec)?.load()
    }

    /// The built-in study codebook.
    pub fn study() -> Result<Codebook> {
        CodebookSource::Builtin(Builtin::Study).load()
    }

    /// The document rule in force for the code at `path` (its own, else
    /// the codebook's).
    pub fn doc_rule_for(&self, path: &str) -> &DocRule {
        self.codes.iter().find(|c| c.path == path).and_then(|c| c.doc_rule.as_ref()).unwrap_or(&self.doc_rule)
    }

    /// The auto-coder name of this codebook: `auto:<name>@<version>`.
    pub fn coder(&self) -> String {
        crate::model::auto_coder(&self.name, &self.version)
    }

    /// A hash of everything that decides what auto-coding produces (codes,
    /// rules, and the engine's own version).
    pub fn rules_hash(&self) -> String {
        let canonical =
            serde_json::to_string(&(crate::engine::ENGINE_VERSION, &self.codes)).unwrap_or_default();
        blake3::hash(canonical.as_bytes()).to_hex().to_string()
    }

    /// Every literal term of every rule (normalised), for comparisons with
    /// other tools.
    pub fn literal_terms(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for code in &self.codes {
            for rule in &code.rules {
                match &rule.matcher {
                    Matcher::Terms(t) => out.extend(t.iter().map(|s| s.trim_matches('*').to_string())),
                    Matcher::Near { a, b, .. } => {
                        out.extend(a.iter().chain(b).map(|s| s.trim_matches('*').to_string()))
                    }
                    Matcher::Regex(_) => {}
                }
            }
            if let Some(a) = &code.anchors {
                out.extend(a.terms.iter().map(|s| s.trim_matches('*').to_string()));
            }
        }
        out.sort();
        out.dedup();
        out
    }
}
