//! The search view of a text.
//!
//! What users see is never changed: this view only feeds the index, the
//! citation matcher and the dictionary coder. Every step maps one character
//! to one character, so an offset in the view is the same offset in the
//! original text.

use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

fn opencc() -> Option<&'static ferrous_opencc::OpenCC> {
    static CONVERTER: OnceLock<Option<ferrous_opencc::OpenCC>> = OnceLock::new();
    CONVERTER
        .get_or_init(|| ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::T2s).ok())
        .as_ref()
}

/// Folds one character: full-width ASCII and the ideographic space to their
/// half-width forms, and NFKC where NFKC yields exactly one character.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ if c.is_ascii() => c,
        _ => {
            let mut it = std::iter::once(c).nfkc();
            match (it.next(), it.next()) {
                (Some(one), None) => one,
                _ => c,
            }
        }
    }
}

/// Converts traditional characters to simplified, keeping the character
/// count (conversions that would change the length are not applied).
pub fn to_simplified(text: &str) -> String {
    let Some(cc) = opencc() else { return text.to_string() };
    let converted = cc.convert(text);
    if converted.chars().count() == text.chars().count() {
        return converted;
    }
    // Phrase-level conversions changed the length somewhere: fall back to
    // converting character by character, which always keeps the count.
    text.chars()
        .map(|c| {
            let mut buf = [0u8; 4];
            let one = cc.convert(c.encode_utf8(&mut buf));
            let mut chars = one.chars();
            match (chars.next(), chars.next()) {
                (Some(s), None) => s,
                _ => c,
            }
        })
        .collect()
}

/// Builds the search view: width folding, single-character NFKC, lower-case
/// ASCII, and traditional → simplified. Same number of code points as `text`.
pub fn normalize_for_search(text: &str) -> String {
    let folded: String = text.chars().map(|c| fold_char(c).to_ascii_lowercase()).collect();
    if folded.chars().any(|c| c as u32 >= 0x3400) {
        to_simplified(&folded)
    } else {
        folded
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folds_width_and_script() {
        assert_eq!(normalize_for_search("ＡＩ　２０２３"), "ai 2023");
        assert_eq!(normalize_for_search("國務院關於"), "国务院关于");
        assert_eq!(normalize_for_search("中华人民共和国"), "中华人民共和国");
    }

    proptest! {
        #[test]
        fn keeps_code_point_count(s in "\\PC{0,40}") {
            prop_assert_eq!(normalize_for_search(&s).chars().count(), s.chars().count());
        }
    }
}
