//! Keyword-in-context snippets, cut from the text users see.

use serde::Serialize;

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

/// Code-point ranges in `norm_text` where each of `terms` occurs, one list
/// per term (terms are in the search view already). A term not found whole
/// is looked for word by word.
pub fn find_matches(norm_text: &str, terms: &[String]) -> Vec<Vec<(usize, usize)>> {
    terms
        .iter()
        .map(|t| {
            let found = occurrences(norm_text, t);
            if found.is_empty() {
                let mut words: Vec<(usize, usize)> = policyscope_text::segment::words_for_query(t)
                    .into_iter()
                    .flat_map(|w| occurrences(norm_text, w))
                    .collect();
                words.sort_unstable();
                words
            } else {
                found
            }
        })
        .collect()
}

/// All ranges of all terms, sorted, overlaps merged so highlights never nest.
fn merged(per_term: &[Vec<(usize, usize)>]) -> Vec<(usize, usize)> {
    let mut ranges: Vec<(usize, usize)> = per_term.iter().flatten().copied().collect();
    ranges.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (s, e) in ranges {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
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

/// Adds the window `w` to the sorted, disjoint `windows`, merging it with
/// any window it overlaps or comes within `gap` of.
fn insert_window(windows: &mut Vec<(usize, usize)>, w: (usize, usize), gap: usize) {
    windows.push(w);
    windows.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(windows.len());
    for &(s, e) in windows.iter() {
        match out.last_mut() {
            Some(last) if s <= last.1 + gap => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    *windows = out;
}

/// Up to `max` snippets of about `context` characters either side of the
/// matches, cut from `text` (same code-point offsets as the view). The
/// first occurrence of every term is shown before any second occurrence of
/// another; matches close together share one snippet, and snippets never
/// overlap. Markup the display layer hides (heading markers, HTML comments)
/// is left out of the snippet text; `start`/`end` still refer to the stored text.
pub fn snippets(text: &str, per_term: &[Vec<(usize, usize)>], max: usize, context: usize) -> Vec<Snippet> {
    let len = text.chars().count();
    let all = merged(per_term);
    let window = |(s, e): (usize, usize)| (s.saturating_sub(context), (e + context).min(len));
    let inside = |ws: &[(usize, usize)], (s, e): (usize, usize)| ws.iter().any(|w| w.0 <= s && e <= w.1);
    let mut windows: Vec<(usize, usize)> = Vec::new();
    let mut firsts: Vec<(usize, usize)> = per_term.iter().filter_map(|m| m.first().copied()).collect();
    firsts.sort_unstable();
    for m in firsts {
        if windows.len() < max && !inside(&windows, m) {
            insert_window(&mut windows, window(m), context);
        }
    }
    for &m in &all {
        if windows.len() >= max {
            break;
        }
        if !inside(&windows, m) {
            insert_window(&mut windows, window(m), context);
        }
    }
    // A match cut by a window's edge is taken whole, which may join windows.
    let grown: Vec<(usize, usize)> = windows
        .iter()
        .map(|&(a, b)| {
            all.iter().filter(|m| m.0 < b && m.1 > a).fold((a, b), |(a, b), m| (a.min(m.0), b.max(m.1)))
        })
        .collect();
    let mut disjoint = Vec::new();
    for w in grown {
        insert_window(&mut disjoint, w, 0);
    }
    let hidden = policyscope_corpus::display::hidden_ranges(text);
    disjoint.into_iter().map(|(s, e)| cut(text, s, e, &all, &hidden)).collect()
}

/// The opening `n` characters of `text` as a snippet without highlights
/// (a hit found in the title only).
pub fn opening(text: &str, n: usize) -> Snippet {
    let end = text.chars().count().min(n);
    cut(text, 0, end, &[], &policyscope_corpus::display::hidden_ranges(text))
}

/// The snippet `[start, end)` of `text`: hidden markup left out, line
/// breaks as spaces, `matches` as highlights relative to the shown text.
fn cut(
    text: &str,
    start: usize,
    end: usize,
    matches: &[(usize, usize)],
    hidden: &[(usize, usize)],
) -> Snippet {
    let is_hidden = |p: usize| {
        let k = hidden.partition_point(|h| h.1 <= p);
        k < hidden.len() && hidden[k].0 <= p
    };
    // shown_before[k]: characters shown among start..start+k.
    let mut shown_before = Vec::with_capacity(end - start + 1);
    let mut shown = String::new();
    let mut count = 0;
    for (k, c) in text.chars().skip(start).take(end - start).enumerate() {
        shown_before.push(count);
        if !is_hidden(start + k) {
            shown.push(if c == '\n' { ' ' } else { c });
            count += 1;
        }
    }
    shown_before.push(count);
    let highlights = matches
        .iter()
        .filter(|m| m.0 < end && m.1 > start)
        .map(|m| [shown_before[m.0.max(start) - start], shown_before[m.1.min(end) - start]])
        .filter(|h| h[0] < h[1])
        .collect();
    Snippet { start, end, text: shown, highlights }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn terms(t: &[&str]) -> Vec<String> {
        t.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn cuts_and_marks() {
        let text = "第一条 为了保护个人信息权益，规范个人信息处理活动。";
        let m = find_matches(text, &terms(&["个人信息"]));
        assert_eq!(m, vec![vec![(8, 12), (17, 21)]]);
        let s = snippets(text, &m, 3, 4);
        assert_eq!(s.len(), 1, "matches five characters apart share one snippet");
        assert_eq!(s[0].marked("[", "]"), "为了保护[个人信息]权益，规范[个人信息]处理活动");
        let s = snippets(text, &m, 3, 1);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].marked("[", "]"), "护[个人信息]权");
    }

    #[test]
    fn every_term_gets_a_snippet_before_repeats_of_another() {
        let text = format!("{}数据{}", "数据。".repeat(30), "甲".repeat(200) + "算法在此");
        let m = find_matches(&text, &terms(&["数据", "算法"]));
        let s = snippets(&text, &m, 2, 10);
        assert_eq!(s.len(), 2);
        assert!(s[1].marked("[", "]").contains("[算法]"), "{:?}", s);
    }

    #[test]
    fn snippet_hides_heading_markers_and_comments_but_keeps_offsets() {
        let text = "<!-- 来源 -->
## 第一章 数据安全
正文";
        let m = find_matches(text, &terms(&["数据"]));
        let s = snippets(text, &m, 3, 20);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].marked("[", "]"), " 第一章 [数据]安全 正文");
        assert_eq!((s[0].start, s[0].end), (0, text.chars().count()));
        assert_eq!(opening(text, 80).text, " 第一章 数据安全 正文");
    }

    #[test]
    fn falls_back_to_words() {
        let m = find_matches("数据安全和个人信息", &terms(&["个人信息数据安全"]));
        assert!(!m[0].is_empty());
    }

    proptest! {
        #[test]
        fn snippets_never_overlap_and_show_every_matched_term(
            text in "[甲乙丙丁戊。 \n#]{0,300}",
            raw_terms in proptest::collection::vec("[甲乙丙丁]{1,2}", 1..4),
            context in 0usize..20,
        ) {
            let m = find_matches(&text, &raw_terms);
            let s = snippets(&text, &m, raw_terms.len(), context);
            prop_assert!(s.len() <= raw_terms.len());
            for w in s.windows(2) {
                prop_assert!(w[0].end <= w[1].start, "overlap: {:?}", w);
            }
            for (t, found) in raw_terms.iter().zip(&m) {
                if !found.is_empty() {
                    prop_assert!(
                        found.iter().any(|&(a, b)| s.iter().any(|x| x.start <= a && b <= x.end)),
                        "term {} not shown", t
                    );
                }
            }
            for x in &s {
                let n = x.text.chars().count();
                prop_assert!(x.highlights.iter().all(|h| h[0] < h[1] && h[1] <= n));
            }
        }
    }
}
