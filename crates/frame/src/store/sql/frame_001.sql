-- Frame tables a project replaced (the built-in ones are not stored).
CREATE TABLE frame_tables (
    name TEXT PRIMARY KEY,
    origin TEXT NOT NULL,
    text TEXT NOT NULL,
    loaded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- The frame a document's mentions were last found with.
CREATE TABLE mention_runs (
    doc_id INTEGER PRIMARY KEY REFERENCES documents(id),
    frame_hash TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    roles INTEGER NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Mentions of actors, standards, bodies, technologies and stages; offsets
-- in code points of the document's text.
CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id),
    kind TEXT NOT NULL CHECK (kind IN ('actor', 'standard', 'body', 'technology', 'stage')),
    entity TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    sentence INTEGER NOT NULL,
    rule TEXT NOT NULL,
    frame_hash TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX mentions_doc ON mentions(doc_id, start);
CREATE INDEX mentions_entity ON mentions(kind, entity);

-- Role statements: an actor given a task.
CREATE TABLE roles (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id),
    actor TEXT NOT NULL,
    actor_text TEXT NOT NULL,
    actor_start INTEGER NOT NULL,
    actor_end INTEGER NOT NULL,
    verb TEXT NOT NULL,
    verb_start INTEGER NOT NULL,
    object TEXT NOT NULL,
    pattern TEXT NOT NULL,
    partners TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    sentence INTEGER NOT NULL,
    frame_hash TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX roles_doc ON roles(doc_id, start);
CREATE INDEX roles_actor ON roles(actor);
