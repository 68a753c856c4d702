//! The order to fill tables in so that every foreign key finds its row.

use std::collections::{BTreeMap, BTreeSet};

use super::catalog::Table;

/// Tables in an order where each comes after the tables it references, and
/// the foreign-key columns that cannot be filled in that order (a table
/// referencing itself, or a cycle of tables): those are written as NULL
/// first and set once every row is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Indexes into the tables given to [`plan`], in filling order.
    pub order: Vec<usize>,
    /// Per table (same indexes), the columns to set after all rows are in.
    pub deferred: Vec<Vec<usize>>,
}

/// Why no filling order exists.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the tables {0:?} reference each other through columns that refuse NULL, so no order can fill them")]
pub struct Cycle(pub Vec<String>);

/// Orders `tables` by their foreign keys (references to tables outside the
/// list are ignored). Among tables that are free at the same time the one
/// first by name goes first, so the order does not depend on the catalog's.
/// Iterative: the schema's shape never drives recursion.
pub fn plan(tables: &[Table]) -> Result<Plan, Cycle> {
    let index: BTreeMap<String, usize> =
        tables.iter().enumerate().map(|(i, t)| (t.name.to_ascii_lowercase(), i)).collect();
    let mut deferred: Vec<Vec<usize>> = vec![Vec::new(); tables.len()];
    // needs[t] = the (column, table) references of t still to be satisfied.
    let mut needs: Vec<Vec<(usize, usize)>> = vec![Vec::new(); tables.len()];
    for (t, table) in tables.iter().enumerate() {
        for fk in &table.foreign_keys {
            match index.get(&fk.table.to_ascii_lowercase()) {
                // A self-reference that refuses NULL relies on rows coming in key order.
                Some(&target) if target == t && !table.columns[fk.column].not_null => {
                    deferred[t].push(fk.column)
                }
                Some(&target) if target == t => {}
                Some(&target) => needs[t].push((fk.column, target)),
                None => {}
            }
        }
    }
    let mut done = vec![false; tables.len()];
    let mut order = Vec::with_capacity(tables.len());
    let by_name: Vec<usize> = index.values().copied().collect();
    while order.len() < tables.len() {
        let free: BTreeSet<usize> = by_name
            .iter()
            .copied()
            .filter(|&t| !done[t] && needs[t].iter().all(|&(_, target)| done[target]))
            .collect();
        if let Some(&t) = by_name.iter().find(|t| free.contains(t)) {
            done[t] = true;
            order.push(t);
            continue;
        }
        // A cycle: defer one nullable reference among the waiting tables.
        let breakable = by_name.iter().copied().filter(|&t| !done[t]).find_map(|t| {
            needs[t]
                .iter()
                .position(|&(column, target)| !done[target] && !tables[t].columns[column].not_null)
                .map(|k| (t, k))
        });
        match breakable {
            Some((t, k)) => {
                let (column, _) = needs[t].remove(k);
                deferred[t].push(column);
            }
            None => {
                let waiting =
                    by_name.iter().filter(|&&t| !done[t]).map(|&t| tables[t].name.clone()).collect();
                return Err(Cycle(waiting));
            }
        }
    }
    for d in &mut deferred {
        d.sort_unstable();
        d.dedup();
    }
    Ok(Plan { order, deferred })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::copy::catalog::{Column, ForeignKey};

    fn table(name: &str, columns: &[(&str, bool)], fks: &[(usize, &str)]) -> Table {
        Table {
            name: name.into(),
            columns: columns.iter().map(|(n, nn)| Column { name: (*n).into(), not_null: *nn }).collect(),
            primary_key: vec![0],
            foreign_keys: fks.iter().map(|(c, t)| ForeignKey { column: *c, table: (*t).into() }).collect(),
        }
    }

    #[test]
    fn referenced_tables_come_first_and_self_references_are_deferred() {
        let tables = [
            table(
                "codings",
                &[("id", true), ("doc_id", true), ("recoded_from", false)],
                &[(1, "documents"), (2, "codings")],
            ),
            table("documents", &[("id", true), ("previous_version", false)], &[(1, "Documents")]),
            table("audit", &[("id", true)], &[]),
        ];
        let plan = plan(&tables).unwrap();
        let names: Vec<&str> = plan.order.iter().map(|&i| tables[i].name.as_str()).collect();
        assert_eq!(names, ["audit", "documents", "codings"]);
        assert_eq!(plan.deferred, [vec![2], vec![1], vec![]]);
    }

    #[test]
    fn a_cycle_is_broken_at_a_nullable_column_and_refused_without_one() {
        let tables = [
            table("a", &[("id", true), ("b_id", true)], &[(1, "b")]),
            table("b", &[("id", true), ("a_id", false)], &[(1, "a")]),
        ];
        let plan = plan(&tables).unwrap();
        assert_eq!(plan.order, [1, 0]);
        assert_eq!(plan.deferred, [vec![], vec![1]]);
        let strict = [
            table("a", &[("id", true), ("b_id", true)], &[(1, "b")]),
            table("b", &[("id", true), ("a_id", true)], &[(1, "a")]),
        ];
        assert_eq!(super::plan(&strict), Err(Cycle(vec!["a".into(), "b".into()])));
    }
}
