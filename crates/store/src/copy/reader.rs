//! Reading a table in batches of bounded size, by ranges of its primary key
//! (keyset paging: each batch starts after the last key of the one before,
//! so every batch costs the same however far into the table it is).

use super::catalog::{quote, Table};
use super::BATCH_BYTES;
use crate::{params_from_iter, Backend, Connection, Result, Value};

/// The fewest and most rows in a batch; between them the size follows
/// [`BATCH_BYTES`] and the rows seen so far.
const MIN_ROWS: usize = 1;
const MAX_ROWS: usize = 5_000;

/// Reads chosen columns of one table, batch after batch.
pub(crate) struct Reader {
    table: String,
    /// The selected expressions: the wanted columns, then the key's.
    select: Vec<String>,
    wanted: usize,
    /// How the rows are ordered and paged.
    paging: Paging,
    /// The key of the last row read; `None` before the first batch.
    last_key: Option<Vec<Value>>,
    /// Rows read so far, for paging without a key.
    offset: i64,
    limit: usize,
    finished: bool,
}

enum Paging {
    /// By these key expressions (the last `n` selected).
    Key(Vec<String>),
    /// A table without any key: by every column, with an offset.
    Offset,
}

impl Reader {
    /// A reader of the columns `wanted` (indexes into `table.columns`).
    pub(crate) fn new(table: &Table, wanted: Vec<usize>) -> Reader {
        let mut select: Vec<String> = wanted.iter().map(|&c| quote(&table.columns[c].name)).collect();
        let key: Vec<String> = if table.primary_key.is_empty() {
            // A SQLite table without a declared key still has its rowid.
            Vec::new()
        } else {
            table.primary_key.iter().map(|&c| quote(&table.columns[c].name)).collect()
        };
        let paging = if key.is_empty() { Paging::Offset } else { Paging::Key(key.clone()) };
        select.extend(key);
        Reader {
            table: table.name.clone(),
            select,
            wanted: wanted.len(),
            paging,
            last_key: None,
            offset: 0,
            limit: 16,
            finished: false,
        }
    }

    /// The next batch of rows (the wanted columns, in order), or `None` at
    /// the end of the table.
    pub(crate) fn next_batch(&mut self, conn: &Connection) -> Result<Option<Vec<Vec<Value>>>> {
        if self.finished {
            return Ok(None);
        }
        let (sql, params) = self.query(conn);
        let width = self.select.len();
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt
            .query_map(params_from_iter(params), |r| {
                (0..width).map(|i| r.get::<_, Value>(i)).collect::<Result<Vec<_>>>()
            })?
            .collect::<Result<Vec<_>>>()?;
        if rows.len() < self.limit {
            self.finished = true;
        }
        if rows.is_empty() {
            return Ok(None);
        }
        let bytes: usize = rows.iter().flatten().map(size).sum();
        self.offset += rows.len() as i64;
        if let (Paging::Key(_), Some(last)) = (&self.paging, rows.last()) {
            self.last_key = Some(last[self.wanted..].to_vec());
        }
        for row in &mut rows {
            row.truncate(self.wanted);
        }
        // Aim the next batch at the byte budget, by this batch's row size.
        let per_row = (bytes / rows.len()).max(1);
        self.limit = (BATCH_BYTES / per_row).clamp(MIN_ROWS, MAX_ROWS);
        Ok(Some(rows))
    }

    fn query(&self, conn: &Connection) -> (String, Vec<Value>) {
        let columns = self.select.join(", ");
        let table = quote(&self.table);
        let limit = Value::Integer(self.limit as i64);
        match &self.paging {
            Paging::Key(key) => {
                let order = key.join(", ");
                match &self.last_key {
                    None => (format!("SELECT {columns} FROM {table} ORDER BY {order} LIMIT ?1"), vec![limit]),
                    Some(last) => {
                        let marks: Vec<String> = (1..=last.len()).map(|i| format!("?{i}")).collect();
                        let (left, right) = if key.len() == 1 {
                            (order.clone(), marks.join(", "))
                        } else {
                            (format!("({order})"), format!("({})", marks.join(", ")))
                        };
                        let sql = format!(
                            "SELECT {columns} FROM {table} WHERE {left} > {right} ORDER BY {order} LIMIT ?{}",
                            last.len() + 1
                        );
                        let mut params = last.clone();
                        params.push(limit);
                        (sql, params)
                    }
                }
            }
            Paging::Offset => {
                let order = match conn.backend() {
                    Backend::Sqlite => "rowid".to_string(),
                    Backend::Postgres => {
                        (1..=self.select.len()).map(|i| i.to_string()).collect::<Vec<_>>().join(", ")
                    }
                };
                let sql = format!("SELECT {columns} FROM {table} ORDER BY {order} LIMIT ?1 OFFSET ?2");
                (sql, vec![limit, Value::Integer(self.offset)])
            }
        }
    }
}

/// About how many bytes a value takes in memory.
fn size(value: &Value) -> usize {
    match value {
        Value::Text(s) => s.len() + 24,
        Value::Blob(b) => b.len() + 24,
        _ => 16,
    }
}
