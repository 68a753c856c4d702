//! Importing published formats (PDF, DOCX, DOC, OFD) beside text files:
//! pages, kept originals, re-import, malformed files and re-extraction.

#[path = "../../extract/tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};

use common::{fixtures, ofd_writer, pdf_writer, similarity};
use policyscope_corpus::import::{import_paths, reextract, Change, ImportOptions, ImportSummary, Outcome};
use policyscope_corpus::{Project, ORIGINALS_DIR};

fn import(project: &mut Project, paths: &[PathBuf]) -> ImportSummary {
    import_paths(project, paths, &ImportOptions::default(), &mut |_| {})
}

fn new_project() -> (tempfile::TempDir, Project) {
    let dir = tempfile::tempdir().unwrap();
    let project = Project::init(&dir.path().join("p")).unwrap();
    (dir, project)
}

fn id_of(summary: &ImportSummary, file: &str) -> i64 {
    let report = summary
        .files
        .iter()
        .find(|r| r.path.ends_with(file))
        .unwrap_or_else(|| panic!("no report for {file}"));
    match report.outcome {
        Outcome::Imported { id } | Outcome::AddedPath { id } | Outcome::Unchanged { id } => id,
        ref other => panic!("{file}: {other:?}"),
    }
}

fn copy(from: &Path, to: &Path) {
    std::fs::copy(from, to).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
}

#[test]
fn published_formats_import_in_one_batch_with_pages_and_originals() {
    let fx = fixtures();
    let (dir, mut project) = new_project();
    let batch = dir.path().join("batch");
    std::fs::create_dir_all(&batch).unwrap();
    copy(&fx.join("fx01.pdf"), &batch.join("a.pdf"));
    copy(&fx.join("fx02.docx"), &batch.join("b.docx"));
    copy(&fx.join("fx03.doc"), &batch.join("c.doc"));
    let ofd_source = std::fs::read_to_string(fx.join("fx04.txt")).unwrap();
    let written = ofd_writer::write(&ofd_source.lines().collect::<Vec<_>>());
    std::fs::write(batch.join("d.ofd"), &written.bytes).unwrap();
    std::fs::write(batch.join("e.md"), "# 关于测试的通知\n\n正文。").unwrap();

    let first = import(&mut project, std::slice::from_ref(&batch));
    assert_eq!((first.imported(), first.failed()), (5, 0), "{:#?}", first.files);

    let pdf = id_of(&first, "a.pdf");
    let source = std::fs::read_to_string(fx.join("fx01.txt")).unwrap();
    let doc = project.document(pdf).unwrap();
    assert!(similarity(&source, &doc.text) >= 0.99);
    assert_eq!(doc.meta.title, source.lines().next().unwrap_or(""));
    let pages = project.pages(pdf).unwrap();
    assert!(pages.len() >= 2, "{pages:?}");
    let last = pages[pages.len() - 1];
    assert_eq!(project.page_at(pdf, last.start).unwrap(), Some(last.page));
    assert_eq!(project.page_at(pdf, 0).unwrap(), Some(1));

    let kept = project.source(pdf).unwrap().expect("a PDF records its source");
    assert_eq!(kept.extractor, "pdftotext");
    assert!(!kept.ocr);
    let original = project.dir().join(ORIGINALS_DIR).join(&kept.original);
    assert_eq!(std::fs::read(&original).unwrap(), std::fs::read(batch.join("a.pdf")).unwrap());

    let ofd = id_of(&first, "d.ofd");
    assert_eq!(project.pages(ofd).unwrap().len(), written.pages.len());
    assert!(project.pages(id_of(&first, "b.docx")).unwrap().is_empty(), "Word files have no fixed pages");
    assert!(project.source(id_of(&first, "e.md")).unwrap().is_none());

    let again = import(&mut project, std::slice::from_ref(&batch));
    assert_eq!((again.imported(), again.unchanged(), again.changed()), (0, 5, false), "{:#?}", again.files);
}

