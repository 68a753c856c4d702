//! Keeping what the app derives from the documents up to date, outside
//! requests: a GET never writes.
//!
//! The search index and the stored citations are brought up to date when the
//! app starts ([`prepare`]). After that a background thread looks, every
//! [`CHECK_EVERY`], at a marker of the documents ([`data_version`]) and
//! refreshes when it moved.
//!
//! On SQLite the marker is `data_version`, a counter that moves only when
//! *another* connection commits (the CLI importing while the app runs), so
//! the check costs one pragma; the app's own writes (codings, memos) do not
//! change documents and do not move it. PostgreSQL has no such counter.
//! There the marker is the count and the largest id of the documents (an
//! import or a deletion by another client moves them at once, read from the
//! primary key's index) with the server's own count of row changes to the
//! table (`pg_stat_user_tables`, which also catches a metadata edit, a
//! moment later). It needs no trigger or table of its own, so the schema
//! stays the same on both back ends and a project copies between them as it is.

use std::sync::Weak;
use std::time::Duration;

use policyscope_corpus::Project;
use policyscope_search::SearchIndex;
use policyscope_store::Backend;

use crate::state::Shared;
use crate::Result;

/// How often the background thread checks the database for outside changes.
pub const CHECK_EVERY: Duration = Duration::from_millis(500);

/// Creates the tables the app reads and brings the index and the citations
/// up to date (at start, before serving).
pub(crate) fn prepare(project: &Project, index: &SearchIndex) -> Result<()> {
    policyscope_coding::CodingStore::open(project)?;
    refresh(project, index)
}

/// Syncs the index with the current documents (and reloads its reader, which
/// also picks up a sync made by another process), then recomputes the
/// citations with the catalog they were last resolved with, if documents changed.
pub(crate) fn refresh(project: &Project, index: &SearchIndex) -> Result<()> {
    index.sync(project)?;
    let catalog = policyscope_cite::store::stored_catalog(project)?;
    policyscope_cite::store::ensure(project, catalog.as_ref(), &mut |_, _| {})?;
    Ok(())
}

/// A marker that moves when another client changes the documents (see the
/// module documentation); `None` when it cannot be read (the database away).
pub(crate) fn data_version(project: &Project) -> Option<[i64; 3]> {
    match project.backend() {
        Backend::Sqlite => {
            project.conn().query_row("PRAGMA data_version", [], |r| Ok([r.get(0)?, 0, 0])).ok()
        }
        Backend::Postgres => project
            .conn()
            .query_row(
                "SELECT (SELECT count(*) FROM documents), (SELECT COALESCE(max(id), 0) FROM documents),
                        (SELECT COALESCE(max(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables
                         WHERE relid = to_regclass('documents'))",
                [],
                |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?]),
            )
            .ok(),
    }
}

/// Starts the background refresh from the state at `seen` (a
/// [`data_version`]); it ends once `shared` is dropped.
pub(crate) fn start(shared: Weak<Shared>, seen: Option<[i64; 3]>) {
    let spawned = std::thread::Builder::new().name("policyscope-refresh".into()).spawn(move || {
        let mut seen = seen;
        loop {
            std::thread::sleep(CHECK_EVERY);
            let Some(shared) = shared.upgrade() else { return };
            // All connections busy: look again at the next tick.
            let Ok(project) = shared.lock() else { continue };
            let now = data_version(&project);
            if now != seen {
                // On failure (the CLI holding the index writer, say) the
                // version is not recorded, so the next check tries again.
                if refresh(&project, &shared.index).is_ok() {
                    seen = now;
                }
            }
        }
    });
    // Without the thread the app still serves, with what it had at start.
    drop(spawned);
}
