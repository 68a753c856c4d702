//! PDF through poppler's `pdftotext -bbox-layout`: lines with their boxes,
//! page by page, in poppler's reading order (flows, then blocks), read by
//! the shared layout stage. A PDF without a text layer is refused (or read
//! by OCR when asked); one whose text decodes to garbage is refused.

use std::ffi::OsStr;
use std::io::Write;
use std::sync::OnceLock;

use crate::layout::{self, is_cjk, Line, Page};
use crate::tool::{self, Tool};
use crate::xml::{walk, Step};
use crate::{ocr, quality, Deadline, Error, Extracted, Extractor, Options, Result};

const FORMAT: &str = "PDF";

/// The extractor record for texts read by `pdftotext`.
fn extractor() -> Extractor {
    static VERSION: OnceLock<String> = OnceLock::new();
    let tool = VERSION.get_or_init(|| tool::version(&Tool::PDFTOTEXT, "-v"));
    Extractor { name: "pdftotext".into(), version: format!("{} ({tool})", crate::VERSION) }
}

/// Reads a PDF.
pub(crate) fn extract(bytes: &[u8], options: &Options, deadline: Deadline) -> Result<Extracted> {
    if !bytes.starts_with(b"%PDF") && !bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return Err(Error::corrupt(FORMAT, "no %PDF header"));
    }
    let mut file = tempfile::Builder::new().suffix(".pdf").tempfile()?;
    file.write_all(bytes)?;
    file.flush()?;
    let limits = &options.limits;
    let last = (limits.max_pages.saturating_add(1)).to_string();
    let args: [&OsStr; 7] = [
        OsStr::new("-bbox-layout"),
        OsStr::new("-enc"),
        OsStr::new("UTF-8"),
        OsStr::new("-l"),
        OsStr::new(&last),
        file.path().as_os_str(),
        OsStr::new("-"),
    ];
    let out = tool::run(&Tool::PDFTOTEXT, &args, limits, deadline, true).map_err(classify)?;
    let pages = parse_bbox(&out, limits.max_xml_depth, deadline)?;
    if pages.len() > limits.max_pages as usize {
        return Err(Error::TooLarge {
            what: "page count".into(),
            size: pages.len() as u64,
            limit: limits.max_pages.into(),
        });
    }
    let (text, spans) = layout::assemble(&pages);
    let unreadable = quality::gibberish(&text);
    if quality::no_text(&text, pages.len()) || unreadable.is_some() {
        if options.ocr {
            return ocr::extract(file.path(), pages.len(), options, deadline);
        }
        return Err(match unreadable {
            Some(why) => Error::Gibberish(why),
            None => Error::NoTextLayer,
        });
    }
    Ok(Extracted {
        text,
        pages: spans,
        title: None,
        extractor: extractor(),
        ocr: false,
        warnings: Vec::new(),
    })
}

/// Turns poppler's complaints into the errors users can act on.
fn classify(e: Error) -> Error {
    match e {
        Error::ToolFailed { message, .. } if message.to_lowercase().contains("password") => Error::Encrypted,
        Error::ToolFailed { message, .. } => Error::corrupt(FORMAT, message),
        other => other,
    }
}

fn num(t: &crate::xml::Tag, k: &str) -> f32 {
    t.attr(k).and_then(|v| v.parse().ok()).unwrap_or(0.0)
}

/// Parses `-bbox-layout` XHTML into pages of lines; words of a line are
/// joined with a space only where there is a gap between them.
pub(crate) fn parse_bbox(xhtml: &[u8], max_depth: usize, deadline: Deadline) -> Result<Vec<Page>> {
    let mut pages: Vec<Page> = Vec::new();
    let mut line: Option<Line> = None;
    let mut word: Option<(f32, f32, String)> = None; // x0, x1, text
    let mut last_x1: Option<f32> = None;
    walk(xhtml, FORMAT, max_depth, deadline, |s| {
        match s {
            Step::Open(t) if t.name == "page" => {
                pages.push(Page { width: num(t, "width"), height: num(t, "height"), lines: Vec::new() })
            }
            Step::Open(t) if t.name == "line" => {
                line = Some(Line {
                    x0: num(t, "xMin"),
                    y0: num(t, "yMin"),
                    x1: num(t, "xMax"),
                    y1: num(t, "yMax"),
                    text: String::new(),
                });
                last_x1 = None;
            }
            Step::Open(t) if t.name == "word" => word = Some((num(t, "xMin"), num(t, "xMax"), String::new())),
            Step::Text(text) => {
                if let Some((_, _, w)) = word.as_mut() {
                    w.push_str(text);
                }
            }
            Step::Close("word") => {
                if let (Some((x0, x1, w)), Some(l)) = (word.take(), line.as_mut()) {
                    // Word processors put a little space between Chinese and
                    // Latin runs ("2011 年") that is no space in the text; a
                    // typed space is wider. Between Latin words any gap is one.
                    let height = (l.y1 - l.y0).max(0.1);
                    let cjk =
                        l.text.chars().last().is_some_and(is_cjk) || w.chars().next().is_some_and(is_cjk);
                    let min_gap = if cjk { 0.2 } else { 0.1 } * height;
                    if last_x1.is_some_and(|prev| x0 - prev > min_gap) {
                        l.text.push(' ');
                    }
                    l.text.push_str(&w);
                    last_x1 = Some(x1);
                }
            }
            Step::Close("line") => {
                if let (Some(l), Some(p)) = (line.take(), pages.last_mut()) {
                    p.lines.push(l);
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bbox_words_become_spaced_lines() {
        let xhtml = r#"<html><body><doc><page width="600" height="800"><flow><block>
            <line xMin="50" yMin="50" xMax="300" yMax="63"><word xMin="50" yMin="50" xMax="86" yMax="63">第一条</word>
            <word xMin="92" yMin="50" xMax="300" yMax="63">为了规范</word></line></block></flow></page>
            <page width="600" height="800"></page></doc></body></html>"#;
        let pages = parse_bbox(xhtml.as_bytes(), 64, Deadline::after(std::time::Duration::from_secs(5)));
        let pages = pages.map_err(|e| e.to_string());
        assert_eq!(pages.as_ref().map(|p| p.len()), Ok(2));
        assert_eq!(pages.map(|p| p[0].lines[0].text.clone()), Ok("第一条 为了规范".to_string()));
    }

    #[test]
    fn bytes_that_are_not_pdf_are_refused_before_any_tool_runs() {
        let e = extract(b"hello", &Options::default(), Deadline::after(std::time::Duration::from_secs(5)));
        assert!(matches!(e, Err(Error::Corrupt { format: "PDF", .. })), "{e:?}");
    }
}
