-- Every change a person made to the code tree, oldest first: who, what, and
-- the code's GUID and path before the change. A merge (or a deletion whose
-- codings went to another code) names the code that received the codings,
-- so a codebook run maps the merged code's rules onto it instead of
-- recreating it.
CREATE TABLE code_history (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    actor TEXT NOT NULL,
    action TEXT NOT NULL
        CHECK (action IN ('create', 'rename', 'move', 'recolour', 'describe', 'merge', 'delete')),
    code_guid TEXT NOT NULL,
    code_path TEXT NOT NULL,
    -- The new name, path, colour or description, or the receiving code's path.
    detail TEXT NOT NULL DEFAULT '',
    target_guid TEXT,
    -- Codings moved (merge, delete with a move) or removed (delete).
    codings INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX code_history_guid ON code_history(code_guid);
