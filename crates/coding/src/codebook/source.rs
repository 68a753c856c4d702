//! Which codebook a name on the command line means: a built-in one or a file.
//!
//! `builtin:study` always means the built-in codebook; anything with a `/`
//! (or `\`) or ending in `.toml` is a path. A bare built-in name (`study`)
//! means the built-in codebook only while no file or folder of that name
//! exists in the current folder: otherwise it is refused, because silently
//! picking either one would code the study with a codebook the user did not
//! mean (a project folder called `study` is the common case).

use std::fmt;
use std::path::{Path, PathBuf};

use super::Codebook;
use crate::{Error, Result};

/// Prefix that always names a built-in codebook (`builtin:study`).
pub const BUILTIN_PREFIX: &str = "builtin:";

/// Longest codebook name or path accepted, in bytes; longer input is refused
/// before it reaches the file system.
pub const MAX_SPEC_LEN: usize = 4096;

/// A codebook compiled into policyscope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Builtin {
    /// The model study's ten codes under Target and Tool.
    Study,
}

impl Builtin {
    /// Every built-in codebook.
    pub const ALL: [Builtin; 1] = [Builtin::Study];

    /// Its name (what follows `builtin:`).
    pub fn name(self) -> &'static str {
        match self {
            Builtin::Study => "study",
        }
    }

    /// Its TOML source.
    pub fn toml(self) -> &'static str {
        match self {
            Builtin::Study => super::STUDY_TOML,
        }
    }

    /// The built-in codebook of this name, if there is one.
    pub fn from_name(name: &str) -> Option<Builtin> {
        Builtin::ALL.into_iter().find(|b| b.name() == name)
    }

    fn known() -> String {
        Builtin::ALL.iter().map(|b| format!("{BUILTIN_PREFIX}{}", b.name())).collect::<Vec<_>>().join(", ")
    }
}

/// Where a codebook comes from, decided from what the user typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodebookSource {
    /// A codebook compiled into policyscope.
    Builtin(Builtin),
    /// A TOML file.
    File(PathBuf),
}

impl CodebookSource {
    /// Decides what `spec` names; only a bare built-in name looks at the file
    /// system (relative to the current folder), to refuse the ambiguous case.
    pub fn resolve(spec: &str) -> Result<CodebookSource> {
        decide(spec, |name| Path::new(name).symlink_metadata().is_ok())
    }

    /// Reads and validates the codebook.
    pub fn load(&self) -> Result<Codebook> {
        match self {
            CodebookSource::Builtin(b) => Codebook::parse(b.toml()),
            CodebookSource::File(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|source| Error::ReadCodebook { path: path.display().to_string(), source })?;
                Codebook::parse(&text)
            }
        }
    }
}

impl fmt::Display for CodebookSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CodebookSource::Builtin(b) => write!(f, "{BUILTIN_PREFIX}{}", b.name()),
            CodebookSource::File(p) => write!(f, "{}", p.display()),
        }
    }
}

/// The resolution rules, with the file-system check passed in (`exists`).
fn decide(spec: &str, exists: impl Fn(&str) -> bool) -> Result<CodebookSource> {
    if spec.is_empty() || spec.len() > MAX_SPEC_LEN || spec.contains('\0') {
        return Err(Error::Invalid(format!(
            "a codebook is a file path (at most {MAX_SPEC_LEN} bytes) or one of {}",
            Builtin::known()
        )));
    }
    if let Some(name) = spec.strip_prefix(BUILTIN_PREFIX) {
        return Builtin::from_name(name).map(CodebookSource::Builtin).ok_or_else(|| {
            Error::Invalid(format!("no built-in codebook `{name}` (built-in: {})", Builtin::known()))
        });
    }
    let looks_like_path = spec.contains('/') || spec.contains('\\') || spec.ends_with(".toml");
    match Builtin::from_name(spec) {
        Some(b) if !looks_like_path => {
            if exists(spec) {
                Err(Error::AmbiguousCodebook { name: spec.to_string() })
            } else {
                Ok(CodebookSource::Builtin(b))
            }
        }
        _ => Ok(CodebookSource::File(PathBuf::from(spec))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn builtin_prefix_always_means_the_builtin_codebook() {
        let got = decide("builtin:study", |_| true).unwrap();
        assert_eq!(got, CodebookSource::Builtin(Builtin::Study));
        assert_eq!(got.to_string(), "builtin:study");
        assert!(got.load().is_ok_and(|b| b.name == "study"));
    }

    #[test]
    fn unknown_builtin_names_the_known_ones() {
        let err = decide("builtin:nope", |_| false).unwrap_err().to_string();
        assert!(err.contains("`nope`") && err.contains("builtin:study"), "{err}");
    }

    #[test]
    fn slash_or_toml_suffix_means_a_path() {
        for spec in ["./study", "study/", "dir/study", "study.toml", "C:\\books\\study"] {
            assert_eq!(decide(spec, |_| true).unwrap(), CodebookSource::File(PathBuf::from(spec)), "{spec}");
        }
    }

    #[test]
    fn bare_builtin_name_that_is_also_a_file_is_refused_naming_both_choices() {
        let err = decide("study", |_| true).unwrap_err().to_string();
        assert!(err.contains("builtin:study") && err.contains("./study"), "{err}");
    }

    #[test]
    fn bare_builtin_name_without_such_file_means_the_builtin() {
        assert_eq!(decide("study", |_| false).unwrap(), CodebookSource::Builtin(Builtin::Study));
    }

    #[test]
    fn bare_other_name_is_a_path() {
        assert_eq!(decide("mine", |_| false).unwrap(), CodebookSource::File(PathBuf::from("mine")));
    }

    #[test]
    fn empty_or_overlong_spec_is_refused() {
        assert!(decide("", |_| false).is_err());
        assert!(decide(&"a".repeat(MAX_SPEC_LEN + 1), |_| false).is_err());
    }

    proptest! {
        #[test]
        fn any_spec_resolves_or_fails_cleanly(spec in ".{0,80}", exists: bool) {
            match decide(&spec, |_| exists) {
                Ok(CodebookSource::Builtin(b)) => {
                    let named = spec == format!("{BUILTIN_PREFIX}{}", b.name()) || (spec == b.name() && !exists);
                    prop_assert!(named, "{:?} resolved to the built-in {:?}", spec, b);
                }
                Ok(CodebookSource::File(p)) => prop_assert_eq!(p, PathBuf::from(&spec)),
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
        }
    }
}
