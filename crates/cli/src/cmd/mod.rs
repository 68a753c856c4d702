//! One module per subcommand.

pub mod agree;
pub mod cite;
pub mod code;
pub mod codes;
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

use std::path::PathBuf;

use anyhow::Context as _;
use policyscope::corpus::Project;

/// What every subcommand gets: the global options.
#[derive(Debug, Clone)]
pub struct Context {
    /// `--project`.
    pub project_dir: PathBuf,
    /// `--json`.
    pub json: bool,
    /// `--quiet`.
    pub quiet: bool,
}

impl Context {
    /// Opens the project named by `--project`.
    pub fn open_project(&self) -> anyhow::Result<Project> {
        Project::open(&self.project_dir)
            .with_context(|| format!("opening project {}", self.project_dir.display()))
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
