//! The audit log: who changed which coding, review or memo, and when.
//!
//! Each entry is written by the change itself, in its transaction, so the
//! log never names a change that did not happen nor misses one that did.
//! Changes to the code tree are already recorded, with the detail a
//! codebook run needs, in the code history (`history.rs`); [`CodingStore::audit_log`]
//! reads both, so each change is stored once.

use policyscope_store::params;
use serde::{Deserialize, Serialize};

use super::CodingStore;
use crate::Result;

/// What a person did to a coding or a memo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AuditAction {
    /// Coded a passage.
    Code,
    /// Accepted a coding.
    Accept,
    /// Rejected a coding.
    Reject,
    /// Replaced a coding's code (the entry is on the old coding).
    Recode,
    /// Deleted a coding.
    Delete,
    /// Wrote a memo.
    Memo,
    /// Changed a memo's text.
    EditMemo,
    /// Deleted a memo.
    DeleteMemo,
}

impl AuditAction {
    /// Name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Code => "code",
            AuditAction::Accept => "accept",
            AuditAction::Reject => "reject",
            AuditAction::Recode => "recode",
            AuditAction::Delete => "delete",
            AuditAction::Memo => "memo",
            AuditAction::EditMemo => "edit-memo",
            AuditAction::DeleteMemo => "delete-memo",
        }
    }

    /// What is changed: a coding or a memo.
    fn target_kind(self) -> AuditTarget {
        match self {
            AuditAction::Memo | AuditAction::EditMemo | AuditAction::DeleteMemo => AuditTarget::Memo,
            _ => AuditTarget::Coding,
        }
    }
}

/// What an audit entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuditTarget {
    /// A coding (and its reviews).
    Coding,
    /// A memo.
    Memo,
    /// A code of the code tree (from the code history).
    Code,
}

impl AuditTarget {
    fn parse(s: &str) -> AuditTarget {
        match s {
            "memo" => AuditTarget::Memo,
            "code" => AuditTarget::Code,
            _ => AuditTarget::Coding,
        }
    }
}

/// One change, as `policyscope audit` and `GET /api/audit` show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// When (UTC, ISO 8601).
    pub at: String,
    /// Who.
    pub user: String,
    /// What: an [`AuditAction`] name, or for the code tree a code-history
    /// action (`create`, `rename`, `merge` …).
    pub action: String,
    /// What it is about.
    pub target_kind: AuditTarget,
    /// The coding's or memo's id (none for a code: codes are named by GUID).
    pub target_id: Option<i64>,
    /// The code's GUID (code-tree changes only).
    pub target_guid: Option<String>,
    /// The row before the change (null when it was made by it).
    pub before: serde_json::Value,
    /// The row after the change (null when it was deleted by it).
    pub after: serde_json::Value,
}

/// Which entries to read.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Only changes at or after this time (an ISO 8601 prefix such as `2026-12-01` works).
    pub since: Option<String>,
    /// Only this person's changes.
    pub user: Option<String>,
}

impl CodingStore<'_> {
    /// Records a change of a coding or memo; the caller holds its transaction.
    pub(crate) fn audit<B: Serialize, A: Serialize>(
        &self,
        actor: &str,
        action: AuditAction,
        target_id: i64,
        before: Option<&B>,
        after: Option<&A>,
    ) -> Result<()> {
        let before = before.map(serde_json::to_string).transpose().map_err(to_invalid)?;
        let after = after.map(serde_json::to_string).transpose().map_err(to_invalid)?;
        let kind = match action.target_kind() {
            AuditTarget::Memo => "memo",
            _ => "coding",
        };
        self.conn().execute(
            "INSERT INTO audit_log (actor, action, target_kind, target_id, before, after)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![actor, action.as_str(), kind, target_id, before, after],
        )?;
        Ok(())
    }

    /// The audit log, oldest first: changes of codings, reviews and memos
    /// with the code history's changes of the code tree.
    pub fn audit_log(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
        let since = filter.since.clone().unwrap_or_default();
        let mut stmt = self.conn().prepare(
            "SELECT at, actor, action, target_kind, target_id, before, after, id FROM audit_log
             WHERE at >= ?1 AND actor = COALESCE(?2, actor) ORDER BY at, id",
        )?;
        let parse = |s: Option<String>| {
            s.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or(serde_json::Value::Null)
        };
        let rows = stmt.query_map(params![since, filter.user], |r| {
            Ok(AuditEntry {
                at: r.get(0)?,
                user: r.get(1)?,
                action: r.get(2)?,
                target_kind: AuditTarget::parse(&r.get::<_, String>(3)?),
                target_id: r.get(4)?,
                target_guid: None,
                before: parse(r.get(5)?),
                after: parse(r.get(6)?),
            })
        })?;
        let mut out: Vec<AuditEntry> = rows.collect::<policyscope_store::Result<_>>()?;
        let tree = self.code_history(None)?.into_iter().filter(|e| {
            e.at.as_str() >= since.as_str() && filter.user.as_ref().is_none_or(|u| *u == e.actor)
        });
        out.extend(tree.map(|e| AuditEntry {
            at: e.at,
            user: e.actor,
            action: e.action.as_str().to_string(),
            target_kind: AuditTarget::Code,
            target_id: None,
            target_guid: Some(e.code_guid),
            before: serde_json::json!({ "path": e.code_path }),
            after: serde_json::json!({ "detail": e.detail, "target_guid": e.target_guid, "codings": e.codings }),
        }));
        // Both lists are in time order; a stable sort keeps each one's order
        // on ties. Timestamps have millisecond precision: within one
        // millisecond a code-tree change is listed after the others.
        out.sort_by(|a, b| a.at.cmp(&b.at));
        Ok(out)
    }
}

fn to_invalid(e: serde_json::Error) -> crate::Error {
    crate::Error::Invalid(format!("cannot summarise the change: {e}"))
}
