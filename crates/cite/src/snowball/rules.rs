//! Inclusion rules for snowballing, read from a small TOML file.
//!
//! ```toml
//! direction = "backward"      # backward | forward | both
//! max_rounds = 10
//! otherwise = "exclude"       # when no rule matches: include | exclude
//!
//! [[rule]]
//! name = "foreign or international"
//! action = "exclude"
//! chinese_authority = false
//!
//! [[rule]]
//! name = "about AI, data or networks"
//! action = "include"
//! terms_any = ["人工智能", "数据", "网络", "标准化"]   # in title or text
//! date_to = "2024-10-31"
//! ```
//!
//! Rules are tried in order; the first whose conditions all hold decides,
//! and its name is recorded with the document. A rule without conditions
//! matches every document.

use std::path::Path;

use policyscope_corpus::DocumentMeta;
use policyscope_text::{DateRange, PolicyDate};
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// Which way references are followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// From a document to what it cites.
    #[default]
    Backward,
    /// From a document to what cites it.
    Forward,
    /// Both ways.
    Both,
}

/// What a rule does with a document it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Admit the document.
    Include,
    /// Leave it out (it is listed with the rule).
    Exclude,
}

/// One named rule; its conditions must all hold for it to match.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Name recorded with each document it decides.
    pub name: String,
    /// Include or exclude.
    pub action: Action,
    /// Some term occurs in the title.
    #[serde(default)]
    pub title_any: Vec<String>,
    /// Some term occurs in the title or the text.
    #[serde(default)]
    pub terms_any: Vec<String>,
    /// Issued by a Chinese authority (`true`) or not (`false`).
    pub chinese_authority: Option<bool>,
    /// Dated on or after (from the first day of the period named).
    pub date_from: Option<PolicyDate>,
    /// Dated on or before (through the last day of the period named).
    pub date_to: Option<PolicyDate>,
    /// Document type is one of these (`法`, `条例`, `办法` …).
    #[serde(default)]
    pub doc_types: Vec<String>,
}

/// A rules file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// Which way to follow references.
    #[serde(default)]
    pub direction: Direction,
    /// Stop after this many rounds.
    #[serde(default = "default_rounds")]
    pub max_rounds: usize,
    /// What to do when no rule matches.
    #[serde(default = "default_otherwise")]
    pub otherwise: Action,
    /// The rules, tried in order.
    #[serde(default, rename = "rule")]
    pub rules: Vec<Rule>,
}

fn default_rounds() -> usize {
    10
}

fn default_otherwise() -> Action {
    Action::Include
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            direction: Direction::Backward,
            max_rounds: default_rounds(),
            otherwise: Action::Include,
            rules: vec![],
        }
    }
}

/// Names in a title or issuer that mark a foreign or international body.
const FOREIGN_MARKERS: &[&str] = &[
    "美国",
    "欧盟",
    "欧洲",
    "日本",
    "韩国",
    "英国",
    "法国",
    "德国",
    "俄罗斯",
    "印度",
    "联合国",
    "世界贸易组织",
    "世界卫生组织",
    "国际标准化组织",
    "国际电信联盟",
    "经济合作与发展组织",
    "二十国集团",
    "ISO",
    "IEC",
    "IEEE",
    "ITU",
    "OECD",
    "公约",
    "条约",
    "议定书",
];

/// Whether a document reads as issued by a Chinese authority: Chinese text
/// and no foreign or international body named in its title or issuer.
pub fn is_chinese_authority(meta: &DocumentMeta) -> bool {
    let named = |s: &str| FOREIGN_MARKERS.iter().any(|m| s.contains(m));
    meta.language == "zh" && !named(&meta.title) && !meta.issuer.as_deref().is_some_and(named)
}

impl Rules {
    /// Parses rules from TOML text.
    pub fn parse(text: &str, path: &Path) -> Result<Rules> {
        let rules: Rules = toml::from_str(text)
            .map_err(|e| Error::Rules { path: path.to_path_buf(), message: e.to_string() })?;
        if rules.max_rounds == 0 {
            return Err(Error::Rules {
                path: path.to_path_buf(),
                message: "max_rounds must be at least 1".into(),
            });
        }
        Ok(rules)
    }

