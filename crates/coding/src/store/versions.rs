//! Optimistic locking of codings and memos.
//!
//! Every change first *claims* its row: one `UPDATE … WHERE version = ?`
//! that bumps the version and names who changes it. The claim is the check:
//! on PostgreSQL a second writer of the same row waits for the first's
//! commit and then finds the version moved; on SQLite writes are serialised.
//! A change that finds the row changed since it was loaded is refused with
//! [`Error::Stale`], naming who changed it.

use policyscope_store::params;

use super::{CodingStore, NOW};
use crate::{Error, Result};

/// The two tables whose rows carry a version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Versioned {
    Coding,
    Memo,
}

impl Versioned {
    fn table(self) -> &'static str {
        match self {
            Versioned::Coding => "codings",
            Versioned::Memo => "memos",
        }
    }

    fn kind(self) -> &'static str {
        match self {
            Versioned::Coding => "coding",
            Versioned::Memo => "memo",
        }
    }
}

impl CodingStore<'_> {
    /// Claims row `id` of `what` for a change by `by`, if it is still at
    /// `seen` (the version the change was decided on) and, when the caller
    /// sent one, at `expected`. The caller holds the transaction.
    pub(crate) fn claim(
        &self,
        what: Versioned,
        id: i64,
        seen: i64,
        expected: Option<i64>,
        by: &str,
    ) -> Result<()> {
        if expected.is_some_and(|v| v != seen) {
            return Err(self.stale(what, id)?);
        }
        let table = what.table();
        let n = self.conn().execute(
            &format!(
                "UPDATE {table} SET version = version + 1, updated_by = ?3, updated_at = {NOW}
                 WHERE id = ?1 AND version = ?2"
            ),
            params![id, seen, by],
        )?;
        if n == 0 {
            return Err(self.stale(what, id)?);
        }
        Ok(())
    }

    /// The refusal of a change to a row someone else changed (or deleted).
    fn stale(&self, what: Versioned, id: i64) -> Result<Error> {
        let (by, at, current) = match what {
            Versioned::Coding => match self.coding(id) {
                Ok(c) => {
                    (c.updated_by.clone().unwrap_or_else(|| c.coder.clone()), c.updated_at.clone(), json(&c)?)
                }
                Err(Error::NoSuchCoding(_)) => return Ok(Error::NoSuchCoding(id.to_string())),
                Err(e) => return Err(e),
            },
            Versioned::Memo => match self.memo(id) {
                Ok(m) => (
                    m.updated_by.clone().unwrap_or_else(|| m.author.clone()),
                    m.updated_at.clone(),
                    json(&m)?,
                ),
                Err(Error::NoSuchMemo(_)) => return Ok(Error::NoSuchMemo(id)),
                Err(e) => return Err(e),
            },
        };
        Ok(Error::Stale { kind: what.kind(), id, changed_by: by, changed_at: at, current: Box::new(current) })
    }
}

fn json<T: serde::Serialize>(value: &T) -> Result<serde_json::Value> {
    serde_json::to_value(value).map_err(|e| Error::Invalid(format!("cannot summarise the row: {e}")))
}

#[cfg(test)]
mod tests {
    use policyscope_corpus::import::{import_paths, ImportOptions};

    use crate::model::{MemoTarget, Status};
    use crate::{CodeName, CodingStore, Error, HumanCoder, NewCoding, Verdict};

    fn project(dir: &std::path::Path) -> policyscope_corpus::Project {
        let mut project = policyscope_corpus::Project::init(&dir.join("p")).unwrap();
        let file = dir.join("law-2021.md");
        std::fs::write(&file, "# 关于标准化的通知\n\n2021年1月1日\n\n推进标准化工作，提升标准质量。\n")
            .unwrap();
        let summary = import_paths(&mut project, &[file], &ImportOptions::default(), &mut |_| {});
        assert_eq!(summary.imported(), 1);
        project
    }

    #[test]
    fn a_change_from_an_older_version_is_refused_naming_who_changed_it() {
        let tmp = tempfile::tempdir().unwrap();
        let project = project(tmp.path());
        let store = CodingStore::open(&project).unwrap();
        let lead = HumanCoder::new("lead").unwrap();
        let code = store.create_code(&CodeName::new("标准").unwrap(), None, None, "", &lead).unwrap();
        let doc = project.documents(false).unwrap()[0].id;
        let new = NewCoding {
            doc_id: doc,
            code_id: code.id,
            start: 0,
            end: 2,
            coder: "alice".into(),
            status: Status::Accepted,
            guid: None,
        };
        let c = store.code_passage(&new).unwrap();
        assert_eq!((c.version, c.updated_by.as_deref()), (1, None));
        let rejected = store.review(c.id, "bob", Verdict::Reject, Some(1)).unwrap();
        assert_eq!((rejected.version, rejected.updated_by.as_deref()), (2, Some("bob")));

        match store.review(c.id, "carol", Verdict::Accept, Some(1)) {
            Err(Error::Stale { kind: "coding", changed_by, current, .. }) => {
                assert_eq!(changed_by, "bob");
                assert_eq!(current["status"], "rejected");
            }
            other => panic!("expected a stale refusal, got {other:?}"),
        }
        assert!(matches!(store.delete_coding_by(c.id, "carol", Some(1)), Err(Error::Stale { .. })));
        let kept = store.coding(c.id).unwrap();
        assert_eq!(
            (kept.status, kept.version),
            (Status::Rejected, 2),
            "nothing of the refused changes was applied"
        );
        assert_eq!(store.reviews(c.id).unwrap().len(), 1);

        let memo = store.write_memo(MemoTarget::Coding(c.id), "alice", "why").unwrap();
        store.update_memo(memo.id, "because", "bob", Some(memo.version)).unwrap();
        match store.update_memo(memo.id, "lost", "alice", Some(memo.version)) {
            Err(Error::Stale { kind: "memo", changed_by, .. }) => assert_eq!(changed_by, "bob"),
            other => panic!("expected a stale refusal, got {other:?}"),
        }
        assert_eq!(store.memo(memo.id).unwrap().text, "because");
        let log = store.audit_log(&Default::default()).unwrap();
        assert!(log.windows(2).all(|w| w[0].at <= w[1].at), "in time order");
        // The code's creation comes from the code history; within one
        // millisecond its place among the other changes is not known.
        let (tree, rows): (Vec<_>, Vec<_>) =
            log.iter().partition(|e| e.target_kind == crate::AuditTarget::Code);
        assert_eq!(
            tree.iter().map(|e| (e.user.as_str(), e.action.as_str())).collect::<Vec<_>>(),
            [("lead", "create")]
        );
        let actions: Vec<String> = rows.iter().map(|e| format!("{} {}", e.user, e.action)).collect();
        assert_eq!(actions, ["alice code", "bob reject", "alice memo", "bob edit-memo"]);
    }
}
