//! The shared state: one open project behind a mutex, and its search index.
//!
//! SQLite connections are not shareable between threads, and the app is
//! local and used by a few tabs at once, so one connection serialised by a
//! mutex is both correct and fast enough. Every write is committed before
//! its response is sent, so another tab sees it on its next request.
//!
//! Requests only read what is derived from the documents (search index,
//! citations): it is brought up to date when the state is made and by the
//! background refresh ([`crate::refresh`]) when the database changes.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use policyscope_corpus::Project;
use policyscope_search::{SearchIndex, SearchRequest, SearchResults};

use crate::{Error, Result};

pub(crate) struct Shared {
    pub(crate) project: Mutex<Project>,
    pub(crate) index: SearchIndex,
}

/// What every handler gets.
#[derive(Clone)]
pub struct AppState {
    shared: Arc<Shared>,
    dir: PathBuf,
    listen: Option<SocketAddr>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").field("dir", &self.dir).field("listen", &self.listen).finish()
    }
}

impl AppState {
    /// Opens the project in `dir`.
    pub fn open(dir: &Path) -> Result<AppState> {
        AppState::new(Project::open(dir)?)
    }

    /// Wraps an open project: creates whatever tables the app reads, brings
    /// the search index and the citations up to date, and starts the
    /// background refresh (which ends when the last clone of the state is
    /// dropped).
    pub fn new(project: Project) -> Result<AppState> {
        let dir = project.dir().to_path_buf();
        // Read before preparing, so that a document imported meanwhile is
        // seen by the first background check.
        let version = crate::refresh::data_version(&project);
        let index = SearchIndex::open(&project)?;
        crate::refresh::prepare(&project, &index)?;
        let shared = Arc::new(Shared { project: Mutex::new(project), index });
        crate::refresh::start(Arc::downgrade(&shared), version);
        Ok(AppState { shared, dir, listen: None })
    }

    /// The same state, answering only requests addressed to `addr` (the
    /// address the server is bound to; see [`crate::guard`]).
    pub fn listening_on(mut self, addr: SocketAddr) -> AppState {
        self.listen = Some(addr);
        self
    }

    /// The address requests must be addressed to, if the state serves a socket.
    pub fn listen_addr(&self) -> Option<SocketAddr> {
        self.listen
    }

    /// The project folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Runs `f` with the project on a blocking thread (database and index
    /// work must not stall the async workers).
    pub async fn with<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Project) -> Result<T> + Send + 'static,
    {
        let shared = Arc::clone(&self.shared);
        tokio::task::spawn_blocking(move || f(&shared.lock()))
            .await
            .map_err(|e| Error::Internal(e.to_string()))?
    }

    /// Runs `f` with the project open for writing documents (import,
    /// metadata edits), then brings the search index and the citations up
    /// to date before answering: the app's own commits do not move the
    /// counter the background refresh watches.
    pub async fn with_documents_changed<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Project) -> Result<T> + Send + 'static,
    {
        let shared = Arc::clone(&self.shared);
        tokio::task::spawn_blocking(move || {
            let mut project = shared.lock();
            let out = f(&mut project);
            crate::refresh::refresh(&project, &shared.index)?;
            out
        })
        .await
        .map_err(|e| Error::Internal(e.to_string()))?
    }

    /// Searches the index as last refreshed (reads only).
    pub async fn search(&self, req: SearchRequest) -> Result<SearchResults> {
        let shared = Arc::clone(&self.shared);
        tokio::task::spawn_blocking(move || Ok(shared.index.search(&shared.lock(), &req)?))
            .await
            .map_err(|e| Error::Internal(e.to_string()))?
    }
}

impl Shared {
    /// The project. A panic in another request must not lock everyone out:
    /// the connection itself is still consistent (SQLite rolls back).
    pub(crate) fn lock(&self) -> std::sync::MutexGuard<'_, Project> {
        self.project.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
