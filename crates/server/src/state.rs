//! The shared state: one open project behind a mutex.
//!
//! SQLite connections are not shareable between threads, and the app is
//! local and used by a few tabs at once, so one connection serialised by a
//! mutex is both correct and fast enough. Every write is committed before
//! its response is sent, so another tab sees it on its next request.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use policyscope_corpus::Project;

use crate::{Error, Result};

/// What every handler gets.
#[derive(Clone)]
pub struct AppState {
    project: Arc<Mutex<Project>>,
    dir: PathBuf,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").field("dir", &self.dir).finish()
    }
}

impl AppState {
    /// Opens the project in `dir`.
    pub fn open(dir: &Path) -> Result<AppState> {
        Ok(AppState::new(Project::open(dir)?))
    }

    /// Wraps an open project.
    pub fn new(project: Project) -> AppState {
        let dir = project.dir().to_path_buf();
        AppState { project: Arc::new(Mutex::new(project)), dir }
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
        let project = Arc::clone(&self.project);
        tokio::task::spawn_blocking(move || {
            // A panic in another request must not lock everyone out: the
            // connection itself is still consistent (SQLite rolls back).
            let guard = project.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            f(&guard)
        })
        .await
        .map_err(|e| Error::Internal(e.to_string()))?
    }
}
