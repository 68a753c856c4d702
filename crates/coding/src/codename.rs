//! The values a person types when editing the code tree: a code's name,
//! its colour and its description, checked once here so the store, the
//! command line and the web API refuse the same things with the same words.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// Longest code name, in characters.
pub const MAX_CODE_NAME: usize = 200;

/// Longest code description, in characters.
pub const MAX_DESCRIPTION: usize = 10_000;

/// One code's own name (a path segment): trimmed, not empty, at most
/// [`MAX_CODE_NAME`] characters, no `/` (paths are names joined by `/`) and
/// no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct CodeName(String);

impl CodeName {
    /// Checks `name` (surrounding white space is dropped).
    pub fn new(name: &str) -> Result<CodeName> {
        let trimmed = name.trim();
        let refuse = |why: &str| Err(Error::Invalid(format!("{name:?} cannot be a code name: {why}")));
        if trimmed.is_empty() {
            return refuse("it is empty");
        }
        if trimmed.chars().count() > MAX_CODE_NAME {
            return refuse(&format!("it is longer than {MAX_CODE_NAME} characters"));
        }
        if trimmed.contains('/') {
            return refuse("`/` separates the names of a path; give the parent separately");
        }
        if trimmed.chars().any(char::is_control) {
            return refuse("it contains control characters");
        }
        Ok(CodeName(trimmed.to_string()))
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CodeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A code colour `#rrggbb`, kept in lower case (the form codebooks use).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Colour([u8; 3]);

impl Colour {
    /// Reads `#rrggbb` (or `#rgb`), case-insensitive.
    pub fn parse(s: &str) -> Result<Colour> {
        let bad = || Error::Invalid(format!("colour {s:?} is not of the form #rrggbb"));
        let hex = s.trim().strip_prefix('#').ok_or_else(bad)?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad());
        }
        let digits: Vec<u8> = match hex.len() {
            6 => hex.as_bytes().to_vec(),
            3 => hex.bytes().flat_map(|b| [b, b]).collect(),
            _ => return Err(bad()),
        };
        let byte = |i: usize| {
            std::str::from_utf8(&digits[i..i + 2]).ok().and_then(|d| u8::from_str_radix(d, 16).ok())
        };
        match (byte(0), byte(2), byte(4)) {
            (Some(r), Some(g), Some(b)) => Ok(Colour([r, g, b])),
            _ => Err(bad()),
        }
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0[0], self.0[1], self.0[2])
    }
}

impl TryFrom<String> for Colour {
    type Error = Error;
    fn try_from(s: String) -> Result<Colour> {
        Colour::parse(&s)
    }
}

impl From<Colour> for String {
    fn from(c: Colour) -> String {
        c.to_string()
    }
}

/// Checks a description's length (descriptions are free text otherwise).
pub fn check_description(text: &str) -> Result<()> {
    if text.chars().count() > MAX_DESCRIPTION {
        return Err(Error::Invalid(format!("a code description has at most {MAX_DESCRIPTION} characters")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_are_trimmed_and_refused_with_a_reason() {
        assert_eq!(CodeName::new("  数据跨境 ").unwrap().as_str(), "数据跨境");
        for (bad, why) in [("", "empty"), ("a/b", "`/`"), ("a\nb", "control")] {
            let err = CodeName::new(bad).unwrap_err().to_string();
            assert!(err.contains(why), "{bad:?}: {err}");
        }
        assert!(CodeName::new(&"码".repeat(MAX_CODE_NAME)).is_ok());
        assert!(CodeName::new(&"码".repeat(MAX_CODE_NAME + 1)).is_err());
    }

    #[test]
    fn colours_are_read_in_both_lengths_and_written_lower_case() {
        assert_eq!(Colour::parse("#A1B2C3").unwrap().to_string(), "#a1b2c3");
        assert_eq!(Colour::parse("#f0a").unwrap().to_string(), "#ff00aa");
        for bad in ["a1b2c3", "#a1b2c", "#ggg000", "#", "#１２３４５６", "red"] {
            assert!(Colour::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_description_longer_than_the_limit_is_refused() {
        assert!(check_description(&"字".repeat(MAX_DESCRIPTION)).is_ok());
        assert!(check_description(&"字".repeat(MAX_DESCRIPTION + 1)).is_err());
    }

    proptest! {
        #[test]
        fn garbage_names_and_colours_never_panic(s in "\\PC{0,260}|[#0-9a-fA-F]{0,8}") {
            if let Ok(name) = CodeName::new(&s) {
                prop_assert!(!name.as_str().contains('/'));
                prop_assert_eq!(name.as_str(), s.trim());
            }
            if let Ok(c) = Colour::parse(&s) {
                prop_assert_eq!(Colour::parse(&c.to_string()).ok(), Some(c));
            }
        }
    }
}
