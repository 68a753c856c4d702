//! Text handling shared by every stage of policyscope.
//!
//! * [`encoding`] turns the bytes of a file into text, detecting UTF-8,
//!   UTF-16 (with BOM) and GB18030/GBK, and refuses rather than guesses.
//! * [`normalize`] builds the search view of a text (full/half width, NFKC
//!   where it keeps one character per character, traditional → simplified).
//! * [`passages`] splits a text into paragraphs and sentences with offsets in
//!   Unicode code points, the unit every later feature uses.
//! * [`date`] is the one date type ([`PolicyDate`], possibly partial) and
//!   its ranges; [`dates`], [`docno`] and [`lang`] read metadata out of a text.
//! * [`segment`] is the one Chinese word segmenter (jieba); search (index,
//!   query words, snippets) is its only user.
#![deny(missing_docs)]

pub mod date;
pub mod dates;
pub mod docno;
pub mod encoding;
pub mod lang;
pub mod normalize;
pub mod passages;
pub mod segment;

pub use date::{DateError, DateRange, PolicyDate, RangeError};
pub use encoding::{decode, DecodeError, Decoded};
pub use normalize::normalize_for_search;
pub use passages::{split_passages, Span, SpanKind};

/// Converts a byte offset in `text` to an offset in Unicode code points.
pub fn byte_to_char(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].chars().count()
}

/// Shortens `s` to at most `max` characters, ending in `…` when cut.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// Returns the substring between two code-point offsets (clamped to the text).
pub fn slice_chars(text: &str, start: usize, end: usize) -> &str {
    let mut indices = text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len()));
    let from = indices.by_ref().nth(start).unwrap_or(text.len());
    let to = if end > start { indices.nth(end - start - 1).unwrap_or(text.len()) } else { from };
    &text[from..to.max(from)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_by_code_points() {
        let t = "中华人民共和国abc";
        assert_eq!(slice_chars(t, 0, 2), "中华");
        assert_eq!(slice_chars(t, 4, 7), "共和国");
        assert_eq!(slice_chars(t, 7, 10), "abc");
        assert_eq!(slice_chars(t, 9, 40), "c");
        assert_eq!(slice_chars(t, 40, 50), "");
        assert_eq!(byte_to_char(t, 6), 2);
        assert_eq!(shorten("中华人民共和国", 4), "中华人…");
        assert_eq!(shorten("中华", 4), "中华");
    }
}