    /// Reads a rules file.
    pub fn load(path: &Path) -> Result<Rules> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::Rules { path: path.to_path_buf(), message: e.to_string() })?;
        Self::parse(&text, path)
    }

    /// The decision for a document and the name of the rule that made it;
    /// `text` is asked for only when a rule needs it.
    pub fn decide(&self, meta: &DocumentMeta, text: &mut dyn FnMut() -> String) -> (Action, String) {
        for r in &self.rules {
            if r.matches(meta, text) {
                return (r.action, r.name.clone());
            }
        }
        (self.otherwise, "otherwise".to_string())
    }
}

impl Rule {
    fn matches(&self, meta: &DocumentMeta, text: &mut dyn FnMut() -> String) -> bool {
        if !self.title_any.is_empty() && !self.title_any.iter().any(|t| meta.title.contains(t.as_str())) {
            return false;
        }
        if self.chinese_authority.is_some_and(|want| want != is_chinese_authority(meta)) {
            return false;
        }
        // An undated document passes no date bound.
        if !(DateRange { from: self.date_from, to: self.date_to }).admits(meta.date.as_ref()) {
            return false;
        }
        if !self.doc_types.is_empty() && !meta.doc_type.as_ref().is_some_and(|t| self.doc_types.contains(t)) {
            return false;
        }
        if !self.terms_any.is_empty() && !self.terms_any.iter().any(|t| meta.title.contains(t.as_str())) {
            let body = text();
            if !self.terms_any.iter().any(|t| body.contains(t.as_str())) {
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &str = r#"
direction = "both"
max_rounds = 3
otherwise = "exclude"
[[rule]]
name = "foreign"
action = "exclude"
chinese_authority = false
[[rule]]
name = "ai"
action = "include"
terms_any = ["人工智能"]
date_to = "2024-10"
"#;

    fn meta(title: &str, date: &str) -> DocumentMeta {
        DocumentMeta::new(1, title, date.parse().ok())
    }

    #[test]
    fn first_matching_rule_decides() {
        let r = Rules::parse(RULES, Path::new("r.toml")).unwrap();
        assert_eq!(r.direction, Direction::Both);
        let none = &mut || String::new();
        assert_eq!(
            r.decide(&meta("欧盟人工智能法", "2024-01-01"), none),
            (Action::Exclude, "foreign".into())
        );
        assert_eq!(r.decide(&meta("人工智能条例", "2024-10-15"), none), (Action::Include, "ai".into()));
        assert_eq!(r.decide(&meta("人工智能条例", "2025-01-01"), none).1, "otherwise");
        let text = &mut || "发展人工智能".to_string();
        assert_eq!(r.decide(&meta("某条例", "2020-01-01"), text).1, "ai");
    }

    #[test]
    fn bad_files_are_errors() {
        assert!(Rules::parse("direction = \"sideways\"", Path::new("r")).is_err());
        assert!(
            Rules::parse("[[rule]]\nname = \"x\"\naction = \"include\"\ncolour = 1", Path::new("r")).is_err()
        );
        assert!(Rules::parse("max_rounds = 0", Path::new("r")).is_err());
        assert_eq!(Rules::parse("", Path::new("r")).unwrap(), Rules::default());
    }

    #[test]
    fn rule_dates_are_checked_and_date_to_covers_its_period() {
        let rule = |bound: &str| format!("[[rule]]\nname = \"x\"\naction = \"include\"\n{bound}");
        for bad in ["date_to = \"2024-13\"", "date_from = \"2023-02-30\"", "date_from = \"soon\""] {
            assert!(Rules::parse(&rule(bad), Path::new("r")).is_err(), "{bad}");
        }
        let r = Rules::parse(&rule("date_to = \"2024-10\""), Path::new("r")).unwrap();
        let none = &mut || String::new();
        assert!(r.rules[0].matches(&meta("甲", "2024-10-31"), none));
        assert!(!r.rules[0].matches(&meta("甲", "2024-11-01"), none));
        assert!(!r.rules[0].matches(&DocumentMeta::new(1, "甲", None), none), "undated");
    }
}
