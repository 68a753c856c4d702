//! Codings: listing and adding.

use policyscope_store::{params, params_from_iter, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::audit::AuditAction;
use super::versions::Versioned;
use super::{check_name, CodingFilter, CodingStore, NOW};
use crate::model::{Coding, Status};
use crate::{guid, Error, Result};

/// A coding to add.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCoding {
    /// The document.
    pub doc_id: i64,
    /// The code (must be codable).
    pub code_id: i64,
    /// First code point.
    pub start: i64,
    /// One past the last code point.
    pub end: i64,
    /// Who codes (a person, or an imported tool's user).
    pub coder: String,
    /// Usually [`Status::Accepted`] for a person's coding.
    pub status: Status,
    /// GUID to keep (e.g. from a REFI-QDA file); a fresh one otherwise.
    pub guid: Option<String>,
}

pub(crate) const CODING_COLUMNS: &str =
    "c.id, c.guid, c.doc_id, c.code_id, k.path, c.start, c.end, c.coder, \
     c.status, c.rule, c.matched, c.recoded_from, c.created_at, c.updated_at, c.version, c.updated_by";

pub(crate) const CODING_FROM: &str =
    "codings c JOIN codes k ON k.id = c.code_id JOIN documents d ON d.id = c.doc_id";

pub(crate) fn coding_from_row(r: &Row<'_>) -> policyscope_store::Result<Coding> {
    let status: String = r.get(8)?;
    Ok(Coding {
        id: r.get(0)?,
        guid: r.get(1)?,
        doc_id: r.get(2)?,
        code_id: r.get(3)?,
        code_path: r.get(4)?,
        start: r.get(5)?,
        end: r.get(6)?,
        coder: r.get(7)?,
        status: Status::parse(&status).unwrap_or(Status::Proposed),
        rule: r.get(9)?,
        matched: r.get(10)?,
        recoded_from: r.get(11)?,
        created_at: r.get(12)?,
        updated_at: r.get(13)?,
        version: r.get(14)?,
        updated_by: r.get(15)?,
    })
}

impl CodingStore<'_> {
    /// Codings selected by `filter`, ordered by document, start, code.
    pub fn codings(&self, filter: &CodingFilter) -> Result<Vec<Coding>> {
        let (cond, values) = filter.to_sql();
        let sql = format!(
            "SELECT {CODING_COLUMNS} FROM {CODING_FROM} WHERE {cond} ORDER BY c.doc_id, c.start, c.end, k.path, c.id"
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(values), coding_from_row)?;
        let mut codings: Vec<Coding> = rows.collect::<policyscope_store::Result<_>>()?;
        if !filter.dated.is_unbounded() {
            // Stored dates may be partial; the date type decides, not text order.
            let dates: std::collections::HashMap<i64, Option<policyscope_text::PolicyDate>> =
                self.project().documents(true)?.into_iter().map(|d| (d.id, d.date)).collect();
            codings.retain(|c| filter.dated.admits(dates.get(&c.doc_id).and_then(Option::as_ref)));
        }
        Ok(codings)
    }

    /// One coding by id.
    pub fn coding(&self, id: i64) -> Result<Coding> {
        let sql = format!("SELECT {CODING_COLUMNS} FROM {CODING_FROM} WHERE c.id = ?1");
        self.conn()
            .query_row(&sql, [id], coding_from_row)
            .optional()?
            .ok_or_else(|| Error::NoSuchCoding(id.to_string()))
    }

    /// One coding by GUID.
    pub fn coding_by_guid(&self, guid: &str) -> Result<Option<Coding>> {
        let sql = format!("SELECT {CODING_COLUMNS} FROM {CODING_FROM} WHERE c.guid = ?1");
        Ok(self.conn().query_row(&sql, [guid], coding_from_row).optional()?)
    }

    /// Adds a coding on a span. Adding the same span, code and coder again
    /// returns the existing coding with the new status.
    pub fn add_coding(&self, new: &NewCoding) -> Result<Coding> {
        check_name("coder", &new.coder)?;
        let code = self.code(new.code_id)?;
        if !code.codable {
            return Err(Error::NotCodable(code.path));
        }
        let len = self.project().document_meta(new.doc_id)?.char_count;
        if new.start < 0 || new.end <= new.start || new.end > len {
            return Err(Error::BadSpan { doc_id: new.doc_id, start: new.start, end: new.end, len });
        }
        let guid = new.guid.clone().unwrap_or_else(|| {
            guid::fresh(&format!("{}:{}:{}:{}:{}", new.doc_id, new.code_id, new.start, new.end, new.coder))
        });
        self.conn().execute(
            &format!(
                "INSERT INTO codings (guid, doc_id, code_id, start, end, coder, status)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT(doc_id, code_id, start, end, coder)
                 DO UPDATE SET status = excluded.status, version = codings.version + 1, updated_at = {NOW}"
            ),
            params![guid, new.doc_id, new.code_id, new.start, new.end, new.coder, new.status.as_str()],
        )?;
        let id: i64 = self.conn().query_row(
            "SELECT id FROM codings WHERE doc_id = ?1 AND code_id = ?2 AND start = ?3 AND end = ?4 AND coder = ?5",
            params![new.doc_id, new.code_id, new.start, new.end, new.coder],
            |r| r.get(0),
        )?;
        self.coding(id)
    }

    /// A person codes a passage: [`add_coding`](Self::add_coding) with its
    /// audit entry, in one transaction. Two people coding the same passage
    /// at once each keep their own coding (they differ by coder).
    pub fn code_passage(&self, new: &NewCoding) -> Result<Coding> {
        let tx = self.conn().write_transaction()?;
        let coding = self.add_coding(new)?;
        self.audit::<Coding, Coding>(&new.coder, AuditAction::Code, coding.id, None, Some(&coding))?;
        tx.commit()?;
        Ok(coding)
    }

    /// Deletes a coding with its reviews and memos (for re-imports and
    /// undo; review normally rejects instead, which is kept).
    pub fn delete_coding(&self, id: i64) -> Result<()> {
        let tx = self.conn().unchecked_transaction()?;
        let n = self.delete_coding_rows(id)?;
        tx.commit()?;
        if n == 0 {
            return Err(Error::NoSuchCoding(id.to_string()));
        }
        Ok(())
    }

    /// `by` deletes a coding, with its audit entry, in one transaction;
    /// with `expected` (the version it was loaded at) a coding changed since
    /// is refused with [`Error::Stale`].
    pub fn delete_coding_by(&self, id: i64, by: &str, expected: Option<i64>) -> Result<()> {
        check_name("person", by)?;
        let tx = self.conn().write_transaction()?;
        let old = self.coding(id)?;
        self.claim(Versioned::Coding, id, old.version, expected, by)?;
        self.delete_coding_rows(id)?;
        self.audit::<Coding, Coding>(by, AuditAction::Delete, id, Some(&old), None)?;
        tx.commit()?;
        Ok(())
    }

    /// Deletes a coding's rows (its reviews, memos and recode links with
    /// it); the caller holds the transaction. Returns the rows deleted.
    pub(crate) fn delete_coding_rows(&self, id: i64) -> Result<usize> {
        let c = self.conn();
        c.execute("UPDATE codings SET recoded_from = NULL WHERE recoded_from = ?1", [id])?;
        c.execute("DELETE FROM coding_reviews WHERE coding_id = ?1", [id])?;
        c.execute("DELETE FROM memos WHERE target_kind = 'coding' AND target_id = ?1", [id])?;
        Ok(c.execute("DELETE FROM codings WHERE id = ?1", [id])?)
    }
}
