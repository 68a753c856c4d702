//! Word 97–2003 (`.doc`) and what hides behind that extension. Government
//! sites often serve HTML or RTF saved as `.doc`; the first bytes tell
//! ([`sniff`]). Real `.doc` (an OLE compound file) and RTF are converted to
//! DOCX by LibreOffice headless — no maintained pure-Rust `.doc` reader
//! exists — and read by the DOCX reader.

use std::ffi::OsStr;
use std::io::Cursor;

use crate::tool::{self, Tool};
use crate::{docx, pdf, Deadline, Error, Extracted, Kind, Options, Result, Sniffed};

const FORMAT: &str = "DOC";
const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Recognises a file by its first bytes.
pub(crate) fn sniff(bytes: &[u8]) -> Sniffed {
    let trimmed = bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(bytes);
    let start = trimmed.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(trimmed.len());
    let trimmed = &trimmed[start..];
    if trimmed.starts_with(b"{\\rtf") {
        return Sniffed::Rtf;
    }
    if bytes.starts_with(b"%PDF") {
        return Sniffed::Binary(Kind::Pdf);
    }
    if bytes.starts_with(OLE) {
        return Sniffed::Binary(Kind::Doc);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        if let Ok(zip) = zip::ZipArchive::new(Cursor::new(bytes)) {
            let names: Vec<String> =
                zip.file_names().filter_map(|n| n.ok().map(|n| n.into_owned())).collect();
            if names.iter().any(|n| n == "word/document.xml") {
                return Sniffed::Binary(Kind::Docx);
            }
            if names.iter().any(|n| n == "OFD.xml") {
                return Sniffed::Binary(Kind::Ofd);
            }
        }
        return Sniffed::Unknown;
    }
    let head = String::from_utf8_lossy(&trimmed[..trimmed.len().min(2048)]).to_ascii_lowercase();
    let markup = ["<html", "<!doctype html", "<body", "<head", "<meta", "<div", "<p>", "<table"];
    if head.starts_with('<') && markup.iter().any(|m| head.contains(m)) {
        return Sniffed::Html;
    }
    Sniffed::Unknown
}

/// Reads a `.doc` file by what it really is.
pub(crate) fn extract(bytes: &[u8], options: &Options, deadline: Deadline) -> Result<Extracted> {
    match sniff(bytes) {
        Sniffed::Binary(Kind::Docx) => docx::extract(bytes, &options.limits, deadline),
        Sniffed::Binary(Kind::Pdf) => pdf::extract(bytes, options, deadline),
        Sniffed::Binary(Kind::Ofd) => crate::ofd::extract(bytes, &options.limits, deadline),
        Sniffed::Binary(Kind::Doc) => convert(bytes, "doc", options, deadline),
        Sniffed::Rtf => convert(bytes, "rtf", options, deadline),
        Sniffed::Html => Err(Error::corrupt(FORMAT, "the file is HTML saved as .doc; read it as HTML")),
        Sniffed::Unknown => Err(Error::corrupt(FORMAT, "neither Word 97-2003, DOCX, RTF nor HTML")),
    }
}

/// Converts with LibreOffice headless (its own throw-away profile, so runs
/// in parallel do not collide) and reads the DOCX it writes.
fn convert(bytes: &[u8], ext: &str, options: &Options, deadline: Deadline) -> Result<Extracted> {
    let dir = tempfile::tempdir()?;
    let input = dir.path().join(format!("in.{ext}"));
    std::fs::write(&input, bytes)?;
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("profile").display());
    let outdir = dir.path().join("out");
    let args: [&OsStr; 10] = [
        OsStr::new("--headless"),
        OsStr::new("--norestore"),
        OsStr::new("--nologo"),
        OsStr::new("--nolockcheck"),
        OsStr::new(&profile),
        OsStr::new("--convert-to"),
        OsStr::new("docx:MS Word 2007 XML"),
        OsStr::new("--outdir"),
        outdir.as_os_str(),
        input.as_os_str(),
    ];
    tool::run(&Tool::SOFFICE, &args, &options.limits, deadline, false)?;
    let converted = std::fs::read(outdir.join("in.docx"))
        .map_err(|_| Error::corrupt(FORMAT, "LibreOffice could not read the file"))?;
    let mut doc = docx::extract(&converted, &options.limits, deadline)?;
    static VERSION: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let office = VERSION.get_or_init(|| tool::version(&Tool::SOFFICE, "--version"));
    doc.extractor.name = "soffice+policyscope-docx".into();
    doc.extractor.version = format!("{} ({office})", crate::VERSION);
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_and_rtf_saved_as_doc_are_recognised() {
        assert_eq!(sniff(b"\xEF\xBB\xBF  <html><body>x</body></html>"), Sniffed::Html);
        assert_eq!(sniff(b"<!DOCTYPE html><p>x"), Sniffed::Html);
        assert_eq!(sniff(b"{\\rtf1\\ansi x}"), Sniffed::Rtf);
        assert_eq!(sniff(OLE), Sniffed::Binary(Kind::Doc));
        assert_eq!(sniff(b"%PDF-1.7"), Sniffed::Binary(Kind::Pdf));
        assert_eq!(sniff(b"plain words"), Sniffed::Unknown);
    }

    #[test]
    fn unrecognised_doc_bytes_are_a_clear_error() {
        let e =
            extract(b"plain words", &Options::default(), Deadline::after(std::time::Duration::from_secs(5)));
        assert!(matches!(e, Err(Error::Corrupt { format: "DOC", .. })), "{e:?}");
    }
}
