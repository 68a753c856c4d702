//! Titles in book-title marks `《…》`.
//!
//! Marks are matched with a depth counter so that nested marks yield the
//! outermost title. A `《` that is not closed within [`MAX_TITLE_CHARS`], or
//! before a line break or a sentence end, is dropped and scanning resumes
//! right after it, so a missing `》` never swallows a page and the scan stays
//! linear in the text length times that bound.

use std::sync::OnceLock;

use regex::Regex;

/// Longest title accepted, in code points (marks excluded).
pub const MAX_TITLE_CHARS: usize = 120;

/// A title found in the text, offsets in code points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleMatch {
    /// Position of the opening `《`.
    pub start: usize,
    /// One past the closing `》`, or past the clause when there is one.
    pub end: usize,
    /// One past the closing `》`.
    pub mark_end: usize,
    /// The title between the marks, trimmed.
    pub title: String,
    /// A clause written right after the title.
    pub clause: Option<String>,
}

fn is_breaking(c: char) -> bool {
    matches!(c, '\n' | '\r' | '。' | '；' | ';')
}

/// Finds the outermost `《…》` titles of `chars`, in order.
pub fn find_titles(chars: &[char]) -> Vec<TitleMatch> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '《' {
            i += 1;
            continue;
        }
        match close_of(chars, i) {
            Some(close) => {
                let title: String = chars[i + 1..close].iter().collect::<String>().trim().to_string();
                let mark_end = close + 1;
                let (clause, end) = match clause_after(chars, mark_end) {
                    Some((c, e)) => (Some(c), e),
                    None => (None, mark_end),
                };
                if !title.is_empty() {
                    out.push(TitleMatch { start: i, end, mark_end, title, clause });
                }
                i = mark_end;
            }
            None => i += 1,
        }
    }
    out
}

/// The index of the `》` closing the `《` at `open`, if it closes in bounds.
fn close_of(chars: &[char], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let limit = (open + MAX_TITLE_CHARS + 2).min(chars.len());
    for (j, &c) in chars.iter().enumerate().take(limit).skip(open) {
        match c {
            '《' => depth += 1,
            '》' => {
                depth -= 1;
                if depth == 0 {
                    return Some(j);
                }
            }
            c if is_breaking(c) => return None,
            _ => {}
        }
    }
    None
}

fn clause_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let n = "[零〇一二三四五六七八九十百千0-9０-９]+";
        Regex::new(&format!(
            r"^第{n}条(?:之{n})?(?:第{n}款)?(?:第{n}项)?(?:第{n}目)?|^第{n}[章节](?:第{n}节)?"
        ))
        .expect("static regex")
    })
}

/// A clause (`第十条第二款`) starting at `at`, with the offset past it.
fn clause_after(chars: &[char], at: usize) -> Option<(String, usize)> {
    if chars.get(at) != Some(&'第') {
        return None;
    }
    let window: String = chars[at..(at + 40).min(chars.len())].iter().collect();
    let m = clause_re().find(&window)?;
    let clause = m.as_str().to_string();
    let n = clause.chars().count();
    Some((clause, at + n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(s: &str) -> Vec<(String, usize, usize, Option<String>)> {
        let chars: Vec<char> = s.chars().collect();
        find_titles(&chars).into_iter().map(|t| (t.title, t.start, t.end, t.clause)).collect()
    }

    #[test]
    fn back_to_back_and_enumerated() {
        let t = titles("根据《网络安全法》、《数据安全法》《个人信息保护法》等");
        let names: Vec<_> = t.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(names, ["网络安全法", "数据安全法", "个人信息保护法"]);
        assert_eq!((t[0].1, t[0].2), (2, 9));
        assert_eq!((t[1].1, t[1].2), (10, 17));
    }

    #[test]
    fn nested_marks_give_the_outermost() {
        let t = titles("《最高人民法院关于适用《中华人民共和国民事诉讼法》的解释》第五条");
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].0, "最高人民法院关于适用《中华人民共和国民事诉讼法》的解释");
        assert_eq!(t[0].3.as_deref(), Some("第五条"));
    }

    #[test]
    fn clauses_are_kept() {
        let t = titles("依照《中华人民共和国标准化法》第十条第二款第（一）项规定");
        assert_eq!(t[0].3.as_deref(), Some("第十条第二款"));
        assert_eq!(t[0].2, 2 + "《中华人民共和国标准化法》第十条第二款".chars().count());
    }

    #[test]
    fn unbalanced_marks_do_not_swallow_text() {
        let t = titles("》开头《没有关闭的标题。然后《真的标题》");
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].0, "真的标题");
        let long = format!("《{}》", "字".repeat(MAX_TITLE_CHARS + 5));
        assert!(titles(&long).is_empty());
        let t = titles("《外《内》");
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].0, "内");
        assert!(titles("《》《 》").is_empty());
    }
}
