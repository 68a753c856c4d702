//! Published formats made at test time from 20 Chinese texts of the shared
//! corpus (LibreOffice: PDF with running headers and page numbers, DOCX,
//! DOC; our own writer: OFD) read back against the source text.

mod common;

use std::path::Path;

use common::{fixtures, names, ofd_writer, pdf_writer, pdftotext, similarity, squash};
use policyscope_extract::{extract, Error, Extracted, Kind, Options};

fn read(path: &Path, kind: Kind) -> Extracted {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    extract(&bytes, kind, &Options::default()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn source(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap_or_else(|e| panic!("{name}.txt: {e}"))
}

/// Each page span's text must be found on that page of the oracle (a short
/// piece from its middle, whitespace removed), and spans must cover the text.
fn check_pages(name: &str, x: &Extracted, page_text: impl Fn(u32) -> String) {
    assert!(!x.pages.is_empty(), "{name}: no pages");
    let chars: Vec<char> = x.text.chars().collect();
    let mut covered = 0;
    for span in &x.pages {
        let piece: String = squash(&chars[span.start..span.end].iter().collect::<String>()).iter().collect();
        covered += span.end - span.start;
        if piece.chars().count() < 12 {
            continue;
        }
        let mid = piece.chars().count() / 2;
        let sample: String = piece.chars().skip(mid.saturating_sub(6)).take(12).collect();
        let oracle: String = squash(&page_text(span.page)).iter().collect();
        assert!(oracle.contains(&sample), "{name}: `{sample}` is not on page {}", span.page);
    }
    assert!(covered + 2 * x.pages.len() >= squash(&x.text).len(), "{name}: page spans leave text out");
}

#[test]
fn pdf_fixtures_match_their_source_and_beat_pdftotext() {
    let dir = fixtures();
    let mut ours_total = 0.0;
    let mut theirs_total = 0.0;
    for name in names(&dir) {
        let pdf = dir.join(format!("{name}.pdf"));
        let src = source(&dir, &name);
        let x = read(&pdf, Kind::Pdf);
        let ours = similarity(&src, &x.text);
        let theirs = similarity(&src, &pdftotext(&pdf, None));
        eprintln!("{name}.pdf: policyscope {ours:.4}, pdftotext {theirs:.4}, {} pages", x.pages.len());
        assert!(ours >= 0.99, "{name}.pdf: similarity {ours:.4} < 0.99");
        assert!(ours >= theirs, "{name}.pdf: policyscope {ours:.4} below pdftotext {theirs:.4}");
        assert!(x.pages.len() >= 2, "{name}.pdf: fixtures are multi-page");
        check_pages(&name, &x, |p| pdftotext(&pdf, Some(p)));
        ours_total += ours;
        theirs_total += theirs;
    }
    eprintln!("mean similarity: policyscope {:.4}, pdftotext {:.4}", ours_total / 20.0, theirs_total / 20.0);
}

#[test]
fn docx_and_doc_fixtures_match_their_source() {
    let dir = fixtures();
    for name in names(&dir) {
        let src = source(&dir, &name);
        for (ext, kind) in [("docx", Kind::Docx), ("doc", Kind::Doc)] {
            let x = read(&dir.join(format!("{name}.{ext}")), kind);
            let s = similarity(&src, &x.text);
            eprintln!("{name}.{ext}: {s:.4} ({})", x.extractor.name);
            assert!(s >= 0.99, "{name}.{ext}: similarity {s:.4} < 0.99");
            assert!(x.pages.is_empty(), "{name}.{ext}: Word files carry no fixed pages");
        }
    }
}

#[test]
fn ofd_fixtures_match_their_source_with_pages() {
    let dir = fixtures();
    for name in names(&dir) {
        let src = source(&dir, &name);
        let paragraphs: Vec<&str> = src.lines().collect();
        let written = ofd_writer::write(&paragraphs);
        // Kept beside the other fixtures for bench/formats.sh.
        std::fs::write(dir.join(format!("{name}.ofd")), &written.bytes)
            .unwrap_or_else(|e| panic!("{name}.ofd: {e}"));
        let x = extract(&written.bytes, Kind::Ofd, &Options::default())
            .unwrap_or_else(|e| panic!("{name}.ofd: {e}"));
        let s = similarity(&src, &x.text);
        eprintln!("{name}.ofd: {s:.4}, {} pages", x.pages.len());
        assert!(s >= 0.99, "{name}.ofd: similarity {s:.4} < 0.99");
        assert_eq!(x.pages.len(), written.pages.len(), "{name}.ofd: page count");
        check_pages(&name, &x, |p| written.pages[p as usize - 1].clone());
    }
}

#[test]
fn ofd_paragraphs_survive_drawing_order() {
    let mut paragraphs = vec!["数据安全管理办法".to_string()];
    for n in 1..=40 {
        paragraphs.push(format!("第{n}条 为了规范数据处理活动，保障数据安全，促进数据开发利用，保护个人、组织的合法权益，制定本办法。"));
    }
    let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    let written = ofd_writer::write(&refs);
    assert!(written.pages.len() >= 2, "the test needs a running header on several pages");
    let x =
        extract(&written.bytes, Kind::Ofd, &Options::default()).map(|x| x.text).map_err(|e| e.to_string());
    assert_eq!(x, Ok(paragraphs.join("\n\n")));
}

#[test]
fn a_scanned_pdf_is_refused_and_read_by_ocr_when_asked() {
    policyscope_testkit::require_tool("tesseract", "apt-get install -y tesseract-ocr tesseract-ocr-chi-sim");
    let dir = fixtures();
    let pdf = dir.join("fx10.pdf");
    let (w, h, grey) = pdf_writer::render_grey(&pdf, 1, 150);
    let scan = pdf_writer::image_pdf(w, h, &grey);
    let refused = extract(&scan, Kind::Pdf, &Options::default());
    assert!(matches!(refused, Err(Error::NoTextLayer)), "{refused:?}");
    let options = Options { ocr: true, ..Options::default() };
    let x = extract(&scan, Kind::Pdf, &options).unwrap_or_else(|e| panic!("OCR: {e}"));
    assert!(x.ocr, "OCR text is marked as such");
    assert_eq!(x.pages.len(), 1);
    // The page's own text (header and page number included) as poppler reads it.
    let page = pdftotext(&pdf, Some(1));
    let s = similarity(&page, &x.text);
    eprintln!("OCR of fx10.pdf page 1 (150 dpi scan): similarity {s:.4}");
    assert!(s >= 0.9, "OCR similarity {s:.4}");
}
