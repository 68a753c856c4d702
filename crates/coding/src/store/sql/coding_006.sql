-- policyscope: sqlite only
-- policyscope: rebuilds tables
-- A code deleted or merged away must never lend its id to a later one: the
-- code-edit history, a reviewer's page or a script holding the old id would
-- otherwise describe another code. SQLite reuses the highest id of a plain
-- INTEGER PRIMARY KEY after a delete, so the table is rebuilt with
-- AUTOINCREMENT (as codings and memos were in coding_005); PostgreSQL's
-- identity columns never reuse ids.
CREATE TABLE codes_rebuilt (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
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
INSERT INTO codes_rebuilt (id, guid, parent_id, name, path, description, colour, codable, tags, codebook,
        position, created_at, updated_at)
    SELECT id, guid, parent_id, name, path, description, colour, codable, tags, codebook,
        position, created_at, updated_at
    FROM codes;
DROP TABLE codes;
ALTER TABLE codes_rebuilt RENAME TO codes;
CREATE INDEX codes_parent ON codes(parent_id);
