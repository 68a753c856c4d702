//! Copying a whole project's rows from one database to another, either back
//! end to either, ids kept.
//!
//! The tables are found in the databases' own catalogs (nothing is listed
//! here, so tables added later are copied too) and filled in foreign-key
//! order; the target's tables must already exist (each component's
//! migrations made them) with the same columns. The source is read in one
//! snapshot and the target written in one transaction: an interrupted copy
//! leaves the target as it was. Rows travel in batches of bounded size, read
//! by primary key ranges, so memory does not grow with the corpus.

pub mod catalog;
mod order;
mod reader;

pub use order::Cycle;

use catalog::{quote, Table};
use reader::Reader;

use crate::{insert_rows, params_from_iter, Backend, Connection, Error, Value};

/// Roughly how many bytes of row values one batch holds.
pub const BATCH_BYTES: usize = 8 << 20;

/// The table every migration keeps its versions in: made by the migrations
/// on the target, never copied.
const VERSIONS_TABLE: &str = "schema_versions";

/// Why a copy did not happen (nothing was written to the target).
#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    /// A database refused or failed.
    #[error(transparent)]
    Store(#[from] Error),
    /// The source holds a table the target lacks.
    #[error("the target has no table `{0}`, which the source holds (its component's tables were not created there)")]
    MissingTable(String),
    /// A table's columns differ between source and target.
    #[error("table `{table}` has the columns {source_columns:?} in the source but {target_columns:?} in the target")]
    Columns {
        /// The table.
        table: String,
        /// The source's columns.
        source_columns: Vec<String>,
        /// The target's columns.
        target_columns: Vec<String>,
    },
    /// No filling order exists.
    #[error(transparent)]
    Cycle(#[from] Cycle),
    /// A table that references itself has no primary key to set the
    /// reference by once its rows are in.
    #[error("table `{0}` references itself but has no primary key")]
    NoKey(String),
}

/// How many rows one table received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCopy {
    /// The table (the target's spelling).
    pub table: String,
    /// Rows copied.
    pub rows: u64,
}

/// A table of the source and its counterpart in the target.
struct Pair {
    source: Table,
    target: Table,
    /// For each target column, the source column that fills it.
    from: Vec<usize>,
}

