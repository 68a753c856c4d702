//! The reviewer's name from the project's settings.

use std::path::Path;

/// Name of the optional settings file in a project folder.
pub const SETTINGS_FILE: &str = "policyscope.toml";

/// The coder named in `<project>/policyscope.toml` (`[coding] coder = "…"`,
/// or a top-level `coder = "…"`), if the file exists and names one.
/// Unreadable or malformed files give `None`: the caller then asks for
/// `--coder`.
pub fn configured_coder(project_dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(project_dir.join(SETTINGS_FILE)).ok()?;
    let value: toml::Table = toml::from_str(&text).ok()?;
    let from_section = value.get("coding").and_then(|c| c.get("coder")).and_then(|c| c.as_str());
    let name = from_section.or_else(|| value.get("coder").and_then(|c| c.as_str()))?;
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_coder_from_settings() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(configured_coder(dir.path()), None);
        std::fs::write(dir.path().join(SETTINGS_FILE), "[coding]\ncoder = \"alice\"\n").unwrap();
        assert_eq!(configured_coder(dir.path()).as_deref(), Some("alice"));
        std::fs::write(dir.path().join(SETTINGS_FILE), "coder = \" \"\n").unwrap();
        assert_eq!(configured_coder(dir.path()), None);
        std::fs::write(dir.path().join(SETTINGS_FILE), "not toml [").unwrap();
        assert_eq!(configured_coder(dir.path()), None);
    }
}
