//! GUIDs as REFI-QDA writes them: `8-4-4-4-12` hex digits, optionally in
//! `{…}`, in either case. Kept internally lower-case without braces.

/// The canonical form (lower case, no braces) of a GUID, or `None` when the
/// text is not one.
pub fn normalize(raw: &str) -> Option<String> {
    let s = raw.trim();
    let s = s.strip_prefix('{').and_then(|x| x.strip_suffix('}')).unwrap_or(s);
    let ok = s.len() == 36
        && s.char_indices()
            .all(|(i, c)| if matches!(i, 8 | 13 | 18 | 23) { c == '-' } else { c.is_ascii_hexdigit() });
    ok.then(|| s.to_ascii_lowercase())
}

/// A GUID derived from `key` alone, so the same project always exports the
/// same GUIDs.
pub fn stable(key: &str) -> String {
    policyscope_coding::guid::stable(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_braces_and_case() {
        let g = "12365523-1035-4AFA-9e7b-281fe0bc51c5";
        assert_eq!(normalize(g).as_deref(), Some("12365523-1035-4afa-9e7b-281fe0bc51c5"));
        assert_eq!(normalize("{12365523-1035-4afa-9e7b-281fe0bc51c5}"), normalize(g));
        assert_eq!(normalize("12365523-1035-4afa-9e7b-281fe0bc51c"), None);
        assert_eq!(normalize("12365523x1035-4afa-9e7b-281fe0bc51c5"), None);
        assert_eq!(normalize("{12365523-1035-4afa-9e7b-281fe0bc51c5"), None);
    }

    proptest! {
        #[test]
        fn stable_guids_are_valid(key in ".*") {
            let g = stable(&key);
            prop_assert_eq!(normalize(&g), Some(g.clone()));
        }

        #[test]
        fn normalize_never_panics(s in ".{0,50}") {
            let _ = normalize(&s);
        }
    }
}