/// Copies every row of every table of `source` into `target`, except the
/// tables named in `skip` (derived state, compared without case) and the
/// migration versions. `progress` is told the rows copied so far and the
/// total. Returns the rows per table, in filling order.
pub fn copy_database(
    source: &Connection,
    target: &Connection,
    skip: &[&str],
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Vec<TableCopy>, CopyError> {
    let skipped = |name: &str| {
        name.eq_ignore_ascii_case(VERSIONS_TABLE) || skip.iter().any(|s| s.eq_ignore_ascii_case(name))
    };
    let target_names = catalog::table_names(target)?;
    let mut pairs = Vec::new();
    for name in catalog::table_names(source)?.into_iter().filter(|n| !skipped(n)) {
        let target_name = target_names
            .iter()
            .find(|t| t.eq_ignore_ascii_case(&name))
            .ok_or_else(|| CopyError::MissingTable(name.clone()))?;
        pairs.push(pair(catalog::table(source, &name)?, catalog::table(target, target_name)?)?);
    }
    let targets: Vec<Table> = pairs.iter().map(|p| p.target.clone()).collect();
    let plan = order::plan(&targets)?;

    // One snapshot of the source, so a project in use is copied as it stood.
    let snapshot = source.unchecked_transaction()?;
    if source.backend() == Backend::Postgres {
        snapshot.execute_batch("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")?;
    }
    let mut total = 0u64;
    for p in &pairs {
        let n: i64 =
            source.query_row(&format!("SELECT count(*) FROM {}", quote(&p.source.name)), [], |r| r.get(0))?;
        total += u64::try_from(n).unwrap_or(0);
    }
    let writing = target.write_transaction()?;
    let mut done = 0u64;
    progress(done, total);
    let mut summary = Vec::with_capacity(pairs.len());
    for &t in &plan.order {
        let rows = copy_table(source, target, &pairs[t], &plan.deferred[t], &mut |n| {
            done += n;
            progress(done, total);
        })?;
        summary.push(TableCopy { table: pairs[t].target.name.clone(), rows });
    }
    for &t in &plan.order {
        set_deferred(source, target, &pairs[t], &plan.deferred[t])?;
    }
    for p in &pairs {
        continue_sequences(target, &p.target.name)?;
    }
    writing.commit()?;
    drop(snapshot);
    Ok(summary)
}

/// The source and target descriptions of one table, checked to have the
/// same columns (by name, without case).
fn pair(source: Table, target: Table) -> Result<Pair, CopyError> {
    let from: Option<Vec<usize>> = target.columns.iter().map(|c| source.column(&c.name)).collect();
    match from {
        Some(from) if source.columns.len() == target.columns.len() => Ok(Pair { source, target, from }),
        _ => Err(CopyError::Columns {
            table: target.name.clone(),
            source_columns: source.columns.iter().map(|c| c.name.clone()).collect(),
            target_columns: target.columns.iter().map(|c| c.name.clone()).collect(),
        }),
    }
}

/// Copies one table's rows; the `deferred` target columns are written as
/// NULL (set later by [`set_deferred`]). Returns the rows copied.
fn copy_table(
    source: &Connection,
    target: &Connection,
    p: &Pair,
    deferred: &[usize],
    copied: &mut dyn FnMut(u64),
) -> Result<u64, CopyError> {
    let columns: Vec<String> = p.target.columns.iter().map(|c| quote(&c.name)).collect();
    let insert = format!("INSERT INTO {} ({})", quote(&p.target.name), columns.join(", "));
    let mut reader = Reader::new(&p.source, p.from.clone());
    let mut rows = 0u64;
    while let Some(batch) = reader.next_batch(source)? {
        let values: Vec<Value> = batch
            .into_iter()
            .flat_map(|row| {
                row.into_iter().enumerate().map(|(i, v)| if deferred.contains(&i) { Value::Null } else { v })
            })
            .collect();
        let n = insert_rows(target, &insert, columns.len(), &values)? as u64;
        rows += n;
        copied(n);
    }
    Ok(rows)
}

/// Sets the `deferred` columns of a table whose rows are all in, from the
/// source, by primary key.
fn set_deferred(
    source: &Connection,
    target: &Connection,
    p: &Pair,
    deferred: &[usize],
) -> Result<(), CopyError> {
    if deferred.is_empty() {
        return Ok(());
    }
    if p.target.primary_key.is_empty() {
        return Err(CopyError::NoKey(p.target.name.clone()));
    }
    let key = &p.target.primary_key;
    let sets: Vec<String> = deferred
        .iter()
        .enumerate()
        .map(|(i, &c)| format!("{} = ?{}", quote(&p.target.columns[c].name), i + 1))
        .collect();
    let wheres: Vec<String> = key
        .iter()
        .enumerate()
        .map(|(i, &c)| format!("{} = ?{}", quote(&p.target.columns[c].name), deferred.len() + i + 1))
        .collect();
    let sql =
        format!("UPDATE {} SET {} WHERE {}", quote(&p.target.name), sets.join(", "), wheres.join(" AND "));
    // Read the deferred columns, then the key, of every source row.
    let wanted: Vec<usize> = deferred.iter().chain(key.iter()).map(|&c| p.from[c]).collect();
    let mut reader = Reader::new(&p.source, wanted);
    while let Some(batch) = reader.next_batch(source)? {
        for row in batch.iter().filter(|row| row[..deferred.len()].iter().any(|v| *v != Value::Null)) {
            target.execute(&sql, params_from_iter(row.iter()))?;
        }
    }
    Ok(())
}

/// Moves the sequences of a PostgreSQL table's identity columns past the
/// largest id copied, so the next row gets a fresh id.
fn continue_sequences(target: &Connection, table: &str) -> Result<(), CopyError> {
    for column in catalog::sequence_columns(target, table)? {
        let sql = format!(
            "SELECT setval(pg_get_serial_sequence(?1, ?2), COALESCE(max({}), 0) + 1, false) FROM {}",
            quote(&column),
            quote(table)
        );
        target.query_row(&sql, [quote(table), column.clone()], |r| r.get::<_, Option<i64>>(0))?;
    }
    Ok(())
}

/// The tables of `conn` that hold at least one row (the migration versions
/// left out): an empty project, or an empty database, has none.
pub fn tables_with_rows(conn: &Connection) -> Result<Vec<String>, CopyError> {
    let mut found = Vec::new();
    for name in catalog::table_names(conn)? {
        if name.eq_ignore_ascii_case(VERSIONS_TABLE) {
            continue;
        }
        let any: bool =
            conn.query_row(&format!("SELECT EXISTS (SELECT 1 FROM {})", quote(&name)), [], |r| r.get(0))?;
        if any {
            found.push(name);
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests;
