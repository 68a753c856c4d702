//! TOML → raw structs (with places) → validated [`Codebook`].

use serde::Deserialize;
use toml::Spanned;

use super::problem::{Locator, Problem, Severity};
use super::validate;
use super::Codebook;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFile {
    pub codebook: Option<Spanned<RawHeader>>,
    #[serde(default)]
    pub code: Vec<Spanned<RawCode>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHeader {
    pub name: Option<Spanned<String>>,
    pub version: Option<Spanned<toml::Value>>,
    #[serde(default)]
    pub description: String,
    /// When a document counts as coded, for every code without its own.
    pub doc_rule: Option<Spanned<String>>,
    /// Exclusions added to every rule of every code.
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
    /// Context patterns added to every rule and anchor of every code.
    #[serde(default)]
    pub not_in: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCode {
    pub name: Spanned<String>,
    pub parent: Option<Spanned<String>>,
    #[serde(default, alias = "definition")]
    pub description: String,
    pub colour: Option<Spanned<String>>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub folder: bool,
    /// Default unit of the code's rules.
    pub unit: Option<super::Unit>,
    /// Terms one of which must occur near every hit of the code.
    pub anchors: Option<Spanned<RawAnchors>>,
    /// Exclusions added to every rule of the code.
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
    /// Context patterns added to every rule (and the anchors) of the code.
    #[serde(default)]
    pub not_in: Vec<Spanned<String>>,
    /// When a document counts as coded with this code.
    pub doc_rule: Option<Spanned<String>>,
    #[serde(default)]
    pub rule: Vec<Spanned<RawRule>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAnchors {
    pub terms: Vec<Spanned<String>>,
    pub scope: Option<super::Scope>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRule {
    pub id: Option<Spanned<String>>,
    pub terms: Option<Spanned<Vec<Spanned<String>>>>,
    pub regex: Option<Spanned<String>>,
    pub near: Option<Spanned<RawNear>>,
    pub unit: Option<super::Unit>,
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
    #[serde(default)]
    pub not_in: Vec<Spanned<String>>,
    pub confidence: Option<Spanned<toml::Value>>,
    /// Every term of the rule may match inside a word.
    #[serde(default)]
    pub substring: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawNear {
    pub a: Vec<Spanned<String>>,
    pub b: Vec<Spanned<String>>,
    pub within: Spanned<i64>,
    pub scope: Option<super::Scope>,
}

/// Parses `text`; the codebook is `None` when the TOML itself is unreadable
/// or its shape is wrong. All problems (errors and warnings) are returned.
pub(super) fn parse(text: &str) -> (Option<Codebook>, Vec<Problem>) {
    let loc = Locator::new(text);
    match toml::from_str::<RawFile>(text) {
        Err(e) => {
            let at = e.span().map(|s| s.start);
            let msg = e.message().trim().to_string();
            (None, vec![loc.problem(Severity::Error, at, msg)])
        }
        Ok(raw) => {
            let mut problems = Vec::new();
            let book = validate::validate(raw, &loc, &mut problems);
            (book, problems)
        }
    }
}
