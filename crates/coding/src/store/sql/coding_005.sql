-- policyscope: sqlite only
-- policyscope: rebuilds tables
-- A coding or memo deleted must never lend its id to a later one: a client
-- holding the old id (a reviewer's page, a script, the audit log) would
-- otherwise change or describe another row. SQLite reuses the highest id of a
-- plain INTEGER PRIMARY KEY after a delete, so both tables are rebuilt with
-- AUTOINCREMENT; PostgreSQL's identity columns never reuse ids.
CREATE TABLE codings_rebuilt (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    guid TEXT NOT NULL UNIQUE,
    doc_id INTEGER NOT NULL REFERENCES documents(id),
    code_id INTEGER NOT NULL REFERENCES codes(id),
    -- Code points, half-open [start, end).
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    -- Who made it: 'auto:<codebook>@<version>' or a person's name.
    coder TEXT NOT NULL,
    -- proposed (auto, undecided), accepted, rejected: the latest review decision.
    status TEXT NOT NULL CHECK (status IN ('proposed', 'accepted', 'rejected')),
    -- Auto-coding: id of the rule that fired and the text it matched.
    rule TEXT,
    matched TEXT,
    -- A recode: the coding this one replaced (which is then rejected).
    recoded_from INTEGER REFERENCES codings(id),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    confidence REAL,
    version INTEGER NOT NULL DEFAULT 1,
    updated_by TEXT,
    CHECK (start >= 0 AND end > start)
);
INSERT INTO codings_rebuilt (id, guid, doc_id, code_id, start, end, coder, status, rule, matched,
        recoded_from, created_at, updated_at, confidence, version, updated_by)
    SELECT id, guid, doc_id, code_id, start, end, coder, status, rule, matched,
        recoded_from, created_at, updated_at, confidence, version, updated_by
    FROM codings;
DROP TABLE codings;
ALTER TABLE codings_rebuilt RENAME TO codings;
CREATE UNIQUE INDEX codings_unique ON codings(doc_id, code_id, start, end, coder);
CREATE INDEX codings_code ON codings(code_id);
CREATE INDEX codings_coder ON codings(coder);

CREATE TABLE memos_rebuilt (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    guid TEXT NOT NULL UNIQUE,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('project', 'document', 'code', 'coding')),
    -- NULL for the project.
    target_id INTEGER,
    author TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    version INTEGER NOT NULL DEFAULT 1,
    updated_by TEXT
);
INSERT INTO memos_rebuilt (id, guid, target_kind, target_id, author, text, created_at, updated_at, version, updated_by)
    SELECT id, guid, target_kind, target_id, author, text, created_at, updated_at, version, updated_by FROM memos;
DROP TABLE memos;
ALTER TABLE memos_rebuilt RENAME TO memos;
CREATE INDEX memos_target ON memos(target_kind, target_id);
