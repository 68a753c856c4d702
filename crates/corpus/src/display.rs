//! The display layer: how the stored text of a document is shown, without
//! changing it. Markdown heading markers (`## `) and HTML comments
//! (`<!-- … -->`) are markup, not words of the document: they are cut into
//! hidden segments, and the rest of a heading line is a heading segment.
//! Segments tile the stored text in code points, so every offset (codings,
//! search hits, pages) still refers to the stored text; the report and the
//! web app both render from these segments.

use serde::Serialize;

/// How a segment of stored text is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "level", rename_all = "snake_case")]
pub enum Shown {
    /// Ordinary text.
    Text,
    /// Text of a heading of this level (1–6).
    Heading(u8),
    /// Markup that is not shown (heading markers, comments).
    Hidden,
}

/// A run of stored text `[start, end)` in code points, shown one way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// How it is shown (`"kind": "text" | "heading" | "hidden"`, and a
    /// heading's `"level"`).
    #[serde(flatten)]
    pub shown: Shown,
}

/// Cuts `text` into segments that tile it: hidden markup, heading text and
/// ordinary text (line breaks are always ordinary text). One linear pass;
/// an HTML comment without its `-->` is shown as written.
pub fn segments(text: &str) -> Vec<Segment> {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let mut out: Vec<Segment> = Vec::new();
    let mut push = |start: usize, end: usize, shown: Shown| {
        if start >= end {
            return;
        }
        match out.last_mut() {
            Some(last) if last.shown == shown && last.end == start => last.end = end,
            _ => out.push(Segment { start, end, shown }),
        }
    };
    // Once no `-->` follows a position, none follows any later one: this
    // keeps many unclosed `<!--` from making the pass quadratic.
    let mut no_close_from = usize::MAX;
    let mut line = Shown::Text;
    let mut i = 0;
    while i < n {
        if i == 0 || chars[i - 1] == '\n' {
            line = Shown::Text;
            let hashes = chars[i..].iter().take(7).take_while(|&&c| c == '#').count();
            let after = i + hashes;
            if (1..=6).contains(&hashes) && (after == n || matches!(chars[after], ' ' | '\t' | '\n')) {
                let end = after + chars[after..].iter().take_while(|&&c| c == ' ' || c == '\t').count();
                push(i, end, Shown::Hidden);
                line = Shown::Heading(hashes as u8);
                i = end;
                continue;
            }
        }
        if chars[i..].starts_with(&['<', '!', '-', '-']) && i < no_close_from {
            match find(&chars, i + 4, &['-', '-', '>']) {
                Some(close) => {
                    push(i, close + 3, Shown::Hidden);
                    i = close + 3;
                    continue;
                }
                None => no_close_from = i,
            }
        }
        push(i, i + 1, if chars[i] == '\n' { Shown::Text } else { line });
        i += 1;
    }
    out
}

/// The hidden ranges of `text`, in code points, ascending.
pub fn hidden_ranges(text: &str) -> Vec<(usize, usize)> {
    segments(text).into_iter().filter(|s| s.shown == Shown::Hidden).map(|s| (s.start, s.end)).collect()
}

/// `text` with its HTML comments blanked (each character a space, line
/// breaks kept), for reading metadata: a comment is not part of the
/// document, so its dates and names must not become the document's.
pub fn comments_blanked(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("<!--") {
        return std::borrow::Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let comments: Vec<(usize, usize)> = segments(text)
        .into_iter()
        .filter(|s| s.shown == Shown::Hidden && chars[s.start] == '<')
        .map(|s| (s.start, s.end))
        .collect();
    let mut k = 0;
    let blanked = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            while k < comments.len() && comments[k].1 <= i {
                k += 1;
            }
            let inside = k < comments.len() && comments[k].0 <= i;
            if inside && c != '\n' {
                ' '
            } else {
                c
            }
        })
        .collect();
    std::borrow::Cow::Owned(blanked)
}

fn find(chars: &[char], from: usize, needle: &[char]) -> Option<usize> {
    (from..chars.len()).find(|&k| chars[k..].starts_with(needle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn shown(text: &str) -> Vec<(String, Shown)> {
        let chars: Vec<char> = text.chars().collect();
        segments(text).iter().map(|s| (chars[s.start..s.end].iter().collect(), s.shown)).collect()
    }

    #[test]
    fn heading_marker_is_hidden_and_heading_text_kept() {
        assert_eq!(
            shown("## 第一章 总则\n第一条"),
            vec![
                ("## ".into(), Shown::Hidden),
                ("第一章 总则".into(), Shown::Heading(2)),
                ("\n第一条".into(), Shown::Text)
            ]
        );
    }

    #[test]
    fn html_comment_is_hidden_across_lines() {
        assert_eq!(
            shown("甲<!-- 来源：\n网站 -->乙"),
            vec![
                ("甲".into(), Shown::Text),
                ("<!-- 来源：\n网站 -->".into(), Shown::Hidden),
                ("乙".into(), Shown::Text)
            ]
        );
    }

    #[test]
    fn hashes_without_space_and_unclosed_comments_are_text() {
        assert_eq!(shown("#标签 <!-- 未闭合"), vec![("#标签 <!-- 未闭合".into(), Shown::Text)]);
        assert_eq!(shown("####### 七级"), vec![("####### 七级".into(), Shown::Text)]);
    }

    #[test]
    fn comments_are_blanked_for_metadata_and_headings_kept() {
        let text = "# 办法\n<!-- 2024-05-01\n抓取 -->\n正文";
        let blanked = comments_blanked(text);
        assert_eq!(blanked, format!("# 办法\n{}\n{}\n正文", " ".repeat(15), " ".repeat(6)));
        assert_eq!(blanked.chars().count(), text.chars().count(), "offsets stay");
        assert!(matches!(comments_blanked("无注释"), std::borrow::Cow::Borrowed(_)));
    }

    proptest! {
        #[test]
        fn segments_tile_any_text(text in "[#<!\\-> \n甲a]{0,80}") {
            let n = text.chars().count();
            let mut pos = 0;
            for s in segments(&text) {
                prop_assert_eq!(s.start, pos);
                prop_assert!(s.end > s.start);
                pos = s.end;
            }
            prop_assert_eq!(pos, n);
        }
    }
}
