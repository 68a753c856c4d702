-- Codebook evaluations as `policyscope code evaluate` computed them (the report shows the latest of each kind).
CREATE TABLE codebook_evaluations (
    id INTEGER PRIMARY KEY,
    codebook TEXT NOT NULL,
    version TEXT NOT NULL,
    coder TEXT NOT NULL,
    unit TEXT NOT NULL,
    scope TEXT NOT NULL,
    -- The whole evaluation (JSON, as `code evaluate --json` prints it).
    result TEXT NOT NULL,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
