//! Documents imported from PDF travel in the `.qdpx` as a `PDFSource`: the
//! original file unchanged, and a plain-text `Representation` holding the
//! stored text and the codings.

mod common;

#[allow(dead_code)] // only the text PDF writer is used here
#[path = "../../extract/tests/common/pdf_writer.rs"]
mod pdf_writer;

use std::collections::BTreeSet;
use std::path::Path;

use policyscope_coding::{CodingFilter, CodingStore, NewCode, NewCoding, Status};
use policyscope_corpus::import::{import_paths, ImportOptions};
use policyscope_corpus::Project;
use policyscope_extract::Kind;
use policyscope_qdpx::{export_project, import_project, ExportOptions, Limits};

/// A project with one PDF and one Markdown document, the PDF coded once.
/// Returns the project, the PDF's bytes and its document id.
fn coded_pdf_project(dir: &Path) -> (Project, Vec<u8>, i64) {
    let lines: Vec<String> = [
        "Data Security Regulation",
        "Article 1. The data handler shall protect the data it holds.",
        "Article 2. Cross-border transfers need a security assessment.",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let pdf = pdf_writer::pdf(&[pdf_writer::text_page(&lines)], pdf_writer::HELVETICA);
    let pdf_path = dir.join("regulation.pdf");
    std::fs::write(&pdf_path, &pdf).unwrap();
    let md_path = dir.join("notice.md");
    std::fs::write(&md_path, "# 关于数据安全的通知\n\n各地区要加强数据安全管理。\n").unwrap();

    let mut project = Project::init(&dir.join("p")).unwrap();
    let summary = import_paths(&mut project, &[pdf_path, md_path], &ImportOptions::default(), &mut |_| {});
    assert_eq!((summary.imported(), summary.failed()), (2, 0), "{:#?}", summary.files);
    let docs = project.documents(false).unwrap();
    let pdf_doc = docs
        .iter()
        .find(|d| project.source(d.id).unwrap().is_some_and(|s| s.format == Kind::Pdf.extension()))
        .unwrap_or_else(|| panic!("no document was recorded as read from a PDF: {docs:?}"))
        .id;
    let text = project.document(pdf_doc).unwrap().text;
    let byte = text.find("protect the data").expect("the PDF text lost its words");
    let start = text[..byte].chars().count() as i64;
    {
        let store = CodingStore::open(&project).unwrap();
        let code = store
            .upsert_code(&NewCode { path: "Security/Protection".into(), codable: true, ..Default::default() })
            .unwrap();
        store
            .add_coding(&NewCoding {
                doc_id: pdf_doc,
                code_id: code.id,
                start,
                end: start + "protect the data".chars().count() as i64,
                coder: "bob".into(),
                status: Status::Accepted,
                guid: None,
            })
            .unwrap();
    }
    (project, pdf, pdf_doc)
}

type CodingKey = (String, String, String, String);

/// Codings as (document text, coded span, code path, coder).
fn codings_of(project: &Project) -> BTreeSet<CodingKey> {
    let store = CodingStore::open(project).unwrap();
    store
        .codings(&CodingFilter::not_rejected())
        .unwrap()
        .into_iter()
        .map(|c| {
            let text = project.document(c.doc_id).unwrap().text;
            let span: String = text.chars().skip(c.start as usize).take((c.end - c.start) as usize).collect();
            (text, span, c.code_path, c.coder)
        })
        .collect()
}

fn entry_names(bytes: &[u8]) -> Vec<String> {
    let z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    z.file_names().map(|n| n.unwrap().into_owned()).collect()
}

#[test]
fn pdf_document_exports_as_pdf_source_with_text_representation() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, pdf, pdf_doc) = coded_pdf_project(tmp.path());
    let out = tmp.path().join("a.qdpx");
    export_project(&a, &out, &ExportOptions::default()).unwrap();
    let bytes = std::fs::read(&out).unwrap();

    // The PDF is in the archive byte for byte, under the PDFSource's path.
    let pdfs: Vec<String> = entry_names(&bytes)
        .into_iter()
        .filter(|n| n.starts_with("sources/") && n.ends_with(".pdf"))
        .collect();
    assert_eq!(pdfs.len(), 1, "{pdfs:?}");
    assert!(common::unzip_entry(&bytes, &pdfs[0]) == pdf, "the archived PDF differs from the imported file");
    let pdf_guid = pdfs[0].trim_start_matches("sources/").trim_end_matches(".pdf");

    // The representation's text is exactly the stored text.
    let stored = a.document(pdf_doc).unwrap().text;
    let (model, _) = policyscope_qdpx::read_qdpx_bytes(&bytes, Limits::default()).unwrap();
    let rep = model.sources.iter().find(|s| s.text == stored).expect("no source holds the PDF's stored text");
    assert_eq!(common::unzip_entry(&bytes, &format!("sources/{}.txt", rep.guid)), stored.as_bytes());
    assert_eq!(rep.selections.len(), 1);

    let qde = String::from_utf8(common::unzip_entry(&bytes, "project.qde")).unwrap();
    assert!(
        qde.contains(&format!("<PDFSource guid=\"{pdf_guid}\"")),
        "no PDFSource for the archived PDF:\n{qde}"
    );
    assert!(qde.contains(&format!("path=\"internal://{pdf_guid}.pdf\"")), "{qde}");
    assert!(
        qde.contains(&format!(
            "<Representation guid=\"{0}\" plainTextPath=\"internal://{0}.txt\">",
            rep.guid
        )),
        "{qde}"
    );
    // The Markdown document stays a TextSource.
    assert_eq!(qde.matches("<TextSource ").count(), 1, "{qde}");
    let qde_path = tmp.path().join("project.qde");
    std::fs::write(&qde_path, &qde).unwrap();
    common::xmllint(&qde_path, &common::schema("Project.xsd"));

    // The same project exported again gives the same bytes.
    let again = tmp.path().join("again.qdpx");
    export_project(&a, &again, &ExportOptions::default()).unwrap();
    assert!(bytes == std::fs::read(&again).unwrap(), "a second export differs from the first");

    // Importing it back gives the same texts and codings.
    let mut b = Project::init(&tmp.path().join("b")).unwrap();
    let imported = import_project(&mut b, &out).unwrap();
    assert_eq!((imported.documents_added, imported.documents_failed, imported.codings), (2, 0, 1));
    let texts = |p: &Project| -> BTreeSet<String> {
        p.documents(false).unwrap().iter().map(|d| p.document(d.id).unwrap().text).collect()
    };
    assert_eq!(texts(&a), texts(&b));
    assert_eq!(codings_of(&a), codings_of(&b));
}

#[test]
fn pdf_whose_original_is_gone_exports_as_text_with_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, _, pdf_doc) = coded_pdf_project(tmp.path());
    let source = a.source(pdf_doc).unwrap().expect("the PDF document has no source record");
    std::fs::remove_file(a.original_path(&source)).unwrap();
    let out = tmp.path().join("a.qdpx");
    let report = export_project(&a, &out, &ExportOptions::default()).unwrap();
    assert!(report.warnings.iter().any(|w| w.contains("original PDF")), "{report:?}");
    let bytes = std::fs::read(&out).unwrap();
    assert!(!entry_names(&bytes).iter().any(|n| n.ends_with(".pdf")));
    let qde = String::from_utf8(common::unzip_entry(&bytes, "project.qde")).unwrap();
    assert!(!qde.contains("<PDFSource") && qde.matches("<TextSource ").count() == 2, "{qde}");
    let qde_path = tmp.path().join("project.qde");
    std::fs::write(&qde_path, &qde).unwrap();
    common::xmllint(&qde_path, &common::schema("Project.xsd"));
}
