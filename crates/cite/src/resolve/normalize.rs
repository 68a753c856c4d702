//! Title keys and the test of whether a `《…》` names a document.

use policyscope_corpus::metadata::strip_title_suffix;

/// Whether a parenthesised note at the end of a title names a version
/// (`2021年修订`, `2018年修正`, `2017`, `2024版`) rather than a part or a
/// period (`二`, `2018-2020年`, `试行`, `草案`), which name other documents.
fn is_version_note(note: &str) -> bool {
    let n = note.trim();
    let year_only =
        n.trim_end_matches('年').len() == 4 && n.trim_end_matches('年').chars().all(|c| c.is_ascii_digit());
    let amended = ["修订", "修正", "修改", "版"].iter().any(|w| n.ends_with(w))
        && n.chars().next().is_some_and(|c| c.is_ascii_digit());
    let dated = n.len() == 10 && n.chars().filter(|c| *c == '-').count() == 2;
    year_only || amended || dated
}

/// Removes trailing version notes (see [`is_version_note`]) in `()`/`（）`.
fn strip_version_notes(title: &str) -> &str {
    let mut t = title.trim_end();
    loop {
        let Some(inner) = t.strip_suffix(')') else { return t };
        let Some(open) = inner.rfind('(') else { return t };
        if open == 0 || !is_version_note(&inner[open + 1..]) {
            return t;
        }
        t = inner[..open].trim_end();
    }
}

/// The key under which a cited title is looked up: search view (width,
/// traditional → simplified), version notes in parentheses removed, the
/// `中华人民共和国` prefix and any inner `中华人民共和国` removed, and marks,
/// quotes, dashes and spaces dropped — so that `《最高人民法院关于适用〈中华
/// 人民共和国民事诉讼法〉的解释》` and `最高人民法院关于适用《民事诉讼法》的
/// 解释` agree, while `…的解释（二）` and `…的解释（三）` stay apart.
pub fn cite_key(title: &str) -> String {
    let norm: String = policyscope_text::normalize_for_search(title)
        .chars()
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect();
    strip_version_notes(&norm)
        .replace("中华人民共和国", "")
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '“' | '”'
                        | '"'
                        | '\''
                        | '‘'
                        | '’'
                        | '《'
                        | '》'
                        | '〈'
                        | '〉'
                        | '<'
                        | '>'
                        | '「'
                        | '」'
                        | '『'
                        | '』'
                        | '—'
                        | '-'
                        | '–'
                        | '·'
                        | '・'
                )
        })
        .collect()
}

/// Whether a title looks like the name of a document, as opposed to a
/// book, newspaper, form, certificate or a standard's code name.
pub fn is_document_title(title: &str) -> bool {
    let t = strip_title_suffix(title.trim());
    let t = t.trim_end_matches(['》', '〉', ' ', '”', '"']);
    if t.chars().count() < 2 {
        return false;
    }
    policyscope_corpus::metadata::DOCUMENT_TYPES.iter().any(|e| t.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(cite_key("中华人民共和国网络安全法"), "网络安全法");
        assert_eq!(cite_key("网络安全法（2016年）"), "网络安全法");
        assert_eq!(
            cite_key("最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释"),
            cite_key("最高人民法院关于适用《民事诉讼法》的解释")
        );
        assert_eq!(cite_key("中华人民共和国科学技术进步法（2021年修订）"), "科学技术进步法");
        assert_eq!(cite_key("标准化法(2017)"), "标准化法");
        assert_eq!(cite_key("“互联网+”人工智能三年行动实施方案"), "互联网+人工智能三年行动实施方案");
        assert_ne!(
            cite_key("关于适用〈婚姻法〉若干问题的解释（二）"),
            cite_key("关于适用《婚姻法》若干问题的解释（三）")
        );
        assert_ne!(cite_key("行动计划(2015-2017)"), cite_key("行动计划(2018-2020年)"));
        assert_ne!(cite_key("某办法（试行）"), cite_key("某办法"));
    }

    #[test]
    fn documents_and_other_things() {
        for t in [
            "中华人民共和国标准化法",
            "国务院关于印发新一代人工智能发展规划的通知",
            "生成式人工智能服务管理暂行办法",
            "消费者权益保护法（2013年修正）",
        ] {
            assert!(is_document_title(t), "{t}");
        }
        for t in ["人民日报", "营业执照", "行政处罚决定书", "GB/T 22239-2019", "红楼梦", "申请表"]
        {
            assert!(!is_document_title(t), "{t}");
        }
    }
}
