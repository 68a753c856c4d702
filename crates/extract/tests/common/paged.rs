//! A paged document and a plain one holding the same phrase, for the tests of
//! page numbers in excerpts and in the report.

use std::path::{Path, PathBuf};

use super::ofd_writer;

/// A phrase written once, on the second of three pages.
pub const ON_PAGE_TWO: &str = "开展数据出境安全评估";

/// A one-code codebook that codes the phrase.
pub const BOOK: &str = r#"
[codebook]
name = "pages"
version = "1"

[[code]]
name = "Assessment"
rule = [{ terms = ["数据出境安全评估"] }]
"#;

/// Writes `paged.ofd` (three pages, the phrase on page 2) and `plain.md` (the
/// phrase, no pages) into `dir`; returns their paths in that order.
pub fn write(dir: &Path) -> [PathBuf; 2] {
    let mut paragraphs = vec!["关于页码测试的通知".to_string()];
    // One line per paragraph, 38 lines per page: 50 lands on page 2.
    paragraphs.extend((1..=90).map(|n| match n {
        50 => format!("第{n}条 {ON_PAGE_TWO}。"),
        _ => format!("第{n}条 国家加强标准化工作。"),
    }));
    let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    let written = ofd_writer::write(&refs);
    assert_eq!(written.pages.len(), 3, "the fixture should lay out three pages");
    assert!(written.pages[1].contains(ON_PAGE_TWO), "the phrase should sit on page 2 of the fixture");
    let ofd = dir.join("paged.ofd");
    std::fs::write(&ofd, &written.bytes).unwrap();
    let md = dir.join("plain.md");
    std::fs::write(&md, format!("# 关于无页码文本的通知\n\n第一条 {ON_PAGE_TWO}。\n")).unwrap();
    [ofd, md]
}
