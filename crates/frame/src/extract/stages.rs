//! Whether a stage word (立项, 审查, 批准, 发布 …) is a stage of a standard.
//!
//! These words are everywhere in law — a government approves a project, a
//! warning is issued — so a stage word counts only where a standard document
//! is its object: 标准 just before it with only list words between, or just
//! after it; and 标准 must mean a document, not a criterion, a rate or a
//! yardstick something else is measured against.

use std::sync::OnceLock;

use regex::Regex;

/// Characters before a stage word searched for the standard it is a stage of.
const STAGE_WINDOW: usize = 30;

/// What may stand between 标准 and a stage word of it: 标准的立项,
/// 标准草案的技术审查, 标准由国务院批准发布, 标准的项目提出、组织起草、征求意见.
fn stage_gap_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^(?:的|草案|项目|文本|[、和及与或]|组织|进行|开展|提出|编号|对外通报|备案|立项|起草|征求意见|技术审查|审查|批准|发布|复审|废止|由[^，。；]{1,14}?)*$",
        )
        .unwrap_or_else(|e| unreachable!("stage gap pattern: {e}"))
    })
}

/// A stage word followed by the standard it acts on, other stage words
/// between: 废止相关标准, 批准发布国家标准.
fn stage_object_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(?:[、和并]?(?:批准|发布|审查|起草|立项|复审|废止))*(?:相关|未备案的?|该)?(?:强制性|推荐性)?(?:国家|行业|地方|团体|企业)?标准")
            .unwrap_or_else(|e| unreachable!("stage object pattern: {e}"))
    })
}

/// Words before 标准 that make it a criterion, rate or threshold, not a
/// standard document: 收费标准, 审查标准, 补偿标准.
const CRITERIA: &[&str] = &[
    "收费",
    "审查",
    "评价",
    "评审",
    "评估",
    "补偿",
    "赔偿",
    "考核",
    "认定",
    "评定",
    "判定",
    "验收",
    "计费",
    "价格",
    "奖励",
    "补贴",
    "资助",
    "工资",
    "支出",
    "开支",
    "处罚",
    "裁量",
    "准入",
    "适航",
    "排放限值",
    "取费",
    "缴费",
    "发放",
    "救助",
    "执法",
    "审核",
    "录用",
    "选拔",
];

/// A word just before a standard (its qualifiers between) that makes it a
/// yardstick something else is measured against (按照国家标准审查产品), not
/// the object of a stage.
fn yardstick_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?:符合|按照|依照|依据|根据|达到|执行|对照|参照|不低于|高于)(?:[^，。；由的]{0,10}?[、和及与或])?(?:相关|有关|该|强制性|推荐性|国家|行业|地方|团体|企业|技术)*$",
        )
        .unwrap_or_else(|e| unreachable!("yardstick pattern: {e}"))
    })
}

/// What may follow a stage word when its object is not a standard, a few
/// modifiers between: 发布预警, 发布风险预警, 批准建设项目.
fn other_object_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^(?:的)?[^，。；,;标]{0,4}?(?:预警|警示|警报|公告|通告|通知|名单|结果|目录|价格|许可|信息|风险提示|项目|规划|方案|文件)",
        )
            .unwrap_or_else(|e| unreachable!("other object pattern: {e}"))
    })
}

/// Objects other than a standard that a stage word acts on when they stand
/// between it and 标准 (信息发布标准, 规划批准).
const OTHER_OBJECTS: &[&str] = &["项目", "规划", "方案", "信息", "预警", "文件", "申请"];

/// Words before 标准 that make it a foreign standard, vetted for use here
/// but not taken through the national stages.
const FOREIGN: &[&str] = &["国外", "境外", "外国", "国外先进"];

/// Whether the 标准 at byte `i` of `before` is a standard document: not
/// standardisation (标准化), not a criterion (收费标准), not a yardstick.
fn is_standard_document(before: &str, i: usize) -> bool {
    let head = &before[..i];
    !before[i..].starts_with("标准化")
        && !CRITERIA.iter().any(|c| head.ends_with(c))
        && !FOREIGN.iter().any(|c| head.ends_with(c))
        && !yardstick_re().is_match(head)
}

/// Whether a stage word at `at..end` is a stage of a standard. 批准 and
/// 审查 alone are everywhere in law (a government approves a project, a
/// drawing is reviewed against standards), so the standard must be its
/// object: 标准 just before it with only list words between (标准的立项、
/// 起草、技术审查; 标准由国务院批准发布), or just after it (废止相关标准).
/// English stage names (`committee stage`) need `standard` in the clause.
/// 标准 must mean a standard document, not a criterion or rate (收费标准的
/// 批准, 审查标准), nor a yardstick (根据国家标准发布预警).
pub(super) fn about_a_standard(chars: &[char], at: usize, end: usize) -> bool {
    let mut from = at;
    while from > 0 && at - from < STAGE_WINDOW {
        if matches!(chars[from - 1], '，' | ',' | '。' | '；' | ';' | '：' | ':' | '\n') {
            break;
        }
        from -= 1;
    }
    let before: String = chars[from..at].iter().collect();
    if before.to_lowercase().contains("standard") {
        return true;
    }
    if before.contains("暂予适用")
        || chars[end.min(chars.len())..(end + 20).min(chars.len())]
            .iter()
            .collect::<String>()
            .contains("暂予适用")
    {
        return false; // 审查国外标准，暂予适用: vetting for use, no stage
    }
    if chars.get(end) == Some(&'目') {
        return false; // 立项目: 自立项目收费
    }
    let after: String = chars[end.min(chars.len())..(end + 12).min(chars.len())].iter().collect();
    if other_object_re().is_match(&after) && !after.contains("标准") {
        return false;
    }
    if after.starts_with("标准") && OTHER_OBJECTS.iter().any(|o| before.ends_with(o)) {
        return false; // 信息发布标准: a standard on publishing information
    }
    let word: String = chars[at..end.min(chars.len())].iter().collect();
    if after.starts_with("标准") && CRITERIA.contains(&word.as_str()) {
        return false; // 审查标准: the criteria of a review
    }
    // The last 标准 that is a standard (标准化… is standardisation).
    let last =
        before.match_indices("标准").map(|(i, _)| i).filter(|&i| !before[i..].starts_with("标准化")).last();
    if let Some(i) = last {
        let gap = &before[i + "标准".len()..];
        // 标准…的项目由…批准: the project, not the standard, is approved.
        let other = OTHER_OBJECTS.iter().any(|o| gap.replace("项目提出", "").contains(o));
        if is_standard_document(&before, i) && stage_gap_re().is_match(gap) && !other {
            return true;
        }
    }
    stage_object_re().find(&after).is_some_and(|m| !after[m.end()..].starts_with('化'))
}
