//! What the engine learns about a document's sentences, lazily: word
//! boundaries (from the segmenter), clauses, and where context patterns
//! match. Only sentences holding a candidate hit are ever looked at, so a
//! document with no hits costs nothing here.

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;

use regex::bytes::Regex;

use crate::codebook::Scope;

/// Characters that end a clause inside a sentence (the sentence splitter
/// already ends sentences at `。！？；`).
fn ends_clause(c: char) -> bool {
    matches!(c, '，' | '；' | '：' | '、' | ',' | ';' | ':' | '。' | '！' | '？' | '!' | '?')
}

/// `[start, end)` in code points.
pub(super) type Span = (usize, usize);

/// Index of the span holding `[s, e)`, if one does.
pub(super) fn holding(spans: &[Span], s: usize, e: usize) -> Option<usize> {
    let i = spans.partition_point(|sp| sp.0 <= s).checked_sub(1)?;
    (spans[i].1 >= e && s < spans[i].1).then_some(i)
}

#[derive(Default)]
struct SentenceInfo {
    /// Code points (document offsets) where a word starts or ends.
    boundaries: Option<Vec<usize>>,
    /// Clauses, ordered (document offsets).
    clauses: Option<Vec<Span>>,
    /// Matches of each context pattern, by pattern index.
    contexts: HashMap<usize, Vec<Span>>,
}

/// One document being coded.
pub(super) struct Doc<'t> {
    text: &'t [u8],
    pub sentences: &'t [Span],
    pub paragraphs: &'t [Span],
    /// Byte offset of every code point (and of the end).
    char_bytes: OnceCell<Vec<usize>>,
    info: RefCell<HashMap<usize, SentenceInfo>>,
}

impl<'t> Doc<'t> {
    pub(super) fn new(text: &'t [u8], sentences: &'t [Span], paragraphs: &'t [Span]) -> Self {
        Doc { text, sentences, paragraphs, char_bytes: OnceCell::new(), info: RefCell::new(HashMap::new()) }
    }

    /// The text of `[s, e)` (code points) and its byte offset.
    fn slice(&self, (s, e): Span) -> (&'t str, usize) {
        let map = self.char_bytes.get_or_init(|| {
            let mut v: Vec<usize> = (0..self.text.len()).filter(|&i| (self.text[i] & 0xC0) != 0x80).collect();
            v.push(self.text.len());
            v
        });
        let last = map.len() - 1;
        let (a, b) = (map[s.min(last)], map[e.min(last)]);
        let text: &'t [u8] = self.text;
        // The text is UTF-8 as stored; a damaged byte makes the slice empty
        // (no word boundaries, no clauses) rather than a panic.
        (std::str::from_utf8(&text[a..b.max(a)]).unwrap_or(""), a)
    }

    /// The sentence holding `[s, e)`, or else the paragraph, as a key and span.
    fn sentence_of(&self, s: usize, e: usize) -> Option<(usize, Span)> {
        if let Some(i) = holding(self.sentences, s, e) {
            return Some((i, self.sentences[i]));
        }
        holding(self.paragraphs, s, e).map(|i| (usize::MAX - i, self.paragraphs[i]))
    }

    /// Whether `[s, e)` starts (`left`) and ends (`right`) on word
    /// boundaries of the segmenter's tokens of its sentence.
    pub(super) fn on_words(&self, s: usize, e: usize, left: bool, right: bool) -> bool {
        let Some((key, span)) = self.sentence_of(s, e) else { return true };
        let mut info = self.info.borrow_mut();
        let entry = info.entry(key).or_default();
        let b = entry.boundaries.get_or_insert_with(|| {
            let (text, _) = self.slice(span);
            let mut at = span.0;
            let mut out = vec![at];
            for token in policyscope_text::segment::jieba().cut(text, false) {
                at += token.word.chars().count();
                out.push(at);
            }
            out
        });
        (!left || b.binary_search(&s).is_ok()) && (!right || b.binary_search(&e).is_ok())
    }

