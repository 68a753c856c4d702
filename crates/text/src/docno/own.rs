//! The document numbers a text gives as its own.
//!
//! Official texts print their own number in two places: alone on a line
//! under the title (`法释〔2023〕3号`), or in the signature block after the
//! sentence that publishes them (`…通过，现予公布，自…起施行。`). Numbers in
//! body sentences (`我院以法〔1998〕86号通知印发了…`) name other documents,
//! even on the first lines. Import reads the metadata number from here and
//! citation resolution its `self` references, so both agree.

use std::collections::HashSet;

use super::{find_document_numbers, DocumentNumber};

/// Non-blank lines at the top of a text where a document's own number
/// stands (under the title, before the body).
const HEADER_LINES: usize = 15;
/// Non-blank lines after a `现予公布` sentence where the signature block,
/// and with it the document's own number, may stand.
const SIGNATURE_LINES: usize = 3;

/// Words announcing the document's own publication (`…已于…通过，现予公布，
/// 自…起施行`): a number after them is the document's own.
const PUBLISHED: &[&str] = &["现予公布", "现予发布", "现予印发", "现予施行"];

/// Characters that may stand beside a number on a line of its own:
/// brackets around it, separators between several, a label's colon.
const BESIDE_NUMBERS: &str = "（）()【】[]、，,：:";

/// Whether the trimmed `line`, starting at code point `at` of the text,
/// holds nothing but `numbers` (those starting on it, in order), brackets,
/// separators and a `文号：` label. Linear in the line.
fn only_numbers(line: &str, at: usize, numbers: &[DocumentNumber]) -> bool {
    if numbers.is_empty() {
        return false;
    }
    let mut next = numbers.iter().peekable();
    let mut rest = String::new();
    for (i, c) in line.chars().enumerate() {
        let i = at + i;
        while next.next_if(|n| n.end <= i).is_some() {}
        let inside = next.peek().is_some_and(|n| n.start <= i);
        if !inside && !c.is_whitespace() && !BESIDE_NUMBERS.contains(c) {
            rest.push(c);
            if rest.len() > "文号".len() {
                return false;
            }
        }
    }
    rest.is_empty() || rest == "文号"
}

