//! Published formats from the command line: `docs show` by page, `p. N` in
//! search snippets, `docs reextract`, and `import --ocr` where it cannot work.

mod common;
#[path = "../../extract/tests/common/fixtures.rs"]
#[allow(dead_code)]
mod fixtures;

use common::{json, policyscope};

#[test]
fn a_pdf_is_shown_page_by_page_and_searched_with_page_numbers() {
    let fx = fixtures::fixtures();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("proj");
    let pdf = dir.path().join("口岸.pdf");
    std::fs::copy(fx.join("fx01.pdf"), &pdf).unwrap();
    let summary = json(policyscope(&p).args(["import", "--init"]).arg(&pdf));
    assert_eq!((summary["imported"].as_i64(), summary["failed"].as_i64()), (Some(1), Some(0)), "{summary}");

    let doc = json(policyscope(&p).args(["docs", "show", "1"]));
    let pages = doc["pages"].as_array().expect("pages in JSON");
    assert!(pages.len() >= 2, "{pages:?}");
    assert_eq!(doc["source"]["format"], "pdf");
    assert_eq!(doc["source"]["extractor"], "pdftotext");

    let shown = policyscope(&p).args(["docs", "show", "1"]).output().unwrap();
    let shown = String::from_utf8_lossy(&shown.stdout);
    for marker in ["[p. 1]\n", "[p. 2]\n", "original:  originals/"] {
        assert!(shown.contains(marker), "`{marker}` missing from docs show:\n{shown}");
    }

    let found = policyscope(&p).args(["search", "口岸开放"]).output().unwrap();
    let found = String::from_utf8_lossy(&found.stdout);
    assert!(found.contains("p. 1  …"), "search snippets name their page:\n{found}");

    let dry = policyscope(&p).args(["docs", "reextract", "--dry-run"]).output().unwrap();
    assert!(dry.status.success(), "{}", String::from_utf8_lossy(&dry.stderr));
    assert!(String::from_utf8_lossy(&dry.stdout).contains("same text"));
}

#[test]
fn ocr_without_tesseract_says_what_to_install() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("proj");
    let file = dir.path().join("a.md");
    std::fs::write(&file, "# 标题\n\n正文。").unwrap();
    // A PATH with no tools on it: only the message can be checked, not OCR itself.
    let out = policyscope(&p)
        .args(["import", "--init", "--ocr"])
        .arg(&file)
        .env("PATH", dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("apt-get install") && err.contains("poppler-utils"), "{err}");
}
