//! Memos on the project, documents, codes and codings.

use policyscope_store::{params, OptionalExtension, Row};

use super::audit::AuditAction;
use super::versions::Versioned;
use super::{check_name, CodingStore};
use crate::model::{Memo, MemoTarget};
use crate::{guid, Error, Result};

fn memo_from_row(r: &Row<'_>) -> policyscope_store::Result<Memo> {
    let kind: String = r.get(2)?;
    let target_id: Option<i64> = r.get(3)?;
    Ok(Memo {
        id: r.get(0)?,
        guid: r.get(1)?,
        target: MemoTarget::from_parts(&kind, target_id).unwrap_or(MemoTarget::Project),
        author: r.get(4)?,
        text: r.get(5)?,
        created_at: r.get(6)?,
        updated_at: r.get(7)?,
        version: r.get(8)?,
        updated_by: r.get(9)?,
    })
}

const MEMO_COLUMNS: &str =
    "id, guid, target_kind, target_id, author, text, created_at, updated_at, version, updated_by";

impl CodingStore<'_> {
    /// Writes a memo by `author` on `target` (which must exist).
    pub fn add_memo(&self, target: MemoTarget, author: &str, text: &str) -> Result<Memo> {
        self.add_memo_with_guid(target, author, text, None)
    }

    /// [`add_memo`](Self::add_memo) keeping a given GUID (for imports).
    pub fn add_memo_with_guid(
        &self,
        target: MemoTarget,
        author: &str,
        text: &str,
        guid: Option<&str>,
    ) -> Result<Memo> {
        check_name("author", author)?;
        match target {
            MemoTarget::Project => {}
            MemoTarget::Document(id) => {
                self.project().document_meta(id)?;
            }
            MemoTarget::Code(id) => {
                self.code(id)?;
            }
            MemoTarget::Coding(id) => {
                self.coding(id)?;
            }
        }
        let (kind, id) = target.parts();
        let guid =
            guid.map(str::to_string).unwrap_or_else(|| guid::fresh(&format!("memo:{kind}:{id:?}:{text}")));
        let id = self.conn().query_row(
            "INSERT INTO memos (guid, target_kind, target_id, author, text) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
            params![guid, kind, id, author, text],
            |r| r.get(0),
        )?;
        self.memo(id)
    }

    /// One memo.
    pub fn memo(&self, id: i64) -> Result<Memo> {
        let sql = format!("SELECT {MEMO_COLUMNS} FROM memos WHERE id = ?1");
        self.conn().query_row(&sql, [id], memo_from_row).optional()?.ok_or(Error::NoSuchMemo(id))
    }

    /// Memos on `target`, or all memos, oldest first.
    pub fn memos(&self, target: Option<MemoTarget>) -> Result<Vec<Memo>> {
        let (sql, kind, id) = match target {
            None => (format!("SELECT {MEMO_COLUMNS} FROM memos ORDER BY id"), None, None),
            Some(t) => {
                let (k, i) = t.parts();
                (
                    format!(
                        "SELECT {MEMO_COLUMNS} FROM memos WHERE target_kind = ?1 AND target_id IS ?2 ORDER BY id"
                    ),
                    Some(k),
                    i,
                )
            }
        };
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = match kind {
            None => stmt.query_map([], memo_from_row)?.collect::<policyscope_store::Result<Vec<_>>>()?,
            Some(k) => stmt
                .query_map(params![k, id], memo_from_row)?
                .collect::<policyscope_store::Result<Vec<_>>>()?,
        };
        Ok(rows)
    }

    /// A person writes a memo: [`add_memo`](Self::add_memo) with its audit
    /// entry, in one transaction.
    pub fn write_memo(&self, target: MemoTarget, author: &str, text: &str) -> Result<Memo> {
        let tx = self.conn().write_transaction()?;
        let memo = self.add_memo(target, author, text)?;
        self.audit::<Memo, Memo>(author, AuditAction::Memo, memo.id, None, Some(&memo))?;
        tx.commit()?;
        Ok(memo)
    }

    /// `by` replaces a memo's text, with its audit entry, in one
    /// transaction; with `expected` (the version it was loaded at) a memo
    /// changed since is refused with [`Error::Stale`].
    pub fn update_memo(&self, id: i64, text: &str, by: &str, expected: Option<i64>) -> Result<Memo> {
        check_name("author", by)?;
        let tx = self.conn().write_transaction()?;
        let old = self.memo(id)?;
        self.claim(Versioned::Memo, id, old.version, expected, by)?;
        self.conn().execute("UPDATE memos SET text = ?2 WHERE id = ?1", params![id, text])?;
        let new = self.memo(id)?;
        self.audit(by, AuditAction::EditMemo, id, Some(&old), Some(&new))?;
        tx.commit()?;
        Ok(new)
    }

    /// `by` deletes a memo, as [`update_memo`](Self::update_memo) changes one.
    pub fn delete_memo(&self, id: i64, by: &str, expected: Option<i64>) -> Result<()> {
        check_name("author", by)?;
        let tx = self.conn().write_transaction()?;
        let old = self.memo(id)?;
        self.claim(Versioned::Memo, id, old.version, expected, by)?;
        self.conn().execute("DELETE FROM memos WHERE id = ?1", [id])?;
        self.audit::<Memo, Memo>(by, AuditAction::DeleteMemo, id, Some(&old), None)?;
        tx.commit()?;
        Ok(())
    }
}
