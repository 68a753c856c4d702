//! Text with page numbers from the formats policy documents are published in:
//! PDF, Word (`.docx`, `.doc`) and OFD (GB/T 33190-2016).
//!
//! [`extract`] takes a file's bytes and its [`Kind`] and returns an
//! [`Extracted`] document: the text users will see, the code-point span each
//! page covers ([`PageSpan`]), and the [`Extractor`] (name and version) that
//! produced it, so a later extractor can re-extract and show what changed.
//! Nothing here touches a database.
//!
//! Paged formats (PDF, OFD) go through one layout stage
//! ([`layout`]): lines in reading order, running headers, footers and page
//! numbers dropped (the same line at the same place on most pages), wrapped
//! lines joined the Chinese way (no space between Han characters, English
//! hyphenation repaired), paragraph breaks kept.
//!
//! Choice of readers, and why:
//! - **PDF**: poppler's `pdftotext -bbox-layout` (Debian `poppler-utils`) run
//!   as a subprocess with a time limit, an output cap and a memory limit. It
//!   decodes CID fonts through their ToUnicode maps and gives lines with
//!   positions per page, which our own layout code turns into paragraphs.
//!   On the 20 test fixtures (LibreOffice PDFs with running headers and page
//!   numbers) the result matches the source text with a mean character
//!   similarity of 1.000, against 0.989 for `pdftotext`'s own plain output
//!   (`tests/formats.rs`). The pure-Rust candidates were worse on Chinese
//!   when tried on a CID-font PDF: `pdf-extract` 0.12 panics, `lopdf` 0.47
//!   appends a garbage line, `pdf_oxide` 0.3 reads it but brings a large
//!   dependency tree (a debug build of it alone did not finish in 15 minutes
//!   on a 2-core machine) and gives no line boxes to find headers with.
//! - **DOCX** and **OFD**: both are zip + XML, read with `zip` and a
//!   depth-bounded streaming `quick-xml` reader (both already in the
//!   workspace); entries are size-capped and their names checked.
//! - **DOC** (Word 97–2003): no maintained pure-Rust reader exists; LibreOffice
//!   headless converts it to DOCX (`libreoffice-writer-nogui`). A `.doc` that
//!   is really HTML, RTF, DOCX or PDF is recognised by its first bytes
//!   ([`sniff`]).
//! - **OCR** (PDFs without a text layer, only when asked): `pdftoppm` renders
//!   pages, `tesseract` with `chi_sim` reads them.
//!
//! Every reader runs under [`Limits`] (bytes, pages, XML depth, time); a
//! panic inside a reader is caught and reported as an error of that file.
//!
//! ```no_run
//! use policyscope_extract::{extract, Kind, Options};
//! let bytes = std::fs::read("notice.ofd").unwrap();
//! let doc = extract(&bytes, Kind::Ofd, &Options::default()).unwrap();
//! for page in &doc.pages {
//!     println!("p. {}: code points {}..{}", page.page, page.start, page.end);
//! }
//! ```
#![deny(missing_docs)]

mod archive;
mod doc;
mod docx;
mod error;
pub mod layout;
mod ocr;
mod ofd;
mod pdf;
mod quality;
mod tool;
mod xml;

use std::time::{Duration, Instant};

pub use archive::unsafe_name;
pub use error::{Error, Result};
pub use ocr::ready as ocr_ready;
pub use tool::{find_tool, Tool};

/// The formats this crate reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// PDF with a text layer (or OCR when asked).
    Pdf,
    /// Word 2007+ (Office Open XML).
    Docx,
    /// Word 97–2003 (OLE compound file), or HTML/RTF saved as `.doc`.
    Doc,
    /// OFD, the Chinese fixed-layout format (GB/T 33190-2016).
    Ofd,
}

impl Kind {
    /// The kind for a file extension, if this crate reads it.
    pub fn from_extension(ext: &str) -> Option<Kind> {
        match ext.to_ascii_lowercase().as_str() {
            "pdf" => Some(Kind::Pdf),
            "docx" => Some(Kind::Docx),
            "doc" => Some(Kind::Doc),
            "ofd" => Some(Kind::Ofd),
            _ => None,
        }
    }

