//! OCR of a PDF's pages, when asked: `pdftoppm` renders each page at
//! 300 dpi, `tesseract` reads it with Simplified Chinese (`chi_sim`) and
//! English. Each page's lines are joined the Chinese way; the result is
//! marked as OCR so users know its characters were recognised, not read.

use std::ffi::OsStr;
use std::path::Path;

use crate::layout::join_wrapped;
use crate::tool::{self, Tool};
use crate::{Deadline, Error, Extracted, Extractor, Options, PageSpan, Result};

/// Whether tesseract has the Simplified Chinese model.
fn has_chinese(limits: &crate::Limits, deadline: Deadline) -> Result<bool> {
    let out = tool::run(&Tool::TESSERACT, &[OsStr::new("--list-langs")], limits, deadline, true)?;
    Ok(String::from_utf8_lossy(&out).lines().any(|l| l.trim() == "chi_sim"))
}

/// Whether OCR can run here: `pdftoppm`, `tesseract` and its Chinese data;
/// the error names what to install.
pub fn ready(limits: &crate::Limits) -> Result<()> {
    Tool::PDFTOPPM.locate()?;
    Tool::TESSERACT.locate()?;
    if !has_chinese(limits, Deadline::after(std::time::Duration::from_secs(30)))? {
        return Err(Error::ToolMissing {
            what: "Chinese scans (OCR)",
            tool: "tesseract chi_sim",
            package: "tesseract-ocr-chi-sim",
        });
    }
    Ok(())
}

/// OCRs `pages` pages of the PDF at `pdf`.
pub(crate) fn extract(pdf: &Path, pages: usize, options: &Options, deadline: Deadline) -> Result<Extracted> {
    let limits = &options.limits;
    ready(limits)?;
    let dir = tempfile::tempdir()?;
    let mut text = String::new();
    let mut spans = Vec::with_capacity(pages);
    for page in 1..=pages {
        deadline.check()?;
        let n = page.to_string();
        let prefix = dir.path().join("page");
        let args: [&OsStr; 11] = [
            OsStr::new("-r"),
            OsStr::new("300"),
            OsStr::new("-gray"),
            OsStr::new("-png"),
            OsStr::new("-singlefile"),
            OsStr::new("-f"),
            OsStr::new(&n),
            OsStr::new("-l"),
            OsStr::new(&n),
            pdf.as_os_str(),
            prefix.as_os_str(),
        ];
        tool::run(&Tool::PDFTOPPM, &args, limits, deadline, true)?;
        let image = dir.path().join("page.png");
        let read = [image.as_os_str(), OsStr::new("-"), OsStr::new("-l"), OsStr::new("chi_sim+eng")];
        let out = tool::run(&Tool::TESSERACT, &read, limits, deadline, true)?;
        let _ = std::fs::remove_file(&image);
        let page_text = paragraphs(&String::from_utf8_lossy(&out));
        if !text.is_empty() && !page_text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.chars().count();
        text.push_str(&page_text);
        spans.push(PageSpan { page: page as u32, start, end: text.chars().count() });
    }
    if text.trim().is_empty() {
        return Err(Error::NoTextLayer);
    }
    let version = tool::version(&Tool::TESSERACT, "--version");
    Ok(Extracted {
        text,
        pages: spans,
        title: None,
        extractor: Extractor { name: "tesseract".into(), version: format!("{} ({version})", crate::VERSION) },
        ocr: true,
        warnings: vec!["text read by OCR (tesseract chi_sim): check it against the page images".into()],
    })
}

/// Tesseract separates paragraphs by blank lines and wraps lines within them.
fn paragraphs(ocr: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut para = String::new();
    for line in ocr.lines().map(str::trim) {
        if line.is_empty() {
            if !para.is_empty() {
                out.push(std::mem::take(&mut para));
            }
        } else {
            join_wrapped(&mut para, line);
        }
    }
    if !para.is_empty() {
        out.push(para);
    }
    out.join("\n\n")
}
