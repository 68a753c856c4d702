//! Short names introduced in the text: `《中华人民共和国标准化法》（以下简称
//! 《标准化法》）` or `（以下简称标准化法）`. A short name counts only when its
//! parenthesis follows a cited title, so term definitions such as
//! `（以下称提供者）` are not taken for documents.

use std::sync::OnceLock;

use regex::Regex;

/// A short name defined right after a title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasDef {
    /// The short name, without marks or quotes.
    pub name: String,
    /// Whether it was written in book-title marks.
    pub marked: bool,
    /// One past the closing parenthesis (code points): uses count from here.
    pub end: usize,
}

fn re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r#"^\s*[（(][^（）()]{0,40}?以下(?:简称|称)为?\s*[：:]?\s*(?:《([^《》]{1,40})》|“([^“”]{1,40})”|"([^"]{1,40})"|([^（）()，,。；、“”"《》\s]{2,20}))\s*[）)]"#,
        )
        .expect("static regex")
    })
}

/// The short name defined at `at` (right after a title), if any.
pub fn alias_after(chars: &[char], at: usize) -> Option<AliasDef> {
    if at >= chars.len() {
        return None;
    }
    let window: String = chars[at..(at + 80).min(chars.len())].iter().collect();
    let caps = re().captures(&window)?;
    let whole = caps.get(0)?;
    let (name, marked) = if let Some(m) = caps.get(1) {
        (m.as_str(), true)
    } else {
        (caps.get(2).or(caps.get(3)).or(caps.get(4))?.as_str(), false)
    };
    let name = name.trim();
    if name.chars().count() < 2 || name.starts_with('本') {
        return None;
    }
    Some(AliasDef { name: name.to_string(), marked, end: at + whole.as_str().chars().count() })
}

/// Document types that end the name of an implementing document:
/// `X实施细则`, `实施X办法`, `X实施的若干规定`.
const IMPLEMENTING_TYPES: &[&str] =
    &["细则", "条例", "办法", "方案", "规定", "意见", "的若干规定", "的规定", "的办法", "若干规定"];

/// Whether the characters from `at` spell one of [`IMPLEMENTING_TYPES`].
fn document_type_at(chars: &[char], at: usize) -> bool {
    IMPLEMENTING_TYPES.iter().any(|t| {
        let t: Vec<char> = t.chars().collect();
        chars.get(at..at + t.len()) == Some(&t[..])
    })
}

/// Whether the short name at `[i, j)` is really part of a longer word:
/// `本条例`, the full name `中华人民共和国…`, `…法律`, `…法规` (but not
/// `…法规定`), `…法院`, or the name of another document that implements
/// it, `X实施细则` / `X实施条例` / `实施X办法`. A bare `X实施以后`,
/// `X实施之日`, `组织实施X` is a use of X and is kept.
fn inside_longer_word(chars: &[char], i: usize, j: usize) -> bool {
    let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
    let next = chars.get(j).copied();
    let next2 = chars.get(j + 1).copied();
    let implementing_before =
        i >= 2 && chars[i - 2] == '实' && chars[i - 1] == '施' && document_type_at(chars, j);
    let implementing_after = next == Some('实') && next2 == Some('施') && document_type_at(chars, j + 2);
    implementing_before
        || implementing_after
        || matches!(prev, Some('本' | '国' | '该'))
        || matches!(next, Some('律' | '院'))
        || (next == Some('规') && next2 != Some('定'))
}

/// Bare (unmarked) uses of `name` in `chars` from `from` on, as spans.
pub fn bare_uses(chars: &[char], name: &str, from: usize) -> Vec<(usize, usize)> {
    let pat: Vec<char> = name.chars().collect();
    let mut out = Vec::new();
    if pat.is_empty() {
        return out;
    }
    let mut i = from;
    while i + pat.len() <= chars.len() {
        if chars[i..i + pat.len()] == pat[..] && !inside_longer_word(chars, i, i + pat.len()) {
            out.push((i, i + pat.len()));
            i += pat.len();
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn marked_quoted_and_bare_names() {
        let a = alias_after(&chars("（以下简称《标准化法》）规定"), 0).unwrap();
        assert_eq!((a.name.as_str(), a.marked, a.end), ("标准化法", true, 12));
        let a = alias_after(&chars("(以下简称“标准化法”)"), 0).unwrap();
        assert_eq!((a.name.as_str(), a.marked), ("标准化法", false));
        let a = alias_after(&chars("（国发〔2017〕35号，以下简称规划纲要）"), 0).unwrap();
        assert_eq!(a.name, "规划纲要");
        assert!(alias_after(&chars("（以下简称本法）"), 0).is_none());
        assert!(alias_after(&chars("，以下简称甲"), 0).is_none());
    }

    #[test]
    fn finds_bare_uses() {
        let c = chars("甲法乙甲法甲");
        assert_eq!(bare_uses(&c, "甲法", 1), vec![(3, 5)]);
        let c = chars("违反甲法律、法规，依照甲法规定，本甲法，甲法实施条例，甲法规，省实施甲法办法");
        assert_eq!(bare_uses(&c, "甲法", 0), vec![(11, 13)]);
    }

    #[test]
    fn bare_short_names_before_implementation_words_are_uses() {
        let text = "合同法实施以后，车船税法实施之日，组织实施总体方案。";
        let c = chars(text);
        let found = |name: &str| bare_uses(&c, name, 0).len();
        assert_eq!((found("合同法"), found("车船税法"), found("总体方案")), (1, 1, 1));
    }

    #[test]
    fn names_of_implementing_documents_are_not_uses() {
        for text in [
            "甲法实施细则",
            "甲法实施条例",
            "甲法实施办法",
            "甲法实施方案",
            "省实施甲法办法",
            "实施甲法的若干规定",
        ] {
            assert!(bare_uses(&chars(text), "甲法", 0).is_empty(), "{text}");
        }
    }
}
