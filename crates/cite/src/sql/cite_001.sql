-- Resolved references, recomputed when the documents or the catalog change.
CREATE TABLE cite_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL,
    computed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE cite_refs (
    doc_id INTEGER NOT NULL REFERENCES documents(id),
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    target TEXT NOT NULL,
    clause TEXT,
    docno TEXT,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    alias_of INTEGER,
    status TEXT NOT NULL,
    cited_id INTEGER,
    cited_json TEXT,
    method TEXT,
    score REAL,
    version_note TEXT,
    candidates_json TEXT,
    PRIMARY KEY (doc_id, seq)
) WITHOUT ROWID;
CREATE INDEX cite_refs_cited ON cite_refs(cited_id);
