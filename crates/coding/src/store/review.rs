//! Review decisions: accept, reject, recode.

use rusqlite::params;

use super::{check_name, CodingStore, NewCoding, NOW};
use crate::model::{Coding, Review, Status};
use crate::{Error, Result};

impl CodingStore<'_> {
    /// Accepts a coding on behalf of `reviewer`.
    pub fn accept(&self, coding_id: i64, reviewer: &str) -> Result<Coding> {
        self.decide(coding_id, reviewer, Status::Accepted, "accepted")
    }

    /// Rejects a coding on behalf of `reviewer`; it stays in the store so
    /// auto-coding never proposes it again.
    pub fn reject(&self, coding_id: i64, reviewer: &str) -> Result<Coding> {
        self.decide(coding_id, reviewer, Status::Rejected, "rejected")
    }

    fn decide(&self, coding_id: i64, reviewer: &str, status: Status, decision: &str) -> Result<Coding> {
        check_name("reviewer", reviewer)?;
        let tx = self.conn().unchecked_transaction()?;
        let n = tx.execute(
            &format!("UPDATE codings SET status = ?2, updated_at = {NOW} WHERE id = ?1"),
            params![coding_id, status.as_str()],
        )?;
        if n == 0 {
            return Err(Error::NoSuchCoding(coding_id.to_string()));
        }
        tx.execute(
            "INSERT INTO coding_reviews (coding_id, reviewer, decision) VALUES (?1, ?2, ?3)",
            params![coding_id, reviewer, decision],
        )?;
        tx.commit()?;
        self.coding(coding_id)
    }

    /// Replaces a coding's code: the old coding is rejected (decision
    /// `recoded`) and a new one with `code_id` on the same span is made by
    /// `reviewer`, accepted. Returns the new coding.
    pub fn recode(&self, coding_id: i64, code_id: i64, reviewer: &str) -> Result<Coding> {
        check_name("reviewer", reviewer)?;
        let old = self.coding(coding_id)?;
        if old.code_id == code_id {
            return Err(Error::Invalid(format!("coding {coding_id} already has code `{}`", old.code_path)));
        }
        let tx = self.conn().unchecked_transaction()?;
        let new = self.add_coding(&NewCoding {
            doc_id: old.doc_id,
            code_id,
            start: old.start,
            end: old.end,
            coder: reviewer.to_string(),
            status: Status::Accepted,
            guid: None,
        })?;
        tx.execute("UPDATE codings SET recoded_from = ?2 WHERE id = ?1", params![new.id, old.id])?;
        tx.execute(
            &format!("UPDATE codings SET status = 'rejected', updated_at = {NOW} WHERE id = ?1"),
            [old.id],
        )?;
        tx.execute(
            "INSERT INTO coding_reviews (coding_id, reviewer, decision) VALUES (?1, ?2, 'recoded')",
            params![old.id, reviewer],
        )?;
        tx.commit()?;
        self.coding(new.id)
    }

    /// The review decisions on a coding, oldest first.
    pub fn reviews(&self, coding_id: i64) -> Result<Vec<Review>> {
        let mut stmt = self.conn().prepare(
            "SELECT coding_id, reviewer, decision, at FROM coding_reviews WHERE coding_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([coding_id], |r| {
            Ok(Review { coding_id: r.get(0)?, reviewer: r.get(1)?, decision: r.get(2)?, at: r.get(3)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
