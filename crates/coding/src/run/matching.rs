//! Worker threads that read documents and match them.
//!
//! Each worker opens its own connection (read-only on SQLite, whose WAL mode
//! lets readers run beside the writer) and codes every n-th document; results
//! come back over a bounded channel, so memory stays flat however large the
//! corpus.

use std::sync::mpsc;
use std::thread::Scope;

use policyscope_corpus::DATABASE_FILE;
use policyscope_store::{Connection, Location};

use crate::engine::{Engine, Hit, Spans};
use crate::Result;

/// One document's hits, with its text when there are any (for the matched
/// strings).
pub(super) struct Matched {
    /// Position in the list of documents given to [`spawn`].
    pub index: usize,
    pub doc_id: i64,
    pub hits: Vec<Hit>,
    pub text: String,
}

/// Starts the workers; the receiver yields one result per document of
/// `docs`, in no particular order (see [`Matched::index`]), and ends after
/// the last.
pub(super) fn spawn<'scope, 'env>(
    scope: &'scope Scope<'scope, 'env>,
    db: &'env Location,
    engine: &'env Engine,
    docs: &'env [i64],
) -> mpsc::Receiver<Result<Matched>> {
    let workers =
        std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4).min(docs.len().max(1));
    let (tx, rx) = mpsc::sync_channel(64);
    for w in 0..workers {
        let tx = tx.clone();
        scope.spawn(move || {
            let conn = match open(db) {
                Ok(c) => c,
                Err(e) => {
                    let _ = tx.send(Err(e));
                    return;
                }
            };
            for (index, &doc_id) in docs.iter().enumerate().skip(w).step_by(workers) {
                let result = code_one(&conn, engine, index, doc_id);
                let failed = result.is_err();
                // The receiver is gone when the writer stopped on an error.
                if tx.send(result).is_err() || failed {
                    return;
                }
            }
        });
    }
    rx
}

fn open(db: &Location) -> Result<Connection> {
    match db {
        Location::Folder(dir) => {
            let conn = Connection::open_sqlite_read_only(&dir.join(DATABASE_FILE))?;
            // Reading every text once is the bulk of the work: map the
            // database rather than copy each page through read calls.
            conn.execute_batch("PRAGMA busy_timeout = 30000; PRAGMA mmap_size = 4294967296;")?;
            Ok(conn)
        }
        Location::Postgres(url) => Ok(Connection::connect_postgres(url)?),
    }
}

fn code_one(conn: &Connection, engine: &Engine, index: usize, doc_id: i64) -> Result<Matched> {
    let mut failed = None;
    let hits = conn.query_row("SELECT norm_text FROM documents WHERE id = ?1", [doc_id], |row| {
        // The text as the database holds it, unchecked: the scan works on
        // bytes and needs no `String`.
        let norm: &[u8] = row.get_bytes(0)?.unwrap_or_default();
        Ok(engine.code_utf8_lazy(norm, &mut || {
            spans(conn, doc_id).unwrap_or_else(|e| {
                failed = Some(e);
                (Vec::new(), Vec::new())
            })
        }))
    })?;
    if let Some(e) = failed {
        return Err(e);
    }
    let text = if hits.is_empty() {
        String::new()
    } else {
        conn.prepare_cached("SELECT text FROM documents WHERE id = ?1")?.query_row([doc_id], |r| r.get(0))?
    };
    Ok(Matched { index, doc_id, hits, text })
}

/// Sentences and paragraphs of a document, ordered by start, read straight
/// from the corpus' passages table.
fn spans(conn: &Connection, doc_id: i64) -> Result<(Spans, Spans)> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind = 'sentence', start, end FROM passages WHERE doc_id = ?1 ORDER BY start, end",
    )?;
    let rows = stmt.query_map([doc_id], |r| {
        Ok((r.get::<_, bool>(0)?, (r.get::<_, i64>(1)?.max(0) as usize, r.get::<_, i64>(2)?.max(0) as usize)))
    })?;
    let mut sentences = Vec::new();
    let mut paragraphs = Vec::new();
    for row in rows {
        let (is_sentence, span) = row?;
        if is_sentence {
            sentences.push(span);
        } else {
            paragraphs.push(span);
        }
    }
    Ok((sentences, paragraphs))
}