    /// The usual extension (no dot), used to name stored originals.
    pub fn extension(self) -> &'static str {
        match self {
            Kind::Pdf => "pdf",
            Kind::Docx => "docx",
            Kind::Doc => "doc",
            Kind::Ofd => "ofd",
        }
    }
}

/// What a file's first bytes say it is, whatever its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// One of the formats this crate reads.
    Binary(Kind),
    /// HTML (government sites often serve it as `.doc`).
    Html,
    /// Rich Text Format.
    Rtf,
    /// Nothing recognisable.
    Unknown,
}

/// Recognises a file by its first bytes (zip files by their entries).
pub fn sniff(bytes: &[u8]) -> Sniffed {
    doc::sniff(bytes)
}

/// The span of text one page covers, in code points of [`Extracted::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageSpan {
    /// Page number, from 1.
    pub page: u32,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

/// Which reader produced a text, so a later version can re-extract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extractor {
    /// Reader name, e.g. `pdftotext` or `policyscope-docx`.
    pub name: String,
    /// Reader version: this crate's version, plus the tool's when one ran.
    pub version: String,
}

/// A document's text as extracted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    /// The text users will see (paragraphs separated by blank lines).
    pub text: String,
    /// Pages in order; empty for formats without pages (DOCX).
    pub pages: Vec<PageSpan>,
    /// A title the file states (a Title or first Heading 1 paragraph).
    pub title: Option<String>,
    /// The reader used.
    pub extractor: Extractor,
    /// Whether the text was read from page images by OCR.
    pub ocr: bool,
    /// Things worth knowing that did not stop extraction.
    pub warnings: Vec<String>,
}

/// Caps that keep one file from taking the machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest entry of a zip container (DOCX, OFD), uncompressed.
    pub max_entry_bytes: u64,
    /// Largest sum of entries read from one container.
    pub max_total_bytes: u64,
    /// Most pages read from one document.
    pub max_pages: u32,
    /// Deepest XML nesting accepted.
    pub max_xml_depth: usize,
    /// Wall-clock time for one file (tools included).
    pub time: Duration,
    /// Most bytes an external tool may print.
    pub max_tool_output: u64,
    /// Address-space limit for external tools, in bytes.
    pub max_tool_memory: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_entry_bytes: 128 * 1024 * 1024,
            max_total_bytes: 512 * 1024 * 1024,
            max_pages: 5_000,
            max_xml_depth: 256,
            time: Duration::from_secs(300),
            max_tool_output: 512 * 1024 * 1024,
            max_tool_memory: 4 * 1024 * 1024 * 1024,
        }
    }
}

/// How to extract.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// OCR the pages of a PDF that has no text layer (needs `tesseract`).
    pub ocr: bool,
    /// Resource caps.
    pub limits: Limits,
}

/// A point in time after which a reader gives up.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Deadline {
    at: Instant,
    budget: Duration,
}

impl Deadline {
    pub(crate) fn after(budget: Duration) -> Deadline {
        Deadline { at: Instant::now() + budget, budget }
    }

    /// Time left, or the timeout error.
    pub(crate) fn remaining(&self) -> Result<Duration> {
        self.at.checked_duration_since(Instant::now()).ok_or(Error::TimedOut(self.budget))
    }

    pub(crate) fn check(&self) -> Result<()> {
        self.remaining().map(|_| ())
    }
}

/// This crate's version, part of every [`Extractor::version`].
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Extracts text and page spans from a file's bytes.
///
/// A panic inside a reader (a bug, or a dependency meeting input it did not
/// expect) is caught and returned as [`Error::Internal`], so one bad file
/// never ends a batch.
pub fn extract(bytes: &[u8], kind: Kind, options: &Options) -> Result<Extracted> {
    let deadline = Deadline::after(options.limits.time);
    let run = std::panic::catch_unwind(|| match kind {
        Kind::Pdf => pdf::extract(bytes, options, deadline),
        Kind::Docx => docx::extract(bytes, &options.limits, deadline),
        Kind::Doc => doc::extract(bytes, options, deadline),
        Kind::Ofd => ofd::extract(bytes, &options.limits, deadline),
    });
    match run {
        Ok(result) => result,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(Error::Internal(what))
        }
    }
}
