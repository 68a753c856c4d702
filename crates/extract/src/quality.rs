//! Telling text from garbage: a PDF whose fonts carry no Unicode map yields
//! glyph ids read as characters — control codes, private-use code points,
//! replacement characters, or (read as Unicode values) letters of scripts
//! scattered over Latin Extended, combining marks, Devanagari … — which
//! must not be imported as if they were text. Chinese and English policy
//! texts use Han, CJK punctuation, ASCII, Latin-1, Greek, Cyrillic and the
//! common symbol blocks; anything else counts as unreadable.

/// Share of unreadable characters above which a text is refused.
const MAX_UNREADABLE: f64 = 0.10;

/// Whether a character cannot be real text of a Chinese or English document.
fn unreadable(c: char) -> bool {
    let expected = matches!(c,
        ' '..='~' | '\n' | '\t' | '\r' | '\u{c}'
        | '\u{A0}'..='\u{FF}'            // Latin-1
        | '\u{370}'..='\u{4FF}'          // Greek, Cyrillic
        | '\u{2000}'..='\u{27BF}'        // punctuation, symbols, arrows, maths, shapes
        | '\u{FB00}'..='\u{FB06}')       // ligatures
        || crate::layout::is_cjk(c);
    !expected
}

/// `Some(reason)` when `text` looks like undecoded glyph ids.
pub(crate) fn gibberish(text: &str) -> Option<String> {
    let (mut total, mut bad) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        total += 1;
        if unreadable(c) {
            bad += 1;
        }
    }
    if total == 0 {
        return None;
    }
    let share = bad as f64 / total as f64;
    (share > MAX_UNREADABLE).then(|| {
        format!("{:.0}% of its characters are control, private-use or out-of-place codes", share * 100.0)
    })
}

/// Whether `text` has almost no visible characters (`pages` pages of a scan).
pub(crate) fn no_text(text: &str, pages: usize) -> bool {
    let visible = text.chars().filter(|c| !c.is_whitespace()).count();
    visible < 4.max(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_text_is_readable() {
        assert_eq!(gibberish("中华人民共和国网络安全法\n第一条 为了保障网络安全，制定本法。"), None);
    }

    #[test]
    fn glyph_ids_read_as_characters_are_gibberish() {
        let garbage: String = (0..200).map(|i| if i % 3 == 0 { '\u{3}' } else { '\u{E123}' }).collect();
        assert!(gibberish(&garbage).is_some());
        // Identity-mapped glyph ids: Ă ȃ ̄ Ԇ …
        assert!(gibberish("\u{102}\u{203}\u{304}\u{506}\u{2AB}\u{708}\u{90A}\u{B0C}\u{D0E}\u{F10}").is_some());
    }

    #[test]
    fn english_with_accents_and_symbols_is_readable() {
        assert_eq!(gibberish("Règlement (UE) 2016/679 — § 3, « données », α ≤ β → 50 %"), None);
    }

    #[test]
    fn a_page_of_whitespace_is_no_text() {
        assert!(no_text(" \n\n \u{c} ", 3));
        assert!(!no_text("第一条 为了保障网络安全", 1));
    }
}