    /// The span of `scope` holding `[s, e)`; a wider one when none does
    /// (a clause-scoped match across clauses is judged by its sentence).
    pub(super) fn scope_of(&self, s: usize, e: usize, scope: Scope) -> Span {
        let paragraph = || holding(self.paragraphs, s, e).map(|i| self.paragraphs[i]).unwrap_or((s, e));
        let sentence = || holding(self.sentences, s, e).map(|i| self.sentences[i]);
        match scope {
            Scope::Paragraph => paragraph(),
            Scope::Sentence => sentence().unwrap_or_else(paragraph),
            Scope::Clause => {
                let Some((key, span)) = self.sentence_of(s, e) else { return (s, e) };
                let mut info = self.info.borrow_mut();
                let entry = info.entry(key).or_default();
                let clauses = entry.clauses.get_or_insert_with(|| {
                    let (text, _) = self.slice(span);
                    let mut out = Vec::new();
                    let mut from = span.0;
                    for (i, c) in text.chars().enumerate() {
                        if ends_clause(c) {
                            out.push((from, span.0 + i + 1));
                            from = span.0 + i + 1;
                        }
                    }
                    if from < span.1 {
                        out.push((from, span.1));
                    }
                    out
                });
                match holding(clauses, s, e) {
                    Some(i) => clauses[i],
                    None => span,
                }
            }
        }
    }

    /// Whether `[s, e)` lies inside a match of context pattern `index`
    /// (`re`) in its sentence.
    pub(super) fn in_context(&self, s: usize, e: usize, index: usize, re: &Regex) -> bool {
        let Some((key, span)) = self.sentence_of(s, e) else { return false };
        let mut info = self.info.borrow_mut();
        let entry = info.entry(key).or_default();
        let found = entry.contexts.entry(index).or_insert_with(|| {
            let (text, _) = self.slice(span);
            let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let to_char = |b: usize| span.0 + starts.partition_point(|&x| x < b);
            re.find_iter(text.as_bytes()).map(|m| (to_char(m.start()), to_char(m.end()))).collect()
        });
        found.iter().any(|&(ms, me)| ms <= s && e <= me)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_span_holding_a_range() {
        let spans = [(0, 5), (6, 10), (12, 20)];
        assert_eq!(holding(&spans, 0, 5), Some(0));
        assert_eq!(holding(&spans, 7, 9), Some(1));
        assert_eq!(holding(&spans, 4, 7), None, "crosses a boundary");
        assert_eq!(holding(&spans, 10, 11), None, "between spans");
        assert_eq!(holding(&[], 0, 1), None);
    }

    #[test]
    fn clauses_end_at_commas_colons_and_list_marks() {
        let text = "甲乙，丙丁、戊：己。";
        let sentences = [(0, 10)];
        let doc = Doc::new(text.as_bytes(), &sentences, &[]);
        assert_eq!(doc.scope_of(0, 2, Scope::Clause), (0, 3));
        assert_eq!(doc.scope_of(3, 5, Scope::Clause), (3, 6));
        assert_eq!(doc.scope_of(8, 9, Scope::Clause), (8, 10));
        assert_eq!(doc.scope_of(1, 4, Scope::Clause), (0, 10), "across clauses: the sentence");
        assert_eq!(doc.scope_of(1, 4, Scope::Sentence), (0, 10));
    }

    #[test]
    fn word_boundaries_come_from_the_segmenter() {
        let text = "由企业为主办单位。";
        let sentences = [(0, 9)];
        let doc = Doc::new(text.as_bytes(), &sentences, &[]);
        assert!(doc.on_words(1, 3, true, true), "企业 is a word");
        assert!(!doc.on_words(1, 5, true, true), "企业为主 ends inside 主办");
        assert!(doc.on_words(1, 5, true, false), "unless its end may fall inside a word");
    }
}
