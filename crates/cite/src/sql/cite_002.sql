-- Snowball runs, kept so reports and the web app can show the latest.
CREATE TABLE cite_snowball_runs (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    seeds TEXT NOT NULL,
    result_json TEXT NOT NULL
);
