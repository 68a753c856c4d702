//! Which codings a listing or query looks at.

use policyscope_store::Value;
use policyscope_text::DateRange;
use serde::{Deserialize, Serialize};

use crate::model::{Status, AUTO_PREFIX};

/// A selection of codings. Empty fields select everything; superseded
/// document versions are left out unless asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodingFilter {
    /// Only this document.
    pub doc_id: Option<i64>,
    /// Only this code and the codes below it (path).
    pub code: Option<String>,
    /// Only "the codings of" this coder (see [`CodingFilter::coder`] semantics
    /// in the crate docs): a person's own and accepted codings, or an
    /// auto-coder's proposals (`auto:study` = any version, `auto:study@1` = one).
    pub coder: Option<String>,
    /// Only these statuses (empty: all).
    pub statuses: Vec<Status>,
    /// Only codings made or changed within these dates (`until 2024-05`
    /// includes all of May 2024).
    pub changed: DateRange,
    /// Only documents dated within these dates; undated documents pass only
    /// a window without bounds. Applied by [`CodingStore::codings`] through
    /// [`DateRange::admits`], the one reading of partial dates.
    ///
    /// [`CodingStore::codings`]: crate::CodingStore::codings
    pub dated: DateRange,
    /// Also codings of superseded document versions.
    pub include_superseded: bool,
}

impl CodingFilter {
    /// Codings that are not rejected (the default view of queries).
    pub fn not_rejected() -> CodingFilter {
        CodingFilter { statuses: vec![Status::Proposed, Status::Accepted], ..CodingFilter::default() }
    }

    /// The SQL condition over `c` (codings), `k` (codes) and `d` (documents),
    /// with its parameters.
    pub(crate) fn to_sql(&self) -> (String, Vec<Value>) {
        let mut conds: Vec<String> = Vec::new();
        let mut params: Vec<Value> = Vec::new();
        let mut push = |cond: &str, vals: Vec<Value>, conds: &mut Vec<String>| {
            let mut c = cond.to_string();
            for v in vals {
                params.push(v);
                c = c.replacen("{}", &format!("?{}", params.len()), 1);
            }
            conds.push(c);
        };
        if !self.include_superseded {
            push("d.superseded = 0", vec![], &mut conds);
        }
        if let Some(id) = self.doc_id {
            push("c.doc_id = {}", vec![Value::Integer(id)], &mut conds);
        }
        if let Some(path) = &self.code {
            push(
                "(k.path = {} OR substr(k.path, 1, length({}) + 1) = {} || '/')",
                vec![Value::Text(path.clone()), Value::Text(path.clone()), Value::Text(path.clone())],
                &mut conds,
            );
        }
        if let Some(coder) = &self.coder {
            if let Some(book) = coder.strip_prefix(AUTO_PREFIX) {
                if book.contains('@') {
                    push("c.coder = {}", vec![Value::Text(coder.clone())], &mut conds);
                } else {
                    let prefix = format!("{coder}@");
                    push(
                        "substr(c.coder, 1, length({})) = {}",
                        vec![Value::Text(prefix.clone()), Value::Text(prefix)],
                        &mut conds,
                    );
                }
            } else {
                // A person's codings: those they made and have not themselves
                // rejected since, plus others' codings whose latest review by
                // them is an acceptance.
                let latest = "(SELECT r.decision FROM coding_reviews r WHERE r.coding_id = c.id \
                              AND r.reviewer = {} ORDER BY r.id DESC LIMIT 1)";
                let cond = format!(
                    "((c.coder = {{}} AND COALESCE({latest}, 'accepted') = 'accepted') OR {latest} = 'accepted')"
                );
                push(&cond, vec![Value::Text(coder.clone()); 3], &mut conds);
            }
        }
        if !self.statuses.is_empty() {
            let marks = vec!["{}"; self.statuses.len()].join(", ");
            let vals = self.statuses.iter().map(|s| Value::Text(s.as_str().to_string())).collect();
            push(&format!("c.status IN ({marks})"), vals, &mut conds);
        }
        // Timestamps are stored as ISO text; compared with full days (the
        // first day of `from`, the last of `to`), text order is date order.
        if let Some(from) = self.changed.from {
            push("c.updated_at >= {}", vec![Value::Text(from.first_day().to_string())], &mut conds);
        }
        if let Some(to) = self.changed.to {
            push(
                "substr(c.updated_at, 1, 10) <= {}",
                vec![Value::Text(to.last_day().to_string())],
                &mut conds,
            );
        }
        let sql = if conds.is_empty() { "1".to_string() } else { conds.join(" AND ") };
        (sql, params)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_parameters_in_order() {
        let f = CodingFilter {
            doc_id: Some(3),
            coder: Some("alice".into()),
            statuses: vec![Status::Accepted],
            include_superseded: true,
            ..CodingFilter::default()
        };
        let (sql, params) = f.to_sql();
        assert_eq!(params.len(), 5);
        assert!(sql.starts_with("c.doc_id = ?1 AND ((c.coder = ?2"), "{sql}");
        assert!(sql.ends_with("c.status IN (?5)"), "{sql}");
        assert!(!sql.contains("{}"));
        let (all, none) = CodingFilter { include_superseded: true, ..CodingFilter::default() }.to_sql();
        assert_eq!((all.as_str(), none.len()), ("1", 0));
    }

    #[test]
    fn auto_coder_without_version_selects_the_family() {
        let (sql, params) =
            CodingFilter { coder: Some("auto:study".into()), ..CodingFilter::default() }.to_sql();
        assert!(sql.contains("substr(c.coder, 1, length(?1)) = ?2"), "{sql}");
        assert_eq!(params[0], Value::Text("auto:study@".into()));
    }

    #[test]
    fn changed_until_a_month_reaches_its_last_day() {
        let day = |s: &str| s.parse().ok();
        let changed = DateRange { from: day("2024"), to: day("2024-02") };
        let (sql, params) =
            CodingFilter { changed, include_superseded: true, ..CodingFilter::default() }.to_sql();
        assert_eq!(sql, "c.updated_at >= ?1 AND substr(c.updated_at, 1, 10) <= ?2");
        assert_eq!(params, [Value::Text("2024-01-01".into()), Value::Text("2024-02-29".into())]);
    }
}
