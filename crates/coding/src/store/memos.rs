//! Memos on the project, documents, codes and codings.

use rusqlite::{params, OptionalExtension, Row};

use super::{check_name, CodingStore, NOW};
use crate::model::{Memo, MemoTarget};
use crate::{guid, Error, Result};

fn memo_from_row(r: &Row<'_>) -> rusqlite::Result<Memo> {
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
    })
}

const MEMO_COLUMNS: &str = "id, guid, target_kind, target_id, author, text, created_at, updated_at";

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
        self.conn().execute(
            "INSERT INTO memos (guid, target_kind, target_id, author, text) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![guid, kind, id, author, text],
        )?;
        self.memo(self.conn().last_insert_rowid())
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
            None => stmt.query_map([], memo_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?,
            Some(k) => {
                stmt.query_map(params![k, id], memo_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?
            }
        };
        Ok(rows)
    }

    /// Replaces a memo's text.
    pub fn update_memo(&self, id: i64, text: &str) -> Result<Memo> {
        let n = self.conn().execute(
            &format!("UPDATE memos SET text = ?2, updated_at = {NOW} WHERE id = ?1"),
            params![id, text],
        )?;
        if n == 0 {
            return Err(Error::NoSuchMemo(id));
        }
        self.memo(id)
    }

    /// Deletes a memo.
    pub fn delete_memo(&self, id: i64) -> Result<()> {
        if self.conn().execute("DELETE FROM memos WHERE id = ?1", [id])? == 0 {
            return Err(Error::NoSuchMemo(id));
        }
        Ok(())
    }
}
