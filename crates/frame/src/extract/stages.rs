//! Whether a stage word (立项, 审查, 批准, 发布 …) is a stage of a standard.
//!
//! These words are everywhere in law — a government approves a project, a
//! warning is issued — so a stage word counts only where a standard document
//! is its object: 标准 just before it with only list words between, or just
//! after it; and 标准 must mean a document, not a criterion, a rate or a
//! yardstick something else is measured against (the end of a 按照…/根据…
//! phrase). A stage verb with an object of its own (发布风险警示, 发布…指南)
//! is a stage of that object, whatever 标准 stands beside it.

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

/// Words that open a phrase naming the basis of an act (按照…, 根据…,
/// 符合…): a standard at the end of such a phrase is the yardstick the act
/// is measured against (按照国家规定的程序、标准进行审查), not its object.
const BASIS: &[&str] =
    &["符合", "按照", "依照", "依据", "根据", "达到", "执行", "对照", "参照", "不低于", "高于"];

/// Words that close a basis phrase before the standard is reached: an object
/// marker or a new verb, after which 标准 is an object again (根据评估情况
/// 对标准进行复审; 依据职责负责国家标准的立项).
const BASIS_ENDS: &[&str] = &[
    "对", "将", "把", "由", "向", "会同", "负责", "组织", "承担", "开展", "制定", "修订", "提出", "参与",
    "完成", "进行", "建立",
];

/// Longest basis phrase, in characters, between its opening word and 标准:
/// lists and relative clauses fit (根据土地利用总体规划、年度计划和建设用地标准).
const BASIS_WINDOW: usize = 24;

/// Whether `head`, the clause up to a 标准, ends inside a basis phrase: the
/// last basis word in it is followed by no object marker or verb.
fn is_yardstick(head: &str) -> bool {
    let last = BASIS.iter().filter_map(|w| head.rfind(w).map(|i| i + w.len())).max();
    last.is_some_and(|from| {
        let phrase = &head[from..];
        phrase.chars().count() <= BASIS_WINDOW && !BASIS_ENDS.iter().any(|e| phrase.contains(e))
    })
}

/// Objects other than a standard that a stage verb acts on: it publishes a
/// warning or a guide, approves a project or a plan, reviews evidence. One
/// list serves the three places such an object stands: right after the verb
/// (发布风险预警), at the end of its object phrase with 标准 inside as a
/// modifier (发布地方标准立项指南), and between 标准 and the verb (信息发布标准).
const OTHER_OBJECTS: &[&str] = &[
    "预警",
    "警示",
    "警报",
    "公告",
    "通告",
    "通知",
    "名单",
    "结果",
    "目录",
    "价格",
    "许可",
    "信息",
    "风险提示",
    "项目",
    "规划",
    "方案",
    "文件",
    "指南",
    "证据",
    "申请",
];

/// An object of [`OTHER_OBJECTS`] right after a stage word, a few modifiers
/// between: 发布预警, 发布风险预警, 批准建设项目.
fn other_object_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(r"^(?:的)?[^，。；,;标]{{0,4}}?(?:{})", OTHER_OBJECTS.join("|")))
            .unwrap_or_else(|e| unreachable!("other object pattern: {e}"))
    })
}

/// Stage words that hold their own object (立·项, 征求·意见): a noun right
/// after them is what they qualify (立项指南, 立项建议), never their object.
const SELF_OBJECT: &[&str] = &["立项", "征求意见"];

/// Longest object phrase read after a stage verb, in characters.
const OBJECT_WINDOW: usize = 20;

/// Whether the object phrase after a stage verb ending at `end` (up to the
/// next clause or list break, or 的) has a head that is not a standard. An
/// unbroken run longer than [`OBJECT_WINDOW`] decides nothing: its head is
/// out of sight.
fn object_head_is_other(chars: &[char], end: usize) -> bool {
    let mut phrase = String::new();
    for &c in chars.iter().skip(end).take(OBJECT_WINDOW) {
        if matches!(
            c,
            '，' | ',' | '。' | '；' | ';' | '：' | ':' | '、' | '的' | '\n' | '（' | '(' | '“' | '”'
        ) {
            // 标准项目 is a standard's own project: the standard is still the head.
            let head_of = |h: &&str| phrase.strip_suffix(*h).is_some_and(|rest| !rest.ends_with("标准"));
            return OTHER_OBJECTS.iter().any(head_of);
        }
        phrase.push(c);
    }
    false
}

/// Words before 标准 that make it a foreign standard, vetted for use here
/// but not taken through the national stages.
const FOREIGN: &[&str] = &["国外", "境外", "外国", "国外先进"];

/// Whether the 标准 at byte `i` of `before` is a standard document: not
/// standardisation (标准化), not a criterion (收费标准), not a yardstick.
fn is_standard_document(before: &str, i: usize) -> bool {
    let head = &before[..i];
    // 收费的标准 is 收费标准: a criterion whether or not 的 links them.
    let bare = head.strip_suffix('的').unwrap_or(head);
    !before[i..].starts_with("标准化")
        && !CRITERIA.iter().any(|c| bare.ends_with(c))
        && !FOREIGN.iter().any(|c| head.ends_with(c))
        && !is_yardstick(head)
}

/// Whether a stage word at `at..end` is a stage of a standard. 批准 and
/// 审查 alone are everywhere in law (a government approves a project, a
/// drawing is reviewed against standards), so the standard must be its
/// object: 标准 just before it with only list words between (标准的立项、
/// 起草、技术审查; 标准由国务院批准发布), or just after it (废止相关标准).
/// English stage names (`committee stage`) need `standard` in the clause.
/// 标准 must mean a standard document, not a criterion or rate (收费标准的
/// 批准, 审查标准), nor a yardstick (根据国家标准发布预警; 按照规定的程序、
/// 标准进行审查); and the verb must not have an object of its own
/// (标准、发布风险警示).
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
    let word: String = chars[at..end.min(chars.len())].iter().collect();
    // A verb with an object of its own (标准、发布风险警示; 发布标准制定指南);
    // 立项 holds its object, so 立项指南 is a guide to it, not its object.
    if !SELF_OBJECT.contains(&word.as_str())
        && ((other_object_re().is_match(&after) && !after.contains("标准"))
            || object_head_is_other(chars, end))
    {
        return false;
    }
    if after.starts_with("标准") && OTHER_OBJECTS.iter().any(|o| before.ends_with(o)) {
        return false; // 信息发布标准: a standard on publishing information
    }
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
