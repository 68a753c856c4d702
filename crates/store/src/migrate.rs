//! Versioned schema migrations, one sequence per component, the same list
//! for both back ends (PostgreSQL gets the DDL rewritten by [`crate::dialect`]).

use crate::{params, Backend, Connection, Error, OptionalExtension, Result};

/// A component's schema is newer than this program knows.
#[derive(Debug, thiserror::Error)]
#[error("the {component} tables are at version {found}, newer than this program knows ({known}); update policyscope")]
pub struct SchemaTooNew {
    /// The component.
    pub component: String,
    /// Its version in the database.
    pub found: i64,
    /// The newest this program knows.
    pub known: i64,
}

/// Applies the not-yet-applied `steps` of `component` (step `i` is version
/// `i + 1`), each in its own transaction. `Ok(Err(..))` when the database is
/// newer than `steps`.
pub fn apply(conn: &Connection, component: &str, steps: &[&str]) -> Result<Result<(), SchemaTooNew>> {
    conn.execute_migration(
        "CREATE TABLE IF NOT EXISTS schema_versions (
            component TEXT PRIMARY KEY,
            version INTEGER NOT NULL
        );",
    )?;
    let known = steps.len() as i64;
    let current = version(conn, component)?;
    if current > known {
        return Ok(Err(SchemaTooNew { component: component.to_string(), found: current, known }));
    }
    for (i, sql) in steps.iter().enumerate().skip(current as usize) {
        let step = i as i64 + 1;
        let sqlite_only = sql.contains(SQLITE_ONLY);
        let rebuild = conn.backend() == Backend::Sqlite && sql.contains(REBUILDS_TABLES);
        if rebuild {
            // A table that others reference can only be rebuilt with foreign
            // keys off, which SQLite allows only outside a transaction.
            conn.execute_batch("PRAGMA foreign_keys = OFF")?;
        }
        let applied = apply_step(conn, component, step, sql, sqlite_only);
        if rebuild {
            let broken =
                conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get::<_, i64>(0));
            conn.execute_batch("PRAGMA foreign_keys = ON")?;
            applied?;
            if broken? > 0 {
                return Err(Error::ToSqlConversionFailure(
                    0,
                    format!("{component} step {step} left broken references"),
                ));
            }
        } else {
            applied?;
        }
    }
    Ok(Ok(()))
}

/// Marks a step that only the embedded SQLite database needs (e.g. rebuilding
/// a table to give it a property PostgreSQL's has already): on PostgreSQL the
/// step is recorded as applied without running.
pub const SQLITE_ONLY: &str = "-- policyscope: sqlite only";

/// Marks a step that rebuilds tables other tables reference: on SQLite it
/// runs with foreign keys off, and every reference is checked after it.
pub const REBUILDS_TABLES: &str = "-- policyscope: rebuilds tables";

fn apply_step(conn: &Connection, component: &str, step: i64, sql: &str, sqlite_only: bool) -> Result<()> {
    let tx = conn.write_transaction()?;
    // Another process may have applied it meanwhile (two servers starting).
    if version(&tx, component)? >= step {
        return tx.commit();
    }
    if !(sqlite_only && conn.backend() == Backend::Postgres) {
        tx.execute_migration(sql)?;
    }
    tx.execute(
        "INSERT INTO schema_versions (component, version) VALUES (?1, ?2)
         ON CONFLICT(component) DO UPDATE SET version = excluded.version",
        params![component, step],
    )?;
    tx.commit()
}

/// The applied version of `component` (0 when none).
pub fn version(conn: &Connection, component: &str) -> Result<i64> {
    Ok(conn
        .query_row("SELECT version FROM schema_versions WHERE component = ?1", [component], |r| r.get(0))
        .optional()?
        .unwrap_or(0))
}

impl From<SchemaTooNew> for Error {
    fn from(e: SchemaTooNew) -> Error {
        Error::ToSqlConversionFailure(0, e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_once_and_refuses_newer() {
        let conn = Connection::open_in_memory().unwrap();
        let steps = ["CREATE TABLE a (x INTEGER);", "ALTER TABLE a ADD COLUMN y TEXT;"];
        apply(&conn, "t", &steps[..1]).unwrap().unwrap();
        apply(&conn, "t", &steps).unwrap().unwrap();
        apply(&conn, "t", &steps).unwrap().unwrap();
        assert_eq!(version(&conn, "t").unwrap(), 2);
        assert!(apply(&conn, "t", &steps[..1]).unwrap().is_err());
    }

    #[test]
    fn a_rebuilt_referenced_table_keeps_its_rows_and_references() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
        let first = "CREATE TABLE p (id INTEGER PRIMARY KEY, x TEXT);
                     CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p(id));
                     INSERT INTO p (id, x) VALUES (1, 'a'), (2, 'b'); INSERT INTO c (p_id) VALUES (2);";
        let rebuild = "-- policyscope: sqlite only\n-- policyscope: rebuilds tables\n
                       CREATE TABLE p2 (id INTEGER PRIMARY KEY AUTOINCREMENT, x TEXT);
                       INSERT INTO p2 (id, x) SELECT id, x FROM p; DROP TABLE p; ALTER TABLE p2 RENAME TO p;";
        apply(&conn, "t", &[first, rebuild]).unwrap().unwrap();
        // The highest id, deleted, is not given again.
        conn.execute("DELETE FROM p WHERE id = 1", []).unwrap();
        conn.execute("DELETE FROM c", []).unwrap();
        conn.execute("DELETE FROM p WHERE id = 2", []).unwrap();
        let next: i64 =
            conn.query_row("INSERT INTO p (x) VALUES ('c') RETURNING id", [], |r| r.get(0)).unwrap();
        assert_eq!(next, 3);
        // References still hold, and foreign keys are on again.
        assert!(conn.execute("INSERT INTO c (p_id) VALUES (99)", []).is_err());
        assert_eq!(version(&conn, "t").unwrap(), 2);
    }

    #[test]
    fn failed_step_leaves_nothing() {
        let conn = Connection::open_in_memory().unwrap();
        assert!(apply(&conn, "t", &["CREATE TABLE b (x); THIS IS NOT SQL;"]).is_err());
        let n: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_master WHERE name = 'b'", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 0);
    }
}
