//! Keyword-in-context snippets, cut from the text users see.

use serde::Serialize;

use policyscope_text::slice_chars;

/// A passage of a hit with the matched terms marked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// First code point of the snippet in the document.
    pub start: usize,
    /// One past its last code point.
    pub end: usize,
    /// The snippet text (line breaks as spaces).
    pub text: String,
    /// Matches inside `text`, as code-point ranges relative to `text`.
    pub highlights: Vec<[usize; 2]>,
}

impl Snippet {
    /// The snippet with matches wrapped in `open` … `close`.
    pub fn marked(&self, open: &str, close: &str) -> String {
        let chars: Vec<char> = self.text.chars().collect();
        let mut out = String::new();
        let mut pos = 0;
        for [s, e] in &self.highlights {
            out.extend(&chars[pos.min(*s)..*s]);
            out.push_str(open);
            out.extend(&chars[*s..*e]);
            out.push_str(close);
            pos = *e;
        }
        out.extend(&chars[pos.min(chars.len())..]);
        out
    }
}

/// Code-point ranges in `norm_text` where any of `terms` occurs (terms are
/// in the search view already). Terms not found whole are looked for word
/// by word.
pub fn find_matches(norm_text: &str, terms: &[String]) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    for t in terms {
        let found = occurrences(norm_text, t);
        if found.is_empty() {
            for w in policyscope_text::segment::words_for_query(t) {
                ranges.extend(occurrences(norm_text, w));
            }
        } else {
            ranges.extend(found);
        }
    }
    ranges.sort();
    // Merge overlaps so highlights never nest.
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

fn occurrences(haystack: &str, needle: &str) -> Vec<(usize, usize)> {
    if needle.is_empty() {
        return vec![];
    }
    let n = needle.chars().count();
    let mut out = Vec::new();
    let mut char_pos = 0;
    let mut last_byte = 0;
    for (byte, _) in haystack.match_indices(needle) {
        char_pos += haystack[last_byte..byte].chars().count();
        last_byte = byte;
        out.push((char_pos, char_pos + n));
    }
    out
}

/// Up to `max` snippets of about `context` characters either side of the
/// first matches, cut from `text` (same code-point offsets as the view).
pub fn snippets(text: &str, matches: &[(usize, usize)], max: usize, context: usize) -> Vec<Snippet> {
    let len = text.chars().count();
    let mut out: Vec<Snippet> = Vec::new();
    let mut i = 0;
    while i < matches.len() && out.len() < max {
        let (s, _) = matches[i];
        let start = s.saturating_sub(context);
        let mut end = (matches[i].1 + context).min(len);
        let mut highlights = Vec::new();
        while i < matches.len() && matches[i].0 < end {
            let (ms, me) = matches[i];
            end = end.max((me + context).min(len));
            highlights.push([ms - start, me.min(end) - start]);
            i += 1;
        }
        let text = slice_chars(text, start, end).replace('\n', " ");
        out.push(Snippet { start, end, text, highlights });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_and_marks() {
        let text = "第一条 为了保护个人信息权益，规范个人信息处理活动。";
        let m = find_matches(text, &["个人信息".to_string()]);
        assert_eq!(m, vec![(8, 12), (17, 21)]);
        let s = snippets(text, &m, 3, 4);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].marked("[", "]"), "为了保护[个人信息]权益，规");
        let s = snippets(text, &m, 3, 6);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].marked("[", "]"), "条 为了保护[个人信息]权益，规范[个人信息]处理活动。");
    }

    #[test]
    fn falls_back_to_words() {
        let m = find_matches("数据安全和个人信息", &["个人信息数据安全".to_string()]);
        assert!(!m.is_empty());
    }
}
