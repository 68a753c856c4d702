//! Versioned schema migrations, one sequence per component.

use rusqlite::{params, Connection, OptionalExtension};

use crate::{Error, Result};

pub(crate) fn apply(conn: &Connection, component: &str, steps: &[&str]) -> Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_versions (
            component TEXT PRIMARY KEY,
            version INTEGER NOT NULL
        );",
    )?;
    let current: i64 = conn
        .query_row("SELECT version FROM schema_versions WHERE component = ?1", [component], |r| r.get(0))
        .optional()?
        .unwrap_or(0);
    let known = steps.len() as i64;
    if current > known {
        return Err(Error::SchemaTooNew { component: component.to_string(), found: current, known });
    }
    for (i, sql) in steps.iter().enumerate().skip(current as usize) {
        let version = i as i64 + 1;
        conn.execute_batch("BEGIN IMMEDIATE")?;
        let applied = conn.execute_batch(sql).and_then(|()| {
            conn.execute(
                "INSERT INTO schema_versions (component, version) VALUES (?1, ?2)
                 ON CONFLICT(component) DO UPDATE SET version = excluded.version",
                params![component, version],
            )
        });
        match applied {
            Ok(_) => conn.execute_batch("COMMIT")?,
            Err(e) => {
                conn.execute_batch("ROLLBACK")?;
                return Err(e.into());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_once_and_refuses_newer() {
        let conn = Connection::open_in_memory().unwrap();
        let steps = ["CREATE TABLE a (x INTEGER);", "ALTER TABLE a ADD COLUMN y TEXT;"];
        apply(&conn, "t", &steps[..1]).unwrap();
        apply(&conn, "t", &steps).unwrap();
        apply(&conn, "t", &steps).unwrap();
        let v: i64 = conn.query_row("SELECT version FROM schema_versions", [], |r| r.get(0)).unwrap();
        assert_eq!(v, 2);
        assert!(matches!(apply(&conn, "t", &steps[..1]), Err(Error::SchemaTooNew { .. })));
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
