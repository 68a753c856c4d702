//! Hostile and broken input: clear errors or data-loss entries, nothing
//! written outside the project.

mod common;

use policyscope_corpus::Project;
use policyscope_qdpx::{import_model, read_qdc, read_qdpx_bytes, Error, Limits};

const G: &str = "d0000000-0000-4000-8000-0000000000";

fn qde(sources: &str, extra_codes: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="t" origin="Test">
  <CodeBook><Codes>
    <Code guid="{G}01" name="A" isCodable="true"/>{extra_codes}
  </Codes></CodeBook>
  <Sources>{sources}</Sources>
</Project>"#
    )
}

fn sel(guid: &str, start: i64, end: i64, code: &str) -> String {
    format!(
        r#"<PlainTextSelection guid="{G}{guid}" startPosition="{start}" endPosition="{end}"><Coding guid="e0000000-0000-4000-8000-0000000000{guid}"><CodeRef targetGUID="{G}{code}"/></Coding></PlainTextSelection>"#
    )
}

fn source(guid: &str, path: &str, selections: &str) -> String {
    format!(r#"<TextSource guid="{G}{guid}" name="s{guid}" plainTextPath="{path}">{selections}</TextSource>"#)
}

#[test]
fn zip_bombs_are_refused() {
    let zeros = vec![0u8; 4 * 1024 * 1024];
    let zip = common::zip_entries(&[("project.qde", qde("", "").as_bytes()), ("sources/x.txt", &zeros)]);
    assert!(zip.len() < 64 * 1024, "the test bomb should compress well");
    let limits = Limits { max_entry_bytes: 1024 * 1024, ..Limits::default() };
    assert!(matches!(read_qdpx_bytes(&zip, limits), Err(Error::TooLarge { .. })));
    let limits = Limits { max_total_bytes: 2 * 1024 * 1024, ..Limits::default() };
    assert!(matches!(read_qdpx_bytes(&zip, limits), Err(Error::TooLarge { .. })));
    let limits = Limits { max_entries: 1, ..Limits::default() };
    assert!(matches!(read_qdpx_bytes(&zip, limits), Err(Error::TooLarge { .. })));
}

#[test]
fn path_tricks_are_refused() {
    for name in ["../evil.txt", "sources/../../evil.txt", "/etc/cron.d/x", "C:/x.txt"] {
        let zip = common::zip_entries(&[("project.qde", qde("", "").as_bytes()), (name, b"x")]);
        match read_qdpx_bytes(&zip, Limits::default()) {
            Err(Error::UnsafeEntry(n)) => assert_eq!(n, name),
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
fn not_a_project() {
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (b"PK\x03\x04 not really a zip".to_vec(), "zip"),
        (common::zip_entries(&[("readme.txt", b"hello")]), "no qde"),
        (
            common::zip_entries(&[("a.qde", qde("", "").as_bytes()), ("b.qde", qde("", "").as_bytes())]),
            "two qde",
        ),
        (common::zip_entries(&[("project.qde", b"this is not XML <<<")]), "not xml"),
        (common::zip_entries(&[("project.qde", b"<html><body/></html>")]), "not qda"),
        (common::zip_entries(&[("project.qde", &[0xff, 0xfe, 0x00, 0xd8])]), "not text"),
    ];
    for (bytes, what) in cases {
        let err = read_qdpx_bytes(&bytes, Limits::default()).unwrap_err();
        let ok = match what {
            "zip" => matches!(err, Error::NotZip { .. }),
            "no qde" | "two qde" => matches!(err, Error::NoProjectFile(_)),
            "not qda" => matches!(err, Error::NotQdaXml { .. }),
            _ => matches!(err, Error::NotXml { .. }),
        };
        assert!(ok, "{what}: {err}");
        assert!(!err.to_string().is_empty());
    }
    assert!(matches!(
        read_qdc(b"<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"x\"/>"),
        Err(Error::NotQdaXml { .. })
    ));
    assert!(matches!(read_qdc(b"<CodeBook><Codes>"), Err(Error::NotXml { .. })));
}

#[test]
fn bad_references_become_loss_entries_and_nothing_escapes() {
    let text = "0123456789abcdefghij";
    let sources = [
        source(
            "a1",
            &format!("internal://{G}a1.txt"),
            &[
                sel("b1", 0, 5, "01"),   // fine
                sel("b2", 15, 25, "01"), // past the end
                sel("b3", 7, 7, "01"),   // empty
                sel("b4", 2, 6, "99"),   // unknown code
                sel("b1", 1, 3, "01"),   // duplicate selection GUID
                sel("b5", -1, 3, "01"),  // negative
            ]
            .concat(),
        ),
        source("a2", &format!("internal://{G}a2.txt"), &sel("b6", 0, 1, "01")), // file missing
        source("a3", "internal://../../escape.txt", ""),
        source("a4", "absolute:///etc/passwd", ""),
        source("a1", &format!("internal://{G}a1.txt"), ""), // duplicate source GUID
    ]
    .concat();
    let dup_code =
        format!(r#"<Code guid="{G}01" name="B" isCodable="true"/><Code name="NoGuid" isCodable="true"/>"#);
    let zip = common::zip_entries(&[
        ("project.qde", qde(&sources, &dup_code).as_bytes()),
        (&format!("sources/{G}a1.txt"), text.as_bytes()),
    ]);
    let (model, report) = read_qdpx_bytes(&zip, Limits::default()).unwrap();
    let lost =
        |needle: &str| report.lost.iter().any(|l| format!("{}: {}", l.what, l.reason).contains(needle));
    for needle in [
        "outside the text",
        "missing code",
        "duplicate GUID",
        "missing from the archive",
        "unsafe source path",
        "external file",
        "no GUID",
        "Code \"B\"",
    ] {
        assert!(lost(needle), "no loss entry with {needle:?}:\n{report}");
    }
    assert_eq!(model.sources.len(), 1);
    assert_eq!(model.sources[0].selections.len(), 2, "b1 and b4 (whose coding is dropped)");

    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("p");
    let mut project = Project::init(&dir).unwrap();
    let r = import_model(&mut project, &model, report, "../../bad name").unwrap();
    assert_eq!(r.codings, 1);
    // Only the project folder exists in the temporary directory.
    let entries: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(entries, vec![std::ffi::OsString::from("p")]);
    let kept: Vec<String> = std::fs::read_dir(dir.join("imported"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(kept, vec!["______bad_name".to_string()]);
}
