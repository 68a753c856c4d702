-- Optimistic locking: every change to a coding or memo bumps its version, and a
-- change sent with the version it was loaded at is refused when someone changed
-- the row since (who, in updated_by), instead of silently overwriting it.
ALTER TABLE codings ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE codings ADD COLUMN updated_by TEXT;
ALTER TABLE memos ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE memos ADD COLUMN updated_by TEXT;

-- Who changed which coding, review or memo, and when, written in the same
-- transaction as the change. Changes to the code tree are in code_history.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    actor TEXT NOT NULL,
    -- code, accept, reject, recode, delete, memo, edit-memo, delete-memo
    action TEXT NOT NULL,
    -- coding or memo
    target_kind TEXT NOT NULL,
    target_id INTEGER NOT NULL,
    -- JSON summaries of the row before and after the change (null: none).
    before TEXT,
    after TEXT
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_actor ON audit_log(actor);
