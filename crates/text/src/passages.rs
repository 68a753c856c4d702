//! Paragraphs and sentences with offsets in Unicode code points.
//!
//! A paragraph is a non-blank line (Chinese policy texts put one paragraph
//! per line; blank lines between them are common but not required). A
//! sentence ends after `。！？；` or `!?;`, or after `.` followed by white
//! space; closing quotes and brackets that follow stay with the sentence.
//! Spans are half-open `[start, end)` and exclude surrounding white space.

use serde::{Deserialize, Serialize};

/// What a span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpanKind {
    /// A non-blank line.
    Paragraph,
    /// A sentence inside a paragraph.
    Sentence,
}

impl SpanKind {
    /// The name stored in the project database.
    pub fn as_str(self) -> &'static str {
        match self {
            SpanKind::Paragraph => "paragraph",
            SpanKind::Sentence => "sentence",
        }
    }
}

/// A passage of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// Paragraph or sentence.
    pub kind: SpanKind,
    /// Position among spans of the same kind, from 0.
    pub index: usize,
    /// Index of the paragraph that holds this span (itself for paragraphs).
    pub paragraph: usize,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';')
}

fn closes(c: char) -> bool {
    matches!(c, '”' | '’' | '"' | '\'' | '）' | ')' | '」' | '』' | '】' | '》')
}

/// Splits `text` into paragraphs followed by sentences (paragraphs first,
/// each kind in text order).
pub fn split_passages(text: &str) -> Vec<Span> {
    let chars: Vec<char> = text.chars().collect();
    let mut paragraphs = Vec::new();
    let mut line_start = 0;
    for i in 0..=chars.len() {
        if i == chars.len() || chars[i] == '\n' {
            if let Some((s, e)) = trim_range(&chars, line_start, i) {
                paragraphs.push((s, e));
            }
            line_start = i + 1;
        }
    }
    let mut out: Vec<Span> = paragraphs
        .iter()
        .enumerate()
        .map(|(index, &(start, end))| Span { kind: SpanKind::Paragraph, index, paragraph: index, start, end })
        .collect();
    let mut sentence_index = 0;
    for (p, &(start, end)) in paragraphs.iter().enumerate() {
        for (s, e) in sentences_in(&chars, start, end) {
            out.push(Span {
                kind: SpanKind::Sentence,
                index: sentence_index,
                paragraph: p,
                start: s,
                end: e,
            });
            sentence_index += 1;
        }
    }
    out
}

fn sentences_in(chars: &[char], start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = start;
    let mut i = start;
    while i < end {
        let c = chars[i];
        let boundary =
            ends_sentence(c) || (c == '.' && (i + 1 == end || chars[i + 1].is_whitespace()) && i > from);
        if boundary {
            let mut stop = i + 1;
            while stop < end && closes(chars[stop]) {
                stop += 1;
            }
            if let Some(range) = trim_range(chars, from, stop) {
                out.push(range);
            }
            from = stop;
            i = stop;
        } else {
            i += 1;
        }
    }
    if let Some(range) = trim_range(chars, from, end) {
        out.push(range);
    }
    out
}

fn trim_range(chars: &[char], mut s: usize, mut e: usize) -> Option<(usize, usize)> {
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    (s < e).then_some((s, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slice_chars;
    use proptest::prelude::*;

    #[test]
    fn splits_chinese_paragraphs_and_sentences() {
        let text = "# 标题\n\n第一条 为了规范，制定本法。本法适用于全国；另有规定的除外。\n　第二条 国家“鼓励创新。”其他。";
        let spans = split_passages(text);
        let paras: Vec<&str> = spans
            .iter()
            .filter(|s| s.kind == SpanKind::Paragraph)
            .map(|s| slice_chars(text, s.start, s.end))
            .collect();
        assert_eq!(
            paras,
            vec![
                "# 标题",
                "第一条 为了规范，制定本法。本法适用于全国；另有规定的除外。",
                "第二条 国家“鼓励创新。”其他。"
            ]
        );
        let sents: Vec<(usize, &str)> = spans
            .iter()
            .filter(|s| s.kind == SpanKind::Sentence)
            .map(|s| (s.paragraph, slice_chars(text, s.start, s.end)))
            .collect();
        assert_eq!(
            sents,
            vec![
                (0, "# 标题"),
                (1, "第一条 为了规范，制定本法。"),
                (1, "本法适用于全国；"),
                (1, "另有规定的除外。"),
                (2, "第二条 国家“鼓励创新。”"),
                (2, "其他。"),
            ]
        );
    }

    #[test]
    fn splits_english_sentences_but_not_decimals() {
        let text = "Version 2.0 is out. It works! Does it?";
        let sents: Vec<&str> = split_passages(text)
            .iter()
            .filter(|s| s.kind == SpanKind::Sentence)
            .map(|s| slice_chars(text, s.start, s.end))
            .collect();
        assert_eq!(sents, vec!["Version 2.0 is out.", "It works!", "Does it?"]);
    }

    proptest! {
        #[test]
        fn spans_are_ordered_and_inside_text(s in "[a-z。；！\\n 中文.]{0,60}") {
            let n = s.chars().count();
            let spans = split_passages(&s);
            for sp in &spans {
                prop_assert!(sp.start < sp.end && sp.end <= n);
            }
            let sentences: Vec<&Span> = spans.iter().filter(|s| s.kind == SpanKind::Sentence).collect();
            for w in sentences.windows(2) {
                prop_assert!(w[0].end <= w[1].start);
            }
        }
    }
}
