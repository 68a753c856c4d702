-- Codebooks that were loaded into the project (their rules drive auto-coding).
CREATE TABLE codebooks (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    version TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    -- The TOML source as loaded, so a run can be reproduced from the project alone.
    source TEXT NOT NULL,
    -- blake3 of the compiled rule set; a change triggers re-coding.
    rules_hash TEXT NOT NULL,
    loaded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- The project's code tree (one tree per project, as in REFI-QDA).
CREATE TABLE codes (
    id INTEGER PRIMARY KEY,
    guid TEXT NOT NULL UNIQUE,
    parent_id INTEGER REFERENCES codes(id),
    name TEXT NOT NULL,
    -- Full path of names joined by '/', e.g. 'Target/Internationalisation'.
    path TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    colour TEXT,
    codable INTEGER NOT NULL DEFAULT 1,
    -- JSON array of strings, e.g. ["nis:Institutions", "mode:Committee-based"].
    tags TEXT NOT NULL DEFAULT '[]',
    -- Codebook that defined the code (NULL: made by hand or imported).
    codebook TEXT,
    position INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX codes_parent ON codes(parent_id);

-- A span of a document's text coded with a code.
CREATE TABLE codings (
    id INTEGER PRIMARY KEY,
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
    CHECK (start >= 0 AND end > start)
);
CREATE UNIQUE INDEX codings_unique ON codings(doc_id, code_id, start, end, coder);
CREATE INDEX codings_code ON codings(code_id);
CREATE INDEX codings_coder ON codings(coder);

-- Every review decision, by whom and when (several reviewers may review one coding).
CREATE TABLE coding_reviews (
    id INTEGER PRIMARY KEY,
    coding_id INTEGER NOT NULL REFERENCES codings(id),
    reviewer TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected', 'recoded')),
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX coding_reviews_coding ON coding_reviews(coding_id);
CREATE INDEX coding_reviews_reviewer ON coding_reviews(reviewer);

-- Which rule set was applied to which document, so a re-run skips what is done.
CREATE TABLE coding_runs (
    doc_id INTEGER NOT NULL REFERENCES documents(id),
    codebook TEXT NOT NULL,
    rules_hash TEXT NOT NULL,
    proposals INTEGER NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (doc_id, codebook)
) WITHOUT ROWID;

-- Memos on the project, a document, a code or a coding.
CREATE TABLE memos (
    id INTEGER PRIMARY KEY,
    guid TEXT NOT NULL UNIQUE,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('project', 'document', 'code', 'coding')),
    -- NULL for the project.
    target_id INTEGER,
    author TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX memos_target ON memos(target_kind, target_id);
