//! Published formats (PDF, Word, OFD) in the import pipeline: bytes go to
//! `policyscope-extract`, which gives text, page spans and the reader used;
//! the original file is kept in the project under its content hash, so a
//! later reader can re-extract it. Text formats are decoded as before; a
//! `.doc` that is really HTML is read as HTML.

use policyscope_extract::{Kind, Sniffed};

use super::read::{self, Format};
use crate::{DocumentPage, DocumentSource, Project, Result, ORIGINALS_DIR};

/// What a published file adds to its document.
#[derive(Debug, Clone)]
pub(crate) struct Published {
    /// Page spans (empty for formats without pages).
    pub(crate) pages: Vec<DocumentPage>,
    /// The reader and the name of the kept original.
    pub(crate) source: DocumentSource,
    /// The file's bytes, to keep.
    pub(crate) original: Vec<u8>,
}

/// A file's text, whichever its format.
pub(super) struct Text {
    /// Text and stated title.
    pub(super) extracted: read::Extracted,
    /// The encoding decoded from, or the published format's name.
    pub(super) encoding: String,
    /// Pages and source, for published formats.
    pub(super) published: Option<Published>,
}

/// Reads a file's bytes as `format`; errors are messages for the user.
pub(super) fn read(
    bytes: Vec<u8>,
    format: Format,
    file_hash: &str,
    options: &policyscope_extract::Options,
    warnings: &mut Vec<String>,
) -> std::result::Result<Text, String> {
    let kind = match format {
        Format::Published(kind) => kind,
        text => return decode(bytes, text),
    };
    if kind == Kind::Doc && policyscope_extract::sniff(&bytes) == Sniffed::Html {
        warnings.push("the .doc file is HTML; read as HTML".to_string());
        return decode(bytes, Format::Html);
    }
    let x = policyscope_extract::extract(&bytes, kind, options).map_err(|e| e.to_string())?;
    warnings.extend(x.warnings);
    let pages = x
        .pages
        .iter()
        .map(|p| DocumentPage { page: p.page, start: p.start as i64, end: p.end as i64 })
        .collect();
    let source = DocumentSource {
        original: format!("{file_hash}.{}", kind.extension()),
        format: kind.extension().to_string(),
        extractor: x.extractor.name,
        extractor_version: x.extractor.version,
        ocr: x.ocr,
    };
    Ok(Text {
        extracted: read::Extracted { text: x.text, title: x.title },
        encoding: kind.extension().to_ascii_uppercase(),
        published: Some(Published { pages, source, original: bytes }),
    })
}

/// Owned bytes: UTF-8 becomes the text without a second copy.
fn decode(bytes: Vec<u8>, format: Format) -> std::result::Result<Text, String> {
    let decoded = policyscope_text::encoding::decode_owned(bytes).map_err(|e| e.to_string())?;
    Ok(Text { extracted: read::extract(format, decoded.text)?, encoding: decoded.encoding, published: None })
}

/// Keeps the original file under `originals/`; content-addressed, so a file
/// already kept is not written again, and a half-written one never shows
/// (written beside, then renamed).
pub(super) fn keep_original(project: &Project, published: &Published) -> Result<()> {
    let dir = project.artefact_dir(ORIGINALS_DIR);
    let path = dir.join(&published.source.original);
    if path.is_file() {
        return Ok(());
    }
    std::fs::create_dir_all(&dir).map_err(|e| crate::Error::io(&dir, e))?;
    let partial = dir.join(format!(".{}.partial", published.source.original));
    std::fs::write(&partial, &published.original).map_err(|e| crate::Error::io(&partial, e))?;
    std::fs::rename(&partial, &path).map_err(|e| crate::Error::io(&path, e))
}