#[test]
fn malformed_files_fail_with_one_clear_error_each_and_the_rest_imports() {
    let fx = fixtures();
    let (dir, mut project) = new_project();
    let bad = dir.path().join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    copy(&fx.join("bad/encrypted.pdf"), &bad.join("encrypted.pdf"));
    let good = std::fs::read(fx.join("fx05.pdf")).unwrap();
    std::fs::write(bad.join("truncated.pdf"), &good[..good.len() / 3]).unwrap();
    std::fs::write(
        bad.join("scanned.pdf"),
        pdf_writer::pdf(&["0 0 1 rg 100 100 300 300 re f".to_string()], pdf_writer::HELVETICA),
    )
    .unwrap();
    let glyph_ids = "BT /F1 12 Tf 72 700 Td <0102030405060708090A0B0C0D0E0F1011121314> Tj ET".to_string();
    std::fs::write(
        bad.join("no-unicode-map.pdf"),
        pdf_writer::pdf(&[glyph_ids.clone(), glyph_ids], pdf_writer::CID_WITHOUT_TOUNICODE),
    )
    .unwrap();
    std::fs::write(bad.join("not-really.pdf"), "plain text with a .pdf name").unwrap();
    let deep = format!(
        "<w:document><w:body>{}{}</w:body></w:document>",
        "<w:p>".repeat(5000),
        "</w:p>".repeat(5000)
    );
    std::fs::write(bad.join("deep.docx"), ofd_writer::zip(&[("word/document.xml".into(), deep)])).unwrap();
    std::fs::write(
        bad.join("broken-xml.docx"),
        ofd_writer::zip(&[("word/document.xml".into(), "<w:document><w:body><w:p>".into())]),
    )
    .unwrap();
    std::fs::write(
        bad.join("traversal.ofd"),
        ofd_writer::zip(&[
            ("../../../tmp/evil.xml".into(), "<x/>".into()),
            ("OFD.xml".into(), "<x/>".into()),
        ]),
    )
    .unwrap();
    let bomb = format!(
        "<w:document><w:body><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:body></w:document>",
        " ".repeat(130 * 1024 * 1024)
    );
    std::fs::write(bad.join("bomb.docx"), ofd_writer::zip(&[("word/document.xml".into(), bomb)])).unwrap();
    std::fs::write(
        bad.join("random.doc"),
        (0..4000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect::<Vec<u8>>(),
    )
    .unwrap();
    std::fs::write(bad.join("empty.ofd"), b"").unwrap();
    // Good files in the same batch.
    std::fs::write(
        bad.join("html-saved-as.doc"),
        "<html><head><title>关于网页的通知</title></head><body><p>第一条 网页正文。</p></body></html>",
    )
    .unwrap();
    copy(&fx.join("bad/rtf-saved-as.doc"), &bad.join("rtf-saved-as.doc"));
    std::fs::write(bad.join("fine.md"), "# 好的文件\n\n正文。").unwrap();

    let summary = import(&mut project, std::slice::from_ref(&bad));
    let reason = |file: &str| -> String {
        let r = summary
            .files
            .iter()
            .find(|r| r.path.ends_with(file))
            .unwrap_or_else(|| panic!("no report for {file}"));
        match &r.outcome {
            Outcome::Failed { reason } => reason.clone(),
            other => panic!("{file} should fail: {other:?}"),
        }
    };
    let expect = [
        ("encrypted.pdf", "encrypted or password-protected"),
        ("truncated.pdf", "PDF"),
        ("scanned.pdf", "no text layer (scanned?)"),
        ("no-unicode-map.pdf", ""),
        ("not-really.pdf", "no %PDF header"),
        ("deep.docx", "nested deeper than"),
        ("broken-xml.docx", "not a readable DOCX file"),
        ("traversal.ofd", "unsafe entry name"),
        ("bomb.docx", "too large"),
        ("random.doc", "neither Word 97-2003"),
        ("empty.ofd", ""),
    ];
    for (file, words) in expect {
        let why = reason(file);
        eprintln!("{file}: {why}");
        assert!(why.contains(words), "{file}: `{why}` should say `{words}`");
    }
    let no_map = reason("no-unicode-map.pdf");
    assert!(no_map.contains("no text layer") || no_map.contains("unreadable"), "{no_map}");
    assert_eq!(summary.failed(), expect.len(), "{:#?}", summary.files);
    assert_eq!(summary.imported(), 3, "{:#?}", summary.files);
    let html = id_of(&summary, "html-saved-as.doc");
    assert_eq!(project.document(html).unwrap().text, "第一条 网页正文。");
    let rtf = id_of(&summary, "rtf-saved-as.doc");
    let rtf_source = std::fs::read_to_string(fx.join("fx02.txt")).unwrap();
    assert!(similarity(&rtf_source, &project.document(rtf).unwrap().text) >= 0.99);
}

#[test]
fn a_two_thousand_page_pdf_imports_within_the_time_limit() {
    let (dir, mut project) = new_project();
    let pages: Vec<String> = (1..=2000)
        .map(|p| {
            pdf_writer::text_page(&[format!(
                "Article {p}. The data handler shall protect the data of page {p}."
            )])
        })
        .collect();
    let path = dir.path().join("long.pdf");
    std::fs::write(&path, pdf_writer::pdf(&pages, pdf_writer::HELVETICA)).unwrap();
    let started = std::time::Instant::now();
    let summary = import(&mut project, std::slice::from_ref(&path));
    let took = started.elapsed();
    eprintln!("2000-page PDF imported in {took:?}");
    let id = id_of(&summary, "long.pdf");
    let pages = project.pages(id).unwrap();
    assert_eq!(pages.len(), 2000);
    let text = project.document(id).unwrap().text;
    let at = text.find("Article 1234.").map(|b| text[..b].chars().count() as i64).expect("page 1234's text");
    assert_eq!(project.page_at(id, at).unwrap(), Some(1234));
}

#[test]
fn reextract_reports_a_changed_text_and_stores_it_as_a_new_version() {
    let fx = fixtures();
    let (dir, mut project) = new_project();
    let path = dir.path().join("law.docx");
    copy(&fx.join("fx06.docx"), &path);
    let first = import(&mut project, std::slice::from_ref(&path));
    let id = id_of(&first, "law.docx");
    let options = ImportOptions::default();

    let same = reextract(&mut project, &options, false).unwrap();
    assert_eq!(same.len(), 1);
    assert_eq!(same[0].change, Change::Same);

    // As if an older reader had dropped a character.
    project
        .conn()
        .execute("UPDATE documents SET text = substr(text, 2), content_hash = 'older' WHERE id = ?1", [id])
        .unwrap();
    let dry = reextract(&mut project, &options, true).unwrap();
    match &dry[0].change {
        Change::Changed { first_difference, new_id, .. } => {
            assert_eq!((*first_difference, *new_id), (0, None));
        }
        other => panic!("expected a change: {other:?}"),
    }
    assert_eq!(project.documents(false).unwrap().len(), 1, "a dry run changes nothing");

    let done = reextract(&mut project, &options, false).unwrap();
    let Change::Changed { new_id: Some(new_id), .. } = done[0].change else { panic!("{:?}", done[0]) };
    let current = project.documents(false).unwrap();
    assert_eq!(current.iter().map(|d| d.id).collect::<Vec<_>>(), vec![new_id]);
    assert_eq!(project.document_meta(new_id).unwrap().previous_version, Some(id));
    let source = std::fs::read_to_string(fx.join("fx06.txt")).unwrap();
    assert!(similarity(&source, &project.document(new_id).unwrap().text) >= 0.99);
}

#[test]
fn a_scanned_pdf_imported_with_ocr_is_marked_as_ocr() {
    policyscope_testkit::require_tool("tesseract", "apt-get install -y tesseract-ocr tesseract-ocr-chi-sim");
    let fx = fixtures();
    let (dir, mut project) = new_project();
    let (w, h, grey) = pdf_writer::render_grey(&fx.join("fx07.pdf"), 1, 150);
    let path = dir.path().join("scan.pdf");
    std::fs::write(&path, pdf_writer::image_pdf(w, h, &grey)).unwrap();
    let refused = import(&mut project, std::slice::from_ref(&path));
    assert_eq!(refused.failed(), 1, "{:#?}", refused.files);
    let options = ImportOptions { ocr: true, ..ImportOptions::default() };
    let summary = import_paths(&mut project, std::slice::from_ref(&path), &options, &mut |_| {});
    let id = id_of(&summary, "scan.pdf");
    let source = project.source(id).unwrap().expect("a source record");
    assert!(source.ocr);
    assert_eq!(source.extractor, "tesseract");
    assert_eq!(project.pages(id).unwrap().len(), 1);
    assert!(summary.files[0].warnings.iter().any(|w| w.contains("OCR")), "{:?}", summary.files[0].warnings);
}
