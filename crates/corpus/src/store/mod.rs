//! The project: its database (a SQLite file in the project folder, or a
//! PostgreSQL database) and the folder of its derived artefacts.

pub(crate) mod documents;
pub(crate) mod pages;
mod translations;

use std::path::{Path, PathBuf};

use policyscope_store::{Backend, Connection, Location};

use crate::{Error, Result};

/// Name of the database file inside a project folder.
pub const DATABASE_FILE: &str = "policyscope.db";

/// Migrations of the corpus tables; later crates add their own components.
const CORPUS_MIGRATIONS: &[&str] = &[
    include_str!("sql/corpus_001.sql"),
    include_str!("sql/corpus_002.sql"),
    include_str!("sql/corpus_003.sql"),
];

/// Migrations of the page and source tables of published formats.
const FORMATS_MIGRATIONS: &[&str] = &[include_str!("sql/formats_001.sql")];

/// An open project: a database and a folder of derived artefacts (the
/// project folder itself for SQLite; a local data folder for PostgreSQL).
pub struct Project {
    dir: PathBuf,
    location: Location,
    conn: Connection,
}

impl std::fmt::Debug for Project {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Project")
            .field("location", &self.location.to_string())
            .field("dir", &self.dir)
            .finish()
    }
}

impl Project {
    /// Creates a new project in `dir` (created if missing).
    pub fn init(dir: &Path) -> Result<Project> {
        if dir.join(DATABASE_FILE).exists() {
            return Err(Error::AlreadyAProject(dir.to_path_buf()));
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        Self::connect(dir)
    }

    /// Opens the project in `dir`, applying pending migrations.
    pub fn open(dir: &Path) -> Result<Project> {
        if !dir.join(DATABASE_FILE).is_file() {
            return Err(Error::NotAProject(dir.to_path_buf()));
        }
        Self::connect(dir)
    }

    /// Creates a project at `location` (for PostgreSQL: in an existing,
    /// empty database); `data` is the folder of derived artefacts (ignored
    /// for a folder project, whose artefacts live inside it).
    pub fn init_at(location: &Location, data: &Path) -> Result<Project> {
        match location {
            Location::Folder(dir) => Project::init(dir),
            Location::Postgres(url) => {
                let conn = Connection::connect_postgres(url)?;
                if policyscope_store::migrate::version(&conn, "corpus").unwrap_or(0) > 0 {
                    return Err(Error::AlreadyAProjectDatabase(location.to_string()));
                }
                Self::with_connection(conn, location.clone(), data)
            }
        }
    }

    /// Opens the project at `location`; `data` as for [`Project::init_at`].
    pub fn open_at(location: &Location, data: &Path) -> Result<Project> {
        match location {
            Location::Folder(dir) => Project::open(dir),
            Location::Postgres(url) => {
                let conn = Connection::connect_postgres(url)?;
                if policyscope_store::migrate::version(&conn, "corpus").unwrap_or(0) == 0 {
                    return Err(Error::NotAProjectDatabase(location.to_string()));
                }
                Self::with_connection(conn, location.clone(), data)
            }
        }
    }

    fn connect(dir: &Path) -> Result<Project> {
        let conn = Connection::open_sqlite(&dir.join(DATABASE_FILE))?;
        // WAL keeps readers (the web app) working while an import writes, and
        // a crash never leaves a half-written transaction behind.
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; \
             PRAGMA busy_timeout = 30000;",
        )?;
        Self::with_connection(conn, Location::Folder(dir.to_path_buf()), dir)
    }

    fn with_connection(conn: Connection, location: Location, dir: &Path) -> Result<Project> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let project = Project { dir: dir.to_path_buf(), location, conn };
        project.migrate("corpus", CORPUS_MIGRATIONS)?;
        project.migrate("formats", FORMATS_MIGRATIONS)?;
        Ok(project)
    }

    /// The folder of derived artefacts: the project folder of a SQLite
    /// project, the local data folder of a PostgreSQL one.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the project's database is.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// Which database holds the project.
    pub fn backend(&self) -> Backend {
        self.conn.backend()
    }

    /// The folder for a derived artefact (e.g. `index`), inside the project.
    pub fn artefact_dir(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// The database connection, for crates that keep their own tables.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The database connection, mutable (for transactions).
    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Applies the not-yet-applied `steps` of `component` (step `i` is
    /// version `i + 1`), each in its own transaction.
    pub fn migrate(&self, component: &str, steps: &[&str]) -> Result<()> {
        policyscope_store::migrate::apply(&self.conn, component, steps)?.map_err(|e| Error::SchemaTooNew {
            component: e.component,
            found: e.found,
            known: e.known,
        })
    }
}
