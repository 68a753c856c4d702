//! The shared state: the open project (a small pool of connections to it)
//! and its search index.
//!
//! A SQLite connection is not shareable between threads, and the embedded
//! project is local and used by a few tabs at once, so it is one connection,
//! serialised. A PostgreSQL project serves a team: [`POSTGRES_POOL`]
//! connections, each checked out by one request at a time, so requests run
//! side by side and the database orders their writes. Every write is
//! committed before its response is sent, so another tab sees it on its
//! next request.
//!
//! Requests only read what is derived from the documents (search index,
//! citations): it is brought up to date when the state is made and by the
//! background refresh ([`crate::refresh`]) when the database changes.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use policyscope_corpus::Project;
use policyscope_search::{SearchIndex, SearchRequest, SearchResults};
use policyscope_store::{Backend, Location};

use crate::{Error, Result};

/// Connections a served PostgreSQL project keeps open (requests beyond
/// them wait for one to be returned).
pub const POSTGRES_POOL: usize = 6;

/// How long a request waits for a free connection before it is answered
/// 503 (every connection busy with long work).
const CHECKOUT_WAIT: Duration = Duration::from_secs(30);

pub(crate) struct Shared {
    pool: Pool,
    pub(crate) index: SearchIndex,
}

/// Open projects not in use, and a signal for requests waiting for one.
struct Pool {
    idle: Mutex<Vec<Project>>,
    returned: Condvar,
}

/// A project checked out of the pool; returned to it when dropped (also
/// after a panic: a transaction left open rolls back with its guard).
pub(crate) struct Lease<'a> {
    pool: &'a Pool,
    project: Option<Project>,
}

/// What every handler gets.
#[derive(Clone)]
pub struct AppState {
    shared: Arc<Shared>,
    dir: PathBuf,
    listen: Option<SocketAddr>,
    secure_cookies: bool,
    public_urls: Arc<Vec<crate::guard::PublicUrl>>,
    login_limiter: Arc<policyscope_accounts::LoginLimiter>,
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

    /// Opens the project at `location` (a folder or a PostgreSQL database),
    /// with `data` as the folder of its derived artefacts.
    pub fn open_at(location: &Location, data: &Path) -> Result<AppState> {
        AppState::new(Project::open_at(location, data)?)
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
        policyscope_accounts::Accounts::open(&project)?;
        crate::refresh::prepare(&project, &index)?;
        let mut projects = vec![project];
        if projects[0].backend() == Backend::Postgres {
            let (location, data) = (projects[0].location().clone(), projects[0].dir().to_path_buf());
            for _ in 1..POSTGRES_POOL {
                projects.push(Project::open_at(&location, &data)?);
            }
        }
        let pool = Pool { idle: Mutex::new(projects), returned: Condvar::new() };
        let shared = Arc::new(Shared { pool, index });
        crate::refresh::start(Arc::downgrade(&shared), version);
        Ok(AppState {
            shared,
            dir,
            listen: None,
            secure_cookies: false,
            public_urls: Arc::new(Vec::new()),
            login_limiter: Arc::new(policyscope_accounts::LoginLimiter::new()),
        })
    }

    /// The same state, answering only requests addressed to `addr` (the
    /// address the server is bound to; see [`crate::guard`]).
    pub fn listening_on(mut self, addr: SocketAddr) -> AppState {
        self.listen = Some(addr);
        self
    }

    /// The same state, marking the session cookie `Secure` (the app is
    /// reached over HTTPS, e.g. through a TLS proxy; see [`crate::auth`]).
    pub fn with_secure_cookies(mut self, secure: bool) -> AppState {
        self.secure_cookies = secure;
        self
    }

    /// The same state, also answering at `urls` (see [`crate::guard`]).
    pub fn with_public_urls(mut self, urls: Vec<crate::guard::PublicUrl>) -> AppState {
        self.public_urls = Arc::new(urls);
        self
    }

    /// The addresses the app is reached at besides the bound one.
    pub fn public_urls(&self) -> &[crate::guard::PublicUrl] {
        &self.public_urls
    }

    /// Whether the session cookie is marked `Secure`.
    pub fn secure_cookies(&self) -> bool {
        self.secure_cookies
    }

    /// The failed sign-ins of this server.
    pub(crate) fn login_limiter(&self) -> &policyscope_accounts::LoginLimiter {
        &self.login_limiter
    }

    /// Runs `f` with the project on this thread (outside the async runtime:
    /// checks made before serving).
    pub(crate) fn blocking<T>(&self, f: impl FnOnce(&Project) -> T) -> T {
        f(&self.shared.pool.checkout_waiting())
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
        tokio::task::spawn_blocking(move || f(&*shared.lock()?))
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
            let mut project = shared.lock()?;
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
        tokio::task::spawn_blocking(move || Ok(shared.index.search(&*shared.lock()?, &req)?))
            .await
            .map_err(|e| Error::Internal(e.to_string()))?
    }
}

impl Shared {
    /// A project from the pool, waiting for one while all are in use.
    pub(crate) fn lock(&self) -> Result<Lease<'_>> {
        self.pool.checkout()
    }
}

impl Pool {
    fn idle(&self) -> std::sync::MutexGuard<'_, Vec<Project>> {
        // A panic while the list was held cannot leave it half-changed.
        self.idle.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A project, waiting at most [`CHECKOUT_WAIT`] for one.
    fn checkout(&self) -> Result<Lease<'_>> {
        let mut idle = self.idle();
        let deadline = std::time::Instant::now() + CHECKOUT_WAIT;
        loop {
            if let Some(project) = idle.pop() {
                drop(idle);
                revive(&project);
                return Ok(Lease { pool: self, project: Some(project) });
            }
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                return Err(Error::Busy);
            }
            idle = self.returned.wait_timeout(idle, left).unwrap_or_else(|poisoned| poisoned.into_inner()).0;
        }
    }

    /// A project, waiting as long as it takes (checks made before serving,
    /// when no request holds one for long).
    fn checkout_waiting(&self) -> Lease<'_> {
        let mut idle = self.idle();
        loop {
            if let Some(project) = idle.pop() {
                drop(idle);
                revive(&project);
                return Lease { pool: self, project: Some(project) };
            }
            idle = self.returned.wait(idle).unwrap_or_else(|poisoned| poisoned.into_inner());
        }
    }
}

/// A pooled PostgreSQL connection cut while idle (the server restarted)
/// fails its next statement, which marks it closed, and reconnects on the
/// one after. A ping here takes that failure, so the request gets a live
/// connection, or the database's "cannot be reached" when it is still away.
fn revive(project: &Project) {
    if project.backend() == Backend::Postgres && project.conn().execute_batch("SELECT 1").is_err() {
        // The outcome shows in the request's own first statement.
        let _ = project.conn().execute_batch("SELECT 1");
    }
}

impl std::ops::Deref for Lease<'_> {
    type Target = Project;

    fn deref(&self) -> &Project {
        // Taken only in `drop`.
        self.project.as_ref().unwrap_or_else(|| unreachable!("a lease holds its project until dropped"))
    }
}

impl std::ops::DerefMut for Lease<'_> {
    fn deref_mut(&mut self) -> &mut Project {
        self.project.as_mut().unwrap_or_else(|| unreachable!("a lease holds its project until dropped"))
    }
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        if let Some(project) = self.project.take() {
            self.pool.idle().push(project);
            self.pool.returned.notify_one();
        }
    }
}
