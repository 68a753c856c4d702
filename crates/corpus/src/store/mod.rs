//! The project folder and its SQLite database.

pub(crate) mod documents;
mod migrate;
pub(crate) mod pages;
mod translations;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

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

/// An open project: a folder with a database and derived artefacts.
pub struct Project {
    dir: PathBuf,
    conn: Connection,
}

impl std::fmt::Debug for Project {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Project").field("dir", &self.dir).finish()
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

    fn connect(dir: &Path) -> Result<Project> {
        let conn = Connection::open(dir.join(DATABASE_FILE))?;
        // WAL keeps readers (the web app) working while an import writes, and
        // a crash never leaves a half-written transaction behind.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        let project = Project { dir: dir.to_path_buf(), conn };
        project.migrate("corpus", CORPUS_MIGRATIONS)?;
        project.migrate("formats", FORMATS_MIGRATIONS)?;
        Ok(project)
    }

    /// The project folder.
    pub fn dir(&self) -> &Path {
        &self.dir
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
        migrate::apply(&self.conn, component, steps)
    }
}
