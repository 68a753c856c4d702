//! Escaping text for HTML element content and attribute values.

use std::fmt::Write as _;

/// Escapes `s` so it is shown as text inside an element or a quoted
/// attribute value: `& < > " '` become character references.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    push_escaped(&mut out, s);
    out
}

/// Appends `s` escaped to `out` (see [`escape`]).
pub fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Controls other than tab/newline are not allowed in HTML text.
            c if c.is_control() && c != '\n' && c != '\t' && c != '\r' => {
                let _ = write!(out, "&#xFFFD;");
            }
            c => out.push(c),
        }
    }
}

/// Escapes text for use inside an XML/SVG element or attribute (same rules).
pub fn escape_xml(s: &str) -> String {
    escape(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("<script>alert('x')</script>"), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assert_eq!(escape("a & b \"c\""), "a &amp; b &quot;c&quot;");
        assert_eq!(escape("标准化法《》"), "标准化法《》");
    }

    proptest! {
        #[test]
        fn output_has_no_markup_characters(s in any::<String>()) {
            let e = escape(&s);
            prop_assert!(!e.contains('<') && !e.contains('>') && !e.contains('"') && !e.contains('\''));
            // Every & starts a character reference.
            for (i, _) in e.match_indices('&') {
                let rest = &e[i..];
                prop_assert!(rest.starts_with("&amp;") || rest.starts_with("&lt;") || rest.starts_with("&gt;")
                    || rest.starts_with("&quot;") || rest.starts_with("&#39;") || rest.starts_with("&#xFFFD;"));
            }
        }

        #[test]
        fn unescaping_gives_back_the_text(s in "[^\\p{Cc}]*") {
            let back = escape(&s).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
            prop_assert_eq!(back, s);
        }
    }
}
