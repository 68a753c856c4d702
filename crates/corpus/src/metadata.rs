//! Metadata read from a document's text and file name.

use policyscope_text::{dates, docno};

/// Title endings that name a kind of document (laws, regulations, notices,
/// plans, treaties, standards …), longest first so that `暂行办法` wins over
/// `办法`. Citation resolution uses the same list to tell documents from
/// books, newspapers and forms.
pub const DOCUMENT_TYPES: &[&str] = &[
    "实施细则",
    "实施条例",
    "实施办法",
    "暂行办法",
    "暂行规定",
    "行动计划",
    "实施方案",
    "指导意见",
    "白皮书",
    "议定书",
    "修正案",
    "路线图",
    "指南",
    "纲要",
    "规划",
    "条例",
    "规定",
    "办法",
    "细则",
    "规则",
    "决定",
    "决议",
    "意见",
    "通知",
    "公告",
    "批复",
    "解释",
    "倡议",
    "方案",
    "计划",
    "原则",
    "报告",
    "标准",
    "法典",
    "通告",
    "答复",
    "复函",
    "指引",
    "准则",
    "守则",
    "规范",
    "章程",
    "公约",
    "条约",
    "协定",
    "宪章",
    "宣言",
    "目录",
    "清单",
    "名录",
    "要点",
    "制度",
    "纪要",
    "规程",
    "导则",
    "政策",
    "战略",
    "框架",
    "法",
    "函",
    "令",
];

/// The document type named by the end of a title (`…管理暂行办法` → `暂行办法`).
pub fn doc_type_from_title(title: &str) -> Option<String> {
    let t = strip_title_suffix(title);
    DOCUMENT_TYPES.iter().find(|s| t.ends_with(*s)).map(|s| s.to_string())
}

/// Removes trailing parenthesised notes such as `（2021年修订）`, `(2024版)`,
/// `(2021-08-20)` from a title.
pub fn strip_title_suffix(title: &str) -> &str {
    let mut t = title.trim();
    loop {
        let trimmed = t.trim_end();
        let Some(last) = trimmed.chars().last() else { return trimmed };
        let open = match last {
            ')' => '(',
            '）' => '（',
            _ => return trimmed,
        };
        match trimmed.rfind([open, '(', '（']) {
            Some(pos) if pos > 0 => t = &trimmed[..pos],
            _ => return trimmed,
        }
    }
}

/// A key under which titles that differ only in the `中华人民共和国` prefix,
/// width, quotes, dashes, white space or a parenthesised suffix compare equal.
pub fn title_key(title: &str) -> String {
    let norm = policyscope_text::normalize_for_search(title);
    let stripped = strip_title_suffix(&norm);
    let stripped = stripped.strip_prefix("中华人民共和国").unwrap_or(stripped);
    stripped
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(c, '“' | '”' | '"' | '\'' | '‘' | '’' | '《' | '》' | '—' | '-' | '–' | '·')
        })
        .collect()
}

/// The title of a text: the first line that is a Markdown heading or is
/// short and does not end like a sentence, passing over what official
/// documents put above their title — a letterhead (`…文件`), the document
/// number, a date, labelled fields (`索引号：…`, `发文机关：…`) — and
/// taking the value of a `标题：` field.
pub fn title_from_text(text: &str) -> Option<String> {
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.starts_with("<!--") {
            continue;
        }
        if let Some(h) = line.strip_prefix('#') {
            let h = h.trim_start_matches('#').trim();
            if h.is_empty() {
                continue;
            }
            return Some(h.to_string());
        }
        if let Some(value) = labelled_value(line) {
            match value {
                Label::Title(t) if !t.is_empty() => return Some(t.to_string()),
                _ => continue,
            }
        }
        if is_front_matter(line) {
            continue;
        }
        let sentence_like = line.ends_with(['。', '；', '，', '.', ';', ',', '：', ':']);
        return (line.chars().count() <= 80 && !sentence_like).then(|| line.to_string());
    }
    None
}

enum Label<'a> {
    Title(&'a str),
    Other,
}

/// `标题：X` gives the title; other `field：value` lines of the front
/// matter (index numbers, issuers, dates, subjects) are passed over.
fn labelled_value(line: &str) -> Option<Label<'_>> {
    let (label, value) = line.split_once(['：', ':'])?;
    let label: String = label.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect();
    match label.as_str() {
        "标题" | "名称" | "文件名称" => Some(Label::Title(value.trim())),
        "索引号" | "发文机关" | "发布机关" | "发文字号" | "文号" | "成文日期" | "发布日期" | "施行日期"
        | "生效日期" | "主题分类" | "主题词" | "来源" | "日期" | "时效性" | "效力级别" | "公布日期" => {
            Some(Label::Other)
        }
        _ => None,
    }
}

