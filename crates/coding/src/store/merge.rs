//! Merging and deleting codes without losing a coding.
//!
//! A merge moves every coding of the merged code to the target. Where the
//! target already has a coding of the same span by the same coder, the two
//! become one: the target's row stays, the other's reviews, memos and
//! recode links are moved onto it, and it keeps the stronger status
//! (accepted over proposed over rejected). Sub-codes move under the target,
//! memos on the code go to the target, the merge is written to the code
//! history and as a memo on the target. A deletion either does the same
//! towards a code the person names, or removes the codings explicitly; a
//! code with codings is never deleted without one of the two.

use policyscope_store::{params, OptionalExtension};
use serde::Serialize;

use super::codings::{coding_from_row, CODING_COLUMNS, CODING_FROM};
use super::history::CodeAction;
use super::{CodingStore, NOW};
use crate::codename::CodeName;
use crate::model::{Code, Coding, Memo, MemoTarget, Status};
use crate::person::HumanCoder;
use crate::{Error, Result};

/// What happens to a deleted code's codings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeleteCodings {
    /// They move to this code (as in a merge).
    MoveTo(i64),
    /// They are removed, with their reviews and memos.
    Remove,
}

/// What a merge or a deletion did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeRemoval {
    /// Path of the code that is gone.
    pub removed: String,
    /// The code that received its codings, if any.
    pub target: Option<Code>,
    /// Codings moved to the target.
    pub moved: usize,
    /// Of those, codings that joined an identical coding of the target.
    pub joined: usize,
    /// Codings removed.
    pub deleted: usize,
    /// Sub-codes moved under the target.
    pub sub_codes_moved: usize,
    /// The memo that records it (on the target, or on the project).
    pub memo: Memo,
}

fn strength(s: Status) -> u8 {
    match s {
        Status::Rejected => 0,
        Status::Proposed => 1,
        Status::Accepted => 2,
    }
}

