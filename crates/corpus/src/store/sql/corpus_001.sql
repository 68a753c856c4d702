CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    date TEXT,
    docno TEXT,
    language TEXT NOT NULL,
    encoding TEXT NOT NULL,
    doc_type TEXT,
    issuer TEXT,
    source_path TEXT NOT NULL,
    text TEXT NOT NULL,
    norm_text TEXT NOT NULL,
    char_count INTEGER NOT NULL,
    catalog_no TEXT,
    title_en TEXT,
    previous_version INTEGER REFERENCES documents(id),
    superseded INTEGER NOT NULL DEFAULT 0,
    imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX documents_title ON documents(title);
CREATE INDEX documents_date ON documents(date);

-- Every path a document's content was found at; a path points at the
-- version it held when last imported.
CREATE TABLE document_paths (
    path TEXT PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id),
    -- Hash of the file's bytes when last imported: an unchanged file is
    -- recognised without decoding it again.
    file_hash TEXT,
    seen_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX document_paths_doc ON document_paths(doc_id);

CREATE TABLE passages (
    doc_id INTEGER NOT NULL REFERENCES documents(id),
    kind TEXT NOT NULL CHECK (kind IN ('paragraph', 'sentence')),
    idx INTEGER NOT NULL,
    paragraph INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    PRIMARY KEY (doc_id, kind, idx)
) WITHOUT ROWID;
