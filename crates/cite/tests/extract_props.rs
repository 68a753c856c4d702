//! Property tests: extraction and resolution never panic, and every span
//! lies on character boundaries inside the text and covers what it says.

use policyscope_cite::extract::extract;
use policyscope_cite::resolve::Resolver;
use policyscope_corpus::DocumentMeta;
use proptest::prelude::*;

fn meta(id: i64, title: &str, date: &str) -> DocumentMeta {
    DocumentMeta {
        docno: Some("国发〔2017〕35号".into()),
        source_path: format!("/x/{id}.md"),
        ..DocumentMeta::new(id, title, date.parse().ok())
    }
}

/// Text made mostly of the characters that matter to the extractor.
fn tricky() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "《",
        "》",
        "〈",
        "〉",
        "（",
        "）",
        "(",
        ")",
        "以下简称",
        "本法",
        "本条例",
        "法",
        "条例",
        "第十条",
        "第二款",
        "、",
        "。",
        "\n",
        "国发",
        "〔2017〕",
        "[2008]",
        "35号",
        "中华人民共和国",
        "网络安全法",
        "标准化法",
        " ",
        "é",
        "🙂",
        "x",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let chars: Vec<char> = text.chars().collect();
    let ex = extract(text);
    let mut last = 0;
    for r in &ex.references {
        prop_assert!(r.start < r.end && r.end <= chars.len(), "{r:?}");
        prop_assert!(r.start >= last, "references are in text order");
        last = r.start;
        let written: String = chars[r.start..r.end].iter().collect();
        prop_assert_eq!(&written, &r.text);
        prop_assert!(r.name.chars().count() <= policyscope_cite::extract::title::MAX_TITLE_CHARS);
    }
    for &(s, e) in &ex.self_refs {
        prop_assert!(s < e && e <= chars.len());
    }
    let docs =
        [meta(1, "中华人民共和国网络安全法", "2016-11-07"), meta(2, "中华人民共和国标准化法", "2017-11-04")];
    let resolver = Resolver::new(&docs, None);
    for c in resolver.resolve(&docs[0], &ex) {
        prop_assert!(c.reference.end <= chars.len());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        check(&text)?;
    }

    #[test]
    fn tricky_text_never_panics(text in tricky()) {
        check(&text)?;
    }
}

#[test]
fn unbalanced_and_runaway_marks() {
    // A missing 》 must not swallow the rest of the page.
    let page = format!("依据《网络安全法{}。后来《数据安全法》", "很长的正文".repeat(100));
    let ex = extract(&page);
    assert_eq!(ex.references.len(), 1);
    assert_eq!(ex.references[0].name, "数据安全法");
    assert!(extract("》》》《《《").references.is_empty());
    let nested = extract("《关于适用《中华人民共和国〈民事诉讼法〉》的解释》第三条");
    assert_eq!(nested.references.len(), 1);
    assert_eq!(nested.references[0].clause.as_deref(), Some("第三条"));
}

proptest! {
    #[test]
    fn own_numbers_are_numbers_written_in_the_text(
        lines in prop::collection::vec(prop::sample::select(vec![
            "法释〔2023〕3号", "（国发〔2017〕35号）", "现予公布，自2021年1月1日起施行。", "第一条 依照国发[2017]35号办理",
            "最高人民法院", "", "文号：国办发〔2019〕5号", "已通过，现予公布法释〔2020〕17号", "现予印发", "〔〕号", "法释〔", "\u{0}", "《", "号号号",
        ]), 0..40),
        noise in "\\PC{0,80}",
    ) {
        let text = format!("{noise}\n{}", lines.join("\n"));
        let written: Vec<String> =
            policyscope_text::docno::find_document_numbers(&text).iter().map(|n| n.canonical()).collect();
        for own in policyscope_cite::extract::selfref::own_numbers(&text) {
            prop_assert!(written.contains(&own), "{own} is not in the text");
        }
    }
}
