//! File names in messages and in the store.
//!
//! A Unix file name may hold newlines, other control characters and bytes
//! that are not UTF-8. Printed raw, such a name breaks the one-line-per-file
//! output (or forges lines); stored lossily, two names can collide silently.
//! Messages therefore show names escaped, and the store keeps what UTF-8
//! can represent while the report says when a name was changed.

use std::path::Path;

/// The name of `path` for messages: as is when it is UTF-8 without control
/// characters, otherwise quoted with escapes (`"a\nb"`, `"\xFF.txt"`), so
/// every name fits on one line and the escaped form is recognisable.
pub fn escape_path(path: &Path) -> String {
    match path.to_str() {
        Some(s) if !s.chars().any(char::is_control) => s.to_string(),
        // Debug of an OS string escapes control characters and shows bytes
        // that are not UTF-8 as `\xNN`.
        _ => format!("{:?}", path.as_os_str()),
    }
}

/// The name of `path` as stored, and a warning when it had to change:
/// bytes that are not UTF-8 become U+FFFD.
pub(super) fn stored_path(path: &Path) -> (String, Option<String>) {
    match path.to_str() {
        Some(s) => (s.to_string(), None),
        None => {
            let lossy = path.to_string_lossy().into_owned();
            let warning = format!(
                "the file name is not valid UTF-8: stored as {:?} (each invalid byte replaced by U+FFFD)",
                lossy
            );
            (lossy, Some(warning))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    #[test]
    fn names_with_newlines_are_shown_escaped_on_one_line() {
        let shown = escape_path(Path::new("/d/通知\n伪造的一行.txt"));
        assert_eq!(shown, "\"/d/通知\\n伪造的一行.txt\"");
        assert!(!shown.contains('\n'));
    }

    #[test]
    fn names_with_invalid_utf8_are_shown_with_byte_escapes_and_stored_lossily() {
        let path = Path::new(OsStr::from_bytes(b"/d/a\xFFb.txt"));
        assert_eq!(escape_path(path), "\"/d/a\\xFFb.txt\"");
        let (stored, warning) = stored_path(path);
        assert_eq!(stored, "/d/a\u{FFFD}b.txt");
        assert!(warning.is_some_and(|w| w.contains("not valid UTF-8")));
    }

    #[test]
    fn ordinary_names_are_unchanged() {
        let path = Path::new("/d/关于\"印发\"的通知 (1).txt");
        assert_eq!(escape_path(path), "/d/关于\"印发\"的通知 (1).txt");
        assert_eq!(stored_path(path), ("/d/关于\"印发\"的通知 (1).txt".to_string(), None));
    }
}
