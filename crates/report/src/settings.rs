//! The report's title from the project's settings file
//! (`policyscope.toml`, the file that also names the coder):
//!
//! ```toml
//! [project]
//! title = "AI standardisation policies, 2015–2024"
//! ```
//!
//! The file is read with limits: at most [`MAX_SETTINGS_BYTES`] (which also
//! bounds the parser's time) and nesting no deeper than [`MAX_DEPTH`],
//! checked before the TOML parser sees it.

use std::io::Read;
use std::path::Path;

use policyscope_coding::SETTINGS_FILE;

use crate::{Error, Result};

/// Largest settings file read.
pub const MAX_SETTINGS_BYTES: u64 = 64 * 1024;
/// Deepest nesting of arrays and inline tables accepted.
pub const MAX_DEPTH: usize = 16;
/// Longest title accepted, in characters.
pub const MAX_TITLE_CHARS: usize = 300;

/// Heading of a report when neither the command nor the settings name one.
pub const DEFAULT_TITLE: &str = "Policy document study";

fn bad(path: &Path, message: impl Into<String>) -> Error {
    Error::Settings { path: path.to_path_buf(), message: message.into() }
}

/// The `[project] title` of the project in `dir`, if its settings file
/// names one. A missing file or title is `None`; a file too large, nested
/// too deep, not TOML, or whose title is not a short one-line string is an
/// error naming the file.
pub fn project_title(dir: &Path) -> Result<Option<String>> {
    let path = dir.join(SETTINGS_FILE);
    let file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(&path, e)),
    };
    let mut bytes = Vec::new();
    file.take(MAX_SETTINGS_BYTES + 1).read_to_end(&mut bytes).map_err(|e| Error::io(&path, e))?;
    if bytes.len() as u64 > MAX_SETTINGS_BYTES {
        return Err(bad(&path, format!("larger than {MAX_SETTINGS_BYTES} bytes")));
    }
    let text = String::from_utf8(bytes).map_err(|_| bad(&path, "not UTF-8"))?;
    title_in(&text).map_err(|m| bad(&path, m))
}

/// The title in the text of a settings file (see [`project_title`]).
fn title_in(text: &str) -> std::result::Result<Option<String>, String> {
    if nesting(text) > MAX_DEPTH {
        return Err(format!("nested deeper than {MAX_DEPTH} levels"));
    }
    let table: toml::Table = toml::from_str(text).map_err(|e| e.message().to_string())?;
    let Some(project) = table.get("project") else { return Ok(None) };
    let Some(title) = project.get("title") else { return Ok(None) };
    let title = title.as_str().ok_or("[project] title must be a string")?.trim();
    if title.chars().any(char::is_control) {
        return Err("[project] title must be one line".into());
    }
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(format!("[project] title is longer than {MAX_TITLE_CHARS} characters"));
    }
    Ok((!title.is_empty()).then(|| title.to_string()))
}

/// Deepest nesting of `[`/`{` outside strings and comments: an upper bound
/// of what the parser would recurse into (a table header `[a]` counts one).
fn nesting(text: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut comment = false;
    for c in text.chars() {
        if comment {
            comment = c != '\n';
            continue;
        }
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' && q == '"' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '"' | '\'' => quote = Some(c),
                '#' => comment = true,
                '[' | '{' => {
                    depth += 1;
                    max = max.max(depth);
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            },
        }
    }
    max
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn the_title_comes_from_the_project_table() {
        assert_eq!(title_in("[project]\ntitle = \"AI 标准化政策\"\n"), Ok(Some("AI 标准化政策".into())));
        assert_eq!(title_in("[coding]\ncoder = \"ann\"\n"), Ok(None));
        assert_eq!(title_in("[project]\ntitle = \"  \"\n"), Ok(None));
        assert!(title_in("[project]\ntitle = 3\n").is_err());
        assert!(title_in("[project]\ntitle = \"a\\nb\"\n").is_err());
        assert!(title_in("[project\n").is_err());
    }

    #[test]
    fn deeply_nested_settings_are_refused_before_parsing() {
        let deep = format!("x = {}{}\n", "[".repeat(50_000), "]".repeat(50_000));
        assert_eq!(title_in(&deep), Err(format!("nested deeper than {MAX_DEPTH} levels")));
        assert_eq!(nesting("a = \"[[[[\" # [[[[\n[b]\nc = [[1], {d = 2}]"), 2);
    }

    #[test]
    fn a_missing_file_means_no_title_and_a_huge_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(project_title(dir.path()).unwrap(), None);
        let big = format!("[project]\ntitle = \"t\"\n#{}\n", "x".repeat(MAX_SETTINGS_BYTES as usize));
        std::fs::write(dir.path().join(SETTINGS_FILE), big).unwrap();
        let err = project_title(dir.path()).unwrap_err().to_string();
        assert!(err.contains(SETTINGS_FILE) && err.contains("larger than"), "{err}");
    }

    proptest! {
        #[test]
        fn garbage_settings_never_panic(text in ".{0,400}", prefix in "(\\[project\\]\ntitle = )?") {
            let _ = title_in(&format!("{prefix}{text}"));
        }

        #[test]
        fn garbage_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join(SETTINGS_FILE), &bytes).unwrap();
            let _ = project_title(dir.path());
        }
    }
}
