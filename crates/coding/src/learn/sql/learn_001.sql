-- Models learnt from the coders' decisions, one row per training (the latest per code is used).
CREATE TABLE coding_models (
    id INTEGER PRIMARY KEY,
    code_id INTEGER NOT NULL REFERENCES codes(id),
    -- The code's path when trained (the suggestions' coder is 'model:<path>').
    code_path TEXT NOT NULL,
    -- Provenance: how the features were made, the training settings (JSON), the seed,
    -- the examples, the people whose decisions they are (JSON array) and a blake3 of
    -- every (document, span, label), so a model can be traced to the decisions it saw.
    features TEXT NOT NULL,
    params TEXT NOT NULL,
    seed INTEGER NOT NULL,
    positives INTEGER NOT NULL,
    negatives INTEGER NOT NULL,
    documents INTEGER NOT NULL,
    coders TEXT NOT NULL,
    decisions_hash TEXT NOT NULL,
    -- Cross-validated figures (JSON).
    cv TEXT NOT NULL,
    -- Little-endian f32 weights, then the bias.
    weights BLOB NOT NULL,
    trained_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX coding_models_code ON coding_models(code_id);

-- The score a model gave a proposal it made. No foreign key on the coding: a coding may be
-- deleted by other paths (re-import, undo); a score without its coding is never read.
CREATE TABLE coding_scores (
    coding_id INTEGER PRIMARY KEY,
    model_id INTEGER NOT NULL REFERENCES coding_models(id),
    score REAL NOT NULL
);
