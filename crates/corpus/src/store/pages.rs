//! Pages and sources of documents read from published formats (PDF, Word,
//! OFD): the code-point span of each page, the original file kept in the
//! project, and the reader that made the text.

use policyscope_store::{params, OptionalExtension, Transaction};
use serde::Serialize;

use super::Project;
use crate::Result;

/// Folder of the project that keeps original files, named by content hash.
pub const ORIGINALS_DIR: &str = "originals";

/// The span of a document's text that one page covers, in code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DocumentPage {
    /// Page number, from 1.
    pub page: u32,
    /// First code point.
    pub start: i64,
    /// One past the last code point.
    pub end: i64,
}

/// Where a document's text came from, when it was read from a published format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentSource {
    /// File name of the original under `originals/` (`<blake3>.<ext>`).
    pub original: String,
    /// Format read (`pdf`, `docx`, `doc`, `ofd`).
    pub format: String,
    /// Reader name.
    pub extractor: String,
    /// Reader version.
    pub extractor_version: String,
    /// Whether the text was recognised from page images (OCR).
    pub ocr: bool,
}

/// The page holding code point `offset`, given a document's pages in order.
pub fn page_of(pages: &[DocumentPage], offset: i64) -> Option<u32> {
    pages.iter().find(|p| p.start <= offset && offset < p.end).map(|p| p.page)
}

impl Project {
    /// The pages of a document in order; empty when it has none.
    pub fn pages(&self, id: i64) -> Result<Vec<DocumentPage>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT page, start, end FROM document_pages WHERE doc_id = ?1 ORDER BY page")?;
        let rows =
            stmt.query_map([id], |r| Ok(DocumentPage { page: r.get(0)?, start: r.get(1)?, end: r.get(2)? }))?;
        Ok(rows.collect::<policyscope_store::Result<_>>()?)
    }

    /// The page of a document that holds code point `offset`, if it is paged.
    pub fn page_at(&self, id: i64, offset: i64) -> Result<Option<u32>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT page FROM document_pages WHERE doc_id = ?1 AND start <= ?2 AND ?2 < end",
                params![id, offset],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Where a document's text came from, if it was read from a published format.
    pub fn source(&self, id: i64) -> Result<Option<DocumentSource>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT original, format, extractor, extractor_version, ocr FROM document_sources WHERE doc_id = ?1",
                [id],
                |r| {
                    Ok(DocumentSource {
                        original: r.get(0)?,
                        format: r.get(1)?,
                        extractor: r.get(2)?,
                        extractor_version: r.get(3)?,
                        ocr: r.get::<_, i64>(4)? != 0,
                    })
                },
            )
            .optional()?)
    }

    /// The path of a kept original file.
    pub fn original_path(&self, source: &DocumentSource) -> std::path::PathBuf {
        self.artefact_dir(ORIGINALS_DIR).join(&source.original)
    }
}

/// Writes inside the import transaction.
pub(crate) mod write {
    use super::*;

    pub(crate) fn insert(
        tx: &Transaction<'_>,
        doc_id: i64,
        source: &DocumentSource,
        pages: &[DocumentPage],
    ) -> Result<()> {
        tx.execute(
            "INSERT INTO document_sources (doc_id, original, format, extractor, extractor_version, ocr)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (doc_id) DO UPDATE SET original = excluded.original, format = excluded.format,
                 extractor = excluded.extractor, extractor_version = excluded.extractor_version, ocr = excluded.ocr",
            params![doc_id, source.original, source.format, source.extractor, source.extractor_version, source.ocr as i64],
        )?;
        let mut stmt = tx.prepare(
            "INSERT INTO document_pages (doc_id, page, start, end) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (doc_id, page) DO UPDATE SET start = excluded.start, end = excluded.end",
        )?;
        for p in pages {
            stmt.execute(params![doc_id, p.page, p.start, p.end])?;
        }
        Ok(())
    }
}
