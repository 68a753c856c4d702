-- Page spans of documents read from paged formats (PDF, OFD), in code
-- points of documents.text.
CREATE TABLE document_pages (
    doc_id INTEGER NOT NULL REFERENCES documents(id),
    page INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    PRIMARY KEY (doc_id, page)
) WITHOUT ROWID;

-- Documents read from a published format: the original file kept in the
-- project (originals/<name>) and the reader that made the text, so a later
-- reader can re-extract and show what changed.
CREATE TABLE document_sources (
    doc_id INTEGER PRIMARY KEY REFERENCES documents(id),
    original TEXT NOT NULL,
    format TEXT NOT NULL,
    extractor TEXT NOT NULL,
    extractor_version TEXT NOT NULL,
    ocr INTEGER NOT NULL DEFAULT 0
);