/// A letterhead, a document number or a date standing alone on its line.
fn is_front_matter(line: &str) -> bool {
    let n = line.chars().count();
    if n <= 16 && line.ends_with("文件") {
        return true;
    }
    let numbers = docno::find_document_numbers(line);
    if numbers.len() == 1 && numbers[0].end + 2 >= n && numbers[0].start <= 2 {
        return true;
    }
    n <= 20 && !dates::find_dates(line).is_empty()
}

/// The title from a file name: the stem without a trailing `(YYYY-MM-DD)`.
pub fn title_from_file_stem(stem: &str) -> String {
    strip_title_suffix(stem).to_string()
}

/// The text's own document number (canonical): the first of
/// [`docno::own_numbers`], the same numbers citation resolution counts as
/// `self`, never one the text merely quotes.
pub fn own_docno(text: &str) -> Option<String> {
    docno::own_numbers(text).first().map(|d| d.canonical())
}

/// The date of a document: from the file name when it carries one (it names
/// the version), else from the text.
pub fn date_for(file_stem: &str, text: &str) -> Option<policyscope_text::PolicyDate> {
    dates::date_from_file_name(file_stem).or_else(|| dates::document_date(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert_eq!(
            title_from_text("# 中华人民共和国网络安全法\n\n正文").as_deref(),
            Some("中华人民共和国网络安全法")
        );
        assert_eq!(
            title_from_text("\n关于印发某规划的通知\n正文。").as_deref(),
            Some("关于印发某规划的通知")
        );
        assert_eq!(title_from_text("第一条 为了规范，制定本法。"), None);
        let notice = "国务院文件\n\n国发〔2017〕35号\n\n国务院关于印发新一代人工智能发展规划的通知\n\n各省：";
        assert_eq!(title_from_text(notice).as_deref(), Some("国务院关于印发新一代人工智能发展规划的通知"));
        let fields = "索引号：000014349/2017-00142\n发文机关：国务院\n标　　题：国务院关于印发新一代人工智能发展规划的通知\n正文";
        assert_eq!(title_from_text(fields).as_deref(), Some("国务院关于印发新一代人工智能发展规划的通知"));
        assert_eq!(title_from_text("2023年2月8日\n某某办法\n正文。").as_deref(), Some("某某办法"));
        // A later chapter heading does not beat the title on the first line.
        assert_eq!(title_from_text("某某条例\n\n## 第一章 总则").as_deref(), Some("某某条例"));
        assert_eq!(title_from_file_stem("网络安全法(2016-11-07)"), "网络安全法");
    }

    #[test]
    fn keys_and_types() {
        assert_eq!(title_key("中华人民共和国科学技术进步法（2021年修订）"), "科学技术进步法");
        assert_eq!(title_key("科学技术进步法"), "科学技术进步法");
        assert_eq!(title_key("“互联网+”人工智能三年行动实施方案"), "互联网+人工智能三年行动实施方案");
        assert_eq!(doc_type_from_title("生成式人工智能服务管理暂行办法").as_deref(), Some("暂行办法"));
        assert_eq!(doc_type_from_title("中华人民共和国数据安全法").as_deref(), Some("法"));
        assert_eq!(strip_title_suffix("标准联通“一带一路”行动计划(2015–2017)"), "标准联通“一带一路”行动计划");
        assert_eq!(strip_title_suffix("(x)"), "(x)");
    }

    #[test]
    fn dates_and_numbers() {
        assert_eq!(
            date_for("网络安全法(2016-11-07)", "2017年1月1日").map(|d| d.to_string()).as_deref(),
            Some("2016-11-07")
        );
        assert_eq!(own_docno("# 通知\n国发〔2017〕35号\n正文").as_deref(), Some("国发〔2017〕35号"));
    }

    #[test]
    fn a_number_quoted_in_a_sentence_is_not_the_documents_own() {
        let text = "# 某规定\n<!-- INFO END -->\n1998年9月17日，我院以法〔1998〕86号通知印发了《某意见》，现重新作如下规定：";
        assert_eq!(own_docno(text), None);
    }

    #[test]
    fn the_number_under_the_title_is_the_documents_own_even_below_a_long_header() {
        let text = "# 某解释\n通过\n施行\n<!-- INFO END -->\n最高人民法院\n关于某某\n若干问题的解释\n法释[2023]12号\n根据国发〔2017〕35号，制定本解释。";
        assert_eq!(own_docno(text).as_deref(), Some("法释〔2023〕12号"));
    }
}