/// The document numbers a text gives as its own, in text order, each
/// canonical form once: a number standing alone on a line among the first
/// 15 non-blank lines (under the title), or after a `现予公布/发布/印发/施行`
/// sentence — on its line or alone on one of the 3 non-blank lines after it
/// (the signature block). They are picked from [`find_document_numbers`]
/// over the whole text, so each is the very number (prefix and span) a
/// citation of it is read as. Linear in the text, so any input is safe.
pub fn own_numbers(text: &str) -> Vec<DocumentNumber> {
    let mut pending = find_document_numbers(text).into_iter().peekable();
    let mut out: Vec<DocumentNumber> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut add = |n: &DocumentNumber| {
        if seen.insert(n.canonical()) {
            out.push(n.clone());
        }
    };
    let mut line_start = 0usize; // code points before the current line
    let mut non_blank = 0usize;
    let mut after_published = 0usize;
    for raw in text.split_inclusive('\n') {
        let line_end = line_start + raw.chars().count();
        let mut on_line = Vec::new();
        while let Some(n) = pending.next_if(|n| n.start < line_end) {
            on_line.push(n);
        }
        let line = raw.trim();
        let at = line_start + raw[..raw.len() - raw.trim_start().len()].chars().count();
        line_start = line_end;
        if line.is_empty() {
            continue;
        }
        if (non_blank < HEADER_LINES || after_published > 0) && only_numbers(line, at, &on_line) {
            on_line.iter().for_each(&mut add);
        }
        non_blank += 1;
        after_published = after_published.saturating_sub(1);
        if let Some(after) = PUBLISHED.iter().filter_map(|w| line.find(w).map(|i| i + w.len())).min() {
            let from = at + line[..after].chars().count();
            on_line.iter().filter(|n| n.start >= from).for_each(&mut add);
            after_published = SIGNATURE_LINES;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn canonical(text: &str) -> Vec<String> {
        own_numbers(text).iter().map(DocumentNumber::canonical).collect()
    }

    #[test]
    fn the_number_under_the_title_is_the_documents_own() {
        let text = "# 最高人民法院关于某某问题的解释\n\n法释〔2023〕3号\n\n为正确审理……根据《中华人民共和国刑法》（法释〔2012〕21号）";
        assert_eq!(canonical(text), ["法释〔2023〕3号"]);
    }

    #[test]
    fn a_number_quoted_in_a_sentence_is_not_the_documents_own() {
        let text = "# 最高人民法院关于某某问题的规定\n1999年12月1日 通过\n<!-- INFO END -->\n\
                    1998年9月17日，我院以法〔1998〕86号通知印发了《某意见》，现根据新的情况重新作如下规定：\n第一条 ……";
        assert!(own_numbers(text).is_empty());
    }

    #[test]
    fn a_number_in_the_parenthesis_after_a_cited_title_is_not_the_documents_own() {
        let text = "# 关于修改某解释的决定\n<!-- INFO END -->\n现决定对《某解释》（法释〔2008〕5号，以下简称《解释》）作如下修改：";
        assert!(own_numbers(text).is_empty());
    }

    #[test]
    fn the_number_after_the_publication_sentence_is_the_documents_own() {
        let mut text = String::new();
        for i in 0..20 {
            text.push_str(&format!("第{i}条 依照国发〔2017〕35号办理。\n"));
        }
        text.push_str("《某某解释》已于2020年12月23日通过，现予公布，自2021年1月1日起施行。\n最高人民法院\n2020年12月29日\n法释[2020]17号\n");
        assert_eq!(canonical(&text), ["法释〔2020〕17号"]);
    }

    #[test]
    fn a_number_alone_on_a_line_below_the_header_is_not_the_documents_own() {
        let mut text = String::from("标题\n");
        for i in 0..HEADER_LINES {
            text.push_str(&format!("第{i}条 正文。\n"));
        }
        text.push_str("国发〔2017〕35号\n");
        assert!(own_numbers(&text).is_empty());
    }

    #[test]
    fn a_labelled_or_bracketed_number_line_counts_and_spans_point_into_the_text() {
        let text = "标题\r\n\r\n\u{3000}文号：国办发[2019]5号\n（国发〔2017〕35号、国发〔2017〕35号）\n正文";
        let own = own_numbers(text);
        let spans: Vec<&str> = own.iter().map(|n| crate::slice_chars(text, n.start, n.end)).collect();
        assert_eq!(spans, ["国办发[2019]5号", "国发〔2017〕35号"]);
    }

    #[test]
    fn a_huge_line_of_numbers_under_the_title_is_read_in_one_pass() {
        let line: Vec<String> = (1..=20_000).map(|i| format!("国发〔2017〕{i}号")).collect();
        let text = format!("标题\n{}\n正文", line.join("、"));
        let own = own_numbers(&text);
        assert_eq!(own.len(), 20_000);
        assert_eq!(own.last().map(DocumentNumber::canonical).as_deref(), Some("国发〔2017〕20000号"));
    }

    proptest! {
        #[test]
        fn garbage_never_panics_and_own_numbers_are_numbers_of_the_text(
            lines in prop::collection::vec(prop::sample::select(vec![
                "法释〔2023〕3号", "（国发〔2017〕35号）", "现予公布，自2021年1月1日起施行。",
                "第一条 依照国发[2017]35号办理", "", " \r", "文号：国办发〔2019〕5号", "现予印发",
                "〔〕号", "法释〔", "\u{0}", "号号号", "\u{3000}",
            ]), 0..40),
            noise in "\\PC{0,80}",
        ) {
            let text = format!("{noise}\n{}", lines.join("\n"));
            let written = find_document_numbers(&text);
            for own in own_numbers(&text) {
                prop_assert!(written.contains(&own), "{:?} is not a number of the text", own);
            }
        }
    }
}
