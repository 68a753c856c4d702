//! People's names as coders, reviewers and memo authors.
//!
//! Agreement figures and queries tell the machine's codings from people's by
//! the coder's name (`auto:<codebook>@<version>`), so a person must never be
//! able to record codings under a machine's name: that would count human
//! judgements as the auto-coder's. Every place where a person names
//! themselves (command line, settings file, web app) goes through
//! [`HumanCoder::new`].

use std::fmt;

use crate::model::AUTO_PREFIX;
use crate::{Error, Result};

/// Prefix reserved for model-based coders.
pub const MODEL_PREFIX: &str = "model:";

/// Name prefixes reserved for the machine's coders; compared case-insensitively.
pub const MACHINE_PREFIXES: [&str; 2] = [AUTO_PREFIX, MODEL_PREFIX];

/// Longest person's name, in characters.
pub const MAX_PERSON_NAME: usize = 100;

/// Words a form puts where a name should be; compared case-insensitively.
/// A review recorded under one of them would name nobody.
pub const PLACEHOLDER_NAMES: [&str; 8] =
    ["reviewer", "coder", "user", "anonymous", "unknown", "default", "nobody", "someone"];

/// A validated person's name: trimmed, not empty, at most
/// [`MAX_PERSON_NAME`] characters, no control characters, not a placeholder
/// ([`PLACEHOLDER_NAMES`]) and not starting with a machine prefix
/// ([`MACHINE_PREFIXES`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HumanCoder(String);

impl HumanCoder {
    /// Checks `name` (surrounding white space is dropped).
    pub fn new(name: &str) -> Result<HumanCoder> {
        let trimmed = name.trim();
        let refuse = |reason: String| Err(Error::NotAPersonName { name: name.to_string(), reason });
        if trimmed.is_empty() {
            return refuse("it is empty".into());
        }
        if trimmed.chars().count() > MAX_PERSON_NAME {
            return refuse(format!("it is longer than {MAX_PERSON_NAME} characters"));
        }
        if trimmed.chars().any(char::is_control) {
            return refuse("it contains control characters".into());
        }
        let lower = trimmed.to_lowercase();
        if PLACEHOLDER_NAMES.contains(&lower.as_str()) {
            return refuse("it is a placeholder, not a person's name; give your own name".into());
        }
        if let Some(prefix) = MACHINE_PREFIXES.iter().find(|p| lower.starts_with(*p)) {
            return refuse(format!(
                "names starting with `{prefix}` are reserved for the machine's coders ({})",
                MACHINE_PREFIXES.map(|p| format!("`{p}`")).join(", ")
            ));
        }
        Ok(HumanCoder(trimmed.to_string()))
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for HumanCoder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for HumanCoder {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ordinary_names_are_people_trimmed() {
        assert_eq!(HumanCoder::new("  alice ").unwrap().as_str(), "alice");
        assert_eq!(HumanCoder::new("张三").unwrap().to_string(), "张三");
        assert!(HumanCoder::new("automaton").is_ok(), "only the prefix with its colon is reserved");
    }

    #[test]
    fn machine_prefixes_are_reserved_for_the_machine() {
        for name in ["auto:study@1", "auto:study", " model:gpt", "AUTO:study", "Model:x"] {
            let err = HumanCoder::new(name).unwrap_err().to_string();
            assert!(err.contains("reserved for the machine"), "{name}: {err}");
        }
    }

    #[test]
    fn placeholder_names_are_refused_so_a_review_always_names_someone() {
        for name in ["reviewer", " Reviewer ", "ANONYMOUS", "coder"] {
            let err = HumanCoder::new(name).unwrap_err().to_string();
            assert!(err.contains("placeholder"), "{name}: {err}");
        }
        assert!(HumanCoder::new("reviewer 2").is_ok(), "only the bare placeholder word is refused");
    }

    #[test]
    fn empty_long_or_control_names_are_refused() {
        assert!(HumanCoder::new("   ").is_err());
        assert!(HumanCoder::new(&"x".repeat(MAX_PERSON_NAME + 1)).is_err());
        assert!(HumanCoder::new(&"x".repeat(MAX_PERSON_NAME)).is_ok());
        assert!(HumanCoder::new("a\u{7}b").is_err());
    }

    proptest! {
        #[test]
        fn any_accepted_name_is_trimmed_and_not_a_machine_name(name in ".{0,120}") {
            if let Ok(person) = HumanCoder::new(&name) {
                let s = person.as_str().to_lowercase();
                prop_assert_eq!(person.as_str(), name.trim());
                prop_assert!(!MACHINE_PREFIXES.iter().any(|p| s.starts_with(p)));
            }
        }
    }
}
