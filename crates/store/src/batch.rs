//! Many rows in few statements: multi-row `INSERT ... VALUES (..), (..)`.
//!
//! On PostgreSQL every statement is a round trip to the server, so inserting
//! a document's thousands of passages one row at a time costs more in
//! waiting than in work. The same SQL serves SQLite, where it saves little
//! but costs nothing.

use crate::params::params_from_iter;
use crate::value::Value;
use crate::{Connection, Error, Result};

/// The most parameters one statement binds: below SQLite's limit (32 766)
/// and PostgreSQL's (65 535), with room to spare.
const MAX_PARAMETERS: usize = 16_384;

/// The most rows one statement inserts.
const MAX_ROWS: usize = 512;

/// Inserts rows of `width` values each, given one after the other in
/// `values`, with `insert` (`INSERT INTO t (a, b, c)`) followed by as many
/// `VALUES` groups as fit one statement; returns how many rows were inserted.
///
/// Statements insert a power of two of rows (the remainder is split in
/// halves), so that a few prepared statements serve every count. Run it
/// inside a transaction to have all the rows or none.
pub fn insert_rows(conn: &Connection, insert: &str, width: usize, values: &[Value]) -> Result<usize> {
    if width == 0 || !values.len().is_multiple_of(width) {
        return Err(Error::ToSqlConversionFailure(
            0,
            format!("{} values do not make rows of {width}", values.len()),
        ));
    }
    let largest = largest_chunk(width);
    let mut rest = values;
    let mut inserted = 0;
    while !rest.is_empty() {
        let rows = rest.len() / width;
        // The largest power of two of rows that fits, at most `largest`.
        let take = if rows >= largest { largest } else { 1 << rows.ilog2() };
        let (chunk, tail) = rest.split_at(take * width);
        inserted += conn.execute(&statement(insert, width, take), params_from_iter(chunk.iter()))?;
        rest = tail;
    }
    Ok(inserted)
}

/// The most rows per statement for rows of `width`: a power of two.
fn largest_chunk(width: usize) -> usize {
    let fit = (MAX_PARAMETERS / width).clamp(1, MAX_ROWS);
    1 << fit.ilog2()
}

/// `insert VALUES (?1, ?2), (?3, ?4), …` for `rows` rows of `width`.
fn statement(insert: &str, width: usize, rows: usize) -> String {
    let mut sql = String::with_capacity(insert.len() + rows * width * 7);
    sql.push_str(insert);
    sql.push_str(" VALUES ");
    for row in 0..rows {
        if row > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for column in 0..width {
            if column > 0 {
                sql.push_str(", ");
            }
            sql.push('?');
            sql.push_str(&(row * width + column + 1).to_string());
        }
        sql.push(')');
    }
    sql
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_number_their_parameters_row_after_row() {
        assert_eq!(statement("INSERT INTO t (a, b)", 2, 2), "INSERT INTO t (a, b) VALUES (?1, ?2), (?3, ?4)");
        assert_eq!(largest_chunk(6), 512);
        assert_eq!(largest_chunk(100), 128);
        assert_eq!(largest_chunk(40_000), 1);
    }

    #[test]
    fn every_row_arrives_in_order_whatever_the_count() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (i INTEGER, s TEXT)").unwrap();
        for count in [0usize, 1, 2, 3, 511, 512, 513, 1300] {
            conn.execute("DELETE FROM t", []).unwrap();
            let values: Vec<Value> = (0..count)
                .flat_map(|i| [Value::Integer(i as i64), Value::Text(format!("row {i}"))])
                .collect();
            assert_eq!(insert_rows(&conn, "INSERT INTO t (i, s)", 2, &values).unwrap(), count);
            let mut stmt = conn.prepare("SELECT i, s FROM t ORDER BY rowid").unwrap();
            let rows: Vec<(i64, String)> =
                stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_>>().unwrap();
            assert_eq!(rows.len(), count);
            assert!(rows.iter().enumerate().all(|(i, (n, s))| *n == i as i64 && *s == format!("row {i}")));
        }
    }

    #[test]
    fn values_that_do_not_make_whole_rows_are_refused() {
        let conn = Connection::open_in_memory().unwrap();
        assert!(insert_rows(&conn, "INSERT INTO t (a, b)", 2, &[Value::Null]).is_err());
        assert!(insert_rows(&conn, "INSERT INTO t (a, b)", 0, &[]).is_err());
    }
}
