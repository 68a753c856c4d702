//! Property tests: the PDF, DOCX and OFD readers fed garbage return a clear
//! error or a text, never panic, and stay within their time limit.

mod common;

use std::time::Duration;

use common::ofd_writer::zip;
use policyscope_extract::{extract, Error, Kind, Limits, Options};
use proptest::prelude::*;

fn options() -> Options {
    Options { ocr: false, limits: Limits { time: Duration::from_secs(20), ..Limits::default() } }
}

/// Extraction either succeeds with text or fails with a reader error (never `Internal`, i.e. a panic).
fn survives(bytes: &[u8], kind: Kind) -> Result<(), TestCaseError> {
    match extract(bytes, kind, &options()) {
        Err(Error::Internal(why)) => Err(TestCaseError::fail(format!("reader panicked: {why}"))),
        Ok(x) => {
            prop_assert!(!x.text.trim().is_empty());
            Ok(())
        }
        Err(e) => {
            prop_assert!(!e.to_string().is_empty());
            Ok(())
        }
    }
}

/// XML-ish fragments: tags of the formats, text, broken markup.
fn xmlish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("<w:p>".to_string()),
            Just("</w:p>".to_string()),
            Just("<w:t>".to_string()),
            Just("</w:t>".to_string()),
            Just("<w:tbl><w:tr><w:tc>".to_string()),
            Just("<w:numPr><w:numId w:val=\"1\"/></w:numPr>".to_string()),
            Just("<ofd:TextObject Boundary=\"1 2 3\" Size=\"x\">".to_string()),
            Just("<ofd:TextCode X=\"NaN\" Y=\"1e39\" DeltaX=\"g 99999999 1 g\">".to_string()),
            Just("</ofd:TextCode></ofd:TextObject>".to_string()),
            Just("<ofd:Page BaseLoc=\"../../etc/passwd\"/>".to_string()),
            Just("&amp;&#x4e2d;&bad;".to_string()),
            "[\\PC]{0,12}",
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn docx_reader_survives_garbage(body in xmlish(), raw in prop::collection::vec(any::<u8>(), 0..200)) {
        let doc = format!("<w:document><w:body>{body}</w:body></w:document>");
        survives(&zip(&[("word/document.xml".into(), doc), ("word/numbering.xml".into(), body.clone())]), Kind::Docx)?;
        survives(&raw, Kind::Docx)?;
    }

    #[test]
    fn ofd_reader_survives_garbage(content in xmlish(), root in "[\\PC]{0,20}") {
        let parts = vec![
            ("OFD.xml".to_string(), format!("<ofd:OFD><ofd:DocBody><ofd:DocRoot>{root}</ofd:DocRoot></ofd:DocBody></ofd:OFD>")),
            ("OFD.xml.2".to_string(), String::new()),
            (format!("{}/Document.xml", root.trim().trim_start_matches('/')), "<ofd:Document><ofd:Pages><ofd:Page BaseLoc=\"P/Content.xml\"/></ofd:Pages></ofd:Document>".to_string()),
            ("Doc_0/Document.xml".to_string(), "<ofd:Document><ofd:Pages><ofd:Page BaseLoc=\"Pages/Page_0/Content.xml\"/></ofd:Pages></ofd:Document>".to_string()),
            ("Doc_0/Pages/Page_0/Content.xml".to_string(), format!("<ofd:Page><ofd:Content>{content}</ofd:Content></ofd:Page>")),
        ];
        survives(&zip(&parts), Kind::Ofd)?;
    }
}

proptest! {
    // Each case runs pdftotext: few cases, enough to cover headers, truncation and noise.
    #![proptest_config(ProptestConfig { cases: 12, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn pdf_reader_survives_garbage(noise in prop::collection::vec(any::<u8>(), 0..2000), cut in 0usize..2000) {
        policyscope_testkit::require_tool("pdftotext", "apt-get install -y poppler-utils");
        let mut pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n".to_vec();
        pdf.extend_from_slice(&noise);
        pdf.truncate(cut.max(9));
        survives(&pdf, Kind::Pdf)?;
    }
}

/// A line at a random place with random text (Han, Latin, digits, hyphens).
fn line() -> impl Strategy<Value = policyscope_extract::layout::Line> {
    (0f32..600.0, 0f32..840.0, 1f32..40.0, 1f32..300.0, "[一-龥a-z0-9 \\-]{0,30}").prop_map(
        |(x0, y0, h, w, text)| policyscope_extract::layout::Line { x0, y0, x1: x0 + w, y1: y0 + h, text },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn page_spans_are_ordered_and_inside_the_text(
        pages in prop::collection::vec(prop::collection::vec(line(), 0..12), 0..8)
    ) {
        let pages: Vec<_> = pages
            .into_iter()
            .map(|lines| policyscope_extract::layout::Page { width: 600.0, height: 842.0, lines })
            .collect();
        let (text, spans) = policyscope_extract::layout::assemble(&pages);
        let len = text.chars().count();
        prop_assert_eq!(spans.len(), pages.len());
        let mut last_end = 0;
        for (i, s) in spans.iter().enumerate() {
            prop_assert_eq!(s.page as usize, i + 1);
            prop_assert!(s.start <= s.end && s.end <= len, "{:?} in {} chars", s, len);
            if s.end > s.start {
                prop_assert!(s.start >= last_end, "page {} starts before page {} ends", s.page, s.page - 1);
                last_end = s.end;
            }
        }
    }
}
