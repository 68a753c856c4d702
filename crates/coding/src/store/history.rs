//! The code history: every change a person made to the code tree, and what
//! a codebook run reads from it so it never undoes a person's work.

use policyscope_store::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::CodingStore;
use crate::model::Code;
use crate::{guid, Result};

/// What a person did to a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CodeAction {
    /// Made it by hand.
    Create,
    /// Gave it another name.
    Rename,
    /// Gave it another parent.
    Move,
    /// Changed its colour.
    Recolour,
    /// Changed its description.
    Describe,
    /// Merged it into another code (its codings moved there).
    Merge,
    /// Deleted it (its codings moved to another code or removed).
    Delete,
}

impl CodeAction {
    /// Name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            CodeAction::Create => "create",
            CodeAction::Rename => "rename",
            CodeAction::Move => "move",
            CodeAction::Recolour => "recolour",
            CodeAction::Describe => "describe",
            CodeAction::Merge => "merge",
            CodeAction::Delete => "delete",
        }
    }

    fn parse(s: &str) -> Option<CodeAction> {
        [
            CodeAction::Create,
            CodeAction::Rename,
            CodeAction::Move,
            CodeAction::Recolour,
            CodeAction::Describe,
            CodeAction::Merge,
            CodeAction::Delete,
        ]
        .into_iter()
        .find(|a| a.as_str() == s)
    }
}

/// One entry of the code history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeEvent {
    /// When (UTC, ISO 8601).
    pub at: String,
    /// Who.
    pub actor: String,
    /// What.
    pub action: CodeAction,
    /// The code's GUID.
    pub code_guid: String,
    /// The code's path before the change.
    pub code_path: String,
    /// The new name, path, colour or description, or the receiving code's path.
    pub detail: String,
    /// For a merge or a deletion with a move: the receiving code's GUID.
    pub target_guid: Option<String>,
    /// Codings moved or removed.
    pub codings: i64,
}

/// Longest chain of merges followed when mapping a merged code onto the
/// code that now holds its codings (A into B, then B into C …).
const MAX_MERGE_CHAIN: usize = 100;

impl CodingStore<'_> {
    /// Records one change; the caller holds the transaction of the change.
    pub(crate) fn record(
        &self,
        actor: &str,
        action: CodeAction,
        code: &Code,
        detail: &str,
        target: Option<&Code>,
        codings: usize,
    ) -> Result<()> {
        self.conn().execute(
            "INSERT INTO code_history (actor, action, code_guid, code_path, detail, target_guid, codings)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                actor,
                action.as_str(),
                code.guid,
                code.path,
                detail,
                target.map(|t| t.guid.as_str()),
                codings as i64
            ],
        )?;
        Ok(())
    }

    /// The code history, oldest first; only the events of one code (by
    /// GUID) when given.
    pub fn code_history(&self, code_guid: Option<&str>) -> Result<Vec<CodeEvent>> {
        let mut stmt = self.conn().prepare(
            "SELECT at, actor, action, code_guid, code_path, detail, target_guid, codings FROM code_history
             WHERE CAST(?1 AS TEXT) IS NULL OR code_guid = ?1 OR target_guid = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([code_guid], |r| {
            let action: String = r.get(2)?;
            Ok(CodeEvent {
                at: r.get(0)?,
                actor: r.get(1)?,
                action: CodeAction::parse(&action).unwrap_or(CodeAction::Create),
                code_guid: r.get(3)?,
                code_path: r.get(4)?,
                detail: r.get(5)?,
                target_guid: r.get(6)?,
                codings: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<policyscope_store::Result<_>>()?)
    }

    /// Whether a person created or changed the code with this GUID.
    fn touched(&self, code_guid: &str) -> Result<bool> {
        let n: i64 = self.conn().query_row(
            "SELECT count(*) FROM code_history WHERE code_guid = ?1",
            [code_guid],
            |r| r.get(0),
        )?;
        Ok(n > 0)
    }

    /// The code that now holds the codings of a merged-away code, following
    /// merges of merges.
    fn merged_into(&self, code_guid: &str) -> Result<Option<Code>> {
        let mut guid = code_guid.to_string();
        for _ in 0..MAX_MERGE_CHAIN {
            let next: Option<String> = self
                .conn()
                .query_row(
                    "SELECT target_guid FROM code_history WHERE code_guid = ?1 AND target_guid IS NOT NULL
                     ORDER BY id DESC LIMIT 1",
                    [&guid],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(next) = next else { return Ok(None) };
            if let Some(code) = self.code_by_guid(&next)? {
                return Ok(Some(code));
            }
            guid = next;
        }
        Ok(None)
    }

    /// The code a codebook's code at `path` should use when a person has
    /// had a hand in it, or `None` when the codebook may create or update
    /// the code at its path as usual. A codebook code that a person renamed,
    /// moved or restyled is found by its GUID and left as it is; a code a
    /// person made or changed at that path is left as it is; a codebook code
    /// merged into another maps onto the code that received its codings.
    pub(crate) fn adopt_for_codebook(&self, path: &str) -> Result<Option<i64>> {
        let own_guid = guid::stable(&format!("code:{path}"));
        match self.code_by_guid(&own_guid)? {
            Some(c) if c.path != path || self.touched(&c.guid)? => return Ok(Some(c.id)),
            Some(_) => {}
            None => {
                if let Some(target) = self.merged_into(&own_guid)? {
                    return Ok(Some(target.id));
                }
            }
        }
        match self.code_by_path(path)? {
            Some(c) if self.touched(&c.guid)? => Ok(Some(c.id)),
            _ => Ok(None),
        }
    }
}
