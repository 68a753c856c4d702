use std::io::Write;

use super::*;
use crate::Limits;

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

/// A DOCX in memory from (entry, content) pairs.
pub(crate) fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in parts {
        let _ = zip.start_file(*name, zip::write::SimpleFileOptions::default());
        let _ = zip.write_all(content.as_bytes());
    }
    zip.finish().map(|c| c.into_inner()).unwrap_or_default()
}

fn read(parts: &[(&str, &str)]) -> Result<Extracted> {
    extract(&docx(parts), &Limits::default(), Deadline::after(std::time::Duration::from_secs(10)))
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

#[test]
fn headings_numbered_lists_tables_and_notes_are_read() {
    let body = format!(
        "<w:document {W}><w:body>\
         <w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t>数据安全管理办法</w:t></w:r></w:p>\
         <w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>总则</w:t></w:r></w:p>\
         <w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>附则</w:t></w:r>\
         <w:r><w:footnoteReference w:id=\"2\"/></w:r></w:p>\
         <w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr><w:tr><w:tc>{}</w:tc><w:tc>{}{}</w:tc></w:tr></w:tbl>\
         <w:p><w:r><w:t xml:space=\"preserve\">第 </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
         <w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>\
         <w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:del><w:r><w:delText>删去</w:delText></w:r></w:del></w:p>\
         </w:body></w:document>",
        p("项目"),
        p("要求"),
        p("分类"),
        p("分级"),
        p("保护")
    );
    let numbering = format!(
        "<w:numbering {W}><w:abstractNum w:abstractNumId=\"7\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>\
         <w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl></w:abstractNum>\
         <w:num w:numId=\"1\"><w:abstractNumId w:val=\"7\"/></w:num></w:numbering>"
    );
    let notes = format!(
        "<w:footnotes {W}><w:footnote w:type=\"separator\" w:id=\"-1\">{}</w:footnote><w:footnote w:id=\"2\">{}</w:footnote></w:footnotes>",
        p("----"),
        p("见《数据安全法》。")
    );
    let e = read(&[
        ("word/document.xml", &body),
        ("word/numbering.xml", &numbering),
        ("word/footnotes.xml", &notes),
    ])
    .map_err(|e| e.to_string());
    let e = e.as_ref().map(|e| (e.text.as_str(), e.title.as_deref()));
    assert_eq!(
        e,
        Ok((
            "数据安全管理办法\n\n一、总则\n\n二、附则[注1]\n\n项目\t要求\n\n分类\t分级 保护\n\n第 3\n\n[注1] 见《数据安全法》。",
            Some("数据安全管理办法")
        ))
    );
}

#[test]
fn a_zip_without_a_document_part_is_not_word() {
    let e = read(&[("content.xml", "<a/>")]).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(e.contains("no word/document.xml"), "{e}");
}

#[test]
fn path_traversal_inside_the_zip_is_refused() {
    let e = read(&[("../../evil.xml", "<a/>"), ("word/document.xml", "<a/>")]).err();
    assert!(matches!(e, Some(Error::UnsafeEntry(_))), "{e:?}");
}

#[test]
fn a_zip_bomb_entry_is_refused_by_size() {
    let big = "<w:document><w:body>".to_string() + &"<w:p/>".repeat(200_000) + "</w:body></w:document>";
    let bytes = docx(&[("word/document.xml", &big)]);
    let limits = Limits { max_entry_bytes: 100_000, ..Limits::default() };
    let e = extract(&bytes, &limits, Deadline::after(std::time::Duration::from_secs(10))).err();
    assert!(matches!(e, Some(Error::TooLarge { .. })), "{e:?}");
}