impl CodingStore<'_> {
    /// Merges code `source` into `target`: see the module documentation.
    pub fn merge_codes(&self, source: i64, target: i64, by: &HumanCoder) -> Result<CodeRemoval> {
        self.remove_code(source, Some(target), CodeAction::Merge, by)
    }

    /// Deletes a code. One with codings needs a decision about them
    /// ([`Error::DeleteNeedsDecision`] says how many there are); one with
    /// sub-codes is refused (move or delete them first).
    pub fn delete_code(
        &self,
        id: i64,
        codings: Option<DeleteCodings>,
        by: &HumanCoder,
    ) -> Result<CodeRemoval> {
        let code = self.code(id)?;
        let children: i64 =
            self.conn().query_row("SELECT count(*) FROM codes WHERE parent_id = ?1", [id], |r| r.get(0))?;
        if children > 0 {
            return Err(Error::Conflict(format!(
                "code `{}` has {children} sub-code(s): move, merge or delete them first",
                code.path
            )));
        }
        let n = self.coding_count(id)?;
        match codings {
            Some(DeleteCodings::MoveTo(t)) => self.remove_code(id, Some(t), CodeAction::Delete, by),
            Some(DeleteCodings::Remove) => self.remove_code(id, None, CodeAction::Delete, by),
            None if n == 0 => self.remove_code(id, None, CodeAction::Delete, by),
            None => Err(Error::DeleteNeedsDecision { code: code.path, codings: n }),
        }
    }

    fn remove_code(
        &self,
        id: i64,
        target: Option<i64>,
        action: CodeAction,
        by: &HumanCoder,
    ) -> Result<CodeRemoval> {
        let code = self.code(id)?;
        let target = target.map(|t| self.code(t)).transpose()?;
        let n = self.coding_count(id)?;
        if let Some(t) = &target {
            if t.id == code.id {
                return Err(Error::Invalid(format!("cannot merge `{}` into itself", code.path)));
            }
            if t.path.starts_with(&format!("{}/", code.path)) {
                return Err(Error::Invalid(format!(
                    "cannot merge `{}` into `{}`, which is inside it: move `{}` out first",
                    code.path, t.path, t.path
                )));
            }
            if !t.codable && n > 0 {
                return Err(Error::NotCodable(t.path.clone()));
            }
        }
        let tx = self.conn().unchecked_transaction()?;
        let children = self.adopt_children(&code, target.as_ref())?;
        let (mut moved, mut joined, mut deleted) = (0, 0, 0);
        for c in self.codings_of(id)? {
            match &target {
                Some(t) => {
                    moved += 1;
                    joined += usize::from(self.move_coding(&c, t.id)?);
                }
                None => {
                    self.delete_coding_rows(c.id)?;
                    deleted += 1;
                }
            }
        }
        let verb = if action == CodeAction::Merge { "Merged" } else { "Deleted" };
        let text = match &target {
            Some(t) => format!(
                "{verb} code `{}` into `{}` ({}): {moved} coding(s) moved{}.",
                code.path,
                t.path,
                by.as_str(),
                if joined > 0 {
                    format!(", {joined} of them joined an identical coding")
                } else {
                    String::new()
                }
            ),
            None => format!("Deleted code `{}` ({}): {deleted} coding(s) removed.", code.path, by.as_str()),
        };
        // Memos on the code follow its codings; without a target they stay
        // with the project, marked, rather than disappear.
        match &target {
            Some(t) => self.conn().execute(
                "UPDATE memos SET target_id = ?2 WHERE target_kind = 'code' AND target_id = ?1",
                params![id, t.id],
            )?,
            None => self.conn().execute(
                &format!(
                    "UPDATE memos SET target_kind = 'project', target_id = NULL, updated_at = {NOW},
                     text = '[on deleted code ' || ?2 || '] ' || text WHERE target_kind = 'code' AND target_id = ?1"
                ),
                params![id, code.path],
            )?,
        };
        let detail = target.as_ref().map_or(String::new(), |t| t.path.clone());
        self.record(by.as_str(), action, &code, &detail, target.as_ref(), moved + deleted)?;
        self.conn().execute("DELETE FROM codes WHERE id = ?1", [id])?;
        let memo_target = target.as_ref().map_or(MemoTarget::Project, |t| MemoTarget::Code(t.id));
        let memo = self.add_memo(memo_target, by.as_str(), &text)?;
        tx.commit()?;
        Ok(CodeRemoval {
            removed: code.path,
            target: target.map(|t| self.code(t.id)).transpose()?,
            moved,
            joined,
            deleted,
            sub_codes_moved: children,
            memo,
        })
    }

    /// Moves the sub-codes of `code` under `target` (refusing a name the
    /// target already has below it); returns how many moved.
    fn adopt_children(&self, code: &Code, target: Option<&Code>) -> Result<usize> {
        let children: Vec<Code> =
            self.codes()?.into_iter().filter(|c| c.parent_id == Some(code.id)).collect();
        let Some(t) = target else { return Ok(children.len()) };
        for child in &children {
            let path = format!("{}/{}", t.path, CodeName::new(&child.name)?);
            if let Some(clash) = self.code_by_path(&path)? {
                return Err(Error::Conflict(format!(
                    "`{}` has a sub-code `{}` and `{}` has one of the same name: merge those first",
                    code.path, child.name, clash.path
                )));
            }
            self.relocate(child, Some(t.id), &child.name, &path)?;
        }
        Ok(children.len())
    }

    /// Every coding of the code itself, whatever its status.
    fn codings_of(&self, code_id: i64) -> Result<Vec<Coding>> {
        let sql = format!("SELECT {CODING_COLUMNS} FROM {CODING_FROM} WHERE c.code_id = ?1 ORDER BY c.id");
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map([code_id], coding_from_row)?;
        Ok(rows.collect::<policyscope_store::Result<_>>()?)
    }

    /// Moves one coding to `target`; returns whether it joined an identical
    /// coding there (same document, span and coder).
    fn move_coding(&self, c: &Coding, target: i64) -> Result<bool> {
        let twin: Option<(i64, String)> = self
            .conn()
            .query_row(
                "SELECT id, status FROM codings WHERE doc_id = ?1 AND code_id = ?2 AND start = ?3 AND end = ?4
                 AND coder = ?5",
                params![c.doc_id, target, c.start, c.end, c.coder],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((twin, twin_status)) = twin else {
            self.conn().execute(
                &format!("UPDATE codings SET code_id = ?2, updated_at = {NOW} WHERE id = ?1"),
                params![c.id, target],
            )?;
            return Ok(false);
        };
        let twin_status = Status::parse(&twin_status).unwrap_or(Status::Proposed);
        let keep = if strength(c.status) > strength(twin_status) { c.status } else { twin_status };
        let (id, conn) = (c.id, self.conn());
        conn.execute("UPDATE coding_reviews SET coding_id = ?2 WHERE coding_id = ?1", params![id, twin])?;
        conn.execute(
            "UPDATE memos SET target_id = ?2 WHERE target_kind = 'coding' AND target_id = ?1",
            params![id, twin],
        )?;
        conn.execute(
            "UPDATE codings SET recoded_from = CASE WHEN id = ?2 THEN NULL ELSE ?2 END WHERE recoded_from = ?1",
            params![id, twin],
        )?;
        conn.execute(
            &format!("UPDATE codings SET status = ?2, updated_at = {NOW} WHERE id = ?1"),
            params![twin, keep.as_str()],
        )?;
        conn.execute("DELETE FROM codings WHERE id = ?1", [id])?;
        Ok(true)
    }
}
