//! Keeping what the app derives from the documents up to date, outside
//! requests: a GET never writes.
//!
//! The search index and the stored citations are brought up to date when the
//! app starts ([`prepare`]). After that a background thread looks, every
//! [`CHECK_EVERY`], at SQLite's `data_version` — a counter that moves only
//! when *another* connection commits (the CLI importing while the app runs),
//! so the check costs one pragma — and refreshes when it moved. The app's own
//! writes (codings, memos) do not change documents and do not move it.

use std::sync::Weak;
use std::time::Duration;

use policyscope_corpus::Project;
use policyscope_search::SearchIndex;

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

/// SQLite's count of commits made by other connections to this database.
pub(crate) fn data_version(project: &Project) -> Option<i64> {
    project.conn().query_row("PRAGMA data_version", [], |r| r.get(0)).ok()
}

/// Starts the background refresh from the state at `seen` (a
/// [`data_version`]); it ends once `shared` is dropped.
pub(crate) fn start(shared: Weak<Shared>, seen: Option<i64>) {
    let spawned = std::thread::Builder::new().name("policyscope-refresh".into()).spawn(move || {
        let mut seen = seen;
        loop {
            std::thread::sleep(CHECK_EVERY);
            let Some(shared) = shared.upgrade() else { return };
            let project = shared.lock();
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
