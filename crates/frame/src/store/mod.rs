//! The frame's tables in the project database: the frame a project uses,
//! the mentions and role statements found with it, and the runs.
//!
//! [`FrameStore`] borrows an open [`Project`]; opening it applies the
//! `frame` migrations.

mod read;
mod run;

use std::collections::BTreeMap;

use policyscope_corpus::Project;
use policyscope_store::{params, Connection};

pub use read::{write_mentions_csv, write_roles_csv, DocInfo, MentionFilter, MentionRecord, RoleRecord};
pub use run::RunSummary;

use crate::frame::{builtin_sources, TableSource};
use crate::{Frame, Result};

/// Migrations of the `frame` component (step `i` is version `i + 1`).
pub const MIGRATIONS: &[&str] = &[include_str!("sql/frame_001.sql")];

/// The frame tables of one project.
#[derive(Debug, Clone, Copy)]
pub struct FrameStore<'p> {
    project: &'p Project,
}

impl<'p> FrameStore<'p> {
    /// Opens the frame tables of `project`, creating or upgrading them.
    pub fn open(project: &'p Project) -> Result<FrameStore<'p>> {
        project.migrate("frame", MIGRATIONS)?;
        Ok(FrameStore { project })
    }

    /// The project.
    pub fn project(&self) -> &'p Project {
        self.project
    }

    pub(crate) fn conn(&self) -> &'p Connection {
        self.project.conn()
    }

    /// The frame the project uses: the built-in tables, each replaced by
    /// the project's own when it loaded one.
    pub fn frame(&self) -> Result<Frame> {
        let mut sources = builtin_sources();
        let mut stmt = self.conn().prepare("SELECT name, origin, text FROM frame_tables")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)))?;
        for row in rows {
            let (name, origin, text) = row?;
            sources.insert(name, TableSource { origin, text });
        }
        Frame::from_sources(sources)
    }

    /// Makes `frame` (already checked) the project's frame, in one
    /// transaction: tables that are built-in are not stored.
    pub fn save_frame(&self, frame: &Frame) -> Result<()> {
        let tx = self.conn().unchecked_transaction()?;
        tx.execute("DELETE FROM frame_tables", [])?;
        let own: BTreeMap<&String, &TableSource> =
            frame.sources.iter().filter(|(_, s)| s.origin != "built-in").collect();
        for (name, s) in own {
            tx.execute(
                "INSERT INTO frame_tables (name, origin, text) VALUES (?1, ?2, ?3)",
                params![name, s.origin, s.text],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}
