//! Review decisions: accept, reject, recode.

use policyscope_store::params;

use super::audit::AuditAction;
use super::versions::Versioned;
use super::{check_name, CodingStore, NewCoding};
use crate::model::{Coding, Review, Status};
use crate::{Error, Result};

/// What a reviewer decides about a coding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Keep it.
    Accept,
    /// Reject it (it stays, so auto-coding never proposes it again).
    Reject,
    /// Replace its code with this one.
    Recode(i64),
}

impl CodingStore<'_> {
    /// Accepts a coding on behalf of `reviewer`.
    pub fn accept(&self, coding_id: i64, reviewer: &str) -> Result<Coding> {
        self.review(coding_id, reviewer, Verdict::Accept, None)
    }

    /// Rejects a coding on behalf of `reviewer`; it stays in the store so
    /// auto-coding never proposes it again.
    pub fn reject(&self, coding_id: i64, reviewer: &str) -> Result<Coding> {
        self.review(coding_id, reviewer, Verdict::Reject, None)
    }

    /// Replaces a coding's code: the old coding is rejected (decision
    /// `recoded`) and a new one with `code_id` on the same span is made by
    /// `reviewer`, accepted. Returns the new coding.
    pub fn recode(&self, coding_id: i64, code_id: i64, reviewer: &str) -> Result<Coding> {
        self.review(coding_id, reviewer, Verdict::Recode(code_id), None)
    }

    /// Records `reviewer`'s verdict on a coding, with its review and audit
    /// entries, in one transaction. With `expected` (the version the coding
    /// was loaded at), a coding changed since is refused with
    /// [`Error::Stale`]. Returns the coding, or for a recode the new one.
    pub fn review(
        &self,
        coding_id: i64,
        reviewer: &str,
        verdict: Verdict,
        expected: Option<i64>,
    ) -> Result<Coding> {
        check_name("reviewer", reviewer)?;
        let tx = self.conn().write_transaction()?;
        let old = self.coding(coding_id)?;
        if let Verdict::Recode(code_id) = verdict {
            if old.code_id == code_id {
                return Err(Error::Invalid(format!(
                    "coding {coding_id} already has code `{}`",
                    old.code_path
                )));
            }
        }
        self.claim(Versioned::Coding, coding_id, old.version, expected, reviewer)?;
        let (status, decision, action) = match verdict {
            Verdict::Accept => (Status::Accepted, "accepted", AuditAction::Accept),
            Verdict::Reject => (Status::Rejected, "rejected", AuditAction::Reject),
            Verdict::Recode(_) => (Status::Rejected, "recoded", AuditAction::Recode),
        };
        tx.execute("UPDATE codings SET status = ?2 WHERE id = ?1", params![coding_id, status.as_str()])?;
        tx.execute(
            "INSERT INTO coding_reviews (coding_id, reviewer, decision) VALUES (?1, ?2, ?3)",
            params![coding_id, reviewer, decision],
        )?;
        let out = match verdict {
            Verdict::Recode(code_id) => {
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
                self.coding(new.id)?
            }
            _ => self.coding(coding_id)?,
        };
        let after = self.coding(coding_id)?;
        self.audit(reviewer, action, coding_id, Some(&old), Some(&after))?;
        tx.commit()?;
        Ok(out)
    }

    /// The review decisions on a coding, oldest first.
    pub fn reviews(&self, coding_id: i64) -> Result<Vec<Review>> {
        let mut stmt = self.conn().prepare(
            "SELECT coding_id, reviewer, decision, at FROM coding_reviews WHERE coding_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([coding_id], |r| {
            Ok(Review { coding_id: r.get(0)?, reviewer: r.get(1)?, decision: r.get(2)?, at: r.get(3)? })
        })?;
        Ok(rows.collect::<policyscope_store::Result<_>>()?)
    }
}
