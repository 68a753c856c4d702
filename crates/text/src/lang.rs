//! A coarse language tag from the script of a text.

/// `zh` when Han characters make up at least a fifth of the letters,
/// `en` when Latin letters dominate, `und` otherwise.
pub fn detect_language(text: &str) -> &'static str {
    let (mut han, mut latin) = (0usize, 0usize);
    for c in text.chars().take(20_000) {
        if is_han(c) {
            han += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    if han > 0 && han * 5 >= (han + latin) {
        "zh"
    } else if latin > 0 {
        "en"
    } else {
        "und"
    }
}

/// Whether `c` is a CJK unified ideograph (basic block or extension A).
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        assert_eq!(detect_language("中华人民共和国网络安全法"), "zh");
        assert_eq!(detect_language("Personal Information Protection Law of the PRC"), "en");
        assert_eq!(detect_language("12345"), "und");
        assert_eq!(detect_language("根据 GB/T 1.1-2020 制定"), "zh");
    }
}
