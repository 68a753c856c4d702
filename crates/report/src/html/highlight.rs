//! Splitting a text into runs that carry the same set of codings, so that
//! overlapping coded passages can be shown at once.

use super::escape::push_escaped;

/// A coded range of a text, in code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Caller's key (e.g. index of the code).
    pub key: usize,
}

/// A run of text `[start, end)` covered by the marks in `keys` (ascending, no repeats).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Keys of the marks covering the run.
    pub keys: Vec<usize>,
}

/// Cuts `[0, len)` into maximal runs with the same covering marks. Marks are
/// clamped to the text; empty marks are ignored. The runs tile `[0, len)`.
pub fn runs(len: usize, marks: &[Mark]) -> Vec<Run> {
    let mut cuts: Vec<usize> = vec![0, len];
    for m in marks {
        if m.start < m.end {
            cuts.push(m.start.min(len));
            cuts.push(m.end.min(len));
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out: Vec<Run> = Vec::new();
    for w in cuts.windows(2) {
        let (s, e) = (w[0], w[1]);
        if s == e {
            continue;
        }
        let mut keys: Vec<usize> =
            marks.iter().filter(|m| m.start <= s && e <= m.end).map(|m| m.key).collect();
        keys.sort_unstable();
        keys.dedup();
        match out.last_mut() {
            Some(last) if last.keys == keys => last.end = e,
            _ => out.push(Run { start: s, end: e, keys }),
        }
    }
    out
}

/// Renders `text` escaped, wrapping every coded run with what `open(keys)`
/// returns and `</mark>`, and leaving out the characters in `hidden`
/// (ascending code-point ranges of markup the display layer hides), so the
/// marks keep the offsets of the stored text.
pub fn render(
    text: &str,
    marks: &[Mark],
    hidden: &[(usize, usize)],
    open: impl Fn(&[usize]) -> String,
) -> String {
    let chars: Vec<char> = text.chars().collect();
    let is_hidden = |p: usize| {
        let k = hidden.partition_point(|h| h.1 <= p);
        k < hidden.len() && hidden[k].0 <= p
    };
    let mut out = String::with_capacity(text.len() * 2);
    for run in runs(chars.len(), marks) {
        let piece: String = (run.start..run.end).filter(|&p| !is_hidden(p)).map(|p| chars[p]).collect();
        if piece.is_empty() {
            continue;
        }
        if run.keys.is_empty() {
            push_escaped(&mut out, &piece);
        } else {
            out.push_str(&open(&run.keys));
            push_escaped(&mut out, &piece);
            out.push_str("</mark>");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn overlapping_marks_make_three_runs() {
        let marks = [Mark { start: 2, end: 6, key: 0 }, Mark { start: 4, end: 8, key: 1 }];
        let r = runs(10, &marks);
        let got: Vec<_> = r.iter().map(|r| (r.start, r.end, r.keys.clone())).collect();
        assert_eq!(
            got,
            vec![(0, 2, vec![]), (2, 4, vec![0]), (4, 6, vec![0, 1]), (6, 8, vec![1]), (8, 10, vec![])]
        );
        let html = render("ab<d>efghij", &marks, &[], |k| format!("<mark data-k=\"{}\">", k.len()));
        assert_eq!(
            html,
            "ab<mark data-k=\"1\">&lt;d</mark><mark data-k=\"2\">&gt;e</mark><mark data-k=\"1\">fg</mark>hij"
        );
    }

    #[test]
    fn coding_on_a_heading_line_highlights_the_same_characters_without_the_marker() {
        // "## 总则" stored; the coding covers 总则 at offsets 3..5.
        let marks = [Mark { start: 3, end: 5, key: 0 }];
        let html = render("## 总则", &marks, &[(0, 3)], |_| "<mark>".into());
        assert_eq!(html, "<mark>总则</mark>");
        // A coding that starts on the hidden marker still shows only the text.
        let marks = [Mark { start: 1, end: 4, key: 0 }];
        assert_eq!(render("## 总则", &marks, &[(0, 3)], |_| "<mark>".into()), "<mark>总</mark>则");
    }

    proptest! {
        #[test]
        fn runs_tile_the_text_and_keys_are_right(
            len in 0usize..60,
            raw in proptest::collection::vec((0usize..70, 0usize..70), 0..6),
        ) {
            let marks: Vec<Mark> = raw.iter().enumerate()
                .map(|(i, &(a, b))| Mark { start: a.min(b), end: a.max(b), key: i }).collect();
            let rs = runs(len, &marks);
            let mut pos = 0;
            for r in &rs {
                prop_assert_eq!(r.start, pos);
                prop_assert!(r.end > r.start);
                pos = r.end;
                for c in r.start..r.end {
                    let want: Vec<usize> = marks.iter().filter(|m| m.start <= c && c < m.end).map(|m| m.key).collect();
                    prop_assert_eq!(&r.keys, &want);
                }
            }
            prop_assert_eq!(pos, len);
        }
    }
}
