//! Archive limits that agree with the document import, no orphan copies in
//! the project, and source files decoded by the shared detector.

mod common;

use policyscope_corpus::import::DEFAULT_MAX_FILE_BYTES;
use policyscope_corpus::Project;
use policyscope_qdpx::{import_project_with, read_qdpx_bytes, Error, Limits};

const G: &str = "d0000000-0000-4000-8000-0000000000";

fn qde(sources: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="t" origin="Test">
  <CodeBook><Codes><Code guid="{G}01" name="A" isCodable="true"/></Codes></CodeBook>
  <Sources>{sources}</Sources>
</Project>"#
    )
}

fn source(guid: &str) -> String {
    format!(r#"<TextSource guid="{G}{guid}" name="s{guid}" plainTextPath="internal://{G}{guid}.txt"/>"#)
}

fn source_file(guid: &str) -> String {
    format!("sources/{G}{guid}.txt")
}

#[test]
fn archive_limits_agree_with_the_import_file_size_limit() {
    assert_eq!(Limits::default(), Limits::for_max_file(DEFAULT_MAX_FILE_BYTES));
    let limits = Limits::for_max_file(5 * 1024 * 1024);
    assert_eq!(limits.max_entry_bytes, 5 * 1024 * 1024);
    assert!(limits.max_total_bytes >= limits.max_entry_bytes);
}

#[test]
fn oversized_entry_is_refused_by_its_declared_size_before_decompressing() {
    let big = "第一条 为了规范标准化工作。\n".repeat(80_000); // about 3 MB
    let name = source_file("a1");
    let mut zip =
        common::zip_entries(&[(&name, big.as_bytes()), ("project.qde", qde(&source("a1")).as_bytes())]);
    // Break the compressed data of the first entry: reading it would fail
    // with a decompression error, so a size error proves it was not read.
    let header = |at: usize| u16::from_le_bytes([zip[at], zip[at + 1]]) as usize;
    let data = 30 + header(26) + header(28);
    zip[data..data + 16].fill(0xFF);
    match read_qdpx_bytes(&zip, Limits::for_max_file(1024 * 1024)) {
        Err(Error::TooLarge { what, size, limit }) => {
            assert_eq!((what.as_str(), size, limit), (name.as_str(), big.len() as u64, 1024 * 1024));
        }
        other => panic!("expected a size refusal, got {other:?}"),
    }
    // Under a limit it passes, the entry is read, and the damage shows.
    let err = read_qdpx_bytes(&zip, Limits::for_max_file(8 * 1024 * 1024)).err();
    assert!(err.is_some() && !matches!(err, Some(Error::TooLarge { .. })), "{err:?}");
}

#[test]
fn refused_archive_leaves_no_file_and_failed_sources_leave_no_orphan() {
    let tmp = tempfile::tempdir().unwrap();
    let mut project = Project::init(&tmp.path().join("p")).unwrap();
    // Too large for the limit: refused whole, nothing written.
    let big = "条".repeat(1024 * 1024);
    let zip = common::zip_entries(&[
        ("project.qde", qde(&source("a1")).as_bytes()),
        (&source_file("a1"), big.as_bytes()),
    ]);
    let file = tmp.path().join("big.qdpx");
    std::fs::write(&file, &zip).unwrap();
    let err = import_project_with(&mut project, &file, Limits::for_max_file(1024 * 1024)).err();
    assert!(matches!(err, Some(Error::TooLarge { .. })), "{err:?}");
    assert!(!project.artefact_dir("imported").join("big").exists(), "a refused archive wrote files");

    // One good source, one that is only whitespace: the good one is kept,
    // the other is reported and its copy removed.
    let zip = common::zip_entries(&[
        ("project.qde", qde(&[source("b1"), source("b2")].concat()).as_bytes()),
        (&source_file("b1"), "关于标准化工作的通知\n第一条 正文。".as_bytes()),
        (&source_file("b2"), b"   \n  "),
    ]);
    let file = tmp.path().join("mixed.qdpx");
    std::fs::write(&file, &zip).unwrap();
    let report = import_project_with(&mut project, &file, Limits::default()).unwrap();
    assert_eq!((report.documents_added, report.documents_failed), (1, 1), "{:?}", report.report);
    assert!(report.report.lost.iter().any(|l| l.what.contains("sb2") && l.reason.contains("empty")));
    let kept: Vec<String> = std::fs::read_dir(project.artefact_dir("imported").join("mixed"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(kept, vec![format!("{G}b1.txt")]);
}

#[test]
fn utf16_source_with_bom_is_decoded_and_its_encoding_reported() {
    let text = "国务院关于印发标准化发展纲要的通知\n第一条";
    let bytes: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let zip =
        common::zip_entries(&[("project.qde", qde(&source("c1")).as_bytes()), (&source_file("c1"), &bytes)]);
    let (model, report) = read_qdpx_bytes(&zip, Limits::default()).unwrap();
    assert_eq!(model.sources[0].text, text);
    assert!(report.warnings.iter().any(|w| w.contains("decoded from UTF-16LE")), "{report}");
}

#[test]
fn undecodable_source_says_what_was_found() {
    // A UTF-16LE byte-order mark, then an unpaired high surrogate.
    let bytes = [0xFF, 0xFE, 0x41, 0x00, 0x00, 0xD8, 0x42, 0x00];
    let zip =
        common::zip_entries(&[("project.qde", qde(&source("d1")).as_bytes()), (&source_file("d1"), &bytes)]);
    let (model, report) = read_qdpx_bytes(&zip, Limits::default()).unwrap();
    assert!(model.sources.is_empty());
    let why = report.lost.iter().map(|l| l.reason.as_str()).collect::<Vec<_>>().join("; ");
    assert!(why.contains("byte-order mark says UTF-16LE") && why.contains("near byte 4"), "{why}");
}
