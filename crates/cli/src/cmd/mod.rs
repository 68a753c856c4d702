//! One module per subcommand.

pub mod agree;
pub mod audit;
pub mod cite;
pub mod code;
pub mod codes;
pub mod copy;
pub mod docs;
pub mod export;
pub mod frame;
pub mod graph;
pub mod import;
pub mod init;
pub mod lab;
pub mod learn;
pub mod mentions;
pub mod query;
pub mod report;
pub mod search;
pub mod serve;
pub mod snowball;
pub mod users;

use std::path::PathBuf;

use anyhow::Context as _;
use policyscope::corpus::Project;
use policyscope::store::Location;

/// What every subcommand gets: the global options.
#[derive(Debug, Clone)]
pub struct Context {
    /// `--project`.
    pub project_dir: PathBuf,
    /// `--database`: a PostgreSQL database holding the project instead of
    /// the folder's SQLite file.
    pub database: Option<String>,
    /// `--data`: where a PostgreSQL project's derived artefacts (search
    /// index, originals) are kept on this machine.
    pub data_dir: Option<PathBuf>,
    /// `--json`.
    pub json: bool,
    /// `--quiet`.
    pub quiet: bool,
}

impl Context {
    /// Where the project is: `--database` if given, else the `--project` folder.
    pub fn location(&self) -> Location {
        match &self.database {
            Some(url) => Location::parse(url),
            None => Location::Folder(self.project_dir.clone()),
        }
    }

    /// The folder of derived artefacts: the project folder, or for a
    /// database `--data` (default: a folder named after the database in
    /// the user's cache directory).
    pub fn data_dir(&self) -> PathBuf {
        match (&self.database, &self.data_dir) {
            (None, _) => self.project_dir.clone(),
            (Some(_), Some(dir)) => dir.clone(),
            (Some(url), None) => {
                let cache = std::env::var_os("XDG_CACHE_HOME")
                    .map(PathBuf::from)
                    .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
                    .unwrap_or_else(std::env::temp_dir);
                let name: String = Location::parse(url)
                    .to_string()
                    .chars()
                    .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '.' { c } else { '_' })
                    .collect();
                cache.join("policyscope").join(name)
            }
        }
    }

    /// Opens the project named by `--database` or `--project`.
    pub fn open_project(&self) -> anyhow::Result<Project> {
        let location = self.location();
        Project::open_at(&location, &self.data_dir()).with_context(|| format!("opening project {location}"))
    }

    /// Creates the project named by `--database` or `--project`.
    pub fn init_project(&self) -> anyhow::Result<Project> {
        let location = self.location();
        Project::init_at(&location, &self.data_dir()).with_context(|| format!("creating project {location}"))
    }

    /// Opens the project, creating it first when it does not exist yet.
    pub fn open_or_init_project(&self) -> anyhow::Result<Project> {
        match &self.database {
            None if !self.project_dir.join(policyscope::corpus::DATABASE_FILE).exists() => {
                self.init_project()
            }
            None => self.open_project(),
            Some(_) => match Project::open_at(&self.location(), &self.data_dir()) {
                Err(policyscope::corpus::Error::NotAProjectDatabase(_)) => self.init_project(),
                other => other.with_context(|| format!("opening project {}", self.location())),
            },
        }
    }

    /// Prints a warning on stderr, even when quiet: `--quiet` silences progress and
    /// information, never what a user must know (what was not done, what was lost).
    pub fn warn(&self, msg: impl std::fmt::Display) {
        crate::output::message(&msg.to_string());
    }

    /// Prints a message for people on stderr unless quiet.
    pub fn say(&self, msg: impl std::fmt::Display) {
        if !self.quiet {
            crate::output::message(&msg.to_string());
        }
    }
}
